/* weixiu-admin as a shell script would use it: exit codes, one-line errors,
 * and demo → status showing orders in every state. */
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

#define Run WxTestRun

static const char *admin_cwd;   /* NULL: the test's own */

#define admin(r, ...) wx_test_admin ((r), admin_cwd, __VA_ARGS__)
#define count_lines wx_test_count_lines

static void
test_usage_errors (void)
{
  static const char *cases[][3] = {
    { "frobnicate", NULL, NULL },
    { "demo", "--scale", "lots" },
    { "user", "add", NULL },
    { "status", "--bogus", NULL },
    { "backup", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };
      admin (&r, NULL, "--db", "dbname=unused", cases[i][0], cases[i][1], cases[i][2], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "weixiu-admin: "));
      g_assert_cmpuint (count_lines (r.err), ==, 2);   /* the sentence and the --help hint */
    }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "user add NAME"));
  }
}

static void
test_unreachable_server (void)
{
  g_auto(Run) r = { 0 };

  admin (&r, NULL, "--db", "host=/nonexistent-socket-dir dbname=weixiu", "status", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "cannot be reached"));
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_init_user_demo_status (void)
{
  g_autofree char *ci = wx_test_db_create ("cli", FALSE);
  g_autofree char *user = g_strdup_printf ("li_si_%d", (int) getpid ());
  g_autofree char *pw_user = g_strdup_printf ("pw_%d", (int) getpid ());
  guint n_states;
  const WxStateInfo *states = wx_workflow_states (&n_states);

  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "init", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "init", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "already initialised"));
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "migrate", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Already up to date"));
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "user", "add", user, "--role", "engineer", "--role", "coordinator", "--name", "李四", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "user", "add", user, "--role", "engineer", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "user", "add", "wang_wu", "--role", "boss", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(PGconn) conn = wx_test_db_connect (ci);
    g_autofree char *sql = g_strdup_printf ("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = '%s'", pw_user);
    g_autofree char *has_pw = NULL;

    admin (&r, "s3cret-密码\n", "--db", ci, "user", "add", pw_user, "--role", "supervisor", "--password-stdin", NULL);
    g_assert_cmpint (r.status, ==, 0);
    has_pw = wx_test_db_value (conn, sql);
    g_assert_cmpstr (has_pw, ==, "t");
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "user", "list", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, user));
    g_assert_nonnull (strstr (r.out, "李四"));
    g_assert_nonnull (strstr (r.out, "wx_coordinator,wx_engineer"));
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", ci, "demo", "--scale", "120", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    g_auto(GStrv) lines = NULL;
    guint seen = 0;

    admin (&r, NULL, "--db", ci, "status", NULL);
    g_assert_cmpint (r.status, ==, 0);
    lines = g_strsplit (r.out, "\n", -1);
    /* "  received   12  Received": every state has orders. */
    for (guint s = 0; s < n_states; s++)
      for (guint i = 0; lines[i]; i++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[i]));
          g_auto(GStrv) words = g_strsplit_set (line, " ", -1);
          guint w = 0;
          char *fields[2] = { NULL, NULL };

          for (guint k = 0; words[k] && w < 2; k++)
            if (*words[k])
              fields[w++] = words[k];
          if (w == 2 && g_str_equal (fields[0], states[s].code))
            {
              if (g_ascii_strtoll (fields[1], NULL, 10) <= 0)
                g_error ("state %s has no demo orders", states[s].code);
              seen++;
              break;
            }
        }
    g_assert_cmpuint (seen, ==, n_states);
    g_assert_nonnull (strstr (r.out, "total"));
    g_assert_nonnull (strstr (r.out, "       120"));
  }
}

/* A backup named relative to where the clerk is, restored elsewhere. */
static void
test_backup_restore_relative (void)
{
  g_autofree char *source = wx_test_db_create ("cli_bk_src", TRUE);
  g_autofree char *target = wx_test_db_create ("cli_bk_dst", FALSE);
  g_autofree char *dir = g_dir_make_tmp ("wx-cli-backup-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "shop.dump", NULL);

  admin_cwd = dir;
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", source, "backup", "shop.dump", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", target, "restore", "shop.dump", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    admin (&r, NULL, "--db", target, "restore", "missing.dump", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }
  admin_cwd = NULL;
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (target);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM workflow_states"), ==, 22);
  }
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/unreachable-server", test_unreachable_server);
  g_test_add_func ("/cli/init-user-demo-status", test_init_user_demo_status);
  g_test_add_func ("/cli/backup-restore-relative", test_backup_restore_relative);
  return g_test_run ();
}

/* `weixiu-admin jobs run` with no window open: at a scripted time it
 * escalates, lists the callbacks, archives the week and the month exactly
 * once although two runs overlap, and makes the nightly backup (0600, its
 * folder 0700, the rotation; no password on any command line). */
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-jobs.h"
#include "wx-test-db.h"

/* Monday 2026-11-23 00:10 in Shanghai: the week 2026-W47 (16–22 Nov) and
 * October are complete; the demo's "now" is five days earlier. */
#define RUN_AT "2026-11-23T00:10:00+08:00"

static GSubprocess *
start_jobs (const char *conninfo, const char *backup_dir, GError **error)
{
  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                           g_getenv ("WX_ADMIN"), "--db", conninfo, "jobs", "run", "--once",
                           "--at", RUN_AT, "--backup-dir", backup_dir, NULL);
}

static void
finish_jobs (GSubprocess *p, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (p, NULL, NULL, out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (p))
    g_printerr ("jobs run said: %s%s\n", *out, err);
  g_assert_true (g_subprocess_get_successful (p));
}

/* The archived weekly workbook, read back by openpyxl (Debian's python3):
 * a sheet per table, the week in the title, and the whole shop's orders a
 * number equal to the orders received in the week. */
static const char read_xlsx_py[] =
  "import sys, openpyxl\n"
  "book = openpyxl.load_workbook(sys.argv[1])\n"
  "print('sheets', len(book.sheetnames))\n"
  "sheet = book[book.sheetnames[0]]\n"
  "print('title', sheet['A1'].value.endswith('Weekly report 2026-W47'))\n"
  "number = lambda v: 'number' if isinstance(v, (int, float)) else repr(v)\n"
  "rows = [r for r in sheet.iter_rows(values_only=True)]\n"
  "heads = rows[4]\n"
  "total = rows[-1]\n"
  "print('total', total[0], type(total[heads.index('Orders')]).__name__, total[heads.index('Orders')])\n"
  "print('revenue', number(total[heads.index('Revenue')]))\n"
  "print('share', number(total[heads.index('SLA met')]))\n";

static void
check_xlsx (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xlsx = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GSubprocess) p = NULL;
  int fd = g_file_open_tmp ("wx-week-XXXXXX.xlsx", &path, &error);
  gint64 orders = wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders WHERE received_at >= '2026-11-16T00:00:00+08:00'"
    "   AND received_at < '2026-11-23T00:00:00+08:00'");
  gint64 id = wx_test_db_count (conn, "SELECT id FROM report_archive"
                                      " WHERE kind = 'weekly' AND period = '2026-W47' AND format = 'xlsx'");

  g_assert_no_error (error);
  close (fd);
  xlsx = wx_db_report_archive_get (conn, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (xlsx, NULL), (gssize) g_bytes_get_size (xlsx), &error));
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        "/usr/bin/python3", "-c", read_xlsx_py, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (p))
    g_printerr ("openpyxl said: %s\n", err);
  g_assert_true (g_subprocess_get_successful (p));
  g_assert_cmpint (orders, >, 0);
  expected = g_strdup_printf ("sheets 7\ntitle True\ntotal Whole shop int %" G_GINT64_FORMAT
                              "\nrevenue number\nshare number\n", orders);
  g_assert_cmpstr (out, ==, expected);
  g_unlink (path);
}

static void
test_jobs_overlap (void)
{
  g_autofree char *conninfo = wx_test_db_create ("jobs_overlap", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wx-jobs-XXXXXX", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autofree char *out_a = NULL;
  g_autofree char *out_b = NULL;
  g_autofree char *out_c = NULL;
  g_autoptr(GSubprocess) c = NULL;
  g_autoptr(GPtrArray) archive = NULL;
  gint64 escalations, callbacks, on_site;

  wx_db_demo_load (conn, 120, now, &error);
  g_assert_no_error (error);
  /* Engineers who arrived on site (the demo's) and recorded nothing since. */
  on_site = wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders o WHERE o.state = 'on_site'"
    "   AND (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'arrive')"
    "       < '" RUN_AT "'::timestamptz - interval '4 hours'");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE trigger = 'on_site_long'"), ==, 0);

  /* Two runs at once (two timers, or the timer and a PC's app). */
  a = start_jobs (conninfo, backups, &error);
  g_assert_no_error (error);
  b = start_jobs (conninfo, backups, &error);
  g_assert_no_error (error);
  finish_jobs (a, &out_a);
  finish_jobs (b, &out_b);

  /* Each report once as PDF and once as xlsx; the PDF is a PDF of that
   * week, the workbook reads back with openpyxl. */
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"), ==, 4);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"
                                           " WHERE kind = 'weekly' AND period = '2026-W47' AND format = 'pdf'"
                                           "   AND substr(content, 1, 5) = '%PDF-'::bytea"), ==, 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"
                                           " WHERE kind = 'monthly' AND period = '2026-10'"), ==, 2);
  check_xlsx (conn);
  archive = wx_db_report_archive_list (conn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 4);
  {
    WxArchivedReport *r = g_ptr_array_index (archive, 0);
    g_autoptr(GBytes) pdf = wx_db_report_archive_get (conn, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint ((gint64) g_bytes_get_size (pdf), ==, r->size);
  }

  /* The sweeps ran: escalations of every kind they make, callbacks listed,
   * each job logged by the run that held the lock. */
  escalations = wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE raised_by IS NOT NULL AND trigger <> 'manual'");
  callbacks = wx_test_db_count (conn, "SELECT count(*) FROM callbacks");
  g_assert_cmpint (escalations, >, 0);
  g_assert_cmpint (callbacks, >, 0);
  g_assert_cmpint (on_site, >, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE trigger = 'on_site_long'"), ==, on_site);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM job_runs WHERE ok"), >=, 4);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM job_runs WHERE NOT ok"), ==, 0);
  /* The outbox's sender is one of the jobs. */
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM job_runs WHERE job = 'messages' AND ok"
                                           " AND detail LIKE 'messages: % sent, %'"), >, 0);

  /* A third run changes nothing. */
  c = start_jobs (conninfo, backups, &error);
  g_assert_no_error (error);
  finish_jobs (c, &out_c);
  g_assert_nonnull (strstr (out_c, "2026-W47 was already archived"));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"), ==, 4);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE raised_by IS NOT NULL AND trigger <> 'manual'"), ==, escalations);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, callbacks);

  /* The staff read the archive, none writes it. */
  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM report_archive"), ==, 4);
  {
    g_autofree char *state = wx_test_db_sqlstate (conn, "DELETE FROM report_archive", 0, NULL);
    g_assert_cmpstr (state, ==, "42501");
    g_free (state);
    state = wx_test_db_sqlstate (conn, "SELECT wx_report_archive_put('weekly', '2026-W01', 'pdf', '\\x01')", 0, NULL);
    g_assert_cmpstr (state, ==, "42501");
  }
  wx_test_db_exec (conn, "RESET ROLE");
}

static gboolean
saw_secret (const char *secret, gboolean *saw_dump)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;
  gboolean found = FALSE;

  while (proc && (entry = g_dir_read_name (proc)))
    {
      g_autofree char *path = g_build_filename ("/proc", entry, "cmdline", NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      if (!g_ascii_isdigit (entry[0]) || !g_file_get_contents (path, &text, &len, NULL))
        continue;
      for (gsize i = 0; i + 1 < len; i++)
        if (text[i] == '\0')
          text[i] = ' ';
      if (strstr (text, "pg_dump"))
        *saw_dump = TRUE;
      if (strstr (text, secret) && !strstr (text, "test-jobs"))
        found = TRUE;
    }
  return found;
}

static void
test_jobs_backup (void)
{
  g_autofree char *conninfo = wx_test_db_create ("jobs_backup", TRUE);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wx-jobs-XXXXXX", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *made = g_build_filename (backups, "weixiu-2026-11-23.dump", NULL);
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDir) listing = NULL;
  gboolean saw_dump = FALSE, leaked = FALSE;
  guint left = 0;
  struct stat st;

  wx_db_demo_load (conn, 300, now, &error);
  g_assert_no_error (error);
  /* Nightly backups since 2025-10-01 already there. */
  g_assert_cmpint (g_mkdir (backups, 0755), ==, 0);
  {
    g_autoptr(GDate) d = g_date_new_dmy (1, G_DATE_OCTOBER, 2025);
    g_autoptr(GDate) end = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);

    for (; g_date_compare (d, end) <= 0; g_date_add_days (d, 1))
      {
        g_autofree char *name = g_strdup_printf ("weixiu-%04u-%02u-%02u.dump", g_date_get_year (d),
                                                 g_date_get_month (d), g_date_get_day (d));
        g_autofree char *path = g_build_filename (backups, name, NULL);
        g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      }
  }

  /* The password as the systemd unit gives it, in the environment (the
   * test server trusts the socket: it is only carried along). */
  g_subprocess_launcher_setenv (launcher, "PGPASSWORD", "Pw-7f3a:secret", TRUE);
  p = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("WX_ADMIN"), "--db", conninfo, "jobs", "run", "--once",
                                   "--at", RUN_AT, "--backup-dir", backups, NULL);
  g_assert_no_error (error);
  /* Watch every process's command line while it runs. */
  while (!g_file_test (made, G_FILE_TEST_EXISTS))
    {
      leaked |= saw_secret ("Pw-7f3a", &saw_dump);
      g_usleep (2000);
      if (g_subprocess_get_identifier (p) == NULL)
        break;
    }
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (p));
  g_assert_true (saw_dump);
  g_assert_false (leaked);

  /* The new backup and its folder are the owner's alone. */
  g_assert_cmpint (g_stat (made, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 10000);
  g_assert_cmpint (g_stat (backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* The rotation: 7 nights (17–23 Nov), the newest of 4 weeks (two of
   * them are among the 7, then 15 and 8 Nov), of 12 months (Nov's is the
   * 23rd; 31 Oct 2026 … 31 Dec 2025). */
  listing = g_dir_open (backups, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (listing))
    left++;
  g_assert_cmpuint (left, ==, 7 + 2 + 11);
  {
    static const char * const kept[] = { "2026-11-08", "2026-11-15", "2026-11-17", "2026-10-31", "2025-12-31" };
    static const char * const gone[] = { "2026-11-16", "2026-11-14", "2026-10-30", "2025-11-30", "2025-10-31" };

    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/weixiu-%s.dump", backups, kept[i]);
        g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      }
    for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/weixiu-%s.dump", backups, gone[i]);
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/jobs/overlap", test_jobs_overlap);
  g_test_add_func ("/jobs/backup", test_jobs_backup);
  return g_test_run ();
}

/* The private local server: created, migrated and given an admin login on
 * first use, reused after, stopped and started again with its data. */
#include <unistd.h>

#include <glib/gstdio.h>

#include "db/wx-db.h"
#include "db/wx-db-backup.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-server.h"
#include "wx-test-db.h"

static void
test_first_start_reuse_stop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  gboolean created = FALSE;
  gint64 t0, t1, t2;

  g_assert_true (g_str_has_prefix (data_dir, g_getenv ("XDG_DATA_HOME")));
  g_assert_true (g_str_has_suffix (data_dir, "/weixiu/db"));
  g_assert_false (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));

  t0 = g_get_monotonic_time ();
  first = wx_db_server_ensure (WX_DB_SERVER_AS_USER, &created, &error);
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_true (created);
  g_test_message ("private server first start (initdb + start + migrate): %.0f ms", (t1 - t0) / 1000.0);

  /* No TCP: the connection string names the private socket directory. */
  g_assert_nonnull (strstr (first, socket_dir));
  g_assert_true (g_file_test (socket_dir, G_FILE_TEST_IS_DIR));

  {
    g_autoptr(PGconn) conn = wx_test_db_connect (first);
    g_autofree char *listen = wx_test_db_value (conn, "SHOW listen_addresses");
    g_autofree char *me = wx_test_db_value (conn, "SELECT current_user");
    g_autofree char *super = wx_test_db_value (conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    g_autofree char *groups = wx_test_db_value (conn,
        "SELECT count(*) FROM unnest(ARRAY['wx_coordinator','wx_engineer','wx_supervisor','wx_admin']) g"
        " WHERE pg_has_role(current_user, g, 'MEMBER')");
    g_autofree char *staff = wx_test_db_value (conn, "SELECT count(*) FROM staff WHERE role_name = current_user");
    g_autofree char *forged = NULL;

    g_assert_cmpstr (listen, ==, "");
    g_assert_cmpstr (me, ==, g_get_user_name ());
    /* The user's login is an ordinary one: the GRANTs apply to it too. */
    g_assert_cmpstr (super, ==, "f");
    g_assert_cmpstr (groups, ==, "4");
    g_assert_cmpstr (staff, ==, "1");
    g_assert_cmpint (wx_db_schema_version (conn, &error), ==, wx_db_migrations_latest ());
    forged = wx_test_db_sqlstate (conn, "DELETE FROM order_events", 0, NULL);
    g_assert_cmpstr (forged, ==, "42501");
    /* A customer, as the staff create them: through intake. */
    wx_test_db_exec (conn, "SELECT * FROM wx_intake('{\"kind\": \"sale\", \"unit\": \"持久化测试\","
                           " \"phone\": \"13800138000\", \"product\": \"硒鼓\"}')");
  }

  /* Reuse: same server, nothing created. */
  second = wx_db_server_ensure (WX_DB_SERVER_AS_USER, &created, &error);
  t2 = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (second, ==, first);
  g_test_message ("private server reuse: %.0f ms", (t2 - t1) / 1000.0);

  /* The owner's login, for weixiu-admin. */
  owner = wx_db_server_ensure (WX_DB_SERVER_AS_OWNER, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (owner);
    g_autofree char *super = wx_test_db_value (conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    g_assert_cmpstr (super, ==, "t");
  }

  g_assert_true (wx_db_server_stop (&error));
  g_assert_no_error (error);
  g_assert_false (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));

  /* Started again: the data is still there. */
  third = wx_db_server_ensure (WX_DB_SERVER_AS_USER, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (third);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '持久化测试'"), ==, 1);
  }
}

/* Restore on the private server: the backup's data replaces the current
 * database, which is kept aside under another name. */
static void
test_private_backup_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = wx_db_server_ensure (WX_DB_SERVER_AS_OWNER, NULL, &error);
  g_autofree char *user = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("wx-private-backup-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "shop.dump", NULL);
  g_autofree char *kept = NULL;

  g_assert_no_error (error);
  g_assert_true (wx_db_backup (owner, file, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (user);
    wx_test_db_exec (conn, "SELECT * FROM wx_intake('{\"kind\": \"sale\", \"unit\": \"备份之后\","
                           " \"phone\": \"13800138000\", \"product\": \"硒鼓\"}')");
  }

  g_assert_true (wx_db_server_restore (file, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (kept, "weixiu_before_restore_"));
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (user);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_database WHERE datname = '%s'", kept);

    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '备份之后'"), ==, 0);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '持久化测试'"), ==, 1);
    g_assert_cmpint (wx_test_db_count (conn, sql), ==, 1);
  }

  /* A file that is not a backup changes nothing. */
  g_assert_true (g_file_set_contents (file, "not a backup", -1, NULL));
  g_assert_false (wx_db_server_restore (file, NULL, &error));
  g_assert_nonnull (error);
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (user);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '持久化测试'"), ==, 1);
  }
  g_unlink (file);
  g_rmdir (dir);
}

/* The runtime directory removed at logout while the server runs: the socket
 * is gone, the server is not. Next start finds and restarts it. */
static void
test_lost_socket (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  g_autofree char *ci = NULL;
  const char *rm[] = { "rm", "-rf", socket_dir, NULL };

  g_free (wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_assert_false (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));

  ci = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (ci);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '持久化测试'"), ==, 1);
  }
}

/* A crash leaves postmaster.pid naming a pid that is now another process. */
static void
test_stale_pid_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *pid_path = g_build_filename (data_dir, "postmaster.pid", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *ci = NULL;

  g_assert_true (wx_db_server_stop (&error));
  g_assert_no_error (error);
  /* pid 1 is alive but not our server. */
  stale = g_strdup_printf ("1\n%s\n1700000000\n5432\n/nonexistent-socket\n\n  5432001    123\nready   \n", data_dir);
  g_assert_true (g_file_set_contents (pid_path, stale, -1, NULL));

  ci = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));
  g_assert_true (wx_db_server_stop (&error));
  g_assert_no_error (error);
}

/* A socket directory someone else can open is refused, not used. */
static void
test_public_socket_dir_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  g_autofree char *ci = NULL;

  g_assert_false (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));
  g_mkdir_with_parents (socket_dir, 0700);
  g_assert_cmpint (g_chmod (socket_dir, 0777), ==, 0);
  if (geteuid () == 0)
    {
      /* Root would simply take it back; make it another user's. */
      g_assert_cmpint (chown (socket_dir, 65534, 65534), ==, 0);
    }
  ci = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
  g_assert_null (ci);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  g_assert_nonnull (strstr (error->message, socket_dir));
  g_assert_false (wx_db_server_running (WX_DB_SERVER_AS_USER, NULL));
  g_rmdir (socket_dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  int status;

  /* Before anything reads them: a private home for this test. */
  home = g_dir_make_tmp ("wx-server-XXXXXX", NULL);
  data = g_build_filename (home, "data", NULL);
  runtime = g_build_filename (home, "run", NULL);
  g_mkdir (runtime, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("WX_DB_SERVER_NOSYNC", "1", TRUE);

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/db/server/first-start-reuse-stop", test_first_start_reuse_stop);
  g_test_add_func ("/db/server/private-backup-restore", test_private_backup_restore);
  g_test_add_func ("/db/server/lost-socket", test_lost_socket);
  g_test_add_func ("/db/server/stale-pid-file", test_stale_pid_file);
  g_test_add_func ("/db/server/public-socket-dir-refused", test_public_socket_dir_refused);
  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", home, NULL };

    wx_db_server_stop (NULL);
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return status;
}

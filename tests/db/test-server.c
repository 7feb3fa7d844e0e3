/* The private local server: created, migrated and given an admin login on
 * first use, reused after, stopped and started again with its data. */
#include <glib/gstdio.h>

#include "db/wx-db.h"
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
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  gboolean created = FALSE;
  gint64 t0, t1, t2;

  g_assert_true (g_str_has_prefix (data_dir, g_getenv ("XDG_DATA_HOME")));
  g_assert_true (g_str_has_suffix (data_dir, "/weixiu/db"));
  g_assert_false (wx_db_server_running (NULL));

  t0 = g_get_monotonic_time ();
  first = wx_db_server_ensure (&created, &error);
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
    g_autofree char *admin = wx_test_db_value (conn, "SELECT pg_has_role(current_user, 'wx_admin', 'MEMBER')");
    g_autofree char *staff = wx_test_db_value (conn, "SELECT count(*) FROM staff WHERE role_name = current_user");

    g_assert_cmpstr (listen, ==, "");
    g_assert_cmpint (wx_db_schema_version (conn, &error), ==, wx_db_migrations_latest ());
    g_assert_cmpstr (admin, ==, "t");
    g_assert_cmpstr (staff, ==, "1");
    wx_test_db_exec (conn, "INSERT INTO customers (unit_name) VALUES ('持久化测试')");
  }

  /* Reuse: same server, nothing created. */
  second = wx_db_server_ensure (&created, &error);
  t2 = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (second, ==, first);
  g_test_message ("private server reuse: %.0f ms", (t2 - t1) / 1000.0);

  g_assert_true (wx_db_server_stop (&error));
  g_assert_no_error (error);
  g_assert_false (wx_db_server_running (NULL));

  /* Started again: the data is still there. */
  third = wx_db_server_ensure (&created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (third);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers WHERE unit_name = '持久化测试'"), ==, 1);
  }
  g_assert_true (wx_db_server_stop (&error));
  g_assert_no_error (error);
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
  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", home, NULL };

    wx_db_server_stop (NULL);
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return status;
}

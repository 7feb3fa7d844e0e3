/* backup → restore into a new database gives the same rows. */
#include <glib/gstdio.h>

#include "core/wx-order-number.h"
#include "db/wx-db.h"
#include "db/wx-db-backup.h"
#include "db/wx-db-demo.h"
#include "wx-test-db.h"

/* Row count and a digest of every table of the schema. */
static char *
fingerprint (PGconn *conn)
{
  g_autoptr(PGresult) tables = PQexec (conn,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  GString *out = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (tables), >=, 30);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      const char *t = PQgetvalue (tables, i, 0);
      g_autofree char *q = PQescapeIdentifier (conn, t, strlen (t));
      g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') FROM %s x", q);
      g_autofree char *v = wx_test_db_value (conn, sql);
      g_string_append_printf (out, "%s=%s\n", t, v);
    }
  return g_string_free (out, FALSE);
}

static void
test_backup_restore (void)
{
  g_autofree char *source = wx_test_db_create ("backup_src", TRUE);
  g_autofree char *target = wx_test_db_create ("backup_dst", FALSE);
  g_autofree char *dir = g_dir_make_tmp ("wx-backup-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "shop.dump", NULL);
  g_autoptr(PGconn) src = wx_test_db_connect (source);
  g_autoptr(PGconn) dst = NULL;
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  wx_db_demo_load (src, 80, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (src, "SELECT count(*) FROM service_orders"), ==, 80);
  g_assert_cmpint (wx_test_db_count (src, "SELECT count(*) FROM order_events"), >, 80);
  before = fingerprint (src);

  g_assert_true (wx_db_backup (source, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  g_assert_true (wx_db_restore (target, file, &error));
  g_assert_no_error (error);
  dst = wx_test_db_connect (target);
  after = fingerprint (dst);
  g_assert_cmpstr (before, ==, after);

  /* The restored database works: events stay out of the app roles' reach,
   * and order numbers continue after the last one. */
  {
    g_autofree char *state = NULL;
    g_autofree char *last = wx_test_db_value (dst, "SELECT max(number) FROM service_orders");
    g_autofree char *next = NULL;
    int year = 0;
    gint64 last_seq = 0, next_seq = 0;

    wx_test_db_exec (dst, "BEGIN; SET LOCAL ROLE wx_coordinator");
    state = wx_test_db_sqlstate (dst, "DELETE FROM order_events", 0, NULL);
    wx_test_db_exec (dst, "ROLLBACK");
    g_assert_cmpstr (state, ==, "42501");

    next = wx_test_db_value (dst,
        "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name)"
        " SELECT 'sale', 'received', min(id), '恢复后', '13812345678', '硒鼓' FROM customers"
        " RETURNING number");
    g_assert_true (wx_order_number_parse (last, "", &year, &last_seq, NULL));
    g_assert_true (wx_order_number_parse (next, "", &year, &next_seq, NULL));
    g_assert_cmpint (next_seq, ==, last_seq + 1);
  }

  /* Restoring over a database that has data is refused and changes nothing. */
  {
    g_autofree char *before_again = fingerprint (dst);
    g_autofree char *again = NULL;

    g_assert_false (wx_db_restore (target, file, &error));
    g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_clear_error (&error);
    again = fingerprint (dst);
    g_assert_cmpstr (again, ==, before_again);
  }

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_backup_unwritable (void)
{
  g_autofree char *source = wx_test_db_create ("backup_bad", TRUE);
  g_autoptr(GError) error = NULL;
  const char *file = "/nonexistent-dir/shop.dump";

  g_assert_false (wx_db_backup (source, file, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/nonexistent-dir/shop.dump.partial", G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/db/backup/restore-identical", test_backup_restore);
  g_test_add_func ("/db/backup/unwritable", test_backup_unwritable);
  return g_test_run ();
}

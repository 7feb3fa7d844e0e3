/* Migrations: from empty, twice, and the C/DB workflow table identity. */
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-migrate.h"
#include "wx-test-db.h"

static void
test_migrate_from_empty_and_twice (void)
{
  g_autofree char *ci = wx_test_db_create ("migrate", FALSE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GError) error = NULL;
  int applied = -1;
  int n_files;
  static const char *tables[] = {
    "settings", "business_hours", "calendar_days", "sla_thresholds", "staff", "workflow_states",
    "customers", "devices", "suppliers", "order_number_counters", "service_orders",
    "order_accessories", "order_events", "quote_lines", "payments", "parts", "stock_movements",
    "part_orders", "old_parts", "outsourcing", "calls", "visits", "escalations", "callbacks",
    "complaints", "complaint_steps", "contracts", "contract_devices", "inspection_visits",
    "loaners", "workshop_equipment", "equipment_checks", "schema_version",
  };

  g_assert_cmpint (wx_db_schema_version (conn, &error), ==, 0);
  g_assert_true (wx_db_migrate (conn, &applied, &error));
  g_assert_no_error (error);
  /* every file once (numbers may have gaps while branches are merged) */
  g_assert_cmpint (applied, ==, wx_test_db_count (conn, "SELECT count(*) FROM schema_version"));
  g_assert_cmpint (applied, >=, 4);
  n_files = applied;
  g_assert_cmpint (wx_db_schema_version (conn, &error), ==, wx_db_migrations_latest ());

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const char *params[1] = { tables[i] };
      g_autofree char *found = wx_db_query_value (conn, "SELECT to_regclass($1)::text", 1, params, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, tables[i]);
    }

  /* Again: nothing applied, nothing changed. */
  g_assert_true (wx_db_migrate (conn, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM schema_version"), ==, n_files);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM settings WHERE key = 'company.name'"), ==, 1);

  /* init refuses a database that already has the schema. */
  g_assert_false (wx_db_init (conn, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
}

static void
test_workflow_table_identity (void)
{
  g_autofree char *ci = wx_test_db_create ("identity", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT state, position, label, folder, shelf, open FROM workflow_states ORDER BY position", 0, NULL, &error);
  guint n;
  const WxStateInfo *states = wx_workflow_states (&n);

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (res), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (PQgetvalue (res, i, 0), ==, states[i].code);
      g_assert_cmpint (atoi (PQgetvalue (res, i, 1)), ==, i);
      g_assert_cmpstr (PQgetvalue (res, i, 2), ==, states[i].label);
      g_assert_cmpstr (PQgetvalue (res, i, 3), ==, wx_folder_to_code (states[i].folder));
      g_assert_cmpstr (PQgetvalue (res, i, 4), ==, wx_shelf_to_code (states[i].shelf));
      g_assert_cmpstr (PQgetvalue (res, i, 5), ==, states[i].open ? "t" : "f");
    }
}

static void
test_order_numbers (void)
{
  g_autofree char *ci = wx_test_db_create ("numbers", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  a = wx_test_db_value (conn, "SELECT wx_next_order_number('2026-11-20 10:00+08')");
  b = wx_test_db_value (conn, "SELECT wx_next_order_number('2026-11-20 11:00+08')");
  g_assert_cmpstr (a, ==, "2026-000001");
  g_assert_cmpstr (b, ==, "2026-000002");
  /* 31 December 20:00 UTC is already New Year in Shanghai: a new sequence. */
  c = wx_test_db_value (conn, "SELECT wx_next_order_number('2026-12-31 20:00+00')");
  g_assert_cmpstr (c, ==, "2027-000001");
  wx_test_db_exec (conn, "UPDATE settings SET value = 'WX' WHERE key = 'order_number.prefix'");
  d = wx_test_db_value (conn, "SELECT wx_next_order_number('2026-11-21 09:00+08')");
  g_assert_cmpstr (d, ==, "WX2026-000003");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/db/migrate/from-empty-and-twice", test_migrate_from_empty_and_twice);
  g_test_add_func ("/db/migrate/workflow-table-identity", test_workflow_table_identity);
  g_test_add_func ("/db/migrate/order-numbers", test_order_numbers);
  return g_test_run ();
}

/* The role matrix: for each group role, what it may and may not do on each
 * table, checked with SET ROLE against the real server. Each statement runs in
 * a transaction that is rolled back, so the cases do not disturb each other. */
#include <unistd.h>

#include "db/wx-db.h"
#include "wx-test-db.h"

static char *conninfo;

enum { C = 1 << 0, E = 1 << 1, S = 1 << 2, A = 1 << 3 };

static const char *group_names[] = { "wx_coordinator", "wx_engineer", "wx_supervisor", "wx_admin" };

static const struct {
  const char *sql;
  int         allowed;   /* the roles that may: C, E, S, A */
} matrix[] = {
  { "SELECT count(*) FROM service_orders",                                           C | E | S | A },
  { "SELECT count(*) FROM customers",                                                C | E | S | A },
  { "SELECT count(*) FROM order_events",                                             C | E | S | A },
  { "SELECT count(*) FROM order_number_counters",                                    A },
  /* Customers are created by intake only (wx_intake, 018_intake.sql). */
  { "INSERT INTO customers (unit_name) VALUES ('新客户')",                             0 },
  { "UPDATE customers SET phone = '020-87581480' WHERE id = 1",                      0 },
  { "DELETE FROM customers WHERE id = 1",                                            0 },
  { "INSERT INTO devices (customer_id, category) VALUES (1, 'pc')",                   0 },
  /* Orders are opened only by intake (wx_intake, 018_intake.sql). */
  { "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault)"
    " VALUES ('carry_in', 'received', 1, '广州大学', '13812345678', '笔记本', 'T14', '不开机')", 0 },
  { "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, quote_total)"
    " VALUES ('sale', 'received', 1, '广州大学', '13812345678', '硒鼓', 100)",          0 },
  { "UPDATE service_orders SET is_return_repair = true WHERE id = 1",                0 },
  /* Orders change only through wx_transition (016_guard.sql). */
  { "UPDATE service_orders SET fault_analysis = '定影膜破损' WHERE id = 1",            0 },
  { "UPDATE service_orders SET quote_total = 48000 WHERE id = 1",                    0 },
  /* Engineers are paid on delivery and on site (seed 000 现场维修 step 13). */
  { "UPDATE service_orders SET payment_status = 'paid' WHERE id = 1",                0 },
  { "UPDATE service_orders SET reviewed_by = current_user, reviewed_at = now() WHERE id = 1", 0 },
  { "UPDATE service_orders SET version = 99 WHERE id = 1",                           0 },
  { "UPDATE service_orders SET engineer = 'someone' WHERE id = 1"                 , 0 },
  { "UPDATE service_orders SET unit_name = '改名' WHERE id = 1",                       0 },
  { "DELETE FROM service_orders WHERE id = 1",                                       0 },
  { "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 1, '电源线')", 0 },
  /* Events and escalations are written by the functions only (018_intake.sql). */
  { "INSERT INTO order_events (order_id, event) VALUES (1, 'note')",                 0 },
  { "UPDATE order_events SET event = 'forged' WHERE order_id = 1",                   0 },
  { "DELETE FROM order_events WHERE order_id = 1",                                   0 },
  { "TRUNCATE order_events CASCADE",                                                 0 },
  { "INSERT INTO quote_lines (order_id, position, description, unit_price) VALUES (1, 1, '定影组件', 45000)", 0 },
  { "UPDATE quote_lines SET unit_price = 1 WHERE order_id = 1",                      0 },
  /* Payments are recorded by the steps that take them (wx_transition). */
  { "INSERT INTO payments (order_id, amount, method) VALUES (1, 48000, 'cash')",     0 },
  { "UPDATE payments SET amount = 1",                                                0 },
  { "DELETE FROM payments",                                                          0 },
  /* The catalogue changes through wx_part_save (functions/shop.sql). */
  { "UPDATE parts SET unit_price = 1 WHERE id = 1",                                  0 },
  /* Parts leave stock with the step that uses them (wx_transition). */
  { "INSERT INTO stock_movements (part_id, order_id, kind, quantity) VALUES (1, 1, 'issue', -1)", 0 },
  /* The engineer's records (008_records.sql): tests and cleaning, a new
   * peer shop; draft quote lines only while inspecting (order 1 is not). */
  { "INSERT INTO repair_tests (order_id, item, passed) VALUES (1, 'post', true)", 0 },
  { "UPDATE service_orders SET cleaned = true WHERE id = 1",                     0 },
  { "INSERT INTO suppliers (name, kind) VALUES ('新同行维修部', 'peer_shop')",       0 },
  { "SELECT wx_escalate_overdue_parts()",                                        C | E | S },
  /* Visits are written by the visit's steps (wx_transition). */
  { "INSERT INTO visits (order_id, address) VALUES (1, '天河路 1 号')",                 0 },
  { "UPDATE visits SET notes = '改约' WHERE order_id = 1",                              0 },
  { "INSERT INTO part_orders (order_id, description) VALUES (1, '定影组件')",          0 },
  { "INSERT INTO escalations (order_id, trigger, reason) VALUES (1, 'manual', '缺少维修手册')", 0 },
  /* Callbacks, complaints and their steps, resolving an escalation: only
   * through the functions (017_feedback.sql), each saying who may. */
  { "UPDATE escalations SET resolution = 'x'",                                       0 },
  { "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'weekly', now())",    0 },
  { "INSERT INTO complaints (customer_id, description) VALUES (1, '取机等太久')",       0 },
  { "INSERT INTO complaint_steps (complaint_id, step, note) VALUES (1, 1, '已致歉')",   0 },
  { "SELECT wx_complaint_open(NULL, 1, '取机等太久')",                                 C | S },
  { "SELECT wx_complaint_step(1, 1, '已致歉')",                                       C | S },
  { "SELECT wx_complaint_close(1, '客户撤回投诉', '客户来电撤回，不再回访')",                S },
  { "SELECT wx_callbacks_generate_at(now())",                                        0 },
  /* The call log is written by wx_call_log (018_intake.sql). */
  { "INSERT INTO calls (direction, subject) VALUES ('inbound', '报修')",               0 },
  { "UPDATE settings SET value = '新公司' WHERE key = 'company.name'",                 A },
  { "UPDATE business_hours SET closes = '17:30' WHERE weekday = 6",                  A },
  { "INSERT INTO calendar_days (day, kind, name) VALUES ('2026-10-01', 'holiday', '国庆节')", A },
  { "UPDATE sla_thresholds SET limit_minutes = 200 WHERE clock = 'dispatch'",        A },
  { "INSERT INTO staff (role_name, full_name) VALUES ('someone', '某人')",            A },
  /* Admins add staff through wx_staff_create, which takes hashed passwords only. */
  { "SELECT wx_staff_add('matrix_probe', '探针', ARRAY['wx_engineer'])",              0 },
  { "SELECT wx_staff_create('matrix_probe', '探针', ARRAY['wx_engineer'])",           A },
  /* A staff member's login (015_settings.sql): the password only as a hash. */
  { "SELECT wx_staff_set_password('matrix_staff', 'SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy')", A },
  { "SELECT wx_staff_set_active('matrix_staff', false)",                              A },
  { "SELECT wx_staff_set_active('matrix_staff', true)",                               A },
  { "SELECT wx_staff_set_groups('matrix_staff', ARRAY['wx_engineer'])",               A },
  { "SELECT wx_staff_changeable('matrix_staff')",                                     0 },
  { "INSERT INTO settings (key, value) VALUES ('escalation.visits', '3') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", A },
  /* Order numbers are drawn only by intake (018_intake.sql): a staff login
   * cannot burn one. */
  { "SELECT wx_next_order_number()",                                                 0 },
  { "SELECT wx_callbacks_generate()",                                                C | S },
  { "UPDATE order_number_counters SET last = 0",                                     0 },
  { "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-9', '2026-01-01', '2026-12-31')", A },
  { "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('万用表', 'instrument', '{1}')", A },
  { "INSERT INTO equipment_checks (equipment_id, passed) SELECT 1, true WHERE false", E | S },
  /* The work log: everyone on staff writes their own notes; the server says who and when. */
  { "INSERT INTO work_notes (order_id, body) VALUES (1, '给供应商打电话')",             C | E | S },
  { "INSERT INTO work_notes (author, body) VALUES ('someone', '冒名')",                0 },
  { "INSERT INTO work_notes (at, body) VALUES ('2000-01-01', '补记')",                 0 },
  { "UPDATE work_notes SET body = '改过'",                                           0 },
  { "DELETE FROM work_notes",                                                        0 },
  /* The supervisor reviews entered orders; who and when are the server's (011_reviews.sql). */
  { "INSERT INTO order_reviews (order_id, outcome, parts_ok) VALUES (1, 'passed', true)", 0 },
  { "SELECT wx_review_seen('{}')",                                                   C | E | S | A },
  { "INSERT INTO order_reviews (order_id, outcome, reviewer) VALUES (1, 'passed', 'someone')", 0 },
  { "SELECT count(*) FROM order_reviews",                                            C | E | S | A },
  { "UPDATE order_reviews SET comment = '改过'",                                      0 },
  { "DELETE FROM order_reviews",                                                     0 },
  { "INSERT INTO schema_version (version, name) VALUES (999, 'x')",                  0 },
};

static void
test_matrix_row (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  for (guint r = 0; r < G_N_ELEMENTS (group_names); r++)
    {
      g_autofree char *set_role = g_strdup_printf ("BEGIN; SET LOCAL ROLE %s", group_names[r]);
      g_autofree char *state = NULL;
      gboolean expected = (matrix[i].allowed & (1 << r)) != 0;

      wx_test_db_exec (conn, set_role);
      state = wx_test_db_sqlstate (conn, matrix[i].sql, 0, NULL);
      wx_test_db_exec (conn, "ROLLBACK");
      if (expected && !g_str_equal (state, "00000"))
        g_error ("%s should be allowed to run\n  %s\nbut got SQLSTATE %s", group_names[r], matrix[i].sql, state);
      if (!expected && !g_str_equal (state, "42501"))
        g_error ("%s should be refused (42501)\n  %s\nbut got SQLSTATE %s", group_names[r], matrix[i].sql, state);
    }
}

/* Every table, every group role: Select, Insert, Update, Delete; lower case
 * where only some columns are granted. The table list comes from the
 * database, so a new table without a row here fails the test. */
static const struct {
  const char *table;
  const char *privileges[4];   /* coordinator, engineer, supervisor, admin */
} grants[] = {
  { "business_hours",        { "S---", "S---", "S---", "SIUD" } },
  { "calendar_days",         { "S---", "S---", "S---", "SIUD" } },
  { "callbacks",             { "S---", "S---", "S---", "S---" } },
  { "calls",                 { "S---", "S---", "S---", "S---" } },
  { "cash_counts",           { "S---", "S---", "S---", "S---" } },
  { "collection_chases",     { "S---", "S---", "S---", "S---" } },
  { "complaint_steps",       { "S---", "S---", "S---", "S---" } },
  { "complaints",            { "S---", "S---", "S---", "S---" } },
  { "contract_devices",      { "S---", "S---", "S---", "SIUD" } },
  { "contracts",             { "S---", "S---", "S---", "SIUD" } },
  { "customer_prepayments",  { "S---", "S---", "S---", "S---" } },
  { "customers",             { "S---", "S---", "S---", "S---" } },
  { "devices",               { "S---", "S---", "S---", "S---" } },
  { "equipment_checks",      { "S---", "SI--", "SIU-", "S---" } },
  { "escalations",           { "S---", "S---", "S---", "S---" } },
  { "functional_tests",      { "S---", "S---", "S---", "S---" } },
  { "inspection_visits",     { "S---", "SIU-", "SIU-", "S---" } },
  /* The jobs' log and archive (023): written by the jobs' functions only. */
  { "invoice_orders",        { "S---", "S---", "S---", "S---" } },
  { "invoices",              { "S---", "S---", "S---", "S---" } },
  { "job_runs",              { "----", "----", "S---", "S---" } },
  { "loaners",               { "SIU-", "S---", "S---", "S---" } },
  { "machine_category_words", { "S---", "S---", "S---", "S---" } },
  /* Messages to customers (022): the outbox and templates are read by all,
   * written by functions; the senders' secrets by nobody but the owner. */
  { "message_secrets",       { "----", "----", "----", "----" } },
  { "message_templates",     { "S---", "S---", "S---", "S---" } },
  { "messages",              { "S---", "S---", "S---", "S---" } },
  { "old_parts",             { "S---", "S---", "S---", "S---" } },
  { "order_accessories",     { "S---", "S---", "S---", "S---" } },
  { "order_events",          { "S---", "S---", "S---", "S---" } },
  { "order_reviews",         { "S---", "S---", "S---", "S---" } },
  { "order_number_counters", { "----", "----", "----", "S---" } },
  /* Written by the triggers of service_orders only (006_search.sql). */
  { "order_search",          { "S---", "S---", "S---", "S---" } },
  { "outsourcing",           { "S---", "S---", "S---", "S---" } },
  { "part_orders",           { "S---", "S---", "S---", "S---" } },
  { "parts",                 { "S---", "S---", "S---", "S---" } },
  { "payments",              { "S---", "S---", "S---", "S---" } },
  { "pinyin_readings",       { "S---", "S---", "S---", "S---" } },
  { "quote_lines",           { "S---", "S---", "S---", "S---" } },
  { "record_events",         { "S---", "S---", "S---", "S---" } },
  { "repair_tests",          { "S---", "S---", "S---", "S---" } },
  { "report_archive",        { "----", "----", "S---", "S---" } },
  { "schema_version",        { "S---", "S---", "S---", "S---" } },
  { "service_orders",        { "S---", "S---", "S---", "S---" } },
  { "settings",              { "S---", "S---", "S---", "SIUD" } },
  { "sla_thresholds",        { "S---", "S---", "S---", "SIUD" } },
  { "staff",                 { "S---", "S---", "S---", "SIUD" } },
  { "statement_orders",      { "S---", "S---", "S---", "S---" } },
  { "statements",            { "S---", "S---", "S---", "S---" } },
  { "stock_movements",       { "S---", "S---", "S---", "S---" } },
  { "stock_reservations",    { "S---", "S---", "S---", "S---" } },
  { "suppliers",             { "S---", "S---", "S---", "S---" } },
  { "visits",                { "S---", "S---", "S---", "S---" } },
  { "workflow_needs",        { "S---", "S---", "S---", "S---" } },
  { "workflow_states",       { "S---", "S---", "S---", "S---" } },
  { "workflow_transitions",  { "S---", "S---", "S---", "S---" } },
  { "work_notes",            { "Si--", "Si--", "Si--", "S---" } },
  { "workshop_equipment",    { "S---", "S---", "S---", "SIUD" } },
};

static void
test_grant_table (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) res = PQexec (conn,
      "SELECT t.tablename, r.g,"
      "  CASE WHEN has_table_privilege(r.g, t.oid, 'SELECT') THEN 'S' ELSE '-' END ||"
      "  CASE WHEN has_table_privilege(r.g, t.oid, 'INSERT') THEN 'I'"
      "       WHEN has_any_column_privilege(r.g, t.oid, 'INSERT') THEN 'i' ELSE '-' END ||"
      "  CASE WHEN has_table_privilege(r.g, t.oid, 'UPDATE') THEN 'U'"
      "       WHEN has_any_column_privilege(r.g, t.oid, 'UPDATE') THEN 'u' ELSE '-' END ||"
      "  CASE WHEN has_table_privilege(r.g, t.oid, 'DELETE') THEN 'D' ELSE '-' END"
      "  FROM (SELECT c.oid, c.relname AS tablename FROM pg_class c"
      "         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r') t,"
      "       unnest(ARRAY['wx_coordinator','wx_engineer','wx_supervisor','wx_admin']) WITH ORDINALITY r(g, k)"
      " ORDER BY t.tablename, r.k");
  guint checked = 0;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int row = 0; row < PQntuples (res); row++)
    {
      const char *table = PQgetvalue (res, row, 0);
      const char *group = PQgetvalue (res, row, 1);
      const char *actual = PQgetvalue (res, row, 2);
      const char *expected = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
        if (g_str_equal (grants[i].table, table))
          for (guint r = 0; r < G_N_ELEMENTS (group_names); r++)
            if (g_str_equal (group_names[r], group))
              expected = grants[i].privileges[r];
      if (expected == NULL)
        g_error ("table %s has no row in the expected grants: decide who may do what", table);
      if (!g_str_equal (expected, actual))
        g_error ("%s on %s: expected %s, the database grants %s", group, table, expected, actual);
      checked++;
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (grants) * G_N_ELEMENTS (group_names));
}

/* The owner (who ran the migrations) may correct an event; nobody truncates. */
static void
test_events_owner_only (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *u = NULL;
  g_autofree char *d = NULL;
  g_autofree char *t = NULL;

  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events"), >, 0);
  wx_test_db_exec (conn, "BEGIN");
  u = wx_test_db_sqlstate (conn, "UPDATE order_events SET payload = '{\"corrected\": true}'", 0, NULL);
  d = wx_test_db_sqlstate (conn, "DELETE FROM order_events", 0, NULL);
  wx_test_db_exec (conn, "ROLLBACK");
  t = wx_test_db_sqlstate (conn, "TRUNCATE order_events CASCADE", 0, NULL);
  g_assert_cmpstr (u, ==, "00000");
  g_assert_cmpstr (d, ==, "00000");
  g_assert_cmpstr (t, ==, "42501");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events"), >, 0);
}

/* An app role cannot forge who or when: it writes no event itself
 * (018_intake.sql), and the functions that do write the caller and the
 * server's time. */
static void
test_event_stamped_by_server (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *forged = NULL;
  g_autofree char *actor = NULL;
  gint64 age;

  wx_test_db_exec (conn, "BEGIN; SET LOCAL ROLE wx_engineer");
  forged = wx_test_db_sqlstate (conn,
    "INSERT INTO order_events (order_id, event, actor, at) VALUES (1, 'note', 'zhang_san', '2000-01-01')", 0, NULL);
  wx_test_db_exec (conn, "ROLLBACK");
  g_assert_cmpstr (forged, ==, "42501");

  wx_test_db_exec (conn, "BEGIN; SET LOCAL ROLE wx_engineer");
  wx_test_db_exec (conn, "SELECT * FROM wx_intake('{\"kind\": \"sale\", \"unit\": \"广州大学\","
                         " \"phone\": \"13812345678\", \"product\": \"硒鼓\"}')");
  actor = wx_test_db_value (conn, "SELECT actor FROM order_events ORDER BY id DESC LIMIT 1");
  age = wx_test_db_count (conn, "SELECT extract(epoch FROM now() - at)::bigint FROM order_events ORDER BY id DESC LIMIT 1");
  wx_test_db_exec (conn, "ROLLBACK");
  g_assert_cmpstr (actor, ==, "wx_engineer");
  g_assert_cmpint (age, ==, 0);
}

/* A login role gets its groups' rights, and only them. */
static void
test_staff_login_role (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *name = g_strdup_printf ("eng_%d", (int) getpid ());
  g_autofree char *as_eng = g_strdup_printf ("BEGIN; SET LOCAL ROLE %s", name);
  const char *params[2] = { name, "王工" };
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *refused = NULL;

  wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM staff_roles WHERE full_name = '王工' AND groups = '{wx_engineer}'"), ==, 1);

  wx_test_db_exec (conn, as_eng);
  ok = wx_test_db_sqlstate (conn, "SELECT count(*) FROM service_orders WHERE id = 1", 0, NULL);
  refused = wx_test_db_sqlstate (conn, "UPDATE service_orders SET quote_total = 1 WHERE id = 1", 0, NULL);
  wx_test_db_exec (conn, "ROLLBACK");
  g_assert_cmpstr (ok, ==, "00000");
  g_assert_cmpstr (refused, ==, "42501");

  /* The same name twice is refused. */
  g_assert_false (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, params, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("roles", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  wx_test_db_exec (conn, "INSERT INTO order_events (order_id, event, to_state) VALUES (1, 'receive', 'received');"
                         "INSERT INTO payments (order_id, amount, method) VALUES (1, 100, 'cash');"
                         "INSERT INTO escalations (order_id, trigger, reason) VALUES (1, 'manual', '复杂故障');"
                         "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('防静电台垫', 'anti_static', '{1,6}')");
  /* A staff member whose login the matrix changes (roles are the cluster's). */
  wx_test_db_exec (conn, "DO $$ BEGIN CREATE ROLE matrix_staff LOGIN;"
                         " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
                         "INSERT INTO staff (role_name, full_name) VALUES ('matrix_staff', '矩阵测试')");

  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/roles/matrix/%02u", i + 1);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_matrix_row);
    }
  g_test_add_func ("/db/roles/grant-table", test_grant_table);
  g_test_add_func ("/db/roles/events-owner-only", test_events_owner_only);
  g_test_add_func ("/db/roles/event-stamped-by-server", test_event_stamped_by_server);
  g_test_add_func ("/db/roles/staff-login-role", test_staff_login_role);
  return g_test_run ();
}

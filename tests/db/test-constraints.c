/* Every rule of the schema refuses a bad row with the expected SQLSTATE, and
 * the refused statement changes nothing. */
#include "db/wx-db.h"
#include "wx-test-db.h"

static char *conninfo;

#define ORDER_COLS "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile, product_name, model, reported_fault) VALUES "

static const struct {
  const char *what;
  const char *sql;
  const char *sqlstate;
} cases[] = {
  { "empty unit name",            "INSERT INTO customers (unit_name) VALUES ('')", "23514" },
  { "unit name with spaces only", "INSERT INTO customers (unit_name) VALUES ('  ')", "23514" },
  { "missing unit name",          "INSERT INTO customers (unit_name) VALUES (NULL)", "23502" },
  { "mobile with letters",        "INSERT INTO customers (unit_name, mobile) VALUES ('甲', 'abc')", "23514" },
  { "phone too short",            "INSERT INTO customers (unit_name, phone) VALUES ('甲', '123')", "23514" },
  { "email without domain",       "INSERT INTO customers (unit_name, email) VALUES ('甲', 'li@')", "23514" },
  { "unknown device category",    "INSERT INTO devices (customer_id, category) VALUES (1, 'toaster')", "23514" },
  { "device of no customer",      "INSERT INTO devices (customer_id, category) VALUES (999, 'pc')", "23503" },
  { "warranty ends before purchase", "INSERT INTO devices (customer_id, category, purchase_date, warranty_expires) VALUES (1, 'pc', '2026-05-01', '2026-01-01')", "23514" },
  { "unknown order kind",         ORDER_COLS "('repair', 'received', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "23514" },
  { "unknown state",              ORDER_COLS "('carry_in', 'lost', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "23503" },
  { "carry-in without product",   ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', '', 'T14', '黑屏')", "23514" },
  { "carry-in without fault",     ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', 'PC', 'T14', '')", "23514" },
  { "carry-in without model or serial", ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', 'PC', '', '黑屏')", "23514" },
  { "on-site without address",    ORDER_COLS "('on_site', 'call_logged', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "23514" },
  { "sale without items",         ORDER_COLS "('sale', 'received', 1, '甲', '', '13812345678', '', '', '')", "23514" },
  { "order nobody can be reached at", "INSERT INTO service_orders (kind, state, customer_id, unit_name, product_name, model, reported_fault) VALUES ('carry_in', 'received', 1, '甲', 'PC', 'T14', '黑屏')", "23514" },
  { "order of no customer",       ORDER_COLS "('carry_in', 'received', 999, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "23503" },
  { "duplicate order number",     "INSERT INTO service_orders (number, kind, state, customer_id, unit_name, contact_mobile, product_name) SELECT number, 'sale', 'received', 1, '甲', '13812345678', '硒鼓' FROM service_orders WHERE id = 1", "23505" },
  { "malformed order number",     "INSERT INTO service_orders (number, kind, state, customer_id, unit_name, contact_mobile, product_name) VALUES ('ABC', 'sale', 'received', 1, '甲', '13812345678', '硒鼓')", "23514" },
  { "cancel without reason",      "UPDATE service_orders SET state = 'cancelled' WHERE id = 1", "23514" },
  { "decision without time",      "UPDATE service_orders SET decision = 'agree' WHERE id = 1", "23514" },
  { "negative suggested price",   "UPDATE service_orders SET suggested_price = -1 WHERE id = 1", "23514" },
  { "price over the maximum",     "UPDATE service_orders SET quote_total = 100000000001 WHERE id = 1", "23514" },
  { "return link without flag",   "UPDATE service_orders SET return_of_order_id = 1 WHERE id = 1", "23514" },
  { "accessory at position 0",    "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 0, '电源适配器')", "23514" },
  { "accessory without name",     "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 1, '')", "23514" },
  { "event with array payload",   "INSERT INTO order_events (order_id, event, payload) VALUES (1, 'note', '[]')", "23514" },
  { "event with a bad name",      "INSERT INTO order_events (order_id, event) VALUES (1, 'Drop Table')", "23514" },
  { "event of no order",          "INSERT INTO order_events (order_id, event) VALUES (999, 'note')", "23503" },
  { "negative unit price",        "INSERT INTO quote_lines (order_id, position, description, unit_price) VALUES (1, 1, '定影组件', -100)", "23514" },
  { "zero quantity",              "INSERT INTO quote_lines (order_id, position, description, quantity, unit_price) VALUES (1, 1, '定影组件', 0, 100)", "23514" },
  { "zero payment",               "INSERT INTO payments (order_id, amount, method) VALUES (1, 0, 'cash')", "23514" },
  { "unknown payment method",     "INSERT INTO payments (order_id, amount, method) VALUES (1, 100, 'shells')", "23514" },
  { "negative stock",             "UPDATE parts SET stock = -1 WHERE id = 1", "23514" },
  { "duplicate part number",      "INSERT INTO parts (part_number, name) VALUES ('RM2-5425', '另一个')", "23505" },
  { "stock movement of nothing",  "INSERT INTO stock_movements (part_id, kind, quantity) VALUES (1, 'receive', 0)", "23514" },
  { "issue without an order",     "INSERT INTO stock_movements (part_id, kind, quantity) VALUES (1, 'issue', -1)", "23514" },
  { "satisfaction of 6",          "INSERT INTO callbacks (order_id, kind, due_at, done_at, satisfaction) VALUES (1, 'weekly', now(), now(), 6)", "23514" },
  { "score of a callback not made", "INSERT INTO callbacks (order_id, kind, due_at, satisfaction) VALUES (1, 'weekly', now(), 4)", "23514" },
  { "empty complaint",            "INSERT INTO complaints (customer_id, description) VALUES (1, '   ')", "23514" },
  { "complaint closed without outcome", "INSERT INTO complaints (customer_id, description, closed_at) VALUES (1, '态度差', now())", "23514" },
  { "complaint step 6",           "INSERT INTO complaint_steps (complaint_id, step) SELECT 1, 6", "23514" },
  { "manual escalation without reason", "INSERT INTO escalations (order_id, trigger) VALUES (1, 'manual')", "23514" },
  { "unknown escalation trigger", "INSERT INTO escalations (order_id, trigger, reason) VALUES (1, 'mood', 'x')", "23514" },
  { "contract ending before it starts", "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-X', '2026-06-01', '2026-01-01')", "23514" },
  { "duplicate contract number",  "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-2026-001', '2026-01-01', '2026-12-31')", "23505" },
  { "visit leaving before arriving", "INSERT INTO visits (order_id, arrived_at, left_at) VALUES (1, '2026-11-20 10:00+08', '2026-11-20 09:00+08')", "23514" },
  { "loaner lent to nobody",      "INSERT INTO loaners (description, lent_at) VALUES ('备用打印机', now())", "23514" },
  { "equipment checked in month 13", "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('防静电腕带', 'anti_static', '{13}')", "23514" },
  { "closing before opening",     "UPDATE business_hours SET opens = '19:00' WHERE weekday = 1", "23514" },
  { "weekday 8",                  "INSERT INTO business_hours (weekday, opens, closes) VALUES (8, '09:00', '18:00')", "23514" },
  { "holiday with opening hours", "INSERT INTO calendar_days (day, kind, opens, closes) VALUES ('2026-10-01', 'holiday', '09:00', '18:00')", "23514" },
  { "target beyond limit",        "UPDATE sla_thresholds SET target_minutes = 999 WHERE clock = 'dispatch'", "23514" },
  { "bad settings key",           "INSERT INTO settings (key, value) VALUES ('Bad Key', 'x')", "23514" },
  { "staff without a name",       "INSERT INTO staff (role_name, full_name) VALUES ('nobody', '')", "23514" },
};

static void
test_constraint (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state = NULL;
  const char *fingerprint =
    "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM ("
    " SELECT (SELECT count(*) FROM customers) || ',' || (SELECT count(*) FROM devices) || ','"
    " || (SELECT count(*) FROM service_orders) || ',' || (SELECT count(*) FROM order_events) || ','"
    " || (SELECT string_agg(state || version, ',') FROM service_orders) || ','"
    " || (SELECT string_agg(opens::text, ',' ORDER BY weekday) FROM business_hours) || ','"
    " || (SELECT sum(stock) FROM parts) || (SELECT sum(target_minutes) FROM sla_thresholds) AS t) x";

  before = wx_test_db_value (conn, fingerprint);
  state = wx_test_db_sqlstate (conn, cases[i].sql, 0, NULL);
  if (!g_str_equal (state, cases[i].sqlstate))
    g_error ("%s: expected SQLSTATE %s, got %s for\n%s", cases[i].what, cases[i].sqlstate, state, cases[i].sql);
  after = wx_test_db_value (conn, fingerprint);
  g_assert_cmpstr (before, ==, after);
}

/* What the user is told: a sentence, not the server's text. */
static void
test_error_sentences (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  const char *bad_phone[1] = { "12ab" };
  const char *dup[1] = { "RM2-5425" };

  g_assert_false (wx_db_execute (conn, "UPDATE customers SET mobile = $1 WHERE id = 1", 1, bad_phone, &e1));
  g_assert_error (e1, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e1->message, "phone number"));
  g_assert_null (strstr (e1->message, "violates"));

  g_assert_false (wx_db_execute (conn, "INSERT INTO parts (part_number, name) VALUES ($1, 'x')", 1, dup, &e2));
  g_assert_error (e2, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e2->message, "already exists"));

  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET state = 'cancelled' WHERE id = 1", 0, NULL, &e3));
  g_assert_error (e3, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e3->message, "reason"));
}

/* Whatever core accepts as a phone number, the database stores. */
static void
test_core_phones_stored (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  wx_test_db_exec (conn, "BEGIN");
  for (guint i = 0; wx_test_good_phones[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *params[1] = { wx_test_good_phones[i] };

      if (!wx_db_execute (conn, "INSERT INTO customers (unit_name, phone) VALUES ('电话测试', $1)", 1, params, &error))
        g_error ("the database refused %s: %s", wx_test_good_phones[i], error->message);
    }
  wx_test_db_exec (conn, "ROLLBACK");
}

/* Settings that order numbers and clocks depend on cannot be broken. */
static void
test_settings_checked (void)
{
  static const char *bad[][2] = {
    { "order_number.prefix", "维修" }, { "order_number.prefix", "TOOLONGPREFIX" },
    { "order_number.digits", "3" }, { "order_number.digits", "ten" },
    { "timezone", "Mars/Olympus" }, { "return_repair.days", "-5" }, { "cluster.orders", "0" },
  };
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *state = wx_test_db_sqlstate (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, bad[i]);
      if (!g_str_equal (state, "23514"))
        g_error ("setting %s = %s: expected 23514, got %s", bad[i][0], bad[i][1], state);
    }
  {
    const char *ok[2] = { "order_number.prefix", "GZ-" };
    g_autofree char *state = NULL;

    wx_test_db_exec (conn, "BEGIN");
    state = wx_test_db_sqlstate (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, ok);
    wx_test_db_exec (conn, "ROLLBACK");
    g_assert_cmpstr (state, ==, "00000");
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("constraints", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/constraints/%02u", i + 1);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_constraint);
    }
  g_test_add_func ("/db/constraints/error-sentences", test_error_sentences);
  g_test_add_func ("/db/constraints/core-phones-stored", test_core_phones_stored);
  g_test_add_func ("/db/constraints/settings-checked", test_settings_checked);
  return g_test_run ();
}

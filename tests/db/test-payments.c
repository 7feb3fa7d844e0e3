/* Money after pickup against a real database (data/sql/functions/money.sql,
 * src/db/wx-db-money.c): an order of a contract customer picked up on
 * account, paid later in two parts (a deposit-sized part and the rest with
 * a transfer reference) and then settled; a refund and a write-off only by
 * a supervisor, with a reason, never more than received or due; the balance
 * the database gives equals the hand sum of the rows and core's
 * wx_money_balance; no group writes payments directly; a walk-in customer
 * goes on account only with a supervisor; a credit limit stops the front
 * desk and a supervisor raises it. Each refusal carries its rule's sentence. */
#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "core/wx-money.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-error.h"
#include "db/wx-db-money.h"
#include "db/wx-db-workflow.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

#define COORDINATOR "zhang_wei"   /* 张伟 */
#define SUPERVISOR  "zhou_min"    /* 周敏 */

static char *conninfo;
static PGconn *conn;

static void
set_role (const char *role)
{
  g_autofree char *sql = role ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", role)
                              : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

/* A customer of its own: contract or walk-in, its credit limit (< 0: none). */
static gint64
new_customer (const char *name, gboolean contract, WxMoney limit)
{
  g_autofree char *limit_text = limit >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, limit) : g_strdup ("NULL");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO customers (unit_name, is_contract, credit_limit) VALUES ('%s', %s, %s) RETURNING id",
    name, contract ? "true" : "false", limit_text);
  return wx_test_db_count (conn, sql);
}

/* An order of `customer`, repaired and notified, quoted at `quote` fen. */
static char *
notified_order (gint64 customer, WxMoney quote)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile,"
    "                            product_name, model, reported_fault, appearance_check,"
    "                            customer_signed, notice_read, received_by, owner_role, quote_total)"
    " SELECT 'carry_in', 'notified', c.id, c.unit_name, '黄小姐', '13800138000', '激光打印机',"
    "        'HP LaserJet Pro M404dn', '开机报错 50.2', '外壳有轻微划痕', true, true, '" COORDINATOR "',"
    "        'coordinator', %" G_GINT64_FORMAT " FROM customers c WHERE c.id = %" G_GINT64_FORMAT
    " RETURNING number", quote, customer);
  return wx_test_db_value (conn, sql);
}

static gboolean
pickup_on_account (const char *role, const char *number, GError **error)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok;

  g_hash_table_insert (data, "accessories_checked", "true");
  g_hash_table_insert (data, "payment_status", "on_account");
  g_hash_table_insert (data, "picked_up_by", "黄小姐");
  g_hash_table_insert (data, "pickup_signed", "true");
  set_role (role);
  ok = wx_db_order_step_full (conn, number, -1, "pickup", data, NULL, NULL, error);
  set_role (NULL);
  return ok;
}

static gboolean
record (const char *role, const char *number, WxPaymentKind kind, WxMoney amount, const char *method,
        const char *reference, const char *reason, WxMoney *balance, GError **error)
{
  WxPaymentInput in = { kind, amount, method, reference, reason };
  gboolean ok;

  set_role (role);
  ok = wx_db_payment_record (conn, number, &in, balance, error);
  set_role (NULL);
  return ok;
}

/* The refusal of `rule`: an invalid value, its sentence (with `part`). */
static void
assert_refused (GError *error, const char *part)
{
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_INVALID)
                 || g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_DENIED));
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” lacks “%s”", error->message, part);
}

static WxMoney
db_balance (const char *number)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT wx_order_balance(id) FROM service_orders WHERE number = '%s'", number);
  return wx_test_db_count (conn, sql);
}

static char *
status_of (const char *number)
{
  g_autofree char *sql = g_strdup_printf ("SELECT payment_status FROM service_orders WHERE number = '%s'", number);
  return wx_test_db_value (conn, sql);
}

static void
test_on_account_paid_later (void)
{
  gint64 customer = new_customer ("广州市天河区测试合同客户", TRUE, -1);
  g_autofree char *number = notified_order (customer, 68000);
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WxMoney balance = -1, received = 0, written_off = 0, loaded = -1;

  g_assert_true (pickup_on_account (COORDINATOR, number, &error));
  g_assert_no_error (error);
  status = status_of (number);
  g_assert_cmpstr (status, ==, "on_account");
  g_assert_cmpint (db_balance (number), ==, 68000);

  /* More than the balance, nothing, or an unknown method: refused. */
  g_assert_false (record (COORDINATOR, number, WX_PAYMENT_RECEIVED, 68001, "cash", NULL, NULL, NULL, &error));
  assert_refused (error, "680.00");
  g_clear_error (&error);
  g_assert_false (record (COORDINATOR, number, WX_PAYMENT_RECEIVED, 0, "cash", NULL, NULL, NULL, &error));
  assert_refused (error, "0");
  g_clear_error (&error);
  g_assert_false (record (COORDINATOR, number, WX_PAYMENT_RECEIVED, 100, "shells", NULL, NULL, NULL, &error));
  assert_refused (error, "WeChat");
  g_clear_error (&error);

  /* Two parts; the second settles it. */
  g_assert_true (record (COORDINATOR, number, WX_PAYMENT_RECEIVED, 30000, "cash", NULL, NULL, &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 38000);
  g_free (status);
  status = status_of (number);
  g_assert_cmpstr (status, ==, "on_account");
  g_assert_true (record (COORDINATOR, number, WX_PAYMENT_RECEIVED, 38000, "bank_transfer", "HX20261207001",
                         NULL, &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 0);
  g_free (status);
  status = status_of (number);
  g_assert_cmpstr (status, ==, "paid");

  /* A refund: a supervisor's, with a reason, at most what was received. */
  g_assert_false (record (COORDINATOR, number, WX_PAYMENT_REFUND, 5000, "cash", NULL, "多收", NULL, &error));
  assert_refused (error, "supervisor");
  g_clear_error (&error);
  g_assert_false (record (SUPERVISOR, number, WX_PAYMENT_REFUND, 5000, "cash", NULL, "  ", NULL, &error));
  assert_refused (error, "reason");
  g_clear_error (&error);
  g_assert_false (record (SUPERVISOR, number, WX_PAYMENT_REFUND, 68001, "cash", NULL, "多收", NULL, &error));
  assert_refused (error, "680.00");
  g_clear_error (&error);
  g_assert_true (record (SUPERVISOR, number, WX_PAYMENT_REFUND, 10000, "cash", NULL, "定影组件保修期内，退回配件费",
                         &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 10000);

  /* A write-off: a supervisor's, at most the balance. */
  g_assert_false (record (COORDINATOR, number, WX_PAYMENT_WRITE_OFF, 10000, NULL, NULL, "老客户", NULL, &error));
  assert_refused (error, "supervisor");
  g_clear_error (&error);
  g_assert_false (record (SUPERVISOR, number, WX_PAYMENT_WRITE_OFF, 10001, NULL, NULL, "老客户", NULL, &error));
  assert_refused (error, "100.00");
  g_clear_error (&error);
  g_assert_true (record (SUPERVISOR, number, WX_PAYMENT_WRITE_OFF, 4000, NULL, NULL, "老客户，抹零", &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 6000);

  /* The hand sum of the rows, core's rule and the database agree. */
  set_role (COORDINATOR);
  rows = wx_db_payments_load (conn, number, &loaded, &error);
  set_role (NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      WxPayment *p = g_ptr_array_index (rows, i);
      if (p->kind == WX_PAYMENT_RECEIVED)
        {
          received += p->amount;
          g_assert_cmpstr (p->taken_by, ==, COORDINATOR);
          g_assert_cmpstr (p->approved_by, ==, "");
        }
      else if (p->kind == WX_PAYMENT_REFUND)
        {
          received -= p->amount;
          g_assert_cmpstr (p->approved_by, ==, SUPERVISOR);
          g_assert_cmpstr (p->reason, ==, "定影组件保修期内，退回配件费");
        }
      else
        {
          written_off += p->amount;
          g_assert_cmpstr (p->method, ==, "on_account");
        }
    }
  g_assert_cmpint (received, ==, 30000 + 38000 - 10000);
  g_assert_cmpint (written_off, ==, 4000);
  g_assert_cmpint (wx_money_balance (68000, received, written_off), ==, 6000);
  g_assert_cmpint (loaded, ==, 6000);
  g_assert_cmpint (db_balance (number), ==, 6000);
  g_assert_cmpstr (((WxPayment *) g_ptr_array_index (rows, 1))->reference, ==, "HX20261207001");
  /* Each row has its event. */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
      " WHERE o.number = '%s' AND e.event IN ('payment', 'refund', 'write_off')", number);
    g_assert_cmpint (wx_test_db_count (conn, sql), ==, 4);
  }
}

/* No group writes a payment, a refund or an account itself. */
static void
test_no_direct_writes (void)
{
  const char *groups[] = { COORDINATOR, SUPERVISOR };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *state = NULL;

      set_role (groups[i]);
      state = wx_test_db_sqlstate (conn, "INSERT INTO payments (order_id, amount, method, kind, reason, approved_by)"
                                         " SELECT id, 100, 'cash', 'refund', 'x', 'zhou_min' FROM service_orders LIMIT 1",
                                   0, NULL);
      g_assert_cmpstr (state, ==, "42501");
      g_free (state);
      state = wx_test_db_sqlstate (conn, "UPDATE payments SET amount = 1", 0, NULL);
      g_assert_cmpstr (state, ==, "42501");
      g_free (state);
      state = wx_test_db_sqlstate (conn, "UPDATE customers SET credit_limit = NULL", 0, NULL);
      g_assert_cmpstr (state, ==, "42501");
      set_role (NULL);
    }
  /* A refund without its approval cannot exist, even for the owner. */
  {
    g_autofree char *state = wx_test_db_sqlstate (conn,
      "INSERT INTO payments (order_id, amount, method, kind) SELECT id, 100, 'cash', 'refund' FROM service_orders LIMIT 1",
      0, NULL);
    g_assert_cmpstr (state, ==, "23514");
  }
}

static void
test_walk_in_needs_supervisor (void)
{
  gint64 customer = new_customer ("散客测试", FALSE, -1);
  g_autofree char *first = notified_order (customer, 20000);
  g_autofree char *second = notified_order (customer, 20000);
  g_autoptr(GError) error = NULL;

  g_assert_false (pickup_on_account (COORDINATOR, first, &error));
  assert_refused (error, "散客测试");
  g_clear_error (&error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders WHERE unit_name = '散客测试'"
                                           " AND state = 'notified'"), ==, 2);
  g_assert_true (pickup_on_account (SUPERVISOR, first, &error));
  g_assert_no_error (error);

  /* Allowed an account by a supervisor (not by the front desk). */
  set_role (COORDINATOR);
  g_assert_false (wx_db_customer_account_set (conn, customer, TRUE, -1, &error));
  set_role (NULL);
  assert_refused (error, "supervisor");
  g_clear_error (&error);
  set_role (SUPERVISOR);
  g_assert_true (wx_db_customer_account_set (conn, customer, TRUE, -1, &error));
  set_role (NULL);
  g_assert_no_error (error);
  g_assert_true (pickup_on_account (COORDINATOR, second, &error));
  g_assert_no_error (error);
}

static void
test_credit_limit (void)
{
  gint64 customer = new_customer ("限额合同客户", TRUE, 100000);
  g_autofree char *first = notified_order (customer, 70000);
  g_autofree char *second = notified_order (customer, 40000);
  g_autoptr(GError) error = NULL;

  g_assert_true (pickup_on_account (COORDINATOR, first, &error));
  g_assert_no_error (error);
  /* 700 + 400 > 1,000 yuan. */
  g_assert_false (pickup_on_account (COORDINATOR, second, &error));
  assert_refused (error, "1,000.00");
  g_clear_error (&error);
  /* Paying part of the first makes room. */
  g_assert_true (record (COORDINATOR, first, WX_PAYMENT_RECEIVED, 10000, "wechat", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pickup_on_account (COORDINATOR, second, &error));
  g_assert_no_error (error);
}

static WxMoney
prepaid_of (gint64 customer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT wx_customer_prepaid(%" G_GINT64_FORMAT ")", customer);
  return wx_test_db_count (conn, sql);
}

/* A payment over the balance: refused with the sentence unless the clerk
 * keeps the excess as the customer's prepayment; the next order is paid
 * from it ('prepaid'), never more than it holds or than is due; a refund
 * may go back to it. The prepayment is the hand sum of its rows. */
static void
test_prepayment (void)
{
  gint64 customer = new_customer ("广州市越秀区预存款客户", TRUE, -1);
  g_autofree char *first = notified_order (customer, 30000);
  g_autofree char *second = notified_order (customer, 25000);
  g_autofree char *over = g_strdup_printf (_(WX_PAYMENT_OVER), "300.00");
  g_autoptr(GError) error = NULL;
  WxPaymentInput in = { WX_PAYMENT_RECEIVED, 50000, "cash", "", "", FALSE };
  WxMoney balance = -1;
  g_autofree char *sum = NULL;

  set_role (COORDINATOR);
  g_assert_false (wx_db_payment_record (conn, first, &in, &balance, &error));
  set_role (NULL);
  assert_refused (error, over);
  g_clear_error (&error);
  g_assert_cmpint (prepaid_of (customer), ==, 0);

  in.keep_excess = TRUE;
  set_role (COORDINATOR);
  g_assert_true (wx_db_payment_record (conn, first, &in, &balance, &error));
  set_role (NULL);
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 0);
  g_assert_cmpint (db_balance (first), ==, 0);
  g_assert_cmpint (prepaid_of (customer), ==, 20000);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE event = 'prepayment'"), >=, 1);

  /* The second order from the prepayment: more than it holds is refused. */
  g_assert_false (record (COORDINATOR, second, WX_PAYMENT_RECEIVED, 25000, "prepaid", "", "", &balance, &error));
  assert_refused (error, "200.00");
  g_clear_error (&error);
  g_assert_true (record (COORDINATOR, second, WX_PAYMENT_RECEIVED, 20000, "prepaid", "", "", &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 5000);
  g_assert_cmpint (prepaid_of (customer), ==, 0);

  /* A refund of ¥30 back to the prepayment. */
  g_assert_true (record (SUPERVISOR, second, WX_PAYMENT_REFUND, 3000, "prepaid", "", "装错了耗材，退回预存款",
                         &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, 8000);
  g_assert_cmpint (prepaid_of (customer), ==, 3000);
  /* The hand sum of the rows. */
  sum = g_strdup_printf ("SELECT sum(amount) FROM customer_prepayments WHERE customer_id = %" G_GINT64_FORMAT,
                         customer);
  g_assert_cmpint (wx_test_db_count (conn, sum), ==, 50000 - 30000 - 20000 + 3000);
}

/* An invoice over three orders of one contract customer, recorded from
 * the command line by the front desk; its number once only; an amount that
 * is not the orders' total needs a supervisor and the reason; an order on
 * one invoice only; the invoice's orders sum to its amount in the
 * database. */
static void
test_invoice (void)
{
  gint64 customer = new_customer ("广州市天河区开票测试有限公司", TRUE, -1);
  g_autofree char *a = notified_order (customer, 30000);
  g_autofree char *b = notified_order (customer, 45000);
  g_autofree char *c = notified_order (customer, 25000);
  g_autofree char *d = notified_order (customer, 10000);
  g_autofree char *desk = wx_db_conninfo_with (conninfo, "user", COORDINATOR);
  g_autofree char *sum = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(WxTestRun) r = { 0 };
  const char *ad[] = { a, d, NULL };
  WxInvoiceInput in = { "special", "04400123", "2026-12-01", "广州市天河区开票测试有限公司",
                        "91440101MA5CXXXX1K", 10000, 0, ad, NULL };

  wx_test_admin (&r, NULL, NULL, "--db", desk, "invoice", "add", a, b, c, "--kind", "special",
                 "--number", "04400123", "--date", "2026-12-01", "--title", "广州市天河区开票测试有限公司",
                 "--tax-number", "91440101MA5CXXXX1K", "--amount", "1000", "--tax", "115.04", NULL);
  if (r.status != 0)
    g_error ("invoice add: %s", r.err);
  sum = g_strdup_printf ("SELECT i.amount - sum(o.quote_total) FROM invoices i"
                         "  JOIN invoice_orders io ON io.invoice_id = i.id JOIN service_orders o ON o.id = io.order_id"
                         " WHERE i.number = '04400123' GROUP BY i.amount HAVING count(*) = 3");
  g_assert_cmpint (wx_test_db_count (conn, sum), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT tax FROM invoices WHERE number = '04400123'"), ==, 11504);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE event = 'invoice_recorded'"),
                   ==, 3);

  /* The same number again. */
  set_role (COORDINATOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "04400123");
  g_clear_error (&error);
  /* An order on an invoice already. */
  in.number = "04400124";
  set_role (COORDINATOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "on an invoice already");
  g_clear_error (&error);
  /* ¥100 for an order of ¥100 is its total; ¥90 is not: the reason, and a supervisor. */
  ad[0] = d;
  ad[1] = NULL;
  in.amount = 9000;
  set_role (COORDINATOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "100.00");
  g_clear_error (&error);
  in.reason = "客户要求抹零";
  set_role (COORDINATOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "only a supervisor");
  g_clear_error (&error);
  /* A special invoice needs the tax number. */
  in.tax_number = "";
  set_role (SUPERVISOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "tax number");
  g_clear_error (&error);
  in.tax_number = "91440101MA5CXXXX1K";
  /* A date that is no date: the sentence, not the server's. */
  in.issued_on = "2026-13-01";
  set_role (SUPERVISOR);
  g_assert_false (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  assert_refused (error, "YYYY-MM-DD");
  g_clear_error (&error);
  in.issued_on = "2026-12-01";
  set_role (SUPERVISOR);
  g_assert_true (wx_db_invoice_add (conn, &in, NULL, &error));
  set_role (NULL);
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM invoices WHERE number = '04400124'"
                                           " AND approved_by = '" SUPERVISOR "' AND reason = '客户要求抹零'"), ==, 1);
}

/* The day's cash count (日清日毕) from the command line: the takings of a
 * day by WeChat and in cash, the cash short by ¥10 — refused without the
 * reason, recorded with it; once per day and method. */
static void
test_cash_count (void)
{
  gint64 customer = new_customer ("天河区个人客户现金", TRUE, -1);
  g_autofree char *a = notified_order (customer, 30000);
  g_autofree char *b = notified_order (customer, 20000);
  g_autofree char *desk = wx_db_conninfo_with (conninfo, "user", COORDINATOR);
  g_autofree char *day = wx_test_db_value (conn, "SELECT (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date::text");
  g_autoptr(GError) error = NULL;
  g_auto(WxTestRun) r = { 0 };
  WxMoney before = 0, balance = 0;
  g_autofree char *sql = g_strdup_printf ("SELECT wx_day_takings('%s', 'cash')", day);

  before = wx_test_db_count (conn, sql);
  g_assert_true (record (COORDINATOR, a, WX_PAYMENT_RECEIVED, 30000, "cash", "", "", &balance, &error));
  g_assert_true (record (COORDINATOR, b, WX_PAYMENT_RECEIVED, 20000, "cash", "", "", &balance, &error));
  g_assert_true (record (SUPERVISOR, b, WX_PAYMENT_REFUND, 5000, "cash", "", "多收了", &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (conn, sql), ==, before + 30000 + 20000 - 5000);

  /* ¥10 short, no reason: refused, nothing written. */
  {
    g_autofree char *counted = wx_money_format (before + 45000 - 1000);

    wx_test_admin (&r, NULL, NULL, "--db", desk, "cash", "count", day, "cash", counted, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "-10.00"));
    g_assert_nonnull (strstr (r.err, "write the reason"));
    g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM cash_counts"), ==, 0);
    wx_test_run_clear (&r);
    wx_test_admin (&r, NULL, NULL, "--db", desk, "cash", "count", day, "cash", counted,
                   "--reason", "找零时多找了 10 元", NULL);
    if (r.status != 0)
      g_error ("cash count: %s", r.err);
    g_assert_nonnull (strstr (r.out, "difference ¥-10.00"));
  }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT counted - recorded FROM cash_counts WHERE method = 'cash'"), ==, -1000);
  /* Once a day and method. */
  g_assert_false (wx_db_cash_count (conn, day, "cash", 0, "again", NULL, NULL, &error));
  assert_refused (error, "counted already");
  g_clear_error (&error);
}

/* An order of `customer` picked up on account last month, quoted `quote`. */
static char *
last_month_order (gint64 customer, WxMoney quote, int day)
{
  g_autofree char *number = notified_order (customer, quote);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE service_orders SET state = 'picked_up', payment_status = 'on_account', repair_notes = '更换定影组件',"
    "       picked_up_at = (date_trunc('month', now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))"
    "                       - interval '1 month' + interval '%d days') AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai')"
    " WHERE number = '%s' RETURNING number", day, number);

  return wx_test_db_value (conn, sql);
}

/* A month of a contract customer (issue 15's scripted month, from the
 * command line): two orders picked up on account last month; this
 * month's statement refused while the month is open; last month's made
 * with its PDF (read back: both orders, the capital-numeral total),
 * checked (a note of who agreed), sent printed, refused as paid while
 * money is owed, then two partial payments and paid. The statement's
 * balance is the hand sum of the orders. */
static void
test_statement_month (void)
{
  gint64 customer = new_customer ("广州市番禺区月结对账客户", TRUE, -1);
  g_autofree char *a = last_month_order (customer, 68000, 3);
  g_autofree char *b = last_month_order (customer, 32000, 17);
  g_autofree char *desk = wx_db_conninfo_with (conninfo, "user", COORDINATOR);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, customer);
  g_autofree char *this_month = wx_test_db_value (conn, "SELECT to_char(now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM')");
  g_autofree char *last_month = wx_test_db_value (conn, "SELECT to_char(now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai') - interval '1 month', 'YYYY-MM')");
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "wx-statement-test.pdf", NULL);
  g_autofree char *capital = wx_money_to_capital (68000 + 32000);
  g_autofree char *statement = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(WxTestRun) r = { 0 };
  WxMoney balance = 0;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "make", id_text, this_month, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "not over yet"));
  wx_test_run_clear (&r);

  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "make", id_text, last_month, "-o", pdf, NULL);
  if (r.status != 0)
    g_error ("statement make: %s", r.err);
  statement = wx_test_db_value (conn, "SELECT max(id)::text FROM statements");
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *text = NULL;
    g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);

    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &text, NULL, &error));
    g_assert_nonnull (strstr (text, a));
    g_assert_nonnull (strstr (text, b));
    g_assert_nonnull (strstr (text, "1,000.00"));
    g_assert_nonnull (strstr (text, "广州市番禺区月结对账客户"));
    {
      g_autofree char *squashed = g_strdelimit (g_strdup (capital), " ", ' ');
      g_assert_nonnull (strstr (text, squashed));
    }
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT balance_due - (SELECT sum(quote_total) FROM service_orders"
                                            " WHERE customer_id = %" G_GINT64_FORMAT ") FROM statements WHERE id = %s",
                                            customer, statement);
    g_assert_cmpint (wx_test_db_count (conn, sql), ==, 0);
  }
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "make", id_text, last_month, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "made already"));

  /* Sent before checked: refused; checked needs who agreed. */
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "send", statement, "--printed", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "not checked"));
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "check", statement, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "who at the customer agreed"));
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "check", statement, "--note", "财务黄小姐电话核对无误", NULL);
  g_assert_cmpint (r.status, ==, 0);
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "send", statement, "--printed", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* Paid only when nothing is owed. */
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "close", statement, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "1,000.00"));
  g_assert_true (record (COORDINATOR, a, WX_PAYMENT_RECEIVED, 68000, "bank_transfer", "HX0001", "", &balance, &error));
  g_assert_true (record (COORDINATOR, b, WX_PAYMENT_RECEIVED, 12000, "wechat", "", "", &balance, &error));
  g_assert_no_error (error);
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "close", statement, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "200.00"));
  g_assert_true (record (COORDINATOR, b, WX_PAYMENT_RECEIVED, 20000, "wechat", "", "", &balance, &error));
  g_assert_no_error (error);
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "statement", "close", statement, NULL);
  if (r.status != 0)
    g_error ("statement close: %s", r.err);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM statements WHERE id = %s AND paid_at IS NOT NULL"
                                            " AND checked_note = '财务黄小姐电话核对无误' AND sent_how = 'printed'", statement);
    g_assert_cmpint (wx_test_db_count (conn, sql), ==, 1);
  }
}

/* Collections (追款) by age: orders picked up on account 31 and 61 days
 * ago land in 31-60 and 61-90 with a chase due; a chase logged (result,
 * promised date, next chase) clears the badge; an engineer chases only
 * his own orders; the buckets' totals are the hand sums. */
static void
test_collections (void)
{
  gint64 customer = new_customer ("广州市白云区追款测试客户", TRUE, -1);
  g_autofree char *a = notified_order (customer, 40000);
  g_autofree char *b = notified_order (customer, 70000);
  g_autofree char *desk = wx_db_conninfo_with (conninfo, "user", COORDINATOR);
  g_autofree char *engineer = wx_test_db_value (conn, "SELECT role_name FROM staff s WHERE pg_has_role(s.role_name, 'wx_engineer', 'MEMBER')"
                                                      " AND NOT pg_has_role(s.role_name, 'wx_supervisor', 'MEMBER') ORDER BY 1 LIMIT 1");
  g_autofree char *eng_conninfo = wx_db_conninfo_with (conninfo, "user", engineer);
  g_autofree char *tomorrow = wx_test_db_value (conn, "SELECT ((now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date + 1)::text");
  g_autofree char *line_a = NULL;
  g_autofree char *line_b = NULL;
  g_auto(WxTestRun) r = { 0 };

  for (int k = 0; k < 2; k++)
    {
      g_autofree char *sql = g_strdup_printf (
        "UPDATE service_orders SET state = 'picked_up', payment_status = 'on_account', engineer = NULL,"
        "       picked_up_at = now() - interval '%d days' WHERE number = '%s'", k ? 61 : 31, k ? b : a);
      wx_test_db_exec (conn, sql);
    }
  wx_test_admin (&r, NULL, NULL, "--db", desk, "collections", "list", NULL);
  if (r.status != 0)
    g_error ("collections list: %s", r.err);
  line_a = g_strdup_printf ("%s\t广州市白云区追款测试客户\t400.00\t31\t31-60\t", a);
  line_b = g_strdup_printf ("%s\t广州市白云区追款测试客户\t700.00\t61\t61-90\t", b);
  g_assert_nonnull (strstr (r.out, line_a));
  g_assert_nonnull (strstr (r.out, line_b));
  g_assert_nonnull (strstr (strstr (r.out, line_a), "chase due"));
  {
    /* Each bucket's total in the summary is the hand sum of its rows. */
    g_autoptr(PGresult) sums = PQexec (conn, "SELECT bucket, count(*), sum(balance) FROM wx_collections("
                                             "(now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date)"
                                             " GROUP BY bucket");

    for (int i = 0; i < PQntuples (sums); i++)
      {
        g_autofree char *total = wx_money_format (g_ascii_strtoll (PQgetvalue (sums, i, 2), NULL, 10));
        g_autofree char *summary = g_strdup_printf ("%s days: %s orders, ¥%s\n", PQgetvalue (sums, i, 0),
                                                    PQgetvalue (sums, i, 1), total);
        if (strstr (r.out, summary) == NULL)
          g_error ("the summary lacks “%s”:\n%s", summary, r.out);
      }
  }

  /* The engineer may not chase an order that is not his. */
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", eng_conninfo, "collections", "chase", a, "--result", "电话未接",
                 "--next", tomorrow, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "not yours"));
  /* No result: refused. The front desk logs the call. */
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "collections", "chase", a, "--next", tomorrow, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "what came of the chase"));
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "collections", "chase", a, "--result", "财务说下周转账",
                 "--promised", tomorrow, "--next", tomorrow, "--chaser", engineer, NULL);
  if (r.status != 0)
    g_error ("collections chase: %s", r.err);
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", desk, "collections", "list", NULL);
  {
    const char *row = strstr (r.out, line_a);
    g_autofree char *expected = g_strdup_printf ("%s%s\t%s\n", line_a, tomorrow, engineer);

    g_assert_nonnull (row);
    if (!g_str_has_prefix (row, expected))
      g_error ("after the chase: “%.120s”, not “%s”", row, expected);
  }
  /* Now the engineer chases it as his. */
  wx_test_run_clear (&r);
  wx_test_admin (&r, NULL, NULL, "--db", eng_conninfo, "collections", "chase", a, "--result", "客户确认明天付",
                 "--next", tomorrow, NULL);
  g_assert_cmpint (r.status, !=, 0);   /* chaser is not the order's engineer: still not his order */
}

int
main (int argc, char **argv)
{
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("payments", TRUE);
  conn = wx_test_db_connect (conninfo);
  fixed = wx_test_fixed_now ();
  if (!wx_db_demo_load (conn, 20, fixed, &error))
    g_error ("demo data: %s", error->message);

  g_test_add_func ("/payments/on-account-paid-later", test_on_account_paid_later);
  g_test_add_func ("/payments/no-direct-writes", test_no_direct_writes);
  g_test_add_func ("/payments/walk-in-needs-supervisor", test_walk_in_needs_supervisor);
  g_test_add_func ("/payments/credit-limit", test_credit_limit);
  g_test_add_func ("/payments/prepayment", test_prepayment);
  g_test_add_func ("/payments/invoice", test_invoice);
  g_test_add_func ("/payments/cash-count", test_cash_count);
  g_test_add_func ("/payments/statement-month", test_statement_month);
  g_test_add_func ("/payments/collections", test_collections);
  rc = g_test_run ();
  PQfinish (conn);
  g_free (conninfo);
  return rc;
}

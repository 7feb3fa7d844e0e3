/* wx-admin-money.c — `payment`, `invoice`, `cash`: money after pickup from
 * the command line (payments, refunds, write-offs, a customer's account,
 * the invoices issued, the day's cash count). Every write is a function of
 * data/sql/functions/money.sql, as the connecting login. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "core/wx-money.h"
#include "db/wx-db.h"
#include "db/wx-db-money.h"
#include "wx-admin.h"

static const char payment_usage[] =
  N_("Use “payment add|refund|write-off NUMBER YUAN …”, “payment list NUMBER” "
     "or “payment account CUSTOMER_ID on|off [--limit YUAN]”.");

static int
payment_record (WxAdmin *a, WxPaymentKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *left = NULL;
  WxMoney balance = 0;
  WxPaymentInput in = {
    .kind = kind,
    .method = wx_admin_value (a, "--method"),
    .reference = wx_admin_value (a, "--reference"),
    .reason = kind == WX_PAYMENT_RECEIVED ? wx_admin_value (a, "--note") : wx_admin_value (a, "--reason"),
    .keep_excess = kind == WX_PAYMENT_RECEIVED && wx_admin_flag (a, "--keep-excess"),
  };

  if (a->args->len != 3)
    return wx_admin_usage_error (_(payment_usage));
  if (!wx_money_parse (wx_admin_arg (a, 2), &in.amount, &error))
    return wx_admin_fail (error);
  if (kind != WX_PAYMENT_WRITE_OFF && in.method == NULL)
    return wx_admin_usage_error (_("Give --method cash, wechat, alipay, bank_transfer, card, cheque or prepaid."));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || !wx_db_payment_record (conn, wx_admin_arg (a, 1), &in, &balance, &error))
    return wx_admin_fail (error);
  left = wx_money_format (balance);
  g_print (_("%s: balance ¥%s\n"), wx_admin_arg (a, 1), left);
  return EXIT_SUCCESS;
}

static int
payment_list (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *left = NULL;
  WxMoney balance = 0;
  WxMoney prepaid = 0;

  if (a->args->len != 2)
    return wx_admin_usage_error (_(payment_usage));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || (rows = wx_db_payments_load (conn, wx_admin_arg (a, 1), &balance, &error)) == NULL)
    return wx_admin_fail (error);
  for (guint i = 0; i < rows->len; i++)
    {
      WxPayment *p = g_ptr_array_index (rows, i);
      g_autofree char *amount = wx_money_format (p->kind == WX_PAYMENT_REFUND ? -p->amount : p->amount);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p->at_text, wx_payment_kind_code (p->kind), amount,
               p->method, p->taken_by, p->reference, p->reason, p->approved_by);
    }
  left = wx_money_format (balance);
  g_print (_("balance ¥%s\n"), left);
  if (wx_db_order_customer_prepaid (conn, wx_admin_arg (a, 1), &prepaid, &error) && prepaid != 0)
    {
      g_autofree char *held = wx_money_format (prepaid);

      g_print (_("customer's prepayment ¥%s\n"), held);
    }
  return EXIT_SUCCESS;
}

static int
payment_account (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  const char *limit_text = wx_admin_value (a, "--limit");
  const char *onoff = wx_admin_arg (a, 2);
  WxMoney limit = -1;
  char *end = NULL;
  gint64 id;

  if (a->args->len != 3 || (g_strcmp0 (onoff, "on") != 0 && g_strcmp0 (onoff, "off") != 0))
    return wx_admin_usage_error (_(payment_usage));
  id = g_ascii_strtoll (wx_admin_arg (a, 1), &end, 10);
  if (end == NULL || *end || id <= 0)
    return wx_admin_usage_error (_(payment_usage));
  if (limit_text && !wx_money_parse (limit_text, &limit, &error))
    return wx_admin_fail (error);
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || !wx_db_customer_account_set (conn, id, g_str_equal (onoff, "on"), limit, &error))
    return wx_admin_fail (error);
  return EXIT_SUCCESS;
}

int
wx_admin_cmd_payment (WxAdmin *a)
{
  const char *sub = wx_admin_arg (a, 0);

  if (g_strcmp0 (sub, "add") == 0)
    return payment_record (a, WX_PAYMENT_RECEIVED);
  if (g_strcmp0 (sub, "refund") == 0)
    return payment_record (a, WX_PAYMENT_REFUND);
  if (g_strcmp0 (sub, "write-off") == 0)
    return payment_record (a, WX_PAYMENT_WRITE_OFF);
  if (g_strcmp0 (sub, "list") == 0)
    return payment_list (a);
  if (g_strcmp0 (sub, "account") == 0)
    return payment_account (a);
  return wx_admin_usage_error (_(payment_usage));
}

/* invoice add ORDER… --kind K --number N --date D --title T [--tax-number X]
 * --amount YUAN [--tax YUAN] [--reason TEXT] */
int
wx_admin_cmd_invoice (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new ();
  const char *amount = wx_admin_value (a, "--amount");
  const char *tax = wx_admin_value (a, "--tax");
  WxInvoiceInput in = {
    .kind = wx_admin_value (a, "--kind"),
    .number = wx_admin_value (a, "--number"),
    .issued_on = wx_admin_value (a, "--date"),
    .title = wx_admin_value (a, "--title"),
    .tax_number = wx_admin_value (a, "--tax-number"),
    .reason = wx_admin_value (a, "--reason"),
  };
  gint64 id = 0;

  if (g_strcmp0 (wx_admin_arg (a, 0), "add") != 0 || a->args->len < 2 || in.kind == NULL || in.number == NULL ||
      in.issued_on == NULL || in.title == NULL || amount == NULL)
    return wx_admin_usage_error (_("Use “invoice add ORDER… --kind normal|special|electronic --number N "
                                   "--date YYYY-MM-DD --title TITLE [--tax-number X] --amount YUAN [--tax YUAN] "
                                   "[--reason TEXT]”."));
  if (!wx_money_parse (amount, &in.amount, &error) || (tax && !wx_money_parse (tax, &in.tax, &error)))
    return wx_admin_fail (error);
  for (guint i = 1; i < a->args->len; i++)
    g_ptr_array_add (orders, (gpointer) wx_admin_arg (a, i));
  g_ptr_array_add (orders, NULL);
  in.orders = (const char * const *) orders->pdata;
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || !wx_db_invoice_add (conn, &in, &id, &error))
    return wx_admin_fail (error);
  g_print (_("invoice %s recorded for %u orders\n"), in.number, a->args->len - 1);
  return EXIT_SUCCESS;
}

/* cash count YYYY-MM-DD METHOD YUAN [--reason TEXT] */
int
wx_admin_cmd_cash (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *recorded_text = NULL;
  g_autofree char *difference_text = NULL;
  WxMoney counted = 0, recorded = 0, difference = 0;

  if (g_strcmp0 (wx_admin_arg (a, 0), "count") != 0 || a->args->len != 4)
    return wx_admin_usage_error (_("Use “cash count YYYY-MM-DD METHOD YUAN [--reason TEXT]”."));
  if (!wx_money_parse (wx_admin_arg (a, 3), &counted, &error))
    return wx_admin_fail (error);
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || !wx_db_cash_count (conn, wx_admin_arg (a, 1), wx_admin_arg (a, 2), counted,
                                         wx_admin_value (a, "--reason"), &recorded, &difference, &error))
    return wx_admin_fail (error);
  recorded_text = wx_money_format (recorded);
  difference_text = wx_money_format (difference);
  /* recorded, then the difference: short < 0, over > 0 */
  g_print (_("recorded ¥%s, difference ¥%s\n"), recorded_text, difference_text);
  return EXIT_SUCCESS;
}

/* collections list [--day YYYY-MM-DD] | collections chase NUMBER --result
 * TEXT --next YYYY-MM-DD [--promised YYYY-MM-DD] [--chaser LOGIN] */
int
wx_admin_cmd_collections (WxAdmin *a)
{
  static const char *const buckets[] = { "0-30", "31-60", "61-90", "91+" };
  const char *sub = wx_admin_arg (a, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WxMoney totals[G_N_ELEMENTS (buckets)] = { 0 };
  guint counts[G_N_ELEMENTS (buckets)] = { 0 };
  guint due = 0;

  if (g_strcmp0 (sub, "chase") == 0 && a->args->len == 2)
    {
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || !wx_db_chase_log (conn, wx_admin_arg (a, 1), wx_admin_value (a, "--result"),
                                            wx_admin_value (a, "--promised"), wx_admin_value (a, "--next"),
                                            wx_admin_value (a, "--chaser"), &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (sub, "list") != 0 || a->args->len != 1)
    return wx_admin_usage_error (_("Use “collections list [--day YYYY-MM-DD]” or “collections chase NUMBER "
                                   "--result TEXT --next YYYY-MM-DD [--promised YYYY-MM-DD] [--chaser LOGIN]”."));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || (rows = wx_db_collections_load (conn, wx_admin_value (a, "--day"), &error)) == NULL)
    return wx_admin_fail (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const WxCollection *c = g_ptr_array_index (rows, i);
      g_autofree char *balance = wx_money_format (c->balance);

      g_print ("%s\t%s\t%s\t%d\t%s\t%s\t%s%s\n", c->number, c->unit_name, balance, c->age, c->bucket, c->next_on,
               c->chaser, c->due ? _("\tchase due") : "");
      for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
        if (g_str_equal (c->bucket, buckets[b]))
          {
            totals[b] += c->balance;
            counts[b]++;
          }
      due += c->due;
    }
  for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
    {
      g_autofree char *total = wx_money_format (totals[b]);

      /* days since pickup, orders, the sum owed */
      g_print (_("%s days: %u orders, ¥%s\n"), buckets[b], counts[b], total);
    }
  g_print (_("chases due: %u\n"), due);
  return EXIT_SUCCESS;
}

/* wx-db-money.c — payments, refunds, write-offs and accounts
 * (data/sql/functions/money.sql). */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-money.h"

static const char *const kind_codes[] = { "payment", "refund", "write_off" };

const char *
wx_payment_kind_code (WxPaymentKind kind)
{
  g_return_val_if_fail (kind <= WX_PAYMENT_WRITE_OFF, NULL);
  return kind_codes[kind];
}

gboolean
wx_db_payment_record (PGconn               *conn,
                      const char           *number,
                      const WxPaymentInput *in,
                      WxMoney              *balance,
                      GError              **error)
{
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, in->amount);
  const char *reference = in->reference ? in->reference : "";
  const char *reason = in->reason ? in->reason : "";
  g_autoptr(PGresult) res = NULL;

  if (in->kind == WX_PAYMENT_RECEIVED)
    {
      const char *params[] = { number, amount, in->method, reference, reason, in->keep_excess ? "true" : "false" };
      res = wx_db_query (conn, "SELECT balance FROM wx_payment_add($1, $2::bigint, $3, $4, $5, $6::boolean)",
                         6, params, error);
    }
  else if (in->kind == WX_PAYMENT_REFUND)
    {
      const char *params[] = { number, amount, in->method, reason, reference };
      res = wx_db_query (conn, "SELECT balance FROM wx_payment_refund($1, $2::bigint, $3, $4, $5)", 5, params, error);
    }
  else
    {
      const char *params[] = { number, amount, reason };
      res = wx_db_query (conn, "SELECT balance FROM wx_payment_write_off($1, $2::bigint, $3)", 3, params, error);
    }
  if (res == NULL)
    return FALSE;
  if (balance)
    *balance = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  return TRUE;
}

static void
payment_free (gpointer data)
{
  WxPayment *p = data;

  g_free (p->at_text);
  g_free (p->method);
  g_free (p->taken_by);
  g_free (p->reference);
  g_free (p->reason);
  g_free (p->approved_by);
  g_free (p);
}

GPtrArray *
wx_db_payments_load (PGconn      *conn,
                     const char  *number,
                     WxMoney     *balance,
                     GError     **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PGresult) due = NULL;
  GPtrArray *rows;

  due = wx_db_query (conn, "SELECT wx_order_balance(o.id) FROM service_orders o WHERE o.number = $1",
                     1, params, error);
  if (due == NULL)
    return NULL;
  if (PQntuples (due) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no order %s."), number);
      return NULL;
    }
  res = wx_db_query (conn,
                     "SELECT y.id, floor(date_part('epoch', y.at))::bigint, y.kind, y.amount, y.method,"
                     "       y.received_by, y.reference, y.reason, coalesce(y.approved_by, ''),"
                     "       to_char(y.at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI')"
                     "  FROM payments y JOIN service_orders o ON o.id = y.order_id"
                     " WHERE o.number = $1 ORDER BY y.at, y.id", 1, params, error);
  if (res == NULL)
    return NULL;
  if (balance)
    *balance = g_ascii_strtoll (PQgetvalue (due, 0, 0), NULL, 10);
  rows = g_ptr_array_new_with_free_func (payment_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxPayment *p = g_new0 (WxPayment, 1);
      const char *kind = PQgetvalue (res, i, 2);

      p->id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      p->at = g_ascii_strtoll (PQgetvalue (res, i, 1), NULL, 10);
      for (guint k = 0; k < G_N_ELEMENTS (kind_codes); k++)
        if (g_str_equal (kind, kind_codes[k]))
          p->kind = k;
      p->amount = g_ascii_strtoll (PQgetvalue (res, i, 3), NULL, 10);
      p->method = g_strdup (PQgetvalue (res, i, 4));
      p->taken_by = g_strdup (PQgetvalue (res, i, 5));
      p->reference = g_strdup (PQgetvalue (res, i, 6));
      p->reason = g_strdup (PQgetvalue (res, i, 7));
      p->approved_by = g_strdup (PQgetvalue (res, i, 8));
      p->at_text = g_strdup (PQgetvalue (res, i, 9));
      g_ptr_array_add (rows, p);
    }
  return rows;
}

gboolean
wx_db_order_customer_prepaid (PGconn      *conn,
                              const char  *number,
                              WxMoney     *prepaid,
                              GError     **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT wx_customer_prepaid(o.customer_id)"
                                               "  FROM service_orders o WHERE o.number = $1", 1, params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no order %s."), number);
      return FALSE;
    }
  *prepaid = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  return TRUE;
}

/* A day as YYYY-MM-DD that the calendar has; else the sentence naming
 * `field`. */
static gboolean
check_day (const char *text, const char *field, GError **error)
{
  unsigned y, m, d;
  char tail;

  if (text && sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && strlen (text) == 10 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return TRUE;
  g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("The %s “%s” is not a date written YYYY-MM-DD."),
               field, text ? text : "");
  return FALSE;
}

gboolean
wx_db_invoice_add (PGconn               *conn,
                   const WxInvoiceInput *in,
                   gint64               *id,
                   GError              **error)
{
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, in->amount);
  g_autofree char *tax = g_strdup_printf ("%" G_GINT64_FORMAT, in->tax);
  /* The numbers one a line: no array literal to quote. */
  g_autofree char *orders = in->orders ? g_strjoinv ("\n", (char **) in->orders) : g_strdup ("");
  const char *params[] = { in->kind, in->number, in->issued_on, in->title, in->tax_number ? in->tax_number : "",
                           amount, tax, orders, in->reason ? in->reason : "" };
  g_autoptr(PGresult) res = NULL;

  if (!check_day (in->issued_on, _("invoice date"), error))
    return FALSE;
  res = wx_db_query (conn,
    "SELECT wx_invoice_add($1, $2, $3::date, $4, $5, $6::bigint, $7::bigint,"
    "                      coalesce(string_to_array(nullif($8, ''), E'\\n'), '{}'), $9)",
    9, params, error);

  if (res == NULL)
    return FALSE;
  if (id)
    *id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  return TRUE;
}

gboolean
wx_db_cash_count (PGconn      *conn,
                  const char  *day,
                  const char  *method,
                  WxMoney      counted,
                  const char  *reason,
                  WxMoney     *recorded,
                  WxMoney     *difference,
                  GError     **error)
{
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, counted);
  const char *params[] = { day, method, amount, reason ? reason : "" };
  g_autoptr(PGresult) res = NULL;

  if (!check_day (day, _("day counted"), error))
    return FALSE;
  res = wx_db_query (conn, "SELECT recorded, difference FROM wx_cash_count($1::date, $2, $3::bigint, $4)",
                     4, params, error);

  if (res == NULL)
    return FALSE;
  if (recorded)
    *recorded = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  if (difference)
    *difference = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  return TRUE;
}

static void
collection_free (gpointer data)
{
  WxCollection *c = data;

  g_free (c->number);
  g_free (c->unit_name);
  g_free (c->bucket);
  g_free (c->next_on);
  g_free (c->chaser);
  g_free (c);
}

GPtrArray *
wx_db_collections_load (PGconn *conn, const char *day, GError **error)
{
  const char *params[] = { day };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *rows;

  if (day && !check_day (day, _("day"), error))
    return NULL;
  res = wx_db_query (conn,
                     "SELECT number, unit_name, balance, age, bucket, next_on::text, chaser, due"
                     "  FROM wx_collections(coalesce($1::date,"
                     "                               (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date))",
                     1, params, error);
  if (res == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (collection_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxCollection *c = g_new0 (WxCollection, 1);

      c->number = wx_db_dup_text (res, i, 0);
      c->unit_name = wx_db_dup_text (res, i, 1);
      c->balance = wx_db_get_int (res, i, 2);
      c->age = (int) wx_db_get_int (res, i, 3);
      c->bucket = wx_db_dup_text (res, i, 4);
      c->next_on = wx_db_dup_text (res, i, 5);
      c->chaser = wx_db_dup_text (res, i, 6);
      c->due = wx_db_get_bool (res, i, 7);
      g_ptr_array_add (rows, c);
    }
  return rows;
}

gboolean
wx_db_chase_log (PGconn *conn, const char *number, const char *result, const char *promised,
                 const char *next, const char *chaser, GError **error)
{
  const char *params[] = { number, result ? result : "", promised, next, chaser };

  if ((promised && !check_day (promised, _("date promised"), error)) || !check_day (next, _("next chase"), error))
    return FALSE;
  return wx_db_execute (conn, "SELECT wx_chase_log($1, $2, $3::date, $4::date, $5)", 5, params, error);
}

gboolean
wx_db_customer_account_set (PGconn   *conn,
                            gint64    id,
                            gboolean  allowed,
                            WxMoney   limit,
                            GError  **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *limit_text = limit >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, limit) : NULL;
  const char *params[] = { id_text, allowed ? "true" : "false", limit_text };

  return wx_db_execute (conn, "SELECT wx_customer_account_set($1::bigint, $2::boolean, $3::bigint)",
                        3, params, error);
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char           *number;
  WxPaymentInput  in;
  char           *method, *reference, *reason;
} RecordJob;

static void
record_job_free (RecordJob *j)
{
  g_free (j->number);
  g_free (j->method);
  g_free (j->reference);
  g_free (j->reason);
  g_free (j);
}

static gboolean
record_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  RecordJob *j = data;
  WxMoney balance = 0;

  if (!wx_db_payment_record (conn, j->number, &j->in, &balance, error))
    return FALSE;
  *result = g_memdup2 (&balance, sizeof balance);
  return TRUE;
}

void
wx_db_payment_record_async (WxDbWorker *worker, const char *number, const WxPaymentInput *in,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  RecordJob *j = g_new0 (RecordJob, 1);

  j->number = g_strdup (number);
  j->in = *in;
  j->in.method = j->method = g_strdup (in->method);
  j->in.reference = j->reference = g_strdup (in->reference);
  j->in.reason = j->reason = g_strdup (in->reason);
  wx_db_worker_run_async (worker, record_job, j, (GDestroyNotify) record_job_free, g_free,
                          cancellable, callback, user_data);
}

static gboolean
balance_finish (WxDbWorker *worker, GAsyncResult *result, WxMoney *balance, GError **error)
{
  g_autofree WxMoney *b = wx_db_worker_run_finish (worker, result, error);

  if (b == NULL)
    return FALSE;
  if (balance)
    *balance = *b;
  return TRUE;
}

gboolean
wx_db_payment_record_finish (WxDbWorker *worker, GAsyncResult *result, WxMoney *balance, GError **error)
{
  return balance_finish (worker, result, balance, error);
}

static gboolean
balance_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  WxMoney balance = 0;
  g_autoptr(GPtrArray) rows = wx_db_payments_load (conn, data, &balance, error);

  if (rows == NULL)
    return FALSE;
  *result = g_memdup2 (&balance, sizeof balance);
  return TRUE;
}

void
wx_db_order_balance_async (WxDbWorker *worker, const char *number,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, balance_job, g_strdup (number), g_free, g_free,
                          cancellable, callback, user_data);
}

gboolean
wx_db_order_balance_finish (WxDbWorker *worker, GAsyncResult *result, WxMoney *balance, GError **error)
{
  return balance_finish (worker, result, balance, error);
}

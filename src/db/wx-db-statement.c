/* wx-db-statement.c — monthly statements (data/sql/functions/money.sql). */
#include <string.h>

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-error.h"
#include "wx-db-statement.h"

static void
line_clear (gpointer data)
{
  WxStatementLine *l = data;

  g_free (l->number);
  g_free (l->picked_up);
  g_free (l->machine);
  g_free (l->work);
}

void
wx_statement_free (WxStatement *s)
{
  if (s == NULL)
    return;
  g_free (s->period);
  g_free (s->state);
  g_free (s->unit_name);
  g_free (s->contact);
  g_free (s->address);
  g_free (s->company_name);
  g_free (s->company_address);
  g_free (s->company_phone);
  g_free (s->company_fax);
  g_free (s->made);
  g_free (s->checked);
  g_free (s->sent);
  g_free (s->paid);
  g_clear_pointer (&s->lines, g_array_unref);
  g_free (s);
}

gboolean
wx_db_statement_make (PGconn *conn, gint64 customer, const char *period, gint64 *id, GError **error)
{
  g_autofree char *customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, customer);
  g_autofree char *first = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[2];
  unsigned y, m;
  char tail;

  if (period == NULL || strlen (period) != 7 || sscanf (period, "%4u-%2u%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("The month “%s” is not written YYYY-MM."),
                   period ? period : "");
      return FALSE;
    }
  first = g_strdup_printf ("%s-01", period);
  params[0] = customer_text;
  params[1] = first;
  res = wx_db_query (conn, "SELECT wx_statement_make($1::bigint, $2::date)", 2, params, error);
  if (res == NULL)
    return FALSE;
  if (id)
    *id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  return TRUE;
}

gboolean
wx_db_statement_check (PGconn *conn, gint64 id, const char *note, GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text, note ? note : "" };

  return wx_db_execute (conn, "SELECT wx_statement_check($1::bigint, $2)", 2, params, error);
}

gboolean
wx_db_statement_send (PGconn *conn, gint64 id, const char *how, GBytes *pdf, GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(GString) hex = NULL;
  const char *params[] = { id_text, how, NULL };

  if (pdf)
    {
      gsize n = 0;
      const guint8 *bytes = g_bytes_get_data (pdf, &n);

      hex = g_string_sized_new (2 * n + 3);
      g_string_append (hex, "\\x");
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (hex, "%02x", bytes[i]);
      params[2] = hex->str;
    }
  return wx_db_execute (conn, "SELECT wx_statement_send($1::bigint, $2, $3::bytea)", 3, params, error);
}

gboolean
wx_db_statement_close (PGconn *conn, gint64 id, GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text };

  return wx_db_execute (conn, "SELECT wx_statement_close($1::bigint)", 1, params, error);
}

#define DAY(col) "to_char(" col " AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD')"
#define NAME(col) "coalesce((SELECT f.full_name FROM staff f WHERE f.role_name = " col "), " col ")"

WxStatement *
wx_db_statement_load (PGconn *conn, gint64 id, GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) head = wx_db_query (conn,
    "SELECT to_char(s.period, 'YYYY-MM'),"
    "       CASE WHEN s.paid_at IS NOT NULL THEN 'paid' WHEN s.sent_at IS NOT NULL THEN 'sent'"
    "            WHEN s.checked_at IS NOT NULL THEN 'checked' ELSE 'made' END,"
    "       c.unit_name, c.contact_person, c.address,"
    "       wx_setting('company.name', ''), wx_setting('company.address', ''), wx_setting('company.phone', ''),"
    "       wx_setting('company.fax', ''),"
    "       " DAY ("s.made_at") " || ' ' || " NAME ("s.made_by") ","
    "       coalesce(" DAY ("s.checked_at") " || ' ' || " NAME ("s.checked_by") " || ': ' || s.checked_note, ''),"
    "       coalesce(" DAY ("s.sent_at") " || ' ' || " NAME ("s.sent_by") " || ' (' || s.sent_how || ')', ''),"
    "       coalesce(" DAY ("s.paid_at") ", ''),"
    "       s.brought_forward, s.charges, s.received, s.balance_due"
    "  FROM statements s JOIN customers c ON c.id = s.customer_id WHERE s.id = $1::bigint", 1, params, error);
  g_autoptr(PGresult) lines = NULL;
  g_autoptr(WxStatement) s = NULL;

  if (head == NULL)
    return NULL;
  if (PQntuples (head) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no statement %s."), id_text);
      return NULL;
    }
  lines = wx_db_query (conn,
    "SELECT o.number, " DAY ("o.picked_up_at") ","
    "       btrim(o.product_name || ' ' || coalesce(nullif(o.model, ''), '')),"
    "       coalesce(nullif(o.repair_notes, ''), nullif(o.measures, ''), o.reported_fault), x.amount, x.due"
    "  FROM statement_orders x JOIN service_orders o ON o.id = x.order_id"
    " WHERE x.statement_id = $1::bigint ORDER BY o.picked_up_at, o.number", 1, params, error);
  if (lines == NULL)
    return NULL;
  s = g_new0 (WxStatement, 1);
  s->id = id;
  s->period = wx_db_dup_text (head, 0, 0);
  s->state = wx_db_dup_text (head, 0, 1);
  s->unit_name = wx_db_dup_text (head, 0, 2);
  s->contact = wx_db_dup_text (head, 0, 3);
  s->address = wx_db_dup_text (head, 0, 4);
  s->company_name = wx_db_dup_text (head, 0, 5);
  s->company_address = wx_db_dup_text (head, 0, 6);
  s->company_phone = wx_db_dup_text (head, 0, 7);
  s->company_fax = wx_db_dup_text (head, 0, 8);
  s->made = wx_db_dup_text (head, 0, 9);
  s->checked = wx_db_dup_text (head, 0, 10);
  s->sent = wx_db_dup_text (head, 0, 11);
  s->paid = wx_db_dup_text (head, 0, 12);
  s->brought_forward = wx_db_get_int (head, 0, 13);
  s->charges = wx_db_get_int (head, 0, 14);
  s->received = wx_db_get_int (head, 0, 15);
  s->balance_due = wx_db_get_int (head, 0, 16);
  s->lines = g_array_sized_new (FALSE, TRUE, sizeof (WxStatementLine), PQntuples (lines));
  g_array_set_clear_func (s->lines, line_clear);
  for (int i = 0; i < PQntuples (lines); i++)
    {
      WxStatementLine l = {
        .number = wx_db_dup_text (lines, i, 0),
        .picked_up = wx_db_dup_text (lines, i, 1),
        .machine = wx_db_dup_text (lines, i, 2),
        .work = wx_db_dup_text (lines, i, 3),
        .amount = wx_db_get_int (lines, i, 4),
        .due = wx_db_get_int (lines, i, 5),
      };
      g_array_append_val (s->lines, l);
    }
  return g_steal_pointer (&s);
}

#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

static const DemoColumn demo_customer_columns[] = {
  COLUMN (DemoCustomer, id, COL_INT),
  COLUMN (DemoCustomer, unit_name, COL_TEXT),
  COLUMN (DemoCustomer, address, COL_TEXT),
  COLUMN (DemoCustomer, city, COL_TEXT),
  COLUMN (DemoCustomer, contact_person, COL_TEXT),
  COLUMN (DemoCustomer, mobile, COL_TEXT),
  COLUMN (DemoCustomer, phone, COL_TEXT),
  COLUMN (DemoCustomer, fax, COL_TEXT),
  COLUMN (DemoCustomer, email, COL_TEXT),
  COLUMN (DemoCustomer, is_contract, COL_BOOL),
  COLUMN (DemoCustomer, notes, COL_TEXT),
  COLUMN (DemoCustomer, created_at, COL_TIME),
};

static const DemoColumn demo_device_columns[] = {
  COLUMN (DemoDevice, id, COL_INT),
  COLUMN (DemoDevice, customer_id, COL_INT),
  COLUMN (DemoDevice, category, COL_TEXT),
  COLUMN (DemoDevice, brand, COL_TEXT),
  COLUMN (DemoDevice, model, COL_TEXT),
  COLUMN (DemoDevice, serial, COL_TEXT),
  COLUMN (DemoDevice, asset_number, COL_TEXT),
  COLUMN (DemoDevice, purchase_date, COL_DATE),
  COLUMN (DemoDevice, warranty_evidence, COL_TEXT),
  COLUMN (DemoDevice, warranty_expires, COL_DATE),
  COLUMN (DemoDevice, created_at, COL_TIME),
};

static const DemoColumn demo_order_columns[] = {
  ORDER_COLUMN (id, COL_INT),                   ORDER_COLUMN (number, COL_TEXT),
  ORDER_COLUMN (kind, COL_TEXT),                ORDER_COLUMN (state, COL_TEXT),
  ORDER_COLUMN (customer_id, COL_INT),          ORDER_COLUMN (device_id, COL_OPT_INT),
  ORDER_COLUMN (unit_name, COL_TEXT),           ORDER_COLUMN (unit_address, COL_TEXT),
  ORDER_COLUMN (contact_person, COL_TEXT),      ORDER_COLUMN (contact_mobile, COL_TEXT),
  ORDER_COLUMN (contact_phone, COL_TEXT),       ORDER_COLUMN (contact_fax, COL_TEXT),
  ORDER_COLUMN (contact_email, COL_TEXT),       ORDER_COLUMN (end_user, COL_TEXT),
  ORDER_COLUMN (end_user_phone, COL_TEXT),      ORDER_COLUMN (floor_department, COL_TEXT),
  ORDER_COLUMN (product_name, COL_TEXT),        ORDER_COLUMN (model, COL_TEXT),
  ORDER_COLUMN (serial, COL_TEXT),              ORDER_COLUMN (asset_number, COL_TEXT),
  ORDER_COLUMN (reported_fault, COL_TEXT),      ORDER_COLUMN (appearance_check, COL_TEXT),
  ORDER_COLUMN (warranty_status, COL_TEXT),     ORDER_COLUMN (warranty_evidence, COL_TEXT),
  ORDER_COLUMN (remarks, COL_TEXT),             ORDER_COLUMN (is_return_repair, COL_BOOL),
  ORDER_COLUMN (return_of_order_id, COL_OPT_INT), ORDER_COLUMN (backup, COL_TEXT),
  ORDER_COLUMN (notice_read, COL_BOOL),         ORDER_COLUMN (customer_signed, COL_BOOL),
  ORDER_COLUMN (received_by, COL_TEXT),         ORDER_COLUMN (received_at, COL_TIME),
  ORDER_COLUMN (owner_role, COL_TEXT),          ORDER_COLUMN (engineer, COL_TEXT),
  ORDER_COLUMN (dispatched_at, COL_TIME),       ORDER_COLUMN (appointment_at, COL_TIME),
  ORDER_COLUMN (fault_analysis, COL_TEXT),      ORDER_COLUMN (measures, COL_TEXT),
  ORDER_COLUMN (parts_needed, COL_TEXT),        ORDER_COLUMN (suggested_price, COL_OPT_INT),
  ORDER_COLUMN (explanation, COL_TEXT),         ORDER_COLUMN (inspected_by, COL_TEXT),
  ORDER_COLUMN (inspected_at, COL_TIME),        ORDER_COLUMN (peer_id, COL_OPT_INT),
  ORDER_COLUMN (quote_total, COL_OPT_INT),      ORDER_COLUMN (quoted_at, COL_TIME),
  ORDER_COLUMN (quote_method, COL_TEXT),        ORDER_COLUMN (quote_told, COL_TEXT),
  ORDER_COLUMN (repair_period, COL_TEXT),       ORDER_COLUMN (decision, COL_TEXT),
  ORDER_COLUMN (decided_at, COL_TIME),          ORDER_COLUMN (decision_contact, COL_TEXT),
  ORDER_COLUMN (decision_reason, COL_TEXT),     ORDER_COLUMN (repaired_by, COL_TEXT),
  ORDER_COLUMN (repaired_at, COL_TIME),         ORDER_COLUMN (repair_notes, COL_TEXT),
  ORDER_COLUMN (old_parts, COL_TEXT),           ORDER_COLUMN (notified_at, COL_TIME),
  ORDER_COLUMN (picked_up_at, COL_TIME),        ORDER_COLUMN (picked_up_by, COL_TEXT),
  ORDER_COLUMN (delivered_by, COL_TEXT),        ORDER_COLUMN (accessories_checked, COL_BOOL),
  ORDER_COLUMN (pickup_signed, COL_BOOL),       ORDER_COLUMN (payment_status, COL_TEXT),
  ORDER_COLUMN (entered_at, COL_TIME),          ORDER_COLUMN (confirmed_by, COL_TEXT),
  ORDER_COLUMN (reviewed_by, COL_TEXT),         ORDER_COLUMN (reviewed_at, COL_TIME),
  ORDER_COLUMN (reconciled_at, COL_TIME),       ORDER_COLUMN (invoiced_at, COL_TIME),
  ORDER_COLUMN (cancel_reason, COL_TEXT),       ORDER_COLUMN (version, COL_INT),
  ORDER_COLUMN (created_at, COL_TIME),          ORDER_COLUMN (updated_at, COL_TIME),
  ORDER_COLUMN (updated_by, COL_TEXT),
};

static const DemoColumn demo_accessory_columns[] = {
  COLUMN (DemoAccessoryRow, order_id, COL_INT),
  COLUMN (DemoAccessoryRow, position, COL_INT),
  COLUMN (DemoAccessoryRow, name, COL_TEXT),
  COLUMN (DemoAccessoryRow, returned, COL_BOOL),
};

static const DemoColumn demo_event_columns[] = {
  COLUMN (DemoEventRow, order_id, COL_INT),
  COLUMN (DemoEventRow, at, COL_TIME),
  COLUMN (DemoEventRow, actor, COL_TEXT),
  COLUMN (DemoEventRow, event, COL_TEXT),
  COLUMN (DemoEventRow, from_state, COL_TEXT),
  COLUMN (DemoEventRow, to_state, COL_TEXT),
  COLUMN (DemoEventRow, payload, COL_TEXT),
};

static const DemoColumn demo_quote_line_columns[] = {
  COLUMN (DemoQuoteLineRow, order_id, COL_INT),
  COLUMN (DemoQuoteLineRow, position, COL_INT),
  COLUMN (DemoQuoteLineRow, kind, COL_TEXT),
  COLUMN (DemoQuoteLineRow, part_number, COL_TEXT),
  COLUMN (DemoQuoteLineRow, description, COL_TEXT),
  COLUMN (DemoQuoteLineRow, quantity, COL_INT),
  COLUMN (DemoQuoteLineRow, unit_price, COL_INT),
};

static const DemoColumn demo_payment_columns[] = {
  COLUMN (DemoPaymentRow, order_id, COL_INT),
  COLUMN (DemoPaymentRow, at, COL_TIME),
  COLUMN (DemoPaymentRow, amount, COL_INT),
  COLUMN (DemoPaymentRow, method, COL_TEXT),
  COLUMN (DemoPaymentRow, received_by, COL_TEXT),
  COLUMN (DemoPaymentRow, note, COL_TEXT),
};

static const DemoColumn demo_part_order_columns[] = {
  COLUMN (DemoPartOrderRow, order_id, COL_INT),
  COLUMN (DemoPartOrderRow, description, COL_TEXT),
  COLUMN (DemoPartOrderRow, supplier_id, COL_OPT_INT),
  COLUMN (DemoPartOrderRow, ordered_at, COL_TIME),
  COLUMN (DemoPartOrderRow, expected_on, COL_DATE),
  COLUMN (DemoPartOrderRow, arrived_at, COL_TIME),
  COLUMN (DemoPartOrderRow, prepaid, COL_BOOL),
  COLUMN (DemoPartOrderRow, cost, COL_OPT_INT),
};

static const DemoColumn demo_outsourcing_columns[] = {
  COLUMN (DemoOutsourcingRow, order_id, COL_INT),
  COLUMN (DemoOutsourcingRow, peer_id, COL_INT),
  COLUMN (DemoOutsourcingRow, sent_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, followed_by, COL_TEXT),
  COLUMN (DemoOutsourcingRow, peer_quote, COL_OPT_INT),
  COLUMN (DemoOutsourcingRow, replied_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, returned_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, notes, COL_TEXT),
};

static const DemoTable demo_tables[N_TABLES] = {
  [T_CUSTOMERS]   = TABLE ("customers",         demo_customer_columns,    TRUE),
  [T_DEVICES]     = TABLE ("devices",           demo_device_columns,      TRUE),
  [T_ORDERS]      = TABLE ("service_orders",    demo_order_columns,       TRUE),
  [T_ACCESSORIES] = TABLE ("order_accessories", demo_accessory_columns,   FALSE),
  [T_EVENTS]      = TABLE ("order_events",      demo_event_columns,       FALSE),
  [T_QUOTE_LINES] = TABLE ("quote_lines",       demo_quote_line_columns,  FALSE),
  [T_PAYMENTS]    = TABLE ("payments",          demo_payment_columns,     FALSE),
  [T_PART_ORDERS] = TABLE ("part_orders",       demo_part_order_columns,  FALSE),
  [T_OUTSOURCING] = TABLE ("outsourcing",       demo_outsourcing_columns, FALSE),
};

/* ------------------------------------------------------------------ text */

void
demo_append_int (GString *out, gint64 v)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = v < 0 ? (guint64) -(v + 1) + 1 : (guint64) v;

  do
    {
      buf[--i] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u);
  if (v < 0)
    buf[--i] = '-';
  g_string_append_len (out, buf + i, (gssize) sizeof buf - i);
}

void
demo_append_digits (GString *out, guint v, int width)
{
  char buf[12];

  for (int i = width - 1; i >= 0; i--, v /= 10)
    buf[i] = (char) ('0' + v % 10);
  g_string_append_len (out, buf, width);
}

static void
append_date (GString *out, gint64 day)
{
  GDate date;

  demo_date_of_day (day, &date);
  demo_append_digits (out, g_date_get_year (&date), 4);
  g_string_append_c (out, '-');
  demo_append_digits (out, g_date_get_month (&date), 2);
  g_string_append_c (out, '-');
  demo_append_digits (out, g_date_get_day (&date), 2);
}

/* As UTC, which timestamptz reads whatever the session's zone: "2026-11-20
 * 02:00:00+00" with `iso` FALSE (COPY), "2026-11-20T02:00:00Z" with TRUE
 * (as the clients send a time in a step's data). */
static void
append_utc (GString *out, gint64 unix_time, gboolean iso)
{
  gint64 day = unix_time >= 0 ? unix_time / 86400 : (unix_time - 86399) / 86400;
  guint secs = (guint) (unix_time - day * 86400);

  append_date (out, day);
  g_string_append_c (out, iso ? 'T' : ' ');
  demo_append_digits (out, secs / 3600, 2);
  g_string_append_c (out, ':');
  demo_append_digits (out, secs / 60 % 60, 2);
  g_string_append_c (out, ':');
  demo_append_digits (out, secs % 60, 2);
  g_string_append (out, iso ? "Z" : "+00");
}

static void
append_time (GString *out, gint64 unix_time)
{
  append_utc (out, unix_time, FALSE);
}

static void
json_key (GString *json, const char *key)
{
  g_string_append (json, json->len > 1 ? ",\"" : "\"");
  g_string_append (json, key);
  g_string_append (json, "\":");
}

void
demo_json_string (GString *json, const char *key, const char *value)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* The step's data are text, as the clients send them to wx_transition:
 * numbers (ids, amounts in fen) as their digits, flags as "true" or
 * "false", times as UTC ISO 8601. */
void
demo_json_digits (GString *json, const char *key, gint64 value)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  demo_append_int (json, value);
  g_string_append_c (json, '"');
}

void
demo_json_flag (GString *json, const char *key, gboolean value)
{
  json_key (json, key);
  g_string_append (json, value ? "\"true\"" : "\"false\"");
}

void
demo_json_time (GString *json, const char *key, gint64 unix_time)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  append_utc (json, unix_time, TRUE);
  g_string_append_c (json, '"');
}

void
demo_json_date (GString *json, const char *key, gint64 day)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  append_date (json, day);
  g_string_append_c (json, '"');
}

/* ------------------------------------------------------------------ rows out */

void
demo_put_row (DemoLoad *L, DemoTableId table, gconstpointer row)
{
  const DemoTable *t = &demo_tables[table];
  DemoBuffer *b = &L->buffers[table];

  for (guint i = 0; i < t->n_columns; i++)
    {
      const DemoColumn *c = &t->columns[i];
      gconstpointer field = G_STRUCT_MEMBER_P (row, c->offset);
      gint64 v = 0;

      if (i > 0)
        g_string_append_c (b->rows, '\t');
      if (c->type != COL_TEXT && c->type != COL_BOOL)
        v = *(const gint64 *) field;
      switch (c->type)
        {
        case COL_TEXT:
          wx_db_copy_escape (b->rows, *(const char * const *) field);
          break;
        case COL_BOOL:
          g_string_append_c (b->rows, *(const gboolean *) field ? 't' : 'f');
          break;
        case COL_INT:
          demo_append_int (b->rows, v);
          break;
        case COL_OPT_INT:
          if (v < 0)
            g_string_append (b->rows, "\\N");
          else
            demo_append_int (b->rows, v);
          break;
        case COL_TIME:
        case COL_DATE:
          if (v == 0)
            g_string_append (b->rows, "\\N");
          else if (c->type == COL_TIME)
            append_time (b->rows, v);
          else
            append_date (b->rows, v);
          break;
        }
    }
  g_string_append_c (b->rows, '\n');
  b->n_rows++;
}

/* Takes `n` values of the table's id sequence in one statement and returns
 * them as runs of consecutive numbers (first, last), usually a single run. */
GArray *
demo_reserve_ids (DemoLoad *L, const char *table, guint n, GError **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *params[2] = { table, count };
  g_autoptr(PGresult) res = wx_db_query (L->conn,
      "WITH seq AS (SELECT pg_get_serial_sequence($1, 'id')::regclass AS s),"
      "     ids AS (SELECT nextval((SELECT s FROM seq)) AS id FROM generate_series(1, $2::bigint))"
      " SELECT min(id), max(id)"
      "   FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM ids) r"
      "  GROUP BY run ORDER BY 1", 2, params, error);
  GArray *runs;
  gint64 got = 0;

  if (res == NULL)
    return NULL;
  runs = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2 * PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 first = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      gint64 last = g_ascii_strtoll (PQgetvalue (res, i, 1), NULL, 10);

      g_array_append_val (runs, first);
      g_array_append_val (runs, last);
      got += last - first + 1;
    }
  if (got != n)
    {
      g_array_unref (runs);
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("The database handed out %u ids for “%s” instead of %u."),
                   (guint) got, table, n);
      return NULL;
    }
  return runs;
}

/* The next id of runs from demo_reserve_ids(); `cursor` starts at 0. */
gint64
demo_next_id (GArray *runs, gsize *run, gint64 *cursor)
{
  gint64 first = g_array_index (runs, gint64, 2 * *run);
  gint64 last = g_array_index (runs, gint64, 2 * *run + 1);
  gint64 id;

  if (*cursor == 0)
    *cursor = first;
  id = (*cursor)++;
  if (id == last)
    {
      (*run)++;
      *cursor = 0;
    }
  return id;
}

gboolean
demo_flush_table (DemoLoad *L, DemoTableId table, GError **error)
{
  const DemoTable *t = &demo_tables[table];
  DemoBuffer *b = &L->buffers[table];
  g_autoptr(GString) sql = g_string_new ("COPY ");
  g_autoptr(GString) data = NULL;
  g_autoptr(GArray) runs = NULL;
  gboolean ok;

  if (b->n_rows == 0)
    return TRUE;
  g_string_append (sql, t->name);
  g_string_append (sql, t->own_ids ? " (" : " (id, ");
  for (guint i = 0; i < t->n_columns; i++)
    {
      g_string_append (sql, t->columns[i].name);
      g_string_append (sql, i + 1 < t->n_columns ? ", " : ") FROM STDIN");
    }

  if (!t->own_ids)
    {
      const char *line = b->rows->str;
      const char *end = b->rows->str + b->rows->len;
      gsize run = 0;
      gint64 cursor = 0;

      runs = demo_reserve_ids (L, t->name, b->n_rows, error);
      if (runs == NULL)
        return FALSE;
      data = g_string_sized_new (b->rows->len + (gsize) b->n_rows * 10);
      while (line < end)
        {
          const char *nl = memchr (line, '\n', (gsize) (end - line));

          demo_append_int (data, demo_next_id (runs, &run, &cursor));
          g_string_append_c (data, '\t');
          g_string_append_len (data, line, nl - line + 1);
          line = nl + 1;
        }
    }

  ok = wx_db_copy_in (L->conn, sql->str, data ? data : b->rows, error);
  g_string_truncate (b->rows, 0);
  b->n_rows = 0;
  return ok;
}

gboolean
demo_flush_all (DemoLoad *L, GError **error)
{
  for (guint t = 0; t < N_TABLES; t++)
    if (!demo_flush_table (L, t, error))
      return FALSE;
  return TRUE;
}


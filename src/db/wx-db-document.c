#define G_LOG_DOMAIN "wx-db-document"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-document.h"

#define FIELD(field) G_STRUCT_OFFSET (WxDbDocument, field)
/* A staff member's name for a role column; a time in the shop's zone. */
#define STAFF(column) "coalesce((SELECT s.full_name FROM staff s WHERE s.role_name = " column "), " column ", '')"
#define LOCAL_TIME(column) "coalesce(to_char(" column " AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'), '')"

/* The text columns of the one query, each with the field it fills. Every
 * expression is a constant of this file; the order number is parameter $1. */
static const struct {
  const char *sql;
  glong       offset;
} text_columns[] = {
  { "wx_setting('company.name', '')",          FIELD (company_name) },
  { "wx_setting('company.address', '')",       FIELD (company_address) },
  { "wx_setting('company.phone', '')",         FIELD (company_phone) },
  { "wx_setting('company.fax', '')",           FIELD (company_fax) },
  { "wx_setting('notice.important', '')",      FIELD (notice) },
  { "to_char(now() AT TIME ZONE z.tz, 'YYYY-MM-DD')", FIELD (today) },
  { "o.number",                                FIELD (number) },
  { "o.unit_name",                             FIELD (unit_name) },
  { "o.unit_address",                          FIELD (unit_address) },
  { "o.contact_person",                        FIELD (contact_person) },
  { "coalesce(o.contact_mobile, '')",          FIELD (contact_mobile) },
  { "coalesce(o.contact_phone, '')",           FIELD (contact_phone) },
  { "coalesce(o.contact_fax, '')",             FIELD (contact_fax) },
  { "coalesce(o.contact_email, '')",           FIELD (contact_email) },
  { "o.end_user",                              FIELD (end_user) },
  { "coalesce(o.end_user_phone, '')",          FIELD (end_user_phone) },
  { "o.floor_department",                      FIELD (floor_department) },
  { "o.product_name",                          FIELD (product_name) },
  { "coalesce(d.brand, '')",                   FIELD (brand) },
  { "o.model",                                 FIELD (model) },
  { "o.serial",                                FIELD (serial) },
  { "o.asset_number",                          FIELD (asset_number) },
  { "o.reported_fault",                        FIELD (reported_fault) },
  { "o.appearance_check",                      FIELD (appearance_check) },
  { "o.warranty_status",                       FIELD (warranty_status) },
  { "o.warranty_evidence",                     FIELD (warranty_evidence) },
  { "o.remarks",                               FIELD (remarks) },
  { "coalesce(r.number, '')",                  FIELD (return_of_number) },
  { "o.backup",                                FIELD (backup) },
  { STAFF ("o.received_by"),                   FIELD (received_by) },
  { "to_char(o.received_at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI')", FIELD (received_at) },
  { STAFF ("o.owner_role"),                    FIELD (owner) },
  { "coalesce(to_char(d.warranty_expires, 'YYYY-MM-DD'), '')", FIELD (warranty_until) },
  { LOCAL_TIME ("o.dispatched_at"),            FIELD (dispatched_at) },
  { STAFF ("o.engineer"),                      FIELD (engineer) },
  { LOCAL_TIME ("o.appointment_at"),           FIELD (appointment_at) },
  { "o.fault_analysis",                        FIELD (fault_analysis) },
  { "o.measures",                              FIELD (measures) },
  { "o.parts_needed",                          FIELD (parts_needed) },
  { "o.explanation",                           FIELD (explanation) },
  { STAFF ("o.inspected_by"),                  FIELD (inspected_by) },
  { LOCAL_TIME ("o.inspected_at"),             FIELD (inspected_at) },
  { "coalesce(p.name, '')",                    FIELD (peer_name) },
  { "coalesce(p.address, '')",                 FIELD (peer_address) },
  { "coalesce(p.phone, '')",                   FIELD (peer_phone) },
  { "coalesce(p.contact, '')",                 FIELD (peer_contact) },
  { LOCAL_TIME ("o.quoted_at"),                FIELD (quoted_at) },
  { "coalesce(o.quote_method, '')",            FIELD (quote_method) },
  { "o.quote_told",                            FIELD (quote_told) },
  { "o.repair_period",                         FIELD (repair_period) },
  { "coalesce(o.decision, '')",                FIELD (decision) },
  { LOCAL_TIME ("o.decided_at"),               FIELD (decided_at) },
  { "o.decision_contact",                      FIELD (decision_contact) },
  { "o.decision_reason",                       FIELD (decision_reason) },
  { STAFF ("o.repaired_by"),                   FIELD (repaired_by) },
  { LOCAL_TIME ("o.repaired_at"),              FIELD (repaired_at) },
  { "o.repair_notes",                          FIELD (repair_notes) },
  { "coalesce(o.old_parts, '')",               FIELD (old_parts) },
  { LOCAL_TIME ("o.notified_at"),              FIELD (notified_at) },
  { LOCAL_TIME ("o.picked_up_at"),             FIELD (picked_up_at) },
  { "o.picked_up_by",                          FIELD (picked_up_by) },
  { STAFF ("o.delivered_by"),                  FIELD (delivered_by) },
  { "o.payment_status",                        FIELD (payment_status) },
  { LOCAL_TIME ("o.entered_at"),               FIELD (entered_at) },
  { STAFF ("o.confirmed_by"),                  FIELD (confirmed_by) },
  { STAFF ("o.reviewed_by"),                   FIELD (reviewed_by) },
  { LOCAL_TIME ("o.reviewed_at"),              FIELD (reviewed_at) },
  { LOCAL_TIME ("o.reconciled_at"),            FIELD (reconciled_at) },
  { LOCAL_TIME ("o.invoiced_at"),              FIELD (invoiced_at) },
  { "o.cancel_reason",                         FIELD (cancel_reason) },
};

/* Then the yes/no columns, each with its field. */
static const struct {
  const char *sql;
  glong       offset;
} bool_columns[] = {
  { "o.is_return_repair",    FIELD (is_return_repair) },
  { "o.notice_read",         FIELD (notice_read) },
  { "o.customer_signed",     FIELD (customer_signed) },
  { "o.accessories_checked", FIELD (accessories_checked) },
  { "o.pickup_signed",       FIELD (pickup_signed) },
};

/* Then the amounts, which may be missing. */
static const struct {
  const char *sql;
  glong       has_offset;
  glong       offset;
} money_columns[] = {
  { "o.suggested_price", FIELD (has_suggested_price), FIELD (suggested_price) },
  { "o.quote_total",     FIELD (has_quote_total),     FIELD (quote_total) },
};

/* After those, in this order. */
enum {
  COL_ID, COL_VERSION, COL_KIND, COL_STATE, COL_VALIDITY, COL_ACCESSORIES, COL_QUOTE_LINES, COL_PAYMENTS,
  COL_BALANCE, N_OTHER_COLUMNS
};

static const char other_columns[] =
  "o.id, o.version, o.kind, o.state,"
  " wx_setting('quote.validity_days', '7'),"
  " (SELECT coalesce(json_agg(json_build_array(a.position, a.name, a.returned) ORDER BY a.position), '[]')"
  "    FROM order_accessories a WHERE a.order_id = o.id),"
  " (SELECT coalesce(json_agg(json_build_array(q.position, q.kind, q.part_number, q.description,"
  "                                            q.quantity, q.unit_price, q.amount) ORDER BY q.position), '[]')"
  "    FROM quote_lines q WHERE q.order_id = o.id),"
  " (SELECT coalesce(json_agg(json_build_array(to_char(y.at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'), y.kind,"
  "                                            y.amount, y.method, y.reference, " STAFF ("y.received_by") ")"
  "                           ORDER BY y.at, y.id), '[]')"
  "    FROM payments y WHERE y.order_id = o.id),"
  " wx_order_balance(o.id)";

static const char from_clause[] =
  " FROM service_orders o"
  " CROSS JOIN (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz) z"
  " LEFT JOIN devices d ON d.id = o.device_id"
  " LEFT JOIN service_orders r ON r.id = o.return_of_order_id"
  " LEFT JOIN suppliers p ON p.id = o.peer_id"
  " WHERE o.number = $1";

static char *
document_sql (void)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    g_string_append_printf (sql, "%s, ", text_columns[i].sql);
  for (guint i = 0; i < G_N_ELEMENTS (bool_columns); i++)
    g_string_append_printf (sql, "%s, ", bool_columns[i].sql);
  for (guint i = 0; i < G_N_ELEMENTS (money_columns); i++)
    g_string_append_printf (sql, "%s, ", money_columns[i].sql);
  g_string_append (sql, other_columns);
  g_string_append (sql, from_clause);
  return g_string_free (sql, FALSE);
}

void
wx_db_document_free (WxDbDocument *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->accessories, g_array_unref);
  g_clear_pointer (&doc->quote_lines, g_array_unref);
  g_clear_pointer (&doc->payments, g_array_unref);
  g_clear_pointer (&doc->strings, g_string_chunk_free);
  g_free (doc);
}

/* Accessories left with the machine: the ones that get a label. */
guint
wx_db_document_accessories_left (const WxDbDocument *doc)
{
  guint n = 0;

  for (guint i = 0; i < doc->accessories->len; i++)
    n += !g_array_index (doc->accessories, WxDbAccessory, i).returned;
  return n;
}

static JsonArray *
parse_rows (const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                           _("The database returned the order's lines in a form this program does not understand."));
      return NULL;
    }
  return json_array_ref (json_node_get_array (root));
}

static gboolean
read_payments (WxDbDocument *doc, const char *json, GError **error)
{
  g_autoptr(JsonArray) rows = parse_rows (json, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      WxDbPayment p = {
        .at = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 0)),
        .kind = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 1)),
        .amount = json_array_get_int_element (row, 2),
        .method = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 3)),
        .reference = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 4)),
        .taken_by = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 5)),
      };
      g_array_append_val (doc->payments, p);
    }
  return TRUE;
}

static gboolean
read_lines (WxDbDocument *doc, const char *accessories_json, const char *lines_json, GError **error)
{
  g_autoptr(JsonArray) accessories = parse_rows (accessories_json, error);
  g_autoptr(JsonArray) lines = NULL;

  if (accessories == NULL || (lines = parse_rows (lines_json, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (accessories); i++)
    {
      JsonArray *row = json_array_get_array_element (accessories, i);
      WxDbAccessory a = {
        .position = (int) json_array_get_int_element (row, 0),
        .name = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 1)),
        .returned = json_array_get_boolean_element (row, 2),
      };
      g_array_append_val (doc->accessories, a);
    }
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonArray *row = json_array_get_array_element (lines, i);
      WxDbQuoteLine q = {
        .position = (int) json_array_get_int_element (row, 0),
        .kind = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 1)),
        .part_number = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 2)),
        .description = g_string_chunk_insert (doc->strings, json_array_get_string_element (row, 3)),
        .quantity = (int) json_array_get_int_element (row, 4),
        .unit_price = json_array_get_int_element (row, 5),
        .amount = json_array_get_int_element (row, 6),
      };
      g_array_append_val (doc->quote_lines, q);
    }
  return TRUE;
}

/* Everything the documents of order `number` need, or NULL with
 * WX_DB_ERROR_NOT_FOUND when there is no such order. */
WxDbDocument *
wx_db_document_load (PGconn      *conn,
                     const char  *number,
                     GError     **error)
{
  g_autofree char *sql = document_sql ();
  const char *params[1] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn, sql, 1, params, error);
  g_autoptr(WxDbDocument) doc = NULL;
  const int first_bool = G_N_ELEMENTS (text_columns);
  const int first_money = first_bool + G_N_ELEMENTS (bool_columns);
  const int first_other = first_money + G_N_ELEMENTS (money_columns);
  guint64 validity;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no service order %s."), number);
      return NULL;
    }
  g_assert (PQnfields (res) == first_other + N_OTHER_COLUMNS);

  doc = g_new0 (WxDbDocument, 1);
  doc->strings = g_string_chunk_new (4096);
  doc->accessories = g_array_new (FALSE, FALSE, sizeof (WxDbAccessory));
  doc->quote_lines = g_array_new (FALSE, FALSE, sizeof (WxDbQuoteLine));
  doc->payments = g_array_new (FALSE, FALSE, sizeof (WxDbPayment));
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    G_STRUCT_MEMBER (const char *, doc, text_columns[i].offset) =
      g_string_chunk_insert (doc->strings, PQgetvalue (res, 0, (int) i));
  for (guint i = 0; i < G_N_ELEMENTS (bool_columns); i++)
    G_STRUCT_MEMBER (gboolean, doc, bool_columns[i].offset) = wx_db_get_bool (res, 0, first_bool + (int) i);
  for (guint i = 0; i < G_N_ELEMENTS (money_columns); i++)
    if (!PQgetisnull (res, 0, first_money + (int) i))
      {
        G_STRUCT_MEMBER (gboolean, doc, money_columns[i].has_offset) = TRUE;
        G_STRUCT_MEMBER (WxMoney, doc, money_columns[i].offset) = wx_db_get_int (res, 0, first_money + (int) i);
      }

  doc->id = wx_db_get_int (res, 0, first_other + COL_ID);
  doc->version = (int) wx_db_get_int (res, 0, first_other + COL_VERSION);
  if (!wx_order_kind_from_code (PQgetvalue (res, 0, first_other + COL_KIND), &doc->kind) ||
      !wx_workflow_state_from_code (PQgetvalue (res, 0, first_other + COL_STATE), &doc->state))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("Service order %s has a kind or state this program does not know; update the program."), number);
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (PQgetvalue (res, 0, first_other + COL_VALIDITY), 10, 1, 365, &validity, NULL))
    validity = 7;
  doc->quote_validity_days = (int) validity;
  if (!read_lines (doc, PQgetvalue (res, 0, first_other + COL_ACCESSORIES),
                   PQgetvalue (res, 0, first_other + COL_QUOTE_LINES), error) ||
      !read_payments (doc, PQgetvalue (res, 0, first_other + COL_PAYMENTS), error))
    return NULL;
  doc->balance = wx_db_get_int (res, 0, first_other + COL_BALANCE);
  return g_steal_pointer (&doc);
}

/* ------------------------------------------------------------ on the worker */

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_document_load (conn, data, error);
  return *result != NULL;
}

void
wx_db_document_load_async (WxDbWorker          *worker,
                           const char          *number,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (number != NULL);
  wx_db_worker_read_async (worker, load_job, g_strdup (number), g_free,
                           (GDestroyNotify) wx_db_document_free, cancellable, callback, user_data);
}

WxDbDocument *
wx_db_document_load_finish (WxDbWorker    *worker,
                            GAsyncResult  *result,
                            GError       **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

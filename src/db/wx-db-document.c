#define G_LOG_DOMAIN "wx-db-document"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-document.h"

#define TEXT(field) G_STRUCT_OFFSET (WxDbDocument, field)

/* The text columns of the one query, each with the field it fills. Every
 * expression is a constant of this file; the order number is parameter $1. */
static const struct {
  const char *sql;
  glong       offset;
} text_columns[] = {
  { "wx_setting('company.name', '')",          TEXT (company_name) },
  { "wx_setting('company.address', '')",       TEXT (company_address) },
  { "wx_setting('company.phone', '')",         TEXT (company_phone) },
  { "wx_setting('company.fax', '')",           TEXT (company_fax) },
  { "wx_setting('notice.important', '')",      TEXT (notice) },
  { "to_char(now() AT TIME ZONE z.tz, 'YYYY-MM-DD')", TEXT (today) },
  { "o.number",                                TEXT (number) },
  { "o.unit_name",                             TEXT (unit_name) },
  { "o.unit_address",                          TEXT (unit_address) },
  { "o.contact_person",                        TEXT (contact_person) },
  { "coalesce(o.contact_mobile, '')",          TEXT (contact_mobile) },
  { "coalesce(o.contact_phone, '')",           TEXT (contact_phone) },
  { "coalesce(o.contact_fax, '')",             TEXT (contact_fax) },
  { "coalesce(o.contact_email, '')",           TEXT (contact_email) },
  { "o.end_user",                              TEXT (end_user) },
  { "coalesce(o.end_user_phone, '')",          TEXT (end_user_phone) },
  { "o.floor_department",                      TEXT (floor_department) },
  { "o.product_name",                          TEXT (product_name) },
  { "coalesce(d.brand, '')",                   TEXT (brand) },
  { "o.model",                                 TEXT (model) },
  { "o.serial",                                TEXT (serial) },
  { "o.asset_number",                          TEXT (asset_number) },
  { "o.reported_fault",                        TEXT (reported_fault) },
  { "o.appearance_check",                      TEXT (appearance_check) },
  { "o.warranty_status",                       TEXT (warranty_status) },
  { "o.warranty_evidence",                     TEXT (warranty_evidence) },
  { "o.remarks",                               TEXT (remarks) },
  { "coalesce(r.number, '')",                  TEXT (return_of_number) },
  { "o.backup",                                TEXT (backup) },
  { "coalesce(rs.full_name, o.received_by)",   TEXT (received_by) },
  { "to_char(o.received_at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI')", TEXT (received_at) },
  { "coalesce(es.full_name, o.engineer, '')",  TEXT (engineer) },
  { "o.fault_analysis",                        TEXT (fault_analysis) },
  { "o.measures",                              TEXT (measures) },
  { "o.parts_needed",                          TEXT (parts_needed) },
  { "coalesce(ins.full_name, o.inspected_by, '')", TEXT (inspected_by) },
  { "coalesce(to_char(o.quoted_at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'), '')", TEXT (quoted_at) },
  { "o.repair_period",                         TEXT (repair_period) },
};

/* After the text columns, in this order. */
enum {
  COL_KIND, COL_STATE, COL_RETURN_REPAIR, COL_NOTICE_READ, COL_QUOTE_TOTAL, COL_VALIDITY,
  COL_ACCESSORIES, COL_QUOTE_LINES, N_OTHER_COLUMNS
};

static const char other_columns[] =
  "o.kind, o.state, o.is_return_repair, o.notice_read, o.quote_total,"
  " wx_setting('quote.validity_days', '7'),"
  " (SELECT coalesce(json_agg(json_build_array(a.position, a.name, a.returned) ORDER BY a.position), '[]')"
  "    FROM order_accessories a WHERE a.order_id = o.id),"
  " (SELECT coalesce(json_agg(json_build_array(q.position, q.kind, q.part_number, q.description,"
  "                                            q.quantity, q.unit_price, q.amount) ORDER BY q.position), '[]')"
  "    FROM quote_lines q WHERE q.order_id = o.id)";

static const char from_clause[] =
  " FROM service_orders o"
  " CROSS JOIN (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz) z"
  " LEFT JOIN devices d ON d.id = o.device_id"
  " LEFT JOIN service_orders r ON r.id = o.return_of_order_id"
  " LEFT JOIN staff rs ON rs.role_name = o.received_by"
  " LEFT JOIN staff es ON es.role_name = o.engineer"
  " LEFT JOIN staff ins ON ins.role_name = o.inspected_by"
  " WHERE o.number = $1";

static char *
document_sql (void)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    g_string_append_printf (sql, "%s, ", text_columns[i].sql);
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
  const int first_other = G_N_ELEMENTS (text_columns);
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
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    G_STRUCT_MEMBER (const char *, doc, text_columns[i].offset) =
      g_string_chunk_insert (doc->strings, PQgetvalue (res, 0, (int) i));

  if (!wx_order_kind_from_code (PQgetvalue (res, 0, first_other + COL_KIND), &doc->kind) ||
      !wx_workflow_state_from_code (PQgetvalue (res, 0, first_other + COL_STATE), &doc->state))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("Service order %s has a kind or state this program does not know; update the program."), number);
      return NULL;
    }
  doc->is_return_repair = g_str_equal (PQgetvalue (res, 0, first_other + COL_RETURN_REPAIR), "t");
  doc->notice_read = g_str_equal (PQgetvalue (res, 0, first_other + COL_NOTICE_READ), "t");
  doc->has_quote_total = !PQgetisnull (res, 0, first_other + COL_QUOTE_TOTAL);
  if (doc->has_quote_total)
    doc->quote_total = g_ascii_strtoll (PQgetvalue (res, 0, first_other + COL_QUOTE_TOTAL), NULL, 10);
  if (!g_ascii_string_to_unsigned (PQgetvalue (res, 0, first_other + COL_VALIDITY), 10, 1, 365, &validity, NULL))
    validity = 7;
  doc->quote_validity_days = (int) validity;
  if (!read_lines (doc, PQgetvalue (res, 0, first_other + COL_ACCESSORIES),
                   PQgetvalue (res, 0, first_other + COL_QUOTE_LINES), error))
    return NULL;
  return g_steal_pointer (&doc);
}

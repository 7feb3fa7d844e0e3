#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-validate.h"
#include "wx-db.h"
#include "wx-db-error.h"
#include "wx-db-records.h"

#define ID_FORMAT "%" G_GINT64_FORMAT

/* ------------------------------------------------------------ catalogue */

void
wx_catalog_part_free (WxCatalogPart *part)
{
  if (part == NULL)
    return;
  g_free (part->part_number);
  g_free (part->name);
  g_free (part->category);
  g_free (part);
}

GPtrArray *
wx_db_parts_search (PGconn      *conn,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *max = g_strdup_printf ("%u", limit);
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *params[2];
  g_autoptr(PGresult) res = NULL;
  GPtrArray *parts;

  /* LIKE's own characters are matched as themselves. */
  {
    GString *p = g_string_new ("%");
    for (const char *c = trimmed; *c; c++)
      {
        if (*c == '%' || *c == '_' || *c == '\\')
          g_string_append_c (p, '\\');
        g_string_append_c (p, *c);
      }
    g_string_append_c (p, '%');
    pattern = g_string_free (p, FALSE);
  }
  params[0] = pattern;
  params[1] = max;
  res = wx_db_query (conn,
    "SELECT id, part_number, name, category, unit_price, stock FROM parts"
    " WHERE part_number ILIKE $1 OR name ILIKE $1 OR category ILIKE $1"
    " ORDER BY stock > 0 DESC, part_number LIMIT $2::integer", 2, params, error);
  if (res == NULL)
    return NULL;
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_catalog_part_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxCatalogPart *p = g_new0 (WxCatalogPart, 1);

      p->id = wx_db_get_int (res, i, 0);
      p->part_number = wx_db_dup_text (res, i, 1);
      p->name = wx_db_dup_text (res, i, 2);
      p->category = wx_db_dup_text (res, i, 3);
      p->unit_price = wx_db_get_int (res, i, 4);
      p->stock = (int) wx_db_get_int (res, i, 5);
      g_ptr_array_add (parts, p);
    }
  return parts;
}

void
wx_supplier_free (WxSupplier *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->kind);
  g_free (s->address);
  g_free (s->phone);
  g_free (s->contact);
  g_free (s);
}

GPtrArray *
wx_db_suppliers_load (PGconn    *conn,
                      gboolean   peers,
                      GError   **error)
{
  const char *params[] = { peers ? "peer_shop" : "supplier" };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT id, name, kind, address, coalesce(phone, ''), contact FROM suppliers"
    " WHERE kind IN ($1, 'both') ORDER BY name", 1, params, error);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_supplier_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxSupplier *s = g_new0 (WxSupplier, 1);

      s->id = wx_db_get_int (res, i, 0);
      s->name = wx_db_dup_text (res, i, 1);
      s->kind = wx_db_dup_text (res, i, 2);
      s->address = wx_db_dup_text (res, i, 3);
      s->phone = wx_db_dup_text (res, i, 4);
      s->contact = wx_db_dup_text (res, i, 5);
      g_ptr_array_add (out, s);
    }
  return out;
}

/* ------------------------------------------------------------ the record */

static void
issued_part_free (WxIssuedPart *p)
{
  g_free (p->part_number);
  g_free (p->name);
  g_free (p);
}

static void
recorded_test_free (WxRecordedTest *t)
{
  g_free (t->code);
  g_free (t->note);
  g_free (t);
}

static void
part_order_row_free (WxPartOrderRow *r)
{
  g_free (r->description);
  g_free (r->supplier);
  g_free (r->expected_on);
  g_free (r);
}

void
wx_order_record_free (WxOrderRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->number);
  g_free (r->product_name);
  g_free (r->model);
  g_free (r->fault_analysis);
  g_free (r->measures);
  g_free (r->explanation);
  g_free (r->parts_needed);
  g_free (r->repair_notes);
  g_free (r->old_parts);
  g_clear_pointer (&r->parts, g_array_unref);
  g_clear_pointer (&r->issued, g_ptr_array_unref);
  g_clear_pointer (&r->tests, g_ptr_array_unref);
  g_clear_pointer (&r->part_orders, g_ptr_array_unref);
  g_clear_pointer (&r->strings, g_ptr_array_unref);
  g_free (r);
}

/* The parts issued to order `id` and not returned, per part. */
#define SQL_ISSUED \
  "SELECT p.id, p.part_number, p.name, (-sum(m.quantity))::integer" \
  "  FROM stock_movements m JOIN parts p ON p.id = m.part_id" \
  " WHERE m.order_id = $1::bigint AND m.kind IN ('issue', 'return')" \
  " GROUP BY p.id, p.part_number, p.name HAVING sum(m.quantity) < 0 ORDER BY p.part_number"

WxOrderRecord *
wx_db_order_record_load (PGconn      *conn,
                         const char  *number,
                         GError     **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) order = wx_db_query (conn,
    "SELECT id, version, state, product_name, model, fault_analysis, measures, explanation, parts_needed,"
    "       coalesce(suggested_price, -1), repair_notes, coalesce(old_parts, ''), cleaned"
    "  FROM service_orders WHERE number = $1", 1, params, error);
  g_autoptr(PGresult) lines = NULL, issued = NULL, tests = NULL, orders = NULL;
  g_autoptr(WxOrderRecord) r = NULL;
  g_autofree char *id = NULL;
  const char *by_id[1];

  if (order == NULL)
    return NULL;
  if (PQntuples (order) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no service order %s."), number);
      return NULL;
    }
  r = g_new0 (WxOrderRecord, 1);
  r->order_id = wx_db_get_int (order, 0, 0);
  r->number = g_strdup (number);
  r->version = (int) wx_db_get_int (order, 0, 1);
  r->state = WX_ORDER_STATE_RECEIVED;
  wx_workflow_state_from_code (PQgetvalue (order, 0, 2), &r->state);
  r->product_name = wx_db_dup_text (order, 0, 3);
  r->model = wx_db_dup_text (order, 0, 4);
  r->category = wx_machine_category_guess (r->product_name, r->model);
  r->fault_analysis = wx_db_dup_text (order, 0, 5);
  r->measures = wx_db_dup_text (order, 0, 6);
  r->explanation = wx_db_dup_text (order, 0, 7);
  r->parts_needed = wx_db_dup_text (order, 0, 8);
  r->suggested_price = wx_db_get_int (order, 0, 9);
  r->repair_notes = wx_db_dup_text (order, 0, 10);
  r->old_parts = wx_db_dup_text (order, 0, 11);
  r->cleaned = wx_db_get_bool (order, 0, 12);
  r->parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  r->strings = g_ptr_array_new_with_free_func (g_free);
  r->issued = g_ptr_array_new_with_free_func ((GDestroyNotify) issued_part_free);
  r->tests = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_test_free);
  r->part_orders = g_ptr_array_new_with_free_func ((GDestroyNotify) part_order_row_free);

  id = g_strdup_printf (ID_FORMAT, r->order_id);
  by_id[0] = id;
  lines = wx_db_query (conn,
    "SELECT kind, coalesce(part_id, 0), part_number, description, quantity, unit_price"
    "  FROM quote_lines WHERE order_id = $1::bigint ORDER BY position", 1, by_id, error);
  issued = lines ? wx_db_query (conn, SQL_ISSUED, 1, by_id, error) : NULL;
  tests = issued ? wx_db_query (conn, "SELECT item, passed, note FROM repair_tests WHERE order_id = $1::bigint ORDER BY id",
                                1, by_id, error) : NULL;
  orders = tests ? wx_db_query (conn,
    "SELECT po.id, po.description, coalesce(s.name, ''), coalesce(po.expected_on::text, ''), po.quantity,"
    "       po.prepaid, po.arrived_at IS NOT NULL"
    "  FROM part_orders po LEFT JOIN suppliers s ON s.id = po.supplier_id"
    " WHERE po.order_id = $1::bigint ORDER BY po.id", 1, by_id, error) : NULL;
  if (orders == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (lines); i++)
    {
      WxPartLine l = { 0 };

      if (!g_str_equal (PQgetvalue (lines, i, 0), "part"))
        {
          r->labour += wx_db_get_int (lines, i, 4) * wx_db_get_int (lines, i, 5);
          continue;
        }
      l.part_id = wx_db_get_int (lines, i, 1);
      l.part_number = wx_db_dup_text (lines, i, 2);
      l.name = wx_db_dup_text (lines, i, 3);
      g_ptr_array_add (r->strings, (gpointer) l.part_number);
      g_ptr_array_add (r->strings, (gpointer) l.name);
      l.quantity = (int) wx_db_get_int (lines, i, 4);
      l.unit_price = wx_db_get_int (lines, i, 5);
      g_array_append_val (r->parts, l);
    }
  for (int i = 0; i < PQntuples (issued); i++)
    {
      WxIssuedPart *p = g_new0 (WxIssuedPart, 1);

      p->part_id = wx_db_get_int (issued, i, 0);
      p->part_number = wx_db_dup_text (issued, i, 1);
      p->name = wx_db_dup_text (issued, i, 2);
      p->quantity = (int) wx_db_get_int (issued, i, 3);
      g_ptr_array_add (r->issued, p);
    }
  for (int i = 0; i < PQntuples (tests); i++)
    {
      WxRecordedTest *t = g_new0 (WxRecordedTest, 1);

      t->code = wx_db_dup_text (tests, i, 0);
      t->passed = wx_db_get_bool (tests, i, 1);
      t->note = wx_db_dup_text (tests, i, 2);
      g_ptr_array_add (r->tests, t);
    }
  for (int i = 0; i < PQntuples (orders); i++)
    {
      WxPartOrderRow *o = g_new0 (WxPartOrderRow, 1);

      o->id = wx_db_get_int (orders, i, 0);
      o->description = wx_db_dup_text (orders, i, 1);
      o->supplier = wx_db_dup_text (orders, i, 2);
      o->expected_on = wx_db_dup_text (orders, i, 3);
      o->quantity = (int) wx_db_get_int (orders, i, 4);
      o->prepaid = wx_db_get_bool (orders, i, 5);
      o->arrived = wx_db_get_bool (orders, i, 6);
      g_ptr_array_add (r->part_orders, o);
    }
  return g_steal_pointer (&r);
}

static void
quote_line_clear (gpointer data)
{
  WxQuoteLineInput *l = data;

  g_free ((char *) l->kind);
  g_free ((char *) l->description);
  g_free ((char *) l->part_number);
}

GArray *
wx_db_quote_lines_load (PGconn      *conn,
                        const char  *number,
                        GError     **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT q.kind, q.description, q.quantity, q.unit_price, coalesce(q.part_id, 0), q.part_number"
    "  FROM quote_lines q JOIN service_orders o ON o.id = q.order_id"
    " WHERE o.number = $1 ORDER BY q.position", 1, params, error);
  GArray *lines;

  if (res == NULL)
    return NULL;
  lines = g_array_new (FALSE, TRUE, sizeof (WxQuoteLineInput));
  g_array_set_clear_func (lines, quote_line_clear);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxQuoteLineInput l = { 0 };

      l.kind = wx_db_dup_text (res, i, 0);
      l.description = wx_db_dup_text (res, i, 1);
      l.quantity = (int) wx_db_get_int (res, i, 2);
      l.unit_price = wx_db_get_int (res, i, 3);
      l.part_id = wx_db_get_int (res, i, 4);
      l.part_number = wx_db_dup_text (res, i, 5);
      g_array_append_val (lines, l);
    }
  return lines;
}

/* ------------------------------------------------------------ writing */

static GHashTable *
new_data (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
put (GHashTable *data, const char *key, const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));

  if (*trimmed)
    g_hash_table_insert (data, (gpointer) key, g_steal_pointer (&trimmed));
}

/* A part issued to the order or returned from it, for the step's records. */
static void
add_stock (JsonArray *stock, const WxPartLine *l, const char *kind)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "part_id", l->part_id);
  json_object_set_int_member (o, "quantity", l->quantity);
  json_object_set_string_member (o, "kind", kind);
  json_array_add_object_element (stock, o);
}

/* Core's refusal as the step's error: nothing reaches the database. */
static gboolean
refuse (const char *field, GError *core_error, GError **error)
{
  g_debug ("record refused at %s: %s", field ? field : "-", core_error->message);
  g_propagate_error (error, core_error);
  return FALSE;
}

/* The inspection's records: a new peer shop, or the parts it issues from
 * stock for the repair to come. */
static JsonObject *
inspection_records (const WxInspectionInput *in)
{
  JsonObject *records = json_object_new ();

  if (in->outsource)
    {
      if (in->peer_id <= 0)
        {
          JsonObject *peer = json_object_new ();

          json_object_set_string_member (peer, "name", in->peer_name);
          json_object_set_string_member (peer, "address", in->peer_address ? in->peer_address : "");
          json_object_set_string_member (peer, "phone", wx_validate_filled (in->peer_phone) ? in->peer_phone : "");
          json_object_set_string_member (peer, "contact", in->peer_contact ? in->peer_contact : "");
          json_object_set_object_member (records, "new_peer", peer);
        }
      return records;
    }
  {
    JsonArray *stock = json_array_new ();

    for (guint i = 0; in->parts && i < in->parts->len; i++)
      {
        const WxPartLine *l = &g_array_index (in->parts, WxPartLine, i);

        if (l->issue)
          add_stock (stock, l, "issue");
      }
    json_object_set_array_member (records, "stock", stock);
  }
  return records;
}

/* The parts needed and the labour: the draft of the coordinator's quote,
 * replacing the order's lines in the step. The strings point into `in`. */
static GArray *
inspection_lines (const WxInspectionInput *in)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (WxQuoteLineInput));

  for (guint i = 0; in->parts && i < in->parts->len; i++)
    {
      const WxPartLine *l = &g_array_index (in->parts, WxPartLine, i);
      WxQuoteLineInput q = {
        .kind = "part", .description = l->name, .quantity = l->quantity, .unit_price = l->unit_price,
        .part_id = l->part_id, .part_number = l->part_number,
      };

      g_array_append_val (lines, q);
    }
  if (in->labour > 0)
    {
      WxQuoteLineInput q = { .kind = "labour", .description = _("Labour"), .quantity = 1, .unit_price = in->labour };

      g_array_append_val (lines, q);
    }
  return lines;
}

gboolean
wx_db_inspection_save (PGconn                   *conn,
                       const char               *number,
                       int                       expected_version,
                       const WxInspectionInput  *input,
                       WxTransitionResult       *result,
                       GError                  **error)
{
  g_autoptr(GHashTable) data = new_data ();
  g_autoptr(JsonObject) records = inspection_records (input);
  WxStepExtras extras = { .records = records };
  g_autoptr(GArray) lines = NULL;
  GError *core_error = NULL;
  const char *field = NULL;

  if (!wx_inspection_input_check (input, &field, &core_error))
    return refuse (field, core_error, error);
  put (data, "fault_analysis", input->fault_analysis);
  if (input->outsource)
    {
      /* A new peer shop is added by the step, which then names it. */
      g_hash_table_insert (data, (gpointer) "peer_id",
                           input->peer_id > 0 ? g_strdup_printf (ID_FORMAT, input->peer_id) : g_strdup ("new"));
      return wx_db_order_step_full (conn, number, expected_version, "outsource", data, &extras, result, error);
    }
  put (data, "measures", input->measures);
  g_hash_table_insert (data, (gpointer) "parts_needed", wx_inspection_parts_text (input));
  g_hash_table_insert (data, (gpointer) "suggested_price",
                       g_strdup_printf ("%" G_GINT64_FORMAT, wx_inspection_suggested_price (input)));
  put (data, "explanation", input->explanation);
  lines = inspection_lines (input);
  extras.quote_lines = lines;
  return wx_db_order_step_full (conn, number, expected_version, "inspect", data, &extras, result, error);
}

/* The repair's records: unused parts back first (at most what the order
 * holds), the parts used, the functional tests, and the old parts the
 * supervisor keeps (旧配件库房) — those from stock the order holds, and
 * those bought in for it. */
static JsonObject *
repair_records (const WxRepairInput *in)
{
  JsonObject *records = json_object_new ();
  JsonArray *stock = json_array_new ();
  JsonArray *tests = json_array_new ();

  for (guint i = 0; in->parts_returned && i < in->parts_returned->len; i++)
    add_stock (stock, &g_array_index (in->parts_returned, WxPartLine, i), "return");
  for (guint i = 0; in->parts_used && i < in->parts_used->len; i++)
    {
      const WxPartLine *l = &g_array_index (in->parts_used, WxPartLine, i);

      if (l->part_id > 0)
        add_stock (stock, l, "issue");
    }
  json_object_set_array_member (records, "stock", stock);
  for (guint i = 0; in->tests && i < in->tests->len; i++)
    {
      const WxTestResult *t = &g_array_index (in->tests, WxTestResult, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "item", t->code);
      json_object_set_boolean_member (o, "passed", t->passed);
      json_object_set_string_member (o, "note", t->note ? t->note : "");
      json_array_add_object_element (tests, o);
    }
  json_object_set_array_member (records, "repair_tests", tests);
  if (g_strcmp0 (in->old_parts, "kept_by_supervisor") == 0)
    {
      JsonObject *old = json_object_new ();
      JsonArray *bought = json_array_new ();

      for (guint i = 0; in->parts_used && i < in->parts_used->len; i++)
        {
          const WxPartLine *l = &g_array_index (in->parts_used, WxPartLine, i);

          g_autofree char *what = NULL;

          if (l->part_id > 0)
            continue;
          what = wx_part_line_describe (l);
          json_array_add_string_element (bought, g_strstrip (what));
        }
      json_object_set_array_member (old, "bought", bought);
      json_object_set_object_member (records, "old_parts", old);
    }
  return records;
}

gboolean
wx_db_repair_save (PGconn               *conn,
                   const char           *number,
                   int                   expected_version,
                   const WxRepairInput  *input,
                   WxTransitionResult   *result,
                   GError              **error)
{
  g_autoptr(GHashTable) data = new_data ();
  g_autoptr(JsonObject) records = repair_records (input);
  WxStepExtras extras = { .records = records };
  g_autoptr(WxOrderFacts) facts = NULL;
  GError *core_error = NULL;
  const char *field = NULL;

  if (!wx_repair_input_check (input, &field, &core_error))
    return refuse (field, core_error, error);
  /* From the check bench it is fixed at once; else the repair is done. */
  facts = wx_db_order_facts (conn, number, error);
  if (facts == NULL)
    return FALSE;
  put (data, "repair_notes", input->repair_notes);
  put (data, "old_parts", input->old_parts ? input->old_parts : "none");
  put (data, "cleaned", input->cleaned ? "true" : "false");
  g_hash_table_insert (data, (gpointer) "functional_tests", wx_repair_tests_codes (input));
  return wx_db_order_step_full (conn, number, expected_version,
                                facts->state == WX_ORDER_STATE_RECEIVED ? "fix_at_desk" : "repair_done",
                                data, &extras, result, error);
}

gboolean
wx_db_part_order_save (PGconn                  *conn,
                       const char              *number,
                       int                      expected_version,
                       const WxPartOrderInput  *input,
                       WxTransitionResult      *result,
                       GError                 **error)
{
  g_autoptr(GHashTable) data = new_data ();
  GError *core_error = NULL;
  const char *field = NULL;

  if (!wx_part_order_input_check (input, NULL, &field, &core_error))
    return refuse (field, core_error, error);
  g_hash_table_insert (data, (gpointer) "part", wx_part_order_describe (input));
  if (input->part_id > 0)
    g_hash_table_insert (data, (gpointer) "part_id", g_strdup_printf (ID_FORMAT, input->part_id));
  g_hash_table_insert (data, (gpointer) "supplier_id", g_strdup_printf (ID_FORMAT, input->supplier_id));
  g_hash_table_insert (data, (gpointer) "quantity", g_strdup_printf ("%d", input->quantity));
  put (data, "expected_on", input->expected_on);
  put (data, "prepaid", input->prepaid ? "true" : "false");
  if (input->cost >= 0)
    g_hash_table_insert (data, (gpointer) "cost", g_strdup_printf ("%" G_GINT64_FORMAT, input->cost));
  return wx_db_order_step_full (conn, number, expected_version, "order_parts", data, NULL, result, error);
}

gboolean
wx_db_parts_arrived (PGconn              *conn,
                     const char          *number,
                     int                  expected_version,
                     WxTransitionResult  *result,
                     GError             **error)
{
  return wx_db_order_step_full (conn, number, expected_version, "parts_arrived", NULL, NULL, result, error);
}

int
wx_db_escalate_overdue_parts (PGconn     *conn,
                              GDateTime  *now,
                              GError    **error)
{
  g_autofree char *at = now ? g_date_time_format_iso8601 (now) : NULL;
  const char *params[] = { at };
  /* Staff sweep at the server's time; a time of one's own is the owner's. */
  g_autofree char *n = wx_db_query_value (conn, at ? "SELECT wx_escalate_overdue_parts_at($1::timestamptz)"
                                                   : "SELECT wx_escalate_overdue_parts()",
                                          at ? 1 : 0, at ? params : NULL, error);

  return n ? atoi (n) : -1;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char  *text;
  guint  limit;
} PartsSearch;

static void
parts_search_free (PartsSearch *q)
{
  g_free (q->text);
  g_free (q);
}

static gboolean
parts_search_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  PartsSearch *q = data;

  *result = wx_db_parts_search (conn, q->text, q->limit, error);
  return *result != NULL;
}

void
wx_db_parts_search_async (WxDbWorker *worker, const char *text, guint limit, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  PartsSearch *q = g_new0 (PartsSearch, 1);

  q->text = g_strdup (text);
  q->limit = limit;
  wx_db_worker_read_async (worker, parts_search_job, q, (GDestroyNotify) parts_search_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wx_db_parts_search_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
order_record_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_order_record_load (conn, data, error);
  return *result != NULL;
}

void
wx_db_order_record_load_async (WxDbWorker *worker, const char *number, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, order_record_job, g_strdup (number), g_free,
                           (GDestroyNotify) wx_order_record_free, cancellable, callback, user_data);
}

WxOrderRecord *
wx_db_order_record_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
suppliers_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_suppliers_load (conn, GPOINTER_TO_INT (data), error);
  return *result != NULL;
}

void
wx_db_suppliers_load_async (WxDbWorker *worker, gboolean peers, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, suppliers_job, GINT_TO_POINTER (peers ? 1 : 0), NULL,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wx_db_suppliers_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

void
wx_db_part_order_facts_free (WxDbPartOrderFacts *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->suppliers, g_ptr_array_unref);
  g_clear_pointer (&l->record, wx_order_record_free);
  g_free (l);
}

static gboolean
part_order_facts_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  WxDbPartOrderFacts *l = g_new0 (WxDbPartOrderFacts, 1);

  l->suppliers = wx_db_suppliers_load (conn, FALSE, error);
  l->record = l->suppliers ? wx_db_order_record_load (conn, data, error) : NULL;
  if (l->record == NULL)
    {
      wx_db_part_order_facts_free (l);
      return FALSE;
    }
  *result = l;
  return TRUE;
}

void
wx_db_part_order_facts_async (WxDbWorker *worker, const char *number, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, part_order_facts_job, g_strdup (number), g_free,
                           (GDestroyNotify) wx_db_part_order_facts_free, cancellable, callback, user_data);
}

WxDbPartOrderFacts *
wx_db_part_order_facts_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

/* A record to save: its input copied, the copies' strings and arrays kept here. */
typedef enum { SAVE_INSPECTION, SAVE_REPAIR, SAVE_PART_ORDER, SAVE_ARRIVED } SaveKind;

typedef struct {
  SaveKind           kind;
  char              *number;
  int                version;
  WxInspectionInput  inspection;
  WxRepairInput      repair;
  WxPartOrderInput   part_order;
  GPtrArray         *strings;
  GPtrArray         *arrays;
} SaveJob;

static void
save_job_free (SaveJob *j)
{
  g_free (j->number);
  g_ptr_array_unref (j->strings);
  g_ptr_array_unref (j->arrays);
  g_free (j);
}

static SaveJob *
save_job_new (SaveKind kind, const char *number, int version)
{
  SaveJob *j = g_new0 (SaveJob, 1);

  j->kind = kind;
  j->number = g_strdup (number);
  j->version = version;
  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return j;
}

static GArray *
copy_parts (SaveJob *j, GArray *parts)
{
  GArray *copy;

  if (parts == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, TRUE, sizeof (WxPartLine), parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      WxPartLine l = g_array_index (parts, WxPartLine, i);

      l.part_number = wx_db_keep_string (j->strings, l.part_number);
      l.name = wx_db_keep_string (j->strings, l.name);
      g_array_append_val (copy, l);
    }
  g_ptr_array_add (j->arrays, copy);
  return copy;
}

static GArray *
copy_tests (SaveJob *j, GArray *tests)
{
  GArray *copy;

  if (tests == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, TRUE, sizeof (WxTestResult), tests->len);
  for (guint i = 0; i < tests->len; i++)
    {
      WxTestResult t = g_array_index (tests, WxTestResult, i);

      t.code = wx_db_keep_string (j->strings, t.code);
      t.note = wx_db_keep_string (j->strings, t.note);
      g_array_append_val (copy, t);
    }
  g_ptr_array_add (j->arrays, copy);
  return copy;
}

static gboolean
save_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  SaveJob *j = data;
  WxTransitionResult *r = g_new0 (WxTransitionResult, 1);
  gboolean ok;

  switch (j->kind)
    {
    case SAVE_INSPECTION:
      ok = wx_db_inspection_save (conn, j->number, j->version, &j->inspection, r, error);
      break;
    case SAVE_REPAIR:
      ok = wx_db_repair_save (conn, j->number, j->version, &j->repair, r, error);
      break;
    case SAVE_PART_ORDER:
      ok = wx_db_part_order_save (conn, j->number, j->version, &j->part_order, r, error);
      break;
    case SAVE_ARRIVED:
    default:
      ok = wx_db_parts_arrived (conn, j->number, j->version, r, error);
      break;
    }
  if (!ok)
    {
      g_free (r);
      return FALSE;
    }
  *result = r;
  return TRUE;
}

static void
save_async (WxDbWorker *worker, SaveJob *j, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, save_job, j, (GDestroyNotify) save_job_free, g_free,
                          cancellable, callback, user_data);
}

void
wx_db_inspection_save_async (WxDbWorker *worker, const char *number, int expected_version,
                             const WxInspectionInput *input, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  SaveJob *j = save_job_new (SAVE_INSPECTION, number, expected_version);

  j->inspection = *input;
  j->inspection.fault_analysis = wx_db_keep_string (j->strings, input->fault_analysis);
  j->inspection.measures = wx_db_keep_string (j->strings, input->measures);
  j->inspection.parts = copy_parts (j, input->parts);
  j->inspection.explanation = wx_db_keep_string (j->strings, input->explanation);
  j->inspection.peer_name = wx_db_keep_string (j->strings, input->peer_name);
  j->inspection.peer_address = wx_db_keep_string (j->strings, input->peer_address);
  j->inspection.peer_phone = wx_db_keep_string (j->strings, input->peer_phone);
  j->inspection.peer_contact = wx_db_keep_string (j->strings, input->peer_contact);
  save_async (worker, j, cancellable, callback, user_data);
}

void
wx_db_repair_save_async (WxDbWorker *worker, const char *number, int expected_version,
                         const WxRepairInput *input, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  SaveJob *j = save_job_new (SAVE_REPAIR, number, expected_version);

  j->repair = *input;
  j->repair.parts_used = copy_parts (j, input->parts_used);
  j->repair.parts_returned = copy_parts (j, input->parts_returned);
  j->repair.old_parts = wx_db_keep_string (j->strings, input->old_parts);
  j->repair.tests = copy_tests (j, input->tests);
  j->repair.repair_notes = wx_db_keep_string (j->strings, input->repair_notes);
  save_async (worker, j, cancellable, callback, user_data);
}

void
wx_db_part_order_save_async (WxDbWorker *worker, const char *number, int expected_version,
                             const WxPartOrderInput *input, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  SaveJob *j = save_job_new (SAVE_PART_ORDER, number, expected_version);

  j->part_order = *input;
  j->part_order.part_number = wx_db_keep_string (j->strings, input->part_number);
  j->part_order.name = wx_db_keep_string (j->strings, input->name);
  j->part_order.expected_on = wx_db_keep_string (j->strings, input->expected_on);
  save_async (worker, j, cancellable, callback, user_data);
}

void
wx_db_parts_arrived_async (WxDbWorker *worker, const char *number, int expected_version,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  save_async (worker, save_job_new (SAVE_ARRIVED, number, expected_version), cancellable, callback, user_data);
}

gboolean
wx_db_record_save_finish (WxDbWorker *worker, GAsyncResult *res, WxTransitionResult *result, GError **error)
{
  g_autofree WxTransitionResult *r = wx_db_worker_run_finish (worker, res, error);

  if (r == NULL)
    return FALSE;
  if (result)
    *result = *r;
  return TRUE;
}

static gboolean
quote_lines_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_quote_lines_load (conn, data, error);
  return *result != NULL;
}

void
wx_db_quote_lines_load_async (WxDbWorker *worker, const char *number, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, quote_lines_job, g_strdup (number), g_free, (GDestroyNotify) g_array_unref,
                           cancellable, callback, user_data);
}

GArray *
wx_db_quote_lines_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

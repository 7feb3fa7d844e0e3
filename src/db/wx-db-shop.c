#define G_LOG_DOMAIN "wx-db"

#include <string.h>

#include "wx-db.h"
#include "wx-db-shop.h"

/* Each kind: its name in record_events, its write function, its keys, and
 * the list's query ($1 the search, "" for all; $2 the most rows, NULL for all): id, version, the fields as
 * a JSON object, the list's line, then the kind's extras (a customer's
 * likely duplicate; a part's stock, reserved and minimum). */
static const char * const customer_keys[] = {
  "unit_name", "address", "city", "contact_person", "mobile", "phone", "fax", "email", "notes", NULL };
static const char * const device_keys[] = {
  "customer_id", "category", "brand", "model", "serial", "asset_number", "purchase_date",
  "warranty_evidence", "warranty_expires", NULL };
static const char * const supplier_keys[] = {
  "name", "kind", "address", "phone", "contact", "email", "payment_terms", "supplies", "notes", "active", NULL };
static const char * const part_keys[] = {
  "part_number", "name", "category", "fits_models", "unit_price", "cost", "min_stock", "bin_location",
  "supplier_id", "active", NULL };

static const struct {
  const char         *name;
  const char         *save;
  const char * const *keys;
  const char         *list;
} kinds[] = {
  [WX_DB_RECORD_CUSTOMER] = { "customer", "wx_customer_save", customer_keys,
    "SELECT c.id, c.version,"
    "       jsonb_build_object('unit_name', c.unit_name, 'address', c.address, 'city', c.city,"
    "         'contact_person', c.contact_person, 'mobile', c.mobile, 'phone', c.phone, 'fax', c.fax,"
    "         'email', c.email, 'notes', c.notes)::text,"
    "       c.unit_name, dup.unit_name || ' (' || dup.id || ')', 0, 0, 0, coalesce(dup.id, 0)"
    "  FROM customers c LEFT JOIN LATERAL"
    "       (SELECT d.id, d.unit_name FROM customers d"
    "         WHERE d.id <> c.id AND (wx_unit_key(d.unit_name) = wx_unit_key(c.unit_name)"
    "                                 OR d.mobile = c.mobile OR d.phone = c.phone)"
    "         ORDER BY d.id LIMIT 1) dup ON true"
    " WHERE $1 = '' OR c.unit_name ILIKE '%' || $1 || '%' OR c.contact_person ILIKE '%' || $1 || '%'"
    "    OR c.mobile LIKE '%' || $1 || '%' OR c.phone LIKE '%' || $1 || '%'"
    "    OR c.pinyin LIKE '%' || lower($1) || '%'"
    " ORDER BY c.unit_name, c.id LIMIT $2::integer" },
  [WX_DB_RECORD_DEVICE] = { "device", "wx_device_save", device_keys,
    "SELECT d.id, d.version,"
    "       jsonb_build_object('customer_id', d.customer_id, 'category', d.category, 'brand', d.brand,"
    "         'model', d.model, 'serial', d.serial, 'asset_number', d.asset_number,"
    "         'purchase_date', d.purchase_date, 'warranty_evidence', d.warranty_evidence,"
    "         'warranty_expires', d.warranty_expires)::text,"
    "       concat_ws(' ', nullif(d.brand, ''), nullif(d.model, ''), nullif(d.serial, ''), '— ' || c.unit_name),"
    "       NULL, 0, 0, 0, 0"
    "  FROM devices d JOIN customers c ON c.id = d.customer_id"
    " WHERE $1 = '' OR d.serial ILIKE '%' || $1 || '%' OR d.model ILIKE '%' || $1 || '%'"
    "    OR d.asset_number ILIKE '%' || $1 || '%' OR c.unit_name ILIKE '%' || $1 || '%'"
    " ORDER BY d.id DESC LIMIT $2::integer" },
  [WX_DB_RECORD_SUPPLIER] = { "supplier", "wx_supplier_save", supplier_keys,
    "SELECT s.id, s.version,"
    "       jsonb_build_object('name', s.name, 'kind', s.kind, 'address', s.address, 'phone', s.phone,"
    "         'contact', s.contact, 'email', s.email, 'payment_terms', s.payment_terms,"
    "         'supplies', s.supplies, 'notes', s.notes, 'active', s.active)::text,"
    "       s.name, NULL, 0, 0, 0, 0"
    "  FROM suppliers s"
    " WHERE $1 = '' OR s.name ILIKE '%' || $1 || '%' OR s.contact ILIKE '%' || $1 || '%'"
    "    OR s.phone LIKE '%' || $1 || '%' OR s.supplies ILIKE '%' || $1 || '%'"
    "    OR s.pinyin LIKE '%' || lower($1) || '%'"
    " ORDER BY NOT s.active, s.name, s.id LIMIT $2::integer" },
  [WX_DB_RECORD_PART] = { "part", "wx_part_save", part_keys,
    "SELECT p.id, p.version,"
    "       jsonb_build_object('part_number', p.part_number, 'name', p.name, 'category', p.category,"
    "         'fits_models', p.fits_models, 'unit_price', p.unit_price, 'cost', p.cost,"
    "         'min_stock', p.min_stock, 'bin_location', p.bin_location, 'supplier_id', p.supplier_id,"
    "         'active', p.active)::text,"
    "       p.part_number || ' ' || p.name, NULL, p.stock, wx_part_reserved(p.id), p.min_stock, 0"
    "  FROM parts p"
    " WHERE $1 = '' OR p.part_number ILIKE '%' || $1 || '%' OR p.name ILIKE '%' || $1 || '%'"
    "    OR p.fits_models ILIKE '%' || $1 || '%' OR p.pinyin LIKE '%' || lower($1) || '%'"
    " ORDER BY NOT p.active, p.part_number LIMIT $2::integer" },
};

const char * const *
wx_db_record_keys (WxDbRecordKind kind)
{
  g_return_val_if_fail (kind <= WX_DB_RECORD_PART, NULL);
  return kinds[kind].keys;
}

gboolean
wx_db_record_change_set (JsonObject *changes,
                         const char *key,
                         const char *text)
{
  static const char * const number_keys[] = {
    "unit_price", "cost", "min_stock", "supplier_id", "customer_id", NULL };
  static const char * const boolean_keys[] = { "active", "move", NULL };
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;
  gint64 n;

  if (g_strv_contains (boolean_keys, key))
    json_object_set_boolean_member (changes, key, g_str_equal (t, "true") || g_str_equal (t, "yes"));
  else if (!g_strv_contains (number_keys, key))
    json_object_set_string_member (changes, key, text ? text : "");
  else if (*t == '\0')
    json_object_set_null_member (changes, key);
  else
    {
      n = g_ascii_strtoll (t, &end, 10);
      if (end == NULL || *end != '\0')
        return FALSE;
      json_object_set_int_member (changes, key, n);
    }
  return TRUE;
}

gboolean
wx_db_record_kind_from_name (const char     *name,
                             WxDbRecordKind *kind)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      {
        *kind = (WxDbRecordKind) i;
        return TRUE;
      }
  return FALSE;
}

void
wx_db_record_free (WxDbRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->values, g_hash_table_unref);
  g_free (record->label);
  g_free (record->duplicate_of);
  g_free (record);
}

const char *
wx_db_record_value (const WxDbRecord *record,
                    const char       *key)
{
  const char *v = record && record->values ? g_hash_table_lookup (record->values, key) : NULL;

  return v ? v : "";
}

/* The list's query for `search` with at most `limit` rows (0: all; LIMIT
 * NULL is no limit). */
static GPtrArray *
records_load (PGconn          *conn,
              WxDbRecordKind   kind,
              const char      *search,
              guint            limit,
              GError         **error)
{
  g_autofree char *term = g_strstrip (g_strdup (search ? search : ""));
  g_autofree char *max = limit ? g_strdup_printf ("%u", limit) : NULL;
  const char *params[2] = { term, max };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (kind <= WX_DB_RECORD_PART, NULL);
  res = wx_db_query (conn, kinds[kind].list, 2, params, error);
  if (res == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_db_record_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(WxDbRecord) r = g_new0 (WxDbRecord, 1);

      r->kind = kind;
      r->id = wx_db_get_int (res, i, 0);
      r->version = (int) wx_db_get_int (res, i, 1);
      r->values = wx_db_json_values (PQgetvalue (res, i, 2), error);
      if (r->values == NULL)
        return NULL;
      r->label = wx_db_dup_text (res, i, 3);
      r->duplicate_of = PQgetisnull (res, i, 4) ? NULL : wx_db_dup_text (res, i, 4);
      r->stock = (int) wx_db_get_int (res, i, 5);
      r->reserved = (int) wx_db_get_int (res, i, 6);
      r->min_stock = (int) wx_db_get_int (res, i, 7);
      r->duplicate_id = wx_db_get_int (res, i, 8);
      g_ptr_array_add (records, g_steal_pointer (&r));
    }
  return g_steal_pointer (&records);
}

GPtrArray *
wx_db_records_load (PGconn          *conn,
                    WxDbRecordKind   kind,
                    const char      *search,
                    GError         **error)
{
  return records_load (conn, kind, search, 500, error);
}

GPtrArray *
wx_db_records_load_all (PGconn          *conn,
                        WxDbRecordKind   kind,
                        GError         **error)
{
  return records_load (conn, kind, NULL, 0, error);
}

gint64
wx_db_record_save (PGconn          *conn,
                   WxDbRecordKind   kind,
                   gint64           id,
                   int              version,
                   JsonObject      *changes,
                   int             *new_version,
                   GError         **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *id_text = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
  g_autofree char *version_text = id > 0 ? g_strdup_printf ("%d", version) : NULL;
  const char *params[3];
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (kind <= WX_DB_RECORD_PART && changes != NULL, 0);
  json_node_set_object (node, changes);
  json = json_to_string (node, FALSE);
  params[0] = id_text;
  params[1] = version_text;
  params[2] = json;
  sql = g_strdup_printf ("SELECT * FROM %s($1::bigint, $2::integer, $3::jsonb)", kinds[kind].save);
  res = wx_db_query (conn, sql, 3, params, error);
  if (res == NULL)
    return 0;
  if (new_version)
    *new_version = (int) wx_db_get_int (res, 0, 1);
  return wx_db_get_int (res, 0, 0);
}

gboolean
wx_db_customer_merge (PGconn  *conn,
                      gint64   from,
                      gint64   into,
                      int     *orders,
                      GError **error)
{
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, from);
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, into);
  const char *params[2] = { a, b };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT * FROM wx_customer_merge($1::bigint, $2::bigint)",
                                         2, params, error);

  if (res == NULL)
    return FALSE;
  if (orders)
    *orders = (int) wx_db_get_int (res, 0, 1);
  return TRUE;
}

int
wx_db_stock_receive (PGconn      *conn,
                     gint64       part_id,
                     int          quantity,
                     gint64       supplier_id,
                     gint64       unit_cost,
                     const char  *order_number,
                     const char  *note,
                     GError     **error)
{
  g_autofree char *part = g_strdup_printf ("%" G_GINT64_FORMAT, part_id);
  g_autofree char *qty = g_strdup_printf ("%d", quantity);
  g_autofree char *supplier = supplier_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, supplier_id) : NULL;
  g_autofree char *cost = unit_cost >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, unit_cost) : NULL;
  const char *params[6] = { part, qty, supplier, cost, order_number, note ? note : "" };
  g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT * FROM wx_stock_receive($1::bigint, $2::integer, $3::bigint, $4::bigint, $5, $6)",
      6, params, error);

  return res ? (int) wx_db_get_int (res, 0, 1) : -1;
}

gboolean
wx_db_stock_count (PGconn      *conn,
                   gint64       part_id,
                   int          counted,
                   const char  *reason,
                   int         *difference,
                   GError     **error)
{
  g_autofree char *part = g_strdup_printf ("%" G_GINT64_FORMAT, part_id);
  g_autofree char *n = g_strdup_printf ("%d", counted);
  const char *params[3] = { part, n, reason };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT * FROM wx_stock_count($1::bigint, $2::integer, $3)",
                                         3, params, error);

  if (res == NULL)
    return FALSE;
  if (difference)
    *difference = (int) wx_db_get_int (res, 0, 2);
  return TRUE;
}

gboolean
wx_db_stock_reserve (PGconn      *conn,
                     gint64       part_id,
                     const char  *order_number,
                     int          quantity,
                     GError     **error)
{
  g_autofree char *part = g_strdup_printf ("%" G_GINT64_FORMAT, part_id);
  g_autofree char *qty = g_strdup_printf ("%d", quantity);
  const char *params[3] = { part, order_number, qty };

  return wx_db_execute (conn, "SELECT * FROM wx_stock_reserve($1::bigint, $2, $3::integer)", 3, params, error);
}

gint64
wx_db_part_find (PGconn      *conn,
                 const char  *part_number,
                 GError     **error)
{
  const char *params[1] = { part_number };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT id FROM parts WHERE upper(part_number) = upper(btrim($1))",
                                         1, params, error);

  return res && PQntuples (res) > 0 ? wx_db_get_int (res, 0, 0) : 0;
}

void
wx_db_customer_order_free (WxDbCustomerOrder *order)
{
  g_free (order->number);
  g_free (order->date);
  g_free (order->machine);
  g_free (order->state);
  g_free (order);
}

GPtrArray *
wx_db_customer_orders (PGconn  *conn,
                       gint64   customer_id,
                       GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  const char *params[1] = { id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.number, to_char(o.received_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD'),"
    "       concat_ws(' ', nullif(o.product_name, ''), nullif(o.model, '')), o.state,"
    "       coalesce(o.quote_total, 0), wx_order_balance(o.id)"
    "  FROM service_orders o WHERE o.customer_id = $1::bigint"
    " ORDER BY o.received_at DESC, o.id DESC LIMIT 200", 1, params, error);
  GPtrArray *orders;

  if (res == NULL)
    return NULL;
  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_db_customer_order_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxDbCustomerOrder *o = g_new0 (WxDbCustomerOrder, 1);

      o->number = wx_db_dup_text (res, i, 0);
      o->date = wx_db_dup_text (res, i, 1);
      o->machine = wx_db_dup_text (res, i, 2);
      o->state = wx_db_dup_text (res, i, 3);
      o->total = wx_db_get_int (res, i, 4);
      o->balance = wx_db_get_int (res, i, 5);
      g_ptr_array_add (orders, o);
    }
  return orders;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  WxDbRecordKind  kind;
  gint64          id;
  int             version;
  char           *search;
  JsonObject     *changes;
  gint64          other;        /* merge: into; receive: the supplier */
  int             quantity;     /* receive: how many; count: counted */
  gint64          cost;         /* receive: fen each, -1 unknown */
} Job;

static void
job_free (Job *j)
{
  g_free (j->search);
  g_clear_pointer (&j->changes, json_object_unref);
  g_free (j);
}

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Job *j = data;

  *result = records_load (conn, j->kind, j->search, j->quantity, error);
  return *result != NULL;
}

void
wx_db_records_load_async (WxDbWorker          *worker,
                          WxDbRecordKind       kind,
                          const char          *search,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->kind = kind;
  j->search = g_strdup (search);
  j->quantity = 500;
  wx_db_worker_read_async (worker, load_job, j, (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_records_load_finish (WxDbWorker    *worker,
                           GAsyncResult  *result,
                           GError       **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
save_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Job *j = data;

  return wx_db_record_save (conn, j->kind, j->id, j->version, j->changes, NULL, error) > 0;
}

void
wx_db_record_save_async (WxDbWorker          *worker,
                         WxDbRecordKind       kind,
                         gint64               id,
                         int                  version,
                         JsonObject          *changes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->kind = kind;
  j->id = id;
  j->version = version;
  j->changes = json_object_ref (changes);
  wx_db_worker_run_async (worker, save_job, j, (GDestroyNotify) job_free, NULL,
                          cancellable, callback, user_data);
}

static gboolean
orders_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_customer_orders (conn, ((Job *) data)->id, error);
  return *result != NULL;
}

void
wx_db_customer_orders_async (WxDbWorker          *worker,
                             gint64               customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->id = customer_id;
  wx_db_worker_read_async (worker, orders_job, j, (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

static gboolean
merge_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Job *j = data;

  return wx_db_customer_merge (conn, j->id, j->other, NULL, error);
}

void
wx_db_customer_merge_async (WxDbWorker          *worker,
                            gint64               from,
                            gint64               into,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->id = from;
  j->other = into;
  wx_db_worker_run_async (worker, merge_job, j, (GDestroyNotify) job_free, NULL, cancellable, callback, user_data);
}

static gboolean
receive_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Job *j = data;

  return wx_db_stock_receive (conn, j->id, j->quantity, j->other, j->cost, NULL, j->search, error) >= 0;
}

void
wx_db_stock_receive_async (WxDbWorker          *worker,
                           gint64               part_id,
                           int                  quantity,
                           gint64               supplier_id,
                           gint64               unit_cost,
                           const char          *note,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->id = part_id;
  j->quantity = quantity;
  j->other = supplier_id;
  j->cost = unit_cost;
  j->search = g_strdup (note);
  wx_db_worker_run_async (worker, receive_job, j, (GDestroyNotify) job_free, NULL, cancellable, callback, user_data);
}

static gboolean
count_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Job *j = data;

  return wx_db_stock_count (conn, j->id, j->quantity, j->search, NULL, error);
}

void
wx_db_stock_count_async (WxDbWorker          *worker,
                         gint64               part_id,
                         int                  counted,
                         const char          *reason,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->id = part_id;
  j->quantity = counted;
  j->search = g_strdup (reason);
  wx_db_worker_run_async (worker, count_job, j, (GDestroyNotify) job_free, NULL, cancellable, callback, user_data);
}

void
wx_db_records_load_all_async (WxDbWorker          *worker,
                              WxDbRecordKind       kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->kind = kind;
  wx_db_worker_read_async (worker, load_job, j, (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

#define G_LOG_DOMAIN "wx-db-lookup"

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-intake.h"
#include "wx-db-lookup.h"
#include "wx-db-staff.h"

#define DEFAULT_LIMIT 20

/* ------------------------------------------------------------ customers */

void
wx_customer_hit_free (WxCustomerHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->name);
  g_free (hit->address);
  g_free (hit->contact);
  g_free (hit->mobile);
  g_free (hit->phone);
  g_free (hit->email);
  g_free (hit);
}

GPtrArray *
wx_db_customers_lookup (PGconn      *conn,
                        const char  *text,
                        guint        limit,
                        GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *limit_text = g_strdup_printf ("%u", limit ? limit : DEFAULT_LIMIT);
  const char *params[] = { trimmed, limit_text };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_customer_hit_free);

  if (*trimmed == '\0')
    return hits;
  res = wx_db_query (conn,
    "WITH q AS (SELECT lower($1) AS text, regexp_replace($1, '[^0-9]', '', 'g') AS digits)"
    " SELECT c.id, c.unit_name, c.address, c.contact_person, coalesce(c.mobile, ''), coalesce(c.phone, ''),"
    "        coalesce(c.email, ''), c.is_contract, count(o.id),"
    "        coalesce(floor(extract(epoch FROM max(o.received_at)))::bigint, 0)"
    "   FROM customers c CROSS JOIN q"
    "   LEFT JOIN service_orders o ON o.customer_id = c.id"
    "  WHERE (length(q.digits) >= 3"
    "         AND (strpos(regexp_replace(coalesce(c.mobile, ''), '[^0-9]', '', 'g'), q.digits) > 0"
    "              OR strpos(regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g'), q.digits) > 0))"
    "     OR strpos(lower(c.unit_name), q.text) > 0 OR strpos(lower(c.contact_person), q.text) > 0"
    "     OR (q.text ~ '^[a-z][a-z0-9]+$' AND strpos(c.pinyin, q.text) > 0)"   /* 助记码 or pinyin */
    "  GROUP BY c.id"
    "  ORDER BY coalesce(max(o.received_at), c.created_at) DESC, c.id DESC"
    "  LIMIT $2::integer", 2, params, error);
  if (res == NULL)
    {
      g_ptr_array_unref (hits);
      return NULL;
    }
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxCustomerHit *h = g_new0 (WxCustomerHit, 1);

      h->id = wx_db_get_int (res, i, 0);
      h->name = wx_db_dup_text (res, i, 1);
      h->address = wx_db_dup_text (res, i, 2);
      h->contact = wx_db_dup_text (res, i, 3);
      h->mobile = wx_db_dup_text (res, i, 4);
      h->phone = wx_db_dup_text (res, i, 5);
      h->email = wx_db_dup_text (res, i, 6);
      h->is_contract = wx_db_get_bool (res, i, 7);
      h->n_orders = (guint) wx_db_get_int (res, i, 8);
      h->last_order_at = wx_db_get_int (res, i, 9);
      g_ptr_array_add (hits, h);
    }
  return hits;
}

/* ------------------------------------------------------------ devices */

static void
device_order_free (WxDeviceOrder *o)
{
  g_free (o->number);
  g_free (o->fault);
  g_free (o->repair_notes);
  g_free (o);
}

void
wx_device_info_free (WxDeviceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->serial);
  g_free (info->product);
  g_free (info->brand);
  g_free (info->model);
  g_free (info->customer_name);
  g_free (info->warranty_status);
  g_free (info->warranty_until);
  g_free (info->contract_number);
  g_free (info->contract_until);
  g_clear_pointer (&info->orders, g_ptr_array_unref);
  g_free (info->return_of);
  g_free (info);
}

/* The orders of a serial number: those that wrote it down, and those of a
 * device record with it. */
#define SAME_SERIAL(o) \
  "(upper(btrim(" o ".serial)) = upper(this.serial)" \
  " OR " o ".device_id IN (SELECT d.id FROM devices d WHERE upper(btrim(d.serial)) = upper(this.serial)))"

static const char device_sql[] =
  "WITH z AS (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz),"
  " this AS (SELECT NULL::bigint AS id, btrim($1) AS serial, to_timestamp($2::bigint) AS at),"
  " earlier AS (" WX_DB_SQL_RETURN_OF "),"
  " dev AS (SELECT d.* FROM devices d, this"
  "          WHERE this.serial <> '' AND upper(btrim(d.serial)) = upper(this.serial)"
  "          ORDER BY d.created_at DESC, d.id DESC LIMIT 1),"
  " latest AS (SELECT o.* FROM service_orders o, this"
  "             WHERE this.serial <> '' AND " SAME_SERIAL ("o")
  "             ORDER BY o.received_at DESC, o.id DESC LIMIT 1),"
  " k AS (SELECT ct.number, ct.ends_on FROM contracts ct JOIN contract_devices cd ON cd.contract_id = ct.id, dev, this, z"
  "        WHERE cd.device_id = dev.id AND (this.at AT TIME ZONE z.tz)::date BETWEEN ct.starts_on AND ct.ends_on"
  "        ORDER BY ct.ends_on DESC LIMIT 1)"
  " SELECT coalesce(dev.id, 0), coalesce(nullif(dev.serial, ''), latest.serial), coalesce(latest.product_name, ''),"
  "        coalesce(dev.brand, ''), coalesce(nullif(dev.model, ''), latest.model, ''), coalesce(c.id, 0),"
  "        coalesce(c.unit_name, latest.unit_name, ''),"
  "        CASE WHEN k.number IS NOT NULL THEN 'contract'"
  "             WHEN dev.warranty_expires >= (this.at AT TIME ZONE z.tz)::date THEN 'in_warranty'"
  "             WHEN dev.warranty_expires IS NOT NULL THEN 'out_of_warranty'"
  "             ELSE coalesce(latest.warranty_status, 'unknown') END,"
  "        coalesce(to_char(dev.warranty_expires, 'YYYY-MM-DD'), ''), coalesce(k.number, ''),"
  "        coalesce(to_char(k.ends_on, 'YYYY-MM-DD'), ''), earlier.number,"
  "        coalesce(floor(extract(epoch FROM earlier.picked_up_at))::bigint, 0)"
  "   FROM this CROSS JOIN z"
  "   LEFT JOIN dev ON true LEFT JOIN latest ON true LEFT JOIN k ON true LEFT JOIN earlier ON true"
  "   LEFT JOIN customers c ON c.id = coalesce(dev.customer_id, latest.customer_id)"
  "  WHERE dev.id IS NOT NULL OR latest.id IS NOT NULL";

static const char history_sql[] =
  "WITH this AS (SELECT btrim($1) AS serial)"
  " SELECT o.id, o.number, o.kind, o.state, floor(extract(epoch FROM o.received_at))::bigint,"
  "        coalesce(floor(extract(epoch FROM o.picked_up_at))::bigint, 0), o.reported_fault, o.repair_notes,"
  "        o.is_return_repair"
  "   FROM service_orders o, this"
  "  WHERE this.serial <> '' AND " SAME_SERIAL ("o")
  "  ORDER BY o.received_at DESC, o.id DESC";

static GPtrArray *
device_orders (PGconn *conn, const char *serial, GError **error)
{
  const char *params[] = { serial };
  g_autoptr(PGresult) res = wx_db_query (conn, history_sql, 1, params, error);
  GPtrArray *orders;

  if (res == NULL)
    return NULL;
  orders = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) device_order_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxDeviceOrder *o = g_new0 (WxDeviceOrder, 1);

      o->id = wx_db_get_int (res, i, 0);
      o->number = wx_db_dup_text (res, i, 1);
      wx_order_kind_from_code (PQgetvalue (res, i, 2), &o->kind);
      wx_workflow_state_from_code (PQgetvalue (res, i, 3), &o->state);
      o->received_at = wx_db_get_int (res, i, 4);
      o->picked_up_at = wx_db_get_int (res, i, 5);
      o->fault = wx_db_dup_text (res, i, 6);
      o->repair_notes = wx_db_dup_text (res, i, 7);
      o->is_return_repair = wx_db_get_bool (res, i, 8);
      g_ptr_array_add (orders, o);
    }
  return orders;
}

WxDeviceInfo *
wx_db_device_lookup (PGconn      *conn,
                     const char  *serial,
                     gint64       now,
                     GError     **error)
{
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const char *params[] = { serial ? serial : "", now_text };
  g_autoptr(PGresult) res = wx_db_query (conn, device_sql, 2, params, error);
  g_autoptr(WxDeviceInfo) info = NULL;

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  info = g_new0 (WxDeviceInfo, 1);
  info->device_id = wx_db_get_int (res, 0, 0);
  info->serial = wx_db_dup_text (res, 0, 1);
  info->product = wx_db_dup_text (res, 0, 2);
  info->brand = wx_db_dup_text (res, 0, 3);
  info->model = wx_db_dup_text (res, 0, 4);
  info->customer_id = wx_db_get_int (res, 0, 5);
  info->customer_name = wx_db_dup_text (res, 0, 6);
  info->warranty_status = wx_db_dup_text (res, 0, 7);
  info->warranty_until = wx_db_dup_text (res, 0, 8);
  info->contract_number = wx_db_dup_text (res, 0, 9);
  info->contract_until = wx_db_dup_text (res, 0, 10);
  info->return_of = PQgetisnull (res, 0, 11) ? NULL : wx_db_dup_text (res, 0, 11);
  info->return_picked_up_at = wx_db_get_int (res, 0, 12);
  info->orders = device_orders (conn, params[0], error);
  if (info->orders == NULL)
    return NULL;
  return g_steal_pointer (&info);
}

/* ------------------------------------------------------------ engineers */

static void
appointment_clear (WxAppointment *a)
{
  g_free (a->time);
  g_free (a->number);
  g_free (a->unit_name);
  g_free (a->address);
}

void
wx_engineer_load_free (WxEngineerLoad *load)
{
  if (load == NULL)
    return;
  g_free (load->login);
  g_free (load->full_name);
  g_clear_pointer (&load->appointments, g_array_unref);
  g_free (load);
}

/* Open orders whose form is in an engineer's hands (folder "with engineer":
 * inspecting, repairing, waiting for parts, at a peer shop, delivering, on
 * site), by engineer and state. */
static const char assigned_sql[] =
  "SELECT o.engineer, o.state, count(*)"
  "  FROM service_orders o JOIN workflow_states w ON w.state = o.state"
  " WHERE w.folder = 'with_engineer' AND o.engineer IS NOT NULL"
  " GROUP BY o.engineer, o.state";

/* Visits booked for the shop's day of $1: the orders' appointments and the
 * visits' own, each once. */
static const char appointments_sql[] =
  "WITH z AS (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz),"
  " today AS (SELECT date_trunc('day', to_timestamp($1::bigint) AT TIME ZONE z.tz) AS day, z.tz FROM z),"
  " span AS (SELECT day AT TIME ZONE tz AS start, (day + interval '1 day') AT TIME ZONE tz AS stop, tz FROM today),"
  " a AS (SELECT o.engineer, o.appointment_at AS at, o.number, o.unit_name, o.unit_address AS address"
  "         FROM service_orders o"
  "        WHERE o.engineer IS NOT NULL AND o.appointment_at IS NOT NULL AND o.state <> 'cancelled'"
  "       UNION"
  "       SELECT v.engineer, v.appointment_at, o.number, o.unit_name, coalesce(nullif(v.address, ''), o.unit_address)"
  "         FROM visits v JOIN service_orders o ON o.id = v.order_id"
  "        WHERE v.appointment_at IS NOT NULL AND o.state <> 'cancelled')"
  " SELECT a.engineer, floor(extract(epoch FROM a.at))::bigint, to_char(a.at AT TIME ZONE span.tz, 'HH24:MI'),"
  "        a.number, a.unit_name, a.address"
  "   FROM a, span WHERE a.at >= span.start AND a.at < span.stop"
  "  ORDER BY a.engineer, a.at, a.number";

GPtrArray *
wx_db_engineers_load (PGconn   *conn,
                      gint64    now,
                      GError  **error)
{
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const char *params[] = { now_text };
  g_autoptr(PGresult) staff = wx_db_query (conn,
    "SELECT role_name, full_name, active FROM staff_roles WHERE 'wx_engineer' = ANY (groups)"
    " ORDER BY active DESC, full_name, role_name", 0, NULL, error);
  g_autoptr(PGresult) assigned = staff ? wx_db_query (conn, assigned_sql, 0, NULL, error) : NULL;
  g_autoptr(PGresult) visits = assigned ? wx_db_query (conn, appointments_sql, 1, params, error) : NULL;
  g_autoptr(GHashTable) by_login = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) loads = NULL;

  if (visits == NULL)
    return NULL;
  loads = g_ptr_array_new_full (PQntuples (staff), (GDestroyNotify) wx_engineer_load_free);
  for (int i = 0; i < PQntuples (staff); i++)
    {
      WxEngineerLoad *e = g_new0 (WxEngineerLoad, 1);

      e->login = wx_db_dup_text (staff, i, 0);
      e->full_name = wx_db_dup_text (staff, i, 1);
      e->active = wx_db_get_bool (staff, i, 2);
      e->appointments = g_array_new (FALSE, TRUE, sizeof (WxAppointment));
      g_array_set_clear_func (e->appointments, (GDestroyNotify) appointment_clear);
      g_ptr_array_add (loads, e);
      g_hash_table_insert (by_login, e->login, e);
    }
  for (int i = 0; i < PQntuples (assigned); i++)
    {
      WxEngineerLoad *e = g_hash_table_lookup (by_login, PQgetvalue (assigned, i, 0));
      WxOrderState state;

      if (e == NULL || !wx_workflow_state_from_code (PQgetvalue (assigned, i, 1), &state))
        continue;
      e->by_state[state] = (guint) wx_db_get_int (assigned, i, 2);
      e->n_assigned += e->by_state[state];
    }
  for (int i = 0; i < PQntuples (visits); i++)
    {
      WxEngineerLoad *e = g_hash_table_lookup (by_login, PQgetvalue (visits, i, 0));
      WxAppointment a;

      if (e == NULL)
        continue;
      a.at = wx_db_get_int (visits, i, 1);
      a.time = wx_db_dup_text (visits, i, 2);
      a.number = wx_db_dup_text (visits, i, 3);
      a.unit_name = wx_db_dup_text (visits, i, 4);
      a.address = wx_db_dup_text (visits, i, 5);
      g_array_append_val (e->appointments, a);
    }
  return g_steal_pointer (&loads);
}

/* ------------------------------------------------------------ the user */

gboolean
wx_db_session_identity (PGconn   *conn,
                        char    **login,
                        char    **full_name,
                        WxRole   *roles,
                        GError  **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT current_user, coalesce((SELECT full_name FROM staff WHERE role_name = current_user), current_user::text), "
    WX_DB_SQL_USER_ROLES, 0, NULL, error);

  if (res == NULL)
    return FALSE;
  if (login)
    *login = wx_db_dup_text (res, 0, 0);
  if (full_name)
    *full_name = wx_db_dup_text (res, 0, 1);
  if (roles)
    *roles = wx_db_user_roles_from_row (res, 0, 2);
  return TRUE;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char   *text;
  guint   limit;
  gint64  now;
} Lookup;

static void
lookup_free (Lookup *q)
{
  g_free (q->text);
  g_free (q);
}

static Lookup *
lookup_new (const char *text, guint limit, gint64 now)
{
  Lookup *q = g_new0 (Lookup, 1);

  q->text = g_strdup (text);
  q->limit = limit;
  q->now = now;
  return q;
}

static gboolean
customers_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Lookup *q = data;

  *result = wx_db_customers_lookup (conn, q->text, q->limit, error);
  return *result != NULL;
}

void
wx_db_customers_lookup_async (WxDbWorker *worker, const char *text, guint limit, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, customers_job, lookup_new (text, limit, 0), (GDestroyNotify) lookup_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wx_db_customers_lookup_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
device_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Lookup *q = data;
  g_autoptr(GError) local = NULL;

  *result = wx_db_device_lookup (conn, q->text, q->now, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

void
wx_db_device_lookup_async (WxDbWorker *worker, const char *serial, gint64 now, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, device_job, lookup_new (serial, 0, now), (GDestroyNotify) lookup_free,
                           (GDestroyNotify) wx_device_info_free, cancellable, callback, user_data);
}

WxDeviceInfo *
wx_db_device_lookup_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
engineers_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_engineers_load (conn, g_get_real_time () / G_USEC_PER_SEC, error);
  return *result != NULL;
}

void
wx_db_engineers_load_async (WxDbWorker *worker, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, engineers_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_engineers_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

#define G_LOG_DOMAIN "wx-db-visits"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-route-stop.h"
#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-calls.h"
#include "wx-db-visits.h"

/* ------------------------------------------------------------ helpers */

static char *
id_text (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

/* A time as a timestamptz parameter: ISO 8601 in UTC; NULL for 0. */
static char *
time_param (gint64 at)
{
  g_autoptr(GDateTime) t = at > 0 ? g_date_time_new_from_unix_utc (at) : NULL;

  return t ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* A given time, else the transaction's ("now" is a timestamptz input). */
/* Trimmed text, or NULL when there is none. */
static char *
text_or_null (const char *s)
{
  g_autofree char *t = g_strstrip (g_strdup (s ? s : ""));

  return *t ? g_steal_pointer (&t) : NULL;
}

static void
put (GHashTable *data, const char *key, const char *value)
{
  g_autofree char *t = text_or_null (value);

  if (t)
    g_hash_table_replace (data, g_strdup (key), g_steal_pointer (&t));
}

/* ------------------------------------------------------------ the visit's rows */

typedef struct {
  WxVisitInput    in;
  gint64          now;
  const char    **field;
  WxVisitResult  *result;
} VisitWrite;

/* What the checks need to know of the open visit: its booked time and its
 * arrival (from the order and its arrive event when no visit row has them). */
static gboolean
visit_facts (PGconn *conn, const char *order_id, WxVisitFacts *facts, GError **error)
{
  const char *params[] = { order_id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT coalesce(floor(extract(epoch FROM coalesce(v.appointment_at, o.appointment_at)))::bigint, 0),"
    "       coalesce(floor(extract(epoch FROM coalesce(v.arrived_at, CASE WHEN o.state = 'on_site' THEN"
    "         (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'arrive') END)))::bigint, 0)"
    "  FROM service_orders o LEFT JOIN visits v ON v.order_id = o.id AND v.outcome IS NULL"
    " WHERE o.id = $1::bigint", 1, params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    {
      facts->appointment_at = wx_db_get_int (res, 0, 0);
      facts->arrived_at = wx_db_get_int (res, 0, 1);
    }
  return TRUE;
}

static void
set_text (JsonObject *o, const char *key, const char *value)
{
  g_autofree char *t = text_or_null (value);

  if (t)
    json_object_set_string_member (o, key, t);
}

static void
set_time (JsonObject *o, const char *key, gint64 at)
{
  g_autofree char *t = time_param (at);

  if (t)
    json_object_set_string_member (o, key, t);
}

/* The step's records (wx_transition writes them): the trip's row and the
 * call the step made. */
static JsonObject *
visit_records (const WxVisitInput *in)
{
  JsonObject *records = json_object_new ();
  JsonObject *v;
  static const char *const ops[] = {
    [WX_VISIT_STEP_CONTACT] = "contact", [WX_VISIT_STEP_BOOK] = "book", [WX_VISIT_STEP_RUNNING_LATE] = "late",
    [WX_VISIT_STEP_ARRIVE] = "arrive", [WX_VISIT_STEP_OUTCOME] = "outcome", [WX_VISIT_STEP_DELIVER] = "deliver",
  };

  if (in->step == WX_VISIT_STEP_DELIVER && !in->delivering)
    return records;   /* accepted where it was fixed: that visit holds the signature */
  v = json_object_new ();
  json_object_set_string_member (v, "op", ops[in->step]);
  switch (in->step)
    {
    case WX_VISIT_STEP_CONTACT:
      set_text (v, "contact", in->contact);
      set_text (v, "phone", in->phone);
      break;
    case WX_VISIT_STEP_BOOK:
      set_time (v, "appointment_at", in->appointment_at);
      set_text (v, "address", in->address);
      set_text (v, "contact", in->contact);
      set_text (v, "phone", in->phone);
      break;
    case WX_VISIT_STEP_RUNNING_LATE:
      set_time (v, "appointment_at", in->appointment_at);
      set_text (v, "contact", in->contact);
      set_text (v, "phone", in->phone);
      break;
    case WX_VISIT_STEP_ARRIVE:
      set_time (v, "arrived_at", in->arrived_at);
      break;
    case WX_VISIT_STEP_OUTCOME:
      {
        JsonArray *accessories = json_array_new ();

        json_object_set_string_member (v, "outcome", wx_visit_outcome_to_code (in->outcome));
        set_time (v, "arrived_at", in->arrived_at);
        set_time (v, "left_at", in->left_at);
        json_object_set_boolean_member (v, "customer_signed", in->customer_signed);
        json_object_set_boolean_member (v, "copy_handed", in->copy_handed);
        set_text (v, "notes", in->note);
        set_text (v, "appearance", in->appearance);
        set_text (v, "parts_used", in->parts_used);
        for (guint i = 0; in->outcome == WX_VISIT_OUTCOME_TAKEN_BACK && in->accessories && in->accessories[i]; i++)
          {
            g_autofree char *t = text_or_null (in->accessories[i]);

            if (t)
              json_array_add_string_element (accessories, t);
          }
        json_object_set_array_member (v, "accessories", accessories);
      }
      break;
    case WX_VISIT_STEP_DELIVER:
    default:
      set_text (v, "contact", in->received_by);
      break;
    }
  json_object_set_object_member (records, "visit", v);
  if (in->step == WX_VISIT_STEP_CONTACT || in->step == WX_VISIT_STEP_RUNNING_LATE)
    {
      JsonObject *c = json_object_new ();

      set_text (c, "contact", in->contact);
      set_text (c, "phone", in->phone);
      set_text (c, "subject", wx_visit_step_label (in->step));
      set_text (c, "result", in->note);
      set_text (c, "answered_by", in->contact);
      if (in->step == WX_VISIT_STEP_RUNNING_LATE)
        set_time (c, "promised_reply_at", in->appointment_at);
      json_object_set_object_member (records, "call", c);
    }
  return records;
}

/* WxStepWriteFunc: core's check of the step against the trip so far (the
 * booked time, the arrival), before the step; it writes nothing. */
static gboolean
check_visit (PGconn *conn, gint64 order, gpointer user_data, GError **error)
{
  VisitWrite *w = user_data;
  g_autofree char *order_id = id_text (order);
  WxVisitFacts facts = { 0 };

  return visit_facts (conn, order_id, &facts, error) && wx_visit_check (&w->in, &facts, w->now, w->field, error);
}

/* The step's data: the event's payload and the order's columns it fills. */
static GHashTable *
step_data (const WxVisitInput *in)
{
  GHashTable *data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *appointment = time_param (in->appointment_at);
  g_autofree char *arrived = time_param (in->arrived_at);
  g_autofree char *left = time_param (in->left_at);

  switch (in->step)
    {
    case WX_VISIT_STEP_CONTACT:
      put (data, "contact", in->contact);
      put (data, "phone", in->phone);
      put (data, "note", in->note);
      break;
    case WX_VISIT_STEP_BOOK:
      put (data, "appointment_at", appointment);
      put (data, "address", in->address);
      put (data, "contact", in->contact);
      put (data, "phone", in->phone);
      put (data, "reason", in->note);   /* why outside opening hours, if it is */
      break;
    case WX_VISIT_STEP_RUNNING_LATE:
      put (data, "appointment_at", appointment);
      put (data, "note", in->note);
      put (data, "reason", in->note);
      put (data, "contact", in->contact);
      break;
    case WX_VISIT_STEP_ARRIVE:
      put (data, "arrived_at", arrived);
      put (data, "serial", in->serial);
      break;
    case WX_VISIT_STEP_OUTCOME:
      put (data, "outcome", wx_visit_outcome_to_code (in->outcome));
      put (data, "arrived_at", arrived);
      put (data, "left_at", left);
      switch (in->outcome)
        {
        case WX_VISIT_OUTCOME_FIXED:
          put (data, "repair_notes", in->repair_notes);
          put (data, "parts_used", in->parts_used);
          put (data, "old_parts", in->old_parts);
          put (data, "customer_signed", in->customer_signed ? "true" : "false");
          break;
        case WX_VISIT_OUTCOME_NEEDS_PARTS:
          put (data, "fault_analysis", in->findings);
          put (data, "parts_needed", in->parts_needed);
          if (in->suggested_price > 0)
            g_hash_table_replace (data, g_strdup ("suggested_price"), id_text (in->suggested_price));
          break;
        case WX_VISIT_OUTCOME_TAKEN_BACK:
          put (data, "appearance", in->appearance);
          put (data, "customer_signed", in->customer_signed ? "true" : "false");
          if (in->accessories && in->accessories[0])
            g_hash_table_replace (data, g_strdup ("accessories"), g_strjoinv (", ", in->accessories));
          break;
        case WX_VISIT_OUTCOME_CUSTOMER_ABSENT:
        default:
          put (data, "reason", in->note);
          break;
        }
      break;
    case WX_VISIT_STEP_DELIVER:
    default:
      put (data, "payment_status", in->payment_status);
      put (data, "picked_up_by", in->received_by);
      put (data, "pickup_signed", in->customer_signed ? "true" : "false");
      if (in->delivering)
        put (data, "accessories_checked", in->accessories_checked ? "true" : "false");
      break;
    }
  return data;
}

gboolean
wx_db_visit_step (PGconn              *conn,
                  const char          *number,
                  int                  version,
                  const WxVisitInput  *in,
                  WxVisitResult       *result,
                  const char         **field,
                  GError             **error)
{
  WxVisitResult local = { 0 };
  VisitWrite w = { *in, g_get_real_time () / G_USEC_PER_SEC, field, result ? result : &local };
  WxStepExtras extras = { 0 };
  g_autoptr(GHashTable) data = NULL;
  g_autoptr(JsonObject) records = NULL;

  memset (w.result, 0, sizeof *w.result);
  if (!wx_visit_check (in, NULL, w.now, field, error))
    return FALSE;
  /* Nobody answered: an attempt in the call log, the clock runs on. */
  if (in->step == WX_VISIT_STEP_CONTACT && !in->reached)
    {
      g_autoptr(WxOrderFacts) facts = wx_db_order_facts (conn, number, error);
      WxCallRecord call = {
        .direction = "outbound", .purpose = "appointment", .contact = in->contact, .phone = in->phone,
        .subject = wx_visit_step_label (in->step), .result = in->note, .reached = FALSE,
      };

      if (facts == NULL)
        return FALSE;
      call.order_id = facts->id;
      return wx_db_call_log (conn, &call, &w.result->call_id, error);
    }
  data = step_data (in);
  records = visit_records (in);
  extras.write = check_visit;
  extras.write_data = &w;
  extras.records = records;
  if (in->step == WX_VISIT_STEP_DELIVER)
    {
      extras.payment_amount = g_strcmp0 (in->payment_status, "paid") == 0 ? in->payment_amount : 0;
      extras.payment_method = in->payment_method;
      extras.accessories_returned = in->delivering;
    }
  if (!wx_db_order_step_full (conn, number, version, wx_visit_event (in->step, in->outcome, in->delivering),
                              data, &extras, &w.result->step, error))
    return FALSE;
  /* The trip's row and the call the step wrote. */
  {
    g_autofree char *order_id = id_text (w.result->step.order_id);
    const char *params[] = { order_id };
    g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT coalesce((SELECT max(id) FROM visits WHERE order_id = $1::bigint), 0),"
      "       coalesce((SELECT max(id) FROM calls WHERE order_id = $1::bigint AND purpose IN ('appointment', 'running_late')), 0)",
      1, params, error);

    if (res == NULL)
      return FALSE;
    w.result->visit_id = wx_db_get_int (res, 0, 0);
    if (in->step == WX_VISIT_STEP_CONTACT || in->step == WX_VISIT_STEP_RUNNING_LATE)
      w.result->call_id = wx_db_get_int (res, 0, 1);
  }
  return TRUE;
}

/* ------------------------------------------------------------ the route */

/* The visits booked in the shop's day of $2: the visit rows, and orders
 * booked from the board that have no open visit row yet. */
static const char route_sql[] =
  "WITH z AS (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz),"
  " day AS (SELECT date_trunc('day', to_timestamp($2::bigint) AT TIME ZONE z.tz) AS d, z.tz FROM z),"
  " span AS (SELECT d AT TIME ZONE tz AS start, (d + interval '1 day') AT TIME ZONE tz AS stop, tz FROM day),"
  " stops AS ("
  "   SELECT o.id, v.id AS visit_id, v.engineer, v.appointment_at AS at,"
  "          coalesce(nullif(v.address, ''), o.unit_address) AS address,"
  "          coalesce(nullif(v.contact, ''), o.contact_person) AS contact,"
  "          coalesce(v.phone, o.contact_mobile, o.contact_phone) AS phone,"
  "          v.late_notice_at IS NOT NULL AS late, v.arrived_at, v.left_at, coalesce(v.outcome, '') AS outcome"
  "     FROM visits v JOIN service_orders o ON o.id = v.order_id"
  "    WHERE v.appointment_at IS NOT NULL"
  "   UNION ALL"
  "   SELECT o.id, 0, o.engineer, o.appointment_at, o.unit_address, o.contact_person,"
  "          coalesce(o.contact_mobile, o.contact_phone), false, NULL, NULL, ''"
  "     FROM service_orders o"
  "    WHERE o.state IN ('appointment_booked', 'on_site') AND o.engineer IS NOT NULL AND o.appointment_at IS NOT NULL"
  "      AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.order_id = o.id AND x.outcome IS NULL))"
  " SELECT s.id, o.number, o.version, o.state, s.visit_id, s.engineer, coalesce(st.full_name, s.engineer::text),"
  "        floor(extract(epoch FROM s.at))::bigint, to_char(s.at AT TIME ZONE span.tz, 'HH24:MI'),"
  "        o.unit_name, s.address, s.contact, coalesce(s.phone, ''),"
  "        btrim(o.product_name || ' ' || o.model), o.reported_fault, s.late,"
  "        coalesce(floor(extract(epoch FROM s.arrived_at))::bigint, 0),"
  "        coalesce(floor(extract(epoch FROM s.left_at))::bigint, 0), s.outcome"
  "   FROM stops s CROSS JOIN span"
  "   JOIN service_orders o ON o.id = s.id"
  "   LEFT JOIN staff st ON st.role_name = s.engineer"
  "  WHERE s.at >= span.start AND s.at < span.stop AND o.state <> 'cancelled'"
  "    AND ($1::name IS NULL OR s.engineer = $1::name)"
  "  ORDER BY s.at, o.number";

GPtrArray *
wx_db_visit_route (PGconn      *conn,
                   const char  *engineer,
                   gint64       day,
                   GError     **error)
{
  g_autofree char *day_text = id_text (day);
  const char *params[] = { engineer, day_text };
  g_autoptr(PGresult) res = wx_db_query (conn, route_sql, 2, params, error);
  GPtrArray *stops;

  if (res == NULL)
    return NULL;
  stops = g_ptr_array_new_full (PQntuples (res), g_object_unref);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxRouteStopData d = { 0 };

      d.order_id = wx_db_get_int (res, i, 0);
      d.number = wx_db_dup_text (res, i, 1);
      d.version = (int) wx_db_get_int (res, i, 2);
      if (!wx_workflow_state_from_code (PQgetvalue (res, i, 3), &d.state))
        d.state = WX_ORDER_STATE_APPOINTMENT_BOOKED;
      d.visit_id = wx_db_get_int (res, i, 4);
      d.engineer = wx_db_dup_text (res, i, 5);
      d.engineer_name = wx_db_dup_text (res, i, 6);
      d.appointment_at = wx_db_get_int (res, i, 7);
      d.time_text = wx_db_dup_text (res, i, 8);
      d.unit_name = wx_db_dup_text (res, i, 9);
      d.address = wx_db_dup_text (res, i, 10);
      d.contact = wx_db_dup_text (res, i, 11);
      d.phone = wx_db_dup_text (res, i, 12);
      d.machine = wx_db_dup_text (res, i, 13);
      d.fault = wx_db_dup_text (res, i, 14);
      d.late = wx_db_get_bool (res, i, 15);
      d.arrived_at = wx_db_get_int (res, i, 16);
      d.left_at = wx_db_get_int (res, i, 17);
      d.outcome = wx_db_dup_text (res, i, 18);
      g_ptr_array_add (stops, wx_route_stop_new_take (&d));
    }
  return stops;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char          *number;
  int            version;
  WxVisitInput   in;
  GPtrArray     *strings;      /* what `in` points to */
  char         **accessories;
  const char    *field;        /* set by the worker: the field at fault */
} VisitJob;

static void
visit_job_clear (VisitJob *j)
{
  g_free (j->number);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_strfreev (j->accessories);
}

static void
visit_job_release (gpointer j)
{
  g_atomic_rc_box_release_full (j, (GDestroyNotify) visit_job_clear);
}

static gboolean
visit_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  VisitJob *j = data;
  WxVisitResult *r = g_new0 (WxVisitResult, 1);

  if (!wx_db_visit_step (conn, j->number, j->version, &j->in, r, &j->field, error))
    {
      g_free (r);
      return FALSE;
    }
  *result = r;
  return TRUE;
}

static void
visit_step_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  WxVisitResult *r = wx_db_worker_run_finish (WX_DB_WORKER (source), res, &error);

  if (r)
    g_task_return_pointer (task, r, g_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

void
wx_db_visit_step_async (WxDbWorker *worker, const char *number, int version, const WxVisitInput *in,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  VisitJob *j = g_atomic_rc_box_new0 (VisitJob);
  GTask *task;

  j->number = g_strdup (number);
  j->version = version;
  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->in = *in;
  j->in.contact = wx_db_keep_string (j->strings, in->contact);
  j->in.phone = wx_db_keep_string (j->strings, in->phone);
  j->in.note = wx_db_keep_string (j->strings, in->note);
  j->in.address = wx_db_keep_string (j->strings, in->address);
  j->in.serial = wx_db_keep_string (j->strings, in->serial);
  j->in.repair_notes = wx_db_keep_string (j->strings, in->repair_notes);
  j->in.parts_used = wx_db_keep_string (j->strings, in->parts_used);
  j->in.old_parts = wx_db_keep_string (j->strings, in->old_parts);
  j->in.findings = wx_db_keep_string (j->strings, in->findings);
  j->in.parts_needed = wx_db_keep_string (j->strings, in->parts_needed);
  j->in.appearance = wx_db_keep_string (j->strings, in->appearance);
  j->in.payment_status = wx_db_keep_string (j->strings, in->payment_status);
  j->in.payment_method = wx_db_keep_string (j->strings, in->payment_method);
  j->in.received_by = wx_db_keep_string (j->strings, in->received_by);
  j->accessories = g_strdupv (in->accessories);
  j->in.accessories = j->accessories;
  task = g_task_new (worker, cancellable, callback, user_data);
  g_task_set_source_tag (task, wx_db_visit_step_async);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (j), visit_job_release);
  wx_db_worker_run_async (worker, visit_job, j, visit_job_release, g_free, cancellable, visit_step_done, task);
}

WxVisitResult *
wx_db_visit_step_finish (WxDbWorker *worker, GAsyncResult *result, const char **field, GError **error)
{
  VisitJob *j;

  g_return_val_if_fail (g_task_is_valid (result, worker), NULL);
  j = g_task_get_task_data (G_TASK (result));
  if (field)
    *field = j->field;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
facts_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_order_facts (conn, data, error);
  return *result != NULL;
}

void
wx_db_visit_facts_async (WxDbWorker *worker, const char *number, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, facts_job, g_strdup (number), g_free, (GDestroyNotify) wx_order_facts_free,
                           cancellable, callback, user_data);
}

WxOrderFacts *
wx_db_visit_facts_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef struct {
  char   *engineer;
  gint64  day;
} RouteQuery;

static void
route_query_free (RouteQuery *q)
{
  g_free (q->engineer);
  g_free (q);
}

static gboolean
route_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  RouteQuery *q = data;

  *result = wx_db_visit_route (conn, q->engineer, q->day, error);
  return *result != NULL;
}

void
wx_db_visit_route_async (WxDbWorker *worker, const char *engineer, gint64 day, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  RouteQuery *q = g_new0 (RouteQuery, 1);

  q->engineer = g_strdup (engineer);
  q->day = day;
  wx_db_worker_read_async (worker, route_job, q, (GDestroyNotify) route_query_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wx_db_visit_route_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

#define G_LOG_DOMAIN "wx-db-calls"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-calls.h"

void
wx_call_free (WxCall *call)
{
  if (call == NULL)
    return;
  g_free (call->at_text);
  g_free (call->direction);
  g_free (call->purpose);
  g_free (call->order_number);
  g_free (call->unit_name);
  g_free (call->contact);
  g_free (call->phone);
  g_free (call->machine);
  g_free (call->subject);
  g_free (call->result);
  g_free (call->answered_by);
  g_free (call->relayed_to);
  g_free (call->actor);
  g_free (call->actor_name);
  g_free (call);
}

/* ------------------------------------------------------------ logging */

static void
member_text (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  if (value == 0)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

char *
wx_db_call_json (const WxCallRecord *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  member_text (b, "direction", c->direction);
  member_text (b, "purpose", c->purpose);
  member_int (b, "order_id", c->order_id);
  member_int (b, "customer_id", c->customer_id);
  member_text (b, "contact", c->contact);
  member_text (b, "phone", c->phone);
  member_text (b, "machine", c->machine);
  member_text (b, "subject", c->subject);
  member_text (b, "result", c->result);
  json_builder_set_member_name (b, "reached");
  json_builder_add_boolean_value (b, c->reached);
  member_text (b, "answered_by", c->answered_by);
  member_text (b, "relayed_to", c->relayed_to);
  member_text (b, "unit_name", c->unit_name);
  member_int (b, "at", c->at);
  member_int (b, "promised_reply_at", c->promised_reply_at);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
wx_db_call_submit (PGconn *conn, const char *form, gint64 *call_id, GError **error)
{
  const char *params[] = { form };
  g_autofree char *id = wx_db_query_value (conn, "SELECT wx_call_log($1::jsonb)", 1, params, error);

  if (id == NULL)
    return FALSE;
  if (call_id)
    *call_id = g_ascii_strtoll (id, NULL, 10);
  return TRUE;
}

/* Checked in core first to answer sooner; wx_call_log (data/sql/functions/
 * calls.sql) checks the same, numbers the attempt per order and purpose
 * (the calls_attempt trigger) and records the staff login. */
gboolean
wx_db_call_insert (PGconn *conn, const WxCallRecord *c, gint64 *call_id, GError **error)
{
  g_autofree char *form = NULL;

  if (!wx_call_record_check (c, NULL, error))
    return FALSE;
  form = wx_db_call_json (c);
  return wx_db_call_submit (conn, form, call_id, error);
}

gboolean
wx_db_call_log (PGconn              *conn,
                const WxCallRecord  *call,
                gint64              *call_id,
                GError             **error)
{
  if (!wx_call_record_check (call, NULL, error) || !wx_db_begin (conn, error))
    return FALSE;
  if (!wx_db_call_insert (conn, call, call_id, error))
    {
      wx_db_rollback (conn);
      return FALSE;
    }
  return wx_db_commit (conn, error);
}

gboolean
wx_db_notify_no_answer (PGconn   *conn,
                        gint64    order_id,
                        gint64   *call_id,
                        GError  **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT contact_person, coalesce(contact_mobile, contact_phone, '') FROM service_orders WHERE id = $1::bigint",
    1, params, error);
  WxCallRecord call = {
    .direction = "outbound", .purpose = "notify_pickup", .order_id = order_id,
    .result = _("No answer; call again tomorrow."), .reached = FALSE,
  };

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    {
      call.contact = PQgetvalue (res, 0, 0);
      call.phone = PQgetvalue (res, 0, 1);
    }
  return wx_db_call_log (conn, &call, call_id, error);
}

static gboolean
no_answer_job (PGconn    *conn,
               gpointer   data,
               gpointer  *result,
               GError   **error)
{
  *result = GINT_TO_POINTER (1);
  return wx_db_notify_no_answer (conn, *(gint64 *) data, NULL, error);
}

void
wx_db_notify_no_answer_async (WxDbWorker          *worker,
                              gint64               order_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  wx_db_worker_run_async (worker, no_answer_job, g_memdup2 (&order_id, sizeof order_id), g_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
wx_db_notify_no_answer_finish (WxDbWorker    *worker,
                               GAsyncResult  *result,
                               GError       **error)
{
  return wx_db_worker_run_finish (worker, result, error) != NULL;
}

/* ------------------------------------------------------------ reading */

#define CALL_SELECT \
  "SELECT c.id, floor(extract(epoch FROM c.at))::bigint, to_char(c.at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI')," \
  "       c.direction, c.purpose, coalesce(c.customer_id, 0), coalesce(c.order_id, 0), coalesce(o.number, '')," \
  "       coalesce(nullif(c.unit_name, ''), o.unit_name, cu.unit_name, ''), c.contact, coalesce(c.phone, ''), c.machine, c.subject," \
  "       c.result, c.reached, c.answered_by, c.relayed_to," \
  "       coalesce(floor(extract(epoch FROM c.promised_reply_at))::bigint, 0), c.attempt, c.actor," \
  "       coalesce(s.full_name, c.actor)" \
  "  FROM calls c CROSS JOIN (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz) z" \
  "  LEFT JOIN service_orders o ON o.id = c.order_id" \
  "  LEFT JOIN customers cu ON cu.id = c.customer_id" \
  "  LEFT JOIN staff s ON s.role_name = c.actor"

static GPtrArray *
calls_query (PGconn *conn, const char *sql, int n_params, const char * const *params, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn, sql, n_params, params, error);
  GPtrArray *calls;

  if (res == NULL)
    return NULL;
  calls = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) wx_call_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxCall *c = g_new0 (WxCall, 1);

      c->id = wx_db_get_int (res, i, 0);
      c->at = wx_db_get_int (res, i, 1);
      c->at_text = wx_db_dup_text (res, i, 2);
      c->direction = wx_db_dup_text (res, i, 3);
      c->purpose = wx_db_dup_text (res, i, 4);
      c->customer_id = wx_db_get_int (res, i, 5);
      c->order_id = wx_db_get_int (res, i, 6);
      c->order_number = wx_db_dup_text (res, i, 7);
      c->unit_name = wx_db_dup_text (res, i, 8);
      c->contact = wx_db_dup_text (res, i, 9);
      c->phone = wx_db_dup_text (res, i, 10);
      c->machine = wx_db_dup_text (res, i, 11);
      c->subject = wx_db_dup_text (res, i, 12);
      c->result = wx_db_dup_text (res, i, 13);
      c->reached = wx_db_get_bool (res, i, 14);
      c->answered_by = wx_db_dup_text (res, i, 15);
      c->relayed_to = wx_db_dup_text (res, i, 16);
      c->promised_reply_at = wx_db_get_int (res, i, 17);
      c->attempt = (guint) wx_db_get_int (res, i, 18);
      c->actor = wx_db_dup_text (res, i, 19);
      c->actor_name = wx_db_dup_text (res, i, 20);
      g_ptr_array_add (calls, c);
    }
  return calls;
}

GPtrArray *
wx_db_calls_list (PGconn   *conn,
                  gint64    from,
                  gint64    to,
                  GError  **error)
{
  g_autofree char *from_text = g_strdup_printf ("%" G_GINT64_FORMAT, from);
  g_autofree char *to_text = g_strdup_printf ("%" G_GINT64_FORMAT, to);
  const char *params[] = { from_text, to_text };

  return calls_query (conn, CALL_SELECT
    " WHERE c.at >= to_timestamp($1::bigint) AND c.at < to_timestamp($2::bigint) ORDER BY c.at, c.id",
    2, params, error);
}

GPtrArray *
wx_db_calls_of_order (PGconn   *conn,
                      gint64    order_id,
                      GError  **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  const char *params[] = { id };

  return calls_query (conn, CALL_SELECT " WHERE c.order_id = $1::bigint ORDER BY c.at, c.id", 1, params, error);
}

/* ------------------------------------------------------------ to notify */

void
wx_notify_pending_free (WxNotifyPending *p)
{
  if (p == NULL)
    return;
  g_free (p->number);
  g_free (p->unit_name);
  g_free (p->contact);
  g_free (p->phone);
  g_free (p->end_user);
  g_free (p->end_user_phone);
  g_free (p->product);
  g_free (p->model);
  g_free (p);
}

static const char pending_sql[] =
  "WITH z AS (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz),"
  " day AS (SELECT date_trunc('day', to_timestamp($1::bigint) AT TIME ZONE z.tz) AS local, z.tz FROM z),"
  " today AS (SELECT local AT TIME ZONE tz AS start, (local + interval '1 day') AT TIME ZONE tz AS stop FROM day),"
  " ready AS (SELECT o.*, (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.to_state = o.state)"
  "                         AS ready_at"
  "             FROM service_orders o WHERE o.state IN ('repaired', 'declined')),"
  " tried AS (SELECT c.order_id, count(*) AS n, max(c.at) AS last, bool_or(c.reached) AS reached,"
  "                  bool_or(NOT c.reached AND c.at >= today.start AND c.at < today.stop) AS unanswered_today"
  "             FROM calls c, today"
  "            WHERE c.purpose = 'notify_pickup' AND c.order_id IN (SELECT id FROM ready)"
  "            GROUP BY c.order_id)"
  " SELECT r.id, r.number, r.version, r.state, r.unit_name, r.contact_person,"
  "        coalesce(r.contact_mobile, r.contact_phone, ''), r.end_user, coalesce(r.end_user_phone, ''),"
  "        r.product_name, r.model, floor(extract(epoch FROM coalesce(r.ready_at, r.updated_at)))::bigint,"
  "        coalesce(t.n, 0), coalesce(floor(extract(epoch FROM t.last))::bigint, 0)"
  "   FROM ready r LEFT JOIN tried t ON t.order_id = r.id"
  "  WHERE NOT coalesce(t.reached, false) AND NOT coalesce(t.unanswered_today, false)"
  "  ORDER BY coalesce(r.ready_at, r.updated_at), r.id";

GPtrArray *
wx_db_notify_pending (PGconn   *conn,
                      gint64    now,
                      GError  **error)
{
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const char *params[] = { now_text };
  g_autoptr(PGresult) res = wx_db_query (conn, pending_sql, 1, params, error);
  GPtrArray *pending;

  if (res == NULL)
    return NULL;
  pending = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) wx_notify_pending_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxNotifyPending *p = g_new0 (WxNotifyPending, 1);

      p->id = wx_db_get_int (res, i, 0);
      p->number = wx_db_dup_text (res, i, 1);
      p->version = (int) wx_db_get_int (res, i, 2);
      p->state = WX_ORDER_STATE_REPAIRED;
      wx_workflow_state_from_code (PQgetvalue (res, i, 3), &p->state);
      p->unit_name = wx_db_dup_text (res, i, 4);
      p->contact = wx_db_dup_text (res, i, 5);
      p->phone = wx_db_dup_text (res, i, 6);
      p->end_user = wx_db_dup_text (res, i, 7);
      p->end_user_phone = wx_db_dup_text (res, i, 8);
      p->product = wx_db_dup_text (res, i, 9);
      p->model = wx_db_dup_text (res, i, 10);
      p->ready_at = wx_db_get_int (res, i, 11);
      p->attempts = (guint) wx_db_get_int (res, i, 12);
      p->last_attempt_at = wx_db_get_int (res, i, 13);
      g_ptr_array_add (pending, p);
    }
  return pending;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  WxCallRecord  call;
  char         *order;      /* the number typed, "" = none */
  GPtrArray    *strings;    /* what the record's strings point into */
} LogJob;

static void
log_job_free (LogJob *j)
{
  g_free (j->order);
  g_ptr_array_unref (j->strings);
  g_free (j);
}

static gboolean
log_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  LogJob *j = data;
  gint64 *id = g_new0 (gint64, 1);

  if (*j->order)
    {
      const char *params[] = { j->order };
      g_autofree char *order_id = wx_db_query_value (conn, "SELECT id FROM service_orders WHERE number = $1",
                                                     1, params, error);
      if (order_id == NULL)
        {
          if (error && *error == NULL)
            g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no service order %s."), j->order);
          g_free (id);
          return FALSE;
        }
      j->call.order_id = g_ascii_strtoll (order_id, NULL, 10);
    }
  if (!wx_db_call_log (conn, &j->call, id, error))
    {
      g_free (id);
      return FALSE;
    }
  *result = id;
  return TRUE;
}

void
wx_db_call_log_async (WxDbWorker *worker, const WxCallRecord *call, const char *order_number,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  LogJob *j = g_new0 (LogJob, 1);

  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->call = *call;
  j->call.direction = wx_db_keep_string (j->strings, call->direction);
  j->call.purpose = wx_db_keep_string (j->strings, call->purpose);
  j->call.contact = wx_db_keep_string (j->strings, call->contact);
  j->call.phone = wx_db_keep_string (j->strings, call->phone);
  j->call.machine = wx_db_keep_string (j->strings, call->machine);
  j->call.subject = wx_db_keep_string (j->strings, call->subject);
  j->call.result = wx_db_keep_string (j->strings, call->result);
  j->call.answered_by = wx_db_keep_string (j->strings, call->answered_by);
  j->call.relayed_to = wx_db_keep_string (j->strings, call->relayed_to);
  j->call.unit_name = wx_db_keep_string (j->strings, call->unit_name);
  j->order = g_strdup (order_number ? order_number : "");
  wx_db_worker_run_async (worker, log_job, j, (GDestroyNotify) log_job_free, g_free,
                          cancellable, callback, user_data);
}

gint64
wx_db_call_log_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *id = wx_db_worker_run_finish (worker, result, error);

  return id ? *id : 0;
}

void
wx_db_call_day_free (WxDbCallDay *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->calls, g_ptr_array_unref);
  g_clear_pointer (&l->pending, g_ptr_array_unref);
  g_clear_pointer (&l->zone, g_time_zone_unref);
  g_free (l);
}

typedef struct {
  int     days;
  gint64  now;
} DayQuery;

static gboolean
call_day_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  DayQuery *q = data;
  g_autofree char *zone_name = wx_db_setting (conn, "timezone", "Asia/Shanghai", error);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) next = NULL;
  WxDbCallDay *l;

  if (zone_name == NULL)
    return FALSE;
  l = g_new0 (WxDbCallDay, 1);
  l->zone = g_time_zone_new_identifier (zone_name);
  if (l->zone == NULL)
    l->zone = g_time_zone_new_identifier ("Asia/Shanghai");
  now = g_date_time_new_from_unix_utc (q->now);
  midnight = g_date_time_to_timezone (now, l->zone);
  day = g_date_time_new (l->zone, g_date_time_get_year (midnight), g_date_time_get_month (midnight),
                         g_date_time_get_day_of_month (midnight), 0, 0, 0);
  g_clear_pointer (&midnight, g_date_time_unref);
  midnight = g_date_time_add_days (day, q->days);
  /* The next local midnight, not 24 hours later: a day may have 23 or 25. */
  next = g_date_time_add_days (midnight, 1);
  l->day_start = g_date_time_to_unix (midnight);
  l->calls = wx_db_calls_list (conn, l->day_start, g_date_time_to_unix (next), error);
  l->pending = l->calls ? wx_db_notify_pending (conn, q->now, error) : NULL;
  if (l->pending == NULL)
    {
      wx_db_call_day_free (l);
      return FALSE;
    }
  *result = l;
  return TRUE;
}

void
wx_db_call_day_async (WxDbWorker *worker, int days, gint64 now, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  DayQuery *q = g_new0 (DayQuery, 1);

  *q = (DayQuery) { days, now };
  wx_db_worker_read_async (worker, call_day_job, q, g_free, (GDestroyNotify) wx_db_call_day_free,
                           cancellable, callback, user_data);
}

WxDbCallDay *
wx_db_call_day_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

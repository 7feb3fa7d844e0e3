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
static char *
time_or_now (gint64 at)
{
  return at > 0 ? time_param (at) : g_strdup ("now");
}

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

static char *
json_strings (char **items)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; items && items[i]; i++)
    {
      g_autofree char *t = text_or_null (items[i]);
      if (t)
        json_builder_add_string_value (b, t);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
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

/* The order's open visit, made when there is none (a visit booked from the
 * board has only the order's appointment), with what this step adds. */
static gboolean
open_visit (PGconn     *conn,
            const char *order_id,
            const char *contacted,
            const char *appointment,
            const char *address,
            const char *contact,
            const char *phone,
            const char *late_notice,
            const char *arrived,
            gint64     *visit_id,
            GError    **error)
{
  const char *params[] = { order_id, contacted, appointment, address, contact, phone, late_notice, arrived };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "INSERT INTO visits AS v (order_id, engineer, contacted_at, appointment_at, address, contact, phone,"
    "                         late_notice_at, arrived_at)"
    " SELECT o.id, coalesce(o.engineer, current_user), $2::timestamptz, coalesce($3::timestamptz, o.appointment_at),"
    "        coalesce($4, o.unit_address), coalesce($5, o.contact_person),"
    "        coalesce($6, o.contact_mobile, o.contact_phone), $7::timestamptz,"
    "        coalesce($8::timestamptz, CASE WHEN o.state = 'on_site' THEN"
    "          (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'arrive') END)"
    "   FROM service_orders o WHERE o.id = $1::bigint"
    " ON CONFLICT (order_id) WHERE outcome IS NULL DO UPDATE SET"
    "   contacted_at = coalesce(v.contacted_at, excluded.contacted_at),"
    "   appointment_at = coalesce($3::timestamptz, v.appointment_at),"
    "   address = coalesce($4, v.address), contact = coalesce($5, v.contact), phone = coalesce($6, v.phone),"
    "   late_notice_at = coalesce($7::timestamptz, v.late_notice_at),"
    "   arrived_at = coalesce($8::timestamptz, v.arrived_at)"
    " RETURNING v.id", G_N_ELEMENTS (params), params, error);

  if (res == NULL)
    return FALSE;
  *visit_id = wx_db_get_int (res, 0, 0);
  return TRUE;
}

/* The call a step makes: the engineer's to the customer. */
static gboolean
log_call (PGconn *conn, gint64 order_id, const WxVisitInput *in, const char *purpose,
          gint64 promised, gint64 *call_id, GError **error)
{
  WxCallRecord call = {
    .direction = "outbound", .purpose = purpose, .order_id = order_id,
    .contact = in->contact, .phone = in->phone, .subject = wx_visit_step_label (in->step),
    .result = in->note, .reached = in->reached, .answered_by = in->reached ? in->contact : NULL,
    .promised_reply_at = promised,
  };

  return wx_db_call_insert (conn, &call, call_id, error);
}

static gboolean
close_visit (PGconn *conn, const char *order_id, gint64 visit_id, const WxVisitInput *in, GError **error)
{
  g_autofree char *visit = id_text (visit_id);
  g_autofree char *left = time_or_now (in->left_at);
  g_autofree char *arrived = time_param (in->arrived_at);
  g_autofree char *note = text_or_null (in->note);
  g_autofree char *appearance = text_or_null (in->appearance);
  g_autofree char *parts = text_or_null (in->parts_used);
  g_autofree char *accessories = json_strings (in->accessories);
  gboolean taken_back = in->outcome == WX_VISIT_OUTCOME_TAKEN_BACK;
  const char *params[] = {
    visit, wx_visit_outcome_to_code (in->outcome), left, arrived,
    in->customer_signed ? "true" : "false", note, appearance, parts, in->copy_handed ? "true" : "false",
  };
  const char *acc_params[] = { order_id, accessories };

  if (!wx_db_execute (conn,
        "UPDATE visits SET outcome = $2, left_at = $3::timestamptz, arrived_at = coalesce($4::timestamptz, arrived_at),"
        "       customer_signed = $5::boolean, notes = coalesce($6, notes), appearance = coalesce($7, appearance),"
        "       parts_used = coalesce($8, parts_used), copy_handed = $9::boolean"
        " WHERE id = $1::bigint", G_N_ELEMENTS (params), params, error))
    return FALSE;
  /* The accessories taken with the machine, labelled after any already listed. */
  return !taken_back || wx_db_execute (conn,
    "INSERT INTO order_accessories (order_id, position, name)"
    " SELECT $1::bigint, coalesce((SELECT max(position) FROM order_accessories WHERE order_id = $1::bigint), 0) + a.n, a.name"
    "   FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS a (name, n)", 2, acc_params, error);
}

/* WxStepWriteFunc: inside the step's transaction, before the order moves. */
static gboolean
write_visit (PGconn *conn, gint64 order, gpointer user_data, GError **error)
{
  VisitWrite *w = user_data;
  const WxVisitInput *in = &w->in;
  g_autofree char *order_id = id_text (order);
  g_autofree char *appointment = time_param (in->appointment_at);
  g_autofree char *address = text_or_null (in->address);
  g_autofree char *contact = text_or_null (in->contact);
  g_autofree char *phone = text_or_null (in->phone);
  g_autofree char *arrived = NULL;
  WxVisitFacts facts = { 0 };
  gint64 *visit_id = &w->result->visit_id;

  if (!visit_facts (conn, order_id, &facts, error) || !wx_visit_check (in, &facts, w->now, w->field, error))
    return FALSE;
  switch (in->step)
    {
    case WX_VISIT_STEP_CONTACT:
      return log_call (conn, order, in, "appointment", 0, &w->result->call_id, error) &&
             open_visit (conn, order_id, "now", NULL, NULL, contact, phone, NULL, NULL, visit_id, error);
    case WX_VISIT_STEP_BOOK:
      return open_visit (conn, order_id, NULL, appointment, address, contact, phone, NULL, NULL, visit_id, error);
    case WX_VISIT_STEP_RUNNING_LATE:
      return log_call (conn, order, in, "running_late", in->appointment_at, &w->result->call_id, error) &&
             open_visit (conn, order_id, NULL, appointment, NULL, contact, phone, "now", NULL, visit_id, error);
    case WX_VISIT_STEP_ARRIVE:
      arrived = time_or_now (in->arrived_at);
      return open_visit (conn, order_id, NULL, NULL, NULL, NULL, NULL, NULL, arrived, visit_id, error);
    case WX_VISIT_STEP_OUTCOME:
      arrived = time_param (in->arrived_at);
      return open_visit (conn, order_id, NULL, NULL, NULL, NULL, NULL, NULL, arrived, visit_id, error) &&
             close_visit (conn, order_id, *visit_id, in, error);
    case WX_VISIT_STEP_DELIVER:
    default:
      {
        g_autofree char *received_by = text_or_null (in->received_by);
        const char *params[] = { order_id, received_by };
        g_autoptr(PGresult) res = NULL;

        if (!in->delivering)
          return TRUE;   /* accepted where it was fixed: that visit holds the signature */
        res = wx_db_query (conn,
          "INSERT INTO visits (order_id, address, contact, phone, arrived_at, left_at, outcome, customer_signed)"
          " SELECT o.id, o.unit_address, $2, coalesce(o.contact_mobile, o.contact_phone), now(), now(), 'delivered', true"
          "   FROM service_orders o WHERE o.id = $1::bigint RETURNING id", 2, params, error);
        if (res == NULL)
          return FALSE;
        *visit_id = wx_db_get_int (res, 0, 0);
        return TRUE;
      }
    }
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
  extras.write = write_visit;
  extras.write_data = &w;
  if (in->step == WX_VISIT_STEP_DELIVER)
    {
      extras.payment_amount = g_strcmp0 (in->payment_status, "paid") == 0 ? in->payment_amount : 0;
      extras.payment_method = in->payment_method;
      extras.accessories_returned = in->delivering;
    }
  return wx_db_order_step_full (conn, number, version, wx_visit_event (in->step, in->outcome, in->delivering),
                                data, &extras, &w.result->step, error);
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

#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "wx-db.h"
#include "core/wx-workflow.h"
#include "wx-db-review.h"

/* ------------------------------------------------------------ the queue */

void
wx_review_queue_item_free (WxReviewQueueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->number);
  g_free (item->unit_name);
  g_free (item->machine);
  g_free (item->engineer);
  g_free (item->engineer_name);
  g_free (item->returned_to);
  g_free (item->entered_text);
  g_free (item->due_text);
  g_free (item);
}

static int
by_due (gconstpointer a, gconstpointer b)
{
  const WxReviewQueueItem *x = *(WxReviewQueueItem **) a;
  const WxReviewQueueItem *y = *(WxReviewQueueItem **) b;

  if (x->review_due != y->review_due)
    return x->review_due < y->review_due ? -1 : 1;
  return g_strcmp0 (x->number, y->number);
}

GPtrArray *
wx_db_review_queue_load (PGconn *conn, gint64 now, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.id, o.number, o.version, o.kind, o.unit_name, btrim(o.product_name || ' ' || o.model),"
    "       coalesce(o.engineer, ''), coalesce(s.full_name, o.engineer, ''),"
    "       floor(date_part('epoch', coalesce(o.entered_at, o.updated_at)))::bigint,"
    "       floor(date_part('epoch', o.received_at))::bigint,"
    "       r.outcome = 'returned', coalesce(rs.full_name, r.returned_to::text),"
    "       EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.event = 'review_answered'"
    "                  AND e.payload ->> 'review' = r.id::text)"
    "  FROM service_orders o"
    "  LEFT JOIN staff s ON s.role_name = o.engineer"
    "  LEFT JOIN LATERAL (SELECT x.id, x.outcome, x.returned_to FROM order_reviews x WHERE x.order_id = o.id"
    "                      ORDER BY x.at DESC, x.id DESC LIMIT 1) r ON true"
    "  LEFT JOIN staff rs ON rs.role_name = r.returned_to"
    " WHERE o.state = 'entered' AND o.reviewed_at IS NULL", 0, NULL, error);
  g_autoptr(GPtrArray) items = NULL;
  WxSlaRules rules = { 0 };
  gint64 earliest = now;

  if (res == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_review_queue_item_free);
  for (int i = 0; i < PQntuples (res); i++)
    earliest = MIN (earliest, wx_db_get_int (res, i, 8));
  if (PQntuples (res) > 0 && !wx_db_sla_rules_load_for (conn, earliest, now, &rules, error))
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxReviewQueueItem *item = g_new0 (WxReviewQueueItem, 1);
      gint64 received = wx_db_get_int (res, i, 9);
      gint64 target;

      item->order_id = wx_db_get_int (res, i, 0);
      item->number = wx_db_dup_text (res, i, 1);
      item->version = (int) wx_db_get_int (res, i, 2);
      wx_order_kind_from_code (PQgetvalue (res, i, 3), &item->kind);
      item->unit_name = wx_db_dup_text (res, i, 4);
      item->machine = wx_db_dup_text (res, i, 5);
      item->engineer = wx_db_dup_text (res, i, 6);
      item->engineer_name = wx_db_dup_text (res, i, 7);
      item->entered_at = wx_db_get_int (res, i, 8);
      item->review_due = wx_sla_due (&rules, WX_CLOCK_REVIEW, received, item->entered_at, FALSE, FALSE);
      target = wx_sla_due (&rules, WX_CLOCK_REVIEW, received, item->entered_at, FALSE, TRUE);
      item->clock = now >= item->review_due ? WX_CLOCK_STATUS_RED
                  : now >= target ? WX_CLOCK_STATUS_AMBER : WX_CLOCK_STATUS_RUNNING;
      item->minutes_left = item->review_due >= now
        ? wx_timeline_minutes_between (rules.timeline, now, item->review_due)
        : -wx_timeline_minutes_between (rules.timeline, item->review_due, now);
      item->entered_text = wx_calendar_format_instant (wx_timeline_get_calendar (rules.timeline), item->entered_at);
      item->due_text = wx_calendar_format_instant (wx_timeline_get_calendar (rules.timeline), item->review_due);
      if (wx_db_get_bool (res, i, 10))
        {
          item->returned_to = wx_db_dup_text (res, i, 11);
          item->answered = wx_db_get_bool (res, i, 12);
        }
      g_ptr_array_add (items, item);
    }
  wx_sla_rules_clear (&rules);
  g_ptr_array_sort (items, by_due);
  return g_steal_pointer (&items);
}

/* ------------------------------------------------------------ one order */

void
wx_review_order_free (WxReviewOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->number);
  g_free (order->unit_name);
  g_free (order->machine);
  g_clear_pointer (&order->review, wx_review_free);
  g_clear_pointer (&order->people, g_hash_table_unref);
  g_clear_pointer (&order->open_return, wx_review_open_return_free);
  g_free (order);
}

/* login → full name from a JSON object (json_object_agg). */
static GHashTable *
people_from_json (const char *json)
{
  GHashTable *people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json && *json && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *m = members; m; m = m->next)
        g_hash_table_insert (people, g_strdup (m->data),
                             g_strdup (json_object_get_string_member (o, m->data)));
    }
  return people;
}

/* Parts requested (draft quote lines of parts, part orders) and used (net
 * of the stock's issues, returns and consumption), merged. */
static gboolean
load_parts (PGconn *conn, const char *order_id, GStringChunk *strings,
            GArray *requested, GArray *used, GError **error)
{
  const char *params[] = { order_id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT 'r', coalesce(q.part_id, 0), q.part_number, q.description::text, q.quantity, q.position, 0"
    "  FROM quote_lines q WHERE q.order_id = $1 AND q.kind = 'part'"
    " UNION ALL "
    "SELECT 'r', coalesce(p.part_id, 0), coalesce(c.part_number, ''), p.description::text, p.quantity, 1000, p.id"
    "  FROM part_orders p LEFT JOIN parts c ON c.id = p.part_id WHERE p.order_id = $1"
    " UNION ALL "
    "SELECT 'u', m.part_id, c.part_number, c.name::text, -sum(m.quantity)::integer, 0, m.part_id"
    "  FROM stock_movements m JOIN parts c ON c.id = m.part_id"
    " WHERE m.order_id = $1 AND m.kind IN ('issue', 'return', 'consume')"
    " GROUP BY m.part_id, c.part_number, c.name HAVING sum(m.quantity) < 0"
    " ORDER BY 1, 6, 7", 1, params, error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxReviewPart p = {
        .part_id = wx_db_get_int (res, i, 1),
        .part_number = g_string_chunk_insert_const (strings, PQgetvalue (res, i, 2)),
        .name = g_string_chunk_insert_const (strings, PQgetvalue (res, i, 3)),
        .quantity = (int) wx_db_get_int (res, i, 4),
      };
      GArray *list = PQgetvalue (res, i, 0)[0] == 'r' ? requested : used;
      gboolean seen = FALSE;

      /* A part on the quote and also ordered is one part requested. */
      for (guint k = 0; k < list->len && !seen; k++)
        {
          const WxReviewPart *q = &g_array_index (list, WxReviewPart, k);
          seen = (p.part_id && p.part_id == q->part_id)
              || (*p.part_number && g_str_equal (p.part_number, q->part_number))
              || g_str_equal (p.name, q->name);
        }
      if (!seen)
        g_array_append_val (list, p);
    }
  return TRUE;
}

static const char *
text_or_null (PGresult *res, int col)
{
  return PQgetisnull (res, 0, col) ? NULL : PQgetvalue (res, 0, col);
}

WxReviewOrder *
wx_db_review_order_load (PGconn *conn, const char *number, GError **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.id, o.number, o.version, o.kind, o.state, o.unit_name, btrim(o.product_name || ' ' || o.model),"
    "       o.reviewed_at IS NOT NULL, o.received_by, o.owner_role, o.engineer, o.inspected_by, o.repaired_by,"
    "       coalesce(floor(date_part('epoch', o.repaired_at))::bigint, 0),"
    "       o.fault_analysis, o.repair_notes, o.appearance_check, o.accessories_checked,"
    "       o.customer_signed, o.pickup_signed,"
    "       coalesce((SELECT string_agg(a.name, ', ' ORDER BY a.position) FROM order_accessories a"
    "                  WHERE a.order_id = o.id), ''),"
    "       (SELECT e.actor FROM order_events e WHERE e.order_id = o.id AND e.event IN ('pickup', 'deliver', 'accept')"
    "         ORDER BY e.at DESC, e.id DESC LIMIT 1),"
    "       (SELECT json_object_agg(s.role_name, s.full_name) FROM staff s WHERE s.active)"
    "  FROM service_orders o WHERE o.number = $1", 1, params, error);
  g_autoptr(WxSlaOrderSet) set = NULL;
  g_autoptr(WxReviewOrder) order = NULL;
  g_autoptr(GArray) requested = g_array_new (FALSE, FALSE, sizeof (WxReviewPart));
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (WxReviewPart));
  GStringChunk *strings = NULL;
  WxSlaRules rules = { 0 };
  WxReviewFacts facts = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no service order %s."), number);
      return NULL;
    }
  order = g_new0 (WxReviewOrder, 1);
  order->order_id = wx_db_get_int (res, 0, 0);
  order->number = wx_db_dup_text (res, 0, 1);
  order->version = (int) wx_db_get_int (res, 0, 2);
  wx_order_kind_from_code (PQgetvalue (res, 0, 3), &order->kind);
  wx_workflow_state_from_code (PQgetvalue (res, 0, 4), &order->state);
  order->unit_name = wx_db_dup_text (res, 0, 5);
  order->machine = wx_db_dup_text (res, 0, 6);
  order->reviewed = wx_db_get_bool (res, 0, 7);
  order->people = people_from_json (PQgetvalue (res, 0, 22));
  if (order->state == WX_ORDER_STATE_ENTERED && !order->reviewed)
    {
      GError *local = NULL;

      order->open_return = wx_db_review_open_return (conn, order->order_id, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }

  set = wx_db_sla_orders_load (conn, number, error);
  if (set == NULL || !wx_db_sla_rules_load_for (conn, set->earliest, now, &rules, error))
    return NULL;
  strings = g_string_chunk_new (512);
  ok = load_parts (conn, PQgetvalue (res, 0, 0), strings, requested, used, error);
  if (ok)
    {
      facts = (WxReviewFacts) {
        .kind = order->kind,
        .repaired_at = wx_db_get_int (res, 0, 13),
        .received_by = text_or_null (res, 8),
        .owner = text_or_null (res, 9),
        .engineer = text_or_null (res, 10),
        .inspected_by = text_or_null (res, 11),
        .repaired_by = text_or_null (res, 12),
        .fault_analysis = text_or_null (res, 14),
        .repair_notes = text_or_null (res, 15),
        .appearance_check = text_or_null (res, 16),
        .accessories_checked = wx_db_get_bool (res, 0, 17),
        .customer_signed = wx_db_get_bool (res, 0, 18),
        .pickup_signed = wx_db_get_bool (res, 0, 19),
        .accessories = text_or_null (res, 20),
        .handed_over_by = text_or_null (res, 21),
        .requested = requested,
        .used = used,
        .names = order->people,
      };
      if (set->orders->len > 0)
        {
          const WxSlaOrder *o = &g_array_index (set->orders, WxSlaOrder, 0);
          facts.events = &g_array_index (set->events, WxSlaEvent, o->first_event);
          facts.n_events = o->n_events;
        }
      order->review = wx_review_evaluate (&rules, &facts);
    }
  g_string_chunk_free (strings);
  wx_sla_rules_clear (&rules);
  return ok ? g_steal_pointer (&order) : NULL;
}

/* ------------------------------------------------------------ pass and return */

/* The order with its checklist evaluated afresh, and the version to write
 * from: `expected_version`, or the one just read (-1). */
static WxReviewOrder *
load_for_review (PGconn *conn, const char *number, int expected_version, char **version, GError **error)
{
  WxReviewOrder *order = wx_db_review_order_load (conn, number, error);

  if (order)
    *version = g_strdup_printf ("%d", expected_version >= 0 ? expected_version : order->version);
  return order;
}

/* Passes `order` (its checklist as evaluated) through wx_review_pass, or
 * wx_review_pass_clean for the bulk pass (`clean`). */
static gboolean
pass_order (PGconn *conn, const WxReviewOrder *order, const char *version, gboolean clean,
            WxTransitionResult *result, GError **error)
{
  g_autofree char *checks = wx_review_to_json (order->review);
  const char *sql = clean
    ? "SELECT order_id, new_version, new_state, event_id FROM wx_review_pass_clean($1, $2::integer, $3::jsonb, $4::boolean)"
    : "SELECT order_id, new_version, new_state, event_id FROM wx_review_pass($1, $2::integer, $3::jsonb, $4::boolean)";
  g_autoptr(PGresult) res = NULL;

  {
    const char *params[] = { order->number, version, checks,
                             order->review->parts_ok < 0 ? NULL : order->review->parts_ok ? "true" : "false" };
    /* One statement: the `review` step and the order_reviews row together. */
    res = wx_db_query (conn, sql, 4, params, error);
  }
  if (res == NULL)
    return FALSE;
  if (result)
    {
      result->order_id = wx_db_get_int (res, 0, 0);
      result->version = (int) wx_db_get_int (res, 0, 1);
      result->state = WX_ORDER_STATE_ENTERED;
      wx_workflow_state_from_code (PQgetvalue (res, 0, 2), &result->state);
      result->event_id = wx_db_get_int (res, 0, 3);
    }
  return TRUE;
}

gboolean
wx_db_review_pass (PGconn *conn, const char *number, int expected_version,
                   WxTransitionResult *result, GError **error)
{
  g_autofree char *version = NULL;
  g_autoptr(WxReviewOrder) order = load_for_review (conn, number, expected_version, &version, error);

  return order && pass_order (conn, order, version, FALSE, result, error);
}

guint
wx_db_review_pass_clean (PGconn *conn, const char * const *numbers, guint *n_skipped, GError **error)
{
  guint passed = 0, skipped = 0;

  for (guint i = 0; numbers[i]; i++)
    {
      g_autofree char *version = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(WxReviewOrder) order = load_for_review (conn, numbers[i], -1, &version, &local);

      if (order && (order->reviewed || wx_review_n_failed (order->review) > 0 || order->review->parts_ok == 0 ||
                    (order->open_return && !order->open_return->answered)))
        skipped++;
      else if (order && pass_order (conn, order, version, TRUE, NULL, &local))
        passed++;
      else if (g_error_matches (local, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      else
        skipped++;   /* changed meanwhile, or refused: it stays in the queue */
    }
  if (n_skipped)
    *n_skipped = skipped;
  return passed;
}

gint64
wx_db_review_return (PGconn *conn, const char *number, int expected_version, const char *comment,
                     const char *returned_to, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (comment ? comment : ""));
  g_autofree char *version = NULL;
  g_autoptr(WxReviewOrder) order = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *id = NULL;

  /* Core answers first, with the server's sentence (wx_review_return). */
  if (!wx_review_return_check (text, returned_to, NULL, error) ||
      (order = load_for_review (conn, number, expected_version, &version, error)) == NULL)
    return 0;
  checks = wx_review_to_json (order->review);
  {
    const char *params[] = { number, version, checks,
                             order->review->parts_ok < 0 ? NULL : order->review->parts_ok ? "true" : "false",
                             text, returned_to };
    /* One statement: the order_reviews row, the `review_returned` event, the version. */
    id = wx_db_query_value (conn, "SELECT wx_review_return($1, $2::integer, $3::jsonb, $4::boolean, $5, $6)",
                            6, params, error);
  }
  return id ? g_ascii_strtoll (id, NULL, 10) : 0;
}

/* ------------------------------------------------------------ returns */

void
wx_review_return_free (WxReviewReturn *ret)
{
  if (ret == NULL)
    return;
  g_free (ret->number);
  g_free (ret->reviewer);
  g_free (ret->comment);
  g_free (ret);
}

GPtrArray *
wx_db_review_returns_load (PGconn *conn, const char *login, GError **error)
{
  const char *params[] = { login };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT r.id, o.number, floor(date_part('epoch', r.at))::bigint,"
    "       coalesce(s.full_name, r.reviewer::text), r.comment"
    "  FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
    "  LEFT JOIN staff s ON s.role_name = r.reviewer"
    " WHERE r.outcome = 'returned' AND r.returned_to = $1"
    "   AND NOT EXISTS (SELECT 1 FROM order_reviews later WHERE later.order_id = r.order_id"
    "                    AND (later.at, later.id) > (r.at, r.id))"
    "   AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = r.order_id"
    "                    AND e.event = 'review_seen' AND e.actor = $1"
    "                    AND e.payload ->> 'review' = r.id::text)"
    " ORDER BY r.at DESC, r.id DESC", 1, params, error);
  GPtrArray *returns;

  if (res == NULL)
    return NULL;
  returns = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_review_return_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxReviewReturn *ret = g_new0 (WxReviewReturn, 1);

      ret->review_id = wx_db_get_int (res, i, 0);
      ret->number = wx_db_dup_text (res, i, 1);
      ret->at = wx_db_get_int (res, i, 2);
      ret->reviewer = wx_db_dup_text (res, i, 3);
      ret->comment = wx_db_dup_text (res, i, 4);
      g_ptr_array_add (returns, ret);
    }
  return returns;
}

gboolean
wx_db_review_returns_acknowledge (PGconn *conn, const gint64 *review_ids, guint n_ids, GError **error)
{
  g_autoptr(GString) ids = g_string_new ("{");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", review_ids[i]);
  g_string_append_c (ids, '}');
  {
    const char *params[] = { ids->str };
    /* One statement: one transaction (wx_review_seen). */
    return wx_db_execute (conn, "SELECT wx_review_seen($1::bigint[])", 1, params, error);
  }
}

/* ------------------------------------------------------------ answering a return */

void
wx_review_open_return_free (WxReviewOpenReturn *ret)
{
  if (ret == NULL)
    return;
  g_free (ret->number);
  g_free (ret->reviewer);
  g_free (ret->returned_to);
  g_free (ret->returned_to_name);
  g_free (ret->comment);
  g_free (ret->at_text);
  g_free (ret->answer);
  g_free (ret);
}

/* The returns standing on entered orders not yet reviewed, with `where`
 * ($1) narrowing them; oldest first. */
static GPtrArray *
open_returns (PGconn *conn, const char *where, const char *param, GError **error)
{
  const char *params[] = { param };
  g_autofree char *sql = g_strconcat (
    "SELECT o.id, o.number, v.id, coalesce(rs.full_name, v.reviewer::text), v.returned_to,"
    "       coalesce(ts.full_name, v.returned_to::text), v.comment,"
    "       to_char(v.at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI'),"
    "       a.payload IS NOT NULL, coalesce(a.payload ->> 'answer', ''),"
    "       coalesce((a.payload ->> 'amended')::boolean, false)"
    "  FROM service_orders o"
    "  JOIN LATERAL (SELECT x.* FROM order_reviews x WHERE x.order_id = o.id"
    "                 ORDER BY x.at DESC, x.id DESC LIMIT 1) v ON v.outcome = 'returned'"
    "  LEFT JOIN LATERAL (SELECT e.payload FROM order_events e WHERE e.order_id = o.id"
    "                      AND e.event = 'review_answered' AND e.payload ->> 'review' = v.id::text"
    "                      ORDER BY e.id LIMIT 1) a ON true"
    "  LEFT JOIN staff rs ON rs.role_name = v.reviewer"
    "  LEFT JOIN staff ts ON ts.role_name = v.returned_to"
    " WHERE o.state = 'entered' AND o.reviewed_at IS NULL AND ", where,
    " ORDER BY v.at, v.id", NULL);
  g_autoptr(PGresult) res = wx_db_query (conn, sql, 1, params, error);
  GPtrArray *returns;

  if (res == NULL)
    return NULL;
  returns = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_review_open_return_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxReviewOpenReturn *r = g_new0 (WxReviewOpenReturn, 1);

      r->order_id = wx_db_get_int (res, i, 0);
      r->number = wx_db_dup_text (res, i, 1);
      r->review_id = wx_db_get_int (res, i, 2);
      r->reviewer = wx_db_dup_text (res, i, 3);
      r->returned_to = wx_db_dup_text (res, i, 4);
      r->returned_to_name = wx_db_dup_text (res, i, 5);
      r->comment = wx_db_dup_text (res, i, 6);
      r->at_text = wx_db_dup_text (res, i, 7);
      r->answered = wx_db_get_bool (res, i, 8);
      r->answer = wx_db_dup_text (res, i, 9);
      r->amended = wx_db_get_bool (res, i, 10);
      g_ptr_array_add (returns, r);
    }
  return returns;
}

WxReviewOpenReturn *
wx_db_review_open_return (PGconn *conn, gint64 order_id, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_autoptr(GPtrArray) returns = open_returns (conn, "o.id = $1::bigint", id, error);

  if (returns == NULL || returns->len == 0)
    return NULL;
  return g_ptr_array_steal_index (returns, 0);
}

GPtrArray *
wx_db_review_to_answer (PGconn *conn, const char *login, GError **error)
{
  return open_returns (conn, "v.returned_to = $1 AND a.payload IS NULL", login, error);
}

gboolean
wx_db_review_answer (PGconn *conn, gint64 review_id, const char *answer, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, review_id);
  const char *params[] = { id, answer };

  /* One statement: one transaction (wx_review_answer). */
  return wx_db_execute (conn, "SELECT wx_review_answer($1::bigint, $2)", 2, params, error);
}

/* ------------------------------------------------------------ on the worker */

static gboolean
queue_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_review_queue_load (conn, g_get_real_time () / G_USEC_PER_SEC, error);
  return *result != NULL;
}

void
wx_db_review_queue_async (WxDbWorker *worker, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, queue_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_review_queue_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
order_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_review_order_load (conn, data, error);
  return *result != NULL;
}

void
wx_db_review_order_async (WxDbWorker *worker, const char *number, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, order_job, g_strdup (number), g_free,
                           (GDestroyNotify) wx_review_order_free, cancellable, callback, user_data);
}

WxReviewOrder *
wx_db_review_order_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef struct {
  char *number;
  int   version;
  char *comment;     /* NULL: pass */
  char *returned_to;
} Decision;

static void
decision_free (Decision *d)
{
  g_free (d->number);
  g_free (d->comment);
  g_free (d->returned_to);
  g_free (d);
}

static gboolean
decision_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Decision *d = data;

  if (d->comment == NULL)
    return wx_db_review_pass (conn, d->number, d->version, NULL, error);
  return wx_db_review_return (conn, d->number, d->version, d->comment, d->returned_to, error) > 0;
}

void
wx_db_review_decide_async (WxDbWorker *worker, const char *number, int expected_version,
                           const char *comment, const char *returned_to, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  Decision *d = g_new0 (Decision, 1);

  d->number = g_strdup (number);
  d->version = expected_version;
  d->comment = g_strdup (comment);
  d->returned_to = g_strdup (returned_to);
  wx_db_worker_run_async (worker, decision_job, d, (GDestroyNotify) decision_free, NULL,
                          cancellable, callback, user_data);
}

static gboolean
acknowledge_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  GArray *ids = data;

  return wx_db_review_returns_acknowledge (conn, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

void
wx_db_review_returns_acknowledge_async (WxDbWorker *worker, const gint64 *review_ids, guint n_ids,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_array_append_vals (ids, review_ids, n_ids);
  wx_db_worker_run_async (worker, acknowledge_job, ids, (GDestroyNotify) g_array_unref, NULL,
                          cancellable, callback, user_data);
}

typedef struct {
  gint64  review_id;
  char   *answer;
} Answer;

static void
answer_free (Answer *a)
{
  g_free (a->answer);
  g_free (a);
}

static gboolean
answer_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Answer *a = data;

  return wx_db_review_answer (conn, a->review_id, a->answer, error);
}

void
wx_db_review_answer_async (WxDbWorker *worker, gint64 review_id, const char *answer,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  Answer *a = g_new0 (Answer, 1);

  a->review_id = review_id;
  a->answer = g_strdup (answer);
  wx_db_worker_run_async (worker, answer_job, a, (GDestroyNotify) answer_free, NULL,
                          cancellable, callback, user_data);
}

typedef struct {
  guint passed;
  guint skipped;
} BulkResult;

static gboolean
bulk_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  BulkResult *r = g_new0 (BulkResult, 1);
  GError *local = NULL;

  r->passed = wx_db_review_pass_clean (conn, data, &r->skipped, &local);
  if (local)
    {
      g_free (r);
      g_propagate_error (error, local);
      return FALSE;
    }
  *result = r;
  return TRUE;
}

void
wx_db_review_pass_clean_async (WxDbWorker *worker, const char * const *numbers, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, bulk_job, g_strdupv ((char **) numbers), (GDestroyNotify) g_strfreev, g_free,
                          cancellable, callback, user_data);
}

gboolean
wx_db_review_pass_clean_finish (WxDbWorker *worker, GAsyncResult *result, guint *passed, guint *skipped,
                                GError **error)
{
  g_autofree BulkResult *r = wx_db_worker_run_finish (worker, result, error);

  if (r == NULL)
    return FALSE;
  *passed = r->passed;
  *skipped = r->skipped;
  return TRUE;
}

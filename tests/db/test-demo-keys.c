/* The demo's events carry what the real steps record (issue 22, "one step
 * catalogue"). The demo (src/db/demo/wx-demo-replay.c) writes its event rows itself;
 * here, on a fresh database with the demo loaded as `weixiu-admin demo`
 * loads it:
 *  - every event that is a step of the catalogue has only keys that step
 *    may record: the keys of its needs (wx_need_key), its fills, or one
 *    that wx_transition adds itself — built from wx_workflow_transitions(),
 *    so a new step is covered without touching this test — and every
 *    value is text, as the clients send them;
 *  - the values have the formats wx_transition accepts for the order's
 *    columns, and every need of every step is met;
 *  - and the converse for a few steps: the quote has its total and method,
 *    each dispatch names an active engineer, a peer shop or a supplier is
 *    named by the id of a real one, a repair has every functional test of
 *    the machine's category, a late decision is flagged with its reason;
 *  - the readers read those keys: the work log and the timeline name the
 *    peer shop of peer_id, the timeline the supplier of supplier_id. */
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <string.h>

#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-detail.h"
#include "wx-test-db.h"

static char *conninfo;

/* Keys wx_transition (data/sql/functions/workflow.sql) adds to a step's
 * data itself: the flag of a decision after the decision clock's limit. */
static const char *const added_by_the_step[] = { "late_decision" };

/* The keys step `t` may record. */
static GHashTable *
allowed_keys (const WxTransition *t)
{
  GHashTable *keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) fills = g_strsplit (t->fills, " ", -1);

  for (guint bit = 0; bit < WX_N_NEEDS; bit++)
    if ((t->needs & (1u << bit)) && wx_need_key (1u << bit))
      g_hash_table_add (keys, (gpointer) wx_need_key (1u << bit));
  for (guint i = 0; fills[i]; i++)
    if (*fills[i])
      g_hash_table_add (keys, (gpointer) g_intern_string (fills[i]));
  for (guint i = 0; i < G_N_ELEMENTS (added_by_the_step); i++)
    g_hash_table_add (keys, (gpointer) added_by_the_step[i]);
  return keys;
}

static PGconn *
connect (void)
{
  return wx_test_db_connect (conninfo);
}

/* `sql` lists offenders, one per row: none expected (their text is the
 * failure's message). `sql_all` counts the rows looked at: some expected. */
static void
assert_none (PGconn *conn, const char *what, const char *sql, const char *sql_all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn, sql, 0, NULL, &error);
  g_autoptr(GString) bad = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < PQntuples (res) && i < 20; i++)
    {
      g_string_append_printf (bad, "\n  %s:", what);
      for (int c = 0; c < PQnfields (res); c++)
        g_string_append_printf (bad, " %s", PQgetvalue (res, i, c));
    }
  if (PQntuples (res) > 20)
    g_string_append_printf (bad, "\n  … and %d more", PQntuples (res) - 20);
  g_assert_cmpstr (bad->str, ==, "");
  if (sql_all)
    g_assert_cmpint (wx_test_db_count (conn, sql_all), >, 0);
}

/* Every key of every step's event is one the step may record; every value
 * is text. */
static void
test_keys_are_the_steps (void)
{
  g_autoptr(PGconn) conn = connect ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.number, o.kind, e.event, coalesce(e.from_state, ''), e.payload::text"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id ORDER BY e.id", 0, NULL, &error);
  g_autoptr(GHashTable) allowed = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) events_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) bad = g_string_new (NULL);
  guint n_bad = 0, n_steps = 0;

  g_assert_no_error (error);
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *number = PQgetvalue (res, i, 0);
      const char *event = PQgetvalue (res, i, 2);
      g_autoptr(JsonParser) parser = json_parser_new ();
      const WxTransition *t;
      GHashTable *keys;
      JsonObject *payload;
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;
      WxOrderKind kind;
      WxOrderState from;

      g_assert_true (wx_order_kind_from_code (PQgetvalue (res, i, 1), &kind));
      /* An order's first event (intake's), and the events that are no
       * step: a return repair detected, the review's return… */
      if (!wx_workflow_state_from_code (PQgetvalue (res, i, 3), &from) ||
          (t = wx_workflow_find (kind, from, event)) == NULL)
        continue;
      g_assert_true (json_parser_load_from_data (parser, PQgetvalue (res, i, 4), -1, NULL));
      payload = json_node_get_object (json_parser_get_root (parser));
      /* An escalation the database raised itself (wx_escalate_auto) is
       * not the step, which needs a reason from whoever escalates. */
      if (g_str_equal (event, "escalate") && json_object_get_boolean_member_with_default (payload, "automatic", FALSE))
        continue;
      keys = g_hash_table_lookup (allowed, t);
      if (keys == NULL)
        g_hash_table_insert (allowed, (gpointer) t, keys = allowed_keys (t));
      n_steps++;
      g_hash_table_add (events_seen, (gpointer) g_intern_string (event));
      json_object_iter_init (&iter, payload);
      while (json_object_iter_next (&iter, &key, &value))
        {
          const char *problem = NULL;

          if (!g_hash_table_contains (keys, key))
            problem = "a key the step does not record";
          else if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            problem = "not text";
          if (problem && n_bad++ < 20)
            g_string_append_printf (bad, "\n  %s %s from %s: %s (%s)", number, event, PQgetvalue (res, i, 3),
                                    key, problem);
        }
    }
  if (n_bad > 20)
    g_string_append_printf (bad, "\n  … %u in all", n_bad);
  g_assert_cmpstr (bad->str, ==, "");
  /* The demo takes most of the steps, thousands of times. */
  g_assert_cmpuint (n_steps, >, 2000);
  g_assert_cmpuint (g_hash_table_size (events_seen), >=, 25);
}

/* The values read as wx_transition reads those of the order's columns, and
 * every need of every step is met (by the step's data, or by the order as
 * the step found it where the need is the order's: its warranty, its quote
 * lines). */
static void
test_values_and_needs (void)
{
  g_autoptr(PGconn) conn = connect ();

  assert_none (conn, "not of the column's type",
    "SELECT o.number, e.event, x.key, x.value"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " CROSS JOIN LATERAL jsonb_each_text(e.payload) x"
    "  JOIN pg_attribute a ON a.attrelid = 'service_orders'::regclass AND a.attname = x.key AND NOT a.attisdropped"
    " WHERE e.from_state IS NOT NULL AND NOT coalesce((e.payload ->> 'automatic')::boolean, false)"
    "   AND NOT CASE"
    "     WHEN format_type(a.atttypid, a.atttypmod) IN ('bigint', 'integer', 'smallint', 'wx_money')"
    "       THEN x.value ~ '^[0-9]{1,18}$'"
    "     WHEN format_type(a.atttypid, a.atttypmod) = 'boolean' THEN x.value IN ('true', 'false')"
    "     WHEN format_type(a.atttypid, a.atttypmod) IN ('timestamp with time zone', 'date') THEN wx_is_time(x.value)"
    "     ELSE true END",
    NULL);
  assert_none (conn, "need not met",
    "SELECT o.number, e.event, e.from_state, n"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " CROSS JOIN LATERAL (SELECT w.needs FROM workflow_transitions w"
    "                      WHERE w.event = e.event AND o.kind = ANY (w.kinds)"
    "                        AND (w.from_state = e.from_state OR w.from_state IS NULL)"
    "                      ORDER BY w.position LIMIT 1) t"
    " CROSS JOIN unnest(t.needs) n"
    " WHERE NOT coalesce((e.payload ->> 'automatic')::boolean, false)"
    "   AND NOT wx_need_met(n, o, e.payload)",
    NULL);
}

/* The steps the reviewer named: the quote, the dispatches, the peer shop
 * and the supplier, the repair, the late decision. */
static void
test_steps_record_their_data (void)
{
  g_autoptr(PGconn) conn = connect ();

  assert_none (conn, "quote without its total and method",
    "SELECT o.number, e.payload::text FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.event = 'quote'"
    "   AND NOT coalesce(e.payload ->> 'quote_total' ~ '^[0-9]+$' AND e.payload ->> 'quote_total' = o.quote_total::text"
    "                    AND e.payload ->> 'quote_method' = o.quote_method"
    "                    AND (e.payload ->> 'quote_total')::numeric"
    "                        = (SELECT sum(q.quantity * q.unit_price) FROM quote_lines q WHERE q.order_id = o.id),"
    "                    false)",
    "SELECT count(*) FROM order_events WHERE event = 'quote'");
  assert_none (conn, "dispatch to no active engineer",
    "SELECT o.number, e.event, e.payload::text FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.event IN ('dispatch_inspection', 'dispatch_repair', 'dispatch_onsite', 'dispatch_delivery')"
    "   AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name::text = e.payload ->> 'engineer' AND s.active"
    "                    AND pg_has_role(s.role_name, 'wx_engineer', 'MEMBER'))",
    NULL);
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT count(DISTINCT event) FROM order_events"
    " WHERE event IN ('dispatch_inspection', 'dispatch_repair', 'dispatch_onsite', 'dispatch_delivery')"), ==, 4);
  assert_none (conn, "outsourced to no peer shop of the list",
    "SELECT o.number, e.payload::text FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.event = 'outsource'"
    "   AND NOT EXISTS (SELECT 1 FROM suppliers p JOIN outsourcing x ON x.peer_id = p.id AND x.order_id = o.id"
    "                    WHERE p.id::text = e.payload ->> 'peer_id' AND p.kind <> 'supplier'"
    "                      AND o.peer_id = p.id)",
    "SELECT count(*) FROM order_events WHERE event = 'outsource'");
  assert_none (conn, "part ordered from no supplier of the list",
    "SELECT o.number, e.payload::text FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.event = 'order_parts'"
    "   AND NOT EXISTS (SELECT 1 FROM suppliers p JOIN part_orders x ON x.supplier_id = p.id AND x.order_id = o.id"
    "                    WHERE p.id::text = e.payload ->> 'supplier_id' AND p.kind <> 'peer_shop'"
    "                      AND x.description = e.payload ->> 'part')",
    "SELECT count(*) FROM order_events WHERE event = 'order_parts'");
  assert_none (conn, "repair without every functional test",
    "SELECT o.number, o.product_name, o.model, e.payload ->> 'functional_tests'"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.event IN ('repair_done', 'fix_at_desk')"
    "   AND cardinality(wx_functional_tests_missing(o, e.payload)) > 0",
    "SELECT count(*) FROM order_events WHERE event = 'repair_done'");
  /* Late by the decision clock (a minute either way for the demo's own
   * calendar arithmetic): flagged, with the reason the step asks for. */
  assert_none (conn, "decision flagged wrongly",
    "WITH d AS (SELECT o.number, e.event, e.at, e.payload,"
    "                  wx_business_due((SELECT min(q.at) FROM order_events q"
    "                                    WHERE q.order_id = o.id AND q.event = 'quote'),"
    "                                  coalesce((SELECT limit_minutes FROM sla_thresholds WHERE clock = 'decision'), 1080))"
    "                    AS due"
    "             FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    "            WHERE e.event IN ('agree', 'decline'))"
    " SELECT number, event, at, due, payload::text FROM d"
    "  WHERE (at > due + interval '1 minute'"
    "         AND (payload ->> 'late_decision' IS DISTINCT FROM 'true' OR coalesce(payload ->> 'decision_reason', '') = ''))"
    "     OR (at < due - interval '1 minute' AND payload ? 'late_decision')",
    "SELECT count(*) FROM order_events WHERE event = 'agree' AND payload ->> 'late_decision' = 'true'");
}

/* The first event `event` of an order's timeline. */
static const WxDetailEvent *
timeline_event (const WxOrderDetail *detail, const char *event)
{
  for (guint i = 0; i < detail->events->len; i++)
    {
      const WxDetailEvent *e = &g_array_index (detail->events, WxDetailEvent, i);

      if (g_str_equal (e->event, event))
        return e;
    }
  g_assert_not_reached ();
}

/* Outsourced: the engineer's work log of that day says to which peer shop,
 * and so does the order's timeline; a part order's names its supplier. */
static void
test_readers_name_them (void)
{
  g_autoptr(PGconn) conn = connect ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) sent = wx_db_query (conn,
    "SELECT o.number, e.actor, to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), p.name"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    "  JOIN suppliers p ON p.id::text = e.payload ->> 'peer_id'"
    " WHERE e.event = 'outsource' ORDER BY e.id LIMIT 1", 0, NULL, &error);
  g_autoptr(PGresult) ordered = NULL;
  g_autoptr(WxWorkLog) log = NULL;
  g_autoptr(WxOrderDetail) detail = NULL;
  g_autoptr(WxOrderDetail) parts = NULL;
  g_autofree char *peer_shop = NULL;
  g_autofree char *supplier = NULL;
  const char *number, *peer;
  guint found = 0;

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (sent), ==, 1);
  number = PQgetvalue (sent, 0, 0);
  peer = PQgetvalue (sent, 0, 3);
  log = wx_db_work_log_load (conn, PQgetvalue (sent, 0, 1), PQgetvalue (sent, 0, 2), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (log->entries, i);

      if (g_str_equal (e->number, number) && g_strcmp0 (e->event, "outsource") == 0)
        {
          g_assert_cmpstr (e->text, ==, peer);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);

  detail = wx_db_order_detail_load (conn, number, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  peer_shop = g_strdup_printf ("Peer shop: %s", peer);
  g_assert_cmpstr (timeline_event (detail, "outsource")->details, ==, peer_shop);

  ordered = wx_db_query (conn,
    "SELECT o.number, p.name FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    "  JOIN suppliers p ON p.id::text = e.payload ->> 'supplier_id'"
    " WHERE e.event = 'order_parts' ORDER BY e.id LIMIT 1", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (ordered), ==, 1);
  parts = wx_db_order_detail_load (conn, PQgetvalue (ordered, 0, 0), g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  supplier = g_strdup_printf ("Supplier: %s", PQgetvalue (ordered, 0, 1));
  g_assert_nonnull (strstr (timeline_event (parts, "order_parts")->details, supplier));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("demo_keys", TRUE);
  {
    /* As `weixiu-admin demo` loads it: the orders, today's visits, the
     * supervisor's feedback with the automatic escalations. */
    g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
    g_autoptr(GDateTime) now = wx_test_fixed_now ();
    g_autoptr(GError) error = NULL;
    guint added = 0;

    wx_db_demo_load (conn, 600, now, &error);
    g_assert_no_error (error);
    wx_db_demo_visits_today (conn, now, &added, &error);
    g_assert_no_error (error);
    wx_db_demo_feedback (conn, now, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (added, >, 0);
  }

  g_test_add_func ("/demo-keys/keys-are-the-steps", test_keys_are_the_steps);
  g_test_add_func ("/demo-keys/values-and-needs", test_values_and_needs);
  g_test_add_func ("/demo-keys/steps-record-their-data", test_steps_record_their_data);
  g_test_add_func ("/demo-keys/readers-name-them", test_readers_name_them);
  return g_test_run ();
}

/* The kanban board's database side (src/db/wx-db-board.c) on demo data with
 * a fixed now: every open order is on the board once with its state,
 * folder, fields and clock, closed ones are not; cards by id, closed ones
 * included; the clock of orders with a known event history; the search by
 * number, phone, serial, unit name and contact, newest first and within its
 * limit, against a plain SQL statement of what it should find. Every call
 * of the API runs as wx_coordinator (SET ROLE), so the grants are tested. */
#include <libpq-fe.h>

#include "core/wx-order.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-sla.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

static char *conninfo;
static gint64 now;

static void
as_coordinator (PGconn *conn, gboolean on)
{
  wx_test_db_exec (conn, on ? "SET ROLE wx_coordinator" : "RESET ROLE");
}

static GPtrArray *
board (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards;

  as_coordinator (conn, TRUE);
  cards = wx_db_board_load (conn, now, &error);
  as_coordinator (conn, FALSE);
  g_assert_no_error (error);
  return cards;
}

static GPtrArray *
search (PGconn *conn, const char *text, guint limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards;

  as_coordinator (conn, TRUE);
  cards = wx_db_orders_search (conn, text, limit, now, &error);
  as_coordinator (conn, FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static WxOrder *
card_with_id (GPtrArray *cards, gint64 id)
{
  for (guint i = 0; i < cards->len; i++)
    if (wx_order_get_id (g_ptr_array_index (cards, i)) == id)
      return g_ptr_array_index (cards, i);
  return NULL;
}

/* ------------------------------------------------------------ the board */

/* Every open order once, in id order, with every field as the tables say. */
static void
test_board_open_orders (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) cards = board (conn);
  g_autoptr(PGresult) res = PQexec (conn,
    "SELECT o.id, o.number, o.version, o.state, w.folder, o.unit_name, o.contact_person,"
    "       coalesce(o.contact_mobile, o.contact_phone, ''), o.product_name, o.model, o.serial, o.reported_fault,"
    "       coalesce(o.engineer, ''), coalesce(s.full_name, o.engineer, ''), o.owner_role,"
    "       floor(extract(epoch FROM o.received_at)), coalesce(floor(extract(epoch FROM o.appointment_at)), 0),"
    "       floor(extract(epoch FROM o.updated_at)), o.updated_by, o.is_return_repair, o.kind,"
    "       (SELECT count(*) FROM escalations x WHERE x.order_id = o.id AND x.resolved_at IS NULL)"
    "  FROM service_orders o JOIN workflow_states w ON w.state = o.state"
    "  LEFT JOIN staff s ON s.role_name = o.engineer"
    " WHERE w.open ORDER BY o.id");
  guint named = 0, escalated = 0, returns = 0, appointments = 0, escalations = 0;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), >, 50);
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders o JOIN workflow_states w USING (state) WHERE NOT w.open"), >, 50);
  g_assert_cmpuint (cards->len, ==, PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxOrder *card = g_ptr_array_index (cards, i);
      const WxOrderData *d = wx_order_get_data (card);

      g_assert_cmpint (d->id, ==, g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10));
      g_assert_cmpstr (d->number, ==, PQgetvalue (res, i, 1));
      g_assert_cmpint (d->version, ==, atoi (PQgetvalue (res, i, 2)));
      g_assert_cmpstr (wx_order_state_to_code (d->state), ==, PQgetvalue (res, i, 3));
      g_assert_cmpstr (wx_folder_to_code (wx_order_get_folder (card)), ==, PQgetvalue (res, i, 4));
      g_assert_true (wx_order_is_open (card));
      g_assert_cmpstr (d->unit_name, ==, PQgetvalue (res, i, 5));
      g_assert_cmpstr (d->contact_person, ==, PQgetvalue (res, i, 6));
      g_assert_cmpstr (d->phone, ==, PQgetvalue (res, i, 7));
      g_assert_cmpstr (d->product_name, ==, PQgetvalue (res, i, 8));
      g_assert_cmpstr (d->model, ==, PQgetvalue (res, i, 9));
      g_assert_cmpstr (d->serial, ==, PQgetvalue (res, i, 10));
      g_assert_cmpstr (d->fault, ==, PQgetvalue (res, i, 11));
      g_assert_cmpstr (d->engineer, ==, PQgetvalue (res, i, 12));
      g_assert_cmpstr (d->engineer_name, ==, PQgetvalue (res, i, 13));
      g_assert_cmpstr (d->owner, ==, PQgetvalue (res, i, 14));
      /* Whole seconds, rounded as the event times are. */
      g_assert_cmpint (ABS (d->received_at - g_ascii_strtoll (PQgetvalue (res, i, 15), NULL, 10)), <=, 1);
      g_assert_cmpint (ABS (d->appointment_at - g_ascii_strtoll (PQgetvalue (res, i, 16), NULL, 10)), <=, 1);
      g_assert_cmpint (ABS (d->updated_at - g_ascii_strtoll (PQgetvalue (res, i, 17), NULL, 10)), <=, 1);
      g_assert_cmpstr (d->updated_by, ==, PQgetvalue (res, i, 18));
      g_assert_cmpint (d->return_repair, ==, g_str_equal (PQgetvalue (res, i, 19), "t"));
      g_assert_cmpstr (wx_order_kind_to_code (d->kind), ==, PQgetvalue (res, i, 20));
      g_assert_cmpint (d->open_escalations, ==, atoi (PQgetvalue (res, i, 21)));
      named += *d->engineer != '\0' && !g_str_equal (d->engineer, d->engineer_name);
      escalated += d->open_escalations > 0;
      escalations += d->open_escalations;
      returns += d->return_repair;
      appointments += d->appointment_at != 0;
    }
  /* The demo data exercises what is compared. */
  g_assert_cmpuint (named, >, 10);
  g_assert_cmpuint (appointments, >, 0);
  g_assert_cmpuint (escalated, ==, 2);
  g_assert_cmpuint (escalations, ==, 3);
  g_test_message ("%u cards, %u with an engineer's name, %u escalated, %u return repairs",
                  cards->len, named, escalated, returns);
}

/* Each card's clock is the most urgent running one that the SLA code gives
 * for the order's events, loaded the way `order show` and `sla` load them. */
static void
test_board_clocks_agree (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) cards = board (conn);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxSlaOrderSet) set = wx_db_sla_orders_load (conn, NULL, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  WxSlaRules rules = { 0 };
  guint statuses[WX_CLOCK_STATUS_MET_LATE + 1] = { 0 };
  guint without = 0;

  g_assert_no_error (error);
  g_assert_true (wx_db_sla_rules_load (conn, set->earliest - 86400, now + 60 * 86400, &rules, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < set->orders->len; i++)
    g_hash_table_insert (by_id, &g_array_index (set->orders, WxSlaOrder, i).id,
                         &g_array_index (set->orders, WxSlaOrder, i));
  for (guint i = 0; i < cards->len; i++)
    {
      const WxOrderData *d = wx_order_get_data (g_ptr_array_index (cards, i));
      WxSlaOrder *o = g_hash_table_lookup (by_id, &d->id);
      WxClockState clocks[WX_N_CLOCKS];
      const WxClockState *best = NULL;
      WxClock best_clock = WX_CLOCK_DISPATCH;

      if (o != NULL)
        {
          wx_sla_compute (&rules, o->kind, &g_array_index (set->events, WxSlaEvent, o->first_event),
                          o->n_events, now, clocks);
          for (guint c = 0; c < WX_N_CLOCKS; c++)
            if (clocks[c].status >= WX_CLOCK_STATUS_RUNNING && clocks[c].status <= WX_CLOCK_STATUS_RED &&
                (best == NULL || clocks[c].minutes_left < best->minutes_left))
              {
                best = &clocks[c];
                best_clock = c;
              }
        }
      g_assert_cmpint (d->has_clock, ==, best != NULL);
      if (best == NULL)
        {
          without++;
          continue;
        }
      g_assert_cmpint (d->clock, ==, best_clock);
      g_assert_cmpint (d->clock_status, ==, best->status);
      g_assert_cmpint (d->clock_due, ==, best->due_limit);
      g_assert_cmpint (d->clock_minutes_left, ==, best->minutes_left);
      statuses[d->clock_status]++;
    }
  wx_sla_rules_clear (&rules);
  /* Every open order with events is on the board. */
  g_assert_cmpuint (g_hash_table_size (by_id), <=, cards->len);
  g_assert_cmpuint (set->orders->len, >, 50);
  g_assert_cmpuint (statuses[WX_CLOCK_STATUS_RUNNING], >, 0);
  g_assert_cmpuint (statuses[WX_CLOCK_STATUS_RED], >, 0);
  g_assert_cmpuint (without, >, 0);
  g_test_message ("clocks: %u running, %u amber, %u red, %u cards without",
                  statuses[WX_CLOCK_STATUS_RUNNING], statuses[WX_CLOCK_STATUS_AMBER],
                  statuses[WX_CLOCK_STATUS_RED], without);
}

/* Orders of the fixture customer with events at fixed times on Wednesday
 * 2026-11-18 (Shanghai; the shop opens 09:00–18:00); now is 15:30. */
static gint64
order_with_events (PGconn *conn, const char *kind, const char *state, const char *events)
{
  const char *params[] = { kind, state, events };
  g_autoptr(PGresult) res = PQexecParams (conn,
    "WITH o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile,"
    "                                       product_name, model, reported_fault, cancel_reason, received_at)"
    "           SELECT $1, $2, 1, '广州大学', '广州市番禺区大学城外环西路230号', '13812345678',"
    "                  '激光打印机', 'M404dn', '卡纸', CASE WHEN $2 = 'cancelled' THEN '用户不修了' ELSE '' END,"
    "                  min(e.at::timestamptz)"
    "             FROM jsonb_each_text($3::jsonb) e(event, at) RETURNING id)"
    "INSERT INTO order_events (order_id, at, event)"
    "  SELECT o.id, e.at::timestamptz, e.event FROM o, jsonb_each_text($3::jsonb) e(event, at)"
    "  RETURNING order_id", 3, NULL, params, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static gint64
shanghai (int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) t = g_date_time_new (tz, 2026, 11, 18, hour, minute, 0);

  return g_date_time_to_unix (t);
}

static void
assert_clock (WxOrder *card, WxClock clock, WxClockStatus status, gint64 due, gint64 minutes_left)
{
  const WxOrderData *d = wx_order_get_data (card);

  g_assert_true (d->has_clock);
  g_assert_cmpint (d->clock, ==, clock);
  g_assert_cmpint (d->clock_status, ==, status);
  g_assert_cmpint (d->clock_due, ==, due);
  g_assert_cmpint (d->clock_minutes_left, ==, minutes_left);
}

static void
test_board_known_clocks (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  /* Received 10:00, dispatched 10:30 for inspection: the front desk's reply
   * was due 14:00, the engineer's 4-hour reply 14:30; the card shows the
   * more overdue. */
  gint64 late = order_with_events (conn, "carry_in", "inspecting",
    "{\"received\": \"2026-11-18 10:00+08\", \"dispatch_inspection\": \"2026-11-18 10:30+08\"}");
  /* Received 15:00, not dispatched: within the hour's target, due 18:00. */
  gint64 fresh = order_with_events (conn, "carry_in", "received", "{\"received\": \"2026-11-18 15:00+08\"}");
  /* A call at 14:00: dispatch is past its hour (amber, due 17:00) and
   * sooner than the engineer's arrival (due 18:00). */
  gint64 call = order_with_events (conn, "on_site", "call_logged", "{\"call_logged\": \"2026-11-18 14:00+08\"}");
  /* Cancelled: closed, no clock. */
  gint64 gone = order_with_events (conn, "carry_in", "cancelled",
    "{\"received\": \"2026-11-18 09:30+08\", \"cancel\": \"2026-11-18 09:40+08\"}");
  const gint64 ids[] = { late, fresh, call, gone };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) all = board (conn);
  g_autoptr(GError) error = NULL;
  const WxOrderData *d;

  as_coordinator (conn, TRUE);
  cards = wx_db_board_load_ids (conn, ids, G_N_ELEMENTS (ids), now, &error);
  as_coordinator (conn, FALSE);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 4);

  assert_clock (card_with_id (cards, late), WX_CLOCK_FRONT_REPLY, WX_CLOCK_STATUS_RED, shanghai (14, 0), -90);
  g_assert_cmpuint (wx_order_get_data (card_with_id (cards, late))->day_minutes, ==, 540);
  assert_clock (card_with_id (cards, fresh), WX_CLOCK_DISPATCH, WX_CLOCK_STATUS_RUNNING, shanghai (18, 0), 150);
  assert_clock (card_with_id (cards, call), WX_CLOCK_DISPATCH, WX_CLOCK_STATUS_AMBER, shanghai (17, 0), 90);
  g_assert_cmpint (wx_order_get_data (card_with_id (cards, late))->received_at, ==, shanghai (10, 0));

  d = wx_order_get_data (card_with_id (cards, gone));
  g_assert_cmpint (d->state, ==, WX_ORDER_STATE_CANCELLED);
  g_assert_false (d->has_clock);
  g_assert_false (wx_order_is_open (card_with_id (cards, gone)));

  /* On the board: the open three, the same cards; not the cancelled one. */
  g_assert_true (wx_order_equal (card_with_id (all, late), card_with_id (cards, late)));
  g_assert_true (wx_order_equal (card_with_id (all, fresh), card_with_id (cards, fresh)));
  g_assert_true (wx_order_equal (card_with_id (all, call), card_with_id (cards, call)));
  g_assert_null (card_with_id (all, gone));
}

/* Cards by id: open and closed ones, in id order; unknown and repeated ids
 * are no trouble; none gives none. */
static void
test_board_load_ids (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) all = board (conn);
  g_autofree char *closed_text = wx_test_db_value (conn,
    "SELECT max(id) FROM service_orders WHERE state = 'archived'");
  gint64 closed = g_ascii_strtoll (closed_text, NULL, 10);
  gint64 open = wx_order_get_id (g_ptr_array_index (all, 3));
  const gint64 ids[] = { closed, 9999999, open, closed };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  as_coordinator (conn, TRUE);
  cards = wx_db_board_load_ids (conn, ids, G_N_ELEMENTS (ids), now, &error);
  g_assert_no_error (error);
  none = wx_db_board_load_ids (conn, NULL, 0, now, &error);
  g_assert_no_error (error);
  as_coordinator (conn, FALSE);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpint (wx_order_get_id (g_ptr_array_index (cards, 0)), ==, MIN (open, closed));
  g_assert_cmpint (wx_order_get_id (g_ptr_array_index (cards, 1)), ==, MAX (open, closed));
  g_assert_true (wx_order_equal (card_with_id (cards, open), card_with_id (all, open)));
  g_assert_cmpint (wx_order_get_state (card_with_id (cards, closed)), ==, WX_ORDER_STATE_ARCHIVED);
  g_assert_false (wx_order_is_open (card_with_id (cards, closed)));
  g_assert_false (wx_order_get_data (card_with_id (cards, closed))->has_clock);
  g_assert_cmpint (wx_order_get_folder (card_with_id (cards, closed)), ==, WX_FOLDER_NONE);
}

/* ------------------------------------------------------------ search */

/* What the search should find, said plainly: the text (lower-cased) in the
 * number, unit, contact, serial or the digits of the order's phones; a text
 * that looks like a phone number by its digits in those and in the
 * customer's phones too. Newest first. */
static GArray *
expected_ids (PGconn *conn, const char *text, guint limit)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean phone_like = TRUE;
  const char *params[3];
  g_autoptr(PGresult) res = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (!strchr (" -+().", *p))
      phone_like = FALSE;
  params[0] = text;
  params[1] = phone_like && digits->len >= 3 ? digits->str : NULL;
  params[2] = limit_text;
  res = PQexecParams (conn,
    "SELECT o.id FROM service_orders o JOIN customers c ON c.id = o.customer_id,"
    "       LATERAL (SELECT ARRAY[lower(o.number), lower(o.unit_name), lower(o.contact_person), lower(o.serial),"
    "                             regexp_replace(coalesce(o.contact_mobile, ''), '\\D', '', 'g'),"
    "                             regexp_replace(coalesce(o.contact_phone, ''), '\\D', '', 'g')] AS f) f"
    " WHERE EXISTS (SELECT 1 FROM unnest(f.f) x WHERE strpos(x, lower(btrim($1))) > 0)"
    "    OR $2::text IS NOT NULL"
    "       AND (EXISTS (SELECT 1 FROM unnest(f.f) x WHERE strpos(x, $2) > 0)"
    "            OR strpos(regexp_replace(coalesce(c.mobile, ''), '\\D', '', 'g'), $2) > 0"
    "            OR strpos(regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g'), $2) > 0)"
    " ORDER BY o.received_at DESC, o.id DESC LIMIT $3::integer", 3, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* The search finds exactly what expected_ids() says, in its order, and
 * returns the number of cards. */
static guint
check_search (PGconn *conn, const char *text, guint limit)
{
  g_autoptr(GPtrArray) cards = search (conn, text, limit);
  g_autoptr(GArray) expected = expected_ids (conn, text, limit);

  if (cards->len != expected->len)
    g_error ("search “%s” (limit %u): %u cards, expected %u", text, limit, cards->len, expected->len);
  for (guint i = 0; i < cards->len; i++)
    if (wx_order_get_id (g_ptr_array_index (cards, i)) != g_array_index (expected, gint64, i))
      g_error ("search “%s” (limit %u): card %u is order %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
               text, limit, i, wx_order_get_id (g_ptr_array_index (cards, i)), g_array_index (expected, gint64, i));
  return cards->len;
}

static char *
order_value (PGconn *conn, const char *sql)
{
  char *v = wx_test_db_value (conn, sql);

  g_assert_nonnull (v);
  return v;
}

/* A demo order's own values and fragments of them. */
static void
test_search_demo_values (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_value (conn, "SELECT number FROM service_orders WHERE state = 'archived' ORDER BY id LIMIT 1");
  g_autofree char *mobile = order_value (conn, "SELECT contact_mobile FROM service_orders WHERE contact_mobile ~ '^[0-9]{11}$' ORDER BY id DESC LIMIT 1");
  g_autofree char *landline = order_value (conn, "SELECT contact_phone FROM service_orders WHERE contact_phone ~ '^0[0-9]+-[0-9]{8}$' ORDER BY id LIMIT 1");
  g_autofree char *serial = order_value (conn, "SELECT serial FROM service_orders WHERE serial ~ '^[A-Z0-9]{8,}$' AND serial ~ '[A-Z]' ORDER BY id LIMIT 1");
  g_autofree char *unit = order_value (conn, "SELECT unit_name FROM service_orders WHERE char_length(unit_name) > 10 ORDER BY id DESC LIMIT 1");
  g_autofree char *contact = order_value (conn, "SELECT contact_person FROM service_orders WHERE char_length(contact_person) = 3 ORDER BY id LIMIT 1");
  g_autofree char *number_tail = g_strdup (number + strlen (number) - 4);
  g_autofree char *mobile_part = g_strndup (mobile + 3, 5);
  g_autofree char *mobile_spaced = g_strdup_printf ("%.3s %.4s %.4s", mobile, mobile + 3, mobile + 7);
  g_autofree char *landline_part = g_strdup (strchr (landline, '-') + 1);
  g_autofree char *landline_spaced = g_strdup_printf ("%.4s %.4s", landline_part, landline_part + 4);
  g_autofree char *serial_part = g_strndup (serial + 2, 5);
  g_autofree char *serial_lower = g_ascii_strdown (serial_part, -1);
  /* The district and the name without 广州市: "天河区穗丰", "穗丰". */
  g_autofree char *unit_part = g_utf8_substring (unit, 3, 8);
  g_autofree char *unit_two = g_utf8_substring (unit, 6, 8);
  g_autofree char *contact_given = g_utf8_substring (contact, 1, 3);
  g_autoptr(GPtrArray) exact = search (conn, number, 50);

  /* The whole number finds that order first. */
  g_assert_cmpuint (exact->len, >=, 1);
  g_assert_cmpstr (wx_order_get_number (g_ptr_array_index (exact, 0)), ==, number);
  g_assert_false (wx_order_is_open (g_ptr_array_index (exact, 0)));

  g_assert_cmpuint (check_search (conn, number, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, number_tail, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, mobile, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, mobile_part, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, mobile_spaced, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, landline_part, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, landline_spaced, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, landline, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, serial, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, serial_part, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, serial_lower, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, unit, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, unit_part, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, unit_two, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, contact, 50), >=, 1);
  g_assert_cmpuint (check_search (conn, contact_given, 50), >=, 1);
  /* Two words of one order, apart and in the other order ("南粤 口腔"):
   * every order with both, and only those. */
  {
    g_autofree char *two = order_value (conn, "SELECT contact_person || '　' || substr(unit_name, 7, 2)"
                                              "  FROM service_orders WHERE char_length(unit_name) > 10"
                                              "   AND char_length(contact_person) = 3 ORDER BY id DESC LIMIT 1");
    g_autofree char *sql = NULL;
    g_auto(GStrv) words = g_strsplit (two, "　", 2);
    g_autoptr(GPtrArray) cards = search (conn, two, 50);
    gint64 expected;

    sql = g_strdup_printf ("SELECT least(count(*), 50) FROM order_search"
                           " WHERE text LIKE '%%' || lower('%s') || '%%' AND text LIKE '%%' || lower('%s') || '%%'",
                           words[0], words[1]);
    expected = wx_test_db_count (conn, sql);
    g_test_message ("two words “%s”: %u cards, %" G_GINT64_FORMAT " expected", two, cards->len, expected);
    g_assert_cmpint (expected, >=, 1);
    g_assert_cmpint (cards->len, ==, expected);
  }
  g_test_message ("searched %s %s %s %s %s %s %s %s %s %s", number_tail, mobile_part, mobile_spaced,
                  landline_spaced, serial_lower, unit_part, unit_two, contact, contact_given, serial_part);
}

/* Common fragments, answered from the newest orders, and the limit. */
static void
test_search_common_and_limit (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) five = search (conn, "公司", 5);
  g_autoptr(GPtrArray) one = search (conn, "2026", 1);
  gint64 total = wx_test_db_count (conn, "SELECT count(*) FROM service_orders WHERE unit_name LIKE '%公司%'");

  g_assert_cmpint (total, >, 100);
  g_assert_cmpuint (five->len, ==, 5);
  g_assert_cmpuint (one->len, ==, 1);
  for (guint i = 1; i < five->len; i++)
    g_assert_cmpint (wx_order_get_data (g_ptr_array_index (five, i - 1))->received_at, >=,
                     wx_order_get_data (g_ptr_array_index (five, i))->received_at);
  g_assert_cmpuint (check_search (conn, "公司", 5), ==, 5);
  g_assert_cmpuint (check_search (conn, "公司", 50), ==, 50);
  g_assert_cmpuint (check_search (conn, "有限公司", 20), ==, 20);
  g_assert_cmpuint (check_search (conn, "2026", 7), ==, 7);
  g_assert_cmpuint (check_search (conn, "广", 3), ==, 3);
  /* Beyond what the newest orders can fill: all matches, through the indexes. */
  g_assert_cmpuint (check_search (conn, "公司", 5000), ==, total);
  g_assert_cmpuint (check_search (conn, "广州", 2000), >, 100);
}

/* Orders made for the test, with rare names: found by fragments of one,
 * two and more characters, in any case; a customer's own phone finds its
 * orders. */
static void
test_search_made_orders (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = wx_test_db_value (conn,
    "INSERT INTO customers (unit_name, contact_person, mobile, phone)"
    " VALUES ('广州市番禺区翡翠鹦鹉科技有限公司', '司马懿', '13900001111', '(020) 3456-7890') RETURNING id");
  const char *params[] = { customer };
  g_autoptr(PGresult) made = PQexecParams (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile,"
    "                            product_name, model, serial, reported_fault, received_at)"
    " SELECT 'carry_in', 'received', $1::bigint, '广州市番禺区翡翠鹦鹉科技有限公司', '司马懿', '139-0000-1111',"
    "        '笔记本电脑', 'ThinkPad X1 Carbon', 'PF-3QZ' || i, '不开机', now() - i * interval '1 day'"
    "   FROM generate_series(1, 3) i RETURNING number", 1, NULL, params, NULL, NULL, 0);
  g_autoptr(GPtrArray) cards = NULL;

  g_assert_cmpint (PQresultStatus (made), ==, PGRES_TUPLES_OK);
  g_assert_cmpuint (check_search (conn, "翡翠鹦鹉", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "鹦鹉", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "鹉", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "司马懿", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "司马", 50), >=, 3);
  g_assert_cmpuint (check_search (conn, "pf-3qz", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "PF-3QZ2", 50), ==, 1);
  g_assert_cmpuint (check_search (conn, "Pf-3Qz", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "thinkpad", 50), ==, 0);   /* the model is not searched */
  g_assert_cmpuint (check_search (conn, "139 0000 1111", 50), ==, 3);
  g_assert_cmpuint (check_search (conn, "00001111", 50), ==, 3);
  /* The customer's landline is on none of the orders. */
  g_assert_cmpuint (check_search (conn, "3456 7890", 50), >=, 3);
  g_assert_cmpuint (check_search (conn, "020-3456", 50), >=, 3);
  cards = search (conn, "翡翠鹦鹉", 2);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (wx_order_get_data (g_ptr_array_index (cards, 0))->serial, ==, "PF-3QZ1");
  g_assert_cmpstr (wx_order_get_data (g_ptr_array_index (cards, 1))->serial, ==, "PF-3QZ2");
  g_assert_cmpstr (wx_order_get_data (g_ptr_array_index (cards, 0))->phone, ==, "139-0000-1111");
}

/* The search follows what the desk enters and changes, as the desk's own
 * role: a new order, a corrected contact and unit name, a step of the
 * workflow (which leaves the search row alone). */
static void
test_search_follows_changes (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *engineer = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

  as_coordinator (conn, TRUE);
  id = wx_test_db_value (conn,
    "SELECT order_id FROM wx_intake('{\"kind\": \"carry_in\", \"unit\": \"广州市荔湾区琉璃厂文具店\","
    " \"contact\": \"诸葛亮\", \"phone\": \"13712340000\", \"product\": \"喷墨打印机\","
    " \"model\": \"Canon G3800\", \"fault\": \"不进纸\"}')");
  as_coordinator (conn, FALSE);
  g_assert_cmpuint (check_search (conn, "琉璃厂", 50), ==, 1);
  g_assert_cmpuint (check_search (conn, "诸葛", 50), ==, 1);
  g_assert_cmpuint (check_search (conn, "1234 0000", 50), ==, 1);

  /* A correction of the order: the amend step, as the desk. */
  as_coordinator (conn, TRUE);
  wx_test_db_exec (conn, "SELECT * FROM wx_amend((SELECT number FROM service_orders WHERE contact_person = '诸葛亮'),"
                         " (SELECT version FROM service_orders WHERE contact_person = '诸葛亮'),"
                         " '{\"contact_person\": \"黄月英\", \"unit_name\": \"广州市荔湾区琉璃坊文具店\"}')");
  as_coordinator (conn, FALSE);
  g_assert_cmpuint (check_search (conn, "诸葛", 50), ==, 0);
  g_assert_cmpuint (check_search (conn, "琉璃厂", 50), ==, 0);
  g_assert_cmpuint (check_search (conn, "黄月英", 50), ==, 1);
  g_assert_cmpuint (check_search (conn, "琉璃坊", 50), ==, 1);

  before = wx_test_db_value (conn, "SELECT xmin::text FROM order_search WHERE order_id = " "(SELECT max(id) FROM service_orders WHERE contact_person = '黄月英')");
  wx_test_db_exec (conn, "SELECT wx_staff_ensure('board_engineer', '陈工', '{wx_engineer}')");
  engineer = g_strdup ("board_engineer");
  number = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE contact_person = '黄月英'");
  g_hash_table_insert (data, (gpointer) "engineer", engineer);
  as_coordinator (conn, TRUE);
  wx_db_order_step (conn, number, "dispatch_inspection", data, NULL, &error);
  as_coordinator (conn, FALSE);
  g_assert_no_error (error);
  after = wx_test_db_value (conn, "SELECT xmin::text FROM order_search WHERE order_id = " "(SELECT max(id) FROM service_orders WHERE contact_person = '黄月英')");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (check_search (conn, "琉璃坊", 50), ==, 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_search"), ==,
                   wx_test_db_count (conn, "SELECT count(*) FROM service_orders"));
}

/* No text, no results; text that looks like SQL or LIKE patterns is only
 * text. */
static void
test_search_odd_text (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  static const char *odd[] = {
    "'; DROP TABLE service_orders; --", "%", "_", "\\", "%%%", "_2026", "2026-%", "' OR '1'='1",
    "\"", "O'Brien", "$1", "{a,b}", "ARRAY['x']", "\xe5\xb9", "a\tb",
  };
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  g_autoptr(GPtrArray) empty = search (conn, "", 50);
  g_autoptr(GPtrArray) blank = search (conn, "  \t ", 50);
  g_autoptr(GPtrArray) null = search (conn, NULL, 50);
  g_autoptr(GPtrArray) none = search (conn, "公司", 0);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (null->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GPtrArray) cards = search (conn, odd[i], 50);
      if (g_utf8_validate (odd[i], -1, NULL))
        check_search (conn, odd[i], 50);
      g_assert_cmpuint (cards->len, ==, 0);
    }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, before);
}

/* A search result is the same card as the board's. */
static void
test_search_cards_equal_board (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) all = board (conn);
  guint compared = 0;

  for (guint i = 0; i < all->len; i += 17)
    {
      WxOrder *card = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) found = search (conn, wx_order_get_number (card), 50);
      WxOrder *same = card_with_id (found, wx_order_get_id (card));

      g_assert_nonnull (same);
      g_assert_true (wx_order_equal (same, card));
      compared++;
    }
  g_assert_cmpuint (compared, >, 3);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("board", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  fixed = wx_test_fixed_now ();
  now = g_date_time_to_unix (fixed);
  if (!wx_db_demo_load (conn, 300, fixed, &error))
    g_error ("demo data: %s", error->message);
  /* Two open escalations on the first order in inspection; one open and one
   * resolved on the second. */
  wx_test_db_exec (conn,
    "WITH o AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM service_orders"
    "            WHERE state = 'inspecting' ORDER BY id LIMIT 2)"
    "INSERT INTO escalations (order_id, trigger, reason, resolved_at, resolved_by, resolution)"
    " SELECT o.id, 'manual', '缺少维修手册', CASE WHEN o.k = 2 AND n = 2 THEN now() END,"
    "        CASE WHEN o.k = 2 AND n = 2 THEN current_user END,"
    "        CASE WHEN o.k = 2 AND n = 2 THEN '已借到维修手册' ELSE '' END"
    "   FROM o, generate_series(1, 2) n");
  wx_test_db_exec (conn, "ANALYZE");

  g_test_add_func ("/board/open-orders", test_board_open_orders);
  g_test_add_func ("/board/clocks-agree", test_board_clocks_agree);
  g_test_add_func ("/board/load-ids", test_board_load_ids);
  g_test_add_func ("/board/known-clocks", test_board_known_clocks);
  g_test_add_func ("/search/demo-values", test_search_demo_values);
  g_test_add_func ("/search/common-and-limit", test_search_common_and_limit);
  g_test_add_func ("/search/made-orders", test_search_made_orders);
  g_test_add_func ("/search/follows-changes", test_search_follows_changes);
  g_test_add_func ("/search/odd-text", test_search_odd_text);
  g_test_add_func ("/search/cards-equal-board", test_search_cards_equal_board);
  return g_test_run ();
}

/* The supervisor's callbacks, complaints and escalations against a real
 * database (src/db/wx-db-callbacks.c, data/sql/functions/feedback.sql): the
 * lists hold exactly the orders and calls they must on a given day (with
 * some just outside each window), a second run adds nothing, and the staff
 * cannot aim the sweep at another day; the due times on the business
 * calendar across 中秋 and 国庆 2026 with their make-up days, the SQL
 * calendar equal to core's; recording a callback (bad input refused with a
 * sentence and nothing written — core's sentence and the server's the
 * same —, not reached → stays on the list, the follow-up of a machine not
 * working in one step); the five steps of a complaint in order, closing
 * only after the fifth or early with a reason by a supervisor; an
 * escalation resolved once; the supervisor's sweep on the server's clock.
 * The user's side runs as real staff logins (SET SESSION AUTHORIZATION),
 * whose direct writes on these tables 017_feedback.sql takes away. */
#include <libpq-fe.h>

#include "core/wx-callback.h"
#include "core/wx-error.h"
#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-callbacks.h"
#include "db/wx-db-error.h"
#include "wx-test-db.h"

static char *conninfo;

#define SUPERVISOR  "cb_zhou"    /* 周主管, a supervisor's own login */
#define COORDINATOR "cb_zhang"   /* 张前台 */
#define ENGINEER    "cb_li"      /* 李工 */

/* Acts as the staff login `login` (NULL: the owner again). */
static void
as_login (PGconn *conn, const char *login)
{
  g_autofree char *sql = login ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", login)
                               : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* A carry-in (or on-site) order tagged `tag` (its serial), handed over at
 * `picked_up` (NULL: not yet); returns its id. */
static gint64
order (PGconn *conn, const char *kind, const char *state, const char *tag, const char *picked_up)
{
  const char *params[] = { kind, state, tag, picked_up };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = wx_db_query_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "                            product_name, model, serial, reported_fault, picked_up_at, received_at)"
    " VALUES ($1, $2, 1, '广州大学', '天河区五山路 1 号', '李明', '13812345678', '激光打印机', 'M404dn', $3, '卡纸',"
    "         $4::timestamptz, coalesce($4::timestamptz - interval '2 days', '2026-11-10 10:00+08'))"
    " RETURNING id", 4, params, &error);

  g_assert_no_error (error);
  return g_ascii_strtoll (id, NULL, 10);
}

/* An inbound (or outbound) call tagged `tag` (its subject); returns its id. */
static gint64
call (PGconn *conn, const char *direction, const char *purpose, const char *tag, const char *at,
      const char *result, const char *promised, gint64 order_id, gboolean customer)
{
  g_autofree char *order_text = order_id ? g_strdup_printf ("%" G_GINT64_FORMAT, order_id) : NULL;
  const char *params[] = { at, direction, purpose, tag, result, promised, order_text, customer ? "1" : NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = wx_db_query_value (conn,
    "INSERT INTO calls (at, direction, purpose, subject, result, promised_reply_at, order_id, customer_id,"
    "                   contact, phone)"
    " VALUES ($1::timestamptz, $2, $3, $4, $5, $6::timestamptz, $7::bigint, $8::bigint, '王先生', '13900001111')"
    " RETURNING id", 8, params, &error);

  g_assert_no_error (error);
  return g_ascii_strtoll (id, NULL, 10);
}

/* Every callback as "kind tag due" (local time), sorted. */
static char *
lists (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT string_agg(b.kind || ' ' || coalesce(o.serial, c.subject) || ' '"
    "                  || to_char(b.due_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD HH24:MI'), ', '"
    "                  ORDER BY b.kind, coalesce(o.serial, c.subject))"
    "  FROM callbacks b LEFT JOIN service_orders o ON o.id = b.order_id LEFT JOIN calls c ON c.id = b.call_id");
}

static gint64 w_handed_wed, h_promised, g_guided;

static void
test_lists (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  gint64 fixed, later;

  /* The Friday list: handed over Saturday 00:00 … the coming Friday. */
  order (conn, "carry_in", "picked_up", "W-FRI-BEFORE", "2026-11-13 23:59+08");  /* last week's list */
  order (conn, "carry_in", "picked_up", "W-SAT", "2026-11-14 00:00+08");
  w_handed_wed = order (conn, "carry_in", "entered", "W-WED", "2026-11-18 15:00+08");
  order (conn, "carry_in", "picked_up", "W-AFTER-NOW", "2026-11-18 15:31+08");  /* not yet */
  order (conn, "carry_in", "archived", "W-OLD", "2026-11-04 15:29+08");        /* beyond 14 days */
  order (conn, "carry_in", "repaired", "W-NOT-HANDED", NULL);
  /* On-site: 24 hours after the fix on site, or after the handover of a machine taken back. */
  fixed = order (conn, "on_site", "fixed_on_site", "O-FIXED", NULL);
  later = order (conn, "on_site", "fixed_on_site", "O-FIXED-LATER", NULL);
  order (conn, "on_site", "picked_up", "O-TAKEN-BACK", "2026-11-16 10:00+08");
  order (conn, "on_site", "on_site", "O-STILL-THERE", NULL);
  {
    g_autofree char *a = id_text (fixed);
    g_autofree char *b = id_text (later);
    const char *params[] = { a, b };
    g_assert_true (wx_db_execute (conn,
      "INSERT INTO order_events (order_id, event, from_state, to_state, at) VALUES"
      " ($1::bigint, 'fix_on_site', 'on_site', 'fixed_on_site', '2026-11-17 15:30+08'),"
      " ($2::bigint, 'fix_on_site', 'on_site', 'fixed_on_site', '2026-11-18 15:30:01+08')", 2, params, &error));
    g_assert_no_error (error);
  }
  /* Hotline cases with a reply promised, no order: the next day at opening time. */
  h_promised = call (conn, "inbound", "request", "H-TUE", "2026-11-17 16:00+08", "", "2026-11-17 18:00+08", 0, TRUE);
  call (conn, "inbound", "enquiry", "H-WED", "2026-11-18 10:00+08", "", "2026-11-18 17:00+08", 0, FALSE);
  call (conn, "inbound", "request", "H-WITH-ORDER", "2026-11-17 11:00+08", "", "2026-11-17 18:00+08", 1, TRUE);
  call (conn, "outbound", "quote", "H-OUTBOUND", "2026-11-17 11:00+08", "", "2026-11-17 18:00+08", 0, TRUE);
  call (conn, "inbound", "request", "H-FRI-EVENING", "2026-11-20 20:00+08", "", "2026-11-21 10:00+08", 0, FALSE);  /* future */
  /* Phone guidance: a request answered on the phone, no order, no promise: 2 hours later. */
  g_guided = call (conn, "inbound", "request", "G-GUIDED", "2026-11-18 13:00+08", "指导用户清洁搓纸轮", NULL, 0, FALSE);
  call (conn, "inbound", "request", "G-NOTHING-SAID", "2026-11-18 13:05+08", "", NULL, 0, FALSE);
  call (conn, "inbound", "enquiry", "G-ENQUIRY", "2026-11-18 13:10+08", "告知营业时间", NULL, 0, FALSE);
  call (conn, "inbound", "request", "G-AFTER-NOW", "2026-11-18 15:31+08", "指导换硒鼓", NULL, 0, FALSE);
  call (conn, "inbound", "request", "G-OLD", "2026-11-04 15:00+08", "指导换硒鼓", NULL, 0, FALSE);

  /* As of Wednesday 2026-11-18 15:30: only the owner aims the lists at a day. */
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_callbacks_generate_at('2026-11-18 15:30+08')"), ==, 9);
  got = lists (conn);
  g_assert_cmpstr (got, ==,
    "hotline_next_day H-TUE 11-18 09:00, hotline_next_day H-WED 11-19 09:00, "
    "onsite_24h O-FIXED 11-18 15:30, onsite_24h O-TAKEN-BACK 11-17 10:00, "
    "phone_guidance_2h G-GUIDED 11-18 15:00, "
    "weekly O-TAKEN-BACK 11-20 18:00, weekly W-FRI-BEFORE 11-13 18:00, weekly W-SAT 11-20 18:00, "
    "weekly W-WED 11-20 18:00");

  /* Idempotent: a second run adds nothing. */
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_callbacks_generate_at('2026-11-18 15:30+08')"), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, 9);

  /* The staff cannot aim the sweep at another day, nor write the lists. */
  as_login (conn, SUPERVISOR);
  {
    g_autofree char *future = wx_test_db_sqlstate (conn, "SELECT wx_callbacks_generate_at('2026-11-25 15:30+08')", 0, NULL);
    g_autofree char *infinity = wx_test_db_sqlstate (conn, "SELECT wx_callbacks_generate_at('infinity')", 0, NULL);
    g_autofree char *insert = wx_test_db_sqlstate (conn,
      "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'weekly', now())", 0, NULL);
    g_autofree char *update = wx_test_db_sqlstate (conn, "UPDATE callbacks SET satisfaction = 5", 0, NULL);
    g_assert_cmpstr (future, ==, "42501");
    g_assert_cmpstr (infinity, ==, "42501");
    g_assert_cmpstr (insert, ==, "42501");
    g_assert_cmpstr (update, ==, "42501");
  }
  as_login (conn, ENGINEER);
  {
    g_autofree char *state = wx_test_db_sqlstate (conn, "SELECT wx_callbacks_generate()", 0, NULL);
    g_assert_cmpstr (state, ==, "42501");
  }
  as_login (conn, NULL);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, 9);
}

/* ------------------------------------------------------------ the business calendar */

/* The State Council's 2026 arrangement (国办发明电): 中秋 25–27 September;
 * 国庆 1–7 October, made up on Sunday 20 September and Saturday 10
 * October. The shop works the make-up Sunday 10:00–16:00 only; the
 * Saturday at its usual hours. */
static const char holidays_2026[] =
  "INSERT INTO calendar_days (day, kind, name, opens, closes) VALUES"
  " ('2026-09-20', 'workday', '国庆调休', '10:00', '16:00'),"
  " ('2026-09-25', 'holiday', '中秋节', NULL, NULL), ('2026-09-26', 'holiday', '中秋节', NULL, NULL),"
  " ('2026-09-27', 'holiday', '中秋节', NULL, NULL),"
  " ('2026-10-01', 'holiday', '国庆节', NULL, NULL), ('2026-10-02', 'holiday', '国庆节', NULL, NULL),"
  " ('2026-10-03', 'holiday', '国庆节', NULL, NULL), ('2026-10-04', 'holiday', '国庆节', NULL, NULL),"
  " ('2026-10-05', 'holiday', '国庆节', NULL, NULL), ('2026-10-06', 'holiday', '国庆节', NULL, NULL),"
  " ('2026-10-07', 'holiday', '国庆节', NULL, NULL),"
  " ('2026-10-10', 'workday', '国庆调休', NULL, NULL)";

static char *
due_of (PGconn *conn, const char *kind, const char *at)
{
  const char *params[] = { kind, at };
  g_autoptr(GError) error = NULL;
  char *due = wx_db_query_value (conn,
    "SELECT to_char(wx_callback_due($1, $2::timestamptz) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')",
    2, params, &error);

  g_assert_no_error (error);
  return due;
}

static void
test_calendar (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  static const struct { const char *kind, *at, *due; } cases[] = {
    /* A hotline case of 30 September: the first working day after 国庆, at opening time. */
    { "hotline_next_day",  "2026-09-30 10:00+08", "2026-10-08 09:00" },
    /* Saturday before the make-up Sunday: that Sunday, at its own opening. */
    { "hotline_next_day",  "2026-09-19 11:00+08", "2026-09-20 10:00" },
    /* Thursday before 中秋 (Friday to Sunday off): Monday. */
    { "hotline_next_day",  "2026-09-24 16:00+08", "2026-09-28 09:00" },
    { "hotline_next_day",  "2026-11-17 16:00+08", "2026-11-18 09:00" },
    /* The Friday list: a holiday Friday moves to the last working day before it … */
    { "weekly",            "2026-09-28 15:00+08", "2026-09-30 18:00" },
    { "weekly",            "2026-09-21 10:00+08", "2026-09-24 18:00" },
    /* … not before the handover: handed over on the holiday, the first working day after. */
    { "weekly",            "2026-10-01 11:00+08", "2026-10-08 18:00" },
    { "weekly",            "2026-10-05 11:00+08", "2026-10-09 18:00" },
    { "weekly",            "2026-11-20 17:00+08", "2026-11-20 18:00" },
    /* On site: the same time the next working day, inside its hours. */
    { "onsite_24h",        "2026-09-30 15:00+08", "2026-10-08 15:00" },
    { "onsite_24h",        "2026-09-19 17:30+08", "2026-09-20 16:00" },
    { "onsite_24h",        "2026-11-21 08:00+08", "2026-11-23 09:00" },
    /* Phone guidance: two working hours. */
    { "phone_guidance_2h", "2026-09-30 17:00+08", "2026-10-08 10:00" },
    { "phone_guidance_2h", "2026-09-19 17:00+08", "2026-09-20 11:00" },
    { "phone_guidance_2h", "2026-11-18 13:00+08", "2026-11-18 15:00" },
  };
  g_autoptr(WxCalendar) calendar = NULL;
  gint64 call_id;

  wx_test_db_exec (conn, holidays_2026);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *due = due_of (conn, cases[i].kind, cases[i].at);
      g_test_message ("%s from %s", cases[i].kind, cases[i].at);
      g_assert_cmpstr (due, ==, cases[i].due);
    }

  /* Through the sweep: the hotline case of 30 September. */
  call_id = call (conn, "inbound", "request", "H-GUOQING", "2026-09-30 10:00+08", "", "2026-09-30 17:00+08", 0, TRUE);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_callbacks_generate_at('2026-09-30 18:00+08')"), ==, 1);
  {
    g_autofree char *id = id_text (call_id);
    const char *params[] = { id };
    g_autofree char *due = wx_db_query_value (conn,
      "SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM callbacks"
      " WHERE call_id = $1::bigint AND kind = 'hotline_next_day'", 1, params, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (due, ==, "2026-10-08 09:00");
    g_assert_true (wx_db_execute (conn, "DELETE FROM callbacks WHERE call_id = $1::bigint", 1, params, &error));
    g_assert_true (wx_db_execute (conn, "DELETE FROM calls WHERE id = $1::bigint", 1, params, &error));
    g_assert_no_error (error);
  }

  /* The server's calendar is core's: every day's hours, and business
   * minutes added from instants all through September and October. */
  calendar = wx_db_calendar_load (conn, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
    g_autoptr(GDateTime) start = g_date_time_new (zone, 2026, 9, 14, 0, 0, 0);
    static const gint64 minutes[] = { 0, 120, 600 };

    for (gint64 t = g_date_time_to_unix (start); t < g_date_time_to_unix (start) + 40 * 86400; t += 5 * 3600 + 17 * 60)
      {
        g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
        g_autofree char *t_text = id_text (t);

        for (guint m = 0; m < G_N_ELEMENTS (minutes); m++)
          {
            g_autoptr(GDateTime) core = wx_calendar_add_minutes (calendar, at, minutes[m]);
            g_autofree char *m_text = id_text (minutes[m]);
            const char *params[] = { t_text, m_text };
            g_autofree char *server = wx_db_query_value (conn,
              "SELECT floor(extract(epoch FROM wx_business_due(to_timestamp($1::bigint), $2::integer)))::bigint",
              2, params, &error);
            g_assert_no_error (error);
            g_assert_cmpint (g_ascii_strtoll (server, NULL, 10), ==, g_date_time_to_unix (core));
          }
      }
    for (guint d = 0; d < 40; d++)
      {
        g_autoptr(GDateTime) day = g_date_time_add_days (start, d);
        g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");
        const char *params[] = { iso };
        g_autofree char *server = wx_db_query_value (conn,
          "SELECT coalesce((extract(epoch FROM h.opens) / 60)::int || '-' || (extract(epoch FROM h.closes) / 60)::int,"
          "                'closed') FROM wx_day_hours($1::date) h", 1, params, &error);
        GDate date;
        guint opens = 0, closes = 0;
        g_autofree char *core = NULL;

        g_assert_no_error (error);
        g_date_clear (&date, 1);
        g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                        g_date_time_get_year (day));
        core = wx_calendar_day_hours (calendar, &date, &opens, &closes)
          ? g_strdup_printf ("%u-%u", opens, closes) : g_strdup ("closed");
        g_test_message ("%s", iso);
        g_assert_cmpstr (server, ==, core);
      }
  }
  wx_test_db_exec (conn, "DELETE FROM calendar_days WHERE day BETWEEN '2026-09-01' AND '2026-10-31'");
}

/* ------------------------------------------------------------ recording a callback */

static gint64
callback_of (PGconn *conn, const char *where)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT b.id FROM callbacks b LEFT JOIN service_orders o ON o.id = b.order_id"
    " LEFT JOIN calls c ON c.id = b.call_id WHERE %s", where);
  return wx_test_db_count (conn, sql);
}

static gint64
server_now (PGconn *conn)
{
  return wx_test_db_count (conn, "SELECT floor(extract(epoch FROM now()))::bigint");
}

/* Everything a user action here may change, as one string: compared before
 * and after a refusal. */
static char *
snapshot (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT coalesce((SELECT string_agg(concat_ws('/', id, done_at, actor, reached, attempts, call_again_at, satisfaction,"
    "                                    comments, return_order_id, complaint_id), ';' ORDER BY id) FROM callbacks), '')"
    "    || ' orders ' || (SELECT count(*) FROM service_orders)"
    "    || ' complaints ' || coalesce((SELECT string_agg(concat_ws('/', id, closed_at, closed_by, outcome, early_close_reason),"
    "                                                     ';' ORDER BY id) FROM complaints), '')"
    "    || ' steps ' || (SELECT count(*) FROM complaint_steps)"
    "    || ' escalations ' || coalesce((SELECT string_agg(concat_ws('/', id, resolved_at, resolved_by, resolution),"
    "                                                      ';' ORDER BY id) FROM escalations), '')"
    "    || ' events ' || (SELECT count(*) FROM order_events)");
}

/* The server refuses `sql` with exactly `sentence` (and the error `code`),
 * and nothing changes: the database path says what core says. */
static void
server_refuses (PGconn *conn, WxDbError code, const char *sentence, const char *sql, int n_params,
                const char * const *params)
{
  g_autofree char *before = snapshot (conn);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn, sql, n_params, params, &error);

  g_assert_null (res);
  g_assert_error (error, WX_DB_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, sentence);
  after = snapshot (conn);
  g_assert_cmpstr (before, ==, after);
}

static const char *
answer_text (WxAnswer a)
{
  return a == WX_ANSWER_YES ? "true" : a == WX_ANSWER_NO ? "false" : NULL;
}

/* The answer straight to the server, no core check on the way. */
static void
server_refuses_answer (PGconn *conn, const WxCallbackAnswer *a, const char *sentence)
{
  g_autofree char *id = id_text (a->callback_id);
  g_autofree char *again = a->call_again_at ? id_text (a->call_again_at) : NULL;
  g_autofree char *score = g_strdup_printf ("%d", a->satisfaction);
  const char *params[] = {
    id, a->reached ? "true" : "false", again, answer_text (a->machine_working),
    (a->weak & WX_WEAK_RESPONSE) ? "true" : "false", answer_text (a->engineer_explained), score,
    a->comments ? a->comments : "",
    a->follow_up == WX_FOLLOW_UP_RETURN_REPAIR ? "return_repair" : a->follow_up == WX_FOLLOW_UP_COMPLAINT ? "complaint" : "none",
    a->follow_up_note ? a->follow_up_note : "",
  };

  server_refuses (conn, WX_DB_ERROR_INVALID, sentence,
    "SELECT wx_callback_record(p_callback => $1::bigint, p_reached => $2::boolean,"
    "  p_call_again_at => to_timestamp($3::bigint), p_machine_working => $4::boolean,"
    "  p_weak_response => $5::boolean, p_engineer_explained => $6::boolean, p_satisfaction => $7::integer,"
    "  p_comments => $8, p_follow_up => $9, p_follow_up_note => $10)", G_N_ELEMENTS (params), params);
}

/* Refused by core with a sentence containing `sentence_part`, and by the
 * server with the very same sentence; nothing written either way. */
static void
refused (PGconn *conn, const WxCallbackAnswer *answer, const char *sentence_part)
{
  g_autofree char *before = snapshot (conn);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (wx_db_callback_record (conn, answer, NULL, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, sentence_part));
  after = snapshot (conn);
  g_assert_cmpstr (before, ==, after);
  server_refuses_answer (conn, answer, error->message);
}

static gboolean
on_due_list (PGconn *conn, gint64 id, gint64 *due_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = wx_db_callbacks_due (conn, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      WxCallbackDue *d = g_ptr_array_index (due, i);
      if (d->id == id)
        {
          if (due_at)
            *due_at = d->due_at;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_record (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_auto(WxCallbackOutcome) outcome = { 0 };
  gint64 sat = callback_of (conn, "o.serial = 'W-SAT' AND b.kind = 'weekly'");
  gint64 now = server_now (conn);
  gint64 due_at = 0;
  WxCallbackAnswer a = { .callback_id = sat, .reached = TRUE, .machine_working = WX_ANSWER_YES,
                         .weak = WX_WEAK_RESPONSE | WX_WEAK_ATTITUDE, .engineer_explained = WX_ANSWER_YES,
                         .satisfaction = 4, .comments = "等了两天才报价" };

  as_login (conn, SUPERVISOR);
  /* The due list: by list, then by time; the phone cases name their caller. */
  {
    g_autoptr(GPtrArray) due = wx_db_callbacks_due (conn, &error);
    WxCallbackDue *first;
    g_assert_no_error (error);
    g_assert_cmpuint (due->len, ==, 9);
    first = g_ptr_array_index (due, 0);
    g_assert_cmpstr (first->kind, ==, "weekly");
    g_assert_cmpstr (((WxCallbackDue *) g_ptr_array_index (due, 8))->kind, ==, "phone_guidance_2h");
    g_assert_cmpstr (((WxCallbackDue *) g_ptr_array_index (due, 8))->phone, ==, "13900001111");
    g_assert_cmpint (((WxCallbackDue *) g_ptr_array_index (due, 8))->order_id, ==, 0);
  }

  /* Bad input: a sentence, nothing written; the server says the same. */
  a.satisfaction = 0;
  refused (conn, &a, "satisfaction");
  a.satisfaction = 6;
  refused (conn, &a, "satisfaction");
  a.satisfaction = 4;
  a.machine_working = WX_ANSWER_UNKNOWN;
  refused (conn, &a, "machine is working");
  a.machine_working = WX_ANSWER_YES;
  a.follow_up = WX_FOLLOW_UP_COMPLAINT;
  refused (conn, &a, "only opened when the machine is not working");
  a.follow_up = WX_FOLLOW_UP_NONE;
  {
    g_autofree char *long_comments = g_strnfill (2001, 'x');
    WxCallbackAnswer chatty = a;
    chatty.comments = long_comments;
    refused (conn, &chatty, "2,000 characters");
  }
  {
    WxCallbackAnswer nobody = { .callback_id = sat, .reached = FALSE };
    refused (conn, &nobody, "when to call again");
    nobody.call_again_at = now - 60;
    refused (conn, &nobody, "already passed");
    nobody.call_again_at = now + 91 * 86400;
    refused (conn, &nobody, "more than 90 days ahead");
    nobody.call_again_at = now + 3600;
    nobody.satisfaction = 3;
    refused (conn, &nobody, "nobody was reached");

    /* Not reached: counted, and on the list again at the time given. */
    nobody.satisfaction = 0;
    nobody.comments = "客户在开会，下午再打";
    g_assert_true (wx_db_callback_record (conn, &nobody, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (on_due_list (conn, sat, &due_at));
    g_assert_cmpint (due_at, ==, now + 3600);
    g_assert_cmpint (wx_test_db_count (conn, "SELECT attempts FROM callbacks WHERE reached = false"), ==, 1);
  }

  /* Not for an engineer: the server says who may, nothing written. */
  as_login (conn, ENGINEER);
  {
    g_autofree char *before = snapshot (conn);
    g_autofree char *after = NULL;
    g_autoptr(GError) denied = NULL;
    g_assert_false (wx_db_callback_record (conn, &a, NULL, &denied));
    g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
    g_assert_cmpstr (denied->message, ==, "Only the front desk and the supervisors work on the callback lists.");
    after = snapshot (conn);
    g_assert_cmpstr (before, ==, after);
  }
  as_login (conn, SUPERVISOR);

  /* Reached: done, off the list, every answer kept, who is the login. */
  g_assert_true (wx_db_callback_record (conn, &a, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome.return_order_id, ==, 0);
  g_assert_cmpint (outcome.complaint_id, ==, 0);
  g_assert_false (on_due_list (conn, sat, NULL));
  {
    g_autofree char *row = NULL;
    g_autofree char *sql = g_strdup_printf (
      "SELECT concat_ws(' ', reached, machine_working, weak_response, weak_repair_time, weak_attitude,"
      "  weak_quote_speed, engineer_explained, satisfaction, comments, actor, attempts, call_again_at IS NULL)"
      "  FROM callbacks WHERE id = %" G_GINT64_FORMAT " AND done_at IS NOT NULL", sat);
    row = wx_test_db_value (conn, sql);
    g_assert_cmpstr (row, ==, "t t t f t f t 4 等了两天才报价 " SUPERVISOR " 1 t");
  }
  /* Twice: someone already did it — the server names who. */
  g_assert_false (wx_db_callback_record (conn, &a, NULL, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "周主管 has already recorded this callback; reload the list.");
  {
    g_autofree char *id = id_text (sat);
    const char *params[] = { id };
    server_refuses (conn, WX_DB_ERROR_CONFLICT, error->message,
                    "SELECT wx_callback_record(p_callback => $1::bigint, p_reached => true, p_machine_working => true,"
                    "                          p_satisfaction => 5)", 1, params);
  }
  g_clear_error (&error);
  as_login (conn, NULL);
}

/* "Not working" opens its follow-up with the callback, in one step. */
static void
test_follow_up (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  gint64 wed = callback_of (conn, "o.serial = 'W-WED' AND b.kind = 'weekly'");
  gint64 hotline = callback_of (conn, "c.subject = 'H-TUE'");
  gint64 guided = callback_of (conn, "c.subject = 'G-GUIDED'");
  WxCallbackAnswer a = { .callback_id = wed, .reached = TRUE, .machine_working = WX_ANSWER_NO,
                         .engineer_explained = WX_ANSWER_NO, .satisfaction = 2 };

  as_login (conn, SUPERVISOR);
  refused (conn, &a, "open a return repair or a complaint");
  a.follow_up = WX_FOLLOW_UP_RETURN_REPAIR;
  refused (conn, &a, "what is wrong");
  a.follow_up_note = "又卡纸了";
  /* A return repair that is not this callback's: the server refuses to link it. */
  {
    g_autofree char *id = id_text (wed);
    const char *params[] = { id };
    server_refuses (conn, WX_DB_ERROR_INVALID,
                    "The return repair was not opened for this callback's order; record the callback again.",
                    "SELECT wx_callback_record(p_callback => $1::bigint, p_reached => true, p_machine_working => false,"
                    "  p_satisfaction => 2, p_follow_up => 'return_repair', p_follow_up_note => '又卡纸了',"
                    "  p_return_order => 1)", 1, params);
    server_refuses (conn, WX_DB_ERROR_INVALID, "Choose the follow-up: none, a return repair or a complaint.",
                    "SELECT wx_callback_record(p_callback => $1::bigint, p_reached => true, p_machine_working => false,"
                    "  p_satisfaction => 2, p_follow_up => 'refund')", 1, params);
  }
  {
    g_auto(WxCallbackOutcome) outcome = { 0 };
    g_autofree char *sql = NULL;
    g_autofree char *row = NULL;

    g_assert_true (wx_db_callback_record (conn, &a, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome.return_order_id, >, 0);
    g_assert_nonnull (outcome.return_order_number);
    sql = g_strdup_printf (
      "SELECT concat_ws(' ', n.kind, n.state, n.is_return_repair, n.return_of_order_id = %" G_GINT64_FORMAT ","
      "  n.serial, n.customer_id, n.reported_fault LIKE '%%又卡纸了',"
      "  (SELECT string_agg(e.event, ',' ORDER BY e.id) FROM order_events e WHERE e.order_id = n.id),"
      "  b.return_order_id = n.id, b.machine_working, b.actor)"
      "  FROM service_orders n, callbacks b WHERE n.id = %" G_GINT64_FORMAT " AND b.id = %" G_GINT64_FORMAT,
      w_handed_wed, outcome.return_order_id, wed);
    row = wx_test_db_value (conn, sql);
    g_assert_cmpstr (row, ==, "carry_in received t t W-WED 1 t received,return_repair t f " SUPERVISOR);
  }

  /* A phone case has no order to repair again; its caller's complaint instead. */
  {
    WxCallbackAnswer phone = { .callback_id = guided, .reached = TRUE, .machine_working = WX_ANSWER_NO,
                               .satisfaction = 3, .follow_up = WX_FOLLOW_UP_RETURN_REPAIR,
                               .comments = "清洁后还是不进纸" };
    refused (conn, &phone, "no service order");
    phone.follow_up = WX_FOLLOW_UP_COMPLAINT;
    refused (conn, &phone, "no customer record");   /* the guided caller is nobody's customer yet */
    phone.callback_id = hotline;
    {
      g_auto(WxCallbackOutcome) outcome = { 0 };
      g_autofree char *sql = NULL;
      g_autofree char *row = NULL;
      g_assert_true (wx_db_callback_record (conn, &phone, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome.complaint_id, >, 0);
      sql = g_strdup_printf ("SELECT concat_ws(' ', k.customer_id, k.order_id IS NULL, k.description LIKE '%%不进纸',"
                             " k.received_by, b.complaint_id = k.id)"
                             "  FROM complaints k, callbacks b WHERE k.id = %" G_GINT64_FORMAT " AND b.id = %" G_GINT64_FORMAT,
                             outcome.complaint_id, hotline);
      row = wx_test_db_value (conn, sql);
      g_assert_cmpstr (row, ==, "1 t t " SUPERVISOR " t");
    }
  }
  as_login (conn, NULL);
}

/* ------------------------------------------------------------ complaints */

/* Core refuses with `core_error`; the server, asked the same with `sql`, gives the very same sentence. */
#define SAME_SENTENCE(conn, core_error, sql, ...)                                              \
  G_STMT_START {                                                                                \
    const char *p_[] = { __VA_ARGS__ };                                                         \
    g_assert_error ((core_error), WX_CORE_ERROR, WX_CORE_ERROR_INVALID);                        \
    server_refuses ((conn), WX_DB_ERROR_INVALID, (core_error)->message, (sql), G_N_ELEMENTS (p_), p_); \
    g_clear_error (&(core_error));                                                              \
  } G_STMT_END

#define STEP_SQL  "SELECT wx_complaint_step($1::bigint, $2::integer, $3, $4::boolean)"
#define CLOSE_SQL "SELECT wx_complaint_close($1::bigint, $2, $3)"

static void
test_complaint_steps (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE serial = 'W-SAT'");
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id_str = NULL;
  WxComplaint *k = NULL;
  gint64 id;
  static const char *notes[] = { "客户抱怨取机等太久，已道歉", "担心下次还要等", "优先维修，主管跟进",
                                 "电话告知明天上午送回", "客户满意" };

  /* Taken by the front desk; not by an engineer. */
  as_login (conn, ENGINEER);
  g_assert_cmpint (wx_db_complaint_open (conn, number, 0, "态度差", &error), ==, 0);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Only the front desk and the supervisors take complaints and record their steps.");
  g_clear_error (&error);
  as_login (conn, COORDINATOR);
  g_assert_cmpint (wx_db_complaint_open (conn, number, 0, "   ", &error), ==, 0);
  {
    const char *p[] = { number };
    SAME_SENTENCE (conn, error, "SELECT wx_complaint_open($1, NULL, '   ')", p[0]);
  }
  g_assert_cmpint (wx_db_complaint_open (conn, NULL, 0, "态度差", &error), ==, 0);
  SAME_SENTENCE (conn, error, "SELECT wx_complaint_open(NULL, NULL, '态度差')");
  g_assert_cmpint (wx_db_complaint_open (conn, "0000-0000", 0, "态度差", &error), ==, 0);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (wx_db_complaint_open (conn, NULL, 99999, "态度差", &error), ==, 0);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no customer record 99999.");
  g_clear_error (&error);
  id = wx_db_complaint_open (conn, number, 0, "取机等了一个小时", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  id_str = id_text (id);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM complaints WHERE received_by = '" COORDINATOR "'"), ==, 1);
  /* Only through the functions. */
  {
    g_autofree char *insert = wx_test_db_sqlstate (conn,
      "INSERT INTO complaints (customer_id, description) VALUES (1, '直接写入')", 0, NULL);
    g_autofree char *step = wx_test_db_sqlstate (conn,
      "INSERT INTO complaint_steps (complaint_id, step, note) VALUES (1, 1, '直接写入')", 0, NULL);
    g_assert_cmpstr (insert, ==, "42501");
    g_assert_cmpstr (step, ==, "42501");
  }

  /* In order, each once, a note each; escalation only at step 3 — core
   * and the server in the same words. */
  g_assert_false (wx_db_complaint_step (conn, id, 2, notes[1], FALSE, &error));
  g_assert_nonnull (strstr (error->message, "step 1"));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "2", notes[1], "false");
  g_assert_false (wx_db_complaint_step (conn, id, 6, notes[1], FALSE, &error));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "6", notes[1], "false");
  g_assert_false (wx_db_complaint_step (conn, id, 1, "  ", FALSE, &error));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "1", "  ", "false");
  g_assert_false (wx_db_complaint_step (conn, id, 1, notes[0], TRUE, &error));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "1", notes[0], "true");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM complaint_steps"), ==, 0);
  for (guint s = 1; s <= 2; s++)
    {
      g_assert_true (wx_db_complaint_step (conn, id, s, notes[s - 1], FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_false (wx_db_complaint_step (conn, id, 2, notes[1], FALSE, &error));
  g_assert_nonnull (strstr (error->message, "Step 2"));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "2", notes[1], "false");

  /* Closing needs a supervisor; at step 2 even a supervisor needs a reason. */
  g_assert_false (wx_db_complaint_close (conn, id, "已处理", "客户撤回投诉", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Only a supervisor closes a complaint.");
  g_clear_error (&error);
  as_login (conn, SUPERVISOR);
  g_assert_false (wx_db_complaint_close (conn, id, "", NULL, &error));
  SAME_SENTENCE (conn, error, CLOSE_SQL, id_str, "", "");
  g_assert_false (wx_db_complaint_close (conn, id, "优先维修", NULL, &error));
  g_assert_nonnull (strstr (error->message, "fifth step"));
  SAME_SENTENCE (conn, error, CLOSE_SQL, id_str, "优先维修", "");
  g_assert_false (wx_db_complaint_close (conn, id, "优先维修", "　", &error));   /* an ideographic space */
  SAME_SENTENCE (conn, error, CLOSE_SQL, id_str, "优先维修", "　");

  for (guint s = 3; s <= WX_COMPLAINT_N_STEPS; s++)
    {
      g_assert_true (wx_db_complaint_step (conn, id, s, notes[s - 1], s == 3, &error));
      g_assert_no_error (error);
    }
  g_assert_false (wx_db_complaint_step (conn, id, 5, notes[4], FALSE, &error));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "5", notes[4], "false");

  /* After step 5: closed with its outcome alone. */
  g_assert_true (wx_db_complaint_close (conn, id, "优先维修并送回，客户满意", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wx_db_complaint_close (conn, id, "再关一次", NULL, &error));
  SAME_SENTENCE (conn, error, CLOSE_SQL, id_str, "再关一次", "");
  g_assert_false (wx_db_complaint_step (conn, id, 5, notes[4], FALSE, &error));
  SAME_SENTENCE (conn, error, STEP_SQL, id_str, "5", notes[4], "false");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT concat_ws('|', closed_by, early_close_reason = '', outcome)"
                                            "  FROM complaints WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *row = wx_test_db_value (conn, sql);
    g_assert_cmpstr (row, ==, SUPERVISOR "|t|优先维修并送回，客户满意");
  }

  list = wx_db_complaints_list (conn, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (((WxComplaint *) g_ptr_array_index (list, i))->id == id)
      k = g_ptr_array_index (list, i);
  g_assert_nonnull (k);
  g_assert_true (k->closed);
  g_assert_cmpstr (k->order_number, ==, number);
  g_assert_cmpstr (k->outcome, ==, "优先维修并送回，客户满意");
  g_assert_cmpstr (k->early_reason, ==, "");
  g_assert_cmpuint (k->steps_done, ==, 5);
  g_assert_true (k->steps[2].escalated);
  g_assert_false (k->steps[1].escalated);
  g_assert_cmpstr (k->steps[3].note, ==, notes[3]);
  g_assert_cmpstr (k->steps[0].actor, ==, "张前台");
  g_assert_cmpstr (k->steps[4].actor, ==, "周主管");
  /* Open ones first: the callback's complaint is still open. */
  g_assert_false (((WxComplaint *) g_ptr_array_index (list, 0))->closed);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Closed early by the supervisor, with the reason: kept, and no step after. */
  {
    gint64 early = wx_db_complaint_open (conn, number, 0, "送修时态度不好", &error);
    g_autofree char *early_str = id_text (early);
    g_autofree char *sql = NULL;
    g_autofree char *row = NULL;

    g_assert_no_error (error);
    g_assert_true (wx_db_complaint_step (conn, early, 1, "已致歉", FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (wx_db_complaint_close (conn, early, "客户接受道歉", "客户来电撤回投诉，不需要回访", &error));
    g_assert_no_error (error);
    sql = g_strdup_printf ("SELECT concat_ws('|', closed_at IS NOT NULL, closed_by, early_close_reason)"
                           "  FROM complaints WHERE id = %" G_GINT64_FORMAT, early);
    row = wx_test_db_value (conn, sql);
    g_assert_cmpstr (row, ==, "t|" SUPERVISOR "|客户来电撤回投诉，不需要回访");
    g_assert_false (wx_db_complaint_step (conn, early, 2, "真正需求", FALSE, &error));
    g_assert_nonnull (strstr (error->message, "closed"));
    SAME_SENTENCE (conn, error, STEP_SQL, early_str, "2", "真正需求", "false");
    list = wx_db_complaints_list (conn, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < list->len; i++)
      if (((WxComplaint *) g_ptr_array_index (list, i))->id == early)
        g_assert_cmpstr (((WxComplaint *) g_ptr_array_index (list, i))->early_reason, ==, "客户来电撤回投诉，不需要回访");
  }
  as_login (conn, NULL);
}

static void
test_escalation_resolve (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first_str = NULL;
  gint64 first, second;

  wx_test_db_exec (conn, "INSERT INTO escalations (order_id, trigger, reason, at) VALUES (1, 'manual', '缺少维修手册', now() - interval '2 hours')");
  wx_test_db_exec (conn, "INSERT INTO escalations (order_id, trigger, at) VALUES (1, 'two_visits', now() - interval '1 hour')");
  first = wx_test_db_count (conn, "SELECT id FROM escalations WHERE trigger = 'manual'");
  second = wx_test_db_count (conn, "SELECT id FROM escalations WHERE trigger = 'two_visits'");
  first_str = id_text (first);

  /* The front desk does not resolve escalations, nor write them. */
  as_login (conn, COORDINATOR);
  g_assert_false (wx_db_escalation_resolve (conn, first, "已解决", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Only a supervisor resolves an escalation.");
  g_clear_error (&error);
  as_login (conn, SUPERVISOR);
  {
    g_autofree char *state = wx_test_db_sqlstate (conn, "UPDATE escalations SET resolution = '直接写入'", 0, NULL);
    g_assert_cmpstr (state, ==, "42501");
  }
  g_assert_false (wx_db_escalation_resolve (conn, first, " ", &error));
  SAME_SENTENCE (conn, error, "SELECT wx_escalation_resolve($1::bigint, $2)", first_str, " ");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE resolved_at IS NOT NULL"), ==, 0);
  g_assert_true (wx_db_escalation_resolve (conn, first, "已借到维修手册，李强继续维修", &error));
  g_assert_no_error (error);
  g_assert_false (wx_db_escalation_resolve (conn, first, "再来一次", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "周主管 has already resolved this escalation; reload the inbox.");
  g_clear_error (&error);
  g_assert_false (wx_db_escalation_resolve (conn, 99999, "无", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "That escalation does not exist (any more).");
  g_clear_error (&error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE resolved_by = '" SUPERVISOR "'"), ==, 1);

  /* The inbox: open first, then resolved. */
  list = wx_db_escalations_list (conn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 2);
  g_assert_cmpint (((WxEscalation *) g_ptr_array_index (list, 0))->id, ==, second);
  g_assert_false (((WxEscalation *) g_ptr_array_index (list, 0))->resolved);
  g_assert_cmpint (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->id, ==, first);
  g_assert_true (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->resolved);
  g_assert_cmpstr (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->resolution, ==, "已借到维修手册，李强继续维修");
  as_login (conn, NULL);
}

/* The periodic sweep: the automatic escalations and the callback lists,
 * once; the staff's on the server's clock, a day of one's own the owner's. */
static void
test_sweep (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GDateTime) next_week = g_date_time_add_days (now, 7);
  g_autoptr(GError) error = NULL;
  WxSweepCounts counts = { -1, -1, -1 };
  gint64 late_order = order (conn, "carry_in", "waiting_parts", "S-LATE-PART", NULL);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO part_orders (order_id, description, expected_on) VALUES (%" G_GINT64_FORMAT ", '定影组件', '2026-11-16')",
    late_order);
  gint64 before;

  wx_test_db_exec (conn, sql);
  /* As of Wednesday 2026-11-18 15:30: the owner's (demo data, tests). */
  g_assert_true (wx_db_supervisor_sweep (conn, now, &counts, &error));
  g_assert_no_error (error);
  /* Received 2026-11-10 and still undiagnosed: the on-site job still on site (O-STILL-THERE). */
  g_assert_cmpint (counts.undiagnosed, ==, 1);
  g_assert_cmpint (counts.overdue_parts, ==, 1);
  g_assert_cmpint (counts.callbacks, ==, 0);
  g_assert_true (wx_db_supervisor_sweep (conn, now, &counts, &error));
  g_assert_cmpint (counts.undiagnosed + counts.overdue_parts + counts.callbacks, ==, 0);
  /* A week later the on-site job fixed a second after "now" is called back. */
  g_assert_true (wx_db_supervisor_sweep (conn, next_week, &counts, &error));
  g_assert_no_error (error);
  /* O-FIXED-LATER, W-AFTER-NOW, H-FRI-EVENING, G-AFTER-NOW */
  g_assert_cmpint (counts.callbacks, ==, 4);

  /* The staff's: whatever the lists hold as of today's date, then one
   * handover and one phone guidance of the last hours. */
  wx_test_db_count (conn, "SELECT wx_callbacks_generate_at(now())");
  {
    g_autofree char *handed = wx_test_db_value (conn, "SELECT (now() - interval '1 hour')::text");
    g_autofree char *called = wx_test_db_value (conn, "SELECT (now() - interval '3 hours')::text");
    order (conn, "carry_in", "picked_up", "S-HANDED", handed);
    call (conn, "inbound", "request", "G-TODAY", called, "指导更换墨盒", NULL, 0, FALSE);
  }
  before = wx_test_db_count (conn, "SELECT count(*) FROM callbacks");
  as_login (conn, SUPERVISOR);
  /* Not at a day of one's own. */
  g_assert_false (wx_db_supervisor_sweep (conn, next_week, &counts, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  {
    g_autofree char *state = wx_test_db_sqlstate (conn,
      "SELECT wx_callbacks_generate_at(now() + interval '30 days')", 0, NULL);
    g_assert_cmpstr (state, ==, "42501");
  }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, before);
  g_assert_true (wx_db_supervisor_sweep (conn, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.callbacks, ==, 2);
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT count(*) FROM callbacks b LEFT JOIN service_orders o ON o.id = b.order_id LEFT JOIN calls c ON c.id = b.call_id"
    " WHERE (o.serial = 'S-HANDED' AND b.kind = 'weekly' AND b.due_at = wx_callback_due('weekly', o.picked_up_at))"
    "    OR (c.subject = 'G-TODAY' AND b.kind = 'phone_guidance_2h' AND b.due_at = wx_callback_due('phone_guidance_2h', c.at))"),
    ==, 2);
  g_assert_true (wx_db_supervisor_sweep (conn, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.callbacks, ==, 0);
  as_login (conn, NULL);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, before + 2);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("callbacks", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  /* Three staff logins (the tables are written only through the
   * functions: 017_feedback.sql). */
  wx_test_db_exec (conn,
    "DO $$ BEGIN CREATE ROLE " SUPERVISOR " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
    "DO $$ BEGIN CREATE ROLE " COORDINATOR " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
    "DO $$ BEGIN CREATE ROLE " ENGINEER " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
    "GRANT wx_supervisor TO " SUPERVISOR "; GRANT wx_coordinator TO " COORDINATOR "; GRANT wx_engineer TO " ENGINEER ";"
    "INSERT INTO staff (role_name, full_name) VALUES ('" SUPERVISOR "', '周主管'), ('" COORDINATOR "', '张前台'),"
    " ('" ENGINEER "', '李工');");
  g_test_add_func ("/callbacks/lists", test_lists);
  g_test_add_func ("/callbacks/calendar", test_calendar);
  g_test_add_func ("/callbacks/record", test_record);
  g_test_add_func ("/callbacks/follow-up", test_follow_up);
  g_test_add_func ("/callbacks/complaint-steps", test_complaint_steps);
  g_test_add_func ("/callbacks/escalation-resolve", test_escalation_resolve);
  g_test_add_func ("/callbacks/sweep", test_sweep);
  return g_test_run ();
}

/* The supervisor's callbacks, complaints and escalations against a real
 * database (src/db/wx-db-callbacks.c, data/sql/013_callbacks.sql): the
 * lists hold exactly the orders and calls they must on a given day (with
 * some just outside each window), a second run adds nothing; recording a
 * callback (bad input refused with a sentence and nothing written, not
 * reached → stays on the list, the follow-up of a machine not working in
 * one step); the five steps of a complaint in order and its closing; an
 * escalation resolved once; the supervisor's sweep. The user's side runs as
 * the supervisor group (SET ROLE) to prove the grants. */
#include <libpq-fe.h>

#include "core/wx-callback.h"
#include "core/wx-error.h"
#include "db/wx-db.h"
#include "db/wx-db-callbacks.h"
#include "db/wx-db-error.h"
#include "wx-test-db.h"

static char *conninfo;

/* Wednesday 2026-11-18 15:30 in Shanghai. */
static GDateTime *
fixed_now (void)
{
  return wx_test_fixed_now ();
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
  g_autoptr(GDateTime) now = fixed_now ();
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
    g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, fixed);
    g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, later);
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

  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
  g_assert_cmpint (wx_db_callbacks_generate (conn, now, &error), ==, 9);
  g_assert_no_error (error);
  got = lists (conn);
  g_assert_cmpstr (got, ==,
    "hotline_next_day H-TUE 11-18 09:00, hotline_next_day H-WED 11-19 09:00, "
    "onsite_24h O-FIXED 11-18 15:30, onsite_24h O-TAKEN-BACK 11-17 10:00, "
    "phone_guidance_2h G-GUIDED 11-18 15:00, "
    "weekly O-TAKEN-BACK 11-20 18:00, weekly W-FRI-BEFORE 11-13 18:00, weekly W-SAT 11-20 18:00, "
    "weekly W-WED 11-20 18:00");

  /* Idempotent: a second run adds nothing. */
  g_assert_cmpint (wx_db_callbacks_generate (conn, now, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM callbacks"), ==, 9);
  wx_test_db_exec (conn, "RESET ROLE");
}

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

/* What recording may change, as one string: compared before and after a refusal. */
static char *
snapshot (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT (SELECT string_agg(concat_ws('/', id, done_at, reached, attempts, call_again_at, satisfaction, comments,"
    "                                    return_order_id, complaint_id), ';' ORDER BY id) FROM callbacks)"
    "    || ' orders ' || (SELECT count(*) FROM service_orders)"
    "    || ' complaints ' || (SELECT count(*) FROM complaints)"
    "    || ' events ' || (SELECT count(*) FROM order_events)");
}

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

  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
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

  /* Bad input: a sentence, nothing written. */
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
    WxCallbackAnswer nobody = { .callback_id = sat, .reached = FALSE };
    refused (conn, &nobody, "when to call again");
    nobody.call_again_at = now - 60;
    refused (conn, &nobody, "already passed");
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

  /* Reached: done, off the list, every answer kept. */
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
    g_assert_cmpstr (row, ==, "t t t f t f t 4 等了两天才报价 wx_supervisor 1 t");
  }
  /* Twice: someone already did it. */
  g_assert_false (wx_db_callback_record (conn, &a, NULL, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_clear_error (&error);
  wx_test_db_exec (conn, "RESET ROLE");
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

  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
  refused (conn, &a, "open a return repair or a complaint");
  a.follow_up = WX_FOLLOW_UP_RETURN_REPAIR;
  refused (conn, &a, "what is wrong");
  a.follow_up_note = "又卡纸了";
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
      "  b.return_order_id = n.id, b.machine_working)"
      "  FROM service_orders n, callbacks b WHERE n.id = %" G_GINT64_FORMAT " AND b.id = %" G_GINT64_FORMAT,
      w_handed_wed, outcome.return_order_id, wed);
    row = wx_test_db_value (conn, sql);
    g_assert_cmpstr (row, ==, "carry_in received t t W-WED 1 t received,return_repair t f");
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
      g_assert_cmpstr (row, ==, "1 t t wx_supervisor t");
    }
  }
  wx_test_db_exec (conn, "RESET ROLE");
}

static void
test_complaint_steps (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE serial = 'W-SAT'");
  g_autoptr(GPtrArray) list = NULL;
  WxComplaint *k = NULL;
  gint64 id;
  static const char *notes[] = { "客户抱怨取机等太久，已道歉", "担心下次还要等", "优先维修，主管跟进",
                                 "电话告知明天上午送回", "客户满意" };

  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
  g_assert_cmpint (wx_db_complaint_open (conn, number, 0, "   ", &error), ==, 0);
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (wx_db_complaint_open (conn, "0000-0000", 0, "态度差", &error), ==, 0);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  id = wx_db_complaint_open (conn, number, 0, "取机等了一个小时", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* In order, each once, a note each; escalation only at step 3. */
  g_assert_false (wx_db_complaint_step (conn, id, 2, notes[1], FALSE, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "step 1"));
  g_clear_error (&error);
  g_assert_false (wx_db_complaint_step (conn, id, 1, "  ", FALSE, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wx_db_complaint_step (conn, id, 1, notes[0], TRUE, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wx_db_complaint_close (conn, id, "", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM complaint_steps"), ==, 0);
  for (guint s = 1; s <= WX_COMPLAINT_N_STEPS; s++)
    {
      g_assert_true (wx_db_complaint_step (conn, id, s, notes[s - 1], s == 3, &error));
      g_assert_no_error (error);
    }
  g_assert_false (wx_db_complaint_step (conn, id, 5, notes[4], FALSE, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (wx_db_complaint_close (conn, id, "优先维修并送回，客户满意", &error));
  g_assert_no_error (error);
  g_assert_false (wx_db_complaint_close (conn, id, "再关一次", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);

  list = wx_db_complaints_list (conn, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (((WxComplaint *) g_ptr_array_index (list, i))->id == id)
      k = g_ptr_array_index (list, i);
  g_assert_nonnull (k);
  g_assert_true (k->closed);
  g_assert_cmpstr (k->order_number, ==, number);
  g_assert_cmpstr (k->outcome, ==, "优先维修并送回，客户满意");
  g_assert_cmpuint (k->steps_done, ==, 5);
  g_assert_true (k->steps[2].escalated);
  g_assert_false (k->steps[1].escalated);
  g_assert_cmpstr (k->steps[3].note, ==, notes[3]);
  g_assert_cmpstr (k->steps[4].actor, ==, "wx_supervisor");
  /* Open ones first: the callback's complaint is still open. */
  g_assert_false (((WxComplaint *) g_ptr_array_index (list, 0))->closed);
  wx_test_db_exec (conn, "RESET ROLE");
}

static void
test_escalation_resolve (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 first, second;

  wx_test_db_exec (conn, "INSERT INTO escalations (order_id, trigger, reason, at) VALUES (1, 'manual', '缺少维修手册', now() - interval '2 hours')");
  wx_test_db_exec (conn, "INSERT INTO escalations (order_id, trigger, at) VALUES (1, 'two_visits', now() - interval '1 hour')");
  first = wx_test_db_count (conn, "SELECT id FROM escalations WHERE trigger = 'manual'");
  second = wx_test_db_count (conn, "SELECT id FROM escalations WHERE trigger = 'two_visits'");

  wx_test_db_exec (conn, "SET ROLE wx_supervisor");
  g_assert_false (wx_db_escalation_resolve (conn, first, " ", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM escalations WHERE resolved_at IS NOT NULL"), ==, 0);
  g_assert_true (wx_db_escalation_resolve (conn, first, "已借到维修手册，李强继续维修", &error));
  g_assert_no_error (error);
  g_assert_false (wx_db_escalation_resolve (conn, first, "再来一次", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "wx_supervisor"));
  g_clear_error (&error);
  g_assert_false (wx_db_escalation_resolve (conn, 99999, "无", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The inbox: open first, then resolved. */
  list = wx_db_escalations_list (conn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 2);
  g_assert_cmpint (((WxEscalation *) g_ptr_array_index (list, 0))->id, ==, second);
  g_assert_false (((WxEscalation *) g_ptr_array_index (list, 0))->resolved);
  g_assert_cmpint (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->id, ==, first);
  g_assert_true (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->resolved);
  g_assert_cmpstr (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->resolution, ==, "已借到维修手册，李强继续维修");
  wx_test_db_exec (conn, "RESET ROLE");
}

/* The periodic sweep: the automatic escalations and the callback lists, once. */
static void
test_sweep (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GDateTime) next_week = g_date_time_add_days (now, 7);
  g_autoptr(GError) error = NULL;
  WxSweepCounts counts = { -1, -1, -1 };
  gint64 late_order = order (conn, "carry_in", "waiting_parts", "S-LATE-PART", NULL);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO part_orders (order_id, description, expected_on) VALUES (%" G_GINT64_FORMAT ", '定影组件', '2026-11-16')",
    late_order);

  wx_test_db_exec (conn, sql);
  /* A sweep at a time of one's own is the owner's (the staff's runs at the
   * server's time, wx_db_supervisor_sweep (conn, NULL, …)). */
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
  wx_test_db_exec (conn, "RESET ROLE");
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
  g_test_add_func ("/callbacks/lists", test_lists);
  g_test_add_func ("/callbacks/record", test_record);
  g_test_add_func ("/callbacks/follow-up", test_follow_up);
  g_test_add_func ("/callbacks/complaint-steps", test_complaint_steps);
  g_test_add_func ("/callbacks/escalation-resolve", test_escalation_resolve);
  g_test_add_func ("/callbacks/sweep", test_sweep);
  return g_test_run ();
}

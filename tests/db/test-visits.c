/* On-site visits against a real database, as a staff engineer (SET ROLE to
 * a login in wx_engineer, to prove the grants suffice): contact → booking →
 * arrival → taken back puts the order in state received (shelf S1) with its
 * visit, calls, accessories and appearance; the call stops the 10-minute
 * contact clock; running late moves the appointment and logs the call; the
 * customer absent twice escalates the order automatically (two_visits);
 * parts needed then a second visit that fixes it; delivery and acceptance
 * with payment; the day's route; bad input (and a step from the wrong
 * state) changes nothing; a version conflict names who changed the order. */
#include <unistd.h>

#include <libpq-fe.h>

#include "core/wx-error.h"
#include "core/wx-route-stop.h"
#include "core/wx-sla.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-error.h"
#include "db/wx-db-sla.h"
#include "db/wx-db-visits.h"
#include "wx-test-db.h"

#define HOUR 3600

static char *conninfo;
static char *engineer;      /* a login in wx_engineer: 测试工程师 */
static char *supervisor;    /* a login in wx_supervisor: 测试主管 */

static gint64
real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = g_strdup_printf ("SET ROLE %s", role ? role : "NONE");
  wx_test_db_exec (conn, sql);
}

static char *
value (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, number ? 1 : 0, params, &error);

  g_assert_no_error (error);
  return v ? v : g_strdup ("");
}

/* g_assert_cmpstr on value (), whose text it frees. */
#define assert_value(conn, sql, number, cmp, expected) \
  G_STMT_START { \
    g_autofree char *value_ = value (conn, sql, number); \
    g_assert_cmpstr (value_, cmp, expected); \
  } G_STMT_END

static gint64
count (PGconn *conn, const char *sql, const char *number)
{
  g_autofree char *v = value (conn, sql, number);
  return g_ascii_strtoll (v, NULL, 10);
}

/* An on-site order dispatched to the test engineer (as the owner, who may
 * place it in any state); returns its number. */
static char *
dispatched_order (PGconn *conn, const char *state)
{
  const char *params[] = { engineer, state };
  g_autoptr(GError) error = NULL;
  char *number = wx_db_query_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "                            product_name, model, reported_fault, engineer, dispatched_at)"
    " VALUES ('on_site', $2, 1, '广州大学', '广州市番禺区大学城外环西路230号 行政楼 302', '李明', '13812345678',"
    "         '激光打印机', 'M404dn', '卡纸', $1, now()) RETURNING number", 2, params, &error);

  g_assert_no_error (error);
  /* its history, as dispatch_onsite writes it, for the clocks */
  wx_test_db_exec (conn, "INSERT INTO order_events (order_id, event, from_state, to_state)"
                         " SELECT id, 'dispatch_onsite', 'call_logged', 'onsite_dispatched'"
                         "   FROM service_orders ORDER BY id DESC LIMIT 1");
  return number;
}

static char *
state_of (PGconn *conn, const char *number)
{
  return value (conn, "SELECT state FROM service_orders WHERE number = $1", number);
}

static int
version_of (PGconn *conn, const char *number)
{
  return (int) count (conn, "SELECT version FROM service_orders WHERE number = $1", number);
}

/* Takes `in` as the engineer from the order's current version. */
static void
visit_ok (PGconn *conn, const char *number, const WxVisitInput *in, WxVisitResult *result)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  WxVisitResult local;

  set_role (conn, engineer);
  wx_db_visit_step (conn, number, version_of (conn, number), in, result ? result : &local, &field, &error);
  set_role (conn, NULL);
  if (error)
    g_error ("%s %s: %s (field %s)", number, wx_visit_step_to_code (in->step), error->message, field ? field : "-");
}

static WxVisitInput
contact_input (void)
{
  WxVisitInput in = { .step = WX_VISIT_STEP_CONTACT, .contact = "李明", .phone = "138 1234 5678",
                      .reached = TRUE, .note = "打印机卡纸，已请用户先取出卡住的纸" };
  return in;
}

static WxVisitInput
book_input (gint64 at)
{
  /* The test runs at any hour: the customer asked for the time. */
  WxVisitInput in = { .step = WX_VISIT_STEP_BOOK, .appointment_at = at, .note = "用户要求的时间",
                      .address = "广州市番禺区大学城外环西路230号 行政楼 302", .contact = "李明", .phone = "13812345678" };
  return in;
}

static WxVisitInput
absent_input (void)
{
  WxVisitInput in = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_CUSTOMER_ABSENT,
                      .note = "办公室无人，留言条贴在门上，请回电" };
  return in;
}

/* ------------------------------------------------------------ the full path */

static void
test_take_back_to_s1 (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "onsite_dispatched");
  g_autofree char *state = NULL;
  WxVisitInput contact = contact_input ();
  WxVisitInput book = book_input (real_now () + 2 * HOUR);
  WxVisitInput arrive = { .step = WX_VISIT_STEP_ARRIVE };
  const char *accessories[] = { "电源线", "USB 数据线", NULL };
  WxVisitInput back = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                        .accessories = (char **) accessories, .appearance = "外壳左侧有划痕，纸盒完好",
                        .customer_signed = TRUE, .copy_handed = TRUE };
  WxVisitResult r = { 0 };
  WxSlaRules rules = { 0 };
  WxClockState clocks[WX_N_CLOCKS];
  g_autoptr(GError) error = NULL;

  visit_ok (conn, number, &contact, &r);
  g_assert_cmpint (r.call_id, >, 0);
  g_assert_cmpint (r.visit_id, >, 0);
  g_assert_cmpint (r.step.event_id, >, 0);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_ONSITE_DISPATCHED);
  /* the call stops the 10-minute contact clock */
  g_assert_true (wx_db_sla_order_clocks (conn, number, real_now (), &rules, clocks, &error));
  g_assert_no_error (error);
  wx_sla_rules_clear (&rules);
  g_assert_cmpint (clocks[WX_CLOCK_ONSITE_CONTACT].status, ==, WX_CLOCK_STATUS_MET);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                " WHERE o.number = $1 AND c.purpose = 'appointment' AND c.reached"
                                "   AND c.contact = '李明' AND c.answered_by = '李明'", number), ==, 1);

  visit_ok (conn, number, &book, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_APPOINTMENT_BOOKED);
  visit_ok (conn, number, &arrive, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_ON_SITE);
  visit_ok (conn, number, &back, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_RECEIVED);

  /* on shelf S1, folder F1: the carry-in flow from here */
  state = state_of (conn, number);
  g_assert_cmpstr (state, ==, "received");
  g_assert_cmpint (wx_workflow_state_info (WX_ORDER_STATE_RECEIVED)->shelf, ==, WX_SHELF_S1);
  /* one visit, from contact to leaving, signed, the customer copy handed over */
  g_assert_cmpint (count (conn,
    "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
    " WHERE o.number = $1 AND v.outcome = 'taken_back' AND v.contacted_at IS NOT NULL"
    "   AND v.appointment_at IS NOT NULL AND v.arrived_at IS NOT NULL AND v.left_at >= v.arrived_at"
    "   AND v.customer_signed AND v.copy_handed AND v.contact = '李明' AND v.phone = '13812345678'"
    "   AND v.address LIKE '%行政楼 302' AND v.engineer = (SELECT engineer FROM service_orders WHERE number = $1)",
    number), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
                                " WHERE o.number = $1", number), ==, 1);
  /* the form: appearance, the customer's signature, the accessories labelled */
  assert_value (conn, "SELECT appearance_check || '|' || customer_signed FROM service_orders WHERE number = $1", number,
                ==, "外壳左侧有划痕，纸盒完好|true");
  assert_value (conn, "SELECT string_agg(a.position || ':' || a.name, ',' ORDER BY a.position)"
                "  FROM order_accessories a JOIN service_orders o ON o.id = a.order_id WHERE o.number = $1", number,
                ==, "1:电源线,2:USB 数据线");
  /* the events, in order, by the engineer */
  assert_value (conn, "SELECT string_agg(e.event, ',' ORDER BY e.id) FROM order_events e"
                "  JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1", number,
                ==, "dispatch_onsite,contact_customer,book_visit,arrive,take_back");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event <> 'dispatch_onsite' AND e.actor <> o.engineer", number), ==, 0);
  /* the booking is on the order too */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM service_orders WHERE number = $1 AND appointment_at IS NOT NULL", number), ==, 1);
}

/* Nobody answers: the attempt is logged, nothing else moves. */
static void
test_contact_unanswered (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "onsite_dispatched");
  WxVisitInput in = contact_input ();
  WxVisitResult r = { 0 };
  int version = version_of (conn, number);

  in.reached = FALSE;
  in.note = "无人接听";
  visit_ok (conn, number, &in, &r);
  g_assert_cmpint (r.call_id, >, 0);
  g_assert_cmpint (r.step.event_id, ==, 0);
  g_assert_cmpint (version_of (conn, number), ==, version);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id WHERE o.number = $1", number), ==, 0);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                " WHERE o.number = $1 AND NOT c.reached AND c.attempt = 1", number), ==, 1);
}

static void
test_running_late (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "onsite_dispatched");
  gint64 booked = real_now () + HOUR;
  WxVisitInput book = book_input (booked);
  WxVisitInput late = { .step = WX_VISIT_STEP_RUNNING_LATE, .appointment_at = booked + HOUR, .reached = TRUE,
                        .contact = "李明", .note = "在黄埔大道堵车，预计晚一小时" };
  WxVisitResult r = { 0 };

  visit_ok (conn, number, &book, &r);
  visit_ok (conn, number, &late, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_APPOINTMENT_BOOKED);
  g_assert_cmpint (r.call_id, >, 0);
  /* the visit and the order both show the new time, and the late notice */
  g_assert_cmpint (count (conn, "SELECT floor(extract(epoch FROM v.appointment_at))::bigint FROM visits v"
                                "  JOIN service_orders o ON o.id = v.order_id WHERE o.number = $1", number), ==, booked + HOUR);
  g_assert_cmpint (count (conn, "SELECT floor(extract(epoch FROM appointment_at))::bigint FROM service_orders WHERE number = $1", number),
                   ==, booked + HOUR);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
                                " WHERE o.number = $1 AND v.late_notice_at IS NOT NULL", number), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                " WHERE o.number = $1 AND c.purpose = 'running_late' AND c.result LIKE '%堵车%'"
                                "   AND c.promised_reply_at = o.appointment_at", number), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'running_late' AND e.from_state = e.to_state", number), ==, 1);

  /* an earlier "new" time is no late arrival: refused, named, nothing changes */
  {
    WxVisitInput earlier = late;
    g_autoptr(GError) error = NULL;
    const char *field = NULL;
    int version = version_of (conn, number);

    earlier.appointment_at = booked + 30 * 60;
    set_role (conn, engineer);
    g_assert_false (wx_db_visit_step (conn, number, version, &earlier, NULL, &field, &error));
    set_role (conn, NULL);
    g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
    g_assert_cmpstr (field, ==, "appointment");
    g_assert_cmpint (version_of (conn, number), ==, version);
    g_assert_cmpint (count (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                  " WHERE o.number = $1 AND c.purpose = 'running_late'", number), ==, 1);
  }
}

/* The seed's escalation rule 3: two visits that did not solve it. */
static void
test_absent_twice_escalates (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "onsite_dispatched");
  WxVisitInput arrive = { .step = WX_VISIT_STEP_ARRIVE };
  WxVisitInput absent = absent_input ();
  WxVisitResult r = { 0 };

  for (int visit = 1; visit <= 2; visit++)
    {
      WxVisitInput book = book_input (real_now () + HOUR);

      visit_ok (conn, number, &book, NULL);
      visit_ok (conn, number, &arrive, NULL);
      visit_ok (conn, number, &absent, &r);
      g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_ONSITE_DISPATCHED);
      g_assert_cmpint (count (conn, "SELECT count(*) FROM escalations x JOIN service_orders o ON o.id = x.order_id"
                                    " WHERE o.number = $1 AND x.trigger = 'two_visits'", number), ==, visit == 2);
    }
  /* two closed visits with their note and times; the escalation's event */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
                                " WHERE o.number = $1 AND v.outcome = 'customer_absent' AND v.notes LIKE '%留言条%'"
                                "   AND v.arrived_at IS NOT NULL AND v.left_at >= v.arrived_at", number), ==, 2);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'escalate' AND e.payload ->> 'trigger' = 'two_visits'", number), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'leave_unfixed' AND e.payload ->> 'reason' LIKE '%留言条%'", number), ==, 2);
}

/* Parts needed: the inspection record goes to the quote; after the
 * customer agrees, a second visit fixes it and the customer pays on site. */
static void
test_needs_parts_second_visit (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "onsite_dispatched");
  WxVisitInput arrive = { .step = WX_VISIT_STEP_ARRIVE };
  WxVisitInput parts = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_NEEDS_PARTS,
                         .findings = "定影膜破损", .parts_needed = "定影组件 RM2-5425", .suggested_price = 48000 };
  WxVisitInput fixed = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_FIXED,
                         .repair_notes = "更换定影组件，打印测试 10 页正常", .parts_used = "定影组件 RM2-5425",
                         .old_parts = "returned_to_customer", .customer_signed = TRUE };
  WxVisitInput pay = { .step = WX_VISIT_STEP_DELIVER, .payment_status = "paid", .payment_amount = 48000,
                       .payment_method = "wechat", .received_by = "李明", .customer_signed = TRUE };
  WxVisitInput book = book_input (real_now () + HOUR);
  WxVisitResult r = { 0 };

  visit_ok (conn, number, &book, NULL);
  visit_ok (conn, number, &arrive, NULL);
  visit_ok (conn, number, &parts, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_INSPECTED);
  assert_value (conn, "SELECT fault_analysis || '|' || parts_needed || '|' || suggested_price FROM service_orders WHERE number = $1", number,
                ==, "定影膜破损|定影组件 RM2-5425|48000");
  /* the front desk quotes, the customer agrees, the coordinator sends the engineer again */
  {
    const char *params[] = { number };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET state = 'onsite_dispatched', quote_total = 48000 WHERE number = $1",
                                  1, params, &error));
  }
  book = book_input (real_now () + 3 * HOUR);
  visit_ok (conn, number, &book, NULL);
  visit_ok (conn, number, &arrive, NULL);
  visit_ok (conn, number, &fixed, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_FIXED_ON_SITE);
  assert_value (conn, "SELECT repair_notes || '|' || old_parts || '|' || customer_signed FROM service_orders WHERE number = $1", number,
                ==, "更换定影组件，打印测试 10 页正常|returned_to_customer|true");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
                                " WHERE o.number = $1 AND v.outcome = 'fixed' AND v.customer_signed AND v.parts_used LIKE '定影组件%'", number), ==, 1);
  /* one visit without the fix (needs parts) is no escalation */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM escalations x JOIN service_orders o ON o.id = x.order_id WHERE o.number = $1", number), ==, 0);
  visit_ok (conn, number, &pay, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_PICKED_UP);
  assert_value (conn, "SELECT payment_status || '|' || picked_up_by || '|' || pickup_signed FROM service_orders WHERE number = $1", number,
                ==, "paid|李明|true");
  g_assert_cmpint (count (conn, "SELECT sum(p.amount) FROM payments p JOIN service_orders o ON o.id = p.order_id"
                                " WHERE o.number = $1 AND p.method = 'wechat' AND p.received_by = o.engineer", number), ==, 48000);
}

/* A repaired machine delivered: accessories checked back, a delivery visit, paid on account. */
static void
test_deliver (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "delivering");
  WxVisitInput pay = { .step = WX_VISIT_STEP_DELIVER, .delivering = TRUE, .payment_status = "on_account",
                       .received_by = "王主任", .customer_signed = TRUE };
  WxVisitResult r = { 0 };
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  /* without the accessories checked: refused at that field */
  set_role (conn, engineer);
  g_assert_false (wx_db_visit_step (conn, number, -1, &pay, &r, &field, &error));
  set_role (conn, NULL);
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING);
  g_assert_cmpstr (field, ==, "accessories_checked");
  pay.accessories_checked = TRUE;
  visit_ok (conn, number, &pay, &r);
  g_assert_cmpint (r.step.state, ==, WX_ORDER_STATE_PICKED_UP);
  g_assert_cmpint (r.visit_id, >, 0);
  assert_value (conn, "SELECT payment_status || '|' || accessories_checked || '|' || (delivered_by = engineer)"
                "  FROM service_orders WHERE number = $1", number, ==, "on_account|true|true");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id"
                                " WHERE o.number = $1 AND v.outcome = 'delivered' AND v.customer_signed AND v.contact = '王主任'", number), ==, 1);
}

/* ------------------------------------------------------------ the route */

static void
test_route (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GTimeZone) zone = wx_visit_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 2);   /* clear of the other tests' bookings */
  g_autoptr(GDateTime) nine = g_date_time_new (zone, g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                               g_date_time_get_day_of_month (tomorrow), 9, 30, 0);
  gint64 t930 = g_date_time_to_unix (nine);
  g_autofree char *late = dispatched_order (conn, "onsite_dispatched");
  g_autofree char *early = dispatched_order (conn, "onsite_dispatched");
  g_autofree char *other_day = dispatched_order (conn, "onsite_dispatched");
  g_autoptr(GPtrArray) route = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GError) error = NULL;
  WxVisitInput b1 = book_input (t930 + 5 * HOUR);
  WxVisitInput b2 = book_input (t930);
  WxVisitInput b3 = book_input (t930 + 24 * HOUR);
  const WxRouteStopData *first, *second;

  b2.address = "广州市天河区体育西路 103 号 维多利广场 B 座 18 楼";
  b2.contact = "陈老师";
  b2.phone = "020-8711 0360";
  visit_ok (conn, late, &b1, NULL);
  visit_ok (conn, early, &b2, NULL);
  visit_ok (conn, other_day, &b3, NULL);

  set_role (conn, engineer);
  route = wx_db_visit_route (conn, engineer, t930, &error);
  everyone = wx_db_visit_route (conn, NULL, t930 + 6 * HOUR, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (route->len, ==, 2);
  g_assert_cmpuint (everyone->len, >=, 2);
  first = wx_route_stop_get_data (g_ptr_array_index (route, 0));
  second = wx_route_stop_get_data (g_ptr_array_index (route, 1));
  g_assert_cmpstr (first->number, ==, early);
  g_assert_cmpstr (first->time_text, ==, "09:30");
  g_assert_cmpint (first->appointment_at, ==, t930);
  g_assert_cmpstr (first->unit_name, ==, "广州大学");
  g_assert_cmpstr (first->address, ==, "广州市天河区体育西路 103 号 维多利广场 B 座 18 楼");
  g_assert_cmpstr (first->contact, ==, "陈老师");
  g_assert_cmpstr (first->phone, ==, "020-8711 0360");
  g_assert_cmpstr (first->machine, ==, "激光打印机 M404dn");
  g_assert_cmpstr (first->engineer_name, ==, "测试工程师");
  g_assert_cmpint (first->state, ==, WX_ORDER_STATE_APPOINTMENT_BOOKED);
  g_assert_cmpint (first->version, ==, version_of (conn, early));
  g_assert_cmpint (first->visit_id, >, 0);
  g_assert_cmpstr (first->outcome, ==, "");
  g_assert_cmpstr (second->number, ==, late);
  g_assert_cmpstr (second->time_text, ==, "14:30");
}

/* ------------------------------------------------------------ refused */

typedef struct {
  const char   *what;
  WxVisitInput  in;
  const char   *state;      /* the order's state before */
  const char   *field;      /* NULL: refused by the workflow, not a field */
} BadCase;

static void
test_bad_input_changes_nothing (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 now = real_now ();
  const char *no_name[] = { "  ", NULL };
  BadCase cases[] = {
    { "contact without a name", { .step = WX_VISIT_STEP_CONTACT, .reached = TRUE, .phone = "13812345678" },
      "onsite_dispatched", "contact" },
    { "contact with a bad phone", { .step = WX_VISIT_STEP_CONTACT, .reached = TRUE, .contact = "李明", .phone = "12ab" },
      "onsite_dispatched", "phone" },
    { "booking in the past", { .step = WX_VISIT_STEP_BOOK, .appointment_at = now - 2 * HOUR, .address = "天河路 1 号", .contact = "李明" },
      "onsite_dispatched", "appointment" },
    { "booking without address", { .step = WX_VISIT_STEP_BOOK, .appointment_at = now + HOUR, .address = " ", .contact = "李明" },
      "onsite_dispatched", "address" },
    { "booking without time", { .step = WX_VISIT_STEP_BOOK, .address = "天河路 1 号", .contact = "李明" },
      "onsite_dispatched", "appointment" },
    { "arrival before booking", { .step = WX_VISIT_STEP_ARRIVE },
      "onsite_dispatched", NULL },
    { "arrival in the future", { .step = WX_VISIT_STEP_ARRIVE, .arrived_at = now + 3 * HOUR },
      "appointment_booked", "arrived" },
    { "absent without a note", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_CUSTOMER_ABSENT },
      "on_site", "note" },
    { "leaving before arriving", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_CUSTOMER_ABSENT,
                                   .note = "无人", .arrived_at = now - HOUR, .left_at = now - 2 * HOUR },
      "on_site", "left" },
    { "taken back unsigned", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                               .appearance = "完好", .copy_handed = TRUE },
      "on_site", "customer_signed" },
    { "taken back without appearance", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                                         .customer_signed = TRUE, .copy_handed = TRUE },
      "on_site", "appearance" },
    { "taken back without the customer copy", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                                                .appearance = "完好", .customer_signed = TRUE },
      "on_site", "copy_handed" },
    { "taken back with a blank accessory", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                                             .appearance = "完好", .customer_signed = TRUE, .copy_handed = TRUE,
                                             .accessories = (char **) no_name },
      "on_site", "accessories" },
    { "fixed without the repair", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_FIXED, .customer_signed = TRUE },
      "on_site", "repair_notes" },
    { "paid without an amount", { .step = WX_VISIT_STEP_DELIVER, .payment_status = "paid", .received_by = "李明", .customer_signed = TRUE },
      "fixed_on_site", "payment_amount" },
    { "taking back twice", { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                             .appearance = "完好", .customer_signed = TRUE, .copy_handed = TRUE },
      "received", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = dispatched_order (conn, cases[i].state);
      g_autofree char *before = NULL, *after = NULL;
      g_autoptr(GError) error = NULL;
      const char *field = NULL;
      const char *snapshot =
        "SELECT o.version || o.state || (SELECT count(*) FROM visits v WHERE v.order_id = o.id)"
        "       || (SELECT count(*) FROM calls c WHERE c.order_id = o.id)"
        "       || (SELECT count(*) FROM order_events e WHERE e.order_id = o.id)"
        "       || (SELECT count(*) FROM order_accessories a WHERE a.order_id = o.id)"
        "  FROM service_orders o WHERE o.number = $1";

      before = value (conn, snapshot, number);
      set_role (conn, engineer);
      if (wx_db_visit_step (conn, number, version_of (conn, number), &cases[i].in, NULL, &field, &error))
        g_error ("%s: accepted", cases[i].what);
      set_role (conn, NULL);
      g_test_message ("%s: %s", cases[i].what, error->message);
      after = value (conn, snapshot, number);
      g_assert_cmpstr (before, ==, after);
      if (cases[i].field)
        {
          g_assert_true (error->domain == WX_CORE_ERROR);
          if (g_strcmp0 (field, cases[i].field) != 0)
            g_error ("%s: field %s, expected %s (%s)", cases[i].what, field, cases[i].field, error->message);
        }
      else
        g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED);
    }
}

/* The supervisor escalated the order while the engineer's dialog was open. */
static void
test_conflict_names_who (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = dispatched_order (conn, "appointment_booked");
  g_autofree char *before = NULL;
  int seen = version_of (conn, number);
  WxVisitInput arrive = { .step = WX_VISIT_STEP_ARRIVE };
  g_autoptr(GError) error = NULL;
  const char *params[] = { number };

  set_role (conn, supervisor);
  g_assert_true (wx_db_execute (conn, "SELECT wx_transition($1, (SELECT version FROM service_orders WHERE number = $1),"
                                      " 'escalate', '{\"reason\": \"客户投诉上门太慢\"}')", 1, params, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  before = value (conn, "SELECT version || state FROM service_orders WHERE number = $1", number);

  set_role (conn, engineer);
  g_assert_false (wx_db_visit_step (conn, number, seen, &arrive, NULL, NULL, &error));
  set_role (conn, NULL);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "测试主管"));
  assert_value (conn, "SELECT version || state FROM service_orders WHERE number = $1", number, ==, before);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM visits v JOIN service_orders o ON o.id = v.order_id WHERE o.number = $1", number), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("visits", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  engineer = g_strdup_printf ("vi_eng_%d", (int) getpid ());
  supervisor = g_strdup_printf ("vi_sup_%d", (int) getpid ());
  {
    const char *p1[] = { engineer, "测试工程师" };
    const char *p2[] = { supervisor, "测试主管" };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, p1, &error));
    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_supervisor'])", 2, p2, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/visits/contact-book-arrive-take-back", test_take_back_to_s1);
  g_test_add_func ("/visits/contact-unanswered", test_contact_unanswered);
  g_test_add_func ("/visits/running-late", test_running_late);
  g_test_add_func ("/visits/absent-twice-escalates", test_absent_twice_escalates);
  g_test_add_func ("/visits/needs-parts-second-visit", test_needs_parts_second_visit);
  g_test_add_func ("/visits/deliver", test_deliver);
  g_test_add_func ("/visits/route", test_route);
  g_test_add_func ("/visits/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/visits/conflict-names-who", test_conflict_names_who);
  return g_test_run ();
}

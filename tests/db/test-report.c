/* test-report.c — the weekly report over a scripted week (2026-W46, Monday
 * 9 to Sunday 15 November 2026, Asia/Shanghai, the shop open Monday to
 * Saturday 09:00–18:00), every figure checked against values worked out by
 * hand in the comments below; the CSV, the PDF's text (pdftotext) and the
 * command line; the monthly summary. */
#include <glib/gstdio.h>

#include "core/wx-error.h"
#include "core/wx-report.h"
#include "db/wx-db.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

static char *conninfo;
static PGconn *conn;
static gint64 now;

/* Two engineers, 张工 (eng_a) and 李工 (eng_b), and a coordinator.
 *
 * O0 2026-000100 carry-in eng_a, received Mon 5 Oct, handed over 20 Oct (archived).
 * O1 2026-000101 carry-in eng_a, laser printer, Mon 9 Nov 09:00: dispatched
 *    09:30, inspected 11:00, quoted 11:20, agreed 14:00, repair dispatched
 *    14:10, repaired Tue 10:00, notified Tue 11:00, picked up Wed 10:00
 *    (paid ¥350), entered Wed 16:00, reviewed Thu 11:00 (parts right).
 *    Clocks: dispatch 30 met, reply 110 met, quote 20 met, decision 160 met,
 *    repair 300 met, notify 60 met, enter 360 met, review 240 met.
 * O2 2026-000102 carry-in eng_b, PC, Mon 10:00: dispatched 14:00 (240, late),
 *    inspected Tue 10:00, quoted Tue 11:00 (reply 360 late; quote 60 late),
 *    declined Tue 15:00 (decision 240 met), notified 16:00 (notify 60 met),
 *    picked up Thu 10:00, entered 11:00 (enter 60 met). Reviewed Fri
 *    without parts (parts_ok NULL: not counted). A complaint Fri.
 * O3 2026-000103 on-site eng_a, Tue 09:00 call: dispatched 09:20 (20 met),
 *    phoned 09:25 (on-site contact 5 met), booked 09:30, arrived 12:00
 *    (on-site arrival 180 met), fixed 13:00, accepted 13:10 (paid ¥150),
 *    entered 17:00 (enter 230 met). Reviewed Thu (parts wrong).
 * O4 2026-000104 on-site eng_b, Wed 09:00 call: dispatched 09:10 (10 met),
 *    phoned 09:40 (30 late), booked 09:45, arrived 15:00 (360 late); on site.
 * O5 2026-000105 carry-in eng_a, Thu 09:00: a return repair of O0 (23 days
 *    after its handover); received.
 * O6 2026-000106 carry-in eng_b, laptop, Sat 17:00, dispatched 17:30 (30 met).
 * O7 2026-000107 carry-in, no engineer, Sun 20:00; received.
 * O8 2026-000108 carry-in eng_a, 26 Oct, waiting for parts since 28 Oct.
 * O9 2026-000109 carry-in eng_b, Fri 13 Nov 10:00, dispatched 10:30 (30
 *    met); inspected Tue 17 Nov, after the week (inspecting at its end).
 */
static const char scenario_sql[] =
  "INSERT INTO staff (role_name, full_name) VALUES ('eng_a', '张工'), ('eng_b', '李工'), ('desk', '王小姐');"
  "INSERT INTO customers (id, unit_name, contact_person, mobile, address)"
  "  VALUES (1, '广州大学', '李明', '13812345678', '广州市番禺区大学城');"
  "INSERT INTO devices (id, customer_id, category, model, serial) VALUES"
  "  (1, 1, 'laser_printer', 'HP LaserJet M404dn', 'CNB1'), (2, 1, 'pc', 'Lenovo M720t', 'PC2'),"
  "  (3, 1, 'laptop', 'ThinkPad T14', 'LP3');"
  "INSERT INTO service_orders (id, number, kind, state, customer_id, device_id, unit_name, unit_address,"
  "                            contact_mobile, product_name, model, reported_fault, engineer, received_at,"
  "                            picked_up_at, is_return_repair, return_of_order_id, received_by) VALUES"
  "  (100, '2026-000100', 'carry_in', 'archived', 1, 1, '广州大学', '', '13812345678', '激光打印机', 'M404dn', '卡纸',"
  "   'eng_a', '2026-10-05 09:00+08', '2026-10-20 10:00+08', false, NULL, 'desk'),"
  "  (101, '2026-000101', 'carry_in', 'entered', 1, 1, '广州大学', '', '13812345678', '激光打印机', 'M404dn', '卡纸',"
  "   'eng_a', '2026-11-09 09:00+08', '2026-11-11 10:00+08', false, NULL, 'desk'),"
  "  (102, '2026-000102', 'carry_in', 'entered', 1, 2, '广州大学', '', '13812345678', '台式电脑', 'M720t', '不开机',"
  "   'eng_b', '2026-11-09 10:00+08', '2026-11-12 10:00+08', false, NULL, 'desk'),"
  "  (103, '2026-000103', 'on_site', 'entered', 1, 2, '广州大学', '大学城', '13812345678', '台式电脑', 'M720t', '蓝屏',"
  "   'eng_a', '2026-11-10 09:00+08', '2026-11-10 13:10+08', false, NULL, 'desk'),"
  "  (104, '2026-000104', 'on_site', 'on_site', 1, 2, '广州大学', '大学城', '13812345678', '台式电脑', 'M720t', '死机',"
  "   'eng_b', '2026-11-11 09:00+08', NULL, false, NULL, 'desk'),"
  "  (105, '2026-000105', 'carry_in', 'received', 1, 1, '广州大学', '', '13812345678', '激光打印机', 'M404dn', '又卡纸',"
  "   'eng_a', '2026-11-12 09:00+08', NULL, true, 100, 'desk'),"
  "  (106, '2026-000106', 'carry_in', 'inspecting', 1, 3, '广州大学', '', '13812345678', '笔记本', 'T14', '键盘失灵',"
  "   'eng_b', '2026-11-14 17:00+08', NULL, false, NULL, 'desk'),"
  "  (107, '2026-000107', 'carry_in', 'received', 1, 2, '广州大学', '', '13812345678', '台式电脑', 'M720t', '噪音大',"
  "   NULL, '2026-11-15 20:00+08', NULL, false, NULL, 'desk'),"
  "  (108, '2026-000108', 'carry_in', 'waiting_parts', 1, 1, '广州大学', '', '13812345678', '激光打印机', 'M404dn', '定影不良',"
  "   'eng_a', '2026-10-26 09:00+08', NULL, false, NULL, 'desk'),"
  "  (109, '2026-000109', 'carry_in', 'inspected', 1, 2, '广州大学', '', '13812345678', '台式电脑', 'M720t', '无显示',"
  "   'eng_b', '2026-11-13 10:00+08', NULL, false, NULL, 'desk');"
  "INSERT INTO order_events (order_id, at, event, to_state, actor) VALUES"
  "  (100, '2026-10-05 09:00+08', 'received', 'received', 'desk'),"
  "  (100, '2026-10-05 09:30+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (101, '2026-11-09 09:00+08', 'received', 'received', 'desk'),"
  "  (101, '2026-11-09 09:30+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (101, '2026-11-09 11:00+08', 'inspect', 'inspected', 'eng_a'),"
  "  (101, '2026-11-09 11:20+08', 'quote', 'quoted', 'desk'),"
  "  (101, '2026-11-09 14:00+08', 'agree', 'agreed', 'desk'),"
  "  (101, '2026-11-09 14:10+08', 'dispatch_repair', 'repairing', 'desk'),"
  "  (101, '2026-11-10 10:00+08', 'repair_done', 'repaired', 'eng_a'),"
  "  (101, '2026-11-10 11:00+08', 'notify', 'notified', 'desk'),"
  "  (101, '2026-11-11 10:00+08', 'pickup', 'picked_up', 'desk'),"
  "  (101, '2026-11-11 16:00+08', 'enter', 'entered', 'desk'),"
  "  (101, '2026-11-12 11:00+08', 'review', 'entered', 'desk'),"
  "  (102, '2026-11-09 10:00+08', 'received', 'received', 'desk'),"
  "  (102, '2026-11-09 14:00+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (102, '2026-11-10 10:00+08', 'inspect', 'inspected', 'eng_b'),"
  "  (102, '2026-11-10 11:00+08', 'quote', 'quoted', 'desk'),"
  "  (102, '2026-11-10 15:00+08', 'decline', 'declined', 'desk'),"
  "  (102, '2026-11-10 16:00+08', 'notify', 'notified', 'desk'),"
  "  (102, '2026-11-12 10:00+08', 'pickup', 'picked_up', 'desk'),"
  "  (102, '2026-11-12 11:00+08', 'enter', 'entered', 'desk'),"
  "  (103, '2026-11-10 09:00+08', 'call_logged', 'call_logged', 'desk'),"
  "  (103, '2026-11-10 09:20+08', 'dispatch_onsite', 'onsite_dispatched', 'desk'),"
  "  (103, '2026-11-10 09:25+08', 'contact_customer', 'onsite_dispatched', 'eng_a'),"
  "  (103, '2026-11-10 09:30+08', 'book_visit', 'appointment_booked', 'eng_a'),"
  "  (103, '2026-11-10 12:00+08', 'arrive', 'on_site', 'eng_a'),"
  "  (103, '2026-11-10 13:00+08', 'fix_on_site', 'fixed_on_site', 'eng_a'),"
  "  (103, '2026-11-10 13:10+08', 'accept', 'picked_up', 'eng_a'),"
  "  (103, '2026-11-10 17:00+08', 'enter', 'entered', 'desk'),"
  "  (104, '2026-11-11 09:00+08', 'call_logged', 'call_logged', 'desk'),"
  "  (104, '2026-11-11 09:10+08', 'dispatch_onsite', 'onsite_dispatched', 'desk'),"
  "  (104, '2026-11-11 09:40+08', 'contact_customer', 'onsite_dispatched', 'eng_b'),"
  "  (104, '2026-11-11 09:45+08', 'book_visit', 'appointment_booked', 'eng_b'),"
  "  (104, '2026-11-11 15:00+08', 'arrive', 'on_site', 'eng_b'),"
  "  (105, '2026-11-12 09:00+08', 'received', 'received', 'desk'),"
  "  (106, '2026-11-14 17:00+08', 'received', 'received', 'desk'),"
  "  (106, '2026-11-14 17:30+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (107, '2026-11-15 20:00+08', 'received', 'received', 'desk'),"
  "  (108, '2026-10-26 09:00+08', 'received', 'received', 'desk'),"
  "  (108, '2026-10-26 09:30+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (108, '2026-10-26 11:00+08', 'inspect', 'inspected', 'eng_a'),"
  "  (108, '2026-10-26 11:20+08', 'quote', 'quoted', 'desk'),"
  "  (108, '2026-10-27 10:00+08', 'agree', 'agreed', 'desk'),"
  "  (108, '2026-10-28 10:00+08', 'order_parts', 'waiting_parts', 'eng_a'),"
  "  (109, '2026-11-13 10:00+08', 'received', 'received', 'desk'),"
  "  (109, '2026-11-13 10:30+08', 'dispatch_inspection', 'inspecting', 'desk'),"
  "  (109, '2026-11-17 10:00+08', 'inspect', 'inspected', 'eng_b');"
  "INSERT INTO payments (order_id, at, amount, method, received_by) VALUES"
  "  (101, '2026-11-11 10:00+08', 35000, 'cash', 'desk'), (103, '2026-11-10 13:10+08', 15000, 'wechat', 'eng_a');"
  "INSERT INTO order_reviews (order_id, at, reviewer, outcome, parts_ok) VALUES"
  "  (101, '2026-11-12 11:00+08', 'desk', 'passed', true),"
  "  (103, '2026-11-12 11:30+08', 'desk', 'passed', false),"
  "  (102, '2026-11-13 09:30+08', 'desk', 'passed', NULL);"
  /* A callback is done when the customer was reached (013_callbacks.sql);
   * 109's is still to make, with one try nobody answered. */
  "INSERT INTO callbacks (order_id, kind, due_at, done_at, actor, reached, satisfaction, machine_working, weak_response, attempts) VALUES"
  "  (101, 'weekly', '2026-11-13 09:00+08', '2026-11-13 10:00+08', 'desk', true, 5, true, false, 0),"
  "  (103, 'onsite_24h', '2026-11-11 13:00+08', '2026-11-13 11:00+08', 'desk', true, 4, true, false, 0),"
  "  (102, 'weekly', '2026-11-13 09:00+08', '2026-11-13 12:00+08', 'desk', true, 2, true, true, 1),"
  "  (109, 'weekly', '2026-11-20 09:00+08', NULL, NULL, NULL, NULL, NULL, false, 1);"
  "INSERT INTO complaints (customer_id, order_id, received_at, received_by, description) VALUES"
  "  (1, 102, '2026-11-13 14:00+08', 'desk', '检测太慢，报价太晚');";

static WxReportRow *
row_of (WxReport *r, const char *role)
{
  for (guint i = 0; i < r->engineers->len; i++)
    {
      WxReportRow *row = g_ptr_array_index (r->engineers, i);
      if (g_str_equal (row->role, role))
        return row;
    }
  g_error ("no row for “%s”", role);
  return NULL;
}

static WxReport *
load_w46 (void)
{
  g_autoptr(GError) error = NULL;
  WxReport *r = wx_db_report_week_load (conn, "2026-W46", now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
test_report_weeks (void)
{
  g_autoptr(WxReport) r = load_w46 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) mon = g_date_time_new (tz, 2026, 11, 9, 0, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new (tz, 2026, 9, 14, 0, 0, 0);
  int y = 0, w = 0;

  g_assert_cmpint (r->year, ==, 2026);
  g_assert_cmpint (r->week, ==, 46);
  g_assert_cmpint (r->bounds[WX_REPORT_CHOSEN], ==, g_date_time_to_unix (mon));
  g_assert_cmpint (r->bounds[WX_REPORT_WEEKS], ==, g_date_time_to_unix (mon) + 7 * 86400);
  g_assert_cmpint (r->bounds[0], ==, g_date_time_to_unix (first));
  /* The default: the last complete week before Wednesday 18 November. */
  g_assert_true (wx_db_report_default_week (conn, now, &y, &w, &error));
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (w, ==, 46);
  g_assert_false (wx_report_parse_week ("2026-W54", &y, &w, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wx_report_parse_week ("2020w53", &y, &w, &error));
  g_assert_cmpint (w, ==, 53);
}

static void
test_report_counts (void)
{
  g_autoptr(WxReport) r = load_w46 ();
  const WxReportStats *shop = &r->shop.weeks[WX_REPORT_CHOSEN];
  const WxReportStats *a = &row_of (r, "eng_a")->weeks[WX_REPORT_CHOSEN];
  const WxReportStats *b = &row_of (r, "eng_b")->weeks[WX_REPORT_CHOSEN];
  const WxReportStats *none = &row_of (r, "")->weeks[WX_REPORT_CHOSEN];

  g_assert_cmpstr (row_of (r, "eng_a")->name, ==, "张工");
  g_assert_cmpstr (row_of (r, "eng_b")->name, ==, "李工");
  /* Engineers by name, the unassigned last. */
  g_assert_cmpstr (((WxReportRow *) g_ptr_array_index (r->engineers, r->engineers->len - 1))->role, ==, "");

  /* Orders received: O1–O7 and O9; eng_a O1 O3 O5, eng_b O2 O4 O6 O9, O7 nobody's. */
  g_assert_cmpuint (shop->orders, ==, 8);
  g_assert_cmpuint (a->orders, ==, 3);
  g_assert_cmpuint (b->orders, ==, 4);
  g_assert_cmpuint (none->orders, ==, 1);
  g_assert_cmpuint (shop->by_kind[WX_ORDER_KIND_CARRY_IN], ==, 6);
  g_assert_cmpuint (shop->by_kind[WX_ORDER_KIND_ON_SITE], ==, 2);
  g_assert_cmpuint (a->by_kind[WX_ORDER_KIND_ON_SITE], ==, 1);
  g_assert_cmpuint (shop->by_category[wx_report_category_from_code ("laser_printer")], ==, 2);
  g_assert_cmpuint (shop->by_category[wx_report_category_from_code ("pc")], ==, 5);
  g_assert_cmpuint (shop->by_category[wx_report_category_from_code ("laptop")], ==, 1);
  /* Earlier weeks: O0 in W41, O8 in W44. */
  g_assert_cmpuint (r->shop.weeks[3].orders, ==, 1);
  g_assert_cmpuint (r->shop.weeks[6].orders, ==, 1);
  g_assert_cmpuint (r->shop.weeks[7].orders, ==, 0);

  /* Handovers O1 O2 O3; the return repair O5 of eng_a's O0. */
  g_assert_cmpuint (shop->handed_over, ==, 3);
  g_assert_cmpuint (a->handed_over, ==, 2);
  g_assert_cmpuint (shop->returns, ==, 1);
  g_assert_cmpuint (a->returns, ==, 1);
  g_assert_cmpuint (b->returns, ==, 0);
  /* Parts: O1 right, O3 wrong, O2 not judged. */
  g_assert_cmpuint (shop->reviewed, ==, 2);
  g_assert_cmpuint (shop->parts_ok, ==, 1);
  g_assert_cmpuint (a->reviewed, ==, 2);
  g_assert_cmpuint (b->reviewed, ==, 0);
  /* Callbacks: 3 done (5, 4, 2), 3 rated. */
  g_assert_cmpuint (shop->callbacks, ==, 3);
  g_assert_cmpuint (shop->rated, ==, 3);
  g_assert_cmpuint (shop->satisfaction_sum, ==, 11);
  g_assert_cmpuint (a->callbacks, ==, 2);
  g_assert_cmpuint (a->satisfaction_sum, ==, 9);
  g_assert_cmpuint (b->callbacks, ==, 1);
  g_assert_cmpuint (b->rated, ==, 1);
  g_assert_cmpuint (shop->complaints, ==, 1);
  g_assert_cmpuint (b->complaints, ==, 1);
  /* Quotes O1 (agreed), O2 (declined). */
  g_assert_cmpuint (shop->quotes, ==, 2);
  g_assert_cmpuint (shop->agreed, ==, 1);
  g_assert_cmpuint (shop->declined, ==, 1);
  g_assert_cmpint (shop->revenue, ==, 50000);
  g_assert_cmpint (a->revenue, ==, 50000);
  g_assert_cmpint (b->revenue, ==, 0);
}

static void
test_report_clocks (void)
{
  g_autoptr(WxReport) r = load_w46 ();
  const WxReportStats *shop = &r->shop.weeks[WX_REPORT_CHOSEN];
  const WxReportStats *a = &row_of (r, "eng_a")->weeks[WX_REPORT_CHOSEN];
  const WxReportStats *b = &row_of (r, "eng_b")->weeks[WX_REPORT_CHOSEN];
  static const struct { WxClock clock; guint n, met; gint64 median; } want[] = {
    { WX_CLOCK_DISPATCH,         6, 5,  30 },   /* 10 20 30 30 30 240 */
    { WX_CLOCK_FRONT_REPLY,      2, 1, 370 },   /* the carry-ins replied to */
    { WX_CLOCK_REPLY,            2, 1, 235 },   /* 110 360 */
    { WX_CLOCK_QUOTE,            2, 1,  40 },   /* 20 60 */
    { WX_CLOCK_DECISION,         2, 2, 200 },   /* 160 240 */
    { WX_CLOCK_REPAIR,           1, 1, 300 },
    { WX_CLOCK_NOTIFY,           2, 2,  60 },
    { WX_CLOCK_ONSITE_CONTACT,   2, 1,  17 },   /* 5 30 → 17 (whole minutes) */
    { WX_CLOCK_ONSITE_ARRIVAL,   2, 1, 270 },   /* 180 360 */
    { WX_CLOCK_OUTSOURCED_REPLY, 0, 0,  -1 },
    { WX_CLOCK_ENTER,            3, 3, 230 },   /* 60 230 360 */
    { WX_CLOCK_REVIEW,           1, 1, 240 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_test_message ("clock %s", wx_clock_to_code (want[i].clock));
      g_assert_cmpuint (shop->clock_n[want[i].clock], ==, want[i].n);
      g_assert_cmpuint (shop->clock_met[want[i].clock], ==, want[i].met);
      g_assert_cmpint (shop->clock_median[want[i].clock], ==, want[i].median);
    }
  g_assert_cmpuint (wx_report_stats_clocks_n (shop), ==, 25);
  g_assert_cmpuint (wx_report_stats_clocks_met (shop), ==, 19);
  g_assert_cmpuint (wx_report_stats_clocks_n (a), ==, 13);
  g_assert_cmpuint (wx_report_stats_clocks_met (a), ==, 13);
  g_assert_cmpuint (wx_report_stats_clocks_n (b), ==, 12);
  g_assert_cmpuint (wx_report_stats_clocks_met (b), ==, 6);
  g_assert_cmpuint (a->clock_n[WX_CLOCK_DISPATCH], ==, 2);
  g_assert_cmpint (a->clock_median[WX_CLOCK_DISPATCH], ==, 25);
  g_assert_cmpuint (b->clock_met[WX_CLOCK_DISPATCH], ==, 3);
  g_assert_cmpint (b->clock_median[WX_CLOCK_DISPATCH], ==, 30);
  /* O0's dispatch, five weeks before. */
  g_assert_cmpuint (r->shop.weeks[3].clock_n[WX_CLOCK_DISPATCH], ==, 1);
}

static void
test_report_backlog (void)
{
  g_autoptr(WxReport) r = load_w46 ();

  /* Open at Monday 16 November 00:00: O7 (4 h), O6 and O9 (1–3 days), O1 O2
   * O3 O4 O5 (3–7 days), O8 (three weeks). */
  g_assert_cmpint (r->as_of, ==, r->bounds[WX_REPORT_WEEKS]);
  g_assert_cmpuint (r->shop.backlog[0], ==, 1);
  g_assert_cmpuint (r->shop.backlog[1], ==, 2);
  g_assert_cmpuint (r->shop.backlog[2], ==, 5);
  g_assert_cmpuint (r->shop.backlog[3], ==, 0);
  g_assert_cmpuint (r->shop.backlog[4], ==, 1);
  g_assert_cmpuint (r->backlog_folder[WX_FOLDER_F1][0], ==, 1);   /* O7 */
  g_assert_cmpuint (r->backlog_folder[WX_FOLDER_F1][2], ==, 1);   /* O5 */
  g_assert_cmpuint (r->backlog_folder[WX_FOLDER_F4][2], ==, 3);   /* O1 O2 O3 */
  g_assert_cmpuint (wx_report_backlog_total (r->backlog_folder[WX_FOLDER_WITH_ENGINEER]), ==, 4);
  g_assert_cmpuint (r->backlog_folder[WX_FOLDER_WITH_ENGINEER][1], ==, 2);   /* O6, O9 as it was then */
  g_assert_cmpuint (r->backlog_folder[WX_FOLDER_WITH_ENGINEER][4], ==, 1);   /* O8 */
  g_assert_cmpuint (r->backlog_shelf[WX_SHELF_BENCH][1], ==, 2);
  g_assert_cmpuint (r->backlog_shelf[WX_SHELF_S2][4], ==, 1);
  g_assert_cmpuint (r->backlog_shelf[WX_SHELF_AT_CUSTOMER][2], ==, 1);
  g_assert_cmpuint (r->backlog_shelf[WX_SHELF_RETURNED][2], ==, 3);
  g_assert_cmpuint (wx_report_backlog_total (row_of (r, "eng_a")->backlog), ==, 4);
  g_assert_cmpuint (wx_report_backlog_total (row_of (r, "eng_b")->backlog), ==, 4);
  g_assert_cmpuint (wx_report_backlog_total (row_of (r, "")->backlog), ==, 1);
}

static void
test_report_formats (void)
{
  g_autofree char *s1 = wx_report_format_share (18, 23);
  g_autofree char *s2 = wx_report_format_share (1, 3);
  g_autofree char *s3 = wx_report_format_share (0, 0);
  g_autofree char *m1 = wx_report_format_minutes (45);
  g_autofree char *a1 = wx_report_format_average (11, 3);
  gint64 v[] = { 30, 10, 240, 30, 20, 30 };

  g_assert_cmpstr (s1, ==, "78.3%");
  g_assert_cmpstr (s2, ==, "33.3%");
  g_assert_cmpstr (s3, ==, "—");
  g_assert_cmpstr (m1, ==, "45 min");
  g_assert_cmpstr (a1, ==, "3.67");
  g_assert_cmpint (wx_report_median (v, G_N_ELEMENTS (v)), ==, 30);
  g_assert_cmpint (wx_report_median (v, 0), ==, -1);
  g_assert_cmpuint (wx_report_age_bucket (4 * 3600), ==, 0);
  g_assert_cmpuint (wx_report_age_bucket (86400), ==, 1);
  g_assert_cmpuint (wx_report_age_bucket (21 * 86400), ==, 4);
}

static void
test_report_csv (void)
{
  g_autoptr(WxReport) r = load_w46 ();
  g_autoptr(GString) csv = wx_report_to_csv (r);
  static const char *const lines[] = {
    "week,engineer,metric,value\n",
    "\n2026-W46,shop,orders,8\n",
    "\n2026-W46,eng_a,orders,3\n",
    "\n2026-W46,eng_b,orders,4\n",
    "\n2026-W46,unassigned,orders,1\n",
    "\n2026-W46,shop,clocks.met_share,0.7600\n",
    "\n2026-W46,shop,clock.front-reply.median_minutes,370\n",
    "\n2026-W46,shop,clock.dispatch.met_share,0.8333\n",
    "\n2026-W46,shop,clock.dispatch.median_minutes,30\n",
    "\n2026-W46,shop,clock.onsite-arrival.median_minutes,270\n",
    "\n2026-W46,shop,return_repair_rate,0.3333\n",
    "\n2026-W46,eng_a,return_repair_rate,0.5000\n",
    "\n2026-W46,shop,parts_accuracy,0.5000\n",
    "\n2026-W46,shop,satisfaction_average,3.6667\n",
    "\n2026-W46,shop,agreement_rate,0.5000\n",
    "\n2026-W46,shop,revenue_yuan,500.00\n",
    "\n2026-W46,shop,backlog.folder.F4.3-7d,3\n",
    "\n2026-W46,shop,backlog.14d+,1\n",
    "\n2026-W41,shop,orders,1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (strstr (csv->str, lines[i]) == NULL)
      g_error ("the CSV lacks %s", lines[i]);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
assert_text_has (const char *text, const char *value)
{
  if (strstr (text, value) == NULL)
    g_error ("the PDF does not show “%s”:\n%s", value, text);
}

static void
test_report_pdf (void)
{
  g_autoptr(WxReport) r = load_w46 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wx_pdf_report_render (r, &error);
  g_autofree char *dir = g_build_filename (g_getenv ("WX_SCREENSHOT_DIR") ? g_getenv ("WX_SCREENSHOT_DIR") : g_get_tmp_dir (), NULL);
  g_autofree char *path = g_build_filename (dir, "report-week.pdf", NULL);
  g_autofree char *text = NULL;
  static const char *const values[] = {
    "2026-W46", "张工", "李工", "76.0%", "100.0%", "83.3%", "33.3%", "50.0%", "3.67", "4.50",
    "3.9 h", "4.5 h", "¥500.00", "Whole shop",
  };

  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (wx_pdf_write_file (pdf, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    assert_text_has (text, values[i]);
}

#define cli(r, ...) wx_test_admin ((r), NULL, NULL, "--db", conninfo, __VA_ARGS__, NULL)

static void
test_report_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wx-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "w46.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(WxTestRun) csv = { 0 };
  g_auto(WxTestRun) out = { 0 };
  g_auto(WxTestRun) bad = { 0 };
  g_auto(WxTestRun) month = { 0 };

  cli (&csv, "report", "weekly", "--week", "2026-W46", "--csv");
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_nonnull (strstr (csv.out, "\n2026-W46,shop,orders,8\n"));
  cli (&out, "report", "weekly", "--week", "2026-W46", "-o", pdf);
  g_assert_cmpint (out.status, ==, 0);
  text = pdf_text (pdf);
  assert_text_has (text, "76.0%");
  cli (&bad, "report", "weekly", "--week", "2026-W99", "--csv");
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "2026"));
  cli (&month, "report", "monthly", "--month", "2026-11", "--csv");
  g_assert_cmpint (month.status, ==, 0);
  g_assert_nonnull (strstr (month.out, "\n2026-11,feedback,callbacks_done,3\n"));
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_report_month (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WxMonthReport) m = wx_db_report_month_load (conn, "2026-11", now, &error);
  g_autoptr(GString) csv = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (m->callbacks, ==, 3);
  g_assert_cmpuint (m->reached, ==, 3);
  g_assert_cmpuint (m->rated, ==, 3);
  g_assert_cmpuint (m->satisfaction_sum, ==, 11);
  g_assert_cmpuint (m->weak_response, ==, 1);
  g_assert_cmpuint (m->by_score[4], ==, 1);
  g_assert_cmpuint (m->complaints_received, ==, 1);
  g_assert_cmpuint (m->complaints_open, ==, 1);
  g_assert_cmpuint (m->complaints->len, ==, 1);
  g_assert_cmpstr (((WxReportComplaint *) g_ptr_array_index (m->complaints, 0))->number, ==, "2026-000102");
  csv = wx_month_report_to_csv (m);
  g_assert_nonnull (strstr (csv->str, "\n2026-11,complaints,received,1\n"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GDateTime) fixed = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("report", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_exec (conn, scenario_sql);
  fixed = wx_test_fixed_now ();
  now = g_date_time_to_unix (fixed);

  g_test_add_func ("/report/weeks", test_report_weeks);
  g_test_add_func ("/report/counts", test_report_counts);
  g_test_add_func ("/report/clocks", test_report_clocks);
  g_test_add_func ("/report/backlog", test_report_backlog);
  g_test_add_func ("/report/formats", test_report_formats);
  g_test_add_func ("/report/csv", test_report_csv);
  g_test_add_func ("/report/pdf", test_report_pdf);
  g_test_add_func ("/report/cli", test_report_cli);
  g_test_add_func ("/report/month", test_report_month);
  return g_test_run ();
}

/* The SLA clocks (src/core/wx-sla.c), pure: scripted event logs on the
 * shop's default calendar (Asia/Shanghai, Monday to Saturday 09:00–18:00,
 * thresholds of data/sql/004_defaults.sql). Mon 2026-11-16 … Sun 2026-11-22. */
#include <stdio.h>

#include "core/wx-sla.h"

static WxSlaRules rules;
static GTimeZone *zone;

static gint64
at (const char *local)   /* "2026-11-16 09:30" */
{
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) t = NULL;

  g_assert_cmpint (sscanf (local, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  t = g_date_time_new (zone, y, mo, d, h, mi, 0);
  return g_date_time_to_unix (t);
}

static char *
local (gint64 t)
{
  g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) l = g_date_time_to_timezone (u, zone);
  return g_date_time_format (l, "%Y-%m-%d %H:%M");
}

typedef struct {
  const char *name;
  WxOrderKind kind;
  const char *events;     /* "event@YYYY-MM-DD HH:MM;…" */
  const char *now;
  const char *clock;
  const char *status;
  const char *due;        /* the limit */
  const char *due_target;
  gint64      minutes_left;   /* checked when running */
} ClockCase;

static const ClockCase cases[] = {
  { "dispatched in time", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00", "2026-11-16 11:00",
    "dispatch", "met", "2026-11-16 12:30", "2026-11-16 10:30", 0 },
  { "dispatch running", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30", "2026-11-16 10:00",
    "dispatch", "running", "2026-11-16 12:30", "2026-11-16 10:30", 150 },
  { "dispatch amber past the hour", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30", "2026-11-16 10:30",
    "dispatch", "amber", "2026-11-16 12:30", "2026-11-16 10:30", 120 },
  { "dispatch red at 3 hours", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30", "2026-11-16 13:00",
    "dispatch", "red", "2026-11-16 12:30", "2026-11-16 10:30", -30 },
  { "dispatch met late", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 14:00", "2026-11-16 15:00",
    "dispatch", "met_late", "2026-11-16 12:30", "2026-11-16 10:30", 0 },
  { "dispatch across closing", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 17:00", "2026-11-16 17:30",
    "dispatch", "running", "2026-11-17 11:00", "2026-11-16 18:00", 150 },
  { "dispatch received on Sunday", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-22 11:00", "2026-11-22 12:00",
    "dispatch", "running", "2026-11-23 12:00", "2026-11-23 10:00", 180 },
  { "overdue across the night counts business minutes", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30", "2026-11-17 09:30",
    "dispatch", "red", "2026-11-16 12:30", "2026-11-16 10:30", -360 },
  { "reply 4 hours", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00", "2026-11-16 11:00",
    "reply", "running", "2026-11-16 14:00", "2026-11-16 14:00", 180 },
  { "reply: received at 16:00 → 10:00 next working day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 16:00;dispatch_inspection@2026-11-16 16:20", "2026-11-16 17:00",
    "reply", "running", "2026-11-17 10:00", "2026-11-17 10:00", 120 },
  { "reply: received at 15:59 keeps 4 hours", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 15:59;dispatch_inspection@2026-11-16 16:10", "2026-11-16 17:00",
    "reply", "running", "2026-11-17 11:10", "2026-11-17 11:10", 190 },
  { "reply: Saturday 16:30 → Monday 10:00", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-21 16:30;dispatch_inspection@2026-11-21 16:40", "2026-11-21 17:00",
    "reply", "running", "2026-11-23 10:00", "2026-11-23 10:00", 120 },
  { "reply met by the quote", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;dispatch_inspection@2026-11-16 09:10;inspect@2026-11-16 11:00;quote@2026-11-16 11:20",
    "2026-11-16 12:00", "reply", "met", "2026-11-16 13:10", "2026-11-16 13:10", 0 },
  { "quote within 30 minutes of the inspection", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;dispatch_inspection@2026-11-16 09:10;inspect@2026-11-16 11:00",
    "2026-11-16 11:40", "quote", "red", "2026-11-16 11:30", "2026-11-16 11:30", -10 },
  { "decision: 2 working days", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;dispatch_inspection@2026-11-16 09:10;inspect@2026-11-16 11:00;quote@2026-11-16 11:20",
    "2026-11-18 10:00", "decision", "running", "2026-11-18 11:20", "2026-11-18 11:20", 80 },
  { "repair: 8 hours with parts in stock", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;quote@2026-11-16 10:00;agree@2026-11-16 14:00", "2026-11-17 13:00",
    "repair", "amber", "2026-11-19 14:00", "2026-11-17 13:00", 1140 },
  { "repair: parts ordered, only the 3 working days", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;quote@2026-11-16 10:00;agree@2026-11-16 14:00;order_parts@2026-11-16 15:00",
    "2026-11-17 13:00", "repair", "running", "2026-11-19 14:00", "2026-11-19 14:00", 1140 },
  { "warranty repair starts at dispatch", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;inspect@2026-11-16 10:00;dispatch_repair@2026-11-16 11:00;repair_done@2026-11-16 16:00",
    "2026-11-16 17:00", "repair", "met", "2026-11-19 11:00", "2026-11-17 10:00", 0 },
  { "notify the same working day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;repair_done@2026-11-16 17:00", "2026-11-16 17:30",
    "notify", "running", "2026-11-16 18:00", "2026-11-16 18:00", 30 },
  { "notify: repaired after closing → by closing next day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;repair_done@2026-11-16 19:00", "2026-11-17 09:00",
    "notify", "running", "2026-11-17 18:00", "2026-11-17 18:00", 540 },
  { "enter the same day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;pickup@2026-11-21 15:00;enter@2026-11-23 09:10", "2026-11-23 10:00",
    "enter", "met_late", "2026-11-21 18:00", "2026-11-21 18:00", 0 },
  { "review by 12:00 next working day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;enter@2026-11-20 15:00", "2026-11-21 10:30",
    "review", "running", "2026-11-21 12:00", "2026-11-21 11:00", 90 },
  { "review amber an hour before", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;enter@2026-11-20 15:00", "2026-11-21 11:00",
    "review", "amber", "2026-11-21 12:00", "2026-11-21 11:00", 60 },
  { "review: entered Saturday → Monday 12:00", WX_ORDER_KIND_SALE,
    "received@2026-11-16 09:00;enter@2026-11-21 15:00", "2026-11-23 12:30",
    "review", "red", "2026-11-23 12:00", "2026-11-23 11:00", -30 },
  { "review: entered before opening → the next day still", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;enter@2026-11-18 08:00", "2026-11-18 10:00",
    "review", "running", "2026-11-19 12:00", "2026-11-19 11:00", 660 },
  { "on-site contact within 10 minutes", WX_ORDER_KIND_ON_SITE,
    "call_logged@2026-11-16 09:00;dispatch_onsite@2026-11-16 09:30", "2026-11-16 09:45",
    "onsite-contact", "red", "2026-11-16 09:40", "2026-11-16 09:40", -5 },
  { "the engineer's call stops the contact clock", WX_ORDER_KIND_ON_SITE,
    "call_logged@2026-11-16 09:00;dispatch_onsite@2026-11-16 09:30;contact_customer@2026-11-16 09:38", "2026-11-16 09:45",
    "onsite-contact", "met", "2026-11-16 09:40", "2026-11-16 09:40", 0 },
  { "on-site arrival within 4 hours", WX_ORDER_KIND_ON_SITE,
    "call_logged@2026-11-16 09:00;dispatch_onsite@2026-11-16 09:30;book_visit@2026-11-16 09:35;arrive@2026-11-16 12:00",
    "2026-11-16 13:00", "onsite-arrival", "met", "2026-11-16 13:00", "2026-11-16 13:00", 0 },
  { "second dispatch restarts the contact clock", WX_ORDER_KIND_ON_SITE,
    "call_logged@2026-11-16 09:00;dispatch_onsite@2026-11-16 09:30;book_visit@2026-11-16 09:35;"
    "arrive@2026-11-16 11:00;leave_unfixed@2026-11-16 12:00;dispatch_onsite@2026-11-17 10:00",
    "2026-11-17 10:05", "onsite-contact", "running", "2026-11-17 10:10", "2026-11-17 10:10", 5 },
  { "outsourced reply 8 hours from receipt", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 10:00;dispatch_inspection@2026-11-16 10:10;outsource@2026-11-16 11:00", "2026-11-16 12:00",
    "outsourced-reply", "running", "2026-11-16 18:00", "2026-11-16 18:00", 360 },
  { "an outsourced repair stops the repair clock on its return", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;quote@2026-11-16 10:00;agree@2026-11-16 14:00;outsource@2026-11-16 15:00;"
    "outsource_return@2026-11-18 10:00", "2026-12-07 10:00",
    "repair", "met", "2026-11-19 14:00", "2026-11-17 13:00", 0 },
  { "front desk's reply: 4 hours from receiving the machine", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00", "2026-11-16 12:00",
    "front-reply", "running", "2026-11-16 13:30", "2026-11-16 13:30", 90 },
  { "front desk's reply: received at 16:00 → 10:00 next working day", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-21 16:10", "2026-11-21 17:00",
    "front-reply", "running", "2026-11-23 10:00", "2026-11-23 10:00", 120 },
  { "front desk's reply met by telling the result", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00;dispatch_inspection@2026-11-16 09:10;tell_result@2026-11-16 12:00",
    "2026-11-16 15:00", "front-reply", "met", "2026-11-16 13:00", "2026-11-16 13:00", 0 },
  { "front desk's reply overdue", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:00", "2026-11-16 13:20",
    "front-reply", "red", "2026-11-16 13:00", "2026-11-16 13:00", -20 },
  { "on-site: no front desk's reply clock", WX_ORDER_KIND_ON_SITE,
    "call_logged@2026-11-16 09:00", "2026-11-16 15:00",
    "front-reply", "not_started", NULL, NULL, 0 },
  { "no outsourcing, no outsourced-reply clock", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 10:00", "2026-11-16 12:00",
    "outsourced-reply", "not_started", NULL, NULL, 0 },
  { "a sale has no dispatch clock", WX_ORDER_KIND_SALE,
    "received@2026-11-16 10:00", "2026-11-16 12:00",
    "dispatch", "not_started", NULL, NULL, 0 },
  { "cancel stops the clock", WX_ORDER_KIND_CARRY_IN,
    "received@2026-11-16 09:30;cancel@2026-11-16 10:00", "2026-11-17 10:00",
    "dispatch", "met", "2026-11-16 12:30", "2026-11-16 10:30", 0 },
};

static void
test_clock_case (gconstpointer data)
{
  const ClockCase *c = data;
  g_auto(GStrv) items = g_strsplit (c->events, ";", -1);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (WxSlaEvent));
  WxClockState clocks[WX_N_CLOCKS];
  WxClock clock;

  for (guint i = 0; items[i]; i++)
    {
      char *sep = strchr (items[i], '@');
      WxSlaEvent e;
      *sep = '\0';
      e.event = g_intern_string (items[i]);
      e.at = at (sep + 1);
      g_array_append_val (events, e);
    }
  g_assert_true (wx_clock_from_code (c->clock, &clock));
  wx_sla_compute (&rules, c->kind, (WxSlaEvent *) (void *) events->data, events->len, at (c->now), clocks);
  g_assert_cmpstr (wx_clock_status_to_code (clocks[clock].status), ==, c->status);
  if (c->due)
    {
      g_autofree char *due = local (clocks[clock].due_limit);
      g_autofree char *target = local (clocks[clock].due_target);
      g_assert_cmpstr (due, ==, c->due);
      g_assert_cmpstr (target, ==, c->due_target);
    }
  if (clocks[clock].status == WX_CLOCK_STATUS_RUNNING || clocks[clock].status == WX_CLOCK_STATUS_AMBER ||
      clocks[clock].status == WX_CLOCK_STATUS_RED)
    g_assert_cmpint (clocks[clock].minutes_left, ==, c->minutes_left);
}

/* The timeline gives the same answers as the calendar it was compiled from. */
static void
test_timeline_matches_calendar (void)
{
  WxCalendar *cal = wx_timeline_get_calendar (rules.timeline);
  gint64 base = at ("2026-11-14 07:13");

  for (gint64 step = 0; step < 9 * 86400; step += 1789)
    for (gint64 minutes = 0; minutes < 3000; minutes += 97)
      {
        g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (base + step);
        g_autoptr(GDateTime) r = wx_calendar_add_minutes (cal, t, minutes);
        g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (base + step + minutes * 60);
        g_assert_cmpint (wx_timeline_add (rules.timeline, base + step, minutes), ==, g_date_time_to_unix (r));
        g_assert_cmpint (wx_timeline_minutes_between (rules.timeline, base + step, base + step + minutes * 60), ==,
                         wx_calendar_minutes_between (cal, t, u));
      }
}

/* The review clock's thresholds count from the next working day's opening:
 * changed in the settings, the due times move with them. */
static void
test_review_thresholds (void)
{
  WxSlaRules changed = rules;
  WxSlaEvent events[] = { { "received", at ("2026-11-16 09:00") }, { "enter", at ("2026-11-20 15:00") } };
  WxClockState out[WX_N_CLOCKS];
  g_autofree char *due = NULL;
  g_autofree char *target = NULL;

  changed.thresholds[WX_CLOCK_REVIEW] = (WxSlaThreshold) { 30, 600 };
  wx_sla_compute (&changed, WX_ORDER_KIND_CARRY_IN, events, G_N_ELEMENTS (events), at ("2026-11-21 10:00"), out);
  due = local (out[WX_CLOCK_REVIEW].due_limit);
  target = local (out[WX_CLOCK_REVIEW].due_target);
  /* Saturday 09:00 + 600 working minutes: Saturday closes at 18:00 (540), Monday 10:00. */
  g_assert_cmpstr (due, ==, "2026-11-23 10:00");
  g_assert_cmpstr (target, ==, "2026-11-21 09:30");
  g_assert_cmpint (out[WX_CLOCK_REVIEW].status, ==, WX_CLOCK_STATUS_AMBER);
  g_assert_nonnull (wx_clock_rule_hint (WX_CLOCK_REVIEW));
  g_assert_null (wx_clock_rule_hint (WX_CLOCK_DISPATCH));
}

/* Outside the compiled range the calendar itself answers. */
static void
test_timeline_outside_range (void)
{
  g_autofree char *due = local (wx_timeline_add (rules.timeline, at ("2027-06-07 17:30"), 60));

  g_assert_cmpstr (due, ==, "2027-06-08 09:30");
}

int
main (int argc, char **argv)
{
  g_autoptr(WxCalendar) calendar = wx_calendar_new_default ();

  g_test_init (&argc, &argv, NULL);
  zone = wx_calendar_get_zone (calendar);
  wx_sla_rules_init_defaults (&rules);
  rules.timeline = wx_timeline_new (calendar, at ("2026-11-01 00:00"), at ("2026-12-31 00:00"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sla/clock/%u", i);
      g_test_add_data_func (path, &cases[i], test_clock_case);
    }
  g_test_add_func ("/sla/timeline-matches-calendar", test_timeline_matches_calendar);
  g_test_add_func ("/sla/timeline-outside-range", test_timeline_outside_range);
  g_test_add_func ("/sla/review-thresholds", test_review_thresholds);
  return g_test_run ();
}

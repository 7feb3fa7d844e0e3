/* The business calendar (src/core/wx-calendar.c), pure: no database. Every
 * table row is one case; instants are written as ISO 8601 with their offset
 * (or Z), results as local time in the calendar's zone with its offset.
 *
 * SHOP is the shop's default calendar (Asia/Shanghai, Monday to Saturday
 * 09:00–18:00) with a holiday week built like 国庆 (National Day) 2026: the
 * holidays Thursday 1 to Wednesday 7 October and two make-up working Sundays,
 * 27 September (the usual hours) and 11 October (10:00–16:00). The week is
 * constructed for the tests, not the official 2026 schedule.
 *
 * OFFICE is another zone and week: Asia/Tokyo, Monday to Friday 08:30–17:15,
 * with a make-up Saturday 7 March 2026 (the usual hours) and a holiday on
 * Monday 9 March 2026.
 *
 * BERLIN has daylight saving (Europe/Berlin, Monday to Friday 08:00–17:00):
 * summer time starts Sunday 29 March 2026 and ends Sunday 25 October 2026. */
#include "core/wx-calendar.h"
#include "core/wx-error.h"

enum { SHOP, OFFICE, BERLIN, N_CALENDARS };

static WxCalendar *calendars[N_CALENDARS];

static GDate *
date_new (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
add_holiday (WxCalendar *calendar, int year, int month, int day)
{
  g_autoptr(GDate) date = date_new (year, month, day);

  wx_calendar_add_holiday (calendar, date);
}

static void
add_workday (WxCalendar *calendar, int year, int month, int day, guint opens, guint closes)
{
  g_autoptr(GDate) date = date_new (year, month, day);

  wx_calendar_add_workday (calendar, date, opens, closes);
}

static WxCalendar *
calendar_in (const char *zone_name, guint first_weekday, guint last_weekday, guint opens, guint closes)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  WxCalendar *calendar;

  g_assert_nonnull (zone);
  calendar = wx_calendar_new (zone);
  for (guint w = first_weekday; w <= last_weekday; w++)
    wx_calendar_set_hours (calendar, w, opens, closes);
  return calendar;
}

static void
make_calendars (void)
{
  calendars[SHOP] = wx_calendar_new_default ();
  for (int d = 1; d <= 7; d++)
    add_holiday (calendars[SHOP], 2026, 10, d);
  add_workday (calendars[SHOP], 2026, 9, 27, 0, 0);
  add_workday (calendars[SHOP], 2026, 10, 11, 10 * 60, 16 * 60);

  calendars[OFFICE] = calendar_in ("Asia/Tokyo", 1, 5, 8 * 60 + 30, 17 * 60 + 15);
  add_workday (calendars[OFFICE], 2026, 3, 7, 0, 0);
  add_holiday (calendars[OFFICE], 2026, 3, 9);

  calendars[BERLIN] = calendar_in ("Europe/Berlin", 1, 5, 8 * 60, 17 * 60);
}

static GDateTime *
instant (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  if (t == NULL)
    g_error ("bad instant in the test table: %s", iso);
  return t;
}

/* "2026-03-09 09:30+08:00", or "(null)". */
static char *
local (GDateTime *t)
{
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M%:z") : g_strdup ("(null)");
}

static void
check (guint row, const char *what, const char *start, const char *got, const char *expected)
{
  if (g_strcmp0 (got, expected) != 0)
    g_error ("row %u, %s from %s: got %s, expected %s", row, what, start, got, expected);
}

/* ------------------------------------------------------------ add_minutes */

static const struct {
  int         calendar;
  const char *start;
  gint64      minutes;
  const char *expected;
} add_cases[] = {
  /* within a day (Monday 2 March 2026) */
  { SHOP,   "2026-03-02T10:00:00+08:00", 30,   "2026-03-02 10:30+08:00" },
  { SHOP,   "2026-03-02T10:00:00+08:00", 480,  "2026-03-02 18:00+08:00" },   /* a deadline on the closing time */
  { SHOP,   "2026-03-02T09:00:00+08:00", 540,  "2026-03-02 18:00+08:00" },   /* same working day */
  /* across closing time, overnight */
  { SHOP,   "2026-03-02T17:30:00+08:00", 60,   "2026-03-03 09:30+08:00" },
  { SHOP,   "2026-03-02T19:00:00+08:00", 10,   "2026-03-03 09:10+08:00" },
  { SHOP,   "2026-03-03T02:00:00+08:00", 10,   "2026-03-03 09:10+08:00" },
  { SHOP,   "2026-03-03T07:00:00+08:00", 60,   "2026-03-03 10:00+08:00" },
  /* exactly at opening and closing */
  { SHOP,   "2026-03-03T09:00:00+08:00", 0,    "2026-03-03 09:00+08:00" },
  { SHOP,   "2026-03-03T09:00:00+08:00", 1,    "2026-03-03 09:01+08:00" },
  { SHOP,   "2026-03-03T18:00:00+08:00", 0,    "2026-03-04 09:00+08:00" },
  { SHOP,   "2026-03-03T18:00:00+08:00", 1,    "2026-03-04 09:01+08:00" },
  { SHOP,   "2026-03-03T17:59:00+08:00", 1,    "2026-03-03 18:00+08:00" },
  { SHOP,   "2026-03-03T17:59:00+08:00", 2,    "2026-03-04 09:01+08:00" },
  /* across Sunday */
  { SHOP,   "2026-03-07T17:30:00+08:00", 60,   "2026-03-09 09:30+08:00" },   /* the header's example */
  { SHOP,   "2026-03-07T17:30:00+08:00", 30,   "2026-03-07 18:00+08:00" },
  { SHOP,   "2026-03-08T12:00:00+08:00", 0,    "2026-03-09 09:00+08:00" },
  { SHOP,   "2026-03-08T12:00:00+08:00", 540,  "2026-03-09 18:00+08:00" },
  { SHOP,   "2026-03-06T16:05:00+08:00", 240,  "2026-03-07 11:05+08:00" },
  /* several days: 3 working days, a week, ten weeks */
  { SHOP,   "2026-03-02T09:00:00+08:00", 1620, "2026-03-04 18:00+08:00" },
  { SHOP,   "2026-03-02T09:00:00+08:00", 3240, "2026-03-07 18:00+08:00" },
  { SHOP,   "2026-03-02T09:00:00+08:00", 32400, "2026-05-09 18:00+08:00" },
  { SHOP,   "2026-12-31T17:00:00+08:00", 120,  "2027-01-01 10:00+08:00" },   /* no holiday given for 1 January */
  /* the 国庆-like week */
  { SHOP,   "2026-09-30T17:00:00+08:00", 120,  "2026-10-08 10:00+08:00" },
  { SHOP,   "2026-09-30T09:00:00+08:00", 1080, "2026-10-08 18:00+08:00" },
  { SHOP,   "2026-10-03T10:00:00+08:00", 0,    "2026-10-08 09:00+08:00" },
  { SHOP,   "2026-09-26T17:00:00+08:00", 120,  "2026-09-27 10:00+08:00" },   /* make-up Sunday, usual hours */
  { SHOP,   "2026-09-27T08:00:00+08:00", 0,    "2026-09-27 09:00+08:00" },
  { SHOP,   "2026-10-10T17:30:00+08:00", 60,   "2026-10-11 10:30+08:00" },   /* make-up Sunday, 10:00–16:00 */
  { SHOP,   "2026-10-11T15:30:00+08:00", 60,   "2026-10-12 09:30+08:00" },
  { SHOP,   "2026-10-11T09:30:00+08:00", 360,  "2026-10-11 16:00+08:00" },
  /* instants in other zones are the same instants */
  { SHOP,   "2026-03-06T08:05:00Z",      60,   "2026-03-06 17:05+08:00" },
  { SHOP,   "2026-03-07T16:30:00Z",      0,    "2026-03-09 09:00+08:00" },   /* Sunday 00:30 in Shanghai */
  { SHOP,   "2026-03-02T01:00:00-08:00", 0,    "2026-03-02 17:00+08:00" },
  /* OFFICE: Tokyo, Monday to Friday, a make-up Saturday, a holiday Monday */
  { OFFICE, "2026-03-06T17:00:00+09:00", 30,   "2026-03-07 08:45+09:00" },
  { OFFICE, "2026-03-07T17:00:00+09:00", 30,   "2026-03-10 08:45+09:00" },
  { OFFICE, "2026-03-13T17:15:00+09:00", 0,    "2026-03-16 08:30+09:00" },
  { OFFICE, "2026-03-06T00:00:00Z",      15,   "2026-03-06 09:15+09:00" },
  { OFFICE, "2026-03-06T07:30:00+08:00", 0,    "2026-03-06 08:30+09:00" },
  { OFFICE, "2026-03-02T08:30:00+09:00", 2625, "2026-03-06 17:15+09:00" },   /* five days of 8 h 45 min */
  /* BERLIN: across the change to and from summer time */
  { BERLIN, "2026-03-27T16:00:00+01:00", 120,  "2026-03-30 09:00+02:00" },
  { BERLIN, "2026-10-23T16:30:00+02:00", 60,   "2026-10-26 08:30+01:00" },
  { BERLIN, "2026-03-28T23:30:00Z",      0,    "2026-03-30 08:00+02:00" },
};

static void
test_add_minutes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (add_cases); i++)
    {
      WxCalendar *calendar = calendars[add_cases[i].calendar];
      g_autoptr(GDateTime) start = instant (add_cases[i].start);
      g_autoptr(GDateTime) end = wx_calendar_add_minutes (calendar, start, add_cases[i].minutes);
      g_autofree char *got = local (end);

      check (i, "add_minutes", add_cases[i].start, got, add_cases[i].expected);
      /* Counting back gives the minutes added, and the result is open time
       * or (for a deadline) a closing time. */
      g_assert_cmpint (wx_calendar_minutes_between (calendar, start, end), ==, add_cases[i].minutes);
      if (add_cases[i].minutes == 0)
        g_assert_true (wx_calendar_is_open (calendar, end));
    }
}

/* Seconds and fractions of a second are kept. */
static void
test_add_minutes_seconds (void)
{
  g_autoptr(GDateTime) start = instant ("2026-03-02T10:00:30.25+08:00");
  g_autoptr(GDateTime) end = wx_calendar_add_minutes (calendars[SHOP], start, 600);
  g_autofree char *got = g_date_time_format (end, "%Y-%m-%d %H:%M:%S.%f");

  g_assert_cmpstr (got, ==, "2026-03-03 11:00:30.250000");
  g_assert_cmpint (wx_calendar_minutes_between (calendars[SHOP], start, end), ==, 600);
}

/* ------------------------------------------------------- minutes_between */

static const struct {
  int         calendar;
  const char *from;
  const char *to;
  gint64      minutes;
} between_cases[] = {
  { SHOP,   "2026-03-02T10:00:00+08:00", "2026-03-02T12:00:00+08:00", 120 },
  { SHOP,   "2026-03-02T12:00:00+08:00", "2026-03-02T10:00:00+08:00", -120 },
  { SHOP,   "2026-03-02T10:00:00+08:00", "2026-03-02T10:00:00+08:00", 0 },
  { SHOP,   "2026-03-07T17:00:00+08:00", "2026-03-09T10:00:00+08:00", 120 },   /* across Sunday */
  { SHOP,   "2026-03-06T18:30:00+08:00", "2026-03-07T08:59:00+08:00", 0 },     /* overnight, all closed */
  { SHOP,   "2026-03-02T07:00:00+08:00", "2026-03-02T20:00:00+08:00", 540 },
  { SHOP,   "2026-03-02T09:00:00+08:00", "2026-03-09T09:00:00+08:00", 3240 },  /* a week */
  { SHOP,   "2026-09-30T12:00:00+08:00", "2026-10-08T12:00:00+08:00", 540 },   /* over the holidays */
  { SHOP,   "2026-09-25T09:00:00+08:00", "2026-10-12T09:00:00+08:00", 540 * 9 + 360 },   /* 27 September and 11 October work */
  { SHOP,   "2026-12-31T17:00:00+08:00", "2027-01-02T10:00:00+08:00", 660 },
  { SHOP,   "2026-03-02T10:00:00+08:00", "2026-03-02T10:00:59+08:00", 0 },     /* whole minutes, toward zero */
  { SHOP,   "2026-03-02T10:00:00+08:00", "2026-03-02T10:01:30+08:00", 1 },
  { SHOP,   "2026-03-02T10:01:30+08:00", "2026-03-02T10:00:00+08:00", -1 },
  { SHOP,   "2026-03-02T01:00:00Z",      "2026-03-02T18:00:00+08:00", 540 },   /* 09:00 in Shanghai */
  { SHOP,   "2025-03-03T09:00:00+08:00", "2026-03-02T09:00:00+08:00", 52 * 3240 }, /* a year ago (no holidays before October) */
  { OFFICE, "2026-03-06T12:00:00+09:00", "2026-03-10T12:00:00+09:00", 1050 },  /* Friday, Saturday, Tuesday */
  { BERLIN, "2026-03-27T16:00:00+01:00", "2026-03-30T09:00:00+02:00", 120 },
};

static void
test_minutes_between (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (between_cases); i++)
    {
      g_autoptr(GDateTime) from = instant (between_cases[i].from);
      g_autoptr(GDateTime) to = instant (between_cases[i].to);
      gint64 got = wx_calendar_minutes_between (calendars[between_cases[i].calendar], from, to);

      if (got != between_cases[i].minutes)
        g_error ("row %u, minutes from %s to %s: got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 i, between_cases[i].from, between_cases[i].to, got, between_cases[i].minutes);
    }
}

/* ----------------------------------------- open, closing, next working day */

static const struct {
  int         calendar;
  const char *at;
  gboolean    open;
  const char *closing;
} open_cases[] = {
  { SHOP,   "2026-03-02T09:00:00+08:00", TRUE,  "2026-03-02 18:00+08:00" },   /* the opening instant is open */
  { SHOP,   "2026-03-02T17:59:59+08:00", TRUE,  "2026-03-02 18:00+08:00" },
  { SHOP,   "2026-03-02T18:00:00+08:00", FALSE, "2026-03-03 18:00+08:00" },   /* the closing instant is closed */
  { SHOP,   "2026-03-02T08:59:59+08:00", FALSE, "2026-03-02 18:00+08:00" },
  { SHOP,   "2026-03-07T19:00:00+08:00", FALSE, "2026-03-09 18:00+08:00" },
  { SHOP,   "2026-03-08T12:00:00+08:00", FALSE, "2026-03-09 18:00+08:00" },
  { SHOP,   "2026-10-03T12:00:00+08:00", FALSE, "2026-10-08 18:00+08:00" },   /* holiday */
  { SHOP,   "2026-09-27T12:00:00+08:00", TRUE,  "2026-09-27 18:00+08:00" },   /* make-up Sunday */
  { SHOP,   "2026-10-11T12:00:00+08:00", TRUE,  "2026-10-11 16:00+08:00" },
  { SHOP,   "2026-10-11T09:30:00+08:00", FALSE, "2026-10-11 16:00+08:00" },
  { SHOP,   "2026-03-02T04:00:00Z",      TRUE,  "2026-03-02 18:00+08:00" },
  { SHOP,   "2026-03-02T11:00:00Z",      FALSE, "2026-03-03 18:00+08:00" },   /* 19:00 in Shanghai */
  { OFFICE, "2026-03-07T10:00:00+09:00", TRUE,  "2026-03-07 17:15+09:00" },   /* make-up Saturday */
  { OFFICE, "2026-03-09T10:00:00+09:00", FALSE, "2026-03-10 17:15+09:00" },
};

static void
test_open_and_closing (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (open_cases); i++)
    {
      WxCalendar *calendar = calendars[open_cases[i].calendar];
      g_autoptr(GDateTime) at = instant (open_cases[i].at);
      g_autoptr(GDateTime) closing = wx_calendar_closing_time (calendar, at);
      g_autofree char *got = local (closing);

      if (wx_calendar_is_open (calendar, at) != open_cases[i].open)
        g_error ("row %u: %s should be %s", i, open_cases[i].at, open_cases[i].open ? "open" : "closed");
      check (i, "closing_time", open_cases[i].at, got, open_cases[i].closing);
    }
}

static const struct {
  int         calendar;
  const char *at;
  guint       minute_of_day;
  const char *expected;
} next_day_cases[] = {
  /* the 16:00 rule's "10:00 next working day" */
  { SHOP,   "2026-03-06T16:05:00+08:00", 600, "2026-03-07 10:00+08:00" },   /* Friday → Saturday */
  { SHOP,   "2026-03-07T16:30:00+08:00", 600, "2026-03-09 10:00+08:00" },   /* Saturday → Monday */
  { SHOP,   "2026-03-07T16:00:00+08:00", 600, "2026-03-09 10:00+08:00" },   /* exactly 16:00 */
  { SHOP,   "2026-09-30T16:30:00+08:00", 600, "2026-10-08 10:00+08:00" },   /* the day before the holidays */
  { SHOP,   "2026-10-05T11:00:00+08:00", 600, "2026-10-08 10:00+08:00" },   /* during them */
  { SHOP,   "2026-09-26T16:00:00+08:00", 600, "2026-09-27 10:00+08:00" },   /* before a make-up Sunday */
  { SHOP,   "2026-10-10T17:00:00+08:00", 600, "2026-10-11 10:00+08:00" },
  { SHOP,   "2026-03-08T12:00:00+08:00", 600, "2026-03-09 10:00+08:00" },   /* from a Sunday */
  { SHOP,   "2026-03-02T07:00:00+08:00", 600, "2026-03-03 10:00+08:00" },   /* before Monday's opening: Tuesday */
  { SHOP,   "2026-03-06T08:00:00Z",      600, "2026-03-07 10:00+08:00" },   /* Friday 16:00 in Shanghai */
  { SHOP,   "2026-03-06T16:30:00Z",      600, "2026-03-09 10:00+08:00" },   /* Saturday 00:30 in Shanghai */
  /* the review clock: "by 12:00 the next working day" */
  { SHOP,   "2026-10-09T15:00:00+08:00", 720, "2026-10-10 12:00+08:00" },
  { OFFICE, "2026-03-06T16:00:00+09:00", 600, "2026-03-07 10:00+09:00" },   /* make-up Saturday */
  { OFFICE, "2026-03-07T16:00:00+09:00", 600, "2026-03-10 10:00+09:00" },   /* over the holiday Monday */
};

static void
test_next_working_day_at (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (next_day_cases); i++)
    {
      g_autoptr(GDateTime) at = instant (next_day_cases[i].at);
      g_autoptr(GDateTime) t = wx_calendar_next_working_day_at (calendars[next_day_cases[i].calendar], at,
                                                                next_day_cases[i].minute_of_day);
      g_autofree char *got = local (t);

      check (i, "next_working_day_at", next_day_cases[i].at, got, next_day_cases[i].expected);
    }
}

static void
test_next_opening (void)
{
  static const struct { const char *at; const char *expected; } cases[] = {
    { "2026-03-02T10:15:00+08:00", "2026-03-02 10:15+08:00" },   /* open: itself */
    { "2026-03-02T18:00:00+08:00", "2026-03-03 09:00+08:00" },
    { "2026-03-07T18:00:00+08:00", "2026-03-09 09:00+08:00" },
    { "2026-09-30T18:00:00+08:00", "2026-10-08 09:00+08:00" },
    { "2026-10-10T18:00:00+08:00", "2026-10-11 10:00+08:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) at = instant (cases[i].at);
      g_autoptr(GDateTime) t = wx_calendar_next_opening (calendars[SHOP], at);
      g_autofree char *got = local (t);

      check (i, "next_opening", cases[i].at, got, cases[i].expected);
    }
}

/* ------------------------------------------------------------ the days */

static void
test_day_hours (void)
{
  static const struct { int y, m, d; gboolean open; guint opens, closes; } cases[] = {
    { 2026, 3, 2,   TRUE,  540, 1080 },   /* Monday */
    { 2026, 3, 7,   TRUE,  540, 1080 },   /* Saturday */
    { 2026, 3, 8,   FALSE, 0,   0 },      /* Sunday */
    { 2026, 10, 1,  FALSE, 0,   0 },      /* holiday */
    { 2026, 10, 7,  FALSE, 0,   0 },
    { 2026, 9, 27,  TRUE,  540, 1080 },   /* make-up Sunday, the first weekday's hours */
    { 2026, 10, 11, TRUE,  600, 960 },    /* make-up Sunday with hours of its own */
    { 2026, 10, 8,  TRUE,  540, 1080 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) date = date_new (cases[i].y, cases[i].m, cases[i].d);
      guint opens = 99, closes = 99;
      gboolean open = wx_calendar_day_hours (calendars[SHOP], date, &opens, &closes);

      g_assert_cmpint (open, ==, cases[i].open);
      if (open)
        {
          g_assert_cmpuint (opens, ==, cases[i].opens);
          g_assert_cmpuint (closes, ==, cases[i].closes);
        }
    }
}

static void
test_weekly_hours (void)
{
  g_autoptr(WxCalendar) c = wx_calendar_new_default ();
  guint opens = 0, closes = 0;

  g_assert_cmpstr (g_time_zone_get_identifier (wx_calendar_get_zone (c)), ==, "Asia/Shanghai");
  for (guint w = 1; w <= 6; w++)
    {
      g_assert_true (wx_calendar_get_hours (c, w, &opens, &closes));
      g_assert_cmpuint (opens, ==, 540);
      g_assert_cmpuint (closes, ==, 1080);
    }
  g_assert_false (wx_calendar_get_hours (c, 7, NULL, NULL));

  /* Saturday closed, Sunday 10:00–14:00: a Saturday instant moves to Sunday. */
  wx_calendar_set_closed (c, 6);
  wx_calendar_set_hours (c, 7, 600, 840);
  g_assert_false (wx_calendar_get_hours (c, 6, NULL, NULL));
  {
    g_autoptr(GDateTime) at = instant ("2026-03-06T17:30:00+08:00");
    g_autoptr(GDateTime) t = wx_calendar_add_minutes (c, at, 60);
    g_autofree char *got = local (t);

    g_assert_cmpstr (got, ==, "2026-03-08 10:30+08:00");
  }
}

/* The working day a clock's "1 d" stands for: the hours most weekdays have,
 * not a fixed 8 hours (the board once counted 480 minutes in a 9-hour shop). */
static void
test_day_minutes (void)
{
  g_autoptr(WxCalendar) c = calendar_in ("Asia/Shanghai", 1, 6, 540, 1080);   /* Mon–Sat 09:00–18:00 */
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(WxCalendar) none = wx_calendar_new (utc);

  g_assert_cmpuint (wx_calendar_day_minutes (c), ==, 540);
  wx_calendar_set_hours (c, 6, 540, 720);    /* Saturday mornings only */
  g_assert_cmpuint (wx_calendar_day_minutes (c), ==, 540);
  for (guint w = 1; w <= 3; w++)
    wx_calendar_set_hours (c, w, 480, 960);  /* 8 hours Monday to Wednesday: 3 days against 2 */
  g_assert_cmpuint (wx_calendar_day_minutes (c), ==, 480);
  wx_calendar_set_hours (c, 7, 540, 1080);   /* Sunday too: 3 days of 9 h against 3 of 8 h */
  g_assert_cmpuint (wx_calendar_day_minutes (c), ==, 540);
  g_assert_cmpuint (wx_calendar_day_minutes (none), ==, 0);
}

/* A make-up day without hours of its own takes the first weekday's that has
 * any, as the weekly hours are when asked; the last exception of a date wins. */
static void
test_make_up_day_hours (void)
{
  g_autoptr(WxCalendar) c = calendar_in ("Asia/Shanghai", 2, 6, 600, 1140);   /* Tuesday to Saturday */
  g_autoptr(GDate) sunday = date_new (2026, 3, 8);
  guint opens = 0, closes = 0;

  wx_calendar_add_workday (c, sunday, 0, 0);
  g_assert_true (wx_calendar_day_hours (c, sunday, &opens, &closes));
  g_assert_cmpuint (opens, ==, 600);
  g_assert_cmpuint (closes, ==, 1140);

  wx_calendar_set_hours (c, 1, 480, 960);    /* Monday opens now: its hours count */
  g_assert_true (wx_calendar_day_hours (c, sunday, &opens, &closes));
  g_assert_cmpuint (opens, ==, 480);
  g_assert_cmpuint (closes, ==, 960);

  wx_calendar_add_holiday (c, sunday);
  g_assert_false (wx_calendar_day_hours (c, sunday, NULL, NULL));
  wx_calendar_add_workday (c, sunday, 720, 780);
  g_assert_true (wx_calendar_day_hours (c, sunday, &opens, &closes));
  g_assert_cmpuint (opens, ==, 720);
  {
    g_autoptr(GDateTime) from = instant ("2026-03-07T00:00:00+08:00");
    g_autoptr(GDateTime) to = instant ("2026-03-10T00:00:00+08:00");

    /* Saturday 9 h, Sunday 1 h, Monday 8 h */
    g_assert_cmpint (wx_calendar_minutes_between (c, from, to), ==, 540 + 60 + 480);
  }
}

/* Opening hours that reach midnight. */
static void
test_until_midnight (void)
{
  g_autoptr(WxCalendar) c = calendar_in ("Asia/Shanghai", 1, 7, 0, 1440);
  g_autoptr(GDateTime) at = instant ("2026-03-02T23:30:00+08:00");
  g_autoptr(GDateTime) end = wx_calendar_add_minutes (c, at, 30);
  g_autoptr(GDateTime) closing = wx_calendar_closing_time (c, at);
  g_autofree char *got = local (end);
  g_autofree char *got_closing = local (closing);

  g_assert_cmpstr (got, ==, "2026-03-03 00:00+08:00");
  g_assert_cmpstr (got_closing, ==, "2026-03-03 00:00+08:00");
  g_assert_cmpint (wx_calendar_minutes_between (c, at, end), ==, 30);
}

/* A calendar that never opens answers NULL (or 0 minutes) instead of
 * searching for ever; one that opens only once, 200 days ahead, is found;
 * 500 days ahead is beyond the search. */
static void
test_no_opening (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(WxCalendar) c = wx_calendar_new (zone);
  g_autoptr(GDateTime) at = instant ("2026-03-02T10:00:00+08:00");
  g_autoptr(GDateTime) later = instant ("2027-03-02T10:00:00+08:00");

  g_assert_null (wx_calendar_next_opening (c, at));
  g_assert_null (wx_calendar_add_minutes (c, at, 60));
  g_assert_null (wx_calendar_closing_time (c, at));
  g_assert_null (wx_calendar_next_working_day_at (c, at, 600));
  g_assert_false (wx_calendar_is_open (c, at));
  g_assert_cmpint (wx_calendar_minutes_between (c, at, later), ==, 0);

  add_workday (c, 2026, 9, 18, 540, 600);   /* 200 days after 2 March */
  {
    g_autoptr(GDateTime) t = wx_calendar_next_opening (c, at);
    g_autoptr(GDateTime) deadline = wx_calendar_add_minutes (c, at, 60);
    g_autoptr(GDateTime) beyond = wx_calendar_add_minutes (c, at, 61);
    g_autofree char *got = local (t);
    g_autofree char *got_deadline = local (deadline);

    g_assert_cmpstr (got, ==, "2026-09-18 09:00+08:00");
    g_assert_cmpstr (got_deadline, ==, "2026-09-18 10:00+08:00");
    g_assert_null (beyond);
    g_assert_cmpint (wx_calendar_minutes_between (c, at, later), ==, 60);
  }
  {
    g_autoptr(GDateTime) early = instant ("2025-04-01T10:00:00+08:00");   /* 535 days before */

    g_assert_null (wx_calendar_next_opening (c, early));
  }
}

static void
test_ref_and_boxed (void)
{
  WxCalendar *c = wx_calendar_new_default ();
  WxCalendar *copy = g_boxed_copy (WX_TYPE_CALENDAR, c);

  g_assert_true (copy == c);   /* a reference, not a copy */
  g_boxed_free (WX_TYPE_CALENDAR, copy);
  g_assert_true (wx_calendar_ref (c) == c);
  wx_calendar_unref (c);
  g_assert_true (wx_calendar_get_hours (c, 1, NULL, NULL));
  wx_calendar_unref (c);
}

/* ------------------------------------------------------------ input */

static void
test_parse_weekday (void)
{
  static const struct { const char *text; guint weekday; } good[] = {
    { "mon", 1 }, { "Tue", 2 }, { "WED", 3 }, { "thursday", 4 }, { "fri", 5 }, { "6", 6 }, { "sun", 7 }, { "7", 7 },
  };
  static const char *bad[] = { "", "0", "8", "mo", "monday ", "sonntag", "周一", "10", "-1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint w = 0;

      g_assert_true (wx_calendar_parse_weekday (good[i].text, &w, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (w, ==, good[i].weekday);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint w = 99;

      g_assert_false (wx_calendar_parse_weekday (bad[i], &w, &error));
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      g_assert_cmpuint (w, ==, 99);
    }
}

static void
test_parse_hours (void)
{
  static const struct { const char *text; guint opens, closes; } good[] = {
    { "09:00-18:00", 540, 1080 }, { "9:00-17:30", 540, 1050 }, { "08:30–12:00", 510, 720 },
    { "00:00-24:00", 0, 1440 }, { "23:59-24:00", 1439, 1440 },
  };
  static const struct { const char *text; const char *says; } bad[] = {
    { "18:00-09:00", "closing time is not after" },
    { "09:00-09:00", "closing time is not after" },
    { "25:00-26:00", "not a range" },
    { "09:60-18:00", "not a range" },
    { "24:00-24:00", "closing time is not after" },
    { "09:00-24:01", "not a range" },
    { "09:00", "not a range" },
    { "0900-1800", "not a range" },
    { "09:00-18:00x", "not a range" },
    { "09:00 - 18:00", "not a range" },
    { "", "not a range" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint o = 0, c = 0;

      g_assert_true (wx_calendar_parse_hours (good[i].text, &o, &c, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (o, ==, good[i].opens);
      g_assert_cmpuint (c, ==, good[i].closes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint o = 99, c = 99;

      g_assert_false (wx_calendar_parse_hours (bad[i].text, &o, &c, &error));
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      if (strstr (error->message, bad[i].says) == NULL)
        g_error ("“%s”: the message “%s” should say “%s”", bad[i].text, error->message, bad[i].says);
      g_assert_cmpuint (o, ==, 99);
    }
}

static void
test_parse_date (void)
{
  static const char *bad_shape[] = { "", "2026-2-3", "2026/10/01", "2026-10-01 ", "26-10-01", "2026-10-1", "二〇二六-10-01" };
  static const char *bad_day[] = { "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2027-02-29", "1899-12-31" };
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (wx_calendar_parse_date ("2026-10-01", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpuint (g_date_get_month (&date), ==, 10);
  g_assert_cmpuint (g_date_get_day (&date), ==, 1);
  g_assert_true (wx_calendar_parse_date ("2028-02-29", &date, &error));

  for (guint i = 0; i < G_N_ELEMENTS (bad_shape); i++)
    {
      g_autoptr(GError) e = NULL;

      g_assert_false (wx_calendar_parse_date (bad_shape[i], &date, &e));
      g_assert_error (e, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      g_assert_nonnull (strstr (e->message, "2026-10-01"));   /* shows how to write it */
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_day); i++)
    {
      g_autoptr(GError) e = NULL;

      g_assert_false (wx_calendar_parse_date (bad_day[i], &date, &e));
      g_assert_error (e, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      g_assert_nonnull (strstr (e->message, bad_day[i]));
    }
}

static void
test_format_time (void)
{
  static const struct { guint minutes; const char *text; } cases[] = {
    { 0, "00:00" }, { 540, "09:00" }, { 1050, "17:30" }, { 1439, "23:59" }, { 1440, "24:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = wx_calendar_format_time (cases[i].minutes);
      g_assert_cmpstr (s, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  make_calendars ();
  g_test_add_func ("/calendar/add-minutes", test_add_minutes);
  g_test_add_func ("/calendar/add-minutes-seconds", test_add_minutes_seconds);
  g_test_add_func ("/calendar/minutes-between", test_minutes_between);
  g_test_add_func ("/calendar/open-and-closing", test_open_and_closing);
  g_test_add_func ("/calendar/next-working-day-at", test_next_working_day_at);
  g_test_add_func ("/calendar/next-opening", test_next_opening);
  g_test_add_func ("/calendar/day-hours", test_day_hours);
  g_test_add_func ("/calendar/weekly-hours", test_weekly_hours);
  g_test_add_func ("/calendar/make-up-day-hours", test_make_up_day_hours);
  g_test_add_func ("/calendar/day-minutes", test_day_minutes);
  g_test_add_func ("/calendar/until-midnight", test_until_midnight);
  g_test_add_func ("/calendar/no-opening", test_no_opening);
  g_test_add_func ("/calendar/ref-and-boxed", test_ref_and_boxed);
  g_test_add_func ("/calendar/parse-weekday", test_parse_weekday);
  g_test_add_func ("/calendar/parse-hours", test_parse_hours);
  g_test_add_func ("/calendar/parse-date", test_parse_date);
  g_test_add_func ("/calendar/format-time", test_format_time);
  rc = g_test_run ();
  for (guint i = 0; i < N_CALENDARS; i++)
    wx_calendar_unref (calendars[i]);
  return rc;
}

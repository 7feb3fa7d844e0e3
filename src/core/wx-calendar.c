#define G_LOG_DOMAIN "wx-calendar"

#include <glib/gi18n.h>

#include "wx-calendar.h"
#include "wx-error.h"

/* How it counts. Days are GDate Julian days (day 1 = Monday 1 January of
 * year 1, so the ISO weekday of day j is (j - 1) % 7 + 1). Every day has a
 * business position: the open minutes of all days before it. Without
 * exceptions that is a whole number of weeks plus part of one; each
 * exception adds the difference between its hours and its weekday's, kept as
 * a running sum over the sorted exceptions. So the position of any day is
 * one binary search away, an instant's position is its day's plus the open
 * minutes of that day before it, minutes_between is a difference of two
 * positions and add_minutes searches the days for a position. */

#define MINUTE_US   (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY_US      (1440 * MINUTE_US)
#define SEARCH_DAYS 400
#define UNIX_EPOCH_JULIAN 719163   /* 1970-01-01 */

typedef struct {
  guint32            julian;
  WxCalendarDayKind  kind;
  guint16            opens, closes;            /* as given; 0, 0: the first weekday's */
  guint16            eff_opens, eff_closes;    /* what applies; equal when closed */
} Exception;

struct _WxCalendar {
  GTimeZone *zone;
  guint16    opens[8], closes[8];    /* by ISO weekday; equal when closed */
  gint64     week_before[9];         /* [w]: open minutes of weekdays 1 … w - 1; [8]: the week */
  GArray    *exceptions;             /* Exception, by julian */
  GArray    *delta_before;           /* gint64 [i]: what exceptions 0 … i - 1 add; one more than exceptions */
};

G_DEFINE_BOXED_TYPE (WxCalendar, wx_calendar, wx_calendar_ref, wx_calendar_unref)

static void
calendar_clear (gpointer data)
{
  WxCalendar *calendar = data;

  g_time_zone_unref (calendar->zone);
  g_array_unref (calendar->exceptions);
  g_array_unref (calendar->delta_before);
}

/* The derived sums, after any change. */
static void
recompute (WxCalendar *calendar)
{
  guint first_open = 0;
  gint64 delta = 0;

  calendar->week_before[1] = 0;
  for (guint w = 1; w <= 7; w++)
    {
      calendar->week_before[w + 1] = calendar->week_before[w] + calendar->closes[w] - calendar->opens[w];
      if (first_open == 0 && calendar->closes[w] > calendar->opens[w])
        first_open = w;
    }

  g_array_set_size (calendar->delta_before, calendar->exceptions->len + 1);
  g_array_index (calendar->delta_before, gint64, 0) = 0;
  for (guint i = 0; i < calendar->exceptions->len; i++)
    {
      Exception *e = &g_array_index (calendar->exceptions, Exception, i);
      guint w = (e->julian - 1) % 7 + 1;

      if (e->kind == WX_CALENDAR_DAY_HOLIDAY)
        e->eff_opens = e->eff_closes = 0;
      else if (e->opens == e->closes)
        {
          e->eff_opens = calendar->opens[first_open];
          e->eff_closes = calendar->closes[first_open];
        }
      else
        {
          e->eff_opens = e->opens;
          e->eff_closes = e->closes;
        }
      delta += (e->eff_closes - e->eff_opens) - (calendar->closes[w] - calendar->opens[w]);
      g_array_index (calendar->delta_before, gint64, i + 1) = delta;
    }
}

WxCalendar *
wx_calendar_new (GTimeZone *zone)
{
  WxCalendar *calendar;

  g_return_val_if_fail (zone != NULL, NULL);

  calendar = g_atomic_rc_box_new0 (WxCalendar);
  calendar->zone = g_time_zone_ref (zone);
  calendar->exceptions = g_array_new (FALSE, FALSE, sizeof (Exception));
  calendar->delta_before = g_array_new (FALSE, FALSE, sizeof (gint64));
  recompute (calendar);
  return calendar;
}

WxCalendar *
wx_calendar_new_default (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  WxCalendar *calendar;

  if (zone == NULL)   /* no tzdata: China has kept UTC+8 without daylight saving since 1991 */
    zone = g_time_zone_new_offset (8 * 3600);
  calendar = wx_calendar_new (zone);
  for (guint w = 1; w <= 6; w++)
    wx_calendar_set_hours (calendar, w, 9 * 60, 18 * 60);
  return calendar;
}

WxCalendar *
wx_calendar_ref (WxCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, NULL);
  return g_atomic_rc_box_acquire (calendar);
}

void
wx_calendar_unref (WxCalendar *calendar)
{
  g_return_if_fail (calendar != NULL);
  g_atomic_rc_box_release_full (calendar, calendar_clear);
}

GTimeZone *
wx_calendar_get_zone (WxCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, NULL);
  return calendar->zone;
}

void
wx_calendar_set_hours (WxCalendar *calendar,
                       guint       weekday,
                       guint       opens,
                       guint       closes)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (weekday >= 1 && weekday <= 7);
  g_return_if_fail (opens < closes && closes <= 1440);

  calendar->opens[weekday] = (guint16) opens;
  calendar->closes[weekday] = (guint16) closes;
  recompute (calendar);
}

void
wx_calendar_set_closed (WxCalendar *calendar,
                        guint       weekday)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (weekday >= 1 && weekday <= 7);

  calendar->opens[weekday] = calendar->closes[weekday] = 0;
  recompute (calendar);
}

guint
wx_calendar_day_minutes (WxCalendar *calendar)
{
  guint best = 0, best_count = 0;

  g_return_val_if_fail (calendar != NULL, 0);

  for (guint w = 1; w <= 7; w++)
    {
      guint length = calendar->closes[w] - calendar->opens[w], count = 0;

      if (length == 0)
        continue;
      for (guint v = 1; v <= 7; v++)
        count += (guint) (calendar->closes[v] - calendar->opens[v]) == length;
      if (count > best_count || (count == best_count && length > best))
        best = length, best_count = count;
    }
  return best;
}

gboolean
wx_calendar_get_hours (WxCalendar *calendar,
                       guint       weekday,
                       guint      *opens,
                       guint      *closes)
{
  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, FALSE);

  if (opens)
    *opens = calendar->opens[weekday];
  if (closes)
    *closes = calendar->closes[weekday];
  return calendar->closes[weekday] > calendar->opens[weekday];
}

/* The number of exceptions before day `julian`. */
static guint
exceptions_before (WxCalendar *calendar,
                   guint32     julian)
{
  const Exception *e = (const Exception *) (void *) calendar->exceptions->data;
  guint lo = 0, hi = calendar->exceptions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (e[mid].julian < julian)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
add_exception (WxCalendar        *calendar,
               GDate             *date,
               WxCalendarDayKind  kind,
               guint              opens,
               guint              closes)
{
  Exception e = { 0 };
  guint i;

  e.julian = g_date_get_julian (date);
  e.kind = kind;
  e.opens = (guint16) opens;
  e.closes = (guint16) closes;
  i = exceptions_before (calendar, e.julian);
  if (i < calendar->exceptions->len && g_array_index (calendar->exceptions, Exception, i).julian == e.julian)
    g_array_index (calendar->exceptions, Exception, i) = e;    /* a date has one kind, as in calendar_days */
  else
    g_array_insert_val (calendar->exceptions, i, e);
  recompute (calendar);
}

void
wx_calendar_add_holiday (WxCalendar *calendar,
                         GDate      *date)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  add_exception (calendar, date, WX_CALENDAR_DAY_HOLIDAY, 0, 0);
}

void
wx_calendar_add_workday (WxCalendar *calendar,
                         GDate      *date,
                         guint       opens,
                         guint       closes)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail ((opens == 0 && closes == 0) || (opens < closes && closes <= 1440));

  add_exception (calendar, date, WX_CALENDAR_DAY_WORKDAY, opens, closes);
}

/* Day `julian`: its hours (equal when closed) and its business position, the
 * open minutes of all days before it. */
static gint64
day_lookup (WxCalendar *calendar,
            guint32     julian,
            guint      *opens,
            guint      *closes)
{
  guint i = exceptions_before (calendar, julian);
  guint32 n = julian - 1;
  guint w = n % 7 + 1;

  if (i < calendar->exceptions->len && g_array_index (calendar->exceptions, Exception, i).julian == julian)
    {
      const Exception *e = &g_array_index (calendar->exceptions, Exception, i);
      *opens = e->eff_opens;
      *closes = e->eff_closes;
    }
  else
    {
      *opens = calendar->opens[w];
      *closes = calendar->closes[w];
    }
  return (gint64) (n / 7) * calendar->week_before[8] + calendar->week_before[w]
         + g_array_index (calendar->delta_before, gint64, i);
}

/* Business position (µs) at the end of day `julian`. */
static gint64
day_end_us (WxCalendar *calendar,
            guint32     julian)
{
  guint opens, closes;

  return day_lookup (calendar, julian + 1, &opens, &closes) * MINUTE_US;
}

/* The local day of `at` and the microseconds since its midnight. */
static void
to_local (WxCalendar *calendar,
          GDateTime  *at,
          guint32    *julian,
          gint64     *us)
{
  gint64 unix_time = g_date_time_to_unix (at);
  gint interval = g_time_zone_find_interval (calendar->zone, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = (unix_time + g_time_zone_get_offset (calendar->zone, MAX (interval, 0))) * G_USEC_PER_SEC
                 + g_date_time_get_microsecond (at);
  gint64 day = local / DAY_US;

  if (local % DAY_US < 0)
    day--;
  *julian = (guint32) (day + UNIX_EPOCH_JULIAN);
  *us = local - day * DAY_US;
}

/* `us` after the local midnight of day `julian`, in the calendar's zone. */
static GDateTime *
from_local (WxCalendar *calendar,
            guint32     julian,
            gint64      us)
{
  GDate date;

  julian += (guint32) (us / DAY_US);
  us %= DAY_US;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_time_new (calendar->zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                          (int) (us / (60 * MINUTE_US)), (int) (us / MINUTE_US % 60),
                          (double) (us % MINUTE_US) / G_USEC_PER_SEC);
}

/* The business position (µs) of an instant, and its local day. */
static gint64
position (WxCalendar *calendar,
          GDateTime  *at,
          guint32    *julian_out)
{
  guint32 julian;
  gint64 us;
  guint opens, closes;
  gint64 before;

  to_local (calendar, at, &julian, &us);
  before = day_lookup (calendar, julian, &opens, &closes);
  if (julian_out)
    *julian_out = julian;
  return before * MINUTE_US + CLAMP (us - opens * MINUTE_US, 0, (gint64) (closes - opens) * MINUTE_US);
}

/* The first day from `julian` on whose opening hours end after business
 * position `pos` (µs). Deadlines are mostly a day or two ahead: look at
 * windows of 1, 1, 2, 4 … days, then search the one that holds the day.
 * FALSE when 400 days in a row have no opening. */
static gboolean
find_day (WxCalendar *calendar,
          guint32     julian,
          gint64      pos,
          guint32    *found)
{
  guint32 lo = julian, hi = julian, closed_since = julian, width = 1;

  while (day_end_us (calendar, hi) <= pos)
    {
      if (day_end_us (calendar, hi) != day_end_us (calendar, lo - 1))
        closed_since = hi + 1;
      else if (hi + 1 - closed_since >= SEARCH_DAYS)
        return FALSE;
      lo = hi + 1;
      hi = lo + width - 1;
      width = MIN (2 * width, 512);
    }
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (day_end_us (calendar, mid) > pos)
        hi = mid;
      else
        lo = mid + 1;
    }
  *found = lo;
  return TRUE;
}

/* The instant at business position `pos` on the first day from `julian` that
 * reaches it; `at_end`: a position at a closing time stays there instead of
 * moving to the next opening. */
static GDateTime *
instant_at (WxCalendar *calendar,
            guint32     julian,
            gint64      pos,
            gboolean    at_end)
{
  guint32 day;
  guint opens, closes;
  gint64 before;

  if (!find_day (calendar, julian, at_end ? pos - 1 : pos, &day))
    return NULL;
  before = day_lookup (calendar, day, &opens, &closes);
  return from_local (calendar, day, opens * MINUTE_US + pos - before * MINUTE_US);
}

gboolean
wx_calendar_day_hours (WxCalendar *calendar,
                       GDate      *date,
                       guint      *opens,
                       guint      *closes)
{
  guint o, c;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  day_lookup (calendar, g_date_get_julian (date), &o, &c);
  if (opens)
    *opens = o;
  if (closes)
    *closes = c;
  return c > o;
}

gboolean
wx_calendar_is_open (WxCalendar *calendar,
                     GDateTime  *at)
{
  guint32 julian;
  gint64 us;
  guint opens, closes;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  to_local (calendar, at, &julian, &us);
  day_lookup (calendar, julian, &opens, &closes);
  return us >= opens * MINUTE_US && us < closes * MINUTE_US;
}

GDateTime *
wx_calendar_next_opening (WxCalendar *calendar,
                          GDateTime  *at)
{
  return wx_calendar_add_minutes (calendar, at, 0);
}

GDateTime *
wx_calendar_closing_time (WxCalendar *calendar,
                          GDateTime  *at)
{
  guint32 julian, day;
  guint opens, closes;
  gint64 pos;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  pos = position (calendar, at, &julian);
  if (!find_day (calendar, julian, pos, &day))
    return NULL;
  day_lookup (calendar, day, &opens, &closes);
  return from_local (calendar, day, closes * MINUTE_US);
}

GDateTime *
wx_calendar_add_minutes (WxCalendar *calendar,
                         GDateTime  *at,
                         gint64      minutes)
{
  guint32 julian;
  gint64 pos;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (minutes >= 0 && minutes <= G_MAXINT64 / MINUTE_US / 2, NULL);

  pos = position (calendar, at, &julian);
  return instant_at (calendar, julian, pos + minutes * MINUTE_US, minutes > 0);
}

gint64
wx_calendar_minutes_between (WxCalendar *calendar,
                             GDateTime  *from,
                             GDateTime  *to)
{
  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (from != NULL && to != NULL, 0);

  return (position (calendar, to, NULL) - position (calendar, from, NULL)) / MINUTE_US;
}

GDateTime *
wx_calendar_next_working_day_at (WxCalendar *calendar,
                                 GDateTime  *at,
                                 guint       minute_of_day)
{
  guint32 julian, day;
  gint64 us;
  guint opens, closes;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (minute_of_day < 1440, NULL);

  to_local (calendar, at, &julian, &us);
  /* The first day after `at`'s with any open time. */
  if (!find_day (calendar, julian + 1, day_lookup (calendar, julian + 1, &opens, &closes) * MINUTE_US, &day))
    return NULL;
  return from_local (calendar, day, minute_of_day * MINUTE_US);
}

/* ------------------------------------------------------------------ input */

gboolean
wx_calendar_parse_weekday (const char  *text,
                           guint       *weekday,
                           GError     **error)
{
  static const char *names[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
  g_autofree char *lower = g_ascii_strdown (text ? text : "", -1);

  for (guint w = 1; w <= 7; w++)
    {
      char digit[2] = { (char) ('0' + w), '\0' };

      if (g_str_equal (lower, digit) || g_str_equal (lower, names[w - 1]) ||
          (strlen (lower) == 3 && g_str_has_prefix (names[w - 1], lower)))
        {
          *weekday = w;
          return TRUE;
        }
    }
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not a day of the week: use mon, tue, wed, thu, fri, sat, sun or 1 to 7."), text ? text : "");
  return FALSE;
}

/* "9:00", "09:00" or (as a closing time) "24:00" at *p; moves p past it. */
static gboolean
parse_time (const char **p,
            guint       *minute_of_day)
{
  const char *s = *p;
  guint hours = 0, minutes;
  int digits = 0;

  while (g_ascii_isdigit (*s) && digits < 2)
    {
      hours = hours * 10 + (guint) (*s++ - '0');
      digits++;
    }
  if (digits == 0 || s[0] != ':' || !g_ascii_isdigit (s[1]) || !g_ascii_isdigit (s[2]))
    return FALSE;
  minutes = (guint) (s[1] - '0') * 10 + (guint) (s[2] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return FALSE;
  *minute_of_day = hours * 60 + minutes;
  *p = s + 3;
  return TRUE;
}

/* "-" or an en dash at *p; moves p past it. */
static gboolean
parse_dash (const char **p)
{
  const char *dashes[] = { "-", "–" };

  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    if (g_str_has_prefix (*p, dashes[i]))
      {
        *p += strlen (dashes[i]);
        return TRUE;
      }
  return FALSE;
}

gboolean
wx_calendar_parse_hours (const char  *text,
                         guint       *opens,
                         guint       *closes,
                         GError     **error)
{
  const char *p = text ? text : "";
  guint o = 0, c = 0;

  if (!parse_time (&p, &o) || !parse_dash (&p) || !parse_time (&p, &c) || *p != '\0')
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a range of hours: write the opening and closing time like 09:00-18:00."),
                   text ? text : "");
      return FALSE;
    }
  if (c <= o)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("In “%s” the closing time is not after the opening time; write the opening time first, like 09:00-18:00."),
                   text);
      return FALSE;
    }
  *opens = o;
  *closes = c;
  return TRUE;
}

gboolean
wx_calendar_parse_date (const char  *text,
                        GDate       *date,
                        GError     **error)
{
  static const char shape[] = "dddd-dd-dd";
  const char *s = text ? text : "";
  guint year, month, day;

  for (guint i = 0; i < sizeof shape; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != shape[i])
      {
        g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                     _("“%s” is not a date: write it like 2026-10-01."), s);
        return FALSE;
      }
  year = (guint) g_ascii_strtoull (s, NULL, 10);
  month = (guint) g_ascii_strtoull (s + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (s + 8, NULL, 10);
  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("There is no day %s in the calendar; check the month and the day."), s);
      return FALSE;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
wx_calendar_format_time (guint minute_of_day)
{
  return g_strdup_printf ("%02u:%02u", minute_of_day / 60, minute_of_day % 60);
}

char *
wx_calendar_format_instant (WxCalendar *calendar,
                            gint64      t)
{
  g_autoptr(GDateTime) u = NULL;
  g_autoptr(GDateTime) l = NULL;

  if (t == 0 || t == G_MAXINT64)
    return g_strdup ("");
  u = g_date_time_new_from_unix_utc (t);
  l = g_date_time_to_timezone (u, wx_calendar_get_zone (calendar));
  return g_date_time_format (l, "%Y-%m-%d %H:%M");
}

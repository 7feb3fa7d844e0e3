#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

/* ------------------------------------------------------------------ dates
 *
 * Day numbers (the rows' dates, the shop's "today") count days from
 * 1970-01-01; GDate's Julian days count from 0001-01-01 = 1. */

#define DEMO_JULIAN_1970 719163   /* g_date_get_julian of 1970-01-01 */

void
demo_date_of_day (gint64 day, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (day + DEMO_JULIAN_1970));
}

gint64
demo_day_of_date (const GDate *date)
{
  return (gint64) g_date_get_julian (date) - DEMO_JULIAN_1970;
}

static GDateTime *
local_time (DemoLoad *L, gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, L->tz);
}

/* The shop's day of a moment. */
gint64
demo_local_day (DemoLoad *L, gint64 unix_time)
{
  g_autoptr(GDateTime) local = local_time (L, unix_time);
  int y, m, d;
  GDate date;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return demo_day_of_date (&date);
}

int
demo_local_year (DemoLoad *L, gint64 unix_time)
{
  g_autoptr(GDateTime) local = local_time (L, unix_time);

  return g_date_time_get_year (local);
}

/* The moment of `minutes` after midnight of the shop's day `day`. */
gint64
demo_local_unix (DemoLoad *L, gint64 day, int minutes)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  demo_date_of_day (day, &date);
  dt = g_date_time_new (L->tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                        minutes / 60, minutes % 60, 0);
  return dt ? g_date_time_to_unix (dt) : 0;
}

/* ------------------------------------------------------------------ calendar */

/* The shop's calendar as the SLA clocks read it (time zone, business_hours,
 * holidays and make-up days), with Monday to Saturday 09:00–18:00 (the
 * default of 004_defaults.sql) when no weekday has hours at all. */
gboolean
demo_load_calendar (DemoLoad *L, GError **error)
{
  gboolean any_hours = FALSE;

  L->calendar = wx_db_calendar_load (L->conn, error);
  if (L->calendar == NULL)
    return FALSE;
  for (guint w = 1; w <= 7; w++)
    any_hours |= wx_calendar_get_hours (L->calendar, w, NULL, NULL);
  if (!any_hours)
    for (guint w = 1; w <= 6; w++)
      wx_calendar_set_hours (L->calendar, w, 9 * 60, 18 * 60);
  L->tz = g_time_zone_ref (wx_calendar_get_zone (L->calendar));
  return TRUE;
}

/* The shop's opening periods from eight weeks before `now` on, each from an
 * opening to its closing time on core's calendar. Positions on them count
 * business seconds, so that steps land in opening hours; the periods are a
 * table searched by bisection, as the load places a few hundred thousand
 * steps. */
gboolean
demo_build_calendar (DemoLoad *L, GError **error)
{
  gint64 first = demo_local_unix (L, L->today - L->window_days, 0);
  gint64 end = demo_local_unix (L, L->today + DEMO_FUTURE_DAYS + 1, 0);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (first);
  gint64 before = 0;

  while (TRUE)
    {
      g_autoptr(GDateTime) opens = wx_calendar_next_opening (L->calendar, at);
      g_autoptr(GDateTime) closes = NULL;
      DemoDay d;

      if (opens == NULL || g_date_time_to_unix (opens) >= end)
        break;
      closes = wx_calendar_closing_time (L->calendar, opens);
      if (closes == NULL || g_date_time_compare (closes, opens) <= 0)
        break;
      d.open = g_date_time_to_unix (opens);
      d.length = g_date_time_to_unix (closes) - d.open;
      d.before = before;
      g_array_append_val (L->days, d);
      before += d.length;
      if (d.open < L->now)
        L->pos_now = d.before + MIN (d.length, L->now - d.open);
      g_date_time_unref (at);
      at = g_steal_pointer (&closes);
    }
  if (L->pos_now < 3600)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                           _("The shop's business hours leave no working time in the eight weeks before the chosen date, so no demo orders can be placed in them."));
      return FALSE;
    }
  return TRUE;
}

/* The moment `pos` business seconds after the first opening. */
gint64
demo_calendar_time (DemoLoad *L, gint64 pos)
{
  const DemoDay *days = (const DemoDay *) L->days->data;
  guint lo = 0, hi = L->days->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (days[mid].before <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return days[lo].open + (pos - days[lo].before);
}

/* The calendar position of a moment (the opening if the shop is closed then). */
gint64
demo_calendar_pos (DemoLoad *L, gint64 unix_time)
{
  const DemoDay *days = (const DemoDay *) L->days->data;
  guint lo = 0, hi = L->days->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (days[mid].open <= unix_time)
        lo = mid;
      else
        hi = mid;
    }
  return days[lo].before + CLAMP (unix_time - days[lo].open, 0, days[lo].length);
}

/* Business seconds from one step to the next. */
gint64
demo_step_delay (DemoLoad *L, DemoEvent event)
{
  const DemoEventSpec *e = &demo_events[event];
  gboolean slow = rnd_chance (L->rand, L->slow_share);
  gint64 minutes = slow ? rnd_between (L->rand, e->slow_min, e->slow_max)
                        : rnd_between (L->rand, e->fast_min, e->fast_max);

  return MAX (1, minutes) * 60 + rnd_below (L->rand, 60);
}


/* wx-admin-calendar.c — `weixiu-admin calendar …`: the business hours,
 * holidays and make-up working days the SLA clocks count on. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "core/wx-calendar.h"
#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "wx-admin.h"

#define SHOW_DAYS_BEFORE 30
#define SHOW_DAYS_AFTER  365

static const char *weekday_names[] = {
  NULL, N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};

static const char *
weekday_name (GDate *date)
{
  return _(weekday_names[g_date_get_weekday (date)]);
}

/* "09:00–18:00", or "closed" when opens = closes. */
static char *
hours_text (guint opens, guint closes)
{
  g_autofree char *o = NULL;
  g_autofree char *c = NULL;

  if (closes <= opens)
    return g_strdup (_("closed"));
  o = wx_calendar_format_time (opens);
  c = wx_calendar_format_time (closes);
  return g_strdup_printf ("%s–%s", o, c);
}

static char *
date_text (GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static int
calendar_show (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_admin_connect (admin, &error);
  g_autoptr(WxCalendar) calendar = conn ? wx_db_calendar_load (conn, &error) : NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GDate from, to;
  int y, m, d;

  if (calendar == NULL)
    return wx_admin_fail (error);
  g_print (_("Time zone: %s\n"), g_time_zone_get_identifier (wx_calendar_get_zone (calendar)));

  g_print ("\n%s\n", _("Weekly hours:"));
  for (guint w = 1; w <= 7; w++)
    {
      guint opens = 0, closes = 0;
      g_autofree char *hours = NULL;

      wx_calendar_get_hours (calendar, w, &opens, &closes);
      hours = hours_text (opens, closes);
      g_print ("  %s  %s\n", _(weekday_names[w]), hours);
    }

  now = g_date_time_new_now (wx_calendar_get_zone (calendar));
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  to = from;
  g_date_subtract_days (&from, SHOW_DAYS_BEFORE);
  g_date_add_days (&to, SHOW_DAYS_AFTER);
  days = wx_db_calendar_list_days (conn, &from, &to, &error);
  if (days == NULL)
    return wx_admin_fail (error);
  from_text = date_text (&from);
  to_text = date_text (&to);
  g_print ("\n");
  g_print (_("Holidays and make-up working days from %s to %s:\n"), from_text, to_text);
  if (days->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < days->len; i++)
    {
      WxDbCalendarDay *day = g_ptr_array_index (days, i);
      g_autofree char *when = date_text (&day->date);
      g_autofree char *what = NULL;
      g_autoptr(GString) line = NULL;
      guint opens = 0, closes = 0;

      if (day->kind == WX_CALENDAR_DAY_HOLIDAY)
        what = g_strdup (_("holiday"));
      else
        {
          g_autofree char *hours = NULL;

          wx_calendar_day_hours (calendar, &day->date, &opens, &closes);
          hours = hours_text (opens, closes);
          what = g_strdup_printf (_("working day %s"), hours);
        }
      line = g_string_new (NULL);
      g_string_append_printf (line, "  %s  %s  %s", when, weekday_name (&day->date), what);
      if (*day->name)
        {
          /* Pad by characters, not bytes: the dash in the hours is three. */
          for (glong n = g_utf8_strlen (what, -1); n < 26; n++)
            g_string_append_c (line, ' ');
          g_string_append (line, day->name);
        }
      g_print ("%s\n", line->str);
    }
  return EXIT_SUCCESS;
}

/* calendar hours DAY HH:MM-HH:MM | closed */
static int
calendar_hours (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *hours = NULL;
  guint weekday = 0, opens = 0, closes = 0;
  gboolean closed;

  if (admin->args->len != 3)
    return wx_admin_usage_error (_("“calendar hours” takes a day and its hours, e.g. calendar hours sat 09:00-17:00 or calendar hours sun closed."));
  closed = g_str_equal (wx_admin_arg (admin, 2), "closed");
  if (!wx_calendar_parse_weekday (wx_admin_arg (admin, 1), &weekday, &error) ||
      (!closed && !wx_calendar_parse_hours (wx_admin_arg (admin, 2), &opens, &closes, &error)))
    return wx_admin_usage_error (error->message);

  conn = wx_admin_connect (admin, &error);
  if (conn == NULL ||
      !(closed ? wx_db_calendar_set_closed (conn, weekday, &error)
               : wx_db_calendar_set_hours (conn, weekday, opens, closes, &error)))
    return wx_admin_fail (error);
  hours = hours_text (opens, closes);
  g_print (_("%s: %s.\n"), _(weekday_names[weekday]), hours);
  return EXIT_SUCCESS;
}

/* calendar holiday|workday add|remove DATE [--name NAME] [--hours HH:MM-HH:MM] */
static int
calendar_day (WxAdmin *admin, WxCalendarDayKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *when = NULL;
  const char *action = wx_admin_arg (admin, 1);
  const char *hours = wx_admin_value (admin, "--hours");
  gboolean add = g_strcmp0 (action, "add") == 0;
  guint opens = 0, closes = 0;
  GDate date;

  if (admin->args->len != 3 || !(add || g_str_equal (action, "remove")))
    return wx_admin_usage_error (kind == WX_CALENDAR_DAY_HOLIDAY
                                 ? _("Use “calendar holiday add DATE [--name NAME]” or “calendar holiday remove DATE”, with DATE like 2026-10-01.")
                                 : _("Use “calendar workday add DATE [--name NAME] [--hours HH:MM-HH:MM]” or “calendar workday remove DATE”, with DATE like 2026-09-27."));
  if (hours && !(add && kind == WX_CALENDAR_DAY_WORKDAY))
    return wx_admin_usage_error (_("--hours belongs to “calendar workday add”."));
  if (wx_admin_value (admin, "--name") && !add)
    return wx_admin_usage_error (_("--name belongs to “calendar holiday add” and “calendar workday add”."));
  if (!wx_calendar_parse_date (wx_admin_arg (admin, 2), &date, &error) ||
      (hours && !wx_calendar_parse_hours (hours, &opens, &closes, &error)))
    return wx_admin_usage_error (error->message);

  conn = wx_admin_connect (admin, &error);
  if (conn == NULL ||
      !(add ? wx_db_calendar_add_day (conn, &date, kind, wx_admin_value (admin, "--name"), opens, closes, &error)
            : wx_db_calendar_remove_day (conn, &date, kind, &error)))
    return wx_admin_fail (error);
  when = date_text (&date);
  if (!add)
    g_print (kind == WX_CALENDAR_DAY_HOLIDAY ? _("%s (%s) is no longer a holiday.\n")
                                             : _("%s (%s) is no longer a make-up working day.\n"),
             when, weekday_name (&date));
  else if (kind == WX_CALENDAR_DAY_HOLIDAY)
    g_print (_("%s (%s) is a holiday.\n"), when, weekday_name (&date));
  else
    {
      g_autofree char *text = hours ? hours_text (opens, closes) : g_strdup (_("the usual hours"));
      g_print (_("%s (%s) is a make-up working day, %s.\n"), when, weekday_name (&date), text);
    }
  return EXIT_SUCCESS;
}

int
wx_admin_cmd_calendar (WxAdmin *admin)
{
  const char *sub = wx_admin_arg (admin, 0);
  gboolean day_options = wx_admin_flag (admin, "--name") || wx_admin_flag (admin, "--hours");

  if (g_strcmp0 (sub, "show") == 0 && admin->args->len == 1 && !day_options)
    return calendar_show (admin);
  if (g_strcmp0 (sub, "hours") == 0 && !day_options)
    return calendar_hours (admin);
  if (g_strcmp0 (sub, "holiday") == 0)
    return calendar_day (admin, WX_CALENDAR_DAY_HOLIDAY);
  if (g_strcmp0 (sub, "workday") == 0)
    return calendar_day (admin, WX_CALENDAR_DAY_WORKDAY);
  return wx_admin_usage_error (_("Use “calendar show”, “calendar hours DAY HH:MM-HH:MM|closed”, “calendar holiday add|remove DATE” or “calendar workday add|remove DATE”."));
}

#define G_LOG_DOMAIN "wx-db-calendar"

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-calendar.h"

/* Dates travel as GDate Julian days (1 = 0001-01-01, as PostgreSQL's
 * proleptic Gregorian calendar counts), times of day as minutes. */
#define SQL_JULIAN(col)  "(" col " - DATE '0001-01-01' + 1)"
#define SQL_DATE(param)  "(DATE '0001-01-01' + (" param "::int - 1))"
#define SQL_MINUTES(col) "(extract(epoch FROM " col ") / 60)::int"

void
wx_db_calendar_day_free (WxDbCalendarDay *day)
{
  if (day == NULL)
    return;
  g_free (day->name);
  g_free (day);
}

static guint
minutes_at (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : (guint) atoi (PQgetvalue (res, row, col));
}

/* A calendar_days row from columns julian, kind, name, opens, closes at `col`. */
static WxDbCalendarDay *
day_from_row (PGresult *res, int row, int col)
{
  WxDbCalendarDay *day = g_new0 (WxDbCalendarDay, 1);

  g_date_clear (&day->date, 1);
  g_date_set_julian (&day->date, (guint32) g_ascii_strtoull (PQgetvalue (res, row, col), NULL, 10));
  day->kind = g_str_equal (PQgetvalue (res, row, col + 1), "workday") ? WX_CALENDAR_DAY_WORKDAY
                                                                     : WX_CALENDAR_DAY_HOLIDAY;
  day->name = g_strdup (PQgetvalue (res, row, col + 2));
  day->opens = minutes_at (res, row, col + 3);
  day->closes = minutes_at (res, row, col + 4);
  return day;
}

#define DAY_COLUMNS SQL_JULIAN ("day") "::text, kind, name, " SQL_MINUTES ("opens") ", " SQL_MINUTES ("closes")

WxCalendar *
wx_db_calendar_load (PGconn  *conn,
                     GError **error)
{
  /* One statement: one snapshot of the three tables, whatever transaction
   * the caller is in. Part 0 is the time zone, 1 the weekly hours, 2 the days. */
  g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT 0, coalesce((SELECT value FROM settings WHERE key = 'timezone'), 'Asia/Shanghai'),"
      "       NULL, NULL, NULL, NULL"
      " UNION ALL "
      "SELECT 1, weekday::text, NULL, NULL, " SQL_MINUTES ("opens") ", " SQL_MINUTES ("closes")
      "  FROM business_hours"
      " UNION ALL "
      "SELECT 2, " DAY_COLUMNS " FROM calendar_days"
      " ORDER BY 1",
      0, NULL, error);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(WxCalendar) calendar = NULL;

  if (res == NULL)
    return NULL;
  zone = g_time_zone_new_identifier (PQgetvalue (res, 0, 1));
  if (zone == NULL)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                   _("The shop's time zone “%s” in the settings is unknown here; the administrator must set a name such as Asia/Shanghai."),
                   PQgetvalue (res, 0, 1));
      return NULL;
    }
  calendar = wx_calendar_new (zone);
  for (int i = 1; i < PQntuples (res); i++)
    if (g_str_equal (PQgetvalue (res, i, 0), "1"))
      wx_calendar_set_hours (calendar, (guint) atoi (PQgetvalue (res, i, 1)),
                             minutes_at (res, i, 4), minutes_at (res, i, 5));
    else
      {
        g_autoptr(WxDbCalendarDay) day = day_from_row (res, i, 1);

        if (day->kind == WX_CALENDAR_DAY_HOLIDAY)
          wx_calendar_add_holiday (calendar, &day->date);
        else
          wx_calendar_add_workday (calendar, &day->date, day->opens, day->closes);
      }
  return g_steal_pointer (&calendar);
}

gboolean
wx_db_calendar_set_hours (PGconn  *conn,
                          guint    weekday,
                          guint    opens,
                          guint    closes,
                          GError **error)
{
  g_autofree char *w = g_strdup_printf ("%u", weekday);
  g_autofree char *o = wx_calendar_format_time (opens);
  g_autofree char *c = wx_calendar_format_time (closes);
  const char *params[3] = { w, o, c };

  return wx_db_execute (conn,
                        "INSERT INTO business_hours (weekday, opens, closes) VALUES ($1, $2::time, $3::time)"
                        " ON CONFLICT (weekday) DO UPDATE SET opens = EXCLUDED.opens, closes = EXCLUDED.closes",
                        3, params, error);
}

gboolean
wx_db_calendar_set_closed (PGconn  *conn,
                           guint    weekday,
                           GError **error)
{
  g_autofree char *w = g_strdup_printf ("%u", weekday);
  const char *params[1] = { w };

  return wx_db_execute (conn, "DELETE FROM business_hours WHERE weekday = $1", 1, params, error);
}

static const char *
kind_code (WxCalendarDayKind kind)
{
  return kind == WX_CALENDAR_DAY_WORKDAY ? "workday" : "holiday";
}

gboolean
wx_db_calendar_add_day (PGconn             *conn,
                        GDate              *date,
                        WxCalendarDayKind   kind,
                        const char         *name,
                        guint               opens,
                        guint               closes,
                        GError            **error)
{
  g_autofree char *julian = g_strdup_printf ("%u", g_date_get_julian (date));
  g_autofree char *o = opens < closes ? wx_calendar_format_time (opens) : NULL;
  g_autofree char *c = opens < closes ? wx_calendar_format_time (closes) : NULL;
  const char *params[5] = { julian, kind_code (kind), name ? name : "", o, c };

  g_return_val_if_fail (kind == WX_CALENDAR_DAY_HOLIDAY || kind == WX_CALENDAR_DAY_WORKDAY, FALSE);

  return wx_db_execute (conn,
                        "INSERT INTO calendar_days (day, kind, name, opens, closes)"
                        " VALUES (" SQL_DATE ("$1") ", $2, $3, $4::time, $5::time)"
                        " ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,"
                        "   opens = EXCLUDED.opens, closes = EXCLUDED.closes",
                        5, params, error);
}

gboolean
wx_db_calendar_remove_day (PGconn             *conn,
                           GDate              *date,
                           WxCalendarDayKind   kind,
                           GError            **error)
{
  g_autofree char *julian = g_strdup_printf ("%u", g_date_get_julian (date));
  const char *params[2] = { julian, kind_code (kind) };
  g_autoptr(PGresult) res = wx_db_query (conn,
                                         "DELETE FROM calendar_days WHERE day = " SQL_DATE ("$1") " AND kind = $2"
                                         " RETURNING day",
                                         2, params, error);
  char text[16];

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND,
                   kind == WX_CALENDAR_DAY_WORKDAY
                   ? _("%s is not a make-up working day in the calendar; “weixiu-admin calendar show” lists them.")
                   : _("%s is not a holiday in the calendar; “weixiu-admin calendar show” lists them."),
                   text);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
wx_db_calendar_list_days (PGconn  *conn,
                          GDate   *from,
                          GDate   *to,
                          GError **error)
{
  g_autofree char *first = g_strdup_printf ("%u", g_date_get_julian (from));
  g_autofree char *last = g_strdup_printf ("%u", g_date_get_julian (to));
  const char *params[2] = { first, last };
  g_autoptr(PGresult) res = wx_db_query (conn,
                                         "SELECT " DAY_COLUMNS " FROM calendar_days"
                                         " WHERE day BETWEEN " SQL_DATE ("$1") " AND " SQL_DATE ("$2")
                                         " ORDER BY day",
                                         2, params, error);
  GPtrArray *days;

  if (res == NULL)
    return NULL;
  days = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_db_calendar_day_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (days, day_from_row (res, i, 0));
  return days;
}

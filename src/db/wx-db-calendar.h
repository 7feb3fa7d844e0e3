/* wx-db-calendar.h — the shop's business calendar in the database: the
 * setting 'timezone', the weekly business_hours and the calendar_days
 * (holidays and make-up working days). Everyone may read it; only wx_admin
 * may change it (others get WX_DB_ERROR_DENIED). Each change is one
 * statement, so one transaction. */
#pragma once

#include <glib.h>
#include "wx-db-pq.h"

#include "core/wx-calendar.h"

G_BEGIN_DECLS

/* One row of calendar_days. */
typedef struct {
  GDate              date;
  WxCalendarDayKind  kind;      /* HOLIDAY or WORKDAY */
  char              *name;      /* "" when none */
  guint              opens;     /* a make-up day's own hours; 0, 0: the usual ones */
  guint              closes;
} WxDbCalendarDay;

void         wx_db_calendar_day_free   (WxDbCalendarDay    *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbCalendarDay, wx_db_calendar_day_free)

/* The whole calendar, read in one statement. */
WxCalendar  *wx_db_calendar_load       (PGconn             *conn,
                                        GError            **error);

/* The weekly hours of an ISO weekday (1 = Monday), or closed all day. */
gboolean     wx_db_calendar_set_hours  (PGconn             *conn,
                                        guint               weekday,
                                        guint               opens,
                                        guint               closes,
                                        GError            **error);
gboolean     wx_db_calendar_set_closed (PGconn             *conn,
                                        guint               weekday,
                                        GError            **error);

/* Makes `date` a holiday or a make-up working day (opens = closes = 0: the
 * usual hours), replacing what the date was; `name` may be NULL. */
gboolean     wx_db_calendar_add_day    (PGconn             *conn,
                                        GDate              *date,
                                        WxCalendarDayKind   kind,
                                        const char         *name,
                                        guint               opens,
                                        guint               closes,
                                        GError            **error);
/* Removes the holiday (or make-up day) on `date`; WX_DB_ERROR_NOT_FOUND
 * when the date is not one. */
gboolean     wx_db_calendar_remove_day (PGconn             *conn,
                                        GDate              *date,
                                        WxCalendarDayKind   kind,
                                        GError            **error);
/* The calendar_days from `from` to `to` (both included), by date: a
 * GPtrArray of WxDbCalendarDay. */
GPtrArray   *wx_db_calendar_list_days  (PGconn             *conn,
                                        GDate              *from,
                                        GDate              *to,
                                        GError            **error);

G_END_DECLS

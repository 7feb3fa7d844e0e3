/* wx-calendar.h — the shop's business calendar: weekly opening hours,
 * holidays and make-up working days (调休), in the shop's time zone. Every
 * SLA clock counts business minutes on it (domain.md section 4).
 *
 * Instants are GDateTimes in any zone; results are in the calendar's zone.
 * Times of day are minutes after local midnight (09:00 = 540). The shop is
 * open from its opening time up to, not including, its closing time.
 * Business minutes are minutes of local wall-clock time within opening hours.
 *
 * Set a calendar up before sharing it: the functions that only ask (from
 * wx_calendar_get_zone on) read it and may run in several threads at once.
 * They take O(log number of exceptions) time, not time per day or minute. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WX_TYPE_CALENDAR (wx_calendar_get_type ())

typedef struct _WxCalendar WxCalendar;

typedef enum {
  WX_CALENDAR_DAY_NORMAL,    /* the weekly hours apply */
  WX_CALENDAR_DAY_HOLIDAY,   /* closed all day */
  WX_CALENDAR_DAY_WORKDAY,   /* make-up working day: open although the week says closed */
} WxCalendarDayKind;

GType        wx_calendar_get_type        (void) G_GNUC_CONST;

/* A calendar with no opening hours yet, in `zone`. */
WxCalendar  *wx_calendar_new             (GTimeZone     *zone);
WxCalendar  *wx_calendar_new_default     (void);   /* Asia/Shanghai, Mon–Sat 09:00–18:00 */
WxCalendar  *wx_calendar_ref             (WxCalendar    *calendar);
void         wx_calendar_unref           (WxCalendar    *calendar);

GTimeZone   *wx_calendar_get_zone        (WxCalendar    *calendar);

/* Weekly hours: ISO weekday 1 = Monday … 7 = Sunday. opens < closes, both in
 * 0..1440; a weekday without hours is closed. */
void         wx_calendar_set_hours       (WxCalendar    *calendar,
                                          guint          weekday,
                                          guint          opens,
                                          guint          closes);
void         wx_calendar_set_closed      (WxCalendar    *calendar,
                                          guint          weekday);
gboolean     wx_calendar_get_hours       (WxCalendar    *calendar,
                                          guint          weekday,
                                          guint         *opens,
                                          guint         *closes);

/* The length of the shop's working day in minutes: the opening hours most
 * weekdays have (the longer on a tie), 540 for 09:00–18:00; 0 when the week
 * has none. A clock's "1 d" in business time is this many minutes. */
guint        wx_calendar_day_minutes     (WxCalendar    *calendar);

/* Exceptions, by local date. A make-up working day opens at the hours given,
 * or (opens = closes = 0) at the hours of the first weekday that has any. */
void         wx_calendar_add_holiday     (WxCalendar    *calendar,
                                          GDate         *date);
void         wx_calendar_add_workday     (WxCalendar    *calendar,
                                          GDate         *date,
                                          guint          opens,
                                          guint          closes);

/* The opening hours of one local date; FALSE when the shop is closed all day. */
gboolean     wx_calendar_day_hours       (WxCalendar    *calendar,
                                          GDate         *date,
                                          guint         *opens,
                                          guint         *closes);
gboolean     wx_calendar_is_open         (WxCalendar    *calendar,
                                          GDateTime     *at);

/* The first instant at or after `at` when the shop is open (`at` itself when
 * open then). NULL only when the calendar has no opening in the next 400 days. */
GDateTime   *wx_calendar_next_opening    (WxCalendar    *calendar,
                                          GDateTime     *at);
/* The closing time of the working day `at` falls in; when the shop is closed
 * at `at`, of the next working day. NULL as for wx_calendar_next_opening. */
GDateTime   *wx_calendar_closing_time    (WxCalendar    *calendar,
                                          GDateTime     *at);
/* `at` plus `minutes` business minutes (>= 0): the first instant by which
 * that many business minutes have passed. Time before an opening does not
 * count: adding 60 minutes to Saturday 17:30 gives Monday 09:30, adding 30
 * gives Saturday 18:00 (a deadline may fall on a closing time: "same working
 * day" is 540 minutes from 09:00, due 18:00 that day); adding 0 gives the next
 * opening. NULL as for wx_calendar_next_opening. */
GDateTime   *wx_calendar_add_minutes     (WxCalendar    *calendar,
                                          GDateTime     *at,
                                          gint64         minutes);
/* Business minutes from `from` to `to` (negative when `to` is earlier),
 * whole minutes rounded toward zero. */
gint64       wx_calendar_minutes_between (WxCalendar    *calendar,
                                          GDateTime     *from,
                                          GDateTime     *to);
/* The local time `HH:MM` of the working day after the one `at` falls in
 * (the review clock counts from its opening; the reply rule: "10:00
 * next working day"): of the first working day after `at`'s local date, so
 * Friday 16:05 and Saturday 08:00 give Saturday and Sunday gives Monday.
 * The time is kept even when that day opens later. NULL as for
 * wx_calendar_next_opening. */
GDateTime   *wx_calendar_next_working_day_at (WxCalendar *calendar,
                                              GDateTime  *at,
                                              guint       minute_of_day);

/* What an administrator types (weixiu-admin calendar …); FALSE with a
 * WX_CORE_ERROR_INVALID sentence when it does not make sense. */
/* "mon" … "sun", "monday" … "sunday" (any case) or "1" … "7" → ISO weekday. */
gboolean     wx_calendar_parse_weekday   (const char    *text,
                                          guint         *weekday,
                                          GError       **error);
/* "09:00-18:00" (or with "–"): opens < closes; closes may be 24:00. */
gboolean     wx_calendar_parse_hours     (const char    *text,
                                          guint         *opens,
                                          guint         *closes,
                                          GError       **error);
/* "2026-10-01": a day that exists. */
gboolean     wx_calendar_parse_date      (const char    *text,
                                          GDate         *date,
                                          GError       **error);
/* "09:00" for 540. */
char        *wx_calendar_format_time     (guint          minute_of_day);
/* "2026-11-18 15:30": Unix time `t` in the calendar's zone; "" for 0 (none)
 * and G_MAXINT64 (never). */
char        *wx_calendar_format_instant  (WxCalendar    *calendar,
                                          gint64         t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCalendar, wx_calendar_unref)

G_END_DECLS

/* wx-sla.h — the SLA clocks of domain.md section 4, computed from an order's
 * event log on the business calendar, so that boards, reports and the CLI
 * agree. Times are Unix seconds; durations business minutes.
 *
 * A WxTimeline is the calendar compiled into opening periods for a range of
 * dates: adding business minutes or measuring between two instants is a
 * binary search, fast enough for every clock of thousands of orders. */
#pragma once

#include "wx-calendar.h"
#include "wx-types.h"

G_BEGIN_DECLS

typedef enum {
  WX_CLOCK_DISPATCH,
  WX_CLOCK_FRONT_REPLY,   /* the coordinator's answer within 4 hours of receiving the machine */
  WX_CLOCK_REPLY,
  WX_CLOCK_QUOTE,
  WX_CLOCK_DECISION,
  WX_CLOCK_REPAIR,
  WX_CLOCK_NOTIFY,
  WX_CLOCK_ONSITE_CONTACT,
  WX_CLOCK_ONSITE_ARRIVAL,
  WX_CLOCK_OUTSOURCED_REPLY,
  WX_CLOCK_ENTER,
  WX_CLOCK_REVIEW,
} WxClock;

#define WX_N_CLOCKS (WX_CLOCK_REVIEW + 1)

typedef enum {
  WX_CLOCK_STATUS_NOT_STARTED,
  WX_CLOCK_STATUS_RUNNING,     /* before its target */
  WX_CLOCK_STATUS_AMBER,       /* past its target */
  WX_CLOCK_STATUS_RED,         /* past its limit: overdue */
  WX_CLOCK_STATUS_MET,         /* stopped by its limit */
  WX_CLOCK_STATUS_MET_LATE,    /* stopped after its limit */
} WxClockStatus;

typedef struct _WxTimeline WxTimeline;

typedef struct {
  guint target_minutes;
  guint limit_minutes;
} WxSlaThreshold;

typedef struct {
  WxTimeline     *timeline;
  WxSlaThreshold  thresholds[WX_N_CLOCKS];
} WxSlaRules;

typedef struct {
  const char *event;
  gint64      at;
} WxSlaEvent;

typedef struct {
  WxClockStatus status;
  gint64        start;          /* 0 when not started */
  gint64        stop;           /* 0 while running */
  gint64        due_target;
  gint64        due_limit;
  gint64        minutes_left;   /* business minutes from now to the limit; negative when overdue */
} WxClockState;

/* The clocks: code (as in sla_thresholds), label, the 004 defaults. */
const char   *wx_clock_to_code        (WxClock        clock);
gboolean      wx_clock_from_code      (const char    *code,
                                       WxClock       *clock);
const char   *wx_clock_label          (WxClock        clock);
const char   *wx_clock_status_to_code (WxClockStatus  status);
const char   *wx_clock_status_label   (WxClockStatus  status);
void          wx_sla_rules_init_defaults (WxSlaRules *rules);
/* Rules many cards keep (wx-order.h): a reference-counted copy taking
 * what `rules` holds (leaving it empty); ref and unref it. */
WxSlaRules   *wx_sla_rules_share      (WxSlaRules    *rules);
WxSlaRules   *wx_sla_rules_ref        (WxSlaRules    *rules);
void          wx_sla_rules_unref      (WxSlaRules    *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxSlaRules, wx_sla_rules_unref)
/* How a clock's target and limit count when not simply from its start (the
 * review: from the next working day's opening), for the settings; NULL for
 * a plain clock. Translated. */
const char   *wx_clock_rule_hint      (WxClock        clock);

/* The opening periods of the calendar's dates from `from` to `to` (Unix
 * seconds; a margin is added). Outside them the calendar itself answers. */
WxTimeline   *wx_timeline_new         (WxCalendar    *calendar,
                                       gint64         from,
                                       gint64         to);
void          wx_timeline_free        (WxTimeline    *timeline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxTimeline, wx_timeline_free)
WxCalendar   *wx_timeline_get_calendar (WxTimeline   *timeline);

/* `at` plus `minutes` business minutes; 0 minutes = the next opening; a sum
 * that ends exactly at closing time is that closing time. */
gint64        wx_timeline_add         (WxTimeline    *timeline,
                                       gint64         at,
                                       gint64         minutes);
gint64        wx_timeline_minutes_between (WxTimeline *timeline,
                                       gint64         from,
                                       gint64         to);
/* Closing time of the working day `at` falls in (or of the next one). */
gint64        wx_timeline_closing     (WxTimeline    *timeline,
                                       gint64         at);
/* `minute_of_day` on the first working day after the local date of `at`. */
gint64        wx_timeline_next_day_at (WxTimeline    *timeline,
                                       gint64         at,
                                       guint          minute_of_day);

/* When `clock`, started at `start` for an order received at `received`, is
 * due: its target or its limit, with the clock's special rules. */
gint64        wx_sla_due              (const WxSlaRules *rules,
                                       WxClock        clock,
                                       gint64         received,
                                       gint64         start,
                                       gboolean       parts_ordered,
                                       gboolean       target);
/* Every clock of an order of `kind` from its events (in time order). */
void          wx_sla_compute          (const WxSlaRules *rules,
                                       WxOrderKind    kind,
                                       const WxSlaEvent *events,
                                       guint          n_events,
                                       gint64         now,
                                       WxClockState   clocks[WX_N_CLOCKS]);

G_END_DECLS

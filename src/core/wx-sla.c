#define G_LOG_DOMAIN "wx-sla"

#include <string.h>

#include <glib/gi18n.h>

#include "wx-sla.h"

/* ------------------------------------------------------------ the clocks */

/* The events the clocks listen to; a clock's start and stop sets are bit
 * masks over this list. */
enum {
  EV_RECEIVED, EV_CALL_LOGGED, EV_DISPATCH_INSPECTION, EV_DISPATCH_ONSITE, EV_FIX_AT_DESK,
  EV_INSPECT, EV_QUOTE, EV_TELL_RESULT, EV_DISPATCH_REPAIR, EV_AGREE, EV_DECLINE, EV_ORDER_PARTS,
  EV_REPAIR_DONE, EV_OUTSOURCE, EV_OUTSOURCE_RETURN, EV_NOTIFY, EV_PICKUP, EV_DISPATCH_DELIVERY,
  EV_DELIVER, EV_ACCEPT, EV_BOOK_VISIT, EV_ARRIVE, EV_FIX_ON_SITE, EV_ENTER, EV_REVIEW, EV_CANCEL,
  EV_CONTACT_CUSTOMER,
  N_SLA_EVENTS
};

static const char *const sla_events[N_SLA_EVENTS] = {
  "received", "call_logged", "dispatch_inspection", "dispatch_onsite", "fix_at_desk",
  "inspect", "quote", "tell_result", "dispatch_repair", "agree", "decline", "order_parts",
  "repair_done", "outsource", "outsource_return", "notify", "pickup", "dispatch_delivery",
  "deliver", "accept", "book_visit", "arrive", "fix_on_site", "enter", "review", "cancel",
  "contact_customer",
};

#define B(x) (G_GUINT64_CONSTANT (1) << EV_##x)

typedef enum {
  RULE_PLAIN,
  RULE_REPLY,          /* received at or after 16:00 → 10:00 the next working day */
  RULE_SAME_DAY,       /* ends at closing time of the working day it started in */
  RULE_NEXT_DAY,       /* counted from the opening of the next working day */
  RULE_PARTS,          /* the target applies only with parts in stock */
} ClockRule;

static const struct {
  WxClock      clock;
  const char  *code;
  const char  *label;
  guint        kinds;
  guint64      start;
  guint64      stop;
  guint64      only_if;   /* the clock exists only when one of these happened */
  gboolean     restarts;  /* a later start begins a new run */
  ClockRule    rule;
  guint        target, limit;   /* defaults of data/sql/004_defaults.sql */
} clocks[WX_N_CLOCKS] = {
#define KC (1u << WX_ORDER_KIND_CARRY_IN)
#define KO (1u << WX_ORDER_KIND_ON_SITE)
#define KS (1u << WX_ORDER_KIND_SALE)
  { WX_CLOCK_DISPATCH, "dispatch", NC_("clock", "Dispatch"), KC | KO,
    B (RECEIVED) | B (CALL_LOGGED), B (DISPATCH_INSPECTION) | B (DISPATCH_ONSITE) | B (FIX_AT_DESK) | B (CANCEL),
    0, FALSE, RULE_PLAIN, 60, 180 },
  /* Seed 000: 机器从接收4小时内一定要给客户答复或报价 — the coordinator's
   * clock from receiving the machine, beside the engineer's 4小时复命 from
   * dispatch. A machine sent to a peer shop has a reply clock of its own. */
  { WX_CLOCK_FRONT_REPLY, "front-reply", NC_("clock", "Front desk's 4-hour reply"), KC,
    B (RECEIVED), B (QUOTE) | B (TELL_RESULT) | B (DISPATCH_REPAIR) | B (FIX_AT_DESK) | B (OUTSOURCE) | B (CANCEL),
    0, FALSE, RULE_REPLY, 240, 240 },
  { WX_CLOCK_REPLY, "reply", NC_("clock", "4-hour reply"), KC | KO,
    B (DISPATCH_INSPECTION), B (QUOTE) | B (TELL_RESULT) | B (DISPATCH_REPAIR) | B (CANCEL),
    0, FALSE, RULE_REPLY, 240, 240 },
  { WX_CLOCK_QUOTE, "quote", NC_("clock", "Quote"), KC | KO,
    B (INSPECT), B (QUOTE) | B (DISPATCH_REPAIR) | B (CANCEL),
    0, FALSE, RULE_PLAIN, 30, 30 },
  { WX_CLOCK_DECISION, "decision", NC_("clock", "Customer's decision"), KC | KO | KS,
    B (QUOTE), B (AGREE) | B (DECLINE) | B (CANCEL),
    0, FALSE, RULE_PLAIN, 1080, 1080 },
  { WX_CLOCK_REPAIR, "repair", NC_("clock", "Repair"), KC | KO,
    B (AGREE) | B (DISPATCH_REPAIR), B (REPAIR_DONE) | B (FIX_ON_SITE) | B (OUTSOURCE_RETURN) | B (CANCEL),
    0, FALSE, RULE_PARTS, 480, 1620 },
  { WX_CLOCK_NOTIFY, "notify", NC_("clock", "Notify the customer"), KC | KO,
    B (REPAIR_DONE) | B (FIX_AT_DESK) | B (OUTSOURCE_RETURN) | B (DECLINE),
    B (NOTIFY) | B (PICKUP) | B (DISPATCH_DELIVERY),
    0, TRUE, RULE_SAME_DAY, 540, 540 },
  { WX_CLOCK_ONSITE_CONTACT, "onsite-contact", NC_("clock", "On-site contact"), KO,
    B (DISPATCH_ONSITE), B (CONTACT_CUSTOMER) | B (BOOK_VISIT) | B (CANCEL),
    0, TRUE, RULE_PLAIN, 10, 10 },
  { WX_CLOCK_ONSITE_ARRIVAL, "onsite-arrival", NC_("clock", "On-site arrival"), KO,
    B (CALL_LOGGED), B (ARRIVE) | B (CANCEL),
    0, FALSE, RULE_PLAIN, 240, 240 },
  { WX_CLOCK_OUTSOURCED_REPLY, "outsourced-reply", NC_("clock", "Reply on an outsourced machine"), KC | KO,
    B (RECEIVED) | B (CALL_LOGGED), B (QUOTE) | B (TELL_RESULT) | B (OUTSOURCE_RETURN) | B (CANCEL),
    B (OUTSOURCE), FALSE, RULE_PLAIN, 480, 480 },
  { WX_CLOCK_ENTER, "enter", NC_("clock", "Enter"), KC | KO | KS,
    B (PICKUP) | B (DELIVER) | B (ACCEPT), B (ENTER),
    0, FALSE, RULE_SAME_DAY, 540, 540 },
  { WX_CLOCK_REVIEW, "review", NC_("clock", "Supervisor's review"), KC | KO | KS,
    B (ENTER), B (REVIEW),
    0, FALSE, RULE_NEXT_DAY, 120, 180 },
#undef KC
#undef KO
#undef KS
};

static const struct { const char *code; const char *label; } statuses[] = {
  [WX_CLOCK_STATUS_NOT_STARTED] = { "not_started", N_("not started") },
  [WX_CLOCK_STATUS_RUNNING]     = { "running",     N_("running") },
  [WX_CLOCK_STATUS_AMBER]       = { "amber",       N_("past target") },
  [WX_CLOCK_STATUS_RED]         = { "red",         N_("overdue") },
  [WX_CLOCK_STATUS_MET]         = { "met",         N_("met") },
  [WX_CLOCK_STATUS_MET_LATE]    = { "met_late",    N_("met late") },
};

const char *
wx_clock_to_code (WxClock clock)
{
  g_return_val_if_fail ((guint) clock < WX_N_CLOCKS, NULL);
  return clocks[clock].code;
}

gboolean
wx_clock_from_code (const char *code, WxClock *clock)
{
  for (guint i = 0; code && i < WX_N_CLOCKS; i++)
    if (g_str_equal (clocks[i].code, code))
      {
        *clock = clocks[i].clock;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_clock_label (WxClock clock)
{
  g_return_val_if_fail ((guint) clock < WX_N_CLOCKS, NULL);
  /* msgctxt "clock": "Repair" and "Quote" are also headings and buttons. */
  return g_dpgettext2 (NULL, "clock", clocks[clock].label);
}

const char *
wx_clock_rule_hint (WxClock clock)
{
  g_return_val_if_fail ((guint) clock < WX_N_CLOCKS, NULL);
  switch (clocks[clock].rule)
    {
    case RULE_REPLY:
      return _("Received at 16:00 or later: due at 10:00 the next working day.");
    case RULE_SAME_DAY:
      return _("Never later than the closing time of the day it started.");
    case RULE_NEXT_DAY:
      return _("Working minutes after the next working day opens: 180 after 09:00 is 12:00.");
    case RULE_PARTS:
      return _("The target applies only when the parts were in stock.");
    case RULE_PLAIN:
    default:
      return NULL;
    }
}

const char *
wx_clock_status_to_code (WxClockStatus status)
{
  return statuses[status].code;
}

const char *
wx_clock_status_label (WxClockStatus status)
{
  return _(statuses[status].label);
}

void
wx_sla_rules_init_defaults (WxSlaRules *rules)
{
  for (guint i = 0; i < WX_N_CLOCKS; i++)
    {
      rules->thresholds[i].target_minutes = clocks[i].target;
      rules->thresholds[i].limit_minutes = clocks[i].limit;
    }
}

WxSlaRules *
wx_sla_rules_share (WxSlaRules *rules)
{
  WxSlaRules *shared = g_rc_box_new (WxSlaRules);

  *shared = *rules;
  memset (rules, 0, sizeof *rules);
  return shared;
}

WxSlaRules *
wx_sla_rules_ref (WxSlaRules *rules)
{
  return g_rc_box_acquire (rules);
}

static void
shared_rules_clear (gpointer data)
{
  WxSlaRules *rules = data;

  g_clear_pointer (&rules->timeline, wx_timeline_free);
}

void
wx_sla_rules_unref (WxSlaRules *rules)
{
  g_rc_box_release_full (rules, shared_rules_clear);
}

/* ------------------------------------------------------------ the timeline */

typedef struct {
  gint64 day;      /* local midnight */
  gint64 open;
  gint64 close;
  gint64 before;   /* business seconds of the timeline before this period */
} Period;

struct _WxTimeline {
  WxCalendar *calendar;
  GArray     *periods;   /* Period, in time order, one per working day */
};

#define MARGIN_DAYS 3

static gint64
local_unix (GTimeZone *zone, GDate *date, guint minute_of_day)
{
  g_autoptr(GDateTime) t = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                            g_date_get_day (date), MIN (minute_of_day, 1439) / 60,
                                            MIN (minute_of_day, 1439) % 60, 0);

  /* 24:00 is the next midnight. */
  return g_date_time_to_unix (t) + (minute_of_day >= 1440 ? 60 : 0);
}

WxTimeline *
wx_timeline_new (WxCalendar *calendar, gint64 from, gint64 to)
{
  WxTimeline *tl = g_new0 (WxTimeline, 1);
  GTimeZone *zone = wx_calendar_get_zone (calendar);
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (from - MARGIN_DAYS * 86400);
  g_autoptr(GDateTime) first_local = g_date_time_to_timezone (first, zone);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (MAX (to, from) + MARGIN_DAYS * 86400);
  g_autoptr(GDateTime) last_local = g_date_time_to_timezone (last, zone);
  GDate date, end;
  gint64 before = 0;

  tl->calendar = wx_calendar_ref (calendar);
  tl->periods = g_array_new (FALSE, FALSE, sizeof (Period));
  g_date_clear (&date, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (first_local), g_date_time_get_month (first_local),
                  g_date_time_get_year (first_local));
  g_date_set_dmy (&end, g_date_time_get_day_of_month (last_local), g_date_time_get_month (last_local),
                  g_date_time_get_year (last_local));
  for (; g_date_compare (&date, &end) <= 0; g_date_add_days (&date, 1))
    {
      guint opens, closes;
      Period p;

      if (!wx_calendar_day_hours (calendar, &date, &opens, &closes))
        continue;
      /* Local wall-clock times, right on days when the clocks change. */
      p.day = local_unix (zone, &date, 0);
      p.open = local_unix (zone, &date, opens);
      p.close = local_unix (zone, &date, closes);
      p.before = before;
      before += p.close - p.open;
      g_array_append_val (tl->periods, p);
    }
  return tl;
}

void
wx_timeline_free (WxTimeline *tl)
{
  if (tl == NULL)
    return;
  wx_calendar_unref (tl->calendar);
  g_array_unref (tl->periods);
  g_free (tl);
}

WxCalendar *
wx_timeline_get_calendar (WxTimeline *tl)
{
  return tl->calendar;
}

#define P(i) (&g_array_index (tl->periods, Period, (i)))

/* The first period that closes after `t` (n when none). */
static guint
period_after (WxTimeline *tl, gint64 t)
{
  guint lo = 0, hi = tl->periods->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (P (mid)->close > t)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* Whether `t` (and the answer) lies inside the compiled range. */
static gboolean
covered (WxTimeline *tl, gint64 t)
{
  return tl->periods->len > 0 && t >= P (0)->day && t < P (tl->periods->len - 1)->close;
}

static gint64
via_calendar_add (WxTimeline *tl, gint64 at, gint64 minutes)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) r = wx_calendar_add_minutes (tl->calendar, t, minutes);

  return r ? g_date_time_to_unix (r) : G_MAXINT64;
}

/* Business seconds from the timeline's start to `t`. */
static gint64
position (WxTimeline *tl, gint64 t)
{
  guint i = period_after (tl, t);

  if (i == tl->periods->len)
    return P (i - 1)->before + (P (i - 1)->close - P (i - 1)->open);
  return P (i)->before + CLAMP (t - P (i)->open, 0, P (i)->close - P (i)->open);
}

gint64
wx_timeline_add (WxTimeline *tl, gint64 at, gint64 minutes)
{
  gint64 target;
  guint lo, hi;

  if (!covered (tl, at))
    return via_calendar_add (tl, at, minutes);
  if (minutes <= 0)
    {
      guint i = period_after (tl, at);
      if (i == tl->periods->len)
        return via_calendar_add (tl, at, minutes);
      return MAX (at, P (i)->open);
    }
  target = position (tl, at) + minutes * 60;
  /* The first period whose end reaches the target. */
  lo = 0;
  hi = tl->periods->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (P (mid)->before + (P (mid)->close - P (mid)->open) >= target)
        hi = mid;
      else
        lo = mid + 1;
    }
  if (lo == tl->periods->len)
    return via_calendar_add (tl, at, minutes);
  return P (lo)->open + (target - P (lo)->before);
}

gint64
wx_timeline_minutes_between (WxTimeline *tl, gint64 from, gint64 to)
{
  if (!covered (tl, from) || !covered (tl, to))
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (from);
      g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (to);
      return wx_calendar_minutes_between (tl->calendar, a, b);
    }
  return (position (tl, to) - position (tl, from)) / 60;
}

gint64
wx_timeline_closing (WxTimeline *tl, gint64 at)
{
  guint i = covered (tl, at) ? period_after (tl, at) : tl->periods->len;

  if (i == tl->periods->len)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (at);
      g_autoptr(GDateTime) r = wx_calendar_closing_time (tl->calendar, t);
      return r ? g_date_time_to_unix (r) : G_MAXINT64;
    }
  return P (i)->close;
}

gint64
wx_timeline_next_day_at (WxTimeline *tl, gint64 at, guint minute_of_day)
{
  guint lo = 0, hi = tl->periods->len;

  if (covered (tl, at))
    {
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (P (mid)->day > at)
            hi = mid;
          else
            lo = mid + 1;
        }
      if (lo < tl->periods->len)
        return P (lo)->day + (gint64) minute_of_day * 60;
    }
  {
    g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (at);
    g_autoptr(GDateTime) r = wx_calendar_next_working_day_at (tl->calendar, t, minute_of_day);
    return r ? g_date_time_to_unix (r) : G_MAXINT64;
  }
}

#undef P

/* ------------------------------------------------------------ computing */

/* Local minutes after midnight of `t`. */
static guint
local_minute (WxTimeline *tl, gint64 t)
{
  g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) l = g_date_time_to_timezone (u, wx_calendar_get_zone (tl->calendar));

  return (guint) (g_date_time_get_hour (l) * 60 + g_date_time_get_minute (l));
}

#define REPLY_LATE_FROM (16 * 60)
#define REPLY_NEXT_DAY_AT (10 * 60)

gint64
wx_sla_due (const WxSlaRules *rules,
            WxClock           clock,
            gint64            received,
            gint64            start,
            gboolean          parts_ordered,
            gboolean          target)
{
  WxTimeline *tl = rules->timeline;
  const WxSlaThreshold *th = &rules->thresholds[clock];
  guint minutes = target ? th->target_minutes : th->limit_minutes;

  switch (clocks[clock].rule)
    {
    case RULE_REPLY:
      if (local_minute (tl, received) >= REPLY_LATE_FROM)
        return wx_timeline_next_day_at (tl, received, REPLY_NEXT_DAY_AT);
      break;
    case RULE_SAME_DAY:
      return MIN (wx_timeline_add (tl, start, minutes), wx_timeline_closing (tl, start));
    case RULE_NEXT_DAY:
      /* The review: the target and the limit are working minutes after
       * the next working day opens (180 after 09:00: by 12:00, seed 000
       * "12点前给协调员存档"), on the same calendar as every clock. */
      return wx_timeline_add (tl, wx_timeline_next_day_at (tl, start, 0), minutes);
    case RULE_PARTS:
      if (target && parts_ordered)
        minutes = th->limit_minutes;
      break;
    case RULE_PLAIN:
    default:
      break;
    }
  return wx_timeline_add (tl, start, minutes);
}

static int
event_index (const char *code)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    {
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      for (int i = 0; i < N_SLA_EVENTS; i++)
        g_hash_table_insert (h, (gpointer) sla_events[i], GINT_TO_POINTER (i + 1));
      g_once_init_leave (&index, h);
    }
  return GPOINTER_TO_INT (g_hash_table_lookup (index, code)) - 1;
}

void
wx_sla_compute (const WxSlaRules *rules,
                WxOrderKind       kind,
                const WxSlaEvent *events,
                guint             n_events,
                gint64            now,
                WxClockState      out[WX_N_CLOCKS])
{
  guint64 happened = 0;
  gint64 received = n_events > 0 ? events[0].at : now;
  guint8 stack_idx[256];
  g_autofree guint8 *heap_idx = n_events > G_N_ELEMENTS (stack_idx) ? g_new (guint8, n_events) : NULL;
  guint8 *idx = heap_idx ? heap_idx : stack_idx;
  guint n = n_events;

  for (guint e = 0; e < n; e++)
    {
      int i = event_index (events[e].event);
      idx[e] = i < 0 ? 0xff : (guint8) i;
      if (i >= 0)
        happened |= G_GUINT64_CONSTANT (1) << i;
      if (i == EV_RECEIVED || i == EV_CALL_LOGGED)
        received = events[e].at;
    }

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      WxClockState *s = &out[c];
      gboolean parts = FALSE;

      memset (s, 0, sizeof *s);
      s->status = WX_CLOCK_STATUS_NOT_STARTED;
      if (!(clocks[c].kinds & (1u << kind)) || (clocks[c].only_if && !(happened & clocks[c].only_if)))
        continue;
      for (guint e = 0; e < n; e++)
        {
          guint64 bit;
          if (idx[e] == 0xff)
            continue;
          bit = G_GUINT64_CONSTANT (1) << idx[e];
          if (idx[e] == EV_ORDER_PARTS && s->start)
            parts = TRUE;
          if ((clocks[c].start & bit) && (s->start == 0 || (clocks[c].restarts && s->stop)))
            {
              s->start = events[e].at;
              s->stop = 0;
            }
          else if ((clocks[c].stop & bit) && s->start && s->stop == 0)
            s->stop = events[e].at;
        }
      if (s->start == 0)
        continue;
      s->due_target = wx_sla_due (rules, c, received, s->start, parts, TRUE);
      s->due_limit = wx_sla_due (rules, c, received, s->start, parts, FALSE);
      if (s->stop)
        s->status = s->stop <= s->due_limit ? WX_CLOCK_STATUS_MET : WX_CLOCK_STATUS_MET_LATE;
      else
        {
          s->status = now >= s->due_limit ? WX_CLOCK_STATUS_RED
                    : now >= s->due_target ? WX_CLOCK_STATUS_AMBER
                    : WX_CLOCK_STATUS_RUNNING;
          s->minutes_left = s->due_limit >= now
            ? wx_timeline_minutes_between (rules->timeline, now, s->due_limit)
            : -wx_timeline_minutes_between (rules->timeline, s->due_limit, now);
        }
    }
}

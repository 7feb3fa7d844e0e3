/* wx-report.h — the supervisor's weekly report (seed 000 维修部主管 工程师业绩
 * 考核和分配, domain.md section 9) and the monthly feedback and collections
 * summary: the figures, per engineer and for the whole shop, for a chosen
 * ISO week and the eight weeks before it; the helpers that compute and
 * format them (median, share, age buckets, ISO weeks in the shop's time
 * zone) and the CSV export. The db layer fills them (wx-db-report.h), the
 * print layer draws them (wx-pdf-report.h). */
#pragma once

#include "wx-sla.h"
#include "wx-types.h"

G_BEGIN_DECLS

#define WX_REPORT_WEEKS 9           /* the chosen week (the last) and the 8 before it */
#define WX_REPORT_CHOSEN (WX_REPORT_WEEKS - 1)

/* Machine categories of devices.category, and "no machine" (sales). */
#define WX_REPORT_N_CATEGORIES 10
const char *wx_report_category_code  (guint category);
const char *wx_report_category_label (guint category);
guint       wx_report_category_from_code (const char *code);

/* Backlog ages: under a day, 1–3 days, 3–7 days, 1–2 weeks, older. */
#define WX_REPORT_N_AGES 5
guint       wx_report_age_bucket (gint64 seconds);
const char *wx_report_age_label  (guint bucket);
const char *wx_report_age_code   (guint bucket);

/* Unpaid orders by age since handover: 0–30, 31–60, 61–90, over 90 days. */
#define WX_REPORT_N_DEBT_AGES 4
guint       wx_report_debt_bucket (gint64 seconds);
const char *wx_report_debt_label  (guint bucket);

/* The figures of one week, for one engineer or the whole shop. Clocks
 * count in the week they stopped in; a return repair in the week it came
 * back (attributed to the engineer of the order it returns); parts
 * accuracy over the reviews of the week that judged the parts. */
typedef struct {
  guint  orders;                               /* received in the week */
  guint  by_kind[3];                           /* WxOrderKind */
  guint  by_category[WX_REPORT_N_CATEGORIES];
  guint  clock_n[WX_N_CLOCKS];                 /* clocks stopped in the week */
  guint  clock_met[WX_N_CLOCKS];               /* … within their limit */
  gint64 clock_median[WX_N_CLOCKS];            /* business minutes, -1 without any */
  guint  handed_over;                          /* picked up, delivered, accepted */
  guint  returns;                              /* return repairs received */
  guint  reviewed;                             /* reviews that judged the parts */
  guint  parts_ok;
  guint  callbacks;                            /* callbacks done */
  guint  rated;                                /* … with a satisfaction score */
  guint  satisfaction_sum;
  guint  complaints;                           /* received */
  guint  quotes;                               /* quotes sent */
  guint  agreed;
  guint  declined;
  gint64 revenue;                              /* payments, fen */
} WxReportStats;

typedef struct {
  char          *role;      /* login; "" for orders without an engineer */
  char          *name;      /* shown: the staff name, or "Unassigned" / "Whole shop" */
  WxReportStats  weeks[WX_REPORT_WEEKS];
  guint          backlog[WX_REPORT_N_AGES];   /* open at the end of the chosen week */
} WxReportRow;

typedef struct {
  int           year, week;                    /* ISO week of the chosen week */
  gint64        bounds[WX_REPORT_WEEKS + 1];   /* Monday 00:00 of each week (Unix), and the end */
  gint64        as_of;                         /* backlog time: the chosen week's end, or now */
  GTimeZone    *zone;
  char         *company;
  GPtrArray    *engineers;                     /* WxReportRow*, by name; "" last */
  WxReportRow   shop;
  guint         backlog_folder[WX_N_FOLDERS][WX_REPORT_N_AGES];
  guint         backlog_shelf[WX_N_SHELVES][WX_REPORT_N_AGES];
} WxReport;

WxReport     *wx_report_new              (GTimeZone     *zone,
                                          int            year,
                                          int            week);
void          wx_report_free             (WxReport      *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReport, wx_report_free)
/* The row of engineer `role` ("" for none), added (named `name`) if new. */
WxReportRow  *wx_report_row              (WxReport      *report,
                                          const char    *role,
                                          const char    *name);
/* Engineers in name order, the unassigned row last. */
void          wx_report_sort_rows        (WxReport      *report);
/* Adds `from`'s counts into `to` (medians are not added). */
void          wx_report_stats_add        (WxReportStats *to,
                                          const WxReportStats *from);
/* All clocks of a week together. */
guint         wx_report_stats_clocks_n   (const WxReportStats *stats);
guint         wx_report_stats_clocks_met (const WxReportStats *stats);
guint         wx_report_backlog_total    (const guint   ages[WX_REPORT_N_AGES]);

/* ISO weeks: "2026-W47" (also "2026W47", "2026-w47"). */
gboolean      wx_report_parse_week       (const char    *text,
                                          int           *year,
                                          int           *week,
                                          GError       **error);
char         *wx_report_week_code        (int            year,
                                          int            week);
/* Monday 00:00 of ISO week `week` of `year` in `zone`. */
GDateTime    *wx_report_week_start       (GTimeZone     *zone,
                                          int            year,
                                          int            week);
/* The last week that ended before `now` (in `zone`). */
void          wx_report_last_complete_week (GTimeZone   *zone,
                                          gint64         now,
                                          int           *year,
                                          int           *week);
/* The week `delta` weeks after (before, when negative) year/week. */
void          wx_report_week_step        (GTimeZone     *zone,
                                          int           *year,
                                          int           *week,
                                          int            delta);
/* "2026-W47" → "16–22 Nov 2026" style dates of the week, local. */
char         *wx_report_week_dates       (const WxReport *report,
                                          guint          index);

/* "2026-11" */
gboolean      wx_report_parse_month      (const char    *text,
                                          int           *year,
                                          int           *month,
                                          GError       **error);

/* Helpers. The median of `n` values (sorted in place); -1 when n is 0. */
gint64        wx_report_median           (gint64        *values,
                                          guint          n);
/* part / whole as a fraction, -1 when whole is 0. */
double        wx_report_share            (guint          part,
                                          guint          whole);
/* "87.5%" or "—". */
char         *wx_report_format_share     (guint          part,
                                          guint          whole);
/* "45 min", "2.5 h", or "—" for -1. */
char         *wx_report_format_minutes   (gint64         minutes);
/* "4.33" or "—". */
char         *wx_report_format_average   (guint          sum,
                                          guint          n);

/* The weekly report as CSV (UTF-8, comma separated, one figure a line:
 * week,engineer,metric,value). */
GString      *wx_report_to_csv           (const WxReport *report);

/* ------------------------------------------------------------ monthly */

typedef struct {
  char   *number;
  char   *unit;
  gint64  received_at;
  char   *description;
  gint64  closed_at;         /* 0 while open */
  char   *outcome;
} WxReportComplaint;

typedef struct {
  char   *number;
  char   *unit;
  gint64  handed_over;
  gint64  due;               /* fen */
  guint   days;
} WxReportDebt;

typedef struct {
  int         year, month;
  gint64      start, end;    /* the month, local */
  gint64      as_of;         /* collections: the month's end, or now */
  GTimeZone  *zone;
  char       *company;
  /* feedback: the callbacks done in the month */
  guint       callbacks, reached, rated, satisfaction_sum, not_working, explained;
  guint       weak_response, weak_repair_time, weak_attitude, weak_quote_speed;
  guint       by_score[5];
  /* complaints */
  guint       complaints_received, complaints_closed, complaints_open;
  GPtrArray  *complaints;    /* WxReportComplaint*, received in the month */
  /* collections */
  guint       debt_n[WX_REPORT_N_DEBT_AGES];
  gint64      debt_due[WX_REPORT_N_DEBT_AGES];
  GPtrArray  *debts;         /* WxReportDebt*, oldest first, every one */
} WxMonthReport;

WxMonthReport *wx_month_report_new       (GTimeZone     *zone,
                                          int            year,
                                          int            month);
void           wx_month_report_free      (WxMonthReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxMonthReport, wx_month_report_free)
void           wx_month_report_add_complaint (WxMonthReport *report,
                                          const char    *number,
                                          const char    *unit,
                                          gint64         received_at,
                                          const char    *description,
                                          gint64         closed_at,
                                          const char    *outcome);
void           wx_month_report_add_debt  (WxMonthReport *report,
                                          const char    *number,
                                          const char    *unit,
                                          gint64         handed_over,
                                          gint64         due);
GString       *wx_month_report_to_csv    (const WxMonthReport *report);

G_END_DECLS

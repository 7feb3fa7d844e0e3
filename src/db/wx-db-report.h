/* wx-db-report.h — the weekly and monthly reports read from the database
 * in a few aggregated queries (counts grouped by week and engineer in the
 * server; the clocks computed from the orders' event logs on the business
 * calendar with wx_sla_compute, as the boards do). Blocking: call from a
 * worker. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-report.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* The report of ISO week `week` ("2026-W47"; NULL: the last complete week
 * before `now`, in the shop's time zone) and the 8 weeks before it. The
 * backlog is taken at the end of the week, or at `now` if that is earlier. */
WxReport      *wx_db_report_week_load  (PGconn      *conn,
                                        const char  *week,
                                        gint64       now,
                                        GError     **error);
/* The same for year/week (the view's previous/next). */
WxReport      *wx_db_report_week_load_for (PGconn   *conn,
                                        int          year,
                                        int          week,
                                        gint64       now,
                                        GError     **error);
/* The last complete week before `now` in the shop's time zone. */
gboolean       wx_db_report_default_week (PGconn    *conn,
                                        gint64       now,
                                        int         *year,
                                        int         *week,
                                        GError     **error);

/* The month `month` ("2026-11"; NULL: the month of `now`): callbacks and
 * complaints of the month, and unpaid orders by age at its end (or now). */
WxMonthReport *wx_db_report_month_load (PGconn      *conn,
                                        const char  *month,
                                        gint64       now,
                                        GError     **error);

/* What the supervisor's report view shows: a week's report (NULL when only
 * another month was asked for) and a month's. */
typedef struct {
  WxReport      *report;
  WxMonthReport *month;
} WxDbReports;

void           wx_db_reports_free     (WxDbReports *reports);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbReports, wx_db_reports_free)

/* On the worker, as of when it runs: the week `year`/`week` (0: the last
 * complete one) and the month `month_year`/`month_no` (0: the one the
 * week starts in); `month_only`: only that month, not the week. */
void           wx_db_reports_load_async  (WxDbWorker          *worker,
                                          int                  year,
                                          int                  week,
                                          int                  month_year,
                                          int                  month_no,
                                          gboolean             month_only,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
WxDbReports   *wx_db_reports_load_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS

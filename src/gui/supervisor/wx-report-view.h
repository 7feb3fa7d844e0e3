/* wx-report-view.h — the supervisor's main screen: the weekly report of
 * every engineer and the whole shop (a chosen week, by default the last
 * complete one, and the 8 weeks before it) with its charts drawn by Cairo
 * — SLA attainment per engineer, the backlog's age, the 9-week trend —
 * each beside the table of its numbers; the monthly view (feedback and
 * complaints, collections). Export to PDF (the same tables and charts) and
 * to CSV. Actions: report.previous-week, report.next-week,
 * report.last-week, report.previous-month, report.next-month,
 * report.export-pdf, report.export-csv, report.reload. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-report.h"
#include "db/wx-db-worker.h"
#include "gui/wx-page.h"

G_BEGIN_DECLS

#define WX_TYPE_REPORT_VIEW (wx_report_view_get_type ())
G_DECLARE_FINAL_TYPE (WxReportView, wx_report_view, WX, REPORT_VIEW, WxPage)

GtkWidget           *wx_report_view_new          (void);
void                 wx_report_view_set_worker   (WxReportView *self,
                                                  WxDbWorker   *worker);
/* The week and month shown again ("loaded" follows). */
void                 wx_report_view_reload       (WxReportView *self);
/* Shows ISO week `week` of `year` and the month it starts in. */
void                 wx_report_view_show_week    (WxReportView *self,
                                                  int           year,
                                                  int           week);
/* As loaded (NULL before). */
const WxReport      *wx_report_view_get_report   (WxReportView *self);
const WxMonthReport *wx_report_view_get_month    (WxReportView *self);
/* Writes the weekly report as shown to `file`: a PDF, or CSV. */
gboolean             wx_report_view_export       (WxReportView *self,
                                                  GFile        *file,
                                                  gboolean      csv,
                                                  GError      **error);

G_END_DECLS

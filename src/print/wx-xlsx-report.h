/* wx-xlsx-report.h — the weekly report and the monthly summary as Excel
 * workbooks (libxlsxwriter): one sheet per table of the PDF
 * (core/wx-report-tables.h), the report's title above each table, counts
 * and shares as numbers so that the shop can sum and chart them. The jobs
 * archive it beside the PDF. */
#pragma once

#include "core/wx-report.h"

G_BEGIN_DECLS

GBytes *wx_xlsx_report_render       (const WxReport      *report,
                                     GError             **error);
GBytes *wx_xlsx_month_report_render (const WxMonthReport *report,
                                     GError             **error);

G_END_DECLS

/* wx-pdf-report.h — the supervisor's weekly report and the monthly
 * summary, printed on landscape A4: the same tables and charts as the
 * report window (core/wx-report-tables.h), drawn with libharu. */
#pragma once

#include "core/wx-report.h"
#include "wx-pdf-layout.h"

G_BEGIN_DECLS

WxPdfLayout *wx_pdf_report_build        (const WxReport       *report,
                                         GError              **error);
GBytes      *wx_pdf_report_render       (const WxReport       *report,
                                         GError              **error);
WxPdfLayout *wx_pdf_month_report_build  (const WxMonthReport  *report,
                                         GError              **error);
GBytes      *wx_pdf_month_report_render (const WxMonthReport  *report,
                                         GError              **error);

G_END_DECLS

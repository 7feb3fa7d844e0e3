/* wx-pdf-worklog.h — the engineer's work log of a day (工作日志), printed:
 * each step taken and each note, with its time and order, and lines for
 * the engineer's and the supervisor's signatures. */
#pragma once

#include "db/wx-db-bench.h"
#include "wx-pdf-layout.h"

G_BEGIN_DECLS

WxPdfLayout *wx_pdf_worklog_build  (const WxWorkLog  *log,
                                    GError          **error);
/* Built and rendered with the font subset to the characters used. */
GBytes      *wx_pdf_worklog_render (const WxWorkLog  *log,
                                    GError          **error);
G_END_DECLS

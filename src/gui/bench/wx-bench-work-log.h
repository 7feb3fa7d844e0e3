/* wx-bench-work-log.h — the work log of a day (工作日志): the steps the
 * engineer took and the notes written, with the day's buttons (the day
 * before, a day picked, the day after, today), the note bar, and Print
 * (the day's log as a PDF to the printer). The buttons run the window's
 * "win.log-day", "win.add-note" and "win.print-log", which call this. */
#pragma once

#include "db/wx-db-bench.h"
#include "wx-bench-note-bar.h"
#include "wx-bench-page.h"

G_BEGIN_DECLS

#define WX_TYPE_BENCH_WORK_LOG (wx_bench_work_log_get_type ())
G_DECLARE_FINAL_TYPE (WxBenchWorkLog, wx_bench_work_log, WX, BENCH_WORK_LOG, WxBenchPage)

/* The work log as shown; NULL before it loads. */
const WxWorkLog *wx_bench_work_log_get_log      (WxBenchWorkLog *self);
WxBenchNoteBar  *wx_bench_work_log_get_note_bar (WxBenchWorkLog *self);
/* The work log of `day` ("YYYY-MM-DD"; NULL: today). */
void             wx_bench_work_log_set_day      (WxBenchWorkLog *self,
                                                 const char     *day);
/* `step` days after the day shown (before it if negative); 0: today. */
void             wx_bench_work_log_step_day     (WxBenchWorkLog *self,
                                                 int             step);
/* The shown day's work log as a PDF (what Print sends to the printer). */
void             wx_bench_work_log_render_async  (WxBenchWorkLog      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes          *wx_bench_work_log_render_finish (WxBenchWorkLog      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Renders the shown day's log and sends it to the printer (the one set, or
 * asks), saying in a notice why it failed. */
void             wx_bench_work_log_print        (WxBenchWorkLog *self);

G_END_DECLS

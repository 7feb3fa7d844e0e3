/* wx-bench-window.h — the engineer's window (工程师): the shelf board (S1
 * 待测机器架 … S4 OK架, the bench, the peer shop) with the engineer's own
 * machines marked and a "Mine" filter; My work, the engineer's orders by
 * the clock that matters most (4-hour reply, repair, today's visits with
 * address and phone, deliveries); the work log of a day (工作日志) with its
 * notes, printable; the order in full at the right. Taking a machine to the
 * bench is the workflow's step (inspection or repair, the engineer being
 * the user). Everything the database does runs in the worker; other PCs'
 * changes arrive through the listener.
 * The window is the shell: the header, the notice bar, the board, the
 * route, the order panel, the actions and the wiring; My work and the work
 * log (with its note bar and printing) are pages of their own in bench/
 * (WxBenchPage: WxBenchMyWork, WxBenchWorkLog; WxBenchNoteBar). */
#pragma once

#include <adwaita.h>

#include "board/wx-board.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-worker.h"
#include "dialogs/wx-step-dialog.h"
#include "wx-application.h"
#include "wx-board-window.h"
#include "wx-route-list.h"
#include "wx-order-panel.h"

G_BEGIN_DECLS

#define WX_TYPE_BENCH_WINDOW (wx_bench_window_get_type ())
G_DECLARE_FINAL_TYPE (WxBenchWindow, wx_bench_window, WX, BENCH_WINDOW, WxBoardWindow)

/* `conninfo` NULL: the private local server. */
WxBenchWindow  *wx_bench_window_new          (WxApplication  *app,
                                              const char     *conninfo);
/* My work as listed (WxBenchTask, most urgent first); NULL before it loads. */
GPtrArray      *wx_bench_window_get_work     (WxBenchWindow  *self);
/* The work log as shown; NULL before it loads. */
const WxWorkLog *wx_bench_window_get_work_log (WxBenchWindow *self);

/* "shelves", "work" or "log". */
void            wx_bench_window_show_page    (WxBenchWindow  *self,
                                              const char     *name);
/* Runs `event` on `order` as the bench does: at once, or through its dialog. */
void            wx_bench_window_step         (WxBenchWindow  *self,
                                              WxOrder        *order,
                                              const char     *event);
/* The work log of `day` ("YYYY-MM-DD"; NULL: today). */
void            wx_bench_window_set_log_day  (WxBenchWindow  *self,
                                              const char     *day);
/* As the Add note button does with what the entries hold. */
void            wx_bench_window_add_note     (WxBenchWindow  *self,
                                              const char     *number,
                                              const char     *text);
/* The shown day's work log as a PDF (what Print sends to the printer). */
void            wx_bench_window_render_log_async  (WxBenchWindow       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes         *wx_bench_window_render_log_finish (WxBenchWindow       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void            wx_bench_window_refresh      (WxBenchWindow  *self);

/* The route page: the visits of the day `day` falls in (Unix seconds;
 * 0 = today), in the order of the day. */
void            wx_bench_window_set_route_day  (WxBenchWindow *self,
                                                gint64         day);
WxRouteList    *wx_bench_window_get_route_list (WxBenchWindow *self);

G_END_DECLS

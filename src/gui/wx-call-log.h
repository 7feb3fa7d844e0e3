/* wx-call-log.h — the front desk's call log page (工作日记本): the calls of
 * a day, inbound and outbound, with their result and promised reply; the
 * machines ready to be announced for pickup, each with "reached…" (the
 * notify step) and "no answer" (an attempt logged; the order comes back
 * the next day); a call that asks for a visit becomes an on-site order. */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-calls.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_CALL_LOG (wx_call_log_get_type ())
G_DECLARE_FINAL_TYPE (WxCallLog, wx_call_log, WX, CALL_LOG, GtkWidget)

void           wx_call_log_set_worker     (WxCallLog   *self,
                                           WxDbWorker  *worker);
/* Reloads the day's calls and the pickup notices to make ("loaded"). */
void           wx_call_log_reload         (WxCallLog   *self);
/* Shows the calls of the day `days` from today (0 = today, -1 = yesterday). */
void           wx_call_log_show_day       (WxCallLog   *self,
                                           int          days);
/* As loaded: WxCall and WxNotifyPending. */
GPtrArray     *wx_call_log_get_calls      (WxCallLog   *self);
GPtrArray     *wx_call_log_get_pending    (WxCallLog   *self);
const WxCall  *wx_call_log_find_call      (WxCallLog   *self,
                                           gint64       call_id);
/* Logs an unanswered pickup notice for `number` (calllog.no-answer). */
void           wx_call_log_no_answer      (WxCallLog   *self,
                                           const char  *number);
/* The calllog.new action: the call dialog, then a reload. */
GtkWindow     *wx_call_log_new_call       (WxCallLog   *self);

G_END_DECLS

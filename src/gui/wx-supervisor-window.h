/* wx-supervisor-window.h — the supervisor's window (维修部主管): the weekly
 * report of every engineer (the main screen), the review queue of entered
 * orders, the callbacks due, complaints, the escalation inbox, the folder
 * board with the order in full at the right, and — for an administrator —
 * the shop's settings and staff. The automatic escalations and callback
 * lists are kept current from here (the sweep, every few minutes). */
#pragma once

#include <adwaita.h>

#include "board/wx-board.h"
#include "db/wx-db-worker.h"
#include "wx-application.h"
#include "wx-board-window.h"

G_BEGIN_DECLS

#define WX_TYPE_SUPERVISOR_WINDOW (wx_supervisor_window_get_type ())
G_DECLARE_FINAL_TYPE (WxSupervisorWindow, wx_supervisor_window, WX, SUPERVISOR_WINDOW, WxBoardWindow)

/* `conninfo` NULL: the private local server. */
WxSupervisorWindow *wx_supervisor_window_new        (WxApplication      *app,
                                                     const char         *conninfo);
/* The page shown: "report", "review", "callbacks", "complaints",
 * "escalations", "folders", "settings" or "staff" (win.show-page). */
const char         *wx_supervisor_window_get_page   (WxSupervisorWindow *self);
/* A page's widget, by the names above (NULL for an unknown name). */
GtkWidget          *wx_supervisor_window_get_page_widget (WxSupervisorWindow *self,
                                                          const char         *name);
/* The last sentence shown in the notice bar ("" when none). */
/* Runs the sweep now (automatic escalations, callback lists); "swept"
 * follows with the error, if any. */
void                wx_supervisor_window_sweep      (WxSupervisorWindow *self);

/* The line saying when the periodic jobs last ran. */
const char *wx_supervisor_window_get_jobs_text (WxSupervisorWindow *self);

G_END_DECLS

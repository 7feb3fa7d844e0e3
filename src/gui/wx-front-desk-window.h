/* wx-front-desk-window.h — the coordinator's window (协调员): the folder
 * board, search and the scanner, intake, the order detail with its steps,
 * the due panel. Everything the database does runs in the worker; other
 * PCs' changes arrive through the listener. */
#pragma once

#include <adwaita.h>

#include "board/wx-board.h"
#include "db/wx-db-worker.h"
#include "dialogs/wx-intake-dialog.h"
#include "dialogs/wx-step-dialog.h"
#include "wx-application.h"
#include "wx-board-window.h"
#include "wx-call-log.h"
#include "wx-order-panel.h"

G_BEGIN_DECLS

#define WX_TYPE_FRONT_DESK_WINDOW (wx_front_desk_window_get_type ())
G_DECLARE_FINAL_TYPE (WxFrontDeskWindow, wx_front_desk_window, WX, FRONT_DESK_WINDOW, WxBoardWindow)

/* `conninfo` NULL: the private local server. */
WxFrontDeskWindow *wx_front_desk_window_new        (WxApplication     *app,
                                                    const char        *conninfo);
GtkWindow         *wx_front_desk_window_get_intake_dialog (WxFrontDeskWindow *self);
/* Runs `event` on `order`: at once, or through its dialog. */
void               wx_front_desk_window_step       (WxFrontDeskWindow *self,
                                                    WxOrder           *order,
                                                    const char        *event);
/* Prints `docs` (WxPrintDocs) of order `number`. */
void               wx_front_desk_window_print      (WxFrontDeskWindow *self,
                                                    const char        *number,
                                                    guint              docs);
void               wx_front_desk_window_refresh    (WxFrontDeskWindow *self);

/* The call log page, and an on-site intake filled from one of its calls. */
WxCallLog          *wx_front_desk_window_get_call_log   (WxFrontDeskWindow *self);
WxIntakeDialog     *wx_front_desk_window_order_from_call (WxFrontDeskWindow *self,
                                                         gint64             call_id);

G_END_DECLS

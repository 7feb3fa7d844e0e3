/* wx-board-session.h — the plumbing every board window (front desk, bench,
 * supervisor) has on its login's WxShopContext: the board on the context's
 * orders, the offline banner, the order panel, choosing among several
 * steps (the chosen one goes to the window, which takes it: WxBoardWindow)
 * and printing. What happens is reported as a "notice" the window shows. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-order.h"
#include "db/wx-db-worker.h"
#include "board/wx-board.h"
#include "dialogs/wx-step-dialog.h"
#include "wx-order-panel.h"
#include "wx-shop-context.h"

G_BEGIN_DECLS

#define WX_TYPE_BOARD_SESSION (wx_board_session_get_type ())
G_DECLARE_FINAL_TYPE (WxBoardSession, wx_board_session, WX, BOARD_SESSION, GObject)

/* A window's view of `context` (its login's, shared): refreshes it. */
WxBoardSession *wx_board_session_new          (WxShopContext   *context);
WxShopContext  *wx_board_session_get_context  (WxBoardSession  *self);
WxDbWorker     *wx_board_session_get_worker   (WxBoardSession  *self);
/* This window's work: cancelled when it goes. */
GCancellable   *wx_board_session_get_cancellable (WxBoardSession *self);

/* Identity and every open order again ("loaded" follows). On a first load
 * of many orders (over 300), "loaded" comes with the first screen — the 25
 * most urgent of each column — and the rest follows when the main loop is
 * idle, with "orders-updated". */
void            wx_board_session_refresh      (WxBoardSession  *self);
/* The card of one order again (after a step; "orders-updated" follows). */
void            wx_board_session_reload_order (WxBoardSession  *self,
                                               gint64           id);
/* The open order numbered `number` (a new reference), or NULL with a
 * notice that it is closed. */
WxOrder        *wx_board_session_find_open    (WxBoardSession  *self,
                                               const char      *number);

typedef void (*WxStepChosenFunc) (gpointer     user_data,
                                  WxOrder     *order,
                                  const char  *event);

/* What a board window (WxBoardWindow) gives its session: the parts of its
 * template, and how it takes a step (its dialogs). */
typedef struct {
  WxBoard     *board;            /* its model: the session's orders; its roles follow the login */
  GtkSpinner  *spinner;          /* spins while loading */
  GtkRevealer *banner_revealer;  /* shown while the database cannot be reached */
  GtkLabel    *banner_label;
  GtkRevealer *notice_revealer;  /* the session's notices */
  GtkLabel    *notice_label;
  GtkBox      *detail_box;       /* gets the order panel */
  GtkRevealer *detail_revealer;  /* shows it */
  WxStepChosenFunc route;        /* takes a step the user chose (board, panel) */
  gpointer     route_data;
} WxBoardSessionWidgets;

/* Wires `parts` to the session and makes the order panel (in detail_box),
 * which it keeps current (roles, changed orders): a card moved on the board
 * or a step of the panel is routed (several candidates: the user picks one),
 * a refused move is a notice, an opened card shows in the panel, the
 * panel's print button prints. Returns the panel. */
WxOrderPanel   *wx_board_session_attach       (WxBoardSession            *self,
                                               const WxBoardSessionWidgets  *parts);

/* The window is going: the session's handlers are disconnected and its
 * work is cancelled (the context's goes on for the login's other windows;
 * the window disconnects its own). `self` may be NULL. */
void            wx_board_session_detach       (WxBoardSession  *self);
/* The order in the panel, shown. */
void            wx_board_session_open_order   (WxBoardSession  *self,
                                               const char      *number);

/* One of `events` for `order`: the only one at once, else the user picks
 * in a dialog over `parent` (Cancel picks none). */
void            wx_board_session_choose_step  (WxBoardSession     *self,
                                               GtkWindow          *parent,
                                               WxOrder            *order,
                                               const char * const *events,
                                               WxStepChosenFunc    chosen,
                                               gpointer            user_data);
/* Prints `docs` (WxPrintDocs) of order `number`: to the shop's printer when
 * one is set, else through the print dialog; a failure is a notice. */
void            wx_board_session_print_order  (WxBoardSession  *self,
                                               GtkWindow       *parent,
                                               const char      *number,
                                               guint            docs);

/* The notice bar of a window: `text` in `label`, shown; an error in red. */
void            wx_notice_show                (GtkRevealer     *revealer,
                                               GtkLabel        *label,
                                               const char      *text,
                                               gboolean         is_error);
/* The text shown ("" when the bar is hidden). */
const char     *wx_notice_get                 (GtkRevealer     *revealer,
                                               GtkLabel        *label);

G_END_DECLS

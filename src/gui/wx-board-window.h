/* wx-board-window.h — what the three desks' windows (front desk, bench,
 * supervisor) share: a window of one login's WxShopContext, with its
 * board, the offline banner, the notice bar, the order panel at the right,
 * the "loaded" and "orders-updated" signals, the actions win.dismiss-notice
 * and win.close-detail, and the steps the user chooses on the board or in
 * the panel, which go to the desk's route_step; the step dialogs and the
 * catalogue's forms are opened here. A desk is a subclass with its own
 * template (HACKING.md, "Adding a window"). */
#pragma once

#include <adwaita.h>

#include "board/wx-board.h"
#include "wx-application.h"
#include "wx-board-session.h"
#include "wx-order-panel.h"

G_BEGIN_DECLS

#define WX_TYPE_BOARD_WINDOW (wx_board_window_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxBoardWindow, wx_board_window, WX, BOARD_WINDOW, AdwApplicationWindow)

struct _WxBoardWindowClass
{
  AdwApplicationWindowClass parent_class;

  /* The class handler of "loaded" (runs before the handlers connected):
   * the login and its open orders are loaded, or `error` says why not. */
  void (*loaded)         (WxBoardWindow *self,
                          const GError  *error);
  /* The class handler of "orders-updated": changed orders were brought up
   * to date (a notification, a step). */
  void (*orders_updated) (WxBoardWindow *self);
  /* Orders changed on some PC (or this one): lists made of them follow. */
  void (*orders_changed) (WxBoardWindow *self,
                          GArray        *ids);
  /* Takes `event` on `order`, as the user chose it (board, panel); the
   * default takes it the generic way (wx_board_window_take_step). */
  void (*route_step)     (WxBoardWindow *self,
                          WxOrder       *order,
                          const char    *event);

  gpointer padding[8];
};

/* For a desk's class_init, after its template is set: binds the template's
 * shared parts, by their ids spinner, banner_revealer, banner_label,
 * notice_revealer, notice_label, detail_box and detail_revealer. */
void            wx_board_window_class_bind_template (GtkWidgetClass *widget_class);
/* For a desk's init: its board, of `layout`, in `board_box`. */
void            wx_board_window_add_board     (WxBoardWindow  *self,
                                               GtkBox         *board_box,
                                               WxBoardLayout   layout);
/* For a desk's _new: a window of `type` (a desk) of `app` on the login
 * `conninfo`'s context, taken before the window is made so that the orders
 * load while it is built, then attached. */
gpointer        wx_board_window_new           (GType           type,
                                               WxApplication  *app,
                                               const char     *conninfo);
/* The window on `context` (what wx_board_window_new does after making it). */
void            wx_board_window_attach        (WxBoardWindow  *self,
                                               WxShopContext  *context);

WxBoardSession *wx_board_window_get_session   (WxBoardWindow  *self);
WxBoard        *wx_board_window_get_board     (WxBoardWindow  *self);
WxOrderPanel   *wx_board_window_get_panel     (WxBoardWindow  *self);
/* The login's open orders (the context's). */
GListModel     *wx_board_window_get_orders    (WxBoardWindow  *self);
WxDbWorker     *wx_board_window_get_worker    (WxBoardWindow  *self);
/* This window's work: cancelled when it goes. */
GCancellable   *wx_board_window_get_cancellable (WxBoardWindow *self);

/* The notice bar: `text`, an error in red; the text shown ("" when none). */
void            wx_board_window_notice        (WxBoardWindow  *self,
                                               const char     *text,
                                               gboolean        is_error);
const char     *wx_board_window_get_notice    (WxBoardWindow  *self);
/* The order in the panel, shown. */
void            wx_board_window_open_order    (WxBoardWindow  *self,
                                               const char     *number);
/* The steps, over this window. Takes `event` on `order` at once, with
 * `data` (key → text, may be NULL) as its payload: a notice says it was
 * saved or why not, and the card is reloaded either way. */
void            wx_board_window_run_step      (WxBoardWindow  *self,
                                               WxOrder        *order,
                                               const char     *event,
                                               GHashTable     *data);
/* The generic step dialog; saved, it gives a notice and reloads the card. */
WxStepDialog   *wx_board_window_open_step_dialog (WxBoardWindow *self,
                                               WxOrder        *order,
                                               const char     *event);
/* The dialog that the step catalogue's `form` names for `event` on `order`
 * (an inspection or a peer shop, the repair record, a part order and its
 * arrival, a visit's steps), shown; NULL when the step takes the generic
 * dialog or none. The one place that maps forms to dialogs, for every desk. */
GtkWindow      *wx_board_window_open_form     (WxBoardWindow  *self,
                                               WxOrder        *order,
                                               const char     *event);
/* The generic way: in the dialog its form names, in the generic step
 * dialog (returned) when it has fields, else at once (NULL). */
WxStepDialog   *wx_board_window_take_step     (WxBoardWindow  *self,
                                               WxOrder        *order,
                                               const char     *event);
/* A step was saved (by a desk's own dialog): the notice, and the card
 * reloaded. */
void            wx_board_window_step_saved    (WxBoardWindow  *self,
                                               WxOrder        *order,
                                               const char     *event);
/* The generic step dialog open now, or NULL. */
WxStepDialog   *wx_board_window_get_step_dialog (WxBoardWindow *self);
/* The form dialog open now (inspection, repair, part order, visit), or NULL. */
GtkWindow      *wx_board_window_get_form_dialog (WxBoardWindow *self);
/* Takes `event` on `order` the desk's way (its route_step). */
void            wx_board_window_route_step    (WxBoardWindow  *self,
                                               WxOrder        *order,
                                               const char     *event);

G_END_DECLS

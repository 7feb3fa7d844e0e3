/* wx-order-panel.h — one order in full, the digital twin of the paper
 * form: every field by section, the clocks with their due times, the event
 * timeline (who, when, what) and the calls; with the steps the user may
 * take now. Loads in the worker; reloads itself when told its order
 * changed. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-types.h"
#include "db/wx-db-worker.h"
#include "dialogs/wx-amend-dialog.h"
#include "dialogs/wx-payment-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_ORDER_PANEL (wx_order_panel_get_type ())
G_DECLARE_FINAL_TYPE (WxOrderPanel, wx_order_panel, WX, ORDER_PANEL, GtkBox)

WxOrderPanel *wx_order_panel_new         (WxDbWorker   *worker);
void          wx_order_panel_set_roles   (WxOrderPanel *self,
                                          WxRole        roles);
/* The staff login using it: a supervisor's return addressed to it can be
 * answered here. */
void          wx_order_panel_set_login   (WxOrderPanel *self,
                                          const char   *login);
void          wx_order_panel_show        (WxOrderPanel *self,
                                          const char   *number);
/* Reloads when its order is among `ids` (gint64). */
void          wx_order_panel_orders_changed (WxOrderPanel *self,
                                          GArray       *ids);
const char   *wx_order_panel_get_number  (WxOrderPanel *self);
/* The state and version of the order as last loaded. */
WxOrderState  wx_order_panel_get_state   (WxOrderPanel *self);
int           wx_order_panel_get_version (WxOrderPanel *self);
/* Opens "Correct details" (the amend step) for the order shown, as last
 * loaded; reloads when it is saved. NULL when no order is loaded. */
WxAmendDialog *wx_order_panel_amend      (WxOrderPanel *self);
/* Opens the payment dialog of `kind` for the order shown (NULL: none
 * shown): Take Payment, Refund, Write Off; reloads when it is saved. */
WxPaymentDialog *wx_order_panel_money    (WxOrderPanel *self,
                                          WxPaymentKind kind);
/* Opens "Resubmit" for the supervisor's return standing on the order shown
 * when it is addressed to this login and not answered; NULL otherwise. */
AdwMessageDialog *wx_order_panel_resubmit (WxOrderPanel *self);
/* The text of the timeline, one event a line, for tests. */
char         *wx_order_panel_dup_timeline (WxOrderPanel *self);
/* The Payments section as text, one row a line, for tests. */
char         *wx_order_panel_dup_payments (WxOrderPanel *self);

G_END_DECLS

/* wx-order-dialog.h — the small base of a dialog that writes one order
 * (amend, payment): the worker, the order's number, a cancellable that
 * goes with the dialog, and a busy state while it saves (its Save action
 * disabled, its spinner turning). A subclass has its own template, fields,
 * checks and typed write, and frees only what it adds; the template's
 * children are disposed here. Escape closes it. HACKING.md, "Adding a
 * dialog". */
#pragma once

#include <adwaita.h>

#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_ORDER_DIALOG (wx_order_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxOrderDialog, wx_order_dialog, WX, ORDER_DIALOG, AdwWindow)

struct _WxOrderDialogClass
{
  AdwWindowClass parent_class;

  gpointer padding[4];
};

/* For the subclass's _new: the dialog writes order `number` through
 * `worker`; `title`'s subtitle (may be NULL) names the order; `spinner`
 * and the action `save_action` ("payment.save") show that it is busy. */
void          wx_order_dialog_setup           (WxOrderDialog  *self,
                                               WxDbWorker     *worker,
                                               const char     *number,
                                               AdwWindowTitle *title,
                                               GtkSpinner     *spinner,
                                               const char     *save_action);
WxDbWorker   *wx_order_dialog_get_worker      (WxOrderDialog  *self);
const char   *wx_order_dialog_get_number      (WxOrderDialog  *self);
/* Cancelled when the dialog goes. */
GCancellable *wx_order_dialog_get_cancellable (WxOrderDialog  *self);
/* While saving: Save disabled, the spinner turning. */
void          wx_order_dialog_set_busy        (WxOrderDialog  *self,
                                               gboolean        busy);
gboolean      wx_order_dialog_get_busy        (WxOrderDialog  *self);

G_END_DECLS

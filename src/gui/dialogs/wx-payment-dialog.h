/* wx-payment-dialog.h — money received for an order after (or before)
 * pickup: a deposit, part of the balance, the rest of an order taken on
 * account. Shows the balance due (wx_order_balance), starts the amount at
 * it, refuses more with the database's sentence, and records the payment
 * through wx_payment_add on the worker. */
#pragma once

#include <adwaita.h>

#include "wx-order-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_PAYMENT_DIALOG (wx_payment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxPaymentDialog, wx_payment_dialog, WX, PAYMENT_DIALOG, WxOrderDialog)

WxPaymentDialog *wx_payment_dialog_new         (GtkWindow       *parent,
                                                WxDbWorker      *worker,
                                                const char      *number);
/* The balance due shown, fen; -1 until it is loaded. */
gint64           wx_payment_dialog_get_balance (WxPaymentDialog *self);
/* Types `value` into field `key` (amount, method, reference, note). */
gboolean         wx_payment_dialog_set_value   (WxPaymentDialog *self,
                                                const char      *key,
                                                const char      *value);
/* The message under field `key` (NULL: the dialog's own), "" when none. */
const char      *wx_payment_dialog_get_message (WxPaymentDialog *self,
                                                const char      *key);
/* What Save does: checks, records on the worker, emits "saved" (the
 * balance left, fen) and closes, or shows why not. */
void             wx_payment_dialog_save        (WxPaymentDialog *self);

G_END_DECLS

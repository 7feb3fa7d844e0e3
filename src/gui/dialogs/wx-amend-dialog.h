/* wx-amend-dialog.h — the `amend` step: correcting what may still change on
 * an order after intake (the unit, the contact and their numbers, the end
 * user, the machine's product, model, serial and asset number, the remarks;
 * wx_order_amendable_nth). Only what the user changed is sent; the order's
 * history keeps each field's old and new value. */
#pragma once

#include <adwaita.h>

#include "wx-order-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_AMEND_DIALOG (wx_amend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxAmendDialog, wx_amend_dialog, WX, AMEND_DIALOG, WxOrderDialog)

/* For order `number` as last seen at `version`, with the values it shows
 * now (`values`: the order's column → text; missing = empty). */
WxAmendDialog *wx_amend_dialog_new         (GtkWindow     *parent,
                                            WxDbWorker    *worker,
                                            const char    *number,
                                            int            version,
                                            GHashTable    *values);
/* Types `value` into the field of `column`; FALSE when there is none. */
gboolean       wx_amend_dialog_set_value   (WxAmendDialog *self,
                                            const char    *column,
                                            const char    *value);
/* The message shown under the field of `column` (NULL: the dialog's own
 * message), "" when none. */
const char    *wx_amend_dialog_get_message (WxAmendDialog *self,
                                            const char    *column);
/* What Save does: checks, then corrects the order in the worker; emits
 * "saved" (the order's new version) and closes, or shows why not. */
void           wx_amend_dialog_save        (WxAmendDialog *self);

G_END_DECLS

/* wx-visit-dialog.h — one step of an on-site visit as the engineer records
 * it (seed 000 现场维修前电话沟通, 现场维修, 取送产品), in one dialog with a
 * mode per step: the phone call to the customer (stops the 10-minute clock),
 * booking the visit, running late, the arrival, how the visit ended (fixed,
 * needs parts, taken back, customer absent — each showing its own fields),
 * and delivery or acceptance with payment. Save checks in core, then runs
 * the step in the worker (wx_db_visit_step); a refusal is shown next to its
 * field and the dialog stays open with what was typed. */
#pragma once

#include <adwaita.h>

#include "core/wx-order.h"
#include "core/wx-visit.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_VISIT_DIALOG (wx_visit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxVisitDialog, wx_visit_dialog, WX, VISIT_DIALOG, AdwWindow)

/* The step that suits an order in `state`: contact while dispatched,
 * arrive once booked, the outcome on site, deliver when fixed on site or
 * out for delivery. FALSE when no visit step leaves that state. */
gboolean       wx_visit_dialog_step_for_state (WxOrderState  state,
                                               WxVisitStep  *step);
WxVisitDialog *wx_visit_dialog_new        (GtkWindow     *parent,
                                           WxDbWorker    *worker,
                                           WxOrder       *order,
                                           WxVisitStep    step);
WxVisitStep    wx_visit_dialog_get_step   (WxVisitDialog *self);
WxOrder       *wx_visit_dialog_get_order  (WxVisitDialog *self);
/* The outcome shown (WX_VISIT_STEP_OUTCOME): its fields appear. */
void           wx_visit_dialog_set_outcome (WxVisitDialog *self,
                                            WxVisitOutcome outcome);
/* Fill a field as the user would (keys as in wx_visit_check: contact,
 * phone, reached, note, appointment, address, arrived, left, repair_notes,
 * parts_used, old_parts, findings, parts_needed, suggested_price,
 * accessories, appearance, copy_handed, customer_signed, payment_status,
 * payment_amount, payment_method, received_by, accessories_checked):
 * entries take text, checks "true"/"false", choices a code. FALSE: no such
 * field in this step. */
gboolean       wx_visit_dialog_set_value  (WxVisitDialog *self,
                                           const char    *key,
                                           const char    *value);
/* The text of field `key` ("" when none shown). */
char          *wx_visit_dialog_get_value  (WxVisitDialog *self,
                                           const char    *key);
/* The widget of field `key` as this step shows it (NULL: not shown; the
 * arrival's serial shows only for an order without one), for a click. */
GtkWidget     *wx_visit_dialog_get_field  (WxVisitDialog *self,
                                           const char    *key);
/* The message under field `key`, or the dialog's own (key NULL); "" when none. */
const char    *wx_visit_dialog_get_message (WxVisitDialog *self,
                                            const char    *key);
/* Save, as the button does: "finished" follows with NULL (the dialog then
 * closes) or the error shown. */
void           wx_visit_dialog_save       (WxVisitDialog *self);

G_END_DECLS

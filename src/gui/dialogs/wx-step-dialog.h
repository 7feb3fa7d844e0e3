/* wx-step-dialog.h — the data a workflow step needs, asked for in one
 * dialog built from the step's needs (wx-workflow.c): the engineer with
 * each one's load, findings, quote lines with the total, the customer's
 * contact, the call's answer, the accessories and payment at pickup, a
 * reason… Save runs the step in the worker; a refusal or a conflict is
 * shown in the dialog and nothing typed is lost. */
#pragma once

#include <adwaita.h>

#include "core/wx-order.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_STEP_DIALOG (wx_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxStepDialog, wx_step_dialog, WX, STEP_DIALOG, AdwWindow)

WxStepDialog *wx_step_dialog_new        (GtkWindow    *parent,
                                         WxDbWorker   *worker,
                                         WxOrder      *order,
                                         const char   *event);
/* Whether the dialog has a field for `key` (a need's key or a fill). */
gboolean      wx_step_dialog_asks          (const char   *key);
/* Whether `event` asks for anything (else the step can run at once). */
gboolean      wx_step_dialog_has_fields (const char   *event,
                                         WxOrderKind   kind,
                                         WxOrderState  state);
const char   *wx_step_dialog_get_event  (WxStepDialog *self);
WxOrder      *wx_step_dialog_get_order  (WxStepDialog *self);
/* Fill a field as the user would: entries take text, choices a code,
 * checks "true"/"false", the engineer a login. FALSE: no such field. */
gboolean      wx_step_dialog_set_value  (WxStepDialog *self,
                                         const char   *key,
                                         const char   *value);
/* Returns the line: a box of its kind (a GtkDropDown), description, quantity,
 * unit price and remove button. */
GtkWidget    *wx_step_dialog_add_quote_line (WxStepDialog *self,
                                         const char   *description,
                                         int           quantity,
                                         const char   *unit_price);
/* The kind of quote line `index` (0 first): "part", "labour", "item" or
 * "fee", as its drop-down sets it; FALSE when there is no such line or kind. */
gboolean      wx_step_dialog_set_quote_line_kind (WxStepDialog *self,
                                                  guint         index,
                                                  const char   *kind);
/* The quote lines with anything typed in them. The quote starts from the
 * order's draft lines (the inspection's parts and labour) once loaded
 * ("lines-loaded"). */
guint         wx_step_dialog_get_n_quote_lines (WxStepDialog *self);
/* What field `key` holds, as saving reads it ("true" or "" for a check);
 * NULL when the step has no such field. */
char         *wx_step_dialog_dup_value  (WxStepDialog *self,
                                         const char   *key);
/* A pickup's accessories left with the machine, a GtkCheckButton each
 * (labelled with the accessory), once loaded ("accessories-loaded"); NULL
 * before, or when none was left and one check covers them. "Accessories
 * checked" holds only when all are ticked. */
GPtrArray    *wx_step_dialog_get_accessory_checks (WxStepDialog *self);
/* The message under field `key`, or the dialog's own (key NULL); "" when none. */
const char   *wx_step_dialog_get_message (WxStepDialog *self,
                                          const char   *key);
/* Save, as the button does. "finished" follows with NULL on success
 * (the dialog then closes) or the error shown. */
void          wx_step_dialog_save       (WxStepDialog *self);

/* Runs `event` on `order` without a dialog (steps that need nothing). */
void          wx_step_run_async         (WxDbWorker   *worker,
                                         WxOrder      *order,
                                         const char   *event,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer      user_data);
gboolean      wx_step_run_finish        (WxDbWorker   *worker,
                                         GAsyncResult *result,
                                         GError      **error);

/* For the notify step: nobody answered — the attempt is logged instead of
 * the step ("no-answer"), and the dialog closes. */
void          wx_step_dialog_no_answer   (WxStepDialog  *self);

G_END_DECLS

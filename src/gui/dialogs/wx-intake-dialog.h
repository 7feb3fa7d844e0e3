/* wx-intake-dialog.h — opening a service order at the front desk (接待用户,
 * 接收机器): the customer found as the clerk types, the machine's history
 * by serial with the return-repair (返修) flag, accessories as a checklist,
 * appearance, warranty evidence, backup, the important notice. Checked in
 * core field by field; saved in one transaction. */
#pragma once

#include <adwaita.h>

#include "core/wx-types.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_INTAKE_DIALOG (wx_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxIntakeDialog, wx_intake_dialog, WX, INTAKE_DIALOG, AdwWindow)

WxIntakeDialog *wx_intake_dialog_new         (GtkWindow      *parent,
                                              WxDbWorker     *worker,
                                              WxOrderKind     kind);
/* Fill a field as the user would (unit, contact, phone, email, address,
 * end_user, product, model, serial, fault, appearance, remarks, fax,
 * end_user_phone, floor_department, asset_number, purchase_date,
 * accessories_other; warranty, evidence, backup take codes). */
gboolean        wx_intake_dialog_set_value   (WxIntakeDialog *self,
                                              const char     *field,
                                              const char     *value);
/* Ticks the accessory named `name` in the checklist (added when missing). */
void            wx_intake_dialog_check_accessory (WxIntakeDialog *self,
                                              const char     *name);
void            wx_intake_dialog_set_print   (WxIntakeDialog *self,
                                              gboolean        print);
gboolean        wx_intake_dialog_get_print   (WxIntakeDialog *self);
/* The message under `field`, or the dialog's own (NULL); "" when none. */
const char     *wx_intake_dialog_get_message (WxIntakeDialog *self,
                                              const char     *field);
/* What the serial lookup found, as shown ("" when nothing). */
const char     *wx_intake_dialog_get_device_text (WxIntakeDialog *self);
/* The call of the call log this order answers: saving links it. */
void            wx_intake_dialog_set_call    (WxIntakeDialog *self,
                                              gint64          call_id);
void            wx_intake_dialog_save        (WxIntakeDialog *self);
/* The customers the lookup shows, one line each ("" when none shown). */
char           *wx_intake_dialog_dup_customers (WxIntakeDialog *self);
/* The lookup's row `index` (NULL when there is none), for a click. */
GtkWidget      *wx_intake_dialog_get_customer_row (WxIntakeDialog *self,
                                              guint           index);
/* The widget of `field` (an entry, or the fault's text view), for a click. */
GtkWidget      *wx_intake_dialog_get_field   (WxIntakeDialog *self,
                                              const char     *field);
/* "Discard this intake?", asked when a filled intake is closed (Esc, the
 * close button); NULL when not asked. */
GtkWindow      *wx_intake_dialog_get_discard_question (WxIntakeDialog *self);
/* "Notice not read …", asked when a carry-in is saved without the notice
 * read or the form signed; NULL when not asked. */
GtkWindow      *wx_intake_dialog_get_signature_question (WxIntakeDialog *self);
/* The check boxes "notice read" and "customer signed". */
GtkWidget      *wx_intake_dialog_get_check (WxIntakeDialog *self,
                                            const char     *name);

G_END_DECLS

/* wx-inspection-dialog.h — the engineer's inspection (检查机器, seed 000
 * 惠维服务单填写流程): fault analysis, measures and result, the parts needed
 * picked from the catalogue (number, name, price, in stock?) or typed, the
 * labour and the suggested price, an explanation for the coordinator in
 * plain words — or "send to a peer shop" with the peer's name, address,
 * phone and contact. Saving takes `inspect` (the order goes to the front
 * desk to quote, F2) or `outsource`, in one transaction with the parts as
 * the quote's draft lines. Opened on an order being inspected (inspecting,
 * on_site) or, to send it out, being repaired. */
#pragma once

#include "wx-record-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_INSPECTION_DIALOG (wx_inspection_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxInspectionDialog, wx_inspection_dialog, WX, INSPECTION_DIALOG, WxRecordDialog)

WxInspectionDialog *wx_inspection_dialog_new          (GtkWindow          *parent,
                                                       WxDbWorker         *worker,
                                                       WxOrder            *order);
/* Fill a field as the user would: fault_analysis, measures, explanation,
 * labour (yuan), peer_name, peer_address, peer_phone, peer_contact. */
gboolean            wx_inspection_dialog_set_value    (WxInspectionDialog *self,
                                                       const char         *key,
                                                       const char         *value);
/* "Send to a peer shop" instead of the inspection's result. */
void                wx_inspection_dialog_set_outsource (WxInspectionDialog *self,
                                                       gboolean            outsource);
/* A peer shop of the list by name, once "loaded" ("" or NULL: a new one). */
gboolean            wx_inspection_dialog_select_peer  (WxInspectionDialog *self,
                                                       const char         *name);
void                wx_inspection_dialog_add_typed_part (WxInspectionDialog *self,
                                                       const char         *name,
                                                       int                 quantity,
                                                       const char         *unit_price);
/* The suggested price as shown ("¥1,234.00"). */
const char         *wx_inspection_dialog_get_total    (WxInspectionDialog *self);
void                wx_inspection_dialog_save         (WxInspectionDialog *self);

G_END_DECLS

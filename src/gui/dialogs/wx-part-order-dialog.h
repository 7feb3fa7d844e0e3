/* wx-part-order-dialog.h — waiting for parts (等待备件): the part (from
 * the catalogue or typed), how many, the supplier, the expected day and
 * whether it is paid before shipping; saving takes `order_parts` and the
 * machine waits on S2. Opened on an order waiting for parts, it lists the
 * part orders and saving takes `parts_arrived`: the catalogue's parts enter
 * stock for the order and it is back on S3, to repair. A second part order
 * escalates the order; one that is late escalates by itself. */
#pragma once

#include "wx-record-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_PART_ORDER_DIALOG (wx_part_order_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxPartOrderDialog, wx_part_order_dialog, WX, PART_ORDER_DIALOG, WxRecordDialog)

/* "loaded" follows once the suppliers and the order's part orders are read. */
WxPartOrderDialog *wx_part_order_dialog_new          (GtkWindow         *parent,
                                                      WxDbWorker        *worker,
                                                      WxOrder           *order);
/* TRUE when the order waits for parts and saving records their arrival. */
gboolean           wx_part_order_dialog_is_arrival   (WxPartOrderDialog *self);
/* part (name), part_number, quantity, expected_on (YYYY-MM-DD), cost (yuan),
 * prepaid ("true"/"false"). */
gboolean           wx_part_order_dialog_set_value    (WxPartOrderDialog *self,
                                                      const char        *key,
                                                      const char        *value);
gboolean           wx_part_order_dialog_select_supplier (WxPartOrderDialog *self,
                                                      const char        *name);
void               wx_part_order_dialog_save         (WxPartOrderDialog *self);

G_END_DECLS

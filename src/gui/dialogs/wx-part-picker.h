/* wx-part-picker.h — finding a part in the catalogue as the engineer types
 * its number or name: each hit shows the part number, the name, the price
 * and whether (and how many) are in stock; choosing one emits "picked". */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-records.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_PART_PICKER (wx_part_picker_get_type ())
G_DECLARE_FINAL_TYPE (WxPartPicker, wx_part_picker, WX, PART_PICKER, GtkBox)

GtkWidget *wx_part_picker_new     (WxDbWorker   *worker);
/* Searches as typing does; "results-changed" follows. */
void       wx_part_picker_search  (WxPartPicker *self,
                                   const char   *text);
guint      wx_part_picker_get_n_results (WxPartPicker *self);
/* Picks the hit with `part_number`, as a click does; FALSE: not listed. */
gboolean   wx_part_picker_pick    (WxPartPicker *self,
                                   const char   *part_number);

G_END_DECLS

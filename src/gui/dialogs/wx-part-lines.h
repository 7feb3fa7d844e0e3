/* wx-part-lines.h — an editable list of parts: each line a part from the
 * catalogue (its number fixed) or typed freely, a quantity and a unit
 * price, optionally "take from stock now"; "changed" on every edit. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-records.h"

G_BEGIN_DECLS

#define WX_TYPE_PART_LINES (wx_part_lines_get_type ())
G_DECLARE_FINAL_TYPE (WxPartLines, wx_part_lines, WX, PART_LINES, GtkBox)

/* `with_issue`: each catalogue line has a "take from stock now" check. */
GtkWidget *wx_part_lines_new     (gboolean      with_issue);
void       wx_part_lines_add     (WxPartLines  *self,
                                  gint64        part_id,
                                  const char   *part_number,
                                  const char   *name,
                                  int           quantity,
                                  WxMoney       unit_price);
guint      wx_part_lines_get_n   (WxPartLines  *self);
/* The lines as WxPartLine into `lines`, their strings kept in `strings`;
 * FALSE with a sentence when a price cannot be read. */
gboolean   wx_part_lines_collect (WxPartLines  *self,
                                  GArray       *lines,
                                  GPtrArray    *strings,
                                  GError      **error);
/* The sum of quantity × price of the lines that can be read. */
WxMoney    wx_part_lines_total   (WxPartLines  *self);

G_END_DECLS

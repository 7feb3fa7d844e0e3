/* wx-order-number.h — service order numbers like 2026-000123 (optional prefix). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_ORDER_NUMBER_PREFIX_MAX 8

char     *wx_order_number_format (const char  *prefix,
                                  int          year,
                                  gint64       sequence,
                                  int          digits,
                                  GError     **error);
gboolean  wx_order_number_parse  (const char  *text,
                                  const char  *prefix,
                                  int         *year,
                                  gint64      *sequence,
                                  GError     **error);
gboolean  wx_order_number_prefix_valid (const char *prefix,
                                        GError    **error);

G_END_DECLS

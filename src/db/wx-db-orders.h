/* wx-db-orders.h — reading service orders. */
#pragma once

#include "wx-db-pq.h"
#include <glib.h>

#include "core/wx-types.h"

G_BEGIN_DECLS

gboolean wx_db_orders_count_by_state (PGconn  *conn,
                                      gint64   counts[WX_N_ORDER_STATES],
                                      GError **error);

G_END_DECLS

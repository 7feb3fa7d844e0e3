#define G_LOG_DOMAIN "wx-db-orders"

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-orders.h"

gboolean
wx_db_orders_count_by_state (PGconn  *conn,
                             gint64   counts[WX_N_ORDER_STATES],
                             GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT state, count(*) FROM service_orders GROUP BY state",
                                         0, NULL, error);

  if (res == NULL)
    return FALSE;
  memset (counts, 0, sizeof (gint64) * WX_N_ORDER_STATES);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxOrderState state;
      if (wx_workflow_state_from_code (PQgetvalue (res, i, 0), &state))
        counts[state] = g_ascii_strtoll (PQgetvalue (res, i, 1), NULL, 10);
    }
  return TRUE;
}

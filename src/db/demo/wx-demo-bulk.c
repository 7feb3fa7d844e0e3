#define G_LOG_DOMAIN "wx-db-demo"

/* The owner's fast path for large loads (wx-db-demo.h): COPY without the
 * per-row work that lets the owner through anyway, and, when the load
 * outweighs what the tables hold, the foreign keys checked and the
 * secondary indexes built once after it rather than row by row. */

#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

/* The tables the load writes (and order_search, which the statement-level
 * trigger service_orders_search_insert fills from each COPY of orders). */
#define BULK_TABLES "{service_orders,order_events,quote_lines,payments,order_accessories," \
                    "part_orders,outsourcing,order_search}"

/* Row triggers on the loaded tables whose work is nothing for the owner:
 * wx_check_state_change, wx_event_stamp and wx_quote_lines_guard each
 * return the row as it is when wx_is_owner_of() (functions/). The
 * statement-level ones (NOTIFY, the search text) stay on: they already run
 * once a COPY. */
static const struct {
  const char *table;
  const char *trigger;
} owner_free_triggers[] = {
  { "service_orders", "service_orders_state" },
  { "order_events",   "order_events_stamp" },
  { "quote_lines",    "quote_lines_guard" },
};

static gboolean
set_triggers (DemoLoad *L, gboolean enable, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (owner_free_triggers); i++)
    {
      const char *params[3] = { owner_free_triggers[i].table, owner_free_triggers[i].trigger,
                                enable ? "ENABLE" : "DISABLE" };
      g_autofree char *sql = wx_db_query_value (L->conn,
          "SELECT format('ALTER TABLE %I %s TRIGGER %I', $1::text, $3::text, $2::text)",
          3, params, error);

      if (sql == NULL || !wx_db_execute (L->conn, sql, 0, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
bulk_wanted (DemoLoad *L, GError **error)
{
  g_autofree char *owner = NULL;

  if (L->n_orders < WX_DB_DEMO_BULK_ORDERS)
    return FALSE;
  owner = wx_db_query_value (L->conn, "SELECT wx_is_owner_of('public.service_orders'::regclass)",
                             0, NULL, error);
  /* Anyone else goes through the guard row by row (and may not alter the tables). */
  return owner != NULL && g_str_equal (owner, "t");
}

gboolean
demo_bulk_begin (DemoLoad *L, GError **error)
{
  const char *params[1] = { BULK_TABLES };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GError) local = NULL;

  if (!bulk_wanted (L, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return TRUE;
    }
  if (!set_triggers (L, FALSE, error))
    return FALSE;
  L->restore_sql = g_ptr_array_new_with_free_func (g_free);
  if ((gint64) L->n_orders <= L->existing_orders)
    return TRUE;

  /* Foreign keys first (made again last, once the indexes are back), then
   * the indexes that back no constraint. */
  res = wx_db_query (L->conn,
      "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),"
      "       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,"
      "              pg_get_constraintdef(c.oid)), 2"
      "  FROM pg_constraint c"
      " WHERE c.contype = 'f' AND c.conrelid = ANY ($1::regclass[])"
      " UNION ALL"
      " SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 1"
      "   FROM pg_index i"
      "  WHERE i.indrelid = ANY ($1::regclass[])"
      "    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
      "                     AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
      " ORDER BY 3 DESC, 1", 1, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      if (!wx_db_execute (L->conn, PQgetvalue (res, i, 0), 0, NULL, error))
        return FALSE;
      g_ptr_array_add (L->restore_sql, g_strdup (PQgetvalue (res, i, 1)));
    }
  return TRUE;
}

gboolean
demo_bulk_end (DemoLoad *L, GError **error)
{
  if (L->restore_sql == NULL)
    return TRUE;
  if (L->progress)
    L->progress (L->n_orders, L->n_orders, L->progress_data);
  if (!wx_db_execute (L->conn, "SET LOCAL maintenance_work_mem = '512MB'", 0, NULL, error))
    return FALSE;
  /* Indexes before the keys that they speed up, in the reverse of dropping. */
  for (guint i = L->restore_sql->len; i > 0; i--)
    if (!wx_db_execute (L->conn, g_ptr_array_index (L->restore_sql, i - 1), 0, NULL, error))
      return FALSE;
  if (!set_triggers (L, TRUE, error))
    return FALSE;
  /* Statistics for the plans of what comes next (the callback lists and
   * escalations, the first report), which would otherwise see the tables
   * as they were; autovacuum sees to the others. */
  return wx_db_execute (L->conn, "ANALYZE service_orders, order_events", 0, NULL, error);
}

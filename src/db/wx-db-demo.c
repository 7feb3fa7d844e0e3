#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "wx-db.h"
#include "wx-db-demo.h"
#include "demo/wx-demo.h"

/* ------------------------------------------------------------------ the load */

static gboolean
plan_orders (DemoLoad *L, GError **error)
{
  g_autofree gint64 *received_pos = g_new (gint64, MAX (1, L->n_orders));

  L->orders = g_new0 (DemoOrder, MAX (1, L->n_orders));
  for (guint i = 0; i < L->n_orders; i++)
    demo_plan_order (L, i, received_pos);
  qsort (L->orders, L->n_orders, sizeof *L->orders, demo_compare_orders);
  return demo_number_orders (L, error);
}

static gboolean
write_orders (DemoLoad *L, GError **error)
{
  L->last_order_of_device = g_new (gint, MAX (1, L->devices->len));
  for (guint i = 0; i < L->devices->len; i++)
    L->last_order_of_device[i] = -1;

  for (guint start = 0; start < L->n_orders; start += DEMO_BATCH)
    {
      guint end = MIN (L->n_orders, start + DEMO_BATCH);

      for (guint i = start; i < end; i++)
        demo_write_order (L, i);
      if (!demo_flush_all (L, error))
        return FALSE;
      g_string_chunk_clear (L->scratch);
      if (L->progress && end < L->n_orders)
        L->progress (end, L->n_orders, L->progress_data);
    }
  return TRUE;
}

/* Settings, the random generator and the shop's calendar. */
static gboolean
read_settings (DemoLoad *L, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (L->conn,
      "SELECT (SELECT count(*) FROM service_orders), wx_setting('order_number.prefix', ''),"
      "       wx_setting('order_number.digits', '6'),"
      "       coalesce((SELECT limit_minutes FROM sla_thresholds WHERE clock = 'decision'), 1080)",
      0, NULL, error);
  g_autoptr(PGresult) names = NULL;

  if (res == NULL)
    return FALSE;
  /* A fixed seed, moved on by the orders already there so that a second
   * load does not repeat the first one. */
  L->existing_orders = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  L->rand = g_rand_new_with_seed (DEMO_SEED + (guint32) L->existing_orders);
  L->prefix = g_strdup (PQgetvalue (res, 0, 1));
  L->digits = atoi (PQgetvalue (res, 0, 2));
  if (!demo_load_calendar (L, error))
    return FALSE;
  L->today = demo_local_day (L, L->now);
  L->decision_limit = 60 * g_ascii_strtoll (PQgetvalue (res, 0, 3), NULL, 10);

  /* What a repair of each model must pass (functional_tests of the
   * machine's category, as the repair step checks them). */
  for (guint m = 0; m < G_N_ELEMENTS (demo_models); m++)
    {
      const char *params[] = { demo_models[m].product, L->model_names[m] };
      g_autofree char *tests = wx_db_query_value (L->conn,
        "SELECT coalesce(string_agg(item, ',' ORDER BY position), '') FROM functional_tests"
        " WHERE category = wx_machine_category($1, $2)", 2, params, error);

      if (tests == NULL)
        return FALSE;
      L->model_tests[m] = g_string_chunk_insert (L->strings, tests);
    }

  names = wx_db_query (L->conn, "SELECT DISTINCT unit_name FROM customers", 0, NULL, error);
  if (names == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (names); i++)
    g_hash_table_add (L->unit_names, g_string_chunk_insert (L->strings, PQgetvalue (names, i, 0)));
  return TRUE;
}

static void
demo_init (DemoLoad *L, PGconn *conn, guint n_orders, GDateTime *now, WxDbDemoShape shape)
{
  memset (L, 0, sizeof *L);
  L->conn = conn;
  L->n_orders = n_orders;
  L->shape = shape;
  switch (shape)
    {
    case WX_DB_DEMO_SHAPE_SHOP:
      /* A small shop's week, as many weeks back as the orders need; few
       * slow steps, and only orders of the last four weeks left lying. */
      L->window_days = 7 * CLAMP (((gint64) n_orders + WX_DB_DEMO_SHOP_WEEKLY - 1) / WX_DB_DEMO_SHOP_WEEKLY,
                                  DEMO_WINDOW_DAYS / 7, WX_DB_DEMO_SHOP_WEEKS);
      L->slow_share = 0.05;
      L->stall_share = 0.02;
      L->stall_days = 28;
      break;
    case WX_DB_DEMO_SHAPE_BACKLOG:
      L->window_days = DEMO_WINDOW_DAYS;
      L->slow_share = 0.35;
      L->stall_share = 0.5;
      L->stall_days = DEMO_WINDOW_DAYS;
      break;
    case WX_DB_DEMO_SHAPE_CHAIN:
    default:
      L->window_days = DEMO_WINDOW_DAYS;
      L->slow_share = DEMO_SLOW_SHARE;
      L->stall_share = DEMO_STALL_SHARE;
      L->stall_days = DEMO_WINDOW_DAYS;
      break;
    }
  L->now = g_date_time_to_unix (now);
  L->strings = g_string_chunk_new (64 * 1024);
  L->scratch = g_string_chunk_new (64 * 1024);
  L->text = g_string_new (NULL);
  L->json = g_string_new (NULL);
  L->days = g_array_new (FALSE, FALSE, sizeof (DemoDay));
  L->peers = g_array_new (FALSE, FALSE, sizeof (DemoSupplier));
  L->vendors = g_array_new (FALSE, FALSE, sizeof (DemoSupplier));
  L->unit_names = g_hash_table_new (g_str_hash, g_str_equal);
  L->customers = g_array_new (FALSE, FALSE, sizeof (DemoCustomer));
  L->contract_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  L->devices = g_array_new (FALSE, FALSE, sizeof (DemoDevice));
  L->times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_orders * 14);
  for (guint t = 0; t < N_TABLES; t++)
    L->buffers[t].rows = g_string_new (NULL);

  for (guint m = 0; m < G_N_ELEMENTS (demo_models); m++)
    {
      g_string_printf (L->text, "%s %s", demo_models[m].brand, demo_models[m].model);
      L->model_names[m] = demo_keep (L->strings, L->text);
    }
  for (guint f = 0; f < G_N_ELEMENTS (demo_faults); f++)
    {
      DemoCategory cat = demo_faults[f].category;

      L->category_faults[cat][L->n_category_faults[cat]++] = f;
    }
}

static void
demo_clear (DemoLoad *L)
{
  g_clear_pointer (&L->rand, g_rand_free);
  g_clear_pointer (&L->tz, g_time_zone_unref);
  g_clear_pointer (&L->calendar, wx_calendar_unref);
  g_clear_pointer (&L->strings, g_string_chunk_free);
  g_clear_pointer (&L->scratch, g_string_chunk_free);
  g_string_free (L->text, TRUE);
  g_string_free (L->json, TRUE);
  g_free (L->prefix);
  g_array_unref (L->days);
  g_array_unref (L->peers);
  g_array_unref (L->vendors);
  g_hash_table_unref (L->unit_names);
  g_array_unref (L->customers);
  g_array_unref (L->contract_customers);
  g_array_unref (L->devices);
  g_array_unref (L->times);
  g_free (L->orders);
  g_free (L->last_order_of_device);
  g_clear_pointer (&L->restore_sql, g_ptr_array_unref);
  for (guint t = 0; t < N_TABLES; t++)
    g_string_free (L->buffers[t].rows, TRUE);
}

/* Contract customers get their contract (one year, started within the last
 * ten months), their devices under it and an engineer assigned, set-based in
 * one statement each. */
static gboolean
add_contracts (DemoLoad *L, GError **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, L->now);
  const char *params[1] = { now };

  return wx_db_execute (L->conn,
      "WITH eng AS ("
      "  SELECT role_name, row_number() OVER (ORDER BY role_name) - 1 AS k, count(*) OVER () AS n"
      "    FROM staff_roles WHERE 'wx_engineer' = ANY (groups)),"
      " todo AS ("
      "  SELECT c.id, (to_timestamp($1::bigint) AT TIME ZONE 'Asia/Shanghai')::date"
      "               - (30 * (c.id * 7 % 10))::int AS starts_on"
      "    FROM customers c"
      "   WHERE c.is_contract AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id))"
      " INSERT INTO contracts (customer_id, number, starts_on, ends_on, engineer, interval_months, fee, terms)"
      " SELECT t.id, 'HT' || to_char(t.starts_on, 'YYYY') || '-' || lpad(t.id::text, 5, '0'),"
      "        t.starts_on, (t.starts_on + interval '1 year - 1 day')::date,"
      "        (SELECT role_name FROM eng WHERE eng.k = t.id % eng.n), 6, 600000 + (t.id / 5 % 5) * 120000,"
      "        '全保合同：上门维修、每半年巡检一次，备件另计'"
      "   FROM todo t", 1, params, error)
    && wx_db_execute (L->conn,
      "INSERT INTO contract_devices (contract_id, device_id)"
      " SELECT k.id, d.id FROM contracts k JOIN devices d ON d.customer_id = k.customer_id"
      " ON CONFLICT DO NOTHING", 0, NULL, error);
}

/* The supervisor's queue: the orders entered last are not reviewed yet
 * (their review event and stamp undone), so the review page has work. */
static gboolean
leave_for_review (DemoLoad *L, GError **error)
{
  return wx_db_execute (L->conn,
    "WITH pick AS (SELECT id FROM service_orders WHERE state = 'entered' AND reviewed_at IS NOT NULL"
    "               ORDER BY entered_at DESC, id DESC LIMIT 4),"
    "     gone AS (DELETE FROM order_events e USING pick WHERE e.order_id = pick.id AND e.event = 'review')"
    " UPDATE service_orders o SET reviewed_at = NULL, reviewed_by = NULL FROM pick WHERE o.id = pick.id",
    0, NULL, error);
}

static const char * const shape_codes[] = {
  [WX_DB_DEMO_SHAPE_CHAIN] = "chain",
  [WX_DB_DEMO_SHAPE_SHOP] = "shop",
  [WX_DB_DEMO_SHAPE_BACKLOG] = "backlog",
};

gboolean
wx_db_demo_shape_from_code (const char *code, WxDbDemoShape *shape)
{
  for (guint i = 0; i < G_N_ELEMENTS (shape_codes); i++)
    if (g_strcmp0 (code, shape_codes[i]) == 0)
      {
        *shape = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_db_demo_shape_to_code (WxDbDemoShape shape)
{
  return shape < G_N_ELEMENTS (shape_codes) ? shape_codes[shape] : "chain";
}

gboolean
wx_db_demo_load (PGconn     *conn,
                 guint       n_orders,
                 GDateTime  *now,
                 GError    **error)
{
  return wx_db_demo_load_shaped (conn, n_orders, now, WX_DB_DEMO_SHAPE_CHAIN, NULL, NULL, error);
}

gboolean
wx_db_demo_load_shaped (PGconn           *conn,
                        guint             n_orders,
                        GDateTime        *now,
                        WxDbDemoShape     shape,
                        WxDbDemoProgress  progress,
                        gpointer          user_data,
                        GError          **error)
{
  DemoLoad L;
  gboolean ok;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wx_db_begin (conn, error))
    return FALSE;
  demo_init (&L, conn, n_orders, now, shape);
  L.progress = progress;
  L.progress_data = user_data;
  ok = read_settings (&L, error)
       && demo_compile_paths (&L, error)
       && demo_build_calendar (&L, error)
       && demo_ensure_staff (&L, error)
       && demo_ensure_suppliers (&L, error)
       && demo_ensure_parts (&L, error)
       && demo_make_customers (&L, error)
       && plan_orders (&L, error)
       && demo_bulk_begin (&L, error)
       && write_orders (&L, error)
       && demo_bulk_end (&L, error)
       && add_contracts (&L, error)
       && leave_for_review (&L, error)
       && wx_db_commit (conn, error);
  if (!ok)
    wx_db_rollback (conn);
  demo_clear (&L);
  return ok;
}


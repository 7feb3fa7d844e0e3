/* wx-bench-workflow.c — `weixiu-admin bench workflow`: a transition (one
 * round trip with the version known, two from an order number), and every
 * SLA clock of every open order. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "core/wx-sla.h"
#include "db/wx-db.h"
#include "db/wx-db-sla.h"
#include "db/wx-db-workflow.h"
#include "wx-admin-bench.h"

#define N_TRANSITIONS 300
#define N_CLOCK_RUNS  30

/* Fresh orders received now, for the transitions to move. */
static GPtrArray *
fresh_orders (PGconn *conn, guint n, GError **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *params[] = { count };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault)"
    " SELECT 'carry_in', 'received', (SELECT min(id) FROM customers), '广州大学', '13812345678',"
    "        '激光打印机', 'M404dn', '卡纸' FROM generate_series(1, $1::integer)"
    " RETURNING number", 1, params, error);
  GPtrArray *numbers;

  if (res == NULL)
    return NULL;
  numbers = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (numbers, g_strdup (PQgetvalue (res, i, 0)));
  return numbers;
}

static gboolean
bench_transitions (WxBench *bench, const char *label_one, const char *label_two, gint64 *median_one,
                   GError **error)
{
  g_autoptr(GPtrArray) numbers = fresh_orders (bench->conn, 2 * N_TRANSITIONS, error);
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) two = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

  if (numbers == NULL)
    return FALSE;
  /* Dispatch goes to an active engineer (wx_transition checks it). */
  if (!wx_db_execute (bench->conn, "SELECT wx_staff_ensure('bench_engineer', '测试工程师', '{wx_engineer}')",
                      0, NULL, error))
    return FALSE;
  g_hash_table_insert (data, "engineer", "bench_engineer");
  for (guint i = 0; i < N_TRANSITIONS; i++)
    {
      gint64 t0 = wx_bench_now (), dt;
      if (!wx_db_order_transition (bench->conn, g_ptr_array_index (numbers, i), 1, "dispatch_inspection",
                                   data, NULL, error))
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (one, dt);
    }
  for (guint i = N_TRANSITIONS; i < 2 * N_TRANSITIONS; i++)
    {
      gint64 t0 = wx_bench_now (), dt;
      if (!wx_db_order_step (bench->conn, g_ptr_array_index (numbers, i), "dispatch_inspection", data, NULL, error))
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (two, dt);
    }
  *median_one = wx_bench_median (one);
  wx_bench_report (label_one, one, _("target: < 1 ms median"));
  wx_bench_report (label_two, two, _("target: < 1 ms median"));
  return TRUE;
}

/* The limit of a transition with synchronous commit: a commit of a
 * one-row write, which waits for the WAL to reach the disk as the
 * transition's does (pg_test_fsync's figure, plus a round trip), in a
 * table of the scratch database's own. */
static gboolean
bench_flush (WxBench *bench, gint64 *median, GError **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!wx_db_execute (bench->conn, "CREATE TABLE bench_flush (n integer)", 0, NULL, error))
    return FALSE;
  for (guint i = 0; i < N_TRANSITIONS; i++)
    {
      gint64 t0 = wx_bench_now (), dt;

      if (!wx_db_execute (bench->conn, "INSERT INTO bench_flush VALUES (1)", 0, NULL, error))
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (samples, dt);
    }
  *median = wx_bench_median (samples);
  wx_bench_report (_("limit: commit of a one-row write (the WAL flush)"), samples, NULL);
  return wx_db_execute (bench->conn, "DROP TABLE bench_flush", 0, NULL, error);
}

static gboolean
bench_clocks (WxBench *bench, GError **error)
{
  g_autoptr(WxSlaOrderSet) set = NULL;
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) compile = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) compute = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *what = NULL;
  guint running = 0;

  for (guint run = 0; run < N_CLOCK_RUNS; run++)
    {
      WxSlaRules rules = { 0 };
      gint64 t0 = wx_bench_now (), t1, t2, t3;

      g_clear_pointer (&set, wx_sla_order_set_free);
      set = wx_db_sla_orders_load (bench->conn, NULL, error);
      if (set == NULL)
        return FALSE;
      t1 = wx_bench_now ();
      if (!wx_db_sla_rules_load (bench->conn, set->earliest, now + 86400 * 60, &rules, error))
        return FALSE;
      t2 = wx_bench_now ();
      running = 0;
      for (guint i = 0; i < set->orders->len; i++)
        {
          WxSlaOrder *o = &g_array_index (set->orders, WxSlaOrder, i);
          WxClockState clocks[WX_N_CLOCKS];
          wx_sla_compute (&rules, o->kind, &g_array_index (set->events, WxSlaEvent, o->first_event),
                          o->n_events, now, clocks);
          for (guint c = 0; c < WX_N_CLOCKS; c++)
            running += clocks[c].status >= WX_CLOCK_STATUS_RUNNING && clocks[c].status <= WX_CLOCK_STATUS_RED;
        }
      t3 = wx_bench_now ();
      wx_sla_rules_clear (&rules);
      t3 -= t2;
      t2 -= t1;
      t1 -= t0;
      g_array_append_val (load, t1);
      g_array_append_val (compile, t2);
      g_array_append_val (compute, t3);
    }
  what = g_strdup_printf (_("all clocks of %u open orders (%u events)"), set->orders->len, set->events->len);
  wx_bench_report (_("load open orders and their events"), load, NULL);
  wx_bench_report (_("load calendar + thresholds, compile timeline"), compile, NULL);
  wx_bench_report (what, compute, _("target: < 5 ms for 2,000"));
  {
    g_autofree char *figure = g_strdup_printf (_("%u running clocks"), running);
    wx_bench_figure (_("clocks running now"), figure, NULL);
  }
  return TRUE;
}

gboolean
wx_bench_workflow (WxBench *bench, GError **error)
{
  /* With the server's default durability each commit waits for the WAL to
   * reach the disk; the second pair shows the work without that wait. */
  gint64 flush = 0, transition = 0, unused = 0;
  g_autofree char *split = NULL;

  if (!bench_clocks (bench, error) || !bench_flush (bench, &flush, error) ||
      !bench_transitions (bench, _("transition, version known (1 round trip)"),
                          _("transition by number, checked in core (2 round trips)"), &transition, error))
    return FALSE;
  split = g_strdup_printf (_("%.3f ms = flush %.3f ms + the rest %.3f ms"), transition / 1000.0, flush / 1000.0,
                           (transition - flush) / 1000.0);
  wx_bench_figure (_("transition, version known (medians)"), split, NULL);
  return wx_db_execute (bench->conn, "SET synchronous_commit = off", 0, NULL, error) &&
         bench_transitions (bench, _("  the same, synchronous_commit off"),
                            _("  the same by number, synchronous_commit off"), &unused, error) &&
         wx_db_execute (bench->conn, "RESET synchronous_commit", 0, NULL, error);
}

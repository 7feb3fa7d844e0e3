/* wx-admin-bench.c — `weixiu-admin bench [GROUP…]`. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <unistd.h>

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-orders.h"
#include "wx-admin-bench.h"

/* About half the demo orders are still open: 4,400 give the 2,000 open
 * orders the workflow issue names. */
#define BENCH_ORDERS 4400

gint64
wx_bench_now (void)
{
  return g_get_monotonic_time ();
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

gint64
wx_bench_median (GArray *samples_us)
{
  g_autoptr(GArray) copy = g_array_copy (samples_us);

  g_return_val_if_fail (copy->len > 0, 0);
  g_array_sort (copy, compare_gint64);
  return g_array_index (copy, gint64, copy->len / 2);
}

void
wx_bench_report (const char *what, GArray *samples_us, const char *target)
{
  gint64 *v = (gint64 *) (void *) samples_us->data;
  guint n = samples_us->len;

  g_return_if_fail (n > 0);
  g_array_sort (samples_us, compare_gint64);
  g_print ("  %-46s median %8.3f ms  p95 %8.3f ms  min %8.3f ms  n=%-5u %s\n", what,
           v[n / 2] / 1000.0, v[MIN (n - 1, n * 95 / 100)] / 1000.0, v[0] / 1000.0, n,
           target ? target : "");
}

void
wx_bench_figure (const char *what, const char *figure, const char *target)
{
  g_print ("  %-46s %-52s %s\n", what, figure, target ? target : "");
}

/* Database speeds everybody relies on: filling demo data, the folder counts
 * of the first window. */
static gboolean
bench_db (WxBench *bench, GError **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 counts[WX_N_ORDER_STATES];

  for (guint i = 0; i < 50; i++)
    {
      gint64 t0 = wx_bench_now (), dt;
      if (!wx_db_orders_count_by_state (bench->conn, counts, error))
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (samples, dt);
    }
  wx_bench_report (_("orders per state (folder counts)"), samples, NULL);
  return TRUE;
}

/* `shaped`: run on each shape's scratch database (WxBench.shaped). */
static const struct {
  const char  *name;
  WxBenchFunc  run;
  gboolean     shaped;
} groups[] = {
  { "db",       bench_db,               FALSE },
  { "workflow", wx_bench_workflow,      FALSE },
  { "print",    wx_bench_print,         FALSE },
  { "board",    wx_bench_board,         TRUE },
  { "report",   wx_bench_weekly_report, TRUE },
  { "messages", wx_bench_messages,      FALSE },
};

/* Orders of each shape's scratch database unless --scale says: a small
 * shop's years and a chain's eight weeks at 100,000; the backlog at
 * 20,000, about 9,000 of them open. */
static const guint shape_scale[] = {
  [WX_DB_DEMO_SHAPE_CHAIN] = 100000,
  [WX_DB_DEMO_SHAPE_SHOP] = 100000,
  [WX_DB_DEMO_SHAPE_BACKLOG] = 20000,
};

static gboolean
group_wanted (WxAdmin *admin, guint g)
{
  gboolean wanted = admin->args->len == 0;

  for (guint i = 0; i < admin->args->len; i++)
    wanted |= g_str_equal (groups[g].name, wx_admin_arg (admin, i));
  return wanted;
}

/* The scratch database of one shape: `demo --scale N --shape S` (timed:
 * the demo's own figure), then VACUUM ANALYZE as autovacuum would have
 * by the time anyone looks; the wanted shaped groups on it; dropped. */
static gboolean
run_shape (WxAdmin *admin, WxBench *bench, GError **error)
{
  const char *code = wx_db_demo_shape_to_code (bench->shape);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *suffix = g_strdup (code);
  g_autofree char *dbname = wx_bench_scratch_create (bench->server, suffix, error);
  g_autofree char *figure = NULL;
  g_autofree char *orders = NULL;
  gboolean ok;
  gint64 t0;

  if (dbname == NULL)
    return FALSE;
  g_print ("\n[shape %s: %u orders, scratch database %s]\n", code, bench->scale, dbname);
  bench->shaped_conninfo = wx_db_conninfo_with (bench->server_conninfo, "dbname", dbname);
  bench->shaped = wx_db_connect (bench->shaped_conninfo, error);
  ok = bench->shaped != NULL && wx_db_init (bench->shaped, error);
  t0 = wx_bench_now ();
  ok = ok && wx_db_demo_load_shaped (bench->shaped, bench->scale, now, bench->shape, NULL, NULL, error);
  if (ok)
    {
      figure = g_strdup_printf ("%.1f s", (wx_bench_now () - t0) / 1e6);
      orders = g_strdup_printf (_("demo --scale %u --shape %s (orders and their history)"), bench->scale, code);
      wx_bench_figure (orders, figure, _("target: < 20 s at 100,000"));
      g_clear_pointer (&figure, g_free);
      t0 = wx_bench_now ();
      ok = wx_db_execute (bench->shaped, "VACUUM ANALYZE", 0, NULL, error);
      figure = g_strdup_printf ("%.1f s", (wx_bench_now () - t0) / 1e6);
      wx_bench_figure ("VACUUM ANALYZE", figure, NULL);
    }
  for (guint g = 0; ok && g < G_N_ELEMENTS (groups); g++)
    if (groups[g].shaped && group_wanted (admin, g))
      {
        g_print ("\n[%s, shape %s]\n", groups[g].name, code);
        ok = groups[g].run (bench, error);
      }
  g_clear_pointer (&bench->shaped, PQfinish);
  g_clear_pointer (&bench->shaped_conninfo, g_free);
  wx_bench_scratch_drop (bench->server, dbname);
  return ok;
}

/* A database of its own on the same server, so that the bench never touches
 * the shop's data: weixiu_bench_PID, or weixiu_bench_PID_SUFFIX for a group
 * that needs data of its own. Returns its name. */
char *
wx_bench_scratch_create (PGconn *server, const char *suffix, GError **error)
{
  g_autofree char *name = suffix ? g_strdup_printf ("weixiu_bench_%d_%s", (int) getpid (), suffix)
                                 : g_strdup_printf ("weixiu_bench_%d", (int) getpid ());
  g_autofree char *sql = NULL;

  /* The name is ours (digits and the group's suffix), not a user's value:
   * no parameter can stand for an identifier in CREATE DATABASE. */
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  if (!wx_db_execute (server, sql, 0, NULL, error))
    return NULL;
  return g_steal_pointer (&name);
}

void
wx_bench_scratch_drop (PGconn *server, const char *dbname)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);

  if (!wx_db_execute (server, sql, 0, NULL, &error))
    g_printerr ("weixiu-admin: %s\n", error->message);
}

int
wx_admin_cmd_bench (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_conninfo = wx_admin_conninfo (admin, &error);
  g_autoptr(PGconn) server = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  WxBench bench = { 0 };
  gint64 t0;
  gboolean ok = TRUE;

  GPtrArray *shape_codes = wx_admin_values (admin, "--shape");   /* the options' */
  g_autoptr(GArray) shapes = g_array_new (FALSE, FALSE, sizeof (WxDbDemoShape));
  const char *scale_text = wx_admin_value (admin, "--scale");
  guint64 scale = 0;
  gboolean any_shaped = FALSE;

  if (scale_text && !g_ascii_string_to_unsigned (scale_text, 10, 1, 10000000, &scale, NULL))
    return wx_admin_usage_error (_("--scale takes a whole number of orders from 1 to 10000000."));
  for (guint i = 0; shape_codes && i < shape_codes->len; i++)
    {
      WxDbDemoShape shape;

      if (!wx_db_demo_shape_from_code (g_ptr_array_index (shape_codes, i), &shape))
        return wx_admin_usage_error (_("--shape takes shop, chain or backlog."));
      g_array_append_val (shapes, shape);
    }
  if (shapes->len == 0)
    {
      static const WxDbDemoShape all[] = { WX_DB_DEMO_SHAPE_SHOP, WX_DB_DEMO_SHAPE_CHAIN, WX_DB_DEMO_SHAPE_BACKLOG };
      g_array_append_vals (shapes, all, G_N_ELEMENTS (all));
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    any_shaped |= groups[g].shaped && group_wanted (admin, g);

  for (guint i = 0; i < admin->args->len; i++)
    {
      gboolean known = FALSE;
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        known |= g_str_equal (groups[g].name, wx_admin_arg (admin, i));
      if (!known)
        {
          g_autoptr(GString) names = g_string_new (NULL);
          g_autofree char *msg = NULL;
          for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
            g_string_append_printf (names, "%s%s", g ? ", " : "", groups[g].name);
          msg = g_strdup_printf (_("Unknown bench group “%s”; the groups are %s."), wx_admin_arg (admin, i), names->str);
          return wx_admin_usage_error (msg);
        }
    }

  if (server_conninfo == NULL || (server = wx_db_connect (server_conninfo, &error)) == NULL)
    return wx_admin_fail (error);
  dbname = wx_bench_scratch_create (server, NULL, &error);
  if (dbname == NULL)
    return wx_admin_fail (error);
  conninfo = wx_db_conninfo_with (server_conninfo, "dbname", dbname);

  g_print (_("Scratch database %s, %d demo orders.\n"), dbname, BENCH_ORDERS);
  t0 = wx_bench_now ();
  conn = wx_db_connect (conninfo, &error);
  if (conn == NULL || !wx_db_init (conn, &error) || !wx_db_demo_load (conn, BENCH_ORDERS, now, &error))
    ok = FALSE;
  else
    g_print (_("  set-up (schema + demo data) took %.0f ms\n"), (wx_bench_now () - t0) / 1000.0);

  bench.server_conninfo = server_conninfo;
  bench.server = server;
  bench.conninfo = conninfo;
  bench.conn = conn;
  bench.n_orders = BENCH_ORDERS;
  for (guint g = 0; ok && g < G_N_ELEMENTS (groups); g++)
    if (!groups[g].shaped && group_wanted (admin, g))
      {
        g_print ("\n[%s]\n", groups[g].name);
        ok = groups[g].run (&bench, &error);
      }
  g_clear_pointer (&conn, PQfinish);
  wx_bench_scratch_drop (server, dbname);

  for (guint s = 0; ok && s < shapes->len && any_shaped; s++)
    {
      bench.shape = g_array_index (shapes, WxDbDemoShape, s);
      bench.scale = scale ? (guint) scale : shape_scale[bench.shape];
      ok = run_shape (admin, &bench, &error);
    }
  if (!ok)
    return wx_admin_fail (error);
  return EXIT_SUCCESS;
}

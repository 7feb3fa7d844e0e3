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

static const struct {
  const char  *name;
  WxBenchFunc  run;
} groups[] = {
  { "db",       bench_db },
  { "workflow", wx_bench_workflow },
  { "print",    wx_bench_print },
  { "board",    wx_bench_board },
  { "report",   wx_bench_weekly_report },
};

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
    {
      gboolean wanted = admin->args->len == 0;
      for (guint i = 0; i < admin->args->len; i++)
        wanted |= g_str_equal (groups[g].name, wx_admin_arg (admin, i));
      if (!wanted)
        continue;
      g_print ("\n[%s]\n", groups[g].name);
      ok = groups[g].run (&bench, &error);
    }

  g_clear_pointer (&conn, PQfinish);
  wx_bench_scratch_drop (server, dbname);
  if (!ok)
    return wx_admin_fail (error);
  return EXIT_SUCCESS;
}

/* wx-bench-report.c — `weixiu-admin bench report`: the supervisor's weekly
 * and monthly reports on each shape's scratch database (wx-admin-bench.c),
 * beside the physical limit (issue 20): one aggregate pass over the chosen
 * week's events, count(*) grouped by who acted, timed in the same run; the
 * report's time is printed as a ratio of it. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "wx-admin-bench.h"

#define REPORT_RUNS 20

/* The physical limit: one grouped count over the chosen week's events (the
 * week the report is about, from its bounds), and the report's median as a
 * multiple of it. */
static gboolean
measure_limit (PGconn *conn, gint64 now, GArray *report_samples, GError **error)
{
  g_autoptr(WxReport) report = wx_db_report_week_load (conn, NULL, now, error);
  g_autoptr(GArray) limit = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *events = NULL;
  g_autofree char *ratio = NULL;
  const char *params[2];

  if (report == NULL)
    return FALSE;
  lo = g_strdup_printf ("%" G_GINT64_FORMAT, report->bounds[WX_REPORT_CHOSEN]);
  hi = g_strdup_printf ("%" G_GINT64_FORMAT, report->bounds[WX_REPORT_WEEKS]);
  params[0] = lo;
  params[1] = hi;
  events = wx_db_query_value (conn, "SELECT count(*) FROM order_events"
                                    " WHERE at >= to_timestamp($1::bigint) AND at < to_timestamp($2::bigint)",
                              2, params, error);
  if (events == NULL)
    return FALSE;
  for (guint run = 0; run <= REPORT_RUNS; run++)
    {
      g_autoptr(PGresult) res = NULL;
      gint64 t0 = wx_bench_now (), dt;

      res = wx_db_query (conn, "SELECT actor, count(*) FROM order_events"
                               " WHERE at >= to_timestamp($1::bigint) AND at < to_timestamp($2::bigint)"
                               " GROUP BY actor", 2, params, error);
      if (res == NULL)
        return FALSE;
      dt = wx_bench_now () - t0;
      if (run > 0)
        g_array_append_val (limit, dt);
    }
  {
    g_autofree char *what = g_strdup_printf (_("limit: count(*) by actor over the week's %s events"), events);
    wx_bench_report (what, limit, NULL);
  }
  ratio = g_strdup_printf ("%.1f ×", (double) wx_bench_median (report_samples) / (double) MAX (1, wx_bench_median (limit)));
  wx_bench_figure (_("weekly report / limit (medians)"), ratio, NULL);
  return TRUE;
}

/* The monthly report of the last complete month. */
static gboolean
measure_month (PGconn *conn, gint64 now, GError **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint run = 0; run <= REPORT_RUNS; run++)
    {
      g_autoptr(WxMonthReport) month = NULL;
      gint64 t0 = wx_bench_now (), dt;

      month = wx_db_report_month_load (conn, NULL, now, error);
      if (month == NULL)
        return FALSE;
      dt = wx_bench_now () - t0;
      if (run > 0)
        g_array_append_val (samples, dt);
    }
  wx_bench_report (_("monthly report: queries"), samples, NULL);
  return TRUE;
}

static gboolean
measure (PGconn *conn, gint64 now, GError **error)
{
  /* Samples of the three stages: the report, its PDF, its CSV. */
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pdf = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) csv = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *stage[] = { load, pdf, csv };
  gsize pdf_size = 0;
  guint orders = 0, clocks = 0;

  for (guint run = 0; run <= REPORT_RUNS; run++)
    {
      g_autoptr(WxReport) report = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GString) text = NULL;
      gint64 t[4];

      t[0] = wx_bench_now ();
      report = wx_db_report_week_load (conn, NULL, now, error);
      t[1] = wx_bench_now ();
      bytes = report ? wx_pdf_report_render (report, error) : NULL;
      t[2] = wx_bench_now ();
      if (bytes == NULL)
        return FALSE;
      text = wx_report_to_csv (report);
      t[3] = wx_bench_now ();
      /* The first run warms the caches. */
      for (guint k = 0; run > 0 && k < G_N_ELEMENTS (stage); k++)
        {
          gint64 dt = t[k + 1] - t[k];
          g_array_append_val (stage[k], dt);
        }
      pdf_size = g_bytes_get_size (bytes);
      orders = clocks = 0;
      for (guint w = 0; w < WX_REPORT_WEEKS; w++)
        {
          orders += report->shop.weeks[w].orders;
          clocks += wx_report_stats_clocks_n (&report->shop.weeks[w]);
        }
    }
  if (!measure_limit (conn, now, load, error) || !measure_month (conn, now, error))
    return FALSE;
  {
    g_autofree char *figure = g_strdup_printf (_("%u orders received, %u clocks stopped in the nine weeks"), orders, clocks);
    g_autofree char *size = g_strdup_printf ("%.0f KB", pdf_size / 1024.0);
    wx_bench_figure (_("weekly report covers"), figure, NULL);
    wx_bench_report (_("weekly report: queries + aggregation"), stage[0], _("target: < 300 ms a chain's week, < 50 ms a shop's"));
    wx_bench_report (_("weekly report: PDF export"), stage[1], _("target < 50 ms"));
    wx_bench_figure (_("weekly report: PDF size"), size, NULL);
    wx_bench_report (_("weekly report: CSV export"), stage[2], NULL);
  }
  return TRUE;
}

gboolean
wx_bench_weekly_report (WxBench *bench, GError **error)
{
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();

  return measure (bench->shaped, g_date_time_to_unix (now_dt), error);
}

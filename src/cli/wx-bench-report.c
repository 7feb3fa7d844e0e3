/* wx-bench-report.c — `weixiu-admin bench report`: the supervisor's weekly
 * report (issue 7: under 200 ms for the query and the aggregation, the PDF
 * under 50 ms) over the database of `bench board`: 100,000 orders and
 * about a million events. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "wx-admin-bench.h"

#define REPORT_RUNS 20

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
  {
    g_autofree char *figure = g_strdup_printf (_("%u orders received, %u clocks stopped in the nine weeks"), orders, clocks);
    g_autofree char *size = g_strdup_printf ("%.0f KB", pdf_size / 1024.0);
    wx_bench_figure (_("weekly report covers"), figure, NULL);
    wx_bench_report (_("weekly report: queries + aggregation"), stage[0], _("target < 200 ms"));
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
  g_autofree char *dbname = NULL;
  g_autoptr(PGconn) conn = wx_bench_board_scratch (bench, "report", now_dt, &dbname, error);
  gboolean ok;

  if (conn == NULL)
    return FALSE;
  ok = measure (conn, g_date_time_to_unix (now_dt), error);
  g_clear_pointer (&conn, PQfinish);
  wx_bench_scratch_drop (bench->server, dbname);
  return ok;
}

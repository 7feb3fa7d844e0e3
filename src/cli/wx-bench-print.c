/* wx-bench-print.c — `weixiu-admin bench print`: the printed documents of a
 * demo order, with the font subset to the document and, side by side, with
 * the whole font embedded. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-document.h"
#include "print/wx-pdf.h"
#include "wx-admin-bench.h"

#define RUNS_SUBSET 50
#define RUNS_WHOLE  20

static const struct {
  WxPdfDocument  document;
  const char    *name;
  const char    *time_target;
  const char    *size_target;
} documents[] = {
  { WX_PDF_FORM,  N_("three-part form (A4)"), N_("target < 10 ms"), N_("target < 60 KB") },
  { WX_PDF_LABEL, N_("machine label"),        N_("target < 5 ms"),  NULL },
  { WX_PDF_QUOTE, N_("quote sheet"),          N_("target < 10 ms"), NULL },
};

/* An order with accessories left and a quote: every document has content. */
static char *
pick_order (PGconn *conn, GError **error)
{
  return wx_db_query_value (conn,
      "SELECT o.number FROM service_orders o"
      " WHERE EXISTS (SELECT 1 FROM order_accessories a WHERE a.order_id = o.id AND NOT a.returned)"
      "   AND EXISTS (SELECT 1 FROM quote_lines q WHERE q.order_id = o.id)"
      " ORDER BY (SELECT count(*) FROM quote_lines q WHERE q.order_id = o.id) DESC, o.number LIMIT 1",
      0, NULL, error);
}

static gboolean
time_document (const WxDbDocument *doc, WxPdfDocument document, WxPdfFontMode mode, guint runs,
               GArray *samples, gsize *size, GError **error)
{
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = wx_bench_now (), dt;
      g_autoptr(WxPdfLayout) layout = wx_pdf_build (document, doc, WX_PDF_FORM_A4, error);
      g_autoptr(GBytes) pdf = layout ? wx_pdf_layout_render (layout, mode, error) : NULL;

      if (pdf == NULL)
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (samples, dt);
      *size = g_bytes_get_size (pdf);
    }
  return TRUE;
}

gboolean
wx_bench_print (WxBench *bench, GError **error)
{
  g_autofree char *number = pick_order (bench->conn, error);
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WxDbDocument) doc = NULL;

  if (number == NULL)
    return FALSE;
  for (guint i = 0; i < RUNS_SUBSET; i++)
    {
      gint64 t0 = wx_bench_now (), dt;
      g_clear_pointer (&doc, wx_db_document_free);
      doc = wx_db_document_load (bench->conn, number, error);
      if (doc == NULL)
        return FALSE;
      dt = wx_bench_now () - t0;
      g_array_append_val (load, dt);
    }
  g_print (_("  order %s: %u accessories, %u quote lines\n"), number, doc->accessories->len, doc->quote_lines->len);
  wx_bench_report (_("load one order for printing (one query)"), load, NULL);

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      static const WxPdfFontMode modes[] = { WX_PDF_FONT_SUBSET, WX_PDF_FONT_WHOLE };
      gsize sizes[G_N_ELEMENTS (modes)] = { 0 };

      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autofree char *what = g_strdup_printf (modes[m] == WX_PDF_FONT_SUBSET ? _("%s, font subset")
                                                                                  : _("%s, whole font"),
                                                   _(documents[d].name));
          if (!time_document (doc, documents[d].document, modes[m],
                              modes[m] == WX_PDF_FONT_SUBSET ? RUNS_SUBSET : RUNS_WHOLE, samples, &sizes[m], error))
            return FALSE;
          wx_bench_report (what, samples, modes[m] == WX_PDF_FONT_SUBSET ? _(documents[d].time_target) : NULL);
        }
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autofree char *what = g_strdup_printf (modes[m] == WX_PDF_FONT_SUBSET ? _("%s size, font subset")
                                                                                  : _("%s size, whole font"),
                                                   _(documents[d].name));
          g_autofree char *figure = g_strdup_printf (_("%.1f KB"), sizes[m] / 1024.0);
          wx_bench_figure (what, figure,
                           modes[m] == WX_PDF_FONT_SUBSET && documents[d].size_target ? _(documents[d].size_target) : NULL);
        }
    }
  return TRUE;
}

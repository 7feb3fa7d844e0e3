#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "core/wx-report-tables.h"
#include "wx-pdf-parts.h"
#include "wx-pdf-report.h"

/* Landscape A4: the weekly report on three pages — the engineers and the
 * clocks; SLA attainment and the backlog, each chart with its table
 * beside it; the nine weeks' trend and the backlog by shelf. */

#define PAGE_W   WX_PDF_A4_HEIGHT
#define PAGE_H   WX_PDF_A4_WIDTH
#define MARGIN   12.0
#define WIDTH    (PAGE_W - 2 * MARGIN)
#define ROW      5.2
#define TEXT     7.5

static double
page_head (WxPdfLayout *layout, const char *company, const char *title, const char *subtitle)
{
  wx_pdf_layout_add_page (layout, PAGE_W, PAGE_H);
  wx_pdf_layout_text (layout, MARGIN, 10, 120, 7, 13, 8, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, company);
  wx_pdf_layout_text (layout, MARGIN + 120, 9, WIDTH - 120, 8, 16, 10,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, title);
  wx_pdf_layout_text (layout, MARGIN + 120, 17.5, WIDTH - 120, 5, 9, 6, WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE,
                      subtitle);
  wx_pdf_layout_line (layout, MARGIN, 23.5, MARGIN + WIDTH, 23.5, 1.0, FALSE);
  return 27;
}

/* A table `width` wide at x, y: the first column `first` times as wide as
 * the others. Returns the y under it. */
static double
draw_table (WxPdfLayout *layout, const WxReportTable *t, double x, double y, double width, double first)
{
  guint n = t->columns->len;
  double unit = width / (first + n - 1);

  wx_pdf_layout_text (layout, x, y, width, 5, 9, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, t->title);
  y += 6;
  for (guint r = 0; r <= t->rows->len; r++)
    {
      gboolean heading = r == 0, total = t->last_total && r == t->rows->len;
      double cx = x;

      if (heading)
        {
          wx_pdf_layout_set_color (layout, 0.90, 0.92, 0.95);
          wx_pdf_layout_rect (layout, x, y, width, ROW, 0);
          wx_pdf_layout_set_color (layout, 0, 0, 0);
        }
      for (guint c = 0; c < n; c++)
        {
          double cw = c == 0 ? unit * first : unit;
          const char *text = heading ? g_ptr_array_index (t->columns, c)
                                     : ((GStrv) g_ptr_array_index (t->rows, r - 1))[c];
          WxPdfTextFlags flags = WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE
                                 | (heading || total ? WX_PDF_TEXT_BOLD : 0)
                                 | (c == 0 ? 0 : heading ? WX_PDF_TEXT_CENTER : WX_PDF_TEXT_RIGHT);

          wx_pdf_layout_rect (layout, cx, y, cw, ROW, WX_PDF_THIN);
          wx_pdf_layout_text (layout, cx + 1, y + 0.3, cw - 2, ROW - 0.6, TEXT, WX_PDF_MIN_SIZE, flags, text);
          cx += cw;
        }
      y += ROW;
    }
  return y;
}

static void
draw_chart (WxPdfLayout *layout, WxReportChart *chart, double x, double y, double width, double height)
{
  g_autoptr(GArray) shapes = wx_report_chart_shapes (chart, width, height, 3.0);

  for (guint i = 0; i < shapes->len; i++)
    {
      const WxChartShape *s = &g_array_index (shapes, WxChartShape, i);

      wx_pdf_layout_set_color (layout, s->rgb[0], s->rgb[1], s->rgb[2]);
      switch (s->kind)
        {
        case WX_CHART_SHAPE_RECT:
          wx_pdf_layout_rect (layout, x + s->x, y + s->y, s->w, s->h, 0);
          break;
        case WX_CHART_SHAPE_LINE:
          wx_pdf_layout_line (layout, x + s->x, y + s->y, x + s->x + s->w, y + s->y + s->h, s->size, FALSE);
          break;
        case WX_CHART_SHAPE_TEXT:
        default:
          wx_pdf_layout_text (layout, x + s->x, y + s->y, s->w, s->h, s->size / WX_PDF_MM_PER_PT, WX_PDF_MIN_SIZE,
                              WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE
                              | (s->align < 0 ? 0 : s->align == 0 ? WX_PDF_TEXT_CENTER : WX_PDF_TEXT_RIGHT),
                              s->text);
          break;
        }
    }
  wx_pdf_layout_set_color (layout, 0, 0, 0);
}

WxPdfLayout *
wx_pdf_report_build (const WxReport *r, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  g_autofree char *code = wx_report_week_code (r->year, r->week);
  g_autofree char *dates = wx_report_week_dates (r, WX_REPORT_CHOSEN);
  g_autofree char *title = g_strdup_printf (_("Weekly report %s"), code);
  g_autofree char *subtitle = g_strdup_printf (_("%s, and the eight weeks before"), dates);
  g_autoptr(WxReportTable) engineers = wx_report_table_engineers (r);
  g_autoptr(WxReportTable) clocks = wx_report_table_clocks (r);
  g_autoptr(WxReportTable) categories = wx_report_table_categories (r);
  g_autoptr(WxReportTable) sla = wx_report_table_sla (r);
  g_autoptr(WxReportTable) folders = wx_report_table_backlog (r, FALSE);
  g_autoptr(WxReportTable) shelves = wx_report_table_backlog (r, TRUE);
  g_autoptr(WxReportTable) trend = wx_report_table_trend (r);
  g_autoptr(WxReportChart) sla_chart = wx_report_chart_sla (r);
  g_autoptr(WxReportChart) backlog_chart = wx_report_chart_backlog (r);
  g_autoptr(WxReportChart) trend_chart = wx_report_chart_trend (r);
  const char *company = r->company ? r->company : "";
  double y;

  if (layout == NULL)
    return NULL;
  y = page_head (layout, company, title, subtitle);
  y = draw_table (layout, engineers, MARGIN, y, WIDTH, 2.2);
  y += 6;
  draw_table (layout, clocks, MARGIN, y, 165, 2.6);
  draw_table (layout, categories, MARGIN + 180, y, WIDTH - 180, 2.0);

  y = page_head (layout, company, title, subtitle);
  draw_chart (layout, sla_chart, MARGIN, y, 165, 78);
  draw_table (layout, sla, MARGIN + 175, y, WIDTH - 175, 2.0);
  y += 86;
  draw_chart (layout, backlog_chart, MARGIN, y, 165, 84);
  draw_table (layout, folders, MARGIN + 175, y, WIDTH - 175, 2.2);

  y = page_head (layout, company, title, subtitle);
  draw_chart (layout, trend_chart, MARGIN, y, 135, 80);
  draw_table (layout, trend, MARGIN + 145, y, WIDTH - 145, 1.0);
  y += 90;
  draw_table (layout, shelves, MARGIN, y, 165, 2.2);
  return g_steal_pointer (&layout);
}

GBytes *
wx_pdf_report_render (const WxReport *r, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_report_build (r, error);

  if (layout == NULL)
    return NULL;
  return wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, error);
}

WxPdfLayout *
wx_pdf_month_report_build (const WxMonthReport *m, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  g_autofree char *title = g_strdup_printf (_("Monthly report %04d-%02d"), m->year, m->month);
  g_autoptr(WxReportTable) feedback = wx_month_table_feedback (m);
  g_autoptr(WxReportTable) collections = wx_month_table_collections (m);
  g_autoptr(WxReportTable) complaints = wx_month_table_complaints (m);
  g_autoptr(WxReportTable) debts = wx_month_table_debts (m, 0);
  double y, y2;

  if (layout == NULL)
    return NULL;
  y = page_head (layout, m->company ? m->company : "", title, _("Customer feedback, complaints and collections"));
  y2 = draw_table (layout, feedback, MARGIN, y, 110, 3.0);
  y = draw_table (layout, collections, MARGIN + 125, y, WIDTH - 125, 1.6);
  y = MAX (y, y2) + 6;
  if (complaints->rows->len > 0)
    y = draw_table (layout, complaints, MARGIN, y, WIDTH, 1.0) + 6;
  if (y + 30 > PAGE_H - MARGIN)
    y = page_head (layout, m->company ? m->company : "", title, _("Customer feedback, complaints and collections"));
  /* Every unpaid order: as many as fit each page, the headings again on
   * the next. */
  for (guint from = 0; from < debts->rows->len;)
    {
      guint fit = (guint) MAX ((PAGE_H - MARGIN - y - 6) / ROW - 1, 0);
      WxReportTable part = *debts;

      if (fit == 0)
        {
          y = page_head (layout, m->company ? m->company : "", title, _("Customer feedback, complaints and collections"));
          continue;
        }
      fit = MIN (fit, debts->rows->len - from);
      part.rows = g_ptr_array_new ();
      for (guint i = from; i < from + fit; i++)
        g_ptr_array_add (part.rows, g_ptr_array_index (debts->rows, i));
      draw_table (layout, &part, MARGIN, y, WIDTH, 1.0);
      g_ptr_array_unref (part.rows);
      from += fit;
      y = PAGE_H;
    }
  return g_steal_pointer (&layout);
}

GBytes *
wx_pdf_month_report_render (const WxMonthReport *m, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_month_report_build (m, error);

  if (layout == NULL)
    return NULL;
  return wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, error);
}

#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "wx-pdf-parts.h"
#include "wx-pdf-worklog.h"

/* The work log (工作日志), seed 000 工程师 每日工作程序 4 and 注意事项 7: the
 * day's work in order — when, which order, what was done and what was
 * noted — on A4, continued on further pages, with the engineer's and the
 * supervisor's signatures at the end. */

#define MARGIN   15.0
#define WIDTH    (WX_PDF_A4_WIDTH - 2 * MARGIN)
#define BOTTOM   (WX_PDF_A4_HEIGHT - 12.0)
#define ROW      5.6
#define TALL_ROW 9.6      /* a row whose details need two lines */
#define TAIL     16.0     /* the signatures */

static const struct {
  const char *title;
  double      width;
} columns[] = {
  { N_("Time"),    16 },
  { N_("Order"),   26 },
  { N_("Step"),    58 },
  { N_("Details"), 80 },
};

static double
table_row (WxPdfLayout *layout, double y, double height, const char * const cells[G_N_ELEMENTS (columns)],
           gboolean heading)
{
  double x = MARGIN;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      WxPdfTextFlags flags = heading ? WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE
                           : c + 1 == G_N_ELEMENTS (columns) ? 0 : WX_PDF_TEXT_ONE_LINE;

      wx_pdf_layout_rect (layout, x, y, columns[c].width, height, WX_PDF_THIN);
      wx_pdf_layout_text (layout, x + 1, y + 0.4, columns[c].width - 2, height - 0.8, 8, WX_PDF_MIN_SIZE,
                          flags | WX_PDF_TEXT_MIDDLE, cells[c]);
      x += columns[c].width;
    }
  return y + height;
}

static double
page_head (WxPdfLayout *layout, const WxWorkLog *log, guint page)
{
  g_autofree char *who = g_strdup_printf (_("Engineer: %s (%s)"), log->full_name, log->login);
  g_autofree char *day = g_strdup_printf (_("Date: %s"), log->day);
  g_autofree char *continued = g_strdup_printf (_("page %u"), page + 1);
  const char *cells[G_N_ELEMENTS (columns)];
  double y = 12;

  wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
  wx_pdf_layout_text (layout, MARGIN, y, 110, 7, 13, 8, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, log->company);
  wx_pdf_layout_text (layout, MARGIN + 110, y, WIDTH - 110, 8, 18, 12,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, _("Work Log"));
  if (page > 0)
    wx_pdf_layout_text (layout, MARGIN + 110, y + 8.5, WIDTH - 110, 4, 8, WX_PDF_MIN_SIZE,
                        WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, continued);
  wx_pdf_layout_text (layout, MARGIN, y + 12, 110, 5, 10, 6, WX_PDF_TEXT_ONE_LINE, who);
  wx_pdf_layout_text (layout, MARGIN + 110, y + 12, WIDTH - 110, 5, 10, 6,
                      WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, day);
  wx_pdf_layout_line (layout, MARGIN, y + 18.5, MARGIN + WIDTH, y + 18.5, 1.0, FALSE);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    cells[c] = _(columns[c].title);
  return table_row (layout, y + 21, ROW, cells, TRUE);
}

WxPdfLayout *
wx_pdf_worklog_build (const WxWorkLog *log, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  guint page = 0;
  double y;

  if (layout == NULL)
    return NULL;
  y = page_head (layout, log, page);
  for (guint i = 0; i < log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (log->entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (e->at);
      g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, log->timezone);
      g_autofree char *time = g_date_time_format (at, "%H:%M");
      g_autofree char *what = wx_work_log_entry_describe (e);
      const char *cells[G_N_ELEMENTS (columns)] = { time, e->number, what, e->text };
      double height = g_utf8_strlen (e->text, -1) > 30 ? TALL_ROW : ROW;

      if (y + height > BOTTOM)
        y = page_head (layout, log, ++page);
      y = table_row (layout, y, height, cells, FALSE);
    }
  if (log->entries->len == 0)
    {
      wx_pdf_layout_text (layout, MARGIN, y + 2, WIDTH, 6, 9, 6, WX_PDF_TEXT_ONE_LINE,
                          _("Nothing was recorded on this day."));
      y += 8;
    }
  if (y + 4 + TAIL > BOTTOM)
    y = page_head (layout, log, ++page);
  wx_pdf_signature (layout, MARGIN, y + 8, 80, 6, 1.4, _("Engineer's signature"));
  wx_pdf_signature (layout, MARGIN + 95, y + 8, WIDTH - 95, 6, 1.4, _("Checked by the supervisor"));
  return g_steal_pointer (&layout);
}

GBytes *
wx_pdf_worklog_render (const WxWorkLog *log, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_worklog_build (log, error);

  if (layout == NULL)
    return NULL;
  return wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, error);
}

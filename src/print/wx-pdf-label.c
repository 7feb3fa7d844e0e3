#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "wx-pdf.h"
#include "wx-pdf-error.h"
#include "wx-pdf-parts.h"

/* Labels for the label printer: the machine's tag (the 随机联 in small, for
 * the shelf) and one tag per accessory left with the machine (seed 000:
 * "将机器的附件……贴上标签做标记"). */

#define LABEL_WIDTH      60.0
#define LABEL_HEIGHT     40.0
#define ACCESSORY_WIDTH  40.0
#define ACCESSORY_HEIGHT 20.0

static void label_line (WxPdfLayout *layout, double y, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
label_line (WxPdfLayout *layout, double y, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);

  wx_pdf_layout_text (layout, 2.5, y, LABEL_WIDTH - 5, 3.6, 7.5, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE, text);
}

WxPdfLayout *
wx_pdf_label_build (const WxDbDocument *doc, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  g_autofree char *machine = NULL;
  g_autofree char *shelf = NULL;

  if (layout == NULL)
    return NULL;
  machine = wx_pdf_machine_text (doc);
  shelf = g_strdup_printf (_("Shelf: %s"), wx_pdf_shelf_label (doc));
  wx_pdf_layout_add_page (layout, LABEL_WIDTH, LABEL_HEIGHT);

  wx_pdf_layout_text (layout, 2.5, 1.5, 42, 7, 17, 10, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE,
                      doc->number);
  wx_pdf_layout_text (layout, 44.5, 1.5, 13, 7, 7, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE, _("With-machine copy"));
  if (!wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_CODE128, doc->number, 5, 9, 50, 8.2, error))
    return NULL;
  label_line (layout, 17.8, _("Unit: %s"), doc->unit_name);
  label_line (layout, 21.4, _("Model: %s"), machine);
  label_line (layout, 25.0, _("Serial: %s"), doc->serial);
  label_line (layout, 28.6, _("Received: %s"), doc->received_at);
  wx_pdf_layout_rect (layout, 2, 32.6, LABEL_WIDTH - 4, 5.6, 0.8);
  wx_pdf_layout_text (layout, 3, 32.8, LABEL_WIDTH - 6, 5.2, 9, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE | WX_PDF_TEXT_CENTER, shelf);
  return g_steal_pointer (&layout);
}

WxPdfLayout *
wx_pdf_accessory_labels_build (const WxDbDocument *doc, GError **error)
{
  g_autoptr(WxPdfLayout) layout = NULL;
  guint n_left = wx_db_document_accessories_left (doc);
  guint k = 0;

  if (n_left == 0)
    {
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_EMPTY,
                   _("Service order %s has no accessories left with the machine, so there are no accessory labels to print."),
                   doc->number);
      return NULL;
    }
  layout = wx_pdf_layout_new (error);
  if (layout == NULL)
    return NULL;
  for (guint i = 0; i < doc->accessories->len; i++)
    {
      const WxDbAccessory *a = &g_array_index (doc->accessories, WxDbAccessory, i);
      g_autofree char *count = NULL;

      if (a->returned)
        continue;
      count = g_strdup_printf ("%u/%u", ++k, n_left);
      wx_pdf_layout_add_page (layout, ACCESSORY_WIDTH, ACCESSORY_HEIGHT);
      wx_pdf_layout_text (layout, 2, 1, 27, 4, 10, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE,
                          doc->number);
      wx_pdf_layout_text (layout, 29, 1, 9, 4, 7.5, WX_PDF_MIN_SIZE,
                          WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE, count);
      if (!wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_CODE128, doc->number, 3, 5.4, 34, 6.6, error))
        return NULL;
      wx_pdf_layout_text (layout, 2, 12.6, ACCESSORY_WIDTH - 4, 6.6, 8.5, WX_PDF_MIN_SIZE,
                          WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_MIDDLE, a->name);
    }
  return g_steal_pointer (&layout);
}

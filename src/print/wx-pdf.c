#define G_LOG_DOMAIN "wx-pdf"

#include "wx-pdf.h"

static const char * const document_names[] = {
  [WX_PDF_FORM]             = "form",
  [WX_PDF_LABEL]            = "label",
  [WX_PDF_ACCESSORY_LABELS] = "accessory-labels",
  [WX_PDF_QUOTE]            = "quote",
  [WX_PDF_RECEIPT]          = "receipt",
};

static const char * const form_layout_names[] = {
  [WX_PDF_FORM_A4]          = "a4",
  [WX_PDF_FORM_THREE_PAGES] = "three-pages",
};

static int
find_name (const char * const *names, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (int) i;
  return -1;
}

/* "form", "label", "accessory-labels", "quote", "receipt" */
gboolean
wx_pdf_document_from_name (const char *name, WxPdfDocument *document)
{
  int i = find_name (document_names, G_N_ELEMENTS (document_names), name);

  if (i >= 0)
    *document = (WxPdfDocument) i;
  return i >= 0;
}

/* "a4", "three-pages" */
gboolean
wx_pdf_form_layout_from_name (const char *name, WxPdfFormLayout *form_layout)
{
  int i = find_name (form_layout_names, G_N_ELEMENTS (form_layout_names), name);

  if (i >= 0)
    *form_layout = (WxPdfFormLayout) i;
  return i >= 0;
}

WxPdfLayout *
wx_pdf_build (WxPdfDocument document, const WxDbDocument *doc, WxPdfFormLayout form_layout, GError **error)
{
  switch (document)
    {
    case WX_PDF_FORM:
      return wx_pdf_form_build (doc, form_layout, error);
    case WX_PDF_LABEL:
      return wx_pdf_label_build (doc, error);
    case WX_PDF_ACCESSORY_LABELS:
      return wx_pdf_accessory_labels_build (doc, error);
    case WX_PDF_RECEIPT:
      return wx_pdf_receipt_build (doc, error);
    case WX_PDF_QUOTE:
    default:
      return wx_pdf_quote_build (doc, error);
    }
}

/* The whole PDF of `document`, laid out and rendered with the font subset to
 * the characters drawn: what weixiu-admin print writes and the GUI prints. */
GBytes *
wx_pdf_render (WxPdfDocument document, const WxDbDocument *doc, WxPdfFormLayout form_layout, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_build (document, doc, form_layout, error);

  if (layout == NULL)
    return NULL;
  return wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, error);
}

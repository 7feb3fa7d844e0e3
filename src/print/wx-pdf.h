/* wx-pdf.h — the printed documents of a service order, laid out from what
 * wx_db_document_load read. Build a layout, then render it
 * (wx_pdf_layout_render) and write it (wx_pdf_write_file). Everything here
 * runs in the calling thread and shares nothing: call it from a worker. */
#pragma once

#include "db/wx-db-document.h"
#include "db/wx-db-statement.h"
#include "wx-pdf-layout.h"

G_BEGIN_DECLS

typedef enum {
  WX_PDF_FORM,               /* 维修服务单: three copies */
  WX_PDF_LABEL,              /* machine label 60 × 40 mm */
  WX_PDF_ACCESSORY_LABELS,   /* one 40 × 20 mm label per accessory left */
  WX_PDF_QUOTE,              /* 维修报价单 */
  WX_PDF_RECEIPT,            /* 收据: the money taken for the order, two copies */
} WxPdfDocument;

typedef enum {
  WX_PDF_FORM_A4,            /* the three copies stacked on one A4, with cut lines */
  WX_PDF_FORM_THREE_PAGES,   /* one copy per A4 page, for multi-part paper */
} WxPdfFormLayout;

gboolean     wx_pdf_document_from_name    (const char          *name,
                                           WxPdfDocument       *document);
gboolean     wx_pdf_form_layout_from_name (const char          *name,
                                           WxPdfFormLayout     *form_layout);

WxPdfLayout *wx_pdf_build                 (WxPdfDocument        document,
                                           const WxDbDocument  *doc,
                                           WxPdfFormLayout      form_layout,
                                           GError             **error);
WxPdfLayout *wx_pdf_form_build            (const WxDbDocument  *doc,
                                           WxPdfFormLayout      form_layout,
                                           GError             **error);
WxPdfLayout *wx_pdf_label_build           (const WxDbDocument  *doc,
                                           GError             **error);
WxPdfLayout *wx_pdf_accessory_labels_build (const WxDbDocument *doc,
                                           GError             **error);
WxPdfLayout *wx_pdf_quote_build           (const WxDbDocument  *doc,
                                           GError             **error);
/* WX_PDF_ERROR_EMPTY when no money was taken for the order. */
WxPdfLayout *wx_pdf_receipt_build         (const WxDbDocument  *doc,
                                           GError             **error);

/* The monthly statement (对账单), laid out and rendered. */
WxPdfLayout *wx_pdf_statement_build       (const WxStatement   *statement,
                                           GError             **error);
GBytes      *wx_pdf_statement_render      (const WxStatement   *statement,
                                           GError             **error);

GBytes      *wx_pdf_render                (WxPdfDocument        document,
                                           const WxDbDocument  *doc,
                                           WxPdfFormLayout      form_layout,
                                           GError             **error);

G_END_DECLS

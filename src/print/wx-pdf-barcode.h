/* wx-pdf-barcode.h — barcodes from libzint's vector output: the dark
 * rectangles of a symbol, in its own units, for the layout to scale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WX_PDF_BARCODE_CODE128,
  WX_PDF_BARCODE_QR,
} WxPdfBarcodeKind;

typedef struct {
  double x, y, width, height;     /* from the top left of the symbol */
} WxPdfBar;

typedef struct {
  double  width, height;          /* of the whole symbol */
  GArray *bars;                   /* WxPdfBar */
} WxPdfBarcode;

WxPdfBarcode *wx_pdf_barcode_encode (WxPdfBarcodeKind   kind,
                                     const char        *data,
                                     GError           **error);
void          wx_pdf_barcode_free   (WxPdfBarcode      *barcode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxPdfBarcode, wx_pdf_barcode_free)

G_END_DECLS

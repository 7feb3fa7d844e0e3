/* wx-pdf-error.h — the print layer's errors. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_PDF_ERROR (wx_pdf_error_quark ())

typedef enum {
  WX_PDF_ERROR_FONT,      /* no usable font, or it cannot be embedded */
  WX_PDF_ERROR_BARCODE,   /* the barcode library refused the data */
  WX_PDF_ERROR_EMPTY,     /* nothing to print (e.g. no accessories) */
  WX_PDF_ERROR_FAILED,    /* libharu failed, or the file cannot be written */
} WxPdfError;

GQuark wx_pdf_error_quark (void);

G_END_DECLS

#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>
#include <zint.h>

#include "wx-pdf-barcode.h"
#include "wx-pdf-error.h"

typedef struct zint_symbol WxZintSymbol;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxZintSymbol, ZBarcode_Delete)

void
wx_pdf_barcode_free (WxPdfBarcode *barcode)
{
  if (barcode == NULL)
    return;
  g_clear_pointer (&barcode->bars, g_array_unref);
  g_free (barcode);
}

/* Encodes `data` without human-readable text or quiet zones (the layout
 * prints the number itself and leaves the margins). */
WxPdfBarcode *
wx_pdf_barcode_encode (WxPdfBarcodeKind   kind,
                       const char        *data,
                       GError           **error)
{
  g_autoptr(WxZintSymbol) symbol = ZBarcode_Create ();
  WxPdfBarcode *barcode;
  int status;

  if (symbol == NULL)
    {
      g_set_error_literal (error, WX_PDF_ERROR, WX_PDF_ERROR_BARCODE, _("Out of memory while making a barcode."));
      return NULL;
    }
  symbol->symbology = kind == WX_PDF_BARCODE_QR ? BARCODE_QRCODE : BARCODE_CODE128;
  symbol->show_hrt = 0;
  symbol->whitespace_width = 0;
  symbol->whitespace_height = 0;
  if (kind == WX_PDF_BARCODE_QR)
    symbol->option_1 = 2;    /* error correction level M */
  else
    symbol->height = 20.0f;  /* any: the layout stretches bars to the box */
  status = ZBarcode_Encode_and_Buffer_Vector (symbol, (const unsigned char *) data, (int) strlen (data), 0);
  if (status >= ZINT_ERROR || symbol->vector == NULL)
    {
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_BARCODE,
                   _("“%s” cannot be printed as a barcode: %s."), data, symbol->errtxt);
      return NULL;
    }

  barcode = g_new0 (WxPdfBarcode, 1);
  barcode->width = symbol->vector->width;
  barcode->height = symbol->vector->height;
  barcode->bars = g_array_new (FALSE, FALSE, sizeof (WxPdfBar));
  for (struct zint_vector_rect *r = symbol->vector->rectangles; r; r = r->next)
    {
      WxPdfBar bar = { r->x, r->y, r->width, r->height };
      g_array_append_val (barcode->bars, bar);
    }
  return barcode;
}

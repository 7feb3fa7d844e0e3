/* wx-pdf-font.h — the CJK font of the printed documents: measuring text
 * (with the widths the PDF will use) and embedding it in a libharu document,
 * either subset with harfbuzz to the characters printed (the default) or
 * whole (the bench compares both). One WxPdfFont per document; nothing is
 * shared between threads. */
#pragma once

#include <glib.h>
#include <hb.h>
#include <hpdf.h>

G_BEGIN_DECLS

typedef enum {
  WX_PDF_FONT_SUBSET,   /* harfbuzz-subset to the document's characters */
  WX_PDF_FONT_WHOLE,    /* the whole font file, as libharu loads it */
} WxPdfFontMode;

typedef struct _WxPdfFont WxPdfFont;

WxPdfFont  *wx_pdf_font_new          (GError       **error);
void        wx_pdf_font_free         (WxPdfFont     *font);
const char *wx_pdf_font_path         (WxPdfFont     *font);
double      wx_pdf_font_width        (WxPdfFont     *font,
                                      const char    *text,
                                      gssize         len,
                                      double         size);
double      wx_pdf_font_ascent       (WxPdfFont     *font,
                                      double         size);
const char *wx_pdf_font_embed        (WxPdfFont     *font,
                                      HPDF_Doc       pdf,
                                      hb_set_t      *codepoints,
                                      WxPdfFontMode  mode,
                                      char         **temp_file,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxPdfFont, wx_pdf_font_free)

G_END_DECLS

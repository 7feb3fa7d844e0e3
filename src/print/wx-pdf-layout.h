/* wx-pdf-layout.h — pages drawn in millimetres from the top left: text boxes
 * that wrap, shrink and end in "…" rather than leave their box, lines,
 * rectangles and barcodes. The layout measures every text box it lays out
 * and keeps the record (wx_pdf_layout_boxes), then renders the whole with
 * libharu, the font embedded for exactly the characters drawn. */
#pragma once

#include <glib.h>

#include "wx-pdf-barcode.h"
#include "wx-pdf-font.h"

G_BEGIN_DECLS

#define WX_PDF_MM_PER_PT (25.4 / 72.0)

typedef enum {
  WX_PDF_TEXT_LEFT     = 0,
  WX_PDF_TEXT_CENTER   = 1 << 0,
  WX_PDF_TEXT_RIGHT    = 1 << 1,
  WX_PDF_TEXT_MIDDLE   = 1 << 2,   /* centred vertically; else from the top */
  WX_PDF_TEXT_BOLD     = 1 << 3,
  WX_PDF_TEXT_ONE_LINE = 1 << 4,   /* never wraps; shrinks, then shortens */
} WxPdfTextFlags;

/* One text box as laid out: the box, and the extent of what was drawn. */
typedef struct {
  guint       page;
  double      x, y, width, height;         /* the box, mm */
  double      text_width, text_height;     /* widest line, lines × leading, mm */
  double      size;                        /* the font size used, pt */
  guint       n_lines;
  gboolean    shortened;                   /* cut, ending in "…" */
  const char *text;                        /* the value as given */
} WxPdfBox;

typedef struct _WxPdfLayout WxPdfLayout;

WxPdfLayout    *wx_pdf_layout_new        (GError           **error);
void            wx_pdf_layout_free       (WxPdfLayout       *layout);
void            wx_pdf_layout_add_page   (WxPdfLayout       *layout,
                                          double             width,
                                          double             height);
guint           wx_pdf_layout_n_pages    (WxPdfLayout       *layout);
void            wx_pdf_layout_page_size  (WxPdfLayout       *layout,
                                          guint              page,
                                          double            *width,
                                          double            *height);
const WxPdfBox *wx_pdf_layout_text       (WxPdfLayout       *layout,
                                          double             x,
                                          double             y,
                                          double             width,
                                          double             height,
                                          double             size,
                                          double             min_size,
                                          WxPdfTextFlags     flags,
                                          const char        *text);
double          wx_pdf_layout_text_width (WxPdfLayout       *layout,
                                          const char        *text,
                                          double             size);
void            wx_pdf_layout_line       (WxPdfLayout       *layout,
                                          double             x1,
                                          double             y1,
                                          double             x2,
                                          double             y2,
                                          double             line_width,
                                          gboolean           dashed);
void            wx_pdf_layout_rect       (WxPdfLayout       *layout,
                                          double             x,
                                          double             y,
                                          double             width,
                                          double             height,
                                          double             line_width);
gboolean        wx_pdf_layout_barcode    (WxPdfLayout       *layout,
                                          WxPdfBarcodeKind   kind,
                                          const char        *data,
                                          double             x,
                                          double             y,
                                          double             width,
                                          double             height,
                                          GError           **error);
/* The colour (0…1 RGB) of the text, lines and rectangles added after it;
 * black until set. */
void            wx_pdf_layout_set_color  (WxPdfLayout       *layout,
                                          double             r,
                                          double             g,
                                          double             b);
const WxPdfBox *wx_pdf_layout_boxes      (WxPdfLayout       *layout,
                                          guint             *n_boxes);
GBytes         *wx_pdf_layout_render     (WxPdfLayout       *layout,
                                          WxPdfFontMode      mode,
                                          GError           **error);

gboolean        wx_pdf_write_file        (GBytes            *pdf,
                                          const char        *path,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxPdfLayout, wx_pdf_layout_free)

G_END_DECLS

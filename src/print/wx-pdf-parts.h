/* wx-pdf-parts.h — pieces the documents share: the company header, a
 * labelled cell, a signature line, and the words for the order's codes. */
#pragma once

#include "db/wx-db-document.h"
#include "wx-pdf-layout.h"

G_BEGIN_DECLS

#define WX_PDF_A4_WIDTH   210.0
#define WX_PDF_A4_HEIGHT  297.0
#define WX_PDF_THIN       0.35     /* pt: cell borders */
#define WX_PDF_MIN_SIZE   5.0      /* pt: the smallest text a value shrinks to */

double  wx_pdf_company_header (WxPdfLayout        *layout,
                               const WxDbDocument *doc,
                               double              x,
                               double              y,
                               double              width,
                               double              scale);
void    wx_pdf_field          (WxPdfLayout        *layout,
                               double              x,
                               double              y,
                               double              width,
                               double              height,
                               double              scale,
                               const char         *label,
                               const char         *value);
void    wx_pdf_signature      (WxPdfLayout        *layout,
                               double              x,
                               double              y,
                               double              width,
                               double              height,
                               double              scale,
                               const char         *label);
/* A column of a table of rows (the quote's lines, the receipt's entries):
 * its title (untranslated), width (mm), whether its values align right. */
typedef struct {
  const char *title;
  double      width;
  gboolean    right;
} WxPdfColumn;

/* One row of `n` bordered cells `row` mm high from (x, y), 8 pt text on
 * one line; `heading`: bold and centred. Returns the y below it. */
double  wx_pdf_table_row      (WxPdfLayout        *layout,
                               double              x,
                               double              y,
                               double              row,
                               const WxPdfColumn  *columns,
                               guint               n,
                               const char * const *cells,
                               gboolean            heading);
/* The row of the columns' titles, translated. */
double  wx_pdf_table_heading  (WxPdfLayout        *layout,
                               double              x,
                               double              y,
                               double              row,
                               const WxPdfColumn  *columns,
                               guint               n);
char   *wx_pdf_phones_text    (const WxDbDocument *doc);
char   *wx_pdf_fax_email_text (const WxDbDocument *doc);
char   *wx_pdf_machine_text   (const WxDbDocument *doc);
char   *wx_pdf_warranty_text  (const WxDbDocument *doc);
char   *wx_pdf_remarks_text   (const WxDbDocument *doc);
char   *wx_pdf_accessories_text (const WxDbDocument *doc);
const char *wx_pdf_shelf_label  (const WxDbDocument *doc);

G_END_DECLS

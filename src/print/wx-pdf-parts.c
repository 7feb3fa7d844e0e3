#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "wx-pdf-parts.h"

#define LABEL_SIZE 6.5
#define VALUE_SIZE 7.5
#define PAD        0.8

/* Company name, and address, phone and fax below it; returns the height used. */
double
wx_pdf_company_header (WxPdfLayout *layout, const WxDbDocument *doc, double x, double y, double width, double scale)
{
  g_autofree char *contact = g_strdup_printf (_("Address: %s   Tel: %s   Fax: %s"),
                                              doc->company_address, doc->company_phone, doc->company_fax);

  wx_pdf_layout_text (layout, x, y, width, 5.5 * scale, 12 * scale, 8 * scale,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, doc->company_name);
  wx_pdf_layout_text (layout, x, y + 5.8 * scale, width, 3 * scale, 6.5 * scale, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_ONE_LINE, contact);
  return 9 * scale;
}

/* A bordered cell: the label, then the value in the room left (wrapped when
 * the cell is tall enough for more lines). */
void
wx_pdf_field (WxPdfLayout *layout, double x, double y, double width, double height, double scale,
              const char *label, const char *value)
{
  double label_size = LABEL_SIZE * scale;
  double label_width = MIN (wx_pdf_layout_text_width (layout, label, label_size), width * 0.6);
  double vx = x + PAD * scale + label_width + PAD * scale;
  double pad_y = 0.3 * scale;
  gboolean tall = height > 6 * scale;

  wx_pdf_layout_rect (layout, x, y, width, height, WX_PDF_THIN);
  wx_pdf_layout_text (layout, x + PAD * scale, y + pad_y, label_width, tall ? 3.2 * scale : height - 2 * pad_y,
                      label_size, WX_PDF_MIN_SIZE, WX_PDF_TEXT_ONE_LINE | (tall ? 0 : WX_PDF_TEXT_MIDDLE), label);
  if (value && *value)
    wx_pdf_layout_text (layout, vx, y + pad_y, x + width - PAD * scale - vx, height - 2 * pad_y,
                        VALUE_SIZE * scale, WX_PDF_MIN_SIZE, tall ? 0 : WX_PDF_TEXT_MIDDLE, value);
}

double
wx_pdf_table_row (WxPdfLayout *layout, double x, double y, double row, const WxPdfColumn *columns, guint n,
                  const char * const *cells, gboolean heading)
{
  for (guint c = 0; c < n; c++)
    {
      wx_pdf_layout_rect (layout, x, y, columns[c].width, row, WX_PDF_THIN);
      wx_pdf_layout_text (layout, x + 1, y + 0.2, columns[c].width - 2, row - 0.4, 8, WX_PDF_MIN_SIZE,
                          WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE |
                          (heading ? WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER : columns[c].right ? WX_PDF_TEXT_RIGHT : 0),
                          cells[c]);
      x += columns[c].width;
    }
  return y + row;
}

double
wx_pdf_table_heading (WxPdfLayout *layout, double x, double y, double row, const WxPdfColumn *columns, guint n)
{
  g_autofree const char **cells = g_new (const char *, n);

  for (guint c = 0; c < n; c++)
    cells[c] = _(columns[c].title);
  return wx_pdf_table_row (layout, x, y, row, columns, n, cells, TRUE);
}

/* "label ________" for a signature or a date written by hand. */
void
wx_pdf_signature (WxPdfLayout *layout, double x, double y, double width, double height, double scale,
                  const char *label)
{
  double size = LABEL_SIZE * scale;
  double label_width = MIN (wx_pdf_layout_text_width (layout, label, size), width * 0.7);

  wx_pdf_layout_text (layout, x, y, label_width, height, size, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE, label);
  wx_pdf_layout_line (layout, x + label_width + 1, y + height - 0.8 * scale, x + width, y + height - 0.8 * scale,
                      0.5, FALSE);
}

static char *
join_nonempty (const char *separator, const char *a, const char *b)
{
  if (*a && *b)
    return g_strconcat (a, separator, b, NULL);
  return g_strdup (*a ? a : b);
}

char *
wx_pdf_phones_text (const WxDbDocument *doc)
{
  return join_nonempty (" / ", doc->contact_mobile, doc->contact_phone);
}

char *
wx_pdf_fax_email_text (const WxDbDocument *doc)
{
  return join_nonempty (" / ", doc->contact_fax, doc->contact_email);
}

/* "HP LaserJet Pro M404dn": brand and model, without repeating the brand. */
char *
wx_pdf_machine_text (const WxDbDocument *doc)
{
  if (*doc->brand && g_str_has_prefix (doc->model, doc->brand))
    return g_strdup (doc->model);
  return join_nonempty (" ", doc->brand, doc->model);
}

/* "Out of warranty (purchase invoice)" */
char *
wx_pdf_warranty_text (const WxDbDocument *doc)
{
  return g_strdup_printf (_("%s (%s)"), wx_code_label (WX_CODE_WARRANTY_STATUS, doc->warranty_status),
                          wx_code_label (WX_CODE_WARRANTY_EVIDENCE, doc->warranty_evidence));
}

/* "Return repair of 2026-000012; …the remarks" */
char *
wx_pdf_remarks_text (const WxDbDocument *doc)
{
  g_autofree char *repair = NULL;

  if (!doc->is_return_repair)
    return g_strdup (doc->remarks);
  repair = *doc->return_of_number ? g_strdup_printf (_("Return repair of %s"), doc->return_of_number)
                                  : g_strdup (_("Return repair"));
  return join_nonempty (_("; "), repair, doc->remarks);
}

/* The accessories left with the machine, numbered as their labels: "1. 电源线　2. 硒鼓". */
char *
wx_pdf_accessories_text (const WxDbDocument *doc)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < doc->accessories->len; i++)
    {
      const WxDbAccessory *a = &g_array_index (doc->accessories, WxDbAccessory, i);
      if (a->returned)
        continue;
      if (s->len)
        g_string_append (s, "  ");
      g_string_append_printf (s, "%d. %s", a->position, a->name);
    }
  if (s->len == 0)
    g_string_append (s, _("None"));
  return g_string_free (s, FALSE);
}

/* Where the machine is now, from the order's state. */
const char *
wx_pdf_shelf_label (const WxDbDocument *doc)
{
  return wx_shelf_label (wx_workflow_state_info (doc->state)->shelf);
}

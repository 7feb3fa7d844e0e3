#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "wx-pdf.h"
#include "wx-pdf-parts.h"

/* The quote sheet (维修报价单), seed 000 "给用户报价" and domain.md section 6:
 * what is wrong, why, what the repair is, each price, labour, the total in
 * figures and in capital numerals, repair period, validity, and a block the
 * customer signs and faxes back. Long quotes continue on further pages. */

#define MARGIN   15.0
#define WIDTH    (WX_PDF_A4_WIDTH - 2 * MARGIN)
#define BOTTOM   (WX_PDF_A4_HEIGHT - 12.0)
#define ROW      5.4
#define SCALE    1.15
#define TAIL     66.0     /* totals, terms and the signature block */

static const WxPdfColumn columns[] = {
  { N_("No."),         10, FALSE },
  { N_("Part number"), 30, FALSE },
  { N_("Description"), 62, FALSE },
  { N_("Quantity"),    16, TRUE },
  { N_("Unit price"),  29, TRUE },
  { N_("Amount"),      33, TRUE },
};

static double
table_row (WxPdfLayout *layout, double y, const char * const cells[G_N_ELEMENTS (columns)], gboolean heading)
{
  return wx_pdf_table_row (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns), cells, heading);
}

static double
table_heading (WxPdfLayout *layout, double y)
{
  return wx_pdf_table_heading (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns));
}

/* Title, number and date, the number's barcode; returns where it ends. */
static double
page_head (WxPdfLayout *layout, const WxDbDocument *doc, guint page, GError **error)
{
  g_autofree char *number = g_strdup_printf (_("No. %s"), doc->number);
  g_autofree char *date = g_strdup_printf (_("Date: %s"), *doc->quoted_at ? doc->quoted_at : doc->today);
  g_autofree char *continued = g_strdup_printf (_("page %u"), page + 1);
  double y = 12;

  wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
  wx_pdf_company_header (layout, doc, MARGIN, y, 112, 1.2);
  wx_pdf_layout_text (layout, MARGIN + 120, y, WIDTH - 120, 8, 18, 12,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, _("Repair Quote"));
  if (page > 0)
    wx_pdf_layout_text (layout, MARGIN + 112, y + 8.5, WIDTH - 112, 4, 8, WX_PDF_MIN_SIZE,
                        WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, continued);
  wx_pdf_layout_text (layout, MARGIN, y + 13, 70, 4.5, 9.5, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, number);
  wx_pdf_layout_text (layout, MARGIN + 70, y + 13, 50, 4.5, 9, 6, WX_PDF_TEXT_ONE_LINE, date);
  if (!wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_CODE128, doc->number, MARGIN + WIDTH - 48, y + 12, 48, 7, error))
    return -1;
  wx_pdf_layout_line (layout, MARGIN, y + 20.5, MARGIN + WIDTH, y + 20.5, 1.0, FALSE);
  return y + 23;
}

static double
customer_block (WxPdfLayout *layout, const WxDbDocument *doc, double y)
{
  const double h = 5.6;
  g_autofree char *phones = wx_pdf_phones_text (doc);
  g_autofree char *fax_email = wx_pdf_fax_email_text (doc);
  g_autofree char *machine = wx_pdf_machine_text (doc);

  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.62, h, SCALE, _("Unit name"), doc->unit_name);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.62, y, WIDTH * 0.38, h, SCALE, _("Contact person"), doc->contact_person);
  y += h;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.5, h, SCALE, _("Mobile / phone"), phones);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.5, y, WIDTH * 0.5, h, SCALE, _("Fax / email"), fax_email);
  y += h;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.3, h, SCALE, _("Product"), doc->product_name);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.3, y, WIDTH * 0.36, h, SCALE, _("Model"), machine);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.66, y, WIDTH * 0.34, h, SCALE, _("Serial number"), doc->serial);
  y += h + 1.5;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 11, SCALE, _("Fault found"), doc->reported_fault);
  y += 11;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 11, SCALE, _("Cause"), doc->fault_analysis);
  y += 11;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 11, SCALE, _("Repair"), doc->measures);
  return y + 11 + 2;
}

static double
quote_line (WxPdfLayout *layout, const WxDbQuoteLine *line, double y)
{
  g_autofree char *position = g_strdup_printf ("%d", line->position);
  g_autofree char *quantity = g_strdup_printf ("%d", line->quantity);
  g_autofree char *unit_price = wx_money_format_yuan (line->unit_price);
  g_autofree char *amount = wx_money_format_yuan (line->amount);
  const char *description = g_str_equal (line->kind, "labour")
    ? (*line->description ? line->description : _("Labour")) : line->description;
  const char *cells[G_N_ELEMENTS (columns)] = { position, line->part_number, description, quantity, unit_price, amount };

  return table_row (layout, y, cells, FALSE);
}

static void
tail_block (WxPdfLayout *layout, const WxDbDocument *doc, double y)
{
  WxMoney parts = 0, labour = 0, total;
  g_autofree char *parts_text = NULL;
  g_autofree char *labour_text = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *capital = NULL;
  g_autofree char *capital_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *fax_back = NULL;
  const char *period = *doc->repair_period ? doc->repair_period : _("3 working days after approval");

  for (guint i = 0; i < doc->quote_lines->len; i++)
    {
      const WxDbQuoteLine *line = &g_array_index (doc->quote_lines, WxDbQuoteLine, i);
      if (g_str_equal (line->kind, "labour"))
        labour += line->amount;
      else
        parts += line->amount;
    }
  total = doc->quote_lines->len == 0 && doc->has_quote_total ? doc->quote_total : parts + labour;
  total = CLAMP (total, 0, WX_MONEY_MAX);
  parts_text = wx_money_format_yuan (parts);
  labour_text = wx_money_format_yuan (labour);
  figures = wx_money_format_yuan (total);
  capital = wx_money_to_capital (total);
  capital_text = g_strdup_printf (_("RMB %s"), capital);
  summary = g_strdup_printf (_("Parts and items %s   Labour %s"), parts_text, labour_text);
  validity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day from the date of this quote",
                                           "%d days from the date of this quote", (gulong) doc->quote_validity_days),
                              doc->quote_validity_days);
  fax_back = g_strdup_printf (_("Please sign, date and fax this quote back to %s, or call us on %s."),
                              doc->company_fax, doc->company_phone);

  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("Subtotals"), summary);
  y += 6;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.68, 7, SCALE, _("Total (in words)"), capital_text);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.68, y, WIDTH * 0.32, 7, SCALE, _("Total"), figures);
  y += 9;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.5, 6, SCALE, _("Repair period"), period);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.5, y, WIDTH * 0.5, 6, SCALE, _("Valid for"), validity);
  y += 9;
  wx_pdf_layout_rect (layout, MARGIN, y, WIDTH, 34, 0.8);
  wx_pdf_layout_text (layout, MARGIN + 2, y + 1.5, WIDTH - 4, 5, 10, 7, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE,
                      _("Customer's decision"));
  wx_pdf_layout_text (layout, MARGIN + 4, y + 7.5, WIDTH - 8, 5, 9.5, 7, WX_PDF_TEXT_ONE_LINE,
                      _("□ I agree to the repair at the price above        □ I do not agree; please return the machine"));
  wx_pdf_signature (layout, MARGIN + 4, y + 15, 90, 6, 1.4, _("Signature (and stamp)"));
  wx_pdf_signature (layout, MARGIN + 104, y + 15, WIDTH - 108, 6, 1.4, _("Date"));
  wx_pdf_layout_text (layout, MARGIN + 4, y + 25, WIDTH - 8, 7, 8.5, WX_PDF_MIN_SIZE, 0, fax_back);
}

WxPdfLayout *
wx_pdf_quote_build (const WxDbDocument *doc, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  guint page = 0;
  double y;

  if (layout == NULL || (y = page_head (layout, doc, page, error)) < 0)
    return NULL;
  y = table_heading (layout, customer_block (layout, doc, y));
  for (guint i = 0; i < doc->quote_lines->len; i++)
    {
      /* The last line keeps the totals company; any other needs its own row. */
      double need = i + 1 == doc->quote_lines->len ? ROW + TAIL : ROW;
      if (y + need > BOTTOM)
        {
          if ((y = page_head (layout, doc, ++page, error)) < 0)
            return NULL;
          y = table_heading (layout, y);
        }
      y = quote_line (layout, &g_array_index (doc->quote_lines, WxDbQuoteLine, i), y);
    }
  if (y + 2 + TAIL > BOTTOM)
    {
      if ((y = page_head (layout, doc, ++page, error)) < 0)
        return NULL;
    }
  tail_block (layout, doc, y + 2);
  return g_steal_pointer (&layout);
}

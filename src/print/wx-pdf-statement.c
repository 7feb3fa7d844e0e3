#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "wx-pdf.h"
#include "wx-pdf-parts.h"

/* The monthly statement (对账单) of a customer who runs an account, in the
 * shop's style: the company, the customer and the month; every order
 * picked up in it (number, date, machine, work, amount, still due), page
 * after page with the heading again; the balance brought forward, the
 * month's charges, what was received and the balance due, in figures and
 * in capital numerals; where it stands in its life (made, checked with
 * whom, sent, paid); a block for the customer to sign it checked. */

#define MARGIN   15.0
#define WIDTH    (WX_PDF_A4_WIDTH - 2 * MARGIN)
#define BOTTOM   (WX_PDF_A4_HEIGHT - 12.0)
#define ROW      5.4
#define SCALE    1.15
#define TAIL     62.0

static const WxPdfColumn columns[] = {
  { N_("No."),           10, FALSE },
  { N_("Order"),         28, FALSE },
  { N_("Picked up"),     22, FALSE },
  { N_("Machine"),       40, FALSE },
  { N_("Work"),          44, FALSE },
  { N_("Amount"),        18, TRUE },
  { N_("Still due"),     18, TRUE },
};

static double
page_head (WxPdfLayout *layout, const WxStatement *st, const WxDbDocument *company, guint page)
{
  g_autofree char *period = g_strdup_printf (_("Month: %s"), st->period);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, st->id);
  g_autofree char *number = g_strdup_printf (_("Statement No. %s"), id);
  g_autofree char *continued = g_strdup_printf (_("page %u"), page + 1);
  double y = 12;

  wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
  wx_pdf_company_header (layout, company, MARGIN, y, 112, 1.2);
  wx_pdf_layout_text (layout, MARGIN + 112, y, WIDTH - 112, 8, 18, 12,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, _("Statement of Account"));
  if (page > 0)
    wx_pdf_layout_text (layout, MARGIN + 112, y + 8.5, WIDTH - 112, 4, 8, WX_PDF_MIN_SIZE,
                        WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, continued);
  wx_pdf_layout_text (layout, MARGIN, y + 13, 70, 4.5, 9.5, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, number);
  wx_pdf_layout_text (layout, MARGIN + 70, y + 13, 60, 4.5, 9.5, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, period);
  wx_pdf_layout_line (layout, MARGIN, y + 19, MARGIN + WIDTH, y + 19, 1.0, FALSE);
  y += 21;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.62, 6, SCALE, _("Customer"), st->unit_name);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.62, y, WIDTH * 0.38, 6, SCALE, _("Contact person"), st->contact);
  y += 6;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("Address"), st->address);
  y += 8;
  return wx_pdf_table_heading (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns));
}

static void
tail_block (WxPdfLayout *layout, const WxStatement *st, double y)
{
  g_autofree char *bf = wx_money_format_yuan (st->brought_forward);
  g_autofree char *charges = wx_money_format_yuan (st->charges);
  g_autofree char *received = wx_money_format_yuan (st->received);
  g_autofree char *due = wx_money_format_yuan (st->balance_due);
  g_autofree char *capital = wx_money_to_capital (CLAMP (st->balance_due, 0, WX_MONEY_MAX));
  g_autofree char *capital_text = g_strdup_printf (_("RMB %s"), capital);
  g_autofree char *sums = g_strdup_printf (_("Brought forward %s   This month %s   Received %s"), bf, charges, received);
  g_autofree char *life = g_strdup_printf (_("Made %s;  checked %s;  sent %s;  paid %s"), st->made,
                                           *st->checked ? st->checked : "—", *st->sent ? st->sent : "—",
                                           *st->paid ? st->paid : "—");

  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("Account"), sums);
  y += 6;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.68, 7, SCALE, _("Balance due (in words)"), capital_text);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.68, y, WIDTH * 0.32, 7, SCALE, _("Balance due"), due);
  y += 9;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 10, SCALE, _("Status"), life);
  y += 12;
  wx_pdf_layout_rect (layout, MARGIN, y, WIDTH, 22, 0.8);
  wx_pdf_layout_text (layout, MARGIN + 2, y + 1.5, WIDTH - 4, 5, 9.5, 7, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE,
                      _("Checked and agreed by the customer"));
  wx_pdf_signature (layout, MARGIN + 4, y + 11, 90, 6, 1.4, _("Signature (and stamp)"));
  wx_pdf_signature (layout, MARGIN + 104, y + 11, WIDTH - 108, 6, 1.4, _("Date"));
}

WxPdfLayout *
wx_pdf_statement_build (const WxStatement *st, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);
  WxDbDocument company = {
    .company_name = st->company_name, .company_address = st->company_address,
    .company_phone = st->company_phone, .company_fax = st->company_fax,
  };
  guint page = 0;
  double y;

  if (layout == NULL)
    return NULL;
  y = page_head (layout, st, &company, page);
  for (guint i = 0; i < st->lines->len; i++)
    {
      const WxStatementLine *l = &g_array_index (st->lines, WxStatementLine, i);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);
      g_autofree char *amount = wx_money_format_yuan (l->amount);
      g_autofree char *due = wx_money_format_yuan (l->due);
      const char *cells[G_N_ELEMENTS (columns)] = { position, l->number, l->picked_up, l->machine, l->work,
                                                     amount, due };

      if (y + ROW > BOTTOM)
        y = page_head (layout, st, &company, ++page);
      y = wx_pdf_table_row (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
  if (y + 3 + TAIL > BOTTOM)
    y = page_head (layout, st, &company, ++page);
  tail_block (layout, st, y + 3);
  return g_steal_pointer (&layout);
}

GBytes *
wx_pdf_statement_render (const WxStatement *st, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_statement_build (st, error);

  if (layout == NULL)
    return NULL;
  return wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, error);
}

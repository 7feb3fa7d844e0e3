#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "wx-pdf.h"
#include "wx-pdf-error.h"
#include "wx-pdf-parts.h"

/* The payment receipt (收据) of an order, as a receipt book's page: two
 * copies on one A4 with a cut line, the customer's (客户联) and the shop's
 * counterfoil (存根). Each says who paid, for what, every payment, refund
 * and write-off of the order as taken, the total received in figures and
 * in capital numerals, the order's total and the balance still due, who
 * took the money, and room for the signature and the company's seal.
 * An order with money taken more often than a copy has rows shows the
 * latest, and says how many earlier ones it leaves out. */

#define MARGIN    15.0
#define WIDTH     (WX_PDF_A4_WIDTH - 2 * MARGIN)
#define COPY      (WX_PDF_A4_HEIGHT / 2)
#define ROW       5.2
#define MAX_ROWS  8
#define SCALE     1.1

static const WxPdfColumn columns[] = {
  { N_("Date"),           34, FALSE },
  { N_("Entry"),          28, FALSE },
  { N_("Method"),         32, FALSE },
  { N_("Reference"),      52, FALSE },
  { N_("Amount"),         34, TRUE },
};

/* Money received less money given back; write-offs move none. */
static WxMoney
received_of (const WxDbDocument *doc)
{
  WxMoney received = 0;

  for (guint i = 0; i < doc->payments->len; i++)
    {
      const WxDbPayment *p = &g_array_index (doc->payments, WxDbPayment, i);

      if (g_str_equal (p->kind, "payment"))
        received += p->amount;
      else if (g_str_equal (p->kind, "refund"))
        received -= p->amount;
    }
  return received;
}

/* The latest money received (its taker is the payee), else the latest entry. */
static const WxDbPayment *
last_taken (const WxDbDocument *doc)
{
  for (guint i = doc->payments->len; i > 0; i--)
    {
      const WxDbPayment *p = &g_array_index (doc->payments, WxDbPayment, i - 1);

      if (g_str_equal (p->kind, "payment"))
        return p;
    }
  return &g_array_index (doc->payments, WxDbPayment, doc->payments->len - 1);
}

static void
copy (WxPdfLayout *layout, const WxDbDocument *doc, double top, const char *which, GError **error)
{
  const WxDbPayment *last = last_taken (doc);
  WxMoney received = received_of (doc);
  g_autofree char *number = g_strdup_printf (_("No. %s-%u"), doc->number, doc->payments->len);
  g_autofree char *date = g_strdup_printf (_("Date: %s"), doc->today);
  g_autofree char *payer = *doc->contact_person
    ? g_strdup_printf ("%s（%s）", doc->unit_name, doc->contact_person) : g_strdup (doc->unit_name);
  g_autofree char *machine = wx_pdf_machine_text (doc);
  g_autofree char *purpose = g_strdup_printf (_("Repair of %s %s, service order %s"), doc->product_name, machine,
                                              doc->number);
  g_autofree char *capital = wx_money_to_capital (CLAMP (received, 0, WX_MONEY_MAX));
  g_autofree char *capital_text = g_strdup_printf (_("RMB %s"), received < 0 ? "—" : capital);
  g_autofree char *figures = wx_money_format_yuan (received);
  g_autofree char *quoted = wx_money_format_yuan (doc->has_quote_total ? doc->quote_total : 0);
  g_autofree char *balance = wx_money_format_yuan (doc->balance);
  g_autofree char *summary = g_strdup_printf (_("Order total %s   Received %s   Balance due %s"),
                                              quoted, figures, balance);
  guint first = doc->payments->len > MAX_ROWS ? doc->payments->len - MAX_ROWS : 0;
  double y = top + 10;

  wx_pdf_company_header (layout, doc, MARGIN, y, 100, 1.1);
  wx_pdf_layout_text (layout, MARGIN + 100, y, 40, 9, 20, 12, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE,
                      _("Receipt"));
  wx_pdf_layout_text (layout, MARGIN + 140, y + 1, WIDTH - 140, 5, 9, 6, WX_PDF_TEXT_RIGHT | WX_PDF_TEXT_ONE_LINE, which);
  y += 11;
  wx_pdf_layout_text (layout, MARGIN, y, 80, 4.5, 9.5, 6, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, number);
  wx_pdf_layout_text (layout, MARGIN + 80, y, 50, 4.5, 9, 6, WX_PDF_TEXT_ONE_LINE, date);
  if (!wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_CODE128, doc->number, MARGIN + WIDTH - 44, y - 1, 44, 6, error))
    return;
  y += 7;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("Received from"), payer);
  y += 6;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("For"), purpose);
  y += 7.5;

  y = wx_pdf_table_heading (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns));
  for (guint i = first; i < doc->payments->len; i++)
    {
      const WxDbPayment *p = &g_array_index (doc->payments, WxDbPayment, i);
      gboolean payment = g_str_equal (p->kind, "payment");
      g_autofree char *amount = wx_money_format_yuan (payment ? p->amount : -p->amount);
      const char *cells[G_N_ELEMENTS (columns)] = {
        p->at, wx_workflow_event_label (p->kind),
        g_str_equal (p->kind, "write_off") ? "" : wx_code_label (WX_CODE_PAYMENT_METHOD, p->method),
        p->reference, amount,
      };

      y = wx_pdf_table_row (layout, MARGIN, y, ROW, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
  if (first > 0)
    {
      g_autofree char *earlier = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u earlier entry on the order",
                                                               "and %u earlier entries on the order", first), first);

      wx_pdf_layout_text (layout, MARGIN + 1, y + 0.3, WIDTH - 2, 4, 7.5, WX_PDF_MIN_SIZE, WX_PDF_TEXT_ONE_LINE,
                          earlier);
      y += 4.5;
    }
  y += 1.5;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.68, 7, SCALE, _("Received (in words)"), capital_text);
  wx_pdf_field (layout, MARGIN + WIDTH * 0.68, y, WIDTH * 0.32, 7, SCALE, C_("money", "Received"), figures);
  y += 7;
  wx_pdf_field (layout, MARGIN, y, WIDTH, 6, SCALE, _("Order"), summary);
  y += 9;
  wx_pdf_field (layout, MARGIN, y, WIDTH * 0.4, 6, SCALE, _("Payee"), last->taken_by);
  wx_pdf_signature (layout, MARGIN + WIDTH * 0.44, y, WIDTH * 0.28, 6, SCALE, _("Signature"));
  wx_pdf_signature (layout, MARGIN + WIDTH * 0.76, y, WIDTH * 0.24, 6, SCALE, _("(Company seal)"));
}

WxPdfLayout *
wx_pdf_receipt_build (const WxDbDocument *doc, GError **error)
{
  g_autoptr(WxPdfLayout) layout = NULL;
  g_autoptr(GError) local = NULL;

  if (doc->payments->len == 0)
    {
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_EMPTY,
                   _("No money has been taken for order %s: there is nothing to give a receipt for."), doc->number);
      return NULL;
    }
  layout = wx_pdf_layout_new (error);
  if (layout == NULL)
    return NULL;
  wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
  copy (layout, doc, 0, _("Copy 1: for the customer"), &local);
  if (local == NULL)
    copy (layout, doc, COPY, _("Copy 2: counterfoil"), &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  wx_pdf_layout_line (layout, 6, COPY, WX_PDF_A4_WIDTH - 6, COPY, 0.5, TRUE);
  return g_steal_pointer (&layout);
}

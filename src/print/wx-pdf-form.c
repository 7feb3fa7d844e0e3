#define G_LOG_DOMAIN "wx-pdf"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "wx-pdf.h"
#include "wx-pdf-parts.h"

/* The three-part service form (维修服务单), seed 000 "惠维服务单填写流程":
 * the intake the front desk fills in, printed; the later sections blank, with
 * their labels, for the engineers' and the coordinator's hand. */

typedef enum { COPY_STUB, COPY_MACHINE, COPY_CUSTOMER, N_COPIES } Copy;

static const struct {
  const char *title;
  const char *hint;
} copies[N_COPIES] = {
  [COPY_STUB]     = { N_("Stub copy"),         N_("Stays at the front desk, filed by state") },
  [COPY_MACHINE]  = { N_("With-machine copy"), N_("Taped to the machine; marked OK when repaired") },
  [COPY_CUSTOMER] = { N_("Customer copy"),     N_("Show this copy to collect the machine") },
};

#define X0          8.0
#define WIDTH       194.0
#define COPY_HEIGHT (WX_PDF_A4_HEIGHT / 3)

typedef struct {
  const char *label;    /* translated */
  const char *value;
  double      share;    /* of the row's width; the last cell takes the rest */
} Cell;

static void
row (WxPdfLayout *layout, double x, double y, double width, double height, double scale,
     const Cell *cells, guint n)
{
  double cx = x;

  for (guint i = 0; i < n; i++)
    {
      double w = i + 1 == n ? x + width - cx : width * cells[i].share;
      wx_pdf_field (layout, cx, y, w, height, scale, cells[i].label, cells[i].value);
      cx += w;
    }
}

static gboolean
draw_header (WxPdfLayout *layout, const WxDbDocument *doc, Copy copy, double y, double scale, GError **error)
{
  g_autofree char *number = g_strdup_printf (_("No. %s"), doc->number);
  double tx = X0 + 88;
  const WxPdfBox *title;

  wx_pdf_company_header (layout, doc, X0, y, 86, scale);
  wx_pdf_layout_text (layout, tx, y, 48, 6 * scale, 14 * scale, 9, WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE,
                      _("Service Order"));
  title = wx_pdf_layout_text (layout, tx, y + 6.6 * scale, 48, 3.8 * scale, 8.5 * scale, 6,
                              WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE,
                              _(copies[copy].title));
  wx_pdf_layout_rect (layout, tx + (48 - title->text_width) / 2 - 1.5, y + 6.6 * scale,
                      title->text_width + 3, 3.8 * scale, 0.8);
  wx_pdf_layout_text (layout, tx, y + 10.6 * scale, 48, 2.6 * scale, 5.5 * scale, WX_PDF_MIN_SIZE,
                      WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE, _(copies[copy].hint));

  if (!wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_CODE128, doc->number, X0 + 141, y + 0.5, 36, 7.5 * scale, error))
    return FALSE;
  wx_pdf_layout_text (layout, X0 + 137, y + 0.8 + 7.5 * scale, 44, 3.8 * scale, 9 * scale, 6,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_CENTER | WX_PDF_TEXT_ONE_LINE, number);
  return wx_pdf_layout_barcode (layout, WX_PDF_BARCODE_QR, doc->number, X0 + 182, y, 12, 12 * scale, error);
}

/* The intake, every field of domain.md section 2; returns where it ends. */
static double
draw_intake (WxPdfLayout *layout, const WxDbDocument *doc, double y, double scale)
{
  const double h = 4.2 * scale;
  g_autofree char *phones = wx_pdf_phones_text (doc);
  g_autofree char *fax_email = wx_pdf_fax_email_text (doc);
  g_autofree char *machine = wx_pdf_machine_text (doc);
  g_autofree char *accessories = wx_pdf_accessories_text (doc);
  g_autofree char *warranty = wx_pdf_warranty_text (doc);
  g_autofree char *remarks = wx_pdf_remarks_text (doc);
  const Cell r1[] = { { _("Unit name"), doc->unit_name, 0.67 }, { _("Kind"), wx_order_kind_label (doc->kind), 0 } };
  const Cell r2[] = { { _("Unit address"), doc->unit_address, 0.67 }, { _("Contact person"), doc->contact_person, 0 } };
  const Cell r3[] = { { _("Mobile / phone"), phones, 0.5 }, { _("Fax / email"), fax_email, 0 } };
  const Cell r4[] = { { _("End user"), doc->end_user, 0.25 }, { _("User phone"), doc->end_user_phone, 0.25 },
                      { _("Floor / department"), doc->floor_department, 0 } };
  const Cell r5[] = { { _("Product"), doc->product_name, 0.22 }, { _("Model"), machine, 0.28 },
                      { _("Serial number"), doc->serial, 0.26 }, { _("Asset number"), doc->asset_number, 0 } };
  const Cell r6[] = { { _("Accessories left"), accessories, 1 } };
  const Cell r7[] = { { _("Reported fault"), doc->reported_fault, 1 } };
  const Cell r8[] = { { _("Appearance and configuration"), doc->appearance_check, 1 } };
  const Cell r9[] = { { _("Warranty"), warranty, 0.36 }, { _("Remarks"), remarks, 0 } };
  const Cell r10[] = { { _("Data backup"), wx_code_label (WX_CODE_BACKUP, doc->backup), 0.36 },
                       { _("Received by"), doc->received_by, 0.3 }, { _("Received at"), doc->received_at, 0 } };

  row (layout, X0, y, WIDTH, h, scale, r1, G_N_ELEMENTS (r1));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r2, G_N_ELEMENTS (r2));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r3, G_N_ELEMENTS (r3));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r4, G_N_ELEMENTS (r4));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r5, G_N_ELEMENTS (r5));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r6, G_N_ELEMENTS (r6));           y += h;
  row (layout, X0, y, WIDTH, 7.6 * scale, scale, r7, G_N_ELEMENTS (r7)); y += 7.6 * scale;
  row (layout, X0, y, WIDTH, h, scale, r8, G_N_ELEMENTS (r8));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r9, G_N_ELEMENTS (r9));           y += h;
  row (layout, X0, y, WIDTH, h, scale, r10, G_N_ELEMENTS (r10));         y += h;
  return y;
}

/* Dispatch, inspection, quote, decision, repair, pickup: labels and room to write. */
static void
draw_later (WxPdfLayout *layout, double y, double width, double row_height, double scale)
{
  const Cell l1[] = { { _("Dispatched at"), NULL, 0.34 }, { _("Engineer"), NULL, 0.33 }, { _("Appointment"), NULL, 0 } };
  const Cell l2[] = { { _("Fault analysis"), NULL, 1 } };
  const Cell l3[] = { { _("Measures and result"), NULL, 0.6 }, { _("Parts to replace / part no."), NULL, 0 } };
  const Cell l4[] = { { _("Inspected by, time"), NULL, 0.34 }, { _("Quoted at, amount"), NULL, 0.33 },
                      { _("Quoted how, to whom"), NULL, 0 } };
  const Cell l5[] = { { _("Customer agrees / declines, time"), NULL, 0.34 }, { _("Repaired by, time"), NULL, 0.33 },
                      { _("Old parts: □ to customer □ kept"), NULL, 0 } };
  const Cell l6[] = { { _("Customer notified at"), NULL, 0.34 }, { _("Picked up / delivered by, time"), NULL, 0.33 },
                      { _("□ Accessories checked □ Paid"), NULL, 0 } };
  const Cell *rows[] = { l1, l2, l3, l4, l5, l6 };
  const guint n_cells[] = { G_N_ELEMENTS (l1), G_N_ELEMENTS (l2), G_N_ELEMENTS (l3),
                            G_N_ELEMENTS (l4), G_N_ELEMENTS (l5), G_N_ELEMENTS (l6) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    row (layout, X0, y + i * row_height, width, row_height, scale, rows[i], n_cells[i]);
}

static void
draw_notice (WxPdfLayout *layout, const WxDbDocument *doc, double x, double y, double width, double height, double scale)
{
  wx_pdf_layout_rect (layout, x, y, width, height, 0.8);
  wx_pdf_layout_text (layout, x + 1.5, y + 0.8, width - 3, 3.4 * scale, 7.5 * scale, 6,
                      WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE, _("Important notice"));
  wx_pdf_layout_text (layout, x + 1.5, y + 0.8 + 3.6 * scale, width - 3, height - 1.6 - 3.6 * scale,
                      6.2 * scale, WX_PDF_MIN_SIZE, 0, doc->notice);
}

static void
draw_signatures (WxPdfLayout *layout, const WxDbDocument *doc, Copy copy, double y, double height, double scale)
{
  g_autofree char *shelf = g_strdup_printf (_("Shelf: %s"), wx_pdf_shelf_label (doc));
  const char *labels[N_COPIES][4] = {
    [COPY_STUB]     = { _("Customer signature"), _("Date"), _("Coordinator confirms"), _("Supervisor reviewed") },
    [COPY_MACHINE]  = { NULL, _("OK □  Engineer"), _("Date"), _("Verified at pickup") },
    [COPY_CUSTOMER] = { _("Customer signature (notice read)"), _("Date"), _("Collected by"), _("Date") },
  };
  const double widths[4] = { 60, 38, 50, 46 };
  double x = X0;

  for (guint i = 0; i < 4; i++)
    {
      if (labels[copy][i])
        wx_pdf_signature (layout, x, y, widths[i] - 3, height, scale, labels[copy][i]);
      else
        wx_pdf_layout_text (layout, x, y, widths[i] - 3, height, 7.5 * scale, 6,
                            WX_PDF_TEXT_BOLD | WX_PDF_TEXT_ONE_LINE | WX_PDF_TEXT_MIDDLE, shelf);
      x += widths[i];
    }
}

static gboolean
draw_copy (WxPdfLayout *layout, const WxDbDocument *doc, Copy copy, double top, double height, double scale,
           GError **error)
{
  double y = top + 4 * scale;
  double later_height, row_height, later_width;

  if (!draw_header (layout, doc, copy, y, scale, error))
    return FALSE;
  y = draw_intake (layout, doc, y + 13.5 * scale, scale) + 0.8 * scale;

  /* What is left above the signatures goes to the later sections. */
  later_height = top + height - 3 * scale - 6 * scale - 0.8 * scale - y;
  row_height = MIN (later_height / 6, 15 * scale);
  later_width = copy == COPY_CUSTOMER ? WIDTH * 0.58 : WIDTH;
  draw_later (layout, y, later_width, row_height, scale);
  if (copy == COPY_CUSTOMER)
    draw_notice (layout, doc, X0 + later_width + 1.5, y, WIDTH - later_width - 1.5, 6 * row_height, scale);
  draw_signatures (layout, doc, copy, y + 6 * row_height + 0.8 * scale, 6 * scale, scale);
  return TRUE;
}

WxPdfLayout *
wx_pdf_form_build (const WxDbDocument *doc, WxPdfFormLayout form_layout, GError **error)
{
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (error);

  if (layout == NULL)
    return NULL;
  for (Copy copy = 0; copy < N_COPIES; copy++)
    {
      if (form_layout == WX_PDF_FORM_THREE_PAGES)
        {
          wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
          if (!draw_copy (layout, doc, copy, 0, WX_PDF_A4_HEIGHT, 1.6, error))
            return NULL;
          continue;
        }
      if (copy == COPY_STUB)
        wx_pdf_layout_add_page (layout, WX_PDF_A4_WIDTH, WX_PDF_A4_HEIGHT);
      else
        wx_pdf_layout_line (layout, 3, copy * COPY_HEIGHT, WX_PDF_A4_WIDTH - 3, copy * COPY_HEIGHT, 0.5, TRUE);
      if (!draw_copy (layout, doc, copy, copy * COPY_HEIGHT, COPY_HEIGHT, 1.0, error))
        return NULL;
    }
  return g_steal_pointer (&layout);
}

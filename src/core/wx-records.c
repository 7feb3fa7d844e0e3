#define G_LOG_DOMAIN "wx-records"

#include <stdio.h>

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-records.h"
#include "wx-validate.h"

#define FAIL_AT(name) G_STMT_START { if (field) *field = (name); return FALSE; } G_STMT_END

/* ------------------------------------------------------------ categories */

static const char *category_labels[WX_N_MACHINE_CATEGORIES] = {
  [WX_MACHINE_PC]             = N_("Desktop PC"),
  [WX_MACHINE_LAPTOP]         = N_("Laptop"),
  [WX_MACHINE_SERVER]         = N_("Server"),
  [WX_MACHINE_LASER_PRINTER]  = N_("Laser printer"),
  [WX_MACHINE_INKJET_PRINTER] = N_("Inkjet printer"),
  [WX_MACHINE_OTHER]          = N_("Other machine"),
};

/* Words that name a category, most specific first: 笔记本电脑 is a laptop
 * before it is a 电脑, 激光多功能一体机 a laser printer before an 一体机. */
static const WxCategoryWord category_words[] = {
  { WX_MACHINE_LASER_PRINTER,  "激光" },
  { WX_MACHINE_LASER_PRINTER,  "laser" },
  { WX_MACHINE_LASER_PRINTER,  "复印机" },
  { WX_MACHINE_LASER_PRINTER,  "copier" },
  { WX_MACHINE_INKJET_PRINTER, "喷墨" },
  { WX_MACHINE_INKJET_PRINTER, "inkjet" },
  { WX_MACHINE_INKJET_PRINTER, "ink jet" },
  { WX_MACHINE_INKJET_PRINTER, "deskjet" },
  { WX_MACHINE_INKJET_PRINTER, "officejet" },
  { WX_MACHINE_INKJET_PRINTER, "pixma" },
  { WX_MACHINE_INKJET_PRINTER, "smart tank" },
  { WX_MACHINE_INKJET_PRINTER, "墨仓" },
  { WX_MACHINE_OTHER,          "绘图仪" },
  { WX_MACHINE_OTHER,          "plotter" },
  { WX_MACHINE_OTHER,          "designjet" },
  { WX_MACHINE_LASER_PRINTER,  "打印机" },   /* a printer of no stated kind: the same tests */
  { WX_MACHINE_LASER_PRINTER,  "printer" },
  { WX_MACHINE_LASER_PRINTER,  "多功能一体机" },
  { WX_MACHINE_LAPTOP,         "笔记本" },
  { WX_MACHINE_LAPTOP,         "手提电脑" },
  { WX_MACHINE_LAPTOP,         "laptop" },
  { WX_MACHINE_LAPTOP,         "notebook" },
  { WX_MACHINE_LAPTOP,         "thinkpad" },
  { WX_MACHINE_LAPTOP,         "macbook" },
  { WX_MACHINE_LAPTOP,         "matebook" },
  { WX_MACHINE_SERVER,         "服务器" },
  { WX_MACHINE_SERVER,         "server" },
  { WX_MACHINE_SERVER,         "poweredge" },
  { WX_MACHINE_SERVER,         "proliant" },
  { WX_MACHINE_PC,             "台式" },
  { WX_MACHINE_PC,             "电脑" },
  { WX_MACHINE_PC,             "主机" },
  { WX_MACHINE_PC,             "工作站" },
  { WX_MACHINE_PC,             "一体机" },
  { WX_MACHINE_PC,             "desktop" },
  { WX_MACHINE_PC,             "workstation" },
  { WX_MACHINE_PC,             "computer" },
  { WX_MACHINE_PC,             "optiplex" },
  { WX_MACHINE_PC,             "thinkcentre" },
  { WX_MACHINE_PC,             "prodesk" },
};

static const char *const category_codes[WX_N_MACHINE_CATEGORIES] = {
  [WX_MACHINE_PC] = "pc", [WX_MACHINE_LAPTOP] = "laptop", [WX_MACHINE_SERVER] = "server",
  [WX_MACHINE_LASER_PRINTER] = "laser_printer", [WX_MACHINE_INKJET_PRINTER] = "inkjet_printer",
  [WX_MACHINE_OTHER] = "other",
};

const char *
wx_machine_category_to_code (WxMachineCategory category)
{
  g_return_val_if_fail ((guint) category < WX_N_MACHINE_CATEGORIES, NULL);
  return category_codes[category];
}

const WxCategoryWord *
wx_machine_category_words (guint *n_words)
{
  *n_words = G_N_ELEMENTS (category_words);
  return category_words;
}

/* Whether the ASCII word "pc" stands alone in `text` (not in "pcie"). */
static gboolean
has_word_pc (const char *text)
{
  for (const char *p = strstr (text, "pc"); p; p = strstr (p + 1, "pc"))
    if ((p == text || !g_ascii_isalnum (p[-1])) && !g_ascii_isalpha (p[2]))
      return TRUE;
  return FALSE;
}

WxMachineCategory
wx_machine_category_guess (const char *product_name,
                           const char *model)
{
  g_autofree char *joined = g_strdup_printf ("%s %s", product_name ? product_name : "", model ? model : "");
  g_autofree char *text = g_utf8_strdown (joined, -1);

  for (guint i = 0; i < G_N_ELEMENTS (category_words); i++)
    if (strstr (text, category_words[i].word))
      return category_words[i].category;
  return has_word_pc (text) ? WX_MACHINE_PC : WX_MACHINE_OTHER;
}

const char *
wx_machine_category_label (WxMachineCategory category)
{
  g_return_val_if_fail ((guint) category < WX_N_MACHINE_CATEGORIES, NULL);
  return _(category_labels[category]);
}

/* ------------------------------------------------------------ functional tests
 * Seed 000 工程师 操作细则 六、功能测试要求:
 *   1 笔记本和台式机: 加电自检, CPU/MEMORY/HDD 等参数与送修时一致; 诊断工具全面测试.
 *   2 激光和喷墨打印机: 自检测试通过; 联机打印通过; 连续打印 10 页以上, 各纸槽及纸盒走纸正常.
 *   3 其他: 参考各类产品维修手册进行检测. */

static const WxTestItem computer_tests[] = {
  { "post",          N_("Power-on self-test passed"),                                FALSE },
  { "configuration", N_("CPU, memory, disks and other parts match the intake"),     FALSE },
  { "diagnostics",   N_("Full test with the diagnostics software passed"),          FALSE },
};

static const WxTestItem printer_tests[] = {
  { "self_test",        N_("Self-test passed"),                                      FALSE },
  { "online_print",     N_("Printed from a computer (online test)"),                FALSE },
  { "continuous_print", N_("10 or more pages in a row; every tray and cassette feeds"), FALSE },
};

static const WxTestItem other_tests[] = {
  { "manual", N_("Tested as the product's service manual says"), TRUE },
};

const WxTestItem *
wx_functional_tests (WxMachineCategory category,
                     guint            *n_items)
{
  switch (category)
    {
    case WX_MACHINE_PC:
    case WX_MACHINE_LAPTOP:
    case WX_MACHINE_SERVER:
      *n_items = G_N_ELEMENTS (computer_tests);
      return computer_tests;
    case WX_MACHINE_LASER_PRINTER:
    case WX_MACHINE_INKJET_PRINTER:
      *n_items = G_N_ELEMENTS (printer_tests);
      return printer_tests;
    case WX_MACHINE_OTHER:
    default:
      *n_items = G_N_ELEMENTS (other_tests);
      return other_tests;
    }
}

const char *
wx_cleaning_label (WxMachineCategory category)
{
  switch (category)
    {
    case WX_MACHINE_PC:
    case WX_MACHINE_LAPTOP:
    case WX_MACHINE_SERVER:
      return _("Cleaned and serviced: case, screen, fans, keyboard");
    case WX_MACHINE_LASER_PRINTER:
    case WX_MACHINE_INKJET_PRINTER:
      return _("Cleaned and serviced: case and paper path");
    case WX_MACHINE_OTHER:
    default:
      return _("Cleaned and serviced");
    }
}

/* ------------------------------------------------------------ parts */

char *
wx_part_line_describe (const WxPartLine *line)
{
  GString *out = g_string_new (line->name ? line->name : "");

  if (wx_validate_filled (line->part_number))
    g_string_append_printf (out, " (%s)", line->part_number);
  if (line->quantity > 1)
    g_string_append_printf (out, " × %d", line->quantity);
  return g_string_free (out, FALSE);
}

/* A list of parts: each named, 1 to 1000 of it, a price in range. */
static gboolean
check_parts (GArray *parts, gboolean need_catalogue, GError **error)
{
  for (guint i = 0; parts && i < parts->len; i++)
    {
      const WxPartLine *l = &g_array_index (parts, WxPartLine, i);

      if (!wx_validate_filled (l->name))
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("Part %u has no name: pick it from the catalogue or type what it is."), i + 1);
          return FALSE;
        }
      if (!wx_validate_required (l->name, _("Part name"), 200, error))
        return FALSE;
      if (l->part_number && g_utf8_strlen (l->part_number, -1) > 60)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The part number of “%s” is longer than 60 characters."), l->name);
          return FALSE;
        }
      if (l->quantity < 1 || l->quantity > 1000)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The quantity of “%s” must be from 1 to 1000."), l->name);
          return FALSE;
        }
      if (l->unit_price < 0 || l->unit_price > WX_MONEY_MAX)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The price of “%s” is negative or too large."), l->name);
          return FALSE;
        }
      if (need_catalogue && l->part_id <= 0)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("“%s” is not in the parts catalogue, so it cannot come from stock."), l->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------ inspection */

WxMoney
wx_inspection_suggested_price (const WxInspectionInput *in)
{
  WxMoney total = MAX (in->labour, 0);

  for (guint i = 0; in->parts && i < in->parts->len; i++)
    {
      const WxPartLine *l = &g_array_index (in->parts, WxPartLine, i);
      total += l->unit_price * MAX (l->quantity, 0);
    }
  return total;
}

char *
wx_inspection_parts_text (const WxInspectionInput *in)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; in->parts && i < in->parts->len; i++)
    {
      g_autofree char *one = wx_part_line_describe (&g_array_index (in->parts, WxPartLine, i));

      if (out->len)
        g_string_append (out, _("; "));
      g_string_append (out, one);
    }
  return g_string_free (out, FALSE);
}

static gboolean
optional_max (const char *text, const char *label, gsize max_chars, GError **error)
{
  return !wx_validate_filled (text) || wx_validate_required (text, label, max_chars, error);
}

gboolean
wx_inspection_input_check (const WxInspectionInput *in,
                           const char             **field,
                           GError                 **error)
{
  if (in->outsource)
    {
      if (in->peer_id <= 0)
        {
          if (!wx_validate_filled (in->peer_name))
            {
              g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                                   _("Choose the peer shop, or enter the new one's name, address, phone and contact."));
              FAIL_AT ("peer");
            }
          if (!wx_validate_required (in->peer_name, _("Peer shop"), 200, error))
            FAIL_AT ("peer_name");
          if (!wx_validate_filled (in->peer_phone))
            {
              g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                                   _("The engineer who follows the machine needs the peer shop's phone number."));
              FAIL_AT ("peer_phone");
            }
          if (!wx_validate_phone (in->peer_phone, error))
            FAIL_AT ("peer_phone");
          if (!optional_max (in->peer_address, _("Address"), 300, error))
            FAIL_AT ("peer_address");
          if (!optional_max (in->peer_contact, _("Contact"), 60, error))
            FAIL_AT ("peer_contact");
        }
      if (!optional_max (in->fault_analysis, _("Fault analysis"), 2000, error))
        FAIL_AT ("fault_analysis");
      return TRUE;
    }
  if (!wx_validate_filled (in->fault_analysis))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Write the fault analysis: what is wrong and why."));
      FAIL_AT ("fault_analysis");
    }
  if (!wx_validate_required (in->fault_analysis, _("Fault analysis"), 2000, error))
    FAIL_AT ("fault_analysis");
  if (!optional_max (in->measures, _("Measures and result"), 2000, error))
    FAIL_AT ("measures");
  if (!check_parts (in->parts, FALSE, error))
    FAIL_AT ("parts");
  for (guint i = 0; in->parts && i < in->parts->len; i++)
    if (g_array_index (in->parts, WxPartLine, i).issue && g_array_index (in->parts, WxPartLine, i).part_id <= 0)
      {
        g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                     _("“%s” is not in the parts catalogue, so it cannot come from stock."),
                     g_array_index (in->parts, WxPartLine, i).name);
        FAIL_AT ("parts");
      }
  if (in->labour < 0 || in->labour > WX_MONEY_MAX)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The labour charge is negative or too large."));
      FAIL_AT ("labour");
    }
  if (wx_inspection_suggested_price (in) > WX_MONEY_MAX)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The suggested price is larger than the shop can handle."));
      FAIL_AT ("parts");
    }
  if (!wx_validate_filled (in->explanation))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Explain the fault for the coordinator in plain words, so the customer understands the quote."));
      FAIL_AT ("explanation");
    }
  if (!wx_validate_required (in->explanation, _("Explanation"), 2000, error))
    FAIL_AT ("explanation");
  return TRUE;
}

/* ------------------------------------------------------------ repair */

static const char *old_parts_codes[] = { "returned_to_customer", "kept_by_supervisor", "none" };

gboolean
wx_repair_input_check (const WxRepairInput *in,
                       const char         **field,
                       GError             **error)
{
  guint n_items = 0;
  const WxTestItem *items = wx_functional_tests (in->category, &n_items);
  gboolean old_known = in->old_parts == NULL;
  guint n_used = in->n_issued_kept + (in->parts_used ? in->parts_used->len : 0);

  if (!wx_validate_filled (in->repair_notes))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Write what was repaired (the repair notes)."));
      FAIL_AT ("repair_notes");
    }
  if (!wx_validate_required (in->repair_notes, _("Repair notes"), 2000, error))
    FAIL_AT ("repair_notes");
  if (!check_parts (in->parts_used, FALSE, error))
    FAIL_AT ("parts");
  for (guint i = 0; in->parts_returned && i < in->parts_returned->len; i++)
    {
      const WxPartLine *l = &g_array_index (in->parts_returned, WxPartLine, i);

      if (l->part_id <= 0 || l->quantity < 1)
        {
          g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                               _("Only parts issued to this order can be returned to stock."));
          FAIL_AT ("returned");
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (old_parts_codes); i++)
    old_known |= g_strcmp0 (in->old_parts, old_parts_codes[i]) == 0;
  if (!old_known)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Unknown destination “%s” for the old parts: use returned_to_customer, kept_by_supervisor or none."),
                   in->old_parts);
      FAIL_AT ("old_parts");
    }
  if (n_used > 0 && (in->old_parts == NULL || g_str_equal (in->old_parts, "none")))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Parts were replaced: say whether the old parts go back to the customer or to the supervisor's old-parts store."));
      FAIL_AT ("old_parts");
    }
  /* Every item of the category's test, passed; "per manual" with a note. */
  for (guint i = 0; i < n_items; i++)
    {
      const WxTestResult *r = NULL;

      for (guint j = 0; in->tests && j < in->tests->len; j++)
        if (g_strcmp0 (g_array_index (in->tests, WxTestResult, j).code, items[i].code) == 0)
          r = &g_array_index (in->tests, WxTestResult, j);
      if (r == NULL || !r->passed)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The functional test “%s” has not passed: a machine is OK only when every test of its kind passes."),
                       _(items[i].label));
          FAIL_AT (items[i].code);
        }
      if (items[i].needs_note && !wx_validate_filled (r->note))
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("Say how it was tested (“%s”)."), _(items[i].label));
          FAIL_AT (items[i].code);
        }
      if (r->note && g_utf8_strlen (r->note, -1) > 500)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The note on “%s” is longer than 500 characters."), _(items[i].label));
          FAIL_AT (items[i].code);
        }
    }
  if (!in->cleaned)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Clean and service the machine before it goes on the OK shelf (%s)."),
                   wx_cleaning_label (in->category));
      FAIL_AT ("cleaned");
    }
  return TRUE;
}

char *
wx_repair_tests_codes (const WxRepairInput *in)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; in->tests && i < in->tests->len; i++)
    {
      const WxTestResult *r = &g_array_index (in->tests, WxTestResult, i);

      if (!r->passed)
        continue;
      if (out->len)
        g_string_append_c (out, ',');
      g_string_append (out, r->code);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ part orders */

gboolean
wx_part_order_input_check (const WxPartOrderInput *in,
                           GDate                  *today,
                           const char            **field,
                           GError                **error)
{
  GDate expected;

  if (!wx_validate_filled (in->name))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Say which part to order: pick it from the catalogue or type its name."));
      FAIL_AT ("part");
    }
  if (!wx_validate_required (in->name, _("Part"), 150, error))
    FAIL_AT ("part");
  if (in->quantity < 1 || in->quantity > 1000)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Order from 1 to 1000 of a part."));
      FAIL_AT ("quantity");
    }
  if (in->supplier_id <= 0)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Choose the supplier the part is ordered from."));
      FAIL_AT ("supplier");
    }
  g_date_clear (&expected, 1);
  if (in->expected_on == NULL || strlen (in->expected_on) != 10)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Enter the day the part is expected, as YYYY-MM-DD."));
      FAIL_AT ("expected_on");
    }
  {
    guint y = 0, m = 0, d = 0;

    if (sscanf (in->expected_on, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
      {
        g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                     _("“%s” is not a day: enter the expected day as YYYY-MM-DD."), in->expected_on);
        FAIL_AT ("expected_on");
      }
    g_date_set_dmy (&expected, d, m, y);
  }
  if (today && g_date_valid (today) && g_date_compare (&expected, today) < 0)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The expected day is in the past."));
      FAIL_AT ("expected_on");
    }
  if (in->cost > WX_MONEY_MAX)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The cost is larger than the shop can handle."));
      FAIL_AT ("cost");
    }
  return TRUE;
}

char *
wx_part_order_describe (const WxPartOrderInput *in)
{
  WxPartLine line = { in->part_id, in->part_number, in->name, in->quantity, 0, FALSE };

  return wx_part_line_describe (&line);
}

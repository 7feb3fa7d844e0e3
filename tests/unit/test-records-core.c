/* The engineer's records in core (src/core/wx-records.c): the machine's
 * category from what the front desk wrote, its functional tests from the
 * seed's 功能测试要求, and the checks of an inspection, a repair and a part
 * order, each naming the field at fault. */
#include "core/wx-error.h"
#include "core/wx-records.h"

static void
test_category_guess (void)
{
  static const struct { const char *product, *model; WxMachineCategory expected; } cases[] = {
    { "激光打印机",       "HP LaserJet Pro M404dn",      WX_MACHINE_LASER_PRINTER },
    { "激光多功能一体机", "Canon imageCLASS MF643Cdw",   WX_MACHINE_LASER_PRINTER },
    { "打印机",           "Brother HL-2260D",            WX_MACHINE_LASER_PRINTER },
    { "Printer",          "LaserJet M1005",              WX_MACHINE_LASER_PRINTER },
    { "喷墨打印机",       "Epson L3158",                 WX_MACHINE_INKJET_PRINTER },
    { "Inkjet printer",   "HP DeskJet 2720",             WX_MACHINE_INKJET_PRINTER },
    { "",                 "Canon PIXMA G3800",           WX_MACHINE_INKJET_PRINTER },
    { "笔记本电脑",       "Lenovo ThinkPad T14",         WX_MACHINE_LAPTOP },
    { "Laptop",           "Dell Latitude 5420",          WX_MACHINE_LAPTOP },
    { "台式机",           "Lenovo 启天 M430",            WX_MACHINE_PC },
    { "台式电脑",         "Dell OptiPlex 7090",          WX_MACHINE_PC },
    { "PC",               "HP ProDesk 400 G7",           WX_MACHINE_PC },
    { "Desktop computer", "",                            WX_MACHINE_PC },
    { "服务器",           "Dell PowerEdge R740",         WX_MACHINE_SERVER },
    { "Server",           "HPE ProLiant DL380 Gen10",    WX_MACHINE_SERVER },
    { "绘图仪",           "HP DesignJet T650",           WX_MACHINE_OTHER },
    { "投影仪",           "Epson CB-X49",                WX_MACHINE_OTHER },
    { "交换机",           "H3C S5130-28S-EI",            WX_MACHINE_OTHER },
    { "PCIe 网卡",        "TG-3468",                     WX_MACHINE_OTHER },
    { NULL,               NULL,                          WX_MACHINE_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WxMachineCategory c = wx_machine_category_guess (cases[i].product, cases[i].model);
      if (c != cases[i].expected)
        g_error ("%s / %s: expected %s, got %s", cases[i].product, cases[i].model,
                 wx_machine_category_label (cases[i].expected), wx_machine_category_label (c));
    }
}

static gboolean
has_item (WxMachineCategory category, const char *code)
{
  guint n = 0;
  const WxTestItem *items = wx_functional_tests (category, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (items[i].code, code))
      return TRUE;
  return FALSE;
}

static void
test_checklists (void)
{
  guint n = 0;
  const WxTestItem *other = wx_functional_tests (WX_MACHINE_OTHER, &n);

  /* 笔记本和台式机: POST, the configuration of the intake, diagnostics. */
  for (WxMachineCategory c = WX_MACHINE_PC; c <= WX_MACHINE_SERVER; c++)
    g_assert_true (has_item (c, "post") && has_item (c, "configuration") && has_item (c, "diagnostics"));
  /* 激光和喷墨打印机: self-test, online print, 10+ pages from every tray. */
  for (WxMachineCategory c = WX_MACHINE_LASER_PRINTER; c <= WX_MACHINE_INKJET_PRINTER; c++)
    g_assert_true (has_item (c, "self_test") && has_item (c, "online_print") && has_item (c, "continuous_print"));
  g_assert_false (has_item (WX_MACHINE_PC, "self_test"));
  /* 其他: per the manual, with a note of what was done. */
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (other[0].needs_note);
  g_assert_nonnull (strstr (wx_cleaning_label (WX_MACHINE_LAPTOP), "keyboard"));
  g_assert_nonnull (strstr (wx_cleaning_label (WX_MACHINE_INKJET_PRINTER), "paper path"));
}

/* `field` and `error` are read after the check ran (argument order). */
static void
expect_field (gboolean ok, const char **field, GError **error, const char *expected_field)
{
  g_assert_false (ok);
  g_assert_error (*error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_cmpstr (*field, ==, expected_field);
  g_assert_cmpuint (strlen ((*error)->message), >, 10);
  g_test_message ("%s: %s", *field, (*error)->message);
}

static void
test_inspection_check (void)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  WxPartLine fuser = { 7, "RM2-5425", "定影组件", 1, 65000, FALSE };
  WxPartLine typed = { 0, "", "密封垫", 2, 500, FALSE };
  WxInspectionInput in = { .fault_analysis = "定影组件损坏", .parts = parts, .labour = 12000,
                           .explanation = "加热部件坏了，换新的。" };
  g_autofree char *text = NULL;
  const char *field = NULL;
  GError *error = NULL;

  g_array_append_val (parts, fuser);
  g_array_append_val (parts, typed);
  g_assert_true (wx_inspection_input_check (&in, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wx_inspection_suggested_price (&in), ==, 65000 + 1000 + 12000);
  text = wx_inspection_parts_text (&in);
  g_assert_cmpstr (text, ==, "定影组件 (RM2-5425); 密封垫 × 2");

  in.fault_analysis = "  ";
  expect_field (wx_inspection_input_check (&in, &field, &error), &field, &error, "fault_analysis");
  g_clear_error (&error);
  in.fault_analysis = "定影组件损坏";
  in.explanation = NULL;
  expect_field (wx_inspection_input_check (&in, &field, &error), &field, &error, "explanation");
  g_clear_error (&error);
  in.explanation = "加热部件坏了，换新的。";
  g_array_index (parts, WxPartLine, 1).quantity = 0;
  expect_field (wx_inspection_input_check (&in, &field, &error), &field, &error, "parts");
  g_clear_error (&error);
  g_array_index (parts, WxPartLine, 1).quantity = 2;
  g_array_index (parts, WxPartLine, 1).issue = TRUE;   /* typed: not from stock */
  expect_field (wx_inspection_input_check (&in, &field, &error), &field, &error, "parts");
  g_clear_error (&error);
  g_array_index (parts, WxPartLine, 1).issue = FALSE;
  in.labour = -1;
  expect_field (wx_inspection_input_check (&in, &field, &error), &field, &error, "labour");
  g_clear_error (&error);

  /* A peer shop instead: chosen, or new with a phone. */
  {
    WxInspectionInput peer = { .outsource = TRUE };

    expect_field (wx_inspection_input_check (&peer, &field, &error), &field, &error, "peer");
    g_clear_error (&error);
    peer.peer_name = "捷修电子维修部";
    expect_field (wx_inspection_input_check (&peer, &field, &error), &field, &error, "peer_phone");
    g_clear_error (&error);
    peer.peer_phone = "020-85201234";
    g_assert_true (wx_inspection_input_check (&peer, &field, &error));
    peer.peer_name = NULL;
    peer.peer_id = 3;
    g_assert_true (wx_inspection_input_check (&peer, &field, &error));
  }
}

static void
test_repair_check (void)
{
  g_autoptr(GArray) tests = g_array_new (FALSE, TRUE, sizeof (WxTestResult));
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  WxPartLine fuser = { 7, "RM2-5425", "定影组件", 1, 65000, FALSE };
  WxRepairInput in = { .category = WX_MACHINE_LASER_PRINTER, .parts_used = used, .old_parts = "kept_by_supervisor",
                       .tests = tests, .cleaned = TRUE, .repair_notes = "更换定影组件" };
  g_autofree char *codes = NULL;
  const char *field = NULL;
  GError *error = NULL;
  guint n = 0;
  const WxTestItem *items = wx_functional_tests (in.category, &n);

  g_array_append_val (used, fuser);
  for (guint i = 0; i < n; i++)
    {
      WxTestResult r = { items[i].code, TRUE, NULL };
      g_array_append_val (tests, r);
    }
  g_assert_true (wx_repair_input_check (&in, &field, &error));
  codes = wx_repair_tests_codes (&in);
  g_assert_cmpstr (codes, ==, "self_test,online_print,continuous_print");

  g_array_index (tests, WxTestResult, 1).passed = FALSE;
  expect_field (wx_repair_input_check (&in, &field, &error), &field, &error, "online_print");
  g_clear_error (&error);
  g_array_index (tests, WxTestResult, 1).passed = TRUE;
  in.cleaned = FALSE;
  expect_field (wx_repair_input_check (&in, &field, &error), &field, &error, "cleaned");
  g_clear_error (&error);
  in.cleaned = TRUE;
  in.old_parts = "none";
  expect_field (wx_repair_input_check (&in, &field, &error), &field, &error, "old_parts");
  g_clear_error (&error);
  in.old_parts = "binned";
  expect_field (wx_repair_input_check (&in, &field, &error), &field, &error, "old_parts");
  g_clear_error (&error);
  in.old_parts = "returned_to_customer";
  in.repair_notes = "";
  expect_field (wx_repair_input_check (&in, &field, &error), &field, &error, "repair_notes");
  g_clear_error (&error);

  /* Other machines: per the manual, saying how. */
  {
    g_autoptr(GArray) manual = g_array_new (FALSE, TRUE, sizeof (WxTestResult));
    WxTestResult r = { "manual", TRUE, "" };
    WxRepairInput other = { .category = WX_MACHINE_OTHER, .tests = manual, .cleaned = TRUE, .repair_notes = "更换灯泡" };

    g_array_append_val (manual, r);
    expect_field (wx_repair_input_check (&other, &field, &error), &field, &error, "manual");
    g_clear_error (&error);
    g_array_index (manual, WxTestResult, 0).note = "灯泡计时清零，投影 30 分钟正常";
    g_assert_true (wx_repair_input_check (&other, &field, &error));
  }
}

static void
test_part_order_check (void)
{
  WxPartOrderInput in = { 5, "LCD-X49", "液晶板组件", 1, 2, "2026-11-25", TRUE, 140000 };
  GDate today;
  g_autofree char *what = NULL;
  const char *field = NULL;
  GError *error = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2026);
  g_assert_true (wx_part_order_input_check (&in, &today, &field, &error));
  what = wx_part_order_describe (&in);
  g_assert_cmpstr (what, ==, "液晶板组件 (LCD-X49)");

  in.expected_on = "2026-11-17";
  expect_field (wx_part_order_input_check (&in, &today, &field, &error), &field, &error, "expected_on");
  g_clear_error (&error);
  in.expected_on = "2026-02-30";
  expect_field (wx_part_order_input_check (&in, &today, &field, &error), &field, &error, "expected_on");
  g_clear_error (&error);
  in.expected_on = "2026-11-25";
  in.supplier_id = 0;
  expect_field (wx_part_order_input_check (&in, &today, &field, &error), &field, &error, "supplier");
  g_clear_error (&error);
  in.supplier_id = 2;
  in.quantity = 0;
  expect_field (wx_part_order_input_check (&in, &today, &field, &error), &field, &error, "quantity");
  g_clear_error (&error);
  in.quantity = 1;
  in.name = " ";
  expect_field (wx_part_order_input_check (&in, &today, &field, &error), &field, &error, "part");
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/records/category-guess", test_category_guess);
  g_test_add_func ("/records/checklists", test_checklists);
  g_test_add_func ("/records/inspection-check", test_inspection_check);
  g_test_add_func ("/records/repair-check", test_repair_check);
  g_test_add_func ("/records/part-order-check", test_part_order_check);
  return g_test_run ();
}

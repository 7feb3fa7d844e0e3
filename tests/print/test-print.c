/* The printed documents, made from a real database with demo orders and read
 * back as a user's tools see them: pdftotext, pdffonts, pdfinfo, pdftoppm +
 * zbarimg. A pathological order (every field at its longest, a multi-line
 * fault, 12 accessories, 30 quote lines) checks that no text leaves its box,
 * by the layout's own record and by where poppler finds the words. PNGs of
 * every document go to _build/print for people to look at. */
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/wx-i18n.h"
#include "core/wx-money.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-document.h"
#include "print/wx-pdf.h"
#include "print/wx-pdf-error.h"
#include "print/wx-pdf-font.h"
#include "print/wx-pdf-report.h"
#include "wx-test-db.h"

static char *conninfo;
static char *demo_number;     /* a demo order with accessories left and a quote */
static char *long_number;     /* every field at its longest */
static char *out_dir;         /* PDFs and PNGs to look at */
static char *lang_tag;        /* "en" or "zh_CN": this process's language */

/* ------------------------------------------------------------ running tools */

typedef struct {
  int   status;
  char *out;
  char *err;
} Ran;

static void
ran_clear (Ran *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ran, ran_clear)

/* Runs `argv` with the language `lang` (NULL: the test's own). */
static void
run_tool (Ran *r, const char *lang, const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  if (lang)
    {
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", lang, TRUE);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", g_str_equal (lang, "zh_CN") ? "zh_CN.UTF-8" : "C.UTF-8", TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static char *
tool_output (const char * const *argv)
{
  g_auto(Ran) r = { 0 };

  run_tool (&r, NULL, argv);
  if (r.status != 0)
    g_error ("%s failed (%d): %s", argv[0], r.status, r.err);
  return g_steal_pointer (&r.out);
}

/* weixiu-admin print DOCUMENT NUMBER -o FILE [--layout LAYOUT] in `lang`. */
static char *
print_with_cli (const char *document, const char *number, const char *layout, const char *lang)
{
  g_autofree char *name = g_strdup_printf ("%s%s%s-%s-%s.pdf", document, layout ? "-" : "", layout ? layout : "",
                                           number, lang);
  char *file = g_build_filename (out_dir, name, NULL);
  const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "print", document, number, "-o", file,
                         layout ? "--layout" : NULL, layout, NULL };
  g_auto(Ran) r = { 0 };

  run_tool (&r, lang, argv);
  if (r.status != 0)
    g_error ("print %s %s failed (%d): %s", document, number, r.status, r.err);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  return file;
}

/* Renders every page to PNG beside the PDF, at `dpi`; returns the first page. */
static char *
render_png (const char *pdf, int dpi)
{
  g_autofree char *stem = g_strndup (pdf, strlen (pdf) - strlen (".pdf"));
  g_autofree char *root = g_strdup_printf ("%s-%ddpi", stem, dpi);
  g_autofree char *res = g_strdup_printf ("%d", dpi);
  const char *argv[] = { "pdftoppm", "-png", "-r", res, pdf, root, NULL };
  g_autofree char *out = tool_output (argv);
  g_autofree char *first = g_strdup_printf ("%s-1.png", root);
  g_autofree char *single = g_strdup_printf ("%s-01.png", root);

  if (g_file_test (first, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&first);
  g_assert_true (g_file_test (single, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&single);
}

/* Without white space: what a line break in a box must not change. */
static char *
squash (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = tool_output (argv);

  return squash (text);
}

static void
assert_has (const char *squashed_text, const char *value, const char *pdf)
{
  g_autofree char *needle = squash (value);

  g_assert_cmpstr (needle, !=, "");
  if (strstr (squashed_text, needle) == NULL)
    g_error ("%s does not show “%s”", pdf, value);
}

static void
assert_has_all (const char *squashed_text, const char * const *values, guint n, const char *pdf)
{
  for (guint i = 0; i < n; i++)
    assert_has (squashed_text, values[i], pdf);
}

/* ------------------------------------------------------------ test data */

static WxDbDocument *
load (const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxDbDocument *doc = wx_db_document_load (conn, number, &error);

  g_assert_no_error (error);
  return doc;
}

static const char long_order_sql[] =
  "WITH c AS (INSERT INTO customers (unit_name, contact_person, mobile)"
  "           VALUES (left(repeat('广州市天河区超长名称电子科技有限公司', 12), 200), repeat('欧阳', 30), '13812345678')"
  "           RETURNING id),"
  " o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person,"
  "         contact_mobile, contact_phone, contact_fax, contact_email, end_user, end_user_phone, floor_department,"
  "         product_name, model, serial, asset_number, reported_fault, appearance_check, warranty_status,"
  "         warranty_evidence, remarks, is_return_repair, return_of_order_id, backup, fault_analysis, measures,"
  "         parts_needed, repair_period, quote_total)"
  "       SELECT 'carry_in', 'quoted', c.id, left(repeat('广州市天河区超长名称电子科技有限公司', 12), 200),"
  "         left(repeat('广东省广州市天河区体育西路 100 号维多利广场 B 座 ', 12), 300), repeat('欧阳', 30),"
  "         '13812345678', '+86 (020) 8758-1480 8758 1480 87 转 123456', '+86 (020) 8758-1480 8758 1480 87 转 123456',"
  "         repeat('a', 240) || '@example.com', repeat('司马', 30), '+86 (020) 8758-1480 8758 1480 87 转 123456',"
  "         left(repeat('住院部五楼护士站信息中心', 9), 100), left(repeat('激光多功能一体机', 13), 100),"
  "         left(repeat('LaserJet Pro MFP M227fdw ', 4), 100), left(repeat('CNB3K12345', 6), 60),"
  "         left(repeat('GZ-IT-0000123456-', 4), 60),"
  "         left(repeat(E'开机后卡纸，错误代码 13.A2.D3，搓纸轮有异响；\\n换纸盒后仍然卡纸。Paper jam at tray 2.\\n', 40), 2000),"
  "         left(repeat('外壳左侧有划痕，前盖卡扣断裂，', 60), 1000), 'contract', 'card_and_invoice',"
  "         left(repeat('三个月内第二次送修，客户要求加急处理并电话通知；', 80), 2000), true,"
  "         (SELECT min(id) FROM service_orders), 'may_lose_data',"
  "         left(repeat('搓纸轮磨损打滑，分页器老化，定影膜破损；', 100), 2000),"
  "         left(repeat('更换搓纸轮和分页器，清洁进纸通道，连续打印 50 页正常；', 70), 2000),"
  "         left(repeat('RM1-6414 搓纸轮组件；', 100), 2000), left(repeat('备件到货后 2 个工作日', 8), 100), 1"
  "       FROM c RETURNING id, number),"
  " a AS (INSERT INTO order_accessories (order_id, position, name)"
  "       SELECT o.id, p, left(repeat('电源适配器及原装电源线（已贴标签）', 10), 200) FROM o, generate_series(1, 12) p),"
  " q AS (INSERT INTO quote_lines (order_id, position, kind, part_number, description, quantity, unit_price)"
  "       SELECT o.id, p, CASE WHEN p = 30 THEN 'labour' ELSE 'part' END, left(repeat('RM2-5425-000CN', 5), 60),"
  "              left(repeat('定影组件 220V 原装正品（含安装调试）', 10), 200), 30000, 99999"
  "       FROM o, generate_series(1, 30) p)"
  "SELECT number FROM o";

static void
set_up_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = wx_test_fixed_now ();

  conninfo = wx_test_db_create ("print", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_db_demo_load (conn, 80, now, &error);
  g_assert_no_error (error);
  demo_number = wx_test_db_value (conn,
      "SELECT o.number FROM service_orders o"
      " WHERE o.contact_person <> '' AND o.reported_fault <> '' AND o.fault_analysis <> ''"
      "   AND EXISTS (SELECT 1 FROM order_accessories a WHERE a.order_id = o.id AND NOT a.returned)"
      "   AND EXISTS (SELECT 1 FROM quote_lines q WHERE q.order_id = o.id)"
      " ORDER BY o.number LIMIT 1");
  g_assert_nonnull (demo_number);
  long_number = wx_test_db_value (conn, long_order_sql);
  g_assert_nonnull (long_number);
}

static void
require_tools (void)
{
  static const char * const tools[] = { "pdftotext", "pdffonts", "pdfinfo", "pdftoppm", "zbarimg" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);
      if (path)
        continue;
      if (g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("%s is missing: ./run installs poppler-utils and zbar-tools", tools[i]);
      printf ("1..0 # SKIP %s is not installed (poppler-utils, zbar-tools)\n", tools[i]);
      exit (0);
    }
}

/* ------------------------------------------------------------ what a reader sees */

static void
test_form_text (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);
  static const char * const layouts[] = { "a4", "three-pages" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *pdf = print_with_cli ("form", demo_number, layouts[i], "zh_CN");
      g_autofree char *text = pdf_text (pdf);
      static const char * const labels[] = {
        "维修服务单", "存根联", "随机联", "用户联", "单位名称", "联系人", "报修故障", "随机附件",
        "外观检查及其它", "保修情况", "数据备份", "受理人/取机人", "派单时间", "故障分析",
        "处理措施及结果", "报价时间/金额", "维修工程师/时间", "取机/送机人", "客户签字", "重要提示",
      };
      g_autofree char *png = render_png (pdf, 100);

      const char *values[] = {
        doc->number, doc->unit_name, doc->unit_address, doc->contact_person, doc->reported_fault,
        doc->received_by, g_array_index (doc->accessories, WxDbAccessory, 0).name,
        "送修前请自行备份机器中的数据",   /* notice.important from the settings */
        "惠维科技维修中心",               /* company.name */
        "020-87581481",                  /* company.fax */
      };

      assert_has_all (text, labels, G_N_ELEMENTS (labels), pdf);
      assert_has_all (text, values, G_N_ELEMENTS (values), pdf);
    }
}

/* The printed language follows the locale. */
static void
test_form_english (void)
{
  g_autofree char *pdf = print_with_cli ("form", demo_number, NULL, "en");
  g_autofree char *text = pdf_text (pdf);

  assert_has (text, "Service Order", pdf);
  assert_has (text, "Stub copy", pdf);
  assert_has (text, "Customer copy", pdf);
  g_assert_null (strstr (text, "存根联"));
}

static void
test_labels_text (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);
  g_autofree char *label = print_with_cli ("label", demo_number, NULL, "zh_CN");
  g_autofree char *label_text = pdf_text (label);
  g_autofree char *accessories = print_with_cli ("accessory-labels", demo_number, NULL, "zh_CN");
  g_autofree char *accessories_text = pdf_text (accessories);
  g_autofree char *png1 = render_png (label, 100);
  g_autofree char *png2 = render_png (accessories, 100);

  assert_has (label_text, doc->number, label);
  assert_has (label_text, doc->unit_name, label);
  assert_has (label_text, doc->serial, label);
  assert_has (label_text, doc->model, label);
  assert_has (label_text, "仪器架", label);
  assert_has (label_text, "随机联", label);
  assert_has (accessories_text, doc->number, accessories);
  for (guint i = 0; i < doc->accessories->len; i++)
    {
      const WxDbAccessory *a = &g_array_index (doc->accessories, WxDbAccessory, i);
      if (!a->returned)
        assert_has (accessories_text, a->name, accessories);
    }
}

static void
test_quote_text (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);
  g_autofree char *pdf = print_with_cli ("quote", demo_number, NULL, "zh_CN");
  g_autofree char *text = pdf_text (pdf);
  g_autofree char *png = render_png (pdf, 100);
  WxMoney total = 0;
  g_autofree char *capital = NULL;

  for (guint i = 0; i < doc->quote_lines->len; i++)
    {
      const WxDbQuoteLine *line = &g_array_index (doc->quote_lines, WxDbQuoteLine, i);
      g_autofree char *amount = wx_money_format_yuan (line->amount);
      total += line->amount;
      assert_has (text, line->description, pdf);
      assert_has (text, amount, pdf);
    }
  capital = wx_money_to_capital (total);
  {
    const char *values[] = {
      "维修报价单", doc->number, doc->unit_name, doc->contact_person, doc->reported_fault, doc->fault_analysis,
      doc->measures, capital, "报价有效期", "维修周期", "签字（盖章）",
    };
    assert_has_all (text, values, G_N_ELEMENTS (values), pdf);
  }
}

/* The payment receipt (收据): an order paid in two parts, one refunded in
 * part and a write-off, read back in Chinese and in English — the payer,
 * every entry with its method and reference, the received total in
 * figures and capital numerals, the balance, both copies; an order with
 * no money taken has no receipt (a sentence, no file). */
static void
test_receipt (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = NULL;
  g_autoptr(WxDbDocument) doc = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  g_autofree char *zh_text = NULL;
  g_autofree char *en_text = NULL;
  g_autofree char *zh_png = NULL;
  g_autofree char *en_png = NULL;
  g_autofree char *capital = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *empty = NULL;
  g_auto(Ran) r = { 0 };

  number = wx_test_db_value (conn,
    "SELECT o.number FROM service_orders o WHERE o.contact_person <> '' AND o.product_name <> ''"
    "   AND NOT EXISTS (SELECT 1 FROM payments y WHERE y.order_id = o.id) AND o.state <> 'cancelled'"
    " ORDER BY o.number LIMIT 1");
  g_assert_nonnull (number);
  sql = g_strdup_printf (
    "WITH o AS (UPDATE service_orders SET quote_total = 128000 WHERE number = '%s' RETURNING id)"
    " INSERT INTO payments (order_id, at, amount, method, received_by, kind, reference, reason, approved_by)"
    " SELECT o.id, t.at, t.amount, t.method, 'zhang_wei', t.kind, t.reference, t.reason, t.approved"
    "   FROM o, (VALUES (now() - interval '3 days', 50000, 'wechat', 'payment', '4200001234567890', '', NULL),"
    "                   (now() - interval '1 day', 70000, 'bank_transfer', 'payment', 'HX88001234', '', NULL),"
    "                   (now() - interval '2 hours', 2000, 'cash', 'refund', '', '少用一个搓纸轮', 'zhou_min'),"
    "                   (now() - interval '1 hour', 1000, 'on_account', 'write_off', '', '零头优惠', 'zhou_min'))"
    "        AS t (at, amount, method, kind, reference, reason, approved)", number);
  wx_test_db_exec (conn, sql);
  empty = wx_test_db_value (conn, "SELECT o.number FROM service_orders o"
                                  " WHERE NOT EXISTS (SELECT 1 FROM payments y WHERE y.order_id = o.id)"
                                  " ORDER BY o.number LIMIT 1");
  doc = load (number);
  g_assert_cmpuint (doc->payments->len, ==, 4);
  g_assert_cmpint (doc->balance, ==, 128000 - 50000 - 70000 + 2000 - 1000);

  zh = print_with_cli ("receipt", number, NULL, "zh_CN");
  zh_text = pdf_text (zh);
  zh_png = render_png (zh, 100);
  capital = wx_money_to_capital (50000 + 70000 - 2000);
  {
    const char *values[] = {
      "收据", "第一联客户联", "第二联存根", doc->unit_name, doc->contact_person, number, "4200001234567890",
      "HX88001234", "微信支付", "银行转账", "退款", "核销坏账", "¥500.00", "¥700.00", "-¥20.00", "-¥10.00",
      capital, "¥1,180.00", "¥1,280.00", "未收余额¥90.00", "收款人", "（单位盖章）",
    };
    assert_has_all (zh_text, values, G_N_ELEMENTS (values), zh);
  }
  /* Two copies, the customer's first. */
  g_assert_nonnull (strstr (strstr (zh_text, "第一联"), "第二联"));

  en = print_with_cli ("receipt", number, NULL, "en");
  en_text = pdf_text (en);
  en_png = render_png (en, 100);
  {
    const char *values[] = { "Receipt", "Copy 1: for the customer", "Received from", "WeChat Pay", "Refund",
                             "Written off", "Balance due ¥90.00", "Payee" };
    assert_has_all (en_text, values, G_N_ELEMENTS (values), en);
  }
  g_assert_null (strstr (en_text, "收据"));

  /* No money taken: a sentence, no receipt. */
  g_assert_nonnull (empty);
  {
    g_autofree char *file = g_build_filename (out_dir, "receipt-none.pdf", NULL);
    const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "print", "receipt", empty, "-o", file, NULL };

    run_tool (&r, "en", argv);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "nothing to give a receipt for"));
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
}

/* ------------------------------------------------------------ fonts, sizes, barcodes */

typedef struct {
  const char *document;
  const char *layout;
  double      width_mm, height_mm;
} Expected;

static const Expected documents[] = {
  { "form",             NULL,          210, 297 },
  { "form",             "three-pages", 210, 297 },
  { "label",            NULL,           60,  40 },
  { "accessory-labels", NULL,           40,  20 },
  { "quote",            NULL,          210, 297 },
};

static void
check_fonts (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_autofree char *out = tool_output (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  /* name type encoding emb sub uni object ID, after two heading lines */
  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) w = g_ptr_array_new ();
      for (guint k = 0; words[k]; k++)
        if (*words[k])
          g_ptr_array_add (w, words[k]);
      if (w->len == 0)
        continue;
      g_assert_cmpuint (w->len, >=, 6);
      if (!g_str_equal (g_ptr_array_index (w, w->len - 5), "yes") ||
          !g_str_equal (g_ptr_array_index (w, w->len - 4), "yes"))
        g_error ("%s: a font is not embedded and subset: %s", pdf, lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 1);
}

static guint
check_page_sizes (const char *pdf, double width_mm, double height_mm)
{
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", "9999", pdf, NULL };
  g_autofree char *out = tool_output (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_pages = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *size = strstr (lines[i], " size: ");
      double w, h;
      if (!g_str_has_prefix (lines[i], "Page") || size == NULL)
        continue;
      g_assert_cmpint (sscanf (size, " size: %lf x %lf pts", &w, &h), ==, 2);
      if (fabs (w - width_mm * 72 / 25.4) > 0.01 || fabs (h - height_mm * 72 / 25.4) > 0.01)
        g_error ("%s: a page is %.3f × %.3f pt, not %g × %g mm", pdf, w, h, width_mm, height_mm);
      n_pages++;
    }
  return n_pages;
}

/* The monthly statement (对账单) of a contract customer with 500 orders
 * last month (the bench size; the times are reported, not
 * asserted): pages with the heading again, every order, the
 * capital-numeral balance, in Chinese and in English. */
static void
test_statement (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = wx_test_db_value (conn,
    "INSERT INTO customers (unit_name, contact_person, address, is_contract)"
    " VALUES ('广州市天河区对账单测试有限公司', '黄会计', '广州市天河区体育西路 100 号', true) RETURNING id");
  g_autofree char *made = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  g_autofree char *zh_text = NULL;
  g_autofree char *en_text = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_en = NULL;
  g_autofree char *capital = wx_money_to_capital (500 * 35000);
  g_autoptr(WxStatement) st = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0, t1, t2;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile, product_name,"
    "                            model, reported_fault, appearance_check, customer_signed, notice_read,"
    "                            received_by, owner_role, quote_total, payment_status, picked_up_at, repair_notes)"
    " SELECT 'carry_in', 'picked_up', %s, '广州市天河区对账单测试有限公司', '黄会计', '13800138000', '激光打印机',"
    "        'HP LaserJet Pro M404dn', '卡纸', '完好', true, true, 'zhang_wei', 'coordinator', 35000, 'on_account',"
    "        (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month' + g * interval '80 minutes')"
    "          AT TIME ZONE 'Asia/Shanghai', '更换搓纸轮，清洁进纸通道'"
    "   FROM generate_series(1, 500) g", customer);

  wx_test_db_exec (conn, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT wx_statement_make(%s, (now() - interval '1 month')::date)::text", customer);
  t0 = g_get_monotonic_time ();
  id = wx_test_db_value (conn, sql);
  t1 = g_get_monotonic_time ();
  g_assert_nonnull (id);
  st = wx_db_statement_load (conn, g_ascii_strtoll (id, NULL, 10), &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  bytes = wx_pdf_statement_render (st, &error);
  g_assert_no_error (error);
  g_test_message ("statement of %u orders: made in %.1f ms, loaded in %.1f ms, rendered in %.1f ms",
                  st->lines->len, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0,
                  (g_get_monotonic_time () - t2) / 1000.0);
  {
    const char *argv_zh[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "statement", "print", id, "-o", NULL, NULL };
    g_auto(Ran) r = { 0 };

    zh = g_build_filename (out_dir, "statement-zh_CN.pdf", NULL);
    argv_zh[7] = zh;
    run_tool (&r, "zh_CN", argv_zh);
    if (r.status != 0)
      g_error ("statement print: %s", r.err);
    en = g_build_filename (out_dir, "statement-en.pdf", NULL);
    argv_zh[7] = en;
    ran_clear (&r);
    run_tool (&r, "en", argv_zh);
    if (r.status != 0)
      g_error ("statement print: %s", r.err);
  }
  zh_text = pdf_text (zh);
  en_text = pdf_text (en);
  png = render_png (zh, 100);
  png_en = render_png (en, 100);
  made = wx_test_db_value (conn, "SELECT string_agg(number, ' ' ORDER BY number) FROM service_orders"
                                 " WHERE unit_name = '广州市天河区对账单测试有限公司'");
  {
    g_auto(GStrv) numbers = g_strsplit (made, " ", -1);

    g_assert_cmpuint (g_strv_length (numbers), ==, 500);
    for (guint i = 0; numbers[i]; i++)
      assert_has (zh_text, numbers[i], zh);
  }
  {
    const char *values[] = { "对账单", "广州市天河区对账单测试有限公司", "¥175,000.00", capital, "客户核对确认" };
    assert_has_all (zh_text, values, G_N_ELEMENTS (values), zh);
  }
  {
    const char *values[] = { "Statement of Account", "Balance due", "¥175,000.00", "Checked and agreed by the customer" };
    assert_has_all (en_text, values, G_N_ELEMENTS (values), en);
  }
  g_assert_cmpuint (check_page_sizes (zh, 210, 297), >=, 2);
}

static void
test_fonts_and_sizes (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *pdf = print_with_cli (documents[i].document, demo_number, documents[i].layout, "zh_CN");
      guint n_pages = check_page_sizes (pdf, documents[i].width_mm, documents[i].height_mm);

      check_fonts (pdf);
      if (g_str_equal (documents[i].document, "accessory-labels"))
        g_assert_cmpuint (n_pages, ==, wx_db_document_accessories_left (doc));
      else if (documents[i].layout)
        g_assert_cmpuint (n_pages, ==, 3);
      else
        g_assert_cmpuint (n_pages, ==, 1);
    }
}

/* zbarimg on a 300 dpi crop: both symbols of every copy, each page of the labels. */
static void
assert_decodes (const char *pdf, guint page, int y, int height, gboolean with_qr)
{
  g_autofree char *stem = g_strndup (pdf, strlen (pdf) - strlen (".pdf"));
  g_autofree char *root = g_strdup_printf ("%s-scan-%u-%d", stem, page, y);
  g_autofree char *png = g_strdup_printf ("%s.png", root);
  g_autofree char *page_s = g_strdup_printf ("%u", page);
  g_autofree char *y_s = g_strdup_printf ("%d", y);
  g_autofree char *h_s = g_strdup_printf ("%d", height);
  const char *crop[] = { "pdftoppm", "-png", "-r", "300", "-singlefile", "-f", page_s, "-l", page_s,
                         "-y", y_s, "-H", h_s, "-W", "100000", pdf, root, NULL };
  const char *scan[] = { "zbarimg", "-q", png, NULL };
  g_autofree char *cropped = tool_output (crop);
  g_autofree char *found = tool_output (scan);
  g_autofree char *code128 = g_strdup_printf ("CODE-128:%s\n", demo_number);
  g_autofree char *qr = g_strdup_printf ("QR-Code:%s\n", demo_number);

  if (strstr (found, code128) == NULL || (with_qr && strstr (found, qr) == NULL))
    g_error ("%s page %u from y=%d: zbarimg found “%s”", pdf, page, y, found);
}

static void
test_barcodes (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);
  g_autofree char *form = print_with_cli ("form", demo_number, NULL, "zh_CN");
  g_autofree char *pages = print_with_cli ("form", demo_number, "three-pages", "zh_CN");
  g_autofree char *label = print_with_cli ("label", demo_number, NULL, "zh_CN");
  g_autofree char *accessories = print_with_cli ("accessory-labels", demo_number, NULL, "zh_CN");
  g_autofree char *quote = print_with_cli ("quote", demo_number, NULL, "zh_CN");
  const int a4 = (int) lround (297 / 25.4 * 300);

  for (int copy = 0; copy < 3; copy++)
    assert_decodes (form, 1, copy * a4 / 3, a4 / 3, TRUE);
  for (guint page = 1; page <= 3; page++)
    assert_decodes (pages, page, 0, a4, TRUE);
  assert_decodes (label, 1, 0, 100000, FALSE);
  for (guint page = 1; page <= wx_db_document_accessories_left (doc); page++)
    assert_decodes (accessories, page, 0, 100000, FALSE);
  assert_decodes (quote, 1, 0, a4, FALSE);
}

/* ------------------------------------------------------------ nothing overflows */

/* The layout's own record: every text's extent within its box, every box on its page. */
static guint
check_boxes (WxPdfLayout *layout, const char *what)
{
  guint n, shortened = 0;
  const WxPdfBox *boxes = wx_pdf_layout_boxes (layout, &n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const WxPdfBox *b = &boxes[i];
      double page_w, page_h;

      wx_pdf_layout_page_size (layout, b->page, &page_w, &page_h);
      if (b->text_width > b->width + 1e-6 || b->text_height > b->height + 1e-6)
        g_error ("%s: “%.40s” takes %.2f × %.2f mm in a box of %.2f × %.2f mm", what, b->text,
                 b->text_width, b->text_height, b->width, b->height);
      if (b->x < 0 || b->y < 0 || b->x + b->width > page_w + 1e-6 || b->y + b->height > page_h + 1e-6)
        g_error ("%s: the box of “%.40s” leaves its page", what, b->text);
      g_assert_cmpfloat (b->size, >=, 5.0 - 1e-6);
      shortened += b->shortened;
    }
  return shortened;
}

static double
attribute (const char *tag, const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = strstr (tag, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

/* Where poppler finds each word of the rendered PDF: inside a box the layout drew. */
static void
check_words (WxPdfLayout *layout, const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *html = tool_output (argv);
  g_auto(GStrv) lines = g_strsplit (html, "\n", -1);
  const double mm = 25.4 / 72, tolerance = 0.05;
  guint n_boxes, n_words = 0, n_texts = 0;
  const WxPdfBox *boxes = wx_pdf_layout_boxes (layout, &n_boxes);
  int page = -1;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strstrip (lines[i]);
      double x0, x1, cy;
      gboolean inside = FALSE;

      if (g_str_has_prefix (line, "<page "))
        page++;
      if (!g_str_has_prefix (line, "<word "))
        continue;
      x0 = attribute (line, "xMin") * mm;
      x1 = attribute (line, "xMax") * mm;
      cy = (attribute (line, "yMin") + attribute (line, "yMax")) / 2 * mm;
      for (guint b = 0; b < n_boxes && !inside; b++)
        inside = boxes[b].page == (guint) page &&
                 cy >= boxes[b].y && cy <= boxes[b].y + boxes[b].height &&
                 x0 >= boxes[b].x - tolerance && x1 <= boxes[b].x + boxes[b].width + tolerance;
      if (!inside)
        g_error ("%s page %d: the word %s is outside every text box", pdf, page + 1, line);
      n_words++;
    }
  /* …and every box with a text gave poppler a word at least. */
  for (guint b = 0; b < n_boxes; b++)
    n_texts += *boxes[b].text != '\0';
  g_assert_cmpuint (n_words, >=, n_texts);
}

static void
build_and_check (const WxDbDocument *doc, WxPdfDocument document, WxPdfFormLayout form_layout,
                 const char *name, guint *shortened)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WxPdfLayout) layout = wx_pdf_build (document, doc, form_layout, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *file = g_strdup_printf ("%s/%s-%s-%s.pdf", out_dir, name, doc->number, lang_tag);
  g_autofree char *png = NULL;

  g_assert_no_error (error);
  *shortened += check_boxes (layout, name);
  bytes = wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, &error);
  g_assert_no_error (error);
  wx_pdf_write_file (bytes, file, &error);
  g_assert_no_error (error);
  check_words (layout, file);
  check_fonts (file);
  png = render_png (file, 100);
}

static void
test_no_overflow (void)
{
  static const struct {
    WxPdfDocument   document;
    WxPdfFormLayout form_layout;
    const char     *name;
  } cases[] = {
    { WX_PDF_FORM,             WX_PDF_FORM_A4,          "layout-form" },
    { WX_PDF_FORM,             WX_PDF_FORM_THREE_PAGES, "layout-form-three-pages" },
    { WX_PDF_LABEL,            WX_PDF_FORM_A4,          "layout-label" },
    { WX_PDF_ACCESSORY_LABELS, WX_PDF_FORM_A4,          "layout-accessory-labels" },
    { WX_PDF_QUOTE,            WX_PDF_FORM_A4,          "layout-quote" },
  };
  g_autoptr(WxDbDocument) normal = load (demo_number);
  g_autoptr(WxDbDocument) longest = load (long_number);
  guint normal_shortened = 0, long_shortened = 0;

  g_assert_cmpuint (longest->accessories->len, ==, 12);
  g_assert_cmpuint (longest->quote_lines->len, ==, 30);
  g_assert_nonnull (strchr (longest->reported_fault, '\n'));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      build_and_check (normal, cases[i].document, cases[i].form_layout, cases[i].name, &normal_shortened);
      build_and_check (longest, cases[i].document, cases[i].form_layout, cases[i].name, &long_shortened);
    }
  /* The longest values are cut with "…"; the demo order's address and
   * fault are not (the labels of English narrow cells may be). */
  g_assert_cmpuint (long_shortened, >, 10);
}

/* The same order through the CLI: a valid PDF that says where it was cut. */
static void
test_longest_with_cli (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *pdf = print_with_cli (documents[i].document, long_number, documents[i].layout, "zh_CN");
      g_autofree char *text = pdf_text (pdf);
      g_autofree char *png = render_png (pdf, 100);

      check_page_sizes (pdf, documents[i].width_mm, documents[i].height_mm);
      assert_has (text, long_number, pdf);
      assert_has (text, "…", pdf);
    }
}

/* ------------------------------------------------------------ failures */

static guint
count_partials (void)
{
  g_autoptr(GDir) dir = g_dir_open (out_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, ".partial") != NULL;
  return n;
}

static void
test_errors (void)
{
  g_autofree char *kept = g_build_filename (out_dir, "kept.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (out_dir, "no-such-folder", "form.pdf", NULL);
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (kept, "before", -1, NULL));
  {
    /* An unknown order: one sentence, exit 1, the file there before untouched. */
    const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "print", "form", "2099-999999", "-o", kept, NULL };
    g_auto(Ran) r = { 0 };
    run_tool (&r, "en", argv);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.err, ==, "weixiu-admin: There is no service order 2099-999999.\n");
    g_assert_true (g_file_get_contents (kept, &content, NULL, NULL));
    g_assert_cmpstr (content, ==, "before");
  }
  {
    /* A folder that does not exist: one sentence naming the file, nothing left behind. */
    const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "print", "quote", demo_number, "-o", nowhere, NULL };
    g_auto(Ran) r = { 0 };
    run_tool (&r, "en", argv);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "weixiu-admin: The PDF cannot be written to "));
    g_assert_nonnull (strstr (r.err, "no-such-folder"));
    g_assert_cmpint (strchr (r.err, '\n') - r.err, ==, (int) strlen (r.err) - 1);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }
  {
    /* Usage: no -o, an unknown document, a layout for a label. */
    static const char * const cases[][6] = {
      { "print", "form", "X", NULL },
      { "print", "poster", "X", "-o", "x.pdf", NULL },
      { "print", "label", "X", "-o", "x.pdf", "--layout" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", "dbname=unused", cases[i][0], cases[i][1], cases[i][2],
                               cases[i][3], cases[i][4], cases[i][5], i == 2 ? "a4" : NULL, NULL };
        g_auto(Ran) r = { 0 };
        run_tool (&r, "en", argv);
        g_assert_cmpint (r.status, ==, 2);
      }
  }
  g_assert_cmpuint (count_partials (), ==, 0);
  g_unlink (kept);
}

/* ------------------------------------------------------------ off the main thread */

static gpointer
render_form_cb (gpointer data)
{
  const WxDbDocument *doc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxPdfLayout) layout = wx_pdf_form_build (doc, WX_PDF_FORM_A4, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_worker_threads (void)
{
  g_autoptr(WxDbDocument) doc = load (demo_number);
  g_autoptr(GBytes) here = render_form_cb (doc);
  GThread *threads[3];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_form_cb, doc);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) there = g_thread_join (threads[i]);
      g_assert_true (g_bytes_equal (here, there));
    }
  g_assert_cmpmem (g_bytes_get_data (here, NULL), 5, "%PDF-", 5);
}

/* The monthly report's unpaid list has no cut-off: 300 unpaid orders over
 * the four age buckets all read back from the PDF, each bucket's count and
 * sum as the hand sum of the rows. */
static void
test_monthly_unpaid_all (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(WxMonthReport) m = wx_month_report_new (zone, 2026, 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *file = g_strdup_printf ("%s/monthly-unpaid-%s.pdf", out_dir, lang_tag);
  g_autofree char *text = NULL;
  gint64 sums[WX_REPORT_N_DEBT_AGES] = { 0 };
  guint counts[WX_REPORT_N_DEBT_AGES] = { 0 };

  m->company = g_strdup ("广州市测试办公设备维修中心");
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *number = g_strdup_printf ("2026-%06u", 900000 + i);
      gint64 handed = m->as_of - (gint64) (300 - i) * 86400 * 2 / 5 - 3600;
      gint64 due = 10000 + i * 137;
      guint b = wx_report_debt_bucket (m->as_of - handed);

      sums[b] += due;
      counts[b]++;
      wx_month_report_add_debt (m, number, "测试单位", handed, due);
    }
  pdf = wx_pdf_month_report_render (m, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  text = pdf_text (file);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *number = g_strdup_printf ("2026-%06u", 900000 + i);
      assert_has (text, number, file);
    }
  for (guint b = 0; b < WX_REPORT_N_DEBT_AGES; b++)
    {
      g_autofree char *sum = wx_money_format_yuan (sums[b]);
      g_autofree char *row = g_strdup_printf ("%s %u %s", wx_report_debt_label (b), counts[b], sum);

      g_assert_cmpuint (counts[b], >, 0);
      assert_has (text, row, file);
    }
}

/* The font comes from fontconfig: here the first choice, WenQuanYi Zen
 * Hei (face 0 of its collection); with no Chinese font on the PC (a
 * fontconfig configuration without fonts) the sentence says what to
 * install. */
static void
test_font_choice (void)
{
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("wx-fonts-XXXXXX", NULL);
      g_autofree char *conf = g_build_filename (dir, "fonts.conf", NULL);
      g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\"?>\n<fontconfig><dir>%s</dir>"
                                               "<cachedir>%s</cachedir></fontconfig>\n", dir, dir);
      WxPdfFont *none;

      g_assert_true (g_file_set_contents (conf, text, -1, NULL));
      g_setenv ("FONTCONFIG_FILE", conf, TRUE);
      none = wx_pdf_font_new (&error);
      g_assert_null (none);
      g_assert_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT);
      g_assert_cmpstr (error->message, ==,
                       _("No Chinese font for printing is installed; install fonts-wqy-zenhei or fonts-arphic-uming."));
      return;
    }
  {
    g_autoptr(WxPdfFont) font = wx_pdf_font_new (&error);
    g_assert_no_error (error);
    g_assert_cmpstr (wx_pdf_font_path (font), ==, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  const char *shots = g_getenv ("WX_SCREENSHOT_DIR");

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  wx_i18n_init ();
  require_tools ();
  lang_tag = g_strdup (g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh") ? "zh_CN" : "en");
  /* One folder per process: the English and the Chinese run go side by side. */
  out_dir = g_build_filename (shots ? shots : g_get_tmp_dir (), "..", "print", lang_tag, NULL);
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0755), ==, 0);
  if (!g_test_subprocess ())
    set_up_data ();

  g_test_add_func ("/print/font-choice", test_font_choice);
  g_test_add_func ("/print/monthly-unpaid-all", test_monthly_unpaid_all);
  g_test_add_func ("/print/form-text", test_form_text);
  g_test_add_func ("/print/form-english", test_form_english);
  g_test_add_func ("/print/labels-text", test_labels_text);
  g_test_add_func ("/print/quote-text", test_quote_text);
  g_test_add_func ("/print/receipt", test_receipt);
  g_test_add_func ("/print/statement", test_statement);
  g_test_add_func ("/print/fonts-and-page-sizes", test_fonts_and_sizes);
  g_test_add_func ("/print/barcodes", test_barcodes);
  g_test_add_func ("/print/no-overflow", test_no_overflow);
  g_test_add_func ("/print/longest-with-cli", test_longest_with_cli);
  g_test_add_func ("/print/errors", test_errors);
  g_test_add_func ("/print/worker-threads", test_worker_threads);
  return g_test_run ();
}

/* The engineer's dialogs under Xvfb against a demo database, as an engineer
 * connection: the inspection (parts picked from the catalogue and typed,
 * labour, the suggested price; a missing explanation shown next to its
 * field and nothing written), the repair (the laser printer's checklist,
 * a part from stock, an issued part kept, the old parts to the supervisor;
 * OK refused while a test is not ticked) and the part order and its
 * arrival. PNGs of the inspection and repair forms go to the build
 * directory. */
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-worker.h"
#include "gui/dialogs/wx-inspection-dialog.h"
#include "gui/dialogs/wx-part-order-dialog.h"
#include "gui/dialogs/wx-repair-dialog.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

static char *conninfo;          /* the test's superuser */
static char *engineer_login;
static WxDbWorker *worker;      /* as the engineer */
static gboolean chinese;

/* ------------------------------------------------------------- helpers */

/* Swapped: the flag comes first, whatever the signal's arguments. */
static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
wait_signal (gpointer instance, const char *signal)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect_swapped (instance, signal, G_CALLBACK (set_flag_cb), &done);

  wx_test_spin_until (wx_test_flag_set, &done, signal);
  g_signal_handler_disconnect (instance, id);
}

typedef struct {
  gboolean  done;
  GError   *error;
} Finished;

static void
finished_cb (gpointer dialog, GError *error, Finished *f)
{
  f->done = TRUE;
  g_clear_error (&f->error);
  f->error = error ? g_error_copy (error) : NULL;
}

/* Saves as the button does and waits for the outcome. */
static GError *
save (gpointer dialog, void (*save_fn) (gpointer))
{
  Finished f = { 0 };
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &f);

  save_fn (dialog);
  wx_test_spin_until (wx_test_flag_set, &f.done, "the save");
  if (f.error == NULL)
    return NULL;   /* saved: the dialog closed itself */
  g_signal_handler_disconnect (dialog, id);
  return f.error;
}

/* An order in `state` for the test's engineer (the owner may); its card. */
static WxOrder *
make_order (PGconn *conn, const char *state, const char *product, const char *model, const char *fault)
{
  const char *params[] = { state, product, model, fault, engineer_login };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = wx_db_query_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile,"
    "                            product_name, model, serial, reported_fault, engineer)"
    " SELECT 'carry_in', $1, c.id, c.unit_name, '黄小姐', '13800138000', $2, $3, 'CNB7K00421', $4, $5"
    "   FROM customers c ORDER BY c.id LIMIT 1 RETURNING id", 5, params, &error);
  gint64 order_id;
  g_autoptr(GPtrArray) cards = NULL;

  g_assert_no_error (error);
  order_id = g_ascii_strtoll (id, NULL, 10);
  cards = wx_db_board_load_ids (conn, &order_id, 1, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 1);
  return g_object_ref (g_ptr_array_index (cards, 0));
}

static WxOrder *
reload (PGconn *conn, WxOrder *order)
{
  gint64 id = wx_order_get_id (order);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wx_db_board_load_ids (conn, &id, 1, g_get_real_time () / G_USEC_PER_SEC, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (cards, 0));
}

static char *
value_of (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, 1, params, &error);

  g_assert_no_error (error);
  return v ? v : g_strdup ("");
}

static int
stock_of (PGconn *conn, const char *part_number)
{
  g_autofree char *v = value_of (conn, "SELECT stock FROM parts WHERE part_number = $1", part_number);
  return atoi (v);
}

/* ------------------------------------------------------------- the tests */

static void
test_inspection (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxOrder) order = make_order (conn, "inspecting", "激光打印机", "HP LaserJet Pro M404dn",
                                         "打印字迹一擦就掉，开机报 50.2");
  const char *number = wx_order_get_number (order);
  WxInspectionDialog *d = wx_inspection_dialog_new (NULL, worker, order);
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *lines = NULL;

  gtk_window_present (GTK_WINDOW (d));
  wait_signal (d, "loaded");
  wx_inspection_dialog_set_value (d, "fault_analysis", "定影组件加热管损坏，定影温度不足；搓纸轮正常");
  wx_inspection_dialog_set_value (d, "measures", "更换定影组件后打印测试页，字迹牢固");
  wx_record_dialog_search_parts (WX_RECORD_DIALOG (d), "定影");
  wait_signal (d, "parts-found");
  g_assert_true (wx_record_dialog_pick_part (WX_RECORD_DIALOG (d), "RM2-5425"));
  wx_inspection_dialog_add_typed_part (d, "定影器隔热垫片", 2, "15");
  wx_inspection_dialog_set_value (d, "labour", "120");
  g_assert_cmpstr (wx_inspection_dialog_get_total (d), ==, "¥800.00");

  wx_inspection_dialog_set_value (d, "explanation",
                                  "机器里给纸张加热定型的部件坏了，所以字一擦就掉。换一个新的定影组件（650 元），加上人工和小配件共 800 元，当天可修好。");
  wx_test_screenshot (GTK_WIDGET (d), "inspection-form");

  /* No explanation for the coordinator: said next to the field. */
  wx_inspection_dialog_set_value (d, "explanation", "");
  refused = save (d, (void (*) (gpointer)) wx_inspection_dialog_save);
  g_assert_nonnull (refused);
  g_assert_cmpstr (wx_record_dialog_get_message (WX_RECORD_DIALOG (d), "explanation"), !=, "");
  g_assert_cmpstr (wx_record_dialog_get_message (WX_RECORD_DIALOG (d), "fault_analysis"), ==, "");
  state = value_of (conn, "SELECT state FROM service_orders WHERE number = $1", number);
  g_assert_cmpstr (state, ==, "inspecting");

  wx_inspection_dialog_set_value (d, "explanation", "字一擦就掉是加热部件坏了，换新的定影组件即可，共 800 元，当天修好。");
  error = save (d, (void (*) (gpointer)) wx_inspection_dialog_save);
  g_assert_no_error (error);
  g_free (state);
  state = value_of (conn, "SELECT state || '|' || suggested_price || '|' || inspected_by FROM service_orders WHERE number = $1", number);
  {
    g_autofree char *expected = g_strdup_printf ("inspected|80000|%s", engineer_login);
    g_assert_cmpstr (state, ==, expected);
  }
  lines = value_of (conn, "SELECT string_agg(q.kind || ':' || q.part_number || ':' || q.quantity || ':' || q.unit_price, ',' ORDER BY q.position)"
                          "  FROM quote_lines q JOIN service_orders o ON o.id = q.order_id WHERE o.number = $1", number);
  g_assert_cmpstr (lines, ==, "part:RM2-5425:1:65000,part::2:1500,labour::1:12000");
}

static void
test_repair (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxOrder) order = make_order (conn, "repairing", "激光打印机", "Canon LBP2900", "卡纸，进纸时有异响");
  const char *number = wx_order_get_number (order);
  WxRepairDialog *d = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  int rollers, films;

  /* A fuser film taken from stock at inspection, to test by swapping. */
  {
    const char *params[] = { number };
    g_assert_true (wx_db_execute (conn,
      "INSERT INTO stock_movements (part_id, order_id, kind, quantity, note)"
      " SELECT p.id, o.id, 'issue', -1, 'inspect' FROM parts p, service_orders o"
      "  WHERE p.part_number = 'RM1-4554' AND o.number = $1", 1, params, &error));
    g_assert_no_error (error);
  }
  rollers = stock_of (conn, "RM1-6414");
  films = stock_of (conn, "RM1-4554");

  d = wx_repair_dialog_new (NULL, worker, order);
  gtk_window_present (GTK_WINDOW (d));
  wait_signal (d, "loaded");
  g_assert_cmpstr (wx_repair_dialog_get_category (d), ==, chinese ? "激光打印机" : "Laser printer");
  wx_repair_dialog_set_value (d, "repair_notes", "更换搓纸轮，清洁进纸通道；定影膜复查正常，一并更换");
  wx_repair_dialog_set_value (d, "old_parts", "kept_by_supervisor");
  wx_record_dialog_search_parts (WX_RECORD_DIALOG (d), "搓纸轮");
  wait_signal (d, "parts-found");
  g_assert_true (wx_record_dialog_pick_part (WX_RECORD_DIALOG (d), "RM1-6414"));
  wx_repair_dialog_set_cleaned (d, TRUE);
  g_assert_true (wx_repair_dialog_set_test (d, "self_test", TRUE, NULL));
  g_assert_true (wx_repair_dialog_set_test (d, "online_print", TRUE, NULL));
  g_assert_false (wx_repair_dialog_set_test (d, "post", TRUE, NULL));

  g_assert_true (wx_repair_dialog_set_test (d, "continuous_print", TRUE, NULL));
  wx_test_screenshot (GTK_WIDGET (d), "repair-form");

  /* Ten pages in a row not ticked: not OK, said next to the test. */
  g_assert_true (wx_repair_dialog_set_test (d, "continuous_print", FALSE, NULL));
  refused = save (d, (void (*) (gpointer)) wx_repair_dialog_save);
  g_assert_nonnull (refused);
  g_assert_cmpstr (wx_record_dialog_get_message (WX_RECORD_DIALOG (d), "continuous_print"), !=, "");
  g_assert_cmpint (stock_of (conn, "RM1-6414"), ==, rollers);
  g_assert_true (wx_repair_dialog_set_test (d, "continuous_print", TRUE, NULL));
  error = save (d, (void (*) (gpointer)) wx_repair_dialog_save);
  g_assert_no_error (error);
  row = value_of (conn,
    "SELECT o.state || '|' || o.cleaned || '|' || (SELECT count(*) FROM repair_tests r WHERE r.order_id = o.id AND r.passed)"
    "       || '|' || (SELECT count(*) FROM old_parts p WHERE p.order_id = o.id)"
    "  FROM service_orders o WHERE o.number = $1", number);
  g_assert_cmpstr (row, ==, "repaired|true|3|2");
  g_assert_cmpint (stock_of (conn, "RM1-6414"), ==, rollers - 1);
  g_assert_cmpint (stock_of (conn, "RM1-4554"), ==, films);
}

static void
test_part_order (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxOrder) order = make_order (conn, "agreed", "投影仪", "Epson CB-X49", "画面有黄斑");
  g_autoptr(WxOrder) waiting = NULL;
  const char *number = wx_order_get_number (order);
  WxPartOrderDialog *d = wx_part_order_dialog_new (NULL, worker, order);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) arrived = NULL;
  g_autofree char *row = NULL;
  g_autofree char *state = NULL;
  int before = stock_of (conn, "LCD-X49");

  gtk_window_present (GTK_WINDOW (d));
  wait_signal (d, "loaded");
  g_assert_false (wx_part_order_dialog_is_arrival (d));
  wx_record_dialog_search_parts (WX_RECORD_DIALOG (d), "液晶板");
  wait_signal (d, "parts-found");
  g_assert_true (wx_record_dialog_pick_part (WX_RECORD_DIALOG (d), "LCD-X49"));
  g_assert_true (wx_part_order_dialog_select_supplier (d, "广州新科电脑配件贸易行"));
  wx_part_order_dialog_set_value (d, "prepaid", "true");
  wx_part_order_dialog_set_value (d, "cost", "1400");
  wx_test_screenshot (GTK_WIDGET (d), "part-order-form");
  error = save (d, (void (*) (gpointer)) wx_part_order_dialog_save);
  g_assert_no_error (error);
  row = value_of (conn, "SELECT o.state || '|' || p.description || '|' || p.prepaid || '|' || s.name || '|' || p.cost"
                        "  FROM service_orders o JOIN part_orders p ON p.order_id = o.id JOIN suppliers s ON s.id = p.supplier_id"
                        " WHERE o.number = $1", number);
  g_assert_cmpstr (row, ==, "waiting_parts|投影机液晶板组件 (LCD-X49)|true|广州新科电脑配件贸易行|140000");

  /* The part arrives: back to S3, into stock for the order. */
  waiting = reload (conn, order);
  d = wx_part_order_dialog_new (NULL, worker, waiting);
  gtk_window_present (GTK_WINDOW (d));
  wait_signal (d, "loaded");
  g_assert_true (wx_part_order_dialog_is_arrival (d));
  arrived = save (d, (void (*) (gpointer)) wx_part_order_dialog_save);
  g_assert_no_error (arrived);
  state = value_of (conn, "SELECT state FROM service_orders WHERE number = $1", number);
  g_assert_cmpstr (state, ==, "agreed");
  g_assert_cmpint (stock_of (conn, "LCD-X49"), ==, before + 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autofree char *engineer_conninfo = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  chinese = wx_test_ui_chinese ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/weixiu/Weixiu/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  conninfo = wx_test_db_create (chinese ? "records_ui_zh" : "records_ui", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 40, now, &error);
  g_assert_no_error (error);

  /* An engineer's own login (roles are per cluster: a name per process). */
  engineer_login = g_strdup_printf ("rec_eng_%d", (int) getpid ());
  {
    const char *p[] = { engineer_login, "测试工程师" };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, p, &error));
    g_assert_no_error (error);
  }
  engineer_conninfo = wx_db_conninfo_with (conninfo, "user", engineer_login);
  worker = wx_db_worker_new (engineer_conninfo);

  g_test_add_func ("/ui/records/inspection", test_inspection);
  g_test_add_func ("/ui/records/repair", test_repair);
  g_test_add_func ("/ui/records/part-order", test_part_order);
  return g_test_run ();
}

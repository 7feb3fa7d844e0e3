/* The coordinator's window under Xvfb against a demo database, driven
 * through the same actions the drops and the keyboard use: the board shows
 * every open order in its folder; intake → dispatch → (inspection by the
 * engineer through the API) → quote → agree → (repair through the API) →
 * notify → pickup moves the card and writes the events; another PC's change
 * arrives without a reload; a forbidden drop says why and changes nothing; a
 * version conflict names who changed the order; a bad intake shows the
 * field's message and writes nothing; "Correct details" (the amend step)
 * refuses a bad number at its field and records the correction in the
 * timeline. PNGs of the board, the intake dialog, the correction and the
 * order detail go to the build directory. */
#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "core/wx-money.h"
#include "core/wx-validate.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-workflow.h"
#include "gui/wx-front-desk-window.h"
#include "gui/dialogs/wx-amend-dialog.h"
#include "gui/dialogs/wx-call-dialog.h"
#include "gui/dialogs/wx-intake-dialog.h"
#include "gui/board/wx-board-card.h"
#include "gui/dialogs/wx-payment-dialog.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

static char *conninfo;        /* the test's superuser */
static char *clerk_conninfo;  /* a coordinator, as at the front desk */
static char *engineer_conninfo;
static char *engineer_login;
static char *clerk_login;
static WxApplication *app;
static WxFrontDeskWindow *window;
static gboolean chinese;

/* ------------------------------------------------------------- helpers */

/* The column (folder) the board shows `number` in, or -1. */
static int
board_folder_of (const char *number)
{
  return wx_test_board_place_of (wx_board_window_get_board (WX_BOARD_WINDOW (window)), number);
}

static WxOrder *
board_order (const char *number)
{
  return wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), number, NULL);
}

typedef struct {
  const char   *number;
  WxOrderState  state;
} Expect;

static gboolean
card_in_state (gpointer data)
{
  Expect *e = data;
  g_autoptr(WxOrder) o = board_order (e->number);

  return o && wx_order_get_state (o) == e->state;
}

/* Waits until the board shows `number` as `state` (a notification or a
 * reload of the order), then checks its column. */
static void
expect_card (const char *number, WxOrderState state)
{
  Expect e = { number, state };

  wx_test_spin_until (card_in_state, &e, wx_order_state_to_code (state));
  g_assert_cmpint (board_folder_of (number), ==, wx_workflow_state_info (state)->folder);
}

static void
expect_event (PGconn *conn, const char *number, const char *event)
{
  const char *params[] = { number, event };
  g_autoptr(PGresult) res = PQexecParams (conn,
    "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE o.number = $1 AND e.event = $2", 2, NULL, params, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (atoi (PQgetvalue (res, 0, 0)), >=, 1);
}

static WxStepDialog *
open_step (const char *number, const char *event)
{
  g_autoptr(WxOrder) order = board_order (number);
  WxStepDialog *dialog;

  g_assert_nonnull (order);
  wx_front_desk_window_step (window, order, event);
  dialog = wx_board_window_get_step_dialog (WX_BOARD_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (wx_step_dialog_get_event (dialog), ==, event);
  return dialog;
}

typedef struct {
  gboolean  done;
  GError   *error;
} Finished;

static void
finished_cb (WxStepDialog *dialog, const GError *error, Finished *f)
{
  f->done = TRUE;
  f->error = error ? g_error_copy (error) : NULL;
}

/* Saves the dialog and waits for the step to be taken. */
static void
save_step (WxStepDialog *dialog)
{
  Finished f = { 0 };

  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &f);
  wx_step_dialog_save (dialog);
  wx_test_spin_until (wx_test_flag_set, &f.done, "the step");
  g_assert_no_error (f.error);
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   type_name);

static gboolean
has_label (GtkWidget *widget,
           gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_mapped_scroller (GtkWidget *widget,
                    gpointer   unused)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
has_signature_question (gpointer d)
{
  return wx_intake_dialog_get_signature_question (d) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (wx_intake_dialog_get_signature_question (d)));
}

static gboolean
no_signature_question (gpointer d)
{
  return wx_intake_dialog_get_signature_question (d) == NULL;
}

static gboolean
line_is_labour (gpointer kind)
{
  return gtk_drop_down_get_selected (kind) == 1;
}

static char *
scalar (PGconn *conn, const char *sql, const char *param)
{
  const char *params[] = { param };
  g_autoptr(PGresult) res = PQexecParams (conn, sql, param ? 1 : 0, NULL, params, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), ==, 1);
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* --------------------------------------------------------------- tests */

/* Every open demo order is on the board, in the column of its folder. */
static void
test_board (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) res = PQexec (conn,
    "SELECT o.number, w.folder FROM service_orders o JOIN workflow_states w ON w.state = o.state WHERE w.open");
  guint n_cards = 0;
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), >, 20);
  for (int r = 0; r < PQntuples (res); r++)
    {
      WxFolder folder;

      g_assert_true (wx_folder_from_code (PQgetvalue (res, r, 1), &folder));
      g_assert_cmpint (board_folder_of (PQgetvalue (res, r, 0)), ==, folder);
    }
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    n_cards += g_list_model_get_n_items (wx_board_get_column_model (board, c));
  g_assert_cmpint (n_cards, ==, PQntuples (res));
  g_assert_cmpint (g_list_model_get_n_items (wx_board_window_get_orders (WX_BOARD_WINDOW (window))), ==, PQntuples (res));

  /* The title is translated with the rest of the template. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, chinese ? "维修 — 前台" : "Weixiu — Front desk");
  wx_test_screenshot (GTK_WIDGET (window), "front-desk-board");

  /* The text filter narrows every column; clearing it brings them back. */
  {
    g_autofree char *number = g_strdup (PQgetvalue (res, 0, 0));
    guint shown = 0;

    wx_board_set_filter_text (board, number);
    for (guint c = 0; c < wx_board_get_n_columns (board); c++)
      shown += g_list_model_get_n_items (wx_board_get_column_model (board, c));
    g_assert_cmpint (shown, ==, 1);
    wx_board_set_filter_text (board, NULL);
  }
}

static WxIntakeDialog *
open_intake (const char *kind)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.intake", "s", kind));
  dialog = wx_front_desk_window_get_intake_dialog (window);
  g_assert_nonnull (dialog);
  wx_intake_dialog_set_print (WX_INTAKE_DIALOG (dialog), FALSE);
  return WX_INTAKE_DIALOG (dialog);
}

static void
fill_intake (WxIntakeDialog *d, const char *phone)
{
  wx_intake_dialog_set_value (d, "unit", "广州市荔湾区测试中心");
  wx_intake_dialog_set_value (d, "contact", "黄小姐");
  wx_intake_dialog_set_value (d, "phone", phone);
  wx_intake_dialog_set_value (d, "address", "广州市荔湾区中山八路 10 号");
  wx_intake_dialog_set_value (d, "product", "笔记本电脑");
  wx_intake_dialog_set_value (d, "model", "ThinkPad T14");
  wx_intake_dialog_set_value (d, "serial", "PF-UITEST-01");
  wx_intake_dialog_set_value (d, "fault", "开机无显示，电源灯亮");
  wx_intake_dialog_set_value (d, "appearance", "外壳轻微划痕");
  wx_intake_dialog_check_accessory (d, chinese ? "电源适配器" : "Power adapter");
  wx_intake_dialog_set_value (d, "accessories_other", "包、鼠标");
}

/* A bad phone or a missing field: the message next to it, nothing written. */
static void
test_intake_invalid (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  WxIntakeDialog *d = open_intake ("carry_in");

  fill_intake (d, "12345");
  wx_intake_dialog_save (d);
  g_assert_cmpstr (wx_intake_dialog_get_message (d, "phone"), !=, "");
  g_assert_cmpstr (wx_intake_dialog_get_message (d, "unit"), ==, "");

  wx_intake_dialog_set_value (d, "phone", "13800138000");
  wx_intake_dialog_set_value (d, "product", "");
  wx_intake_dialog_save (d);
  g_assert_cmpstr (wx_intake_dialog_get_message (d, "phone"), ==, "");
  g_assert_cmpstr (wx_intake_dialog_get_message (d, "product"), !=, "");
  g_test_message ("intake message: %s", wx_intake_dialog_get_message (d, "product"));

  /* Nothing reached the database. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, before);
  wx_intake_dialog_set_value (d, "product", "笔记本电脑");
  wx_test_screenshot (GTK_WIDGET (d), "front-desk-intake");
  gtk_window_destroy (GTK_WINDOW (d));
}

static void
saved_cb (WxIntakeDialog *d, const char *number, char **out)
{
  *out = g_strdup (number);
}

static gboolean
string_set (gpointer p)
{
  return *(char **) p != NULL;
}

static gboolean
panel_shows (gpointer number)
{
  return g_strcmp0 (wx_order_panel_get_number (wx_board_window_get_panel (WX_BOARD_WINDOW (window))), number) == 0 &&
         wx_order_panel_get_version (wx_board_window_get_panel (WX_BOARD_WINDOW (window))) > 0;
}

static gboolean
accessories_listed (gpointer dialog)
{
  return wx_step_dialog_get_accessory_checks (dialog) != NULL;
}

static gboolean
check_active (gpointer check)
{
  return gtk_check_button_get_active (check);
}

/* The whole front-desk path of a carry-in order. */
static void
test_flow (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) bench = wx_test_db_connect (engineer_conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *timeline = NULL;
  WxIntakeDialog *intake = open_intake ("carry_in");
  WxStepDialog *d;
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  g_autoptr(WxOrder) received = NULL;
  gboolean engineers = FALSE;

  /* Intake */
  fill_intake (intake, "13800138000");
  g_signal_connect (intake, "saved", G_CALLBACK (saved_cb), &number);
  /* Saved with the notice unread and the form unsigned: asked first; Esc
   * goes back, the clerk ticks both (real keys) and saves. */
  wx_intake_dialog_save (intake);
  wx_test_spin_until (has_signature_question, intake, "the signature question");
  wx_test_screenshot (GTK_WIDGET (wx_intake_dialog_get_signature_question (intake)), "intake-signature-question");
  g_assert_null (number);
  wx_test_xdo_focus (wx_intake_dialog_get_signature_question (intake));
  wx_test_xdo_key (wx_intake_dialog_get_signature_question (intake), "Escape");
  wx_test_spin_until (no_signature_question, intake, "the question to close");
  g_assert_null (number);
  /* Go Back put the focus on the unticked notice: Space ticks it, Tab
   * moves to the signature. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (intake)) == wx_intake_dialog_get_check (intake, "notice_read"));
  wx_test_xdo_key (GTK_WINDOW (intake), "space");
  gtk_widget_grab_focus (wx_intake_dialog_get_check (intake, "customer_signed"));
  wx_test_xdo_key (GTK_WINDOW (intake), "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wx_intake_dialog_get_check (intake, "notice_read"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wx_intake_dialog_get_check (intake, "customer_signed"))));
  wx_intake_dialog_save (intake);
  wx_test_spin_until (string_set, &number, "the new order");
  g_assert_cmpstr (scalar (conn, "SELECT notice_read::text || customer_signed::text FROM service_orders"
                                 " WHERE number = $1", number), ==, "truetrue");
  expect_card (number, WX_ORDER_STATE_RECEIVED);
  expect_event (conn, number, "received");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_accessories a JOIN service_orders o ON o.id = a.order_id"
                                           " WHERE o.serial = 'PF-UITEST-01'"), ==, 3);

  /* The detail panel opens on the new order. */
  wx_test_spin_until (panel_shows, number, "the order detail");
  timeline = wx_order_panel_dup_timeline (wx_board_window_get_panel (WX_BOARD_WINDOW (window)));
  g_assert_nonnull (strstr (timeline, wx_workflow_event_label ("received")));
  wx_test_screenshot (GTK_WIDGET (window), "front-desk-detail");
  /* Its close button hides the panel; opening the order shows it again. */
  {
    GtkWidget *revealer = gtk_widget_get_ancestor (GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (window))),
                                                   GTK_TYPE_REVEALER);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.close-detail", NULL);
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    wx_board_window_open_order (WX_BOARD_WINDOW (window), number);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  }

  /* Dispatch: the drop on "with engineer" opens the dispatch dialog. */
  received = board_order (number);
  g_assert_true (wx_board_move (board, received, WX_FOLDER_WITH_ENGINEER));
  d = wx_board_window_get_step_dialog (WX_BOARD_WINDOW (window));
  g_assert_nonnull (d);
  g_assert_cmpstr (wx_step_dialog_get_event (d), ==, "dispatch_inspection");
  g_signal_connect (d, "engineers-loaded", G_CALLBACK (wx_test_set_flag_cb), &engineers);
  wx_test_spin_until (wx_test_flag_set, &engineers, "the engineers");
  g_assert_true (wx_step_dialog_set_value (d, "engineer", engineer_login));
  save_step (d);
  expect_card (number, WX_ORDER_STATE_INSPECTING);
  expect_event (conn, number, "dispatch_inspection");

  /* Inspection at the bench, through the API on the engineer's connection:
   * the notification brings it to F2. */
  {
    g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (data, "fault_analysis", "主板供电芯片损坏");
    g_assert_true (wx_db_order_step (bench, number, "inspect", data, NULL, &error));
    g_assert_no_error (error);
  }
  expect_card (number, WX_ORDER_STATE_INSPECTED);

  /* Quote: lines, method, who was told. */
  d = open_step (number, "quote");
  wx_step_dialog_add_quote_line (d, "主板供电芯片", 1, "300");
  /* The work is labour (人工费 on the sheet), chosen with the keyboard in
   * the line's kind list. */
  {
    GtkWidget *labour = wx_step_dialog_add_quote_line (d, "更换芯片", 1, "80");
    GtkWidget *kind = gtk_widget_get_first_child (labour);

    g_assert_true (GTK_IS_DROP_DOWN (kind));
    wx_test_xdo_focus (GTK_WINDOW (d));
    wx_test_xdo_click_into (kind);
    wx_test_xdo_key (GTK_WINDOW (d), "Down Return");
    wx_test_spin_until (line_is_labour, kind, "the line marked labour");
    wx_test_screenshot (GTK_WIDGET (d), "quote-dialog");
  }
  g_assert_true (wx_step_dialog_set_value (d, "quote_method", "phone"));
  g_assert_true (wx_step_dialog_set_value (d, "quote_told", "黄小姐"));
  save_step (d);
  expect_card (number, WX_ORDER_STATE_QUOTED);
  {
    g_autofree char *total = scalar (conn, "SELECT quote_total FROM service_orders WHERE number = $1", number);
    g_autofree char *kinds = scalar (conn, "SELECT string_agg(q.kind || ' ' || q.unit_price, ',' ORDER BY q.position)"
                                           "  FROM quote_lines q JOIN service_orders o ON o.id = q.order_id"
                                           " WHERE o.number = $1", number);
    g_assert_cmpstr (total, ==, "38000");
    g_assert_cmpstr (kinds, ==, "part 30000,labour 8000");
  }
  /* Cancelling the order says so: not a dialog titled Cancel with a Cancel
   * button beside Save. Closed without a word, the order stays. */
  {
    AdwWindowTitle *title;
    GtkButton *yes, *no;

    d = open_step (number, "cancel");
    title = ADW_WINDOW_TITLE (wx_test_find_widget (GTK_WIDGET (d), is_type, (gpointer) "AdwWindowTitle"));
    yes = GTK_BUTTON (wx_test_find_widget (GTK_WIDGET (d), has_label, (gpointer) _("Cancel _Order")));
    no = GTK_BUTTON (wx_test_find_widget (GTK_WIDGET (d), has_label, (gpointer) _("_Keep the Order")));
    g_assert_cmpstr (adw_window_title_get_title (title), ==, _("Cancel the Order"));
    g_assert_nonnull (yes);
    g_assert_nonnull (no);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (yes), "destructive-action"));
    wx_test_screenshot (GTK_WIDGET (d), "cancel-dialog");
    gtk_window_destroy (GTK_WINDOW (d));
    expect_card (number, WX_ORDER_STATE_QUOTED);
  }

  /* The customer agrees. */
  d = open_step (number, "agree");
  g_assert_true (wx_step_dialog_set_value (d, "decision_contact", "黄小姐"));
  save_step (d);
  expect_card (number, WX_ORDER_STATE_AGREED);
  expect_event (conn, number, "agree");

  /* Repair at the bench, through the API. */
  {
    g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (data, "engineer", engineer_login);
    g_assert_true (wx_db_order_step (conn, number, "dispatch_repair", data, NULL, &error));
    g_assert_no_error (error);
    g_hash_table_remove_all (data);
    g_hash_table_insert (data, "repair_notes", "更换供电芯片，测试正常");
    g_hash_table_insert (data, "functional_tests", "post,configuration,diagnostics");
    g_assert_true (wx_db_order_step (bench, number, "repair_done", data, NULL, &error));
    g_assert_no_error (error);
  }
  expect_card (number, WX_ORDER_STATE_REPAIRED);

  /* Notify the customer: nobody answers the first call… */
  {
    gboolean no_answer = FALSE;

    d = open_step (number, "notify");
    g_signal_connect (d, "no-answer", G_CALLBACK (wx_test_set_flag_cb), &no_answer);
    wx_step_dialog_no_answer (d);
    wx_test_spin_until (wx_test_flag_set, &no_answer, "the unanswered call");
    expect_card (number, WX_ORDER_STATE_REPAIRED);
  }
  /* …the second reaches her. */
  d = open_step (number, "notify");
  g_assert_true (wx_step_dialog_set_value (d, "answered_by", "黄小姐"));
  save_step (d);
  expect_card (number, WX_ORDER_STATE_NOTIFIED);
  expect_event (conn, number, "notify");
  g_assert_cmpstr (scalar (conn, "SELECT string_agg(c.attempt || ':' || c.reached, ',' ORDER BY c.id)"
                                 "  FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                 " WHERE o.number = $1 AND c.purpose = 'notify_pickup'", number), ==, "1:false,2:true");

  /* Pickup: the drop on F4; accessories, payment, who took it. */
  {
    g_autoptr(WxOrder) notified = board_order (number);

    g_assert_true (wx_board_move (board, notified, WX_FOLDER_F4));
  }
  d = wx_board_window_get_step_dialog (WX_BOARD_WINDOW (window));
  g_assert_cmpstr (wx_step_dialog_get_event (d), ==, "pickup");
  /* Saving with nothing filled names the fields. */
  {
    Finished f = { 0 };

    g_signal_connect (d, "finished", G_CALLBACK (finished_cb), &f);
    wx_step_dialog_save (d);
    g_assert_true (f.done);
    g_assert_nonnull (f.error);
    g_clear_error (&f.error);
    g_signal_handlers_disconnect_by_func (d, finished_cb, &f);
    g_assert_cmpstr (wx_step_dialog_get_message (d, "picked_up_by"), !=, "");
  }
  /* Each accessory left with the machine is listed with its own check; a
   * click on each (real clicks) makes "accessories checked" hold. */
  {
    GPtrArray *checks;
    g_autoptr(GString) names = g_string_new (NULL);
    g_autofree char *after = NULL;

    wx_test_spin_until (accessories_listed, d, "the pickup's accessories");
    checks = wx_step_dialog_get_accessory_checks (d);
    for (guint i = 0; i < checks->len; i++)
      g_string_append_printf (names, "%s%s", i ? "," : "", gtk_check_button_get_label (g_ptr_array_index (checks, i)));
    g_assert_cmpstr (names->str, ==, chinese ? "电源适配器,包,鼠标" : "Power adapter,包,鼠标");
    for (guint i = 0; i < checks->len; i++)
      {
        g_autofree char *before = wx_step_dialog_dup_value (d, "accessories_checked");

        g_assert_cmpstr (before, ==, "");
        wx_test_xdo_click_into (g_ptr_array_index (checks, i));
        wx_test_spin_until (check_active, g_ptr_array_index (checks, i), "the accessory ticked");
      }
    after = wx_step_dialog_dup_value (d, "accessories_checked");
    g_assert_cmpstr (after, ==, "true");
    wx_test_screenshot (GTK_WIDGET (d), "pickup-accessories");
  }
  g_assert_true (wx_step_dialog_set_value (d, "payment_status", "paid"));
  g_assert_true (wx_step_dialog_set_value (d, "payment_amount", "380"));
  g_assert_true (wx_step_dialog_set_value (d, "payment_method", "wechat"));
  g_assert_true (wx_step_dialog_set_value (d, "picked_up_by", "黄小姐"));
  g_assert_true (wx_step_dialog_set_value (d, "verified_by", "王工"));
  g_assert_true (wx_step_dialog_set_value (d, "pickup_signed", "true"));
  save_step (d);
  expect_card (number, WX_ORDER_STATE_PICKED_UP);
  expect_event (conn, number, "pickup");
  {
    g_autofree char *paid = scalar (conn, "SELECT sum(p.amount) || ' ' || min(p.method) FROM payments p"
                                          " JOIN service_orders o ON o.id = p.order_id WHERE o.number = $1", number);
    g_autofree char *returned = scalar (conn, "SELECT bool_and(a.returned) FROM order_accessories a"
                                              " JOIN service_orders o ON o.id = a.order_id WHERE o.number = $1", number);
    /* Each accessory left with the machine is recorded as handed back by
     * the clerk, with its time (the one given back at intake has none). */
    g_autofree char *recorded = scalar (conn, "SELECT count(*) FROM order_accessories a"
                                              "  JOIN service_orders o ON o.id = a.order_id"
                                              " WHERE o.number = $1 AND a.returned_at IS NOT NULL"
                                              "   AND a.returned_by = o.updated_by", number);

    g_assert_cmpstr (paid, ==, "38000 wechat");
    g_assert_cmpstr (returned, ==, "t");
    g_assert_cmpstr (recorded, ==, "3");
  }
}

/* Another PC dispatches an order: the board follows without a reload. */
static void
test_live (void)
{
  g_autoptr(PGconn) other = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *number = scalar (other, "SELECT min(number) FROM service_orders WHERE state = 'received'", NULL);

  expect_card (number, WX_ORDER_STATE_RECEIVED);
  g_hash_table_insert (data, "engineer", engineer_login);
  g_assert_true (wx_db_order_step (other, number, "dispatch_inspection", data, NULL, &error));
  g_assert_no_error (error);
  expect_card (number, WX_ORDER_STATE_INSPECTING);
}

/* Dropped where the workflow does not go: a reason, and no change. */
static void
test_forbidden_drop (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = scalar (conn, "SELECT min(number) FROM service_orders WHERE state IN ('received', 'call_logged')", NULL);
  g_autofree char *before = scalar (conn, "SELECT version || state FROM service_orders WHERE number = $1", number);
  g_autofree char *after = NULL;
  g_autoptr(WxOrder) order = NULL;
  const char *notice;

  g_assert_cmpint (board_folder_of (number), ==, WX_FOLDER_F1);
  order = board_order (number);
  g_assert_false (wx_board_move (wx_board_window_get_board (WX_BOARD_WINDOW (window)), order, WX_FOLDER_F4));
  notice = wx_board_window_get_notice (WX_BOARD_WINDOW (window));
  g_test_message ("refused: %s", notice);
  g_assert_nonnull (strstr (notice, number));
  g_assert_nonnull (strstr (notice, wx_folder_label (WX_FOLDER_F4)));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  after = scalar (conn, "SELECT version || state FROM service_orders WHERE number = $1", number);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (board_folder_of (number), ==, WX_FOLDER_F1);
}

static gboolean
notice_contains (gpointer text)
{
  return strstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), text) != NULL;
}

/* Someone else changed the order after the card was drawn: who and when. */
static void
test_conflict (void)
{
  g_autoptr(PGconn) other = wx_test_db_connect (engineer_conninfo);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  /* One of the engineer's own orders: an engineer acts only on those. */
  g_autofree char *number = scalar (conn, "SELECT min(number) FROM service_orders WHERE state = 'picked_up'"
                                          " AND (engineer = $1 OR owner_role = $1)", engineer_login);
  g_autofree char *version = NULL;
  g_autoptr(WxOrder) stale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

  expect_card (number, WX_ORDER_STATE_PICKED_UP);
  stale = board_order (number);
  /* The engineer escalates it meanwhile (the order's version moves on). */
  g_hash_table_insert (data, "reason", "客户投诉");
  g_assert_true (wx_db_order_step (other, number, "escalate", data, NULL, &error));
  g_assert_no_error (error);
  version = scalar (conn, "SELECT version FROM service_orders WHERE number = $1", number);
  wx_front_desk_window_step (window, stale, "enter");
  wx_test_spin_until (notice_contains, (gpointer) "测试工程师", "the conflict");
  g_test_message ("conflict: %s", wx_board_window_get_notice (WX_BOARD_WINDOW (window)));
  g_assert_nonnull (strstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), number));
  /* The notice bar's close button hides it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-notice", NULL);
  g_assert_cmpstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), ==, "");
  /* Nothing was entered. */
  g_assert_cmpstr (scalar (conn, "SELECT version || state FROM service_orders WHERE number = $1", number), ==,
                   g_strconcat (version, "picked_up", NULL));
}

static void
call_log_loaded_cb (WxCallLog *log, const GError *error, gpointer user_data)
{
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Runs `what` and waits for the call log's next load. */
#define WITH_CALL_LOG_RELOAD(what) G_STMT_START {                                          \
    gboolean reloaded_ = FALSE;                                                            \
    gulong id_ = g_signal_connect (log, "loaded", G_CALLBACK (call_log_loaded_cb), &reloaded_); \
    what;                                                                                  \
    wx_test_spin_until (wx_test_flag_set, &reloaded_, "the call log");                    \
    g_signal_handler_disconnect (log, id_);                                                \
  } G_STMT_END

static const WxCall *
call_with_subject (WxCallLog *log, const char *subject)
{
  GPtrArray *calls = wx_call_log_get_calls (log);

  for (guint i = 0; i < calls->len; i++)
    {
      const WxCall *c = g_ptr_array_index (calls, i);
      if (g_str_equal (c->subject, subject))
        return c;
    }
  return NULL;
}

/* The call log: a call with a bad phone is refused at the field and
 * writes nothing; a good one is listed; it becomes an on-site order in one
 * step; a pickup notice nobody answered is logged with its attempt and
 * leaves today's list. */
static gboolean
is_label_text (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_row_about (GtkWidget *widget,
              gpointer   text)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_is_drawable (widget) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL;
}

static void
test_calls (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxCallLog *log = wx_front_desk_window_get_call_log (window);
  const char *subject = "打印机卡纸，请派人上门";
  g_autofree char *before = scalar (conn, "SELECT count(*) FROM calls", NULL);
  g_autofree char *number = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *call_id = NULL;
  WxCallDialog *dialog;
  WxIntakeDialog *intake;
  const WxCall *call;
  guint n_pending;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "calls"));
  WITH_CALL_LOG_RELOAD (wx_call_log_show_day (log, 0));
  dialog = WX_CALL_DIALOG (wx_call_log_new_call (log));
  wx_call_dialog_set_value (dialog, "direction", "inbound");
  wx_call_dialog_set_value (dialog, "purpose", "request");
  wx_call_dialog_set_value (dialog, "unit", "天河区税务局");
  wx_call_dialog_set_value (dialog, "contact", "马主任");
  wx_call_dialog_set_value (dialog, "phone", "12");
  wx_call_dialog_set_value (dialog, "machine", "惠普 M1005");
  wx_call_dialog_set_value (dialog, "subject", subject);
  wx_call_dialog_set_value (dialog, "result", "约明天上午");
  wx_call_dialog_set_value (dialog, "answered_by", "马主任");
  wx_call_dialog_set_value (dialog, "promised", "17:30");
  wx_call_dialog_save (dialog);
  g_test_message ("bad phone: %s", wx_call_dialog_get_message (dialog, "phone"));
  g_assert_cmpstr (wx_call_dialog_get_message (dialog, "phone"), !=, "");
  g_assert_cmpstr (scalar (conn, "SELECT count(*) FROM calls", NULL), ==, before);
  wx_call_dialog_set_value (dialog, "phone", "020-8765 4321");
  wx_test_screenshot (GTK_WIDGET (dialog), "call-dialog");
  WITH_CALL_LOG_RELOAD (wx_call_dialog_save (dialog));
  call = call_with_subject (log, subject);
  g_assert_nonnull (call);
  g_assert_cmpstr (call->unit_name, ==, "天河区税务局");
  g_assert_cmpint (call->promised_reply_at, >, 0);
  g_assert_cmpint (call->order_id, ==, 0);
  /* The promised time as the shop's clock says it, whatever the PC's time
   * zone (the tests run in UTC, eight hours behind the shop). */
  {
    GtkWidget *row = wx_test_find_widget (GTK_WIDGET (log), is_row_about, (gpointer) subject);

    g_assert_nonnull (row);
    g_test_message ("call row: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " 17:30"));
    /* Logged: said, and its row in view with the focus. */
    g_assert_nonnull (wx_test_find_widget (GTK_WIDGET (log), is_label_text, (gpointer) _("Call logged.")));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == row);
  }

  /* The call becomes an on-site order: the intake is filled from it. */
  intake = wx_front_desk_window_order_from_call (window, call->id);
  g_assert_nonnull (intake);
  wx_intake_dialog_set_print (intake, FALSE);
  wx_intake_dialog_set_value (intake, "address", "天河区体育东路 1 号");
  wx_intake_dialog_set_value (intake, "product", "激光打印机");
  call_id = g_strdup_printf ("%" G_GINT64_FORMAT, call->id);
  WITH_CALL_LOG_RELOAD (wx_intake_dialog_save (intake));
  number = scalar (conn, "SELECT o.number FROM calls c JOIN service_orders o ON o.id = c.order_id"
                         " WHERE c.id = $1::bigint AND o.state = 'call_logged' AND o.kind = 'on_site'"
                         "   AND o.unit_name = '天河区税务局' AND o.reported_fault = c.subject", call_id);
  g_test_message ("call %s became order %s", call_id, number);
  call = call_with_subject (log, subject);
  g_assert_cmpint (call->order_id, >, 0);
  g_assert_cmpstr (call->order_number, ==, number);

  /* A pickup notice nobody answers. */
  n_pending = wx_call_log_get_pending (log)->len;
  g_assert_cmpuint (n_pending, >, 0);
  pending = g_strdup (((WxNotifyPending *) g_ptr_array_index (wx_call_log_get_pending (log), 0))->number);
  wx_test_screenshot (GTK_WIDGET (window), "front-desk-calls");
  WITH_CALL_LOG_RELOAD (wx_call_log_no_answer (log, pending));
  g_assert_cmpuint (wx_call_log_get_pending (log)->len, ==, n_pending - 1);
  g_assert_nonnull (wx_test_find_widget (GTK_WIDGET (log), is_label_text,
                                         (gpointer) _("No answer logged; the order stays on the list to call again tomorrow.")));
  /* The new call, last of the day, has the focus. */
  g_assert_true (ADW_IS_ACTION_ROW (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (window)))), ==,
                   (int) wx_call_log_get_calls (log)->len - 1);
  g_assert_cmpstr (scalar (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                 " WHERE o.number = $1 AND c.purpose = 'notify_pickup' AND NOT c.reached"
                                 "   AND c.attempt = (SELECT count(*) FROM calls d WHERE d.order_id = o.id"
                                 "                     AND d.purpose = 'notify_pickup')", pending), ==, "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "board"));
}

static void
amend_saved_cb (WxAmendDialog *dialog, int version, gpointer flag)
{
  g_assert_cmpint (version, >, 1);
  *(gboolean *) flag = TRUE;
}

static gboolean
timeline_has (gpointer text)
{
  g_autofree char *timeline = wx_order_panel_dup_timeline (wx_board_window_get_panel (WX_BOARD_WINDOW (window)));

  return strstr (timeline, text) != NULL;
}

/* "Correct details" from the order's panel: the serial found on the
 * machine's plate, the contact's new mobile. */
static void
test_amend (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) desk = wx_test_db_connect (clerk_conninfo);
  WxOrderDraft draft = { WX_ORDER_KIND_CARRY_IN, "广州市番禺区图书馆", "", "刘馆长", "13800001111",
                         "喷墨打印机", "L3158", "", "不进纸", NULL, NULL };
  g_auto(WxIntakeResult) made = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) bad = NULL;
  g_autofree char *expected = NULL;
  WxAmendDialog *dialog;
  gboolean saved = FALSE;

  g_assert_true (wx_db_order_create (desk, &draft, &made, &error));
  g_assert_no_error (error);
  number = g_strdup (made.number);
  before = scalar (conn, "SELECT version FROM service_orders WHERE number = $1", number);
  wx_board_window_open_order (WX_BOARD_WINDOW (window), number);
  wx_test_spin_until (panel_shows, number, "the order detail");
  dialog = wx_order_panel_amend (wx_board_window_get_panel (WX_BOARD_WINDOW (window)));
  g_assert_nonnull (dialog);
  /* A bad number is refused at its field; nothing is written. */
  g_assert_true (wx_amend_dialog_set_value (dialog, "contact_mobile", "12345"));
  wx_amend_dialog_save (dialog);
  g_assert_false (wx_validate_phone ("12345", &bad));
  g_assert_cmpstr (wx_amend_dialog_get_message (dialog, "contact_mobile"), ==, bad->message);
  g_assert_cmpstr (scalar (conn, "SELECT version FROM service_orders WHERE number = $1", number), ==, before);

  wx_amend_dialog_set_value (dialog, "contact_mobile", "139 2233 4455");
  wx_amend_dialog_set_value (dialog, "serial", "SN-AMEND-0001");
  wx_test_screenshot (GTK_WIDGET (dialog), "amend-dialog");
  g_signal_connect (dialog, "saved", G_CALLBACK (amend_saved_cb), &saved);
  wx_amend_dialog_save (dialog);
  wx_test_spin_until (wx_test_flag_set, &saved, "the correction");
  after = scalar (conn, "SELECT o.serial || ' ' || o.contact_mobile || ' ' || (o.version - 1) || ' '"
                        "       || (e.payload -> 'fields' -> 'serial' ->> 'new') || ' ' || e.actor"
                        "  FROM service_orders o JOIN order_events e ON e.order_id = o.id AND e.event = 'amend'"
                        " WHERE o.number = $1", number);
  expected = g_strconcat ("SN-AMEND-0001 139 2233 4455 ", before, " SN-AMEND-0001 ", clerk_login, NULL);
  g_assert_cmpstr (after, ==, expected);
  /* The panel reloads and its timeline says so. */
  wx_test_spin_until (timeline_has, (gpointer) wx_workflow_event_label ("amend"), "the correction in the timeline");
}


/* ------------------------------------------- the keyboard and the mouse
 *
 * These send real X events with xdotool (wx-test-xdo.h): keys go to the
 * widget with the X and GTK focus, clicks to the widget under the pointer,
 * as a clerk's do. */

typedef struct {
  WxIntakeDialog *dialog;
  const char     *text;
} Shows;

static gboolean
customers_show (gpointer data)
{
  Shows *s = data;
  g_autofree char *shown = wx_intake_dialog_dup_customers (s->dialog);

  return strstr (shown, s->text) != NULL;
}

static gboolean
entry_is (gpointer data)
{
  Shows *s = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wx_intake_dialog_get_field (s->dialog, "unit"))), s->text) == 0;
}

static gboolean
has_question (gpointer dialog)
{
  GtkWindow *ask = wx_intake_dialog_get_discard_question (dialog);

  return ask && gtk_widget_get_mapped (GTK_WIDGET (ask));
}

static gboolean
question_gone (gpointer dialog)
{
  return wx_intake_dialog_get_discard_question (dialog) == NULL;
}

static gboolean
intake_gone (gpointer unused)
{
  return wx_front_desk_window_get_intake_dialog (window) == NULL;
}

/* Typing a returning customer's mobile into the intake lists them; a click
 * on the hit fills the unit. Esc on the half-typed intake asks; keeping it
 * keeps what was typed, discarding closes it and writes nothing. */
static void
test_keys_intake (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *unit = scalar (conn, "SELECT unit_name FROM customers WHERE mobile ~ '^1[0-9]{10}$'"
                                        " ORDER BY id LIMIT 1", NULL);
  g_autofree char *mobile = scalar (conn, "SELECT mobile FROM customers WHERE unit_name = $1 LIMIT 1", unit);
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  WxIntakeDialog *d = open_intake ("carry_in");
  Shows shows = { d, unit };

  wx_test_xdo_click_into (wx_intake_dialog_get_field (d, "phone"));
  wx_test_xdo_type (GTK_WINDOW (d), mobile, 60);
  wx_test_spin_until (customers_show, &shows, "the customer lookup");
  wx_test_screenshot (GTK_WIDGET (d), "intake-lookup");
  wx_test_xdo_click (wx_intake_dialog_get_customer_row (d, 0), 1, -1, -1);
  wx_test_spin_until (entry_is, &shows, "the unit filled from the hit");

  /* Esc asks; Esc again keeps the intake and what was typed. */
  wx_test_xdo_key (GTK_WINDOW (d), "Escape");
  wx_test_spin_until (has_question, d, "the discard question");
  wx_test_screenshot (GTK_WIDGET (wx_intake_dialog_get_discard_question (d)), "intake-discard-question");
  wx_test_xdo_key (wx_intake_dialog_get_discard_question (d), "Escape");
  wx_test_spin_until (question_gone, d, "the question to close");
  g_assert_true (wx_front_desk_window_get_intake_dialog (window) == GTK_WINDOW (d));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wx_intake_dialog_get_field (d, "phone"))), ==, mobile);

  /* Esc, then "Discard" (its mnemonic): gone, nothing written. */
  wx_test_xdo_key (GTK_WINDOW (d), "Escape");
  wx_test_spin_until (has_question, d, "the discard question");
  wx_test_xdo_key (wx_intake_dialog_get_discard_question (d), "alt+d");
  wx_test_spin_until (intake_gone, NULL, "the intake to close");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, before);

  /* An empty intake closes on Esc without a question. */
  d = open_intake ("carry_in");
  wx_test_xdo_key (GTK_WINDOW (d), "Escape");
  wx_test_spin_until (intake_gone, NULL, "the empty intake to close");
}

static gboolean
device_text_has (gpointer data)
{
  Shows *shows = data;

  return strstr (wx_intake_dialog_get_device_text (shows->dialog), shows->text) != NULL;
}

/* A serial typed at the desk that is a machine under another customer's
 * contract is said to be, with the owner's name, before saving. */
static void
test_keys_contract_serial (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *serial = scalar (conn, "SELECT d.serial FROM devices d JOIN contract_devices cd ON cd.device_id = d.id"
                                          "  JOIN contracts c ON c.id = cd.contract_id"
                                          " WHERE current_date BETWEEN c.starts_on AND c.ends_on"
                                          "   AND d.serial ~ '^[A-Za-z0-9-]{4,}$' ORDER BY d.id LIMIT 1", NULL);
  g_autofree char *owner = scalar (conn, "SELECT u.unit_name FROM devices d JOIN customers u ON u.id = d.customer_id"
                                         " WHERE d.serial = $1", serial);
  WxIntakeDialog *d = open_intake ("carry_in");
  Shows shows = { d, "Another unit Ltd" };

  g_test_message ("serial %s of %s", serial, owner);
  g_assert_nonnull (serial);
  wx_test_xdo_click_into (wx_intake_dialog_get_field (d, "unit"));
  wx_test_xdo_type (GTK_WINDOW (d), "Another unit Ltd", 20);
  wx_test_xdo_click_into (wx_intake_dialog_get_field (d, "serial"));
  wx_test_xdo_type (GTK_WINDOW (d), serial, 40);
  wx_test_spin_until (device_text_has, &shows, "the contract warning");
  g_test_message ("device: %s", wx_intake_dialog_get_device_text (d));
  g_assert_nonnull (strstr (wx_intake_dialog_get_device_text (d), owner));
  wx_test_screenshot (GTK_WIDGET (d), "intake-contract-serial");
  gtk_window_destroy (GTK_WINDOW (d));
}

/* Types `text` into the intake's `field` as a clerk does: the form
 * scrolled to it (by the focus), a click into it, then the keys. */
static void
type_into_intake (WxIntakeDialog *d,
           const char     *field,
           const char     *text)
{
  GtkWidget *w = wx_intake_dialog_get_field (d, field);

  wx_test_xdo_scroll_to (w);
  wx_test_xdo_click_into (w);
  wx_test_xdo_key (GTK_WINDOW (d), "ctrl+a");
  wx_test_xdo_type (GTK_WINDOW (d), text, 20);
}

/* The paper form's other boxes (fax, the end user's phone, floor or
 * department, fixed-asset number, purchase date), typed with the keys: a
 * purchase date ahead of today is named under its box and nothing is
 * written; corrected, the order keeps them all and the machine its
 * purchase date and warranty. */
static void
test_keys_paper_boxes (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  WxIntakeDialog *d = open_intake ("carry_in");
  g_autofree char *row = NULL;

  fill_intake (d, "13902221234");
  wx_intake_dialog_set_value (d, "serial", "PF-BOXES-07");
  type_into_intake (d, "fax", "020-87581481");
  type_into_intake (d, "end_user_phone", "13800138000");
  type_into_intake (d, "floor_department", "3F IT");
  type_into_intake (d, "asset_number", "GZ-ZC-0042");
  type_into_intake (d, "purchase_date", "2099-01-01");
  wx_test_xdo_key (GTK_WINDOW (d), "ctrl+Return");
  g_test_message ("purchase date: %s", wx_intake_dialog_get_message (d, "purchase_date"));
  g_assert_nonnull (strstr (wx_intake_dialog_get_message (d, "purchase_date"), "2099-01-01"));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, before);
  wx_test_screenshot (GTK_WIDGET (d), "intake-paper-boxes");

  type_into_intake (d, "purchase_date", "2025-03-15");
  /* Read and signed, so that saving asks nothing (the question has its own test). */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wx_intake_dialog_get_check (d, "notice_read")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wx_intake_dialog_get_check (d, "customer_signed")), TRUE);
  wx_test_xdo_key (GTK_WINDOW (d), "ctrl+Return");
  wx_test_spin_until (intake_gone, NULL, "the intake to be saved");
  row = scalar (conn, "SELECT concat_ws('|', o.contact_fax, o.end_user_phone, o.floor_department, o.asset_number,"
                      " d.purchase_date, d.warranty_expires)"
                      " FROM service_orders o JOIN devices d ON d.id = o.device_id WHERE o.serial = $1", "PF-BOXES-07");
  g_assert_cmpstr (row, ==, "020-87581481|13800138000|3F IT|GZ-ZC-0042|2025-03-15|2026-03-15");
}

/* For wx_test_find_widget: adds a label's mnemonic to the set, failing on
 * one already there; never matches. */
static gboolean
collect_mnemonic (GtkWidget *widget,
                  gpointer   keys)
{
  guint key;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget) ||
      (key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget))) == GDK_KEY_VoidSymbol)
    return FALSE;
  key = gdk_keyval_to_lower (key);
  if (g_hash_table_contains (keys, GUINT_TO_POINTER (key)))
    g_error ("the mnemonic %s of “%s” is taken", gdk_keyval_name (key), gtk_label_get_label (GTK_LABEL (widget)));
  g_hash_table_add (keys, GUINT_TO_POINTER (key));
  return FALSE;
}

/* One Save names every field at fault, the first takes the focus, and the
 * messages are in view. */
static void
test_keys_all_faults (void)
{
  WxIntakeDialog *d = open_intake ("carry_in");
  const char *bad[] = { "phone", "product", "fault", "model" };
  GtkWidget *focus;

  wx_test_xdo_click_into (wx_intake_dialog_get_field (d, "unit"));
  wx_test_xdo_type (GTK_WINDOW (d), "Test unit", 30);
  wx_test_xdo_click_into (wx_intake_dialog_get_field (d, "phone"));
  wx_test_xdo_type (GTK_WINDOW (d), "12345", 30);
  wx_test_xdo_key (GTK_WINDOW (d), "ctrl+Return");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s: %s", bad[i], wx_intake_dialog_get_message (d, bad[i]));
      g_assert_cmpstr (wx_intake_dialog_get_message (d, bad[i]), !=, "");
    }
  g_assert_cmpstr (wx_intake_dialog_get_message (d, "unit"), ==, "");
  focus = gtk_root_get_focus (GTK_ROOT (d));
  g_assert_true (focus && gtk_widget_is_ancestor (focus, wx_intake_dialog_get_field (d, "phone")));
  wx_test_screenshot (GTK_WIDGET (d), "intake-all-faults");

  /* Each field has a mnemonic of its own: Alt with the serial's letter
   * goes to the serial, not to another field with the same letter. */
  {
    g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
    GtkWidget *serial = wx_intake_dialog_get_field (d, "serial");

    wx_test_find_widget (GTK_WIDGET (d), collect_mnemonic, keys);
    wx_test_xdo_key (GTK_WINDOW (d), "alt+l");
    focus = gtk_root_get_focus (GTK_ROOT (d));
    g_assert_true (focus && gtk_widget_is_ancestor (focus, serial));
  }
  gtk_window_destroy (GTK_WINDOW (d));
}

static gboolean
is_card_of (GtkWidget *widget,
            gpointer   number)
{
  return WX_IS_BOARD_CARD (widget) && gtk_widget_get_mapped (widget) && wx_board_card_get_order (WX_BOARD_CARD (widget)) &&
         g_str_equal (wx_order_get_number (wx_board_card_get_order (WX_BOARD_CARD (widget))), number);
}

/* The mapped card showing `number`, or NULL. */
static WxBoardCard *
find_card (const char *number)
{
  return (WxBoardCard *) wx_test_find_widget (GTK_WIDGET (window), is_card_of, (gpointer) number);
}

static gboolean
card_shown (gpointer number)
{
  return find_card (number) != NULL;
}

static WxBoardCard *
wait_card (const char *number)
{
  wx_test_spin_until (card_shown, (gpointer) number, "the card");
  return find_card (number);
}

static gboolean
is_item (GtkWidget *widget,
         gpointer   label)
{
  g_autofree char *text = NULL;

  if (!gtk_widget_get_mapped (widget) || !g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text"))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

/* The menu's item labelled `label`. */
static GtkWidget *
menu_item (GtkWidget  *menu,
           const char *label)
{
  return wx_test_find_widget (menu, is_item, (gpointer) label);
}

static gboolean
menu_open (gpointer card)
{
  GtkPopover *menu = wx_board_card_get_menu (card);

  return menu && gtk_widget_get_mapped (GTK_WIDGET (menu));
}

static gboolean
step_dialog_open (gpointer event)
{
  WxStepDialog *dialog = wx_board_window_get_step_dialog (WX_BOARD_WINDOW (window));

  return dialog && g_strcmp0 (wx_step_dialog_get_event (dialog), event) == 0;
}

static gboolean
order_on_board (gpointer number)
{
  g_autoptr(WxOrder) o = board_order (number);

  return o != NULL;
}

static char *
new_order (const char *unit)
{
  g_autoptr(PGconn) desk = wx_test_db_connect (clerk_conninfo);
  WxOrderDraft draft = { WX_ORDER_KIND_CARRY_IN, unit, "", "陈先生", "13800002222",
                         "激光打印机", "M1136", "", "卡纸", NULL, NULL };
  g_auto(WxIntakeResult) made = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_order_create (desk, &draft, &made, &error));
  g_assert_no_error (error);
  return g_strdup (made.number);
}

/* A right click on a card opens its menu and "Open" opens the order; the
 * keyboard's Shift+F10 on the focused card opens it too, and a step in it
 * opens that step's dialog. */
static void
test_keys_card_menu (void)
{
  g_autofree char *number = new_order ("广州市白云区菜单测试所");
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  g_autoptr(WxOrder) order = NULL;
  WxBoardCard *card;
  GtkWidget *item;
  const char *event = NULL;

  wx_front_desk_window_refresh (window);
  wx_test_spin_until (order_on_board, number, "the new order");
  order = board_order (number);
  wx_board_set_filter_text (board, number);
  card = wait_card (number);

  wx_test_xdo_click (GTK_WIDGET (card), 3, -1, -1);
  wx_test_spin_until (menu_open, card, "the card's menu");
  wx_test_screenshot (GTK_WIDGET (wx_board_card_get_menu (card)), "card-menu");
  item = menu_item (GTK_WIDGET (wx_board_card_get_menu (card)), _("Open"));
  g_assert_nonnull (item);
  wx_test_xdo_click_into (item);
  wx_test_spin_until (panel_shows, number, "the order opened from the menu");

  /* The keyboard: focus the card, Shift+F10, a step. */
  {
    g_autoptr(GPtrArray) steps = wx_workflow_available (wx_order_get_kind (order), wx_order_get_state (order));

    for (guint i = 0; i < steps->len && event == NULL; i++)
      {
        const WxTransition *t = g_ptr_array_index (steps, i);
        if ((t->roles & WX_ROLE_COORDINATOR) && t->form == WX_FORM_STEP)
          event = t->event;
      }
  }
  g_assert_nonnull (event);
  card = wait_card (number);
  wx_test_xdo_click_into (GTK_WIDGET (card));
  wx_test_xdo_key (GTK_WINDOW (window), "shift+F10");
  wx_test_spin_until (menu_open, card, "the card's menu from the keyboard");
  item = menu_item (GTK_WIDGET (wx_board_card_get_menu (card)), wx_workflow_event_label (event));
  g_assert_nonnull (item);
  wx_test_xdo_click_into (item);
  wx_test_spin_until (step_dialog_open, (gpointer) event, "the step's dialog");
  gtk_window_destroy (GTK_WINDOW (wx_board_window_get_step_dialog (WX_BOARD_WINDOW (window))));
  wx_board_set_filter_text (board, NULL);
}

/* A scanner types the claim check's number fast and presses Enter: the
 * scanned order opens, not the focused card, and a text field with the
 * focus keeps its own text. */
static void
test_keys_scan (void)
{
  g_autofree char *selected = new_order ("广州市天河区扫码测试一");
  g_autofree char *scanned = new_order ("广州市天河区扫码测试二");
  g_autofree char *again = new_order ("广州市天河区扫码测试三");
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  GtkWidget *search;
  WxBoardCard *card;

  wx_front_desk_window_refresh (window);
  wx_test_spin_until (order_on_board, again, "the new orders");
  wx_board_set_filter_text (board, selected);
  card = wait_card (selected);
  wx_test_xdo_click_into (GTK_WIDGET (card));
  wx_board_set_filter_text (board, NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (board))
                 || gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (board));
  wx_test_xdo_scan (GTK_WINDOW (window), scanned);
  wx_test_spin_until (panel_shows, scanned, "the scanned order");
  wx_test_screenshot (GTK_WIDGET (window), "front-desk-scanned");

  /* From the search box with a half-typed search in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  wx_test_xdo_type (GTK_WINDOW (window), "abc", 150);
  /* The panel was read to its end; the next order shows from its top. */
  {
    GtkWidget *panel = GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (window)));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (wx_test_find_widget (panel, is_mapped_scroller, NULL)));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    g_test_message ("panel: %g of %g, page %g", gtk_adjustment_get_value (adj), gtk_adjustment_get_upper (adj),
                    gtk_adjustment_get_page_size (adj));
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
    wx_test_xdo_scan (GTK_WINDOW (window), again);
    wx_test_spin_until (panel_shows, again, "the order scanned into the search box");
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "abc");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
}

typedef struct {
  GtkListView *list;
  GtkLabel    *label;
  guint        at_least;   /* found at least this many, or G_MAXUINT: none */
} SearchShows;

static gboolean
search_shows (gpointer data)
{
  SearchShows *s = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (s->list)));
  g_autofree char *none = g_strdup_printf (ngettext ("%u order found", "%u orders found", 0), 0);

  if (s->at_least == G_MAXUINT)
    return n == 0 && g_strcmp0 (gtk_label_get_text (s->label), none) == 0;
  return n >= s->at_least;
}

/* The search box searches as the clerk types, without Enter: results for
 * a phone's first digits, none left over when the text changes to one that
 * finds nothing, and a hint rather than a blank page when it is empty. */
static void
test_keys_search_as_you_type (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (wx_test_find_widget (GTK_WIDGET (window), is_type, (gpointer) "AdwViewStack"));
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, "search");
  SearchShows shows = { GTK_LIST_VIEW (wx_test_find_widget (page, is_type, (gpointer) "GtkListView")),
                        GTK_LABEL (wx_test_find_widget (page, is_type, (gpointer) "GtkLabel")), 1 };
  GtkWidget *search;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  search = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  wx_test_xdo_type (GTK_WINDOW (window), "13800002", 120);
  wx_test_spin_until (search_shows, &shows, "results as the phone is typed");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "search");
  wx_test_screenshot (GTK_WIDGET (window), "front-desk-search-typed");
  wx_test_xdo_key (GTK_WINDOW (window), "ctrl+a");
  wx_test_xdo_type (GTK_WINDOW (window), "zqxzqx", 120);
  shows.at_least = G_MAXUINT;
  wx_test_spin_until (search_shows, &shows, "no results left under a text that finds none");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (shows.list))), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (shows.label), !=, "");
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   type_name)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name);
}

static gboolean
is_switcher_button (GtkWidget *widget,
                    gpointer   title)
{
  g_autofree char *label = NULL;

  if (!is_type (widget, (gpointer) "AdwViewSwitcherButton") || !gtk_widget_is_drawable (widget))
    return FALSE;
  g_object_get (widget, "label", &label, NULL);
  return g_strcmp0 (label, title) == 0;
}

typedef struct {
  AdwViewStack *stack;
  const char   *name;
} PageShown;

static gboolean
page_shown (gpointer data)
{
  PageShown *p = data;

  return g_strcmp0 (adw_view_stack_get_visible_child_name (p->stack), p->name) == 0;
}

static gboolean
narrow (gpointer unused)
{
  return gtk_widget_get_width (GTK_WIDGET (window)) <= 1024;
}

/* The front desk at 1,024 × 768: every page is reached with a click on
 * its switcher button, none is cut or out of reach. */
static void
test_keys_narrow (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (wx_test_find_widget (GTK_WIDGET (window), is_type, (gpointer) "AdwViewStack"));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  /* No cross-fade between the header's switcher and the bottom bar: a
   * click lands on what is shown, not on a page half faded. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  wx_test_xdo_resize (GTK_WINDOW (window), 1024, 768);
  wx_test_spin_until (narrow, NULL, "the window at 1,024 px");
  /* The scanned order's panel is open beside the pages. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (
    GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (window))), GTK_TYPE_REVEALER))));
  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i % n);
      PageShown shown = { stack, adw_view_stack_page_get_name (page) };
      GtkWidget *button = NULL;

      button = wx_test_find_widget (GTK_WIDGET (window), is_switcher_button,
                                    (gpointer) adw_view_stack_page_get_title (page));
      g_assert_nonnull (button);
      g_test_message ("page %s: window %d px wide", adw_view_stack_get_visible_child_name (stack),
                      gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
      wx_test_xdo_click_into (button);
      wx_test_spin_until (page_shown, &shown, adw_view_stack_page_get_name (page));
      if (i < n)
        {
          g_autofree char *name = g_strdup_printf ("front-desk-1024-%s", adw_view_stack_page_get_name (page));
          GtkWidget *shown_page = adw_view_stack_get_visible_child (stack);
          GtkWidget *scroller = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (stack)));

          wx_test_screenshot (GTK_WIDGET (window), name);
          /* With the order's panel open beside it, the page fits what is
           * left: nothing cut on its left, no sideways scrolling. */
          g_test_message ("page %s: %d px in %d px", shown.name, gtk_widget_get_width (shown_page),
                          gtk_widget_get_width (scroller));
          g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
          g_assert_cmpint (gtk_widget_get_width (shown_page), <=, gtk_widget_get_width (scroller));
        }
    }
}

static char *
badge_of (WxClock       clock,
          WxClockStatus status,
          gint64        minutes_left,
          guint         day_minutes)
{
  WxOrderData d = { .number = g_strdup ("2026-000001"), .unit_name = g_strdup ("南粤口腔"), .model = g_strdup ("M1136"),
                    .fault = g_strdup ("卡纸"), .has_clock = TRUE, .clock = clock,
                    .clock_status = status, .clock_minutes_left = minutes_left, .day_minutes = day_minutes };
  g_autoptr(WxOrder) order = wx_order_new_take (&d);
  GtkWidget *card = g_object_ref_sink (wx_board_card_new ());
  GtkWidget *holder = gtk_window_new ();   /* an accessible context comes with a root */
  char *badge;

  gtk_window_set_child (GTK_WINDOW (holder), card);
  wx_board_card_set_order (WX_BOARD_CARD (card), order);
  badge = g_strdup (wx_board_card_get_badge (WX_BOARD_CARD (card)));
  /* A screen reader hears the number and the clock, not nothing. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, "2026-000001, 南粤口腔, M1136 · 卡纸");
  {
    g_autofree char *reason = wx_order_shelf_reason (order);
    g_autofree char *description = g_strdup_printf ("%s. %s. %s", wx_order_state_label (0), reason, badge);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  }
  gtk_window_destroy (GTK_WINDOW (holder));
  g_object_unref (card);
  return badge;
}

/* The card's clock chip (issue 16, item 6): days are the shop's working
 * days (a 9-hour day: 545 minutes is 1 d 0 h, not the 1 d 1 h an 8-hour day
 * made of it), a clock past its limit reads "over" even when less than a
 * minute has gone, and the repair clock is 维修, not the quote's 维修方案. */
static void
test_card_badge (void)
{
  gboolean zh = wx_test_ui_chinese ();
  g_autofree char *nine = badge_of (WX_CLOCK_REPAIR, WX_CLOCK_STATUS_RUNNING, 545, 540);
  g_autofree char *eight = badge_of (WX_CLOCK_REPAIR, WX_CLOCK_STATUS_RUNNING, 545, 480);
  g_autofree char *zero = badge_of (WX_CLOCK_DISPATCH, WX_CLOCK_STATUS_RED, 0, 540);
  g_autofree char *late = badge_of (WX_CLOCK_FRONT_REPLY, WX_CLOCK_STATUS_RED, -75, 540);

  g_assert_cmpstr (nine, ==, zh ? "维修：剩余 1 天 0 小时" : "Repair: 1 d 0 h left");
  g_assert_cmpstr (eight, ==, zh ? "维修：剩余 1 天 1 小时" : "Repair: 1 d 1 h left");
  g_assert_cmpstr (zero, ==, zh ? "派工：已超时 1 分钟" : "Dispatch: 1 min over");
  g_assert_cmpstr (late, ==, zh ? "协调员4小时答复：已超时 1 小时 15 分" : "Front desk's 4-hour reply: 1 h 15 min over");
}

static GtkWindow *
about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
about_shown (gpointer unused)
{
  return about_window () != NULL;
}

/* The main menu (F10) has About (its mnemonic A): name, version, licence. */
static void
test_keys_about (void)
{
  GtkWindow *about;

  wx_test_xdo_focus (GTK_WINDOW (window));
  wx_test_xdo_key (GTK_WINDOW (window), "F10");
  wx_test_xdo_key (GTK_WINDOW (window), "a");
  wx_test_spin_until (about_shown, NULL, "the About window");
  about = about_window ();
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  wx_test_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
}

static gboolean
balance_loaded (gpointer dialog)
{
  return wx_payment_dialog_get_balance (dialog) >= 0;
}

static gboolean
count_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer frames)
{
  return ++*(int *) frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_drawn (gpointer frames)
{
  return *(int *) frames >= 3;
}

static gboolean
has_action (GtkWidget *widget, gpointer action)
{
  return GTK_IS_ACTIONABLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_mapped_label_text (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The payment dialog open, if any. */
static WxPaymentDialog *
open_payment_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (windows, i);

      if (WX_IS_PAYMENT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return WX_PAYMENT_DIALOG (w);
    }
  return NULL;
}

static gboolean
payment_dialog_open (gpointer unused)
{
  return open_payment_dialog () != NULL;
}

static gboolean
payment_dialog_gone (gpointer unused)
{
  return open_payment_dialog () == NULL;
}

static gboolean
question_open (gpointer dialog)
{
  GtkWindow *q = wx_payment_dialog_get_question (dialog);

  return q != NULL && gtk_widget_get_mapped (GTK_WIDGET (q));
}

static gboolean
excess_question_gone (gpointer dialog)
{
  return wx_payment_dialog_get_question (dialog) == NULL;
}

static gboolean
amount_message_shown (gpointer dialog)
{
  return *wx_payment_dialog_get_message (dialog, "amount") != '\0';
}

static gboolean
reason_message_shown (gpointer dialog)
{
  return *wx_payment_dialog_get_message (dialog, "note") != '\0';
}

static gboolean
label_shown (gpointer data)
{
  gpointer *d = data;

  return wx_test_find_widget (d[0], is_mapped_label_text, d[1]) != NULL;
}

/* Clicks the button of action `action` under `root` (a clerk's click). */
static void
click_action (GtkWidget *root, const char *action)
{
  GtkWidget *button = wx_test_find_widget (root, has_action, (gpointer) action);
  GtkWidget *scrolled;
  int frames = 0;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  scrolled = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
  /* Into view first: the panel scrolled to put it in the middle. */
  if (scrolled)
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t at;

      g_assert_true (gtk_widget_compute_point (button, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &at));
      gtk_adjustment_set_value (v, at.y - gtk_adjustment_get_page_size (v) / 2);
    }
  gtk_widget_add_tick_callback (button, count_frame, &frames, NULL);
  wx_test_spin_until (frames_drawn, &frames, "the button in view");
  wx_test_xdo_click (button, 1, -1, -1);
}

/* Opens the payment dialog of `action` with a click and waits for its
 * balance. */
static WxPaymentDialog *
click_money_dialog (WxFrontDeskWindow *w, const char *action)
{
  WxPaymentDialog *dialog;

  click_action (GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (w))), action);
  wx_test_spin_until (payment_dialog_open, NULL, action);
  dialog = open_payment_dialog ();
  wx_test_spin_until (balance_loaded, dialog, "the balance");
  wx_test_xdo_focus (GTK_WINDOW (dialog));
  return dialog;
}

/* Types `text` into field `key` of the dialog as a clerk: a click into
 * it, all selected, typed over. */
static gboolean
focus_within (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
type_into (WxPaymentDialog *dialog, const char *key, const char *text)
{
  GtkWidget *field = wx_payment_dialog_get_field (dialog, key);

  g_test_message ("typing into %s", key);
  /* The keys go where the focus is. A click just after a drop-down closed
   * can be taken by the closing list: then the clerk clicks again. */
  for (int attempt = 0; attempt < 3 && !focus_within (field); attempt++)
    {
      wx_test_xdo_click_into (field);
      for (int i = 0; i < 100 && !focus_within (field); i++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (10000);
        }
    }
  g_assert_true (focus_within (field));
  wx_test_xdo_key (GTK_WINDOW (dialog), "ctrl+a");
  wx_test_xdo_type (GTK_WINDOW (dialog), text, 20);
}

static gboolean
popover_closed (gpointer popover)
{
  return !gtk_widget_get_mapped (popover);
}

/* Picks `label` (translated) in the drop-down `key`: a click opens it, a
 * click on the row picks. */
static void
pick (WxPaymentDialog *dialog, const char *key, const char *label)
{
  GtkWidget *drop = wx_payment_dialog_get_field (dialog, key);
  gpointer d[] = { gtk_widget_get_last_child (drop), (gpointer) label };
  GtkWidget *row;

  wx_test_xdo_click (drop, 1, -1, -1);
  wx_test_spin_until (label_shown, d, label);
  row = wx_test_find_widget (d[0], is_mapped_label_text, (gpointer) label);
  wx_test_xdo_click (row, 1, -1, -1);
  /* Closed before the next click: a click while it closes is its own. */
  wx_test_spin_until (popover_closed, d[0], "the drop-down to close");
}

/* Scrolls the order panel of `desk` down to its Payments, for the
 * screenshot. */
static void
scroll_to_payments (WxFrontDeskWindow *desk)
{
  /* Twice: the panel may have been rebuilt meanwhile (a reload). */
  for (int pass = 0; pass < 2; pass++)
    {
      GtkWidget *panel = GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (desk)));
      GtkWidget *head = wx_test_find_widget (panel, is_mapped_label_text, (gpointer) _("Payments"));
      GtkWidget *scrolled = gtk_widget_get_ancestor (head, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t at;
      int frames = 0;

      g_assert_true (gtk_widget_compute_point (head, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &at));
      gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + at.y - 40);
      gtk_widget_add_tick_callback (scrolled, count_frame, &frames, NULL);
      wx_test_spin_until (frames_drawn, &frames, "the panel scrolled");
    }
}

static char *payments_text;           /* the panel's Payments section as last read */
static WxFrontDeskWindow *money_desk; /* whose panel panel_payments_show reads */
static char *stored_number;           /* the order of take-payment, for refund-write-off */

static gboolean
panel_payments_show (gpointer text)
{
  g_autofree char *now = wx_order_panel_dup_payments (wx_board_window_get_panel (WX_BOARD_WINDOW (money_desk)));

  g_free (payments_text);
  payments_text = g_strdup (now);
  return strstr (now, text) != NULL;
}

/* "Take Payment" from the panel of an order picked up on account (money
 * after pickup, issue 15), with the clerk's clicks and keys: the amount
 * starts at the balance; more than it asks whether to keep the excess as
 * the customer's prepayment — "Change the Amount" (Esc) shows the
 * database's sentence, "Keep as Prepayment" (Alt+K) records the balance
 * paid and the rest on the customer's account. The panel then lists the
 * payment, the balance and the prepayment. */
static void
test_take_payment (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) desk = wx_test_db_connect (clerk_conninfo);
  WxOrderDraft draft = { WX_ORDER_KIND_CARRY_IN, "广州市海珠区月结客户", "", "陈会计", "13800002222",
                         "激光打印机", "M404dn", "", "卡纸", NULL, NULL };
  g_auto(WxIntakeResult) made = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *over = NULL;
  g_autofree char *prepaid = NULL;
  g_autofree char *line = NULL;
  WxPaymentDialog *dialog;

  g_assert_true (wx_db_order_create (desk, &draft, &made, &error));
  g_assert_no_error (error);
  g_free (scalar (conn, "UPDATE service_orders SET state = 'picked_up', payment_status = 'on_account',"
                        " quote_total = 68000, picked_up_at = now() WHERE number = $1 RETURNING number",
                  made.number));
  wx_board_window_open_order (WX_BOARD_WINDOW (window), made.number);
  wx_test_spin_until (panel_shows, made.number, "the order detail");
  line = g_strdup_printf ("%s ¥680.00", _("Balance due"));
  money_desk = window;
  wx_test_spin_until (panel_payments_show, line, "the balance in the panel");

  dialog = click_money_dialog (window, "panel.payment");
  g_assert_cmpint (wx_payment_dialog_get_balance (dialog), ==, 68000);
  type_into (dialog, "amount", "700");
  pick (dialog, "method", _("Bank transfer"));
  type_into (dialog, "reference", "HX4200001234");
  click_action (GTK_WIDGET (dialog), "payment.save");
  wx_test_spin_until (question_open, dialog, "the question: keep the excess?");
  wx_test_xdo_focus (wx_payment_dialog_get_question (dialog));
  wx_test_screenshot (GTK_WIDGET (wx_payment_dialog_get_question (dialog)), "payment-keep-excess");
  /* Esc: change the amount — the database's sentence, nothing recorded. */
  wx_test_xdo_key (wx_payment_dialog_get_question (dialog), "Escape");
  wx_test_spin_until (amount_message_shown, dialog, "the sentence under the amount");
  over = g_strdup_printf (_(WX_PAYMENT_OVER), "680.00");
  g_assert_cmpstr (wx_payment_dialog_get_message (dialog, "amount"), ==, over);
  wx_test_screenshot (GTK_WIDGET (dialog), "payment-dialog");
  after = scalar (conn, "SELECT count(*) FROM payments y JOIN service_orders o ON o.id = y.order_id"
                        " WHERE o.number = $1", made.number);
  g_assert_cmpstr (after, ==, "0");
  g_clear_pointer (&after, g_free);

  /* Again, and keep the ¥20 over. */
  wx_test_spin_until (excess_question_gone, dialog, "the question closed");
  wx_test_xdo_focus (GTK_WINDOW (dialog));
  wx_test_xdo_click_into (wx_payment_dialog_get_field (dialog, "amount"));
  wx_test_xdo_key (GTK_WINDOW (dialog), "Return");   /* the entry activates Save */
  wx_test_spin_until (question_open, dialog, "the question again");
  wx_test_xdo_focus (wx_payment_dialog_get_question (dialog));
  wx_test_xdo_key (wx_payment_dialog_get_question (dialog), "alt+k");
  wx_test_spin_until (payment_dialog_gone, NULL, "the payment recorded");

  after = scalar (conn, "SELECT wx_order_balance(o.id) || ' ' || y.amount || ' ' || y.method || ' '"
                        "       || y.reference || ' ' || y.received_by || ' ' || o.payment_status"
                        "  FROM service_orders o JOIN payments y ON y.order_id = o.id WHERE o.number = $1", made.number);
  expected = g_strconcat ("0 68000 bank_transfer HX4200001234 ", clerk_login, " paid", NULL);
  g_assert_cmpstr (after, ==, expected);
  prepaid = scalar (conn, "SELECT wx_customer_prepaid(o.customer_id) || ' ' || count(p.*)"
                          "  FROM service_orders o JOIN customer_prepayments p ON p.order_id = o.id"
                          " WHERE o.number = $1 GROUP BY o.customer_id", made.number);
  g_assert_cmpstr (prepaid, ==, "2000 1");

  /* The panel lists it, with the balance and the prepayment. */
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s ¥20.00", _("Customer's prepayment"));
  wx_test_spin_until (panel_payments_show, line, "the prepayment in the panel");
  g_assert_nonnull (strstr (payments_text, "¥680.00 · "));
  g_assert_nonnull (strstr (payments_text, "HX4200001234"));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s ¥0.00", _("Balance due"));
  g_assert_nonnull (strstr (payments_text, line));
  /* The clerk is no supervisor: no refund, no write-off. */
  g_assert_null (wx_test_find_widget (GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (window))),
                                      has_action, (gpointer) "panel.refund"));
  scroll_to_payments (window);
  wx_test_screenshot (GTK_WIDGET (window), "order-panel-payments");
  g_free (stored_number);
  stored_number = g_strdup (made.number);
}

/* A supervisor at the same desk gives ¥50 back (a reason is required)
 * and writes off what a second order still owes, from the panel's own
 * buttons; the panel lists both as signed rows. */
static void
test_refund_write_off (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *login = g_strdup_printf ("fd_sup_%d", (int) getpid ());
  g_autofree char *sup_conninfo = wx_db_conninfo_with (conninfo, "user", login);
  const char *p[] = { login, "测试主管" };
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  WxFrontDeskWindow *desk;
  WxPaymentDialog *dialog;
  gboolean loaded = FALSE;
  const char *number = stored_number;

  g_assert_nonnull (number);
  g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_supervisor'])", 2, p, &error));
  g_assert_no_error (error);
  desk = wx_front_desk_window_new (app, sup_conninfo);
  g_signal_connect (desk, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (desk));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the supervisor's board");
  wx_test_xdo_resize (GTK_WINDOW (desk), 1280, 960);
  money_desk = desk;
  wx_board_window_open_order (WX_BOARD_WINDOW (desk), number);
  wx_test_spin_until (panel_payments_show, "HX4200001234", "the order's payments");
  wx_test_xdo_focus (GTK_WINDOW (desk));

  /* Refund: no reason → the sentence; with it → recorded. */
  scroll_to_payments (desk);
  dialog = click_money_dialog (desk, "panel.refund");
  type_into (dialog, "amount", "50");
  wx_test_xdo_key (GTK_WINDOW (dialog), "Return");
  wx_test_spin_until (reason_message_shown, dialog, "the sentence under the reason");
  g_assert_cmpstr (wx_payment_dialog_get_message (dialog, "note"), ==,
                   _("Write the reason for the refund or write-off (at most 300 characters)."));
  wx_test_screenshot (GTK_WIDGET (dialog), "refund-dialog");
  type_into (dialog, "note", "toner not used, returned");
  wx_test_xdo_key (GTK_WINDOW (dialog), "Return");
  wx_test_spin_until (payment_dialog_gone, NULL, "the refund recorded");
  after = scalar (conn, "SELECT wx_order_balance(o.id) || ' ' || y.amount || ' ' || y.method || ' ' || y.approved_by"
                        "  FROM service_orders o JOIN payments y ON y.order_id = o.id"
                        " WHERE o.number = $1 AND y.kind = 'refund'", number);
  expected = g_strconcat ("5000 5000 cash ", login, NULL);
  g_assert_cmpstr (after, ==, expected);

  /* Write off the ¥50 now due. */
  line = g_strdup_printf ("%s ¥50.00", _("Balance due"));
  wx_test_spin_until (panel_payments_show, line, "the balance after the refund");
  scroll_to_payments (desk);
  dialog = click_money_dialog (desk, "panel.write-off");
  g_assert_null (wx_payment_dialog_get_field (dialog, "method"));
  type_into (dialog, "note", "goodwill, long-standing customer");
  wx_test_xdo_key (GTK_WINDOW (dialog), "Return");
  wx_test_spin_until (payment_dialog_gone, NULL, "the write-off recorded");
  g_clear_pointer (&after, g_free);
  after = scalar (conn, "SELECT wx_order_balance(o.id) || ' ' || sum(y.amount) FILTER (WHERE y.kind = 'write_off')"
                        "  FROM service_orders o JOIN payments y ON y.order_id = o.id"
                        " WHERE o.number = $1 GROUP BY o.id", number);
  g_assert_cmpstr (after, ==, "0 5000");
  {
    g_autofree char *written = g_strdup_printf ("%s -¥50.00", wx_workflow_event_label ("write_off"));

    wx_test_spin_until (panel_payments_show, written, "the write-off in the panel");
    g_assert_nonnull (strstr (payments_text, "goodwill"));
    scroll_to_payments (desk);
    wx_test_screenshot (GTK_WIDGET (desk), "order-panel-refund-write-off");
  }
  money_desk = NULL;
  gtk_window_destroy (GTK_WINDOW (desk));
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clerk = NULL;
  gboolean loaded = FALSE;

  wx_i18n_init ();
  /* GTK's test accessibility backend, for what a screen reader is given
   * (tests/meson.build sets none for the other UI tests). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  chinese = wx_test_ui_chinese ();
  app = wx_test_ui_app ();

  conninfo = wx_test_db_create (chinese ? "frontdesk_zh" : "frontdesk", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);

  /* Staff logins of their own (roles are per cluster: a name per process). */
  clerk = g_strdup_printf ("fd_clerk_%d", (int) getpid ());
  engineer_login = g_strdup_printf ("fd_eng_%d", (int) getpid ());
  {
    const char *p1[] = { clerk, "测试协调员" };
    const char *p2[] = { engineer_login, "测试工程师" };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_coordinator'])", 2, p1, &error));
    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, p2, &error));
    g_assert_no_error (error);
  }
  clerk_conninfo = wx_db_conninfo_with (conninfo, "user", clerk);
  clerk_login = g_strdup (clerk);
  engineer_conninfo = wx_db_conninfo_with (conninfo, "user", engineer_login);

  window = wx_front_desk_window_new (app, clerk_conninfo);
  g_signal_connect (window, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (window));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");

  g_test_add_func ("/ui/front-desk/card-badge", test_card_badge);
  g_test_add_func ("/ui/front-desk/board", test_board);
  g_test_add_func ("/ui/front-desk/intake-invalid", test_intake_invalid);
  g_test_add_func ("/ui/front-desk/flow", test_flow);
  g_test_add_func ("/ui/front-desk/live", test_live);
  g_test_add_func ("/ui/front-desk/forbidden-drop", test_forbidden_drop);
  g_test_add_func ("/ui/front-desk/conflict", test_conflict);
  g_test_add_func ("/ui/front-desk/calls", test_calls);
  g_test_add_func ("/ui/front-desk/amend", test_amend);
  g_test_add_func ("/ui/front-desk/keys/intake", test_keys_intake);
  g_test_add_func ("/ui/front-desk/keys/all-faults", test_keys_all_faults);
  g_test_add_func ("/ui/front-desk/keys/contract-serial", test_keys_contract_serial);
  g_test_add_func ("/ui/front-desk/keys/paper-boxes", test_keys_paper_boxes);
  g_test_add_func ("/ui/front-desk/keys/card-menu", test_keys_card_menu);
  g_test_add_func ("/ui/front-desk/keys/scan", test_keys_scan);
  g_test_add_func ("/ui/front-desk/keys/search-as-you-type", test_keys_search_as_you_type);
  g_test_add_func ("/ui/front-desk/keys/narrow", test_keys_narrow);
  g_test_add_func ("/ui/front-desk/take-payment", test_take_payment);
  g_test_add_func ("/ui/front-desk/keys/about", test_keys_about);
  g_test_add_func ("/ui/front-desk/refund-write-off", test_refund_write_off);
  return g_test_run ();
}

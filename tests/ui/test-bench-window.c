/* The engineer's window under Xvfb against a demo database, logged in as a
 * demo engineer (李强, li_qiang), driven through the same calls the drops
 * and the keyboard use: the shelf board shows every machine on its shelf,
 * the engineer's own cards are marked and "Mine" keeps only them; taking a
 * machine from S1 to the bench starts its inspection with the engineer as
 * the user and the card moves; My work lists the engineer's orders most
 * urgent first; the work log shows the day's steps and a note added, and
 * prints to a PDF. PNGs of the three pages go to the build directory. */
#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-records.h"
#include "db/wx-db-workflow.h"
#include "gui/board/wx-board-card.h"
#include "gui/dialogs/wx-inspection-dialog.h"
#include "gui/dialogs/wx-repair-dialog.h"
#include "gui/wx-bench-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

#define ENGINEER "li_qiang"

static char *conninfo;           /* the test's superuser */
static WxApplication *app;
static WxBenchWindow *window;
static char *taken;              /* the order taken to the bench */

/* ------------------------------------------------------------- helpers */

/* The shelf the board shows `number` on, or -1. */
static int
board_shelf_of (const char *number)
{
  return wx_test_board_place_of (wx_board_window_get_board (WX_BOARD_WINDOW (window)), number);
}

static guint
board_n_cards (void)
{
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  guint n = 0;

  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    n += g_list_model_get_n_items (wx_board_get_column_model (board, c));
  return n;
}

/* The cards drawn, anywhere below `widget`. */
static void
collect_cards (GtkWidget *widget, GPtrArray *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (WX_IS_BOARD_CARD (child) && wx_board_card_get_order (WX_BOARD_CARD (child)) &&
          gtk_widget_get_mapped (child))
        g_ptr_array_add (cards, child);
      collect_cards (child, cards);
    }
}

static gboolean
card_in_state (gpointer data)
{
  g_autoptr(WxOrder) o = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), data, NULL);

  return o && wx_order_get_state (o) == WX_ORDER_STATE_INSPECTING;
}

static gboolean
work_lists_taken (gpointer data)
{
  GPtrArray *work = wx_bench_window_get_work (window);

  for (guint i = 0; work && i < work->len; i++)
    if (g_str_equal (wx_order_get_number (((WxBenchTask *) g_ptr_array_index (work, i))->order), taken))
      return TRUE;
  return FALSE;
}

/* Whether the log holds an entry of `event` (NULL: a note) whose order or
 * text is `what`. */
static gboolean
log_has (const char *event, const char *what)
{
  const WxWorkLog *log = wx_bench_window_get_work_log (window);

  for (guint i = 0; log && i < log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (log->entries, i);

      if (g_strcmp0 (e->event, event) == 0 && (g_str_equal (e->number, what) || g_str_equal (e->text, what)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
log_has_step (gpointer number)
{
  return log_has ("dispatch_inspection", number);
}

static gboolean
log_has_note (gpointer text)
{
  return log_has (NULL, text);
}

static gboolean
notice_set (gpointer data)
{
  return *wx_board_window_get_notice (WX_BOARD_WINDOW (window)) != '\0';
}

/* Whether no revealer below `widget` is half way (a notice sliding in). */
static gboolean
revealers_still (gpointer data)
{
  GtkWidget *widget = data;

  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)) != gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (!revealers_still (child))
      return FALSE;
  return TRUE;
}

static void
screenshot (const char *name)
{
  wx_test_spin_until (revealers_still, window, "the notice bar");
  wx_test_screenshot (GTK_WIDGET (window), name);
}

static void
keep_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Today's visits, in the order of the day. */
static void
test_route (void)
{
  g_autoptr(GDateTime) day = wx_test_fixed_now ();
  gboolean loaded = FALSE;
  WxRouteList *list;

  wx_bench_window_show_page (window, "route");
  list = wx_bench_window_get_route_list (window);
  g_signal_connect (list, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  /* The demo's visits are on the demo's day. */
  wx_bench_window_set_route_day (window, g_date_time_to_unix (day));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the route");
  g_signal_handlers_disconnect_by_func (list, wx_test_loaded_cb, &loaded);
  g_assert_cmpuint (g_list_model_get_n_items (wx_route_list_get_model (list)), >=, 2);
  screenshot ("bench-route");
  wx_bench_window_show_page (window, "shelves");
}

/* ---------------------------------------------- the engineer's records */

typedef struct {
  gboolean  done;
  GError   *error;
} Finished;

static void
finished_cb (gpointer dialog, const GError *error, Finished *f)
{
  f->done = TRUE;
  g_clear_error (&f->error);
  f->error = error ? g_error_copy (error) : NULL;
}

/* Saves the dialog as its button does; NULL when saved (it closed). */
static GError *
save_record (gpointer dialog, void (*save) (gpointer))
{
  Finished f = { 0 };
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &f);

  save (dialog);
  wx_test_spin_until (wx_test_flag_set, &f.done, "the save");
  if (f.error)
    g_signal_handler_disconnect (dialog, id);
  return f.error;
}

static gboolean
card_state_is (gpointer data)
{
  const char *want = data;
  g_autoptr(WxOrder) o = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), taken, NULL);

  return o && g_str_equal (wx_order_state_to_code (wx_order_get_state (o)), want);
}

/* The desk's step (as 张伟), with `key`/`val` pairs ending in NULL. */
static void
as_coordinator (PGconn *conn, const char *event, const WxStepExtras *extras, const char *key, ...)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, key);
  for (; key; key = va_arg (args, const char *))
    g_hash_table_insert (data, (gpointer) key, va_arg (args, gpointer));
  va_end (args);
  wx_test_db_exec (conn, "SET ROLE zhang_wei");
  wx_db_order_step_full (conn, taken, -1, event, data, extras, NULL, &error);
  wx_test_db_exec (conn, "RESET ROLE");
  g_assert_no_error (error);
}

/* Swapped: the flag first, whatever the signal carries. */
static void
flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* The machine on the bench: the inspection record in its dialog (the shelf
 * S2 follows), the desk quotes and the customer agrees (through the API),
 * the engineer takes it back to the bench; OK without the functional tests
 * is refused with its reason and changes nothing; with them and a part from
 * stock the card goes to S4 and the stock goes down. */
static void
test_records (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxOrder) order = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), taken, NULL);
  const char *params[] = { taken };
  g_autofree char *stock_before = NULL;
  g_autofree char *stock_after = NULL;
  g_autofree char *version = NULL;
  GtkWindow *dialog;
  GError *refused;
  gboolean found = FALSE;

  g_assert_nonnull (order);
  wx_bench_window_step (window, order, "inspect");
  dialog = wx_board_window_get_form_dialog (WX_BOARD_WINDOW (window));
  g_assert_true (WX_IS_INSPECTION_DIALOG (dialog));
  wx_inspection_dialog_set_value (WX_INSPECTION_DIALOG (dialog), "fault_analysis", "电源板保险管烧断，主板正常");
  wx_inspection_dialog_set_value (WX_INSPECTION_DIALOG (dialog), "measures", "更换保险管后通电测试");
  wx_inspection_dialog_add_typed_part (WX_INSPECTION_DIALOG (dialog), "保险管 5A", 1, "5");
  wx_inspection_dialog_set_value (WX_INSPECTION_DIALOG (dialog), "labour", "80");
  wx_inspection_dialog_set_value (WX_INSPECTION_DIALOG (dialog), "explanation", "电源里的保险烧了，换一个即可，共 85 元。");
  g_assert_null (save_record (dialog, (void (*) (gpointer)) wx_inspection_dialog_save));
  wx_test_spin_until (card_state_is, (gpointer) "inspected", "the inspected card");
  g_assert_cmpint (board_shelf_of (taken), ==, WX_SHELF_S2);

  /* The desk quotes the engineer's lines; the customer agrees. */
  {
    g_autoptr(GArray) lines = NULL;
    g_autoptr(GError) error = NULL;
    WxStepExtras extras = { 0 };

    wx_test_db_exec (conn, "SET ROLE zhang_wei");
    lines = wx_db_quote_lines_load (conn, taken, &error);
    wx_test_db_exec (conn, "RESET ROLE");
    g_assert_no_error (error);
    g_assert_cmpuint (lines->len, ==, 2);
    extras.quote_lines = lines;
    as_coordinator (conn, "quote", &extras, "quote_method", "phone", "quote_total", "8500", NULL);
  }
  as_coordinator (conn, "agree", NULL, "decision_contact", "王经理", NULL);
  wx_test_spin_until (card_state_is, (gpointer) "agreed", "the agreed card");
  g_assert_cmpint (board_shelf_of (taken), ==, WX_SHELF_S3);

  /* From S3 to the bench: the repair starts, the engineer is the user. */
  {
    g_autoptr(WxOrder) agreed = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), taken, NULL);
    g_assert_true (wx_board_move (wx_board_window_get_board (WX_BOARD_WINDOW (window)), agreed, WX_SHELF_BENCH));
  }
  wx_test_spin_until (card_state_is, (gpointer) "repairing", "the repair");

  /* OK without the functional tests: refused, said, nothing changed. */
  g_clear_object (&order);
  order = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), taken, NULL);
  stock_before = wx_test_db_value (conn, "SELECT stock FROM parts WHERE part_number = 'RM1-6414'");
  version = wx_db_query_value (conn, "SELECT version FROM service_orders WHERE number = $1", 1, params, NULL);
  g_assert_true (wx_board_move (wx_board_window_get_board (WX_BOARD_WINDOW (window)), order, WX_SHELF_S4));
  dialog = wx_board_window_get_form_dialog (WX_BOARD_WINDOW (window));
  g_assert_true (WX_IS_REPAIR_DIALOG (dialog));
  g_signal_connect_swapped (dialog, "parts-found", G_CALLBACK (flag_cb), &found);
  wx_record_dialog_search_parts (WX_RECORD_DIALOG (dialog), "搓纸轮");
  wx_test_spin_until (wx_test_flag_set, &found, "the catalogue");
  g_assert_true (wx_record_dialog_pick_part (WX_RECORD_DIALOG (dialog), "RM1-6414"));
  wx_repair_dialog_set_value (WX_REPAIR_DIALOG (dialog), "repair_notes", "更换电源保险管，更换搓纸轮");
  wx_repair_dialog_set_value (WX_REPAIR_DIALOG (dialog), "old_parts", "returned_to_customer");
  refused = save_record (dialog, (void (*) (gpointer)) wx_repair_dialog_save);
  g_assert_nonnull (refused);
  g_test_message ("OK without tests: %s", refused->message);
  g_clear_error (&refused);
  g_assert_cmpstr (wx_db_query_value (conn, "SELECT version FROM service_orders WHERE number = $1", 1, params, NULL),
                   ==, version);
  g_assert_cmpstr (wx_test_db_value (conn, "SELECT stock FROM parts WHERE part_number = 'RM1-6414'"), ==, stock_before);

  /* With them (and cleaning): OK, shelf S4, one part fewer in stock. */
  wx_repair_dialog_pass_all_tests (WX_REPAIR_DIALOG (dialog));
  wx_repair_dialog_set_cleaned (WX_REPAIR_DIALOG (dialog), TRUE);
  g_assert_null (save_record (dialog, (void (*) (gpointer)) wx_repair_dialog_save));
  wx_test_spin_until (card_state_is, (gpointer) "repaired", "the repaired card");
  g_assert_cmpint (board_shelf_of (taken), ==, WX_SHELF_S4);
  stock_after = wx_test_db_value (conn, "SELECT stock FROM parts WHERE part_number = 'RM1-6414'");
  g_assert_cmpint (g_ascii_strtoll (stock_after, NULL, 10), ==, g_ascii_strtoll (stock_before, NULL, 10) - 1);
}

/* --------------------------------------------------------------- tests */

/* Every open machine of the shelves is on its shelf; the engineer's own
 * cards are marked; a card awaiting parts says which; "Mine" keeps the
 * engineer's cards only. */
static void
test_board (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) res = PQexec (conn,
    "SELECT o.number, w.shelf, coalesce(o.engineer, '') FROM service_orders o JOIN workflow_states w ON w.state = o.state"
    " WHERE w.open AND w.shelf IN ('S1', 'S2', 'S3', 'S4', 'bench', 'peer')");
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint mine = 0, marked = 0, reasons = 0;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), >, 10);
  for (int r = 0; r < PQntuples (res); r++)
    {
      int shelf = board_shelf_of (PQgetvalue (res, r, 0));

      g_assert_cmpint (shelf, >=, 0);
      g_assert_cmpstr (wx_shelf_to_code (shelf), ==, PQgetvalue (res, r, 1));
      if (g_str_equal (PQgetvalue (res, r, 2), ENGINEER))
        mine++;
    }
  g_assert_cmpuint (board_n_cards (), ==, PQntuples (res));
  /* The demo has a machine at every shelf, some of them 李强's. */
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    g_assert_cmpuint (g_list_model_get_n_items (wx_board_get_column_model (board, c)), >, 0);
  g_assert_cmpuint (mine, >, 3);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   wx_test_ui_chinese () ? "维修 — 工作台" : "Weixiu — Bench");
  screenshot ("bench-board");

  collect_cards (GTK_WIDGET (board), cards);
  g_assert_cmpuint (cards->len, >, 5);
  for (guint i = 0; i < cards->len; i++)
    {
      WxBoardCard *card = g_ptr_array_index (cards, i);
      const WxOrderData *d = wx_order_get_data (wx_board_card_get_order (card));

      g_assert_cmpint (wx_board_card_get_mine (card), ==, g_str_equal (d->engineer, ENGINEER));
      marked += wx_board_card_get_mine (card);
      if (d->state == WX_ORDER_STATE_WAITING_PARTS && *d->part)
        {
          g_assert_nonnull (strstr (wx_board_card_get_reason (card), d->part));
          reasons++;
        }
      if (d->state == WX_ORDER_STATE_QUOTED)
        g_assert_cmpstr (wx_board_card_get_reason (card), !=, "");
    }
  g_assert_cmpuint (marked, >, 0);
  g_assert_cmpuint (reasons, >, 0);

  /* Mine: 李强's cards and all of them; then everyone's again. */
  wx_board_set_mine_only (board, TRUE);
  g_assert_cmpuint (board_n_cards (), ==, mine);
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    {
      GListModel *model = wx_board_get_column_model (board, c);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(WxOrder) o = g_list_model_get_item (model, i);
          g_assert_cmpstr (wx_order_get_data (o)->engineer, ==, ENGINEER);
        }
    }
  wx_board_set_mine_only (board, FALSE);
  g_assert_cmpuint (board_n_cards (), ==, PQntuples (res));
}

/* Taking a machine from S1 to the bench (what the drop and card.move-to
 * do) starts its inspection, with the engineer as the user; the card moves. */
static void
test_take_to_bench (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  GListModel *s1 = wx_board_get_column_model (board, wx_board_find_column (board, WX_SHELF_S1));
  g_autoptr(WxOrder) order = NULL;
  const char *params[1];
  g_autofree char *row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (s1), >, 0);
  order = g_list_model_get_item (s1, 0);
  taken = g_strdup (wx_order_get_number (order));

  g_assert_true (wx_board_move (board, order, WX_SHELF_BENCH));
  wx_test_spin_until (card_in_state, taken, "the inspection");
  g_assert_cmpint (board_shelf_of (taken), ==, WX_SHELF_BENCH);
  wx_test_spin_until (notice_set, NULL, "the notice");
  g_assert_nonnull (strstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), taken));

  params[0] = taken;
  row = wx_db_query_value (conn,
    "SELECT o.engineer || ' ' || e.actor FROM service_orders o JOIN order_events e ON e.order_id = o.id"
    " WHERE o.number = $1 AND e.event = 'dispatch_inspection'", 1, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row, ==, ENGINEER " " ENGINEER);

  /* A machine cannot go back from the bench to S1: refused, with a reason. */
  {
    g_autoptr(WxOrder) now_inspecting = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), taken, NULL);
    g_assert_false (wx_board_move (board, now_inspecting, WX_SHELF_S1));
  }
}

/* My work: the engineer's orders, most urgent first, the one just taken
 * among them. */
static void
test_my_work (void)
{
  GPtrArray *work;

  wx_test_spin_until (work_lists_taken, NULL, "my work");
  work = wx_bench_window_get_work (window);
  g_assert_cmpuint (work->len, >, 3);
  for (guint i = 0; i < work->len; i++)
    {
      const WxBenchTask *t = g_ptr_array_index (work, i);

      g_assert_cmpstr (wx_order_get_data (t->order)->engineer, ==, ENGINEER);
      if (i > 0 && t->due != 0)
        {
          const WxBenchTask *before = g_ptr_array_index (work, i - 1);
          g_assert_cmpint (before->due, !=, 0);
          g_assert_cmpint (before->due, <=, t->due);
        }
    }
  wx_bench_window_show_page (window, "work");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-notice", NULL);
  g_assert_cmpstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), ==, "");
  screenshot ("my-work");
}

/* The work log: today's step, a note added; an empty note is refused; the
 * log prints to a PDF. */
static void
test_work_log (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  const char *note = "给客户打电话确认故障，明早复测";
  gint64 notes;

  wx_bench_window_show_page (window, "log");
  wx_test_spin_until (log_has_step, taken, "the step in the log");

  notes = wx_test_db_count (conn, "SELECT count(*) FROM work_notes");
  wx_bench_window_add_note (window, NULL, "   ");
  g_assert_nonnull (strstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), _("Note")));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM work_notes"), ==, notes);

  wx_bench_window_add_note (window, taken, note);
  wx_test_spin_until (log_has_note, (gpointer) note, "the note in the log");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM work_notes WHERE author = '" ENGINEER "'"), ==, notes + 1);
  screenshot ("work-log");

  /* What Print sends: a PDF of the day. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) pdf = NULL;
    g_autoptr(GError) error = NULL;

    wx_bench_window_render_log_async (window, NULL, keep_result_cb, &result);
    wx_test_spin_until (result_set, &result, "the PDF");
    pdf = wx_bench_window_render_log_finish (window, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
    g_assert_cmpint (memcmp (g_bytes_get_data (pdf, NULL), "%PDF", 4), ==, 0);
  }
  wx_bench_window_show_page (window, "shelves");
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *engineer_conninfo = NULL;
  gboolean loaded = FALSE, work = FALSE, log = FALSE;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();

  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "benchwin_zh" : "benchwin", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);
  {
    guint n_visits = 0;

    g_assert_true (wx_db_demo_visits_today (conn, now, &n_visits, &error));
    g_assert_no_error (error);
  }
  /* The demo staff are login roles: 李强 logs in as himself. */
  engineer_conninfo = wx_db_conninfo_with (conninfo, "user", ENGINEER);

  window = wx_bench_window_new (app, engineer_conninfo);
  g_signal_connect (window, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  g_signal_connect (window, "work-loaded", G_CALLBACK (wx_test_set_flag_cb), &work);
  g_signal_connect (window, "log-loaded", G_CALLBACK (wx_test_set_flag_cb), &log);
  gtk_window_present (GTK_WINDOW (window));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
  wx_test_spin_until (wx_test_flag_set, &work, "my work");
  wx_test_spin_until (wx_test_flag_set, &log, "the work log");

  g_test_add_func ("/ui/bench/board", test_board);
  g_test_add_func ("/ui/bench/take-to-bench", test_take_to_bench);
  g_test_add_func ("/ui/bench/records", test_records);
  g_test_add_func ("/ui/bench/my-work", test_my_work);
  g_test_add_func ("/ui/bench/work-log", test_work_log);
  g_test_add_func ("/ui/bench/route", test_route);
  return g_test_run ();
}

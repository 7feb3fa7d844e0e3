/* The supervisor's review and the engineer's answer, through the keyboard
 * and the mouse (real X events, tests/common/wx-test-xdo.h) on a demo
 * database, the supervisor's and the engineer's windows 1024 pixels wide:
 * opening an order from the review queue keeps the pages' sidebar, the
 * queue and the buttons on screen; after "Pass" the side panel moves on
 * instead of showing the passed order with a live Review button; a return
 * to the engineer is an item of their My work, answered from the order
 * panel ("Resubmit…") and shown answered in the supervisor's queue; a
 * complaint opened on another PC appears on the complaints page by itself,
 * and the new complaint's fields show only while none is chosen. PNGs
 * review-loop-*.png go to the build directory. */
#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-demo.h"
#include "gui/board/wx-board-card.h"
#include "gui/supervisor/wx-complaint-page.h"
#include "gui/supervisor/wx-review-page.h"
#include "gui/supervisor/wx-supervisor-form.h"
#include "gui/wx-bench-window.h"
#include "gui/wx-order-panel.h"
#include "gui/wx-supervisor-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

#define SUPERVISOR "zhou_min"   /* 周敏 */
#define ENGINEER   "li_qiang"   /* 李强 */
#define WIDTH      1024
#define HEIGHT     768

static char *conninfo;
static WxApplication *app;
static WxSupervisorWindow *supervisor;
static char *returned;          /* the order returned to the engineer */

/* ------------------------------------------------------------ helpers */

static gint64
count (const char *sql, const char *number)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  g_autofree char *v = wx_db_query_value (conn, sql, 1, params, &error);

  g_assert_no_error (error);
  return g_ascii_strtoll (v ? v : "0", NULL, 10);
}

static gboolean
has_action (GtkWidget *widget, gpointer action)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
button_of (GtkWidget *root, const char *action)
{
  GtkWidget *button = wx_test_find_widget (root, has_action, (gpointer) action);

  if (button == NULL)
    g_error ("no button for %s on screen", action);
  return button;
}

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (widget);
}

/* `widget` lies wholly inside `window`'s width: not pushed off screen. */
static void
assert_on_screen (GtkWidget *widget, GtkWindow *window, const char *what)
{
  graphene_rect_t r;
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &r));
  if (r.origin.x < 0 || r.origin.x + r.size.width > width + 0.5 || r.size.width < 16)
    g_error ("%s is off screen: x %.0f, width %.0f in a window %d wide", what, r.origin.x, r.size.width, width);
}

static WxReviewPage *
review_page (void)
{
  return WX_REVIEW_PAGE (wx_supervisor_window_get_page_widget (supervisor, "review"));
}

static void
wait_signal (gpointer instance, const char *signal, const char *what)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (instance, signal, G_CALLBACK (wx_test_loaded_cb), &done);

  wx_test_spin_until (wx_test_flag_set, &done, what);
  g_signal_handler_disconnect (instance, id);
}

typedef struct {
  WxBoardWindow *window;
  const char    *number;
} Shown;

/* The window's side panel shows `number`, loaded. */
static gboolean
panel_shows (gpointer data)
{
  Shown *s = data;
  WxOrderPanel *panel = wx_board_window_get_panel (s->window);

  return gtk_widget_get_mapped (GTK_WIDGET (panel)) &&
         g_strcmp0 (wx_order_panel_get_number (panel), s->number) == 0 &&
         wx_order_panel_get_version (panel) > 0;
}

static gboolean
panel_moved_from (gpointer number)
{
  WxOrderPanel *panel = wx_board_window_get_panel (WX_BOARD_WINDOW (supervisor));

  return !gtk_widget_get_mapped (GTK_WIDGET (panel)) ||
         (g_strcmp0 (wx_order_panel_get_number (panel), number) != 0 && wx_order_panel_get_version (panel) > 0);
}

static const WxReviewQueueItem *
queued (const char *number)
{
  GPtrArray *queue = wx_review_page_get_queue (review_page ());

  for (guint i = 0; queue && i < queue->len; i++)
    if (g_str_equal (((WxReviewQueueItem *) queue->pdata[i])->number, number))
      return queue->pdata[i];
  return NULL;
}

/* ------------------------------------------------------------ the page at 1024 px */

/* Opening an order keeps everything on screen; after Pass the panel moves on. */
static void
test_layout (void)
{
  WxReviewPage *page = review_page ();
  GtkWindow *window = GTK_WINDOW (supervisor);
  g_autofree char *passed = NULL;
  Shown shown = { WX_BOARD_WINDOW (supervisor), NULL };

  gtk_widget_activate_action (GTK_WIDGET (supervisor), "win.show-page", "s", "review");
  wx_test_xdo_resize (window, WIDTH, HEIGHT);
  wx_review_page_reload (page);
  wait_signal (page, "order-loaded", "the selected order's checklist");
  g_assert_nonnull (wx_review_page_get_order (page));
  passed = g_strdup (wx_review_page_get_order (page)->number);

  wx_test_xdo_click (button_of (GTK_WIDGET (page), "review.open"), 1, -1, -1);
  shown.number = passed;
  wx_test_spin_until (panel_shows, &shown, "the order in the side panel");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, WIDTH);
  assert_on_screen (wx_test_find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (GTK_TYPE_STACK_SIDEBAR)),
                    window, "the pages' sidebar");
  assert_on_screen (wx_test_find_widget (GTK_WIDGET (page), is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX)),
                    window, "the queue");
  assert_on_screen (button_of (GTK_WIDGET (page), "review.pass"), window, "the Pass button");
  assert_on_screen (GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (supervisor))), window, "the side panel");
  wx_test_screenshot (GTK_WIDGET (window), "review-loop-open");

  /* Passed with a click: the panel does not stay on it with its Review button. */
  wx_test_xdo_click (button_of (GTK_WIDGET (page), "review.pass"), 1, -1, -1);
  wx_test_spin_until (panel_moved_from, passed, "the panel to move on");
  g_assert_cmpint (count ("SELECT count(*) FROM service_orders WHERE number = $1 AND reviewed_at IS NOT NULL",
                          passed), ==, 1);
  g_assert_null (queued (passed));
  wx_test_screenshot (GTK_WIDGET (window), "review-loop-passed");
}

/* ------------------------------------------------------------ the loop */

static AdwMessageDialog *
message_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (windows, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return message_dialog () != NULL && gtk_widget_get_mapped (GTK_WIDGET (message_dialog ()));
}

static gboolean
dialog_closed (gpointer data)
{
  return message_dialog () == NULL;
}

static WxBenchTask *
answer_task (WxBenchWindow *bench)
{
  GPtrArray *work = wx_bench_window_get_work (bench);

  for (guint i = 0; work && i < work->len; i++)
    {
      WxBenchTask *t = work->pdata[i];
      if (t->kind == WX_BENCH_TASK_ANSWER && g_str_equal (wx_order_get_number (t->order), returned))
        return t;
    }
  return NULL;
}

static gboolean
work_has_answer (gpointer bench)
{
  return answer_task (bench) != NULL;
}

static gboolean
work_lacks_answer (gpointer bench)
{
  return wx_bench_window_get_work (bench) && answer_task (bench) == NULL;
}

static gboolean
answered (gpointer data)
{
  return count ("SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                " WHERE o.number = $1 AND e.event = 'review_answered'", returned) == 1;
}

static gboolean
queue_shows_answered (gpointer data)
{
  const WxReviewQueueItem *item = queued (returned);

  return item && item->answered;
}

static gboolean
queue_shows_returned (gpointer data)
{
  const WxReviewQueueItem *item = queued (returned);

  return item && item->returned_to;
}

static gboolean
order_shows_answer (gpointer page)
{
  const WxReviewOrder *o = wx_review_page_get_order (page);

  return o && g_str_equal (o->number, returned) && o->open_return && o->open_return->answered &&
         g_str_equal (o->open_return->answer, "Serial corrected from the plate");
}

static gboolean
is_row_of_returned (GtkWidget *widget, gpointer data)
{
  if (!GTK_IS_LIST_BOX_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w; w = gtk_widget_get_first_child (w))
    {
      GtkWidget *card = wx_test_find_widget (w, is_type, GSIZE_TO_POINTER (WX_TYPE_BOARD_CARD));
      return card && g_str_equal (wx_order_get_number (wx_board_card_get_order (WX_BOARD_CARD (card))), returned);
    }
  return FALSE;
}

/* Returned with clicks and keys; in the engineer's My work, answered from
 * the panel; answered in the supervisor's queue. */
static void
test_return_answered (void)
{
  WxReviewPage *page = review_page ();
  GtkWindow *window = GTK_WINDOW (supervisor);
  g_autofree char *engineer = wx_db_conninfo_with (conninfo, "user", ENGINEER);
  WxBenchWindow *bench;
  GtkWidget *row;
  Shown shown = { NULL, NULL };
  gboolean loaded = FALSE;

  /* The supervisor returns the selected order to 李强, saying why. */
  g_assert_nonnull (wx_review_page_get_order (page));
  returned = g_strdup (wx_review_page_get_order (page)->number);
  wx_test_xdo_focus (window);
  wx_test_xdo_click (button_of (GTK_WIDGET (page), "review.return-start"), 1, -1, -1);
  wx_review_page_set_return (page, "", ENGINEER);
  wx_test_xdo_click_into (wx_test_find_widget (GTK_WIDGET (page), is_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY)));
  wx_test_xdo_type (window, "Serial number does not match the plate", 10);
  wx_test_screenshot (GTK_WIDGET (window), "review-loop-return");
  wx_test_xdo_click (button_of (GTK_WIDGET (page), "review.return"), 1, -1, -1);
  wx_test_spin_until (queue_shows_returned, NULL, "the queue after the return");
  g_assert_cmpint (count ("SELECT count(*) FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
                          " WHERE o.number = $1 AND r.outcome = 'returned' AND r.returned_to = '" ENGINEER "'"
                          "   AND r.comment = 'Serial number does not match the plate'", returned), ==, 1);
  g_assert_nonnull (queued (returned));
  g_assert_false (queued (returned)->answered);

  /* 李强's My work: the return first, to be answered. */
  bench = wx_bench_window_new (app, engineer);
  g_signal_connect (bench, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (bench));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the engineer's board");
  wx_test_xdo_resize (GTK_WINDOW (bench), WIDTH, HEIGHT);
  wx_test_spin_until (work_has_answer, bench, "the return in My work");
  g_assert_true (g_ptr_array_index (wx_bench_window_get_work (bench), 0) == answer_task (bench));
  wx_bench_window_show_page (bench, "work");
  wx_test_xdo_focus (GTK_WINDOW (bench));
  row = wx_test_find_widget (GTK_WIDGET (bench), is_row_of_returned, NULL);
  g_assert_nonnull (row);
  wx_test_screenshot (GTK_WIDGET (bench), "review-loop-my-work");

  /* A click opens the order: the return, with Correct details and Resubmit. */
  wx_test_xdo_click (row, 1, 30, 12);
  shown.window = WX_BOARD_WINDOW (bench);
  shown.number = returned;
  wx_test_spin_until (panel_shows, &shown, "the returned order in the panel");
  assert_on_screen (row, GTK_WINDOW (bench), "the row in My work");
  assert_on_screen (button_of (GTK_WIDGET (bench), "panel.resubmit"), GTK_WINDOW (bench), "Resubmit");
  assert_on_screen (button_of (GTK_WIDGET (bench), "panel.amend"), GTK_WINDOW (bench), "Correct details");
  wx_test_screenshot (GTK_WIDGET (bench), "review-loop-panel");

  /* Resubmit…: an empty answer cannot be sent; typed, Return sends it. */
  wx_test_xdo_click (button_of (GTK_WIDGET (bench), "panel.resubmit"), 1, -1, -1);
  wx_test_spin_until (dialog_open, NULL, "the Resubmit dialog");
  g_assert_false (adw_message_dialog_get_response_enabled (message_dialog (), "resubmit"));
  wx_test_xdo_focus (GTK_WINDOW (message_dialog ()));
  wx_test_xdo_key (GTK_WINDOW (message_dialog ()), "Return");
  g_assert_true (dialog_open (NULL));
  wx_test_xdo_type (GTK_WINDOW (message_dialog ()), "Serial corrected from the plate", 10);
  wx_test_screenshot (GTK_WIDGET (message_dialog ()), "review-loop-resubmit");
  wx_test_xdo_key (GTK_WINDOW (message_dialog ()), "Return");
  wx_test_spin_until (dialog_closed, NULL, "the dialog to close");
  wx_test_spin_until (answered, NULL, "the answer in the database");
  wx_test_spin_until (work_lacks_answer, bench, "the return gone from My work");

  /* The supervisor's queue: answered. */
  wx_test_spin_until (queue_shows_answered, NULL, "the queue to show it answered");
  g_assert_true (wx_review_page_select (page, returned));
  wx_test_spin_until (order_shows_answer, page, "the answered order's checklist");
  wx_test_screenshot (GTK_WIDGET (window), "review-loop-answered");
  gtk_window_destroy (GTK_WINDOW (bench));
}

/* ------------------------------------------------------------ complaints */

static gboolean
complaint_listed (gpointer id)
{
  GPtrArray *list = wx_complaint_page_get_complaints (
    WX_COMPLAINT_PAGE (wx_supervisor_window_get_page_widget (supervisor, "complaints")));

  for (guint i = 0; list && i < list->len; i++)
    if (((WxComplaint *) list->pdata[i])->id == *(gint64 *) id)
      return TRUE;
  return FALSE;
}

static gboolean
is_row_of_complaint (GtkWidget *widget, gpointer id)
{
  return GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_get_mapped (widget) &&
         wx_supervisor_row_id (GTK_LIST_BOX_ROW (widget)) == *(gint64 *) id;
}

static gboolean
field_mapped (GtkWidget *page, const char *key)
{
  return gtk_widget_get_mapped (wx_supervisor_form_get_widget (wx_list_page_get_form (WX_LIST_PAGE (page)), key));
}

/* Opened as the coordinator on another PC: listed without a reload; chosen
 * with a click, its step fields and not the new one's; New Complaint… with
 * a click, the other way round. */
static void
test_complaints_live (void)
{
  GtkWidget *page = wx_supervisor_window_get_page_widget (supervisor, "complaints");
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *id_text = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (supervisor), "win.show-page", "s", "complaints");
  gtk_widget_activate_action (GTK_WIDGET (supervisor), "win.close-detail", NULL);
  wx_test_xdo_resize (GTK_WINDOW (supervisor), WIDTH, HEIGHT);
  wx_test_db_exec (conn, "SET SESSION AUTHORIZATION zhang_wei");
  id_text = wx_test_db_value (conn,
    "SELECT wx_complaint_open((SELECT number FROM service_orders WHERE picked_up_at IS NOT NULL"
    "                           ORDER BY picked_up_at DESC LIMIT 1), NULL, '回访时客户说打印机又卡纸')");
  id = g_ascii_strtoll (id_text, NULL, 10);
  g_assert_cmpint (id, >, 0);
  wx_test_spin_until (complaint_listed, &id, "the complaint on the page, live");

  wx_test_xdo_focus (GTK_WINDOW (supervisor));
  wx_test_xdo_click (wx_test_find_widget (page, is_row_of_complaint, &id), 1, 30, 10);
  g_assert_nonnull (wx_list_page_get_selected_item (WX_LIST_PAGE (page)));
  g_assert_true (field_mapped (page, "note"));
  g_assert_false (field_mapped (page, "order"));
  g_assert_false (field_mapped (page, "description"));
  wx_test_screenshot (GTK_WIDGET (supervisor), "review-loop-complaint");

  wx_test_xdo_click (button_of (page, "complaints.new"), 1, -1, -1);
  g_assert_null (wx_list_page_get_selected_item (WX_LIST_PAGE (page)));
  g_assert_true (field_mapped (page, "order"));
  g_assert_true (field_mapped (page, "description"));
  g_assert_false (field_mapped (page, "note"));
  g_assert_false (field_mapped (page, "outcome"));
  wx_test_screenshot (GTK_WIDGET (supervisor), "review-loop-complaint-new");
}

/* ------------------------------------------------------------ filters, bulk pass */

static gboolean
has_tooltip (GtkWidget *widget, gpointer text)
{
  return GTK_IS_DROP_DOWN (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gint64 reviews_before;

static gboolean
bulk_done (gpointer page)
{
  return *wx_review_page_get_message (page) != '\0';
}

/* The kind filter keeps the carry-in orders only; "Pass clean ones",
 * clicked, passes those with every check met, one event each, and leaves
 * the others in the queue. */
static guint queue_wanted;

static gboolean
queue_is_wanted (gpointer page)
{
  GPtrArray *queue = wx_review_page_get_queue (page);

  return queue != NULL && queue->len == queue_wanted;
}

static void
test_filters_bulk (void)
{
  WxReviewPage *page = review_page ();
  GtkDropDown *kind;
  GPtrArray *shown;
  guint all, passed;
  gint64 left;

  gtk_widget_activate_action (GTK_WIDGET (supervisor), "win.show-page", "s", "review");
  gtk_widget_activate_action (GTK_WIDGET (supervisor), "win.close-detail", NULL);
  wx_review_page_reload (page);
  wait_signal (page, "order-loaded", "the queue");
  all = wx_review_page_get_queue (page)->len;
  kind = GTK_DROP_DOWN (wx_test_find_widget (GTK_WIDGET (page), has_tooltip, (gpointer) _("Kind of order")));
  g_assert_nonnull (kind);
  gtk_drop_down_set_selected (kind, 1 + WX_ORDER_KIND_CARRY_IN);
  shown = wx_review_page_get_shown (page);
  g_assert_cmpuint (shown->len, <, all);
  g_assert_cmpint (shown->len, ==, count ("SELECT count(*) FROM service_orders WHERE state = 'entered'"
                                          " AND reviewed_at IS NULL AND kind = $1", "carry_in"));
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (((WxReviewQueueItem *) shown->pdata[i])->kind, ==, WX_ORDER_KIND_CARRY_IN);
  wx_test_screenshot (GTK_WIDGET (supervisor), "review-loop-filtered");
  gtk_drop_down_set_selected (kind, 0);
  g_assert_cmpuint (wx_review_page_get_shown (page)->len, ==, all);

  reviews_before = count ("SELECT count(*) FROM order_events WHERE event = $1", "review");
  wx_test_xdo_focus (GTK_WINDOW (supervisor));
  wx_test_xdo_click (button_of (GTK_WIDGET (page), "review.pass-clean"), 1, -1, -1);
  wx_test_spin_until (bulk_done, page, "the bulk pass");
  passed = (guint) (count ("SELECT count(*) FROM order_events WHERE event = $1", "review") - reviews_before);
  left = count ("SELECT count(*) FROM service_orders WHERE state = 'entered' AND reviewed_at IS NULL AND $1 = $1", "x");
  /* The queue reloads after the pass (its own reload or the listener's,
   * whichever comes first): wait for what it then shows. */
  queue_wanted = (guint) left;
  wx_test_spin_until (queue_is_wanted, page, "the queue after the bulk pass");
  g_assert_cmpuint (passed, >, 0);
  g_assert_cmpint (left, >, 0);                         /* the demo has orders with a failed check */
  g_assert_cmpint (passed + left, ==, all);
  g_assert_cmpuint (wx_review_page_get_queue (page)->len, ==, left);
  g_assert_cmpint (count ("SELECT count(*) FROM order_reviews WHERE outcome = $1", "passed"), >=, passed);
  wx_test_screenshot (GTK_WIDGET (supervisor), "review-loop-bulk");
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *supervisor_conninfo = NULL;
  gboolean loaded = FALSE;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "reviewloop_zh" : "reviewloop", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  g_assert_true (wx_db_demo_load (conn, 60, now, &error));
  g_assert_no_error (error);
  supervisor_conninfo = wx_db_conninfo_with (conninfo, "user", SUPERVISOR);
  supervisor = wx_supervisor_window_new (app, supervisor_conninfo);
  g_signal_connect (supervisor, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (supervisor));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the supervisor's board");
  wx_test_xdo_focus (GTK_WINDOW (supervisor));

  g_test_add_func ("/ui/review-loop/layout", test_layout);
  g_test_add_func ("/ui/review-loop/return-answered", test_return_answered);
  g_test_add_func ("/ui/review-loop/complaints-live", test_complaints_live);
  g_test_add_func ("/ui/review-loop/filters-bulk", test_filters_bulk);
  return g_test_run ();
}

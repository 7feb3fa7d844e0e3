/* The supervisor's callbacks, complaints and escalation pages under Xvfb,
 * against a demo database (with the demo's feedback: callbacks due and
 * done, a complaint in progress, escalations), as the demo supervisor
 * (周敏, her own login), each driven through its actions: a callback with
 * the machine not working is refused without a score, then recorded with a
 * return repair in one step; the complaint in progress gets its third step
 * (escalated), is refused closing without a reason before step 5 and closed
 * early with one, and a new complaint is opened; an open escalation refuses an
 * empty resolution, then is resolved. The database is checked after each;
 * PNGs of the three pages go to the build directory. */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-callback-page.h"
#include "gui/supervisor/wx-complaint-page.h"
#include "gui/supervisor/wx-escalation-page.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

#define SUPERVISOR "zhou_min"   /* 周敏, the demo supervisor */

static char *conninfo;
static WxDbWorker *worker;
static PGconn *conn;
static gboolean chinese;

static const char *
chinese_or (const char *english, const char *zh)
{
  return chinese ? zh : english;
}

static gint64
count (const char *sql)
{
  return wx_test_db_count (conn, sql);
}

/* A page in a window of its own, loaded. */
static GtkWindow *
show (GtkWidget *page, const char *title, gboolean *loaded)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_title (window, title);
  gtk_window_set_child (window, page);
  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), loaded);
  gtk_window_present (window);
  return window;
}

typedef struct {
  const char *(*get) (gpointer);
  gpointer     page;
} Message;

static gboolean
message_shown (gpointer data)
{
  Message *m = data;
  return *m->get (m->page) != '\0';
}

/* Activates `action` and waits for its sentence (a refusal) or, with
 * `reload`, for the page to load again. */
static void
act (GtkWidget *page, const char *action, const char *(*get) (gpointer), gboolean *loaded, gboolean reload)
{
  Message m = { get, page };

  *loaded = FALSE;
  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  if (get == NULL || reload)
    wx_test_spin_until (wx_test_flag_set, loaded, action);
  else
    wx_test_spin_until (message_shown, &m, action);
}

static void
test_callbacks (void)
{
  WxCallbackPage *page = WX_CALLBACK_PAGE (wx_callback_page_new ());
  gboolean loaded = FALSE;
  GtkWindow *window = show (GTK_WIDGET (page), _("Callbacks"), &loaded);
  GPtrArray *due;
  const WxCallbackDue *weekly = NULL;
  g_autofree char *sql = NULL;
  gint64 done_before, orders_before, id;

  wx_callback_page_set_worker (page, worker);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the callbacks");
  due = wx_callback_page_get_due (page);
  g_assert_cmpuint (due->len, ==, count ("SELECT count(*) FROM callbacks WHERE done_at IS NULL"));
  g_assert_cmpuint (due->len, >=, 3);
  for (guint i = 0; i < due->len && weekly == NULL; i++)
    if (g_str_equal (((WxCallbackDue *) g_ptr_array_index (due, i))->kind, "weekly")
        && ((WxCallbackDue *) g_ptr_array_index (due, i))->attempts == 0)
      weekly = g_ptr_array_index (due, i);
  g_assert_nonnull (weekly);
  g_assert_cmpstr (weekly->order_number, !=, "");
  g_assert_cmpstr (weekly->phone, !=, "");
  id = weekly->id;   /* the list is replaced at each load */

  /* Chosen, answered "not working" without a score: refused, nothing written. */
  done_before = count ("SELECT count(*) FROM callbacks WHERE done_at IS NOT NULL");
  orders_before = count ("SELECT count(*) FROM service_orders");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "callbacks.select", "x", id));
  wx_callback_page_set_value (page, "reached", "true");
  wx_callback_page_set_value (page, "working", "no");
  wx_callback_page_set_value (page, "weak_repair_time", "true");
  wx_callback_page_set_value (page, "explained", "no");
  wx_callback_page_set_value (page, "follow_up", "return_repair");
  wx_callback_page_set_value (page, "follow_up_note", "打印又出现竖黑线");
  wx_callback_page_set_value (page, "comments", "修好三天后又坏了");
  act (GTK_WIDGET (page), "callbacks.record", (gpointer) wx_list_page_get_message, &loaded, FALSE);
  g_test_message ("refused: %s", wx_callback_page_get_message (page));
  g_assert_nonnull (strstr (wx_callback_page_get_message (page), chinese_or ("satisfaction", "满意度")));
  g_assert_cmpint (count ("SELECT count(*) FROM callbacks WHERE done_at IS NOT NULL"), ==, done_before);
  g_assert_cmpint (count ("SELECT count(*) FROM service_orders"), ==, orders_before);
  wx_test_screenshot (GTK_WIDGET (window), "callbacks-page-refused");

  /* With the score: done, and the return repair opened with it. */
  wx_callback_page_set_value (page, "satisfaction", "2");
  act (GTK_WIDGET (page), "callbacks.record", NULL, &loaded, TRUE);
  g_test_message ("recorded: %s", wx_callback_page_get_message (page));
  sql = g_strdup_printf ("SELECT count(*) FROM callbacks b JOIN service_orders n ON n.id = b.return_order_id"
                         " WHERE b.id = %" G_GINT64_FORMAT " AND b.done_at IS NOT NULL AND b.actor = '" SUPERVISOR "'"
                         "   AND b.satisfaction = 2 AND b.weak_repair_time AND NOT b.machine_working"
                         "   AND n.is_return_repair AND n.return_of_order_id = b.order_id", id);
  g_assert_cmpint (count (sql), ==, 1);
  g_assert_cmpint (count ("SELECT count(*) FROM service_orders"), ==, orders_before + 1);
  g_assert_cmpuint (wx_callback_page_get_due (page)->len, ==, count ("SELECT count(*) FROM callbacks WHERE done_at IS NULL"));
  wx_test_screenshot (GTK_WIDGET (window), "callbacks-page");
  gtk_window_destroy (window);
}

static void
test_complaints (void)
{
  WxComplaintPage *page = WX_COMPLAINT_PAGE (wx_complaint_page_new ());
  gboolean loaded = FALSE;
  GtkWindow *window = show (GTK_WIDGET (page), _("Complaints"), &loaded);
  GPtrArray *list;
  const WxComplaint *open = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *number = NULL;
  gint64 id;

  wx_complaint_page_set_worker (page, worker);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the complaints");
  list = wx_complaint_page_get_complaints (page);
  g_assert_cmpuint (list->len, ==, count ("SELECT count(*) FROM complaints"));
  open = g_ptr_array_index (list, 0);   /* open ones first */
  g_assert_false (open->closed);
  g_assert_cmpuint (open->steps_done, ==, 2);
  id = open->id;

  /* Step 3, the solution, escalated to the manager. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "complaints.select", "x", id));
  wx_complaint_page_set_value (page, "escalated", "true");
  act (GTK_WIDGET (page), "complaints.step", (gpointer) wx_list_page_get_message, &loaded, FALSE);
  g_assert_cmpstr (wx_complaint_page_get_message (page), !=, chinese_or ("Saved.", "已保存。"));   /* no note: refused */
  wx_complaint_page_set_value (page, "note", "主管决定免收本次费用，并请经理出面致歉");
  act (GTK_WIDGET (page), "complaints.step", NULL, &loaded, TRUE);
  sql = g_strdup_printf ("SELECT count(*) FROM complaint_steps WHERE complaint_id = %" G_GINT64_FORMAT
                         " AND step = 3 AND escalated AND actor = '" SUPERVISOR "'", id);
  g_assert_cmpint (count (sql), ==, 1);

  /* Closing at step 3: refused without a reason, closed early with one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "complaints.select", "x", id));
  wx_complaint_page_set_value (page, "outcome", "免收本次费用，客户接受");
  act (GTK_WIDGET (page), "complaints.close", (gpointer) wx_list_page_get_message, &loaded, FALSE);
  g_assert_cmpstr (wx_complaint_page_get_message (page), ==,
                   chinese_or ("A complaint is closed after its fifth step, the call back; to close it sooner, write why.",
                               "投诉要在第五步（回访）之后才结案；如要提前结案，请写明原因。"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM complaints WHERE id = %" G_GINT64_FORMAT " AND closed_at IS NULL", id);
  g_assert_cmpint (count (sql), ==, 1);
  wx_complaint_page_set_value (page, "early_reason", "客户来电表示满意，不必再回访");
  act (GTK_WIDGET (page), "complaints.close", NULL, &loaded, TRUE);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM complaints WHERE id = %" G_GINT64_FORMAT " AND closed_at IS NOT NULL"
                         " AND closed_by = '" SUPERVISOR "' AND early_close_reason = '客户来电表示满意，不必再回访'", id);
  g_assert_cmpint (count (sql), ==, 1);

  /* A new complaint about an order the demo handed over. */
  number = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE picked_up_at IS NOT NULL ORDER BY picked_up_at DESC LIMIT 1");
  /* With one chosen, New Complaint… first opens the empty form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "complaints.new", NULL));
  g_assert_null (wx_list_page_get_selected_item (WX_LIST_PAGE (page)));
  wx_complaint_page_set_value (page, "order", number);
  wx_complaint_page_set_value (page, "description", "送回的机器外壳有划痕");
  act (GTK_WIDGET (page), "complaints.new", NULL, &loaded, TRUE);
  g_assert_cmpint (count ("SELECT count(*) FROM complaints WHERE description = '送回的机器外壳有划痕'"
                          " AND received_by = '" SUPERVISOR "' AND order_id IS NOT NULL AND closed_at IS NULL"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "complaints.select", "x", id));
  wx_test_screenshot (GTK_WIDGET (window), "complaints-page");
  gtk_window_destroy (window);
}

static void
test_escalations (void)
{
  WxEscalationPage *page = WX_ESCALATION_PAGE (wx_escalation_page_new ());
  gboolean loaded = FALSE;
  GtkWindow *window = show (GTK_WIDGET (page), _("Escalations"), &loaded);
  GPtrArray *list;
  const WxEscalation *first;
  g_autofree char *sql = NULL;
  gint64 id;

  wx_escalation_page_set_worker (page, worker);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the escalations");
  list = wx_escalation_page_get_escalations (page);
  g_assert_cmpuint (list->len, >=, 2);
  first = g_ptr_array_index (list, 0);
  g_assert_false (first->resolved);
  g_assert_true (((WxEscalation *) g_ptr_array_index (list, list->len - 1))->resolved);
  id = first->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "escalations.select", "x", id));
  act (GTK_WIDGET (page), "escalations.resolve", (gpointer) wx_list_page_get_message, &loaded, FALSE);
  g_assert_cmpstr (wx_escalation_page_get_message (page), ==,
                   chinese_or ("Write how the escalation was resolved.", "请写明升级问题是如何解决的。"));
  sql = g_strdup_printf ("SELECT count(*) FROM escalations WHERE id = %" G_GINT64_FORMAT " AND resolved_at IS NULL", id);
  g_assert_cmpint (count (sql), ==, 1);
  wx_escalation_page_set_value (page, "resolution", "已安排王磊协助诊断，主板送厂检测");
  act (GTK_WIDGET (page), "escalations.resolve", NULL, &loaded, TRUE);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM escalations WHERE id = %" G_GINT64_FORMAT
                         " AND resolved_by = '" SUPERVISOR "' AND resolution LIKE '已安排王磊%%'", id);
  g_assert_cmpint (count (sql), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "escalations.select", "x", id));
  wx_test_screenshot (GTK_WIDGET (window), "escalations-page");
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *supervisor_conninfo = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  chinese = wx_test_ui_chinese ();
  conninfo = wx_test_db_create (chinese ? "supervisor_cb_zh" : "supervisor_cb", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = g_date_time_new_now_local ();
  g_assert_true (wx_db_demo_load (conn, 80, now, &error));
  g_assert_no_error (error);
  g_assert_true (wx_db_demo_feedback (conn, now, &error));
  g_assert_no_error (error);

  /* 周敏's own login */
  supervisor_conninfo = wx_db_conninfo_with (conninfo, "user", SUPERVISOR);
  worker = wx_db_worker_new (supervisor_conninfo);

  g_test_add_func ("/ui/supervisor/callbacks", test_callbacks);
  g_test_add_func ("/ui/supervisor/complaints", test_complaints);
  g_test_add_func ("/ui/supervisor/escalations", test_escalations);
  return g_test_run ();
}

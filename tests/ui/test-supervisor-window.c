/* The supervisor's window under Xvfb against a demo database, logged in as
 * the demo supervisor (周敏, zhou_min): it opens on the weekly report, its
 * pages switch by win.show-page (Alt+1…8), the folder board shows every
 * open order, the sweep leaves no automatic escalation undone, and the
 * settings and staff pages show only to an administrator. PNGs of the
 * pages go to the build directory. */
#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-review-page.h"
#include "gui/wx-supervisor-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

#define SUPERVISOR "zhou_min"

static char *conninfo;           /* the test's superuser */
static char *supervisor_conninfo;
static WxApplication *app;
static WxSupervisorWindow *window;

typedef struct {
  gboolean  done;
  GError   *error;
} Done;

static void
done_cb (gpointer instance, GError *error, Done *d)
{
  d->done = TRUE;
  g_clear_error (&d->error);
  d->error = error ? g_error_copy (error) : NULL;
}

static WxSupervisorWindow *
open_window (void)
{
  WxSupervisorWindow *w = wx_supervisor_window_new (app, supervisor_conninfo);
  gboolean loaded = FALSE;
  Done swept = { 0 };

  g_signal_connect (w, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  g_signal_connect (w, "swept", G_CALLBACK (done_cb), &swept);
  gtk_window_present (GTK_WINDOW (w));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
  wx_test_spin_until (wx_test_flag_set, &swept.done, "the sweep");
  g_assert_no_error (swept.error);
  g_signal_handlers_disconnect_by_data (w, &loaded);
  g_signal_handlers_disconnect_by_data (w, &swept);
  return w;
}

static gboolean
all_orders_in (gpointer n)
{
  return g_list_model_get_n_items (wx_supervisor_window_get_orders (window)) == (guint) GPOINTER_TO_INT (n);
}

/* The first screen of a board: the most urgent of each column, no more. */
static void
test_first_screen (void)
{
  WxBoard *board = wx_supervisor_window_get_board (window);
  GListModel *orders = wx_supervisor_window_get_orders (window);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    g_ptr_array_add (all, g_list_model_get_item (orders, i));
  first = wx_board_first_screen (board, all, 2);
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    {
      GListModel *column = wx_board_get_column_model (board, c);
      guint n = g_list_model_get_n_items (column), in_first = 0;

      for (guint i = 0; i < first->len; i++)
        in_first += (guint) wx_order_get_folder (g_ptr_array_index (first, i)) == wx_board_get_column_place (board, c);
      g_assert_cmpuint (in_first, ==, MIN (n, 2));
      for (guint i = 0; i < MIN (n, 2); i++)
        {
          g_autoptr(WxOrder) o = g_list_model_get_item (column, i);

          g_assert_true (g_ptr_array_find (first, o, NULL));
        }
    }
}

static void
show_page (const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
  g_assert_cmpstr (wx_supervisor_window_get_page (window), ==, name);
}

static void
test_pages (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  guint n = 0;
  WxBoard *board = wx_supervisor_window_get_board (window);
  gint64 open = wx_test_db_count (conn, "SELECT count(*) FROM service_orders WHERE state NOT IN ('archived', 'cancelled')");

  /* The weekly report is the supervisor's main screen. */
  g_assert_cmpstr (wx_supervisor_window_get_page (window), ==, "report");
  show_page ("folders");
  /* A board of many orders fills in two steps: the first screen, then the rest. */
  wx_test_spin_until (all_orders_in, GINT_TO_POINTER ((int) open), "the rest of the orders");
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    n += g_list_model_get_n_items (wx_board_get_column_model (board, c));
  g_assert_cmpuint (n, ==, open);
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-folders");
  /* An administrator's pages are not the supervisor's. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "settings");
  g_assert_cmpstr (wx_supervisor_window_get_page (window), ==, "folders");
  show_page ("report");
}

/* The review queue in the window: the demo's unreviewed orders, and a
 * returned order's notice on the coordinator's own board. */
static void
test_review (void)
{
  WxReviewPage *page = WX_REVIEW_PAGE (wx_supervisor_window_get_page_widget (window, "review"));
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gboolean loaded = FALSE;

  show_page ("review");
  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  wx_review_page_reload (page);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the review queue");
  g_signal_handlers_disconnect_by_data (page, &loaded);
  g_assert_cmpint (wx_review_page_get_queue (page)->len, ==,
                   wx_test_db_count (conn, "SELECT count(*) FROM service_orders WHERE state = 'entered' AND reviewed_at IS NULL"));
  g_assert_cmpint (wx_review_page_get_queue (page)->len, >, 0);
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-review");
  show_page ("report");
}

/* The callback, complaint and escalation pages in the window. */
static void
test_feedback_pages (void)
{
  static const char *const pages[] = { "callbacks", "complaints", "escalations" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("supervisor-%s", pages[i]);
      g_autofree char *reload = g_strdup_printf ("%s.reload", pages[i]);
      GtkWidget *page = wx_supervisor_window_get_page_widget (window, pages[i]);
      gboolean loaded = FALSE;

      show_page (pages[i]);
      g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
      gtk_widget_activate_action (page, reload, NULL);
      wx_test_spin_until (wx_test_flag_set, &loaded, pages[i]);
      g_signal_handlers_disconnect_by_data (page, &loaded);
      wx_test_screenshot (GTK_WIDGET (window), name);
    }
  show_page ("report");
}

/* After the sweep, nothing is left for the automatic escalations to raise. */
static void
test_sweep (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (supervisor_conninfo);

  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_escalate_undiagnosed()"), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_escalate_overdue_parts()"), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_callbacks_generate(now())"), ==, 0);
}

/* An administrator sees settings and staff. */
static void
test_admin_pages (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  WxSupervisorWindow *admin;

  g_assert_true (wx_db_execute (conn, "GRANT wx_admin TO " SUPERVISOR, 0, NULL, &error));
  g_assert_no_error (error);
  admin = open_window ();
  gtk_widget_activate_action (GTK_WIDGET (admin), "win.show-page", "s", "settings");
  g_assert_cmpstr (wx_supervisor_window_get_page (admin), ==, "settings");
  gtk_window_destroy (GTK_WINDOW (admin));
  g_assert_true (wx_db_execute (conn, "REVOKE wx_admin FROM " SUPERVISOR, 0, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();

  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "supwin_zh" : "supwin", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);
  /* Callbacks, complaints and escalations as weixiu-admin demo makes them. */
  wx_db_demo_feedback (conn, now, &error);
  g_assert_no_error (error);
  supervisor_conninfo = wx_db_conninfo_with (conninfo, "user", SUPERVISOR);
  window = open_window ();

  g_test_add_func ("/ui/supervisor/pages", test_pages);
  g_test_add_func ("/ui/supervisor/first-screen", test_first_screen);
  g_test_add_func ("/ui/supervisor/sweep", test_sweep);
  g_test_add_func ("/ui/supervisor/review", test_review);
  g_test_add_func ("/ui/supervisor/feedback-pages", test_feedback_pages);
  g_test_add_func ("/ui/supervisor/admin-pages", test_admin_pages);
  return g_test_run ();
}

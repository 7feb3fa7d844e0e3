/* The supervisor's window under Xvfb against a demo database, logged in as
 * the demo supervisor (周敏, zhou_min): it opens on the weekly report, its
 * pages switch by win.show-page (Alt+1…8), the folder board shows every
 * open order, the sweep leaves no automatic escalation undone, and the
 * settings and staff pages show only to an administrator. PNGs of the
 * pages go to the build directory. */
#include <string.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-escalation-page.h"
#include "gui/supervisor/wx-report-view.h"
#include "gui/supervisor/wx-review-page.h"
#include "gui/supervisor/wx-staff-page.h"
#include "gui/board/wx-board-card.h"
#include "gui/dialogs/wx-repair-dialog.h"
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
  return g_list_model_get_n_items (wx_board_window_get_orders (WX_BOARD_WINDOW (window))) == (guint) GPOINTER_TO_INT (n);
}

/* The first screen of a board: the most urgent of each column, no more. */
static void
test_first_screen (void)
{
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
  GListModel *orders = wx_board_window_get_orders (WX_BOARD_WINDOW (window));
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

static gboolean
jobs_text_has (gpointer text)
{
  return strstr (wx_supervisor_window_get_jobs_text (window), text) != NULL;
}

static gboolean
jobs_text_lacks (gpointer text)
{
  return !jobs_text_has (text);
}

/* The line under the pages says when the jobs ran, and a failed job with
 * its sentence until it runs well again. */
static void
test_jobs_line (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  wx_test_db_exec (conn, "INSERT INTO job_runs (job, started_at, ok, detail)"
                         " VALUES ('escalations', now(), true, 'x'), ('backup', now(), false, 'The disk is full.')");
  wx_supervisor_window_sweep (window);
  wx_test_spin_until (jobs_text_has, (gpointer) "The disk is full.", "the failed job");
  g_assert_nonnull (strstr (wx_supervisor_window_get_jobs_text (window), "backup"));
  {
    WxEscalationPage *page = WX_ESCALATION_PAGE (wx_supervisor_window_get_page_widget (window, "escalations"));
    g_assert_cmpstr (wx_escalation_page_get_job_failure (page), ==, wx_supervisor_window_get_jobs_text (window));
  }
  wx_test_db_exec (conn, "INSERT INTO job_runs (job, started_at, ok, detail) VALUES ('backup', now(), true, 'ok')");
  wx_supervisor_window_sweep (window);
  wx_test_spin_until (jobs_text_lacks, (gpointer) "The disk is full.", "the backup done again");
  g_assert_nonnull (strstr (wx_supervisor_window_get_jobs_text (window), "20"));
  g_assert_cmpstr (wx_escalation_page_get_job_failure (
    WX_ESCALATION_PAGE (wx_supervisor_window_get_page_widget (window, "escalations"))), ==, "");
}

static gboolean
given_up_has (gpointer text)
{
  WxEscalationPage *page = WX_ESCALATION_PAGE (wx_supervisor_window_get_page_widget (window, "escalations"));

  /* The count comes first in English and in Chinese. */
  return g_str_has_prefix (wx_escalation_page_get_given_up (page), text);
}

static gboolean
given_up_none (gpointer unused)
{
  return *wx_escalation_page_get_given_up (
    WX_ESCALATION_PAGE (wx_supervisor_window_get_page_widget (window, "escalations"))) == '\0';
}

/* Messages given up (failed for good or after the last retry) are counted
 * above the escalation inbox with a way to the Messages page; one settled
 * by hand or older than a week is not counted, one resent leaves. */
static void
test_given_up_messages (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxEscalationPage *page = WX_ESCALATION_PAGE (wx_supervisor_window_get_page_widget (window, "escalations"));

  wx_test_db_exec (conn, "DELETE FROM messages WHERE state = 'failed'");
  wx_test_db_exec (conn, "INSERT INTO messages (kind, channel, recipient, body, state, attempts, last_error, created_at)"
                         " VALUES ('ready', 'sms', '13812345678', 'a', 'failed', 5, 'timeout', now()),"
                         "        ('quote', 'email', 'a@example.com', 'b', 'failed', 1, 'mailbox unavailable', now()),"
                         "        ('ready', 'sms', '13812345679', 'c', 'failed', 1, 'settled_by_hand', now()),"
                         "        ('ready', 'sms', '13812345670', 'd', 'failed', 5, 'timeout', now() - interval '8 days')");
  wx_supervisor_window_sweep (window);
  wx_test_spin_until (given_up_has, (gpointer) "2 ", "two given-up messages");
  show_page ("escalations");
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-escalations-given-up");
  wx_test_db_exec (conn, "UPDATE messages SET state = 'queued', attempts = 0 WHERE body = 'a'");
  wx_supervisor_window_sweep (window);
  wx_test_spin_until (given_up_has, (gpointer) "1 ", "one left after a resend");
  gtk_widget_activate_action (GTK_WIDGET (page), "win.show-page", "s", "messages");
  g_assert_cmpstr (wx_supervisor_window_get_page (window), ==, "messages");
  wx_test_db_exec (conn, "UPDATE messages SET state = 'queued', attempts = 0 WHERE body = 'b'");
  wx_supervisor_window_sweep (window);
  wx_test_spin_until (given_up_none, NULL, "none left");
}

static void
test_pages (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  guint n = 0;
  WxBoard *board = wx_board_window_get_board (WX_BOARD_WINDOW (window));
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

/* The first scrolled window shown below `widget`. */
static GtkScrolledWindow *
shown_scroller (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = shown_scroller (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
frame_drawn (gpointer data)
{
  return gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (data)) > GPOINTER_TO_INT (g_object_get_data (data, "wx-frame"));
}

/* Scrolls the report down to `y` and takes its picture. */
static void
report_screenshot_at (WxReportView *view, double y, const char *name)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (shown_scroller (GTK_WIDGET (view)));

  gtk_adjustment_set_value (adj, y);
  g_object_set_data (G_OBJECT (window), "wx-frame",
                     GINT_TO_POINTER ((int) gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (window)))));
  wx_test_spin_until (frame_drawn, window, "a frame");
  wx_test_screenshot (GTK_WIDGET (window), name);
}

/* The report's own stack of weekly and monthly pages. */
static GtkStack *
find_stack (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), "monthly"))
        return GTK_STACK (child);
      if ((found = find_stack (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
report_reload_and_wait (WxReportView *view, const char *action)
{
  gboolean loaded = FALSE;

  g_signal_connect (view, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_widget_activate_action (GTK_WIDGET (view), action, NULL);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the report");
  g_signal_handlers_disconnect_by_data (view, &loaded);
}

/* The weekly report, the supervisor's main screen: the last complete week
 * before the demo's (fixed) now is not the real one, so the view is moved
 * to the demo's week; its numbers are the database's (test-report checks
 * them one by one), its export is the PDF and the CSV of what it shows. */
static void
test_report (void)
{
  WxReportView *view = WX_REPORT_VIEW (wx_supervisor_window_get_page_widget (window, "report"));
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *dir = g_dir_make_tmp ("wx-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "weekly.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "weekly.csv", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *expected = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int year, week, status;
  gboolean loaded = FALSE;

  show_page ("report");
  /* The demo's now is fixed at 2026-11-18: the week before is 2026-W46. */
  year = g_date_time_get_week_numbering_year (now);
  week = g_date_time_get_week_of_year (now) - 1;
  g_signal_connect (view, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  wx_report_view_show_week (view, year, week);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the report");
  g_signal_handlers_disconnect_by_data (view, &loaded);
  g_assert_cmpint (wx_report_view_get_report (view)->year, ==, year);
  g_assert_cmpint (wx_report_view_get_report (view)->week, ==, week);
  /* The shop's orders received in the week, as the database counts them. */
  expected = g_strdup_printf ("SELECT count(*) FROM service_orders WHERE received_at >= to_timestamp(%" G_GINT64_FORMAT ")"
                              " AND received_at < to_timestamp(%" G_GINT64_FORMAT ")",
                              wx_report_view_get_report (view)->bounds[WX_REPORT_WEEKS - 1],
                              wx_report_view_get_report (view)->bounds[WX_REPORT_WEEKS]);
  g_assert_cmpuint (wx_report_view_get_report (view)->shop.weeks[WX_REPORT_WEEKS - 1].orders, ==,
                    wx_test_db_count (conn, expected));
  g_assert_cmpuint (wx_report_view_get_report (view)->shop.weeks[WX_REPORT_WEEKS - 1].orders, >, 0);
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-report");
  report_screenshot_at (view, 560, "supervisor-report-charts");
  report_screenshot_at (view, 1200, "supervisor-report-trend");
  report_screenshot_at (view, 0, "supervisor-report");

  g_assert_true (wx_report_view_export (view, pdf_file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "W"));
  g_assert_true (wx_report_view_export (view, csv_file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, &error));
  g_free (expected);
  expected = g_strdup_printf ("%d-W%02d,shop,orders,", year, week);
  g_assert_nonnull (strstr (csv_text, expected));

  /* A week back, and back again. */
  report_reload_and_wait (view, "report.previous");
  g_assert_cmpint (wx_report_view_get_report (view)->week, ==, week - 1);
  report_reload_and_wait (view, "report.next");
  g_assert_cmpint (wx_report_view_get_report (view)->week, ==, week);
  /* On the monthly page the arrows step months; the week stays. */
  {
    GtkStack *modes = find_stack (GTK_WIDGET (view));
    int month = wx_report_view_get_month (view)->month;

    gtk_stack_set_visible_child_name (modes, "monthly");
    report_reload_and_wait (view, "report.previous");
    g_assert_cmpint (wx_report_view_get_month (view)->month, ==, month == 1 ? 12 : month - 1);
    g_assert_cmpint (wx_report_view_get_report (view)->week, ==, week);
    gtk_stack_set_visible_child_name (modes, "weekly");
  }
  g_unlink (pdf);
  g_unlink (csv);
  g_rmdir (dir);
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
  g_assert_cmpint (wx_test_db_count (conn, "SELECT wx_callbacks_generate()"), ==, 0);
}

static void
collect_cards (GtkWidget *widget, GPtrArray *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (WX_IS_BOARD_CARD (child) && wx_board_card_get_order (WX_BOARD_CARD (child)))
        g_ptr_array_add (cards, child);
      collect_cards (child, cards);
    }
}

static gboolean
repair_dialog_shown (gpointer data)
{
  GtkWindow **found = data;
  GListModel *tops = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);

      if (WX_IS_REPAIR_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        *found = w;
    }
  return *found != NULL;
}

/* "Repair done" from the supervisor's board opens the repair record (the
 * step catalogue's form), not the generic dialog that had no field for
 * the functional tests and could never be saved. */
static void
test_repair_done_form (void)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  WxBoardCard *repairing = NULL;
  GtkWindow *dialog = NULL;

  collect_cards (GTK_WIDGET (wx_board_window_get_board (WX_BOARD_WINDOW (window))), cards);
  for (guint i = 0; i < cards->len && repairing == NULL; i++)
    if (wx_order_get_state (wx_board_card_get_order (g_ptr_array_index (cards, i))) == WX_ORDER_STATE_REPAIRING)
      repairing = g_ptr_array_index (cards, i);
  g_assert_nonnull (repairing);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (repairing), "card.step", "s", "repair_done"));
  wx_test_spin_until (repair_dialog_shown, &dialog, "the repair record");
  wx_test_screenshot (GTK_WIDGET (dialog), "supervisor-repair-done");
  gtk_window_destroy (dialog);
}

/* An administrator sees settings and staff. */
static void
test_admin_pages (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  WxSupervisorWindow *admin;
  /* A login of this run's own: roles belong to the whole server, and the
   * English and Chinese runs of this program go at the same time, so
   * granting wx_admin to the demo's supervisor would change what the other
   * run's window shows in the middle of its test. */
  const char *login = wx_test_ui_chinese () ? "supwin_zh_admin" : "supwin_admin";
  g_autofree char *create = g_strdup_printf (
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s LOGIN; END IF;"
    " END $$", login, login);
  g_autofree char *grant = g_strdup_printf ("GRANT wx_supervisor, wx_admin TO %s", login);
  g_autofree char *staff = g_strdup_printf (
    "INSERT INTO staff (role_name, full_name) VALUES ('%s', '周敏') ON CONFLICT DO NOTHING", login);
  g_autofree char *own_conninfo = wx_db_conninfo_with (conninfo, "user", login);
  g_autofree char *supervisor = g_steal_pointer (&supervisor_conninfo);

  for (const char *const *sql = (const char *const[]) { create, grant, staff, NULL }; *sql; sql++)
    {
      wx_db_execute (conn, *sql, 0, NULL, &error);
      g_assert_no_error (error);
    }
  supervisor_conninfo = g_steal_pointer (&own_conninfo);
  admin = open_window ();
  g_free (supervisor_conninfo);
  supervisor_conninfo = g_steal_pointer (&supervisor);
  gtk_widget_activate_action (GTK_WIDGET (admin), "win.show-page", "s", "settings");
  g_assert_cmpstr (wx_supervisor_window_get_page (admin), ==, "settings");
  {
    GtkWidget *page = wx_supervisor_window_get_page_widget (admin, "staff");
    gboolean loaded = FALSE;

    g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
    wx_staff_page_reload (WX_STAFF_PAGE (page));
    wx_test_spin_until (wx_test_flag_set, &loaded, "the staff");
    g_signal_handlers_disconnect_by_data (page, &loaded);
    gtk_widget_activate_action (GTK_WIDGET (admin), "win.show-page", "s", "staff");
    wx_test_screenshot (GTK_WIDGET (admin), "supervisor-staff");
  }
  gtk_window_destroy (GTK_WINDOW (admin));
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
  g_test_add_func ("/ui/supervisor/jobs-line", test_jobs_line);
  g_test_add_func ("/ui/supervisor/given-up-messages", test_given_up_messages);
  g_test_add_func ("/ui/supervisor/repair-done-form", test_repair_done_form);
  g_test_add_func ("/ui/supervisor/review", test_review);
  g_test_add_func ("/ui/supervisor/report", test_report);
  g_test_add_func ("/ui/supervisor/feedback-pages", test_feedback_pages);
  g_test_add_func ("/ui/supervisor/admin-pages", test_admin_pages);
  return g_test_run ();
}

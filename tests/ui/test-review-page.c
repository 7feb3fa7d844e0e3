/* The supervisor's review page under Xvfb against a demo database, as the
 * demo supervisor (周敏, her own login): the queue lists every entered,
 * unreviewed order; an order's checklist shows; one order with a failed
 * check is returned through review.return (to the person the page
 * proposes) and one passed through review.pass, each writing its
 * order_reviews row. PNGs of the page go to the build directory. */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-review-page.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

#define SUPERVISOR "zhou_min"   /* 周敏 */

static char *conninfo;
static gboolean chinese;

static gint64
count (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  g_autofree char *v = wx_db_query_value (conn, sql, number ? 1 : 0, params, &error);

  g_assert_no_error (error);
  return g_ascii_strtoll (v ? v : "0", NULL, 10);
}

static void
wait_order (WxReviewPage *page)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (page, "order-loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);

  wx_test_spin_until (wx_test_flag_set, &loaded, "the order's checklist");
  g_signal_handler_disconnect (page, id);
}

/* `action`, then the queue and the checklist reloaded. */
static void
act (WxReviewPage *page, const char *action)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  wx_test_spin_until (wx_test_flag_set, &loaded, action);
  g_signal_handler_disconnect (page, id);
  wait_order (page);
}

static void
test_review_page (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *supervisor = wx_db_conninfo_with (conninfo, "user", SUPERVISOR);
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (supervisor);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  WxReviewPage *page = wx_review_page_new ();
  gboolean loaded = FALSE;
  GPtrArray *queue;
  g_autofree char *returned = NULL;
  g_autofree char *passed = NULL;
  const char *to;
  guint n_queued;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (page));
  wx_review_page_set_worker (page, worker);
  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  wx_review_page_reload (page);
  gtk_window_present (window);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the queue");
  wait_order (page);

  queue = wx_review_page_get_queue (page);
  g_assert_cmpint (queue->len, ==, count (conn, "SELECT count(*) FROM service_orders"
                                                " WHERE state = 'entered' AND reviewed_at IS NULL", NULL));
  g_assert_cmpuint (queue->len, >=, 3);
  n_queued = queue->len;

  /* The first order with a failed check: its checklist, then a return. */
  for (guint i = 0; i < queue->len && returned == NULL; i++)
    {
      const char *number = ((WxReviewQueueItem *) queue->pdata[i])->number;
      if (i > 0)
        {
          g_assert_true (wx_review_page_select (page, number));
          wait_order (page);
        }
      if (wx_review_n_failed (wx_review_page_get_order (page)->review) > 0)
        returned = g_strdup (number);
    }
  g_assert_nonnull (returned);
  to = wx_review_page_get_return_to (page);
  g_assert_cmpstr (to, ==, wx_review_first_responsible (wx_review_page_get_order (page)->review));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.return-start", NULL));
  wx_review_page_set_return (page, chinese ? "请补充记录后再交" : "Please complete the record", to);
  wx_test_screenshot (GTK_WIDGET (window), "review-page-return");
  act (page, "review.return");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
                                " WHERE o.number = $1 AND r.outcome = 'returned'", returned), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'review_returned'", returned), ==, 1);
  g_assert_nonnull (strstr (wx_review_page_get_message (page), returned));

  /* The selected one passes. */
  passed = g_strdup (wx_review_page_get_order (page)->number);
  act (page, "review.pass");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
                                " WHERE o.number = $1 AND r.outcome = 'passed'", passed), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM service_orders WHERE number = $1 AND reviewed_at IS NOT NULL",
                          passed), ==, 1);
  g_assert_cmpuint (wx_review_page_get_queue (page)->len, ==, n_queued - 1);
  wx_test_screenshot (GTK_WIDGET (window), "review-page");
  gtk_window_destroy (window);
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
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  chinese = wx_test_ui_chinese ();
  conninfo = wx_test_db_create (chinese ? "review_page_zh" : "review_page", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  g_assert_true (wx_db_demo_load (conn, 60, now, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/review-page", test_review_page);
  return g_test_run ();
}

/* The front desk's window under Xvfb while the database server stops and
 * starts again (the test server of ./run tests; this test runs alone): the
 * window, open and idle, shows its offline banner within 2 s; when the
 * server is back the banner goes by itself, and so does a "cannot load"
 * error shown before; the next step saved is saved on the first try, once.
 * A PNG of the window offline. */
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/wx-front-desk-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

static char *conninfo;        /* the test's superuser */
static WxApplication *app;
static WxFrontDeskWindow *window;

/* The banner's label (class wx-banner) below `widget`. */
static GtkWidget *
find_banner (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "wx-banner"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_banner (child);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
banner_shown (gpointer unused)
{
  GtkWidget *label = find_banner (GTK_WIDGET (window));
  GtkWidget *revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static gboolean
banner_hidden (gpointer unused)
{
  return !banner_shown (NULL);
}

static gboolean
notice_starts (gpointer prefix)
{
  return g_str_has_prefix (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), prefix);
}

static gboolean
notice_is_not (gpointer text)
{
  return g_strcmp0 (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), text) != 0;
}

static gboolean
notice_has (gpointer text)
{
  return strstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), text) != NULL;
}

static gboolean
flag_timeout_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* The main loop runs (the window stays idle) for `ms`. */
static void
idle_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout_cb, &done);
  wx_test_spin_until (wx_test_flag_set, &done, "the time");
}

static gint64
events_of (PGconn *conn, const char *number, const char *event)
{
  const char *params[] = { number, event };
  g_autofree char *n = wx_db_query_value (conn,
    "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1 AND e.event = $2",
    2, params, NULL);

  return n ? g_ascii_strtoll (n, NULL, 10) : -1;
}

static void
test_outage (void)
{
  g_autofree char *prefix = g_strdup (_("Cannot load the orders: %s"));
  g_autofree char *load_error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(WxOrder) order = NULL;
  gint64 stopped, shown, started, cleared, before;

  *strstr (prefix, "%s") = '\0';
  g_assert_true (banner_hidden (NULL));

  /* A load that fails (the role may not read the orders for a moment):
   * its red bar. */
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

    wx_test_db_exec (conn, "REVOKE SELECT ON service_orders FROM wx_coordinator");
    wx_front_desk_window_refresh (window);
    wx_test_spin_until (notice_starts, prefix, "the load error");
    load_error = g_strdup (wx_board_window_get_notice (WX_BOARD_WINDOW (window)));
    g_test_message ("load error: %s", load_error);
    wx_test_db_exec (conn, "GRANT SELECT ON service_orders TO wx_coordinator");
  }

  /* Idle, the server stops: the banner within 2 s. */
  idle_for (300);
  wx_test_db_server_stop (NULL);
  stopped = g_get_monotonic_time ();
  wx_test_spin_until (banner_shown, NULL, "the offline banner");
  shown = g_get_monotonic_time ();
  g_test_message ("banner %.0f ms after the server stopped: %s", (shown - stopped) / 1000.0,
                  gtk_label_get_text (GTK_LABEL (find_banner (GTK_WIDGET (window)))));
  g_assert_cmpint (shown - stopped, <, 2 * G_USEC_PER_SEC);
  /* It stays while the server is away. */
  idle_for (1500);
  g_assert_true (banner_shown (NULL));
  wx_test_screenshot (GTK_WIDGET (window), "offline");

  /* Back: the banner and the old load error go by themselves. */
  wx_test_db_server_start ();
  started = g_get_monotonic_time ();
  wx_test_spin_until (banner_hidden, NULL, "the banner to go");
  wx_test_spin_until (notice_is_not, load_error, "the load error to go");
  cleared = g_get_monotonic_time ();
  g_test_message ("banner and load error gone %.0f ms after the server started", (cleared - started) / 1000.0);
  g_assert_cmpstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), ==, "");

  /* The next save: the first click does it, once. */
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
    g_autofree char *expected = NULL;

    number = wx_test_db_value (conn, "SELECT min(number) FROM service_orders WHERE state = 'picked_up'");
    g_assert_nonnull (number);
    order = wx_order_list_find (wx_board_window_get_orders (WX_BOARD_WINDOW (window)), number, NULL);
    g_assert_nonnull (order);
    before = events_of (conn, number, "enter");
    wx_front_desk_window_step (window, order, "enter");
    wx_test_spin_until (notice_has, number, "the step");
    expected = g_strdup_printf (_("%s: %s — saved."), number, wx_workflow_event_label ("enter"));
    g_assert_cmpstr (wx_board_window_get_notice (WX_BOARD_WINDOW (window)), ==, expected);
    g_assert_cmpint (events_of (conn, number, "enter"), ==, before + 1);
  }
  g_assert_true (banner_hidden (NULL));
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *clerk_conninfo = NULL;
  gboolean loaded = FALSE;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();

  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "offline_zh" : "offline", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 20, now, &error);
  g_assert_no_error (error);
  clerk = g_strdup_printf ("offline_clerk_%d", (int) getpid ());
  {
    const char *params[] = { clerk, "断线测试" };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_coordinator'])", 2, params, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&conn, PQfinish);
  clerk_conninfo = wx_db_conninfo_with (conninfo, "user", clerk);

  window = wx_front_desk_window_new (app, clerk_conninfo);
  g_signal_connect (window, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (window));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
  g_signal_handlers_disconnect_by_func (window, wx_test_loaded_cb, &loaded);

  g_test_add_func ("/ui/offline/outage", test_outage);
  return g_test_run ();
}

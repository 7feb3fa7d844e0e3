/* The first window, built from its .ui under Xvfb against a demo database,
 * shows the orders per folder; a PNG screenshot goes to the build dir. */
#include <locale.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/wx-window.h"
#include "wx-test-db.h"

static char *conninfo;
static WxApplication *app;

static void
loaded_cb (WxWindow *window, GError *error, gpointer user_data)
{
  GError **out = user_data;

  *out = error ? g_error_copy (error) : NULL;
  g_object_set_data (G_OBJECT (window), "test-loaded", GINT_TO_POINTER (1));
}

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the window");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
window_loaded (gpointer w)
{
  return g_object_get_data (G_OBJECT (w), "test-loaded") != NULL;
}

static gboolean
frames_drawn (gpointer counter)
{
  return GPOINTER_TO_INT (*(gpointer *) counter) >= 3;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer counter)
{
  *(gpointer *) counter = GINT_TO_POINTER (GPOINTER_TO_INT (*(gpointer *) counter) + 1);
  return G_SOURCE_CONTINUE;
}

/* Renders the window as the screen shows it and writes a PNG. */
static char *
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WX_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_mkdir_with_parents (dir ? dir : ".", 0755);
  path = g_build_filename (dir ? dir : ".", name, NULL);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return g_steal_pointer (&path);
}

static void
check_window (const char *shot_name, const char *expected_title, const char *expected_f1_name)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) expected = NULL;
  GtkWidget *window;
  gpointer frames = GINT_TO_POINTER (0);
  g_autofree char *png = NULL;
  static const WxFolder shown[] = { WX_FOLDER_F1, WX_FOLDER_F2, WX_FOLDER_F3, WX_FOLDER_F4, WX_FOLDER_F5, WX_FOLDER_WITH_ENGINEER };

  window = GTK_WIDGET (wx_window_new (app, conninfo));
  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), &error);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_loaded, window);
  g_assert_no_error (error);

  /* The expected counts, straight from the database's own folder column. */
  expected = PQexec (conn, "SELECT w.folder, count(o.id) FROM workflow_states w"
                           " LEFT JOIN service_orders o ON o.state = w.state GROUP BY w.folder");
  g_assert_cmpint (PQresultStatus (expected), ==, PGRES_TUPLES_OK);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    for (int row = 0; row < PQntuples (expected); row++)
      if (g_str_equal (PQgetvalue (expected, row, 0), wx_folder_to_code (shown[i])))
        {
          GtkLabel *label = wx_window_get_count_label (WX_WINDOW (window), shown[i]);
          g_assert_cmpstr (gtk_label_get_text (label), ==, PQgetvalue (expected, row, 1));
          g_assert_cmpint (g_ascii_strtoll (PQgetvalue (expected, row, 1), NULL, 10), >, 0);
        }
  g_assert_true (strstr (gtk_label_get_text (wx_window_get_status_label (WX_WINDOW (window))), "weixiu") ||
                    strstr (gtk_label_get_text (wx_window_get_status_label (WX_WINDOW (window))), "wxt_"));

  /* The template's own strings are translated too. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected_title);
    {
      /* The folder's name, as the clerk reads it. */
      GtkWidget *grid_card = gtk_widget_get_parent (GTK_WIDGET (wx_window_get_count_label (WX_WINDOW (window), WX_FOLDER_F1)));
      gboolean found = FALSE;
      for (GtkWidget *c = gtk_widget_get_first_child (grid_card); c; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_LABEL (c) && g_str_equal (gtk_label_get_text (GTK_LABEL (c)), expected_f1_name))
          found = TRUE;
      g_assert_true (found);
    }

  gtk_widget_add_tick_callback (window, tick_cb, &frames, NULL);
  spin_until (frames_drawn, &frames);
  png = screenshot (window, shot_name);
  g_test_message ("screenshot: %s", png);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_counts (void)
{
  gboolean chinese = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");

  if (chinese && g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    {
      if (g_getenv ("WX_TEST_REQUIRE_ZH"))
        g_error ("the zh_CN.UTF-8 locale is missing");
      g_test_skip ("no zh_CN.UTF-8 locale");
      return;
    }
  if (chinese)
    check_window ("window-zh_CN.png", "维修", "待检查/待上门");
  else
    check_window ("window.png", "Weixiu", "To inspect / to visit");
}

/* An unreachable server: a sentence in the window, and a retry on its own. */
static void
test_window_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = GTK_WIDGET (wx_window_new (app, "host=/nonexistent-socket-dir dbname=weixiu"));
  const char *status;

  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), &error);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (window_loaded, window);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
  status = gtk_label_get_text (wx_window_get_status_label (WX_WINDOW (window)));
  g_assert_nonnull (strstr (status, error->message));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (wx_window_get_status_label (WX_WINDOW (window))), "error"));
  g_assert_cmpstr (gtk_label_get_text (wx_window_get_count_label (WX_WINDOW (window), WX_FOLDER_F1)), ==, "–");

  /* It tries again by itself. */
  g_object_set_data (G_OBJECT (window), "test-loaded", NULL);
  g_clear_error (&error);
  spin_until (window_loaded, window);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
  gtk_window_destroy (GTK_WINDOW (window));
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
  if (!gtk_init_check ())
    {
      if (g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("no display: ./run tests starts Xvfb, but GTK cannot open it");
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  /* A registered application, as in ./run app: it loads the style sheet. No
   * D-Bus here, so not unique. */
  app = wx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  conninfo = wx_test_db_create ("window", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/counts", test_window_counts);
  g_test_add_func ("/ui/window/unreachable", test_window_unreachable);
  return g_test_run ();
}

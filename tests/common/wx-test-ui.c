#include "wx-test-ui.h"

void
wx_test_spin_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

gboolean
wx_test_flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

void
wx_test_set_flag_cb (gpointer instance, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
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

void
wx_test_screenshot (GtkWidget *widget, const char *name, gboolean chinese)
{
  const char *dir = g_getenv ("WX_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, chinese ? "-zh_CN" : "");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gpointer frames = GINT_TO_POINTER (0);
  guint tick;
  int w, h;

  tick = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);
  wx_test_spin_until (frames_drawn, &frames, "frames");
  gtk_widget_remove_tick_callback (widget, tick);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_mkdir_with_parents (dir ? dir : ".", 0755);
  path = g_build_filename (dir ? dir : ".", file, NULL);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* wx-test-ui.c — window tests' common part. */
#include <locale.h>
#include <stdio.h>

#include "gui/board/wx-board.h"
#include "gui/wx-application.h"
#include "wx-test-ui.h"

gboolean
wx_test_ui_chinese (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
}

gboolean
wx_test_ui_init (void)
{
  if (!gtk_init_check ())
    {
      if (g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("no display: ./run tests starts Xvfb, but GTK cannot open it");
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  if (wx_test_ui_chinese () && g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    {
      if (g_getenv ("WX_TEST_REQUIRE_ZH"))
        g_error ("the zh_CN.UTF-8 locale is missing");
      printf ("1..0 # SKIP no zh_CN.UTF-8 locale\n");
      return FALSE;
    }
  return TRUE;
}

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
wx_test_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WX_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, wx_test_ui_chinese () ? "-zh_CN" : "");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gpointer frames = GINT_TO_POINTER (0);
  guint tick;
  int w, h;

  /* A few frames, so that what loads after the first one is drawn. */
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

void
wx_test_loaded_cb (gpointer window, GError *error, gpointer flag)
{
  g_assert_no_error (error);
  *(gboolean *) flag = TRUE;
}

int
wx_test_board_place_of (gpointer    board,
                        const char *number)
{
  for (guint c = 0; c < wx_board_get_n_columns (board); c++)
    {
      GListModel *model = wx_board_get_column_model (board, c);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(WxOrder) o = g_list_model_get_item (model, i);
          if (g_str_equal (wx_order_get_number (o), number))
            return (int) wx_board_get_column_place (board, c);
        }
    }
  return -1;
}

gpointer
wx_test_ui_app (void)
{
  WxApplication *app = wx_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

GtkWidget *
wx_test_find_widget (GtkWidget *widget,
                     gboolean (*match) (GtkWidget *, gpointer),
                     gpointer   data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wx_test_find_widget (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}

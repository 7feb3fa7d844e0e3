/* wx-test-xdo.c — real keyboard and mouse events through xdotool. */
#include <gdk/x11/gdkx.h>

#include "wx-test-ui.h"
#include "wx-test-xdo.h"

/* The X window of `native` (a window, or a popover's own surface). */
static gulong
xid_of (gpointer native)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (native));

  if (!GDK_IS_X11_SURFACE (surface))
    g_error ("xdotool needs GTK's X11 backend (GDK_BACKEND=x11 under Xvfb)");
  return (gulong) gdk_x11_surface_get_xid (surface);
}

static void
xdo_done_cb (GObject *source, GAsyncResult *result, gpointer flag)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_error ("xdotool failed: %s", error->message);
  *(gboolean *) flag = TRUE;
}

/* Runs xdotool with `argv` (NULL-terminated, without the program), the
 * main loop turning meanwhile. */
static void
xdo_run (const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (args, (gpointer) "xdotool");
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    g_error ("cannot run xdotool (apt-get install xdotool): %s", error->message);
  g_subprocess_wait_check_async (process, NULL, xdo_done_cb, &done);
  wx_test_spin_until (wx_test_flag_set, &done, "xdotool");
}

static gboolean
window_active (gpointer window)
{
  return gtk_window_is_active (window);
}

/* A few turns of the main loop, so that GTK handles what the X server has
 * queued for it before the next events. */
static void
settle (void)
{
  for (int i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
count_frame_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer count)
{
  (*(int *) count)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer count)
{
  return *(int *) count >= 2;
}

/* Two frames drawn: what changed is laid out where the events will land. */
static void
wait_frames (GtkWidget *widget)
{
  int count = 0;
  guint tick = gtk_widget_add_tick_callback (widget, count_frame_cb, &count, NULL);

  wx_test_spin_until (two_frames, &count, "frames");
  gtk_widget_remove_tick_callback (widget, tick);
}

void
wx_test_xdo_focus (GtkWindow *window)
{
  g_autofree char *xid = g_strdup_printf ("%lu", xid_of (window));

  xdo_run ((const char *[]) { "windowraise", xid, NULL });
  xdo_run ((const char *[]) { "windowfocus", "--sync", xid, NULL });
  wx_test_spin_until (window_active, window, "the window to be active");
  settle ();
}

void
wx_test_xdo_key (GtkWindow  *window,
                 const char *keys)
{
  g_autofree char *xid = g_strdup_printf ("%lu", xid_of (window));
  g_auto(GStrv) chords = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  wx_test_xdo_focus (window);
  g_ptr_array_add (argv, (gpointer) "key");
  g_ptr_array_add (argv, (gpointer) "--clearmodifiers");
  for (guint i = 0; chords[i]; i++)
    if (*chords[i])
      g_ptr_array_add (argv, chords[i]);
  g_ptr_array_add (argv, NULL);
  xdo_run ((const char * const *) argv->pdata);
  settle ();
}

void
wx_test_xdo_type (GtkWindow  *window,
                  const char *text,
                  guint       delay_ms)
{
  g_autofree char *delay = g_strdup_printf ("%u", delay_ms);

  wx_test_xdo_focus (window);
  xdo_run ((const char *[]) { "type", "--delay", delay, "--", text, NULL });
  settle ();
}

void
wx_test_xdo_scan (GtkWindow  *window,
                  const char *text)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("key"));
  g_ptr_array_add (argv, g_strdup ("--delay"));
  g_ptr_array_add (argv, g_strdup ("2"));
  for (const char *c = text; *c; c++)
    {
      g_assert_true (g_ascii_isalnum (*c) || *c == '-');
      g_ptr_array_add (argv, *c == '-' ? g_strdup ("minus") : g_strndup (c, 1));
    }
  g_ptr_array_add (argv, g_strdup ("Return"));
  g_ptr_array_add (argv, NULL);
  wx_test_xdo_focus (window);
  xdo_run ((const char * const *) argv->pdata);
  settle ();
}

void
wx_test_xdo_click (GtkWidget *widget,
                   guint      button,
                   double     x,
                   double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *xid = g_strdup_printf ("%lu", xid_of (native));
  g_autofree char *sx = NULL, *sy = NULL, *b = g_strdup_printf ("%u", button);
  graphene_point_t p;
  double tx, ty;

  g_assert_true (gtk_widget_get_mapped (widget));
  wait_frames (widget);
  if (x < 0)
    {
      x = gtk_widget_get_width (widget) / 2.0;
      y = gtk_widget_get_height (widget) / 2.0;
    }
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &tx, &ty);
  /* The click must land on `widget`, not on what covers it. */
  {
    GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (native), p.x, p.y, GTK_PICK_DEFAULT);

    if (picked != widget && !(picked && gtk_widget_is_ancestor (picked, widget)))
      g_error ("a click at %.0f,%.0f would land on a %s, not the %s", p.x, p.y,
               picked ? G_OBJECT_TYPE_NAME (picked) : "nothing", G_OBJECT_TYPE_NAME (widget));
  }
  sx = g_strdup_printf ("%d", (int) (p.x + tx));
  sy = g_strdup_printf ("%d", (int) (p.y + ty));
  wx_test_xdo_focus (window);
  xdo_run ((const char *[]) { "mousemove", "--window", xid, "--sync", sx, sy, NULL });
  settle ();
  xdo_run ((const char *[]) { "click", b, NULL });
  settle ();
}

void
wx_test_xdo_click_into (GtkWidget *widget)
{
  wx_test_xdo_click (widget, 1, -1, -1);
}

void
wx_test_xdo_resize (GtkWindow *window,
                    int        width,
                    int        height)
{
  g_autofree char *xid = g_strdup_printf ("%lu", xid_of (window));
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);

  xdo_run ((const char *[]) { "windowsize", "--sync", xid, w, h, NULL });
  wait_frames (GTK_WIDGET (window));
}

/* Whether a click at the centre of `widget` would land on it. */
static gboolean
pickable (gpointer widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  GtkWidget *picked;

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                       gtk_widget_get_height (widget) / 2.0), &p))
    return FALSE;
  picked = gtk_widget_pick (GTK_WIDGET (native), p.x, p.y, GTK_PICK_DEFAULT);
  return picked == widget || (picked && gtk_widget_is_ancestor (picked, widget));
}

void
wx_test_xdo_scroll_to (GtkWidget *widget)
{
  if (pickable (widget))
    return;
  gtk_widget_grab_focus (widget);
  wx_test_spin_until (pickable, widget, "the widget scrolled into view");
}

/* wx-test-xdo.h — a person at the keyboard and mouse, for window tests:
 * real X events sent with xdotool (Debian's xdotool, XTEST) to a window
 * under Xvfb. They go through the X server, GDK's X11 backend and GTK's
 * event controllers like a clerk's keys and clicks: the focused widget gets
 * the keys, the widget under the pointer the clicks. Each call waits for
 * xdotool to finish (iterating the main loop meanwhile); what the events
 * cause is then awaited with wx_test_spin_until. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives `window` the X input focus (no window manager under Xvfb) and
 * waits until GTK knows it is active. */
void     wx_test_xdo_focus     (GtkWindow   *window);
/* Sends key chords to the focused window: "Escape", "shift+F10",
 * "ctrl+Return", several separated by spaces. */
void     wx_test_xdo_key       (GtkWindow   *window,
                                const char  *keys);
/* Types `text` (ASCII; "\n" is Return) with `delay_ms` between keys:
 * 5 is a barcode scanner, 120 a person. */
void     wx_test_xdo_type      (GtkWindow   *window,
                                const char  *text,
                                guint        delay_ms);
/* A barcode scanner reading `text` (letters, digits, hyphens): its keys
 * 2 ms apart, then Return, as one burst. */
void     wx_test_xdo_scan      (GtkWindow   *window,
                                const char  *text);
/* Resizes the X window of `window` as a window manager would (its
 * decorations' shadow included) and waits for the frames after. */
void     wx_test_xdo_resize    (GtkWindow   *window,
                                int          width,
                                int          height);
/* Clicks `button` (1 left, 3 right) at (x, y) of `widget` (-1, -1: its
 * centre); the pointer moves there first. */
void     wx_test_xdo_click     (GtkWidget   *widget,
                                guint        button,
                                double       x,
                                double       y);
/* Brings `widget` into view as the keyboard does (the focus scrolls its
 * scrolled window to it) and waits until a click would land on it. */
void     wx_test_xdo_scroll_to (GtkWidget  *widget);
/* Moves the keyboard focus into `widget` with a left click. */
void     wx_test_xdo_click_into (GtkWidget  *widget);

G_END_DECLS

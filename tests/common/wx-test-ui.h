/* wx-test-ui.h — for the GTK tests: wait on the main context for a
 * condition, and write a PNG of a widget as the screen shows it into
 * $WX_SCREENSHOT_DIR (name-zh_CN.png in the shop's language). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the main context until `done (data)`; fails after a minute. */
void     wx_test_spin_until   (gboolean  (*done) (gpointer),
                               gpointer    data,
                               const char *what);
gboolean wx_test_flag_set     (gpointer    flag);
/* A signal handler that sets the gboolean `user_data` points to. */
void     wx_test_set_flag_cb  (gpointer    instance,
                               gpointer    user_data);
void     wx_test_screenshot   (GtkWidget  *widget,
                               const char *name,
                               gboolean    chinese);

G_END_DECLS

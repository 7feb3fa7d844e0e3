/* wx-test-ui.h — what the UI tests share: running the main context until
 * something is done, and a PNG of a window as the screen shows it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the main context until `done (data)`; fails after a minute. */
void     wx_test_spin_until  (gboolean   (*done) (gpointer),
                              gpointer     data,
                              const char  *what);
/* Whether the test runs in the shop's language (LANGUAGE=zh…). */
gboolean wx_test_chinese     (void);
/* Writes $WX_SCREENSHOT_DIR/NAME[-zh_CN].png of `widget` after a few frames. */
void     wx_test_screenshot  (GtkWidget   *widget,
                              const char  *name);

G_END_DECLS

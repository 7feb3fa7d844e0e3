/* wx-test-ui.h — what the window tests share: waiting on the main context
 * for something to happen, and PNG screenshots of a window as the screen
 * shows it (into $WX_SCREENSHOT_DIR, "-zh_CN" added in the shop's language). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the main context until `done (data)`; fails after a minute. */
void      wx_test_spin_until   (gboolean   (*done) (gpointer),
                                gpointer     data,
                                const char  *what);
/* For wx_test_spin_until on a gboolean, and a signal handler setting it. */
gboolean  wx_test_flag_set     (gpointer     flag);
void      wx_test_set_flag_cb  (gpointer     instance,
                                gpointer     flag);
/* A window's "loaded" (GError *error): no error, and the flag set. */
void      wx_test_loaded_cb    (gpointer     window,
                                GError      *error,
                                gpointer     flag);
/* Whether the test runs in Chinese (LANGUAGE zh…). */
gboolean  wx_test_chinese      (void);
void      wx_test_screenshot   (GtkWidget   *widget,
                                const char  *name);

/* The place (folder or shelf) of the column `board` shows order `number`
 * in, or -1. */
int       wx_test_board_place_of (gpointer     board,
                                  const char  *number);

G_END_DECLS

/* wx-test-ui.h — what every window test under Xvfb needs: GTK up (or a
 * skip when there is no display or no zh_CN locale), waiting on the main
 * loop for a condition, and PNG screenshots into the build directory. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_init and the language check; FALSE when the test must skip (a TAP
 * skip line has been printed; under ./run tests it is an error instead). */
gboolean wx_test_ui_init       (void);
/* A registered application of the test's own (not unique), for windows. */
gpointer wx_test_ui_app        (void);
/* TRUE when the test runs in Chinese (LANGUAGE=zh…). */
gboolean wx_test_ui_chinese    (void);

/* Iterates the main context until `done (data)`; a minute at most. */
void     wx_test_spin_until    (gboolean   (*done) (gpointer),
                                gpointer     data,
                                const char  *what);
/* For wx_test_spin_until: the gboolean at `flag` is TRUE. */
gboolean wx_test_flag_set      (gpointer     flag);
/* A signal handler setting the gboolean at `user_data`. */
void     wx_test_set_flag_cb   (gpointer     instance,
                                gpointer     user_data);

/* A window's "loaded" (GError *error): no error, and the flag set. */
void     wx_test_loaded_cb     (gpointer     window,
                                GError      *error,
                                gpointer     flag);
/* The place (folder or shelf) of the column `board` shows order `number`
 * in, or -1. */
int      wx_test_board_place_of (gpointer    board,
                                 const char *number);

/* The first widget at or under `widget`, depth first, for which
 * `match (widget, data)` is TRUE, or NULL. */
GtkWidget *wx_test_find_widget (GtkWidget  *widget,
                                gboolean   (*match) (GtkWidget *, gpointer),
                                gpointer     data);

/* Renders `widget` as the screen shows it into
 * $WX_SCREENSHOT_DIR/NAME[-zh_CN].png. */
void     wx_test_screenshot    (GtkWidget   *widget,
                                const char  *name);

G_END_DECLS

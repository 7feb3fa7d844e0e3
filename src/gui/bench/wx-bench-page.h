/* wx-bench-page.h — the base of the bench window's pages that load from
 * the database (My work, the work log): the login's session, a load that
 * runs once at a time (asked again meanwhile, it runs again when the one
 * under way ends), and the signals the window listens to.
 * Signals: "loaded" (the page's load ended and nothing more was asked: the
 * page is current), "notice" (a sentence for the window's notice bar, and
 * whether it is an error), "open-order" (the order number the user chose). */
#pragma once

#include <gtk/gtk.h>

#include "gui/wx-board-session.h"

G_BEGIN_DECLS

#define WX_TYPE_BENCH_PAGE (wx_bench_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxBenchPage, wx_bench_page, WX, BENCH_PAGE, GtkWidget)

struct _WxBenchPageClass
{
  GtkWidgetClass parent_class;

  /* Starts the page's load on the session's worker; its callback ends with
   * wx_bench_page_load_done and wx_bench_page_load_next. */
  void (*load) (WxBenchPage *self);

  gpointer padding[8];
};

void            wx_bench_page_set_session  (WxBenchPage    *self,
                                            WxBoardSession *session);
WxBoardSession *wx_bench_page_get_session  (WxBenchPage    *self);
/* The session's login, NULL before it has loaded. */
const char     *wx_bench_page_get_login    (WxBenchPage    *self);
/* Loads, or once more after the load under way; nothing before the
 * session knows its login. */
void            wx_bench_page_reload       (WxBenchPage    *self);

/* For subclasses, with the `error` of the load's typed _finish (NULL when
 * it loaded): FALSE when it was cancelled (the window is going); else the
 * load is over, and a failure has a notice saying `what` could not be
 * loaded. */
gboolean        wx_bench_page_load_done    (WxBenchPage    *self,
                                            const GError   *error,
                                            const char     *what);
/* Again if asked meanwhile, else "loaded". */
void            wx_bench_page_load_next    (WxBenchPage    *self);
void            wx_bench_page_notice       (WxBenchPage    *self,
                                            const char     *text,
                                            gboolean        is_error);
void            wx_bench_page_open_order   (WxBenchPage    *self,
                                            const char     *number);

/* A row of a list, with room around it. */
GtkWidget      *wx_bench_page_padded_row   (GtkWidget      *box);
void            wx_bench_page_clear_list   (GtkListBox     *list);

G_END_DECLS

/* wx-page.h — the base of the supervisor window's pages: the database
 * worker, a load started on it (`load`, a typed wx_db_…_async call, and
 * `load_finish`) whose result the page shows (`loaded`), the loading state (a spinner), the "loaded" and "open-order"
 * signals, and "refresh when shown": a page reloads when it is mapped if it
 * was never loaded or was marked stale since.
 * Writes (wx_page_save) end in "saved".
 * Signals: "loaded" (GError * or NULL), "open-order" (the order number),
 * "saved" (what was saved, GError * or NULL: a write ended, or was refused
 * before it started, the page saying why). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_PAGE (wx_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxPage, wx_page, WX, PAGE, GtkWidget)

struct _WxPageClass
{
  GtkWidgetClass parent_class;

  /* Starts the load of what the page shows: a wx_db_…_async call on
   * `worker` with `cancellable`, `callback` and `user_data` as given. */
  void         (*load)        (WxPage              *self,
                               WxDbWorker          *worker,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  /* Its result: the matching wx_db_…_finish call. */
  gpointer     (*load_finish) (WxPage              *self,
                               GAsyncResult        *result,
                               GError             **error);
  /* Frees the result when there is no `loaded`. */
  GDestroyNotify result_free;
  /* Back on the main thread: `result` (owned by the page now; NULL with
   * `error` when the load failed) into the widgets. "loaded" follows. */
  void         (*loaded) (WxPage       *self,
                          gpointer      result,
                          const GError *error);

  gpointer       padding[8];
};

void          wx_page_set_worker      (WxPage     *self,
                                       WxDbWorker *worker);
WxDbWorker   *wx_page_get_worker      (WxPage     *self);
/* Starts the load again (the one running is cancelled); nothing without a worker. */
void          wx_page_reload          (WxPage     *self);
/* Reloads now if shown, else when next shown. */
void          wx_page_mark_stale      (WxPage     *self);
gboolean      wx_page_get_loading     (WxPage     *self);

/* For subclasses: the spinner turned while loading; a cancellable
 * cancelled when the page goes (for the page's own jobs); emits "open-order". */
void          wx_page_set_spinner     (WxPage     *self,
                                       GtkSpinner *spinner);
GCancellable *wx_page_get_cancellable (WxPage     *self);
void          wx_page_open_order      (WxPage     *self,
                                       const char *number);
/* A write the page ran (a wx_db_…_async call with wx_page_get_cancellable)
 * ended: "saved" (`what`, `error`). Call it after showing the outcome. */
void          wx_page_saved           (WxPage         *self,
                                       const char     *what,
                                       const GError   *error);
/* A write refused before it started (the page said why): "saved" (`what`, NULL). */
void          wx_page_refused         (WxPage         *self,
                                       const char     *what);

/* In a page's .c, when what it shows is one typed pair on the worker alone
 * (PREFIX_async (worker, cancellable, callback, user_data) and
 * PREFIX_finish (worker, result, error)): defines the static `page_load`
 * and `page_load_finish` that its class sets as `load` and `load_finish`. */
#define WX_PAGE_DEFINE_LOAD(prefix)                                            \
  static void                                                                  \
  page_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,      \
             GAsyncReadyCallback callback, gpointer user_data)                 \
  {                                                                            \
    prefix##_async (worker, cancellable, callback, user_data);                 \
  }                                                                            \
  static gpointer                                                              \
  page_load_finish (WxPage *page, GAsyncResult *result, GError **error)        \
  {                                                                            \
    return prefix##_finish (wx_page_get_worker (page), result, error);         \
  }

G_END_DECLS

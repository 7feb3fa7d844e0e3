/* wx-records-window.h — the records window (资料): customers, machines,
 * suppliers, parts and stock, one WxRecordsPage each, opened from every
 * desk's menu (app.records) with a worker of its own. */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-worker.h"
#include "supervisor/wx-records-page.h"

G_BEGIN_DECLS

#define WX_TYPE_RECORDS_WINDOW (wx_records_window_get_type ())
G_DECLARE_FINAL_TYPE (WxRecordsWindow, wx_records_window, WX, RECORDS_WINDOW, GtkWindow)

/* The window on `worker` (kept), showing the page named `page`
 * ("customers", "machines", "suppliers", "parts"; NULL: the first). */
WxRecordsWindow *wx_records_window_new      (GtkApplication *app,
                                             WxDbWorker     *worker,
                                             const char     *page);
WxRecordsPage   *wx_records_window_get_page (WxRecordsWindow *self,
                                             WxDbRecordKind   kind);

G_END_DECLS

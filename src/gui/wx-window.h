/* wx-window.h — the first window: orders per folder, from the database. */
#pragma once

#include <adwaita.h>

#include "core/wx-types.h"
#include "wx-application.h"

G_BEGIN_DECLS

#define WX_TYPE_WINDOW (wx_window_get_type ())
G_DECLARE_FINAL_TYPE (WxWindow, wx_window, WX, WINDOW, AdwApplicationWindow)

WxWindow *wx_window_new             (WxApplication *app,
                                     const char    *conninfo);
GtkLabel *wx_window_get_count_label (WxWindow      *self,
                                     WxFolder       folder);
GtkLabel *wx_window_get_status_label (WxWindow     *self);

G_END_DECLS

/* wx-application.h — the GtkApplication: options, resources, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WX_TYPE_APPLICATION (wx_application_get_type ())
G_DECLARE_FINAL_TYPE (WxApplication, wx_application, WX, APPLICATION, AdwApplication)

WxApplication *wx_application_new (void);

G_END_DECLS

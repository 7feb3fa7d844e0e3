/* wx-application.h — the GtkApplication: options, resources, windows. */
#pragma once

#include <adwaita.h>

#include "core/wx-types.h"

G_BEGIN_DECLS

#define WX_TYPE_APPLICATION (wx_application_get_type ())
G_DECLARE_FINAL_TYPE (WxApplication, wx_application, WX, APPLICATION, AdwApplication)

WxApplication *wx_application_new (void);

/* Opens the window of `desk` (coordinator: the front desk, engineer: the
 * bench, supervisor: the supervisor's desk) for the session of `conninfo`,
 * whose user has `desks`; they can switch among those later. */
GtkWindow     *wx_application_open_desk (WxApplication *self,
                                         const char    *conninfo,
                                         const char    *full_name,
                                         WxRole         desks,
                                         WxRole         desk);

G_END_DECLS

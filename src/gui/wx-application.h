/* wx-application.h — the GtkApplication: options, resources, windows. */
#pragma once

#include <adwaita.h>

#include "core/wx-types.h"
#include "wx-shop-context.h"

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

/* The shop as the login of `conninfo` sees it (a new reference), shared by
 * every window of that login: made when none of its windows is open. */
WxShopContext *wx_application_get_context (WxApplication *self,
                                           const char    *conninfo);

G_END_DECLS

/* wx-staff-page.h — the shop's staff (admin only): everyone's login, name,
 * roles and whether they may log in; add a person (their own database
 * login in the chosen roles, with an initial password), reset a password,
 * disable a login (the name stays on what they did) and enable it again.
 * Actions: staff.add, staff.edit-password "s" (opens the password bar for
 * that login), staff.reset-password (sets the bar's password),
 * staff.disable "s", staff.enable "s". Passwords are hashed before they
 * leave the PC (wx-db-staff.h). */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-types.h"
#include "db/wx-db-worker.h"
#include "gui/wx-page.h"

G_BEGIN_DECLS

#define WX_TYPE_STAFF_PAGE (wx_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (WxStaffPage, wx_staff_page, WX, STAFF_PAGE, WxPage)

GtkWidget  *wx_staff_page_new         (void);
void        wx_staff_page_set_worker  (WxStaffPage *self,
                                       WxDbWorker  *worker);
/* The staff again ("loaded" follows). */
void        wx_staff_page_reload      (WxStaffPage *self);
/* As loaded: WxDbStaffMember. */
GPtrArray  *wx_staff_page_get_staff   (WxStaffPage *self);

/* The form's fields: "login", "full_name", "password" (the new person's),
 * "new_password" (the password bar's). */
void        wx_staff_page_set_field   (WxStaffPage *self,
                                       const char  *id,
                                       const char  *text);
void        wx_staff_page_set_roles   (WxStaffPage *self,
                                       WxRole       roles);
/* The roles bar's checks (staff.edit-roles opens it for a person). */
void        wx_staff_page_set_edit_roles (WxStaffPage *self,
                                          WxRole       roles);
/* What the page says: about the new person ("add"), in the password bar
 * ("password"), about the list ("list"); "" when nothing. */
const char *wx_staff_page_get_message (WxStaffPage *self,
                                       const char  *id);

G_END_DECLS

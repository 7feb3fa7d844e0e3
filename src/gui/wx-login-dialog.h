/* wx-login-dialog.h — the first window: the server (this computer's private
 * database or the shop's server), user name and password, "remember" in
 * the desktop keyring (libsecret); then the desk the user's roles decide,
 * or a choice when the user has several. Also checks a kiosk's --db
 * connection without showing itself unless something needs the user. */
#pragma once

#include <adwaita.h>

#include "wx-application.h"

G_BEGIN_DECLS

#define WX_TYPE_LOGIN_DIALOG (wx_login_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxLoginDialog, wx_login_dialog, WX, LOGIN_DIALOG, AdwApplicationWindow)

WxLoginDialog *wx_login_dialog_new        (WxApplication *app);

/* Fill a field as the user would: "server" (a host name or connection
 * string; NULL or "" = this computer's private database), "user",
 * "password". */
void           wx_login_dialog_set_value  (WxLoginDialog *self,
                                           const char    *field,
                                           const char    *value);
void           wx_login_dialog_set_remember (WxLoginDialog *self,
                                           gboolean       remember);

/* Logs in with what is filled (the login.login action); `role` (NULL =
 * none) is the desk asked for on the command line. */
void           wx_login_dialog_login      (WxLoginDialog *self,
                                           const char    *role);

/* Connects as `conninfo` says (a kiosk's --db, "" = libpq's environment)
 * and opens the user's desk; the dialog shows itself only to report a
 * problem or to let the user choose a desk. */
void           wx_login_dialog_connect    (WxLoginDialog *self,
                                           const char    *conninfo,
                                           const char    *role);

/* The choice among the desks of a session that holds several. */
void           wx_login_dialog_choose     (WxLoginDialog *self,
                                           const char    *conninfo,
                                           const char    *full_name,
                                           WxRole         desks);

/* Imports the shop's CA certificate from `path` (what "Import…" does with
 * the file chosen), or says why not. */
gboolean       wx_login_dialog_import_ca  (WxLoginDialog *self,
                                           const char    *path,
                                           GError       **error);
/* What the dialog says went wrong ("" when nothing). */
const char    *wx_login_dialog_get_message (WxLoginDialog *self);
/* TRUE while a login is under way. */
gboolean       wx_login_dialog_get_busy   (WxLoginDialog *self);
/* Whether the dialog offers to update the database: a login refused
 * because the database's schema is older, for an administrator. */
gboolean       wx_login_dialog_get_can_update (WxLoginDialog *self);
/* Takes the offer (the login.update action): migrates, then logs in. */
void           wx_login_dialog_update     (WxLoginDialog *self);

G_END_DECLS

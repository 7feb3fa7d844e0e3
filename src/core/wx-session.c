/* wx-session.c — choosing the user's desk. */
#define G_LOG_DOMAIN "wx-session"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-session.h"
#include "wx-workflow.h"

#define WX_DESK_ROLES (WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER | WX_ROLE_SUPERVISOR)

WxRole
wx_session_desks (WxRole roles)
{
  return roles & WX_DESK_ROLES;
}

WxRole
wx_session_desk_for (const char  *login,
                     WxRole       roles,
                     const char  *requested,
                     GError     **error)
{
  WxRole desks = wx_session_desks (roles);
  WxRole role = WX_ROLE_NONE;

  if (desks == WX_ROLE_NONE)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_DENIED,
                   _("“%s” is not a coordinator, engineer or supervisor of the shop; ask the administrator to add the user to a role (weixiu-admin user)."),
                   login);
      return WX_ROLE_NONE;
    }
  if (requested && *requested)
    {
      if (!wx_role_from_name (requested, &role) || (role & WX_DESK_ROLES) == 0)
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("There is no “%s” window; choose coordinator, engineer or supervisor."), requested);
          return WX_ROLE_NONE;
        }
      if ((desks & role) == 0)
        {
          g_autofree char *held = wx_roles_describe (desks);
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_DENIED,
                       _("“%s” does not have the role “%s”; the user works as %s."), login, wx_role_label (role), held);
          return WX_ROLE_NONE;
        }
      return role;
    }
  /* One bit set: that desk; several: the user chooses. */
  return (desks & (desks - 1)) == 0 ? desks : WX_ROLE_NONE;
}

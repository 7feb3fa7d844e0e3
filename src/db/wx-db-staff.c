#define G_LOG_DOMAIN "wx-db-staff"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-staff.h"

/* In the order of the columns of WX_DB_SQL_USER_ROLES. */
static const WxRole all_roles[] = { WX_ROLE_COORDINATOR, WX_ROLE_ENGINEER, WX_ROLE_SUPERVISOR, WX_ROLE_ADMIN };

/* "{wx_coordinator,wx_engineer}" for a set of roles. */
static char *
groups_array (WxRole roles)
{
  GString *groups = g_string_new ("{");

  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    if (roles & all_roles[i])
      {
        if (groups->len > 1)
          g_string_append_c (groups, ',');
        g_string_append (groups, wx_role_to_group (all_roles[i]));
      }
  g_string_append_c (groups, '}');
  return g_string_free (groups, FALSE);
}

gboolean
wx_db_staff_add (PGconn      *conn,
                 const char  *user,
                 const char  *full_name,
                 WxRole       roles,
                 const char  *password,
                 GError     **error)
{
  g_autofree char *groups = groups_array (roles);
  const char *params[4] = { user, full_name && *full_name ? full_name : user, groups, password };

  if (!wx_db_execute (conn, "SELECT wx_staff_add($1, $2, $3::text[], $4)", 4, params, error))
    {
      if (error && *error && g_error_matches (*error, WX_DB_ERROR, WX_DB_ERROR_INVALID))
        {
          g_clear_error (error);
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                       _("Cannot add “%s”: the name is taken or not valid (lower-case letters, digits and _, starting with a letter)."),
                       user);
        }
      return FALSE;
    }
  return TRUE;
}

/* As the owner: a login role in (at least) these groups, with a staff row. */
gboolean
wx_db_staff_ensure (PGconn      *conn,
                    const char  *user,
                    const char  *full_name,
                    WxRole       roles,
                    GError     **error)
{
  g_autofree char *groups = groups_array (roles);
  const char *params[3] = { user, full_name, groups };

  return wx_db_execute (conn, "SELECT wx_staff_ensure($1, $2, $3::text[])", 3, params, error);
}

PGresult *
wx_db_staff_list (PGconn  *conn,
                  GError **error)
{
  return wx_db_query (conn,
                      "SELECT role_name, full_name, array_to_string(groups, ','), active"
                      "  FROM staff_roles ORDER BY role_name", 0, NULL, error);
}

WxRole
wx_db_user_roles_from_row (const PGresult *res,
                           int             row,
                           int             first_column)
{
  WxRole roles = WX_ROLE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    if (g_str_equal (PQgetvalue (res, row, first_column + (int) i), "t"))
      roles |= all_roles[i];
  return roles;
}

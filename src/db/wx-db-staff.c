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

/* The SCRAM-SHA-256 verifier of `password` for `user`, made here: the
 * password itself never leaves the client. */
static char *
hash_password (PGconn      *conn,
               const char  *user,
               const char  *password,
               GError     **error)
{
  char *hashed = PQencryptPasswordConn (conn, password, user, "scram-sha-256");
  char *copy;

  if (hashed == NULL)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("The password could not be prepared for the server: %s"), PQerrorMessage (conn));
      return NULL;
    }
  copy = g_strdup (hashed);
  PQfreemem (hashed);
  return copy;
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
  g_autofree char *hashed = NULL;
  const char *params[4] = { user, full_name && *full_name ? full_name : user, groups, NULL };

  if (password && (params[3] = hashed = hash_password (conn, user, password, error)) == NULL)
    return FALSE;
  return wx_db_execute (conn, "SELECT wx_staff_create($1, $2, $3::text[], $4)", 4, params, error);
}

void
wx_db_staff_member_free (WxDbStaffMember *member)
{
  if (member == NULL)
    return;
  g_free (member->login);
  g_free (member->full_name);
  g_free (member);
}

GPtrArray *
wx_db_staff_load (PGconn  *conn,
                  GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT role_name, full_name, active,"
      "       'wx_coordinator' = ANY (groups), 'wx_engineer' = ANY (groups),"
      "       'wx_supervisor' = ANY (groups), 'wx_admin' = ANY (groups)"
      "  FROM staff_roles ORDER BY role_name", 0, NULL, error);
  GPtrArray *staff;

  if (res == NULL)
    return NULL;
  staff = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_db_staff_member_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxDbStaffMember *m = g_new0 (WxDbStaffMember, 1);

      m->login = wx_db_dup_text (res, i, 0);
      m->full_name = wx_db_dup_text (res, i, 1);
      m->active = wx_db_get_bool (res, i, 2);
      m->roles = wx_db_user_roles_from_row (res, i, 3);
      g_ptr_array_add (staff, m);
    }
  return staff;
}

gboolean
wx_db_staff_set_password (PGconn      *conn,
                          const char  *user,
                          const char  *password,
                          GError     **error)
{
  g_autofree char *hashed = hash_password (conn, user, password, error);
  const char *params[2] = { user, hashed };

  return hashed && wx_db_execute (conn, "SELECT wx_staff_set_password($1, $2)", 2, params, error);
}

gboolean
wx_db_staff_set_active (PGconn      *conn,
                        const char  *user,
                        gboolean     active,
                        GError     **error)
{
  const char *params[2] = { user, active ? "true" : "false" };

  return wx_db_execute (conn, "SELECT wx_staff_set_active($1, $2::boolean)", 2, params, error);
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

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

gboolean
wx_db_staff_set_roles (PGconn      *conn,
                       const char  *user,
                       WxRole       roles,
                       GError     **error)
{
  g_autofree char *groups = groups_array (roles);
  const char *params[2] = { user, groups };

  return wx_db_execute (conn, "SELECT wx_staff_set_groups($1, $2::text[])", 2, params, error);
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

/* ------------------------------------------------------------ on the worker */

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_staff_load (conn, error);
  return *result != NULL;
}

void
wx_db_staff_load_async (WxDbWorker *worker, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, load_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_staff_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef enum { CHANGE_ADD, CHANGE_PASSWORD, CHANGE_ACTIVE, CHANGE_ROLES } ChangeKind;

typedef struct {
  ChangeKind  kind;
  char       *login;
  char       *full_name;
  char       *password;
  WxRole      roles;
  gboolean    active;
} Change;

static void
change_free (Change *c)
{
  g_free (c->login);
  g_free (c->full_name);
  if (c->password)
    memset (c->password, 0, strlen (c->password));
  g_free (c->password);
  g_free (c);
}

static gboolean
change_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Change *c = data;

  switch (c->kind)
    {
    case CHANGE_ADD:
      return wx_db_staff_add (conn, c->login, c->full_name, c->roles, c->password, error);
    case CHANGE_PASSWORD:
      return wx_db_staff_set_password (conn, c->login, c->password, error);
    case CHANGE_ROLES:
      return wx_db_staff_set_roles (conn, c->login, c->roles, error);
    case CHANGE_ACTIVE:
    default:
      return wx_db_staff_set_active (conn, c->login, c->active, error);
    }
}

static void
change_async (WxDbWorker *worker, Change *c, GCancellable *cancellable,
              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, change_job, c, (GDestroyNotify) change_free, NULL,
                          cancellable, callback, user_data);
}

void
wx_db_staff_add_async (WxDbWorker *worker, const char *user, const char *full_name, WxRole roles,
                       const char *password, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  Change *c = g_new0 (Change, 1);

  c->kind = CHANGE_ADD;
  c->login = g_strdup (user);
  c->full_name = g_strdup (full_name);
  c->roles = roles;
  c->password = g_strdup (password);
  change_async (worker, c, cancellable, callback, user_data);
}

void
wx_db_staff_set_password_async (WxDbWorker *worker, const char *user, const char *password,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  Change *c = g_new0 (Change, 1);

  c->kind = CHANGE_PASSWORD;
  c->login = g_strdup (user);
  c->password = g_strdup (password);
  change_async (worker, c, cancellable, callback, user_data);
}

void
wx_db_staff_set_roles_async (WxDbWorker *worker, const char *user, WxRole roles,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  Change *c = g_new0 (Change, 1);

  c->kind = CHANGE_ROLES;
  c->login = g_strdup (user);
  c->roles = roles;
  change_async (worker, c, cancellable, callback, user_data);
}

void
wx_db_staff_set_active_async (WxDbWorker *worker, const char *user, gboolean active,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  Change *c = g_new0 (Change, 1);

  c->kind = CHANGE_ACTIVE;
  c->login = g_strdup (user);
  c->active = active;
  change_async (worker, c, cancellable, callback, user_data);
}

/* wx-db-session.c — logging in. */
#define G_LOG_DOMAIN "wx-db-session"

#include <string.h>

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-lookup.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"
#include "wx-db-session.h"

void
wx_db_session_free (WxDbSession *session)
{
  if (session == NULL)
    return;
  g_free (session->conninfo);
  g_free (session->login);
  g_free (session->full_name);
  g_free (session);
}

/* Sets `key` in the connection string; FALSE when the string is not one
 * libpq reads. */
static gboolean
set_param (char       **conninfo,
           const char  *key,
           const char  *value,
           GError     **error)
{
  char *with = wx_db_conninfo_with (*conninfo, key, value);

  if (with == NULL)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                           _("The server is not written right; give its name or address, or a connection string like “host=server dbname=weixiu”."));
      return FALSE;
    }
  g_free (*conninfo);
  *conninfo = with;
  return TRUE;
}

char *
wx_db_session_conninfo (const char  *server,
                        const char  *user,
                        const char  *password,
                        GError     **error)
{
  g_autofree char *base = server ? g_strdup (server) : wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, error);
  g_autofree char *conninfo = NULL;

  if (base == NULL)
    return NULL;
  /* A bare host name or address: the shop's database on that host. */
  g_strstrip (base);
  if (*base && strchr (base, '=') == NULL && !g_str_has_prefix (base, "postgres"))
    conninfo = g_strdup_printf ("host=%s dbname=weixiu", base);
  else
    conninfo = g_steal_pointer (&base);
  if ((user && *user && !set_param (&conninfo, "user", user, error))
      || (password && *password && !set_param (&conninfo, "password", password, error))
      || !set_param (&conninfo, "connect_timeout", "10", error))
    return NULL;
  return g_steal_pointer (&conninfo);
}

/* Whether the login may migrate: a member of wx_admin (a database without
 * the groups yet has no such member but a superuser). */
static gboolean
may_migrate (PGconn  *conn,
             GError **error)
{
  g_autofree char *admin = wx_db_query_value (conn,
    "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
    " OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wx_admin' AND pg_has_role(current_user, oid, 'MEMBER'))",
    0, NULL, error);

  return g_strcmp0 (admin, "t") == 0;
}

/* The schema against what this program knows: newer is refused; older is
 * refused too, but an administrator may migrate it (`migrate`: do it now). */
static gboolean
check_schema (PGconn    *conn,
              gboolean   migrate,
              GError   **error)
{
  int version = wx_db_schema_version (conn, error);
  int latest = wx_db_migrations_latest ();
  g_autoptr(GError) failed = NULL;

  if (version < 0)
    return FALSE;
  if (version > latest)
    {
      wx_db_schema_newer_error (version, error);
      return FALSE;
    }
  if (version == latest)
    return TRUE;
  if (!may_migrate (conn, error))
    {
      if (error && *error)
        return FALSE;
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_OLDER,
                           _("This database needs an update by the administrator (weixiu-admin migrate)."));
      return FALSE;
    }
  if (!migrate)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_MIGRATE,
                   _("This database has schema %d; this Weixiu needs schema %d. Update the database now? Make a backup first (weixiu-admin backup)."),
                   version, latest);
      return FALSE;
    }
  if (wx_db_migrate (conn, NULL, &failed))
    return TRUE;
  /* An administrator who does not own the tables (the shop's server). */
  if (g_error_matches (failed, WX_DB_ERROR, WX_DB_ERROR_DENIED))
    g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_DENIED,
                         _("Your login may not change the database's tables; run “weixiu-admin migrate” as the database owner."));
  else
    g_propagate_error (error, g_steal_pointer (&failed));
  return FALSE;
}

static WxDbSession *
session_open (const char  *server,
              const char  *user,
              const char  *password,
              gboolean     migrate,
              GError     **error)
{
  g_autoptr(WxDbSession) session = g_new0 (WxDbSession, 1);
  g_autoptr(PGconn) conn = NULL;

  session->conninfo = wx_db_session_conninfo (server, user, password, error);
  if (session->conninfo == NULL)
    return NULL;
  conn = wx_db_connect (session->conninfo, error);
  if (conn == NULL
      || !check_schema (conn, migrate, error)
      || !wx_db_session_identity (conn, &session->login, &session->full_name, &session->roles, error))
    return NULL;
  return g_steal_pointer (&session);
}

WxDbSession *
wx_db_session_open (const char  *server,
                    const char  *user,
                    const char  *password,
                    GError     **error)
{
  return session_open (server, user, password, FALSE, error);
}

WxDbSession *
wx_db_session_migrate (const char  *server,
                       const char  *user,
                       const char  *password,
                       GError     **error)
{
  return session_open (server, user, password, TRUE, error);
}

typedef struct {
  char     *server;     /* NULL: the private local server */
  char     *user;
  char     *password;
  gboolean  migrate;
} OpenArgs;

static void
open_args_free (OpenArgs *args)
{
  g_free (args->server);
  g_free (args->user);
  if (args->password)
    memset (args->password, 0, strlen (args->password));
  g_free (args->password);
  g_free (args);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenArgs *args = task_data;
  GError *error = NULL;
  WxDbSession *session = session_open (args->server, args->user, args->password, args->migrate, &error);

  if (session)
    g_task_return_pointer (task, session, (GDestroyNotify) wx_db_session_free);
  else
    g_task_return_error (task, error);
}

static void
open_async (gpointer             source,
            const char          *server,
            const char          *user,
            const char          *password,
            gboolean             migrate,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  OpenArgs *args = g_new0 (OpenArgs, 1);

  args->server = g_strdup (server);
  args->user = g_strdup (user);
  args->password = g_strdup (password);
  args->migrate = migrate;
  g_task_set_task_data (task, args, (GDestroyNotify) open_args_free);
  g_task_run_in_thread (task, open_thread);
}

void
wx_db_session_open_async (gpointer             source,
                          const char          *server,
                          const char          *user,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  open_async (source, server, user, password, FALSE, cancellable, callback, user_data);
}

void
wx_db_session_migrate_async (gpointer             source,
                             const char          *server,
                             const char          *user,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  open_async (source, server, user, password, TRUE, cancellable, callback, user_data);
}

WxDbSession *
wx_db_session_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

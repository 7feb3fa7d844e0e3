/* wx-db-session.c — logging in. */
#include <string.h>

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-lookup.h"
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

/* Sets `key` in the session's connection string; FALSE when the string is
 * not one libpq reads. */
static gboolean
set_param (WxDbSession *session,
           const char  *key,
           const char  *value,
           GError     **error)
{
  char *with = wx_db_conninfo_with (session->conninfo, key, value);

  if (with == NULL)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                           _("The server is not written right; give its name or address, or a connection string like “host=server dbname=weixiu”."));
      return FALSE;
    }
  g_free (session->conninfo);
  session->conninfo = with;
  return TRUE;
}

WxDbSession *
wx_db_session_open (const char  *server,
                    const char  *user,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(WxDbSession) session = g_new0 (WxDbSession, 1);
  g_autofree char *base = server ? g_strdup (server) : wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, error);
  g_autoptr(PGconn) conn = NULL;

  if (base == NULL)
    return NULL;
  /* A bare host name or address: the shop's database on that host. */
  g_strstrip (base);
  if (*base && strchr (base, '=') == NULL && !g_str_has_prefix (base, "postgres"))
    session->conninfo = g_strdup_printf ("host=%s dbname=weixiu", base);
  else
    session->conninfo = g_steal_pointer (&base);
  if ((user && *user && !set_param (session, "user", user, error))
      || (password && *password && !set_param (session, "password", password, error))
      || !set_param (session, "connect_timeout", "10", error))
    return NULL;
  conn = wx_db_connect (session->conninfo, error);
  if (conn == NULL
      || !wx_db_session_identity (conn, &session->login, &session->full_name, &session->roles, error))
    return NULL;
  return g_steal_pointer (&session);
}

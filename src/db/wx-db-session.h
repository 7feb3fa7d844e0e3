/* wx-db-session.h — logging in: a connection string for a user of the
 * private local server or of the shop's server, tried once, and who the
 * user turns out to be. Blocking: call from a worker thread. */
#pragma once

#include <glib.h>

#include "core/wx-types.h"

G_BEGIN_DECLS

typedef struct {
  char    *conninfo;     /* with the user and password: what the windows connect with */
  char    *login;
  char    *full_name;
  WxRole   roles;
} WxDbSession;

void         wx_db_session_free (WxDbSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbSession, wx_db_session_free)

/* `server`: a libpq connection string, "" for libpq's environment, NULL for
 * the private local server (started, created and migrated when needed).
 * `user` and `password` (NULL or "" = as the server string or environment
 * says) are added to it. Connects once and reads the user's identity. */
WxDbSession *wx_db_session_open (const char  *server,
                                 const char  *user,
                                 const char  *password,
                                 GError     **error);

G_END_DECLS

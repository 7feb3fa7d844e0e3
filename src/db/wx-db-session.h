/* wx-db-session.h — logging in: a connection string for a user of the
 * private local server or of the shop's server, tried once, and who the
 * user turns out to be. Blocking: call from a worker thread. */
#pragma once

#include <gio/gio.h>

#include "core/wx-types.h"

G_BEGIN_DECLS

typedef struct {
  char    *conninfo;     /* with the user and password: what the windows connect with */
  char    *login;
  char    *full_name;
  WxRole   roles;
} WxDbSession;

void         wx_db_session_free (WxDbSession *session);
/* Whether libpq's environment names a server (PGHOST, PGDATABASE or
 * PGSERVICE): then it, not the private local server, is the database. */
gboolean     wx_db_env_configured (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbSession, wx_db_session_free)

/* `server`: a libpq connection string, "" for libpq's environment, NULL for
 * the private local server (started, created and migrated when needed).
 * `user` and `password` (NULL or "" = as the server string or environment
 * says) are added to it. Connects once and reads the user's identity. */
/* The connection string the session opens with (see below), without
 * connecting; NULL with an error when it is not one libpq reads. */
char        *wx_db_session_conninfo (const char  *server,
                                     const char  *user,
                                     const char  *password,
                                     GError     **error);
/* Refuses a database whose schema is newer than this program knows
 * (WX_DB_ERROR_SCHEMA_NEWER) or older (WX_DB_ERROR_SCHEMA_OLDER, or
 * WX_DB_ERROR_SCHEMA_MIGRATE when the login is an administrator, who may
 * then open it with wx_db_session_migrate()). */
WxDbSession *wx_db_session_open (const char  *server,
                                 const char  *user,
                                 const char  *password,
                                 GError     **error);
/* The same, migrating an older database first (an administrator's). */
WxDbSession *wx_db_session_migrate (const char  *server,
                                    const char  *user,
                                    const char  *password,
                                    GError     **error);

/* wx_db_session_open on a thread of its own; `callback` gets `source`. */
void         wx_db_session_open_async  (gpointer             source,
                                        const char          *server,
                                        const char          *user,
                                        const char          *password,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* wx_db_session_migrate on a thread of its own; finish with
 * wx_db_session_open_finish(). */
void         wx_db_session_migrate_async (gpointer             source,
                                          const char          *server,
                                          const char          *user,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
WxDbSession *wx_db_session_open_finish (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS

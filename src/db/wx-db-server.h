/* wx-db-server.h — the private local PostgreSQL cluster used when no server is
 * configured: data in $XDG_DATA_HOME/weixiu/db, socket in
 * $XDG_RUNTIME_DIR/weixiu (or a private temp dir), no TCP. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WX_DB_SERVER_AS_USER,    /* the current user's login: what the app uses */
  WX_DB_SERVER_AS_OWNER,   /* the migrations owner: init, migrate, demo, backup */
} WxDbServerLogin;

char     *wx_db_server_data_dir   (void);
char     *wx_db_server_socket_dir (void);
char     *wx_db_server_ensure     (WxDbServerLogin   login,
                                   gboolean         *created,
                                   GError          **error);
gboolean  wx_db_server_stop       (GError   **error);
gboolean  wx_db_server_restore    (const char  *file,
                                   char       **kept_as,
                                   GError     **error);
gboolean  wx_db_server_running    (WxDbServerLogin   login,
                                   char            **conninfo);

/* TRUE when `conninfo` reaches this computer's private server (its socket). */
gboolean  wx_db_server_is_private (const char *conninfo);
char     *wx_db_pg_program        (const char *name);
gboolean  wx_db_run_pg_tool       (const char         *tool,
                                   const char * const *args,
                                   gboolean            as_server,
                                   GError            **error);
/* The same with the child's environment `envp` (NULL: ours). */
gboolean  wx_db_run_pg_tool_env   (const char         *tool,
                                   const char * const *args,
                                   const char * const *envp,
                                   gboolean            as_server,
                                   GError            **error);

G_END_DECLS

/* wx-db-migrate.h — numbered SQL migrations from the GResource. */
#pragma once

#include "wx-db-pq.h"
#include <glib.h>

G_BEGIN_DECLS

int       wx_db_migrations_latest (void);
gboolean  wx_db_ensure_roles      (PGconn   *conn,
                                   GError  **error);
void      wx_db_schema_newer_error (int       version,
                                   GError  **error);
int       wx_db_schema_version    (PGconn   *conn,
                                   GError  **error);
gboolean  wx_db_migrate           (PGconn   *conn,
                                   int      *n_applied,
                                   GError  **error);
gboolean  wx_db_init              (PGconn   *conn,
                                   GError  **error);

G_END_DECLS

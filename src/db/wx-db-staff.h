/* wx-db-staff.h — staff accounts: PostgreSQL login roles in the wx_* groups. */
#pragma once

#include <libpq-fe.h>
#include <glib.h>

#include "core/wx-types.h"

G_BEGIN_DECLS

gboolean  wx_db_staff_add   (PGconn       *conn,
                             const char   *user,
                             const char   *full_name,
                             WxRole        roles,
                             const char   *password,
                             GError      **error);
gboolean  wx_db_staff_ensure (PGconn      *conn,
                              const char  *user,
                              const char  *full_name,
                              WxRole       roles,
                              GError     **error);
PGresult *wx_db_staff_list  (PGconn       *conn,
                             GError      **error);

G_END_DECLS

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

/* The connected user's groups as four columns of a SELECT (coordinator,
 * engineer, supervisor, admin: members directly or through another role),
 * and the roles read back from them. */
#define WX_DB_SQL_USER_ROLES \
  "pg_has_role(current_user, 'wx_coordinator', 'MEMBER'), pg_has_role(current_user, 'wx_engineer', 'MEMBER')," \
  " pg_has_role(current_user, 'wx_supervisor', 'MEMBER'), pg_has_role(current_user, 'wx_admin', 'MEMBER')"

WxRole    wx_db_user_roles_from_row (const PGresult *res,
                                     int             row,
                                     int             first_column);

G_END_DECLS

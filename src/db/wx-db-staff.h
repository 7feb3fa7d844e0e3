/* wx-db-staff.h — staff accounts: PostgreSQL login roles in the wx_* groups. */
#pragma once

#include "wx-db-pq.h"
#include <glib.h>

#include "core/wx-types.h"
#include "wx-db-worker.h"

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

/* One person on staff, as the staff page lists them. */
typedef struct {
  char     *login;
  char     *full_name;
  WxRole    roles;
  gboolean  active;      /* may log in */
} WxDbStaffMember;

void       wx_db_staff_member_free (WxDbStaffMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbStaffMember, wx_db_staff_member_free)

/* Everyone on staff, by login: a GPtrArray of WxDbStaffMember. */
GPtrArray *wx_db_staff_load        (PGconn       *conn,
                                    GError      **error);
/* Passwords are hashed here (scram-sha-256, PQencryptPasswordConn) and
 * only the hash is sent, as a parameter (data/sql/015_settings.sql).
 * Admin only. A new password for `user`: */
gboolean   wx_db_staff_set_password (PGconn      *conn,
                                    const char  *user,
                                    const char  *password,
                                    GError     **error);
/* Disables `user` (no more logins; their name stays on what they did) or
 * enables them again. */
gboolean   wx_db_staff_set_active  (PGconn       *conn,
                                    const char   *user,
                                    gboolean      active,
                                    GError      **error);

/* The roles of `user`, now `roles` (at least one; wx_staff_set_groups:
 * an administrator only, not their own administrator role). */
gboolean   wx_db_staff_set_roles   (PGconn       *conn,
                                    const char   *user,
                                    WxRole        roles,
                                    GError      **error);

/* The same on the worker. The writes end with wx_db_worker_write_finish. */
void       wx_db_staff_load_async  (WxDbWorker          *worker,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GPtrArray *wx_db_staff_load_finish (WxDbWorker          *worker,
                                    GAsyncResult        *result,
                                    GError             **error);
void       wx_db_staff_add_async   (WxDbWorker          *worker,
                                    const char          *user,
                                    const char          *full_name,
                                    WxRole               roles,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
void       wx_db_staff_set_password_async (WxDbWorker   *worker,
                                    const char          *user,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
void       wx_db_staff_set_roles_async (WxDbWorker      *worker,
                                        const char      *user,
                                        WxRole           roles,
                                        GCancellable    *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer         user_data);
void       wx_db_staff_set_active_async (WxDbWorker     *worker,
                                    const char          *user,
                                    gboolean             active,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

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

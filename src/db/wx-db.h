/* wx-db.h — libpq connections and parameterised queries. Blocking: call these
 * from a worker thread (one PGconn per thread), never on the main context.
 * The db layer's own header (and the CLI's and the tests'): it needs libpq,
 * which the gui cannot reach. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "wx-db-ca.h"
#include "wx-db-error.h"
#include "wx-db-job.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

/* The errors of wx-db-error.h, from what libpq says. */
void       wx_db_set_error_from_result (GError        **error,
                                        const PGresult *result,
                                        PGconn         *conn);
/* A connection attempt that failed: `message` is libpq's (PQerrorMessage,
 * made with PQERRORS_VERBOSE so that it holds the server's SQLSTATE),
 * `needs_password` PQconnectionNeedsPassword(), `ping` what PQping() says
 * of the same server. Too many connections, a server starting up or
 * shutting down, a wrong password and an unknown database each get their
 * own sentence. */
void       wx_db_set_connect_error   (GError        **error,
                                      const char     *message,
                                      gboolean        needs_password,
                                      PGPing          ping);

PGconn   *wx_db_connect        (const char          *conninfo,
                                GError             **error);
PGresult *wx_db_query          (PGconn              *conn,
                                const char          *sql,
                                int                  n_params,
                                const char * const  *params,
                                GError             **error);
gboolean  wx_db_execute        (PGconn              *conn,
                                const char          *sql,
                                int                  n_params,
                                const char * const  *params,
                                GError             **error);
gboolean  wx_db_execute_script (PGconn              *conn,
                                const char          *script,
                                GError             **error);
gboolean  wx_db_begin          (PGconn              *conn,
                                GError             **error);
gboolean  wx_db_commit         (PGconn              *conn,
                                GError             **error);
void      wx_db_rollback       (PGconn              *conn);
char     *wx_db_query_value    (PGconn              *conn,
                                const char          *sql,
                                int                  n_params,
                                const char * const  *params,
                                GError             **error);
gboolean  wx_db_copy_in        (PGconn              *conn,
                                const char          *copy_sql,
                                GString             *data,
                                GError             **error);
char     *wx_db_conninfo_with  (const char          *conninfo,
                                const char          *key,
                                const char          *value);
/* `conninfo` with sslmode=verify-full and the shop's CA when it reaches a
 * server over the network and says no sslmode itself. */
char     *wx_db_conninfo_secure (const char *conninfo);
/* The shop's setting `key` (settings table), else `fallback`. */
char     *wx_db_setting        (PGconn              *conn,
                                const char          *key,
                                const char          *fallback,
                                GError             **error);
GString  *wx_db_copy_escape    (GString             *out,
                                const char          *value);
/* A field of a result: a whole number (0 for NULL), a copy of its text ("" for
 * NULL), a boolean (FALSE for NULL). */
gint64    wx_db_get_int        (const PGresult      *res,
                                int                  row,
                                int                  column);
char     *wx_db_dup_text       (const PGresult      *res,
                                int                  row,
                                int                  column);
gboolean  wx_db_get_bool       (const PGresult      *res,
                                int                  row,
                                int                  column);
/* Every scalar member of a JSON object (a jsonb column as text), as text:
 * strings as they are, numbers in C notation, booleans "true"/"false";
 * null members and nested values are left out. */
GHashTable *wx_db_json_values  (const char          *json,
                                GError             **error);

const char *wx_db_keep_string (GPtrArray  *strings,
                               const char *text);

G_END_DECLS

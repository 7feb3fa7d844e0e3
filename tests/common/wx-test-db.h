/* wx-test-db.h — a fresh, migrated database per test program on the
 * throwaway server that ./run tests starts (reached through PG* variables). */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

void      wx_test_db_require   (void);
char     *wx_test_db_create    (const char *name,
                                gboolean    migrate);
PGconn   *wx_test_db_connect   (const char *conninfo);
void      wx_test_db_exec      (PGconn     *conn,
                                const char *sql);
char     *wx_test_db_value     (PGconn     *conn,
                                const char *sql);
gint64    wx_test_db_count     (PGconn     *conn,
                                const char *sql);
char     *wx_test_db_sqlstate  (PGconn              *conn,
                                const char          *sql,
                                int                  n_params,
                                const char * const  *params);
GDateTime *wx_test_fixed_now   (void);
void      wx_test_db_fixture   (PGconn     *conn);

extern const char *wx_test_good_phones[];

/* Stops the test server (./run tests: data in $PGHOST/data) with pg_ctl's
 * `mode` (NULL: fast — sessions end as by an administrator, 57P01;
 * "smart" returns at once: the server refuses new sessions, "shutting
 * down", until the open ones end), and starts it again with the options it
 * ran with. Only for a test that runs
 * alone (is_parallel: false in tests/meson.build). */
void      wx_test_db_server_stop  (const char *mode);
void      wx_test_db_server_start (void);

G_END_DECLS

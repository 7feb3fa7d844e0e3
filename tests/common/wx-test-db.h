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

G_END_DECLS

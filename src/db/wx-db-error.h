/* wx-db-error.h — the database layer's errors: SQLSTATEs mapped to what the
 * user can act on, each with a sentence that says what happened and what to do.
 * Those made from libpq's results are declared in wx-db.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_DB_ERROR (wx_db_error_quark ())

typedef enum {
  WX_DB_ERROR_CONFLICT,     /* someone else changed it first; reload */
  WX_DB_ERROR_NOT_FOUND,
  WX_DB_ERROR_DENIED,       /* your role may not do this */
  WX_DB_ERROR_INVALID,      /* a value breaks a rule of the database */
  WX_DB_ERROR_UNAVAILABLE,  /* the server cannot be reached */
  WX_DB_ERROR_FAILED,       /* anything else */
  WX_DB_ERROR_SCHEMA_NEWER, /* the database was upgraded by a newer Weixiu */
  WX_DB_ERROR_SCHEMA_OLDER, /* the database needs migrating, by an administrator */
  WX_DB_ERROR_SCHEMA_MIGRATE, /* the same, and this login (wx_admin) may do it now */
} WxDbError;

GQuark     wx_db_error_quark         (void);
WxDbError  wx_db_error_code_for_state (const char *sqlstate);
/* The SQLSTATE a libpq message made with PQERRORS_VERBOSE carries (its
 * last one: with several hosts, the last tried), or NULL. */
char      *wx_db_message_sqlstate    (const char     *message);

/* "Changed by 张伟 at 10:42, before your change was saved; …": an order
 * changed meanwhile, by `by` (a name) at `at` ("YYYY-MM-DD HH:MM", the time
 * alone when `today`), now in `state` (a state code). */
char      *wx_db_conflict_sentence   (const char     *by,
                                      const char     *at,
                                      gboolean        today,
                                      const char     *state);

G_END_DECLS

/* wx-db-worker.h — the client's connection to the database: one thread with
 * one PGconn that runs jobs in order and hands their results back to the
 * main context (architecture.md rule 6). When the server cannot be reached
 * the worker goes offline, keeps the job and tries again every few seconds
 * until it is back or the job is cancelled, so nothing typed is lost. A
 * connection the server closed while idle (a restart) is noticed before
 * the next job is sent, and made again. A connection that breaks under a
 * job: a reading job (wx_db_worker_read_async) runs once more; any other
 * is not sent again — the server may have committed it — and fails with a
 * sentence saying it is not known whether it was saved. A database whose
 * schema is newer than this program's is refused (offline, saying so).
 * The jobs themselves (WxDbJob, wx_db_worker_read_async) are db's own:
 * wx-db-job.h. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WX_TYPE_DB_WORKER (wx_db_worker_get_type ())
G_DECLARE_FINAL_TYPE (WxDbWorker, wx_db_worker, WX, DB_WORKER, GObject)

/* `conninfo` NULL: the private local server, started when needed. */
WxDbWorker *wx_db_worker_new          (const char          *conninfo);
/* The connection string in use (the private server's once connected). */
char       *wx_db_worker_dup_conninfo (WxDbWorker          *self);
gboolean    wx_db_worker_get_online   (WxDbWorker          *self);
/* Why the server cannot be reached, while offline. */
const char *wx_db_worker_get_problem  (WxDbWorker          *self);
/* How many jobs it was given since it was made (each a round trip: what a
 * test counts to see that something did not ask the database). */
guint64     wx_db_worker_get_n_jobs   (WxDbWorker          *self);
void        wx_db_worker_set_retry_interval (WxDbWorker    *self,
                                       guint                milliseconds);

/* For a job that returns no result (a write): TRUE, or FALSE with `error`. */
gboolean    wx_db_worker_write_finish (WxDbWorker          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS

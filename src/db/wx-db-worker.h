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
 * schema is newer than this program's is refused (offline, saying so). */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define WX_TYPE_DB_WORKER (wx_db_worker_get_type ())
G_DECLARE_FINAL_TYPE (WxDbWorker, wx_db_worker, WX, DB_WORKER, GObject)

/* Runs in the worker thread; returns FALSE with `error` set on failure. */
typedef gboolean (*WxDbJob) (PGconn    *conn,
                             gpointer   data,
                             gpointer  *result,
                             GError   **error);

/* `conninfo` NULL: the private local server, started when needed. */
WxDbWorker *wx_db_worker_new          (const char          *conninfo);
/* The connection string in use (the private server's once connected). */
char       *wx_db_worker_dup_conninfo (WxDbWorker          *self);
gboolean    wx_db_worker_get_online   (WxDbWorker          *self);
/* Why the server cannot be reached, while offline. */
const char *wx_db_worker_get_problem  (WxDbWorker          *self);
void        wx_db_worker_set_retry_interval (WxDbWorker    *self,
                                       guint                milliseconds);

void        wx_db_worker_run_async    (WxDbWorker          *self,
                                       WxDbJob              job,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GDestroyNotify       result_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The same for a job that only reads (a load, a search): should the
 * connection break while it runs, it runs again, once, on a new one. */
void        wx_db_worker_read_async   (WxDbWorker          *self,
                                       WxDbJob              job,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GDestroyNotify       result_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The job's result (NULL for jobs that return none) or NULL with `error`,
 * of either. */
gpointer    wx_db_worker_run_finish   (WxDbWorker          *self,
                                       GAsyncResult        *result,
                                       GError             **error);
/* For a job that returns no result (a write): TRUE, or FALSE with `error`. */
gboolean    wx_db_worker_write_finish (WxDbWorker          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS

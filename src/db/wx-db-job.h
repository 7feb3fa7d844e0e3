/* wx-db-job.h — a job on the worker's connection: what the db layer's typed
 * calls (wx_db_xxx_async/_finish) are made of. Private to src/db (wx-db.h
 * includes it, and that needs libpq): the gui never sees a PGconn. */
#pragma once

#include <libpq-fe.h>

#include "wx-db-worker.h"

G_BEGIN_DECLS

/* Runs in the worker thread; returns FALSE with `error` set on failure. */
typedef gboolean (*WxDbJob) (PGconn    *conn,
                             gpointer   data,
                             gpointer  *result,
                             GError   **error);

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

G_END_DECLS

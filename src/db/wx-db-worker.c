#define G_LOG_DOMAIN "wx-db-worker"

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"
#include "wx-db-worker.h"

#define DEFAULT_RETRY_MS 2000

/* What the worker thread uses; shared so that a job still running when the
 * worker is disposed keeps it alive. */
typedef struct {
  gatomicrefcount  ref;
  GMutex           lock;          /* guards resolved, problem, retry_ms */
  char            *conninfo;      /* configured; NULL = private server */
  char            *resolved;      /* what was connected to */
  char            *problem;
  guint            retry_ms;
  PGconn          *conn;          /* the worker thread's only */
  gboolean         terminated;    /* the server said it ended conn's session */
  GWeakRef         owner;
  GMainContext    *context;
} Shared;

struct _WxDbWorker
{
  GObject       parent_instance;
  Shared       *shared;
  GThreadPool  *pool;
  gboolean      online;
  char         *problem;
  guint64       n_jobs;      /* given since it was made */
};

G_DEFINE_FINAL_TYPE (WxDbWorker, wx_db_worker, G_TYPE_OBJECT)

enum { PROP_0, PROP_ONLINE, PROP_PROBLEM, N_PROPS };
static GParamSpec *properties[N_PROPS];

typedef struct {
  Shared         *shared;
  WxDbJob         job;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  gboolean        reads_only;    /* may run again after the connection broke */
} Job;

static Shared *
shared_ref (Shared *s)
{
  g_atomic_ref_count_inc (&s->ref);
  return s;
}

static void
shared_unref (Shared *s)
{
  if (!g_atomic_ref_count_dec (&s->ref))
    return;
  g_clear_pointer (&s->conn, PQfinish);
  g_weak_ref_clear (&s->owner);
  g_main_context_unref (s->context);
  g_mutex_clear (&s->lock);
  g_free (s->conninfo);
  g_free (s->resolved);
  g_free (s->problem);
  g_free (s);
}

static void
job_free (Job *j)
{
  if (j->data_free)
    j->data_free (j->data);
  shared_unref (j->shared);
  g_free (j);
}

/* Main context: tell the owner whether the server is reachable. */
typedef struct {
  Shared   *shared;
  gboolean  online;
  char     *problem;
} StatusChange;

static gboolean
status_changed_cb (gpointer user_data)
{
  StatusChange *c = user_data;
  g_autoptr(WxDbWorker) self = g_weak_ref_get (&c->shared->owner);

  if (self && (self->online != c->online || g_strcmp0 (self->problem, c->problem) != 0))
    {
      gboolean was_online = self->online;

      self->online = c->online;
      g_free (self->problem);
      self->problem = g_strdup (c->problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
      if (was_online != c->online)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  return G_SOURCE_REMOVE;
}

static void
status_change_free (gpointer data)
{
  StatusChange *c = data;

  shared_unref (c->shared);
  g_free (c->problem);
  g_free (c);
}

static void
report_status (Shared     *s,
               gboolean    online,
               const char *problem)
{
  StatusChange *c = g_new0 (StatusChange, 1);

  g_mutex_lock (&s->lock);
  g_free (s->problem);
  s->problem = g_strdup (problem);
  g_mutex_unlock (&s->lock);

  c->shared = shared_ref (s);
  c->online = online;
  c->problem = g_strdup (problem);
  g_main_context_invoke_full (s->context, G_PRIORITY_DEFAULT, status_changed_cb, c, status_change_free);
}

/* Worker thread: what the server says outside a query. A session the
 * server ended while idle (a restart: 57P01 "terminating connection due to
 * administrator command") arrives as a FATAL notice, then the socket closes. */
static void
notice_received_cb (void           *data,
                    const PGresult *notice)
{
  Shared *s = data;
  const char *severity = PQresultErrorField (notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  const char *sqlstate = PQresultErrorField (notice, PG_DIAG_SQLSTATE);

  g_debug ("server notice: %s", PQresultErrorMessage (notice));
  if (g_strcmp0 (severity, "FATAL") == 0 || g_strcmp0 (severity, "PANIC") == 0 ||
      (sqlstate && (g_str_has_prefix (sqlstate, "57P") || g_str_has_prefix (sqlstate, "08"))))
    s->terminated = TRUE;
}

/* Worker thread: whether the idle connection still holds, before a job is
 * sent on it. A server that stopped or restarted since the last job has
 * already said so and closed the socket: read what is waiting, without
 * blocking, and libpq notices (PQstatus alone does not until it reads). */
static gboolean
connection_alive (Shared *s)
{
  for (int i = 0; i < 16; i++)
    {
      GPollFD fd = { .fd = PQsocket (s->conn), .events = G_IO_IN };
      PGnotify *notify;

      if (s->terminated || PQstatus (s->conn) != CONNECTION_OK || fd.fd < 0)
        return FALSE;
      if (g_poll (&fd, 1, 0) <= 0)
        return TRUE;   /* nothing came: idle and open */
      if (!PQconsumeInput (s->conn))
        return FALSE;
      /* Parses what came (a notice, the end of the session). */
      PQisBusy (s->conn);
      while ((notify = PQnotifies (s->conn)) != NULL)
        PQfreemem (notify);
    }
  return !s->terminated && PQstatus (s->conn) == CONNECTION_OK;
}

/* Worker thread: a working connection, or FALSE with the reason. */
static gboolean
ensure_connection (Shared  *s,
                   GError **error)
{
  g_autofree char *conninfo = NULL;
  int version;

  if (s->conn && connection_alive (s))
    return TRUE;
  if (s->conn)
    g_debug ("the server closed the connection; connecting again before the job");
  g_clear_pointer (&s->conn, PQfinish);
  s->terminated = FALSE;

  if (s->conninfo == NULL)
    conninfo = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, error);
  else
    conninfo = g_strdup (s->conninfo);
  if (conninfo == NULL)
    return FALSE;
  s->conn = wx_db_connect (conninfo, error);
  if (s->conn == NULL)
    return FALSE;
  PQsetNoticeReceiver (s->conn, notice_received_cb, s);
  /* A database a newer Weixiu upgraded (while this one ran, or since the
   * login) is not one this program may write to. */
  version = wx_db_schema_version (s->conn, error);
  if (version < 0 || version > wx_db_migrations_latest ())
    {
      if (version >= 0)
        wx_db_schema_newer_error (version, error);
      g_clear_pointer (&s->conn, PQfinish);
      return FALSE;
    }
  g_mutex_lock (&s->lock);
  g_free (s->resolved);
  s->resolved = g_steal_pointer (&conninfo);
  g_mutex_unlock (&s->lock);
  return TRUE;
}

/* Worker thread: whether `error` of a job came from the connection
 * breaking under it (the server ended the session: SQLSTATE class 08 or
 * 57P, or libpq lost the socket: no SQLSTATE), rather than from what the
 * job asked. */
static gboolean
connection_broke (Shared       *s,
                  const GError *error)
{
  return s->conn == NULL || s->terminated || PQstatus (s->conn) != CONNECTION_OK
         || g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
}

/* Sleeps the retry interval, waking early when cancelled. */
static void
wait_to_retry (Shared       *s,
               GCancellable *cancellable)
{
  guint ms;

  g_mutex_lock (&s->lock);
  ms = s->retry_ms;
  g_mutex_unlock (&s->lock);
  for (guint waited = 0; waited < ms && !g_cancellable_is_cancelled (cancellable); waited += 50)
    g_usleep (50 * 1000);
}

/* Runs one job. What happens when the server goes away:
 * - before the job is sent (the server cannot be reached, or the idle
 *   connection was closed by a restart, found before sending): the job
 *   waits, offline, and is sent once a connection is made again — it had
 *   not reached the server, so nothing can happen twice;
 * - under the job (sent, and the connection broke before the answer): a
 *   job that only reads runs once more on a new connection; one that may
 *   write is not run again, since the server may have committed it before
 *   the connection broke, and answers that it is not known whether it was
 *   saved: the user looks (the card reloads) and saves again if needed. A
 *   step made again on a stale version would be refused as a conflict in
 *   any case (WX409), never applied twice. */
static void
run_job_cb (gpointer item,
            gpointer pool_data)
{
  g_autoptr(GTask) task = item;
  Job *j = g_task_get_task_data (task);
  Shared *s = j->shared;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean ran_again = FALSE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gpointer result = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (!ensure_connection (s, &error))
        {
          /* The server went away (or never came): keep the job and wait. */
          report_status (s, FALSE, error->message);
          wait_to_retry (s, cancellable);
          continue;
        }
      if (j->job (s->conn, j->data, &result, &error))
        {
          report_status (s, TRUE, NULL);
          g_task_return_pointer (task, result, j->result_free);
          return;
        }
      if (!connection_broke (s, error))
        {
          report_status (s, TRUE, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("the connection broke under a job: %s", error->message);
      g_clear_pointer (&s->conn, PQfinish);
      if (j->reads_only && !ran_again)
        {
          ran_again = TRUE;
          continue;
        }
      if (!j->reads_only)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE,
                               _("The connection to the database was lost while saving, so it is not known whether the change was saved; check it and save again if needed."));
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
}

static void
wx_db_worker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WxDbWorker *self = WX_DB_WORKER (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_db_worker_finalize (GObject *object)
{
  WxDbWorker *self = WX_DB_WORKER (object);

  /* No job is queued or running now: each job's GTask holds a reference
   * on the worker until the job has run (a cancelled one ends at once when
   * its turn comes). The last reference may be dropped in the worker's own
   * thread, at the end of a job: hence no waiting for the pool here. */
  g_thread_pool_free (self->pool, TRUE, FALSE);
  g_weak_ref_set (&self->shared->owner, NULL);
  shared_unref (self->shared);
  g_free (self->problem);
  G_OBJECT_CLASS (wx_db_worker_parent_class)->finalize (object);
}

static void
wx_db_worker_class_init (WxDbWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wx_db_worker_finalize;
  object_class->get_property = wx_db_worker_get_property;

  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wx_db_worker_init (WxDbWorker *self)
{
  self->online = TRUE;
}

WxDbWorker *
wx_db_worker_new (const char *conninfo)
{
  WxDbWorker *self = g_object_new (WX_TYPE_DB_WORKER, NULL);
  Shared *s = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&s->ref);
  g_mutex_init (&s->lock);
  s->conninfo = g_strdup (conninfo);
  s->retry_ms = DEFAULT_RETRY_MS;
  s->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&s->owner, self);
  self->shared = s;
  /* One thread, so one connection and jobs in the order they were asked. */
  self->pool = g_thread_pool_new (run_job_cb, NULL, 1, FALSE, NULL);
  return self;
}

char *
wx_db_worker_dup_conninfo (WxDbWorker *self)
{
  char *conninfo;

  g_return_val_if_fail (WX_IS_DB_WORKER (self), NULL);
  g_mutex_lock (&self->shared->lock);
  conninfo = g_strdup (self->shared->resolved ? self->shared->resolved : self->shared->conninfo);
  g_mutex_unlock (&self->shared->lock);
  return conninfo;
}

gboolean
wx_db_worker_get_online (WxDbWorker *self)
{
  g_return_val_if_fail (WX_IS_DB_WORKER (self), FALSE);
  return self->online;
}

const char *
wx_db_worker_get_problem (WxDbWorker *self)
{
  g_return_val_if_fail (WX_IS_DB_WORKER (self), NULL);
  return self->problem;
}

guint64
wx_db_worker_get_n_jobs (WxDbWorker *self)
{
  g_return_val_if_fail (WX_IS_DB_WORKER (self), 0);
  return self->n_jobs;
}

void
wx_db_worker_set_retry_interval (WxDbWorker *self,
                                 guint       milliseconds)
{
  g_return_if_fail (WX_IS_DB_WORKER (self));
  g_mutex_lock (&self->shared->lock);
  self->shared->retry_ms = MAX (milliseconds, 50);
  g_mutex_unlock (&self->shared->lock);
}

static void
run_async (WxDbWorker          *self,
           gboolean             reads_only,
           WxDbJob              job,
           gpointer             data,
           GDestroyNotify       data_free,
           GDestroyNotify       result_free,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task;
  Job *j;

  self->n_jobs++;
  j = g_new0 (Job, 1);
  j->shared = shared_ref (self->shared);
  j->job = job;
  j->data = data;
  j->data_free = data_free;
  j->result_free = result_free;
  j->reads_only = reads_only;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wx_db_worker_run_async);
  g_task_set_task_data (task, j, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

void
wx_db_worker_run_async (WxDbWorker          *self,
                        WxDbJob              job,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (WX_IS_DB_WORKER (self));
  g_return_if_fail (job != NULL);
  run_async (self, FALSE, job, data, data_free, result_free, cancellable, callback, user_data);
}

void
wx_db_worker_read_async (WxDbWorker          *self,
                         WxDbJob              job,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (WX_IS_DB_WORKER (self));
  g_return_if_fail (job != NULL);
  run_async (self, TRUE, job, data, data_free, result_free, cancellable, callback, user_data);
}

gpointer
wx_db_worker_run_finish (WxDbWorker    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
wx_db_worker_write_finish (WxDbWorker    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  GError *local = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_task_propagate_pointer (G_TASK (result), &local);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

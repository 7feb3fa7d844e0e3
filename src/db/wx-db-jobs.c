#define G_LOG_DOMAIN "wx-db"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-jobs.h"

#define LOCAL_TEXT(col) "to_char(" col " AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI')"

/* The jobs' advisory lock: one key for the whole run. */
#define JOBS_LOCK "hashtext('weixiu.jobs')"

gboolean
wx_db_jobs_try_lock (PGconn *conn, gboolean *taken, GError **error)
{
  g_autofree char *got = wx_db_query_value (conn, "SELECT pg_try_advisory_lock(" JOBS_LOCK ")", 0, NULL, error);

  if (got == NULL)
    return FALSE;
  *taken = g_str_equal (got, "t");
  return TRUE;
}

gboolean
wx_db_job_record (PGconn *conn, const char *job, GDateTime *started, gboolean ok,
                  const char *detail, GError **error)
{
  g_autofree char *at = g_date_time_format_iso8601 (started);
  const char *params[] = { job, at, ok ? "t" : "f", detail ? detail : "" };

  return wx_db_execute (conn, "SELECT wx_job_record($1, $2::timestamptz, $3::boolean, $4)", 4, params, error);
}

int
wx_db_escalate_on_site (PGconn *conn, GDateTime *now, GError **error)
{
  g_autofree char *at = now ? g_date_time_format_iso8601 (now) : NULL;
  const char *params[] = { at };
  /* Staff sweep at the server's time; a time of one's own is the owner's. */
  g_autofree char *n = wx_db_query_value (conn, at ? "SELECT wx_escalate_on_site_at($1::timestamptz)"
                                                   : "SELECT wx_escalate_on_site()",
                                          at ? 1 : 0, at ? params : NULL, error);

  return n ? atoi (n) : -1;
}

int
wx_db_report_archived (PGconn *conn, const char *kind, const char *period, const char *format, GError **error)
{
  const char *params[] = { kind, period, format };
  g_autofree char *found = wx_db_query_value (conn,
    "SELECT EXISTS (SELECT 1 FROM report_archive WHERE kind = $1 AND period = $2 AND format = $3)",
    3, params, error);

  return found ? g_str_equal (found, "t") : -1;
}

int
wx_db_report_archive_put (PGconn *conn, const char *kind, const char *period, const char *format,
                          GBytes *content, GError **error)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (content, &size);
  g_autoptr(GString) hex = g_string_sized_new (2 * size + 3);
  const char *params[4] = { kind, period, format, NULL };
  g_autofree char *stored = NULL;

  /* bytea in its hex text form, as a parameter like any other. */
  g_string_append (hex, "\\x");
  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  params[3] = hex->str;
  stored = wx_db_query_value (conn, "SELECT wx_report_archive_put($1, $2, $3, $4::bytea)", 4, params, error);
  return stored ? g_str_equal (stored, "t") : -1;
}

void
wx_archived_report_free (WxArchivedReport *report)
{
  if (report == NULL)
    return;
  g_free (report->kind);
  g_free (report->period);
  g_free (report->format);
  g_free (report->made_text);
  g_free (report);
}

GPtrArray *
wx_db_report_archive_list (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT id, kind, period, format, " LOCAL_TEXT ("made_at") ", length(content)"
    "  FROM report_archive ORDER BY made_at DESC, id DESC", 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_archived_report_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxArchivedReport *r = g_new0 (WxArchivedReport, 1);

      r->id = wx_db_get_int (res, i, 0);
      r->kind = wx_db_dup_text (res, i, 1);
      r->period = wx_db_dup_text (res, i, 2);
      r->format = wx_db_dup_text (res, i, 3);
      r->made_text = wx_db_dup_text (res, i, 4);
      r->size = wx_db_get_int (res, i, 5);
      g_ptr_array_add (list, r);
    }
  return list;
}

GBytes *
wx_db_report_archive_get (PGconn *conn, gint64 id, GError **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT content FROM report_archive WHERE id = $1::bigint",
                                         1, params, error);
  size_t len = 0;
  unsigned char *raw;
  GBytes *bytes;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("No archived report %s."), id_text);
      return NULL;
    }
  raw = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, 0, 0), &len);
  bytes = g_bytes_new (raw, len);
  PQfreemem (raw);
  return bytes;
}

void
wx_job_run_free (WxJobRun *run)
{
  if (run == NULL)
    return;
  g_free (run->job);
  g_free (run->finished_text);
  g_free (run->detail);
  g_free (run);
}

static GPtrArray *
runs_query (PGconn *conn, const char *sql, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn, sql, 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_job_run_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxJobRun *r = g_new0 (WxJobRun, 1);

      r->job = wx_db_dup_text (res, i, 0);
      r->finished_text = wx_db_dup_text (res, i, 1);
      r->finished_at = wx_db_get_int (res, i, 2);
      r->ok = wx_db_get_bool (res, i, 3);
      r->detail = wx_db_dup_text (res, i, 4);
      g_ptr_array_add (list, r);
    }
  return list;
}

#define RUN_COLUMNS "job, " LOCAL_TEXT ("finished_at") ", floor(extract(epoch FROM finished_at))::bigint, ok, detail"

GPtrArray *
wx_db_jobs_status (PGconn *conn, GError **error)
{
  return runs_query (conn, "SELECT DISTINCT ON (job) " RUN_COLUMNS
                           "  FROM job_runs ORDER BY job, finished_at DESC, id DESC", error);
}

/* The newest run; a failure of the newest run of any job comes first, so
 * the supervisor sees it until that job succeeds again. */
static gboolean
last_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  g_autoptr(GPtrArray) runs = runs_query (conn,
    "SELECT * FROM (SELECT DISTINCT ON (job) " RUN_COLUMNS ", id"
    "                 FROM job_runs ORDER BY job, finished_at DESC, id DESC) l"
    " ORDER BY ok, 3 DESC, id DESC LIMIT 1", error);

  if (runs == NULL)
    return FALSE;
  *result = runs->len > 0 ? g_ptr_array_steal_index (runs, 0) : NULL;
  return TRUE;
}

void
wx_db_jobs_last_async (WxDbWorker *worker, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, last_job, NULL, NULL, (GDestroyNotify) wx_job_run_free,
                           cancellable, callback, user_data);
}

WxJobRun *
wx_db_jobs_last_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
archive_list_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_report_archive_list (conn, error);
  return *result != NULL;
}

void
wx_db_report_archive_list_async (WxDbWorker *worker, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, archive_list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_report_archive_list_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
archive_get_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_report_archive_get (conn, *(gint64 *) data, error);
  return *result != NULL;
}

void
wx_db_report_archive_get_async (WxDbWorker *worker, gint64 id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, archive_get_job, g_memdup2 (&id, sizeof id), g_free,
                           (GDestroyNotify) g_bytes_unref, cancellable, callback, user_data);
}

GBytes *
wx_db_report_archive_get_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

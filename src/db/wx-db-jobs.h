/* wx-db-jobs.h — what the periodic jobs (`weixiu-admin jobs run`) keep in
 * the database: the lock that lets one run at a time, the log of each
 * job's runs, the archive of weekly and monthly reports, and the
 * escalation of an engineer on site too long. */
#pragma once

#include <gio/gio.h>
#include "wx-db-pq.h"

#include "wx-db-worker.h"

G_BEGIN_DECLS

/* Takes the jobs' session advisory lock without waiting: *taken is FALSE
 * when another run holds it. Released when the connection closes. */
gboolean  wx_db_jobs_try_lock          (PGconn       *conn,
                                        gboolean     *taken,
                                        GError      **error);
/* Records one run of `job` (wx_job_record). */
gboolean  wx_db_job_record             (PGconn       *conn,
                                        const char   *job,
                                        GDateTime    *started,
                                        gboolean      ok,
                                        const char   *detail,
                                        GError      **error);
/* Orders whose engineer is on site too long, escalated as of `now`
 * (NULL: the server's clock). The count, or -1. */
int       wx_db_escalate_on_site       (PGconn       *conn,
                                        GDateTime    *now,
                                        GError      **error);
/* 1 when that report (kind "weekly"/"monthly", period "2026-W49"/
 * "2026-11", format "pdf"/"xlsx") is archived, 0 if not, -1 on error. */
int       wx_db_report_archived        (PGconn       *conn,
                                        const char   *kind,
                                        const char   *period,
                                        const char   *format,
                                        GError      **error);
/* Stores it once: 1 stored, 0 already there, -1 on error. */
int       wx_db_report_archive_put     (PGconn       *conn,
                                        const char   *kind,
                                        const char   *period,
                                        const char   *format,
                                        GBytes       *content,
                                        GError      **error);

/* An archived report, without its content. */
typedef struct {
  gint64  id;
  char   *kind;
  char   *period;
  char   *format;
  char   *made_text;     /* YYYY-MM-DD HH:MM, shop time */
  gint64  size;
} WxArchivedReport;

void        wx_archived_report_free    (WxArchivedReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxArchivedReport, wx_archived_report_free)
/* Newest first. */
GPtrArray  *wx_db_report_archive_list  (PGconn       *conn,
                                        GError      **error);
GBytes     *wx_db_report_archive_get   (PGconn       *conn,
                                        gint64        id,
                                        GError      **error);

/* The supervisor's archive page: the list, and one report's content. */
void        wx_db_report_archive_list_async  (WxDbWorker          *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *wx_db_report_archive_list_finish (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
void        wx_db_report_archive_get_async   (WxDbWorker          *worker,
                                              gint64               id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes     *wx_db_report_archive_get_finish  (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The last run of a job. */
typedef struct {
  char     *job;
  char     *finished_text;   /* YYYY-MM-DD HH:MM, shop time */
  gint64    finished_at;     /* Unix seconds */
  gboolean  ok;
  char     *detail;          /* what it did, or why it failed */
} WxJobRun;

void        wx_job_run_free            (WxJobRun     *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxJobRun, wx_job_run_free)
/* The last run of each job, by job name. */
GPtrArray  *wx_db_jobs_status          (PGconn       *conn,
                                        GError      **error);

/* The supervisor's window: the newest run of any job (NULL result when
 * none ran yet: check the error). */
void        wx_db_jobs_last_async      (WxDbWorker          *worker,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
WxJobRun   *wx_db_jobs_last_finish     (WxDbWorker          *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS

/* wx-admin-jobs.c — `weixiu-admin jobs run [--once] [--at TIME]
 * [--backup-dir DIR]` and `jobs status`: every periodic job, one run at a
 * time under an advisory lock, each idempotent (running twice does each
 * thing once). The shop server runs it from a systemd timer
 * (weixiu-jobs.timer); the app on a single PC runs it at start and every
 * 5 minutes. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-backup.h"
#include "db/wx-db-callbacks.h"
#include "db/wx-db-jobs.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "print/wx-xlsx-report.h"
#include "wx-admin.h"
#include "wx-messages-send.h"

#define LOOP_SECONDS (5 * 60)
/* The reports are archived from 00:05 shop time on Monday and on the 1st. */
#define ARCHIVE_DELAY (5 * G_TIME_SPAN_MINUTE)

typedef struct {
  PGconn     *conn;
  const char *conninfo;
  GDateTime  *now;         /* UTC */
  GDateTime  *local;       /* the same in the shop's time zone */
  GDateTime  *given;       /* --at, for the sweeps' _at functions; NULL: the server's clock */
  const char *backup_dir;
} JobRun;

typedef gboolean (*JobFunc) (JobRun *run, GString *detail, GError **error);

static gboolean
job_escalations (JobRun *run, GString *detail, GError **error)
{
  WxSweepCounts counts = { 0 };
  int on_site;

  if (!wx_db_supervisor_sweep (run->conn, run->given, &counts, error))
    return FALSE;
  on_site = wx_db_escalate_on_site (run->conn, run->given, error);
  if (on_site < 0)
    return FALSE;
  g_string_append_printf (detail, _("escalated: %d undiagnosed, %d overdue part orders, %d late decisions, "
                                    "%d on site too long; %d callbacks listed"),
                          counts.undiagnosed, counts.overdue_parts, counts.late_decisions, on_site,
                          counts.callbacks);
  return TRUE;
}

/* The report of `period` in `format`, rendered from a fresh load. */
static GBytes *
render_report (JobRun *run, const char *kind, const char *period, const char *format, GError **error)
{
  gint64 now = g_date_time_to_unix (run->now);
  gboolean xlsx = g_str_equal (format, "xlsx");

  if (g_str_equal (kind, "weekly"))
    {
      g_autoptr(WxReport) week = wx_db_report_week_load (run->conn, period, now, error);
      if (week == NULL)
        return NULL;
      return xlsx ? wx_xlsx_report_render (week, error) : wx_pdf_report_render (week, error);
    }
  else
    {
      g_autoptr(WxMonthReport) month = wx_db_report_month_load (run->conn, period, now, error);
      if (month == NULL)
        return NULL;
      return xlsx ? wx_xlsx_month_report_render (month, error) : wx_pdf_month_report_render (month, error);
    }
}

/* The report archived as PDF and as xlsx, each once. */
static gboolean
archive (JobRun *run, const char *kind, const char *period, GString *detail, GError **error)
{
  static const char *const formats[] = { "pdf", "xlsx" };
  int stored = 0;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      int archived = wx_db_report_archived (run->conn, kind, period, formats[i], error);
      g_autoptr(GBytes) data = NULL;
      int put;

      if (archived < 0)
        return FALSE;
      if (archived > 0)
        continue;
      data = render_report (run, kind, period, formats[i], error);
      if (data == NULL || (put = wx_db_report_archive_put (run->conn, kind, period, formats[i], data, error)) < 0)
        return FALSE;
      stored += put;
    }
  g_string_append_printf (detail, stored ? _("%s archived (PDF and Excel)") : _("%s was already archived"), period);
  return TRUE;
}

/* The last complete ISO week, once Monday 00:05 has passed. */
static gboolean
job_weekly_report (JobRun *run, GString *detail, GError **error)
{
  g_autoptr(GDateTime) then = g_date_time_add (run->local, -ARCHIVE_DELAY - 7 * G_TIME_SPAN_DAY);
  g_autofree char *period = g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (then),
                                             g_date_time_get_week_of_year (then));

  return archive (run, "weekly", period, detail, error);
}

/* The last complete month, once the 1st 00:05 has passed. */
static gboolean
job_monthly_report (JobRun *run, GString *detail, GError **error)
{
  g_autoptr(GDateTime) shifted = g_date_time_add (run->local, -ARCHIVE_DELAY);
  g_autoptr(GDateTime) then = g_date_time_add_months (shifted, -1);
  g_autofree char *period = g_date_time_format (then, "%Y-%m");

  return archive (run, "monthly", period, detail, error);
}

/* Tonight's backup (the first run of the shop's day makes it) and the
 * rotation. */
static gboolean
job_backup (JobRun *run, GString *detail, GError **error)
{
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (run->local),
                                           g_date_time_get_month (run->local),
                                           g_date_time_get_year (run->local));
  gboolean made = FALSE;
  guint removed = 0;

  if (!wx_db_backup_nightly (run->conninfo, run->backup_dir, today, &made, &removed, error))
    return FALSE;
  g_string_append_printf (detail, made ? _("backup written to %s") : _("today's backup is already in %s"),
                          run->backup_dir);
  if (removed > 0)
    g_string_append_printf (detail, _("; %u old backups removed"), removed);
  return TRUE;
}

/* The outbox's messages that are due (wx-messages-send.c), as
 * `weixiu-admin messages send --once` sends them: the step wrote them, this
 * sends them even when nobody runs the sender by hand. */
static gboolean
job_messages (JobRun *run, GString *detail, GError **error)
{
  g_autofree char *sender = g_strdup_printf ("%s:%d jobs", g_get_host_name (), (int) getpid ());
  WxMessagesSendStats stats = { 0 };

  if (!wx_messages_send_due (run->conn, sender, 0, &stats, error))
    return FALSE;
  g_string_append_printf (detail, _("messages: %u sent, %u to retry, %u failed, %u unknown"),
                          stats.sent, stats.retried, stats.failed, stats.unknown);
  return TRUE;
}

/* The jobs in the order they run. */
static const struct {
  const char *name;
  JobFunc     run;
} jobs[] = {
  { "escalations",    job_escalations },
  { "weekly_report",  job_weekly_report },
  { "monthly_report", job_monthly_report },
  { "backup",         job_backup },
  { "messages",       job_messages },
};

static char *
default_backup_dir (void)
{
  const char *env = g_getenv ("WEIXIU_BACKUP_DIR");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "weixiu", "backups", NULL);
}

static GTimeZone *
shop_zone (PGconn *conn)
{
  g_autofree char *name = wx_db_setting (conn, "timezone", "Asia/Shanghai", NULL);
  GTimeZone *zone = g_time_zone_new_identifier (name ? name : "Asia/Shanghai");

  return zone ? zone : g_time_zone_new_utc ();
}

/* One run of every job. Returns the exit status. */
static int
run_once (WxAdmin *admin, const char *conninfo, GDateTime *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_db_connect (conninfo, &error);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *standby = NULL;
  g_autofree char *backup_dir = NULL;
  gboolean taken = FALSE;
  int status = EXIT_SUCCESS;

  if (conn == NULL)
    return wx_admin_fail (error);
  standby = wx_db_query_value (conn, "SELECT pg_is_in_recovery()", 0, NULL, &error);
  if (standby == NULL)
    return wx_admin_fail (error);
  if (g_str_equal (standby, "t"))
    {
      g_printerr ("weixiu-admin: %s\n", _("This server is a standby: the jobs run on the primary only."));
      return EXIT_FAILURE;
    }
  if (!wx_db_jobs_try_lock (conn, &taken, &error))
    return wx_admin_fail (error);
  if (!taken)
    {
      g_print (_("Another run of the jobs is under way; nothing done.\n"));
      return EXIT_SUCCESS;
    }
  zone = shop_zone (conn);
  backup_dir = wx_admin_value (admin, "--backup-dir") ? g_strdup (wx_admin_value (admin, "--backup-dir"))
                                                      : default_backup_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(GDateTime) started = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) now = given ? g_date_time_ref (given) : g_date_time_new_now_utc ();
      g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autoptr(GError) job_error = NULL;
      JobRun run = { conn, conninfo, now, local, given, backup_dir };
      gboolean ok = jobs[i].run (&run, detail, &job_error);

      if (!ok)
        {
          g_string_assign (detail, job_error ? job_error->message : "");
          status = EXIT_FAILURE;
          g_printerr ("weixiu-admin: %s: %s\n", jobs[i].name, detail->str);
        }
      else
        g_print ("%s: %s\n", jobs[i].name, detail->str);
      if (!wx_db_job_record (conn, jobs[i].name, started, ok, detail->str, &error))
        return wx_admin_fail (error);
    }
  return status;
}

static void
print_next (const char *job, GDateTime *local)
{
  g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (local), g_date_time_get_year (local),
                                              g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                                              0, 0, 0);
  g_autoptr(GDateTime) next = NULL;

  if (g_str_equal (job, "weekly_report"))
    {
      g_autoptr(GDateTime) monday = g_date_time_add_days (day, 8 - g_date_time_get_day_of_week (day));
      next = g_date_time_add_minutes (monday, 5);
    }
  else if (g_str_equal (job, "monthly_report"))
    {
      g_autoptr(GDateTime) first = g_date_time_add_days (day, 1 - g_date_time_get_day_of_month (day));
      g_autoptr(GDateTime) month = g_date_time_add_months (first, 1);
      next = g_date_time_add_minutes (month, 5);
    }
  else if (g_str_equal (job, "backup"))
    next = g_date_time_add_days (day, 1);
  if (next)
    {
      g_autofree char *text = g_date_time_format (next, "%Y-%m-%d %H:%M");
      g_print (_("  next: %s\n"), text);
    }
  else
    g_print ("%s", _("  next: every run of the jobs (every 5 minutes)\n"));
}

static int
jobs_status (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_admin_connect (admin, &error);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;

  if (conn == NULL || (runs = wx_db_jobs_status (conn, &error)) == NULL)
    return wx_admin_fail (error);
  zone = shop_zone (conn);
  local = g_date_time_to_timezone (now, zone);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      WxJobRun *last = NULL;

      for (guint r = 0; r < runs->len; r++)
        if (g_str_equal (((WxJobRun *) g_ptr_array_index (runs, r))->job, jobs[i].name))
          last = g_ptr_array_index (runs, r);
      g_print ("%s\n", jobs[i].name);
      if (last)
        g_print (_("  last: %s, %s: %s\n"), last->finished_text, last->ok ? C_("job outcome", "done") : C_("job outcome", "failed"), last->detail);
      else
        g_print ("%s", _("  last: never\n"));
      print_next (jobs[i].name, local);
    }
  return EXIT_SUCCESS;
}

int
wx_admin_cmd_jobs (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) given = NULL;
  g_autofree char *conninfo = NULL;
  const char *sub = admin->args->len == 1 ? wx_admin_arg (admin, 0) : "";
  const char *at = wx_admin_value (admin, "--at");

  if (g_str_equal (sub, "status"))
    return jobs_status (admin);
  if (!g_str_equal (sub, "run"))
    return wx_admin_usage_error (_("Use “jobs run [--once]” or “jobs status”."));
  if (at)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      given = g_date_time_new_from_iso8601 (at, utc);
      if (given == NULL)
        return wx_admin_usage_error (_("--at takes a time like 2026-12-07T00:10:00+08:00."));
    }
  conninfo = wx_admin_conninfo (admin, &error);
  if (conninfo == NULL)
    return wx_admin_fail (error);
  if (wx_admin_flag (admin, "--once") || given)
    return run_once (admin, conninfo, given);
  for (;;)
    {
      run_once (admin, conninfo, NULL);
      fflush (stdout);
      g_usleep (LOOP_SECONDS * G_USEC_PER_SEC);
    }
}

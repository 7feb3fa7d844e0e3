#define G_LOG_DOMAIN "wx-db-bench"

#include <stdio.h>

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-validate.h"
#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-bench.h"
#include "wx-db-board.h"
#include "wx-db-review.h"

#define NOTE_MAX_CHARS 2000

/* ------------------------------------------------------------ my work */

static const struct {
  WxOrderState     state;
  WxBenchTaskKind  kind;
} task_states[] = {
  { WX_ORDER_STATE_INSPECTING,         WX_BENCH_TASK_INSPECT },
  { WX_ORDER_STATE_AGREED,             WX_BENCH_TASK_REPAIR },
  { WX_ORDER_STATE_REPAIRING,          WX_BENCH_TASK_REPAIR },
  { WX_ORDER_STATE_WAITING_PARTS,      WX_BENCH_TASK_PARTS },
  { WX_ORDER_STATE_OUTSOURCED,         WX_BENCH_TASK_PEER },
  { WX_ORDER_STATE_ONSITE_DISPATCHED,  WX_BENCH_TASK_CALL },
  { WX_ORDER_STATE_APPOINTMENT_BOOKED, WX_BENCH_TASK_VISIT },
  { WX_ORDER_STATE_ON_SITE,            WX_BENCH_TASK_VISIT },
  { WX_ORDER_STATE_DELIVERING,         WX_BENCH_TASK_DELIVER },
};

static const char *task_labels[] = {
  [WX_BENCH_TASK_INSPECT] = N_("Inspect and reply"),
  [WX_BENCH_TASK_REPAIR]  = N_("Repair the machine"),
  [WX_BENCH_TASK_PARTS]   = N_("Follow the part order"),
  [WX_BENCH_TASK_PEER]    = N_("Follow the peer shop"),
  [WX_BENCH_TASK_CALL]    = N_("Phone the customer, book the visit"),
  [WX_BENCH_TASK_VISIT]   = N_("Visit"),
  [WX_BENCH_TASK_DELIVER] = N_("Deliver"),
  [WX_BENCH_TASK_ANSWER]  = N_("Answer the supervisor's return"),
};

const char *
wx_bench_task_kind_label (WxBenchTaskKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (task_labels), NULL);
  return _(task_labels[kind]);
}

void
wx_bench_task_free (WxBenchTask *task)
{
  if (task == NULL)
    return;
  g_clear_object (&task->order);
  g_free (task->note);
  g_free (task);
}

static int
compare_tasks (gconstpointer a,
               gconstpointer b)
{
  const WxBenchTask *x = *(WxBenchTask **) a, *y = *(WxBenchTask **) b;

  if ((x->kind == WX_BENCH_TASK_ANSWER) != (y->kind == WX_BENCH_TASK_ANSWER))
    return x->kind == WX_BENCH_TASK_ANSWER ? -1 : 1;
  if ((x->due == 0) != (y->due == 0))
    return x->due == 0 ? 1 : -1;
  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return wx_order_compare_urgency (x->order, y->order);
}

/* The supervisor's returns addressed to `login` and not yet answered, as
 * tasks (维修服务记录单审核: the person answers the return). */
static gboolean
add_returns (PGconn *conn, const char *login, gint64 now, GPtrArray *tasks, GError **error)
{
  g_autoptr(GPtrArray) returns = wx_db_review_to_answer (conn, login, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) cards = NULL;

  if (returns == NULL)
    return FALSE;
  if (returns->len == 0)
    return TRUE;
  for (guint i = 0; i < returns->len; i++)
    g_array_append_val (ids, ((WxReviewOpenReturn *) returns->pdata[i])->order_id);
  cards = wx_db_board_load_ids (conn, (const gint64 *) (gpointer) ids->data, ids->len, now, error);
  if (cards == NULL)
    return FALSE;
  for (guint i = 0; i < returns->len; i++)
    {
      const WxReviewOpenReturn *r = returns->pdata[i];

      for (guint c = 0; c < cards->len; c++)
        if (g_str_equal (wx_order_get_number (cards->pdata[c]), r->number))
          {
            WxBenchTask *task = g_new0 (WxBenchTask, 1);

            task->kind = WX_BENCH_TASK_ANSWER;
            task->order = g_object_ref (cards->pdata[c]);
            task->review_id = r->review_id;
            /* TRANSLATORS: My work: the supervisor who returned the order, what to put right */
            task->note = g_strdup_printf (_("%s: %s"), r->reviewer, r->comment);
            g_ptr_array_add (tasks, task);
          }
    }
  return TRUE;
}

GPtrArray *
wx_db_bench_my_work (PGconn      *conn,
                     const char  *login,
                     gint64       now,
                     GError     **error)
{
  const char *states[G_N_ELEMENTS (task_states) + 1];
  g_autoptr(GPtrArray) cards = NULL;
  GPtrArray *tasks;

  g_return_val_if_fail (login != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (task_states); i++)
    states[i] = wx_order_state_to_code (task_states[i].state);
  states[G_N_ELEMENTS (task_states)] = NULL;
  cards = wx_db_board_load_engineer (conn, login, states, now, error);
  if (cards == NULL)
    return NULL;

  tasks = g_ptr_array_new_full (cards->len, (GDestroyNotify) wx_bench_task_free);
  for (guint i = 0; i < cards->len; i++)
    {
      WxOrder *order = g_ptr_array_index (cards, i);
      const WxOrderData *d = wx_order_get_data (order);
      WxBenchTask *task = g_new0 (WxBenchTask, 1);

      for (guint s = 0; s < G_N_ELEMENTS (task_states); s++)
        if (task_states[s].state == d->state)
          task->kind = task_states[s].kind;
      task->order = g_object_ref (order);
      if (task->kind == WX_BENCH_TASK_VISIT && d->appointment_at > 0)
        task->due = d->appointment_at;
      else if (d->has_clock)
        task->due = d->clock_due;
      g_ptr_array_add (tasks, task);
    }
  if (!add_returns (conn, login, now, tasks, error))
    {
      g_ptr_array_unref (tasks);
      return NULL;
    }
  g_ptr_array_sort (tasks, compare_tasks);
  return tasks;
}

/* ------------------------------------------------------------ work log */

/* One person's steps and notes of one day of the shop's calendar. What a
 * step recorded: the findings, the repair, the part, the reason. */
static const char work_log_sql[] =
  "WITH d AS (SELECT ($2::date)::timestamp AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai') AS t0,"
  "                  ($2::date + 1)::timestamp AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai') AS t1) "
  "SELECT date_part('epoch', x.at)::bigint, coalesce(o.number, ''), x.event,"
  "       coalesce(x.from_state, ''), coalesce(x.to_state, ''),"
  "       coalesce(nullif(x.text, ''),"
  "                CASE WHEN x.event = 'inspect' THEN nullif(o.fault_analysis, '')"
  "                     WHEN x.event IN ('repair_done', 'fix_at_desk', 'fix_on_site') THEN nullif(o.repair_notes, '')"
  "                END, ''),"
  "       coalesce(o.unit_name, '')"
  "  FROM (SELECT e.at, e.id, e.order_id, e.event, e.from_state, e.to_state,"
  "               coalesce(e.payload ->> 'fault_analysis', e.payload ->> 'repair_notes', e.payload ->> 'part',"
  "                        (SELECT p.name FROM suppliers p WHERE p.id::text = e.payload ->> 'peer_id'),"
  "                        e.payload ->> 'reason', e.payload ->> 'cancel_reason') AS text"
  "          FROM order_events e, d WHERE e.actor = $1 AND e.at >= d.t0 AND e.at < d.t1"
  "        UNION ALL"
  "        SELECT n.at, n.id, n.order_id, NULL, NULL, NULL, n.body"
  "          FROM work_notes n, d WHERE n.author = $1 AND n.at >= d.t0 AND n.at < d.t1) x"
  "  LEFT JOIN service_orders o ON o.id = x.order_id"
  " ORDER BY x.at, x.event IS NULL, x.id";

static void
work_log_entry_free (WxWorkLogEntry *e)
{
  g_free (e->number);
  g_free (e->event);
  g_free (e->from_state);
  g_free (e->to_state);
  g_free (e->text);
  g_free (e->unit);
  g_free (e);
}

void
wx_work_log_free (WxWorkLog *log)
{
  if (log == NULL)
    return;
  g_free (log->login);
  g_free (log->full_name);
  g_free (log->company);
  g_free (log->day);
  g_clear_pointer (&log->timezone, g_time_zone_unref);
  g_clear_pointer (&log->entries, g_ptr_array_unref);
  g_free (log);
}

char *
wx_work_log_entry_describe (const WxWorkLogEntry *entry)
{
  WxOrderState from, to;

  if (entry->event == NULL)
    return g_strdup (_("Note"));
  /* Where the step took the machine: its shelf, as the engineer sees it. */
  if (wx_workflow_state_from_code (entry->to_state, &to) &&
      !(wx_workflow_state_from_code (entry->from_state, &from) &&
        wx_workflow_state_info (from)->shelf == wx_workflow_state_info (to)->shelf) &&
      wx_workflow_state_info (to)->shelf != WX_SHELF_NONE)
    /* TRANSLATORS: a step of the work log: the step, the shelf it took the machine to */
    return g_strdup_printf (_("%s → %s"), wx_workflow_event_label (entry->event),
                            wx_shelf_label (wx_workflow_state_info (to)->shelf));
  return g_strdup (wx_workflow_event_label (entry->event));
}

static gboolean
valid_day (const char  *day,
           GError     **error)
{
  int y, m, d;
  char end;

  if (day && sscanf (day, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return TRUE;
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not a day; write it as YYYY-MM-DD."), day ? day : "");
  return FALSE;
}

WxWorkLog *
wx_db_work_log_load (PGconn      *conn,
                     const char  *login,
                     const char  *day,
                     GError     **error)
{
  g_autoptr(WxWorkLog) log = NULL;
  g_autoptr(PGresult) head = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[2] = { login, day };

  g_return_val_if_fail (login != NULL, NULL);
  if (day != NULL && !valid_day (day, error))
    return NULL;
  /* No day: today, in the shop's time zone. */
  head = wx_db_query (conn, "SELECT coalesce((SELECT full_name FROM staff WHERE role_name = $1), $1),"
                            " wx_setting('company.name', ''), wx_setting('timezone', 'Asia/Shanghai'),"
                            " coalesce($2::date, (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date)::text",
                      2, params, error);
  if (head == NULL)
    return NULL;
  params[1] = PQgetvalue (head, 0, 3);
  if ((res = wx_db_query (conn, work_log_sql, 2, params, error)) == NULL)
    return NULL;

  log = g_new0 (WxWorkLog, 1);
  log->login = g_strdup (login);
  log->full_name = wx_db_dup_text (head, 0, 0);
  log->company = wx_db_dup_text (head, 0, 1);
  log->timezone = g_time_zone_new_identifier (PQgetvalue (head, 0, 2));
  if (log->timezone == NULL)
    log->timezone = g_time_zone_new_local ();
  log->day = wx_db_dup_text (head, 0, 3);
  log->entries = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) work_log_entry_free);
  for (int r = 0; r < PQntuples (res); r++)
    {
      WxWorkLogEntry *e = g_new0 (WxWorkLogEntry, 1);

      e->at = wx_db_get_int (res, r, 0);
      e->number = wx_db_dup_text (res, r, 1);
      e->event = PQgetisnull (res, r, 2) ? NULL : wx_db_dup_text (res, r, 2);
      e->from_state = wx_db_dup_text (res, r, 3);
      e->to_state = wx_db_dup_text (res, r, 4);
      e->text = wx_db_dup_text (res, r, 5);
      e->unit = wx_db_dup_text (res, r, 6);
      g_ptr_array_add (log->entries, e);
    }
  return g_steal_pointer (&log);
}

gboolean
wx_db_work_note_add (PGconn      *conn,
                     const char  *number,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(PGresult) res = NULL;
  const char *params[2] = { number && *number ? number : NULL, text };

  if (!wx_validate_required (text, _("Note"), NOTE_MAX_CHARS, error))
    return FALSE;
  res = wx_db_query (conn,
                     "INSERT INTO work_notes (order_id, body)"
                     " SELECT o.id, btrim($2) FROM (SELECT NULL::bigint AS id WHERE $1::text IS NULL"
                     "                              UNION ALL"
                     "                              SELECT id FROM service_orders WHERE number = $1) o"
                     " RETURNING id", 2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND,
                   _("There is no order %s; check the number, or leave it empty."), number);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ on the worker */

void
wx_db_my_work_free (WxDbMyWork *work)
{
  if (work == NULL)
    return;
  g_clear_pointer (&work->tasks, g_ptr_array_unref);
  g_free (work->timezone);
  g_free (work);
}

typedef struct {
  char   *login;
  char   *day;        /* the work log's; NULL: today */
  char   *number;     /* the note's order; NULL: none */
  char   *text;       /* the note */
  gint64  now;
} BenchJob;

static void
bench_job_free (BenchJob *job)
{
  g_free (job->login);
  g_free (job->day);
  g_free (job->number);
  g_free (job->text);
  g_free (job);
}

static gboolean
my_work_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  BenchJob *job = data;
  g_autoptr(WxDbMyWork) work = g_new0 (WxDbMyWork, 1);

  if ((work->timezone = wx_db_setting (conn, "timezone", "Asia/Shanghai", error)) == NULL ||
      (work->tasks = wx_db_bench_my_work (conn, job->login, job->now, error)) == NULL)
    return FALSE;
  *result = g_steal_pointer (&work);
  return TRUE;
}

void
wx_db_bench_my_work_async (WxDbWorker *worker, const char *login, gint64 now, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  BenchJob *job = g_new0 (BenchJob, 1);

  job->login = g_strdup (login);
  job->now = now;
  wx_db_worker_read_async (worker, my_work_job, job, (GDestroyNotify) bench_job_free,
                           (GDestroyNotify) wx_db_my_work_free, cancellable, callback, user_data);
}

WxDbMyWork *
wx_db_bench_my_work_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
work_log_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  BenchJob *job = data;

  *result = wx_db_work_log_load (conn, job->login, job->day, error);
  return *result != NULL;
}

void
wx_db_work_log_load_async (WxDbWorker *worker, const char *login, const char *day, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  BenchJob *job = g_new0 (BenchJob, 1);

  job->login = g_strdup (login);
  job->day = g_strdup (day);
  wx_db_worker_read_async (worker, work_log_job, job, (GDestroyNotify) bench_job_free,
                           (GDestroyNotify) wx_work_log_free, cancellable, callback, user_data);
}

WxWorkLog *
wx_db_work_log_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
note_add_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  BenchJob *job = data;

  return wx_db_work_note_add (conn, job->number, job->text, error);
}

void
wx_db_work_note_add_async (WxDbWorker *worker, const char *number, const char *text, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  BenchJob *job = g_new0 (BenchJob, 1);

  job->number = g_strdup (number);
  job->text = g_strdup (text);
  wx_db_worker_run_async (worker, note_add_job, job, (GDestroyNotify) bench_job_free, NULL,
                          cancellable, callback, user_data);
}

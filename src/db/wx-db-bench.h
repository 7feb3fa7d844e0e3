/* wx-db-bench.h — the engineer's bench (seed 000 工程师 每日工作程序 and
 * 操作细则): "My work", the engineer's orders by the clock that matters
 * most; the work log (工作日志) of a day, the steps the engineer took from
 * the event log and the notes of the day; adding a note. Blocking: call
 * from a worker thread. Each call runs a fixed number of statements,
 * whatever the number of rows. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-order.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ my work */

typedef enum {
  WX_BENCH_TASK_INSPECT,     /* inspecting: tell the result within 4 hours (4小时复命) */
  WX_BENCH_TASK_REPAIR,      /* approved: repair (agreed, repairing) */
  WX_BENCH_TASK_PARTS,       /* waiting for parts: follow the order */
  WX_BENCH_TASK_PEER,        /* at a peer shop: follow it until it is back */
  WX_BENCH_TASK_CALL,        /* dispatched on site: phone within 10 minutes, book the visit */
  WX_BENCH_TASK_VISIT,       /* a visit booked, or on site now */
  WX_BENCH_TASK_DELIVER,     /* take the machine back to the customer */
  WX_BENCH_TASK_ANSWER,      /* the supervisor returned the order: put it right, resubmit */
} WxBenchTaskKind;

typedef struct {
  WxBenchTaskKind  kind;
  WxOrder         *order;    /* the card, with its most urgent clock */
  gint64           due;      /* Unix seconds: the appointment, else the clock's limit; 0 none */
  gint64           review_id; /* WX_BENCH_TASK_ANSWER: the return to answer */
  char            *note;     /* WX_BENCH_TASK_ANSWER: "supervisor: what must be put right" */
} WxBenchTask;

void        wx_bench_task_free       (WxBenchTask   *task);
const char *wx_bench_task_kind_label (WxBenchTaskKind kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxBenchTask, wx_bench_task_free)

/* The open orders of engineer `login` that are theirs to do, most urgent
 * first: the supervisor's returns to answer lead, then the earliest due
 * (overdue ones first), those without a time last. Three queries. Element
 * type WxBenchTask. */
GPtrArray  *wx_db_bench_my_work      (PGconn        *conn,
                                      const char    *login,
                                      gint64         now,
                                      GError       **error);

/* ------------------------------------------------------------ work log */

typedef struct {
  gint64  at;              /* Unix seconds */
  char   *number;          /* the order, "" when none */
  char   *event;           /* the step's code; NULL for a note */
  char   *from_state;      /* codes, "" when none */
  char   *to_state;
  char   *text;            /* the note, or what the step recorded (findings, repair, part, reason) */
  char   *unit;            /* the order's unit (单位), "" when none */
} WxWorkLogEntry;

typedef struct {
  char      *login;
  char      *full_name;    /* the staff name, else the login */
  char      *company;      /* company.name of the settings */
  char      *day;          /* "YYYY-MM-DD", in the shop's time zone */
  GTimeZone *timezone;     /* the shop's, for the times of the entries */
  GPtrArray *entries;      /* WxWorkLogEntry, in time order */
} WxWorkLog;

void        wx_work_log_free         (WxWorkLog     *log);
/* What a line of the log did: "Inspection done → Inspected, to quote", or
 * "Note" — as the window and the printed log say it. */
char       *wx_work_log_entry_describe (const WxWorkLogEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxWorkLog, wx_work_log_free)

/* What `login` did on `day` ("YYYY-MM-DD" in the shop's time zone; NULL:
 * today there): each step of the event log they took and each note they
 * wrote, in time order. */
WxWorkLog  *wx_db_work_log_load      (PGconn        *conn,
                                      const char    *login,
                                      const char    *day,
                                      GError       **error);

/* Adds a note to the connected user's work log, about order `number` (NULL
 * or "" for none). The server stamps who and when. */
gboolean    wx_db_work_note_add      (PGconn        *conn,
                                      const char    *number,
                                      const char    *text,
                                      GError       **error);

/* ------------------------------------------------------------ on the worker */

/* My work and the shop's time zone for its times, read in one job. */
typedef struct {
  GPtrArray *tasks;        /* WxBenchTask, as wx_db_bench_my_work */
  char      *timezone;     /* the setting `timezone`, else "Asia/Shanghai" */
} WxDbMyWork;

void        wx_db_my_work_free       (WxDbMyWork    *work);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbMyWork, wx_db_my_work_free)

/* wx_db_bench_my_work with the time zone: a WxDbMyWork, NULL with `error`. */
void        wx_db_bench_my_work_async  (WxDbWorker          *worker,
                                        const char          *login,
                                        gint64               now,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
WxDbMyWork *wx_db_bench_my_work_finish (WxDbWorker          *worker,
                                        GAsyncResult        *result,
                                        GError             **error);
/* wx_db_work_log_load: the log (wx_work_log_free), NULL with `error`. */
void        wx_db_work_log_load_async  (WxDbWorker          *worker,
                                        const char          *login,
                                        const char          *day,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
WxWorkLog  *wx_db_work_log_load_finish (WxDbWorker          *worker,
                                        GAsyncResult        *result,
                                        GError             **error);
/* wx_db_work_note_add; ends with wx_db_worker_write_finish. */
void        wx_db_work_note_add_async  (WxDbWorker          *worker,
                                        const char          *number,
                                        const char          *text,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

G_END_DECLS

/* wx-db-callbacks.h — the supervisor's callbacks (回访), complaints (投诉)
 * and escalation inbox (data/sql/013_callbacks.sql), and the periodic sweep
 * that does the automatic work. Blocking: call from a worker thread. Every
 * user action is one transaction through the database's functions
 * (data/sql/functions/feedback.sql), the only writers of these tables; bad
 * input is refused with a sentence (core/wx-callback.h, the same as the
 * server's) and writes nothing. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-callback.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ callbacks */

/* Adds the callbacks due from the orders and calls, due on the business
 * calendar: as of the server's clock (`now` NULL: wx_callbacks_generate(),
 * the staff's), or as of `now` (wx_callbacks_generate_at: the owner's only,
 * demo data and tests; refused to the staff). Returns how many were added
 * (0 when run again), -1 with `error`. */
int        wx_db_callbacks_generate (PGconn            *conn,
                                     GDateTime         *now,
                                     GError           **error);

int        wx_db_escalate_late_decisions (PGconn     *conn,
                                          GDateTime  *now,
                                          GError    **error);

typedef struct {
  int undiagnosed;     /* orders escalated: no diagnosis within a week */
  int overdue_parts;   /* orders escalated: a part order is late */
  int callbacks;       /* callbacks added to the lists */
  int late_decisions;  /* orders escalated: the customer has not decided on the quote in time */
} WxSweepCounts;

/* The supervisor window's periodic work, in one transaction: the automatic
 * escalations (wx_escalate_undiagnosed, wx_escalate_overdue_parts) and the
 * callback lists, as of the server's clock (`now` NULL; a `now` of one's
 * own is the owner's only). */
gboolean   wx_db_supervisor_sweep   (PGconn            *conn,
                                     GDateTime         *now,
                                     WxSweepCounts     *counts,
                                     GError           **error);

/* A callback still to make. Strings are never NULL. */
typedef struct {
  gint64    id;
  char     *kind;            /* WX_CODE_CALLBACK_KIND */
  gint64    due_at;          /* Unix seconds: the time to call again when set, else when due */
  char     *due_text;        /* YYYY-MM-DD HH:MM in the shop's time zone */
  gboolean  overdue;         /* due before the server's now */
  guint     attempts;        /* tries nobody answered */
  gint64    order_id;        /* 0: a phone case */
  char     *order_number;    /* "" for a phone case */
  gint64    call_id;         /* 0: an order's callback */
  gint64    customer_id;     /* 0: none known */
  char     *unit_name;
  char     *contact;
  char     *phone;
  char     *engineer;        /* who repaired (or was dispatched), or took the call: full name */
  char     *subject;         /* the machine, or what the call was about */
  char     *comments;        /* from an earlier try */
} WxCallbackDue;

void       wx_callback_due_free     (WxCallbackDue     *due);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCallbackDue, wx_callback_due_free)

/* Every callback not done, by list (weekly, on-site, hotline, guidance,
 * pickup) and then by when due: a GPtrArray of WxCallbackDue. */
GPtrArray *wx_db_callbacks_due      (PGconn            *conn,
                                     GError           **error);

typedef struct {
  gint64  return_order_id;       /* the return repair opened, else 0 */
  char   *return_order_number;   /* its number, else NULL */
  gint64  complaint_id;          /* the complaint opened, else 0 */
} WxCallbackOutcome;

void       wx_callback_outcome_clear (WxCallbackOutcome *outcome);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WxCallbackOutcome, wx_callback_outcome_clear)

/* Records the answer (wx_callback_answer_check) in one transaction. Not
 * reached: the try is counted and the callback stays on its list, due at
 * the time to call again. Reached: the callback is done; a machine not
 * working opens its follow-up in the same transaction — a return repair
 * (a new order of the same customer and machine, flagged as a return repair
 * of the callback's order) or a complaint about it. A callback already done
 * is a CONFLICT. `outcome` may be NULL. */
gboolean   wx_db_callback_record    (PGconn                 *conn,
                                     const WxCallbackAnswer *answer,
                                     WxCallbackOutcome      *outcome,
                                     GError                **error);

/* ------------------------------------------------------------ complaints */

typedef struct {
  gboolean  done;
  char     *at_text;         /* "" when not done */
  char     *actor;           /* full name, "" when not done */
  char     *note;
  gboolean  escalated;       /* step 3: escalated to the manager */
} WxComplaintStep;

typedef struct {
  gint64           id;
  gint64           customer_id;
  char            *unit_name;
  gint64           order_id;          /* 0: none */
  char            *order_number;      /* "" when none */
  char            *received_text;     /* YYYY-MM-DD HH:MM */
  char            *received_by;       /* full name */
  char            *description;
  gboolean         closed;
  char            *closed_text;       /* "" while open */
  char            *outcome;
  char            *early_reason;      /* closed before step 5: why; else "" */
  guint            steps_done;        /* steps 1..steps_done are recorded */
  WxComplaintStep  steps[WX_COMPLAINT_N_STEPS];
} WxComplaint;

void       wx_complaint_free        (WxComplaint       *complaint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxComplaint, wx_complaint_free)

/* Open complaints (oldest first), then those closed in the last 90 days
 * (latest first): a GPtrArray of WxComplaint. */
GPtrArray *wx_db_complaints_list    (PGconn            *conn,
                                     GError           **error);
/* A new complaint about the order `order_number` (its customer), or of the
 * customer `customer_id` when no order is given; received by the user, now.
 * Returns its id, 0 with `error`. */
gint64     wx_db_complaint_open     (PGconn            *conn,
                                     const char        *order_number,
                                     gint64             customer_id,
                                     const char        *description,
                                     GError           **error);
/* Records step `step` (wx_complaint_step_check): who and when are the server's. */
gboolean   wx_db_complaint_step     (PGconn            *conn,
                                     gint64             complaint_id,
                                     guint              step,
                                     const char        *note,
                                     gboolean           escalated,
                                     GError           **error);
/* Closes it (wx_complaint_close_check; a supervisor): after step 5, or
 * before with `early_reason` (NULL or "" otherwise). */
gboolean   wx_db_complaint_close    (PGconn            *conn,
                                     gint64             complaint_id,
                                     const char        *outcome,
                                     const char        *early_reason,
                                     GError           **error);

/* ------------------------------------------------------------ escalations */

typedef struct {
  gint64    id;
  gint64    order_id;
  char     *order_number;
  char     *unit_name;
  char     *state;             /* the order's state code */
  char     *at_text;
  char     *trigger;           /* WX_CODE_ESCALATION_TRIGGER */
  char     *reason;
  char     *raised_by;         /* full name */
  gboolean  resolved;
  char     *resolved_text;     /* "" while open */
  char     *resolved_by;
  char     *resolution;
} WxEscalation;

void       wx_escalation_free       (WxEscalation      *escalation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxEscalation, wx_escalation_free)

/* Open escalations (oldest first), then those resolved in the last 30 days
 * (latest first): a GPtrArray of WxEscalation. */
GPtrArray *wx_db_escalations_list   (PGconn            *conn,
                                     GError           **error);
/* Resolves an open escalation (wx_escalation_resolution_check); one already
 * resolved is a CONFLICT that says by whom. */
gboolean   wx_db_escalation_resolve (PGconn            *conn,
                                     gint64             escalation_id,
                                     const char        *resolution,
                                     GError           **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_supervisor_sweep as of the server's clock: the counts (g_free), NULL with `error`. */
void           wx_db_supervisor_sweep_async  (WxDbWorker          *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
WxSweepCounts *wx_db_supervisor_sweep_finish (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
/* wx_db_callbacks_due: a GPtrArray of WxCallbackDue. */
void           wx_db_callbacks_due_async     (WxDbWorker          *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray     *wx_db_callbacks_due_finish    (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
/* wx_db_callback_record (`answer` is copied): the outcome (free with
 * wx_callback_outcome_free), NULL with `error`. */
void           wx_db_callback_record_async   (WxDbWorker          *worker,
                                              const WxCallbackAnswer *answer,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
WxCallbackOutcome *wx_db_callback_record_finish (WxDbWorker       *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
void           wx_callback_outcome_free      (WxCallbackOutcome   *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCallbackOutcome, wx_callback_outcome_free)

/* wx_db_complaints_list: a GPtrArray of WxComplaint. */
void           wx_db_complaints_list_async   (WxDbWorker          *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray     *wx_db_complaints_list_finish  (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
/* wx_db_complaint_open (by order number), _step and _close; each ends
 * with wx_db_complaint_finish: the complaint's id, 0 with `error`. */
void           wx_db_complaint_open_async    (WxDbWorker          *worker,
                                              const char          *order_number,
                                              const char          *description,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void           wx_db_complaint_step_async    (WxDbWorker          *worker,
                                              gint64               complaint_id,
                                              guint                step,
                                              const char          *note,
                                              gboolean             escalated,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void           wx_db_complaint_close_async   (WxDbWorker          *worker,
                                              gint64               complaint_id,
                                              const char          *outcome,
                                              const char          *early_reason,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64         wx_db_complaint_finish        (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
/* wx_db_escalations_list: a GPtrArray of WxEscalation. */
void           wx_db_escalations_list_async  (WxDbWorker          *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray     *wx_db_escalations_list_finish (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);
/* wx_db_escalation_resolve; ends with wx_db_worker_write_finish. */
void           wx_db_escalation_resolve_async (WxDbWorker         *worker,
                                              gint64               escalation_id,
                                              const char          *resolution,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

G_END_DECLS

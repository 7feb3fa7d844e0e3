/* wx-db-review.h — the supervisor's review queue in the database (seed 000
 * 维修部主管 操作细则: 维修服务记录单审核): the entered orders not yet
 * reviewed with the `review` clock, the facts of one order and its
 * checklist (core/wx-review.h), passing it (the `review` step and an
 * order_reviews row in one transaction) or returning it with a comment to
 * the person responsible (an order_reviews row and a `review_returned`
 * event in one transaction), and the returns a person has not yet answered.
 * Blocking: call from a worker thread with that thread's PGconn. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-review.h"
#include "wx-db-sla.h"
#include "wx-db-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* An order waiting for its review. */
typedef struct {
  gint64         order_id;
  char          *number;
  int            version;
  WxOrderKind    kind;
  char          *unit_name;
  char          *machine;          /* product and model */
  char          *engineer;         /* login, "" when none */
  char          *engineer_name;    /* full name, "" when none */
  gint64         entered_at;       /* Unix seconds */
  gint64         review_due;       /* the review clock's limit: 12:00 the next working day by default */
  WxClockStatus  clock;            /* running, amber or red as of `now` */
  gint64         minutes_left;     /* business minutes to the due time; negative when overdue */
  char          *returned_to;      /* full name when the last review returned it, else NULL */
  gboolean       answered;         /* returned, and answered since (review_answered) */
  char          *entered_text;     /* "2026-11-17 11:00" in the shop's time zone */
  char          *due_text;
} WxReviewQueueItem;

void       wx_review_queue_item_free (WxReviewQueueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReviewQueueItem, wx_review_queue_item_free)

/* Entered orders with reviewed_at NULL, most urgent (earliest due) first.
 * Element type WxReviewQueueItem. */
GPtrArray *wx_db_review_queue_load    (PGconn        *conn,
                                       gint64         now,
                                       GError       **error);

/* The return that stands on an entered order not yet reviewed: the order's
 * latest review returned it (维修服务记录单审核), answered or not. */
typedef struct {
  gint64    order_id;
  char     *number;
  gint64    review_id;
  char     *reviewer;          /* full name */
  char     *returned_to;       /* login */
  char     *returned_to_name;  /* full name */
  char     *comment;
  char     *at_text;           /* YYYY-MM-DD HH:MM in the shop's time zone */
  gboolean  answered;
  char     *answer;            /* what was put right; "" until answered */
  gboolean  amended;           /* the order's details were corrected before the answer */
} WxReviewOpenReturn;

void       wx_review_open_return_free  (WxReviewOpenReturn *ret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReviewOpenReturn, wx_review_open_return_free)

/* One order, its facts and its checklist as of now. */
typedef struct {
  gint64         order_id;
  char          *number;
  int            version;
  WxOrderKind    kind;
  WxOrderState   state;
  char          *unit_name;
  char          *machine;
  gboolean       reviewed;         /* reviewed_at is set */
  WxReview      *review;
  GHashTable    *people;           /* login → full name of every active member of staff */
  WxReviewOpenReturn *open_return; /* returned by the last review and not reviewed since, else NULL */
} WxReviewOrder;

void           wx_review_order_free    (WxReviewOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReviewOrder, wx_review_order_free)

/* Six queries: the return standing on it, the order and its people, its parts requested and used,
 * its event log, the calendar and the thresholds. */
WxReviewOrder *wx_db_review_order_load (PGconn       *conn,
                                        const char   *number,
                                        GError      **error);

/* One transaction (wx_review_pass): the checklist evaluated afresh is
 * written as an order_reviews row (outcome passed, parts_ok) and the order
 * takes the `review` step from `expected_version` (-1: as read now). A
 * conflict writes nothing ("Changed by … at …"). */
gboolean       wx_db_review_pass       (PGconn              *conn,
                                        const char          *number,
                                        int                  expected_version,
                                        WxTransitionResult  *result,
                                        GError             **error);
/* The bulk pass: each of `numbers` (NULL-terminated) whose checklist,
 * evaluated afresh, has no failed check and no wrong part passes as
 * wx_db_review_pass does, in a transaction of its own
 * (wx_review_pass_clean, which checks it again): one `review` event each.
 * The others (a failed check, a return not yet answered, changed meanwhile,
 * reviewed already) stay in
 * the queue and are counted in `n_skipped`. Returns how many passed; an
 * error only when the connection is lost. */
guint          wx_db_review_pass_clean (PGconn              *conn,
                                        const char * const  *numbers,
                                        guint               *n_skipped,
                                        GError             **error);
/* One transaction (wx_review_return): an order_reviews row (outcome
 * returned, the checklist, `comment`, `returned_to`: an active member of
 * staff) and the order's `review_returned` event, if the order is still at
 * `expected_version` (-1: as read now), entered and not reviewed; the
 * order's version moves on. Returns the review's id, 0 on error. */
gint64         wx_db_review_return     (PGconn              *conn,
                                        const char          *number,
                                        int                  expected_version,
                                        const char          *comment,
                                        const char          *returned_to,
                                        GError             **error);

/* A return addressed to someone and not yet answered. */
typedef struct {
  gint64  review_id;
  char   *number;
  gint64  at;
  char   *reviewer;        /* full name */
  char   *comment;
} WxReviewReturn;

void       wx_review_return_free       (WxReviewReturn *ret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReviewReturn, wx_review_return_free)

/* The returns addressed to `login` that still stand: the order has not been
 * reviewed since and `login` has not acknowledged them; newest first.
 * Element type WxReviewReturn. */
GPtrArray *wx_db_review_returns_load   (PGconn        *conn,
                                        const char    *login,
                                        GError       **error);
/* The connected user has seen the returns `review_ids`, all addressed to
 * them (a `review_seen` event on each order, once), in one transaction
 * (wx_review_seen). */
gboolean   wx_db_review_returns_acknowledge (PGconn       *conn,
                                             const gint64 *review_ids,
                                             guint         n_ids,
                                             GError      **error);

/* The return standing on order `order_id`; NULL and no error when none. */
WxReviewOpenReturn *wx_db_review_open_return (PGconn        *conn,
                                              gint64         order_id,
                                              GError       **error);
/* The returns addressed to `login` still waiting for its answer, oldest
 * first. Element type WxReviewOpenReturn. */
GPtrArray *wx_db_review_to_answer      (PGconn        *conn,
                                        const char    *login,
                                        GError       **error);
/* The connected user answers the return `review_id` with `answer` (what
 * was put right) in one transaction (wx_review_answer): a
 * `review_answered` event, the order's version moves on. */
gboolean   wx_db_review_answer         (PGconn        *conn,
                                        gint64         review_id,
                                        const char    *answer,
                                        GError       **error);

/* On the worker: the queue as of when the job runs, one order, and the
 * decision (pass when `comment` is NULL, else return to `returned_to`);
 * the decision ends with wx_db_worker_write_finish. */
void           wx_db_review_queue_async  (WxDbWorker          *worker,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray     *wx_db_review_queue_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);
void           wx_db_review_order_async  (WxDbWorker          *worker,
                                          const char          *number,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
WxReviewOrder *wx_db_review_order_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);
void           wx_db_review_decide_async (WxDbWorker          *worker,
                                          const char          *number,
                                          int                  expected_version,
                                          const char          *comment,
                                          const char          *returned_to,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

/* wx_db_review_pass_clean on the worker (`numbers` copied). */
void           wx_db_review_pass_clean_async  (WxDbWorker          *worker,
                                               const char * const  *numbers,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       wx_db_review_pass_clean_finish (WxDbWorker          *worker,
                                               GAsyncResult        *result,
                                               guint               *passed,
                                               guint               *skipped,
                                               GError             **error);
/* wx_db_review_answer on the worker; ends with wx_db_worker_write_finish. */
void           wx_db_review_answer_async (WxDbWorker          *worker,
                                          gint64               review_id,
                                          const char          *answer,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

/* wx_db_review_returns_acknowledge on the worker (`review_ids` copied);
 * ends with wx_db_worker_write_finish. */
void           wx_db_review_returns_acknowledge_async (WxDbWorker   *worker,
                                          const gint64        *review_ids,
                                          guint                n_ids,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

G_END_DECLS

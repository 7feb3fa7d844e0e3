/* wx-db-visits.h — on-site visits in the database (data/sql/010_visits.sql):
 * each step of a visit is one transaction through wx_db_order_step_full —
 * the order's version checked, the step checked in core, the visit row and
 * the call written, the order moved and the event logged (which stops the
 * SLA clocks) — and the engineer's route for a day is one query.
 * Blocking: call from a worker thread. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-visit.h"
#include "wx-db-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

typedef struct {
  WxTransitionResult step;      /* the order after the step; event_id 0 when none was taken */
  gint64             visit_id;  /* the visit written, 0 when none */
  gint64             call_id;   /* the call logged, 0 when none */
} WxVisitResult;

/* One step of a visit, as in->step says, on the order `number` as last
 * seen at `version` (-1: as it is now), with what the engineer entered:
 *  - CONTACT: the phone call to the customer (purpose appointment), logged
 *    as a call; when somebody answered, also the visit's contact and the
 *    event contact_customer, which stops the 10-minute on-site contact clock;
 *  - BOOK (book_visit): the visit's time, address, contact and phone;
 *  - RUNNING_LATE: the call (purpose running_late), the late notice and the
 *    new time on the visit and the order;
 *  - ARRIVE: the arrival time on the visit;
 *  - OUTCOME, how the visit ended (in->outcome): fixed → fix_on_site
 *    (repair, parts used, customer signed); needs parts → inspect (findings,
 *    parts to quote); taken back → take_back (accessories, appearance,
 *    customer signed, the customer copy handed over; the order lands on
 *    shelf S1); customer absent → leave_unfixed (the note, arrival and
 *    leaving times). The visit is closed;
 *  - DELIVER: a repaired machine delivered (deliver: accessories checked, a
 *    delivery visit written) or a fix accepted on site (accept), with the
 *    payment.
 * A refused step changes nothing: core's sentence (with the field in
 * `field`, may be NULL), or the database's (a conflict names who changed
 * the order). */
gboolean   wx_db_visit_step         (PGconn              *conn,
                                     const char          *number,
                                     int                  version,
                                     const WxVisitInput  *in,
                                     WxVisitResult       *result,
                                     const char         **field,
                                     GError             **error);

/* The visits booked for the shop's day that `day` (Unix seconds) falls in,
 * of `engineer` (a login; NULL = every engineer), by time then number:
 * a GPtrArray of WxRouteStop (core/wx-route-stop.h). Visits of cancelled
 * orders are left out. */
GPtrArray *wx_db_visit_route        (PGconn              *conn,
                                     const char          *engineer,
                                     gint64               day,
                                     GError             **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_visit_step (`in`, its strings and accessories, copied). The finish
 * gives the result (g_free), or NULL with `error` and the field at fault
 * in `field` (may be NULL; valid until the callback returns). */
void           wx_db_visit_step_async   (WxDbWorker          *worker,
                                         const char          *number,
                                         int                  version,
                                         const WxVisitInput  *in,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
WxVisitResult *wx_db_visit_step_finish  (WxDbWorker          *worker,
                                         GAsyncResult        *result,
                                         const char         **field,
                                         GError             **error);
/* wx_db_order_facts of `number` (the visit dialog's prefill). */
void           wx_db_visit_facts_async  (WxDbWorker          *worker,
                                         const char          *number,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
WxOrderFacts  *wx_db_visit_facts_finish (WxDbWorker          *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

/* wx_db_visit_route on the worker: a GPtrArray of WxRouteStop. */
void           wx_db_visit_route_async  (WxDbWorker          *worker,
                                         const char          *engineer,
                                         gint64               day,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray     *wx_db_visit_route_finish (WxDbWorker          *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS

/* wx-db-board.h — the kanban board's orders from the database: every open
 * order as a card (WxOrder) with its most urgent running SLA clock (and its
 * events and the shop's rules, to move the clock on: wx_order_at), the
 * cards of given orders (to follow the wx_orders notifications), and the
 * front desk's search. Each call runs a fixed number of queries, whatever
 * the number of orders, and sees one snapshot of them. Blocking: call from
 * a worker thread, with a PGconn of that thread. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-order.h"
#include "core/wx-types.h"
#include "wx-db-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* Every open order (workflow state open = TRUE) as a card, with its most
 * urgent running clock as of `now` (Unix seconds), in the order of their ids.
 * Element type WxOrder, free func g_object_unref. */
GPtrArray *wx_db_board_load     (PGconn        *conn,
                                 gint64         now,
                                 GError       **error);

/* The orders with these ids, open or not (a closed one comes back so that
 * the board can drop it); ids that do not exist are absent. Closed orders
 * have no clock. */
GPtrArray *wx_db_board_load_ids (PGconn        *conn,
                                 const gint64  *ids,
                                 guint          n_ids,
                                 gint64         now,
                                 GError       **error);

/* The orders of engineer `login` (service_orders.engineer) in the states
 * `states` (codes, NULL-terminated), as cards with their clocks. */
GPtrArray *wx_db_board_load_engineer (PGconn              *conn,
                                      const char          *login,
                                      const char * const  *states,
                                      gint64               now,
                                      GError             **error);

/* Orders of any state matching `text`: an order number or a fragment of it,
 * a phone fragment (mobile or landline of the order or of its customer;
 * spaces and dashes do not count), a serial fragment, a fragment of the unit
 * name or of the contact person (case-insensitive, Chinese included);
 * newest first, at most `limit`. Empty text gives an empty array. */
GPtrArray *wx_db_orders_search  (PGconn        *conn,
                                 const char    *text,
                                 guint          limit,
                                 gint64         now,
                                 GError       **error);

/* wx_db_orders_search on the worker, as of when it runs: a GPtrArray of WxOrder. */
void       wx_db_orders_search_async  (WxDbWorker          *worker,
                                       const char          *text,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *wx_db_orders_search_finish (WxDbWorker          *worker,
                                       GAsyncResult        *result,
                                       GError             **error);

/* A desk's board as one read: who is logged in (wx_db_session_identity),
 * the open orders as of now (wx_db_board_load) and the supervisor's
 * returns to this user not yet answered (wx_db_review_returns_load). */
typedef struct {
  GPtrArray *orders;
  GPtrArray *returns;   /* WxReviewReturn */
  char      *login;
  char      *full_name;
  WxRole     roles;
} WxDbBoard;

void       wx_db_board_free           (WxDbBoard           *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbBoard, wx_db_board_free)
void       wx_db_board_load_async     (WxDbWorker          *worker,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
WxDbBoard *wx_db_board_load_finish    (WxDbWorker          *worker,
                                       GAsyncResult        *result,
                                       GError             **error);
/* What changed (a notification, a step): the orders `ids` as
 * wx_db_board_load_ids gives them, as of when it runs, and, when `login` is
 * given, the returns to that login not yet answered (as the board's load);
 * `ids` copied. The WxDbBoard has no identity (login NULL). */
void       wx_db_board_changes_async  (WxDbWorker          *worker,
                                       const gint64        *ids,
                                       guint                n_ids,
                                       const char          *login,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
WxDbBoard *wx_db_board_changes_finish (WxDbWorker          *worker,
                                       GAsyncResult        *result,
                                       GError             **error);
/* A step taken from a card: wx_db_order_step_full without extras (`data`
 * referenced, may be NULL). The finish gives the step's result. */
void       wx_db_board_step_async     (WxDbWorker          *worker,
                                       const char          *number,
                                       int                  expected_version,
                                       const char          *event,
                                       GHashTable          *data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean   wx_db_board_step_finish    (WxDbWorker          *worker,
                                       GAsyncResult        *res,
                                       WxTransitionResult  *result,
                                       GError             **error);

G_END_DECLS

/* wx-db-demo.h — realistic demo data for a repair shop in Guangzhou: staff,
 * customers and their machines, and service orders in every state with their
 * event history, quotes and payments. Run by the table owner on a migrated
 * database; each call adds more data in one transaction. */
#pragma once

#include "wx-db-pq.h"
#include <glib.h>

G_BEGIN_DECLS

gboolean wx_db_demo_load (PGconn     *conn,
                          guint       n_orders,
                          GDateTime  *now,
                          GError    **error);

/* The shape of the orders in time (`weixiu-admin demo --shape`):
 *   CHAIN    every order received in the eight weeks before `now`, about
 *            12,000 a week at 100,000 orders: a large chain on one server
 *            (what wx_db_demo_load loads);
 *   SHOP     a small shop's week (WX_DB_DEMO_SHOP_WEEKLY orders) spread over
 *            as many years as the orders need (20 at most, busier beyond),
 *            most clocks met, a few percent open and only recent ones late;
 *   BACKLOG  the chain's eight weeks with about half the orders left lying in
 *            some state: thousands open. */
typedef enum {
  WX_DB_DEMO_SHAPE_CHAIN,
  WX_DB_DEMO_SHAPE_SHOP,
  WX_DB_DEMO_SHAPE_BACKLOG,
} WxDbDemoShape;

#define WX_DB_DEMO_SHOP_WEEKLY 100
/* … and at most this many weeks back (order numbers start in 2000). */
#define WX_DB_DEMO_SHOP_WEEKS  1040

gboolean     wx_db_demo_shape_from_code (const char    *code,
                                         WxDbDemoShape *shape);
const char  *wx_db_demo_shape_to_code   (WxDbDemoShape  shape);

/* Called after each round of orders written (`done` of `total`), and with
 * `done` == `total` while the indexes and checks are rebuilt. */
typedef void (*WxDbDemoProgress) (guint     done,
                                  guint     total,
                                  gpointer  user_data);

/* Loads of WX_DB_DEMO_BULK_ORDERS orders and more take the owner's fast
 * path: the guard's row triggers (which let the owner through anyway) are
 * disabled for the load and their work done in one statement each after
 * it, and when the load is larger than what the tables hold, their foreign
 * keys and secondary indexes are dropped and made again after the COPY, so
 * that each is checked or built in one pass. All in the load's one
 * transaction: nobody sees the tables without them. */
#define WX_DB_DEMO_BULK_ORDERS 2000

gboolean wx_db_demo_load_shaped (PGconn           *conn,
                                 guint             n_orders,
                                 GDateTime        *now,
                                 WxDbDemoShape     shape,
                                 WxDbDemoProgress  progress,
                                 gpointer          user_data,
                                 GError          **error);

/* A few on-site orders booked for the day of `now`, two per demo engineer
 * (after wx_db_demo_load, which adds the engineers and the customers):
 * their visits are the route lists' of that day. `n_added` (may be NULL):
 * how many orders (WX_DB_DEMO_VISITS_TODAY at most). */
#define WX_DB_DEMO_VISITS_TODAY 8

gboolean wx_db_demo_visits_today (PGconn     *conn,
                                  GDateTime  *now,
                                  guint      *n_added,
                                  GError    **error);

/* The supervisor's feedback (after wx_db_demo_load): the callback lists of
 * the last eight weeks, most of them done with scores, some due; a hotline
 * case and a phone guidance; a complaint in progress and one closed; the
 * automatic escalations as of `now` and a manual one resolved. */
gboolean wx_db_demo_feedback     (PGconn     *conn,
                                  GDateTime  *now,
                                  GError    **error);

G_END_DECLS

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

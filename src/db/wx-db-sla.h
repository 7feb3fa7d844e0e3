/* wx-db-sla.h — the SLA clocks from the database: the calendar and the
 * thresholds (sla_thresholds), and the event logs of orders. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-sla.h"

G_BEGIN_DECLS

/* The shop's calendar compiled for [from, to] and its thresholds. */
gboolean wx_db_sla_rules_load  (PGconn       *conn,
                                gint64        from,
                                gint64        to,
                                WxSlaRules   *rules,
                                GError      **error);
/* The rules for clocks of orders whose first event is at `earliest`, as of
 * `now`: the calendar from the day before to 60 days after now. */
gboolean wx_db_sla_rules_load_for (PGconn    *conn,
                                   gint64     earliest,
                                   gint64     now,
                                   WxSlaRules *rules,
                                   GError   **error);
void     wx_sla_rules_clear    (WxSlaRules   *rules);

/* Orders with their event logs, for computing clocks in bulk. */
typedef struct {
  gint64        id;
  const char   *number;       /* owned by the set */
  WxOrderKind   kind;
  WxOrderState  state;
  guint         first_event;  /* index into the set's events */
  guint         n_events;
} WxSlaOrder;

typedef struct {
  GArray       *orders;       /* WxSlaOrder, by id */
  GArray       *events;       /* WxSlaEvent (interned codes), per order in time order */
  GStringChunk *strings;
  gint64        earliest;     /* the first event's time */
} WxSlaOrderSet;

void           wx_sla_order_set_free (WxSlaOrderSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxSlaOrderSet, wx_sla_order_set_free)

/* The open orders (number NULL), or the one order `number`. */
WxSlaOrderSet *wx_db_sla_orders_load (PGconn     *conn,
                                      const char *number,
                                      GError    **error);

/* Every clock of order `number` as of `now`, and the rules they were
 * computed on (clear them with wx_sla_rules_clear; their calendar gives the
 * shop's time zone). An order without events, or none of that number, has
 * no clock started. */
gboolean       wx_db_sla_order_clocks (PGconn       *conn,
                                       const char   *number,
                                       gint64        now,
                                       WxSlaRules   *rules,
                                       WxClockState  clocks[WX_N_CLOCKS],
                                       GError      **error);

G_END_DECLS

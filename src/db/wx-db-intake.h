/* wx-db-intake.h — opening a service order (the front desk's intake), with
 * return-repair detection (返修) and the cluster escalation; and the sweep
 * for orders without a diagnosis a week after receipt. */
#pragma once

#include <libpq-fe.h>

#include "core/wx-intake.h"

G_BEGIN_DECLS

typedef struct {
  char     *number;
  gint64    id;
  char     *return_of;       /* the earlier order's number when a return repair, else NULL */
  guint     cluster_size;    /* orders in the cluster it joined (0 when none) */
} WxIntakeResult;

/* The return-repair rule (返修), shared by intake and the device lookup: the
 * latest order of the same serial number (case and outer spaces aside),
 * other than `this.id`, handed back (picked_up_at) within the setting
 * return_repair.days (90) up to `this.at`. A SELECT of at most one row
 * (id, number, picked_up_at) over a relation `this (id, serial, at)` that
 * the statement defines (a CTE). */
#define WX_DB_SQL_RETURN_OF \
  "SELECT o.id, o.number, o.picked_up_at FROM service_orders o, this" \
  " WHERE btrim(this.serial) <> '' AND upper(btrim(o.serial)) = upper(btrim(this.serial))" \
  "   AND o.id IS DISTINCT FROM this.id" \
  "   AND o.picked_up_at IS NOT NULL AND o.picked_up_at <= this.at" \
  "   AND o.picked_up_at >= this.at - make_interval(days => wx_setting('return_repair.days', '90')::integer)" \
  " ORDER BY o.picked_up_at DESC LIMIT 1"

void     wx_intake_result_clear   (WxIntakeResult       *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WxIntakeResult, wx_intake_result_clear)

/* One transaction: customer and machine records, the order in its first
 * state, the accessories, the first event, and the detections. */
gboolean wx_db_order_create       (PGconn               *conn,
                                   const WxOrderDraft   *draft,
                                   WxIntakeResult       *result,
                                   GError              **error);
/* Escalates the orders with no diagnosis 7 days after receipt (as of `now`,
 * NULL = the server's time); returns how many, or -1 on error. */
int      wx_db_escalate_undiagnosed (PGconn             *conn,
                                     GDateTime          *now,
                                     GError            **error);

G_END_DECLS

/* wx-db-intake.h — opening a service order (the front desk's intake), with
 * return-repair detection (返修) and the cluster escalation; and the sweep
 * for orders without a diagnosis a week after receipt. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-intake.h"
#include "wx-db-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

typedef struct {
  char     *number;
  gint64    id;
  int       version;         /* the new order's version */
  char     *return_of;       /* the earlier order's number when a return repair, else NULL */
  guint     cluster_size;    /* orders in the cluster it joined (0 when none) */
} WxIntakeResult;

/* The return-repair rule (返修), shared by intake (wx_intake in
 * data/sql/functions/intake.sql says the same in plpgsql) and the device
 * lookup: the
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

/* Checks `draft` (wx_order_draft_validate), then wx_intake in one
 * transaction: the customer (found or created), the order in its first
 * state with a new number, the accessories, the first event, the call's
 * link, and the detections. */
gboolean wx_db_order_create       (PGconn               *conn,
                                   const WxOrderDraft   *draft,
                                   WxIntakeResult       *result,
                                   GError              **error);
/* The draft as wx_intake reads it (a JSON object; NULL fields left out). */
char    *wx_db_order_draft_json   (const WxOrderDraft   *draft);
/* wx_intake with the form `form` as it is, without core's check first
 * (data/sql/functions/intake.sql says what it holds). */
gboolean wx_db_intake_submit      (PGconn               *conn,
                                   const char           *form,
                                   WxIntakeResult       *result,
                                   GError              **error);
/* The `amend` step: corrects what may still change on order `number` after
 * intake (wx_order_field_amendable: the unit, contact, phones, serial,
 * model, product, asset number, end user, floor or department, remarks),
 * last seen at `version` (0: unknown, which the database refuses). `changes`
 * maps the order's column to its new text ("" clears it). Checked in core
 * first; the database checks the version, the caller's role (an engineer
 * corrects only orders assigned to them), and writes the order and an
 * `amend` event with each field's old and new value. A correction that
 * changes nothing writes nothing (result->event_id 0). */
gboolean wx_db_order_amend        (PGconn               *conn,
                                   const char           *number,
                                   int                  version,
                                   GHashTable           *changes,
                                   WxTransitionResult   *result,
                                   GError              **error);
/* Escalates the orders with no diagnosis 7 days after receipt (as of `now`,
 * NULL = the server's time); returns how many, or -1 on error. */
int      wx_db_escalate_undiagnosed (PGconn             *conn,
                                     GDateTime          *now,
                                     GError            **error);

/* wx_db_order_amend on the worker (`changes` is referenced); the finish
 * gives the order's new version. */
void     wx_db_order_amend_async  (WxDbWorker          *worker,
                                   const char          *number,
                                   int                  version,
                                   GHashTable          *changes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean wx_db_order_amend_finish (WxDbWorker          *worker,
                                   GAsyncResult        *result,
                                   int                 *version,
                                   GError             **error);

/* wx_db_order_create on the worker (`draft`, its strings and accessories,
 * copied); the finish gives the new order's number. */
void     wx_db_order_create_async  (WxDbWorker          *worker,
                                    const WxOrderDraft  *draft,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char    *wx_db_order_create_finish (WxDbWorker          *worker,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS

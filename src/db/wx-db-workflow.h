/* wx-db-workflow.h — moving service orders through the workflow: one call
 * per step, checked in core first and guarded by the database
 * (wx_transition() of data/sql/005_workflow.sql). */
#pragma once

#include <json-glib/json-glib.h>
#include "wx-db-pq.h"

#include "core/wx-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* What an order is now, as a step needs to know it. */
typedef struct {
  gint64        id;
  char         *number;
  WxOrderKind   kind;
  WxOrderState  state;
  int           version;
  GHashTable   *values;         /* column → text; NULL columns are absent */
  guint         n_quote_lines;
  WxRole        user_roles;     /* the roles of the connected user */
} WxOrderFacts;

void          wx_order_facts_free      (WxOrderFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxOrderFacts, wx_order_facts_free)

typedef struct {
  gint64        order_id;
  int           version;        /* the order's version after the step */
  WxOrderState  state;
  gint64        event_id;
} WxTransitionResult;

WxOrderFacts *wx_db_order_facts        (PGconn              *conn,
                                        const char          *number,
                                        GError             **error);
/* One round trip: the step from `expected_version`, with `data` (key → text,
 * may be NULL) as the event's payload and the columns it fills. */
gboolean      wx_db_order_transition   (PGconn              *conn,
                                        const char          *number,
                                        int                  expected_version,
                                        const char          *event,
                                        GHashTable          *data,
                                        WxTransitionResult  *result,
                                        GError             **error);
/* Two round trips: reads the order, checks the step in core (a clear
 * sentence and no change when it may not happen), then takes it. */
gboolean      wx_db_order_step         (PGconn              *conn,
                                        const char          *number,
                                        const char          *event,
                                        GHashTable          *data,
                                        WxTransitionResult  *result,
                                        GError             **error);

/* What a step may bring besides the order's columns. */
typedef struct {
  const char *kind;            /* part, labour, item, fee; NULL = part */
  const char *description;
  int         quantity;
  gint64      unit_price;      /* fen */
  gint64      part_id;         /* of the catalogue; 0 = none */
  const char *part_number;     /* NULL = none */
} WxQuoteLineInput;

/* More records a step writes (an inspection record, parts issued, a visit),
 * inside the step's transaction, after the version and core checks and
 * before the order moves — so the database's needs can see them. */
typedef gboolean (*WxStepWriteFunc) (PGconn     *conn,
                                     gint64      order_id,
                                     gpointer    user_data,
                                     GError    **error);

typedef struct {
  GArray     *quote_lines;     /* WxQuoteLineInput: replaces the order's lines; NULL = unchanged */
  gint64      payment_amount;  /* fen; > 0 records a payment */
  const char *payment_method;  /* cash, bank_transfer, card, wechat, alipay, cheque */
  gboolean    accessories_returned;
  WxStepWriteFunc write;       /* NULL: none */
  gpointer    write_data;
  JsonObject *records;         /* more of wx_transition's "records" (stock, repair_tests,
                                * old_parts, new_peer, visit, call); NULL = none */
} WxStepExtras;

/* One transaction: the order as last seen at `expected_version` (-1: as it
 * is now), checked in core, the extras written, then the step taken. */
gboolean      wx_db_order_step_full    (PGconn              *conn,
                                        const char          *number,
                                        int                  expected_version,
                                        const char          *event,
                                        GHashTable          *data,
                                        const WxStepExtras  *extras,
                                        WxTransitionResult  *result,
                                        GError             **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_order_step_full. `data` (key → text, may be NULL) and `extras`
 * (may be NULL) are copied: the quote lines with their texts, the payment,
 * the records; extras->write is the blocking call's only and must be NULL
 * here. The result: a WxTransitionResult (g_free), NULL with `error`. */
void          wx_db_order_step_async   (WxDbWorker          *worker,
                                        const char          *number,
                                        int                  expected_version,
                                        const char          *event,
                                        GHashTable          *data,
                                        const WxStepExtras  *extras,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
WxTransitionResult *wx_db_order_step_finish (WxDbWorker     *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS

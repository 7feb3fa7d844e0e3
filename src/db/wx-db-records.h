/* wx-db-records.h — the engineer's records in the database (issue 6): the
 * parts catalogue and the suppliers to pick from, what an order already has
 * recorded (for the dialogs), and one call per record that writes it and
 * takes its step in ONE transaction (wx_db_order_step_full): the inspection
 * (inspect, or outsource to a peer shop), the repair (repair_done, or
 * fix_at_desk from the check bench), a part order (order_parts) and its
 * arrival (parts_arrived); plus the escalation of late part orders.
 * Blocking: call from a worker thread with that thread's PGconn. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-records.h"
#include "wx-db-workflow.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* A part of the catalogue. */
typedef struct {
  gint64   id;
  char    *part_number;
  char    *name;
  char    *category;
  WxMoney  unit_price;
  int      stock;
} WxCatalogPart;

void       wx_catalog_part_free     (WxCatalogPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCatalogPart, wx_catalog_part_free)

/* Parts whose number or name contains `text` (case-insensitive; empty: all),
 * those in stock first, then by part number; at most `limit`.
 * Element type WxCatalogPart. */
GPtrArray *wx_db_parts_search       (PGconn        *conn,
                                     const char    *text,
                                     guint          limit,
                                     GError       **error);

/* A supplier or peer shop. */
typedef struct {
  gint64  id;
  char   *name;
  char   *kind;       /* supplier, peer_shop, both */
  char   *address;
  char   *phone;
  char   *contact;
} WxSupplier;

void       wx_supplier_free         (WxSupplier *supplier);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxSupplier, wx_supplier_free)
/* `peers`: the peer shops (送同行); else those that sell parts. By name.
 * Element type WxSupplier. */
GPtrArray *wx_db_suppliers_load     (PGconn        *conn,
                                     gboolean       peers,
                                     GError       **error);

/* A part issued to the order and not returned (net of its movements). */
typedef struct {
  gint64   part_id;
  char    *part_number;
  char    *name;
  int      quantity;
} WxIssuedPart;

/* A recorded functional test. */
typedef struct {
  char     *code;
  gboolean  passed;
  char     *note;
} WxRecordedTest;

/* A part order of the order. */
typedef struct {
  gint64    id;
  char     *description;
  char     *supplier;       /* name, "" when none */
  char     *expected_on;    /* YYYY-MM-DD, "" when none */
  int       quantity;
  gboolean  prepaid;
  gboolean  arrived;
} WxPartOrderRow;

/* What an order has recorded so far, for the engineer's dialogs. */
typedef struct {
  gint64             order_id;
  char              *number;
  int                version;
  WxOrderState       state;
  char              *product_name;
  char              *model;
  WxMachineCategory  category;
  char              *fault_analysis;
  char              *measures;
  char              *explanation;
  char              *parts_needed;
  WxMoney            suggested_price;   /* -1: none */
  char              *repair_notes;
  char              *old_parts;         /* "" when none */
  gboolean           cleaned;
  GArray            *parts;             /* WxPartLine: the part lines of the draft quote (strings in `strings`) */
  WxMoney            labour;            /* its labour lines */
  GPtrArray         *issued;            /* WxIssuedPart */
  GPtrArray         *tests;             /* WxRecordedTest */
  GPtrArray         *part_orders;       /* WxPartOrderRow */
  GPtrArray         *strings;
} WxOrderRecord;

void           wx_order_record_free  (WxOrderRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxOrderRecord, wx_order_record_free)
WxOrderRecord *wx_db_order_record_load (PGconn      *conn,
                                        const char  *number,
                                        GError     **error);

/* The order's draft quote lines (the inspection's parts and labour), as the
 * quote step takes them. Element type WxQuoteLineInput in an array whose
 * strings live as long as the array. */
GArray        *wx_db_quote_lines_load (PGconn      *conn,
                                       const char  *number,
                                       GError     **error);

/* Checks `input` in core, then in one transaction: the parts needed become
 * the order's draft quote lines (with the labour), parts marked `issue`
 * leave stock, and the order takes `inspect` — or, with input->outsource,
 * the new peer shop (if any) is added and the order takes `outsource`. */
gboolean  wx_db_inspection_save      (PGconn                   *conn,
                                      const char               *number,
                                      int                       expected_version,
                                      const WxInspectionInput  *input,
                                      WxTransitionResult       *result,
                                      GError                  **error);
/* Checks `input` in core, then in one transaction: unused parts go back to
 * stock, the parts used leave it (refused, with the part and what is in
 * stock, when there are not enough), the functional tests are recorded,
 * replaced parts kept by the supervisor go to the old-parts store, and the
 * order is OK: `repair_done` (or `fix_at_desk` from the check bench). */
gboolean  wx_db_repair_save          (PGconn                   *conn,
                                      const char               *number,
                                      int                       expected_version,
                                      const WxRepairInput      *input,
                                      WxTransitionResult       *result,
                                      GError                  **error);
/* `order_parts` with the part, quantity, supplier, expected day and prepaid. */
gboolean  wx_db_part_order_save      (PGconn                   *conn,
                                      const char               *number,
                                      int                       expected_version,
                                      const WxPartOrderInput   *input,
                                      WxTransitionResult       *result,
                                      GError                  **error);
/* `parts_arrived`: the open part orders arrive; catalogue parts enter stock
 * for the order; the order is back on S3 (agreed). */
gboolean  wx_db_parts_arrived        (PGconn                   *conn,
                                      const char               *number,
                                      int                       expected_version,
                                      WxTransitionResult       *result,
                                      GError                  **error);
/* Escalates the orders whose part order is late as of `now` (NULL: the
 * server's time); returns how many, or -1 with `error`. */
int       wx_db_escalate_overdue_parts (PGconn                 *conn,
                                        GDateTime              *now,
                                        GError                **error);

/* wx_db_parts_search on the worker: a GPtrArray of WxCatalogPart. */
void       wx_db_parts_search_async  (WxDbWorker          *worker,
                                      const char          *text,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *wx_db_parts_search_finish (WxDbWorker          *worker,
                                      GAsyncResult        *result,
                                      GError             **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_order_record_load: the finish gives a WxOrderRecord. */
void           wx_db_order_record_load_async  (WxDbWorker          *worker,
                                               const char          *number,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WxOrderRecord *wx_db_order_record_load_finish (WxDbWorker          *worker,
                                               GAsyncResult        *result,
                                               GError             **error);
/* wx_db_suppliers_load: a GPtrArray of WxSupplier. */
void           wx_db_suppliers_load_async     (WxDbWorker          *worker,
                                               gboolean             peers,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray     *wx_db_suppliers_load_finish    (WxDbWorker          *worker,
                                               GAsyncResult        *result,
                                               GError             **error);

/* What the part order dialog shows, read in one job: every supplier
 * (wx_db_suppliers_load, not only peers) and the order's record. */
typedef struct {
  GPtrArray     *suppliers;
  WxOrderRecord *record;
} WxDbPartOrderFacts;

void           wx_db_part_order_facts_free    (WxDbPartOrderFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbPartOrderFacts, wx_db_part_order_facts_free)
void           wx_db_part_order_facts_async   (WxDbWorker          *worker,
                                               const char          *number,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WxDbPartOrderFacts *wx_db_part_order_facts_finish (WxDbWorker      *worker,
                                               GAsyncResult        *result,
                                               GError             **error);

/* The engineer's records on the worker; `input` (its strings and arrays)
 * is copied. Each ends with wx_db_record_save_finish: the step's result. */
void      wx_db_inspection_save_async (WxDbWorker               *worker,
                                       const char               *number,
                                       int                       expected_version,
                                       const WxInspectionInput  *input,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
void      wx_db_repair_save_async     (WxDbWorker               *worker,
                                       const char               *number,
                                       int                       expected_version,
                                       const WxRepairInput      *input,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
void      wx_db_part_order_save_async (WxDbWorker               *worker,
                                       const char               *number,
                                       int                       expected_version,
                                       const WxPartOrderInput   *input,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
void      wx_db_parts_arrived_async   (WxDbWorker               *worker,
                                       const char               *number,
                                       int                       expected_version,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
/* `result` may be NULL. */
gboolean  wx_db_record_save_finish    (WxDbWorker               *worker,
                                       GAsyncResult             *res,
                                       WxTransitionResult       *result,
                                       GError                  **error);

/* wx_db_quote_lines_load on the worker: a GArray of WxQuoteLineInput. */
void           wx_db_quote_lines_load_async  (WxDbWorker          *worker,
                                              const char          *number,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GArray        *wx_db_quote_lines_load_finish (WxDbWorker          *worker,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS

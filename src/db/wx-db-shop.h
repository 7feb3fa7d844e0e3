/* wx-db-shop.h — the shop's records (issue 14): customers, machines,
 * suppliers, the parts catalogue and its stock, written through the
 * functions of data/sql/functions/shop.sql and stock.sql. */
#pragma once

#include <json-glib/json-glib.h>
#include "wx-db-pq.h"
#include <glib.h>

#include "wx-db-worker.h"

G_BEGIN_DECLS

/* The kinds of record, as record_events.record names them. */
typedef enum {
  WX_DB_RECORD_CUSTOMER,
  WX_DB_RECORD_DEVICE,
  WX_DB_RECORD_SUPPLIER,
  WX_DB_RECORD_PART,
} WxDbRecordKind;

/* The keys of a kind's fields (the functions' JSON keys, wx_field_label
 * names them), NULL-terminated. */
const char * const *wx_db_record_keys (WxDbRecordKind kind);
/* Sets `key` of `changes` from the text a form or a command line gave:
 * a number for the ids, amounts and counts ("" → null), yes/no for
 * active and move ("true", "yes"), text for the rest. FALSE (and nothing
 * set) for a number that is not one. */
gboolean   wx_db_record_change_set (JsonObject  *changes,
                                    const char  *key,
                                    const char  *text);
/* The kind by its name ("customer", "device", "supplier", "part"). */
gboolean   wx_db_record_kind_from_name (const char     *name,
                                        WxDbRecordKind *kind);

/* One record as the lists show it: its fields by key (text, "" for none),
 * and for a customer the duplicate it may be (same phone, same unit name
 * after folding), for a part its stock and what is reserved. */
typedef struct {
  WxDbRecordKind  kind;
  gint64          id;
  int             version;
  GHashTable     *values;       /* key → text */
  char           *label;        /* the list's line: name, number, serial */
  char           *duplicate_of; /* a customer: "unit (id)" of a likely duplicate, or NULL */
  gint64          duplicate_id; /* its id, or 0 */
  int             stock;        /* a part */
  int             reserved;     /* a part */
  int             min_stock;    /* a part */
} WxDbRecord;

void        wx_db_record_free   (WxDbRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbRecord, wx_db_record_free)
const char *wx_db_record_value  (const WxDbRecord *record,
                                 const char       *key);

/* The records of `kind` whose name, number, phone or serial contain
 * `search` (NULL or "": the first 500), a GPtrArray of WxDbRecord. */
GPtrArray  *wx_db_records_load  (PGconn          *conn,
                                 WxDbRecordKind   kind,
                                 const char      *search,
                                 GError         **error);
/* Every record of `kind` (for an export), in the list's order. */
GPtrArray  *wx_db_records_load_all (PGconn         *conn,
                                    WxDbRecordKind  kind,
                                    GError        **error);
/* Adds (`id` 0) or edits record `id` last seen at `version` with
 * `changes` (its keys, text or number or boolean values; "" clears).
 * Returns the record's id (0 on error); `new_version` may be NULL. */
gint64      wx_db_record_save   (PGconn          *conn,
                                 WxDbRecordKind   kind,
                                 gint64           id,
                                 int              version,
                                 JsonObject      *changes,
                                 int             *new_version,
                                 GError         **error);
/* Merges duplicate customer `from` into `into` (its orders, calls,
 * contracts and machines move); `orders` gets how many orders moved. */
gboolean    wx_db_customer_merge (PGconn         *conn,
                                  gint64          from,
                                  gint64          into,
                                  int            *orders,
                                  GError        **error);

/* Receives `quantity` of part `part_id` from `supplier_id` (0: the part's
 * own) at `unit_cost` fen each (-1: unknown), for order `order_number`
 * (NULL: into stock; else reserved for that order). Returns the stock. */
int         wx_db_stock_receive (PGconn          *conn,
                                 gint64           part_id,
                                 int              quantity,
                                 gint64           supplier_id,
                                 gint64           unit_cost,
                                 const char      *order_number,
                                 const char      *note,
                                 GError         **error);
/* A stocktake: `counted` of part `part_id` on the shelf; a difference is
 * corrected with `reason`. `difference` gets counted − stock. */
gboolean    wx_db_stock_count   (PGconn          *conn,
                                 gint64           part_id,
                                 int              counted,
                                 const char      *reason,
                                 int             *difference,
                                 GError         **error);
/* Reserves `quantity` of part `part_id` for open order `order_number`. */
gboolean    wx_db_stock_reserve (PGconn          *conn,
                                 gint64           part_id,
                                 const char      *order_number,
                                 int              quantity,
                                 GError         **error);
/* A part's id by its number (0 when there is none). */
gint64      wx_db_part_find     (PGconn          *conn,
                                 const char      *part_number,
                                 GError         **error);

/* One order of a customer, as the records window lists them: what was
 * charged (the quote's total) is the reference for a returning customer's
 * quote; the balance is wx_order_balance's. */
typedef struct {
  char   *number;
  char   *date;        /* the day it was received, YYYY-MM-DD */
  char   *machine;     /* product and model */
  char   *state;       /* the state's code */
  gint64  total;       /* fen */
  gint64  balance;     /* fen still owed (negative: paid over) */
} WxDbCustomerOrder;

void        wx_db_customer_order_free (WxDbCustomerOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbCustomerOrder, wx_db_customer_order_free)
/* Customer `customer_id`'s orders, newest first (at most 200), a GPtrArray
 * of WxDbCustomerOrder. */
GPtrArray  *wx_db_customer_orders     (PGconn          *conn,
                                       gint64           customer_id,
                                       GError         **error);

/* The same on the worker. The loads end with wx_db_records_load_finish (a
 * GPtrArray of WxDbRecord), the writes with wx_db_worker_write_finish. */
void        wx_db_records_load_async  (WxDbWorker          *worker,
                                       WxDbRecordKind       kind,
                                       const char          *search,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray  *wx_db_records_load_finish (WxDbWorker          *worker,
                                       GAsyncResult        *result,
                                       GError             **error);
/* Every record of `kind`: ends with wx_db_records_load_finish. */
void        wx_db_records_load_all_async (WxDbWorker       *worker,
                                       WxDbRecordKind       kind,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* A customer's orders: ends with wx_db_records_load_finish (a GPtrArray
 * of WxDbCustomerOrder). */
void        wx_db_customer_orders_async (WxDbWorker        *worker,
                                       gint64               customer_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void        wx_db_customer_merge_async (WxDbWorker         *worker,
                                       gint64               from,
                                       gint64               into,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void        wx_db_stock_receive_async (WxDbWorker          *worker,
                                       gint64               part_id,
                                       int                  quantity,
                                       gint64               supplier_id,
                                       gint64               unit_cost,
                                       const char          *note,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void        wx_db_stock_count_async   (WxDbWorker          *worker,
                                       gint64               part_id,
                                       int                  counted,
                                       const char          *reason,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void        wx_db_record_save_async   (WxDbWorker          *worker,
                                       WxDbRecordKind       kind,
                                       gint64               id,
                                       int                  version,
                                       JsonObject          *changes,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

G_END_DECLS

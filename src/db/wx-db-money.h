/* wx-db-money.h — payments, refunds and write-offs of an order, and the
 * customers' accounts: calls of the SECURITY DEFINER functions of
 * data/sql/functions/money.sql, as the connecting staff login. Blocking:
 * from a worker thread or the command line. */
#pragma once

#include <glib.h>
#include "wx-db-pq.h"

#include "core/wx-money.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

typedef enum {
  WX_PAYMENT_RECEIVED,   /* money in */
  WX_PAYMENT_REFUND,     /* money given back (a supervisor) */
  WX_PAYMENT_WRITE_OFF,  /* a debt forgiven (a supervisor) */
} WxPaymentKind;

typedef struct {
  WxPaymentKind  kind;
  WxMoney        amount;      /* > 0; fen */
  const char    *method;      /* cash, wechat, alipay, bank_transfer, card, cheque, prepaid; unused for a write-off */
  const char    *reference;   /* transfer or voucher number, or NULL */
  const char    *reason;      /* a note; the reason of a refund or a write-off */
  gboolean       keep_excess; /* a payment over the balance: keep the rest as the customer's prepayment */
} WxPaymentInput;

typedef struct {
  gint64         id;
  gint64         at;          /* Unix seconds */
  WxPaymentKind  kind;
  WxMoney        amount;
  char          *method;
  char          *taken_by;
  char          *reference;
  char          *reason;
  char          *approved_by; /* "" for a payment */
} WxPayment;

/* Records `in` for order `number`; `balance` (may be NULL) is the order's
 * balance after it. */
gboolean   wx_db_payment_record   (PGconn                *conn,
                                   const char            *number,
                                   const WxPaymentInput  *in,
                                   WxMoney               *balance,
                                   GError               **error);

/* The rows of order `number` in the order they were taken (WxPayment,
 * freed with it) and its balance now. */
GPtrArray *wx_db_payments_load    (PGconn                *conn,
                                   const char            *number,
                                   WxMoney               *balance,
                                   GError               **error);

/* The prepayment the customer of order `number` holds now (fen). */
gboolean   wx_db_order_customer_prepaid (PGconn          *conn,
                                         const char      *number,
                                         WxMoney         *prepaid,
                                         GError         **error);

/* Whether customer `id` may run an account and its credit limit (< 0:
 * none). */
gboolean   wx_db_customer_account_set (PGconn            *conn,
                                       gint64             id,
                                       gboolean           allowed,
                                       WxMoney            limit,
                                       GError           **error);

/* The same on the worker: the balance after it. */
void       wx_db_payment_record_async  (WxDbWorker            *worker,
                                        const char            *number,
                                        const WxPaymentInput  *in,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean   wx_db_payment_record_finish (WxDbWorker            *worker,
                                        GAsyncResult          *result,
                                        WxMoney               *balance,
                                        GError               **error);
/* The balance of order `number` now, on the worker. */
void       wx_db_order_balance_async   (WxDbWorker            *worker,
                                        const char            *number,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean   wx_db_order_balance_finish  (WxDbWorker            *worker,
                                        GAsyncResult          *result,
                                        WxMoney               *balance,
                                        GError               **error);

const char *wx_payment_kind_code  (WxPaymentKind          kind);

G_END_DECLS

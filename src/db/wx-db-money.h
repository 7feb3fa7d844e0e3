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
  char          *at_text;     /* YYYY-MM-DD HH:MM in the shop's time zone */
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

/* An invoice the shop issued in its tax software (wx_invoice_add). */
typedef struct {
  const char         *kind;        /* normal (普通), special (专用), electronic (电子) */
  const char         *number;
  const char         *issued_on;   /* YYYY-MM-DD */
  const char         *title;       /* 抬头 */
  const char         *tax_number;  /* the customer's; "" or NULL: none */
  WxMoney             amount;      /* tax included */
  WxMoney             tax;
  const char * const *orders;      /* the order numbers it covers, NULL-terminated */
  const char         *reason;      /* why the amount differs from the orders' total (a supervisor) */
} WxInvoiceInput;

/* Records `in`; `id` (may be NULL) its id. */
gboolean   wx_db_invoice_add      (PGconn                *conn,
                                   const WxInvoiceInput  *in,
                                   gint64                *id,
                                   GError               **error);

/* The day's count of `method` on `day` (YYYY-MM-DD, 日清日毕): `counted`
 * against the recorded takings; a difference needs `reason`. `recorded`
 * and `difference` (short < 0, over > 0) may be NULL. */
gboolean   wx_db_cash_count       (PGconn                *conn,
                                   const char            *day,
                                   const char            *method,
                                   WxMoney                counted,
                                   const char            *reason,
                                   WxMoney               *recorded,
                                   WxMoney               *difference,
                                   GError               **error);

/* An unpaid order after pickup (wx_collections). */
typedef struct {
  char     *number;
  char     *unit_name;
  WxMoney   balance;
  int       age;         /* days since pickup */
  char     *bucket;      /* 0-30, 31-60, 61-90, 91+ */
  char     *next_on;     /* the next chase, YYYY-MM-DD */
  char     *chaser;      /* login */
  gboolean  due;         /* a chase is due */
} WxCollection;

/* The collections list on `day` (YYYY-MM-DD; NULL: today), oldest first
 * (WxCollection, freed with it). */
GPtrArray *wx_db_collections_load (PGconn                *conn,
                                   const char            *day,
                                   GError               **error);
/* A chase of order `number`: its result, the date promised (NULL: none),
 * the next chase (YYYY-MM-DD) and who chases it next (NULL: the caller). */
gboolean   wx_db_chase_log        (PGconn                *conn,
                                   const char            *number,
                                   const char            *result,
                                   const char            *promised,
                                   const char            *next,
                                   const char            *chaser,
                                   GError               **error);

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

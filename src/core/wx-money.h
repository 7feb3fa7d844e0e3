/* wx-money.h — money is integer fen (1/100 yuan). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 WxMoney;

/* The largest amount the shop handles: 1,000,000,000.00 yuan. */
#define WX_MONEY_MAX ((WxMoney) 100000000000LL)

char     *wx_money_format       (WxMoney      fen);
char     *wx_money_format_yuan  (WxMoney      fen);
gboolean  wx_money_parse        (const char  *text,
                                 WxMoney     *fen,
                                 GError     **error);
char     *wx_money_to_capital   (WxMoney      fen);

/* An order's balance, the one rule (its SQL twin is wx_order_balance in
 * data/sql/functions/money.sql): quoted (fees included) less what was
 * received (payments less refunds) less what was written off. */
WxMoney   wx_money_balance      (WxMoney      quoted,
                                 WxMoney      received,
                                 WxMoney      written_off);

/* Paid now means the balance is received, no more, no less (free and on
 * account take none). The database checks the same in wx_transition with
 * the same sentences, its rules payment_nothing_due, payment_short,
 * payment_over (src/db/wx-db-error.c); `due` there is printed by
 * wx_money_format. `balance` is wx_money_balance's; `paid_before` whether
 * any payment was recorded before. */
/* How money is taken: "code:Label|…" for a drop-down (the database's
 * list: wx_money_input in data/sql/functions/money.sql). */
#define WX_PAYMENT_METHODS N_("cash:Cash|wechat:WeChat Pay|alipay:Alipay|card:Bank card|bank_transfer:Bank transfer|cheque:Cheque")
/* The same and money drawn from the customer's prepayment, for a payment
 * after the step (wx_payment_add): its list is wx_money_input's. */
#define WX_PAYMENT_LATER_METHODS N_("cash:Cash|wechat:WeChat Pay|alipay:Alipay|card:Bank card|bank_transfer:Bank transfer|cheque:Cheque|prepaid:From the prepayment")
#define WX_PAYMENT_NOTHING_DUE N_("Nothing is due on this order: record it as free of charge, or quote it first.")
#define WX_PAYMENT_SHORT       N_("The amount received is less than the ¥%s due: take the rest, or record the order on account.")
#define WX_PAYMENT_OVER        N_("The amount received is more than the ¥%s due.")
gboolean  wx_payment_check      (const char  *payment_status,
                                 WxMoney      amount,
                                 WxMoney      balance,
                                 gboolean     paid_before,
                                 GError     **error);

G_END_DECLS

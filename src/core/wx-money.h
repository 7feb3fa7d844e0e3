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

G_END_DECLS

/* wx-shop-context.h — one login's view of the shop, without widgets (as
 * GNOME Calendar's GcalContext): who is logged in, the database worker and
 * the listener (its two connections), every open order as a card in one
 * list model, loaded in the worker and kept current by the listener (other
 * PCs' changes), and a minute tick that moves the cards' clocks on without
 * asking the database (wx_order_at). The application keeps
 * one per login while a window of that login shows it; every window of
 * that login shares it. What a window should
 * tell the user comes as a "notice". */
#pragma once

#include <gio/gio.h>

#include "core/wx-order.h"
#include "core/wx-types.h"
#include "db/wx-db-listener.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_SHOP_CONTEXT (wx_shop_context_get_type ())
G_DECLARE_FINAL_TYPE (WxShopContext, wx_shop_context, WX, SHOP_CONTEXT, GObject)

/* `conninfo` NULL: the private local server. Loads at once. */
WxShopContext *wx_shop_context_new             (const char    *conninfo);
const char    *wx_shop_context_get_conninfo    (WxShopContext *self);
WxDbWorker    *wx_shop_context_get_worker      (WxShopContext *self);
WxDbListener  *wx_shop_context_get_listener    (WxShopContext *self);
/* Every open order (WxOrder), in one store every window's views share. */
GListModel    *wx_shop_context_get_orders      (WxShopContext *self);
const char    *wx_shop_context_get_login       (WxShopContext *self);
const char    *wx_shop_context_get_full_name   (WxShopContext *self);
WxRole         wx_shop_context_get_roles       (WxShopContext *self);
gboolean       wx_shop_context_get_loading     (WxShopContext *self);

/* A window shows the context / no longer does: when its last window goes,
 * the context's work is cancelled (its references go with it). */
void           wx_shop_context_hold            (WxShopContext *self);
void           wx_shop_context_release         (WxShopContext *self);

/* The most urgent orders of a first screen, from `orders` (a board's
 * choice: wx_board_first_screen()). */
typedef GPtrArray *(*WxFirstScreenFunc) (GObject   *owner,
                                         GPtrArray *orders,
                                         guint      per_place);
/* A first load of many orders (over 300) fills the store with what
 * `func` chooses of them, 25 a place, and the rest when the main loop is
 * idle; while `owner` (a board) lives. */
void           wx_shop_context_set_first_screen (WxShopContext     *self,
                                                 GObject           *owner,
                                                 WxFirstScreenFunc  func);

/* Identity and every open order again ("loaded" follows). On a first load
 * of many orders, "loaded" comes with the first screen and the rest follows
 * with "orders-updated". */
void           wx_shop_context_refresh         (WxShopContext *self);
/* The card of one order again (after a step; "orders-updated" follows). */
void           wx_shop_context_reload_order    (WxShopContext *self,
                                                gint64         id);
/* The clocks of every card as of `now` (Unix seconds), computed from what
 * the cards keep, with no round trip; "orders-updated" follows. What the
 * minute tick does, with the time now (a failed load is also tried again). */
void           wx_shop_context_tick            (WxShopContext *self,
                                                gint64         now);
/* The open order numbered `number` (a new reference), or NULL with a
 * notice that it is closed. */
WxOrder       *wx_shop_context_find_open       (WxShopContext *self,
                                                const char    *number);

G_END_DECLS

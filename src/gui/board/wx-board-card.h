/* wx-board-card.h — one order on a board: number, unit, machine, fault,
 * engineer, kind icon, return-repair and escalation marks, and the most
 * urgent clock as a badge. Rows are recycled: the card shows whatever
 * order it is given. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-order.h"

G_BEGIN_DECLS

#define WX_TYPE_BOARD_CARD (wx_board_card_get_type ())
G_DECLARE_FINAL_TYPE (WxBoardCard, wx_board_card, WX, BOARD_CARD, GtkWidget)

GtkWidget  *wx_board_card_new        (void);
void        wx_board_card_set_order  (WxBoardCard *self,
                                      WxOrder     *order);
WxOrder    *wx_board_card_get_order  (WxBoardCard *self);
/* Highlights the cards of this engineer (login); NULL for none. */
void        wx_board_card_set_mine   (WxBoardCard *self,
                                      gboolean     mine);
/* The shelf reason as shown ("" when none), and whether the card is marked
 * as the user's, for tests. */
const char *wx_board_card_get_reason (WxBoardCard *self);
gboolean    wx_board_card_get_mine   (WxBoardCard *self);
/* The badge's text as shown ("" when no clock runs), for tests. */
const char *wx_board_card_get_badge  (WxBoardCard *self);
/* The card's menu (right click, Shift+F10, Menu), once it has been shown. */
GtkPopover *wx_board_card_get_menu   (WxBoardCard *self);

/* Cards for a list of WxOrder outside a board (the due list, search). */
GtkListItemFactory *wx_board_card_factory_new (void);

const char *wx_order_kind_icon_name  (WxOrderKind  kind);

G_END_DECLS

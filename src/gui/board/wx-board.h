/* wx-board.h — the kanban board over a GListModel of WxOrder: a column per
 * folder (front desk) or per shelf (bench), each a recycled GtkListView of
 * cards, most urgent first. Moving a card — a drop, or the keyboard twin
 * `card.move-to` — asks the workflow for the step that takes the order
 * there: the board emits "step-requested" with the candidate events, or
 * "move-refused" with the sentence that says why not. It never changes the
 * model itself. */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-order.h"

G_BEGIN_DECLS

typedef enum {
  WX_BOARD_FOLDERS,
  WX_BOARD_SHELVES,
} WxBoardLayout;

#define WX_TYPE_BOARD (wx_board_get_type ())
G_DECLARE_FINAL_TYPE (WxBoard, wx_board, WX, BOARD, GtkWidget)

GtkWidget  *wx_board_new               (WxBoardLayout  layout);
void        wx_board_set_model         (WxBoard       *self,
                                        GListModel    *orders);
/* The roles of the user: which moves are offered. */
void        wx_board_set_roles         (WxBoard       *self,
                                        WxRole         roles);
/* Cards of this engineer (login) are highlighted. */
void        wx_board_set_user          (WxBoard       *self,
                                        const char    *login);

guint       wx_board_get_n_columns     (WxBoard       *self);
/* The column's place: a WxFolder or a WxShelf, by layout. */
guint       wx_board_get_column_place  (WxBoard       *self,
                                        guint          column);
/* What the column shows after the filters, most urgent first. */
GListModel *wx_board_get_column_model  (WxBoard       *self,
                                        guint          column);
/* The column showing `place`, or -1. */
int         wx_board_find_column       (WxBoard       *self,
                                        guint          place);
/* A place's name as its column heads it (translated). */
const char *wx_board_place_label       (WxBoard       *self,
                                        guint          place);
/* The place code for card.move-to: F1 … F5, with_engineer, S1 …; and back. */
const char *wx_board_place_code        (WxBoard       *self,
                                        guint          place);
gboolean    wx_board_place_from_code   (WxBoard       *self,
                                        const char    *code,
                                        guint         *place);

/* Filters; text is matched case-insensitively on number, unit, contact,
 * phone, machine, serial and fault. */
void        wx_board_set_filter_text   (WxBoard       *self,
                                        const char    *text);
void        wx_board_set_overdue_only  (WxBoard       *self,
                                        gboolean       overdue_only);
/* Only the cards of the user (wx_board_set_user), as the "Mine" toggle. */
void        wx_board_set_mine_only     (WxBoard       *self,
                                        gboolean       mine_only);

/* What a drop of `order` on the column of `place` does (also card.move-to).
 * TRUE when a step was requested. */
gboolean    wx_board_move              (WxBoard       *self,
                                        WxOrder       *order,
                                        guint          place);

/* A step from the card's menu (card.step): emits "step-requested". */
void        wx_board_step              (WxBoard       *self,
                                        WxOrder       *order,
                                        const char    *event);
/* Opening a card (card.open, Enter, double click). */
void        wx_board_activate_order    (WxBoard       *self,
                                        WxOrder       *order);
WxRole      wx_board_get_roles         (WxBoard       *self);
/* Most urgent first, as the columns sort (also the due list). */
GtkSorter  *wx_board_sorter_new        (void);

/* The orders a board opening on many shows at once: the `per_place` most
 * urgent of each place among `orders` (a new array; the orders are
 * borrowed). */
GPtrArray  *wx_board_first_screen (WxBoard   *self,
                                   GPtrArray *orders,
                                   guint      per_place);

G_END_DECLS

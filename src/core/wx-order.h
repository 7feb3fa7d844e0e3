/* wx-order.h — one service order as the boards show it: an immutable
 * snapshot (a card). A change of the order is a new snapshot that replaces
 * the old one in the list model, so every view re-reads it. */
#pragma once

#include <gio/gio.h>

#include "wx-sla.h"
#include "wx-types.h"

G_BEGIN_DECLS

#define WX_TYPE_ORDER (wx_order_get_type ())
G_DECLARE_FINAL_TYPE (WxOrder, wx_order, WX, ORDER, GObject)

/* What a card shows. Strings are never NULL once in a WxOrder ("" instead). */
typedef struct {
  gint64         id;
  char          *number;
  int            version;
  WxOrderKind    kind;
  WxOrderState   state;
  char          *unit_name;
  char          *contact_person;
  char          *phone;            /* mobile, else landline */
  char          *product_name;
  char          *model;
  char          *serial;
  char          *fault;            /* reported fault */
  char          *engineer;         /* login name, "" when none */
  char          *engineer_name;    /* full name, else the login name */
  char          *owner;            /* 首问负责: login name */
  gint64         received_at;      /* Unix seconds */
  gint64         appointment_at;   /* 0 when none */
  gint64         updated_at;
  char          *updated_by;
  gboolean       return_repair;
  guint          open_escalations;
  /* The most urgent running clock; has_clock FALSE when none runs. */
  gboolean       has_clock;
  WxClock        clock;
  WxClockStatus  clock_status;     /* running, amber or red */
  gint64         clock_due;        /* its limit, Unix seconds */
  gint64         clock_minutes_left; /* business minutes to the limit; negative when overdue */
  guint          day_minutes;      /* the shop's working day (wx_calendar_day_minutes), for "d h" */
  /* Why the machine sits on its shelf, as the pink copy (随机联) notes it. */
  char          *address;          /* the unit's address (on-site visits, deliveries) */
  char          *part;             /* waiting for parts: the part ordered last, "" else */
  char          *part_expected;    /* its expected arrival, "YYYY-MM-DD", "" when unknown */
  char          *peer;             /* at a peer shop: its name, "" else */
  gint64         quote_total;      /* fen; 0 when not quoted */
  gint64         quoted_at;        /* Unix seconds; 0 when not quoted */
  gint64         balance;          /* fen still due (wx_money_balance / wx_order_balance) */
  /* What the clock is computed from, so that it moves on with time without
   * asking the database (wx_order_at): the order's events (WxSlaEvent with
   * interned codes, in time order) and the shop's rules (shared,
   * wx_sla_rules_ref). NULL when the order has no events (closed orders). */
  GArray        *events;
  WxSlaRules    *rules;
} WxOrderData;

void          wx_order_data_clear     (WxOrderData  *data);
/* Sets the clock of `data` (has_clock … clock_minutes_left) as of `now`
 * (Unix seconds) from its events and rules: the running clock (running,
 * amber or red) with the fewest minutes left; none without events. */
void          wx_order_data_compute_clock (WxOrderData *data,
                                           gint64       now);

/* Takes the strings of `data` (NULL ones become ""), leaving it cleared. */
WxOrder      *wx_order_new_take       (WxOrderData  *data);
const WxOrderData *wx_order_get_data  (WxOrder      *self);

gint64        wx_order_get_id         (WxOrder      *self);
const char   *wx_order_get_number     (WxOrder      *self);
int           wx_order_get_version    (WxOrder      *self);
WxOrderKind   wx_order_get_kind       (WxOrder      *self);
WxOrderState  wx_order_get_state      (WxOrder      *self);
WxFolder      wx_order_get_folder     (WxOrder      *self);
WxShelf       wx_order_get_shelf      (WxOrder      *self);
gboolean      wx_order_is_open        (WxOrder      *self);
/* Whether the card differs from `other` in anything a view shows. */
gboolean      wx_order_equal          (WxOrder      *self,
                                       WxOrder      *other);
/* Case-insensitive: number, unit, contact, phone, model, serial, fault. */
gboolean      wx_order_matches_text   (WxOrder      *self,
                                       const char   *folded_text);
/* Why the machine is where it is, in a few words for the card ("Awaiting
 * part 定影组件, due 2026-11-20", "Awaiting the customer's decision on
 * ¥450.00"); "" when nothing needs saying. */
char         *wx_order_shelf_reason   (WxOrder      *self);
/* Urgency for sorting: red first, then amber, then by minutes left;
 * orders without a running clock last, oldest first. */
int           wx_order_compare_urgency (WxOrder     *a,
                                        WxOrder     *b);

/* The card as of `now` (Unix seconds): a new snapshot when its clock moved
 * on (minutes left, status), else NULL. Computed here, from the events and
 * rules the card keeps. */
WxOrder      *wx_order_at             (WxOrder      *self,
                                       gint64        now);

/* Brings `store` (of WxOrder, open orders only) up to date with `orders`:
 * changed cards are replaced in place, closed ones removed, new ones
 * appended, unchanged ones left alone — each an exact items-changed (they
 * take the new cards' events and rules, which may be newer). When
 * `complete`, `orders` is every open order and the others are removed. */
void          wx_order_list_update    (GListStore   *store,
                                       GPtrArray    *orders,
                                       gboolean      complete);
/* Moves every card of `store` on to `now` (wx_order_at), replacing in
 * place the ones whose clock changed; TRUE when any did. */
gboolean      wx_order_list_tick      (GListStore   *store,
                                       gint64        now);
/* The same for the cards of `orders`, replaced in the array. */
gboolean      wx_order_array_tick     (GPtrArray    *orders,
                                       gint64        now);
/* The order numbered `number` in `model` (a new reference), or NULL. */
WxOrder      *wx_order_list_find      (GListModel   *model,
                                       const char   *number,
                                       guint        *position);

/* "2 h 15 min", "3 d 2 h" (working days of `day_minutes`), "45 min". */
char         *wx_format_business_minutes (gint64     minutes,
                                          guint      day_minutes);

G_END_DECLS

/* wx-types.h — the domain's enumerations. GTypes come from gnome.mkenums_simple. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  WX_ORDER_KIND_CARRY_IN,
  WX_ORDER_KIND_ON_SITE,
  WX_ORDER_KIND_SALE,
} WxOrderKind;

/* The order's lifecycle states. The order here is the order of the workflow
 * table in wx-workflow.c and of the workflow_states table in the database. */
typedef enum {
  WX_ORDER_STATE_RECEIVED,
  WX_ORDER_STATE_INSPECTING,
  WX_ORDER_STATE_INSPECTED,
  WX_ORDER_STATE_QUOTED,
  WX_ORDER_STATE_AGREED,
  WX_ORDER_STATE_DECLINED,
  WX_ORDER_STATE_WAITING_PARTS,
  WX_ORDER_STATE_REPAIRING,
  WX_ORDER_STATE_OUTSOURCED,
  WX_ORDER_STATE_REPAIRED,
  WX_ORDER_STATE_NOTIFIED,
  WX_ORDER_STATE_DELIVERING,
  WX_ORDER_STATE_PICKED_UP,
  WX_ORDER_STATE_ENTERED,
  WX_ORDER_STATE_RECONCILED,
  WX_ORDER_STATE_ARCHIVED,
  WX_ORDER_STATE_CANCELLED,
  WX_ORDER_STATE_CALL_LOGGED,
  WX_ORDER_STATE_ONSITE_DISPATCHED,
  WX_ORDER_STATE_APPOINTMENT_BOOKED,
  WX_ORDER_STATE_ON_SITE,
  WX_ORDER_STATE_FIXED_ON_SITE,
} WxOrderState;

#define WX_N_ORDER_STATES (WX_ORDER_STATE_FIXED_ON_SITE + 1)

/* Where the paper stub is: one of the five folders, with an engineer, or filed. */
typedef enum {
  WX_FOLDER_NONE,
  WX_FOLDER_F1,
  WX_FOLDER_F2,
  WX_FOLDER_F3,
  WX_FOLDER_F4,
  WX_FOLDER_F5,
  WX_FOLDER_WITH_ENGINEER,
} WxFolder;

#define WX_N_FOLDERS (WX_FOLDER_WITH_ENGINEER + 1)

/* Where the machine is. */
typedef enum {
  WX_SHELF_NONE,
  WX_SHELF_S1,
  WX_SHELF_S2,
  WX_SHELF_S3,
  WX_SHELF_S4,
  WX_SHELF_BENCH,
  WX_SHELF_PEER,
  WX_SHELF_RETURNED,
  WX_SHELF_AT_CUSTOMER,
} WxShelf;

#define WX_N_SHELVES (WX_SHELF_AT_CUSTOMER + 1)

typedef enum /*< flags >*/ {
  WX_ROLE_NONE        = 0,
  WX_ROLE_COORDINATOR = 1 << 0,
  WX_ROLE_ENGINEER    = 1 << 1,
  WX_ROLE_SUPERVISOR  = 1 << 2,
  WX_ROLE_ADMIN       = 1 << 3,
} WxRole;

/* Data a transition needs before it may happen (the "data required" column
 * of the workflow table). Each is a key of the transition's data (the event
 * payload, or the order's own column of that name when already filled) or a
 * fact about the order. */
typedef enum /*< flags >*/ {
  WX_NEED_NONE           = 0,
  WX_NEED_ENGINEER       = 1 << 0,
  WX_NEED_FINDINGS       = 1 << 1,
  WX_NEED_QUOTE_LINES    = 1 << 2,
  WX_NEED_QUOTE_TOTAL    = 1 << 3,
  WX_NEED_QUOTE_METHOD   = 1 << 4,
  WX_NEED_CONTACT        = 1 << 5,
  WX_NEED_REPAIR_NOTES   = 1 << 6,
  WX_NEED_PEER           = 1 << 7,
  WX_NEED_PART           = 1 << 8,
  WX_NEED_ANSWERED_BY    = 1 << 9,
  WX_NEED_ACCESSORIES    = 1 << 10,
  WX_NEED_PAYMENT        = 1 << 11,
  WX_NEED_PICKED_UP_BY   = 1 << 12,
  WX_NEED_APPOINTMENT    = 1 << 13,
  WX_NEED_REASON         = 1 << 14,
  WX_NEED_CANCEL_REASON  = 1 << 15,
  WX_NEED_NEW_OWNER      = 1 << 16,
  WX_NEED_IN_WARRANTY    = 1 << 17,
  WX_NEED_TOLD           = 1 << 18,
  WX_NEED_REPAIR_RECORD  = 1 << 19,
} WxNeed;

#define WX_N_NEEDS 20

G_END_DECLS

#define G_LOG_DOMAIN "wx-workflow"

#include <glib/gi18n.h>

#include "wx-workflow.h"

/* One row per state. Folders and shelves follow domain.md section 3 and seed
 * 000 (惠维服务单填写流程): while an engineer holds the form it is in no folder. */
static const WxStateInfo states[WX_N_ORDER_STATES] = {
  { WX_ORDER_STATE_RECEIVED,           "received",           N_("Received"),               WX_FOLDER_F1,            WX_SHELF_S1,          TRUE },
  { WX_ORDER_STATE_INSPECTING,         "inspecting",         N_("Dispatched for inspection"), WX_FOLDER_WITH_ENGINEER, WX_SHELF_BENCH,    TRUE },
  { WX_ORDER_STATE_INSPECTED,          "inspected",          N_("Inspected, to quote"),    WX_FOLDER_F2,            WX_SHELF_S2,          TRUE },
  { WX_ORDER_STATE_QUOTED,             "quoted",             N_("Quoted, awaiting decision"), WX_FOLDER_F2,         WX_SHELF_S2,          TRUE },
  { WX_ORDER_STATE_AGREED,             "agreed",             N_("Agreed, awaiting repair"), WX_FOLDER_F2,           WX_SHELF_S3,          TRUE },
  { WX_ORDER_STATE_DECLINED,           "declined",           N_("Declined, to return"),    WX_FOLDER_F3,            WX_SHELF_S4,          TRUE },
  { WX_ORDER_STATE_WAITING_PARTS,      "waiting_parts",      N_("Waiting for parts"),      WX_FOLDER_WITH_ENGINEER, WX_SHELF_S2,          TRUE },
  { WX_ORDER_STATE_REPAIRING,          "repairing",          N_("Dispatched for repair"),  WX_FOLDER_WITH_ENGINEER, WX_SHELF_BENCH,       TRUE },
  { WX_ORDER_STATE_OUTSOURCED,         "outsourced",         N_("At a peer shop"),         WX_FOLDER_WITH_ENGINEER, WX_SHELF_PEER,        TRUE },
  { WX_ORDER_STATE_REPAIRED,           "repaired",           N_("Repaired (OK)"),          WX_FOLDER_F3,            WX_SHELF_S4,          TRUE },
  { WX_ORDER_STATE_NOTIFIED,           "notified",           N_("Customer notified"),      WX_FOLDER_F3,            WX_SHELF_S4,          TRUE },
  { WX_ORDER_STATE_DELIVERING,         "delivering",         N_("Out for delivery"),       WX_FOLDER_WITH_ENGINEER, WX_SHELF_BENCH,       TRUE },
  { WX_ORDER_STATE_PICKED_UP,          "picked_up",          N_("Picked up"),              WX_FOLDER_F4,            WX_SHELF_RETURNED,    TRUE },
  { WX_ORDER_STATE_ENTERED,            "entered",            N_("Entered"),                WX_FOLDER_F4,            WX_SHELF_RETURNED,    TRUE },
  { WX_ORDER_STATE_RECONCILED,         "reconciled",         N_("Reconciled"),             WX_FOLDER_F5,            WX_SHELF_RETURNED,    TRUE },
  { WX_ORDER_STATE_ARCHIVED,           "archived",           N_("Invoiced and archived"),  WX_FOLDER_NONE,          WX_SHELF_RETURNED,    FALSE },
  { WX_ORDER_STATE_CANCELLED,          "cancelled",          N_("Cancelled"),              WX_FOLDER_NONE,          WX_SHELF_NONE,        FALSE },
  { WX_ORDER_STATE_CALL_LOGGED,        "call_logged",        N_("Call logged"),            WX_FOLDER_F1,            WX_SHELF_AT_CUSTOMER, TRUE },
  { WX_ORDER_STATE_ONSITE_DISPATCHED,  "onsite_dispatched",  N_("Dispatched on site"),     WX_FOLDER_WITH_ENGINEER, WX_SHELF_AT_CUSTOMER, TRUE },
  { WX_ORDER_STATE_APPOINTMENT_BOOKED, "appointment_booked", N_("Visit booked"),           WX_FOLDER_WITH_ENGINEER, WX_SHELF_AT_CUSTOMER, TRUE },
  { WX_ORDER_STATE_ON_SITE,            "on_site",            N_("Engineer on site"),       WX_FOLDER_WITH_ENGINEER, WX_SHELF_AT_CUSTOMER, TRUE },
  { WX_ORDER_STATE_FIXED_ON_SITE,      "fixed_on_site",      N_("Fixed on site"),          WX_FOLDER_F3,            WX_SHELF_AT_CUSTOMER, TRUE },
};

static const struct { const char *code; const char *label; } folders[WX_N_FOLDERS] = {
  [WX_FOLDER_NONE]          = { "none",          N_("Filed") },
  [WX_FOLDER_F1]            = { "F1",            N_("To inspect / to visit") },
  [WX_FOLDER_F2]            = { "F2",            N_("Quoted / awaiting approval") },
  [WX_FOLDER_F3]            = { "F3",            N_("Repaired / awaiting pickup") },
  [WX_FOLDER_F4]            = { "F4",            N_("Entered / awaiting reconciliation") },
  [WX_FOLDER_F5]            = { "F5",            N_("Reconciled / awaiting invoice") },
  [WX_FOLDER_WITH_ENGINEER] = { "with_engineer", N_("With engineer") },
};

static const struct { const char *code; const char *label; } shelves[WX_N_SHELVES] = {
  [WX_SHELF_NONE]        = { "none",        N_("No machine") },
  [WX_SHELF_S1]          = { "S1",          N_("Awaiting test") },
  [WX_SHELF_S2]          = { "S2",          N_("Awaiting parts / decision") },
  [WX_SHELF_S3]          = { "S3",          N_("Awaiting repair") },
  [WX_SHELF_S4]          = { "S4",          N_("OK / awaiting pickup") },
  [WX_SHELF_BENCH]       = { "bench",       N_("On the bench") },
  [WX_SHELF_PEER]        = { "peer",        N_("At a peer shop") },
  [WX_SHELF_RETURNED]    = { "returned",    N_("Returned to the customer") },
  [WX_SHELF_AT_CUSTOMER] = { "at_customer", N_("At the customer's site") },
};

static const struct { const char *code; const char *label; } kinds[] = {
  [WX_ORDER_KIND_CARRY_IN] = { "carry_in", N_("Carry-in") },
  [WX_ORDER_KIND_ON_SITE]  = { "on_site",  N_("On-site") },
  [WX_ORDER_KIND_SALE]     = { "sale",     N_("Sale") },
};

static const struct { WxRole role; const char *group; const char *name; } roles[] = {
  { WX_ROLE_COORDINATOR, "wx_coordinator", "coordinator" },
  { WX_ROLE_ENGINEER,    "wx_engineer",    "engineer" },
  { WX_ROLE_SUPERVISOR,  "wx_supervisor",  "supervisor" },
  { WX_ROLE_ADMIN,       "wx_admin",       "admin" },
};

const WxStateInfo *
wx_workflow_states (guint *n_states)
{
  if (n_states)
    *n_states = G_N_ELEMENTS (states);
  return states;
}

const WxStateInfo *
wx_workflow_state_info (WxOrderState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (states), NULL);
  return &states[state];
}

gboolean
wx_workflow_state_from_code (const char   *code,
                             WxOrderState *state)
{
  for (guint i = 0; code && i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (states[i].code, code))
      {
        *state = states[i].state;
        return TRUE;
      }
  return FALSE;
}

/* Folder totals from per-state totals: folders are derived, never stored. */
void
wx_workflow_count_folders (const gint64 state_counts[WX_N_ORDER_STATES],
                           gint64       folder_counts[WX_N_FOLDERS])
{
  memset (folder_counts, 0, sizeof (gint64) * WX_N_FOLDERS);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    folder_counts[states[i].folder] += state_counts[i];
}

const char *
wx_order_state_to_code (WxOrderState state)
{
  return wx_workflow_state_info (state)->code;
}

const char *
wx_order_state_label (WxOrderState state)
{
  return _(wx_workflow_state_info (state)->label);
}

const char *
wx_folder_to_code (WxFolder folder)
{
  g_return_val_if_fail ((guint) folder < WX_N_FOLDERS, NULL);
  return folders[folder].code;
}

const char *
wx_folder_label (WxFolder folder)
{
  g_return_val_if_fail ((guint) folder < WX_N_FOLDERS, NULL);
  return _(folders[folder].label);
}

gboolean
wx_folder_from_code (const char *code,
                     WxFolder   *folder)
{
  for (guint i = 0; code && i < WX_N_FOLDERS; i++)
    if (g_str_equal (folders[i].code, code))
      {
        *folder = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_shelf_to_code (WxShelf shelf)
{
  g_return_val_if_fail ((guint) shelf < WX_N_SHELVES, NULL);
  return shelves[shelf].code;
}

const char *
wx_shelf_label (WxShelf shelf)
{
  g_return_val_if_fail ((guint) shelf < WX_N_SHELVES, NULL);
  return _(shelves[shelf].label);
}

const char *
wx_order_kind_to_code (WxOrderKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind].code;
}

const char *
wx_order_kind_label (WxOrderKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return _(kinds[kind].label);
}

gboolean
wx_order_kind_from_code (const char  *code,
                         WxOrderKind *kind)
{
  /* Accept the CLI spelling with a dash as well as the stored one. */
  g_autofree char *norm = code ? g_strdelimit (g_strdup (code), "-", '_') : NULL;

  for (guint i = 0; norm && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].code, norm))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_role_to_group (WxRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return roles[i].group;
  return NULL;
}

gboolean
wx_role_from_name (const char *name,
                   WxRole     *role)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].name, name) || g_str_equal (roles[i].group, name))
      {
        *role = roles[i].role;
        return TRUE;
      }
  return FALSE;
}

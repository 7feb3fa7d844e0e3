#define G_LOG_DOMAIN "wx-workflow"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-validate.h"
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

static const struct { WxRole role; const char *group; const char *name; const char *label; } roles[] = {
  { WX_ROLE_COORDINATOR, "wx_coordinator", "coordinator", N_("coordinator") },
  { WX_ROLE_ENGINEER,    "wx_engineer",    "engineer",    N_("engineer") },
  { WX_ROLE_SUPERVISOR,  "wx_supervisor",  "supervisor",  N_("supervisor") },
  { WX_ROLE_ADMIN,       "wx_admin",       "admin",       N_("admin") },
};

/* ------------------------------------------------------------ transitions
 *
 * The workflow table (architecture.md rule 1; domain.md section 3; seed 000
 * 送修工作流程, 现场维修工作流程 and the 协调员/工程师/维修部主管 操作细则).
 * The database holds the same rows, in the same order, in
 * workflow_transitions (data/sql/005_workflow.sql); a test asserts both are
 * equal and a trigger refuses any change of state that no row allows.
 * Folder and shelf follow from the target state (the states table above). */
#define C  WX_ROLE_COORDINATOR
#define E  WX_ROLE_ENGINEER
#define S  WX_ROLE_SUPERVISOR
#define KC (1u << WX_ORDER_KIND_CARRY_IN)
#define KO (1u << WX_ORDER_KIND_ON_SITE)
#define KS (1u << WX_ORDER_KIND_SALE)
#define KALL (KC | KO | KS)
#define ANY WX_ANY_OPEN_STATE
#define SAME WX_SAME_STATE
#define ST(x) WX_ORDER_STATE_##x
#define N(x) WX_NEED_##x

static const WxTransition transitions[] = {
  /* carry-in (送修): the check bench, dispatch, inspection */
  { ST(RECEIVED),           "dispatch_inspection", ST(INSPECTING),         KC | KO, C | E | S, N(ENGINEER),
    "", "dispatched_at", WX_FORM_STEP },
  { ST(RECEIVED),           "fix_at_desk",         ST(REPAIRED),           KC,      E | S,     N(REPAIR_NOTES) | N(REPAIR_RECORD),
    "old_parts cleaned", "repaired_by repaired_at", WX_FORM_REPAIR },
  { ST(INSPECTING),         "inspect",             ST(INSPECTED),          KC | KO, E | S,     N(FINDINGS),
    "measures parts_needed suggested_price explanation", "inspected_by inspected_at", WX_FORM_INSPECTION },
  { ST(INSPECTING),         "outsource",           ST(OUTSOURCED),         KC | KO, C | E | S, N(PEER),
    "fault_analysis", "", WX_FORM_INSPECTION },
  /* quote and decision; in-warranty repairs need no quote */
  { ST(INSPECTED),          "quote",               ST(QUOTED),             KC | KO, C | S,     N(QUOTE_LINES) | N(QUOTE_TOTAL) | N(QUOTE_METHOD),
    "quote_told repair_period", "quoted_at", WX_FORM_STEP },
  { ST(INSPECTED),          "tell_result",         SAME,                   KC | KO, C | S,     N(TOLD),
    "", "", WX_FORM_STEP },
  { ST(INSPECTED),          "dispatch_repair",     ST(REPAIRING),          KC | KO, C | S,     N(ENGINEER) | N(IN_WARRANTY),
    "", "dispatched_at", WX_FORM_STEP },
  { ST(QUOTED),             "agree",               ST(AGREED),             KALL,    C | S,     N(CONTACT),
    "decision_reason", "decision decided_at", WX_FORM_STEP },
  { ST(QUOTED),             "decline",             ST(DECLINED),           KC | KO, C | S,     N(CONTACT),
    "decision_reason", "decision decided_at", WX_FORM_STEP },
  /* repair, parts, peer shops */
  { ST(AGREED),             "dispatch_repair",     ST(REPAIRING),          KC | KO, C | E | S, N(ENGINEER),
    "", "dispatched_at", WX_FORM_STEP },
  { ST(AGREED),             "order_parts",         ST(WAITING_PARTS),      KC | KO, C | E | S, N(PART),
    "part_id supplier_id quantity expected_on prepaid cost", "", WX_FORM_PART_ORDER },
  { ST(REPAIRING),          "order_parts",         ST(WAITING_PARTS),      KC | KO, C | E | S, N(PART),
    "part_id supplier_id quantity expected_on prepaid cost", "", WX_FORM_PART_ORDER },
  { ST(WAITING_PARTS),      "parts_arrived",       ST(AGREED),             KC | KO, C | E | S, N(NONE),
    "", "", WX_FORM_PART_ORDER },
  { ST(REPAIRING),          "repair_done",         ST(REPAIRED),           KC | KO, E | S,     N(REPAIR_NOTES) | N(REPAIR_RECORD),
    "old_parts cleaned", "repaired_by repaired_at", WX_FORM_REPAIR },
  { ST(REPAIRING),          "outsource",           ST(OUTSOURCED),         KC | KO, C | E | S, N(PEER),
    "fault_analysis", "", WX_FORM_INSPECTION },
  { ST(OUTSOURCED),         "outsource_return",    ST(REPAIRED),           KC | KO, C | E | S, N(NONE),
    "", "", WX_FORM_NONE },
  /* notification, pickup or delivery, payment */
  { ST(REPAIRED),           "notify",              ST(NOTIFIED),           KC | KO, C | S,     N(ANSWERED_BY),
    "relayed_to", "notified_at", WX_FORM_STEP },
  { ST(DECLINED),           "notify",              ST(NOTIFIED),           KC | KO, C | S,     N(ANSWERED_BY),
    "relayed_to", "notified_at", WX_FORM_STEP },
  { ST(REPAIRED),           "pickup",              ST(PICKED_UP),          KC | KO, C | S,     N(ACCESSORIES) | N(PAYMENT) | N(PICKED_UP_BY),
    "payment_amount payment_method verified_by pickup_signed", "picked_up_at", WX_FORM_STEP },
  { ST(DECLINED),           "pickup",              ST(PICKED_UP),          KC | KO, C | S,     N(ACCESSORIES) | N(PAYMENT) | N(PICKED_UP_BY),
    "payment_amount payment_method verified_by pickup_signed", "picked_up_at", WX_FORM_STEP },
  { ST(NOTIFIED),           "pickup",              ST(PICKED_UP),          KC | KO, C | S,     N(ACCESSORIES) | N(PAYMENT) | N(PICKED_UP_BY),
    "payment_amount payment_method verified_by pickup_signed", "picked_up_at", WX_FORM_STEP },
  { ST(NOTIFIED),           "dispatch_delivery",   ST(DELIVERING),         KC | KO, C | S,     N(ENGINEER),
    "", "", WX_FORM_STEP },
  { ST(DELIVERING),         "deliver",             ST(PICKED_UP),          KALL,    E | S,     N(ACCESSORIES) | N(PAYMENT),
    "payment_amount payment_method picked_up_by pickup_signed", "picked_up_at delivered_by", WX_FORM_VISIT },
  /* on-site (现场维修) */
  { ST(CALL_LOGGED),        "dispatch_onsite",     ST(ONSITE_DISPATCHED),  KO,      C | S,     N(ENGINEER),
    "", "dispatched_at", WX_FORM_STEP },
  { ST(ONSITE_DISPATCHED),  "book_visit",          ST(APPOINTMENT_BOOKED), KO,      C | E | S, N(APPOINTMENT),
    "address contact phone reason", "", WX_FORM_VISIT },
  { ST(APPOINTMENT_BOOKED), "arrive",              ST(ON_SITE),            KO,      E | S,     N(NONE),
    "arrived_at serial device_id", "", WX_FORM_VISIT },
  { ST(ON_SITE),            "fix_on_site",         ST(FIXED_ON_SITE),      KO,      E | S,     N(REPAIR_NOTES),
    "outcome arrived_at left_at parts_used old_parts customer_signed", "repaired_by repaired_at", WX_FORM_VISIT },
  { ST(ON_SITE),            "inspect",             ST(INSPECTED),          KO,      E | S,     N(FINDINGS),
    "outcome arrived_at left_at measures parts_needed suggested_price explanation", "inspected_by inspected_at", WX_FORM_VISIT },
  { ST(ON_SITE),            "take_back",           ST(RECEIVED),           KO,      E | S,     N(NONE),
    "outcome arrived_at left_at appearance accessories customer_signed", "", WX_FORM_VISIT },
  { ST(ON_SITE),            "leave_unfixed",       ST(ONSITE_DISPATCHED),  KO,      E | S,     N(REASON),
    "outcome arrived_at left_at", "", WX_FORM_VISIT },
  { ST(AGREED),             "dispatch_onsite",     ST(ONSITE_DISPATCHED),  KO,      C | S,     N(ENGINEER),
    "", "dispatched_at", WX_FORM_STEP },
  { ST(FIXED_ON_SITE),      "accept",              ST(PICKED_UP),          KO,      C | E | S, N(PAYMENT),
    "payment_amount payment_method picked_up_by pickup_signed", "picked_up_at", WX_FORM_VISIT },
  /* sale (销售) */
  { ST(RECEIVED),           "quote",               ST(QUOTED),             KS,      C | S,     N(QUOTE_LINES) | N(QUOTE_TOTAL) | N(QUOTE_METHOD),
    "quote_told repair_period", "quoted_at", WX_FORM_STEP },
  { ST(AGREED),             "pickup",              ST(PICKED_UP),          KS,      C | S,     N(PAYMENT) | N(PICKED_UP_BY),
    "payment_amount payment_method verified_by pickup_signed", "picked_up_at", WX_FORM_STEP },
  { ST(AGREED),             "dispatch_delivery",   ST(DELIVERING),         KS,      C | S,     N(ENGINEER),
    "", "", WX_FORM_STEP },
  /* closing: 日清日毕, the supervisor's review, reconciliation, invoice */
  { ST(PICKED_UP),          "enter",               ST(ENTERED),            KALL,    C | S,     N(NONE),
    "", "entered_at", WX_FORM_NONE },
  { ST(ENTERED),            "review",              SAME,                   KALL,    S,         N(NONE),
    "", "reviewed_by reviewed_at", WX_FORM_REVIEW },
  { ST(ENTERED),            "reconcile",           ST(RECONCILED),         KALL,    C | S,     N(NONE),
    "", "reconciled_at", WX_FORM_NONE },
  { ST(RECONCILED),         "invoice",             ST(ARCHIVED),           KALL,    C | S,     N(NONE),
    "", "invoiced_at", WX_FORM_NONE },
  /* cancel with a reason, before the shop has worked on the machine */
  { ST(RECEIVED),           "cancel",              ST(CANCELLED),          KALL,    C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  { ST(INSPECTED),          "cancel",              ST(CANCELLED),          KC | KO, C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  { ST(QUOTED),             "cancel",              ST(CANCELLED),          KALL,    C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  { ST(CALL_LOGGED),        "cancel",              ST(CANCELLED),          KO,      C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  { ST(ONSITE_DISPATCHED),  "cancel",              ST(CANCELLED),          KO,      C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  { ST(APPOINTMENT_BOOKED), "cancel",              ST(CANCELLED),          KO,      C | S,     N(CANCEL_REASON),
    "", "", WX_FORM_STEP },
  /* in any open state: escalate to the supervisor, hand the order over (首问负责) */
  { ANY,                    "escalate",            SAME,                   KALL,    C | E | S, N(REASON),
    "", "", WX_FORM_STEP },
  { ANY,                    "hand_over",           SAME,                   KALL,    C | E | S, N(NEW_OWNER),
    "", "owner_role", WX_FORM_STEP },
  /* on-site, without a change of state: the engineer's call to the customer
   * (the 10-minute contact clock), a late arrival announced with the new time */
  { ST(ONSITE_DISPATCHED),  "contact_customer",    SAME,                   KO,      E | S,     N(NONE),
    "contact phone note", "", WX_FORM_VISIT },
  { ST(APPOINTMENT_BOOKED), "running_late",        SAME,                   KO,      E | S,     N(APPOINTMENT),
    "note contact reason", "", WX_FORM_VISIT },
};

#undef C
#undef E
#undef S
#undef ANY
#undef SAME
#undef ST
#undef N

static const char *const forms[WX_N_FORMS] = {
  [WX_FORM_NONE] = "none", [WX_FORM_STEP] = "step", [WX_FORM_INSPECTION] = "inspection",
  [WX_FORM_REPAIR] = "repair", [WX_FORM_PART_ORDER] = "part_order", [WX_FORM_VISIT] = "visit",
  [WX_FORM_REVIEW] = "review",
};

/* The code of a form in workflow_transitions.form. */
const char *
wx_step_form_to_code (WxStepForm form)
{
  g_return_val_if_fail ((guint) form < WX_N_FORMS, NULL);
  return forms[form];
}

/* Every event of the log: the transitions', and those recorded without one
 * (an order's creation, a detected return repair, a correction of the
 * order's details after intake: wx_amend). */
static const struct { const char *code; const char *label; } events[] = {
  { "received",            N_("Received") },
  { "call_logged",         N_("Call logged") },
  { "dispatch_inspection", N_("Dispatch for inspection") },
  { "fix_at_desk",         N_("Fixed at the check bench") },
  { "inspect",             N_("Inspection done") },
  { "outsource",           N_("Send to a peer shop") },
  { "quote",               N_("Quote the customer") },
  { "tell_result",         N_("Tell the customer the result") },
  { "dispatch_repair",     N_("Dispatch for repair") },
  { "agree",               N_("Customer agrees") },
  { "decline",             N_("Customer declines") },
  { "order_parts",         N_("Order parts") },
  { "parts_arrived",       N_("Parts arrived") },
  { "repair_done",         N_("Repair done (OK)") },
  { "outsource_return",    N_("Back from the peer shop") },
  { "notify",              N_("Customer notified") },
  { "pickup",              N_("Picked up and paid") },
  { "dispatch_delivery",   N_("Dispatch for delivery") },
  { "deliver",             N_("Delivered and paid") },
  { "dispatch_onsite",     N_("Dispatch on site") },
  { "book_visit",          N_("Visit booked") },
  { "arrive",              N_("Arrived on site") },
  { "fix_on_site",         N_("Fixed on site") },
  { "take_back",           N_("Taken back to the shop") },
  { "leave_unfixed",       N_("Visit ended unfixed") },
  { "contact_customer",    N_("Customer contacted") },
  { "running_late",        N_("Running late") },
  { "accept",              N_("Accepted and paid on site") },
  { "enter",               N_("Entered") },
  { "review",              N_("Reviewed by the supervisor") },
  { "review_returned",     N_("Returned by the supervisor") },
  { "review_seen",         N_("Supervisor's return acknowledged") },
  { "review_answered",     N_("Resubmitted after the return") },
  { "reconcile",           N_("Reconciled") },
  { "invoice",             N_("Invoiced and archived") },
  { "cancel",              N_("Cancel") },
  { "escalate",            N_("Escalate") },
  { "hand_over",           N_("Hand over") },
  { "return_repair",       N_("Return repair detected") },
  { "amend",               N_("Details corrected") },
  /* money after the steps (functions/money.sql) */
  { "payment",             N_("Payment received") },
  { "refund",              N_("Refund") },
  { "write_off",           N_("Written off") },
  { "prepayment",          N_("Kept as prepayment") },
  { "invoice_recorded",    N_("Invoice recorded") },
  { "chase",               N_("Payment chased") },
};

/* What each need is called, and the data key that satisfies it. */
static const struct { WxNeed need; const char *code; const char *key; const char *label; } needs[WX_N_NEEDS] = {
  { WX_NEED_ENGINEER,      "engineer",      "engineer",            N_("the engineer") },
  { WX_NEED_FINDINGS,      "findings",      "fault_analysis",      N_("the inspection findings") },
  { WX_NEED_QUOTE_LINES,   "quote_lines",   NULL,                  N_("the quote lines") },
  { WX_NEED_QUOTE_TOTAL,   "quote_total",   "quote_total",         N_("the quote total") },
  { WX_NEED_QUOTE_METHOD,  "quote_method",  "quote_method",        N_("how the quote was given") },
  { WX_NEED_CONTACT,       "contact",       "decision_contact",    N_("the contact reached") },
  { WX_NEED_REPAIR_NOTES,  "repair_notes",  "repair_notes",        N_("what was repaired") },
  { WX_NEED_PEER,          "peer",          "peer_id",             N_("the peer shop") },
  { WX_NEED_PART,          "part",          "part",                N_("the part to order") },
  { WX_NEED_ANSWERED_BY,   "answered_by",   "answered_by",         N_("who answered the call") },
  { WX_NEED_ACCESSORIES,   "accessories",   "accessories_checked", N_("the accessories check") },
  { WX_NEED_PAYMENT,       "payment",       "payment_status",      N_("payment or on-account") },
  { WX_NEED_PICKED_UP_BY,  "picked_up_by",  "picked_up_by",        N_("who picked it up") },
  { WX_NEED_APPOINTMENT,   "appointment",   "appointment_at",      N_("the appointment time") },
  { WX_NEED_REASON,        "reason",        "reason",              N_("a reason") },
  { WX_NEED_CANCEL_REASON, "cancel_reason", "cancel_reason",       N_("the reason for cancelling") },
  { WX_NEED_NEW_OWNER,     "new_owner",     "new_owner",          N_("the colleague who takes over") },
  { WX_NEED_IN_WARRANTY,   "in_warranty",   "warranty_status",     N_("a warranty (in warranty or under contract)") },
  { WX_NEED_TOLD,          "told",          "quote_told",          N_("what the customer was told") },
  { WX_NEED_REPAIR_RECORD, "repair_record", "functional_tests",    N_("the functional tests (the repair record)") },
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

const char *
wx_role_label (WxRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return _(roles[i].label);
  return NULL;
}

/* "coordinator or supervisor", in the user's language. */
char *
wx_roles_describe (WxRole roles_mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles_mask & roles[i].role)
      g_ptr_array_add (names, (gpointer) _(roles[i].label));
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" or ") : _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

const WxTransition *
wx_workflow_transitions (guint *n_transitions)
{
  if (n_transitions)
    *n_transitions = G_N_ELEMENTS (transitions);
  return transitions;
}

static gboolean
transition_leaves (const WxTransition *t, WxOrderKind kind, WxOrderState from)
{
  if (!(t->kinds & (1u << kind)))
    return FALSE;
  if (t->from == WX_ANY_OPEN_STATE)
    return wx_workflow_state_info (from)->open;
  return t->from == (int) from;
}

/* The row for `event` from `from` in an order of `kind`, or NULL. */
const WxTransition *
wx_workflow_find (WxOrderKind kind, WxOrderState from, const char *event)
{
  for (guint i = 0; event && i < G_N_ELEMENTS (transitions); i++)
    if (g_str_equal (transitions[i].event, event) && transition_leaves (&transitions[i], kind, from))
      return &transitions[i];
  return NULL;
}

/* The transitions that may leave `from` (for menus and the board's drop
 * targets), in table order; the array holds pointers into the table. */
GPtrArray *
wx_workflow_available (WxOrderKind kind, WxOrderState from)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transition_leaves (&transitions[i], kind, from))
      g_ptr_array_add (out, (gpointer) &transitions[i]);
  return out;
}

/* The steps from `from` whose target is in `place` (a folder or a shelf,
 * as `place_of` says), that `roles` may take; or NULL and why not. */
static GPtrArray *
steps_to_place (WxOrderKind   kind,
                WxOrderState  from,
                guint         place,
                guint       (*place_of) (WxOrderState state),
                const char   *place_label,
                WxRole        user_roles,
                GError      **error)
{
  g_autoptr(GPtrArray) available = wx_workflow_available (kind, from);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GString) next = g_string_new (NULL);
  WxRole allowed = WX_ROLE_NONE;

  if (place_of (from) == place)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED,
                   _("The order is already in “%s”."), place_label);
      return NULL;
    }
  for (guint i = 0; i < available->len; i++)
    {
      const WxTransition *t = g_ptr_array_index (available, i);

      if (place_of (wx_transition_target (t, from)) != place)
        {
          if (t->to != WX_SAME_STATE && !g_str_equal (t->event, "cancel"))
            g_string_append_printf (next, "%s%s", next->len ? _(", ") : "", wx_workflow_event_label (t->event));
          continue;
        }
      allowed |= t->roles;
      if (t->roles & user_roles)
        g_ptr_array_add (steps, (gpointer) t);
    }
  if (steps->len > 0)
    return g_steal_pointer (&steps);
  if (allowed != WX_ROLE_NONE)
    {
      g_autofree char *who = wx_roles_describe (allowed);
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_DENIED,
                   _("Your role cannot move it to “%s”; that is for the %s."), place_label, who);
    }
  else if (next->len > 0)
    g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED,
                 _("An order that is “%s” cannot go to “%s”; its next steps: %s."),
                 wx_order_state_label (from), place_label, next->str);
  else
    g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED,
                 _("An order that is “%s” cannot go to “%s”."), wx_order_state_label (from), place_label);
  return NULL;
}

static guint
folder_of (WxOrderState state)
{
  return states[state].folder;
}

static guint
shelf_of (WxOrderState state)
{
  return states[state].shelf;
}

GPtrArray *
wx_workflow_steps_to_folder (WxOrderKind   kind,
                             WxOrderState  from,
                             WxFolder      folder,
                             WxRole        user_roles,
                             GError      **error)
{
  return steps_to_place (kind, from, folder, folder_of, wx_folder_label (folder), user_roles, error);
}

GPtrArray *
wx_workflow_steps_to_shelf (WxOrderKind   kind,
                            WxOrderState  from,
                            WxShelf       shelf,
                            WxRole        user_roles,
                            GError      **error)
{
  return steps_to_place (kind, from, shelf, shelf_of, wx_shelf_label (shelf), user_roles, error);
}

WxOrderState
wx_transition_target (const WxTransition *t, WxOrderState from)
{
  return t->to == WX_SAME_STATE ? from : (WxOrderState) t->to;
}

gboolean
wx_workflow_event_known (const char *event)
{
  for (guint i = 0; event && i < G_N_ELEMENTS (events); i++)
    if (g_str_equal (events[i].code, event))
      return TRUE;
  return FALSE;
}

/* The event's name for people; the code itself when unknown. */
const char *
wx_workflow_event_label (const char *event)
{
  for (guint i = 0; event && i < G_N_ELEMENTS (events); i++)
    if (g_str_equal (events[i].code, event))
      return _(events[i].label);
  return event;
}

const char *
wx_need_to_code (WxNeed need)
{
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if (needs[i].need == need)
      return needs[i].code;
  return NULL;
}

gboolean
wx_need_from_code (const char *code, WxNeed *need)
{
  for (guint i = 0; code && i < G_N_ELEMENTS (needs); i++)
    if (g_str_equal (needs[i].code, code))
      {
        *need = needs[i].need;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_need_label (WxNeed need)
{
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if (needs[i].need == need)
      return _(needs[i].label);
  return NULL;
}

/* The data key that satisfies `need` (NULL for facts such as quote lines). */
const char *
wx_need_key (WxNeed need)
{
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if (needs[i].need == need)
      return needs[i].key;
  return NULL;
}

static gboolean
need_met (WxNeed need, const char *value, guint n_quote_lines)
{
  switch (need)
    {
    case WX_NEED_QUOTE_LINES:
      return n_quote_lines > 0;
    case WX_NEED_ACCESSORIES:
      return value && (g_str_equal (value, "t") || g_str_equal (value, "true") ||
                       g_str_equal (value, "yes") || g_str_equal (value, "1"));
    case WX_NEED_PAYMENT:
      return value && (g_str_equal (value, "paid") || g_str_equal (value, "on_account") ||
                       g_str_equal (value, "free"));
    case WX_NEED_IN_WARRANTY:
      return value && (g_str_equal (value, "in_warranty") || g_str_equal (value, "contract"));
    default:
      return wx_validate_filled (value);
    }
}

/* The needs of `t` that `values` (the order's columns overlaid with the
 * step's data, key → text) and the order's quote lines do not meet. */
WxNeed
wx_workflow_missing (const WxTransition *t, GHashTable *values, guint n_quote_lines)
{
  WxNeed missing = WX_NEED_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if ((t->needs & needs[i].need) &&
        !need_met (needs[i].need, needs[i].key && values ? g_hash_table_lookup (values, needs[i].key) : NULL,
                   n_quote_lines))
      missing |= needs[i].need;
  return missing;
}

/* "Missing: the quote total, the quote lines." */
char *
wx_workflow_describe_missing (WxNeed missing)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if (missing & needs[i].need)
      {
        if (list->len)
          g_string_append (list, _(", "));
        g_string_append (list, _(needs[i].label));
      }
  return g_strdup_printf (_("Missing: %s."), list->str);
}

/* Whether an order of `kind` in `from` may take `event` by someone holding
 * `user_roles`, with the data in `values`: the row, or NULL and an error
 * that says why in one sentence. */
const WxTransition *
wx_workflow_check (WxOrderKind   kind,
                   WxOrderState  from,
                   const char   *event,
                   WxRole        user_roles,
                   GHashTable   *values,
                   guint         n_quote_lines,
                   GError      **error)
{
  const WxTransition *t;
  WxNeed missing;

  if (!wx_workflow_event_known (event))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED,
                   _("“%s” is not a step of the workflow."), event);
      return NULL;
    }
  t = wx_workflow_find (kind, from, event);
  if (t == NULL)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_NOT_ALLOWED,
                   _("“%s” is not allowed while the order is “%s”."),
                   wx_workflow_event_label (event), wx_order_state_label (from));
      return NULL;
    }
  if (!(t->roles & user_roles))
    {
      g_autofree char *who = wx_roles_describe (t->roles);
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_DENIED,
                   _("Your role cannot do “%s”; it is for the %s."), wx_workflow_event_label (event), who);
      return NULL;
    }
  missing = wx_workflow_missing (t, values, n_quote_lines);
  if (missing != WX_NEED_NONE)
    {
      g_autofree char *msg = wx_workflow_describe_missing (missing);
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING, msg);
      return NULL;
    }
  return t;
}

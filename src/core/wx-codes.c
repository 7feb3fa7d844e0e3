#define G_LOG_DOMAIN "wx-codes"

#include <glib/gi18n.h>

#include "wx-codes.h"

typedef struct {
  const char *code;
  const char *label;
} CodeLabel;

/* Each set ends with { NULL }. The codes are those of data/sql/001_schema.sql. */
static const CodeLabel warranty_statuses[] = {
  { "unknown",         N_("Not known") },
  { "in_warranty",     N_("In warranty") },
  { "out_of_warranty", N_("Out of warranty") },
  { "contract",        N_("Service contract") },
  { NULL },
}, warranty_evidence[] = {
  { "none",             N_("no warranty card or invoice") },
  { "card",             N_("warranty card") },
  { "invoice",          N_("purchase invoice") },
  { "card_and_invoice", N_("warranty card and invoice") },
  { NULL },
}, backups[] = {
  { "not_applicable",      N_("Not applicable") },
  { "backed_up",           N_("Backed up by the customer") },
  { "may_lose_data",       N_("Not backed up: data may be lost") },
  { "customer_keeps_disk", N_("Customer keeps the disk") },
  { NULL },
}, quote_methods[] = {
  { "phone",     N_("By phone") },
  { "fax",       N_("By fax") },
  { "email",     N_("By email") },
  { "chat",      N_("By online chat") },
  { "in_person", N_("In person") },
  { NULL },
}, decisions[] = {
  { "agree",   N_("Agreed") },
  { "decline", N_("Declined") },
  { NULL },
}, old_parts[] = {
  { "returned_to_customer", N_("Given back to the customer") },
  { "kept_by_supervisor",   N_("Kept by the supervisor") },
  { "none",                 N_("No old parts") },
  { NULL },
}, payments[] = {
  { "unpaid",     N_("Unpaid") },
  { "paid",       N_("Paid") },
  { "on_account", N_("On account") },
  { "free",       N_("Free of charge") },
  { NULL },
}, payment_methods[] = {
  { "cash",          N_("Cash") },
  { "wechat",        N_("WeChat Pay") },
  { "alipay",        N_("Alipay") },
  { "card",          N_("Bank card") },
  { "bank_transfer", N_("Bank transfer") },
  { "cheque",        N_("Cheque") },
  { "on_account",    N_("On account") },
  { "prepaid",       N_("From the prepayment") },
  { NULL },
}, call_directions[] = {
  { "inbound",  N_("Inbound") },
  { "outbound", N_("Outbound") },
  { NULL },
}, call_purposes[] = {
  { "request",       N_("Repair request") },
  { "enquiry",       N_("Enquiry") },
  { "quote",         N_("Quote") },
  { "notify_pickup", N_("Pickup notice") },
  { "appointment",   N_("Booking a visit") },
  { "running_late",  N_("Running late") },
  { "callback",      N_("Callback") },
  { "complaint",     N_("Complaint") },
  { "other",         N_("Other") },
  { NULL },
}, escalation_triggers[] = {
  { "manual",            N_("Raised by hand") },
  { "two_visits",        N_("Two visits without a fix") },
  { "two_part_orders",   N_("Two part orders without a fix") },
  { "no_diagnosis_week", N_("No diagnosis within a week") },
  { "cluster",           N_("Same fault on several machines of one model") },
  { "part_overdue",      N_("A part order is late") },
  { "late_decision",     N_("No decision on the quote after 2 working days") },
  { "on_site_long",      N_("An engineer on site for hours with no outcome") },
  { NULL },
}, callback_kinds[] = {
  { "weekly",            N_("This week's orders (Friday)") },
  { "onsite_24h",        N_("24 hours after an on-site job") },
  { "hotline_next_day",  N_("Unresolved hotline case, next day") },
  { "phone_guidance_2h", N_("2 hours after phone guidance") },
  { "pickup_unchecked",  N_("Not checked at pickup") },
  { NULL },
};

static const CodeLabel * const sets[] = {
  [WX_CODE_WARRANTY_STATUS]    = warranty_statuses,
  [WX_CODE_WARRANTY_EVIDENCE]  = warranty_evidence,
  [WX_CODE_BACKUP]             = backups,
  [WX_CODE_QUOTE_METHOD]       = quote_methods,
  [WX_CODE_DECISION]           = decisions,
  [WX_CODE_OLD_PARTS]          = old_parts,
  [WX_CODE_PAYMENT]            = payments,
  [WX_CODE_PAYMENT_METHOD]     = payment_methods,
  [WX_CODE_CALL_DIRECTION]     = call_directions,
  [WX_CODE_CALL_PURPOSE]       = call_purposes,
  [WX_CODE_ESCALATION_TRIGGER] = escalation_triggers,
  [WX_CODE_CALLBACK_KIND]      = callback_kinds,
};

static const CodeLabel *
find (WxCodeSet set, const char *code)
{
  g_return_val_if_fail ((guint) set < G_N_ELEMENTS (sets), NULL);
  for (const CodeLabel *c = sets[set]; code && c->code; c++)
    if (g_str_equal (c->code, code))
      return c;
  return NULL;
}

const char *
wx_code_label (WxCodeSet set, const char *code)
{
  const CodeLabel *c = find (set, code);

  if (c)
    return _(c->label);
  return code ? code : "";
}

gboolean
wx_code_known (WxCodeSet set, const char *code)
{
  return find (set, code) != NULL;
}

const char *
wx_code_nth (WxCodeSet set, guint n)
{
  const CodeLabel *c;

  g_return_val_if_fail ((guint) set < G_N_ELEMENTS (sets), NULL);
  for (c = sets[set]; c->code && n > 0; c++, n--)
    ;
  return c->code;
}

#define G_LOG_DOMAIN "wx-fields"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-fields.h"

/* Intake's keys (data/sql/functions/intake.sql, wx_intake), the order's
 * columns wx_amend corrects, and the call log's keys (calls.sql). */
static const struct { const char *field; const char *label; } fields[] = {
  /* wx_intake */
  { "kind",              N_("Kind") },
  { "unit",              N_("Unit") },
  { "address",           N_("Address") },
  { "contact",           N_("Contact") },
  { "phone",             N_("Phone") },
  { "email",             N_("Email") },
  { "product",           N_("Product") },
  { "model",             N_("Model") },
  { "serial",            N_("Serial number") },
  { "fault",             N_("Reported fault") },
  { "warranty",          N_("Warranty") },
  { "accessories",       N_("Accessory") },
  { "end_user",          N_("End user") },
  { "appearance",        N_("Appearance") },
  { "warranty_evidence", N_("Warranty evidence") },
  { "backup",            N_("Data backup") },
  { "remarks",           N_("Remarks") },
  { "notice_read",       N_("Important notice read") },
  { "customer_signed",   N_("Customer signed") },
  { "call_id",           N_("Call") },
  { "return_of",         N_("Return repair of") },
  { "callback",          N_("Callback") },
  /* wx_amend: the order's columns */
  { "unit_name",         N_("Unit name") },
  { "unit_address",      N_("Unit address") },
  { "contact_person",    N_("Contact person") },
  { "contact_mobile",    N_("Mobile") },
  { "contact_phone",     N_("Phone") },
  { "contact_fax",       N_("Fax") },
  { "contact_email",     N_("Email") },
  { "end_user_phone",    N_("User phone") },
  { "floor_department",  N_("Floor / department") },
  { "product_name",      N_("Product") },
  { "asset_number",      N_("Asset number") },
  /* and some that are not (wx_field_not_amendable names them) */
  { "reported_fault",    N_("Reported fault") },
  { "appearance_check",  N_("Appearance") },
  { "warranty_status",   N_("Warranty") },
  { "engineer",          N_("Engineer") },
  { "state",             N_("State") },
  /* wx_call_log */
  { "direction",         N_("Direction") },
  { "purpose",           N_("Purpose") },
  { "customer_id",       N_("Customer") },
  { "order_id",          N_("Order") },
  { "machine",           N_("Machine") },
  { "subject",           N_("Subject") },
  { "result",            N_("Result") },
  { "reached",           N_("Reached") },
  { "answered_by",       N_("Answered by") },
  { "relayed_to",        N_("Relayed to") },
  { "promised_reply_at", N_("Promised reply") },
  { "at",                N_("Time") },
  /* the shop's records (shop.sql, stock.sql) */
  { "name",              N_("Name") },
  { "supplies",          N_("Parts supplied") },
  { "payment_terms",     N_("Payment terms") },
  { "notes",             N_("Notes") },
  { "active",            N_("Active") },
  { "part_number",       N_("Part number") },
  { "category",          N_("Category") },
  { "fits_models",       N_("Fits models") },
  { "unit_price",        N_("Sale price") },
  { "cost",              N_("Cost") },
  { "min_stock",         N_("Minimum stock") },
  { "bin_location",      N_("Bin location") },
  { "supplier_id",       N_("Supplier") },
  { "city",              N_("City") },
  { "mobile",            N_("Mobile") },
  { "fax",               N_("Fax") },
  { "brand",             N_("Brand") },
  { "purchase_date",     N_("Purchase date") },
  { "warranty_expires",  N_("Warranty expires") },
  { "move",              N_("Move to this customer") },
  { "note",              N_("Note") },
  { "reason",            N_("Reason") },
};

const char *
wx_field_label (const char *field)
{
  for (guint i = 0; field && i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].field, field))
      return _(fields[i].label);
  return NULL;
}

char *
wx_field_rule_sentence (const char *rule,
                        const char *field,
                        gint64      max)
{
  g_autofree char *echo = wx_error_echo (field);
  const char *label = wx_field_label (field);
  const char *name = label ? label : echo;

  if (rule == NULL)
    return NULL;
  /* A field the form does not have is named as it was sent. */
  if (g_str_equal (rule, "wx_field_unknown"))
    return g_strdup_printf (_("The form has no field “%s”; nothing was saved."), echo);
  /* The first two are wx_validate_required's sentences. */
  if (g_str_equal (rule, "wx_field_required"))
    return g_strdup_printf (_("Please fill in “%s”."), name);
  if (g_str_equal (rule, "wx_field_length"))
    return g_strdup_printf (_("“%s” may have at most %zu characters."), name, (gsize) MAX (max, 0));
  if (g_str_equal (rule, "wx_field_text"))
    return g_strdup_printf (_("“%s” must be text."), name);
  if (g_str_equal (rule, "wx_field_boolean"))
    return g_strdup_printf (_("“%s” must be yes or no."), name);
  if (g_str_equal (rule, "wx_field_integer"))
    return g_strdup_printf (_("“%s” must be a whole number."), name);
  if (g_str_equal (rule, "wx_field_list"))
    return g_strdup_printf (_("“%s” must be a list of names."), name);
  if (g_str_equal (rule, "wx_field_not_amendable"))
    return g_strdup_printf (_("“%s” cannot be corrected after intake; it changes only through the order's steps."), name);
  return NULL;
}

#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>

#include "wx-db-error.h"

G_DEFINE_QUARK (wx-db-error-quark, wx_db_error)

WxDbError
wx_db_error_code_for_state (const char *sqlstate)
{
  if (sqlstate == NULL)
    return WX_DB_ERROR_UNAVAILABLE;
  if (g_str_equal (sqlstate, "40001") || g_str_equal (sqlstate, "40P01") ||
      g_str_equal (sqlstate, "55P03"))
    return WX_DB_ERROR_CONFLICT;
  if (g_str_has_prefix (sqlstate, "23") || g_str_has_prefix (sqlstate, "22") ||
      g_str_equal (sqlstate, "42710"))
    return WX_DB_ERROR_INVALID;
  if (g_str_equal (sqlstate, "42501") || g_str_has_prefix (sqlstate, "28"))
    return WX_DB_ERROR_DENIED;
  if (g_str_equal (sqlstate, "02000") || g_str_equal (sqlstate, "P0002") ||
      g_str_equal (sqlstate, "3D000"))
    return WX_DB_ERROR_NOT_FOUND;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P") ||
      g_str_equal (sqlstate, "53300"))
    return WX_DB_ERROR_UNAVAILABLE;
  return WX_DB_ERROR_FAILED;
}

/* Sentences for the rules the schema names (data/sql/): a domain by its
 * type name, a constraint (or a trigger's CONSTRAINT) by its exact name. */
static const struct { const char *name; const char *sentence; } rules[] = {
  { "wx_phone",                    N_("A phone number is not valid: enter an 11-digit mobile number or a landline such as 020-87581480.") },
  { "wx_email",                    N_("An email address is not valid.") },
  { "wx_money",                    N_("An amount is negative or larger than the shop can handle.") },
  { "wx_name",                     N_("A required name is empty or too long.") },
  { "order_contact_reachable",     N_("The order needs a mobile or phone number to reach the customer.") },
  { "order_carry_in_machine",      N_("A carry-in order needs the product, the model or serial number, and the reported fault.") },
  { "order_on_site_address",       N_("An on-site order needs the unit's address and the reported fault.") },
  { "order_sale_items",            N_("A sale order needs what was sold in the product field.") },
  { "order_cancel_reason",         N_("Cancelling an order needs a reason.") },
  { "order_decision_time",         N_("The customer's decision needs its time.") },
  { "order_number_exhausted",      N_("This year's order numbers are used up; the administrator must allow more digits in the settings.") },
  { "parts_stock_check",           N_("There is not enough of this part in stock.") },
  { "setting_order_number_prefix", N_("The order number prefix may have up to 8 letters, digits and dashes.") },
  { "setting_order_number_digits", N_("Order numbers must have between 4 and 9 digits.") },
  { "setting_timezone",            N_("That time zone is unknown; use a name such as Asia/Shanghai.") },
  { "setting_whole_number",        N_("This setting must be a whole number from 1 to 9999.") },
};

void
wx_db_set_error_from_result (GError        **error,
                             const PGresult *result,
                             PGconn         *conn)
{
  const char *sqlstate = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *constraint = result ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME) : NULL;
  const char *datatype = result ? PQresultErrorField (result, PG_DIAG_DATATYPE_NAME) : NULL;
  WxDbError code = wx_db_error_code_for_state (sqlstate);
  const char *message = NULL;

  /* The raw text goes to the log for whoever debugs; the user gets a sentence. */
  g_debug ("database error %s: %s", sqlstate ? sqlstate : "-",
           primary ? primary : (conn ? PQerrorMessage (conn) : "no connection"));

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if ((constraint && g_str_equal (constraint, rules[i].name)) ||
        (datatype && g_str_equal (datatype, rules[i].name)))
      {
        message = _(rules[i].sentence);
        break;
      }

  if (message == NULL)
    switch (code)
      {
      case WX_DB_ERROR_CONFLICT:
        message = _("Someone else changed the same data at the same moment; reload and try again.");
        break;
      case WX_DB_ERROR_NOT_FOUND:
        message = _("What you asked for does not exist (any more).");
        break;
      case WX_DB_ERROR_DENIED:
        message = sqlstate && g_str_has_prefix (sqlstate, "28")
          ? _("The server did not accept the user name or password.")
          : _("Your role is not allowed to do this; ask a supervisor or the administrator.");
        break;
      case WX_DB_ERROR_INVALID:
        message = sqlstate && g_str_equal (sqlstate, "23505")
          ? _("This already exists; a duplicate cannot be saved.")
          : sqlstate && g_str_equal (sqlstate, "23503")
          ? _("This refers to something that does not exist, or is still used elsewhere.")
          : sqlstate && g_str_equal (sqlstate, "23502")
          ? _("A required value is missing.")
          : _("A value was refused because it is not valid; check what you typed.");
        break;
      case WX_DB_ERROR_UNAVAILABLE:
        message = _("The database server cannot be reached; check the network or start the server, then try again.");
        break;
      case WX_DB_ERROR_FAILED:
      default:
        message = _("The database could not complete the request; try again, and tell the administrator if it keeps happening.");
        break;
      }

  g_set_error_literal (error, WX_DB_ERROR, code, message);
}

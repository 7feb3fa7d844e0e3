#define G_LOG_DOMAIN "wx-intake"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-intake.h"
#include "wx-validate.h"

static gboolean
optional_max (const char *text, const char *label, gsize max_chars, GError **error)
{
  return !wx_validate_filled (text) || wx_validate_required (text, label, max_chars, error);
}

#define FAIL_AT(name) G_STMT_START { if (field) *field = (name); return FALSE; } G_STMT_END

gboolean
wx_order_draft_check (const WxOrderDraft  *d,
                      const char         **field,
                      GError             **error)
{
  static const char *warranties[] = { "unknown", "in_warranty", "out_of_warranty", "contract" };
  gboolean warranty_ok = d->warranty == NULL;

  if (!wx_validate_required (d->unit, _("Unit"), 200, error))
    FAIL_AT ("unit");
  if (!optional_max (d->address, _("Address"), 300, error))
    FAIL_AT ("address");
  if (!optional_max (d->contact, _("Contact"), 60, error))
    FAIL_AT ("contact");
  if (!optional_max (d->product, _("Product"), 100, error))
    FAIL_AT ("product");
  if (!optional_max (d->model, _("Model"), 100, error))
    FAIL_AT ("model");
  if (!optional_max (d->serial, _("Serial number"), 60, error))
    FAIL_AT ("serial");
  if (!optional_max (d->fault, _("Reported fault"), 2000, error))
    FAIL_AT ("fault");
  if (!optional_max (d->end_user, _("End user"), 60, error))
    FAIL_AT ("end_user");
  if (!optional_max (d->appearance, _("Appearance"), 1000, error))
    FAIL_AT ("appearance");
  if (!wx_validate_filled (d->phone))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The order needs a mobile or phone number to reach the customer."));
      FAIL_AT ("phone");
    }
  if (!wx_validate_phone (d->phone, error))
    FAIL_AT ("phone");
  if (wx_validate_filled (d->email) && !wx_validate_email (d->email, error))
    FAIL_AT ("email");
  for (guint i = 0; i < G_N_ELEMENTS (warranties); i++)
    warranty_ok |= g_strcmp0 (d->warranty, warranties[i]) == 0;
  if (!warranty_ok)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Unknown warranty status “%s”: use unknown, in_warranty, out_of_warranty or contract."), d->warranty);
      FAIL_AT ("warranty");
    }
  switch (d->kind)
    {
    case WX_ORDER_KIND_CARRY_IN:
      if (!wx_validate_filled (d->product) || !wx_validate_filled (d->fault) || (!wx_validate_filled (d->model) && !wx_validate_filled (d->serial)))
        {
          g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                               _("A carry-in order needs the product, the model or serial number, and the reported fault."));
          FAIL_AT (!wx_validate_filled (d->product) ? "product" : !wx_validate_filled (d->fault) ? "fault" : "model");
        }
      break;
    case WX_ORDER_KIND_ON_SITE:
      if (!wx_validate_filled (d->address) || !wx_validate_filled (d->fault))
        {
          g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                               _("An on-site order needs the unit's address and the reported fault."));
          FAIL_AT (!wx_validate_filled (d->address) ? "address" : "fault");
        }
      break;
    case WX_ORDER_KIND_SALE:
    default:
      if (!wx_validate_filled (d->product))
        {
          g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                               _("A sale order needs what was sold in the product field."));
          FAIL_AT ("product");
        }
      break;
    }
  for (guint i = 0; d->accessories && d->accessories[i]; i++)
    if (!wx_validate_required (d->accessories[i], _("Accessory"), 200, error))
      FAIL_AT ("accessories");
  if (d->accessories && g_strv_length (d->accessories) > 99)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("An order can list at most 99 accessories."));
      FAIL_AT ("accessories");
    }
  return TRUE;
}

#undef FAIL_AT

/* The same rules as the order_* constraints of data/sql/001_schema.sql, said
 * in the words of the form. */
gboolean
wx_order_draft_validate (const WxOrderDraft *d, GError **error)
{
  return wx_order_draft_check (d, NULL, error);
}

gboolean
wx_phone_is_mobile (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *c = phone; c && *c; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
  if (g_str_has_prefix (digits->str, "0086"))
    g_string_erase (digits, 0, 4);
  else if (phone && phone[0] == '+' && g_str_has_prefix (digits->str, "86"))
    g_string_erase (digits, 0, 2);
  return digits->len == 11 && digits->str[0] == '1';
}

char **
wx_accessories_split (const char *text)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) norm = g_string_new (text ? text : "");

  /* Chinese and ASCII separators alike. */
  g_string_replace (norm, "，", ",", 0);
  g_string_replace (norm, "、", ",", 0);
  g_string_replace (norm, "；", ",", 0);
  g_string_replace (norm, ";", ",", 0);
  parts = g_strsplit (norm->str, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (b, parts[i]);
    }
  return g_strv_builder_end (b);
}

/* The text's features: pairs of neighbouring CJK characters, and words of
 * letters and digits (lower-cased), ignoring punctuation and spaces. */
static GHashTable *
features (const char *text)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  g_autoptr(GString) word = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean alnum = c != 0 && c < 0x80 && g_ascii_isalnum ((char) c);
      gboolean cjk = c >= 0x2E80 && g_unichar_isalpha (c);

      if (alnum)
        g_string_append_c (word, (char) c);
      else if (word->len > 0)
        {
          g_hash_table_add (set, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (cjk && prev)
        {
          char pair[16];
          gint n = g_unichar_to_utf8 (prev, pair);
          n += g_unichar_to_utf8 (c, pair + n);
          pair[n] = '\0';
          g_hash_table_add (set, g_strdup (pair));
        }
      prev = cjk ? c : 0;
      if (c == 0)
        break;
    }
  return set;
}

double
wx_fault_similarity (const char *a, const char *b)
{
  g_autoptr(GHashTable) fa = features (a);
  g_autoptr(GHashTable) fb = features (b);
  GHashTable *small = g_hash_table_size (fa) <= g_hash_table_size (fb) ? fa : fb;
  GHashTable *large = small == fa ? fb : fa;
  GHashTableIter iter;
  gpointer key;
  guint common = 0;

  if (g_hash_table_size (small) == 0)
    return 0.0;
  g_hash_table_iter_init (&iter, small);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    common += g_hash_table_contains (large, key);
  return (double) common / g_hash_table_size (small);
}

#define G_LOG_DOMAIN "wx-intake"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-fields.h"
#include "wx-intake.h"
#include "wx-validate.h"

static gboolean
optional_max (const char *text, const char *label, gsize max_chars, GError **error)
{
  return !wx_validate_filled (text) || wx_validate_required (text, label, max_chars, error);
}

/* A fault at `name`: checking one, the first ends the check; listing them
 * all, it is added (the first sentence per field) and the check goes on. */
#define FAIL_AT(name) G_STMT_START { \
    if (faults == NULL) { if (field) *field = (name); return FALSE; } \
    add_fault (faults, (name), error); \
  } G_STMT_END

void
wx_field_fault_free (WxFieldFault *fault)
{
  g_free (fault->field);
  g_free (fault->message);
  g_free (fault);
}

static void
add_fault (GPtrArray   *faults,
           const char  *name,
           GError     **error)
{
  WxFieldFault *fault;

  for (guint i = 0; i < faults->len; i++)
    if (g_str_equal (((WxFieldFault *) g_ptr_array_index (faults, i))->field, name))
      {
        g_clear_error (error);
        return;
      }
  fault = g_new0 (WxFieldFault, 1);
  fault->field = g_strdup (name);
  fault->message = g_strdup ((*error)->message);
  g_ptr_array_add (faults, fault);
  g_clear_error (error);
}

static gboolean
draft_check (const WxOrderDraft  *d,
             const char         **field,
             GError             **error,
             GPtrArray           *faults)
{
  static const char *warranties[] = { "unknown", "in_warranty", "out_of_warranty", "contract" };
  static const char *evidences[] = { "none", "card", "invoice", "card_and_invoice" };
  static const char *backups[] = { "not_applicable", "backed_up", "may_lose_data", "customer_keeps_disk" };
  /* In the order data/sql/functions/intake.sql checks them, so that both
   * name the same field first. */
  static const struct { const char *field; glong offset; gsize max; } texts[] = {
    { "address",    G_STRUCT_OFFSET (WxOrderDraft, address),    300 },
    { "contact",    G_STRUCT_OFFSET (WxOrderDraft, contact),    60 },
    { "product",    G_STRUCT_OFFSET (WxOrderDraft, product),    100 },
    { "model",      G_STRUCT_OFFSET (WxOrderDraft, model),      100 },
    { "serial",     G_STRUCT_OFFSET (WxOrderDraft, serial),     60 },
    { "fault",      G_STRUCT_OFFSET (WxOrderDraft, fault),      2000 },
    { "end_user",   G_STRUCT_OFFSET (WxOrderDraft, end_user),   60 },
    { "appearance", G_STRUCT_OFFSET (WxOrderDraft, appearance), 1000 },
  };
  gboolean warranty_ok = d->warranty == NULL;
  gboolean evidence_ok = d->warranty_evidence == NULL;
  gboolean backup_ok = d->backup == NULL;

  if (!wx_validate_required (d->unit, wx_field_label ("unit"), 200, error))
    FAIL_AT ("unit");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!optional_max (G_STRUCT_MEMBER (const char *, d, texts[i].offset), wx_field_label (texts[i].field),
                       texts[i].max, error))
      FAIL_AT (texts[i].field);
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
  if (!optional_max (d->remarks, wx_field_label ("remarks"), 2000, error))
    FAIL_AT ("remarks");
  for (guint i = 0; i < G_N_ELEMENTS (evidences); i++)
    evidence_ok |= g_strcmp0 (d->warranty_evidence, evidences[i]) == 0;
  if (!evidence_ok)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Unknown warranty evidence “%s”: use none, card, invoice or card_and_invoice."), d->warranty_evidence);
      FAIL_AT ("evidence");
    }
  for (guint i = 0; i < G_N_ELEMENTS (backups); i++)
    backup_ok |= g_strcmp0 (d->backup, backups[i]) == 0;
  if (!backup_ok)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Unknown data backup choice “%s”: use not_applicable, backed_up, may_lose_data or customer_keeps_disk."), d->backup);
      FAIL_AT ("backup");
    }
  switch (d->kind)
    {
    case WX_ORDER_KIND_CARRY_IN:
      if (!wx_validate_filled (d->product) || !wx_validate_filled (d->fault) || (!wx_validate_filled (d->model) && !wx_validate_filled (d->serial)))
        {
          const char *missing[] = { !wx_validate_filled (d->product) ? "product" : NULL,
                                    !wx_validate_filled (d->fault) ? "fault" : NULL,
                                    !wx_validate_filled (d->model) && !wx_validate_filled (d->serial) ? "model" : NULL };

          for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
            if (missing[i])
              {
                g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                                     _("A carry-in order needs the product, the model or serial number, and the reported fault."));
                FAIL_AT (missing[i]);
              }
        }
      break;
    case WX_ORDER_KIND_ON_SITE:
      if (!wx_validate_filled (d->address) || !wx_validate_filled (d->fault))
        {
          const char *missing[] = { !wx_validate_filled (d->address) ? "address" : NULL,
                                    !wx_validate_filled (d->fault) ? "fault" : NULL };

          for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
            if (missing[i])
              {
                g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                                     _("An on-site order needs the unit's address and the reported fault."));
                FAIL_AT (missing[i]);
              }
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
    if (!wx_validate_required (d->accessories[i], wx_field_label ("accessories"), 200, error))
      FAIL_AT ("accessories");
  if (d->accessories && g_strv_length (d->accessories) > 99)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("An order can list at most 99 accessories."));
      FAIL_AT ("accessories");
    }
  /* The paper form's other boxes, as wx_intake checks them last. */
  if (wx_validate_filled (d->fax) && !wx_validate_phone (d->fax, error))
    FAIL_AT ("fax");
  if (wx_validate_filled (d->end_user_phone) && !wx_validate_phone (d->end_user_phone, error))
    FAIL_AT ("end_user_phone");
  if (!optional_max (d->floor_department, wx_field_label ("floor_department"), 100, error))
    FAIL_AT ("floor_department");
  if (!optional_max (d->asset_number, wx_field_label ("asset_number"), 60, error))
    FAIL_AT ("asset_number");
  if (wx_validate_filled (d->purchase_date) && !wx_validate_past_date (d->purchase_date, error))
    FAIL_AT ("purchase_date");
  return faults == NULL || faults->len == 0;
}

#undef FAIL_AT

gboolean
wx_order_draft_check (const WxOrderDraft  *d,
                      const char         **field,
                      GError             **error)
{
  return draft_check (d, field, error, NULL);
}

GPtrArray *
wx_order_draft_faults (const WxOrderDraft *d)
{
  GPtrArray *faults = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_field_fault_free);
  g_autoptr(GError) error = NULL;

  draft_check (d, NULL, &error, faults);
  return faults;
}

/* The same rules as the order_* constraints of data/sql/001_schema.sql, said
 * in the words of the form. */
gboolean
wx_order_draft_validate (const WxOrderDraft *d, GError **error)
{
  return wx_order_draft_check (d, NULL, error);
}

/* What may still be corrected on an order after intake (wx_amend in
 * data/sql/functions/intake.sql keeps the same list and limits). */
static const struct {
  const char *column;
  gsize       max;       /* characters; 0 = a phone or an email */
  gboolean    required;
} amendable[] = {
  { "unit_name",        200,  TRUE },
  { "unit_address",     300,  FALSE },
  { "contact_person",   60,   FALSE },
  { "contact_mobile",   0,    FALSE },
  { "contact_phone",    0,    FALSE },
  { "contact_fax",      0,    FALSE },
  { "contact_email",    0,    FALSE },
  { "end_user",         60,   FALSE },
  { "end_user_phone",   0,    FALSE },
  { "floor_department", 100,  FALSE },
  { "product_name",     100,  FALSE },
  { "model",            100,  FALSE },
  { "serial",           60,   FALSE },
  { "asset_number",     60,   FALSE },
  { "remarks",          2000, FALSE },
};

const char *
wx_order_amendable_nth (guint n)
{
  return n < G_N_ELEMENTS (amendable) ? amendable[n].column : NULL;
}

gboolean
wx_order_field_amendable (const char *column)
{
  for (guint i = 0; column && i < G_N_ELEMENTS (amendable); i++)
    if (g_str_equal (amendable[i].column, column))
      return TRUE;
  return FALSE;
}

gboolean
wx_order_amend_check (const char  *column,
                      const char  *value,
                      GError     **error)
{
  for (guint i = 0; column && i < G_N_ELEMENTS (amendable); i++)
    {
      if (!g_str_equal (amendable[i].column, column))
        continue;
      if (amendable[i].required)
        return wx_validate_required (value, wx_field_label (column), amendable[i].max, error);
      if (amendable[i].max > 0)
        return optional_max (value, wx_field_label (column), amendable[i].max, error);
      if (!wx_validate_filled (value))
        return TRUE;
      return g_str_equal (column, "contact_email") ? wx_validate_email (value, error)
                                                   : wx_validate_phone (value, error);
    }
  {
    g_autofree char *sentence = wx_field_rule_sentence ("wx_field_not_amendable", column, 0);
    g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, sentence);
  }
  return FALSE;
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

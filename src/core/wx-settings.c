#define G_LOG_DOMAIN "wx-settings"

#include <glib/gi18n.h>

#include "wx-calendar.h"
#include "wx-error.h"
#include "wx-order-number.h"
#include "wx-settings.h"

/* The limits match wx_check_setting() (data/sql/015_settings.sql). */
static const WxSettingInfo infos[] = {
  { "company.name",                 N_("Company name"),            WX_SETTING_REQUIRED, 0, 0, 100 },
  { "company.address",              N_("Address"),                 WX_SETTING_LINE,     0, 0, 200 },
  { "company.phone",                N_("Phone"),                   WX_SETTING_LINE,     0, 0, 200 },
  { "company.fax",                  N_("Fax"),                     WX_SETTING_LINE,     0, 0, 200 },
  { "notice.important",             N_("Important notice on forms"), WX_SETTING_TEXT,   0, 0, 2000 },
  { "order_number.prefix",          N_("Order number prefix"),     WX_SETTING_PREFIX,   0, 0, WX_ORDER_NUMBER_PREFIX_MAX },
  { "order_number.digits",          N_("Digits of the running number"), WX_SETTING_COUNT, 4, 9, 0 },
  { "escalation.visits",            N_("On-site visits without a fix before escalating"), WX_SETTING_COUNT, 1, 9999, 0 },
  { "escalation.part_orders",       N_("Part orders before escalating"), WX_SETTING_COUNT, 1, 9999, 0 },
  { "escalation.undiagnosed_days",  N_("Days without a diagnosis before escalating"), WX_SETTING_COUNT, 1, 9999, 0 },
  { "cluster.orders",               N_("Similar faults of one model that make a cluster"), WX_SETTING_COUNT, 1, 9999, 0 },
  { "cluster.days",                 N_("Days in which a cluster is counted"), WX_SETTING_COUNT, 1, 9999, 0 },
  { "return_repair.days",           N_("Return-repair window (days after handover)"), WX_SETTING_COUNT, 1, 9999, 0 },
};

const WxSettingInfo *
wx_setting_infos (guint *n_infos)
{
  *n_infos = G_N_ELEMENTS (infos);
  return infos;
}

const WxSettingInfo *
wx_setting_info (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    if (g_strcmp0 (infos[i].key, key) == 0)
      return &infos[i];
  return NULL;
}

static gboolean
check_count (const WxSettingInfo *info,
             const char          *value,
             GError             **error)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (value, 10, info->min, info->max, &n, NULL))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” must be a whole number from %u to %u."), _(info->label), info->min, info->max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_text (const WxSettingInfo *info,
            const char          *value,
            GError             **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  if (!g_utf8_validate (value, -1, NULL) || (gsize) g_utf8_strlen (value, -1) > info->max_length)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” may have at most %u characters."), _(info->label), info->max_length);
      return FALSE;
    }
  if (info->kind == WX_SETTING_TEXT)
    return TRUE;
  if (strpbrk (value, "\r\n") || !g_str_equal (trimmed, value))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is one line, without spaces at its start or end."), _(info->label));
      return FALSE;
    }
  if (info->kind == WX_SETTING_REQUIRED && *value == '\0')
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, _("“%s” must be filled in."), _(info->label));
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_settings_check_value (const char  *key,
                         const char  *value,
                         GError     **error)
{
  const WxSettingInfo *info = wx_setting_info (key);

  g_return_val_if_fail (info != NULL, FALSE);
  if (value == NULL)
    value = "";
  switch (info->kind)
    {
    case WX_SETTING_COUNT:
      return check_count (info, value, error);
    case WX_SETTING_PREFIX:
      return wx_order_number_prefix_valid (value, error);
    case WX_SETTING_LINE:
    case WX_SETTING_REQUIRED:
    case WX_SETTING_TEXT:
    default:
      return check_text (info, value, error);
    }
}

gboolean
wx_settings_check_hours (guint        weekday,
                         gboolean     open,
                         const char  *text,
                         guint       *opens,
                         guint       *closes,
                         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (weekday >= 1 && weekday <= 7, FALSE);
  *opens = *closes = 0;
  if (!open)
    return TRUE;
  return wx_calendar_parse_hours (trimmed, opens, closes, error);
}

gboolean
wx_settings_check_threshold (const char *clock_label,
                             guint       target_minutes,
                             guint       limit_minutes,
                             GError    **error)
{
  if (limit_minutes == 0)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The limit of “%s” must be at least one minute."), clock_label);
      return FALSE;
    }
  if (target_minutes > limit_minutes)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The target of “%s” (%u min) is longer than its limit (%u min); the target comes first."),
                   clock_label, target_minutes, limit_minutes);
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_settings_check_day (const char  *date_text,
                       const char  *name,
                       GDate       *date,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (!wx_calendar_parse_date (date_text, date, error))
    return FALSE;
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > 60)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The name of the day may have at most 60 characters."));
      return FALSE;
    }
  return TRUE;
}

char *
wx_settings_number_example (const char *prefix,
                            guint       digits)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return wx_order_number_format (prefix, g_date_time_get_year (now), 123, (int) digits, NULL);
}

gboolean
wx_staff_check_login (const char  *login,
                      GError     **error)
{
  const char *p = login ? login : "";
  gsize len = strlen (p);
  gboolean ok = len >= 1 && len <= 63 && g_ascii_islower (p[0])
                && !g_str_has_prefix (p, "wx_") && !g_str_has_prefix (p, "pg_");

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_islower (p[i]) || g_ascii_isdigit (p[i]) || p[i] == '_';
  if (!ok)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” cannot be a login: use lower-case letters, digits and _, starting with a letter "
                     "(not wx_ or pg_), such as zhang_wei."), p);
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_staff_check_password (const char  *password,
                         GError     **error)
{
  glong len = password && g_utf8_validate (password, -1, NULL) ? g_utf8_strlen (password, -1) : 0;

  if (len < 8 || len > 128)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("A password must have 8 to 128 characters."));
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_staff_check_new (const char  *login,
                    const char  *full_name,
                    WxRole       roles,
                    const char  *password,
                    GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (full_name ? full_name : ""));

  if (!wx_staff_check_login (login, error))
    return FALSE;
  if (*name == '\0' || g_utf8_strlen (name, -1) > 200)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Enter the person’s full name (at most 200 characters); it shows on the orders they touch."));
      return FALSE;
    }
  if ((roles & (WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER | WX_ROLE_SUPERVISOR | WX_ROLE_ADMIN)) == 0)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Choose at least one role for the new person."));
      return FALSE;
    }
  return wx_staff_check_password (password, error);
}

#define G_LOG_DOMAIN "wx-validate"

#include <stdio.h>

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-validate.h"

/* The database's wx_phone and wx_email domains (data/sql/001_schema.sql) check
 * the same shapes, more loosely, so nothing that passes here is refused there. */

static gboolean
is_mobile (const char *digits)
{
  /* Mainland mobile numbers: 11 digits starting 13–19. */
  return strlen (digits) == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

static gboolean
is_landline (const char *digits)
{
  gsize len = strlen (digits);

  /* With area code: 0 + 2–3 digit area + 7–8 digit local (020-87581480, 0755-12345678). */
  if (digits[0] == '0')
    return len >= 10 && len <= 12;
  /* Local number without area code. */
  return len == 7 || len == 8;
}

gboolean
wx_validate_phone (const char  *text,
                   GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) ext = g_string_new (NULL);
  const char *p = text;
  gboolean international = FALSE;
  gboolean in_ext = FALSE;

  if (text == NULL || strspn (text, " \t") == strlen (text))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Please enter a phone number."));
      return FALSE;
    }

  while (*p == ' ')
    p++;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }
  /* A number starts with a digit or an area code in brackets. */
  if (!g_ascii_isdigit (*p) && *p != '(')
    goto bad;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) && c < 128)
        g_string_append_c (in_ext ? ext : digits, (char) c);
      else if (!in_ext && (c == ' ' || c == '-' || c == '(' || c == ')'))
        continue;
      else if (in_ext && c == ' ')
        continue;
      else if (!in_ext && digits->len > 0 &&
               (c == 0x8F6C /* 转 */ || c == '#' || c == 'x' || c == 'X' ||
                g_ascii_strncasecmp (p, "ext", 3) == 0))
        {
          in_ext = TRUE;
          if (g_ascii_strncasecmp (p, "ext", 3) == 0)
            p += 2;
          if (p[1] == '.')
            p++;
        }
      else
        {
          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("The phone number “%s” contains characters a phone number cannot have."), text);
          return FALSE;
        }
    }

  if (in_ext && (ext->len == 0 || ext->len > 6))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The extension in “%s” must have 1 to 6 digits."), text);
      return FALSE;
    }

  if (!international && g_str_has_prefix (digits->str, "0086"))
    {
      g_string_erase (digits, 0, 4);
      international = TRUE;
    }
  else if (international && g_str_has_prefix (digits->str, "86"))
    g_string_erase (digits, 0, 2);
  else if (international)
    {
      /* Another country: E.164 allows up to 15 digits. */
      if (digits->len >= 7 && digits->len <= 15)
        return TRUE;
      goto bad;
    }

  if (is_mobile (digits->str) || is_landline (digits->str))
    return TRUE;
  /* +86 20 8758 1480: the area code's leading 0 is dropped after the country code. */
  if (international && digits->len >= 9 && digits->len <= 11 && digits->str[0] != '0' && digits->str[0] != '1')
    return TRUE;

bad:
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480."),
               text);
  return FALSE;
}

static gboolean
valid_label (const char *s, gsize len)
{
  if (len == 0 || len > 63 || s[0] == '-' || s[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

gboolean
wx_validate_email (const char  *text,
                   GError     **error)
{
  const char *at;
  const char *domain;
  const char *dot;
  const char *label;
  gsize local_len;

  if (text == NULL || *text == '\0')
    goto bad;
  if (strlen (text) > 254)
    goto bad;
  at = strchr (text, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    goto bad;
  local_len = at - text;
  if (local_len == 0 || local_len > 64 || text[0] == '.' || at[-1] == '.')
    goto bad;
  for (const char *p = text; p < at; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("._%+-", *p)) || (p[0] == '.' && p[1] == '.'))
      goto bad;

  domain = at + 1;
  dot = strrchr (domain, '.');
  if (dot == NULL || strlen (dot + 1) < 2)
    goto bad;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalpha (*p))
      goto bad;
  label = domain;
  for (const char *p = domain;; p++)
    if (*p == '.' || *p == '\0')
      {
        if (!valid_label (label, p - label))
          goto bad;
        if (*p == '\0')
          break;
        label = p + 1;
      }
  return TRUE;

bad:
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not a valid email address."), text ? text : "");
  return FALSE;
}

gboolean
wx_validate_filled (const char *text)
{
  for (const char *c = text; c && *c; c++)
    if (!g_ascii_isspace (*c))
      return TRUE;
  return FALSE;
}

gboolean
wx_validate_required (const char  *text,
                      const char  *field_label,
                      gsize        max_chars,
                      GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Please fill in “%s”."), field_label);
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” contains text that is not valid UTF-8."), field_label);
      return FALSE;
    }
  if (max_chars > 0 && (gsize) g_utf8_strlen (trimmed, -1) > max_chars)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” may have at most %zu characters."), field_label, max_chars);
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_validate_past_date (const char  *text,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int y = 0, m = 0, d = 0;
  char today[11];
  gboolean digits = strlen (trimmed) == 10;

  for (guint i = 0; digits && i < 10; i++)
    digits = (i == 4 || i == 7) ? trimmed[i] == '-' : g_ascii_isdigit (trimmed[i]);
  if (!digits || sscanf (trimmed, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a date: write it like 2026-03-15."), trimmed);
      return FALSE;
    }
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_time_get_year (now),
              g_date_time_get_month (now), g_date_time_get_day_of_month (now));
  if (strcmp (trimmed, today) > 0)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The purchase date %s lies in the future."), trimmed);
      return FALSE;
    }
  return TRUE;
}

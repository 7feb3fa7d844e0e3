#define G_LOG_DOMAIN "wx-order-number"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-order-number.h"

gboolean
wx_order_number_prefix_valid (const char  *prefix,
                              GError     **error)
{
  gsize len = prefix ? strlen (prefix) : 0;

  if (len > WX_ORDER_NUMBER_PREFIX_MAX)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The order number prefix may have at most %d characters."),
                   WX_ORDER_NUMBER_PREFIX_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (prefix[i]) && prefix[i] != '-')
      {
        g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                     _("The order number prefix may only contain letters, digits and dashes."));
        return FALSE;
      }
  return TRUE;
}

char *
wx_order_number_format (const char  *prefix,
                        int          year,
                        gint64       sequence,
                        int          digits,
                        GError     **error)
{
  gint64 limit = 1;

  if (!wx_order_number_prefix_valid (prefix, error))
    return NULL;
  if (digits < 4 || digits > 9)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Order numbers must have between 4 and 9 digits."));
      return NULL;
    }
  if (year < 2000 || year > 9999)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("The year %d cannot be used in an order number."), year);
      return NULL;
    }
  for (int i = 0; i < digits; i++)
    limit *= 10;
  if (sequence < 1 || sequence >= limit)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, sequence);
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("Order number %s is out of range for %d digits; raise the number of digits in the settings."),
                   n, digits);
      return NULL;
    }
  return g_strdup_printf ("%s%04d-%0*" G_GINT64_FORMAT, prefix ? prefix : "", year, digits, sequence);
}

gboolean
wx_order_number_parse (const char  *text,
                       const char  *prefix,
                       int         *year,
                       gint64      *sequence,
                       GError     **error)
{
  gsize plen = prefix ? strlen (prefix) : 0;
  const char *p;
  gsize ndigits = 0;

  if (text == NULL || !g_str_has_prefix (text, prefix ? prefix : ""))
    goto bad;
  p = text + plen;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (p[i]))
      goto bad;
  if (p[4] != '-')
    goto bad;
  for (const char *q = p + 5; *q; q++, ndigits++)
    if (!g_ascii_isdigit (*q))
      goto bad;
  if (ndigits < 4 || ndigits > 9)
    goto bad;

  if (g_ascii_strtoll (p + 5, NULL, 10) < 1)
    goto bad;

  if (year)
    *year = (int) g_ascii_strtoll (p, NULL, 10);
  if (sequence)
    *sequence = g_ascii_strtoll (p + 5, NULL, 10);
  return TRUE;

bad:
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not an order number; order numbers look like %s2026-000123."),
               text ? text : "", prefix ? prefix : "");
  return FALSE;
}

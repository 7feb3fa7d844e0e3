#define G_LOG_DOMAIN "wx-money"

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-money.h"

/* 123456 → "1,234.56"; -5 → "-0.05". */
char *
wx_money_format (WxMoney fen)
{
  GString *out = g_string_new (NULL);
  guint64 abs_fen = fen < 0 ? -(guint64) fen : (guint64) fen;
  g_autofree char *yuan = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_fen / 100);
  gsize len = strlen (yuan);

  if (fen < 0)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, yuan[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (abs_fen % 100));
  return g_string_free (out, FALSE);
}

/* 123456 → "¥1,234.56" */
char *
wx_money_format_yuan (WxMoney fen)
{
  g_autofree char *plain = wx_money_format (fen);

  if (fen < 0)
    return g_strdup_printf ("-¥%s", plain + 1);
  return g_strdup_printf ("¥%s", plain);
}

/* Accepts what a clerk types: "120", "120.5", "1,234.56", "¥120", "120元".
 * Refuses negatives, more than two decimals and amounts above WX_MONEY_MAX. */
gboolean
wx_money_parse (const char  *text,
                WxMoney     *fen,
                GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  const char *p = s;
  guint64 yuan = 0;
  guint64 cents = 0;
  int decimals = -1;
  gboolean any_digit = FALSE;
  gsize len;

  if (g_str_has_prefix (p, "¥"))
    p += strlen ("¥");
  else if (g_str_has_prefix (p, "￥"))
    p += strlen ("￥");
  while (*p == ' ')
    p++;
  len = strlen (s);
  if (g_str_has_suffix (s, "元"))
    s[len - strlen ("元")] = '\0';

  if (*p == '-')
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("An amount cannot be negative."));
      return FALSE;
    }

  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (decimals < 0)
            {
              yuan = yuan * 10 + (*p - '0');
              if (yuan > (guint64) WX_MONEY_MAX / 100)
                goto too_big;
            }
          else if (++decimals > 2)
            {
              g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("“%s” has more than two decimals; amounts are in yuan and fen."), text);
              return FALSE;
            }
          else
            cents = cents * 10 + (*p - '0');
        }
      else if (*p == ',' && decimals < 0 && any_digit)
        continue;
      else if (*p == '.' && decimals < 0)
        decimals = 0;
      else
        goto bad;
    }
  if (!any_digit)
    goto bad;
  if (decimals == 1)
    cents *= 10;

  if (yuan * 100 + cents > (guint64) WX_MONEY_MAX)
    goto too_big;
  *fen = (WxMoney) (yuan * 100 + cents);
  return TRUE;

too_big:
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is larger than any amount the shop can handle."), text);
  return FALSE;
bad:
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not an amount; type it like 120 or 120.50."), text ? text : "");
  return FALSE;
}

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

/* The amount in Chinese capital numerals (大写金额) as written on quotes and
 * cheques: 12050 → "壹佰贰拾元伍角整", 100100 → "壹仟零壹元整",
 * 105 → "壹元零伍分", 5 → "伍分", 0 → "零元整".
 *
 * The rules of the People's Bank (支付结算办法): 拾 always has its digit
 * (壹拾元); a run of zeros inside the yuan becomes one 零, also across an
 * empty 万 group (壹亿零壹元); zeros at the end of the yuan write nothing;
 * a zero 角 before a non-zero 分 is written (元零伍分); where the rules allow
 * both, a zero 万 or 元 digit before a non-zero 仟 or 角 is not (壹拾万柒仟元,
 * 壹佰贰拾元伍角整, as the rules' own examples); "整" follows
 * 元 or 角, never 分. Amounts run from 0 to WX_MONEY_MAX. */
char *
wx_money_to_capital (WxMoney fen)
{
  static const char * const digits[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
  static const char * const places[] = { "", "拾", "佰", "仟" };
  static const char * const groups[] = { "", "万", "亿" };
  GString *out;
  guint64 yuan;
  guint jiao, cents;
  char yuan_digits[24];
  int n;
  gboolean zero_pending = FALSE;

  g_return_val_if_fail (fen >= 0 && fen <= WX_MONEY_MAX, NULL);

  out = g_string_new (NULL);
  yuan = (guint64) fen / 100;
  jiao = (guint) ((guint64) fen / 10 % 10);
  cents = (guint) ((guint64) fen % 10);
  n = g_snprintf (yuan_digits, sizeof yuan_digits, "%" G_GUINT64_FORMAT, yuan);

  if (yuan > 0)
    {
      for (int i = 0; i < n; i++)
        {
          int place = n - 1 - i;    /* 0 = 元 digit */
          int d = yuan_digits[i] - '0';

          if (d == 0)
            zero_pending = TRUE;
          else
            {
              if (zero_pending)
                g_string_append (out, digits[0]);
              zero_pending = FALSE;
              g_string_append (out, digits[d]);
              g_string_append (out, places[place % 4]);
            }
          /* 万 and 亿 close a group of four digits that is not all zero. */
          if (place > 0 && place % 4 == 0)
            {
              gboolean group_empty = TRUE;
              for (int k = MAX (0, i - 3); k <= i; k++)
                group_empty &= yuan_digits[k] == '0';
              if (!group_empty)
                {
                  g_string_append (out, groups[place / 4]);
                  zero_pending = FALSE;   /* 壹拾万柒仟: the 万 digit's zero is not written */
                }
            }
        }
      g_string_append (out, "元");
    }

  if (jiao == 0 && cents == 0)
    {
      if (yuan == 0)
        g_string_append (out, "零元");
      g_string_append (out, "整");
      return g_string_free (out, FALSE);
    }
  if (jiao > 0)
    {
      g_string_append (out, digits[jiao]);
      g_string_append (out, "角");
    }
  else if (yuan > 0)
    g_string_append (out, digits[0]);
  if (cents > 0)
    {
      g_string_append (out, digits[cents]);
      g_string_append (out, "分");
    }
  else
    g_string_append (out, "整");
  return g_string_free (out, FALSE);
}

WxMoney
wx_money_balance (WxMoney quoted, WxMoney received, WxMoney written_off)
{
  return quoted - received - written_off;
}

gboolean
wx_payment_check (const char  *payment_status,
                  WxMoney      amount,
                  WxMoney      balance,
                  gboolean     paid_before,
                  GError     **error)
{
  WxMoney due = balance;
  g_autofree char *text = NULL;

  if (g_strcmp0 (payment_status, "paid") != 0)
    return TRUE;
  if (due <= 0 && amount == 0 && !paid_before)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, _(WX_PAYMENT_NOTHING_DUE));
      return FALSE;
    }
  if (amount < due)
    {
      text = wx_money_format (due);
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, _(WX_PAYMENT_SHORT), text);
      return FALSE;
    }
  if (amount > MAX (due, 0))
    {
      text = wx_money_format (MAX (due, 0));
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, _(WX_PAYMENT_OVER), text);
      return FALSE;
    }
  return TRUE;
}

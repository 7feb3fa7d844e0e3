#define G_LOG_DOMAIN "wx-error"

#include "wx-error.h"

G_DEFINE_QUARK (wx-core-error-quark, wx_core_error)

/* A value as an error sentence may echo it: at most 80 characters, control
 * characters shown escaped (\n, \t, \x1b), so that a pasted page or a
 * terminal escape cannot make the sentence unreadable. */
char *
wx_error_echo (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value ? value : "";
  guint n = 0;

  if (!g_utf8_validate (p, -1, NULL))
    return g_string_free (g_string_append (out, "?"), FALSE);
  for (; *p && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
    }
  if (*p)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

#define G_LOG_DOMAIN "wx-i18n"

#include <locale.h>

#include <glib/gi18n.h>

#include "wx-i18n.h"

/* The locale from the environment, and the catalogue from WX_LOCALEDIR when
 * running from the build tree (./run), else from the installed LOCALEDIR. */
void
wx_i18n_init (void)
{
  const char *localedir = g_getenv ("WX_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* main.c — gettext and g_application_run, nothing else. */
#include <locale.h>

#include <glib/gi18n.h>

#include "gui/wx-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(WxApplication) app = NULL;
  const char *localedir = g_getenv ("WX_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = wx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* main.c — gettext and g_application_run, nothing else. */
#define G_LOG_DOMAIN "weixiu"

#include "core/wx-i18n.h"
#include "gui/wx-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(WxApplication) app = NULL;

  wx_i18n_init ();
  app = wx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

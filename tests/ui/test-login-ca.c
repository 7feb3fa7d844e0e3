/* The login dialog imports the shop's CA certificate, with real clicks and
 * keys (xdotool): choosing "The shop's server" shows the CA row saying the
 * PC has none; "Import…" opens the file chooser, where the path is typed;
 * a file that is not a certificate and a private key are refused with
 * their sentence; the CA made by openssl is stored where the TLS code
 * looks (wx_db_shop_ca_file) and the row says so. PNG of the dialog. */
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db-ca.h"
#include "gui/wx-application.h"
#include "gui/wx-login-dialog.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

static char *dir;
static WxApplication *app;

static gboolean
is_import_button (GtkWidget *widget, gpointer unused)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                                              "login.import-ca") == 0;
}

static gboolean
is_subtitle (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static GtkWindow *
chooser (void)
{
  GListModel *tops = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);
      if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
chooser_open (gpointer unused)
{
  return chooser () != NULL;
}

static gboolean
chooser_gone (gpointer unused)
{
  return chooser () == NULL;
}

static gboolean
message_shown (gpointer dialog)
{
  return *wx_login_dialog_get_message (WX_LOGIN_DIALOG (dialog)) != '\0';
}

static gboolean
subtitle_shown (gpointer text)
{
  GtkWindow *dialog = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (WX_IS_LOGIN_DIALOG (l->data))
      dialog = l->data;
  return dialog && wx_test_find_widget (GTK_WIDGET (dialog), is_subtitle, text) != NULL;
}

/* Clicks Import…, types `file`'s path into the chooser and takes it. */
static void
import_by_hand (WxLoginDialog *dialog, const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GtkWidget *button = wx_test_find_widget (GTK_WIDGET (dialog), is_import_button, NULL);
  GtkWindow *w;

  g_assert_nonnull (button);
  wx_test_xdo_focus (GTK_WINDOW (dialog));
  wx_test_xdo_click (button, 1, -1, -1);
  wx_test_spin_until (chooser_open, NULL, "the file chooser");
  w = chooser ();
  wx_test_xdo_focus (w);
  /* A "/" opens the chooser's location entry with it. */
  wx_test_xdo_type (w, path, 20);
  wx_test_xdo_key (w, "Return");
  wx_test_spin_until (chooser_gone, NULL, "the file chooser to close");
}

static void
test_import (void)
{
  g_autoptr(WxLoginDialog) dialog = g_object_ref_sink (wx_login_dialog_new (app));
  g_autofree char *stored = wx_db_shop_ca_user_file ();
  g_autofree char *used = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *ca_path = g_build_filename (dir, "shop-ca.crt", NULL);
  g_autofree char *imported = NULL;
  g_autofree char *expected = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  wx_login_dialog_set_value (dialog, "server", "weixiu.shop.lan");
  wx_test_spin_until (subtitle_shown,
                      (gpointer) _("Not on this computer yet: import the shop-ca.crt file from the server's setup."),
                      "the CA row");

  import_by_hand (dialog, "notes.crt");
  wx_test_spin_until (message_shown, dialog, "the refusal");
  g_test_message ("%s", wx_login_dialog_get_message (dialog));
  expected = g_strdup_printf (_("“%s” is not a certificate: choose the shop-ca.crt file that the server setup printed."),
                              "notes.crt");
  g_assert_cmpstr (wx_login_dialog_get_message (dialog), ==, expected);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));

  import_by_hand (dialog, "shop-ca.key");
  wx_test_spin_until (message_shown, dialog, "the refusal");
  g_free (expected);
  expected = g_strdup_printf (_("“%s” holds a private key: import the CA's certificate (shop-ca.crt), never its key."),
                              "shop-ca.key");
  g_assert_cmpstr (wx_login_dialog_get_message (dialog), ==, expected);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));

  import_by_hand (dialog, "shop-ca.crt");
  imported = g_strndup (_("Imported: %s"), strlen (_("Imported: %s")) - 2);
  wx_test_spin_until (subtitle_shown, imported, "the imported CA");
  g_assert_cmpstr (wx_login_dialog_get_message (dialog), ==, "");
  used = wx_db_shop_ca_file ();
  g_assert_cmpstr (used, ==, stored);
  g_assert_true (g_file_get_contents (ca_path, &ca, NULL, NULL));
  g_assert_true (g_file_get_contents (stored, &copy, NULL, NULL));
  g_assert_cmpstr (ca, ==, copy);
  wx_test_screenshot (GTK_WIDGET (dialog), "login-ca");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  g_autofree char *config = NULL;
  g_autofree char *cmd = NULL;
  int status = 0;

  /* A config folder of its own (where the import goes), no $WEIXIU_CA. */
  dir = g_dir_make_tmp ("wx-login-ca-XXXXXX", NULL);
  config = g_build_filename (dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("WEIXIU_CA");
  cmd = g_strdup_printf ("sh -c 'cd %s && openssl req -x509 -newkey rsa:2048 -nodes -days 3650"
                         " -subj \"/CN=Test shop CA\" -keyout shop-ca.key -out shop-ca.crt 2>/dev/null"
                         " && echo \"call the supplier on Monday\" > notes.crt'", dir);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) && status == 0);

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();
  g_application_hold (G_APPLICATION (app));
  g_test_add_func ("/ui/login/import-ca", test_import);
  status = g_test_run ();
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf %s", dir);
    g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  }
  return status;
}

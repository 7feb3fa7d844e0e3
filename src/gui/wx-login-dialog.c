/* wx-login-dialog.c — logging in, remembering the password, choosing a desk. */
#define G_LOG_DOMAIN "wx-login"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "core/wx-session.h"
#include "core/wx-workflow.h"
#include "db/wx-db-ca.h"
#include "db/wx-db-error.h"
#include "db/wx-db-session.h"
#include "wx-login-dialog.h"

enum { SERVER_PRIVATE, SERVER_SHOP };

struct _WxLoginDialog
{
  AdwApplicationWindow parent_instance;

  AdwComboRow     *server_row;
  AdwEntryRow     *host_row;
  AdwActionRow    *ca_row;
  GtkFileChooserNative *ca_chooser;  /* the import under way */
  AdwEntryRow     *user_row;
  AdwPasswordEntryRow *password_row;
  GtkCheckButton  *remember_check;
  GtkLabel        *error_label;
  GtkButton       *update_button;
  GtkButton       *login_button;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  GtkLabel        *choose_label;
  GtkListBox      *desk_list;

  GSettings       *settings;
  GCancellable    *cancellable;      /* the login under way */
  GCancellable    *lookup;           /* the keyring lookup under way */
  char            *conninfo;         /* of the session whose desk is chosen */
  char            *full_name;
  WxRole           desks;
  gboolean         busy;
  struct Login    *outdated;         /* the login refused for an older schema, to migrate */
};

G_DEFINE_FINAL_TYPE (WxLoginDialog, wx_login_dialog, ADW_TYPE_APPLICATION_WINDOW)

/* The keyring entry of a password: one per server and user. */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "org.weixiu.Weixiu.Password", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

/* The server as typed: NULL for the private database. */
static char *
server_text (WxLoginDialog *self)
{
  if (adw_combo_row_get_selected (self->server_row) != SERVER_SHOP)
    return NULL;
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));
}

static char *
user_text (WxLoginDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
}

static void login_free (struct Login *l);

static void
show_message (WxLoginDialog *self,
              const char    *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message && *message);
  /* The offer to update goes with the message that makes it. */
  gtk_widget_set_visible (GTK_WIDGET (self->update_button), FALSE);
  g_clear_pointer (&self->outdated, login_free);
}

static void
set_busy (WxLoginDialog *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  /* The fields stay as they are (making a focused entry insensitive loses
   * its focus-out); the button waits. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.login", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.update", !busy);
}

/* ------------------------------------------------------------ the keyring */

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = secret_password_lookup_finish (result, &error);
  WxLoginDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WX_LOGIN_DIALOG (user_data);
  if (error)
    g_debug ("no keyring: %s", error->message);   /* no keyring on this desktop: type it */
  if (password == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  gtk_check_button_set_active (self->remember_check, TRUE);
}

/* A password remembered for this server and user fills the field. */
static void
look_up_password (WxLoginDialog *self)
{
  g_autofree char *server = server_text (self);
  g_autofree char *user = user_text (self);

  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  /* Only for a user at the dialog (a kiosk's check never shows it). */
  if (*user == '\0' || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->lookup = g_cancellable_new ();
  secret_password_lookup (password_schema (), self->lookup, password_found_cb, self,
                          "server", server ? server : "", "user", user, NULL);
}

static void
password_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean stored = GPOINTER_TO_INT (user_data);

  if (stored ? !secret_password_store_finish (result, &error) : !secret_password_clear_finish (result, &error))
    if (error)
      g_message ("The password could not be %s in the keyring: %s",
                 stored ? "remembered" : "forgotten", error->message);
}

/* After a login: remember the password, or forget one remembered before. */
static void
keep_password (const char *server,
               const char *user,
               const char *password,
               gboolean    remember)
{
  if (remember && password && *password)
    {
      g_autofree char *label = g_strdup_printf (_("Weixiu: %s on %s"), user,
                                                server ? server : _("this computer"));
      secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                             NULL, password_kept_cb, GINT_TO_POINTER (TRUE),
                             "server", server ? server : "", "user", user, NULL);
    }
  else
    secret_password_clear (password_schema (), NULL, password_kept_cb, GINT_TO_POINTER (FALSE),
                           "server", server ? server : "", "user", user, NULL);
}

/* ------------------------------------------------------------ desks */

static void
open_desk (WxLoginDialog *self,
           WxRole         desk)
{
  WxApplication *app = WX_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  wx_application_open_desk (app, self->conninfo, self->full_name, self->desks, desk);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
desk_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       gpointer       user_data)
{
  open_desk (WX_LOGIN_DIALOG (user_data),
             GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wx-desk")));
}

void
wx_login_dialog_choose (WxLoginDialog *self,
                        const char    *conninfo,
                        const char    *full_name,
                        WxRole         desks)
{
  static const struct { WxRole role; const char *title; const char *subtitle; const char *icon; } all[] = {
    { WX_ROLE_COORDINATOR, N_("Front desk"), N_("Intake, quotes, pickup, the folders and the call log"), "system-users-symbolic" },
    { WX_ROLE_ENGINEER, N_("Bench"), N_("The shelves, inspection and repair records, on-site visits"), "applications-engineering-symbolic" },
    { WX_ROLE_SUPERVISOR, N_("Supervisor"), N_("Reviews, callbacks, complaints and the weekly report"), "emblem-documents-symbolic" },
  };
  g_autofree char *greeting = NULL;
  GtkWidget *child;

  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  if (self->conninfo != conninfo)
    {
      g_free (self->conninfo);
      self->conninfo = g_strdup (conninfo);
    }
  if (self->full_name != full_name)
    {
      g_free (self->full_name);
      self->full_name = g_strdup (full_name);
    }
  self->desks = wx_session_desks (desks);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->desk_list))))
    gtk_list_box_remove (self->desk_list, child);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      AdwActionRow *row;

      if ((self->desks & all[i].role) == 0)
        continue;
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(all[i].title));
      adw_action_row_set_subtitle (row, _(all[i].subtitle));
      adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (all[i].icon));
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "wx-desk", GUINT_TO_POINTER (all[i].role));
      gtk_list_box_append (self->desk_list, GTK_WIDGET (row));
    }
  greeting = g_strdup_printf (_("Welcome, %s. Which desk do you work at now?"), full_name ? full_name : "");
  gtk_label_set_text (self->choose_label, greeting);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_window_present (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ logging in */

typedef struct Login {
  char     *server;      /* NULL: the private database */
  char     *user;
  char     *password;
  char     *role;        /* the desk asked for, or NULL */
  gboolean  remember;
  gboolean  keyring;     /* keep or forget the password afterwards */
  gboolean  migrate;     /* update an older database first */
} Login;

static Login *
login_copy (const Login *l)
{
  Login *copy = g_memdup2 (l, sizeof *l);

  copy->server = g_strdup (l->server);
  copy->user = g_strdup (l->user);
  copy->password = g_strdup (l->password);
  copy->role = g_strdup (l->role);
  return copy;
}

static void
login_free (Login *l)
{
  g_free (l->server);
  g_free (l->user);
  if (l->password)
    memset (l->password, 0, strlen (l->password));
  g_free (l->password);
  g_free (l->role);
  g_free (l);
}

static void
logged_in (WxLoginDialog *self,
           Login         *l,
           WxDbSession   *session,
           GError        *failure)
{
  g_autoptr(GError) error = NULL;
  WxRole desk;

  set_busy (self, FALSE);
  if (session == NULL)
    {
      show_message (self, failure->message);
      /* An older database and an administrator: offer to update it. */
      if (g_error_matches (failure, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_MIGRATE))
        {
          self->outdated = login_copy (l);
          gtk_widget_set_visible (GTK_WIDGET (self->update_button), TRUE);
        }
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (l->keyring)
    keep_password (l->server, session->login, l->password, l->remember);
  if (l->keyring && self->settings)
    {
      g_settings_set_string (self->settings, "server", l->server ? l->server : "");
      g_settings_set_string (self->settings, "last-user", session->login);
    }
  desk = wx_session_desk_for (session->login, session->roles, l->role, &error);
  if (error)
    {
      show_message (self, error->message);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  show_message (self, NULL);
  if (desk == WX_ROLE_NONE)
    {
      wx_login_dialog_choose (self, session->conninfo, session->full_name, session->roles);
      return;
    }
  g_free (self->conninfo);
  self->conninfo = g_strdup (session->conninfo);
  g_free (self->full_name);
  self->full_name = g_strdup (session->full_name);
  self->desks = wx_session_desks (session->roles);
  open_desk (self, desk);
}

static void
logged_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Login *l = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSession) session = wx_db_session_open_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    logged_in (WX_LOGIN_DIALOG (source), l, session, error);
  login_free (l);
}

static void
start_login (WxLoginDialog *self,
             Login         *l)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_message (self, NULL);
  set_busy (self, TRUE);
  if (l->migrate)
    wx_db_session_migrate_async (self, l->server, l->user, l->password, self->cancellable, logged_in_cb, l);
  else
    wx_db_session_open_async (self, l->server, l->user, l->password, self->cancellable, logged_in_cb, l);
}

void
wx_login_dialog_login (WxLoginDialog *self,
                       const char    *role)
{
  Login *l;

  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  l = g_new0 (Login, 1);
  l->server = server_text (self);
  l->user = user_text (self);
  l->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  l->role = g_strdup (role);
  l->remember = gtk_check_button_get_active (self->remember_check);
  l->keyring = TRUE;
  if (l->server && *l->server == '\0')
    {
      login_free (l);
      show_message (self, _("Enter the address of the shop's server, or choose this computer."));
      gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
      return;
    }
  /* A connection string may name the user itself. */
  if (*l->user == '\0' && !(l->server && strstr (l->server, "user=")))
    {
      login_free (l);
      show_message (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }
  start_login (self, l);
}

void
wx_login_dialog_connect (WxLoginDialog *self,
                         const char    *conninfo,
                         const char    *role)
{
  Login *l;

  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  /* Should it fail, the dialog shows the connection string to correct. */
  wx_login_dialog_set_value (self, "server", conninfo);
  wx_login_dialog_set_value (self, "user", "");
  l = g_new0 (Login, 1);
  l->server = g_strdup (conninfo ? conninfo : "");
  l->role = g_strdup (role);
  start_login (self, l);
}

static void
login_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  wx_login_dialog_login (WX_LOGIN_DIALOG (widget), NULL);
}

void
wx_login_dialog_update (WxLoginDialog *self)
{
  Login *l;

  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  if (self->outdated == NULL)
    return;
  l = g_steal_pointer (&self->outdated);
  l->migrate = TRUE;
  start_login (self, l);
}

static void
update_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  wx_login_dialog_update (WX_LOGIN_DIALOG (widget));
}

/* ------------------------------------------------------------ the CA */

/* Which CA certificate a connection to the shop's server will check it
 * against, or that there is none yet. */
static void
show_ca (WxLoginDialog *self)
{
  g_autofree char *file = wx_db_shop_ca_file ();
  g_autofree char *user = wx_db_shop_ca_user_file ();
  g_autofree char *text = NULL;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    text = g_strdup (_("Not on this computer yet: import the shop-ca.crt file from the server's setup."));
  else if (g_str_equal (file, user))
    text = g_strdup_printf (_("Imported: %s"), file);
  else
    text = g_strdup_printf (_("Installed: %s"), file);
  adw_action_row_set_subtitle (self->ca_row, text);
}

static void
ca_chosen_cb (GtkNativeDialog *chooser,
              int              response,
              gpointer         user_data)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->ca_chooser);
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  if (!wx_login_dialog_import_ca (self, path, &error))
    show_message (self, error->message);
}

static void
import_ca_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->ca_chooser)
    return;
  self->ca_chooser = gtk_file_chooser_native_new (_("The Shop's CA Certificate"), GTK_WINDOW (self),
                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Certificates (*.crt, *.pem)"));
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->ca_chooser), TRUE);
  g_signal_connect (self->ca_chooser, "response", G_CALLBACK (ca_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_chooser));
}

gboolean
wx_login_dialog_import_ca (WxLoginDialog  *self,
                           const char     *path,
                           GError        **error)
{
  g_return_val_if_fail (WX_IS_LOGIN_DIALOG (self), FALSE);
  if (!wx_db_shop_ca_import (path, error))
    return FALSE;
  show_message (self, NULL);
  show_ca (self);
  return TRUE;
}

static void
server_changed_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (user_data);

  gtk_widget_set_visible (GTK_WIDGET (self->host_row),
                          adw_combo_row_get_selected (self->server_row) == SERVER_SHOP);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_row),
                          adw_combo_row_get_selected (self->server_row) == SERVER_SHOP);
  look_up_password (self);
}

static void
user_changed_cb (GtkEditable *editable,
                 gpointer     user_data)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (user_data);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_check_button_set_active (self->remember_check, FALSE);
  look_up_password (self);
}

/* ------------------------------------------------------------ fields */

void
wx_login_dialog_set_value (WxLoginDialog *self,
                           const char    *field,
                           const char    *value)
{
  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  if (g_str_equal (field, "server"))
    {
      adw_combo_row_set_selected (self->server_row, value && *value ? SERVER_SHOP : SERVER_PRIVATE);
      gtk_editable_set_text (GTK_EDITABLE (self->host_row), value ? value : "");
    }
  else if (g_str_equal (field, "user"))
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), value ? value : "");
  else if (g_str_equal (field, "password"))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), value ? value : "");
  else
    g_return_if_reached ();
}

void
wx_login_dialog_set_remember (WxLoginDialog *self,
                              gboolean       remember)
{
  g_return_if_fail (WX_IS_LOGIN_DIALOG (self));
  gtk_check_button_set_active (self->remember_check, remember);
}

const char *
wx_login_dialog_get_message (WxLoginDialog *self)
{
  g_return_val_if_fail (WX_IS_LOGIN_DIALOG (self), "");
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : "";
}

gboolean
wx_login_dialog_get_can_update (WxLoginDialog *self)
{
  g_return_val_if_fail (WX_IS_LOGIN_DIALOG (self), FALSE);
  return self->outdated != NULL && gtk_widget_get_visible (GTK_WIDGET (self->update_button));
}

gboolean
wx_login_dialog_get_busy (WxLoginDialog *self)
{
  g_return_val_if_fail (WX_IS_LOGIN_DIALOG (self), FALSE);
  return self->busy;
}

/* ------------------------------------------------------------ class */

static void
wx_login_dialog_dispose (GObject *object)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);
  g_clear_object (&self->settings);
  if (self->ca_chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_chooser));
  g_clear_object (&self->ca_chooser);
  g_clear_pointer (&self->outdated, login_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), WX_TYPE_LOGIN_DIALOG);
  G_OBJECT_CLASS (wx_login_dialog_parent_class)->dispose (object);
}

static void
wx_login_dialog_finalize (GObject *object)
{
  WxLoginDialog *self = WX_LOGIN_DIALOG (object);

  g_free (self->conninfo);
  g_free (self->full_name);
  G_OBJECT_CLASS (wx_login_dialog_parent_class)->finalize (object);
}

static void
wx_login_dialog_class_init (WxLoginDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_login_dialog_dispose;
  object_class->finalize = wx_login_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-login-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, remember_check);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, update_button);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, login_button);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, choose_label);
  gtk_widget_class_bind_template_child (widget_class, WxLoginDialog, desk_list);
  gtk_widget_class_install_action (widget_class, "login.login", NULL, login_action_cb);
  gtk_widget_class_install_action (widget_class, "login.update", NULL, update_action_cb);
  gtk_widget_class_install_action (widget_class, "login.import-ca", NULL, import_ca_action_cb);
}

static void
wx_login_dialog_init (WxLoginDialog *self)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Without the installed schema (a build run from its directory) the
   * dialog simply has no memory. */
  source = g_settings_schema_source_get_default ();
  schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema)
    self->settings = g_settings_new (APP_ID);
  server = self->settings ? g_settings_get_string (self->settings, "server") : g_strdup ("");
  user = self->settings ? g_settings_get_string (self->settings, "last-user") : g_strdup ("");
  wx_login_dialog_set_value (self, "server", server);
  wx_login_dialog_set_value (self, "user", *user ? user : g_get_user_name ());
  gtk_widget_set_visible (GTK_WIDGET (self->host_row), *server != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->ca_row), *server != '\0');
  show_ca (self);
  g_signal_connect (self->server_row, "notify::selected", G_CALLBACK (server_changed_cb), self);
  g_signal_connect (self->host_row, "changed", G_CALLBACK (user_changed_cb), self);
  g_signal_connect (self->user_row, "changed", G_CALLBACK (user_changed_cb), self);
  g_signal_connect (self->desk_list, "row-activated", G_CALLBACK (desk_row_activated_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->login_button));
  g_signal_connect (self, "map", G_CALLBACK (look_up_password), NULL);
}

WxLoginDialog *
wx_login_dialog_new (WxApplication *app)
{
  return g_object_new (WX_TYPE_LOGIN_DIALOG, "application", app, NULL);
}

/* The login dialog under Xvfb against a real server whose test users must
 * give their password (./run tests puts a scram-sha-256 line for the
 * group wx_test_password before trust): a missing user name, an unknown
 * user and a wrong password each get a sentence and open nothing; the
 * right password opens the user's desk and is remembered as the last
 * user; a user with several roles chooses a desk; a kiosk's --db with a
 * --role the user does not hold is refused, with one it holds opens that
 * desk. A database whose schema is newer than the program's is refused
 * with its sentence; an older one too, but an administrator is offered to
 * update it, and taking the offer migrates it and logs in. PNGs of the
 * dialog and of the choice. */
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-staff.h"
#include "gui/wx-application.h"
#include "gui/wx-front-desk-window.h"
#include "gui/wx-login-dialog.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

static WxApplication *app;
static char *server;        /* the test database, without a user */
static char *clerk;         /* a coordinator with a password */
static char *versatile;     /* coordinator, engineer and supervisor */
static const char *password = "Kai-Dan-2026";

/* The desks (windows other than login dialogs) open now. */
static guint
n_desks (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (!WX_IS_LOGIN_DIALOG (l->data))
      n++;
  return n;
}

static gboolean
desk_opened (gpointer unused)
{
  return n_desks () > 0;
}

static void
loaded_cb (WxFrontDeskWindow *window, const GError *error, gpointer user_data)
{
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The desk that opened, once its board is loaded: its threads are idle
 * then, and closing it leaves nothing running. */
static WxFrontDeskWindow *
loaded_desk (void)
{
  GtkWindow *window = NULL;
  gboolean loaded = FALSE;

  wx_test_spin_until (desk_opened, NULL, "the desk");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (!WX_IS_LOGIN_DIALOG (l->data))
      window = l->data;
  g_assert_true (WX_IS_FRONT_DESK_WINDOW (window));
  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), &loaded);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
  g_signal_handlers_disconnect_by_func (window, loaded_cb, &loaded);
  return WX_FRONT_DESK_WINDOW (window);
}

static void
close_all (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
login_done (gpointer dialog)
{
  return !wx_login_dialog_get_busy (WX_LOGIN_DIALOG (dialog));
}

/* Logs in with what the dialog holds and waits for the answer; the
 * dialog is kept alive to read its message. */
static void
log_in (WxLoginDialog *dialog)
{
  wx_login_dialog_login (dialog, NULL);
  wx_test_spin_until (login_done, dialog, "the login");
}

static void
expect_refused (WxLoginDialog *dialog, const char *user, const char *pw, const char *expected)
{
  wx_login_dialog_set_value (dialog, "user", user);
  wx_login_dialog_set_value (dialog, "password", pw);
  log_in (dialog);
  g_test_message ("%s: %s", user, wx_login_dialog_get_message (dialog));
  g_assert_nonnull (strstr (wx_login_dialog_get_message (dialog), expected));
  g_assert_cmpuint (n_desks (), ==, 0);
}

static void
test_password (void)
{
  g_autoptr(WxLoginDialog) dialog = g_object_ref_sink (wx_login_dialog_new (app));
  g_autoptr(GSettings) settings = g_settings_new ("org.weixiu.Weixiu");
  g_autofree char *last = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  wx_login_dialog_set_value (dialog, "server", server);
  expect_refused (dialog, "", "", _("Enter your user name."));
  expect_refused (dialog, "nobody_here", password, _("The server did not accept the user name or password."));
  expect_refused (dialog, clerk, "wrong", _("The server did not accept the user name or password."));

  wx_login_dialog_set_value (dialog, "user", clerk);
  wx_login_dialog_set_value (dialog, "password", password);
  /* No keyring under the test's bus: remembering fails quietly, the login
   * goes on. */
  wx_login_dialog_set_remember (dialog, TRUE);
  wx_test_screenshot (GTK_WIDGET (dialog), "login");
  wx_login_dialog_login (dialog, NULL);
  loaded_desk ();
  g_assert_cmpuint (n_desks (), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  last = g_settings_get_string (settings, "last-user");
  g_assert_cmpstr (last, ==, clerk);
  close_all ();
}

static void
test_choose (void)
{
  g_autoptr(WxLoginDialog) dialog = g_object_ref_sink (wx_login_dialog_new (app));
  GtkWidget *list;
  GtkWidget *row;
  guint n = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  wx_login_dialog_set_value (dialog, "server", server);
  wx_login_dialog_set_value (dialog, "user", versatile);
  log_in (dialog);
  g_assert_cmpstr (wx_login_dialog_get_message (dialog), ==, "");
  g_assert_cmpuint (n_desks (), ==, 0);
  wx_test_screenshot (GTK_WIDGET (dialog), "login-choose");
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), WX_TYPE_LOGIN_DIALOG, "desk_list"));
  for (row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n++;
  g_assert_cmpuint (n, ==, 3);
  g_signal_emit_by_name (list, "row-activated", gtk_widget_get_first_child (list));
  loaded_desk ();
  /* That session may switch desks from the window's menu. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "switch-desk"));
  close_all ();
}

static void
test_kiosk (void)
{
  g_autoptr(WxLoginDialog) dialog = g_object_ref_sink (wx_login_dialog_new (app));
  g_autofree char *as_clerk = wx_db_conninfo_with (server, "user", clerk);
  g_autofree char *with_password = wx_db_conninfo_with (as_clerk, "password", password);

  /* The clerk is not an engineer: said, and no window. */
  wx_login_dialog_connect (dialog, with_password, "engineer");
  wx_test_spin_until (login_done, dialog, "the kiosk login");
  g_test_message ("kiosk: %s", wx_login_dialog_get_message (dialog));
  g_assert_nonnull (strstr (wx_login_dialog_get_message (dialog), clerk));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (n_desks (), ==, 0);

  wx_login_dialog_connect (dialog, with_password, "coordinator");
  loaded_desk ();
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "switch-desk"));
  close_all ();
}

static gboolean
on_page (gpointer data)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (data), WX_TYPE_LOGIN_DIALOG, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "choose") == 0;
}

/* Schema versions: newer refused; older refused, offered to an
 * administrator, updated when asked. */
static void
test_schema (void)
{
  g_autoptr(WxLoginDialog) dialog = g_object_ref_sink (wx_login_dialog_new (app));
  g_autofree char *newer = wx_test_db_create (wx_test_ui_chinese () ? "login_newer_zh" : "login_newer", TRUE);
  g_autofree char *older = wx_test_db_create (wx_test_ui_chinese () ? "login_older_zh" : "login_older", FALSE);
  g_autoptr(GError) expected = NULL;
  const char *superuser = g_getenv ("PGUSER") ? g_getenv ("PGUSER") : g_get_user_name ();
  int version = wx_db_migrations_latest () + 1;

  {
    g_autoptr(PGconn) conn = wx_test_db_connect (newer);
    g_autofree char *number = g_strdup_printf ("%d", version);
    const char *params[] = { number };

    g_assert_true (wx_db_execute (conn, "INSERT INTO schema_version (version, name) VALUES ($1, 'newer')", 1, params, NULL));
  }
  wx_db_schema_newer_error (version, &expected);
  gtk_window_present (GTK_WINDOW (dialog));

  wx_login_dialog_set_value (dialog, "server", newer);
  expect_refused (dialog, clerk, password, expected->message);
  g_assert_false (wx_login_dialog_get_can_update (dialog));

  /* Older: the clerk is sent to the administrator… */
  wx_login_dialog_set_value (dialog, "server", older);
  expect_refused (dialog, clerk, password, _("This database needs an update by the administrator (weixiu-admin migrate)."));
  g_assert_false (wx_login_dialog_get_can_update (dialog));
  /* …who is offered the update, */
  wx_login_dialog_set_value (dialog, "user", superuser);
  wx_login_dialog_set_value (dialog, "password", "");
  log_in (dialog);
  g_test_message ("offer: %s", wx_login_dialog_get_message (dialog));
  g_assert_true (wx_login_dialog_get_can_update (dialog));
  g_assert_cmpuint (n_desks (), ==, 0);
  wx_test_screenshot (GTK_WIDGET (dialog), "login-update");
  /* and takes it: migrated, logged in (several desks: the choice). */
  wx_login_dialog_update (dialog);
  wx_test_spin_until (login_done, dialog, "the update");
  g_assert_cmpstr (wx_login_dialog_get_message (dialog), ==, "");
  g_assert_true (on_page (dialog));
  {
    g_autoptr(PGconn) conn = wx_test_db_connect (older);
    g_assert_cmpint (wx_db_schema_version (conn, NULL), ==, wx_db_migrations_latest ());
  }
  close_all ();
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grant = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();
  g_application_hold (G_APPLICATION (app));

  server = wx_test_db_create (wx_test_ui_chinese () ? "login_zh" : "login", TRUE);
  conn = wx_test_db_connect (server);
  clerk = g_strdup_printf ("login_clerk_%d", (int) getpid ());
  versatile = g_strdup_printf ("login_all_%d", (int) getpid ());
  {
    const char *p1[] = { clerk, "登录测试", password };
    const char *p2[] = { versatile, "全能测试" };

    /* Two test programs may create the group at once. */
    wx_test_db_exec (conn, "DO $$ BEGIN CREATE ROLE wx_test_password;"
                           " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    /* The password goes hashed, as the staff page sends it. */
    g_assert_true (wx_db_staff_add (conn, p1[0], p1[1], WX_ROLE_COORDINATOR, p1[2], &error));
    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor'])",
                                  2, p2, &error));
    g_assert_no_error (error);
    grant = g_strdup_printf ("GRANT wx_test_password TO %s", clerk);
    wx_test_db_exec (conn, grant);
  }

  g_test_add_func ("/ui/login/password", test_password);
  g_test_add_func ("/ui/login/choose", test_choose);
  g_test_add_func ("/ui/login/kiosk", test_kiosk);
  g_test_add_func ("/ui/login/schema", test_schema);
  return g_test_run ();
}

#define G_LOG_DOMAIN "wx-application"

#include <stdio.h>

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-server.h"
#include "db/wx-db-session.h"
#include "core/wx-session.h"
#include "wx-application.h"
#include "wx-bench-window.h"
#include "wx-front-desk-window.h"
#include "wx-login-dialog.h"
#include "wx-records-window.h"
#include "wx-supervisor-window.h"

struct _WxApplication
{
  AdwApplication parent_instance;

  char *conninfo;   /* --db or libpq's environment: a kiosk, no login dialog */
  char *role;       /* --role */
  gboolean exit_when_ready;   /* --exit-when-ready (the launch bench) */
  gboolean empty_window;      /* --empty-window (its yardstick) */

  /* On the private server (a single PC) the app runs the periodic jobs. */
  guint        jobs_id;
  GSubprocess *jobs;

  /* The session logged in: its desks can be switched. */
  char   *session_conninfo;
  char   *session_name;
  WxRole  session_desks;
  WxShopContext *context;   /* weak: its worker, listener and orders, while a window shows them */

  /* A kiosk's desk, made while its login is checked (not shown until then). */
  GtkWindow *prepared;
  char      *prepared_conninfo;
  WxRole     prepared_desk;
};

G_DEFINE_FINAL_TYPE (WxApplication, wx_application, ADW_TYPE_APPLICATION)

#define JOBS_SECONDS (5 * 60)

/* weixiu-admin beside our own program (an install, or the build tree),
 * else the one on PATH. */
static char *
admin_program (void)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self_exe ? g_path_get_dirname (self_exe) : NULL;
  g_autofree char *beside = dir ? g_build_filename (dir, "weixiu-admin", NULL) : NULL;

  if (beside && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_strdup ("weixiu-admin");
}

static void
jobs_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WxApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_warning ("weixiu-admin jobs run: %s", error->message);
  g_clear_object (&self->jobs);
}

/* `weixiu-admin jobs run --once` as the shop server's timer would (the
 * supervisor's window shows what it did); one at a time. */
static gboolean
run_jobs_cb (gpointer user_data)
{
  WxApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;

  if (self->jobs)
    return G_SOURCE_CONTINUE;
  program = admin_program ();
  self->jobs = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, program, "jobs", "run", "--once", NULL);
  if (self->jobs == NULL)
    g_warning ("cannot start %s: %s", program, error->message);
  else
    g_subprocess_wait_check_async (self->jobs, NULL, jobs_done_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static void
start_jobs (WxApplication *self,
            const char    *conninfo)
{
  if (self->jobs_id != 0 || !wx_db_server_is_private (conninfo))
    return;
  run_jobs_cb (self);
  self->jobs_id = g_timeout_add_seconds (JOBS_SECONDS, run_jobs_cb, self);
}

/* --db, else libpq's environment (""), else NULL: the login dialog asks,
 * offering the server of the GSettings key or the private local one. */
static char *
kiosk_conninfo (const char *option)
{
  if (option && *option)
    return g_strdup (option);
  if (wx_db_env_configured ())
    return g_strdup ("");
  return NULL;
}

static int
wx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WxApplication *self = WX_APPLICATION (app);
  const char *db = NULL;
  const char *role = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("weixiu %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "db", "&s", &db);
  g_variant_dict_lookup (options, "role", "&s", &role);
  g_variant_dict_lookup (options, "exit-when-ready", "b", &self->exit_when_ready);
  g_variant_dict_lookup (options, "empty-window", "b", &self->empty_window);
  self->conninfo = kiosk_conninfo (db);
  self->role = g_strdup (role);
  return -1;
}

/* The launch bench (weixiu-admin bench board): "ready" on stdout once the
 * window has drawn a frame with what it shows, then quit. */
static gboolean
ready_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  g_print ("ready\n");
  fflush (stdout);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
desk_loaded_cb (GtkWidget    *window,
                const GError *error,
                gpointer      user_data)
{
  g_signal_handlers_disconnect_by_func (window, desk_loaded_cb, user_data);
  gtk_widget_add_tick_callback (window, ready_tick_cb, user_data, NULL);
}

static GtkWindow *
make_desk (WxApplication *self,
           const char    *conninfo,
           WxRole         desk)
{
  GtkWindow *window;

  switch (desk)
    {
    case WX_ROLE_ENGINEER:
      window = GTK_WINDOW (wx_bench_window_new (self, conninfo));
      break;
    case WX_ROLE_SUPERVISOR:
      window = GTK_WINDOW (wx_supervisor_window_new (self, conninfo));
      break;
    case WX_ROLE_COORDINATOR:
    default:
      window = GTK_WINDOW (wx_front_desk_window_new (self, conninfo));
      break;
    }
  if (self->exit_when_ready)
    g_signal_connect (window, "loaded", G_CALLBACK (desk_loaded_cb), self);
  return window;
}

/* Drops the window a kiosk made while its login was checked (the login
 * failed, or led elsewhere). */
static void
discard_prepared (WxApplication *self)
{
  if (self->prepared)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->prepared), (gpointer *) &self->prepared);
      gtk_window_destroy (g_steal_pointer (&self->prepared));
    }
  g_clear_pointer (&self->prepared_conninfo, g_free);
}

/* A kiosk naming its role: the login is checked on another thread while
 * the window is made and starts loading; it shows if the check agrees.
 * Otherwise the login dialog takes over, checks again and says why. */
static void
kiosk_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WxApplication *self = WX_APPLICATION (source);
  g_autoptr(WxDbSession) session = wx_db_session_open_finish (result, NULL);
  WxLoginDialog *login;

  if (session && self->prepared
      && wx_session_desk_for (session->login, session->roles, self->role, NULL) == self->prepared_desk)
    {
      wx_application_open_desk (self, session->conninfo, session->full_name, session->roles, self->prepared_desk);
      return;
    }
  /* The dialog first: the application lives while it has a window. */
  login = wx_login_dialog_new (self);
  discard_prepared (self);
  wx_login_dialog_connect (login, self->conninfo, self->role);
}

static gboolean
prepare_desk (WxApplication *self)
{
  WxRole desk;
  g_autofree char *conninfo = NULL;

  if (!self->role || !wx_role_from_name (self->role, &desk) || wx_session_desks (desk) == WX_ROLE_NONE)
    return FALSE;
  conninfo = wx_db_session_conninfo (self->conninfo, NULL, NULL, NULL);
  if (conninfo == NULL)
    return FALSE;
  wx_db_session_open_async (self, self->conninfo, NULL, NULL, NULL, kiosk_checked_cb, NULL);
  self->prepared = make_desk (self, conninfo, desk);
  g_object_add_weak_pointer (G_OBJECT (self->prepared), (gpointer *) &self->prepared);
  self->prepared_conninfo = g_steal_pointer (&conninfo);
  self->prepared_desk = desk;
  return TRUE;
}

static void
wx_application_activate (GApplication *app)
{
  WxApplication *self = WX_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  WxLoginDialog *login;

  if (window)
    {
      gtk_window_present (window);
      return;
    }
  if (self->empty_window)
    {
      window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, "Weixiu");
      gtk_widget_add_tick_callback (GTK_WIDGET (window), ready_tick_cb, app, NULL);
      gtk_window_present (window);
      return;
    }
  if (self->conninfo && prepare_desk (self))
    return;
  login = wx_login_dialog_new (self);
  if (self->conninfo)
    wx_login_dialog_connect (login, self->conninfo, self->role);
  else
    gtk_window_present (GTK_WINDOW (login));
}

GtkWindow *
wx_application_open_desk (WxApplication *self,
                          const char    *conninfo,
                          const char    *full_name,
                          WxRole         desks,
                          WxRole         desk)
{
  GtkWindow *window;

  g_return_val_if_fail (WX_IS_APPLICATION (self), NULL);
  if (self->session_conninfo != conninfo)
    {
      g_free (self->session_conninfo);
      self->session_conninfo = g_strdup (conninfo);
    }
  if (self->session_name != full_name)
    {
      g_free (self->session_name);
      self->session_name = g_strdup (full_name);
    }
  self->session_desks = wx_session_desks (desks);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "switch-desk")),
                               (self->session_desks & (self->session_desks - 1)) != 0);
  if (self->prepared && self->prepared_desk == desk && g_strcmp0 (self->prepared_conninfo, conninfo) == 0)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->prepared), (gpointer *) &self->prepared);
      window = g_steal_pointer (&self->prepared);
    }
  else
    window = make_desk (self, conninfo, desk);
  discard_prepared (self);
  start_jobs (self, conninfo);
  gtk_window_present (window);
  return window;
}

WxShopContext *
wx_application_get_context (WxApplication *self,
                            const char    *conninfo)
{
  WxShopContext *context;

  g_return_val_if_fail (WX_IS_APPLICATION (self), NULL);
  if (self->context && g_strcmp0 (wx_shop_context_get_conninfo (self->context), conninfo) == 0)
    return g_object_ref (self->context);
  context = wx_shop_context_new (conninfo);
  g_set_weak_pointer (&self->context, context);
  return context;
}

/* Another desk of the same session, chosen in the login dialog's list. */
static void
switch_desk_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  WxApplication *self = WX_APPLICATION (user_data);
  WxLoginDialog *login = wx_login_dialog_new (self);

  wx_login_dialog_choose (login, self->session_conninfo, self->session_name, self->session_desks);
}

/* Closes the session's windows and asks who logs in next. */
static void
log_out_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  WxApplication *self = WX_APPLICATION (user_data);
  WxLoginDialog *login = wx_login_dialog_new (self);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l; l = l->next)
    if (l->data != (gpointer) login)
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_clear_pointer (&self->session_conninfo, g_free);
  g_clear_pointer (&self->session_name, g_free);
  self->session_desks = WX_ROLE_NONE;
  gtk_window_present (GTK_WINDOW (login));
}

/* The records window (资料) of the session, on a worker of its own. */
static void
records_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  WxApplication *self = WX_APPLICATION (user_data);
  g_autoptr(WxDbWorker) worker = NULL;

  if (self->session_conninfo == NULL)
    return;
  worker = wx_db_worker_new (self->session_conninfo);
  gtk_window_present (GTK_WINDOW (wx_records_window_new (GTK_APPLICATION (self), worker, NULL)));
}

/* About Weixiu, over the window in front: name, version, licence. */
static void
about_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Weixiu"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Service orders of an office-equipment repair center: front desk, "
                                   "engineers' bench and supervisor."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Weixiu developers"));
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
wx_application_finalize (GObject *object)
{
  WxApplication *self = WX_APPLICATION (object);

  g_free (self->conninfo);
  g_free (self->role);
  g_free (self->session_conninfo);
  g_free (self->session_name);
  g_free (self->prepared_conninfo);
  g_clear_handle_id (&self->jobs_id, g_source_remove);
  g_clear_object (&self->jobs);
  g_clear_weak_pointer (&self->context);
  G_OBJECT_CLASS (wx_application_parent_class)->finalize (object);
}

static void
wx_application_class_init (WxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wx_application_finalize;
  app_class->handle_local_options = wx_application_handle_local_options;
  app_class->activate = wx_application_activate;
}

static void
wx_application_init (WxApplication *self)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_activated_cb },
    { .name = "about", .activate = about_activated_cb },
    { .name = "switch-desk", .activate = switch_desk_activated_cb },
    { .name = "log-out", .activate = log_out_activated_cb },
    { .name = "records", .activate = records_activated_cb },
  };
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Connect to this database (libpq connection string)"), N_("CONNINFO") },
    { "role", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open this role's window: coordinator, engineer or supervisor"), N_("ROLE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { "exit-when-ready", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, "Print “ready” and quit once the window shows its data (for the launch bench)", NULL },
    { "empty-window", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, "Open an empty window instead (the launch bench's yardstick)", NULL },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "switch-desk")), FALSE);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", (const char *[]) { "F5", "<Control>r", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.intake('carry_in')", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.intake('on_site')", (const char *[]) { "<Control><Shift>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('board')", (const char *[]) { "<Alt>b", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('due')", (const char *[]) { "<Alt>d", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('search')", (const char *[]) { "<Alt>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('calls')", (const char *[]) { "<Alt>l", NULL });
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

WxApplication *
wx_application_new (void)
{
  return g_object_new (WX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/weixiu/Weixiu",
                       NULL);
}

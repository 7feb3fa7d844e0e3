#define G_LOG_DOMAIN "wx-application"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "wx-application.h"
#include "wx-bench-window.h"
#include "wx-front-desk-window.h"

struct _WxApplication
{
  AdwApplication parent_instance;

  char *conninfo;   /* NULL: the private local server */
  char *role;
};

G_DEFINE_FINAL_TYPE (WxApplication, wx_application, ADW_TYPE_APPLICATION)

/* --db, else libpq's environment, else the GSettings key, else NULL for the
 * private local server. */
static char *
configured_conninfo (const char *option)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (option && *option)
    return g_strdup (option);
  if (wx_db_env_configured ())
    return g_strdup ("");
  if (source)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *server = g_settings_get_string (settings, "server");
      if (*server)
        return g_steal_pointer (&server);
    }
  return NULL;
}

static int
wx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WxApplication *self = WX_APPLICATION (app);
  const char *db = NULL;
  const char *role = NULL;

  g_variant_dict_lookup (options, "db", "&s", &db);
  g_variant_dict_lookup (options, "role", "&s", &role);
  self->conninfo = configured_conninfo (db);
  self->role = g_strdup (role);
  return -1;
}

static void
wx_application_activate (GApplication *app)
{
  WxApplication *self = WX_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && g_strcmp0 (self->role, "engineer") == 0)
    window = GTK_WINDOW (wx_bench_window_new (self, self->conninfo));
  else if (window == NULL)
    window = GTK_WINDOW (wx_front_desk_window_new (self, self->conninfo));
  gtk_window_present (window);
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
  };
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Connect to this database (libpq connection string)"), N_("CONNINFO") },
    { "role", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open this role's window: coordinator, engineer or supervisor"), N_("ROLE") },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", (const char *[]) { "F5", "<Control>r", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.intake('carry_in')", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.intake('on_site')", (const char *[]) { "<Control><Shift>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('board')", (const char *[]) { "<Alt>b", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('due')", (const char *[]) { "<Alt>d", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-view('search')", (const char *[]) { "<Alt>s", NULL });
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

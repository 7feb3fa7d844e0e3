/* weixiu-admin — set up and look after a Weixiu database from the command line.
 * Uses core, db and print; never gui. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/wx-i18n.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-backup.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-orders.h"
#include "db/wx-db-server.h"
#include "db/wx-db-staff.h"

#define EXIT_USAGE 2

typedef struct {
  char      *db;           /* --db CONNINFO, or NULL */
  GPtrArray *args;         /* positional arguments after the command */
  GPtrArray *roles;        /* --role, repeatable */
  char      *name;         /* --name FULL NAME */
  gboolean   password_stdin;
  gboolean   if_empty;       /* demo: only when there are no orders yet */
  guint      scale;
  gboolean   scale_set;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->db);
  g_free (o->name);
  g_clear_pointer (&o->args, g_ptr_array_unref);
  g_clear_pointer (&o->roles, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static const char usage_text[] =
  N_("Usage: weixiu-admin [--db CONNINFO] COMMAND [ARGS]\n"
     "\n"
     "Commands:\n"
     "  init                          create the roles and the schema in an empty database\n"
     "  migrate                       apply new migrations (running it twice changes nothing)\n"
     "  status                        schema version and orders per state and folder\n"
     "  user add NAME --role ROLE [--role ROLE…] [--name FULL_NAME] [--password-stdin]\n"
     "                                add a staff member (ROLE: coordinator, engineer, supervisor, admin)\n"
     "  user list                     list the staff and their roles\n"
     "  demo [--scale N] [--if-empty] add demo data: N service orders (default 240)\n"
     "  backup FILE                   write a backup (pg_dump custom format)\n"
     "  restore FILE                  restore a backup into an empty database\n"
     "  server start|stop|status      the private local server\n"
     "\n"
     "Without --db, the PG* environment variables are used when PGHOST, PGDATABASE or\n"
     "PGSERVICE is set; otherwise the private local server is started.\n");

static int
usage_error (const char *message)
{
  g_printerr ("weixiu-admin: %s\n", message);
  g_printerr (_("Run “weixiu-admin --help” for the commands.\n"));
  return EXIT_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("weixiu-admin: %s\n", error->message);
  return EXIT_FAILURE;
}

static gboolean
parse_options (int argc, char **argv, Options *o, char **command, GError **error)
{
  o->args = g_ptr_array_new_with_free_func (g_free);
  o->roles = g_ptr_array_new_with_free_func (g_free);
  *command = NULL;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *value = NULL;
      gboolean takes_value = g_str_equal (a, "--db") || g_str_equal (a, "--role") ||
                             g_str_equal (a, "--name") || g_str_equal (a, "--scale");

      if (takes_value)
        {
          if (i + 1 >= argc)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s needs a value."), a);
              return FALSE;
            }
          value = argv[++i];
        }
      else if (g_str_has_prefix (a, "--db=") || g_str_has_prefix (a, "--role=") ||
               g_str_has_prefix (a, "--name=") || g_str_has_prefix (a, "--scale="))
        {
          value = strchr (a, '=') + 1;
          takes_value = TRUE;
        }

      if (takes_value && g_str_has_prefix (a, "--db"))
        {
          g_free (o->db);
          o->db = g_strdup (value);
        }
      else if (takes_value && g_str_has_prefix (a, "--role"))
        g_ptr_array_add (o->roles, g_strdup (value));
      else if (takes_value && g_str_has_prefix (a, "--name"))
        {
          g_free (o->name);
          o->name = g_strdup (value);
        }
      else if (takes_value && g_str_has_prefix (a, "--scale"))
        {
          guint64 n;
          if (!g_ascii_string_to_unsigned (value, 10, 1, 10000000, &n, NULL))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--scale takes a whole number of orders from 1 to 10000000."));
              return FALSE;
            }
          o->scale = (guint) n;
          o->scale_set = TRUE;
        }
      else if (g_str_equal (a, "--password-stdin"))
        o->password_stdin = TRUE;
      else if (g_str_equal (a, "--if-empty"))
        o->if_empty = TRUE;
      else if (g_str_has_prefix (a, "--") || (a[0] == '-' && a[1] != '\0'))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, _("Unknown option %s."), a);
          return FALSE;
        }
      else if (*command == NULL)
        *command = g_strdup (a);
      else
        g_ptr_array_add (o->args, g_strdup (a));
    }
  return TRUE;
}

/* --db, else libpq's environment, else the private local server, where the
 * administration commands run as the owner of the schema. */
static gboolean
uses_private_server (const Options *o)
{
  return o->db == NULL && !wx_db_env_configured ();
}

static char *
resolve_conninfo (const Options *o, GError **error)
{
  if (o->db)
    return g_strdup (o->db);
  if (!uses_private_server (o))
    return g_strdup ("");
  return wx_db_server_ensure (WX_DB_SERVER_AS_OWNER, NULL, error);
}

static PGconn *
connect_db (const Options *o, GError **error)
{
  g_autofree char *conninfo = resolve_conninfo (o, error);

  if (conninfo == NULL)
    return NULL;
  return wx_db_connect (conninfo, error);
}

static int
cmd_init (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = connect_db (o, &error);

  if (conn == NULL || !wx_db_init (conn, &error))
    return fail (error);
  g_print (_("Initialised: schema version %d.\n"), wx_db_migrations_latest ());
  return EXIT_SUCCESS;
}

static int
cmd_migrate (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = connect_db (o, &error);
  int applied = 0;

  if (conn == NULL || !wx_db_migrate (conn, &applied, &error))
    return fail (error);
  if (applied == 0)
    g_print (_("Already up to date: schema version %d.\n"), wx_db_migrations_latest ());
  else
    g_print (ngettext ("Applied %d migration: schema version %d.\n",
                       "Applied %d migrations: schema version %d.\n", applied),
             applied, wx_db_migrations_latest ());
  return EXIT_SUCCESS;
}

static int
cmd_status (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = connect_db (o, &error);
  gint64 counts[WX_N_ORDER_STATES];
  gint64 folders[WX_N_FOLDERS];
  gint64 total = 0;
  guint n_states;
  const WxStateInfo *states = wx_workflow_states (&n_states);
  int version;

  if (conn == NULL)
    return fail (error);
  version = wx_db_schema_version (conn, &error);
  if (version < 0)
    return fail (error);
  g_print (_("Schema version: %d (this program knows %d)\n"), version, wx_db_migrations_latest ());
  if (version == 0)
    {
      g_print (_("The database is empty; run “weixiu-admin init”.\n"));
      return EXIT_SUCCESS;
    }
  if (!wx_db_orders_count_by_state (conn, counts, &error))
    return fail (error);
  wx_workflow_count_folders (counts, folders);

  g_print ("\n%s\n", _("Orders per state:"));
  for (guint i = 0; i < n_states; i++)
    {
      g_print ("  %-20s %8" G_GINT64_FORMAT "  %s\n", states[i].code, counts[i], _(states[i].label));
      total += counts[i];
    }
  g_print ("  %-20s %8" G_GINT64_FORMAT "\n", _("total"), total);

  g_print ("\n%s\n", _("Orders per folder:"));
  for (guint f = 0; f < WX_N_FOLDERS; f++)
    g_print ("  %-20s %8" G_GINT64_FORMAT "  %s\n", wx_folder_to_code (f), folders[f], wx_folder_label (f));
  return EXIT_SUCCESS;
}

static char *
read_password_stdin (GError **error)
{
  char buf[1024];
  gsize len;

  if (fgets (buf, sizeof buf, stdin) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("--password-stdin was given but no password came on standard input."));
      return NULL;
    }
  len = strlen (buf);
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
    buf[--len] = '\0';
  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The password is empty."));
      return NULL;
    }
  return g_strdup (buf);
}

static int
cmd_user (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  const char *sub = o->args->len > 0 ? g_ptr_array_index (o->args, 0) : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    {
      WxRole roles = WX_ROLE_NONE;
      g_autofree char *password = NULL;
      const char *user;

      if (o->args->len != 2)
        return usage_error (_("“user add” takes one user name, e.g. weixiu-admin user add zhangsan --role engineer."));
      user = g_ptr_array_index (o->args, 1);
      if (o->roles->len == 0)
        return usage_error (_("Give at least one --role: coordinator, engineer, supervisor or admin."));
      for (guint i = 0; i < o->roles->len; i++)
        {
          WxRole r;
          if (!wx_role_from_name (g_ptr_array_index (o->roles, i), &r))
            {
              g_autofree char *msg = g_strdup_printf (_("Unknown role “%s”: use coordinator, engineer, supervisor or admin."),
                                                      (char *) g_ptr_array_index (o->roles, i));
              return usage_error (msg);
            }
          roles |= r;
        }
      if (o->password_stdin && (password = read_password_stdin (&error)) == NULL)
        return fail (error);
      conn = connect_db (o, &error);
      if (conn == NULL || !wx_db_staff_add (conn, user, o->name, roles, password, &error))
        return fail (error);
      g_print (_("Added %s.\n"), user);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (sub, "list") == 0 && o->args->len == 1)
    {
      g_autoptr(PGresult) res = NULL;

      conn = connect_db (o, &error);
      if (conn == NULL || (res = wx_db_staff_list (conn, &error)) == NULL)
        return fail (error);
      for (int i = 0; i < PQntuples (res); i++)
        g_print ("%-20s %-12s %s%s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1), PQgetvalue (res, i, 2),
                 g_str_equal (PQgetvalue (res, i, 3), "t") ? "" : _(" (inactive)"));
      return EXIT_SUCCESS;
    }
  return usage_error (_("Use “user add NAME --role ROLE” or “user list”."));
}

static int
cmd_demo (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n = o->scale_set ? o->scale : 240;

  if (o->args->len != 0)
    return usage_error (_("“demo” takes no arguments besides --scale N."));
  conn = connect_db (o, &error);
  if (conn == NULL)
    return fail (error);
  if (o->if_empty)
    {
      g_autofree char *any = wx_db_query_value (conn, "SELECT EXISTS (SELECT 1 FROM service_orders)", 0, NULL, &error);
      if (any == NULL)
        return fail (error);
      if (g_str_equal (any, "t"))
        return EXIT_SUCCESS;
    }
  if (!wx_db_demo_load (conn, n, now, &error))
    return fail (error);
  g_print (ngettext ("Added %u demo order.\n", "Added %u demo orders.\n", n), n);
  return EXIT_SUCCESS;
}

static int
cmd_backup_restore (const Options *o, gboolean backup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  const char *file;

  if (o->args->len != 1)
    return usage_error (backup ? _("“backup” takes one file name.") : _("“restore” takes one file name."));
  file = g_ptr_array_index (o->args, 0);
  if (!backup && uses_private_server (o))
    {
      g_autofree char *kept = NULL;

      if (!wx_db_server_restore (file, &kept, &error))
        return fail (error);
      g_print (_("Restored %s; the data it replaced is kept as database %s.\n"), file, kept);
      return EXIT_SUCCESS;
    }
  conninfo = resolve_conninfo (o, &error);
  if (conninfo == NULL)
    return fail (error);
  if (backup ? !wx_db_backup (conninfo, file, &error) : !wx_db_restore (conninfo, file, &error))
    return fail (error);
  g_print (backup ? _("Backup written to %s.\n") : _("Restored %s.\n"), file);
  return EXIT_SUCCESS;
}

static int
cmd_server (const Options *o)
{
  g_autoptr(GError) error = NULL;
  const char *sub = o->args->len == 1 ? g_ptr_array_index (o->args, 0) : "";
  g_autofree char *data_dir = wx_db_server_data_dir ();

  if (g_str_equal (sub, "start"))
    {
      g_autofree char *conninfo = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
      if (conninfo == NULL)
        return fail (error);
      g_print ("%s\n", conninfo);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "stop"))
    {
      if (!wx_db_server_stop (&error))
        return fail (error);
      g_print (_("The private server in %s is stopped.\n"), data_dir);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "status"))
    {
      g_autofree char *conninfo = NULL;
      if (wx_db_server_running (WX_DB_SERVER_AS_USER, &conninfo))
        g_print (_("Running: %s\n"), conninfo);
      else
        g_print (_("Not running (data in %s).\n"), data_dir);
      return EXIT_SUCCESS;
    }
  return usage_error (_("Use “server start”, “server stop” or “server status”."));
}

int
main (int argc, char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  wx_i18n_init ();

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        g_print ("%s", _(usage_text));
        return EXIT_SUCCESS;
      }

  if (!parse_options (argc, argv, &o, &command, &error))
    return usage_error (error->message);
  if (command == NULL)
    return usage_error (_("No command given."));

  if (g_str_equal (command, "init") || g_str_equal (command, "migrate") || g_str_equal (command, "status"))
    {
      if (o.args->len != 0)
        return usage_error (_("This command takes no arguments."));
      return g_str_equal (command, "init") ? cmd_init (&o)
           : g_str_equal (command, "migrate") ? cmd_migrate (&o)
           : cmd_status (&o);
    }
  if (g_str_equal (command, "user"))
    return cmd_user (&o);
  if (g_str_equal (command, "demo"))
    return cmd_demo (&o);
  if (g_str_equal (command, "backup") || g_str_equal (command, "restore"))
    return cmd_backup_restore (&o, g_str_equal (command, "backup"));
  if (g_str_equal (command, "server"))
    return cmd_server (&o);

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”."), command);
    return usage_error (msg);
  }
}

/* wx-admin.c — the command line of weixiu-admin: options per command,
 * connection, failure exits. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-server.h"
#include "db/wx-db-session.h"
#include "wx-admin.h"

static const WxAdminOption db_option = { "--db", TRUE };

static const WxAdminOption *
find_option (const WxAdminCommand *command, const char *name, gsize len)
{
  if (strlen (db_option.name) == len && strncmp (db_option.name, name, len) == 0)
    return &db_option;
  for (const WxAdminOption *opt = command ? command->options : NULL; opt && opt->name; opt++)
    if (strlen (opt->name) == len && strncmp (opt->name, name, len) == 0)
      return opt;
  return NULL;
}

static gboolean
is_option (const char *a)
{
  return a[0] == '-' && a[1] != '\0';
}

/* The command is the first word that is neither an option nor the value of
 * --db (the only option that may come before it). */
static const WxAdminCommand *
find_command (const WxAdminCommand *commands, int argc, char **argv, int *at, GError **error)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        {
          i++;
          continue;
        }
      if (is_option (argv[i]))
        continue;
      for (const WxAdminCommand *c = commands; c->name; c++)
        if (g_str_equal (c->name, argv[i]))
          {
            *at = i;
            return c;
          }
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Unknown command “%s”."), argv[i]);
      return NULL;
    }
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("No command given."));
  return NULL;
}

WxAdmin *
wx_admin_parse (const WxAdminCommand *commands, int argc, char **argv, GError **error)
{
  g_autoptr(WxAdmin) admin = g_new0 (WxAdmin, 1);
  int command_at = -1;

  admin->argv = argv;
  admin->args = g_ptr_array_new_with_free_func (g_free);
  admin->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  admin->command = find_command (commands, argc, argv, &command_at, error);
  if (admin->command == NULL)
    return NULL;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *eq = strchr (a, '=');
      gsize name_len = eq && is_option (a) ? (gsize) (eq - a) : strlen (a);
      const WxAdminOption *opt;
      const char *value = "";
      GPtrArray *values;

      if (i == command_at)
        continue;
      if (!is_option (a))
        {
          g_ptr_array_add (admin->args, g_strdup (a));
          continue;
        }
      opt = find_option (admin->command, a, name_len);
      if (opt == NULL)
        {
          g_autofree char *name = g_strndup (a, name_len);
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                       _("“%s” does not take the option %s."), admin->command->name, name);
          return NULL;
        }
      if (opt->takes_value && eq)
        value = eq + 1;
      else if (opt->takes_value)
        {
          if (i + 1 >= argc)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s needs a value."), opt->name);
              return NULL;
            }
          value = argv[++i];
        }
      else if (eq)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s takes no value."), opt->name);
          return NULL;
        }
      values = g_hash_table_lookup (admin->options, opt->name);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (admin->options, g_strdup (opt->name), values);
        }
      g_ptr_array_add (values, g_strdup (value));
    }
  admin->db = g_strdup (wx_admin_value (admin, "--db"));
  return g_steal_pointer (&admin);
}

void
wx_admin_free (WxAdmin *admin)
{
  if (admin == NULL)
    return;
  g_free (admin->db);
  g_clear_pointer (&admin->args, g_ptr_array_unref);
  g_clear_pointer (&admin->options, g_hash_table_unref);
  g_free (admin);
}

/* The index-th positional argument, or NULL. */
const char *
wx_admin_arg (WxAdmin *admin, guint index)
{
  return index < admin->args->len ? g_ptr_array_index (admin->args, index) : NULL;
}

/* The last value given for an option, or NULL. */
const char *
wx_admin_value (WxAdmin *admin, const char *name)
{
  GPtrArray *values = g_hash_table_lookup (admin->options, name);

  return values ? g_ptr_array_index (values, values->len - 1) : NULL;
}

/* Every value of a repeatable option, in order, or NULL when none. */
GPtrArray *
wx_admin_values (WxAdmin *admin, const char *name)
{
  return g_hash_table_lookup (admin->options, name);
}

gboolean
wx_admin_flag (WxAdmin *admin, const char *name)
{
  return g_hash_table_contains (admin->options, name);
}

/* --db, else libpq's environment, else the private local server, where the
 * administration commands run as the owner of the schema. */
gboolean
wx_admin_uses_private_server (WxAdmin *admin)
{
  return admin->db == NULL && !wx_db_env_configured ();
}

char *
wx_admin_conninfo (WxAdmin *admin, GError **error)
{
  if (admin->db)
    return g_strdup (admin->db);
  if (!wx_admin_uses_private_server (admin))
    return g_strdup ("");
  return wx_db_server_ensure (WX_DB_SERVER_AS_OWNER, NULL, error);
}

PGconn *
wx_admin_connect (WxAdmin *admin, GError **error)
{
  g_autofree char *conninfo = wx_admin_conninfo (admin, error);

  if (conninfo == NULL)
    return NULL;
  return wx_db_connect (conninfo, error);
}

int
wx_admin_fail (const GError *error)
{
  g_printerr ("weixiu-admin: %s\n", error->message);
  return EXIT_FAILURE;
}

int
wx_admin_usage_error (const char *message)
{
  g_printerr ("weixiu-admin: %s\n", message);
  g_printerr (_("Run “weixiu-admin --help” for the commands.\n"));
  return WX_ADMIN_EXIT_USAGE;
}

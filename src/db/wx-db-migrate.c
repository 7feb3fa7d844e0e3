#define G_LOG_DOMAIN "wx-db-migrate"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "wx-db.h"
#include "wx-db-migrate.h"
#include "wx-resources.h"

#define SQL_PATH "/org/weixiu/Weixiu/sql"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The .sql files of a resource folder, sorted by name; migrations only
 * (NNN_name.sql) when `numbered`. */
static GPtrArray *
list_sql (const char *folder,
          gboolean    numbered)
{
  g_auto(GStrv) names = g_resource_enumerate_children (wx_resources_get_resource (), folder,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names && names[i]; i++)
    if ((!numbered || g_ascii_isdigit (names[i][0])) && g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (files, g_strdup (names[i]));
  g_ptr_array_sort (files, compare_names);
  return files;
}

/* Migration files are NNN_name.sql; returns them sorted by number. */
static GPtrArray *
list_migrations (void)
{
  return list_sql (SQL_PATH, TRUE);
}

static char *
load_sql (const char  *file,
          GError     **error)
{
  g_autofree char *path = g_build_path ("/", SQL_PATH, file, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (wx_resources_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The function files (data/sql/functions/), re-created after the numbered
 * migrations by every migrate: a function's current text is in one place. */
static gboolean
apply_functions (PGconn  *conn,
                 GError **error)
{
  g_autoptr(GPtrArray) files = list_sql (SQL_PATH "/functions/", FALSE);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *file = g_strconcat ("functions/", g_ptr_array_index (files, i), NULL);
      g_autofree char *script = load_sql (file, error);

      if (script == NULL)
        return FALSE;
      if (!wx_db_execute_script (conn, script, error))
        {
          g_prefix_error (error, _("The database functions of %s could not be installed: "), file);
          return FALSE;
        }
    }
  return TRUE;
}


/* The cluster-wide group roles; idempotent. */
gboolean
wx_db_ensure_roles (PGconn  *conn,
                    GError **error)
{
  g_autofree char *script = load_sql ("roles.sql", error);

  return script != NULL && wx_db_execute_script (conn, script, error);
}

int
wx_db_migrations_latest (void)
{
  g_autoptr(GPtrArray) files = list_migrations ();

  return files->len ? atoi (g_ptr_array_index (files, files->len - 1)) : 0;
}

/* The sentence for a database upgraded by a newer Weixiu. */
void
wx_db_schema_newer_error (int      version,
                          GError **error)
{
  g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_NEWER,
               _("This database was upgraded by a newer Weixiu (schema %d); install the same version on this PC."),
               version);
}

int
wx_db_schema_version (PGconn  *conn,
                      GError **error)
{
  g_autofree char *exists = wx_db_query_value (conn, "SELECT to_regclass('public.schema_version') IS NOT NULL",
                                               0, NULL, error);
  g_autofree char *v = NULL;

  if (exists == NULL)
    return -1;
  if (!g_str_equal (exists, "t"))
    return 0;
  v = wx_db_query_value (conn, "SELECT coalesce(max(version), 0) FROM schema_version", 0, NULL, error);
  return v ? atoi (v) : -1;
}

/* Applies every migration newer than the database, in order, then the
 * function files, in one transaction under an advisory lock, so two clients
 * starting at once do not both migrate. Running it again changes nothing.
 * A database whose schema is newer than this program knows is refused. */
gboolean
wx_db_migrate (PGconn   *conn,
               int      *n_applied,
               GError  **error)
{
  g_autoptr(GPtrArray) files = list_migrations ();
  int current;
  int applied = 0;

  if (!wx_db_begin (conn, error))
    return FALSE;
  if (!wx_db_execute (conn, "SELECT pg_advisory_xact_lock(hashtext('weixiu-migrate'))", 0, NULL, error) ||
      !wx_db_ensure_roles (conn, error) ||
      !wx_db_execute (conn,
                      "CREATE TABLE IF NOT EXISTS schema_version ("
                      " version integer PRIMARY KEY,"
                      " name text NOT NULL,"
                      " applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL, error))
    goto fail;
  current = wx_db_schema_version (conn, error);
  if (current < 0)
    goto fail;
  if (current > wx_db_migrations_latest ())
    {
      wx_db_schema_newer_error (current, error);
      goto fail;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      int number = atoi (file);
      g_autofree char *script = NULL;
      g_autofree char *number_text = g_strdup_printf ("%d", number);
      const char *params[2] = { number_text, file };

      if (number <= current)
        continue;
      script = load_sql (file, error);
      if (script == NULL)
        goto fail;
      g_debug ("applying migration %s", file);
      if (!wx_db_execute_script (conn, script, error))
        {
          g_prefix_error (error, _("Migration %s failed: "), file);
          goto fail;
        }
      if (!wx_db_execute (conn, "INSERT INTO schema_version (version, name) VALUES ($1, $2)",
                          2, params, error))
        goto fail;
      applied++;
    }
  if (!apply_functions (conn, error))
    goto fail;

  if (!wx_db_commit (conn, error))
    goto fail;
  if (n_applied)
    *n_applied = applied;
  return TRUE;

fail:
  wx_db_rollback (conn);
  return FALSE;
}

/* init: creates the roles and the schema in an empty database. */
gboolean
wx_db_init (PGconn  *conn,
            GError **error)
{
  int version = wx_db_schema_version (conn, error);

  if (version < 0)
    return FALSE;
  if (version > 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                   _("This database is already initialised (schema version %d); use “migrate” to update it."),
                   version);
      return FALSE;
    }
  return wx_db_migrate (conn, NULL, error);
}

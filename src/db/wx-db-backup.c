#define G_LOG_DOMAIN "wx-db-backup"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/wx-rotation.h"
#include "wx-db.h"
#include "wx-db-backup.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"

/* pg_dump's environment: each setting of the connection string as its PG*
 * variable, the password (if any) in a pgpass file of our own, 0600 in a
 * private folder, so that nothing secret is on a command line that
 * /proc/PID/cmdline shows to every user. */
static GStrv
dump_environment (const char  *conninfo,
                  char       **pass_dir,
                  GError     **error)
{
  char *err = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &err);
  GStrv env = g_get_environ ();

  if (options == NULL)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("The connection string is not valid."));
      PQfreemem (err);
      g_strfreev (env);
      return NULL;
    }
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL || o->envvar == NULL)
        continue;
      if (g_str_equal (o->keyword, "password"))
        {
          g_autoptr(GString) line = g_string_new ("*:*:*:*:");
          g_autofree char *file = NULL;

          for (const char *c = o->val; *c; c++)
            {
              if (*c == ':' || *c == '\\')
                g_string_append_c (line, '\\');
              g_string_append_c (line, *c);
            }
          g_string_append_c (line, '\n');
          *pass_dir = g_dir_make_tmp ("weixiu-backup-XXXXXX", error);
          if (*pass_dir == NULL)
            break;
          file = g_build_filename (*pass_dir, "pgpass", NULL);
          if (!g_file_set_contents_full (file, line->str, (gssize) line->len,
                                         G_FILE_SET_CONTENTS_NONE, 0600, error))
            break;
          env = g_environ_setenv (env, "PGPASSFILE", file, TRUE);
          env = g_environ_unsetenv (env, "PGPASSWORD");
          continue;
        }
      env = g_environ_setenv (env, o->envvar, o->val, TRUE);
    }
  PQconninfoFree (options);
  if (error && *error)
    {
      g_strfreev (env);
      return NULL;
    }
  return env;
}

static void
remove_pass_dir (const char *dir)
{
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  file = g_build_filename (dir, "pgpass", NULL);
  g_unlink (file);
  g_rmdir (dir);
}

/* Writes to FILE.partial and renames, so a failed backup leaves no file.
 * The file is created 0600 before pg_dump opens it (it holds customers'
 * names and phones), and the connection goes through the environment. */
gboolean
wx_db_backup (const char  *conninfo,
              const char  *file_arg,
              GError     **error)
{
  g_autofree char *file = g_canonicalize_filename (file_arg, NULL);
  g_autofree char *partial = g_strconcat (file, ".partial", NULL);
  g_autofree char *out = g_strconcat ("--file=", partial, NULL);
  g_autofree char *pass_dir = NULL;
  g_auto(GStrv) env = NULL;
  const char *args[] = { "--format=custom", "--no-password", out, NULL };
  g_autoptr(PGconn) probe = wx_db_connect (conninfo, error);
  gboolean ok;
  int fd;

  if (probe == NULL)
    return FALSE;
  g_unlink (partial);
  fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot write the backup to %s: %s"), file, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  env = dump_environment (conninfo, &pass_dir, error);
  ok = env != NULL && wx_db_run_pg_tool_env ("pg_dump", args, (const char * const *) env, FALSE, error);
  remove_pass_dir (pass_dir);
  if (!ok)
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, file) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot write the backup to %s: %s"), file, g_strerror (errno));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}

/* weixiu-YYYY-MM-DD.dump: the date, or FALSE for another file. */
static gboolean
nightly_date (const char *name, GDate *date)
{
  unsigned y, m, d;
  char tail[8];

  if (strlen (name) != strlen ("weixiu-2026-01-01.dump") ||
      sscanf (name, "weixiu-%4u-%2u-%2u.%5s", &y, &m, &d, tail) != 4 || !g_str_equal (tail, "dump") ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
wx_db_backup_nightly (const char  *conninfo,
                      const char  *dir,
                      const GDate *today,
                      gboolean    *made,
                      guint       *removed,
                      GError     **error)
{
  g_autofree char *name = g_strdup_printf ("weixiu-%04u-%02u-%02u.dump", g_date_get_year (today),
                                           g_date_get_month (today), g_date_get_day (today));
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);
  g_autoptr(GDir) listing = NULL;
  g_autofree gboolean *keep = NULL;
  const char *entry;

  *made = FALSE;
  *removed = 0;
  /* The folder is the owner's alone, even one made before. */
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create the backup folder %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    {
      if (!wx_db_backup (conninfo, file, error))
        return FALSE;
      *made = TRUE;
    }
  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (listing)))
    {
      GDate *date = g_date_new ();

      if (!nightly_date (entry, date))
        {
          g_date_free (date);
          continue;
        }
      g_ptr_array_add (names, g_strdup (entry));
      g_ptr_array_add (dates, date);
    }
  keep = wx_rotation_keep ((const GDate * const *) dates->pdata, dates->len);
  for (guint i = 0; i < names->len; i++)
    if (!keep[i])
      {
        g_autofree char *old = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

        if (g_unlink (old) == 0)
          (*removed)++;
      }
  return TRUE;
}

/* Restores into an empty database, in one transaction. */
gboolean
wx_db_restore (const char  *conninfo,
               const char  *file_arg,
               GError     **error)
{
  g_autofree char *file = g_canonicalize_filename (file_arg, NULL);
  g_autofree char *dbname = g_strconcat ("--dbname=", conninfo, NULL);
  const char *args[] = { "--single-transaction", "--exit-on-error", "--no-owner", "--no-password",
                         dbname, file, NULL };
  g_autoptr(PGconn) conn = NULL;
  int version;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The backup file %s does not exist."), file);
      return FALSE;
    }
  conn = wx_db_connect (conninfo, error);
  if (conn == NULL)
    return FALSE;
  version = wx_db_schema_version (conn, error);
  if (version < 0)
    return FALSE;
  if (version > 0)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                           _("The target database is not empty; restore into a new, empty database."));
      return FALSE;
    }
  /* The group roles belong to the cluster: create them if this is another one. */
  if (!wx_db_ensure_roles (conn, error))
    return FALSE;
  return wx_db_run_pg_tool ("pg_restore", args, FALSE, error);
}

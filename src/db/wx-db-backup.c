#define G_LOG_DOMAIN "wx-db-backup"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wx-db.h"
#include "wx-db-backup.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"

/* Writes to FILE.partial and renames, so a failed backup leaves no file. */
gboolean
wx_db_backup (const char  *conninfo,
              const char  *file_arg,
              GError     **error)
{
  g_autofree char *file = g_canonicalize_filename (file_arg, NULL);
  g_autofree char *partial = g_strconcat (file, ".partial", NULL);
  g_autofree char *dbname = g_strconcat ("--dbname=", conninfo, NULL);
  g_autofree char *out = g_strconcat ("--file=", partial, NULL);
  const char *args[] = { "--format=custom", "--no-password", dbname, out, NULL };
  g_autoptr(PGconn) probe = wx_db_connect (conninfo, error);

  if (probe == NULL)
    return FALSE;
  if (!wx_db_run_pg_tool ("pg_dump", args, FALSE, error))
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

#define G_LOG_DOMAIN "wx-db-server"

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "wx-db.h"
#include "wx-db-backup.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"
#include "wx-db-staff.h"

#define SERVER_DB "weixiu"
#define SERVER_PORT "5432"
/* The cluster's superuser: it owns the schema and runs the migrations. */
#define SERVER_OWNER "weixiu_owner"

char *
wx_db_server_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "weixiu", "db", NULL);
}

char *
wx_db_server_socket_dir (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (runtime && *runtime && g_file_test (runtime, G_FILE_TEST_IS_DIR) && access (runtime, W_OK) == 0)
    return g_build_filename (runtime, "weixiu", NULL);
  return g_strdup_printf ("%s/weixiu-%u", g_get_tmp_dir (), (guint) geteuid ());
}

gboolean
wx_db_server_is_private (const char *conninfo)
{
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  PQconninfoOption *options = conninfo ? PQconninfoParse (conninfo, NULL) : NULL;
  gboolean same = FALSE;

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "host"))
      same = g_strcmp0 (o->val, socket_dir) == 0;
  PQconninfoFree (options);
  return same;
}

char *
wx_db_pg_program (const char *name)
{
  const char *env = g_getenv ("WX_PG_BINDIR");
  g_autofree char *path = NULL;

  if (env && *env)
    path = g_build_filename (env, name, NULL);
  else if (*WX_PG_BINDIR)
    path = g_build_filename (WX_PG_BINDIR, name, NULL);
  if (path && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&path);
  return g_find_program_in_path (name);
}

/* Root (as in a container): initdb and postgres refuse to run as root, so the
 * server runs as the postgres system user. */
static struct passwd *
server_user (void)
{
  return geteuid () == 0 ? getpwnam ("postgres") : NULL;
}

/* Runs one of PostgreSQL's programs; as the server's user when `as_server`. */
gboolean
wx_db_run_pg_tool (const char         *tool,
                   const char * const *args,
                   gboolean            as_server,
                   GError            **error)
{
  return wx_db_run_pg_tool_env (tool, args, NULL, as_server, error);
}

gboolean
wx_db_run_pg_tool_env (const char         *tool,
                       const char * const *args,
                       const char * const *envp,
                       gboolean            as_server,
                       GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *program = wx_db_pg_program (tool);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT,
                   _("PostgreSQL's %s was not found; install the postgresql package."), tool);
      return FALSE;
    }
  if (as_server && server_user ())
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_steal_pointer (&program));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  /* The server's user may not be allowed into our working directory. */
  if (!g_spawn_sync (as_server ? "/" : NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *log_dir = g_build_filename (g_get_user_cache_dir (), "weixiu", NULL);
      g_autofree char *log_path = g_build_filename (log_dir, "postgresql-tools.log", NULL);
      g_autofree char *entry = g_strdup_printf ("== %s\n%s%s\n", tool, out ? out : "", err ? err : "");
      g_autoptr(GFile) log_file = g_file_new_for_path (log_path);
      g_autoptr(GFileOutputStream) stream = NULL;

      /* The tool's own words go to a log for whoever fixes it; the user gets a sentence. */
      g_debug ("%s failed: %s%s", tool, out ? out : "", err ? err : "");
      g_mkdir_with_parents (log_dir, 0700);
      stream = g_file_append_to (log_file, G_FILE_CREATE_PRIVATE, NULL, NULL);
      if (stream)
        g_output_stream_write_all (G_OUTPUT_STREAM (stream), entry, strlen (entry), NULL, NULL, NULL);
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("PostgreSQL's %s did not succeed; its messages are in %s."), tool, log_path);
      return FALSE;
    }
  return TRUE;
}

/* The postgres user must be able to reach the data and socket directories:
 * give search (not read) permission on the ancestors that deny it. */
static void
make_traversable (const char *dir)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  struct stat st;

  if (g_str_equal (parent, dir))
    return;
  make_traversable (parent);
  if (g_stat (parent, &st) == 0 && !(st.st_mode & S_IXOTH))
    {
      g_message ("letting the postgres user through %s (mode o+x)", parent);
      if (g_chmod (parent, (st.st_mode & 07777) | S_IXOTH) != 0)
        g_warning ("cannot chmod %s: %s", parent, g_strerror (errno));
    }
}

/* Creates `dir` (mode 0700, the server's) and makes sure it is really
 * private: a directory, not a link, owned by the server's user, closed to
 * others. A predictable /tmp name could otherwise be someone else's. */
static gboolean
make_private_dir (const char  *dir,
                  GError     **error)
{
  struct passwd *pw = server_user ();
  uid_t owner = pw ? pw->pw_uid : geteuid ();
  struct stat st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  if (pw)
    {
      make_traversable (dir);
      if (lstat (dir, &st) == 0 && S_ISDIR (st.st_mode) && st.st_uid == geteuid () &&
          chown (dir, pw->pw_uid, pw->pw_gid) != 0)
        g_debug ("cannot give %s to postgres: %s", dir, g_strerror (errno));
    }
  if (lstat (dir, &st) == 0 && S_ISDIR (st.st_mode) && st.st_uid == owner)
    g_chmod (dir, 0700);
  if (lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != owner || (st.st_mode & 077) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("%s is not a private folder of yours (another user owns it or can open it); remove it and try again."),
                   dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_server_file (const char  *path,
                   const char  *contents,
                   GError     **error)
{
  struct passwd *pw = server_user ();

  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  if (pw && chown (path, pw->pw_uid, pw->pw_gid) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot give %s to the postgres user: %s"), path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Escapes a value for a single-quoted postgresql.conf string. */
static char *
conf_quote (const char *value)
{
  GString *s = g_string_new ("'");

  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, *p);
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
  return g_string_free (s, FALSE);
}

static char *
server_conninfo (const char      *socket_dir,
                 const char      *port,
                 const char      *dbname,
                 WxDbServerLogin  login)
{
  g_autofree char *base = g_strdup_printf ("port=%s", port);
  g_autofree char *a = wx_db_conninfo_with (base, "host", socket_dir);
  g_autofree char *b = wx_db_conninfo_with (a, "dbname", dbname);

  return wx_db_conninfo_with (b, "user", login == WX_DB_SERVER_AS_OWNER ? SERVER_OWNER : g_get_user_name ());
}

/* postmaster.pid: line 1 the pid, line 4 the port, line 5 the socket directory. */
static gboolean
read_pid_file (const char  *data_dir,
               GPid        *pid,
               char       **socket_dir,
               char       **port)
{
  g_autofree char *path = g_build_filename (data_dir, "postmaster.pid", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (pid)
    *pid = (GPid) g_ascii_strtoll (lines[0], NULL, 10);
  if (g_strv_length (lines) < 5 || *lines[4] == '\0')
    return FALSE;
  *port = g_strdup (g_strstrip (lines[3]));
  *socket_dir = g_strdup (g_strstrip (lines[4]));
  return TRUE;
}

gboolean
wx_db_server_running (WxDbServerLogin   login,
                      char            **conninfo)
{
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *socket_dir = NULL;
  g_autofree char *port = NULL;
  g_autofree char *ci = NULL;

  if (!read_pid_file (data_dir, NULL, &socket_dir, &port))
    return FALSE;
  ci = server_conninfo (socket_dir, port, "postgres", WX_DB_SERVER_AS_OWNER);
  if (PQping (ci) != PQPING_OK)
    return FALSE;
  if (conninfo)
    *conninfo = server_conninfo (socket_dir, port, SERVER_DB, login);
  return TRUE;
}

static gboolean
stop_cluster (const char  *data_dir,
              GError     **error)
{
  const char *args[] = { "-D", data_dir, "-m", "fast", "-w", "-s", "stop", NULL };

  return wx_db_run_pg_tool ("pg_ctl", args, TRUE, error);
}

/* The server is not answering but left a postmaster.pid: either it still runs
 * and lost its socket (the runtime directory was removed at logout), so stop
 * it; or it died and the pid now means nothing (or another process), so
 * remove the file. Otherwise pg_ctl would refuse to start. */
static gboolean
clear_stale_server (const char  *data_dir,
                    GError     **error)
{
  g_autofree char *pid_path = g_build_filename (data_dir, "postmaster.pid", NULL);
  g_autofree char *socket_dir = NULL;
  g_autofree char *port = NULL;
  g_autofree char *proc_cwd = NULL;
  g_autofree char *cwd = NULL;
  g_autofree char *real_data_dir = NULL;
  GPid pid = 0;

  if (!g_file_test (pid_path, G_FILE_TEST_EXISTS))
    return TRUE;
  read_pid_file (data_dir, &pid, &socket_dir, &port);
  proc_cwd = g_strdup_printf ("/proc/%d/cwd", (int) pid);
  cwd = pid > 0 ? g_file_read_link (proc_cwd, NULL) : NULL;
  real_data_dir = realpath (data_dir, NULL);

  if (cwd && real_data_dir && g_str_equal (cwd, real_data_dir))
    {
      g_message ("the private database server (pid %d) lost its socket; restarting it", (int) pid);
      return stop_cluster (data_dir, error);
    }
  g_message ("removing the stale %s of a server that is gone", pid_path);
  if (g_unlink (pid_path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot remove the stale %s: %s"), pid_path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
init_cluster (const char  *data_dir,
              GError     **error)
{
  g_autofree char *conf_path = g_build_filename (data_dir, "postgresql.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *with_include = NULL;
  /* Trust on a socket only this user can reach. The superuser is the
   * migrations owner; the user gets an ordinary login (prepare_database). */
  const char *args[] = {
    "-D", data_dir, "-U", SERVER_OWNER, "--auth=trust", "--encoding=UTF8",
    "--locale=C.UTF-8", "--no-instructions",
    g_getenv ("WX_DB_SERVER_NOSYNC") ? "--no-sync" : NULL,
    NULL
  };

  g_message ("creating the private database in %s", data_dir);
  if (!wx_db_run_pg_tool ("initdb", args, TRUE, error))
    return FALSE;
  if (!g_file_get_contents (conf_path, &conf, NULL, error))
    return FALSE;
  with_include = g_strconcat (conf, "\n# Weixiu: socket directory and options, rewritten at each start\n"
                              "include_if_exists = 'weixiu.conf'\n", NULL);
  return write_server_file (conf_path, with_include, error);
}

static gboolean
start_cluster (const char  *data_dir,
               const char  *socket_dir,
               GError     **error)
{
  g_autofree char *conf_path = g_build_filename (data_dir, "weixiu.conf", NULL);
  g_autofree char *log_path = g_build_filename (data_dir, "weixiu-server.log", NULL);
  g_autofree char *quoted = conf_quote (socket_dir);
  g_autofree char *conf = g_strdup_printf (
      "listen_addresses = ''\n"
      "port = " SERVER_PORT "\n"
      "unix_socket_directories = %s\n"
      "unix_socket_permissions = 0700\n"
      "max_connections = 60\n"
      "%s",
      quoted,
      g_getenv ("WX_DB_SERVER_NOSYNC") ? "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" : "");
  const char *args[] = { "-D", data_dir, "-l", log_path, "-w", "-t", "60", "-s", "start", NULL };

  if (!make_private_dir (socket_dir, error) || !write_server_file (conf_path, conf, error))
    return FALSE;
  return wx_db_run_pg_tool ("pg_ctl", args, TRUE, error);
}

/* As the owner: the shop's database, migrated, and a login for the current
 * user in every group (on a private server one person does every job). */
static gboolean
prepare_database (const char  *socket_dir,
                  const char  *port,
                  GError     **error)
{
  g_autofree char *admin_ci = server_conninfo (socket_dir, port, "postgres", WX_DB_SERVER_AS_OWNER);
  g_autofree char *app_ci = server_conninfo (socket_dir, port, SERVER_DB, WX_DB_SERVER_AS_OWNER);
  g_autoptr(PGconn) admin = wx_db_connect (admin_ci, error);
  g_autoptr(PGconn) app = NULL;
  g_autofree char *exists = NULL;
  const char *params[1] = { SERVER_DB };
  const char *real = g_get_real_name ();

  if (admin == NULL)
    return FALSE;
  exists = wx_db_query_value (admin, "SELECT 1 FROM pg_database WHERE datname = $1", 1, params, error);
  if (exists == NULL)
    {
      if (error && *error)
        return FALSE;
      /* A constant identifier: CREATE DATABASE cannot take parameters. */
      if (!wx_db_execute (admin, "CREATE DATABASE weixiu", 0, NULL, error))
        return FALSE;
    }

  app = wx_db_connect (app_ci, error);
  return app != NULL
    && wx_db_migrate (app, NULL, error)
    && wx_db_staff_ensure (app, g_get_user_name (),
                           real && *real && !g_str_equal (real, "Unknown") ? real : g_get_user_name (),
                           WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER | WX_ROLE_SUPERVISOR | WX_ROLE_ADMIN,
                           error);
}

/* Starts (or reuses) the private server, creating and migrating it on first
 * use, and returns a connection string for `login`: the current user (the
 * app) or the owner (weixiu-admin's init, migrate, demo, backup…). */
char *
wx_db_server_ensure (WxDbServerLogin   login,
                     gboolean         *created,
                     GError          **error)
{
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *socket_dir = wx_db_server_socket_dir ();
  g_autofree char *parent = g_path_get_dirname (data_dir);
  g_autofree char *lock_path = g_build_filename (parent, "server.lock", NULL);
  g_autofree char *version_path = g_build_filename (data_dir, "PG_VERSION", NULL);
  g_autofree char *running_socket = NULL;
  g_autofree char *port = NULL;
  char *conninfo = NULL;
  int lock_fd;
  gboolean fresh = FALSE;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create %s: %s"), parent, g_strerror (errno));
      return NULL;
    }
  /* Two clients starting at once: one creates and starts, the other waits. */
  lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || flock (lock_fd, LOCK_EX) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot lock %s: %s"), lock_path, g_strerror (errno));
      if (lock_fd >= 0)
        close (lock_fd);
      return NULL;
    }

  if (!g_file_test (version_path, G_FILE_TEST_EXISTS))
    {
      if (!make_private_dir (data_dir, error) || !init_cluster (data_dir, error))
        goto out;
      fresh = TRUE;
    }

  if (!wx_db_server_running (login, NULL))
    {
      g_message ("starting the private database server");
      if (!clear_stale_server (data_dir, error) || !start_cluster (data_dir, socket_dir, error))
        goto out;
    }
  if (!read_pid_file (data_dir, NULL, &running_socket, &port))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The private database server started but did not say where it listens; see %s/weixiu-server.log."),
                   data_dir);
      goto out;
    }
  if (!prepare_database (running_socket, port, error))
    goto out;

  conninfo = server_conninfo (running_socket, port, SERVER_DB, login);
  if (created)
    *created = fresh;

out:
  flock (lock_fd, LOCK_UN);
  close (lock_fd);
  return conninfo;
}

gboolean
wx_db_server_stop (GError **error)
{
  g_autofree char *data_dir = wx_db_server_data_dir ();

  if (!wx_db_server_running (WX_DB_SERVER_AS_OWNER, NULL))
    return TRUE;
  return stop_cluster (data_dir, error);
}

/* Restores FILE as the private server's database: into a new database first,
 * so a bad file changes nothing; then the current one is renamed aside (its
 * name returned in `kept_as`) and the restored one takes its place. */
gboolean
wx_db_server_restore (const char  *file,
                      char       **kept_as,
                      GError     **error)
{
  g_autofree char *owner_ci = wx_db_server_ensure (WX_DB_SERVER_AS_OWNER, NULL, error);
  g_autofree char *admin_ci = NULL;
  g_autofree char *target_ci = NULL;
  g_autofree char *socket_dir = NULL;
  g_autofree char *port = NULL;
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *kept = g_date_time_format (now, SERVER_DB "_before_restore_%Y%m%d_%H%M%S");
  g_autofree char *kept_sql = NULL;
  g_autofree char *rename_sql = NULL;
  const char *params[1] = { SERVER_DB };

  if (owner_ci == NULL)
    return FALSE;
  admin_ci = wx_db_conninfo_with (owner_ci, "dbname", "postgres");
  target_ci = wx_db_conninfo_with (owner_ci, "dbname", SERVER_DB "_restore");
  admin = wx_db_connect (admin_ci, error);
  if (admin == NULL ||
      !wx_db_execute (admin, "DROP DATABASE IF EXISTS weixiu_restore", 0, NULL, error) ||
      !wx_db_execute (admin, "CREATE DATABASE weixiu_restore", 0, NULL, error))
    return FALSE;
  if (!wx_db_restore (target_ci, file, error))
    {
      wx_db_execute (admin, "DROP DATABASE IF EXISTS weixiu_restore", 0, NULL, NULL);
      return FALSE;
    }

  /* Identifiers cannot be parameters: the kept name is made here, escaped. */
  kept_sql = PQescapeIdentifier (admin, kept, strlen (kept));
  rename_sql = g_strconcat ("ALTER DATABASE weixiu RENAME TO ", kept_sql, NULL);
  PQfreemem (g_steal_pointer (&kept_sql));
  if (!wx_db_execute (admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                             " WHERE datname = $1 AND pid <> pg_backend_pid()", 1, params, error) ||
      !wx_db_execute (admin, rename_sql, 0, NULL, error) ||
      !wx_db_execute (admin, "ALTER DATABASE weixiu_restore RENAME TO weixiu", 0, NULL, error))
    return FALSE;

  /* A backup of an older version: bring it up to date, and let this user in. */
  if (!read_pid_file (data_dir, NULL, &socket_dir, &port) || !prepare_database (socket_dir, port, error))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE,
                             _("The private database server stopped during the restore."));
      return FALSE;
    }
  if (kept_as)
    *kept_as = g_steal_pointer (&kept);
  return TRUE;
}

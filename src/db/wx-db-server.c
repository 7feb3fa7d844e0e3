#define G_LOG_DOMAIN "wx-db-server"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wx-db.h"
#include "wx-db-migrate.h"
#include "wx-db-server.h"
#include "wx-db-staff.h"

#define SERVER_DB "weixiu"
#define SERVER_PORT "5432"

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

  if (!g_spawn_sync ("/", (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_debug ("%s failed: %s%s", tool, out ? out : "", err ? err : "");
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   _("PostgreSQL's %s failed: %s"),
                   tool, err && *err ? g_strstrip (err) : _("see the server log"));
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

static gboolean
make_private_dir (const char  *dir,
                  GError     **error)
{
  struct passwd *pw = server_user ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  g_chmod (dir, 0700);
  if (pw)
    {
      make_traversable (dir);
      if (chown (dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("Cannot give %s to the postgres user: %s"), dir, g_strerror (errno));
          return FALSE;
        }
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
superuser_conninfo (const char *socket_dir,
                    const char *port,
                    const char *dbname)
{
  g_autofree char *base = g_strdup_printf ("port=%s", port);
  g_autofree char *a = wx_db_conninfo_with (base, "host", socket_dir);
  g_autofree char *b = wx_db_conninfo_with (a, "dbname", dbname);

  return wx_db_conninfo_with (b, "user", g_get_user_name ());
}

/* A running server's socket directory and port, from postmaster.pid. */
static gboolean
read_pid_file (const char  *data_dir,
               char       **socket_dir,
               char       **port)
{
  g_autofree char *path = g_build_filename (data_dir, "postmaster.pid", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) < 5 || *lines[4] == '\0')
    return FALSE;
  *port = g_strdup (g_strstrip (lines[3]));
  *socket_dir = g_strdup (g_strstrip (lines[4]));
  return TRUE;
}

gboolean
wx_db_server_running (char **conninfo)
{
  g_autofree char *data_dir = wx_db_server_data_dir ();
  g_autofree char *socket_dir = NULL;
  g_autofree char *port = NULL;
  g_autofree char *ci = NULL;

  if (!read_pid_file (data_dir, &socket_dir, &port))
    return FALSE;
  ci = superuser_conninfo (socket_dir, port, "postgres");
  if (PQping (ci) != PQPING_OK)
    return FALSE;
  if (conninfo)
    *conninfo = superuser_conninfo (socket_dir, port, SERVER_DB);
  return TRUE;
}

static gboolean
init_cluster (const char  *data_dir,
              GError     **error)
{
  g_autofree char *conf_path = g_build_filename (data_dir, "postgresql.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *with_include = NULL;
  const char *args[] = {
    "-D", data_dir, "-U", g_get_user_name (), "--auth=trust", "--encoding=UTF8",
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

static gboolean
prepare_database (const char  *socket_dir,
                  const char  *port,
                  GError     **error)
{
  g_autofree char *admin_ci = superuser_conninfo (socket_dir, port, "postgres");
  g_autofree char *app_ci = superuser_conninfo (socket_dir, port, SERVER_DB);
  g_autoptr(PGconn) admin = wx_db_connect (admin_ci, error);
  g_autoptr(PGconn) app = NULL;
  g_autofree char *exists = NULL;
  const char *params[1] = { SERVER_DB };
  const char *user = g_get_user_name ();
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
  if (app == NULL || !wx_db_migrate (app, NULL, error))
    return FALSE;
  /* The current user is the cluster's superuser (initdb -U); make it the
   * shop's admin too, with a staff entry for its name. */
  return wx_db_staff_adopt (app, user, real && *real && !g_str_equal (real, "Unknown") ? real : user,
                            "wx_admin", error);
}

/* Starts (or reuses) the private server, creating and migrating it on first
 * use, and returns a connection string for the current user. */
char *
wx_db_server_ensure (gboolean  *created,
                     GError   **error)
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

  if (!wx_db_server_running (NULL))
    {
      g_message ("starting the private database server");
      if (!start_cluster (data_dir, socket_dir, error))
        goto out;
    }
  if (!read_pid_file (data_dir, &running_socket, &port))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The private database server started but did not say where it listens; see %s/weixiu-server.log."),
                   data_dir);
      goto out;
    }
  if (!prepare_database (running_socket, port, error))
    goto out;

  conninfo = superuser_conninfo (running_socket, port, SERVER_DB);
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
  const char *args[] = { "-D", data_dir, "-m", "fast", "-w", "-s", "stop", NULL };

  if (!wx_db_server_running (NULL))
    return TRUE;
  return wx_db_run_pg_tool ("pg_ctl", args, TRUE, error);
}

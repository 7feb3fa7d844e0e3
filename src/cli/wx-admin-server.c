/* wx-admin-server.c — `weixiu-admin server setup`: prepares a PostgreSQL
 * cluster (Debian's postgresql-15, or any cluster a superuser reaches) to
 * be the shop's server, and can be run again (it changes only what is not
 * yet so):
 *   - the shop's CA (10 years) and the server's certificate with the names
 *     the PCs use, made with openssl, or the ones given;
 *   - TLS on, listening on the LAN (ALTER SYSTEM), SCRAM passwords;
 *   - a block of pg_hba.conf lines: hostssl … scram-sha-256 for the shop's
 *     networks and hostnossl … reject, between two marker comments;
 *   - the database, migrated to this version;
 * and prints the one file each PC needs and the command for the first
 * admin. As root it prepares the certificates' folder, runs the rest as
 * the cluster's user (postgres) and restarts the cluster when the listen
 * addresses changed. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "db/wx-db.h"
#include "db/wx-db-migrate.h"
#include "wx-admin.h"

#define HBA_BEGIN "# weixiu-admin server setup: begin (this block is rewritten by the next setup)"
#define HBA_END   "# weixiu-admin server setup: end"
/* The child's exit status when it is done and the cluster must restart. */
#define EXIT_RESTART 10
/* The role a standby streams the primary's changes as. */
#define REPLICATION_ROLE "weixiu_replication"

typedef struct {
  const char *cert_dir;
  const char *database;
  const char *listen;
  GPtrArray  *names;     /* char*: DNS names (or addresses) of the server */
  GPtrArray  *networks;  /* char*: pg_hba addresses */
} Setup;

static gboolean
run_openssl (GError **error, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) "openssl");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  p = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                         G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (p == NULL || !g_subprocess_communicate_utf8 (p, NULL, NULL, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (p))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("openssl %s failed: %s"),
                   (const char *) argv->pdata[1], err ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_file (const char *from, const char *to, int mode, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (from, &data, &len, error))
    return FALSE;
  if (!g_file_set_contents_full (to, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, mode, error))
    return FALSE;
  return g_chmod (to, mode) == 0;
}

/* The names in the server certificate's subjectAltName ("DNS:a, IP
 * Address:1.2.3.4"), or NULL without a certificate. */
static char *
certificate_names (const char *crt)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "openssl", "x509", "-in", crt, "-noout", "-ext", "subjectAltName", NULL };

  if (!g_file_test (crt, G_FILE_TEST_EXISTS) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
is_address (const char *name)
{
  return g_hostname_is_ip_address (name);
}

static char *
san_line (GPtrArray *names)
{
  g_autoptr(GString) san = g_string_new ("subjectAltName=");

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_string_append_printf (san, "%s%s:%s", i ? "," : "", is_address (n) ? "IP" : "DNS", n);
    }
  return g_string_free (g_steal_pointer (&san), FALSE);
}

/* The shop's CA and the server's certificate in `dir`: given ones are
 * copied in, existing ones kept (the server's re-made when it lacks one of
 * the names), missing ones made. */
static gboolean
setup_certificates (WxAdmin *o, Setup *s, GError **error)
{
  g_autofree char *ca_crt = g_build_filename (s->cert_dir, "shop-ca.crt", NULL);
  g_autofree char *ca_key = g_build_filename (s->cert_dir, "shop-ca.key", NULL);
  g_autofree char *crt = g_build_filename (s->cert_dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (s->cert_dir, "server.key", NULL);
  const char *given_ca = wx_admin_value (o, "--ca-cert");
  const char *given_ca_key = wx_admin_value (o, "--ca-key");
  const char *given_crt = wx_admin_value (o, "--server-cert");
  const char *given_key = wx_admin_value (o, "--server-key");
  g_autofree char *names = NULL;
  gboolean have_all = TRUE;

  if (g_mkdir_with_parents (s->cert_dir, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Cannot create %s: %s"), s->cert_dir,
                   g_strerror (errno));
      return FALSE;
    }
  if ((given_crt == NULL) != (given_key == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--server-cert and --server-key go together."));
      return FALSE;
    }
  if (given_ca && !copy_file (given_ca, ca_crt, 0644, error))
    return FALSE;
  if (given_ca_key && !copy_file (given_ca_key, ca_key, 0600, error))
    return FALSE;
  if (!g_file_test (ca_crt, G_FILE_TEST_EXISTS))
    {
      g_autofree char *subject = g_strdup_printf ("/CN=Weixiu shop CA (%s)", (char *) g_ptr_array_index (s->names, 0));
      if (!run_openssl (error, "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "3650",
                        "-subj", subject, "-keyout", ca_key, "-out", ca_crt, NULL))
        return FALSE;
      g_chmod (ca_key, 0600);
      g_chmod (ca_crt, 0644);
      g_print (_("Made the shop's CA: %s (valid 10 years)\n"), ca_crt);
    }
  if (given_crt)
    {
      if (!copy_file (given_crt, crt, 0644, error) || !copy_file (given_key, key, 0600, error))
        return FALSE;
      g_print (_("Using the given server certificate: %s\n"), crt);
      return TRUE;
    }
  names = certificate_names (crt);
  for (guint i = 0; names && i < s->names->len; i++)
    {
      const char *n = g_ptr_array_index (s->names, i);
      g_autofree char *entry = g_strdup_printf ("%s:%s", is_address (n) ? "IP Address" : "DNS", n);
      g_auto(GStrv) parts = g_strsplit_set (names, ",\n", -1);
      gboolean found = FALSE;

      for (guint k = 0; parts[k]; k++)
        found = found || g_str_equal (g_strstrip (parts[k]), entry);
      have_all = have_all && found;
    }
  if (names && have_all)
    {
      g_print (_("The server certificate %s already carries the names; kept.\n"), crt);
      return TRUE;
    }
  if (!g_file_test (ca_key, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The server certificate must be made but the CA's key %s is not here: give it with "
                     "--ca-key, or give the certificate with --server-cert and --server-key."), ca_key);
      return FALSE;
    }
  {
    g_autofree char *csr = g_build_filename (s->cert_dir, "server.csr", NULL);
    g_autofree char *ext = g_build_filename (s->cert_dir, "server.ext", NULL);
    g_autofree char *serial = g_build_filename (s->cert_dir, "shop-ca.srl", NULL);
    g_autofree char *san = san_line (s->names);
    g_autofree char *ext_text = g_strdup_printf ("%s\nextendedKeyUsage=serverAuth\n", san);
    g_autofree char *subject = g_strdup_printf ("/CN=%s", (char *) g_ptr_array_index (s->names, 0));

    if (!g_file_set_contents (ext, ext_text, -1, error) ||
        !run_openssl (error, "req", "-newkey", "rsa:3072", "-nodes", "-subj", subject, "-keyout", key,
                      "-out", csr, NULL) ||
        !run_openssl (error, "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAserial", serial,
                      "-CAcreateserial", "-days", "3650", "-extfile", ext, "-out", crt, NULL))
      return FALSE;
    g_chmod (key, 0600);
    g_unlink (csr);
    g_unlink (ext);
    g_print (_("Made the server certificate %s for %s\n"), crt, san + strlen ("subjectAltName="));
  }
  return TRUE;
}

/* ALTER SYSTEM SET name = value unless it is so already; TRUE in
 * *changed when it was not. */
static gboolean
set_system (PGconn *conn, const char *name, const char *value, gboolean *changed, GError **error)
{
  const char *params[] = { name, value };
  g_autofree char *now = wx_db_query_value (conn, "SELECT current_setting($1)", 1, params, error);
  g_autofree char *sql = NULL;

  if (now == NULL)
    return FALSE;
  if (g_str_equal (now, value))
    return TRUE;
  sql = wx_db_query_value (conn, "SELECT format('ALTER SYSTEM SET %I = %L', $1::text, $2::text)", 2, params, error);
  if (sql == NULL || !wx_db_execute (conn, sql, 0, NULL, error))
    return FALSE;
  if (changed)
    *changed = TRUE;
  return TRUE;
}

/* Our block of the pg_hba.conf at `path`, replacing the previous one. */
static gboolean
write_hba (const char *path, Setup *s, gboolean *changed, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) block = g_string_new (HBA_BEGIN "\n");
  g_autoptr(GString) out = g_string_new (NULL);
  const char *begin, *end;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  for (guint i = 0; i < s->networks->len; i++)
    g_string_append_printf (block, "hostssl    %-12s all  %-18s scram-sha-256\n", s->database,
                            (char *) g_ptr_array_index (s->networks, i));
  for (guint i = 0; i < s->networks->len; i++)
    g_string_append_printf (block, "hostssl    %-12s %s  %-18s scram-sha-256\n", "replication", REPLICATION_ROLE,
                            (char *) g_ptr_array_index (s->networks, i));
  g_string_append_printf (block, "hostnossl  %-12s all  %-18s reject\n", s->database, "all");
  g_string_append (block, HBA_END "\n");
  begin = strstr (text, HBA_BEGIN);
  end = begin ? strstr (begin, HBA_END) : NULL;
  if (begin && end)
    {
      const char *after = strchr (end, '\n');
      g_string_append_len (out, text, begin - text);
      g_string_append (out, block->str);
      g_string_append (out, after ? after + 1 : "");
    }
  else
    {
      g_string_append (out, text);
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "\n%s", block->str);
    }
  if (g_str_equal (out->str, text))
    {
      g_print (_("%s already has the shop's lines.\n"), path);
      return TRUE;
    }
  if (!g_file_set_contents_full (path, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0640, error))
    return FALSE;
  g_print (_("Wrote the shop's lines (TLS and SCRAM passwords only) into %s\n"), path);
  *changed = TRUE;
  return TRUE;
}

static gboolean
setup_hba (PGconn *conn, Setup *s, gboolean *changed, GError **error)
{
  g_autofree char *path = wx_db_query_value (conn, "SELECT current_setting('hba_file')", 0, NULL, error);

  return path != NULL && write_hba (path, s, changed, error);
}

/* The replication role a standby connects as, and its password in
 * DIR/replication.password (0600), the file a standby needs with the CA.
 * A role without that file gets a new password. */
static gboolean
setup_replication_role (PGconn *conn, Setup *s, GError **error)
{
  g_autofree char *path = g_build_filename (s->cert_dir, "replication.password", NULL);
  g_autofree char *password = NULL;
  g_autofree char *exists = wx_db_query_value (conn, "SELECT count(*) FROM pg_roles WHERE rolname = $1", 1,
                                               (const char *[]) { REPLICATION_ROLE }, error);
  g_autofree char *sql = NULL;

  if (exists == NULL)
    return FALSE;
  if (g_str_equal (exists, "1") && g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  {
    g_autofree char *a = g_uuid_string_random ();
    g_autofree char *b = g_uuid_string_random ();
    g_auto(GStrv) pa = g_strsplit (a, "-", -1);
    g_auto(GStrv) pb = g_strsplit (b, "-", -1);
    g_autofree char *ja = g_strjoinv ("", pa);
    g_autofree char *jb = g_strjoinv ("", pb);
    password = g_strconcat (ja, jb, NULL);
  }
  sql = wx_db_query_value (conn, g_str_equal (exists, "1")
                                   ? "SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text)"
                                   : "SELECT format('CREATE ROLE %I REPLICATION LOGIN PASSWORD %L', $1::text, $2::text)",
                           2, (const char *[]) { REPLICATION_ROLE, password }, error);
  if (sql == NULL || !wx_db_execute (conn, "SET password_encryption = 'scram-sha-256'", 0, NULL, error) ||
      !wx_db_execute (conn, sql, 0, NULL, error))
    return FALSE;
  if (!g_file_set_contents_full (path, password, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  g_chmod (path, 0600);
  g_print (_("Made the replication role %s for a standby; its password is in %s.\n"), REPLICATION_ROLE, path);
  return TRUE;
}

static gboolean
setup_database (PGconn *conn, const char *conninfo, Setup *s, GError **error)
{
  const char *params[] = { s->database };
  g_autofree char *exists = wx_db_query_value (conn, "SELECT count(*) FROM pg_database WHERE datname = $1", 1,
                                               params, error);
  g_autofree char *db_ci = NULL;
  g_autoptr(PGconn) db = NULL;
  int applied = 0;

  if (exists == NULL)
    return FALSE;
  if (g_str_equal (exists, "0"))
    {
      g_autofree char *sql = wx_db_query_value (conn, "SELECT format('CREATE DATABASE %I ENCODING ''UTF8'' "
                                                      "TEMPLATE template0', $1::text)", 1, params, error);
      if (sql == NULL || !wx_db_execute (conn, sql, 0, NULL, error))
        return FALSE;
      g_print (_("Created the database %s.\n"), s->database);
    }
  db_ci = wx_db_conninfo_with (conninfo, "dbname", s->database);
  db = wx_db_connect (db_ci, error);
  if (db == NULL || !wx_db_migrate (db, &applied, error))
    return FALSE;
  g_print (_("The database %s is at schema version %d (%d migrations applied now).\n"), s->database,
           wx_db_migrations_latest (), applied);
  return TRUE;
}

/* The database the jobs' timer (weixiu-jobs.service) runs on. */
static gboolean
write_jobs_env (Setup *s, GError **error)
{
  g_autofree char *path = g_build_filename (s->cert_dir, "jobs.env", NULL);
  g_autofree char *text = g_strdup_printf ("# Written by weixiu-admin server setup.\nPGDATABASE=%s\n", s->database);
  g_autofree char *old = NULL;

  if (g_file_get_contents (path, &old, NULL, NULL) && g_str_equal (old, text))
    return TRUE;
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* Everything but the certificates' folder: run as the cluster's user. */
static int
setup_cluster (WxAdmin *o, Setup *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = o->db ? g_strdup (o->db) : g_strdup ("dbname=postgres");
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *super = NULL;
  g_autofree char *crt = g_build_filename (s->cert_dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (s->cert_dir, "server.key", NULL);
  g_autofree char *ca = g_build_filename (s->cert_dir, "shop-ca.crt", NULL);
  gboolean restart = FALSE, reload = FALSE;

  if (!setup_certificates (o, s, &error))
    return wx_admin_fail (error);
  conn = wx_db_connect (conninfo, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  super = wx_db_query_value (conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", 0, NULL, &error);
  if (super == NULL)
    return wx_admin_fail (error);
  if (!g_str_equal (super, "t"))
    {
      g_printerr ("weixiu-admin: %s\n", _("server setup needs the cluster's superuser (run it as root, or as postgres)."));
      return EXIT_FAILURE;
    }
  if (!set_system (conn, "listen_addresses", s->listen, &restart, &error) ||
      !set_system (conn, "ssl_cert_file", crt, &reload, &error) ||
      !set_system (conn, "ssl_key_file", key, &reload, &error) ||
      !set_system (conn, "ssl_min_protocol_version", "TLSv1.2", &reload, &error) ||
      !set_system (conn, "password_encryption", "scram-sha-256", &reload, &error) ||
      !set_system (conn, "ssl", "on", &reload, &error) ||
      !setup_hba (conn, s, &reload, &error) || !setup_replication_role (conn, s, &error))
    return wx_admin_fail (error);
  if ((reload || restart) && !wx_db_execute (conn, "SELECT pg_reload_conf()", 0, NULL, &error))
    return wx_admin_fail (error);
  if (!setup_database (conn, conninfo, s, &error) || !write_jobs_env (s, &error))
    return wx_admin_fail (error);

  g_print ("\n%s\n", _("Next steps:"));
  g_print (_("1. Copy %s to each PC, as /etc/weixiu/shop-ca.crt (or import it in the login dialog).\n"
             "   It is the one file a PC needs; keep %s/shop-ca.key off the network.\n"), ca, s->cert_dir);
  g_print (_("2. Add the first admin (it asks for the password on standard input):\n"
             "   runuser -u postgres -- weixiu-admin --db dbname=%s user add NAME --role admin --name \"FULL NAME\" --password-stdin\n"),
           s->database);
  g_print (_("3. On each PC, log in to the server %s.\n"), (char *) g_ptr_array_index (s->names, 0));
  g_print (_("4. For a standby, copy %s and %s/replication.password into its %s, then run there:\n"
             "   weixiu-admin server setup --standby %s --name STANDBY_NAME --ca-key FILE\n"),
           ca, s->cert_dir, s->cert_dir, (char *) g_ptr_array_index (s->names, 0));
  if (restart)
    {
      g_print ("%s\n", _("The cluster must restart to listen on the network."));
      return EXIT_RESTART;
    }
  return EXIT_SUCCESS;
}

/* A PostgreSQL program of the cluster's version (Debian keeps pg_ctl out
 * of PATH), else the one on PATH. */
static char *
pg_program (const char *version, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/usr/lib/postgresql/%s/bin/%s", version, name);

  return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) ? g_steal_pointer (&path) : g_strdup (name);
}

/* Runs argv (NULL-terminated) with `envp` (NULL: ours); its standard
 * error becomes the error's sentence. */
static gboolean
run_program (const char * const *argv, char **envp, GError **error)
{
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync ("/", (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s failed: %s"), argv[0], err ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

/* `server setup --standby PRIMARY`: this cluster becomes a streaming
 * replica of the primary (a host name, or a connection string), with
 * PostgreSQL's own replication: its data folder is moved aside,
 * pg_basebackup -R copies the primary's (and writes primary_conninfo and
 * standby.signal) as the replication role, with verify-full against the
 * shop's CA; the standby gets its own server certificate, so that the PCs
 * can be pointed at it once it is promoted; then it starts. */
static int
setup_standby (WxAdmin *o, Setup *s, const char *primary)
{
  const char *cluster = wx_admin_value (o, "--cluster") ? wx_admin_value (o, "--cluster") : "15/main";
  const char *given_dir = wx_admin_value (o, "--data-dir");
  g_auto(GStrv) parts = g_strsplit (cluster, "/", 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = g_build_filename (s->cert_dir, "shop-ca.crt", NULL);
  g_autofree char *pass_file = g_build_filename (s->cert_dir, "replication.password", NULL);
  g_autofree char *crt = g_build_filename (s->cert_dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (s->cert_dir, "server.key", NULL);
  g_autofree char *password = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *signal = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *basebackup = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (parts[0] == NULL || parts[1] == NULL)
    return wx_admin_usage_error (_("--cluster is VERSION/NAME, such as 15/main."));
  dir = given_dir ? g_strdup (given_dir) : g_strdup_printf ("/var/lib/postgresql/%s/%s", parts[0], parts[1]);
  signal = g_build_filename (dir, "standby.signal", NULL);
  if (g_file_test (signal, G_FILE_TEST_EXISTS))
    {
      g_print (_("%s is already a standby; nothing done.\n"), dir);
      return EXIT_SUCCESS;
    }
  if (!g_file_test (ca, G_FILE_TEST_EXISTS) || !g_file_get_contents (pass_file, &password, NULL, NULL))
    {
      g_printerr ("weixiu-admin: ");
      g_printerr (_("A standby needs the primary's %s and %s: copy them from the primary's %s first.\n"),
                  "shop-ca.crt", "replication.password", "/etc/weixiu");
      return EXIT_FAILURE;
    }
  g_strstrip (password);
  if (!setup_certificates (o, s, &error))
    return wx_admin_fail (error);

  conninfo = strchr (primary, '=') ? g_strdup (primary) : g_strdup_printf ("host='%s'", primary);
  {
    g_autofree char *a = wx_db_conninfo_with (conninfo, "user", REPLICATION_ROLE);
    g_autofree char *b = wx_db_conninfo_with (a, "sslmode", "verify-full");
    g_free (conninfo);
    conninfo = wx_db_conninfo_with (b, "sslrootcert", ca);
  }
  pg_ctl = pg_program (parts[0], "pg_ctl");
  basebackup = pg_program (parts[0], "pg_basebackup");

  /* Stop this cluster and move its data aside. */
  if (given_dir)
    {
      g_autofree char *pid = g_build_filename (dir, "postmaster.pid", NULL);
      const char *stop[] = { pg_ctl, "-D", dir, "-m", "fast", "-w", "-s", "stop", NULL };
      if (g_file_test (pid, G_FILE_TEST_EXISTS) && !run_program (stop, NULL, &error))
        return wx_admin_fail (error);
    }
  else
    {
      const char *stop[] = { "pg_ctlcluster", parts[0], parts[1], "stop", NULL };
      run_program (stop, NULL, NULL);  /* fails when it was not running */
    }
  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      aside = g_strdup_printf ("%s.before-standby-%s", dir, stamp);
      if (g_rename (dir, aside) != 0)
        {
          g_printerr (_("weixiu-admin: cannot move %s aside: %s\n"), dir, g_strerror (errno));
          return EXIT_FAILURE;
        }
      g_print (_("Moved this cluster's data aside to %s.\n"), aside);
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr (_("weixiu-admin: cannot prepare %s: %s\n"), dir, g_strerror (errno));
      return EXIT_FAILURE;
    }
  g_print (_("Copying the primary's data (pg_basebackup)…\n"));
  {
    /* The password goes in the environment, never on a command line;
     * -R keeps it in primary_conninfo, in the 0600 data folder. */
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PGPASSWORD", password, TRUE);
    const char *copy[] = { basebackup, "-D", dir, "-R", "-X", "stream", "-c", "fast", "-d", conninfo, NULL };

    if (!run_program (copy, env, &error))
      return wx_admin_fail (error);
  }
  /* The standby's own certificate (the copied settings name the primary's). */
  {
    g_autofree char *auto_conf = g_build_filename (dir, "postgresql.auto.conf", NULL);
    g_autofree char *text = NULL;
    g_autofree char *more = g_strdup_printf ("# weixiu-admin server setup --standby\n"
                                             "ssl_cert_file = '%s'\nssl_key_file = '%s'\n", crt, key);
    g_autofree char *all = NULL;

    if (!g_file_get_contents (auto_conf, &text, NULL, &error))
      return wx_admin_fail (error);
    all = g_strconcat (text, more, NULL);
    if (!g_file_set_contents_full (auto_conf, all, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
      return wx_admin_fail (error);
  }
  /* The shop's lines, for the day it is promoted (Debian keeps pg_hba.conf
   * out of the data folder, so the primary's did not come with it). */
  {
    g_autofree char *hba = given_dir ? g_build_filename (dir, "pg_hba.conf", NULL)
                                     : g_strdup_printf ("/etc/postgresql/%s/%s/pg_hba.conf", parts[0], parts[1]);
    gboolean changed = FALSE;

    if (!write_hba (hba, s, &changed, &error))
      return wx_admin_fail (error);
  }
  if (given_dir)
    {
      g_autofree char *log = g_build_filename (dir, "log", "startup.log", NULL);
      g_autofree char *log_dir = g_path_get_dirname (log);
      const char *opts = wx_admin_value (o, "--server-options");
      const char *start[] = { pg_ctl, "-D", dir, "-l", log, "-w", "-s", "-o", opts ? opts : "", "start", NULL };

      g_mkdir_with_parents (log_dir, 0700);
      if (!run_program (start, NULL, &error))
        return wx_admin_fail (error);
    }
  else
    {
      const char *start[] = { "pg_ctlcluster", parts[0], parts[1], "start", NULL };
      if (!run_program (start, NULL, &error))
        return wx_admin_fail (error);
    }
  g_print (_("This server is now a standby of %s: it follows every change and answers reads only.\n"), primary);
  g_print (_("If the primary is lost: pg_ctlcluster %s %s promote (or pg_ctl -D %s promote) here, "
             "then log in on each PC to %s.\n"),
           parts[0], parts[1], dir, (char *) g_ptr_array_index (s->names, 0));
  return EXIT_SUCCESS;
}

/* The server's names: --name, else this computer's name and its full name. */
static GPtrArray *
server_names (WxAdmin *o)
{
  GPtrArray *given = wx_admin_values (o, "--name");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *host = g_get_host_name ();

  if (given && given->len)
    {
      for (guint i = 0; i < given->len; i++)
        g_ptr_array_add (names, g_strdup (g_ptr_array_index (given, i)));
      return names;
    }
  g_ptr_array_add (names, g_strdup (host));
  {
    const char *argv[] = { "hostname", "--fqdn", NULL };
    g_autofree char *fqdn = NULL;
    if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                      &fqdn, NULL, NULL, NULL) && fqdn && *g_strstrip (fqdn) && !g_str_equal (fqdn, host) &&
        !g_str_equal (fqdn, "localhost"))
      g_ptr_array_add (names, g_steal_pointer (&fqdn));
  }
  return names;
}

/* As root: the certificates' folder belongs to the cluster's user, who
 * does the rest (`runuser`); then the cluster restarts if it must. */
static int
setup_as_root (WxAdmin *o, Setup *s, char **argv)
{
  const char *cluster = wx_admin_value (o, "--cluster") ? wx_admin_value (o, "--cluster") : "15/main";
  struct passwd *pw = getpwnam ("postgres");
  g_autoptr(GPtrArray) child = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (cluster, "/", 2);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  int status = 0;

  if (self == NULL)
    self = g_strdup (argv[0]);
  if (pw == NULL)
    {
      g_printerr ("weixiu-admin: %s\n", _("There is no postgres user: install postgresql-15 first."));
      return EXIT_FAILURE;
    }
  if (g_mkdir_with_parents (s->cert_dir, 0755) != 0 || chown (s->cert_dir, pw->pw_uid, pw->pw_gid) != 0)
    {
      g_printerr (_("weixiu-admin: cannot prepare %s: %s\n"), s->cert_dir, g_strerror (errno));
      return EXIT_FAILURE;
    }
  g_ptr_array_add (child, (gpointer) "runuser");
  g_ptr_array_add (child, (gpointer) "-u");
  g_ptr_array_add (child, (gpointer) "postgres");
  g_ptr_array_add (child, (gpointer) "--");
  g_ptr_array_add (child, (gpointer) "env");
  g_ptr_array_add (child, (gpointer) "WX_SETUP_CHILD=1");
  g_ptr_array_add (child, self);
  for (guint i = 1; argv[i]; i++)
    g_ptr_array_add (child, argv[i]);
  g_ptr_array_add (child, NULL);
  if (!g_spawn_sync ("/", (char **) child->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL, &status, &error))
    return wx_admin_fail (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == EXIT_RESTART && parts[0] && parts[1])
    {
      const char *restart[] = { "pg_ctlcluster", parts[0], parts[1], "restart", NULL };
      int rs = 0;

      g_print (_("Restarting the cluster %s…\n"), cluster);
      if (!g_spawn_sync ("/", (char **) restart, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &rs, &error) ||
          !g_spawn_check_wait_status (rs, &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : EXIT_FAILURE;
}

int
wx_admin_cmd_server_setup (WxAdmin *o)
{
  g_autoptr(GPtrArray) names = server_names (o);
  GPtrArray *networks = wx_admin_values (o, "--network");
  g_autoptr(GPtrArray) default_networks = g_ptr_array_new ();
  Setup s = {
    .cert_dir = wx_admin_value (o, "--cert-dir") ? wx_admin_value (o, "--cert-dir") : "/etc/weixiu",
    .database = wx_admin_value (o, "--database") ? wx_admin_value (o, "--database") : "weixiu",
    .listen = wx_admin_value (o, "--listen") ? wx_admin_value (o, "--listen") : "*",
    .names = names,
  };
  int status;

  if (o->args->len != 1)
    return wx_admin_usage_error (_("“server setup” takes no other arguments."));
  /* samenet: every network this server has an address in. */
  g_ptr_array_add (default_networks, (gpointer) "samenet");
  s.networks = networks && networks->len ? networks : default_networks;
  if (geteuid () == 0 && o->db == NULL)
    return setup_as_root (o, &s, o->argv);
  if (wx_admin_value (o, "--standby"))
    return setup_standby (o, &s, wx_admin_value (o, "--standby"));
  status = setup_cluster (o, &s);
  if (status == EXIT_RESTART && g_getenv ("WX_SETUP_CHILD") == NULL)
    {
      g_print ("%s\n", _("Restart it: pg_ctlcluster 15 main restart (or with your cluster's version and name)."));
      return EXIT_SUCCESS;
    }
  return status;
}

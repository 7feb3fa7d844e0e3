#define G_LOG_DOMAIN "wx-test-db"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db/wx-db.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-server.h"
#include "wx-test-db.h"

static GPtrArray *created;
static char *admin_conninfo;

static gboolean
server_configured (void)
{
  return g_getenv ("PGHOST") != NULL;
}

/* Without a server: skip (TAP: 1..0 # SKIP), unless ./run tests said the
 * server must be there (WX_TEST_REQUIRE_DB), where a missing one is a failure. */
void
wx_test_db_require (void)
{
  /* Messages with Chinese in them print as Chinese, not "???". */
  setlocale (LC_ALL, "");
  if (server_configured ())
    return;
  if (g_getenv ("WX_TEST_REQUIRE_DB"))
    g_error ("WX_TEST_REQUIRE_DB is set but PGHOST is not: the test server is missing");
  printf ("1..0 # SKIP no PostgreSQL server: run through ./run tests\n");
  exit (0);
}

static void
drop_created (void)
{
  g_autoptr(PGconn) admin = NULL;

  if (created == NULL || g_getenv ("WX_TEST_KEEP_DB"))
    return;
  admin = PQconnectdb (admin_conninfo);
  for (guint i = 0; i < created->len; i++)
    {
      const char *params[1] = { g_ptr_array_index (created, i) };
      g_autoptr(PGresult) kill = PQexecParams (admin,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          1, NULL, params, NULL, NULL, 0);
      g_autofree char *quoted = PQescapeIdentifier (admin, params[0], strlen (params[0]));
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s", quoted);
      g_autoptr(PGresult) drop = PQexec (admin, sql);
    }
}

/* Creates database wxt_<name>_<pid> (and migrates it) and returns its conninfo.
 * Dropped at exit. The name is an identifier made here, not a value. */
char *
wx_test_db_create (const char *name,
                   gboolean    migrate)
{
  g_autofree char *dbname = g_strdup_printf ("wxt_%s_%d_%u", name, (int) getpid (),
                                             created ? created->len : 0);
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *sql = NULL;
  char *conninfo;

  wx_test_db_require ();
  if (admin_conninfo == NULL)
    {
      admin_conninfo = g_strdup ("dbname=postgres");
      created = g_ptr_array_new_with_free_func (g_free);
      atexit (drop_created);
    }
  admin = PQconnectdb (admin_conninfo);
  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", dbname);
  res = PQexec (admin, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("cannot create %s: %s", dbname, PQerrorMessage (admin));
  g_ptr_array_add (created, g_strdup (dbname));

  conninfo = wx_db_conninfo_with ("", "dbname", dbname);
  if (migrate)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGconn) conn = wx_db_connect (conninfo, &error);

      g_assert_no_error (error);
      wx_db_migrate (conn, NULL, &error);
      g_assert_no_error (error);
    }
  return conninfo;
}

PGconn *
wx_test_db_connect (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = wx_db_connect (conninfo, &error);

  g_assert_no_error (error);
  return conn;
}

void
wx_test_db_exec (PGconn     *conn,
                 const char *sql)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s\n-- failed: %s", sql, PQerrorMessage (conn));
}

char *
wx_test_db_value (PGconn     *conn,
                  const char *sql)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s\n-- failed: %s", sql, PQerrorMessage (conn));
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (res, 0, 0));
}

gint64
wx_test_db_count (PGconn     *conn,
                  const char *sql)
{
  g_autofree char *v = wx_test_db_value (conn, sql);

  return v ? g_ascii_strtoll (v, NULL, 10) : -1;
}

/* Runs `sql` and returns its SQLSTATE ("00000" when it succeeded). */
char *
wx_test_db_sqlstate (PGconn              *conn,
                     const char          *sql,
                     int                  n_params,
                     const char * const  *params)
{
  g_autoptr(PGresult) res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  const char *state;

  if (PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK)
    return g_strdup ("00000");
  state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  return g_strdup (state ? state : "?????");
}

/* A fixed "now" for demo data: Wednesday 2026-11-18 15:30 in Shanghai. */
GDateTime *
wx_test_fixed_now (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");

  return g_date_time_new (tz, 2026, 11, 18, 15, 30, 0);
}

/* A valid customer (id 1), device (1), order (1), part (1) and contract (1) to hang bad rows on. */
static const char fixture_sql[] =
  "INSERT INTO customers (id, unit_name, contact_person, mobile, account_allowed)"
  "  VALUES (1, '广州大学', '李明', '13812345678', true);"
  "INSERT INTO devices (id, customer_id, category, brand, model, serial) VALUES (1, 1, 'laser_printer', 'HP', 'LaserJet Pro M404dn', 'CNB3K12345');"
  "INSERT INTO service_orders (id, kind, state, customer_id, device_id, unit_name, contact_mobile, product_name, model, reported_fault)"
  "  VALUES (1, 'carry_in', 'received', 1, 1, '广州大学', '13812345678', '激光打印机', 'M404dn', '卡纸');"
  "INSERT INTO parts (id, part_number, name, unit_price, stock) VALUES (1, 'RM2-5425', '定影组件', 45000, 2);"
  "INSERT INTO contracts (id, customer_id, number, starts_on, ends_on) VALUES (1, 1, 'HT-2026-001', '2026-01-01', '2026-12-31');"
  "INSERT INTO complaints (id, customer_id, description) VALUES (1, 1, '等太久');"
  "SELECT setval(pg_get_serial_sequence(t, 'id'), 100)"
  "  FROM unnest(ARRAY['customers','devices','service_orders','parts','contracts','complaints']) t;";

/* Loads the fixture rows (as the owner). */
void
wx_test_db_fixture (PGconn *conn)
{
  wx_test_db_exec (conn, fixture_sql);
}

/* Phone numbers the front desk types that core accepts: the database must
 * accept every one of them too (test-core and test-constraints). */
const char *wx_test_good_phones[] = {
  "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "008613812345678",
  "020-87581480", "02087581480", "(020) 8758 1480", "0755-1234567", "87581480",
  "020-87581480转123", "020-87581480 ext. 12", "020-87581480 EXT 12", "020-87581480 x.12",
  "020-87581480#8", "+86 20 8758 1480", "+1 415 555 0100", "19912345678",
  NULL
};

/* ------------------------------------------- the test server's outages */

static char *server_options;    /* postgres' options, from postmaster.opts */

static char *
server_data_dir (void)
{
  return g_build_filename (g_getenv ("PGHOST"), "data", NULL);
}

static void
pg_ctl (const char * const *args)
{
  g_autoptr(GError) error = NULL;

  /* As the server's user when root, as ./run does. */
  if (!wx_db_run_pg_tool ("pg_ctl", args, TRUE, &error))
    g_error ("pg_ctl %s: %s", args[g_strv_length ((GStrv) args) - 1], error->message);
}

void
wx_test_db_server_stop (const char *mode)
{
  g_autofree char *data_dir = server_data_dir ();
  gboolean smart = g_strcmp0 (mode, "smart") == 0;
  /* A smart stop waits for the sessions to end: not waited for here. */
  const char *args[] = { "-D", data_dir, "-m", mode ? mode : "fast", smart ? "-W" : "-w", "-s", "stop", NULL };

  wx_test_db_require ();
  if (server_options == NULL)
    {
      g_autofree char *opts_path = g_build_filename (data_dir, "postmaster.opts", NULL);
      g_autofree char *opts = NULL;
      g_autoptr(GError) error = NULL;
      const char *space;

      if (!g_file_get_contents (opts_path, &opts, NULL, &error))
        g_error ("cannot read the test server's options: %s", error->message);
      /* `/path/postgres "-D" "…" "-c" "…" …`: everything after the program. */
      space = strchr (g_strstrip (opts), ' ');
      server_options = g_strdup (space ? space + 1 : "");
    }
  pg_ctl (args);
}

void
wx_test_db_server_start (void)
{
  g_autofree char *data_dir = server_data_dir ();
  g_autofree char *log = g_build_filename (g_getenv ("PGHOST"), "server.log", NULL);
  const char *args[] = { "-D", data_dir, "-l", log, "-o", server_options, "-w", "-s", "start", NULL };

  g_assert_nonnull (server_options);
  pg_ctl (args);
}

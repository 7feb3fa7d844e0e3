/* Connection faults and schema versions, against the test server, which
 * this test stops and starts (it runs alone: is_parallel false):
 * - a worker whose idle connection the server closed (a restart, fast or
 *   immediate) runs its next job, read or write, at once and without an
 *   error, once; a connection that breaks under a reading job runs it
 *   again, once; under a writing job it is not sent again and says that
 *   it is not known whether it was saved;
 * - the listener notices a lost server within 2 s even when idle (a
 *   backend frozen with SIGSTOP answers nothing, as a cut cable would),
 *   and a stopped one at once; back, it listens again and resyncs;
 * - too many connections (53300: a role's connection limit), a server
 *   shutting down, a wrong password, a missing one: each its sentence;
 * - the login refuses a database whose schema is newer (so does migrate,
 *   exit 1) and an older one, which only an administrator may migrate. */
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-listener.h"
#include "db/wx-db-migrate.h"
#include "db/wx-db-session.h"
#include "db/wx-db-worker.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

static char *conninfo;      /* the test's database, as the test's superuser */

/* ------------------------------------------------------------- helpers */

typedef struct {
  gboolean  done;
  gpointer  result;
  GError   *error;
} Outcome;

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *o = user_data;

  o->result = wx_db_worker_run_finish (WX_DB_WORKER (source), result, &o->error);
  o->done = TRUE;
}

static gboolean
outcome_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

/* Iterates the main context until `done (data)`, for `seconds` at most. */
static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data, double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

/* Runs `job` on `worker` (a reading one when `reads`) and waits. */
static Outcome
run (WxDbWorker *worker, gboolean reads, WxDbJob job, gpointer data)
{
  Outcome o = { 0 };

  if (reads)
    wx_db_worker_read_async (worker, job, data, NULL, g_free, NULL, job_done_cb, &o);
  else
    wx_db_worker_run_async (worker, job, data, NULL, g_free, NULL, job_done_cb, &o);
  g_assert_true (spin_until (outcome_done, &o, 60));
  return o;
}

static gboolean
count_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_query_value (conn, "SELECT count(*) FROM reconnect_probe", 0, NULL, error);
  return *result != NULL;
}

static gboolean
insert_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  const char *params[] = { data };

  return wx_db_execute (conn, "INSERT INTO reconnect_probe (note) VALUES ($1)", 1, params, error);
}

static gint64
probes (const char *note)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  const char *params[] = { note };
  g_autofree char *n = wx_db_query_value (conn, "SELECT count(*) FROM reconnect_probe WHERE note = $1",
                                          1, params, NULL);

  return n ? g_ascii_strtoll (n, NULL, 10) : -1;
}

/* The database a connection string names. */
static char *
dbname_of (const char *ci)
{
  PQconninfoOption *opts = PQconninfoParse (ci, NULL);
  char *name = NULL;

  for (PQconninfoOption *o = opts; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "dbname"))
      name = g_strdup (o->val);
  PQconninfoFree (opts);
  return name;
}

static void
went_offline_cb (WxDbWorker *worker, GParamSpec *pspec, guint *times)
{
  if (!wx_db_worker_get_online (worker))
    (*times)++;
}

/* ------------------------------------------- the worker across restarts */

/* The server restarts between two jobs (fast: the sessions are told
 * 57P01; immediate: they are simply cut): the next job, a write, is saved
 * on the first try, once, and the worker never shows offline. */
static void
test_worker_restart (void)
{
  const char *modes[] = { "fast", "immediate" };
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (conninfo);
  guint offline = 0;

  g_signal_connect (worker, "notify::online", G_CALLBACK (went_offline_cb), &offline);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *note = g_strdup_printf ("after a %s restart", modes[i]);
      Outcome first = run (worker, TRUE, count_job, NULL);
      Outcome second;
      gint64 t0;

      g_assert_no_error (first.error);
      g_free (first.result);
      wx_test_db_server_stop (modes[i]);
      wx_test_db_server_start ();

      t0 = g_get_monotonic_time ();
      second = run (worker, FALSE, insert_job, note);
      g_assert_no_error (second.error);
      g_test_message ("%s restart: the next job took %.0f ms", modes[i], (g_get_monotonic_time () - t0) / 1000.0);
      g_assert_cmpint (probes (note), ==, 1);
    }
  g_assert_cmpuint (offline, ==, 0);
}

/* A job that ends its own session (as a restart would under it) the first
 * `kills` times it runs, after writing its row when it writes. */
typedef struct {
  int       runs;
  int       kills;
  gboolean  writes;
  char     *note;
} Killer;

static gboolean
killer_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Killer *k = data;
  const char *params[] = { k->note };

  k->runs++;
  if (k->writes && !wx_db_execute (conn, "INSERT INTO reconnect_probe (note) VALUES ($1)", 1, params, error))
    return FALSE;
  if (k->runs <= k->kills)
    return wx_db_execute (conn, "SELECT pg_terminate_backend(pg_backend_pid())", 0, NULL, error);
  return TRUE;
}

static Outcome
run_killer (WxDbWorker *worker, Killer *k)
{
  Outcome o = { 0 };

  if (k->writes)
    wx_db_worker_run_async (worker, killer_job, k, NULL, NULL, NULL, job_done_cb, &o);
  else
    wx_db_worker_read_async (worker, killer_job, k, NULL, NULL, NULL, job_done_cb, &o);
  g_assert_true (spin_until (outcome_done, &o, 60));
  return o;
}

static void
test_worker_broken_under_job (void)
{
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (conninfo);
  Killer read_once = { .kills = 1 };
  Killer read_twice = { .kills = 2 };
  Killer write = { .kills = 1, .writes = TRUE, .note = "written, then the session ended" };
  Outcome o;

  /* A read runs again on a new connection, unseen. */
  o = run_killer (worker, &read_once);
  g_assert_no_error (o.error);
  g_assert_cmpint (read_once.runs, ==, 2);

  /* Once only. */
  o = run_killer (worker, &read_twice);
  g_assert_error (o.error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
  g_assert_cmpint (read_twice.runs, ==, 2);
  g_clear_error (&o.error);

  /* A write the server committed before the session ended: not sent
   * again, and the user is told to check. */
  o = run_killer (worker, &write);
  g_assert_error (o.error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
  g_assert_cmpstr (o.error->message, ==,
                   _("The connection to the database was lost while saving, so it is not known whether the change was saved; check it and save again if needed."));
  g_assert_cmpint (write.runs, ==, 1);
  g_assert_cmpint (probes (write.note), ==, 1);
  g_clear_error (&o.error);

  /* The worker goes on. */
  o = run (worker, TRUE, count_job, NULL);
  g_assert_no_error (o.error);
  g_free (o.result);
}

/* ------------------------------------------------------- the listener */

typedef struct {
  gint64 lost_at;      /* monotonic µs; 0: not yet */
  gint64 back_at;
  guint  resyncs;
} Ears;

static void
listening_cb (WxDbListener *listener, GParamSpec *pspec, Ears *e)
{
  if (!wx_db_listener_get_listening (listener))
    e->lost_at = g_get_monotonic_time ();
  else
    e->back_at = g_get_monotonic_time ();
}

static void
resync_cb (WxDbListener *listener, Ears *e)
{
  e->resyncs++;
}

static gboolean
ears_listening (gpointer data)
{
  return wx_db_listener_get_listening (data);
}

static gboolean
ears_lost (gpointer data)
{
  return ((Ears *) data)->lost_at != 0;
}

static gboolean
ears_back (gpointer data)
{
  Ears *e = data;

  return e->back_at > e->lost_at && e->lost_at != 0;
}

static WxDbListener *
listener_new (const char *db, Ears *e)
{
  WxDbListener *listener = wx_db_listener_new (db);

  g_assert_true (spin_until (ears_listening, listener, 30));
  g_signal_connect (listener, "notify::listening", G_CALLBACK (listening_cb), e);
  g_signal_connect (listener, "resync", G_CALLBACK (resync_cb), e);
  return listener;
}

/* The listener's backend freezes (SIGSTOP): the connection stays open and
 * says nothing, as when the network is cut. Noticed within 2 s although
 * nothing is asked; then it connects again by itself. */
static void
test_listener_silent_loss (void)
{
  g_autofree char *db = wx_test_db_create ("reconnect_ears", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  Ears e = { 0 };
  g_autoptr(WxDbListener) listener = listener_new (db, &e);
  g_autofree char *name = dbname_of (db);
  const char *params[] = { name };
  g_autofree char *pid_text = NULL;
  gint64 stopped_at;
  GPid pid;

  /* The only session of that database: the listener's. */
  pid_text = wx_db_query_value (conn, "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
                                1, params, NULL);
  g_assert_nonnull (pid_text);
  pid = (GPid) g_ascii_strtoll (pid_text, NULL, 10);
  /* Idle a while first: it keeps listening. */
  g_usleep (1500 * 1000);
  g_assert_true (spin_until (ears_listening, listener, 1));
  g_assert_cmpint (e.lost_at, ==, 0);

  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  stopped_at = g_get_monotonic_time ();
  g_assert_true (spin_until (ears_lost, &e, 10));
  kill (pid, SIGCONT);
  g_test_message ("a silent server noticed after %.0f ms", (e.lost_at - stopped_at) / 1000.0);
  g_assert_cmpint (e.lost_at - stopped_at, <, 2200 * 1000);
  g_assert_true (spin_until (ears_back, &e, 10));
  g_assert_cmpuint (e.resyncs, >=, 1);
}

/* ------------------------------------------------------------ sentences */

static void
expect_connect_error (const char *message, PGPing ping, int code, const char *sentence)
{
  g_autoptr(GError) error = NULL;

  wx_db_set_connect_error (&error, message, FALSE, ping);
  g_assert_error (error, WX_DB_ERROR, code);
  g_assert_cmpstr (error->message, ==, sentence);
}

/* What libpq 15 says in the C locale (and a server in Chinese): the
 * SQLSTATE decides, the words only split 57P03. */
static void
test_connect_sentences (void)
{
  const char *full = _("The database server has no free connection left (too many are open); close Weixiu on a PC that does not need it, or ask the administrator to allow more, then try again.");
  const char *starting = _("The database server is starting up; wait a moment and try again.");
  const char *stopping = _("The database server is shutting down or restarting; wait until it is back, then try again.");
  const char *refused = _("The server did not accept the user name or password.");
  const char *away = _("The database server cannot be reached; check the network or start the server, then try again.");
  g_autofree char *none = wx_db_message_sqlstate ("could not connect: Connection refused");
  g_autofree char *two = wx_db_message_sqlstate ("connection to server at \"a\" failed: FATAL:  57P03: the database system is starting up\n"
                                                 "connection to server at \"b\" failed: FATAL:  53300: sorry, too many clients already\n");

  g_assert_null (none);
  g_assert_cmpstr (two, ==, "53300");
  expect_connect_error ("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  53300: sorry, too many clients already\n",
                        PQPING_OK, WX_DB_ERROR_UNAVAILABLE, full);
  expect_connect_error ("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  53300: remaining connection slots are reserved for non-replication superuser connections\nLOCATION:  InitPostgres, postinit.c:886\n",
                        PQPING_OK, WX_DB_ERROR_UNAVAILABLE, full);
  expect_connect_error ("connection to server at \"db\" (10.0.0.5), port 5432 failed: FATAL:  57P03: the database system is starting up\n",
                        PQPING_REJECT, WX_DB_ERROR_UNAVAILABLE, starting);
  expect_connect_error ("连接到服务器失败: 致命错误:  57P03: 数据库系统启动中\n", PQPING_REJECT, WX_DB_ERROR_UNAVAILABLE, starting);
  expect_connect_error ("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  57P03: the database system is shutting down\n",
                        PQPING_REJECT, WX_DB_ERROR_UNAVAILABLE, stopping);
  expect_connect_error ("server closed: FATAL:  57P01: terminating connection due to administrator command\n",
                        PQPING_OK, WX_DB_ERROR_UNAVAILABLE, stopping);
  expect_connect_error ("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  28P01: password authentication failed for user \"zhang\"\n",
                        PQPING_OK, WX_DB_ERROR_DENIED, refused);
  expect_connect_error ("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  28000: role \"nobody\" does not exist\n",
                        PQPING_OK, WX_DB_ERROR_DENIED, refused);
  expect_connect_error ("connection to server at \"db\" (10.0.0.5), port 5432 failed: Connection refused\n",
                        PQPING_NO_RESPONSE, WX_DB_ERROR_UNAVAILABLE, away);
}

static void
expect_refused (const char *ci, int code, const char *sentence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_db_connect (ci, &error);

  g_assert_null (conn);
  g_test_message ("%s", error->message);
  g_assert_error (error, WX_DB_ERROR, code);
  g_assert_cmpstr (error->message, ==, sentence);
}

/* A real server: a role at its connection limit (53300, as a full server:
 * not "wrong password"); a limit of 0 the same; a wrong password and a
 * missing one. */
static void
test_connect_refusals (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *role = g_strdup_printf ("reconnect_full_%d", (int) getpid ());
  g_autofree char *guarded = g_strdup_printf ("reconnect_pw_%d", (int) getpid ());
  g_autofree char *as_role = wx_db_conninfo_with (conninfo, "user", role);
  g_autofree char *as_guarded = wx_db_conninfo_with (conninfo, "user", guarded);
  g_autofree char *wrong = wx_db_conninfo_with (as_guarded, "password", "falsch");
  g_autofree char *right = wx_db_conninfo_with (as_guarded, "password", "Rich-tig-2026");
  g_autofree char *sql = NULL;
  const char *full = _("The database server has no free connection left (too many are open); close Weixiu on a PC that does not need it, or ask the administrator to allow more, then try again.");

  sql = g_strdup_printf ("CREATE ROLE %s LOGIN CONNECTION LIMIT 1", role);
  wx_test_db_exec (conn, sql);
  {
    g_autoptr(PGconn) first = wx_test_db_connect (as_role);
    expect_refused (as_role, WX_DB_ERROR_UNAVAILABLE, full);
  }
  g_free (sql);
  sql = g_strdup_printf ("ALTER ROLE %s CONNECTION LIMIT 0", role);
  wx_test_db_exec (conn, sql);
  expect_refused (as_role, WX_DB_ERROR_UNAVAILABLE, full);

  /* ./run tests asks the members of wx_test_password for theirs. */
  wx_test_db_exec (conn, "DO $$ BEGIN CREATE ROLE wx_test_password;"
                         " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
  g_free (sql);
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD 'Rich-tig-2026' IN ROLE wx_test_password", guarded);
  wx_test_db_exec (conn, sql);
  expect_refused (wrong, WX_DB_ERROR_DENIED, _("The server did not accept the user name or password."));
  expect_refused (as_guarded, WX_DB_ERROR_DENIED, _("The server needs a password for this user."));
  {
    g_autoptr(PGconn) ok = wx_test_db_connect (right);
  }
  g_free (sql);
  sql = g_strdup_printf ("DROP ROLE %s", role);
  wx_test_db_exec (conn, sql);
  g_free (sql);
  sql = g_strdup_printf ("DROP ROLE %s", guarded);
  wx_test_db_exec (conn, sql);
}

/* ----------------------------------------- a server that stops, idle */

/* Shutting down: a new session is refused with its own sentence while the
 * server waits for the open ones (a smart stop). The listener, idle,
 * notices the fast stop that follows at once, and is back after the
 * start, with a resync. */
static void
test_shutting_down (void)
{
  g_autofree char *db = wx_test_db_create ("reconnect_stop", TRUE);
  Ears e = { 0 };
  g_autoptr(WxDbListener) listener = listener_new (db, &e);
  gint64 stopped_at;

  {
    g_autoptr(PGconn) open = wx_test_db_connect (conninfo);

    wx_test_db_server_stop ("smart");
    g_usleep (200 * 1000);
    expect_refused (conninfo, WX_DB_ERROR_UNAVAILABLE,
                    _("The database server is shutting down or restarting; wait until it is back, then try again."));
  }
  /* The listener's session holds the smart stop: end it. */
  wx_test_db_server_stop ("fast");
  stopped_at = g_get_monotonic_time ();
  g_assert_true (spin_until (ears_lost, &e, 5));
  g_test_message ("a stopped server noticed %.0f ms after pg_ctl returned", MAX (e.lost_at - stopped_at, 0) / 1000.0);
  g_assert_cmpint (e.lost_at - stopped_at, <, 2000 * 1000);
  g_assert_nonnull (wx_db_listener_get_problem (listener));
  g_assert_false (wx_db_listener_get_listening (listener));

  wx_test_db_server_start ();
  g_assert_true (spin_until (ears_back, &e, 10));
  g_assert_cmpuint (e.resyncs, >=, 1);
  g_assert_null (wx_db_listener_get_problem (listener));
}

/* ------------------------------------------------------ schema versions */

static gboolean
offline (gpointer worker)
{
  return !wx_db_worker_get_online (worker);
}

/* A newer schema (as a newer Weixiu leaves it): the login, the worker and
 * migrate refuse it with the same sentence. */
static void
test_schema_newer (void)
{
  g_autofree char *db = wx_test_db_create ("reconnect_newer", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (db);
  int newer = wx_db_migrations_latest () + 1;
  g_autofree char *number = g_strdup_printf ("%d", newer);
  const char *params[] = { number };
  g_autoptr(GError) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSession) session = NULL;
  g_auto(WxTestRun) r = { 0 };

  wx_db_schema_newer_error (newer, &expected);
  g_assert_true (wx_db_execute (conn, "INSERT INTO schema_version (version, name) VALUES ($1, 'from a newer Weixiu')",
                                1, params, NULL));

  session = wx_db_session_open (db, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_NEWER);
  g_assert_cmpstr (error->message, ==, expected->message);
  g_assert_nonnull (strstr (error->message, number));

  {
    g_autoptr(WxDbWorker) worker = wx_db_worker_new (db);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Outcome o = { 0 };

    wx_db_worker_read_async (worker, count_job, NULL, NULL, g_free, cancellable, job_done_cb, &o);
    g_assert_true (spin_until (offline, worker, 30));
    g_assert_cmpstr (wx_db_worker_get_problem (worker), ==, expected->message);
    g_cancellable_cancel (cancellable);
    g_assert_true (spin_until (outcome_done, &o, 30));
    g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&o.error);
  }

  wx_test_admin (&r, NULL, NULL, "--db", db, "migrate", NULL);
  g_test_message ("migrate: %s", r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, expected->message));
}

/* An older schema: a coordinator is told to ask the administrator; an
 * administrator is offered the update, and it is made when asked; one who
 * may not change the tables is told who can. */
static void
test_schema_older (void)
{
  g_autofree char *older = wx_test_db_create ("reconnect_older", TRUE);
  g_autofree char *empty = wx_test_db_create ("reconnect_empty", FALSE);
  g_autoptr(PGconn) conn = wx_test_db_connect (older);
  g_autofree char *clerk = g_strdup_printf ("reconnect_clerk_%d", (int) getpid ());
  g_autofree char *admin = g_strdup_printf ("reconnect_admin_%d", (int) getpid ());
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  WxDbSession *session;
  int latest = wx_db_migrations_latest ();

  /* The latest migration "not applied" (what a database of the version
   * before looks like to this program). */
  sql = g_strdup_printf ("DELETE FROM schema_version WHERE version = %d;"
                         "CREATE ROLE %s LOGIN IN ROLE wx_coordinator;"
                         "CREATE ROLE %s LOGIN IN ROLE wx_admin", latest, clerk, admin);
  wx_test_db_exec (conn, sql);

  session = wx_db_session_open (older, clerk, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_OLDER);
  g_assert_cmpstr (error->message, ==, _("This database needs an update by the administrator (weixiu-admin migrate)."));
  g_clear_error (&error);

  /* The test's superuser administers: offered. */
  session = wx_db_session_open (older, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_MIGRATE);
  g_test_message ("offer: %s", error->message);
  g_clear_error (&error);

  /* Taken, on a database with none of the schema yet: migrated, opened. */
  session = wx_db_session_open (empty, clerk, NULL, &error);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_SCHEMA_OLDER);
  g_clear_error (&error);
  session = wx_db_session_migrate (empty, admin, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, _("Your login may not change the database's tables; run “weixiu-admin migrate” as the database owner."));
  g_clear_error (&error);
  session = wx_db_session_migrate (empty, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  wx_db_session_free (session);
  {
    g_autoptr(PGconn) migrated = wx_test_db_connect (empty);
    g_assert_cmpint (wx_db_schema_version (migrated, NULL), ==, latest);
  }
  /* The coordinator opens it now. */
  session = wx_db_session_open (empty, clerk, NULL, &error);
  g_assert_no_error (error);
  wx_db_session_free (session);

  g_free (sql);
  sql = g_strdup_printf ("DROP OWNED BY %s, %s; DROP ROLE %s; DROP ROLE %s", clerk, admin, clerk, admin);
  {
    g_autoptr(PGconn) other = wx_test_db_connect (empty);
    g_autofree char *owned = g_strdup_printf ("DROP OWNED BY %s, %s", clerk, admin);
    wx_test_db_exec (other, owned);
  }
  wx_test_db_exec (conn, sql);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("reconnect", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_exec (conn, "CREATE TABLE reconnect_probe (id serial PRIMARY KEY, note text NOT NULL)");
  g_clear_pointer (&conn, PQfinish);

  g_test_add_func ("/db/reconnect/connect-sentences", test_connect_sentences);
  g_test_add_func ("/db/reconnect/connect-refusals", test_connect_refusals);
  g_test_add_func ("/db/reconnect/worker-restart", test_worker_restart);
  g_test_add_func ("/db/reconnect/worker-broken-under-job", test_worker_broken_under_job);
  g_test_add_func ("/db/reconnect/listener-silent-loss", test_listener_silent_loss);
  g_test_add_func ("/db/reconnect/shutting-down", test_shutting_down);
  g_test_add_func ("/db/reconnect/schema-newer", test_schema_newer);
  g_test_add_func ("/db/reconnect/schema-older", test_schema_older);
  return g_test_run ();
}

/* The race (issue 22): 16 connections of staff logins of every group take
 * about 2,000 steps and intakes on three hot orders at once, through the
 * client's own calls (wx_db_order_transition with the version read just
 * before, wx_db_order_create), while the test server is restarted twice
 * with `pg_ctl restart -m immediate` (a crash, as far as the sessions can
 * tell). Conflicts are expected and retried; a connection lost in the
 * middle of a call leaves that call in doubt, and the client reconnects.
 *
 * Afterwards: every change a client saw committed is there (the event, at
 * the version it was told); no event twice (each event of an order starts
 * from the state the one before ended in); each order's version counts its
 * changes (one a step, one its intake); each order's state is its last
 * event's; order numbers are unique and without gaps in each year.
 *
 * It restarts the shared test server: tests/meson.build runs it alone
 * (is_parallel: false). */
#define G_LOG_DOMAIN "test-race"

#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "db/wx-db.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

#define N_THREADS   16
#define N_HOT       3
#define TARGET      2000      /* committed steps and intakes */
#define MAX_SECONDS 75        /* the run stops here whatever the count */
#define N_RESTARTS  2

static char *conninfo;
static char *hot[N_HOT];

/* Who works: the front desk, the engineer the hot orders are assigned to,
 * the supervisor, a second clerk. Connection i logs in as logins[i % 4]. */
static const struct { const char *login; const char *name; const char *groups; gboolean intakes; } logins[] = {
  { "race_desk",     "竞速前台",   "{wx_coordinator}", TRUE },
  { "race_engineer", "竞速工程师", "{wx_engineer}",    FALSE },
  { "race_super",    "竞速主管",   "{wx_supervisor}",  FALSE },
  { "race_desk2",    "竞速前台二", "{wx_coordinator}", TRUE },
};

typedef struct {
  gint64  event_id;
  gint64  order_id;
  int     version;
  char    event[24];
} Ack;

typedef struct {
  guint     index;
  char     *conninfo;
  GRand    *rand;
  GArray   *acks;           /* Ack: the steps this client saw committed */
  GPtrArray *intakes;       /* the numbers of the orders it saw created */
  guint     conflicts, steps_in_doubt, intakes_in_doubt, reconnects, unexpected;
  char     *first_unexpected;
} Worker;

static gint committed;       /* steps and intakes, every client */
static gint stopping;

/* ------------------------------------------------------------ the server */

/* The data directory of the server ./run tests started: $PGHOST/data. */
static char *
data_dir (void)
{
  return g_build_filename (g_getenv ("PGHOST"), "data", NULL);
}

/* pg_ctl restart -m immediate, as the data directory's owner (./run runs
 * the server as postgres when it runs as root), from a directory that
 * user may enter. Returns the milliseconds it took. */
static gint64
restart_server (void)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *log = g_build_filename (g_getenv ("PGHOST"), "server.log", NULL);
  g_autofree char *pg_ctl = g_build_filename (WX_PG_BINDIR, "pg_ctl", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  struct stat st;
  int status = 0;
  gint64 t0 = g_get_monotonic_time ();

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  if (geteuid () == 0 && st.st_uid != 0)
    {
      struct passwd *pw = getpwuid (st.st_uid);
      g_assert_nonnull (pw);
      g_ptr_array_add (argv, (char *) "runuser");
      g_ptr_array_add (argv, (char *) "-u");
      g_ptr_array_add (argv, pw->pw_name);
      g_ptr_array_add (argv, (char *) "--");
    }
  g_ptr_array_add (argv, pg_ctl);
  g_ptr_array_add (argv, (char *) "restart");
  g_ptr_array_add (argv, (char *) "-D");
  g_ptr_array_add (argv, dir);
  g_ptr_array_add (argv, (char *) "-m");
  g_ptr_array_add (argv, (char *) "immediate");
  g_ptr_array_add (argv, (char *) "-w");
  g_ptr_array_add (argv, (char *) "-t");
  g_ptr_array_add (argv, (char *) "60");
  /* The server's output goes to its log, never to this test's stdout. */
  g_ptr_array_add (argv, (char *) "-l");
  g_ptr_array_add (argv, log);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (g_getenv ("PGHOST"), (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run pg_ctl: %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pg_ctl restart failed: %s\n%s%s", error->message, out, err);
  return (g_get_monotonic_time () - t0) / 1000;
}

/* ------------------------------------------------------------ the clients */

static PGconn *
connect_retrying (Worker *w, gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      PGconn *conn = wx_db_connect (w->conninfo, &error);

      if (conn)
        return conn;
      g_usleep (50 * 1000);
    }
  g_error ("client %u could not reconnect within the run's time", w->index);
}

static gboolean
lost (PGconn *conn, const GError *error)
{
  return PQstatus (conn) != CONNECTION_OK ||
         g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE);
}

static void
unexpected (Worker *w, const char *what, const GError *error)
{
  w->unexpected++;
  if (w->first_unexpected == NULL)
    w->first_unexpected = g_strdup_printf ("client %u, %s: %s", w->index, what, error ? error->message : "?");
}

/* One step on a hot order from the version read just before. Returns
 * FALSE when the connection was lost. */
static gboolean
one_step (Worker *w, PGconn *conn)
{
  const char *number = hot[g_rand_int_range (w->rand, 0, N_HOT)];
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT version, state FROM service_orders WHERE number = $1",
                                         1, params, &error);
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (today, 3);
  g_autofree char *expected = g_date_time_format (later, "%Y-%m-%d");
  WxTransitionResult result = { 0 };
  const char *event;
  int version;

  if (res == NULL)
    {
      if (lost (conn, error))
        return FALSE;
      unexpected (w, "reading an order", error);
      return TRUE;
    }
  version = atoi (PQgetvalue (res, 0, 0));
  if (g_rand_int_range (w->rand, 0, 10) == 0)
    {
      event = "escalate";
      g_hash_table_insert (data, (char *) "reason", (char *) "缺少维修手册");
    }
  else if (g_str_equal (PQgetvalue (res, 0, 1), "agreed"))
    {
      event = "order_parts";
      g_hash_table_insert (data, (char *) "part", (char *) "定影组件");
      g_hash_table_insert (data, (char *) "quantity", (char *) "1");
      g_hash_table_insert (data, (char *) "expected_on", expected);
      g_hash_table_insert (data, (char *) "prepaid", (char *) "false");
    }
  else
    event = "parts_arrived";

  if (wx_db_order_transition (conn, number, version, event, data, &result, &error))
    {
      Ack a = { result.event_id, result.order_id, result.version, { 0 } };
      g_strlcpy (a.event, event, sizeof a.event);
      g_array_append_val (w->acks, a);
      g_atomic_int_inc (&committed);
      return TRUE;
    }
  if (lost (conn, error))
    {
      w->steps_in_doubt++;   /* sent; committed or not, the server alone knows */
      return FALSE;
    }
  if (g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT))
    w->conflicts++;      /* another client moved it first: read again, try again */
  else
    unexpected (w, event, error);
  return TRUE;
}

static gboolean
one_intake (Worker *w, PGconn *conn, guint n)
{
  g_autofree char *unit = g_strdup_printf ("竞速测试%u号单位", w->index);
  g_autofree char *phone = g_strdup_printf ("138%04u%04u", w->index, n % 10000);
  /* Each machine its own model and serial: no return repair, no cluster. */
  g_autofree char *model = g_strdup_printf ("RACE-%02u-%05u", w->index, n);
  g_autofree char *serial = g_strdup_printf ("RS%02u%05u", w->index, n);
  WxOrderDraft d = {
    .kind = WX_ORDER_KIND_CARRY_IN, .unit = unit, .contact = "赵先生", .phone = phone,
    .product = "笔记本电脑", .model = model, .serial = serial, .fault = "开机无显示",
    .warranty = "out_of_warranty",
  };
  g_auto(WxIntakeResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (wx_db_order_create (conn, &d, &result, &error))
    {
      g_ptr_array_add (w->intakes, g_strdup (result.number));
      g_atomic_int_inc (&committed);
      return TRUE;
    }
  if (lost (conn, error))
    {
      w->intakes_in_doubt++;
      return FALSE;
    }
  if (g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT))
    w->conflicts++;
  else
    unexpected (w, "intake", error);
  return TRUE;
}

static gpointer
work (gpointer data)
{
  Worker *w = data;
  gint64 deadline = g_get_monotonic_time () + (MAX_SECONDS + 60) * G_USEC_PER_SEC;
  PGconn *conn = connect_retrying (w, deadline);
  guint n = 0;

  while (!g_atomic_int_get (&stopping))
    {
      gboolean alive;

      if (logins[w->index % G_N_ELEMENTS (logins)].intakes && g_rand_int_range (w->rand, 0, 100) < 30)
        alive = one_intake (w, conn, n++);
      else
        alive = one_step (w, conn);
      if (!alive)
        {
          PQfinish (conn);
          conn = connect_retrying (w, deadline);
          w->reconnects++;
        }
    }
  PQfinish (conn);
  return NULL;
}

/* ------------------------------------------------------------ the checks */

static gint64
count (PGconn *conn, const char *sql, int n, const char * const *params)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v = wx_db_query_value (conn, sql, n, params, &error);

  g_assert_no_error (error);
  return v ? g_ascii_strtoll (v, NULL, 10) : -1;
}

static void
test_race (void)
{
  Worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  gint64 t0, elapsed_ms, restart_ms[N_RESTARTS] = { 0 };
  guint restarts = 0, conflicts = 0, steps_in_doubt = 0, intakes_in_doubt = 0, reconnects = 0, bad = 0;
  guint n_steps = 0, n_intakes = 0;
  gint64 steps_done, intakes_done;
  g_autoptr(GString) events = g_string_new ("{"), orders = g_string_new ("{");
  g_autoptr(GString) versions = g_string_new ("{"), names = g_string_new ("{"), numbers = g_string_new ("{");
  g_autoptr(PGconn) owner = NULL;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_autofree char *as = wx_db_conninfo_with (conninfo, "user", logins[i % G_N_ELEMENTS (logins)].login);

      workers[i] = (Worker) { .index = i, .rand = g_rand_new_with_seed (0x57a7 + i),
                              .acks = g_array_new (FALSE, FALSE, sizeof (Ack)),
                              .intakes = g_ptr_array_new_with_free_func (g_free) };
      /* The test server runs with synchronous_commit off for speed; a crash
       * may then lose a commit the client was told of. The shop's server
       * keeps PostgreSQL's default (on), and so do these sessions. */
      workers[i].conninfo = wx_db_conninfo_with (as, "options", "-c synchronous_commit=on");
      threads[i] = g_thread_new ("race", work, &workers[i]);
    }

  /* Restart in the middle: at a third and two thirds of the target, or
   * at 20 s and 40 s if the clients are slower than that. */
  for (;;)
    {
      gint done = g_atomic_int_get (&committed);
      gint64 seconds = (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;

      if (restarts < N_RESTARTS &&
          (done >= (gint) ((restarts + 1) * TARGET / (N_RESTARTS + 1)) || seconds >= 20 * (restarts + 1)))
        {
          g_test_message ("restart %u after %d committed, %" G_GINT64_FORMAT " s", restarts + 1, done, seconds);
          restart_ms[restarts++] = restart_server ();
          continue;
        }
      if ((done >= TARGET && restarts == N_RESTARTS) || seconds >= MAX_SECONDS)
        break;
      g_usleep (10 * 1000);
    }
  g_atomic_int_set (&stopping, 1);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  elapsed_ms = (g_get_monotonic_time () - t0) / 1000;

  for (guint i = 0; i < N_THREADS; i++)
    {
      Worker *w = &workers[i];

      for (guint k = 0; k < w->acks->len; k++)
        {
          Ack *a = &g_array_index (w->acks, Ack, k);
          const char *sep = events->len > 1 ? "," : "";
          g_string_append_printf (events, "%s%" G_GINT64_FORMAT, sep, a->event_id);
          g_string_append_printf (orders, "%s%" G_GINT64_FORMAT, sep, a->order_id);
          g_string_append_printf (versions, "%s%d", sep, a->version);
          g_string_append_printf (names, "%s%s", sep, a->event);
        }
      for (guint k = 0; k < w->intakes->len; k++)
        g_string_append_printf (numbers, "%s%s", numbers->len > 1 ? "," : "", (char *) g_ptr_array_index (w->intakes, k));
      n_steps += w->acks->len;
      n_intakes += w->intakes->len;
      conflicts += w->conflicts;
      steps_in_doubt += w->steps_in_doubt;
      intakes_in_doubt += w->intakes_in_doubt;
      reconnects += w->reconnects;
      bad += w->unexpected;
      if (w->first_unexpected)
        g_test_message ("unexpected refusal: %s", w->first_unexpected);
    }
  g_string_append_c (events, '}');
  g_string_append_c (orders, '}');
  g_string_append_c (versions, '}');
  g_string_append_c (names, '}');
  g_string_append_c (numbers, '}');

  owner = wx_test_db_connect (conninfo);
  /* What the server holds: the hot orders' steps (each order's version
   * less its first), the orders intake made. */
  {
    const char *params[] = { hot[0], hot[1], hot[2] };
    G_STATIC_ASSERT (N_HOT == 3);
    steps_done = count (owner, "SELECT sum(version - 1) FROM service_orders WHERE number IN ($1, $2, $3)", 3, params);
    intakes_done = count (owner, "SELECT count(*) FROM service_orders WHERE number NOT IN ($1, $2, $3)", 3, params);
  }
  g_test_message ("race: %u steps and %u intakes acknowledged in %.1f s (%.0f a second), %u conflicts retried,"
                  " %u steps and %u intakes in doubt at a restart (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                  " of them committed), %u reconnects, %u restarts (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                  " ms), %u unexpected refusals",
                  n_steps, n_intakes, elapsed_ms / 1000.0, (n_steps + n_intakes) * 1000.0 / (double) elapsed_ms,
                  conflicts, steps_in_doubt, intakes_in_doubt, steps_done - n_steps, intakes_done - n_intakes,
                  reconnects, restarts, restart_ms[0], restart_ms[1], bad);

  /* Nothing committed that its client was told failed: what the server
   * holds beyond the acknowledged is at most the calls in doubt. */
  g_assert_cmpint (steps_done, >=, n_steps);
  g_assert_cmpint (steps_done - n_steps, <=, steps_in_doubt);
  g_assert_cmpint (intakes_done, >=, n_intakes);
  g_assert_cmpint (intakes_done - n_intakes, <=, intakes_in_doubt);
  {
    const char *params[] = { events->str, orders->str, versions->str, names->str };

    /* No lost acknowledged change: each step a client was told of is
     * there, of its order, at the version the client was told. */
    g_assert_cmpint (count (owner,
      "SELECT count(*) FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::text[]) a(id, order_id, version, event)"
      "  LEFT JOIN order_events e ON e.id = a.id"
      " WHERE e.id IS NULL OR e.order_id <> a.order_id OR e.event <> a.event"
      "    OR a.version <> (SELECT count(*) FROM order_events x WHERE x.order_id = a.order_id AND x.id <= a.id"
      "                      AND NOT coalesce((x.payload ->> 'automatic')::boolean, false))",
      4, params), ==, 0);
    /* No two clients were told of the same event. */
    g_assert_cmpint (count (owner, "SELECT count(*) - count(DISTINCT x) FROM unnest($1::bigint[]) x", 1, params), ==, 0);
  }
  {
    const char *params[] = { numbers->str };
    g_assert_cmpint (count (owner,
      "SELECT count(*) FROM unnest($1::text[]) n"
      " WHERE NOT EXISTS (SELECT 1 FROM service_orders o JOIN order_events e ON e.order_id = o.id"
      "                    WHERE o.number = n AND e.event = 'received' AND e.from_state IS NULL)",
      1, params), ==, 0);
  }
  /* No event twice: each event of an order starts where the one before ended. */
  g_assert_cmpint (count (owner,
    "SELECT count(*) FROM (SELECT from_state, lag(to_state) OVER w AS before, row_number() OVER w AS n"
    "                        FROM order_events WINDOW w AS (PARTITION BY order_id ORDER BY id)) x"
    " WHERE n > 1 AND from_state IS DISTINCT FROM before", 0, NULL), ==, 0);
  /* Versions contiguous: one a change (intake, step), none for an automatic escalation. */
  g_assert_cmpint (count (owner,
    "SELECT count(*) FROM service_orders o"
    " WHERE o.version <> (SELECT count(*) FROM order_events e WHERE e.order_id = o.id"
    "                      AND NOT coalesce((e.payload ->> 'automatic')::boolean, false))", 0, NULL), ==, 0);
  /* Each order's state is its last event's. */
  g_assert_cmpint (count (owner,
    "SELECT count(*) FROM service_orders o"
    " WHERE o.state IS DISTINCT FROM (SELECT e.to_state FROM order_events e WHERE e.order_id = o.id"
    "                                  ORDER BY e.id DESC LIMIT 1)", 0, NULL), ==, 0);
  /* Order numbers unique and without gaps in each year; the counter at the last. */
  g_assert_cmpint (count (owner,
    "SELECT count(*) FROM ("
    "  SELECT m[1]::integer AS year, count(*) AS n, count(DISTINCT m[2]::bigint) AS d,"
    "         min(m[2]::bigint) AS lo, max(m[2]::bigint) AS hi"
    "    FROM service_orders, regexp_match(number, '([0-9]{4})-([0-9]+)$') m GROUP BY 1) y"
    "  LEFT JOIN order_number_counters c ON c.year = y.year"
    " WHERE y.n <> y.d OR y.lo <> 1 OR y.hi <> y.n OR c.last IS DISTINCT FROM y.hi", 0, NULL), ==, 0);

  g_assert_cmpuint (restarts, >=, 1);
  g_assert_cmpuint (reconnects, >=, 1);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (n_steps, >=, TARGET / 2);
  g_assert_cmpuint (n_intakes, >=, 50);
  g_assert_cmpuint (conflicts, >, 0);

  for (guint i = 0; i < N_THREADS; i++)
    {
      g_rand_free (workers[i].rand);
      g_array_unref (workers[i].acks);
      g_ptr_array_unref (workers[i].intakes);
      g_free (workers[i].conninfo);
      g_free (workers[i].first_unexpected);
    }
}

/* The staff logins; the hot orders, agreed and assigned to the engineer,
 * made by the owner with the event that brought them there. */
static void
setup (void)
{
  g_autoptr(PGconn) owner = NULL;
  g_autoptr(GError) error = NULL;

  conninfo = wx_test_db_create ("race", TRUE);
  owner = wx_test_db_connect (conninfo);
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      const char *params[] = { logins[i].login, logins[i].name, logins[i].groups };
      g_assert_true (wx_db_execute (owner, "SELECT wx_staff_ensure($1, $2, $3::text[])", 3, params, &error));
      g_assert_no_error (error);
    }
  wx_test_db_exec (owner,
    "INSERT INTO customers (unit_name, contact_person, mobile) VALUES ('广州竞速科技有限公司', '钱经理', '13900001111')");
  for (guint i = 0; i < N_HOT; i++)
    {
      g_autofree char *serial = g_strdup_printf ("HOT-%u", i);
      const char *params[] = { serial };

      hot[i] = wx_db_query_value (owner,
        "WITH o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name,"
        "             model, serial, reported_fault, engineer, received_by, owner_role, updated_by,"
        "             quote_total, quote_method, quoted_at, decision, decided_at, decision_contact)"
        "           SELECT 'carry_in', 'agreed', id, unit_name, mobile, '激光打印机', 'LaserJet M1005', $1, '卡纸',"
        "                  'race_engineer', 'race_desk', 'race_desk', 'race_desk',"
        "                  30000, 'phone', now() - interval '1 day', 'agree', now(), '钱经理'"
        "             FROM customers ORDER BY id LIMIT 1 RETURNING id, number),"
        " e AS (INSERT INTO order_events (order_id, event, from_state, to_state, actor)"
        "       SELECT id, 'agree', 'quoted', 'agreed', 'race_desk' FROM o)"
        " SELECT number FROM o", 1, params, &error);
      g_assert_no_error (error);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *pid = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  dir = data_dir ();
  pid = g_build_filename (dir, "postmaster.pid", NULL);
  if (!g_file_test (pid, G_FILE_TEST_EXISTS))
    {
      /* Not the server of ./run tests (one it may restart). */
      if (g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("no %s: the race needs the server ./run tests starts", pid);
      printf ("1..0 # SKIP the race restarts the server: run it through ./run tests\n");
      return 0;
    }
  setup ();
  g_test_add_func ("/race/steps-intakes-restarts", test_race);
  return g_test_run ();
}

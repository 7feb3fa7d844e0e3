/* The attack suite (issue 22, "the database is the guard"): what a staff
 * member could try with their own login and psql, against a database with
 * the demo's data, tried with a real connection of each group's login (not
 * SET ROLE: the functions check session_user).
 *
 * - Every table of schema public, every group: INSERT (a copy of an
 *   existing row), UPDATE (a column set to itself), DELETE, TRUNCATE, and
 *   the locks a writer may take (LOCK TABLE, SELECT … FOR UPDATE). A
 *   table no group writes (guarded_tables) or a write a group is not given
 *   (allowed_writes) must be refused as a denial, and a checksum of every
 *   table must be the same after the try. A table in neither list fails the
 *   test: a new table forces a decision here.
 * - Every function of schema public a login may EXECUTE (pg_proc and
 *   has_function_privilege, so new functions are attacked too), called
 *   with NULLs, with another engineer's order, with a forged actor in its
 *   JSON, with a far-away "now", with junk of each argument's type: refused
 *   with a SQLSTATE the client turns into a sentence, or else changing
 *   nothing that names the forged actor, a far time or another engineer's
 *   order.
 * - The reviewer's repro lines of issue 22, one test each.
 *
 * Which of these hold before migration 016 (the revoked writes) and the
 * server-side rules: see the comment of each repro test. */
#define G_LOG_DOMAIN "test-attack"

#include <stdarg.h>
#include <string.h>

#include "core/wx-records.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-error.h"
#include "wx-test-db.h"

enum { C = 1 << 0, E = 1 << 1, S = 1 << 2, A = 1 << 3 };

/* Tables no staff login writes with INSERT, UPDATE, DELETE or TRUNCATE:
 * what changes them goes through a SECURITY DEFINER function that checks
 * who asks and writes the event (intake, the steps, amend, the call log,
 * the supervisor's review, callbacks and complaints), or a trigger, or only
 * the migrations. */
static const char * const guarded_tables[] = {
  /* the order and its log */
  "service_orders", "order_events", "order_accessories", "quote_lines", "payments",
  "customer_prepayments", "invoices", "invoice_orders", "cash_counts",
  "statements", "statement_orders", "collection_chases",
  /* the records the steps keep */
  "visits", "part_orders", "outsourcing", "repair_tests", "stock_movements", "old_parts", "escalations",
  /* intake and the call log */
  "customers", "devices", "calls",
  /* the supervisor's review, the callbacks and the complaints */
  "order_reviews", "callbacks", "complaints", "complaint_steps",
  /* kept by functions and triggers, or by the migrations alone */
  "order_number_counters", "order_search", "schema_version",
  "workflow_states", "workflow_transitions", "workflow_needs",
  /* mirrors of core's tables (016): the category words, the functional tests */
  "machine_category_words", "functional_tests",
  /* the periodic jobs' log and archived reports (023): only the jobs write them */
  "job_runs", "report_archive",
  /* messages to customers (022): the outbox, its templates, the senders' secrets */
  "messages", "message_templates", "message_secrets",
  /* the shop's records (functions/shop.sql, stock.sql, issue 14): the
   * catalogue, the suppliers, reservations and the records' log */
  "parts", "suppliers", "stock_reservations", "record_events", "pinyin_readings",
};

/* The writes some groups keep; every other group is refused them, and
 * nobody may TRUNCATE. The tries of an allowed write run in a transaction
 * that is rolled back, and their outcome is not asserted (test-roles and
 * the pages' tests check them). */
static const struct {
  const char *table;
  guint       groups;
  const char *ops;        /* I, U, D */
} allowed_writes[] = {
  /* The administrator's catalogues and settings (the Settings and Staff pages). */
  { "settings",           A, "IUD" },
  { "business_hours",     A, "IUD" },
  { "calendar_days",      A, "IUD" },
  { "sla_thresholds",     A, "IUD" },
  { "staff",              A, "IUD" },
  { "contracts",          A, "IUD" },
  { "contract_devices",   A, "IUD" },
  { "workshop_equipment", A, "IUD" },
  /* Not records of an order's workflow. Work notes: each writes their own,
   * author and time are the server's (only order_id and body are granted). */
  { "work_notes",         C | E | S, "I" },
  /* The workshop's instruments checked each month; contract inspection
   * visits; the loan machines at the front desk. */
  { "equipment_checks",   E | S, "I" },
  { "equipment_checks",   S, "U" },
  { "inspection_visits",  E | S, "IU" },
  { "loaners",            C, "IU" },
};

/* One login per group, as a shop has them: the demo's staff, and an
 * administrator and a login in every group (as the private server's own
 * user is) made here. */
typedef struct {
  const char *login;
  const char *label;
  guint       groups;
  gboolean    made_here;
  PGconn     *conn;
} Login;

static Login logins[] = {
  { "zhang_wei", "coordinator", C },
  { "li_qiang",  "engineer",    E },
  { "zhou_min",  "supervisor",  S },
  { "atk_admin", "admin",       A, TRUE },
  { "atk_all",   "all-groups",  C | E | S | A, TRUE },
};

static char *conninfo;
static PGconn *owner;

/* The order the function calls aim at and whose rows the checksums
 * watch: wang_lei's, being repaired ("another engineer's order" for
 * li_qiang). Each repro test makes its own orders (make_order). */
static char *victim;

static char *make_order (const char *kind, const char *state, const char *engineer, const char *tag);

/* ------------------------------------------------------------ reporting */

static guint n_problems;

static void problem (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* A failed check: said (the first 60 of a test), the test marked failed,
 * the test goes on to show every other hole too. */
static void
problem (const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  n_problems++;
  if (n_problems <= 60)
    g_test_message ("FAIL: %s", text);
  else if (n_problems == 61)
    g_test_message ("FAIL: … (more, not shown)");
  g_test_fail ();
}

static void
begin_case (void)
{
  n_problems = 0;
}

/* ------------------------------------------------------------ tries */

typedef struct {
  gboolean   ok;
  char       state[6];
  WxDbError  code;
  char      *sentence;      /* what the client would show */
  char      *message;       /* the server's text, for the report */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->sentence, g_free);
  g_clear_pointer (&o->message, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
attempt (PGconn *conn, const char *sql, int n_params, const char * const *params, Outcome *o)
{
  g_autoptr(PGresult) res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  const char *state;

  memset (o, 0, sizeof *o);
  if (PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK)
    {
      o->ok = TRUE;
      g_strlcpy (o->state, "00000", sizeof o->state);
      return;
    }
  state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  g_strlcpy (o->state, state ? state : "?????", sizeof o->state);
  o->code = wx_db_error_code_for_state (state);
  o->message = g_strdup (PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY)
                         ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : PQerrorMessage (conn));
  {
    g_autoptr(GError) error = NULL;
    wx_db_set_error_from_result (&error, res, conn);
    o->sentence = g_strdup (error ? error->message : "");
  }
}

static const char *
code_name (WxDbError code)
{
  switch (code)
    {
    case WX_DB_ERROR_CONFLICT:     return "CONFLICT";
    case WX_DB_ERROR_NOT_FOUND:    return "NOT_FOUND";
    case WX_DB_ERROR_DENIED:       return "DENIED";
    case WX_DB_ERROR_INVALID:      return "INVALID";
    case WX_DB_ERROR_UNAVAILABLE:  return "UNAVAILABLE";
    case WX_DB_ERROR_SCHEMA_NEWER: return "SCHEMA_NEWER";
    case WX_DB_ERROR_FAILED:
    default:                       return "FAILED";
    }
}

/* A refusal the client can put in a sentence: the SQLSTATE maps to denied,
 * invalid, not found or conflict — not to "the database could not
 * complete the request" (XX000, 42883 for a function that exists, 0A000…)
 * nor to "unreachable". */
static gboolean
mapped (const Outcome *o)
{
  return !o->ok && (o->code == WX_DB_ERROR_DENIED || o->code == WX_DB_ERROR_INVALID ||
                    o->code == WX_DB_ERROR_NOT_FOUND || o->code == WX_DB_ERROR_CONFLICT);
}

/* The client's sentences for an error it knows no rule of
 * (src/db/wx-db-error.c, in English as the tests run): a refusal that
 * gets one of these does not name the field at fault. */
static gboolean
generic_sentence (const char *sentence)
{
  static const char * const generic[] = {
    "A value was refused because it is not valid; check what you typed.",
    "A required value is missing.",
    "This already exists; a duplicate cannot be saved.",
    "This refers to something that does not exist, or is still used elsewhere.",
    "What you asked for does not exist (any more).",
  };

  for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
    if (g_strcmp0 (sentence, generic[i]) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ checksums */

/* One row a table: its checksum, how many of its rows name the forged
 * actor ($1) in a login column (type name), how many hold a far time
 * (infinity, before 1990, more than 400 days ahead), and the checksum of
 * its rows of the victim order ($2). Built from the catalogue once. */
static char *snapshot_sql;

static void
build_snapshot_sql (void)
{
  g_autoptr(PGresult) res = PQexec (owner,
    "SELECT c.relname,"
    "  coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a"
    "             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    "               AND a.atttypid = 'name'::regtype), ''),"
    "  coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a"
    "             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    "               AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype)), ''),"
    "  coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_constraint k"
    "              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
    "             WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = 'service_orders'::regclass"
    "               AND cardinality(k.conkey) = 1), '')"
    "  FROM pg_class c"
    " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
    "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                    AND d.objid = c.oid AND d.deptype = 'e')"
    " ORDER BY c.relname");
  GString *sql = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (res); r++)
    {
      const char *name = PQgetvalue (res, r, 0);
      g_autofree char *table = PQescapeIdentifier (owner, name, strlen (name));
      g_autofree char *literal = PQescapeLiteral (owner, name, strlen (name));
      g_auto(GStrv) names = g_strsplit (PQgetvalue (res, r, 1), ",", -1);
      g_auto(GStrv) times = g_strsplit (PQgetvalue (res, r, 2), ",", -1);
      g_autofree char *refs_text = g_str_equal (name, "service_orders")
        ? g_strdup ("id") : g_strdup (PQgetvalue (res, r, 3));
      g_auto(GStrv) refs = g_strsplit (refs_text, ",", -1);
      GString *who = g_string_new (NULL), *when = g_string_new (NULL), *of = g_string_new (NULL);

      for (guint i = 0; names[i] && *names[i]; i++)
        {
          g_autofree char *col = PQescapeIdentifier (owner, names[i], strlen (names[i]));
          g_string_append_printf (who, "%sx.%s = $1::name", who->len ? " OR " : "", col);
        }
      for (guint i = 0; times[i] && *times[i]; i++)
        {
          g_autofree char *col = PQescapeIdentifier (owner, times[i], strlen (times[i]));
          g_string_append_printf (when, "%sx.%s IN ('infinity', '-infinity') OR x.%s < '1990-01-01'"
                                  " OR x.%s > now() + interval '400 days'",
                                  when->len ? " OR " : "", col, col, col);
        }
      for (guint i = 0; refs[i] && *refs[i]; i++)
        {
          g_autofree char *col = PQescapeIdentifier (owner, refs[i], strlen (refs[i]));
          g_string_append_printf (of, "%sx.%s = $2::bigint", of->len ? " OR " : "", col);
        }
      g_string_append_printf (sql,
        "%sSELECT %s::text,"
        " (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM %s x),"
        " (SELECT count(*) FROM %s x WHERE %s),"
        " (SELECT count(*) FROM %s x WHERE %s),"
        " (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM %s x WHERE %s)",
        r ? " UNION ALL " : "", literal, table,
        table, who->len ? who->str : "false",
        table, when->len ? when->str : "false",
        table, of->len ? of->str : "false");
      g_string_free (who, TRUE);
      g_string_free (when, TRUE);
      g_string_free (of, TRUE);
    }
  /* Both parameters appear even in a schema without login columns. */
  g_string_append (sql, " UNION ALL SELECT '(parameters)', $1::name::text, 0, 0, $2::bigint::text");
  snapshot_sql = g_string_free (sql, FALSE);
}

typedef struct {
  GPtrArray *tables, *sums, *victim;
  GArray    *forged, *far;
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_ptr_array_unref (s->tables);
  g_ptr_array_unref (s->sums);
  g_ptr_array_unref (s->victim);
  g_array_unref (s->forged);
  g_array_unref (s->far);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static char *
order_id_of (const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  char *id = wx_db_query_value (owner, "SELECT id FROM service_orders WHERE number = $1", 1, params, &error);

  g_assert_no_error (error);
  return id;
}

static Snapshot *
snapshot_copy (const Snapshot *s)
{
  Snapshot *c = g_new0 (Snapshot, 1);

  c->tables = g_ptr_array_copy (s->tables, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  c->sums = g_ptr_array_copy (s->sums, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  c->victim = g_ptr_array_copy (s->victim, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  c->forged = g_array_copy (s->forged);
  c->far = g_array_copy (s->far);
  return c;
}

/* The last full snapshot, and the transaction ids as they stood just
 * before it was taken: no row of any table changes but by a transaction
 * that commits with an id of its own, so while no id from `last_xmax` on
 * has committed, every checksum is still the last one. The checksums are
 * what a refused call is held to; this only spares recomputing them over
 * every table when nothing at all was committed since. */
static Snapshot *last_snapshot;
static char     *last_key;
static guint64   last_xmax;

/* The next transaction id; FALSE when one is still running (then nothing
 * is cached). */
static gboolean
xact_horizon (guint64 *xmax)
{
  g_autoptr(PGresult) res = PQexec (owner,
    "SELECT pg_snapshot_xmax(s)::text, (SELECT count(*) FROM pg_snapshot_xip(s)) FROM pg_current_snapshot() s");

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("transaction ids: %s", PQerrorMessage (owner));
  *xmax = g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
  return g_str_equal (PQgetvalue (res, 0, 1), "0");
}

static gboolean
committed_since (guint64 from, guint64 to)
{
  g_autofree char *a = g_strdup_printf ("%" G_GUINT64_FORMAT, from);
  g_autofree char *b = g_strdup_printf ("%" G_GUINT64_FORMAT, to);
  const char *params[] = { a, b };
  g_autoptr(PGresult) res = NULL;

  if (from >= to)
    return FALSE;
  res = PQexecParams (owner,
    "SELECT count(*) FROM generate_series($1::bigint, $2::bigint - 1) x"
    " WHERE pg_xact_status(x::text::xid8) IS DISTINCT FROM 'aborted'", 2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("transaction status: %s", PQerrorMessage (owner));
  return !g_str_equal (PQgetvalue (res, 0, 0), "0");
}

/* Every table as it is now, seen by the owner. */
static Snapshot *
snapshot (const char *forged_actor)
{
  g_autofree char *key = g_strdup_printf ("%s|%s", forged_actor, victim);
  g_autofree char *victim_id = NULL;
  const char *params[] = { forged_actor, NULL };
  g_autoptr(PGresult) res = NULL;
  Snapshot *s;
  guint64 xmax = 0;
  gboolean quiet = xact_horizon (&xmax);

  if (quiet && last_snapshot && g_str_equal (key, last_key) && !committed_since (last_xmax, xmax))
    return snapshot_copy (last_snapshot);
  g_clear_pointer (&last_snapshot, snapshot_free);
  g_clear_pointer (&last_key, g_free);
  victim_id = order_id_of (victim);
  params[1] = victim_id;
  res = PQexecParams (owner, snapshot_sql, 2, NULL, params, NULL, NULL, 0);
  s = g_new0 (Snapshot, 1);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("checksums: %s", PQerrorMessage (owner));
  s->tables = g_ptr_array_new_with_free_func (g_free);
  s->sums = g_ptr_array_new_with_free_func (g_free);
  s->victim = g_ptr_array_new_with_free_func (g_free);
  s->forged = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->far = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int r = 0; r < PQntuples (res); r++)
    {
      gint64 forged = g_ascii_strtoll (PQgetvalue (res, r, 2), NULL, 10);
      gint64 far = g_ascii_strtoll (PQgetvalue (res, r, 3), NULL, 10);

      g_ptr_array_add (s->tables, g_strdup (PQgetvalue (res, r, 0)));
      g_ptr_array_add (s->sums, g_strdup (PQgetvalue (res, r, 1)));
      g_ptr_array_add (s->victim, g_strdup (PQgetvalue (res, r, 4)));
      g_array_append_val (s->forged, forged);
      g_array_append_val (s->far, far);
    }
  if (quiet)
    {
      last_snapshot = snapshot_copy (s);
      last_key = g_steal_pointer (&key);
      last_xmax = xmax;
    }
  return s;
}

typedef struct {
  char     *changed;          /* tables whose checksum moved, or NULL */
  char     *forged;           /* tables with more rows naming the forged actor */
  char     *far;              /* tables with more rows at a far time */
  char     *victim;           /* tables whose rows of the victim order moved */
} Diff;

static void
diff_clear (Diff *d)
{
  g_clear_pointer (&d->changed, g_free);
  g_clear_pointer (&d->forged, g_free);
  g_clear_pointer (&d->far, g_free);
  g_clear_pointer (&d->victim, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Diff, diff_clear)

static char *
joined_or_null (GString *s)
{
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
compare (const Snapshot *before, const Snapshot *after, Diff *d)
{
  GString *changed = g_string_new (NULL), *forged = g_string_new (NULL);
  GString *far = g_string_new (NULL), *vict = g_string_new (NULL);

  g_assert_cmpuint (before->tables->len, ==, after->tables->len);
  for (guint i = 0; i < before->tables->len; i++)
    {
      const char *t = g_ptr_array_index (before->tables, i);

      if (g_str_equal (t, "(parameters)"))
        continue;
      if (!g_str_equal (g_ptr_array_index (before->sums, i), g_ptr_array_index (after->sums, i)))
        g_string_append_printf (changed, "%s%s", changed->len ? ", " : "", t);
      if (g_array_index (after->forged, gint64, i) > g_array_index (before->forged, gint64, i))
        g_string_append_printf (forged, "%s%s", forged->len ? ", " : "", t);
      if (g_array_index (after->far, gint64, i) > g_array_index (before->far, gint64, i))
        g_string_append_printf (far, "%s%s", far->len ? ", " : "", t);
      if (!g_str_equal (g_ptr_array_index (before->victim, i), g_ptr_array_index (after->victim, i)))
        g_string_append_printf (vict, "%s%s", vict->len ? ", " : "", t);
    }
  d->changed = joined_or_null (changed);
  d->forged = joined_or_null (forged);
  d->far = joined_or_null (far);
  d->victim = joined_or_null (vict);
}

static const char *
forged_actor_for (const Login *l)
{
  return g_str_equal (l->login, "zhou_min") ? "zhang_wei" : "zhou_min";
}

/* Runs `sql` as `l` and checks that it is refused with a sentence (as a
 * denial when `denial`) and that no table changed. */
static void
expect_refused (const Login *l, const char *what, const char *sql, int n, const char * const *params,
                gboolean denial)
{
  g_autoptr(Snapshot) before = snapshot (forged_actor_for (l));
  g_auto(Outcome) o = { 0 };
  g_autoptr(Snapshot) after = NULL;
  g_auto(Diff) d = { 0 };

  attempt (l->conn, sql, n, params, &o);
  after = snapshot (forged_actor_for (l));
  compare (before, after, &d);
  if (o.ok)
    problem ("%s (%s): %s was accepted", l->login, l->label, what);
  else if (!mapped (&o))
    problem ("%s (%s): %s refused with SQLSTATE %s (%s), which the client shows as “%s”: %s",
             l->login, l->label, what, o.state, code_name (o.code), o.sentence, o.message);
  else if (denial && o.code != WX_DB_ERROR_DENIED)
    problem ("%s (%s): %s refused with SQLSTATE %s (%s), not as a denial: %s",
             l->login, l->label, what, o.state, code_name (o.code), o.message);
  if (d.changed)
    problem ("%s (%s): %s changed %s", l->login, l->label, what, d.changed);
}

static Login *
login_named (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    if (g_str_equal (logins[i].login, name))
      return &logins[i];
  g_assert_not_reached ();
}

static PGconn *
connect_as (const char *login)
{
  g_autofree char *as = wx_db_conninfo_with (conninfo, "user", login);
  /* A try that waits for a lock must not hang the suite. */
  g_autofree char *ci = wx_db_conninfo_with (as, "options", "-c statement_timeout=20000");

  return wx_test_db_connect (ci);
}

static int
version_of (const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  g_autofree char *v = wx_db_query_value (owner, "SELECT version FROM service_orders WHERE number = $1",
                                          1, params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return atoi (v);
}

/* ------------------------------------------------------------ the catalogue */

static gboolean
in_list (const char * const *list, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

/* Whether group set `groups` keeps write `op` (I, U, D) on `table`. */
static gboolean
write_allowed (const char *table, guint groups, char op)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_writes); i++)
    if (g_str_equal (allowed_writes[i].table, table) && (allowed_writes[i].groups & groups) &&
        strchr (allowed_writes[i].ops, op))
      return TRUE;
  return FALSE;
}

static gboolean
has_allowed_entry (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_writes); i++)
    if (g_str_equal (allowed_writes[i].table, table))
      return TRUE;
  return FALSE;
}

static GPtrArray *
public_tables (void)
{
  g_autoptr(PGresult) res = PQexec (owner,
    "SELECT c.relname FROM pg_class c"
    " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
    "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                    AND d.objid = c.oid AND d.deptype = 'e')"
    " ORDER BY c.relname");
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (res); r++)
    g_ptr_array_add (tables, g_strdup (PQgetvalue (res, r, 0)));
  return tables;
}

/* Every table is in one of the two lists; no login holds a write the lists
 * do not give it, column by column; nobody may create objects in the
 * schema (a function there could shadow what the definer functions call),
 * add triggers or truncate. */
static void
test_catalogue (void)
{
  g_autoptr(GPtrArray) tables = public_tables ();

  begin_case ();
  for (guint i = 0; i < tables->len; i++)
    {
      const char *t = g_ptr_array_index (tables, i);
      gboolean guarded = in_list (guarded_tables, G_N_ELEMENTS (guarded_tables), t);

      if (!guarded && !has_allowed_entry (t))
        problem ("table %s is new: add it to guarded_tables or allowed_writes at the top of test-attack.c", t);
      if (guarded && has_allowed_entry (t))
        problem ("table %s is both guarded and allowed", t);
    }
  for (guint i = 0; i < G_N_ELEMENTS (guarded_tables); i++)
    if (!g_ptr_array_find_with_equal_func (tables, guarded_tables[i], g_str_equal, NULL))
      problem ("guarded table %s does not exist any more: update test-attack.c", guarded_tables[i]);

  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    {
      const char *params[] = { logins[l].login };
      g_autoptr(PGresult) res = PQexecParams (owner,
        "SELECT c.relname, p.op"
        "  FROM pg_class c, (VALUES ('INSERT', 'I'), ('UPDATE', 'U'), ('DELETE', 'D'), ('TRUNCATE', 'T'),"
        "                           ('TRIGGER', 'T'), ('REFERENCES', 'T')) p(priv, op)"
        " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
        "   AND (has_table_privilege($1, c.oid, p.priv)"
        "        OR p.priv IN ('INSERT', 'UPDATE', 'REFERENCES') AND has_any_column_privilege($1, c.oid, p.priv))"
        " ORDER BY 1, 2", 1, NULL, params, NULL, NULL, 0);
      g_autofree char *create = NULL;

      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      for (int r = 0; r < PQntuples (res); r++)
        {
          const char *t = PQgetvalue (res, r, 0);
          char op = PQgetvalue (res, r, 1)[0];

          if (op == 'T' || !write_allowed (t, logins[l].groups, op))
            problem ("%s (%s) holds %s on %s", logins[l].login, logins[l].label,
                     op == 'I' ? "INSERT" : op == 'U' ? "UPDATE" : op == 'D' ? "DELETE"
                     : "TRUNCATE, TRIGGER or REFERENCES", t);
        }
      {
        g_autoptr(GError) error = NULL;
        create = wx_db_query_value (owner,
          "SELECT has_schema_privilege($1, 'public', 'CREATE')", 1, params, &error);
        g_assert_no_error (error);
      }
      if (g_str_equal (create, "t"))
        problem ("%s (%s) may create objects in schema public", logins[l].login, logins[l].label);
    }
}

/* ------------------------------------------------------------ tables */

/* The columns of `table` an INSERT copies from an existing row: not
 * generated, not an identity, and not a defaulted column of a unique key
 * (id, the order number), so that the row would be a plausible new one. */
static char *
copy_columns (const char *table)
{
  const char *params[] = { table };
  g_autoptr(GError) error = NULL;
  char *cols = wx_db_query_value (owner,
    "SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)"
    "  FROM pg_attribute a"
    " WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped"
    "   AND a.attgenerated = '' AND a.attidentity = ''"
    "   AND NOT (a.atthasdef AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid"
    "                                     AND i.indisunique AND a.attnum = ANY (i.indkey)))",
    1, params, &error);

  g_assert_no_error (error);
  return cols;
}

/* The column an UPDATE sets to itself: one the login may update if there
 * is one (column grants), else the first. */
static char *
update_column (const char *table, const char *login)
{
  const char *params[] = { table, login };
  g_autoptr(GError) error = NULL;
  char *col = wx_db_query_value (owner,
    "SELECT quote_ident(a.attname) FROM pg_attribute a"
    " WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
    " ORDER BY has_column_privilege($2, a.attrelid, a.attnum, 'UPDATE') DESC, a.attnum LIMIT 1",
    2, params, &error);

  g_assert_no_error (error);
  return col;
}

static void
test_tables (gconstpointer data)
{
  Login *l = (Login *) data;
  g_autoptr(GPtrArray) tables = public_tables ();
  Snapshot *before = snapshot (forged_actor_for (l));
  guint tried = 0, rolled_back = 0;

  begin_case ();
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = g_ptr_array_index (tables, i);
      g_autofree char *t = PQescapeIdentifier (owner, name, strlen (name));
      g_autofree char *cols = copy_columns (name);
      g_autofree char *col = update_column (name, l->login);
      /* The writes, and the locks a writer may take: a table locked
       * against writers, rows locked FOR UPDATE, stop every other PC. */
      char ops[] = "IUDTLF";

      for (guint k = 0; ops[k]; k++)
        {
          g_autofree char *sql = NULL;
          g_auto(Outcome) o = { 0 };
          g_auto(Diff) d = { 0 };
          Snapshot *after;
          gboolean allowed;
          const char *what = ops[k] == 'I' ? "INSERT a copy of a row" : ops[k] == 'U' ? "UPDATE a column to itself"
                           : ops[k] == 'D' ? "DELETE every row" : ops[k] == 'T' ? "TRUNCATE"
                           : ops[k] == 'L' ? "LOCK against writers" : "SELECT … FOR UPDATE";

          switch (ops[k])
            {
            case 'I':
              sql = cols ? g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM %s LIMIT 1", t, cols, cols, t)
                         : g_strdup_printf ("INSERT INTO %s DEFAULT VALUES", t);
              allowed = write_allowed (name, l->groups, 'I');
              break;
            case 'U':
              sql = g_strdup_printf ("UPDATE %s SET %s = %s WHERE true", t, col, col);
              allowed = write_allowed (name, l->groups, 'U');
              break;
            case 'D':
              sql = g_strdup_printf ("DELETE FROM %s WHERE true", t);
              allowed = write_allowed (name, l->groups, 'D');
              break;
            case 'T':
              sql = g_strdup_printf ("TRUNCATE %s", t);
              allowed = FALSE;
              break;
            case 'L':
              sql = g_strdup_printf ("LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE", t);
              allowed = write_allowed (name, l->groups, 'U') || write_allowed (name, l->groups, 'D');
              break;
            default:
              sql = g_strdup_printf ("SELECT 1 FROM %s FOR UPDATE", t);
              allowed = write_allowed (name, l->groups, 'U') || write_allowed (name, l->groups, 'D');
              break;
            }

          if (allowed)
            {
              /* A write this group keeps: tried, and undone. */
              wx_test_db_exec (l->conn, "BEGIN");
              attempt (l->conn, sql, 0, NULL, &o);
              wx_test_db_exec (l->conn, "ROLLBACK");
              rolled_back++;
              continue;
            }
          if (ops[k] == 'L')
            {
              /* LOCK only exists inside a transaction. */
              tried++;
              wx_test_db_exec (l->conn, "BEGIN");
              attempt (l->conn, sql, 0, NULL, &o);
              wx_test_db_exec (l->conn, "ROLLBACK");
            }
          else
            {
              tried++;
              attempt (l->conn, sql, 0, NULL, &o);
            }
          after = snapshot (forged_actor_for (l));
          compare (before, after, &d);
          if (o.ok)
            problem ("%s (%s): %s on %s was accepted", l->login, l->label, what, name);
          else if (o.code != WX_DB_ERROR_DENIED)
            problem ("%s (%s): %s on %s refused with SQLSTATE %s (%s), not as a denial: %s",
                     l->login, l->label, what, name, o.state, code_name (o.code), o.message);
          if (d.changed)
            problem ("%s (%s): %s on %s changed the checksum of %s", l->login, l->label, what, name, d.changed);
          snapshot_free (before);
          before = after;
        }
    }
  snapshot_free (before);
  g_test_message ("%s (%s): %u writes and locks refused, %u allowed ones tried and rolled back",
                  l->login, l->label, tried, rolled_back);
}

/* Sequences: no login may set one (nextval only draws an id). */
static void
test_sequences (void)
{
  g_autoptr(PGresult) seqs = PQexec (owner,
    "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1");

  begin_case ();
  g_assert_cmpint (PQresultStatus (seqs), ==, PGRES_TUPLES_OK);
  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    for (int r = 0; r < PQntuples (seqs); r++)
      {
        const char *params[] = { PQgetvalue (seqs, r, 0) };
        g_autofree char *what = g_strdup_printf ("setval of sequence %s", params[0]);
        g_autofree char *before = wx_db_query_value (owner,
          "SELECT last_value FROM pg_sequences WHERE schemaname = 'public' AND sequencename = $1", 1, params, NULL);
        g_autofree char *after = NULL;

        expect_refused (&logins[l], what, "SELECT setval(('public.' || quote_ident($1))::regclass, 1, false)",
                        1, params, TRUE);
        after = wx_db_query_value (owner,
          "SELECT last_value FROM pg_sequences WHERE schemaname = 'public' AND sequencename = $1", 1, params, NULL);
        if (g_strcmp0 (before, after) != 0)
          problem ("%s: %s moved it from %s to %s", logins[l].login, what, before, after);
      }
}

/* ------------------------------------------------------------ functions */

typedef enum {
  T_TEXT, T_INT, T_BIGINT, T_NUM, T_BOOL, T_JSON, T_TIME, T_INTERVAL, T_TEXT_ARRAY, T_ARRAY, T_OTHER,
} ArgClass;

static ArgClass
arg_class (const char *type)
{
  if (g_str_equal (type, "text") || g_str_equal (type, "name") || g_str_equal (type, "character varying")
      || g_str_equal (type, "character") || g_str_equal (type, "citext")
      || g_str_has_prefix (type, "wx_"))    /* the schema's text domains (wx_phone, wx_name…) */
    return T_TEXT;
  if (g_str_equal (type, "integer") || g_str_equal (type, "smallint"))
    return T_INT;
  if (g_str_equal (type, "bigint"))
    return T_BIGINT;
  if (g_str_equal (type, "numeric") || g_str_equal (type, "real") || g_str_equal (type, "double precision"))
    return T_NUM;
  if (g_str_equal (type, "boolean"))
    return T_BOOL;
  if (g_str_equal (type, "jsonb") || g_str_equal (type, "json"))
    return T_JSON;
  if (g_str_has_prefix (type, "timestamp") || g_str_equal (type, "date"))
    return T_TIME;
  if (g_str_equal (type, "interval"))
    return T_INTERVAL;
  if (g_str_equal (type, "text[]") || g_str_equal (type, "name[]"))
    return T_TEXT_ARRAY;
  if (g_str_has_suffix (type, "[]"))
    return T_ARRAY;
  return T_OTHER;
}

/* The values a forged argument of each class takes (NULL first: a NULL
 * version, a NULL order…). */
static GPtrArray *
forged_values (ArgClass c, const char *forged_json, const char *junk_json)
{
  GPtrArray *v = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (v, NULL);
  switch (c)
    {
    case T_TEXT:
      g_ptr_array_add (v, g_strdup (""));
      g_ptr_array_add (v, g_strdup ("atk_victim"));
      {
        GString *s = g_string_new (NULL);
        for (guint i = 0; i < 2000; i++)
          g_string_append (s, "维");
        g_ptr_array_add (v, g_string_free (s, FALSE));
      }
      break;
    case T_INT:
      g_ptr_array_add (v, g_strdup ("-1"));
      g_ptr_array_add (v, g_strdup ("2147483647"));
      break;
    case T_BIGINT:
      g_ptr_array_add (v, g_strdup ("-1"));
      g_ptr_array_add (v, g_strdup ("9223372036854775807"));
      break;
    case T_NUM:
      g_ptr_array_add (v, g_strdup ("NaN"));
      g_ptr_array_add (v, g_strdup ("-1"));
      break;
    case T_BOOL:
      g_ptr_array_add (v, g_strdup ("true"));
      break;
    case T_JSON:
      g_ptr_array_add (v, g_strdup ("[]"));
      g_ptr_array_add (v, g_strdup ("\"x\""));
      g_ptr_array_add (v, g_strdup (forged_json));
      g_ptr_array_add (v, g_strdup (junk_json));
      break;
    case T_TIME:
      g_ptr_array_add (v, g_strdup ("infinity"));
      g_ptr_array_add (v, g_strdup ("2099-01-01 10:00+08"));
      g_ptr_array_add (v, g_strdup ("1970-01-01 10:00+08"));
      break;
    case T_INTERVAL:
      g_ptr_array_add (v, g_strdup ("-100 years"));
      g_ptr_array_add (v, g_strdup ("1000 years"));
      break;
    case T_TEXT_ARRAY:
      g_ptr_array_add (v, g_strdup ("{}"));
      g_ptr_array_add (v, g_strdup ("{wx_admin}"));
      break;
    case T_ARRAY:
      g_ptr_array_add (v, g_strdup ("{}"));
      break;
    case T_OTHER:
    default:
      break;
    }
  return v;
}

/* A plausible value of each class: the victim order's number, version and
 * id, an empty object, now. */
static char *
baseline_value (ArgClass c)
{
  switch (c)
    {
    case T_TEXT:       return g_strdup (victim);
    case T_INT:        return g_strdup_printf ("%d", version_of (victim));
    case T_BIGINT:     return order_id_of (victim);
    case T_NUM:        return g_strdup ("0");
    case T_BOOL:       return g_strdup ("false");
    case T_JSON:       return g_strdup ("{}");
    case T_TIME:       return g_strdup ("now");
    case T_INTERVAL:   return g_strdup ("1 day");
    case T_TEXT_ARRAY:
    case T_ARRAY:      return g_strdup ("{}");
    case T_OTHER:
    default:           return NULL;
    }
}

/* JSON with every key a step, the order or a record might read, each
 * holding something that is not a value. Keys from the catalogue. */
static char *
junk_json (void)
{
  g_autoptr(GError) error = NULL;
  char *json = wx_db_query_value (owner,
    "SELECT jsonb_object_agg(k, 'not a value ∞ '' OR true --')::text FROM ("
    "  SELECT key AS k FROM workflow_needs WHERE key IS NOT NULL"
    "  UNION SELECT attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
    "   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0"
    "     AND NOT a.attisdropped) keys", 0, NULL, &error);

  g_assert_no_error (error);
  return json;
}

static void
test_functions (gconstpointer data)
{
  Login *l = (Login *) data;
  const char *params[] = { l->login };
  g_autoptr(PGresult) funcs = PQexecParams (owner,
    "SELECT p.oid::regprocedure::text, quote_ident(p.proname), p.prokind,"
    "       coalesce((SELECT string_agg(format_type(t.oid, NULL), '|' ORDER BY a.n)"
    "                   FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(o, n) JOIN pg_type t ON t.oid = a.o), ''),"
    "       EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a(o) JOIN pg_type t ON t.oid = a.o"
    "                WHERE t.typtype = 'p')"
    "  FROM pg_proc p"
    " WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')"
    "   AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)"
    "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
    "                    AND d.objid = p.oid AND d.deptype = 'e')"
    "   AND has_function_privilege($1, p.oid, 'EXECUTE')"
    " ORDER BY 1", 1, NULL, params, NULL, NULL, 0);
  const char *forged = forged_actor_for (l);
  g_autofree char *forged_json = g_strdup_printf (
    "{\"actor\": \"%s\", \"author\": \"%s\", \"received_by\": \"%s\", \"updated_by\": \"%s\","
    " \"at\": \"2000-01-01T00:00:00+08:00\", \"now\": \"infinity\", \"version\": null}",
    forged, forged, forged, forged);
  g_autofree char *junk = junk_json ();
  guint calls = 0, refused = 0, generic = 0;

  begin_case ();
  g_assert_cmpint (PQresultStatus (funcs), ==, PGRES_TUPLES_OK);
  for (int f = 0; f < PQntuples (funcs); f++)
    {
      const char *signature = PQgetvalue (funcs, f, 0);
      const char *name = PQgetvalue (funcs, f, 1);
      gboolean procedure = PQgetvalue (funcs, f, 2)[0] == 'p';
      g_auto(GStrv) types = *PQgetvalue (funcs, f, 3) ? g_strsplit (PQgetvalue (funcs, f, 3), "|", -1)
                                                       : g_new0 (char *, 1);
      guint n = g_strv_length (types);
      g_autoptr(GString) call = g_string_new (NULL);
      g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      if (g_str_equal (PQgetvalue (funcs, f, 4), "t"))
        {
          g_test_message ("%s: %s takes a pseudo-type, not called", l->login, signature);
          continue;
        }
      g_string_append_printf (call, "%s public.%s(", procedure ? "CALL" : "SELECT", name);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *type = NULL;
          /* The type as the catalogue names it is a valid cast target. */
          type = g_strdup (types[i]);
          g_string_append_printf (call, "%s$%u::%s", i ? ", " : "", i + 1, type);
        }
      g_string_append (call, ")");

      /* Vector 0: every argument NULL (or none at all). Then each argument
       * in turn forged, the others plausible. A vector is an array of
       * (value, marker) pairs: marker "b" = baseline, resolved just before
       * the call; "f" = forged. */
      {
        GPtrArray *v = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 0; i < n; i++)
          {
            g_ptr_array_add (v, NULL);
            g_ptr_array_add (v, g_strdup ("n"));
          }
        g_ptr_array_add (vectors, v);
      }
      for (guint i = 0; i < n; i++)
        {
          ArgClass c = arg_class (types[i]);
          g_autoptr(GPtrArray) values = forged_values (c, forged_json, junk);

          for (guint k = 0; k < values->len; k++)
            {
              GPtrArray *v = g_ptr_array_new_with_free_func (g_free);
              for (guint j = 0; j < n; j++)
                {
                  if (j == i)
                    {
                      const char *x = g_ptr_array_index (values, k);
                      g_ptr_array_add (v, g_strdup (x));
                      g_ptr_array_add (v, g_strdup (c == T_TIME || c == T_INTERVAL ? (x ? "t" : "f") : "f"));
                    }
                  else
                    {
                      g_ptr_array_add (v, NULL);
                      g_ptr_array_add (v, g_strdup_printf ("b%d", (int) arg_class (types[j])));
                    }
                }
              g_ptr_array_add (vectors, v);
            }
        }

      for (guint k = 0; k < vectors->len; k++)
        {
          GPtrArray *v = g_ptr_array_index (vectors, k);
          g_autofree const char **values = g_new0 (const char *, n + 1);
          g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
          gboolean all_null = n > 0 && k == 0;
          gboolean far_time = FALSE;
          g_autoptr(GString) shown = g_string_new (NULL);
          g_auto(Outcome) o = { 0 };
          g_auto(Diff) d = { 0 };
          g_autoptr(Snapshot) before = NULL;
          g_autoptr(Snapshot) after = NULL;

          for (guint i = 0; i < n; i++)
            {
              const char *value = g_ptr_array_index (v, 2 * i);
              const char *marker = g_ptr_array_index (v, 2 * i + 1);

              if (marker[0] == 'b')
                {
                  char *b = baseline_value ((ArgClass) atoi (marker + 1));
                  g_ptr_array_add (owned, b);
                  value = b;
                }
              if (marker[0] == 't')
                far_time = TRUE;
              values[i] = value;
              if (value && g_utf8_strlen (value, -1) > 40)
                {
                  g_autofree char *head = g_utf8_substring (value, 0, 30);
                  g_string_append_printf (shown, "%s'%s…'", i ? ", " : "", head);
                }
              else
                g_string_append_printf (shown, "%s%s%s%s", i ? ", " : "", value ? "'" : "",
                                        value ? value : "NULL", value ? "'" : "");
            }

          before = snapshot (forged);
          attempt (l->conn, call->str, (int) n, values, &o);
          after = snapshot (forged);
          compare (before, after, &d);
          calls++;
          if (!o.ok)
            {
              refused++;
              if (!mapped (&o))
                problem ("%s (%s): %s(%s) refused with SQLSTATE %s (%s), which the client shows as “%s”: %s",
                         l->login, l->label, name, shown->str, o.state, code_name (o.code), o.sentence, o.message);
              else if (generic_sentence (o.sentence))
                {
                  /* Mapped, but by the generic sentence for a bad value:
                   * the function should name the field (WX400). */
                  generic++;
                  g_test_message ("note: %s (%s): %s(%s) refused with the generic sentence (SQLSTATE %s: %s)",
                                  l->login, l->label, name, shown->str, o.state, o.message);
                }
              if (d.changed)
                problem ("%s (%s): %s(%s) was refused but changed %s", l->login, l->label, name, shown->str,
                         d.changed);
              continue;
            }
          /* Accepted: only what a plausible call may change. */
          if (all_null && d.changed)
            problem ("%s (%s): %s with every argument NULL was accepted and changed %s",
                     l->login, l->label, signature, d.changed);
          if (far_time && d.changed)
            problem ("%s (%s): %s(%s) took the caller's time and changed %s",
                     l->login, l->label, name, shown->str, d.changed);
          if (d.forged)
            problem ("%s (%s): %s(%s) wrote the forged actor %s into %s",
                     l->login, l->label, name, shown->str, forged, d.forged);
          if (d.far)
            problem ("%s (%s): %s(%s) wrote a far-away time into %s", l->login, l->label, name, shown->str, d.far);
          if (l->groups == E && d.victim)
            problem ("%s (%s): %s(%s) changed another engineer's order %s (%s)",
                     l->login, l->label, name, shown->str, victim, d.victim);
        }
    }
  g_test_message ("%s (%s): %d functions, %u calls, %u refused (%u with the generic sentence)",
                  l->login, l->label, PQntuples (funcs), calls, refused, generic);
}

/* ------------------------------------------------------------ repro lines */

static void
transition_refused (const Login *l, const char *what, const char *number, gboolean null_version,
                    const char *event, const char *payload)
{
  g_autofree char *version = null_version ? NULL : g_strdup_printf ("%d", version_of (number));
  const char *params[] = { number, version, event, payload };

  expect_refused (l, what, "SELECT * FROM wx_transition($1, $2::integer, $3, $4::jsonb)", 4, params, FALSE);
}

/* A connection of a login not in logins[] (wang_lei, whose orders the
 * victims are). */
static Login *
other_login (const char *login)
{
  Login *other = g_new0 (Login, 1);

  other->login = login;
  other->label = "engineer";
  other->groups = E;
  other->conn = connect_as (login);
  return other;
}

static void
other_login_free (Login *other)
{
  PQfinish (other->conn);
  g_free (other);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Login, other_login_free)

/* The control beside a refusal: the same kind of step, taken by whom it
 * is for, goes through; else the refusal proves nothing. */
static void
transition_accepted (const Login *l, const char *what, const char *number, const char *event, const char *payload)
{
  g_autofree char *version = g_strdup_printf ("%d", version_of (number));
  const char *params[] = { number, version, event, payload };
  g_auto(Outcome) o = { 0 };

  attempt (l->conn, "SELECT * FROM wx_transition($1, $2::integer, $3, $4::jsonb)", 4, params, &o);
  if (!o.ok)
    problem ("control: %s (%s): %s was refused (SQLSTATE %s: %s), so the refusals above prove nothing",
             l->login, l->label, what, o.state, o.message);
}

/* An engineer sets another engineer's order, and his own, to repaired
 * with an UPDATE: no notes, no tests, no event. [016: revoked UPDATE] */
static void
test_engineer_sets_repaired (void)
{
  g_autofree char *other = make_order ("carry_in", "repairing", "wang_lei", "ATK-R1");
  g_autofree char *mine = make_order ("carry_in", "repairing", "li_qiang", "ATK-R2");
  const char *params[] = { other };
  const char *mine_params[] = { mine };

  begin_case ();
  expect_refused (login_named ("li_qiang"), "UPDATE state = repaired on another engineer's order",
                  "UPDATE service_orders SET state = 'repaired', repair_notes = '修好了' WHERE number = $1",
                  1, params, TRUE);
  expect_refused (login_named ("li_qiang"), "UPDATE state = repaired on his own order",
                  "UPDATE service_orders SET state = 'repaired' WHERE number = $1", 1, mine_params, TRUE);
}

/* A coordinator cancels an agreed order, sets its quote total to 1, marks
 * a repaired order paid with no payment row. [016: revoked UPDATE] */
static void
test_coordinator_updates (void)
{
  g_autofree char *agreed = make_order ("carry_in", "agreed", "li_qiang", "ATK-C1");
  g_autofree char *repaired = make_order ("carry_in", "repaired", "li_qiang", "ATK-C2");
  const char *a[] = { agreed };
  const char *r[] = { repaired };
  Login *c = login_named ("zhang_wei");

  begin_case ();
  expect_refused (c, "UPDATE state = cancelled after the customer agreed",
                  "UPDATE service_orders SET state = 'cancelled', cancel_reason = '客户不修了' WHERE number = $1",
                  1, a, TRUE);
  expect_refused (c, "UPDATE quote_total = 1 after the customer agreed",
                  "UPDATE service_orders SET quote_total = 1 WHERE number = $1", 1, a, TRUE);
  expect_refused (c, "UPDATE payment_status = paid with no payment",
                  "UPDATE service_orders SET payment_status = 'paid' WHERE number = $1", 1, r, TRUE);
}

/* Forged events: the five that turned an order's clocks to "met", by every
 * login. [016: revoked INSERT on order_events, from wx_admin too] */
static void
test_forged_events (void)
{
  g_autofree char *number = make_order ("carry_in", "repairing", "wang_lei", "ATK-E1");
  g_autofree char *id = order_id_of (number);
  const char *params[] = { id };

  begin_case ();
  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    {
      expect_refused (&logins[l], "INSERT INTO order_events (five forged steps)",
        "INSERT INTO order_events (order_id, event, from_state, to_state, payload) VALUES"
        " ($1::bigint, 'dispatch_inspection', 'received', 'inspecting', '{}'),"
        " ($1::bigint, 'inspect', 'inspecting', 'inspected', '{}'),"
        " ($1::bigint, 'quote', 'inspected', 'quoted', '{}'),"
        " ($1::bigint, 'agree', 'quoted', 'agreed', '{}'),"
        " ($1::bigint, 'notify', 'repaired', 'notified', '{}')", 1, params, TRUE);
      expect_refused (&logins[l], "INSERT INTO order_events with another actor and time",
        "INSERT INTO order_events (order_id, event, from_state, to_state, actor, at)"
        " VALUES ($1::bigint, 'escalate', 'repairing', 'repairing', 'zhou_min', '2000-01-01')", 1, params, TRUE);
    }
}

/* wx_transition with a NULL version: refused, the order as it was (it
 * used to write the event and leave the order). Each try on an order of
 * its own. [016] */
static void
test_transition_null_version (void)
{
  g_autofree char *n1 = make_order ("carry_in", "repairing", "wang_lei", "ATK-N1");
  g_autofree char *n2 = make_order ("carry_in", "repairing", "wang_lei", "ATK-N2");
  g_autofree char *n3 = make_order ("carry_in", "repairing", "wang_lei", "ATK-N3");
  g_autoptr(Login) wang_lei = other_login ("wang_lei");

  begin_case ();
  transition_refused (login_named ("zhou_min"), "wx_transition with a NULL version", n1, TRUE,
                      "escalate", "{\"reason\": \"版本为空\"}");
  transition_refused (login_named ("zhang_wei"), "wx_transition with a NULL version", n2, TRUE,
                      "order_parts", "{\"part\": \"定影组件\", \"quantity\": \"1\"}");
  transition_refused (wang_lei, "wx_transition with a NULL version on his own order", n3, TRUE,
                      "escalate", "{\"reason\": \"版本为空\"}");
  transition_accepted (wang_lei, "escalate with the version read", n3, "escalate", "{\"reason\": \"缺少维修手册\"}");
}

/* An engineer takes steps on another engineer's order; each try on an
 * order of its own. [016] */
static void
test_transition_other_engineer (void)
{
  static const struct { const char *what, *event, *payload; } tries[] = {
    { "escalate on another engineer's order", "escalate", "{\"reason\": \"抢单\"}" },
    { "order parts on another engineer's order", "order_parts", "{\"part\": \"定影组件\", \"quantity\": \"1\"}" },
    { "repair done on another engineer's order", "repair_done",
      "{\"repair_notes\": \"更换定影组件\", \"functional_tests\": \"self_test,online_print,continuous_print\","
      " \"cleaned\": \"true\", \"old_parts\": \"returned_to_customer\"}" },
    { "hand another engineer's order to himself", "hand_over", "{\"new_owner\": \"li_qiang\"}" },
  };
  g_autofree char *control = make_order ("carry_in", "repairing", "wang_lei", "ATK-O0");
  g_autofree char *own = make_order ("carry_in", "repairing", "li_qiang", "ATK-O9");
  g_autoptr(Login) wang_lei = other_login ("wang_lei");

  begin_case ();
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autofree char *number = make_order ("carry_in", "repairing", "wang_lei", "ATK-O1");
      transition_refused (login_named ("li_qiang"), tries[i].what, number, FALSE, tries[i].event, tries[i].payload);
    }
  transition_accepted (wang_lei, "escalate on his own order", control, "escalate", "{\"reason\": \"缺少维修手册\"}");
  transition_accepted (login_named ("li_qiang"), "escalate on his own order", own, "escalate",
                       "{\"reason\": \"缺少维修手册\"}");
}

/* The forged actor (and time) of a step's data change nothing: the event
 * and the record it keeps name the login and the server's time. Holds
 * before 016 too (wx_event_stamp). */
static void
test_forged_actor (void)
{
  g_autofree char *mine = make_order ("carry_in", "repairing", "li_qiang", "ATK-F1");
  g_autofree char *agreed = make_order ("carry_in", "agreed", "wang_lei", "ATK-F2");
  struct { const char *login; const char *number; } cases[] = {
    { "li_qiang", NULL },       /* his own order */
    { "zhang_wei", NULL },      /* the coordinator, on any order */
  };

  begin_case ();
  cases[0].number = mine;
  cases[1].number = agreed;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Login *l = login_named (cases[i].login);
      g_autofree char *version = g_strdup_printf ("%d", version_of (cases[i].number));
      const char *params[] = { cases[i].number, version,
        "{\"reason\": \"冒名测试\", \"actor\": \"zhou_min\", \"raised_by\": \"zhou_min\","
        " \"at\": \"2000-01-01T00:00:00+08:00\"}" };
      g_auto(Outcome) o = { 0 };
      g_autoptr(PGresult) res = NULL;

      attempt (l->conn, "SELECT * FROM wx_transition($1, $2::integer, 'escalate', $3::jsonb)", 3, params, &o);
      if (!o.ok)
        {
          problem ("%s: escalate on %s refused: %s %s", l->login, cases[i].number, o.state, o.message);
          continue;
        }
      {
        const char *q[] = { cases[i].number };
        res = PQexecParams (owner,
          "SELECT e.actor, abs(extract(epoch FROM e.at - now())) < 120,"
          "       (SELECT x.raised_by FROM escalations x WHERE x.order_id = o.id ORDER BY x.id DESC LIMIT 1)"
          "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
          " WHERE o.number = $1 AND e.event = 'escalate' ORDER BY e.id DESC LIMIT 1",
          1, NULL, q, NULL, NULL, 0);
      }
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      g_assert_cmpint (PQntuples (res), ==, 1);
      if (!g_str_equal (PQgetvalue (res, 0, 0), l->login))
        problem ("%s: the escalate event names %s", l->login, PQgetvalue (res, 0, 0));
      if (!g_str_equal (PQgetvalue (res, 0, 1), "t"))
        problem ("%s: the escalate event is not at the server's time", l->login);
      if (!g_str_equal (PQgetvalue (res, 0, 2), l->login))
        problem ("%s: the escalation was raised by %s", l->login, PQgetvalue (res, 0, 2));
    }
}

/* A login in a group may SET ROLE to the group: the step it takes then
 * must still name the login, or be refused; an event signed "wx_engineer"
 * hides who did it. */
static void
test_forged_actor_set_role (void)
{
  static const struct { const char *login, *group; } cases[] = {
    { "li_qiang", "wx_engineer" },
    { "zhang_wei", "wx_coordinator" },
    { "atk_all", "wx_supervisor" },
  };

  begin_case ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Login *l = login_named (cases[i].login);
      g_autofree char *number = make_order ("carry_in", "repairing", "li_qiang", "ATK-S1");
      g_autofree char *version = g_strdup_printf ("%d", version_of (number));
      g_autofree char *set_role = g_strdup_printf ("SET ROLE %s", cases[i].group);
      const char *params[] = { number, version, "{\"reason\": \"以组的名义\"}" };
      g_auto(Outcome) o = { 0 };

      wx_test_db_exec (l->conn, set_role);
      attempt (l->conn, "SELECT * FROM wx_transition($1, $2::integer, 'escalate', $3::jsonb)", 3, params, &o);
      wx_test_db_exec (l->conn, "RESET ROLE");
      if (!o.ok)
        {
          if (!mapped (&o))
            problem ("%s as %s: escalate refused with SQLSTATE %s (%s)", l->login, cases[i].group, o.state, o.message);
          continue;
        }
      {
        const char *q[] = { number };
        g_autoptr(GError) error = NULL;
        g_autofree char *actor = wx_db_query_value (owner,
          "SELECT e.actor FROM order_events e JOIN service_orders o ON o.id = e.order_id"
          " WHERE o.number = $1 AND e.event = 'escalate' ORDER BY e.id DESC LIMIT 1", 1, q, &error);

        g_assert_no_error (error);
        if (g_strcmp0 (actor, l->login) != 0)
          problem ("%s, after SET ROLE %s, took a step the event signs as %s", l->login, cases[i].group, actor);
      }
    }
}

/* Whether public.`name` can be called with `nargs` arguments (defaults
 * counted). */
static gboolean
function_exists (const char *name, int nargs)
{
  g_autofree char *n = g_strdup_printf ("%d", nargs);
  const char *params[] = { name, n };
  g_autoptr(GError) error = NULL;
  g_autofree char *count = wx_db_query_value (owner,
    "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname = $1"
    "   AND $2::integer BETWEEN pronargs - pronargdefaults AND pronargs", 2, params, &error);

  g_assert_no_error (error);
  return g_strcmp0 (count, "0") != 0;
}

/* A call that must not happen: refused with a sentence when the function
 * exists with those arguments; when it does not (the signature was
 * dropped), "no such function" is the refusal. */
static void
call_refused (const Login *l, const char *what, const char *name, int nargs, const char *sql,
              int n, const char * const *params)
{
  if (function_exists (name, nargs))
    {
      expect_refused (l, what, sql, n, params, FALSE);
      return;
    }
  {
    g_autoptr(Snapshot) before = snapshot (forged_actor_for (l));
    g_autoptr(Snapshot) after = NULL;
    g_auto(Outcome) o = { 0 };
    g_auto(Diff) d = { 0 };

    attempt (l->conn, sql, n, params, &o);
    after = snapshot (forged_actor_for (l));
    compare (before, after, &d);
    if (o.ok || !g_str_equal (o.state, "42883"))
      problem ("%s: %s: %s has no %d-argument form, yet the call answered %s", l->login, what, name, nargs, o.state);
    if (d.changed)
      problem ("%s: %s changed %s", l->login, what, d.changed);
  }
}

/* The sweeps take the server's clock: a caller's "now" (infinity, 2099) is
 * refused. A coordinator once escalated every order for good with
 * wx_escalate_undiagnosed('infinity'). Tried: the three sweeps of issue 22
 * with a time, and every function of the schema named like a sweep
 * (wx_escalate_…, wx_callbacks_…) whose first argument is a time (the
 * owner's *_at versions). [016: no time for app roles; callbacks: the
 * feedback functions] */
static void
test_sweeps_caller_time (void)
{
  static const char * const times[] = { "infinity", "2099-01-01 10:00+08" };
  g_autoptr(PGresult) sweeps = PQexec (owner,
    "SELECT proname FROM pg_proc"
    " WHERE pronamespace = 'public'::regnamespace AND proname ~ '^wx_(escalate|callbacks)_' AND pronargs >= 1"
    "   AND proargtypes[0] IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)"
    " UNION SELECT unnest(ARRAY['wx_escalate_undiagnosed', 'wx_escalate_overdue_parts', 'wx_callbacks_generate'])"
    " ORDER BY 1");

  begin_case ();
  g_assert_cmpint (PQresultStatus (sweeps), ==, PGRES_TUPLES_OK);
  for (int f = 0; f < PQntuples (sweeps); f++)
    {
      const char *name = PQgetvalue (sweeps, f, 0);
      g_autofree char *quoted = PQescapeIdentifier (owner, name, strlen (name));
      g_autofree char *sql = g_strdup_printf ("SELECT public.%s($1::timestamptz)", quoted);

      for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
        for (guint t = 0; t < G_N_ELEMENTS (times); t++)
          {
            g_autofree char *what = g_strdup_printf ("%s('%s')", name, times[t]);
            const char *params[] = { times[t] };

            call_refused (&logins[l], what, name, 1, sql, 1, params);
          }
    }
}

/* Order numbers are drawn by intake only: SELECT wx_next_order_number()
 * would burn one (a gap in the year's numbers). [016] */
static void
test_next_order_number (void)
{
  const char *params[] = { "2030-06-01 10:00+08" };

  begin_case ();
  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    {
      call_refused (&logins[l], "wx_next_order_number()", "wx_next_order_number", 0,
                    "SELECT wx_next_order_number()", 0, NULL);
      call_refused (&logins[l], "wx_next_order_number('2030-06-01')", "wx_next_order_number", 1,
                    "SELECT wx_next_order_number($1::timestamptz)", 1, params);
    }
}

/* An automatic escalation forged by hand, with a state the order is not
 * in. [016: it writes as the caller, who may no longer write] */
static void
test_escalate_auto_forged (void)
{
  g_autofree char *number = make_order ("carry_in", "repairing", "wang_lei", "ATK-A1");
  g_autofree char *id = order_id_of (number);
  const char *params[] = { id };

  begin_case ();
  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    call_refused (&logins[l], "wx_escalate_auto with a forged state", "wx_escalate_auto", 4,
                  "SELECT wx_escalate_auto($1::bigint, 'repaired', 'two_visits', 2)", 1, params);
}

/* Dispatch only to an active engineer: not "nobody", not the server's
 * superuser, not a coordinator. [016] */
static void
test_dispatch_to_nobody (void)
{
  static const char * const who[] = { "nobody", "postgres", "zhang_wei" };
  g_autofree char *control = make_order ("carry_in", "received", NULL, "ATK-D0");

  begin_case ();
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autofree char *received = make_order ("carry_in", "received", NULL, "ATK-D1");
      g_autofree char *payload = g_strdup_printf ("{\"engineer\": \"%s\"}", who[i]);
      g_autofree char *what = g_strdup_printf ("dispatch for inspection to %s", who[i]);

      transition_refused (login_named ("zhang_wei"), what, received, FALSE, "dispatch_inspection", payload);
    }
  transition_accepted (login_named ("zhang_wei"), "dispatch for inspection to li_qiang", control,
                       "dispatch_inspection", "{\"engineer\": \"li_qiang\"}");
}

/* "Paid" needs a payment of the amount due (order transition … pickup
 * --data payment_status=paid recorded none). [016] */
static void
test_paid_without_payment (void)
{
  g_autofree char *repaired = make_order ("carry_in", "repaired", "li_qiang", "ATK-P1");

  begin_case ();
  transition_refused (login_named ("zhang_wei"), "pickup marked paid with no payment", repaired, FALSE, "pickup",
                      "{\"accessories_checked\": \"true\", \"payment_status\": \"paid\", \"picked_up_by\": \"李先生\"}");
}

/* Appointments not in 1970, not in year 99999. [016] */
static void
test_appointment_out_of_range (void)
{
  static const struct { const char *what, *at; } tries[] = {
    { "a visit booked in 1970", "1970-01-01 10:00+08" },
    { "a visit booked in year 99999", "99999-01-01 10:00+08" },
  };

  begin_case ();
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autofree char *onsite = make_order ("on_site", "onsite_dispatched", "li_qiang", "ATK-V1");
      g_autofree char *payload = g_strdup_printf ("{\"appointment_at\": \"%s\"}", tries[i].at);

      transition_refused (login_named ("zhang_wei"), tries[i].what, onsite, FALSE, "book_visit", payload);
    }
}

/* A decision after the 2-day limit needs its reason. [016] */
static char *
make_late_quote (void)
{
  char *number = make_order ("carry_in", "quoted", "li_qiang", "ATK-L1");
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;

  /* Quoted ten days ago: the decision clock ran out long since. */
  g_assert_true (wx_db_execute (owner,
    "WITH o AS (UPDATE service_orders SET quoted_at = now() - interval '10 days' WHERE number = $1 RETURNING id)"
    " INSERT INTO order_events (order_id, event, from_state, to_state, actor, at)"
    " SELECT id, 'quote', 'inspected', 'quoted', 'zhang_wei', now() - interval '10 days' FROM o",
    1, params, &error));
  g_assert_no_error (error);
  return number;
}

static void
test_late_decision_without_reason (void)
{
  g_autofree char *late = make_late_quote ();
  g_autofree char *control = make_late_quote ();

  begin_case ();
  transition_refused (login_named ("zhang_wei"), "a late decision without a reason", late, FALSE, "agree",
                      "{\"decision_contact\": \"李先生\"}");
  transition_accepted (login_named ("zhang_wei"), "a late decision with its reason", control, "agree",
                       "{\"decision_contact\": \"李先生\", \"decision_reason\": \"等单位领导签字\"}");
}

/* The whole functional-test list of the machine's category, not one item. [016] */
static void
test_one_functional_test (void)
{
  g_autofree char *mine = make_order ("carry_in", "repairing", "li_qiang", "ATK-T1");
  const char *params[] = { mine };
  g_autoptr(PGresult) res = PQexecParams (owner,
    "SELECT product_name, model FROM service_orders WHERE number = $1", 1, NULL, params, NULL, NULL, 0);
  WxMachineCategory category;
  const WxTestItem *items;
  guint n_items = 0;
  g_autofree char *payload = NULL;

  begin_case ();
  g_assert_cmpint (PQntuples (res), ==, 1);
  category = wx_machine_category_guess (PQgetvalue (res, 0, 0), PQgetvalue (res, 0, 1));
  items = wx_functional_tests (category, &n_items);
  g_assert_cmpuint (n_items, >, 1);
  payload = g_strdup_printf ("{\"repair_notes\": \"更换定影组件\", \"functional_tests\": \"%s\", \"cleaned\": \"true\","
                             " \"old_parts\": \"returned_to_customer\"}", items[0].code);
  transition_refused (login_named ("li_qiang"), "repair done with one functional test of several", mine, FALSE,
                      "repair_done", payload);
}

/* A complaint closed at step 2 (none of its later steps could be recorded
 * after). [016 / the complaints' functions: revoked UPDATE] */
/* A complaint at step 2 of its five. */
static char *
make_complaint (void)
{
  g_autoptr(GError) error = NULL;
  char *id = wx_db_query_value (owner,
    "WITH c AS (INSERT INTO complaints (customer_id, description, received_by)"
    "           SELECT min(id), '等了两周还没修好', 'zhang_wei' FROM customers RETURNING id),"
    " s AS (INSERT INTO complaint_steps (complaint_id, step, note, actor)"
    "       SELECT id, n, '已记录', 'zhou_min' FROM c, generate_series(1, 2) n RETURNING 1)"
    " SELECT id FROM c", 0, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_complaint_closed_early (void)
{
  g_autofree char *closing = make_complaint ();
  g_autofree char *stepping = make_complaint ();
  const char *c[] = { closing };
  const char *s[] = { stepping };

  begin_case ();
  expect_refused (login_named ("zhou_min"), "closing a complaint at step 2 by UPDATE",
                  "UPDATE complaints SET closed_at = now(), outcome = '已解决' WHERE id = $1::bigint", 1, c, TRUE);
  expect_refused (login_named ("zhang_wei"), "recording step 3 of a complaint by INSERT",
                  "INSERT INTO complaint_steps (complaint_id, step, note) VALUES ($1::bigint, 3, '已回访')",
                  1, s, TRUE);
}

/* ------------------------------------------------------------ setup */

/* An order in `state` made by the owner (who is not held to the workflow),
 * assigned to `engineer` (NULL: nobody). */
static char *
make_order (const char *kind, const char *state, const char *engineer, const char *tag)
{
  const char *params[] = { kind, state, engineer, tag };
  g_autoptr(GError) error = NULL;
  char *number = wx_db_query_value (owner,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "  product_name, model, serial, reported_fault, engineer, received_by, owner_role, updated_by,"
    "  warranty_status, quote_total, quote_method, quoted_at, decision, decided_at, decision_contact,"
    "  fault_analysis, dispatched_at, inspected_by, inspected_at)"
    " VALUES ($1::text, $2::text, (SELECT min(id) FROM customers), '广州大学', '天河区五山路 1 号', '李明', '13812345678',"
    "  '激光打印机', 'LaserJet Pro M404dn', $4::text, '卡纸，定影有异响', $3::name, 'zhang_wei', 'zhang_wei', 'zhang_wei',"
    "  'out_of_warranty',"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN NULL ELSE 48000 END,"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN NULL ELSE 'phone' END,"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN NULL ELSE now() - interval '3 days' END,"
    "  CASE WHEN $2::text IN ('agreed', 'repairing', 'repaired') THEN 'agree' END,"
    "  CASE WHEN $2::text IN ('agreed', 'repairing', 'repaired') THEN now() - interval '2 days' END,"
    "  CASE WHEN $2::text IN ('agreed', 'repairing', 'repaired') THEN '李明' ELSE '' END,"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN '' ELSE '定影膜破损' END,"
    "  CASE WHEN $3::name IS NULL THEN NULL ELSE now() - interval '4 days' END,"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN NULL ELSE $3::name END,"
    "  CASE WHEN $2::text IN ('received', 'onsite_dispatched') THEN NULL ELSE now() - interval '3 days' END)"
    " RETURNING number", 4, params, &error);

  g_assert_no_error (error);
  if (g_str_equal (kind, "on_site") && g_str_equal (state, "onsite_dispatched"))
    return number;
  {
    /* Its draft quote line, as an inspection leaves it. */
    const char *q[] = { number };
    g_assert_true (wx_db_execute (owner,
      "INSERT INTO quote_lines (order_id, position, description, quantity, unit_price)"
      " SELECT id, 1, '定影组件', 1, 48000 FROM service_orders WHERE number = $1 AND quote_total IS NOT NULL",
      1, q, &error));
    g_assert_no_error (error);
  }
  return number;
}

/* One row in the tables the demo leaves empty, so that each INSERT copies
 * a plausible row. */
static const char seed_sql[] =
  "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('万用表', 'instrument', '{1}');"
  "INSERT INTO equipment_checks (equipment_id, passed) SELECT id, true FROM workshop_equipment ORDER BY id LIMIT 1;"
  "INSERT INTO inspection_visits (contract_id, engineer, findings)"
  "  SELECT id, 'li_qiang', '设备运行正常' FROM contracts ORDER BY id LIMIT 1;"
  "INSERT INTO calendar_days (day, kind, name) VALUES ('2030-10-01', 'holiday', '国庆节');"
  "INSERT INTO order_reviews (order_id, outcome, parts_ok)"
  "  SELECT id, 'passed', true FROM service_orders WHERE state IN ('entered', 'reconciled', 'archived') ORDER BY id LIMIT 1;"
  "INSERT INTO repair_tests (order_id, item, passed)"
  "  SELECT id, 'self_test', true FROM service_orders WHERE state = 'archived' ORDER BY id LIMIT 1;"
  "INSERT INTO old_parts (order_id, description)"
  "  SELECT id, '定影组件' FROM service_orders WHERE state = 'archived' ORDER BY id LIMIT 1;"
  "INSERT INTO loaners (description, serial) VALUES ('备用打印机', 'LN-0001');"
  "INSERT INTO work_notes (order_id, body) SELECT id, '给客户打电话' FROM service_orders ORDER BY id LIMIT 1;";

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const struct { const char *login; const char *name; const char *groups; } made[] = {
    { "atk_admin",  "攻击测试管理员", "{wx_admin}" },
    { "atk_all",    "攻击测试全能",   "{wx_coordinator,wx_engineer,wx_supervisor,wx_admin}" },
    { "atk_victim", "攻击测试受害者", "{wx_engineer}" },
  };

  conninfo = wx_test_db_create ("attack", TRUE);
  owner = wx_test_db_connect (conninfo);
  if (!wx_db_demo_load (owner, 60, now, &error))
    g_error ("demo data: %s", error->message);
  if (!wx_db_demo_feedback (owner, now, &error))
    {
      g_test_message ("the demo's feedback was not loaded: %s", error->message);
      g_clear_error (&error);
    }
  wx_test_db_exec (owner, seed_sql);
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      const char *params[] = { made[i].login, made[i].name, made[i].groups };
      g_assert_true (wx_db_execute (owner, "SELECT wx_staff_ensure($1, $2, $3::text[])", 3, params, &error));
      g_assert_no_error (error);
    }

  victim = make_order ("carry_in", "repairing", "wang_lei", "ATK-VICTIM");

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    logins[i].conn = connect_as (logins[i].login);
  build_snapshot_sql ();
}

int
main (int argc, char **argv)
{
  /* Every hole is reported, not only the first test's: a failed test does
   * not end the program (GLib's --keep-going). */
  g_autofree char **args = g_new0 (char *, argc + 2);

  memcpy (args, argv, sizeof (char *) * argc);
  args[argc++] = (char *) "--keep-going";
  argv = args;
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  setup ();

  g_test_add_func ("/attack/catalogue", test_catalogue);
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attack/tables/%s", logins[i].label);
      g_test_add_data_func (path, &logins[i], test_tables);
    }
  g_test_add_func ("/attack/sequences", test_sequences);

  g_test_add_func ("/attack/repro/engineer-sets-repaired", test_engineer_sets_repaired);
  g_test_add_func ("/attack/repro/coordinator-updates", test_coordinator_updates);
  g_test_add_func ("/attack/repro/forged-events", test_forged_events);
  g_test_add_func ("/attack/repro/transition-null-version", test_transition_null_version);
  g_test_add_func ("/attack/repro/transition-other-engineer", test_transition_other_engineer);
  g_test_add_func ("/attack/repro/sweeps-caller-time", test_sweeps_caller_time);
  g_test_add_func ("/attack/repro/next-order-number", test_next_order_number);
  g_test_add_func ("/attack/repro/escalate-auto-forged", test_escalate_auto_forged);
  g_test_add_func ("/attack/repro/dispatch-to-nobody", test_dispatch_to_nobody);
  g_test_add_func ("/attack/repro/paid-without-payment", test_paid_without_payment);
  g_test_add_func ("/attack/repro/appointment-out-of-range", test_appointment_out_of_range);
  g_test_add_func ("/attack/repro/late-decision-without-reason", test_late_decision_without_reason);
  g_test_add_func ("/attack/repro/one-functional-test", test_one_functional_test);
  g_test_add_func ("/attack/repro/complaint-closed-early", test_complaint_closed_early);

  /* Last: these may change data (a legitimate call, a step with a forged actor). */
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attack/functions/%s", logins[i].label);
      g_test_add_data_func (path, &logins[i], test_functions);
    }
  g_test_add_func ("/attack/repro/forged-actor", test_forged_actor);
  g_test_add_func ("/attack/repro/forged-actor-set-role", test_forged_actor_set_role);

  {
    int rc = g_test_run ();
    for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
      g_clear_pointer (&logins[i].conn, PQfinish);
    g_clear_pointer (&owner, PQfinish);
    return rc;
  }
}

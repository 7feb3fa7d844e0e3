/* The workflow engine against a real database: the C table and the
 * database's are identical; every step the table allows succeeds for every
 * role it names and writes one event; every other step, role and missing
 * datum is refused with its sentence and changes nothing; the state guard;
 * two people moving the same order at once; automatic escalations; return
 * repairs. Roles are taken with SET ROLE. */
#include <libpq-fe.h>

#include "core/wx-error.h"
#include "core/wx-money.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-error.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-callbacks.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

static char *conninfo;
static char *peer_id;

static const struct { WxRole role; const char *group; } groups[] = {
  { WX_ROLE_COORDINATOR, "wx_coordinator" },
  { WX_ROLE_ENGINEER,    "wx_engineer" },
  { WX_ROLE_SUPERVISOR,  "wx_supervisor" },
};

static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = g_strdup_printf ("SET ROLE %s", role ? role : "NONE");
  wx_test_db_exec (conn, sql);
}

/* An order of `kind` in `state` (inserted by the owner, who may); with
 * `complete`, everything any step needs is already there: in warranty, a
 * quote line. Returns its number. */
/* The engineer new test orders are assigned to (NULL: none). */
static const char *assigned_engineer;

static char *
make_order (PGconn *conn, WxOrderKind kind, WxOrderState state, gboolean complete)
{
  const char *params[] = { wx_order_kind_to_code (kind), wx_order_state_to_code (state),
                           complete ? "in_warranty" : "unknown", assigned_engineer };
  g_autoptr(PGresult) res = PQexecParams (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile,"
    "                            product_name, model, reported_fault, warranty_status, cancel_reason, engineer)"
    " VALUES ($1, $2, 1, '广州大学', '广州市番禺区大学城外环西路230号', '13812345678',"
    "         '激光打印机', 'M404dn', '卡纸', $3, CASE WHEN $2 = 'cancelled' THEN '用户不修了' ELSE '' END, $4)"
    " RETURNING id, number", 4, NULL, params, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  if (complete)
    {
      const char *id[] = { PQgetvalue (res, 0, 0) };
      g_autoptr(PGresult) line = PQexecParams (conn,
        "INSERT INTO quote_lines (order_id, position, part_number, description, unit_price)"
        " VALUES ($1::bigint, 1, 'RM2-5425', '定影组件', 45000)", 1, NULL, id, NULL, NULL, 0);
      g_assert_cmpint (PQresultStatus (line), ==, PGRES_COMMAND_OK);
    }
  return g_strdup (PQgetvalue (res, 0, 1));
}

/* Data that meets every need. */
static GHashTable *
full_data (void)
{
  GHashTable *d = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  static const char *pairs[][2] = {
    { "engineer", "wf_zhangsan" }, { "fault_analysis", "定影组件损坏" }, { "quote_total", "48000" },
    { "quote_method", "phone" }, { "decision_contact", "李明" }, { "repair_notes", "更换定影组件，清洁" },
    { "part", "定影组件 RM2-5425" }, { "answered_by", "李明本人" }, { "accessories_checked", "true" },
    { "payment_status", "on_account" }, { "picked_up_by", "李明" }, { "appointment_at", "now" },
    { "reason", "缺少维修手册" }, { "cancel_reason", "用户不修了" }, { "new_owner", "wf_zhangsan" },
    { "quote_told", "定影组件损坏，报价 480 元" }, { "functional_tests", "self_test,online_print,continuous_print" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_hash_table_insert (d, (gpointer) pairs[i][0], g_strdup (pairs[i][1]));
  g_hash_table_insert (d, (gpointer) "peer_id", g_strdup (peer_id));
  return d;
}

static WxOrderState
from_state (const WxTransition *t, WxOrderKind kind)
{
  if (t->from != WX_ANY_OPEN_STATE)
    return t->from;
  return kind == WX_ORDER_KIND_ON_SITE ? WX_ORDER_STATE_CALL_LOGGED : WX_ORDER_STATE_RECEIVED;
}

static gint64
events_of (PGconn *conn, const char *number, const char *event)
{
  const char *params[] = { number, event };
  g_autoptr(PGresult) res = PQexecParams (conn,
    "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE o.number = $1 AND ($2::text IS NULL OR e.event = $2)", 2, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static char *
order_column (PGconn *conn, const char *number, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s::text FROM service_orders WHERE number = $1", column);
  const char *params[] = { number };
  g_autoptr(PGresult) res = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQntuples (res), ==, 1);
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* ------------------------------------------------------------ the tables */

static void
test_tables_identical (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) res = PQexec (conn,
    "SELECT position, coalesce(from_state, '*'), event, coalesce(to_state, '='),"
    "       array_to_string(kinds, ','), array_to_string(roles, ','), array_to_string(needs, ','),"
    "       array_to_string(fills, ' '), array_to_string(stamps, ' '), form"
    "  FROM workflow_transitions ORDER BY position");
  g_autoptr(PGresult) needs = PQexec (conn, "SELECT need, coalesce(key, '') FROM workflow_needs ORDER BY need");
  guint n;
  const WxTransition *t = wx_workflow_transitions (&n);

  g_assert_cmpint (PQntuples (res), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) kinds = g_string_new (NULL), roles = g_string_new (NULL), nd = g_string_new (NULL);

      for (guint k = 0; k < 3; k++)
        if (t[i].kinds & (1u << k))
          g_string_append_printf (kinds, "%s%s", kinds->len ? "," : "", wx_order_kind_to_code (k));
      for (guint r = 0; r < G_N_ELEMENTS (groups); r++)
        if (t[i].roles & groups[r].role)
          g_string_append_printf (roles, "%s%s", roles->len ? "," : "", groups[r].group + 3);
      for (guint b = 0; b < 32; b++)
        if (t[i].needs & (1u << b))
          g_string_append_printf (nd, "%s%s", nd->len ? "," : "", wx_need_to_code (1u << b));
      g_assert_cmpint (atoi (PQgetvalue (res, i, 0)), ==, i + 1);
      g_assert_cmpstr (PQgetvalue (res, i, 1), ==, t[i].from == WX_ANY_OPEN_STATE ? "*" : wx_order_state_to_code (t[i].from));
      g_assert_cmpstr (PQgetvalue (res, i, 2), ==, t[i].event);
      g_assert_cmpstr (PQgetvalue (res, i, 3), ==, t[i].to == WX_SAME_STATE ? "=" : wx_order_state_to_code (t[i].to));
      g_assert_cmpstr (PQgetvalue (res, i, 4), ==, kinds->str);
      g_assert_cmpstr (PQgetvalue (res, i, 5), ==, roles->str);
      g_assert_cmpstr (PQgetvalue (res, i, 6), ==, nd->str);
      g_assert_cmpstr (PQgetvalue (res, i, 7), ==, t[i].fills);
      g_assert_cmpstr (PQgetvalue (res, i, 8), ==, t[i].stamps);
      g_assert_cmpstr (PQgetvalue (res, i, 9), ==, wx_step_form_to_code (t[i].form));
      g_assert_true (wx_workflow_event_known (t[i].event));
    }
  g_assert_cmpint (PQntuples (needs), ==, WX_N_NEEDS);
  for (int i = 0; i < PQntuples (needs); i++)
    {
      WxNeed need;
      g_assert_true (wx_need_from_code (PQgetvalue (needs, i, 0), &need));
      g_assert_cmpstr (PQgetvalue (needs, i, 1), ==, wx_need_key (need) ? wx_need_key (need) : "");
    }
}

/* ------------------------------------------------------------ allowed */

static void
test_every_step_for_every_role (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GHashTable) data = full_data ();
  guint n, taken = 0;
  const WxTransition *t = wx_workflow_transitions (&n);

  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < 3; k++)
      for (guint r = 0; r < G_N_ELEMENTS (groups); r++)
        {
          g_autofree char *number = NULL;
          g_autoptr(GError) error = NULL;
          WxTransitionResult res;
          WxOrderState from = from_state (&t[i], k);

          if (!(t[i].kinds & (1u << k)) || !(t[i].roles & groups[r].role))
            continue;
          /* An engineer acts on the orders assigned to them: here the
           * group SET ROLE acts as. */
          assigned_engineer = groups[r].role == WX_ROLE_ENGINEER ? groups[r].group : NULL;
          number = make_order (conn, k, from, TRUE);
          assigned_engineer = NULL;
          set_role (conn, groups[r].group);
          wx_db_order_transition (conn, number, 1, t[i].event, data, &res, &error);
          set_role (conn, NULL);
          if (error)
            g_error ("%s %s from %s as %s: %s", wx_order_kind_to_code (k), t[i].event,
                     wx_order_state_to_code (from), groups[r].group, error->message);
          g_assert_cmpint (res.version, ==, 2);
          g_assert_cmpint (res.state, ==, wx_transition_target (&t[i], from));
          g_assert_cmpint (events_of (conn, number, t[i].event), ==, 1);
          g_assert_cmpint (events_of (conn, number, NULL), ==, 1);
          {
            g_autofree char *state = order_column (conn, number, "state");
            g_assert_cmpstr (state, ==, wx_order_state_to_code (res.state));
          }
          taken++;
        }
  g_assert_cmpuint (taken, >, n);
}

/* ------------------------------------------------------------ refused */

static void
test_steps_not_in_the_table (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GHashTable) data = full_data ();
  guint n, refused = 0;
  const WxTransition *t = wx_workflow_transitions (&n);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (!g_ptr_array_find_with_equal_func (events, t[i].event, g_str_equal, NULL))
      g_ptr_array_add (events, (gpointer) t[i].event);

  for (guint k = 0; k < 3; k++)
    for (guint s = 0; s < WX_N_ORDER_STATES; s++)
      {
        g_autofree char *number = make_order (conn, k, s, TRUE);

        set_role (conn, "wx_supervisor");
        for (guint e = 0; e < events->len; e++)
          {
            const char *event = g_ptr_array_index (events, e);
            g_autoptr(GError) error = NULL;
            g_autofree char *expected = NULL;

            if (wx_workflow_find (k, s, event))
              continue;
            g_assert_false (wx_db_order_transition (conn, number, 1, event, data, NULL, &error));
            g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
            expected = g_strdup_printf ("“%s” is not allowed while the order is “%s”.",
                                        wx_workflow_event_label (event), wx_order_state_label (s));
            g_assert_cmpstr (error->message, ==, expected);
            refused++;
          }
        set_role (conn, NULL);
        g_assert_cmpint (events_of (conn, number, NULL), ==, 0);
        {
          g_autofree char *version = order_column (conn, number, "version");
          g_assert_cmpstr (version, ==, "1");
        }
      }
  g_assert_cmpuint (refused, >, 1000);
}

static void
test_roles_refused (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GHashTable) data = full_data ();
  guint n, refused = 0;
  const WxTransition *t = wx_workflow_transitions (&n);

  for (guint i = 0; i < n; i++)
    for (guint r = 0; r < G_N_ELEMENTS (groups); r++)
      {
        WxOrderKind kind = t[i].kinds & 1u ? WX_ORDER_KIND_CARRY_IN : t[i].kinds & 2u ? WX_ORDER_KIND_ON_SITE : WX_ORDER_KIND_SALE;
        WxOrderState from = from_state (&t[i], kind);
        g_autofree char *number = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) core = NULL;

        if (t[i].roles & groups[r].role)
          continue;
        number = make_order (conn, kind, from, TRUE);
        set_role (conn, groups[r].group);
        g_assert_false (wx_db_order_transition (conn, number, 1, t[i].event, data, NULL, &error));
        set_role (conn, NULL);
        g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
        /* The database says it as core does. */
        g_assert_null (wx_workflow_check (kind, from, t[i].event, groups[r].role, data, 1, &core));
        g_assert_cmpstr (error->message, ==, core->message);
        g_assert_nonnull (strstr (error->message, "Your role cannot do"));
        g_assert_cmpint (events_of (conn, number, NULL), ==, 0);
        refused++;
      }
  g_assert_cmpuint (refused, >, 20);

  /* The administrator keeps the system, not the orders. */
  {
    g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, TRUE);
    g_autoptr(GError) error = NULL;
    set_role (conn, "wx_admin");
    g_assert_false (wx_db_order_transition (conn, number, 1, "dispatch_inspection", data, NULL, &error));
    set_role (conn, NULL);
    g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  }
}

static void
test_missing_data (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  guint n, checked = 0;
  const WxTransition *t = wx_workflow_transitions (&n);

  for (guint i = 0; i < n; i++)
    {
      WxOrderKind kind = t[i].kinds & 1u ? WX_ORDER_KIND_CARRY_IN : t[i].kinds & 2u ? WX_ORDER_KIND_ON_SITE : WX_ORDER_KIND_SALE;
      WxOrderState from = from_state (&t[i], kind);
      g_autofree char *number = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) step_error = NULL;
      g_autoptr(PGconn) as_user = NULL;

      if (t[i].needs == WX_NEED_NONE)
        continue;
      number = make_order (conn, kind, from, FALSE);
      set_role (conn, "wx_supervisor");
      g_assert_false (wx_db_order_transition (conn, number, 1, t[i].event, NULL, NULL, &error));
      /* Core finds the same before asking the database. */
      g_assert_false (wx_db_order_step (conn, number, t[i].event, NULL, NULL, &step_error));
      set_role (conn, NULL);
      expected = wx_workflow_describe_missing (t[i].needs);
      g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_error (step_error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING);
      g_assert_cmpstr (step_error->message, ==, expected);
      g_assert_cmpint (events_of (conn, number, NULL), ==, 0);
      checked++;
    }
  g_assert_cmpuint (checked, >, 30);

  /* Blank text is no data; an unknown colleague cannot take an order over. */
  {
    g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, FALSE);
    g_autoptr(GHashTable) d = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GError) blank = NULL;
    g_autoptr(GError) nobody = NULL;
    g_hash_table_insert (d, "engineer", "   ");
    g_hash_table_insert (d, "new_owner", "no_such_person");
    g_assert_false (wx_db_order_transition (conn, number, 1, "dispatch_inspection", d, NULL, &blank));
    g_assert_cmpstr (blank->message, ==, "Missing: the engineer.");
    g_assert_false (wx_db_order_transition (conn, number, 1, "hand_over", d, NULL, &nobody));
    g_assert_cmpstr (nobody->message, ==, "Missing: the colleague who takes over.");
  }
}

/* ------------------------------------------------------------ the guard */

static void
test_state_guard (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, TRUE);
  const char *params[] = { number };
  g_autoptr(GError) jump = NULL;
  g_autoptr(GError) engineer = NULL;
  g_autoptr(GError) insert = NULL;
  g_autoptr(GError) kind = NULL;
  g_autoptr(GError) ok = NULL;

  set_role (conn, "wx_coordinator");
  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET state = 'archived' WHERE number = $1", 1, params, &jump));
  /* No staff group changes an order but through wx_transition (016_guard). */
  g_assert_error (jump, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET kind = 'sale' WHERE number = $1", 1, params, &kind));
  g_assert_error (kind, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_false (wx_db_execute (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault)"
    " VALUES ('carry_in', 'repaired', 1, '广州大学', '13812345678', '激光打印机', 'M404dn', '卡纸')", 0, NULL, &insert));
  /* Orders are opened only by wx_intake, in their kind's first state (018_intake). */
  g_assert_error (insert, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  set_role (conn, "wx_engineer");
  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET state = 'cancelled' WHERE number = $1", 1, params, &engineer));
  g_assert_error (engineer, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  /* Not even a change the workflow has a step for. */
  set_role (conn, "wx_coordinator");
  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET state = 'inspecting' WHERE number = $1", 1, params, &ok));
  g_assert_error (ok, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  set_role (conn, NULL);
}

/* ------------------------------------------------------------ conflicts */

typedef struct {
  const char *number;
  GMutex     *lock;
  GCond      *go;
  gboolean   *started;
  GError     *error;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GHashTable) d = full_data ();

  set_role (conn, "wf_zhangsan");
  g_mutex_lock (r->lock);
  while (!*r->started)
    g_cond_wait (r->go, r->lock);
  g_mutex_unlock (r->lock);
  wx_db_order_transition (conn, r->number, 1, "dispatch_inspection", d, NULL, &r->error);
  return NULL;
}

static void
test_two_at_once (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  /* Two threads, two connections, the same version, released together. */
  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, TRUE);
      GMutex lock;
      GCond go;
      gboolean started = FALSE;
      Racer a = { number, &lock, &go, &started, NULL }, b = a;
      GThread *ta, *tb;

      g_mutex_init (&lock);
      g_cond_init (&go);
      ta = g_thread_new ("a", race, &a);
      tb = g_thread_new ("b", race, &b);
      g_usleep (20000);
      g_mutex_lock (&lock);
      started = TRUE;
      g_cond_broadcast (&go);
      g_mutex_unlock (&lock);
      g_thread_join (ta);
      g_thread_join (tb);
      g_assert_true ((a.error == NULL) != (b.error == NULL));
      {
        GError *lost = a.error ? a.error : b.error;
        g_assert_error (lost, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
        g_assert_true (g_str_has_prefix (lost->message, "Changed by 张三 at "));
        g_assert_nonnull (strstr (lost->message, "“Dispatched for inspection”"));
        g_error_free (lost);
      }
      g_assert_cmpint (events_of (conn, number, NULL), ==, 1);
      g_mutex_clear (&lock);
      g_cond_clear (&go);
    }

  /* Deterministically: the second waits on the first's row lock, then finds
   * the version moved on. */
  {
    g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, TRUE);
    g_autoptr(PGconn) other = wx_test_db_connect (conninfo);
    g_autoptr(GHashTable) d = full_data ();
    g_autofree char *payload = g_strdup ("{\"engineer\": \"wf_zhangsan\"}");
    const char *params[] = { number, "1", "dispatch_inspection", payload };
    g_autoptr(PGresult) late = NULL;
    g_autoptr(GError) error = NULL;

    set_role (conn, "wf_zhangsan");
    wx_test_db_exec (conn, "BEGIN");
    g_assert_true (wx_db_order_transition (conn, number, 1, "dispatch_inspection", d, NULL, &error));
    set_role (other, "wx_coordinator");
    g_assert_true (PQsendQueryParams (other, "SELECT * FROM wx_transition($1, $2::integer, $3, $4::jsonb)",
                                      4, NULL, params, NULL, NULL, 0));
    g_usleep (100000);
    wx_test_db_exec (conn, "COMMIT");
    late = PQgetResult (other);
    g_assert_cmpint (PQresultStatus (late), ==, PGRES_FATAL_ERROR);
    g_assert_cmpstr (PQresultErrorField (late, PG_DIAG_SQLSTATE), ==, "WX409");
    for (PGresult *rest = PQgetResult (other); rest; rest = PQgetResult (other))
      PQclear (rest);
    set_role (conn, NULL);
    g_assert_cmpint (events_of (conn, number, NULL), ==, 1);
  }
}

/* ------------------------------------------------------------ escalation */

static gint64
escalations_of (PGconn *conn, const char *number, const char *trigger)
{
  const char *params[] = { number, trigger };
  g_autoptr(PGresult) res = PQexecParams (conn,
    "SELECT count(*) FROM escalations x JOIN service_orders o ON o.id = x.order_id"
    " WHERE o.number = $1 AND x.trigger = $2", 2, NULL, params, NULL, NULL, 0);
  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static void
step (PGconn *conn, const char *number, const char *event)
{
  g_autoptr(GHashTable) d = full_data ();
  g_autoptr(GError) error = NULL;

  set_role (conn, "wx_supervisor");
  if (!wx_db_order_step (conn, number, event, d, NULL, &error))
    g_error ("%s %s: %s", number, event, error->message);
  set_role (conn, NULL);
}

static void
test_escalate_two_visits (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, WX_ORDER_KIND_ON_SITE, WX_ORDER_STATE_CALL_LOGGED, TRUE);

  step (conn, number, "dispatch_onsite");
  step (conn, number, "book_visit");
  step (conn, number, "arrive");
  step (conn, number, "leave_unfixed");
  g_assert_cmpint (escalations_of (conn, number, "two_visits"), ==, 0);
  step (conn, number, "book_visit");
  step (conn, number, "arrive");
  g_assert_cmpint (escalations_of (conn, number, "two_visits"), ==, 0);
  step (conn, number, "take_back");
  g_assert_cmpint (escalations_of (conn, number, "two_visits"), ==, 1);
  g_assert_cmpint (events_of (conn, number, "escalate"), ==, 1);
}

static void
test_escalate_two_part_orders (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_AGREED, TRUE);

  step (conn, number, "order_parts");
  step (conn, number, "parts_arrived");
  step (conn, number, "dispatch_repair");
  g_assert_cmpint (escalations_of (conn, number, "two_part_orders"), ==, 0);
  step (conn, number, "order_parts");
  g_assert_cmpint (escalations_of (conn, number, "two_part_orders"), ==, 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM part_orders WHERE description = '定影组件 RM2-5425'"), >=, 2);
  step (conn, number, "parts_arrived");
  step (conn, number, "dispatch_repair");
  step (conn, number, "order_parts");
  g_assert_cmpint (escalations_of (conn, number, "two_part_orders"), ==, 1);
}

static void
test_escalate_no_diagnosis (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *waiting = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_INSPECTING, TRUE);
  g_autofree char *diagnosed = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_INSPECTED, TRUE);
  const char *params[] = { waiting, diagnosed };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) received = g_date_time_new (tz, 2026, 11, 2, 10, 0, 0);
  g_autoptr(GDateTime) almost = g_date_time_add_seconds (received, 7 * 86400 - 1);
  g_autoptr(GDateTime) week = g_date_time_add_seconds (received, 7 * 86400);
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET received_at = '2026-11-02 10:00+08'"
                                      " WHERE number IN ($1, $2)", 2, params, &error));
  /* A sweep at a time of one's own is the owner's (tests, demo data); the
   * staff's sweep uses the server's clock and cannot be aimed elsewhere. */
  set_role (conn, "wx_coordinator");
  g_assert_cmpint (wx_db_escalate_undiagnosed (conn, week, &error), ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (wx_db_escalate_undiagnosed (conn, NULL, &error), >=, 0);
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (wx_db_execute (conn, "DELETE FROM escalations WHERE trigger = 'no_diagnosis_week'", 0, NULL, &error), ==, TRUE);
  g_assert_cmpint (wx_db_escalate_undiagnosed (conn, almost, &error), ==, 0);
  g_assert_cmpint (escalations_of (conn, waiting, "no_diagnosis_week"), ==, 0);
  g_assert_cmpint (wx_db_escalate_undiagnosed (conn, week, &error), >=, 1);
  g_assert_cmpint (wx_db_escalate_undiagnosed (conn, week, &error), ==, 0);
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (escalations_of (conn, waiting, "no_diagnosis_week"), ==, 1);
  g_assert_cmpint (escalations_of (conn, diagnosed, "no_diagnosis_week"), ==, 0);
}

static char *
open_order (PGconn *conn, const char *model, const char *serial, const char *fault, WxIntakeResult *out)
{
  WxOrderDraft d = { WX_ORDER_KIND_CARRY_IN, "华南理工大学", "", "王老师", "13912345678",
                     "激光打印机", model, serial, fault, NULL, NULL };
  g_autoptr(GError) error = NULL;
  WxIntakeResult r = { 0 };

  set_role (conn, "wx_coordinator");
  if (!wx_db_order_create (conn, &d, &r, &error))
    g_error ("order create: %s", error->message);
  set_role (conn, NULL);
  if (out)
    *out = r;
  else
    {
      char *number = g_steal_pointer (&r.number);
      wx_intake_result_clear (&r);
      return number;
    }
  return g_strdup (r.number);
}

static void
test_escalate_cluster (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *a = open_order (conn, "LaserJet 1020", "", "卡纸，进纸时有异响", NULL);
  g_autofree char *other_model = open_order (conn, "LaserJet 1022", "", "卡纸，进纸时有异响", NULL);
  g_autofree char *other_fault = open_order (conn, "LaserJet 1020", "", "开机无反应，电源灯不亮", NULL);
  g_autofree char *b = open_order (conn, "laserjet 1020 ", "", "经常卡纸，进纸异响", NULL);
  g_auto(WxIntakeResult) third = { 0 };
  g_autofree char *c = NULL;

  g_assert_cmpint (escalations_of (conn, a, "cluster"), ==, 0);
  g_assert_cmpint (escalations_of (conn, b, "cluster"), ==, 0);
  c = open_order (conn, "LaserJet 1020", "", "卡纸", &third);
  g_assert_cmpuint (third.cluster_size, ==, 3);
  g_assert_cmpint (escalations_of (conn, a, "cluster"), ==, 1);
  g_assert_cmpint (escalations_of (conn, b, "cluster"), ==, 1);
  g_assert_cmpint (escalations_of (conn, c, "cluster"), ==, 1);
  g_assert_cmpint (escalations_of (conn, other_model, "cluster"), ==, 0);
  g_assert_cmpint (escalations_of (conn, other_fault, "cluster"), ==, 0);
  {
    g_autofree char *d = open_order (conn, "LaserJet 1020", "", "进纸时卡纸，有异响", NULL);
    g_assert_cmpint (escalations_of (conn, d, "cluster"), ==, 1);
    g_assert_cmpint (escalations_of (conn, a, "cluster"), ==, 1);
  }
}

static void
test_return_repair (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *recent = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_ARCHIVED, TRUE);
  g_autofree char *old = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_ARCHIVED, TRUE);
  const char *params[] = { recent, old };
  g_auto(WxIntakeResult) back = { 0 };
  g_auto(WxIntakeResult) late = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  g_assert_true (wx_db_execute (conn,
    "UPDATE service_orders SET serial = CASE number WHEN $1 THEN 'CNB3K00089' ELSE 'CNB3K00091' END,"
    "       picked_up_at = now() - CASE number WHEN $1 THEN interval '89 days' ELSE interval '91 days' END"
    " WHERE number IN ($1, $2)", 2, params, &error));
  g_free (open_order (conn, "M404dn", "cnb3k00089", "又卡纸了", &back));
  g_assert_cmpstr (back.return_of, ==, recent);
  link = order_column (conn, back.number, "is_return_repair");
  g_assert_cmpstr (link, ==, "true");
  g_assert_cmpint (events_of (conn, back.number, "return_repair"), ==, 1);
  g_free (open_order (conn, "M404dn", "CNB3K00091", "又卡纸了", &late));
  g_assert_null (late.return_of);
  g_assert_cmpint (events_of (conn, late.number, "return_repair"), ==, 0);
}

static void
test_intake_validation (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  WxOrderDraft d = { WX_ORDER_KIND_CARRY_IN, "华南理工大学", "", "王老师", "12345",
                     "激光打印机", "M404dn", "", "卡纸", NULL, NULL };
  WxIntakeResult r = { 0 };
  g_autoptr(GError) phone = NULL;
  g_autoptr(GError) machine = NULL;

  g_assert_false (wx_db_order_create (conn, &d, &r, &phone));
  g_assert_error (phone, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  d.phone = "13912345678";
  d.model = "";
  g_assert_false (wx_db_order_create (conn, &d, &r, &machine));
  g_assert_cmpstr (machine->message, ==, "A carry-in order needs the product, the model or serial number, and the reported fault.");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, before);
}

/* A quote left undecided past the decision clock's limit reaches the
 * supervisor's inbox at that moment, once, by the server's clock. */
static void
test_late_decision_escalates (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *late = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_QUOTED, TRUE);
  g_autofree char *fresh = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_QUOTED, TRUE);
  const char *params[] = { late, fresh };
  const char *one[] = { late };
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_execute (conn,
    "INSERT INTO order_events (order_id, at, event, from_state, to_state)"
    " SELECT id, CASE number WHEN $1 THEN now() - interval '6 days' ELSE now() END, 'quote', 'inspected', 'quoted'"
    "   FROM service_orders WHERE number IN ($1, $2)", 2, params, &error));
  set_role (conn, "wx_coordinator");
  g_assert_cmpint (wx_db_escalate_late_decisions (conn, NULL, &error), >=, 1);
  g_assert_no_error (error);
  g_assert_cmpint (wx_db_escalate_late_decisions (conn, NULL, &error), ==, 0);
  set_role (conn, NULL);
  g_assert_cmpint (escalations_of (conn, late, "late_decision"), ==, 1);
  g_assert_cmpint (escalations_of (conn, fresh, "late_decision"), ==, 0);
  {
    g_autofree char *n = wx_db_query_value (conn,
      "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
      " WHERE o.number = $1 AND e.event = 'escalate' AND e.payload ->> 'trigger' = 'late_decision'", 1, one, &error);
    g_assert_cmpstr (n, ==, "1");
  }
}

/* Paid means the amount due: core answers with the database's sentence
 * (¥600 on a ¥680 quote is not paid in full). */
static void
test_payment_parity (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  static const struct { WxMoney quote, amount; const char *status; gboolean ok; } cases[] = {
    { 68000, 60000, "paid", FALSE }, { 68000, 70000, "paid", FALSE }, { 0, 0, "paid", FALSE },
    { 68000, 68000, "paid", TRUE }, { 68000, 0, "on_account", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_NOTIFIED, TRUE);
      g_autofree char *quote = g_strdup_printf ("%" G_GINT64_FORMAT, cases[i].quote);
      const char *params[] = { number, quote };
      g_autoptr(GHashTable) d = g_hash_table_new (g_str_hash, g_str_equal);
      WxStepExtras extras = { .payment_amount = cases[i].amount, .payment_method = "wechat" };
      g_autoptr(GError) core = NULL;
      g_autoptr(GError) db = NULL;
      gboolean core_ok = wx_payment_check (cases[i].status, cases[i].amount, cases[i].quote, 0, &core);
      gboolean db_ok;

      g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET quote_total = nullif($2::bigint, 0)"
                                          " WHERE number = $1", 2, params, NULL));
      g_hash_table_insert (d, "accessories_checked", "true");
      g_hash_table_insert (d, "payment_status", (gpointer) cases[i].status);
      g_hash_table_insert (d, "picked_up_by", "李明");
      set_role (conn, "wx_coordinator");
      db_ok = wx_db_order_step_full (conn, number, -1, "pickup", d, &extras, NULL, &db);
      set_role (conn, NULL);
      g_test_message ("%s ¥%" G_GINT64_FORMAT " of ¥%" G_GINT64_FORMAT ": %s", cases[i].status, cases[i].amount / 100,
                      cases[i].quote / 100, db ? db->message : "saved");
      g_assert_cmpint (core_ok, ==, cases[i].ok);
      g_assert_cmpint (db_ok, ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_cmpstr (core->message, ==, db->message);
    }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM payments WHERE amount = 68000"), ==, 1);
}

/* Each accessory handed back at pickup is recorded by the database, with
 * who and when; "checked" while one is still kept is refused, naming it. */
static void
test_pickup_accessories (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_NOTIFIED, TRUE);
  const char *params[] = { number };
  g_autoptr(GHashTable) d = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) records = json_object_new ();
  g_autoptr(JsonArray) positions = json_array_new ();
  WxStepExtras extras = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_true (wx_db_execute (conn, "INSERT INTO order_accessories (order_id, position, name)"
                                      " SELECT id, p, n FROM service_orders,"
                                      "      (VALUES (1, '电源适配器'), (2, '鼠标')) AS a (p, n) WHERE number = $1",
                                1, params, NULL));
  g_hash_table_insert (d, "accessories_checked", "true");
  g_hash_table_insert (d, "payment_status", "on_account");
  g_hash_table_insert (d, "picked_up_by", "李明");
  json_array_add_int_element (positions, 2);
  json_object_set_array_member (records, "accessories_returned", json_array_ref (positions));
  extras.records = records;
  set_role (conn, "wx_coordinator");
  ok = wx_db_order_step_full (conn, number, -1, "pickup", d, &extras, NULL, &error);
  set_role (conn, NULL);
  g_assert_false (ok);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "电源适配器"));
  g_assert_null (strstr (error->message, "鼠标"));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_accessories WHERE returned OR returned_at IS NOT NULL"), ==, 0);
  g_clear_error (&error);

  json_array_add_int_element (positions, 1);
  set_role (conn, "wx_coordinator");
  ok = wx_db_order_step_full (conn, number, -1, "pickup", d, &extras, NULL, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_accessories a JOIN service_orders o"
                                           " ON o.id = a.order_id WHERE a.returned AND a.returned_at IS NOT NULL"
                                           " AND a.returned_by = o.updated_by"), ==, 2);
}

/* ---------------------------------------------------------- on the worker */

static void
step_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The step on the worker as the dialogs take it: what it is given is
 * copied, so the caller frees it at once; the quote lines with their texts
 * and the step's data are written, and the result is the order's. */
static void
test_step_on_the_worker (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (conninfo);
  g_autofree char *number = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_INSPECTED, FALSE);
  g_autofree char *state = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree WxTransitionResult *r = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { number };
  g_autoptr(PGresult) lines = NULL;

  {
    GHashTable *d = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    GArray *input = g_array_new (FALSE, TRUE, sizeof (WxQuoteLineInput));
    char *texts[] = { g_strdup ("part"), g_strdup ("定影组件"), g_strdup ("RM2-5425"),
                      g_strdup ("labour"), g_strdup ("检测维修") };
    WxQuoteLineInput part = { .kind = texts[0], .description = texts[1], .quantity = 1,
                              .unit_price = 45000, .part_number = texts[2] };
    WxQuoteLineInput labour = { .kind = texts[3], .description = texts[4], .quantity = 1, .unit_price = 3000 };
    WxStepExtras extras = { .quote_lines = input };

    g_array_append_val (input, part);
    g_array_append_val (input, labour);
    g_hash_table_insert (d, g_strdup ("quote_method"), g_strdup ("phone"));
    g_hash_table_insert (d, g_strdup ("quote_total"), g_strdup ("48000"));
    wx_db_order_step_async (worker, number, -1, "quote", d, &extras, NULL, step_done_cb, &result);
    g_hash_table_unref (d);
    g_array_unref (input);
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      g_free (texts[i]);
  }
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  r = wx_db_order_step_finish (worker, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, WX_ORDER_STATE_QUOTED);
  state = order_column (conn, number, "state");
  g_assert_cmpstr (state, ==, "quoted");
  lines = PQexecParams (conn, "SELECT q.kind, q.description, coalesce(q.part_number, ''), q.unit_price"
                              "  FROM quote_lines q JOIN service_orders o ON o.id = q.order_id"
                              " WHERE o.number = $1 ORDER BY q.position", 1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQntuples (lines), ==, 2);
  g_assert_cmpstr (PQgetvalue (lines, 0, 0), ==, "part");
  g_assert_cmpstr (PQgetvalue (lines, 0, 1), ==, "定影组件");
  g_assert_cmpstr (PQgetvalue (lines, 0, 2), ==, "RM2-5425");
  g_assert_cmpstr (PQgetvalue (lines, 1, 1), ==, "检测维修");
  g_assert_cmpstr (PQgetvalue (lines, 1, 3), ==, "3000");
}

/* A decision after the limit needs its reason and is flagged. */
static void
test_late_decision (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *late = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_QUOTED, TRUE);
  g_autofree char *prompt = make_order (conn, WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_QUOTED, TRUE);
  const char *params[] = { late, prompt };
  g_autoptr(GHashTable) d = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;

  g_assert_true (wx_db_execute (conn,
    "INSERT INTO order_events (order_id, at, event, from_state, to_state)"
    " SELECT id, CASE number WHEN $1 THEN now() - interval '6 days' ELSE now() END, 'quote', 'inspected', 'quoted'"
    "   FROM service_orders WHERE number IN ($1, $2)", 2, params, &error));
  g_hash_table_insert (d, "decision_contact", "李明");
  set_role (conn, "wx_coordinator");
  g_assert_true (wx_db_order_step (conn, prompt, "agree", d, NULL, &error));
  g_assert_false (wx_db_order_step (conn, late, "agree", d, NULL, &refused));
  /* The database's rule (the decision clock on the business calendar). */
  g_assert_error (refused, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (refused->message, "decision_reason"));
  g_hash_table_insert (d, "decision_reason", "用户出差，等领导批复");
  g_assert_true (wx_db_order_step (conn, late, "agree", d, NULL, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  {
    const char *one[] = { late };
    g_autofree char *flag = wx_db_query_value (conn,
      "SELECT e.payload ->> 'late_decision' FROM order_events e JOIN service_orders o ON o.id = e.order_id"
      " WHERE o.number = $1 AND e.event = 'agree'", 1, one, &error);
    g_autofree char *reason = order_column (conn, late, "decision_reason");
    g_assert_cmpstr (flag, ==, "true");
    g_assert_cmpstr (reason, ==, "用户出差，等领导批复");
  }
}

/* Events of the demo data that are no step of the table. */
static gint64
demo_steps_not_in_the_table (PGconn *conn)
{
  return wx_test_db_count (conn,
    "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE e.from_state IS NOT NULL AND e.event NOT IN ('return_repair')"
    "   AND NOT EXISTS (SELECT 1 FROM workflow_transitions t"
    "                    WHERE t.event = e.event AND o.kind = ANY (t.kinds)"
    "                      AND (t.from_state = e.from_state OR t.from_state IS NULL)"
    "                      AND coalesce(t.to_state, e.from_state) = e.to_state)");
}

/* The demo data walks only the steps of the table. */
static void
test_demo_follows_the_table (void)
{
  g_autofree char *ci = wx_test_db_create ("workflow_demo", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_demo_load (conn, 400, now, &error));
  g_assert_cmpint (demo_steps_not_in_the_table (conn), ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE from_state IS NOT NULL"), >, 1000);
}

/* What a step-by-step load leaves in the catalogue, to compare the bulk
 * path's with: the triggers and whether each is on, the constraints, the
 * indexes. */
static char *
catalogue_of_the_loaded_tables (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT string_agg(x, ' ' ORDER BY x) FROM ("
    " SELECT tgname || ':' || tgenabled::text AS x FROM pg_trigger"
    "  WHERE NOT tgisinternal AND tgrelid IN ('service_orders'::regclass, 'order_events'::regclass,"
    "                                         'quote_lines'::regclass, 'order_search'::regclass)"
    " UNION ALL SELECT conname || ':' || convalidated::text FROM pg_constraint"
    "  WHERE conrelid IN ('service_orders'::regclass, 'order_events'::regclass, 'quote_lines'::regclass,"
    "                     'payments'::regclass, 'order_search'::regclass, 'order_accessories'::regclass)"
    " UNION ALL SELECT indexrelid::regclass::text FROM pg_index"
    "  WHERE indrelid IN ('service_orders'::regclass, 'order_events'::regclass, 'order_search'::regclass)) c");
}

/* A load large enough for the owner's fast path (triggers off, keys and
 * indexes made again after the COPY) leaves the catalogue as it found it,
 * every order searchable, and walks only the steps of the table; the
 * shapes put the orders where they say. */
static void
test_demo_shapes (void)
{
  g_autofree char *ci = wx_test_db_create ("workflow_demo_shapes", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GDateTime) now = wx_test_fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = catalogue_of_the_loaded_tables (conn);
  g_autofree char *after = NULL;
  WxDbDemoShape shape;
  gint64 open;

  g_assert_true (wx_db_demo_shape_from_code ("shop", &shape));
  g_assert_cmpint (shape, ==, WX_DB_DEMO_SHAPE_SHOP);
  g_assert_false (wx_db_demo_shape_from_code ("mall", &shape));

  g_assert_true (wx_db_demo_load_shaped (conn, WX_DB_DEMO_BULK_ORDERS, now, WX_DB_DEMO_SHAPE_SHOP,
                                         NULL, NULL, &error));
  g_assert_no_error (error);
  after = catalogue_of_the_loaded_tables (conn);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_search"), ==, WX_DB_DEMO_BULK_ORDERS);
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders o JOIN order_search s ON s.order_id = o.id"
    " WHERE s.text = wx_search_text(o.number, o.unit_name, o.contact_person, o.serial,"
    "                               o.contact_mobile, o.contact_phone)"
    "   AND wx_short_grams(s.text) @> ARRAY[lower(substr(o.contact_person, 1, 2))]"), ==, WX_DB_DEMO_BULK_ORDERS);
  g_assert_cmpint (demo_steps_not_in_the_table (conn), ==, 0);
  /* A small shop: 2,000 orders go back 20 weeks; what is open is about
   * the last few weeks' work, whatever the number of orders. */
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT extract(epoch FROM max(received_at) - min(received_at))::bigint / (7 * 86400) FROM service_orders"),
    >=, 18);
  open = wx_test_db_count (conn, "SELECT count(*) FROM service_orders o JOIN workflow_states s USING (state) WHERE s.open");
  g_assert_cmpint (open, <, 4 * WX_DB_DEMO_SHOP_WEEKLY);
  g_assert_cmpint (open, >=, 10);

  /* A backlog: a large share left open (step by step, below the bulk size). */
  g_assert_true (wx_db_demo_load_shaped (conn, 600, now, WX_DB_DEMO_SHAPE_BACKLOG, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders o JOIN workflow_states s USING (state) WHERE s.open") - open,
    >, 600 / 3);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("workflow", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  wx_test_db_exec (conn,
    "DO $$ BEGIN CREATE ROLE wf_zhangsan; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
    "GRANT wx_coordinator, wx_engineer TO wf_zhangsan;"
    "INSERT INTO staff (role_name, full_name) VALUES ('wf_zhangsan', '张三');");
  peer_id = wx_test_db_value (conn, "INSERT INTO suppliers (name, kind) VALUES ('诚信电脑维修部', 'peer_shop') RETURNING id");

  g_test_add_func ("/workflow/tables-identical", test_tables_identical);
  g_test_add_func ("/workflow/every-step-every-role", test_every_step_for_every_role);
  g_test_add_func ("/workflow/steps-not-in-the-table", test_steps_not_in_the_table);
  g_test_add_func ("/workflow/roles-refused", test_roles_refused);
  g_test_add_func ("/workflow/missing-data", test_missing_data);
  g_test_add_func ("/workflow/state-guard", test_state_guard);
  g_test_add_func ("/workflow/two-at-once", test_two_at_once);
  g_test_add_func ("/escalation/two-visits", test_escalate_two_visits);
  g_test_add_func ("/escalation/two-part-orders", test_escalate_two_part_orders);
  g_test_add_func ("/escalation/no-diagnosis-week", test_escalate_no_diagnosis);
  g_test_add_func ("/escalation/cluster", test_escalate_cluster);
  g_test_add_func ("/workflow/late-decision", test_late_decision);
  g_test_add_func ("/workflow/payment-parity", test_payment_parity);
  g_test_add_func ("/workflow/step-on-the-worker", test_step_on_the_worker);
  g_test_add_func ("/escalation/late-decision", test_late_decision_escalates);
  g_test_add_func ("/workflow/demo-follows-the-table", test_demo_follows_the_table);
  g_test_add_func ("/workflow/demo-shapes", test_demo_shapes);
  g_test_add_func ("/intake/return-repair", test_return_repair);
  g_test_add_func ("/intake/validation", test_intake_validation);
  g_test_add_func ("/workflow/pickup-accessories", test_pickup_accessories);
  return g_test_run ();
}

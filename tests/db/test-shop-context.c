/* One login's WxShopContext against a demo database: the minute tick moves
 * every card's clock on from what the card keeps, with no round trip to the
 * database, to the same clock a load at that time gives; what changes
 * without a step of its order (a payment, an escalation) and a supervisor's
 * return reach the context through the listener, without a reload of every
 * order. */
#include <string.h>
#include <unistd.h>

#include "core/wx-order.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "gui/wx-shop-context.h"
#include "wx-test-db.h"

static char *conninfo;          /* the test's superuser */
static char *clerk_conninfo;    /* a coordinator, as at the front desk */
static char *clerk_login;
static char *supervisor_conninfo;
static WxShopContext *context;

/* Iterates the main context until `done (data)`; a minute at most (the
 * listener's notifications come from another connection). */
static void
spin_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
loaded_cb (WxShopContext *ctx, GError *error, gpointer flag)
{
  g_assert_no_error (error);
  *(gboolean *) flag = TRUE;
}

/* The card of order `id` in the context, or NULL. */
static WxOrder *
card_of (gint64 id)
{
  GListModel *orders = wx_shop_context_get_orders (context);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(WxOrder) o = g_list_model_get_item (orders, i);

      if (wx_order_get_id (o) == id)
        return g_steal_pointer (&o);
    }
  return NULL;
}

static void
count_cb (WxShopContext *ctx, gpointer count)
{
  (*(guint *) count)++;
}

static void
test_tick (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (clerk_conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  GListModel *orders = wx_shop_context_get_orders (context);
  WxDbWorker *worker = wx_shop_context_get_worker (context);
  gint64 later = g_get_real_time () / G_USEC_PER_SEC + 7 * 24 * 3600;
  guint64 jobs;
  guint n_clocks = 0, n_moved = 0, n_updated = 0;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  gulong handler;

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    g_ptr_array_add (before, g_list_model_get_item (orders, i));
  g_assert_cmpuint (before->len, >, 10);

  handler = g_signal_connect (context, "orders-updated", G_CALLBACK (count_cb), &n_updated);
  jobs = wx_db_worker_get_n_jobs (worker);
  wx_shop_context_tick (context, later);
  /* Nothing was asked of the database, then or later. */
  g_assert_cmpuint (wx_db_worker_get_n_jobs (worker), ==, jobs);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (wx_db_worker_get_n_jobs (worker), ==, jobs);
  g_assert_cmpuint (n_updated, ==, 1);
  g_signal_handler_disconnect (context, handler);

  /* Each clock is the one a load a week later computes. */
  fresh = wx_db_board_load (conn, later, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, ==, g_list_model_get_n_items (orders));
  for (guint i = 0; i < fresh->len; i++)
    {
      const WxOrderData *want = wx_order_get_data (g_ptr_array_index (fresh, i));
      g_autoptr(WxOrder) card = card_of (want->id);
      const WxOrderData *got;

      g_assert_nonnull (card);
      got = wx_order_get_data (card);
      g_assert_cmpint (got->has_clock, ==, want->has_clock);
      if (!want->has_clock)
        continue;
      n_clocks++;
      g_assert_cmpint (got->clock, ==, want->clock);
      g_assert_cmpint (got->clock_status, ==, want->clock_status);
      g_assert_cmpint (got->clock_due, ==, want->clock_due);
      g_assert_cmpint (got->clock_minutes_left, ==, want->clock_minutes_left);
    }
  g_assert_cmpuint (n_clocks, >, 5);

  /* And the running clocks have fewer minutes left than before. */
  for (guint i = 0; i < before->len; i++)
    {
      const WxOrderData *old = wx_order_get_data (g_ptr_array_index (before, i));
      g_autoptr(WxOrder) card = card_of (old->id);

      if (!old->has_clock || !wx_order_get_data (card)->has_clock)
        continue;
      g_assert_cmpint (wx_order_get_data (card)->clock_minutes_left, <, old->clock_minutes_left);
      n_moved++;
    }
  g_assert_cmpuint (n_moved, >, 5);
}

typedef struct {
  gint64 id;
  gint64 balance;
} Balance;

static gboolean
balance_is (gpointer data)
{
  Balance *b = data;
  g_autoptr(WxOrder) card = card_of (b->id);

  return card && wx_order_get_data (card)->balance == b->balance;
}

static gboolean
escalations_are (gpointer data)
{
  Balance *b = data;
  g_autoptr(WxOrder) card = card_of (b->id);

  return card && wx_order_get_data (card)->open_escalations == (guint) b->balance;
}

/* A payment and an escalation change a card without a step of its order:
 * the card follows through the listener. */
static void
test_follows_other_tables (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *id_text = wx_test_db_value (conn,
      "SELECT id FROM service_orders WHERE state = 'repairing' ORDER BY id LIMIT 1");
  Balance b;
  guint64 loads;
  g_autoptr(WxOrder) card = NULL;
  g_autofree char *pay = g_strdup_printf ("INSERT INTO payments (order_id, amount, method, received_by, kind,"
                                          " reason, approved_by) VALUES (%s, 1000, 'cash', 'x', 'refund', '退款', 'x')",
                                          id_text);
  g_autofree char *balance_sql = g_strdup_printf ("SELECT wx_order_balance(%s)", id_text);
  g_autofree char *balance = NULL;
  g_autofree char *escalate = g_strdup_printf ("INSERT INTO escalations (order_id, trigger, reason, raised_by)"
                                               " VALUES (%s, 'manual', '测试', 'x')", id_text);

  g_assert_nonnull (id_text);
  b.id = g_ascii_strtoll (id_text, NULL, 10);
  card = card_of (b.id);
  g_assert_nonnull (card);
  b.balance = wx_order_get_data (card)->balance;
  g_assert_false (wx_shop_context_get_loading (context));
  loads = wx_db_worker_get_n_jobs (wx_shop_context_get_worker (context));

  wx_test_db_exec (conn, pay);
  balance = wx_test_db_value (conn, balance_sql);
  b.balance = g_ascii_strtoll (balance, NULL, 10);
  g_assert_cmpint (b.balance, !=, wx_order_get_data (card)->balance);
  spin_until (balance_is, &b, "the new balance");

  b.balance = wx_order_get_data (card)->open_escalations + 1;
  wx_test_db_exec (conn, escalate);
  spin_until (escalations_are, &b, "the escalation's mark");
  /* Each through the changed order alone (one job each, or one for both). */
  g_assert_cmpuint (wx_db_worker_get_n_jobs (wx_shop_context_get_worker (context)), <=, loads + 2);
  g_assert_false (wx_shop_context_get_loading (context));
}

static void
notice_cb (WxShopContext *ctx, const char *text, gboolean is_error, gpointer data)
{
  char **last = data;

  g_free (*last);
  *last = g_strdup (text);
}

typedef struct {
  char       **notice;
  const char  *number;
} Returned;

static gboolean
returned_noticed (gpointer data)
{
  Returned *r = data;

  return *r->notice && strstr (*r->notice, r->number) != NULL;
}

/* The supervisor returns an order to this login: the notice comes with the
 * order's change. */
static void
test_return_noticed (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) supervisor = wx_test_db_connect (supervisor_conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_test_db_value (conn,
      "SELECT number FROM service_orders WHERE state = 'entered' AND reviewed_at IS NULL ORDER BY id LIMIT 1");
  g_autofree char *notice = NULL;
  Returned r = { &notice, number };
  gulong handler;
  const char *params[2];

  g_assert_nonnull (number);
  handler = g_signal_connect (context, "notice", G_CALLBACK (notice_cb), &notice);
  params[0] = number;
  params[1] = clerk_login;
  g_assert_true (wx_db_execute (supervisor,
                                "SELECT wx_review_return($1, (SELECT version FROM service_orders WHERE number = $1),"
                                " '{}'::jsonb, NULL, '请补签', $2)", 2, params, &error));
  g_assert_no_error (error);
  spin_until (returned_noticed, &r, "the return's notice");
  g_signal_handler_disconnect (context, handler);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *supervisor_login = NULL;
  gboolean loaded = FALSE;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("shopctx", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);

  /* Staff logins of their own (roles are per cluster: a name per process). */
  clerk_login = g_strdup_printf ("sc_clerk_%d", (int) getpid ());
  supervisor_login = g_strdup_printf ("sc_sup_%d", (int) getpid ());
  {
    const char *p1[] = { clerk_login, "测试协调员" };
    const char *p2[] = { supervisor_login, "测试主管" };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_coordinator'])", 2, p1, &error));
    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_supervisor'])", 2, p2, &error));
    g_assert_no_error (error);
  }
  clerk_conninfo = wx_db_conninfo_with (conninfo, "user", clerk_login);
  supervisor_conninfo = wx_db_conninfo_with (conninfo, "user", supervisor_login);

  context = wx_shop_context_new (clerk_conninfo);
  wx_shop_context_hold (context);
  g_signal_connect (context, "loaded", G_CALLBACK (loaded_cb), &loaded);
  spin_until (flag_set, &loaded, "the first load");
  spin_until ((gboolean (*) (gpointer)) wx_db_listener_get_listening, wx_shop_context_get_listener (context),
              "the listener");

  g_test_add_func ("/db/shop-context/tick", test_tick);
  g_test_add_func ("/db/shop-context/follows-other-tables", test_follows_other_tables);
  g_test_add_func ("/db/shop-context/return-noticed", test_return_noticed);
  return g_test_run ();
}

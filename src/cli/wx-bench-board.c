/* wx-bench-board.c — `weixiu-admin bench board`: the front desk's kanban
 * board and search (issue 5) in a database of its own with 100,000 orders of
 * which about 2,000 are open: the demo's orders of the last weeks (about
 * half of them open) and closed ones before them, years of a busy shop, made
 * from the demo's customers and machines with simple event histories. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/wx-order.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-migrate.h"
#include "wx-admin-bench.h"

#define DEMO_ORDERS    4400      /* about 2,000 of them open */
#define TOTAL_ORDERS   100000
#define BOARD_RUNS     20
#define IDS_RUNS       50
#define SEARCH_QUERIES 50        /* of each kind */
#define SEARCH_LIMIT   50
#define LAUNCH_RUNS    5         /* of each: the app, an empty window */

/* Closed orders before the demo's, one every 25 minutes: $1 of them, each a
 * copy of a random demo order's customer, contact and machine (with a serial
 * of its own), archived after a plain path through the workflow or, one in
 * 32, cancelled. The owner writes the events with their times. */
static const char history_sql[] =
  "WITH tpl AS (SELECT row_number() OVER (ORDER BY id) AS k, kind, customer_id, device_id, unit_name,"
  "                    unit_address, contact_person, contact_mobile, contact_phone, product_name, model,"
  "                    serial, reported_fault"
  "               FROM service_orders WHERE kind <> 'sale'),"
  "     h AS (SELECT i, abs(hashint4(i)) AS r,"
  "                  (SELECT min(received_at) FROM service_orders) - ($1::integer - i + 1) * interval '25 minutes' AS at"
  "             FROM generate_series(1, $1::integer) i),"
  "     o AS (INSERT INTO service_orders (number, kind, state, customer_id, device_id, unit_name, unit_address,"
  "                                       contact_person, contact_mobile, contact_phone, product_name, model,"
  "                                       serial, reported_fault, cancel_reason, received_at, created_at, updated_at)"
  "           SELECT to_char(h.at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(h.i::text, 7, '0'),"
  "                  t.kind, CASE WHEN h.r % 32 = 0 THEN 'cancelled' ELSE 'archived' END,"
  "                  t.customer_id, t.device_id, t.unit_name, t.unit_address, t.contact_person,"
  "                  t.contact_mobile, t.contact_phone, t.product_name, t.model,"
  "                  CASE WHEN t.serial = '' THEN '' ELSE left(t.serial, 3) || upper(substr(md5(h.i::text), 1, 7)) END,"
  "                  t.reported_fault, CASE WHEN h.r % 32 = 0 THEN '用户不修了' ELSE '' END,"
  "                  h.at, h.at, h.at + interval '30 days'"
  "             FROM h JOIN tpl t ON t.k = 1 + h.r % (SELECT count(*) FROM tpl)"
  "           RETURNING id, kind, state, received_at)"
  "INSERT INTO order_events (order_id, at, event, from_state, to_state)"
  "SELECT o.id, o.received_at + p.after, p.event, p.from_state, p.to_state"
  "  FROM o JOIN (VALUES"
  "    ('carry_in', 'received', NULL, 'received', interval '0'),"
  "    ('carry_in', 'dispatch_inspection', 'received', 'inspecting', interval '1 hour'),"
  "    ('carry_in', 'inspect', 'inspecting', 'inspected', interval '1 day'),"
  "    ('carry_in', 'dispatch_repair', 'inspected', 'repairing', interval '1 day 1 hour'),"
  "    ('carry_in', 'repair_done', 'repairing', 'repaired', interval '2 days'),"
  "    ('carry_in', 'notify', 'repaired', 'notified', interval '2 days 1 hour'),"
  "    ('carry_in', 'pickup', 'notified', 'picked_up', interval '3 days'),"
  "    ('carry_in', 'enter', 'picked_up', 'entered', interval '3 days 1 hour'),"
  "    ('carry_in', 'review', 'entered', 'entered', interval '4 days'),"
  "    ('carry_in', 'reconcile', 'entered', 'reconciled', interval '10 days'),"
  "    ('carry_in', 'invoice', 'reconciled', 'archived', interval '30 days'),"
  "    ('on_site', 'call_logged', NULL, 'call_logged', interval '0'),"
  "    ('on_site', 'dispatch_onsite', 'call_logged', 'onsite_dispatched', interval '20 minutes'),"
  "    ('on_site', 'book_visit', 'onsite_dispatched', 'appointment_booked', interval '25 minutes'),"
  "    ('on_site', 'arrive', 'appointment_booked', 'on_site', interval '3 hours'),"
  "    ('on_site', 'fix_on_site', 'on_site', 'fixed_on_site', interval '4 hours'),"
  "    ('on_site', 'accept', 'fixed_on_site', 'picked_up', interval '4 hours 10 minutes'),"
  "    ('on_site', 'enter', 'picked_up', 'entered', interval '1 day'),"
  "    ('on_site', 'review', 'entered', 'entered', interval '2 days'),"
  "    ('on_site', 'reconcile', 'entered', 'reconciled', interval '10 days'),"
  "    ('on_site', 'invoice', 'reconciled', 'archived', interval '30 days'),"
  "    ('cancelled carry_in', 'received', NULL, 'received', interval '0'),"
  "    ('cancelled carry_in', 'cancel', 'received', 'cancelled', interval '2 hours'),"
  "    ('cancelled on_site', 'call_logged', NULL, 'call_logged', interval '0'),"
  "    ('cancelled on_site', 'cancel', 'call_logged', 'cancelled', interval '2 hours')"
  "  ) p(path, event, from_state, to_state, after)"
  "    ON p.path = CASE WHEN o.state = 'cancelled' THEN 'cancelled ' ELSE '' END || o.kind";

gboolean
wx_bench_board_fill (PGconn *conn, GDateTime *now, GError **error)
{
  g_autofree char *count = g_strdup_printf ("%d", TOTAL_ORDERS - DEMO_ORDERS);
  const char *params[] = { count };
  gint64 t0 = wx_bench_now ();

  if (!wx_db_init (conn, error) || !wx_db_demo_load (conn, DEMO_ORDERS, now, error))
    return FALSE;
  g_print (_("  schema + %d demo orders took %.0f ms\n"), DEMO_ORDERS, (wx_bench_now () - t0) / 1000.0);
  t0 = wx_bench_now ();
  if (!wx_db_execute (conn, history_sql, 1, params, error))
    return FALSE;
  g_print (_("  %s closed orders with their events took %.0f ms\n"), count, (wx_bench_now () - t0) / 1000.0);
  /* As autovacuum would have by then: statistics, the visibility map, the
   * GIN indexes' pending entries merged. */
  t0 = wx_bench_now ();
  if (!wx_db_execute (conn, "VACUUM ANALYZE", 0, NULL, error))
    return FALSE;
  g_print (_("  VACUUM ANALYZE took %.0f ms\n"), (wx_bench_now () - t0) / 1000.0);
  return TRUE;
}

static void
print_count (PGconn *conn, const char *what, const char *sql)
{
  g_autofree char *value = wx_db_query_value (conn, sql, 0, NULL, NULL);

  wx_bench_figure (what, value ? value : "?", NULL);
}

/* Loading the board: the query and the cards, then into a GListStore as a
 * board window holds them, replacing the previous load. */
static gboolean
bench_load (PGconn *conn, gint64 now, GError **error)
{
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) model = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) by_id = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GListStore) store = g_list_store_new (WX_TYPE_ORDER);
  g_autofree char *cards_text = NULL;
  guint clocks = 0, n_cards = 0;

  for (guint run = 0; run <= BOARD_RUNS; run++)
    {
      g_autoptr(GPtrArray) cards = NULL;
      gint64 t0 = wx_bench_now (), t1, t2;

      cards = wx_db_board_load (conn, now, error);
      if (cards == NULL)
        return FALSE;
      t1 = wx_bench_now ();
      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), cards->pdata, cards->len);
      t2 = wx_bench_now ();
      n_cards = cards->len;
      clocks = 0;
      for (guint i = 0; i < cards->len; i++)
        clocks += wx_order_get_data (g_ptr_array_index (cards, i))->has_clock;
      /* The first run warms the caches. */
      if (run == 0)
        continue;
      t2 -= t0;
      t1 -= t0;
      g_array_append_val (load, t1);
      g_array_append_val (model, t2);
    }
  for (guint run = 0; run < IDS_RUNS; run++)
    {
      g_autoptr(GPtrArray) cards = NULL;
      gint64 ids[10];
      gint64 t0;

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr(WxOrder) card = g_list_model_get_item (G_LIST_MODEL (store), (run * 37 + i * 101) % n_cards);
          ids[i] = wx_order_get_id (card);
        }
      t0 = wx_bench_now ();
      cards = wx_db_board_load_ids (conn, ids, G_N_ELEMENTS (ids), now, error);
      if (cards == NULL)
        return FALSE;
      t0 = wx_bench_now () - t0;
      g_array_append_val (by_id, t0);
    }
  cards_text = g_strdup_printf (_("%u cards, %u with a running clock"), n_cards, clocks);
  wx_bench_figure (_("the board"), cards_text, NULL);
  wx_bench_report (_("board: query + cards"), load, NULL);
  wx_bench_report (_("board: query + cards + list model"), model, _("target: < 50 ms"));
  wx_bench_report (_("cards of 10 orders by id (a notification)"), by_id, NULL);
  return TRUE;
}

/* What the front desk types, taken from random orders of every age. */
typedef enum { KIND_PHONE, KIND_SERIAL, KIND_NUMBER, KIND_NAME, N_KINDS } SearchKind;

static char *
fragment (GRand *rand, const char *text, guint min_len, guint max_len)
{
  glong n = g_utf8_strlen (text, -1);
  glong len = MIN (n, (glong) g_rand_int_range (rand, min_len, max_len + 1));
  glong start = g_rand_int_range (rand, 0, (gint32) (n - len + 1));

  return g_utf8_substring (text, start, start + len);
}

static char *
make_query (GRand *rand, SearchKind kind, PGresult *res, int row)
{
  const char *number = PQgetvalue (res, row, 0);
  const char *phone = PQgetvalue (res, row, 1);
  const char *serial = PQgetvalue (res, row, 2);
  const char *unit = PQgetvalue (res, row, 3);
  const char *contact = PQgetvalue (res, row, 4);

  switch (kind)
    {
    case KIND_PHONE:      /* four to eight digits of the number, or all of it */
      return g_rand_int_range (rand, 0, 5) == 0 ? g_strdup (phone) : fragment (rand, phone, 4, 8);
    case KIND_SERIAL:
      return fragment (rand, serial, 4, 8);
    case KIND_NUMBER:     /* the whole number, or the end of its running number */
      if (g_rand_int_range (rand, 0, 4) == 0)
        return g_strdup (number);
      return g_strdup (number + strlen (number) - g_rand_int_range (rand, 4, 7));
    case KIND_NAME:       /* a contact, or the unit's own name (after 广州市X区), its first two to four characters */
    default:
      if (g_rand_boolean (rand))
        return g_strdup (contact);
      return g_utf8_substring (unit, 6, 6 + g_rand_int_range (rand, 2, 5));
    }
}

static gboolean
bench_search (PGconn *conn, gint64 now, GError **error)
{
  static const char *labels[N_KINDS] = {
    N_("search: phone fragment"), N_("search: serial fragment"),
    N_("search: order number or its end"), N_("search: unit or contact name"),
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261118);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Orders with every field to take a fragment from, the same each run. */
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT number, regexp_replace(coalesce(contact_mobile, contact_phone), '[^0-9]+', '', 'g'),"
    "       serial, unit_name, contact_person"
    "  FROM service_orders TABLESAMPLE BERNOULLI (2) REPEATABLE (18)"
    " WHERE char_length(serial) >= 8 AND char_length(unit_name) >= 10 AND contact_person <> ''"
    " ORDER BY id LIMIT 1000", 0, NULL, error);

  if (res == NULL)
    return FALSE;
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *found = NULL;
      guint results = 0, empty = 0;

      for (guint q = 0; q < SEARCH_QUERIES; q++)
        {
          g_autofree char *text = make_query (rand, kind, res, g_rand_int_range (rand, 0, PQntuples (res)));
          g_autoptr(GPtrArray) cards = NULL;
          gint64 t0 = wx_bench_now (), dt;

          cards = wx_db_orders_search (conn, text, SEARCH_LIMIT, now, error);
          if (cards == NULL)
            return FALSE;
          dt = wx_bench_now () - t0;
          g_array_append_val (samples, dt);
          g_array_append_val (all, dt);
          results += cards->len;
          empty += cards->len == 0;
        }
      wx_bench_report (_(labels[kind]), samples, _("target: p95 < 10 ms"));
      found = g_strdup_printf (_("%.1f orders a query (at most %d), %u found none"),
                               (double) results / SEARCH_QUERIES, SEARCH_LIMIT, empty);
      wx_bench_figure ("", found, NULL);
    }
  wx_bench_report (_("search: all kinds"), all, _("target: p95 < 10 ms"));
  return TRUE;
}

/* Microseconds from starting `argv` to its "ready" line (it quits then). */
static gint64
time_to_ready (const char * const *argv, GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  gint64 t0;
  gint64 elapsed;

  /* Nothing of the desktop's settings is read or written. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  t0 = wx_bench_now ();
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return -1;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  elapsed = wx_bench_now () - t0;
  if (line == NULL || !g_str_equal (line, "ready"))
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("%s ended without showing its window (run the bench under a display, e.g. xvfb-run)."), argv[0]);
      g_subprocess_force_exit (process);
      return -1;
    }
  return g_subprocess_wait (process, NULL, error) ? elapsed : -1;
}

/* From launch to a usable board (the front desk with its cards drawn),
 * against an empty GTK window of the same program, alternately. */
static gboolean
bench_launch (const char *conninfo, GError **error)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self_exe ? g_path_get_dirname (self_exe) : NULL;
  g_autofree char *weixiu = dir ? g_build_filename (dir, "weixiu", NULL) : NULL;
  const char *app_argv[] = { weixiu, "--db", conninfo, "--role", "coordinator", "--exit-when-ready", NULL };
  const char *empty_argv[] = { weixiu, "--empty-window", NULL };
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *ratio = NULL;
  gint64 app_median, empty_median;

  if (weixiu == NULL || !g_file_test (weixiu, G_FILE_TEST_IS_EXECUTABLE)
      || (!g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY")))
    {
      wx_bench_figure (_("launch to a usable board"), _("not measured: no display or no weixiu beside weixiu-admin"),
                       _("< 1.5 × an empty window"));
      return TRUE;
    }
  for (guint i = 0; i < LAUNCH_RUNS; i++)
    {
      gint64 e = time_to_ready (empty_argv, error);
      gint64 a = e < 0 ? -1 : time_to_ready (app_argv, error);

      if (a < 0)
        return FALSE;
      g_array_append_val (empty, e);
      g_array_append_val (app, a);
    }
  wx_bench_report (_("launch: an empty GTK window"), empty, "");
  wx_bench_report (_("launch: the front desk, board drawn"), app, _("< 1.5 × an empty window"));
  /* wx_bench_report sorted them: the medians. */
  empty_median = g_array_index (empty, gint64, LAUNCH_RUNS / 2);
  app_median = g_array_index (app, gint64, LAUNCH_RUNS / 2);
  ratio = g_strdup_printf ("%.2f ×", (double) app_median / (double) MAX (empty_median, 1));
  wx_bench_figure (_("launch to a usable board / empty window (medians)"), ratio, _("< 1.5 ×"));
  return TRUE;
}

gboolean
wx_bench_board (WxBench *bench, GError **error)
{
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();
  gint64 now = g_date_time_to_unix (now_dt);
  g_autofree char *dbname = NULL;
  g_autoptr(PGconn) conn = NULL;
  gboolean ok;

  conn = wx_bench_board_scratch (bench, "board", now_dt, &dbname, error);
  ok = conn != NULL;
  if (ok)
    {
      g_autofree char *conninfo = wx_db_conninfo_with (bench->server_conninfo, "dbname", dbname);

      print_count (conn, _("orders"), "SELECT count(*) FROM service_orders");
      print_count (conn, _("open orders"),
                   "SELECT count(*) FROM service_orders WHERE state IN (SELECT state FROM workflow_states WHERE open)");
      print_count (conn, _("events"), "SELECT count(*) FROM order_events");
      ok = bench_load (conn, now, error) && bench_search (conn, now, error) && bench_launch (conninfo, error);
    }
  g_clear_pointer (&conn, PQfinish);
  if (dbname)
    wx_bench_scratch_drop (bench->server, dbname);
  return ok;
}

PGconn *
wx_bench_board_scratch (WxBench *bench, const char *suffix, GDateTime *now, char **dbname, GError **error)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(PGconn) conn = NULL;

  *dbname = wx_bench_scratch_create (bench->server, suffix, error);
  if (*dbname == NULL)
    return NULL;
  g_print (_("Scratch database %s, %d orders.\n"), *dbname, TOTAL_ORDERS);
  conninfo = wx_db_conninfo_with (bench->server_conninfo, "dbname", *dbname);
  conn = wx_db_connect (conninfo, error);
  if (conn == NULL || !wx_bench_board_fill (conn, now, error))
    {
      g_clear_pointer (&conn, PQfinish);
      wx_bench_scratch_drop (bench->server, *dbname);
      g_clear_pointer (dbname, g_free);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

/* wx-bench-board.c — `weixiu-admin bench board`: the front desk's kanban
 * board and search (issue 5), launch to a usable board, on each shape's
 * scratch database (wx-admin-bench.c). */
#define G_LOG_DOMAIN "weixiu-admin"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/wx-order.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-migrate.h"
#include "wx-admin-bench.h"

#define BOARD_RUNS     20
#define IDS_RUNS       50
#define SEARCH_QUERIES 50        /* of each kind */
#define SEARCH_LIMIT   50
#define LAUNCH_RUNS    5         /* of each: the app, an empty window */

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
  g_autoptr(GArray) tick = g_array_new (FALSE, FALSE, sizeof (gint64));
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
  /* The minute tick of a board window: every card's clock again, from what
   * the cards keep, in place (WxShopContext), one minute later each run. */
  for (guint run = 1; run <= BOARD_RUNS; run++)
    {
      gint64 t0 = wx_bench_now ();

      wx_order_list_tick (store, now + 60 * run);
      t0 = wx_bench_now () - t0;
      g_array_append_val (tick, t0);
    }
  cards_text = g_strdup_printf (_("%u cards, %u with a running clock"), n_cards, clocks);
  wx_bench_figure (_("the board"), cards_text, NULL);
  wx_bench_report (_("board: query + cards"), load, NULL);
  wx_bench_report (_("board: query + cards + list model"), model, _("target: < 50 ms"));
  wx_bench_report (_("cards of 10 orders by id (a notification)"), by_id, NULL);
  wx_bench_report (_("the minute tick: every clock again, no query"), tick, NULL);
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
  PGconn *conn = bench->shaped;

  print_count (conn, _("orders"), "SELECT count(*) FROM service_orders");
  print_count (conn, _("open orders"),
               "SELECT count(*) FROM service_orders WHERE state IN (SELECT state FROM workflow_states WHERE open)");
  print_count (conn, _("events"), "SELECT count(*) FROM order_events");
  return bench_load (conn, now, error) && bench_search (conn, now, error)
         && bench_launch (bench->shaped_conninfo, error);
}

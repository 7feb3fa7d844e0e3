/* The engineer's bench, database side (src/db/wx-db-bench.c and the shelf
 * reasons of src/db/wx-db-board.c), on demo data, through the connection of
 * a demo engineer (李强, li_qiang) so that the grants are tested: the cards
 * say why a machine is on its shelf (the part awaited and its date, the
 * amount quoted, the peer shop); My work lists exactly the engineer's own
 * open work, earliest due first; the engineer takes machines to the bench
 * (inspection and repair); the work log of the day holds those steps and
 * the notes written, and a bad note or day is refused and writes nothing. */
#include <string.h>

#include "core/wx-error.h"
#include "core/wx-order.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

#define ENGINEER "li_qiang"

static char *conninfo;          /* the owner */
static char *engineer_conninfo; /* 李强 */
static gint64 now;

static WxOrder *
card_of (GPtrArray *cards, const char *number)
{
  for (guint i = 0; i < cards->len; i++)
    if (g_str_equal (wx_order_get_number (g_ptr_array_index (cards, i)), number))
      return g_ptr_array_index (cards, i);
  return NULL;
}

static char *
today (PGconn *conn)
{
  return wx_test_db_value (conn, "SELECT (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date::text");
}

/* Every card of a machine awaiting parts names the part last ordered and
 * its date; a quoted one its amount; one at a peer shop the shop. */
static void
test_shelf_reasons (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (engineer_conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wx_db_board_load (conn, now, &error);
  g_autoptr(PGresult) parts = NULL;
  g_autoptr(PGresult) quoted = NULL;
  g_autoptr(PGresult) peers = NULL;

  g_assert_no_error (error);
  parts = PQexec (conn, "SELECT DISTINCT ON (o.id) o.number, p.description, coalesce(p.expected_on::text, '')"
                        "  FROM service_orders o JOIN part_orders p ON p.order_id = o.id AND p.arrived_at IS NULL"
                        " WHERE o.state = 'waiting_parts' ORDER BY o.id, p.ordered_at DESC, p.id DESC");
  g_assert_cmpint (PQntuples (parts), >, 0);
  for (int r = 0; r < PQntuples (parts); r++)
    {
      WxOrder *card = card_of (cards, PQgetvalue (parts, r, 0));
      g_autofree char *reason = wx_order_shelf_reason (card);

      g_assert_nonnull (card);
      g_assert_cmpstr (wx_order_get_data (card)->part, ==, PQgetvalue (parts, r, 1));
      g_assert_cmpstr (wx_order_get_data (card)->part_expected, ==, PQgetvalue (parts, r, 2));
      g_assert_nonnull (strstr (reason, PQgetvalue (parts, r, 1)));
      if (*PQgetvalue (parts, r, 2))
        g_assert_nonnull (strstr (reason, PQgetvalue (parts, r, 2)));
    }

  quoted = PQexec (conn, "SELECT number, quote_total FROM service_orders WHERE state = 'quoted'");
  g_assert_cmpint (PQntuples (quoted), >, 0);
  for (int r = 0; r < PQntuples (quoted); r++)
    {
      WxOrder *card = card_of (cards, PQgetvalue (quoted, r, 0));
      g_autofree char *reason = wx_order_shelf_reason (card);

      g_assert_cmpint (wx_order_get_data (card)->quote_total, ==, g_ascii_strtoll (PQgetvalue (quoted, r, 1), NULL, 10));
      g_assert_cmpint (wx_order_get_data (card)->quoted_at, >, 0);
      g_assert_nonnull (strstr (reason, "decision"));
    }

  peers = PQexec (conn, "SELECT o.number, s.name FROM service_orders o JOIN outsourcing t ON t.order_id = o.id"
                        "  JOIN suppliers s ON s.id = t.peer_id WHERE o.state = 'outsourced' AND t.returned_at IS NULL");
  g_assert_cmpint (PQntuples (peers), >, 0);
  for (int r = 0; r < PQntuples (peers); r++)
    {
      WxOrder *card = card_of (cards, PQgetvalue (peers, r, 0));
      g_autofree char *reason = wx_order_shelf_reason (card);

      g_assert_cmpstr (wx_order_get_data (card)->peer, ==, PQgetvalue (peers, r, 1));
      g_assert_nonnull (strstr (reason, PQgetvalue (peers, r, 1)));
    }

  /* Other orders carry no part and no peer. */
  for (guint i = 0; i < cards->len; i++)
    {
      const WxOrderData *d = wx_order_get_data (g_ptr_array_index (cards, i));

      if (d->state != WX_ORDER_STATE_WAITING_PARTS)
        g_assert_cmpstr (d->part, ==, "");
      if (d->state != WX_ORDER_STATE_OUTSOURCED)
        g_assert_cmpstr (d->peer, ==, "");
    }
}

/* My work: the engineer's own open orders that are theirs to do, and only
 * them, with the earliest due first and those without a time last. */
static void
test_my_work (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (engineer_conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = wx_db_bench_my_work (conn, ENGINEER, now, &error);
  gint64 expected = wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders WHERE engineer = '" ENGINEER "' AND state IN"
    " ('inspecting', 'agreed', 'repairing', 'waiting_parts', 'outsourced', 'onsite_dispatched',"
    "  'appointment_booked', 'on_site', 'delivering')");
  gboolean seen_undated = FALSE;
  guint kinds = 0;

  g_assert_no_error (error);
  g_assert_cmpint (expected, >=, 5);
  g_assert_cmpint (tasks->len, ==, expected);
  for (guint i = 0; i < tasks->len; i++)
    {
      const WxBenchTask *t = g_ptr_array_index (tasks, i);
      const WxOrderData *d = wx_order_get_data (t->order);

      g_assert_cmpstr (d->engineer, ==, ENGINEER);
      kinds |= 1u << t->kind;
      if (t->due == 0)
        seen_undated = TRUE;
      else
        {
          g_assert_false (seen_undated);
          if (i > 0)
            g_assert_cmpint (((WxBenchTask *) g_ptr_array_index (tasks, i - 1))->due, <=, t->due);
        }
      if (d->state == WX_ORDER_STATE_INSPECTING)
        g_assert_cmpint (t->kind, ==, WX_BENCH_TASK_INSPECT);
      if (d->state == WX_ORDER_STATE_APPOINTMENT_BOOKED)
        {
          g_assert_cmpint (t->kind, ==, WX_BENCH_TASK_VISIT);
          g_assert_cmpint (t->due, ==, d->appointment_at);
          g_assert_cmpstr (d->address, !=, "");
        }
      g_assert_nonnull (wx_bench_task_kind_label (t->kind));
    }
  /* The demo gives 李强 work of several kinds. */
  g_assert_cmpint (g_bit_storage (kinds), >=, 3);

  /* Somebody else's work is not listed; nobody's is empty. */
  {
    g_autoptr(GPtrArray) none = wx_db_bench_my_work (conn, "nobody_at_all", now, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* The engineer takes a machine from the shelf to the bench: inspection of a
 * received machine, repair of an approved one; themself as the engineer. */
static void
test_take_to_bench (void)
{
  g_autoptr(PGconn) owner = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) conn = wx_test_db_connect (engineer_conninfo);
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *received = wx_test_db_value (owner, "SELECT min(number) FROM service_orders WHERE state = 'received' AND kind = 'carry_in'");
  g_autofree char *agreed = wx_test_db_value (owner, "SELECT min(number) FROM service_orders WHERE state = 'agreed' AND kind = 'carry_in'");
  g_autofree char *day = today (owner);
  g_autoptr(WxWorkLog) log = NULL;
  g_autoptr(GError) error = NULL;
  WxTransitionResult r = { 0 };
  guint found = 0;

  /* The core table says so too, for on-site machines taken back as well. */
  g_assert_nonnull (wx_workflow_find (WX_ORDER_KIND_ON_SITE, WX_ORDER_STATE_RECEIVED, "dispatch_inspection"));
  g_assert_true (wx_workflow_find (WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_AGREED, "dispatch_repair")->roles & WX_ROLE_ENGINEER);

  g_hash_table_insert (data, "engineer", ENGINEER);
  g_assert_true (wx_db_order_step (conn, received, "dispatch_inspection", data, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.state, ==, WX_ORDER_STATE_INSPECTING);
  g_assert_true (wx_db_order_step (conn, agreed, "dispatch_repair", data, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.state, ==, WX_ORDER_STATE_REPAIRING);
  {
    const char *params[] = { received };
    g_autofree char *row = wx_db_query_value (owner, "SELECT engineer || ' ' || (dispatched_at IS NOT NULL)::text FROM service_orders WHERE number = $1",
                                              1, params, &error);
    g_assert_cmpstr (row, ==, ENGINEER " true");
  }

  /* Both steps are in the day's log, as the engineer's. */
  log = wx_db_work_log_load (conn, ENGINEER, day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (log->full_name, ==, "李强");
  g_assert_cmpstr (log->company, !=, "");
  for (guint i = 0; i < log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (log->entries, i);

      if ((g_str_equal (e->number, received) && g_strcmp0 (e->event, "dispatch_inspection") == 0) ||
          (g_str_equal (e->number, agreed) && g_strcmp0 (e->event, "dispatch_repair") == 0))
        {
          g_autofree char *what = wx_work_log_entry_describe (e);
          g_assert_nonnull (strstr (what, wx_workflow_event_label (e->event)));
          g_assert_cmpstr (e->unit, !=, "");
          found++;
        }
      if (i > 0)
        g_assert_cmpint (((WxWorkLogEntry *) g_ptr_array_index (log->entries, i - 1))->at, <=, e->at);
    }
  g_assert_cmpuint (found, ==, 2);
}

/* Notes: with an order or without, in the day's log; a blank note, an
 * unknown order and a bad day are refused and write nothing; another
 * person's log does not show them. */
static void
test_notes (void)
{
  g_autoptr(PGconn) owner = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) conn = wx_test_db_connect (engineer_conninfo);
  g_autofree char *number = wx_test_db_value (owner, "SELECT min(number) FROM service_orders WHERE state = 'waiting_parts'");
  g_autofree char *day = today (owner);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxWorkLog) log = NULL;
  g_autoptr(WxWorkLog) other = NULL;
  gint64 before;
  guint notes = 0;

  g_assert_true (wx_db_work_note_add (conn, number, "  给供应商打电话，备件周五到  ", &error));
  g_assert_no_error (error);
  g_assert_true (wx_db_work_note_add (conn, NULL, "下午去天河区巡检", &error));
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (owner, "SELECT count(*) FROM work_notes WHERE author = '" ENGINEER "'"), ==, 2);

  before = wx_test_db_count (owner, "SELECT count(*) FROM work_notes");
  g_assert_false (wx_db_work_note_add (conn, NULL, "   ", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wx_db_work_note_add (conn, "2026-999999", "等备件", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2026-999999"));
  g_clear_error (&error);
  g_assert_cmpint (wx_test_db_count (owner, "SELECT count(*) FROM work_notes"), ==, before);

  log = wx_db_work_log_load (conn, ENGINEER, day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (log->entries, i);

      if (e->event != NULL)
        continue;
      notes++;
      if (g_str_equal (e->text, "给供应商打电话，备件周五到"))
        g_assert_cmpstr (e->number, ==, number);
      else
        {
          g_assert_cmpstr (e->text, ==, "下午去天河区巡检");
          g_assert_cmpstr (e->number, ==, "");
        }
    }
  g_assert_cmpuint (notes, ==, 2);

  other = wx_db_work_log_load (conn, "wang_lei", day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < other->entries->len; i++)
    g_assert_nonnull (((WxWorkLogEntry *) g_ptr_array_index (other->entries, i))->event);

  /* A day that is not one. */
  g_assert_null (wx_db_work_log_load (conn, ENGINEER, "2026-13-01", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (wx_db_work_log_load (conn, ENGINEER, "yesterday", &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("bench", TRUE);
  conn = wx_test_db_connect (conninfo);
  fixed = wx_test_fixed_now ();
  now = g_date_time_to_unix (fixed);
  if (!wx_db_demo_load (conn, 200, fixed, &error))
    g_error ("demo data: %s", error->message);
  engineer_conninfo = wx_db_conninfo_with (conninfo, "user", ENGINEER);

  g_test_add_func ("/bench/shelf-reasons", test_shelf_reasons);
  g_test_add_func ("/bench/my-work", test_my_work);
  g_test_add_func ("/bench/take-to-bench", test_take_to_bench);
  g_test_add_func ("/bench/notes", test_notes);
  return g_test_run ();
}

/* The supervisor's review against a real database with demo data
 * (src/db/wx-db-review.c): a carry-in order built through the workflow and
 * the records (inspection with a catalogue part, quote, repair, pickup,
 * entry), its times set to a scripted Monday; every check passes on it and
 * fails, each alone, when its fact is spoiled (inside a transaction rolled
 * back); an on-site order for the on-site response; the queue and its due
 * time from the review clock's thresholds in the settings and the business
 * calendar; pass and return write exactly their rows through the database's
 * functions only (the app roles' direct writes taken away as migration 016
 * does), nothing on a stale version, a wrong role or bad input — core's
 * sentence and the server's the same; the returns addressed to a person
 * until acknowledged or reviewed again; a return is an item of the
 * person's My work until they answer it (after correcting the order), and
 * the queue shows it answered. */
#include <libpq-fe.h>

#include "core/wx-error.h"
#include "core/wx-records.h"
#include "core/wx-review.h"
#include "db/wx-db.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-records.h"
#include "db/wx-db-error.h"
#include "db/wx-db-review.h"
#include "db/wx-db-settings.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

#define COORDINATOR "zhang_wei"   /* 张伟 */
#define ENGINEER    "li_qiang"    /* 李强 */
#define SUPERVISOR  "zhou_min"    /* 周敏 */

static char *conninfo;

/* Acts as `role` (a staff login or a group; NULL: the owner again) as a
 * client logged in as it would: the review's functions check session_user. */
static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = role ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", role)
                              : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

static char *
value (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, 1, params, &error);

  g_assert_no_error (error);
  return v ? v : g_strdup ("");
}

static gint64
count (PGconn *conn, const char *sql, const char *number)
{
  g_autofree char *v = value (conn, sql, number);
  return g_ascii_strtoll (v, NULL, 10);
}

static int
version_of (PGconn *conn, const char *number)
{
  return (int) count (conn, "SELECT version FROM service_orders WHERE number = $1", number);
}

static void
exec_for (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_execute (conn, sql, 1, params, &error));
  g_assert_no_error (error);
}

static void
step_as (PGconn *conn, const char *role, const char *number, const char *event, ...)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const WxStepExtras *extras = NULL;
  const char *key;
  va_list ap;

  va_start (ap, event);
  while ((key = va_arg (ap, const char *)))
    {
      if (g_str_equal (key, "extras"))
        {
          extras = va_arg (ap, const WxStepExtras *);
          continue;
        }
      g_hash_table_insert (data, (gpointer) key, va_arg (ap, char *));
    }
  va_end (ap);
  set_role (conn, role);
  wx_db_order_step_full (conn, number, -1, event, data, extras, NULL, &error);
  set_role (conn, NULL);
  if (error)
    g_error ("%s %s: %s", number, event, error->message);
}

static WxCatalogPart *
find_part (PGconn *conn, const char *part_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = wx_db_parts_search (conn, part_number, 20, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((WxCatalogPart *) g_ptr_array_index (hits, i))->part_number, part_number))
      return g_ptr_array_steal_index (hits, i);
  g_error ("part %s not found", part_number);
  return NULL;
}

/* The events of `number` at the times of `spec` ("event=YYYY-MM-DD HH:MM;…",
 * Shanghai time; the first event of each name), and the form's times with
 * them — as the owner, who may correct events. */
static void
retime (PGconn *conn, const char *number, const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "=", 2);
      g_autofree char *at = g_strdup_printf ("%s:00+08", kv[1]);
      const char *params[] = { number, kv[0], at };
      g_autoptr(GError) error = NULL;

      g_assert_true (wx_db_execute (conn,
        "UPDATE order_events SET at = $3::timestamptz"
        " WHERE id = (SELECT e.id FROM order_events e JOIN service_orders o ON o.id = e.order_id"
        "              WHERE o.number = $1 AND e.event = $2 ORDER BY e.id LIMIT 1)", 3, params, &error));
      g_assert_no_error (error);
    }
  exec_for (conn,
    "UPDATE service_orders o SET"
    "   received_at = coalesce((SELECT min(at) FROM order_events e WHERE e.order_id = o.id), received_at),"
    "   repaired_at = (SELECT max(at) FROM order_events e WHERE e.order_id = o.id"
    "                   AND e.event IN ('repair_done', 'fix_on_site')),"
    "   entered_at = (SELECT max(at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'enter')"
    " WHERE o.number = $1", number);
}

#define GOOD_TIMES \
  "received=2026-11-16 09:30;dispatch_inspection=2026-11-16 10:00;inspect=2026-11-16 11:00;" \
  "quote=2026-11-16 11:20;agree=2026-11-16 14:00;dispatch_repair=2026-11-16 14:10;" \
  "repair_done=2026-11-16 16:00;notify=2026-11-16 16:30;pickup=2026-11-17 10:00;enter=2026-11-17 11:00"

/* A carry-in printer taken in by the coordinator with its appearance, an
 * accessory and the customer's signature; inspected (the fuser from the
 * catalogue), quoted, agreed, repaired with `used` (NULL: nothing from
 * stock), notified, picked up and signed for, entered. */
static char *
build_carry_in (PGconn *conn, const char *used)
{
  const char *params[] = { COORDINATOR };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_db_query_value (conn,
    "WITH o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile,"
    "                                      product_name, model, reported_fault, appearance_check,"
    "                                      customer_signed, notice_read, received_by, owner_role)"
    "           SELECT 'carry_in', 'received', c.id, c.unit_name, '黄小姐', '13800138000', '激光打印机',"
    "                  'HP LaserJet Pro M404dn', '开机报错 50.2', '外壳有轻微划痕', true, true, $1, $1"
    "             FROM customers c ORDER BY c.id LIMIT 1 RETURNING id, number),"
    "     a AS (INSERT INTO order_accessories (order_id, position, name) SELECT id, 1, '电源线' FROM o),"
    "     e AS (INSERT INTO order_events (order_id, actor, event, to_state) SELECT id, $1, 'received', 'received' FROM o)"
    " SELECT number FROM o", 1, params, &error);
  g_autoptr(WxCatalogPart) fuser = find_part (conn, "RM2-5425");
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) tests = g_array_new (FALSE, TRUE, sizeof (WxTestResult));
  g_autoptr(GArray) used_parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_catalog_part_free);
  guint n = 0;
  const WxTestItem *items = wx_functional_tests (WX_MACHINE_LASER_PRINTER, &n);
  WxPartLine fuser_line = { fuser->id, fuser->part_number, fuser->name, 1, fuser->unit_price, FALSE };

  g_assert_no_error (error);
  step_as (conn, COORDINATOR, number, "dispatch_inspection", "engineer", ENGINEER, NULL);

  g_array_append_val (parts, fuser_line);
  set_role (conn, ENGINEER);
  {
    WxInspectionInput in = { .fault_analysis = "定影组件加热管损坏", .measures = "更换定影组件",
                             .parts = parts, .labour = 12000, .explanation = "加热部件坏了，换新即可。" };
    g_assert_true (wx_db_inspection_save (conn, number, -1, &in, NULL, &error));
    g_assert_no_error (error);
  }
  set_role (conn, COORDINATOR);
  lines = wx_db_quote_lines_load (conn, number, &error);
  g_assert_no_error (error);
  set_role (conn, NULL);
  {
    WxStepExtras extras = { .quote_lines = lines };
    step_as (conn, COORDINATOR, number, "quote", "quote_total", "77000", "quote_method", "phone",
             "extras", &extras, NULL);
  }
  step_as (conn, COORDINATOR, number, "agree", "decision_contact", "黄小姐", NULL);
  step_as (conn, COORDINATOR, number, "dispatch_repair", "engineer", ENGINEER, NULL);

  for (guint i = 0; i < n; i++)
    {
      WxTestResult r = { items[i].code, TRUE, items[i].needs_note ? "正常" : "" };
      g_array_append_val (tests, r);
    }
  if (used)
    {
      WxCatalogPart *part = find_part (conn, used);
      WxPartLine l = { part->id, part->part_number, part->name, 1, part->unit_price, FALSE };
      g_array_append_val (used_parts, l);
      g_ptr_array_add (keep, part);
    }
  set_role (conn, ENGINEER);
  {
    WxRepairInput in = { .category = WX_MACHINE_LASER_PRINTER, .parts_used = used_parts, .tests = tests,
                         .old_parts = "returned_to_customer", .cleaned = TRUE,
                         .repair_notes = "更换定影组件，连续打印 20 页正常" };
    if (!wx_db_repair_save (conn, number, -1, &in, NULL, &error))
      g_error ("repair: %s", error->message);
    g_assert_no_error (error);
  }
  set_role (conn, NULL);
  step_as (conn, COORDINATOR, number, "notify", "answered_by", "黄小姐", NULL);
  step_as (conn, COORDINATOR, number, "pickup", "accessories_checked", "true", "payment_status", "on_account",
           "picked_up_by", "黄小姐", "pickup_signed", "true", NULL);
  step_as (conn, COORDINATOR, number, "enter", NULL);
  retime (conn, number, GOOD_TIMES);
  return g_steal_pointer (&number);
}

static WxReviewOrder *
load (PGconn *conn, const char *number)
{
  g_autoptr(GError) error = NULL;
  WxReviewOrder *order;

  set_role (conn, "wx_supervisor");
  order = wx_db_review_order_load (conn, number, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  return order;
}

/* Every check ok but `failed` (and the not-applicable `na`). */
static void
assert_checks (const WxReviewOrder *order, const WxReviewCheck *failed, guint n_failed,
               const WxReviewCheck *na, guint n_na)
{
  for (guint c = 0; c < WX_N_REVIEW_CHECKS; c++)
    {
      WxCheckResult want = WX_CHECK_OK;
      const WxReviewItem *item = &order->review->items[c];

      for (guint i = 0; i < n_failed; i++)
        if (failed[i] == c)
          want = WX_CHECK_FAILED;
      for (guint i = 0; i < n_na; i++)
        if (na[i] == c)
          want = WX_CHECK_NOT_APPLICABLE;
      if (item->result != want)
        g_error ("%s: check %s is %d, want %d: %s", order->number, wx_review_check_to_code (c),
                 item->result, want, item->evidence);
    }
}

static const WxReviewCheck carry_in_na[] = { WX_REVIEW_ONSITE_RESPONSE };

static void
test_good_order (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = build_carry_in (conn, "RM2-5425");
  g_autoptr(WxReviewOrder) order = load (conn, number);

  assert_checks (order, NULL, 0, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (order->review->parts_ok, ==, 1);
  g_assert_cmpint (order->review->items[WX_REVIEW_DISPATCH].minutes, ==, 30);
  g_assert_cmpint (order->review->items[WX_REVIEW_REPLY].minutes, ==, 80);
  g_assert_cmpint (order->review->items[WX_REVIEW_COMPLETION].minutes, ==, 390);
  g_assert_nonnull (strstr (order->review->items[WX_REVIEW_RESPONSIBILITY].evidence, "李强"));
  g_assert_nonnull (strstr (order->review->items[WX_REVIEW_ACCESSORIES].evidence, "电源线"));
  g_assert_cmpstr (g_hash_table_lookup (order->people, SUPERVISOR), ==, "周敏");
}

/* Each spoiled fact fails its check alone, inside a transaction undone. */
typedef struct {
  const char   *name;
  const char   *sql;        /* $1 = the order's number */
  const char   *times;      /* or a retiming */
  WxReviewCheck failed[2];
  guint         n_failed;
  const char   *responsible;
  int           parts_ok;
} Spoil;

static const Spoil spoils[] = {
  { "dispatch late", NULL, "dispatch_inspection=2026-11-16 10:45", { WX_REVIEW_DISPATCH }, 1, COORDINATOR, 1 },
  { "reply late", NULL, "quote=2026-11-16 15:30", { WX_REVIEW_REPLY }, 1, COORDINATOR, 1 },
  { "repair late", NULL, "repair_done=2026-11-19 17:00", { WX_REVIEW_REPAIR, WX_REVIEW_COMPLETION }, 2, ENGINEER, 1 },
  { "completion late", NULL, "agree=2026-11-19 10:00;dispatch_repair=2026-11-19 10:10;repair_done=2026-11-19 12:00",
    { WX_REVIEW_COMPLETION }, 1, ENGINEER, 1 },
  { "no fault analysis", "UPDATE service_orders SET fault_analysis = '' WHERE number = $1", NULL,
    { WX_REVIEW_PARTS_REQUESTED }, 1, ENGINEER, 0 },
  { "repair not described", "UPDATE service_orders SET repair_notes = '' WHERE number = $1", NULL,
    { WX_REVIEW_PARTS_USED }, 1, ENGINEER, 0 },
  { "no repairing engineer", "UPDATE service_orders SET repaired_by = NULL WHERE number = $1", NULL,
    { WX_REVIEW_RESPONSIBILITY }, 1, COORDINATOR, 1 },
  { "no appearance", "UPDATE service_orders SET appearance_check = '' WHERE number = $1", NULL,
    { WX_REVIEW_APPEARANCE }, 1, COORDINATOR, 1 },
  { "accessories unchecked", "UPDATE service_orders SET accessories_checked = false WHERE number = $1", NULL,
    { WX_REVIEW_ACCESSORIES }, 1, COORDINATOR, 1 },
  { "not signed at intake", "UPDATE service_orders SET customer_signed = false WHERE number = $1", NULL,
    { WX_REVIEW_SIGNED_INTAKE }, 1, COORDINATOR, 1 },
  { "not signed at pickup", "UPDATE service_orders SET pickup_signed = false WHERE number = $1", NULL,
    { WX_REVIEW_SIGNED_PICKUP }, 1, COORDINATOR, 1 },
};

static void
test_each_check_fails (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = build_carry_in (conn, "RM2-5425");

  for (guint i = 0; i < G_N_ELEMENTS (spoils); i++)
    {
      const Spoil *s = &spoils[i];
      g_autoptr(WxReviewOrder) order = NULL;

      wx_test_db_exec (conn, "BEGIN");
      if (s->sql)
        exec_for (conn, s->sql, number);
      if (s->times)
        retime (conn, number, s->times);
      order = load (conn, number);
      wx_test_db_exec (conn, "ROLLBACK");
      g_test_message ("%s", s->name);
      assert_checks (order, s->failed, s->n_failed, carry_in_na, G_N_ELEMENTS (carry_in_na));
      g_assert_cmpstr (wx_review_first_responsible (order->review), ==, s->responsible);
      g_assert_cmpint (order->review->parts_ok, ==, s->parts_ok);
    }
  /* And back: the good order passes again. */
  {
    g_autoptr(WxReviewOrder) order = load (conn, number);
    assert_checks (order, NULL, 0, carry_in_na, G_N_ELEMENTS (carry_in_na));
  }
}

/* Parts: another part used than requested, none used, one used unasked. */
static void
test_parts (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *other = build_carry_in (conn, "RM1-4554");
  g_autofree char *none = build_carry_in (conn, NULL);
  g_autoptr(WxReviewOrder) a = load (conn, other);
  g_autoptr(WxReviewOrder) b = load (conn, none);
  static const WxReviewCheck used[] = { WX_REVIEW_PARTS_USED };
  const char *ev;

  assert_checks (a, used, 1, carry_in_na, G_N_ELEMENTS (carry_in_na));
  ev = a->review->items[WX_REVIEW_PARTS_USED].evidence;
  g_assert_nonnull (strstr (ev, "Requested but not used: 定影组件 220V (RM2-5425) ×1."));
  g_assert_nonnull (strstr (ev, "Used but never requested: 定影膜 (RM1-4554) ×1."));
  g_assert_cmpint (a->review->parts_ok, ==, 0);

  assert_checks (b, used, 1, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_null (strstr (b->review->items[WX_REVIEW_PARTS_USED].evidence, "never requested"));
  g_assert_cmpint (b->review->parts_ok, ==, 0);

  /* Nothing requested (the quote's part line removed) but one used. */
  {
    g_autoptr(WxReviewOrder) c = NULL;
    static const WxReviewCheck na[] = { WX_REVIEW_ONSITE_RESPONSE, WX_REVIEW_PARTS_REQUESTED };

    wx_test_db_exec (conn, "BEGIN");
    exec_for (conn, "DELETE FROM quote_lines q USING service_orders o WHERE o.id = q.order_id"
                    " AND o.number = $1 AND q.kind = 'part'", other);
    c = load (conn, other);
    wx_test_db_exec (conn, "ROLLBACK");
    assert_checks (c, used, 1, na, G_N_ELEMENTS (na));
    g_assert_cmpint (c->review->parts_ok, ==, 0);
  }
}

/* Called at 09:30, on site at 12:00 (then at 14:00: late), fixed, accepted. */
static void
test_on_site (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  const char *params[] = { COORDINATOR };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_db_query_value (conn,
    "WITH o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person,"
    "                                      contact_mobile, product_name, reported_fault, received_by, owner_role)"
    "           SELECT 'on_site', 'call_logged', c.id, c.unit_name, '天河路 1 号', '黄小姐', '13800138000',"
    "                  '服务器', '硬盘告警灯亮', $1, $1 FROM customers c ORDER BY c.id LIMIT 1 RETURNING id, number),"
    "     e AS (INSERT INTO order_events (order_id, actor, event, to_state) SELECT id, $1, 'call_logged', 'call_logged' FROM o)"
    " SELECT number FROM o", 1, params, &error);
  static const WxReviewCheck na[] = {
    WX_REVIEW_REPLY, WX_REVIEW_REPAIR, WX_REVIEW_PARTS_REQUESTED, WX_REVIEW_PARTS_USED,
    WX_REVIEW_APPEARANCE, WX_REVIEW_ACCESSORIES,
  };
  static const WxReviewCheck late[] = { WX_REVIEW_ONSITE_RESPONSE };

  g_assert_no_error (error);
  step_as (conn, COORDINATOR, number, "dispatch_onsite", "engineer", ENGINEER, NULL);
  /* Booked now (a past time is refused), moved back to the scripted day below. */
  step_as (conn, ENGINEER, number, "book_visit", "appointment_at", "now", "reason", "用户要求", NULL);
  step_as (conn, ENGINEER, number, "arrive", NULL);
  step_as (conn, ENGINEER, number, "fix_on_site", "repair_notes", "重建阵列", "customer_signed", "true", NULL);
  step_as (conn, ENGINEER, number, "accept", "payment_status", "on_account", "pickup_signed", "true", NULL);
  step_as (conn, COORDINATOR, number, "enter", NULL);
  retime (conn, number, "call_logged=2026-11-16 09:30;dispatch_onsite=2026-11-16 09:45;book_visit=2026-11-16 09:50;"
                        "arrive=2026-11-16 12:00;fix_on_site=2026-11-16 13:00;accept=2026-11-16 13:20;"
                        "enter=2026-11-16 15:00");
  wx_test_db_exec (conn, "UPDATE service_orders SET appointment_at = '2026-11-16 11:30:00+08' WHERE appointment_at IS NOT NULL"
                         " AND kind = 'on_site' AND appointment_at > '2026-12-01'");
  {
    g_autoptr(WxReviewOrder) order = load (conn, number);
    assert_checks (order, NULL, 0, na, G_N_ELEMENTS (na));
    g_assert_cmpint (order->review->items[WX_REVIEW_ONSITE_RESPONSE].minutes, ==, 150);
    g_assert_cmpint (order->review->parts_ok, ==, -1);
  }
  retime (conn, number, "arrive=2026-11-16 14:00;fix_on_site=2026-11-16 15:00");
  {
    g_autoptr(WxReviewOrder) order = load (conn, number);
    assert_checks (order, late, 1, na, G_N_ELEMENTS (na));
    g_assert_cmpint (order->review->items[WX_REVIEW_ONSITE_RESPONSE].margin, ==, -30);
    g_assert_cmpstr (order->review->items[WX_REVIEW_ONSITE_RESPONSE].responsible, ==, ENGINEER);
  }
  /* Passed: parts accuracy NULL, no part involved. */
  set_role (conn, SUPERVISOR);
  g_assert_true (wx_db_review_pass (conn, number, version_of (conn, number), NULL, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
                                " WHERE o.number = $1 AND r.parts_ok IS NULL AND r.outcome = 'passed'", number), ==, 1);
}

/* ------------------------------------------------------------ the queue, pass, return */

static WxReviewQueueItem *
queued (GPtrArray *queue, const char *number, guint *position)
{
  for (guint i = 0; i < queue->len; i++)
    {
      WxReviewQueueItem *item = g_ptr_array_index (queue, i);
      if (g_str_equal (item->number, number))
        {
          if (position)
            *position = i;
          return item;
        }
    }
  return NULL;
}

static GPtrArray *
queue_now (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *queue;

  set_role (conn, "wx_supervisor");
  queue = wx_db_review_queue_load (conn, g_get_real_time () / G_USEC_PER_SEC, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  return queue;
}

static gint64
reviews_of (PGconn *conn, const char *number)
{
  return count (conn, "SELECT count(*) FROM order_reviews r JOIN service_orders o ON o.id = r.order_id"
                      " WHERE o.number = $1", number);
}

static gint64
events_of (PGconn *conn, const char *number, const char *event)
{
  const char *params[] = { number, event };
  g_autoptr(GError) error = NULL;
  g_autofree char *v = wx_db_query_value (conn,
    "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    " WHERE o.number = $1 AND e.event = $2", 2, params, &error);

  g_assert_no_error (error);
  return g_ascii_strtoll (v, NULL, 10);
}

static GPtrArray *
returns_for (PGconn *conn, const char *login)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *returns;

  set_role (conn, login);
  returns = wx_db_review_returns_load (conn, login, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  return returns;
}

/* What a review may change, as one string. */
static char *
snapshot (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT (SELECT count(*) FROM order_reviews) || ' ' || (SELECT count(*) FROM order_events)"
    "       || ' ' || (SELECT sum(version) FROM service_orders)");
}

/* The server refuses `sql` ($1: the order's number) with exactly
 * `sentence` (and `code`); nothing changes. */
static void
server_refuses (PGconn *conn, const char *number, WxDbError code, const char *sentence, const char *sql)
{
  const char *params[] = { number };
  g_autofree char *before = snapshot (conn);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = wx_db_query (conn, sql, 1, params, &error);

  g_assert_null (res);
  g_assert_error (error, WX_DB_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, sentence);
  after = snapshot (conn);
  g_assert_cmpstr (before, ==, after);
}

static gint64
shanghai (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) t = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (t);
}

static gint64
review_due (PGconn *conn, const char *number)
{
  g_autoptr(GPtrArray) queue = queue_now (conn);
  WxReviewQueueItem *item = queued (queue, number, NULL);

  g_assert_nonnull (item);
  return item->review_due;
}

/* The review clock: working minutes after the next working day opens, as
 * the settings say, on the business calendar. */
static void
test_review_clock (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = build_carry_in (conn, "RM2-5425");   /* entered Tuesday 2026-11-17 11:00 */
  g_autoptr(WxDbSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  WxSlaThreshold before;

  /* The defaults: by 12:00 on Wednesday (180 minutes after 09:00). */
  g_assert_cmpint (review_due (conn, number), ==, shanghai (2026, 11, 18, 12, 0));

  /* Four hours after the opening, as set in the settings: 13:00. */
  set_role (conn, "wx_admin");
  settings = wx_db_settings_load (conn, &error);
  g_assert_no_error (error);
  before = settings->thresholds[WX_CLOCK_REVIEW];
  g_assert_cmpuint (before.target_minutes, ==, 120);
  g_assert_cmpuint (before.limit_minutes, ==, 180);
  settings->thresholds[WX_CLOCK_REVIEW] = (WxSlaThreshold) { 60, 240 };
  g_assert_true (wx_db_settings_save_thresholds (conn, settings->thresholds, &error));
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (review_due (conn, number), ==, shanghai (2026, 11, 18, 13, 0));

  /* Wednesday a holiday: Thursday 13:00. */
  wx_test_db_exec (conn, "INSERT INTO calendar_days (day, kind, name) VALUES ('2026-11-18', 'holiday', '停电')");
  g_assert_cmpint (review_due (conn, number), ==, shanghai (2026, 11, 19, 13, 0));
  wx_test_db_exec (conn, "DELETE FROM calendar_days WHERE day = '2026-11-18'");

  set_role (conn, "wx_admin");
  settings->thresholds[WX_CLOCK_REVIEW] = before;
  g_assert_true (wx_db_settings_save_thresholds (conn, settings->thresholds, &error));
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (review_due (conn, number), ==, shanghai (2026, 11, 18, 12, 0));
}

static void
test_pass_and_return (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *good = build_carry_in (conn, "RM2-5425");
  g_autofree char *bad = build_carry_in (conn, "RM1-4554");
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) returns = NULL;
  g_autoptr(GError) stale = NULL;
  g_autoptr(GError) stale_return = NULL;
  g_autoptr(GError) denied = NULL;
  g_autoptr(GError) error = NULL;
  WxReviewQueueItem *item;
  WxTransitionResult result = { 0 };
  guint pos_good = 0, pos_bad = 0;
  int version;
  gint64 id;

  /* The bad one was entered the day before: due first. */
  retime (conn, bad, "pickup=2026-11-16 17:00;enter=2026-11-16 17:30");
  /* From here on the order's events too are written by the functions
   * only (017 and 016 take away the rest). */
  wx_test_db_exec (conn, "REVOKE INSERT ON order_events FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin");
  queue = queue_now (conn);
  item = queued (queue, good, &pos_good);
  g_assert_nonnull (item);
  g_assert_nonnull (queued (queue, bad, &pos_bad));
  g_assert_cmpstr (item->engineer_name, ==, "李强");
  {
    /* Entered Tuesday 11:00: due by 12:00 on Wednesday. */
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
    g_autoptr(GDateTime) due = g_date_time_new (zone, 2026, 11, 18, 12, 0, 0);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_cmpint (item->review_due, ==, g_date_time_to_unix (due));
    g_assert_cmpint (item->clock, ==, now >= item->review_due ? WX_CLOCK_STATUS_RED : WX_CLOCK_STATUS_RUNNING);
    g_assert_cmpint (pos_bad, <, pos_good);
  }
  for (guint i = 1; i < queue->len; i++)
    g_assert_cmpint (((WxReviewQueueItem *) queue->pdata[i - 1])->review_due, <=,
                     ((WxReviewQueueItem *) queue->pdata[i])->review_due);
  /* Every entered, unreviewed order and nothing else. */
  g_assert_cmpint (queue->len, ==, wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders WHERE state = 'entered' AND reviewed_at IS NULL"));
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* A stale version passes nothing. */
  version = version_of (conn, good);
  set_role (conn, SUPERVISOR);
  g_assert_false (wx_db_review_pass (conn, good, version - 1, NULL, &stale));
  set_role (conn, NULL);
  g_assert_error (stale, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (stale->message, "Changed by "));
  g_assert_cmpint (reviews_of (conn, good), ==, 0);
  g_assert_cmpint (events_of (conn, good, "review"), ==, 0);

  /* Not a supervisor's, a missing version, a checklist of another shape:
   * refused with a sentence, nothing written. */
  set_role (conn, COORDINATOR);
  g_assert_false (wx_db_review_pass (conn, good, version, NULL, &denied));
  set_role (conn, NULL);
  g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (denied->message, ==, "Only a supervisor reviews orders: passes them or returns them.");
  g_clear_error (&denied);
  set_role (conn, SUPERVISOR);
  server_refuses (conn, good, WX_DB_ERROR_INVALID,
                  "The order's version is missing; reload the order and try again.",
                  "SELECT wx_review_pass($1, NULL, '{}'::jsonb, NULL)");
  server_refuses (conn, good, WX_DB_ERROR_INVALID,
                  "The review's checklist is not valid; reload the order and review it again.",
                  "SELECT wx_review_pass($1, (SELECT version FROM service_orders WHERE number = $1),"
                  "                      '{\"dispatch\": {\"ok\": \"yes\"}}'::jsonb, NULL)");
  server_refuses (conn, good, WX_DB_ERROR_INVALID,
                  "The review's checklist is not valid; reload the order and review it again.",
                  "SELECT wx_review_pass($1, (SELECT version FROM service_orders WHERE number = $1), '[]'::jsonb, NULL)");
  /* Nor by hand. */
  {
    g_autofree char *row = g_strdup_printf ("INSERT INTO order_reviews (order_id, outcome) SELECT id, 'passed'"
                                            "  FROM service_orders WHERE number = '%s'", good);
    g_autofree char *event = g_strdup_printf ("INSERT INTO order_events (order_id, event) SELECT id, 'review_seen'"
                                              "  FROM service_orders WHERE number = '%s'", good);
    g_autofree char *row_state = wx_test_db_sqlstate (conn, row, 0, NULL);
    g_autofree char *event_state = wx_test_db_sqlstate (conn, event, 0, NULL);
    g_assert_cmpstr (row_state, ==, "42501");
    g_assert_cmpstr (event_state, ==, "42501");
  }

  /* Passed: the review row with its checklist and the step, together. */
  g_assert_true (wx_db_review_pass (conn, good, version, &result, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (result.version, ==, version + 1);
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_ENTERED);
  g_assert_cmpint (reviews_of (conn, good), ==, 1);
  g_assert_cmpint (events_of (conn, good, "review"), ==, 1);
  g_assert_cmpint (version_of (conn, good), ==, version + 1);
  {
    g_autofree char *row = value (conn,
      "SELECT r.outcome || '|' || r.parts_ok || '|' || r.reviewer || '|' || r.comment || '|' || (r.returned_to IS NULL)"
      "       || '|' || (SELECT count(*) FROM jsonb_object_keys (r.checks))"
      "       || '|' || (r.checks -> 'dispatch' ->> 'ok') || '|' || (r.checks -> 'onsite_response' -> 'ok')"
      "  FROM order_reviews r JOIN service_orders o ON o.id = r.order_id WHERE o.number = $1", good);
    g_autofree char *stamped = value (conn,
      "SELECT o.reviewed_by = e.actor FROM service_orders o JOIN order_events e ON e.order_id = o.id"
      " WHERE o.number = $1 AND e.event = 'review'", good);
    g_autofree char *by = value (conn, "SELECT reviewed_by FROM service_orders WHERE number = $1", good);
    g_assert_cmpstr (row, ==, "passed|true|" SUPERVISOR "||true|12|true|null");
    /* The step's own stamp and its event: the supervisor's login too. */
    g_assert_cmpstr (stamped, ==, "t");
    g_assert_cmpstr (by, ==, SUPERVISOR);
  }
  /* Reviewed: not again. */
  set_role (conn, SUPERVISOR);
  {
    g_autofree char *sentence = g_strdup_printf ("Order %s is not waiting for a review any more.", good);
    g_assert_false (wx_db_review_pass (conn, good, -1, NULL, &denied));
    g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpstr (denied->message, ==, sentence);
    g_clear_error (&denied);
  }
  set_role (conn, NULL);
  g_assert_cmpint (reviews_of (conn, good), ==, 1);
  queue = queue_now (conn);
  g_assert_null (queued (queue, good, NULL));
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* The bad one goes back to the engineer: a stale version writes nothing. */
  version = version_of (conn, bad);
  set_role (conn, SUPERVISOR);
  g_assert_cmpint (wx_db_review_return (conn, bad, version + 5, "换错了备件", ENGINEER, &stale_return), ==, 0);
  set_role (conn, NULL);
  g_assert_error (stale_return, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (stale_return->message, "Changed by "));
  g_assert_cmpint (reviews_of (conn, bad), ==, 0);
  g_assert_cmpint (events_of (conn, bad, "review_returned"), ==, 0);

  /* Not a supervisor's: refused, nothing written. */
  set_role (conn, COORDINATOR);
  g_assert_cmpint (wx_db_review_return (conn, bad, version, "换错了备件", ENGINEER, &denied), ==, 0);
  set_role (conn, NULL);
  g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (denied->message, ==, "Only a supervisor reviews orders: passes them or returns them.");
  g_assert_cmpint (events_of (conn, bad, "review_returned"), ==, 0);
  /* To somebody not on the staff: the server names them. */
  set_role (conn, SUPERVISOR);
  {
    g_autoptr(GError) nobody = NULL;
    g_assert_cmpint (wx_db_review_return (conn, bad, version, "换错了备件", "nobody", &nobody), ==, 0);
    g_assert_error (nobody, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpstr (nobody->message, ==, "No member of staff named “nobody”.");
  }
  set_role (conn, NULL);
  g_assert_cmpint (reviews_of (conn, bad), ==, 0);

  set_role (conn, SUPERVISOR);
  id = wx_db_review_return (conn, bad, version, "  更换的是定影膜，申请的是定影组件：请说明  ", ENGINEER, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autofree char *row = value (conn,
      "SELECT r.outcome || '|' || r.parts_ok || '|' || r.comment || '|' || r.returned_to"
      "       || '|' || (r.checks -> 'parts_used' ->> 'ok') || '|' || o.version || '|' || (o.reviewed_at IS NULL)"
      "       || '|' || (SELECT e.payload ->> 'returned_to' FROM order_events e"
      "                   WHERE e.order_id = o.id AND e.event = 'review_returned')"
      "  FROM order_reviews r JOIN service_orders o ON o.id = r.order_id WHERE o.number = $1", bad);
    /* The order's version moves on: a screen still showing it is refused. */
    g_autofree char *want = g_strdup_printf ("returned|false|更换的是定影膜，申请的是定影组件：请说明|%s|false|%d|true|%s",
                                             ENGINEER, version + 1, ENGINEER);
    g_assert_cmpstr (row, ==, want);
  }
  g_assert_cmpint (events_of (conn, bad, "review_returned"), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'review_returned' AND e.actor = '" SUPERVISOR "'", bad), ==, 1);
  {
    g_autoptr(GError) stale_again = NULL;
    set_role (conn, SUPERVISOR);
    g_assert_false (wx_db_review_pass (conn, bad, version, NULL, &stale_again));
    set_role (conn, NULL);
    g_assert_error (stale_again, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  }
  /* Still waiting, marked returned. */
  queue = queue_now (conn);
  item = queued (queue, bad, NULL);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->returned_to, ==, "李强");

  /* It shows for the engineer, not for the coordinator. */
  returns = returns_for (conn, ENGINEER);
  g_assert_cmpuint (returns->len, ==, 1);
  g_assert_cmpstr (((WxReviewReturn *) returns->pdata[0])->number, ==, bad);
  g_assert_cmpstr (((WxReviewReturn *) returns->pdata[0])->reviewer, ==, "周敏");
  g_assert_cmpint (((WxReviewReturn *) returns->pdata[0])->review_id, ==, id);
  g_clear_pointer (&returns, g_ptr_array_unref);
  returns = returns_for (conn, COORDINATOR);
  g_assert_cmpuint (returns->len, ==, 0);
  g_clear_pointer (&returns, g_ptr_array_unref);

  /* Only the person it went back to acknowledges it; an unknown one is not there. */
  {
    g_autoptr(GError) not_yours = NULL;
    g_autoptr(GError) unknown = NULL;
    gint64 nothing = 999999;
    set_role (conn, COORDINATOR);
    g_assert_false (wx_db_review_returns_acknowledge (conn, &id, 1, &not_yours));
    g_assert_false (wx_db_review_returns_acknowledge (conn, &nothing, 1, &unknown));
    set_role (conn, NULL);
    g_assert_error (not_yours, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpstr (not_yours->message, ==, "That return was not addressed to you.");
    g_assert_error (unknown, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
    g_assert_cmpint (events_of (conn, bad, "review_seen"), ==, 0);
  }
  /* The engineer acknowledges: gone for them, an event in the timeline, once. */
  set_role (conn, ENGINEER);
  g_assert_true (wx_db_review_returns_acknowledge (conn, &id, 1, &error));
  g_assert_true (wx_db_review_returns_acknowledge (conn, &id, 1, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (events_of (conn, bad, "review_seen"), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'review_seen' AND e.actor = '" ENGINEER "'", bad), ==, 1);
  returns = returns_for (conn, ENGINEER);
  g_assert_cmpuint (returns->len, ==, 0);
  g_clear_pointer (&returns, g_ptr_array_unref);

  /* Returned again to the coordinator, then passed: answered by the review. */
  set_role (conn, SUPERVISOR);
  id = wx_db_review_return (conn, bad, -1, "外观未记录", COORDINATOR, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  returns = returns_for (conn, COORDINATOR);
  g_assert_cmpuint (returns->len, ==, 1);
  g_clear_pointer (&returns, g_ptr_array_unref);
  set_role (conn, SUPERVISOR);
  g_assert_true (wx_db_review_pass (conn, bad, -1, NULL, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  returns = returns_for (conn, COORDINATOR);
  g_assert_cmpuint (returns->len, ==, 0);
  g_assert_cmpint (reviews_of (conn, bad), ==, 3);

  /* Reviewed: no more returns. */
  {
    g_autoptr(GError) late = NULL;
    set_role (conn, SUPERVISOR);
    g_assert_cmpint (wx_db_review_return (conn, bad, -1, "再看看", ENGINEER, &late), ==, 0);
    set_role (conn, NULL);
    g_assert_error (late, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpint (reviews_of (conn, bad), ==, 3);
  }
}

static WxBenchTask *
my_work_task (PGconn *conn, const char *login, const char *number, guint *position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) work = NULL;

  set_role (conn, login);
  work = wx_db_bench_my_work (conn, login, g_get_real_time () / G_USEC_PER_SEC, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < work->len; i++)
    {
      WxBenchTask *task = work->pdata[i];
      if (g_str_equal (wx_order_get_number (task->order), number))
        {
          WxBenchTask *copy = g_new0 (WxBenchTask, 1);
          *copy = *task;
          copy->order = g_object_ref (task->order);
          copy->note = g_strdup (task->note);
          if (position)
            *position = i;
          return copy;
        }
    }
  return NULL;
}

/* The review loop closed: a return is an item of the person's My work, who
 * corrects the order (the `amend` step, allowed to an engineer the order went
 * back to) and answers it, once; the queue shows it answered and the
 * supervisor reviews it again. */
static void
test_return_answered (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = build_carry_in (conn, "RM2-5425");
  g_autoptr(WxBenchTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(WxReviewOpenReturn) open = NULL;
  WxReviewQueueItem *item;
  guint position = 99;
  gint64 id, order_id;

  /* To 王磊, who is not the order's engineer. */
  set_role (conn, SUPERVISOR);
  id = wx_db_review_return (conn, number, -1, "序列号与铭牌不符", "wang_lei", &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  task = my_work_task (conn, "wang_lei", number, &position);
  g_assert_nonnull (task);
  g_assert_cmpint (task->kind, ==, WX_BENCH_TASK_ANSWER);
  g_assert_cmpint (task->review_id, ==, id);
  g_assert_cmpstr (task->note, ==, "周敏: 序列号与铭牌不符");
  g_assert_cmpuint (position, ==, 0);      /* before anything else */
  g_clear_pointer (&task, wx_bench_task_free);
  /* Not in another engineer's work. */
  task = my_work_task (conn, ENGINEER, number, NULL);
  g_assert_null (task);
  queue = queue_now (conn);
  item = queued (queue, number, NULL);
  g_assert_cmpstr (item->returned_to, ==, "王磊");
  g_assert_false (item->answered);
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* Answered only by the person it went back to, and with what was done. */
  set_role (conn, ENGINEER);
  {
    g_autoptr(GError) not_yours = NULL;
    g_assert_false (wx_db_review_answer (conn, id, "改好了", &not_yours));
    g_assert_error (not_yours, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpstr (not_yours->message, ==, "That return was not addressed to you.");
  }
  set_role (conn, "wang_lei");
  server_refuses (conn, number, WX_DB_ERROR_INVALID, "Say what you put right before resubmitting the order.",
                  "SELECT wx_review_answer((SELECT max(r.id) FROM order_reviews r JOIN service_orders o"
                  "                          ON o.id = r.order_id WHERE o.number = $1), '　 ')");
  /* The amend step is open to them while the return stands. */
  {
    g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);
    WxTransitionResult result = { 0 };

    g_hash_table_insert (changes, "serial", "CNB3K00089");
    g_assert_true (wx_db_order_amend (conn, number, version_of (conn, number), changes, &result, &error));
    g_assert_no_error (error);
  }
  g_assert_true (wx_db_review_answer (conn, id, "  已按铭牌更正序列号  ", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GError) twice = NULL;
    g_autofree char *sentence = g_strdup_printf (
      "The return of order %s has already been answered or reviewed; reload the order.", number);
    g_assert_false (wx_db_review_answer (conn, id, "再来一次", &twice));
    g_assert_cmpstr (twice->message, ==, sentence);
  }
  set_role (conn, NULL);
  g_assert_cmpint (events_of (conn, number, "review_answered"), ==, 1);
  {
    g_autofree char *payload = value (conn,
      "SELECT e.actor || '|' || (e.payload ->> 'answer') || '|' || (e.payload ->> 'amended')"
      "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
      " WHERE o.number = $1 AND e.event = 'review_answered'", number);
    g_assert_cmpstr (payload, ==, "wang_lei|已按铭牌更正序列号|true");
  }
  /* Gone from My work; answered in the queue and on the order. */
  task = my_work_task (conn, "wang_lei", number, NULL);
  g_assert_null (task);
  queue = queue_now (conn);
  item = queued (queue, number, NULL);
  g_assert_nonnull (item);
  g_assert_true (item->answered);
  order_id = item->order_id;
  set_role (conn, SUPERVISOR);
  open = wx_db_review_open_return (conn, order_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (open);
  g_assert_true (open->answered);
  g_assert_true (open->amended);
  g_assert_cmpstr (open->answer, ==, "已按铭牌更正序列号");
  g_assert_cmpstr (open->returned_to_name, ==, "王磊");
  /* Reviewed again: passed; no return stands any more, nor the amend right. */
  g_assert_true (wx_db_review_pass (conn, number, -1, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&open, wx_review_open_return_free);
  open = wx_db_review_open_return (conn, order_id, &error);
  g_assert_no_error (error);
  g_assert_null (open);
  set_role (conn, "wang_lei");
  {
    g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GError) denied = NULL;
    WxTransitionResult result = { 0 };

    g_hash_table_insert (changes, "serial", "CNB3K00090");
    g_assert_false (wx_db_order_amend (conn, number, version_of (conn, number), changes, &result, &denied));
    g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  }
  set_role (conn, NULL);
}

/* The bulk pass: of 50 clean orders 49 pass, one event each; one returned
 * and not answered and one whose parts do not match stay in the queue; the
 * server refuses both through the bulk function. */
static void
test_bulk_pass (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flagged = build_carry_in (conn, "RM1-4554");
  gint64 events_before = wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE event = 'review'");
  g_autofree char *sentence = g_strdup_printf ("Order %s has a failed check; review it on its own.", flagged);
  guint passed, skipped = 0;

  wx_test_db_exec (conn, "INSERT INTO stock_movements (part_id, kind, quantity, note)"
                         " SELECT id, 'receive', 50, 'bulk' FROM parts WHERE part_number = 'RM2-5425'");
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (numbers, build_carry_in (conn, "RM2-5425"));
  g_ptr_array_add (numbers, g_strdup (flagged));
  g_ptr_array_add (numbers, NULL);

  /* Not through the bulk function with a failed check, whatever the client says. */
  set_role (conn, SUPERVISOR);
  server_refuses (conn, flagged, WX_DB_ERROR_INVALID, sentence,
                  "SELECT wx_review_pass_clean($1, (SELECT version FROM service_orders WHERE number = $1),"
                  "                            '{\"dispatch\": {\"ok\": false}}'::jsonb, NULL)");
  /* Nor one returned and not answered, clean as it may be. */
  {
    g_autofree char *open_sentence = NULL;

    g_assert_cmpint (wx_db_review_return (conn, numbers->pdata[49], -1, "请补签", ENGINEER, &error), >, 0);
    g_assert_no_error (error);
    open_sentence = g_strdup_printf ("Order %s was returned and is not answered yet; it stays in the queue.",
                                     (char *) numbers->pdata[49]);
    server_refuses (conn, numbers->pdata[49], WX_DB_ERROR_INVALID, open_sentence,
                    "SELECT wx_review_pass_clean($1, (SELECT version FROM service_orders WHERE number = $1),"
                    "                            '{}'::jsonb, NULL)");
  }
  passed = wx_db_review_pass_clean (conn, (const char * const *) numbers->pdata, &skipped, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (passed, ==, 49);
  g_assert_cmpuint (skipped, ==, 2);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE event = 'review'"), ==,
                   events_before + 49);
  for (guint i = 0; i < 49; i++)
    {
      g_assert_cmpint (events_of (conn, numbers->pdata[i], "review"), ==, 1);
      g_assert_cmpint (reviews_of (conn, numbers->pdata[i]), ==, 1);
    }
  queue = queue_now (conn);
  g_assert_nonnull (queued (queue, flagged, NULL));
  g_assert_nonnull (queued (queue, numbers->pdata[49], NULL));
  g_assert_null (queued (queue, numbers->pdata[0], NULL));
  g_assert_cmpint (reviews_of (conn, flagged), ==, 0);
}

/* A return needs a comment and a person; the demo has a queue to review. */
static void
test_return_needs_comment (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) queue = queue_now (conn);
  g_autoptr(GError) no_comment = NULL;
  g_autoptr(GError) no_person = NULL;
  const char *number;

  g_assert_cmpuint (queue->len, >=, 3);
  number = ((WxReviewQueueItem *) queue->pdata[0])->number;
  set_role (conn, SUPERVISOR);
  g_assert_cmpint (wx_db_review_return (conn, number, -1, "  ", ENGINEER, &no_comment), ==, 0);
  g_assert_cmpint (wx_db_review_return (conn, number, -1, "请补签", "", &no_person), ==, 0);
  set_role (conn, NULL);
  g_assert_error (no_comment, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_error (no_person, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_cmpint (reviews_of (conn, number), ==, 0);
  /* The server refuses them in the same words (core's checks skipped). */
  set_role (conn, SUPERVISOR);
  server_refuses (conn, number, WX_DB_ERROR_INVALID, no_comment->message,
                  "SELECT wx_review_return($1, (SELECT version FROM service_orders WHERE number = $1), '{}'::jsonb,"
                  "                        NULL, '　 ', '" ENGINEER "')");
  server_refuses (conn, number, WX_DB_ERROR_INVALID, no_person->message,
                  "SELECT wx_review_return($1, (SELECT version FROM service_orders WHERE number = $1), '{}'::jsonb,"
                  "                        NULL, '请补签', '')");
  {
    g_autoptr(GError) long_comment = NULL;
    g_autofree char *text = g_strnfill (2001, 'x');
    g_autofree char *sql = g_strdup_printf (
      "SELECT wx_review_return($1, (SELECT version FROM service_orders WHERE number = $1), '{}'::jsonb,"
      "                        NULL, repeat('x', 2001), '%s')", ENGINEER);
    g_assert_false (wx_review_return_check (text, ENGINEER, NULL, &long_comment));
    server_refuses (conn, number, WX_DB_ERROR_INVALID, long_comment->message, sql);
  }
  set_role (conn, NULL);
  /* Demo orders in the queue: some pass every check, some do not. */
  {
    guint failing = 0, clean = 0;
    for (guint i = 0; i < queue->len; i++)
      {
        g_autoptr(WxReviewOrder) order = load (conn, ((WxReviewQueueItem *) queue->pdata[i])->number);
        if (wx_review_n_failed (order->review) > 0)
          failing++;
        else
          clean++;
      }
    g_assert_cmpuint (failing, >, 0);
    g_assert_cmpuint (clean, >, 0);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("review", TRUE);
  conn = wx_test_db_connect (conninfo);
  fixed = wx_test_fixed_now ();
  if (!wx_db_demo_load (conn, 60, fixed, &error))
    g_error ("demo data: %s", error->message);
  /* The scripted orders go on account (migration 021: an allowed account). */
  wx_test_db_exec (conn, "UPDATE customers SET account_allowed = true");
  /* Enough fusers and fuser films for every scripted repair. */
  wx_test_db_exec (conn, "INSERT INTO stock_movements (part_id, kind, quantity, note)"
                         " SELECT id, 'receive', 50, 'test' FROM parts WHERE part_number IN ('RM2-5425', 'RM1-4554')");

  g_test_add_func ("/review/good-order", test_good_order);
  g_test_add_func ("/review/each-check-fails", test_each_check_fails);
  g_test_add_func ("/review/parts", test_parts);
  g_test_add_func ("/review/on-site", test_on_site);
  g_test_add_func ("/review/clock", test_review_clock);
  g_test_add_func ("/review/pass-and-return", test_pass_and_return);
  g_test_add_func ("/review/return-needs-comment", test_return_needs_comment);
  g_test_add_func ("/review/return-answered", test_return_answered);
  g_test_add_func ("/review/bulk-pass", test_bulk_pass);
  return g_test_run ();
}

/* The engineer's records against a real database with demo data
 * (src/db/wx-db-records.c, data/sql/008_records.sql): inspection → quote
 * and agree at the desk → repair with parts from stock → OK on S4 with the
 * stock down, the movements, the tests and the old parts written; unused
 * parts back to stock; OK without a repair record, a stock shortage and a
 * stale version refused with a sentence and nothing changed; a part order,
 * its arrival, two orders escalating, a late one escalating by itself.
 * Each side runs as a demo member of staff (SET ROLE) to prove the grants. */
#include <libpq-fe.h>

#include "core/wx-error.h"
#include "core/wx-records.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-error.h"
#include "db/wx-db-records.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

#define COORDINATOR "zhang_wei"   /* 张伟 */
#define ENGINEER    "li_qiang"    /* 李强 */

static char *conninfo;

static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = g_strdup_printf ("SET ROLE %s", role ? role : "NONE");
  wx_test_db_exec (conn, sql);
}

/* An order in `state` with the demo engineer on it (inserted by the owner,
 * who may); returns its number. */
static char *
make_order (PGconn *conn, const char *state, const char *product, const char *model)
{
  const char *params[] = { state, product, model, ENGINEER };
  g_autoptr(GError) error = NULL;
  char *number = wx_db_query_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_person, contact_mobile,"
    "                            product_name, model, reported_fault, engineer)"
    " SELECT 'carry_in', $1, c.id, c.unit_name, '黄小姐', '13800138000', $2, $3, '打印有黑线，卡纸', $4"
    "   FROM customers c ORDER BY c.id LIMIT 1 RETURNING number", 4, params, &error);

  g_assert_no_error (error);
  return number;
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

static int
stock_of (PGconn *conn, const char *part_number)
{
  return (int) count (conn, "SELECT stock FROM parts WHERE part_number = $1", part_number);
}

static WxCatalogPart *
find_part (PGconn *conn, const char *text, const char *part_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = wx_db_parts_search (conn, text, 20, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      WxCatalogPart *p = g_ptr_array_index (hits, i);
      if (g_str_equal (p->part_number, part_number))
        return g_ptr_array_steal_index (hits, i);
    }
  g_error ("part %s not found searching “%s”", part_number, text);
  return NULL;
}

static WxPartLine
catalog_line (const WxCatalogPart *p, int quantity, gboolean issue)
{
  WxPartLine l = { p->id, p->part_number, p->name, quantity, p->unit_price, issue };
  return l;
}

/* Every item of the category's checklist, passed. */
static GArray *
all_tests_passed (WxMachineCategory category)
{
  guint n = 0;
  const WxTestItem *items = wx_functional_tests (category, &n);
  GArray *tests = g_array_new (FALSE, TRUE, sizeof (WxTestResult));

  for (guint i = 0; i < n; i++)
    {
      WxTestResult r = { items[i].code, TRUE, items[i].needs_note ? "按维修手册检测正常" : "" };
      g_array_append_val (tests, r);
    }
  return tests;
}

static void
step_as (PGconn *conn, const char *role, const char *number, const char *event,
         const char *key, const char *val, const WxStepExtras *extras)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (key)
    g_hash_table_insert (data, (gpointer) key, (gpointer) val);
  set_role (conn, role);
  wx_db_order_step_full (conn, number, -1, event, data, extras, NULL, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ the whole flow */

static void
test_inspect_quote_repair (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "received", "激光打印机", "HP LaserJet Pro M404dn");
  g_autoptr(WxCatalogPart) fuser = NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) tests = NULL;
  g_autoptr(WxOrderRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shelf = NULL;
  WxPartLine typed = { 0, "", "定影器密封垫", 1, 1000, FALSE };
  WxTransitionResult result = { 0 };
  int fuser_stock;

  step_as (conn, COORDINATOR, number, "dispatch_inspection", "engineer", ENGINEER, NULL);

  /* The engineer picks the fuser from the catalogue and types a gasket. */
  set_role (conn, ENGINEER);
  fuser = find_part (conn, "定影组件", "RM2-5425");
  g_assert_cmpint (fuser->stock, >=, 1);
  fuser_stock = fuser->stock;
  g_array_append_vals (parts, (WxPartLine[]) { catalog_line (fuser, 1, FALSE) }, 1);
  g_array_append_val (parts, typed);
  {
    WxInspectionInput in = {
      .fault_analysis = "定影组件加热管损坏，硒鼓正常",
      .measures = "更换定影组件后试机",
      .parts = parts,
      .labour = 12000,
      .explanation = "机器里给纸张加热的部件坏了，换一个新的就能正常打印。",
    };
    g_assert_cmpint (wx_inspection_suggested_price (&in), ==, fuser->unit_price + 1000 + 12000);
    g_assert_true (wx_db_inspection_save (conn, number, version_of (conn, number), &in, &result, &error));
    g_assert_no_error (error);
  }
  set_role (conn, NULL);
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_INSPECTED);
  g_assert_cmpint (wx_workflow_state_info (result.state)->folder, ==, WX_FOLDER_F2);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM quote_lines q JOIN service_orders o ON o.id = q.order_id"
                                " WHERE o.number = $1", number), ==, 3);
  g_assert_cmpint (count (conn, "SELECT suggested_price FROM service_orders WHERE number = $1", number),
                   ==, fuser->unit_price + 13000);
  {
    g_autofree char *needed = value (conn, "SELECT parts_needed || '|' || inspected_by FROM service_orders WHERE number = $1", number);
    g_assert_nonnull (strstr (needed, "RM2-5425"));
    g_assert_true (g_str_has_suffix (needed, "|" ENGINEER));
  }
  /* Only issued parts leave stock. */
  g_assert_cmpint (stock_of (conn, "RM2-5425"), ==, fuser_stock);

  /* The desk quotes from the engineer's lines, the customer agrees. */
  set_role (conn, COORDINATOR);
  lines = wx_db_quote_lines_load (conn, number, &error);
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (g_array_index (lines, WxQuoteLineInput, 0).part_id, ==, fuser->id);
  g_assert_cmpstr (g_array_index (lines, WxQuoteLineInput, 2).kind, ==, "labour");
  {
    WxStepExtras extras = { .quote_lines = lines };
    g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, fuser->unit_price + 13000);

    g_hash_table_insert (data, "quote_total", total);
    g_hash_table_insert (data, "quote_method", "phone");
    set_role (conn, COORDINATOR);
    g_assert_true (wx_db_order_step_full (conn, number, -1, "quote", data, &extras, NULL, &error));
    set_role (conn, NULL);
    g_assert_no_error (error);
  }
  /* The catalogue's part survives the quote. */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM quote_lines q JOIN service_orders o ON o.id = q.order_id"
                                " WHERE o.number = $1 AND q.part_number = 'RM2-5425' AND q.part_id IS NOT NULL", number), ==, 1);
  step_as (conn, COORDINATOR, number, "agree", "decision_contact", "黄小姐", NULL);
  step_as (conn, COORDINATOR, number, "dispatch_repair", "engineer", ENGINEER, NULL);

  /* The repair dialog's view of it. */
  set_role (conn, ENGINEER);
  record = wx_db_order_record_load (conn, number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, WX_ORDER_STATE_REPAIRING);
  g_assert_cmpint (record->category, ==, WX_MACHINE_LASER_PRINTER);
  g_assert_cmpuint (record->parts->len, ==, 2);
  g_assert_cmpint (record->labour, ==, 12000);
  g_assert_cmpuint (record->issued->len, ==, 0);

  /* Repaired with the fuser from stock; the supervisor keeps the old one. */
  {
    g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
    WxRepairInput in = { 0 };

    g_array_append_vals (used, (WxPartLine[]) { catalog_line (fuser, 1, FALSE) }, 1);
    tests = all_tests_passed (record->category);
    in.category = record->category;
    in.parts_used = used;
    in.old_parts = "kept_by_supervisor";
    in.tests = tests;
    in.cleaned = TRUE;
    in.repair_notes = "更换定影组件，清洁走纸通道，连续打印 20 页正常";
    g_assert_true (wx_db_repair_save (conn, number, record->version, &in, &result, &error));
    g_assert_no_error (error);
  }
  set_role (conn, NULL);
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_REPAIRED);
  shelf = value (conn, "SELECT w.shelf || '/' || w.folder FROM service_orders o JOIN workflow_states w USING (state)"
                       " WHERE o.number = $1", number);
  g_assert_cmpstr (shelf, ==, "S4/F3");
  g_assert_cmpint (stock_of (conn, "RM2-5425"), ==, fuser_stock - 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM stock_movements m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'issue' AND m.quantity = -1 AND m.actor = '" ENGINEER "'",
                          number), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM repair_tests r JOIN service_orders o ON o.id = r.order_id"
                                " WHERE o.number = $1 AND r.passed", number), ==, 3);
  {
    g_autofree char *old = value (conn, "SELECT string_agg(p.description, ',') FROM old_parts p"
                                        " JOIN service_orders o ON o.id = p.order_id WHERE o.number = $1", number);
    g_autofree char *row = value (conn, "SELECT cleaned || '|' || old_parts || '|' || repaired_by FROM service_orders WHERE number = $1", number);

    g_assert_cmpstr (old, ==, "定影组件 220V (RM2-5425)");
    g_assert_cmpstr (row, ==, "true|kept_by_supervisor|" ENGINEER);
  }
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'repair_done'"
                                "   AND e.payload ->> 'functional_tests' = 'self_test,online_print,continuous_print'", number), ==, 1);
}

/* Parts issued at inspection (to test by swapping); the unused one goes back. */
static void
test_unused_parts_returned (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "inspecting", "台式电脑", "Dell OptiPlex 7090");
  g_autoptr(WxCatalogPart) ram = NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GArray) returned = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GArray) tests = all_tests_passed (WX_MACHINE_PC);
  g_autoptr(WxOrderRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) too_many = NULL;
  int before;

  set_role (conn, ENGINEER);
  ram = find_part (conn, "内存", "KVR26N19S8/8");
  before = ram->stock;
  g_array_append_vals (parts, (WxPartLine[]) { catalog_line (ram, 2, TRUE) }, 1);
  {
    WxInspectionInput in = { .fault_analysis = "内存条接触不良", .parts = parts, .labour = 5000,
                             .explanation = "内存条坏了一条，换新的即可。" };
    g_assert_true (wx_db_inspection_save (conn, number, -1, &in, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (stock_of (conn, "KVR26N19S8/8"), ==, before - 2);
  set_role (conn, NULL);
  {
    /* Quoted, agreed and dispatched as in the flow above (the owner may). */
    const char *params[] = { number };
    g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET state = 'repairing' WHERE number = $1", 1, params, &error));
  }

  set_role (conn, ENGINEER);
  record = wx_db_order_record_load (conn, number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->issued->len, ==, 1);
  g_assert_cmpint (((WxIssuedPart *) g_ptr_array_index (record->issued, 0))->quantity, ==, 2);
  g_assert_cmpint (record->category, ==, WX_MACHINE_PC);
  {
    WxRepairInput in = { .category = WX_MACHINE_PC, .parts_returned = returned, .n_issued_kept = 1,
                         .old_parts = "returned_to_customer", .tests = tests, .cleaned = TRUE,
                         .repair_notes = "更换一条内存，拷机 2 小时正常" };
    WxPartLine back = { ram->id, ram->part_number, ram->name, 3, 0, FALSE };

    /* Three cannot come back when two went out. */
    g_array_append_val (returned, back);
    g_assert_false (wx_db_repair_save (conn, number, -1, &in, NULL, &too_many));
    g_assert_error (too_many, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_nonnull (strstr (too_many->message, "Only 2 of"));
    g_assert_cmpint (stock_of (conn, "KVR26N19S8/8"), ==, before - 2);

    g_array_index (returned, WxPartLine, 0).quantity = 1;
    g_assert_true (wx_db_repair_save (conn, number, -1, &in, NULL, &error));
    g_assert_no_error (error);
  }
  set_role (conn, NULL);
  g_assert_cmpint (stock_of (conn, "KVR26N19S8/8"), ==, before - 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM old_parts p JOIN service_orders o ON o.id = p.order_id"
                                " WHERE o.number = $1", number), ==, 0);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM stock_movements m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'return' AND m.quantity = 1", number), ==, 1);
}

/* ------------------------------------------------------------ refusals */

static char *
fingerprint (PGconn *conn, const char *number)
{
  return value (conn,
    "SELECT o.state || '|' || o.version || '|' || (SELECT count(*) FROM order_events e WHERE e.order_id = o.id)"
    "  || '|' || (SELECT count(*) FROM stock_movements m WHERE m.order_id = o.id)"
    "  || '|' || (SELECT count(*) FROM repair_tests r WHERE r.order_id = o.id)"
    "  || '|' || (SELECT count(*) FROM old_parts p WHERE p.order_id = o.id)"
    "  || '|' || (SELECT string_agg(part_number || ':' || stock, ',' ORDER BY id) FROM parts)"
    "  FROM service_orders o WHERE o.number = $1", number);
}

static void
test_ok_needs_record (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "repairing", "喷墨打印机", "Epson L3158");
  g_autofree char *before = fingerprint (conn, number);
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) core = NULL;
  g_autoptr(GError) db = NULL;
  g_autoptr(GError) half = NULL;
  g_autoptr(GArray) tests = all_tests_passed (WX_MACHINE_INKJET_PRINTER);

  g_hash_table_insert (data, "repair_notes", "清洗喷头");
  set_role (conn, ENGINEER);
  /* Dropping on OK with only the notes: core says what is missing … */
  g_assert_false (wx_db_order_step_full (conn, number, -1, "repair_done", data, NULL, NULL, &core));
  /* … and so does the database when asked directly. */
  g_assert_false (wx_db_order_transition (conn, number, version_of (conn, number), "repair_done", data, NULL, &db));
  /* A record with a test not passed is no record. */
  g_array_index (tests, WxTestResult, 2).passed = FALSE;
  {
    WxRepairInput in = { .category = WX_MACHINE_INKJET_PRINTER, .tests = tests, .cleaned = TRUE,
                         .repair_notes = "清洗喷头" };
    g_assert_false (wx_db_repair_save (conn, number, -1, &in, NULL, &half));
  }
  set_role (conn, NULL);
  g_test_message ("refused: %s / %s / %s", core->message, db->message, half->message);
  g_assert_error (core, WX_CORE_ERROR, WX_CORE_ERROR_MISSING);
  g_assert_cmpstr (core->message, ==, "Missing: the functional tests (the repair record).");
  g_assert_error (db, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_cmpstr (db->message, ==, core->message);
  g_assert_error (half, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (half->message, "10 or more pages in a row"));
  after = fingerprint (conn, number);
  g_assert_cmpstr (after, ==, before);
}

/* The database holds the same category words and tests as core, and
 * guesses the same category from what the front desk wrote. */
static void
test_categories_identical (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) words = PQexec (conn, "SELECT category, word FROM machine_category_words ORDER BY position");
  g_autoptr(PGresult) tests = PQexec (conn, "SELECT category, item, needs_note FROM functional_tests ORDER BY category, position");
  static const char *const names[][2] = {
    { "激光打印机", "HP LaserJet M404dn" }, { "笔记本电脑", "ThinkPad X1" }, { "台式电脑", "OptiPlex 7090" },
    { "服务器", "PowerEdge R740" }, { "喷墨打印机", "Epson L3158" }, { "绘图仪", "DesignJet T230" },
    { "投影仪", "EB-X51" }, { "HP PC", "" }, { "PCIe 网卡", "" }, { "激光多功能一体机", "" }, { "一体机", "" },
  };
  guint n, row = 0;
  const WxCategoryWord *w = wx_machine_category_words (&n);

  g_assert_cmpint (PQntuples (words), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (PQgetvalue (words, i, 0), ==, wx_machine_category_to_code (w[i].category));
      g_assert_cmpstr (PQgetvalue (words, i, 1), ==, w[i].word);
    }
  for (int c = 0; c < WX_N_MACHINE_CATEGORIES; c++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM functional_tests WHERE category = '%s'",
                                              wx_machine_category_to_code (c));
      guint k;
      const WxTestItem *items = wx_functional_tests (c, &k);

      g_assert_cmpint (wx_test_db_count (conn, sql), ==, k);
      for (guint j = 0; j < k; j++)
        {
          g_autofree char *one = g_strdup_printf ("SELECT count(*) FROM functional_tests WHERE category = '%s'"
                                                  " AND position = %u AND item = '%s' AND needs_note = %s",
                                                  wx_machine_category_to_code (c), j + 1, items[j].code,
                                                  items[j].needs_note ? "true" : "false");
          g_assert_cmpint (wx_test_db_count (conn, one), ==, 1);
          row++;
        }
    }
  g_assert_cmpint (PQntuples (tests), ==, row);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *params[] = { names[i][0], names[i][1] };
      g_autoptr(PGresult) res = PQexecParams (conn, "SELECT wx_machine_category($1, $2)", 2, NULL, params, NULL, NULL, 0);

      g_assert_cmpstr (PQgetvalue (res, 0, 0), ==,
                       wx_machine_category_to_code (wx_machine_category_guess (names[i][0], names[i][1])));
    }
}

/* OK needs every functional test of the machine's category, whoever asks
 * the database (the CLI, a forged call), not only the repair dialog. */
static void
test_every_test_of_the_category (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "repairing", "激光打印机", "HP LaserJet M404dn");
  g_autofree char *before = fingerprint (conn, number);
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) half = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (data, "repair_notes", "更换定影组件");
  g_hash_table_insert (data, "functional_tests", "self_test,online_print");
  set_role (conn, ENGINEER);
  g_assert_false (wx_db_order_transition (conn, number, version_of (conn, number), "repair_done", data, NULL, &half));
  set_role (conn, NULL);
  g_test_message ("refused: %s", half->message);
  g_assert_error (half, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (half->message, "continuous_print"));
  after = fingerprint (conn, number);
  g_assert_cmpstr (after, ==, before);
  g_hash_table_insert (data, "functional_tests", "self_test,online_print,continuous_print");
  set_role (conn, ENGINEER);
  g_assert_true (wx_db_order_transition (conn, number, version_of (conn, number), "repair_done", data, NULL, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
}

static void
test_stock_shortage (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "repairing", "激光打印机", "Canon LBP2900");
  g_autofree char *before = fingerprint (conn, number);
  g_autofree char *after = NULL;
  g_autoptr(WxCatalogPart) heater = NULL;
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  g_autoptr(GArray) tests = all_tests_passed (WX_MACHINE_LASER_PRINTER);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  set_role (conn, ENGINEER);
  heater = find_part (conn, "RM1-2345", "RM1-2345");
  g_array_append_vals (used, (WxPartLine[]) { catalog_line (heater, heater->stock + 1, FALSE) }, 1);
  {
    WxRepairInput in = { .category = WX_MACHINE_LASER_PRINTER, .parts_used = used, .old_parts = "returned_to_customer",
                         .tests = tests, .cleaned = TRUE, .repair_notes = "更换定影器加热组件" };
    g_assert_false (wx_db_repair_save (conn, number, -1, &in, NULL, &error));
  }
  set_role (conn, NULL);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  expected = g_strdup_printf ("Only %d of “定影器加热组件” (RM1-2345) in stock.", heater->stock);
  g_assert_cmpstr (error->message, ==, expected);
  after = fingerprint (conn, number);
  g_assert_cmpstr (after, ==, before);
}

static void
test_version_conflict (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "inspecting", "笔记本电脑", "ThinkPad T14");
  int seen = version_of (conn, number);
  g_autoptr(GError) error = NULL;
  WxInspectionInput in = { .fault_analysis = "键盘进液", .explanation = "键盘进水坏了，要换键盘。" };

  /* The desk escalates it meanwhile. */
  step_as (conn, COORDINATOR, number, "escalate", "reason", "客户催修", NULL);
  set_role (conn, ENGINEER);
  g_assert_false (wx_db_inspection_save (conn, number, seen, &in, NULL, &error));
  set_role (conn, NULL);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "张伟"));
  g_assert_cmpint (count (conn, "SELECT count(*) FROM service_orders WHERE number = $1 AND state = 'inspecting'"
                                " AND fault_analysis = ''", number), ==, 1);
}

/* ------------------------------------------------------------ part orders */

static void
test_part_order_and_arrival (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "agreed", "投影仪", "Epson CB-X49");
  g_autoptr(WxCatalogPart) lcd = NULL;
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(WxOrderRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  WxTransitionResult result = { 0 };
  WxSupplier *vendor;
  int before;

  set_role (conn, ENGINEER);
  lcd = find_part (conn, "液晶板", "LCD-X49");
  before = lcd->stock;
  suppliers = wx_db_suppliers_load (conn, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suppliers->len, >, 0);
  vendor = g_ptr_array_index (suppliers, 0);
  {
    WxPartOrderInput in = { lcd->id, lcd->part_number, lcd->name, 1, vendor->id, "2026-11-25", TRUE, 140000 };
    g_assert_true (wx_db_part_order_save (conn, number, -1, &in, &result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_WAITING_PARTS);
  record = wx_db_order_record_load (conn, number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->part_orders->len, ==, 1);
  {
    WxPartOrderRow *row = g_ptr_array_index (record->part_orders, 0);
    g_assert_cmpstr (row->description, ==, "投影机液晶板组件 (LCD-X49)");
    g_assert_cmpstr (row->supplier, ==, vendor->name);
    g_assert_cmpstr (row->expected_on, ==, "2026-11-25");
    g_assert_true (row->prepaid);
    g_assert_false (row->arrived);
  }
  g_assert_true (wx_db_parts_arrived (conn, number, result.version, &result, &error));
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_AGREED);
  g_assert_cmpint (stock_of (conn, "LCD-X49"), ==, before + 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM part_orders p JOIN service_orders o ON o.id = p.order_id"
                                " WHERE o.number = $1 AND p.arrived_at IS NOT NULL AND p.supplier_id IS NOT NULL", number), ==, 1);

  /* A second part order for the same machine escalates it (domain.md 5). */
  {
    WxPartOrderInput in = { 0, "", "投影机主板", 1, vendor->id, "2026-11-28", FALSE, -1 };
    set_role (conn, ENGINEER);
    g_assert_true (wx_db_part_order_save (conn, number, -1, &in, NULL, &error));
    set_role (conn, NULL);
    g_assert_no_error (error);
  }
  g_assert_cmpint (count (conn, "SELECT count(*) FROM escalations x JOIN service_orders o ON o.id = x.order_id"
                                " WHERE o.number = $1 AND x.trigger = 'two_part_orders'", number), ==, 1);
}

static void
test_overdue_part_escalates (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "repairing", "笔记本电脑", "Lenovo ThinkPad E14");
  g_autoptr(GPtrArray) suppliers = NULL;
  g_autoptr(GDateTime) on_time = g_date_time_new_from_iso8601 ("2026-11-10T17:00:00+08:00", NULL);
  g_autoptr(GDateTime) late = g_date_time_new_from_iso8601 ("2026-11-11T09:00:00+08:00", NULL);
  g_autoptr(GError) error = NULL;
  const char *mine = "SELECT count(*) FROM escalations x JOIN service_orders o ON o.id = x.order_id"
                     " WHERE o.number = $1 AND x.trigger = 'part_overdue'";

  set_role (conn, ENGINEER);
  suppliers = wx_db_suppliers_load (conn, FALSE, &error);
  g_assert_no_error (error);
  {
    WxPartOrderInput in = { 0, "", "笔记本主板", 1, ((WxSupplier *) g_ptr_array_index (suppliers, 0))->id,
                            "2026-11-10", FALSE, -1 };
    g_assert_true (wx_db_part_order_save (conn, number, -1, &in, NULL, &error));
    g_assert_no_error (error);
  }
  /* Due today: not late yet. (A sweep at a time of one's own is the owner's.) */
  set_role (conn, NULL);
  g_assert_cmpint (wx_db_escalate_overdue_parts (conn, on_time, &error), >=, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (conn, mine, number), ==, 0);
  /* The next day it is, once. */
  g_assert_cmpint (wx_db_escalate_overdue_parts (conn, late, &error), >=, 1);
  g_assert_cmpint (wx_db_escalate_overdue_parts (conn, late, &error), ==, 0);
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (count (conn, mine, number), ==, 1);
  {
    g_autofree char *reason = value (conn, "SELECT x.reason FROM escalations x JOIN service_orders o ON o.id = x.order_id"
                                           " WHERE o.number = $1 AND x.trigger = 'part_overdue'", number);
    g_assert_cmpstr (reason, ==, "笔记本主板 · 2026-11-10");
  }
  g_assert_cmpint (count (conn, "SELECT count(*) FROM order_events e JOIN service_orders o ON o.id = e.order_id"
                                " WHERE o.number = $1 AND e.event = 'escalate' AND e.payload ->> 'trigger' = 'part_overdue'",
                          number), ==, 1);
}

/* A new peer shop with its details, in the same step as sending it there. */
static void
test_outsource_new_peer (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = make_order (conn, "inspecting", "服务器", "Inspur NF5280M5");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad = NULL;
  WxTransitionResult result = { 0 };
  WxInspectionInput in = { .outsource = TRUE, .fault_analysis = "主板 BMC 芯片故障，本店无 BGA 设备",
                           .peer_name = "广州市番禺区精工主板维修", .peer_address = "广州市番禺区市桥街 12 号",
                           .peer_phone = "12", .peer_contact = "梁工" };

  set_role (conn, ENGINEER);
  g_assert_false (wx_db_inspection_save (conn, number, -1, &in, NULL, &bad));
  g_assert_error (bad, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  in.peer_phone = "020-84821234";
  g_assert_true (wx_db_inspection_save (conn, number, -1, &in, &result, &error));
  g_assert_no_error (error);
  set_role (conn, NULL);
  g_assert_cmpint (result.state, ==, WX_ORDER_STATE_OUTSOURCED);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM service_orders o JOIN suppliers s ON s.id = o.peer_id"
                                " JOIN outsourcing x ON x.order_id = o.id AND x.peer_id = s.id"
                                " WHERE o.number = $1 AND s.kind = 'peer_shop' AND s.contact = '梁工'"
                                "   AND s.phone = '020-84821234'", number), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) fixed = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("records", TRUE);
  conn = wx_test_db_connect (conninfo);
  fixed = wx_test_fixed_now ();
  if (!wx_db_demo_load (conn, 60, fixed, &error))
    g_error ("demo data: %s", error->message);

  g_test_add_func ("/records/inspect-quote-repair", test_inspect_quote_repair);
  g_test_add_func ("/records/unused-parts-returned", test_unused_parts_returned);
  g_test_add_func ("/records/ok-needs-record", test_ok_needs_record);
  g_test_add_func ("/records/stock-shortage", test_stock_shortage);
  g_test_add_func ("/records/categories-identical", test_categories_identical);
  g_test_add_func ("/records/every-test-of-the-category", test_every_test_of_the_category);
  g_test_add_func ("/records/version-conflict", test_version_conflict);
  g_test_add_func ("/records/part-order-and-arrival", test_part_order_and_arrival);
  g_test_add_func ("/records/overdue-part-escalates", test_overdue_part_escalates);
  g_test_add_func ("/records/outsource-new-peer", test_outsource_new_peer);
  return g_test_run ();
}

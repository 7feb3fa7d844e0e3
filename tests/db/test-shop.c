/* The shop's records (issue 14; data/sql/functions/shop.sql, stock.sql)
 * through the typed calls of src/db/wx-db-shop.h, each as a real staff
 * login (SET SESSION AUTHORIZATION): suppliers kept by the front desk and
 * the supervisor, the parts catalogue and stocktakes by the supervisor,
 * receiving and reserving stock, editing and merging customers, machines by
 * serial with the warranty from the purchase date. Every change leaves a
 * record_events row; every refusal is a sentence and writes nothing. */
#include <unistd.h>

#include <libpq-fe.h>

#include "db/wx-db.h"
#include "db/wx-db-error.h"
#include "db/wx-db-lookup.h"
#include "db/wx-db-shop.h"
#include <glib/gstdio.h>

#include "wx-test-admin.h"
#include "wx-test-db.h"

static char *conninfo;
static char *coordinator, *engineer, *supervisor, *admin;
static char *order1;    /* the fixture's order */

static void
as_login (PGconn *conn, const char *login)
{
  g_autofree char *sql = login ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", login)
                               : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

/* Everything these functions may write, as one text. */
static char *
checksum (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT concat_ws('/',"
    " (SELECT md5(coalesce(string_agg(to_jsonb(s)::text, ',' ORDER BY id), '')) FROM suppliers s),"
    " (SELECT md5(coalesce(string_agg(to_jsonb(p)::text, ',' ORDER BY id), '')) FROM parts p),"
    " (SELECT md5(coalesce(string_agg(to_jsonb(c)::text, ',' ORDER BY id), '')) FROM customers c),"
    " (SELECT md5(coalesce(string_agg(to_jsonb(d)::text, ',' ORDER BY id), '')) FROM devices d),"
    " (SELECT count(*) FROM stock_movements), (SELECT count(*) FROM stock_reservations),"
    " (SELECT count(*) FROM record_events), (SELECT sum(customer_id) FROM service_orders))");
}

static JsonObject *
object (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* Saving `json` for `kind` as `login` is refused with `sentence` (part of
 * it) and changes nothing. */
static void
assert_refused (PGconn *conn, const char *login, WxDbRecordKind kind, gint64 id, int version,
                const char *json, const char *sentence)
{
  g_autoptr(JsonObject) changes = object (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = checksum (conn);
  g_autofree char *after = NULL;

  as_login (conn, login);
  g_assert_cmpint (wx_db_record_save (conn, kind, id, version, changes, NULL, &error), ==, 0);
  as_login (conn, NULL);
  g_assert_nonnull (error);
  g_test_message ("%s → %s", json, error->message);
  g_assert_nonnull (strstr (error->message, sentence));
  after = checksum (conn);
  g_assert_cmpstr (before, ==, after);
}

static gint64
save (PGconn *conn, const char *login, WxDbRecordKind kind, gint64 id, int version, const char *json)
{
  g_autoptr(JsonObject) changes = object (json);
  g_autoptr(GError) error = NULL;
  gint64 saved;

  as_login (conn, login);
  saved = wx_db_record_save (conn, kind, id, version, changes, NULL, &error);
  as_login (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);
  return saved;
}

static void
test_suppliers (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 id;
  g_autofree char *event = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *active = NULL;

  /* The front desk adds one on a fresh install; the supervisor edits it. */
  id = save (conn, coordinator, WX_DB_RECORD_SUPPLIER, 0, 0,
             "{\"name\": \"广州惠普配件中心\", \"phone\": \"020-38881234\", \"payment_terms\": \"monthly\","
             " \"supplies\": \"定影组件, 搓纸轮\"}");
  save (conn, supervisor, WX_DB_RECORD_SUPPLIER, id, 1, "{\"contact\": \"黄经理\"}");
  save (conn, coordinator, WX_DB_RECORD_SUPPLIER, id, 2, "{\"active\": false}");
  active = wx_test_db_value (conn, "SELECT active FROM suppliers WHERE name = '广州惠普配件中心'");
  g_assert_cmpstr (active, ==, "f");
  event = wx_test_db_value (conn, "SELECT string_agg(event, ',' ORDER BY id) FROM record_events WHERE record = 'supplier'");
  g_assert_cmpstr (event, ==, "create,edit,deactivate");
  actor = wx_test_db_value (conn, "SELECT actor FROM record_events WHERE record = 'supplier' AND event = 'edit'");
  g_assert_cmpstr (actor, ==, supervisor);

  assert_refused (conn, engineer, WX_DB_RECORD_SUPPLIER, 0, 0, "{\"name\": \"某公司\"}",
                  "cannot change the supplier list");
  /* Same name once trimmed and folded from full width. */
  assert_refused (conn, coordinator, WX_DB_RECORD_SUPPLIER, 0, 0, "{\"name\": \" 广州惠普配件中心　\"}",
                  "is already on the list");
  assert_refused (conn, coordinator, WX_DB_RECORD_SUPPLIER, 0, 0, "{\"name\": \"某公司\", \"phone\": \"12\"}",
                  "");
  assert_refused (conn, coordinator, WX_DB_RECORD_SUPPLIER, id, 2, "{\"contact\": \"老版本\"}",
                  "changed this record meanwhile");
  assert_refused (conn, coordinator, WX_DB_RECORD_SUPPLIER, 0, 0, "{\"name\": \"某公司\", \"payment_terms\": \"cod\"}",
                  "Unknown payment terms");
}

static void
test_parts_and_stock (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stock = NULL;
  g_autofree char *available = NULL;
  g_autofree char *moves = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 supplier, part;
  int diff = 0;

  supplier = save (conn, supervisor, WX_DB_RECORD_SUPPLIER, 0, 0, "{\"name\": \"深圳同行配件\"}");
  sid = g_strdup_printf ("%" G_GINT64_FORMAT, supplier);
  json = g_strdup_printf ("{\"part_number\": \"RM1-6319\", \"name\": \"搓纸轮\", \"unit_price\": 3500,"
                          " \"cost\": 1200, \"min_stock\": 2, \"bin_location\": \"A-03\", \"supplier_id\": %s}", sid);
  part = save (conn, supervisor, WX_DB_RECORD_PART, 0, 0, json);

  assert_refused (conn, coordinator, WX_DB_RECORD_PART, 0, 0, "{\"part_number\": \"X-1\", \"name\": \"x\"}",
                  "it is the supervisor's");
  assert_refused (conn, supervisor, WX_DB_RECORD_PART, 0, 0, "{\"part_number\": \"rm1-6319\", \"name\": \"x\"}",
                  "“rm1-6319” is already in the catalogue");
  assert_refused (conn, supervisor, WX_DB_RECORD_PART, 0, 0,
                  "{\"part_number\": \"X-2\", \"name\": \"x\", \"unit_price\": -500}", "¥-5.00");
  assert_refused (conn, supervisor, WX_DB_RECORD_PART, 0, 0, "{\"part_number\": \"X-3\"}",
                  "Please fill in “Name”");

  /* Receive 5 at ¥11 each, count 4 (one lost), reserve 3 for order 1. */
  as_login (conn, supervisor);
  g_assert_cmpint (wx_db_stock_receive (conn, part, 5, 0, 1100, NULL, "首批", &error), ==, 5);
  g_assert_no_error (error);
  g_assert_true (wx_db_stock_count (conn, part, 4, "盘点少一个", &diff, &error));
  g_assert_no_error (error);
  g_assert_cmpint (diff, ==, -1);
  g_assert_true (wx_db_stock_reserve (conn, part, order1, 3, &error));
  g_assert_no_error (error);
  as_login (conn, NULL);
  stock = wx_test_db_value (conn, "SELECT stock || '/' || cost || '/' || wx_part_available(id) FROM parts WHERE part_number = 'RM1-6319'");
  g_assert_cmpstr (stock, ==, "4/1100/1");
  moves = wx_test_db_value (conn, "SELECT string_agg(m.kind || m.quantity || coalesce(':' || m.supplier_id, ''), ',' ORDER BY m.id)"
                                  "  FROM stock_movements m JOIN parts p ON p.id = m.part_id WHERE p.part_number = 'RM1-6319'");
  g_free (json);
  json = g_strdup_printf ("receive5:%s,adjust-1", sid);
  g_assert_cmpstr (moves, ==, json);

  before = checksum (conn);
  as_login (conn, supervisor);
  /* Two more for another order: only one is free. */
  g_assert_false (wx_db_stock_reserve (conn, part, order1, 2, &error));
  g_assert_nonnull (strstr (error->message, "Only 1 of “搓纸轮” (RM1-6319)"));
  g_clear_error (&error);
  g_assert_false (wx_db_stock_count (conn, part, -1, "x", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“-1” is not possible"));
  g_clear_error (&error);
  g_assert_false (wx_db_stock_count (conn, part, 9, "  ", NULL, &error));
  g_assert_nonnull (strstr (error->message, "Write why the count of RM1-6319 differs"));
  g_clear_error (&error);
  g_assert_cmpint (wx_db_stock_receive (conn, part, 0, 0, -1, NULL, NULL, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "from 1 to 100000"));
  g_clear_error (&error);
  as_login (conn, engineer);
  /* An engineer receives only for an order of their own. */
  g_assert_cmpint (wx_db_stock_receive (conn, part, 1, 0, -1, NULL, NULL, &error), ==, -1);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (wx_db_stock_receive (conn, part, 1, 0, -1, order1, NULL, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "not assigned to you"));
  g_clear_error (&error);
  g_assert_false (wx_db_stock_count (conn, part, 4, "x", NULL, &error));
  g_assert_nonnull (strstr (error->message, "stocktake is the supervisor's"));
  g_clear_error (&error);
  as_login (conn, NULL);
  after = checksum (conn);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM record_events WHERE record = 'stock'"), ==, 3);
}

static void
test_customers (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *sql = NULL;
  gint64 a, b;
  int orders = 0;
  gboolean warned = FALSE;

  a = save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0,
            "{\"unit_name\": \"广州市天河区人民法院\", \"mobile\": \"13900001111\"}");
  /* The same unit typed with a full-width space: the list warns. */
  b = save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0,
            "{\"unit_name\": \"广州市天河区　人民法院\", \"phone\": \"020-85551234\"}");
  list = wx_db_records_load (conn, WX_DB_RECORD_CUSTOMER, "人民法院", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      WxDbRecord *r = g_ptr_array_index (list, i);
      warned |= r->id == b && r->duplicate_of != NULL;
    }
  g_assert_true (warned);
  /* A full-width space around a name is white space like any other: the
   * name is kept trimmed (wx_trim). */
  {
    g_autofree char *trimmed = NULL;
    g_autofree char *stored = NULL;

    save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0,
          "{\"unit_name\": \"\u3000广州市越秀区图书馆\u3000\", \"phone\": \"020-83331234\"}");
    trimmed = wx_test_db_value (conn, "SELECT wx_trim(E'\\u3000 广州 \\u3000')");
    g_assert_cmpstr (trimmed, ==, "广州");
    stored = wx_test_db_value (conn, "SELECT unit_name FROM customers WHERE unit_name LIKE '%越秀区图书馆%'");
    g_assert_cmpstr (stored, ==, "广州市越秀区图书馆");
  }

  save (conn, supervisor, WX_DB_RECORD_CUSTOMER, a, 1, "{\"contact_person\": \"赵书记员\", \"mobile\": \"\"}");
  fields = wx_test_db_value (conn, "SELECT payload::text FROM record_events WHERE record = 'customer' AND event = 'edit'");
  g_assert_nonnull (strstr (fields, "\"mobile\": {\"new\": null, \"old\": \"13900001111\"}"));
  g_assert_nonnull (strstr (fields, "\"contact_person\": {\"new\": \"赵书记员\", \"old\": \"\"}"));

  assert_refused (conn, engineer, WX_DB_RECORD_CUSTOMER, a, 2, "{\"city\": \"广州\"}", "cannot change customers");
  assert_refused (conn, coordinator, WX_DB_RECORD_CUSTOMER, a, 2, "{\"unit_name\": \"  \"}", "Please fill in “Unit name”");
  assert_refused (conn, coordinator, WX_DB_RECORD_CUSTOMER, a, 2, "{\"email\": \"a@b\"}", "");
  assert_refused (conn, coordinator, WX_DB_RECORD_CUSTOMER, a, 2, "{\"owner\": \"x\"}", "The form has no field “owner”");

  /* The fixture's customer 1 (its order, a contract, a complaint) merges into b. */
  as_login (conn, coordinator);
  g_assert_false (wx_db_customer_merge (conn, b, b, NULL, &error));
  g_assert_nonnull (strstr (error->message, "cannot be merged into itself"));
  g_clear_error (&error);
  g_assert_true (wx_db_customer_merge (conn, 1, b, &orders, &error));
  g_assert_no_error (error);
  as_login (conn, NULL);
  g_assert_cmpint (orders, ==, 1);
  sql = g_strdup_printf (
      "SELECT concat_ws(',', (SELECT customer_id FROM service_orders WHERE id = 1),"
      " (SELECT customer_id FROM contracts WHERE id = 1), (SELECT customer_id FROM complaints WHERE id = 1),"
      " (SELECT count(*) FROM customers WHERE id = 1)) = '%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",0'",
      b, b, b);
  moved = wx_test_db_value (conn, sql);
  g_assert_cmpstr (moved, ==, "t");
  merged = wx_test_db_value (conn, "SELECT payload ->> 'orders' FROM record_events WHERE event = 'merge'");
  g_free (sql);
  sql = g_strdup_printf ("[\"%s\"]", order1);
  g_assert_cmpstr (merged, ==, sql);
}

static void
test_devices (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *expires = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  gint64 c, d, again;

  wx_test_db_exec (conn, "INSERT INTO settings (key, value) VALUES ('warranty.months.laptop', '24')");
  c = save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0, "{\"unit_name\": \"华南理工大学\", \"mobile\": \"13700002222\"}");
  json = g_strdup_printf ("{\"customer_id\": %" G_GINT64_FORMAT ", \"category\": \"laptop\", \"brand\": \"Lenovo\","
                          " \"model\": \"ThinkPad T14\", \"serial\": \"PF3ABCDE\", \"asset_number\": \"ZC-2026-0042\","
                          " \"purchase_date\": \"2026-01-10\", \"warranty_evidence\": \"invoice\"}", c);
  d = save (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, json);
  sql = g_strdup_printf ("SELECT warranty_expires FROM devices WHERE id = %" G_GINT64_FORMAT, d);
  expires = wx_test_db_value (conn, sql);
  g_assert_cmpstr (expires, ==, "2028-01-10");

  /* Known by its serial: the same serial in lower case is the same machine. */
  again = save (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, "{\"serial\": \"pf3abcde\", \"model\": \"ThinkPad T14 Gen 3\"}");
  g_assert_cmpint (again, ==, d);

  /* The fixture's serial belongs to customer 1's successor: asked to move. */
  g_free (json);
  json = g_strdup_printf ("{\"customer_id\": %" G_GINT64_FORMAT ", \"serial\": \"CNB3K12345\"}", c);
  assert_refused (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, json, "belongs to another customer's machine");
  g_free (json);
  json = g_strdup_printf ("{\"customer_id\": %" G_GINT64_FORMAT ", \"serial\": \"CNB3K12345\", \"move\": true}", c);
  save (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, json);
  owner = wx_test_db_value (conn, "SELECT customer_id = (SELECT id FROM customers WHERE unit_name = '华南理工大学')"
                                  "  FROM devices WHERE serial = 'CNB3K12345'");
  g_assert_cmpstr (owner, ==, "t");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM record_events WHERE record = 'device' AND event = 'move'"), ==, 1);

  g_free (json);
  json = g_strdup_printf ("{\"customer_id\": %" G_GINT64_FORMAT ", \"serial\": \"NEW1\", \"purchase_date\": \"2099-01-01\"}", c);
  assert_refused (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, json, "The purchase date 2099-01-01 lies in the future");
  g_free (json);
  json = g_strdup_printf ("{\"customer_id\": %" G_GINT64_FORMAT ", \"purchase_date\": \"2026-02-30\"}", c);
  assert_refused (conn, coordinator, WX_DB_RECORD_DEVICE, 0, 0, json, "“2026-02-30” is not a date");
  assert_refused (conn, engineer, WX_DB_RECORD_DEVICE, d, 2, "{\"brand\": \"HP\"}", "cannot change the machines' records");
}

/* Intake keeps the paper form's other boxes and finds or adds the machine
 * by its serial. */
static void
test_intake_boxes (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *order = NULL;
  g_autofree char *machines = NULL;
  g_autofree char *state = NULL;
  const char *form =
    "SELECT order_number FROM wx_intake('{\"kind\": \"carry_in\", \"unit\": \"广州市第六中学\","
    " \"phone\": \"13800138000\", \"product\": \"激光打印机\", \"model\": \"LaserJet P1108\","
    " \"serial\": \"VNC3K09999\", \"fault\": \"卡纸\", \"fax\": \"020-87581481\","
    " \"end_user_phone\": \"13900001111\", \"floor_department\": \"3 楼 财务处\","
    " \"asset_number\": \"GD-0042\", \"purchase_date\": \"2026-05-01\"}')";
  const char *future =
    "SELECT wx_intake('{\"kind\": \"carry_in\", \"unit\": \"广州市第六中学\", \"phone\": \"13800138000\","
    " \"product\": \"激光打印机\", \"model\": \"P1108\", \"fault\": \"卡纸\", \"purchase_date\": \"2099-05-01\"}')";

  as_login (conn, coordinator);
  order = wx_test_db_value (conn, form);
  g_free (order);
  order = wx_test_db_value (conn, form);
  state = wx_test_db_sqlstate (conn, future, 0, NULL);
  as_login (conn, NULL);
  g_assert_cmpstr (state, ==, "WX400");
  machines = wx_test_db_value (conn,
    "SELECT string_agg(concat_ws('/', o.contact_fax, o.end_user_phone, o.floor_department, o.asset_number,"
    "                            d.category, d.warranty_expires), ',')"
    "  FROM service_orders o JOIN devices d ON d.id = o.device_id WHERE o.serial = 'VNC3K09999'");
  /* Two orders, one machine: the second intake found it by its serial. */
  g_assert_cmpstr (machines, ==, "020-87581481/13900001111/3 楼 财务处/GD-0042/laser_printer/2027-05-01,"
                                 "020-87581481/13900001111/3 楼 财务处/GD-0042/laser_printer/2027-05-01");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM devices WHERE serial = 'VNC3K09999'"), ==, 1);
}

/* weixiu-admin part export FILE.xlsx: the catalogue as a workbook a real
 * reader opens, English headers (the CLI runs in English), the cost in
 * yuan; a file that is not .xlsx is refused. */
static void
test_export_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wx-shop-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "parts.xlsx", NULL);
  g_autofree char *rows = NULL;
  g_auto(WxTestRun) r = { 0 };
  g_auto(WxTestRun) bad = { 0 };
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  wx_test_admin (&r, NULL, NULL, "--db", conninfo, "part", "export", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  rows = wx_test_read_xlsx (path);
  g_test_message ("%s", rows);
  g_assert_true (g_str_has_prefix (rows, "Part number|Name|"));
  g_assert_cmpuint (wx_test_count_lines (rows), ==,
                    1 + (guint) wx_test_db_count (conn, "SELECT count(*) FROM parts"));
  wx_test_admin (&bad, NULL, NULL, "--db", conninfo, "part", "export", "parts.csv", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_unlink (path);
  g_rmdir (dir);
}

/* weixiu-admin customer import FILE.xlsx [--dry-run], from a file openpyxl
 * wrote: the dry run writes nothing; a file with a bad row is refused
 * whole with the row's sentence; the good file is imported. */
static void
test_import_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wx-shop-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.xlsx", NULL);
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_auto(WxTestRun) dry = { 0 };
  g_auto(WxTestRun) refused = { 0 };
  g_auto(WxTestRun) done = { 0 };
  gint64 before = wx_test_db_count (conn, "SELECT count(*) FROM customers");

  wx_test_write_xlsx (good, "[['Unit name', 'Contact person', 'Mobile'],"
                            " ['广州市荔湾区图书馆', '何馆长', '13711112222'],"
                            " ['广州市荔湾区少年宫', '', '020-81112222']]");
  wx_test_write_xlsx (bad, "[['单位名称', '手机'], ['广州市荔湾区文化馆', '13711113333'], ['', '13711114444']]");
  wx_test_admin (&dry, NULL, NULL, "--db", conninfo, "customer", "import", good, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "2 rows would be imported"));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers"), ==, before);
  wx_test_admin (&refused, NULL, NULL, "--db", conninfo, "customer", "import", bad, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_test_message ("%s", refused.err);
  g_assert_nonnull (strstr (refused.err, "Row 3: "));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers"), ==, before);
  wx_test_admin (&done, NULL, NULL, "--db", conninfo, "customer", "import", good, NULL);
  g_assert_cmpint (done.status, ==, 0);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers"), ==, before + 2);

  /* CSV as Excel on Chinese Windows saves it (GB18030), and UTF-8 with a
   * BOM, a quoted field with a comma and a quote in it */
  {
    g_autofree char *gb = g_build_filename (dir, "gb.csv", NULL);
    g_autofree char *bom = g_build_filename (dir, "bom.csv", NULL);
    g_autofree char *stored = NULL;
    const char *argv[] = { "/usr/bin/python3", "-c",
      "import sys\n"
      "open(sys.argv[1], 'w', encoding='gb18030', newline='').write('单位名称,联系人,手机\\r\\n广州市荔湾区文化宫,邓主任,13711115555\\r\\n')\n"
      "open(sys.argv[2], 'w', encoding='utf-8-sig', newline='').write("
      "'单位名称,地址,电话\\n\"广州市越秀区\"\"青年\"\"中心\",\"解放北路 1 号, 二楼\",020-83334444\\n')\n",
      gb, bom, NULL };
    g_auto(WxTestRun) csv1 = { 0 };
    g_auto(WxTestRun) csv2 = { 0 };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    wx_test_admin (&csv1, NULL, NULL, "--db", conninfo, "customer", "import", gb, NULL);
    g_assert_cmpint (csv1.status, ==, 0);
    wx_test_admin (&csv2, NULL, NULL, "--db", conninfo, "customer", "import", bom, NULL);
    g_assert_cmpint (csv2.status, ==, 0);
    stored = wx_test_db_value (conn, "SELECT string_agg(unit_name || '/' || contact_person || '/' || address, ',' ORDER BY id)"
                                     " FROM customers WHERE unit_name IN ('广州市荔湾区文化宫', '广州市越秀区\"青年\"中心')");
    g_assert_cmpstr (stored, ==, "广州市荔湾区文化宫/邓主任/,广州市越秀区\"青年\"中心//解放北路 1 号, 二楼");
    g_unlink (gb);
    g_unlink (bom);
  }
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* Whether searching `kind` for `term` lists a record whose line holds `label`. */
static gboolean
finds (PGconn *conn, WxDbRecordKind kind, const char *term, const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wx_db_records_load (conn, kind, term, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (strstr (((WxDbRecord *) g_ptr_array_index (list, i))->label, label))
      return TRUE;
  return FALSE;
}

/* Pinyin search (助记码): initials and full pinyin, every reading of a
 * polyphonic character (重庆 chongqing, 重新 chongxin and zhong…), Latin
 * letters kept, for customers, their contacts, suppliers and parts; an
 * edited name is found by its new pinyin. */
static void
test_pinyin (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *keys = NULL;
  gint64 id;

  save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0,
        "{\"unit_name\": \"广州惠普打印机专卖店\", \"contact_person\": \"欧阳明\", \"phone\": \"020-87770001\"}");
  save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0, "{\"unit_name\": \"重庆办事处\", \"phone\": \"023-61110002\"}");
  id = save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0,
             "{\"unit_name\": \"重新装修公司\", \"phone\": \"020-87770003\"}");
  save (conn, coordinator, WX_DB_RECORD_CUSTOMER, 0, 0, "{\"unit_name\": \"HP打印机维修部\", \"phone\": \"020-87770004\"}");
  save (conn, coordinator, WX_DB_RECORD_SUPPLIER, 0, 0,
        "{\"name\": \"深圳绿联科技\", \"phone\": \"0755-26660005\", \"kind\": \"supplier\"}");
  save (conn, supervisor, WX_DB_RECORD_PART, 0, 0, "{\"part_number\": \"PY-001\", \"name\": \"定影膜\"}");

  keys = wx_test_db_value (conn, "SELECT wx_pinyin_keys('重庆')");
  g_assert_cmpstr (keys, ==, "zq cq zhongqing chongqing");
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "gzhp", "广州惠普"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "guangzhouhuipu", "广州惠普"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "GZHP", "广州惠普"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "oym", "广州惠普"));        /* the contact 欧阳明 */
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "cq", "重庆办事处"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "chongqing", "重庆办事处"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "chongxin", "重新装修"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "zxzx", "重新装修"));
  g_assert_false (finds (conn, WX_DB_RECORD_CUSTOMER, "cq", "重新装修"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "hpdyj", "HP打印机维修部"));
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "hpdayinji", "HP打印机维修部"));
  g_assert_true (finds (conn, WX_DB_RECORD_SUPPLIER, "shenzhenlvlian", "深圳绿联"));   /* 绿 lü as v */
  g_assert_true (finds (conn, WX_DB_RECORD_SUPPLIER, "szll", "深圳绿联"));
  g_assert_true (finds (conn, WX_DB_RECORD_PART, "dym", "定影膜"));
  g_assert_false (finds (conn, WX_DB_RECORD_CUSTOMER, "xyz", "广州惠普"));
  /* the intake's customer lookup too */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hits = wx_db_customers_lookup (conn, "gzhp", 6, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((WxCustomerHit *) g_ptr_array_index (hits, 0))->name, ==, "广州惠普打印机专卖店");
  }
  /* renamed: found by the new name's pinyin, not the old */
  save (conn, coordinator, WX_DB_RECORD_CUSTOMER, id, 1, "{\"unit_name\": \"新城装修公司\"}");
  g_assert_true (finds (conn, WX_DB_RECORD_CUSTOMER, "xczx", "新城装修"));
  g_assert_false (finds (conn, WX_DB_RECORD_CUSTOMER, "chongxin", "新城装修"));
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  struct { char **login; const char *name; const char *group; } staff[] = {
    { &coordinator, "sh_coord", "wx_coordinator" },
    { &engineer,    "sh_eng",   "wx_engineer" },
    { &supervisor,  "sh_sup",   "wx_supervisor" },
    { &admin,       "sh_admin", "wx_admin" },
  };

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("shop", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  order1 = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE id = 1");
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      const char *params[] = { NULL, staff[i].name, staff[i].group };

      *staff[i].login = g_strdup_printf ("%s_%d", staff[i].name, (int) getpid ());
      params[0] = *staff[i].login;
      g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY[$3])", 3, params, &error));
      g_assert_no_error (error);
    }

  g_test_add_func ("/shop/suppliers", test_suppliers);
  g_test_add_func ("/shop/parts-and-stock", test_parts_and_stock);
  g_test_add_func ("/shop/customers", test_customers);
  g_test_add_func ("/shop/devices", test_devices);
  g_test_add_func ("/shop/intake-boxes", test_intake_boxes);
  g_test_add_func ("/shop/export-cli", test_export_cli);
  g_test_add_func ("/shop/import-cli", test_import_cli);
  g_test_add_func ("/shop/pinyin", test_pinyin);
  return g_test_run ();
}

/* NOTIFY reaches a second connection; text round-trips verbatim. */
#include <sys/select.h>

#include <json-glib/json-glib.h>

#include "db/wx-db.h"
#include "wx-test-db.h"

static char *conninfo;

/* Waits (at most `seconds`) for one notification on `conn`. */
static PGnotify *
wait_notify (PGconn *conn, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      PGnotify *n;
      fd_set fds;
      struct timeval tv = { 0, 200000 };

      PQconsumeInput (conn);
      if ((n = PQnotifies (conn)) != NULL)
        return n;
      FD_ZERO (&fds);
      FD_SET (PQsocket (conn), &fds);
      select (PQsocket (conn) + 1, &fds, NULL, NULL, &tv);
    }
  return NULL;
}

static void
test_notify_on_change (void)
{
  g_autoptr(PGconn) writer = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) listener = wx_test_db_connect (conninfo);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  PGnotify *n;
  JsonObject *obj;

  wx_test_db_exec (listener, "LISTEN wx_orders");
  wx_test_db_exec (writer, "UPDATE service_orders SET remarks = '返修' WHERE id = 1");
  version = wx_test_db_value (writer, "SELECT version FROM service_orders WHERE id = 1");

  n = wait_notify (listener, 10);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->relname, ==, "wx_orders");
  json_parser_load_from_data (parser, n->extra, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "op"), ==, "update");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "orders")), ==, 1);
  obj = json_array_get_object_element (json_object_get_array_member (obj, "orders"), 0);
  g_assert_cmpint (json_object_get_int_member (obj, "id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, g_ascii_strtoll (version, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (obj, "state"), ==, "received");
  g_assert_cmpint (n->be_pid, ==, PQbackendPID (writer));
  PQfreemem (n);

  /* A rolled-back change announces nothing. */
  wx_test_db_exec (writer, "BEGIN; UPDATE service_orders SET remarks = 'x' WHERE id = 1; ROLLBACK");
  g_assert_null (wait_notify (listener, 1));
}

/* A statement over many orders announces every one of them, 80 to a
 * notification (payloads must stay under 8000 bytes). */
static void
test_notify_many (void)
{
  g_autoptr(PGconn) writer = wx_test_db_connect (conninfo);
  g_autoptr(PGconn) listener = wx_test_db_connect (conninfo);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = g_new0 (gint64, 200);
  guint n_notifications = 0;
  PGnotify *n;

  wx_test_db_exec (listener, "LISTEN wx_orders");
  wx_test_db_exec (writer,
      "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name)"
      " SELECT 'sale', 'received', 1, '批量单位', '13812345678', '硒鼓 ' || g FROM generate_series(1, 200) g");
  while ((n = wait_notify (listener, n_notifications == 0 ? 10 : 1)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *obj;
      JsonArray *orders;

      g_assert_cmpuint (strlen (n->extra), <, 8000);
      json_parser_load_from_data (parser, n->extra, -1, &error);
      g_assert_no_error (error);
      obj = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (obj, "op"), ==, "insert");
      orders = json_object_get_array_member (obj, "orders");
      for (guint i = 0; i < json_array_get_length (orders); i++)
        {
          gint64 *id = &ids[g_hash_table_size (seen)];
          *id = json_object_get_int_member (json_array_get_object_element (orders, i), "id");
          g_hash_table_add (seen, id);
        }
      n_notifications++;
      PQfreemem (n);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 200);
  g_assert_cmpuint (n_notifications, ==, 3);
}

static void
test_version_bumps (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  gint64 v1 = wx_test_db_count (conn, "SELECT version FROM service_orders WHERE id = 1");
  gint64 v2;
  g_autofree char *by = NULL;

  wx_test_db_exec (conn, "UPDATE service_orders SET remarks = '保修' WHERE id = 1");
  v2 = wx_test_db_count (conn, "SELECT version FROM service_orders WHERE id = 1");
  g_assert_cmpint (v2, ==, v1 + 1);
  by = wx_test_db_value (conn, "SELECT updated_by = current_user FROM service_orders WHERE id = 1");
  g_assert_cmpstr (by, ==, "t");
  /* A write that expects the old version changes nothing. */
  g_assert_cmpint (wx_test_db_count (conn, "WITH u AS (UPDATE service_orders SET remarks = 'late' WHERE id = 1 AND version = 1 RETURNING 1) SELECT count(*) FROM u"), ==, 0);
}

static void
test_text_round_trip (void)
{
  static const char *values[] = {
    "'); DROP TABLE service_orders; --",
    "Robert'); DELETE FROM order_events; --",
    "惠维科技有限公司 🖨️💻🔧 \\ backslash \"quote\" \t tab",
    "第一行\n第二行\r\n第三行",
    "𠀀𪚥 (CJK extension B) and 😀",
  };
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *params[1] = { values[i] };
      g_autofree char *id = wx_db_query_value (conn,
          "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault)"
          " VALUES ('carry_in', 'received', 1, '测试单位', '13812345678', '笔记本', 'T14', $1) RETURNING id",
          1, params, &error);
      const char *id_param[1] = { id };
      g_autofree char *back = NULL;

      g_assert_no_error (error);
      back = wx_db_query_value (conn, "SELECT reported_fault FROM service_orders WHERE id = $1", 1, id_param, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (back, ==, values[i]);
    }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), >=, G_N_ELEMENTS (values) + 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'service_orders'"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("live", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  g_test_add_func ("/db/live/notify-on-change", test_notify_on_change);
  g_test_add_func ("/db/live/notify-many", test_notify_many);
  g_test_add_func ("/db/live/version-bumps", test_version_bumps);
  g_test_add_func ("/db/live/text-round-trip", test_text_round_trip);
  return g_test_run ();
}

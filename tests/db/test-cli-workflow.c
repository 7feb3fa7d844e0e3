/* The workflow commands of weixiu-admin end to end, exactly as a shell
 * script uses them: `order new`, `order transition`, `order show --json`,
 * `board folders|shelves --json` and `sla due`, with their exit codes and
 * one-sentence errors. Each test has a fresh database; the CLI connects as
 * the test server's superuser, who is a member of every role. */
#include <json-glib/json-glib.h>

#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

#define Run WxTestRun

#define HINT "Run “weixiu-admin --help” for the commands.\n"

static char *db;   /* the conninfo of the current test's database */

/* weixiu-admin --db DB ARGS… (NULL-terminated here). */
#define cli(r, ...) wx_test_admin ((r), NULL, NULL, "--db", db, __VA_ARGS__, NULL)

static void
new_db (const char *name)
{
  g_autoptr(PGconn) conn = NULL;

  g_free (db);
  db = wx_test_db_create (name, TRUE);
  /* The engineer the steps dispatch to: an active member of wx_engineer. */
  conn = wx_test_db_connect (db);
  wx_test_db_exec (conn, "SELECT wx_staff_ensure('cw_zhanggong', '张工', '{wx_engineer}')");
}

static PGconn *
fresh_db (const char *name)
{
  new_db (name);
  return wx_test_db_connect (db);
}

static GDateTime *
shop_now (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");

  return g_date_time_new_now (tz);
}

/* "2026-11-22 19:46": how the CLI prints a time. */
static char *
now_text (void)
{
  g_autoptr(GDateTime) now = shop_now ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

/* The n-th order number of this year in a fresh database: 2026-000001. */
static char *
order_number (guint n)
{
  g_autoptr(GDateTime) now = shop_now ();

  return g_strdup_printf ("%d-%06u", g_date_time_get_year (now), n);
}

/* ------------------------------------------------------------ outcomes */

static void
assert_success (const Run *r, const char *out)
{
  if (r->status != 0)
    g_error ("weixiu-admin exited with %d: %s", r->status, r->err);
  g_assert_cmpstr (r->err, ==, "");
  if (out)
    g_assert_cmpstr (r->out, ==, out);
}

/* Exit 1 with `sentence` alone on standard error. */
static void
assert_failure (const Run *r, const char *sentence)
{
  g_autofree char *err = g_strdup_printf ("weixiu-admin: %s\n", sentence);

  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_cmpstr (r->err, ==, err);
}

/* Exit 2 with `sentence` and the --help hint; NULL: any sentence. */
static void
assert_usage (const Run *r, const char *sentence)
{
  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "weixiu-admin: "));
  g_assert_true (g_str_has_suffix (r->err, "\n" HINT));
  g_assert_cmpuint (wx_test_count_lines (r->err), ==, 2);
  if (sentence)
    {
      g_autofree char *err = g_strdup_printf ("weixiu-admin: %s\n" HINT, sentence);
      g_assert_cmpstr (r->err, ==, err);
    }
}

/* ------------------------------------------------------------ JSON */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s):\n%s", error->message, text);
  return json_node_copy (json_parser_get_root (parser));
}

/* `order show NUMBER --json`, parsed. */
static JsonNode *
show (const char *number)
{
  g_auto(Run) r = { 0 };

  cli (&r, "order", "show", number, "--json");
  assert_success (&r, NULL);
  return parse_json (r.out);
}

static const char *
str (JsonObject *o, const char *member)
{
  g_assert_true (json_object_has_member (o, member));
  return json_object_get_string_member (o, member);   /* NULL for null */
}

static JsonArray *
array (JsonObject *o, const char *member)
{
  g_assert_true (json_object_has_member (o, member));
  return json_object_get_array_member (o, member);
}

/* The element of `a` whose `member` is `value`, or NULL. */
static JsonObject *
find (JsonArray *a, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      if (g_strcmp0 (str (o, member), value) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
last_event (JsonObject *order)
{
  JsonArray *events = array (order, "events");

  g_assert_cmpuint (json_array_get_length (events), >, 0);
  return json_array_get_object_element (events, json_array_get_length (events) - 1);
}

/* The strings of `a` joined with commas: "dispatch,reply". */
static char *
join_strings (JsonArray *a, const char *member)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      const char *v = member ? str (json_array_get_object_element (a, i), member)
                             : json_array_get_string_element (a, i);
      g_string_append_printf (s, "%s%s", i ? "," : "", v);
    }
  return g_strdup (s->str);
}

static void
assert_place (JsonObject *o, const char *state, const char *folder, const char *shelf, gint64 version)
{
  g_assert_cmpstr (str (o, "state"), ==, state);
  g_assert_cmpstr (str (o, "folder"), ==, folder);
  g_assert_cmpstr (str (o, "shelf"), ==, shelf);
  g_assert_cmpint (json_object_get_int_member (o, "version"), ==, version);
}

/* next[] lists the steps the workflow table allows from the order's state. */
static void
assert_next_steps (JsonObject *o)
{
  WxOrderKind kind;
  WxOrderState state;
  g_autoptr(GPtrArray) allowed = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *next = join_strings (array (o, "next"), NULL);

  g_assert_true (wx_order_kind_from_code (str (o, "kind"), &kind));
  g_assert_true (wx_workflow_state_from_code (str (o, "state"), &state));
  allowed = wx_workflow_available (kind, state);
  for (guint i = 0; i < allowed->len; i++)
    g_string_append_printf (expected, "%s%s", i ? "," : "",
                            ((const WxTransition *) g_ptr_array_index (allowed, i))->event);
  g_assert_cmpstr (next, ==, expected->str);
}

/* `sla due CLOCK --from FROM [--target]`: its one line, without the newline. */
static char *
sla_due (const char *clock, const char *from, gboolean target)
{
  g_auto(Run) r = { 0 };

  cli (&r, "sla", "due", clock, "--from", from, target ? "--target" : NULL);
  assert_success (&r, NULL);
  g_assert_cmpuint (wx_test_count_lines (r.out), ==, 1);
  return g_strndup (r.out, strlen (r.out) - 1);
}

/* A clock's limit and target are what `sla due` says for its start (for
 * clocks that start with the order, whose start is also the receipt). */
static void
assert_due_as_sla_says (const char *clock, const char *started, const char *due, const char *due_target)
{
  g_autofree char *limit = sla_due (clock, started, FALSE);
  g_autofree char *target = sla_due (clock, started, TRUE);

  g_assert_cmpstr (due, ==, limit);
  if (due_target)
    g_assert_cmpstr (due_target, ==, target);
}

/* ------------------------------------------------------------ steps */

typedef struct {
  const char *event;
  const char *data[5];   /* "key=value", at most five */
  const char *state;
  const char *label;
  const char *folder;
  const char *shelf;
} Step;

static void
transition (Run *r, const char *number, const char *event, const char *const data[5])
{
  /* The first NULL ends the arguments: steps without data stop at the event. */
  cli (r, "order", "transition", number, event,
       data[0] ? "--data" : NULL, data[0], data[1] ? "--data" : NULL, data[1],
       data[2] ? "--data" : NULL, data[2], data[3] ? "--data" : NULL, data[3],
       data[4] ? "--data" : NULL, data[4]);
}

static void
assert_payload (JsonObject *event, const char *const data[5])
{
  JsonObject *payload = json_object_get_object_member (event, "payload");
  guint n = 0;

  guint kept = 0;

  g_assert_nonnull (payload);
  for (; n < 5 && data[n]; n++)
    {
      g_auto(GStrv) kv = g_strsplit (data[n], "=", 2);

      /* The amount received is a payment row (in fen), not the event's. */
      if (g_str_equal (kv[0], "payment_amount"))
        {
          g_assert_false (json_object_has_member (payload, kv[0]));
          continue;
        }
      g_assert_cmpstr (str (payload, kv[0]), ==, kv[1]);
      kept++;
    }
  g_assert_cmpuint (json_object_get_size (payload), ==, kept);
}

/* Takes each step with the CLI; after each, `order show` has the step's
 * state, folder and shelf, a version one higher and one event more: the
 * step, from the state before to the new one, by the connecting role, with
 * the step's data (Chinese intact), at the time it was taken. */
static void
take_steps (PGconn *conn, const char *number, const Step *steps, guint n_steps)
{
  g_autofree char *me = wx_test_db_value (conn, "SELECT current_user");

  for (guint i = 0; i < n_steps; i++)
    {
      const Step *s = &steps[i];
      g_autoptr(JsonNode) before = show (number);
      g_autoptr(JsonNode) after = NULL;
      g_auto(Run) r = { 0 };
      JsonObject *b = json_node_get_object (before), *a, *e;
      gint64 version = json_object_get_int_member (b, "version");
      guint n_events = json_array_get_length (array (b, "events"));
      g_autofree char *out = g_strdup_printf ("%s: %s (version %" G_GINT64_FORMAT ")\n", number, s->label, version + 1);
      g_autofree char *t0 = now_text ();
      g_autofree char *t1 = NULL;

      transition (&r, number, s->event, s->data);
      t1 = now_text ();
      if (r.status != 0)
        g_error ("%s %s: exit %d: %s", number, s->event, r.status, r.err);
      assert_success (&r, out);
      after = show (number);
      a = json_node_get_object (after);
      assert_place (a, s->state, s->folder, s->shelf, version + 1);
      g_assert_cmpstr (str (a, "state_label"), ==, s->label);
      g_assert_cmpuint (json_array_get_length (array (a, "events")), ==, n_events + 1);
      e = last_event (a);
      g_assert_cmpstr (str (e, "event"), ==, s->event);
      g_assert_cmpstr (str (e, "from"), ==, str (b, "state"));
      g_assert_cmpstr (str (e, "to"), ==, s->state);
      g_assert_cmpstr (str (e, "by"), ==, me);
      g_assert_cmpstr (str (e, "at"), >=, t0);
      g_assert_cmpstr (str (e, "at"), <=, t1);
      assert_payload (e, s->data);
      assert_next_steps (a);
    }
}

/* `order new` with the given kind and machine; the rest of the form is
 * 广州大学's. Returns the number it printed. */
static char *
order_new (const char *kind, const char *model, const char *serial, const char *fault, const char *expected_err)
{
  g_auto(Run) r = { 0 };

  cli (&r, "order", "new", "--kind", kind, "--unit", "广州大学", "--contact", "李明", "--phone", "13812345678",
       "--address", "广州市番禺区大学城外环西路230号", "--product", "激光打印机", "--model", model,
       "--serial", serial, "--fault", fault);
  if (r.status != 0)
    g_error ("order new: exit %d: %s", r.status, r.err);
  g_assert_cmpstr (r.err, ==, expected_err ? expected_err : "");
  g_assert_cmpuint (wx_test_count_lines (r.out), ==, 1);
  return g_strndup (r.out, strlen (r.out) - 1);
}

static char *
order_column (PGconn *conn, const char *number, const char *expression)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM service_orders WHERE number = '%s'", expression, number);

  return wx_test_db_value (conn, sql);
}

static void
assert_column (PGconn *conn, const char *number, const char *expression, const char *expected)
{
  g_autofree char *value = order_column (conn, number, expression);

  g_assert_cmpstr (value, ==, expected);
}

/* ------------------------------------------------------------ 1. carry-in */

static const Step carry_in_to_inspected[] = {
  { "dispatch_inspection", { "engineer=cw_zhanggong" }, "inspecting", "Dispatched for inspection", "with_engineer", "bench" },
  { "inspect", { "fault_analysis=定影组件损坏，需更换" }, "inspected", "Inspected, to quote", "F2", "S2" },
};

static const Step carry_in_to_archived[] = {
  { "quote", { "quote_total=48000", "quote_method=phone" }, "quoted", "Quoted, awaiting decision", "F2", "S2" },
  { "agree", { "decision_contact=李明" }, "agreed", "Agreed, awaiting repair", "F2", "S3" },
  { "dispatch_repair", { NULL }, "repairing", "Dispatched for repair", "with_engineer", "bench" },
  { "repair_done", { "repair_notes=更换定影组件，清洁搓纸轮", "functional_tests=self_test,online_print,continuous_print" }, "repaired", "Repaired (OK)", "F3", "S4" },
  { "notify", { "answered_by=李明本人" }, "notified", "Customer notified", "F3", "S4" },
  { "pickup", { "accessories_checked=true", "payment_status=paid", "payment_amount=480", "payment_method=cash",
                "picked_up_by=李明" },
    "picked_up", "Picked up", "F4", "returned" },
  { "enter", { NULL }, "entered", "Entered", "F4", "returned" },
  { "review", { NULL }, "entered", "Entered", "F4", "returned" },
  { "reconcile", { NULL }, "reconciled", "Reconciled", "F5", "returned" },
  { "invoice", { NULL }, "archived", "Invoiced and archived", "none", "returned" },
};

static void
test_carry_in_lifecycle (void)
{
  g_autoptr(PGconn) conn = fresh_db ("cliwf_carry");
  g_autofree char *number = NULL;
  g_autofree char *expected_number = order_number (1);
  g_autofree char *t0 = now_text ();
  g_autofree char *id = NULL;
  g_autofree char *insert = NULL;

  {
    g_auto(Run) r = { 0 };
    g_autofree char *out = g_strdup_printf ("%s\n", expected_number);

    cli (&r, "order", "new", "--kind", "carry-in", "--unit", "广州大学", "--contact", "李明",
         "--phone", "13812345678", "--product", "激光打印机", "--model", "LaserJet Pro M404dn",
         "--serial", "CNB3K12345", "--fault", "卡纸", "--accessories", "电源线, 硒鼓", "--warranty", "out_of_warranty");
    assert_success (&r, out);
    number = g_strdup (expected_number);
  }
  /* What was typed is what was stored, Chinese included. */
  assert_column (conn, number, "unit_name || '|' || contact_person || '|' || contact_mobile || '|' || product_name"
                               " || '|' || model || '|' || serial || '|' || reported_fault || '|' || warranty_status",
                 "广州大学|李明|13812345678|激光打印机|LaserJet Pro M404dn|CNB3K12345|卡纸|out_of_warranty");
  assert_column (conn, number, "(SELECT string_agg(a.name, '|' ORDER BY a.position) FROM order_accessories a"
                               "  WHERE a.order_id = service_orders.id)", "电源线|硒鼓");
  {
    g_autoptr(JsonNode) node = show (number);
    JsonObject *o = json_node_get_object (node);
    JsonArray *clocks = array (o, "clocks");
    JsonObject *dispatch = find (clocks, "clock", "dispatch");
    JsonObject *received = last_event (o);
    g_autofree char *t1 = now_text ();
    g_autofree char *next = join_strings (array (o, "next"), NULL);
    g_autofree char *running = join_strings (clocks, "clock");

    g_assert_cmpstr (str (o, "number"), ==, number);
    g_assert_cmpstr (str (o, "kind"), ==, "carry_in");
    g_assert_cmpstr (str (o, "state_label"), ==, "Received");
    assert_place (o, "received", "F1", "S1", 1);
    g_assert_cmpuint (json_array_get_length (array (o, "escalations")), ==, 0);
    g_assert_cmpuint (json_array_get_length (array (o, "events")), ==, 1);
    g_assert_cmpstr (str (received, "event"), ==, "received");
    g_assert_null (str (received, "from"));
    g_assert_cmpstr (str (received, "to"), ==, "received");
    g_assert_cmpstr (str (received, "at"), >=, t0);
    g_assert_cmpstr (str (received, "at"), <=, t1);
    g_assert_cmpstr (next, ==, "dispatch_inspection,fix_at_desk,cancel,escalate,hand_over");
    /* The dispatch clock and the front desk's reply run from receipt; the
     * others wait. */
    g_assert_cmpstr (running, ==, "dispatch,front-reply");
    g_assert_cmpstr (str (dispatch, "status"), ==, "running");
    g_assert_cmpstr (str (dispatch, "started"), ==, str (received, "at"));
    g_assert_null (str (dispatch, "stopped"));
    g_assert_cmpint (json_object_get_int_member (dispatch, "minutes_left"), >, 0);
    g_assert_cmpint (json_object_get_int_member (dispatch, "minutes_left"), <=, 180);
    assert_due_as_sla_says ("dispatch", str (dispatch, "started"), str (dispatch, "due"), str (dispatch, "due_target"));
  }

  take_steps (conn, number, carry_in_to_inspected, G_N_ELEMENTS (carry_in_to_inspected));

  /* A quote needs its lines: refused, and nothing changes. */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) node = NULL;

    cli (&r, "order", "transition", number, "quote", "--data", "quote_total=48000", "--data", "quote_method=phone");
    assert_failure (&r, "Missing: the quote lines.");
    node = show (number);
    assert_place (json_node_get_object (node), "inspected", "F2", "S2", 3);
  }
  id = order_column (conn, number, "id");
  insert = g_strdup_printf ("INSERT INTO quote_lines (order_id, position, description, unit_price)"
                            " VALUES (%s, 1, '定影组件 RM2-5425', 48000)", id);
  wx_test_db_exec (conn, insert);

  take_steps (conn, number, carry_in_to_archived, G_N_ELEMENTS (carry_in_to_archived));

  /* Every clock of the carry-in was started and stopped in time. */
  {
    g_autoptr(JsonNode) node = show (number);
    JsonObject *o = json_node_get_object (node);
    JsonArray *clocks = array (o, "clocks");
    g_autofree char *names = join_strings (clocks, "clock");

    g_assert_cmpstr (names, ==, "dispatch,front-reply,reply,quote,decision,repair,notify,enter,review");
    for (guint i = 0; i < json_array_get_length (clocks); i++)
      {
        JsonObject *c = json_array_get_object_element (clocks, i);
        g_assert_cmpstr (str (c, "status"), ==, "met");
        g_assert_nonnull (str (c, "stopped"));
        g_assert_cmpstr (str (c, "stopped"), >=, str (c, "started"));
        g_assert_true (json_node_is_null (json_object_get_member (c, "minutes_left")));
      }
    g_assert_cmpuint (json_array_get_length (array (o, "events")), ==, 13);
    g_assert_cmpuint (json_array_get_length (array (o, "next")), ==, 0);
  }
  /* The steps' data landed in the order's columns. */
  assert_column (conn, number,
                 "engineer || '|' || fault_analysis || '|' || quote_total || '|' || quote_method || '|' || decision"
                 " || '|' || decision_contact || '|' || repair_notes || '|' || accessories_checked || '|' || payment_status"
                 " || '|' || picked_up_by || '|' || (reviewed_at IS NOT NULL) || '|' || (invoiced_at IS NOT NULL)",
                 "cw_zhanggong|定影组件损坏，需更换|48000|phone|agree|李明|更换定影组件，清洁搓纸轮|true|paid|李明|true|true");
  /* Paid means the ¥480 due was received, recorded by the step. */
  assert_column (conn, number, "(SELECT sum(p.amount) || '|' || min(p.method) FROM payments p WHERE p.order_id = service_orders.id)",
                 "48000|cash");
}

/* ------------------------------------------------------------ 2. on-site */

/* The visit: 10:00 on the next working day (Monday to Saturday as shipped),
 * set when the test starts — a booking is neither in the past nor outside
 * the opening hours. */
static char visit_day[11];
static char visit_data[64];

static Step on_site_steps[] = {
  { "dispatch_onsite", { "engineer=cw_zhanggong" }, "onsite_dispatched", "Dispatched on site", "with_engineer", "at_customer" },
  { "book_visit", { visit_data }, "appointment_booked", "Visit booked", "with_engineer", "at_customer" },
  { "arrive", { NULL }, "on_site", "Engineer on site", "with_engineer", "at_customer" },
  { "fix_on_site", { "repair_notes=更换电源，系统正常启动" }, "fixed_on_site", "Fixed on site", "F3", "at_customer" },
  { "accept", { "payment_status=on_account" }, "picked_up", "Picked up", "F4", "returned" },
  { "enter", { NULL }, "entered", "Entered", "F4", "returned" },
};

static void
test_on_site_lifecycle (void)
{
  g_autoptr(PGconn) conn = fresh_db ("cliwf_onsite");
  g_autofree char *number = NULL;
  g_autofree char *expected_visit = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, g_date_time_get_day_of_week (now) == 6 ? 2 : 1);
  g_autofree char *ymd = g_date_time_format (day, "%Y-%m-%d");

  g_strlcpy (visit_day, ymd, sizeof visit_day);
  g_snprintf (visit_data, sizeof visit_data, "appointment_at=%s 10:00+08", visit_day);
  expected_visit = g_strdup_printf ("%s 10:00|on_account|更换电源，系统正常启动|true|true", visit_day);

  {
    g_auto(Run) r = { 0 };
    g_autofree char *expected = order_number (1);
    g_autofree char *out = g_strdup_printf ("%s\n", expected);

    cli (&r, "order", "new", "--kind", "on-site", "--unit", "广州大学", "--contact", "李明", "--phone", "020-87581480",
         "--address", "广州市番禺区大学城外环西路230号", "--product", "台式电脑", "--model", "OptiPlex 7090",
         "--fault", "开机无反应");
    assert_success (&r, out);
    number = g_strdup (expected);
  }
  {
    g_autoptr(JsonNode) node = show (number);
    JsonObject *o = json_node_get_object (node);
    JsonObject *logged = last_event (o);
    g_autofree char *clocks = join_strings (array (o, "clocks"), "clock");
    g_autofree char *next = join_strings (array (o, "next"), NULL);

    g_assert_cmpstr (str (o, "kind"), ==, "on_site");
    g_assert_cmpstr (str (o, "state_label"), ==, "Call logged");
    assert_place (o, "call_logged", "F1", "at_customer", 1);
    g_assert_cmpstr (str (logged, "event"), ==, "call_logged");
    g_assert_cmpstr (clocks, ==, "dispatch,onsite-arrival");
    g_assert_cmpstr (next, ==, "dispatch_onsite,cancel,escalate,hand_over");
  }
  assert_column (conn, number, "unit_address || '|' || contact_phone || '|' || (contact_mobile IS NULL)",
                 "广州市番禺区大学城外环西路230号|020-87581480|true");

  take_steps (conn, number, on_site_steps, G_N_ELEMENTS (on_site_steps));

  assert_column (conn, number,
                 "to_char(appointment_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '|' || payment_status"
                 " || '|' || repair_notes || '|' || (picked_up_at IS NOT NULL) || '|' || (entered_at IS NOT NULL)",
                 expected_visit);
  {
    g_autoptr(JsonNode) node = show (number);
    JsonArray *clocks = array (json_node_get_object (node), "clocks");
    g_autofree char *names = join_strings (clocks, "clock");
    g_autofree char *statuses = join_strings (clocks, "status");

    /* Review waits for the supervisor; the rest were met. */
    g_assert_cmpstr (names, ==, "dispatch,onsite-contact,onsite-arrival,enter,review");
    g_assert_cmpstr (statuses, ==, "met,met,met,met,running");
  }
}

/* ------------------------------------------------------------ 3. refusals */

#define MAX_ARGS 16

typedef struct {
  const char *args[MAX_ARGS];   /* "@" stands for the order's number */
  int         status;           /* 1: refused, 2: a command line that makes no sense */
  const char *sentence;
} Refusal;

/* Each command is refused with its exit code and its one sentence. */
static void
assert_refusals (const Refusal *cases, guint n, const char *number)
{
  for (guint i = 0; i < n; i++)
    {
      g_auto(Run) r = { 0 };
      const char *a[MAX_ARGS];

      for (guint k = 0; k < MAX_ARGS; k++)
        a[k] = g_strcmp0 (cases[i].args[k], "@") == 0 ? number : cases[i].args[k];
      cli (&r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
      if (cases[i].status == 1 && cases[i].sentence == NULL)
        {
          /* a version conflict: who changed it, and when */
          g_assert_cmpint (r.status, ==, 1);
          g_assert_true (g_str_has_prefix (r.err, "weixiu-admin: Changed by "));
        }
      else if (cases[i].status == 1)
        assert_failure (&r, cases[i].sentence);
      else
        assert_usage (&r, cases[i].sentence);
    }
}

static const Refusal step_refusals[] = {
  { { "order", "transition", "@", "pickup", "--data", "accessories_checked=true", "--data", "payment_status=paid",
      "--data", "picked_up_by=李明" },
    1, "“Picked up and paid” is not allowed while the order is “Received”." },
  { { "order", "transition", "@", "invoice" }, 1, "“Invoiced and archived” is not allowed while the order is “Received”." },
  { { "order", "transition", "@", "dispatch_inspection" }, 1, "Missing: the engineer." },
  { { "order", "transition", "@", "dispatch_inspection", "--data", "engineer=   " }, 1, "Missing: the engineer." },
  { { "order", "transition", "@", "cancel", "--data", "reason=客户不修了" }, 1, "Missing: the reason for cancelling." },
  { { "order", "transition", "@", "frobnicate" }, 1, "“frobnicate” is not a step of the workflow." },
  { { "order", "transition", "2026-999999", "dispatch_inspection", "--data", "engineer=cw_zhanggong" },
    1, "There is no service order 2026-999999." },
  { { "order", "show", "2026-999999", "--json" }, 1, "There is no service order 2026-999999." },
  { { "order", "show", "2026-999999" }, 1, "There is no service order 2026-999999." },
  { { "order", "transition", "@", "dispatch_inspection", "--data", "engineer" },
    2, "--data takes KEY=VALUE, not “engineer”." },
  { { "order", "transition", "@", "dispatch_inspection", "--data", "=cw_zhanggong" },
    2, "--data takes KEY=VALUE, not “=cw_zhanggong”." },
  { { "order", "transition", "@" }, 2, "Use “order transition NUMBER EVENT [--data KEY=VALUE …]”." },
  { { "order", "show" }, 2, "Use “order show NUMBER [--json]”." },
  { { "order", "frobnicate" }, 2, "Use “order new …”, “order transition NUMBER EVENT”, “order amend NUMBER” or “order show NUMBER”." },
  /* The amend step: only what may still be corrected, at the version seen. */
  { { "order", "amend", "@" }, 2, "Use “order amend NUMBER --set FIELD=VALUE … [--version N]”." },
  { { "order", "amend", "@", "--set", "serial" }, 2, "--set takes FIELD=VALUE, not “serial”." },
  { { "order", "amend", "@", "--set", "serial=X", "--version", "0" }, 2,
    "--version takes the order's version, a whole number from 1." },
  { { "order", "amend", "@", "--set", "quote_total=1" }, 1,
    "“quote_total” cannot be corrected after intake; it changes only through the order's steps." },
  { { "order", "amend", "@", "--set", "contact_mobile=12345" }, 1,
    "“12345” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480." },
  { { "order", "amend", "@", "--set", "serial=CNB3K00002", "--version", "7" }, 1, NULL },
  { { "order", "amend", "2026-999999", "--set", "serial=X" }, 1, "There is no service order 2026-999999." },
};

#define INTAKE(kind, phone, fault) \
  { "order", "new", "--kind", kind, "--unit", "华南理工大学", "--contact", "王老师", "--phone", phone, \
    "--product", "激光打印机", "--model", "M404dn", "--fault", fault }

static const Refusal intake_refusals[] = {
  { INTAKE ("carry-in", "12345", "卡纸"), 2,
    "“12345” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480." },
  { INTAKE ("carry-in", "13812345678", ""), 2,
    "A carry-in order needs the product, the model or serial number, and the reported fault." },
  { INTAKE ("repair", "13812345678", "卡纸"), 2, "Give --kind carry-in, on-site or sale." },
  { INTAKE ("on-site", "13812345678", "卡纸"), 2, "An on-site order needs the unit's address and the reported fault." },
};

static void
assert_unchanged (const char *number, const char *state, gint64 version, guint n_events)
{
  g_autoptr(JsonNode) node = show (number);
  JsonObject *o = json_node_get_object (node);

  g_assert_cmpstr (str (o, "state"), ==, state);
  g_assert_cmpint (json_object_get_int_member (o, "version"), ==, version);
  g_assert_cmpuint (json_array_get_length (array (o, "events")), ==, n_events);
}

static void
test_refusals (void)
{
  g_autoptr(PGconn) conn = fresh_db ("cliwf_refuse");
  g_autofree char *number = order_new ("carry-in", "M404dn", "CNB3K00001", "卡纸", NULL);
  gint64 orders, customers;

  assert_refusals (step_refusals, G_N_ELEMENTS (step_refusals), number);
  assert_unchanged (number, "received", 1, 1);

  /* A role the step is not for: an engineer does not cancel. */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *as_engineer = wx_db_conninfo_with (db, "user", "cw_engineer");

    wx_test_db_exec (conn,
      "DO $$ BEGIN CREATE ROLE cw_engineer LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
      "GRANT wx_engineer TO cw_engineer");
    wx_test_admin (&r, NULL, NULL, "--db", as_engineer, "order", "transition", number, "cancel",
                   "--data", "cancel_reason=客户不修了", NULL);
    assert_failure (&r, "Your role cannot do “Cancel”; it is for the coordinator or supervisor.");
  }
  assert_unchanged (number, "received", 1, 1);

  /* Bad intake: exit 2, one sentence, nothing stored. */
  orders = wx_test_db_count (conn, "SELECT count(*) FROM service_orders");
  customers = wx_test_db_count (conn, "SELECT count(*) FROM customers");
  assert_refusals (intake_refusals, G_N_ELEMENTS (intake_refusals), NULL);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders"), ==, orders);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers"), ==, customers);

  /* The amend step: the serial read off the plate; saying it again changes nothing. */
  {
    g_auto(Run) r = { 0 };
    g_auto(Run) again = { 0 };
    g_autofree char *corrected = g_strdup_printf ("%s: corrected (version 2)\n", number);
    g_autofree char *unchanged = g_strdup_printf ("%s: nothing to correct (version 2)\n", number);
    g_autoptr(JsonNode) node = NULL;
    JsonObject *amend;

    cli (&r, "order", "amend", number, "--set", "serial=CNB3K00009", "--set", "asset_number=GZ-0042", "--version", "1");
    assert_success (&r, corrected);
    cli (&again, "order", "amend", number, "--set", "serial=CNB3K00009");
    assert_success (&again, unchanged);
    node = show (number);
    amend = json_array_get_object_element (array (json_node_get_object (node), "events"), 1);
    g_assert_cmpstr (str (amend, "event"), ==, "amend");
    g_assert_cmpstr (str (amend, "from"), ==, "received");
    g_assert_cmpstr (str (amend, "to"), ==, "received");
    amend = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (amend, "payload"),
                                                                         "fields"), "serial");
    g_assert_cmpstr (str (amend, "old"), ==, "CNB3K00001");
    g_assert_cmpstr (str (amend, "new"), ==, "CNB3K00009");
  }
}

/* ------------------------------------------------------------ 4. the board */

typedef struct {
  const char *column;
  const char *label;
  int         orders[4];   /* indexes into the test's orders, -1 ends */
} Column;

/* The board's columns, in order, each with exactly the orders expected. */
static void
assert_board (const char *which, const Column *columns, guint n_columns, char **numbers)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *board;

  cli (&r, "board", which, "--json");
  assert_success (&r, NULL);
  node = parse_json (r.out);
  board = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (board), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      JsonObject *col = json_array_get_object_element (board, c);
      JsonArray *orders = array (col, "orders");
      g_autofree char *got = join_strings (orders, "number");
      g_autoptr(GString) expected = g_string_new (NULL);

      g_assert_cmpstr (str (col, "column"), ==, columns[c].column);
      g_assert_cmpstr (str (col, "label"), ==, columns[c].label);
      for (guint i = 0; columns[c].orders[i] >= 0; i++)
        g_string_append_printf (expected, "%s%s", i ? "," : "", numbers[columns[c].orders[i]]);
      g_assert_cmpstr (got, ==, expected->str);
      g_assert_cmpint (json_object_get_int_member (col, "count"), ==, json_array_get_length (orders));
    }
}

/* The board's entry for `number`. */
static JsonObject *
board_entry (JsonNode *board, const char *number)
{
  JsonArray *columns = json_node_get_array (board);

  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonObject *o = find (array (json_array_get_object_element (columns, c), "orders"), "number", number);
      if (o)
        return o;
    }
  g_error ("order %s is not on the board", number);
  return NULL;
}

static void
step_ok (const char *number, const char *event, const char *data)
{
  const char *d[5] = { data, NULL, NULL, NULL, NULL };
  g_auto(Run) r = { 0 };

  transition (&r, number, event, d);
  assert_success (&r, NULL);
}

enum { RECEIVED, INSPECTING, INSPECTED, CALL_LOGGED, CANCELLED, SALE, N_BOARD_ORDERS };

static void
test_board (void)
{
  g_autoptr(PGconn) conn = fresh_db ("cliwf_board");
  char *numbers[N_BOARD_ORDERS + 1] = { NULL };
  static const Column folders[] = {
    { "F1", "To inspect / to visit", { RECEIVED, CALL_LOGGED, SALE, -1 } },
    { "F2", "Quoted / awaiting approval", { INSPECTED, -1 } },
    { "F3", "Repaired / awaiting pickup", { -1 } },
    { "F4", "Entered / awaiting reconciliation", { -1 } },
    { "F5", "Reconciled / awaiting invoice", { -1 } },
    { "with_engineer", "With engineer", { INSPECTING, -1 } },
  };
  static const Column shelves[] = {
    { "S1", "Awaiting test", { RECEIVED, SALE, -1 } },
    { "S2", "Awaiting parts / decision", { INSPECTED, -1 } },
    { "S3", "Awaiting repair", { -1 } },
    { "S4", "OK / awaiting pickup", { -1 } },
    { "bench", "On the bench", { INSPECTING, -1 } },
    { "peer", "At a peer shop", { -1 } },
    { "returned", "Returned to the customer", { -1 } },
    { "at_customer", "At the customer's site", { CALL_LOGGED, -1 } },
  };

  wx_test_db_exec (conn, "INSERT INTO staff (role_name, full_name) VALUES ('cw_zhanggong', '张工') ON CONFLICT DO NOTHING");
  /* Different models: no cluster of similar faults. */
  numbers[RECEIVED] = order_new ("carry-in", "M404dn", "CNB3K00001", "卡纸", NULL);
  numbers[INSPECTING] = order_new ("carry-in", "LaserJet 1020", "", "不进纸", NULL);
  numbers[INSPECTED] = order_new ("carry-in", "ThinkPad T14", "", "蓝屏", NULL);
  numbers[CALL_LOGGED] = order_new ("on-site", "OptiPlex 7090", "", "开机无反应", NULL);
  numbers[CANCELLED] = order_new ("carry-in", "EB-X51", "", "投影偏色", NULL);
  numbers[SALE] = order_new ("sale", "CF259A", "", "", NULL);
  for (guint i = 0; i < N_BOARD_ORDERS; i++)
    {
      g_autofree char *expected = order_number (i + 1);
      g_assert_cmpstr (numbers[i], ==, expected);
    }
  step_ok (numbers[INSPECTING], "dispatch_inspection", "engineer=cw_zhanggong");
  step_ok (numbers[INSPECTED], "dispatch_inspection", "engineer=cw_zhanggong");
  step_ok (numbers[INSPECTED], "inspect", "fault_analysis=主板故障");
  step_ok (numbers[CANCELLED], "cancel", "cancel_reason=客户不修了");

  assert_board ("folders", folders, G_N_ELEMENTS (folders), numbers);
  assert_board ("shelves", shelves, G_N_ELEMENTS (shelves), numbers);

  /* What each card shows: unit, model, engineer (by name), the most urgent running clock. */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) board = NULL;
    JsonObject *received, *inspecting, *inspected, *call, *sale;
    g_autoptr(JsonNode) received_order = show (numbers[RECEIVED]);
    JsonObject *dispatch = find (array (json_node_get_object (received_order), "clocks"), "clock", "dispatch");

    cli (&r, "board", "folders", "--json");
    assert_success (&r, NULL);
    board = parse_json (r.out);
    received = board_entry (board, numbers[RECEIVED]);
    inspecting = board_entry (board, numbers[INSPECTING]);
    inspected = board_entry (board, numbers[INSPECTED]);
    call = board_entry (board, numbers[CALL_LOGGED]);
    sale = board_entry (board, numbers[SALE]);

    g_assert_cmpstr (str (received, "state"), ==, "received");
    g_assert_cmpstr (str (received, "unit"), ==, "广州大学");
    g_assert_cmpstr (str (received, "model"), ==, "M404dn");
    g_assert_cmpstr (str (received, "engineer"), ==, "");
    g_assert_cmpstr (str (received, "clock"), ==, "dispatch");
    g_assert_cmpstr (str (received, "clock_status"), ==, "running");
    g_assert_cmpstr (str (received, "due"), ==, str (dispatch, "due"));
    assert_due_as_sla_says ("dispatch", str (dispatch, "started"), str (received, "due"), NULL);

    g_assert_cmpstr (str (inspecting, "state"), ==, "inspecting");
    g_assert_cmpstr (str (inspecting, "engineer"), ==, "张工");
    /* Received before it was dispatched: the front desk's reply falls due
     * before the engineer's. */
    g_assert_cmpstr (str (inspecting, "clock"), ==, "front-reply");
    g_assert_cmpstr (str (inspected, "state"), ==, "inspected");
    g_assert_cmpstr (str (inspected, "model"), ==, "ThinkPad T14");
    g_assert_cmpstr (str (inspected, "clock"), ==, "quote");
    g_assert_cmpstr (str (call, "state"), ==, "call_logged");
    g_assert_cmpstr (str (call, "clock"), ==, "dispatch");
    g_assert_cmpstr (str (sale, "state"), ==, "received");
    g_assert_null (str (sale, "clock"));
    g_assert_null (str (sale, "clock_status"));
    g_assert_null (str (sale, "due"));
  }

  {
    static const char *const bad[][2] = { { "drawers", NULL }, { NULL, NULL }, { "folders", "shelves" } };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(Run) r = { 0 };
        cli (&r, "board", bad[i][0], bad[i][1]);
        assert_usage (&r, "Use “board folders” or “board shelves”.");
      }
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "board", "folders", "--from", "2026-11-18 10:00");
    assert_usage (&r, "“board” does not take the option --from.");
  }
  for (guint i = 0; i < N_BOARD_ORDERS; i++)
    g_free (numbers[i]);
}

/* ------------------------------------------------------------ 5. sla due */

typedef struct {
  const char *clock;
  const char *from;
  gboolean    target;
  const char *due;
} SlaCase;

static void
assert_sla_cases (const SlaCase *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *due = sla_due (cases[i].clock, cases[i].from, cases[i].target);
      if (g_strcmp0 (due, cases[i].due) != 0)
        g_error ("sla due %s --from \"%s\"%s: %s, expected %s", cases[i].clock, cases[i].from,
                 cases[i].target ? " --target" : "", due, cases[i].due);
    }
}

/* Computed by hand from the shipped calendar (Asia/Shanghai, Monday to
 * Saturday 09:00–18:00) and thresholds. 2026-11-18 is a Wednesday,
 * 2026-11-21 a Saturday, 2026-11-22 a Sunday. */
static const SlaCase sla_cases[] = {
  /* dispatch 60/180: 30 minutes on Saturday, the rest on Monday */
  { "dispatch", "2026-11-21 17:30", FALSE, "2026-11-23 11:30" },
  { "dispatch", "2026-11-21 17:30", TRUE, "2026-11-23 09:30" },
  /* received on Sunday: from Monday's opening */
  { "dispatch", "2026-11-22 10:00", FALSE, "2026-11-23 12:00" },
  /* reply 240; from 16:00 on, 10:00 the next working day */
  { "reply", "2026-11-20 16:30", FALSE, "2026-11-21 10:00" },
  { "reply", "2026-11-20 16:00", FALSE, "2026-11-21 10:00" },
  { "reply", "2026-11-20 15:59", FALSE, "2026-11-21 10:59" },
  { "reply", "2026-11-21 16:00", FALSE, "2026-11-23 10:00" },
  { "reply", "2026-11-22 10:00", FALSE, "2026-11-23 13:00" },
  /* quote 30 */
  { "quote", "2026-11-18 17:45", FALSE, "2026-11-19 09:15" },
  /* decision 1080: two working days */
  { "decision", "2026-11-18 10:00", FALSE, "2026-11-20 10:00" },
  /* repair 480/1620: a working day's 8 hours end at closing time */
  { "repair", "2026-11-18 10:00", TRUE, "2026-11-18 18:00" },
  { "repair", "2026-11-18 10:00", FALSE, "2026-11-21 10:00" },
  /* notify: the same working day */
  { "notify", "2026-11-18 15:00", FALSE, "2026-11-18 18:00" },
  { "notify", "2026-11-18 08:00", FALSE, "2026-11-18 18:00" },
  { "notify", "2026-11-22 10:00", FALSE, "2026-11-23 18:00" },
  /* on site: contact 10, arrival 240 */
  { "onsite-contact", "2026-11-18 17:55", FALSE, "2026-11-19 09:05" },
  { "onsite-arrival", "2026-11-21 16:00", FALSE, "2026-11-23 11:00" },
  { "outsourced-reply", "2026-11-18 12:00", FALSE, "2026-11-19 11:00" },
  /* enter: the same day (日清日毕) */
  { "enter", "2026-11-20 17:00", FALSE, "2026-11-20 18:00" },
  /* review: 12:00 the next working day */
  { "review", "2026-11-21 15:00", FALSE, "2026-11-23 12:00" },
  { "review", "2026-11-20 08:00", FALSE, "2026-11-21 12:00" },
};

/* With Monday 2026-11-23 a holiday, Tuesday is the next working day. */
static const SlaCase sla_holiday_cases[] = {
  { "dispatch", "2026-11-21 17:30", FALSE, "2026-11-24 11:30" },
  { "reply", "2026-11-21 16:30", FALSE, "2026-11-24 10:00" },
  { "notify", "2026-11-22 10:00", FALSE, "2026-11-24 18:00" },
  { "review", "2026-11-21 15:00", FALSE, "2026-11-24 12:00" },
  /* days before the holiday are not affected */
  { "decision", "2026-11-18 10:00", FALSE, "2026-11-20 10:00" },
};

static void
test_sla_due (void)
{
  new_db ("cliwf_sla");

  assert_sla_cases (sla_cases, G_N_ELEMENTS (sla_cases));
  {
    g_auto(Run) r = { 0 };
    cli (&r, "calendar", "holiday", "add", "2026-11-23", "--name", "测试假日");
    assert_success (&r, NULL);
  }
  assert_sla_cases (sla_holiday_cases, G_N_ELEMENTS (sla_holiday_cases));
  {
    g_auto(Run) r = { 0 };
    cli (&r, "calendar", "holiday", "remove", "2026-11-23");
    assert_success (&r, NULL);
  }
  assert_sla_cases (sla_cases, 2);
}

static void
test_sla_refusals (void)
{
  static const char *const bad_from[] = {
    "2026-13-01 10:00", "2026-02-29 10:00", "2026-11-21 24:00", "2026-11-21 10:60", "tomorrow", "2026-11-21", "",
  };
  new_db ("cliwf_slabad");
  {
    g_auto(Run) r = { 0 };
    cli (&r, "sla", "due", "lunch", "--from", "2026-11-21 10:00");
    assert_usage (&r, "Unknown clock “lunch”: use dispatch, front-reply, reply, quote, decision, repair, notify, onsite-contact,"
                      " onsite-arrival, outsourced-reply, enter or review.");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_from); i++)
    {
      g_auto(Run) r = { 0 };
      cli (&r, "sla", "due", "dispatch", "--from", bad_from[i]);
      assert_usage (&r, "--from takes a local time such as \"2026-11-18 15:30\".");
    }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "sla", "due", "dispatch");
    assert_usage (&r, "--from takes a local time such as \"2026-11-18 15:30\".");
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "sla", "when", "dispatch", "--from", "2026-11-21 10:00");
    assert_usage (&r, "Use “sla due CLOCK --from \"YYYY-MM-DD HH:MM\" [--target]”.");
  }
}

/* A negative hour or minute, or anything after the minutes, is no time
 * either: exit 2 like the others (sscanf alone took "-1" and "17:30xyz"). */
static void
test_sla_negative_time (void)
{
  static const char *const bad_from[] = { "2026-11-21 -1:30", "2026-11-21 10:-5", "2026-11-21 17:30xyz",
                                          "2026-11-21 17:3" };

  new_db ("cliwf_slaneg");
  for (guint i = 0; i < G_N_ELEMENTS (bad_from); i++)
    {
      g_auto(Run) r = { 0 };
      cli (&r, "sla", "due", "dispatch", "--from", bad_from[i]);
      assert_usage (&r, "--from takes a local time such as \"2026-11-18 15:30\".");
    }
}

/* ------------------------------------------------------------ 6. return repair */

static void
test_return_repair (void)
{
  g_autoptr(PGconn) conn = fresh_db ("cliwf_return");
  g_autofree char *first = order_new ("carry-in", "M404dn", "CNB3K77777", "卡纸", NULL);
  g_autofree char *long_ago = order_new ("carry-in", "LaserJet 1020", "CNB3K55555", "不进纸", NULL);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE service_orders SET picked_up_at = now() - CASE number WHEN '%s' THEN interval '10 days'"
    " ELSE interval '100 days' END WHERE number IN ('%s', '%s')", first, first, long_ago);
  g_autofree char *err = g_strdup_printf ("Return repair: the same machine was handed back on order %s.\n", first);
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autofree char *late = NULL;

  wx_test_db_exec (conn, sql);
  again = order_new ("carry-in", "M404dn", "CNB3K77777", "又卡纸了", err);
  {
    g_autofree char *expected = order_number (3);
    g_assert_cmpstr (again, ==, expected);
  }
  {
    g_autoptr(JsonNode) node = show (again);
    JsonObject *o = json_node_get_object (node);
    JsonObject *ret = find (array (o, "events"), "event", "return_repair");
    g_autofree char *events = join_strings (array (o, "events"), "event");

    g_assert_cmpstr (events, ==, "received,return_repair");
    g_assert_nonnull (ret);
    g_assert_cmpstr (str (ret, "from"), ==, "received");
    g_assert_cmpstr (str (ret, "to"), ==, "received");
    g_assert_cmpstr (str (json_object_get_object_member (ret, "payload"), "of"), ==, first);
    g_assert_cmpstr (str (o, "state"), ==, "received");
  }
  {
    g_autofree char *link = g_strdup_printf ("true|%s", first);
    assert_column (conn, again, "is_return_repair::text || '|' || (SELECT number FROM service_orders f"
                                " WHERE f.id = service_orders.return_of_order_id)", link);
  }
  /* Handed back more than 90 days ago, or another machine: not a return repair. */
  late = order_new ("carry-in", "LaserJet 1020", "CNB3K55555", "不进纸", NULL);
  other = order_new ("carry-in", "ThinkPad T14", "PF3XK2B1", "蓝屏", NULL);
  {
    g_autoptr(JsonNode) late_node = show (late);
    g_autoptr(JsonNode) other_node = show (other);
    g_assert_null (find (array (json_node_get_object (late_node), "events"), "event", "return_repair"));
    g_assert_null (find (array (json_node_get_object (other_node), "events"), "event", "return_repair"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  g_test_add_func ("/cli-workflow/carry-in-lifecycle", test_carry_in_lifecycle);
  g_test_add_func ("/cli-workflow/on-site-lifecycle", test_on_site_lifecycle);
  g_test_add_func ("/cli-workflow/refusals", test_refusals);
  g_test_add_func ("/cli-workflow/board", test_board);
  g_test_add_func ("/cli-workflow/sla-due", test_sla_due);
  g_test_add_func ("/cli-workflow/sla-refusals", test_sla_refusals);
  g_test_add_func ("/cli-workflow/return-repair", test_return_repair);
  g_test_add_func ("/cli-workflow/sla-negative-time", test_sla_negative_time);
  return g_test_run ();
}

/* Intake, the call log and the corrections of an order are the database's
 * to guard (data/sql/functions/intake.sql, calls.sql): each runs as a real
 * staff login (SET SESSION AUTHORIZATION, so that session_user is the staff
 * member, as when they log in). Intake is allowed for the front desk and the
 * engineers and refused for other roles; every bad field is refused with
 * core's sentence for it (parity: the same draft through core and through
 * the server) and creates nothing (a checksum of the tables is unchanged);
 * numbers of successive intakes are gap-free, refused ones included; the
 * supervisor's return repair; the fault similarity of the cluster rule is
 * core's. wx_amend: allowed and refused sides (an engineer on another
 * engineer's order, a NULL or stale version, a closed order, a field not
 * amendable), its event's payload and the timeline's text. wx_call_log:
 * allowed and refused roles, core's sentences, the clock. */
#include <unistd.h>

#include <libpq-fe.h>

#include "core/wx-call.h"
#include "core/wx-error.h"
#include "core/wx-intake.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-calls.h"
#include "db/wx-db-detail.h"
#include "db/wx-db-error.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

static char *conninfo;
static char *coordinator, *engineer, *engineer2, *supervisor, *admin;

/* Acts as the staff login `login` (NULL: the owner again). */
static void
as_login (PGconn *conn, const char *login)
{
  g_autofree char *sql = login ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", login)
                               : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

/* Everything intake, the call log and a correction may write, as one text:
 * equal before and after a refused attempt means nothing was written. */
static char *
checksum (PGconn *conn)
{
  return wx_test_db_value (conn,
    "SELECT concat_ws('/',"
    " (SELECT count(*) FROM service_orders), (SELECT coalesce(sum(version), 0) FROM service_orders),"
    " (SELECT md5(coalesce(string_agg(to_jsonb(o)::text, ',' ORDER BY id), '')) FROM service_orders o),"
    " (SELECT count(*) FROM customers), (SELECT count(*) FROM order_events),"
    " (SELECT count(*) FROM order_accessories), (SELECT count(*) FROM escalations),"
    " (SELECT count(*) FROM calls), (SELECT count(*) FROM calls WHERE order_id IS NOT NULL),"
    " (SELECT coalesce(sum(last), 0) FROM order_number_counters))");
}

static WxOrderDraft
good_draft (void)
{
  WxOrderDraft d = { WX_ORDER_KIND_CARRY_IN, "广州市第六中学", "海珠区新港中路 1 号", "陈老师", "13800138000",
                     "激光打印机", "LaserJet P1108", "VNC3K01234", "打印有竖白线", "out_of_warranty", NULL };
  return d;
}

static char *
repeat (const char *unit, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* `actual` is the text `format` makes. */
G_GNUC_PRINTF (2, 3) static void
assert_text (const char *actual, const char *format, ...)
{
  g_autofree char *expected = NULL;
  va_list ap;

  va_start (ap, format);
  expected = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_assert_cmpstr (actual, ==, expected);
}

static guint
number_tail (const char *number)
{
  const char *dash = strrchr (number, '-');

  g_assert_nonnull (dash);
  return (guint) atoi (dash + 1);
}

/* ------------------------------------------------------------ intake */

static void
test_intake_allowed (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  const char *accessories[] = { "电源线", " USB 线 ", NULL };
  WxOrderDraft d = good_draft ();
  g_auto(WxIntakeResult) clerk = { 0 };
  g_auto(WxIntakeResult) bench = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *events = NULL;
  g_autofree char *accessory_rows = NULL;
  const char *params[1];

  d.accessories = (char **) accessories;
  d.notice_read = TRUE;
  as_login (conn, coordinator);
  g_assert_true (wx_db_order_create (conn, &d, &clerk, &error));
  g_assert_no_error (error);
  d.accessories = NULL;
  d.unit = "广州市第七中学";
  d.phone = "020-8758 1480";
  as_login (conn, engineer);
  g_assert_true (wx_db_order_create (conn, &d, &bench, &error));
  g_assert_no_error (error);
  as_login (conn, NULL);

  g_assert_cmpint (clerk.version, ==, 1);
  params[0] = clerk.number;
  row = wx_db_query_value (conn,
    "SELECT concat_ws('|', o.state, o.received_by, o.owner_role, o.updated_by, o.contact_mobile,"
    "                 coalesce(o.contact_phone, '-'), o.notice_read, c.unit_name, c.mobile)"
    "  FROM service_orders o JOIN customers c ON c.id = o.customer_id WHERE o.number = $1", 1, params, &error);
  assert_text (row, "received|%s|%s|%s|13800138000|-|t|广州市第六中学|13800138000",
                                             coordinator, coordinator, coordinator);
  events = wx_db_query_value (conn,
    "SELECT string_agg(e.event || ':' || coalesce(e.from_state, '-') || '>' || e.to_state || ':' || e.actor, ',')"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1", 1, params, &error);
  assert_text (events, "received:->received:%s", coordinator);
  accessory_rows = wx_db_query_value (conn,
    "SELECT string_agg(a.position || '=' || a.name, ',' ORDER BY a.position)"
    "  FROM order_accessories a JOIN service_orders o ON o.id = a.order_id WHERE o.number = $1", 1, params, &error);
  g_assert_cmpstr (accessory_rows, ==, "1=电源线,2=USB 线");
  /* The landline goes to the phone column; the engineer is who received it. */
  params[0] = bench.number;
  g_free (row);
  row = wx_db_query_value (conn,
    "SELECT concat_ws('|', received_by, coalesce(contact_mobile, '-'), contact_phone)"
    "  FROM service_orders WHERE number = $1", 1, params, &error);
  assert_text (row, "%s|-|020-8758 1480", engineer);
  g_assert_no_error (error);
}

static void
test_intake_refused_roles (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxOrderDraft d = good_draft ();
  g_autofree char *before = checksum (conn);
  const char *refused[] = { supervisor, admin };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(WxIntakeResult) r = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      as_login (conn, refused[i]);
      g_assert_false (wx_db_order_create (conn, &d, &r, &error));
      as_login (conn, NULL);
      g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
      g_assert_cmpstr (error->message, ==,
                       "Your role cannot open service orders; the front desk or an engineer takes machines in.");
      after = checksum (conn);
      g_assert_cmpstr (after, ==, before);
    }
  /* The functions are the staff's to call; their helpers are not. */
  as_login (conn, coordinator);
  {
    g_autofree char *helper = wx_test_db_sqlstate (conn, "SELECT wx_refuse_field('wx_field_text', 'unit')", 0, NULL);
    g_autofree char *counter = wx_test_db_sqlstate (conn, "UPDATE order_number_counters SET last = 0", 0, NULL);
    g_autofree char *customer = wx_test_db_sqlstate (conn, "INSERT INTO customers (unit_name) VALUES ('冒名单位')", 0, NULL);
    g_autofree char *link = wx_test_db_sqlstate (conn, "UPDATE calls SET order_id = 1", 0, NULL);
    g_autofree char *order = wx_test_db_sqlstate (conn,
      "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name)"
      " VALUES ('sale', 'received', 1, '广州大学', '13812345678', '硒鼓')", 0, NULL);
    g_autofree char *number = wx_test_db_sqlstate (conn, "SELECT wx_next_order_number()", 0, NULL);
    g_autofree char *call = wx_test_db_sqlstate (conn,
      "INSERT INTO calls (direction, subject, actor) VALUES ('inbound', '冒名来电', 'someone')", 0, NULL);

    g_assert_cmpstr (helper, ==, "42501");
    g_assert_cmpstr (counter, ==, "42501");
    g_assert_cmpstr (customer, ==, "42501");
    g_assert_cmpstr (link, ==, "42501");
    g_assert_cmpstr (order, ==, "42501");
    g_assert_cmpstr (number, ==, "42501");
    g_assert_cmpstr (call, ==, "42501");
  }
  as_login (conn, NULL);
}

typedef struct {
  const char *what;
  void      (*change) (WxOrderDraft *d);
  const char *sentence;
} BadDraft;

/* Long texts, kept for the whole run. */
static const char *
long_text (guint n)
{
  static GHashTable *texts;
  char *t;

  if (texts == NULL)
    texts = g_hash_table_new (g_direct_hash, g_direct_equal);
  t = g_hash_table_lookup (texts, GUINT_TO_POINTER (n));
  if (t == NULL)
    {
      t = repeat ("字", n);
      g_hash_table_insert (texts, GUINT_TO_POINTER (n), t);
    }
  return t;
}

#define CHANGE(name, ...) static void name (WxOrderDraft *d) { __VA_ARGS__; }
CHANGE (no_unit,        d->unit = "  ")
CHANGE (long_unit,      d->unit = long_text (201))
CHANGE (long_address,   d->address = long_text (301))
CHANGE (long_contact,   d->contact = long_text (61))
CHANGE (long_product,   d->product = long_text (101))
CHANGE (long_model,     d->model = long_text (101))
CHANGE (long_serial,    d->serial = long_text (61))
CHANGE (long_fault,     d->fault = long_text (2001))
CHANGE (long_end_user,  d->end_user = long_text (61))
CHANGE (long_look,      d->appearance = long_text (1001))
CHANGE (no_phone,       d->phone = "")
CHANGE (short_phone,    d->phone = "12345")
CHANGE (letters_phone,  d->phone = "138abc5678")
CHANGE (long_extension, d->phone = "020-87581480转1234567")
CHANGE (abroad_short,   d->phone = "+1 415")
CHANGE (bad_email,      d->email = "chen@school")
CHANGE (bad_warranty,   d->warranty = "lifetime")
CHANGE (long_remarks,   d->remarks = long_text (2001))
CHANGE (bad_evidence,   d->warranty_evidence = "receipt")
CHANGE (bad_backup,     d->backup = "maybe")
CHANGE (no_machine,     d->model = ""; d->serial = "")
CHANGE (no_address,     d->kind = WX_ORDER_KIND_ON_SITE; d->address = "")
CHANGE (no_items,       d->kind = WX_ORDER_KIND_SALE; d->product = "")
CHANGE (empty_item,     static const char *a[] = { "电源线", " ", NULL }; d->accessories = (char **) a)
CHANGE (long_item,      static char *a[] = { NULL, NULL }; a[0] = (char *) long_text (201); d->accessories = a)
#undef CHANGE

static void
many_items (WxOrderDraft *d)
{
  static char *a[101];

  for (guint i = 0; i < 100; i++)
    if (a[i] == NULL)
      a[i] = g_strdup_printf ("附件 %u", i + 1);
  d->accessories = a;
}

static const BadDraft bad_drafts[] = {
  { "no unit",        no_unit,        "Please fill in “Unit”." },
  { "long unit",      long_unit,      "“Unit” may have at most 200 characters." },
  { "long address",   long_address,   "“Address” may have at most 300 characters." },
  { "long contact",   long_contact,   "“Contact” may have at most 60 characters." },
  { "long product",   long_product,   "“Product” may have at most 100 characters." },
  { "long model",     long_model,     "“Model” may have at most 100 characters." },
  { "long serial",    long_serial,    "“Serial number” may have at most 60 characters." },
  { "long fault",     long_fault,     "“Reported fault” may have at most 2000 characters." },
  { "long end user",  long_end_user,  "“End user” may have at most 60 characters." },
  { "long look",      long_look,      "“Appearance” may have at most 1000 characters." },
  { "no phone",       no_phone,       "The order needs a mobile or phone number to reach the customer." },
  { "short phone",    short_phone,    "“12345” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480." },
  { "letters phone",  letters_phone,  "The phone number “138abc5678” contains characters a phone number cannot have." },
  { "long extension", long_extension, "The extension in “020-87581480转1234567” must have 1 to 6 digits." },
  { "abroad short",   abroad_short,   "“+1 415” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480." },
  { "bad email",      bad_email,      "“chen@school” is not a valid email address." },
  { "bad warranty",   bad_warranty,   "Unknown warranty status “lifetime”: use unknown, in_warranty, out_of_warranty or contract." },
  { "long remarks",   long_remarks,   "“Remarks” may have at most 2000 characters." },
  { "bad evidence",   bad_evidence,   "Unknown warranty evidence “receipt”: use none, card, invoice or card_and_invoice." },
  { "bad backup",     bad_backup,     "Unknown data backup choice “maybe”: use not_applicable, backed_up, may_lose_data or customer_keeps_disk." },
  { "no machine",     no_machine,     "A carry-in order needs the product, the model or serial number, and the reported fault." },
  { "no address",     no_address,     "An on-site order needs the unit's address and the reported fault." },
  { "no items",       no_items,       "A sale order needs what was sold in the product field." },
  { "empty item",     empty_item,     "Please fill in “Accessory”." },
  { "long item",      long_item,      "“Accessory” may have at most 200 characters." },
  { "100 items",      many_items,     "An order can list at most 99 accessories." },
};

/* Each bad field: core's sentence; the server, sent the same draft without
 * core's check, says the same and writes nothing. */
static void
test_intake_bad_fields (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *before = checksum (conn);

  for (guint i = 0; i < G_N_ELEMENTS (bad_drafts); i++)
    {
      WxOrderDraft d = good_draft ();
      g_auto(WxIntakeResult) r = { 0 };
      g_autoptr(GError) core = NULL;
      g_autoptr(GError) server = NULL;
      g_autofree char *form = NULL;
      g_autofree char *after = NULL;

      bad_drafts[i].change (&d);
      g_assert_false (wx_order_draft_validate (&d, &core));
      form = wx_db_order_draft_json (&d);
      as_login (conn, coordinator);
      if (wx_db_intake_submit (conn, form, &r, &server))
        g_error ("%s: the server took it as %s", bad_drafts[i].what, r.number);
      as_login (conn, NULL);
      g_test_message ("%s: %s", bad_drafts[i].what, server->message);
      g_assert_cmpstr (core->message, ==, bad_drafts[i].sentence);
      g_assert_cmpstr (server->message, ==, core->message);
      g_assert_error (server, WX_DB_ERROR, WX_DB_ERROR_INVALID);
      after = checksum (conn);
      g_assert_cmpstr (after, ==, before);
    }
}

/* What only a forged call can send: the wrong type, an unknown field. */
static void
test_intake_bad_types (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *before = checksum (conn);
  static const struct { const char *form; const char *sentence; } cases[] = {
    { "[]", "The form's data could not be read; nothing was saved." },
    { "{\"kind\": \"carry_in\", \"unit\": 123}", "“Unit” must be text." },
    { "{\"unit\": \"广州大学\", \"phone\": \"13800138000\"}", "Please fill in “Kind”." },
    { "{\"kind\": \"repair\"}", "Unknown order kind “repair”: use carry_in, on_site or sale." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": 13800138000}", "“Phone” must be text." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"accessories\": \"电源线\"}",
      "“Accessory” must be a list of names." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"accessories\": [1]}",
      "“Accessory” must be text." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"notice_read\": \"yes\"}",
      "“Important notice read” must be yes or no." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"call_id\": \"5\"}",
      "“Call” must be a whole number." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"call_id\": 1.5}",
      "“Call” must be a whole number." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"quote_total\": 1}",
      "The form has no field “quote_total”; nothing was saved." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"state\": \"archived\"}",
      "The form has no field “state”; nothing was saved." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"call_id\": 987654}",
      "That call already has a service order (or was removed); nothing was saved. Reload the call log." },
    { "{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\", \"product\": \"硒鼓\", \"return_of\": \"2026-000001\"}",
      "Only a supervisor opens a return repair from a callback." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WxIntakeResult) r = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      as_login (conn, coordinator);
      g_assert_false (wx_db_intake_submit (conn, cases[i].form, &r, &error));
      as_login (conn, NULL);
      g_assert_cmpstr (error->message, ==, cases[i].sentence);
      after = checksum (conn);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Numbers are drawn by intake only, inside its transaction: successive
 * intakes are numbered without a gap, whoever takes them and whatever was
 * refused in between (a bad field before the number is drawn, a call
 * already taken after it). */
static void
test_intake_numbers (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  const char *who[] = { coordinator, engineer, coordinator, engineer, coordinator, coordinator };
  g_autofree char *call = NULL;

  /* A call that already became an order. */
  {
    WxCallRecord c = { "inbound", "request", 0, 0, "孙主任", "13911112222", NULL, "请上门", NULL, TRUE, "孙主任" };
    WxOrderDraft d = good_draft ();
    g_auto(WxIntakeResult) r = { 0 };
    g_autoptr(GError) error = NULL;
    gint64 id = 0;

    as_login (conn, coordinator);
    g_assert_true (wx_db_call_log (conn, &c, &id, &error));
    d.call_id = id;
    g_assert_true (wx_db_order_create (conn, &d, &r, &error));
    as_login (conn, NULL);
    g_assert_no_error (error);
    call = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_ptr_array_add (numbers, g_strdup (r.number));
  }
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      WxOrderDraft d = good_draft ();
      g_auto(WxIntakeResult) r = { 0 };
      g_auto(WxIntakeResult) refused = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) bad = NULL;
      g_autoptr(GError) taken = NULL;
      g_autofree char *again = g_strdup_printf ("{\"kind\": \"sale\", \"unit\": \"广州大学\", \"phone\": \"13800138000\","
                                                " \"product\": \"硒鼓\", \"call_id\": %s}", call);

      as_login (conn, who[i]);
      g_assert_false (wx_db_intake_submit (conn, "{\"kind\": \"carry_in\", \"unit\": \"\"}", &refused, &bad));
      g_assert_false (wx_db_intake_submit (conn, again, &refused, &taken));
      g_assert_error (taken, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
      g_assert_true (wx_db_order_create (conn, &d, &r, &error));
      as_login (conn, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (numbers, g_strdup (r.number));
    }
  for (guint i = 1; i < numbers->len; i++)
    g_assert_cmpuint (number_tail (g_ptr_array_index (numbers, i)), ==,
                      number_tail (g_ptr_array_index (numbers, i - 1)) + 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT max(last) FROM order_number_counters"), ==,
                   number_tail (g_ptr_array_index (numbers, numbers->len - 1)));
}

/* The supervisor's return repair from a callback: the earlier order's
 * customer and machine, flagged, with its events; nobody else may. */
static void
test_intake_return_repair (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *earlier = wx_test_db_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "  contact_fax, floor_department, asset_number, product_name, model, serial, reported_fault, picked_up_at)"
    " VALUES ('on_site', 'archived', 1, '广州大学', '五山路 1 号', '李明', '13812345678', '020-87581481', '三楼财务处',"
    "         'GD-0042', '激光打印机', 'M404dn', 'CNB3K77777', '卡纸', now() - interval '3 days') RETURNING number");
  g_autofree char *callback = NULL;
  g_autofree char *other = NULL;
  g_autofree char *form = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *row = NULL;
  g_autofree char *events = NULL;
  g_autofree char *before = NULL;
  g_auto(WxIntakeResult) r = { 0 };
  g_auto(WxIntakeResult) refused = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) denied = NULL;
  g_autoptr(GError) mismatch = NULL;
  const char *params[1];

  params[0] = earlier;
  callback = wx_db_query_value (conn,
    "INSERT INTO callbacks (order_id, kind, due_at) SELECT id, 'weekly', now() FROM service_orders WHERE number = $1"
    " RETURNING id", 1, params, &error);
  other = wx_test_db_value (conn, "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'weekly', now()) RETURNING id");
  form = g_strdup_printf ("{\"return_of\": \"%s\", \"callback\": %s, \"fault\": \"回访时仍卡纸\"}", earlier, callback);
  wrong = g_strdup_printf ("{\"return_of\": \"%s\", \"callback\": %s, \"fault\": \"回访时仍卡纸\"}", earlier, other);

  before = checksum (conn);
  as_login (conn, coordinator);
  g_assert_false (wx_db_intake_submit (conn, form, &refused, &denied));
  as_login (conn, supervisor);
  g_assert_false (wx_db_intake_submit (conn, wrong, &refused, &mismatch));
  as_login (conn, NULL);
  g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  assert_text (mismatch->message, "That callback is not about order %s; reload the callback list.", earlier);
  {
    g_autofree char *after = checksum (conn);
    g_assert_cmpstr (after, ==, before);
  }

  as_login (conn, supervisor);
  g_assert_true (wx_db_intake_submit (conn, form, &r, &error));
  as_login (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (r.return_of, ==, earlier);
  params[0] = r.number;
  row = wx_db_query_value (conn,
    "SELECT concat_ws('|', o.kind, o.state, o.unit_address, o.contact_fax, o.floor_department, o.asset_number,"
    "                 o.serial, o.reported_fault, o.is_return_repair, e.number, o.received_by)"
    "  FROM service_orders o, service_orders e WHERE o.number = $1 AND e.id = o.return_of_order_id", 1, params, &error);
  assert_text (row, "on_site|call_logged|五山路 1 号|020-87581481|三楼财务处|GD-0042|CNB3K77777|"
                                             "回访时仍卡纸|t|%s|%s", earlier, supervisor);
  events = wx_db_query_value (conn,
    "SELECT string_agg(e.event || ' ' || e.payload::text, ', ' ORDER BY e.id)"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1", 1, params, &error);
  assert_text (events, "call_logged {}, return_repair {\"of\": \"%s\", \"callback\": %s}",
                                                earlier, callback);
}

/* The cluster rule's similarity in SQL is core's. */
static void
test_fault_similarity (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  static const char *faults[] = {
    "卡纸，进纸时有异响", "经常卡纸，进纸异响", "卡纸", "开机无反应，电源灯不亮", "进纸时卡纸，有异响",
    "Paper jam at tray 2", "paper JAM, tray-2 noisy", "打印有黑线 Error 49", "error 49 打印黑线", "",
    "。。。", "ＰＣ不开机", "不开机", "屏幕闪烁（偶尔）黑屏", "黑屏、闪屏",
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    for (guint j = 0; j < G_N_ELEMENTS (faults); j++)
      {
        const char *params[] = { faults[i], faults[j] };
        g_autoptr(GError) error = NULL;
        g_autofree char *sql = wx_db_query_value (conn, "SELECT wx_fault_similarity($1, $2)", 2, params, &error);

        g_assert_no_error (error);
        if (ABS (g_ascii_strtod (sql, NULL) - wx_fault_similarity (faults[i], faults[j])) > 1e-9)
          g_error ("similarity of “%s” and “%s”: core %g, database %s", faults[i], faults[j],
                   wx_fault_similarity (faults[i], faults[j]), sql);
      }
  /* The phones core accepts, the server accepts. */
  for (guint i = 0; wx_test_good_phones[i]; i++)
    {
      const char *params[] = { wx_test_good_phones[i] };
      g_autoptr(GError) error = NULL;
      g_autofree char *problem = wx_db_query_value (conn, "SELECT coalesce(wx_phone_problem($1), 'ok')", 1, params, &error);

      g_assert_cmpstr (problem, ==, "ok");
    }
}

/* ------------------------------------------------------------ amend */

/* A carry-in order taken in by the coordinator; with `assigned`,
 * dispatched for inspection to `assigned`. Returns its number. */
static char *
open_order (PGconn *conn, const char *serial, const char *assigned, int *version)
{
  WxOrderDraft d = good_draft ();
  g_auto(WxIntakeResult) r = { 0 };
  g_autoptr(GError) error = NULL;
  WxTransitionResult step = { 0 };

  d.serial = serial;
  as_login (conn, coordinator);
  g_assert_true (wx_db_order_create (conn, &d, &r, &error));
  g_assert_no_error (error);
  *version = r.version;
  if (assigned)
    {
      g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (data, "engineer", (gpointer) assigned);
      g_assert_true (wx_db_order_transition (conn, r.number, r.version, "dispatch_inspection", data, &step, &error));
      g_assert_no_error (error);
      *version = step.version;
    }
  as_login (conn, NULL);
  return g_strdup (r.number);
}

static GHashTable *
changes (const char *first, ...)
{
  GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
  va_list ap;

  va_start (ap, first);
  for (const char *k = first; k; k = va_arg (ap, const char *))
    g_hash_table_insert (h, (gpointer) k, va_arg (ap, char *));
  va_end (ap);
  return h;
}

static void
test_amend_allowed (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  int version;
  g_autofree char *number = open_order (conn, "VNC3K00001", NULL, &version);
  g_autoptr(GHashTable) fix = changes ("serial", "VNC3K00010", "contact_mobile", " 139 0013 9000 ",
                                       "floor_department", "三楼 302", NULL);
  g_autoptr(GHashTable) same = changes ("serial", "VNC3K00010", NULL);
  g_autoptr(WxOrderDetail) detail = NULL;
  WxTransitionResult r = { 0 };
  WxTransitionResult nothing = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *payload = NULL;
  const char *params[] = { number };
  const WxDetailEvent *amend = NULL;

  as_login (conn, coordinator);
  g_assert_true (wx_db_order_amend (conn, number, version, fix, &r, &error));
  g_assert_no_error (error);
  /* Saying the same again changes nothing and writes nothing. */
  g_assert_true (wx_db_order_amend (conn, number, r.version, same, &nothing, &error));
  g_assert_no_error (error);
  detail = wx_db_order_detail_load (conn, number, g_get_real_time () / G_USEC_PER_SEC, &error);
  as_login (conn, NULL);
  g_assert_no_error (error);

  g_assert_cmpint (r.version, ==, version + 1);
  g_assert_cmpint (r.state, ==, WX_ORDER_STATE_RECEIVED);
  g_assert_cmpint (r.event_id, >, 0);
  g_assert_cmpint (nothing.version, ==, r.version);
  g_assert_cmpint (nothing.event_id, ==, 0);
  row = wx_db_query_value (conn,
    "SELECT concat_ws('|', serial, contact_mobile, floor_department, version, updated_by, state)"
    "  FROM service_orders WHERE number = $1", 1, params, &error);
  assert_text (row, "VNC3K00010|139 0013 9000|三楼 302|%d|%s|received", version + 1, coordinator);
  payload = wx_db_query_value (conn,
    "SELECT e.payload = jsonb_build_object('fields', jsonb_build_object("
    "         'serial', jsonb_build_object('old', 'VNC3K00001', 'new', 'VNC3K00010'),"
    "         'contact_mobile', jsonb_build_object('old', '13800138000', 'new', '139 0013 9000'),"
    "         'floor_department', jsonb_build_object('old', '', 'new', '三楼 302')))"
    "       AND e.from_state = 'received' AND e.to_state = 'received' AND e.actor = o.received_by"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1 AND e.event = 'amend'",
    1, params, &error);
  g_assert_cmpstr (payload, ==, "t");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM order_events WHERE event = 'amend'"), >=, 1);

  /* The timeline says what changed, old → new, in the form's order. */
  for (guint i = 0; i < detail->events->len; i++)
    if (g_str_equal (g_array_index (detail->events, WxDetailEvent, i).event, "amend"))
      amend = &g_array_index (detail->events, WxDetailEvent, i);
  g_assert_nonnull (amend);
  g_assert_cmpstr (amend->event_label, ==, "Details corrected");
  g_assert_cmpstr (amend->details, ==,
                   "Mobile: 13800138000 → 139 0013 9000; Floor / department: (empty) → 三楼 302; "
                   "Serial number: VNC3K00001 → VNC3K00010");
  g_assert_true (wx_workflow_event_known ("amend"));
}

static void
test_amend_engineer (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  int mine_version, theirs_version;
  g_autofree char *mine = open_order (conn, "VNC3K00002", engineer, &mine_version);
  g_autofree char *theirs = open_order (conn, "VNC3K00003", engineer2, &theirs_version);
  g_autoptr(GHashTable) fix = changes ("model", "LaserJet P1108 Plus", "serial", "VNC3K00099", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  WxTransitionResult r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) denied = NULL;

  before = checksum (conn);
  as_login (conn, engineer);
  g_assert_false (wx_db_order_amend (conn, theirs, theirs_version, fix, &r, &denied));
  as_login (conn, NULL);
  g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (denied->message, ==, "You can correct only the orders assigned to you.");
  after = checksum (conn);
  g_assert_cmpstr (after, ==, before);

  as_login (conn, engineer);
  g_assert_true (wx_db_order_amend (conn, mine, mine_version, fix, &r, &error));
  as_login (conn, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (r.version, ==, mine_version + 1);
  g_assert_cmpint (r.state, ==, WX_ORDER_STATE_INSPECTING);
}

static void
test_amend_refused (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  int version;
  g_autofree char *number = open_order (conn, "VNC3K00004", NULL, &version);
  g_autofree char *closed = wx_test_db_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault)"
    " VALUES ('carry_in', 'archived', 1, '广州大学', '13812345678', '激光打印机', 'M404dn', '卡纸') RETURNING number");
  g_autofree char *before = NULL;
  g_autofree char *stale_version = NULL;
  const char *params[] = { number };
  static const struct {
    const char *key, *value, *sentence;
  } bad[] = {
    { "unit_name",      "",              "Please fill in “Unit name”." },
    { "serial",         "序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了序列号太长了",
                                         "“Serial number” may have at most 60 characters." },
    { "contact_mobile", "1380013800",    "“1380013800” is not a valid phone number: enter an 11-digit mobile number or a landline such as 020-87581480." },
    { "contact_email",  "chen@",         "“chen@” is not a valid email address." },
    { "quote_total",    "1",             "“quote_total” cannot be corrected after intake; it changes only through the order's steps." },
    { "state",          "archived",      "“State” cannot be corrected after intake; it changes only through the order's steps." },
    { "reported_fault", "没有故障",       "“Reported fault” cannot be corrected after intake; it changes only through the order's steps." },
  };

  before = checksum (conn);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"%s\": \"%s\"}", bad[i].key, bad[i].value);
      g_autofree char *version_text = g_strdup_printf ("%d", version);
      const char *p[] = { number, version_text, json };
      g_autoptr(GError) core = NULL;
      g_autoptr(GError) server = NULL;
      g_autoptr(PGresult) res = NULL;
      g_autofree char *after = NULL;

      /* core first, then the server alone */
      g_assert_false (wx_order_amend_check (bad[i].key, bad[i].value, &core));
      as_login (conn, coordinator);
      res = wx_db_query (conn, "SELECT * FROM wx_amend($1, $2::integer, $3::jsonb)", 3, p, &server);
      as_login (conn, NULL);
      g_assert_null (res);
      g_assert_cmpstr (core->message, ==, bad[i].sentence);
      g_assert_cmpstr (server->message, ==, core->message);
      after = checksum (conn);
      g_assert_cmpstr (after, ==, before);
    }

  /* What the order must keep: a number to reach the customer, the machine. */
  {
    g_autoptr(GHashTable) no_phone = changes ("contact_mobile", "", NULL);
    g_autoptr(GHashTable) no_machine = changes ("model", "", "serial", " ", NULL);
    g_autoptr(GHashTable) fix = changes ("serial", "VNC3K00044", NULL);
    g_autoptr(GError) reach = NULL, machine = NULL, missing = NULL, stale = NULL, gone = NULL, done = NULL, role = NULL;
    g_autofree char *after = NULL;

    as_login (conn, coordinator);
    g_assert_false (wx_db_order_amend (conn, number, version, no_phone, NULL, &reach));
    g_assert_false (wx_db_order_amend (conn, number, version, no_machine, NULL, &machine));
    /* A NULL version is refused; a stale one is a conflict that says who. */
    g_assert_false (wx_db_order_amend (conn, number, 0, fix, NULL, &missing));
    g_assert_false (wx_db_order_amend (conn, number, version + 1, fix, NULL, &stale));
    g_assert_false (wx_db_order_amend (conn, "2026-999999", 1, fix, NULL, &gone));
    g_assert_false (wx_db_order_amend (conn, closed, 1, fix, NULL, &done));
    as_login (conn, admin);
    g_assert_false (wx_db_order_amend (conn, number, version, fix, NULL, &role));
    as_login (conn, NULL);

    g_assert_cmpstr (reach->message, ==, "The order needs a mobile or phone number to reach the customer.");
    g_assert_cmpstr (machine->message, ==, "A carry-in order needs the product, the model or serial number, and the reported fault.");
    g_assert_error (missing, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_cmpstr (missing->message, ==, "The order's version is missing; reload the order and try again.");
    g_assert_error (stale, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
    g_assert_true (g_str_has_prefix (stale->message, "Changed by 测试协调员 at "));
    g_assert_true (g_str_has_suffix (stale->message, "the order now shows “Received”. Check it and try again."));
    g_assert_error (gone, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
    g_assert_cmpstr (gone->message, ==, "There is no service order 2026-999999.");
    g_assert_cmpstr (done->message, ==, "This order is closed; its details can no longer be corrected.");
    g_assert_error (role, WX_DB_ERROR, WX_DB_ERROR_DENIED);
    g_assert_cmpstr (role->message, ==, "Your role cannot correct an order's details.");
    after = checksum (conn);
    g_assert_cmpstr (after, ==, before);
  }
  /* Straight at the function: NULL version, not a JSON object. */
  as_login (conn, coordinator);
  {
    g_autofree char *null_version = wx_test_db_sqlstate (conn,
      "SELECT * FROM wx_amend($1, NULL, '{\"serial\": \"X\"}')", 1, params);
    g_autofree char *not_object = wx_test_db_sqlstate (conn,
      "SELECT * FROM wx_amend($1, 1, '[\"serial\"]')", 1, params);

    g_assert_cmpstr (null_version, ==, "WX400");
    g_assert_cmpstr (not_object, ==, "WX400");
  }
  as_login (conn, NULL);
  stale_version = wx_db_query_value (conn, "SELECT version FROM service_orders WHERE number = $1", 1, params, NULL);
  g_assert_cmpint (atoi (stale_version), ==, version);
}

/* ------------------------------------------------------------ calls */

static void
test_call_log (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxCallRecord call = { "inbound", "enquiry", 0, 0, "黄先生", "020-8758 1480", "M404dn", "问维修价格", "报价 300 元",
                        TRUE, "黄先生", NULL, 0, 0, "广州市越秀区税务局" };
  const char *loggers[] = { coordinator, engineer, supervisor };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) denied = NULL;
  gint64 id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (loggers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *actor = NULL;
      g_autofree char *id_text = NULL;
      const char *params[1];

      as_login (conn, loggers[i]);
      g_assert_true (wx_db_call_log (conn, &call, &id, &error));
      as_login (conn, NULL);
      g_assert_no_error (error);
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      params[0] = id_text;
      actor = wx_db_query_value (conn, "SELECT actor || '|' || unit_name || '|' || phone FROM calls WHERE id = $1::bigint",
                                 1, params, &error);
      assert_text (actor, "%s|广州市越秀区税务局|020-8758 1480", loggers[i]);
    }
  before = checksum (conn);
  as_login (conn, admin);
  g_assert_false (wx_db_call_log (conn, &call, NULL, &denied));
  as_login (conn, NULL);
  g_assert_error (denied, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_assert_cmpstr (denied->message, ==, "Your role cannot log calls.");
  after = checksum (conn);
  g_assert_cmpstr (after, ==, before);
}

static void
test_call_log_refused (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *before = checksum (conn);
  g_autofree char *long_subject = repeat ("问", 201);
  g_autofree char *long_result = repeat ("好", 2001);
  g_autofree char *long_relay = repeat ("转", 61);
  const WxCallRecord good = { "inbound", "enquiry", 0, 0, "黄先生", "020-8758 1480", NULL, "问维修价格", NULL,
                              TRUE, "黄先生", NULL, 0, 0, NULL };
  WxCallRecord bad[14];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    bad[i] = good;
  bad[n++].direction = "sideways";
  bad[n++].purpose = "gossip";
  bad[n++].customer_id = -1;
  bad[n].contact = NULL; bad[n].phone = " "; bad[n++].unit_name = NULL;
  bad[n++].phone = "138 0013 800";
  bad[n++].subject = " ";
  bad[n].reached = FALSE; bad[n++].answered_by = "保安";
  bad[n].answered_by = NULL; bad[n++].relayed_to = "黄先生";
  bad[n].purpose = "notify_pickup"; bad[n].order_id = 1; bad[n++].answered_by = NULL;
  bad[n++].subject = long_subject;
  bad[n++].result = long_result;
  bad[n].answered_by = "保安"; bad[n++].relayed_to = long_relay;
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (bad));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) core = NULL;
      g_autoptr(GError) server = NULL;
      g_autofree char *form = wx_db_call_json (&bad[i]);
      g_autofree char *after = NULL;

      g_assert_false (wx_call_record_check (&bad[i], NULL, &core));
      as_login (conn, coordinator);
      g_assert_false (wx_db_call_submit (conn, form, NULL, &server));
      as_login (conn, NULL);
      g_test_message ("%s", server->message);
      g_assert_cmpstr (server->message, ==, core->message);
      after = checksum (conn);
      g_assert_cmpstr (after, ==, before);
    }

  /* What only the server can tell: the order, the clock, the types. */
  {
    WxCallRecord gone = good, future = good, old = good, promise = good;
    g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL, e6 = NULL;
    g_autofree char *after = NULL;

    gone.order_id = 987654321;
    future.at = now + 3600;
    old.at = now - 40 * 86400;
    promise.promised_reply_at = now + 400 * 86400;
    as_login (conn, coordinator);
    g_assert_false (wx_db_call_log (conn, &gone, NULL, &e1));
    g_assert_false (wx_db_call_log (conn, &future, NULL, &e2));
    g_assert_false (wx_db_call_log (conn, &old, NULL, &e3));
    g_assert_false (wx_db_call_log (conn, &promise, NULL, &e4));
    g_assert_false (wx_db_call_submit (conn, "{\"direction\": \"inbound\", \"subject\": \"报修\", \"contact\": \"王\", \"order_id\": \"1\"}",
                                       NULL, &e5));
    g_assert_false (wx_db_call_submit (conn, "{\"direction\": \"inbound\", \"subject\": \"报修\", \"contact\": \"王\", \"actor\": \"boss\"}",
                                       NULL, &e6));
    as_login (conn, NULL);
    g_assert_error (e1, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
    g_assert_cmpstr (e1->message, ==, "The service order of this call does not exist (any more); the call was not logged.");
    g_assert_cmpstr (e2->message, ==, "A call's time must lie within the last 31 days, not ahead.");
    g_assert_cmpstr (e3->message, ==, "A call's time must lie within the last 31 days, not ahead.");
    g_assert_cmpstr (e4->message, ==, "A promised reply must come after the call and within a year.");
    g_assert_cmpstr (e5->message, ==, "“Order” must be a whole number.");
    g_assert_cmpstr (e6->message, ==, "The form has no field “actor”; nothing was saved.");
    after = checksum (conn);
    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  struct { char **login; const char *name; const char *full_name; const char *group; } staff[] = {
    { &coordinator, "ig_coord",   "测试协调员",   "wx_coordinator" },
    { &engineer,    "ig_eng",     "测试工程师",   "wx_engineer" },
    { &engineer2,   "ig_eng_two", "另一位工程师", "wx_engineer" },
    { &supervisor,  "ig_sup",     "测试主管",     "wx_supervisor" },
    { &admin,       "ig_admin",   "测试管理员",   "wx_admin" },
  };

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("intake_guard", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  /* Staff logins of their own (roles are per cluster: a name per process). */
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      const char *params[] = { NULL, staff[i].full_name, staff[i].group };

      *staff[i].login = g_strdup_printf ("%s_%d", staff[i].name, (int) getpid ());
      params[0] = *staff[i].login;
      g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY[$3])", 3, params, &error));
      g_assert_no_error (error);
    }

  g_test_add_func ("/intake/allowed", test_intake_allowed);
  g_test_add_func ("/intake/refused-roles", test_intake_refused_roles);
  g_test_add_func ("/intake/bad-fields", test_intake_bad_fields);
  g_test_add_func ("/intake/bad-types", test_intake_bad_types);
  g_test_add_func ("/intake/numbers-gap-free", test_intake_numbers);
  g_test_add_func ("/intake/return-repair", test_intake_return_repair);
  g_test_add_func ("/intake/fault-similarity", test_fault_similarity);
  g_test_add_func ("/amend/allowed", test_amend_allowed);
  g_test_add_func ("/amend/engineer", test_amend_engineer);
  g_test_add_func ("/amend/refused", test_amend_refused);
  g_test_add_func ("/calls/log", test_call_log);
  g_test_add_func ("/calls/refused", test_call_log_refused);
  return g_test_run ();
}

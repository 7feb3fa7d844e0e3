/* The front desk's read side against a real database with demo data: the
 * customer lookup by phone fragment and Chinese name, the machine by serial
 * with its history and a return repair (the same rule as intake), the
 * engineers' load and today's visits, the logged-in user, the order's
 * detail (fields, events with names, clocks, calls), the call log's attempt
 * numbers and the pickup notices still to make. Everything runs as a demo
 * coordinator (张伟, SET SESSION AUTHORIZATION: the staff login itself) to
 * prove the grants suffice. */
#include <libpq-fe.h>

#include "core/wx-codes.h"
#include "core/wx-error.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-calls.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-detail.h"
#include "db/wx-db-error.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-lookup.h"
#include "db/wx-db-workflow.h"
#include "wx-test-db.h"

#define COORDINATOR "zhang_wei"   /* 张伟, a demo coordinator */
#define ENGINEER    "li_qiang"    /* 李强, a demo engineer */
#define DAY (24 * 60 * 60)

static char *conninfo;

/* As the staff login itself: the write functions act for the session user. */
static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = role ? g_strdup_printf ("SET SESSION AUTHORIZATION %s", role)
                              : g_strdup ("RESET SESSION AUTHORIZATION");
  wx_test_db_exec (conn, sql);
}

static gint64
real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Runs `sql` as the owner with parameters and returns the first value. */
static char *
owner_value (PGconn *conn, const char *sql, int n, const char * const *params)
{
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, n, params, &error);

  g_assert_no_error (error);
  return v;
}

static char *
new_customer (PGconn *conn, const char *unit, const char *contact, const char *mobile, const char *phone)
{
  const char *params[] = { unit, contact, mobile, phone };

  return owner_value (conn,
    "INSERT INTO customers (unit_name, contact_person, mobile, phone, address)"
    " VALUES ($1, $2, $3, $4, '广州市天河区体育西路 1 号') RETURNING id", 4, params);
}

/* An order of `customer` in `state` (as the owner, who may), received
 * `days_ago` days before now; returns its number. */
static char *
new_order (PGconn *conn, const char *customer, const char *state, const char *serial, int days_ago)
{
  g_autofree char *days = g_strdup_printf ("%d", days_ago);
  const char *params[] = { customer, state, serial, days };

  return owner_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "                            product_name, model, serial, reported_fault, received_at)"
    " SELECT 'carry_in', $2, c.id, c.unit_name, c.address, c.contact_person, coalesce(c.mobile, '13800000000'),"
    "        '激光打印机', 'LaserJet M1005', $3, '卡纸', now() - make_interval(days => $4::integer)"
    "   FROM customers c WHERE c.id = $1::bigint RETURNING number", 4, params);
}

static gboolean
has_customer (GPtrArray *hits, const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (((WxCustomerHit *) g_ptr_array_index (hits, i))->id == g_ascii_strtoll (id, NULL, 10))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ customers */

static void
test_customers (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *hospital = new_customer (conn, "越秀区凤凰街社区卫生服务中心", "王医生", "139 2233 4455", NULL);
  g_autofree char *library = new_customer (conn, "华南理工大学凤凰楼图书馆", "陈老师", NULL, "020-8711 0360");
  g_autofree char *idle = new_customer (conn, "凤凰街道办事处", "刘主任", "13700001111", NULL);
  g_autoptr(GError) error = NULL;

  g_free (new_order (conn, hospital, "archived", "", 200));
  g_free (new_order (conn, library, "received", "", 1));
  g_free (new_order (conn, library, "archived", "", 30));
  set_role (conn, COORDINATOR);

  /* a phone fragment typed with a dash finds the mobile written with spaces */
  {
    g_autoptr(GPtrArray) hits = wx_db_customers_lookup (conn, "2233-44", 0, &error);
    WxCustomerHit *h;

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    h = g_ptr_array_index (hits, 0);
    g_assert_cmpstr (h->name, ==, "越秀区凤凰街社区卫生服务中心");
    g_assert_cmpstr (h->contact, ==, "王医生");
    g_assert_cmpstr (h->mobile, ==, "139 2233 4455");
    g_assert_cmpstr (h->phone, ==, "");
    g_assert_cmpstr (h->address, ==, "广州市天河区体育西路 1 号");
    g_assert_cmpuint (h->n_orders, ==, 1);
    g_assert_cmpint (h->last_order_at, >, real_now () - 201 * DAY);
    g_assert_cmpint (h->last_order_at, <, real_now () - 199 * DAY);
  }
  /* a landline fragment without its dash */
  {
    g_autoptr(GPtrArray) hits = wx_db_customers_lookup (conn, "87110360", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((WxCustomerHit *) g_ptr_array_index (hits, 0))->name, ==, "华南理工大学凤凰楼图书馆");
    g_assert_cmpuint (((WxCustomerHit *) g_ptr_array_index (hits, 0))->n_orders, ==, 2);
  }
  /* a Chinese fragment of the unit or the contact; most recently active first */
  {
    g_autoptr(GPtrArray) hits = wx_db_customers_lookup (conn, " 凤凰 ", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 3);
    /* no order yet: active when created, just now */
    g_assert_cmpstr (((WxCustomerHit *) g_ptr_array_index (hits, 0))->name, ==, "凤凰街道办事处");
    g_assert_cmpuint (((WxCustomerHit *) g_ptr_array_index (hits, 0))->n_orders, ==, 0);
    g_assert_cmpint (((WxCustomerHit *) g_ptr_array_index (hits, 0))->last_order_at, ==, 0);
    g_assert_cmpstr (((WxCustomerHit *) g_ptr_array_index (hits, 1))->name, ==, "华南理工大学凤凰楼图书馆");
    g_assert_cmpstr (((WxCustomerHit *) g_ptr_array_index (hits, 2))->name, ==, "越秀区凤凰街社区卫生服务中心");
  }
  {
    g_autoptr(GPtrArray) by_contact = wx_db_customers_lookup (conn, "刘主任", 0, &error);
    g_autoptr(GPtrArray) limited = wx_db_customers_lookup (conn, "凤凰", 2, &error);
    g_autoptr(GPtrArray) blank = wx_db_customers_lookup (conn, "  ", 0, &error);
    g_autoptr(GPtrArray) short_digits = wx_db_customers_lookup (conn, "44", 0, &error);

    g_assert_no_error (error);
    g_assert_true (has_customer (by_contact, idle));
    g_assert_cmpuint (limited->len, ==, 2);
    g_assert_cmpuint (blank->len, ==, 0);
    g_assert_false (has_customer (short_digits, hospital));
  }
  /* the demo's customers are found by a digit run of their own phones */
  {
    g_autofree char *mobile = wx_test_db_value (conn,
      "SELECT mobile FROM customers WHERE mobile IS NOT NULL AND unit_name NOT LIKE '%凤凰%' ORDER BY id LIMIT 1");
    g_autofree char *fragment = g_strndup (mobile + 3, 6);
    g_autoptr(GPtrArray) hits = wx_db_customers_lookup (conn, fragment, 100, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >=, 1);
    for (guint i = 0; i < hits->len; i++)
      {
        WxCustomerHit *h = g_ptr_array_index (hits, i);
        g_autofree char *phones = g_strconcat (h->mobile, "|", h->phone, NULL);
        g_autoptr(GString) digits = g_string_new (NULL);

        for (const char *p = phones; *p; p++)
          if (g_ascii_isdigit (*p) || *p == '|')
            g_string_append_c (digits, *p);
        g_assert_true (strstr (digits->str, fragment) || strstr (h->name, fragment) || strstr (h->contact, fragment));
      }
  }
  set_role (conn, NULL);
}

/* ------------------------------------------------------------ devices */

static void
test_device (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = new_customer (conn, "广州白云机场物流有限公司", "赵经理", "13533445566", NULL);
  g_autofree char *older = new_order (conn, customer, "archived", "CNBJ-RR-0001", 300);
  g_autofree char *recent = new_order (conn, customer, "archived", "cnbj-rr-0001 ", 40);
  g_autofree char *device = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { recent, older, customer };

  g_assert_true (wx_db_execute (conn,
    "UPDATE service_orders SET picked_up_at = received_at + CASE number WHEN $1 THEN interval '10 days'"
    "                                                                  ELSE interval '5 days' END,"
    "       repair_notes = CASE number WHEN $1 THEN '更换定影组件' ELSE '清洁搓纸轮' END"
    " WHERE number IN ($1, $2)", 2, params, &error));
  device = owner_value (conn,
    "INSERT INTO devices (customer_id, category, brand, model, serial, warranty_expires)"
    " VALUES ($1::bigint, 'laser_printer', 'HP', 'LaserJet M1005', 'CNBJ-RR-0001', current_date + 100)"
    " RETURNING id", 1, &params[2]);
  set_role (conn, COORDINATOR);

  /* handed back 30 days ago: a new order now is a return repair of it */
  {
    g_autoptr(WxDeviceInfo) info = wx_db_device_lookup (conn, "  Cnbj-rr-0001 ", real_now (), &error);
    WxDeviceOrder *o;

    g_assert_no_error (error);
    g_assert_nonnull (info);
    g_assert_cmpint (info->device_id, ==, g_ascii_strtoll (device, NULL, 10));
    g_assert_cmpstr (info->serial, ==, "CNBJ-RR-0001");
    g_assert_cmpstr (info->brand, ==, "HP");
    g_assert_cmpstr (info->model, ==, "LaserJet M1005");
    g_assert_cmpstr (info->product, ==, "激光打印机");
    g_assert_cmpstr (info->customer_name, ==, "广州白云机场物流有限公司");
    g_assert_cmpstr (info->warranty_status, ==, "in_warranty");
    g_assert_cmpuint (strlen (info->warranty_until), ==, 10);
    g_assert_cmpstr (info->contract_number, ==, "");
    g_assert_cmpstr (info->return_of, ==, recent);
    g_assert_cmpint (info->return_picked_up_at, >, real_now () - 31 * DAY);
    g_assert_cmpuint (info->orders->len, ==, 2);
    o = g_ptr_array_index (info->orders, 0);
    g_assert_cmpstr (o->number, ==, recent);
    g_assert_cmpint (o->state, ==, WX_ORDER_STATE_ARCHIVED);
    g_assert_cmpstr (o->repair_notes, ==, "更换定影组件");
    g_assert_cmpstr (o->fault, ==, "卡纸");
    g_assert_cmpint (o->picked_up_at, ==, o->received_at + 10 * DAY);
    g_assert_cmpstr (((WxDeviceOrder *) g_ptr_array_index (info->orders, 1))->number, ==, older);
  }
  /* 110 days on, the last pickup is too old to make a return repair, and the warranty is over */
  {
    g_autoptr(WxDeviceInfo) later = wx_db_device_lookup (conn, "CNBJ-RR-0001", real_now () + 110 * DAY, &error);
    g_assert_no_error (error);
    g_assert_null (later->return_of);
    g_assert_cmpstr (later->warranty_status, ==, "out_of_warranty");
  }
  /* intake applies the same rule: the new order links the same earlier one */
  {
    WxOrderDraft d = { WX_ORDER_KIND_CARRY_IN, "广州白云机场物流有限公司", "", "赵经理", "13533445566",
                       "激光打印机", "LaserJet M1005", "CNBJ-RR-0001", "又卡纸了", NULL, NULL };
    g_auto(WxIntakeResult) r = { 0 };
    g_autoptr(WxDeviceInfo) info = NULL;

    g_assert_true (wx_db_order_create (conn, &d, &r, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (r.return_of, ==, recent);
    info = wx_db_device_lookup (conn, "CNBJ-RR-0001", real_now (), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (info->orders->len, ==, 3);
    g_assert_cmpstr (((WxDeviceOrder *) g_ptr_array_index (info->orders, 0))->number, ==, r.number);
    g_assert_true (((WxDeviceOrder *) g_ptr_array_index (info->orders, 0))->is_return_repair);
    g_assert_cmpint (((WxDeviceOrder *) g_ptr_array_index (info->orders, 0))->picked_up_at, ==, 0);
  }
  /* unknown serial numbers are no error */
  {
    g_autoptr(WxDeviceInfo) none = wx_db_device_lookup (conn, "NO-SUCH-SERIAL", real_now (), &error);
    g_autoptr(WxDeviceInfo) blank = wx_db_device_lookup (conn, " ", real_now (), &error);
    g_assert_no_error (error);
    g_assert_null (none);
    g_assert_null (blank);
  }
  set_role (conn, NULL);

  /* under a contract now */
  {
    const char *contract[] = { customer, device };
    g_autoptr(WxDeviceInfo) info = NULL;

    g_assert_true (wx_db_execute (conn,
      "WITH k AS (INSERT INTO contracts (customer_id, number, starts_on, ends_on)"
      "           VALUES ($1::bigint, 'HT-LK-001', current_date - 10, current_date + 355) RETURNING id)"
      " INSERT INTO contract_devices (contract_id, device_id) SELECT id, $2::bigint FROM k", 2, contract, &error));
    set_role (conn, COORDINATOR);
    info = wx_db_device_lookup (conn, "CNBJ-RR-0001", real_now (), &error);
    set_role (conn, NULL);
    g_assert_no_error (error);
    g_assert_cmpstr (info->warranty_status, ==, "contract");
    g_assert_cmpstr (info->contract_number, ==, "HT-LK-001");
    g_assert_cmpuint (strlen (info->contract_until), ==, 10);
  }
  /* a machine known only from an order */
  {
    g_autofree char *only = new_order (conn, customer, "received", "ORDER-ONLY-77", 2);
    g_autoptr(WxDeviceInfo) info = NULL;

    set_role (conn, COORDINATOR);
    info = wx_db_device_lookup (conn, "order-only-77", real_now (), &error);
    set_role (conn, NULL);
    g_assert_no_error (error);
    g_assert_cmpint (info->device_id, ==, 0);
    g_assert_cmpstr (info->customer_name, ==, "广州白云机场物流有限公司");
    g_assert_cmpstr (info->warranty_status, ==, "unknown");
    g_assert_null (info->return_of);
    g_assert_cmpuint (info->orders->len, ==, 1);
    g_assert_cmpstr (((WxDeviceOrder *) g_ptr_array_index (info->orders, 0))->number, ==, only);
  }
}

/* ------------------------------------------------------------ engineers */

static WxEngineerLoad *
find_engineer (GPtrArray *loads, const char *login)
{
  for (guint i = 0; i < loads->len; i++)
    if (g_str_equal (((WxEngineerLoad *) g_ptr_array_index (loads, i))->login, login))
      return g_ptr_array_index (loads, i);
  return NULL;
}

static void
test_engineers (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GDateTime) fixed = wx_test_fixed_now ();   /* 2026-11-18 15:30 in Shanghai */
  g_autofree char *customer = new_customer (conn, "天河城物业管理处", "黄主管", "13611112222", NULL);
  g_autofree char *a = new_order (conn, customer, "inspecting", "", 1);
  g_autofree char *b = new_order (conn, customer, "inspecting", "", 1);
  g_autofree char *c = new_order (conn, customer, "repairing", "", 2);
  g_autofree char *done = new_order (conn, customer, "repaired", "", 3);
  g_autofree char *visit = NULL;
  g_autofree char *tomorrow = NULL;
  const char *params[] = { a, b, c, done };
  const char *unit[] = { customer };
  g_autoptr(GPtrArray) loads = NULL;
  g_autoptr(GError) error = NULL;
  WxEngineerLoad *e;
  WxAppointment *first, *second;

  wx_test_db_exec (conn,
    "DO $$ BEGIN CREATE ROLE lk_zhao; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
    "GRANT wx_engineer TO lk_zhao;"
    "INSERT INTO staff (role_name, full_name) VALUES ('lk_zhao', '赵工');");
  g_assert_true (wx_db_execute (conn,
    "UPDATE service_orders SET engineer = 'lk_zhao' WHERE number IN ($1, $2, $3, $4)", 4, params, &error));
  visit = owner_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile, reported_fault,"
    "                            engineer, appointment_at)"
    " VALUES ('on_site', 'appointment_booked', $1::bigint, '天河城物业管理处', '天河路 208 号', '13611112222',"
    "         '复印机不进纸', 'lk_zhao', '2026-11-18 10:00+08') RETURNING number", 1, unit);
  tomorrow = owner_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile, reported_fault,"
    "                            engineer, appointment_at)"
    " VALUES ('on_site', 'appointment_booked', $1::bigint, '天河城物业管理处', '天河路 208 号', '13611112222',"
    "         '投影仪无信号', 'lk_zhao', '2026-11-19 09:30+08') RETURNING number", 1, unit);
  {
    const char *v[] = { visit };
    g_assert_true (wx_db_execute (conn,
      "INSERT INTO visits (order_id, engineer, appointment_at, address)"
      " SELECT id, 'lk_zhao', '2026-11-18 14:00+08', '天河路 208 号 B 座 3 楼' FROM service_orders WHERE number = $1",
      1, v, &error));
  }

  set_role (conn, COORDINATOR);
  loads = wx_db_engineers_load (conn, g_date_time_to_unix (fixed), &error);
  set_role (conn, NULL);
  g_assert_no_error (error);

  e = find_engineer (loads, "lk_zhao");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->full_name, ==, "赵工");
  g_assert_true (e->active);
  /* two inspecting, one repairing, one booked visit; the repaired one is back with the front desk */
  g_assert_cmpuint (e->n_assigned, ==, 5);
  g_assert_cmpuint (e->by_state[WX_ORDER_STATE_INSPECTING], ==, 2);
  g_assert_cmpuint (e->by_state[WX_ORDER_STATE_REPAIRING], ==, 1);
  g_assert_cmpuint (e->by_state[WX_ORDER_STATE_APPOINTMENT_BOOKED], ==, 2);
  g_assert_cmpuint (e->by_state[WX_ORDER_STATE_REPAIRED], ==, 0);
  /* today's visits only, by time: the order's 10:00 and the visit's own 14:00 */
  g_assert_cmpuint (e->appointments->len, ==, 2);
  first = &g_array_index (e->appointments, WxAppointment, 0);
  second = &g_array_index (e->appointments, WxAppointment, 1);
  g_assert_cmpstr (first->time, ==, "10:00");
  g_assert_cmpstr (first->number, ==, visit);
  g_assert_cmpstr (first->unit_name, ==, "天河城物业管理处");
  g_assert_cmpstr (first->address, ==, "天河路 208 号");
  g_assert_cmpstr (second->time, ==, "14:00");
  g_assert_cmpstr (second->address, ==, "天河路 208 号 B 座 3 楼");
  g_assert_cmpint (second->at - first->at, ==, 4 * 60 * 60);

  /* the demo's engineers, with what the orders say they hold; coordinators are not listed */
  g_assert_null (find_engineer (loads, COORDINATOR));
  e = find_engineer (loads, ENGINEER);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->full_name, ==, "李强");
  g_assert_cmpint (e->n_assigned, ==, wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders o JOIN workflow_states w USING (state)"
    " WHERE o.engineer = 'li_qiang' AND w.folder = 'with_engineer'"));
  g_assert_cmpint (e->by_state[WX_ORDER_STATE_REPAIRING], ==, wx_test_db_count (conn,
    "SELECT count(*) FROM service_orders WHERE engineer = 'li_qiang' AND state = 'repairing'"));
  {
    guint total = 0;
    for (guint i = 0; i < loads->len; i++)
      total += ((WxEngineerLoad *) g_ptr_array_index (loads, i))->n_assigned;
    g_assert_cmpuint (total, >, 5);
  }
}

/* ------------------------------------------------------------ the user */

static void
test_identity (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;
  g_autofree char *name = NULL;
  g_autofree char *group = NULL;
  WxRole roles = WX_ROLE_NONE;

  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_session_identity (conn, &login, &name, &roles, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (login, ==, "zhang_wei");
  g_assert_cmpstr (name, ==, "张伟");
  g_assert_cmpint (roles, ==, WX_ROLE_COORDINATOR);
  set_role (conn, "zhou_min");
  g_assert_true (wx_db_session_identity (conn, NULL, NULL, &roles, &error));
  g_assert_cmpint (roles, ==, WX_ROLE_SUPERVISOR);
  /* a group role itself, not in staff: its own name */
  set_role (conn, "wx_engineer");
  g_assert_true (wx_db_session_identity (conn, NULL, &group, &roles, &error));
  g_assert_cmpstr (group, ==, "wx_engineer");
  g_assert_cmpint (roles, ==, WX_ROLE_ENGINEER);
  set_role (conn, NULL);
}

/* ------------------------------------------------------------ the detail */

static const WxDetailEvent *
find_event (const WxOrderDetail *d, const char *event)
{
  for (guint i = 0; i < d->events->len; i++)
    if (g_str_equal (g_array_index (d->events, WxDetailEvent, i).event, event))
      return &g_array_index (d->events, WxDetailEvent, i);
  return NULL;
}

static const char *
field (const WxOrderDetail *d, const char *key)
{
  const WxDetailField *f = wx_order_detail_field (d, key);

  if (f == NULL)
    g_error ("the detail has no field %s", key);
  return f->value;
}

static void
step_as (PGconn *conn, const char *role, const char *number, const char *event, const WxStepExtras *extras, ...)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *key;

  va_start (args, extras);
  while ((key = va_arg (args, const char *)))
    g_hash_table_insert (data, (gpointer) key, va_arg (args, char *));
  va_end (args);
  set_role (conn, role);
  wx_db_order_step_full (conn, number, -1, event, data, extras, NULL, &error);
  set_role (conn, NULL);
  if (error)
    g_error ("%s as %s: %s", event, role, error->message);
}

static void
test_detail (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_auto(GStrv) accessories = g_strsplit ("电源线,硒鼓", ",", -1);
  WxOrderDraft d = { WX_ORDER_KIND_CARRY_IN, "广州市第二中学", "越秀区应元路 1 号", "孙老师", "13711223344",
                     "激光打印机", "M404dn 检测样机", "PHCB-DT-0042", "打印有黑线", "out_of_warranty", accessories };
  g_auto(WxIntakeResult) r = { 0 };
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (WxQuoteLineInput));
  WxQuoteLineInput line = { "part", "硒鼓 CF259A", 1, 48000 };
  WxStepExtras quote = { lines };
  WxCallRecord call = { "outbound", "quote", 0, 0, "孙老师", "13711223344", "M404dn", "确认已收到报价", "考虑一下",
                        TRUE, "孙老师", "", 0, 0 };
  g_autoptr(WxOrderDetail) detail = NULL;
  g_autoptr(GError) error = NULL;
  const WxDetailEvent *e;
  const WxDetailField *f;
  gint64 now;

  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_order_create (conn, &d, &r, &error));
  set_role (conn, NULL);
  g_assert_no_error (error);
  step_as (conn, COORDINATOR, r.number, "dispatch_inspection", NULL, "engineer", ENGINEER, NULL);
  step_as (conn, ENGINEER, r.number, "inspect", NULL, "fault_analysis", "硒鼓感光鼓划伤", "suggested_price", "48000", NULL);
  g_array_append_val (lines, line);
  step_as (conn, COORDINATOR, r.number, "quote", &quote, "quote_total", "48000", "quote_method", "phone",
           "quote_told", "孙老师", NULL);
  call.order_id = r.id;
  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_call_log (conn, &call, NULL, &error));
  g_assert_no_error (error);
  now = real_now ();
  detail = wx_db_order_detail_load (conn, r.number, now, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);

  g_assert_cmpstr (detail->number, ==, r.number);
  g_assert_cmpint (detail->id, ==, r.id);
  g_assert_cmpint (detail->kind, ==, WX_ORDER_KIND_CARRY_IN);
  g_assert_cmpint (detail->state, ==, WX_ORDER_STATE_QUOTED);
  g_assert_cmpint (detail->version, ==, wx_test_db_count (conn, "SELECT max(version) FROM service_orders WHERE unit_name = '广州市第二中学'"));

  /* the paper form, section by section */
  for (guint i = 1; i < detail->fields->len; i++)
    g_assert_cmpint (g_array_index (detail->fields, WxDetailField, i - 1).section, <=,
                     g_array_index (detail->fields, WxDetailField, i).section);
  g_assert_cmpint (g_array_index (detail->fields, WxDetailField, detail->fields->len - 1).section, ==, WX_DETAIL_CLOSING);
  f = wx_order_detail_field (detail, "unit_name");
  g_assert_cmpint (f->section, ==, WX_DETAIL_INTAKE);
  g_assert_cmpstr (f->label, ==, "Unit name");
  g_assert_cmpstr (f->value, ==, "广州市第二中学");
  g_assert_cmpstr (field (detail, "number"), ==, r.number);
  g_assert_cmpstr (field (detail, "kind"), ==, "Carry-in");
  g_assert_cmpstr (field (detail, "state"), ==, "Quoted, awaiting decision");
  g_assert_cmpstr (field (detail, "contact_mobile"), ==, "13711223344");
  g_assert_cmpstr (field (detail, "received_by"), ==, "张伟");
  g_assert_true (g_regex_match_simple ("^20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]$",
                                       field (detail, "received_at"), 0, 0));
  g_assert_cmpstr (field (detail, "serial"), ==, "PHCB-DT-0042");
  g_assert_cmpstr (field (detail, "warranty_status"), ==, "Out of warranty");
  g_assert_cmpstr (field (detail, "is_return_repair"), ==, "No");
  g_assert_cmpstr (field (detail, "backup"), ==, "Not applicable");
  g_assert_cmpstr (field (detail, "engineer"), ==, "李强");
  g_assert_cmpstr (field (detail, "inspected_by"), ==, "李强");
  g_assert_cmpstr (field (detail, "fault_analysis"), ==, "硒鼓感光鼓划伤");
  g_assert_cmpstr (field (detail, "suggested_price"), ==, "¥480.00");
  g_assert_cmpstr (field (detail, "quote_total"), ==, "¥480.00");
  g_assert_cmpstr (field (detail, "quote_method"), ==, "By phone");
  g_assert_cmpstr (field (detail, "quote_told"), ==, "孙老师");
  g_assert_cmpstr (field (detail, "decision"), ==, "");
  g_assert_cmpstr (field (detail, "repaired_at"), ==, "");
  g_assert_cmpstr (field (detail, "payment_status"), ==, "Unpaid");
  g_assert_cmpstr (field (detail, "accessories_checked"), ==, "No");
  g_assert_cmpstr (field (detail, "dispatched_at"), !=, "");
  g_assert_cmpstr (wx_detail_section_label (WX_DETAIL_PICKUP), ==, "Notice and pickup");

  /* what was left with the machine, and the quote */
  g_assert_cmpuint (detail->document->accessories->len, ==, 2);
  g_assert_cmpstr (g_array_index (detail->document->accessories, WxDbAccessory, 1).name, ==, "硒鼓");
  g_assert_false (g_array_index (detail->document->accessories, WxDbAccessory, 1).returned);
  g_assert_cmpuint (detail->document->quote_lines->len, ==, 1);
  g_assert_cmpint (g_array_index (detail->document->quote_lines, WxDbQuoteLine, 0).amount, ==, 48000);

  /* who did what, when */
  g_assert_cmpuint (detail->events->len, ==, 4);
  e = &g_array_index (detail->events, WxDetailEvent, 0);
  g_assert_cmpstr (e->event, ==, "received");
  g_assert_cmpstr (e->actor, ==, COORDINATOR);
  g_assert_cmpstr (e->actor_name, ==, "张伟");
  g_assert_cmpint (e->from, ==, -1);
  g_assert_cmpint (e->to, ==, WX_ORDER_STATE_RECEIVED);
  e = find_event (detail, "dispatch_inspection");
  g_assert_cmpstr (e->event_label, ==, "Dispatch for inspection");
  g_assert_cmpstr (e->details, ==, "Engineer: 李强");
  e = find_event (detail, "inspect");
  g_assert_cmpstr (e->actor_name, ==, "李强");
  g_assert_cmpint (e->from, ==, WX_ORDER_STATE_INSPECTING);
  g_assert_cmpint (e->to, ==, WX_ORDER_STATE_INSPECTED);
  g_assert_cmpstr (e->details, ==, "Fault analysis: 硒鼓感光鼓划伤; Suggested price: ¥480.00");
  e = find_event (detail, "quote");
  g_assert_cmpstr (e->actor_name, ==, "张伟");
  g_assert_cmpstr (e->details, ==, "Quote total: ¥480.00; Quoted how: By phone; Who was told: 孙老师");
  g_assert_cmpint (e->at, <=, now);
  g_assert_cmpuint (strlen (e->at_text), ==, 16);

  /* the clocks: dispatched and quoted, the customer's decision running */
  g_assert_cmpint (detail->clocks[WX_CLOCK_DISPATCH].clock, ==, WX_CLOCK_DISPATCH);
  g_assert_cmpstr (detail->clocks[WX_CLOCK_DISPATCH].label, ==, "Dispatch");
  g_assert_cmpint (detail->clocks[WX_CLOCK_DISPATCH].state.status, ==, WX_CLOCK_STATUS_MET);
  g_assert_cmpstr (detail->clocks[WX_CLOCK_DISPATCH].stopped, !=, "");
  g_assert_cmpint (detail->clocks[WX_CLOCK_QUOTE].state.status, ==, WX_CLOCK_STATUS_MET);
  g_assert_cmpint (detail->clocks[WX_CLOCK_DECISION].state.status, ==, WX_CLOCK_STATUS_RUNNING);
  g_assert_cmpstr (detail->clocks[WX_CLOCK_DECISION].status_label, ==, "running");
  g_assert_cmpuint (strlen (detail->clocks[WX_CLOCK_DECISION].due_limit), ==, 16);
  g_assert_cmpstr (detail->clocks[WX_CLOCK_DECISION].stopped, ==, "");
  g_assert_cmpint (detail->clocks[WX_CLOCK_REPAIR].state.status, ==, WX_CLOCK_STATUS_NOT_STARTED);
  g_assert_cmpstr (detail->clocks[WX_CLOCK_REPAIR].due_limit, ==, "");

  /* the call logged for it */
  g_assert_cmpuint (detail->calls->len, ==, 1);
  {
    WxCall *c = g_ptr_array_index (detail->calls, 0);
    g_assert_cmpstr (c->purpose, ==, "quote");
    g_assert_cmpstr (c->contact, ==, "孙老师");
    g_assert_cmpstr (c->result, ==, "考虑一下");
    g_assert_cmpstr (c->order_number, ==, r.number);
    g_assert_cmpstr (c->unit_name, ==, "广州市第二中学");
    g_assert_cmpstr (c->actor_name, ==, "张伟");
    g_assert_cmpuint (c->attempt, ==, 1);
  }
}

static void
test_detail_demo_and_missing (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = wx_test_db_value (conn,
    "SELECT o.number FROM service_orders o WHERE o.state = 'archived'"
    "   AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.event = 'pickup')"
    " ORDER BY o.id LIMIT 1");
  g_autoptr(WxOrderDetail) detail = NULL;
  g_autoptr(WxOrderDetail) missing = NULL;
  g_autoptr(GError) error = NULL;
  const WxDetailEvent *pickup;

  set_role (conn, COORDINATOR);
  detail = wx_db_order_detail_load (conn, number, real_now (), &error);
  g_assert_no_error (error);
  /* a whole life: every event has its actor's name, the pickup says who collected it */
  g_assert_cmpuint (detail->events->len, >=, 8);
  for (guint i = 0; i < detail->events->len; i++)
    {
      const WxDetailEvent *e = &g_array_index (detail->events, WxDetailEvent, i);
      g_assert_cmpstr (e->actor_name, !=, e->actor);
      g_assert_true (wx_workflow_event_known (e->event));
    }
  pickup = find_event (detail, "pickup");
  g_assert_nonnull (strstr (pickup->details, "Picked up by: "));
  g_assert_nonnull (strstr (pickup->details, "Payment: "));
  g_assert_cmpstr (field (detail, "picked_up_at"), !=, "");
  g_assert_cmpstr (field (detail, "invoiced_at"), !=, "");
  g_assert_cmpint (detail->clocks[WX_CLOCK_ENTER].state.status, >=, WX_CLOCK_STATUS_MET);

  /* a booked visit tells its time in the shop's zone */
  {
    g_autofree char *onsite = wx_test_db_value (conn,
      "SELECT o.number FROM service_orders o JOIN order_events e ON e.order_id = o.id"
      " WHERE e.event = 'book_visit' AND e.payload ? 'appointment_at' ORDER BY o.id LIMIT 1");
    g_autoptr(WxOrderDetail) visit = wx_db_order_detail_load (conn, onsite, real_now (), &error);
    const WxDetailEvent *booked;

    g_assert_no_error (error);
    booked = find_event (visit, "book_visit");
    g_assert_true (g_regex_match_simple ("^Appointment: 20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]($|;)",
                                         booked->details, 0, 0));
    g_assert_cmpint (visit->kind, ==, WX_ORDER_KIND_ON_SITE);
  }

  missing = wx_db_order_detail_load (conn, "2099-999999", real_now (), &error);
  set_role (conn, NULL);
  g_assert_null (missing);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no service order 2099-999999.");
}

/* ------------------------------------------------------------ calls */

static GPtrArray *
calls_of_today (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  gint64 now = real_now ();
  GPtrArray *calls = wx_db_calls_list (conn, now - DAY, now + 60, &error);

  g_assert_no_error (error);
  return calls;
}

static void
test_call_attempts (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = new_customer (conn, "广东省博物馆", "周馆员", "13922220000", NULL);
  g_autofree char *number = new_order (conn, customer, "repaired", "", 3);
  g_autofree char *order_id = NULL;
  const char *params[] = { number };
  WxCallRecord call = { "outbound", "notify_pickup", 0, 0, "周馆员", "139 2222 0000", "", "机器已修好，请来取", "无人接听",
                        FALSE, NULL, NULL, 0, 0 };
  gint64 first = 0, second = 0, third = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GError) gone = NULL;

  order_id = owner_value (conn, "SELECT id FROM service_orders WHERE number = $1", 1, params);
  call.order_id = g_ascii_strtoll (order_id, NULL, 10);
  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_call_log (conn, &call, &first, &error));
  g_assert_true (wx_db_call_log (conn, &call, &second, &error));
  g_assert_no_error (error);
  /* a call nobody answered cannot say who answered; nothing is logged */
  call.answered_by = "保安";
  g_assert_false (wx_db_call_log (conn, &call, NULL, &invalid));
  g_assert_error (invalid, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  /* reached through a colleague who passes it on (转告) */
  call.reached = TRUE;
  call.relayed_to = "周馆员";
  call.result = "同事转告";
  g_assert_true (wx_db_call_log (conn, &call, &third, &error));
  g_assert_no_error (error);
  /* an order that does not exist */
  call.order_id = 987654321;
  g_assert_false (wx_db_call_log (conn, &call, NULL, &gone));
  g_assert_error (gone, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);

  {
    g_autoptr(GPtrArray) calls = calls_of_today (conn);
    guint seen = 0;

    for (guint i = 0; i < calls->len; i++)
      {
        WxCall *c = g_ptr_array_index (calls, i);
        if (c->id != first && c->id != second && c->id != third)
          continue;
        seen++;
        g_assert_cmpstr (c->order_number, ==, number);
        g_assert_cmpint (c->customer_id, ==, g_ascii_strtoll (customer, NULL, 10));
        g_assert_cmpstr (c->unit_name, ==, "广东省博物馆");
        g_assert_cmpstr (c->purpose, ==, "notify_pickup");
        g_assert_cmpstr (c->direction, ==, "outbound");
        g_assert_cmpstr (c->phone, ==, "139 2222 0000");
        g_assert_cmpstr (c->actor, ==, COORDINATOR);
        g_assert_cmpstr (c->actor_name, ==, "张伟");
        g_assert_cmpuint (c->attempt, ==, c->id == first ? 1 : c->id == second ? 2 : 3);
        g_assert_true (c->reached == (c->id == third));
        g_assert_cmpstr (c->answered_by, ==, c->id == third ? "保安" : "");
        g_assert_cmpstr (c->relayed_to, ==, c->id == third ? "周馆员" : "");
      }
    g_assert_cmpuint (seen, ==, 3);
  }
  set_role (conn, NULL);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM calls WHERE contact = '周馆员'"), ==, 3);
}

/* A call becomes an on-site order in one step: the order, and the call
 * pointing at it, in one transaction, once. A call the clerk cannot log
 * names the field at fault. */
static void
test_call_to_order (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  WxCallRecord call = { "inbound", "request", 0, 0, "马主任", "020-8765 4321", "惠普 M1005", "打印机卡纸，请上门",
                        "约明天上午", TRUE, "马主任", NULL, 0, 0, "天河区税务局" };
  WxCallRecord nobody = { "inbound", "enquiry", 0, 0, NULL, NULL, NULL, "问价格", NULL, TRUE, NULL, NULL, 0, 0, NULL };
  WxCallRecord silent = { "inbound", "enquiry", 0, 0, "马主任", NULL, NULL, " ", NULL, TRUE, NULL, NULL, 0, 0, NULL };
  WxOrderDraft d = { WX_ORDER_KIND_ON_SITE, "天河区税务局", "天河区体育东路 1 号", "马主任", "020-8765 4321",
                     "激光打印机", "惠普 M1005", "", "打印机卡纸", NULL, NULL };
  g_auto(WxIntakeResult) made = { 0 };
  g_auto(WxIntakeResult) again = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) twice = NULL;
  g_autoptr(GError) missing = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *expected = NULL;
  const char *field = NULL;
  gint64 id = 0;

  g_assert_false (wx_call_record_check (&nobody, &field, &missing));
  g_assert_cmpstr (field, ==, "contact");
  g_clear_error (&missing);
  g_assert_false (wx_call_record_check (&silent, &field, &missing));
  g_assert_cmpstr (field, ==, "subject");

  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_call_log (conn, &call, &id, &error));
  g_assert_no_error (error);
  d.call_id = id;
  g_assert_true (wx_db_order_create (conn, &d, &made, &error));
  g_assert_no_error (error);
  g_assert_false (wx_db_order_create (conn, &d, &again, &twice));
  g_assert_error (twice, WX_DB_ERROR, WX_DB_ERROR_CONFLICT);
  set_role (conn, NULL);
  call_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  linked = owner_value (conn, "SELECT o.number || ' ' || o.state || ' ' || c.unit_name FROM calls c"
                              " JOIN service_orders o ON o.id = c.order_id AND o.customer_id = c.customer_id"
                              " WHERE c.id = $1::bigint", 1, (const char *[]) { call_id });
  expected = g_strconcat (made.number, " call_logged 天河区税务局", NULL);
  g_assert_cmpstr (linked, ==, expected);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM service_orders WHERE unit_name = '天河区税务局'"), ==, 1);
}

/* The notice that finally reaches the customer, taken as the workflow's
 * 'notify' step, counts the unanswered calls before it. */
static void
test_call_attempts_of_step (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = new_customer (conn, "广州市档案馆", "罗科长", "13922221111", NULL);
  g_autofree char *number = new_order (conn, customer, "repaired", "", 3);
  g_autofree char *order_id = NULL;
  g_autofree char *attempts = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  const char *params[] = { number };
  WxCallRecord call = { "outbound", "notify_pickup", 0, 0, "罗科长", "139 2222 1111", "", "机器已修好，请来取", "无人接听",
                        FALSE, NULL, NULL, 0, 0 };
  WxTransitionResult result = { 0 };
  g_autoptr(GError) error = NULL;

  order_id = owner_value (conn, "SELECT id FROM service_orders WHERE number = $1", 1, params);
  call.order_id = g_ascii_strtoll (order_id, NULL, 10);
  set_role (conn, COORDINATOR);
  g_assert_true (wx_db_call_log (conn, &call, NULL, &error));
  g_assert_no_error (error);
  g_hash_table_insert (data, "answered_by", "罗科长");
  g_assert_true (wx_db_order_step (conn, number, "notify", data, &result, &error));
  g_assert_no_error (error);
  set_role (conn, NULL);
  attempts = owner_value (conn, "SELECT string_agg(attempt::text || ':' || reached, ',' ORDER BY id)"
                                "  FROM calls WHERE order_id = $1::bigint", 1, (const char *[]) { order_id });
  g_assert_cmpstr (attempts, ==, "1:false,2:true");
}

static gboolean
pending_has (GPtrArray *pending, const char *number, guint *attempts)
{
  for (guint i = 0; i < pending->len; i++)
    {
      WxNotifyPending *p = g_ptr_array_index (pending, i);
      if (g_str_equal (p->number, number))
        {
          if (attempts)
            *attempts = p->attempts;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_notify_pending (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = new_customer (conn, "中山大学南校区后勤处", "吴老师", "13633334444", NULL);
  g_autofree char *untried = new_order (conn, customer, "repaired", "", 2);
  g_autofree char *yesterday = new_order (conn, customer, "repaired", "", 2);
  g_autofree char *today = new_order (conn, customer, "repaired", "", 2);
  g_autofree char *reached = new_order (conn, customer, "declined", "", 2);
  g_autofree char *declined = new_order (conn, customer, "declined", "", 2);
  g_autofree char *notified = new_order (conn, customer, "notified", "", 2);
  const char *params[] = { yesterday, today, reached };
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) tomorrow = NULL;
  g_autoptr(GError) error = NULL;
  guint attempts = 99;

  /* yesterday's unanswered attempt, as the owner may write it */
  g_assert_true (wx_db_execute (conn,
    "INSERT INTO calls (at, direction, purpose, order_id, customer_id, contact, reached, attempt)"
    " SELECT now() - interval '1 day', 'outbound', 'notify_pickup', id, customer_id, '吴老师', false, 1"
    "   FROM service_orders WHERE number = $1", 1, params, &error));
  set_role (conn, COORDINATOR);
  {
    WxCallRecord no_answer = { "outbound", "notify_pickup", 0, 0, "吴老师", NULL, NULL, NULL, "无人接听",
                               FALSE, NULL, NULL, 0, 0 };
    WxCallRecord answered = { "outbound", "notify_pickup", 0, 0, "吴老师", NULL, NULL, NULL, "下午来取",
                              TRUE, "吴老师", NULL, 0, 0 };
    const char *one[] = { today };
    const char *other[] = { reached };
    g_autofree char *today_id = wx_db_query_value (conn, "SELECT id FROM service_orders WHERE number = $1", 1, one, &error);
    g_autofree char *reached_id = wx_db_query_value (conn, "SELECT id FROM service_orders WHERE number = $1", 1, other, &error);

    no_answer.order_id = g_ascii_strtoll (today_id, NULL, 10);
    answered.order_id = g_ascii_strtoll (reached_id, NULL, 10);
    g_assert_true (wx_db_call_log (conn, &no_answer, NULL, &error));
    g_assert_true (wx_db_call_log (conn, &answered, NULL, &error));
    g_assert_no_error (error);
  }
  pending = wx_db_notify_pending (conn, real_now (), &error);
  tomorrow = wx_db_notify_pending (conn, real_now () + DAY, &error);
  set_role (conn, NULL);
  g_assert_no_error (error);

  g_assert_true (pending_has (pending, untried, &attempts));
  g_assert_cmpuint (attempts, ==, 0);
  g_assert_true (pending_has (pending, declined, NULL));
  /* tried yesterday without an answer: back today, with its attempt */
  g_assert_true (pending_has (pending, yesterday, &attempts));
  g_assert_cmpuint (attempts, ==, 1);
  /* tried today without an answer: tomorrow */
  g_assert_false (pending_has (pending, today, NULL));
  g_assert_true (pending_has (tomorrow, today, &attempts));
  g_assert_cmpuint (attempts, ==, 1);
  /* reached, or already notified: never */
  g_assert_false (pending_has (pending, reached, NULL));
  g_assert_false (pending_has (tomorrow, reached, NULL));
  g_assert_false (pending_has (pending, notified, NULL));
  /* every one is repaired or declined; the demo's too */
  g_assert_cmpuint (pending->len, >=, 3);
  for (guint i = 0; i < pending->len; i++)
    {
      WxNotifyPending *p = g_ptr_array_index (pending, i);
      g_assert_true (p->state == WX_ORDER_STATE_REPAIRED || p->state == WX_ORDER_STATE_DECLINED);
      g_assert_cmpint (p->ready_at, >, 0);
      if (i > 0)
        g_assert_cmpint (((WxNotifyPending *) g_ptr_array_index (pending, i - 1))->ready_at, <=, p->ready_at);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("lookup", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  if (!wx_db_demo_load (conn, 160, now, &error))
    g_error ("demo data: %s", error->message);

  g_test_add_func ("/lookup/customers", test_customers);
  g_test_add_func ("/lookup/device", test_device);
  g_test_add_func ("/lookup/engineers", test_engineers);
  g_test_add_func ("/lookup/identity", test_identity);
  g_test_add_func ("/detail/fields-events-clocks-calls", test_detail);
  g_test_add_func ("/detail/demo-and-missing", test_detail_demo_and_missing);
  g_test_add_func ("/calls/attempts", test_call_attempts);
  g_test_add_func ("/calls/attempts-of-step", test_call_attempts_of_step);
  g_test_add_func ("/calls/to-order", test_call_to_order);
  g_test_add_func ("/calls/notify-pending", test_notify_pending);
  return g_test_run ();
}

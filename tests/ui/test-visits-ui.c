/* The on-site visit dialog and the route list under Xvfb, against a demo
 * database, as a demo engineer (李强, his own login): an on-site order goes
 * contact → booking → arrival → taken back through the dialog, each step
 * one save, and lands on shelf S1 (state received) with its visit; a
 * booking in the past is refused next to its field, the dialog stays open
 * and nothing changes; the engineer's route of the day lists the demo's
 * visits by time. PNGs of the dialog (taking the machine back) and of the
 * route go to the build directory. */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-error.h"
#include "core/wx-i18n.h"
#include "core/wx-route-stop.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-board.h"
#include "db/wx-db-demo.h"
#include "gui/dialogs/wx-visit-dialog.h"
#include "gui/wx-route-list.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

#define ENGINEER "li_qiang"   /* 李强, a demo engineer */

static char *conninfo;
static WxDbWorker *worker;
static GtkWindow *parent;
static gboolean chinese;

/* ------------------------------------------------------------- helpers */

static char *
scalar (PGconn *conn, const char *sql, const char *number)
{
  const char *params[] = { number };
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, number ? 1 : 0, params, &error);

  g_assert_no_error (error);
  return v ? v : g_strdup ("");
}

/* The order as a card shows it now (its current version). */
static WxOrder *
load_order (PGconn *conn, const char *number)
{
  g_autofree char *id = scalar (conn, "SELECT id FROM service_orders WHERE number = $1", number);
  gint64 ids[] = { g_ascii_strtoll (id, NULL, 10) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wx_db_board_load_ids (conn, ids, 1, g_get_real_time () / G_USEC_PER_SEC, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 1);
  return g_object_ref (g_ptr_array_index (cards, 0));
}

/* A dialog for `step` on the order as it is now, prefilled from the order. */
static WxVisitDialog *
open_dialog (PGconn *conn, const char *number, WxVisitStep step)
{
  g_autoptr(WxOrder) order = load_order (conn, number);
  WxVisitDialog *dialog = wx_visit_dialog_new (parent, worker, order, step);
  gboolean loaded = FALSE;

  g_signal_connect (dialog, "loaded", G_CALLBACK (wx_test_set_flag_cb), &loaded);
  gtk_window_present (GTK_WINDOW (dialog));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the order's details");
  return dialog;
}

typedef struct {
  gboolean  done;
  GError   *error;
} Finished;

static void
finished_cb (WxVisitDialog *dialog, const GError *error, Finished *f)
{
  f->done = TRUE;
  g_clear_error (&f->error);
  f->error = error ? g_error_copy (error) : NULL;
}

/* Saves and waits; returns the error (NULL: the step was taken). */
static GError *
save (WxVisitDialog *dialog)
{
  Finished f = { 0 };
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &f);

  wx_visit_dialog_save (dialog);
  wx_test_spin_until (wx_test_flag_set, &f.done, "the step");
  if (f.error)
    g_signal_handler_disconnect (dialog, id);
  return f.error;
}

static void
save_ok (WxVisitDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWindow) alive = GTK_WINDOW (g_object_ref (dialog));

  error = save (dialog);
  if (error)
    g_error ("%s: %s", wx_visit_step_to_code (wx_visit_dialog_get_step (dialog)), error->message);
  /* done: the dialog closed itself */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (alive)));
}

/* ------------------------------------------------------------- the flow */

static void
test_flow (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GTimeZone) zone = wx_visit_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  /* 10:00 the next working day (Monday to Saturday as shipped): inside the
   * opening hours whatever the hour of the run. */
  g_autoptr(GDateTime) next = g_date_time_add_days (now, g_date_time_get_day_of_week (now) == 6 ? 2 : 1);
  g_autoptr(GDateTime) soon = g_date_time_new (zone, g_date_time_get_year (next), g_date_time_get_month (next),
                                               g_date_time_get_day_of_month (next), 10, 0, 0);
  g_autofree char *appointment = g_date_time_format (soon, "%Y-%m-%d %H:%M");
  g_autofree char *number = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *contact = NULL;
  WxVisitDialog *dialog;

  /* an on-site order the coordinator dispatched to 李强 */
  number = scalar (conn,
    "WITH o AS (INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person,"
    "                                       contact_mobile, product_name, model, reported_fault, engineer, dispatched_at)"
    "           SELECT 'on_site', 'onsite_dispatched', id, unit_name, '广州市天河区体育西路 103 号 维多利广场 B 座 18 楼',"
    "                  '陈老师', '13926087731', '激光打印机', 'HP LaserJet Pro M404dn', '卡纸，打印有竖黑线',"
    "                  'li_qiang', now()"
    "             FROM customers ORDER BY id LIMIT 1 RETURNING id, number),"
    " e AS (INSERT INTO order_events (order_id, event, from_state, to_state)"
    "       SELECT id, 'dispatch_onsite', 'call_logged', 'onsite_dispatched' FROM o)"
    " SELECT number FROM o", NULL);

  /* the call to the customer: the contact is the order's */
  dialog = open_dialog (conn, number, WX_VISIT_STEP_CONTACT);
  contact = wx_visit_dialog_get_value (dialog, "contact");
  g_assert_cmpstr (contact, ==, "陈老师");
  g_assert_true (wx_visit_dialog_set_value (dialog, "note", "卡纸在定影器附近，带定影组件备用"));
  save_ok (dialog);

  /* booking: a time in the past is refused at its field; nothing changes */
  dialog = open_dialog (conn, number, WX_VISIT_STEP_BOOK);
  g_assert_true (wx_visit_dialog_set_value (dialog, "appointment", "2020-01-06 10:00"));
  before = scalar (conn, "SELECT version || state || (SELECT count(*) FROM visits v WHERE v.order_id = o.id)"
                         "  FROM service_orders o WHERE number = $1", number);
  {
    g_autoptr(GError) error = save (dialog);

    g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (wx_visit_dialog_get_message (dialog, "appointment"), !=, "");
  g_test_message ("refused: %s", wx_visit_dialog_get_message (dialog, "appointment"));
  after = scalar (conn, "SELECT version || state || (SELECT count(*) FROM visits v WHERE v.order_id = o.id)"
                        "  FROM service_orders o WHERE number = $1", number);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (wx_visit_dialog_set_value (dialog, "appointment", appointment));
  {
    g_autofree char *address = wx_visit_dialog_get_value (dialog, "address");
    g_assert_cmpstr (address, ==, "广州市天河区体育西路 103 号 维多利广场 B 座 18 楼");
  }
  save_ok (dialog);
  g_assert_cmpstr (scalar (conn, "SELECT state FROM service_orders WHERE number = $1", number), ==, "appointment_booked");

  /* arrival, now: the order came from a call without a serial, so the
   * engineer reads it off the machine's label and types it in; the order
   * gets it and the machine is added to the records */
  dialog = open_dialog (conn, number, WX_VISIT_STEP_ARRIVE);
  {
    GtkWidget *serial = wx_visit_dialog_get_field (dialog, "serial");

    g_assert_nonnull (serial);
    wx_test_xdo_click_into (serial);
    wx_test_xdo_type (GTK_WINDOW (dialog), "VNB3K12345", 30);
  }
  wx_test_screenshot (GTK_WIDGET (dialog), "visit-arrive-serial");
  {
    g_autoptr(GtkWindow) alive = GTK_WINDOW (g_object_ref (dialog));
    Finished f = { 0 };

    g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &f);
    wx_test_xdo_key (GTK_WINDOW (dialog), "ctrl+Return");
    wx_test_spin_until (wx_test_flag_set, &f.done, "the arrival");
    g_assert_no_error (f.error);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (alive)));
  }
  {
    g_autofree char *machine = scalar (conn,
      "SELECT o.serial || '|' || d.serial || '|' || (d.customer_id = o.customer_id)::text"
      "  FROM service_orders o JOIN devices d ON d.id = o.device_id WHERE o.number = $1", number);
    g_assert_cmpstr (machine, ==, "VNB3K12345|VNB3K12345|true");
  }

  /* taken back: the take-back fields only, the customer signs, the customer copy handed over */
  dialog = open_dialog (conn, number, WX_VISIT_STEP_OUTCOME);
  g_assert_false (wx_visit_dialog_set_value (dialog, "appearance", "x"));   /* not a field of "fixed" */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.outcome", "s", "taken_back");
  g_assert_true (wx_visit_dialog_set_value (dialog, "accessories", "电源线, USB 数据线"));
  g_assert_true (wx_visit_dialog_set_value (dialog, "appearance", "外壳左侧有划痕，纸盒完好"));
  g_assert_false (wx_visit_dialog_set_value (dialog, "repair_notes", "x"));
  g_assert_true (wx_visit_dialog_set_value (dialog, "copy_handed", "true"));
  {
    /* unsigned: refused at the signature */
    g_autoptr(GError) error = save (dialog);
    g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING);
    g_assert_cmpstr (wx_visit_dialog_get_message (dialog, "customer_signed"), !=, "");
  }
  g_assert_true (wx_visit_dialog_set_value (dialog, "customer_signed", "true"));
  wx_test_screenshot (GTK_WIDGET (dialog), "visit-dialog");
  save_ok (dialog);

  /* on shelf S1, with its visit, its call, its accessories */
  g_assert_cmpstr (scalar (conn, "SELECT state FROM service_orders WHERE number = $1", number), ==, "received");
  g_assert_cmpint (wx_workflow_state_info (WX_ORDER_STATE_RECEIVED)->shelf, ==, WX_SHELF_S1);
  g_assert_cmpstr (scalar (conn, "SELECT string_agg(e.event || ':' || e.actor, ',' ORDER BY e.id) FROM order_events e"
                                 "  JOIN service_orders o ON o.id = e.order_id WHERE o.number = $1 AND e.event <> 'dispatch_onsite'",
                           number), ==, "contact_customer:li_qiang,book_visit:li_qiang,arrive:li_qiang,take_back:li_qiang");
  g_assert_cmpstr (scalar (conn, "SELECT v.outcome || '|' || v.contact || '|' || v.customer_signed || '|' || v.copy_handed"
                                 "  FROM visits v JOIN service_orders o ON o.id = v.order_id WHERE o.number = $1", number),
                   ==, "taken_back|陈老师|true|true");
  g_assert_cmpstr (scalar (conn, "SELECT count(*) FROM calls c JOIN service_orders o ON o.id = c.order_id"
                                 " WHERE o.number = $1 AND c.purpose = 'appointment' AND c.actor = 'li_qiang'", number), ==, "1");
  g_assert_cmpstr (scalar (conn, "SELECT string_agg(a.name, ',' ORDER BY a.position) FROM order_accessories a"
                                 "  JOIN service_orders o ON o.id = a.order_id WHERE o.number = $1", number), ==, "电源线,USB 数据线");
  g_assert_cmpstr (scalar (conn, "SELECT appearance_check FROM service_orders WHERE number = $1", number), ==, "外壳左侧有划痕，纸盒完好");
}

/* ------------------------------------------------------------- the route */

static GDateTime *today;   /* 10:00 in the shop, today */

static void
loaded_cb (WxRouteList *list, const GError *error, gpointer user_data)
{
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_route (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  WxRouteList *route = wx_route_list_new ();
  gint64 now = g_date_time_to_unix (today);
  gboolean loaded = FALSE;
  GListModel *model;

  gtk_window_set_default_size (window, 520, 620);
  gtk_window_set_title (window, _("Route"));
  gtk_window_set_child (window, GTK_WIDGET (route));
  g_signal_connect (route, "loaded", G_CALLBACK (loaded_cb), &loaded);
  wx_route_list_load (route, worker, ENGINEER, now);
  gtk_window_present (window);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the route");

  /* the demo's two visits for 李强 today (one more when the flow's booking is today) */
  model = wx_route_list_get_model (route);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WxRouteStop) stop = g_list_model_get_item (model, i);
      const WxRouteStopData *d = wx_route_stop_get_data (stop);

      g_assert_cmpstr (d->engineer, ==, ENGINEER);
      g_assert_cmpstr (d->engineer_name, ==, "李强");
      g_assert_cmpstr (d->address, !=, "");
      g_assert_cmpstr (d->contact, !=, "");
      if (i > 0)
        {
          g_autoptr(WxRouteStop) prev = g_list_model_get_item (model, i - 1);
          g_assert_cmpint (wx_route_stop_get_data (prev)->appointment_at, <=, d->appointment_at);
        }
    }
  wx_test_screenshot (GTK_WIDGET (window), "route");
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *engineer_conninfo = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  adw_init ();
  /* Screenshots show states, not CSS transitions half way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  chinese = wx_test_ui_chinese ();
  conninfo = wx_test_db_create (chinese ? "visits_ui_zh" : "visits_ui", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  /* Today in the shop at 10:00, whatever the hour of the run: the demo's
   * visits are booked in the hours after it, all on the same day. */
  {
    g_autoptr(GTimeZone) shop = g_time_zone_new_identifier ("Asia/Shanghai");
    g_autoptr(GDateTime) local = g_date_time_new_now (shop);

    today = g_date_time_new (shop, g_date_time_get_year (local), g_date_time_get_month (local),
                             g_date_time_get_day_of_month (local), 10, 0, 0);
  }
  g_assert_true (wx_db_demo_load (conn, 60, now, &error));
  g_assert_true (wx_db_demo_visits_today (conn, today, NULL, &error));
  g_assert_no_error (error);

  /* 李强's own login, as at his bench */
  engineer_conninfo = wx_db_conninfo_with (conninfo, "user", ENGINEER);
  worker = wx_db_worker_new (engineer_conninfo);
  parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (parent, 800, 600);

  g_test_add_func ("/ui/visits/contact-book-arrive-take-back", test_flow);
  g_test_add_func ("/ui/visits/route", test_route);
  return g_test_run ();
}

/* The records window (资料) on a fresh install (no demo), as a front-desk
 * supervisor's own login, driven through its pages' actions: a supplier
 * added on the Suppliers page, a catalogue part of that supplier on the
 * Parts page (then received into stock and shown with its count), a
 * refused duplicate supplier with its sentence and nothing written, two
 * customers typed twice marked as possible duplicates, a machine whose
 * warranty follows from its purchase date. Screenshots records-*.png. */
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-shop.h"
#include "gui/wx-records-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

static char *conninfo;
static char *login;
static WxDbWorker *worker;
static PGconn *conn;       /* the owner's, to check */

typedef struct {
  gboolean  done;
  GError   *error;
} Saved;

static void
saved_cb (GtkWidget *page, const char *what, const GError *error, Saved *s)
{
  s->done = TRUE;
  g_clear_error (&s->error);
  s->error = error ? g_error_copy (error) : NULL;
}

static gboolean
saved_done (gpointer data)
{
  return ((Saved *) data)->done;
}

/* Shows `kind`'s page and waits for it to load (again). */
static WxRecordsPage *
show_page (WxRecordsWindow *window, WxDbRecordKind kind, const char *name)
{
  WxRecordsPage *page = wx_records_window_get_page (window, kind);
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_STACK));

  gtk_stack_set_visible_child_name (stack, name);
  wx_page_reload (WX_PAGE (page));
  wx_test_spin_until (wx_test_flag_set, &loaded, name);
  g_signal_handler_disconnect (page, id);
  return page;
}

/* Fills the side form from `pairs` (key, value, …, NULL), saves, waits for
 * "saved" and the list's reload. */
static void
save_form (WxRecordsPage *page, gboolean as_new, Saved *s, ...)
{
  va_list ap;
  const char *key;
  gboolean loaded = FALSE;
  gulong id;

  if (as_new)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "records.new", NULL));
  va_start (ap, s);
  while ((key = va_arg (ap, const char *)) != NULL)
    g_assert_true (wx_list_page_set_value (WX_LIST_PAGE (page), key, va_arg (ap, const char *)));
  va_end (ap);
  id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  s->done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "records.save", NULL));
  wx_test_spin_until (saved_done, s, "records.save");
  if (s->error == NULL)
    wx_test_spin_until (wx_test_flag_set, &loaded, "the list after saving");
  g_signal_handler_disconnect (page, id);
}

static gboolean
list_has (WxRecordsPage *page, const char *label, gboolean *alert)
{
  GPtrArray *items = wx_list_page_get_items (WX_LIST_PAGE (page));

  for (guint i = 0; items && i < items->len; i++)
    {
      WxDbRecord *r = g_ptr_array_index (items, i);

      if (strstr (r->label, label))
        {
          if (alert)
            *alert = r->duplicate_of != NULL || (r->kind == WX_DB_RECORD_PART && r->stock < r->min_stock);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_records_window (void)
{
  WxRecordsWindow *window = wx_records_window_new (GTK_APPLICATION (wx_test_ui_app ()), worker, "suppliers");
  WxRecordsPage *page;
  Saved s = { 0 };
  g_autofree char *supplier = NULL;
  g_autofree char *part = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean alert = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));

  /* Suppliers: a fresh install has none; the supervisor adds one. */
  page = show_page (window, WX_DB_RECORD_SUPPLIER, "suppliers");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  save_form (page, TRUE, &s, "name", "广州惠普配件中心", "phone", "020-38881234", "contact", "黄经理",
             "payment_terms", "monthly", "supplies", "定影组件、搓纸轮", NULL);
  g_assert_no_error (s.error);
  supplier = wx_test_db_value (conn, "SELECT id || '/' || payment_terms || '/' || contact FROM suppliers");
  g_assert_true (g_str_has_suffix (supplier, "/monthly/黄经理"));
  g_assert_true (list_has (page, "广州惠普配件中心", NULL));
  /* The same name again, typed with a full-width space: refused, nothing written. */
  before = wx_test_db_value (conn, "SELECT count(*) || '/' || (SELECT count(*) FROM record_events) FROM suppliers");
  save_form (page, TRUE, &s, "name", "广州惠普配件中心　", NULL);
  g_assert_nonnull (s.error);
  g_assert_nonnull (strstr (wx_records_page_get_message (page), "广州惠普配件中心"));
  after = wx_test_db_value (conn, "SELECT count(*) || '/' || (SELECT count(*) FROM record_events) FROM suppliers");
  g_assert_cmpstr (before, ==, after);
  wx_test_screenshot (GTK_WIDGET (window), "records-suppliers-refused");
  g_signal_handlers_disconnect_by_data (page, &s);

  /* Parts: a catalogue part of that supplier, then received into stock. */
  page = show_page (window, WX_DB_RECORD_PART, "parts");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  {
    g_autofree char *sid = wx_test_db_value (conn, "SELECT id FROM suppliers");

    save_form (page, TRUE, &s, "part_number", "RM2-5425", "name", "定影组件", "unit_price", "45000",
               "cost", "30000", "min_stock", "2", "bin_location", "A-01", "fits_models", "LaserJet P1108, M1136",
               "supplier_id", sid, NULL);
  }
  g_assert_no_error (s.error);
  part = wx_test_db_value (conn, "SELECT part_number || '/' || (supplier_id IS NOT NULL) FROM parts");
  g_assert_cmpstr (part, ==, "RM2-5425/true");
  g_assert_true (list_has (page, "RM2-5425", &alert));
  g_assert_true (alert);   /* none in stock, two wanted */
  g_assert_cmpint (wx_db_stock_receive (conn, wx_db_part_find (conn, "RM2-5425", NULL), 3, 0, 30000, NULL,
                                        NULL, &error), ==, 3);
  g_assert_no_error (error);
  page = show_page (window, WX_DB_RECORD_PART, "parts");
  g_assert_true (list_has (page, "RM2-5425", &alert));
  g_assert_false (alert);
  wx_test_screenshot (GTK_WIDGET (window), "records-parts");
  g_signal_handlers_disconnect_by_data (page, &s);

  /* Customers: the same unit typed twice is marked. */
  page = show_page (window, WX_DB_RECORD_CUSTOMER, "customers");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  save_form (page, TRUE, &s, "unit_name", "广州市天河区人民法院", "contact_person", "赵书记员",
             "mobile", "13900001111", NULL);
  g_assert_no_error (s.error);
  save_form (page, TRUE, &s, "unit_name", "广州市天河区 人民法院", "phone", "020-85551234", NULL);
  g_assert_no_error (s.error);
  g_assert_true (list_has (page, "广州市天河区 人民法院", &alert));
  g_assert_true (alert);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "records.select", "x",
                                             (gint64) wx_test_db_count (conn, "SELECT max(id) FROM customers")));
  wx_test_screenshot (GTK_WIDGET (window), "records-customers");
  g_signal_handlers_disconnect_by_data (page, &s);

  /* Machines: the warranty follows from the purchase date (12 months). */
  page = show_page (window, WX_DB_RECORD_DEVICE, "machines");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  {
    g_autofree char *cid = wx_test_db_value (conn, "SELECT min(id) FROM customers");

    save_form (page, TRUE, &s, "customer_id", cid, "category", "laser_printer", "brand", "HP",
               "model", "LaserJet P1108", "serial", "VNC3K01234", "purchase_date", "2026-03-15", NULL);
  }
  g_assert_no_error (s.error);
  expires = wx_test_db_value (conn, "SELECT warranty_expires FROM devices WHERE serial = 'VNC3K01234'");
  g_assert_cmpstr (expires, ==, "2027-03-15");
  g_assert_true (list_has (page, "VNC3K01234", NULL));
  wx_test_screenshot (GTK_WIDGET (window), "records-machines");
  g_signal_handlers_disconnect_by_data (page, &s);
  g_clear_error (&s.error);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autofree char *staff_conninfo = NULL;
  gboolean chinese;
  const char *params[1];
  g_autoptr(GError) error = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  chinese = wx_test_ui_chinese ();
  conninfo = wx_test_db_create (chinese ? "records_ui_zh" : "records_ui", TRUE);
  conn = wx_test_db_connect (conninfo);
  /* A login in the front desk's and the supervisor's groups (roles are the
   * cluster's: a name per process). */
  login = g_strdup_printf ("rec_ui_%d", (int) getpid ());
  params[0] = login;
  g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, '资料员', ARRAY['wx_coordinator', 'wx_supervisor'])",
                                1, params, &error));
  g_assert_no_error (error);
  staff_conninfo = wx_db_conninfo_with (conninfo, "user", login);
  worker = wx_db_worker_new (staff_conninfo);

  g_test_add_func ("/ui/records/window", test_records_window);
  return g_test_run ();
}

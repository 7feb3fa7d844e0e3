/* The records window (资料) on a fresh install (no demo), as a front-desk
 * supervisor's own login, driven through its pages' actions: a supplier
 * added on the Suppliers page, a catalogue part of that supplier on the
 * Parts page (then received into stock and shown with its count), a
 * refused duplicate supplier with its sentence and nothing written, two
 * customers typed twice marked as possible duplicates, a machine whose
 * warranty follows from its purchase date. Then with the keys and the
 * mouse (xdotool): stock received and counted on the Parts page (a
 * negative count refused with its sentence), a customer's orders with
 * their prices and unpaid balance, and the duplicate merged into the
 * first after the question, its order moving. Screenshots records-*.png. */
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include <glib/gstdio.h>

#include "core/wx-fields.h"
#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-shop.h"
#include "gui/wx-records-window.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

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

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 760);
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

    save_form (page, TRUE, &s, "part_number", "RM2-5425", "name", "定影组件", "unit_price", "450",
               "cost", "300.00", "min_stock", "2", "bin_location", "A-01", "fits_models", "LaserJet P1108, M1136",
               "supplier_id", sid, NULL);
  }
  g_assert_no_error (s.error);
  /* the prices typed in yuan are kept in fen */
  part = wx_test_db_value (conn, "SELECT part_number || '/' || (supplier_id IS NOT NULL) || '/' || unit_price"
                                 " || '/' || cost FROM parts");
  g_assert_cmpstr (part, ==, "RM2-5425/true/45000/30000");
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

/* ------------------------------------------------------------ keys and clicks */

static gboolean
is_row_of (GtkWidget *widget, gpointer id)
{
  return GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_get_mapped (widget)
      && wx_supervisor_row_id (GTK_LIST_BOX_ROW (widget)) == *(gint64 *) id;
}

static gboolean
is_action_button (GtkWidget *widget, gpointer action)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_labelled_button (GtkWidget *widget, gpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

typedef struct {
  WxRecordsPage *page;
  gint64         id;
} Chosen;

static gboolean
chosen (gpointer data)
{
  Chosen *c = data;

  return wx_list_page_get_selected (WX_LIST_PAGE (c->page)) == c->id;
}

/* Clicks the list's row of record `id`. */
static void
click_row (WxRecordsPage *page, gint64 id)
{
  GtkWidget *row = wx_test_find_widget (GTK_WIDGET (page), is_row_of, &id);
  Chosen c = { page, id };

  g_assert_nonnull (row);
  wx_test_xdo_scroll_to (row);
  wx_test_xdo_click_into (row);
  wx_test_spin_until (chosen, &c, "the row chosen");
}

/* Clicks into the field `key` under the form and types `text`. */
static void
type_field (WxRecordsPage *page, const char *key, const char *text)
{
  GtkWidget *field = wx_records_page_get_action_field (page, key);

  g_assert_nonnull (field);
  wx_test_xdo_scroll_to (field);
  wx_test_xdo_click_into (field);
  wx_test_xdo_key (GTK_WINDOW (gtk_widget_get_root (field)), "ctrl+a BackSpace");
  wx_test_xdo_type (GTK_WINDOW (gtk_widget_get_root (field)), text, 20);
}

/* Clicks the button of `action` and waits for the write ("saved") and, when
 * it was taken, the list's reload. */
static void
click_and_wait (WxRecordsPage *page, const char *action, Saved *s)
{
  GtkWidget *button = wx_test_find_widget (GTK_WIDGET (page), is_action_button, (gpointer) action);
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);

  g_assert_nonnull (button);
  s->done = FALSE;
  g_clear_error (&s->error);
  wx_test_xdo_scroll_to (button);
  wx_test_xdo_click_into (button);
  wx_test_spin_until (saved_done, s, action);
  if (s->error == NULL)
    wx_test_spin_until (wx_test_flag_set, &loaded, "the list after the write");
  g_signal_handler_disconnect (page, id);
}

static gboolean
has_question (gpointer page)
{
  return wx_records_page_get_question (page) != NULL;
}

static gboolean
orders_shown (gpointer page)
{
  return *wx_records_page_get_orders_summary (page) != '\0';
}

static gboolean
export_done (gpointer data)
{
  return ((Saved *) data)->done;
}

/* Exports `page`'s list to a file of the test's and reads it back. */
static char *
export_and_read (WxRecordsPage *page, Saved *s, const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("wx-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *rows;

  s->done = FALSE;
  g_clear_error (&s->error);
  wx_records_page_export (page, path);
  wx_test_spin_until (export_done, s, "the export");
  g_assert_no_error (s->error);
  rows = wx_test_read_xlsx (path);
  g_unlink (path);
  g_rmdir (dir);
  return rows;
}

static void
test_records_keys (void)
{
  WxRecordsWindow *window = wx_records_window_new (GTK_APPLICATION (wx_test_ui_app ()), worker, "parts");
  WxRecordsPage *page;
  Saved s = { 0 };
  gint64 part_id, first, second;
  g_autofree char *stock = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *number = NULL;
  g_autofree char *moved = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 760);
  gtk_window_present (GTK_WINDOW (window));

  /* Parts: 5 received at ¥280.50 each, then the stocktake finds one less. */
  page = show_page (window, WX_DB_RECORD_PART, "parts");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  part_id = wx_test_db_count (conn, "SELECT id FROM parts WHERE part_number = 'RM2-5425'");
  stock = wx_test_db_value (conn, "SELECT stock FROM parts WHERE part_number = 'RM2-5425'");
  click_row (page, part_id);
  type_field (page, "receive_quantity", "5");
  type_field (page, "receive_cost", "280.50");
  type_field (page, "receive_note", "SH-20261207");
  click_and_wait (page, "records.receive", &s);
  g_assert_no_error (s.error);
  g_clear_pointer (&stock, g_free);
  stock = wx_test_db_value (conn, "SELECT p.stock || '/' || m.unit_cost || '/' || m.note FROM parts p"
                                  " JOIN stock_movements m ON m.part_id = p.id AND m.kind = 'receive'"
                                  " WHERE p.part_number = 'RM2-5425' ORDER BY m.id DESC LIMIT 1");
  g_assert_cmpstr (stock, ==, "8/28050/SH-20261207");
  wx_test_screenshot (GTK_WIDGET (window), "records-parts-receive");

  /* A negative count: its sentence, nothing written. */
  before = wx_test_db_value (conn, "SELECT count(*) || '/' || sum(quantity) FROM stock_movements");
  click_row (page, part_id);
  type_field (page, "count_counted", "-1");
  type_field (page, "count_reason", "x");
  click_and_wait (page, "records.count", &s);
  g_assert_nonnull (s.error);
  g_test_message ("refused: %s", wx_records_page_get_message (page));
  g_assert_cmpstr (wx_records_page_get_message (page), !=, "");
  after = wx_test_db_value (conn, "SELECT count(*) || '/' || sum(quantity) FROM stock_movements");
  g_assert_cmpstr (before, ==, after);
  type_field (page, "count_counted", "7");
  type_field (page, "count_reason", "broken in handling");
  click_and_wait (page, "records.count", &s);
  g_assert_no_error (s.error);
  g_clear_pointer (&stock, g_free);
  stock = wx_test_db_value (conn, "SELECT p.stock || '/' || m.quantity || '/' || m.note FROM parts p"
                                  " JOIN stock_movements m ON m.part_id = p.id AND m.kind = 'adjust'"
                                  " WHERE p.part_number = 'RM2-5425' ORDER BY m.id DESC LIMIT 1");
  g_assert_true (g_str_has_prefix (stock, "7/-1/"));
  g_assert_nonnull (strstr (stock, "broken in handling"));

  /* The catalogue exported to Excel: headers in the desk's language, the
   * cost as a number of yuan, the stock as counted. */
  {
    g_autofree char *rows = export_and_read (page, &s, "parts.xlsx");
    g_auto(GStrv) lines = g_strsplit (rows, "\n", -1);

    g_test_message ("%s", rows);
    g_assert_true (g_str_has_prefix (lines[0], wx_field_label ("part_number")));
    g_assert_true (g_str_has_prefix (lines[1], "RM2-5425|定影组件|"));
    g_assert_nonnull (strstr (lines[1], "|280.5|"));
    g_assert_true (g_str_has_suffix (lines[1], "|7|0"));
  }
  g_signal_handlers_disconnect_by_data (page, &s);

  /* Customers: the duplicate has an order; its price and what is unpaid
   * show under it; merged into the first, the order moves. */
  first = wx_test_db_count (conn, "SELECT min(id) FROM customers WHERE wx_unit_key(unit_name) = wx_unit_key('广州市天河区人民法院')");
  second = wx_test_db_count (conn, "SELECT max(id) FROM customers WHERE wx_unit_key(unit_name) = wx_unit_key('广州市天河区人民法院')");
  g_assert_cmpint (first, <, second);
  number = wx_test_db_value (conn,
    "SELECT order_number FROM wx_intake('{\"kind\": \"carry_in\", \"unit\": \"广州市天河区 人民法院\","
    "  \"phone\": \"020-85551234\", \"product\": \"激光打印机\", \"model\": \"LaserJet P1108\", \"fault\": \"卡纸\"}')");
  {
    /* quoted ¥350, nothing paid yet */
    const char *params[] = { number };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET quote_total = 35000 WHERE number = $1",
                                  1, params, &error));
    g_assert_no_error (error);
  }
  page = show_page (window, WX_DB_RECORD_CUSTOMER, "customers");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  click_row (page, second);
  wx_test_spin_until (orders_shown, page, "the customer's orders");
  g_test_message ("orders: %s", wx_records_page_get_orders_summary (page));
  g_assert_nonnull (strstr (wx_records_page_get_orders_summary (page), "350.00"));
  {
    /* the side panel scrolled down to the orders, as a person would */
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (wx_records_page_get_orders_grid (page)),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  }
  wx_test_screenshot (GTK_WIDGET (window), "records-customer-orders");
  {
    g_autofree char *keep = g_strdup_printf ("%" G_GINT64_FORMAT, first);
    GtkWidget *button = wx_test_find_widget (GTK_WIDGET (page), is_action_button, (gpointer) "records.merge");
    GtkWidget *merge;
    gboolean loaded = FALSE;
    gulong id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);

    /* the duplicate's number is there already */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wx_records_page_get_action_field (page, "merge_into"))),
                     ==, keep);
    wx_test_xdo_scroll_to (button);
    wx_test_xdo_click_into (button);
    wx_test_spin_until (has_question, page, "the merge question");
    wx_test_screenshot (GTK_WIDGET (wx_records_page_get_question (page)), "records-merge-question");
    merge = wx_test_find_widget (GTK_WIDGET (wx_records_page_get_question (page)), is_labelled_button,
                                 (gpointer) _("_Merge"));
    g_assert_nonnull (merge);
    s.done = FALSE;
    wx_test_xdo_click_into (merge);
    wx_test_spin_until (saved_done, &s, "the merge");
    g_assert_no_error (s.error);
    wx_test_spin_until (wx_test_flag_set, &loaded, "the list after the merge");
    g_signal_handler_disconnect (page, id);
  }
  {
    g_autofree char *keep = g_strdup_printf ("%" G_GINT64_FORMAT, first);
    g_autofree char *gone = g_strdup_printf ("%" G_GINT64_FORMAT, second);
    const char *params[] = { keep, gone, number };
    g_autoptr(GError) error = NULL;

    moved = wx_db_query_value (conn, "SELECT (customer_id = $1::bigint)::text"
                                     "       || '/' || (SELECT count(*) FROM customers WHERE id = $2::bigint)"
                                     "       || '/' || (SELECT count(*) FROM record_events WHERE event = 'merge')"
                                     "  FROM service_orders WHERE number = $3", 3, params, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (moved, ==, "true/0/1");
  }
  /* The customers exported: the merged one is gone. */
  {
    g_autofree char *rows = export_and_read (page, &s, "customers.xlsx");

    g_test_message ("%s", rows);
    g_assert_true (g_str_has_prefix (rows, wx_field_label ("unit_name")));
    g_assert_nonnull (strstr (rows, "\n广州市天河区人民法院|"));
    g_assert_null (strstr (rows, "广州市天河区 人民法院"));
  }
  g_signal_handlers_disconnect_by_data (page, &s);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_error (&s.error);
}

static gboolean
is_label_with (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
no_question (gpointer page)
{
  return wx_records_page_get_question (page) == NULL;
}

/* Importing from .xlsx files openpyxl wrote: a customer list with a bad
 * row is tried and shown with the row's sentence, Import stays off and
 * nothing is written; a parts catalogue with opening stock is imported
 * after a click on Import; a file that is not a workbook is named. */
static void
test_records_import (void)
{
  WxRecordsWindow *window = wx_records_window_new (GTK_APPLICATION (wx_test_ui_app ()), worker, "customers");
  g_autofree char *dir = g_dir_make_tmp ("wx-import-XXXXXX", NULL);
  g_autofree char *customers = g_build_filename (dir, "客户.xlsx", NULL);
  g_autofree char *parts = g_build_filename (dir, "配件.xlsx", NULL);
  g_autofree char *junk = g_build_filename (dir, "notes.xlsx", NULL);
  g_autofree char *stored = NULL;
  WxRecordsPage *page;
  Saved s = { 0 };
  gint64 before;
  GtkWindow *ask;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 760);
  gtk_window_present (GTK_WINDOW (window));
  wx_test_write_xlsx (customers,
    "[['单位名称', '联系人', '手机', '地址'],"
    " ['广州市白云区第一中学', '陈老师', '13800001234', '广州市白云区机场路 1 号'],"
    " ['广州市白云区第二中学', '李老师', '12345', ''],"
    " [],"
    " ['广州市海珠区口腔医院', '', '020-84441234', '']]");
  wx_test_write_xlsx (parts,
    "[['备件号', '名称', '适用机型', '售价', '成本', '库存'],"
    " ['RM1-6406', '搓纸轮', 'LaserJet P2035', 35, 18.5, 6],"
    " ['CE285A', '硒鼓', 'LaserJet P1102', 280, 150, 0]]");
  g_assert_true (g_file_set_contents (junk, "单位名称,手机\n", -1, NULL));

  /* customers: the bad row named, Import off, Esc, nothing written */
  page = show_page (window, WX_DB_RECORD_CUSTOMER, "customers");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  before = wx_test_db_count (conn, "SELECT count(*) FROM customers");
  wx_records_page_import (page, customers);
  wx_test_spin_until (has_question, page, "the import question");
  ask = wx_records_page_get_question (page);
  g_assert_nonnull (wx_test_find_widget (GTK_WIDGET (ask), is_label_with, (gpointer) "12345"));
  {
    g_autofree char *row3 = g_strdup_printf (_("Row %u: %s"), 3, "");

    g_assert_nonnull (wx_test_find_widget (GTK_WIDGET (ask), is_label_with, row3));
  }
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (ask), "import"));
  wx_test_screenshot (GTK_WIDGET (ask), "records-import-refused");
  wx_test_xdo_key (ask, "Escape");
  wx_test_spin_until (no_question, page, "the question to close");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM customers"), ==, before);
  g_signal_handlers_disconnect_by_data (page, &s);

  /* parts: imported with a click on Import */
  page = show_page (window, WX_DB_RECORD_PART, "parts");
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  wx_records_page_import (page, parts);
  wx_test_spin_until (has_question, page, "the import question");
  ask = wx_records_page_get_question (page);
  wx_test_screenshot (GTK_WIDGET (ask), "records-import-parts");
  {
    GtkWidget *button = wx_test_find_widget (GTK_WIDGET (ask), is_labelled_button, (gpointer) _("_Import"));

    g_assert_nonnull (button);
    s.done = FALSE;
    wx_test_xdo_click_into (button);
    wx_test_spin_until (saved_done, &s, "the import");
    g_assert_no_error (s.error);
  }
  stored = wx_test_db_value (conn, "SELECT string_agg(part_number || ':' || unit_price || ':' || cost || ':' || stock,"
                                   " ',' ORDER BY part_number) FROM parts WHERE part_number IN ('RM1-6406', 'CE285A')");
  g_assert_cmpstr (stored, ==, "CE285A:28000:15000:0,RM1-6406:3500:1850:6");

  /* not a workbook: its sentence */
  s.done = FALSE;
  wx_records_page_import (page, junk);
  wx_test_spin_until (saved_done, &s, "the refusal");
  g_assert_nonnull (s.error);
  g_test_message ("refused: %s", wx_records_page_get_message (page));
  g_assert_nonnull (strstr (wx_records_page_get_message (page), "notes.xlsx"));
  g_signal_handlers_disconnect_by_data (page, &s);
  g_clear_error (&s.error);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (customers);
  g_unlink (parts);
  g_unlink (junk);
  g_rmdir (dir);
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
  g_test_add_func ("/ui/records/keys", test_records_keys);
  g_test_add_func ("/ui/records/import", test_records_import);
  return g_test_run ();
}

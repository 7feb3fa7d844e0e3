#define G_LOG_DOMAIN "wx-records-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/wx-fields.h"
#include "core/wx-money.h"
#include "core/wx-workflow.h"
#include "core/wx-xlsx-read.h"
#include "db/wx-db-import.h"
#include "print/wx-xlsx.h"
#include "wx-records-page.h"

struct _WxRecordsPage {
  WxListPage        parent_instance;   /* items: WxDbRecord */
  WxDbRecordKind    kind;
  GtkSearchEntry   *search_entry;
  GtkBox           *extra_box;
  GtkWidget        *import_button;
  GPtrArray        *import_rows;        /* the file being imported, its header first */
  char             *import_name;
  char             *search;
  /* Under the form, by kind: a customer's merge and orders, a part's
   * receiving and stocktake. */
  WxSupervisorForm *first_form;
  WxSupervisorForm *second_form;
  GtkGrid          *orders_grid;
  GtkLabel         *orders_label;
  GCancellable     *orders_cancellable;
  GtkWindow        *ask;                /* weak: "Merge …?" */
  GHashTable       *action_fields;      /* key → its widget, under the form */
};

G_DEFINE_FINAL_TYPE (WxRecordsPage, wx_records_page, WX_TYPE_LIST_PAGE)

WxDbRecordKind
wx_records_page_get_kind (WxRecordsPage *self)
{
  return self->kind;
}

const char *
wx_records_page_get_message (WxRecordsPage *self)
{
  return wx_list_page_get_message (WX_LIST_PAGE (self));
}

void
wx_records_page_set_search (WxRecordsPage *self,
                            const char    *text)
{
  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  wx_page_reload (WX_PAGE (self));
}

static void
search_changed_cb (GtkSearchEntry *entry, WxRecordsPage *self)
{
  wx_records_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ------------------------------------------------------------ a customer's orders */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_cell (GtkGrid *grid, int column, int row, const char *text, gboolean number, gboolean alert)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), !number);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !number && row > 0);
  if (row == 0)
    gtk_widget_add_css_class (label, "dim-label");
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (alert)
    gtk_widget_add_css_class (label, "error");
  gtk_widget_set_hexpand (label, column == 0);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
orders_loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxRecordsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = wx_db_records_load_finish (WX_DB_WORKER (source), res, &error);
  gint64 owed = 0;
  g_autofree char *owed_text = NULL;
  g_autofree char *summary = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_grid (self->orders_grid);
  if (orders == NULL)
    {
      gtk_label_set_text (self->orders_label, error->message);
      return;
    }
  if (orders->len > 0)
    {
      grid_cell (self->orders_grid, 0, 0, _("Order"), FALSE, FALSE);
      /* TRANSLATORS: the column of what an order was charged (its quote's total) */
      grid_cell (self->orders_grid, 1, 0, _("Charged"), TRUE, FALSE);
      /* TRANSLATORS: the column of what is still owed on an order */
      grid_cell (self->orders_grid, 2, 0, _("Unpaid"), TRUE, FALSE);
    }
  for (guint i = 0; i < orders->len; i++)
    {
      WxDbCustomerOrder *o = g_ptr_array_index (orders, i);
      WxOrderState state;
      g_autofree char *total = wx_money_format (o->total);
      g_autofree char *balance = o->balance > 0 ? wx_money_format (o->balance) : g_strdup ("—");
      /* TRANSLATORS: a customer's order: number, the day taken in, its state; the machine under */
      g_autofree char *what = g_strdup_printf (_("%s · %s · %s\n%s"), o->number, o->date,
                                               wx_workflow_state_from_code (o->state, &state)
                                               ? wx_order_state_label (state) : o->state, o->machine);

      grid_cell (self->orders_grid, 0, (int) i + 1, what, FALSE, FALSE);
      grid_cell (self->orders_grid, 1, (int) i + 1, total, TRUE, FALSE);
      grid_cell (self->orders_grid, 2, (int) i + 1, balance, TRUE, o->balance > 0);
      owed += MAX (o->balance, 0);
    }
  owed_text = wx_money_format (owed);
  summary = orders->len == 0 ? g_strdup (_("No orders yet."))
    /* TRANSLATORS: under a customer's orders: how many, and what they still owe in all */
    : g_strdup_printf (ngettext ("%u order · unpaid in all %s", "%u orders · unpaid in all %s", orders->len),
                       orders->len, owed_text);
  gtk_label_set_text (self->orders_label, summary);
}

/* The customer's orders, or the part's receiving and stocktake, for `r`. */
static void
show_extras (WxRecordsPage *self, const WxDbRecord *r)
{
  gtk_widget_set_visible (GTK_WIDGET (self->extra_box), r != NULL && self->first_form != NULL);
  if (self->first_form)
    wx_supervisor_form_clear (self->first_form);
  if (self->second_form)
    wx_supervisor_form_clear (self->second_form);
  if (r == NULL || self->kind != WX_DB_RECORD_CUSTOMER)
    return;
  if (r->duplicate_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->duplicate_id);

      wx_supervisor_form_set (self->first_form, "merge_into", id);
    }
  g_cancellable_cancel (self->orders_cancellable);
  g_clear_object (&self->orders_cancellable);
  self->orders_cancellable = g_cancellable_new ();
  clear_grid (self->orders_grid);
  gtk_label_set_text (self->orders_label, "");
  if (wx_page_get_worker (WX_PAGE (self)))
    wx_db_customer_orders_async (wx_page_get_worker (WX_PAGE (self)), r->id, self->orders_cancellable,
                                 orders_loaded_cb, g_object_ref (self));
}

/* A part's prices are kept in fen and typed in yuan. */
static gboolean
is_money (const char *key)
{
  return g_str_equal (key, "unit_price") || g_str_equal (key, "cost");
}

/* The text the form shows for a stored value. */
static char *
form_text (const char *key, const char *stored)
{
  gint64 fen;

  if (!is_money (key) || stored == NULL || *stored == '\0')
    return g_strdup (stored ? stored : "");
  fen = g_ascii_strtoll (stored, NULL, 10);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", fen < 0 ? "-" : "", ABS (fen) / 100, (int) (ABS (fen) % 100));
}

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (page);
  const WxDbRecord *r = item;
  const char * const *keys = wx_db_record_keys (self->kind);
  WxSupervisorForm *form = wx_list_page_get_form (page);

  show_extras (self, r);
  if (r == NULL)
    {
      wx_supervisor_form_clear (form);
      if (self->kind == WX_DB_RECORD_SUPPLIER || self->kind == WX_DB_RECORD_PART)
        wx_supervisor_form_set (form, "active", "true");
      wx_list_page_show_text (page, _("New record: fill in the form and save."), "");
      return;
    }
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *text = form_text (keys[i], wx_db_record_value (r, keys[i]));

      wx_supervisor_form_set (form, keys[i], text);
    }
  if (r->duplicate_of)
    {
      g_autofree char *warning = g_strdup_printf (_("Possibly the same customer as %s (same phone or unit name)."),
                                                  r->duplicate_of);
      wx_list_page_show_text (page, r->label, warning);
    }
  else
    wx_list_page_show_text (page, r->label, "");
}

static void
page_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (page);

  wx_db_records_load_async (worker, self->kind, self->search, cancellable, callback, user_data);
}

static gpointer
page_load_finish (WxPage *page, GAsyncResult *result, GError **error)
{
  return wx_db_records_load_finish (wx_page_get_worker (page), result, error);
}

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxDbRecord *r = item;
  g_autofree char *detail = NULL;
  gboolean alert = FALSE;

  switch (r->kind)
    {
    case WX_DB_RECORD_CUSTOMER:
      alert = r->duplicate_of != NULL;
      detail = alert ? g_strdup_printf (_("Possible duplicate of %s"), r->duplicate_of)
                     : g_strdup_printf ("%s %s %s", wx_db_record_value (r, "contact_person"),
                                        wx_db_record_value (r, "mobile"), wx_db_record_value (r, "phone"));
      break;
    case WX_DB_RECORD_PART:
      alert = r->stock < r->min_stock;
      /* TRANSLATORS: a part in the list: in stock, reserved for orders, the minimum */
      detail = g_strdup_printf (_("In stock %d · reserved %d · minimum %d"), r->stock, r->reserved, r->min_stock);
      break;
    case WX_DB_RECORD_SUPPLIER:
      detail = g_str_equal (wx_db_record_value (r, "active"), "false")
        ? g_strdup (_("Inactive"))
        : g_strdup_printf ("%s %s", wx_db_record_value (r, "contact"), wx_db_record_value (r, "phone"));
      break;
    case WX_DB_RECORD_DEVICE:
    default:
      /* TRANSLATORS: a machine in the list: its warranty's end */
      detail = g_strdup_printf (_("Warranty until %s"), *wx_db_record_value (r, "warranty_expires")
                                                         ? wx_db_record_value (r, "warranty_expires") : "—");
      break;
    }
  return wx_supervisor_row_new (r->id, NULL, r->label, detail, alert);
}

/* ------------------------------------------------------------ saving */

static void
saved_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxRecordsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  wx_list_page_set_message (WX_LIST_PAGE (self), ok ? _("Saved.") : error->message, !ok);
  wx_page_saved (WX_PAGE (self), "record", error);
  if (ok)
    wx_page_reload (WX_PAGE (self));
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  const WxDbRecord *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  const char * const *keys = wx_db_record_keys (self->kind);
  WxSupervisorForm *form = wx_list_page_get_form (WX_LIST_PAGE (self));
  g_autoptr(JsonObject) changes = json_object_new ();

  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *v = wx_supervisor_form_get (form, keys[i]);
      g_autofree char *shown = r ? form_text (keys[i], wx_db_record_value (r, keys[i])) : NULL;

      /* An edit sends what changed; a new record what was filled in. */
      if (r ? g_strcmp0 (v, shown) == 0 : (v == NULL || *v == '\0'))
        continue;
      if (is_money (keys[i]) && v && *g_strstrip (v))
        {
          g_autoptr(GError) error = NULL;
          WxMoney fen = 0;

          if (!wx_money_parse (v, &fen, &error))
            {
              wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
              wx_page_refused (WX_PAGE (self), "record");
              return;
            }
          g_free (v);
          v = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) fen);
        }
      if (!wx_db_record_change_set (changes, keys[i], v))
        {
          g_autofree char *sentence = g_strdup_printf (_("“%s” must be a whole number."), wx_field_label (keys[i]));
          wx_list_page_set_message (WX_LIST_PAGE (self), sentence, TRUE);
          wx_page_refused (WX_PAGE (self), "record");
          return;
        }
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_record_save_async (wx_page_get_worker (WX_PAGE (self)), self->kind, r ? r->id : 0, r ? r->version : 0,
                           changes, wx_page_get_cancellable (WX_PAGE (self)), saved_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ merge, receive, count */

/* A whole number typed in `form`'s `key`, or a sentence naming the field. */
static gboolean
form_number (WxRecordsPage *self, WxSupervisorForm *form, const char *key, const char *label, gint64 *out)
{
  g_autofree char *text = wx_supervisor_form_get (form, key);
  char *end = NULL;

  g_strstrip (text);
  *out = g_ascii_strtoll (text, &end, 10);
  if (*text && end && *end == '\0')
    return TRUE;
  {
    g_autofree char *sentence = g_strdup_printf (_("“%s” must be a whole number."), label);

    wx_list_page_set_message (WX_LIST_PAGE (self), sentence, TRUE);
    wx_page_refused (WX_PAGE (self), "record");
  }
  return FALSE;
}

static void
merge_response_cb (AdwMessageDialog *dialog, const char *response, WxRecordsPage *self)
{
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "from"));
  gint64 into = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "into"));

  if (!g_str_equal (response, "merge") || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  wx_list_page_set_selected (WX_LIST_PAGE (self), into);
  wx_db_customer_merge_async (wx_page_get_worker (WX_PAGE (self)), from, into,
                              wx_page_get_cancellable (WX_PAGE (self)), saved_cb, g_object_ref (self));
}

/* records.merge: the chosen customer (a duplicate) into the one whose
 * number is typed, after asking: its orders, calls, contracts and
 * machines move, and it is gone. */
static void
merge_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  const WxDbRecord *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  const WxDbRecord *into_record;
  gint64 into;
  g_autofree char *heading = NULL;
  g_autofree char *typed = NULL;
  GtkWidget *ask;

  if (r == NULL || !form_number (self, self->first_form, "merge_into", _("Customer number to keep"), &into))
    return;
  into_record = wx_list_page_find (WX_LIST_PAGE (self), into);
  typed = wx_supervisor_form_get (self->first_form, "merge_into");
  /* TRANSLATORS: asked before merging two customers: the one that goes, the one that stays */
  heading = g_strdup_printf (_("Merge “%s” into “%s”?"), r->label,
                             into_record ? into_record->label : typed);
  ask = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                _("Its orders, calls, contracts and machines move to the other customer, "
                                  "and this customer is removed. The merge is logged."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_object_set_data (G_OBJECT (ask), "from", GSIZE_TO_POINTER (r->id));
  g_object_set_data (G_OBJECT (ask), "into", GSIZE_TO_POINTER (into));
  g_signal_connect_object (ask, "response", G_CALLBACK (merge_response_cb), self, 0);
  g_set_weak_pointer (&self->ask, GTK_WINDOW (ask));
  gtk_window_present (GTK_WINDOW (ask));
}

GtkWindow *
wx_records_page_get_question (WxRecordsPage *self)
{
  g_return_val_if_fail (WX_IS_RECORDS_PAGE (self), NULL);
  return self->ask;
}

/* records.receive: stock in for the chosen part from its supplier. */
static void
receive_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  const WxDbRecord *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  g_autofree char *cost_text = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  gint64 quantity;
  WxMoney cost = -1;

  if (r == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL
      || !form_number (self, self->first_form, "receive_quantity", _("Quantity received"), &quantity))
    return;
  cost_text = g_strstrip (wx_supervisor_form_get (self->first_form, "receive_cost"));
  if (*cost_text && !wx_money_parse (cost_text, &cost, &error))
    {
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_refused (WX_PAGE (self), "record");
      return;
    }
  note = wx_supervisor_form_get (self->first_form, "receive_note");
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_stock_receive_async (wx_page_get_worker (WX_PAGE (self)), r->id, (int) CLAMP (quantity, G_MININT, G_MAXINT),
                             0, cost, note, wx_page_get_cancellable (WX_PAGE (self)), saved_cb, g_object_ref (self));
}

/* records.count: the stocktake of the chosen part; a difference is
 * corrected with the reason. */
static void
count_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  const WxDbRecord *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  g_autofree char *reason = NULL;
  gint64 counted;

  if (r == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL
      || !form_number (self, self->second_form, "count_counted", _("Counted on the shelf"), &counted))
    return;
  reason = wx_supervisor_form_get (self->second_form, "count_reason");
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_stock_count_async (wx_page_get_worker (WX_PAGE (self)), r->id, (int) CLAMP (counted, G_MININT, G_MAXINT),
                           reason, wx_page_get_cancellable (WX_PAGE (self)), saved_cb, g_object_ref (self));
}

/* A heading, a form on a grid of its own and its button, under the form. */
static WxSupervisorForm *
add_section (WxRecordsPage *self, const char *heading, const char *button, const char *action)
{
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *b = gtk_button_new_with_mnemonic (button);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), b);
  gtk_box_append (self->extra_box, label);
  gtk_box_append (self->extra_box, grid);
  gtk_box_append (self->extra_box, box);
  return wx_supervisor_form_new (GTK_GRID (grid));
}

static void
add_action_field (WxRecordsPage *self, WxSupervisorForm *form, const char *key, const char *label)
{
  g_hash_table_insert (self->action_fields, (gpointer) key, wx_supervisor_form_add (form, key, label, "entry", NULL));
}

static void
build_extras (WxRecordsPage *self)
{
  if (self->kind == WX_DB_RECORD_CUSTOMER)
    {
      GtkWidget *heading = gtk_label_new (_("Orders and prices"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, 12);
      gtk_box_append (self->extra_box, heading);
      self->orders_grid = GTK_GRID (gtk_grid_new ());
      gtk_grid_set_column_spacing (self->orders_grid, 10);
      gtk_grid_set_row_spacing (self->orders_grid, 2);
      gtk_box_append (self->extra_box, GTK_WIDGET (self->orders_grid));
      self->orders_label = GTK_LABEL (gtk_label_new (""));
      gtk_label_set_xalign (self->orders_label, 0);
      gtk_label_set_wrap (self->orders_label, TRUE);
      gtk_box_append (self->extra_box, GTK_WIDGET (self->orders_label));
      self->first_form = add_section (self, _("Merge a duplicate"), _("_Merge into it…"), "records.merge");
      add_action_field (self, self->first_form, "merge_into", _("Customer number to keep"));
    }
  else if (self->kind == WX_DB_RECORD_PART)
    {
      self->first_form = add_section (self, _("Receive stock"), _("_Receive"), "records.receive");
      add_action_field (self, self->first_form, "receive_quantity", _("Quantity received"));
      add_action_field (self, self->first_form, "receive_cost", _("Cost each (yuan)"));
      add_action_field (self, self->first_form, "receive_note", _("Delivery note"));
      self->second_form = add_section (self, _("Stocktake"), _("Record the _count"), "records.count");
      add_action_field (self, self->second_form, "count_counted", _("Counted on the shelf"));
      add_action_field (self, self->second_form, "count_reason", _("Reason for a difference"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->extra_box), FALSE);
}

gboolean
wx_records_page_set_action_value (WxRecordsPage *self,
                                  const char    *key,
                                  const char    *value)
{
  g_return_val_if_fail (WX_IS_RECORDS_PAGE (self), FALSE);
  return (self->first_form && wx_supervisor_form_set (self->first_form, key, value))
      || (self->second_form && wx_supervisor_form_set (self->second_form, key, value));
}

GtkWidget *
wx_records_page_get_action_field (WxRecordsPage *self,
                                  const char    *key)
{
  g_return_val_if_fail (WX_IS_RECORDS_PAGE (self), NULL);
  return g_hash_table_lookup (self->action_fields, key);
}

GtkGrid *
wx_records_page_get_orders_grid (WxRecordsPage *self)
{
  g_return_val_if_fail (WX_IS_RECORDS_PAGE (self), NULL);
  return self->orders_grid;
}

const char *
wx_records_page_get_orders_summary (WxRecordsPage *self)
{
  g_return_val_if_fail (WX_IS_RECORDS_PAGE (self), NULL);
  return self->orders_label ? gtk_label_get_text (self->orders_label) : "";
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (widget, "records.select", "x", (gint64) 0);
}

/* ------------------------------------------------------------ export */

typedef struct {
  WxDbRecordKind  kind;
  char           *path;
  GPtrArray      *records;
} ExportJob;

static void
export_job_free (ExportJob *j)
{
  g_free (j->path);
  g_clear_pointer (&j->records, g_ptr_array_unref);
  g_free (j);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *j = data;
  GError *error = NULL;

  if (wx_xlsx_write_records (j->path, j->kind, j->records, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exported_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (source);
  ExportJob *j = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_saved (WX_PAGE (self), "export", error);
      return;
    }
  /* TRANSLATORS: after an export: how many rows, and the file */
  done = g_strdup_printf (ngettext ("%u row exported to %s.", "%u rows exported to %s.", j->records->len),
                          j->records->len, j->path);
  wx_list_page_set_message (WX_LIST_PAGE (self), done, FALSE);
  wx_page_saved (WX_PAGE (self), "export", NULL);
}

static void
export_loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  WxRecordsPage *self = g_task_get_source_object (task);
  ExportJob *j = g_task_get_task_data (task);
  GError *error = NULL;

  j->records = wx_db_records_load_finish (WX_DB_WORKER (source), res, &error);
  if (j->records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Writing the spreadsheet…"), FALSE);
  g_task_run_in_thread (task, export_thread);
}

void
wx_records_page_export (WxRecordsPage *self,
                        const char    *path)
{
  GTask *task;
  ExportJob *j;

  g_return_if_fail (WX_IS_RECORDS_PAGE (self) && path != NULL);
  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  task = g_task_new (self, wx_page_get_cancellable (WX_PAGE (self)), exported_cb, NULL);
  j = g_new0 (ExportJob, 1);
  j->kind = self->kind;
  j->path = g_strdup (path);
  g_task_set_task_data (task, j, (GDestroyNotify) export_job_free);
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Exporting…"), FALSE);
  wx_db_records_load_all_async (wx_page_get_worker (WX_PAGE (self)), self->kind,
                                wx_page_get_cancellable (WX_PAGE (self)), export_loaded_cb, task);
}

typedef void (*PathFunc) (WxRecordsPage *self, const char *path);

static void
xlsx_chosen_cb (GtkNativeDialog *dialog, int response, WxRecordsPage *self)
{
  PathFunc then = g_object_get_data (G_OBJECT (dialog), "wx-then");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        then (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Asks for an .xlsx file to open or save (`name`: the name suggested),
 * then calls `then` with its path. */
static void
choose_xlsx (WxRecordsPage *self, const char *title, GtkFileChooserAction action, const char *accept,
             const char *name, PathFunc then)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), action, accept,
                                 _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, action == GTK_FILE_CHOOSER_ACTION_OPEN ? _("Spreadsheet (.xlsx, .csv)")
                                                                          : _("Excel workbook (.xlsx)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "wx-then", then);
  g_signal_connect (chooser, "response", G_CALLBACK (xlsx_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* records.export: the whole list (not only what the search shows) as an
 * .xlsx the user names. */
static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  g_autofree char *name = g_strdup_printf ("%s.xlsx", self->kind == WX_DB_RECORD_CUSTOMER ? _("Customers")
                                                    : self->kind == WX_DB_RECORD_DEVICE ? _("Machines")
                                                    : self->kind == WX_DB_RECORD_SUPPLIER ? _("Suppliers")
                                                    : _("Parts"));

  choose_xlsx (self, _("Export to Excel"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name, wx_records_page_export);
}

/* ------------------------------------------------------------ import */

static void import_trial_cb (GObject *source, GAsyncResult *res, gpointer user_data);

static void
import_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxRecordsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbImport) import = wx_db_records_import_finish (WX_DB_WORKER (source), res, &error);
  g_autofree char *done = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (import == NULL || !import->committed)
    {
      if (error == NULL)
        /* TRANSLATORS: the file changed between the preview and the import */
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Some rows were refused: nothing was imported."));
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_saved (WX_PAGE (self), "import", error);
      return;
    }
  /* TRANSLATORS: after an import */
  done = g_strdup_printf (ngettext ("%u row imported.", "%u rows imported.", import->written), import->written);
  wx_list_page_set_message (WX_LIST_PAGE (self), done, FALSE);
  wx_page_saved (WX_PAGE (self), "import", NULL);
  wx_page_reload (WX_PAGE (self));
}

static void
import_response_cb (AdwMessageDialog *dialog, const char *response, WxRecordsPage *self)
{
  if (!g_str_equal (response, "import") || self->import_rows == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Importing…"), FALSE);
  wx_db_records_import_async (wx_page_get_worker (WX_PAGE (self)), self->kind, self->import_rows, TRUE,
                              wx_page_get_cancellable (WX_PAGE (self)), import_done_cb, g_object_ref (self));
}

/* The first rows as the columns were understood, for the question. */
static char *
import_preview (WxRecordsPage *self)
{
  char **header = g_ptr_array_index (self->import_rows, 0);
  g_auto(GStrv) columns = wx_db_import_columns (self->kind, header);
  GString *text = g_string_new (_("Columns: "));
  gboolean first = TRUE;

  for (guint c = 0; columns[c]; c++)
    {
      if (!*columns[c])
        continue;
      g_string_append_printf (text, "%s%s → %s", first ? "" : "; ", header[c],
                              g_str_equal (columns[c], "opening_stock") ? _("Opening stock") : wx_field_label (columns[c]));
      first = FALSE;
    }
  for (guint r = 1, shown = 0; r < self->import_rows->len && shown < 5; r++)
    {
      char **cells = g_ptr_array_index (self->import_rows, r);
      GString *line = g_string_new (NULL);

      for (guint c = 0; columns[c]; c++)
        if (*columns[c] && *cells[c])
          g_string_append_printf (line, "%s%s", line->len ? " · " : "", cells[c]);
      if (line->len)
        {
          g_string_append_printf (text, "\n%s", line->str);
          shown++;
        }
      g_string_free (line, TRUE);
    }
  return g_string_free (text, FALSE);
}

static void
import_trial_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxRecordsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbImport) trial = wx_db_records_import_finish (WX_DB_WORKER (source), res, &error);
  g_autofree char *heading = NULL;
  g_autofree char *preview = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *ask, *label;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (trial == NULL)
    {
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_saved (WX_PAGE (self), "import", error);
      return;
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  /* TRANSLATORS: the question before an import: how many rows, from which file */
  heading = g_strdup_printf (ngettext ("Import %u row from “%s”?", "Import %u rows from “%s”?", trial->rows),
                             trial->rows, self->import_name);
  preview = import_preview (self);
  body = g_string_new (preview);
  if (trial->faults->len > 0)
    {
      g_string_append_printf (body, "\n\n%s", ngettext ("This row must be corrected in the file first; nothing is imported until every row is right:",
                                                        "These rows must be corrected in the file first; nothing is imported until every row is right:",
                                                        trial->faults->len));
      for (guint i = 0; i < trial->faults->len && i < 20; i++)
        g_string_append_printf (body, "\n%s", (char *) g_ptr_array_index (trial->faults, i));
      if (trial->faults->len > 20)
        /* TRANSLATORS: after the first 20 refused rows of an import */
        g_string_append_printf (body, "\n%s", _("… and more: correct these first, then try again."));
    }
  ask = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  label = gtk_label_new (body->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ask), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (ask), "import",
                                           trial->faults->len == 0 && trial->written > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_signal_connect_object (ask, "response", G_CALLBACK (import_response_cb), self, 0);
  g_set_weak_pointer (&self->ask, GTK_WINDOW (ask));
  gtk_window_present (GTK_WINDOW (ask));
}

static void
import_read_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rows = wx_sheet_read_rows (data, &error);

  if (rows)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
import_read_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (res), &error);

  if (rows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_saved (WX_PAGE (self), "import", error);
      return;
    }
  g_clear_pointer (&self->import_rows, g_ptr_array_unref);
  self->import_rows = rows;
  if (rows->len == 0)
    g_ptr_array_add (rows, g_new0 (char *, 1));
  /* A trial first: every row through the functions, rolled back. */
  wx_db_records_import_async (wx_page_get_worker (WX_PAGE (self)), self->kind, rows, FALSE,
                              wx_page_get_cancellable (WX_PAGE (self)), import_trial_cb, g_object_ref (self));
}

void
wx_records_page_import (WxRecordsPage *self,
                        const char    *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WX_IS_RECORDS_PAGE (self) && path != NULL);
  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  g_free (self->import_name);
  self->import_name = g_path_get_basename (path);
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Reading the spreadsheet…"), FALSE);
  task = g_task_new (self, wx_page_get_cancellable (WX_PAGE (self)), import_read_cb, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, import_read_thread);
}

/* records.import: a customer list or parts catalogue from an .xlsx; the
 * rows are tried first and shown, and written only when confirmed. */
static void
import_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_xlsx (WX_RECORDS_PAGE (widget), _("Import from Excel"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL,
               wx_records_page_import);
}

/* ------------------------------------------------------------ class */

static void
wx_records_page_dispose (GObject *object)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (object);

  g_cancellable_cancel (self->orders_cancellable);
  if (self->ask)
    gtk_window_destroy (self->ask);
  g_clear_weak_pointer (&self->ask);
  G_OBJECT_CLASS (wx_records_page_parent_class)->dispose (object);
}

static void
wx_records_page_finalize (GObject *object)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (object);

  g_free (self->search);
  g_clear_object (&self->orders_cancellable);
  g_clear_pointer (&self->action_fields, g_hash_table_unref);
  g_clear_pointer (&self->import_rows, g_ptr_array_unref);
  g_free (self->import_name);
  g_clear_pointer (&self->first_form, wx_supervisor_form_free);
  g_clear_pointer (&self->second_form, wx_supervisor_form_free);
  G_OBJECT_CLASS (wx_records_page_parent_class)->finalize (object);
}

static void
wx_records_page_class_init (WxRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WxListPageClass *list_class = WX_LIST_PAGE_CLASS (klass);

  object_class->dispose = wx_records_page_dispose;
  object_class->finalize = wx_records_page_finalize;
  list_class->clear_form_on_select = TRUE;
  wx_list_page_class_setup (list_class, "wx-records-page.ui", "records",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxRecordsPage, extra_box);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxRecordsPage, import_button);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.import", NULL, import_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.merge", NULL, merge_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.export", NULL, export_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.receive", NULL, receive_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.count", NULL, count_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.save", NULL, save_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.new", NULL, new_action_cb);
}

static void
wx_records_page_init (WxRecordsPage *self)
{
  wx_list_page_init_template (WX_LIST_PAGE (self));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
}

/* The fields that are a choice of codes (the functions' rules), and their labels. */
static const char *
choices_of (const char *key)
{
  if (g_str_equal (key, "kind"))
    return _("supplier:Supplier|peer_shop:Peer shop|both:Supplier and peer shop");
  if (g_str_equal (key, "payment_terms"))
    return _("prepay:Payment before delivery (款到发货)|monthly:Monthly (月结)|other:Other");
  if (g_str_equal (key, "warranty_evidence"))
    return _("none:None|card:Warranty card|invoice:Invoice|card_and_invoice:Card and invoice");
  if (g_str_equal (key, "category"))
    return _("other:Other|pc:Desktop PC|laptop:Laptop|server:Server|laser_printer:Laser printer|"
             "inkjet_printer:Inkjet printer|plotter:Plotter|projector:Projector|network:Network device");
  return NULL;
}

GtkWidget *
wx_records_page_new (WxDbRecordKind kind)
{
  WxRecordsPage *self = g_object_new (WX_TYPE_RECORDS_PAGE, NULL);
  const char * const *keys = wx_db_record_keys (kind);
  WxSupervisorForm *form = wx_list_page_get_form (WX_LIST_PAGE (self));

  self->kind = kind;
  self->action_fields = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_set_visible (self->import_button, kind == WX_DB_RECORD_CUSTOMER || kind == WX_DB_RECORD_PART);
  build_extras (self);
  for (guint i = 0; keys[i]; i++)
    {
      const char *label = wx_field_label (keys[i]) ? wx_field_label (keys[i]) : keys[i];
      /* TRANSLATORS: a price field of the parts' form, typed in yuan */
      g_autofree char *text = is_money (keys[i]) ? g_strdup_printf (_("%s (yuan)"), label) : g_strdup (label);

      wx_supervisor_form_add (form, keys[i], text, g_str_equal (keys[i], "active") ? "check" : "entry",
                              /* a part's category is the shop's own word, not a machine's */
                              kind == WX_DB_RECORD_PART ? NULL : choices_of (keys[i]));
    }
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
  return GTK_WIDGET (self);
}

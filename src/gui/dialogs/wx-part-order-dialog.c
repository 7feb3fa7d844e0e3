#define G_LOG_DOMAIN "wx-part-order-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "db/wx-db-records.h"
#include "wx-part-order-dialog.h"
#include "wx-part-picker.h"

struct _WxPartOrderDialog
{
  WxRecordDialog  parent_instance;

  gboolean        arrival;
  WxPartPicker   *picker;
  GtkWidget      *name;
  GtkWidget      *part_number;
  gint64          part_id;        /* the catalogue's, while name and number are its */
  GtkWidget      *quantity;
  GtkDropDown    *supplier;
  GtkWidget      *expected_on;
  GtkWidget      *prepaid;
  GtkWidget      *cost;
  GtkBox         *orders_box;     /* the order's part orders */
  GPtrArray      *suppliers;      /* WxSupplier, as listed */
};

G_DEFINE_FINAL_TYPE (WxPartOrderDialog, wx_part_order_dialog, WX_TYPE_RECORD_DIALOG)

static void
picked_cb (WxPartPicker *picker, WxCatalogPart *part, WxPartOrderDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name), part->name);
  gtk_editable_set_text (GTK_EDITABLE (self->part_number), part->part_number);
  self->part_id = part->id;   /* after the edits, which forget it */
}

static void
typed_cb (GtkEditable *editable, WxPartOrderDialog *self)
{
  self->part_id = 0;   /* typed by hand: no longer the catalogue's part */
}

static GtkWidget *
entry (const char *placeholder, int width)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (e), placeholder);
  if (width > 0)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (e), width);
      gtk_widget_set_halign (e, GTK_ALIGN_START);
    }
  return e;
}

static void
build (WxPartOrderDialog *self, WxDbWorker *worker)
{
  WxRecordDialog *dialog = WX_RECORD_DIALOG (self);
  GtkWidget *part_box, *ids;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autofree char *day = g_date_time_format (soon, "%Y-%m-%d");

  self->orders_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  wx_record_dialog_add_row (dialog, NULL, _("Part orders"), GTK_WIDGET (self->orders_box));
  if (self->arrival)
    return;

  part_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->picker = WX_PART_PICKER (wx_record_dialog_add_picker (dialog));
  ids = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->name = entry (_("Part name"), 0);
  gtk_widget_set_hexpand (self->name, TRUE);
  self->part_number = entry (_("Part number"), 14);
  gtk_box_append (GTK_BOX (ids), self->name);
  gtk_box_append (GTK_BOX (ids), self->part_number);
  gtk_box_append (GTK_BOX (part_box), GTK_WIDGET (self->picker));
  gtk_box_append (GTK_BOX (part_box), ids);
  wx_record_dialog_add_row (dialog, "part", _("_Part *"), part_box);
  gtk_label_set_mnemonic_widget (GTK_LABEL (gtk_widget_get_prev_sibling (part_box)), self->name);

  self->quantity = gtk_spin_button_new_with_range (1, 1000, 1);
  gtk_widget_set_halign (self->quantity, GTK_ALIGN_START);
  wx_record_dialog_add_row (dialog, "quantity", _("_Quantity"), self->quantity);
  self->supplier = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { _("Loading the suppliers…"), NULL }));
  wx_record_dialog_add_row (dialog, "supplier", _("_Supplier *"), GTK_WIDGET (self->supplier));
  self->expected_on = entry (_("YYYY-MM-DD"), 12);
  gtk_editable_set_text (GTK_EDITABLE (self->expected_on), day);
  wx_record_dialog_add_row (dialog, "expected_on", _("_Expected on *"), self->expected_on);
  self->cost = entry (_("yuan"), 10);
  wx_record_dialog_add_row (dialog, "cost", _("_Cost"), self->cost);
  self->prepaid = gtk_check_button_new_with_mnemonic (_("Paid _before shipping (款到发货)"));
  wx_record_dialog_add_row (dialog, NULL, NULL, self->prepaid);

  g_signal_connect (self->picker, "picked", G_CALLBACK (picked_cb), self);
  g_signal_connect (self->name, "changed", G_CALLBACK (typed_cb), self);
  g_signal_connect (self->part_number, "changed", G_CALLBACK (typed_cb), self);
}

/* ------------------------------------------------------------ loading */

static void
fill_orders (WxPartOrderDialog *self, WxOrderRecord *r)
{
  if (r->part_orders->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("None yet"));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->orders_box, none);
    }
  for (guint i = 0; i < r->part_orders->len; i++)
    {
      WxPartOrderRow *o = g_ptr_array_index (r->part_orders, i);
      g_autofree char *text = g_strdup_printf (_("%s × %d · %s · expected %s%s · %s"), o->description, o->quantity,
                                               *o->supplier ? o->supplier : _("no supplier"),
                                               *o->expected_on ? o->expected_on : "—",
                                               o->prepaid ? _(" · prepaid") : "",
                                               o->arrived ? _("arrived") : _("not arrived"));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      if (!o->arrived)
        gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->orders_box, label);
    }
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxPartOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  WxDbPartOrderFacts *l = wx_db_part_order_facts_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (l == NULL)
    wx_record_dialog_set_message (WX_RECORD_DIALOG (self), NULL, error->message);
  else
    {
      fill_orders (self, l->record);
      self->suppliers = g_steal_pointer (&l->suppliers);
      if (self->supplier)
        {
          g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

          for (guint i = 0; i < self->suppliers->len; i++)
            {
              WxSupplier *s = g_ptr_array_index (self->suppliers, i);
              g_autofree char *label = *s->phone ? g_strdup_printf ("%s · %s", s->name, s->phone) : g_strdup (s->name);
              gtk_string_list_append (names, label);
            }
          gtk_drop_down_set_model (self->supplier, G_LIST_MODEL (names));
        }
      wx_db_part_order_facts_free (l);
    }
  g_signal_emit_by_name (self, "loaded", error);
}

/* ------------------------------------------------------------ public setters */

gboolean
wx_part_order_dialog_is_arrival (WxPartOrderDialog *self)
{
  g_return_val_if_fail (WX_IS_PART_ORDER_DIALOG (self), FALSE);
  return self->arrival;
}

gboolean
wx_part_order_dialog_set_value (WxPartOrderDialog *self,
                                const char        *key,
                                const char        *value)
{
  struct { const char *key; GtkWidget *widget; } fields[] = {
    { "part", self->name }, { "part_number", self->part_number },
    { "expected_on", self->expected_on }, { "cost", self->cost },
  };

  g_return_val_if_fail (WX_IS_PART_ORDER_DIALOG (self), FALSE);
  if (self->arrival)
    return FALSE;
  if (g_str_equal (key, "quantity"))
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->quantity), g_ascii_strtod (value, NULL));
      return TRUE;
    }
  if (g_str_equal (key, "prepaid"))
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->prepaid), g_str_equal (value, "true"));
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      {
        gtk_editable_set_text (GTK_EDITABLE (fields[i].widget), value);
        return TRUE;
      }
  return FALSE;
}

gboolean
wx_part_order_dialog_select_supplier (WxPartOrderDialog *self,
                                      const char        *name)
{
  for (guint i = 0; self->supplier && self->suppliers && i < self->suppliers->len; i++)
    if (g_str_equal (((WxSupplier *) g_ptr_array_index (self->suppliers, i))->name, name))
      {
        gtk_drop_down_set_selected (self->supplier, i);
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ saving */

typedef struct {
  char             *number;
  int               version;
  gboolean          arrival;
  WxPartOrderInput  input;
  GPtrArray        *strings;
} SaveJob;

static void
save_job_free (SaveJob *j)
{
  g_free (j->number);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_free (j);
}

static const char *
text_of (SaveJob *j, GtkWidget *e)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (e))));

  g_ptr_array_add (j->strings, text);
  return text;
}

static void
wx_part_order_dialog_real_save (WxRecordDialog *dialog)
{
  WxPartOrderDialog *self = WX_PART_ORDER_DIALOG (dialog);
  WxOrder *order = wx_record_dialog_get_order (dialog);
  SaveJob *j = g_new0 (SaveJob, 1);
  GError *error = NULL;
  const char *field = NULL;

  j->number = g_strdup (wx_order_get_number (order));
  j->version = wx_order_get_version (order);
  j->arrival = self->arrival;
  j->strings = g_ptr_array_new_with_free_func (g_free);
  if (!self->arrival)
    {
      guint s = gtk_drop_down_get_selected (self->supplier);
      const char *cost = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
      j->input.part_id = self->part_id;
      j->input.name = text_of (j, self->name);
      j->input.part_number = text_of (j, self->part_number);
      j->input.quantity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->quantity));
      j->input.supplier_id = self->suppliers && s < self->suppliers->len
        ? ((WxSupplier *) g_ptr_array_index (self->suppliers, s))->id : 0;
      j->input.expected_on = text_of (j, self->expected_on);
      j->input.prepaid = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->prepaid));
      j->input.cost = -1;
      cost = text_of (j, self->cost);
      if (*cost && !wx_money_parse (cost, &j->input.cost, &error))
        field = "cost";
      else
        wx_part_order_input_check (&j->input, &today, &field, &error);
    }
  if (error)
    {
      save_job_free (j);
      wx_record_dialog_refuse (dialog, field, error);
      return;
    }
  wx_record_dialog_saving (dialog);
  if (j->arrival)
    wx_db_parts_arrived_async (wx_record_dialog_get_worker (dialog), j->number, j->version,
                               wx_record_dialog_get_cancellable (dialog), wx_record_dialog_saved_cb,
                               g_object_ref (dialog));
  else
    wx_db_part_order_save_async (wx_record_dialog_get_worker (dialog), j->number, j->version, &j->input,
                                 wx_record_dialog_get_cancellable (dialog), wx_record_dialog_saved_cb,
                                 g_object_ref (dialog));
  save_job_free (j);
}

void
wx_part_order_dialog_save (WxPartOrderDialog *self)
{
  wx_record_dialog_save (WX_RECORD_DIALOG (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_part_order_dialog_finalize (GObject *object)
{
  WxPartOrderDialog *self = WX_PART_ORDER_DIALOG (object);

  g_clear_pointer (&self->suppliers, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_part_order_dialog_parent_class)->finalize (object);
}

static void
wx_part_order_dialog_class_init (WxPartOrderDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wx_part_order_dialog_finalize;
  WX_RECORD_DIALOG_CLASS (klass)->save = wx_part_order_dialog_real_save;
}

static void
wx_part_order_dialog_init (WxPartOrderDialog *self)
{
}

WxPartOrderDialog *
wx_part_order_dialog_new (GtkWindow  *parent,
                          WxDbWorker *worker,
                          WxOrder    *order)
{
  WxPartOrderDialog *self = g_object_new (WX_TYPE_PART_ORDER_DIALOG, "transient-for", parent, NULL);

  self->arrival = wx_order_get_state (order) == WX_ORDER_STATE_WAITING_PARTS;
  wx_record_dialog_setup (WX_RECORD_DIALOG (self), worker, order,
                          self->arrival ? _("Parts arrived") : _("Order parts"));
  build (self, worker);
  wx_db_part_order_facts_async (worker, wx_order_get_number (order),
                                wx_record_dialog_get_cancellable (WX_RECORD_DIALOG (self)), loaded_cb, g_object_ref (self));
  return self;
}

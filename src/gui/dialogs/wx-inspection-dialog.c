#define G_LOG_DOMAIN "wx-inspection-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "db/wx-db-records.h"
#include "wx-inspection-dialog.h"
#include "wx-part-lines.h"
#include "wx-part-picker.h"

struct _WxInspectionDialog
{
  WxRecordDialog  parent_instance;

  GtkWidget      *inspect_check;
  GtkWidget      *outsource_check;
  GtkWidget      *peer_box;
  GtkWidget      *fault_analysis;
  GtkWidget      *measures;
  GtkWidget      *explanation;
  WxPartPicker   *picker;
  WxPartLines    *lines;
  GtkWidget      *labour;
  GtkLabel       *total_label;
  GtkDropDown    *peer_list;
  GtkLabel       *peer_details;
  GtkWidget      *peer_name;
  GtkWidget      *peer_address;
  GtkWidget      *peer_phone;
  GtkWidget      *peer_contact;
  GtkWidget      *new_peer_grid;
  GPtrArray      *peers;           /* WxSupplier; index + 1 in the drop-down (0: a new one) */
  char           *total_text;
};

G_DEFINE_FINAL_TYPE (WxInspectionDialog, wx_inspection_dialog, WX_TYPE_RECORD_DIALOG)

/* ------------------------------------------------------------ the form */

static void
update_total (WxInspectionDialog *self)
{
  WxMoney labour = 0;
  g_autofree char *yuan = NULL;

  wx_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->labour)), &labour, NULL);
  yuan = wx_money_format_yuan (wx_part_lines_total (self->lines) + labour);
  g_free (self->total_text);
  self->total_text = g_strdup (yuan);
  {
    g_autofree char *text = g_strdup_printf (_("Suggested price: %s"), yuan);
    gtk_label_set_text (self->total_label, text);
  }
}

static void
lines_changed_cb (gpointer instance, WxInspectionDialog *self)
{
  update_total (self);
}

static void
picked_cb (WxPartPicker *picker, WxCatalogPart *part, WxInspectionDialog *self)
{
  wx_part_lines_add (self->lines, part->id, part->part_number, part->name, 1, part->unit_price);
}

static void
add_typed_clicked_cb (GtkButton *button, WxInspectionDialog *self)
{
  wx_part_lines_add (self->lines, 0, NULL, NULL, 1, 0);
}

static void
peer_selected_cb (GtkDropDown *list, GParamSpec *pspec, WxInspectionDialog *self)
{
  guint i = gtk_drop_down_get_selected (list);
  WxSupplier *s = self->peers && i > 0 && i <= self->peers->len ? g_ptr_array_index (self->peers, i - 1) : NULL;

  gtk_widget_set_visible (self->new_peer_grid, s == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->peer_details), s != NULL);
  if (s)
    {
      g_autofree char *text = g_strdup_printf (_("Address: %s\nPhone: %s · Contact: %s"),
                                               *s->address ? s->address : "—", *s->phone ? s->phone : "—",
                                               *s->contact ? s->contact : "—");
      gtk_label_set_text (self->peer_details, text);
    }
}

static GtkWidget *
labelled_entry (GtkGrid *grid, int row, const char *label, GtkWidget **entry)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  *entry = gtk_entry_new ();
  gtk_widget_set_hexpand (*entry, TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), *entry);
  gtk_widget_add_css_class (l, "dim-label");
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, *entry, 1, row, 1, 1);
  return *entry;
}

static void
build (WxInspectionDialog *self, WxDbWorker *worker)
{
  WxRecordDialog *dialog = WX_RECORD_DIALOG (self);
  GtkWidget *frame, *modes, *parts_box, *add_typed, *total_row, *grid;

  modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  self->inspect_check = gtk_check_button_new_with_mnemonic (_("_Inspected here: fault, parts and price"));
  self->outsource_check = gtk_check_button_new_with_mnemonic (_("Send to a _peer shop"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (self->outsource_check), GTK_CHECK_BUTTON (self->inspect_check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->inspect_check), TRUE);
  gtk_box_append (GTK_BOX (modes), self->inspect_check);
  gtk_box_append (GTK_BOX (modes), self->outsource_check);
  wx_record_dialog_add_row (dialog, NULL, NULL, modes);

  self->fault_analysis = wx_record_dialog_text_view (&frame);
  wx_record_dialog_add_row (dialog, "fault_analysis", _("_Fault analysis *"), frame);

  /* The inspection's result. */
  self->measures = wx_record_dialog_text_view (&frame);
  wx_record_dialog_add_row (dialog, "measures", _("_Measures and result"), frame);

  parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->lines = WX_PART_LINES (wx_part_lines_new (TRUE));
  self->picker = WX_PART_PICKER (wx_record_dialog_add_picker (dialog));
  add_typed = gtk_button_new_with_mnemonic (_("_Type a part not in the catalogue"));
  gtk_widget_set_halign (add_typed, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (parts_box), GTK_WIDGET (self->lines));
  gtk_box_append (GTK_BOX (parts_box), GTK_WIDGET (self->picker));
  gtk_box_append (GTK_BOX (parts_box), add_typed);
  wx_record_dialog_add_row (dialog, "parts", _("Parts needed"), parts_box);

  total_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->labour = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->labour), _("yuan"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->labour), 10);
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->total_label), TRUE);
  gtk_label_set_xalign (self->total_label, 1);
  gtk_box_append (GTK_BOX (total_row), self->labour);
  gtk_box_append (GTK_BOX (total_row), GTK_WIDGET (self->total_label));
  wx_record_dialog_add_row (dialog, "labour", _("_Labour"), total_row);
  gtk_label_set_mnemonic_widget (GTK_LABEL (gtk_widget_get_prev_sibling (total_row)), self->labour);

  self->explanation = wx_record_dialog_text_view (&frame);
  wx_record_dialog_add_row (dialog, "explanation", _("_Explanation for the coordinator *"), frame);
  gtk_widget_set_tooltip_text (self->explanation,
                               _("In plain words the customer understands: what is wrong, what it takes, where the parts come from and when."));

  /* Or the peer shop. */
  self->peer_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->peer_list = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { _("Loading the peer shops…"), NULL }));
  self->peer_details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->peer_details, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->peer_details), "dim-label");
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  labelled_entry (GTK_GRID (grid), 0, _("_Name *"), &self->peer_name);
  labelled_entry (GTK_GRID (grid), 1, _("_Address"), &self->peer_address);
  labelled_entry (GTK_GRID (grid), 2, _("P_hone *"), &self->peer_phone);
  labelled_entry (GTK_GRID (grid), 3, _("_Contact"), &self->peer_contact);
  self->new_peer_grid = grid;
  gtk_box_append (GTK_BOX (self->peer_box), GTK_WIDGET (self->peer_list));
  gtk_box_append (GTK_BOX (self->peer_box), GTK_WIDGET (self->peer_details));
  gtk_box_append (GTK_BOX (self->peer_box), grid);
  wx_record_dialog_add_row (dialog, "peer", _("_Peer shop"), self->peer_box);

  /* The peer rows' messages, under the peer box. */
  wx_record_dialog_add_row (dialog, "peer_name", NULL, NULL);
  wx_record_dialog_add_row (dialog, "peer_phone", NULL, NULL);

  g_signal_connect (self->lines, "changed", G_CALLBACK (lines_changed_cb), self);
  g_signal_connect (self->labour, "changed", G_CALLBACK (lines_changed_cb), self);
  g_signal_connect (self->picker, "picked", G_CALLBACK (picked_cb), self);
  g_signal_connect (add_typed, "clicked", G_CALLBACK (add_typed_clicked_cb), self);
  g_signal_connect (self->peer_list, "notify::selected", G_CALLBACK (peer_selected_cb), self);
  update_total (self);
}

/* The rows from the measures to the explanation are the inspection's
 * result, the peer shop's row the other choice: one or the other shows. */
static void
show_mode (WxInspectionDialog *self)
{
  gboolean out = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->outsource_check));
  GtkWidget *widgets[] = { gtk_widget_get_parent (self->measures), gtk_widget_get_parent (GTK_WIDGET (self->lines)),
                           gtk_widget_get_parent (self->labour), gtk_widget_get_parent (self->explanation) };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      GtkWidget *label = gtk_widget_get_prev_sibling (widgets[i]);

      gtk_widget_set_visible (widgets[i], !out);
      if (GTK_IS_LABEL (label) && gtk_label_get_mnemonic_widget (GTK_LABEL (label)))
        gtk_widget_set_visible (label, !out);
    }
  gtk_widget_set_visible (self->peer_box, out);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (self->peer_box), out);
}

static void
mode_changed_cb (GtkCheckButton *check, WxInspectionDialog *self)
{
  show_mode (self);
}

/* ------------------------------------------------------------ peers */

static void
peers_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxInspectionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) peers = wx_db_suppliers_load_finish (WX_DB_WORKER (source), result, &error);
  g_autoptr(GtkStringList) names = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  names = gtk_string_list_new ((const char *[]) { _("A new peer shop…"), NULL });
  if (peers)
    for (guint i = 0; i < peers->len; i++)
      gtk_string_list_append (names, ((WxSupplier *) g_ptr_array_index (peers, i))->name);
  else
    wx_record_dialog_set_message (WX_RECORD_DIALOG (self), "peer", error->message);
  self->peers = peers ? g_steal_pointer (&peers) : g_ptr_array_new ();
  gtk_drop_down_set_model (self->peer_list, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->peer_list, 0);
  peer_selected_cb (self->peer_list, NULL, self);
  g_signal_emit_by_name (self, "loaded", error);
}

gboolean
wx_inspection_dialog_select_peer (WxInspectionDialog *self,
                                  const char         *name)
{
  g_return_val_if_fail (WX_IS_INSPECTION_DIALOG (self), FALSE);
  if (name == NULL || !*name)
    {
      gtk_drop_down_set_selected (self->peer_list, 0);
      return TRUE;
    }
  for (guint i = 0; self->peers && i < self->peers->len; i++)
    if (g_str_equal (((WxSupplier *) g_ptr_array_index (self->peers, i))->name, name))
      {
        gtk_drop_down_set_selected (self->peer_list, i + 1);
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ public setters */

gboolean
wx_inspection_dialog_set_value (WxInspectionDialog *self,
                                const char         *key,
                                const char         *value)
{
  struct { const char *key; GtkWidget *widget; } fields[] = {
    { "fault_analysis", self->fault_analysis }, { "measures", self->measures },
    { "explanation", self->explanation }, { "labour", self->labour },
    { "peer_name", self->peer_name }, { "peer_address", self->peer_address },
    { "peer_phone", self->peer_phone }, { "peer_contact", self->peer_contact },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      {
        if (GTK_IS_TEXT_VIEW (fields[i].widget))
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fields[i].widget)), value, -1);
        else
          gtk_editable_set_text (GTK_EDITABLE (fields[i].widget), value);
        return TRUE;
      }
  return FALSE;
}

void
wx_inspection_dialog_set_outsource (WxInspectionDialog *self,
                                    gboolean            outsource)
{
  g_return_if_fail (WX_IS_INSPECTION_DIALOG (self));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (outsource ? self->outsource_check : self->inspect_check), TRUE);
}

void
wx_inspection_dialog_add_typed_part (WxInspectionDialog *self,
                                     const char         *name,
                                     int                 quantity,
                                     const char         *unit_price)
{
  WxMoney fen = 0;

  g_return_if_fail (WX_IS_INSPECTION_DIALOG (self));
  wx_money_parse (unit_price, &fen, NULL);
  wx_part_lines_add (self->lines, 0, NULL, name, quantity, fen);
}

const char *
wx_inspection_dialog_get_total (WxInspectionDialog *self)
{
  g_return_val_if_fail (WX_IS_INSPECTION_DIALOG (self), NULL);
  return self->total_text;
}

/* ------------------------------------------------------------ saving */

typedef struct {
  char              *number;
  int                version;
  WxInspectionInput  input;
  GArray            *parts;
  GPtrArray         *strings;
} SaveJob;

static void
save_job_free (SaveJob *j)
{
  g_free (j->number);
  g_clear_pointer (&j->parts, g_array_unref);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_free (j);
}

static const char *
keep (SaveJob *j, char *text)
{
  g_ptr_array_add (j->strings, text);
  return text;
}

static void
wx_inspection_dialog_real_save (WxRecordDialog *dialog)
{
  WxInspectionDialog *self = WX_INSPECTION_DIALOG (dialog);
  WxOrder *order = wx_record_dialog_get_order (dialog);
  SaveJob *j = g_new0 (SaveJob, 1);
  GError *error = NULL;
  const char *field = NULL;
  guint peer = gtk_drop_down_get_selected (self->peer_list);

  j->number = g_strdup (wx_order_get_number (order));
  j->version = wx_order_get_version (order);
  j->parts = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->input.fault_analysis = keep (j, wx_record_dialog_text_of (self->fault_analysis));
  j->input.outsource = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->outsource_check));
  if (j->input.outsource)
    {
      if (self->peers && peer > 0 && peer <= self->peers->len)
        j->input.peer_id = ((WxSupplier *) g_ptr_array_index (self->peers, peer - 1))->id;
      j->input.peer_name = keep (j, g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->peer_name))));
      j->input.peer_address = keep (j, g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->peer_address))));
      j->input.peer_phone = keep (j, g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->peer_phone)))));
      j->input.peer_contact = keep (j, g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->peer_contact))));
    }
  else
    {
      const char *labour = gtk_editable_get_text (GTK_EDITABLE (self->labour));

      j->input.measures = keep (j, wx_record_dialog_text_of (self->measures));
      j->input.explanation = keep (j, wx_record_dialog_text_of (self->explanation));
      j->input.parts = j->parts;
      if (!wx_part_lines_collect (self->lines, j->parts, j->strings, &error))
        field = "parts";
      else if (*labour && !wx_money_parse (labour, &j->input.labour, &error))
        field = "labour";
    }
  if (error == NULL)
    wx_inspection_input_check (&j->input, &field, &error);
  if (error)
    {
      save_job_free (j);
      wx_record_dialog_refuse (dialog, field, error);
      return;
    }
  wx_record_dialog_saving (dialog);
  wx_db_inspection_save_async (wx_record_dialog_get_worker (dialog), j->number, j->version, &j->input,
                               wx_record_dialog_get_cancellable (dialog), wx_record_dialog_saved_cb,
                               g_object_ref (dialog));
  save_job_free (j);
}

void
wx_inspection_dialog_save (WxInspectionDialog *self)
{
  wx_record_dialog_save (WX_RECORD_DIALOG (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_inspection_dialog_finalize (GObject *object)
{
  WxInspectionDialog *self = WX_INSPECTION_DIALOG (object);

  g_clear_pointer (&self->peers, g_ptr_array_unref);
  g_free (self->total_text);
  G_OBJECT_CLASS (wx_inspection_dialog_parent_class)->finalize (object);
}

static void
wx_inspection_dialog_class_init (WxInspectionDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wx_inspection_dialog_finalize;
  WX_RECORD_DIALOG_CLASS (klass)->save = wx_inspection_dialog_real_save;
}

static void
wx_inspection_dialog_init (WxInspectionDialog *self)
{
}

WxInspectionDialog *
wx_inspection_dialog_new (GtkWindow  *parent,
                          WxDbWorker *worker,
                          WxOrder    *order)
{
  WxInspectionDialog *self = g_object_new (WX_TYPE_INSPECTION_DIALOG, "transient-for", parent, NULL);
  WxOrderState state = wx_order_get_state (order);
  gboolean can_inspect = state == WX_ORDER_STATE_INSPECTING || state == WX_ORDER_STATE_ON_SITE;

  wx_record_dialog_setup (WX_RECORD_DIALOG (self), worker, order, _("Inspection"));
  build (self, worker);
  g_signal_connect (self->outsource_check, "toggled", G_CALLBACK (mode_changed_cb), self);
  /* Being repaired, it can only be sent out. */
  gtk_widget_set_sensitive (self->inspect_check, can_inspect);
  wx_inspection_dialog_set_outsource (self, !can_inspect);
  show_mode (self);
  wx_db_suppliers_load_async (worker, TRUE, wx_record_dialog_get_cancellable (WX_RECORD_DIALOG (self)),
                              peers_loaded_cb, g_object_ref (self));
  return self;
}

#define G_LOG_DOMAIN "wx-repair-dialog"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-error.h"
#include "db/wx-db-records.h"
#include "wx-part-lines.h"
#include "wx-part-picker.h"
#include "wx-repair-dialog.h"

static const char *old_parts_codes[] = { "returned_to_customer", "kept_by_supervisor", "none" };

struct _WxRepairDialog
{
  WxRecordDialog     parent_instance;

  WxOrderRecord     *record;
  WxMachineCategory  category;
  GtkLabel          *category_label;
  GtkWidget         *suggested;       /* what the inspection asked for */
  GtkBox            *issued_box;      /* a row per part issued earlier: label, return spin */
  WxPartPicker      *picker;
  WxPartLines       *lines;
  GtkDropDown       *old_parts;
  GtkBox            *tests_box;       /* a row per item: check (+ note entry) */
  GtkWidget         *cleaned;
  GtkWidget         *notes;
};

G_DEFINE_FINAL_TYPE (WxRepairDialog, wx_repair_dialog, WX_TYPE_RECORD_DIALOG)

/* ------------------------------------------------------------ the form */

static void
picked_cb (WxPartPicker *picker, WxCatalogPart *part, WxRepairDialog *self)
{
  wx_part_lines_add (self->lines, part->id, part->part_number, part->name, 1, part->unit_price);
}

static void
add_typed_clicked_cb (GtkButton *button, WxRepairDialog *self)
{
  wx_part_lines_add (self->lines, 0, NULL, NULL, 1, 0);
}

/* The checklist of the category: a check per item, a note where the item
 * is "per the manual"; each item's message under it. */
static void
fill_checklist (WxRepairDialog *self)
{
  WxRecordDialog *dialog = WX_RECORD_DIALOG (self);
  guint n = 0;
  const WxTestItem *items = wx_functional_tests (self->category, &n);
  g_autofree char *what = g_strdup_printf (_("%s — tests from the shop's functional test rules"),
                                           wx_machine_category_label (self->category));

  gtk_label_set_text (self->category_label, what);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *check = gtk_check_button_new_with_label (_(items[i].label));

      g_object_set_data (G_OBJECT (row), "code", (gpointer) items[i].code);
      gtk_box_append (GTK_BOX (row), check);
      if (items[i].needs_note)
        {
          GtkWidget *note = gtk_entry_new ();

          gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("How it was tested"));
          gtk_widget_set_margin_start (note, 28);
          gtk_box_append (GTK_BOX (row), note);
        }
      gtk_box_append (self->tests_box, row);
    }
  for (guint i = 0; i < n; i++)
    wx_record_dialog_add_row (dialog, items[i].code, NULL, NULL);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->cleaned), wx_cleaning_label (self->category));
}

static void
build (WxRepairDialog *self, WxDbWorker *worker)
{
  WxRecordDialog *dialog = WX_RECORD_DIALOG (self);
  GtkWidget *frame, *parts_box, *add_typed;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  self->category_label = GTK_LABEL (gtk_label_new (_("Loading the order's record…")));
  gtk_label_set_xalign (self->category_label, 0);
  wx_record_dialog_add_row (dialog, NULL, _("Machine"), GTK_WIDGET (self->category_label));

  wx_record_dialog_add_heading (dialog, _("Parts"));
  self->suggested = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->suggested), 0);
  gtk_label_set_wrap (GTK_LABEL (self->suggested), TRUE);
  gtk_widget_add_css_class (self->suggested, "dim-label");
  wx_record_dialog_add_row (dialog, NULL, _("Inspection asked for"), self->suggested);

  self->issued_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  wx_record_dialog_add_row (dialog, "returned", _("Already issued"), GTK_WIDGET (self->issued_box));

  parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->lines = WX_PART_LINES (wx_part_lines_new (FALSE));
  self->picker = WX_PART_PICKER (wx_record_dialog_add_picker (dialog));
  add_typed = gtk_button_new_with_mnemonic (_("_Type a part bought in (not from stock)"));
  gtk_widget_set_halign (add_typed, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (parts_box), GTK_WIDGET (self->lines));
  gtk_box_append (GTK_BOX (parts_box), GTK_WIDGET (self->picker));
  gtk_box_append (GTK_BOX (parts_box), add_typed);
  wx_record_dialog_add_row (dialog, "parts", _("Parts used now"), parts_box);

  for (guint i = 0; i < G_N_ELEMENTS (old_parts_codes); i++)
    g_strv_builder_add (labels, wx_code_label (WX_CODE_OLD_PARTS, old_parts_codes[i]));
  strv = g_strv_builder_end (labels);
  self->old_parts = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) strv));
  gtk_drop_down_set_selected (self->old_parts, 2);
  wx_record_dialog_add_row (dialog, "old_parts", _("_Old parts"), GTK_WIDGET (self->old_parts));

  wx_record_dialog_add_heading (dialog, _("Functional tests"));
  self->tests_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  wx_record_dialog_add_row (dialog, "tests", NULL, GTK_WIDGET (self->tests_box));
  self->cleaned = gtk_check_button_new ();
  fill_checklist (self);
  wx_record_dialog_add_row (dialog, "cleaned", NULL, self->cleaned);

  wx_record_dialog_add_heading (dialog, _("Repair"));
  self->notes = wx_record_dialog_text_view (&frame);
  wx_record_dialog_add_row (dialog, "repair_notes", _("_What was repaired *"), frame);

  g_signal_connect (self->picker, "picked", G_CALLBACK (picked_cb), self);
  g_signal_connect (add_typed, "clicked", G_CALLBACK (add_typed_clicked_cb), self);
}

static GtkWidget *
test_row (WxRepairDialog *self, const char *code)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tests_box)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "code"), code) == 0)
      return row;
  return NULL;
}

static void
fill_record (WxRepairDialog *self)
{
  WxOrderRecord *r = self->record;
  g_autoptr(GString) asked = g_string_new (NULL);

  for (guint i = 0; i < r->parts->len; i++)
    {
      g_autofree char *one = wx_part_line_describe (&g_array_index (r->parts, WxPartLine, i));
      g_string_append_printf (asked, "%s%s", asked->len ? _("; ") : "", one);
    }
  gtk_label_set_text (GTK_LABEL (self->suggested), asked->len ? asked->str : _("No parts"));
  if (r->issued->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("None"));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->issued_box, none);
    }
  for (guint i = 0; i < r->issued->len; i++)
    {
      WxIssuedPart *p = g_ptr_array_index (r->issued, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *text = g_strdup_printf (_("%s (%s) × %d"), p->name, p->part_number, p->quantity);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *back = gtk_label_new (_("unused, back to stock:"));
      GtkWidget *spin = gtk_spin_button_new_with_range (0, p->quantity, 1);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (back, "dim-label");
      g_object_set_data (G_OBJECT (row), "issued", p);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), back);
      gtk_box_append (GTK_BOX (row), spin);
      gtk_box_append (self->issued_box, row);
    }
  if (*r->repair_notes)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes)), r->repair_notes, -1);
  /* Tests recorded before (a repair saved once and refused) stay ticked. */
  for (guint i = 0; i < r->tests->len; i++)
    {
      WxRecordedTest *t = g_ptr_array_index (r->tests, i);
      wx_repair_dialog_set_test (self, t->code, t->passed, t->note);
    }
}

/* ------------------------------------------------------------ loading */

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxRepairDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  WxOrderRecord *r = wx_db_order_record_load_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (r == NULL)
    {
      wx_record_dialog_set_message (WX_RECORD_DIALOG (self), NULL, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.save", FALSE);
    }
  else
    {
      self->record = r;
      fill_record (self);
    }
  g_signal_emit_by_name (self, "loaded", error);
}

/* ------------------------------------------------------------ public setters */

gboolean
wx_repair_dialog_set_value (WxRepairDialog *self,
                            const char     *key,
                            const char     *value)
{
  g_return_val_if_fail (WX_IS_REPAIR_DIALOG (self), FALSE);
  if (g_str_equal (key, "repair_notes"))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes)), value, -1);
      return TRUE;
    }
  if (g_str_equal (key, "old_parts"))
    for (guint i = 0; i < G_N_ELEMENTS (old_parts_codes); i++)
      if (g_str_equal (old_parts_codes[i], value))
        {
          gtk_drop_down_set_selected (self->old_parts, i);
          return TRUE;
        }
  return FALSE;
}

gboolean
wx_repair_dialog_set_test (WxRepairDialog *self,
                           const char     *code,
                           gboolean        passed,
                           const char     *note)
{
  GtkWidget *row = test_row (self, code);
  GtkWidget *check, *entry;

  if (row == NULL)
    return FALSE;
  check = gtk_widget_get_first_child (row);
  entry = gtk_widget_get_next_sibling (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), passed);
  if (entry && note)
    gtk_editable_set_text (GTK_EDITABLE (entry), note);
  return TRUE;
}

void
wx_repair_dialog_pass_all_tests (WxRepairDialog *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tests_box)); row;
       row = gtk_widget_get_next_sibling (row))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_first_child (row)), TRUE);
}

void
wx_repair_dialog_set_cleaned (WxRepairDialog *self,
                              gboolean        cleaned)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->cleaned), cleaned);
}

gboolean
wx_repair_dialog_set_return (WxRepairDialog *self,
                             const char     *part_number,
                             int             quantity)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->issued_box)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      WxIssuedPart *p = g_object_get_data (G_OBJECT (row), "issued");

      if (p && g_str_equal (p->part_number, part_number))
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_last_child (row)), quantity);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wx_repair_dialog_get_category (WxRepairDialog *self)
{
  return wx_machine_category_label (self->category);
}

/* ------------------------------------------------------------ saving */

typedef struct {
  char          *number;
  int            version;
  WxRepairInput  input;
  GArray        *used;
  GArray        *returned;
  GArray        *tests;
  GPtrArray     *strings;
} SaveJob;

static void
save_job_free (SaveJob *j)
{
  g_free (j->number);
  g_clear_pointer (&j->used, g_array_unref);
  g_clear_pointer (&j->returned, g_array_unref);
  g_clear_pointer (&j->tests, g_array_unref);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_free (j);
}

static void
collect_issued (WxRepairDialog *self, SaveJob *j)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->issued_box)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      WxIssuedPart *p = g_object_get_data (G_OBJECT (row), "issued");
      int back;

      if (p == NULL)
        continue;
      back = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (gtk_widget_get_last_child (row)));
      if (back > 0)
        {
          WxPartLine l = { p->part_id, p->part_number, p->name, back, 0, FALSE };
          g_array_append_val (j->returned, l);
        }
      if (back < p->quantity)
        j->input.n_issued_kept++;
    }
}

static void
collect_tests (WxRepairDialog *self, SaveJob *j)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tests_box)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_widget_get_first_child (row);
      GtkWidget *entry = gtk_widget_get_next_sibling (check);
      WxTestResult t = { g_object_get_data (G_OBJECT (row), "code"),
                         gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), NULL };

      if (entry)
        {
          char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
          g_ptr_array_add (j->strings, note);
          t.note = note;
        }
      g_array_append_val (j->tests, t);
    }
}

static void
wx_repair_dialog_real_save (WxRecordDialog *dialog)
{
  WxRepairDialog *self = WX_REPAIR_DIALOG (dialog);
  WxOrder *order = wx_record_dialog_get_order (dialog);
  SaveJob *j;
  GError *error = NULL;
  const char *field = NULL;
  guint old = gtk_drop_down_get_selected (self->old_parts);

  if (self->record == NULL)
    return;   /* still loading: Save is not enabled yet either */
  j = g_new0 (SaveJob, 1);
  j->number = g_strdup (wx_order_get_number (order));
  j->version = wx_order_get_version (order);
  j->used = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  j->returned = g_array_new (FALSE, TRUE, sizeof (WxPartLine));
  j->tests = g_array_new (FALSE, TRUE, sizeof (WxTestResult));
  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->input.category = self->category;
  j->input.parts_used = j->used;
  j->input.parts_returned = j->returned;
  j->input.tests = j->tests;
  j->input.old_parts = old < G_N_ELEMENTS (old_parts_codes) ? old_parts_codes[old] : NULL;
  j->input.cleaned = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->cleaned));
  j->input.repair_notes = wx_record_dialog_text_of (self->notes);
  g_ptr_array_add (j->strings, (gpointer) j->input.repair_notes);
  /* The issued parts' strings belong to the record, which outlives the job
   * only while the dialog lives: copy them. */
  collect_issued (self, j);
  for (guint i = 0; i < j->returned->len; i++)
    {
      WxPartLine *l = &g_array_index (j->returned, WxPartLine, i);
      g_ptr_array_add (j->strings, (gpointer) (l->name = g_strdup (l->name)));
      g_ptr_array_add (j->strings, (gpointer) (l->part_number = g_strdup (l->part_number)));
    }
  collect_tests (self, j);
  if (wx_part_lines_collect (self->lines, j->used, j->strings, &error))
    wx_repair_input_check (&j->input, &field, &error);
  else
    field = "parts";
  if (error)
    {
      save_job_free (j);
      wx_record_dialog_refuse (dialog, field, error);
      return;
    }
  wx_record_dialog_saving (dialog);
  wx_db_repair_save_async (wx_record_dialog_get_worker (dialog), j->number, j->version, &j->input,
                           wx_record_dialog_get_cancellable (dialog), wx_record_dialog_saved_cb, g_object_ref (dialog));
  save_job_free (j);
}

void
wx_repair_dialog_save (WxRepairDialog *self)
{
  wx_record_dialog_save (WX_RECORD_DIALOG (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_repair_dialog_finalize (GObject *object)
{
  WxRepairDialog *self = WX_REPAIR_DIALOG (object);

  g_clear_pointer (&self->record, wx_order_record_free);
  G_OBJECT_CLASS (wx_repair_dialog_parent_class)->finalize (object);
}

static void
wx_repair_dialog_class_init (WxRepairDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wx_repair_dialog_finalize;
  WX_RECORD_DIALOG_CLASS (klass)->save = wx_repair_dialog_real_save;
}

static void
wx_repair_dialog_init (WxRepairDialog *self)
{
}

WxRepairDialog *
wx_repair_dialog_new (GtkWindow  *parent,
                      WxDbWorker *worker,
                      WxOrder    *order)
{
  WxRepairDialog *self = g_object_new (WX_TYPE_REPAIR_DIALOG, "transient-for", parent, NULL);
  const WxOrderData *d = wx_order_get_data (order);

  wx_record_dialog_setup (WX_RECORD_DIALOG (self), worker, order,
                          d->state == WX_ORDER_STATE_RECEIVED ? _("Fixed at the check bench (OK)") : _("Repair done (OK)"));
  /* The checklist follows from what the desk wrote; the record adds the rest. */
  self->category = wx_machine_category_guess (d->product_name, d->model);
  build (self, worker);
  wx_db_order_record_load_async (worker, d->number, wx_record_dialog_get_cancellable (WX_RECORD_DIALOG (self)),
                                 loaded_cb, g_object_ref (self));
  return self;
}

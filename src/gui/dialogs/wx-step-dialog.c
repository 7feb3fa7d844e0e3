#define G_LOG_DOMAIN "wx-step-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-money.h"
#include "core/wx-validate.h"
#include "core/wx-workflow.h"
#include "db/wx-db-calls.h"
#include "db/wx-db-document.h"
#include "db/wx-db-lookup.h"
#include "db/wx-db-records.h"
#include "db/wx-db-workflow.h"
#include "gui/wx-describe.h"
#include "wx-dialog-fields.h"
#include "wx-step-dialog.h"

typedef enum {
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_CHOICE,
  FIELD_CHECK,
  FIELD_ENGINEER,
} FieldType;

typedef struct {
  const char *key;
  const char *label;
  FieldType   type;
  const char *choices;   /* "code:Label|code:Label" for FIELD_CHOICE */
} FieldSpec;

static const FieldSpec field_specs[] = {
  { "engineer",            N_("Engineer"),                          FIELD_ENGINEER, NULL },
  { "fault_analysis",      N_("Findings (fault analysis)"),         FIELD_TEXT,     NULL },
  { "measures",            N_("Measures and result"),               FIELD_TEXT,     NULL },
  { "parts_needed",        N_("Parts needed"),                      FIELD_ENTRY,    NULL },
  { "explanation",         N_("Explanation for the customer"),      FIELD_TEXT,     NULL },
  { "quote_method",        N_("Quote given by"),                    FIELD_CHOICE,
    N_("phone:Phone|fax:Fax|email:Email|chat:Chat|in_person:In person") },
  { "quote_told",          N_("Told to (contact and end user)"),    FIELD_ENTRY,    NULL },
  { "repair_period",       N_("Repair period"),                     FIELD_ENTRY,    NULL },
  { "decision_contact",    N_("Customer contact who decided"),      FIELD_ENTRY,    NULL },
  { "decision_reason",     N_("Reason (needed after the decision limit)"), FIELD_ENTRY, NULL },
  { "repair_notes",        N_("What was repaired"),                 FIELD_TEXT,     NULL },
  { "old_parts",           N_("Old parts"),                         FIELD_CHOICE,
    N_("returned_to_customer:Returned to the customer|kept_by_supervisor:Kept by the supervisor|none:None") },
  { "peer_id",             N_("Peer shop (number in the supplier list)"), FIELD_ENTRY, NULL },
  { "part",                N_("Part to order"),                     FIELD_ENTRY,    NULL },
  { "expected_on",         N_("Expected on (YYYY-MM-DD)"),          FIELD_ENTRY,    NULL },
  { "answered_by",         N_("Answered by"),                       FIELD_ENTRY,    NULL },
  { "relayed_to",          N_("Relayed via (if not the contact)"),  FIELD_ENTRY,    NULL },
  { "accessories_checked", N_("Accessories checked and handed back"), FIELD_CHECK,  NULL },
  { "payment_status",      N_("Payment"),                           FIELD_CHOICE,
    N_("paid:Paid now|on_account:On account (monthly statement)|free:Free of charge") },
  { "payment_amount",      N_("Amount received (yuan)"),            FIELD_ENTRY,    NULL },
  { "payment_method",      N_("Paid by"),                           FIELD_CHOICE,
    WX_PAYMENT_METHODS },
  { "picked_up_by",        N_("Picked up by"),                      FIELD_ENTRY,    NULL },
  { "verified_by",         N_("Machine verified by (supervisor or engineer)"), FIELD_ENTRY, NULL },
  { "pickup_signed",       N_("Customer signed the customer copy"), FIELD_CHECK,    NULL },
  { "appointment_at",      N_("Appointment (YYYY-MM-DD HH:MM)"),    FIELD_ENTRY,    NULL },
  { "reason",              N_("Reason"),                            FIELD_ENTRY,    NULL },
  { "cancel_reason",       N_("Reason for cancelling"),             FIELD_ENTRY,    NULL },
  { "new_owner",           N_("Colleague who takes over (login name)"), FIELD_ENTRY, NULL },
  { "warranty_status",     N_("Warranty"),                          FIELD_CHOICE,
    N_("in_warranty:In warranty|contract:Under a service contract") },
};


typedef struct {
  const FieldSpec *spec;
  GtkWidget       *widget;
  GtkLabel        *message;
  GPtrArray       *codes;      /* choices and engineers: the codes by position */
  gboolean         required;
} Field;

struct _WxStepDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *title;
  GtkWidget         *save_button;
  GtkWidget         *close_button;
  GtkWidget         *alt_button;
  GtkSpinner        *spinner;
  GtkLabel          *summary_label;
  GtkGrid           *grid;
  GtkLabel          *error_label;

  WxDbWorker        *worker;
  WxOrder           *order;
  char              *event;
  const WxTransition *transition;
  GPtrArray         *fields;        /* Field */
  int                rows;
  GtkBox            *lines_box;     /* quote lines, when the step quotes */
  GtkLabel          *total_label;
  GPtrArray         *accessory_checks; /* GtkCheckButton: one per accessory left, once loaded */
  GCancellable      *cancellable;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (WxStepDialog, wx_step_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_FINISHED, SIGNAL_NO_ANSWER, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
field_free (Field *f)
{
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  g_free (f);
}

static const FieldSpec *
find_spec (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (g_str_equal (field_specs[i].key, key))
      return &field_specs[i];
  return NULL;
}

static Field *
find_field (WxStepDialog *self,
            const char   *key)
{
  for (guint i = 0; key && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      if (g_str_equal (f->spec->key, key))
        return f;
    }
  return NULL;
}

/* The keys a step asks for: its needs', then its optional ones. */
static GPtrArray *
step_keys (const WxTransition *t,
           guint              *required_upto)
{
  GPtrArray *keys = g_ptr_array_new ();
  guint n_required;

  for (guint bit = 0; bit < WX_N_NEEDS; bit++)
    {
      WxNeed need = 1u << bit;
      const char *key;

      if (!(t->needs & need) || (key = wx_need_key (need)) == NULL)
        continue;
      if (need == WX_NEED_QUOTE_TOTAL)
        continue;   /* the sum of the lines */
      g_ptr_array_add (keys, (gpointer) key);
    }
  n_required = keys->len;
  /* What it may record besides: the catalogue's fills. */
  {
    g_auto(GStrv) more = g_strsplit (t->fills, " ", -1);

    for (guint j = 0; more[j]; j++)
      if (*more[j])
        g_ptr_array_add (keys, (gpointer) g_intern_string (more[j]));
  }
  if (required_upto)
    *required_upto = n_required;
  return keys;
}

/* Whether the generic dialog has a field for `key` (a need's key or a
 * fill); the quote's lines and total have the lines editor. */
gboolean
wx_step_dialog_asks (const char *key)
{
  return find_spec (key) != NULL || g_strcmp0 (key, "quote_total") == 0;
}

gboolean
wx_step_dialog_has_fields (const char   *event,
                           WxOrderKind   kind,
                           WxOrderState  state)
{
  const WxTransition *t = wx_workflow_find (kind, state, event);
  g_autoptr(GPtrArray) keys = NULL;

  if (t == NULL)
    return FALSE;
  keys = step_keys (t, NULL);
  return keys->len > 0 || (t->needs & WX_NEED_QUOTE_LINES);
}

/* ------------------------------------------------------------ the fields */

static void
add_field (WxStepDialog    *self,
           const FieldSpec *spec,
           gboolean         required)
{
  Field *f = g_new0 (Field, 1);
  g_autofree char *label = required ? g_strdup_printf (_("%s *"), _(spec->label)) : g_strdup (_(spec->label));
  GtkWidget *frame;

  f->spec = spec;
  f->required = required;
  f->codes = g_ptr_array_new_with_free_func (g_free);
  f->message = wx_dialog_message_new ();

  switch (spec->type)
    {
    case FIELD_TEXT:
      f->widget = wx_dialog_text_view_new (64, &frame);
      wx_dialog_grid_add_row (self->grid, &self->rows, label, frame, f->widget, f->message);
      break;
    case FIELD_CHOICE:
      f->widget = wx_dialog_choice_new (_(spec->choices), f->codes);
      wx_dialog_grid_add_row (self->grid, &self->rows, label, f->widget, NULL, f->message);
      break;
    case FIELD_CHECK:
      f->widget = gtk_check_button_new_with_label (label);
      gtk_grid_attach (self->grid, f->widget, 1, self->rows++, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (f->message), 1, self->rows++, 1, 1);
      break;
    case FIELD_ENGINEER:
      {
        const char *loading[] = { _("Loading the engineers…"), NULL };
        f->widget = gtk_drop_down_new_from_strings (loading);
        wx_dialog_grid_add_row (self->grid, &self->rows, label, f->widget, NULL, f->message);
      }
      break;
    case FIELD_ENTRY:
    default:
      f->widget = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (f->widget), TRUE);
      wx_dialog_grid_add_row (self->grid, &self->rows, label, f->widget, NULL, f->message);
      break;
    }
  g_ptr_array_add (self->fields, f);
}

static char *
field_value (Field *f)
{
  return wx_dialog_field_get (f->widget, f->codes);
}

gboolean
wx_step_dialog_set_value (WxStepDialog *self,
                          const char   *key,
                          const char   *value)
{
  Field *f;

  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), FALSE);
  f = find_field (self, key);
  return f != NULL && wx_dialog_field_set (f->widget, f->codes, value);
}

const char *
wx_step_dialog_get_message (WxStepDialog *self,
                            const char   *key)
{
  Field *f;

  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  if (key == NULL)
    return gtk_label_get_text (self->error_label);
  f = find_field (self, key);
  return f ? gtk_label_get_text (f->message) : "";
}

WxOrder *
wx_step_dialog_get_order (WxStepDialog *self)
{
  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  return self->order;
}

const char *
wx_step_dialog_get_event (WxStepDialog *self)
{
  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  return self->event;
}

/* ------------------------------------------------------------ quote lines */

static gboolean
line_values (GtkWidget  *row,
             char      **description,
             int        *quantity,
             char      **price)
{
  GtkWidget *desc = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));   /* after its kind */
  GtkWidget *qty = gtk_widget_get_next_sibling (desc);
  GtkWidget *unit = gtk_widget_get_next_sibling (qty);

  *description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (desc))));
  *quantity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (qty));
  *price = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (unit))));
  return **description != '\0' || **price != '\0';
}

static void
update_total (WxStepDialog *self)
{
  WxMoney total = 0;
  g_autofree char *text = NULL;
  g_autofree char *yuan = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *description = NULL, *price = NULL;
      WxMoney fen = 0;
      int quantity;

      if (line_values (row, &description, &quantity, &price) && wx_money_parse (price, &fen, NULL))
        total += fen * quantity;
    }
  yuan = wx_money_format_yuan (total);
  text = g_strdup_printf (_("Total: %s"), yuan);
  gtk_label_set_text (self->total_label, text);
}

static void
line_changed_cb (GtkWidget    *widget,
                 WxStepDialog *self)
{
  update_total (self);
}

static void
remove_line_cb (GtkButton    *button,
                WxStepDialog *self)
{
  gtk_box_remove (self->lines_box, gtk_widget_get_parent (GTK_WIDGET (button)));
  update_total (self);
}

/* What a quote line is, as wx_transition's quote_lines.kind: the sheet
 * prints labour (人工费) apart from the parts. */
static const struct { const char *code; const char *label; } line_kinds[] = {
  { "part",   NC_("quote line", "Part") },
  { "labour", NC_("quote line", "Labour") },
  { "item",   NC_("quote line", "Item") },
  { "fee",    NC_("quote line", "Fee") },
};

static void
line_kind_changed_cb (GtkDropDown *kind,
                      GParamSpec  *pspec,
                      GtkWidget   *row)
{
  guint i = gtk_drop_down_get_selected (kind);

  if (i < G_N_ELEMENTS (line_kinds))
    g_object_set_data_full (G_OBJECT (row), "kind", g_strdup (line_kinds[i].code), g_free);
}

/* A line, with what it was drafted from (the inspection's catalogue part
 * or labour) kept on the row so that the quote keeps it; its kind can be
 * changed. */
static GtkWidget *
add_line (WxStepDialog *self,
          const char   *description,
          int           quantity,
          const char   *unit_price)
{
  GtkWidget *row, *desc, *qty, *price, *remove, *kind;
  const char *labels[G_N_ELEMENTS (line_kinds) + 1] = { NULL };

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (line_kinds); i++)
    labels[i] = g_dpgettext2 (NULL, "quote line", line_kinds[i].label);
  kind = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_tooltip_text (kind, _("Part, labour (人工费), item or fee"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of line"), -1);
  g_object_set_data_full (G_OBJECT (row), "kind", g_strdup ("part"), g_free);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (line_kind_changed_cb), row);
  desc = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (desc), _("Part or work"));
  /* Room to read what is typed (it once showed two characters). */
  gtk_editable_set_width_chars (GTK_EDITABLE (desc), 14);
  gtk_widget_set_hexpand (desc, TRUE);
  qty = gtk_spin_button_new_with_range (1, 100000, 1);
  price = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (price), _("Unit price (yuan)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (price), 10);
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove this line"));
  gtk_editable_set_text (GTK_EDITABLE (desc), description ? description : "");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (qty), MAX (quantity, 1));
  gtk_editable_set_text (GTK_EDITABLE (price), unit_price ? unit_price : "");
  gtk_box_append (GTK_BOX (row), kind);
  gtk_box_append (GTK_BOX (row), desc);
  gtk_box_append (GTK_BOX (row), qty);
  gtk_box_append (GTK_BOX (row), price);
  gtk_box_append (GTK_BOX (row), remove);
  g_signal_connect (qty, "value-changed", G_CALLBACK (line_changed_cb), self);
  g_signal_connect (price, "changed", G_CALLBACK (line_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_line_cb), self);
  gtk_box_append (self->lines_box, row);
  update_total (self);
  return row;
}

GtkWidget *
wx_step_dialog_add_quote_line (WxStepDialog *self,
                               const char   *description,
                               int           quantity,
                               const char   *unit_price)
{
  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  g_return_val_if_fail (self->lines_box != NULL, NULL);
  return add_line (self, description, quantity, unit_price);
}

gboolean
wx_step_dialog_set_quote_line_kind (WxStepDialog *self,
                                    guint         index,
                                    const char   *kind)
{
  GtkWidget *row;

  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), FALSE);
  row = self->lines_box ? gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)) : NULL;
  for (guint i = 0; row && i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  if (row == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (line_kinds); k++)
    if (g_strcmp0 (line_kinds[k].code, kind) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (row)), k);
        return TRUE;
      }
  return FALSE;
}

guint
wx_step_dialog_get_n_quote_lines (WxStepDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), 0);
  for (GtkWidget *row = self->lines_box ? gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)) : NULL; row;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *description = NULL, *price = NULL;
      int quantity;

      n += line_values (row, &description, &quantity, &price);
    }
  return n;
}

/* The order's draft lines (the engineer's parts and labour) replace the
 * blank line the quote starts with, unless something was typed already. */
static void
lines_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = wx_db_quote_lines_load_finish (WX_DB_WORKER (source), result, &error);
  g_autoptr(WxStepDialog) self = user_data;

  if (lines == NULL || self->lines_box == NULL)
    return;   /* cancelled, or none to read: the blank line stays */
  if (lines->len > 0 && wx_step_dialog_get_n_quote_lines (self) == 0)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))))
        gtk_box_remove (self->lines_box, child);
      for (guint i = 0; i < lines->len; i++)
        {
          const WxQuoteLineInput *l = &g_array_index (lines, WxQuoteLineInput, i);
          g_autofree char *price = wx_money_format (l->unit_price);
          GtkWidget *row = add_line (self, l->description, l->quantity, price);

          wx_step_dialog_set_quote_line_kind (self, i, l->kind);
          g_object_set_data_full (G_OBJECT (row), "part-number", g_strdup (l->part_number), g_free);
          g_object_set_data (G_OBJECT (row), "part-id", GSIZE_TO_POINTER ((gsize) l->part_id));
        }
    }
  g_signal_emit_by_name (self, "lines-loaded");
}

/* ------------------------------------------------- accessories at pickup */

/* "Accessories checked" holds when each accessory left with the machine
 * has been ticked as handed back. */
static void
accessory_toggled_cb (GtkCheckButton *check,
                      WxStepDialog   *self)
{
  Field *f = find_field (self, "accessories_checked");
  gboolean all = TRUE;

  for (guint i = 0; i < self->accessory_checks->len; i++)
    all &= gtk_check_button_get_active (g_ptr_array_index (self->accessory_checks, i));
  if (f)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (f->widget), all);
  if (f && all)
    wx_dialog_set_message (f->message, NULL);
}

/* The order's accessories, one check each, in place of the one check for
 * them all. */
static void
accessories_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WxStepDialog) self = user_data;
  g_autoptr(WxDbDocument) doc = wx_db_document_load_finish (WX_DB_WORKER (source), result, NULL);
  Field *f = find_field (self, "accessories_checked");
  GtkWidget *box;

  if (doc == NULL || f == NULL || wx_db_document_accessories_left (doc) == 0)
    {
      g_signal_emit_by_name (self, "accessories-loaded");
      return;   /* none left with the machine (or unreadable): the one check stays */
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", _("Tick each accessory handed back:"),
                                               "xalign", 0.0f, "wrap", TRUE, NULL));
  self->accessory_checks = g_ptr_array_new ();
  for (guint i = 0; i < doc->accessories->len; i++)
    {
      const WxDbAccessory *a = &g_array_index (doc->accessories, WxDbAccessory, i);
      GtkWidget *check;

      if (a->returned)
        continue;
      check = gtk_check_button_new_with_label (a->name);
      g_object_set_data (G_OBJECT (check), "wx-position", GINT_TO_POINTER (a->position));
      g_signal_connect (check, "toggled", G_CALLBACK (accessory_toggled_cb), self);
      g_ptr_array_add (self->accessory_checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_grid_insert_next_to (self->grid, f->widget, GTK_POS_TOP);
  gtk_grid_attach_next_to (self->grid, box, f->widget, GTK_POS_TOP, 1, 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (f->widget), FALSE);
  gtk_widget_set_visible (f->widget, FALSE);
  g_signal_emit_by_name (self, "accessories-loaded");
}

char *
wx_step_dialog_dup_value (WxStepDialog *self,
                          const char   *key)
{
  Field *f;

  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  f = find_field (self, key);
  return f ? field_value (f) : NULL;
}

GPtrArray *
wx_step_dialog_get_accessory_checks (WxStepDialog *self)
{
  g_return_val_if_fail (WX_IS_STEP_DIALOG (self), NULL);
  return self->accessory_checks;
}

static void
add_line_clicked_cb (GtkButton    *button,
                     WxStepDialog *self)
{
  wx_step_dialog_add_quote_line (self, NULL, 1, NULL);
}

static void
add_quote_editor (WxStepDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a line"));

  self->lines_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->total_label), TRUE);
  gtk_label_set_xalign (self->total_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "heading");
  g_signal_connect (add, "clicked", G_CALLBACK (add_line_clicked_cb), self);
  gtk_box_append (GTK_BOX (footer), add);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->total_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lines_box));
  gtk_box_append (GTK_BOX (box), footer);
  wx_dialog_grid_add_row (self->grid, &self->rows, _("Quote lines *"), box, NULL, NULL);
}

/* ------------------------------------------------------------ engineers */

static void
engineers_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) engineers = wx_db_engineers_load_finish (WX_DB_WORKER (source), result, &error);
  g_autoptr(WxStepDialog) self = user_data;
  Field *f;
  g_autoptr(GStrvBuilder) labels = NULL;
  g_auto(GStrv) strv = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || (f = find_field (self, "engineer")) == NULL)
    return;
  if (engineers == NULL)
    {
      wx_dialog_set_message (f->message, error->message);
      return;
    }
  labels = g_strv_builder_new ();
  for (guint i = 0; i < engineers->len; i++)
    {
      WxEngineerLoad *e = g_ptr_array_index (engineers, i);
      g_autofree char *label = wx_engineer_load_describe (e);

      g_ptr_array_add (f->codes, g_strdup (e->login));
      g_strv_builder_add (labels, label);
    }
  strv = g_strv_builder_end (labels);
  gtk_drop_down_set_model (GTK_DROP_DOWN (f->widget), G_LIST_MODEL (gtk_string_list_new ((const char * const *) strv)));
  /* The engineer already on the order comes first to mind. */
  wx_step_dialog_set_value (self, "engineer", wx_order_get_data (self->order)->engineer);
  g_signal_emit_by_name (self, "engineers-loaded");
}

/* ------------------------------------------------------------- running */

/* The step as typed, for wx_db_order_step_async. */
typedef struct {
  char         *number;
  int           version;
  char         *event;
  GHashTable   *data;
  GArray       *lines;        /* WxQuoteLineInput with owned strings */
  GPtrArray    *strings;
  WxStepExtras  extras;
} StepJob;

static void
step_job_free (StepJob *j)
{
  g_free (j->number);
  g_free (j->event);
  g_clear_pointer (&j->data, g_hash_table_unref);
  g_clear_pointer (&j->lines, g_array_unref);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_clear_pointer (&j->extras.records, json_object_unref);
  g_free (j);
}

static StepJob *
step_job_new (WxOrder    *order,
              const char *event)
{
  StepJob *j = g_new0 (StepJob, 1);

  j->number = g_strdup (wx_order_get_number (order));
  j->version = wx_order_get_version (order);
  j->event = g_strdup (event);
  j->data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  j->strings = g_ptr_array_new_with_free_func (g_free);
  return j;
}

void
wx_step_run_async (WxDbWorker          *worker,
                   WxOrder             *order,
                   const char          *event,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  wx_db_order_step_async (worker, wx_order_get_number (order), wx_order_get_version (order), event, NULL, NULL,
                          cancellable, callback, user_data);
}

gboolean
wx_step_run_finish (WxDbWorker    *worker,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_autofree WxTransitionResult *r = wx_db_order_step_finish (worker, result, error);

  return r != NULL;
}

static void
set_busy (WxStepDialog *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.alternative", !busy);
  wx_dialog_set_busy (GTK_WIDGET (self), self->spinner, "step.save", busy);
}

static void
step_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WxStepDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!wx_step_run_finish (WX_DB_WORKER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wx_dialog_set_message (self->error_label, error->message);
      /* A late decision needs its reason: point at the field. */
      if (g_error_matches (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING) && find_field (self, "decision_reason"))
        wx_dialog_set_message (find_field (self, "decision_reason")->message, _("Required: the customer decided after the limit."));
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The accessories ticked, by position, for the database to record each
 * (all of them when the order's were not listed one by one). */
static void
accessories_handed_back (WxStepDialog *self,
                         StepJob      *j)
{
  JsonArray *positions;

  if (self->accessory_checks == NULL)
    {
      j->extras.accessories_returned = TRUE;
      return;
    }
  positions = json_array_new ();
  for (guint i = 0; i < self->accessory_checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->accessory_checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        json_array_add_int_element (positions, GPOINTER_TO_INT (g_object_get_data (check, "wx-position")));
    }
  if (j->extras.records == NULL)
    j->extras.records = json_object_new ();
  json_object_set_array_member (j->extras.records, "accessories_returned", positions);
}

/* Checks what was typed; fills the job. FALSE when a field needs fixing. */
static gboolean
collect (WxStepDialog *self,
         StepJob      *j)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_value (f);

      wx_dialog_set_message (f->message, NULL);
      if (f->required && !wx_validate_filled (value))
        {
          wx_dialog_set_message (f->message, _("Required."));
          ok = FALSE;
          continue;
        }
      if (g_str_equal (f->spec->key, "payment_amount"))
        {
          g_autoptr(GError) error = NULL;
          WxMoney fen = 0;

          if (*value && !wx_money_parse (value, &fen, &error))
            {
              wx_dialog_set_message (f->message, error->message);
              ok = FALSE;
            }
          j->extras.payment_amount = fen;
          continue;
        }
      if (g_str_equal (f->spec->key, "payment_method"))
        {
          j->extras.payment_method = g_intern_string (value);
          continue;
        }
      if (g_str_equal (f->spec->key, "accessories_checked") && *value)
        accessories_handed_back (self, j);
      if (*value)
        g_hash_table_insert (j->data, g_strdup (f->spec->key), g_steal_pointer (&value));
    }
  /* Paid now means an amount. */
  {
    const char *status = g_hash_table_lookup (j->data, "payment_status");
    Field *amount = find_field (self, "payment_amount");

    g_autoptr(GError) error = NULL;

    const WxOrderData *d = wx_order_get_data (self->order);

    /* The database's rule, with its sentence, answered sooner. */
    if (amount && !wx_payment_check (status, j->extras.payment_amount, d->balance,
                                     d->balance != d->quote_total, &error))
      {
        wx_dialog_set_message (amount->message, error->message);
        ok = FALSE;
      }
    if (g_strcmp0 (status, "paid") != 0)
      j->extras.payment_amount = 0;
  }
  if (self->lines_box)
    {
      WxMoney total = 0;

      j->lines = g_array_new (FALSE, TRUE, sizeof (WxQuoteLineInput));
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); row;
           row = gtk_widget_get_next_sibling (row))
        {
          g_autofree char *description = NULL, *price = NULL;
          g_autoptr(GError) error = NULL;
          WxQuoteLineInput line = { 0 };
          WxMoney fen = 0;

          if (!line_values (row, &description, &line.quantity, &price))
            continue;
          if (!wx_validate_filled (description) || !wx_money_parse (price, &fen, &error))
            {
              wx_dialog_set_message (self->error_label, error ? error->message : _("Each quote line needs what it is for."));
              return FALSE;
            }
          line.unit_price = fen;
          line.description = description;
          line.kind = g_object_get_data (G_OBJECT (row), "kind");
          line.part_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "part-id"));
          line.part_number = g_object_get_data (G_OBJECT (row), "part-number");
          if (line.kind)
            g_ptr_array_add (j->strings, (gpointer) (line.kind = g_strdup (line.kind)));
          if (line.part_number)
            g_ptr_array_add (j->strings, (gpointer) (line.part_number = g_strdup (line.part_number)));
          g_ptr_array_add (j->strings, g_steal_pointer (&description));
          g_array_append_val (j->lines, line);
          total += fen * line.quantity;
        }
      if (j->lines->len == 0)
        {
          wx_dialog_set_message (self->error_label, _("Add at least one quote line."));
          return FALSE;
        }
      j->extras.quote_lines = j->lines;
      g_hash_table_insert (j->data, g_strdup ("quote_total"), g_strdup_printf ("%" G_GINT64_FORMAT, total));
    }
  return ok;
}

void
wx_step_dialog_save (WxStepDialog *self)
{
  StepJob *j;   /* what was typed, copied by wx_db_order_step_async */

  g_return_if_fail (WX_IS_STEP_DIALOG (self));
  if (self->busy)
    return;
  wx_dialog_set_message (self->error_label, NULL);
  j = step_job_new (self->order, self->event);
  if (!collect (self, j))
    {
      g_autoptr(GError) error = g_error_new_literal (WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                                                     _("Some fields need to be filled in or corrected."));
      if (!*gtk_label_get_text (self->error_label))
        wx_dialog_set_message (self->error_label, error->message);
      step_job_free (j);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
      return;
    }
  set_busy (self, TRUE);
  wx_db_order_step_async (self->worker, j->number, j->version, j->event, j->data, &j->extras,
                          self->cancellable, step_done_cb, g_object_ref (self));
  step_job_free (j);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wx_step_dialog_save (WX_STEP_DIALOG (widget));
}

/* The pickup notice nobody answered: not the step, an attempt logged. */
static void
no_answer_logged_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WxStepDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!wx_db_notify_no_answer_finish (WX_DB_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_dialog_set_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_NO_ANSWER], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
wx_step_dialog_no_answer (WxStepDialog *self)
{
  gint64 id;

  g_return_if_fail (WX_IS_STEP_DIALOG (self));
  if (self->busy || g_strcmp0 (self->event, "notify") != 0)
    return;
  id = wx_order_get_id (self->order);
  set_busy (self, TRUE);
  wx_db_notify_no_answer_async (self->worker, id, self->cancellable, no_answer_logged_cb, g_object_ref (self));
}

static void
alternative_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  wx_step_dialog_no_answer (WX_STEP_DIALOG (widget));
}

/* ------------------------------------------------------------ the object */

static void
wx_step_dialog_dispose (GObject *object)
{
  WxStepDialog *self = WX_STEP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_STEP_DIALOG);
  G_OBJECT_CLASS (wx_step_dialog_parent_class)->dispose (object);
}

static void
wx_step_dialog_finalize (GObject *object)
{
  WxStepDialog *self = WX_STEP_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->order);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->accessory_checks, g_ptr_array_unref);
  g_free (self->event);
  G_OBJECT_CLASS (wx_step_dialog_parent_class)->finalize (object);
}

static void
wx_step_dialog_class_init (WxStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_step_dialog_dispose;
  object_class->finalize = wx_step_dialog_finalize;

  /**
   * WxStepDialog::finished:
   * @error: (nullable): why the step was not taken; NULL when it was
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  g_signal_new ("engineers-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* no-answer: a pickup notice nobody answered was logged instead */
  signals[SIGNAL_NO_ANSWER] = g_signal_new ("no-answer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The accessories of a pickup are listed, one check each. */
  g_signal_new ("accessories-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("lines-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, title);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, alt_button);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, WxStepDialog, error_label);
  gtk_widget_class_install_action (widget_class, "step.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "step.alternative", NULL, alternative_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "step.save", NULL);
}

static void
wx_step_dialog_init (WxStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->cancellable = g_cancellable_new ();
}

WxStepDialog *
wx_step_dialog_new (GtkWindow  *parent,
                    WxDbWorker *worker,
                    WxOrder    *order,
                    const char *event)
{
  WxStepDialog *self = g_object_new (WX_TYPE_STEP_DIALOG, "transient-for", parent, NULL);
  const WxOrderData *d = wx_order_get_data (order);
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *summary = NULL;
  guint n_required = 0;

  self->worker = g_object_ref (worker);
  self->order = g_object_ref (order);
  self->event = g_strdup (event);
  self->transition = wx_workflow_find (d->kind, d->state, event);
  adw_window_title_set_title (self->title, wx_workflow_event_label (event));
  /* Cancelling the order is not the dialog's Cancel: a title and buttons
   * that say which is which (not 取消 beside 取消 and 保存). */
  if (g_str_equal (event, "cancel"))
    {
      adw_window_title_set_title (self->title, _("Cancel the Order"));
      gtk_button_set_label (GTK_BUTTON (self->close_button), _("_Keep the Order"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("Cancel _Order"));
      gtk_button_set_use_underline (GTK_BUTTON (self->save_button), TRUE);
      gtk_widget_remove_css_class (self->save_button, "suggested-action");
      gtk_widget_add_css_class (self->save_button, "destructive-action");
    }
  adw_window_title_set_subtitle (self->title, d->number);
  summary = g_strdup_printf ("%s · %s · %s\n%s", d->unit_name, *d->model ? d->model : d->product_name,
                             wx_order_state_label (d->state), d->fault);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_tooltip_text (self->save_button, _("Save (Ctrl+Enter)"));

  if (self->transition == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a step for an order that is “%s”."),
                                               wx_workflow_event_label (event), wx_order_state_label (d->state));
      wx_dialog_set_message (self->error_label, text);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.save", FALSE);
      return self;
    }
  if (g_str_equal (event, "notify"))
    {
      gtk_button_set_label (GTK_BUTTON (self->alt_button), _("No Answer"));
      gtk_widget_set_tooltip_text (self->alt_button, _("Nobody answered: log the attempt; the order is called again tomorrow."));
      gtk_widget_set_visible (self->alt_button, TRUE);
    }
  if (self->transition->needs & WX_NEED_QUOTE_LINES)
    add_quote_editor (self);
  keys = step_keys (self->transition, &n_required);
  for (guint i = 0; i < keys->len; i++)
    {
      const FieldSpec *spec = find_spec (g_ptr_array_index (keys, i));
      if (spec)
        add_field (self, spec, i < n_required);
    }
  /* The amount received starts at the balance due. */
  if (find_field (self, "payment_amount") && d->balance > 0)
    {
      g_autofree char *due = wx_money_format (d->balance);
      wx_step_dialog_set_value (self, "payment_amount", due);
    }
  if (self->lines_box)
    {
      wx_step_dialog_add_quote_line (self, NULL, 1, NULL);
      wx_db_quote_lines_load_async (worker, d->number, self->cancellable, lines_loaded_cb, g_object_ref (self));
    }
  if (find_field (self, "accessories_checked"))
    wx_db_document_load_async (worker, d->number, self->cancellable, accessories_loaded_cb, g_object_ref (self));
  if (find_field (self, "engineer"))
    wx_db_engineers_load_async (worker, self->cancellable, engineers_loaded_cb, g_object_ref (self));
  return self;
}

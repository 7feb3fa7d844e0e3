#define G_LOG_DOMAIN "wx-visit-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-intake.h"
#include "core/wx-money.h"
#include "core/wx-validate.h"
#include "core/wx-workflow.h"
#include "db/wx-db-visits.h"
#include "db/wx-db-workflow.h"
#include "wx-dialog-fields.h"
#include "wx-visit-dialog.h"

typedef enum {
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_TIME,
  FIELD_CHECK,
  FIELD_CHOICE,
} FieldType;

#define STEP(s)    (1u << WX_VISIT_STEP_##s)
#define OUT(o)     (1u << WX_VISIT_OUTCOME_##o)
#define ALL_OUT    ((1u << WX_N_VISIT_OUTCOMES) - 1)

typedef struct {
  const char *key;
  const char *label;
  FieldType   type;
  guint       steps;      /* STEP() bits */
  guint       outcomes;   /* OUT() bits, for the outcome step */
  gboolean    required;
  const char *extra;      /* choices "code:Label|…", or a time's placeholder */
} FieldSpec;

/* In the order the form shows them; a key may come twice with its words
 * for another step or outcome. */
static const FieldSpec field_specs[] = {
  { "contact",         N_("Contact"),                              FIELD_ENTRY, STEP (CONTACT) | STEP (BOOK) | STEP (RUNNING_LATE), 0, TRUE, NULL },
  { "phone",           N_("Phone"),                                FIELD_ENTRY, STEP (CONTACT) | STEP (BOOK) | STEP (RUNNING_LATE), 0, FALSE, NULL },
  { "reached",         N_("The customer answered"),                FIELD_CHECK, STEP (CONTACT), 0, FALSE, NULL },
  { "note",            N_("What was said (fault, what to bring)"), FIELD_TEXT,  STEP (CONTACT), 0, FALSE, NULL },
  { "appointment",     N_("Appointment"),                          FIELD_TIME,  STEP (BOOK), 0, TRUE, NULL },
  { "address",         N_("Address"),                              FIELD_ENTRY, STEP (BOOK), 0, TRUE, NULL },
  { "appointment",     N_("New time"),                             FIELD_TIME,  STEP (RUNNING_LATE), 0, TRUE, NULL },
  { "note",            N_("Where you are and why"),                FIELD_ENTRY, STEP (RUNNING_LATE), 0, TRUE, NULL },
  { "arrived",         N_("Arrived at"),                           FIELD_TIME,  STEP (ARRIVE), 0, FALSE, N_("now") },
  { "serial",          N_("Serial number (from the machine's label)"), FIELD_ENTRY, STEP (ARRIVE), 0, FALSE, NULL },
  { "repair_notes",    N_("What was repaired"),                    FIELD_TEXT,  STEP (OUTCOME), OUT (FIXED), TRUE, NULL },
  { "parts_used",      N_("Parts used"),                           FIELD_ENTRY, STEP (OUTCOME), OUT (FIXED), FALSE, NULL },
  { "old_parts",       N_("Old parts"),                            FIELD_CHOICE, STEP (OUTCOME), OUT (FIXED), FALSE,
    N_("returned_to_customer:Returned to the customer|kept_by_supervisor:Kept by the supervisor|none:None") },
  { "findings",        N_("Findings (fault analysis)"),            FIELD_TEXT,  STEP (OUTCOME), OUT (NEEDS_PARTS), TRUE, NULL },
  { "parts_needed",    N_("Parts needed"),                         FIELD_ENTRY, STEP (OUTCOME), OUT (NEEDS_PARTS), TRUE, NULL },
  { "suggested_price", N_("Suggested price (yuan)"),               FIELD_ENTRY, STEP (OUTCOME), OUT (NEEDS_PARTS), FALSE, NULL },
  { "accessories",     N_("Accessories taken (comma-separated)"),  FIELD_ENTRY, STEP (OUTCOME), OUT (TAKEN_BACK), FALSE, NULL },
  { "appearance",      N_("Appearance and configuration"),         FIELD_ENTRY, STEP (OUTCOME), OUT (TAKEN_BACK), TRUE, NULL },
  { "copy_handed",     N_("Customer copy handed over"),            FIELD_CHECK, STEP (OUTCOME), OUT (TAKEN_BACK), TRUE, NULL },
  { "note",            N_("Note left for the customer"),           FIELD_ENTRY, STEP (OUTCOME), OUT (CUSTOMER_ABSENT), TRUE, NULL },
  { "arrived",         N_("Arrived at"),                           FIELD_TIME,  STEP (OUTCOME), OUT (CUSTOMER_ABSENT), FALSE, N_("as logged") },
  { "customer_signed", N_("Customer signed the form"),             FIELD_CHECK, STEP (OUTCOME), OUT (FIXED) | OUT (TAKEN_BACK), TRUE, NULL },
  { "left",            N_("Left at"),                              FIELD_TIME,  STEP (OUTCOME), ALL_OUT, FALSE, N_("now") },
  { "payment_status",  N_("Payment"),                              FIELD_CHOICE, STEP (DELIVER), 0, TRUE,
    N_("paid:Paid now|on_account:On account (monthly statement)|free:Free of charge") },
  { "payment_amount",  N_("Amount received (yuan)"),               FIELD_ENTRY, STEP (DELIVER), 0, FALSE, NULL },
  { "payment_method",  N_("Paid by"),                              FIELD_CHOICE, STEP (DELIVER), 0, FALSE,
    N_("cash:Cash|wechat:WeChat Pay|alipay:Alipay|card:Bank card|bank_transfer:Bank transfer|cheque:Cheque") },
  { "received_by",     N_("Received by"),                          FIELD_ENTRY, STEP (DELIVER), 0, TRUE, NULL },
  { "accessories_checked", N_("Accessories checked and handed back"), FIELD_CHECK, STEP (DELIVER), 0, TRUE, NULL },
  { "customer_signed", N_("Customer checked the machine and signed"), FIELD_CHECK, STEP (DELIVER), 0, TRUE, NULL },
};

/* What each step asks of the engineer (seed 000 工程师 操作细则). */
static const char *const hints[WX_N_VISIT_STEPS] = {
  [WX_VISIT_STEP_CONTACT]      = N_("Phone the customer within 10 minutes of the dispatch: confirm the fault and what to bring, then book the visit."),
  [WX_VISIT_STEP_BOOK]         = N_("The time, the address and whom to ask for, as agreed with the customer."),
  [WX_VISIT_STEP_RUNNING_LATE] = N_("Cannot make the booked time: phone the customer, say where you are and why, and agree a new time."),
  [WX_VISIT_STEP_ARRIVE]       = N_("Introduce yourself and hand over your card; complete the form's machine details."),
  [WX_VISIT_STEP_OUTCOME]      = N_("How the visit ended."),
  [WX_VISIT_STEP_DELIVER]      = N_("The customer checks the machine works, the accessories are handed back, the customer signs and pays."),
};

typedef struct {
  const FieldSpec *spec;
  GtkWidget       *label;
  GtkWidget       *widget;     /* entry, text view, check button or drop-down */
  GtkWidget       *frame;      /* what is attached to the grid */
  GtkLabel        *message;
  GPtrArray       *codes;      /* choices: the codes by position */
} Field;

struct _WxVisitDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  GtkWidget      *save_button;
  GtkSpinner     *spinner;
  GtkLabel       *summary_label;
  GtkWidget      *outcome_box;
  GtkLabel       *hint_label;
  GtkGrid        *grid;
  GtkLabel       *error_label;

  WxDbWorker     *worker;
  WxOrder        *order;
  WxVisitStep     step;
  WxVisitOutcome  outcome;
  gboolean        delivering;
  GPtrArray      *fields;      /* Field */
  int             rows;
  GCancellable   *cancellable;
  gboolean        busy;
  gboolean        refused;     /* the step does not leave the order's state */
};

G_DEFINE_FINAL_TYPE (WxVisitDialog, wx_visit_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_OUTCOME, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_FINISHED, SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
field_free (Field *f)
{
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  g_free (f);
}

static gboolean
field_shown (WxVisitDialog *self, const Field *f)
{
  /* The serial is asked only of an order opened without one (a call). */
  if (g_str_equal (f->spec->key, "serial") && self->order && *wx_order_get_data (self->order)->serial)
    return FALSE;
  return self->step != WX_VISIT_STEP_OUTCOME || (f->spec->outcomes & (1u << self->outcome));
}

/* The field `key` as the current step and outcome show it. */
static Field *
find_field (WxVisitDialog *self, const char *key)
{
  for (guint i = 0; key && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      if (g_str_equal (f->spec->key, key) && field_shown (self, f))
        return f;
    }
  return NULL;
}

/* ------------------------------------------------------------ the fields */

/* What the user changes is no longer what was refused. */
static void
field_changed_cb (GObject *instance, gpointer user_data)
{
  WxVisitDialog *self = user_data;

  wx_dialog_set_message (g_object_get_data (instance, "wx-field-message"), NULL);
  if (!self->busy && !self->refused)
    wx_dialog_set_message (self->error_label, NULL);
}

static void
add_field (WxVisitDialog *self, const FieldSpec *spec)
{
  Field *f = g_new0 (Field, 1);
  g_autofree char *text = spec->required ? g_strdup_printf (_("%s *"), _(spec->label)) : g_strdup (_(spec->label));

  f->spec = spec;
  f->codes = g_ptr_array_new_with_free_func (g_free);
  f->message = wx_dialog_message_new ();

  switch (spec->type)
    {
    case FIELD_TEXT:
      f->widget = wx_dialog_text_view_new (64, &f->frame);
      break;
    case FIELD_CHECK:
      f->widget = gtk_check_button_new_with_label (text);
      break;
    case FIELD_CHOICE:
      f->widget = wx_dialog_choice_new (_(spec->extra), f->codes);
      break;
    case FIELD_TIME:
      f->widget = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (f->widget), spec->extra ? _(spec->extra) : _("2026-11-20 14:30, or 14:30 for today"));
      break;
    case FIELD_ENTRY:
    default:
      f->widget = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (f->widget), TRUE);
      break;
    }
  if (f->frame == NULL)
    f->frame = f->widget;
  {
    GObject *source = spec->type == FIELD_TEXT ? G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->widget)))
                                               : G_OBJECT (f->widget);

    g_object_set_data (source, "wx-field-message", f->message);
    g_signal_connect_object (source, spec->type == FIELD_CHECK ? "toggled"
                                     : spec->type == FIELD_CHOICE ? "notify::selected" : "changed",
                             G_CALLBACK (field_changed_cb), self, 0);
  }
  f->label = wx_dialog_grid_add_row (self->grid, &self->rows, spec->type == FIELD_CHECK ? "" : text,
                                     f->frame, f->widget, f->message);
  g_ptr_array_add (self->fields, f);
}

static char *
field_value (const Field *f)
{
  return wx_dialog_field_get (f->widget, f->codes);
}

static gboolean
field_set (Field *f, const char *value)
{
  return wx_dialog_field_set (f->widget, f->codes, value);
}

/* Shows the fields of the current outcome, hides the others. */
static void
update_visible (WxVisitDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      gboolean shown = field_shown (self, f);

      gtk_widget_set_visible (f->label, shown);
      gtk_widget_set_visible (f->frame, shown);
      if (!shown)
        wx_dialog_set_message (f->message, NULL);
    }
  if (self->step == WX_VISIT_STEP_OUTCOME)
    adw_window_title_set_title (self->title, wx_visit_outcome_label (self->outcome));
  /* The outcome's button shows pressed (the group releases the others). */
  for (GtkWidget *b = gtk_widget_get_first_child (self->outcome_box); b; b = gtk_widget_get_next_sibling (b))
    if (g_str_equal (gtk_widget_get_name (b), wx_visit_outcome_to_code (self->outcome)))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), TRUE);
}

/* ------------------------------------------------------------ prefill */

static void
prefill (WxVisitDialog *self, const char *key, const char *value)
{
  Field *f = find_field (self, key);
  g_autofree char *now = f ? field_value (f) : NULL;

  if (f && value && *value && !*now)
    field_set (f, value);
}

static gint64
facts_time (WxOrderFacts *facts, const char *key)
{
  const char *text = g_hash_table_lookup (facts->values, key);
  g_autoptr(GDateTime) t = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return t ? g_date_time_to_unix (t) : 0;
}

static void
facts_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxVisitDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxOrderFacts) facts = wx_db_visit_facts_finish (WX_DB_WORKER (source), result, &error);
  GHashTable *v;
  const char *phone;
  gint64 booked;

  if (facts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_dialog_set_message (self->error_label, error->message);
      return;
    }
  v = facts->values;
  phone = g_hash_table_lookup (v, "contact_mobile");
  if (phone == NULL)
    phone = g_hash_table_lookup (v, "contact_phone");
  prefill (self, "contact", g_hash_table_lookup (v, "contact_person"));
  prefill (self, "phone", phone);
  prefill (self, "address", g_hash_table_lookup (v, "unit_address"));
  prefill (self, "received_by", g_hash_table_lookup (v, "contact_person"));
  booked = facts_time (facts, "appointment_at");
  if (booked > 0 && (self->step == WX_VISIT_STEP_RUNNING_LATE || self->step == WX_VISIT_STEP_ARRIVE))
    {
      g_autofree char *when = wx_visit_format_time (booked);
      g_autofree char *hint = g_strdup_printf (_("Booked for %s. %s"), when, _(hints[self->step]));

      gtk_label_set_text (self->hint_label, hint);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

/* ------------------------------------------------------------ saving */

typedef struct {
  char          *number;
  int            version;
  WxVisitInput   in;
  GPtrArray     *strings;      /* what `in` points to */
  char         **accessories;
} VisitJob;

static void
visit_job_clear (VisitJob *j)
{
  g_free (j->number);
  g_clear_pointer (&j->strings, g_ptr_array_unref);
  g_strfreev (j->accessories);
}

static void
visit_job_free (VisitJob *j)
{
  visit_job_clear (j);
  g_free (j);
}

static void
set_busy (WxVisitDialog *self, gboolean busy)
{
  self->busy = busy;
  wx_dialog_set_busy (GTK_WIDGET (self), self->spinner, "visit.save", busy);
}

/* Shows `error` next to `key`'s field, else under the form. */
static void
show_error (WxVisitDialog *self, const char *key, const GError *error)
{
  Field *f = find_field (self, key);

  wx_dialog_set_message (f ? f->message : self->error_label, error->message);
  if (f)
    {
      wx_dialog_set_message (self->error_label, _("Some fields need to be filled in or corrected."));
      gtk_widget_grab_focus (f->widget);
    }
}

static void
visit_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxVisitDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  g_autofree WxVisitResult *r = wx_db_visit_step_finish (WX_DB_WORKER (source), result, &field, &error);

  set_busy (self, FALSE);
  if (r == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, field, error);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A field's text kept with the job; NULL when empty. */
static const char *
keep (VisitJob *j, WxVisitDialog *self, const char *key)
{
  Field *f = find_field (self, key);
  char *v = f ? field_value (f) : NULL;

  if (v == NULL || *v == '\0')
    {
      g_free (v);
      return NULL;
    }
  g_ptr_array_add (j->strings, v);
  return v;
}

/* A time field: 0 when empty; FALSE with the field's message when not a time. */
static gboolean
read_time (WxVisitDialog *self, VisitJob *j, const char *key, gint64 now, gint64 *out)
{
  const char *text = keep (j, self, key);
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (text == NULL || wx_visit_parse_time (text, now, out, &error))
    return TRUE;
  show_error (self, key, error);
  return FALSE;
}

static gboolean
read_money (WxVisitDialog *self, VisitJob *j, const char *key, gint64 *out)
{
  const char *text = keep (j, self, key);
  g_autoptr(GError) error = NULL;
  WxMoney fen = 0;

  *out = 0;
  if (text == NULL || wx_money_parse (text, &fen, &error))
    {
      *out = fen;
      return TRUE;
    }
  show_error (self, key, error);
  return FALSE;
}

/* What was typed, as the step's input; FALSE when a field must be fixed. */
static gboolean
collect (WxVisitDialog *self, VisitJob *j, gint64 now)
{
  WxVisitInput *in = &j->in;

  in->step = self->step;
  in->outcome = self->outcome;
  in->delivering = self->delivering;
  in->contact = keep (j, self, "contact");
  in->phone = keep (j, self, "phone");
  in->reached = self->step != WX_VISIT_STEP_CONTACT || keep (j, self, "reached") != NULL;
  in->note = keep (j, self, "note");
  in->address = keep (j, self, "address");
  in->serial = keep (j, self, "serial");
  in->repair_notes = keep (j, self, "repair_notes");
  in->parts_used = keep (j, self, "parts_used");
  in->old_parts = keep (j, self, "old_parts");
  in->findings = keep (j, self, "findings");
  in->parts_needed = keep (j, self, "parts_needed");
  in->appearance = keep (j, self, "appearance");
  in->copy_handed = keep (j, self, "copy_handed") != NULL;
  in->customer_signed = keep (j, self, "customer_signed") != NULL;
  in->payment_status = keep (j, self, "payment_status");
  in->payment_method = keep (j, self, "payment_method");
  in->received_by = keep (j, self, "received_by");
  in->accessories_checked = keep (j, self, "accessories_checked") != NULL;
  {
    const char *list = keep (j, self, "accessories");
    j->accessories = list ? wx_accessories_split (list) : NULL;
    in->accessories = j->accessories;
  }
  return read_time (self, j, "appointment", now, &in->appointment_at) &&
         read_time (self, j, "arrived", now, &in->arrived_at) &&
         read_time (self, j, "left", now, &in->left_at) &&
         read_money (self, j, "suggested_price", &in->suggested_price) &&
         read_money (self, j, "payment_amount", &in->payment_amount);
}

void
wx_visit_dialog_save (WxVisitDialog *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VisitJob *j;
  const char *field = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WX_IS_VISIT_DIALOG (self));
  if (self->busy)
    return;
  wx_dialog_set_message (self->error_label, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    wx_dialog_set_message (((Field *) g_ptr_array_index (self->fields, i))->message, NULL);
  j = g_new0 (VisitJob, 1);
  j->number = g_strdup (wx_order_get_number (self->order));
  j->version = wx_order_get_version (self->order);
  j->strings = g_ptr_array_new_with_free_func (g_free);
  if (!collect (self, j, now) || !wx_visit_check (&j->in, NULL, now, &field, &error))
    {
      if (error)
        show_error (self, field, error);
      else
        error = g_error_new_literal (WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                                     _("Some fields need to be filled in or corrected."));
      visit_job_free (j);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
      return;
    }
  set_busy (self, TRUE);
  wx_db_visit_step_async (self->worker, j->number, j->version, &j->in,
                          self->cancellable, visit_done_cb, g_object_ref (self));
  visit_job_free (j);
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_visit_dialog_save (WX_VISIT_DIALOG (widget));
}

/* visit.outcome("taken_back"): the keyboard's and the tests' way to the
 * outcome buttons. */
static void
outcome_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxVisitOutcome outcome;

  if (wx_visit_outcome_from_code (g_variant_get_string (parameter, NULL), &outcome))
    wx_visit_dialog_set_outcome (WX_VISIT_DIALOG (widget), outcome);
}

static void
outcome_toggled_cb (GtkToggleButton *button, WxVisitDialog *self)
{
  WxVisitOutcome outcome;

  if (gtk_toggle_button_get_active (button) &&
      wx_visit_outcome_from_code (gtk_widget_get_name (GTK_WIDGET (button)), &outcome))
    wx_visit_dialog_set_outcome (self, outcome);
}

/* ------------------------------------------------------------ the object */

static void
wx_visit_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WxVisitDialog *self = WX_VISIT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_OUTCOME:
      g_value_set_string (value, wx_visit_outcome_to_code (self->outcome));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_visit_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WxVisitDialog *self = WX_VISIT_DIALOG (object);
  WxVisitOutcome outcome;

  switch (prop_id)
    {
    case PROP_OUTCOME:
      if (wx_visit_outcome_from_code (g_value_get_string (value), &outcome))
        wx_visit_dialog_set_outcome (self, outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_visit_dialog_dispose (GObject *object)
{
  WxVisitDialog *self = WX_VISIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_VISIT_DIALOG);
  G_OBJECT_CLASS (wx_visit_dialog_parent_class)->dispose (object);
}

static void
wx_visit_dialog_finalize (GObject *object)
{
  WxVisitDialog *self = WX_VISIT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->order);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_visit_dialog_parent_class)->finalize (object);
}

static void
wx_visit_dialog_class_init (WxVisitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_visit_dialog_dispose;
  object_class->finalize = wx_visit_dialog_finalize;
  object_class->get_property = wx_visit_dialog_get_property;
  object_class->set_property = wx_visit_dialog_set_property;

  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, "fixed",
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WxVisitDialog::finished:
   * @error: (nullable): why the step was not taken; NULL when it was
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The order's contact, phone and address are filled in. */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-visit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, title);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, WxVisitDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, outcome_toggled_cb);
  gtk_widget_class_install_action (widget_class, "visit.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "visit.outcome", "s", outcome_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "visit.save", NULL);
}

static void
wx_visit_dialog_init (WxVisitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->cancellable = g_cancellable_new ();
}

gboolean
wx_visit_dialog_step_for_state (WxOrderState state, WxVisitStep *step)
{
  switch (state)
    {
    case WX_ORDER_STATE_ONSITE_DISPATCHED:
      *step = WX_VISIT_STEP_CONTACT;
      return TRUE;
    case WX_ORDER_STATE_APPOINTMENT_BOOKED:
      *step = WX_VISIT_STEP_ARRIVE;
      return TRUE;
    case WX_ORDER_STATE_ON_SITE:
      *step = WX_VISIT_STEP_OUTCOME;
      return TRUE;
    case WX_ORDER_STATE_FIXED_ON_SITE:
    case WX_ORDER_STATE_DELIVERING:
      *step = WX_VISIT_STEP_DELIVER;
      return TRUE;
    default:
      return FALSE;
    }
}

WxVisitDialog *
wx_visit_dialog_new (GtkWindow   *parent,
                     WxDbWorker  *worker,
                     WxOrder     *order,
                     WxVisitStep  step)
{
  WxVisitDialog *self = g_object_new (WX_TYPE_VISIT_DIALOG, "transient-for", parent, NULL);
  const WxOrderData *d = wx_order_get_data (order);
  g_autofree char *summary = NULL;
  const char *event;

  g_return_val_if_fail ((guint) step < WX_N_VISIT_STEPS, self);
  self->worker = g_object_ref (worker);
  self->order = g_object_ref (order);
  self->step = step;
  self->outcome = WX_VISIT_OUTCOME_FIXED;
  self->delivering = d->state == WX_ORDER_STATE_DELIVERING;
  adw_window_title_set_title (self->title, wx_visit_step_label (step));
  adw_window_title_set_subtitle (self->title, d->number);
  summary = g_strdup_printf ("%s · %s · %s\n%s", d->unit_name, *d->model ? d->model : d->product_name,
                             wx_order_state_label (d->state), d->fault);
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->hint_label, _(hints[step]));
  gtk_widget_set_visible (self->outcome_box, step == WX_VISIT_STEP_OUTCOME);

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if ((field_specs[i].steps & (1u << step)) &&
        !(g_str_equal (field_specs[i].key, "accessories_checked") && !self->delivering))
      add_field (self, &field_specs[i]);
  prefill (self, "reached", "true");
  update_visible (self);

  /* Refused before anything is typed: the step does not leave this state. */
  event = wx_visit_event (step, self->outcome, self->delivering);
  if (step != WX_VISIT_STEP_OUTCOME && wx_workflow_find (d->kind, d->state, event) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a step for an order that is “%s”."),
                                               wx_workflow_event_label (event), wx_order_state_label (d->state));
      wx_dialog_set_message (self->error_label, text);
      self->refused = TRUE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", FALSE);
    }
  /* The order's own contact, phone, address and booking, to start from. */
  wx_db_visit_facts_async (worker, d->number, self->cancellable, facts_loaded_cb, g_object_ref (self));
  return self;
}

WxVisitStep
wx_visit_dialog_get_step (WxVisitDialog *self)
{
  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), WX_VISIT_STEP_CONTACT);
  return self->step;
}

WxOrder *
wx_visit_dialog_get_order (WxVisitDialog *self)
{
  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), NULL);
  return self->order;
}

void
wx_visit_dialog_set_outcome (WxVisitDialog *self, WxVisitOutcome outcome)
{
  g_return_if_fail (WX_IS_VISIT_DIALOG (self));
  g_return_if_fail ((guint) outcome < WX_N_VISIT_OUTCOMES);
  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  update_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

gboolean
wx_visit_dialog_set_value (WxVisitDialog *self, const char *key, const char *value)
{
  Field *f;

  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), FALSE);
  f = find_field (self, key);
  return f != NULL && field_set (f, value ? value : "");
}

char *
wx_visit_dialog_get_value (WxVisitDialog *self, const char *key)
{
  Field *f;

  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), NULL);
  f = find_field (self, key);
  return f ? field_value (f) : g_strdup ("");
}

GtkWidget *
wx_visit_dialog_get_field (WxVisitDialog *self, const char *key)
{
  Field *f;

  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), NULL);
  f = find_field (self, key);
  return f ? f->widget : NULL;
}

const char *
wx_visit_dialog_get_message (WxVisitDialog *self, const char *key)
{
  Field *f;

  g_return_val_if_fail (WX_IS_VISIT_DIALOG (self), "");
  if (key == NULL)
    return gtk_label_get_text (self->error_label);
  f = find_field (self, key);
  return f ? gtk_label_get_text (f->message) : "";
}

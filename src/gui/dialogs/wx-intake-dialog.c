#define G_LOG_DOMAIN "wx-intake-dialog"

#include <glib/gi18n.h>

#include "core/wx-intake.h"
#include "core/wx-workflow.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-lookup.h"
#include "db/wx-db-settings.h"
#include "gui/wx-describe.h"
#include "wx-dialog-fields.h"
#include "wx-intake-dialog.h"

#define LOOKUP_DELAY_MS 250

/* The accessories a front desk sees most, ticked rather than typed. */
static const char *common_accessories[] = {
  N_("Power adapter"), N_("Power cord"), N_("Battery"), N_("Data cable"), N_("Bag"),
  N_("Mouse"), N_("Toner cartridge"), N_("Hard disk"), N_("Remote control"), N_("Manual"),
};

static const char *entry_fields[] = {
  "unit", "contact", "phone", "email", "address", "end_user", "product", "model", "serial",
  "appearance", "remarks", "fax", "end_user_phone", "floor_department", "asset_number", "purchase_date",
};

static const char *warranty_choices[] = { "unknown", "in_warranty", "out_of_warranty", "contract" };
static const char *warranty_labels[] = { N_("Unknown"), N_("In warranty"), N_("Out of warranty"), N_("Service contract") };
static const char *evidence_choices[] = { "none", "card", "invoice", "card_and_invoice" };
static const char *evidence_labels[] = { N_("None shown"), N_("Warranty card"), N_("Invoice"), N_("Card and invoice") };
static const char *backup_choices[] = { "not_applicable", "backed_up", "may_lose_data", "customer_keeps_disk" };
static const char *backup_labels[] = { N_("Not applicable"), N_("Backed up by the customer"), N_("Customer accepts data may be lost"), N_("Customer keeps the disk") };

struct _WxIntakeDialog
{
  AdwWindow       parent_instance;

  gint64          call_id;          /* the call this order answers, 0 = none */

  AdwWindowTitle *title;
  GtkSpinner     *spinner;
  GtkGrid        *grid;
  GtkEntry       *unit_entry, *contact_entry, *phone_entry, *email_entry, *address_entry,
                 *end_user_entry, *product_entry, *model_entry, *serial_entry,
                 *appearance_entry, *remarks_entry, *fax_entry, *end_user_phone_entry,
                 *floor_department_entry, *asset_number_entry, *purchase_date_entry, *accessories_other;
  GtkTextView    *fault_view;
  GtkFlowBox     *accessories_box;
  GtkDropDown    *warranty_dropdown, *evidence_dropdown, *backup_dropdown;
  GtkLabel       *notice_label;
  GtkCheckButton *notice_check, *signed_check, *print_check;
  GtkLabel       *error_label;
  GtkBox         *customer_box;
  GtkListBox     *customer_list;
  GtkLabel       *device_label;
  GtkButton      *return_button;

  WxDbWorker     *worker;
  WxOrderKind     kind;
  GCancellable   *cancellable;
  GCancellable   *lookup_cancellable;
  guint           customer_timeout;
  guint           device_timeout;
  char           *earlier_order;
  char           *device_text;    /* what the serial lookup said */
  char           *contract_owner; /* the unit whose contract covers that serial, else NULL */
  GPtrArray      *customers;      /* WxCustomerHit, as listed */
  gboolean        busy;
  gboolean        discard;        /* closing was confirmed */
  gboolean        unsigned_ok;    /* saving without notice or signature was confirmed */
  GtkWindow      *sign_ask;       /* the question, while asked */
  GtkWindow      *ask;            /* weak: "Discard this intake?" */
};

G_DEFINE_FINAL_TYPE (WxIntakeDialog, wx_intake_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, SIGNAL_OPEN_ORDER, SIGNAL_LOOKED_UP, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkEntry *
entry_for (WxIntakeDialog *self,
           const char     *field)
{
  GtkEntry *entries[] = { self->unit_entry, self->contact_entry, self->phone_entry, self->email_entry,
                          self->address_entry, self->end_user_entry, self->product_entry, self->model_entry,
                          self->serial_entry, self->appearance_entry, self->remarks_entry, self->fax_entry,
                          self->end_user_phone_entry, self->floor_department_entry, self->asset_number_entry,
                          self->purchase_date_entry };

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    if (g_str_equal (entry_fields[i], field))
      return entries[i];
  if (g_str_equal (field, "accessories_other"))
    return self->accessories_other;
  return NULL;
}

static GtkLabel *
message_for (WxIntakeDialog *self,
             const char     *field)
{
  g_autofree char *id = g_strdup_printf ("%s_message", field);
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_INTAKE_DIALOG, id);

  return label ? GTK_LABEL (label) : NULL;
}

static void
clear_messages (WxIntakeDialog *self)
{
  const char *others[] = { "fault", "accessories", "warranty" };

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    wx_dialog_set_message (message_for (self, entry_fields[i]), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    wx_dialog_set_message (message_for (self, others[i]), NULL);
  wx_dialog_set_message (self->error_label, NULL);
}

static void
fill_dropdown (GtkDropDown  *dropdown,
               const char  **labels,
               guint         n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(labels[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static gboolean
select_code (GtkDropDown  *dropdown,
             const char  **codes,
             guint         n,
             const char   *code)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (codes[i], code))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}

static const char *
selected_code (GtkDropDown  *dropdown,
               const char  **codes,
               guint         n)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < n ? codes[i] : codes[0];
}

gboolean
wx_intake_dialog_set_value (WxIntakeDialog *self,
                            const char     *field,
                            const char     *value)
{
  GtkEntry *entry;

  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), FALSE);
  if ((entry = entry_for (self, field)) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), value);
      return TRUE;
    }
  if (g_str_equal (field, "fault"))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->fault_view), value, -1);
      return TRUE;
    }
  if (g_str_equal (field, "warranty"))
    return select_code (self->warranty_dropdown, warranty_choices, G_N_ELEMENTS (warranty_choices), value);
  if (g_str_equal (field, "evidence"))
    return select_code (self->evidence_dropdown, evidence_choices, G_N_ELEMENTS (evidence_choices), value);
  if (g_str_equal (field, "backup"))
    return select_code (self->backup_dropdown, backup_choices, G_N_ELEMENTS (backup_choices), value);
  return FALSE;
}

static GtkWidget *
add_accessory (WxIntakeDialog *self,
               const char     *name)
{
  GtkWidget *check = gtk_check_button_new_with_label (name);

  gtk_flow_box_append (self->accessories_box, check);
  return check;
}

void
wx_intake_dialog_check_accessory (WxIntakeDialog *self,
                                  const char     *name)
{
  g_return_if_fail (WX_IS_INTAKE_DIALOG (self));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accessories_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), name) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          return;
        }
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (add_accessory (self, name)), TRUE);
}

void
wx_intake_dialog_set_print (WxIntakeDialog *self,
                            gboolean        print)
{
  g_return_if_fail (WX_IS_INTAKE_DIALOG (self));
  gtk_check_button_set_active (self->print_check, print);
}

gboolean
wx_intake_dialog_get_print (WxIntakeDialog *self)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->print_check);
}

const char *
wx_intake_dialog_get_message (WxIntakeDialog *self,
                              const char     *field)
{
  GtkLabel *label;

  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  label = field ? message_for (self, field) : self->error_label;
  return label && gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : "";
}

const char *
wx_intake_dialog_get_device_text (WxIntakeDialog *self)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->device_label)) ? gtk_label_get_text (self->device_label) : "";
}

/* -------------------------------------------------------- customer lookup */

static void
customer_row_activated_cb (GtkListBox     *list,
                           GtkListBoxRow  *row,
                           WxIntakeDialog *self)
{
  int i = gtk_list_box_row_get_index (row);
  WxCustomerHit *c;

  if (self->customers == NULL || i < 0 || (guint) i >= self->customers->len)
    return;
  c = g_ptr_array_index (self->customers, i);
  g_clear_handle_id (&self->customer_timeout, g_source_remove);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), c->name);
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), c->address ? c->address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_entry), c->contact ? c->contact : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), c->mobile && *c->mobile ? c->mobile : (c->phone ? c->phone : ""));
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), c->email ? c->email : "");
  gtk_widget_set_visible (GTK_WIDGET (self->customer_box), FALSE);
}

static void
customers_found_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WxIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = wx_db_customers_lookup_finish (WX_DB_WORKER (source), result, &error);
  GtkWidget *child;

  if (found == NULL)
    return;   /* a lookup is a help, not a step: stay quiet */
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  self->customers = found;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->customer_list))) != NULL)
    gtk_list_box_remove (self->customer_list, child);
  for (guint i = 0; i < found->len; i++)
    {
      WxCustomerHit *c = g_ptr_array_index (found, i);
      g_autofree char *text = g_strdup_printf ("%s — %s %s", c->name, c->contact ? c->contact : "",
                                               c->mobile && *c->mobile ? c->mobile : (c->phone ? c->phone : ""));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_list_box_append (self->customer_list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_box), found->len > 0);
  g_signal_emit (self, signals[SIGNAL_LOOKED_UP], 0, "customer");
}

/* Whether the keyboard focus is in `widget`: a GtkEntry never has it
 * itself, its GtkText child does. */
static gboolean
focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
customer_lookup_cb (gpointer user_data)
{
  WxIntakeDialog *self = user_data;
  const char *unit = gtk_editable_get_text (GTK_EDITABLE (self->unit_entry));
  const char *phone = gtk_editable_get_text (GTK_EDITABLE (self->phone_entry));
  const char *text = focus_within (GTK_WIDGET (self->phone_entry)) || !*unit ? phone : unit;

  self->customer_timeout = 0;
  if (g_utf8_strlen (text, -1) < 2)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->customer_box), FALSE);
      return G_SOURCE_REMOVE;
    }
  wx_db_customers_lookup_async (self->worker, text, 6, self->lookup_cancellable, customers_found_cb,
                                g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Whether the unit typed and `owner` are the same customer: the one
 * found in the other, case and spaces aside. */
static gboolean
same_unit (const char *typed,
           const char *owner)
{
  g_autofree char *a = g_utf8_casefold (typed, -1);
  g_autofree char *b = g_utf8_casefold (owner, -1);

  g_strstrip (a);
  g_strstrip (b);
  return *a == '\0' || strstr (a, b) != NULL || strstr (b, a) != NULL;
}

/* The lookup's sentence, and a warning when the serial is a machine under
 * another customer's contract: a wrong owner, or a contract job that must
 * go to that customer's account. */
static void
show_device_text (WxIntakeDialog *self)
{
  const char *unit = gtk_editable_get_text (GTK_EDITABLE (self->unit_entry));
  gboolean other = self->contract_owner && !same_unit (unit, self->contract_owner);
  g_autofree char *text = NULL;

  if (self->device_text == NULL)
    return;
  text = other ? g_strdup_printf (_("%s\nWARNING: this serial is a machine under %s's contract, not %s's: "
                                    "check the customer before saving."),
                                  self->device_text, self->contract_owner, unit)
               : g_strdup (self->device_text);
  gtk_label_set_text (self->device_label, text);
  if (other)
    gtk_widget_add_css_class (GTK_WIDGET (self->device_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->device_label), "warning");
}

static void
customer_text_changed_cb (GtkEditable    *editable,
                          WxIntakeDialog *self)
{
  if (editable == GTK_EDITABLE (self->unit_entry))
    show_device_text (self);
  g_clear_handle_id (&self->customer_timeout, g_source_remove);
  /* Only what the clerk types looks up, not a hit filling the fields. */
  if (focus_within (GTK_WIDGET (editable)))
    self->customer_timeout = g_timeout_add (LOOKUP_DELAY_MS, customer_lookup_cb, self);
}

/* ---------------------------------------------------------- device lookup */

static void
device_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDeviceInfo) info = wx_db_device_lookup_finish (WX_DB_WORKER (source), result, &error);
  g_autofree char *text = NULL;

  if (error)
    return;
  g_clear_pointer (&self->earlier_order, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->return_button), FALSE);
  g_clear_pointer (&self->device_text, g_free);
  g_clear_pointer (&self->contract_owner, g_free);
  if (info == NULL)
    {
      gtk_label_set_text (self->device_label, _("A machine this shop has not seen before."));
      gtk_widget_set_visible (GTK_WIDGET (self->device_label), TRUE);
      g_signal_emit (self, signals[SIGNAL_LOOKED_UP], 0, "device");
      return;
    }
  text = wx_device_info_describe (info);
  g_free (self->device_text);
  self->device_text = g_steal_pointer (&text);
  g_clear_pointer (&self->contract_owner, g_free);
  if (info->contract_number && *info->contract_number && info->customer_name && *info->customer_name)
    self->contract_owner = g_strdup (info->customer_name);
  show_device_text (self);
  gtk_widget_set_visible (GTK_WIDGET (self->device_label), TRUE);
  if (info->return_of)
    {
      g_autofree char *label = g_strdup_printf (_("Return repair: open %s"), info->return_of);

      self->earlier_order = g_strdup (info->return_of);
      gtk_button_set_label (self->return_button, label);
      gtk_widget_set_visible (GTK_WIDGET (self->return_button), TRUE);
    }
  /* Fill what the clerk has not typed yet. */
  if (!*gtk_editable_get_text (GTK_EDITABLE (self->product_entry)) && info->product)
    gtk_editable_set_text (GTK_EDITABLE (self->product_entry), info->product);
  if (!*gtk_editable_get_text (GTK_EDITABLE (self->model_entry)) && info->model)
    gtk_editable_set_text (GTK_EDITABLE (self->model_entry), info->model);
  g_signal_emit (self, signals[SIGNAL_LOOKED_UP], 0, "device");
}

static gboolean
device_lookup_cb (gpointer user_data)
{
  WxIntakeDialog *self = user_data;
  g_autofree char *serial = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->serial_entry))));

  self->device_timeout = 0;
  if (strlen (serial) < 4)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->device_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->return_button), FALSE);
      return G_SOURCE_REMOVE;
    }
  wx_db_device_lookup_async (self->worker, serial, g_get_real_time () / G_USEC_PER_SEC, self->lookup_cancellable,
                             device_found_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
serial_changed_cb (GtkEditable    *editable,
                   WxIntakeDialog *self)
{
  g_clear_handle_id (&self->device_timeout, g_source_remove);
  self->device_timeout = g_timeout_add (LOOKUP_DELAY_MS, device_lookup_cb, self);
}

static void
open_earlier_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WxIntakeDialog *self = WX_INTAKE_DIALOG (widget);

  if (self->earlier_order)
    g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, self->earlier_order);
}

/* ------------------------------------------------------------------ saving */

typedef struct {
  WxOrderDraft  draft;
  GPtrArray    *strings;
} CreateJob;

static void
create_job_free (CreateJob *j)
{
  g_strfreev (j->draft.accessories);
  g_ptr_array_unref (j->strings);
  g_free (j);
}

static void
set_busy (WxIntakeDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", !busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WxIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = wx_db_order_create_finish (WX_DB_WORKER (source), result, &error);

  set_busy (self, FALSE);
  if (number == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_dialog_set_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, number);
  gtk_window_destroy (GTK_WINDOW (self));
}

static const char *
keep (CreateJob  *j,
      char       *text)
{
  g_ptr_array_add (j->strings, text);
  return text;
}

static void
unsigned_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WxIntakeDialog   *self)
{
  if (g_str_equal (response, "save"))
    {
      self->unsigned_ok = TRUE;
      wx_intake_dialog_save (self);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (!gtk_check_button_get_active (self->notice_check)
                                       ? self->notice_check : self->signed_check));
}

static void
ask_unsigned (WxIntakeDialog *self)
{
  gboolean read = gtk_check_button_get_active (self->notice_check);
  gboolean sign = gtk_check_button_get_active (self->signed_check);
  GtkWidget *ask;

  if (self->sign_ask)
    {
      gtk_window_present (self->sign_ask);
      return;
    }
  ask = adw_message_dialog_new (GTK_WINDOW (self),
                                !read && !sign ? _("Notice not read and form not signed")
                                : !read ? _("Notice not read") : _("Form not signed"),
                                _("The customer should read the important notice and sign the form before "
                                  "leaving the machine. Save the order without it?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "back", _("_Go Back"),
                                    "save", _("_Save Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "save", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "back");
  g_signal_connect_object (ask, "response", G_CALLBACK (unsigned_response_cb), self, 0);
  g_set_weak_pointer (&self->sign_ask, GTK_WINDOW (ask));
  gtk_window_present (GTK_WINDOW (ask));
}

void
wx_intake_dialog_save (WxIntakeDialog *self)
{
  g_autoptr(GStrvBuilder) accessories = g_strv_builder_new ();
  g_autoptr(GPtrArray) faults = NULL;
  g_auto(GStrv) others = NULL;
  CreateJob *j;
  GtkTextIter start, end;

  g_return_if_fail (WX_IS_INTAKE_DIALOG (self));
  if (self->busy)
    return;
  clear_messages (self);

  j = g_new0 (CreateJob, 1);
  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->draft.kind = self->kind;
#define TEXT(f) keep (j, g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry_for (self, f)))))
  j->draft.unit = TEXT ("unit");
  j->draft.contact = TEXT ("contact");
  j->draft.phone = TEXT ("phone");
  j->draft.email = TEXT ("email");
  j->draft.address = TEXT ("address");
  j->draft.end_user = TEXT ("end_user");
  j->draft.product = TEXT ("product");
  j->draft.model = TEXT ("model");
  j->draft.serial = TEXT ("serial");
  j->draft.appearance = TEXT ("appearance");
  j->draft.remarks = TEXT ("remarks");
  j->draft.fax = TEXT ("fax");
  j->draft.end_user_phone = TEXT ("end_user_phone");
  j->draft.floor_department = TEXT ("floor_department");
  j->draft.asset_number = TEXT ("asset_number");
  j->draft.purchase_date = TEXT ("purchase_date");
#undef TEXT
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->fault_view), &start, &end);
  j->draft.fault = keep (j, gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->fault_view), &start, &end, FALSE));
  j->draft.warranty = selected_code (self->warranty_dropdown, warranty_choices, G_N_ELEMENTS (warranty_choices));
  j->draft.warranty_evidence = selected_code (self->evidence_dropdown, evidence_choices, G_N_ELEMENTS (evidence_choices));
  j->draft.backup = selected_code (self->backup_dropdown, backup_choices, G_N_ELEMENTS (backup_choices));
  j->draft.notice_read = gtk_check_button_get_active (self->notice_check);
  j->draft.customer_signed = gtk_check_button_get_active (self->signed_check);
  j->draft.call_id = self->call_id;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accessories_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (accessories, gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
    }
  others = wx_accessories_split (gtk_editable_get_text (GTK_EDITABLE (self->accessories_other)));
  g_strv_builder_addv (accessories, (const char **) others);
  j->draft.accessories = g_strv_builder_end (accessories);

  /* Every field at fault says so at once, the first one takes the focus. */
  faults = wx_order_draft_faults (&j->draft);
  for (guint i = 0; i < faults->len; i++)
    {
      WxFieldFault *fault = g_ptr_array_index (faults, i);
      GtkLabel *label = message_for (self, fault->field);

      wx_dialog_set_message (label ? label : self->error_label, fault->message);
      if (i == 0 && entry_for (self, fault->field))
        gtk_widget_grab_focus (GTK_WIDGET (entry_for (self, fault->field)));
      else if (i == 0 && g_str_equal (fault->field, "fault"))
        gtk_widget_grab_focus (GTK_WIDGET (self->fault_view));
    }
  if (faults->len > 0)
    {
      create_job_free (j);
      return;
    }
  /* A machine left at the desk: the customer reads the notice and signs
   * the form (seed 000). Either missing is asked about, not passed over. */
  if (self->kind == WX_ORDER_KIND_CARRY_IN && !self->unsigned_ok &&
      (!j->draft.notice_read || !j->draft.customer_signed))
    {
      create_job_free (j);
      ask_unsigned (self);
      return;
    }
  set_busy (self, TRUE);
  wx_db_order_create_async (self->worker, &j->draft, self->cancellable, created_cb, g_object_ref (self));
  create_job_free (j);
}

GtkWidget *
wx_intake_dialog_get_check (WxIntakeDialog *self,
                            const char     *name)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  if (g_str_equal (name, "notice_read"))
    return GTK_WIDGET (self->notice_check);
  if (g_str_equal (name, "customer_signed"))
    return GTK_WIDGET (self->signed_check);
  return NULL;
}

GtkWindow *
wx_intake_dialog_get_signature_question (WxIntakeDialog *self)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  return self->sign_ask;
}

void
wx_intake_dialog_set_call (WxIntakeDialog *self,
                           gint64          call_id)
{
  g_return_if_fail (WX_IS_INTAKE_DIALOG (self));
  self->call_id = call_id;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wx_intake_dialog_save (WX_INTAKE_DIALOG (widget));
}

static void
notice_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WxIntakeDialog) self = user_data;
  g_autofree char *notice = wx_db_setting_finish (WX_DB_WORKER (source), result, NULL);

  if (notice && *notice)
    gtk_label_set_text (self->notice_label, notice);
}

/* ------------------------------------------------------------- closing */

/* Whether the clerk has typed or ticked anything that closing would lose. */
static gboolean
has_input (WxIntakeDialog *self)
{
  GtkTextIter start, end;

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (entry_for (self, entry_fields[i]))))
      return TRUE;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->accessories_other)))
    return TRUE;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->fault_view), &start, &end);
  if (!gtk_text_iter_equal (&start, &end))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accessories_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)))))
      return TRUE;
  return FALSE;
}

static gboolean
close_idle_cb (gpointer self)
{
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WxIntakeDialog   *self)
{
  /* Closed once the question has finished closing itself. */
  if (g_str_equal (response, "discard"))
    {
      self->discard = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
    }
}

/* Esc or the close button on a half-typed intake asks first: the customer
 * is still at the desk. */
static gboolean
wx_intake_dialog_close_request (GtkWindow *window)
{
  WxIntakeDialog *self = WX_INTAKE_DIALOG (window);
  GtkWidget *ask;

  if (self->discard || !has_input (self))
    return GTK_WINDOW_CLASS (wx_intake_dialog_parent_class)->close_request
           && GTK_WINDOW_CLASS (wx_intake_dialog_parent_class)->close_request (window);
  if (self->ask)
    {
      gtk_window_present (self->ask);
      return TRUE;
    }
  ask = adw_message_dialog_new (window, _("Discard this intake?"),
                                _("What has been typed for this order will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "keep", _("_Keep editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "keep");
  g_signal_connect_object (ask, "response", G_CALLBACK (discard_response_cb), self, 0);
  g_set_weak_pointer (&self->ask, GTK_WINDOW (ask));
  gtk_window_present (GTK_WINDOW (ask));
  return TRUE;
}

GtkWindow *
wx_intake_dialog_get_discard_question (WxIntakeDialog *self)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  return self->ask;
}

char *
wx_intake_dialog_dup_customers (WxIntakeDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->customer_box)))
    return g_string_free (text, FALSE);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->customer_list)); row;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))));
  return g_string_free (text, FALSE);
}

GtkWidget *
wx_intake_dialog_get_customer_row (WxIntakeDialog *self,
                                   guint           index)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->customer_list, (int) index));
}

GtkWidget *
wx_intake_dialog_get_field (WxIntakeDialog *self,
                            const char     *field)
{
  g_return_val_if_fail (WX_IS_INTAKE_DIALOG (self), NULL);
  if (g_str_equal (field, "fault"))
    return GTK_WIDGET (self->fault_view);
  return entry_for (self, field) ? GTK_WIDGET (entry_for (self, field)) : NULL;
}

/* ------------------------------------------------------------- the object */

static void
wx_intake_dialog_dispose (GObject *object)
{
  WxIntakeDialog *self = WX_INTAKE_DIALOG (object);

  g_clear_handle_id (&self->customer_timeout, g_source_remove);
  g_clear_handle_id (&self->device_timeout, g_source_remove);
  if (self->ask)
    gtk_window_destroy (self->ask);
  g_clear_weak_pointer (&self->ask);
  g_clear_weak_pointer (&self->sign_ask);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_INTAKE_DIALOG);
  G_OBJECT_CLASS (wx_intake_dialog_parent_class)->dispose (object);
}

static void
wx_intake_dialog_finalize (GObject *object)
{
  WxIntakeDialog *self = WX_INTAKE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_free (self->earlier_order);
  g_free (self->device_text);
  g_free (self->contract_owner);
  G_OBJECT_CLASS (wx_intake_dialog_parent_class)->finalize (object);
}

static void
wx_intake_dialog_class_init (WxIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *messages[] = { "unit", "contact", "phone", "email", "address", "end_user", "product", "model",
                             "serial", "fault", "accessories", "appearance", "warranty", "evidence", "backup", "remarks",
                             "fax", "end_user_phone", "floor_department", "asset_number", "purchase_date" };

  object_class->dispose = wx_intake_dialog_dispose;
  object_class->finalize = wx_intake_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = wx_intake_dialog_close_request;

  /**
   * WxIntakeDialog::saved:
   * @number: the new order's number
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The return repair's earlier order was asked for. */
  signals[SIGNAL_OPEN_ORDER] = g_signal_new ("open-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A lookup ("customer" or "device") has shown its result. */
  signals[SIGNAL_LOOKED_UP] = g_signal_new ("looked-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-intake-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, WxIntakeDialog, name)
  BIND (title); BIND (spinner); BIND (grid);
  BIND (unit_entry); BIND (contact_entry); BIND (phone_entry); BIND (email_entry); BIND (address_entry);
  BIND (end_user_entry); BIND (product_entry); BIND (model_entry); BIND (serial_entry);
  BIND (appearance_entry); BIND (remarks_entry); BIND (accessories_other); BIND (fault_view);
  BIND (fax_entry); BIND (end_user_phone_entry); BIND (floor_department_entry); BIND (asset_number_entry);
  BIND (purchase_date_entry);
  BIND (accessories_box); BIND (warranty_dropdown); BIND (evidence_dropdown); BIND (backup_dropdown);
  BIND (notice_label); BIND (notice_check); BIND (signed_check); BIND (print_check); BIND (error_label);
  BIND (customer_box); BIND (customer_list); BIND (device_label); BIND (return_button);
#undef BIND
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autofree char *id = g_strdup_printf ("%s_message", messages[i]);
      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, 0);
    }
  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "intake.open-earlier", NULL, open_earlier_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.save", NULL);
}

static void
wx_intake_dialog_init (WxIntakeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->lookup_cancellable = g_cancellable_new ();
  fill_dropdown (self->warranty_dropdown, warranty_labels, G_N_ELEMENTS (warranty_labels));
  fill_dropdown (self->evidence_dropdown, evidence_labels, G_N_ELEMENTS (evidence_labels));
  fill_dropdown (self->backup_dropdown, backup_labels, G_N_ELEMENTS (backup_labels));
  for (guint i = 0; i < G_N_ELEMENTS (common_accessories); i++)
    add_accessory (self, _(common_accessories[i]));
  gtk_label_set_text (self->notice_label,
                      _("Back up your data before handing in a machine; the shop is not liable for data. "
                        "Machines not collected within 90 days of notice may be disposed of."));
  g_signal_connect (self->unit_entry, "changed", G_CALLBACK (customer_text_changed_cb), self);
  g_signal_connect (self->phone_entry, "changed", G_CALLBACK (customer_text_changed_cb), self);
  g_signal_connect (self->serial_entry, "changed", G_CALLBACK (serial_changed_cb), self);
  g_signal_connect (self->customer_list, "row-activated", G_CALLBACK (customer_row_activated_cb), self);
}

WxIntakeDialog *
wx_intake_dialog_new (GtkWindow   *parent,
                      WxDbWorker  *worker,
                      WxOrderKind  kind)
{
  WxIntakeDialog *self = g_object_new (WX_TYPE_INTAKE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *title = g_strdup_printf (_("New order: %s"), wx_order_kind_label (kind));

  self->worker = g_object_ref (worker);
  self->kind = kind;
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, kind == WX_ORDER_KIND_ON_SITE ? _("The customer called: the machine stays on site")
                                              : kind == WX_ORDER_KIND_SALE ? _("Parts or consumables sold")
                                              : _("The customer brought the machine in"));
  /* The important notice, as the shop wrote it in its settings. */
  wx_db_setting_async (worker, "notice.important", "", self->cancellable, notice_loaded_cb, g_object_ref (self));
  return self;
}

/* wx-call-dialog.c — one call of the call log. */
#define G_LOG_DOMAIN "wx-call-dialog"

#include <glib/gi18n.h>

#include "core/wx-call.h"
#include "core/wx-codes.h"
#include "core/wx-error.h"
#include "db/wx-db-error.h"
#include "db/wx-db-calls.h"
#include "wx-call-dialog.h"
#include "wx-dialog-fields.h"

static const char *fields[] = {
  "unit", "contact", "phone", "machine", "order", "subject", "result", "answered_by", "relayed_to", "promised",
};

struct _WxCallDialog
{
  AdwWindow       parent_instance;

  GtkDropDown    *direction_dropdown;
  GtkDropDown    *purpose_dropdown;
  GtkCheckButton *reached_check;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;

  WxDbWorker     *worker;
  GCancellable   *cancellable;
  gboolean        busy;
};

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WxCallDialog, wx_call_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
part (WxCallDialog *self,
      const char   *field,
      const char   *suffix)
{
  g_autofree char *name = g_strconcat (field, suffix, NULL);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_CALL_DIALOG, name));
}

static GtkEditable *
entry_for (WxCallDialog *self,
           const char   *field)
{
  GtkWidget *w = part (self, field, "_entry");

  return w ? GTK_EDITABLE (w) : NULL;
}

static char *
text_of (WxCallDialog *self,
         const char   *field)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry_for (self, field))));
}

static void
clear_messages (WxCallDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    wx_dialog_set_message (GTK_LABEL (part (self, fields[i], "_message")), NULL);
  wx_dialog_set_message (GTK_LABEL (part (self, "direction", "_message")), NULL);
  wx_dialog_set_message (GTK_LABEL (part (self, "purpose", "_message")), NULL);
  wx_dialog_set_message (self->error_label, NULL);
}

/* Shows `message` under `field` (else at the bottom) and puts the cursor
 * there. */
static void
show_error (WxCallDialog *self,
            const char   *field,
            const char   *message)
{
  GtkWidget *label = field && *field ? part (self, field, "_message") : NULL;

  wx_dialog_set_message (label ? GTK_LABEL (label) : self->error_label, message);
  if (field && *field && entry_for (self, field))
    gtk_widget_grab_focus (GTK_WIDGET (entry_for (self, field)));
}

static void
fill_codes (GtkDropDown *dropdown,
            WxCodeSet    set)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *code;

  for (guint i = 0; (code = wx_code_nth (set, i)); i++)
    gtk_string_list_append (labels, wx_code_label (set, code));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

static void
select_code (GtkDropDown *dropdown,
             WxCodeSet    set,
             const char  *value)
{
  const char *code;

  for (guint i = 0; (code = wx_code_nth (set, i)); i++)
    if (g_strcmp0 (code, value) == 0)
      gtk_drop_down_set_selected (dropdown, i);
}

gboolean
wx_call_dialog_set_value (WxCallDialog *self,
                          const char   *field,
                          const char   *value)
{
  g_return_val_if_fail (WX_IS_CALL_DIALOG (self), FALSE);
  if (g_str_equal (field, "direction"))
    select_code (self->direction_dropdown, WX_CODE_CALL_DIRECTION, value);
  else if (g_str_equal (field, "purpose"))
    select_code (self->purpose_dropdown, WX_CODE_CALL_PURPOSE, value);
  else if (entry_for (self, field))
    gtk_editable_set_text (entry_for (self, field), value ? value : "");
  else
    return FALSE;
  return TRUE;
}

void
wx_call_dialog_set_reached (WxCallDialog *self,
                            gboolean      reached)
{
  g_return_if_fail (WX_IS_CALL_DIALOG (self));
  gtk_check_button_set_active (self->reached_check, reached);
}

const char *
wx_call_dialog_get_message (WxCallDialog *self,
                            const char   *field)
{
  GtkWidget *label;

  g_return_val_if_fail (WX_IS_CALL_DIALOG (self), "");
  label = field ? part (self, field, "_message") : GTK_WIDGET (self->error_label);
  return label && gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* ------------------------------------------------------------ saving */

static void
set_busy (WxCallDialog *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.save", !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
logged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WxCallDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = wx_db_call_log_finish (WX_DB_WORKER (source), result, &error);

  set_busy (self, FALSE);
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND) ? "order" : NULL,
                    error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* `text` kept until the call is saved (the record points into it). */
static const char *
keep (GPtrArray *strings,
      char      *text)
{
  g_ptr_array_add (strings, text);
  return text;
}

void
wx_call_dialog_save (WxCallDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *promised = NULL;
  WxCallRecord check;
  const char *field = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  WxCallRecord call = { 0 };
  g_autofree char *order = NULL;

  g_return_if_fail (WX_IS_CALL_DIALOG (self));
  if (self->busy)
    return;
  clear_messages (self);
  call.direction = wx_code_nth (WX_CODE_CALL_DIRECTION, gtk_drop_down_get_selected (self->direction_dropdown));
  call.purpose = wx_code_nth (WX_CODE_CALL_PURPOSE, gtk_drop_down_get_selected (self->purpose_dropdown));
  call.unit_name = keep (strings, text_of (self, "unit"));
  call.contact = keep (strings, text_of (self, "contact"));
  call.phone = keep (strings, text_of (self, "phone"));
  call.machine = keep (strings, text_of (self, "machine"));
  call.subject = keep (strings, text_of (self, "subject"));
  call.result = keep (strings, text_of (self, "result"));
  call.answered_by = keep (strings, text_of (self, "answered_by"));
  call.relayed_to = keep (strings, text_of (self, "relayed_to"));
  call.reached = gtk_check_button_get_active (self->reached_check);
  order = text_of (self, "order");
  promised = text_of (self, "promised");
  if (!wx_call_parse_time (promised, now, &call.promised_reply_at, &error))
    {
      show_error (self, "promised", error->message);
      return;
    }
  /* Checked here for the message at its field; the order stands in for
   * itself until the worker finds it. */
  check = call;
  check.order_id = *order ? 1 : 0;
  if (!wx_call_record_check (&check, &field, &error))
    {
      show_error (self, field, error->message);
      return;
    }
  set_busy (self, TRUE);
  wx_db_call_log_async (self->worker, &call, order, self->cancellable, logged_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wx_call_dialog_save (WX_CALL_DIALOG (widget));
}

/* ------------------------------------------------------------ class */

static void
wx_call_dialog_dispose (GObject *object)
{
  WxCallDialog *self = WX_CALL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (object), WX_TYPE_CALL_DIALOG);
  G_OBJECT_CLASS (wx_call_dialog_parent_class)->dispose (object);
}

static void
wx_call_dialog_class_init (WxCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_call_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-call-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxCallDialog, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WxCallDialog, purpose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WxCallDialog, reached_check);
  gtk_widget_class_bind_template_child (widget_class, WxCallDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxCallDialog, spinner);
  /* The entries and their messages, found by name (part ()). */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *entry = g_strconcat (fields[i], "_entry", NULL);
      g_autofree char *message = g_strconcat (fields[i], "_message", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, entry, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, message, FALSE, 0);
    }
  gtk_widget_class_bind_template_child_full (widget_class, "direction_message", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "purpose_message", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "call.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* saved (call id) */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wx_call_dialog_init (WxCallDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  fill_codes (self->direction_dropdown, WX_CODE_CALL_DIRECTION);
  fill_codes (self->purpose_dropdown, WX_CODE_CALL_PURPOSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_CALL_DIALOG, "save_button")));
}

WxCallDialog *
wx_call_dialog_new (GtkWindow  *parent,
                    WxDbWorker *worker)
{
  WxCallDialog *self = g_object_new (WX_TYPE_CALL_DIALOG, "transient-for", parent, NULL);

  self->worker = g_object_ref (worker);
  return self;
}

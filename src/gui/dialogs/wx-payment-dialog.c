/* wx-payment-dialog.c — taking a payment for an order. */
#define G_LOG_DOMAIN "wx-payment-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-money.h"
#include "db/wx-db-money.h"
#include "wx-dialog-fields.h"
#include "wx-payment-dialog.h"

typedef struct {
  const char *key;
  const char *label;
  const char *choices;   /* NULL: an entry */
} FieldSpec;

static const FieldSpec specs[] = {
  { "amount",    N_("Amount received (yuan)"), NULL },
  { "method",    N_("Paid by"),                WX_PAYMENT_METHODS },
  { "reference", N_("Transfer or voucher number"), NULL },
  { "note",      N_("Note"),                   NULL },
};

struct _WxPaymentDialog
{
  WxOrderDialog   parent_instance;

  AdwWindowTitle *title;
  GtkLabel       *balance_label;
  GtkGrid        *grid;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;

  WxMoney         balance;      /* < 0 until loaded */
  GtkWidget      *fields[G_N_ELEMENTS (specs)];
  GtkLabel       *messages[G_N_ELEMENTS (specs)];
  GPtrArray      *method_codes;
};

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WxPaymentDialog, wx_payment_dialog, WX_TYPE_ORDER_DIALOG)

static int
field_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].key, key) == 0)
      return (int) i;
  return -1;
}

static char *
value_of (WxPaymentDialog *self, const char *key)
{
  int i = field_index (key);

  return wx_dialog_field_get (self->fields[i], specs[i].choices ? self->method_codes : NULL);
}

gint64
wx_payment_dialog_get_balance (WxPaymentDialog *self)
{
  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), -1);
  return self->balance;
}

gboolean
wx_payment_dialog_set_value (WxPaymentDialog *self, const char *key, const char *value)
{
  int i;

  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), FALSE);
  i = field_index (key);
  return i >= 0 && wx_dialog_field_set (self->fields[i], specs[i].choices ? self->method_codes : NULL,
                                        value ? value : "");
}

const char *
wx_payment_dialog_get_message (WxPaymentDialog *self, const char *key)
{
  GtkWidget *label;
  int i = key ? field_index (key) : -1;

  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), "");
  label = i >= 0 ? GTK_WIDGET (self->messages[i]) : GTK_WIDGET (self->error_label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static void
show_error (WxPaymentDialog *self, const char *key, const char *message)
{
  int i = key ? field_index (key) : -1;

  wx_dialog_set_message (i >= 0 ? self->messages[i] : self->error_label, message);
  if (i >= 0)
    gtk_widget_grab_focus (self->fields[i]);
}

/* ------------------------------------------------------------ the balance */

static void
balance_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxPaymentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  WxMoney balance = 0;

  if (!wx_db_order_balance_finish (WX_DB_WORKER (source), result, &balance, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }
  self->balance = balance;
  text = wx_money_format (MAX (balance, 0));
  line = g_strdup_printf (_("Balance due: ¥%s"), text);
  gtk_label_set_text (self->balance_label, line);
  if (balance > 0)
    wx_payment_dialog_set_value (self, "amount", text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.save", balance > 0);
}

/* ------------------------------------------------------------ saving */

static void
recorded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxPaymentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  WxMoney balance = 0;

  wx_order_dialog_set_busy (WX_ORDER_DIALOG (self), FALSE);
  if (!wx_db_payment_record_finish (WX_DB_WORKER (source), result, &balance, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, (gint64) balance);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
wx_payment_dialog_save (WxPaymentDialog *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *method = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  WxPaymentInput in = { .kind = WX_PAYMENT_RECEIVED };

  g_return_if_fail (WX_IS_PAYMENT_DIALOG (self));
  if (wx_order_dialog_get_busy (WX_ORDER_DIALOG (self)) || self->balance < 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    wx_dialog_set_message (self->messages[i], NULL);
  wx_dialog_set_message (self->error_label, NULL);
  amount = value_of (self, "amount");
  method = value_of (self, "method");
  reference = value_of (self, "reference");
  note = value_of (self, "note");
  if (!wx_money_parse (amount, &in.amount, &error) || in.amount <= 0)
    {
      g_autofree char *msg = error ? NULL : g_strdup_printf (_("The amount received “%s” is not a positive amount."), amount);
      show_error (self, "amount", error ? error->message : msg);
      return;
    }
  /* The database's rule and sentence (payment_over), answered sooner. */
  if (in.amount > self->balance)
    {
      g_autofree char *due = wx_money_format (MAX (self->balance, 0));
      g_autofree char *msg = g_strdup_printf (_(WX_PAYMENT_OVER), due);
      show_error (self, "amount", msg);
      return;
    }
  if (*method == '\0')
    {
      show_error (self, "method", _("Choose how the customer paid (cash, WeChat Pay, Alipay, bank card, bank transfer or cheque)."));
      return;
    }
  in.method = method;
  in.reference = reference;
  in.reason = note;
  wx_order_dialog_set_busy (WX_ORDER_DIALOG (self), TRUE);
  wx_db_payment_record_async (wx_order_dialog_get_worker (WX_ORDER_DIALOG (self)),
                              wx_order_dialog_get_number (WX_ORDER_DIALOG (self)), &in,
                              wx_order_dialog_get_cancellable (WX_ORDER_DIALOG (self)), recorded_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_payment_dialog_save (WX_PAYMENT_DIALOG (widget));
}

/* ------------------------------------------------------------ class */

static void
wx_payment_dialog_finalize (GObject *object)
{
  WxPaymentDialog *self = WX_PAYMENT_DIALOG (object);

  g_clear_pointer (&self->method_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_payment_dialog_parent_class)->finalize (object);
}

static void
wx_payment_dialog_class_init (WxPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wx_payment_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, title);
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, balance_label);
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, spinner);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "payment.save", NULL, save_action_cb);
  /* saved (the balance left, fen) */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wx_payment_dialog_init (WxPaymentDialog *self)
{
  int rows = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->balance = -1;
  self->method_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      self->messages[i] = wx_dialog_message_new ();
      if (specs[i].choices)
        self->fields[i] = wx_dialog_choice_new (_(specs[i].choices), self->method_codes);
      else
        {
          self->fields[i] = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (self->fields[i]), TRUE);
        }
      gtk_widget_set_name (self->fields[i], specs[i].key);
      wx_dialog_grid_add_row (self->grid, &rows, _(specs[i].label), self->fields[i], NULL, self->messages[i]);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.save", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_PAYMENT_DIALOG, "save_button")));
}

WxPaymentDialog *
wx_payment_dialog_new (GtkWindow *parent, WxDbWorker *worker, const char *number)
{
  WxPaymentDialog *self = g_object_new (WX_TYPE_PAYMENT_DIALOG, "transient-for", parent, NULL);

  wx_order_dialog_setup (WX_ORDER_DIALOG (self), worker, number, self->title, self->spinner, "payment.save");
  gtk_label_set_text (self->balance_label, _("Loading the balance…"));
  wx_db_order_balance_async (worker, number, wx_order_dialog_get_cancellable (WX_ORDER_DIALOG (self)),
                             balance_loaded_cb, g_object_ref (self));
  return self;
}

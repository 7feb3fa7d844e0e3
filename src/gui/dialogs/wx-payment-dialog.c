/* wx-payment-dialog.c — taking a payment for an order, giving money back,
 * writing a debt off. */
#define G_LOG_DOMAIN "wx-payment-dialog"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "core/wx-money.h"
#include "db/wx-db-money.h"
#include "wx-dialog-fields.h"
#include "wx-payment-dialog.h"

typedef struct {
  const char *key;
  const char *label[3];  /* by WxPaymentKind; NULL: no such field for the kind */
  gboolean    choice;    /* how the money moved: a drop-down */
} FieldSpec;

static const FieldSpec specs[] = {
  { "amount",    { N_("Amount received (yuan)"), N_("Amount given back (yuan)"), N_("Amount written off (yuan)") }, FALSE },
  { "method",    { N_("Paid by"), N_("Given back by"), NULL }, TRUE },
  { "reference", { N_("Transfer or voucher number"), N_("Transfer or voucher number"), NULL }, FALSE },
  { "note",      { N_("Note"), N_("Reason"), N_("Reason") }, FALSE },
};

static const struct {
  const char *title;
  const char *intro;
} kinds[] = {
  [WX_PAYMENT_RECEIVED]  = { N_("Take Payment"),
                             N_("Money received for this order: a deposit, part of the balance, or the rest of an order taken on account.") },
  [WX_PAYMENT_REFUND]    = { N_("Refund"),
                             N_("Money given back to the customer, with the reason. It is recorded as your approval as the supervisor.") },
  [WX_PAYMENT_WRITE_OFF] = { N_("Write Off"),
                             N_("A debt the shop forgives, with the reason. It is recorded as your approval as the supervisor.") },
};

struct _WxPaymentDialog
{
  WxOrderDialog   parent_instance;

  AdwWindowTitle *title;
  GtkLabel       *intro_label;
  GtkLabel       *balance_label;
  GtkGrid        *grid;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;

  WxPaymentKind   kind;
  WxMoney         balance;      /* < 0 until loaded */
  GtkWindow      *question;     /* weak: more than the balance, keep it? */
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

  if (self->fields[i] == NULL)
    return g_strdup ("");
  return wx_dialog_field_get (self->fields[i], specs[i].choice ? self->method_codes : NULL);
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
  return i >= 0 && self->fields[i] != NULL &&
         wx_dialog_field_set (self->fields[i], specs[i].choice ? self->method_codes : NULL, value ? value : "");
}

GtkWidget *
wx_payment_dialog_get_field (WxPaymentDialog *self, const char *key)
{
  int i;

  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), NULL);
  i = field_index (key);
  return i >= 0 ? self->fields[i] : NULL;
}

GtkWindow *
wx_payment_dialog_get_question (WxPaymentDialog *self)
{
  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), NULL);
  return self->question;
}

const char *
wx_payment_dialog_get_message (WxPaymentDialog *self, const char *key)
{
  GtkWidget *label;
  int i = key ? field_index (key) : -1;

  g_return_val_if_fail (WX_IS_PAYMENT_DIALOG (self), "");
  label = i >= 0 ? GTK_WIDGET (self->messages[i]) : GTK_WIDGET (self->error_label);
  return label && gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static void
show_error (WxPaymentDialog *self, const char *key, const char *message)
{
  int i = key ? field_index (key) : -1;

  if (i >= 0 && self->fields[i] == NULL)
    i = -1;
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
  /* A refund starts empty: how much goes back is the supervisor's word. */
  if (balance > 0 && self->kind != WX_PAYMENT_REFUND)
    wx_payment_dialog_set_value (self, "amount", text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.save",
                                 balance > 0 || self->kind == WX_PAYMENT_REFUND);
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

static void record (WxPaymentDialog *self, gboolean keep_excess);

static void
question_response_cb (AdwMessageDialog *question,
                      const char       *response,
                      WxPaymentDialog  *self)
{
  if (g_str_equal (response, "keep"))
    record (self, TRUE);
  else
    {
      /* The database's rule and sentence (payment_over). */
      g_autofree char *due = wx_money_format (MAX (self->balance, 0));
      g_autofree char *msg = g_strdup_printf (_(WX_PAYMENT_OVER), due);

      show_error (self, "amount", msg);
    }
}

/* More than the balance: the customer may leave the rest with the shop
 * as a prepayment for a later order (预收款), or the clerk typed it wrong. */
static void
ask_keep_excess (WxPaymentDialog *self, WxMoney amount)
{
  g_autofree char *given = wx_money_format (amount);
  g_autofree char *due = wx_money_format (MAX (self->balance, 0));
  g_autofree char *over = wx_money_format (amount - MAX (self->balance, 0));
  g_autofree char *body = g_strdup_printf (_("¥%s is ¥%s more than the ¥%s due. Keep the ¥%s over as the customer's "
                                             "prepayment, for a later order?"), given, over, due, over);
  GtkWidget *ask = adw_message_dialog_new (GTK_WINDOW (self), _("More than the balance"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "change", _("_Change the Amount"),
                                    "keep", _("_Keep as Prepayment"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "change");
  g_signal_connect_object (ask, "response", G_CALLBACK (question_response_cb), self, 0);
  g_set_weak_pointer (&self->question, GTK_WINDOW (ask));
  gtk_window_present (GTK_WINDOW (ask));
}

void
wx_payment_dialog_save (WxPaymentDialog *self)
{
  g_return_if_fail (WX_IS_PAYMENT_DIALOG (self));
  record (self, FALSE);
}

static void
record (WxPaymentDialog *self, gboolean keep_excess)
{
  g_autofree char *amount = NULL;
  g_autofree char *method = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  WxPaymentInput in = { .kind = self->kind, .keep_excess = keep_excess };

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
      g_autofree char *msg = error ? NULL : g_strdup_printf (_("The amount “%s” is not a positive amount."), amount);
      show_error (self, "amount", error ? error->message : msg);
      return;
    }
  if (self->kind != WX_PAYMENT_WRITE_OFF && *method == '\0')
    {
      show_error (self, "method", self->kind == WX_PAYMENT_REFUND
                  ? _("Choose how the money goes back (cash, WeChat Pay, Alipay, bank card, bank transfer or cheque).")
                  : _("Choose how the customer paid (cash, WeChat Pay, Alipay, bank card, bank transfer or cheque)."));
      return;
    }
  if (self->kind != WX_PAYMENT_RECEIVED && *note == '\0')
    {
      show_error (self, "note", _("Write the reason for the refund or write-off (at most 300 characters)."));
      return;
    }
  /* The database's rule (payment_over), asked sooner: keep the excess? */
  if (self->kind == WX_PAYMENT_RECEIVED && in.amount > self->balance && !keep_excess &&
      !g_str_equal (method, "prepaid"))
    {
      ask_keep_excess (self, in.amount);
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
wx_payment_dialog_dispose (GObject *object)
{
  WxPaymentDialog *self = WX_PAYMENT_DIALOG (object);

  g_clear_weak_pointer (&self->question);
  G_OBJECT_CLASS (wx_payment_dialog_parent_class)->dispose (object);
}

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

  object_class->dispose = wx_payment_dialog_dispose;
  object_class->finalize = wx_payment_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, title);
  gtk_widget_class_bind_template_child (widget_class, WxPaymentDialog, intro_label);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  self->balance = -1;
  self->method_codes = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.save", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_PAYMENT_DIALOG, "save_button")));
}

/* The fields of the kind: a write-off moves no money. */
static void
add_fields (WxPaymentDialog *self)
{
  int rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const char *label = specs[i].label[self->kind];

      if (label == NULL)
        continue;
      self->messages[i] = wx_dialog_message_new ();
      if (specs[i].choice)
        self->fields[i] = wx_dialog_choice_new (self->kind == WX_PAYMENT_RECEIVED ? _(WX_PAYMENT_LATER_METHODS)
                                                                                  : _(WX_PAYMENT_METHODS),
                                                self->method_codes);
      else
        {
          self->fields[i] = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (self->fields[i]), TRUE);
        }
      gtk_widget_set_name (self->fields[i], specs[i].key);
      wx_dialog_grid_add_row (self->grid, &rows, _(label), self->fields[i], NULL, self->messages[i]);
    }
}

WxPaymentDialog *
wx_payment_dialog_new (GtkWindow     *parent,
                       WxDbWorker    *worker,
                       const char    *number,
                       WxPaymentKind  kind)
{
  WxPaymentDialog *self;

  g_return_val_if_fail (kind <= WX_PAYMENT_WRITE_OFF, NULL);
  self = g_object_new (WX_TYPE_PAYMENT_DIALOG, "transient-for", parent, NULL);
  self->kind = kind;
  wx_order_dialog_setup (WX_ORDER_DIALOG (self), worker, number, self->title, self->spinner, "payment.save");
  add_fields (self);
  adw_window_title_set_title (self->title, _(kinds[kind].title));
  gtk_label_set_text (self->intro_label, _(kinds[kind].intro));
  gtk_label_set_text (self->balance_label, _("Loading the balance…"));
  wx_db_order_balance_async (worker, number, wx_order_dialog_get_cancellable (WX_ORDER_DIALOG (self)),
                             balance_loaded_cb, g_object_ref (self));
  return self;
}

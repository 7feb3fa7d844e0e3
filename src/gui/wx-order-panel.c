#define G_LOG_DOMAIN "wx-order-panel"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-intake.h"
#include "core/wx-money.h"
#include "core/wx-workflow.h"
#include "db/wx-db-detail.h"
#include "db/wx-db-messages.h"
#include "dialogs/wx-amend-dialog.h"
#include "dialogs/wx-payment-dialog.h"
#include "wx-order-panel.h"

struct _WxOrderPanel
{
  GtkBox        parent_instance;

  GtkLabel     *number_label;
  GtkLabel     *state_label;
  GtkSpinner   *spinner;
  GtkFlowBox   *steps_box;
  GtkLabel     *error_label;
  GtkBox       *content_box;
  GtkScrolledWindow *scroller;

  WxDbWorker   *worker;
  GCancellable *cancellable;
  WxRole        roles;
  char         *login;
  gint64        return_id;    /* the supervisor's return this login may answer, else 0 */
  char         *number;
  gint64        id;
  WxOrderState  state;
  int           version;
  gboolean      to_top;       /* another order: shown from its top, not where the last was */
  GString      *timeline;
  GString      *payments;     /* the Payments section as text, for the tests */
  GHashTable   *amendable;    /* column → value: what "Correct details" starts from */
};

G_DEFINE_FINAL_TYPE (WxOrderPanel, wx_order_panel, GTK_TYPE_BOX)

enum { SIGNAL_LOADED, SIGNAL_STEP_REQUESTED, SIGNAL_PRINT_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_box (GtkWidget *box)
{
  GtkRoot *root = gtk_widget_get_root (box);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* A button in it may have the focus (Resend, just clicked): the window
   * must not keep a focus that is going. */
  if (focus && gtk_widget_is_ancestor (focus, box))
    gtk_root_set_focus (root, NULL);

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 10);
  return label;
}

static void
grid_row (GtkGrid    *grid,
          int         row,
          const char *name,
          const char *value,
          const char *css)
{
  GtkWidget *n = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (n), 1);
  gtk_label_set_yalign (GTK_LABEL (n), 0);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (v), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  if (css)
    gtk_widget_add_css_class (v, css);
  gtk_grid_attach (grid, n, 0, row, 1, 1);
  gtk_grid_attach (grid, v, 1, row, 1, 1);
}

static GtkGrid *
new_grid (void)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_column_spacing (grid, 10);
  gtk_grid_set_row_spacing (grid, 2);
  return grid;
}

static void
step_clicked_cb (GtkButton    *button,
                 WxOrderPanel *self)
{
  g_signal_emit (self, signals[SIGNAL_STEP_REQUESTED], 0, g_object_get_data (G_OBJECT (button), "event"));
}

static void
show_steps (WxOrderPanel        *self,
            const WxOrderDetail *d)
{
  g_autoptr(GPtrArray) available = wx_workflow_available (d->kind, d->state);
  GtkWidget *child;

  /* The red ones last and always in the same order, whatever order the
   * state lists its steps in: the clerk finds Cancel where it was. */
  static const char *const last[] = { "hand_over", "cancel", "escalate" };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_flow_box_remove (self->steps_box, child);
  for (guint pass = 0; pass <= G_N_ELEMENTS (last); pass++)
    {
      for (guint i = 0; i < available->len; i++)
        {
          const WxTransition *t = g_ptr_array_index (available, i);
          GtkWidget *button;
          guint rank = 0;

          for (guint k = 0; k < G_N_ELEMENTS (last); k++)
            if (g_str_equal (t->event, last[k]))
              rank = k + 1;
          if (rank != pass || !(t->roles & self->roles))
            continue;
          /* The review leaves the order entered: once reviewed, it is done. */
          if (g_str_equal (t->event, "review") && d->document && d->document->reviewed_at &&
              *d->document->reviewed_at)
            continue;
          button = gtk_button_new_with_label (wx_workflow_event_label (t->event));
          g_object_set_data (G_OBJECT (button), "event", (gpointer) t->event);
          if (g_str_equal (t->event, "cancel") || g_str_equal (t->event, "escalate"))
            gtk_widget_add_css_class (button, "destructive-action");
          g_signal_connect (button, "clicked", G_CALLBACK (step_clicked_cb), self);
          gtk_flow_box_append (self->steps_box, button);
        }
    }
}

/* The money of the order: each payment, refund and write-off as taken,
 * the balance due (wx_order_balance) and the customer's prepayment; the
 * supervisor's buttons to give money back or write the rest off. */
static void
show_payments (WxOrderPanel        *self,
               const WxOrderDetail *d)
{
  GtkGrid *grid = new_grid ();
  g_autofree char *balance = wx_money_format (d->balance);
  int row = 0;

  gtk_box_append (self->content_box, heading (_("Payments")));
  g_string_truncate (self->payments, 0);
  for (guint i = 0; i < d->payments->len; i++)
    {
      const WxPayment *p = g_ptr_array_index (d->payments, i);
      g_autofree char *amount = wx_money_format_yuan (p->kind == WX_PAYMENT_RECEIVED ? p->amount : -p->amount);
      GString *text = g_string_new (NULL);

      g_string_append_printf (text, "%s %s", wx_workflow_event_label (wx_payment_kind_code (p->kind)), amount);
      if (p->kind != WX_PAYMENT_WRITE_OFF)
        g_string_append_printf (text, " · %s", wx_code_label (WX_CODE_PAYMENT_METHOD, p->method));
      if (*p->reference)
        g_string_append_printf (text, " · %s", p->reference);
      g_string_append_printf (text, " — %s", p->taken_by);
      if (*p->reason)
        g_string_append_printf (text, "\n%s", p->reason);
      grid_row (grid, row++, p->at_text, text->str, p->kind == WX_PAYMENT_RECEIVED ? NULL : "warning");
      g_string_append_printf (self->payments, "%s\n", text->str);
      g_string_free (text, TRUE);
    }
  if (row == 0)
    grid_row (grid, row++, "", _("No money taken yet."), NULL);
  grid_row (grid, row++, _("Balance due"), balance, d->balance > 0 ? "error" : "success");
  g_string_append_printf (self->payments, "%s ¥%s\n", _("Balance due"), balance);
  if (d->prepaid != 0)
    {
      g_autofree char *prepaid = wx_money_format (d->prepaid);

      grid_row (grid, row++, _("Customer's prepayment"), prepaid, NULL);
      g_string_append_printf (self->payments, "%s ¥%s\n", _("Customer's prepayment"), prepaid);
    }
  gtk_box_append (self->content_box, GTK_WIDGET (grid));
  if (self->roles & WX_ROLE_SUPERVISOR)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *refund = gtk_button_new_with_mnemonic (_("_Refund…"));
      GtkWidget *write_off = gtk_button_new_with_mnemonic (_("_Write Off…"));

      gtk_widget_set_name (refund, "refund_button");
      gtk_widget_set_name (write_off, "write_off_button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (refund), "panel.refund");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (write_off), "panel.write-off");
      gtk_widget_set_tooltip_text (refund, _("Give money back to the customer, with the reason"));
      gtk_widget_set_tooltip_text (write_off, _("Forgive what is still due, with the reason"));
      gtk_box_append (GTK_BOX (box), refund);
      gtk_box_append (GTK_BOX (box), write_off);
      gtk_box_append (self->content_box, box);
    }
}

/* The supervisor's return standing on the order (维修服务记录单审核): what
 * must be put right; for the person it went back to, the way to correct the
 * details and resubmit it; for the others, whether it was answered. */
static void
show_return (WxOrderPanel             *self,
             const WxReviewOpenReturn *r)
{
  GtkWidget *box, *label;
  g_autofree char *head = NULL;

  self->return_id = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.resubmit", FALSE);
  if (r == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "wx-review-return");
  gtk_widget_set_margin_top (box, 6);
  /* TRANSLATORS: the order panel: the supervisor, when, the person it went back to */
  head = g_strdup_printf (_("Returned by %s on %s to %s"), r->reviewer, r->at_text, r->returned_to_name);
  label = heading (head);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (r->comment);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_box_append (GTK_BOX (box), label);
  if (r->answered)
    {
      g_autofree char *text = g_strdup_printf (r->amended ? _("Answered, details corrected: %s") : _("Answered: %s"),
                                               r->answer);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "success");
    }
  else if (self->login && g_str_equal (r->returned_to, self->login))
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *button;

      self->return_id = r->review_id;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.resubmit", TRUE);
      label = gtk_label_new (_("Put it right, correcting the details if they are wrong, then resubmit it."));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      button = gtk_button_new_with_mnemonic (_("_Correct details…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "panel.amend");
      gtk_box_append (GTK_BOX (buttons), button);
      button = gtk_button_new_with_mnemonic (_("_Resubmit…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "panel.resubmit");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), button);
      gtk_widget_set_margin_end (buttons, 10);
      gtk_widget_set_margin_bottom (buttons, 8);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 10);
      gtk_widget_set_margin_end (label, 10);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), buttons);
      gtk_box_append (self->content_box, box);
      return;
    }
  else
    {
      label = gtk_label_new (_("Waiting for the answer of the person it went back to."));
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->content_box, box);
}

static void
show_detail (WxOrderPanel        *self,
             const WxOrderDetail *d)
{
  GtkWidget *content = GTK_WIDGET (self->content_box);
  int section = -1;
  GtkGrid *grid = NULL;
  int row = 0;

  clear_box (content);
  g_string_truncate (self->timeline, 0);
  gtk_label_set_text (self->number_label, d->number);
  gtk_label_set_text (self->state_label, wx_order_state_label (d->state));
  show_steps (self, d);

  /* What may still be corrected, while the order is open. */
  g_hash_table_remove_all (self->amendable);
  for (guint i = 0; i < d->fields->len; i++)
    {
      const WxDetailField *f = &g_array_index (d->fields, WxDetailField, i);

      if (wx_order_field_amendable (f->key))
        g_hash_table_insert (self->amendable, g_strdup (f->key), g_strdup (f->value ? f->value : ""));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.amend",
                                 wx_workflow_state_info (d->state)->open &&
                                 (self->roles & (WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER | WX_ROLE_SUPERVISOR)));
  /* Money is taken until the balance is nil, also after pickup. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.payment",
                                 d->state != WX_ORDER_STATE_CANCELLED &&
                                 (self->roles & (WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER | WX_ROLE_SUPERVISOR)));
  /* Money given back and debts forgiven are a supervisor's (wx_payment_refund). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.refund",
                                 d->state != WX_ORDER_STATE_CANCELLED && (self->roles & WX_ROLE_SUPERVISOR));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.write-off",
                                 d->state != WX_ORDER_STATE_CANCELLED && (self->roles & WX_ROLE_SUPERVISOR) &&
                                 d->balance > 0);

  show_return (self, d->open_return);

  /* The paper form, section by section; empty fields are left out. */
  for (guint i = 0; i < d->fields->len; i++)
    {
      const WxDetailField *f = &g_array_index (d->fields, WxDetailField, i);

      if (f->value == NULL || *f->value == '\0')
        continue;
      if ((int) f->section != section)
        {
          section = f->section;
          gtk_box_append (self->content_box, heading (wx_detail_section_label (f->section)));
          grid = new_grid ();
          gtk_box_append (self->content_box, GTK_WIDGET (grid));
          row = 0;
        }
      grid_row (grid, row++, f->label, f->value, NULL);
    }

  /* The accessories, one by one: what is to be handed back at pickup. */
  if (d->document && d->document->accessories->len > 0)
    {
      gtk_box_append (self->content_box, heading (_("Accessories")));
      grid = new_grid ();
      for (guint i = 0; i < d->document->accessories->len; i++)
        {
          const WxDbAccessory *a = &g_array_index (d->document->accessories, WxDbAccessory, i);

          grid_row (grid, (int) i, a->name, a->returned ? _("handed back") : _("with the machine"), NULL);
        }
      gtk_box_append (self->content_box, GTK_WIDGET (grid));
    }

  show_payments (self, d);

  /* The clocks that started, with their due times. */
  gtk_box_append (self->content_box, heading (_("Time limits")));
  grid = new_grid ();
  row = 0;
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      const WxDetailClock *k = &d->clocks[c];
      g_autofree char *text = NULL;
      const char *css = NULL;

      if (k->state.status == WX_CLOCK_STATUS_NOT_STARTED)
        continue;
      if (k->state.status == WX_CLOCK_STATUS_RED || k->state.status == WX_CLOCK_STATUS_MET_LATE)
        css = "error";
      else if (k->state.status == WX_CLOCK_STATUS_AMBER)
        css = "warning";
      text = *k->stopped
        ? g_strdup_printf (_("%s — due %s, done %s"), k->status_label, k->due_limit, k->stopped)
        : g_strdup_printf (_("%s — due %s (target %s)"), k->status_label, k->due_limit, k->due_target);
      grid_row (grid, row++, k->label, text, css);
    }
  if (row == 0)
    grid_row (grid, row++, "", _("No clock has started."), NULL);
  gtk_box_append (self->content_box, GTK_WIDGET (grid));

  /* Who did what, when. */
  gtk_box_append (self->content_box, heading (_("Timeline")));
  grid = new_grid ();
  for (guint i = 0; i < d->events->len; i++)
    {
      const WxDetailEvent *e = &g_array_index (d->events, WxDetailEvent, i);
      g_autofree char *what = *e->details
        ? g_strdup_printf ("%s — %s\n%s", e->event_label, e->actor_name, e->details)
        : g_strdup_printf ("%s — %s", e->event_label, e->actor_name);

      grid_row (grid, (int) i, e->at_text, what, NULL);
      g_string_append_printf (self->timeline, "%s %s %s\n", e->at_text, e->event_label, e->actor_name);
    }
  gtk_box_append (self->content_box, GTK_WIDGET (grid));

  /* What the customer was sent, and what became of it. */
  if (d->messages->len > 0)
    {
      gtk_box_append (self->content_box, heading (_("Messages to the customer")));
      grid = new_grid ();
      for (guint i = 0; i < d->messages->len; i++)
        {
          const WxDetailMessage *m = &g_array_index (d->messages, WxDetailMessage, i);

          grid_row (grid, (int) i, m->at_text, m->text, m->attention ? "error" : NULL);
          g_string_append_printf (self->timeline, "%s %s\n", m->at_text, m->text);
          /* Failed or unknown: the front desk or a supervisor sends it again
           * once the address or the settings are fixed (wx_message_resend). */
          if (m->attention && (self->roles & (WX_ROLE_COORDINATOR | WX_ROLE_SUPERVISOR)))
            {
              GtkWidget *button = gtk_button_new_with_label (_("Resend"));
              g_autofree char *name = g_strdup_printf ("resend-%" G_GINT64_FORMAT, m->id);

              gtk_widget_set_name (button, name);
              gtk_widget_set_valign (button, GTK_ALIGN_START);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "panel.resend-message");
              gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (m->id));
              gtk_grid_attach (grid, button, 2, (int) i, 1, 1);
            }
        }
      gtk_box_append (self->content_box, GTK_WIDGET (grid));
    }
}

/* --------------------------------------------------------------- loading */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WxOrderPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxOrderDetail) d = wx_db_order_detail_load_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (d == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else if (g_strcmp0 (d->number, self->number) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      self->id = d->id;
      self->state = d->state;
      self->version = d->version;
      show_detail (self, d);
      if (self->to_top)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      self->to_top = FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

static void
reload (WxOrderPanel *self)
{
  gtk_spinner_start (self->spinner);
  wx_db_order_detail_load_async (self->worker, self->number, g_get_real_time () / G_USEC_PER_SEC,
                                 self->cancellable, loaded_cb, g_object_ref (self));
}

void
wx_order_panel_show (WxOrderPanel *self,
                     const char   *number)
{
  g_return_if_fail (WX_IS_ORDER_PANEL (self));
  g_return_if_fail (number != NULL);

  self->to_top |= g_strcmp0 (self->number, number) != 0;
  g_free (self->number);
  self->number = g_strdup (number);
  self->id = 0;
  self->version = 0;
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->state_label, "");
  reload (self);
}

void
wx_order_panel_orders_changed (WxOrderPanel *self,
                               GArray       *ids)
{
  g_return_if_fail (WX_IS_ORDER_PANEL (self));
  for (guint i = 0; self->id && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == self->id)
      {
        reload (self);
        return;
      }
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WxOrderPanel *self = WX_ORDER_PANEL (widget);

  if (self->number)
    g_signal_emit (self, signals[SIGNAL_PRINT_REQUESTED], 0, g_variant_get_uint32 (parameter));
}

static void
amended_cb (WxAmendDialog *dialog,
            int            version,
            WxOrderPanel  *self)
{
  if (self->number)
    reload (self);
}

WxAmendDialog *
wx_order_panel_amend (WxOrderPanel *self)
{
  WxAmendDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  if (self->number == NULL || self->version <= 0)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = wx_amend_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->worker,
                                self->number, self->version, self->amendable);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (amended_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
paid_cb (WxPaymentDialog *dialog,
         gint64           balance,
         WxOrderPanel    *self)
{
  if (self->number)
    reload (self);
}

WxPaymentDialog *
wx_order_panel_money (WxOrderPanel  *self,
                      WxPaymentKind  kind)
{
  WxPaymentDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  if (self->number == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = wx_payment_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->worker, self->number, kind);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (paid_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
payment_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  wx_order_panel_money (WX_ORDER_PANEL (widget), WX_PAYMENT_RECEIVED);
}

static void
refund_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  wx_order_panel_money (WX_ORDER_PANEL (widget), WX_PAYMENT_REFUND);
}

static void
write_off_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  wx_order_panel_money (WX_ORDER_PANEL (widget), WX_PAYMENT_WRITE_OFF);
}

/* A write from the panel (an answer to a return, a resend): its sentence
 * on failure, else the order again. */
static void
written_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WxOrderPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (self->number)
    reload (self);
}

static void
resubmit_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WxOrderPanel     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "answer");
  gint64 review = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "review"));

  if (!g_str_equal (response, "resubmit"))
    return;
  wx_db_review_answer_async (self->worker, review, gtk_editable_get_text (entry), self->cancellable,
                             written_cb, g_object_ref (self));
}

static void
answer_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "resubmit", *text != '\0');
}

AdwMessageDialog *
wx_order_panel_resubmit (WxOrderPanel *self)
{
  GtkRoot *root;
  GtkWidget *dialog, *entry;

  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  if (self->number == NULL || self->return_id == 0)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* TRANSLATORS: the heading of the dialog answering the supervisor's return: the order's number */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                   _("Say what you put right. The supervisor reviews the order again."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Resubmit %s"), self->number);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What was put right"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), 2000);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"),
                                    "resubmit", _("_Resubmit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resubmit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resubmit", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resubmit");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_object_set_data (G_OBJECT (dialog), "answer", entry);
  g_object_set_data (G_OBJECT (dialog), "review", GSIZE_TO_POINTER ((gsize) self->return_id));
  g_signal_connect (entry, "changed", G_CALLBACK (answer_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (resubmit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
resubmit_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wx_order_panel_resubmit (WX_ORDER_PANEL (widget));
}

static void
amend_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  wx_order_panel_amend (WX_ORDER_PANEL (widget));
}

static void
resend_message_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WxOrderPanel *self = WX_ORDER_PANEL (widget);

  wx_db_message_resend_async (self->worker, g_variant_get_int64 (parameter), self->cancellable,
                              written_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_order_panel_dispose (GObject *object)
{
  WxOrderPanel *self = WX_ORDER_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_ORDER_PANEL);
  G_OBJECT_CLASS (wx_order_panel_parent_class)->dispose (object);
}

static void
wx_order_panel_finalize (GObject *object)
{
  WxOrderPanel *self = WX_ORDER_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_free (self->number);
  g_free (self->login);
  g_string_free (self->timeline, TRUE);
  g_string_free (self->payments, TRUE);
  g_hash_table_unref (self->amendable);
  G_OBJECT_CLASS (wx_order_panel_parent_class)->finalize (object);
}

static void
wx_order_panel_class_init (WxOrderPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_order_panel_dispose;
  object_class->finalize = wx_order_panel_finalize;

  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_STEP_REQUESTED] = g_signal_new ("step-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* @docs: WxPrintDocs */
  signals[SIGNAL_PRINT_REQUESTED] = g_signal_new ("print-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-order-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, number_label);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, steps_box);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, content_box);
  gtk_widget_class_bind_template_child (widget_class, WxOrderPanel, scroller);
  gtk_widget_class_install_action (widget_class, "panel.print", "u", print_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.amend", NULL, amend_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.payment", NULL, payment_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.resend-message", "x", resend_message_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.refund", NULL, refund_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.write-off", NULL, write_off_action_cb);
  gtk_widget_class_install_action (widget_class, "panel.resubmit", NULL, resubmit_action_cb);
}

static void
wx_order_panel_init (WxOrderPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->timeline = g_string_new (NULL);
  self->payments = g_string_new (NULL);
  self->amendable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.amend", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.payment", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.refund", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.write-off", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.resubmit", FALSE);
}

WxOrderPanel *
wx_order_panel_new (WxDbWorker *worker)
{
  WxOrderPanel *self = g_object_new (WX_TYPE_ORDER_PANEL, NULL);

  self->worker = g_object_ref (worker);
  return self;
}

void
wx_order_panel_set_roles (WxOrderPanel *self,
                          WxRole        roles)
{
  g_return_if_fail (WX_IS_ORDER_PANEL (self));
  self->roles = roles;
}

void
wx_order_panel_set_login (WxOrderPanel *self,
                          const char   *login)
{
  g_return_if_fail (WX_IS_ORDER_PANEL (self));
  g_free (self->login);
  self->login = g_strdup (login);
}

const char *
wx_order_panel_get_number (WxOrderPanel *self)
{
  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  return self->number;
}

WxOrderState
wx_order_panel_get_state (WxOrderPanel *self)
{
  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), 0);
  return self->state;
}

int
wx_order_panel_get_version (WxOrderPanel *self)
{
  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), 0);
  return self->version;
}

char *
wx_order_panel_dup_timeline (WxOrderPanel *self)
{
  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  return g_strdup (self->timeline->str);
}

char *
wx_order_panel_dup_payments (WxOrderPanel *self)
{
  g_return_val_if_fail (WX_IS_ORDER_PANEL (self), NULL);
  return g_strdup (self->payments->str);
}

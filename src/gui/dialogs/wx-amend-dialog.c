/* wx-amend-dialog.c — correcting an order's details after intake. */
#define G_LOG_DOMAIN "wx-amend-dialog"

#include <glib/gi18n.h>

#include "core/wx-fields.h"
#include "core/wx-intake.h"
#include "db/wx-db-intake.h"
#include "wx-amend-dialog.h"
#include "wx-dialog-fields.h"

struct _WxAmendDialog
{
  WxOrderDialog   parent_instance;

  AdwWindowTitle *title;
  GtkGrid        *grid;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;

  int             version;
  GHashTable     *before;     /* column → the value shown when opened */
  GHashTable     *fields;     /* column → its entry (or text view) */
  GHashTable     *messages;   /* column → the label under it */
};

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WxAmendDialog, wx_amend_dialog, WX_TYPE_ORDER_DIALOG)

static void
clear_messages (WxAmendDialog *self)
{
  GHashTableIter iter;
  gpointer label;

  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, NULL, &label))
    wx_dialog_set_message (label, NULL);
  wx_dialog_set_message (self->error_label, NULL);
}

/* `message` under the field of `column` (else at the bottom), the cursor there. */
static void
show_error (WxAmendDialog *self,
            const char    *column,
            const char    *message)
{
  GtkLabel *label = column ? g_hash_table_lookup (self->messages, column) : NULL;
  GtkWidget *field = column ? g_hash_table_lookup (self->fields, column) : NULL;

  wx_dialog_set_message (label ? label : self->error_label, message);
  if (field)
    gtk_widget_grab_focus (field);
}

gboolean
wx_amend_dialog_set_value (WxAmendDialog *self,
                           const char    *column,
                           const char    *value)
{
  GtkWidget *field;

  g_return_val_if_fail (WX_IS_AMEND_DIALOG (self), FALSE);
  field = g_hash_table_lookup (self->fields, column);
  return field && wx_dialog_field_set (field, NULL, value ? value : "");
}

const char *
wx_amend_dialog_get_message (WxAmendDialog *self,
                             const char    *column)
{
  GtkWidget *label;

  g_return_val_if_fail (WX_IS_AMEND_DIALOG (self), "");
  label = column ? g_hash_table_lookup (self->messages, column) : GTK_WIDGET (self->error_label);
  return label && gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* ------------------------------------------------------------ saving */

static void
amended_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WxAmendDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  int version = 0;
  gboolean ok = wx_db_order_amend_finish (WX_DB_WORKER (source), result, &version, &error);

  wx_order_dialog_set_busy (WX_ORDER_DIALOG (self), FALSE);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, version);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
wx_amend_dialog_save (WxAmendDialog *self)
{
  g_autoptr(GHashTable) changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *column;

  g_return_if_fail (WX_IS_AMEND_DIALOG (self));
  if (wx_order_dialog_get_busy (WX_ORDER_DIALOG (self)))
    return;
  clear_messages (self);
  /* Only what was changed, each checked at its field. */
  for (guint i = 0; (column = wx_order_amendable_nth (i)); i++)
    {
      g_autofree char *now = wx_dialog_field_get (g_hash_table_lookup (self->fields, column), NULL);
      g_autofree char *was = g_strstrip (g_strdup (g_hash_table_lookup (self->before, column)));
      g_autoptr(GError) error = NULL;

      if (g_str_equal (now, was))
        continue;
      if (!wx_order_amend_check (column, now, &error))
        {
          show_error (self, column, error->message);
          return;
        }
      g_hash_table_insert (changes, (gpointer) column, g_steal_pointer (&now));
    }
  if (g_hash_table_size (changes) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  wx_order_dialog_set_busy (WX_ORDER_DIALOG (self), TRUE);
  wx_db_order_amend_async (wx_order_dialog_get_worker (WX_ORDER_DIALOG (self)),
                           wx_order_dialog_get_number (WX_ORDER_DIALOG (self)), self->version, changes,
                           wx_order_dialog_get_cancellable (WX_ORDER_DIALOG (self)), amended_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wx_amend_dialog_save (WX_AMEND_DIALOG (widget));
}

/* ------------------------------------------------------------ class */

static void
wx_amend_dialog_finalize (GObject *object)
{
  WxAmendDialog *self = WX_AMEND_DIALOG (object);

  g_clear_pointer (&self->before, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  G_OBJECT_CLASS (wx_amend_dialog_parent_class)->finalize (object);
}

static void
wx_amend_dialog_class_init (WxAmendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wx_amend_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-amend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WxAmendDialog, title);
  gtk_widget_class_bind_template_child (widget_class, WxAmendDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, WxAmendDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxAmendDialog, spinner);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "amend.save", NULL, save_action_cb);
  /* saved (the order's new version) */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
wx_amend_dialog_init (WxAmendDialog *self)
{
  const char *column;
  int rows = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; (column = wx_order_amendable_nth (i)); i++)
    {
      GtkLabel *message = wx_dialog_message_new ();
      GtkWidget *frame = NULL;
      GtkWidget *field = g_str_equal (column, "remarks") ? wx_dialog_text_view_new (60, &frame) : gtk_entry_new ();

      if (GTK_IS_ENTRY (field))
        gtk_entry_set_activates_default (GTK_ENTRY (field), TRUE);
      gtk_widget_set_name (field, column);
      wx_dialog_grid_add_row (self->grid, &rows, wx_field_label (column), frame ? frame : field, field, message);
      g_hash_table_insert (self->fields, (gpointer) column, field);
      g_hash_table_insert (self->messages, (gpointer) column, message);
    }
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), WX_TYPE_AMEND_DIALOG, "save_button")));
}

WxAmendDialog *
wx_amend_dialog_new (GtkWindow  *parent,
                     WxDbWorker *worker,
                     const char *number,
                     int         version,
                     GHashTable *values)
{
  WxAmendDialog *self = g_object_new (WX_TYPE_AMEND_DIALOG, "transient-for", parent, NULL);
  const char *column;

  wx_order_dialog_setup (WX_ORDER_DIALOG (self), worker, number, self->title, self->spinner, "amend.save");
  self->version = version;
  for (guint i = 0; (column = wx_order_amendable_nth (i)); i++)
    {
      const char *value = values ? g_hash_table_lookup (values, column) : NULL;

      g_hash_table_insert (self->before, g_strdup (column), g_strdup (value ? value : ""));
      wx_dialog_field_set (g_hash_table_lookup (self->fields, column), NULL, value ? value : "");
    }
  return self;
}

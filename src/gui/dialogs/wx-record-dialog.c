#define G_LOG_DOMAIN "wx-record-dialog"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-records.h"
#include "wx-dialog-fields.h"
#include "wx-part-picker.h"
#include "wx-record-dialog.h"

typedef struct
{
  AdwWindowTitle *title;
  GtkSpinner     *spinner;
  GtkLabel       *summary_label;
  GtkGrid        *grid;
  GtkLabel       *error_label;

  WxDbWorker     *worker;
  WxOrder        *order;
  GCancellable   *cancellable;
  GHashTable     *messages;     /* key → GtkLabel */
  WxPartPicker   *picker;
  int             rows;
  gboolean        busy;
} WxRecordDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WxRecordDialog, wx_record_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_FINISHED, SIGNAL_PARTS_FOUND, N_SIGNALS };
static guint signals[N_SIGNALS];

#define PRIV(self) ((WxRecordDialogPrivate *) wx_record_dialog_get_instance_private (WX_RECORD_DIALOG (self)))

void
wx_record_dialog_setup (WxRecordDialog *self,
                        WxDbWorker     *worker,
                        WxOrder        *order,
                        const char     *title)
{
  WxRecordDialogPrivate *priv = PRIV (self);
  const WxOrderData *d = wx_order_get_data (order);
  g_autofree char *summary = NULL;

  priv->worker = g_object_ref (worker);
  priv->order = g_object_ref (order);
  adw_window_title_set_title (priv->title, title);
  adw_window_title_set_subtitle (priv->title, d->number);
  summary = g_strdup_printf (_("%s · %s %s · %s\nReported fault: %s"), d->unit_name, d->product_name, d->model,
                             wx_order_state_label (d->state), d->fault);
  gtk_label_set_text (priv->summary_label, summary);
}

WxDbWorker *
wx_record_dialog_get_worker (WxRecordDialog *self)
{
  return PRIV (self)->worker;
}

WxOrder *
wx_record_dialog_get_order (WxRecordDialog *self)
{
  g_return_val_if_fail (WX_IS_RECORD_DIALOG (self), NULL);
  return PRIV (self)->order;
}

GCancellable *
wx_record_dialog_get_cancellable (WxRecordDialog *self)
{
  return PRIV (self)->cancellable;
}

void
wx_record_dialog_add_row (WxRecordDialog *self,
                          const char     *key,
                          const char     *label,
                          GtkWidget      *widget)
{
  WxRecordDialogPrivate *priv = PRIV (self);

  if (widget == NULL)
    ;   /* a message only */
  else if (label)
    {
      GtkWidget *l = gtk_label_new_with_mnemonic (label);

      gtk_label_set_xalign (GTK_LABEL (l), 1);
      gtk_label_set_yalign (GTK_LABEL (l), 0);
      gtk_widget_set_margin_top (l, 6);
      gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_grid_attach (priv->grid, l, 0, priv->rows, 1, 1);
      gtk_grid_attach (priv->grid, widget, 1, priv->rows++, 1, 1);
    }
  else
    gtk_grid_attach (priv->grid, widget, 0, priv->rows++, 2, 1);
  if (widget)
    gtk_widget_set_hexpand (widget, TRUE);
  if (key)
    {
      GtkLabel *message = wx_dialog_message_new ();

      gtk_grid_attach (priv->grid, GTK_WIDGET (message), 1, priv->rows++, 1, 1);
      g_hash_table_replace (priv->messages, g_strdup (key), message);
    }
}

void
wx_record_dialog_add_heading (WxRecordDialog *self,
                              const char     *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "heading");
  gtk_widget_set_margin_top (l, PRIV (self)->rows ? 12 : 0);
  wx_record_dialog_add_row (self, NULL, NULL, l);
}

void
wx_record_dialog_set_message (WxRecordDialog *self,
                              const char     *key,
                              const char     *text)
{
  WxRecordDialogPrivate *priv = PRIV (self);
  GtkLabel *label = key ? g_hash_table_lookup (priv->messages, key) : NULL;

  wx_dialog_set_message (label ? label : priv->error_label, text);
}

void
wx_record_dialog_clear_messages (WxRecordDialog *self)
{
  WxRecordDialogPrivate *priv = PRIV (self);
  GHashTableIter iter;
  gpointer label;

  g_hash_table_iter_init (&iter, priv->messages);
  while (g_hash_table_iter_next (&iter, NULL, &label))
    wx_dialog_set_message (label, NULL);
  wx_dialog_set_message (priv->error_label, NULL);
}

const char *
wx_record_dialog_get_message (WxRecordDialog *self,
                              const char     *key)
{
  WxRecordDialogPrivate *priv;
  GtkLabel *label;

  g_return_val_if_fail (WX_IS_RECORD_DIALOG (self), NULL);
  priv = PRIV (self);
  label = key ? g_hash_table_lookup (priv->messages, key) : priv->error_label;
  return label ? gtk_label_get_text (label) : "";
}

void
wx_record_dialog_refuse (WxRecordDialog *self,
                         const char     *field,
                         GError         *error)
{
  WxRecordDialogPrivate *priv = PRIV (self);

  if (field && g_hash_table_contains (priv->messages, field))
    {
      wx_record_dialog_set_message (self, field, error->message);
      wx_dialog_set_message (priv->error_label, _("Some fields need to be filled in or corrected."));
    }
  else
    wx_dialog_set_message (priv->error_label, error->message);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
  g_error_free (error);
}

static void
set_busy (WxRecordDialog *self, gboolean busy)
{
  WxRecordDialogPrivate *priv = PRIV (self);

  priv->busy = busy;
  wx_dialog_set_busy (GTK_WIDGET (self), priv->spinner, "record.save", busy);
}

void
wx_record_dialog_saved_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(WxRecordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  wx_db_record_save_finish (WX_DB_WORKER (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error)
    {
      wx_dialog_set_message (PRIV (self)->error_label, error->message);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
wx_record_dialog_saving (WxRecordDialog *self)
{
  g_return_if_fail (WX_IS_RECORD_DIALOG (self));
  set_busy (self, TRUE);
}

static void
results_changed_cb (WxPartPicker *picker, WxRecordDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_PARTS_FOUND], 0);
}

GtkWidget *
wx_record_dialog_add_picker (WxRecordDialog *self)
{
  WxRecordDialogPrivate *priv = PRIV (self);

  g_return_val_if_fail (priv->picker == NULL, NULL);
  priv->picker = WX_PART_PICKER (wx_part_picker_new (priv->worker));
  g_signal_connect (priv->picker, "results-changed", G_CALLBACK (results_changed_cb), self);
  return GTK_WIDGET (priv->picker);
}

void
wx_record_dialog_search_parts (WxRecordDialog *self,
                               const char     *text)
{
  g_return_if_fail (WX_IS_RECORD_DIALOG (self));
  if (PRIV (self)->picker)
    wx_part_picker_search (PRIV (self)->picker, text);
}

gboolean
wx_record_dialog_pick_part (WxRecordDialog *self,
                            const char     *part_number)
{
  g_return_val_if_fail (WX_IS_RECORD_DIALOG (self), FALSE);
  return PRIV (self)->picker && wx_part_picker_pick (PRIV (self)->picker, part_number);
}

void
wx_record_dialog_save (WxRecordDialog *self)
{
  g_return_if_fail (WX_IS_RECORD_DIALOG (self));
  if (PRIV (self)->busy)
    return;
  wx_record_dialog_clear_messages (self);
  WX_RECORD_DIALOG_GET_CLASS (self)->save (self);
}

GtkWidget *
wx_record_dialog_text_view (GtkWidget **frame)
{
  GtkWidget *view = wx_dialog_text_view_new (56, frame);

  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 4);
  return view;
}

char *
wx_record_dialog_text_of (GtkWidget *text_view)
{
  return wx_dialog_field_get (text_view, NULL);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wx_record_dialog_save (WX_RECORD_DIALOG (widget));
}

static void
wx_record_dialog_dispose (GObject *object)
{
  WxRecordDialogPrivate *priv = PRIV (object);

  /* No gtk_widget_dispose_template(): GTK 4.8 looks for the template on
   * the instance's own class, and the subclasses have none. The template's
   * children are the window's and go with it. */
  g_cancellable_cancel (priv->cancellable);
  G_OBJECT_CLASS (wx_record_dialog_parent_class)->dispose (object);
}

static void
wx_record_dialog_finalize (GObject *object)
{
  WxRecordDialogPrivate *priv = PRIV (object);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->worker);
  g_clear_object (&priv->order);
  g_clear_pointer (&priv->messages, g_hash_table_unref);
  G_OBJECT_CLASS (wx_record_dialog_parent_class)->finalize (object);
}

static void
wx_record_dialog_class_init (WxRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_record_dialog_dispose;
  object_class->finalize = wx_record_dialog_finalize;

  /**
   * WxRecordDialog::finished:
   * @error: (nullable): why nothing was saved; NULL when it was
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The catalogue search has its results (wx_record_dialog_search_parts). */
  signals[SIGNAL_PARTS_FOUND] = g_signal_new ("parts-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* What the dialog shows was read from the database. */
  g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/dialogs/wx-record-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, WxRecordDialog, title);
  gtk_widget_class_bind_template_child_private (widget_class, WxRecordDialog, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, WxRecordDialog, summary_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxRecordDialog, grid);
  gtk_widget_class_bind_template_child_private (widget_class, WxRecordDialog, error_label);
  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "record.save", NULL);
}

static void
wx_record_dialog_init (WxRecordDialog *self)
{
  WxRecordDialogPrivate *priv = PRIV (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->cancellable = g_cancellable_new ();
  priv->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

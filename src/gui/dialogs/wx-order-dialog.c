/* wx-order-dialog.c — the base of the dialogs that write one order. */
#define G_LOG_DOMAIN "wx-order-dialog"

#include "wx-dialog-fields.h"
#include "wx-order-dialog.h"

typedef struct
{
  WxDbWorker   *worker;
  char         *number;
  GCancellable *cancellable;
  GtkSpinner   *spinner;       /* the subclass's template child */
  char         *save_action;
  gboolean      busy;
} WxOrderDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WxOrderDialog, wx_order_dialog, ADW_TYPE_WINDOW)

void
wx_order_dialog_setup (WxOrderDialog  *self,
                       WxDbWorker     *worker,
                       const char     *number,
                       AdwWindowTitle *title,
                       GtkSpinner     *spinner,
                       const char     *save_action)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_if_fail (WX_IS_ORDER_DIALOG (self));
  g_return_if_fail (WX_IS_DB_WORKER (worker));
  g_set_object (&priv->worker, worker);
  g_free (priv->number);
  priv->number = g_strdup (number);
  priv->spinner = spinner;
  g_free (priv->save_action);
  priv->save_action = g_strdup (save_action);
  if (title)
    adw_window_title_set_subtitle (title, number);
}

WxDbWorker *
wx_order_dialog_get_worker (WxOrderDialog *self)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_val_if_fail (WX_IS_ORDER_DIALOG (self), NULL);
  return priv->worker;
}

const char *
wx_order_dialog_get_number (WxOrderDialog *self)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_val_if_fail (WX_IS_ORDER_DIALOG (self), NULL);
  return priv->number;
}

GCancellable *
wx_order_dialog_get_cancellable (WxOrderDialog *self)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_val_if_fail (WX_IS_ORDER_DIALOG (self), NULL);
  return priv->cancellable;
}

void
wx_order_dialog_set_busy (WxOrderDialog *self,
                          gboolean       busy)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_if_fail (WX_IS_ORDER_DIALOG (self));
  g_return_if_fail (priv->spinner != NULL && priv->save_action != NULL);
  priv->busy = busy;
  wx_dialog_set_busy (GTK_WIDGET (self), priv->spinner, priv->save_action, busy);
}

gboolean
wx_order_dialog_get_busy (WxOrderDialog *self)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  g_return_val_if_fail (WX_IS_ORDER_DIALOG (self), FALSE);
  return priv->busy;
}

static void
wx_order_dialog_dispose (GObject *object)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (WX_ORDER_DIALOG (object));

  g_cancellable_cancel (priv->cancellable);
  priv->spinner = NULL;
  /* The subclass's template (the dialog's own type). */
  gtk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));
  G_OBJECT_CLASS (wx_order_dialog_parent_class)->dispose (object);
}

static void
wx_order_dialog_finalize (GObject *object)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (WX_ORDER_DIALOG (object));

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->worker);
  g_free (priv->number);
  g_free (priv->save_action);
  G_OBJECT_CLASS (wx_order_dialog_parent_class)->finalize (object);
}

static void
wx_order_dialog_class_init (WxOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wx_order_dialog_dispose;
  object_class->finalize = wx_order_dialog_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wx_order_dialog_init (WxOrderDialog *self)
{
  WxOrderDialogPrivate *priv = wx_order_dialog_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

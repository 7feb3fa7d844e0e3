/* wx-page.c — the base of the supervisor window's pages. */
#define G_LOG_DOMAIN "wx-page"

#include "wx-page.h"

typedef struct
{
  WxDbWorker   *worker;
  GtkSpinner   *spinner;
  GCancellable *load_cancellable;   /* the load running */
  GCancellable *cancellable;        /* the page's life */
  gboolean      requested;          /* a load was started once */
  gboolean      loading;
  gboolean      stale;
} WxPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WxPage, wx_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_OPEN_ORDER, SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_loading (WxPage *self, gboolean loading)
{
  WxPagePrivate *priv = wx_page_get_instance_private (self);

  priv->loading = loading;
  if (priv->spinner)
    gtk_spinner_set_spinning (priv->spinner, loading);
}

static void
loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxPage) self = user_data;
  WxPageClass *klass = WX_PAGE_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  gpointer result = klass->load_finish (self, res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (result && klass->result_free)
        klass->result_free (result);
      return;
    }
  set_loading (self, FALSE);
  if (klass->loaded)
    klass->loaded (self, result, error);
  else if (result && klass->result_free)
    klass->result_free (result);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_page_reload (WxPage *self)
{
  WxPagePrivate *priv;
  WxPageClass *klass;

  g_return_if_fail (WX_IS_PAGE (self));
  priv = wx_page_get_instance_private (self);
  klass = WX_PAGE_GET_CLASS (self);
  if (priv->worker == NULL || klass->load == NULL || klass->load_finish == NULL)
    return;
  priv->requested = TRUE;
  priv->stale = FALSE;
  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  priv->load_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  klass->load (self, priv->worker, priv->load_cancellable, loaded_cb, g_object_ref (self));
}

void
wx_page_mark_stale (WxPage *self)
{
  WxPagePrivate *priv;

  g_return_if_fail (WX_IS_PAGE (self));
  priv = wx_page_get_instance_private (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    wx_page_reload (self);
  else
    priv->stale = TRUE;
}

void
wx_page_set_worker (WxPage *self, WxDbWorker *worker)
{
  WxPagePrivate *priv;

  g_return_if_fail (WX_IS_PAGE (self));
  priv = wx_page_get_instance_private (self);
  if (g_set_object (&priv->worker, worker))
    priv->requested = FALSE;
}

WxDbWorker *
wx_page_get_worker (WxPage *self)
{
  WxPagePrivate *priv;

  g_return_val_if_fail (WX_IS_PAGE (self), NULL);
  priv = wx_page_get_instance_private (self);
  return priv->worker;
}

gboolean
wx_page_get_loading (WxPage *self)
{
  WxPagePrivate *priv;

  g_return_val_if_fail (WX_IS_PAGE (self), FALSE);
  priv = wx_page_get_instance_private (self);
  return priv->loading;
}

void
wx_page_set_spinner (WxPage *self, GtkSpinner *spinner)
{
  WxPagePrivate *priv;

  g_return_if_fail (WX_IS_PAGE (self));
  priv = wx_page_get_instance_private (self);
  priv->spinner = spinner;
}

GCancellable *
wx_page_get_cancellable (WxPage *self)
{
  WxPagePrivate *priv;

  g_return_val_if_fail (WX_IS_PAGE (self), NULL);
  priv = wx_page_get_instance_private (self);
  return priv->cancellable;
}

void
wx_page_open_order (WxPage *self, const char *number)
{
  g_return_if_fail (WX_IS_PAGE (self));
  if (number && *number)
    g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, number);
}

/* ------------------------------------------------------------ writes */

void
wx_page_saved (WxPage *self, const char *what, const GError *error)
{
  g_return_if_fail (WX_IS_PAGE (self));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, what, error);
}

void
wx_page_refused (WxPage *self, const char *what)
{
  g_return_if_fail (WX_IS_PAGE (self));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, what, NULL);
}

/* ------------------------------------------------------------ class */

static void
wx_page_map (GtkWidget *widget)
{
  WxPage *self = WX_PAGE (widget);
  WxPagePrivate *priv = wx_page_get_instance_private (self);

  GTK_WIDGET_CLASS (wx_page_parent_class)->map (widget);
  if (priv->stale || !priv->requested)
    wx_page_reload (self);
}

static void
wx_page_dispose (GObject *object)
{
  WxPage *self = WX_PAGE (object);
  WxPagePrivate *priv = wx_page_get_instance_private (self);
  GtkWidget *child;

  g_cancellable_cancel (priv->load_cancellable);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->load_cancellable);
  g_clear_object (&priv->worker);
  priv->spinner = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wx_page_parent_class)->dispose (object);
}

static void
wx_page_finalize (GObject *object)
{
  WxPagePrivate *priv = wx_page_get_instance_private (WX_PAGE (object));

  g_clear_object (&priv->cancellable);
  G_OBJECT_CLASS (wx_page_parent_class)->finalize (object);
}

static void
wx_page_class_init (WxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_page_dispose;
  object_class->finalize = wx_page_finalize;
  widget_class->map = wx_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* loaded (GError or NULL): the page's load ended */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* open-order (number): the page asks to see an order */
  signals[SIGNAL_OPEN_ORDER] = g_signal_new ("open-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* saved (what, GError or NULL): a write ended, or was refused before it started */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
wx_page_init (WxPage *self)
{
  WxPagePrivate *priv = wx_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

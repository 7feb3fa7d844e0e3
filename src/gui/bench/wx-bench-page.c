#define G_LOG_DOMAIN "wx-bench-page"

#include <glib/gi18n.h>

#include "db/wx-db-worker.h"
#include "wx-bench-page.h"

typedef struct
{
  WxBoardSession *session;
  gboolean        busy;
  gboolean        again;
} WxBenchPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WxBenchPage, wx_bench_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_NOTICE, SIGNAL_OPEN_ORDER, N_SIGNALS };
static guint signals[N_SIGNALS];

void
wx_bench_page_set_session (WxBenchPage    *self,
                           WxBoardSession *session)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  g_return_if_fail (WX_IS_BENCH_PAGE (self));
  g_set_object (&priv->session, session);
}

WxBoardSession *
wx_bench_page_get_session (WxBenchPage *self)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  g_return_val_if_fail (WX_IS_BENCH_PAGE (self), NULL);
  return priv->session;
}

const char *
wx_bench_page_get_login (WxBenchPage *self)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  g_return_val_if_fail (WX_IS_BENCH_PAGE (self), NULL);
  return priv->session ? wx_shop_context_get_login (wx_board_session_get_context (priv->session)) : NULL;
}

void
wx_bench_page_reload (WxBenchPage *self)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  g_return_if_fail (WX_IS_BENCH_PAGE (self));
  if (wx_bench_page_get_login (self) == NULL)
    return;
  if (priv->busy)
    {
      priv->again = TRUE;
      return;
    }
  priv->busy = TRUE;
  priv->again = FALSE;
  WX_BENCH_PAGE_GET_CLASS (self)->load (self);
}

gboolean
wx_bench_page_load_done (WxBenchPage  *self,
                         const GError *error,
                         const char   *what)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  priv->busy = FALSE;
  if (error)
    {
      /* TRANSLATORS: what could not be loaded ("my work", "the work log"), and why */
      g_autofree char *text = g_strdup_printf (_("Cannot load %s: %s"), what, error->message);
      wx_bench_page_notice (self, text, TRUE);
    }
  return TRUE;
}

void
wx_bench_page_load_next (WxBenchPage *self)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (self);

  if (priv->again)
    wx_bench_page_reload (self);
  else
    g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
wx_bench_page_notice (WxBenchPage *self,
                      const char  *text,
                      gboolean     is_error)
{
  g_return_if_fail (WX_IS_BENCH_PAGE (self));
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, text, is_error);
}

void
wx_bench_page_open_order (WxBenchPage *self,
                          const char  *number)
{
  g_return_if_fail (WX_IS_BENCH_PAGE (self));
  g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, number);
}

GtkWidget *
wx_bench_page_padded_row (GtkWidget *box)
{
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

void
wx_bench_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
wx_bench_page_dispose (GObject *object)
{
  WxBenchPagePrivate *priv = wx_bench_page_get_instance_private (WX_BENCH_PAGE (object));
  GtkWidget *child;

  g_clear_object (&priv->session);
  /* A GtkWidget holds its children itself: a page's template root (without
   * an id, which gtk_widget_dispose_template leaves) goes with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wx_bench_page_parent_class)->dispose (object);
}

static void
wx_bench_page_class_init (WxBenchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_bench_page_dispose;

  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[SIGNAL_OPEN_ORDER] = g_signal_new ("open-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wx_bench_page_init (WxBenchPage *self)
{
}

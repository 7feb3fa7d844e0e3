/* wx-list-page.c — a supervisor page that is a list and a side form. */
#define G_LOG_DOMAIN "wx-supervisor"

#include "wx-list-page.h"

typedef struct
{
  GtkLabel         *error_label;
  GtkSpinner       *spinner;
  GtkListBox       *list;
  GtkLabel         *selected_label;
  GtkLabel         *detail_label;
  GtkGrid          *form_grid;
  GtkLabel         *message_label;

  GPtrArray        *items;
  gint64            selected;
  WxSupervisorForm *form;
} WxListPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WxListPage, wx_list_page, WX_TYPE_PAGE)

#define PRIV(self) ((WxListPagePrivate *) wx_list_page_get_instance_private (WX_LIST_PAGE (self)))

/* ------------------------------------------------------------ accessors */

GPtrArray *
wx_list_page_get_items (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return PRIV (self)->items;
}

/* The row of `id`; its index is its item's. */
static GtkListBoxRow *
find_row (WxListPage *self, gint64 id)
{
  GtkListBox *list = PRIV (self)->list;

  if (id == 0 || list == NULL)   /* none, or the page is going */
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && wx_supervisor_row_id (GTK_LIST_BOX_ROW (row)) == id)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

gconstpointer
wx_list_page_find (WxListPage *self, gint64 id)
{
  WxListPagePrivate *priv = PRIV (self);
  GtkListBoxRow *row = find_row (self, id);
  int i = row ? gtk_list_box_row_get_index (row) : -1;

  return i >= 0 && priv->items && (guint) i < priv->items->len ? g_ptr_array_index (priv->items, i) : NULL;
}

gint64
wx_list_page_get_selected (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), 0);
  return PRIV (self)->selected;
}

void
wx_list_page_set_selected (WxListPage *self, gint64 id)
{
  g_return_if_fail (WX_IS_LIST_PAGE (self));
  PRIV (self)->selected = id;
}

gconstpointer
wx_list_page_get_selected_item (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return wx_list_page_find (self, PRIV (self)->selected);
}

WxSupervisorForm *
wx_list_page_get_form (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return PRIV (self)->form;
}

gboolean
wx_list_page_set_value (WxListPage *self, const char *key, const char *value)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), FALSE);
  return wx_supervisor_form_set (PRIV (self)->form, key, value);
}

GtkGrid *
wx_list_page_get_form_grid (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return PRIV (self)->form_grid;
}

GtkListBox *
wx_list_page_get_list (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return PRIV (self)->list;
}

void
wx_list_page_show_text (WxListPage *self, const char *title, const char *detail)
{
  WxListPagePrivate *priv = PRIV (self);

  gtk_label_set_text (priv->selected_label, title ? title : "");
  gtk_label_set_text (priv->detail_label, detail ? detail : "");
}

void
wx_list_page_set_message (WxListPage *self, const char *text, gboolean error)
{
  GtkWidget *label = GTK_WIDGET (PRIV (self)->message_label);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  if (error)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

const char *
wx_list_page_get_message (WxListPage *self)
{
  g_return_val_if_fail (WX_IS_LIST_PAGE (self), NULL);
  return gtk_label_get_text (PRIV (self)->message_label);
}

void
wx_list_page_refresh_selected (WxListPage *self)
{
  WX_LIST_PAGE_GET_CLASS (self)->show (self, wx_list_page_get_selected_item (self));
}

/* ------------------------------------------------------------ loading */

static void
wx_list_page_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxListPage *self = WX_LIST_PAGE (page);
  WxListPagePrivate *priv = PRIV (self);
  WxListPageClass *klass = WX_LIST_PAGE_GET_CLASS (self);
  GtkListBoxRow *keep = NULL;

  gtk_label_set_text (priv->error_label, error ? error->message : "");
  if (result == NULL)
    return;
  g_clear_pointer (&priv->items, g_ptr_array_unref);
  priv->items = result;
  wx_supervisor_list_clear (priv->list);
  for (guint i = 0; i < priv->items->len; i++)
    {
      gconstpointer item = g_ptr_array_index (priv->items, i);
      GtkWidget *row = klass->item_row (self, item);

      gtk_list_box_append (priv->list, row);
      if (wx_supervisor_row_id (GTK_LIST_BOX_ROW (row)) == priv->selected)
        keep = GTK_LIST_BOX_ROW (row);
    }
  if (keep)
    gtk_list_box_select_row (priv->list, keep);
  else
    priv->selected = 0;
  wx_list_page_refresh_selected (self);
}

/* ------------------------------------------------------------ actions */

static void
select_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxListPage *self = WX_LIST_PAGE (widget);
  WxListPagePrivate *priv = PRIV (self);
  gint64 id = g_variant_get_int64 (parameter);

  if (id != priv->selected)
    {
      if (WX_LIST_PAGE_GET_CLASS (self)->clear_form_on_select)
        wx_supervisor_form_clear (priv->form);
      wx_list_page_set_message (self, "", FALSE);
    }
  priv->selected = wx_list_page_find (self, id) ? id : 0;
  if (priv->selected)
    gtk_list_box_select_row (priv->list, find_row (self, priv->selected));
  else
    gtk_list_box_unselect_all (priv->list);
  wx_list_page_refresh_selected (self);
}

static void
reload_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_page_reload (WX_PAGE (widget));
}

static void
open_order_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxListPage *self = WX_LIST_PAGE (widget);
  GtkListBoxRow *row = find_row (self, PRIV (self)->selected);

  if (row)
    wx_page_open_order (WX_PAGE (self), wx_supervisor_row_order (row));
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, WxListPage *self)
{
  gint64 id = wx_supervisor_row_id (row);
  g_autofree char *select = g_strconcat (WX_LIST_PAGE_GET_CLASS (self)->prefix, ".select", NULL);

  if (row && id != PRIV (self)->selected)
    gtk_widget_activate_action (GTK_WIDGET (self), select, "x", id);
}

/* ------------------------------------------------------------ class */

void
wx_list_page_class_setup (WxListPageClass *klass,
                          const char      *ui_file,
                          const char      *prefix,
                          void           (*load)        (WxPage *, WxDbWorker *, GCancellable *,
                                                         GAsyncReadyCallback, gpointer),
                          gpointer       (*load_finish) (WxPage *, GAsyncResult *, GError **),
                          GtkWidget     *(*item_row)    (WxListPage *, gconstpointer),
                          void           (*show)        (WxListPage *, gconstpointer))
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autofree char *resource = g_strconcat ("/org/weixiu/Weixiu/supervisor/", ui_file, NULL);
  g_autofree char *reload_name = g_strconcat (prefix, ".reload", NULL);
  g_autofree char *select_name = g_strconcat (prefix, ".select", NULL);
  g_autofree char *open_name = g_strconcat (prefix, ".open-order", NULL);

  WX_PAGE_CLASS (klass)->load = load;
  WX_PAGE_CLASS (klass)->load_finish = load_finish;
  klass->item_row = item_row;
  klass->show = show;
  klass->prefix = g_intern_string (prefix);
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, error_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, list);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, selected_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, detail_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, form_grid);
  gtk_widget_class_bind_template_child_private (widget_class, WxListPage, message_label);
  gtk_widget_class_install_action (widget_class, reload_name, NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, select_name, "x", select_action_cb);
  gtk_widget_class_install_action (widget_class, open_name, NULL, open_order_action_cb);
}

void
wx_list_page_init_template (WxListPage *self)
{
  WxListPagePrivate *priv = PRIV (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->form = wx_supervisor_form_new (priv->form_grid);
  wx_page_set_spinner (WX_PAGE (self), priv->spinner);
  g_signal_connect (priv->list, "row-selected", G_CALLBACK (row_selected_cb), self);
}

static void
wx_list_page_dispose (GObject *object)
{
  WxListPagePrivate *priv = PRIV (object);

  g_clear_pointer (&priv->form, wx_supervisor_form_free);
  g_clear_pointer (&priv->items, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_list_page_parent_class)->dispose (object);
}

static void
wx_list_page_class_init (WxListPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wx_list_page_dispose;
  WX_PAGE_CLASS (klass)->result_free = (GDestroyNotify) g_ptr_array_unref;
  WX_PAGE_CLASS (klass)->loaded = wx_list_page_loaded;
  klass->clear_form_on_select = TRUE;
}

static void
wx_list_page_init (WxListPage *self)
{
}

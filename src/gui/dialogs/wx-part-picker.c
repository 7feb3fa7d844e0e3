#define G_LOG_DOMAIN "wx-part-picker"

#include <glib/gi18n.h>

#include "wx-part-picker.h"

#define MAX_HITS 8

struct _WxPartPicker
{
  GtkBox        parent_instance;

  GtkWidget    *entry;
  GtkListBox   *list;
  WxDbWorker   *worker;
  GPtrArray    *hits;        /* WxCatalogPart, as listed */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WxPartPicker, wx_part_picker, GTK_TYPE_BOX)

enum { SIGNAL_PICKED, SIGNAL_RESULTS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
hit_row (const WxCatalogPart *p)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *number = gtk_label_new (p->part_number);
  GtkWidget *name = gtk_label_new (p->name);
  g_autofree char *yuan = wx_money_format_yuan (p->unit_price);
  GtkWidget *price = gtk_label_new (yuan);
  g_autofree char *stock_text = p->stock > 0
    ? g_strdup_printf (ngettext ("%d in stock", "%d in stock", p->stock), p->stock)
    : g_strdup (_("out of stock"));
  GtkWidget *stock = gtk_label_new (stock_text);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_width_chars (GTK_LABEL (number), 14);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "monospace");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (stock, p->stock > 0 ? "success" : "error");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), price);
  gtk_box_append (GTK_BOX (box), stock);
  return box;
}

static void
searched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxPartPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = wx_db_parts_search_finish (WX_DB_WORKER (source), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = hits ? g_steal_pointer (&hits) : g_ptr_array_new ();
  for (guint i = 0; i < self->hits->len; i++)
    gtk_list_box_append (self->list, hit_row (g_ptr_array_index (self->hits, i)));
  if (error)
    {
      GtkWidget *l = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_widget_add_css_class (l, "error");
      gtk_list_box_append (self->list, l);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL);
  g_signal_emit (self, signals[SIGNAL_RESULTS_CHANGED], 0);
}

void
wx_part_picker_search (WxPartPicker *self,
                       const char   *text)
{
  g_return_if_fail (WX_IS_PART_PICKER (self));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);   /* search-changed follows */
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (!*text)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
        gtk_list_box_remove (self->list, child);
      g_clear_pointer (&self->hits, g_ptr_array_unref);
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      g_signal_emit (self, signals[SIGNAL_RESULTS_CHANGED], 0);
      return;
    }
  wx_db_parts_search_async (self->worker, text, MAX_HITS, self->cancellable, searched_cb, g_object_ref (self));
}

static void
search_changed_cb (GtkSearchEntry *entry, WxPartPicker *self)
{
  wx_part_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

guint
wx_part_picker_get_n_results (WxPartPicker *self)
{
  g_return_val_if_fail (WX_IS_PART_PICKER (self), 0);
  return self->hits ? self->hits->len : 0;
}

static void
pick_index (WxPartPicker *self, guint i)
{
  WxCatalogPart *p = g_ptr_array_index (self->hits, i);

  g_signal_emit (self, signals[SIGNAL_PICKED], 0, p);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

gboolean
wx_part_picker_pick (WxPartPicker *self,
                     const char   *part_number)
{
  g_return_val_if_fail (WX_IS_PART_PICKER (self), FALSE);
  for (guint i = 0; self->hits && i < self->hits->len; i++)
    if (g_str_equal (((WxCatalogPart *) g_ptr_array_index (self->hits, i))->part_number, part_number))
      {
        pick_index (self, i);
        return TRUE;
      }
  return FALSE;
}

static void
row_activated_cb (GtkListBox *list, GtkListBoxRow *row, WxPartPicker *self)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->hits && i >= 0 && (guint) i < self->hits->len)
    pick_index (self, (guint) i);
}

static void
wx_part_picker_dispose (GObject *object)
{
  WxPartPicker *self = WX_PART_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (wx_part_picker_parent_class)->dispose (object);
}

static void
wx_part_picker_finalize (GObject *object)
{
  WxPartPicker *self = WX_PART_PICKER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_part_picker_parent_class)->finalize (object);
}

static void
wx_part_picker_class_init (WxPartPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wx_part_picker_dispose;
  object_class->finalize = wx_part_picker_finalize;
  /**
   * WxPartPicker::picked:
   * @part: (type gpointer): the WxCatalogPart chosen, valid during the emission
   */
  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_RESULTS_CHANGED] = g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wx_part_picker_init (WxPartPicker *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  self->entry = gtk_search_entry_new ();
  g_object_set (self->entry, "placeholder-text", _("Find a part by number or name…"), NULL);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  gtk_box_append (GTK_BOX (self), self->entry);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
wx_part_picker_new (WxDbWorker *worker)
{
  WxPartPicker *self = g_object_new (WX_TYPE_PART_PICKER, NULL);

  self->worker = g_object_ref (worker);
  return GTK_WIDGET (self);
}

#define G_LOG_DOMAIN "wx-supervisor"

#include <glib/gi18n.h>

#include "gui/dialogs/wx-dialog-fields.h"
#include "wx-supervisor-form.h"

struct _WxSupervisorForm {
  GtkGrid    *grid;
  int         rows;
  GHashTable *widgets;   /* key → GtkWidget */
  GHashTable *codes;     /* key → GPtrArray of a choice's codes */
};

WxSupervisorForm *
wx_supervisor_form_new (GtkGrid *grid)
{
  WxSupervisorForm *form = g_new0 (WxSupervisorForm, 1);

  form->grid = grid;
  form->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  return form;
}

void
wx_supervisor_form_free (WxSupervisorForm *form)
{
  if (form == NULL)
    return;
  g_hash_table_unref (form->widgets);
  g_hash_table_unref (form->codes);
  g_free (form);
}

GtkWidget *
wx_supervisor_form_add (WxSupervisorForm *form, const char *key, const char *label, const char *kind,
                        const char *choices)
{
  GtkWidget *widget;
  GtkWidget *shown;

  if (g_str_equal (kind, "check"))
    {
      widget = shown = gtk_check_button_new_with_mnemonic (label);
      label = NULL;
    }
  else if (g_str_equal (kind, "text"))
    widget = wx_dialog_text_view_new (60, &shown);
  else if (choices)
    {
      GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
      widget = shown = wx_dialog_choice_new (choices, codes);
      g_hash_table_insert (form->codes, g_strdup (key), codes);
    }
  else
    widget = shown = gtk_entry_new ();
  gtk_widget_set_name (widget, key);
  wx_dialog_grid_add_row (form->grid, &form->rows, label, shown, widget, NULL);
  g_hash_table_insert (form->widgets, g_strdup (key), widget);
  return widget;
}

char *
wx_supervisor_form_get (WxSupervisorForm *form, const char *key)
{
  GtkWidget *widget = g_hash_table_lookup (form->widgets, key);

  g_return_val_if_fail (widget != NULL, g_strdup (""));
  return wx_dialog_field_get (widget, g_hash_table_lookup (form->codes, key));
}

gboolean
wx_supervisor_form_set (WxSupervisorForm *form, const char *key, const char *value)
{
  GtkWidget *widget = g_hash_table_lookup (form->widgets, key);

  g_return_val_if_fail (widget != NULL, FALSE);
  return wx_dialog_field_set (widget, g_hash_table_lookup (form->codes, key), value);
}

void
wx_supervisor_form_clear (WxSupervisorForm *form)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, form->widgets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GPtrArray *codes = g_hash_table_lookup (form->codes, key);
      wx_supervisor_form_set (form, key, codes && codes->len ? g_ptr_array_index (codes, 0) : "");
    }
}

GtkWidget *
wx_supervisor_row_new (gint64 id, const char *title, const char *detail, gboolean alert)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (title);
  GtkWidget *second = gtk_label_new (detail);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_label_set_xalign (GTK_LABEL (second), 0);
  gtk_label_set_ellipsize (GTK_LABEL (first), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (second), TRUE);
  gtk_widget_add_css_class (first, "heading");
  gtk_widget_add_css_class (second, "dim-label");
  if (alert)
    gtk_widget_add_css_class (first, "error");
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "wx-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

gint64
wx_supervisor_row_id (GtkListBoxRow *row)
{
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "wx-id") : NULL;

  return id ? *id : 0;
}

void
wx_supervisor_list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* ------------------------------------------------------------ the pages' shared part */

void
wx_supervisor_page_class_setup (GtkWidgetClass              *widget_class,
                                const char                  *ui_file,
                                gssize                       offset,
                                const char                  *prefix,
                                GtkWidgetActionActivateFunc  reload,
                                GtkWidgetActionActivateFunc  select,
                                GtkWidgetActionActivateFunc  open_order,
                                guint                        signals[2])
{
  static const struct { const char *id; gssize at; } children[] = {
    { "error_label",    G_STRUCT_OFFSET (WxSupervisorPart, error_label) },
    { "spinner",        G_STRUCT_OFFSET (WxSupervisorPart, spinner) },
    { "list",           G_STRUCT_OFFSET (WxSupervisorPart, list) },
    { "selected_label", G_STRUCT_OFFSET (WxSupervisorPart, selected_label) },
    { "detail_label",   G_STRUCT_OFFSET (WxSupervisorPart, detail_label) },
    { "form_grid",      G_STRUCT_OFFSET (WxSupervisorPart, form_grid) },
    { "message_label",  G_STRUCT_OFFSET (WxSupervisorPart, message_label) },
  };
  g_autofree char *resource = g_strconcat ("/org/weixiu/Weixiu/supervisor/", ui_file, NULL);
  g_autofree char *reload_name = g_strconcat (prefix, ".reload", NULL);
  g_autofree char *select_name = g_strconcat (prefix, ".select", NULL);
  g_autofree char *open_name = g_strconcat (prefix, ".open-order", NULL);
  GType type = G_TYPE_FROM_CLASS (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].id, FALSE, offset + children[i].at);
  gtk_widget_class_install_action (widget_class, reload_name, NULL, reload);
  gtk_widget_class_install_action (widget_class, select_name, "x", select);
  gtk_widget_class_install_action (widget_class, open_name, NULL, open_order);
  signals[0] = g_signal_new ("loaded", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[1] = g_signal_new ("open-order", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, GtkWidget *page)
{
  WxSupervisorPart *part = g_object_get_data (G_OBJECT (page), "wx-supervisor-part");
  const char *prefix = g_object_get_data (G_OBJECT (page), "wx-supervisor-prefix");
  gint64 id = wx_supervisor_row_id (row);
  g_autofree char *select = g_strconcat (prefix, ".select", NULL);

  if (row && id != part->selected)
    gtk_widget_activate_action (page, select, "x", id);
}

void
wx_supervisor_page_init (GtkWidget *page, WxSupervisorPart *part, const char *prefix)
{
  part->form = wx_supervisor_form_new (part->form_grid);
  g_object_set_data (G_OBJECT (page), "wx-supervisor-part", part);
  g_object_set_data (G_OBJECT (page), "wx-supervisor-prefix", (gpointer) prefix);
  g_signal_connect (part->list, "row-selected", G_CALLBACK (row_selected_cb), page);
}

void
wx_supervisor_page_dispose (GtkWidget *page, WxSupervisorPart *part, GType type)
{
  GtkWidget *child;

  g_cancellable_cancel (part->cancellable);
  g_clear_object (&part->cancellable);
  g_clear_object (&part->worker);
  g_clear_pointer (&part->form, wx_supervisor_form_free);
  g_clear_pointer (&part->items, g_ptr_array_unref);
  gtk_widget_dispose_template (page, type);
  while ((child = gtk_widget_get_first_child (page)))
    gtk_widget_unparent (child);
}

void
wx_supervisor_page_message (WxSupervisorPart *part, const char *text, gboolean error)
{
  gtk_label_set_text (part->message_label, text ? text : "");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (part->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (part->message_label), "error");
}

typedef struct {
  GtkWidget        *page;
  WxSupervisorPart *part;
  void            (*filled) (GtkWidget *page);
  guint             loaded_signal;
} Reload;

static void
loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Reload *r = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = wx_db_worker_run_finish (WX_DB_WORKER (source), res, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_spinner_set_spinning (r->part->spinner, FALSE);
      gtk_label_set_text (r->part->error_label, error ? error->message : "");
      if (items)
        {
          g_clear_pointer (&r->part->items, g_ptr_array_unref);
          r->part->items = items;
          r->filled (r->page);
        }
      g_signal_emit (r->page, r->loaded_signal, 0, error);
    }
  g_free (r);
}

void
wx_supervisor_page_reload (GtkWidget *page, WxSupervisorPart *part, WxDbJob job,
                           void (*filled) (GtkWidget *page), guint loaded_signal)
{
  Reload *r;

  if (part->worker == NULL)
    return;
  r = g_new0 (Reload, 1);
  r->page = page;
  r->part = part;
  r->filled = filled;
  r->loaded_signal = loaded_signal;
  g_cancellable_cancel (part->cancellable);
  g_clear_object (&part->cancellable);
  part->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (part->spinner, TRUE);
  wx_db_worker_read_async (part->worker, job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           part->cancellable, loaded_cb, r);
}

void
wx_supervisor_page_select_row (WxSupervisorPart *part, gint64 id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (part->list)); row; row = gtk_widget_get_next_sibling (row))
    if (id && GTK_IS_LIST_BOX_ROW (row) && wx_supervisor_row_id (GTK_LIST_BOX_ROW (row)) == id)
      gtk_list_box_select_row (part->list, GTK_LIST_BOX_ROW (row));
}

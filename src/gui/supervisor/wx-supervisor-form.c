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

GtkWidget *
wx_supervisor_form_get_widget (WxSupervisorForm *form, const char *key)
{
  return g_hash_table_lookup (form->widgets, key);
}

void
wx_supervisor_form_set_shown (WxSupervisorForm *form, const char *key, gboolean shown)
{
  GtkWidget *cell = g_hash_table_lookup (form->widgets, key);
  int row, height;

  g_return_if_fail (cell != NULL);
  while (gtk_widget_get_parent (cell) != GTK_WIDGET (form->grid))
    cell = gtk_widget_get_parent (cell);
  gtk_grid_query_child (form->grid, cell, NULL, &row, NULL, &height);
  /* Every cell of its rows: the label, the field, its message. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (form->grid)); c; c = gtk_widget_get_next_sibling (c))
    {
      int r, h;

      gtk_grid_query_child (form->grid, c, NULL, &r, NULL, &h);
      if (r < row || r >= row + height)
        continue;
      gtk_widget_set_visible (c, shown);
    }
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
wx_supervisor_row_new (gint64 id, const char *order_number, const char *title, const char *detail, gboolean alert)
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
  g_object_set_data_full (G_OBJECT (row), "wx-order", g_strdup (order_number), g_free);
  return row;
}

gint64
wx_supervisor_row_id (GtkListBoxRow *row)
{
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "wx-id") : NULL;

  return id ? *id : 0;
}

const char *
wx_supervisor_row_order (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "wx-order") : NULL;
}

void
wx_supervisor_list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

#define G_LOG_DOMAIN "wx-form-rows"

#include "wx-form-rows.h"

static GtkLabel *
line_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

void
wx_form_say (GtkLabel   *line,
             const char *text,
             gboolean    is_error)
{
  gtk_label_set_text (line, text ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (line), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (line), "error");
  gtk_widget_set_visible (GTK_WIDGET (line), text && *text);
}

const char *
wx_form_said (GtkLabel *line)
{
  return gtk_widget_get_visible (GTK_WIDGET (line)) ? gtk_label_get_text (line) : "";
}

GtkListBox *
wx_form_section (GtkBox      *column,
                 const char  *title,
                 const char  *note,
                 const char  *button_label,
                 const char  *action,
                 GtkLabel   **status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *footer = gtk_center_box_new ();
  GtkLabel *line = line_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  if (note)
    {
      GtkWidget *label = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_margin_end (GTK_WIDGET (line), 12);
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (footer), GTK_WIDGET (line));
  if (button_label)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_center_box_set_end_widget (GTK_CENTER_BOX (footer), button);
    }
  gtk_box_append (GTK_BOX (box), footer);
  gtk_box_append (column, box);
  *status = line;
  return GTK_LIST_BOX (list);
}

GtkLabel *
wx_form_row (GtkListBox *list,
             const char *title,
             GtkWidget  *control)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkLabel *error = line_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), control);
  gtk_box_append (GTK_BOX (box), top);
  gtk_widget_add_css_class (GTK_WIDGET (error), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (error));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (list, row);
  return error;
}

#define G_LOG_DOMAIN "wx-part-lines"

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "wx-part-lines.h"

struct _WxPartLines
{
  GtkBox    parent_instance;

  gboolean  with_issue;
};

G_DEFINE_FINAL_TYPE (WxPartLines, wx_part_lines, GTK_TYPE_BOX)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The widgets of a line, in order: name, part number, quantity, price,
 * issue check, remove button; the catalogue id is the row's "part-id". */
typedef struct {
  GtkWidget *name, *number, *quantity, *price, *issue;
} Line;

static Line
line_of (GtkWidget *row)
{
  Line l;

  l.name = gtk_widget_get_first_child (row);
  l.number = gtk_widget_get_next_sibling (l.name);
  l.quantity = gtk_widget_get_next_sibling (l.number);
  l.price = gtk_widget_get_next_sibling (l.quantity);
  l.issue = gtk_widget_get_next_sibling (l.price);
  return l;
}

static void
edited_cb (GtkWidget *widget, WxPartLines *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_cb (GtkButton *button, WxPartLines *self)
{
  gtk_box_remove (GTK_BOX (self), gtk_widget_get_parent (GTK_WIDGET (button)));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
wx_part_lines_add (WxPartLines *self,
                   gint64       part_id,
                   const char  *part_number,
                   const char  *name,
                   int          quantity,
                   WxMoney      unit_price)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = gtk_entry_new ();
  GtkWidget *number = gtk_entry_new ();
  GtkWidget *qty = gtk_spin_button_new_with_range (1, 1000, 1);
  GtkWidget *price = gtk_entry_new ();
  GtkWidget *issue = gtk_check_button_new_with_label (_("From stock now"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *price_text = unit_price > 0 ? wx_money_format (unit_price) : g_strdup ("");

  g_return_if_fail (WX_IS_PART_LINES (self));
  g_object_set_data (G_OBJECT (row), "part-id", GSIZE_TO_POINTER ((gsize) MAX (part_id, 0)));
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Part name"));
  gtk_editable_set_text (GTK_EDITABLE (name_entry), name ? name : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (name_entry), 12);
  gtk_widget_set_hexpand (name_entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (number), _("Part number"));
  gtk_editable_set_text (GTK_EDITABLE (number), part_number ? part_number : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (number), 9);
  gtk_editable_set_width_chars (GTK_EDITABLE (qty), 2);
  /* A catalogue part is what it is; a typed one is whatever is typed. */
  gtk_editable_set_editable (GTK_EDITABLE (name_entry), part_id <= 0);
  gtk_editable_set_editable (GTK_EDITABLE (number), part_id <= 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (qty), MAX (quantity, 1));
  gtk_entry_set_placeholder_text (GTK_ENTRY (price), _("Unit price"));
  gtk_editable_set_text (GTK_EDITABLE (price), price_text);
  gtk_editable_set_width_chars (GTK_EDITABLE (price), 7);
  gtk_widget_set_tooltip_text (issue, _("Take it from stock now, to test by swapping"));
  gtk_widget_set_visible (issue, self->with_issue);
  gtk_widget_set_sensitive (issue, part_id > 0);
  gtk_widget_set_tooltip_text (remove, _("Remove this part"));
  gtk_box_append (GTK_BOX (row), name_entry);
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), qty);
  gtk_box_append (GTK_BOX (row), price);
  gtk_box_append (GTK_BOX (row), issue);
  gtk_box_append (GTK_BOX (row), remove);
  g_signal_connect (qty, "value-changed", G_CALLBACK (edited_cb), self);
  g_signal_connect (price, "changed", G_CALLBACK (edited_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_cb), self);
  gtk_box_append (GTK_BOX (self), row);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

guint
wx_part_lines_get_n (WxPartLines *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self)); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

gboolean
wx_part_lines_collect (WxPartLines  *self,
                       GArray       *lines,
                       GPtrArray    *strings,
                       GError      **error)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self)); row; row = gtk_widget_get_next_sibling (row))
    {
      Line w = line_of (row);
      WxPartLine l = { 0 };
      char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w.name))));
      char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w.number))));
      const char *price = gtk_editable_get_text (GTK_EDITABLE (w.price));

      g_ptr_array_add (strings, name);
      g_ptr_array_add (strings, number);
      l.part_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "part-id"));
      l.name = name;
      l.part_number = number;
      l.quantity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w.quantity));
      l.issue = gtk_widget_get_visible (w.issue) && gtk_check_button_get_active (GTK_CHECK_BUTTON (w.issue));
      if (*price && !wx_money_parse (price, &l.unit_price, error))
        return FALSE;
      g_array_append_val (lines, l);
    }
  return TRUE;
}

WxMoney
wx_part_lines_total (WxPartLines *self)
{
  WxMoney total = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self)); row; row = gtk_widget_get_next_sibling (row))
    {
      Line w = line_of (row);
      WxMoney fen = 0;

      if (wx_money_parse (gtk_editable_get_text (GTK_EDITABLE (w.price)), &fen, NULL))
        total += fen * gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w.quantity));
    }
  return total;
}

static void
wx_part_lines_class_init (WxPartLinesClass *klass)
{
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wx_part_lines_init (WxPartLines *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
}

GtkWidget *
wx_part_lines_new (gboolean with_issue)
{
  WxPartLines *self = g_object_new (WX_TYPE_PART_LINES, NULL);

  self->with_issue = with_issue;
  return GTK_WIDGET (self);
}

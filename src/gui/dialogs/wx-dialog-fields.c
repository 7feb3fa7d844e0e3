#define G_LOG_DOMAIN "wx-dialog-fields"

#include <string.h>

#include "wx-dialog-fields.h"

#define SCROLL_TARGETS "wx-scroll-targets"
#define SCROLL_FRAMES  "wx-scroll-frames"

/* The content of `scrolled` in the coordinates of its vertical adjustment
 * (a viewport's child), or NULL. */
static GtkWidget *
scrolled_content (GtkWidget *scrolled)
{
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

  if (content && GTK_IS_VIEWPORT (content) && gtk_viewport_get_child (GTK_VIEWPORT (content)))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  return content;
}

/* The frame after messages showed in `scrolled`, they have their places:
 * the highest of them comes into view, with the field above it (a message
 * is under its field; the dialog's own error is under all of them, so a
 * field's message wins over "some fields need…"). */
static gboolean
scroll_tick_cb (GtkWidget     *scrolled,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GPtrArray *targets = g_object_get_data (G_OBJECT (scrolled), SCROLL_TARGETS);
  GtkWidget *content = scrolled_content (scrolled);
  gboolean found = FALSE;
  graphene_rect_t best = { 0 };

  if (g_object_get_data (G_OBJECT (scrolled), SCROLL_FRAMES) == NULL)
    {
      g_object_set_data (G_OBJECT (scrolled), SCROLL_FRAMES, GUINT_TO_POINTER (1));
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; content && targets && i < targets->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (targets, i);
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (label) && gtk_widget_compute_bounds (label, content, &bounds) &&
          (!found || bounds.origin.y < best.origin.y))
        {
          best = bounds;
          found = TRUE;
        }
    }
  if (found)
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                               MAX (best.origin.y - 48, 0), best.origin.y + best.size.height + 6);
  g_object_set_data (G_OBJECT (scrolled), SCROLL_TARGETS, NULL);
  g_object_set_data (G_OBJECT (scrolled), SCROLL_FRAMES, NULL);
  return G_SOURCE_REMOVE;
}

void
wx_dialog_set_message (GtkLabel   *label,
                       const char *text)
{
  GtkWidget *scrolled;
  GPtrArray *targets;

  if (label == NULL)
    return;
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
  /* An error the user cannot see does not help: once laid out, it is
   * scrolled into view (a message low in a long form, the dialog's own
   * error under the fields). */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_SCROLLED_WINDOW);
  if (text == NULL || *text == '\0' || scrolled == NULL)
    return;
  targets = g_object_get_data (G_OBJECT (scrolled), SCROLL_TARGETS);
  if (targets == NULL)
    {
      targets = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (scrolled), SCROLL_TARGETS, targets, (GDestroyNotify) g_ptr_array_unref);
      gtk_widget_add_tick_callback (scrolled, scroll_tick_cb, NULL, NULL);
    }
  g_ptr_array_add (targets, g_object_ref (label));
}

GtkLabel *
wx_dialog_message_new (void)
{
  GtkLabel *message = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (message, 0);
  gtk_label_set_wrap (message, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (message), "error");
  gtk_widget_add_css_class (GTK_WIDGET (message), "caption");
  gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
  return message;
}

void
wx_dialog_set_busy (GtkWidget  *dialog,
                    GtkSpinner *spinner,
                    const char *action,
                    gboolean    busy)
{
  gtk_widget_action_set_enabled (dialog, action, !busy);
  if (busy)
    gtk_spinner_start (spinner);
  else
    gtk_spinner_stop (spinner);
}

GtkWidget *
wx_dialog_grid_add_row (GtkGrid    *grid,
                        int        *rows,
                        const char *text,
                        GtkWidget  *widget,
                        GtkWidget  *mnemonic,
                        GtkLabel   *message)
{
  GtkWidget *label = text ? gtk_label_new (text) : NULL;

  if (label)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_yalign (GTK_LABEL (label), 0.5);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic ? mnemonic : widget);
      gtk_grid_attach (grid, label, 0, *rows, 1, 1);
    }
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, widget, 1, (*rows)++, 1, 1);
  if (message)
    gtk_grid_attach (grid, GTK_WIDGET (message), 1, (*rows)++, 1, 1);
  return label;
}

GtkWidget *
wx_dialog_text_view_new (int         height,
                         GtkWidget **frame)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (view, -1, height);
  *frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (*frame), view);
  return view;
}

GtkWidget *
wx_dialog_choice_new (const char *choices,
                      GPtrArray  *codes)
{
  g_auto(GStrv) items = g_strsplit (choices, "|", -1);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; items[i]; i++)
    {
      const char *colon = strchr (items[i], ':');

      g_ptr_array_add (codes, g_strndup (items[i], colon ? (gsize) (colon - items[i]) : strlen (items[i])));
      g_strv_builder_add (labels, colon ? colon + 1 : items[i]);
    }
  strv = g_strv_builder_end (labels);
  return gtk_drop_down_new_from_strings ((const char * const *) strv);
}

char *
wx_dialog_field_get (GtkWidget *widget,
                     GPtrArray *codes)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    return g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) ? "true" : "");
  if (GTK_IS_DROP_DOWN (widget))
    {
      guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));

      return g_strdup (codes && i < codes->len ? (const char *) g_ptr_array_index (codes, i) : "");
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
}

gboolean
wx_dialog_field_set (GtkWidget  *widget,
                     GPtrArray  *codes,
                     const char *value)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), value, -1);
  else if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), g_strcmp0 (value, "true") == 0);
  else if (GTK_IS_DROP_DOWN (widget))
    {
      for (guint i = 0; codes && i < codes->len; i++)
        if (g_strcmp0 (g_ptr_array_index (codes, i), value) == 0)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), i);
            return TRUE;
          }
      return FALSE;
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), value);
  return TRUE;
}

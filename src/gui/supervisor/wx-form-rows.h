/* wx-form-rows.h — the administrator's pages are forms of titled sections,
 * each a boxed list of rows: a title, the control, and under them the
 * sentence that says what is wrong with this field (hidden when nothing
 * is). A section ends with its status line and its button. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends a section to `column`; the button (when `button_label`) runs
 * `action`; *status gets the section's status line. Returns the list. */
GtkListBox *wx_form_section   (GtkBox      *column,
                               const char  *title,
                               const char  *note,
                               const char  *button_label,
                               const char  *action,
                               GtkLabel   **status);
/* A row of `list`: `title` and `control`; returns its error line. */
GtkLabel   *wx_form_row       (GtkListBox  *list,
                               const char  *title,
                               GtkWidget   *control);
/* Shows `text` in an error or status line (NULL or "": hidden). */
void        wx_form_say       (GtkLabel    *line,
                               const char  *text,
                               gboolean     is_error);
/* The text of a line ("" when hidden). */
const char *wx_form_said      (GtkLabel    *line);

G_END_DECLS

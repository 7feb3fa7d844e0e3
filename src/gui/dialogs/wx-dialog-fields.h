/* wx-dialog-fields.h — the pieces of a form the dialogs share (step,
 * visit, record, intake, call): a field's message under it, a labelled row
 * of a grid, a multi-line text field, a choice from "code:Label|…", and
 * reading and setting what a field's widget holds. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* `text` in the message `label`, shown; NULL or "": hidden. `label` NULL:
 * nothing. Shown, it is scrolled into view (with its field above it) in
 * the scrolled window it is in, once laid out. */
void       wx_dialog_set_message    (GtkLabel    *label,
                                     const char  *text);
/* A field's message: red, small, wrapped, hidden until set. */
GtkLabel  *wx_dialog_message_new    (void);
/* Shows the dialog busy: `action` off and `spinner` spinning, or back. */
void       wx_dialog_set_busy       (GtkWidget   *dialog,
                                     GtkSpinner  *spinner,
                                     const char  *action,
                                     gboolean     busy);

/* A row of `grid` at *rows: the label `text` (NULL: none) right-aligned in
 * the first column, the mnemonic of `mnemonic` (NULL: `widget`); `widget`
 * (expanding) in the second; under it `message` when not NULL. Returns the
 * label. */
GtkWidget *wx_dialog_grid_add_row   (GtkGrid     *grid,
                                     int         *rows,
                                     const char  *text,
                                     GtkWidget   *widget,
                                     GtkWidget   *mnemonic,
                                     GtkLabel    *message);

/* A multi-line text field: the view, wrapping, at least `height` pixels
 * high, in a frame (*frame). */
GtkWidget *wx_dialog_text_view_new  (int          height,
                                     GtkWidget  **frame);
/* A drop-down of the labels of `choices` ("code:Label|…", translated);
 * their codes go into `codes`, by position. */
GtkWidget *wx_dialog_choice_new     (const char  *choices,
                                     GPtrArray   *codes);

/* What a field's widget holds: an entry's or a text view's text, stripped;
 * a check button "true" or ""; a drop-down the code of its choice in
 * `codes` ("" when none). */
char      *wx_dialog_field_get      (GtkWidget   *widget,
                                     GPtrArray   *codes);
/* Sets it as wx_dialog_field_get() reads it; FALSE: `value` is none of a
 * drop-down's codes. */
gboolean   wx_dialog_field_set      (GtkWidget   *widget,
                                     GPtrArray   *codes,
                                     const char  *value);

G_END_DECLS

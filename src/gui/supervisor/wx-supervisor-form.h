/* wx-supervisor-form.h — the side form of the supervisor's pages
 * (callbacks, complaints, escalations): named fields in a grid, each read
 * and set by name as wx_dialog_field_get/set read them, so a page's
 * actions and its tests fill the same widgets; and the page's list rows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _WxSupervisorForm WxSupervisorForm;

/* A form filling `grid`. */
WxSupervisorForm *wx_supervisor_form_new   (GtkGrid          *grid);
void              wx_supervisor_form_free  (WxSupervisorForm *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxSupervisorForm, wx_supervisor_form_free)

/* Adds the field `key` labelled `label` (translated; NULL: none): `kind`
 * "entry", "check" (the label on the button), "text" (several lines), or
 * a choice when `choices` ("code:Label|…", translated) is given. Returns
 * its widget. */
GtkWidget *wx_supervisor_form_add   (WxSupervisorForm *form,
                                     const char       *key,
                                     const char       *label,
                                     const char       *kind,
                                     const char       *choices);
char      *wx_supervisor_form_get   (WxSupervisorForm *form,
                                     const char       *key);
gboolean   wx_supervisor_form_set   (WxSupervisorForm *form,
                                     const char       *key,
                                     const char       *value);
/* Shows or hides the field `key` with its label. */
void       wx_supervisor_form_set_shown (WxSupervisorForm *form,
                                         const char       *key,
                                         gboolean          shown);
/* The field `key`'s widget (as wx_supervisor_form_add returned it). */
GtkWidget *wx_supervisor_form_get_widget (WxSupervisorForm *form,
                                          const char       *key);
/* Every field back to empty (a choice to its first). */
void       wx_supervisor_form_clear (WxSupervisorForm *form);

/* A list row: a bold first line and a dim second, `id` and the order it
 * is about (NULL or "": none) kept on the row (wx_supervisor_row_id,
 * wx_supervisor_row_order); `alert` marks it (overdue, open) in red. */
GtkWidget  *wx_supervisor_row_new   (gint64            id,
                                     const char       *order_number,
                                     const char       *title,
                                     const char       *detail,
                                     gboolean          alert);
gint64      wx_supervisor_row_id    (GtkListBoxRow    *row);
const char *wx_supervisor_row_order (GtkListBoxRow    *row);
/* Removes every row of `list`. */
void       wx_supervisor_list_clear (GtkListBox       *list);

G_END_DECLS

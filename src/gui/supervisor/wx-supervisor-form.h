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
/* Every field back to empty (a choice to its first). */
void       wx_supervisor_form_clear (WxSupervisorForm *form);

/* A list row: a bold first line and a dim second, `id` kept on the row
 * (wx_supervisor_row_id); `alert` marks it (overdue, open) in red. */
GtkWidget *wx_supervisor_row_new    (gint64            id,
                                     const char       *title,
                                     const char       *detail,
                                     gboolean          alert);
gint64     wx_supervisor_row_id     (GtkListBoxRow    *row);
/* Removes every row of `list`. */
void       wx_supervisor_list_clear (GtkListBox       *list);

G_END_DECLS

/* ------------------------------------------------------------ the pages' shared part */

#include "db/wx-db-worker.h"

/* What every supervisor page holds, first in its instance struct: the
 * template's children (the same ids in each page's .ui), the worker, the
 * list as loaded and the item chosen. */
typedef struct {
  GtkLabel         *error_label;
  GtkSpinner       *spinner;
  GtkListBox       *list;
  GtkLabel         *selected_label;
  GtkLabel         *detail_label;
  GtkGrid          *form_grid;
  GtkLabel         *message_label;

  WxDbWorker       *worker;
  GCancellable     *cancellable;
  GPtrArray        *items;
  gint64            selected;
  WxSupervisorForm *form;
} WxSupervisorPart;

/* The template (resource under /org/weixiu/Weixiu/supervisor/), its
 * children bound into the part at `offset` of the instance, the actions
 * PREFIX.reload, PREFIX.select (x) and PREFIX.open-order, and the signals
 * "loaded" (GError *) and "open-order" (string) into `signals`. */
void     wx_supervisor_page_class_setup (GtkWidgetClass              *widget_class,
                                         const char                  *ui_file,
                                         gssize                       offset,
                                         const char                  *prefix,
                                         GtkWidgetActionActivateFunc  reload,
                                         GtkWidgetActionActivateFunc  select,
                                         GtkWidgetActionActivateFunc  open_order,
                                         guint                        signals[2]);
/* After init_template: the form on the grid; choosing a row activates PREFIX.select. */
void     wx_supervisor_page_init        (GtkWidget                   *page,
                                         WxSupervisorPart            *part,
                                         const char                  *prefix);
void     wx_supervisor_page_dispose     (GtkWidget                   *page,
                                         WxSupervisorPart            *part,
                                         GType                        type);
/* The form's message, red when `error`. */
void     wx_supervisor_page_message     (WxSupervisorPart            *part,
                                         const char                  *text,
                                         gboolean                     error);
/* Loads the list with `job` (its result a GPtrArray) on the worker; the
 * result goes into part->items and `filled (page)` runs, then "loaded". */
void     wx_supervisor_page_reload      (GtkWidget                   *page,
                                         WxSupervisorPart            *part,
                                         WxDbJob                      job,
                                         void                       (*filled) (GtkWidget *page),
                                         guint                        loaded_signal);
/* Selects the row of `id` (0: none) in the list. */
void     wx_supervisor_page_select_row  (WxSupervisorPart            *part,
                                         gint64                       id);

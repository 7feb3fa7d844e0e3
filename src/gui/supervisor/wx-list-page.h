/* wx-list-page.h — a supervisor page that is a list and a side form
 * (callbacks, complaints, escalations): its template has the children
 * error_label, spinner, list, selected_label, detail_label, form_grid and
 * message_label; the load's result is a GPtrArray of items, a row each
 * with the item's id; choosing a row shows the item beside the list with
 * the form under it.
 * Actions PREFIX.reload, PREFIX.select (x: an item id), PREFIX.open-order. */
#pragma once

#include "gui/wx-page.h"
#include "wx-supervisor-form.h"

G_BEGIN_DECLS

#define WX_TYPE_LIST_PAGE (wx_list_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxListPage, wx_list_page, WX, LIST_PAGE, WxPage)

struct _WxListPageClass
{
  WxPageClass parent_class;

  /* The row of an item of the list (wx_supervisor_row_new), in the
   * order of the items. */
  GtkWidget  *(*item_row)   (WxListPage   *self,
                             gconstpointer item);
  /* The item chosen (NULL: none) into the side panel and the actions. */
  void        (*show)       (WxListPage   *self,
                             gconstpointer item);
  /* Choosing another item empties the form too, not only the message (the default). */
  gboolean      clear_form_on_select;
  /* The actions' prefix (wx_list_page_class_setup). */
  const char   *prefix;

  gpointer      padding[8];
};

/* In the subclass's class_init: its template (under
 * /org/weixiu/Weixiu/supervisor/), the shared children bound, the actions
 * named PREFIX.*, and its vfuncs: WxPage's `load` and `load_finish` (as
 * WX_PAGE_DEFINE_LOAD defines them), `item_row` and `show`. */
void              wx_list_page_class_setup   (WxListPageClass *klass,
                                              const char      *ui_file,
                                              const char      *prefix,
                                              void           (*load)        (WxPage              *page,
                                                                             WxDbWorker          *worker,
                                                                             GCancellable        *cancellable,
                                                                             GAsyncReadyCallback  callback,
                                                                             gpointer             user_data),
                                              gpointer       (*load_finish) (WxPage              *page,
                                                                             GAsyncResult        *result,
                                                                             GError             **error),
                                              GtkWidget     *(*item_row)    (WxListPage          *self,
                                                                             gconstpointer        item),
                                              void           (*show)        (WxListPage          *self,
                                                                             gconstpointer        item));

/* In the subclass's init, first: the template, the form on its grid. */
void              wx_list_page_init_template (WxListPage      *self);

GPtrArray        *wx_list_page_get_items     (WxListPage      *self);
gconstpointer     wx_list_page_find          (WxListPage      *self,
                                              gint64           id);
gint64            wx_list_page_get_selected  (WxListPage      *self);
/* The item to choose once the list is next loaded. */
void              wx_list_page_set_selected  (WxListPage      *self,
                                              gint64           id);
gconstpointer     wx_list_page_get_selected_item (WxListPage  *self);
WxSupervisorForm *wx_list_page_get_form      (WxListPage      *self);
/* A field of the side form, by name, as a user fills it. */
gboolean          wx_list_page_set_value     (WxListPage      *self,
                                              const char      *key,
                                              const char      *value);
GtkGrid          *wx_list_page_get_form_grid (WxListPage      *self);
GtkListBox       *wx_list_page_get_list      (WxListPage      *self);
/* The item's title and detail beside the list. */
void              wx_list_page_show_text     (WxListPage      *self,
                                              const char      *title,
                                              const char      *detail);
/* The form's message, red when `error`. */
void              wx_list_page_set_message   (WxListPage      *self,
                                              const char      *text,
                                              gboolean         error);
const char       *wx_list_page_get_message   (WxListPage      *self);
/* Shows the chosen item again (after the subclass changed something). */
void              wx_list_page_refresh_selected (WxListPage   *self);

G_END_DECLS

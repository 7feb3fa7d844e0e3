#define G_LOG_DOMAIN "wx-front-desk-window"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-board.h"
#include "board/wx-board-card.h"
#include "dialogs/wx-intake-dialog.h"
#include "wx-board-window.h"
#include "wx-call-log.h"
#include "wx-front-desk-window.h"
#include "wx-print.h"
#include "wx-scan-catcher.h"

#define SEARCH_LIMIT 50

struct _WxFrontDeskWindow
{
  WxBoardWindow parent_instance;

  AdwViewStack   *stack;
  AdwViewStackPage *due_page;
  GtkBox         *board_box;
  GtkSearchEntry *search_entry;
  GtkListView    *due_list;
  GtkListView    *search_list;
  GtkLabel       *search_label;
  guint           search_serial;  /* the newest search asked */
  WxCallLog      *call_log;
  AdwViewStackPage *calls_page;
  GtkLabel       *status_label;

  WxDbWorker *worker;   /* the window's (wx_board_window_get_worker) */
  GListModel *orders;   /* the window's (wx_board_window_get_orders) */
  GListStore     *found;
  GtkFilterListModel *due;
  GCancellable *cancellable;   /* the window's (wx_board_window_get_cancellable) */

  GtkWindow      *intake_dialog;   /* weak */
  WxScanCatcher  *scan;
};

#define SESSION(self) wx_board_window_get_session (WX_BOARD_WINDOW (self))
#define CONTEXT(self) wx_board_session_get_context (SESSION (self))

G_DEFINE_FINAL_TYPE (WxFrontDeskWindow, wx_front_desk_window, WX_TYPE_BOARD_WINDOW)

/* --------------------------------------------------------------- loading */

static void
update_status (WxFrontDeskWindow *self)
{
  g_autofree char *text = NULL;
  const char *full_name = wx_shop_context_get_full_name (CONTEXT (self));
  g_autofree char *roles = wx_roles_describe (wx_shop_context_get_roles (CONTEXT (self)));
  guint n = g_list_model_get_n_items (self->orders);

  text = g_strdup_printf (ngettext ("%s (%s) · %u open order", "%s (%s) · %u open orders", n),
                          full_name ? full_name : "", roles, n);
  gtk_label_set_text (self->status_label, text);
}

static void
wx_front_desk_window_loaded (WxBoardWindow *window,
                             const GError  *error)
{
  if (error == NULL)
    update_status (WX_FRONT_DESK_WINDOW (window));
}

static void
wx_front_desk_window_orders_updated (WxBoardWindow *window)
{
  update_status (WX_FRONT_DESK_WINDOW (window));
}

void
wx_front_desk_window_refresh (WxFrontDeskWindow *self)
{
  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));
  wx_board_session_refresh (SESSION (self));
  wx_call_log_reload (self->call_log);
}

/* A machine ready, or announced, on another PC: the call list follows. */
static void
wx_front_desk_window_orders_changed (WxBoardWindow *window,
                                     GArray        *ids)
{
  wx_call_log_reload (WX_FRONT_DESK_WINDOW (window)->call_log);
}

/* ----------------------------------------------------------------- steps */

void
wx_front_desk_window_step (WxFrontDeskWindow *self,
                           WxOrder           *order,
                           const char        *event)
{
  WxStepDialog *dialog;

  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));
  dialog = wx_board_window_take_step (WX_BOARD_WINDOW (self), order, event);
  if (dialog)
    g_signal_connect_object (dialog, "no-answer", G_CALLBACK (wx_call_log_reload), self->call_log,
                             G_CONNECT_SWAPPED);
}

static void
wx_front_desk_window_route_step (WxBoardWindow *window,
                                 WxOrder       *order,
                                 const char    *event)
{
  wx_front_desk_window_step (WX_FRONT_DESK_WINDOW (window), order, event);
}

/* ---------------------------------------------------------------- search */

#define SEARCH_HINT N_("Type an order number, a phone, a serial, a unit or a contact in the search box; "\
                       "two words find the orders that have both.")

/* One search asked for: only the newest one's answer is shown. */
typedef struct {
  WxFrontDeskWindow *self;
  guint              serial;
  gboolean           typed;    /* as you type: no order opens by itself */
} SearchAsked;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree SearchAsked *asked = user_data;
  g_autoptr(WxFrontDeskWindow) self = asked->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = wx_db_orders_search_finish (WX_DB_WORKER (source), result, &error);
  g_autofree char *text = NULL;

  if (asked->serial != self->search_serial)
    return;   /* the text changed since: its own search answers */
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_board_window_notice (WX_BOARD_WINDOW (self), error->message, TRUE);
      return;
    }
  g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)),
                       found->pdata, found->len);
  /* The scanner's case: exactly one order. */
  if (found->len == 1 && !asked->typed)
    wx_board_window_open_order (WX_BOARD_WINDOW (self), wx_order_get_number (g_ptr_array_index (found, 0)));
  text = g_strdup_printf (ngettext ("%u order found", "%u orders found", found->len), found->len);
  gtk_label_set_text (self->search_label, text);
  adw_view_stack_set_visible_child_name (self->stack, "search");
}

/* No results shown: what the page is for, or that a search is on its way. */
static void
search_clear (WxFrontDeskWindow *self,
              const char        *status)
{
  g_list_store_remove_all (self->found);
  gtk_label_set_text (self->search_label, status);
}

/* TRUE: `query` is an order number on the board, opened at once. */
static gboolean
search_for (WxFrontDeskWindow *self,
            const char        *query,
            gboolean           typed)
{
  g_autofree char *text = g_strstrip (g_strdup (query));
  g_autoptr(WxOrder) open = NULL;
  SearchAsked *asked;

  self->search_serial++;
  if (*text == '\0')
    return FALSE;
  /* A scanned order number on the board opens at once. */
  if (!typed && (open = wx_order_list_find (self->orders, text, NULL)) != NULL)
    {
      wx_board_window_open_order (WX_BOARD_WINDOW (self), text);
      return TRUE;
    }
  search_clear (self, _("Searching…"));
  asked = g_new0 (SearchAsked, 1);
  *asked = (SearchAsked) { g_object_ref (self), self->search_serial, typed };
  wx_db_orders_search_async (self->worker, text, SEARCH_LIMIT, self->cancellable, search_done_cb, asked);
  return FALSE;
}

static void
search_activate_cb (GtkSearchEntry    *entry,
                    WxFrontDeskWindow *self)
{
  if (search_for (self, gtk_editable_get_text (GTK_EDITABLE (entry)), FALSE))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* As you type (GtkSearchEntry waits for a pause): two characters at least,
 * old results gone at once. */
static void
search_changed_cb (GtkSearchEntry    *entry,
                   WxFrontDeskWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_utf8_strlen (stripped, -1) < 2)
    {
      self->search_serial++;
      search_clear (self, _(SEARCH_HINT));
      return;
    }
  search_for (self, stripped, TRUE);
}

/* The scanner read a claim check, whatever had the focus. */
static void
scanned_cb (WxScanCatcher     *scan,
            const char        *text,
            WxFrontDeskWindow *self)
{
  search_for (self, text, FALSE);
}

static void
list_activate_cb (GtkListView       *list,
                  guint              position,
                  WxFrontDeskWindow *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(WxOrder) order = g_list_model_get_item (model, position);

  if (order)
    wx_board_window_open_order (WX_BOARD_WINDOW (self), wx_order_get_number (order));
}

/* ------------------------------------------------------------------ intake */

/* The forms go to the shop's printer when one is set, else through the
 * print dialog. */
void
wx_front_desk_window_print (WxFrontDeskWindow *self,
                            const char        *number,
                            guint              docs)
{
  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));
  wx_board_session_print_order (SESSION (self), GTK_WINDOW (self), number, docs);
}

static void
intake_saved_cb (WxIntakeDialog    *dialog,
                 const char        *number,
                 WxFrontDeskWindow *self)
{
  g_autofree char *text = NULL;

  if (wx_intake_dialog_get_print (dialog))
    {
      text = g_strdup_printf (_("Order %s is open; its forms are printing."), number);
      wx_front_desk_window_print (self, number, WX_PRINT_AFTER_INTAKE);
    }
  else
    text = g_strdup_printf (_("Order %s is open."), number);
  wx_board_window_notice (WX_BOARD_WINDOW (self), text, FALSE);
  wx_front_desk_window_refresh (self);
  wx_board_window_open_order (WX_BOARD_WINDOW (self), number);
}

static void
intake_open_order_cb (WxIntakeDialog    *dialog,
                      const char        *number,
                      WxFrontDeskWindow *self)
{
  wx_board_window_open_order (WX_BOARD_WINDOW (self), number);
}

static void
intake_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WxFrontDeskWindow *self = WX_FRONT_DESK_WINDOW (widget);
  WxOrderKind kind = WX_ORDER_KIND_CARRY_IN;
  GtkWindow *dialog;

  wx_order_kind_from_code (g_variant_get_string (parameter, NULL), &kind);
  dialog = GTK_WINDOW (wx_intake_dialog_new (GTK_WINDOW (self), self->worker, kind));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (intake_saved_cb), self, 0);
  g_signal_connect_object (dialog, "open-order", G_CALLBACK (intake_open_order_cb), self, 0);
  g_set_weak_pointer (&self->intake_dialog, dialog);
  gtk_window_present (dialog);
}

/* ---------------------------------------------------------------- calls */

static void
call_log_step_requested_cb (WxCallLog         *log,
                            const char        *number,
                            const char        *event,
                            WxFrontDeskWindow *self)
{
  g_autoptr(WxOrder) order = wx_board_session_find_open (SESSION (self), number);

  if (order)
    wx_front_desk_window_step (self, order, event);
}

static void
call_log_open_order_cb (WxCallLog         *log,
                        const char        *number,
                        WxFrontDeskWindow *self)
{
  wx_board_window_open_order (WX_BOARD_WINDOW (self), number);
}

/* A call asking for a visit: the on-site intake, filled from the call;
 * saving links them. */
WxIntakeDialog *
wx_front_desk_window_order_from_call (WxFrontDeskWindow *self,
                                      gint64             call_id)
{
  const WxCall *call;
  WxIntakeDialog *dialog;

  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  call = wx_call_log_find_call (self->call_log, call_id);
  if (call == NULL)
    return NULL;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.intake", "s", "on_site");
  dialog = WX_INTAKE_DIALOG (self->intake_dialog);
  wx_intake_dialog_set_value (dialog, "unit", call->unit_name);
  wx_intake_dialog_set_value (dialog, "contact", call->contact);
  wx_intake_dialog_set_value (dialog, "phone", call->phone);
  wx_intake_dialog_set_value (dialog, "model", call->machine);
  wx_intake_dialog_set_value (dialog, "fault", call->subject);
  wx_intake_dialog_set_call (dialog, call_id);
  return dialog;
}

static void
call_log_order_from_call_cb (WxCallLog         *log,
                             gint64             call_id,
                             WxFrontDeskWindow *self)
{
  wx_front_desk_window_order_from_call (self, call_id);
}

/* The page's badge: the pickup notices still to make. */
static void
call_log_loaded_cb (WxCallLog         *log,
                    const GError      *error,
                    WxFrontDeskWindow *self)
{
  guint n = wx_call_log_get_pending (log)->len;

  adw_view_stack_page_set_badge_number (self->calls_page, n);
  adw_view_stack_page_set_needs_attention (self->calls_page, n > 0);
}

/* --------------------------------------------------------------- actions */

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  wx_front_desk_window_refresh (WX_FRONT_DESK_WINDOW (widget));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WxFrontDeskWindow *self = WX_FRONT_DESK_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (WX_FRONT_DESK_WINDOW (widget)->stack, g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------ the due panel */

static gboolean
due_match (gpointer item,
           gpointer user_data)
{
  const WxOrderData *d = wx_order_get_data (item);

  return d->has_clock && (d->clock_status == WX_CLOCK_STATUS_AMBER || d->clock_status == WX_CLOCK_STATUS_RED);
}

static void
due_changed_cb (GListModel        *model,
                guint              position,
                guint              removed,
                guint              added,
                WxFrontDeskWindow *self)
{
  guint n = g_list_model_get_n_items (model);

  adw_view_stack_page_set_badge_number (self->due_page, n);
  adw_view_stack_page_set_needs_attention (self->due_page, n > 0);
}

/* ------------------------------------------------------------ the object */

/* The due list makes its cards when the page is first shown, not at launch. */
static void
due_list_mapped_cb (GtkListView *list,
                    gpointer     unused)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (gtk_list_view_get_factory (list))
    return;
  factory = wx_board_card_factory_new ();
  gtk_list_view_set_factory (list, factory);
}

static void
wx_front_desk_window_dispose (GObject *object)
{
  WxFrontDeskWindow *self = WX_FRONT_DESK_WINDOW (object);

  g_clear_weak_pointer (&self->intake_dialog);
  G_OBJECT_CLASS (wx_front_desk_window_parent_class)->dispose (object);
}

static void
wx_front_desk_window_finalize (GObject *object)
{
  WxFrontDeskWindow *self = WX_FRONT_DESK_WINDOW (object);

  g_clear_object (&self->found);
  g_clear_object (&self->due);
  g_clear_object (&self->scan);
  G_OBJECT_CLASS (wx_front_desk_window_parent_class)->finalize (object);
}

static void
wx_front_desk_window_class_init (WxFrontDeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxBoardWindowClass *board_class = WX_BOARD_WINDOW_CLASS (klass);

  object_class->dispose = wx_front_desk_window_dispose;
  object_class->finalize = wx_front_desk_window_finalize;

  board_class->loaded = wx_front_desk_window_loaded;
  board_class->orders_updated = wx_front_desk_window_orders_updated;
  board_class->orders_changed = wx_front_desk_window_orders_changed;
  board_class->route_step = wx_front_desk_window_route_step;

  g_type_ensure (WX_TYPE_CALL_LOG);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-front-desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, due_page);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, due_list);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, call_log);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, calls_page);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, status_label);
  wx_board_window_class_bind_template (widget_class);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.intake", "s", intake_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
}

static void
wx_front_desk_window_init (WxFrontDeskWindow *self)
{
  g_autoptr(GtkListItemFactory) found_factory = wx_board_card_factory_new ();
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->found = g_list_store_new (WX_TYPE_ORDER);

  wx_board_window_add_board (WX_BOARD_WINDOW (self), self->board_box, WX_BOARD_FOLDERS);

  /* Due: amber and red clocks, most urgent first (the orders come with the
   * session). */
  self->due = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (due_match, NULL, NULL)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->due)),
                                    wx_board_sorter_new ());
  gtk_list_view_set_model (self->due_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  g_signal_connect (self->due_list, "map", G_CALLBACK (due_list_mapped_cb), NULL);
  g_signal_connect (self->due, "items-changed", G_CALLBACK (due_changed_cb), self);
  g_signal_connect (self->due_list, "activate", G_CALLBACK (list_activate_cb), self);

  gtk_list_view_set_model (self->search_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->found)))));
  gtk_list_view_set_factory (self->search_list, found_factory);
  g_signal_connect (self->search_list, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  /* Before the first search, what to type rather than a blank page. */
  gtk_label_set_wrap (self->search_label, TRUE);
  search_clear (self, _(SEARCH_HINT));
  self->scan = wx_scan_catcher_new (GTK_WIDGET (self));
  g_signal_connect (self->scan, "scanned", G_CALLBACK (scanned_cb), self);

  g_signal_connect (self->call_log, "step-requested", G_CALLBACK (call_log_step_requested_cb), self);
  g_signal_connect (self->call_log, "open-order", G_CALLBACK (call_log_open_order_cb), self);
  g_signal_connect (self->call_log, "order-from-call", G_CALLBACK (call_log_order_from_call_cb), self);
  g_signal_connect (self->call_log, "loaded", G_CALLBACK (call_log_loaded_cb), self);
}

WxFrontDeskWindow *
wx_front_desk_window_new (WxApplication *app,
                          const char    *conninfo)
{
  WxFrontDeskWindow *self = wx_board_window_new (WX_TYPE_FRONT_DESK_WINDOW, app, conninfo);

  self->worker = wx_board_window_get_worker (WX_BOARD_WINDOW (self));
  self->orders = wx_board_window_get_orders (WX_BOARD_WINDOW (self));
  self->cancellable = wx_board_window_get_cancellable (WX_BOARD_WINDOW (self));
  gtk_filter_list_model_set_model (self->due, self->orders);
  wx_call_log_set_worker (self->call_log, self->worker);
  return self;
}

WxCallLog *
wx_front_desk_window_get_call_log (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->call_log;
}

GtkWindow *
wx_front_desk_window_get_intake_dialog (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->intake_dialog;
}

#define G_LOG_DOMAIN "wx-front-desk-window"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-board.h"
#include "db/wx-db-listener.h"
#include "db/wx-db-lookup.h"
#include "board/wx-board-card.h"
#include "dialogs/wx-intake-dialog.h"
#include "wx-call-log.h"
#include "wx-front-desk-window.h"
#include "wx-print.h"

#define RELOAD_SECONDS 60
#define SEARCH_LIMIT 50

struct _WxFrontDeskWindow
{
  AdwApplicationWindow parent_instance;

  AdwViewStack   *stack;
  AdwViewStackPage *due_page;
  GtkBox         *board_box;
  GtkSearchEntry *search_entry;
  GtkSpinner     *spinner;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  GtkRevealer    *notice_revealer;
  GtkLabel       *notice_label;
  GtkRevealer    *detail_revealer;
  GtkBox         *detail_box;
  GtkListView    *due_list;
  GtkListView    *search_list;
  WxCallLog      *call_log;
  AdwViewStackPage *calls_page;
  GtkLabel       *search_label;
  GtkLabel       *status_label;

  WxBoard        *board;
  WxOrderPanel   *panel;
  char           *conninfo;
  WxDbWorker     *worker;
  WxDbListener   *listener;
  GListStore     *orders;
  GListStore     *found;
  GtkFilterListModel *due;
  GCancellable   *cancellable;
  guint           reload_id;
  gboolean        loading;

  char           *login;
  char           *full_name;
  WxRole          roles;

  GtkWindow      *step_dialog;     /* weak */
  GtkWindow      *intake_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (WxFrontDeskWindow, wx_front_desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNAL_LOADED, SIGNAL_ORDERS_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_notice (WxFrontDeskWindow *self,
             const char        *text,
             gboolean           is_error)
{
  gtk_label_set_text (self->notice_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->notice_label), "error");
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

const char *
wx_front_desk_window_get_notice (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->notice_revealer) ? gtk_label_get_text (self->notice_label) : "";
}

/* --------------------------------------------------------------- loading */

typedef struct {
  GPtrArray *orders;
  char      *login;
  char      *full_name;
  WxRole     roles;
} BoardLoad;

static void
board_load_free (BoardLoad *b)
{
  g_clear_pointer (&b->orders, g_ptr_array_unref);
  g_free (b->login);
  g_free (b->full_name);
  g_free (b);
}

static gboolean
load_board_job (PGconn    *conn,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  BoardLoad *b = g_new0 (BoardLoad, 1);

  if (!wx_db_session_identity (conn, &b->login, &b->full_name, &b->roles, error) ||
      (b->orders = wx_db_board_load (conn, g_get_real_time () / G_USEC_PER_SEC, error)) == NULL)
    {
      board_load_free (b);
      return FALSE;
    }
  *result = b;
  return TRUE;
}

static gboolean reload_cb (gpointer user_data);

static void
update_status (WxFrontDeskWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *roles = wx_roles_describe (self->roles);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->orders));

  text = g_strdup_printf (ngettext ("%s (%s) · %u open order", "%s (%s) · %u open orders", n),
                          self->full_name ? self->full_name : "", roles, n);
  gtk_label_set_text (self->status_label, text);
}

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxFrontDeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  BoardLoad *b = wx_db_worker_run_finish (WX_DB_WORKER (source), result, &error);

  self->loading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&b, board_load_free);
      return;
    }
  gtk_spinner_stop (self->spinner);
  if (b == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot load the orders: %s"), error->message);
      show_notice (self, text, TRUE);
    }
  else
    {
      g_free (self->login);
      g_free (self->full_name);
      self->login = g_steal_pointer (&b->login);
      self->full_name = g_steal_pointer (&b->full_name);
      self->roles = b->roles;
      wx_board_set_roles (self->board, self->roles);
      wx_order_panel_set_roles (self->panel, self->roles);
      wx_order_list_update (self->orders, b->orders, TRUE);
      update_status (self);
      board_load_free (b);
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add_seconds (RELOAD_SECONDS, reload_cb, self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_front_desk_window_refresh (WxFrontDeskWindow *self)
{
  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));
  if (self->loading)
    return;
  self->loading = TRUE;
  gtk_spinner_start (self->spinner);
  wx_call_log_reload (self->call_log);
  wx_db_worker_run_async (self->worker, load_board_job, NULL, NULL, (GDestroyNotify) board_load_free,
                          self->cancellable, board_loaded_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  WxFrontDeskWindow *self = user_data;

  self->reload_id = 0;
  /* The clocks move on with time: refresh the badges. */
  wx_front_desk_window_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Only the orders that changed (a notification, our own step). */
static gboolean
load_ids_job (PGconn    *conn,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  GArray *ids = data;

  *result = wx_db_board_load_ids (conn, (const gint64 *) (gpointer) ids->data, ids->len,
                                  g_get_real_time () / G_USEC_PER_SEC, error);
  return *result != NULL;
}

static void
ids_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WxFrontDeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = wx_db_worker_run_finish (WX_DB_WORKER (source), result, &error);

  if (orders == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot reload changed orders: %s", error->message);
      return;
    }
  wx_order_list_update (self->orders, orders, FALSE);
  update_status (self);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

static void
reload_ids (WxFrontDeskWindow *self,
            GArray            *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);
  wx_db_worker_run_async (self->worker, load_ids_job, copy, (GDestroyNotify) g_array_unref,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, ids_loaded_cb,
                          g_object_ref (self));
}

static void
orders_changed_cb (WxDbListener      *listener,
                   GArray            *ids,
                   WxFrontDeskWindow *self)
{
  reload_ids (self, ids);
  wx_order_panel_orders_changed (self->panel, ids);
  /* A machine ready, or announced, on another PC. */
  wx_call_log_reload (self->call_log);
}

static void
resync_cb (WxDbListener      *listener,
           WxFrontDeskWindow *self)
{
  wx_front_desk_window_refresh (self);
}

static void
reload_one (WxFrontDeskWindow *self,
            gint64             id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  reload_ids (self, ids);
}

static void
online_changed_cb (WxDbWorker        *worker,
                   GParamSpec        *pspec,
                   WxFrontDeskWindow *self)
{
  gboolean online = wx_db_worker_get_online (worker);

  if (!online)
    {
      g_autofree char *text = g_strdup_printf (_("The database cannot be reached: %s Reconnecting by itself; what you typed is kept and will be saved when it is back."),
                                               wx_db_worker_get_problem (worker));
      gtk_label_set_text (self->banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, !online);
}

/* ----------------------------------------------------------------- steps */

static void
step_finished_cb (WxStepDialog      *dialog,
                  const GError      *error,
                  WxFrontDeskWindow *self)
{
  g_autofree char *text = NULL;

  if (error)
    return;   /* the dialog shows it and stays open */
  text = g_strdup_printf (_("%s: %s — saved."), wx_order_get_number (wx_step_dialog_get_order (dialog)),
                          wx_workflow_event_label (wx_step_dialog_get_event (dialog)));
  show_notice (self, text, FALSE);
  reload_one (self, wx_order_get_id (wx_step_dialog_get_order (dialog)));
}

typedef struct {
  WxFrontDeskWindow *self;
  WxOrder           *order;
  char              *event;
} StepRun;

static void
step_no_answer_cb (WxStepDialog      *dialog,
                   WxFrontDeskWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("%s: nobody answered; the attempt is logged and the order comes back on the call list tomorrow."),
                                           wx_order_get_number (wx_step_dialog_get_order (dialog)));

  show_notice (self, text, FALSE);
  wx_call_log_reload (self->call_log);
}

static void
step_run_free (StepRun *r)
{
  g_object_unref (r->self);
  g_object_unref (r->order);
  g_free (r->event);
  g_free (r);
}

static void
step_ran_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  StepRun *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!wx_step_run_finish (WX_DB_WORKER (source), result, &error))
    {
      text = g_strdup_printf (_("%s: %s"), wx_order_get_number (r->order), error->message);
      show_notice (r->self, text, TRUE);
      /* A conflict: show the order as it is now. */
      reload_one (r->self, wx_order_get_id (r->order));
    }
  else
    {
      text = g_strdup_printf (_("%s: %s — saved."), wx_order_get_number (r->order),
                              wx_workflow_event_label (r->event));
      show_notice (r->self, text, FALSE);
      reload_one (r->self, wx_order_get_id (r->order));
    }
  step_run_free (r);
}

void
wx_front_desk_window_step (WxFrontDeskWindow *self,
                           WxOrder           *order,
                           const char        *event)
{
  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));

  if (wx_step_dialog_has_fields (event, wx_order_get_kind (order), wx_order_get_state (order)))
    {
      WxStepDialog *dialog = wx_step_dialog_new (GTK_WINDOW (self), self->worker, order, event);

      g_signal_connect_object (dialog, "finished", G_CALLBACK (step_finished_cb), self, 0);
      g_signal_connect_object (dialog, "no-answer", G_CALLBACK (step_no_answer_cb), self, 0);
      g_set_weak_pointer (&self->step_dialog, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      StepRun *r = g_new0 (StepRun, 1);

      r->self = g_object_ref (self);
      r->order = g_object_ref (order);
      r->event = g_strdup (event);
      wx_step_run_async (self->worker, order, event, NULL, step_ran_cb, r);
    }
}

typedef struct {
  WxFrontDeskWindow *self;
  WxOrder           *order;
} ChoiceData;

static void
choice_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ChoiceData       *c)
{
  if (!g_str_equal (response, "cancel"))
    wx_front_desk_window_step (c->self, c->order, response);
  g_object_unref (c->order);
  g_free (c);
}

static void
step_requested_cb (WxBoard            *board,
                   WxOrder            *order,
                   const char * const *events,
                   WxFrontDeskWindow  *self)
{
  GtkWidget *dialog;
  ChoiceData *c;

  if (g_strv_length ((GStrv) events) == 1)
    {
      wx_front_desk_window_step (self, order, events[0]);
      return;
    }
  /* Several steps lead there: the user says which. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), wx_order_get_number (order),
                                   _("Which step takes the order there?"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"));
  for (guint i = 0; events[i]; i++)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), events[i], wx_workflow_event_label (events[i]));
  c = g_new0 (ChoiceData, 1);
  c->self = self;
  c->order = g_object_ref (order);
  g_signal_connect (dialog, "response", G_CALLBACK (choice_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_refused_cb (WxBoard           *board,
                 WxOrder           *order,
                 const char        *message,
                 WxFrontDeskWindow *self)
{
  show_notice (self, message, TRUE);
}

/* ------------------------------------------------------- opening orders */

void
wx_front_desk_window_open_order (WxFrontDeskWindow *self,
                                 const char        *number)
{
  g_return_if_fail (WX_IS_FRONT_DESK_WINDOW (self));
  wx_order_panel_show (self->panel, number);
  gtk_revealer_set_reveal_child (self->detail_revealer, TRUE);
}

static void
order_activated_cb (WxBoard           *board,
                    WxOrder           *order,
                    WxFrontDeskWindow *self)
{
  wx_front_desk_window_open_order (self, wx_order_get_number (order));
}

static void
panel_print_requested_cb (WxOrderPanel      *panel,
                          guint              docs,
                          WxFrontDeskWindow *self)
{
  wx_front_desk_window_print (self, wx_order_panel_get_number (panel), docs);
}

static void
panel_step_requested_cb (WxOrderPanel      *panel,
                         const char        *event,
                         WxFrontDeskWindow *self)
{
  g_autoptr(WxOrder) order = wx_order_list_find (G_LIST_MODEL (self->orders), wx_order_panel_get_number (panel), NULL);

  if (order == NULL)
    {
      show_notice (self, _("This order is closed; it has no more steps."), TRUE);
      return;
    }
  wx_front_desk_window_step (self, order, event);
}

/* ---------------------------------------------------------------- search */

static gboolean
search_job (PGconn    *conn,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  *result = wx_db_orders_search (conn, data, SEARCH_LIMIT, g_get_real_time () / G_USEC_PER_SEC, error);
  return *result != NULL;
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxFrontDeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = wx_db_worker_run_finish (WX_DB_WORKER (source), result, &error);
  g_autofree char *text = NULL;

  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_notice (self, error->message, TRUE);
      return;
    }
  g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)),
                       found->pdata, found->len);
  /* The scanner's case: exactly one order. */
  if (found->len == 1)
    wx_front_desk_window_open_order (self, wx_order_get_number (g_ptr_array_index (found, 0)));
  text = g_strdup_printf (ngettext ("%u order found", "%u orders found", found->len), found->len);
  gtk_label_set_text (self->search_label, text);
  adw_view_stack_set_visible_child_name (self->stack, "search");
}

static void
search_activate_cb (GtkSearchEntry    *entry,
                    WxFrontDeskWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(WxOrder) open = NULL;

  if (*text == '\0')
    return;
  /* A scanned order number on the board opens at once. */
  if ((open = wx_order_list_find (G_LIST_MODEL (self->orders), text, NULL)) != NULL)
    {
      wx_front_desk_window_open_order (self, text);
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      return;
    }
  wx_db_worker_run_async (self->worker, search_job, g_steal_pointer (&text), g_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, search_done_cb,
                          g_object_ref (self));
}

static void
list_activate_cb (GtkListView       *list,
                  guint              position,
                  WxFrontDeskWindow *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(WxOrder) order = g_list_model_get_item (model, position);

  if (order)
    wx_front_desk_window_open_order (self, wx_order_get_number (order));
}

/* ------------------------------------------------------------------ intake */

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WxFrontDeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  if (!wx_print_order_finish (result, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
      show_notice (self, text, TRUE);
    }
}

/* The forms go to the shop's printer when one is set, else through the
 * print dialog. */
void
wx_front_desk_window_print (WxFrontDeskWindow *self,
                            const char        *number,
                            guint              docs)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *printer = g_settings_get_string (settings, "printer");
  g_autofree char *conninfo = wx_db_worker_dup_conninfo (self->worker);

  wx_print_order_async (GTK_WINDOW (self), conninfo, number, docs,
                        *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                        self->cancellable, printed_cb, g_object_ref (self));
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
  show_notice (self, text, FALSE);
  wx_front_desk_window_refresh (self);
  wx_front_desk_window_open_order (self, number);
}

static void
intake_open_order_cb (WxIntakeDialog    *dialog,
                      const char        *number,
                      WxFrontDeskWindow *self)
{
  wx_front_desk_window_open_order (self, number);
}

/* ---------------------------------------------------------------- calls */

static void
call_log_step_requested_cb (WxCallLog         *log,
                            const char        *number,
                            const char        *event,
                            WxFrontDeskWindow *self)
{
  g_autoptr(WxOrder) order = wx_order_list_find (G_LIST_MODEL (self->orders), number, NULL);

  if (order)
    wx_front_desk_window_step (self, order, event);
}

static void
call_log_open_order_cb (WxCallLog         *log,
                        const char        *number,
                        WxFrontDeskWindow *self)
{
  wx_front_desk_window_open_order (self, number);
}

static void
call_order_saved_cb (WxIntakeDialog    *dialog,
                     const char        *number,
                     WxFrontDeskWindow *self)
{
  wx_call_log_reload (self->call_log);
}

/* A call asking for a visit: the on-site intake, filled from the call. */
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
  g_signal_connect_object (dialog, "saved", G_CALLBACK (call_order_saved_cb), self, 0);
  return dialog;
}

/* The page's badge: the pickup notices still to make. */
static void
call_log_loaded_cb (WxCallLog         *log,
                    const GError      *error,
                    WxFrontDeskWindow *self)
{
  adw_view_stack_page_set_badge_number (self->calls_page, wx_call_log_get_pending (log)->len);
  adw_view_stack_page_set_needs_attention (self->calls_page, wx_call_log_get_pending (log)->len > 0);
}

static void
call_log_order_from_call_cb (WxCallLog         *log,
                             gint64             call_id,
                             WxFrontDeskWindow *self)
{
  wx_front_desk_window_order_from_call (self, call_id);
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
dismiss_notice_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (WX_FRONT_DESK_WINDOW (widget)->notice_revealer, FALSE);
}

static void
close_detail_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (WX_FRONT_DESK_WINDOW (widget)->detail_revealer, FALSE);
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

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->step_dialog);
  g_clear_weak_pointer (&self->intake_dialog);
  if (self->listener)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  if (self->worker)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_object (&self->listener);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_FRONT_DESK_WINDOW);
  G_OBJECT_CLASS (wx_front_desk_window_parent_class)->dispose (object);
}

static void
wx_front_desk_window_finalize (GObject *object)
{
  WxFrontDeskWindow *self = WX_FRONT_DESK_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->orders);
  g_clear_object (&self->found);
  g_clear_object (&self->due);
  g_free (self->conninfo);
  g_free (self->login);
  g_free (self->full_name);
  G_OBJECT_CLASS (wx_front_desk_window_parent_class)->finalize (object);
}

static void
wx_front_desk_window_class_init (WxFrontDeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_front_desk_window_dispose;
  object_class->finalize = wx_front_desk_window_finalize;

  /**
   * WxFrontDeskWindow::loaded:
   * @error: (nullable): why the board could not be loaded
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Changed orders were brought up to date (a notification, a step). */
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WX_TYPE_CALL_LOG);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-front-desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, due_page);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, detail_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, detail_box);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, due_list);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, call_log);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, calls_page);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, WxFrontDeskWindow, status_label);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.intake", "s", intake_action_cb);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-detail", NULL, close_detail_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
}

static void
wx_front_desk_window_init (WxFrontDeskWindow *self)
{
  g_autoptr(GtkListItemFactory) found_factory = wx_board_card_factory_new ();
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->orders = g_list_store_new (WX_TYPE_ORDER);
  self->found = g_list_store_new (WX_TYPE_ORDER);

  self->board = WX_BOARD (wx_board_new (WX_BOARD_FOLDERS));
  gtk_widget_set_vexpand (GTK_WIDGET (self->board), TRUE);
  gtk_box_append (self->board_box, GTK_WIDGET (self->board));
  wx_board_set_model (self->board, G_LIST_MODEL (self->orders));
  g_signal_connect (self->board, "step-requested", G_CALLBACK (step_requested_cb), self);
  g_signal_connect (self->board, "move-refused", G_CALLBACK (move_refused_cb), self);
  g_signal_connect (self->board, "order-activated", G_CALLBACK (order_activated_cb), self);

  /* Due: amber and red clocks, most urgent first. */
  self->due = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->orders)),
                                         GTK_FILTER (gtk_custom_filter_new (due_match, NULL, NULL)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->due)),
                                    wx_board_sorter_new ());
  gtk_list_view_set_model (self->due_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  /* Its cards are made when the page is first shown, not at launch. */
  g_signal_connect (self->due_list, "map", G_CALLBACK (due_list_mapped_cb), NULL);
  g_signal_connect (self->due, "items-changed", G_CALLBACK (due_changed_cb), self);
  g_signal_connect (self->due_list, "activate", G_CALLBACK (list_activate_cb), self);

  gtk_list_view_set_model (self->search_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->found)))));
  gtk_list_view_set_factory (self->search_list, found_factory);
  g_signal_connect (self->search_list, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);

  g_signal_connect (self->call_log, "step-requested", G_CALLBACK (call_log_step_requested_cb), self);
  g_signal_connect (self->call_log, "open-order", G_CALLBACK (call_log_open_order_cb), self);
  g_signal_connect (self->call_log, "order-from-call", G_CALLBACK (call_log_order_from_call_cb), self);
  g_signal_connect (self->call_log, "loaded", G_CALLBACK (call_log_loaded_cb), self);
}

WxFrontDeskWindow *
wx_front_desk_window_new (WxApplication *app,
                          const char    *conninfo)
{
  WxFrontDeskWindow *self = g_object_new (WX_TYPE_FRONT_DESK_WINDOW, "application", app, NULL);

  self->conninfo = g_strdup (conninfo);
  self->worker = wx_db_worker_new (conninfo);
  g_signal_connect (self->worker, "notify::online", G_CALLBACK (online_changed_cb), self);
  self->listener = wx_db_listener_new (conninfo);
  g_signal_connect (self->listener, "orders-changed", G_CALLBACK (orders_changed_cb), self);
  g_signal_connect (self->listener, "resync", G_CALLBACK (resync_cb), self);

  self->panel = wx_order_panel_new (self->worker);
  gtk_widget_set_vexpand (GTK_WIDGET (self->panel), TRUE);
  gtk_box_append (self->detail_box, GTK_WIDGET (self->panel));
  g_signal_connect (self->panel, "step-requested", G_CALLBACK (panel_step_requested_cb), self);
  g_signal_connect (self->panel, "print-requested", G_CALLBACK (panel_print_requested_cb), self);

  wx_call_log_set_worker (self->call_log, self->worker);
  wx_front_desk_window_refresh (self);
  return self;
}

WxCallLog *
wx_front_desk_window_get_call_log (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->call_log;
}

WxDbWorker *
wx_front_desk_window_get_worker (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->worker;
}

WxBoard *
wx_front_desk_window_get_board (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->board;
}

GListModel *
wx_front_desk_window_get_orders (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return G_LIST_MODEL (self->orders);
}

WxOrderPanel *
wx_front_desk_window_get_panel (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->panel;
}

WxStepDialog *
wx_front_desk_window_get_step_dialog (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->step_dialog ? WX_STEP_DIALOG (self->step_dialog) : NULL;
}

GtkWindow *
wx_front_desk_window_get_intake_dialog (WxFrontDeskWindow *self)
{
  g_return_val_if_fail (WX_IS_FRONT_DESK_WINDOW (self), NULL);
  return self->intake_dialog;
}

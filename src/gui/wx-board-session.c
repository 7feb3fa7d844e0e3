#define G_LOG_DOMAIN "wx-board-session"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-board.h"
#include "db/wx-db-lookup.h"
#include "db/wx-db-workflow.h"
#include "db/wx-db-review.h"
#include "core/wx-visit.h"
#include "dialogs/wx-inspection-dialog.h"
#include "dialogs/wx-part-order-dialog.h"
#include "dialogs/wx-repair-dialog.h"
#include "dialogs/wx-visit-dialog.h"
#include "wx-board-session.h"
#include "wx-print.h"

struct _WxBoardSession
{
  GObject        parent_instance;

  WxShopContext *context;           /* the login's, shared with its other windows */
  GCancellable  *cancellable;       /* this window's work */
  gboolean       holding;           /* its window shows the context */

  GtkRevealer   *banner_revealer;   /* weak, as the rest of the window's parts */
  GtkLabel      *banner_label;
  GtkRevealer   *notice_revealer;
  GtkLabel      *notice_label;
  WxBoard       *board;
  WxOrderPanel  *panel;
  GtkRevealer   *detail_revealer;
  WxStepChosenFunc route;
  gpointer       route_data;
};

G_DEFINE_FINAL_TYPE (WxBoardSession, wx_board_session, G_TYPE_OBJECT)

enum { SIGNAL_LOADED, SIGNAL_ORDERS_UPDATED, SIGNAL_ORDERS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The window is going: the context (which stays, for the login's other
 * windows) no longer calls this session. */
static void
disconnect_context (WxBoardSession *self)
{
  if (!self->holding)
    return;
  self->holding = FALSE;
  wx_shop_context_release (self->context);
  g_signal_handlers_disconnect_by_data (self->context, self);
  g_signal_handlers_disconnect_by_data (wx_shop_context_get_listener (self->context), self);
  g_signal_handlers_disconnect_by_data (wx_shop_context_get_worker (self->context), self);
}

/* What this window tells its user. */
static void
notice (WxBoardSession *self,
        const char     *text,
        gboolean        is_error)
{
  if (self->notice_revealer && self->notice_label)
    wx_notice_show (self->notice_revealer, self->notice_label, text, is_error);
}

void
wx_notice_show (GtkRevealer *revealer,
                GtkLabel    *label,
                const char  *text,
                gboolean     is_error)
{
  gtk_label_set_text (label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_revealer_set_reveal_child (revealer, TRUE);
}

const char *
wx_notice_get (GtkRevealer *revealer,
               GtkLabel    *label)
{
  return gtk_revealer_get_reveal_child (revealer) ? gtk_label_get_text (label) : "";
}

/* --------------------------------------------------------------- loading */

void
wx_board_session_refresh (WxBoardSession *self)
{
  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  wx_shop_context_refresh (self->context);
}

void
wx_board_session_reload_order (WxBoardSession *self,
                               gint64          id)
{
  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  wx_shop_context_reload_order (self->context, id);
}

/* The listener is back after a lost connection: the open order too (its
 * panel may show that it could not load). */
static void
reconnected_cb (WxDbListener   *listener,
                WxBoardSession *self)
{
  const char *number = self->panel ? wx_order_panel_get_number (self->panel) : NULL;

  if (number && *number)
    {
      g_autofree char *again = g_strdup (number);
      wx_order_panel_show (self->panel, again);
    }
}

WxOrder *
wx_board_session_find_open (WxBoardSession *self,
                            const char     *number)
{
  WxOrder *order;

  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  order = wx_shop_context_find_open (self->context, number);
  if (order == NULL)
    notice (self, _("This order is closed; it has no more steps."), TRUE);
  return order;
}

/* ---------------------------------------------------------------- banner */

/* The banner shows while the worker cannot reach the server (a job
 * waits) or the listener lost its connection (noticed within 2 s, even
 * when nothing is asked), and goes by itself when both are back. */
static void
update_banner (WxBoardSession *self)
{
  WxDbWorker *worker = wx_shop_context_get_worker (self->context);
  WxDbListener *listener = wx_shop_context_get_listener (self->context);
  gboolean worker_online = wx_db_worker_get_online (worker);
  gboolean lost = !wx_db_listener_get_listening (listener) && wx_db_listener_get_problem (listener) != NULL;

  if (self->banner_revealer == NULL || self->banner_label == NULL)
    return;
  if (!worker_online || lost)
    {
      const char *problem = !worker_online ? wx_db_worker_get_problem (worker)
                                           : wx_db_listener_get_problem (listener);
      g_autofree char *text = g_strdup_printf (_("The database cannot be reached: %s Reconnecting by itself; what you typed is kept and will be saved when it is back."),
                                               problem ? problem : "");
      gtk_label_set_text (self->banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, !worker_online || lost);
}

static void
online_changed_cb (GObject        *object,
                   GParamSpec     *pspec,
                   WxBoardSession *self)
{
  update_banner (self);
}

/* The login's notices (a load, the supervisor's returns) in this window. */
static void
context_notice_cb (WxShopContext  *context,
                   const char     *text,
                   gboolean        is_error,
                   WxBoardSession *self)
{
  notice (self, text, is_error);
}

/* Loaded after all (the server is back): the old failure goes. */
static void
context_notice_withdrawn_cb (WxShopContext  *context,
                             const char     *text,
                             WxBoardSession *self)
{
  if (self->notice_revealer && self->notice_label &&
      g_strcmp0 (wx_notice_get (self->notice_revealer, self->notice_label), text) == 0)
    gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
panel_follows_cb (WxShopContext  *context,
                  GArray         *ids,
                  WxBoardSession *self)
{
  if (self->panel)
    wx_order_panel_orders_changed (self->panel, ids);
}

static void
roles_follow_cb (WxShopContext  *context,
                 GError         *error,
                 WxBoardSession *self)
{
  if (error)
    return;
  if (self->board)
    wx_board_set_roles (self->board, wx_shop_context_get_roles (self->context));
  if (self->panel)
    {
      wx_order_panel_set_roles (self->panel, wx_shop_context_get_roles (self->context));
      wx_order_panel_set_login (self->panel, wx_shop_context_get_login (self->context));
    }
}

static GPtrArray *
board_first_screen (GObject   *board,
                    GPtrArray *orders,
                    guint      per_place)
{
  return wx_board_first_screen (WX_BOARD (board), orders, per_place);
}

static GtkWindow *
window_of (gpointer widget)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (widget)));
}

static void
board_step_requested_cb (WxBoard            *board,
                         WxOrder            *order,
                         const char * const *events,
                         WxBoardSession     *self)
{
  wx_board_session_choose_step (self, window_of (board), order, events, self->route, self->route_data);
}

static void
board_move_refused_cb (WxBoard        *board,
                       WxOrder        *order,
                       const char     *message,
                       WxBoardSession *self)
{
  notice (self, message, TRUE);
}

static void
board_order_activated_cb (WxBoard        *board,
                          WxOrder        *order,
                          WxBoardSession *self)
{
  wx_board_session_open_order (self, wx_order_get_number (order));
}

static void
panel_step_requested_cb (WxOrderPanel   *panel,
                         const char     *event,
                         WxBoardSession *self)
{
  g_autoptr(WxOrder) order = wx_board_session_find_open (self, wx_order_panel_get_number (panel));

  if (order)
    self->route (self->route_data, order, event);
}

static void
panel_print_requested_cb (WxOrderPanel   *panel,
                          guint           docs,
                          WxBoardSession *self)
{
  wx_board_session_print_order (self, window_of (panel), wx_order_panel_get_number (panel), docs);
}

void
wx_board_session_open_order (WxBoardSession *self,
                             const char     *number)
{
  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  if (self->panel)
    wx_order_panel_show (self->panel, number);
  if (self->detail_revealer)
    gtk_revealer_set_reveal_child (self->detail_revealer, TRUE);
}

static void
forward_loaded_cb (WxShopContext  *context,
                   GError         *error,
                   WxBoardSession *self)
{
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

static void
forward_orders_updated_cb (WxShopContext  *context,
                           WxBoardSession *self)
{
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

static void
forward_orders_changed_cb (WxShopContext  *context,
                           GArray         *ids,
                           WxBoardSession *self)
{
  g_signal_emit (self, signals[SIGNAL_ORDERS_CHANGED], 0, ids);
}

WxOrderPanel *
wx_board_session_attach (WxBoardSession           *self,
                         const WxBoardSessionWidgets *parts)
{
  WxOrderPanel *panel;

  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  g_set_weak_pointer (&self->banner_revealer, parts->banner_revealer);
  g_set_weak_pointer (&self->banner_label, parts->banner_label);
  g_set_weak_pointer (&self->notice_revealer, parts->notice_revealer);
  g_set_weak_pointer (&self->notice_label, parts->notice_label);
  g_set_weak_pointer (&self->board, parts->board);
  g_set_weak_pointer (&self->detail_revealer, parts->detail_revealer);
  self->route = parts->route;
  self->route_data = parts->route_data;
  g_signal_connect (parts->board, "step-requested", G_CALLBACK (board_step_requested_cb), self);
  g_signal_connect (parts->board, "move-refused", G_CALLBACK (board_move_refused_cb), self);
  g_signal_connect (parts->board, "order-activated", G_CALLBACK (board_order_activated_cb), self);
  g_object_bind_property (self->context, "loading", parts->spinner, "spinning", G_BINDING_SYNC_CREATE);
  wx_shop_context_set_first_screen (self->context, G_OBJECT (parts->board), board_first_screen);
  wx_board_set_model (parts->board, wx_shop_context_get_orders (self->context));

  panel = wx_order_panel_new (wx_board_session_get_worker (self));
  gtk_widget_set_vexpand (GTK_WIDGET (panel), TRUE);
  gtk_box_append (parts->detail_box, GTK_WIDGET (panel));
  g_set_weak_pointer (&self->panel, panel);
  g_signal_connect (panel, "step-requested", G_CALLBACK (panel_step_requested_cb), self);
  g_signal_connect (panel, "print-requested", G_CALLBACK (panel_print_requested_cb), self);
  /* Before the window's own handlers: they see the roles set. */
  g_signal_connect (self->context, "loaded", G_CALLBACK (roles_follow_cb), self);
  g_signal_connect (self->context, "orders-changed", G_CALLBACK (panel_follows_cb), self);
  g_signal_connect (self->context, "notice", G_CALLBACK (context_notice_cb), self);
  g_signal_connect (self->context, "notice-withdrawn", G_CALLBACK (context_notice_withdrawn_cb), self);
  /* Then the window's, through the session. */
  g_signal_connect (self->context, "loaded", G_CALLBACK (forward_loaded_cb), self);
  g_signal_connect (self->context, "orders-updated", G_CALLBACK (forward_orders_updated_cb), self);
  g_signal_connect (self->context, "orders-changed", G_CALLBACK (forward_orders_changed_cb), self);
  return panel;
}

void
wx_board_session_detach (WxBoardSession *self,
                         gpointer        window)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self, window);
  disconnect_context (self);
  g_cancellable_cancel (self->cancellable);
}

/* ----------------------------------------------------------------- steps */

typedef struct {
  WxBoardSession   *self;
  WxOrder          *order;
  WxStepChosenFunc  chosen;
  gpointer          user_data;
} Choice;

static void
choice_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Choice           *c)
{
  if (!g_str_equal (response, "cancel"))
    c->chosen (c->user_data, c->order, response);
  g_object_unref (c->order);
  g_object_unref (c->self);
  g_free (c);
}

void
wx_board_session_choose_step (WxBoardSession     *self,
                              GtkWindow          *parent,
                              WxOrder            *order,
                              const char * const *events,
                              WxStepChosenFunc    chosen,
                              gpointer            user_data)
{
  GtkWidget *dialog;
  Choice *c;

  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  if (g_strv_length ((GStrv) events) == 1)
    {
      chosen (user_data, order, events[0]);
      return;
    }
  /* Several steps lead there: the user says which. */
  dialog = adw_message_dialog_new (parent, wx_order_get_number (order),
                                   _("Which step takes the order there?"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"));
  for (guint i = 0; events[i]; i++)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), events[i], wx_workflow_event_label (events[i]));
  c = g_new0 (Choice, 1);
  c->self = g_object_ref (self);
  c->order = g_object_ref (order);
  c->chosen = chosen;
  c->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (choice_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
wx_board_session_step_saved (WxBoardSession *self,
                             WxOrder        *order,
                             const char     *event)
{
  g_autofree char *text = g_strdup_printf (_("%s: %s — saved."), wx_order_get_number (order),
                                           wx_workflow_event_label (event));
  notice (self, text, FALSE);
  wx_board_session_reload_order (self, wx_order_get_id (order));
}

typedef struct {
  WxBoardSession *self;
  WxOrder        *order;
  char           *event;
} StepDone;

static void
step_ran_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  StepDone *s = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = wx_db_board_step_finish (WX_DB_WORKER (source), result, NULL, &error);

  if (done)
    wx_board_session_step_saved (s->self, s->order, s->event);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), wx_order_get_number (s->order), error->message);
      notice (s->self, text, TRUE);
      /* A conflict: show the order as it is now. */
      wx_board_session_reload_order (s->self, wx_order_get_id (s->order));
    }
  g_object_unref (s->self);
  g_object_unref (s->order);
  g_free (s->event);
  g_free (s);
}

void
wx_board_session_run_step (WxBoardSession *self,
                           WxOrder        *order,
                           const char     *event,
                           GHashTable     *data)
{
  StepDone *s = g_new0 (StepDone, 1);

  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  s->self = g_object_ref (self);
  s->order = g_object_ref (order);
  s->event = g_strdup (event);
  /* As the card showed it: a change meanwhile is a conflict, said so. */
  wx_db_board_step_async (wx_board_session_get_worker (self), wx_order_get_number (order), wx_order_get_version (order), event, data,
                          self->cancellable, step_ran_cb, s);
}

static void
dialog_finished_cb (WxStepDialog   *dialog,
                    const GError   *error,
                    WxBoardSession *self)
{
  if (error)
    return;   /* the dialog shows it and stays open */
  wx_board_session_step_saved (self, wx_step_dialog_get_order (dialog), wx_step_dialog_get_event (dialog));
}

static void
dialog_no_answer_cb (WxStepDialog   *dialog,
                     WxBoardSession *self)
{
  g_autofree char *text = g_strdup_printf (_("%s: nobody answered; the attempt is logged and the order comes back on the call list tomorrow."),
                                           wx_order_get_number (wx_step_dialog_get_order (dialog)));

  notice (self, text, FALSE);
}

WxStepDialog *
wx_board_session_open_step_dialog (WxBoardSession *self,
                                   GtkWindow      *parent,
                                   WxOrder        *order,
                                   const char     *event)
{
  WxStepDialog *dialog;

  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  dialog = wx_step_dialog_new (parent, wx_board_session_get_worker (self), order, event);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (dialog_finished_cb), self, 0);
  g_signal_connect_object (dialog, "no-answer", G_CALLBACK (dialog_no_answer_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
form_finished_cb (GtkWindow      *dialog,
                  const GError   *error,
                  WxBoardSession *self)
{
  WxOrder *order = g_object_get_data (G_OBJECT (dialog), "wx-order");
  const char *event = g_object_get_data (G_OBJECT (dialog), "wx-event");

  if (error == NULL)
    wx_board_session_step_saved (self, order, event);
}

/* The dialog that the step catalogue's `form` names for `event` on `order`
 * (an inspection or a peer shop, the repair record, a part order and its
 * arrival, a visit's steps), shown; NULL when the step takes the generic
 * dialog or none. The one place that maps forms to dialogs, for every desk. */
GtkWindow *
wx_board_session_open_form (WxBoardSession *self,
                            GtkWindow      *parent,
                            WxOrder        *order,
                            const char     *event)
{
  const WxTransition *t = wx_workflow_find (wx_order_get_kind (order), wx_order_get_state (order), event);
  GtkWindow *dialog = NULL;
  WxVisitStep step;
  WxVisitOutcome outcome;

  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  if (t == NULL)
    return NULL;
  switch (t->form)
    {
    case WX_FORM_VISIT:
      if (wx_visit_step_for_event (event, wx_order_get_state (order), &step, &outcome))
        {
          dialog = GTK_WINDOW (wx_visit_dialog_new (parent, wx_board_session_get_worker (self), order, step));
          if (step == WX_VISIT_STEP_OUTCOME)
            wx_visit_dialog_set_outcome (WX_VISIT_DIALOG (dialog), outcome);
        }
      break;
    case WX_FORM_INSPECTION:
      dialog = GTK_WINDOW (wx_inspection_dialog_new (parent, wx_board_session_get_worker (self), order));
      if (g_str_equal (event, "outsource"))
        wx_inspection_dialog_set_outsource (WX_INSPECTION_DIALOG (dialog), TRUE);
      break;
    case WX_FORM_REPAIR:
      dialog = GTK_WINDOW (wx_repair_dialog_new (parent, wx_board_session_get_worker (self), order));
      break;
    case WX_FORM_PART_ORDER:
      dialog = GTK_WINDOW (wx_part_order_dialog_new (parent, wx_board_session_get_worker (self), order));
      break;
    case WX_FORM_NONE:
    case WX_FORM_STEP:
    case WX_FORM_REVIEW:
    case WX_N_FORMS:
    default:
      break;
    }
  if (dialog == NULL)
    return NULL;
  g_object_set_data_full (G_OBJECT (dialog), "wx-order", g_object_ref (order), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "wx-event", g_strdup (event), g_free);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (form_finished_cb), self, 0);
  gtk_window_present (dialog);
  return dialog;
}

/* Takes `event` on `order` as the catalogue says: in the dialog its form
 * names, in the generic step dialog (returned) when it has fields, else at
 * once. */
WxStepDialog *
wx_board_session_take_step (WxBoardSession *self,
                            GtkWindow      *parent,
                            WxOrder        *order,
                            const char     *event)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  if (wx_board_session_open_form (self, parent, order, event))
    return NULL;
  if (wx_step_dialog_has_fields (event, wx_order_get_kind (order), wx_order_get_state (order)))
    return wx_board_session_open_step_dialog (self, parent, order, event);
  wx_board_session_run_step (self, order, event, NULL);
  return NULL;
}

/* -------------------------------------------------------------- printing */

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WxBoardSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wx_print_order_finish (result, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
      notice (self, text, TRUE);
    }
}

void
wx_board_session_print_order (WxBoardSession *self,
                              GtkWindow      *parent,
                              const char     *number,
                              guint           docs)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *printer = g_settings_get_string (settings, "printer");

  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  wx_print_order_async (parent, wx_board_session_get_worker (self), number, docs,
                        *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                        self->cancellable, printed_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_board_session_dispose (GObject *object)
{
  WxBoardSession *self = WX_BOARD_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context)
    disconnect_context (self);
  g_clear_weak_pointer (&self->banner_revealer);
  g_clear_weak_pointer (&self->banner_label);
  g_clear_weak_pointer (&self->notice_revealer);
  g_clear_weak_pointer (&self->notice_label);
  g_clear_weak_pointer (&self->board);
  g_clear_weak_pointer (&self->panel);
  g_clear_weak_pointer (&self->detail_revealer);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (wx_board_session_parent_class)->dispose (object);
}

static void
wx_board_session_finalize (GObject *object)
{
  WxBoardSession *self = WX_BOARD_SESSION (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (wx_board_session_parent_class)->finalize (object);
}

static void
wx_board_session_class_init (WxBoardSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wx_board_session_dispose;
  object_class->finalize = wx_board_session_finalize;

  /* The context's, for this window (after its own handlers). */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ORDERS_CHANGED] = g_signal_new ("orders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
wx_board_session_init (WxBoardSession *self)
{
  self->cancellable = g_cancellable_new ();
}

WxBoardSession *
wx_board_session_new (WxShopContext *context)
{
  WxBoardSession *self = g_object_new (WX_TYPE_BOARD_SESSION, NULL);
  WxDbWorker *worker = wx_shop_context_get_worker (context);
  WxDbListener *listener = wx_shop_context_get_listener (context);

  self->context = g_object_ref (context);
  wx_shop_context_hold (context);
  self->holding = TRUE;
  g_signal_connect (worker, "notify::online", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (worker, "notify::problem", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (listener, "notify::listening", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (listener, "notify::problem", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (listener, "resync", G_CALLBACK (reconnected_cb), self);
  /* A new window: who is logged in and every open order, as of now. */
  wx_shop_context_refresh (context);
  return self;
}

WxShopContext *
wx_board_session_get_context (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->context;
}

WxDbWorker *
wx_board_session_get_worker (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return wx_shop_context_get_worker (self->context);
}

GCancellable *
wx_board_session_get_cancellable (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->cancellable;
}


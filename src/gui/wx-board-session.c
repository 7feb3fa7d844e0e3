#define G_LOG_DOMAIN "wx-board-session"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/wx-workflow.h"
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
  /* Before the window's own handlers (it connects after this): they see
   * the roles set. */
  g_signal_connect (self->context, "loaded", G_CALLBACK (roles_follow_cb), self);
  g_signal_connect (self->context, "orders-changed", G_CALLBACK (panel_follows_cb), self);
  g_signal_connect (self->context, "notice", G_CALLBACK (context_notice_cb), self);
  g_signal_connect (self->context, "notice-withdrawn", G_CALLBACK (context_notice_withdrawn_cb), self);
  return panel;
}

void
wx_board_session_detach (WxBoardSession *self)
{
  if (self == NULL)
    return;
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

/* -------------------------------------------------------------- printing */

typedef struct {
  WxBoardSession *self;
  char           *number;
} Printing;

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Printing *p = user_data;
  g_autoptr(WxBoardSession) self = p->self;
  g_autofree char *number = p->number;
  g_autoptr(GError) error = NULL;

  g_free (p);
  if (!wx_print_order_finish (result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
          notice (self, text, TRUE);
        }
      return;
    }
  /* Said when done, so that "… printing" does not stay. */
  {
    g_autofree char *text = g_strdup_printf (_("The forms of order %s were sent to the printer."), number);
    notice (self, text, FALSE);
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
  Printing *p;

  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  p = g_new0 (Printing, 1);
  *p = (Printing) { g_object_ref (self), g_strdup (number) };
  wx_print_order_async (parent, wx_board_session_get_worker (self), number, docs,
                        *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                        self->cancellable, printed_cb, p);
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


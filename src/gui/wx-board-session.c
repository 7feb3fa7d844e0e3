#define G_LOG_DOMAIN "wx-board-session"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-board.h"
#include "db/wx-db-listener.h"
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

#define RELOAD_SECONDS 60

struct _WxBoardSession
{
  GObject        parent_instance;

  WxDbWorker    *worker;
  WxDbListener  *listener;
  GListStore    *orders;
  GCancellable  *cancellable;
  guint          reload_id;
  gboolean       loading;

  char          *login;
  char          *full_name;
  WxRole         roles;
  GPtrArray     *rest;              /* the orders not in the first screen yet */
  char          *load_error;        /* the notice of a load that failed, while shown */

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

#define FIRST_SCREEN_MIN        300
#define FIRST_SCREEN_PER_COLUMN 25

enum { PROP_0, PROP_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_LOADED, SIGNAL_ORDERS_UPDATED, SIGNAL_ORDERS_CHANGED, SIGNAL_NOTICE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
notice (WxBoardSession *self,
        const char     *text,
        gboolean        is_error)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, text, is_error);
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

static void
set_loading (WxBoardSession *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* --------------------------------------------------------------- loading */

static gboolean reload_cb (gpointer user_data);

static void
acknowledged_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error);
  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("cannot record that the returns were seen: %s", error->message);
}

/* The supervisor sent orders back to this user (维修服务记录单审核): a
 * notice, once; shown, they count as seen. */
static void
show_returns (WxBoardSession *self,
              GPtrArray      *returns)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < returns->len; i++)
    {
      const WxReviewReturn *r = g_ptr_array_index (returns, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: the supervisor returned an order: number, supervisor, comment */
      g_string_append_printf (text, _("Returned by the supervisor: %s (%s): %s"), r->number, r->reviewer, r->comment);
      g_array_append_val (ids, r->review_id);
    }
  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  notice (self, text->str, TRUE);
  wx_db_review_returns_acknowledge_async (self->worker, (const gint64 *) (gpointer) ids->data, ids->len,
                                          self->cancellable, acknowledged_cb, NULL);
  g_array_unref (ids);
}

/* The rest of the orders, once the first screen is drawn. */
static gboolean
fill_rest_cb (gpointer user_data)
{
  g_autoptr(WxBoardSession) self = user_data;

  if (self->rest == NULL)
    return G_SOURCE_REMOVE;
  wx_order_list_update (self->orders, self->rest, TRUE);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
  return G_SOURCE_REMOVE;
}

/* A board opening on many orders shows the most urgent of each column
 * first, drawn at once, and the rest when the main loop is idle again (a
 * list keeps up to 200 cards a column ready: making 1,200 cards before the
 * first frame took most of a second). FALSE when the store is filled the
 * plain way. */
static gboolean
fill_first_screen (WxBoardSession *self,
                   GPtrArray      *orders)
{
  g_autoptr(GPtrArray) first = NULL;

  g_clear_pointer (&self->rest, g_ptr_array_unref);
  if (self->board == NULL || orders->len <= FIRST_SCREEN_MIN ||
      g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0)
    return FALSE;
  first = wx_board_first_screen (self->board, orders, FIRST_SCREEN_PER_COLUMN);
  wx_order_list_update (self->orders, first, TRUE);
  self->rest = g_ptr_array_ref (orders);
  g_idle_add_full (G_PRIORITY_LOW, fill_rest_cb, g_object_ref (self), NULL);
  return TRUE;
}

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxBoardSession) self = user_data;
  g_autoptr(GError) error = NULL;
  WxDbBoard *b = wx_db_board_load_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&b, wx_db_board_free);
      return;
    }
  set_loading (self, FALSE);
  if (b == NULL)
    {
      g_free (self->load_error);
      self->load_error = g_strdup_printf (_("Cannot load the orders: %s"), error->message);
      notice (self, self->load_error, TRUE);
    }
  else
    {
      /* Loaded after all (the server is back): the old failure goes. */
      if (self->load_error && self->notice_revealer && self->notice_label &&
          g_strcmp0 (wx_notice_get (self->notice_revealer, self->notice_label), self->load_error) == 0)
        gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      g_clear_pointer (&self->load_error, g_free);
      g_free (self->login);
      g_free (self->full_name);
      self->login = g_steal_pointer (&b->login);
      self->full_name = g_steal_pointer (&b->full_name);
      self->roles = b->roles;
      if (!fill_first_screen (self, b->orders))
        wx_order_list_update (self->orders, b->orders, TRUE);
      show_returns (self, b->returns);
      wx_db_board_free (b);
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add_seconds (RELOAD_SECONDS, reload_cb, self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_board_session_refresh (WxBoardSession *self)
{
  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  if (self->loading)
    return;
  set_loading (self, TRUE);
  wx_db_board_load_async (self->worker, self->cancellable, board_loaded_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  WxBoardSession *self = user_data;

  self->reload_id = 0;
  /* The clocks move on with time: refresh the badges. */
  wx_board_session_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
ids_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WxBoardSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = wx_db_board_load_ids_finish (WX_DB_WORKER (source), result, &error);

  if (orders == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot reload changed orders: %s", error->message);
      return;
    }
  /* The rest of the first load goes in first: it is older. */
  if (self->rest)
    fill_rest_cb (g_object_ref (self));
  wx_order_list_update (self->orders, orders, FALSE);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

static void
reload_ids (WxBoardSession *self,
            GArray         *ids)
{
  /* Only the orders that changed (a notification, our own step). */
  wx_db_board_load_ids_async (self->worker, (const gint64 *) (gpointer) ids->data, ids->len, self->cancellable,
                              ids_loaded_cb, g_object_ref (self));
}

void
wx_board_session_reload_order (WxBoardSession *self,
                               gint64          id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (WX_IS_BOARD_SESSION (self));
  g_array_append_val (ids, id);
  reload_ids (self, ids);
}

static void
orders_changed_cb (WxDbListener   *listener,
                   GArray         *ids,
                   WxBoardSession *self)
{
  reload_ids (self, ids);
  g_signal_emit (self, signals[SIGNAL_ORDERS_CHANGED], 0, ids);
}

static void
resync_cb (WxDbListener   *listener,
           WxBoardSession *self)
{
  wx_board_session_refresh (self);
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
  order = wx_order_list_find (G_LIST_MODEL (self->orders), number, NULL);
  /* Not drawn yet, but loaded: the rest of a first screen. */
  for (guint i = 0; order == NULL && self->rest && i < self->rest->len; i++)
    if (g_strcmp0 (wx_order_get_number (g_ptr_array_index (self->rest, i)), number) == 0)
      order = g_object_ref (g_ptr_array_index (self->rest, i));
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
  gboolean worker_online = wx_db_worker_get_online (self->worker);
  gboolean lost = self->listener && !wx_db_listener_get_listening (self->listener) &&
                  wx_db_listener_get_problem (self->listener) != NULL;

  if (self->banner_revealer == NULL || self->banner_label == NULL)
    return;
  if (!worker_online || lost)
    {
      const char *problem = !worker_online ? wx_db_worker_get_problem (self->worker)
                                           : wx_db_listener_get_problem (self->listener);
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

static void
notice_shown_cb (WxBoardSession *self,
                 const char     *text,
                 gboolean        is_error,
                 gpointer        user_data)
{
  if (self->notice_revealer && self->notice_label)
    wx_notice_show (self->notice_revealer, self->notice_label, text, is_error);
}

static void
panel_follows_cb (WxBoardSession *self,
                  GArray         *ids,
                  gpointer        user_data)
{
  if (self->panel)
    wx_order_panel_orders_changed (self->panel, ids);
}

static void
roles_follow_cb (WxBoardSession *self,
                 GError         *error,
                 gpointer        user_data)
{
  if (error)
    return;
  if (self->board)
    wx_board_set_roles (self->board, self->roles);
  if (self->panel)
    wx_order_panel_set_roles (self->panel, self->roles);
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
                         const WxBoardWindowParts *parts)
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
  g_object_bind_property (self, "loading", parts->spinner, "spinning", G_BINDING_SYNC_CREATE);
  wx_board_set_model (parts->board, G_LIST_MODEL (self->orders));

  panel = wx_order_panel_new (self->worker);
  gtk_widget_set_vexpand (GTK_WIDGET (panel), TRUE);
  gtk_box_append (parts->detail_box, GTK_WIDGET (panel));
  g_set_weak_pointer (&self->panel, panel);
  g_signal_connect (panel, "step-requested", G_CALLBACK (panel_step_requested_cb), self);
  g_signal_connect (panel, "print-requested", G_CALLBACK (panel_print_requested_cb), self);
  /* Before the window's own handlers: they see the roles set. */
  g_signal_connect (self, "loaded", G_CALLBACK (roles_follow_cb), NULL);
  g_signal_connect (self, "orders-changed", G_CALLBACK (panel_follows_cb), NULL);
  g_signal_connect (self, "notice", G_CALLBACK (notice_shown_cb), NULL);
  return panel;
}

/* ------------------------------------------------------ board windows */

static GQuark
parts_offset_quark (void)
{
  return g_quark_from_static_string ("wx-board-window-parts-offset");
}

static WxBoardWindowParts *
parts_of (GtkWidget *window)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (G_OBJECT_TYPE (window), parts_offset_quark ()));

  return G_STRUCT_MEMBER_P (window, offset);
}

static void
dismiss_notice_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (parts_of (widget)->notice_revealer, FALSE);
}

static void
close_detail_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (parts_of (widget)->detail_revealer, FALSE);
}

void
wx_board_window_class_bind_parts (GtkWidgetClass *widget_class,
                                  gsize           parts_offset)
{
  static const struct { const char *id; gsize offset; } children[] = {
    { "spinner",         G_STRUCT_OFFSET (WxBoardWindowParts, spinner) },
    { "banner_revealer", G_STRUCT_OFFSET (WxBoardWindowParts, banner_revealer) },
    { "banner_label",    G_STRUCT_OFFSET (WxBoardWindowParts, banner_label) },
    { "notice_revealer", G_STRUCT_OFFSET (WxBoardWindowParts, notice_revealer) },
    { "notice_label",    G_STRUCT_OFFSET (WxBoardWindowParts, notice_label) },
    { "detail_box",      G_STRUCT_OFFSET (WxBoardWindowParts, detail_box) },
    { "detail_revealer", G_STRUCT_OFFSET (WxBoardWindowParts, detail_revealer) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].id, FALSE,
                                               (gssize) (parts_offset + children[i].offset));
  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), parts_offset_quark (), GSIZE_TO_POINTER (parts_offset));
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-detail", NULL, close_detail_action_cb);
}

void
wx_board_window_parts_init (WxBoardWindowParts *parts,
                            GtkBox             *board_box,
                            WxBoardLayout       layout,
                            WxStepChosenFunc    route,
                            gpointer            window)
{
  parts->board = WX_BOARD (wx_board_new (layout));
  gtk_widget_set_vexpand (GTK_WIDGET (parts->board), TRUE);
  gtk_box_append (board_box, GTK_WIDGET (parts->board));
  parts->route = route;
  parts->route_data = window;
}

WxBoardSession *
wx_board_session_attach_window (WxBoardSession           *self,
                                const WxBoardWindowParts *parts,
                                WxOrderPanel            **panel,
                                GCallback                 loaded,
                                GCallback                 orders_updated,
                                gpointer                  window)
{
  *panel = wx_board_session_attach (self, parts);
  g_signal_connect (self, "loaded", loaded, window);
  g_signal_connect (self, "orders-updated", orders_updated, window);
  return self;
}

void
wx_board_session_detach (WxBoardSession *self,
                         gpointer        window)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self, window);
  g_cancellable_cancel (self->cancellable);
}

void
wx_board_window_notice (const WxBoardWindowParts *parts,
                        const char               *text,
                        gboolean                  is_error)
{
  wx_notice_show (parts->notice_revealer, parts->notice_label, text, is_error);
}

const char *
wx_board_window_get_notice (const WxBoardWindowParts *parts)
{
  return wx_notice_get (parts->notice_revealer, parts->notice_label);
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
  wx_db_board_step_async (self->worker, wx_order_get_number (order), wx_order_get_version (order), event, data,
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
  dialog = wx_step_dialog_new (parent, self->worker, order, event);
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
          dialog = GTK_WINDOW (wx_visit_dialog_new (parent, self->worker, order, step));
          if (step == WX_VISIT_STEP_OUTCOME)
            wx_visit_dialog_set_outcome (WX_VISIT_DIALOG (dialog), outcome);
        }
      break;
    case WX_FORM_INSPECTION:
      dialog = GTK_WINDOW (wx_inspection_dialog_new (parent, self->worker, order));
      if (g_str_equal (event, "outsource"))
        wx_inspection_dialog_set_outsource (WX_INSPECTION_DIALOG (dialog), TRUE);
      break;
    case WX_FORM_REPAIR:
      dialog = GTK_WINDOW (wx_repair_dialog_new (parent, self->worker, order));
      break;
    case WX_FORM_PART_ORDER:
      dialog = GTK_WINDOW (wx_part_order_dialog_new (parent, self->worker, order));
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
  wx_print_order_async (parent, self->worker, number, docs,
                        *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                        self->cancellable, printed_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ the object */

static void
wx_board_session_dispose (GObject *object)
{
  WxBoardSession *self = WX_BOARD_SESSION (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);
  g_cancellable_cancel (self->cancellable);
  if (self->listener)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  if (self->worker)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_weak_pointer (&self->banner_revealer);
  g_clear_weak_pointer (&self->banner_label);
  g_clear_weak_pointer (&self->notice_revealer);
  g_clear_weak_pointer (&self->notice_label);
  g_clear_weak_pointer (&self->board);
  g_clear_weak_pointer (&self->panel);
  g_clear_weak_pointer (&self->detail_revealer);
  g_clear_object (&self->listener);
  G_OBJECT_CLASS (wx_board_session_parent_class)->dispose (object);
}

static void
wx_board_session_finalize (GObject *object)
{
  WxBoardSession *self = WX_BOARD_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->orders);
  g_free (self->login);
  g_free (self->full_name);
  G_OBJECT_CLASS (wx_board_session_parent_class)->finalize (object);
}

static void
wx_board_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WxBoardSession *self = WX_BOARD_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_board_session_class_init (WxBoardSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wx_board_session_dispose;
  object_class->finalize = wx_board_session_finalize;
  object_class->get_property = wx_board_session_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WxBoardSession::loaded:
   * @error: (nullable): why the orders could not be loaded
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Changed orders were brought up to date (a notification, a step). */
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WxBoardSession::orders-changed:
   * @ids: (element-type gint64): the orders another PC (or this one) changed
   */
  signals[SIGNAL_ORDERS_CHANGED] = g_signal_new ("orders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  /**
   * WxBoardSession::notice:
   * @text: a sentence for the user
   * @is_error: whether something failed
   */
  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
wx_board_session_init (WxBoardSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->orders = g_list_store_new (WX_TYPE_ORDER);
}

WxBoardSession *
wx_board_session_new (const char *conninfo)
{
  WxBoardSession *self = g_object_new (WX_TYPE_BOARD_SESSION, NULL);

  self->worker = wx_db_worker_new (conninfo);
  g_signal_connect (self->worker, "notify::online", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (self->worker, "notify::problem", G_CALLBACK (online_changed_cb), self);
  self->listener = wx_db_listener_new (conninfo);
  g_signal_connect (self->listener, "notify::listening", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (self->listener, "notify::problem", G_CALLBACK (online_changed_cb), self);
  g_signal_connect (self->listener, "orders-changed", G_CALLBACK (orders_changed_cb), self);
  g_signal_connect (self->listener, "resync", G_CALLBACK (resync_cb), self);
  g_signal_connect (self->listener, "resync", G_CALLBACK (reconnected_cb), self);
  /* Hours, holidays or clock limits changed on some PC: every clock again. */
  g_signal_connect (self->listener, "settings-changed", G_CALLBACK (resync_cb), self);
  wx_board_session_refresh (self);
  return self;
}

WxDbWorker *
wx_board_session_get_worker (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->worker;
}

GListModel *
wx_board_session_get_orders (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return G_LIST_MODEL (self->orders);
}

const char *
wx_board_session_get_login (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->login;
}

const char *
wx_board_session_get_full_name (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->full_name;
}

WxRole
wx_board_session_get_roles (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), WX_ROLE_NONE);
  return self->roles;
}

GCancellable *
wx_board_session_get_cancellable (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), NULL);
  return self->cancellable;
}

gboolean
wx_board_session_get_loading (WxBoardSession *self)
{
  g_return_val_if_fail (WX_IS_BOARD_SESSION (self), FALSE);
  return self->loading;
}

#define G_LOG_DOMAIN "wx-board-window"

#include <glib/gi18n.h>

#include "core/wx-visit.h"
#include "core/wx-workflow.h"
#include "db/wx-db-board.h"
#include "dialogs/wx-inspection-dialog.h"
#include "dialogs/wx-part-order-dialog.h"
#include "dialogs/wx-repair-dialog.h"
#include "dialogs/wx-visit-dialog.h"
#include "wx-board-window.h"

typedef struct
{
  /* From the desk's template. */
  GtkSpinner     *spinner;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  GtkRevealer    *notice_revealer;
  GtkLabel       *notice_label;
  GtkBox         *detail_box;
  GtkRevealer    *detail_revealer;

  WxBoard        *board;
  WxOrderPanel   *panel;
  WxBoardSession *session;
  GtkWindow      *step_dialog;    /* weak: the generic step dialog open now */
  GtkWindow      *form_dialog;    /* weak: the form dialog open now */
} WxBoardWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WxBoardWindow, wx_board_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNAL_LOADED, SIGNAL_ORDERS_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define PRIV(self) ((WxBoardWindowPrivate *) wx_board_window_get_instance_private (WX_BOARD_WINDOW (self)))

/* The context's signals, after the session's own handlers. */
static void
context_loaded_cb (WxShopContext  *context,
                   GError         *error,
                   WxBoardWindow  *self)
{
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

static void
context_orders_updated_cb (WxShopContext  *context,
                           WxBoardWindow  *self)
{
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

static void
context_orders_changed_cb (WxShopContext  *context,
                           GArray         *ids,
                           WxBoardWindow  *self)
{
  WxBoardWindowClass *klass = WX_BOARD_WINDOW_GET_CLASS (self);

  if (klass->orders_changed)
    klass->orders_changed (self, ids);
}

static void
step_chosen (gpointer    user_data,
             WxOrder    *order,
             const char *event)
{
  wx_board_window_route_step (WX_BOARD_WINDOW (user_data), order, event);
}

/* ----------------------------------------------------------------- steps */

static void
reload_order (WxBoardWindow *self,
              WxOrder       *order)
{
  wx_shop_context_reload_order (wx_board_session_get_context (PRIV (self)->session), wx_order_get_id (order));
}

void
wx_board_window_step_saved (WxBoardWindow *self,
                            WxOrder       *order,
                            const char    *event)
{
  g_autofree char *text = NULL;

  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  text = g_strdup_printf (_("%s: %s — saved."), wx_order_get_number (order), wx_workflow_event_label (event));
  wx_board_window_notice (self, text, FALSE);
  reload_order (self, order);
}

typedef struct {
  WxBoardWindow *self;
  WxOrder       *order;
  char          *event;
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
    wx_board_window_step_saved (s->self, s->order, s->event);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), wx_order_get_number (s->order), error->message);
      wx_board_window_notice (s->self, text, TRUE);
      /* A conflict: show the order as it is now. */
      reload_order (s->self, s->order);
    }
  g_object_unref (s->self);
  g_object_unref (s->order);
  g_free (s->event);
  g_free (s);
}

void
wx_board_window_run_step (WxBoardWindow *self,
                          WxOrder       *order,
                          const char    *event,
                          GHashTable    *data)
{
  StepDone *s;

  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  s = g_new0 (StepDone, 1);
  s->self = g_object_ref (self);
  s->order = g_object_ref (order);
  s->event = g_strdup (event);
  /* As the card showed it: a change meanwhile is a conflict, said so. */
  wx_db_board_step_async (wx_board_window_get_worker (self), wx_order_get_number (order), wx_order_get_version (order),
                          event, data, wx_board_window_get_cancellable (self), step_ran_cb, s);
}

static void
dialog_finished_cb (WxStepDialog   *dialog,
                    const GError   *error,
                    WxBoardWindow  *self)
{
  if (error)
    return;   /* the dialog shows it and stays open */
  wx_board_window_step_saved (self, wx_step_dialog_get_order (dialog), wx_step_dialog_get_event (dialog));
}

static void
dialog_no_answer_cb (WxStepDialog   *dialog,
                     WxBoardWindow  *self)
{
  g_autofree char *text = g_strdup_printf (_("%s: nobody answered; the attempt is logged and the order comes back on the call list tomorrow."),
                                           wx_order_get_number (wx_step_dialog_get_order (dialog)));

  wx_board_window_notice (self, text, FALSE);
}

WxStepDialog *
wx_board_window_open_step_dialog (WxBoardWindow *self,
                                  WxOrder       *order,
                                  const char    *event)
{
  WxStepDialog *dialog;

  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  dialog = wx_step_dialog_new (GTK_WINDOW (self), wx_board_window_get_worker (self), order, event);
  g_set_weak_pointer (&PRIV (self)->step_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (dialog_finished_cb), self, 0);
  g_signal_connect_object (dialog, "no-answer", G_CALLBACK (dialog_no_answer_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
form_finished_cb (GtkWindow      *dialog,
                  const GError   *error,
                  WxBoardWindow  *self)
{
  WxOrder *order = g_object_get_data (G_OBJECT (dialog), "wx-order");
  const char *event = g_object_get_data (G_OBJECT (dialog), "wx-event");

  if (error == NULL)
    wx_board_window_step_saved (self, order, event);
}

/* The dialog that the step catalogue's `form` names for `event` on `order`
 * (an inspection or a peer shop, the repair record, a part order and its
 * arrival, a visit's steps), shown; NULL when the step takes the generic
 * dialog or none. The one place that maps forms to dialogs, for every desk. */
GtkWindow *
wx_board_window_open_form (WxBoardWindow *self,
                           WxOrder       *order,
                           const char    *event)
{
  const WxTransition *t = wx_workflow_find (wx_order_get_kind (order), wx_order_get_state (order), event);
  GtkWindow *parent = GTK_WINDOW (self);
  WxDbWorker *worker = wx_board_window_get_worker (self);
  GtkWindow *dialog = NULL;
  WxVisitStep step;
  WxVisitOutcome outcome;

  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  if (t == NULL)
    return NULL;
  switch (t->form)
    {
    case WX_FORM_VISIT:
      if (wx_visit_step_for_event (event, wx_order_get_state (order), &step, &outcome))
        {
          dialog = GTK_WINDOW (wx_visit_dialog_new (parent, worker, order, step));
          if (step == WX_VISIT_STEP_OUTCOME)
            wx_visit_dialog_set_outcome (WX_VISIT_DIALOG (dialog), outcome);
        }
      break;
    case WX_FORM_INSPECTION:
      dialog = GTK_WINDOW (wx_inspection_dialog_new (parent, worker, order));
      if (g_str_equal (event, "outsource"))
        wx_inspection_dialog_set_outsource (WX_INSPECTION_DIALOG (dialog), TRUE);
      break;
    case WX_FORM_REPAIR:
      dialog = GTK_WINDOW (wx_repair_dialog_new (parent, worker, order));
      break;
    case WX_FORM_PART_ORDER:
      dialog = GTK_WINDOW (wx_part_order_dialog_new (parent, worker, order));
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
  g_set_weak_pointer (&PRIV (self)->form_dialog, dialog);
  gtk_window_present (dialog);
  return dialog;
}

/* Takes `event` on `order` as the catalogue says: in the dialog its form
 * names, in the generic step dialog (returned) when it has fields, else at
 * once. */
WxStepDialog *
wx_board_window_take_step (WxBoardWindow *self,
                           WxOrder       *order,
                           const char    *event)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  if (wx_board_window_open_form (self, order, event))
    return NULL;
  if (wx_step_dialog_has_fields (event, wx_order_get_kind (order), wx_order_get_state (order)))
    return wx_board_window_open_step_dialog (self, order, event);
  wx_board_window_run_step (self, order, event, NULL);
  return NULL;
}

/* The generic way: the step's form, its step dialog, or at once. */
static void
wx_board_window_real_route_step (WxBoardWindow *self,
                                 WxOrder       *order,
                                 const char    *event)
{
  wx_board_window_take_step (self, order, event);
}

static void
dismiss_notice_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (PRIV (widget)->notice_revealer, FALSE);
}

static void
close_detail_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (PRIV (widget)->detail_revealer, FALSE);
}

static void
wx_board_window_dispose (GObject *object)
{
  WxBoardWindowPrivate *priv = PRIV (object);

  /* The context stays for the login's other windows. */
  if (priv->session)
    g_signal_handlers_disconnect_by_data (wx_board_session_get_context (priv->session), object);
  wx_board_session_detach (priv->session);
  g_clear_weak_pointer (&priv->step_dialog);
  g_clear_weak_pointer (&priv->form_dialog);
  /* The desk's template (the window's own type). */
  gtk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));
  G_OBJECT_CLASS (wx_board_window_parent_class)->dispose (object);
}

static void
wx_board_window_finalize (GObject *object)
{
  g_clear_object (&PRIV (object)->session);
  G_OBJECT_CLASS (wx_board_window_parent_class)->finalize (object);
}

static void
wx_board_window_class_init (WxBoardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_board_window_dispose;
  object_class->finalize = wx_board_window_finalize;
  klass->route_step = wx_board_window_real_route_step;

  /**
   * WxBoardWindow::loaded:
   * @error: (nullable): why the board could not be loaded
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                         G_STRUCT_OFFSET (WxBoardWindowClass, loaded),
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Changed orders were brought up to date (a notification, a step). */
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                                 G_STRUCT_OFFSET (WxBoardWindowClass, orders_updated),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-detail", NULL, close_detail_action_cb);
}

static void
wx_board_window_init (WxBoardWindow *self)
{
}

void
wx_board_window_class_bind_template (GtkWidgetClass *widget_class)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), WX_TYPE_BOARD_WINDOW));
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, banner_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, banner_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, notice_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, notice_label);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, detail_box);
  gtk_widget_class_bind_template_child_private (widget_class, WxBoardWindow, detail_revealer);
}

void
wx_board_window_add_board (WxBoardWindow *self,
                           GtkBox        *board_box,
                           WxBoardLayout  layout)
{
  WxBoardWindowPrivate *priv;

  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  priv = PRIV (self);
  priv->board = WX_BOARD (wx_board_new (layout));
  gtk_widget_set_vexpand (GTK_WIDGET (priv->board), TRUE);
  gtk_box_append (board_box, GTK_WIDGET (priv->board));
}

void
wx_board_window_attach (WxBoardWindow *self,
                        WxShopContext *context)
{
  WxBoardWindowPrivate *priv;
  WxBoardSessionWidgets widgets;

  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  priv = PRIV (self);
  g_return_if_fail (priv->board != NULL && priv->session == NULL);
  widgets = (WxBoardSessionWidgets) {
    .board = priv->board,
    .spinner = priv->spinner,
    .banner_revealer = priv->banner_revealer,
    .banner_label = priv->banner_label,
    .notice_revealer = priv->notice_revealer,
    .notice_label = priv->notice_label,
    .detail_box = priv->detail_box,
    .detail_revealer = priv->detail_revealer,
    .route = step_chosen,
    .route_data = self,
  };
  priv->session = wx_board_session_new (context);
  priv->panel = wx_board_session_attach (priv->session, &widgets);
  g_signal_connect (context, "loaded", G_CALLBACK (context_loaded_cb), self);
  g_signal_connect (context, "orders-updated", G_CALLBACK (context_orders_updated_cb), self);
  g_signal_connect (context, "orders-changed", G_CALLBACK (context_orders_changed_cb), self);
}

gpointer
wx_board_window_new (GType          type,
                     WxApplication *app,
                     const char    *conninfo)
{
  /* The orders load while the window is built. */
  g_autoptr(WxShopContext) context = NULL;
  WxBoardWindow *self;

  g_return_val_if_fail (g_type_is_a (type, WX_TYPE_BOARD_WINDOW), NULL);
  context = wx_application_get_context (app, conninfo);
  self = g_object_new (type, "application", app, NULL);
  wx_board_window_attach (self, context);
  return self;
}

WxBoardSession *
wx_board_window_get_session (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return PRIV (self)->session;
}

WxBoard *
wx_board_window_get_board (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return PRIV (self)->board;
}

WxOrderPanel *
wx_board_window_get_panel (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return PRIV (self)->panel;
}

GListModel *
wx_board_window_get_orders (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return wx_shop_context_get_orders (wx_board_session_get_context (PRIV (self)->session));
}

WxDbWorker *
wx_board_window_get_worker (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return wx_board_session_get_worker (PRIV (self)->session);
}

GCancellable *
wx_board_window_get_cancellable (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return wx_board_session_get_cancellable (PRIV (self)->session);
}

void
wx_board_window_notice (WxBoardWindow *self,
                        const char    *text,
                        gboolean       is_error)
{
  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  wx_notice_show (PRIV (self)->notice_revealer, PRIV (self)->notice_label, text, is_error);
}

const char *
wx_board_window_get_notice (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return wx_notice_get (PRIV (self)->notice_revealer, PRIV (self)->notice_label);
}

void
wx_board_window_open_order (WxBoardWindow *self,
                            const char    *number)
{
  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  wx_board_session_open_order (PRIV (self)->session, number);
}

WxStepDialog *
wx_board_window_get_step_dialog (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return PRIV (self)->step_dialog ? WX_STEP_DIALOG (PRIV (self)->step_dialog) : NULL;
}

GtkWindow *
wx_board_window_get_form_dialog (WxBoardWindow *self)
{
  g_return_val_if_fail (WX_IS_BOARD_WINDOW (self), NULL);
  return PRIV (self)->form_dialog;
}

void
wx_board_window_route_step (WxBoardWindow *self,
                            WxOrder       *order,
                            const char    *event)
{
  g_return_if_fail (WX_IS_BOARD_WINDOW (self));
  WX_BOARD_WINDOW_GET_CLASS (self)->route_step (self, order, event);
}

#define G_LOG_DOMAIN "wx-supervisor-window"

#include <glib/gi18n.h>

#include "db/wx-db-callbacks.h"
#include "db/wx-db-jobs.h"
#include "db/wx-db-messages.h"
#include "db/wx-db-listener.h"
#include "supervisor/wx-callback-page.h"
#include "supervisor/wx-complaint-page.h"
#include "supervisor/wx-archive-page.h"
#include "supervisor/wx-escalation-page.h"
#include "supervisor/wx-messages-page.h"
#include "supervisor/wx-report-view.h"
#include "supervisor/wx-review-page.h"
#include "supervisor/wx-settings-page.h"
#include "supervisor/wx-staff-page.h"
#include "supervisor/wx-templates-page.h"
#include "wx-board-window.h"
#include "wx-supervisor-window.h"

/* The automatic escalations and callback lists are made by the sweep, run
 * at start and every few minutes while a supervisor's window is open. */
#define SWEEP_SECONDS (5 * 60)

static const char *const page_names[] = {
  "report", "review", "callbacks", "complaints", "escalations", "folders", "archive", "settings", "staff",
  "messages", "templates",
};

struct _WxSupervisorWindow
{
  WxBoardWindow parent_instance;

  GtkStack          *stack;
  GtkStackPage      *settings_page;
  GtkStackPage      *staff_page;
  GtkBox            *board_box;
  GtkBox            *report_box;
  GtkBox            *review_box;
  GtkBox            *callbacks_box;
  GtkBox            *complaints_box;
  GtkBox            *escalations_box;
  GtkBox            *archive_box;
  GtkBox            *settings_box;
  GtkBox            *staff_box;
  GtkBox            *messages_box;
  GtkBox            *templates_box;
  GtkLabel          *status_label;
  GtkLabel          *jobs_label;
  AdwWindowTitle    *window_title;

  WxDbWorker *worker;   /* the window's (wx_board_window_get_worker) */
  GListModel *orders;   /* the window's (wx_board_window_get_orders) */
  GCancellable *cancellable;   /* the window's (wx_board_window_get_cancellable) */

  WxReportView      *report_view;
  WxReviewPage      *review_page;
  char              *decided;        /* the order just passed or returned, while the panel shows it */
  WxCallbackPage    *callback_page;
  WxComplaintPage   *complaint_page;
  WxEscalationPage  *escalation_page;
  WxArchivePage     *archive_page;
  WxSettingsPage    *settings_view;
  WxStaffPage       *staff_view;
  WxMessagesPage    *messages_page;
  WxTemplatesPage   *templates_view;

  guint              sweep_id;
  gboolean           sweeping;
};

#define SESSION(self) wx_board_window_get_session (WX_BOARD_WINDOW (self))
#define CONTEXT(self) wx_board_session_get_context (SESSION (self))

G_DEFINE_FINAL_TYPE (WxSupervisorWindow, wx_supervisor_window, WX_TYPE_BOARD_WINDOW)

enum { SIGNAL_SWEPT, N_SIGNALS };
static guint signals[N_SIGNALS];

const char *
wx_supervisor_window_get_jobs_text (WxSupervisorWindow *self)
{
  g_return_val_if_fail (WX_IS_SUPERVISOR_WINDOW (self), NULL);
  return gtk_label_get_text (self->jobs_label);
}

/* ----------------------------------------------------------------- pages */

static GtkBox *
page_box (WxSupervisorWindow *self,
          const char         *name)
{
  GtkBox *boxes[] = {
    self->report_box, self->review_box, self->callbacks_box, self->complaints_box,
    self->escalations_box, self->board_box, self->archive_box, self->settings_box, self->staff_box,
    self->messages_box, self->templates_box,
  };

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return boxes[i];
  return NULL;
}

GtkWidget *
wx_supervisor_window_get_page_widget (WxSupervisorWindow *self,
                                      const char         *name)
{
  GtkBox *box;

  g_return_val_if_fail (WX_IS_SUPERVISOR_WINDOW (self), NULL);
  box = page_box (self, name);
  if (box == NULL)
    return NULL;
  if (box == self->board_box)
    return GTK_WIDGET (wx_board_window_get_board (WX_BOARD_WINDOW (self)));
  return gtk_widget_get_first_child (GTK_WIDGET (box));
}

const char *
wx_supervisor_window_get_page (WxSupervisorWindow *self)
{
  g_return_val_if_fail (WX_IS_SUPERVISOR_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WxSupervisorWindow *self = WX_SUPERVISOR_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *child = gtk_stack_get_child_by_name (self->stack, name);

  if (child && gtk_stack_page_get_visible (gtk_stack_get_page (self->stack, child)))
    gtk_stack_set_visible_child (self->stack, child);
}

/* Settings and staff are the administrator's. */
static void
update_admin_pages (WxSupervisorWindow *self)
{
  gboolean admin = (wx_shop_context_get_roles (CONTEXT (self)) & WX_ROLE_ADMIN) != 0;

  /* Loaded the first time they show. */
  if (admin && !gtk_stack_page_get_visible (self->settings_page))
    {
      wx_settings_page_set_worker (self->settings_view, self->worker);
      wx_settings_page_reload (self->settings_view);
      wx_staff_page_set_worker (self->staff_view, self->worker);
      wx_staff_page_reload (self->staff_view);
    }
  gtk_stack_page_set_visible (self->settings_page, admin);
  gtk_stack_page_set_visible (self->staff_page, admin);
}

/* A page asks to see an order: the panel at the right shows it. */
static void
page_open_order_cb (GtkWidget          *page,
                    const char         *number,
                    WxSupervisorWindow *self)
{
  wx_board_window_open_order (WX_BOARD_WINDOW (self), number);
}

/* The order shown in the panel was just passed or returned on the review
 * page: the panel moves on with the page to the order it selects next (or
 * closes), rather than keep the decided one with its buttons. */
static void
review_decided_cb (WxReviewPage       *page,
                   const char         *number,
                   WxSupervisorWindow *self)
{
  WxOrderPanel *panel = wx_board_window_get_panel (WX_BOARD_WINDOW (self));

  g_clear_pointer (&self->decided, g_free);
  if (panel && gtk_widget_get_mapped (GTK_WIDGET (panel)) &&
      g_strcmp0 (wx_order_panel_get_number (panel), number) == 0)
    self->decided = g_strdup (number);
}

static void
review_order_loaded_cb (WxReviewPage       *page,
                        GError             *error,
                        WxSupervisorWindow *self)
{
  WxOrderPanel *panel = wx_board_window_get_panel (WX_BOARD_WINDOW (self));
  const WxReviewOrder *order = wx_review_page_get_order (page);
  g_autofree char *decided = g_steal_pointer (&self->decided);

  if (decided == NULL || panel == NULL || g_strcmp0 (wx_order_panel_get_number (panel), decided) != 0)
    return;
  if (order)
    wx_board_window_open_order (WX_BOARD_WINDOW (self), order->number);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.close-detail", NULL);
}

/* With the order panel open the review page stacks its queue above the
 * checklist: side by side, they and the panel do not fit in 1024 pixels. */
static void
panel_mapped_cb (GtkWidget          *panel,
                 WxSupervisorWindow *self)
{
  wx_review_page_set_narrow (self->review_page, gtk_widget_get_mapped (panel));
}

/* Callbacks, complaints or escalations changed on some PC (or this one):
 * their pages follow, as the boards follow the orders. */
static void
feedback_changed_cb (WxDbListener       *listener,
                     WxSupervisorWindow *self)
{
  wx_callback_page_reload (self->callback_page);
  wx_complaint_page_reload (self->complaint_page);
  wx_escalation_page_reload (self->escalation_page);
}

/* Every page is a WxPage: its "open-order" shows the order in the panel. */
static void
add_page (WxSupervisorWindow *self,
          const char         *name,
          WxPage             *page)
{
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (page_box (self, name), GTK_WIDGET (page));
  g_signal_connect (page, "open-order", G_CALLBACK (page_open_order_cb), self);
}

/* Orders changed on some PC: the lists made of them follow. */
static void
wx_supervisor_window_orders_changed (WxBoardWindow *window,
                                     GArray        *ids)
{
  WxSupervisorWindow *self = WX_SUPERVISOR_WINDOW (window);

  wx_review_page_reload (self->review_page);
  wx_escalation_page_reload (self->escalation_page);
}

/* ------------------------------------------------------------------ board */

static void
update_status (WxSupervisorWindow *self)
{
  guint n = g_list_model_get_n_items (self->orders);
  const char *name = wx_shop_context_get_full_name (CONTEXT (self));
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("%s (supervisor) · %u open order", "%s (supervisor) · %u open orders", n),
                          name && *name ? name : wx_shop_context_get_login (CONTEXT (self)), n);
  gtk_label_set_text (self->status_label, text);
}

static void
wx_supervisor_window_loaded (WxBoardWindow *window,
                             const GError  *error)
{
  if (error == NULL)
    {
      update_status (WX_SUPERVISOR_WINDOW (window));
      update_admin_pages (WX_SUPERVISOR_WINDOW (window));
    }
}

static void
wx_supervisor_window_orders_updated (WxBoardWindow *window)
{
  update_status (WX_SUPERVISOR_WINDOW (window));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WxSupervisorWindow *self = WX_SUPERVISOR_WINDOW (widget);

  wx_board_session_refresh (SESSION (self));
  wx_supervisor_window_sweep (self);
}

/* ------------------------------------------------------------------ jobs */

/* When `weixiu-admin jobs run` (the server's timer, or the app on a single
 * PC) last ran, or which job failed and why. */
static void
jobs_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxSupervisorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxJobRun) last = wx_db_jobs_last_finish (WX_DB_WORKER (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error)
    text = g_strdup (_("When the periodic jobs last ran cannot be read."));
  else if (last == NULL)
    text = g_strdup (_("The periodic jobs have not run yet (weixiu-admin jobs run)."));
  else if (last->ok)
    text = g_strdup_printf (_("Periodic jobs last ran %s."), last->finished_text);
  else
    text = g_strdup_printf (_("The periodic job “%s” failed at %s: %s"), last->job, last->finished_text, last->detail);
  gtk_label_set_text (self->jobs_label, text);
  /* A failure also waits on the escalation page until the job succeeds. */
  wx_escalation_page_set_job_failure (self->escalation_page, last && !last->ok ? text : NULL);
}

/* Messages given up after their last retry wait on the escalation page
 * until resent (or a week old). */
static void
given_up_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WxSupervisorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  int n = wx_db_messages_given_up_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  wx_escalation_page_set_given_up (self->escalation_page, n);
}

static void
load_jobs (WxSupervisorWindow *self)
{
  wx_db_jobs_last_async (self->worker, self->cancellable, jobs_loaded_cb, g_object_ref (self));
  wx_db_messages_given_up_async (self->worker, self->cancellable, given_up_loaded_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ sweep */

static void
swept_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WxSupervisorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree WxSweepCounts *counts = wx_db_supervisor_sweep_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->sweeping = FALSE;
  load_jobs (self);
  if (counts && counts->undiagnosed + counts->overdue_parts + counts->late_decisions + counts->callbacks > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (counts->undiagnosed > 0)
        g_string_append_printf (text, ngettext ("%d order not diagnosed within a week was escalated.",
                                                "%d orders not diagnosed within a week were escalated.",
                                                counts->undiagnosed), counts->undiagnosed);
      if (counts->overdue_parts > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append_printf (text, ngettext ("%d overdue part order was escalated.",
                                                  "%d overdue part orders were escalated.",
                                                  counts->overdue_parts), counts->overdue_parts);
        }
      if (counts->late_decisions > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append_printf (text, ngettext ("%d quote without a decision after 2 working days was escalated.",
                                                  "%d quotes without a decision after 2 working days were escalated.",
                                                  counts->late_decisions), counts->late_decisions);
        }
      if (counts->callbacks > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append_printf (text, ngettext ("%d callback was added to the lists.",
                                                  "%d callbacks were added to the lists.",
                                                  counts->callbacks), counts->callbacks);
        }
      wx_board_window_notice (WX_BOARD_WINDOW (self), text->str, FALSE);
    }
  if (counts && counts->undiagnosed + counts->overdue_parts + counts->late_decisions > 0)
    wx_escalation_page_reload (self->escalation_page);
  if (counts && counts->callbacks > 0)
    wx_callback_page_reload (self->callback_page);
  else if (error)
    g_warning ("the sweep failed: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_SWEPT], 0, error);
}

void
wx_supervisor_window_sweep (WxSupervisorWindow *self)
{
  g_return_if_fail (WX_IS_SUPERVISOR_WINDOW (self));
  if (self->sweeping)
    return;
  self->sweeping = TRUE;
  wx_db_supervisor_sweep_async (self->worker, self->cancellable, swept_cb, g_object_ref (self));
}

static gboolean
sweep_timeout_cb (gpointer user_data)
{
  wx_supervisor_window_sweep (user_data);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------- the window */

static void
wx_supervisor_window_dispose (GObject *object)
{
  WxSupervisorWindow *self = WX_SUPERVISOR_WINDOW (object);

  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_pointer (&self->decided, g_free);
  G_OBJECT_CLASS (wx_supervisor_window_parent_class)->dispose (object);
}

static void
wx_supervisor_window_class_init (WxSupervisorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxBoardWindowClass *board_class = WX_BOARD_WINDOW_CLASS (klass);

  object_class->dispose = wx_supervisor_window_dispose;
  board_class->loaded = wx_supervisor_window_loaded;
  board_class->orders_updated = wx_supervisor_window_orders_updated;
  board_class->orders_changed = wx_supervisor_window_orders_changed;
  /**
   * WxSupervisorWindow::swept:
   * @error: (nullable): why the sweep failed
   */
  signals[SIGNAL_SWEPT] = g_signal_new ("swept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-supervisor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, settings_page);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, staff_page);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, report_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, review_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, callbacks_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, complaints_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, escalations_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, archive_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, settings_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, staff_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, messages_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, templates_box);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, jobs_label);
  gtk_widget_class_bind_template_child (widget_class, WxSupervisorWindow, window_title);
  wx_board_window_class_bind_template (widget_class);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  for (guint i = 0; i < MIN (G_N_ELEMENTS (page_names), 9); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
wx_supervisor_window_init (WxSupervisorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wx_board_window_add_board (WX_BOARD_WINDOW (self), self->board_box, WX_BOARD_FOLDERS);
  self->report_view = WX_REPORT_VIEW (wx_report_view_new ());
  add_page (self, "report", WX_PAGE (self->report_view));
  self->review_page = wx_review_page_new ();
  add_page (self, "review", WX_PAGE (self->review_page));
  g_signal_connect (self->review_page, "decided", G_CALLBACK (review_decided_cb), self);
  g_signal_connect (self->review_page, "order-loaded", G_CALLBACK (review_order_loaded_cb), self);
  self->callback_page = WX_CALLBACK_PAGE (wx_callback_page_new ());
  add_page (self, "callbacks", WX_PAGE (self->callback_page));
  self->complaint_page = WX_COMPLAINT_PAGE (wx_complaint_page_new ());
  add_page (self, "complaints", WX_PAGE (self->complaint_page));
  self->escalation_page = WX_ESCALATION_PAGE (wx_escalation_page_new ());
  add_page (self, "escalations", WX_PAGE (self->escalation_page));
  self->archive_page = WX_ARCHIVE_PAGE (wx_archive_page_new ());
  add_page (self, "archive", WX_PAGE (self->archive_page));
  self->settings_view = WX_SETTINGS_PAGE (wx_settings_page_new ());
  add_page (self, "settings", WX_PAGE (self->settings_view));
  self->staff_view = WX_STAFF_PAGE (wx_staff_page_new ());
  add_page (self, "staff", WX_PAGE (self->staff_view));
  self->messages_page = WX_MESSAGES_PAGE (wx_messages_page_new ());
  add_page (self, "messages", WX_PAGE (self->messages_page));
  self->templates_view = WX_TEMPLATES_PAGE (wx_templates_page_new ());
  add_page (self, "templates", WX_PAGE (self->templates_view));
}

WxSupervisorWindow *
wx_supervisor_window_new (WxApplication *app,
                          const char    *conninfo)
{
  WxSupervisorWindow *self = wx_board_window_new (WX_TYPE_SUPERVISOR_WINDOW, app, conninfo);

  self->worker = wx_board_window_get_worker (WX_BOARD_WINDOW (self));
  self->orders = wx_board_window_get_orders (WX_BOARD_WINDOW (self));
  self->cancellable = wx_board_window_get_cancellable (WX_BOARD_WINDOW (self));
  {
    GtkWidget *panel = GTK_WIDGET (wx_board_window_get_panel (WX_BOARD_WINDOW (self)));

    g_signal_connect_object (panel, "map", G_CALLBACK (panel_mapped_cb), self, 0);
    g_signal_connect_object (panel, "unmap", G_CALLBACK (panel_mapped_cb), self, 0);
  }
  g_signal_connect_object (wx_shop_context_get_listener (wx_board_session_get_context (wx_board_window_get_session (WX_BOARD_WINDOW (self)))),
                           "feedback-changed",
                           G_CALLBACK (feedback_changed_cb), self, 0);
  wx_report_view_set_worker (self->report_view, self->worker);
  wx_report_view_reload (self->report_view);
  wx_review_page_set_worker (self->review_page, self->worker);
  wx_review_page_reload (self->review_page);
  wx_callback_page_set_worker (self->callback_page, self->worker);
  wx_callback_page_reload (self->callback_page);
  wx_complaint_page_set_worker (self->complaint_page, self->worker);
  wx_complaint_page_reload (self->complaint_page);
  wx_escalation_page_set_worker (self->escalation_page, self->worker);
  wx_escalation_page_reload (self->escalation_page);
  /* Loaded when first shown. */
  wx_page_set_worker (WX_PAGE (self->messages_page), self->worker);
  wx_page_set_worker (WX_PAGE (self->templates_view), self->worker);
  wx_page_set_worker (WX_PAGE (self->archive_page), self->worker);
  wx_supervisor_window_sweep (self);
  self->sweep_id = g_timeout_add_seconds (SWEEP_SECONDS, sweep_timeout_cb, self);
  return self;
}

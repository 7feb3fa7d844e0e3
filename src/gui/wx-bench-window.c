#define G_LOG_DOMAIN "wx-bench-window"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "bench/wx-bench-my-work.h"
#include "bench/wx-bench-note-bar.h"
#include "bench/wx-bench-work-log.h"
#include "wx-bench-window.h"
#include "wx-board-window.h"
#include "wx-route-list.h"

struct _WxBenchWindow
{
  WxBoardWindow parent_instance;

  AdwViewStack     *stack;
  AdwViewStackPage *work_page;
  WxBenchMyWork    *my_work;
  WxBenchWorkLog   *work_log;
  WxRouteList      *route_list;
  gint64            route_day;       /* a moment of the day shown; 0 = today */
  GtkBox           *board_box;
  GtkLabel         *status_label;

  GListModel *orders;   /* the window's (wx_board_window_get_orders) */

};

#define SESSION(self) wx_board_window_get_session (WX_BOARD_WINDOW (self))
#define CONTEXT(self) wx_board_session_get_context (SESSION (self))

G_DEFINE_FINAL_TYPE (WxBenchWindow, wx_bench_window, WX_TYPE_BOARD_WINDOW)

enum { SIGNAL_WORK_LOADED, SIGNAL_LOG_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ------------------------------------------------------- the session */

static void
update_status (WxBenchWindow *self)
{
  g_autofree char *text = NULL;
  const char *full_name = wx_shop_context_get_full_name (CONTEXT (self));
  g_autofree char *roles = wx_roles_describe (wx_shop_context_get_roles (CONTEXT (self)));
  GPtrArray *work = wx_bench_my_work_get_work (self->my_work);
  guint n = work ? work->len : 0;

  text = g_strdup_printf (ngettext ("%s (%s) · %u order in my work", "%s (%s) · %u orders in my work", n),
                          full_name ? full_name : "", roles, n);
  gtk_label_set_text (self->status_label, text);
}

/* Today's visits of the engineer, in the order of the day (the route). */
static void
load_route (WxBenchWindow *self)
{
  wx_route_list_load (self->route_list, wx_board_window_get_worker (WX_BOARD_WINDOW (self)),
                      wx_shop_context_get_login (CONTEXT (self)),
                      self->route_day ? self->route_day : g_get_real_time () / G_USEC_PER_SEC);
}

void
wx_bench_window_set_route_day (WxBenchWindow *self,
                               gint64         day)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  self->route_day = day;
  load_route (self);
}

WxRouteList *
wx_bench_window_get_route_list (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->route_list;
}

static void
route_stop_activated_cb (WxRouteList   *list,
                         WxRouteStop   *stop,
                         WxBenchWindow *self)
{
  wx_board_window_open_order (WX_BOARD_WINDOW (self), wx_route_stop_get_data (stop)->number);
}

/* My work, the work log and the route follow the orders. */
static void
wx_bench_window_orders_updated (WxBoardWindow *window)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (window);

  wx_bench_page_reload (WX_BENCH_PAGE (self->my_work));
  wx_bench_page_reload (WX_BENCH_PAGE (self->work_log));
  load_route (self);
}

static void
wx_bench_window_loaded (WxBoardWindow *window,
                        const GError  *error)
{
  if (error)
    return;
  wx_board_set_user (wx_board_window_get_board (window), wx_shop_context_get_login (CONTEXT (window)));
  wx_bench_window_orders_updated (window);
}

void
wx_bench_window_refresh (WxBenchWindow *self)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_board_session_refresh (SESSION (self));
}

/* ----------------------------------------------------------------- steps */

static gboolean
is_taking_to_bench (const char *event)
{
  return g_str_equal (event, "dispatch_inspection") || g_str_equal (event, "dispatch_repair");
}

/* The one place that decides how a step the engineer chose is taken:
 * taking a machine to the bench at once (the engineer is the user), the
 * engineer's records in their own dialogs, other steps with data in the
 * generic dialog, the rest at once. */
static void
wx_bench_window_route_step (WxBoardWindow *window,
                            WxOrder       *order,
                            const char    *event)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (window);

  if (is_taking_to_bench (event))
    {
      g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (data, (gpointer) "engineer", (gpointer) wx_shop_context_get_login (CONTEXT (self)));
      wx_board_window_run_step (WX_BOARD_WINDOW (self), order, event, data);
    }
  else
    wx_board_window_take_step (WX_BOARD_WINDOW (self), order, event);
}

void
wx_bench_window_step (WxBenchWindow *self,
                      WxOrder       *order,
                      const char    *event)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  g_return_if_fail (WX_IS_ORDER (order));
  wx_board_window_route_step (WX_BOARD_WINDOW (self), order, event);
}

/* ------------------------------------------------------------- the pages */

static void
page_notice_cb (WxBenchPage   *page,
                const char    *text,
                gboolean       is_error,
                WxBenchWindow *self)
{
  wx_board_window_notice (WX_BOARD_WINDOW (self), text, is_error);
}

static void
page_open_order_cb (WxBenchPage   *page,
                    const char    *number,
                    WxBenchWindow *self)
{
  wx_board_window_open_order (WX_BOARD_WINDOW (self), number);
}

/* A new list in My work: its badge, and the status line's count. */
static void
work_shown_cb (WxBenchMyWork *my_work,
               GParamSpec    *pspec,
               WxBenchWindow *self)
{
  guint urgent = wx_bench_my_work_get_n_urgent (my_work);

  adw_view_stack_page_set_badge_number (self->work_page, urgent);
  adw_view_stack_page_set_needs_attention (self->work_page, urgent > 0);
  update_status (self);
}

static void
work_loaded_cb (WxBenchPage   *page,
                WxBenchWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_WORK_LOADED], 0);
}

static void
log_loaded_cb (WxBenchPage   *page,
               WxBenchWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_LOG_LOADED], 0);
}

GPtrArray *
wx_bench_window_get_work (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return wx_bench_my_work_get_work (self->my_work);
}

const WxWorkLog *
wx_bench_window_get_work_log (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return wx_bench_work_log_get_log (self->work_log);
}

void
wx_bench_window_set_log_day (WxBenchWindow *self,
                             const char    *day)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_bench_work_log_set_day (self->work_log, day);
}

void
wx_bench_window_add_note (WxBenchWindow *self,
                          const char    *number,
                          const char    *text)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_bench_note_bar_add (wx_bench_work_log_get_note_bar (self->work_log), number, text);
}

void
wx_bench_window_render_log_async (WxBenchWindow       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_bench_work_log_render_async (self->work_log, cancellable, callback, user_data);
}

GBytes *
wx_bench_window_render_log_finish (WxBenchWindow  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return wx_bench_work_log_render_finish (self->work_log, result, error);
}

/* --------------------------------------------------------------- actions */

static void
log_day_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  wx_bench_work_log_step_day (WX_BENCH_WINDOW (widget)->work_log, g_variant_get_int32 (parameter));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wx_bench_note_bar_add_entered (wx_bench_work_log_get_note_bar (WX_BENCH_WINDOW (widget)->work_log));
}

static void
print_log_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  wx_bench_work_log_print (WX_BENCH_WINDOW (widget)->work_log);
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  wx_bench_window_refresh (WX_BENCH_WINDOW (widget));
}

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  wx_bench_window_show_page (WX_BENCH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
wx_bench_window_show_page (WxBenchWindow *self,
                           const char    *name)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* ------------------------------------------------------------ the object */

static void
wx_bench_window_class_init (WxBenchWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxBoardWindowClass *board_class = WX_BOARD_WINDOW_CLASS (klass);

  board_class->loaded = wx_bench_window_loaded;
  board_class->orders_updated = wx_bench_window_orders_updated;
  board_class->route_step = wx_bench_window_route_step;

  /* My work, and the work log, were (re)loaded and are shown. */
  signals[SIGNAL_WORK_LOADED] = g_signal_new ("work-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LOG_LOADED] = g_signal_new ("log-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WX_TYPE_ROUTE_LIST);
  g_type_ensure (WX_TYPE_BENCH_MY_WORK);
  g_type_ensure (WX_TYPE_BENCH_WORK_LOG);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-bench-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, work_page);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, route_list);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, my_work);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, work_log);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, status_label);
  wx_board_window_class_bind_template (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, page_notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_open_order_cb);
  gtk_widget_class_bind_template_callback (widget_class, work_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, work_loaded_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_loaded_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.log-day", "i", log_day_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, add_note_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print-log", NULL, print_log_action_cb);
}

static void
wx_bench_window_init (WxBenchWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  wx_board_window_add_board (WX_BOARD_WINDOW (self), self->board_box, WX_BOARD_SHELVES);

  g_signal_connect (self->route_list, "stop-activated", G_CALLBACK (route_stop_activated_cb), self);
}

WxBenchWindow *
wx_bench_window_new (WxApplication *app,
                     const char    *conninfo)
{
  WxBenchWindow *self = wx_board_window_new (WX_TYPE_BENCH_WINDOW, app, conninfo);

  self->orders = wx_board_window_get_orders (WX_BOARD_WINDOW (self));
  /* The pages load with the window's session, once it knows the login. */
  wx_bench_page_set_session (WX_BENCH_PAGE (self->my_work), SESSION (self));
  wx_bench_page_set_session (WX_BENCH_PAGE (self->work_log), SESSION (self));
  wx_bench_note_bar_set_session (wx_bench_work_log_get_note_bar (self->work_log), SESSION (self));
  return self;
}


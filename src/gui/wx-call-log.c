/* wx-call-log.c — the call log page. */
#define G_LOG_DOMAIN "wx-call-log"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "dialogs/wx-call-dialog.h"
#include "wx-call-log.h"

struct _WxCallLog
{
  GtkWidget       parent_instance;

  GtkLabel       *day_label;
  GtkLabel       *error_label;
  GtkLabel       *pending_label;
  GtkLabel       *calls_label;
  GtkListBox     *pending_list;
  GtkListBox     *calls_list;
  GtkSpinner     *spinner;

  WxDbWorker     *worker;
  GCancellable   *cancellable;
  int             day;              /* days from today */
  gboolean        stale;            /* loaded while hidden: rows made when shown */
  GPtrArray      *calls;            /* WxCall */
  GPtrArray      *pending;          /* WxNotifyPending */
  GTimeZone      *zone;             /* the shop's: every time shown is its */
  gint64          show_call;        /* after logging: the call to bring into view (-1: the newest), 0: none */
  char           *logged;           /* and what to say of it */
};

enum {
  SIGNAL_LOADED,
  SIGNAL_STEP_REQUESTED,
  SIGNAL_OPEN_ORDER,
  SIGNAL_ORDER_FROM_CALL,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WxCallLog, wx_call_log, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------ rows */

static GtkWidget *
row_button (const char *label,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static char *
join_filled (const char *separator,
             ...)
{
  GString *out = g_string_new (NULL);
  va_list args;
  const char *part;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)))
    if (*part)
      {
        if (out->len)
          g_string_append (out, separator);
        g_string_append (out, part);
      }
  va_end (args);
  return g_string_free (out, FALSE);
}

/* "11-18 15:30": `t` in the shop's time zone. */
static char *
shop_time (gint64     t,
           GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (at, "%m-%d %H:%M");
}

static GtkWidget *
pending_row (const WxNotifyPending *p,
             GTimeZone             *zone)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *ready_text = shop_time (p->ready_at, zone);
  g_autofree char *ready_since = g_strdup_printf (_("ready since %s"), ready_text);
  g_autofree char *tried = p->attempts ? g_strdup_printf (g_dngettext (NULL, "tried once, no answer",
                                                                       "tried %u times, no answer", p->attempts),
                                                          p->attempts)
                                       : g_strdup ("");
  g_autofree char *title = join_filled (" · ", p->number, p->unit_name, NULL);
  g_autofree char *machine = join_filled (" ", p->product, p->model, NULL);
  g_autofree char *subtitle = join_filled (" · ", p->contact, p->phone, machine, ready_since, tried, NULL);
  GtkWidget *buttons;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (p->attempts ? "call-missed-symbolic"
                                                                            : "call-start-symbolic"));
  /* One above the other: the row keeps its width for the customer. */
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), row_button (_("_Reached…"), "calllog.notify", g_variant_new_string (p->number)));
  gtk_box_append (GTK_BOX (buttons), row_button (_("No _answer"), "calllog.no-answer", g_variant_new_string (p->number)));
  adw_action_row_add_suffix (row, buttons);
  return GTK_WIDGET (row);
}

static GtkWidget *
call_row (const WxCall *c,
          GTimeZone    *zone)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  gboolean inbound = g_str_equal (c->direction, "inbound");
  const char *time = strlen (c->at_text) > 11 ? c->at_text + 11 : c->at_text;
  g_autofree char *promised = NULL;
  g_autofree char *attempt = c->attempt > 1 ? g_strdup_printf (_("attempt %u"), c->attempt) : g_strdup ("");
  g_autofree char *by = g_strdup_printf (_("by %s"), c->actor_name);
  g_autofree char *title = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *subtitle = NULL;

  if (c->promised_reply_at)
    {
      g_autofree char *at_text = shop_time (c->promised_reply_at, zone);
      promised = g_strdup_printf (_("reply by %s"), at_text);
    }
  title = join_filled (" · ", time, wx_code_label (WX_CODE_CALL_PURPOSE, c->purpose), c->unit_name,
                       c->contact, c->phone, NULL);
  outcome = c->reached ? g_strdup (c->result)
                       : join_filled (" ", _("No answer."), c->result, NULL);
  subtitle = join_filled (" · ", c->subject, outcome, c->machine, promised ? promised : "",
                          c->relayed_to[0] ? c->relayed_to : "", attempt, by, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (!c->reached ? "call-missed-symbolic"
                                                                : inbound ? "call-incoming-symbolic"
                                                                : "call-outgoing-symbolic"));
  if (*c->order_number)
    adw_action_row_add_suffix (row, row_button (c->order_number, "calllog.open",
                                                g_variant_new_string (c->order_number)));
  else if (inbound)
    adw_action_row_add_suffix (row, row_button (_("On-site _order…"), "calllog.order-from-call",
                                                g_variant_new_int64 (c->id)));
  return GTK_WIDGET (row);
}

static void
fill_list (GtkListBox  *list,
           GPtrArray   *items,
           GtkWidget *(*make_row) (gconstpointer, GTimeZone *),
           GTimeZone   *zone,
           const char  *empty)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (list, make_row (g_ptr_array_index (items, i), zone));
  if (items->len == 0)
    {
      GtkWidget *label = gtk_label_new (empty);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 18);
      gtk_widget_set_margin_bottom (label, 18);
      gtk_list_box_append (list, label);
    }
}

/* ------------------------------------------------------------ loading */

static void
set_error (WxCallLog  *self,
           const char *text)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_label_set_text (self->error_label, text);
}

/* What was just logged: said in the header, its row brought into view and
 * focused, once the day is loaded again. */
static void
confirm (WxCallLog  *self,
         gint64      call_id,
         const char *text)
{
  self->show_call = call_id;
  g_free (self->logged);
  self->logged = g_strdup (text);
}

static void
show_logged (WxCallLog *self)
{
  GtkListBoxRow *row = NULL;

  if (self->show_call == 0)
    return;
  for (guint i = 0; i < self->calls->len; i++)
    if (self->show_call == -1 || ((WxCall *) g_ptr_array_index (self->calls, i))->id == self->show_call)
      row = gtk_list_box_get_row_at_index (self->calls_list, (int) i);
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "success");
  gtk_label_set_text (self->error_label, self->logged);
  if (row)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  self->show_call = 0;
}

static void
show_loaded (WxCallLog *self)
{
  g_autofree char *pending = g_strdup_printf (_("To notify for pickup (%u)"), self->pending->len);
  g_autofree char *calls = g_strdup_printf (_("Calls (%u)"), self->calls->len);

  gtk_label_set_text (self->pending_label, pending);
  gtk_label_set_text (self->calls_label, calls);
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;
  fill_list (self->pending_list, self->pending, (GtkWidget *(*) (gconstpointer, GTimeZone *)) pending_row, self->zone,
             _("Nobody to call now: every machine ready has been announced, or was tried today."));
  fill_list (self->calls_list, self->calls, (GtkWidget *(*) (gconstpointer, GTimeZone *)) call_row, self->zone,
             _("No calls logged this day."));
  show_logged (self);
}

static void
show_day (WxCallLog *self,
          gint64     day_start)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day_start);
  g_autoptr(GDateTime) day = g_date_time_to_timezone (utc, self->zone);
  /* TRANSLATORS: the call log's day, strftime format */
  g_autofree char *day_text = g_date_time_format (day, self->day == 0 ? _("Today, %Y-%m-%d") : _("%A %Y-%m-%d"));

  gtk_label_set_text (self->day_label, day_text);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  WxDbCallDay *l = wx_db_call_day_finish (WX_DB_WORKER (source), result, &error);
  WxCallLog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WX_CALL_LOG (user_data);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_error (self, error ? error->message : "");
  if (l)
    {
      g_ptr_array_unref (self->calls);
      g_ptr_array_unref (self->pending);
      self->calls = g_steal_pointer (&l->calls);
      self->pending = g_steal_pointer (&l->pending);
      g_clear_pointer (&self->zone, g_time_zone_unref);
      self->zone = g_time_zone_ref (l->zone);
      show_day (self, l->day_start);
      wx_db_call_day_free (l);
      show_loaded (self);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_call_log_reload (WxCallLog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (WX_IS_CALL_LOG (self));
  if (self->worker == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  /* The day is the shop's, counted in its time zone on the worker. */
  wx_db_call_day_async (self->worker, self->day, g_date_time_to_unix (now), self->cancellable, loaded_cb, self);
}

void
wx_call_log_set_worker (WxCallLog  *self,
                        WxDbWorker *worker)
{
  g_return_if_fail (WX_IS_CALL_LOG (self));
  g_set_object (&self->worker, worker);
  wx_call_log_reload (self);
}

void
wx_call_log_show_day (WxCallLog *self,
                      int        days)
{
  g_return_if_fail (WX_IS_CALL_LOG (self));
  self->day = days;
  wx_call_log_reload (self);
}

GPtrArray *
wx_call_log_get_calls (WxCallLog *self)
{
  g_return_val_if_fail (WX_IS_CALL_LOG (self), NULL);
  return self->calls;
}

GPtrArray *
wx_call_log_get_pending (WxCallLog *self)
{
  g_return_val_if_fail (WX_IS_CALL_LOG (self), NULL);
  return self->pending;
}

const WxCall *
wx_call_log_find_call (WxCallLog *self,
                       gint64     call_id)
{
  g_return_val_if_fail (WX_IS_CALL_LOG (self), NULL);
  for (guint i = 0; i < self->calls->len; i++)
    {
      const WxCall *c = g_ptr_array_index (self->calls, i);
      if (c->id == call_id)
        return c;
    }
  return NULL;
}

/* ------------------------------------------------------------ no answer */

static const WxNotifyPending *
find_pending (WxCallLog  *self,
              const char *number)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      const WxNotifyPending *p = g_ptr_array_index (self->pending, i);
      if (g_str_equal (p->number, number))
        return p;
    }
  return NULL;
}

static void
no_answer_logged_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WxCallLog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wx_db_notify_no_answer_finish (WX_DB_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }
  confirm (self, -1, _("No answer logged; the order stays on the list to call again tomorrow."));
  wx_call_log_reload (self);
}

void
wx_call_log_no_answer (WxCallLog  *self,
                       const char *number)
{
  const WxNotifyPending *p;

  g_return_if_fail (WX_IS_CALL_LOG (self));
  p = find_pending (self, number);
  if (p == NULL || self->worker == NULL)
    return;
  wx_db_notify_no_answer_async (self->worker, p->id, NULL, no_answer_logged_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ actions */

static void
call_saved_cb (WxCallDialog *dialog,
               gint64        call_id,
               gpointer      user_data)
{
  confirm (WX_CALL_LOG (user_data), call_id, _("Call logged."));
  wx_call_log_show_day (WX_CALL_LOG (user_data), 0);
}

GtkWindow *
wx_call_log_new_call (WxCallLog *self)
{
  GtkWindow *dialog;

  g_return_val_if_fail (WX_IS_CALL_LOG (self), NULL);
  dialog = GTK_WINDOW (wx_call_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->worker));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (call_saved_cb), self, 0);
  gtk_window_present (dialog);
  return dialog;
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_call_log_new_call (WX_CALL_LOG (widget));
}

static void
day_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxCallLog *self = WX_CALL_LOG (widget);

  wx_call_log_show_day (self, self->day + g_variant_get_int32 (parameter));
}

static void
today_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_call_log_show_day (WX_CALL_LOG (widget), 0);
}

static void
no_answer_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_call_log_no_answer (WX_CALL_LOG (widget), g_variant_get_string (parameter, NULL));
}

static void
notify_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_STEP_REQUESTED], 0, g_variant_get_string (parameter, NULL), "notify");
}

static void
open_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN_ORDER], 0, g_variant_get_string (parameter, NULL));
}

static void
order_from_call_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_ORDER_FROM_CALL], 0, g_variant_get_int64 (parameter));
}

/* ------------------------------------------------------------ class */

static void
wx_call_log_dispose (GObject *object)
{
  WxCallLog *self = WX_CALL_LOG (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (object), WX_TYPE_CALL_LOG);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wx_call_log_parent_class)->dispose (object);
}

static void
wx_call_log_finalize (GObject *object)
{
  WxCallLog *self = WX_CALL_LOG (object);

  g_ptr_array_unref (self->calls);
  g_ptr_array_unref (self->pending);
  g_time_zone_unref (self->zone);
  g_free (self->logged);
  G_OBJECT_CLASS (wx_call_log_parent_class)->finalize (object);
}

static void
wx_call_log_class_init (WxCallLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_call_log_dispose;
  object_class->finalize = wx_call_log_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-call-log.ui");
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, day_label);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, pending_label);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, calls_label);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, pending_list);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, calls_list);
  gtk_widget_class_bind_template_child (widget_class, WxCallLog, spinner);
  gtk_widget_class_install_action (widget_class, "calllog.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.day", "i", day_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.today", NULL, today_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.no-answer", "s", no_answer_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.notify", "s", notify_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.open", "s", open_action_cb);
  gtk_widget_class_install_action (widget_class, "calllog.order-from-call", "x", order_from_call_action_cb);
  /* loaded (GError or NULL) */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* step-requested (number, event) */
  signals[SIGNAL_STEP_REQUESTED] = g_signal_new ("step-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* open-order (number) */
  signals[SIGNAL_OPEN_ORDER] = g_signal_new ("open-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* order-from-call (call id) */
  signals[SIGNAL_ORDER_FROM_CALL] = g_signal_new ("order-from-call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mapped_cb (WxCallLog *self)
{
  if (self->stale)
    show_loaded (self);
}

static void
wx_call_log_init (WxCallLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_call_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_notify_pending_free);
  /* Until the first load says the shop's. */
  self->zone = g_time_zone_new_identifier ("Asia/Shanghai");
}

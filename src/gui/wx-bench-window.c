#define G_LOG_DOMAIN "wx-bench-window"

#include <glib/gi18n.h>

#include "core/wx-validate.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "board/wx-board-card.h"
#include "dialogs/wx-inspection-dialog.h"
#include "dialogs/wx-part-order-dialog.h"
#include "dialogs/wx-repair-dialog.h"
#include "dialogs/wx-visit-dialog.h"
#include "print/wx-pdf-worklog.h"
#include "wx-bench-window.h"
#include "wx-board-session.h"
#include "wx-print.h"
#include "wx-route-list.h"

#define NOTE_MAX_CHARS 2000

/* A load that runs once at a time; asked again meanwhile, it runs again
 * when the one under way ends. */
typedef struct {
  gboolean busy;
  gboolean again;
} Reload;

struct _WxBenchWindow
{
  AdwApplicationWindow parent_instance;

  AdwViewStack     *stack;
  AdwViewStackPage *work_page;
  WxRouteList      *route_list;
  gint64            route_day;       /* a moment of the day shown; 0 = today */
  GtkBox           *board_box;
  WxBoardWindowParts parts;          /* the board, and the template's shared parts */
  GtkLabel         *work_label;
  GtkListBox       *work_list;
  GtkMenuButton    *day_button;
  GtkCalendar      *calendar;
  GtkLabel         *log_label;
  GtkListBox       *log_list;
  GtkEntry         *note_order_entry;
  GtkEntry         *note_entry;
  GtkLabel         *status_label;

  WxOrderPanel     *panel;
  WxBoardSession   *session;
  WxDbWorker       *worker;          /* the session's */
  GListModel       *orders;          /* the session's */
  GCancellable     *cancellable;     /* the session's */

  GPtrArray        *work;            /* WxBenchTask as listed */
  GTimeZone        *timezone;        /* the shop's */
  WxWorkLog        *log;             /* as shown */
  char             *day;             /* the log's day; NULL: today */
  Reload            work_reload;
  Reload            log_reload;

  GtkWindow        *step_dialog;     /* weak */
  GtkWindow        *record_dialog;   /* weak: inspection, repair, part order or visit */
};

G_DEFINE_FINAL_TYPE (WxBenchWindow, wx_bench_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNAL_LOADED, SIGNAL_ORDERS_UPDATED, SIGNAL_WORK_LOADED, SIGNAL_LOG_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void load_work (WxBenchWindow *self);
static void load_log (WxBenchWindow *self);

static void
show_notice (WxBenchWindow *self,
             const char    *text,
             gboolean       is_error)
{
  wx_board_window_notice (&self->parts, text, is_error);
}

const char *
wx_bench_window_get_notice (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return wx_board_window_get_notice (&self->parts);
}

/* "14:30", or "11-20 14:30" on another day than today, in the shop's
 * time zone. */
static char *
format_when (GTimeZone *tz,
             gint64     unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  if (g_date_time_get_year (at) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now))
    return g_date_time_format (at, "%H:%M");
  return g_date_time_format (at, "%m-%d %H:%M");
}

/* ------------------------------------------------------- the session */

static void
update_status (WxBenchWindow *self)
{
  g_autofree char *text = NULL;
  const char *full_name = wx_board_session_get_full_name (self->session);
  g_autofree char *roles = wx_roles_describe (wx_board_session_get_roles (self->session));
  guint n = self->work ? self->work->len : 0;

  text = g_strdup_printf (ngettext ("%s (%s) · %u order in my work", "%s (%s) · %u orders in my work", n),
                          full_name ? full_name : "", roles, n);
  gtk_label_set_text (self->status_label, text);
}

/* Today's visits of the engineer, in the order of the day (the route). */
static void
load_route (WxBenchWindow *self)
{
  wx_route_list_load (self->route_list, wx_board_session_get_worker (self->session),
                      wx_board_session_get_login (self->session),
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
  wx_board_session_open_order (self->session, wx_route_stop_get_data (stop)->number);
}

static void
session_loaded_cb (WxBoardSession *session,
                   GError         *error,
                   WxBenchWindow  *self)
{
  if (error == NULL)
    {
      wx_board_set_user (self->parts.board, wx_board_session_get_login (session));
      load_work (self);
      load_log (self);
      load_route (self);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

static void
session_orders_updated_cb (WxBoardSession *session,
                           WxBenchWindow  *self)
{
  load_work (self);
  load_log (self);
  load_route (self);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

void
wx_bench_window_refresh (WxBenchWindow *self)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_board_session_refresh (self->session);
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
route_step (WxBenchWindow *self,
            WxOrder       *order,
            const char    *event)
{
  GtkWindow *record;

  if (is_taking_to_bench (event))
    {
      g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (data, (gpointer) "engineer", (gpointer) wx_board_session_get_login (self->session));
      wx_board_session_run_step (self->session, order, event, data);
    }
  else if ((record = wx_board_session_open_form (self->session, GTK_WINDOW (self), order, event)))
    g_set_weak_pointer (&self->record_dialog, record);
  else if (wx_step_dialog_has_fields (event, wx_order_get_kind (order), wx_order_get_state (order)))
    g_set_weak_pointer (&self->step_dialog,
                        GTK_WINDOW (wx_board_session_open_step_dialog (self->session, GTK_WINDOW (self), order, event)));
  else
    wx_board_session_run_step (self->session, order, event, NULL);
}

void
wx_bench_window_step (WxBenchWindow *self,
                      WxOrder       *order,
                      const char    *event)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  g_return_if_fail (WX_IS_ORDER (order));
  route_step (self, order, event);
}

static void
step_chosen (gpointer    user_data,
             WxOrder    *order,
             const char *event)
{
  route_step (WX_BENCH_WINDOW (user_data), order, event);
}

/* ------------------------------------------------------- opening orders */

void
wx_bench_window_open_order (WxBenchWindow *self,
                            const char    *number)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_board_session_open_order (self->session, number);
}

/* ----------------------------------------------------------- reloading */

static gboolean
reload_start (Reload *r)
{
  if (r->busy)
    {
      r->again = TRUE;
      return FALSE;
    }
  r->busy = TRUE;
  r->again = FALSE;
  return TRUE;
}

/* The load's result, or NULL: cancelled (`*done` FALSE: the window is
 * going), or failed (a notice says so: `what` could not be loaded). */
static gpointer
reload_finish (WxBenchWindow *self,
               Reload        *r,
               GObject       *source,
               GAsyncResult  *result,
               const char    *what,
               gboolean      *done)
{
  g_autoptr(GError) error = NULL;
  gpointer value = wx_db_worker_run_finish (WX_DB_WORKER (source), result, &error);

  *done = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (!*done)
    return NULL;
  r->busy = FALSE;
  if (value == NULL)
    {
      /* TRANSLATORS: what could not be loaded ("my work", "the work log"), and why */
      g_autofree char *text = g_strdup_printf (_("Cannot load %s: %s"), what, error->message);
      show_notice (self, text, TRUE);
    }
  return value;
}

/* Again if asked meanwhile, else `signal` says the page is current. */
static void
reload_next (WxBenchWindow *self,
             Reload        *r,
             void         (*load) (WxBenchWindow *self),
             guint          signal)
{
  if (r->again)
    load (self);
  else
    g_signal_emit (self, signal, 0);
}

/* --------------------------------------------------------------- my work */

typedef struct {
  char      *login;
  gint64     now;
  GPtrArray *work;
  char      *timezone;
} WorkJob;

static void
work_job_free (WorkJob *j)
{
  g_free (j->login);
  g_clear_pointer (&j->work, g_ptr_array_unref);
  g_free (j->timezone);
  g_free (j);
}

/* The work, and the shop's time zone for its times. */
static gboolean
my_work_job (PGconn    *conn,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  WorkJob *j = data;

  /* Again after a lost connection: from the start. */
  g_clear_pointer (&j->timezone, g_free);
  g_clear_pointer (&j->work, g_ptr_array_unref);
  if ((j->timezone = wx_db_setting (conn, "timezone", "Asia/Shanghai", error)) == NULL ||
      (j->work = wx_db_bench_my_work (conn, j->login, j->now, error)) == NULL)
    return FALSE;
  *result = j;
  return TRUE;
}

/* A row of a list, with room around it. */
static GtkWidget *
padded_row (GtkWidget *box)
{
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* What the task asks, when, and where for a visit or a delivery. */
static GtkWidget *
work_row (WxBenchTask *task,
          GTimeZone   *tz)
{
  const WxOrderData *d = wx_order_get_data (task->order);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_label_new (NULL);
  GtkWidget *card = wx_board_card_new ();
  g_autofree char *title = NULL;

  if (task->due > 0)
    {
      g_autofree char *when = format_when (tz, task->due);
      /* TRANSLATORS: My work: what to do, and by when (or at what time) */
      title = g_strdup_printf (task->kind == WX_BENCH_TASK_VISIT ? _("%s at %s") : _("%s by %s"),
                               wx_bench_task_kind_label (task->kind), when);
    }
  else
    title = g_strdup (wx_bench_task_kind_label (task->kind));
  gtk_label_set_text (GTK_LABEL (head), title);
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_widget_add_css_class (head, "heading");
  gtk_box_append (GTK_BOX (box), head);
  if (task->kind == WX_BENCH_TASK_VISIT || task->kind == WX_BENCH_TASK_DELIVER || task->kind == WX_BENCH_TASK_CALL)
    {
      g_autofree char *where = g_strdup_printf ("%s · %s · %s", d->address, d->contact_person, d->phone);
      GtkWidget *label = gtk_label_new (where);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  wx_board_card_set_order (WX_BOARD_CARD (card), task->order);
  gtk_box_append (GTK_BOX (box), card);
  return padded_row (box);
}

static void
show_work (WxBenchWindow *self)
{
  g_autofree char *text = NULL;
  guint urgent = 0;

  clear_list (self->work_list);
  for (guint i = 0; i < self->work->len; i++)
    {
      WxBenchTask *task = g_ptr_array_index (self->work, i);
      const WxOrderData *d = wx_order_get_data (task->order);

      gtk_list_box_append (self->work_list, work_row (task, self->timezone));
      if (d->has_clock && d->clock_status != WX_CLOCK_STATUS_RUNNING)
        urgent++;
    }
  text = g_strdup_printf (ngettext ("%u order to work on, most urgent first", "%u orders to work on, most urgent first",
                                    self->work->len), self->work->len);
  gtk_label_set_text (self->work_label, text);
  adw_view_stack_page_set_badge_number (self->work_page, urgent);
  adw_view_stack_page_set_needs_attention (self->work_page, urgent > 0);
  update_status (self);
}

static void
work_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxBenchWindow) self = user_data;
  gboolean done;
  WorkJob *j = reload_finish (self, &self->work_reload, source, result, _("my work"), &done);

  if (!done)
    return;
  if (j)
    {
      g_clear_pointer (&self->work, g_ptr_array_unref);
      self->work = g_steal_pointer (&j->work);
      g_clear_pointer (&self->timezone, g_time_zone_unref);
      self->timezone = g_time_zone_new_identifier (j->timezone);
      if (self->timezone == NULL)
        self->timezone = g_time_zone_new_local ();
      show_work (self);
    }
  reload_next (self, &self->work_reload, load_work, signals[SIGNAL_WORK_LOADED]);
}

static void
load_work (WxBenchWindow *self)
{
  WorkJob *j;

  if (wx_board_session_get_login (self->session) == NULL || !reload_start (&self->work_reload))
    return;
  j = g_new0 (WorkJob, 1);
  j->login = g_strdup (wx_board_session_get_login (self->session));
  j->now = g_get_real_time () / G_USEC_PER_SEC;
  /* The job is its own result: the worker frees it once, through data_free. */
  wx_db_worker_read_async (self->worker, my_work_job, j, (GDestroyNotify) work_job_free,
                           NULL, self->cancellable, work_loaded_cb, g_object_ref (self));
}

static void
work_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       WxBenchWindow *self)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->work && i >= 0 && (guint) i < self->work->len)
    wx_bench_window_open_order (self, wx_order_get_number (((WxBenchTask *) g_ptr_array_index (self->work, i))->order));
}

/* -------------------------------------------------------------- work log */

typedef struct {
  char *login;
  char *day;      /* NULL: today */
} LogJob;

static void
log_job_free (LogJob *j)
{
  g_free (j->login);
  g_free (j->day);
  g_free (j);
}

static LogJob *
log_job_new (WxBenchWindow *self)
{
  LogJob *j = g_new0 (LogJob, 1);

  j->login = g_strdup (wx_board_session_get_login (self->session));
  j->day = g_strdup (self->day);
  return j;
}

static gboolean
work_log_job (PGconn    *conn,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  LogJob *j = data;

  *result = wx_db_work_log_load (conn, j->login, j->day, error);
  return *result != NULL;
}

static GtkWidget *
log_row (const WxWorkLog      *log,
         const WxWorkLogEntry *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (e->at);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, log->timezone);
  g_autofree char *time = g_date_time_format (at, "%H:%M");
  g_autofree char *what = wx_work_log_entry_describe (e);
  g_autofree char *order = *e->unit ? g_strdup_printf ("%s  %s", e->number, e->unit) : g_strdup (e->number);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *what_label = gtk_label_new (what);

  gtk_widget_add_css_class (time_label, "wx-timeline-time");
  gtk_widget_set_valign (time_label, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (what_label), 0);
  gtk_widget_add_css_class (what_label, e->event ? "heading" : "accent");
  gtk_box_append (GTK_BOX (text_box), what_label);
  if (*e->number)
    {
      GtkWidget *order_label = gtk_label_new (order);

      gtk_label_set_xalign (GTK_LABEL (order_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (order_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (order_label, "dim-label");
      gtk_widget_add_css_class (order_label, "caption");
      gtk_box_append (GTK_BOX (text_box), order_label);
    }
  if (*e->text)
    {
      GtkWidget *text_label = gtk_label_new (e->text);

      gtk_label_set_xalign (GTK_LABEL (text_label), 0);
      gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (text_label), TRUE);
      gtk_box_append (GTK_BOX (text_box), text_label);
    }
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), time_label);
  gtk_box_append (GTK_BOX (box), text_box);
  return padded_row (box);
}

static void
show_log (WxBenchWindow *self)
{
  g_autofree char *text = NULL;
  guint steps = 0, notes = 0;

  clear_list (self->log_list);
  for (guint i = 0; i < self->log->entries->len; i++)
    {
      const WxWorkLogEntry *e = g_ptr_array_index (self->log->entries, i);

      gtk_list_box_append (self->log_list, log_row (self->log, e));
      if (e->event)
        steps++;
      else
        notes++;
    }
  if (self->log->entries->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nothing recorded on this day yet."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->log_list, empty);
    }
  gtk_menu_button_set_label (self->day_button, self->log->day);
  {
    g_autofree char *steps_text = g_strdup_printf (ngettext ("%u step", "%u steps", steps), steps);
    g_autofree char *notes_text = g_strdup_printf (ngettext ("%u note", "%u notes", notes), notes);

    /* TRANSLATORS: the work log's summary: who, steps taken, notes written */
    text = g_strdup_printf (_("%s · %s, %s"), self->log->full_name, steps_text, notes_text);
  }
  gtk_label_set_text (self->log_label, text);
}

static void
log_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WxBenchWindow) self = user_data;
  gboolean done;
  WxWorkLog *log = reload_finish (self, &self->log_reload, source, result, _("the work log"), &done);

  if (!done)
    return;
  if (log)
    {
      g_clear_pointer (&self->log, wx_work_log_free);
      self->log = log;
      show_log (self);
    }
  reload_next (self, &self->log_reload, load_log, signals[SIGNAL_LOG_LOADED]);
}

static void
load_log (WxBenchWindow *self)
{
  if (wx_board_session_get_login (self->session) == NULL || !reload_start (&self->log_reload))
    return;
  wx_db_worker_read_async (self->worker, work_log_job, log_job_new (self), (GDestroyNotify) log_job_free,
                           (GDestroyNotify) wx_work_log_free, self->cancellable, log_loaded_cb,
                           g_object_ref (self));
}

void
wx_bench_window_set_log_day (WxBenchWindow *self,
                             const char    *day)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  g_free (self->day);
  self->day = g_strdup (day);
  load_log (self);
}

static void
log_day_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (widget);
  int step = g_variant_get_int32 (parameter);
  GDate date;

  if (step == 0 || self->log == NULL)
    {
      wx_bench_window_set_log_day (self, NULL);
      return;
    }
  g_date_clear (&date, 1);
  g_date_set_parse (&date, self->log->day);
  if (!g_date_valid (&date))
    return;
  if (step > 0)
    g_date_add_days (&date, (guint) step);
  else
    g_date_subtract_days (&date, (guint) -step);
  {
    char day[16];

    g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);
    wx_bench_window_set_log_day (self, day);
  }
}

static void
day_selected_cb (GtkCalendar   *calendar,
                 WxBenchWindow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_popdown (self->day_button);
  wx_bench_window_set_log_day (self, day);
}

/* ------------------------------------------------------------- notes */

typedef struct {
  char *number;
  char *text;
} NoteJob;

static void
note_job_free (NoteJob *j)
{
  g_free (j->number);
  g_free (j->text);
  g_free (j);
}

static gboolean
add_note_job (PGconn    *conn,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  NoteJob *j = data;

  if (!wx_db_work_note_add (conn, j->number, j->text, error))
    return FALSE;
  *result = GINT_TO_POINTER (1);
  return TRUE;
}

static void
note_added_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WxBenchWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (wx_db_worker_run_finish (WX_DB_WORKER (source), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_notice (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_order_entry), "");
  show_notice (self, _("The note is in your work log."), FALSE);
  /* A note is written today: show today's log. */
  wx_bench_window_set_log_day (self, NULL);
}

void
wx_bench_window_add_note (WxBenchWindow *self,
                          const char    *number,
                          const char    *text)
{
  g_autoptr(GError) error = NULL;
  NoteJob *j;

  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  /* Said at once when the note is empty or too long; the database checks too. */
  if (!wx_validate_required (text, _("Note"), NOTE_MAX_CHARS, &error))
    {
      show_notice (self, error->message, TRUE);
      return;
    }
  j = g_new0 (NoteJob, 1);
  j->number = number && *number ? g_strstrip (g_strdup (number)) : NULL;
  j->text = g_strdup (text);
  wx_db_worker_run_async (self->worker, add_note_job, j, (GDestroyNotify) note_job_free, NULL,
                          self->cancellable, note_added_cb, g_object_ref (self));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (widget);

  wx_bench_window_add_note (self, gtk_editable_get_text (GTK_EDITABLE (self->note_order_entry)),
                            gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
note_activate_cb (GtkEntry      *entry,
                  WxBenchWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-note", NULL);
}

/* -------------------------------------------------------------- printing */

static gboolean
render_log_job (PGconn    *conn,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  LogJob *j = data;
  g_autoptr(WxWorkLog) log = wx_db_work_log_load (conn, j->login, j->day, error);

  /* Rendering is the print layer's, in this worker thread too. */
  *result = log ? wx_pdf_worklog_render (log, error) : NULL;
  return *result != NULL;
}

void
wx_bench_window_render_log_async (WxBenchWindow       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (WX_IS_BENCH_WINDOW (self));
  wx_db_worker_read_async (self->worker, render_log_job, log_job_new (self), (GDestroyNotify) log_job_free,
                           (GDestroyNotify) g_bytes_unref, cancellable, callback, user_data);
}

GBytes *
wx_bench_window_render_log_finish (WxBenchWindow  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return wx_db_worker_run_finish (self->worker, result, error);
}

static void
log_printed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxBenchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *printer = wx_print_pdf_finish (result, &error);

  if (printer == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
      show_notice (self, text, TRUE);
    }
}

static void
log_rendered_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxBenchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wx_bench_window_render_log_finish (self, result, &error);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *title = NULL;

  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
          show_notice (self, text, TRUE);
        }
      return;
    }
  settings = g_settings_new (APP_ID);
  printer = g_settings_get_string (settings, "printer");
  /* TRANSLATORS: the print job's title: the day of the work log */
  title = g_strdup_printf (_("Work log %s"), self->log ? self->log->day : "");
  wx_print_pdf_async (GTK_WINDOW (self), pdf, title, *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                      self->cancellable, log_printed_cb, g_object_ref (self));
}

static void
print_log_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (widget);

  wx_bench_window_render_log_async (self, self->cancellable, log_rendered_cb, g_object_ref (self));
}

/* --------------------------------------------------------------- actions */

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
wx_bench_window_dispose (GObject *object)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (object);

  g_clear_weak_pointer (&self->step_dialog);
  g_clear_weak_pointer (&self->record_dialog);
  wx_board_session_detach (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_BENCH_WINDOW);
  G_OBJECT_CLASS (wx_bench_window_parent_class)->dispose (object);
}

static void
wx_bench_window_finalize (GObject *object)
{
  WxBenchWindow *self = WX_BENCH_WINDOW (object);

  g_clear_pointer (&self->work, g_ptr_array_unref);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_pointer (&self->log, wx_work_log_free);
  g_free (self->day);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (wx_bench_window_parent_class)->finalize (object);
}

static void
wx_bench_window_class_init (WxBenchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_bench_window_dispose;
  object_class->finalize = wx_bench_window_finalize;

  /**
   * WxBenchWindow::loaded:
   * @error: (nullable): why the board could not be loaded
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* My work, and the work log, were (re)loaded and are shown. */
  signals[SIGNAL_WORK_LOADED] = g_signal_new ("work-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LOG_LOADED] = g_signal_new ("log-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WX_TYPE_ROUTE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-bench-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, work_page);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, route_list);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, work_label);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, work_list);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, day_button);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, calendar);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, log_label);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, log_list);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, note_order_entry);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWindow, status_label);
  wx_board_window_class_bind_parts (widget_class, G_STRUCT_OFFSET (WxBenchWindow, parts));

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

  wx_board_window_parts_init (&self->parts, self->board_box, WX_BOARD_SHELVES, step_chosen, self);

  gtk_list_box_set_activate_on_single_click (self->work_list, TRUE);
  g_signal_connect (self->route_list, "stop-activated", G_CALLBACK (route_stop_activated_cb), self);
  g_signal_connect (self->work_list, "row-activated", G_CALLBACK (work_row_activated_cb), self);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (self->note_entry, "activate", G_CALLBACK (note_activate_cb), self);
}

WxBenchWindow *
wx_bench_window_new (WxApplication *app,
                     const char    *conninfo)
{
  /* The orders load while the window is built. */
  WxBoardSession *session = wx_board_session_new (conninfo);
  WxBenchWindow *self = g_object_new (WX_TYPE_BENCH_WINDOW, "application", app, NULL);

  self->session = wx_board_session_attach_window (session, &self->parts, &self->panel, G_CALLBACK (session_loaded_cb),
                                                   G_CALLBACK (session_orders_updated_cb), self);
  self->worker = wx_board_session_get_worker (self->session);
  self->orders = wx_board_session_get_orders (self->session);
  self->cancellable = wx_board_session_get_cancellable (self->session);
  return self;
}

WxBoard *
wx_bench_window_get_board (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->parts.board;
}

GListModel *
wx_bench_window_get_orders (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->orders;
}

GtkWindow *
wx_bench_window_get_record_dialog (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->record_dialog;
}

WxStepDialog *
wx_bench_window_get_step_dialog (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->step_dialog ? WX_STEP_DIALOG (self->step_dialog) : NULL;
}

GPtrArray *
wx_bench_window_get_work (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->work;
}

const WxWorkLog *
wx_bench_window_get_work_log (WxBenchWindow *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WINDOW (self), NULL);
  return self->log;
}

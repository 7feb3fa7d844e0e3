#define G_LOG_DOMAIN "wx-bench-work-log"

#include <glib/gi18n.h>

#include "db/wx-db-bench.h"
#include "gui/wx-application.h"
#include "gui/wx-print.h"
#include "print/wx-pdf-worklog.h"
#include "wx-bench-work-log.h"

struct _WxBenchWorkLog
{
  WxBenchPage     parent_instance;

  GtkMenuButton  *day_button;
  GtkCalendar    *calendar;
  GtkLabel       *log_label;
  GtkListBox     *log_list;
  WxBenchNoteBar *note_bar;

  WxWorkLog      *log;             /* as shown */
  char           *day;             /* the log's day; NULL: today */
};

G_DEFINE_FINAL_TYPE (WxBenchWorkLog, wx_bench_work_log, WX_TYPE_BENCH_PAGE)

/* ------------------------------------------------------------- loading */

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
  return wx_bench_page_padded_row (box);
}

static void
show_log (WxBenchWorkLog *self)
{
  g_autofree char *text = NULL;
  guint steps = 0, notes = 0;

  wx_bench_page_clear_list (self->log_list);
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
  g_autoptr(WxBenchWorkLog) self = user_data;
  g_autoptr(GError) error = NULL;
  WxWorkLog *log = wx_db_work_log_load_finish (WX_DB_WORKER (source), result, &error);

  if (!wx_bench_page_load_done (WX_BENCH_PAGE (self), error, _("the work log")))
    return;
  if (log)
    {
      g_clear_pointer (&self->log, wx_work_log_free);
      self->log = log;
      show_log (self);
    }
  wx_bench_page_load_next (WX_BENCH_PAGE (self));
}

static void
wx_bench_work_log_load (WxBenchPage *page)
{
  WxBoardSession *session = wx_bench_page_get_session (page);

  wx_db_work_log_load_async (wx_board_session_get_worker (session), wx_bench_page_get_login (page),
                             WX_BENCH_WORK_LOG (page)->day, wx_board_session_get_cancellable (session),
                             log_loaded_cb, g_object_ref (page));
}

/* ------------------------------------------------------------ the day */

void
wx_bench_work_log_set_day (WxBenchWorkLog *self,
                           const char     *day)
{
  g_return_if_fail (WX_IS_BENCH_WORK_LOG (self));
  g_free (self->day);
  self->day = g_strdup (day);
  wx_bench_page_reload (WX_BENCH_PAGE (self));
}

void
wx_bench_work_log_step_day (WxBenchWorkLog *self,
                            int             step)
{
  GDate date;

  g_return_if_fail (WX_IS_BENCH_WORK_LOG (self));
  if (step == 0 || self->log == NULL)
    {
      wx_bench_work_log_set_day (self, NULL);
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
    wx_bench_work_log_set_day (self, day);
  }
}

static void
day_selected_cb (GtkCalendar    *calendar,
                 WxBenchWorkLog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_popdown (self->day_button);
  wx_bench_work_log_set_day (self, day);
}

/* A note is written today: show today's log. */
static void
note_added_cb (WxBenchNoteBar *bar,
               WxBenchWorkLog *self)
{
  wx_bench_work_log_set_day (self, NULL);
}

static void
note_notice_cb (WxBenchNoteBar *bar,
                const char     *text,
                gboolean        is_error,
                WxBenchWorkLog *self)
{
  wx_bench_page_notice (WX_BENCH_PAGE (self), text, is_error);
}

/* -------------------------------------------------------------- printing */

/* Rendering is the print layer's, off the main thread. */
static void
render_log_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *pdf = wx_pdf_worklog_render (data, &error);

  if (pdf)
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

static void
render_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  WxWorkLog *log = wx_db_work_log_load_finish (WX_DB_WORKER (source), result, &error);

  if (log == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, log, (GDestroyNotify) wx_work_log_free);
  g_task_run_in_thread (task, render_log_thread);
}

void
wx_bench_work_log_render_async (WxBenchWorkLog      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  WxBoardSession *session;
  GTask *task;

  g_return_if_fail (WX_IS_BENCH_WORK_LOG (self));
  session = wx_bench_page_get_session (WX_BENCH_PAGE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wx_bench_work_log_render_async);
  wx_db_work_log_load_async (wx_board_session_get_worker (session), wx_bench_page_get_login (WX_BENCH_PAGE (self)),
                             self->day, cancellable, render_loaded_cb, task);
}

GBytes *
wx_bench_work_log_render_finish (WxBenchWorkLog  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
log_printed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxBenchWorkLog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *printer = wx_print_pdf_finish (result, &error);

  if (printer == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
      wx_bench_page_notice (WX_BENCH_PAGE (self), text, TRUE);
    }
}

static void
log_rendered_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxBenchWorkLog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wx_bench_work_log_render_finish (self, result, &error);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root;

  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Printing failed: %s"), error->message);
          wx_bench_page_notice (WX_BENCH_PAGE (self), text, TRUE);
        }
      return;
    }
  settings = g_settings_new (APP_ID);
  printer = g_settings_get_string (settings, "printer");
  /* TRANSLATORS: the print job's title: the day of the work log */
  title = g_strdup_printf (_("Work log %s"), self->log ? self->log->day : "");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  wx_print_pdf_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, pdf, title,
                      *printer ? WX_PRINT_DEFAULT_PRINTER : WX_PRINT_ASK,
                      wx_board_session_get_cancellable (wx_bench_page_get_session (WX_BENCH_PAGE (self))),
                      log_printed_cb, g_object_ref (self));
}

void
wx_bench_work_log_print (WxBenchWorkLog *self)
{
  g_return_if_fail (WX_IS_BENCH_WORK_LOG (self));
  wx_bench_work_log_render_async (self,
                                  wx_board_session_get_cancellable (wx_bench_page_get_session (WX_BENCH_PAGE (self))),
                                  log_rendered_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ the object */

const WxWorkLog *
wx_bench_work_log_get_log (WxBenchWorkLog *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WORK_LOG (self), NULL);
  return self->log;
}

WxBenchNoteBar *
wx_bench_work_log_get_note_bar (WxBenchWorkLog *self)
{
  g_return_val_if_fail (WX_IS_BENCH_WORK_LOG (self), NULL);
  return self->note_bar;
}

static void
wx_bench_work_log_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WX_TYPE_BENCH_WORK_LOG);
  G_OBJECT_CLASS (wx_bench_work_log_parent_class)->dispose (object);
}

static void
wx_bench_work_log_finalize (GObject *object)
{
  WxBenchWorkLog *self = WX_BENCH_WORK_LOG (object);

  g_clear_pointer (&self->log, wx_work_log_free);
  g_free (self->day);
  G_OBJECT_CLASS (wx_bench_work_log_parent_class)->finalize (object);
}

static void
wx_bench_work_log_class_init (WxBenchWorkLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxBenchPageClass *page_class = WX_BENCH_PAGE_CLASS (klass);

  object_class->dispose = wx_bench_work_log_dispose;
  object_class->finalize = wx_bench_work_log_finalize;
  page_class->load = wx_bench_work_log_load;

  g_type_ensure (WX_TYPE_BENCH_NOTE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/bench/wx-bench-work-log.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBenchWorkLog, day_button);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWorkLog, calendar);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWorkLog, log_label);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWorkLog, log_list);
  gtk_widget_class_bind_template_child (widget_class, WxBenchWorkLog, note_bar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_notice_cb);
}

static void
wx_bench_work_log_init (WxBenchWorkLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

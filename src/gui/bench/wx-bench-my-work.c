#define G_LOG_DOMAIN "wx-bench-my-work"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db-bench.h"
#include "gui/board/wx-board-card.h"
#include "wx-bench-my-work.h"

struct _WxBenchMyWork
{
  WxBenchPage  parent_instance;

  GtkLabel    *work_label;
  GtkListBox  *work_list;

  GPtrArray   *work;            /* WxBenchTask as listed */
  GTimeZone   *timezone;        /* the shop's */
  guint        n_urgent;
};

G_DEFINE_FINAL_TYPE (WxBenchMyWork, wx_bench_my_work, WX_TYPE_BENCH_PAGE)

enum { PROP_0, PROP_WORK, N_PROPS };
static GParamSpec *properties[N_PROPS];

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
  if (task->kind == WX_BENCH_TASK_ANSWER)
    {
      GtkWidget *label = gtk_label_new (task->note);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "wx-mark-return");
      gtk_box_append (GTK_BOX (box), label);
    }
  wx_board_card_set_order (WX_BOARD_CARD (card), task->order);
  gtk_box_append (GTK_BOX (box), card);
  return wx_bench_page_padded_row (box);
}

static void
show_work (WxBenchMyWork *self)
{
  g_autofree char *text = NULL;
  guint urgent = 0;

  wx_bench_page_clear_list (self->work_list);
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
  self->n_urgent = urgent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK]);
}

static void
work_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WxBenchMyWork) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbMyWork) work = wx_db_bench_my_work_finish (WX_DB_WORKER (source), result, &error);

  if (!wx_bench_page_load_done (WX_BENCH_PAGE (self), error, _("my work")))
    return;
  if (work)
    {
      g_clear_pointer (&self->work, g_ptr_array_unref);
      self->work = g_steal_pointer (&work->tasks);
      g_clear_pointer (&self->timezone, g_time_zone_unref);
      self->timezone = g_time_zone_new_identifier (work->timezone);
      if (self->timezone == NULL)
        self->timezone = g_time_zone_new_local ();
      show_work (self);
    }
  wx_bench_page_load_next (WX_BENCH_PAGE (self));
}

static void
wx_bench_my_work_load (WxBenchPage *page)
{
  WxBoardSession *session = wx_bench_page_get_session (page);

  wx_db_bench_my_work_async (wx_board_session_get_worker (session), wx_bench_page_get_login (page),
                             g_get_real_time () / G_USEC_PER_SEC, wx_board_session_get_cancellable (session),
                             work_loaded_cb, g_object_ref (page));
}

static void
work_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       WxBenchMyWork *self)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->work && i >= 0 && (guint) i < self->work->len)
    wx_bench_page_open_order (WX_BENCH_PAGE (self),
                              wx_order_get_number (((WxBenchTask *) g_ptr_array_index (self->work, i))->order));
}

GPtrArray *
wx_bench_my_work_get_work (WxBenchMyWork *self)
{
  g_return_val_if_fail (WX_IS_BENCH_MY_WORK (self), NULL);
  return self->work;
}

guint
wx_bench_my_work_get_n_urgent (WxBenchMyWork *self)
{
  g_return_val_if_fail (WX_IS_BENCH_MY_WORK (self), 0);
  return self->n_urgent;
}

static void
wx_bench_my_work_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WxBenchMyWork *self = WX_BENCH_MY_WORK (object);

  switch (prop_id)
    {
    case PROP_WORK:
      g_value_set_boxed (value, self->work);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_bench_my_work_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WX_TYPE_BENCH_MY_WORK);
  G_OBJECT_CLASS (wx_bench_my_work_parent_class)->dispose (object);
}

static void
wx_bench_my_work_finalize (GObject *object)
{
  WxBenchMyWork *self = WX_BENCH_MY_WORK (object);

  g_clear_pointer (&self->work, g_ptr_array_unref);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  G_OBJECT_CLASS (wx_bench_my_work_parent_class)->finalize (object);
}

static void
wx_bench_my_work_class_init (WxBenchMyWorkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxBenchPageClass *page_class = WX_BENCH_PAGE_CLASS (klass);

  object_class->get_property = wx_bench_my_work_get_property;
  object_class->dispose = wx_bench_my_work_dispose;
  object_class->finalize = wx_bench_my_work_finalize;
  page_class->load = wx_bench_my_work_load;

  /* The work as shown (WxBenchTask); notified each time a new list is shown. */
  properties[PROP_WORK] = g_param_spec_boxed ("work", NULL, NULL, G_TYPE_PTR_ARRAY,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/bench/wx-bench-my-work.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBenchMyWork, work_label);
  gtk_widget_class_bind_template_child (widget_class, WxBenchMyWork, work_list);
  gtk_widget_class_bind_template_callback (widget_class, work_row_activated_cb);
}

static void
wx_bench_my_work_init (WxBenchMyWork *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

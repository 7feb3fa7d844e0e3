/* wx-review-page.c — the supervisor's review queue page. */
#define G_LOG_DOMAIN "wx-review-page"

#include <stdio.h>

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-review-page.h"

struct _WxReviewPage
{
  WxPage          parent_instance;

  GtkPaned       *paned;
  GtkLabel       *queue_label;
  GtkSpinner     *spinner;
  GtkListBox     *queue_list;
  GtkLabel       *order_label;
  GtkLabel       *summary_label;
  GtkListBox     *check_list;
  GtkLabel       *message_label;
  GtkRevealer    *return_revealer;
  GtkDropDown    *person_drop;
  GtkEntry       *comment_entry;
  GtkDropDown    *engineer_drop;
  GtkDropDown    *week_drop;
  GtkDropDown    *kind_drop;
  GtkDropDown    *flag_drop;

  GPtrArray      *queue;          /* WxReviewQueueItem */
  GPtrArray      *shown;          /* those of the queue the filters keep, as listed */
  GPtrArray      *engineer_keys;  /* engineer_drop's logins; "" all */
  GPtrArray      *week_keys;      /* week_drop's Mondays (YYYY-MM-DD); "" all */
  WxReviewOrder  *order;          /* the selected one, loaded */
  char           *selected;       /* its number */
  GPtrArray      *logins;         /* of person_drop's items */
  gboolean        filling;        /* rows being rebuilt: selection changes are ours */
};

enum { SIGNAL_ORDER_LOADED, SIGNAL_DECIDED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WxReviewPage, wx_review_page, WX_TYPE_PAGE)

static void load_order (WxReviewPage *self);

static void
set_message (WxReviewPage *self, const char *text, gboolean is_error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_actions (WxReviewPage *self)
{
  gboolean ready = self->order != NULL && !self->order->reviewed;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.pass", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.return-start", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.return", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.open", self->selected != NULL);
}

/* ------------------------------------------------------------ rows */

static const char *
clock_class (WxClockStatus status)
{
  return status == WX_CLOCK_STATUS_RED ? "wx-clock-red"
       : status == WX_CLOCK_STATUS_AMBER ? "wx-clock-amber" : "wx-clock-running";
}

static GtkWidget *
label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
line_new (void)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  return line;
}

/* Two lines, each as narrow as its widest fixed part (the number, the due
 * time): the page fits beside the order panel in 1024 pixels. */
static GtkWidget *
queue_row (const WxReviewQueueItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line, *label;
  g_autofree char *machine = g_strdup_printf ("%s · %s", item->machine,
                                              *item->engineer_name ? item->engineer_name : _("no engineer"));
  g_autofree char *entered = g_strdup_printf (_("Entered %s"), item->entered_text);
  g_autofree char *due_text = g_strdup_printf (_("Review by %s"), item->due_text);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  line = line_new ();
  label = label_new (item->number, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (line), label);
  label = label_new (item->unit_name, NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), label);
  if (item->returned_to)
    {
      /* TRANSLATORS: the review queue: the order went back to this person, who answered it or not yet */
      g_autofree char *text = g_strdup_printf (item->answered ? _("Answered by %s") : _("Returned to %s"),
                                               item->returned_to);
      label = label_new (text, item->answered ? "wx-mark-answered" : "wx-mark-return");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (box), line);

  line = line_new ();
  label = label_new (due_text, "wx-clock");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_add_css_class (label, clock_class (item->clock));
  gtk_box_append (GTK_BOX (line), label);
  label = label_new (machine, "dim-label");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, entered);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);
  g_object_set_data_full (G_OBJECT (box), "number", g_strdup (item->number), g_free);
  return box;
}

static GtkWidget *
check_row (const WxReviewOrder *order, const WxReviewItem *item)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *mark, *evidence;
  static const char *marks[] = { [WX_CHECK_OK] = "✓", [WX_CHECK_FAILED] = "✗", [WX_CHECK_NOT_APPLICABLE] = "–" };
  static const char *classes[] = { [WX_CHECK_OK] = "success", [WX_CHECK_FAILED] = "error",
                                   [WX_CHECK_NOT_APPLICABLE] = "dim-label" };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_widget_set_margin_start (grid, 8);
  gtk_widget_set_margin_end (grid, 8);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  mark = label_new (marks[item->result], classes[item->result]);
  gtk_widget_add_css_class (mark, "title-4");
  gtk_widget_set_valign (mark, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), mark, 0, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), label_new (wx_review_check_label (item->check), "heading"), 1, 0, 1, 1);
  evidence = label_new (item->evidence, item->result == WX_CHECK_NOT_APPLICABLE ? "dim-label" : NULL);
  gtk_label_set_ellipsize (GTK_LABEL (evidence), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (evidence), TRUE);
  gtk_widget_set_hexpand (evidence, TRUE);
  if (item->responsible)
    {
      const char *name = g_hash_table_lookup (order->people, item->responsible);
      g_autofree char *text = g_strdup_printf (_("%s — responsible: %s"), item->evidence,
                                               name ? name : item->responsible);
      gtk_label_set_text (GTK_LABEL (evidence), text);
    }
  gtk_grid_attach (GTK_GRID (grid), evidence, 1, 1, 1, 1);
  return grid;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* ------------------------------------------------------------ the order */

static int
by_name (gconstpointer a, gconstpointer b, gpointer people)
{
  return g_utf8_collate (g_hash_table_lookup (people, *(char **) a), g_hash_table_lookup (people, *(char **) b));
}

static void
show_order (WxReviewPage *self)
{
  const WxReviewOrder *o = self->order;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  const char *responsible;

  clear_list (self->check_list);
  g_ptr_array_set_size (self->logins, 0);
  gtk_revealer_set_reveal_child (self->return_revealer, FALSE);
  if (o == NULL)
    {
      gtk_label_set_text (self->order_label, _("No order selected"));
      gtk_label_set_text (self->summary_label, "");
      gtk_drop_down_set_model (self->person_drop, NULL);
      update_actions (self);
      return;
    }
  title = g_strdup_printf ("%s — %s", o->number, o->unit_name);
  gtk_label_set_text (self->order_label, title);
  {
    guint failed = wx_review_n_failed (o->review);
    summary = failed == 0
      ? g_strdup_printf (_("%s · every check that applies is met"), o->machine)
      : g_strdup_printf (ngettext ("%s · %u check failed", "%s · %u checks failed", failed), o->machine, failed);
  }
  if (o->open_return)
    {
      const WxReviewOpenReturn *r = o->open_return;
      g_autofree char *more = r->answered
        /* TRANSLATORS: the review page: the return, then the answer */
        ? g_strdup_printf (_("%s\nReturned on %s to %s: %s\nAnswered: %s"), summary, r->at_text,
                           r->returned_to_name, r->comment, r->answer)
        : g_strdup_printf (_("%s\nReturned on %s to %s: %s\nNot answered yet."), summary, r->at_text,
                           r->returned_to_name, r->comment);
      g_free (summary);
      summary = g_steal_pointer (&more);
    }
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    gtk_list_box_append (self->check_list, check_row (o, &o->review->items[i]));

  {
    GHashTableIter iter;
    gpointer login;

    g_hash_table_iter_init (&iter, o->people);
    while (g_hash_table_iter_next (&iter, &login, NULL))
      g_ptr_array_add (self->logins, g_strdup (login));
    g_ptr_array_sort_with_data (self->logins, by_name, o->people);
    for (guint i = 0; i < self->logins->len; i++)
      gtk_string_list_append (names, g_hash_table_lookup (o->people, self->logins->pdata[i]));
  }
  gtk_drop_down_set_model (self->person_drop, G_LIST_MODEL (names));
  responsible = wx_review_first_responsible (o->review);
  wx_review_page_set_return (self, "", responsible);
  update_actions (self);
}

static void
order_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  WxReviewOrder *order = wx_db_review_order_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (order && g_strcmp0 (order->number, self->selected) != 0)
    {
      wx_review_order_free (order);   /* another one was chosen meanwhile */
      return;
    }
  g_clear_pointer (&self->order, wx_review_order_free);
  self->order = order;
  if (error)
    set_message (self, error->message, TRUE);
  show_order (self);
  g_signal_emit (self, signals[SIGNAL_ORDER_LOADED], 0, error);
}

static void
load_order (WxReviewPage *self)
{
  g_clear_pointer (&self->order, wx_review_order_free);
  show_order (self);
  if (self->selected == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  wx_db_review_order_async (wx_page_get_worker (WX_PAGE (self)), self->selected,
                            wx_page_get_cancellable (WX_PAGE (self)), order_loaded_cb, g_object_ref (self));
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, WxReviewPage *self)
{
  const char *number = row ? g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "number") : NULL;

  if (self->filling || g_strcmp0 (number, self->selected) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (number);
  set_message (self, NULL, FALSE);
  load_order (self);
}

static void
row_activated_cb (GtkListBox *list, GtkListBoxRow *row, WxReviewPage *self)
{
  const char *number = g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "number");

  wx_page_open_order (WX_PAGE (self), number);
}

/* ------------------------------------------------------------ the queue */

static void
queue_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_review_queue_async (worker, cancellable, callback, user_data);
}

static gpointer
queue_load_finish (WxPage *page, GAsyncResult *result, GError **error)
{
  return wx_db_review_queue_finish (wx_page_get_worker (page), result, error);
}

/* ------------------------------------------------------------ filters */

enum { FLAG_ALL, FLAG_OVERDUE, FLAG_RETURNED, FLAG_ANSWERED, FLAG_NOT_RETURNED };

/* The Monday (YYYY-MM-DD) of the week the order was entered, in the shop's time. */
static char *
week_of (const WxReviewQueueItem *item)
{
  int y, m, d;
  GDate date;

  if (sscanf (item->entered_text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_days (&date, (guint) g_date_get_weekday (&date) - 1);   /* Monday is 1 */
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static const char *
drop_key (GtkDropDown *drop, GPtrArray *keys)
{
  guint i = gtk_drop_down_get_selected (drop);

  return i < keys->len ? keys->pdata[i] : "";
}

static gboolean
kept (WxReviewPage *self, const WxReviewQueueItem *item)
{
  const char *engineer = drop_key (self->engineer_drop, self->engineer_keys);
  const char *week = drop_key (self->week_drop, self->week_keys);
  guint kind = gtk_drop_down_get_selected (self->kind_drop);
  guint flag = gtk_drop_down_get_selected (self->flag_drop);

  if (*engineer && !g_str_equal (item->engineer, engineer))
    return FALSE;
  if (*week)
    {
      g_autofree char *monday = week_of (item);
      if (!g_str_equal (monday, week))
        return FALSE;
    }
  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && (guint) item->kind != kind - 1)
    return FALSE;
  switch (flag)
    {
    case FLAG_OVERDUE:      return item->clock == WX_CLOCK_STATUS_RED;
    case FLAG_RETURNED:     return item->returned_to && !item->answered;
    case FLAG_ANSWERED:     return item->returned_to && item->answered;
    case FLAG_NOT_RETURNED: return item->returned_to == NULL;
    default:                return TRUE;
    }
}

/* `drop` offering "all" and then `labels`, keyed by `keys` ("" first);
 * the key chosen before stays chosen. */
static void
set_choices (GtkDropDown *drop, GPtrArray *keys, const char *all, GPtrArray *new_keys, GPtrArray *labels)
{
  g_autofree char *was = g_strdup (drop_key (drop, keys));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint keep = 0;

  g_ptr_array_set_size (keys, 0);
  g_ptr_array_add (keys, g_strdup (""));
  gtk_string_list_append (model, all);
  for (guint i = 0; i < new_keys->len; i++)
    {
      g_ptr_array_add (keys, g_strdup (new_keys->pdata[i]));
      gtk_string_list_append (model, labels->pdata[i]);
      if (g_str_equal (new_keys->pdata[i], was))
        keep = i + 1;
    }
  gtk_drop_down_set_model (drop, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (drop, keep);
}

/* The engineers and weeks of the queue as the filters' choices. */
static void
update_choices (WxReviewPage *self)
{
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) weeks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) week_labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->queue->len; i++)
    {
      const WxReviewQueueItem *item = self->queue->pdata[i];
      g_autofree char *monday = week_of (item);

      if (*item->engineer && !g_ptr_array_find_with_equal_func (logins, item->engineer, g_str_equal, NULL))
        {
          g_ptr_array_add (logins, g_strdup (item->engineer));
          g_ptr_array_add (names, g_strdup (item->engineer_name));
        }
      if (*monday && !g_ptr_array_find_with_equal_func (weeks, monday, g_str_equal, NULL))
        {
          /* TRANSLATORS: a week of the review queue's filter, by its Monday (MM-DD) */
          g_ptr_array_add (week_labels, g_strdup_printf (_("Week of %s"), monday + 5));
          g_ptr_array_add (weeks, g_steal_pointer (&monday));
        }
    }
  self->filling = TRUE;
  set_choices (self->engineer_drop, self->engineer_keys, _("Every engineer"), logins, names);
  set_choices (self->week_drop, self->week_keys, _("Every week"), weeks, week_labels);
  self->filling = FALSE;
}

/* The queue as the filters keep it into the list, the selection kept if
 * still listed, else the first; its checklist loads when it changed. */
static void
fill_list (WxReviewPage *self)
{
  GtkListBoxRow *keep = NULL;
  g_autofree char *heading = NULL;

  if (self->queue == NULL)
    return;
  g_ptr_array_set_size (self->shown, 0);
  self->filling = TRUE;
  clear_list (self->queue_list);
  for (guint i = 0; i < self->queue->len; i++)
    {
      const WxReviewQueueItem *item = self->queue->pdata[i];

      if (!kept (self, item))
        continue;
      g_ptr_array_add (self->shown, (gpointer) item);
      gtk_list_box_append (self->queue_list, queue_row (item));
      if (g_strcmp0 (item->number, self->selected) == 0)
        keep = gtk_list_box_get_row_at_index (self->queue_list, (int) self->shown->len - 1);
    }
  if (keep == NULL)
    {
      keep = gtk_list_box_get_row_at_index (self->queue_list, 0);
      g_free (self->selected);
      self->selected = self->shown->len ? g_strdup (((WxReviewQueueItem *) self->shown->pdata[0])->number) : NULL;
    }
  gtk_list_box_select_row (self->queue_list, keep);
  self->filling = FALSE;
  heading = self->shown->len == self->queue->len
    ? g_strdup_printf (ngettext ("%u order waiting for review", "%u orders waiting for review", self->queue->len),
                       self->queue->len)
    /* TRANSLATORS: the review queue with filters: shown, of all waiting */
    : g_strdup_printf (ngettext ("%u of %u order waiting for review", "%u of %u orders waiting for review",
                                 self->queue->len), self->shown->len, self->queue->len);
  gtk_label_set_text (self->queue_label, heading);
}

static void
filter_changed_cb (GObject *drop, GParamSpec *pspec, WxReviewPage *self)
{
  g_autofree char *before = NULL;

  if (self->filling)
    return;
  before = g_strdup (self->selected);
  fill_list (self);
  if (g_strcmp0 (before, self->selected) != 0)
    load_order (self);
}

/* The queue into the list; "loaded" follows, then the selected order's checklist loads. */
static void
queue_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxReviewPage *self = WX_REVIEW_PAGE (page);
  GPtrArray *queue = result;

  if (queue == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot load the review queue: %s"), error->message);
      set_message (self, text, TRUE);
      return;
    }
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = queue;
  update_choices (self);
  fill_list (self);
}

static void
queue_loaded_after_cb (WxReviewPage *self, GError *error, gpointer data)
{
  if (error == NULL)
    load_order (self);
}

void
wx_review_page_reload (WxReviewPage *self)
{
  g_return_if_fail (WX_IS_REVIEW_PAGE (self));
  wx_page_reload (WX_PAGE (self));
}

/* ------------------------------------------------------------ pass and return */

typedef struct {
  WxReviewPage *self;
  char         *number;
  gboolean      returned;
} Decided;

static void
decided_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Decided *d = user_data;
  g_autoptr(WxReviewPage) self = d->self;
  g_autofree char *number = d->number;
  g_autoptr(GError) error = NULL;
  gboolean ok = wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error);
  gboolean returned = d->returned;
  g_autofree char *text = NULL;

  g_free (d);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    text = g_strdup (error->message);
  else if (returned)
    text = g_strdup_printf (_("%s returned with your comment."), number);
  else
    text = g_strdup_printf (_("%s passed the review."), number);
  set_message (self, text, !ok);
  if (ok)
    g_signal_emit (self, signals[SIGNAL_DECIDED], 0, number);
  wx_review_page_reload (self);
}

static void
decide (WxReviewPage *self, const char *comment, const char *returned_to)
{
  Decided *done;

  if (self->order == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  done = g_new0 (Decided, 1);
  done->self = g_object_ref (self);
  done->number = g_strdup (self->order->number);
  done->returned = comment != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.pass", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.return", FALSE);
  wx_db_review_decide_async (wx_page_get_worker (WX_PAGE (self)), self->order->number, self->order->version,
                             comment, returned_to, wx_page_get_cancellable (WX_PAGE (self)), decided_cb, done);
}

static void
pass_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  decide (WX_REVIEW_PAGE (widget), NULL, NULL);
}

static void
return_start_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  WxReviewPage *self = WX_REVIEW_PAGE (widget);

  gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
}

static void
return_cancel_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_revealer_set_reveal_child (WX_REVIEW_PAGE (widget)->return_revealer, FALSE);
}

static void
return_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  WxReviewPage *self = WX_REVIEW_PAGE (widget);
  g_autofree char *comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));
  const char *to = wx_review_page_get_return_to (self);

  if (*comment == '\0')
    {
      set_message (self, _("Say what must be put right before returning the order."), TRUE);
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
      return;
    }
  if (to == NULL)
    {
      set_message (self, _("Choose the person the order goes back to."), TRUE);
      return;
    }
  decide (self, comment, to);
}

static void
passed_clean_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint passed = 0, skipped = 0;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.pass-clean", TRUE);
  if (!wx_db_review_pass_clean_finish (WX_DB_WORKER (source), result, &passed, &skipped, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, error->message, TRUE);
      return;
    }
  /* TRANSLATORS: after the bulk pass: how many passed; then how many stay */
  text = g_strdup_printf (ngettext ("%u order with every check met passed", "%u orders with every check met passed",
                                    passed), passed);
  if (skipped > 0)
    {
      g_autofree char *rest = g_strdup_printf (ngettext ("; %u stays for a review of its own.",
                                                         "; %u stay for a review of their own.", skipped), skipped);
      g_autofree char *both = g_strconcat (text, rest, NULL);
      g_free (text);
      text = g_steal_pointer (&both);
    }
  else
    {
      g_autofree char *both = g_strconcat (text, ".", NULL);
      g_free (text);
      text = g_steal_pointer (&both);
    }
  set_message (self, text, FALSE);
  wx_review_page_reload (self);
}

/* The orders shown whose checklist is clean pass, each its own event. */
static void
pass_clean_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  WxReviewPage *self = WX_REVIEW_PAGE (widget);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || self->shown->len == 0)
    return;
  for (guint i = 0; i < self->shown->len; i++)
    g_ptr_array_add (numbers, ((WxReviewQueueItem *) self->shown->pdata[i])->number);
  g_ptr_array_add (numbers, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.pass-clean", FALSE);
  set_message (self, NULL, FALSE);
  wx_db_review_pass_clean_async (wx_page_get_worker (WX_PAGE (self)), (const char * const *) numbers->pdata,
                                 wx_page_get_cancellable (WX_PAGE (self)), passed_clean_cb, g_object_ref (self));
}

static void
open_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  WxReviewPage *self = WX_REVIEW_PAGE (widget);

  if (self->selected)
    wx_page_open_order (WX_PAGE (self), self->selected);
}

static void
reload_action_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  wx_review_page_reload (WX_REVIEW_PAGE (widget));
}

/* ------------------------------------------------------------ public */

WxReviewPage *
wx_review_page_new (void)
{
  return g_object_new (WX_TYPE_REVIEW_PAGE, NULL);
}

void
wx_review_page_set_worker (WxReviewPage *self, WxDbWorker *worker)
{
  g_return_if_fail (WX_IS_REVIEW_PAGE (self));
  wx_page_set_worker (WX_PAGE (self), worker);
}

GPtrArray *
wx_review_page_get_queue (WxReviewPage *self)
{
  return self->queue;
}

GPtrArray *
wx_review_page_get_shown (WxReviewPage *self)
{
  return self->shown;
}

gboolean
wx_review_page_select (WxReviewPage *self, const char *number)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_str_equal (((WxReviewQueueItem *) self->shown->pdata[i])->number, number))
      {
        gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, (int) i));
        return TRUE;
      }
  return FALSE;
}

const WxReviewOrder *
wx_review_page_get_order (WxReviewPage *self)
{
  return self->order;
}

void
wx_review_page_set_return (WxReviewPage *self, const char *comment, const char *login)
{
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), comment ? comment : "");
  for (guint i = 0; login && i < self->logins->len; i++)
    if (g_str_equal (self->logins->pdata[i], login))
      {
        gtk_drop_down_set_selected (self->person_drop, i);
        return;
      }
  gtk_drop_down_set_selected (self->person_drop, GTK_INVALID_LIST_POSITION);
}

const char *
wx_review_page_get_return_to (WxReviewPage *self)
{
  guint i = gtk_drop_down_get_selected (self->person_drop);

  return i < self->logins->len ? self->logins->pdata[i] : NULL;
}

void
wx_review_page_set_narrow (WxReviewPage *self,
                           gboolean      narrow)
{
  GtkOrientation orientation = narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  g_return_if_fail (WX_IS_REVIEW_PAGE (self));
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) == orientation)
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), orientation);
  gtk_paned_set_position (self->paned, narrow ? 240 : 560);
}

const char *
wx_review_page_get_message (WxReviewPage *self)
{
  return gtk_label_get_text (self->message_label);
}

/* ------------------------------------------------------------ GObject */

static void
wx_review_page_dispose (GObject *object)
{
  WxReviewPage *self = WX_REVIEW_PAGE (object);

  g_cancellable_cancel (wx_page_get_cancellable (WX_PAGE (self)));
  if (self->queue_list)
    g_signal_handlers_disconnect_by_data (self->queue_list, self);
  G_OBJECT_CLASS (wx_review_page_parent_class)->dispose (object);
}

static void
wx_review_page_finalize (GObject *object)
{
  WxReviewPage *self = WX_REVIEW_PAGE (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->order, wx_review_order_free);
  g_clear_pointer (&self->logins, g_ptr_array_unref);
  g_clear_pointer (&self->engineer_keys, g_ptr_array_unref);
  g_clear_pointer (&self->week_keys, g_ptr_array_unref);
  g_free (self->selected);
  G_OBJECT_CLASS (wx_review_page_parent_class)->finalize (object);
}

static void
wx_review_page_class_init (WxReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxPageClass *page_class = WX_PAGE_CLASS (klass);

  object_class->dispose = wx_review_page_dispose;
  object_class->finalize = wx_review_page_finalize;
  page_class->load = queue_load;
  page_class->load_finish = queue_load_finish;
  page_class->result_free = (GDestroyNotify) g_ptr_array_unref;
  page_class->loaded = queue_loaded;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/supervisor/wx-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, paned);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, queue_label);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, order_label);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, check_list);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, return_revealer);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, person_drop);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, engineer_drop);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, week_drop);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, kind_drop);
  gtk_widget_class_bind_template_child (widget_class, WxReviewPage, flag_drop);
  gtk_widget_class_install_action (widget_class, "review.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "review.pass", NULL, pass_action_cb);
  gtk_widget_class_install_action (widget_class, "review.return-start", NULL, return_start_action_cb);
  gtk_widget_class_install_action (widget_class, "review.return-cancel", NULL, return_cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "review.return", NULL, return_action_cb);
  gtk_widget_class_install_action (widget_class, "review.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "review.pass-clean", NULL, pass_clean_action_cb);
  /* loaded (WxPage's, GError or NULL): the queue */
  /* order-loaded (GError or NULL): the selected order's checklist */
  signals[SIGNAL_ORDER_LOADED] = g_signal_new ("order-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* decided (the number): an order was passed or returned; the queue reloads next */
  signals[SIGNAL_DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* open-order (WxPage's, the number) */
}

static void
wx_review_page_init (WxReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wx_page_set_spinner (WX_PAGE (self), self->spinner);
  g_signal_connect_after (self, "loaded", G_CALLBACK (queue_loaded_after_cb), NULL);
  self->logins = g_ptr_array_new_with_free_func (g_free);
  self->shown = g_ptr_array_new ();
  self->engineer_keys = g_ptr_array_new_with_free_func (g_free);
  self->week_keys = g_ptr_array_new_with_free_func (g_free);
  {
    const char *kinds[] = { _("Every kind"), wx_order_kind_label (WX_ORDER_KIND_CARRY_IN),
                            wx_order_kind_label (WX_ORDER_KIND_ON_SITE), wx_order_kind_label (WX_ORDER_KIND_SALE), NULL };
    /* TRANSLATORS: the review queue's filter by marks */
    const char *flags[] = { _("Any mark"), _("Overdue"), _("Returned, not answered"), _("Answered"),
                            _("Never returned"), NULL };
    g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
    g_autoptr(GtkStringList) flag_model = gtk_string_list_new (flags);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    gtk_drop_down_set_model (self->kind_drop, G_LIST_MODEL (kind_model));
    gtk_drop_down_set_model (self->flag_drop, G_LIST_MODEL (flag_model));
    set_choices (self->engineer_drop, self->engineer_keys, _("Every engineer"), none, none);
    set_choices (self->week_drop, self->week_keys, _("Every week"), none, none);
  }
  g_signal_connect (self->engineer_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect (self->week_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect (self->kind_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect (self->flag_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect (self->queue_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->queue_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_label_set_text (self->queue_label, _("Orders waiting for review"));
  show_order (self);
}

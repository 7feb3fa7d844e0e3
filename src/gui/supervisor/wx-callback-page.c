#define G_LOG_DOMAIN "wx-callback-page"

#include <glib/gi18n.h>

#include "core/wx-call.h"
#include "core/wx-codes.h"
#include "wx-callback-page.h"
#include "wx-supervisor-form.h"

struct _WxCallbackPage {
  GtkWidget         parent_instance;
  WxSupervisorPart  part;   /* part.items: WxCallbackDue */
};

G_DEFINE_FINAL_TYPE (WxCallbackPage, wx_callback_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_OPEN_ORDER, N_SIGNALS };
static guint signals[N_SIGNALS];

static const WxCallbackDue *
find_due (WxCallbackPage *self, gint64 id)
{
  for (guint i = 0; self->part.items && i < self->part.items->len; i++)
    {
      const WxCallbackDue *d = g_ptr_array_index (self->part.items, i);
      if (d->id == id)
        return d;
    }
  return NULL;
}

static void
set_message (WxCallbackPage *self, const char *text, gboolean error)
{
  wx_supervisor_page_message (&self->part, text, error);
}

/* ------------------------------------------------------------ the side form */

static void
show_selected (WxCallbackPage *self)
{
  const WxCallbackDue *d = find_due (self, self->part.selected);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), d != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "callbacks.record", d != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "callbacks.open-order", d != NULL && d->order_id != 0);
  if (d == NULL)
    {
      gtk_label_set_text (self->part.selected_label, _("Choose a callback from the list."));
      gtk_label_set_text (self->part.detail_label, "");
      return;
    }
  /* TRANSLATORS: the callback chosen: its order number (or "Phone case"), and the unit */
  title = g_strdup_printf (_("%s · %s"), d->order_id ? d->order_number : _("Phone case"), d->unit_name);
  detail = g_strdup_printf (_("%s\nContact: %s, %s\nEngineer: %s\nAbout: %s\nDue: %s%s%s"),
                            wx_code_label (WX_CODE_CALLBACK_KIND, d->kind), d->contact, d->phone,
                            *d->engineer ? d->engineer : "—", d->subject, d->due_text,
                            d->attempts ? "\n" : "", d->attempts ? d->comments : "");
  gtk_label_set_text (self->part.selected_label, title);
  gtk_label_set_text (self->part.detail_label, detail);
}

static void
build_form (WxCallbackPage *self)
{
  WxSupervisorForm *f = self->part.form;

  wx_supervisor_form_add (f, "reached", _("_Reached: the customer had a minute"), "check", NULL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (wx_supervisor_form_add (f, "call_again", _("Call again at"), "entry", NULL)),
                                  _("HH:MM or MM-DD HH:MM"));
  /* TRANSLATORS: choices "code:Label|…": translate the labels only */
  wx_supervisor_form_add (f, "working", _("Machine working?"), "choice", _(":Not asked|yes:Working|no:Not working"));
  for (guint i = 0; i < WX_N_WEAK_POINTS; i++)
    {
      static const char *keys[] = { "weak_response", "weak_repair_time", "weak_attitude", "weak_quote_speed" };
      g_autofree char *label = g_strdup_printf (_("Weak: %s"), wx_weak_point_label (wx_weak_point_nth (i)));
      wx_supervisor_form_add (f, keys[i], label, "check", NULL);
    }
  /* TRANSLATORS: choices "code:Label|…": translate the labels only */
  wx_supervisor_form_add (f, "explained", _("Engineer explained after the repair?"), "choice", _(":Not asked|yes:Yes|no:No"));
  /* TRANSLATORS: choices "code:Label|…": translate the labels only */
  wx_supervisor_form_add (f, "satisfaction", _("Satisfaction"), "choice", _(":—|5:5 Very good|4:4 Good|3:3 Fair|2:2 Poor|1:1 Very poor"));
  wx_supervisor_form_add (f, "comments", _("Comments"), "text", NULL);
  /* TRANSLATORS: choices "code:Label|…": translate the labels only */
  wx_supervisor_form_add (f, "follow_up", _("Follow-up"), "choice", _("none:No follow-up|return_repair:Return repair (new order)|complaint:Complaint"));
  wx_supervisor_form_add (f, "follow_up_note", _("What is wrong"), "entry", NULL);
}

static WxAnswer
answer_of (const char *code)
{
  return g_strcmp0 (code, "yes") == 0 ? WX_ANSWER_YES : g_strcmp0 (code, "no") == 0 ? WX_ANSWER_NO : WX_ANSWER_UNKNOWN;
}

/* ------------------------------------------------------------ loading */

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_callbacks_due (conn, error);
  return *result != NULL;
}

static void
header_cb (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  WxCallbackPage *self = user_data;
  const WxCallbackDue *d = find_due (self, wx_supervisor_row_id (row));
  const WxCallbackDue *p = before ? find_due (self, wx_supervisor_row_id (before)) : NULL;
  GtkWidget *label;

  if (d == NULL || (p && g_str_equal (p->kind, d->kind)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (wx_code_label (WX_CODE_CALLBACK_KIND, d->kind));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_row_set_header (row, label);
}

static void
fill_list (GtkWidget *page)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (page);
  GtkListBoxRow *keep = NULL;

  wx_supervisor_list_clear (self->part.list);
  for (guint i = 0; i < self->part.items->len; i++)
    {
      const WxCallbackDue *d = g_ptr_array_index (self->part.items, i);
      /* TRANSLATORS: a callback in the list: when due, order number or "Phone case", unit */
      g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), d->due_text,
                                                d->order_id ? d->order_number : _("Phone case"), d->unit_name);
      /* TRANSLATORS: contact, phone, engineer, what about; then the tries without an answer */
      g_autofree char *detail = g_strdup_printf (_("%s · %s · %s · %s"), d->contact, d->phone,
                                                 *d->engineer ? d->engineer : "—", d->subject);
      g_autofree char *tries = d->attempts
        ? g_strdup_printf (g_dngettext (NULL, "%s (%u try without an answer)", "%s (%u tries without an answer)",
                                        d->attempts), detail, d->attempts)
        : g_strdup (detail);
      GtkWidget *row = wx_supervisor_row_new (d->id, title, tries, d->overdue);

      gtk_list_box_append (self->part.list, row);
      if (d->id == self->part.selected)
        keep = GTK_LIST_BOX_ROW (row);
    }
  if (keep)
    gtk_list_box_select_row (self->part.list, keep);
  else
    self->part.selected = 0;
  show_selected (self);
}

void
wx_callback_page_reload (WxCallbackPage *self)
{
  g_return_if_fail (WX_IS_CALLBACK_PAGE (self));
  wx_supervisor_page_reload (GTK_WIDGET (self), &self->part, load_job, fill_list, signals[SIGNAL_LOADED]);
}

/* ------------------------------------------------------------ recording */

typedef struct {
  WxCallbackAnswer answer;
  char            *comments;
  char            *note;
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_free (job->comments);
  g_free (job->note);
  g_free (job);
}

static void
outcome_free (WxCallbackOutcome *outcome)
{
  wx_callback_outcome_clear (outcome);
  g_free (outcome);
}

static gboolean
record_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  RecordJob *job = data;
  WxCallbackOutcome *outcome = g_new0 (WxCallbackOutcome, 1);

  if (!wx_db_callback_record (conn, &job->answer, outcome, error))
    {
      g_free (outcome);
      return FALSE;
    }
  *result = outcome;
  return TRUE;
}

static void
recorded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxCallbackPage) self = user_data;
  g_autoptr(GError) error = NULL;
  WxCallbackOutcome *outcome = wx_db_worker_run_finish (WX_DB_WORKER (source), res, &error);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), TRUE);
  if (outcome == NULL)
    {
      set_message (self, error ? error->message : _("The callback was not recorded."), TRUE);
      return;
    }
  if (outcome->return_order_number)
    text = g_strdup_printf (_("Recorded; return repair %s opened."), outcome->return_order_number);
  else if (outcome->complaint_id)
    text = g_strdup (_("Recorded; a complaint was opened: see Complaints."));
  else
    text = g_strdup (_("Recorded."));
  outcome_free (outcome);
  wx_supervisor_form_clear (self->part.form);
  set_message (self, text, FALSE);
  wx_callback_page_reload (self);
}

static void
record_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (widget);
  RecordJob *job;
  g_autofree char *reached = NULL, *again = NULL, *working = NULL, *explained = NULL;
  g_autofree char *score = NULL, *follow = NULL;
  g_autoptr(GError) error = NULL;
  static const char *keys[] = { "weak_response", "weak_repair_time", "weak_attitude", "weak_quote_speed" };

  if (self->part.worker == NULL || find_due (self, self->part.selected) == NULL)
    return;
  job = g_new0 (RecordJob, 1);
  reached = wx_supervisor_form_get (self->part.form, "reached");
  again = wx_supervisor_form_get (self->part.form, "call_again");
  working = wx_supervisor_form_get (self->part.form, "working");
  explained = wx_supervisor_form_get (self->part.form, "explained");
  score = wx_supervisor_form_get (self->part.form, "satisfaction");
  follow = wx_supervisor_form_get (self->part.form, "follow_up");
  job->comments = wx_supervisor_form_get (self->part.form, "comments");
  job->note = wx_supervisor_form_get (self->part.form, "follow_up_note");
  job->answer.callback_id = self->part.selected;
  job->answer.reached = *reached != '\0';
  job->answer.machine_working = answer_of (working);
  job->answer.engineer_explained = answer_of (explained);
  job->answer.satisfaction = *score ? atoi (score) : 0;
  job->answer.comments = job->comments;
  job->answer.follow_up_note = job->note;
  job->answer.follow_up = g_str_equal (follow, "return_repair") ? WX_FOLLOW_UP_RETURN_REPAIR
                        : g_str_equal (follow, "complaint") ? WX_FOLLOW_UP_COMPLAINT : WX_FOLLOW_UP_NONE;
  for (guint i = 0; i < WX_N_WEAK_POINTS; i++)
    {
      g_autofree char *on = wx_supervisor_form_get (self->part.form, keys[i]);
      if (*on)
        job->answer.weak |= wx_weak_point_nth (i);
    }
  if (*again)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      if (!wx_call_parse_time (again, now, &job->answer.call_again_at, &error))
        {
          set_message (self, error->message, TRUE);
          record_job_free (job);
          return;
        }
    }
  set_message (self, "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), FALSE);
  wx_db_worker_run_async (self->part.worker, record_job, job, (GDestroyNotify) record_job_free,
                          (GDestroyNotify) outcome_free, NULL, recorded_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ actions */

static void
select_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id != self->part.selected)
    {
      wx_supervisor_form_clear (self->part.form);
      set_message (self, "", FALSE);
    }
  self->part.selected = find_due (self, id) ? id : 0;
  wx_supervisor_page_select_row (&self->part, self->part.selected);
  show_selected (self);
}

static void
reload_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_callback_page_reload (WX_CALLBACK_PAGE (widget));
}

static void
open_order_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (widget);
  const WxCallbackDue *d = find_due (self, self->part.selected);

  if (d && d->order_id)
    g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, d->order_number);
}

/* ------------------------------------------------------------ public */

GtkWidget *
wx_callback_page_new (void)
{
  return g_object_new (WX_TYPE_CALLBACK_PAGE, NULL);
}

void
wx_callback_page_set_worker (WxCallbackPage *self, WxDbWorker *worker)
{
  g_return_if_fail (WX_IS_CALLBACK_PAGE (self));
  g_set_object (&self->part.worker, worker);
  wx_callback_page_reload (self);
}

GPtrArray *
wx_callback_page_get_due (WxCallbackPage *self)
{
  g_return_val_if_fail (WX_IS_CALLBACK_PAGE (self), NULL);
  return self->part.items;
}

gboolean
wx_callback_page_set_value (WxCallbackPage *self, const char *key, const char *value)
{
  g_return_val_if_fail (WX_IS_CALLBACK_PAGE (self), FALSE);
  return wx_supervisor_form_set (self->part.form, key, value);
}

const char *
wx_callback_page_get_message (WxCallbackPage *self)
{
  g_return_val_if_fail (WX_IS_CALLBACK_PAGE (self), NULL);
  return gtk_label_get_text (self->part.message_label);
}

/* ------------------------------------------------------------ class */

static void
wx_callback_page_dispose (GObject *object)
{
  wx_supervisor_page_dispose (GTK_WIDGET (object), &WX_CALLBACK_PAGE (object)->part, WX_TYPE_CALLBACK_PAGE);
  G_OBJECT_CLASS (wx_callback_page_parent_class)->dispose (object);
}

static void
wx_callback_page_class_init (WxCallbackPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_callback_page_dispose;
  wx_supervisor_page_class_setup (widget_class, "wx-callback-page.ui", G_STRUCT_OFFSET (WxCallbackPage, part), "callbacks",
                                  reload_action_cb, select_action_cb, open_order_action_cb, signals);
  gtk_widget_class_install_action (widget_class, "callbacks.record", NULL, record_action_cb);
}

static void
wx_callback_page_init (WxCallbackPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wx_supervisor_page_init (GTK_WIDGET (self), &self->part, "callbacks");
  build_form (self);
  gtk_list_box_set_header_func (self->part.list, header_cb, self, NULL);
  show_selected (self);
}

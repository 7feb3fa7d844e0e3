#define G_LOG_DOMAIN "wx-complaint-page"

#include <glib/gi18n.h>

#include "wx-complaint-page.h"
#include "wx-supervisor-form.h"

struct _WxComplaintPage {
  GtkWidget         parent_instance;
  WxSupervisorPart  part;   /* part.items: WxComplaint */
};

G_DEFINE_FINAL_TYPE (WxComplaintPage, wx_complaint_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_OPEN_ORDER, N_SIGNALS };
static guint signals[N_SIGNALS];

static const WxComplaint *
find_complaint (WxComplaintPage *self, gint64 id)
{
  for (guint i = 0; self->part.items && i < self->part.items->len; i++)
    {
      const WxComplaint *k = g_ptr_array_index (self->part.items, i);
      if (k->id == id)
        return k;
    }
  return NULL;
}

static void
set_message (WxComplaintPage *self, const char *text, gboolean error)
{
  wx_supervisor_page_message (&self->part, text, error);
}

/* The five steps as the side panel shows them: done ones with who, when
 * and the note; the next one with its hint. */
static char *
describe_steps (const WxComplaint *k)
{
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: a complaint: received when and by whom, what happened */
  g_string_append_printf (out, _("Received %s by %s\n%s\n"), k->received_text, k->received_by, k->description);
  for (guint s = 1; s <= WX_COMPLAINT_N_STEPS; s++)
    {
      const WxComplaintStep *step = &k->steps[s - 1];

      if (step->done)
        /* TRANSLATORS: a step done: ✓ number. name — when, who: note (escalated) */
        g_string_append_printf (out, _("\n✓ %u. %s — %s, %s: %s%s"), s, wx_complaint_step_label (s),
                                step->at_text, step->actor, step->note,
                                step->escalated ? _(" (escalated to the manager)") : "");
      else if (s == k->steps_done + 1 && !k->closed)
        g_string_append_printf (out, _("\n→ %u. %s — next: %s"), s, wx_complaint_step_label (s),
                                wx_complaint_step_hint (s));
      else
        g_string_append_printf (out, "\n· %u. %s", s, wx_complaint_step_label (s));
    }
  if (k->closed)
    g_string_append_printf (out, _("\n\nClosed %s: %s"), k->closed_text, k->outcome);
  if (k->closed && *k->early_reason)
    /* TRANSLATORS: a complaint closed before its fifth step, and why */
    g_string_append_printf (out, _("\nClosed before step 5 because: %s"), k->early_reason);
  return g_string_free (out, FALSE);
}

static void
show_selected (WxComplaintPage *self)
{
  const WxComplaint *k = find_complaint (self, self->part.selected);
  gboolean open = k && !k->closed;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.step", open && k->steps_done < WX_COMPLAINT_N_STEPS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.close", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.open-order", k && k->order_id);
  if (k == NULL)
    {
      gtk_label_set_text (self->part.selected_label, _("Choose a complaint, or fill in a new one below."));
      gtk_label_set_text (self->part.detail_label, "");
      return;
    }
  title = g_strdup_printf (_("%s · %s"), *k->order_number ? k->order_number : _("No order"), k->unit_name);
  detail = describe_steps (k);
  gtk_label_set_text (self->part.selected_label, title);
  gtk_label_set_text (self->part.detail_label, detail);
}

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_complaints_list (conn, error);
  return *result != NULL;
}

static void
fill_list (GtkWidget *page)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (page);
  GtkListBoxRow *keep = NULL;

  wx_supervisor_list_clear (self->part.list);
  for (guint i = 0; i < self->part.items->len; i++)
    {
      const WxComplaint *k = g_ptr_array_index (self->part.items, i);
      /* TRANSLATORS: a complaint in the list: received, order number, unit */
      g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), k->received_text,
                                                *k->order_number ? k->order_number : _("No order"), k->unit_name);
      g_autofree char *state = k->closed
        ? g_strdup_printf (_("Closed: %s"), k->outcome)
        : g_strdup_printf (_("Step %u of 5 done"), k->steps_done);
      g_autofree char *detail = g_strdup_printf ("%s · %s", state, k->description);
      GtkWidget *row = wx_supervisor_row_new (k->id, title, detail, !k->closed);

      gtk_list_box_append (self->part.list, row);
      if (k->id == self->part.selected)
        keep = GTK_LIST_BOX_ROW (row);
    }
  if (keep)
    gtk_list_box_select_row (self->part.list, keep);
  else
    self->part.selected = 0;
  show_selected (self);
}

void
wx_complaint_page_reload (WxComplaintPage *self)
{
  g_return_if_fail (WX_IS_COMPLAINT_PAGE (self));
  wx_supervisor_page_reload (GTK_WIDGET (self), &self->part, load_job, fill_list, signals[SIGNAL_LOADED]);
}

/* ------------------------------------------------------------ new, step, close */

typedef enum { JOB_NEW, JOB_STEP, JOB_CLOSE } JobKind;

typedef struct {
  JobKind   kind;
  gint64    id;
  guint     step;
  gboolean  escalated;
  char     *text;       /* note, outcome or description */
  char     *order;      /* new: the order number */
  char     *reason;     /* close: why before step 5 */
} ComplaintJob;

static void
complaint_job_free (ComplaintJob *job)
{
  g_free (job->text);
  g_free (job->order);
  g_free (job->reason);
  g_free (job);
}

static gboolean
complaint_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  ComplaintJob *job = data;
  gint64 id = job->id;

  switch (job->kind)
    {
    case JOB_NEW:
      id = wx_db_complaint_open (conn, job->order, 0, job->text, error);
      if (id == 0)
        return FALSE;
      break;
    case JOB_STEP:
      if (!wx_db_complaint_step (conn, id, job->step, job->text, job->escalated, error))
        return FALSE;
      break;
    case JOB_CLOSE:
      if (!wx_db_complaint_close (conn, id, job->text, job->reason, error))
        return FALSE;
      break;
    }
  *result = g_memdup2 (&id, sizeof id);
  return TRUE;
}

static void
done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxComplaintPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = wx_db_worker_run_finish (WX_DB_WORKER (source), res, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), TRUE);
  if (id == NULL)
    {
      set_message (self, error ? error->message : _("Nothing was saved."), TRUE);
      return;
    }
  wx_supervisor_form_clear (self->part.form);
  self->part.selected = *id;
  set_message (self, _("Saved."), FALSE);
  wx_complaint_page_reload (self);
}

static void
run (WxComplaintPage *self, ComplaintJob *job)
{
  set_message (self, "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), FALSE);
  wx_db_worker_run_async (self->part.worker, complaint_job, job, (GDestroyNotify) complaint_job_free, g_free,
                          NULL, done_cb, g_object_ref (self));
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  ComplaintJob *job;

  if (self->part.worker == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_NEW;
  job->order = wx_supervisor_form_get (self->part.form, "order");
  job->text = wx_supervisor_form_get (self->part.form, "description");
  run (self, job);
}

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  const WxComplaint *k = find_complaint (self, self->part.selected);
  g_autofree char *escalated = NULL;
  ComplaintJob *job;

  if (self->part.worker == NULL || k == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_STEP;
  job->id = k->id;
  job->step = k->steps_done + 1;
  job->text = wx_supervisor_form_get (self->part.form, "note");
  escalated = wx_supervisor_form_get (self->part.form, "escalated");
  job->escalated = *escalated != '\0';
  run (self, job);
}

static void
close_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  ComplaintJob *job;

  if (self->part.worker == NULL || find_complaint (self, self->part.selected) == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_CLOSE;
  job->id = self->part.selected;
  job->text = wx_supervisor_form_get (self->part.form, "outcome");
  job->reason = wx_supervisor_form_get (self->part.form, "early_reason");
  run (self, job);
}

/* ------------------------------------------------------------ selection */

static void
select_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id != self->part.selected)
    set_message (self, "", FALSE);
  self->part.selected = find_complaint (self, id) ? id : 0;
  wx_supervisor_page_select_row (&self->part, self->part.selected);
  show_selected (self);
}

static void
reload_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_complaint_page_reload (WX_COMPLAINT_PAGE (widget));
}

static void
open_order_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  const WxComplaint *k = find_complaint (self, self->part.selected);

  if (k && k->order_id)
    g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, k->order_number);
}

/* ------------------------------------------------------------ public */

GtkWidget *
wx_complaint_page_new (void)
{
  return g_object_new (WX_TYPE_COMPLAINT_PAGE, NULL);
}

void
wx_complaint_page_set_worker (WxComplaintPage *self, WxDbWorker *worker)
{
  g_return_if_fail (WX_IS_COMPLAINT_PAGE (self));
  g_set_object (&self->part.worker, worker);
  wx_complaint_page_reload (self);
}

GPtrArray *
wx_complaint_page_get_complaints (WxComplaintPage *self)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), NULL);
  return self->part.items;
}

gboolean
wx_complaint_page_set_value (WxComplaintPage *self, const char *key, const char *value)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), FALSE);
  return wx_supervisor_form_set (self->part.form, key, value);
}

const char *
wx_complaint_page_get_message (WxComplaintPage *self)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), NULL);
  return gtk_label_get_text (self->part.message_label);
}

/* ------------------------------------------------------------ class */

static void
wx_complaint_page_dispose (GObject *object)
{
  wx_supervisor_page_dispose (GTK_WIDGET (object), &WX_COMPLAINT_PAGE (object)->part, WX_TYPE_COMPLAINT_PAGE);
  G_OBJECT_CLASS (wx_complaint_page_parent_class)->dispose (object);
}

static void
wx_complaint_page_class_init (WxComplaintPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_complaint_page_dispose;
  wx_supervisor_page_class_setup (widget_class, "wx-complaint-page.ui", G_STRUCT_OFFSET (WxComplaintPage, part), "complaints",
                                  reload_action_cb, select_action_cb, open_order_action_cb, signals);
  gtk_widget_class_install_action (widget_class, "complaints.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "complaints.step", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "complaints.close", NULL, close_action_cb);
}

static void
wx_complaint_page_init (WxComplaintPage *self)
{
  WxSupervisorForm *f;

  gtk_widget_init_template (GTK_WIDGET (self));
  wx_supervisor_page_init (GTK_WIDGET (self), &self->part, "complaints");
  f = self->part.form;
  wx_supervisor_form_add (f, "note", _("Note for the next step"), "text", NULL);
  wx_supervisor_form_add (f, "escalated", _("_Escalated to the manager (step 3)"), "check", NULL);
  wx_supervisor_form_add (f, "outcome", _("Outcome, to close"), "entry", NULL);
  wx_supervisor_form_add (f, "early_reason", _("Why close before step 5"), "entry", NULL);
  wx_supervisor_form_add (f, "order", _("New complaint: order"), "entry", NULL);
  wx_supervisor_form_add (f, "description", _("What happened"), "text", NULL);
  show_selected (self);
}

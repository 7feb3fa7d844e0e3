#define G_LOG_DOMAIN "wx-complaint-page"

#include <glib/gi18n.h>

#include "wx-complaint-page.h"

struct _WxComplaintPage {
  WxListPage parent_instance;   /* items: WxComplaint */
};

G_DEFINE_FINAL_TYPE (WxComplaintPage, wx_complaint_page, WX_TYPE_LIST_PAGE)

#define LIST(self) WX_LIST_PAGE (self)

static void
set_message (WxComplaintPage *self, const char *text, gboolean error)
{
  wx_list_page_set_message (LIST (self), text, error);
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
show_selected (WxListPage *page, gconstpointer item)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (page);
  const WxComplaint *k = item;
  gboolean open = k && !k->closed;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.step", open && k->steps_done < WX_COMPLAINT_N_STEPS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.close", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaints.open-order", k && k->order_id);
  if (k == NULL)
    {
      wx_list_page_show_text (page, _("Choose a complaint, or fill in a new one below."), "");
      return;
    }
  title = g_strdup_printf (_("%s · %s"), *k->order_number ? k->order_number : _("No order"), k->unit_name);
  detail = describe_steps (k);
  wx_list_page_show_text (page, title, detail);
}

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_complaints_list (conn, error);
  return *result != NULL;
}

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxComplaint *k = item;
  /* TRANSLATORS: a complaint in the list: received, order number, unit */
  g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), k->received_text,
                                            *k->order_number ? k->order_number : _("No order"), k->unit_name);
  g_autofree char *state = k->closed
    ? g_strdup_printf (_("Closed: %s"), k->outcome)
    : g_strdup_printf (_("Step %u of 5 done"), k->steps_done);
  g_autofree char *detail = g_strdup_printf ("%s · %s", state, k->description);

  return wx_supervisor_row_new (k->id, title, detail, !k->closed);
}

static gint64
item_id (gconstpointer item)
{
  return ((const WxComplaint *) item)->id;
}

static const char *
item_order (gconstpointer item)
{
  const WxComplaint *k = item;

  return k->order_id ? k->order_number : NULL;
}

void
wx_complaint_page_reload (WxComplaintPage *self)
{
  g_return_if_fail (WX_IS_COMPLAINT_PAGE (self));
  wx_page_reload (WX_PAGE (self));
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

  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (LIST (self))), TRUE);
  if (id == NULL)
    {
      set_message (self, error ? error->message : _("Nothing was saved."), TRUE);
      return;
    }
  wx_supervisor_form_clear (wx_list_page_get_form (LIST (self)));
  wx_list_page_set_selected (LIST (self), *id);
  set_message (self, _("Saved."), FALSE);
  wx_complaint_page_reload (self);
}

static void
run (WxComplaintPage *self, ComplaintJob *job)
{
  set_message (self, "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (LIST (self))), FALSE);
  wx_db_worker_run_async (wx_page_get_worker (WX_PAGE (self)), complaint_job, job, (GDestroyNotify) complaint_job_free, g_free,
                          NULL, done_cb, g_object_ref (self));
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  ComplaintJob *job;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_NEW;
  job->order = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "order");
  job->text = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "description");
  run (self, job);
}

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  const WxComplaint *k = wx_list_page_get_selected_item (LIST (self));
  g_autofree char *escalated = NULL;
  ComplaintJob *job;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || k == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_STEP;
  job->id = k->id;
  job->step = k->steps_done + 1;
  job->text = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "note");
  escalated = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "escalated");
  job->escalated = *escalated != '\0';
  run (self, job);
}

static void
close_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  ComplaintJob *job;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (LIST (self)) == NULL)
    return;
  job = g_new0 (ComplaintJob, 1);
  job->kind = JOB_CLOSE;
  job->id = wx_list_page_get_selected (LIST (self));
  job->text = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "outcome");
  job->reason = wx_supervisor_form_get (wx_list_page_get_form (LIST (self)), "early_reason");
  run (self, job);
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
  wx_page_set_worker (WX_PAGE (self), worker);
  wx_complaint_page_reload (self);
}

GPtrArray *
wx_complaint_page_get_complaints (WxComplaintPage *self)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), NULL);
  return wx_list_page_get_items (LIST (self));
}

gboolean
wx_complaint_page_set_value (WxComplaintPage *self, const char *key, const char *value)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), FALSE);
  return wx_supervisor_form_set (wx_list_page_get_form (LIST (self)), key, value);
}

const char *
wx_complaint_page_get_message (WxComplaintPage *self)
{
  g_return_val_if_fail (WX_IS_COMPLAINT_PAGE (self), NULL);
  return wx_list_page_get_message (LIST (self));
}

/* ------------------------------------------------------------ class */

static void
wx_complaint_page_class_init (WxComplaintPageClass *klass)
{
  WxPageClass *page_class = WX_PAGE_CLASS (klass);
  WxListPageClass *list_class = WX_LIST_PAGE_CLASS (klass);

  page_class->load = load_job;
  list_class->item_id = item_id;
  list_class->item_row = item_row;
  list_class->item_order = item_order;
  list_class->show = show_selected;
  list_class->clear_form_on_select = FALSE;
  wx_list_page_class_setup (list_class, "wx-complaint-page.ui", "complaints");
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.new", NULL, new_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.step", NULL, step_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.close", NULL, close_action_cb);
}

static void
wx_complaint_page_init (WxComplaintPage *self)
{
  WxSupervisorForm *f;

  wx_list_page_init_template (LIST (self));
  f = wx_list_page_get_form (LIST (self));
  wx_supervisor_form_add (f, "note", _("Note for the next step"), "text", NULL);
  wx_supervisor_form_add (f, "escalated", _("_Escalated to the manager (step 3)"), "check", NULL);
  wx_supervisor_form_add (f, "outcome", _("Outcome, to close"), "entry", NULL);
  wx_supervisor_form_add (f, "early_reason", _("Why close before step 5"), "entry", NULL);
  wx_supervisor_form_add (f, "order", _("New complaint: order"), "entry", NULL);
  wx_supervisor_form_add (f, "description", _("What happened"), "text", NULL);
  wx_list_page_refresh_selected (LIST (self));
}

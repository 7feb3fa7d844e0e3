#define G_LOG_DOMAIN "wx-escalation-page"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "wx-escalation-page.h"
#include "wx-supervisor-form.h"

struct _WxEscalationPage {
  GtkWidget         parent_instance;
  WxSupervisorPart  part;   /* part.items: WxEscalation */
};

G_DEFINE_FINAL_TYPE (WxEscalationPage, wx_escalation_page, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_OPEN_ORDER, N_SIGNALS };
static guint signals[N_SIGNALS];

static const WxEscalation *
find_escalation (WxEscalationPage *self, gint64 id)
{
  for (guint i = 0; self->part.items && i < self->part.items->len; i++)
    {
      const WxEscalation *x = g_ptr_array_index (self->part.items, i);
      if (x->id == id)
        return x;
    }
  return NULL;
}

static void
set_message (WxEscalationPage *self, const char *text, gboolean error)
{
  wx_supervisor_page_message (&self->part, text, error);
}

static const char *
state_label (const char *code)
{
  WxOrderState state;

  return wx_workflow_state_from_code (code, &state) ? wx_order_state_label (state) : code;
}

static void
show_selected (WxEscalationPage *self)
{
  const WxEscalation *x = find_escalation (self, self->part.selected);
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = NULL;
  gboolean open = x && !x->resolved;

  gtk_widget_set_visible (GTK_WIDGET (self->part.form_grid), x == NULL || open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escalations.resolve", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escalations.open-order", x != NULL);
  if (x == NULL)
    {
      gtk_label_set_text (self->part.selected_label, _("Choose an escalation from the inbox."));
      gtk_label_set_text (self->part.detail_label, "");
      return;
    }
  title = g_strdup_printf (_("%s · %s"), x->order_number, x->unit_name);
  detail = g_string_new (NULL);
  /* TRANSLATORS: an escalation: why, when and by whom, and the order's state now */
  g_string_append_printf (detail, _("%s\nRaised %s by %s\nThe order is now: %s"),
                          wx_code_label (WX_CODE_ESCALATION_TRIGGER, x->trigger), x->at_text, x->raised_by,
                          state_label (x->state));
  if (*x->reason)
    g_string_append_printf (detail, _("\nReason: %s"), x->reason);
  if (x->resolved)
    g_string_append_printf (detail, _("\nResolved %s by %s: %s"), x->resolved_text, x->resolved_by, x->resolution);
  gtk_label_set_text (self->part.selected_label, title);
  gtk_label_set_text (self->part.detail_label, detail->str);
}

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_escalations_list (conn, error);
  return *result != NULL;
}

static void
fill_list (GtkWidget *page)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (page);
  GtkListBoxRow *keep = NULL;

  wx_supervisor_list_clear (self->part.list);
  for (guint i = 0; i < self->part.items->len; i++)
    {
      const WxEscalation *x = g_ptr_array_index (self->part.items, i);
      /* TRANSLATORS: an escalation in the inbox: order number, unit, why */
      g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), x->order_number, x->unit_name,
                                                wx_code_label (WX_CODE_ESCALATION_TRIGGER, x->trigger));
      g_autofree char *detail = x->resolved
        ? g_strdup_printf (_("Resolved %s by %s: %s"), x->resolved_text, x->resolved_by, x->resolution)
        : g_strdup_printf (_("Open since %s · %s%s%s"), x->at_text, x->raised_by, *x->reason ? " · " : "", x->reason);
      GtkWidget *row = wx_supervisor_row_new (x->id, title, detail, !x->resolved);

      gtk_list_box_append (self->part.list, row);
      if (x->id == self->part.selected)
        keep = GTK_LIST_BOX_ROW (row);
    }
  if (keep)
    gtk_list_box_select_row (self->part.list, keep);
  else
    self->part.selected = 0;
  show_selected (self);
}

void
wx_escalation_page_reload (WxEscalationPage *self)
{
  g_return_if_fail (WX_IS_ESCALATION_PAGE (self));
  wx_supervisor_page_reload (GTK_WIDGET (self), &self->part, load_job, fill_list, signals[SIGNAL_LOADED]);
}

/* ------------------------------------------------------------ resolving */

typedef struct {
  gint64  id;
  char   *resolution;
} ResolveJob;

static void
resolve_job_free (ResolveJob *job)
{
  g_free (job->resolution);
  g_free (job);
}

static gboolean
resolve_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  ResolveJob *job = data;

  *result = GINT_TO_POINTER (1);
  return wx_db_escalation_resolve (conn, job->id, job->resolution, error);
}

static void
resolved_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxEscalationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), TRUE);
  if (wx_db_worker_run_finish (WX_DB_WORKER (source), res, &error) == NULL)
    {
      set_message (self, error ? error->message : _("The escalation was not resolved."), TRUE);
      return;
    }
  wx_supervisor_form_clear (self->part.form);
  set_message (self, _("Resolved."), FALSE);
  wx_escalation_page_reload (self);
}

static void
resolve_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (widget);
  ResolveJob *job;

  if (self->part.worker == NULL || find_escalation (self, self->part.selected) == NULL)
    return;
  job = g_new0 (ResolveJob, 1);
  job->id = self->part.selected;
  job->resolution = wx_supervisor_form_get (self->part.form, "resolution");
  set_message (self, "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->part.form_grid), FALSE);
  wx_db_worker_run_async (self->part.worker, resolve_job, job, (GDestroyNotify) resolve_job_free, NULL,
                          NULL, resolved_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ actions */

static void
select_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id != self->part.selected)
    {
      wx_supervisor_form_clear (self->part.form);
      set_message (self, "", FALSE);
    }
  self->part.selected = find_escalation (self, id) ? id : 0;
  wx_supervisor_page_select_row (&self->part, self->part.selected);
  show_selected (self);
}

static void
reload_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wx_escalation_page_reload (WX_ESCALATION_PAGE (widget));
}

static void
open_order_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (widget);
  const WxEscalation *x = find_escalation (self, self->part.selected);

  if (x)
    g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, x->order_number);
}

/* ------------------------------------------------------------ public */

GtkWidget *
wx_escalation_page_new (void)
{
  return g_object_new (WX_TYPE_ESCALATION_PAGE, NULL);
}

void
wx_escalation_page_set_worker (WxEscalationPage *self, WxDbWorker *worker)
{
  g_return_if_fail (WX_IS_ESCALATION_PAGE (self));
  g_set_object (&self->part.worker, worker);
  wx_escalation_page_reload (self);
}

GPtrArray *
wx_escalation_page_get_escalations (WxEscalationPage *self)
{
  g_return_val_if_fail (WX_IS_ESCALATION_PAGE (self), NULL);
  return self->part.items;
}

gboolean
wx_escalation_page_set_value (WxEscalationPage *self, const char *key, const char *value)
{
  g_return_val_if_fail (WX_IS_ESCALATION_PAGE (self), FALSE);
  return wx_supervisor_form_set (self->part.form, key, value);
}

const char *
wx_escalation_page_get_message (WxEscalationPage *self)
{
  g_return_val_if_fail (WX_IS_ESCALATION_PAGE (self), NULL);
  return gtk_label_get_text (self->part.message_label);
}

/* ------------------------------------------------------------ class */

static void
wx_escalation_page_dispose (GObject *object)
{
  wx_supervisor_page_dispose (GTK_WIDGET (object), &WX_ESCALATION_PAGE (object)->part, WX_TYPE_ESCALATION_PAGE);
  G_OBJECT_CLASS (wx_escalation_page_parent_class)->dispose (object);
}

static void
wx_escalation_page_class_init (WxEscalationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_escalation_page_dispose;
  wx_supervisor_page_class_setup (widget_class, "wx-escalation-page.ui", G_STRUCT_OFFSET (WxEscalationPage, part), "escalations",
                                  reload_action_cb, select_action_cb, open_order_action_cb, signals);
  gtk_widget_class_install_action (widget_class, "escalations.resolve", NULL, resolve_action_cb);
}

static void
wx_escalation_page_init (WxEscalationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wx_supervisor_page_init (GTK_WIDGET (self), &self->part, "escalations");
  wx_supervisor_form_add (self->part.form, "resolution", _("Resolution"), "text", NULL);
  show_selected (self);
}

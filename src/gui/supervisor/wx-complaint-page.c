#define G_LOG_DOMAIN "wx-complaint-page"

#include <glib/gi18n.h>

#include "wx-complaint-page.h"

struct _WxComplaintPage {
  WxListPage parent_instance;   /* items: WxComplaint */
};

G_DEFINE_FINAL_TYPE (WxComplaintPage, wx_complaint_page, WX_TYPE_LIST_PAGE)

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

/* A complaint chosen: its step and closing fields; none: the new one's. */
static void
show_fields (WxComplaintPage *self, gboolean chosen)
{
  static const char *const steps[] = { "note", "escalated", "outcome", "early_reason" };
  static const char *const fresh[] = { "order", "description" };
  WxSupervisorForm *f = wx_list_page_get_form (WX_LIST_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    wx_supervisor_form_set_shown (f, steps[i], chosen);
  for (guint i = 0; i < G_N_ELEMENTS (fresh); i++)
    wx_supervisor_form_set_shown (f, fresh[i], !chosen);
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
  show_fields (self, k != NULL);
  if (k == NULL)
    {
      wx_list_page_show_text (page, _("Choose a complaint, or fill in a new one below."), "");
      return;
    }
  title = g_strdup_printf (_("%s · %s"), *k->order_number ? k->order_number : _("No order"), k->unit_name);
  detail = describe_steps (k);
  wx_list_page_show_text (page, title, detail);
}

WX_PAGE_DEFINE_LOAD (wx_db_complaints_list)

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

  return wx_supervisor_row_new (k->id, k->order_id ? k->order_number : NULL, title, detail, !k->closed);
}

/* ------------------------------------------------------------ new, step, close */

static void
done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxComplaintPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = wx_db_complaint_finish (WX_DB_WORKER (source), res, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), TRUE);
  if (id == 0)
    {
      wx_list_page_set_message (WX_LIST_PAGE (self), error ? error->message : _("Nothing was saved."), TRUE);
      return;
    }
  wx_supervisor_form_clear (wx_list_page_get_form (WX_LIST_PAGE (self)));
  wx_list_page_set_selected (WX_LIST_PAGE (self), id);
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Saved."), FALSE);
  wx_page_reload (WX_PAGE (self));
}

/* Before a write: the message emptied, the form insensitive until it ends. */
static void
start (WxComplaintPage *self)
{
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), FALSE);
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  g_autofree char *order = NULL;
  g_autofree char *description = NULL;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  /* With a complaint chosen, New Complaint… first opens the empty form. */
  if (wx_list_page_get_selected_item (WX_LIST_PAGE (self)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "complaints.select", "x", (gint64) 0);
      return;
    }
  order = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "order");
  description = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "description");
  start (self);
  wx_db_complaint_open_async (wx_page_get_worker (WX_PAGE (self)), order, description,
                              NULL, done_cb, g_object_ref (self));
}

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  const WxComplaint *k = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  g_autofree char *escalated = NULL;
  g_autofree char *note = NULL;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || k == NULL)
    return;
  note = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "note");
  escalated = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "escalated");
  start (self);
  wx_db_complaint_step_async (wx_page_get_worker (WX_PAGE (self)), k->id, k->steps_done + 1, note,
                              *escalated != '\0', NULL, done_cb, g_object_ref (self));
}

static void
close_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxComplaintPage *self = WX_COMPLAINT_PAGE (widget);
  g_autofree char *outcome = NULL;
  g_autofree char *reason = NULL;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  outcome = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "outcome");
  reason = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "early_reason");
  start (self);
  wx_db_complaint_close_async (wx_page_get_worker (WX_PAGE (self)), wx_list_page_get_selected (WX_LIST_PAGE (self)),
                               outcome, reason, NULL, done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ class */

static void
wx_complaint_page_class_init (WxComplaintPageClass *klass)
{
  WxListPageClass *list_class = WX_LIST_PAGE_CLASS (klass);

  list_class->clear_form_on_select = FALSE;
  wx_list_page_class_setup (list_class, "wx-complaint-page.ui", "complaints",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.new", NULL, new_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.step", NULL, step_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "complaints.close", NULL, close_action_cb);
}

static void
wx_complaint_page_init (WxComplaintPage *self)
{
  WxSupervisorForm *f;

  wx_list_page_init_template (WX_LIST_PAGE (self));
  f = wx_list_page_get_form (WX_LIST_PAGE (self));
  wx_supervisor_form_add (f, "note", _("Note for the next step"), "text", NULL);
  wx_supervisor_form_add (f, "escalated", _("_Escalated to the manager (step 3)"), "check", NULL);
  wx_supervisor_form_add (f, "outcome", _("Outcome, to close"), "entry", NULL);
  wx_supervisor_form_add (f, "early_reason", _("Why close before step 5"), "entry", NULL);
  wx_supervisor_form_add (f, "order", _("New complaint: order"), "entry", NULL);
  wx_supervisor_form_add (f, "description", _("What happened"), "text", NULL);
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
}

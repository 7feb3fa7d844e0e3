#define G_LOG_DOMAIN "wx-escalation-page"

#include <glib/gi18n.h>

#include "core/wx-codes.h"
#include "core/wx-workflow.h"
#include "wx-escalation-page.h"

struct _WxEscalationPage {
  WxListPage parent_instance;   /* items: WxEscalation */

  GtkLabel  *job_label;
  GtkWidget *messages_box;
  GtkLabel  *messages_label;
};

G_DEFINE_FINAL_TYPE (WxEscalationPage, wx_escalation_page, WX_TYPE_LIST_PAGE)

void
wx_escalation_page_set_job_failure (WxEscalationPage *self,
                                    const char       *text)
{
  g_return_if_fail (WX_IS_ESCALATION_PAGE (self));
  gtk_label_set_text (self->job_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->job_label), text && *text);
}

const char *
wx_escalation_page_get_job_failure (WxEscalationPage *self)
{
  g_return_val_if_fail (WX_IS_ESCALATION_PAGE (self), "");
  return gtk_widget_get_visible (GTK_WIDGET (self->job_label)) ? gtk_label_get_text (self->job_label) : "";
}

void
wx_escalation_page_set_given_up (WxEscalationPage *self,
                                 int               n)
{
  g_autofree char *text = NULL;

  g_return_if_fail (WX_IS_ESCALATION_PAGE (self));
  if (n > 0)
    text = g_strdup_printf (ngettext ("%d message to a customer was given up in the last 7 days (failed after "
                                      "its last retry or refused for good) and is never sent again by itself: "
                                      "open Messages to fix the address or settings and resend it.",
                                      "%d messages to customers were given up in the last 7 days (failed after "
                                      "their last retry or refused for good) and are never sent again by "
                                      "themselves: open Messages to fix the address or settings and resend them.",
                                      n), n);
  gtk_label_set_text (self->messages_label, text ? text : "");
  gtk_widget_set_visible (self->messages_box, n > 0);
}

const char *
wx_escalation_page_get_given_up (WxEscalationPage *self)
{
  g_return_val_if_fail (WX_IS_ESCALATION_PAGE (self), "");
  return gtk_widget_get_visible (self->messages_box) ? gtk_label_get_text (self->messages_label) : "";
}

static const char *
state_label (const char *code)
{
  WxOrderState state;

  return wx_workflow_state_from_code (code, &state) ? wx_order_state_label (state) : code;
}

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (page);
  const WxEscalation *x = item;
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = NULL;
  gboolean open = x && !x->resolved;

  gtk_widget_set_visible (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), x == NULL || open);
  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escalations.resolve", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escalations.open-order", x != NULL);
  if (x == NULL)
    {
      wx_list_page_show_text (page, _("Choose an escalation from the inbox."), "");
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
  wx_list_page_show_text (page, title, detail->str);
}

WX_PAGE_DEFINE_LOAD (wx_db_escalations_list)

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxEscalation *x = item;
  /* TRANSLATORS: an escalation in the inbox: order number, unit, why */
  g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), x->order_number, x->unit_name,
                                            wx_code_label (WX_CODE_ESCALATION_TRIGGER, x->trigger));
  g_autofree char *detail = x->resolved
    ? g_strdup_printf (_("Resolved %s by %s: %s"), x->resolved_text, x->resolved_by, x->resolution)
    : g_strdup_printf (_("Open since %s · %s%s%s"), x->at_text, x->raised_by, *x->reason ? " · " : "", x->reason);

  return wx_supervisor_row_new (x->id, x->order_number, title, detail, !x->resolved);
}

/* ------------------------------------------------------------ resolving */

static void
resolved_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxEscalationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), TRUE);
  if (!wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error))
    {
      wx_list_page_set_message (WX_LIST_PAGE (self), error ? error->message : _("The escalation was not resolved."), TRUE);
      return;
    }
  wx_supervisor_form_clear (wx_list_page_get_form (WX_LIST_PAGE (self)));
  wx_list_page_set_message (WX_LIST_PAGE (self), _("Resolved."), FALSE);
  wx_page_reload (WX_PAGE (self));
}

static void
resolve_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxEscalationPage *self = WX_ESCALATION_PAGE (widget);
  g_autofree char *resolution = NULL;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  resolution = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "resolution");
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), FALSE);
  wx_db_escalation_resolve_async (wx_page_get_worker (WX_PAGE (self)), wx_list_page_get_selected (WX_LIST_PAGE (self)),
                                  resolution, NULL, resolved_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ class */

static void
wx_escalation_page_class_init (WxEscalationPageClass *klass)
{
  wx_list_page_class_setup (WX_LIST_PAGE_CLASS (klass), "wx-escalation-page.ui", "escalations",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "escalations.resolve", NULL, resolve_action_cb);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxEscalationPage, job_label);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxEscalationPage, messages_box);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxEscalationPage, messages_label);
}

static void
wx_escalation_page_init (WxEscalationPage *self)
{
  wx_list_page_init_template (WX_LIST_PAGE (self));
  wx_supervisor_form_add (wx_list_page_get_form (WX_LIST_PAGE (self)), "resolution", _("Resolution"), "text", NULL);
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
}

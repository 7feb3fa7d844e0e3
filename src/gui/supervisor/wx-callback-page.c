#define G_LOG_DOMAIN "wx-callback-page"

#include <glib/gi18n.h>

#include "core/wx-call.h"
#include "core/wx-codes.h"
#include "wx-callback-page.h"

struct _WxCallbackPage {
  WxListPage parent_instance;   /* items: WxCallbackDue */
};

G_DEFINE_FINAL_TYPE (WxCallbackPage, wx_callback_page, WX_TYPE_LIST_PAGE)

static const WxCallbackDue *
find_due (WxCallbackPage *self, gint64 id)
{
  return wx_list_page_find (WX_LIST_PAGE (self), id);
}

/* ------------------------------------------------------------ the side form */

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (page);
  const WxCallbackDue *d = item;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (page)), d != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "callbacks.record", d != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "callbacks.open-order", d != NULL && d->order_id != 0);
  if (d == NULL)
    {
      wx_list_page_show_text (page, _("Choose a callback from the list."), "");
      return;
    }
  /* TRANSLATORS: the callback chosen: its order number (or "Phone case"), and the unit */
  title = g_strdup_printf (_("%s · %s"), d->order_id ? d->order_number : _("Phone case"), d->unit_name);
  detail = g_strdup_printf (_("%s\nContact: %s, %s\nEngineer: %s\nAbout: %s\nDue: %s%s%s"),
                            wx_code_label (WX_CODE_CALLBACK_KIND, d->kind), d->contact, d->phone,
                            *d->engineer ? d->engineer : "—", d->subject, d->due_text,
                            d->attempts ? "\n" : "", d->attempts ? d->comments : "");
  wx_list_page_show_text (page, title, detail);
}

static void
build_form (WxCallbackPage *self)
{
  WxSupervisorForm *f = wx_list_page_get_form (WX_LIST_PAGE (self));

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

WX_PAGE_DEFINE_LOAD (wx_db_callbacks_due)

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

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxCallbackDue *d = item;
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

  return wx_supervisor_row_new (d->id, d->order_id ? d->order_number : NULL, title, tries, d->overdue);
}

/* ------------------------------------------------------------ recording */

static void
recorded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxCallbackPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxCallbackOutcome) outcome = wx_db_callback_record_finish (WX_DB_WORKER (source), res, &error);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), TRUE);
  if (outcome == NULL)
    {
      wx_list_page_set_message (WX_LIST_PAGE (self), error ? error->message : _("The callback was not recorded."), TRUE);
      return;
    }
  if (outcome->return_order_number)
    text = g_strdup_printf (_("Recorded; return repair %s opened."), outcome->return_order_number);
  else if (outcome->complaint_id)
    text = g_strdup (_("Recorded; a complaint was opened: see Complaints."));
  else
    text = g_strdup (_("Recorded."));
  wx_supervisor_form_clear (wx_list_page_get_form (WX_LIST_PAGE (self)));
  wx_list_page_set_message (WX_LIST_PAGE (self), text, FALSE);
  wx_page_reload (WX_PAGE (self));
}

static void
record_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxCallbackPage *self = WX_CALLBACK_PAGE (widget);
  WxCallbackAnswer answer = { 0 };
  g_autofree char *comments = NULL, *note = NULL;
  g_autofree char *reached = NULL, *again = NULL, *working = NULL, *explained = NULL;
  g_autofree char *score = NULL, *follow = NULL;
  g_autoptr(GError) error = NULL;
  static const char *keys[] = { "weak_response", "weak_repair_time", "weak_attitude", "weak_quote_speed" };

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  reached = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "reached");
  again = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "call_again");
  working = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "working");
  explained = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "explained");
  score = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "satisfaction");
  follow = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "follow_up");
  comments = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "comments");
  note = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), "follow_up_note");
  answer.callback_id = wx_list_page_get_selected (WX_LIST_PAGE (self));
  answer.reached = *reached != '\0';
  answer.machine_working = answer_of (working);
  answer.engineer_explained = answer_of (explained);
  answer.satisfaction = *score ? atoi (score) : 0;
  answer.comments = comments;
  answer.follow_up_note = note;
  answer.follow_up = g_str_equal (follow, "return_repair") ? WX_FOLLOW_UP_RETURN_REPAIR
                        : g_str_equal (follow, "complaint") ? WX_FOLLOW_UP_COMPLAINT : WX_FOLLOW_UP_NONE;
  for (guint i = 0; i < WX_N_WEAK_POINTS; i++)
    {
      g_autofree char *on = wx_supervisor_form_get (wx_list_page_get_form (WX_LIST_PAGE (self)), keys[i]);
      if (*on)
        answer.weak |= wx_weak_point_nth (i);
    }
  if (*again)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      if (!wx_call_parse_time (again, now, &answer.call_again_at, &error))
        {
          wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
          return;
        }
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), FALSE);
  wx_db_callback_record_async (wx_page_get_worker (WX_PAGE (self)), &answer, NULL, recorded_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ class */

static void
wx_callback_page_class_init (WxCallbackPageClass *klass)
{
  wx_list_page_class_setup (WX_LIST_PAGE_CLASS (klass), "wx-callback-page.ui", "callbacks",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "callbacks.record", NULL, record_action_cb);
}

static void
wx_callback_page_init (WxCallbackPage *self)
{
  wx_list_page_init_template (WX_LIST_PAGE (self));
  build_form (self);
  gtk_list_box_set_header_func (wx_list_page_get_list (WX_LIST_PAGE (self)), header_cb, self, NULL);
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
}

#define G_LOG_DOMAIN "wx-messages-page"

#include <glib/gi18n.h>

#include "wx-messages-page.h"

struct _WxMessagesPage {
  WxListPage   parent_instance;   /* items: WxMessage */

  GtkDropDown *filter_dropdown;
};

G_DEFINE_FINAL_TYPE (WxMessagesPage, wx_messages_page, WX_TYPE_LIST_PAGE)

/* The filters' labels, in the order of wx_db_message_filters. */
static const char *const filter_labels[] = {
  N_("Needs attention"), N_("Queued"), N_("Sent"), N_("Failed"), N_("Result unknown"), N_("All"),
};

const char *
wx_messages_page_get_filter (WxMessagesPage *self)
{
  guint i;

  g_return_val_if_fail (WX_IS_MESSAGES_PAGE (self), NULL);
  i = gtk_drop_down_get_selected (self->filter_dropdown);
  return i < G_N_ELEMENTS (filter_labels) ? wx_db_message_filters[i] : wx_db_message_filters[0];
}

static void
page_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_messages_list_async (worker, wx_messages_page_get_filter (WX_MESSAGES_PAGE (page)),
                             cancellable, callback, user_data);
}

static gpointer
page_load_finish (WxPage *page, GAsyncResult *result, GError **error)
{
  return wx_db_messages_list_finish (wx_page_get_worker (page), result, error);
}

static gboolean
needs_attention (const WxMessage *m)
{
  return g_str_equal (m->state, "failed") || g_str_equal (m->state, "unknown");
}

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxMessage *m = item;
  /* TRANSLATORS: a message in the list: order number, kind, channel, state */
  g_autofree char *title = g_strdup_printf (_("%s  %s · %s: %s"), *m->order_number ? m->order_number : "—",
                                            wx_db_message_word (m->kind), wx_db_message_word (m->channel),
                                            wx_db_message_word (m->state));
  /* TRANSLATORS: a message in the list: when queued, to whom, why it failed */
  g_autofree char *detail = g_strdup_printf (_("%s → %s %s%s%s"), m->at_text, m->recipient_name, m->recipient,
                                             *m->last_error ? " · " : "", m->last_error);

  return wx_supervisor_row_new (m->id, m->order_number, title, detail, needs_attention (m));
}

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxMessagesPage *self = WX_MESSAGES_PAGE (page);
  const WxMessage *m = item;
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = NULL;
  gboolean unknown = m && g_str_equal (m->state, "unknown");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.open-order", m && *m->order_number);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.resend",
                                 m && (needs_attention (m) || g_str_equal (m->state, "sent")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.settle", unknown);
  if (m == NULL)
    {
      wx_list_page_show_text (page, _("Choose a message from the list."), "");
      return;
    }
  /* TRANSLATORS: the chosen message: kind, channel, recipient */
  title = g_strdup_printf (_("%s · %s → %s"), wx_db_message_word (m->kind), wx_db_message_word (m->channel),
                           m->recipient);
  detail = g_string_new (NULL);
  /* TRANSLATORS: the chosen message: order, unit, when queued, state, tries */
  g_string_append_printf (detail, _("Order %s, %s\nQueued %s · %s · tries: %d"),
                          *m->order_number ? m->order_number : "—", m->unit_name, m->at_text,
                          wx_db_message_word (m->state), m->attempts);
  if (*m->sent_text)
    g_string_append_printf (detail, _("\nSent %s (%s)"), m->sent_text, m->provider_id);
  if (*m->last_error)
    g_string_append_printf (detail, _("\nWhat went wrong: %s"), m->last_error);
  if (unknown)
    g_string_append (detail, _("\nWhether it arrived is not known: ask the customer or look in the provider's "
                               "console, then say whether it was sent. It is never sent again by itself."));
  if (*m->subject)
    g_string_append_printf (detail, "\n\n%s", m->subject);
  g_string_append_printf (detail, "\n\n%s", m->body);
  wx_list_page_show_text (page, title, detail->str);
}

/* ------------------------------------------------------------ writes */

static void
written_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *done = g_object_get_data (G_OBJECT (self), "done");

  if (!wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      wx_page_saved (WX_PAGE (self), "message", error);
      return;
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), done, FALSE);
  wx_page_saved (WX_PAGE (self), "message", NULL);
  wx_page_reload (WX_PAGE (self));
}

static void
resend_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxMessagesPage *self = WX_MESSAGES_PAGE (widget);

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "done", (gpointer) _("Queued again: the sender sends it with its next round."));
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_message_resend_async (wx_page_get_worker (WX_PAGE (self)), wx_list_page_get_selected (WX_LIST_PAGE (self)),
                              wx_page_get_cancellable (WX_PAGE (self)), written_cb, g_object_ref (self));
}

static void
settle_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxMessagesPage *self = WX_MESSAGES_PAGE (widget);
  gboolean sent = g_variant_get_boolean (parameter);

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "done",
                     (gpointer) (sent ? _("Recorded as sent.") : _("Recorded as not sent; resend it if it should go.")));
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_message_settle_async (wx_page_get_worker (WX_PAGE (self)), wx_list_page_get_selected (WX_LIST_PAGE (self)),
                              sent, wx_page_get_cancellable (WX_PAGE (self)), written_cb, g_object_ref (self));
}

static void
filter_changed_cb (GObject *dropdown, GParamSpec *pspec, WxMessagesPage *self)
{
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_page_reload (WX_PAGE (self));
}

/* ------------------------------------------------------------ class */

static void
wx_messages_page_class_init (WxMessagesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  wx_list_page_class_setup (WX_LIST_PAGE_CLASS (klass), "wx-messages-page.ui", "messages",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_bind_template_child (widget_class, WxMessagesPage, filter_dropdown);
  gtk_widget_class_install_action (widget_class, "messages.resend", NULL, resend_action_cb);
  gtk_widget_class_install_action (widget_class, "messages.settle", "b", settle_action_cb);
}

static void
wx_messages_page_init (WxMessagesPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  wx_list_page_init_template (WX_LIST_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (filter_labels); i++)
    gtk_string_list_append (labels, _(filter_labels[i]));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
  g_signal_connect (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (wx_list_page_get_form_grid (WX_LIST_PAGE (self))), FALSE);
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
}

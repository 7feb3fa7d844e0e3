#define G_LOG_DOMAIN "wx-templates-page"

#include <glib/gi18n.h>

#include "wx-templates-page.h"

/* The preview waits for a pause in the typing. */
#define PREVIEW_DELAY_MS 250

struct _WxTemplatesPage {
  WxPage        parent_instance;

  GtkLabel     *error_label;
  GtkSpinner   *spinner;
  GtkListBox   *list;
  GtkLabel     *title_label;
  GtkWidget    *subject_label;
  GtkEntry     *subject_entry;
  GtkWidget    *code_label;
  GtkEntry     *code_entry;
  GtkWidget    *sign_label;
  GtkEntry     *sign_entry;
  GtkTextView  *body_view;
  GtkLabel     *placeholders_label;
  GtkLabel     *counter_label;
  GtkLabel     *preview_title;
  GtkLabel     *preview_label;
  GtkLabel     *message_label;
  GtkWidget    *form_grid;

  GPtrArray    *templates;        /* WxMessageTemplate, as loaded */
  WxMessageTemplate *shown;       /* in `templates`, or NULL */
  gboolean      filling;
  guint         preview_id;
  int           segments;         /* of the last preview */
  GCancellable *preview_cancellable;
};

G_DEFINE_FINAL_TYPE (WxTemplatesPage, wx_templates_page, WX_TYPE_PAGE)

enum { SIGNAL_PREVIEWED, N_SIGNALS };
static guint signals[N_SIGNALS];

WX_PAGE_DEFINE_LOAD (wx_db_message_templates)

static gboolean
is_sms (const WxMessageTemplate *t)
{
  return t && g_str_equal (t->channel, "sms");
}

/* The form as the user left it, for the template shown. */
static WxMessageTemplate
form_template (WxTemplatesPage *self, char **body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  WxMessageTemplate t = { 0 };

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  *body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  t.kind = self->shown->kind;
  t.channel = self->shown->channel;
  t.lang = self->shown->lang;
  t.subject = (char *) (is_sms (self->shown) ? "" : gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  t.body = *body;
  t.template_code = (char *) (is_sms (self->shown) ? gtk_editable_get_text (GTK_EDITABLE (self->code_entry)) : "");
  t.sign_name = (char *) (is_sms (self->shown) ? gtk_editable_get_text (GTK_EDITABLE (self->sign_entry)) : "");
  return t;
}

/* ------------------------------------------------------------ the preview */

static void
previewed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxMessagePreview) p = wx_db_message_preview_finish (WX_DB_WORKER (source), result, &error);
  g_autoptr(GString) counter = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (p == NULL)
    {
      gtk_label_set_text (self->counter_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      g_signal_emit (self, signals[SIGNAL_PREVIEWED], 0);
      return;
    }
  title = *p->order_number
    ? g_strdup_printf (_("Preview, filled from order %s"), p->order_number)
    : g_strdup (_("Preview (there is no order yet to fill it from)"));
  gtk_label_set_text (self->preview_title, title);
  if (*p->subject)
    {
      g_autofree char *text = g_strdup_printf ("%s\n\n%s", p->subject, p->body);

      gtk_label_set_text (self->preview_label, text);
    }
  else if (is_sms (self->shown))
    {
      /* As the phone shows it: 【signature】text. */
      g_autofree char *text = g_strdup_printf ("【%s】%s", gtk_editable_get_text (GTK_EDITABLE (self->sign_entry)),
                                               p->body);

      gtk_label_set_text (self->preview_label, text);
    }
  else
    gtk_label_set_text (self->preview_label, p->body);
  {
    g_autofree char *known = g_strdup_printf (_("Placeholders: %s"), p->placeholders);

    gtk_label_set_text (self->placeholders_label, known);
  }
  if (is_sms (self->shown))
    /* TRANSLATORS: the SMS length counter under a template */
    g_string_append_printf (counter, _("%d characters with the signature: %d SMS (70 characters in one, 67 each beyond)."),
                            p->chars, p->segments);
  if (*p->unknown)
    {
      if (counter->len)
        g_string_append_c (counter, ' ');
      g_string_append_printf (counter, _("{%s} is not a placeholder Weixiu fills in."), p->unknown);
    }
  gtk_label_set_text (self->counter_label, counter->str);
  self->segments = p->segments;
  if (*p->unknown || p->segments > 5)
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
  g_signal_emit (self, signals[SIGNAL_PREVIEWED], 0);
}

static gboolean
preview_cb (gpointer user_data)
{
  WxTemplatesPage *self = user_data;
  g_autofree char *body = NULL;
  WxMessageTemplate t;

  self->preview_id = 0;
  if (self->shown == NULL || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return G_SOURCE_REMOVE;
  t = form_template (self, &body);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  wx_db_message_preview_async (wx_page_get_worker (WX_PAGE (self)), &t, self->preview_cancellable,
                               previewed_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (WxTemplatesPage *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
}

static void
changed_cb (gpointer object, WxTemplatesPage *self)
{
  schedule_preview (self);
}

/* ------------------------------------------------------------ the list */

static void
show_template (WxTemplatesPage *self, WxMessageTemplate *t)
{
  gboolean sms = is_sms (t);
  g_autofree char *title = NULL;

  self->shown = t;
  gtk_widget_set_sensitive (self->form_grid, t != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.save", t != NULL);
  gtk_label_set_text (self->message_label, "");
  if (t == NULL)
    {
      gtk_label_set_text (self->title_label, _("Choose a template from the list."));
      return;
    }
  /* TRANSLATORS: the template edited: kind, channel, language */
  title = g_strdup_printf (_("%s · %s · %s"), wx_db_message_word (t->kind), wx_db_message_word (t->channel),
                           wx_db_message_word (t->lang));
  gtk_label_set_text (self->title_label, title);
  self->filling = TRUE;
  gtk_widget_set_visible (self->subject_label, !sms);
  gtk_widget_set_visible (GTK_WIDGET (self->subject_entry), !sms);
  gtk_widget_set_visible (self->code_label, sms);
  gtk_widget_set_visible (GTK_WIDGET (self->code_entry), sms);
  gtk_widget_set_visible (self->sign_label, sms);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_entry), sms);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), t->subject);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), t->template_code);
  gtk_editable_set_text (GTK_EDITABLE (self->sign_entry), t->sign_name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), t->body, -1);
  gtk_label_set_text (self->counter_label, "");
  self->segments = 0;
  self->filling = FALSE;
  schedule_preview (self);
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, WxTemplatesPage *self)
{
  int i = row ? gtk_list_box_row_get_index (row) : -1;

  if (self->templates && i >= 0 && (guint) i < self->templates->len)
    show_template (self, g_ptr_array_index (self->templates, i));
  else
    show_template (self, NULL);
}

gboolean
wx_templates_page_select (WxTemplatesPage *self, const char *kind, const char *channel, const char *lang)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), FALSE);
  for (guint i = 0; self->templates && i < self->templates->len; i++)
    {
      const WxMessageTemplate *t = g_ptr_array_index (self->templates, i);

      if (g_str_equal (t->kind, kind) && g_str_equal (t->channel, channel) && g_str_equal (t->lang, lang))
        {
          gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) i));
          return TRUE;
        }
    }
  return FALSE;
}

static void
page_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxTemplatesPage *self = WX_TEMPLATES_PAGE (page);
  g_autofree char *kind = NULL, *channel = NULL, *lang = NULL;
  /* the outcome of a Save stays shown when the list comes back */
  g_autofree char *message = g_strdup (gtk_label_get_text (self->message_label));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  gtk_label_set_text (self->error_label, error ? error->message : "");
  if (result == NULL)
    return;
  if (self->shown)
    {
      kind = g_strdup (self->shown->kind);
      channel = g_strdup (self->shown->channel);
      lang = g_strdup (self->shown->lang);
    }
  if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    gtk_root_set_focus (root, NULL);
  g_signal_handlers_block_by_func (self->list, row_selected_cb, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = result;
  self->shown = NULL;
  for (guint i = 0; i < self->templates->len; i++)
    {
      const WxMessageTemplate *t = g_ptr_array_index (self->templates, i);
      /* TRANSLATORS: a template in the list: kind, channel, language */
      g_autofree char *text = g_strdup_printf (_("%s · %s · %s"), wx_db_message_word (t->kind),
                                               wx_db_message_word (t->channel), wx_db_message_word (t->lang));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_append (self->list, label);
    }
  g_signal_handlers_unblock_by_func (self->list, row_selected_cb, self);
  if (kind && wx_templates_page_select (self, kind, channel, lang))
    gtk_label_set_text (self->message_label, message);
  else if (self->templates->len > 0)
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

GPtrArray *
wx_templates_page_get_templates (WxTemplatesPage *self)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), NULL);
  return self->templates;
}

const char *
wx_templates_page_get_counter (WxTemplatesPage *self)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), NULL);
  return gtk_label_get_text (self->counter_label);
}

const char *
wx_templates_page_get_preview (WxTemplatesPage *self)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), NULL);
  return gtk_label_get_text (self->preview_label);
}

const char *
wx_templates_page_get_message (WxTemplatesPage *self)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), NULL);
  return gtk_label_get_text (self->message_label);
}

int
wx_templates_page_get_segments (WxTemplatesPage *self)
{
  g_return_val_if_fail (WX_IS_TEMPLATES_PAGE (self), 0);
  return self->segments;
}

/* ------------------------------------------------------------ saving */

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
    }
  else
    {
      gtk_label_set_text (self->message_label, _("Saved. New messages use this text."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      wx_page_reload (WX_PAGE (self));
    }
  wx_page_saved (WX_PAGE (self), "template", error);
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxTemplatesPage *self = WX_TEMPLATES_PAGE (widget);
  g_autofree char *body = NULL;
  WxMessageTemplate t;

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || self->shown == NULL)
    return;
  t = form_template (self, &body);
  gtk_label_set_text (self->message_label, "");
  wx_db_message_template_set_async (wx_page_get_worker (WX_PAGE (self)), &t, wx_page_get_cancellable (WX_PAGE (self)),
                                    saved_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ class */

static void
wx_templates_page_dispose (GObject *object)
{
  WxTemplatesPage *self = WX_TEMPLATES_PAGE (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->shown = NULL;
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_templates_page_parent_class)->dispose (object);
}

static void
wx_templates_page_class_init (WxTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxPageClass *page_class = WX_PAGE_CLASS (klass);

  object_class->dispose = wx_templates_page_dispose;
  page_class->load = page_load;
  page_class->load_finish = page_load_finish;
  page_class->loaded = page_loaded;
  page_class->result_free = (GDestroyNotify) g_ptr_array_unref;
  signals[SIGNAL_PREVIEWED] = g_signal_new ("previewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/supervisor/wx-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, list);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, sign_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, sign_entry);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, placeholders_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, counter_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WxTemplatesPage, form_grid);
  gtk_widget_class_install_action (widget_class, "templates.save", NULL, save_action_cb);
}

static void
wx_templates_page_init (WxTemplatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wx_page_set_spinner (WX_PAGE (self), self->spinner);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->subject_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->code_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->sign_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (changed_cb), self);
  show_template (self, NULL);
}

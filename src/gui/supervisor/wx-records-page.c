#define G_LOG_DOMAIN "wx-records-page"

#include <glib/gi18n.h>

#include "core/wx-fields.h"
#include "wx-records-page.h"

struct _WxRecordsPage {
  WxListPage      parent_instance;   /* items: WxDbRecord */
  WxDbRecordKind  kind;
  GtkSearchEntry *search_entry;
  char           *search;
};

G_DEFINE_FINAL_TYPE (WxRecordsPage, wx_records_page, WX_TYPE_LIST_PAGE)

WxDbRecordKind
wx_records_page_get_kind (WxRecordsPage *self)
{
  return self->kind;
}

const char *
wx_records_page_get_message (WxRecordsPage *self)
{
  return wx_list_page_get_message (WX_LIST_PAGE (self));
}

void
wx_records_page_set_search (WxRecordsPage *self,
                            const char    *text)
{
  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  wx_page_reload (WX_PAGE (self));
}

static void
search_changed_cb (GtkSearchEntry *entry, WxRecordsPage *self)
{
  wx_records_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (page);
  const WxDbRecord *r = item;
  const char * const *keys = wx_db_record_keys (self->kind);
  WxSupervisorForm *form = wx_list_page_get_form (page);

  if (r == NULL)
    {
      wx_supervisor_form_clear (form);
      if (self->kind == WX_DB_RECORD_SUPPLIER || self->kind == WX_DB_RECORD_PART)
        wx_supervisor_form_set (form, "active", "true");
      wx_list_page_show_text (page, _("New record: fill in the form and save."), "");
      return;
    }
  for (guint i = 0; keys[i]; i++)
    wx_supervisor_form_set (form, keys[i], wx_db_record_value (r, keys[i]));
  if (r->duplicate_of)
    {
      g_autofree char *warning = g_strdup_printf (_("Possibly the same customer as %s (same phone or unit name)."),
                                                  r->duplicate_of);
      wx_list_page_show_text (page, r->label, warning);
    }
  else
    wx_list_page_show_text (page, r->label, "");
}

static void
page_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (page);

  wx_db_records_load_async (worker, self->kind, self->search, cancellable, callback, user_data);
}

static gpointer
page_load_finish (WxPage *page, GAsyncResult *result, GError **error)
{
  return wx_db_records_load_finish (wx_page_get_worker (page), result, error);
}

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxDbRecord *r = item;
  g_autofree char *detail = NULL;
  gboolean alert = FALSE;

  switch (r->kind)
    {
    case WX_DB_RECORD_CUSTOMER:
      alert = r->duplicate_of != NULL;
      detail = alert ? g_strdup_printf (_("Possible duplicate of %s"), r->duplicate_of)
                     : g_strdup_printf ("%s %s %s", wx_db_record_value (r, "contact_person"),
                                        wx_db_record_value (r, "mobile"), wx_db_record_value (r, "phone"));
      break;
    case WX_DB_RECORD_PART:
      alert = r->stock < r->min_stock;
      /* TRANSLATORS: a part in the list: in stock, reserved for orders, the minimum */
      detail = g_strdup_printf (_("In stock %d · reserved %d · minimum %d"), r->stock, r->reserved, r->min_stock);
      break;
    case WX_DB_RECORD_SUPPLIER:
      detail = g_str_equal (wx_db_record_value (r, "active"), "false")
        ? g_strdup (_("Inactive"))
        : g_strdup_printf ("%s %s", wx_db_record_value (r, "contact"), wx_db_record_value (r, "phone"));
      break;
    case WX_DB_RECORD_DEVICE:
    default:
      /* TRANSLATORS: a machine in the list: its warranty's end */
      detail = g_strdup_printf (_("Warranty until %s"), *wx_db_record_value (r, "warranty_expires")
                                                         ? wx_db_record_value (r, "warranty_expires") : "—");
      break;
    }
  return wx_supervisor_row_new (r->id, NULL, r->label, detail, alert);
}

/* ------------------------------------------------------------ saving */

static void
saved_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(WxRecordsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  wx_list_page_set_message (WX_LIST_PAGE (self), ok ? _("Saved.") : error->message, !ok);
  wx_page_saved (WX_PAGE (self), "record", error);
  if (ok)
    wx_page_reload (WX_PAGE (self));
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxRecordsPage *self = WX_RECORDS_PAGE (widget);
  const WxDbRecord *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  const char * const *keys = wx_db_record_keys (self->kind);
  WxSupervisorForm *form = wx_list_page_get_form (WX_LIST_PAGE (self));
  g_autoptr(JsonObject) changes = json_object_new ();

  if (wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *v = wx_supervisor_form_get (form, keys[i]);

      /* An edit sends what changed; a new record what was filled in. */
      if (r ? g_strcmp0 (v, wx_db_record_value (r, keys[i])) == 0 : (v == NULL || *v == '\0'))
        continue;
      if (!wx_db_record_change_set (changes, keys[i], v))
        {
          g_autofree char *sentence = g_strdup_printf (_("“%s” must be a whole number."), wx_field_label (keys[i]));
          wx_list_page_set_message (WX_LIST_PAGE (self), sentence, TRUE);
          wx_page_refused (WX_PAGE (self), "record");
          return;
        }
    }
  wx_list_page_set_message (WX_LIST_PAGE (self), "", FALSE);
  wx_db_record_save_async (wx_page_get_worker (WX_PAGE (self)), self->kind, r ? r->id : 0, r ? r->version : 0,
                           changes, wx_page_get_cancellable (WX_PAGE (self)), saved_cb, g_object_ref (self));
}

static void
new_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (widget, "records.select", "x", (gint64) 0);
}

/* ------------------------------------------------------------ class */

static void
wx_records_page_finalize (GObject *object)
{
  g_free (WX_RECORDS_PAGE (object)->search);
  G_OBJECT_CLASS (wx_records_page_parent_class)->finalize (object);
}

static void
wx_records_page_class_init (WxRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WxListPageClass *list_class = WX_LIST_PAGE_CLASS (klass);

  object_class->finalize = wx_records_page_finalize;
  list_class->clear_form_on_select = TRUE;
  wx_list_page_class_setup (list_class, "wx-records-page.ui", "records",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxRecordsPage, search_entry);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.save", NULL, save_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "records.new", NULL, new_action_cb);
}

static void
wx_records_page_init (WxRecordsPage *self)
{
  wx_list_page_init_template (WX_LIST_PAGE (self));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
}

/* The fields that are a choice of codes (the functions' rules), and their labels. */
static const char *
choices_of (const char *key)
{
  if (g_str_equal (key, "kind"))
    return _("supplier:Supplier|peer_shop:Peer shop|both:Supplier and peer shop");
  if (g_str_equal (key, "payment_terms"))
    return _("prepay:Payment before delivery (款到发货)|monthly:Monthly (月结)|other:Other");
  if (g_str_equal (key, "warranty_evidence"))
    return _("none:None|card:Warranty card|invoice:Invoice|card_and_invoice:Card and invoice");
  if (g_str_equal (key, "category"))
    return _("other:Other|pc:Desktop PC|laptop:Laptop|server:Server|laser_printer:Laser printer|"
             "inkjet_printer:Inkjet printer|plotter:Plotter|projector:Projector|network:Network device");
  return NULL;
}

GtkWidget *
wx_records_page_new (WxDbRecordKind kind)
{
  WxRecordsPage *self = g_object_new (WX_TYPE_RECORDS_PAGE, NULL);
  const char * const *keys = wx_db_record_keys (kind);
  WxSupervisorForm *form = wx_list_page_get_form (WX_LIST_PAGE (self));

  self->kind = kind;
  for (guint i = 0; keys[i]; i++)
    wx_supervisor_form_add (form, keys[i], wx_field_label (keys[i]) ? wx_field_label (keys[i]) : keys[i],
                            g_str_equal (keys[i], "active") ? "check" : "entry",
                            /* a part's category is the shop's own word, not a machine's */
                            kind == WX_DB_RECORD_PART ? NULL : choices_of (keys[i]));
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
  return GTK_WIDGET (self);
}

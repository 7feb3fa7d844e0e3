#define G_LOG_DOMAIN "wx-records-window"

#include "wx-records-window.h"

struct _WxRecordsWindow {
  GtkWindow   parent_instance;
  GtkStack   *stack;
  GtkBox     *boxes[4];          /* by WxDbRecordKind */
  GtkWidget  *pages[4];
  WxDbWorker *worker;
};

G_DEFINE_FINAL_TYPE (WxRecordsWindow, wx_records_window, GTK_TYPE_WINDOW)

/* The stack's page of each kind, in the order of WxDbRecordKind. */
static const char * const page_names[] = { "customers", "machines", "suppliers", "parts", NULL };

WxRecordsPage *
wx_records_window_get_page (WxRecordsWindow *self,
                            WxDbRecordKind   kind)
{
  g_return_val_if_fail (WX_IS_RECORDS_WINDOW (self) && kind < G_N_ELEMENTS (self->pages), NULL);
  return WX_RECORDS_PAGE (self->pages[kind]);
}

static void
wx_records_window_dispose (GObject *object)
{
  WxRecordsWindow *self = WX_RECORDS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_RECORDS_WINDOW);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (wx_records_window_parent_class)->dispose (object);
}

static void
wx_records_window_class_init (WxRecordsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wx_records_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-records-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxRecordsWindow, stack);
  gtk_widget_class_bind_template_child_full (widget_class, "customers_box", FALSE,
                                             G_STRUCT_OFFSET (WxRecordsWindow, boxes[WX_DB_RECORD_CUSTOMER]));
  gtk_widget_class_bind_template_child_full (widget_class, "machines_box", FALSE,
                                             G_STRUCT_OFFSET (WxRecordsWindow, boxes[WX_DB_RECORD_DEVICE]));
  gtk_widget_class_bind_template_child_full (widget_class, "suppliers_box", FALSE,
                                             G_STRUCT_OFFSET (WxRecordsWindow, boxes[WX_DB_RECORD_SUPPLIER]));
  gtk_widget_class_bind_template_child_full (widget_class, "parts_box", FALSE,
                                             G_STRUCT_OFFSET (WxRecordsWindow, boxes[WX_DB_RECORD_PART]));
}

static void
wx_records_window_init (WxRecordsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (self->pages); i++)
    {
      self->pages[i] = wx_records_page_new ((WxDbRecordKind) i);
      gtk_widget_set_hexpand (self->pages[i], TRUE);
      gtk_widget_set_vexpand (self->pages[i], TRUE);
      gtk_box_append (self->boxes[i], self->pages[i]);
    }
}

WxRecordsWindow *
wx_records_window_new (GtkApplication *app,
                       WxDbWorker     *worker,
                       const char     *page)
{
  WxRecordsWindow *self = g_object_new (WX_TYPE_RECORDS_WINDOW, "application", app, NULL);

  self->worker = g_object_ref (worker);
  for (guint i = 0; i < G_N_ELEMENTS (self->pages); i++)
    wx_page_set_worker (WX_PAGE (self->pages[i]), worker);
  if (page && g_strv_contains (page_names, page))
    gtk_stack_set_visible_child_name (self->stack, page);
  return self;
}

#define G_LOG_DOMAIN "wx-archive-page"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "wx-archive-page.h"

/* poppler-glib 22.12 does not declare these. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The PDF's pages are drawn this wide (pixels), then scaled to the panel. */
#define PAGE_PIXELS 900

struct _WxArchivePage {
  WxListPage    parent_instance;   /* items: WxArchivedReport */

  GtkBox       *preview_box;
  guint         n_pages;
  GCancellable *showing;           /* the content load and render under way */
};

G_DEFINE_FINAL_TYPE (WxArchivePage, wx_archive_page, WX_TYPE_LIST_PAGE)

guint
wx_archive_page_get_n_pages (WxArchivePage *self)
{
  g_return_val_if_fail (WX_IS_ARCHIVE_PAGE (self), 0);
  return self->n_pages;
}

const char *
wx_archive_page_get_message (WxArchivePage *self)
{
  return wx_list_page_get_message (WX_LIST_PAGE (self));
}

static const char *
format_label (const char *format)
{
  return g_str_equal (format, "xlsx") ? _("Excel workbook") : _("PDF");
}

static char *
report_title (const WxArchivedReport *r)
{
  return g_str_equal (r->kind, "weekly") ? g_strdup_printf (_("Weekly report %s"), r->period)
                                         : g_strdup_printf (_("Monthly report %s"), r->period);
}

WX_PAGE_DEFINE_LOAD (wx_db_report_archive_list)

static GtkWidget *
item_row (WxListPage *page, gconstpointer item)
{
  const WxArchivedReport *r = item;
  g_autofree char *title = report_title (r);
  g_autofree char *size = g_format_size ((guint64) r->size);
  /* TRANSLATORS: an archived report: its format, when the jobs made it, its size */
  g_autofree char *detail = g_strdup_printf (_("%s · made %s · %s"), format_label (r->format), r->made_text, size);

  return wx_supervisor_row_new (r->id, NULL, title, detail, FALSE);
}

/* ------------------------------------------------------------ the preview */

static void
clear_preview (WxArchivePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box))))
    gtk_box_remove (self->preview_box, child);
  self->n_pages = 0;
}

/* In a thread: each page of the PDF as a texture. */
static void
render_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GBytes *pdf = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(GPtrArray) textures = g_ptr_array_new_with_free_func (g_object_unref);

  if (doc == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The archived PDF cannot be read: %s"), error->message);
      return;
    }
  for (int i = 0; i < poppler_document_get_n_pages (doc) && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      double w, h, scale;
      int width, height, stride;
      cairo_surface_t *surface;
      cairo_t *cr;
      g_autoptr(GBytes) pixels = NULL;

      poppler_page_get_size (page, &w, &h);
      scale = PAGE_PIXELS / w;
      width = PAGE_PIXELS;
      height = (int) (h * scale + 0.5);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      stride = cairo_image_surface_get_stride (surface);
      pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * (gsize) height);
      cairo_surface_destroy (surface);
      g_ptr_array_add (textures, gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, (gsize) stride));
    }
  g_task_return_pointer (task, g_steal_pointer (&textures), (GDestroyNotify) g_ptr_array_unref);
}

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WxArchivePage *self = WX_ARCHIVE_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) textures = g_task_propagate_pointer (G_TASK (result), &error);

  if (textures == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      return;
    }
  clear_preview (self);
  for (guint i = 0; i < textures->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (textures, i));
      GdkTexture *texture = g_ptr_array_index (textures, i);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      /* Pages about the panel's width: tall enough to read, no gaps. */
      gtk_widget_set_size_request (picture, -1, gdk_texture_get_height (texture) * 2 / 3);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (self->preview_box, picture);
    }
  self->n_pages = textures->len;
}

static void
content_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxArchivePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wx_db_report_archive_get_finish (WX_DB_WORKER (source), result, &error);
  g_autoptr(GTask) task = NULL;

  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      return;
    }
  task = g_task_new (self, self->showing, rendered_cb, NULL);
  g_task_set_task_data (task, g_bytes_ref (pdf), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, render_thread);
}

static void
show_selected (WxListPage *page, gconstpointer item)
{
  WxArchivePage *self = WX_ARCHIVE_PAGE (page);
  const WxArchivedReport *r = item;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  gboolean pdf = r && g_str_equal (r->format, "pdf");

  g_cancellable_cancel (self->showing);
  g_clear_object (&self->showing);
  clear_preview (self);
  gtk_widget_set_visible (GTK_WIDGET (wx_list_page_get_form_grid (page)), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.open-outside", r != NULL);
  if (r == NULL)
    {
      wx_list_page_show_text (page, _("Choose an archived report."), "");
      return;
    }
  title = report_title (r);
  detail = g_strdup_printf (pdf ? _("%s, archived %s by the periodic jobs.")
                                : _("%s, archived %s by the periodic jobs; it opens in the spreadsheet program."),
                            format_label (r->format), r->made_text);
  wx_list_page_show_text (page, title, detail);
  if (!pdf || wx_page_get_worker (WX_PAGE (self)) == NULL)
    return;
  self->showing = g_cancellable_new ();
  wx_db_report_archive_get_async (wx_page_get_worker (WX_PAGE (self)), r->id, self->showing, content_cb,
                                  g_object_ref (self));
}

/* ------------------------------------------------------------ outside */

static void
saved_for_outside_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(WxArchivePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = wx_db_report_archive_get_finish (WX_DB_WORKER (source), result, &error);
  const WxArchivedReport *r = wx_list_page_get_selected_item (WX_LIST_PAGE (self));
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "weixiu", "reports", NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (content == NULL || r == NULL)
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wx_list_page_set_message (WX_LIST_PAGE (self), error->message, TRUE);
      return;
    }
  name = g_strdup_printf ("%s-%s.%s", r->kind, r->period, r->format);
  path = g_build_filename (dir, name, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (content, NULL), (gssize) g_bytes_get_size (content),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The report cannot be saved in %s."), dir);
      wx_list_page_set_message (WX_LIST_PAGE (self), text, TRUE);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  {
    g_autofree char *text = g_strdup_printf (_("Opened %s."), path);
    wx_list_page_set_message (WX_LIST_PAGE (self), text, FALSE);
  }
}

static void
open_outside_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxArchivePage *self = WX_ARCHIVE_PAGE (widget);
  gint64 id = wx_list_page_get_selected (WX_LIST_PAGE (self));

  if (wx_page_get_worker (WX_PAGE (self)) == NULL || wx_list_page_get_selected_item (WX_LIST_PAGE (self)) == NULL)
    return;
  wx_db_report_archive_get_async (wx_page_get_worker (WX_PAGE (self)), id, wx_page_get_cancellable (WX_PAGE (self)),
                                  saved_for_outside_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ class */

static void
wx_archive_page_dispose (GObject *object)
{
  WxArchivePage *self = WX_ARCHIVE_PAGE (object);

  g_cancellable_cancel (self->showing);
  g_clear_object (&self->showing);
  G_OBJECT_CLASS (wx_archive_page_parent_class)->dispose (object);
}

static void
wx_archive_page_class_init (WxArchivePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wx_archive_page_dispose;
  wx_list_page_class_setup (WX_LIST_PAGE_CLASS (klass), "wx-archive-page.ui", "archive",
                            page_load, page_load_finish, item_row, show_selected);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), WxArchivePage, preview_box);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "archive.open-outside", NULL, open_outside_action_cb);
}

static void
wx_archive_page_init (WxArchivePage *self)
{
  wx_list_page_init_template (WX_LIST_PAGE (self));
  wx_list_page_refresh_selected (WX_LIST_PAGE (self));
}

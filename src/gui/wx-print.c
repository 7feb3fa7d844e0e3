#define G_LOG_DOMAIN "wx-print"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "db/wx-db-document.h"
#include "print/wx-pdf.h"
#include "print/wx-pdf-error.h"
#include "wx-print.h"

#define APP_ID "org.weixiu.Weixiu"
/* GTK's CUPS backend reports its list even when the server does not answer,
 * after retrying; this is only the last guard against waiting for ever. */
#define ENUMERATE_TIMEOUT_SECONDS 60

G_DEFINE_QUARK (wx-print-error-quark, wx_print_error)

/* ------------------------------------------------------------- one PDF, one job */

typedef struct {
  GtkWindow          *parent;       /* a reference, or NULL */
  GBytes             *pdf;
  char               *title;
  WxPrintMode         mode;
  char               *path;         /* the private temporary file; removed with this */
  char               *wanted;       /* the settings' printer; "" for CUPS's default */
  GtkPrinter         *printer;
  GtkPrintSettings   *settings;
  GtkPageSetup       *page_setup;
  GtkPrintUnixDialog *dialog;
  GSource            *cancel_source; /* while the dialog is up */
  gulong              details_id;
  guint               timeout_id;
} PrintData;

static void
close_dialog (PrintData *d)
{
  if (d->cancel_source)
    {
      g_source_destroy (d->cancel_source);
      g_clear_pointer (&d->cancel_source, g_source_unref);
    }
  if (d->dialog)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&d->dialog)));
}

static void
print_data_free (PrintData *d)
{
  if (d->path)
    g_unlink (d->path);
  g_clear_handle_id (&d->timeout_id, g_source_remove);
  if (d->details_id)
    g_signal_handler_disconnect (d->printer, d->details_id);
  close_dialog (d);
  g_clear_object (&d->parent);
  g_bytes_unref (d->pdf);
  g_free (d->title);
  g_free (d->path);
  g_free (d->wanted);
  g_clear_object (&d->printer);
  g_clear_object (&d->settings);
  g_clear_object (&d->page_setup);
  g_free (d);
}

/* The task is over once it returned; late callbacks find it so and stop. */
static gboolean
task_over (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "wx-returned") != NULL;
}

static void
task_return_error (GTask *task, GError *error)
{
  g_autoptr(GTask) keep = g_object_ref (task);   /* the dialog may hold the last reference */
  PrintData *d = g_task_get_task_data (task);

  g_object_set_data (G_OBJECT (task), "wx-returned", GINT_TO_POINTER (1));
  g_clear_handle_id (&d->timeout_id, g_source_remove);
  close_dialog (d);
  g_task_return_error (task, error);
}

static gboolean
task_return_if_cancelled (GTask *task)
{
  g_autoptr(GError) error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    return FALSE;
  task_return_error (task, g_steal_pointer (&error));
  return TRUE;
}

/* Worker thread: the PDF into a file only this user may read. */
static void
write_tmp_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GBytes *pdf = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  int fd = g_file_open_tmp ("weixiu-print-XXXXXX.pdf", &path, &error);

  if (fd < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (path);
          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          return;
        }
      data += n;
      size -= (gsize) n;
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (path);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
job_sent_cb (GtkPrintJob  *job,
             gpointer      user_data,
             const GError *error)
{
  g_autoptr(GTask) task = user_data;
  PrintData *d = g_task_get_task_data (task);

  if (task_over (task))
    return;
  if (error)
    {
      task_return_error (task, g_error_new (WX_PRINT_ERROR, WX_PRINT_ERROR_FAILED,
                                            _("The printer “%s” did not take “%s”: %s"),
                                            gtk_printer_get_name (d->printer), d->title, error->message));
      return;
    }
  g_object_set_data (G_OBJECT (task), "wx-returned", GINT_TO_POINTER (1));
  g_task_return_pointer (task, g_strdup (gtk_printer_get_name (d->printer)), g_free);
}

/* The printer, its settings and page are known: one job with the file as its source. */
static void
send_job (GTask *task)
{
  PrintData *d = g_task_get_task_data (task);
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&d->timeout_id, g_source_remove);
  if (task_return_if_cancelled (task))
    return;
  if (!gtk_printer_accepts_pdf (d->printer))
    {
      task_return_error (task, g_error_new (WX_PRINT_ERROR, WX_PRINT_ERROR_UNSUPPORTED,
                                            _("The printer “%s” cannot print PDF documents. Choose another printer."),
                                            gtk_printer_get_name (d->printer)));
      return;
    }
  if (d->settings == NULL)
    d->settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (d->settings, gtk_printer_get_name (d->printer));
  if (d->page_setup == NULL)
    d->page_setup = gtk_page_setup_new ();

  job = gtk_print_job_new (d->title, d->printer, d->settings, d->page_setup);
  if (!gtk_print_job_set_source_file (job, d->path, &error))
    {
      task_return_error (task, g_error_new (WX_PRINT_ERROR, WX_PRINT_ERROR_FAILED,
                                            _("Cannot prepare “%s” for printing: %s"), d->title, error->message));
      return;
    }
  gtk_print_job_send (job, job_sent_cb, g_object_ref (task), NULL);
}

/* ------------------------------------------------------------------- the dialog */

/* The dialog holds a reference to the task until it is destroyed. */
static void
dialog_response_cb (GtkDialog *dialog,
                    int        response,
                    gpointer   user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  PrintData *d = g_task_get_task_data (task);

  if (task_over (task) || d->dialog == NULL)
    return;
  if (response != GTK_RESPONSE_OK)
    {
      task_return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("Printing “%s” was cancelled."), d->title));
      return;
    }
  if (gtk_print_unix_dialog_get_selected_printer (d->dialog) == NULL)
    {
      task_return_error (task, g_error_new_literal (WX_PRINT_ERROR, WX_PRINT_ERROR_NO_PRINTER,
                                                    _("No printer was chosen. Choose a printer, then print again.")));
      return;
    }
  d->printer = g_object_ref (gtk_print_unix_dialog_get_selected_printer (d->dialog));
  d->settings = gtk_print_unix_dialog_get_settings (d->dialog);
  d->page_setup = g_object_ref (gtk_print_unix_dialog_get_page_setup (d->dialog));
  close_dialog (d);
  send_job (task);
}

static char *settings_printer (void);

static gboolean
dialog_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  task_return_if_cancelled (user_data);
  return G_SOURCE_REMOVE;
}

static void
show_dialog (GTask *task)
{
  PrintData *d = g_task_get_task_data (task);
  g_autofree char *heading = g_strdup_printf (_("Print “%s”"), d->title);

  d->wanted = settings_printer ();
  d->dialog = GTK_PRINT_UNIX_DIALOG (gtk_print_unix_dialog_new (heading, d->parent));
  /* The document is a PDF already: only printers that take one are offered;
   * copies, collation and page ranges are CUPS's to do. */
  gtk_print_unix_dialog_set_manual_capabilities (d->dialog, GTK_PRINT_CAPABILITY_GENERATE_PDF);
  gtk_print_unix_dialog_set_embed_page_setup (d->dialog, TRUE);
  if (*d->wanted)
    {
      /* The printer of the settings comes up chosen; else CUPS's default. */
      g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();

      gtk_print_settings_set_printer (settings, d->wanted);
      gtk_print_unix_dialog_set_settings (d->dialog, settings);
    }
  gtk_window_set_modal (GTK_WINDOW (d->dialog), TRUE);
  g_signal_connect_data (d->dialog, "response", G_CALLBACK (dialog_response_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  if (g_task_get_cancellable (task))
    {
      d->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (d->cancel_source, G_SOURCE_FUNC (dialog_cancelled_cb), task, NULL);
      g_source_attach (d->cancel_source, NULL);
    }
  gtk_window_present (GTK_WINDOW (d->dialog));
}

/* ----------------------------------------------------- the printer of the settings */

static char *
settings_printer (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "printer"))
    return g_strdup ("");
  settings = g_settings_new (APP_ID);
  return g_strstrip (g_settings_get_string (settings, "printer"));
}

static void
details_acquired_cb (GtkPrinter *printer,
                     gboolean    success,
                     gpointer    user_data)
{
  GTask *task = user_data;
  PrintData *d = g_task_get_task_data (task);

  g_signal_handler_disconnect (printer, d->details_id);
  d->details_id = 0;
  /* Without its details the printer still prints, on the default page. */
  if (success && d->page_setup == NULL)
    d->page_setup = gtk_printer_get_default_page_size (printer);
  send_job (task);
  g_object_unref (task);
}

/* The printer was found: its default page (a label printer's label), then the job. */
static void
printer_chosen (GTask *task)
{
  PrintData *d = g_task_get_task_data (task);

  if (gtk_printer_has_details (d->printer))
    {
      d->page_setup = gtk_printer_get_default_page_size (d->printer);
      send_job (task);
      return;
    }
  d->details_id = g_signal_connect (d->printer, "details-acquired", G_CALLBACK (details_acquired_cb),
                                    g_object_ref (task));
  gtk_printer_request_details (d->printer);
}

static gboolean
printer_found_cb (GtkPrinter *printer,
                  gpointer    user_data)
{
  GTask *task = user_data;
  PrintData *d = g_task_get_task_data (task);

  if (task_over (task) || d->printer)
    return TRUE;
  if (*d->wanted ? g_str_equal (gtk_printer_get_name (printer), d->wanted) : gtk_printer_is_default (printer))
    {
      d->printer = g_object_ref (printer);
      return TRUE;
    }
  return FALSE;
}

/* Every backend has listed its printers (or the search stopped at ours). */
static void
enumerated_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  PrintData *d = g_task_get_task_data (task);

  if (task_over (task))
    return;
  if (d->printer)
    printer_chosen (task);
  else if (*d->wanted)
    task_return_error (task, g_error_new (WX_PRINT_ERROR, WX_PRINT_ERROR_NOT_FOUND,
                                          _("The printer “%s” set in the preferences is not there. Check that it is "
                                            "switched on and set up in the system’s printer settings, or choose "
                                            "another printer in the preferences."), d->wanted));
  else
    task_return_error (task, g_error_new_literal (WX_PRINT_ERROR, WX_PRINT_ERROR_NO_PRINTER,
                                                  _("No printer is set up. Add a printer in the system’s printer "
                                                    "settings, or choose one in the preferences.")));
}

static gboolean
enumerate_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  PrintData *d = g_task_get_task_data (task);

  d->timeout_id = 0;
  task_return_error (task, g_error_new_literal (WX_PRINT_ERROR, WX_PRINT_ERROR_NO_PRINTER,
                                                _("The printing system did not answer. Check that CUPS is running, "
                                                  "then print again.")));
  if (d->details_id)
    {
      /* The reference the handler held. */
      g_signal_handler_disconnect (d->printer, d->details_id);
      d->details_id = 0;
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

static void
find_printer (GTask *task)
{
  PrintData *d = g_task_get_task_data (task);

  d->wanted = settings_printer ();
  d->timeout_id = g_timeout_add_seconds (ENUMERATE_TIMEOUT_SECONDS, enumerate_timeout_cb, task);
  gtk_enumerate_printers (printer_found_cb, g_object_ref (task), enumerated_cb, FALSE);
}

static void
tmp_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrintData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  d->path = g_task_propagate_pointer (G_TASK (result), &error);
  if (d->path == NULL)
    {
      task_return_error (task, g_error_new (WX_PRINT_ERROR, WX_PRINT_ERROR_FAILED,
                                            _("Cannot prepare “%s” for printing: %s"), d->title, error->message));
      return;
    }
  if (task_return_if_cancelled (task))
    return;
  if (d->mode == WX_PRINT_ASK)
    show_dialog (task);
  else
    find_printer (task);
}

void
wx_print_pdf_async (GtkWindow           *parent,
                    GBytes              *pdf,
                    const char          *title,
                    WxPrintMode          mode,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) write = NULL;
  PrintData *d;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (title != NULL);

  d = g_new0 (PrintData, 1);
  d->parent = parent ? g_object_ref (parent) : NULL;
  d->pdf = g_bytes_ref (pdf);
  d->title = g_strdup (title);
  d->mode = mode;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wx_print_pdf_async);
  g_task_set_task_data (task, d, (GDestroyNotify) print_data_free);

  write = g_task_new (NULL, cancellable, tmp_written_cb, g_object_ref (task));
  g_task_set_source_tag (write, write_tmp_thread);
  g_task_set_task_data (write, g_bytes_ref (pdf), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (write, write_tmp_thread);
}

char *
wx_print_pdf_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wx_print_pdf_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -------------------------------------------------------- the documents of an order */

static const struct {
  WxPrintDocs   flag;
  WxPdfDocument document;
} order_docs[] = {
  { WX_PRINT_FORM,             WX_PDF_FORM },
  { WX_PRINT_MACHINE_LABEL,    WX_PDF_LABEL },
  { WX_PRINT_ACCESSORY_LABELS, WX_PDF_ACCESSORY_LABELS },
  { WX_PRINT_QUOTE,            WX_PDF_QUOTE },
  { WX_PRINT_RECEIPT,          WX_PDF_RECEIPT },
};

typedef struct {
  char   *title;
  GBytes *pdf;
} Rendered;

static void
rendered_clear (gpointer p)
{
  Rendered *r = p;

  g_free (r->title);
  g_bytes_unref (r->pdf);
}

typedef struct {
  GtkWindow    *parent;
  WxDbWorker   *worker;
  char         *number;
  WxDbDocument *doc;        /* once loaded; read by the rendering thread */
  WxPrintDocs   docs;
  WxPrintMode   mode;
  GArray       *rendered;   /* Rendered, in print order */
  guint         next;
  guint         n_jobs;
} OrderData;

static void
order_data_free (OrderData *d)
{
  g_clear_object (&d->parent);
  g_clear_object (&d->worker);
  g_free (d->number);
  g_clear_pointer (&d->doc, wx_db_document_free);
  g_clear_pointer (&d->rendered, g_array_unref);
  g_free (d);
}

/* The job's title, as the printer queue and the shop read it. */
static char *
document_title (WxPdfDocument document, const char *number)
{
  switch (document)
    {
    case WX_PDF_FORM:
      return g_strdup_printf (_("Service form %s"), number);
    case WX_PDF_LABEL:
      return g_strdup_printf (_("Machine label %s"), number);
    case WX_PDF_ACCESSORY_LABELS:
      return g_strdup_printf (_("Accessory labels %s"), number);
    case WX_PDF_RECEIPT:
      return g_strdup_printf (_("Receipt %s"), number);
    case WX_PDF_QUOTE:
    default:
      return g_strdup_printf (_("Quote %s"), number);
    }
}

/* Rendering thread: every PDF asked for, from the order already loaded. */
static void
render_order_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  OrderData *d = task_data;
  const WxDbDocument *doc = d->doc;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rendered = g_array_new (FALSE, TRUE, sizeof (Rendered));

  g_array_set_clear_func (rendered, rendered_clear);
  for (guint i = 0; i < G_N_ELEMENTS (order_docs); i++)
    {
      Rendered r = { NULL, NULL };

      if (!(d->docs & order_docs[i].flag))
        continue;
      if (g_task_return_error_if_cancelled (task))
        return;
      r.pdf = wx_pdf_render (order_docs[i].document, doc, WX_PDF_FORM_A4, &error);
      if (r.pdf == NULL && g_error_matches (error, WX_PDF_ERROR, WX_PDF_ERROR_EMPTY))
        {
          g_clear_error (&error);   /* no accessories left: no labels to print */
          continue;
        }
      if (r.pdf == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      r.title = document_title (order_docs[i].document, doc->number);
      g_array_append_val (rendered, r);
    }
  g_task_return_pointer (task, g_steal_pointer (&rendered), (GDestroyNotify) g_array_unref);
}

static void print_next (GTask *task);

static void
order_job_printed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrderData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *printer = wx_print_pdf_finish (result, &error);

  if (printer)
    d->n_jobs++;
  else if (d->mode == WX_PRINT_ASK && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_clear_error (&error);   /* that document's dialog was cancelled: skip it */
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  print_next (task);
}

static void
print_next (GTask *task)
{
  OrderData *d = g_task_get_task_data (task);
  Rendered *r;

  if (d->next >= d->rendered->len)
    {
      if (d->n_jobs == 0 && d->rendered->len > 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled."));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  r = &g_array_index (d->rendered, Rendered, d->next++);
  wx_print_pdf_async (d->parent, r->pdf, r->title, d->mode, g_task_get_cancellable (task),
                      order_job_printed_cb, g_object_ref (task));
}

static void
order_rendered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrderData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  d->rendered = g_task_propagate_pointer (G_TASK (result), &error);
  if (d->rendered == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  print_next (task);
}

static void
order_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrderData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) render = NULL;

  d->doc = wx_db_document_load_finish (d->worker, result, &error);
  if (d->doc == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The rendering runs on its own task so that the printing, which needs
   * the main context, starts from its callback there. */
  render = g_task_new (NULL, g_task_get_cancellable (task), order_rendered_cb, g_object_ref (task));
  g_task_set_source_tag (render, render_order_thread);
  g_task_set_task_data (render, d, NULL);
  g_task_run_in_thread (render, render_order_thread);
}

void
wx_print_order_async (GtkWindow           *parent,
                      WxDbWorker          *worker,
                      const char          *number,
                      WxPrintDocs          docs,
                      WxPrintMode          mode,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OrderData *d;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (WX_IS_DB_WORKER (worker));
  g_return_if_fail (number != NULL);

  d = g_new0 (OrderData, 1);
  d->parent = parent ? g_object_ref (parent) : NULL;
  d->worker = g_object_ref (worker);
  d->number = g_strdup (number);
  d->docs = docs;
  d->mode = mode;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wx_print_order_async);
  g_task_set_task_data (task, d, (GDestroyNotify) order_data_free);

  wx_db_document_load_async (worker, number, cancellable, order_loaded_cb, g_object_ref (task));
}

gboolean
wx_print_order_finish (GAsyncResult  *result,
                       guint         *n_jobs,
                       GError       **error)
{
  OrderData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wx_print_order_async, FALSE);
  d = g_task_get_task_data (G_TASK (result));
  if (n_jobs)
    *n_jobs = d->n_jobs;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Printing through a real CUPS queue: ./run tests starts a private cupsd
 * with a cups-pdf queue ($WX_TEST_PRINTER, the default printer there) whose
 * PDFs land in $WX_TEST_PRINT_DIR. A demo order's documents are printed as
 * the front desk prints them after intake, a PDF from the print layer goes to
 * CUPS's default printer, and a printer that is not there gives a sentence.
 * What cups-pdf wrote is read back with pdftotext; a PNG of the printed form
 * goes to the screenshot dir. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-worker.h"
#include "gui/wx-print.h"
#include "print/wx-pdf.h"
#include "wx-test-db.h"

#define WAIT_SECONDS 180   /* generous: Ghostscript on a busy 2-core machine */

static char *conninfo;
static const char *printer;     /* the cups-pdf queue */
static const char *print_dir;   /* where cups-pdf writes */
static GHashTable *seen;        /* files in print_dir already looked at */

/* ------------------------------------------------------------------ helpers */

static char *
tool_output (const char * const *argv, int *status)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;
  char *text = tool_output (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return text;
}

/* Without white space: a line break in a box does not change what it says. */
static char *
squash (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

static void
set_printer_setting (const char *name)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.weixiu.Weixiu");

  g_settings_set_string (settings, "printer", name);
}

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the print call to finish");
      g_main_context_iteration (NULL, TRUE);
    }
  return *slot;
}

static gboolean
queue_idle (void)
{
  const char *argv[] = { "lpstat", "-W", "not-completed", "-o", printer, NULL };
  int status;
  g_autofree char *out = tool_output (argv, &status);

  return status == 0 && *g_strstrip (out) == '\0';
}

/* Waits until the queue has no job left and `n` new PDFs are in print_dir;
 * returns their paths, sorted. */
static GPtrArray *
wait_for_pdfs (guint n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GDir) dir = g_dir_open (print_dir, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      g_ptr_array_set_size (found, 0);
      while ((name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".pdf") && !g_hash_table_contains (seen, name))
          g_ptr_array_add (found, g_build_filename (print_dir, name, NULL));
      if (found->len >= n && queue_idle ())
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out: %u of %u printed PDFs in %s", found->len, n, print_dir);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (G_USEC_PER_SEC / 5);
    }
  g_assert_cmpuint (found->len, ==, n);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (seen, g_path_get_basename (g_ptr_array_index (found, i)));
  g_ptr_array_sort (found, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&found);
}

static char *
render_png (const char *pdf, const char *name)
{
  const char *dir = g_getenv ("WX_SCREENSHOT_DIR");
  g_autofree char *root = g_build_filename (dir ? dir : ".", name, NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "50", "-singlefile", pdf, root, NULL };
  int status;
  g_autofree char *out = NULL;

  g_mkdir_with_parents (dir ? dir : ".", 0755);
  out = tool_output (argv, &status);
  g_assert_cmpint (status, ==, 0);
  return g_strdup_printf ("%s.png", root);
}

/* GTK's CUPS backend asks colord (on the system bus) for colour profiles and
 * warns when it is not there, as in a container or on a CI machine. GTK logs
 * through the structured writer, which no fatal handler sees: warnings are
 * made non-fatal in main() and this writer aborts on every other one. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & G_LOG_LEVEL_WARNING)
    {
      const char *message = "";

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
          message = fields[i].value;
      if (strstr (message, "failed to contact colord") == NULL)
        abort ();
    }
  return out;
}

/* -------------------------------------------------------------------- tests */

/* After intake: form, machine label and accessory labels, straight to the
 * printer of the settings, one job each. */
static void
test_print_order (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (conninfo);
  g_autofree char *number = wx_test_db_value (conn,
      "SELECT o.number FROM service_orders o"
      " WHERE o.unit_name <> '' AND length(o.unit_name) <= 20"
      "   AND EXISTS (SELECT 1 FROM order_accessories a WHERE a.order_id = o.id AND NOT a.returned)"
      " ORDER BY o.number LIMIT 1");
  g_autofree char *unit = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *form = NULL;
  g_autofree char *png = NULL;
  guint n_jobs = 0, n_labels = 0;

  g_assert_nonnull (number);
  {
    const char *params[] = { number };
    g_autoptr(PGresult) r = PQexecParams (conn, "SELECT unit_name FROM service_orders WHERE number = $1",
                                          1, NULL, params, NULL, NULL, 0);
    g_assert_cmpint (PQresultStatus (r), ==, PGRES_TUPLES_OK);
    unit = g_strdup (PQgetvalue (r, 0, 0));
  }
  g_test_message ("order %s of %s", number, unit);

  set_printer_setting (printer);
  wx_print_order_async (NULL, worker, number, WX_PRINT_AFTER_INTAKE, WX_PRINT_DEFAULT_PRINTER, NULL,
                        result_cb, &result);
  g_assert_true (wx_print_order_finish (wait_result (&result), &n_jobs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_jobs, ==, 3);

  pdfs = wait_for_pdfs (3);
  for (guint i = 0; i < pdfs->len; i++)
    {
      const char *pdf = g_ptr_array_index (pdfs, i);
      g_autofree char *text = pdf_text (pdf);
      g_autofree char *flat = squash (text);
      g_autofree char *flat_unit = squash (unit);

      g_test_message ("%s: %zu characters of text", pdf, strlen (text));
      /* Every document names the order. */
      g_assert_nonnull (strstr (flat, number));
      if (strstr (flat, flat_unit) && strstr (text, "Stub copy"))
        {
          g_assert_null (form);
          form = g_strdup (pdf);
          /* All three copies of the form, each with the customer. */
          g_assert_nonnull (strstr (text, "With-machine copy"));
          g_assert_nonnull (strstr (text, "Customer copy"));
        }
      else
        n_labels++;
    }
  g_assert_nonnull (form);
  g_assert_cmpuint (n_labels, ==, 2);

  png = render_png (form, "printed-form");
  g_test_message ("printed form: %s", png);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

/* A PDF made by the print layer, to CUPS's default printer (no setting). */
static void
test_print_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (&error);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *marker = g_strdup_printf ("WX-PRINT-TEST-%d", (int) getpid ());
  g_autofree char *line = g_strdup_printf ("%s 维修打印测试", marker);
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  wx_pdf_layout_add_page (layout, 210, 297);
  wx_pdf_layout_text (layout, 20, 20, 170, 20, 16, 8, WX_PDF_TEXT_LEFT, line);
  pdf = wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, &error);
  g_assert_no_error (error);

  set_printer_setting ("");
  wx_print_pdf_async (NULL, pdf, "Weixiu print test", WX_PRINT_DEFAULT_PRINTER, NULL, result_cb, &result);
  used = wx_print_pdf_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, printer);

  pdfs = wait_for_pdfs (1);
  text = pdf_text (g_ptr_array_index (pdfs, 0));
  g_assert_nonnull (strstr (text, marker));
  g_assert_nonnull (strstr (text, "维修打印测试"));
}

static GBytes *
test_pdf (const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (&error);
  GBytes *pdf;

  g_assert_no_error (error);
  wx_pdf_layout_add_page (layout, 210, 297);
  wx_pdf_layout_text (layout, 20, 20, 170, 20, 16, 8, WX_PDF_TEXT_LEFT, line);
  pdf = wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, &error);
  g_assert_no_error (error);
  return pdf;
}

/* The print dialog that wx_print_pdf_async put up, once it has chosen a printer. */
static GtkPrintUnixDialog *
wait_for_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (GTK_IS_PRINT_UNIX_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
              gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (w)))
            return GTK_PRINT_UNIX_DIALOG (w);
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the print dialog");
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
n_print_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      n += GTK_IS_PRINT_UNIX_DIALOG (w);
    }
  return n;
}

/* Through the dialog, as the clerk prints with "ask": it comes up over the
 * window with the printer of the settings chosen, and Print sends the job. */
static void
test_print_dialog (void)
{
  g_autofree char *marker = g_strdup_printf ("WX-DIALOG-TEST-%d", (int) getpid ());
  g_autofree char *line = g_strdup_printf ("%s 对话框打印", marker);
  g_autoptr(GBytes) pdf = test_pdf (line);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;
  GtkWidget *parent = gtk_window_new ();
  GtkPrintUnixDialog *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  set_printer_setting (printer);
  wx_print_pdf_async (GTK_WINDOW (parent), pdf, "Weixiu dialog test", WX_PRINT_ASK, NULL, result_cb, &result);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Print “Weixiu dialog test”");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  g_assert_cmpstr (gtk_printer_get_name (gtk_print_unix_dialog_get_selected_printer (dialog)), ==, printer);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  used = wx_print_pdf_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, printer);
  g_assert_cmpuint (n_print_dialogs (), ==, 0);

  pdfs = wait_for_pdfs (1);
  text = pdf_text (g_ptr_array_index (pdfs, 0));
  g_assert_nonnull (strstr (text, marker));
  g_assert_nonnull (strstr (text, "对话框打印"));
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* Cancel in the dialog, or the caller's cancellable: G_IO_ERROR_CANCELLED,
 * the dialog gone, nothing printed. */
static void
test_print_dialog_cancel (void)
{
  g_autoptr(GBytes) pdf = test_pdf ("never printed");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (int how = 0; how < 2; how++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *used = NULL;
      GtkPrintUnixDialog *dialog;

      wx_print_pdf_async (NULL, pdf, "Weixiu cancelled", WX_PRINT_ASK, cancellable, result_cb, &result);
      dialog = wait_for_dialog ();
      if (how == 0)
        gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      else
        g_cancellable_cancel (cancellable);
      used = wx_print_pdf_finish (wait_result (&result), &error);
      g_assert_null (used);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (n_print_dialogs (), ==, 0);
    }
  g_assert_true (queue_idle ());
}

/* A printer named in the settings that CUPS does not have. */
static void
test_print_missing_printer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WxPdfLayout) layout = wx_pdf_layout_new (&error);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *used = NULL;

  g_assert_no_error (error);
  wx_pdf_layout_add_page (layout, 60, 40);
  wx_pdf_layout_text (layout, 5, 5, 50, 10, 10, 6, WX_PDF_TEXT_LEFT, "never printed");
  pdf = wx_pdf_layout_render (layout, WX_PDF_FONT_SUBSET, &error);
  g_assert_no_error (error);

  set_printer_setting ("No-Such-Printer");
  wx_print_pdf_async (NULL, pdf, "Weixiu missing printer", WX_PRINT_DEFAULT_PRINTER, NULL, result_cb, &result);
  used = wx_print_pdf_finish (wait_result (&result), &error);
  g_assert_null (used);
  g_assert_error (error, WX_PRINT_ERROR, WX_PRINT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The printer “No-Such-Printer” set in the preferences is not there. Check that it is switched "
                   "on and set up in the system’s printer settings, or choose another printer in the preferences.");
  /* Nothing reached the real queue. */
  g_assert_true (queue_idle ());
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  wx_i18n_init ();
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  wx_test_db_require ();

  printer = g_getenv ("WX_TEST_PRINTER");
  print_dir = g_getenv ("WX_TEST_PRINT_DIR");
  if (printer == NULL || print_dir == NULL)
    {
      /* cups-pdf's backend runs only as root: ./run tests sets the queue up
       * then, and a missing one is a failure there. */
      if (getuid () == 0 && g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("./run tests as root starts a private CUPS with a cups-pdf queue, but WX_TEST_PRINTER is not set");
      printf ("1..0 # SKIP no cups-pdf queue: ./run tests sets one up when run as root\n");
      return 0;
    }
  if (!gtk_init_check ())
    {
      if (g_getenv ("WX_TEST_REQUIRE_DB"))
        g_error ("no display: ./run tests starts Xvfb, but GTK cannot open it");
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (print_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      g_hash_table_add (seen, g_strdup (name));
  }

  conninfo = wx_test_db_create ("print_cups", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/print-cups/order", test_print_order);
  g_test_add_func ("/ui/print-cups/pdf", test_print_pdf);
  g_test_add_func ("/ui/print-cups/dialog", test_print_dialog);
  g_test_add_func ("/ui/print-cups/dialog-cancel", test_print_dialog_cancel);
  g_test_add_func ("/ui/print-cups/missing-printer", test_print_missing_printer);
  return g_test_run ();
}

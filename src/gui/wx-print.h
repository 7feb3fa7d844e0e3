/* wx-print.h — printing through CUPS: a whole PDF from the print layer is the
 * source of one GtkPrintJob, after a GtkPrintUnixDialog or straight to the
 * printer of the settings (key `printer`, else CUPS's default). Nothing here
 * blocks the main loop: the order is read on the session's WxDbWorker, the
 * rendering runs in a thread of its own, the printer list and the job go
 * through GTK's asynchronous calls. */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_PRINT_ERROR (wx_print_error_quark ())

typedef enum {
  WX_PRINT_ERROR_NO_PRINTER,    /* no printer at all: none named and no default */
  WX_PRINT_ERROR_NOT_FOUND,     /* the printer named in the settings is not there */
  WX_PRINT_ERROR_UNSUPPORTED,   /* the printer chosen cannot take a PDF */
  WX_PRINT_ERROR_FAILED,        /* the job could not be prepared or sent */
} WxPrintError;

typedef enum {
  WX_PRINT_ASK,                 /* GtkPrintUnixDialog */
  WX_PRINT_DEFAULT_PRINTER,     /* the settings' `printer`, else CUPS's default; no dialog */
} WxPrintMode;

typedef enum {
  WX_PRINT_FORM             = 1 << 0,   /* the three-part service form */
  WX_PRINT_MACHINE_LABEL    = 1 << 1,
  WX_PRINT_ACCESSORY_LABELS = 1 << 2,   /* skipped when no accessory was left */
  WX_PRINT_QUOTE            = 1 << 3,
  WX_PRINT_RECEIPT          = 1 << 4,   /* 收据: the money taken for the order */
} WxPrintDocs;

#define WX_PRINT_AFTER_INTAKE (WX_PRINT_FORM | WX_PRINT_MACHINE_LABEL | WX_PRINT_ACCESSORY_LABELS)

GQuark   wx_print_error_quark  (void);

/* Prints `pdf` (a whole PDF document from src/print) as one CUPS job titled
 * `title`. WX_PRINT_ASK shows GtkPrintUnixDialog (transient for `parent`);
 * WX_PRINT_DEFAULT_PRINTER sends it to the printer named by the GSettings key
 * `printer` of org.weixiu.Weixiu, else CUPS's default printer, without a
 * dialog; with no printer at all it fails with a sentence that says so.
 * Cancelling the dialog gives G_IO_ERROR_CANCELLED. */
void     wx_print_pdf_async    (GtkWindow           *parent,
                                GBytes              *pdf,
                                const char          *title,
                                WxPrintMode          mode,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
/* Returns the name of the printer used, or NULL with `error`. */
char    *wx_print_pdf_finish   (GAsyncResult        *result,
                                GError             **error);

/* Reads order `number` on `worker` (wx_db_document_load_async), renders the
 * documents asked for in `docs` in a thread of its own, then prints them on
 * the main thread as one job each, in the order form, machine label,
 * accessory labels, quote.
 * With WX_PRINT_ASK a dialog is shown for each document; cancelling one skips
 * that document, and cancelling all of them gives G_IO_ERROR_CANCELLED. The
 * first error stops the rest (jobs already sent stay sent). */
void     wx_print_order_async  (GtkWindow           *parent,
                                WxDbWorker          *worker,
                                const char          *number,
                                WxPrintDocs          docs,
                                WxPrintMode          mode,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
/* Returns TRUE when every document was printed or skipped, with the number
 * of jobs sent in `n_jobs` (may be NULL). */
gboolean wx_print_order_finish (GAsyncResult        *result,
                                guint               *n_jobs,
                                GError             **error);

G_END_DECLS

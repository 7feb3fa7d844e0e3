/* wx-record-dialog.h — what the engineer's dialogs (inspection, repair,
 * part order) share: the header with Cancel / Save (Ctrl+Enter) and a
 * spinner, the order's summary, a grid of labelled fields each with its
 * message underneath, the dialog's own message, and saving in the worker:
 * a refusal is shown next to its field or at the bottom, the dialog stays
 * open and nothing typed is lost; "finished" says how it ended (NULL error:
 * saved, and the dialog closes). Subclasses fill the grid and implement
 * save(). */
#pragma once

#include <adwaita.h>

#include "core/wx-order.h"
#include "db/wx-db-worker.h"
#include "db/wx-db-workflow.h"

G_BEGIN_DECLS

#define WX_TYPE_RECORD_DIALOG (wx_record_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (WxRecordDialog, wx_record_dialog, WX, RECORD_DIALOG, AdwWindow)

struct _WxRecordDialogClass
{
  AdwWindowClass parent_class;

  /* Checks what was typed and starts the write (wx_record_dialog_saving)
   * or calls wx_record_dialog_refuse(). */
  void (*save) (WxRecordDialog *self);
};

/* Public: what a test or the bench window uses. */
void          wx_record_dialog_save        (WxRecordDialog *self);
/* The message under field `key`, or the dialog's own (NULL); "" when none. */
const char   *wx_record_dialog_get_message (WxRecordDialog *self,
                                            const char     *key);
WxOrder      *wx_record_dialog_get_order   (WxRecordDialog *self);

/* For the subclasses. */
void          wx_record_dialog_setup       (WxRecordDialog *self,
                                            WxDbWorker     *worker,
                                            WxOrder        *order,
                                            const char     *title);
WxDbWorker   *wx_record_dialog_get_worker  (WxRecordDialog *self);
GCancellable *wx_record_dialog_get_cancellable (WxRecordDialog *self);
/* A row: `label` (NULL: none, the widget spans both columns), the widget
 * (NULL: only the message), and under it the message of `key` (NULL: no
 * message). */
void          wx_record_dialog_add_row     (WxRecordDialog *self,
                                            const char     *key,
                                            const char     *label,
                                            GtkWidget      *widget);
/* A heading across the grid. */
void          wx_record_dialog_add_heading (WxRecordDialog *self,
                                            const char     *text);
void          wx_record_dialog_set_message (WxRecordDialog *self,
                                            const char     *key,
                                            const char     *text);
void          wx_record_dialog_clear_messages (WxRecordDialog *self);
/* Core refused: the sentence next to `field` (or at the bottom when the
 * dialog has no such field), "finished" with the error (taken). */
void          wx_record_dialog_refuse      (WxRecordDialog *self,
                                            const char     *field,
                                            GError         *error);
/* Saving: wx_record_dialog_saving() makes the dialog busy; then the
 * subclass starts its typed write (wx_db_…_save_async, ending with
 * wx_db_record_save_finish) with the worker, the cancellable,
 * wx_record_dialog_saved_cb and g_object_ref (self). A refusal is shown
 * at the bottom and "finished" says how it ended; saved, the dialog closes. */
void          wx_record_dialog_saving      (WxRecordDialog *self);
void          wx_record_dialog_saved_cb    (GObject        *source,
                                            GAsyncResult   *result,
                                            gpointer        user_data);
/* The dialog's catalogue search (a WxPartPicker); its results come with
 * the dialog's "parts-found". */
GtkWidget    *wx_record_dialog_add_picker  (WxRecordDialog *self);
void          wx_record_dialog_search_parts (WxRecordDialog *self,
                                            const char     *text);
/* Picks a listed part as a click does; FALSE: not listed. */
gboolean      wx_record_dialog_pick_part   (WxRecordDialog *self,
                                            const char     *part_number);
/* A multi-line text field: the view, framed. */
GtkWidget    *wx_record_dialog_text_view   (GtkWidget     **frame);
char         *wx_record_dialog_text_of     (GtkWidget      *text_view);

G_END_DECLS

/* wx-repair-dialog.h — the engineer's repair record (工程师维修机器, seed
 * 000; 功能测试要求): the parts used, issued from the catalogue's stock; the
 * parts issued earlier (at inspection) with how many go back unused; where
 * the old parts go (the customer, or the supervisor's old-parts store); the
 * functional tests of the machine's category, each a check (all required;
 * "per the manual" with a note); cleaning; the repair notes. Saving marks
 * the machine OK: `repair_done` (or `fix_at_desk` from the check bench), in
 * one transaction with the stock, the tests and the old parts; it then
 * stands on S4 and the coordinator's board shows it ready to notify. */
#pragma once

#include "wx-record-dialog.h"

G_BEGIN_DECLS

#define WX_TYPE_REPAIR_DIALOG (wx_repair_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxRepairDialog, wx_repair_dialog, WX, REPAIR_DIALOG, WxRecordDialog)

/* "loaded" follows once the order's record (category, issued parts) is read. */
WxRepairDialog *wx_repair_dialog_new            (GtkWindow      *parent,
                                                 WxDbWorker     *worker,
                                                 WxOrder        *order);
/* repair_notes (text), old_parts (returned_to_customer, kept_by_supervisor, none). */
gboolean        wx_repair_dialog_set_value      (WxRepairDialog *self,
                                                 const char     *key,
                                                 const char     *value);
/* Ticks the test `code` of the checklist (with a note); FALSE: no such test. */
gboolean        wx_repair_dialog_set_test       (WxRepairDialog *self,
                                                 const char     *code,
                                                 gboolean        passed,
                                                 const char     *note);
/* Ticks every test of the checklist. */
void            wx_repair_dialog_pass_all_tests (WxRepairDialog *self);
void            wx_repair_dialog_set_cleaned    (WxRepairDialog *self,
                                                 gboolean        cleaned);
/* How many of a part issued earlier go back unused; FALSE: none issued. */
gboolean        wx_repair_dialog_set_return     (WxRepairDialog *self,
                                                 const char     *part_number,
                                                 int             quantity);
/* The category the checklist is for, as shown. */
const char     *wx_repair_dialog_get_category   (WxRepairDialog *self);
void            wx_repair_dialog_save           (WxRepairDialog *self);

G_END_DECLS

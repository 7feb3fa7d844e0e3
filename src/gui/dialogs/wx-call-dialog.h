/* wx-call-dialog.h — logging one call in the call log (工作日记本):
 * inbound or outbound, its purpose, who it was with, what about, the
 * result, whether somebody answered (and who passes it on), the reply
 * promised. Checked in core field by field, saved in one transaction. */
#pragma once

#include <adwaita.h>

#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_CALL_DIALOG (wx_call_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WxCallDialog, wx_call_dialog, WX, CALL_DIALOG, AdwWindow)

WxCallDialog *wx_call_dialog_new         (GtkWindow    *parent,
                                          WxDbWorker   *worker);

/* Fill a field as the user would: direction and purpose take codes; unit,
 * contact, phone, machine, order (a number), subject, result, answered_by,
 * relayed_to, promised (as typed: 16:30, 05-18 09:00). */
gboolean      wx_call_dialog_set_value   (WxCallDialog *self,
                                          const char   *field,
                                          const char   *value);
void          wx_call_dialog_set_reached (WxCallDialog *self,
                                          gboolean      reached);
/* The message under `field`, or the dialog's own (NULL); "" when none. */
const char   *wx_call_dialog_get_message (WxCallDialog *self,
                                          const char   *field);
/* The call.save action: "saved" (the call's id) and the dialog closes, or
 * the message shows at its field and nothing is written. */
void          wx_call_dialog_save        (WxCallDialog *self);

G_END_DECLS

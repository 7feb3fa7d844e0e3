#define G_LOG_DOMAIN "wx-call"

#include <glib/gi18n.h>

#include "wx-call.h"
#include "wx-codes.h"
#include "wx-error.h"
#include "wx-validate.h"

gboolean
wx_call_record_validate (const WxCallRecord  *call,
                         GError             **error)
{
  gboolean answered = wx_validate_filled (call->answered_by);
  gboolean relayed = wx_validate_filled (call->relayed_to);

  if (!wx_code_known (WX_CODE_CALL_DIRECTION, call->direction))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Say whether the call came in or went out."));
      return FALSE;
    }
  if (call->purpose && !wx_code_known (WX_CODE_CALL_PURPOSE, call->purpose))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a purpose of a call; choose one from the list."), call->purpose);
      return FALSE;
    }
  if (call->order_id < 0 || call->customer_id < 0 || call->at < 0 || call->promised_reply_at < 0)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("The call refers to an order, a customer or a time that cannot exist."));
      return FALSE;
    }
  if (wx_validate_filled (call->phone) && !wx_validate_phone (call->phone, error))
    return FALSE;
  if (!call->reached && (answered || relayed))
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Nobody answered this call, so nobody can have answered or passed it on; mark it reached or clear those names."));
      return FALSE;
    }
  if (relayed && !answered)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record who answered the call and will pass the message on."));
      return FALSE;
    }
  if (call->reached && !answered && g_strcmp0 (call->purpose, "notify_pickup") == 0)
    {
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record who answered the pickup notice."));
      return FALSE;
    }
  return TRUE;
}

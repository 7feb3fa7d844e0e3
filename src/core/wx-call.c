#define G_LOG_DOMAIN "wx-call"

#include <string.h>

#include <glib/gi18n.h>

#include "wx-call.h"
#include "wx-codes.h"
#include "wx-error.h"
#include "wx-fields.h"
#include "wx-validate.h"
#include "wx-visit.h"

gboolean
wx_call_record_check (const WxCallRecord  *call,
                      const char         **field,
                      GError             **error)
{
  gboolean answered = wx_validate_filled (call->answered_by);
  gboolean relayed = wx_validate_filled (call->relayed_to);
  const char *at_fault = "";

  if (!wx_code_known (WX_CODE_CALL_DIRECTION, call->direction))
    {
      at_fault = "direction";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Say whether the call came in or went out."));
    }
  else if (call->purpose && !wx_code_known (WX_CODE_CALL_PURPOSE, call->purpose))
    {
      at_fault = "purpose";
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a purpose of a call; choose one from the list."), call->purpose);
    }
  else if (call->order_id < 0 || call->customer_id < 0 || call->at < 0 || call->promised_reply_at < 0)
    g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                         _("The call refers to an order, a customer or a time that cannot exist."));
  else if (call->order_id == 0 && call->customer_id == 0 && !wx_validate_filled (call->unit_name)
           && !wx_validate_filled (call->contact) && !wx_validate_filled (call->phone))
    {
      at_fault = "contact";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record who the call was with: the unit, the contact or the phone number."));
    }
  else if (wx_validate_filled (call->phone) && !wx_validate_phone (call->phone, error))
    at_fault = "phone";
  else if (call->order_id == 0 && !wx_validate_filled (call->subject))
    {
      at_fault = "subject";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record what the call was about."));
    }
  else if (!call->reached && (answered || relayed))
    {
      at_fault = answered ? "answered_by" : "relayed_to";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                           _("Nobody answered this call, so nobody can have answered or passed it on; mark it reached or clear those names."));
    }
  else if (relayed && !answered)
    {
      at_fault = "answered_by";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record who answered the call and will pass the message on."));
    }
  else if (call->reached && !answered && g_strcmp0 (call->purpose, "notify_pickup") == 0)
    {
      at_fault = "answered_by";
      g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                           _("Record who answered the pickup notice."));
    }
  else
    {
      /* The lengths the call log keeps (wx_call_log checks the same). */
      static const struct { const char *field; glong offset; gsize max; } texts[] = {
        { "unit_name",   G_STRUCT_OFFSET (WxCallRecord, unit_name),   100 },
        { "contact",     G_STRUCT_OFFSET (WxCallRecord, contact),     60 },
        { "machine",     G_STRUCT_OFFSET (WxCallRecord, machine),     200 },
        { "subject",     G_STRUCT_OFFSET (WxCallRecord, subject),     200 },
        { "result",      G_STRUCT_OFFSET (WxCallRecord, result),      2000 },
        { "answered_by", G_STRUCT_OFFSET (WxCallRecord, answered_by), 60 },
        { "relayed_to",  G_STRUCT_OFFSET (WxCallRecord, relayed_to),  60 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          const char *text = G_STRUCT_MEMBER (const char *, call, texts[i].offset);

          if (wx_validate_filled (text) &&
              !wx_validate_required (text, wx_field_label (texts[i].field), texts[i].max, error))
            {
              at_fault = texts[i].field;
              break;
            }
        }
      if (*at_fault == '\0')
        return TRUE;
    }
  if (field)
    *field = at_fault;
  return FALSE;
}

gboolean
wx_call_parse_time (const char  *text,
                    GDateTime   *now,
                    gint64      *at,
                    GError     **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  gint64 now_unix = g_date_time_to_unix (now);

  *at = 0;
  if (*t == '\0')
    return TRUE;
  if (!wx_visit_parse_time (t, now_unix, at, error))
    return FALSE;
  /* A bare time already past today means tomorrow. */
  if (strchr (t, '-') == NULL && *at < now_unix)
    *at += 24 * 3600;
  return TRUE;
}

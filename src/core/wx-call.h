/* wx-call.h — one call of the front desk's call log (工作日记本, domain.md
 * section 8) as the clerk records it, and its checks. Pickup notices log
 * every attempt: reached (the contact, or someone who passes it on: 转告),
 * or nobody answered — then the order is called again the next day. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *direction;          /* inbound | outbound */
  const char *purpose;            /* a WX_CODE_CALL_PURPOSE code (wx-codes.h); NULL = other */
  gint64      customer_id;        /* 0 = none (the order's customer when an order is given) */
  gint64      order_id;           /* 0 = none */
  const char *contact;            /* whom the call was for, or from */
  const char *phone;              /* the number, may be NULL */
  const char *machine;
  const char *subject;
  const char *result;
  gboolean    reached;            /* somebody answered */
  const char *answered_by;        /* who answered */
  const char *relayed_to;         /* whom they pass it on to (转告), "" when the contact answered */
  gint64      promised_reply_at;  /* Unix seconds; 0 = no promise */
  gint64      at;                 /* when the call was made, Unix seconds; 0 = now */
  const char *unit_name;          /* the caller's unit (单位) when not a customer yet; NULL = the customer's */
} WxCallRecord;

/* A call says who it was with (unit, contact, phone, or its order) and what
 * about (the subject, or its order). FALSE with a sentence when the call
 * cannot be logged so; `field` (may be
 * NULL) is then set to the field at fault: direction, purpose, contact,
 * phone, subject, answered_by, relayed_to, unit_name, machine, result, or ""
 * for the call as a whole. wx_call_log (data/sql/functions/calls.sql)
 * checks the same, in the same order, with the same sentences. */
gboolean wx_call_record_check    (const WxCallRecord *call,
                                  const char        **field,
                                  GError            **error);

/* A promised reply time as the clerk types it: "HH:MM" (today, or
 * tomorrow when that time has passed), "MM-DD HH:MM" or "YYYY-MM-DD HH:MM",
 * in the shop's time zone (as wx_visit_parse_time); "" = none (0). */
gboolean wx_call_parse_time      (const char         *text,
                                  GDateTime          *now,
                                  gint64             *at,
                                  GError            **error);

G_END_DECLS

/* wx-codes.h — the words for the codes the database keeps in an order's and
 * a call's fields (warranty, backup, quote method, payment, call purpose…),
 * so that the printed form, the order's detail and the call log say the
 * same thing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WX_CODE_WARRANTY_STATUS,     /* unknown, in_warranty, out_of_warranty, contract */
  WX_CODE_WARRANTY_EVIDENCE,   /* none, card, invoice, card_and_invoice */
  WX_CODE_BACKUP,              /* not_applicable, backed_up, may_lose_data, customer_keeps_disk */
  WX_CODE_QUOTE_METHOD,        /* phone, fax, email, chat, in_person */
  WX_CODE_DECISION,            /* agree, decline */
  WX_CODE_OLD_PARTS,           /* returned_to_customer, kept_by_supervisor, none */
  WX_CODE_PAYMENT,             /* unpaid, paid, on_account, free */
  WX_CODE_PAYMENT_METHOD,      /* cash, wechat, alipay, card, bank_transfer, cheque, on_account, prepaid */
  WX_CODE_CALL_DIRECTION,      /* inbound, outbound */
  WX_CODE_CALL_PURPOSE,        /* request, enquiry, quote, notify_pickup, appointment, running_late, callback, complaint, other */
  WX_CODE_ESCALATION_TRIGGER,  /* manual, two_visits, two_part_orders, no_diagnosis_week, cluster, part_overdue */
  WX_CODE_CALLBACK_KIND,       /* weekly, onsite_24h, hotline_next_day, phone_guidance_2h, pickup_unchecked */
} WxCodeSet;

/* The translated word for `code`; the code itself when the set does not
 * know it, "" for NULL or "". */
const char *wx_code_label (WxCodeSet   set,
                           const char *code);
gboolean    wx_code_known (WxCodeSet   set,
                           const char *code);
/* The set's codes in their order: the n-th, NULL past the last. */
const char *wx_code_nth   (WxCodeSet   set,
                           guint       n);

G_END_DECLS

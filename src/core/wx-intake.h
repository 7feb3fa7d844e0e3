/* wx-intake.h — a new service order as the front desk writes it (domain.md
 * section 2), its checks, and the fault-text similarity the cluster
 * escalation uses (domain.md section 5). */
#pragma once

#include "wx-types.h"

G_BEGIN_DECLS

typedef struct {
  WxOrderKind   kind;
  const char   *unit;          /* 单位名称 */
  const char   *address;
  const char   *contact;
  const char   *phone;         /* mobile or landline */
  const char   *product;
  const char   *model;
  const char   *serial;
  const char   *fault;
  const char   *warranty;      /* unknown | in_warranty | out_of_warranty | contract, NULL = unknown */
  char        **accessories;   /* NULL-terminated, may be NULL */
  /* The rest of the paper form's intake part; NULL/FALSE = not given. */
  const char   *end_user;
  const char   *email;
  const char   *appearance;    /* 外观检查 */
  const char   *warranty_evidence; /* none | card | invoice | card_and_invoice */
  const char   *backup;        /* not_applicable | backed_up | may_lose_data | customer_keeps_disk */
  const char   *remarks;
  gboolean      notice_read;   /* the customer read the important notice */
  gboolean      customer_signed;
  gint64        call_id;       /* the call of the call log this order answers; 0 = none */
  /* The paper form's other boxes (NULL = not given). */
  const char   *fax;
  const char   *end_user_phone;
  const char   *floor_department;
  const char   *asset_number;
  const char   *purchase_date; /* YYYY-MM-DD, not ahead of today */
} WxOrderDraft;

gboolean wx_order_draft_validate (const WxOrderDraft *draft,
                                  GError            **error);
/* The same, naming the form's field at fault in `field` (unit, address,
 * contact, phone, email, product, model, serial, fault, end_user,
 * appearance, warranty, remarks, evidence, backup, accessories). The
 * database's wx_intake checks the same rules in the same order. */
gboolean wx_order_draft_check    (const WxOrderDraft *draft,
                                  const char        **field,
                                  GError            **error);
/* A field of the form at fault and the sentence that says why. */
typedef struct {
  char *field;
  char *message;
} WxFieldFault;

void       wx_field_fault_free    (WxFieldFault       *fault);
/* Every field of the draft at fault, in the order wx_order_draft_check
 * checks them, one sentence each (empty: the draft is fine), so that one
 * Save names them all. */
GPtrArray *wx_order_draft_faults  (const WxOrderDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxFieldFault, wx_field_fault_free)

/* Whether `column` of an order may still be corrected after intake
 * (wx_amend): the unit, its address, the contact and their numbers, the end
 * user, floor or department, the machine's product, model, serial and asset
 * number, the remarks. */
gboolean wx_order_field_amendable (const char        *column);
/* The amendable columns in the form's order, one by one; NULL after the
 * last. */
const char *wx_order_amendable_nth (guint             n);
/* Checks a correction of `column` to `value` ("" = clear it), with the
 * sentence the database says for the same rule. */
gboolean wx_order_amend_check    (const char         *column,
                                  const char         *value,
                                  GError            **error);
/* Whether the phone number is a mainland mobile number (else a landline). */
gboolean wx_phone_is_mobile      (const char         *phone);
/* Splits "电源线, 鼠标；包" into trimmed, non-empty accessory names. */
char   **wx_accessories_split    (const char         *text);
/* How alike two reported faults are, 0..1: the share of the shorter text's
 * character pairs (and words) found in the other. */
double   wx_fault_similarity     (const char         *a,
                                  const char         *b);

#define WX_FAULT_SIMILAR 0.5

G_END_DECLS

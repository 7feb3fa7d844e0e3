/* wx-review.h — the supervisor's review of an entered order (seed 000
 * 维修部主管 操作细则: 维修服务记录单审核), evaluated from plain facts the
 * database layer gathers: the clocks met or missed and by how much (on the
 * shop's business time, wx-sla.h), the parts requested against the fault
 * analysis and the parts used against the repair described, who is
 * responsible, the appearance and accessories, and the customer's
 * signatures. Pure: no database, no GTK. */
#pragma once

#include "wx-sla.h"
#include "wx-types.h"

G_BEGIN_DECLS

typedef enum {
  WX_REVIEW_DISPATCH,          /* received → dispatched, 0–1 h */
  WX_REVIEW_REPLY,             /* dispatched → the customer told, 4 h */
  WX_REVIEW_REPAIR,            /* agreed → repaired, 3 working days */
  WX_REVIEW_ONSITE_RESPONSE,   /* request → on site */
  WX_REVIEW_COMPLETION,        /* request → repaired, 3 working days */
  WX_REVIEW_PARTS_REQUESTED,   /* parts requested against the fault analysis */
  WX_REVIEW_PARTS_USED,        /* parts used against the parts requested and the repair */
  WX_REVIEW_RESPONSIBILITY,    /* received by, inspecting and repairing engineer */
  WX_REVIEW_APPEARANCE,        /* the machine's appearance at intake */
  WX_REVIEW_ACCESSORIES,       /* accessories listed and checked at handover */
  WX_REVIEW_SIGNED_INTAKE,     /* the customer signed the form */
  WX_REVIEW_SIGNED_PICKUP,     /* the customer signed at pickup */
} WxReviewCheck;

#define WX_N_REVIEW_CHECKS (WX_REVIEW_SIGNED_PICKUP + 1)

typedef enum {
  WX_CHECK_OK,
  WX_CHECK_FAILED,
  WX_CHECK_NOT_APPLICABLE,
} WxCheckResult;

/* A part requested (a draft quote line or a part order) or used (issued
 * from stock, net of returns). */
typedef struct {
  gint64      part_id;       /* of the catalogue; 0 = typed in */
  const char *part_number;   /* "" when none */
  const char *name;
  int         quantity;
} WxReviewPart;

/* What the review looks at; strings may be NULL or "" when not recorded. */
typedef struct {
  WxOrderKind        kind;
  const WxSlaEvent  *events;          /* the order's log, in time order */
  guint              n_events;
  gint64             repaired_at;     /* Unix seconds; 0 = never repaired */
  const char        *received_by;
  const char        *owner;           /* 首问负责: the coordinator who owns the order */
  const char        *engineer;
  const char        *inspected_by;
  const char        *repaired_by;
  const char        *handed_over_by;  /* who took the pickup, delivery or acceptance */
  const char        *fault_analysis;
  const char        *repair_notes;
  const char        *appearance_check;
  const char        *accessories;     /* the names, comma-separated; "" = none left */
  gboolean           accessories_checked;
  gboolean           customer_signed;
  gboolean           pickup_signed;
  GArray            *requested;       /* WxReviewPart; NULL = none */
  GArray            *used;            /* WxReviewPart; NULL = none */
  GHashTable        *names;           /* login → full name for the evidence; may be NULL */
} WxReviewFacts;

typedef struct {
  WxReviewCheck  check;
  WxCheckResult  result;
  char          *evidence;        /* a sentence in the user's language */
  char          *responsible;     /* login of the person a failure goes back to; NULL when ok */
  gint64         minutes;         /* clocks: business minutes taken; -1 otherwise */
  gint64         margin;          /* clocks: minutes to spare (negative: missed by) */
} WxReviewItem;

typedef struct {
  WxReviewItem items[WX_N_REVIEW_CHECKS];
  int          parts_ok;          /* -1: no part involved; 0 or 1 */
} WxReview;

void        wx_review_free          (WxReview *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReview, wx_review_free)

const char *wx_review_check_to_code (WxReviewCheck  check);
gboolean    wx_review_check_from_code (const char  *code,
                                       WxReviewCheck *check);
const char *wx_review_check_label   (WxReviewCheck  check);

/* Every check of the order. `rules` gives the business calendar and the
 * thresholds (wx_db_sla_rules_load_for, or the defaults in tests). */
WxReview   *wx_review_evaluate      (const WxSlaRules    *rules,
                                     const WxReviewFacts *facts);
guint       wx_review_n_failed      (const WxReview *review);
/* The person responsible for the first failed check, or NULL. */
const char *wx_review_first_responsible (const WxReview *review);
/* {"dispatch": {"ok": true, "evidence": "…", "responsible": "…"}, …}; "ok"
 * is null for a check that does not apply. For order_reviews.checks. */
char       *wx_review_to_json       (const WxReview *review);

/* Returning an order: what must be put right (1–2,000 characters) and the
 * login it goes back to. The sentences are also the database's
 * (wx_review_return, rules review_return_comment…). Fields: comment,
 * returned_to. */
gboolean    wx_review_return_check  (const char     *comment,
                                     const char     *returned_to,
                                     const char    **field,
                                     GError        **error);

G_END_DECLS

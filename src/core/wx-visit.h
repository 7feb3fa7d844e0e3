/* wx-visit.h — an on-site visit (现场维修) as the engineer records it, step by
 * step (seed 000 工程师 操作细则 现场维修前电话沟通, 现场维修, 取送产品;
 * domain.md section 3 "On-site"): the phone contact within 10 minutes of the
 * dispatch, the booking (time, address, contact), a late arrival announced
 * by phone with the new time, the arrival, how the visit ended, and the
 * delivery of a repaired machine with acceptance and payment on site. The
 * checks name the field at fault, as the dialog shows them. */
#pragma once

#include <glib.h>

#include "wx-types.h"

G_BEGIN_DECLS

typedef enum {
  WX_VISIT_STEP_CONTACT,        /* the engineer phoned the customer */
  WX_VISIT_STEP_BOOK,           /* the visit is booked: time, address, contact */
  WX_VISIT_STEP_RUNNING_LATE,   /* late: the customer was phoned, a new time */
  WX_VISIT_STEP_ARRIVE,         /* arrived at the customer's */
  WX_VISIT_STEP_OUTCOME,        /* how the visit ended (WxVisitOutcome) */
  WX_VISIT_STEP_DELIVER,        /* delivered or accepted on site, paid */
} WxVisitStep;

#define WX_N_VISIT_STEPS (WX_VISIT_STEP_DELIVER + 1)

typedef enum {
  WX_VISIT_OUTCOME_FIXED,            /* fixed on site; the customer signed */
  WX_VISIT_OUTCOME_NEEDS_PARTS,      /* inspected: parts to quote, a second visit */
  WX_VISIT_OUTCOME_TAKEN_BACK,       /* the machine goes to the shop (shelf S1) */
  WX_VISIT_OUTCOME_CUSTOMER_ABSENT,  /* nobody there: a note left */
} WxVisitOutcome;

#define WX_N_VISIT_OUTCOMES (WX_VISIT_OUTCOME_CUSTOMER_ABSENT + 1)

/* What the engineer enters. Strings may be NULL ("" then); times are Unix
 * seconds, 0 = not given (now, where a time is optional). */
typedef struct {
  WxVisitStep     step;
  WxVisitOutcome  outcome;          /* for WX_VISIT_STEP_OUTCOME */
  /* contact, book, running late */
  const char     *contact;          /* whom the engineer spoke to; the visit's contact */
  const char     *phone;
  gboolean        reached;          /* contact: somebody answered */
  const char     *note;             /* contact: what was learnt; late: where and why; absent: the note left */
  gint64          appointment_at;   /* book: the time; running late: the new time */
  const char     *address;          /* book */
  /* arrive, outcome */
  gint64          arrived_at;       /* arrive (0 = now); absent: as noted */
  const char     *serial;           /* arrive: the machine's serial, for an order without one */
  gint64          left_at;          /* outcome (0 = now) */
  /* fixed */
  const char     *repair_notes;
  const char     *parts_used;
  const char     *old_parts;        /* returned_to_customer | kept_by_supervisor | none; NULL = not said */
  /* needs parts */
  const char     *findings;
  const char     *parts_needed;
  gint64          suggested_price;  /* fen; 0 = none */
  /* taken back */
  char          **accessories;      /* NULL-terminated; may be NULL */
  const char     *appearance;
  gboolean        copy_handed;      /* the customer copy (用户联) was handed over */
  gboolean        customer_signed;  /* fixed, taken back, delivered */
  /* deliver */
  gboolean        delivering;       /* a machine out for delivery (deliver), else fixed on site (accept) */
  const char     *payment_status;   /* paid | on_account | free */
  gint64          payment_amount;   /* fen, with paid */
  const char     *payment_method;   /* cash, wechat, alipay, card, bank_transfer, cheque */
  const char     *received_by;      /* who took the machine (picked_up_by) */
  gboolean        accessories_checked;
} WxVisitInput;

/* What is known of the visit already (from the database), for the checks
 * that depend on it; 0 = unknown, not checked. */
typedef struct {
  gint64  appointment_at;           /* the booked time */
  gint64  arrived_at;
} WxVisitFacts;

const char *wx_visit_step_to_code      (WxVisitStep     step);
const char *wx_visit_step_label        (WxVisitStep     step);
const char *wx_visit_outcome_to_code   (WxVisitOutcome  outcome);   /* as in visits.outcome */
gboolean    wx_visit_outcome_from_code (const char     *code,
                                        WxVisitOutcome *outcome);
const char *wx_visit_outcome_label     (WxVisitOutcome  outcome);
/* The workflow event a step (and outcome) takes; `delivering` chooses
 * between deliver (a machine out for delivery) and accept (fixed on site). */
const char *wx_visit_event             (WxVisitStep     step,
                                        WxVisitOutcome  outcome,
                                        gboolean        delivering);
/* The other way: the step (and, for WX_VISIT_STEP_OUTCOME, the outcome)
 * that records `event` on an order in `state`; FALSE when no visit step
 * does (an inspection on the bench is not a visit's). */
gboolean    wx_visit_step_for_event    (const char     *event,
                                        WxOrderState    state,
                                        WxVisitStep    *step,
                                        WxVisitOutcome *outcome);

/* Checks `in` as of `now` (Unix seconds) against `facts` (may be NULL): a
 * sentence naming the field, and its key in `field` (contact, phone,
 * appointment, address, note, arrived, serial, left, repair_notes, parts_used,
 * findings, parts_needed, accessories, appearance, copy_handed,
 * customer_signed, payment_status, payment_amount, received_by,
 * accessories_checked). */
gboolean    wx_visit_check             (const WxVisitInput  *in,
                                        const WxVisitFacts  *facts,
                                        gint64               now,
                                        const char         **field,
                                        GError             **error);

/* "2026-11-20 14:30", "11-20 14:30" or "14:30" (that day: the date of
 * `now`) in the shop's time zone, to Unix seconds; and back. */
gboolean    wx_visit_parse_time        (const char    *text,
                                        gint64         now,
                                        gint64        *out,
                                        GError       **error);
char       *wx_visit_format_time       (gint64         at);
/* The shop's time zone (Asia/Shanghai). */
GTimeZone  *wx_visit_zone              (void);

G_END_DECLS

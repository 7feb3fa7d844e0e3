/* wx-callback.h — the supervisor's feedback work (seed 000 维修部主管 操作细则:
 * 客户回访工作, 用户反馈的处理, 管理升级问题; domain.md section 9): what a
 * callback (回访) records and its checks, the five steps of the complaint
 * procedure (投诉处理程序) and the resolution of an escalation. Each check
 * names the field at fault and says what is wrong in one sentence. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lists (data/sql/013_callbacks.sql says which orders or calls each
 * holds) are the codes of WX_CODE_CALLBACK_KIND (wx-codes.h). */

/* Which part of the service the customer found weak (several may apply). */
typedef enum /*< flags >*/ {
  WX_WEAK_NONE        = 0,
  WX_WEAK_RESPONSE    = 1 << 0,   /* 响应时间 */
  WX_WEAK_REPAIR_TIME = 1 << 1,   /* 维修周期 */
  WX_WEAK_ATTITUDE    = 1 << 2,   /* 服务态度和技术 */
  WX_WEAK_QUOTE_SPEED = 1 << 3,   /* 报价的及时性 */
} WxWeakPoints;

#define WX_N_WEAK_POINTS 4
/* The n-th weak point's flag and translated label. */
WxWeakPoints wx_weak_point_nth   (guint         n);
const char  *wx_weak_point_label (WxWeakPoints  point);

/* Yes / no / not asked. */
typedef enum {
  WX_ANSWER_UNKNOWN,
  WX_ANSWER_YES,
  WX_ANSWER_NO,
} WxAnswer;

/* What a "not working" answer opens. */
typedef enum {
  WX_FOLLOW_UP_NONE,
  WX_FOLLOW_UP_RETURN_REPAIR,    /* a new order, a return repair (返修) of the callback's order */
  WX_FOLLOW_UP_COMPLAINT,        /* a complaint of the customer, about the order */
} WxFollowUp;

typedef struct {
  gint64        callback_id;
  gboolean      reached;            /* somebody answered and had a minute */
  gint64        call_again_at;      /* not reached: when to call again, Unix seconds */
  WxAnswer      machine_working;
  WxWeakPoints  weak;
  WxAnswer      engineer_explained; /* did the engineer explain after the repair (3 minutes) */
  int           satisfaction;       /* 1–5 */
  const char   *comments;
  WxFollowUp    follow_up;
  const char   *follow_up_note;     /* what the customer says is wrong; "" = the comments */
} WxCallbackAnswer;

/* The time to call again is at most this many days ahead. */
#define WX_CALLBACK_AGAIN_MAX_DAYS 90

/* Not reached: a time to call again after `now` (Unix seconds) and at most
 * WX_CALLBACK_AGAIN_MAX_DAYS ahead, nothing else. Reached: whether the machine works, a satisfaction 1–5, comments of
 * at most 2,000 characters; a machine not working needs a follow-up, and a
 * follow-up needs a machine not working; a return repair needs an order
 * (`has_order`), a complaint a customer (`has_customer`), and either a note
 * or comments saying what is wrong. Fields: reached, call_again_at,
 * machine_working, satisfaction, comments, follow_up, follow_up_note. */
gboolean wx_callback_answer_check (const WxCallbackAnswer *answer,
                                   gint64                  now,
                                   gboolean                has_order,
                                   gboolean                has_customer,
                                   const char            **field,
                                   GError                **error);

/* ------------------------------------------------------------ complaints */

/* The seed's procedure (处理投诉程序), steps 1–5. */
#define WX_COMPLAINT_N_STEPS 5
/* The translated name of step `step` (1–5); "" otherwise. */
const char *wx_complaint_step_label (guint step);
/* A hint for what to note at that step. */
const char *wx_complaint_step_hint  (guint step);

/* A new complaint: what happened (1–2,000 characters), about an order or a
 * customer (`has_subject`). Fields: description, order. */
gboolean wx_complaint_new_check   (const char  *description,
                                   gboolean     has_subject,
                                   const char **field,
                                   GError     **error);
/* Step `step` of a complaint whose steps 1..`steps_done` are recorded: the
 * next one only, while open, with a note of at most 2,000 characters
 * (required); `escalated` only at step 3. Fields: step, note, escalated. */
gboolean wx_complaint_step_check  (guint        steps_done,
                                   gboolean     closed,
                                   guint        step,
                                   const char  *note,
                                   gboolean     escalated,
                                   const char **field,
                                   GError     **error);
/* Closing: open, with the outcome (1–2,000 characters), after the fifth
 * step — or, `steps_done` being fewer, with the reason for closing early
 * (1–2,000 characters; only a supervisor closes). Fields: outcome,
 * early_reason. */
gboolean wx_complaint_close_check (gboolean     closed,
                                   guint        steps_done,
                                   const char  *outcome,
                                   const char  *early_reason,
                                   const char **field,
                                   GError     **error);

/* ------------------------------------------------------------ escalations */

/* How an escalation was resolved (1–2,000 characters). Field: resolution. */
gboolean wx_escalation_resolution_check (const char  *resolution,
                                         const char **field,
                                         GError     **error);

G_END_DECLS

/* wx-db-detail.h — one service order as its detail view shows it, the
 * digital twin of the paper form: every field of the form with its label
 * and display text, the accessories and quote lines, the event timeline
 * (who, when, what), the eleven clocks with their due times, and the calls
 * logged for it. Blocking: call from a worker thread; a fixed number of
 * statements whatever the order holds. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-sla.h"
#include "core/wx-types.h"
#include "wx-db-document.h"
#include "wx-db-money.h"
#include "wx-db-review.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* The sections of the form, in the order it is filled (domain.md section 2). */
typedef enum {
  WX_DETAIL_INTAKE,
  WX_DETAIL_MACHINE,
  WX_DETAIL_INSPECTION,    /* dispatch and inspection, peer shop */
  WX_DETAIL_QUOTE,
  WX_DETAIL_DECISION,
  WX_DETAIL_REPAIR,
  WX_DETAIL_PICKUP,        /* completion, notice and pickup */
  WX_DETAIL_CLOSING,
} WxDetailSection;

#define WX_N_DETAIL_SECTIONS (WX_DETAIL_CLOSING + 1)

const char *wx_detail_section_label (WxDetailSection section);

typedef struct {
  WxDetailSection  section;
  const char      *key;        /* stable name, mostly the order's column: "unit_name", "quote_total"… */
  const char      *label;      /* translated */
  char            *value;      /* display text: codes translated, times YYYY-MM-DD HH:MM in the shop's
                                  time zone, money as ¥1,234.56; "" when empty */
} WxDetailField;

typedef struct {
  gint64        id;
  gint64        at;            /* Unix seconds */
  char         *at_text;       /* YYYY-MM-DD HH:MM in the shop's time zone */
  char         *actor;         /* login */
  char         *actor_name;    /* full name, else the login */
  char         *event;         /* code */
  const char   *event_label;   /* translated (wx_workflow_event_label) */
  int           from;          /* WxOrderState, or -1 for none */
  int           to;            /* WxOrderState, or -1 for none */
  char         *details;       /* the event's data as a short text ("Engineer: 李强; Reason: …"), "" when none */
} WxDetailEvent;

typedef struct {
  WxClock       clock;
  const char   *label;         /* translated */
  WxClockState  state;
  const char   *status_label;  /* translated */
  char         *started;       /* YYYY-MM-DD HH:MM, "" when not started */
  char         *due_target;    /* "" when not started */
  char         *due_limit;
  char         *stopped;       /* "" while running */
} WxDetailClock;

/* A message to the customer about the order (022_messages.sql). */
typedef struct {
  gint64        id;
  char         *at_text;       /* when it was queued, YYYY-MM-DD HH:MM in the shop's time zone */
  char         *text;          /* "Visit booked · SMS → 13812345678: sent", translated; with the reason when not */
  gboolean      attention;     /* failed or unknown: someone has to look */
} WxDetailMessage;

typedef struct {
  gint64         id;
  char          *number;
  int            version;
  WxOrderKind    kind;
  WxOrderState   state;
  WxDbDocument  *document;     /* the form's fields as read; its accessories (name, returned) and quote lines */
  GArray        *fields;       /* WxDetailField, section by section in the form's order */
  GArray        *events;       /* WxDetailEvent, oldest first */
  WxDetailClock  clocks[WX_N_CLOCKS];
  GPtrArray     *calls;        /* WxCall (wx-db-calls.h), oldest first */
  GArray        *messages;     /* WxDetailMessage, oldest first */
  GPtrArray     *payments;     /* WxPayment (wx-db-money.h): payments, refunds, write-offs, oldest first */
  WxMoney        balance;      /* wx_order_balance now */
  WxMoney        prepaid;      /* the customer's prepayment now */
  WxReviewOpenReturn *open_return; /* the supervisor's return standing on it, else NULL */
} WxOrderDetail;

void           wx_order_detail_free  (WxOrderDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxOrderDetail, wx_order_detail_free)

/* The field `key` of the detail, or NULL. */
const WxDetailField *wx_order_detail_field (const WxOrderDetail *detail,
                                            const char          *key);

/* Order `number` with its clocks as of `now` (Unix seconds); NULL with
 * WX_DB_ERROR_NOT_FOUND when there is no such order. */
WxOrderDetail *wx_db_order_detail_load (PGconn      *conn,
                                        const char  *number,
                                        gint64       now,
                                        GError     **error);

/* wx_db_order_detail_load on the worker. */
void           wx_db_order_detail_load_async  (WxDbWorker          *worker,
                                               const char          *number,
                                               gint64               now,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WxOrderDetail *wx_db_order_detail_load_finish (WxDbWorker          *worker,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS

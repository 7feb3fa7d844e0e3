/* wx-db-calls.h — the front desk's call log (工作日记本) and the pickup
 * notices still to make (seed 000 通知用户取机: every attempt logged; when
 * nobody answered, the order is called again the next day until someone
 * is reached). Blocking: call from a worker thread. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-call.h"
#include "core/wx-types.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* One call as logged. Codes as in WxCallRecord; strings are never NULL. */
typedef struct {
  gint64    id;
  gint64    at;                  /* Unix seconds */
  char     *at_text;             /* YYYY-MM-DD HH:MM in the shop's time zone */
  char     *direction;
  char     *purpose;
  gint64    customer_id;         /* 0 = none */
  gint64    order_id;            /* 0 = none */
  char     *order_number;        /* "" when none */
  char     *unit_name;           /* the order's unit, else the customer's, else "" */
  char     *contact;
  char     *phone;
  char     *machine;
  char     *subject;
  char     *result;
  gboolean  reached;
  char     *answered_by;
  char     *relayed_to;
  gint64    promised_reply_at;   /* 0 = none */
  guint     attempt;             /* 1 for the first call of its order and purpose, 2 for the next… */
  char     *actor;               /* who logged it: login */
  char     *actor_name;          /* and full name */
} WxCall;

void       wx_call_free          (WxCall              *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCall, wx_call_free)

/* Checks `call` (wx_call_record_check) and logs it, in one transaction:
 * its attempt is the number of calls already logged for the same order and
 * purpose plus one; the customer is the order's when not given. */
gboolean   wx_db_call_log        (PGconn              *conn,
                                  const WxCallRecord  *call,
                                  gint64              *call_id,
                                  GError             **error);
/* A pickup notice for the order `order_id` that nobody answered, to the
 * order's contact and number: logged with its attempt; the order comes back
 * on the list the next day. */
gboolean   wx_db_notify_no_answer (PGconn             *conn,
                                  gint64              order_id,
                                  gint64             *call_id,
                                  GError            **error);

/* The same from the main context, on `worker`. */
void       wx_db_notify_no_answer_async  (WxDbWorker          *worker,
                                          gint64               order_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   wx_db_notify_no_answer_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);

/* The call as wx_call_log reads it (a JSON object; NULL and 0 left out). */
char      *wx_db_call_json       (const WxCallRecord  *call);
/* wx_call_log with `form` as it is, without core's check first. */
gboolean   wx_db_call_submit     (PGconn              *conn,
                                  const char          *form,
                                  gint64              *call_id,
                                  GError             **error);
/* The same inside the caller's transaction (a step that logs its call). */
gboolean   wx_db_call_insert     (PGconn              *conn,
                                  const WxCallRecord  *call,
                                  gint64              *call_id,
                                  GError             **error);
/* The calls made from `from` up to, not including, `to` (Unix seconds), in
 * time order: a GPtrArray of WxCall. */
GPtrArray *wx_db_calls_list      (PGconn              *conn,
                                  gint64               from,
                                  gint64               to,
                                  GError             **error);
/* The calls of one order, in time order. */
GPtrArray *wx_db_calls_of_order  (PGconn              *conn,
                                  gint64               order_id,
                                  GError             **error);

/* An order to notify for pickup. */
typedef struct {
  gint64        id;
  char         *number;
  int           version;
  WxOrderState  state;           /* repaired or declined */
  char         *unit_name;
  char         *contact;
  char         *phone;           /* mobile, else landline */
  char         *end_user;        /* "" when the contact is the user */
  char         *end_user_phone;
  char         *product;
  char         *model;
  gint64        ready_at;        /* when it became repaired or declined */
  guint         attempts;        /* pickup notices tried so far, none reached */
  gint64        last_attempt_at; /* 0 when none */
} WxNotifyPending;

void       wx_notify_pending_free (WxNotifyPending    *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxNotifyPending, wx_notify_pending_free)

/* Orders repaired or declined that no pickup notice has reached yet, but
 * for those tried without an answer earlier on the shop's day of `now`:
 * they come back the next day. Longest waiting first: a GPtrArray of
 * WxNotifyPending. */
GPtrArray *wx_db_notify_pending  (PGconn              *conn,
                                  gint64               now,
                                  GError             **error);

/* wx_db_call_log on the worker (`call` and its strings are copied); with
 * `order_number` not NULL nor "", the call is about that order (its id
 * looked up; WX_DB_ERROR_NOT_FOUND when there is none). The finish gives
 * the call's id, 0 with `error`. */
void       wx_db_call_log_async  (WxDbWorker          *worker,
                                  const WxCallRecord  *call,
                                  const char          *order_number,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gint64     wx_db_call_log_finish (WxDbWorker          *worker,
                                  GAsyncResult        *result,
                                  GError             **error);

/* The call log's day, `days` from today (0 today, -1 yesterday) in the
 * shop's time zone (setting `timezone`, whatever the PC's): its calls
 * (wx_db_calls_list) and the pickup notices pending at `now`
 * (wx_db_notify_pending), in one job. */
typedef struct {
  GPtrArray *calls;
  GPtrArray *pending;
  GTimeZone *zone;        /* the shop's, for the times shown */
  gint64     day_start;   /* the day's local midnight, Unix seconds */
} WxDbCallDay;

void         wx_db_call_day_free   (WxDbCallDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbCallDay, wx_db_call_day_free)
void         wx_db_call_day_async  (WxDbWorker          *worker,
                                    int                  days,
                                    gint64               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
WxDbCallDay *wx_db_call_day_finish (WxDbWorker          *worker,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS

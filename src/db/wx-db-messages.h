/* wx-db-messages.h — the outbox of messages to customers and their
 * templates (022_messages.sql, 027_messages.sql) as the supervisor's
 * Messages and Message Templates pages and the order panel read and write
 * them: every write is one of functions/messages.sql. */
#pragma once

#include <glib.h>

#include "wx-db-pq.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* The translated word for a message's kind, channel or state code
 * ("ready" → "Machine ready", "sms" → "SMS", "unknown" → "result unknown"). */
const char *wx_db_message_word (const char *code);

typedef struct {
  gint64    id;
  char     *order_number;    /* "" for none */
  char     *unit_name;
  char     *kind;            /* codes: wx_db_message_word */
  char     *channel;
  char     *state;
  char     *recipient;
  char     *recipient_name;
  char     *subject;
  char     *body;
  char     *last_error;
  char     *provider_id;
  char     *at_text;         /* queued, YYYY-MM-DD HH:MM shop time */
  char     *sent_text;       /* "" when not sent */
  char     *claimed_by;
  int       attempts;
} WxMessage;

void       wx_message_free          (WxMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxMessage, wx_message_free)

/* The filters of the Messages page: "attention" (failed and unknown),
 * "queued" (and being sent), "sent", "failed", "unknown", "all". */
extern const char *const wx_db_message_filters[];

/* The latest 500 messages in state `filter`, newest first: a GPtrArray of
 * WxMessage. */
GPtrArray *wx_db_messages_list      (PGconn      *conn,
                                     const char  *filter,
                                     GError     **error);
/* How many messages of the last 7 days were given up (failed for good or
 * after the last retry, not settled by hand): never sent again unless
 * someone resends them. -1 on error. */
int        wx_db_messages_given_up  (PGconn      *conn,
                                     GError     **error);
/* wx_message_resend: a failed, unknown or sent message goes out again. */
gboolean   wx_db_message_resend     (PGconn      *conn,
                                     gint64       id,
                                     GError     **error);
/* wx_message_settle: an unknown message was sent (or not). */
gboolean   wx_db_message_settle     (PGconn      *conn,
                                     gint64       id,
                                     gboolean     sent,
                                     GError     **error);

/* ------------------------------------------------------------ templates */

typedef struct {
  char *kind;
  char *channel;         /* sms, email */
  char *lang;            /* zh_CN, en */
  char *subject;
  char *body;
  char *template_code;
  char *sign_name;
} WxMessageTemplate;

void               wx_message_template_free (WxMessageTemplate *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxMessageTemplate, wx_message_template_free)

/* Every template, by kind (in the order of a repair), channel, language:
 * a GPtrArray of WxMessageTemplate. */
GPtrArray *wx_db_message_templates  (PGconn                  *conn,
                                     GError                 **error);
/* wx_message_template_set; a refused template is an INVALID sentence
 * naming the field. */
gboolean   wx_db_message_template_set (PGconn                *conn,
                                     const WxMessageTemplate *t,
                                     GError                 **error);

typedef struct {
  char *order_number;   /* "" when there is no order yet */
  char *subject;
  char *body;
  char *unknown;        /* the first unknown placeholder, "" for none */
  int   chars;          /* SMS: signature and text as the provider counts them; 0 for e-mail */
  int   segments;       /* SMS: messages of 70 characters, 67 each beyond */
  char *placeholders;   /* the placeholders known, "{单号} {number}  {联系人} {contact} …" */
} WxMessagePreview;

void              wx_message_preview_free (WxMessagePreview *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxMessagePreview, wx_message_preview_free)

/* wx_message_preview: template `t` filled from a real order. */
WxMessagePreview *wx_db_message_preview (PGconn                  *conn,
                                         const WxMessageTemplate *t,
                                         GError                 **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_messages_list (`filter` copied): a GPtrArray of WxMessage. */
void       wx_db_messages_list_async   (WxDbWorker          *worker,
                                        const char          *filter,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *wx_db_messages_list_finish  (WxDbWorker          *worker,
                                        GAsyncResult        *result,
                                        GError             **error);
/* wx_db_messages_given_up on the worker; -1 on error. */
void       wx_db_messages_given_up_async  (WxDbWorker          *worker,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
int        wx_db_messages_given_up_finish (WxDbWorker          *worker,
                                           GAsyncResult        *result,
                                           GError             **error);
/* wx_db_message_resend; ends with wx_db_worker_write_finish. */
void       wx_db_message_resend_async  (WxDbWorker          *worker,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* wx_db_message_settle; ends with wx_db_worker_write_finish. */
void       wx_db_message_settle_async  (WxDbWorker          *worker,
                                        gint64               id,
                                        gboolean             sent,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* wx_db_message_templates: a GPtrArray of WxMessageTemplate. */
void       wx_db_message_templates_async  (WxDbWorker          *worker,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *wx_db_message_templates_finish (WxDbWorker          *worker,
                                           GAsyncResult        *result,
                                           GError             **error);
/* wx_db_message_template_set (`t` copied); ends with wx_db_worker_write_finish. */
void       wx_db_message_template_set_async (WxDbWorker              *worker,
                                             const WxMessageTemplate *t,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
/* wx_db_message_preview (`t` copied). */
void              wx_db_message_preview_async  (WxDbWorker              *worker,
                                                const WxMessageTemplate *t,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
WxMessagePreview *wx_db_message_preview_finish (WxDbWorker              *worker,
                                                GAsyncResult            *result,
                                                GError                 **error);

G_END_DECLS

/* wx-messages-send.h — the sender of the outbox (issue 17, table
 * messages of 022_messages.sql): e-mail over SMTP and SMS through Alibaba
 * Cloud SMS or Tencent Cloud SMS (SendSms), all with libcurl. `weixiu-admin messages send`
 * and `weixiu-admin jobs run` call wx_messages_send_due. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct {
  guint sent;      /* accepted by the server or the provider */
  guint retried;   /* failed before anything went out: queued again after a backoff */
  guint failed;    /* refused for good, or given up after messages.max_attempts */
  guint unknown;   /* the result is not known: left for a human, never resent */
} WxMessagesSendStats;

/* Sends the messages due now, at most `max` of them (0: all), on `conn`
 * (the owner's or an admin's connection, in autocommit). Each message is
 * claimed (wx_messages_claim: committed as "sending" before it goes out,
 * FOR UPDATE SKIP LOCKED so that several senders share the work), sent,
 * and its result recorded (wx_message_result) for the key it was claimed
 * with. A sender that stops between sending and recording leaves the row
 * "sending": it becomes "unknown" and is never sent again by itself.
 * `sender` names this sender in the rows (host and process). Adds to
 * `stats` when given. FALSE with `error` only when the database fails. */
gboolean wx_messages_send_due (PGconn              *conn,
                               const char          *sender,
                               guint                max,
                               WxMessagesSendStats *stats,
                               GError             **error);

/* The parts of the protocols, for the tests and the bench. */

/* `text` as RFC 2047 encoded words (UTF-8, base64), folded. */
char    *wx_messages_mime_header_word (const char *text);

/* Alibaba Cloud's percent-encoding of the RPC signature (RFC 3986: all
 * but A–Z a–z 0–9 - _ . ~). */
char    *wx_messages_percent_encode   (const char *text);

/* Sends the complete `mail` (CRLF line ends) to `rcpt` over SMTP at
 * `url`, without TLS or login: the bench's limit for the sender. */
gboolean wx_messages_smtp_send_plain  (const char *url,
                                       const char *rcpt,
                                       const char *mail);

/* Tencent Cloud's Authorization header value (TC3-HMAC-SHA256) for a
 * POST of JSON `payload` to "/" on `host` with the signed headers
 * content-type, host and x-tc-action, service "sms", at `timestamp`
 * (Unix seconds, whose UTC date is in the scope). */
char    *wx_messages_tc3_authorization (const char *secret_id,
                                        const char *secret_key,
                                        const char *host,
                                        const char *action,
                                        gint64      timestamp,
                                        const char *payload);

G_END_DECLS

/* Messages to customers (issue 17) against a real database, a real SMTP
 * server (aiosmtpd) and a local HTTP server that checks Alibaba Cloud's
 * SendSms request as the provider documents it, signature recomputed in
 * Python from the documented algorithm (tests/db/messages-servers.py).
 * Steps taken as staff logins write the outbox in their own transaction
 * (a rolled-back step writes nothing); `weixiu-admin messages send`
 * delivers each message once: the visit booked (SMS and e-mail, with the
 * engineer's name and phone and the backup reminder, reminders queued for
 * later), the quote by e-mail with its PDF, "ready" at notify. A sender
 * that stopped between sending and recording is never repeated blindly;
 * an SMTP server down means a retry after a backoff, delivered once; a
 * provider's error is kept with its message; STARTTLS with a test
 * certificate. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "db/wx-db.h"
#include "db/wx-db-detail.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

static char *conninfo;
static char *coordinator;
static char *engineer;
static char *outdir;
static GPid servers_pid;
static int smtp_port, http_port;

static char *
value (PGconn *conn, const char *sql, const char *a, const char *b)
{
  const char *params[] = { a, b };
  g_autoptr(GError) error = NULL;
  char *v = wx_db_query_value (conn, sql, b ? 2 : a ? 1 : 0, params, &error);

  g_assert_no_error (error);
  return v ? v : g_strdup ("");
}

static gint64
count (PGconn *conn, const char *sql, const char *a, const char *b)
{
  g_autofree char *v = value (conn, sql, a, b);
  return g_ascii_strtoll (v, NULL, 10);
}

static void
set_role (PGconn *conn, const char *role)
{
  g_autofree char *sql = g_strdup_printf ("SET ROLE %s", role ? role : "NONE");
  wx_test_db_exec (conn, sql);
}

/* An order placed by the owner in `state`; returns its number. */
static char *
order_in (PGconn *conn, const char *kind, const char *state, const char *mobile, const char *mail,
          const char *customer)
{
  const char *params[] = { kind, state, mobile, mail, engineer, customer ? customer : "1" };
  g_autoptr(GError) error = NULL;
  char *number = wx_db_query_value (conn,
    "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person, contact_mobile,"
    "                            contact_phone, contact_email, product_name, model, reported_fault, engineer, dispatched_at)"
    " VALUES ($1, $2, $6::bigint, '广州大学', '广州市番禺区大学城外环西路230号', '李明', $3, '020-87654321', $4,"
    "         '激光打印机', 'M404dn', '卡纸', $5, now()) RETURNING number", 6, params, &error);

  g_assert_no_error (error);
  return number;
}

/* Takes `event` with `payload` as `role`; returns the SQLSTATE or "". */
static char *
step (PGconn *conn, const char *role, const char *number, const char *event, const char *payload)
{
  g_autofree char *version = value (conn, "SELECT version FROM service_orders WHERE number = $1", number, NULL);
  const char *params[] = { number, version, event, payload };
  char *state;

  set_role (conn, role);
  state = wx_test_db_sqlstate (conn, "SELECT wx_transition($1, $2::integer, $3, $4::jsonb)", 4, params);
  set_role (conn, NULL);
  return state;
}

#define assert_step(conn, role, number, event, payload) \
  G_STMT_START { \
    g_autofree char *s_ = step (conn, role, number, event, payload); \
    g_assert_cmpstr (s_, ==, "00000"); \
  } G_STMT_END

static void
send_messages (void)
{
  g_auto(WxTestRun) r = { 0 };

  wx_test_admin (&r, NULL, NULL, "--db", conninfo, "messages", "send", "--once", NULL);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
}

/* The files the servers wrote: mail-N.json, sms-N.json. */
static guint
received (const char *kind)
{
  g_autoptr(GDir) dir = g_dir_open (outdir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("%s-", kind);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      n++;
  return n;
}

static JsonObject *
received_file (const char *kind, guint n, JsonParser *parser)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%u.json", outdir, kind, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The received e-mail whose subject ends with `number`, or NULL. */
static JsonObject *
mail_about (const char *number, const char *kind_word, JsonParser *parser, guint *found)
{
  JsonObject *hit = NULL;

  *found = 0;
  for (guint i = 1; i <= received ("mail"); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/mail-%u.json", outdir, i);
      g_autoptr(JsonParser) p = json_parser_new ();
      const char *subject;

      g_assert_true (json_parser_load_from_file (p, path, NULL));
      subject = json_object_get_string_member (json_node_get_object (json_parser_get_root (p)), "subject");
      if (g_str_has_suffix (subject, number) && strstr (subject, kind_word))
        {
          (*found)++;
          g_assert_true (json_parser_load_from_file (parser, path, NULL));
          hit = json_node_get_object (json_parser_get_root (parser));
        }
    }
  return hit;
}

/* ------------------------------------------------------------ the visit */

static void
test_visit_booked (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "on_site", "onsite_dispatched", "138 1234 5678", "liming@example.com", NULL);
  g_autofree char *at = value (conn, "SELECT to_char(now() + interval '2 days', 'YYYY-MM-DD\"T\"HH24:MI:SSOF')", NULL, NULL);
  g_autofree char *payload = g_strdup_printf ("{\"appointment_at\": \"%s\", \"reason\": \"用户要求的时间\"}", at);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) tp = json_parser_new ();
  guint sms_before = received ("sms");
  guint found = 0;
  JsonObject *mail, *sms, *params, *template_param;
  g_autofree char *key = NULL;

  assert_step (conn, engineer, number, "book_visit", payload);
  /* in the step's transaction: the message now, the two reminders for later */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'visit_booked' AND m.state = 'queued'", number, NULL), ==, 2);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind IN ('visit_reminder_evening', 'visit_reminder_hour')"
                                "   AND m.state = 'queued' AND m.due_at > now() + interval '20 hours'", number, NULL), ==, 2);

  send_messages ();

  /* the SMS, as Alibaba Cloud documents SendSms */
  g_assert_cmpuint (received ("sms"), ==, sms_before + 1);
  sms = received_file ("sms", sms_before + 1, parser);
  g_test_message ("SMS request body: %s", json_object_get_string_member (sms, "body"));
  g_assert_true (json_object_get_boolean_member (sms, "signature_ok"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sms, "missing")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (sms, "content_type"), ==, "application/x-www-form-urlencoded");
  params = json_object_get_object_member (sms, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "Action"), ==, "SendSms");
  g_assert_cmpstr (json_object_get_string_member (params, "Version"), ==, "2017-05-25");
  g_assert_cmpstr (json_object_get_string_member (params, "PhoneNumbers"), ==, "13812345678");
  g_assert_cmpstr (json_object_get_string_member (params, "SignName"), ==, "维修中心");
  g_assert_cmpstr (json_object_get_string_member (params, "TemplateCode"), ==, "SMS_000000001");
  g_assert_cmpstr (json_object_get_string_member (params, "AccessKeyId"), ==, "LTAItestkey");
  g_assert_true (json_parser_load_from_data (tp, json_object_get_string_member (params, "TemplateParam"), -1, NULL));
  template_param = json_node_get_object (json_parser_get_root (tp));
  g_assert_cmpstr (json_object_get_string_member (template_param, "engineer"), ==, "测试工程师");
  g_assert_cmpstr (json_object_get_string_member (template_param, "engineer_phone"), ==, "13900001111");
  g_assert_cmpstr (json_object_get_string_member (template_param, "number"), ==, number);
  key = value (conn, "SELECT m.idempotency_key FROM messages m JOIN service_orders o ON o.id = m.order_id"
                     " WHERE o.number = $1 AND m.kind = 'visit_booked' AND m.channel = 'sms'", number, NULL);
  g_assert_cmpstr (json_object_get_string_member (params, "OutId"), ==, key);

  /* the e-mail: Chinese subject (RFC 2047), the engineer and the reminder */
  mail = mail_about (number, "上门维修预约", parser, &found);
  g_assert_cmpuint (found, ==, 1);
  g_test_message ("From: %s / To: %s / Subject: %s (%s) / Message-ID: %s / Date: %s",
                  json_object_get_string_member (mail, "from"), json_object_get_string_member (mail, "to"),
                  json_object_get_string_member (mail, "subject"), json_object_get_string_member (mail, "subject_raw"),
                  json_object_get_string_member (mail, "message_id"), json_object_get_string_member (mail, "date"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (mail, "subject_raw"), "=?UTF-8?B?"));
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "body"), "测试工程师"));
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "body"), "13900001111"));
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "body"), "备份"));
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "to"), "liming@example.com"));
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "to"), "李明"));

  /* recorded as sent with the provider's ids; a second run sends nothing */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'visit_booked' AND m.state = 'sent'"
                                "   AND m.provider_id = CASE m.channel WHEN 'sms' THEN 'biz-' || m.idempotency_key"
                                "                       ELSE '<' || m.idempotency_key || '@example.com>' END",
                       number, NULL), ==, 2);
  {
    guint mails = received ("mail"), smses = received ("sms");

    send_messages ();
    g_assert_cmpuint (received ("mail"), ==, mails);
    g_assert_cmpuint (received ("sms"), ==, smses);
  }

  /* the order panel lists them with their state */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WxOrderDetail) d = wx_db_order_detail_load (conn, number, g_get_real_time () / G_USEC_PER_SEC, &error);
    gboolean seen_sms = FALSE, seen_mail = FALSE;

    g_assert_no_error (error);
    g_assert_cmpuint (d->messages->len, ==, 4);
    for (guint i = 0; i < d->messages->len; i++)
      {
        const WxDetailMessage *m = &g_array_index (d->messages, WxDetailMessage, i);

        g_test_message ("panel: %s %s", m->at_text, m->text);
        seen_sms |= g_str_equal (m->text, "Visit booked · SMS → 13812345678: sent");
        seen_mail |= g_str_equal (m->text, "Visit booked · E-mail → liming@example.com: sent");
        g_assert_false (m->attention);
      }
    g_assert_true (seen_sms && seen_mail);
  }

  /* running late: the reminders of the old time are cancelled, the new time told */
  {
    g_autofree char *later = value (conn, "SELECT to_char(now() + interval '2 days 1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SSOF')", NULL, NULL);
    g_autofree char *late = g_strdup_printf ("{\"appointment_at\": \"%s\", \"reason\": \"堵车\"}", later);

    assert_step (conn, engineer, number, "running_late", late);
    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                  " WHERE o.number = $1 AND m.kind LIKE 'visit_reminder%' AND m.state = 'cancelled'",
                         number, NULL), ==, 2);
    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                  " WHERE o.number = $1 AND m.kind LIKE 'visit_reminder%' AND m.state = 'queued'",
                         number, NULL), ==, 2);
    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                  " WHERE o.number = $1 AND m.kind = 'running_late' AND m.channel = 'sms'"
                                  "   AND m.body LIKE '%' || to_char(o.appointment_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') || '%'",
                         number, NULL), ==, 1);
  }
}

/* A step that is rolled back leaves no message. */
static void
test_rolled_back (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "on_site", "onsite_dispatched", "13812345678", "liming@example.com", NULL);
  g_autofree char *at = value (conn, "SELECT to_char(now() + interval '3 hours', 'YYYY-MM-DD\"T\"HH24:MI:SSOF')", NULL, NULL);
  g_autofree char *payload = g_strdup_printf ("{\"appointment_at\": \"%s\", \"reason\": \"用户要求的时间\"}", at);

  wx_test_db_exec (conn, "BEGIN");
  assert_step (conn, engineer, number, "book_visit", payload);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1", number, NULL), >, 0);
  wx_test_db_exec (conn, "ROLLBACK");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1", number, NULL), ==, 0);
}

/* ------------------------------------------------------------ the quote */

static void
test_quote_email (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "inspected", "13812345678", "liming@example.com", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *argv_path = NULL;
  guint found = 0;
  JsonObject *mail, *attachment;
  JsonArray *attachments;

  assert_step (conn, coordinator, number, "quote",
               "{\"quote_total\": \"12000\", \"quote_method\": \"email\", \"quote_told\": \"李明\","
               " \"records\": {\"quote_lines\": [{\"description\": \"定影组件\", \"quantity\": \"1\", \"unit_price\": \"12000\"}]}}");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'quote' AND m.channel = 'email'"
                                "   AND m.attachment = 'quote' AND m.body LIKE '%120.00%'", number, NULL), ==, 1);
  send_messages ();
  mail = mail_about (number, "维修报价单", parser, &found);
  g_assert_cmpuint (found, ==, 1);
  attachments = json_object_get_array_member (mail, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 1);
  attachment = json_array_get_object_element (attachments, 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "type"), ==, "application/pdf");
  {
    g_autofree char *name = g_strdup_printf ("quote-%s.pdf", number);
    g_autofree char *out = NULL;
    const char *argv[] = { "pdftotext", json_object_get_string_member (attachment, "path"), "-", NULL };
    int status = 0;

    g_assert_cmpstr (json_object_get_string_member (attachment, "filename"), ==, name);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, NULL));
    g_assert_nonnull (strstr (out, number));
    g_assert_nonnull (strstr (out, "定影组件"));
  }
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "body"), "120.00"));
}

/* ------------------------------------------------------------ faults */

/* A sender that stopped between sending and recording: its row stays
 * "sending", later "unknown", and is not sent again until someone resends
 * it; then it goes once. */
static void
test_stopped_sender_never_resends (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", "13812345678", "liming@example.com", NULL);
  g_autofree char *id = NULL;
  guint mails, smses;

  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();   /* nothing else waiting */
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'ready' AND m.state = 'sent'", number, NULL), ==, 2);

  /* a second notify: one of its messages is claimed by a sender that then dies */
  {
    const char *params[] = { number };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn, "UPDATE service_orders SET state = 'repaired' WHERE number = $1", 1, params, &error));
    g_assert_no_error (error);
  }
  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  id = value (conn, "SELECT id FROM wx_messages_claim('dead-sender')", NULL, NULL);
  g_assert_cmpstr (id, !=, "");
  mails = received ("mail");
  smses = received ("sms");
  send_messages ();
  /* the other one went; the claimed one did not */
  g_assert_cmpuint (received ("mail") + received ("sms"), ==, mails + smses + 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages WHERE id = $1 AND state = 'sending'", id, NULL), ==, 1);

  /* long after: unknown, still not sent */
  wx_test_db_exec (conn, "UPDATE messages SET claimed_at = now() - interval '20 minutes' WHERE state = 'sending'");
  send_messages ();
  g_assert_cmpuint (received ("mail") + received ("sms"), ==, mails + smses + 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages WHERE id = $1 AND state = 'unknown'"
                                "   AND last_error = 'sender_stopped'", id, NULL), ==, 1);

  /* the front desk resends it: once */
  {
    const char *params[] = { id };
    g_autofree char *state = NULL;

    set_role (conn, coordinator);
    state = wx_test_db_sqlstate (conn, "SELECT wx_message_resend($1::bigint)", 1, params);
    set_role (conn, NULL);
    g_assert_cmpstr (state, ==, "00000");
  }
  send_messages ();
  send_messages ();
  g_assert_cmpuint (received ("mail") + received ("sms"), ==, mails + smses + 2);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages WHERE id = $1 AND state = 'sent' AND attempts = 1"
                                "   AND resent_by IS NOT NULL", id, NULL), ==, 1);
}

/* The SMTP server down: queued again after a backoff, then delivered once. */
static void
test_smtp_down_retried (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", NULL, "liming@example.com", NULL);
  g_autofree char *good = value (conn, "SELECT value FROM settings WHERE key = 'messages.smtp.url'", NULL, NULL);
  guint found = 0;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *mail;
  g_autofree char *key = NULL;
  g_autofree char *mid = NULL;

  /* a port nobody listens on */
  wx_test_db_exec (conn, "UPDATE settings SET value = 'smtp://127.0.0.1:1' WHERE key = 'messages.smtp.url'");
  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'ready' AND m.state = 'queued' AND m.attempts = 1"
                                "   AND m.due_at > now() + interval '50 seconds' AND m.last_error LIKE 'SMTP%'",
                       number, NULL), ==, 1);
  /* not due yet: nothing happens */
  send_messages ();
  g_assert_cmpint (count (conn, "SELECT max(m.attempts) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1", number, NULL), ==, 1);

  {
    const char *params[] = { good };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn, "UPDATE settings SET value = $1 WHERE key = 'messages.smtp.url'", 1, params, &error));
    g_assert_no_error (error);
  }
  wx_test_db_exec (conn, "UPDATE messages SET due_at = now() WHERE state = 'queued' AND attempts > 0");
  send_messages ();
  mail = mail_about (number, "取机", parser, &found);
  g_assert_cmpuint (found, ==, 1);
  key = value (conn, "SELECT m.idempotency_key FROM messages m JOIN service_orders o ON o.id = m.order_id"
                     " WHERE o.number = $1 AND m.state = 'sent' AND m.attempts = 2", number, NULL);
  mid = g_strdup_printf ("<%s@example.com>", key);
  g_assert_cmpstr (json_object_get_string_member (mail, "message_id"), ==, mid);
  g_assert_nonnull (strstr (json_object_get_string_member (mail, "body"), "用户联"));
}

/* The provider refuses the number: failed, with its code and message. */
static void
test_provider_error (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", "13900000000", NULL, NULL);

  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.state = 'failed' AND m.attempts = 1"
                                "   AND m.last_error LIKE 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号'", number, NULL), ==, 1);
}

/* No SMS for a customer who asked for none; a landline is not texted. */
static void
test_opt_out_and_landline (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *customer = value (conn, "INSERT INTO customers (unit_name, no_sms) VALUES ('不要短信公司', true) RETURNING id", NULL, NULL);
  g_autofree char *quiet = order_in (conn, "carry_in", "repaired", "13812345678", "liming@example.com", customer);
  g_autofree char *landline = order_in (conn, "carry_in", "repaired", "020-87654321", NULL, NULL);

  assert_step (conn, coordinator, quiet, "notify", "{\"answered_by\": \"李明\"}");
  assert_step (conn, coordinator, landline, "notify", "{\"answered_by\": \"李明\"}");
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.channel = 'sms'", quiet, NULL), ==, 0);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.channel = 'email'", quiet, NULL), ==, 1);
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.channel = 'sms' AND m.state = 'failed'"
                                "   AND m.last_error = 'not_mobile'", landline, NULL), ==, 1);
  /* a kind turned off sends nothing */
  wx_test_db_exec (conn, "UPDATE settings SET value = 'off' WHERE key = 'messages.kind.ready'");
  {
    g_autofree char *off = order_in (conn, "carry_in", "repaired", "13812345678", "liming@example.com", NULL);

    assert_step (conn, coordinator, off, "notify", "{\"answered_by\": \"李明\"}");
    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                  " WHERE o.number = $1", off, NULL), ==, 0);
  }
  wx_test_db_exec (conn, "UPDATE settings SET value = 'on' WHERE key = 'messages.kind.ready'");
}

/* Templates: an unknown placeholder or an SMS over 5 segments is refused;
 * staff cannot read the secrets nor write the outbox. */
static void
test_templates_and_guard (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *bad = wx_test_db_sqlstate (conn,
    "SELECT wx_message_template_set('ready', 'sms', 'zh_CN', '', '您的设备{单号}已修好{未知}', 'SMS_1', '维修中心')", 0, NULL);
  g_autofree char *longer = NULL;
  g_autofree char *secrets = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *good = wx_test_db_sqlstate (conn,
    "SELECT wx_message_template_set('ready', 'sms', 'zh_CN', '', '您的设备（单号{单号}）已修好，请携带用户联取机。', 'SMS_000000007', '维修中心')", 0, NULL);

  g_assert_cmpstr (bad, ==, "WX400");
  g_assert_cmpstr (good, ==, "00000");
  longer = wx_test_db_sqlstate (conn,
    "SELECT wx_message_template_set('ready', 'sms', 'zh_CN', '', repeat('修', 400), 'SMS_1', '维修中心')", 0, NULL);
  g_assert_cmpstr (longer, ==, "WX400");
  {
    g_autofree char *kind = wx_test_db_sqlstate (conn,
      "SELECT wx_message_template_set('nope', 'sms', 'zh_CN', '', '您好', 'SMS_1', '维修中心')", 0, NULL);

    g_assert_cmpstr (kind, ==, "WX400");
  }
  set_role (conn, coordinator);
  secrets = wx_test_db_sqlstate (conn, "SELECT value FROM message_secrets", 0, NULL);
  insert = wx_test_db_sqlstate (conn, "INSERT INTO messages (kind, channel, recipient, body) VALUES ('ready', 'sms', '13812345678', 'x')", 0, NULL);
  set_role (conn, NULL);
  g_assert_cmpstr (secrets, ==, "42501");
  g_assert_cmpstr (insert, ==, "42501");
}

/* ------------------------------------------------------------ setup */

/* Starts messages-servers.py writing into `dir` (with STARTTLS from
 * `cert`/`key` when given); its ports in `smtp` and `http`. */
static GPid
start_servers (const char *dir, const char *cert, const char *key, int *smtp, int *http)
{
  const char *script = g_getenv ("WX_MESSAGES_SERVERS");
  const char *argv[] = { "/usr/bin/python3", script, dir, "test-secret", cert, key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  int out_fd, in_fd;
  GPid pid;

  g_assert_nonnull (script);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &pid,
                                           &in_fd, &out_fd, NULL, &error));
  /* in_fd stays open: the servers stop when this program ends, however */
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *line = NULL;

      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
      if (g_str_has_prefix (line, "smtp "))
        *smtp = atoi (line + 5);
      else if (g_str_has_prefix (line, "http "))
        *http = atoi (line + 5);
    }
  g_assert_cmpint (*smtp, >, 0);
  g_assert_cmpint (*http, >, 0);
  return pid;
}

/* STARTTLS required, the server's certificate checked against a test CA
 * (a self-signed certificate for 127.0.0.1 made here with openssl): the
 * e-mail arrives over TLS. */
static void
test_starttls (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *dir = g_build_filename (outdir, "tls", NULL);
  g_autofree char *cert = g_build_filename (outdir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (outdir, "key.pem", NULL);
  g_autofree char *saved = value (conn, "SELECT value FROM settings WHERE key = 'messages.smtp.url'", NULL, NULL);
  g_autofree char *url = NULL;
  g_autofree char *number = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", key, "-out", cert, NULL };
  int status = 0, smtp = 0, http = 0;
  GPid pid;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pid = start_servers (dir, cert, key, &smtp, &http);
  url = g_strdup_printf ("smtp://127.0.0.1:%d", smtp);
  {
    const char *params[] = { url, cert };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn,
      "UPDATE settings SET value = CASE key WHEN 'messages.smtp.url' THEN $1 WHEN 'messages.smtp.ca_file' THEN $2"
      "  ELSE 'required' END WHERE key IN ('messages.smtp.url', 'messages.smtp.ca_file', 'messages.smtp.starttls')",
      2, params, &error));
    g_assert_no_error (error);
  }
  number = order_in (conn, "carry_in", "repaired", NULL, "liming@example.com", NULL);
  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();
  summary = g_build_filename (dir, "mail-1.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, summary, NULL));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)), "tls"));
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.state = 'sent'", number, NULL), ==, 1);
  {
    const char *params[] = { saved };
    g_autoptr(GError) error = NULL;

    g_assert_true (wx_db_execute (conn,
      "UPDATE settings SET value = CASE key WHEN 'messages.smtp.url' THEN $1 WHEN 'messages.smtp.ca_file' THEN ''"
      "  ELSE 'off' END WHERE key IN ('messages.smtp.url', 'messages.smtp.ca_file', 'messages.smtp.starttls')",
      1, params, &error));
    g_assert_no_error (error);
  }
  kill (pid, SIGTERM);
  g_spawn_close_pid (pid);
}

/* ------------------------------------------------------------ Tencent Cloud SMS */

static void
set_setting (PGconn *conn, const char *key, const char *v)
{
  const char *params[] = { key, v };
  g_autoptr(GError) error = NULL;

  g_assert_true (wx_db_execute (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, params, &error));
  g_assert_no_error (error);
}

/* The last SMS request the HTTP server received. */
static JsonObject *
last_sms (JsonParser *parser)
{
  guint n = received ("sms");

  g_assert_cmpuint (n, >, 0);
  return received_file ("sms", n, parser);
}

/* "ready" through Tencent Cloud SMS: the request as Tencent documents it
 * (its TC3-HMAC-SHA256 signature recomputed by the test server), the
 * template's variables by position; the provider's refusal of a number is
 * kept with its message, not retried. */
static void
test_tencent_sms (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", "13812345678", NULL, NULL);
  g_autofree char *bad = order_in (conn, "carry_in", "repaired", "13900000000", NULL, NULL);
  g_autofree char *key = NULL;
  g_autofree char *phone = value (conn, "SELECT wx_setting('company.phone', '')", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *request = NULL;
  JsonObject *sms, *payload, *headers;
  JsonArray *list;

  wx_test_db_exec (conn, "UPDATE message_templates SET body = '您的设备（单号{单号}）已修好，请致电{电话}。'"
                         " WHERE kind = 'ready' AND channel = 'sms' AND lang = 'zh_CN'");
  set_setting (conn, "messages.sms.provider", "tencent");
  set_setting (conn, "messages.sms.sdk_app_id", "1400000001");
  set_setting (conn, "messages.sms.region", "ap-guangzhou");
  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  key = value (conn, "SELECT m.idempotency_key FROM messages m JOIN service_orders o ON o.id = m.order_id"
                     " WHERE o.number = $1 AND m.channel = 'sms'", number, NULL);
  send_messages ();
  sms = last_sms (parser);
  request = json_to_string (json_parser_get_root (parser), FALSE);
  g_test_message ("Tencent Cloud SMS request: %s", request);
  g_assert_cmpstr (json_object_get_string_member (sms, "provider"), ==, "tencent");
  g_assert_true (json_object_get_boolean_member (sms, "signature_ok"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sms, "missing")), ==, 0);
  headers = json_object_get_object_member (sms, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "X-TC-Action"), ==, "SendSms");
  g_assert_cmpstr (json_object_get_string_member (headers, "X-TC-Version"), ==, "2021-01-11");
  g_assert_cmpstr (json_object_get_string_member (headers, "X-TC-Region"), ==, "ap-guangzhou");
  payload = json_object_get_object_member (sms, "payload");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (payload, "PhoneNumberSet"), 0), ==,
                   "+8613812345678");
  g_assert_cmpstr (json_object_get_string_member (payload, "SmsSdkAppId"), ==, "1400000001");
  g_assert_cmpstr (json_object_get_string_member (payload, "TemplateId"), ==, "SMS_000000007");
  g_assert_cmpstr (json_object_get_string_member (payload, "SignName"), ==, "维修中心");
  g_assert_cmpstr (json_object_get_string_member (payload, "SessionContext"), ==, key);
  /* 您的设备（单号{单号}）已修好，请致电{电话}。 */
  list = json_object_get_array_member (payload, "TemplateParamSet");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (list, 0), ==, number);
  g_assert_cmpstr (json_array_get_string_element (list, 1), ==, phone);
  {
    g_autofree char *serial = g_strdup_printf ("serial-%s", key);

    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages WHERE idempotency_key = $1::uuid AND state = 'sent'"
                                  "   AND provider_id = $2", key, serial), ==, 1);
  }

  assert_step (conn, coordinator, bad, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.state = 'failed' AND m.attempts = 1"
                                "   AND m.last_error = 'InvalidParameterValue.IncorrectPhoneNumber: 手机号格式错误'",
                         bad, NULL), ==, 1);
  set_setting (conn, "messages.sms.provider", "aliyun");
}

/* ------------------------------------------------------------ webhook */

/* "ready" through the generic JSON gateway: the request the test server
 * checks (bearer token, every field with its type), the gateway's id kept;
 * its 4xx refusal kept as a sentence with its message, not retried. */
static void
test_webhook_sms (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", "13812345678", NULL, NULL);
  g_autofree char *bad = order_in (conn, "carry_in", "repaired", "13900000000", NULL, NULL);
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%d/webhook", http_port);
  g_autofree char *old_endpoint = value (conn, "SELECT wx_setting('messages.sms.endpoint')", NULL, NULL);
  g_autofree char *key = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *sms, *payload, *params;

  set_setting (conn, "messages.sms.provider", "webhook");
  set_setting (conn, "messages.sms.endpoint", endpoint);
  assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
  key = value (conn, "SELECT m.idempotency_key FROM messages m JOIN service_orders o ON o.id = m.order_id"
                     " WHERE o.number = $1 AND m.channel = 'sms'", number, NULL);
  body = value (conn, "SELECT m.body FROM messages m JOIN service_orders o ON o.id = m.order_id"
                      " WHERE o.number = $1 AND m.channel = 'sms'", number, NULL);
  send_messages ();
  sms = last_sms (parser);
  request = json_to_string (json_parser_get_root (parser), FALSE);
  g_test_message ("webhook SMS request: %s", request);
  g_assert_cmpstr (json_object_get_string_member (sms, "provider"), ==, "webhook");
  g_assert_true (json_object_get_boolean_member (sms, "token_ok"));
  g_assert_cmpstr (json_object_get_string_member (sms, "content_type"), ==, "application/json; charset=utf-8");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sms, "missing")), ==, 0);
  payload = json_object_get_object_member (sms, "payload");
  g_assert_cmpstr (json_object_get_string_member (payload, "phone"), ==, "13812345678");
  g_assert_cmpstr (json_object_get_string_member (payload, "text"), ==, body);
  g_assert_cmpstr (json_object_get_string_member (payload, "sign"), ==, "维修中心");
  g_assert_cmpstr (json_object_get_string_member (payload, "template_code"), ==, "SMS_000000007");
  g_assert_cmpstr (json_object_get_string_member (payload, "idempotency_key"), ==, key);
  params = json_object_get_object_member (payload, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "number"), ==, number);
  {
    g_autofree char *id = g_strdup_printf ("wh-%s", key);

    g_assert_cmpint (count (conn, "SELECT count(*) FROM messages WHERE idempotency_key = $1::uuid AND state = 'sent'"
                                  "   AND provider_id = $2", key, id), ==, 1);
  }

  assert_step (conn, coordinator, bad, "notify", "{\"answered_by\": \"李明\"}");
  send_messages ();
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.state = 'failed' AND m.attempts = 1"
                                "   AND m.last_error = 'The SMS gateway refused the message (HTTP 400): 号码不是手机号'",
                         bad, NULL), ==, 1);
  set_setting (conn, "messages.sms.endpoint", old_endpoint);
  set_setting (conn, "messages.sms.provider", "aliyun");
}

/* ------------------------------------------------------------ two senders */

/* Two `weixiu-admin messages send --once` at the same time over the same
 * due messages: each e-mail arrives once, every row is sent once. */
static void
test_two_senders (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *senders = NULL;
  const char *argv[] = { g_getenv ("WX_ADMIN"), "--db", conninfo, "messages", "send", "--once", NULL };

  for (int i = 0; i < 16; i++)
    {
      char *number = order_in (conn, "carry_in", "repaired", NULL, "twosenders@example.com", NULL);

      assert_step (conn, coordinator, number, "notify", "{\"answered_by\": \"李明\"}");
      g_ptr_array_add (numbers, number);
    }
  a = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  b = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (b, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      guint found = 0;

      mail_about (g_ptr_array_index (numbers, i), "已可取机", parser, &found);
      g_assert_cmpuint (found, ==, 1);
      g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                    " WHERE o.number = $1 AND m.state = 'sent' AND m.attempts = 1",
                              g_ptr_array_index (numbers, i), NULL), ==, 1);
    }
  senders = value (conn, "SELECT count(DISTINCT claimed_by) FROM messages WHERE recipient = 'twosenders@example.com'",
                   NULL, NULL);
  g_test_message ("the messages were claimed by %s sender(s)", senders);
}

/* ------------------------------------------------------------ the statement */

/* The money side queues the monthly statement with its PDF
 * (wx_message_queue … 'statement', …, pdf): it arrives once, attached as
 * statement-PERIOD.pdf with the same bytes; a PDF over 10 MB is refused
 * with a sentence and nothing is queued. */
static void
test_statement (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *number = order_in (conn, "carry_in", "repaired", NULL, "finance@example.com", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdf_path = g_build_filename (outdir, "statement-source.pdf", NULL);
  g_autofree char *pdf_hex = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *mine = NULL;
  g_autofree gchar *bytes = NULL;
  gsize len = 0;
  JsonObject *mail = NULL, *attachment;
  const char *cairo[] = { "/usr/bin/python3", "-c",
    "import sys\n"
    "body = b'BT /F1 24 Tf 72 720 Td (STATEMENT 2026-11) Tj ET'\n"
    "objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',\n"
    "        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',\n"
    "        b'<< /Length %d >>\\nstream\\n' % len(body) + body + b'\\nendstream',\n"
    "        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']\n"
    "out = b'%PDF-1.4\\n'; offs = []\n"
    "for i, o in enumerate(objs):\n"
    "    offs.append(len(out)); out += b'%d 0 obj\\n' % (i + 1) + o + b'\\nendobj\\n'\n"
    "x = len(out); out += b'xref\\n0 %d\\n0000000000 65535 f \\n' % (len(objs) + 1)\n"
    "for o in offs: out += b'%010d 00000 n \\n' % o\n"
    "out += b'trailer\\n<< /Size %d /Root 1 0 R >>\\nstartxref\\n%d\\n%%%%EOF\\n' % (len(objs) + 1, x)\n"
    "open(sys.argv[1], 'wb').write(out)\n", pdf_path, NULL };
  int status = 0;
  guint found = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) cairo, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (pdf_path, &bytes, &len, NULL));
  {
    GString *hex = g_string_new ("\\x");

    for (gsize i = 0; i < len; i++)
      g_string_append_printf (hex, "%02x", (guchar) bytes[i]);
    pdf_hex = g_string_free (hex, FALSE);
  }
  {
    const char *params[] = { number, pdf_hex };
    g_autoptr(GError) error = NULL;
    g_autofree char *n = wx_db_query_value (conn,
      "SELECT wx_message_queue(o, NULL, 'statement', '{\"amount\": \"1,234.00\", \"period\": \"2026-11\"}',"
      "                        now(), 'statement', $2::bytea) FROM service_orders o WHERE o.number = $1",
      2, params, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (n, ==, "1");
  }
  /* over 10 MB: refused, nothing queued */
  {
    const char *params[] = { number };
    g_autofree char *state = wx_test_db_sqlstate (conn,
      "SELECT wx_message_queue(o, NULL, 'statement', '{}', now(), 'statement', convert_to(repeat('x', 10485761), 'UTF8'))"
      "  FROM service_orders o WHERE o.number = $1", 1, params);

    g_assert_cmpstr (state, ==, "WX400");
  }
  g_assert_cmpint (count (conn, "SELECT count(*) FROM messages m JOIN service_orders o ON o.id = m.order_id"
                                " WHERE o.number = $1 AND m.kind = 'statement'", number, NULL), ==, 1);
  send_messages ();
  for (guint i = 1; i <= received ("mail"); i++)
    {
      JsonObject *m = received_file ("mail", i, parser);

      if (g_strcmp0 (json_array_get_string_element (json_object_get_array_member (m, "rcpt_tos"), 0),
                     "finance@example.com") == 0)
        {
          found++;
          g_assert_nonnull (strstr (json_object_get_string_member (m, "subject"), "对账单"));
          g_assert_nonnull (strstr (json_object_get_string_member (m, "subject"), "2026-11"));
          g_assert_nonnull (strstr (json_object_get_string_member (m, "body"), "1,234.00"));
          attachment = json_array_get_object_element (json_object_get_array_member (m, "attachments"), 0);
          g_assert_cmpstr (json_object_get_string_member (attachment, "filename"), ==, "statement-2026-11.pdf");
          g_assert_true (g_file_get_contents (json_object_get_string_member (attachment, "path"), &sent, NULL, NULL));
          g_assert_true (memcmp (sent, bytes, len) == 0);
          {
            const char *argv[] = { "pdftotext", json_object_get_string_member (attachment, "path"), "-", NULL };

            g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                         NULL, NULL, &mine, NULL, &status, NULL));
            g_assert_nonnull (strstr (mine, "STATEMENT 2026-11"));
          }
          mail = m;
        }
    }
  g_assert_cmpuint (found, ==, 1);
  g_assert_nonnull (mail);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!g_file_test ("/usr/lib/python3/dist-packages/aiosmtpd", G_FILE_TEST_IS_DIR))
    g_error ("python3-aiosmtpd is not installed (./run installs it)");
  outdir = g_dir_make_tmp ("wx-messages-XXXXXX", &error);
  g_assert_no_error (error);
  servers_pid = start_servers (outdir, NULL, NULL, &smtp_port, &http_port);

  conninfo = wx_test_db_create ("messages", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  coordinator = g_strdup_printf ("ms_coord_%d", (int) getpid ());
  engineer = g_strdup_printf ("ms_eng_%d", (int) getpid ());
  {
    const char *p1[] = { coordinator, "测试协调员" };
    const char *p2[] = { engineer, "测试工程师" };
    g_autofree char *smtp = g_strdup_printf ("smtp://127.0.0.1:%d", smtp_port);
    g_autofree char *http = g_strdup_printf ("http://127.0.0.1:%d/", http_port);
    const char *p3[] = { smtp, http };

    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_coordinator'])", 2, p1, &error));
    g_assert_true (wx_db_execute (conn, "SELECT wx_staff_add($1, $2, ARRAY['wx_engineer'])", 2, p2, &error));
    g_assert_true (wx_db_execute (conn, "UPDATE staff SET phone = '13900001111' WHERE full_name = '测试工程师'", 0, NULL, &error));
    g_assert_true (wx_db_execute (conn,
      "UPDATE settings SET value = CASE key WHEN 'messages.smtp.url' THEN $1 WHEN 'messages.sms.endpoint' THEN $2"
      "  WHEN 'messages.smtp.starttls' THEN 'off' WHEN 'messages.sms.access_key_id' THEN 'LTAItestkey' END"
      " WHERE key IN ('messages.smtp.url', 'messages.sms.endpoint', 'messages.smtp.starttls', 'messages.sms.access_key_id')",
      2, p3, &error));
    g_assert_no_error (error);
  }
  {
    g_auto(WxTestRun) r = { 0 };

    wx_test_admin (&r, NULL, "test-secret\n", "--db", conninfo, "messages", "secret", "sms.access_key_secret", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }

  g_test_add_func ("/messages/visit-booked-sms-and-email", test_visit_booked);
  g_test_add_func ("/messages/rolled-back-step-sends-nothing", test_rolled_back);
  g_test_add_func ("/messages/quote-by-email-with-pdf", test_quote_email);
  g_test_add_func ("/messages/stopped-sender-never-resends", test_stopped_sender_never_resends);
  g_test_add_func ("/messages/smtp-down-retried-once", test_smtp_down_retried);
  g_test_add_func ("/messages/provider-error-kept", test_provider_error);
  g_test_add_func ("/messages/opt-out-and-landline", test_opt_out_and_landline);
  g_test_add_func ("/messages/templates-and-guard", test_templates_and_guard);
  g_test_add_func ("/messages/starttls", test_starttls);
  g_test_add_func ("/messages/tencent-sms", test_tencent_sms);
  g_test_add_func ("/messages/webhook-sms", test_webhook_sms);
  g_test_add_func ("/messages/two-senders-send-once", test_two_senders);
  g_test_add_func ("/messages/statement-with-pdf", test_statement);
  status = g_test_run ();
  kill (servers_pid, SIGTERM);
  g_spawn_close_pid (servers_pid);
  if (status == 0 && !g_getenv ("WX_TEST_KEEP_DB"))
    {
      g_autofree char *rm = g_strdup_printf ("rm -rf %s", outdir);
      (void) !system (rm);
    }
  return status;
}

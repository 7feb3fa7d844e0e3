/* wx-messages-send.c — sends the outbox (022_messages.sql): e-mail over
 * SMTP (RFC 5321 through libcurl, STARTTLS or smtps://, AUTH when a login
 * is set; a MIME message per RFC 2045/2046 with RFC 2047 headers, the quote
 * or statement PDF attached) and SMS through Alibaba Cloud SMS SendSms
 * (dysmsapi 2017-05-25, RPC signature version 1.0, HMAC-SHA1) or Tencent
 * Cloud SMS SendSms (sms 2021-01-11, TC3-HMAC-SHA256), endpoint in the
 * settings so that a test points it at a local server. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <curl/curl.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-document.h"
#include "print/wx-pdf.h"
#include "wx-messages-send.h"

typedef enum {
  OUTCOME_SENT,
  OUTCOME_RETRY,
  OUTCOME_FAILED,
  OUTCOME_UNKNOWN,
} Outcome;

static const char *outcome_names[] = { "sent", "retry", "failed", "unknown" };

typedef struct {
  GHashTable *settings;   /* key → value, messages.* and company.* */
  char       *smtp_password;
  char       *sms_secret;
} Config;

static void
config_clear (Config *c)
{
  g_clear_pointer (&c->settings, g_hash_table_unref);
  g_clear_pointer (&c->smtp_password, g_free);
  g_clear_pointer (&c->sms_secret, g_free);
}

static const char *
setting (Config *c, const char *key, const char *fallback)
{
  const char *v = g_hash_table_lookup (c->settings, key);
  return v ? v : fallback;
}

static gboolean
config_load (PGconn *conn, Config *c, GError **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PGresult) secrets = NULL;

  res = wx_db_query (conn, "SELECT key, value FROM settings WHERE key LIKE 'messages.%' OR key LIKE 'company.%'",
                     0, NULL, error);
  if (res == NULL)
    return FALSE;
  c->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_insert (c->settings, g_strdup (PQgetvalue (res, i, 0)), g_strdup (PQgetvalue (res, i, 1)));
  /* The secrets are the owner's: an admin login that may not read them
   * sends without (an SMTP server on loopback needs no password). */
  secrets = PQexec (conn, "SELECT key, value FROM message_secrets");
  if (PQresultStatus (secrets) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples (secrets); i++)
      {
        if (g_str_equal (PQgetvalue (secrets, i, 0), "smtp.password"))
          { g_free (c->smtp_password); c->smtp_password = g_strdup (PQgetvalue (secrets, i, 1)); }
        else if (g_str_equal (PQgetvalue (secrets, i, 0), "sms.access_key_secret"))
          { g_free (c->sms_secret); c->sms_secret = g_strdup (PQgetvalue (secrets, i, 1)); }
      }
  return TRUE;
}

/* ------------------------------------------------------------ encodings */

char *
wx_messages_mime_header_word (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text ? text : "";
  gboolean ascii = TRUE;

  for (const char *q = p; *q; q++)
    if ((guchar) *q >= 0x7f || *q < 0x20)
      ascii = FALSE;
  if (ascii)
    return g_strdup (p);
  /* Encoded words of at most 75 characters: 45 bytes of UTF-8 a word,
   * cut between characters. */
  while (*p)
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end && (end - p) + (g_utf8_next_char (end) - end) <= 45)
        end = g_utf8_next_char (end);
      if (end == p)
        end = g_utf8_next_char (p);
      b64 = g_base64_encode ((const guchar *) p, end - p);
      if (out->len)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

char *
wx_messages_percent_encode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "%%%02X", *p);
  return g_string_free (out, FALSE);
}

/* Base64 in lines of 76 characters (RFC 2045). */
static void
append_base64 (GString *out, const guchar *data, gsize len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  gsize n = strlen (b64);

  for (gsize i = 0; i < n; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, n - i));
      g_string_append (out, "\r\n");
    }
}

/* The Date header, in English whatever the locale (RFC 5322). */
static char *
mail_date (void)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *rest = g_date_time_format (now, "%H:%M:%S %z");

  return g_strdup_printf ("%s, %d %s %d %s", days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now), rest);
}

/* ------------------------------------------------------------ one message */

typedef struct {
  char       *id;
  char       *key;
  char       *channel;
  char       *recipient;
  char       *recipient_name;
  char       *subject;
  char       *body;
  char       *params;
  char       *param_list;
  char       *template_code;
  char       *sign_name;
  char       *attachment;
  char       *order_number;
} Message;

static void
message_clear (Message *m)
{
  g_free (m->id); g_free (m->key); g_free (m->channel); g_free (m->recipient); g_free (m->recipient_name);
  g_free (m->subject); g_free (m->body); g_free (m->params); g_free (m->param_list); g_free (m->template_code);
  g_free (m->sign_name);
  g_free (m->attachment); g_free (m->order_number);
}

/* The attachment's file name: quote-NUMBER.pdf, statement-PERIOD.pdf. */
static char *
attachment_name (const Message *m)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *period = NULL;

  if (g_strcmp0 (m->attachment, "statement") != 0)
    return g_strdup_printf ("quote-%s.pdf", m->order_number);
  if (json_parser_load_from_data (parser, m->params, -1, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    period = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                         "period", NULL);
  /* only what is safe in a quoted header parameter */
  if (period == NULL || !*period || strspn (period, "0123456789-") != strlen (period))
    return g_strdup ("statement.pdf");
  return g_strdup_printf ("statement-%s.pdf", period);
}

/* The whole e-mail, CRLF line ends; its Message-ID in `message_id`. */
static GString *
mail_build (Config *c, const Message *m, GBytes *pdf, char **message_id)
{
  const char *from = setting (c, "messages.smtp.from", "service@example.com");
  const char *domain = strchr (from, '@') ? strchr (from, '@') + 1 : "localhost";
  g_autofree char *from_name = wx_messages_mime_header_word (setting (c, "company.name", ""));
  g_autofree char *to_name = wx_messages_mime_header_word (m->recipient_name);
  g_autofree char *subject = wx_messages_mime_header_word (m->subject);
  g_autofree char *date = mail_date ();
  g_autofree char *boundary = g_strdup_printf ("wx-%s", m->key);
  g_autoptr(GString) body = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  *message_id = g_strdup_printf ("<%s@%s>", m->key, domain);
  /* the body with CRLF line ends */
  for (const char *p = m->body; *p; p++)
    if (*p == '\n' && (p == m->body || p[-1] != '\r'))
      g_string_append (body, "\r\n");
    else
      g_string_append_c (body, *p);

  if (*from_name)
    g_string_append_printf (out, "From: %s <%s>\r\n", from_name, from);
  else
    g_string_append_printf (out, "From: <%s>\r\n", from);
  if (*to_name)
    g_string_append_printf (out, "To: %s <%s>\r\n", to_name, m->recipient);
  else
    g_string_append_printf (out, "To: <%s>\r\n", m->recipient);
  g_string_append_printf (out, "Subject: %s\r\n", subject);
  g_string_append_printf (out, "Date: %s\r\n", date);
  g_string_append_printf (out, "Message-ID: %s\r\n", *message_id);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  if (pdf)
    g_string_append_printf (out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n--%s\r\n",
                            boundary, boundary);
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n");
  append_base64 (out, (const guchar *) body->str, body->len);
  if (pdf)
    {
      gsize len;
      const guchar *data = g_bytes_get_data (pdf, &len);
      g_autofree char *name = attachment_name (m);

      g_string_append_printf (out, "\r\n--%s\r\n"
                                   "Content-Type: application/pdf; name=\"%s\"\r\n"
                                   "Content-Disposition: attachment; filename=\"%s\"\r\n"
                                   "Content-Transfer-Encoding: base64\r\n\r\n",
                              boundary, name, name);
      append_base64 (out, data, len);
      g_string_append_printf (out, "\r\n--%s--\r\n", boundary);
    }
  return out;
}

typedef struct {
  const char *data;
  gsize       len;
  gsize       pos;
} Upload;

static size_t
upload_read_cb (char *buffer, size_t size, size_t nitems, void *user_data)
{
  Upload *u = user_data;
  size_t n = MIN (size * nitems, u->len - u->pos);

  memcpy (buffer, u->data + u->pos, n);
  u->pos += n;
  return n;
}

static size_t
response_write_cb (char *data, size_t size, size_t nmemb, void *user_data)
{
  g_string_append_len (user_data, data, size * nmemb);
  return size * nmemb;
}

/* POSTs `body` to `url` with `headers`; the answer into `response`, its
 * HTTP status and how much of the request went out. */
static CURLcode
http_post (const char *url, const char *body, struct curl_slist *headers, GString *response, long *status,
           curl_off_t *uploaded)
{
  CURL *curl = curl_easy_init ();
  CURLcode code;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, response_write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, status);
  curl_easy_getinfo (curl, CURLINFO_SIZE_UPLOAD_T, uploaded);
  curl_easy_cleanup (curl);
  return code;
}

gboolean
wx_messages_smtp_send_plain (const char *url, const char *rcpt, const char *mail)
{
  Upload upload = { mail, strlen (mail), 0 };
  g_autofree char *to = g_strdup_printf ("<%s>", rcpt);
  struct curl_slist *rcpts = curl_slist_append (NULL, to);
  CURL *curl = curl_easy_init ();
  CURLcode code;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, "<service@example.com>");
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, upload_read_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_NONE);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  code = curl_easy_perform (curl);
  curl_easy_cleanup (curl);
  curl_slist_free_all (rcpts);
  return code == CURLE_OK;
}

/* Whether the failure `code` came before anything reached the other side
 * (so that sending again cannot send twice). */
static gboolean
curl_failed_before_sending (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_LOGIN_DENIED:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return TRUE;
    default:
      return FALSE;
    }
}

static Outcome
send_mail (Config *c, PGconn *conn, const Message *m, char **provider_id, char **reason)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GString) mail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *rcpt = NULL;
  struct curl_slist *rcpts = NULL;
  const char *starttls = setting (c, "messages.smtp.starttls", "try");
  const char *user = setting (c, "messages.smtp.user", "");
  const char *ca = setting (c, "messages.smtp.ca_file", "");
  Upload upload = { 0 };
  CURL *curl;
  CURLcode code;
  long response = 0;
  curl_off_t uploaded = 0;

  if (g_strcmp0 (m->attachment, "quote") == 0)
    {
      g_autoptr(WxDbDocument) doc = wx_db_document_load (conn, m->order_number, &error);

      if (doc)
        pdf = wx_pdf_render (WX_PDF_QUOTE, doc, WX_PDF_FORM_A4, &error);
      if (pdf == NULL)
        {
          *reason = g_strdup_printf ("quote PDF: %s", error->message);
          return OUTCOME_RETRY;
        }
    }
  else if (g_strcmp0 (m->attachment, "statement") == 0)
    {
      /* made by the money side when it queued the statement */
      const char *params[] = { m->id };
      g_autoptr(PGresult) res = wx_db_query (conn, "SELECT encode(attachment_pdf, 'base64') FROM messages"
                                                   " WHERE id = $1::bigint AND attachment_pdf IS NOT NULL",
                                             1, params, &error);
      guchar *data;
      gsize len = 0;

      if (res == NULL || PQntuples (res) != 1)
        {
          *reason = g_strdup_printf ("statement PDF: %s", error ? error->message : "missing");
          return res == NULL ? OUTCOME_RETRY : OUTCOME_FAILED;
        }
      data = g_base64_decode (PQgetvalue (res, 0, 0), &len);
      pdf = g_bytes_new_take (data, len);
    }
  if (pdf && g_bytes_get_size (pdf) > 10 * 1024 * 1024)
    {
      *reason = g_strdup ("attachment_too_large");
      return OUTCOME_FAILED;
    }
  mail = mail_build (c, m, pdf, provider_id);
  upload.data = mail->str;
  upload.len = mail->len;
  from = g_strdup_printf ("<%s>", setting (c, "messages.smtp.from", "service@example.com"));
  rcpt = g_strdup_printf ("<%s>", m->recipient);
  rcpts = curl_slist_append (rcpts, rcpt);

  curl = curl_easy_init ();
  curl_easy_setopt (curl, CURLOPT_URL, setting (c, "messages.smtp.url", "smtp://localhost:25"));
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, upload_read_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_USE_SSL, g_str_equal (starttls, "required") ? (long) CURLUSESSL_ALL
                                           : g_str_equal (starttls, "off") ? (long) CURLUSESSL_NONE
                                           : (long) CURLUSESSL_TRY);
  if (*ca)
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca);
  if (*user)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, c->smtp_password ? c->smtp_password : "");
    }
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response);
  curl_easy_getinfo (curl, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  curl_easy_cleanup (curl);
  curl_slist_free_all (rcpts);

  if (code == CURLE_OK)
    return OUTCOME_SENT;
  *reason = g_strdup_printf ("SMTP %ld: %s", response, curl_easy_strerror (code));
  if (curl_failed_before_sending (code))
    return OUTCOME_RETRY;
  /* The server answered the message itself, or a command before it. */
  if (response >= 500 && (gsize) uploaded < upload.len)
    return OUTCOME_FAILED;
  if (response >= 400 && response < 500)
    return OUTCOME_RETRY;
  /* Cut off once the whole message went out: it may have been taken. */
  if ((gsize) uploaded >= upload.len)
    return OUTCOME_UNKNOWN;
  return OUTCOME_RETRY;
}

/* POSTs an SMS request (`headers` freed here): FALSE with the outcome and
 * its reason when the request did not get an answer — to retry when
 * nothing went out, unknown when it may have. */
static gboolean
sms_post (const char *url, const char *body, struct curl_slist *headers, GString *response, long *status,
          Outcome *outcome, char **reason)
{
  curl_off_t uploaded = 0;
  CURLcode code = http_post (url, body, headers, response, status, &uploaded);

  curl_slist_free_all (headers);
  if (code == CURLE_OK)
    return TRUE;
  *reason = g_strdup_printf ("SMS: %s", curl_easy_strerror (code));
  *outcome = curl_failed_before_sending (code) || uploaded == 0 ? OUTCOME_RETRY : OUTCOME_UNKNOWN;
  return FALSE;
}

/* Alibaba Cloud SMS, SendSms (API version 2017-05-25) as an RPC call:
 * the parameters sorted by name and percent-encoded, signed with
 * HMAC-SHA1 of "POST&%2F&" + the encoded query under the secret + "&". */
static Outcome
send_sms_aliyun (Config *c, const Message *m, char **provider_id, char **reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *nonce = g_uuid_string_random ();
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) response = g_string_new (NULL);
  g_autofree char *encoded_query = NULL;
  g_autofree char *to_sign = NULL;
  g_autofree char *key = g_strdup_printf ("%s&", c->sms_secret ? c->sms_secret : "");
  g_autofree char *signature = NULL;
  g_autofree char *signature_encoded = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  struct curl_slist *headers = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  long status = 0;
  Outcome outcome;
  const char *params[][2] = {
    { "AccessKeyId", setting (c, "messages.sms.access_key_id", "") },
    { "Action", "SendSms" },
    { "Format", "JSON" },
    { "OutId", m->key },
    { "PhoneNumbers", m->recipient },
    { "RegionId", setting (c, "messages.sms.region", "cn-hangzhou") },
    { "SignName", m->sign_name },
    { "SignatureMethod", "HMAC-SHA1" },
    { "SignatureNonce", nonce },
    { "SignatureVersion", "1.0" },
    { "TemplateCode", m->template_code },
    { "TemplateParam", m->params },
    { "Timestamp", timestamp },
    { "Version", "2017-05-25" },
  };

  /* already in order of the names (byte order) */
  for (gsize i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autofree char *k = wx_messages_percent_encode (params[i][0]);
      g_autofree char *v = wx_messages_percent_encode (params[i][1]);

      g_string_append_printf (query, "%s%s=%s", i ? "&" : "", k, v);
    }
  encoded_query = wx_messages_percent_encode (query->str);
  to_sign = g_strdup_printf ("POST&%%2F&%s", encoded_query);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) to_sign, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature = g_base64_encode (digest, digest_len);
  signature_encoded = wx_messages_percent_encode (signature);
  body = g_strdup_printf ("Signature=%s&%s", signature_encoded, query->str);

  headers = curl_slist_append (headers, "Content-Type: application/x-www-form-urlencoded");
  if (!sms_post (setting (c, "messages.sms.endpoint", "https://dysmsapi.aliyuncs.com/"), body, headers, response,
                 &status, &outcome, reason))
    return outcome;
  if (json_parser_load_from_data (parser, response->str, response->len, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      const char *result = json_object_get_string_member_with_default (o, "Code", "");
      const char *message = json_object_get_string_member_with_default (o, "Message", "");

      if (g_str_equal (result, "OK"))
        {
          *provider_id = g_strdup (json_object_get_string_member_with_default (o, "BizId", ""));
          return OUTCOME_SENT;
        }
      *reason = g_strdup_printf ("%s: %s", result, message);
      /* The number, the template or the signature is wrong: sending again
       * changes nothing until someone fixes it (and resends). */
      if (g_str_has_prefix (result, "isv.MOBILE") || g_str_has_prefix (result, "isv.TEMPLATE")
          || g_str_has_prefix (result, "isv.SMS_SIGN") || g_str_has_prefix (result, "isv.SMS_TEMPLATE")
          || g_str_has_prefix (result, "isv.INVALID_PARAMETERS") || g_str_has_prefix (result, "isv.BLACK_KEY")
          || g_str_equal (result, "InvalidAccessKeyId.NotFound") || g_str_equal (result, "SignatureDoesNotMatch"))
        return OUTCOME_FAILED;
      return OUTCOME_RETRY;
    }
  *reason = g_strdup_printf ("SMS: HTTP %ld, not a SendSms answer", status);
  return status >= 500 ? OUTCOME_UNKNOWN : OUTCOME_RETRY;
}

/* Lower-case hex of `data`'s SHA-256. */
static char *
sha256_hex (const char *data, gssize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len < 0 ? strlen (data) : (gsize) len);
}

/* HMAC-SHA256 of `data` under `key` (raw bytes), into `out` (32 bytes). */
static void
hmac_sha256 (const guchar *key, gsize key_len, const char *data, guint8 out[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = 32;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, out, &len);
}

char *
wx_messages_tc3_authorization (const char *secret_id, const char *secret_key, const char *host,
                               const char *action, gint64 timestamp, const char *payload)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (timestamp);
  g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");
  g_autofree char *action_lower = g_ascii_strdown (action, -1);
  g_autofree char *payload_hash = sha256_hex (payload, -1);
  g_autofree char *canonical = g_strdup_printf ("POST\n/\n\n"
                                                "content-type:application/json; charset=utf-8\n"
                                                "host:%s\n"
                                                "x-tc-action:%s\n\n"
                                                "content-type;host;x-tc-action\n%s",
                                                host, action_lower, payload_hash);
  g_autofree char *canonical_hash = sha256_hex (canonical, -1);
  g_autofree char *scope = g_strdup_printf ("%s/sms/tc3_request", date);
  g_autofree char *to_sign = g_strdup_printf ("TC3-HMAC-SHA256\n%" G_GINT64_FORMAT "\n%s\n%s",
                                              timestamp, scope, canonical_hash);
  g_autofree char *key = g_strdup_printf ("TC3%s", secret_key);
  guint8 k_date[32], k_service[32], k_signing[32], signature[32];
  char hex[65];

  hmac_sha256 ((const guchar *) key, strlen (key), date, k_date);
  hmac_sha256 (k_date, 32, "sms", k_service);
  hmac_sha256 (k_service, 32, "tc3_request", k_signing);
  hmac_sha256 (k_signing, 32, to_sign, signature);
  for (int i = 0; i < 32; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", signature[i]);
  return g_strdup_printf ("TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host;x-tc-action, Signature=%s",
                          secret_id, scope, hex);
}

/* Tencent Cloud SMS, SendSms (API version 2021-01-11): a JSON body, signed
 * with TC3-HMAC-SHA256 over the content type, the host and the action. The
 * template's variables by position (param_list); SessionContext carries
 * the key, as Alibaba Cloud's OutId does. */
static Outcome
send_sms_tencent (Config *c, const Message *m, char **provider_id, char **reason)
{
  const char *endpoint = setting (c, "messages.sms.endpoint", "https://sms.tencentcloudapi.com/");
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;
  g_autofree char *phone = g_strdup_printf ("+86%s", m->recipient);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) list = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *h_auth = NULL, *h_time = NULL, *h_region = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct curl_slist *headers = NULL;
  long status = 0;
  Outcome outcome;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      *reason = g_strdup_printf ("SMS: the endpoint %s is not an address", endpoint);
      return OUTCOME_RETRY;
    }
  host = g_uri_get_port (uri) > 0 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                                  : g_strdup (g_uri_get_host (uri));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "PhoneNumberSet");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, phone);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "SmsSdkAppId");
  json_builder_add_string_value (b, setting (c, "messages.sms.sdk_app_id", ""));
  json_builder_set_member_name (b, "SignName");
  json_builder_add_string_value (b, m->sign_name);
  json_builder_set_member_name (b, "TemplateId");
  json_builder_add_string_value (b, m->template_code);
  json_builder_set_member_name (b, "TemplateParamSet");
  json_builder_begin_array (b);
  if (json_parser_load_from_data (list, m->param_list, -1, NULL) && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (list)))
    {
      JsonArray *a = json_node_get_array (json_parser_get_root (list));

      for (guint i = 0; i < json_array_get_length (a); i++)
        json_builder_add_string_value (b, json_array_get_string_element (a, i));
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "SessionContext");
  json_builder_add_string_value (b, m->key);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  payload = json_generator_to_data (gen, NULL);

  authorization = wx_messages_tc3_authorization (setting (c, "messages.sms.access_key_id", ""),
                                                 c->sms_secret ? c->sms_secret : "", host, "SendSms", now, payload);
  h_auth = g_strdup_printf ("Authorization: %s", authorization);
  h_time = g_strdup_printf ("X-TC-Timestamp: %" G_GINT64_FORMAT, now);
  h_region = g_strdup_printf ("X-TC-Region: %s", setting (c, "messages.sms.region", "ap-guangzhou"));
  headers = curl_slist_append (headers, "Content-Type: application/json; charset=utf-8");
  headers = curl_slist_append (headers, h_auth);
  headers = curl_slist_append (headers, "X-TC-Action: SendSms");
  headers = curl_slist_append (headers, "X-TC-Version: 2021-01-11");
  headers = curl_slist_append (headers, h_time);
  headers = curl_slist_append (headers, h_region);
  if (!sms_post (endpoint, payload, headers, response, &status, &outcome, reason))
    return outcome;
  if (json_parser_load_from_data (parser, response->str, response->len, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      && json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "Response"))
    {
      JsonObject *r = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Response");
      JsonObject *e = r && json_object_has_member (r, "Error") ? json_object_get_object_member (r, "Error") : NULL;
      JsonArray *set = r && json_object_has_member (r, "SendStatusSet")
        ? json_object_get_array_member (r, "SendStatusSet") : NULL;
      JsonObject *one = set && json_array_get_length (set) == 1 ? json_array_get_object_element (set, 0) : NULL;
      const char *result;

      if (e)
        {
          /* The request itself was refused: signature, key, parameters. */
          result = json_object_get_string_member_with_default (e, "Code", "");
          *reason = g_strdup_printf ("%s: %s", result, json_object_get_string_member_with_default (e, "Message", ""));
          if (g_str_has_prefix (result, "AuthFailure") || g_str_has_prefix (result, "InvalidParameter")
              || g_str_has_prefix (result, "UnauthorizedOperation") || g_str_has_prefix (result, "MissingParameter"))
            return OUTCOME_FAILED;
          return OUTCOME_RETRY;
        }
      if (one)
        {
          result = json_object_get_string_member_with_default (one, "Code", "");
          if (g_str_equal (result, "Ok"))
            {
              *provider_id = g_strdup (json_object_get_string_member_with_default (one, "SerialNo", ""));
              return OUTCOME_SENT;
            }
          *reason = g_strdup_printf ("%s: %s", result, json_object_get_string_member_with_default (one, "Message", ""));
          /* The number, the template or the signature is wrong. */
          if (g_str_has_prefix (result, "InvalidParameter") || g_str_has_prefix (result, "FailedOperation.PhoneNumber")
              || g_str_has_prefix (result, "FailedOperation.Template") || g_str_has_prefix (result, "FailedOperation.Sign")
              || g_str_has_prefix (result, "UnsupportedOperation"))
            return OUTCOME_FAILED;
          return OUTCOME_RETRY;
        }
    }
  *reason = g_strdup_printf ("SMS: HTTP %ld, not a SendSms answer", status);
  return status >= 500 ? OUTCOME_UNKNOWN : OUTCOME_RETRY;
}

/* A gateway of the shop's own choosing (messages.sms.provider=webhook):
 * POST {phone, text, sign, template_code, params, idempotency_key} as JSON
 * to messages.sms.endpoint, with "Authorization: Bearer SECRET" when the
 * SMS secret (sms.access_key_secret) is set. A 2xx answer is sent (its
 * "id", if any, kept), a 4xx refused for good with the answer's "message"
 * (or "error"), a 5xx or a request lost after it went out unknown. */
static Outcome
send_sms_webhook (Config *c, const Message *m, char **provider_id, char **reason)
{
  const char *endpoint = setting (c, "messages.sms.endpoint", "");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) params = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  g_autofree char *payload = NULL;
  g_autofree char *h_auth = NULL;
  struct curl_slist *headers = NULL;
  const char *said = NULL;
  long status = 0;
  Outcome outcome;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "phone");
  json_builder_add_string_value (b, m->recipient);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, m->body);
  json_builder_set_member_name (b, "sign");
  json_builder_add_string_value (b, m->sign_name);
  json_builder_set_member_name (b, "template_code");
  json_builder_add_string_value (b, m->template_code);
  json_builder_set_member_name (b, "params");
  if (json_parser_load_from_data (params, m->params, -1, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (params)))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (params)));
  else
    {
      json_builder_begin_object (b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "idempotency_key");
  json_builder_add_string_value (b, m->key);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  payload = json_generator_to_data (gen, NULL);

  headers = curl_slist_append (headers, "Content-Type: application/json; charset=utf-8");
  if (c->sms_secret && *c->sms_secret)
    {
      h_auth = g_strdup_printf ("Authorization: Bearer %s", c->sms_secret);
      headers = curl_slist_append (headers, h_auth);
    }
  if (!sms_post (endpoint, payload, headers, response, &status, &outcome, reason))
    return outcome;
  if (json_parser_load_from_data (parser, response->str, response->len, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));

      if (status >= 200 && status < 300)
        *provider_id = g_strdup (json_object_get_string_member_with_default (o, "id", ""));
      said = json_object_get_string_member_with_default (o, "message",
               json_object_get_string_member_with_default (o, "error", NULL));
    }
  if (status >= 200 && status < 300)
    return OUTCOME_SENT;
  if (status >= 400 && status < 500)
    {
      *reason = g_strdup_printf ("The SMS gateway refused the message (HTTP %ld): %s", status,
                                 said && *said ? said : "no reason given");
      return OUTCOME_FAILED;
    }
  *reason = g_strdup_printf ("The SMS gateway answered HTTP %ld: %s", status, said && *said ? said : "no reason given");
  return OUTCOME_UNKNOWN;
}

static Outcome
send_sms (Config *c, const Message *m, char **provider_id, char **reason)
{
  if (g_str_equal (setting (c, "messages.sms.provider", "aliyun"), "webhook"))
    return send_sms_webhook (c, m, provider_id, reason);
  if (g_str_equal (setting (c, "messages.sms.provider", "aliyun"), "tencent"))
    return send_sms_tencent (c, m, provider_id, reason);
  return send_sms_aliyun (c, m, provider_id, reason);
}

/* ------------------------------------------------------------ the loop */

static gboolean
claim (PGconn *conn, const char *sender, Message *m, gboolean *found, GError **error)
{
  const char *params[] = { sender };
  g_autoptr(PGresult) res = wx_db_query (conn, "SELECT * FROM wx_messages_claim($1)", 1, params, error);

  if (res == NULL)
    return FALSE;
  *found = PQntuples (res) == 1;
  if (!*found)
    return TRUE;
#define COL(name) g_strdup (PQgetvalue (res, 0, PQfnumber (res, name)))
  m->id = COL ("id");
  m->key = COL ("idempotency_key");
  m->channel = COL ("channel");
  m->recipient = COL ("recipient");
  m->recipient_name = COL ("recipient_name");
  m->subject = COL ("subject");
  m->body = COL ("body");
  m->params = COL ("params");
  m->param_list = COL ("param_list");
  m->template_code = COL ("template_code");
  m->sign_name = COL ("sign_name");
  m->attachment = PQgetisnull (res, 0, PQfnumber (res, "attachment")) ? NULL : COL ("attachment");
  m->order_number = COL ("order_number");
#undef COL
  return TRUE;
}

gboolean
wx_messages_send_due (PGconn *conn, const char *sender, guint max, WxMessagesSendStats *stats, GError **error)
{
  Config config = { 0 };
  gboolean ok = TRUE;
  static gsize curl_ready = 0;

  if (g_once_init_enter (&curl_ready))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&curl_ready, 1);
    }
  if (!config_load (conn, &config, error))
    return FALSE;
  for (guint n = 0; max == 0 || n < max; n++)
    {
      Message m = { 0 };
      gboolean found = FALSE;
      g_autofree char *provider_id = NULL;
      g_autofree char *reason = NULL;
      Outcome outcome;

      if (!claim (conn, sender ? sender : "", &m, &found, error))
        {
          ok = FALSE;
          break;
        }
      if (!found)
        break;
      if (g_str_equal (m.channel, "email"))
        outcome = send_mail (&config, conn, &m, &provider_id, &reason);
      else
        outcome = send_sms (&config, &m, &provider_id, &reason);
      {
        const char *params[] = { m.id, m.key, outcome_names[outcome], provider_id ? provider_id : "",
                                 reason ? reason : "" };

        if (!wx_db_execute (conn, "SELECT wx_message_result($1, $2, $3, $4, $5)", 5, params, error))
          ok = FALSE;
      }
      if (reason)
        g_message ("message %s (%s to %s): %s", m.id, m.channel, m.recipient, reason);
      message_clear (&m);
      if (!ok)
        break;
      if (stats)
        switch (outcome)
          {
          case OUTCOME_SENT:    stats->sent++; break;
          case OUTCOME_RETRY:   stats->retried++; break;
          case OUTCOME_FAILED:  stats->failed++; break;
          case OUTCOME_UNKNOWN: stats->unknown++; break;
          default: break;
          }
    }
  config_clear (&config);
  return ok;
}

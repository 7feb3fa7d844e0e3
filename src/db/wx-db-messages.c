#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>

#include "wx-db.h"
#include "wx-db-messages.h"

#define TZ "wx_setting('timezone', 'Asia/Shanghai')"
#define LOCAL_TEXT(col) "coalesce(to_char(" col " AT TIME ZONE " TZ ", 'YYYY-MM-DD HH24:MI'), '')"

static const struct {
  const char *code;
  const char *label;
} message_words[] = {
  { "visit_booked",           N_("Visit booked") },
  { "visit_reminder_evening", N_("Reminder the evening before") },
  { "visit_reminder_hour",    N_("Reminder an hour before") },
  { "running_late",           N_("Running late") },
  { "arrival",                N_("Arrival notice") },
  { "absent_note",            N_("Note: customer absent") },
  { "ready",                  N_("Machine ready") },
  { "quote",                  N_("Quote with PDF") },
  { "thank_you",              N_("Thank-you") },
  { "statement",              N_("Statement") },
  { "sms",                    N_("SMS") },
  { "email",                  N_("E-mail") },
  { "queued",                 N_("queued") },
  { "sending",                N_("sending") },
  { "sent",                   N_("sent") },
  { "failed",                 N_("failed") },
  { "unknown",                N_("result unknown") },
  { "cancelled",              N_("cancelled") },
  { "zh_CN",                  N_("Chinese") },
  { "en",                     N_("English") },
};

const char *
wx_db_message_word (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (message_words); i++)
    if (g_strcmp0 (message_words[i].code, code) == 0)
      return _(message_words[i].label);
  return code;
}

/* ------------------------------------------------------------ the outbox */

const char *const wx_db_message_filters[] = { "attention", "queued", "sent", "failed", "unknown", "all", NULL };

void
wx_message_free (WxMessage *m)
{
  if (m == NULL)
    return;
  g_free (m->order_number);
  g_free (m->unit_name);
  g_free (m->kind);
  g_free (m->channel);
  g_free (m->state);
  g_free (m->recipient);
  g_free (m->recipient_name);
  g_free (m->subject);
  g_free (m->body);
  g_free (m->last_error);
  g_free (m->provider_id);
  g_free (m->at_text);
  g_free (m->sent_text);
  g_free (m->claimed_by);
  g_free (m);
}

GPtrArray *
wx_db_messages_list (PGconn *conn, const char *filter, GError **error)
{
  const char *params[] = { filter ? filter : "attention" };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT m.id, coalesce(o.number, ''), coalesce(o.unit_name, ''), m.kind, m.channel, m.state, m.recipient,"
    "       m.recipient_name, m.subject, m.body, m.last_error, m.provider_id, " LOCAL_TEXT ("m.created_at") ","
    "       " LOCAL_TEXT ("m.sent_at") ", m.claimed_by, m.attempts"
    "  FROM messages m LEFT JOIN service_orders o ON o.id = m.order_id"
    " WHERE CASE $1 WHEN 'attention' THEN m.state IN ('failed', 'unknown')"
    "               WHEN 'queued' THEN m.state IN ('queued', 'sending')"
    "               WHEN 'all' THEN true ELSE m.state = $1 END"
    " ORDER BY m.id DESC LIMIT 500", 1, params, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_message_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxMessage *m = g_new0 (WxMessage, 1);

      m->id = wx_db_get_int (res, i, 0);
      m->order_number = wx_db_dup_text (res, i, 1);
      m->unit_name = wx_db_dup_text (res, i, 2);
      m->kind = wx_db_dup_text (res, i, 3);
      m->channel = wx_db_dup_text (res, i, 4);
      m->state = wx_db_dup_text (res, i, 5);
      m->recipient = wx_db_dup_text (res, i, 6);
      m->recipient_name = wx_db_dup_text (res, i, 7);
      m->subject = wx_db_dup_text (res, i, 8);
      m->body = wx_db_dup_text (res, i, 9);
      m->last_error = wx_db_dup_text (res, i, 10);
      m->provider_id = wx_db_dup_text (res, i, 11);
      m->at_text = wx_db_dup_text (res, i, 12);
      m->sent_text = wx_db_dup_text (res, i, 13);
      m->claimed_by = wx_db_dup_text (res, i, 14);
      m->attempts = (int) wx_db_get_int (res, i, 15);
      g_ptr_array_add (list, m);
    }
  return list;
}

int
wx_db_messages_given_up (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT count(*) FROM messages"
    " WHERE state = 'failed' AND last_error <> 'settled_by_hand' AND created_at > now() - interval '7 days'",
    0, NULL, error);

  return res ? (int) wx_db_get_int (res, 0, 0) : -1;
}

gboolean
wx_db_message_resend (PGconn *conn, gint64 id, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { text };

  return wx_db_execute (conn, "SELECT wx_message_resend($1::bigint)", 1, params, error);
}

gboolean
wx_db_message_settle (PGconn *conn, gint64 id, gboolean sent, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { text, sent ? "true" : "false" };

  return wx_db_execute (conn, "SELECT wx_message_settle($1::bigint, $2::boolean)", 2, params, error);
}

/* ------------------------------------------------------------ templates */

void
wx_message_template_free (WxMessageTemplate *t)
{
  if (t == NULL)
    return;
  g_free (t->kind);
  g_free (t->channel);
  g_free (t->lang);
  g_free (t->subject);
  g_free (t->body);
  g_free (t->template_code);
  g_free (t->sign_name);
  g_free (t);
}

static WxMessageTemplate *
template_copy (const WxMessageTemplate *t)
{
  WxMessageTemplate *c = g_new0 (WxMessageTemplate, 1);

  c->kind = g_strdup (t->kind);
  c->channel = g_strdup (t->channel);
  c->lang = g_strdup (t->lang);
  c->subject = g_strdup (t->subject);
  c->body = g_strdup (t->body);
  c->template_code = g_strdup (t->template_code);
  c->sign_name = g_strdup (t->sign_name);
  return c;
}

GPtrArray *
wx_db_message_templates (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT t.kind, t.channel, t.lang, t.subject, t.body, t.template_code, t.sign_name"
    "  FROM message_templates t"
    " ORDER BY array_position(ARRAY['visit_booked', 'visit_reminder_evening', 'visit_reminder_hour', 'running_late',"
    "          'arrival', 'absent_note', 'ready', 'quote', 'thank_you', 'statement'], t.kind),"
    "          t.channel DESC, t.lang DESC", 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_message_template_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxMessageTemplate *t = g_new0 (WxMessageTemplate, 1);

      t->kind = wx_db_dup_text (res, i, 0);
      t->channel = wx_db_dup_text (res, i, 1);
      t->lang = wx_db_dup_text (res, i, 2);
      t->subject = wx_db_dup_text (res, i, 3);
      t->body = wx_db_dup_text (res, i, 4);
      t->template_code = wx_db_dup_text (res, i, 5);
      t->sign_name = wx_db_dup_text (res, i, 6);
      g_ptr_array_add (list, t);
    }
  return list;
}

gboolean
wx_db_message_template_set (PGconn *conn, const WxMessageTemplate *t, GError **error)
{
  const char *params[] = { t->kind, t->channel, t->lang, t->subject ? t->subject : "", t->body ? t->body : "",
                           t->template_code ? t->template_code : "", t->sign_name ? t->sign_name : "" };

  return wx_db_execute (conn, "SELECT wx_message_template_set($1, $2, $3, $4, $5, $6, $7)", 7, params, error);
}

void
wx_message_preview_free (WxMessagePreview *p)
{
  if (p == NULL)
    return;
  g_free (p->order_number);
  g_free (p->subject);
  g_free (p->body);
  g_free (p->unknown);
  g_free (p->placeholders);
  g_free (p);
}

WxMessagePreview *
wx_db_message_preview (PGconn *conn, const WxMessageTemplate *t, GError **error)
{
  const char *params[] = { t->channel, t->subject ? t->subject : "", t->body ? t->body : "",
                           t->sign_name ? t->sign_name : "" };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT coalesce(p.order_number, ''), p.subject, p.body, coalesce(p.unknown, ''),"
    "       coalesce(p.chars, 0), coalesce(p.segments, 0), p.placeholders"
    "  FROM wx_message_preview($1, $2, $3, $4) p", 4, params, error);
  WxMessagePreview *p;

  if (res == NULL)
    return NULL;
  p = g_new0 (WxMessagePreview, 1);
  p->order_number = wx_db_dup_text (res, 0, 0);
  p->subject = wx_db_dup_text (res, 0, 1);
  p->body = wx_db_dup_text (res, 0, 2);
  p->unknown = wx_db_dup_text (res, 0, 3);
  p->chars = (int) wx_db_get_int (res, 0, 4);
  p->segments = (int) wx_db_get_int (res, 0, 5);
  p->placeholders = wx_db_dup_text (res, 0, 6);
  return p;
}

/* ------------------------------------------------------------ on the worker */

static gboolean
list_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_messages_list (conn, data, error);
  return *result != NULL;
}

void
wx_db_messages_list_async (WxDbWorker *worker, const char *filter, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, list_job, g_strdup (filter), g_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_messages_list_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
given_up_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  int n = wx_db_messages_given_up (conn, error);

  if (n < 0)
    return FALSE;
  *result = g_memdup2 (&n, sizeof n);
  return TRUE;
}

void
wx_db_messages_given_up_async (WxDbWorker *worker, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, given_up_job, NULL, NULL, g_free, cancellable, callback, user_data);
}

int
wx_db_messages_given_up_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  g_autofree int *n = wx_db_worker_run_finish (worker, result, error);

  return n ? *n : -1;
}

typedef struct {
  gint64   id;
  gboolean settle;
  gboolean sent;
} MessageJob;

static gboolean
message_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  MessageJob *job = data;

  return job->settle ? wx_db_message_settle (conn, job->id, job->sent, error)
                     : wx_db_message_resend (conn, job->id, error);
}

void
wx_db_message_resend_async (WxDbWorker *worker, gint64 id, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  MessageJob *job = g_new0 (MessageJob, 1);

  job->id = id;
  wx_db_worker_run_async (worker, message_job, job, g_free, NULL, cancellable, callback, user_data);
}

void
wx_db_message_settle_async (WxDbWorker *worker, gint64 id, gboolean sent, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  MessageJob *job = g_new0 (MessageJob, 1);

  job->id = id;
  job->settle = TRUE;
  job->sent = sent;
  wx_db_worker_run_async (worker, message_job, job, g_free, NULL, cancellable, callback, user_data);
}

static gboolean
templates_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_message_templates (conn, error);
  return *result != NULL;
}

void
wx_db_message_templates_async (WxDbWorker *worker, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, templates_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_message_templates_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
template_set_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  return wx_db_message_template_set (conn, data, error);
}

void
wx_db_message_template_set_async (WxDbWorker *worker, const WxMessageTemplate *t, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, template_set_job, template_copy (t), (GDestroyNotify) wx_message_template_free,
                          NULL, cancellable, callback, user_data);
}

static gboolean
preview_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_message_preview (conn, data, error);
  return *result != NULL;
}

void
wx_db_message_preview_async (WxDbWorker *worker, const WxMessageTemplate *t, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, preview_job, template_copy (t), (GDestroyNotify) wx_message_template_free,
                           (GDestroyNotify) wx_message_preview_free, cancellable, callback, user_data);
}

WxMessagePreview *
wx_db_message_preview_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

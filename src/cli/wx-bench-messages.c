/* wx-bench-messages.c — `weixiu-admin bench messages`: what a message to
 * the customer adds to the step that queues it, and how many e-mails one
 * sender delivers a second to an SMTP server on loopback (a sink in this
 * process that takes every message), each beside its limit measured in
 * the same run: a plain INSERT of the same outbox rows, and the same
 * e-mails sent straight with libcurl, without the outbox. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "wx-admin-bench.h"
#include "wx-messages-send.h"

#define RUNS_QUEUE 15
#define EVENTS     200
#define MAILS      200

/* ------------------------------------------------------------ the SMTP sink */

static void
sink_write (GOutputStream *out, const char *line)
{
  g_output_stream_write_all (out, line, strlen (line), NULL, NULL, NULL);
}

/* One SMTP session, as far as a client that sends one message needs. */
static void
sink_session (GSocketConnection *connection)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  gboolean in_data = FALSE;
  char *line;

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  sink_write (out, "220 bench ESMTP\r\n");
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, NULL)) != NULL)
    {
      g_autofree char *l = line;

      if (in_data)
        {
          if (g_str_equal (l, "."))
            {
              in_data = FALSE;
              sink_write (out, "250 taken\r\n");
            }
          continue;
        }
      if (g_ascii_strncasecmp (l, "EHLO", 4) == 0 || g_ascii_strncasecmp (l, "HELO", 4) == 0)
        sink_write (out, "250 bench\r\n");
      else if (g_ascii_strncasecmp (l, "DATA", 4) == 0)
        {
          in_data = TRUE;
          sink_write (out, "354 go on\r\n");
        }
      else if (g_ascii_strncasecmp (l, "QUIT", 4) == 0)
        {
          sink_write (out, "221 bye\r\n");
          break;
        }
      else
        sink_write (out, "250 ok\r\n");
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

/* The sink's thread: one session after the other (the sender sends one
 * message at a time), until the listener is closed. */
typedef struct {
  GSocketListener *listener;
  GCancellable    *cancellable;   /* cancelled to stop */
} Sink;

static gpointer
sink_thread (gpointer data)
{
  Sink *sink = data;
  GSocketConnection *connection;

  while ((connection = g_socket_listener_accept (sink->listener, NULL, sink->cancellable, NULL)) != NULL)
    {
      sink_session (connection);
      g_object_unref (connection);
    }
  return NULL;
}

/* ------------------------------------------------------------ the group */

static gboolean
timed (PGconn *conn, const char *sql, int n_params, const char * const *params, GArray *samples, GError **error)
{
  gint64 t0 = wx_bench_now (), dt;

  if (!wx_db_execute (conn, sql, n_params, params, error))
    return FALSE;
  dt = wx_bench_now () - t0;
  g_array_append_val (samples, dt);
  return TRUE;
}

/* The outbox's e-mails through one sender, then the same number straight
 * with libcurl: e-mails a second of each. */
static gboolean
send_both (WxBench *bench, const char *url, WxMessagesSendStats *stats, double *sender_rate, double *curl_rate,
           GError **error)
{
  g_autofree char *mail = NULL;
  gint64 t0;

  t0 = wx_bench_now ();
  if (!wx_messages_send_due (bench->conn, "bench", 0, stats, error))
    return FALSE;
  *sender_rate = stats->sent / ((wx_bench_now () - t0) / 1e6);

  mail = g_strdup_printf ("From: <service@example.com>\r\nTo: <bench@example.com>\r\nSubject: bench\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n",
                          "5oKo55qE6K6+5aSH5bey5L+u5aW977yM5Y+v5Lul5Y+W5py65LqG44CC");
  t0 = wx_bench_now ();
  for (guint i = 0; i < MAILS; i++)
    if (!wx_messages_smtp_send_plain (url, "bench@example.com", mail))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The bench's SMTP sink did not take an e-mail."));
        return FALSE;
      }
  *curl_rate = MAILS / ((wx_bench_now () - t0) / 1e6);

  return TRUE;
}

gboolean
wx_bench_messages (WxBench *bench, GError **error)
{
  g_autoptr(GArray) insert = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  Sink sink = { NULL, NULL };
  GThread *sink_runner;
  gboolean ok;
  g_autofree char *order = NULL;
  g_autofree char *url = NULL;
  g_autofree char *figure = NULL;
  WxMessagesSendStats stats = { 0 };
  guint16 port;
  double sender_rate = 0, curl_rate = 0;

  /* An order with both addresses, so that "ready" writes an SMS and an e-mail. */
  order = wx_db_query_value (bench->conn,
    "UPDATE service_orders SET contact_mobile = '13812345678', contact_email = 'bench@example.com'"
    " WHERE id = (SELECT min(id) FROM service_orders) RETURNING id", 0, NULL, error);
  if (order == NULL)
    return FALSE;
  {
    const char *params[] = { order };

    /* EVENTS events in one statement (the round trip spread over them),
     * in a transaction rolled back: the outbox stays as it was. */
    if (!wx_db_execute (bench->conn, "BEGIN", 0, NULL, error))
      return FALSE;
    for (guint i = 0; i < RUNS_QUEUE; i++)
      if (!timed (bench->conn,
                  "INSERT INTO messages (order_id, kind, channel, recipient, subject, body)"
                  " SELECT $1::bigint, 'ready', c, CASE c WHEN 'sms' THEN '13812345678' ELSE 'bench@example.com' END,"
                  "        '', 'x' FROM generate_series(1, " G_STRINGIFY (EVENTS) "), unnest(ARRAY['sms', 'email']) c",
                  1, params, insert, error)
          || !timed (bench->conn,
                     "SELECT count(wx_message_queue(o, NULL, 'ready')) FROM service_orders o,"
                     " generate_series(1, " G_STRINGIFY (EVENTS) ") WHERE o.id = $1::bigint",
                     1, params, queue, error))
        {
          wx_db_execute (bench->conn, "ROLLBACK", 0, NULL, NULL);
          return FALSE;
        }
    if (!wx_db_execute (bench->conn, "ROLLBACK", 0, NULL, error))
      return FALSE;
  }
  for (guint i = 0; i < RUNS_QUEUE; i++)
    {
      g_array_index (insert, gint64, i) /= EVENTS;
      g_array_index (queue, gint64, i) /= EVENTS;
    }
  wx_bench_report (_("plain INSERT of an SMS and an e-mail row, per event"), insert, NULL);
  wx_bench_report (_("queue \"ready\" (SMS and e-mail, rendered), per event"), queue, _("target < 0.2 ms"));
  figure = g_strdup_printf (_("%.1f× a plain INSERT of the same rows"),
                            (double) wx_bench_median (queue) / MAX (1, wx_bench_median (insert)));
  wx_bench_figure (_("queueing against the limit"), figure, NULL);

  /* The sink on a loopback port of its own. */
  sink.listener = g_socket_listener_new ();
  port = g_socket_listener_add_any_inet_port (sink.listener, NULL, error);
  if (port == 0)
    {
      g_object_unref (sink.listener);
      return FALSE;
    }
  url = g_strdup_printf ("smtp://127.0.0.1:%u", port);
  {
    const char *params[] = { url };

    if (!wx_db_execute (bench->conn,
          "UPDATE settings SET value = CASE key WHEN 'messages.smtp.url' THEN $1 ELSE 'off' END"
          " WHERE key IN ('messages.smtp.url', 'messages.smtp.starttls')", 1, params, error)
        || !wx_db_execute (bench->conn, "UPDATE messages SET state = 'cancelled' WHERE state = 'queued'", 0, NULL, error)
        || !wx_db_execute (bench->conn,
          "INSERT INTO messages (order_id, kind, channel, recipient, recipient_name, subject, body)"
          " SELECT $1::bigint, 'ready', 'email', 'bench' || g || '@example.com', '李明', '您的设备已可取机 ' || g,"
          "        repeat('您的设备已修好，可以取机了，取机时请携带用户联。', 6)"
          "   FROM generate_series(1, " G_STRINGIFY (MAILS) ") g", 1, (const char *[]) { order }, error))
      {
        g_object_unref (sink.listener);
        return FALSE;
      }
  }
  sink.cancellable = g_cancellable_new ();
  sink_runner = g_thread_new ("smtp-sink", sink_thread, &sink);
  ok = send_both (bench, url, &stats, &sender_rate, &curl_rate, error);
  g_cancellable_cancel (sink.cancellable);
  g_thread_join (sink_runner);
  g_socket_listener_close (sink.listener);
  g_object_unref (sink.listener);
  g_object_unref (sink.cancellable);
  if (!ok)
    return FALSE;
  g_clear_pointer (&figure, g_free);
  figure = g_strdup_printf (_("%.0f e-mails/s (%u sent, %u failed)"), sender_rate, stats.sent,
                            stats.failed + stats.retried + stats.unknown);
  wx_bench_figure (_("one sender to an SMTP server on loopback"), figure, _("target ≥ 50 e-mails/s"));
  g_clear_pointer (&figure, g_free);
  figure = g_strdup_printf (_("%.0f e-mails/s; the sender reaches %.0f%% of it"), curl_rate,
                            100.0 * sender_rate / curl_rate);
  wx_bench_figure (_("the same e-mails straight with libcurl (limit)"), figure, NULL);
  return TRUE;
}

#define G_LOG_DOMAIN "wx-db-listener"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wx-db.h"
#include "wx-db-listener.h"
#include "wx-db-server.h"

/* Reconnecting: every second, so that a restarted server is noticed soon. */
#define RETRY_MS 1000
/* With no traffic for IDLE_MS the listener asks the server (SELECT 1) and
 * waits PING_MS for the answer: a server gone silently (a network cut, a
 * frozen machine, no TCP reset) is noticed within 2 s, even when idle. A
 * server that stops closes the socket, which is noticed at once. */
#define IDLE_MS 1000
#define PING_MS 1000

typedef struct {
  gatomicrefcount  ref;
  char            *conninfo;
  GCancellable    *stop;
  GWeakRef         owner;
  GMainContext    *context;
} Shared;

struct _WxDbListener
{
  GObject   parent_instance;
  Shared   *shared;
  GThread  *thread;
  gboolean  listening;
  char     *problem;
};

G_DEFINE_FINAL_TYPE (WxDbListener, wx_db_listener, G_TYPE_OBJECT)

enum { SIGNAL_ORDERS_CHANGED, SIGNAL_SETTINGS_CHANGED, SIGNAL_FEEDBACK_CHANGED, SIGNAL_RESYNC, N_SIGNALS };
static guint signals[N_SIGNALS];
enum { PROP_0, PROP_LISTENING, PROP_PROBLEM, N_PROPS };
static GParamSpec *properties[N_PROPS];

static Shared *
shared_ref (Shared *s)
{
  g_atomic_ref_count_inc (&s->ref);
  return s;
}

static void
shared_unref (Shared *s)
{
  if (!g_atomic_ref_count_dec (&s->ref))
    return;
  g_object_unref (s->stop);
  g_weak_ref_clear (&s->owner);
  g_main_context_unref (s->context);
  g_free (s->conninfo);
  g_free (s);
}

gboolean
wx_db_listener_parse_payload (const char *payload,
                              GArray     *ids)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *orders;

  if (!json_parser_load_from_data (parser, payload, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  orders = json_object_get_array_member (json_node_get_object (root), "orders");
  if (orders == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      gint64 id;

      if (o == NULL || !json_object_has_member (o, "id"))
        continue;
      id = json_object_get_int_member (o, "id");
      g_array_append_val (ids, id);
    }
  return TRUE;
}

/* Main context: one batch of news for the owner. */
typedef struct {
  Shared   *shared;
  GArray   *ids;        /* NULL: a state change */
  gboolean  settings;   /* the settings changed (channel wx_settings) */
  gboolean  feedback;   /* callbacks, complaints or escalations changed (wx_feedback) */
  gboolean  listening;
  gboolean  resync;
  char     *problem;    /* why not listening */
} News;

static void
news_free (gpointer data)
{
  News *n = data;

  g_clear_pointer (&n->ids, g_array_unref);
  shared_unref (n->shared);
  g_free (n->problem);
  g_free (n);
}

static gboolean
news_cb (gpointer data)
{
  News *n = data;
  g_autoptr(WxDbListener) self = g_weak_ref_get (&n->shared->owner);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (n->ids)
    {
      g_signal_emit (self, signals[SIGNAL_ORDERS_CHANGED], 0, n->ids);
      return G_SOURCE_REMOVE;
    }
  if (n->settings)
    {
      g_signal_emit (self, signals[SIGNAL_SETTINGS_CHANGED], 0);
      return G_SOURCE_REMOVE;
    }
  if (n->feedback)
    {
      g_signal_emit (self, signals[SIGNAL_FEEDBACK_CHANGED], 0);
      return G_SOURCE_REMOVE;
    }
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->problem, n->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (n->problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (self->listening != n->listening)
    {
      self->listening = n->listening;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (n->resync)
    g_signal_emit (self, signals[SIGNAL_RESYNC], 0);
  return G_SOURCE_REMOVE;
}

static void
send_news_full (Shared     *s,
                GArray     *ids,
                gboolean    settings,
                gboolean    listening,
                gboolean    resync,
                const char *problem)
{
  News *n = g_new0 (News, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  n->shared = shared_ref (s);
  n->ids = ids;
  n->settings = settings;
  n->listening = listening;
  n->resync = resync;
  n->problem = g_strdup (problem);
  /* Always a source on the owner's context, never a direct call: with
   * g_main_context_invoke_full() this thread would run news_cb itself
   * whenever the context was free at that moment (the default context is
   * this thread's default too), emitting the signals in the wrong thread. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, news_cb, n, news_free);
  g_source_attach (source, s->context);
}

static void
send_news (Shared   *s,
           GArray   *ids,
           gboolean  settings,
           gboolean  listening,
           gboolean  resync)
{
  send_news_full (s, ids, settings, listening, resync, NULL);
}

/* Callbacks, complaints or escalations changed. */
static void
send_feedback_news (Shared *s)
{
  News *n = g_new0 (News, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  n->shared = shared_ref (s);
  n->feedback = TRUE;
  n->listening = TRUE;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, news_cb, n, news_free);
  g_source_attach (source, s->context);
}

static PGconn *
connect_and_listen (Shared  *s,
                    GError **error_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(PGconn) conn = NULL;

  conninfo = s->conninfo ? g_strdup (s->conninfo)
                         : wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
  if (conninfo)
    conn = wx_db_connect (conninfo, &error);
  if (conn == NULL || !wx_db_execute (conn, "LISTEN wx_orders", 0, NULL, &error)
      || !wx_db_execute (conn, "LISTEN wx_settings", 0, NULL, &error)
      || !wx_db_execute (conn, "LISTEN wx_feedback", 0, NULL, &error))
    {
      g_debug ("not listening: %s", error->message);
      g_propagate_error (error_out, g_steal_pointer (&error));
      return NULL;
    }
  return g_steal_pointer (&conn);
}

/* Waits for the connection's socket (sock < 0: none) or the stop, at most
 * `timeout_ms` (-1: no limit); FALSE when stopped. *readable says whether
 * the socket has something. */
static gboolean
wait_readable (Shared   *s,
               int       sock,
               int       timeout_ms,
               gboolean *readable)
{
  GPollFD fds[2] = { { .fd = sock, .events = G_IO_IN } };
  GPollFD *cancel = &fds[1];
  int n = 0;

  if (sock >= 0)
    n = 1;
  else
    cancel = &fds[0];
  if (g_cancellable_make_pollfd (s->stop, cancel))
    n++;
  g_poll (fds, n, timeout_ms);
  if (cancel == &fds[0] ? n == 1 : n == 2)
    g_cancellable_release_fd (s->stop);
  if (readable)
    *readable = sock >= 0 && (fds[0].revents & (G_IO_IN | G_IO_HUP | G_IO_ERR)) != 0;
  return !g_cancellable_is_cancelled (s->stop);
}

/* Listens on `conn` until it is lost (FALSE) or the listener is stopped
 * (TRUE). With no traffic for IDLE_MS, asks the server whether it is still
 * there; no answer within PING_MS is a lost connection. */
static gboolean
listen_on (Shared *s,
           PGconn *conn)
{
  gint64 heard = g_get_monotonic_time ();
  gint64 asked = 0;      /* when the pending ping was sent; 0: none */

  for (;;)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean settings = FALSE;
      gboolean feedback = FALSE;
      gboolean readable = FALSE;
      gint64 now = g_get_monotonic_time ();
      gint64 until = asked ? asked + PING_MS * 1000 : heard + IDLE_MS * 1000;
      PGnotify *notify;

      if (!wait_readable (s, PQsocket (conn), (int) MAX ((until - now + 999) / 1000, 0), &readable))
        return TRUE;
      now = g_get_monotonic_time ();
      if (readable)
        {
          if (!PQconsumeInput (conn))
            return FALSE;
          heard = now;
        }
      /* The ping's answer, once complete. */
      while (asked && !PQisBusy (conn))
        {
          g_autoptr(PGresult) res = PQgetResult (conn);

          if (res == NULL)
            {
              asked = 0;
              break;
            }
          if (PQresultStatus (res) != PGRES_TUPLES_OK)
            return FALSE;
        }
      if (PQstatus (conn) != CONNECTION_OK)
        return FALSE;
      while ((notify = PQnotifies (conn)) != NULL)
        {
          if (g_str_equal (notify->relname, "wx_settings"))
            settings = TRUE;
          else if (g_str_equal (notify->relname, "wx_feedback"))
            feedback = TRUE;
          else if (!wx_db_listener_parse_payload (notify->extra, ids))
            g_debug ("ignored notification: %s", notify->extra);
          PQfreemem (notify);
        }
      if (ids->len > 0)
        send_news (s, g_steal_pointer (&ids), FALSE, TRUE, FALSE);
      if (settings)
        send_news (s, NULL, TRUE, TRUE, FALSE);
      if (feedback)
        send_feedback_news (s);

      if (asked && now >= asked + PING_MS * 1000)
        {
          g_debug ("the server did not answer for %d ms", PING_MS);
          return FALSE;
        }
      if (!asked && now >= heard + IDLE_MS * 1000)
        {
          if (!PQsendQuery (conn, "SELECT 1"))
            return FALSE;
          asked = now;
        }
    }
}

static gpointer
listen_thread (gpointer data)
{
  Shared *s = data;
  gboolean was_listening = FALSE;
  g_autofree char *problem = NULL;

  while (!g_cancellable_is_cancelled (s->stop))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGconn) conn = connect_and_listen (s, &error);

      if (conn == NULL)
        {
          /* Not back yet: say why, when that changed (at start, before
           * it ever listened, the worker says it). */
          if (was_listening || (problem && g_strcmp0 (problem, error->message) != 0))
            {
              g_free (problem);
              problem = g_strdup (error->message);
              send_news_full (s, NULL, FALSE, FALSE, FALSE, problem);
            }
          was_listening = FALSE;
          wait_readable (s, -1, RETRY_MS, NULL);
          continue;
        }
      /* Anything may have changed while we were not listening. */
      g_clear_pointer (&problem, g_free);
      send_news (s, NULL, FALSE, TRUE, TRUE);
      was_listening = TRUE;

      if (listen_on (s, conn))
        break;
      /* Lost: said at once, then connecting again. */
      problem = g_strdup (_("The connection to the database server was lost."));
      send_news_full (s, NULL, FALSE, FALSE, FALSE, problem);
      was_listening = FALSE;
    }
  shared_unref (s);
  return NULL;
}

static void
wx_db_listener_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LISTENING:
      g_value_set_boolean (value, WX_DB_LISTENER (object)->listening);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, WX_DB_LISTENER (object)->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_db_listener_finalize (GObject *object)
{
  WxDbListener *self = WX_DB_LISTENER (object);

  g_cancellable_cancel (self->shared->stop);
  g_thread_unref (self->thread);   /* it ends by itself */
  shared_unref (self->shared);
  g_free (self->problem);
  G_OBJECT_CLASS (wx_db_listener_parent_class)->finalize (object);
}

static void
wx_db_listener_class_init (WxDbListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wx_db_listener_finalize;
  object_class->get_property = wx_db_listener_get_property;

  /**
   * WxDbListener::orders-changed:
   * @ids: (element-type gint64): the orders that changed
   */
  signals[SIGNAL_ORDERS_CHANGED] = g_signal_new ("orders-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_ARRAY);
  /**
   * WxDbListener::settings-changed:
   *
   * The shop's settings, calendar, clocks or staff changed (channel
   * wx_settings): reload what depends on them.
   */
  signals[SIGNAL_SETTINGS_CHANGED] = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WxDbListener::feedback-changed:
   *
   * Callbacks, complaints or escalations changed (channel wx_feedback,
   * 032_bench.sql): the supervisor's pages reload.
   */
  signals[SIGNAL_FEEDBACK_CHANGED] = g_signal_new ("feedback-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WxDbListener::resync:
   *
   * Listening (again): notifications may have been missed; reload.
   */
  signals[SIGNAL_RESYNC] = g_signal_new ("resync", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* FALSE once a connection that listened is lost (within 2 s, even
   * idle), TRUE again when it is back (with "resync"). */
  properties[PROP_LISTENING] = g_param_spec_boolean ("listening", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Why it is not listening, while it is not (after it was). */
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wx_db_listener_init (WxDbListener *self)
{
}

WxDbListener *
wx_db_listener_new (const char *conninfo)
{
  WxDbListener *self = g_object_new (WX_TYPE_DB_LISTENER, NULL);
  Shared *s = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&s->ref);
  s->conninfo = g_strdup (conninfo);
  s->stop = g_cancellable_new ();
  s->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&s->owner, self);
  self->shared = s;
  self->thread = g_thread_new ("wx-db-listener", listen_thread, shared_ref (s));
  return self;
}

gboolean
wx_db_listener_get_listening (WxDbListener *self)
{
  g_return_val_if_fail (WX_IS_DB_LISTENER (self), FALSE);
  return self->listening;
}

const char *
wx_db_listener_get_problem (WxDbListener *self)
{
  g_return_val_if_fail (WX_IS_DB_LISTENER (self), NULL);
  return self->problem;
}

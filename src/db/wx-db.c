#define G_LOG_DOMAIN "wx-db"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wx-db.h"
#include "wx-db-session.h"

static void
notice_cb (void *data, const char *message)
{
  g_debug ("server notice: %s", message);
}

/* connect_timeout of the connection string, in seconds (0: none); as
 * libpq reads it, at least 2. */
static int
connect_timeout (PGconn *conn)
{
  PQconninfoOption *opts = PQconninfo (conn);
  int seconds = 0;

  for (PQconninfoOption *o = opts; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "connect_timeout") && o->val)
      seconds = atoi (o->val);
  PQconninfoFree (opts);
  return seconds <= 0 ? 0 : MAX (seconds, 2);
}

/* PQconnectdb(), but with the error verbosity set before the server
 * answers, so that a refusal's message carries its SQLSTATE: libpq keeps
 * no result of a failed connection to read it from, and the message's
 * words may be in any language. Waits connect_timeout per address as
 * libpq does (but does not go on to the next address after a timeout);
 * *timed_out says it ran out. */
static PGconn *
connect_verbose (const char *conninfo,
                 gboolean   *timed_out)
{
  PGconn *conn = PQconnectStart (conninfo);
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  int timeout = 0;
  int sock = -1;
  gint64 deadline = 0;

  *timed_out = FALSE;
  if (conn == NULL)
    return NULL;
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);
  if (PQstatus (conn) == CONNECTION_BAD)
    return conn;
  timeout = connect_timeout (conn);
  while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED)
    {
      GPollFD fd = { .fd = PQsocket (conn), .events = st == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT };
      int wait = -1;

      if (fd.fd < 0)
        break;   /* no socket to wait on: it failed */
      if (fd.fd != sock)
        {
          /* Another address: its own time. */
          sock = fd.fd;
          deadline = timeout ? g_get_monotonic_time () + timeout * G_USEC_PER_SEC : 0;
        }
      if (deadline)
        wait = (int) MAX ((deadline - g_get_monotonic_time ()) / 1000, 0);
      if (g_poll (&fd, 1, wait) == 0 && deadline && g_get_monotonic_time () >= deadline)
        {
          *timed_out = TRUE;
          break;
        }
      st = PQconnectPoll (conn);
    }
  return conn;
}

/* A server reached over the network (not a Unix socket) gets TLS with its
 * certificate checked against the shop's CA and its name (verify-full),
 * unless the connection string or PGSSLMODE says otherwise. */
char *
wx_db_conninfo_secure (const char *conninfo)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo ? conninfo : "", NULL);
  const char *host = NULL, *hostaddr = NULL, *sslmode = NULL, *rootcert = NULL;
  g_autofree char *with_mode = NULL;
  g_autofree char *ca = NULL;
  char *result;

  if (opts == NULL)
    return g_strdup (conninfo);
  for (PQconninfoOption *o = opts; o->keyword; o++)
    {
      const char *v = o->val ? o->val : (o->envvar ? g_getenv (o->envvar) : NULL);

      if (g_str_equal (o->keyword, "host"))
        host = v;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = v;
      else if (g_str_equal (o->keyword, "sslmode"))
        sslmode = v;
      else if (g_str_equal (o->keyword, "sslrootcert"))
        rootcert = v;
    }
  if (((host == NULL || *host == '\0' || *host == '/' || *host == '@') && (hostaddr == NULL || *hostaddr == '\0'))
      || (sslmode && *sslmode))
    {
      PQconninfoFree (opts);
      return g_strdup (conninfo);
    }
  with_mode = wx_db_conninfo_with (conninfo, "sslmode", "verify-full");
  if (rootcert == NULL || *rootcert == '\0')
    ca = wx_db_shop_ca_file ();
  result = ca ? wx_db_conninfo_with (with_mode, "sslrootcert", ca) : g_strdup (with_mode);
  PQconninfoFree (opts);
  return result;
}

PGconn *
wx_db_connect (const char  *conninfo_arg,
               GError     **error)
{
  g_autofree char *conninfo = wx_db_conninfo_secure (conninfo_arg);
  g_autofree char *with_name = wx_db_conninfo_with (conninfo, "application_name", "weixiu");
  gboolean timed_out = FALSE;
  g_autoptr(PGconn) conn = connect_verbose (with_name ? with_name : conninfo, &timed_out);

  if (conn == NULL || timed_out || PQstatus (conn) != CONNECTION_OK)
    {
      const char *msg = conn ? PQerrorMessage (conn) : "out of memory";
      g_autofree char *sqlstate = wx_db_message_sqlstate (msg);
      /* Whether a server answers at all, when it did not say why itself. */
      PGPing ping = timed_out ? PQPING_NO_RESPONSE
                  : sqlstate ? PQPING_OK
                  : PQping (with_name ? with_name : conninfo);

      wx_db_set_connect_error (error, msg, conn && PQconnectionNeedsPassword (conn), ping);
      return NULL;
    }
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);

  PQsetNoticeProcessor (conn, notice_cb, NULL);
  /* Text protocol, ISO dates, UTF-8: what the parsing code expects. */
  if (PQsetClientEncoding (conn, "UTF8") != 0)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                           _("The server cannot talk UTF-8; Chinese text would be lost."));
      return NULL;
    }
  if (!wx_db_execute (conn, "SET datestyle = ISO", 0, NULL, error))
    return NULL;
  return g_steal_pointer (&conn);
}

PGresult *
wx_db_query (PGconn              *conn,
             const char          *sql,
             int                  n_params,
             const char * const  *params,
             GError             **error)
{
  g_autoptr(PGresult) res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType st = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    {
      wx_db_set_error_from_result (error, res, conn);
      return NULL;
    }
  return g_steal_pointer (&res);
}

gboolean
wx_db_execute (PGconn              *conn,
               const char          *sql,
               int                  n_params,
               const char * const  *params,
               GError             **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn, sql, n_params, params, error);

  return res != NULL;
}

/* Several statements without parameters: migrations shipped in the GResource. */
gboolean
wx_db_execute_script (PGconn      *conn,
                      const char  *script,
                      GError     **error)
{
  g_autoptr(PGresult) res = PQexec (conn, script);

  if (res == NULL || (PQresultStatus (res) != PGRES_COMMAND_OK &&
                      PQresultStatus (res) != PGRES_TUPLES_OK))
    {
      g_debug ("script failed: %s", res ? PQresultErrorMessage (res) : PQerrorMessage (conn));
      wx_db_set_error_from_result (error, res, conn);
      return FALSE;
    }
  return TRUE;
}

gboolean
wx_db_begin (PGconn  *conn,
             GError **error)
{
  return wx_db_execute (conn, "BEGIN", 0, NULL, error);
}

gboolean
wx_db_commit (PGconn  *conn,
              GError **error)
{
  return wx_db_execute (conn, "COMMIT", 0, NULL, error);
}

void
wx_db_rollback (PGconn *conn)
{
  g_autoptr(PGresult) res = PQexec (conn, "ROLLBACK");
}

/* The first column of the first row, or NULL (no error) when there is no row
 * or the value is NULL. */
char *
wx_db_query_value (PGconn              *conn,
                   const char          *sql,
                   int                  n_params,
                   const char * const  *params,
                   GError             **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn, sql, n_params, params, error);

  if (res == NULL || PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* Appends a value in COPY text format (NULL → \N). */
GString *
wx_db_copy_escape (GString    *out,
                   const char *value)
{
  if (value == NULL)
    return g_string_append (out, "\\N");
  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:   g_string_append_c (out, *p); break;
      }
  return out;
}

/* Bulk load: COPY … FROM STDIN with `data` in text format. */
gboolean
wx_db_copy_in (PGconn      *conn,
               const char  *copy_sql,
               GString     *data,
               GError     **error)
{
  g_autoptr(PGresult) start = PQexec (conn, copy_sql);
  g_autoptr(PGresult) end = NULL;

  if (start == NULL || PQresultStatus (start) != PGRES_COPY_IN)
    {
      wx_db_set_error_from_result (error, start, conn);
      return FALSE;
    }
  if (PQputCopyData (conn, data->str, (int) data->len) != 1 || PQputCopyEnd (conn, NULL) != 1)
    {
      PQputCopyEnd (conn, "aborted");
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE,
                           _("The connection to the database was lost while loading data."));
      return FALSE;
    }
  end = PQgetResult (conn);
  if (end == NULL || PQresultStatus (end) != PGRES_COMMAND_OK)
    {
      wx_db_set_error_from_result (error, end, conn);
      g_clear_pointer (&end, PQclear);
      while ((end = PQgetResult (conn)) != NULL)
        g_clear_pointer (&end, PQclear);
      return FALSE;
    }
  while (TRUE)
    {
      g_autoptr(PGresult) more = PQgetResult (conn);
      if (more == NULL)
        break;
    }
  return TRUE;
}

/* libpq's environment names a server (PGHOST, PGDATABASE or PGSERVICE):
 * then it, not the private local server, is the database. */
gboolean
wx_db_env_configured (void)
{
  return g_getenv ("PGHOST") || g_getenv ("PGDATABASE") || g_getenv ("PGSERVICE");
}

static void
append_quoted (GString *s, const char *value)
{
  g_string_append_c (s, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

/* Rebuilds `conninfo` (key=value or URI form) with `key` set to `value`. */
char *
wx_db_conninfo_with (const char *conninfo,
                     const char *key,
                     const char *value)
{
  char *errmsg = NULL;
  PQconninfoOption *opts = PQconninfoParse (conninfo ? conninfo : "", &errmsg);
  GString *s;

  if (opts == NULL)
    {
      PQfreemem (errmsg);
      return NULL;
    }
  s = g_string_new (NULL);
  for (PQconninfoOption *o = opts; o->keyword; o++)
    {
      const char *v = g_str_equal (o->keyword, key) ? value : o->val;
      if (v == NULL)
        continue;
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%s=", o->keyword);
      append_quoted (s, v);
    }
  PQconninfoFree (opts);
  return g_string_free (s, FALSE);
}

char *
wx_db_setting (PGconn      *conn,
               const char  *key,
               const char  *fallback,
               GError     **error)
{
  const char *params[] = { key, fallback };

  return wx_db_query_value (conn, "SELECT wx_setting($1, $2)", 2, params, error);
}

GHashTable *
wx_db_json_values (const char  *json,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                           _("The database returned data in a form this program does not understand; update Weixiu."));
      return NULL;
    }
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &node))
    {
      GType t;

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      t = json_node_get_value_type (node);
      if (t == G_TYPE_STRING)
        g_hash_table_insert (values, g_strdup (name), g_strdup (json_node_get_string (node)));
      else if (t == G_TYPE_BOOLEAN)
        g_hash_table_insert (values, g_strdup (name), g_strdup (json_node_get_boolean (node) ? "true" : "false"));
      else if (t == G_TYPE_INT64)
        g_hash_table_insert (values, g_strdup (name), g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)));
      else if (t == G_TYPE_DOUBLE)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          g_hash_table_insert (values, g_strdup (name),
                               g_strdup (g_ascii_dtostr (number, sizeof number, json_node_get_double (node))));
        }
    }
  return g_steal_pointer (&values);
}

gint64
wx_db_get_int (const PGresult *res,
               int             row,
               int             column)
{
  return g_ascii_strtoll (PQgetvalue (res, row, column), NULL, 10);
}

char *
wx_db_dup_text (const PGresult *res,
                int             row,
                int             column)
{
  return g_strdup (PQgetvalue (res, row, column));
}

gboolean
wx_db_get_bool (const PGresult *res,
                int             row,
                int             column)
{
  return g_str_equal (PQgetvalue (res, row, column), "t");
}

/* A copy of `text` (NULL stays NULL) that lives as long as `strings`, the
 * string pool of a job that runs on the worker after its caller returned. */
const char *
wx_db_keep_string (GPtrArray  *strings,
                   const char *text)
{
  char *copy = g_strdup (text);

  if (copy)
    g_ptr_array_add (strings, copy);
  return copy;
}

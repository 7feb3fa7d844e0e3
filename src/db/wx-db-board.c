#define G_LOG_DOMAIN "wx-db-board"

#include <string.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-board.h"
#include "wx-db-lookup.h"
#include "wx-db-review.h"
#include "wx-db-sla.h"

#define DAY (24 * 60 * 60)

/* A fragment found in this many of the newest orders often enough to fill
 * the page is answered from them alone; a rarer one through the indexes of
 * data/sql/006_search.sql. */
#define SEARCH_RECENT 1000

/* One row a card: the fields of WxOrderData, then the order's events as
 * "code seconds code seconds …" in time order, for its clocks. The events
 * come from a sorted subquery, PostgreSQL's documented way to feed an
 * aggregate in order (ORDER BY inside string_agg would sort them again).
 * Times are whole seconds, rounded as wx_db_sla_orders_load() rounds them.
 * Then what the pink copy says of the shelf: the part awaited and the peer
 * shop, each read only for the orders in that state (the state test gates
 * the subquery, which otherwise is not run). */
#define CARD_SELECT \
  "SELECT o.id, o.number, o.version, o.kind, o.state, o.unit_name, o.contact_person," \
  "       coalesce(o.contact_mobile, o.contact_phone), o.product_name, o.model, o.serial," \
  "       o.reported_fault, o.engineer, coalesce(s.full_name, o.engineer), o.owner_role," \
  "       floor(date_part('epoch', o.received_at))::bigint, floor(date_part('epoch', o.appointment_at))::bigint," \
  "       floor(date_part('epoch', o.updated_at))::bigint, o.updated_by, o.is_return_repair, x.n," \
  "       (SELECT string_agg(e.event || ' ' || floor(date_part('epoch', e.at))::bigint, ' ')" \
  "          FROM (SELECT e.event, e.at FROM order_events e" \
  "                 WHERE e.order_id = o.id ORDER BY e.at, e.id) e)," \
  "       o.unit_address, p.description, p.expected_on, u.name, o.quote_total," \
  "       date_part('epoch', o.quoted_at)::bigint, wx_order_balance(o.id)" \
  "  FROM service_orders o LEFT JOIN staff s ON s.role_name = o.engineer" \
  "  LEFT JOIN LATERAL (SELECT p.description, p.expected_on FROM part_orders p" \
  "                      WHERE o.state = 'waiting_parts' AND p.order_id = o.id AND p.arrived_at IS NULL" \
  "                      ORDER BY p.ordered_at DESC, p.id DESC LIMIT 1) p ON true" \
  "  LEFT JOIN LATERAL (SELECT x.name FROM outsourcing t JOIN suppliers x ON x.id = t.peer_id" \
  "                      WHERE o.state = 'outsourced' AND t.order_id = o.id AND t.returned_at IS NULL" \
  "                      ORDER BY t.sent_at DESC, t.id DESC LIMIT 1) u ON true" \
  "  LEFT JOIN (SELECT order_id, count(*) AS n FROM escalations" \
  "              WHERE resolved_at IS NULL GROUP BY order_id) x ON x.order_id = o.id"

enum {
  COL_ID, COL_NUMBER, COL_VERSION, COL_KIND, COL_STATE, COL_UNIT, COL_CONTACT,
  COL_PHONE, COL_PRODUCT, COL_MODEL, COL_SERIAL, COL_FAULT, COL_ENGINEER,
  COL_ENGINEER_NAME, COL_OWNER, COL_RECEIVED, COL_APPOINTMENT, COL_UPDATED,
  COL_UPDATED_BY, COL_RETURN_REPAIR, COL_ESCALATIONS, COL_EVENTS, COL_ADDRESS,
  COL_PART, COL_PART_EXPECTED, COL_PEER, COL_QUOTE_TOTAL, COL_QUOTED_AT,
  COL_BALANCE,
};

/* What the search matches, for rows `m` of order_search: $1 the text and
 * $2 its digits when it looks like a phone number (both escaped for LIKE;
 * the digits are looked for apart only when they differ from the text).
 * The table and its indexes are those of data/sql/006_search.sql. */
#define SEARCH_MATCH(and_short) \
  "((m.text LIKE '%' || lower($1) || '%'" and_short ")" \
  " OR ($2::text IS NOT NULL" \
  "     AND (($2 <> lower($1) AND m.text LIKE '%' || $2 || '%')" \
  "          OR m.customer_id = ANY (ARRAY (SELECT c.id FROM customers c" \
  "                                          WHERE c.phone_digits LIKE '%' || $2 || '%')))))"

/* The other words of a text of several ("南粤 口腔"): each must be found
 * too, in any order. $n: their LIKE-escaped texts, NULL for one word. */
#define SEARCH_WORDS(n) \
  " AND (" n "::text[] IS NULL" \
  "      OR m.text LIKE ALL (ARRAY(SELECT '%' || lower(w) || '%' FROM unnest(" n "::text[]) w)))"

/* The newest orders first: a walk down received_at that stops early when
 * the fragment is common, and costs little when it is not. $3: the limit. */
static const char search_recent_sql[] =
  CARD_SELECT
  " WHERE o.id IN (SELECT m.order_id"
  "                  FROM (SELECT order_id, customer_id, received_at, text FROM order_search"
  "                         ORDER BY received_at DESC, order_id DESC LIMIT " G_STRINGIFY (SEARCH_RECENT) ") m"
  "                 WHERE " SEARCH_MATCH ("") SEARCH_WORDS ("$4")
  "                 ORDER BY m.received_at DESC, m.order_id DESC LIMIT $3)"
  " ORDER BY o.received_at DESC, o.id DESC";

/* Every order through the indexes (the CTE keeps the planner from walking
 * received_at instead, which reads the whole table for a rare fragment).
 * $4: the text itself when it has one or two characters, which trigrams
 * cannot index but the short grams can. */
static const char search_all_sql[] =
  "WITH hits AS MATERIALIZED ("
  "  SELECT m.order_id, m.received_at FROM order_search m"
  "   WHERE " SEARCH_MATCH (" AND ($4::text IS NULL OR wx_short_grams(m.text) @> ARRAY[lower($4)])")
  SEARCH_WORDS ("$5") ")"
  " "
  CARD_SELECT
  " WHERE o.id IN (SELECT h.order_id FROM hits h ORDER BY h.received_at DESC, h.order_id DESC LIMIT $3)"
  " ORDER BY o.received_at DESC, o.id DESC";

static GPtrArray *
no_cards (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
dup_value (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static gint64
int_value (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

/* Appends the events of "code seconds code seconds …" (codes interned:
 * the cards keep them). */
static void
parse_events (GStringChunk *chunk,
              const char   *text,
              GArray       *events,
              gint64       *earliest)
{
  char *p = g_string_chunk_insert (chunk, text);

  while (*p != '\0')
    {
      char *space = strchr (p, ' ');
      WxSlaEvent ev;

      if (space == NULL)
        break;
      *space = '\0';
      ev.event = g_intern_string (p);
      ev.at = g_ascii_strtoll (space + 1, &p, 10);
      while (*p == ' ')
        p++;
      g_array_append_val (events, ev);
      *earliest = MIN (*earliest, ev.at);
    }
}

static void
fill_data (WxOrderData *d,
           PGresult    *res,
           int          row)
{
  d->id = int_value (res, row, COL_ID);
  d->number = dup_value (res, row, COL_NUMBER);
  d->version = (int) int_value (res, row, COL_VERSION);
  wx_order_kind_from_code (PQgetvalue (res, row, COL_KIND), &d->kind);
  wx_workflow_state_from_code (PQgetvalue (res, row, COL_STATE), &d->state);
  d->unit_name = dup_value (res, row, COL_UNIT);
  d->contact_person = dup_value (res, row, COL_CONTACT);
  d->phone = dup_value (res, row, COL_PHONE);
  d->product_name = dup_value (res, row, COL_PRODUCT);
  d->model = dup_value (res, row, COL_MODEL);
  d->serial = dup_value (res, row, COL_SERIAL);
  d->fault = dup_value (res, row, COL_FAULT);
  d->engineer = dup_value (res, row, COL_ENGINEER);
  d->engineer_name = dup_value (res, row, COL_ENGINEER_NAME);
  d->owner = dup_value (res, row, COL_OWNER);
  d->received_at = int_value (res, row, COL_RECEIVED);
  d->appointment_at = int_value (res, row, COL_APPOINTMENT);
  d->updated_at = int_value (res, row, COL_UPDATED);
  d->updated_by = dup_value (res, row, COL_UPDATED_BY);
  d->return_repair = g_str_equal (PQgetvalue (res, row, COL_RETURN_REPAIR), "t");
  d->open_escalations = (guint) int_value (res, row, COL_ESCALATIONS);
  d->address = dup_value (res, row, COL_ADDRESS);
  d->part = dup_value (res, row, COL_PART);
  d->part_expected = dup_value (res, row, COL_PART_EXPECTED);
  d->peer = dup_value (res, row, COL_PEER);
  d->quote_total = int_value (res, row, COL_QUOTE_TOTAL);
  d->quoted_at = int_value (res, row, COL_QUOTED_AT);
  d->balance = int_value (res, row, COL_BALANCE);
}

/* The cards of a result of CARD_SELECT. The clocks of all open orders come
 * from one calendar and set of thresholds, loaded once over the time their
 * events span; closed orders have none. */
static GPtrArray *
cards_from_result (PGconn    *conn,
                   PGresult  *res,
                   gint64     now,
                   GError   **error)
{
  int n = PQntuples (res);
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (64 * 1024);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (WxSlaEvent));
  g_autofree guint *first = g_new (guint, n + 1);
  WxSlaRules rules = { 0 };
  g_autoptr(WxSlaRules) shared = NULL;
  gint64 earliest = now;
  GPtrArray *cards;

  for (int i = 0; i < n; i++)
    {
      WxOrderState state;
      gboolean open = wx_workflow_state_from_code (PQgetvalue (res, i, COL_STATE), &state) &&
                      wx_workflow_state_info (state)->open;

      first[i] = events->len;
      if (open && !PQgetisnull (res, i, COL_EVENTS))
        parse_events (chunk, PQgetvalue (res, i, COL_EVENTS), events, &earliest);
    }
  first[n] = events->len;
  if (events->len > 0 &&
      !wx_db_sla_rules_load (conn, earliest - DAY, now + 60 * DAY, &rules, error))
    return NULL;

  /* One set of rules for all the cards, which keep it with their events to
   * move their clocks on with time (wx_order_at). */
  if (events->len > 0)
    shared = wx_sla_rules_share (&rules);
  cards = g_ptr_array_new_full (n, g_object_unref);
  for (int i = 0; i < n; i++)
    {
      WxOrderData d = { 0 };

      fill_data (&d, res, i);
      if (first[i + 1] > first[i])
        {
          d.events = g_array_sized_new (FALSE, FALSE, sizeof (WxSlaEvent), first[i + 1] - first[i]);
          g_array_append_vals (d.events, &g_array_index (events, WxSlaEvent, first[i]), first[i + 1] - first[i]);
          d.rules = wx_sla_rules_ref (shared);
          wx_order_data_compute_clock (&d, now);
        }
      g_ptr_array_add (cards, wx_order_new_take (&d));
    }
  return cards;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = wx_order_get_id (*(WxOrder **) a), y = wx_order_get_id (*(WxOrder **) b);

  return (x > y) - (x < y);
}

/* In id order, sorted here rather than by the server, which would sort the
 * rows with their events. */
static GPtrArray *
sorted_by_id (GPtrArray *cards)
{
  if (cards != NULL)
    g_ptr_array_sort (cards, compare_ids);
  return cards;
}

GPtrArray *
wx_db_board_load (PGconn  *conn,
                  gint64   now,
                  GError **error)
{
  g_autoptr(GString) states = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[1];
  guint n_states;
  const WxStateInfo *info = wx_workflow_states (&n_states);

  /* The open states as an array from core (test-migrate holds the database's
   * table equal to it): the planner then estimates the few open orders among
   * many closed ones from the column's statistics and takes the index. */
  for (guint i = 0; i < n_states; i++)
    if (info[i].open)
      g_string_append_printf (states, "%s%s", states->len > 1 ? "," : "", info[i].code);
  g_string_append_c (states, '}');
  params[0] = states->str;
  res = wx_db_query (conn, CARD_SELECT " WHERE o.state = ANY ($1::text[])", 1, params, error);
  return res ? sorted_by_id (cards_from_result (conn, res, now, error)) : NULL;
}

GPtrArray *
wx_db_board_load_ids (PGconn        *conn,
                      const gint64  *ids,
                      guint          n_ids,
                      gint64         now,
                      GError       **error)
{
  g_autoptr(GString) array = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[1];

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  if (n_ids == 0)
    return no_cards ();
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (array, '}');
  params[0] = array->str;
  res = wx_db_query (conn, CARD_SELECT " WHERE o.id = ANY ($1::bigint[])", 1, params, error);
  return res ? sorted_by_id (cards_from_result (conn, res, now, error)) : NULL;
}

GPtrArray *
wx_db_board_load_engineer (PGconn              *conn,
                           const char          *login,
                           const char * const  *states,
                           gint64               now,
                           GError             **error)
{
  g_autoptr(GString) array = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[2];

  g_return_val_if_fail (login != NULL && states != NULL, NULL);
  for (guint i = 0; states[i]; i++)
    g_string_append_printf (array, "%s%s", i ? "," : "", states[i]);
  g_string_append_c (array, '}');
  params[0] = login;
  params[1] = array->str;
  res = wx_db_query (conn, CARD_SELECT " WHERE o.engineer = $1 AND o.state = ANY ($2::text[])", 2, params, error);
  return res ? sorted_by_id (cards_from_result (conn, res, now, error)) : NULL;
}

/* `text` with the LIKE wildcards and the escape character taken literally. */
static char *
like_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '%' || *p == '_')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The digits of a text that looks like (part of) a phone number — digits,
 * spaces, dashes, brackets, dots, a plus — with three digits or more; else
 * NULL. */
static char *
phone_digits (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (strchr (" -+().", *p) == NULL)
      return NULL;
  return digits->len >= 3 ? g_strdup (digits->str) : NULL;
}

/* `text` as an element of a PostgreSQL array literal: in double quotes,
 * its backslashes and quotes escaped. */
static char *
array_element (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

GPtrArray *
wx_db_orders_search (PGconn      *conn,
                     const char  *text,
                     guint        limit,
                     gint64       now,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *limit_text = NULL;
  g_autoptr(PGresult) res = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *word_array = NULL;
  const char *params[5];

  if (text == NULL || limit == 0)
    return no_cards ();
  trimmed = g_strstrip (g_utf8_make_valid (text, -1));
  if (*trimmed == '\0')
    return no_cards ();
  digits = phone_digits (trimmed);
  /* Several words (not a phone number's groups): the longest goes through
   * the index, the others must be found as well. */
  if (digits == NULL)
    words = g_regex_split_simple ("[ 　]+", trimmed, 0, 0);   /* full-width spaces too */
  if (words != NULL && g_strv_length (words) > 1)
    {
      g_autoptr(GString) others = g_string_new ("{");
      guint longest = 0;

      for (guint i = 1; words[i]; i++)
        if (strlen (words[i]) > strlen (words[longest]))
          longest = i;
      for (guint i = 0; words[i]; i++)
        if (i != longest && *words[i])
          {
            g_autofree char *escaped = like_escape (words[i]);
            g_autofree char *quoted = array_element (escaped);

            g_string_append_printf (others, "%s%s", others->len > 1 ? "," : "", quoted);
          }
      g_string_append_c (others, '}');
      word_array = g_string_free (g_steal_pointer (&others), FALSE);
      g_free (trimmed);
      trimmed = g_strdup (words[longest]);
    }
  pattern = like_escape (trimmed);
  limit_text = g_strdup_printf ("%u", limit);
  params[0] = pattern;
  params[1] = digits;
  params[2] = limit_text;
  params[3] = g_utf8_strlen (trimmed, -1) <= 2 ? trimmed : NULL;
  params[4] = word_array;

  if (limit <= SEARCH_RECENT)
    {
      const char *recent[] = { params[0], params[1], params[2], word_array };

      res = wx_db_query (conn, search_recent_sql, 4, recent, error);
      if (res == NULL)
        return NULL;
      if ((guint) PQntuples (res) == limit)
        return cards_from_result (conn, res, now, error);
      g_clear_pointer (&res, PQclear);
    }
  res = wx_db_query (conn, search_all_sql, 5, params, error);
  return res ? cards_from_result (conn, res, now, error) : NULL;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char  *text;
  guint  limit;
} SearchQuery;

static void
search_query_free (SearchQuery *q)
{
  g_free (q->text);
  g_free (q);
}

static gboolean
search_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  SearchQuery *q = data;

  *result = wx_db_orders_search (conn, q->text, q->limit, g_get_real_time () / G_USEC_PER_SEC, error);
  return *result != NULL;
}

void
wx_db_orders_search_async (WxDbWorker *worker, const char *text, guint limit, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  SearchQuery *q = g_new0 (SearchQuery, 1);

  q->text = g_strdup (text);
  q->limit = limit;
  wx_db_worker_read_async (worker, search_job, q, (GDestroyNotify) search_query_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wx_db_orders_search_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

void
wx_db_board_free (WxDbBoard *b)
{
  if (b == NULL)
    return;
  g_clear_pointer (&b->orders, g_ptr_array_unref);
  g_clear_pointer (&b->returns, g_ptr_array_unref);
  g_free (b->login);
  g_free (b->full_name);
  g_free (b);
}

static gboolean
board_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  WxDbBoard *b = g_new0 (WxDbBoard, 1);

  if (!wx_db_session_identity (conn, &b->login, &b->full_name, &b->roles, error) ||
      (b->orders = wx_db_board_load (conn, g_get_real_time () / G_USEC_PER_SEC, error)) == NULL ||
      (b->returns = wx_db_review_returns_load (conn, b->login, error)) == NULL)
    {
      wx_db_board_free (b);
      return FALSE;
    }
  *result = b;
  return TRUE;
}

void
wx_db_board_load_async (WxDbWorker *worker, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, board_job, NULL, NULL, (GDestroyNotify) wx_db_board_free,
                           cancellable, callback, user_data);
}

WxDbBoard *
wx_db_board_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef struct {
  GArray *ids;
  char   *login;
} Changes;

static void
changes_free (Changes *c)
{
  g_array_unref (c->ids);
  g_free (c->login);
  g_free (c);
}

static gboolean
changes_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Changes *c = data;
  WxDbBoard *b = g_new0 (WxDbBoard, 1);

  b->orders = wx_db_board_load_ids (conn, (const gint64 *) (gpointer) c->ids->data, c->ids->len,
                                    g_get_real_time () / G_USEC_PER_SEC, error);
  if (b->orders == NULL ||
      (c->login && (b->returns = wx_db_review_returns_load (conn, c->login, error)) == NULL))
    {
      wx_db_board_free (b);
      return FALSE;
    }
  *result = b;
  return TRUE;
}

void
wx_db_board_changes_async (WxDbWorker *worker, const gint64 *ids, guint n_ids, const char *login,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  Changes *c = g_new0 (Changes, 1);

  c->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (c->ids, ids, n_ids);
  c->login = g_strdup (login);
  wx_db_worker_read_async (worker, changes_job, c, (GDestroyNotify) changes_free,
                           (GDestroyNotify) wx_db_board_free, cancellable, callback, user_data);
}

WxDbBoard *
wx_db_board_changes_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef struct {
  char       *number;
  int         version;
  char       *event;
  GHashTable *data;
} StepRun;

static void
step_run_free (StepRun *r)
{
  g_free (r->number);
  g_free (r->event);
  g_clear_pointer (&r->data, g_hash_table_unref);
  g_free (r);
}

static gboolean
step_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  StepRun *r = data;
  g_autofree WxTransitionResult *done = g_new0 (WxTransitionResult, 1);

  if (!wx_db_order_step_full (conn, r->number, r->version, r->event, r->data, NULL, done, error))
    return FALSE;
  *result = g_steal_pointer (&done);
  return TRUE;
}

void
wx_db_board_step_async (WxDbWorker *worker, const char *number, int expected_version, const char *event,
                        GHashTable *data, GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  StepRun *r = g_new0 (StepRun, 1);

  r->number = g_strdup (number);
  r->version = expected_version;
  r->event = g_strdup (event);
  r->data = data ? g_hash_table_ref (data) : NULL;
  wx_db_worker_run_async (worker, step_job, r, (GDestroyNotify) step_run_free, g_free,
                          cancellable, callback, user_data);
}

gboolean
wx_db_board_step_finish (WxDbWorker *worker, GAsyncResult *res, WxTransitionResult *result, GError **error)
{
  g_autofree WxTransitionResult *done = wx_db_worker_run_finish (worker, res, error);

  if (done == NULL)
    return FALSE;
  if (result)
    *result = *done;
  return TRUE;
}

#define G_LOG_DOMAIN "wx-db"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-calendar.h"
#include "wx-db-report.h"
#include "wx-db-sla.h"

/* Clocks count in the week they stopped in; orders received this long
 * before the first week are still read for clocks that stop in it. */
#define CLOCK_LOOKBACK_DAYS 14

/* Everything counted by week (width_bucket over the week bounds: 1 … 9),
 * engineer and a key, in one statement: metric, week, engineer, key, n, a, b. */
static const char facts_sql[] =
  "WITH w AS (SELECT array_agg(to_timestamp(x) ORDER BY x) AS b FROM unnest($1::bigint[]) AS x)"
  " SELECT 'orders', width_bucket(o.received_at, w.b), coalesce(o.engineer::text, ''),"
  "        o.kind || ':' || CASE WHEN o.kind = 'sale' THEN 'none' ELSE coalesce(d.category, 'other') END,"
  "        count(*)::bigint, 0::bigint, 0::bigint"
  "   FROM w, service_orders o LEFT JOIN devices d ON d.id = o.device_id"
  "  WHERE o.received_at >= to_timestamp($2::bigint) AND o.received_at < to_timestamp($3::bigint) GROUP BY 1, 2, 3, 4"
  " UNION ALL"
  " SELECT 'handover', width_bucket(o.picked_up_at, w.b), coalesce(o.engineer::text, ''), '', count(*), 0, 0"
  "   FROM w, service_orders o"
  "  WHERE o.picked_up_at >= to_timestamp($2::bigint) AND o.picked_up_at < to_timestamp($3::bigint) GROUP BY 1, 2, 3"
  " UNION ALL"
  /* A return repair: the machine back within return_repair.days of the
   * handover of the order it returns (intake links them). */
  " SELECT 'return', width_bucket(r.received_at, w.b), coalesce(p.engineer::text, ''), '', count(*), 0, 0"
  "   FROM w, service_orders r JOIN service_orders p ON p.id = r.return_of_order_id"
  "  WHERE r.received_at >= to_timestamp($2::bigint) AND r.received_at < to_timestamp($3::bigint) AND r.is_return_repair"
  "    AND p.picked_up_at <= r.received_at"
  "    AND r.received_at < p.picked_up_at + make_interval(days => wx_setting('return_repair.days', '90')::integer)"
  "  GROUP BY 1, 2, 3"
  " UNION ALL"
  " SELECT 'review', width_bucket(v.at, w.b), coalesce(o.engineer::text, ''), '', count(*),"
  "        count(*) FILTER (WHERE v.parts_ok), 0"
  "   FROM w, order_reviews v JOIN service_orders o ON o.id = v.order_id"
  "  WHERE v.at >= to_timestamp($2::bigint) AND v.at < to_timestamp($3::bigint) AND v.parts_ok IS NOT NULL GROUP BY 1, 2, 3"
  " UNION ALL"
  " SELECT 'callback', width_bucket(c.done_at, w.b), coalesce(o.engineer::text, ''), '', count(*),"
  "        count(c.satisfaction), coalesce(sum(c.satisfaction), 0)"
  "   FROM w, callbacks c JOIN service_orders o ON o.id = c.order_id"
  "  WHERE c.done_at >= to_timestamp($2::bigint) AND c.done_at < to_timestamp($3::bigint) GROUP BY 1, 2, 3"
  " UNION ALL"
  " SELECT 'complaint', width_bucket(k.received_at, w.b), coalesce(o.engineer::text, ''), '', count(*), 0, 0"
  "   FROM w, complaints k LEFT JOIN service_orders o ON o.id = k.order_id"
  "  WHERE k.received_at >= to_timestamp($2::bigint) AND k.received_at < to_timestamp($3::bigint) GROUP BY 1, 2, 3"
  " UNION ALL"
  " SELECT 'payment', width_bucket(p.at, w.b), coalesce(o.engineer::text, ''), '', count(*), sum(p.amount)::bigint, 0"
  "   FROM w, payments p JOIN service_orders o ON o.id = p.order_id"
  "  WHERE p.at >= to_timestamp($2::bigint) AND p.at < to_timestamp($3::bigint) GROUP BY 1, 2, 3"
  " UNION ALL"
  " SELECT 'event', width_bucket(e.at, w.b), coalesce(o.engineer::text, ''), e.event, count(*), 0, 0"
  "   FROM w, order_events e JOIN service_orders o ON o.id = e.order_id"
  "  WHERE e.event IN ('quote', 'agree', 'decline') AND e.at >= to_timestamp($2::bigint) AND e.at < to_timestamp($3::bigint) GROUP BY 1, 2, 3, 4"
  " UNION ALL"
  " SELECT 'staff', 0, s.role_name::text, s.full_name::text, 0, 0, 0 FROM staff s"
  " UNION ALL"
  " SELECT 'setting', 0, '', wx_setting('company.name', ''), 0, 0, 0";

/* The events of the orders whose clocks may stop in the weeks, one row an
 * order: "event epoch,event epoch,…" in time order (small sorts per order,
 * and a tenth of the rows to carry). One join grouped by order, not a
 * subquery an order: at a chain's scale the planner merges the orders with
 * order_events_order_idx in one pass (26,000 buffers instead of 315,000 at
 * 100,000 orders); an order without events has no row, and no clock. */
static const char clock_events_sql[] =
  "SELECT o.kind, coalesce(o.engineer::text, ''),"
  "       string_agg(e.event || ' ' || floor(date_part('epoch', e.at))::bigint, ',' ORDER BY e.at, e.id)"
  "  FROM service_orders o JOIN order_events e ON e.order_id = o.id"
  " WHERE o.received_at >= to_timestamp($1::bigint) AND o.received_at < to_timestamp($2::bigint)"
  " GROUP BY o.id";

/* The orders open at $1, by state, engineer and age (width_bucket over the
 * age thresholds $2, seconds): those open now ($3, the open states) that
 * have not moved since, and those that moved since, in the state of their
 * last event before $1. */
static const char backlog_sql[] =
  "WITH t AS (SELECT to_timestamp($1::bigint) AS at),"
  " moved AS (SELECT DISTINCT e.order_id FROM order_events e WHERE e.at >= to_timestamp($1::bigint)),"
  " s AS (SELECT o.engineer, o.received_at, o.state"
  "         FROM service_orders o"
  "        WHERE o.state = ANY ($3::text[]) AND o.received_at < to_timestamp($1::bigint)"
  "          AND NOT EXISTS (SELECT 1 FROM order_events e"
  "                           WHERE e.order_id = o.id AND e.at >= to_timestamp($1::bigint))"
  "       UNION ALL"
  "       SELECT o.engineer, o.received_at,"
  "              (SELECT e.to_state FROM order_events e"
  "                WHERE e.order_id = o.id AND e.at < to_timestamp($1::bigint) AND e.to_state IS NOT NULL"
  "                ORDER BY e.at DESC, e.id DESC LIMIT 1)"
  "         FROM moved m JOIN service_orders o ON o.id = m.order_id"
  "        WHERE o.received_at < to_timestamp($1::bigint))"
  " SELECT s.state, coalesce(s.engineer::text, ''),"
  "        width_bucket(date_part('epoch', t.at - s.received_at)::bigint, $2::bigint[]), count(*)"
  "   FROM t, s"
  "  WHERE s.state = ANY ($3::text[])"
  "  GROUP BY 1, 2, 3";

static char *
int_array (const gint64 *values, guint n)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", values[i]);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static char *
int_text (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

/* The week index of a width_bucket result (1 … WX_REPORT_WEEKS), or -1. */
static int
week_index (const PGresult *res, int row, int col)
{
  gint64 b = wx_db_get_int (res, row, col);

  return b >= 1 && b <= WX_REPORT_WEEKS ? (int) b - 1 : -1;
}

static gboolean
load_facts (PGconn *conn, WxReport *r, GHashTable *names, GError **error)
{
  g_autofree char *bounds = int_array (r->bounds, WX_REPORT_WEEKS + 1);
  g_autofree char *lo = int_text (r->bounds[0]);
  g_autofree char *hi = int_text (r->bounds[WX_REPORT_WEEKS]);
  /* The first and last bound again, plain, in each statement's WHERE
   * (not through the CTE w, which hides them): the planner then knows the
   * range, expects the nine weeks' 100,000 rows of a chain rather than a
   * default third of a table, and joins them to the orders by hash
   * instead of one index probe a row. */
  const char *params[] = { bounds, lo, hi };
  g_autoptr(PGresult) res = wx_db_query (conn, facts_sql, 3, params, error);
  int n;

  if (res == NULL)
    return FALSE;
  n = PQntuples (res);
  for (int i = 0; i < n; i++)
    {
      const char *metric = PQgetvalue (res, i, 0);
      if (g_str_equal (metric, "staff"))
        g_hash_table_insert (names, g_strdup (PQgetvalue (res, i, 2)), g_strdup (PQgetvalue (res, i, 3)));
      else if (g_str_equal (metric, "setting"))
        r->company = g_strdup (PQgetvalue (res, i, 3));
    }
  for (int i = 0; i < n; i++)
    {
      const char *metric = PQgetvalue (res, i, 0);
      const char *role = PQgetvalue (res, i, 2);
      const char *key = PQgetvalue (res, i, 3);
      int w = week_index (res, i, 1);
      gint64 cnt = wx_db_get_int (res, i, 4), a = wx_db_get_int (res, i, 5), b = wx_db_get_int (res, i, 6);
      WxReportStats *s;

      if (w < 0)
        continue;
      s = &wx_report_row (r, role, g_hash_table_lookup (names, role))->weeks[w];
      if (g_str_equal (metric, "orders"))
        {
          const char *colon = strchr (key, ':');
          g_autofree char *kind_code = g_strndup (key, colon ? (gsize) (colon - key) : strlen (key));
          WxOrderKind kind = WX_ORDER_KIND_CARRY_IN;

          wx_order_kind_from_code (kind_code, &kind);
          s->orders += cnt;
          s->by_kind[kind] += cnt;
          s->by_category[wx_report_category_from_code (colon ? colon + 1 : "none")] += cnt;
        }
      else if (g_str_equal (metric, "handover"))
        s->handed_over += cnt;
      else if (g_str_equal (metric, "return"))
        s->returns += cnt;
      else if (g_str_equal (metric, "review"))
        {
          s->reviewed += cnt;
          s->parts_ok += a;
        }
      else if (g_str_equal (metric, "callback"))
        {
          s->callbacks += cnt;
          s->rated += a;
          s->satisfaction_sum += b;
        }
      else if (g_str_equal (metric, "complaint"))
        s->complaints += cnt;
      else if (g_str_equal (metric, "payment"))
        s->revenue += a;
      else if (g_str_equal (metric, "event"))
        {
          if (g_str_equal (key, "quote"))
            s->quotes += cnt;
          else if (g_str_equal (key, "agree"))
            s->agreed += cnt;
          else if (g_str_equal (key, "decline"))
            s->declined += cnt;
        }
    }
  return TRUE;
}

/* One stopped clock's business minutes, for the medians. */
typedef struct {
  WxReportStats *stats;
  guint          clock;
  gint64         minutes;
} Duration;

static int
compare_durations (gconstpointer a, gconstpointer b)
{
  const Duration *x = a, *y = b;

  if (x->stats != y->stats)
    return x->stats < y->stats ? -1 : 1;
  if (x->clock != y->clock)
    return x->clock < y->clock ? -1 : 1;
  return (x->minutes > y->minutes) - (x->minutes < y->minutes);
}

static void
count_clocks (WxReport *r, const WxSlaRules *rules, WxReportRow *row, WxOrderKind kind,
              const WxSlaEvent *events, guint n, GArray *durations)
{
  WxClockState clocks[WX_N_CLOCKS];

  wx_sla_compute (rules, kind, events, n, r->bounds[WX_REPORT_WEEKS], clocks);
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      const WxClockState *s = &clocks[c];
      int w = -1;
      gint64 minutes;

      if (s->status != WX_CLOCK_STATUS_MET && s->status != WX_CLOCK_STATUS_MET_LATE)
        continue;
      for (guint i = 0; i < WX_REPORT_WEEKS; i++)
        if (s->stop >= r->bounds[i] && s->stop < r->bounds[i + 1])
          w = (int) i;
      if (w < 0)
        continue;
      minutes = wx_timeline_minutes_between (rules->timeline, s->start, s->stop);
      for (guint k = 0; k < 2; k++)
        {
          WxReportStats *st = k == 0 ? &row->weeks[w] : &r->shop.weeks[w];
          Duration d = { st, c, minutes };

          st->clock_n[c]++;
          if (s->status == WX_CLOCK_STATUS_MET)
            st->clock_met[c]++;
          g_array_append_val (durations, d);
        }
    }
}

static gboolean
load_clocks (PGconn *conn, WxReport *r, GError **error)
{
  g_autofree char *from = int_text (r->bounds[0] - CLOCK_LOOKBACK_DAYS * G_GINT64_CONSTANT (86400));
  g_autofree char *to = int_text (r->bounds[WX_REPORT_WEEKS]);
  const char *params[] = { from, to };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (WxSlaEvent));
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (Duration));
  WxSlaRules rules = { 0 };
  int n;

  /* The calendar from the first order read to well past the last week, for
   * the limits of clocks started near its end. */
  if (!wx_db_sla_rules_load (conn, r->bounds[0] - (CLOCK_LOOKBACK_DAYS + 1) * G_GINT64_CONSTANT (86400),
                             r->bounds[WX_REPORT_WEEKS] + 30 * G_GINT64_CONSTANT (86400), &rules, error))
    return FALSE;
  res = wx_db_query (conn, clock_events_sql, 2, params, error);
  if (res == NULL)
    {
      wx_sla_rules_clear (&rules);
      return FALSE;
    }
  n = PQntuples (res);
  for (int i = 0; i < n; i++)
    {
      WxOrderKind kind = WX_ORDER_KIND_CARRY_IN;
      WxReportRow *row = wx_report_row (r, PQgetvalue (res, i, 1), NULL);
      const char *p = PQgetvalue (res, i, 2);

      wx_order_kind_from_code (PQgetvalue (res, i, 0), &kind);
      g_array_set_size (events, 0);
      while (*p)
        {
          const char *space = strchr (p, ' ');
          char *end = NULL;
          char code[64];
          WxSlaEvent ev;

          if (space == NULL || (gsize) (space - p) >= sizeof code)
            break;
          memcpy (code, p, space - p);
          code[space - p] = '\0';
          ev.event = g_intern_string (code);
          ev.at = g_ascii_strtoll (space + 1, &end, 10);
          g_array_append_val (events, ev);
          p = *end == ',' ? end + 1 : end;
        }
      if (events->len > 0)
        count_clocks (r, &rules, row, kind, (const WxSlaEvent *) (void *) events->data, events->len, durations);
    }
  wx_sla_rules_clear (&rules);

  /* Medians: each run of one week's clock, already in order. */
  g_array_sort (durations, compare_durations);
  for (guint i = 0; i < durations->len;)
    {
      Duration *d = &g_array_index (durations, Duration, i);
      guint j = i;
      g_autofree gint64 *values = NULL;

      while (j < durations->len && g_array_index (durations, Duration, j).stats == d->stats
             && g_array_index (durations, Duration, j).clock == d->clock)
        j++;
      values = g_new (gint64, j - i);
      for (guint k = i; k < j; k++)
        values[k - i] = g_array_index (durations, Duration, k).minutes;
      d->stats->clock_median[d->clock] = wx_report_median (values, j - i);
      i = j;
    }
  return TRUE;
}

static gboolean
load_backlog (PGconn *conn, WxReport *r, GError **error)
{
  gint64 thresholds[WX_REPORT_N_AGES - 1];
  g_autofree char *at = int_text (r->as_of);
  g_autofree char *ages = NULL;
  g_autofree char *open_states = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GStrvBuilder) open = g_strv_builder_new ();
  g_auto(GStrv) open_codes = NULL;
  guint n_states;
  const WxStateInfo *states = wx_workflow_states (&n_states);
  const char *params[3];
  g_autoptr(PGresult) res = NULL;

  /* The lower bounds of the buckets after the first, as the core sorts. */
  for (guint a = 1, k = 0; a < WX_REPORT_N_AGES; a++)
    {
      gint64 lo = 0, hi = 400 * G_GINT64_CONSTANT (86400);
      /* The smallest age in bucket `a` (ages are whole seconds). */
      while (lo < hi)
        {
          gint64 mid = (lo + hi) / 2;
          if (wx_report_age_bucket (mid) >= a)
            hi = mid;
          else
            lo = mid + 1;
        }
      thresholds[k++] = lo;
    }
  ages = int_array (thresholds, WX_REPORT_N_AGES - 1);
  for (guint i = 0; i < n_states; i++)
    if (states[i].open)
      g_strv_builder_add (open, states[i].code);
  open_codes = g_strv_builder_end (open);
  joined = g_strjoinv (",", open_codes);
  open_states = g_strdup_printf ("{%s}", joined);
  params[0] = at;
  params[1] = ages;
  params[2] = open_states;
  res = wx_db_query (conn, backlog_sql, 3, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxOrderState state;
      const WxStateInfo *info;
      guint age = (guint) CLAMP (wx_db_get_int (res, i, 2), 0, WX_REPORT_N_AGES - 1);
      guint cnt = (guint) wx_db_get_int (res, i, 3);
      WxReportRow *row;

      if (!wx_workflow_state_from_code (PQgetvalue (res, i, 0), &state))
        continue;
      info = wx_workflow_state_info (state);
      row = wx_report_row (r, PQgetvalue (res, i, 1), NULL);
      row->backlog[age] += cnt;
      r->shop.backlog[age] += cnt;
      r->backlog_folder[info->folder][age] += cnt;
      r->backlog_shelf[info->shelf][age] += cnt;
    }
  return TRUE;
}

static GTimeZone *
shop_zone (PGconn *conn, GError **error)
{
  g_autofree char *tz = wx_db_setting (conn, "timezone", "Asia/Shanghai", error);
  GTimeZone *zone;

  if (tz == NULL)
    return NULL;
  zone = g_time_zone_new_identifier (tz);
  return zone ? zone : g_time_zone_new_offset (8 * 3600);
}

gboolean
wx_db_report_default_week (PGconn *conn, gint64 now, int *year, int *week, GError **error)
{
  g_autoptr(GTimeZone) zone = shop_zone (conn, error);

  if (zone == NULL)
    return FALSE;
  wx_report_last_complete_week (zone, now, year, week);
  return TRUE;
}

/* The report's statements read one snapshot, without JIT: each is a few
 * hash joins and aggregates over tens of thousands of rows at a chain's
 * scale, past the planner's JIT threshold, and compiling them cost more
 * (0.3 s of 1.5 s for the clocks' events at 100,000 orders) than it saved.
 * With more work memory than the default 4 MB: the planner expects up to
 * 100,000 groups a part at a chain's scale, and with 4 MB it sorts them
 * on disk (GroupAggregate) instead of hashing them; with 64 MB the facts
 * took 20-50 % less on the chain demo and spilled nothing (the groups
 * really number a few hundred, so the memory is not used).
 * `own`: the transaction is ours (the connection was idle). */
static gboolean
report_begin (PGconn *conn, gboolean *own, GError **error)
{
  *own = PQtransactionStatus (conn) == PQTRANS_IDLE;
  if (*own && !wx_db_execute (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error))
    return FALSE;
  if (!wx_db_execute (conn, "SET LOCAL jit = off", 0, NULL, error)
      || !wx_db_execute (conn, "SET LOCAL work_mem = '64MB'", 0, NULL, error))
    {
      if (*own)
        wx_db_rollback (conn);
      return FALSE;
    }
  return TRUE;
}

static gboolean
report_end (PGconn *conn, gboolean own, GError **error)
{
  return !own || wx_db_commit (conn, error);
}

WxReport *
wx_db_report_week_load_for (PGconn *conn, int year, int week, gint64 now, GError **error)
{
  g_autoptr(GTimeZone) zone = shop_zone (conn, error);
  gboolean own = FALSE;
  g_autoptr(WxReport) r = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (zone == NULL)
    return NULL;
  r = wx_report_new (zone, year, week);
  r->as_of = MIN (r->bounds[WX_REPORT_WEEKS], now);
  if (!report_begin (conn, &own, error))
    return NULL;
  if (!load_facts (conn, r, names, error) || !load_clocks (conn, r, error) || !load_backlog (conn, r, error)
      || !report_end (conn, own, error))
    {
      if (own)
        wx_db_rollback (conn);
      return NULL;
    }
  /* The shop's figures are the sum of the rows' (its clocks, counted with
   * their medians as they came, and its backlog excepted); rows first met
   * among the clocks or the backlog get their staff names. */
  for (guint e = 0; e < r->engineers->len; e++)
    {
      WxReportRow *row = g_ptr_array_index (r->engineers, e);
      const char *name = g_hash_table_lookup (names, row->role);

      if (name != NULL && g_strcmp0 (row->name, row->role) == 0)
        {
          g_free (row->name);
          row->name = g_strdup (name);
        }
      for (guint w = 0; w < WX_REPORT_WEEKS; w++)
        {
          guint clock_n[WX_N_CLOCKS], clock_met[WX_N_CLOCKS];
          memcpy (clock_n, r->shop.weeks[w].clock_n, sizeof clock_n);
          memcpy (clock_met, r->shop.weeks[w].clock_met, sizeof clock_met);
          wx_report_stats_add (&r->shop.weeks[w], &row->weeks[w]);
          memcpy (r->shop.weeks[w].clock_n, clock_n, sizeof clock_n);
          memcpy (r->shop.weeks[w].clock_met, clock_met, sizeof clock_met);
        }
    }
  wx_report_sort_rows (r);
  return g_steal_pointer (&r);
}

WxReport *
wx_db_report_week_load (PGconn *conn, const char *week, gint64 now, GError **error)
{
  int y, w;

  if (week != NULL)
    {
      if (!wx_report_parse_week (week, &y, &w, error))
        return NULL;
    }
  else if (!wx_db_report_default_week (conn, now, &y, &w, error))
    return NULL;
  return wx_db_report_week_load_for (conn, y, w, now, error);
}

/* ------------------------------------------------------------ monthly */

static const char month_sql[] =
  "SELECT count(*), count(*) FILTER (WHERE c.reached), count(c.satisfaction), coalesce(sum(c.satisfaction), 0),"
  "       count(*) FILTER (WHERE c.machine_working = false), count(*) FILTER (WHERE c.engineer_explained),"
  "       count(*) FILTER (WHERE c.weak_response), count(*) FILTER (WHERE c.weak_repair_time),"
  "       count(*) FILTER (WHERE c.weak_attitude), count(*) FILTER (WHERE c.weak_quote_speed),"
  "       count(*) FILTER (WHERE c.satisfaction = 1), count(*) FILTER (WHERE c.satisfaction = 2),"
  "       count(*) FILTER (WHERE c.satisfaction = 3), count(*) FILTER (WHERE c.satisfaction = 4),"
  "       count(*) FILTER (WHERE c.satisfaction = 5),"
  "       (SELECT count(*) FROM complaints k WHERE k.received_at >= to_timestamp($1::bigint)"
  "                                            AND k.received_at < to_timestamp($2::bigint)),"
  "       (SELECT count(*) FROM complaints k WHERE k.closed_at >= to_timestamp($1::bigint)"
  "                                            AND k.closed_at < to_timestamp($2::bigint)),"
  "       (SELECT count(*) FROM complaints k WHERE k.received_at < to_timestamp($2::bigint)"
  "                                            AND (k.closed_at IS NULL OR k.closed_at >= to_timestamp($2::bigint))),"
  "       wx_setting('company.name', '')"
  "  FROM callbacks c"
  " WHERE c.done_at >= to_timestamp($1::bigint) AND c.done_at < to_timestamp($2::bigint)";

static const char month_complaints_sql[] =
  "SELECT coalesce(o.number, ''), cu.unit_name, floor(date_part('epoch', k.received_at))::bigint, k.description,"
  "       coalesce(floor(date_part('epoch', k.closed_at))::bigint, 0), k.outcome"
  "  FROM complaints k JOIN customers cu ON cu.id = k.customer_id LEFT JOIN service_orders o ON o.id = k.order_id"
  " WHERE k.received_at >= to_timestamp($1::bigint) AND k.received_at < to_timestamp($2::bigint)"
  " ORDER BY k.received_at, k.id";

/* Handed over, not (fully) paid at $1: the balance by then
 * (wx_order_balance, functions/money.sql). */
static const char collections_sql[] =
  "SELECT number, unit_name, handed, due FROM ("
  "  SELECT o.number, o.unit_name, floor(date_part('epoch', o.picked_up_at))::bigint AS handed,"
  "         wx_order_balance(o.id, to_timestamp($1::bigint)) AS due"
  "    FROM service_orders o"
  "   WHERE o.picked_up_at < to_timestamp($1::bigint) AND o.payment_status IN ('unpaid', 'on_account')"
  "     AND o.state <> 'cancelled'"
  "     AND (o.quote_total > 0 OR EXISTS (SELECT 1 FROM quote_lines q WHERE q.order_id = o.id))) d"
  " WHERE due > 0 ORDER BY handed, number";

WxMonthReport *
wx_db_report_month_load (PGconn *conn, const char *month, gint64 now, GError **error)
{
  g_autoptr(GTimeZone) zone = shop_zone (conn, error);
  g_autoptr(WxMonthReport) r = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PGresult) list = NULL;
  g_autoptr(PGresult) debts = NULL;
  g_autofree char *from = NULL, *to = NULL, *as_of = NULL;
  const char *params[2];
  int y, m;

  if (zone == NULL)
    return NULL;
  if (month != NULL)
    {
      if (!wx_report_parse_month (month, &y, &m, error))
        return NULL;
    }
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      y = g_date_time_get_year (local);
      m = g_date_time_get_month (local);
    }
  r = wx_month_report_new (zone, y, m);
  r->as_of = MIN (r->end, now);
  from = int_text (r->start);
  to = int_text (r->end);
  as_of = int_text (r->as_of);
  params[0] = from;
  params[1] = to;
  res = wx_db_query (conn, month_sql, 2, params, error);
  if (res == NULL)
    return NULL;
  r->callbacks = wx_db_get_int (res, 0, 0);
  r->reached = wx_db_get_int (res, 0, 1);
  r->rated = wx_db_get_int (res, 0, 2);
  r->satisfaction_sum = wx_db_get_int (res, 0, 3);
  r->not_working = wx_db_get_int (res, 0, 4);
  r->explained = wx_db_get_int (res, 0, 5);
  r->weak_response = wx_db_get_int (res, 0, 6);
  r->weak_repair_time = wx_db_get_int (res, 0, 7);
  r->weak_attitude = wx_db_get_int (res, 0, 8);
  r->weak_quote_speed = wx_db_get_int (res, 0, 9);
  for (guint s = 0; s < 5; s++)
    r->by_score[s] = wx_db_get_int (res, 0, 10 + s);
  r->complaints_received = wx_db_get_int (res, 0, 15);
  r->complaints_closed = wx_db_get_int (res, 0, 16);
  r->complaints_open = wx_db_get_int (res, 0, 17);
  r->company = wx_db_dup_text (res, 0, 18);

  list = wx_db_query (conn, month_complaints_sql, 2, params, error);
  if (list == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (list); i++)
    wx_month_report_add_complaint (r, PQgetvalue (list, i, 0), PQgetvalue (list, i, 1), wx_db_get_int (list, i, 2),
                                   PQgetvalue (list, i, 3), wx_db_get_int (list, i, 4), PQgetvalue (list, i, 5));

  params[0] = as_of;
  debts = wx_db_query (conn, collections_sql, 1, params, error);
  if (debts == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (debts); i++)
    wx_month_report_add_debt (r, PQgetvalue (debts, i, 0), PQgetvalue (debts, i, 1), wx_db_get_int (debts, i, 2),
                              wx_db_get_int (debts, i, 3));
  return g_steal_pointer (&r);
}

/* ------------------------------------------------------------ on the worker */

void
wx_db_reports_free (WxDbReports *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->report, wx_report_free);
  g_clear_pointer (&l->month, wx_month_report_free);
  g_free (l);
}

typedef struct {
  int year, week, month_year, month_no;
  gboolean month_only;   /* another month of the same week: the week is not read again */
} Asked;

static gboolean
reports_job (PGconn    *conn,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Asked *a = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int year = a->year, week = a->week;
  g_autofree char *month = NULL;
  WxDbReports *l;

  l = g_new0 (WxDbReports, 1);
  if (!a->month_only)
    {
      if (year == 0 && !wx_db_report_default_week (conn, now, &year, &week, error))
        {
          wx_db_reports_free (l);
          return FALSE;
        }
      l->report = wx_db_report_week_load_for (conn, year, week, now, error);
    }
  if (l->report && a->month_year == 0)
    {
      g_autoptr(GDateTime) start = wx_report_week_start (l->report->zone, year, week);

      month = g_date_time_format (start, "%Y-%m");
    }
  else
    month = g_strdup_printf ("%04d-%02d", a->month_year, a->month_no);
  if (l->report || a->month_only)
    l->month = wx_db_report_month_load (conn, month, now, error);
  if (l->month == NULL)
    {
      wx_db_reports_free (l);
      return FALSE;
    }
  *result = l;
  return TRUE;
}

void
wx_db_reports_load_async (WxDbWorker *worker, int year, int week, int month_year, int month_no,
                          gboolean month_only, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  Asked *a = g_new (Asked, 1);

  *a = (Asked) { year, week, month_year, month_no, month_only };
  wx_db_worker_read_async (worker, reports_job, a, g_free, (GDestroyNotify) wx_db_reports_free,
                           cancellable, callback, user_data);
}

WxDbReports *
wx_db_reports_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

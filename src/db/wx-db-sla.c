#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-calendar.h"
#include "wx-db-sla.h"

gboolean
wx_db_sla_rules_load (PGconn *conn, gint64 from, gint64 to, WxSlaRules *rules, GError **error)
{
  g_autoptr(WxCalendar) calendar = wx_db_calendar_load (conn, error);
  g_autoptr(PGresult) res = NULL;

  if (calendar == NULL)
    return FALSE;
  res = wx_db_query (conn, "SELECT clock, target_minutes, limit_minutes FROM sla_thresholds", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  wx_sla_rules_init_defaults (rules);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxClock c;
      if (!wx_clock_from_code (PQgetvalue (res, i, 0), &c))
        continue;
      rules->thresholds[c].target_minutes = (guint) atoi (PQgetvalue (res, i, 1));
      rules->thresholds[c].limit_minutes = (guint) atoi (PQgetvalue (res, i, 2));
    }
  rules->timeline = wx_timeline_new (calendar, from, to);
  return TRUE;
}

gboolean
wx_db_sla_rules_load_for (PGconn *conn, gint64 earliest, gint64 now, WxSlaRules *rules, GError **error)
{
  const gint64 day = 24 * 60 * 60;

  return wx_db_sla_rules_load (conn, MIN (earliest, now) - day, now + 60 * day, rules, error);
}

void
wx_sla_rules_clear (WxSlaRules *rules)
{
  g_clear_pointer (&rules->timeline, wx_timeline_free);
}

void
wx_sla_order_set_free (WxSlaOrderSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->orders);
  g_array_unref (set->events);
  g_string_chunk_free (set->strings);
  g_free (set);
}

WxSlaOrderSet *
wx_db_sla_orders_load (PGconn *conn, const char *number, GError **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.id, o.number, o.kind, o.state, e.event, floor(date_part('epoch', e.at))::bigint"
    "  FROM service_orders o JOIN order_events e ON e.order_id = o.id"
    " WHERE CASE WHEN $1::text IS NULL"
    "            THEN o.state IN (SELECT state FROM workflow_states WHERE open)"
    "            ELSE o.number = $1 END"
    " ORDER BY o.id, e.at, e.id", 1, params, error);
  g_autoptr(WxSlaOrderSet) set = NULL;
  WxSlaOrder *current = NULL;

  if (res == NULL)
    return NULL;
  set = g_new0 (WxSlaOrderSet, 1);
  set->orders = g_array_new (FALSE, FALSE, sizeof (WxSlaOrder));
  set->events = g_array_sized_new (FALSE, FALSE, sizeof (WxSlaEvent), PQntuples (res));
  set->strings = g_string_chunk_new (4096);
  set->earliest = G_MAXINT64;
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      WxSlaEvent ev = { g_intern_string (PQgetvalue (res, i, 4)), g_ascii_strtoll (PQgetvalue (res, i, 5), NULL, 10) };

      if (current == NULL || current->id != id)
        {
          WxSlaOrder o = { id, g_string_chunk_insert (set->strings, PQgetvalue (res, i, 1)),
                           WX_ORDER_KIND_CARRY_IN, WX_ORDER_STATE_RECEIVED, set->events->len, 0 };
          wx_order_kind_from_code (PQgetvalue (res, i, 2), &o.kind);
          wx_workflow_state_from_code (PQgetvalue (res, i, 3), &o.state);
          g_array_append_val (set->orders, o);
          current = &g_array_index (set->orders, WxSlaOrder, set->orders->len - 1);
        }
      g_array_append_val (set->events, ev);
      current->n_events++;
      set->earliest = MIN (set->earliest, ev.at);
    }
  return g_steal_pointer (&set);
}

gboolean
wx_db_sla_order_clocks (PGconn       *conn,
                        const char   *number,
                        gint64        now,
                        WxSlaRules   *rules,
                        WxClockState  clocks[WX_N_CLOCKS],
                        GError      **error)
{
  g_autoptr(WxSlaOrderSet) set = wx_db_sla_orders_load (conn, number, error);
  WxSlaOrder *o;

  memset (clocks, 0, sizeof (WxClockState) * WX_N_CLOCKS);
  if (set == NULL || !wx_db_sla_rules_load_for (conn, set->earliest, now, rules, error))
    return FALSE;
  if (set->orders->len == 0)
    return TRUE;
  o = &g_array_index (set->orders, WxSlaOrder, 0);
  wx_sla_compute (rules, o->kind, &g_array_index (set->events, WxSlaEvent, o->first_event), o->n_events, now, clocks);
  return TRUE;
}

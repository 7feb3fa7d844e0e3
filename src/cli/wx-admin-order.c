/* wx-admin-order.c — `order`, `board` and `sla`: the workflow from the
 * command line (kept stable: other tools and tests script against it). */
#define G_LOG_DOMAIN "weixiu-admin"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-error.h"
#include "core/wx-intake.h"
#include "core/wx-money.h"
#include "core/wx-sla.h"
#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-intake.h"
#include "db/wx-db-sla.h"
#include "db/wx-db-workflow.h"
#include "wx-admin.h"

#define DAY 86400

/* "2026-11-18 15:30" in the shop's time zone; "" for 0. */
static char *
format_time (WxSlaRules *rules, gint64 t)
{
  return wx_calendar_format_instant (wx_timeline_get_calendar (rules->timeline), t);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static void
json_member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* ---------------------------------------------------------------- order new */

static int
order_new (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_auto(WxIntakeResult) result = { 0 };
  g_auto(GStrv) accessories = wx_accessories_split (wx_admin_value (a, "--accessories"));
  const char *kind_text = wx_admin_value (a, "--kind");
  WxOrderDraft d = {
    .unit = wx_admin_value (a, "--unit"),
    .address = wx_admin_value (a, "--address"),
    .contact = wx_admin_value (a, "--contact"),
    .phone = wx_admin_value (a, "--phone"),
    .product = wx_admin_value (a, "--product"),
    .model = wx_admin_value (a, "--model"),
    .serial = wx_admin_value (a, "--serial"),
    .fault = wx_admin_value (a, "--fault"),
    .warranty = wx_admin_value (a, "--warranty"),
    .accessories = accessories,
  };

  if (a->args->len != 1)
    return wx_admin_usage_error (_("“order new” takes no arguments besides its options."));
  if (kind_text == NULL || !wx_order_kind_from_code (kind_text, &d.kind))
    return wx_admin_usage_error (_("Give --kind carry-in, on-site or sale."));
  if (!wx_order_draft_validate (&d, &error))
    return wx_admin_usage_error (error->message);
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || !wx_db_order_create (conn, &d, &result, &error))
    return wx_admin_fail (error);
  g_print ("%s\n", result.number);
  if (result.return_of)
    g_printerr (_("Return repair: the same machine was handed back on order %s.\n"), result.return_of);
  if (result.cluster_size)
    g_printerr (_("Escalated: %u orders of this model report a similar fault.\n"), result.cluster_size);
  return EXIT_SUCCESS;
}

/* --------------------------------------------------------- order transition */

static int
order_transition (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *pairs = wx_admin_values (a, "--data");
  WxTransitionResult result;
  WxStepExtras extras = { 0 };
  const char *amount;

  if (a->args->len != 3)
    return wx_admin_usage_error (_("Use “order transition NUMBER EVENT [--data KEY=VALUE …]”."));
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      const char *pair = g_ptr_array_index (pairs, i);
      const char *eq = strchr (pair, '=');
      if (eq == NULL || eq == pair)
        {
          g_autofree char *msg = g_strdup_printf (_("--data takes KEY=VALUE, not “%s”."), pair);
          return wx_admin_usage_error (msg);
        }
      g_hash_table_replace (data, g_strndup (pair, eq - pair), g_strdup (eq + 1));
    }
  /* The money taken at the step (payment_amount in yuan, payment_method)
   * is recorded by the step itself, not as the order's data. */
  amount = g_hash_table_lookup (data, "payment_amount");
  if (amount && !wx_money_parse (amount, &extras.payment_amount, &error))
    return wx_admin_fail (error);
  extras.payment_method = g_hash_table_lookup (data, "payment_method");
  /* …as wx_transition's records (in fen), not as text in the event. */
  if (amount)
    g_hash_table_remove (data, "payment_amount");
  conn = wx_admin_connect (a, &error);
  if (conn == NULL ||
      !wx_db_order_step_full (conn, wx_admin_arg (a, 1), -1, wx_admin_arg (a, 2), data, &extras, &result, &error))
    return wx_admin_fail (error);
  g_print (_("%s: %s (version %d)\n"), wx_admin_arg (a, 1), wx_order_state_label (result.state), result.version);
  return EXIT_SUCCESS;
}

/* -------------------------------------------------------------- order amend */

/* The amend step: corrects what may still change after intake, as the
 * connecting role; at --version, else at the order's version now. */
static int
order_amend (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GHashTable) changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *pairs = wx_admin_values (a, "--set");
  const char *version_text = wx_admin_value (a, "--version");
  const char *number = wx_admin_arg (a, 1);
  WxTransitionResult result = { 0 };
  gint64 version = 0;

  if (a->args->len != 2 || pairs == NULL)
    return wx_admin_usage_error (_("Use “order amend NUMBER --set FIELD=VALUE … [--version N]”."));
  for (guint i = 0; i < pairs->len; i++)
    {
      const char *pair = g_ptr_array_index (pairs, i);
      const char *eq = strchr (pair, '=');
      if (eq == NULL || eq == pair)
        {
          g_autofree char *msg = g_strdup_printf (_("--set takes FIELD=VALUE, not “%s”."), pair);
          return wx_admin_usage_error (msg);
        }
      g_hash_table_replace (changes, g_strndup (pair, eq - pair), g_strdup (eq + 1));
    }
  if (version_text && !g_ascii_string_to_signed (version_text, 10, 1, G_MAXINT, &version, NULL))
    return wx_admin_usage_error (_("--version takes the order's version, a whole number from 1."));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  if (version == 0)
    {
      g_autoptr(WxOrderFacts) facts = wx_db_order_facts (conn, number, &error);
      if (facts == NULL)
        return wx_admin_fail (error);
      version = facts->version;
    }
  if (!wx_db_order_amend (conn, number, (int) version, changes, &result, &error))
    return wx_admin_fail (error);
  if (result.event_id == 0)
    g_print (_("%s: nothing to correct (version %d)\n"), number, result.version);
  else
    g_print (_("%s: corrected (version %d)\n"), number, result.version);
  return EXIT_SUCCESS;
}

/* --------------------------------------------------------------- order show */

static int
order_show (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxOrderFacts) facts = NULL;
  g_autoptr(PGresult) events = NULL;
  g_autoptr(PGresult) escalations = NULL;
  g_autoptr(GPtrArray) next = NULL;
  WxSlaRules rules = { 0 };
  WxClockState clocks[WX_N_CLOCKS];
  const WxStateInfo *info;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean json = wx_admin_flag (a, "--json");
  const char *number = wx_admin_arg (a, 1);
  const char *params[] = { number };

  if (a->args->len != 2)
    return wx_admin_usage_error (_("Use “order show NUMBER [--json]”."));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || (facts = wx_db_order_facts (conn, number, &error)) == NULL)
    return wx_admin_fail (error);
  if (!wx_db_sla_order_clocks (conn, number, now, &rules, clocks, &error))
    {
      wx_sla_rules_clear (&rules);
      return wx_admin_fail (error);
    }
  events = wx_db_query (conn,
    "SELECT floor(extract(epoch FROM e.at))::bigint, e.event, coalesce(e.from_state, ''), coalesce(e.to_state, ''),"
    "       coalesce(s.full_name, e.actor), e.payload::text"
    "  FROM order_events e JOIN service_orders o ON o.id = e.order_id"
    "  LEFT JOIN staff s ON s.role_name = e.actor"
    " WHERE o.number = $1 ORDER BY e.at, e.id", 1, params, &error);
  if (events)
    escalations = wx_db_query (conn,
      "SELECT floor(extract(epoch FROM x.at))::bigint, x.trigger, x.reason, x.resolved_at IS NOT NULL"
      "  FROM escalations x JOIN service_orders o ON o.id = x.order_id"
      " WHERE o.number = $1 ORDER BY x.at, x.id", 1, params, &error);
  if (escalations == NULL)
    {
      wx_sla_rules_clear (&rules);
      return wx_admin_fail (error);
    }
  info = wx_workflow_state_info (facts->state);
  next = wx_workflow_available (facts->kind, facts->state);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_member_string (b, "number", number);
      json_member_string (b, "kind", wx_order_kind_to_code (facts->kind));
      json_member_string (b, "state", info->code);
      json_member_string (b, "state_label", _(info->label));
      json_member_string (b, "folder", wx_folder_to_code (info->folder));
      json_member_string (b, "shelf", wx_shelf_to_code (info->shelf));
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, facts->version);
      json_builder_set_member_name (b, "clocks");
      json_builder_begin_array (b);
      for (guint c = 0; c < WX_N_CLOCKS; c++)
        {
          g_autofree char *start = format_time (&rules, clocks[c].start);
          g_autofree char *stop = format_time (&rules, clocks[c].stop);
          g_autofree char *target = format_time (&rules, clocks[c].due_target);
          g_autofree char *limit = format_time (&rules, clocks[c].due_limit);
          if (clocks[c].status == WX_CLOCK_STATUS_NOT_STARTED)
            continue;
          json_builder_begin_object (b);
          json_member_string (b, "clock", wx_clock_to_code (c));
          json_member_string (b, "status", wx_clock_status_to_code (clocks[c].status));
          json_member_string (b, "started", start);
          json_member_string (b, "stopped", *stop ? stop : NULL);
          json_member_string (b, "due_target", target);
          json_member_string (b, "due", limit);
          json_builder_set_member_name (b, "minutes_left");
          if (clocks[c].stop)
            json_builder_add_null_value (b);
          else
            json_builder_add_int_value (b, clocks[c].minutes_left);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "escalations");
      json_builder_begin_array (b);
      for (int i = 0; i < PQntuples (escalations); i++)
        {
          g_autofree char *at = format_time (&rules, g_ascii_strtoll (PQgetvalue (escalations, i, 0), NULL, 10));
          json_builder_begin_object (b);
          json_member_string (b, "at", at);
          json_member_string (b, "trigger", PQgetvalue (escalations, i, 1));
          json_member_string (b, "reason", PQgetvalue (escalations, i, 2));
          json_builder_set_member_name (b, "resolved");
          json_builder_add_boolean_value (b, g_str_equal (PQgetvalue (escalations, i, 3), "t"));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (int i = 0; i < PQntuples (events); i++)
        {
          g_autofree char *at = format_time (&rules, g_ascii_strtoll (PQgetvalue (events, i, 0), NULL, 10));
          g_autoptr(JsonNode) payload = json_from_string (PQgetvalue (events, i, 5), NULL);
          json_builder_begin_object (b);
          json_member_string (b, "at", at);
          json_member_string (b, "event", PQgetvalue (events, i, 1));
          json_member_string (b, "from", *PQgetvalue (events, i, 2) ? PQgetvalue (events, i, 2) : NULL);
          json_member_string (b, "to", *PQgetvalue (events, i, 3) ? PQgetvalue (events, i, 3) : NULL);
          json_member_string (b, "by", PQgetvalue (events, i, 4));
          json_builder_set_member_name (b, "payload");
          json_builder_add_value (b, payload ? g_steal_pointer (&payload) : json_node_new (JSON_NODE_NULL));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "next");
      json_builder_begin_array (b);
      for (guint i = 0; i < next->len; i++)
        json_builder_add_string_value (b, ((const WxTransition *) g_ptr_array_index (next, i))->event);
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_print (_("Order %s (%s), version %d\n"), number, wx_order_kind_label (facts->kind), facts->version);
      g_print (_("State:  %s\n"), _(info->label));
      g_print (_("Folder: %s\n"), wx_folder_label (info->folder));
      g_print (_("Shelf:  %s\n"), wx_shelf_label (info->shelf));
      g_print ("\n%s\n", _("Clocks:"));
      for (guint c = 0; c < WX_N_CLOCKS; c++)
        {
          g_autofree char *limit = format_time (&rules, clocks[c].due_limit);
          g_autofree char *stop = format_time (&rules, clocks[c].stop);
          if (clocks[c].status == WX_CLOCK_STATUS_NOT_STARTED)
            continue;
          if (clocks[c].stop)
            g_print (_("  %-18s %-12s due %s, stopped %s\n"), wx_clock_to_code (c),
                     wx_clock_status_label (clocks[c].status), limit, stop);
          else
            g_print (_("  %-18s %-12s due %s, %d business minutes left\n"), wx_clock_to_code (c),
                     wx_clock_status_label (clocks[c].status), limit, (int) clocks[c].minutes_left);
        }
      g_print ("\n%s\n", _("Escalations:"));
      if (PQntuples (escalations) == 0)
        g_print ("  %s\n", _("none"));
      for (int i = 0; i < PQntuples (escalations); i++)
        {
          g_autofree char *at = format_time (&rules, g_ascii_strtoll (PQgetvalue (escalations, i, 0), NULL, 10));
          g_print ("  %s  %-18s %s\n", at, PQgetvalue (escalations, i, 1), PQgetvalue (escalations, i, 2));
        }
      g_print ("\n%s\n", _("Events:"));
      for (int i = 0; i < PQntuples (events); i++)
        {
          g_autofree char *at = format_time (&rules, g_ascii_strtoll (PQgetvalue (events, i, 0), NULL, 10));
          g_print ("  %s  %-20s %-20s %s  %s\n", at, PQgetvalue (events, i, 1), PQgetvalue (events, i, 3),
                   PQgetvalue (events, i, 4), PQgetvalue (events, i, 5));
        }
      g_print ("\n%s\n", _("Next steps:"));
      for (guint i = 0; i < next->len; i++)
        {
          const WxTransition *t = g_ptr_array_index (next, i);
          g_print ("  %-20s %s\n", t->event, wx_workflow_event_label (t->event));
        }
    }
  wx_sla_rules_clear (&rules);
  return EXIT_SUCCESS;
}

static const char *const order_usage =
  N_("Use “order new …”, “order transition NUMBER EVENT”, “order amend NUMBER” or “order show NUMBER”.");

int
wx_admin_cmd_order (WxAdmin *a)
{
  const char *sub = wx_admin_arg (a, 0);

  if (g_strcmp0 (sub, "new") == 0)
    return order_new (a);
  if (g_strcmp0 (sub, "transition") == 0)
    return order_transition (a);
  if (g_strcmp0 (sub, "amend") == 0)
    return order_amend (a);
  if (g_strcmp0 (sub, "show") == 0)
    return order_show (a);
  return wx_admin_usage_error (_(order_usage));
}

/* -------------------------------------------------------------------- board */

/* The worst running clock of an order: the one closest to (or furthest
 * past) its limit. */
static const WxClockState *
worst_clock (const WxClockState clocks[WX_N_CLOCKS], WxClock *which)
{
  const WxClockState *worst = NULL;

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    if (clocks[c].start && !clocks[c].stop && (worst == NULL || clocks[c].due_limit < worst->due_limit))
      {
        worst = &clocks[c];
        *which = c;
      }
  return worst;
}

int
wx_admin_cmd_board (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxSlaOrderSet) set = NULL;
  g_autoptr(PGresult) details = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  WxSlaRules rules = { 0 };
  const char *which = wx_admin_arg (a, 0);
  gboolean shelves = g_strcmp0 (which, "shelves") == 0;
  gboolean json = wx_admin_flag (a, "--json");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_columns = shelves ? WX_N_SHELVES : WX_N_FOLDERS;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (a->args->len != 1 || (!shelves && g_strcmp0 (which, "folders") != 0))
    return wx_admin_usage_error (_("Use “board folders” or “board shelves”."));
  conn = wx_admin_connect (a, &error);
  if (conn == NULL || (set = wx_db_sla_orders_load (conn, NULL, &error)) == NULL ||
      !wx_db_sla_rules_load_for (conn, set->earliest, now, &rules, &error))
    return wx_admin_fail (error);
  details = wx_db_query (conn,
    "SELECT o.id, o.unit_name, o.model, coalesce(s.full_name, o.engineer, '')"
    "  FROM service_orders o LEFT JOIN staff s ON s.role_name = o.engineer"
    " WHERE o.state IN (SELECT state FROM workflow_states WHERE open)", 0, NULL, &error);
  if (details == NULL)
    {
      wx_sla_rules_clear (&rules);
      return wx_admin_fail (error);
    }
  for (int i = 0; i < PQntuples (details); i++)
    {
      gint64 *id = g_new (gint64, 1);
      *id = g_ascii_strtoll (PQgetvalue (details, i, 0), NULL, 10);
      g_hash_table_insert (by_id, id, GINT_TO_POINTER (i + 1));
    }

  json_builder_begin_array (b);
  /* Column 0 is "no folder"/"no machine": not a column of the board. */
  for (guint col = 1; col < n_columns; col++)
    {
      guint count = 0;

      json_builder_begin_object (b);
      json_member_string (b, "column", shelves ? wx_shelf_to_code (col) : wx_folder_to_code (col));
      json_member_string (b, "label", shelves ? wx_shelf_label (col) : wx_folder_label (col));
      json_builder_set_member_name (b, "orders");
      json_builder_begin_array (b);
      if (!json)
        g_print ("%s %s\n", shelves ? wx_shelf_to_code (col) : wx_folder_to_code (col),
                 shelves ? wx_shelf_label (col) : wx_folder_label (col));
      for (guint i = 0; i < set->orders->len; i++)
        {
          WxSlaOrder *o = &g_array_index (set->orders, WxSlaOrder, i);
          const WxStateInfo *info = wx_workflow_state_info (o->state);
          WxClockState clocks[WX_N_CLOCKS];
          const WxClockState *worst;
          WxClock worst_id = WX_CLOCK_DISPATCH;
          int row = GPOINTER_TO_INT (g_hash_table_lookup (by_id, &o->id)) - 1;
          g_autofree char *due = NULL;

          if ((shelves ? (guint) info->shelf : (guint) info->folder) != col || row < 0)
            continue;
          count++;
          wx_sla_compute (&rules, o->kind, &g_array_index (set->events, WxSlaEvent, o->first_event),
                          o->n_events, now, clocks);
          worst = worst_clock (clocks, &worst_id);
          due = worst ? format_time (&rules, worst->due_limit) : NULL;
          json_builder_begin_object (b);
          json_member_string (b, "number", o->number);
          json_member_string (b, "state", info->code);
          json_member_string (b, "unit", PQgetvalue (details, row, 1));
          json_member_string (b, "model", PQgetvalue (details, row, 2));
          json_member_string (b, "engineer", PQgetvalue (details, row, 3));
          json_member_string (b, "clock", worst ? wx_clock_to_code (worst_id) : NULL);
          json_member_string (b, "clock_status", worst ? wx_clock_status_to_code (worst->status) : NULL);
          json_member_string (b, "due", due);
          json_builder_end_object (b);
          if (!json)
            g_print ("  %-14s %-20s %-24s %-16s %s\n", o->number, info->code, PQgetvalue (details, row, 1),
                     worst ? wx_clock_to_code (worst_id) : "",
                     worst ? wx_clock_status_label (worst->status) : "");
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, count);
      json_builder_end_object (b);
      if (!json)
        g_print (ngettext ("  (%u order)\n", "  (%u orders)\n", count), count);
    }
  json_builder_end_array (b);
  if (json)
    print_json (b);
  wx_sla_rules_clear (&rules);
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------- sla */

int
wx_admin_cmd_sla (WxAdmin *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxCalendar) calendar = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *due_text = NULL;
  WxSlaRules rules = { 0 };
  const char *from = wx_admin_value (a, "--from");
  WxClock clock;
  int y, mo, d, h, mi;
  gint64 t, due;

  if (a->args->len != 2 || g_strcmp0 (wx_admin_arg (a, 0), "due") != 0)
    return wx_admin_usage_error (_("Use “sla due CLOCK --from \"YYYY-MM-DD HH:MM\" [--target]”."));
  if (!wx_clock_from_code (wx_admin_arg (a, 1), &clock))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown clock “%s”: use dispatch, front-reply, reply, quote, decision, repair, notify, onsite-contact, onsite-arrival, outsourced-reply, enter or review."),
                                              wx_admin_arg (a, 1));
      return wx_admin_usage_error (msg);
    }
  if (from == NULL || !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$", from, 0, 0) ||
      sscanf (from, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5 ||
      !g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59)
    return wx_admin_usage_error (_("--from takes a local time such as \"2026-11-18 15:30\"."));
  conn = wx_admin_connect (a, &error);
  /* The shop's zone says which instant --from is; the rules are compiled around it. */
  if (conn == NULL || (calendar = wx_db_calendar_load (conn, &error)) == NULL)
    return wx_admin_fail (error);
  start = g_date_time_new (wx_calendar_get_zone (calendar), y, mo, d, h, mi, 0);
  t = g_date_time_to_unix (start);
  if (!wx_db_sla_rules_load (conn, t - 7 * DAY, t + 120 * DAY, &rules, &error))
    return wx_admin_fail (error);
  due = wx_sla_due (&rules, clock, t, t, FALSE, wx_admin_flag (a, "--target"));
  due_text = format_time (&rules, due);
  wx_sla_rules_clear (&rules);
  if (*due_text == '\0')
    {
      g_printerr ("weixiu-admin: %s\n", _("The calendar has no opening hours in the year after that time."));
      return EXIT_FAILURE;
    }
  g_print ("%s\n", due_text);
  return EXIT_SUCCESS;
}

#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-error.h"
#include "wx-db.h"
#include "wx-db-error.h"
#include "wx-db-sla.h"
#include "wx-db-staff.h"
#include "wx-db-workflow.h"

void
wx_order_facts_free (WxOrderFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->number);
  g_clear_pointer (&facts->values, g_hash_table_unref);
  g_free (facts);
}

WxOrderFacts *
wx_db_order_facts (PGconn *conn, const char *number, GError **error)
{
  const char *params[] = { number };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT o.id, o.kind, o.state, o.version, to_jsonb(o)::text,"
    "       (SELECT count(*) FROM quote_lines q WHERE q.order_id = o.id), " WX_DB_SQL_USER_ROLES
    "  FROM service_orders o WHERE o.number = $1", 1, params, error);
  g_autoptr(WxOrderFacts) f = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("There is no service order %s."), number);
      return NULL;
    }
  f = g_new0 (WxOrderFacts, 1);
  f->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  f->number = g_strdup (number);
  if (!wx_order_kind_from_code (PQgetvalue (res, 0, 1), &f->kind) ||
      !wx_workflow_state_from_code (PQgetvalue (res, 0, 2), &f->state))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("Order %s has a kind or state this program does not know; update Weixiu."), number);
      return NULL;
    }
  f->version = atoi (PQgetvalue (res, 0, 3));
  f->values = wx_db_json_values (PQgetvalue (res, 0, 4), error);
  if (f->values == NULL)
    return NULL;
  f->n_quote_lines = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 5), NULL, 10);
  f->user_roles = wx_db_user_roles_from_row (res, 0, 6);
  return g_steal_pointer (&f);
}

static char *
payload_json (GHashTable *data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  if (data)
    {
      g_hash_table_iter_init (&iter, data);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (b, key);
          json_builder_add_string_value (b, value);
        }
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
wx_db_order_transition (PGconn              *conn,
                        const char          *number,
                        int                  expected_version,
                        const char          *event,
                        GHashTable          *data,
                        WxTransitionResult  *result,
                        GError             **error)
{
  g_autofree char *version = g_strdup_printf ("%d", expected_version);
  g_autofree char *payload = payload_json (data);
  const char *params[] = { number, version, event, payload };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT order_id, new_version, new_state, event_id FROM wx_transition($1, $2::integer, $3, $4::jsonb)",
    4, params, error);

  if (res == NULL)
    return FALSE;
  if (result)
    {
      result->order_id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      result->version = atoi (PQgetvalue (res, 0, 1));
      result->state = WX_ORDER_STATE_RECEIVED;
      wx_workflow_state_from_code (PQgetvalue (res, 0, 2), &result->state);
      result->event_id = g_ascii_strtoll (PQgetvalue (res, 0, 3), NULL, 10);
    }
  return TRUE;
}

/* Whether the customer's decision on `number` comes after the decision
 * clock's limit (2 working days by default): then a reason must be recorded
 * and the supervisor sees it flagged (domain.md section 4). */
static gboolean
decision_late (PGconn *conn, const char *number, gboolean *late, GError **error)
{
  WxSlaRules rules = { 0 };
  WxClockState clocks[WX_N_CLOCKS];
  gboolean ok = wx_db_sla_order_clocks (conn, number, g_get_real_time () / G_USEC_PER_SEC, &rules, clocks, error);

  wx_sla_rules_clear (&rules);
  *late = ok && clocks[WX_CLOCK_DECISION].status == WX_CLOCK_STATUS_RED;
  return ok;
}

/* Writes what a step brings besides the order's columns: the quote lines
 * (replacing the order's), a payment, the accessories handed back, and the
 * caller's own records. */
static gboolean
write_extras (PGconn              *conn,
              WxOrderFacts        *facts,
              const WxStepExtras  *extras,
              GError             **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, facts->id);

  if (extras->quote_lines)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *lines = NULL;
      const char *params[2] = { id, NULL };

      json_builder_begin_array (b);
      for (guint i = 0; i < extras->quote_lines->len; i++)
        {
          const WxQuoteLineInput *l = &g_array_index (extras->quote_lines, WxQuoteLineInput, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, l->kind ? l->kind : "part");
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, l->description);
          json_builder_set_member_name (b, "quantity");
          json_builder_add_int_value (b, l->quantity);
          json_builder_set_member_name (b, "unit_price");
          json_builder_add_int_value (b, l->unit_price);
          json_builder_set_member_name (b, "part_id");
          if (l->part_id > 0)
            json_builder_add_int_value (b, l->part_id);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "part_number");
          json_builder_add_string_value (b, l->part_number ? l->part_number : "");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      lines = json_generator_to_data (gen, NULL);
      params[1] = lines;
      if (!wx_db_execute (conn, "DELETE FROM quote_lines WHERE order_id = $1", 1, params, error) ||
          !wx_db_execute (conn,
            "INSERT INTO quote_lines (order_id, position, kind, description, quantity, unit_price, part_id, part_number)"
            " SELECT $1::bigint, t.n, t.kind, t.description, t.quantity, t.unit_price, t.part_id, t.part_number"
            "   FROM ROWS FROM (jsonb_to_recordset($2::jsonb)"
            "                   AS (kind text, description text, quantity integer, unit_price bigint,"
            "                       part_id bigint, part_number text))"
            "        WITH ORDINALITY AS t (kind, description, quantity, unit_price, part_id, part_number, n)",
            2, params, error))
        return FALSE;
      facts->n_quote_lines = extras->quote_lines->len;
    }
  if (extras->payment_amount > 0)
    {
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, extras->payment_amount);
      const char *params[] = { id, amount, extras->payment_method ? extras->payment_method : "cash" };

      if (!wx_db_execute (conn, "INSERT INTO payments (order_id, amount, method) VALUES ($1, $2, $3)",
                          3, params, error))
        return FALSE;
    }
  if (extras->accessories_returned)
    {
      const char *params[] = { id };

      if (!wx_db_execute (conn, "UPDATE order_accessories SET returned = true WHERE order_id = $1",
                          1, params, error))
        return FALSE;
    }
  if (extras->write && !extras->write (conn, facts->id, extras->write_data, error))
    return FALSE;
  return TRUE;
}

/* The step itself, inside the caller's transaction when there is one. */
static gboolean
step (PGconn              *conn,
      const char          *number,
      int                  expected_version,
      const char          *event,
      GHashTable          *data,
      const WxStepExtras  *extras,
      WxTransitionResult  *result,
      GError             **error)
{
  g_autoptr(WxOrderFacts) facts = wx_db_order_facts (conn, number, error);
  g_autoptr(GHashTable) values = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (facts == NULL)
    return FALSE;
  /* Someone else moved it since it was read: the database says who. */
  if (expected_version >= 0 && expected_version != facts->version)
    return wx_db_order_transition (conn, number, expected_version, event, data, result, error);
  /* The step's data over what the order already holds. */
  values = g_hash_table_ref (facts->values);
  if (data)
    {
      g_hash_table_iter_init (&iter, data);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (values, g_strdup (key), g_strdup (value));
    }
  if (extras && extras->quote_lines)
    facts->n_quote_lines = extras->quote_lines->len;
  if (!wx_workflow_check (facts->kind, facts->state, event, facts->user_roles, values, facts->n_quote_lines, error))
    return FALSE;
  if (extras && !write_extras (conn, facts, extras, error))
    return FALSE;
  if (g_str_equal (event, "agree") || g_str_equal (event, "decline"))
    {
      g_autoptr(GHashTable) flagged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      const char *reason = g_hash_table_lookup (values, "decision_reason");
      g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));
      gboolean late;

      if (!decision_late (conn, number, &late, error))
        return FALSE;
      if (late && *trimmed == '\0')
        {
          g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING,
                               _("The customer took longer than the decision limit: record why (decision_reason); the supervisor will see it flagged."));
          return FALSE;
        }
      if (late)
        {
          if (data)
            {
              g_hash_table_iter_init (&iter, data);
              while (g_hash_table_iter_next (&iter, &key, &value))
                g_hash_table_replace (flagged, g_strdup (key), g_strdup (value));
            }
          g_hash_table_replace (flagged, g_strdup ("late_decision"), g_strdup ("true"));
          return wx_db_order_transition (conn, number, facts->version, event, flagged, result, error);
        }
    }
  return wx_db_order_transition (conn, number, facts->version, event, data, result, error);
}

gboolean
wx_db_order_step (PGconn              *conn,
                  const char          *number,
                  const char          *event,
                  GHashTable          *data,
                  WxTransitionResult  *result,
                  GError             **error)
{
  return step (conn, number, -1, event, data, NULL, result, error);
}

gboolean
wx_db_order_step_full (PGconn              *conn,
                       const char          *number,
                       int                  expected_version,
                       const char          *event,
                       GHashTable          *data,
                       const WxStepExtras  *extras,
                       WxTransitionResult  *result,
                       GError             **error)
{
  if (!wx_db_begin (conn, error))
    return FALSE;
  if (!step (conn, number, expected_version, event, data, extras, result, error))
    {
      wx_db_rollback (conn);
      return FALSE;
    }
  return wx_db_commit (conn, error);
}

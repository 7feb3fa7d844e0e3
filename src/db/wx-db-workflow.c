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

/* The step's records (wx_transition's "records"): the quote lines
 * replacing the order's, a payment, the accessories handed back. */
static JsonNode *
records_node (const WxStepExtras *extras)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (extras && extras->records)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, extras->records);
      while (json_object_iter_next (&iter, &name, &node))
        {
          json_builder_set_member_name (b, name);
          json_builder_add_value (b, json_node_copy (node));
        }
    }
  if (extras && extras->quote_lines)
    {
      json_builder_set_member_name (b, "quote_lines");
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
          if (l->part_id > 0)
            {
              json_builder_set_member_name (b, "part_id");
              json_builder_add_int_value (b, l->part_id);
            }
          json_builder_set_member_name (b, "part_number");
          json_builder_add_string_value (b, l->part_number ? l->part_number : "");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (extras && extras->payment_amount > 0)
    {
      json_builder_set_member_name (b, "payment");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, extras->payment_amount);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, extras->payment_method ? extras->payment_method : "cash");
      json_builder_end_object (b);
    }
  if (extras && extras->accessories_returned)
    {
      json_builder_set_member_name (b, "accessories_returned");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
payload_json (GHashTable *data, const WxStepExtras *extras)
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
  json_builder_set_member_name (b, "records");
  json_builder_add_value (b, records_node (extras));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
transition (PGconn              *conn,
            const char          *number,
            int                  expected_version,
            const char          *event,
            GHashTable          *data,
            const WxStepExtras  *extras,
            WxTransitionResult  *result,
            GError             **error)
{
  g_autofree char *version = g_strdup_printf ("%d", expected_version);
  g_autofree char *payload = payload_json (data, extras);
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

gboolean
wx_db_order_transition (PGconn              *conn,
                        const char          *number,
                        int                  expected_version,
                        const char          *event,
                        GHashTable          *data,
                        WxTransitionResult  *result,
                        GError             **error)
{
  return transition (conn, number, expected_version, event, data, NULL, result, error);
}

/* The step itself, inside the caller's transaction when there is one:
 * core's checks answer first; the database checks them all again, with
 * every rule core does not know (who may act on the order, the late
 * decision's reason, the payment of the amount due…). */
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
    return transition (conn, number, expected_version, event, data, extras, result, error);
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
  if (extras && extras->write && !extras->write (conn, facts->id, extras->write_data, error))
    return FALSE;
  return transition (conn, number, facts->version, event, data, extras, result, error);
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

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char         *number;
  int           version;
  char         *event;
  GHashTable   *data;
  GArray       *lines;        /* WxQuoteLineInput, texts in `strings` */
  GPtrArray    *strings;
  char         *payment_method;
  WxStepExtras  extras;
} StepJob;

static void
step_job_free (StepJob *job)
{
  g_free (job->number);
  g_free (job->event);
  g_clear_pointer (&job->data, g_hash_table_unref);
  g_clear_pointer (&job->lines, g_array_unref);
  g_clear_pointer (&job->strings, g_ptr_array_unref);
  g_free (job->payment_method);
  g_clear_pointer (&job->extras.records, json_object_unref);
  g_free (job);
}

/* A copy of its own, not a reference: the caller may change `records` after. */
static JsonObject *
copy_records (JsonObject *records)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), records);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  return copy ? json_node_dup_object (copy) : json_object_new ();
}

static gboolean
step_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  StepJob *job = data;
  g_autofree WxTransitionResult *r = g_new0 (WxTransitionResult, 1);

  if (!wx_db_order_step_full (conn, job->number, job->version, job->event, job->data, &job->extras, r, error))
    return FALSE;
  *result = g_steal_pointer (&r);
  return TRUE;
}

void
wx_db_order_step_async (WxDbWorker *worker, const char *number, int expected_version, const char *event,
                        GHashTable *data, const WxStepExtras *extras, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  StepJob *job = g_new0 (StepJob, 1);

  g_return_if_fail (extras == NULL || extras->write == NULL);
  job->number = g_strdup (number);
  job->version = expected_version;
  job->event = g_strdup (event);
  job->strings = g_ptr_array_new_with_free_func (g_free);
  if (data)
    {
      GHashTableIter iter;
      gpointer key, value;

      job->data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, data);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (job->data, g_strdup (key), g_strdup (value));
    }
  if (extras)
    {
      job->extras.payment_amount = extras->payment_amount;
      job->extras.payment_method = job->payment_method = g_strdup (extras->payment_method);
      job->extras.accessories_returned = extras->accessories_returned;
      if (extras->quote_lines)
        {
          job->lines = g_array_sized_new (FALSE, TRUE, sizeof (WxQuoteLineInput), extras->quote_lines->len);
          for (guint i = 0; i < extras->quote_lines->len; i++)
            {
              WxQuoteLineInput line = g_array_index (extras->quote_lines, WxQuoteLineInput, i);

              line.kind = wx_db_keep_string (job->strings, line.kind);
              line.description = wx_db_keep_string (job->strings, line.description);
              line.part_number = wx_db_keep_string (job->strings, line.part_number);
              g_array_append_val (job->lines, line);
            }
          job->extras.quote_lines = job->lines;
        }
      if (extras->records)
        job->extras.records = copy_records (extras->records);
    }
  wx_db_worker_run_async (worker, step_job, job, (GDestroyNotify) step_job_free, g_free,
                          cancellable, callback, user_data);
}

WxTransitionResult *
wx_db_order_step_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

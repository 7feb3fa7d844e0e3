#define G_LOG_DOMAIN "wx-db"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-intake.h"

void
wx_intake_result_clear (WxIntakeResult *r)
{
  g_clear_pointer (&r->number, g_free);
  g_clear_pointer (&r->return_of, g_free);
}

static void
member_text (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static char *
builder_text (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
wx_db_order_draft_json (const WxOrderDraft *d)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  member_text (b, "kind", wx_order_kind_to_code (d->kind));
  member_text (b, "unit", d->unit);
  member_text (b, "address", d->address);
  member_text (b, "contact", d->contact);
  member_text (b, "phone", d->phone);
  member_text (b, "email", d->email);
  member_text (b, "product", d->product);
  member_text (b, "model", d->model);
  member_text (b, "serial", d->serial);
  member_text (b, "fault", d->fault);
  member_text (b, "warranty", d->warranty);
  if (d->accessories)
    {
      json_builder_set_member_name (b, "accessories");
      json_builder_begin_array (b);
      for (guint i = 0; d->accessories[i]; i++)
        json_builder_add_string_value (b, d->accessories[i]);
      json_builder_end_array (b);
    }
  member_text (b, "end_user", d->end_user);
  member_text (b, "appearance", d->appearance);
  member_text (b, "warranty_evidence", d->warranty_evidence);
  member_text (b, "backup", d->backup);
  member_text (b, "remarks", d->remarks);
  member_text (b, "fax", d->fax);
  member_text (b, "end_user_phone", d->end_user_phone);
  member_text (b, "floor_department", d->floor_department);
  member_text (b, "asset_number", d->asset_number);
  member_text (b, "purchase_date", d->purchase_date);
  json_builder_set_member_name (b, "notice_read");
  json_builder_add_boolean_value (b, d->notice_read);
  json_builder_set_member_name (b, "customer_signed");
  json_builder_add_boolean_value (b, d->customer_signed);
  if (d->call_id > 0)
    {
      json_builder_set_member_name (b, "call_id");
      json_builder_add_int_value (b, d->call_id);
    }
  json_builder_end_object (b);
  return builder_text (b);
}

gboolean
wx_db_intake_submit (PGconn *conn, const char *form, WxIntakeResult *result, GError **error)
{
  const char *params[] = { form };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT order_id, order_number, new_version, return_of, cluster_size FROM wx_intake($1::jsonb)",
    1, params, error);

  if (res == NULL)
    return FALSE;
  result->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  result->number = g_strdup (PQgetvalue (res, 0, 1));
  result->version = atoi (PQgetvalue (res, 0, 2));
  result->return_of = PQgetisnull (res, 0, 3) ? NULL : g_strdup (PQgetvalue (res, 0, 3));
  result->cluster_size = (guint) atoi (PQgetvalue (res, 0, 4));
  return TRUE;
}

/* Checked here first to answer sooner; wx_intake checks the same rules,
 * finds or creates the customer, draws the number and writes the order, its
 * accessories, its first event, the call's link and the detections in one
 * transaction (data/sql/functions/intake.sql). */
gboolean
wx_db_order_create (PGconn *conn, const WxOrderDraft *draft, WxIntakeResult *result, GError **error)
{
  g_autofree char *form = NULL;

  if (!wx_order_draft_validate (draft, error))
    return FALSE;
  form = wx_db_order_draft_json (draft);
  return wx_db_intake_submit (conn, form, result, error);
}

/* ------------------------------------------------------------ amend */

gboolean
wx_db_order_amend (PGconn              *conn,
                   const char          *number,
                   int                  version,
                   GHashTable          *changes,
                   WxTransitionResult  *result,
                   GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *form = NULL;
  g_autofree char *version_text = version > 0 ? g_strdup_printf ("%d", version) : NULL;
  g_autoptr(GList) keys = changes ? g_hash_table_get_keys (changes) : NULL;
  g_autoptr(PGresult) res = NULL;

  /* In the order of the form, so that the first field at fault is named. */
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  json_builder_begin_object (b);
  for (GList *k = keys; k; k = k->next)
    {
      const char *value = g_hash_table_lookup (changes, k->data);

      if (!wx_order_amend_check (k->data, value, error))
        return FALSE;
      json_builder_set_member_name (b, k->data);
      json_builder_add_string_value (b, value ? value : "");
    }
  json_builder_end_object (b);
  form = builder_text (b);
  {
    const char *params[] = { number, version_text, form };
    res = wx_db_query (conn,
      "SELECT order_id, new_version, new_state, coalesce(event_id, 0) FROM wx_amend($1, $2::integer, $3::jsonb)",
      3, params, error);
  }
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

int
wx_db_escalate_undiagnosed (PGconn *conn, GDateTime *now, GError **error)
{
  g_autofree char *at = now ? g_date_time_format_iso8601 (now) : NULL;
  const char *params[] = { at };
  /* Staff sweep at the server's time; a time of one's own is the owner's. */
  g_autofree char *n = wx_db_query_value (conn, at ? "SELECT wx_escalate_undiagnosed_at($1::timestamptz)"
                                                   : "SELECT wx_escalate_undiagnosed()",
                                          at ? 1 : 0, at ? params : NULL, error);

  return n ? atoi (n) : -1;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char       *number;
  int         version;
  GHashTable *changes;
} AmendJob;

static void
amend_job_free (AmendJob *j)
{
  g_free (j->number);
  g_hash_table_unref (j->changes);
  g_free (j);
}

static gboolean
amend_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  AmendJob *j = data;
  WxTransitionResult r = { 0 };

  if (!wx_db_order_amend (conn, j->number, j->version, j->changes, &r, error))
    return FALSE;
  *result = g_memdup2 (&r.version, sizeof r.version);
  return TRUE;
}

void
wx_db_order_amend_async (WxDbWorker *worker, const char *number, int version, GHashTable *changes,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  AmendJob *j = g_new0 (AmendJob, 1);

  j->number = g_strdup (number);
  j->version = version;
  j->changes = g_hash_table_ref (changes);
  wx_db_worker_run_async (worker, amend_job, j, (GDestroyNotify) amend_job_free, g_free,
                          cancellable, callback, user_data);
}

gboolean
wx_db_order_amend_finish (WxDbWorker *worker, GAsyncResult *result, int *version, GError **error)
{
  g_autofree int *v = wx_db_worker_run_finish (worker, result, error);

  if (v == NULL)
    return FALSE;
  if (version)
    *version = *v;
  return TRUE;
}

typedef struct {
  WxOrderDraft  draft;
  GPtrArray    *strings;
} CreateJob;

static void
create_job_free (CreateJob *j)
{
  g_strfreev (j->draft.accessories);
  g_ptr_array_unref (j->strings);
  g_free (j);
}

static gboolean
create_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  CreateJob *j = data;
  WxIntakeResult r = { 0 };

  if (!wx_db_order_create (conn, &j->draft, &r, error))
    return FALSE;
  *result = g_steal_pointer (&r.number);
  wx_intake_result_clear (&r);
  return TRUE;
}

void
wx_db_order_create_async (WxDbWorker *worker, const WxOrderDraft *draft, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  CreateJob *j = g_new0 (CreateJob, 1);

  j->strings = g_ptr_array_new_with_free_func (g_free);
  j->draft = *draft;
  j->draft.unit = wx_db_keep_string (j->strings, draft->unit);
  j->draft.address = wx_db_keep_string (j->strings, draft->address);
  j->draft.contact = wx_db_keep_string (j->strings, draft->contact);
  j->draft.phone = wx_db_keep_string (j->strings, draft->phone);
  j->draft.product = wx_db_keep_string (j->strings, draft->product);
  j->draft.model = wx_db_keep_string (j->strings, draft->model);
  j->draft.serial = wx_db_keep_string (j->strings, draft->serial);
  j->draft.fault = wx_db_keep_string (j->strings, draft->fault);
  j->draft.warranty = wx_db_keep_string (j->strings, draft->warranty);
  j->draft.accessories = g_strdupv (draft->accessories);
  j->draft.end_user = wx_db_keep_string (j->strings, draft->end_user);
  j->draft.email = wx_db_keep_string (j->strings, draft->email);
  j->draft.appearance = wx_db_keep_string (j->strings, draft->appearance);
  j->draft.warranty_evidence = wx_db_keep_string (j->strings, draft->warranty_evidence);
  j->draft.backup = wx_db_keep_string (j->strings, draft->backup);
  j->draft.remarks = wx_db_keep_string (j->strings, draft->remarks);
  j->draft.fax = wx_db_keep_string (j->strings, draft->fax);
  j->draft.end_user_phone = wx_db_keep_string (j->strings, draft->end_user_phone);
  j->draft.floor_department = wx_db_keep_string (j->strings, draft->floor_department);
  j->draft.asset_number = wx_db_keep_string (j->strings, draft->asset_number);
  j->draft.purchase_date = wx_db_keep_string (j->strings, draft->purchase_date);
  wx_db_worker_run_async (worker, create_job, j, (GDestroyNotify) create_job_free, g_free,
                          cancellable, callback, user_data);
}

char *
wx_db_order_create_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

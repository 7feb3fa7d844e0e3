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

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

static char *
trimmed (const char *s)
{
  return g_strstrip (g_strdup (or_empty (s)));
}

/* The customer by unit name and phone, created when new. */
static char *
customer_for (PGconn *conn, const WxOrderDraft *d, const char *unit, const char *phone,
              gboolean mobile, GError **error)
{
  const char *find[] = { unit, phone };
  g_autofree char *id = wx_db_query_value (conn,
    "SELECT id FROM customers WHERE unit_name = $1 AND (mobile = $2 OR phone = $2) ORDER BY id LIMIT 1",
    2, find, error);
  g_autofree char *contact = trimmed (d->contact);
  g_autofree char *address = trimmed (d->address);
  const char *add[] = { unit, address, contact, mobile ? phone : NULL, mobile ? NULL : phone };

  if (id == NULL && error && *error)
    return NULL;
  if (id)
    return g_steal_pointer (&id);
  return wx_db_query_value (conn,
    "INSERT INTO customers (unit_name, address, contact_person, mobile, phone)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id", 5, add, error);
}

/* A returned machine: the same serial number handed back within
 * return_repair.days (default 90) before this order (WX_DB_SQL_RETURN_OF). */
static gboolean
detect_return_repair (PGconn *conn, const char *order_id, WxIntakeResult *result, GError **error)
{
  const char *params[] = { order_id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "WITH this AS (SELECT id, serial, received_at AS at FROM service_orders WHERE id = $1::bigint),"
    " earlier AS (" WX_DB_SQL_RETURN_OF "),"
    " marked AS ("
    "  UPDATE service_orders s SET is_return_repair = true, return_of_order_id = earlier.id"
    "    FROM earlier WHERE s.id = $1::bigint RETURNING s.id, s.state),"
    " logged AS ("
    "  INSERT INTO order_events (order_id, event, from_state, to_state, payload)"
    "  SELECT marked.id, 'return_repair', marked.state, marked.state,"
    "         jsonb_build_object('of', earlier.number, 'picked_up_at', earlier.picked_up_at)"
    "    FROM marked, earlier RETURNING 1)"
    " SELECT earlier.number FROM earlier, logged", 1, params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    result->return_of = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}

/* A cluster: cluster.orders (default 3) or more orders of the same model with
 * a similar reported fault received within cluster.days (default 30). Every
 * order of the cluster not yet escalated for it is escalated now. */
static gboolean
detect_cluster (PGconn *conn, const char *order_id, const char *fault, WxIntakeResult *result, GError **error)
{
  const char *params[] = { order_id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "WITH this AS (SELECT id, model, received_at FROM service_orders WHERE id = $1::bigint)"
    " SELECT o.id, o.state, o.reported_fault,"
    "        EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'cluster'),"
    "        wx_setting('cluster.orders', '3')::integer"
    "   FROM service_orders o, this"
    "  WHERE btrim(this.model) <> '' AND upper(btrim(o.model)) = upper(btrim(this.model)) AND o.id <> this.id"
    "    AND o.received_at > this.received_at - make_interval(days => wx_setting('cluster.days', '30')::integer)"
    "    AND o.received_at <= this.received_at"
    "  ORDER BY o.id", 1, params, error);
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GString) ids = NULL;
  guint needed;

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    return TRUE;
  needed = (guint) atoi (PQgetvalue (res, 0, 4));
  members = g_ptr_array_new ();
  for (int i = 0; i < PQntuples (res); i++)
    if (wx_fault_similarity (fault, PQgetvalue (res, i, 2)) >= WX_FAULT_SIMILAR)
      g_ptr_array_add (members, GINT_TO_POINTER (i));
  if (members->len + 1 < needed)
    return TRUE;

  result->cluster_size = members->len + 1;
  count = g_strdup_printf ("%u", result->cluster_size);
  ids = g_string_new ("{");
  g_string_append (ids, order_id);
  for (guint m = 0; m < members->len; m++)
    {
      int i = GPOINTER_TO_INT (g_ptr_array_index (members, m));
      if (!g_str_equal (PQgetvalue (res, i, 3), "t"))
        g_string_append_printf (ids, ",%s", PQgetvalue (res, i, 0));
    }
  g_string_append_c (ids, '}');
  {
    const char *members_params[] = { ids->str, count };
    if (!wx_db_execute (conn,
          "SELECT wx_escalate_auto(id, state, 'cluster', $2::integer)"
          "  FROM service_orders WHERE id = ANY ($1::bigint[]) ORDER BY id", 2, members_params, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
create_in_transaction (PGconn *conn, const WxOrderDraft *d, WxIntakeResult *result, GError **error)
{
  g_autofree char *unit = trimmed (d->unit);
  g_autofree char *phone = trimmed (d->phone);
  gboolean mobile = wx_phone_is_mobile (phone);
  g_autofree char *customer = customer_for (conn, d, unit, phone, mobile, error);
  g_autofree char *address = trimmed (d->address), *contact = trimmed (d->contact);
  g_autofree char *product = trimmed (d->product), *model = trimmed (d->model);
  g_autofree char *serial = trimmed (d->serial), *fault = trimmed (d->fault);
  const char *kind = wx_order_kind_to_code (d->kind);
  const char *state = d->kind == WX_ORDER_KIND_ON_SITE ? "call_logged" : "received";
  g_autoptr(PGresult) res = NULL;

  if (customer == NULL)
    return FALSE;
  {
    g_autofree char *end_user = trimmed (d->end_user), *email = trimmed (d->email);
    g_autofree char *appearance = trimmed (d->appearance), *remarks = trimmed (d->remarks);
    const char *params[] = { kind, state, customer, unit, address, contact,
                             mobile ? phone : NULL, mobile ? NULL : phone,
                             product, model, serial, fault, d->warranty ? d->warranty : "unknown",
                             end_user, *email ? email : NULL, appearance,
                             d->warranty_evidence ? d->warranty_evidence : "none",
                             d->backup ? d->backup : "not_applicable", remarks,
                             d->notice_read ? "true" : "false", d->customer_signed ? "true" : "false" };
    res = wx_db_query (conn,
      "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_person,"
      "  contact_mobile, contact_phone, product_name, model, serial, reported_fault, warranty_status,"
      "  end_user, contact_email, appearance_check, warranty_evidence, backup, remarks, notice_read, customer_signed)"
      " VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
      "         $14, $15, $16, $17, $18, $19, $20::boolean, $21::boolean)"
      " RETURNING id, number", 21, params, error);
  }
  if (res == NULL)
    return FALSE;
  result->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  result->number = g_strdup (PQgetvalue (res, 0, 1));

  if (d->accessories && d->accessories[0])
    {
      /* Every accessory in one statement, in the order given. */
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *names = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; d->accessories[i]; i++)
        {
          g_autofree char *name = trimmed (d->accessories[i]);
          json_builder_add_string_value (b, name);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      names = json_generator_to_data (gen, NULL);
      {
        const char *params[] = { PQgetvalue (res, 0, 0), names };
        if (!wx_db_execute (conn,
              "INSERT INTO order_accessories (order_id, position, name)"
              " SELECT $1::bigint, t.n, t.name FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS t(name, n)",
              2, params, error))
          return FALSE;
      }
    }
  {
    const char *params[] = { PQgetvalue (res, 0, 0), state };
    if (!wx_db_execute (conn,
          "INSERT INTO order_events (order_id, event, to_state) VALUES ($1::bigint, $2, $2)", 2, params, error))
      return FALSE;
  }
  if (d->call_id > 0)
    {
      /* The call it answers (工作日记本) now points at it: once only. */
      g_autofree char *call = g_strdup_printf ("%" G_GINT64_FORMAT, d->call_id);
      const char *params[] = { PQgetvalue (res, 0, 0), customer, call };
      g_autoptr(PGresult) linked = wx_db_query (conn,
        "UPDATE calls SET order_id = $1::bigint, customer_id = coalesce(customer_id, $2::bigint)"
        " WHERE id = $3::bigint AND order_id IS NULL RETURNING id", 3, params, error);

      if (linked == NULL)
        return FALSE;
      if (PQntuples (linked) == 0)
        {
          g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT,
                               _("That call already has a service order (or was removed); nothing was saved. Reload the call log."));
          return FALSE;
        }
    }
  return detect_return_repair (conn, PQgetvalue (res, 0, 0), result, error) &&
         detect_cluster (conn, PQgetvalue (res, 0, 0), fault, result, error);
}

gboolean
wx_db_order_create (PGconn *conn, const WxOrderDraft *draft, WxIntakeResult *result, GError **error)
{
  if (!wx_order_draft_validate (draft, error) || !wx_db_begin (conn, error))
    return FALSE;
  if (!create_in_transaction (conn, draft, result, error))
    {
      wx_db_rollback (conn);
      wx_intake_result_clear (result);
      return FALSE;
    }
  return wx_db_commit (conn, error);
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

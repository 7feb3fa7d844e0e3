#define G_LOG_DOMAIN "wx-db-detail"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-codes.h"
#include "core/wx-money.h"
#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-calls.h"
#include "wx-db-detail.h"
#include "wx-db-messages.h"
#include "wx-db-sla.h"

static const char *section_labels[WX_N_DETAIL_SECTIONS] = {
  [WX_DETAIL_INTAKE]     = N_("Intake"),
  [WX_DETAIL_MACHINE]    = N_("Machine"),
  [WX_DETAIL_INSPECTION] = N_("Dispatch and inspection"),
  [WX_DETAIL_QUOTE]      = N_("Quote"),
  [WX_DETAIL_DECISION]   = N_("Customer's decision"),
  [WX_DETAIL_REPAIR]     = N_("Repair"),
  [WX_DETAIL_PICKUP]     = N_("Notice and pickup"),
  [WX_DETAIL_CLOSING]    = N_("Closing"),
};

const char *
wx_detail_section_label (WxDetailSection section)
{
  g_return_val_if_fail ((guint) section < WX_N_DETAIL_SECTIONS, "");
  return _(section_labels[section]);
}

/* ------------------------------------------------------------ the form */

typedef enum {
  SHOW_TEXT,       /* the document's text as it is (times are already local) */
  SHOW_CODE,       /* a code of the set `extra` */
  SHOW_YES_NO,     /* a gboolean */
  SHOW_MONEY,      /* a WxMoney, present when the gboolean at `extra` says so */
  SHOW_KIND,
  SHOW_STATE,
  SHOW_RETURN,     /* return repair: no, or yes and of which order */
  SHOW_TIME,       /* a time as a step's data gives it */
} Show;

#define DOC(field) G_STRUCT_OFFSET (WxDbDocument, field)
#define I  WX_DETAIL_INTAKE
#define M  WX_DETAIL_MACHINE
#define N  WX_DETAIL_INSPECTION
#define Q  WX_DETAIL_QUOTE
#define D  WX_DETAIL_DECISION
#define R  WX_DETAIL_REPAIR
#define P  WX_DETAIL_PICKUP
#define C  WX_DETAIL_CLOSING

/* Every field of the paper form, in its order (domain.md section 2). */
static const struct {
  WxDetailSection  section;
  const char      *key;
  const char      *label;
  Show             show;
  glong            offset;
  glong            extra;
} form[] = {
  { I, "number",              N_("Order number"),                 SHOW_TEXT,   DOC (number) },
  { I, "kind",                N_("Kind"),                         SHOW_KIND,   DOC (kind) },
  { I, "state",               N_("State"),                        SHOW_STATE,  DOC (state) },
  { I, "unit_name",           N_("Unit name"),                    SHOW_TEXT,   DOC (unit_name) },
  { I, "unit_address",        N_("Unit address"),                 SHOW_TEXT,   DOC (unit_address) },
  { I, "contact_person",      N_("Contact person"),               SHOW_TEXT,   DOC (contact_person) },
  { I, "contact_mobile",      N_("Mobile"),                       SHOW_TEXT,   DOC (contact_mobile) },
  { I, "contact_phone",       N_("Phone"),                        SHOW_TEXT,   DOC (contact_phone) },
  { I, "contact_fax",         N_("Fax"),                          SHOW_TEXT,   DOC (contact_fax) },
  { I, "contact_email",       N_("Email"),                        SHOW_TEXT,   DOC (contact_email) },
  { I, "end_user",            N_("End user"),                     SHOW_TEXT,   DOC (end_user) },
  { I, "end_user_phone",      N_("User phone"),                   SHOW_TEXT,   DOC (end_user_phone) },
  { I, "floor_department",    N_("Floor / department"),           SHOW_TEXT,   DOC (floor_department) },
  { I, "notice_read",         N_("Important notice read"),        SHOW_YES_NO, DOC (notice_read) },
  { I, "customer_signed",     N_("Customer signed"),              SHOW_YES_NO, DOC (customer_signed) },
  { I, "received_by",         N_("Received by"),                  SHOW_TEXT,   DOC (received_by) },
  { I, "received_at",         N_("Received at"),                  SHOW_TEXT,   DOC (received_at) },
  { I, "owner_role",          N_("Responsible (first contact)"),  SHOW_TEXT,   DOC (owner) },
  { M, "product_name",        N_("Product"),                      SHOW_TEXT,   DOC (product_name) },
  { M, "brand",               N_("Brand"),                        SHOW_TEXT,   DOC (brand) },
  { M, "model",               N_("Model"),                        SHOW_TEXT,   DOC (model) },
  { M, "serial",              N_("Serial number"),                SHOW_TEXT,   DOC (serial) },
  { M, "asset_number",        N_("Asset number"),                 SHOW_TEXT,   DOC (asset_number) },
  { M, "reported_fault",      N_("Reported fault"),               SHOW_TEXT,   DOC (reported_fault) },
  { M, "appearance_check",    N_("Appearance and configuration"), SHOW_TEXT,   DOC (appearance_check) },
  { M, "warranty_status",     N_("Warranty"),                     SHOW_CODE,   DOC (warranty_status), WX_CODE_WARRANTY_STATUS },
  { M, "warranty_evidence",   N_("Warranty evidence"),            SHOW_CODE,   DOC (warranty_evidence), WX_CODE_WARRANTY_EVIDENCE },
  { M, "warranty_until",      N_("Warranty until"),               SHOW_TEXT,   DOC (warranty_until) },
  { M, "is_return_repair",    N_("Return repair"),                SHOW_RETURN, DOC (is_return_repair) },
  { M, "remarks",             N_("Remarks"),                      SHOW_TEXT,   DOC (remarks) },
  { M, "backup",              N_("Data backup"),                  SHOW_CODE,   DOC (backup), WX_CODE_BACKUP },
  { N, "dispatched_at",       N_("Dispatched at"),                SHOW_TEXT,   DOC (dispatched_at) },
  { N, "engineer",            N_("Engineer"),                     SHOW_TEXT,   DOC (engineer) },
  { N, "appointment_at",      N_("Appointment"),                  SHOW_TEXT,   DOC (appointment_at) },
  { N, "fault_analysis",      N_("Fault analysis"),               SHOW_TEXT,   DOC (fault_analysis) },
  { N, "measures",            N_("Measures and result"),          SHOW_TEXT,   DOC (measures) },
  { N, "parts_needed",        N_("Parts to replace / part no."),  SHOW_TEXT,   DOC (parts_needed) },
  { N, "suggested_price",     N_("Suggested price"),              SHOW_MONEY,  DOC (suggested_price), DOC (has_suggested_price) },
  { N, "explanation",         N_("Explanation"),                  SHOW_TEXT,   DOC (explanation) },
  { N, "inspected_by",        N_("Inspected by"),                 SHOW_TEXT,   DOC (inspected_by) },
  { N, "inspected_at",        N_("Inspected at"),                 SHOW_TEXT,   DOC (inspected_at) },
  { N, "peer_name",           N_("Peer shop"),                    SHOW_TEXT,   DOC (peer_name) },
  { N, "peer_address",        N_("Peer shop address"),            SHOW_TEXT,   DOC (peer_address) },
  { N, "peer_phone",          N_("Peer shop phone"),              SHOW_TEXT,   DOC (peer_phone) },
  { N, "peer_contact",        N_("Peer shop contact"),            SHOW_TEXT,   DOC (peer_contact) },
  { Q, "quoted_at",           N_("Quoted at"),                    SHOW_TEXT,   DOC (quoted_at) },
  { Q, "quote_total",         N_("Quote total"),                  SHOW_MONEY,  DOC (quote_total), DOC (has_quote_total) },
  { Q, "quote_method",        N_("Quoted how"),                   SHOW_CODE,   DOC (quote_method), WX_CODE_QUOTE_METHOD },
  { Q, "quote_told",          N_("Who was told"),                 SHOW_TEXT,   DOC (quote_told) },
  { Q, "repair_period",       N_("Repair period"),                SHOW_TEXT,   DOC (repair_period) },
  { D, "decision",            N_("Decision"),                     SHOW_CODE,   DOC (decision), WX_CODE_DECISION },
  { D, "decided_at",          N_("Decided at"),                   SHOW_TEXT,   DOC (decided_at) },
  { D, "decision_contact",    N_("Customer's contact"),           SHOW_TEXT,   DOC (decision_contact) },
  { D, "decision_reason",     N_("Reason"),                       SHOW_TEXT,   DOC (decision_reason) },
  { R, "repaired_by",         N_("Repaired by"),                  SHOW_TEXT,   DOC (repaired_by) },
  { R, "repaired_at",         N_("Repaired at"),                  SHOW_TEXT,   DOC (repaired_at) },
  { R, "repair_notes",        N_("Repair notes"),                 SHOW_TEXT,   DOC (repair_notes) },
  { R, "old_parts",           N_("Old parts"),                    SHOW_CODE,   DOC (old_parts), WX_CODE_OLD_PARTS },
  { P, "notified_at",         N_("Notified at"),                  SHOW_TEXT,   DOC (notified_at) },
  { P, "picked_up_at",        N_("Picked up at"),                 SHOW_TEXT,   DOC (picked_up_at) },
  { P, "picked_up_by",        N_("Picked up by"),                 SHOW_TEXT,   DOC (picked_up_by) },
  { P, "delivered_by",        N_("Delivered by"),                 SHOW_TEXT,   DOC (delivered_by) },
  { P, "accessories_checked", N_("Accessories checked"),          SHOW_YES_NO, DOC (accessories_checked) },
  { P, "pickup_signed",       N_("Customer signed at pickup"),    SHOW_YES_NO, DOC (pickup_signed) },
  { P, "payment_status",      N_("Payment"),                      SHOW_CODE,   DOC (payment_status), WX_CODE_PAYMENT },
  { C, "entered_at",          N_("Entered at"),                   SHOW_TEXT,   DOC (entered_at) },
  { C, "confirmed_by",        N_("Confirmed by"),                 SHOW_TEXT,   DOC (confirmed_by) },
  { C, "reviewed_by",         N_("Reviewed by"),                  SHOW_TEXT,   DOC (reviewed_by) },
  { C, "reviewed_at",         N_("Reviewed at"),                  SHOW_TEXT,   DOC (reviewed_at) },
  { C, "reconciled_at",       N_("Reconciled at"),                SHOW_TEXT,   DOC (reconciled_at) },
  { C, "invoiced_at",         N_("Invoiced at"),                  SHOW_TEXT,   DOC (invoiced_at) },
  { C, "cancel_reason",       N_("Reason for cancelling"),        SHOW_TEXT,   DOC (cancel_reason) },
};

#undef I
#undef M
#undef N
#undef Q
#undef D
#undef R
#undef P
#undef C

static char *
field_value (const WxDbDocument *doc, guint i)
{
  gconstpointer at = G_STRUCT_MEMBER_P (doc, form[i].offset);

  switch (form[i].show)
    {
    case SHOW_CODE:
      return g_strdup (wx_code_label ((WxCodeSet) form[i].extra, *(const char * const *) at));
    case SHOW_YES_NO:
      return g_strdup (*(const gboolean *) at ? _("Yes") : _("No"));
    case SHOW_MONEY:
      return G_STRUCT_MEMBER (gboolean, doc, form[i].extra) ? wx_money_format_yuan (*(const WxMoney *) at) : g_strdup ("");
    case SHOW_KIND:
      return g_strdup (wx_order_kind_label (doc->kind));
    case SHOW_STATE:
      return g_strdup (wx_order_state_label (doc->state));
    case SHOW_RETURN:
      if (!doc->is_return_repair)
        return g_strdup (_("No"));
      if (*doc->return_of_number)
        return g_strdup_printf (_("Yes, of order %s"), doc->return_of_number);
      return g_strdup (_("Yes"));
    case SHOW_TEXT:
    default:
      return g_strdup (*(const char * const *) at);
    }
}

static void
field_clear (WxDetailField *f)
{
  g_free (f->value);
}

static GArray *
form_fields (const WxDbDocument *doc)
{
  GArray *fields = g_array_sized_new (FALSE, FALSE, sizeof (WxDetailField), G_N_ELEMENTS (form));

  g_array_set_clear_func (fields, (GDestroyNotify) field_clear);
  for (guint i = 0; i < G_N_ELEMENTS (form); i++)
    {
      WxDetailField f = { form[i].section, form[i].key, _(form[i].label), field_value (doc, i) };
      g_array_append_val (fields, f);
    }
  return fields;
}

const WxDetailField *
wx_order_detail_field (const WxOrderDetail *detail,
                       const char          *key)
{
  for (guint i = 0; i < detail->fields->len; i++)
    {
      const WxDetailField *f = &g_array_index (detail->fields, WxDetailField, i);
      if (g_str_equal (f->key, key))
        return f;
    }
  return NULL;
}

/* ------------------------------------------------------------ events */

/* The data steps record (the keys of the step catalogue, as wx_transition
 * stores them; those of the visits' steps; the detections' and the
 * automatic escalations' own), in the order they are told. */
static const struct {
  const char *key;
  const char *label;
  Show        show;      /* TEXT, TIME, CODE (set in `codes`), MONEY, or YES_NO: a flag said by its label alone */
  WxCodeSet   codes;
} payload_keys[] = {
  { "engineer",         N_("Engineer"),                SHOW_TEXT },
  { "new_owner",        N_("Handed to"),               SHOW_TEXT },
  { "contact",          N_("Contact"),                 SHOW_TEXT },
  { "decision_contact", N_("Contact"),                 SHOW_TEXT },
  { "answered_by",      N_("Answered by"),             SHOW_TEXT },
  { "relayed_to",       N_("Relayed to"),              SHOW_TEXT },
  { "appointment_at",   N_("Appointment"),             SHOW_TIME },
  { "fault_analysis",   N_("Fault analysis"),          SHOW_TEXT },
  { "suggested_price",  N_("Suggested price"),         SHOW_MONEY },
  { "peer_id",          N_("Peer shop"),               SHOW_TEXT },
  { "part",             N_("Part"),                    SHOW_TEXT },
  { "supplier_id",      N_("Supplier"),                SHOW_TEXT },
  { "quote_total",      N_("Quote total"),             SHOW_MONEY },
  { "quote_method",     N_("Quoted how"),              SHOW_CODE, WX_CODE_QUOTE_METHOD },
  { "quote_told",       N_("Who was told"),            SHOW_TEXT },
  { "repair_notes",     N_("Repair notes"),            SHOW_TEXT },
  { "old_parts",        N_("Old parts"),               SHOW_CODE, WX_CODE_OLD_PARTS },
  { "picked_up_by",     N_("Picked up by"),            SHOW_TEXT },
  { "payment_status",   N_("Payment"),                 SHOW_CODE, WX_CODE_PAYMENT },
  { "of",               N_("Return repair of"),        SHOW_TEXT },
  { "trigger",          N_("Why"),                     SHOW_CODE, WX_CODE_ESCALATION_TRIGGER },
  { "reason",           N_("Reason"),                  SHOW_TEXT },
  { "decision_reason",  N_("Reason"),                  SHOW_TEXT },
  { "cancel_reason",    N_("Reason"),                  SHOW_TEXT },
  { "late_decision",    N_("Decided after the limit"), SHOW_YES_NO },
};

/* A time the step's data carries ("2026-11-20 10:00+08"), in the shop's
 * zone; the text as it is when it is not one. */
static char *
payload_time (WxCalendar *calendar, const char *text)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) t = NULL;

  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  t = g_date_time_new_from_iso8601 (iso, utc);
  return t ? wx_calendar_format_instant (calendar, g_date_time_to_unix (t)) : g_strdup (text);
}

static char *
payload_text (GHashTable *values, WxCalendar *calendar)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (payload_keys); i++)
    {
      const char *v = g_hash_table_lookup (values, payload_keys[i].key);
      g_autofree char *shown = NULL;
      gint64 fen;

      if (v == NULL || *v == '\0')
        continue;
      switch (payload_keys[i].show)
        {
        case SHOW_YES_NO:
          if (!g_str_equal (v, "true"))
            continue;
          shown = g_strdup (_(payload_keys[i].label));
          break;
        case SHOW_MONEY:
          shown = g_ascii_string_to_signed (v, 10, 0, WX_MONEY_MAX, &fen, NULL) ? wx_money_format_yuan (fen) : g_strdup (v);
          break;
        case SHOW_CODE:
          shown = g_strdup (wx_code_label (payload_keys[i].codes, v));
          break;
        case SHOW_TIME:
          shown = payload_time (calendar, v);
          break;
        default:
          shown = g_strdup (v);
          break;
        }
      if (out->len)
        g_string_append (out, _("; "));
      if (payload_keys[i].show == SHOW_YES_NO)
        g_string_append (out, shown);
      else
        g_string_append_printf (out, _("%s: %s"), _(payload_keys[i].label), shown);
    }
  return g_string_free (out, FALSE);
}

static const char *
json_text (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
    ? json_node_get_string (n) : "";
}

/* An `amend` event (wx_amend): each field corrected, with its old and new
 * value ({"fields": {"serial": {"old": …, "new": …}}}), in the form's order:
 * "Serial number: CN123 → CN128". */
static char *
amend_text (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *out = g_string_new (NULL);
  JsonNode *fields;

  if (!json_parser_load_from_data (parser, payload, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_string_free (out, FALSE);
  fields = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return g_string_free (out, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (form); i++)
    {
      JsonNode *change = json_object_get_member (json_node_get_object (fields), form[i].key);
      const char *old, *new;

      if (change == NULL || !JSON_NODE_HOLDS_OBJECT (change))
        continue;
      old = json_text (json_node_get_object (change), "old");
      new = json_text (json_node_get_object (change), "new");
      if (out->len)
        g_string_append (out, _("; "));
      /* TRANSLATORS: a corrected field: its label, the old and the new value. */
      g_string_append_printf (out, _("%s: %s → %s"), _(form[i].label), *old ? old : _("(empty)"),
                              *new ? new : _("(empty)"));
    }
  return g_string_free (out, FALSE);
}

static void
event_clear (WxDetailEvent *e)
{
  g_free (e->at_text);
  g_free (e->actor);
  g_free (e->actor_name);
  g_free (e->event);
  g_free (e->details);
}

static int
state_or_none (const char *code)
{
  WxOrderState s;

  return wx_workflow_state_from_code (code, &s) ? (int) s : -1;
}

/* The timeline, with the names of the staff, the peer shop and the
 * supplier the data refers to by login or id. */
static GArray *
load_events (PGconn *conn, gint64 order_id, WxCalendar *calendar, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT e.id, floor(extract(epoch FROM e.at))::bigint, to_char(e.at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'),"
    "       e.actor, coalesce(s.full_name, e.actor), e.event, coalesce(e.from_state, ''), coalesce(e.to_state, ''),"
    "       e.payload::text,"
    "       (SELECT x.full_name FROM staff x WHERE x.role_name = e.payload ->> 'engineer'),"
    "       (SELECT x.full_name FROM staff x WHERE x.role_name = e.payload ->> 'new_owner'),"
    "       (SELECT p.name FROM suppliers p WHERE p.id::text = e.payload ->> 'peer_id'),"
    "       (SELECT p.name FROM suppliers p WHERE p.id::text = e.payload ->> 'supplier_id')"
    "  FROM order_events e CROSS JOIN (SELECT wx_setting('timezone', 'Asia/Shanghai') AS tz) z"
    "  LEFT JOIN staff s ON s.role_name = e.actor"
    " WHERE e.order_id = $1::bigint ORDER BY e.at, e.id", 1, params, error);
  g_autoptr(GArray) events = NULL;
  static const char *named[] = { "engineer", "new_owner", "peer_id", "supplier_id" };

  if (res == NULL)
    return NULL;
  events = g_array_sized_new (FALSE, FALSE, sizeof (WxDetailEvent), PQntuples (res));
  g_array_set_clear_func (events, (GDestroyNotify) event_clear);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(GHashTable) values = wx_db_json_values (PQgetvalue (res, i, 8), error);
      WxDetailEvent e;

      if (values == NULL)
        return NULL;
      for (guint n = 0; n < G_N_ELEMENTS (named); n++)
        if (!PQgetisnull (res, i, 9 + (int) n))
          g_hash_table_replace (values, g_strdup (named[n]), wx_db_dup_text (res, i, 9 + (int) n));
      e.id = wx_db_get_int (res, i, 0);
      e.at = wx_db_get_int (res, i, 1);
      e.at_text = wx_db_dup_text (res, i, 2);
      e.actor = wx_db_dup_text (res, i, 3);
      e.actor_name = wx_db_dup_text (res, i, 4);
      e.event = wx_db_dup_text (res, i, 5);
      e.event_label = wx_workflow_event_label (e.event);
      e.from = state_or_none (PQgetvalue (res, i, 6));
      e.to = state_or_none (PQgetvalue (res, i, 7));
      e.details = g_str_equal (e.event, "amend") ? amend_text (PQgetvalue (res, i, 8))
                                                 : payload_text (values, calendar);
      g_array_append_val (events, e);
    }
  return g_steal_pointer (&events);
}

/* ------------------------------------------------------------ the detail */

static void
clock_fill (WxDetailClock *c, WxClock clock, const WxClockState *state, WxCalendar *calendar)
{
  gboolean started = state->status != WX_CLOCK_STATUS_NOT_STARTED;

  c->clock = clock;
  c->label = wx_clock_label (clock);
  c->state = *state;
  c->status_label = wx_clock_status_label (state->status);
  c->started = wx_calendar_format_instant (calendar, state->start);
  c->due_target = started ? wx_calendar_format_instant (calendar, state->due_target) : g_strdup ("");
  c->due_limit = started ? wx_calendar_format_instant (calendar, state->due_limit) : g_strdup ("");
  c->stopped = wx_calendar_format_instant (calendar, state->stop);
}

void
wx_order_detail_free (WxOrderDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->number);
  g_clear_pointer (&detail->document, wx_db_document_free);
  g_clear_pointer (&detail->fields, g_array_unref);
  g_clear_pointer (&detail->events, g_array_unref);
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      g_free (detail->clocks[c].started);
      g_free (detail->clocks[c].due_target);
      g_free (detail->clocks[c].due_limit);
      g_free (detail->clocks[c].stopped);
    }
  g_clear_pointer (&detail->calls, g_ptr_array_unref);
  g_clear_pointer (&detail->messages, g_array_unref);
  g_clear_pointer (&detail->payments, g_ptr_array_unref);
  g_clear_pointer (&detail->open_return, wx_review_open_return_free);
  g_free (detail);
}

static void
message_clear (WxDetailMessage *m)
{
  g_free (m->at_text);
  g_free (m->text);
}

/* The order's messages to the customer, oldest first. */
static GArray *
load_messages (PGconn *conn, gint64 order_id, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT m.id, to_char(m.created_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI'),"
    "       m.kind, m.channel, m.recipient, m.state, m.last_error"
    "  FROM messages m WHERE m.order_id = $1::bigint ORDER BY m.id", 1, params, error);
  GArray *messages;

  if (res == NULL)
    return NULL;
  messages = g_array_sized_new (FALSE, FALSE, sizeof (WxDetailMessage), PQntuples (res));
  g_array_set_clear_func (messages, (GDestroyNotify) message_clear);
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *state = PQgetvalue (res, i, 5);
      const char *reason = PQgetvalue (res, i, 6);
      g_autofree char *head = g_strdup_printf ("%s · %s → %s: %s", wx_db_message_word (PQgetvalue (res, i, 2)),
                                               wx_db_message_word (PQgetvalue (res, i, 3)), PQgetvalue (res, i, 4),
                                               wx_db_message_word (state));
      WxDetailMessage m;

      m.id = wx_db_get_int (res, i, 0);
      m.at_text = wx_db_dup_text (res, i, 1);
      m.attention = g_str_equal (state, "failed") || g_str_equal (state, "unknown");
      m.text = *reason && !g_str_equal (state, "cancelled") && !g_str_equal (state, "sent")
        ? g_strdup_printf ("%s (%s)", head, reason) : g_steal_pointer (&head);
      g_array_append_val (messages, m);
    }
  return messages;
}

static gboolean
load_rest (PGconn *conn, WxOrderDetail *d, WxSlaRules *rules, gint64 now, GError **error)
{
  WxClockState clocks[WX_N_CLOCKS];
  WxCalendar *calendar;

  if (!wx_db_sla_order_clocks (conn, d->number, now, rules, clocks, error))
    return FALSE;
  calendar = wx_timeline_get_calendar (rules->timeline);
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    clock_fill (&d->clocks[c], c, &clocks[c], calendar);
  d->events = load_events (conn, d->id, calendar, error);
  if (d->events == NULL)
    return FALSE;
  d->calls = wx_db_calls_of_order (conn, d->id, error);
  if (d->calls == NULL)
    return FALSE;
  d->messages = load_messages (conn, d->id, error);
  if (d->messages == NULL)
    return FALSE;
  d->payments = wx_db_payments_load (conn, d->number, &d->balance, error);
  if (d->payments == NULL || !wx_db_order_customer_prepaid (conn, d->number, &d->prepaid, error))
    return FALSE;
  if (d->state != WX_ORDER_STATE_ENTERED)
    return TRUE;
  {
    GError *local = NULL;

    d->open_return = wx_db_review_open_return (conn, d->id, &local);
    if (local)
      {
        g_propagate_error (error, local);
        return FALSE;
      }
  }
  return TRUE;
}

WxOrderDetail *
wx_db_order_detail_load (PGconn      *conn,
                         const char  *number,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(WxDbDocument) doc = wx_db_document_load (conn, number, error);
  g_autoptr(WxOrderDetail) d = NULL;
  WxSlaRules rules = { 0 };
  gboolean ok;

  if (doc == NULL)
    return NULL;
  d = g_new0 (WxOrderDetail, 1);
  d->id = doc->id;
  d->number = g_strdup (doc->number);
  d->version = doc->version;
  d->kind = doc->kind;
  d->state = doc->state;
  d->fields = form_fields (doc);
  d->document = g_steal_pointer (&doc);
  ok = load_rest (conn, d, &rules, now, error);
  wx_sla_rules_clear (&rules);
  return ok ? g_steal_pointer (&d) : NULL;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  char   *number;
  gint64  now;
} DetailQuery;

static void
detail_query_free (DetailQuery *q)
{
  g_free (q->number);
  g_free (q);
}

static gboolean
detail_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  DetailQuery *q = data;

  *result = wx_db_order_detail_load (conn, q->number, q->now, error);
  return *result != NULL;
}

void
wx_db_order_detail_load_async (WxDbWorker *worker, const char *number, gint64 now, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  DetailQuery *q = g_new0 (DetailQuery, 1);

  q->number = g_strdup (number);
  q->now = now;
  wx_db_worker_read_async (worker, detail_job, q, (GDestroyNotify) detail_query_free,
                           (GDestroyNotify) wx_order_detail_free, cancellable, callback, user_data);
}

WxOrderDetail *
wx_db_order_detail_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

#define G_LOG_DOMAIN "wx-db"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "core/wx-error.h"
#include "wx-db.h"
#include "wx-db-callbacks.h"
#include "wx-db-intake.h"
#include "wx-db-records.h"

#define TZ "wx_setting('timezone', 'Asia/Shanghai')"
#define LOCAL_TEXT(col) "coalesce(to_char(" col " AT TIME ZONE " TZ ", 'YYYY-MM-DD HH24:MI'), '')"
#define FULL_NAME(role) "coalesce((SELECT st.full_name FROM staff st WHERE st.role_name = " role "), " role ", '')"

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ------------------------------------------------------------ generation and sweep */

int
wx_db_callbacks_generate (PGconn *conn, GDateTime *now, GError **error)
{
  g_autofree char *at = now ? g_date_time_format_iso8601 (now) : NULL;
  const char *params[] = { at };
  /* The staff's lists as of the server's clock; a time of one's own is the owner's. */
  g_autofree char *n = wx_db_query_value (conn, at ? "SELECT wx_callbacks_generate_at($1::timestamptz)"
                                                   : "SELECT wx_callbacks_generate()",
                                          at ? 1 : 0, at ? params : NULL, error);

  return n ? atoi (n) : -1;
}

/* Quotes undecided past the decision clock's limit reach the inbox. */
int
wx_db_escalate_late_decisions (PGconn *conn, GDateTime *now, GError **error)
{
  g_autofree char *at = now ? g_date_time_format_iso8601 (now) : NULL;
  const char *params[] = { at };
  /* Staff sweep at the server's time; a time of one's own is the owner's. */
  g_autofree char *n = wx_db_query_value (conn, at ? "SELECT wx_escalate_late_decisions_at($1::timestamptz)"
                                                   : "SELECT wx_escalate_late_decisions()",
                                          at ? 1 : 0, at ? params : NULL, error);

  return n ? atoi (n) : -1;
}

static gboolean
sweep_in_transaction (PGconn *conn, GDateTime *now, WxSweepCounts *counts, GError **error)
{
  counts->undiagnosed = wx_db_escalate_undiagnosed (conn, now, error);
  if (counts->undiagnosed < 0)
    return FALSE;
  counts->overdue_parts = wx_db_escalate_overdue_parts (conn, now, error);
  if (counts->overdue_parts < 0)
    return FALSE;
  counts->late_decisions = wx_db_escalate_late_decisions (conn, now, error);
  if (counts->late_decisions < 0)
    return FALSE;
  counts->callbacks = wx_db_callbacks_generate (conn, now, error);
  return counts->callbacks >= 0;
}

gboolean
wx_db_supervisor_sweep (PGconn *conn, GDateTime *now, WxSweepCounts *counts, GError **error)
{
  WxSweepCounts local = { 0 };

  if (!wx_db_begin (conn, error))
    return FALSE;
  if (!sweep_in_transaction (conn, now, &local, error))
    {
      wx_db_rollback (conn);
      return FALSE;
    }
  if (!wx_db_commit (conn, error))
    return FALSE;
  if (counts)
    *counts = local;
  return TRUE;
}

/* ------------------------------------------------------------ the due list */

void
wx_callback_due_free (WxCallbackDue *d)
{
  if (d == NULL)
    return;
  g_free (d->kind);
  g_free (d->due_text);
  g_free (d->order_number);
  g_free (d->unit_name);
  g_free (d->contact);
  g_free (d->phone);
  g_free (d->engineer);
  g_free (d->subject);
  g_free (d->comments);
  g_free (d);
}

GPtrArray *
wx_db_callbacks_due (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT b.id, b.kind, floor(extract(epoch FROM d.due))::bigint, " LOCAL_TEXT ("d.due") ", d.due < now(),"
    "       b.attempts, coalesce(b.order_id, 0), coalesce(o.number, ''), coalesce(b.call_id, 0),"
    "       coalesce(o.customer_id, c.customer_id, 0),"
    "       coalesce(o.unit_name, nullif(c.unit_name, ''), cu.unit_name, ''),"
    "       coalesce(nullif(o.contact_person, ''), nullif(c.contact, ''), cu.contact_person, ''),"
    "       coalesce(o.contact_mobile, o.contact_phone, c.phone, cu.mobile, cu.phone, ''),"
    "       " FULL_NAME ("coalesce(o.repaired_by, o.engineer, c.actor)") ","
    "       CASE WHEN o.id IS NOT NULL THEN btrim(o.product_name || ' ' || o.model) ELSE c.subject END,"
    "       b.comments"
    "  FROM callbacks b"
    "  CROSS JOIN LATERAL (SELECT coalesce(b.call_again_at, b.due_at) AS due) d"
    "  LEFT JOIN service_orders o ON o.id = b.order_id"
    "  LEFT JOIN calls c ON c.id = b.call_id"
    "  LEFT JOIN customers cu ON cu.id = coalesce(o.customer_id, c.customer_id)"
    " WHERE b.done_at IS NULL"
    " ORDER BY array_position(ARRAY['weekly', 'onsite_24h', 'hotline_next_day', 'phone_guidance_2h', 'pickup_unchecked'], b.kind),"
    "          d.due, b.id", 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_callback_due_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxCallbackDue *d = g_new0 (WxCallbackDue, 1);

      d->id = wx_db_get_int (res, i, 0);
      d->kind = wx_db_dup_text (res, i, 1);
      d->due_at = wx_db_get_int (res, i, 2);
      d->due_text = wx_db_dup_text (res, i, 3);
      d->overdue = wx_db_get_bool (res, i, 4);
      d->attempts = (guint) wx_db_get_int (res, i, 5);
      d->order_id = wx_db_get_int (res, i, 6);
      d->order_number = wx_db_dup_text (res, i, 7);
      d->call_id = wx_db_get_int (res, i, 8);
      d->customer_id = wx_db_get_int (res, i, 9);
      d->unit_name = wx_db_dup_text (res, i, 10);
      d->contact = wx_db_dup_text (res, i, 11);
      d->phone = wx_db_dup_text (res, i, 12);
      d->engineer = wx_db_dup_text (res, i, 13);
      d->subject = wx_db_dup_text (res, i, 14);
      d->comments = wx_db_dup_text (res, i, 15);
      g_ptr_array_add (list, d);
    }
  return list;
}

/* ------------------------------------------------------------ recording */

void
wx_callback_outcome_clear (WxCallbackOutcome *o)
{
  g_clear_pointer (&o->return_order_number, g_free);
  o->return_order_id = 0;
  o->complaint_id = 0;
}

static const char *
answer_sql (WxAnswer a)
{
  return a == WX_ANSWER_YES ? "true" : a == WX_ANSWER_NO ? "false" : NULL;
}

static const char *
flag (WxWeakPoints weak, WxWeakPoints point)
{
  return (weak & point) ? "true" : "false";
}

/* The return repair: a new order of the same customer and machine, in its
 * first state, flagged as a return repair of `order_number` found by the
 * callback, with its events: wx_intake (data/sql/functions/intake.sql)
 * copies the rest from the earlier order. */
static gboolean
open_return_repair (PGconn *conn, const char *callback, const char *order_id, const char *order_number,
                    const char *what, WxCallbackOutcome *out, GError **error)
{
  g_autofree char *fault_text = g_strdup_printf (_("Not working at the callback: %s"), what);
  g_autofree char *remarks_text = g_strdup_printf (_("Return repair of %s, opened from its callback."), order_number);
  /* What the form has room for. */
  g_autofree char *fault = g_utf8_substring (fault_text, 0, MIN (g_utf8_strlen (fault_text, -1), 2000));
  g_autofree char *remarks = g_utf8_substring (remarks_text, 0, MIN (g_utf8_strlen (remarks_text, -1), 2000));
  const char *params[] = { order_number, callback, fault, remarks };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT order_id, order_number FROM wx_intake(jsonb_build_object("
    "  'return_of', $1::text, 'callback', $2::bigint, 'fault', $3::text, 'remarks', $4::text))",
    4, params, error);

  (void) order_id;
  if (res == NULL)
    return FALSE;
  out->return_order_id = wx_db_get_int (res, 0, 0);
  out->return_order_number = wx_db_dup_text (res, 0, 1);
  return TRUE;
}

/* The callback as it is (a plain read: the function locks and checks
 * again): whether done and by whom, its order, the customer, the server's
 * now. FALSE with a sentence when it is gone or done. */
static PGresult *
read_callback (PGconn *conn, const char *id, GError **error)
{
  const char *params[] = { id };
  g_autoptr(PGresult) cb = wx_db_query (conn,
    "SELECT b.done_at IS NOT NULL, " FULL_NAME ("b.actor") ", coalesce(b.order_id::text, ''), coalesce(o.number, ''),"
    "       coalesce(o.customer_id, c.customer_id, 0), floor(extract(epoch FROM now()))::bigint"
    "  FROM callbacks b LEFT JOIN service_orders o ON o.id = b.order_id LEFT JOIN calls c ON c.id = b.call_id"
    " WHERE b.id = $1::bigint", 1, params, error);

  if (cb == NULL)
    return NULL;
  if (PQntuples (cb) == 0)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND,
                           _("That callback is no longer on the list; reload the list."));
      return NULL;
    }
  if (wx_db_get_bool (cb, 0, 0))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_CONFLICT,
                   _("%s has already recorded this callback; reload the list."), PQgetvalue (cb, 0, 1));
      return NULL;
    }
  return g_steal_pointer (&cb);
}

static const char *
follow_up_code (WxFollowUp f)
{
  return f == WX_FOLLOW_UP_RETURN_REPAIR ? "return_repair" : f == WX_FOLLOW_UP_COMPLAINT ? "complaint" : "none";
}

static gboolean
record_in_transaction (PGconn *conn, const WxCallbackAnswer *a, WxCallbackOutcome *out, GError **error)
{
  g_autofree char *id = id_text (a->callback_id);
  g_autoptr(PGresult) cb = read_callback (conn, id, error);
  const char *comments = a->comments ? a->comments : "";
  g_autofree char *note = g_strstrip (g_strdup (a->follow_up_note ? a->follow_up_note : ""));
  const char *what = *note ? note : comments;
  g_autofree char *again_text = NULL;
  g_autofree char *score = NULL;
  g_autofree char *description = NULL;
  g_autofree char *return_order = NULL;

  if (cb == NULL)
    return FALSE;
  /* Core answers first, with the sentence the server would give. */
  if (!wx_callback_answer_check (a, wx_db_get_int (cb, 0, 5), *PQgetvalue (cb, 0, 2) != '\0',
                                 wx_db_get_int (cb, 0, 4) > 0, NULL, error))
    return FALSE;

  if (!a->reached)
    {
      g_autoptr(GDateTime) again = g_date_time_new_from_unix_utc (a->call_again_at);
      again_text = g_date_time_format_iso8601 (again);
    }
  else
    score = g_strdup_printf ("%d", a->satisfaction);
  if (a->reached && a->follow_up == WX_FOLLOW_UP_RETURN_REPAIR)
    {
      /* The return repair is a new order (the intake's), opened first in
       * this transaction; the callback's function links it. */
      if (!open_return_repair (conn, id, PQgetvalue (cb, 0, 2), PQgetvalue (cb, 0, 3), what, out, error))
        return FALSE;
      return_order = id_text (out->return_order_id);
    }
  if (a->reached && a->follow_up == WX_FOLLOW_UP_COMPLAINT)
    description = g_strdup_printf (_("At the callback: %s"), what);
  {
    const char *p[] = { id, a->reached ? "true" : "false", again_text, answer_sql (a->machine_working),
                        flag (a->weak, WX_WEAK_RESPONSE), flag (a->weak, WX_WEAK_REPAIR_TIME),
                        flag (a->weak, WX_WEAK_ATTITUDE), flag (a->weak, WX_WEAK_QUOTE_SPEED),
                        answer_sql (a->engineer_explained), score, comments, follow_up_code (a->follow_up),
                        note, description, return_order };
    g_autoptr(PGresult) res = wx_db_query (conn,
      "SELECT wx_callback_record(p_callback => $1::bigint, p_reached => $2::boolean,"
      "         p_call_again_at => $3::timestamptz, p_machine_working => $4::boolean,"
      "         p_weak_response => $5::boolean, p_weak_repair_time => $6::boolean,"
      "         p_weak_attitude => $7::boolean, p_weak_quote_speed => $8::boolean,"
      "         p_engineer_explained => $9::boolean, p_satisfaction => $10::integer, p_comments => $11,"
      "         p_follow_up => $12, p_follow_up_note => $13, p_complaint_description => left($14, 2000),"
      "         p_return_order => $15::bigint)", G_N_ELEMENTS (p), p, error);

    if (res == NULL)
      return FALSE;
    if (!PQgetisnull (res, 0, 0))
      out->complaint_id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  }
  return TRUE;
}

gboolean
wx_db_callback_record (PGconn *conn, const WxCallbackAnswer *answer, WxCallbackOutcome *outcome, GError **error)
{
  g_auto(WxCallbackOutcome) local = { 0 };

  if (!wx_db_begin (conn, error))
    return FALSE;
  if (!record_in_transaction (conn, answer, &local, error))
    {
      wx_db_rollback (conn);
      return FALSE;
    }
  if (!wx_db_commit (conn, error))
    return FALSE;
  if (outcome)
    {
      *outcome = local;
      local.return_order_number = NULL;
    }
  return TRUE;
}

/* ------------------------------------------------------------ complaints */

void
wx_complaint_free (WxComplaint *c)
{
  if (c == NULL)
    return;
  g_free (c->unit_name);
  g_free (c->order_number);
  g_free (c->received_text);
  g_free (c->received_by);
  g_free (c->description);
  g_free (c->closed_text);
  g_free (c->outcome);
  g_free (c->early_reason);
  for (guint i = 0; i < WX_COMPLAINT_N_STEPS; i++)
    {
      g_free (c->steps[i].at_text);
      g_free (c->steps[i].actor);
      g_free (c->steps[i].note);
    }
  g_free (c);
}

/* Columns 13.. are the five steps, four columns each: at, actor, note,
 * escalated; 12 is the reason for closing early. */
GPtrArray *
wx_db_complaints_list (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT k.id, k.customer_id, cu.unit_name, coalesce(k.order_id, 0), coalesce(o.number, ''),"
    "       " LOCAL_TEXT ("k.received_at") ", " FULL_NAME ("k.received_by") ", k.description,"
    "       k.closed_at IS NOT NULL, " LOCAL_TEXT ("k.closed_at") ", k.outcome,"
    "       (SELECT count(*) FROM complaint_steps s WHERE s.complaint_id = k.id), k.early_close_reason,"
    "       " LOCAL_TEXT ("s1.at") ", " FULL_NAME ("s1.actor") ", coalesce(s1.note, ''), coalesce(s1.escalated, false),"
    "       " LOCAL_TEXT ("s2.at") ", " FULL_NAME ("s2.actor") ", coalesce(s2.note, ''), coalesce(s2.escalated, false),"
    "       " LOCAL_TEXT ("s3.at") ", " FULL_NAME ("s3.actor") ", coalesce(s3.note, ''), coalesce(s3.escalated, false),"
    "       " LOCAL_TEXT ("s4.at") ", " FULL_NAME ("s4.actor") ", coalesce(s4.note, ''), coalesce(s4.escalated, false),"
    "       " LOCAL_TEXT ("s5.at") ", " FULL_NAME ("s5.actor") ", coalesce(s5.note, ''), coalesce(s5.escalated, false)"
    "  FROM complaints k JOIN customers cu ON cu.id = k.customer_id"
    "  LEFT JOIN service_orders o ON o.id = k.order_id"
    "  LEFT JOIN complaint_steps s1 ON s1.complaint_id = k.id AND s1.step = 1"
    "  LEFT JOIN complaint_steps s2 ON s2.complaint_id = k.id AND s2.step = 2"
    "  LEFT JOIN complaint_steps s3 ON s3.complaint_id = k.id AND s3.step = 3"
    "  LEFT JOIN complaint_steps s4 ON s4.complaint_id = k.id AND s4.step = 4"
    "  LEFT JOIN complaint_steps s5 ON s5.complaint_id = k.id AND s5.step = 5"
    " WHERE k.closed_at IS NULL OR k.closed_at > now() - interval '90 days'"
    " ORDER BY k.closed_at IS NOT NULL, k.closed_at DESC, k.received_at, k.id", 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_complaint_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxComplaint *c = g_new0 (WxComplaint, 1);

      c->id = wx_db_get_int (res, i, 0);
      c->customer_id = wx_db_get_int (res, i, 1);
      c->unit_name = wx_db_dup_text (res, i, 2);
      c->order_id = wx_db_get_int (res, i, 3);
      c->order_number = wx_db_dup_text (res, i, 4);
      c->received_text = wx_db_dup_text (res, i, 5);
      c->received_by = wx_db_dup_text (res, i, 6);
      c->description = wx_db_dup_text (res, i, 7);
      c->closed = wx_db_get_bool (res, i, 8);
      c->closed_text = wx_db_dup_text (res, i, 9);
      c->outcome = wx_db_dup_text (res, i, 10);
      c->steps_done = (guint) wx_db_get_int (res, i, 11);
      c->early_reason = wx_db_dup_text (res, i, 12);
      for (guint s = 0; s < WX_COMPLAINT_N_STEPS; s++)
        {
          int col = 13 + 4 * (int) s;
          c->steps[s].at_text = wx_db_dup_text (res, i, col);
          c->steps[s].done = c->steps[s].at_text[0] != '\0';
          c->steps[s].actor = wx_db_dup_text (res, i, col + 1);
          c->steps[s].note = wx_db_dup_text (res, i, col + 2);
          c->steps[s].escalated = wx_db_get_bool (res, i, col + 3);
        }
      g_ptr_array_add (list, c);
    }
  return list;
}

gint64
wx_db_complaint_open (PGconn *conn, const char *order_number, gint64 customer_id,
                      const char *description, GError **error)
{
  g_autofree char *customer = customer_id > 0 ? id_text (customer_id) : NULL;
  g_autofree char *number = order_number ? g_strstrip (g_strdup (order_number)) : NULL;
  g_autofree char *text = description ? g_strstrip (g_strdup (description)) : NULL;
  const char *params[] = { number && *number ? number : NULL, customer, text };
  g_autofree char *id = NULL;

  if (!wx_complaint_new_check (text, params[0] != NULL || customer != NULL, NULL, error))
    return 0;
  id = wx_db_query_value (conn, "SELECT wx_complaint_open($1, $2::bigint, $3)", 3, params, error);
  return id ? g_ascii_strtoll (id, NULL, 10) : 0;
}

/* The complaint as it is: closed?, steps recorded; FALSE when there is
 * none. A plain read: the database function locks it and checks again. */
static gboolean
read_complaint (PGconn *conn, const char *id, gboolean *closed, guint *steps_done, GError **error)
{
  const char *params[] = { id };
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT k.closed_at IS NOT NULL, (SELECT count(*) FROM complaint_steps s WHERE s.complaint_id = k.id)"
    "  FROM complaints k WHERE k.id = $1::bigint", 1, params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND, _("That complaint does not exist (any more)."));
      return FALSE;
    }
  *closed = wx_db_get_bool (res, 0, 0);
  *steps_done = (guint) wx_db_get_int (res, 0, 1);
  return TRUE;
}

gboolean
wx_db_complaint_step (PGconn *conn, gint64 complaint_id, guint step, const char *note,
                      gboolean escalated, GError **error)
{
  g_autofree char *id = id_text (complaint_id);
  gboolean closed;
  guint done;
  g_autofree char *step_text = g_strdup_printf ("%u", step);
  g_autofree char *trimmed = note ? g_strstrip (g_strdup (note)) : NULL;
  const char *params[] = { id, step_text, trimmed, escalated ? "true" : "false" };

  return read_complaint (conn, id, &closed, &done, error) &&
         wx_complaint_step_check (done, closed, step, trimmed, escalated, NULL, error) &&
         wx_db_execute (conn, "SELECT wx_complaint_step($1::bigint, $2::integer, $3, $4::boolean)",
                        4, params, error);
}

gboolean
wx_db_complaint_close (PGconn *conn, gint64 complaint_id, const char *outcome, const char *early_reason,
                       GError **error)
{
  g_autofree char *id = id_text (complaint_id);
  gboolean closed;
  guint done;
  g_autofree char *trimmed = outcome ? g_strstrip (g_strdup (outcome)) : NULL;
  g_autofree char *reason = early_reason ? g_strstrip (g_strdup (early_reason)) : g_strdup ("");
  const char *params[] = { id, trimmed, reason };

  return read_complaint (conn, id, &closed, &done, error) &&
         wx_complaint_close_check (closed, done, trimmed, reason, NULL, error) &&
         wx_db_execute (conn, "SELECT wx_complaint_close($1::bigint, $2, $3)", 3, params, error);
}

/* ------------------------------------------------------------ escalations */

void
wx_escalation_free (WxEscalation *x)
{
  if (x == NULL)
    return;
  g_free (x->order_number);
  g_free (x->unit_name);
  g_free (x->state);
  g_free (x->at_text);
  g_free (x->trigger);
  g_free (x->reason);
  g_free (x->raised_by);
  g_free (x->resolved_text);
  g_free (x->resolved_by);
  g_free (x->resolution);
  g_free (x);
}

GPtrArray *
wx_db_escalations_list (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (conn,
    "SELECT x.id, x.order_id, o.number, o.unit_name, o.state, " LOCAL_TEXT ("x.at") ", x.trigger, x.reason,"
    "       " FULL_NAME ("x.raised_by") ", x.resolved_at IS NOT NULL, " LOCAL_TEXT ("x.resolved_at") ","
    "       " FULL_NAME ("x.resolved_by") ", x.resolution"
    "  FROM escalations x JOIN service_orders o ON o.id = x.order_id"
    " WHERE x.resolved_at IS NULL OR x.resolved_at > now() - interval '30 days'"
    " ORDER BY x.resolved_at IS NOT NULL, x.resolved_at DESC, x.at, x.id", 0, NULL, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wx_escalation_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxEscalation *x = g_new0 (WxEscalation, 1);

      x->id = wx_db_get_int (res, i, 0);
      x->order_id = wx_db_get_int (res, i, 1);
      x->order_number = wx_db_dup_text (res, i, 2);
      x->unit_name = wx_db_dup_text (res, i, 3);
      x->state = wx_db_dup_text (res, i, 4);
      x->at_text = wx_db_dup_text (res, i, 5);
      x->trigger = wx_db_dup_text (res, i, 6);
      x->reason = wx_db_dup_text (res, i, 7);
      x->raised_by = wx_db_dup_text (res, i, 8);
      x->resolved = wx_db_get_bool (res, i, 9);
      x->resolved_text = wx_db_dup_text (res, i, 10);
      x->resolved_by = wx_db_dup_text (res, i, 11);
      x->resolution = wx_db_dup_text (res, i, 12);
      g_ptr_array_add (list, x);
    }
  return list;
}

gboolean
wx_db_escalation_resolve (PGconn *conn, gint64 escalation_id, const char *resolution, GError **error)
{
  g_autofree char *id = id_text (escalation_id);
  g_autofree char *trimmed = resolution ? g_strstrip (g_strdup (resolution)) : NULL;
  const char *params[] = { id, trimmed };

  /* Resolved now, or a sentence: who resolved it first, or that it is gone. */
  return wx_escalation_resolution_check (trimmed, NULL, error) &&
         wx_db_execute (conn, "SELECT wx_escalation_resolve($1::bigint, $2)", 2, params, error);
}

/* ------------------------------------------------------------ on the worker */

static gboolean
sweep_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  WxSweepCounts *counts = g_new0 (WxSweepCounts, 1);

  if (!wx_db_supervisor_sweep (conn, NULL, counts, error))
    {
      g_free (counts);
      return FALSE;
    }
  *result = counts;
  return TRUE;
}

void
wx_db_supervisor_sweep_async (WxDbWorker *worker, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, sweep_job, NULL, NULL, g_free, cancellable, callback, user_data);
}

WxSweepCounts *
wx_db_supervisor_sweep_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
due_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_callbacks_due (conn, error);
  return *result != NULL;
}

void
wx_db_callbacks_due_async (WxDbWorker *worker, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, due_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_callbacks_due_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

void
wx_callback_outcome_free (WxCallbackOutcome *outcome)
{
  if (outcome == NULL)
    return;
  wx_callback_outcome_clear (outcome);
  g_free (outcome);
}

typedef struct {
  WxCallbackAnswer answer;
  char            *comments;
  char            *note;
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_free (job->comments);
  g_free (job->note);
  g_free (job);
}

static gboolean
record_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  RecordJob *job = data;
  WxCallbackOutcome *outcome = g_new0 (WxCallbackOutcome, 1);

  if (!wx_db_callback_record (conn, &job->answer, outcome, error))
    {
      g_free (outcome);
      return FALSE;
    }
  *result = outcome;
  return TRUE;
}

void
wx_db_callback_record_async (WxDbWorker *worker, const WxCallbackAnswer *answer, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  RecordJob *job = g_new0 (RecordJob, 1);

  job->answer = *answer;
  job->comments = g_strdup (answer->comments);
  job->note = g_strdup (answer->follow_up_note);
  job->answer.comments = job->comments;
  job->answer.follow_up_note = job->note;
  wx_db_worker_run_async (worker, record_job, job, (GDestroyNotify) record_job_free,
                          (GDestroyNotify) wx_callback_outcome_free, cancellable, callback, user_data);
}

WxCallbackOutcome *
wx_db_callback_record_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

static gboolean
complaints_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_complaints_list (conn, error);
  return *result != NULL;
}

void
wx_db_complaints_list_async (WxDbWorker *worker, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, complaints_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_complaints_list_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef enum { COMPLAINT_OPEN, COMPLAINT_STEP, COMPLAINT_CLOSE } ComplaintKind;

typedef struct {
  ComplaintKind kind;
  gint64        id;
  guint         step;
  gboolean      escalated;
  char         *text;       /* note, outcome or description */
  char         *order;      /* open: the order number */
  char         *reason;     /* close: why before step 5 */
} ComplaintJob;

static void
complaint_job_free (ComplaintJob *job)
{
  g_free (job->text);
  g_free (job->order);
  g_free (job->reason);
  g_free (job);
}

static gboolean
complaint_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  ComplaintJob *job = data;
  gint64 id = job->id;

  switch (job->kind)
    {
    case COMPLAINT_OPEN:
      id = wx_db_complaint_open (conn, job->order, 0, job->text, error);
      if (id == 0)
        return FALSE;
      break;
    case COMPLAINT_STEP:
      if (!wx_db_complaint_step (conn, id, job->step, job->text, job->escalated, error))
        return FALSE;
      break;
    case COMPLAINT_CLOSE:
      if (!wx_db_complaint_close (conn, id, job->text, job->reason, error))
        return FALSE;
      break;
    }
  *result = g_memdup2 (&id, sizeof id);
  return TRUE;
}

static void
complaint_async (WxDbWorker *worker, ComplaintJob *job, GCancellable *cancellable,
                 GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, complaint_job, job, (GDestroyNotify) complaint_job_free, g_free,
                          cancellable, callback, user_data);
}

void
wx_db_complaint_open_async (WxDbWorker *worker, const char *order_number, const char *description,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  ComplaintJob *job = g_new0 (ComplaintJob, 1);

  job->kind = COMPLAINT_OPEN;
  job->order = g_strdup (order_number);
  job->text = g_strdup (description);
  complaint_async (worker, job, cancellable, callback, user_data);
}

void
wx_db_complaint_step_async (WxDbWorker *worker, gint64 complaint_id, guint step, const char *note,
                            gboolean escalated, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  ComplaintJob *job = g_new0 (ComplaintJob, 1);

  job->kind = COMPLAINT_STEP;
  job->id = complaint_id;
  job->step = step;
  job->text = g_strdup (note);
  job->escalated = escalated;
  complaint_async (worker, job, cancellable, callback, user_data);
}

void
wx_db_complaint_close_async (WxDbWorker *worker, gint64 complaint_id, const char *outcome,
                             const char *early_reason, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  ComplaintJob *job = g_new0 (ComplaintJob, 1);

  job->kind = COMPLAINT_CLOSE;
  job->id = complaint_id;
  job->text = g_strdup (outcome);
  job->reason = g_strdup (early_reason);
  complaint_async (worker, job, cancellable, callback, user_data);
}

gint64
wx_db_complaint_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *id = wx_db_worker_run_finish (worker, result, error);

  return id ? *id : 0;
}

static gboolean
escalations_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_escalations_list (conn, error);
  return *result != NULL;
}

void
wx_db_escalations_list_async (WxDbWorker *worker, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, escalations_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

GPtrArray *
wx_db_escalations_list_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef struct {
  gint64  id;
  char   *resolution;
} ResolveJob;

static void
resolve_job_free (ResolveJob *job)
{
  g_free (job->resolution);
  g_free (job);
}

static gboolean
resolve_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  ResolveJob *job = data;

  return wx_db_escalation_resolve (conn, job->id, job->resolution, error);
}

void
wx_db_escalation_resolve_async (WxDbWorker *worker, gint64 escalation_id, const char *resolution,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  ResolveJob *job = g_new0 (ResolveJob, 1);

  job->id = escalation_id;
  job->resolution = g_strdup (resolution);
  wx_db_worker_run_async (worker, resolve_job, job, (GDestroyNotify) resolve_job_free, NULL,
                          cancellable, callback, user_data);
}

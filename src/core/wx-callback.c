#define G_LOG_DOMAIN "wx-callback"

#include <glib/gi18n.h>

#include "wx-callback.h"
#include "wx-error.h"

#define MAX_TEXT 2000

static const struct { WxWeakPoints point; const char *label; } weak_points[WX_N_WEAK_POINTS] = {
  { WX_WEAK_RESPONSE,    N_("Response time") },
  { WX_WEAK_REPAIR_TIME, N_("Repair time") },
  { WX_WEAK_ATTITUDE,    N_("Attitude and skill") },
  { WX_WEAK_QUOTE_SPEED, N_("Quote speed") },
};

WxWeakPoints
wx_weak_point_nth (guint n)
{
  return n < WX_N_WEAK_POINTS ? weak_points[n].point : WX_WEAK_NONE;
}

const char *
wx_weak_point_label (WxWeakPoints point)
{
  for (guint i = 0; i < WX_N_WEAK_POINTS; i++)
    if (weak_points[i].point == point)
      return _(weak_points[i].label);
  return "";
}

/* Sets `field` and a sentence; FALSE. */
static gboolean
refuse (const char **field, const char *name, GError **error, const char *message)
{
  if (field)
    *field = name;
  g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
too_long (const char *s)
{
  return s && g_utf8_strlen (s, -1) > MAX_TEXT;
}

/* Every sentence below is also the sentence of the database's rule of the
 * same name (src/db/wx-db-error.c, data/sql/functions/feedback.sql): the
 * server refuses the same input with the same words (test-callbacks). */

gboolean
wx_callback_answer_check (const WxCallbackAnswer *a,
                          gint64                  now,
                          gboolean                has_order,
                          gboolean                has_customer,
                          const char            **field,
                          GError                **error)
{
  g_return_val_if_fail (a != NULL, FALSE);

  if (too_long (a->comments))   /* callback_comments_length */
    return refuse (field, "comments", error, _("The comments are longer than 2,000 characters; shorten them."));
  if (!a->reached)
    {
      if (a->call_again_at <= 0)   /* callback_call_again_missing */
        return refuse (field, "call_again_at", error,
                       _("Nobody was reached: say when to call again (the customer may have named a time)."));
      if (a->call_again_at <= now)   /* callback_call_again_past */
        return refuse (field, "call_again_at", error, _("The time to call again has already passed; give a later time."));
      if (a->call_again_at > now + WX_CALLBACK_AGAIN_MAX_DAYS * 24 * 3600)   /* callback_call_again_far */
        return refuse (field, "call_again_at", error,
                       _("The time to call again is more than 90 days ahead; give a nearer time."));
      if (a->machine_working != WX_ANSWER_UNKNOWN || a->satisfaction != 0 || a->follow_up != WX_FOLLOW_UP_NONE)
        return refuse (field, "reached", error,   /* callback_unreached_answers */
                       _("Answers were given although nobody was reached; tick \"Reached\" or clear the answers."));
      return TRUE;
    }
  if (a->machine_working == WX_ANSWER_UNKNOWN)   /* callback_machine_working */
    return refuse (field, "machine_working", error, _("Ask whether the machine is working now, and record the answer."));
  if (a->satisfaction < 1 || a->satisfaction > 5)   /* callback_satisfaction */
    return refuse (field, "satisfaction", error, _("Give the customer's satisfaction from 1 (poor) to 5 (very good)."));
  if (a->machine_working == WX_ANSWER_NO && a->follow_up == WX_FOLLOW_UP_NONE)   /* callback_follow_up_needed */
    return refuse (field, "follow_up", error,
                   _("The machine is not working: open a return repair or a complaint with this callback."));
  if (a->machine_working == WX_ANSWER_YES && a->follow_up != WX_FOLLOW_UP_NONE)   /* callback_follow_up_unneeded */
    return refuse (field, "follow_up", error,
                   _("A follow-up is only opened when the machine is not working; choose no follow-up."));
  if (a->follow_up == WX_FOLLOW_UP_RETURN_REPAIR && !has_order)   /* callback_return_without_order */
    return refuse (field, "follow_up", error,
                   _("This phone case has no service order to repair again; open a complaint, or a new order at the front desk."));
  if (a->follow_up == WX_FOLLOW_UP_COMPLAINT && !has_customer)   /* callback_complaint_without_customer */
    return refuse (field, "follow_up", error,
                   _("The call has no customer record to file a complaint under; link the call to a customer first."));
  if (a->follow_up != WX_FOLLOW_UP_NONE && blank (a->follow_up_note) && blank (a->comments))   /* callback_follow_up_note */
    return refuse (field, "follow_up_note", error, _("Write what is wrong with the machine, for the follow-up."));
  if (too_long (a->follow_up_note))   /* callback_follow_up_note_length */
    return refuse (field, "follow_up_note", error, _("The note for the follow-up is longer than 2,000 characters; shorten it."));
  return TRUE;
}

/* ------------------------------------------------------------ complaints */

static const struct { const char *label; const char *hint; } complaint_steps[WX_COMPLAINT_N_STEPS] = {
  { N_("Listen and apologise"),       N_("What the customer said; that we apologised.") },
  { N_("Find the real need"),         N_("What the customer really needs or worries about, in your words.") },
  { N_("Find a solution"),            N_("The solution within company policy; escalate to the manager if it is beyond you.") },
  { N_("Explain what will be done"),  N_("What we told the customer we will do, and whether they agreed.") },
  { N_("Call back"),                  N_("The call after it was handled: is the customer satisfied now?") },
};

const char *
wx_complaint_step_label (guint step)
{
  return step >= 1 && step <= WX_COMPLAINT_N_STEPS ? _(complaint_steps[step - 1].label) : "";
}

const char *
wx_complaint_step_hint (guint step)
{
  return step >= 1 && step <= WX_COMPLAINT_N_STEPS ? _(complaint_steps[step - 1].hint) : "";
}

gboolean
wx_complaint_new_check (const char  *description,
                        gboolean     has_subject,
                        const char **field,
                        GError     **error)
{
  if (blank (description))   /* complaint_description */
    return refuse (field, "description", error, _("Write what happened: the customer's complaint in a few words."));
  if (too_long (description))   /* complaint_description_length */
    return refuse (field, "description", error, _("The complaint is longer than 2,000 characters; shorten it."));
  if (!has_subject)   /* complaint_subject */
    return refuse (field, "order", error, _("Give the service order the complaint is about (or the customer's record)."));
  return TRUE;
}

/* A sentence naming a step number. */
static gboolean
refuse_step (const char **field, GError **error, const char *format, guint step)
{
  g_autofree char *number = g_strdup_printf ("%u", step);

  if (field)
    *field = "step";
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, format, number);
#pragma GCC diagnostic pop
  return FALSE;
}

gboolean
wx_complaint_step_check (guint        steps_done,
                         gboolean     closed,
                         guint        step,
                         const char  *note,
                         gboolean     escalated,
                         const char **field,
                         GError     **error)
{
  if (closed)   /* complaint_steps_open */
    return refuse (field, "step", error, _("The complaint is closed; its steps cannot change any more."));
  if (step < 1 || step > WX_COMPLAINT_N_STEPS)   /* complaint_step_range */
    return refuse (field, "step", error, _("A complaint has five steps, 1 to 5."));
  if (step <= steps_done)   /* complaint_step_done */
    return refuse_step (field, error, _("Step %s is already recorded."), step);
  if (step > steps_done + 1)   /* complaint_step_next */
    return refuse_step (field, error, _("The steps go in order: record step %s first."), steps_done + 1);
  if (blank (note))   /* complaint_step_note */
    return refuse (field, "note", error, _("Write a note for this step: what was said or done."));
  if (too_long (note))   /* complaint_step_note_length */
    return refuse (field, "note", error, _("The note is longer than 2,000 characters; shorten it."));
  if (escalated && step != 3)   /* complaint_step_escalated */
    return refuse (field, "escalated", error, _("Only the solution (step 3) is escalated to the manager."));
  return TRUE;
}

gboolean
wx_complaint_close_check (gboolean     closed,
                          guint        steps_done,
                          const char  *outcome,
                          const char  *early_reason,
                          const char **field,
                          GError     **error)
{
  if (closed)   /* complaint_closed */
    return refuse (field, "outcome", error, _("The complaint is already closed."));
  if (blank (outcome))   /* complaint_outcome */
    return refuse (field, "outcome", error, _("Write the outcome before closing the complaint."));
  if (too_long (outcome))   /* complaint_outcome_length */
    return refuse (field, "outcome", error, _("The outcome is longer than 2,000 characters; shorten it."));
  if (steps_done < WX_COMPLAINT_N_STEPS && blank (early_reason))   /* complaint_close_early */
    return refuse (field, "early_reason", error,
                   _("A complaint is closed after its fifth step, the call back; to close it sooner, write why."));
  if (steps_done < WX_COMPLAINT_N_STEPS && too_long (early_reason))   /* complaint_close_early_length */
    return refuse (field, "early_reason", error,
                   _("The reason for closing early is longer than 2,000 characters; shorten it."));
  return TRUE;
}

gboolean
wx_escalation_resolution_check (const char *resolution, const char **field, GError **error)
{
  if (blank (resolution))   /* escalation_resolution */
    return refuse (field, "resolution", error, _("Write how the escalation was resolved."));
  if (too_long (resolution))   /* escalation_resolution_length */
    return refuse (field, "resolution", error, _("The resolution is longer than 2,000 characters; shorten it."));
  return TRUE;
}

#define G_LOG_DOMAIN "wx-visit"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wx-codes.h"
#include "wx-error.h"
#include "wx-fields.h"
#include "wx-validate.h"
#include "wx-visit.h"

/* Times typed a little before the clock (a slow watch, a minute spent
 * typing) are still "now". */
#define SLACK (5 * 60)

static const struct { const char *code; const char *label; } steps[WX_N_VISIT_STEPS] = {
  [WX_VISIT_STEP_CONTACT]      = { "contact",      N_("Phone the customer") },
  [WX_VISIT_STEP_BOOK]         = { "book",         N_("Book the visit") },
  [WX_VISIT_STEP_RUNNING_LATE] = { "running_late", N_("Running late") },
  [WX_VISIT_STEP_ARRIVE]       = { "arrive",       N_("Arrived on site") },
  [WX_VISIT_STEP_OUTCOME]      = { "outcome",      N_("End of the visit") },
  [WX_VISIT_STEP_DELIVER]      = { "deliver",      N_("Delivery and payment") },
};

/* visits.outcome; the events of data/sql/005_workflow.sql. */
static const struct { const char *code; const char *label; const char *event; } outcomes[WX_N_VISIT_OUTCOMES] = {
  [WX_VISIT_OUTCOME_FIXED]           = { "fixed",           N_("Fixed on site"),             "fix_on_site" },
  [WX_VISIT_OUTCOME_NEEDS_PARTS]     = { "needs_parts",     N_("Needs parts (quote, second visit)"), "inspect" },
  [WX_VISIT_OUTCOME_TAKEN_BACK]      = { "taken_back",      N_("Taken back to the shop"),    "take_back" },
  [WX_VISIT_OUTCOME_CUSTOMER_ABSENT] = { "customer_absent", N_("Customer absent"),           "leave_unfixed" },
};

const char *
wx_visit_step_to_code (WxVisitStep step)
{
  g_return_val_if_fail ((guint) step < WX_N_VISIT_STEPS, NULL);
  return steps[step].code;
}

const char *
wx_visit_step_label (WxVisitStep step)
{
  g_return_val_if_fail ((guint) step < WX_N_VISIT_STEPS, NULL);
  return _(steps[step].label);
}

const char *
wx_visit_outcome_to_code (WxVisitOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < WX_N_VISIT_OUTCOMES, NULL);
  return outcomes[outcome].code;
}

gboolean
wx_visit_outcome_from_code (const char *code, WxVisitOutcome *outcome)
{
  for (guint i = 0; code && i < WX_N_VISIT_OUTCOMES; i++)
    if (g_str_equal (outcomes[i].code, code))
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_visit_outcome_label (WxVisitOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < WX_N_VISIT_OUTCOMES, NULL);
  return _(outcomes[outcome].label);
}

gboolean
wx_visit_step_for_event (const char     *event,
                         WxOrderState    state,
                         WxVisitStep    *step,
                         WxVisitOutcome *outcome)
{
  /* "inspect" is also the bench's inspection of a carried-in machine. */
  if (g_strcmp0 (event, "inspect") == 0 && state != WX_ORDER_STATE_ON_SITE)
    return FALSE;
  for (guint s = 0; s < WX_N_VISIT_STEPS; s++)
    for (guint o = 0; o < (s == WX_VISIT_STEP_OUTCOME ? WX_N_VISIT_OUTCOMES : 1); o++)
      for (int delivering = 0; delivering < 2; delivering++)
        if (g_strcmp0 (wx_visit_event (s, o, delivering), event) == 0)
          {
            *step = s;
            *outcome = o;
            return TRUE;
          }
  return FALSE;
}

const char *
wx_visit_event (WxVisitStep step, WxVisitOutcome outcome, gboolean delivering)
{
  switch (step)
    {
    case WX_VISIT_STEP_CONTACT:
      return "contact_customer";
    case WX_VISIT_STEP_BOOK:
      return "book_visit";
    case WX_VISIT_STEP_RUNNING_LATE:
      return "running_late";
    case WX_VISIT_STEP_ARRIVE:
      return "arrive";
    case WX_VISIT_STEP_OUTCOME:
      g_return_val_if_fail ((guint) outcome < WX_N_VISIT_OUTCOMES, NULL);
      return outcomes[outcome].event;
    case WX_VISIT_STEP_DELIVER:
    default:
      return delivering ? "deliver" : "accept";
    }
}

/* ------------------------------------------------------------ checks */

#define FAIL_AT(name) G_STMT_START { if (field) *field = (name); return FALSE; } G_STMT_END

static gboolean
optional_max (const char *text, const char *label, gsize max_chars, GError **error)
{
  return !wx_validate_filled (text) || wx_validate_required (text, label, max_chars, error);
}

static gboolean
missing (GError **error, const char *message)
{
  g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_MISSING, message);
  return FALSE;
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, message);
  return FALSE;
}

/* Who was spoken to and their number. */
static gboolean
check_contact (const WxVisitInput *in, const char **field, GError **error)
{
  if (!wx_validate_filled (in->contact))
    {
      missing (error, _("Contact: say whom you spoke to (or tried to reach)."));
      FAIL_AT ("contact");
    }
  if (!wx_validate_required (in->contact, _("Contact"), 60, error))
    FAIL_AT ("contact");
  if (wx_validate_filled (in->phone) && !wx_validate_phone (in->phone, error))
    FAIL_AT ("phone");
  return TRUE;
}

/* A booked time: given, and not in the past. */
static gboolean
check_appointment (gint64 at, gint64 now, const char **field, GError **error)
{
  if (at <= 0)
    {
      missing (error, _("Appointment: enter the date and time agreed with the customer."));
      FAIL_AT ("appointment");
    }
  if (at < now - SLACK)
    {
      invalid (error, _("Appointment: the time is in the past; enter the time agreed with the customer."));
      FAIL_AT ("appointment");
    }
  return TRUE;
}

static gboolean
check_outcome (const WxVisitInput *in, const WxVisitFacts *facts, gint64 now,
               const char **field, GError **error)
{
  gint64 arrived = in->arrived_at ? in->arrived_at : facts ? facts->arrived_at : 0;
  gint64 left = in->left_at ? in->left_at : now;

  if ((guint) in->outcome >= WX_N_VISIT_OUTCOMES)
    {
      invalid (error, _("Choose how the visit ended."));
      FAIL_AT ("outcome");
    }
  if (in->arrived_at > now + SLACK)
    {
      invalid (error, _("Arrived: the time is in the future."));
      FAIL_AT ("arrived");
    }
  if (left > now + SLACK)
    {
      invalid (error, _("Left: the time is in the future."));
      FAIL_AT ("left");
    }
  if (arrived > 0 && left < arrived)
    {
      invalid (error, _("Left: the engineer cannot leave before arriving; check both times."));
      FAIL_AT ("left");
    }
  switch (in->outcome)
    {
    case WX_VISIT_OUTCOME_FIXED:
      if (!wx_validate_filled (in->repair_notes))
        {
          missing (error, _("What was repaired: describe the repair done on site."));
          FAIL_AT ("repair_notes");
        }
      if (!wx_validate_required (in->repair_notes, _("What was repaired"), 2000, error))
        FAIL_AT ("repair_notes");
      if (!optional_max (in->parts_used, _("Parts used"), 2000, error))
        FAIL_AT ("parts_used");
      if (in->old_parts && !wx_code_known (WX_CODE_OLD_PARTS, in->old_parts))
        {
          invalid (error, _("Old parts: choose returned to the customer, kept by the supervisor or none."));
          FAIL_AT ("old_parts");
        }
      break;
    case WX_VISIT_OUTCOME_NEEDS_PARTS:
      if (!wx_validate_filled (in->findings))
        {
          missing (error, _("Findings: write the fault analysis for the quote."));
          FAIL_AT ("findings");
        }
      if (!wx_validate_required (in->findings, _("Findings"), 2000, error))
        FAIL_AT ("findings");
      if (!wx_validate_filled (in->parts_needed))
        {
          missing (error, _("Parts needed: name the parts to quote and bring on the second visit."));
          FAIL_AT ("parts_needed");
        }
      if (!wx_validate_required (in->parts_needed, _("Parts needed"), 2000, error))
        FAIL_AT ("parts_needed");
      if (in->suggested_price < 0)
        {
          invalid (error, _("Suggested price: a price cannot be negative."));
          FAIL_AT ("suggested_price");
        }
      break;
    case WX_VISIT_OUTCOME_TAKEN_BACK:
      for (guint i = 0; in->accessories && in->accessories[i]; i++)
        if (!wx_validate_required (in->accessories[i], _("Accessory"), 200, error))
          FAIL_AT ("accessories");
      if (in->accessories && g_strv_length (in->accessories) > 99)
        {
          invalid (error, _("Accessories: an order can list at most 99."));
          FAIL_AT ("accessories");
        }
      if (!wx_validate_filled (in->appearance))
        {
          missing (error, _("Appearance: record the machine's appearance and configuration before taking it."));
          FAIL_AT ("appearance");
        }
      if (!wx_validate_required (in->appearance, _("Appearance"), 1000, error))
        FAIL_AT ("appearance");
      if (!in->copy_handed)
        {
          missing (error, _("Customer copy: hand the customer copy over; it is the receipt for collecting the machine."));
          FAIL_AT ("copy_handed");
        }
      break;
    case WX_VISIT_OUTCOME_CUSTOMER_ABSENT:
    default:
      if (!wx_validate_filled (in->note))
        {
          missing (error, _("Note left: say what note was left for the customer, and where."));
          FAIL_AT ("note");
        }
      if (!wx_validate_required (in->note, _("Note left"), 2000, error))
        FAIL_AT ("note");
      break;
    }
  if ((in->outcome == WX_VISIT_OUTCOME_FIXED || in->outcome == WX_VISIT_OUTCOME_TAKEN_BACK) && !in->customer_signed)
    {
      missing (error, _("Customer signed: the customer signs the form before the engineer leaves."));
      FAIL_AT ("customer_signed");
    }
  return TRUE;
}

static gboolean
check_deliver (const WxVisitInput *in, const char **field, GError **error)
{
  if (!wx_code_known (WX_CODE_PAYMENT, in->payment_status) || g_str_equal (in->payment_status, "unpaid"))
    {
      missing (error, _("Payment: choose paid now, on account or free of charge."));
      FAIL_AT ("payment_status");
    }
  if (g_str_equal (in->payment_status, "paid") && in->payment_amount <= 0)
    {
      missing (error, _("Amount received: enter what the customer paid."));
      FAIL_AT ("payment_amount");
    }
  if (in->payment_amount < 0)
    {
      invalid (error, _("Amount received: an amount cannot be negative."));
      FAIL_AT ("payment_amount");
    }
  if (!wx_validate_filled (in->received_by))
    {
      missing (error, _("Received by: who at the customer's accepted the machine?"));
      FAIL_AT ("received_by");
    }
  if (!wx_validate_required (in->received_by, _("Received by"), 60, error))
    FAIL_AT ("received_by");
  if (in->delivering && !in->accessories_checked)
    {
      missing (error, _("Accessories: check the accessories with the customer and hand them back."));
      FAIL_AT ("accessories_checked");
    }
  if (!in->customer_signed)
    {
      missing (error, _("Customer signed: the customer signs for the machine after checking it works."));
      FAIL_AT ("customer_signed");
    }
  return TRUE;
}

gboolean
wx_visit_check (const WxVisitInput  *in,
                const WxVisitFacts  *facts,
                gint64               now,
                const char         **field,
                GError             **error)
{
  g_return_val_if_fail (in != NULL, FALSE);

  switch (in->step)
    {
    case WX_VISIT_STEP_CONTACT:
      if (!check_contact (in, field, error))
        return FALSE;
      if (!optional_max (in->note, _("What was said"), 2000, error))
        FAIL_AT ("note");
      return TRUE;
    case WX_VISIT_STEP_BOOK:
      if (!check_appointment (in->appointment_at, now, field, error))
        return FALSE;
      if (!wx_validate_filled (in->address))
        {
          missing (error, _("Address: enter where the engineer goes."));
          FAIL_AT ("address");
        }
      if (!wx_validate_required (in->address, _("Address"), 300, error))
        FAIL_AT ("address");
      return check_contact (in, field, error);
    case WX_VISIT_STEP_RUNNING_LATE:
      if (!check_appointment (in->appointment_at, now, field, error))
        return FALSE;
      if (facts && facts->appointment_at && in->appointment_at <= facts->appointment_at)
        {
          invalid (error, _("New time: running late means a time later than the one booked."));
          FAIL_AT ("appointment");
        }
      if (!wx_validate_filled (in->note))
        {
          missing (error, _("Where and why: tell the customer where you are and why you are late."));
          FAIL_AT ("note");
        }
      if (!wx_validate_required (in->note, _("Where and why"), 2000, error))
        FAIL_AT ("note");
      return check_contact (in, field, error);
    case WX_VISIT_STEP_ARRIVE:
      if (in->arrived_at > now + SLACK)
        {
          invalid (error, _("Arrived: the time is in the future."));
          FAIL_AT ("arrived");
        }
      if (wx_validate_filled (in->serial) && !wx_validate_required (in->serial, wx_field_label ("serial"), 60, error))
        FAIL_AT ("serial");
      return TRUE;
    case WX_VISIT_STEP_OUTCOME:
      return check_outcome (in, facts, now, field, error);
    case WX_VISIT_STEP_DELIVER:
      return check_deliver (in, field, error);
    default:
      invalid (error, _("This is not a step of a visit."));
      FAIL_AT ("step");
    }
}

#undef FAIL_AT

/* ------------------------------------------------------------ times */

GTimeZone *
wx_visit_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier ("Asia/Shanghai");

  return zone ? zone : g_time_zone_new_offset (8 * 3600);
}

gboolean
wx_visit_parse_time (const char  *text,
                     gint64       now,
                     gint64      *out,
                     GError     **error)
{
  g_autoptr(GTimeZone) zone = wx_visit_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) today = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  int y = 0, mo = 0, d = 0, h = -1, mi = -1;
  gboolean parsed = TRUE;
  char end;

  if (sscanf (t, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &end) == 5)
    ;
  else if (sscanf (t, "%d-%d %d:%d%c", &mo, &d, &h, &mi, &end) == 4)
    y = g_date_time_get_year (today);
  else if (sscanf (t, "%d:%d%c", &h, &mi, &end) == 2)
    {
      y = g_date_time_get_year (today);
      mo = g_date_time_get_month (today);
      d = g_date_time_get_day_of_month (today);
    }
  else
    parsed = FALSE;
  if (parsed && y >= 2000 && y <= 9999 && h >= 0 && h < 24 && mi >= 0 && mi < 60 &&
      mo >= 1 && mo <= 12 && d >= 1 && d <= g_date_get_days_in_month (mo, y))
    at = g_date_time_new (zone, y, mo, d, h, mi, 0);
  if (at == NULL)
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a time: write it as 2026-11-20 14:30, or 14:30 for today."), t);
      return FALSE;
    }
  *out = g_date_time_to_unix (at);
  return TRUE;
}

char *
wx_visit_format_time (gint64 at)
{
  g_autoptr(GTimeZone) zone = wx_visit_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

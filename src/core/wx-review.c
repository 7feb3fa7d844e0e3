#define G_LOG_DOMAIN "wx-review"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wx-error.h"
#include "wx-order.h"
#include "wx-review.h"

static const struct {
  WxReviewCheck check;
  const char   *code;
  const char   *label;
} checks[WX_N_REVIEW_CHECKS] = {
  { WX_REVIEW_DISPATCH,        "dispatch",        N_("Dispatch within the hour") },
  { WX_REVIEW_REPLY,           "reply",           N_("4-hour reply") },
  { WX_REVIEW_REPAIR,          "repair",          N_("Repair within 3 working days") },
  { WX_REVIEW_ONSITE_RESPONSE, "onsite_response", N_("On-site response (arrival − request)") },
  { WX_REVIEW_COMPLETION,      "completion",      N_("Completion (repaired − request)") },
  { WX_REVIEW_PARTS_REQUESTED, "parts_requested", N_("Parts requested against the fault analysis") },
  { WX_REVIEW_PARTS_USED,      "parts_used",      N_("Parts used against the repair") },
  { WX_REVIEW_RESPONSIBILITY,  "responsibility",  N_("Responsibility recorded") },
  { WX_REVIEW_APPEARANCE,      "appearance",      N_("Appearance recorded") },
  { WX_REVIEW_ACCESSORIES,     "accessories",     N_("Accessories recorded and checked") },
  { WX_REVIEW_SIGNED_INTAKE,   "signed_intake",   N_("Customer's signature at intake") },
  { WX_REVIEW_SIGNED_PICKUP,   "signed_pickup",   N_("Customer's signature at pickup") },
};

const char *
wx_review_check_to_code (WxReviewCheck check)
{
  g_return_val_if_fail ((guint) check < WX_N_REVIEW_CHECKS, NULL);
  return checks[check].code;
}

gboolean
wx_review_check_from_code (const char *code, WxReviewCheck *check)
{
  for (guint i = 0; code && i < WX_N_REVIEW_CHECKS; i++)
    if (g_str_equal (checks[i].code, code))
      {
        *check = checks[i].check;
        return TRUE;
      }
  return FALSE;
}

const char *
wx_review_check_label (WxReviewCheck check)
{
  g_return_val_if_fail ((guint) check < WX_N_REVIEW_CHECKS, NULL);
  return _(checks[check].label);
}

void
wx_review_free (WxReview *review)
{
  if (review == NULL)
    return;
  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    {
      g_free (review->items[i].evidence);
      g_free (review->items[i].responsible);
    }
  g_free (review);
}

/* ------------------------------------------------------------ helpers */

static gboolean
blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static const char *
first_set (const char *a, const char *b)
{
  return !blank (a) ? a : !blank (b) ? b : NULL;
}

/* A person's full name when known, else their login. */
static const char *
who (const WxReviewFacts *f, const char *login)
{
  const char *name = f->names && login ? g_hash_table_lookup (f->names, login) : NULL;
  return name ? name : login;
}

static gboolean
happened (const WxReviewFacts *f, const char *event)
{
  for (guint i = 0; i < f->n_events; i++)
    if (g_strcmp0 (f->events[i].event, event) == 0)
      return TRUE;
  return FALSE;
}

static void
set (WxReviewItem *item, WxCheckResult result, const char *responsible, char *evidence)
{
  item->result = result;
  item->responsible = result == WX_CHECK_FAILED && responsible ? g_strdup (responsible) : NULL;
  item->evidence = evidence;
}

/* ------------------------------------------------------------ the clocks */

/* Met or missed by how much: `taken` of `allowed` business minutes. */
static void
judge_time (WxReviewItem *item, const WxSlaRules *rules, gint64 taken, gint64 allowed, const char *responsible)
{
  guint day = wx_calendar_day_minutes (wx_timeline_get_calendar (rules->timeline));
  g_autofree char *took = wx_format_business_minutes (taken, day);
  g_autofree char *limit = wx_format_business_minutes (allowed, day);
  g_autofree char *by = wx_format_business_minutes (allowed - taken, day);

  item->minutes = taken;
  item->margin = allowed - taken;
  if (taken <= allowed)
    /* TRANSLATORS: a clock of the review: "35 min of 1 h 0 min allowed: met, 25 min to spare." */
    set (item, WX_CHECK_OK, NULL, g_strdup_printf (_("%s of %s allowed: met, %s to spare."), took, limit, by));
  else
    /* TRANSLATORS: a clock of the review: "4 h 10 min of 1 h 0 min allowed: missed by 3 h 10 min." */
    set (item, WX_CHECK_FAILED, responsible,
         g_strdup_printf (_("%s of %s allowed: missed by %s."), took, limit, by));
}

static void
judge_clock (WxReviewItem *item, const WxSlaRules *rules, const WxClockState *s,
             gboolean target, const char *responsible)
{
  gint64 due = target ? s->due_target : s->due_limit;
  WxCalendar *calendar = wx_timeline_get_calendar (rules->timeline);

  if (s->status == WX_CLOCK_STATUS_NOT_STARTED)
    set (item, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("Does not apply to this order.")));
  else if (s->stop == 0)
    {
      g_autofree char *when = wx_calendar_format_instant (calendar, due);
      set (item, WX_CHECK_FAILED, responsible,
           g_strdup_printf (_("Never done: it was due by %s."), when));
    }
  else
    judge_time (item, rules, wx_timeline_minutes_between (rules->timeline, s->start, s->stop),
                wx_timeline_minutes_between (rules->timeline, s->start, due), responsible);
}

/* ------------------------------------------------------------ the parts */

/* The same part: by catalogue id, else by part number, else by name. */
static gboolean
same_part (const WxReviewPart *a, const WxReviewPart *b)
{
  if (a->part_id && b->part_id)
    return a->part_id == b->part_id;
  if (!blank (a->part_number) && !blank (b->part_number))
    return g_str_equal (a->part_number, b->part_number);
  return g_strcmp0 (a->name, b->name) == 0;
}

static gboolean
contains_part (GArray *list, const WxReviewPart *p)
{
  for (guint i = 0; list && i < list->len; i++)
    if (same_part (&g_array_index (list, WxReviewPart, i), p))
      return TRUE;
  return FALSE;
}

static void
append_part (GString *out, const WxReviewPart *p)
{
  if (out->len)
    /* TRANSLATORS: between parts in a list */
    g_string_append (out, _(", "));
  g_string_append (out, p->name);
  if (!blank (p->part_number) && strstr (p->name, p->part_number) == NULL)
    g_string_append_printf (out, " (%s)", p->part_number);
  g_string_append_printf (out, " ×%d", p->quantity);
}

static char *
parts_text (GArray *list)
{
  GString *out = g_string_new ("");
  for (guint i = 0; list && i < list->len; i++)
    append_part (out, &g_array_index (list, WxReviewPart, i));
  return g_string_free (out, FALSE);
}

static void
judge_parts (WxReview *review, const WxReviewFacts *f)
{
  WxReviewItem *asked = &review->items[WX_REVIEW_PARTS_REQUESTED];
  WxReviewItem *used = &review->items[WX_REVIEW_PARTS_USED];
  guint n_requested = f->requested ? f->requested->len : 0;
  guint n_used = f->used ? f->used->len : 0;
  const char *inspector = first_set (f->inspected_by, f->engineer);
  const char *repairer = first_set (f->repaired_by, f->engineer);
  g_autofree char *requested_text = parts_text (f->requested);
  g_autoptr(GString) not_used = g_string_new ("");
  g_autoptr(GString) not_requested = g_string_new ("");

  if (n_requested == 0)
    set (asked, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("No part was requested.")));
  else if (blank (f->fault_analysis))
    set (asked, WX_CHECK_FAILED, inspector,
         g_strdup_printf (_("Requested %s without a fault analysis."), requested_text));
  else
    set (asked, WX_CHECK_OK, NULL,
         g_strdup_printf (_("Requested %s for the fault found: %s"), requested_text, f->fault_analysis));

  if (n_requested == 0 && n_used == 0)
    {
      set (used, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("No part was requested or used.")));
      review->parts_ok = -1;
      return;
    }
  for (guint i = 0; i < n_requested; i++)
    {
      const WxReviewPart *p = &g_array_index (f->requested, WxReviewPart, i);
      /* A part typed in never passes through the stock: the repair
       * described must name it. */
      gboolean done = p->part_id ? contains_part (f->used, p)
                                 : contains_part (f->used, p) || (f->repair_notes && strstr (f->repair_notes, p->name));
      if (!done)
        append_part (not_used, p);
    }
  for (guint i = 0; i < n_used; i++)
    {
      const WxReviewPart *p = &g_array_index (f->used, WxReviewPart, i);
      if (!contains_part (f->requested, p))
        append_part (not_requested, p);
    }
  if (not_used->len || not_requested->len)
    {
      GString *e = g_string_new ("");
      if (not_used->len)
        g_string_append_printf (e, _("Requested but not used: %s."), not_used->str);
      if (not_used->len && not_requested->len)
        g_string_append_c (e, ' ');
      if (not_requested->len)
        g_string_append_printf (e, _("Used but never requested: %s."), not_requested->str);
      set (used, WX_CHECK_FAILED, repairer, g_string_free (e, FALSE));
    }
  else if (n_used > 0 && blank (f->repair_notes))
    {
      g_autofree char *used_text = parts_text (f->used);
      set (used, WX_CHECK_FAILED, repairer,
           g_strdup_printf (_("Used %s but the repair is not described."), used_text));
    }
  else
    {
      g_autofree char *used_text = n_used ? parts_text (f->used) : g_strdup (requested_text);
      set (used, WX_CHECK_OK, NULL,
           g_strdup_printf (_("Used as requested: %s; repair: %s"), used_text,
                            blank (f->repair_notes) ? "—" : f->repair_notes));
    }
  review->parts_ok = asked->result != WX_CHECK_FAILED && used->result != WX_CHECK_FAILED;
}

/* ------------------------------------------------------------ the form */

static void
judge_responsibility (WxReviewItem *item, const WxReviewFacts *f)
{
  g_autoptr(GString) missing = g_string_new ("");
  const char *sep = _(", ");

  if (blank (f->received_by))
    g_string_append (missing, _("who received it"));
  if (f->kind != WX_ORDER_KIND_SALE && blank (f->engineer))
    g_string_append_printf (missing, "%s%s", missing->len ? sep : "", _("the engineer"));
  if (happened (f, "inspect") && blank (f->inspected_by))
    g_string_append_printf (missing, "%s%s", missing->len ? sep : "", _("the inspecting engineer"));
  if (f->repaired_at && blank (f->repaired_by))
    g_string_append_printf (missing, "%s%s", missing->len ? sep : "", _("the repairing engineer"));

  if (missing->len)
    set (item, WX_CHECK_FAILED, first_set (f->owner, f->received_by),
         g_strdup_printf (_("Not recorded: %s."), missing->str));
  else
    {
      GString *e = g_string_new ("");

      g_string_printf (e, _("Received by %s."), who (f, f->received_by));
      if (!blank (f->inspected_by))
        {
          g_string_append_c (e, ' ');
          g_string_append_printf (e, _("Inspected by %s."), who (f, f->inspected_by));
        }
      if (!blank (f->repaired_by))
        {
          g_string_append_c (e, ' ');
          g_string_append_printf (e, _("Repaired by %s."), who (f, f->repaired_by));
        }
      set (item, WX_CHECK_OK, NULL, g_string_free (e, FALSE));
    }
}

static void
judge_intake (WxReview *review, const WxReviewFacts *f)
{
  WxReviewItem *appearance = &review->items[WX_REVIEW_APPEARANCE];
  WxReviewItem *accessories = &review->items[WX_REVIEW_ACCESSORIES];
  WxReviewItem *signed_in = &review->items[WX_REVIEW_SIGNED_INTAKE];
  WxReviewItem *signed_out = &review->items[WX_REVIEW_SIGNED_PICKUP];
  /* The machine came to the shop: received at the desk or taken back. */
  gboolean at_desk = happened (f, "received");
  gboolean in_shop = f->kind != WX_ORDER_KIND_SALE && (at_desk || happened (f, "take_back"));
  const char *intake_person = at_desk ? first_set (f->received_by, f->owner) : first_set (f->engineer, f->owner);
  const char *handover = first_set (f->handed_over_by, f->owner);

  if (!in_shop)
    {
      set (appearance, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("The machine never came to the shop.")));
      set (accessories, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("The machine never came to the shop.")));
    }
  else
    {
      if (blank (f->appearance_check))
        set (appearance, WX_CHECK_FAILED, intake_person,
             g_strdup (_("The machine's appearance was not recorded at intake.")));
      else
        set (appearance, WX_CHECK_OK, NULL, g_strdup_printf (_("Appearance: %s"), f->appearance_check));

      if (!f->accessories_checked)
        set (accessories, WX_CHECK_FAILED, handover,
             blank (f->accessories)
             ? g_strdup (_("The accessories were not checked when the machine was handed back."))
             : g_strdup_printf (_("Accessories %s were not checked when the machine was handed back."),
                                f->accessories));
      else if (blank (f->accessories))
        set (accessories, WX_CHECK_OK, NULL, g_strdup (_("No accessories were left; checked at handover.")));
      else
        set (accessories, WX_CHECK_OK, NULL,
             g_strdup_printf (_("Accessories %s, checked at handover."), f->accessories));
    }

  if (f->kind == WX_ORDER_KIND_SALE)
    set (signed_in, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("A sale has no service form to sign.")));
  else if (f->customer_signed)
    set (signed_in, WX_CHECK_OK, NULL, g_strdup (_("The customer signed the service form.")));
  else
    set (signed_in, WX_CHECK_FAILED, intake_person, g_strdup (_("The customer did not sign the service form.")));

  if (!happened (f, "pickup") && !happened (f, "deliver") && !happened (f, "accept"))
    set (signed_out, WX_CHECK_NOT_APPLICABLE, NULL, g_strdup (_("Nothing was handed over.")));
  else if (f->pickup_signed)
    set (signed_out, WX_CHECK_OK, NULL, g_strdup (_("The customer signed at pickup.")));
  else
    set (signed_out, WX_CHECK_FAILED, handover, g_strdup (_("The customer did not sign at pickup.")));
}

/* ------------------------------------------------------------ evaluate */

static gint64
request_time (const WxReviewFacts *f)
{
  for (guint i = 0; i < f->n_events; i++)
    if (g_strcmp0 (f->events[i].event, "received") == 0 || g_strcmp0 (f->events[i].event, "call_logged") == 0)
      return f->events[i].at;
  return f->n_events ? f->events[0].at : 0;
}

WxReview *
wx_review_evaluate (const WxSlaRules *rules, const WxReviewFacts *f)
{
  WxReview *review = g_new0 (WxReview, 1);
  WxClockState clocks[WX_N_CLOCKS];
  gint64 now = f->n_events ? f->events[f->n_events - 1].at + 1 : 0;
  gint64 requested = request_time (f);
  const char *coordinator = first_set (f->owner, f->received_by);
  const char *engineer = first_set (f->repaired_by, f->engineer);

  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    {
      review->items[i].check = i;
      review->items[i].minutes = -1;
    }
  wx_sla_compute (rules, f->kind, f->events, f->n_events, now, clocks);

  judge_clock (&review->items[WX_REVIEW_DISPATCH], rules, &clocks[WX_CLOCK_DISPATCH], TRUE, coordinator);
  judge_clock (&review->items[WX_REVIEW_REPLY], rules, &clocks[WX_CLOCK_REPLY], FALSE, coordinator);
  judge_clock (&review->items[WX_REVIEW_REPAIR], rules, &clocks[WX_CLOCK_REPAIR], FALSE, engineer);
  judge_clock (&review->items[WX_REVIEW_ONSITE_RESPONSE], rules, &clocks[WX_CLOCK_ONSITE_ARRIVAL], FALSE,
               first_set (f->engineer, f->owner));
  if (f->repaired_at == 0 || requested == 0 || f->kind == WX_ORDER_KIND_SALE)
    set (&review->items[WX_REVIEW_COMPLETION], WX_CHECK_NOT_APPLICABLE, NULL,
         g_strdup (_("Nothing was repaired.")));
  else
    judge_time (&review->items[WX_REVIEW_COMPLETION], rules,
                wx_timeline_minutes_between (rules->timeline, requested, f->repaired_at),
                rules->thresholds[WX_CLOCK_REPAIR].limit_minutes, engineer);

  judge_parts (review, f);
  judge_responsibility (&review->items[WX_REVIEW_RESPONSIBILITY], f);
  judge_intake (review, f);
  return review;
}

guint
wx_review_n_failed (const WxReview *review)
{
  guint n = 0;
  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    n += review->items[i].result == WX_CHECK_FAILED;
  return n;
}

const char *
wx_review_first_responsible (const WxReview *review)
{
  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    if (review->items[i].result == WX_CHECK_FAILED && review->items[i].responsible)
      return review->items[i].responsible;
  return NULL;
}

char *
wx_review_to_json (const WxReview *review)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < WX_N_REVIEW_CHECKS; i++)
    {
      const WxReviewItem *item = &review->items[i];

      json_builder_set_member_name (b, checks[i].code);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      if (item->result == WX_CHECK_NOT_APPLICABLE)
        json_builder_add_null_value (b);
      else
        json_builder_add_boolean_value (b, item->result == WX_CHECK_OK);
      json_builder_set_member_name (b, "evidence");
      json_builder_add_string_value (b, item->evidence ? item->evidence : "");
      if (item->responsible)
        {
          json_builder_set_member_name (b, "responsible");
          json_builder_add_string_value (b, item->responsible);
        }
      if (item->minutes >= 0)
        {
          json_builder_set_member_name (b, "minutes");
          json_builder_add_int_value (b, item->minutes);
          json_builder_set_member_name (b, "margin");
          json_builder_add_int_value (b, item->margin);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* ------------------------------------------------------------ returning */

/* Unicode white space too, as the database's check. */
static gboolean
blank_text (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
refuse (const char **field, const char *name, GError **error, const char *message)
{
  if (field)
    *field = name;
  g_set_error_literal (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
wx_review_return_check (const char  *comment,
                        const char  *returned_to,
                        const char **field,
                        GError     **error)
{
  if (blank_text (comment))   /* review_return_comment */
    return refuse (field, "comment", error, _("Say what must be put right before returning the order."));
  if (g_utf8_strlen (comment, -1) > 2000)   /* review_return_comment_length */
    return refuse (field, "comment", error, _("The comment is longer than 2,000 characters; shorten it."));
  if (blank_text (returned_to))   /* review_returned_to */
    return refuse (field, "returned_to", error, _("Choose the person the order goes back to."));
  return TRUE;
}

/* The supervisor's review checklist (src/core/wx-review.c), pure: scripted
 * orders on the shop's default calendar (Asia/Shanghai, Monday to Saturday
 * 09:00–18:00, thresholds of data/sql/004_defaults.sql), Mon 2026-11-16 on.
 * A good carry-in order passes every check that applies; each variation
 * fails exactly the check it must, with the person it goes back to. */
#include <stdio.h>

#include "core/wx-review.h"

static WxSlaRules rules;
static GTimeZone *zone;

static gint64
at (const char *local)   /* "2026-11-16 09:30" */
{
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) t = NULL;

  g_assert_cmpint (sscanf (local, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  t = g_date_time_new (zone, y, mo, d, h, mi, 0);
  return g_date_time_to_unix (t);
}

/* A scripted order: events "event@YYYY-MM-DD HH:MM;…" and the form. */
typedef struct {
  WxReviewFacts facts;
  GArray       *events;
  GPtrArray    *strings;
  GArray       *requested;
  GArray       *used;
} Script;

static void
script_set_events (Script *s, const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ";", -1);

  g_array_set_size (s->events, 0);
  s->facts.repaired_at = 0;
  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "@", 2);
      char *code = g_strdup (kv[0]);
      WxSlaEvent e = { code, at (kv[1]) };

      g_ptr_array_add (s->strings, code);
      g_array_append_val (s->events, e);
      if (g_str_equal (code, "repair_done") || g_str_equal (code, "fix_on_site"))
        s->facts.repaired_at = e.at;
    }
  s->facts.events = (const WxSlaEvent *) s->events->data;
  s->facts.n_events = s->events->len;
}

static void
script_free (Script *s)
{
  g_array_unref (s->events);
  g_ptr_array_unref (s->strings);
  g_array_unref (s->requested);
  g_array_unref (s->used);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Script, script_free)

static const WxReviewPart fuser = { 5, "RM2-5425", "定影组件 220V", 1 };
static const WxReviewPart drum = { 7, "CF276A", "HP 76A 原装硒鼓", 1 };
static const WxReviewPart gasket = { 0, "", "定影器密封垫", 1 };

/* Received Monday 09:30, dispatched in 30 min, quoted 80 min after, agreed,
 * repaired with the fuser it asked for at 16:00, picked up and entered on
 * Tuesday; every name, the appearance, accessories and signatures there. */
static Script *
good_carry_in (void)
{
  Script *s = g_new0 (Script, 1);

  s->events = g_array_new (FALSE, FALSE, sizeof (WxSlaEvent));
  s->strings = g_ptr_array_new_with_free_func (g_free);
  s->requested = g_array_new (FALSE, FALSE, sizeof (WxReviewPart));
  s->used = g_array_new (FALSE, FALSE, sizeof (WxReviewPart));
  g_array_append_val (s->requested, fuser);
  g_array_append_val (s->used, fuser);
  s->facts = (WxReviewFacts) {
    .kind = WX_ORDER_KIND_CARRY_IN,
    .received_by = "zhang_wei", .owner = "zhang_wei", .engineer = "li_qiang",
    .inspected_by = "li_qiang", .repaired_by = "li_qiang", .handed_over_by = "chen_jing",
    .fault_analysis = "定影组件加热管损坏", .repair_notes = "更换定影组件，连续打印 20 页正常",
    .appearance_check = "外壳有轻微划痕", .accessories = "电源线, USB 数据线",
    .accessories_checked = TRUE, .customer_signed = TRUE, .pickup_signed = TRUE,
    .requested = s->requested, .used = s->used,
  };
  script_set_events (s, "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00;"
                        "inspect@2026-11-16 11:00;quote@2026-11-16 11:20;agree@2026-11-16 14:00;"
                        "dispatch_repair@2026-11-16 14:10;repair_done@2026-11-16 16:00;"
                        "notify@2026-11-16 16:30;pickup@2026-11-17 10:00;enter@2026-11-17 11:00");
  return s;
}

/* Called at 09:30, engineer on site at 12:00, fixed and signed at 13:00. */
static Script *
good_on_site (void)
{
  Script *s = good_carry_in ();

  g_array_set_size (s->requested, 0);
  g_array_set_size (s->used, 0);
  s->facts.kind = WX_ORDER_KIND_ON_SITE;
  s->facts.inspected_by = NULL;
  s->facts.appearance_check = "";
  s->facts.accessories = "";
  s->facts.accessories_checked = FALSE;
  s->facts.handed_over_by = "li_qiang";
  script_set_events (s, "call_logged@2026-11-16 09:30;dispatch_onsite@2026-11-16 09:45;"
                        "contact_customer@2026-11-16 09:50;book_visit@2026-11-16 09:52;"
                        "arrive@2026-11-16 12:00;fix_on_site@2026-11-16 13:00;accept@2026-11-16 13:20;"
                        "enter@2026-11-16 15:00");
  return s;
}

static WxCheckResult
result_of (const WxReview *r, WxReviewCheck check)
{
  return r->items[check].result;
}

/* Every check `ok` except those in `failed` (and `na`). */
static void
assert_only (const WxReview *r, const WxReviewCheck *failed, guint n_failed,
             const WxReviewCheck *na, guint n_na)
{
  for (guint c = 0; c < WX_N_REVIEW_CHECKS; c++)
    {
      WxCheckResult want = WX_CHECK_OK;

      for (guint i = 0; i < n_failed; i++)
        if (failed[i] == c)
          want = WX_CHECK_FAILED;
      for (guint i = 0; i < n_na; i++)
        if (na[i] == c)
          want = WX_CHECK_NOT_APPLICABLE;
      if (r->items[c].result != want)
        g_error ("check %s: %d, want %d (%s)", wx_review_check_to_code (c), r->items[c].result, want,
                 r->items[c].evidence);
      g_assert_nonnull (r->items[c].evidence);
      g_assert_cmpstr (r->items[c].evidence, !=, "");
      g_assert_true ((want == WX_CHECK_FAILED) == (r->items[c].responsible != NULL));
    }
}

static const WxReviewCheck carry_in_na[] = { WX_REVIEW_ONSITE_RESPONSE };

static void
test_good_carry_in (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = wx_review_evaluate (&rules, &s->facts);
  g_autofree char *json = wx_review_to_json (r);

  assert_only (r, NULL, 0, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (r->parts_ok, ==, 1);
  g_assert_cmpuint (wx_review_n_failed (r), ==, 0);
  g_assert_null (wx_review_first_responsible (r));
  /* Dispatched in 30 of 60 minutes; replied in 80 of 240. */
  g_assert_cmpint (r->items[WX_REVIEW_DISPATCH].minutes, ==, 30);
  g_assert_cmpint (r->items[WX_REVIEW_DISPATCH].margin, ==, 30);
  g_assert_cmpint (r->items[WX_REVIEW_REPLY].minutes, ==, 80);
  g_assert_cmpint (r->items[WX_REVIEW_REPAIR].minutes, ==, 120);
  g_assert_cmpint (r->items[WX_REVIEW_COMPLETION].minutes, ==, 390);
  g_assert_cmpint (r->items[WX_REVIEW_COMPLETION].margin, ==, 1620 - 390);
  g_assert_nonnull (strstr (r->items[WX_REVIEW_DISPATCH].evidence, "30 min"));
  g_assert_nonnull (strstr (r->items[WX_REVIEW_PARTS_USED].evidence, "定影组件 220V"));
  g_assert_nonnull (strstr (json, "\"dispatch\":{\"ok\":true"));
  g_assert_nonnull (strstr (json, "\"onsite_response\":{\"ok\":null"));
}

static void
test_dispatch_late (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  static const WxReviewCheck failed[] = { WX_REVIEW_DISPATCH };

  script_set_events (s, "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 11:00;"
                        "inspect@2026-11-16 11:30;quote@2026-11-16 11:40;agree@2026-11-16 14:00;"
                        "dispatch_repair@2026-11-16 14:10;repair_done@2026-11-16 16:00;"
                        "notify@2026-11-16 16:30;pickup@2026-11-17 10:00;enter@2026-11-17 11:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, failed, 1, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (r->items[WX_REVIEW_DISPATCH].minutes, ==, 90);
  g_assert_cmpint (r->items[WX_REVIEW_DISPATCH].margin, ==, -30);
  g_assert_nonnull (strstr (r->items[WX_REVIEW_DISPATCH].evidence, "missed by 30 min"));
  g_assert_cmpstr (wx_review_first_responsible (r), ==, "zhang_wei");
  g_assert_cmpint (r->parts_ok, ==, 1);
}

static void
test_reply_late (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  static const WxReviewCheck failed[] = { WX_REVIEW_REPLY };

  script_set_events (s, "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00;"
                        "inspect@2026-11-16 15:00;quote@2026-11-16 15:20;agree@2026-11-16 15:30;"
                        "dispatch_repair@2026-11-16 15:40;repair_done@2026-11-16 17:00;"
                        "notify@2026-11-16 17:30;pickup@2026-11-17 10:00;enter@2026-11-17 11:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, failed, 1, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (r->items[WX_REVIEW_REPLY].margin, ==, 240 - 320);
  g_assert_cmpstr (r->items[WX_REVIEW_REPLY].responsible, ==, "zhang_wei");
}

static void
test_repair_late (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  /* Agreed Monday 14:00, repaired Thursday 17:00: 240 + 540 + 540 + 480. */
  static const WxReviewCheck failed[] = { WX_REVIEW_REPAIR, WX_REVIEW_COMPLETION };

  script_set_events (s, "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00;"
                        "inspect@2026-11-16 11:00;quote@2026-11-16 11:20;agree@2026-11-16 14:00;"
                        "dispatch_repair@2026-11-16 14:10;repair_done@2026-11-19 17:00;"
                        "notify@2026-11-19 17:30;pickup@2026-11-20 10:00;enter@2026-11-20 11:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, failed, 2, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (r->items[WX_REVIEW_REPAIR].minutes, ==, 1800);
  g_assert_cmpint (r->items[WX_REVIEW_REPAIR].margin, ==, -180);
  g_assert_cmpstr (r->items[WX_REVIEW_REPAIR].responsible, ==, "li_qiang");
}

/* The customer took two days to agree; the repair itself was quick. */
static void
test_completion_late (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  static const WxReviewCheck failed[] = { WX_REVIEW_COMPLETION };

  script_set_events (s, "received@2026-11-16 09:30;dispatch_inspection@2026-11-16 10:00;"
                        "inspect@2026-11-16 11:00;quote@2026-11-16 11:20;agree@2026-11-19 10:00;"
                        "dispatch_repair@2026-11-19 10:10;repair_done@2026-11-19 12:00;"
                        "notify@2026-11-19 12:30;pickup@2026-11-19 16:00;enter@2026-11-19 17:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, failed, 1, carry_in_na, G_N_ELEMENTS (carry_in_na));
  g_assert_cmpint (r->items[WX_REVIEW_COMPLETION].minutes, ==, 510 + 540 + 540 + 180);
  g_assert_cmpint (r->items[WX_REVIEW_REPAIR].minutes, ==, 120);
}

static const WxReviewCheck on_site_na[] = {
  WX_REVIEW_REPLY, WX_REVIEW_REPAIR, WX_REVIEW_PARTS_REQUESTED, WX_REVIEW_PARTS_USED,
  WX_REVIEW_APPEARANCE, WX_REVIEW_ACCESSORIES,
};

static void
test_on_site (void)
{
  g_autoptr(Script) s = good_on_site ();
  g_autoptr(WxReview) r = wx_review_evaluate (&rules, &s->facts);
  static const WxReviewCheck failed[] = { WX_REVIEW_ONSITE_RESPONSE };

  assert_only (r, NULL, 0, on_site_na, G_N_ELEMENTS (on_site_na));
  g_assert_cmpint (r->items[WX_REVIEW_ONSITE_RESPONSE].minutes, ==, 150);
  g_assert_cmpint (r->parts_ok, ==, -1);
  g_clear_pointer (&r, wx_review_free);

  /* On site at 14:00: four and a half hours after the call. */
  script_set_events (s, "call_logged@2026-11-16 09:30;dispatch_onsite@2026-11-16 09:45;"
                        "contact_customer@2026-11-16 09:50;book_visit@2026-11-16 09:52;"
                        "arrive@2026-11-16 14:00;fix_on_site@2026-11-16 15:00;accept@2026-11-16 15:20;"
                        "enter@2026-11-16 16:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, failed, 1, on_site_na, G_N_ELEMENTS (on_site_na));
  g_assert_cmpint (r->items[WX_REVIEW_ONSITE_RESPONSE].margin, ==, -30);
  g_assert_cmpstr (r->items[WX_REVIEW_ONSITE_RESPONSE].responsible, ==, "li_qiang");
}

/* Each form check, failed by its one omission. */
typedef struct {
  const char   *name;
  void        (*spoil) (Script *s);
  WxReviewCheck failed;
  const char   *responsible;
  int           parts_ok;
} FormCase;

static void no_analysis (Script *s) { s->facts.fault_analysis = ""; }
static void other_part_used (Script *s) { g_array_index (s->used, WxReviewPart, 0) = drum; }
static void no_repairer (Script *s) { s->facts.repaired_by = NULL; }
static void no_appearance (Script *s) { s->facts.appearance_check = " "; }
static void accessories_unchecked (Script *s) { s->facts.accessories_checked = FALSE; }
static void unsigned_intake (Script *s) { s->facts.customer_signed = FALSE; }
static void unsigned_pickup (Script *s) { s->facts.pickup_signed = FALSE; }
static void nothing_used (Script *s) { g_array_set_size (s->used, 0); }
static void used_unasked (Script *s) { g_array_set_size (s->requested, 0); }
static void no_repair_notes (Script *s) { s->facts.repair_notes = ""; }

static const FormCase form_cases[] = {
  { "parts without analysis", no_analysis,         WX_REVIEW_PARTS_REQUESTED, "li_qiang",  0 },
  { "another part used",      other_part_used,     WX_REVIEW_PARTS_USED,      "li_qiang",  0 },
  { "requested, not used",    nothing_used,        WX_REVIEW_PARTS_USED,      "li_qiang",  0 },
  { "used, not requested",    used_unasked,        WX_REVIEW_PARTS_USED,      "li_qiang",  0 },
  { "repair not described",   no_repair_notes,     WX_REVIEW_PARTS_USED,      "li_qiang",  0 },
  { "no repairing engineer",  no_repairer,         WX_REVIEW_RESPONSIBILITY,  "zhang_wei", 1 },
  { "no appearance",          no_appearance,       WX_REVIEW_APPEARANCE,      "zhang_wei", 1 },
  { "accessories unchecked",  accessories_unchecked, WX_REVIEW_ACCESSORIES,   "chen_jing", 1 },
  { "not signed at intake",   unsigned_intake,     WX_REVIEW_SIGNED_INTAKE,   "zhang_wei", 1 },
  { "not signed at pickup",   unsigned_pickup,     WX_REVIEW_SIGNED_PICKUP,   "chen_jing", 1 },
};

static void
test_form_case (gconstpointer data)
{
  const FormCase *c = data;
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  WxReviewCheck na[2] = { WX_REVIEW_ONSITE_RESPONSE, WX_REVIEW_ONSITE_RESPONSE };

  c->spoil (s);
  if (s->requested->len == 0)
    na[1] = WX_REVIEW_PARTS_REQUESTED;
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, &c->failed, 1, na, 2);
  g_assert_cmpstr (r->items[c->failed].responsible, ==, c->responsible);
  g_assert_cmpstr (wx_review_first_responsible (r), ==, c->responsible);
  g_assert_cmpint (r->parts_ok, ==, c->parts_ok);
}

/* A part typed in never passes through the stock: the repair names it. */
static void
test_typed_part (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;

  g_array_append_val (s->requested, gasket);
  s->facts.repair_notes = "更换定影组件和定影器密封垫";
  r = wx_review_evaluate (&rules, &s->facts);
  g_assert_cmpint (result_of (r, WX_REVIEW_PARTS_USED), ==, WX_CHECK_OK);
  g_clear_pointer (&r, wx_review_free);

  s->facts.repair_notes = "更换定影组件";
  r = wx_review_evaluate (&rules, &s->facts);
  g_assert_cmpint (result_of (r, WX_REVIEW_PARTS_USED), ==, WX_CHECK_FAILED);
  g_assert_nonnull (strstr (r->items[WX_REVIEW_PARTS_USED].evidence, "定影器密封垫"));
  g_assert_null (strstr (r->items[WX_REVIEW_PARTS_USED].evidence, "RM2-5425"));
}

static void
test_sale (void)
{
  g_autoptr(Script) s = good_carry_in ();
  g_autoptr(WxReview) r = NULL;
  static const WxReviewCheck na[] = {
    WX_REVIEW_DISPATCH, WX_REVIEW_REPLY, WX_REVIEW_REPAIR, WX_REVIEW_ONSITE_RESPONSE, WX_REVIEW_COMPLETION,
    WX_REVIEW_PARTS_REQUESTED, WX_REVIEW_PARTS_USED, WX_REVIEW_APPEARANCE, WX_REVIEW_ACCESSORIES,
    WX_REVIEW_SIGNED_INTAKE,
  };

  g_array_set_size (s->requested, 0);
  g_array_set_size (s->used, 0);
  s->facts.kind = WX_ORDER_KIND_SALE;
  s->facts.engineer = s->facts.inspected_by = s->facts.repaired_by = NULL;
  s->facts.fault_analysis = s->facts.repair_notes = "";
  script_set_events (s, "received@2026-11-16 09:30;quote@2026-11-16 09:40;agree@2026-11-16 10:00;"
                        "pickup@2026-11-16 11:00;enter@2026-11-16 12:00");
  r = wx_review_evaluate (&rules, &s->facts);
  assert_only (r, NULL, 0, na, G_N_ELEMENTS (na));
  g_assert_cmpint (r->parts_ok, ==, -1);
}

static void
test_codes (void)
{
  for (guint c = 0; c < WX_N_REVIEW_CHECKS; c++)
    {
      WxReviewCheck back;
      g_assert_true (wx_review_check_from_code (wx_review_check_to_code (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_cmpstr (wx_review_check_label (c), !=, "");
    }
  g_assert_false (wx_review_check_from_code ("nonsense", &(WxReviewCheck) { 0 }));
}

int
main (int argc, char **argv)
{
  g_autoptr(WxCalendar) calendar = wx_calendar_new_default ();

  g_test_init (&argc, &argv, NULL);
  zone = wx_calendar_get_zone (calendar);
  wx_sla_rules_init_defaults (&rules);
  rules.timeline = wx_timeline_new (calendar, at ("2026-11-01 00:00"), at ("2026-12-31 00:00"));
  g_test_add_func ("/review/good-carry-in", test_good_carry_in);
  g_test_add_func ("/review/dispatch-late", test_dispatch_late);
  g_test_add_func ("/review/reply-late", test_reply_late);
  g_test_add_func ("/review/repair-late", test_repair_late);
  g_test_add_func ("/review/completion-late", test_completion_late);
  g_test_add_func ("/review/on-site", test_on_site);
  for (guint i = 0; i < G_N_ELEMENTS (form_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/review/form/%s", form_cases[i].name);
      g_test_add_data_func (path, &form_cases[i], test_form_case);
    }
  g_test_add_func ("/review/typed-part", test_typed_part);
  g_test_add_func ("/review/sale", test_sale);
  g_test_add_func ("/review/codes", test_codes);
  return g_test_run ();
}

/* The on-site visit's checks (core/wx-visit.c): each step's required data
 * named by its field, times in the shop's zone, the events the steps take. */
#include <string.h>

#include "core/wx-error.h"
#include "core/wx-visit.h"
#include "core/wx-workflow.h"

/* 2026-11-18 15:30 in Guangzhou */
#define NOW G_GINT64_CONSTANT (1794987000)
#define HOUR 3600

static void
expect_field (const WxVisitInput *in, const WxVisitFacts *facts, const char *field, int code)
{
  g_autoptr(GError) error = NULL;
  const char *got = NULL;

  g_assert_false (wx_visit_check (in, facts, NOW, &got, &error));
  g_assert_error (error, WX_CORE_ERROR, code);
  g_assert_cmpstr (got, ==, field);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
expect_ok (const WxVisitInput *in, const WxVisitFacts *facts)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  if (!wx_visit_check (in, facts, NOW, &field, &error))
    g_error ("%s refused at %s: %s", wx_visit_step_to_code (in->step), field, error->message);
}

static void
test_times (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 at = 0;

  g_assert_cmpint (NOW % 60, ==, 0);
  text = wx_visit_format_time (NOW);
  g_assert_cmpstr (text, ==, "2026-11-18 15:30");
  g_assert_true (wx_visit_parse_time ("2026-11-18 15:30", 0, &at, &error));
  g_assert_cmpint (at, ==, NOW);
  g_assert_true (wx_visit_parse_time (" 17:05 ", NOW, &at, &error));
  g_assert_cmpint (at, ==, NOW + HOUR + 35 * 60);
  g_assert_true (wx_visit_parse_time ("11-19 9:00", NOW, &at, &error));
  g_assert_cmpint (at, ==, NOW + 17 * HOUR + 30 * 60);
  g_assert_no_error (error);
  g_assert_false (wx_visit_parse_time ("25:00", NOW, &at, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wx_visit_parse_time ("2026-02-30 10:00", NOW, &at, &error));
  g_clear_error (&error);
  g_assert_false (wx_visit_parse_time ("明天上午", NOW, &at, &error));
  g_assert_nonnull (strstr (error->message, "明天上午"));
}

static void
test_contact_and_booking (void)
{
  WxVisitInput contact = { .step = WX_VISIT_STEP_CONTACT, .contact = "李明", .reached = TRUE };
  WxVisitInput book = { .step = WX_VISIT_STEP_BOOK, .appointment_at = NOW + HOUR, .address = "天河路 1 号", .contact = "李明" };
  WxVisitInput late = { .step = WX_VISIT_STEP_RUNNING_LATE, .appointment_at = NOW + 2 * HOUR, .contact = "李明",
                        .note = "堵车" };
  WxVisitFacts booked = { .appointment_at = NOW + HOUR };

  expect_ok (&contact, NULL);
  contact.contact = " ";
  expect_field (&contact, NULL, "contact", WX_CORE_ERROR_MISSING);
  contact.contact = "李明";
  contact.phone = "12ab";
  expect_field (&contact, NULL, "phone", WX_CORE_ERROR_INVALID);

  expect_ok (&book, NULL);
  book.appointment_at = NOW - HOUR;
  expect_field (&book, NULL, "appointment", WX_CORE_ERROR_INVALID);
  book.appointment_at = NOW - 60;       /* a minute ago is still now */
  expect_ok (&book, NULL);
  book.appointment_at = 0;
  expect_field (&book, NULL, "appointment", WX_CORE_ERROR_MISSING);
  book.appointment_at = NOW + HOUR;
  book.address = "";
  expect_field (&book, NULL, "address", WX_CORE_ERROR_MISSING);
  book.address = "天河路 1 号";
  book.contact = NULL;
  expect_field (&book, NULL, "contact", WX_CORE_ERROR_MISSING);

  expect_ok (&late, &booked);
  late.appointment_at = NOW + HOUR;
  expect_field (&late, &booked, "appointment", WX_CORE_ERROR_INVALID);
  late.appointment_at = NOW + 2 * HOUR;
  late.note = NULL;
  expect_field (&late, &booked, "note", WX_CORE_ERROR_MISSING);
}

static void
test_outcomes (void)
{
  const char *accessories[] = { "电源线", NULL };
  WxVisitFacts here = { .appointment_at = NOW - 2 * HOUR, .arrived_at = NOW - HOUR };
  WxVisitInput arrive = { .step = WX_VISIT_STEP_ARRIVE, .arrived_at = NOW + 2 * HOUR };
  WxVisitInput fixed = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_FIXED,
                         .repair_notes = "更换定影组件", .customer_signed = TRUE };
  WxVisitInput parts = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_NEEDS_PARTS,
                         .findings = "定影膜破损", .parts_needed = "定影组件" };
  WxVisitInput back = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_TAKEN_BACK,
                        .accessories = (char **) accessories, .appearance = "完好", .copy_handed = TRUE,
                        .customer_signed = TRUE };
  WxVisitInput absent = { .step = WX_VISIT_STEP_OUTCOME, .outcome = WX_VISIT_OUTCOME_CUSTOMER_ABSENT,
                          .note = "留言条贴在门上" };

  expect_field (&arrive, NULL, "arrived", WX_CORE_ERROR_INVALID);
  arrive.arrived_at = 0;
  expect_ok (&arrive, NULL);

  expect_ok (&fixed, &here);
  fixed.customer_signed = FALSE;
  expect_field (&fixed, &here, "customer_signed", WX_CORE_ERROR_MISSING);
  fixed.customer_signed = TRUE;
  fixed.old_parts = "thrown_away";
  expect_field (&fixed, &here, "old_parts", WX_CORE_ERROR_INVALID);

  expect_ok (&parts, &here);
  parts.parts_needed = "";
  expect_field (&parts, &here, "parts_needed", WX_CORE_ERROR_MISSING);

  expect_ok (&back, &here);
  back.copy_handed = FALSE;
  expect_field (&back, &here, "copy_handed", WX_CORE_ERROR_MISSING);
  back.copy_handed = TRUE;
  back.appearance = NULL;
  expect_field (&back, &here, "appearance", WX_CORE_ERROR_MISSING);

  expect_ok (&absent, &here);
  absent.left_at = NOW - 2 * HOUR;      /* before the arrival the database knows */
  expect_field (&absent, &here, "left", WX_CORE_ERROR_INVALID);
  absent.left_at = NOW + 2 * HOUR;
  expect_field (&absent, &here, "left", WX_CORE_ERROR_INVALID);
  absent.left_at = 0;
  absent.note = "";
  expect_field (&absent, &here, "note", WX_CORE_ERROR_MISSING);
}

static void
test_deliver (void)
{
  WxVisitInput pay = { .step = WX_VISIT_STEP_DELIVER, .payment_status = "paid", .payment_amount = 48000,
                       .payment_method = "cash", .received_by = "李明", .customer_signed = TRUE };

  expect_ok (&pay, NULL);
  pay.delivering = TRUE;
  expect_field (&pay, NULL, "accessories_checked", WX_CORE_ERROR_MISSING);
  pay.accessories_checked = TRUE;
  pay.payment_amount = 0;
  expect_field (&pay, NULL, "payment_amount", WX_CORE_ERROR_MISSING);
  pay.payment_status = "unpaid";
  expect_field (&pay, NULL, "payment_status", WX_CORE_ERROR_MISSING);
  pay.payment_status = "on_account";
  pay.received_by = NULL;
  expect_field (&pay, NULL, "received_by", WX_CORE_ERROR_MISSING);
}

/* Every step's event is a step of the on-site workflow. */
static void
test_events (void)
{
  static const struct { WxVisitStep step; WxVisitOutcome outcome; gboolean delivering; WxOrderState from; const char *event; } rows[] = {
    { WX_VISIT_STEP_CONTACT, 0, FALSE, WX_ORDER_STATE_ONSITE_DISPATCHED, "contact_customer" },
    { WX_VISIT_STEP_BOOK, 0, FALSE, WX_ORDER_STATE_ONSITE_DISPATCHED, "book_visit" },
    { WX_VISIT_STEP_RUNNING_LATE, 0, FALSE, WX_ORDER_STATE_APPOINTMENT_BOOKED, "running_late" },
    { WX_VISIT_STEP_ARRIVE, 0, FALSE, WX_ORDER_STATE_APPOINTMENT_BOOKED, "arrive" },
    { WX_VISIT_STEP_OUTCOME, WX_VISIT_OUTCOME_FIXED, FALSE, WX_ORDER_STATE_ON_SITE, "fix_on_site" },
    { WX_VISIT_STEP_OUTCOME, WX_VISIT_OUTCOME_NEEDS_PARTS, FALSE, WX_ORDER_STATE_ON_SITE, "inspect" },
    { WX_VISIT_STEP_OUTCOME, WX_VISIT_OUTCOME_TAKEN_BACK, FALSE, WX_ORDER_STATE_ON_SITE, "take_back" },
    { WX_VISIT_STEP_OUTCOME, WX_VISIT_OUTCOME_CUSTOMER_ABSENT, FALSE, WX_ORDER_STATE_ON_SITE, "leave_unfixed" },
    { WX_VISIT_STEP_DELIVER, 0, FALSE, WX_ORDER_STATE_FIXED_ON_SITE, "accept" },
    { WX_VISIT_STEP_DELIVER, 0, TRUE, WX_ORDER_STATE_DELIVERING, "deliver" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *event = wx_visit_event (rows[i].step, rows[i].outcome, rows[i].delivering);

      WxVisitStep step;
      WxVisitOutcome outcome;

      g_assert_cmpstr (event, ==, rows[i].event);
      g_assert_nonnull (wx_workflow_find (WX_ORDER_KIND_ON_SITE, rows[i].from, event));
      /* and back */
      g_assert_true (wx_visit_step_for_event (event, rows[i].from, &step, &outcome));
      g_assert_cmpint (step, ==, rows[i].step);
      if (step == WX_VISIT_STEP_OUTCOME)
        g_assert_cmpint (outcome, ==, rows[i].outcome);
    }
  {
    WxVisitStep step;
    WxVisitOutcome outcome;

    /* the bench's inspection and other steps are not a visit's */
    g_assert_false (wx_visit_step_for_event ("inspect", WX_ORDER_STATE_INSPECTING, &step, &outcome));
    g_assert_false (wx_visit_step_for_event ("repair_done", WX_ORDER_STATE_REPAIRING, &step, &outcome));
  }
  /* taken back, the machine is on shelf S1 */
  g_assert_cmpint (wx_workflow_state_info (wx_transition_target (
    wx_workflow_find (WX_ORDER_KIND_ON_SITE, WX_ORDER_STATE_ON_SITE, "take_back"), WX_ORDER_STATE_ON_SITE))->shelf,
    ==, WX_SHELF_S1);
  for (guint o = 0; o < WX_N_VISIT_OUTCOMES; o++)
    {
      WxVisitOutcome back;
      g_assert_true (wx_visit_outcome_from_code (wx_visit_outcome_to_code (o), &back));
      g_assert_cmpint (back, ==, o);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/visit/times", test_times);
  g_test_add_func ("/visit/contact-and-booking", test_contact_and_booking);
  g_test_add_func ("/visit/outcomes", test_outcomes);
  g_test_add_func ("/visit/deliver", test_deliver);
  g_test_add_func ("/visit/events", test_events);
  return g_test_run ();
}

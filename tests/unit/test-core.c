/* Unit tests of the core layer: pure functions, no database. */
#include <string.h>

#include "core/wx-call.h"
#include "core/wx-codes.h"
#include "core/wx-error.h"
#include "core/wx-money.h"
#include "core/wx-order-number.h"
#include "core/wx-validate.h"
#include "core/wx-session.h"
#include "core/wx-workflow.h"
#include "wx-test-db.h"

static void
test_order_number_format (void)
{
  static const struct { const char *prefix; int year; gint64 seq; int digits; const char *expected; } cases[] = {
    { "",     2026, 123,    6, "2026-000123" },
    { NULL,   2026, 1,      6, "2026-000001" },
    { "WX",   2027, 999999, 6, "WX2027-999999" },
    { "GZ-",  2026, 42,     4, "GZ-2026-0042" },
    { "",     2030, 1234567, 9, "2030-001234567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *n = wx_order_number_format (cases[i].prefix, cases[i].year, cases[i].seq,
                                                   cases[i].digits, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (n, ==, cases[i].expected);
    }
}

static void
test_order_number_invalid (void)
{
  static const struct { const char *prefix; int year; gint64 seq; int digits; } cases[] = {
    { "",          2026, 0,       6 },   /* numbers start at 1 */
    { "",          2026, 1000000, 6 },   /* too many for 6 digits */
    { "",          1999, 1,       6 },
    { "",          2026, 1,       3 },
    { "TOOLONGXX", 2026, 1,       6 },
    { "单",        2026, 1,       6 },
    { "A B",       2026, 1,       6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *n = wx_order_number_format (cases[i].prefix, cases[i].year, cases[i].seq,
                                                   cases[i].digits, &error);
      g_assert_null (n);
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

static void
test_order_number_parse (void)
{
  g_autoptr(GError) error = NULL;
  int year = 0;
  gint64 seq = 0;
  static const char *bad[] = { "", "WX", "WX2026", "WX2026-", "WX2026-12", "WX26-000123", "WX2026-00012x",
                               "WX2026-000000", "WX2026-000123 ", "WX2026-0001234567", "2026-000123", "wx2026-000123" };

  g_assert_true (wx_order_number_parse ("2026-000123", "", &year, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (seq, ==, 123);
  g_assert_true (wx_order_number_parse ("WX2027-0042", "WX", &year, &seq, &error));
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpint (seq, ==, 42);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_assert_false (wx_order_number_parse (bad[i], "WX", NULL, NULL, &e));
      g_assert_error (e, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
    }
}

static void
test_phone_valid (void)
{
  for (guint i = 0; wx_test_good_phones[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!wx_validate_phone (wx_test_good_phones[i], &error))
        g_error ("%s refused: %s", wx_test_good_phones[i], error->message);
    }
}

static void
test_phone_invalid (void)
{
  static const char *bad[] = {
    "", "   ", "12345", "1381234567", "138123456789", "12812345678", "abc", "138-1234-567a",
    "020-87581480转", "020-87581480转1234567", "+12", "电话", "13812345678; DROP TABLE",
    "0", "020--", "+86 123", "-13812345678", "+ 86 138 1234 5678", "#13812345678",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      if (wx_validate_phone (bad[i], &error))
        g_error ("“%s” accepted", bad[i]);
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
    }
}

static void
test_email (void)
{
  static const char *good[] = {
    "li.ming@example.com", "service+gz@huiwei.com.cn", "a@b.cn", "X_Y-Z@sub-domain.example.org", "n%x@qq.com",
  };
  static const char *bad[] = {
    "", "plain", "@example.com", "li@", "li@example", "li@@example.com", "li ming@example.com",
    ".li@example.com", "li.@example.com", "li..ming@example.com", "li@-example.com", "li@example.c",
    "李明@example.com", "li@example.123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      if (!wx_validate_email (good[i], &error))
        g_error ("%s refused: %s", good[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      if (wx_validate_email (bad[i], &error))
        g_error ("“%s” accepted", bad[i]);
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
    }
}

static void
test_required (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  g_assert_true (wx_validate_required ("惠维科技", "Unit", 10, NULL));
  g_assert_false (wx_validate_required ("  ", "Unit", 10, &e1));
  g_assert_error (e1, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (e1->message, "Unit"));
  /* Characters, not bytes: four Chinese characters fit in 4. */
  g_assert_true (wx_validate_required ("广州大学", "Unit", 4, &e2));
  g_assert_no_error (e2);
  g_assert_false (wx_validate_required ("广州大学城", "Unit", 4, &e3));
  g_assert_error (e3, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
}

static void
test_money_format (void)
{
  static const struct { WxMoney fen; const char *plain; const char *yuan; } cases[] = {
    { 0,            "0.00",             "¥0.00" },
    { 5,            "0.05",             "¥0.05" },
    { 50,           "0.50",             "¥0.50" },
    { 12000,        "120.00",           "¥120.00" },
    { 10050,        "100.50",           "¥100.50" },
    { 100100,       "1,001.00",         "¥1,001.00" },
    { 123456789,    "1,234,567.89",     "¥1,234,567.89" },
    { 1000000001,   "10,000,000.01",    "¥10,000,000.01" },
    { -250,         "-2.50",            "-¥2.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = wx_money_format (cases[i].fen);
      g_autofree char *yuan = wx_money_format_yuan (cases[i].fen);
      g_assert_cmpstr (plain, ==, cases[i].plain);
      g_assert_cmpstr (yuan, ==, cases[i].yuan);
    }
}

static void
test_money_parse (void)
{
  static const struct { const char *text; WxMoney fen; } good[] = {
    { "0", 0 }, { "120", 12000 }, { "120.5", 12050 }, { "120.50", 12050 }, { "0.05", 5 },
    { "1,234.56", 123456 }, { "¥99", 9900 }, { "￥ 99.9", 9990 }, { "150元", 15000 }, { " 7 ", 700 },
    { "1000000000", WX_MONEY_MAX },
  };
  static const char *bad[] = { "", "abc", "-1", "1.234", "1.2.3", "12a", ",5", "¥", "1000000000.01", "99999999999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      WxMoney fen = -1;
      if (!wx_money_parse (good[i].text, &fen, &error))
        g_error ("“%s” refused: %s", good[i].text, error->message);
      g_assert_cmpint (fen, ==, good[i].fen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      WxMoney fen = -1;
      if (wx_money_parse (bad[i], &fen, &error))
        g_error ("“%s” accepted as %" G_GINT64_FORMAT, bad[i], fen);
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      g_assert_cmpint (fen, ==, -1);
    }
}

static void
test_workflow_states (void)
{
  guint n;
  const WxStateInfo *states = wx_workflow_states (&n);
  gint64 counts[WX_N_ORDER_STATES] = { 0 };
  gint64 folders[WX_N_FOLDERS];
  WxOrderState s;

  g_assert_cmpuint (n, ==, WX_N_ORDER_STATES);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (states[i].state, ==, i);
      g_assert_true (wx_workflow_state_from_code (states[i].code, &s));
      g_assert_cmpint (s, ==, i);
      counts[i] = i + 1;
    }
  g_assert_false (wx_workflow_state_from_code ("nonsense", &s));

  wx_workflow_count_folders (counts, folders);
  /* F1 holds received (1) and call logged (18). */
  g_assert_cmpint (folders[WX_FOLDER_F1], ==, 1 + 18);
  /* F5 holds reconciled only. */
  g_assert_cmpint (folders[WX_FOLDER_F5], ==, WX_ORDER_STATE_RECONCILED + 1);
  {
    gint64 total = 0;
    for (guint f = 0; f < WX_N_FOLDERS; f++)
      total += folders[f];
    g_assert_cmpint (total, ==, n * (n + 1) / 2);
  }
}

static void
test_kinds_and_roles (void)
{
  WxOrderKind kind;
  WxRole role;

  g_assert_true (wx_order_kind_from_code ("carry-in", &kind));
  g_assert_cmpint (kind, ==, WX_ORDER_KIND_CARRY_IN);
  g_assert_true (wx_order_kind_from_code ("on_site", &kind));
  g_assert_cmpint (kind, ==, WX_ORDER_KIND_ON_SITE);
  g_assert_false (wx_order_kind_from_code ("repair", &kind));
  g_assert_true (wx_role_from_name ("engineer", &role));
  g_assert_cmpstr (wx_role_to_group (role), ==, "wx_engineer");
  g_assert_false (wx_role_from_name ("boss", &role));
}

/* The desk a user opens: the one asked for when the user holds it, the only
 * one, or a choice among several; never one the user does not hold. */
static void
test_session_desk (void)
{
  struct { WxRole roles; const char *requested; WxRole desk; int code; } cases[] = {
    { WX_ROLE_COORDINATOR, NULL, WX_ROLE_COORDINATOR, -1 },
    { WX_ROLE_ENGINEER | WX_ROLE_ADMIN, NULL, WX_ROLE_ENGINEER, -1 },
    { WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER, NULL, WX_ROLE_NONE, -1 },
    { WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER, "", WX_ROLE_NONE, -1 },
    { WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER, "engineer", WX_ROLE_ENGINEER, -1 },
    { WX_ROLE_COORDINATOR | WX_ROLE_ENGINEER, "wx_coordinator", WX_ROLE_COORDINATOR, -1 },
    { WX_ROLE_COORDINATOR, "supervisor", WX_ROLE_NONE, WX_CORE_ERROR_DENIED },
    { WX_ROLE_COORDINATOR, "admin", WX_ROLE_NONE, WX_CORE_ERROR_INVALID },
    { WX_ROLE_COORDINATOR, "cashier", WX_ROLE_NONE, WX_CORE_ERROR_INVALID },
    { WX_ROLE_ADMIN, NULL, WX_ROLE_NONE, WX_CORE_ERROR_DENIED },
    { WX_ROLE_NONE, "coordinator", WX_ROLE_NONE, WX_CORE_ERROR_DENIED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      WxRole desk = wx_session_desk_for ("zhang_wei", cases[i].roles, cases[i].requested, &error);

      g_assert_cmpint (desk, ==, cases[i].desk);
      if (cases[i].code < 0)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, WX_CORE_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].code == WX_CORE_ERROR_INVALID && cases[i].requested
                                                    ? cases[i].requested : "zhang_wei"));
        }
    }
  g_assert_cmpint (wx_session_desks (WX_ROLE_ADMIN | WX_ROLE_SUPERVISOR), ==, WX_ROLE_SUPERVISOR);
}

/* Promised reply times as a clerk types them. */
static void
test_call_time (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 5, 18, 14, 0, 0);
  struct { const char *text; int y, mo, d, h, mi; } good[] = {
    { "16:30", 2026, 5, 18, 16, 30 },
    { "09:00", 2026, 5, 19, 9, 0 },          /* past today: tomorrow */
    { "05-20 08:15", 2026, 5, 20, 8, 15 },
    { " 2026-06-01 10:00 ", 2026, 6, 1, 10, 0 },
  };
  const char *bad[] = { "soon", "25:00", "16:75", "02-30 10:00", "16:30x", "2026-05-18" };
  gint64 at = -1;

  g_assert_true (wx_call_parse_time ("  ", now, &at, NULL));
  g_assert_cmpint (at, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GDateTime) expected = g_date_time_new (tz, good[i].y, good[i].mo, good[i].d, good[i].h, good[i].mi, 0);
      g_autoptr(GError) error = NULL;

      g_assert_true (wx_call_parse_time (good[i].text, now, &at, &error));
      g_assert_no_error (error);
      g_assert_cmpint (at, ==, g_date_time_to_unix (expected));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (wx_call_parse_time (bad[i], now, &at, &error));
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
    }
  g_assert_cmpstr (wx_code_nth (WX_CODE_CALL_DIRECTION, 0), ==, "inbound");
  g_assert_cmpstr (wx_code_nth (WX_CODE_CALL_DIRECTION, 1), ==, "outbound");
  g_assert_null (wx_code_nth (WX_CODE_CALL_DIRECTION, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/order-number/format", test_order_number_format);
  g_test_add_func ("/core/order-number/invalid", test_order_number_invalid);
  g_test_add_func ("/core/order-number/parse", test_order_number_parse);
  g_test_add_func ("/core/validate/phone-valid", test_phone_valid);
  g_test_add_func ("/core/validate/phone-invalid", test_phone_invalid);
  g_test_add_func ("/core/validate/email", test_email);
  g_test_add_func ("/core/validate/required", test_required);
  g_test_add_func ("/core/money/format", test_money_format);
  g_test_add_func ("/core/money/parse", test_money_parse);
  g_test_add_func ("/core/workflow/states", test_workflow_states);
  g_test_add_func ("/core/workflow/kinds-roles", test_kinds_and_roles);
  g_test_add_func ("/core/session/desk", test_session_desk);
  g_test_add_func ("/core/call/time", test_call_time);
  return g_test_run ();
}

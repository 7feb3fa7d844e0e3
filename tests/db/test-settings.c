/* The administrator's settings and staff against a real server, as an
 * administrator's own login: every setting saved and read back; bad input
 * refused with a sentence and nothing written; a holiday moves a due time
 * computed afterwards; the prefix changes the next order number; the
 * escalation thresholds are the settings'; a change is announced on
 * wx_settings; staff added, their password reset, disabled and enabled,
 * each checked with a real connection with the password (./run tests asks
 * the members of wx_test_password for it); a non-admin may do none of it. */
#include <string.h>
#include <unistd.h>

#include "core/wx-error.h"
#include "core/wx-settings.h"
#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-listener.h"
#include "db/wx-db-settings.h"
#include "db/wx-db-sla.h"
#include "db/wx-db-staff.h"
#include "wx-test-db.h"

static char *conninfo;
static char *admin_login;    /* an administrator (trusted on the socket) */
static char *chief_login;    /* a supervisor */

static PGconn *
connect_as (const char *user)
{
  g_autofree char *ci = wx_db_conninfo_with (conninfo, "user", user);

  return wx_test_db_connect (ci);
}

/* A real login with a password: TRUE when the server lets `user` in. */
static gboolean
can_log_in (const char *user,
            const char *password)
{
  g_autofree char *as_user = wx_db_conninfo_with (conninfo, "user", user);
  g_autofree char *ci = wx_db_conninfo_with (as_user, "password", password);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = wx_db_connect (ci, &error);

  if (conn == NULL)
    {
      g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
      return FALSE;
    }
  return TRUE;
}

static char *
setting (PGconn *conn, const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = wx_db_setting (conn, key, NULL, &error);

  g_assert_no_error (error);
  return value;
}

/* ------------------------------------------------------------ settings */

static void
test_values_saved (void)
{
  g_autoptr(PGconn) conn = connect_as (admin_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSettings) loaded = NULL;
  guint n;
  const WxSettingInfo *infos = wx_setting_infos (&n);
  const char *keys[32];
  const char *values[32];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (keys));
  for (guint i = 0; i < n; i++)
    {
      keys[i] = infos[i].key;
      values[i] = g_str_equal (infos[i].key, "company.name") ? "广州惠维电子有限公司"
                : g_str_equal (infos[i].key, "company.address") ? "广州市越秀区中山五路 1 号"
                : g_str_equal (infos[i].key, "company.phone") ? "020-83331234"
                : g_str_equal (infos[i].key, "company.fax") ? ""
                : g_str_equal (infos[i].key, "notice.important") ? "1. 请备份数据。\n2. 凭单取机。"
                : g_str_equal (infos[i].key, "order_number.prefix") ? "WX"
                : g_str_equal (infos[i].key, "order_number.digits") ? "5"
                : g_str_equal (infos[i].key, "escalation.visits") ? "3"
                : g_str_equal (infos[i].key, "escalation.part_orders") ? "4"
                : g_str_equal (infos[i].key, "escalation.undiagnosed_days") ? "5"
                : g_str_equal (infos[i].key, "cluster.orders") ? "6"
                : g_str_equal (infos[i].key, "cluster.days") ? "20"
                : g_str_equal (infos[i].key, "return_repair.days") ? "60"
                : NULL;
      g_assert_nonnull (values[i]);
    }
  g_assert_true (wx_db_settings_save_values (conn, keys, values, n, &error));
  g_assert_no_error (error);

  loaded = wx_db_settings_load (conn, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_hash_table_lookup (loaded->values, keys[i]), ==, values[i]);
  /* What the rest of the program reads. */
  {
    g_autofree char *window = setting (conn, "return_repair.days");
    g_autofree char *days = setting (conn, "escalation.undiagnosed_days");

    g_assert_cmpstr (window, ==, "60");
    g_assert_cmpstr (days, ==, "5");
  }
}

static void
test_hours_and_clocks_saved (void)
{
  g_autoptr(PGconn) conn = connect_as (admin_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSettings) before = wx_db_settings_load (conn, &error);
  g_autoptr(WxDbSettings) after = NULL;
  WxDbWeekday week[8];
  WxSlaThreshold thresholds[WX_N_CLOCKS];

  g_assert_no_error (error);
  memcpy (week, before->week, sizeof week);
  memcpy (thresholds, before->thresholds, sizeof thresholds);
  g_assert_true (week[1].open);
  g_assert_cmpuint (week[1].opens, ==, 540);
  g_assert_false (week[7].open);

  week[6] = (WxDbWeekday) { TRUE, 600, 960 };
  week[7] = (WxDbWeekday) { TRUE, 600, 720 };
  week[3] = (WxDbWeekday) { FALSE, 0, 0 };
  g_assert_true (wx_db_settings_save_hours (conn, week, &error));
  g_assert_no_error (error);
  thresholds[WX_CLOCK_DISPATCH] = (WxSlaThreshold) { 30, 90 };
  thresholds[WX_CLOCK_REVIEW] = (WxSlaThreshold) { 0, 600 };
  g_assert_true (wx_db_settings_save_thresholds (conn, thresholds, &error));
  g_assert_no_error (error);

  after = wx_db_settings_load (conn, &error);
  g_assert_no_error (error);
  g_assert_true (after->week[6].open);
  g_assert_cmpuint (after->week[6].opens, ==, 600);
  g_assert_cmpuint (after->week[6].closes, ==, 960);
  g_assert_true (after->week[7].open);
  g_assert_cmpuint (after->week[7].closes, ==, 720);
  g_assert_false (after->week[3].open);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM business_hours"), ==, 6);
  g_assert_cmpuint (after->thresholds[WX_CLOCK_DISPATCH].target_minutes, ==, 30);
  g_assert_cmpuint (after->thresholds[WX_CLOCK_DISPATCH].limit_minutes, ==, 90);
  g_assert_cmpuint (after->thresholds[WX_CLOCK_REVIEW].limit_minutes, ==, 600);

  /* Back as before, for the other tests. */
  g_assert_true (wx_db_settings_save_hours (conn, before->week, &error));
  g_assert_true (wx_db_settings_save_thresholds (conn, before->thresholds, &error));
  g_assert_no_error (error);
}

/* Bad input: a sentence that names the field, and nothing written. */
static void
test_bad_input_changes_nothing (void)
{
  g_autoptr(PGconn) conn = connect_as (admin_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSettings) before = wx_db_settings_load (conn, &error);
  g_autoptr(WxDbSettings) after = NULL;
  g_autofree char *name_before = setting (conn, "company.name");
  g_autofree char *name_after = NULL;
  WxSlaThreshold thresholds[WX_N_CLOCKS];
  guint opens, closes;
  static const struct { const char *key, *value, *sentence; } bad[] = {
    { "order_number.prefix", "维修", "only contain letters, digits and dashes" },
    { "order_number.prefix", "TOOLONGPREFIX", "at most 8 characters" },
    { "return_repair.days", "0", "must be a whole number from 1 to 9999" },
    { "escalation.visits", "two", "“On-site visits without a fix before escalating” must be a whole number" },
    { "company.name", "", "“Company name” must be filled in" },
    { "company.phone", "020\n8758", "is one line" },
    { "order_number.digits", "12", "from 4 to 9" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *keys[2] = { "company.name", bad[i].key };
      const char *values[2] = { "不该保存的名字", bad[i].value };

      g_assert_false (wx_db_settings_save_values (conn, keys, values, 2, &error));
      g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
      if (strstr (error->message, bad[i].sentence) == NULL)
        g_error ("%s = %s: “%s” does not say “%s”", bad[i].key, bad[i].value, error->message, bad[i].sentence);
      g_clear_error (&error);
    }
  name_after = setting (conn, "company.name");
  g_assert_cmpstr (name_after, ==, name_before);

  /* A clock whose target is past its limit: the others are not saved either. */
  memcpy (thresholds, before->thresholds, sizeof thresholds);
  thresholds[WX_CLOCK_DISPATCH].limit_minutes = 45;
  thresholds[WX_CLOCK_REPAIR].target_minutes = 2000;
  g_assert_false (wx_db_settings_save_thresholds (conn, thresholds, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is longer than its limit"));
  g_clear_error (&error);
  after = wx_db_settings_load (conn, &error);
  g_assert_cmpuint (after->thresholds[WX_CLOCK_DISPATCH].limit_minutes, ==, before->thresholds[WX_CLOCK_DISPATCH].limit_minutes);

  /* Hours and days as typed. */
  g_assert_false (wx_settings_check_hours (2, TRUE, "18:00-09:00", &opens, &closes, &error));
  g_assert_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "closing time is not after the opening time"));
  g_clear_error (&error);
  g_assert_true (wx_settings_check_hours (2, TRUE, " 08:30-17:30 ", &opens, &closes, &error));
  g_assert_cmpuint (opens, ==, 510);
  g_assert_true (wx_settings_check_hours (7, FALSE, "whatever", &opens, &closes, &error));
  {
    GDate date;
    g_autofree char *long_name = g_strnfill (61, 'x');

    g_assert_false (wx_settings_check_day ("2026-02-30", "春节", &date, &error));
    g_assert_nonnull (strstr (error->message, "There is no day 2026-02-30"));
    g_clear_error (&error);
    g_assert_false (wx_settings_check_day ("2026-02-17", long_name, &date, &error));
    g_assert_nonnull (strstr (error->message, "at most 60 characters"));
    g_clear_error (&error);
  }

  /* Past core, the database refuses too (and says why). */
  {
    const char *params[2] = { "company.name", " 空格 " };

    g_assert_false (wx_db_execute (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, params, &error));
    g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "company name"));
  }
}

/* A holiday added afterwards moves a due time computed afterwards. */
static void
test_holiday_moves_due_time (void)
{
  g_autoptr(PGconn) conn = connect_as (admin_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2027-03-03T17:00:00+08:00", NULL);
  g_autoptr(GDate) holiday = g_date_new_dmy (4, 3, 2027);
  gint64 t = g_date_time_to_unix (start);
  WxSlaRules rules = { 0 };
  gint64 due_before, due_after;

  g_assert_true (wx_db_sla_rules_load_for (conn, t, t, &rules, &error));
  due_before = wx_sla_due (&rules, WX_CLOCK_DISPATCH, t, t, FALSE, FALSE);
  wx_sla_rules_clear (&rules);
  g_assert_true (wx_db_calendar_add_day (conn, holiday, WX_CALENDAR_DAY_HOLIDAY, "测试假日", 0, 0, &error));
  g_assert_true (wx_db_sla_rules_load_for (conn, t, t, &rules, &error));
  due_after = wx_sla_due (&rules, WX_CLOCK_DISPATCH, t, t, FALSE, FALSE);
  wx_sla_rules_clear (&rules);
  g_assert_no_error (error);
  /* 3 hours from Wednesday 17:00: Thursday 11:00, or Friday 11:00. */
  g_assert_cmpint (due_before, ==, t + 18 * 3600);
  g_assert_cmpint (due_after, ==, due_before + 24 * 3600);
  g_assert_true (wx_db_calendar_remove_day (conn, holiday, WX_CALENDAR_DAY_HOLIDAY, &error));
  g_assert_no_error (error);
}

static void
test_prefix_changes_next_number (void)
{
  g_autoptr(PGconn) admin = connect_as (admin_login);
  g_autoptr(PGconn) owner = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  const char *keys[2] = { "order_number.prefix", "order_number.digits" };
  const char *values[2] = { "GZ-", "6" };
  g_autofree char *number = NULL;
  g_autofree char *example = wx_settings_number_example ("GZ-", 6);

  g_assert_true (wx_db_settings_save_values (admin, keys, values, 2, &error));
  g_assert_no_error (error);
  number = wx_test_db_value (owner, "SELECT wx_next_order_number()");
  g_assert_true (g_regex_match_simple ("^GZ-[0-9]{4}-[0-9]{6}$", number, 0, 0));
  g_assert_true (g_regex_match_simple ("^GZ-[0-9]{4}-000123$", example, 0, 0));
}

/* The escalation thresholds are the settings' (no number in the code). */
static void
test_escalation_thresholds (void)
{
  g_autoptr(PGconn) admin = connect_as (admin_login);
  g_autoptr(PGconn) owner = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  const char *keys[1] = { "escalation.undiagnosed_days" };
  const char *seven[1] = { "7" };
  const char *three[1] = { "3" };

  wx_test_db_exec (owner, "UPDATE service_orders SET received_at = now() - interval '4 days' WHERE id = 1");
  g_assert_true (wx_db_settings_save_values (admin, keys, seven, 1, &error));
  g_assert_cmpint (wx_test_db_count (owner, "SELECT wx_escalate_undiagnosed()"), ==, 0);
  g_assert_true (wx_db_settings_save_values (admin, keys, three, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wx_test_db_count (owner, "SELECT wx_escalate_undiagnosed()"), ==, 1);
  g_assert_cmpint (wx_test_db_count (owner, "SELECT count(*) FROM escalations WHERE order_id = 1"
                                            " AND trigger = 'no_diagnosis_week'"), ==, 1);
  /* The workflow's two counts read their settings. */
  g_assert_cmpint (wx_test_db_count (owner,
      "SELECT count(*) FROM pg_proc WHERE proname = 'wx_transition'"
      "   AND prosrc LIKE '%wx_setting(''escalation.visits''%'"
      "   AND prosrc LIKE '%wx_setting(''escalation.part_orders''%'"
      "   AND prosrc NOT LIKE '%v_count >= 2%'"), ==, 1);
}

static void
set_flag_cb (WxDbListener *listener,
             gboolean     *flag)
{
  *flag = TRUE;
}

static void
spin_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
listening_cb (GObject    *listener,
              GParamSpec *pspec,
              gboolean   *flag)
{
  *flag = wx_db_listener_get_listening (WX_DB_LISTENER (listener));
}

/* Every client hears of a change: a listener's "settings-changed". */
static void
test_change_announced (void)
{
  g_autoptr(WxDbListener) listener = wx_db_listener_new (conninfo);
  g_autoptr(PGconn) admin = connect_as (admin_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = g_date_new_dmy (1, 5, 2027);
  gboolean listening = FALSE, changed = FALSE;

  g_signal_connect (listener, "notify::listening", G_CALLBACK (listening_cb), &listening);
  g_signal_connect (listener, "settings-changed", G_CALLBACK (set_flag_cb), &changed);
  spin_until (&listening);
  g_assert_true (wx_db_calendar_add_day (admin, day, WX_CALENDAR_DAY_HOLIDAY, "劳动节", 0, 0, &error));
  g_assert_no_error (error);
  spin_until (&changed);
  changed = FALSE;
  g_assert_true (wx_db_calendar_remove_day (admin, day, WX_CALENDAR_DAY_HOLIDAY, &error));
  spin_until (&changed);
}

/* ------------------------------------------------------------ staff */

static void
test_staff_lifecycle (void)
{
  g_autoptr(PGconn) admin = connect_as (admin_login);
  g_autoptr(PGconn) owner = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autofree char *login = g_strdup_printf ("st_new_%d", (int) getpid ());
  g_autofree char *grant = g_strdup_printf ("GRANT wx_test_password TO %s", login);
  g_autofree char *who = NULL;
  g_autofree char *expected_who = NULL;
  g_autofree char *stored = NULL;
  const WxDbStaffMember *found = NULL;

  g_assert_true (wx_staff_check_new (login, "林晓", WX_ROLE_ENGINEER | WX_ROLE_COORDINATOR, "Shou-Ji-2027", &error));
  g_assert_true (wx_db_staff_add (admin, login, "林晓", WX_ROLE_ENGINEER | WX_ROLE_COORDINATOR, "Shou-Ji-2027", &error));
  g_assert_no_error (error);
  wx_test_db_exec (owner, grant);

  /* The server keeps a SCRAM verifier, not the password. */
  {
    const char *params[1] = { login };
    g_autoptr(PGresult) res = PQexecParams (owner, "SELECT rolpassword FROM pg_authid WHERE rolname = $1",
                                            1, NULL, params, NULL, NULL, 0);
    stored = g_strdup (PQgetvalue (res, 0, 0));
  }
  g_assert_true (g_str_has_prefix (stored, "SCRAM-SHA-256$"));

  /* A real login with the password, in the chosen roles. */
  g_assert_true (can_log_in (login, "Shou-Ji-2027"));
  g_assert_false (can_log_in (login, "wrong-password"));
  {
    g_autofree char *as_user = wx_db_conninfo_with (conninfo, "user", login);
    g_autofree char *ci = wx_db_conninfo_with (as_user, "password", "Shou-Ji-2027");
    g_autoptr(PGconn) conn = wx_test_db_connect (ci);

    who = wx_test_db_value (conn, "SELECT current_user || ' ' || pg_has_role('wx_engineer', 'MEMBER')"
                                  " || pg_has_role('wx_coordinator', 'MEMBER') || pg_has_role('wx_admin', 'MEMBER')");
  }
  expected_who = g_strdup_printf ("%s truetruefalse", login);
  g_assert_cmpstr (who, ==, expected_who);

  staff = wx_db_staff_load (admin, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < staff->len; i++)
    if (g_str_equal (((WxDbStaffMember *) g_ptr_array_index (staff, i))->login, login))
      found = g_ptr_array_index (staff, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->full_name, ==, "林晓");
  g_assert_cmpint (found->roles, ==, WX_ROLE_ENGINEER | WX_ROLE_COORDINATOR);
  g_assert_true (found->active);

  /* The same login again: a sentence. */
  g_assert_false (wx_db_staff_add (admin, login, "又一个", WX_ROLE_ENGINEER, "Another-2027", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "That login name is taken; choose another.");
  g_clear_error (&error);

  /* Reset: the old password fails, the new one works. */
  g_assert_true (wx_db_staff_set_password (admin, login, "Xin-Mi-Ma-99", &error));
  g_assert_no_error (error);
  g_assert_false (can_log_in (login, "Shou-Ji-2027"));
  g_assert_true (can_log_in (login, "Xin-Mi-Ma-99"));

  /* Disabled: refused, the name stays. Enabled: back in. */
  g_assert_true (wx_db_staff_set_active (admin, login, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (can_log_in (login, "Xin-Mi-Ma-99"));
  g_assert_cmpint (wx_test_db_count (owner, "SELECT count(*) FROM staff WHERE full_name = '林晓' AND NOT active"), ==, 1);
  g_assert_true (wx_db_staff_set_active (admin, login, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (can_log_in (login, "Xin-Mi-Ma-99"));

  /* Nobody disables themselves; nobody outside the staff is changed. */
  g_assert_false (wx_db_staff_set_active (admin, admin_login, FALSE, &error));
  g_assert_cmpstr (error->message, ==, "You cannot disable your own login; ask another administrator.");
  g_clear_error (&error);
  g_assert_false (wx_db_staff_set_password (admin, "postgres", "Take-Over-123", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no staff member with that login.");
  g_clear_error (&error);

  /* A clear password sent by hand is refused. */
  {
    const char *params[2] = { login, "clear-text-pw" };

    g_assert_false (wx_db_execute (admin, "SELECT wx_staff_set_password($1, $2)", 2, params, &error));
    g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (can_log_in (login, "Xin-Mi-Ma-99"));

  /* Core refuses bad new people before the server sees them. */
  g_assert_false (wx_staff_check_new ("Zhang Wei", "张伟", WX_ROLE_ENGINEER, "Long-Enough-1", &error));
  g_assert_nonnull (strstr (error->message, "cannot be a login"));
  g_clear_error (&error);
  g_assert_false (wx_staff_check_new ("zhang_wei", "张伟", WX_ROLE_NONE, "Long-Enough-1", &error));
  g_assert_nonnull (strstr (error->message, "at least one role"));
  g_clear_error (&error);
  g_assert_false (wx_staff_check_new ("zhang_wei", "张伟", WX_ROLE_ENGINEER, "short", &error));
  g_assert_nonnull (strstr (error->message, "8 to 128 characters"));
  g_clear_error (&error);
}

/* A supervisor may do none of it: DENIED, nothing changed. */
static void
test_non_admin_refused (void)
{
  g_autoptr(PGconn) chief = connect_as (chief_login);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbSettings) loaded = wx_db_settings_load (chief, &error);   /* reading is fine */
  const char *keys[1] = { "company.name" };
  const char *values[1] = { "主管改的名字" };
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_false (wx_db_settings_save_values (chief, keys, values, 1, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (wx_db_settings_save_hours (chief, loaded->week, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (wx_db_settings_save_thresholds (chief, loaded->thresholds, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (wx_db_staff_add (chief, "st_sneaky", "偷偷", WX_ROLE_ADMIN, "Sneaky-Pass-1", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (wx_db_staff_set_password (chief, admin_login, "Sneaky-Pass-1", &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (wx_db_staff_set_active (chief, admin_login, FALSE, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  g_clear_error (&error);
  name = setting (chief, "company.name");
  g_assert_cmpstr (name, !=, "主管改的名字");
  g_assert_cmpint (wx_test_db_count (chief, "SELECT count(*) FROM pg_roles WHERE rolname = 'st_sneaky'"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("settings", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  admin_login = g_strdup_printf ("st_admin_%d", (int) getpid ());
  chief_login = g_strdup_printf ("st_chief_%d", (int) getpid ());
  /* Two test programs may create the group at once. */
  wx_test_db_exec (conn, "DO $$ BEGIN CREATE ROLE wx_test_password;"
                         " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
  g_assert_true (wx_db_staff_add (conn, admin_login, "周管理", WX_ROLE_ADMIN, NULL, &error));
  g_assert_true (wx_db_staff_add (conn, chief_login, "吴主管", WX_ROLE_SUPERVISOR, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/db/settings/values-saved", test_values_saved);
  g_test_add_func ("/db/settings/hours-and-clocks-saved", test_hours_and_clocks_saved);
  g_test_add_func ("/db/settings/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/db/settings/holiday-moves-due-time", test_holiday_moves_due_time);
  g_test_add_func ("/db/settings/prefix-changes-next-number", test_prefix_changes_next_number);
  g_test_add_func ("/db/settings/escalation-thresholds", test_escalation_thresholds);
  g_test_add_func ("/db/settings/change-announced", test_change_announced);
  g_test_add_func ("/db/settings/staff-lifecycle", test_staff_lifecycle);
  g_test_add_func ("/db/settings/non-admin-refused", test_non_admin_refused);
  return g_test_run ();
}

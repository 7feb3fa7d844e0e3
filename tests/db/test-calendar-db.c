/* The business calendar in a real database: loading it (defaults, after
 * changes, a time zone GLib does not know), the writes, and `weixiu-admin
 * calendar …` end to end — exit codes, bad input that changes nothing, and a
 * coordinator who may read but not change it. */
#include <unistd.h>

#include "db/wx-db.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-staff.h"
#include "wx-test-admin.h"
#include "wx-test-db.h"

static char *conninfo;

/* Everything the calendar commands may change, as one text. */
static char *
snapshot (PGconn *conn)
{
  return wx_test_db_value (conn,
      "SELECT coalesce((SELECT string_agg(format('%s %s-%s', weekday, opens, closes), ', ' ORDER BY weekday)"
      "                   FROM business_hours), '') || ' | ' ||"
      "       coalesce((SELECT string_agg(format('%s %s %s %s-%s', day, kind, name, opens, closes), ', ' ORDER BY day)"
      "                   FROM calendar_days), '') || ' | ' ||"
      "       (SELECT value FROM settings WHERE key = 'timezone')");
}

static GDateTime *
instant (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static void
assert_add (WxCalendar *calendar, const char *start, gint64 minutes, const char *expected)
{
  g_autoptr(GDateTime) at = instant (start);
  g_autoptr(GDateTime) end = wx_calendar_add_minutes (calendar, at, minutes);
  g_autofree char *got = end ? g_date_time_format (end, "%Y-%m-%d %H:%M%:z") : NULL;

  g_assert_cmpstr (got, ==, expected);
}

static void
test_load_default (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxCalendar) calendar = wx_db_calendar_load (conn, &error);
  g_autoptr(GDate) national_day = g_date_new_dmy (1, 10, 2026);

  g_assert_no_error (error);
  g_assert_cmpstr (g_time_zone_get_identifier (wx_calendar_get_zone (calendar)), ==, "Asia/Shanghai");
  for (guint w = 1; w <= 7; w++)
    {
      guint opens = 0, closes = 0;

      g_assert_cmpint (wx_calendar_get_hours (calendar, w, &opens, &closes), ==, w <= 6);
      if (w <= 6)
        {
          g_assert_cmpuint (opens, ==, 540);
          g_assert_cmpuint (closes, ==, 1080);
        }
    }
  g_assert_true (wx_calendar_day_hours (calendar, national_day, NULL, NULL));   /* no holidays shipped */
  assert_add (calendar, "2026-03-07T17:30:00+08:00", 60, "2026-03-09 09:30+08:00");
}

static void
test_writes (void)
{
  g_autofree char *ci = wx_test_db_create ("calendar_writes", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) holiday = g_date_new_dmy (1, 10, 2026);
  g_autoptr(GDate) sunday = g_date_new_dmy (27, 9, 2026);
  g_autoptr(GDate) late_sunday = g_date_new_dmy (11, 10, 2026);
  g_autoptr(GDate) from = g_date_new_dmy (1, 9, 2026);
  g_autoptr(GDate) to = g_date_new_dmy (31, 10, 2026);
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(WxCalendar) calendar = NULL;
  g_autofree char *state = NULL;
  WxDbCalendarDay *day;
  guint opens = 0, closes = 0;

  g_assert_true (wx_db_calendar_set_hours (conn, 6, 540, 1020, &error));
  g_assert_true (wx_db_calendar_set_hours (conn, 7, 600, 840, &error));
  g_assert_true (wx_db_calendar_set_closed (conn, 7, &error));
  g_assert_true (wx_db_calendar_set_closed (conn, 7, &error));   /* closed twice is still closed */
  g_assert_true (wx_db_calendar_add_day (conn, holiday, WX_CALENDAR_DAY_HOLIDAY, "国庆节", 0, 0, &error));
  g_assert_true (wx_db_calendar_add_day (conn, sunday, WX_CALENDAR_DAY_WORKDAY, NULL, 0, 0, &error));
  g_assert_true (wx_db_calendar_add_day (conn, late_sunday, WX_CALENDAR_DAY_HOLIDAY, NULL, 0, 0, &error));
  /* the same date again: it becomes a make-up day with hours of its own */
  g_assert_true (wx_db_calendar_add_day (conn, late_sunday, WX_CALENDAR_DAY_WORKDAY, "国庆调休", 600, 960, &error));
  g_assert_no_error (error);
  state = snapshot (conn);
  g_assert_cmpstr (state, ==,
                   "1 09:00:00-18:00:00, 2 09:00:00-18:00:00, 3 09:00:00-18:00:00, 4 09:00:00-18:00:00, "
                   "5 09:00:00-18:00:00, 6 09:00:00-17:00:00 | "
                   "2026-09-27 workday  -, 2026-10-01 holiday 国庆节 -, 2026-10-11 workday 国庆调休 10:00:00-16:00:00 | "
                   "Asia/Shanghai");

  days = wx_db_calendar_list_days (conn, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 3);
  day = g_ptr_array_index (days, 0);
  g_assert_cmpint (g_date_compare (&day->date, sunday), ==, 0);
  g_assert_cmpint (day->kind, ==, WX_CALENDAR_DAY_WORKDAY);
  g_assert_cmpstr (day->name, ==, "");
  g_assert_cmpuint (day->closes, ==, 0);
  day = g_ptr_array_index (days, 1);
  g_assert_cmpint (day->kind, ==, WX_CALENDAR_DAY_HOLIDAY);
  g_assert_cmpstr (day->name, ==, "国庆节");
  day = g_ptr_array_index (days, 2);
  g_assert_cmpuint (day->opens, ==, 600);
  g_assert_cmpuint (day->closes, ==, 960);
  g_clear_pointer (&days, g_ptr_array_unref);
  days = wx_db_calendar_list_days (conn, holiday, holiday, &error);
  g_assert_cmpuint (days->len, ==, 1);

  calendar = wx_db_calendar_load (conn, &error);
  g_assert_no_error (error);
  g_assert_false (wx_calendar_day_hours (calendar, holiday, NULL, NULL));
  g_assert_true (wx_calendar_day_hours (calendar, late_sunday, &opens, &closes));
  g_assert_cmpuint (opens, ==, 600);
  g_assert_true (wx_calendar_get_hours (calendar, 6, NULL, &closes));
  g_assert_cmpuint (closes, ==, 1020);
  assert_add (calendar, "2026-09-30T16:30:00+08:00", 120, "2026-10-02 09:30+08:00");   /* only 1 October here */
  assert_add (calendar, "2026-09-26T16:30:00+08:00", 60, "2026-09-27 09:30+08:00");

  g_assert_true (wx_db_calendar_remove_day (conn, holiday, WX_CALENDAR_DAY_HOLIDAY, &error));
  g_assert_false (wx_db_calendar_remove_day (conn, holiday, WX_CALENDAR_DAY_HOLIDAY, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2026-10-01 is not a holiday"));
  g_clear_error (&error);
  g_assert_false (wx_db_calendar_remove_day (conn, sunday, WX_CALENDAR_DAY_HOLIDAY, &error));   /* a make-up day */
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_NOT_FOUND);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM calendar_days"), ==, 2);
}

/* The database accepts the zones PostgreSQL knows; one GLib does not know
 * (or a value written past the check) gives a sentence, not a calendar. */
static void
test_unknown_zone (void)
{
  g_autofree char *ci = wx_test_db_create ("calendar_zone", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autoptr(GError) error = NULL;
  g_autoptr(WxCalendar) calendar = NULL;

  wx_test_db_exec (conn, "ALTER TABLE settings DISABLE TRIGGER USER");
  wx_test_db_exec (conn, "UPDATE settings SET value = 'Mars/Olympus_Mons' WHERE key = 'timezone'");
  calendar = wx_db_calendar_load (conn, &error);
  g_assert_null (calendar);
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Mars/Olympus_Mons”"));
  g_assert_nonnull (strstr (error->message, "Asia/Shanghai"));
  g_clear_error (&error);

  wx_test_db_exec (conn, "UPDATE settings SET value = 'Asia/Tokyo' WHERE key = 'timezone'");
  calendar = wx_db_calendar_load (conn, &error);
  g_assert_no_error (error);
  assert_add (calendar, "2026-03-02T00:00:00Z", 0, "2026-03-02 09:00+09:00");
}

/* "2026-10-01" for today (in Shanghai) plus `days`. */
static char *
day_from_today (int days)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* `weixiu-admin calendar ARGS…` in turn: "@+10" stands for the date ten days
 * from today; `says` is in the output (exit 0) or the one-line error. */
static const struct {
  int         status;
  const char *says;
  const char *args[7];
} cli_steps[] = {
  { 0, "  none\n",                  { "show" } },
  { 0, "Sat: 09:00–17:00.\n",       { "hours", "sat", "09:00-17:00" } },
  { 0, "Sun: 10:00–14:00.\n",       { "hours", "7", "10:00–14:00" } },
  { 0, "Sun: closed.\n",            { "hours", "Sunday", "closed" } },
  { 0, "is a holiday",              { "holiday", "add", "@+10", "--name", "国庆节" } },
  { 0, "make-up working day, 10:00–16:00", { "workday", "add", "@+20", "--name", "国庆调休", "--hours", "10:00-16:00" } },
  { 0, "make-up working day, the usual hours", { "workday", "add", "@+21" } },
  { 0, "is a holiday",              { "holiday", "add", "@+400" } },
  { 0, "is a holiday",              { "holiday", "add", "@-10", "--name", "过去" } },
  { 0, "no longer a holiday",       { "holiday", "remove", "@+10" } },
  { 1, "is not a holiday",          { "holiday", "remove", "@+10" } },
  { 1, "is not a holiday",          { "holiday", "remove", "@+20" } },   /* a make-up day */
  { 0, "no longer a make-up working day", { "workday", "remove", "@+21" } },
};

static void
test_cli (void)
{
  g_autofree char *ci = wx_test_db_create ("calendar_cli", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autofree char *soon = day_from_today (10);
  g_autofree char *later = day_from_today (20);
  g_autofree char *after = day_from_today (21);
  g_autofree char *far = day_from_today (400);

  for (guint i = 0; i < G_N_ELEMENTS (cli_steps); i++)
    {
      g_auto(WxTestRun) r = { 0 };
      g_auto(GStrv) args = g_new0 (char *, G_N_ELEMENTS (cli_steps[i].args) + 1);

      for (guint a = 0; a < G_N_ELEMENTS (cli_steps[i].args) && cli_steps[i].args[a]; a++)
        args[a] = cli_steps[i].args[a][0] == '@' ? day_from_today (atoi (cli_steps[i].args[a] + 1))
                                                 : g_strdup (cli_steps[i].args[a]);
      wx_test_admin (&r, NULL, NULL, "--db", ci, "calendar",
                     args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
      if (r.status != cli_steps[i].status ||
          !strstr (r.status == 0 ? r.out : r.err, cli_steps[i].says) ||
          (r.status != 0 && wx_test_count_lines (r.err) != 1))
        g_error ("step %u (calendar %s %s %s): exit %d, said: %s%s", i, args[0], args[1], args[2],
                 r.status, r.out, r.err);
    }
  {
    g_auto(WxTestRun) r = { 0 };
    g_autofree char *holiday_line = g_strdup_printf ("  %s  ", soon);
    g_autofree char *workday_line = g_strdup_printf ("  %s  ", later);

    wx_test_admin (&r, NULL, NULL, "--db", ci, "calendar", "show", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_test_message ("%s", r.out);
    g_assert_nonnull (strstr (r.out, "Time zone: Asia/Shanghai\n"));
    g_assert_nonnull (strstr (r.out, "  Mon  09:00–18:00\n"));
    g_assert_nonnull (strstr (r.out, "  Sat  09:00–17:00\n"));
    g_assert_nonnull (strstr (r.out, "  Sun  closed\n"));
    g_assert_null (strstr (r.out, holiday_line));      /* removed */
    g_assert_nonnull (strstr (strstr (r.out, workday_line), "working day 10:00–16:00   国庆调休\n"));
    g_assert_null (strstr (r.out, after));             /* removed */
    g_assert_nonnull (strstr (r.out, "holiday                   过去\n"));   /* the last 30 days are shown */
    g_assert_null (strstr (r.out, far));               /* a year and more ahead is not */
    g_assert_null (strstr (r.out, "  none\n"));
  }
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM calendar_days"), ==, 3);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM calendar_days WHERE kind = 'workday'"
                                           " AND name = '国庆调休' AND opens = '10:00' AND closes = '16:00'"), ==, 1);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM business_hours WHERE weekday IN (6, 7)"
                                           " AND closes = '17:00'"), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WxCalendar) calendar = wx_db_calendar_load (conn, &error);

    g_assert_no_error (error);
    assert_add (calendar, "2026-03-07T16:30:00+08:00", 60, "2026-03-09 09:30+08:00");   /* Saturday closes at 17:00 */
  }
}

/* Bad input: exit 2, the sentence and the hint, and nothing changed. */
static void
test_cli_bad_input (void)
{
  static const char *cases[][6] = {
    { "hours", "funday", "09:00-18:00" },
    { "hours", "mon", "18:00-09:00" },
    { "hours", "mon", "9-18" },
    { "hours", "mon" },
    { "hours", "mon", "closed", "--name", "x" },
    { "holiday", "add", "2026-02-30" },
    { "holiday", "add", "2026/10/01" },
    { "holiday", "add", "2026-10-01", "--hours", "09:00-12:00" },
    { "holiday", "remove", "2026-10-01", "--name", "国庆节" },
    { "holiday", "delete", "2026-10-01" },
    { "workday", "add", "2026-09-27", "--hours", "18:00-09:00" },
    { "workday", "add" },
    { "show", "everything" },
    { "frobnicate" },
    { NULL },   /* "calendar" alone */
  };
  g_autofree char *ci = wx_test_db_create ("calendar_bad", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autofree char *before = snapshot (conn);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WxTestRun) r = { 0 };
      g_autofree char *after = NULL;

      wx_test_admin (&r, NULL, NULL, "--db", ci, "calendar",
                     cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], cases[i][5], NULL);
      if (r.status != 2 || wx_test_count_lines (r.err) != 2)
        g_error ("calendar %s %s %s: exit %d, said: %s", cases[i][0], cases[i][1], cases[i][2], r.status, r.err);
      g_assert_true (g_str_has_prefix (r.err, "weixiu-admin: "));
      g_assert_cmpstr (r.out, ==, "");
      after = snapshot (conn);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A coordinator may read the calendar but not change it. */
static void
test_cli_denied (void)
{
  g_autofree char *ci = wx_test_db_create ("calendar_denied", TRUE);
  g_autoptr(PGconn) conn = wx_test_db_connect (ci);
  g_autofree char *user = g_strdup_printf ("cal_coordinator_%d", (int) getpid ());
  g_autofree char *as_user = wx_db_conninfo_with (ci, "user", user);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  static const char *writes[][5] = {
    { "hours", "mon", "08:00-17:00" },
    { "hours", "sat", "closed" },
    { "holiday", "add", "2026-10-01", "--name", "国庆节" },
    { "workday", "add", "2026-09-27" },
  };

  g_assert_true (wx_db_staff_add (conn, user, "陈协调", WX_ROLE_COORDINATOR, NULL, &error));
  g_assert_no_error (error);
  wx_test_db_exec (conn, "INSERT INTO calendar_days (day, kind) VALUES ('2026-05-01', 'holiday')");
  before = snapshot (conn);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_auto(WxTestRun) r = { 0 };

      wx_test_admin (&r, NULL, NULL, "--db", as_user, "calendar",
                     writes[i][0], writes[i][1], writes[i][2], writes[i][3], writes[i][4], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpuint (wx_test_count_lines (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, "not allowed"));
      g_free (after);
      after = snapshot (conn);
      g_assert_cmpstr (after, ==, before);
    }
  {
    g_auto(WxTestRun) r = { 0 };
    wx_test_admin (&r, NULL, NULL, "--db", as_user, "calendar", "holiday", "remove", "2026-05-01", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not allowed"));
  }
  {
    g_auto(WxTestRun) r = { 0 };
    wx_test_admin (&r, NULL, NULL, "--db", as_user, "calendar", "show", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Time zone: Asia/Shanghai"));
  }
  /* The same through the API under SET ROLE. */
  wx_test_db_exec (conn, "SET ROLE wx_coordinator");
  g_assert_false (wx_db_calendar_set_hours (conn, 1, 480, 1020, &error));
  g_assert_error (error, WX_DB_ERROR, WX_DB_ERROR_DENIED);
  wx_test_db_exec (conn, "RESET ROLE");
  g_free (after);
  after = snapshot (conn);
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("calendar", TRUE);
  g_test_add_func ("/db-calendar/load-default", test_load_default);
  g_test_add_func ("/db-calendar/writes", test_writes);
  g_test_add_func ("/db-calendar/unknown-zone", test_unknown_zone);
  g_test_add_func ("/db-calendar/cli", test_cli);
  g_test_add_func ("/db-calendar/cli-bad-input", test_cli_bad_input);
  g_test_add_func ("/db-calendar/cli-denied", test_cli_denied);
  return g_test_run ();
}

/* The administrator's settings and staff pages against a real demo
 * database, as an administrator's own login, driven through their actions:
 * bad input gets its sentence under the field and writes nothing; good
 * input is in the database; a new person logs in with the password given
 * on the page, a reset password replaces the old one, a disabled login is
 * refused until enabled again. Screenshots settings-page*.png and
 * staff-page*.png. */
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-settings-page.h"
#include "gui/supervisor/wx-staff-page.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

#define ADMIN "hu_jun"
#define PASSWORD "Shou-Ji-2027"

static char *conninfo;
static WxDbWorker *worker;
static PGconn *conn;       /* the owner's, to check */
static gboolean chinese;

typedef struct {
  gboolean  done;
  char     *what;
  GError   *error;
} Saved;

static void
saved_cb (GtkWidget *page, const char *what, const GError *error, Saved *s)
{
  s->done = TRUE;
  g_free (s->what);
  s->what = g_strdup (what);
  g_clear_error (&s->error);
  s->error = error ? g_error_copy (error) : NULL;
}

static gboolean
saved_done (gpointer data)
{
  return ((Saved *) data)->done;
}

/* Runs `action` on `page` and waits for its "saved". */
static void
run (GtkWidget *page, Saved *s, const char *action, GVariant *target)
{
  s->done = FALSE;
  g_assert_true (gtk_widget_activate_action_variant (page, action, target));
  wx_test_spin_until (saved_done, s, action);
}

static char *
value (const char *sql)
{
  return wx_test_db_value (conn, sql);
}

static void
reload_and_wait (GtkWidget *page, void (*reload) (gpointer))
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);

  reload (page);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the page loads");
  g_signal_handler_disconnect (page, id);
}

/* ------------------------------------------------------------ settings */

static void
test_settings_page (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  WxSettingsPage *page = WX_SETTINGS_PAGE (wx_settings_page_new ());
  Saved s = { 0 };
  gboolean loaded = FALSE;
  g_autofree char *hours = NULL;
  g_autofree char *sunday = NULL;
  g_autofree char *name = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stored = NULL;

  gtk_window_set_default_size (window, 1280, 1480);
  gtk_window_set_title (window, _("Settings"));
  gtk_window_set_child (window, GTK_WIDGET (page));
  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  wx_settings_page_set_worker (page, worker);
  gtk_window_present (window);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the settings");

  /* What the database holds. */
  hours = wx_settings_page_get_field (page, "hours.1");
  sunday = wx_settings_page_get_field (page, "hours.7");
  name = wx_settings_page_get_field (page, "company.name");
  g_assert_cmpstr (hours, ==, "09:00-18:00");
  g_assert_cmpstr (sunday, ==, "");
  g_assert_cmpstr (name, ==, "惠维科技维修中心");

  /* Bad input: the sentence under each bad field, nothing written. */
  wx_settings_page_set_field (page, "order_number.prefix", "维修");
  run (GTK_WIDGET (page), &s, "settings.save-numbers", NULL);
  g_assert_no_error (s.error);
  g_assert_cmpstr (s.what, ==, "section.numbers");
  g_assert_cmpstr (wx_settings_page_get_message (page, "order_number.prefix"), ==,
                   _("The order number prefix may only contain letters, digits and dashes."));
  g_assert_cmpstr (wx_settings_page_get_message (page, "section.numbers"), ==,
                   _("Nothing was saved: correct the fields marked in red."));
  wx_settings_page_set_field (page, "clock.dispatch.target", "200");
  wx_settings_page_set_field (page, "hours.2", "18:00-09:00");
  run (GTK_WIDGET (page), &s, "settings.save-clocks", NULL);
  g_assert_nonnull (strstr (wx_settings_page_get_message (page, "clock.dispatch.target"), "200"));
  run (GTK_WIDGET (page), &s, "settings.save-hours", NULL);
  g_assert_cmpstr (wx_settings_page_get_message (page, "hours.2"), !=, "");
  g_assert_cmpstr (wx_settings_page_get_message (page, "hours.1"), ==, "");
  prefix = value ("SELECT value FROM settings WHERE key = 'order_number.prefix'");
  g_assert_cmpstr (prefix, ==, "");
  g_assert_cmpint (wx_test_db_count (conn, "SELECT target_minutes FROM sla_thresholds WHERE clock = 'dispatch'"), ==, 60);
  wx_test_screenshot (GTK_WIDGET (window), "settings-page-refused");

  /* Good input, one section at a time. */
  wx_settings_page_set_field (page, "order_number.prefix", "GZ");
  run (GTK_WIDGET (page), &s, "settings.save-numbers", NULL);
  g_assert_no_error (s.error);
  stored = value ("SELECT value FROM settings WHERE key = 'order_number.prefix'");
  g_assert_cmpstr (stored, ==, "GZ");
  g_clear_pointer (&stored, g_free);

  wx_settings_page_set_field (page, "clock.dispatch.target", "45");
  run (GTK_WIDGET (page), &s, "settings.save-clocks", NULL);
  g_assert_no_error (s.error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT target_minutes FROM sla_thresholds WHERE clock = 'dispatch'"), ==, 45);

  wx_settings_page_set_field (page, "hours.2", "08:30-17:30");
  wx_settings_page_set_field (page, "hours.7", "10:00-16:00");
  run (GTK_WIDGET (page), &s, "settings.save-hours", NULL);
  g_assert_no_error (s.error);
  stored = value ("SELECT string_agg(format('%s %s-%s', weekday, opens, closes), ', ' ORDER BY weekday)"
                  "  FROM business_hours WHERE weekday IN (2, 7)");
  g_assert_cmpstr (stored, ==, "2 08:30:00-17:30:00, 7 10:00:00-16:00:00");
  g_clear_pointer (&stored, g_free);

  wx_settings_page_set_field (page, "return_repair.days", "60");
  wx_settings_page_set_field (page, "escalation.visits", "3");
  run (GTK_WIDGET (page), &s, "settings.save-escalation", NULL);
  g_assert_no_error (s.error);
  stored = value ("SELECT string_agg(value, ',' ORDER BY key) FROM settings"
                  " WHERE key IN ('return_repair.days', 'escalation.visits')");
  g_assert_cmpstr (stored, ==, "3,60");
  g_clear_pointer (&stored, g_free);

  wx_settings_page_set_field (page, "company.name", "广州惠维科技维修中心");
  wx_settings_page_set_field (page, "notice.important", "1. 送修前请备份数据。\n2. 请凭本单取机。");
  run (GTK_WIDGET (page), &s, "settings.save-company", NULL);
  g_assert_no_error (s.error);
  stored = value ("SELECT value FROM settings WHERE key = 'company.name'");
  g_assert_cmpstr (stored, ==, "广州惠维科技维修中心");
  g_clear_pointer (&stored, g_free);

  wx_settings_page_set_field (page, "day.date", "2026-10-01");
  wx_settings_page_set_field (page, "day.name", "国庆节");
  run (GTK_WIDGET (page), &s, "settings.add-day", NULL);
  g_assert_no_error (s.error);
  wx_settings_page_set_field (page, "day.date", "2026-10-10");
  wx_settings_page_set_field (page, "day.kind", "workday");
  wx_settings_page_set_field (page, "day.name", "国庆调休");
  run (GTK_WIDGET (page), &s, "settings.add-day", NULL);
  g_assert_no_error (s.error);
  wx_settings_page_set_field (page, "day.date", "2026-13-01");
  run (GTK_WIDGET (page), &s, "settings.add-day", NULL);
  g_assert_cmpstr (wx_settings_page_get_message (page, "day.date"), !=, "");
  stored = value ("SELECT string_agg(format('%s %s %s', day, kind, name), ', ' ORDER BY day) FROM calendar_days");
  g_assert_cmpstr (stored, ==, "2026-10-01 holiday 国庆节, 2026-10-10 workday 国庆调休");
  g_clear_pointer (&stored, g_free);
  reload_and_wait (GTK_WIDGET (page), (void (*) (gpointer)) wx_settings_page_reload);
  run (GTK_WIDGET (page), &s, "settings.remove-day", g_variant_new_string ("2026-10-10"));
  g_assert_no_error (s.error);
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM calendar_days"), ==, 1);

  reload_and_wait (GTK_WIDGET (page), (void (*) (gpointer)) wx_settings_page_reload);
  g_clear_pointer (&hours, g_free);
  hours = wx_settings_page_get_field (page, "hours.7");
  g_assert_cmpstr (hours, ==, "10:00-16:00");
  wx_test_screenshot (GTK_WIDGET (window), "settings-page");

  g_free (s.what);
  g_clear_error (&s.error);
  gtk_window_destroy (window);
}

/* ------------------------------------------------------------ staff */

static gboolean
can_log_in (const char *user, const char *password)
{
  g_autofree char *as_user = wx_db_conninfo_with (conninfo, "user", user);
  g_autofree char *ci = wx_db_conninfo_with (as_user, "password", password);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) c = wx_db_connect (ci, &error);

  return c != NULL;
}

static void
test_staff_page (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  WxStaffPage *page = WX_STAFF_PAGE (wx_staff_page_new ());
  Saved s = { 0 };
  gboolean loaded = FALSE;
  const char *login = chinese ? "lin_xiao_zh" : "lin_xiao";
  g_autofree char *grant = g_strdup_printf ("GRANT wx_test_password TO %s", login);
  g_autofree char *count_sql = NULL;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_title (window, _("Staff"));
  gtk_window_set_child (window, GTK_WIDGET (page));
  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &s);
  wx_staff_page_set_worker (page, worker);
  gtk_window_present (window);
  wx_test_spin_until (wx_test_flag_set, &loaded, "the staff");
  g_assert_cmpint (wx_staff_page_get_staff (page)->len, ==, wx_test_db_count (conn, "SELECT count(*) FROM staff"));

  /* A bad login: the sentence, nobody created. */
  wx_staff_page_set_field (page, "login", "Lin Xiao");
  wx_staff_page_set_field (page, "full_name", "林晓");
  wx_staff_page_set_roles (page, WX_ROLE_ENGINEER | WX_ROLE_COORDINATOR);
  wx_staff_page_set_field (page, "password", PASSWORD);
  run (GTK_WIDGET (page), &s, "staff.add", NULL);
  g_assert_nonnull (strstr (wx_staff_page_get_message (page, "add"), "Lin Xiao"));
  g_assert_cmpint (wx_test_db_count (conn, "SELECT count(*) FROM pg_roles WHERE rolname = 'Lin Xiao'"), ==, 0);

  /* The person, who logs in with that password in those roles. */
  wx_staff_page_set_field (page, "login", login);
  run (GTK_WIDGET (page), &s, "staff.add", NULL);
  g_assert_no_error (s.error);
  wx_test_db_exec (conn, grant);
  g_assert_true (can_log_in (login, PASSWORD));
  g_assert_false (can_log_in (login, "Wrong-Password-1"));
  count_sql = g_strdup_printf ("SELECT count(*) FROM staff_roles WHERE role_name = '%s' AND full_name = '林晓'"
                               " AND groups = '{wx_coordinator,wx_engineer}' AND active", login);
  g_assert_cmpint (wx_test_db_count (conn, count_sql), ==, 1);

  /* A new password: the old one fails, the new one works. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff.edit-password", "s", login));
  wx_staff_page_set_field (page, "new_password", "short");
  run (GTK_WIDGET (page), &s, "staff.reset-password", NULL);
  g_assert_cmpstr (wx_staff_page_get_message (page, "password"), ==, _("A password must have 8 to 128 characters."));
  wx_test_screenshot (GTK_WIDGET (window), "staff-page-password");
  wx_staff_page_set_field (page, "new_password", "Xin-Mi-Ma-99");
  run (GTK_WIDGET (page), &s, "staff.reset-password", NULL);
  g_assert_no_error (s.error);
  g_assert_false (can_log_in (login, PASSWORD));
  g_assert_true (can_log_in (login, "Xin-Mi-Ma-99"));

  /* Disabled: refused, and the list says so; enabled: back. */
  run (GTK_WIDGET (page), &s, "staff.disable", g_variant_new_string (login));
  g_assert_no_error (s.error);
  g_assert_false (can_log_in (login, "Xin-Mi-Ma-99"));
  reload_and_wait (GTK_WIDGET (page), (void (*) (gpointer)) wx_staff_page_reload);
  wx_test_screenshot (GTK_WIDGET (window), "staff-page");
  run (GTK_WIDGET (page), &s, "staff.enable", g_variant_new_string (login));
  g_assert_no_error (s.error);
  g_assert_true (can_log_in (login, "Xin-Mi-Ma-99"));

  /* Other roles: the Roles… bar shows theirs, saves the new ones together;
   * none is refused; the administrator keeps their own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff.edit-roles", "s", login));
  wx_test_screenshot (GTK_WIDGET (window), "staff-page-roles");
  wx_staff_page_set_edit_roles (page, WX_ROLE_NONE);
  run (GTK_WIDGET (page), &s, "staff.save-roles", NULL);
  g_assert_cmpstr (wx_staff_page_get_message (page, "list"), ==,
                   _("Choose at least one role: coordinator, engineer, supervisor or administrator."));
  wx_staff_page_set_edit_roles (page, WX_ROLE_SUPERVISOR | WX_ROLE_ENGINEER);
  run (GTK_WIDGET (page), &s, "staff.save-roles", NULL);
  g_assert_no_error (s.error);
  g_free (count_sql);
  count_sql = g_strdup_printf ("SELECT count(*) FROM staff_roles WHERE role_name = '%s'"
                               " AND groups = '{wx_engineer,wx_supervisor}'", login);
  g_assert_cmpint (wx_test_db_count (conn, count_sql), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff.edit-roles", "s", ADMIN));
  wx_staff_page_set_edit_roles (page, WX_ROLE_SUPERVISOR);
  run (GTK_WIDGET (page), &s, "staff.save-roles", NULL);
  g_assert_error (s.error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_cmpstr (wx_staff_page_get_message (page, "list"), ==,
                   _("You cannot take your own administrator role away; ask another administrator."));
  g_clear_error (&s.error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff.cancel-roles", NULL));

  /* Not yourself. */
  run (GTK_WIDGET (page), &s, "staff.disable", g_variant_new_string (ADMIN));
  g_assert_error (s.error, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_cmpstr (wx_staff_page_get_message (page, "list"), ==,
                   _("You cannot disable your own login; ask another administrator."));

  g_free (s.what);
  g_clear_error (&s.error);
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *admin_conninfo = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  chinese = wx_test_ui_chinese ();
  conninfo = wx_test_db_create (chinese ? "settings_ui_zh" : "settings_ui", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  g_assert_true (wx_db_demo_load (conn, 30, now, &error));
  g_assert_no_error (error);
  /* The administrator 胡军 (roles are the cluster's: another test program
   * may create them at the same moment), and the group that must give a
   * password on the test server. */
  wx_test_db_exec (conn, "DO $$ BEGIN CREATE ROLE wx_test_password;"
                         " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
                         "DO $$ BEGIN PERFORM wx_staff_ensure('" ADMIN "', '胡军', ARRAY['wx_admin']);"
                         " EXCEPTION WHEN duplicate_object OR unique_violation THEN"
                         "   PERFORM wx_staff_ensure('" ADMIN "', '胡军', ARRAY['wx_admin']); END $$");
  admin_conninfo = wx_db_conninfo_with (conninfo, "user", ADMIN);
  worker = wx_db_worker_new (admin_conninfo);

  g_test_add_func ("/ui/settings/settings-page", test_settings_page);
  g_test_add_func ("/ui/settings/staff-page", test_staff_page);
  return g_test_run ();
}

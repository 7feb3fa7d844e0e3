/* The reports that `weixiu-admin jobs run` archived with no window open,
 * in the supervisor's window: the archive page lists the week and the
 * month as PDF and as xlsx, and a real click (xdotool) on the week's PDF
 * shows its three pages beside the list; a click on a workbook shows no
 * pages but says it opens in the spreadsheet program. PNG at 1024 px. */
#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-archive-page.h"
#include "gui/wx-supervisor-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

/* As test-jobs: Monday 2026-11-23 00:10 in Shanghai, the week 2026-W47
 * and October complete. */
#define RUN_AT "2026-11-23T00:10:00+08:00"

static WxApplication *app;
static char *conninfo;

static void
run_jobs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wx-archive-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                               g_getenv ("WX_ADMIN"), "--db", conninfo, "jobs", "run", "--once",
                                               "--at", RUN_AT, "--backup-dir", dir, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (p))
    g_printerr ("jobs run said: %s%s\n", out, err);
  g_assert_true (g_subprocess_get_successful (p));
}

static gboolean
page_loaded (gpointer page)
{
  GPtrArray *items = wx_archive_page_get_reports (page);
  return items != NULL && items->len == 4 && !wx_page_get_loading (WX_PAGE (page));
}

static gboolean
pages_shown (gpointer page)
{
  return wx_archive_page_get_n_pages (page) >= 3;
}

static gboolean
selected (gpointer page)
{
  const WxArchivedReport *r = wx_list_page_get_selected_item (WX_LIST_PAGE (page));
  return r && g_str_equal (r->format, "xlsx");
}

/* The row of the archived report `kind`/`format`. */
static GtkWidget *
row_of (WxArchivePage *page, const char *kind, const char *format)
{
  GPtrArray *items = wx_archive_page_get_reports (page);

  for (guint i = 0; i < items->len; i++)
    {
      const WxArchivedReport *r = g_ptr_array_index (items, i);
      if (g_str_equal (r->kind, kind) && g_str_equal (r->format, format))
        return GTK_WIDGET (gtk_list_box_get_row_at_index (wx_list_page_get_list (WX_LIST_PAGE (page)), (int) i));
    }
  g_assert_not_reached ();
}

static void
test_open_archived (void)
{
  g_autofree char *supervisor = wx_db_conninfo_with (conninfo, "user", "zhou_min");
  WxSupervisorWindow *window = wx_supervisor_window_new (app, supervisor);
  WxArchivePage *page = WX_ARCHIVE_PAGE (wx_supervisor_window_get_page_widget (window, "archive"));
  gboolean loaded = FALSE;
  const WxArchivedReport *r;

  g_signal_connect (window, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  gtk_window_present (GTK_WINDOW (window));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
  wx_test_xdo_resize (GTK_WINDOW (window), 1024, 720);
  wx_test_xdo_focus (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "archive");
  wx_test_spin_until (page_loaded, page, "the archive");

  wx_test_xdo_click (row_of (page, "weekly", "pdf"), 1, -1, -1);
  wx_test_spin_until (pages_shown, page, "the weekly report's pages");
  r = wx_list_page_get_selected_item (WX_LIST_PAGE (page));
  g_assert_cmpstr (r->kind, ==, "weekly");
  g_assert_cmpstr (r->period, ==, "2026-W47");
  g_assert_cmpuint (wx_archive_page_get_n_pages (page), ==, 3);
  g_assert_cmpstr (wx_archive_page_get_message (page), ==, "");
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-archive");

  wx_test_xdo_click (row_of (page, "monthly", "xlsx"), 1, -1, -1);
  wx_test_spin_until (selected, page, "the workbook chosen");
  g_assert_cmpuint (wx_archive_page_get_n_pages (page), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();
  g_application_hold (G_APPLICATION (app));
  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "archive_zh" : "archive", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 60, now, &error);
  g_assert_no_error (error);
  /* With no window open. */
  run_jobs ();
  g_test_add_func ("/ui/supervisor/archive", test_open_archived);
  return g_test_run ();
}

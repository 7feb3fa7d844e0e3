/* wx-admin-report.c — `weixiu-admin report weekly [--week 2026-W47]
 * [-o FILE.pdf | --csv]` and `report monthly [--month 2026-11] […]`: the
 * supervisor's reports as a PDF, or as CSV on standard output. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "wx-admin.h"

int
wx_admin_cmd_report (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxReport) week = NULL;
  g_autoptr(WxMonthReport) month = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *output = wx_admin_value (admin, "-o");
  gboolean as_csv = wx_admin_flag (admin, "--csv");
  gboolean weekly = admin->args->len == 1 && g_str_equal (wx_admin_arg (admin, 0), "weekly");
  gboolean monthly = admin->args->len == 1 && g_str_equal (wx_admin_arg (admin, 0), "monthly");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!weekly && !monthly)
    return wx_admin_usage_error (_("Use “report weekly [--week 2026-W47]” or “report monthly [--month 2026-11]”, with -o FILE.pdf or --csv."));
  if ((output == NULL || *output == '\0') == !as_csv)
    return wx_admin_usage_error (_("Say either where to write the PDF with -o FILE.pdf, or --csv for CSV on standard output."));
  if ((weekly && wx_admin_value (admin, "--month")) || (monthly && wx_admin_value (admin, "--week")))
    return wx_admin_usage_error (_("--week goes with the weekly report, --month with the monthly one."));

  conn = wx_admin_connect (admin, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  if (weekly)
    {
      week = wx_db_report_week_load (conn, wx_admin_value (admin, "--week"), now, &error);
      if (week == NULL)
        return wx_admin_fail (error);
      if (as_csv)
        csv = wx_report_to_csv (week);
      else
        pdf = wx_pdf_report_render (week, &error);
    }
  else
    {
      month = wx_db_report_month_load (conn, wx_admin_value (admin, "--month"), now, &error);
      if (month == NULL)
        return wx_admin_fail (error);
      if (as_csv)
        csv = wx_month_report_to_csv (month);
      else
        pdf = wx_pdf_month_report_render (month, &error);
    }
  if (csv != NULL)
    {
      fwrite (csv->str, 1, csv->len, stdout);
      return EXIT_SUCCESS;
    }
  if (pdf == NULL || !wx_pdf_write_file (pdf, output, &error))
    return wx_admin_fail (error);
  g_print (_("Wrote %s.\n"), output);
  return EXIT_SUCCESS;
}

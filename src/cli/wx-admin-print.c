/* wx-admin-print.c — `weixiu-admin print form|label|accessory-labels|quote
 * NUMBER -o FILE.pdf [--layout a4|three-pages]` and `print worklog LOGIN
 * DATE -o FILE.pdf`. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-bench.h"
#include "db/wx-db-document.h"
#include "print/wx-pdf.h"
#include "print/wx-pdf-worklog.h"
#include "wx-admin.h"

/* An engineer's work log of a day (工作日志). */
static int
print_worklog (WxAdmin *admin, const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxWorkLog) log = NULL;
  g_autoptr(GBytes) pdf = NULL;

  conn = wx_admin_connect (admin, &error);
  if (conn == NULL || (log = wx_db_work_log_load (conn, wx_admin_arg (admin, 1), wx_admin_arg (admin, 2), &error)) == NULL)
    return wx_admin_fail (error);
  pdf = wx_pdf_worklog_render (log, &error);
  if (pdf == NULL || !wx_pdf_write_file (pdf, output, &error))
    return wx_admin_fail (error);
  g_print (_("Wrote %s.\n"), output);
  return EXIT_SUCCESS;
}

int
wx_admin_cmd_print (WxAdmin *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WxDbDocument) doc = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *output = wx_admin_value (admin, "-o");
  const char *layout_name = wx_admin_value (admin, "--layout");
  WxPdfDocument document;
  WxPdfFormLayout form_layout = WX_PDF_FORM_A4;

  if (admin->args->len == 3 && g_str_equal (wx_admin_arg (admin, 0), "worklog"))
    {
      if (output == NULL || *output == '\0')
        return wx_admin_usage_error (_("Say where to write the PDF with -o FILE.pdf."));
      return print_worklog (admin, output);
    }
  if (admin->args->len != 2 || !wx_pdf_document_from_name (wx_admin_arg (admin, 0), &document))
    return wx_admin_usage_error (_("Use “print form|label|accessory-labels|quote|receipt NUMBER -o FILE.pdf” or “print worklog LOGIN YYYY-MM-DD -o FILE.pdf”."));
  if (output == NULL || *output == '\0')
    return wx_admin_usage_error (_("Say where to write the PDF with -o FILE.pdf."));
  if (layout_name && !wx_pdf_form_layout_from_name (layout_name, &form_layout))
    return wx_admin_usage_error (_("--layout is a4 (three copies on one page) or three-pages (one copy a page)."));
  if (layout_name && document != WX_PDF_FORM)
    return wx_admin_usage_error (_("--layout applies to the service form only."));

  conn = wx_admin_connect (admin, &error);
  if (conn == NULL || (doc = wx_db_document_load (conn, wx_admin_arg (admin, 1), &error)) == NULL)
    return wx_admin_fail (error);
  pdf = wx_pdf_render (document, doc, form_layout, &error);
  if (pdf == NULL || !wx_pdf_write_file (pdf, output, &error))
    return wx_admin_fail (error);
  g_print (_("Wrote %s.\n"), output);
  return EXIT_SUCCESS;
}

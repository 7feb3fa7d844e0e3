/* wx-admin-statement.c — `statement`: the monthly statements (对账单) of
 * the customers who run an account, from the command line: make (做清单),
 * check (对单), send (发清单), close (paid), print. Every write is a
 * wx_statement_* function of data/sql/functions/money.sql. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <glib/gi18n.h>

#include "db/wx-db.h"
#include "db/wx-db-statement.h"
#include "print/wx-pdf.h"
#include "wx-admin.h"

static const char statement_usage[] =
  N_("Use “statement make CUSTOMER_ID YYYY-MM [-o FILE.pdf]”, “statement check ID --note TEXT”, "
     "“statement send ID --printed|--email [-o FILE.pdf]”, “statement close ID” or “statement print ID -o FILE.pdf”.");

/* The statement's PDF, written to `output` when not NULL. */
static GBytes *
render (PGconn *conn, gint64 id, const char *output, GError **error)
{
  g_autoptr(WxStatement) st = wx_db_statement_load (conn, id, error);
  g_autoptr(GBytes) pdf = NULL;

  if (st == NULL || (pdf = wx_pdf_statement_render (st, error)) == NULL)
    return NULL;
  if (output && !wx_pdf_write_file (pdf, output, error))
    return NULL;
  if (output)
    g_print (_("Wrote %s.\n"), output);
  return g_steal_pointer (&pdf);
}

int
wx_admin_cmd_statement (WxAdmin *a)
{
  const char *sub = wx_admin_arg (a, 0);
  const char *output = wx_admin_value (a, "-o");
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gint64 id = 0;
  char *end = NULL;

  if (sub == NULL || a->args->len < 2)
    return wx_admin_usage_error (_(statement_usage));
  if (g_str_equal (sub, "make"))
    {
      gint64 customer = g_ascii_strtoll (wx_admin_arg (a, 1), &end, 10);

      if (a->args->len != 3 || end == NULL || *end || customer <= 0)
        return wx_admin_usage_error (_(statement_usage));
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || !wx_db_statement_make (conn, customer, wx_admin_arg (a, 2), &id, &error))
        return wx_admin_fail (error);
      {
        g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

        g_print (_("statement %s made\n"), id_text);
      }
      if (output && (pdf = render (conn, id, output, &error)) == NULL)
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  id = g_ascii_strtoll (wx_admin_arg (a, 1), &end, 10);
  if (a->args->len != 2 || end == NULL || *end || id <= 0)
    return wx_admin_usage_error (_(statement_usage));
  if (g_str_equal (sub, "check"))
    {
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || !wx_db_statement_check (conn, id, wx_admin_value (a, "--note"), &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "send"))
    {
      gboolean email = wx_admin_flag (a, "--email");

      if (email == wx_admin_flag (a, "--printed"))
        return wx_admin_usage_error (_(statement_usage));
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || ((email || output) && (pdf = render (conn, id, output, &error)) == NULL) ||
          !wx_db_statement_send (conn, id, email ? "email" : "printed", email ? pdf : NULL, &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "close"))
    {
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || !wx_db_statement_close (conn, id, &error))
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "print"))
    {
      if (output == NULL)
        return wx_admin_usage_error (_("Say where to write the PDF with -o FILE.pdf."));
      conn = wx_admin_connect (a, &error);
      if (conn == NULL || (pdf = render (conn, id, output, &error)) == NULL)
        return wx_admin_fail (error);
      return EXIT_SUCCESS;
    }
  return wx_admin_usage_error (_(statement_usage));
}

#define G_LOG_DOMAIN "wx-test-admin"

#include <gio/gio.h>

#include "wx-test-admin.h"

void
wx_test_run_clear (WxTestRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

void
wx_test_admin (WxTestRun  *r,
               const char *cwd,
               const char *input,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WX_ADMIN"));
  va_start (ap, input);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  /* Killed, e.g. by a sanitizer's abort (./run sanitize): say so, with what it wrote. */
  if (!g_subprocess_get_if_exited (proc))
    g_error ("weixiu-admin was killed by signal %d:\n%s", g_subprocess_get_term_sig (proc), r->err ? r->err : "");
  r->status = g_subprocess_get_exit_status (proc);
}

guint
wx_test_count_lines (const char *text)
{
  guint n = 0;

  for (; text && *text; text++)
    n += *text == '\n';
  return n;
}

/* The first sheet of the .xlsx at `path` as openpyxl (Debian's
 * python3-openpyxl, a real reader) reads it: a line per row, cells
 * separated by "|", numbers as Python prints them, dates as YYYY-MM-DD. */
char *
wx_test_read_xlsx (const char *path)
{
  const char *argv[] = { "/usr/bin/python3", "-c",
    "import sys, datetime, openpyxl\n"
    "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
    "for row in ws.iter_rows(values_only=True):\n"
    "    print('|'.join('' if v is None else v.strftime('%Y-%m-%d') if isinstance(v, datetime.datetime) else str(v)"
    " for v in row))\n", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not read %s: %s", path, err);
  return g_steal_pointer (&out);
}

void
wx_test_write_xlsx (const char *path,
                    const char *rows)
{
  const char *argv[] = { "/usr/bin/python3", "-c",
    "import sys, ast, openpyxl\n"
    "wb = openpyxl.Workbook()\n"
    "for row in ast.literal_eval(sys.argv[2]):\n"
    "    wb.active.append(row)\n"
    "wb.save(sys.argv[1])\n", path, rows, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not write %s: %s", path, err);
}

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

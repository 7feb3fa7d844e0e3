/* wx-test-admin.h — runs weixiu-admin ($WX_ADMIN) as a shell script would,
 * in English, and keeps what it said. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} WxTestRun;

void  wx_test_run_clear   (WxTestRun  *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WxTestRun, wx_test_run_clear)

/* Runs weixiu-admin in `cwd` (NULL: the test's own) with the arguments after
 * `input` (NULL-terminated), feeding `input` (or nothing) on stdin. */
void  wx_test_admin       (WxTestRun  *r,
                           const char *cwd,
                           const char *input,
                           ...) G_GNUC_NULL_TERMINATED;
guint wx_test_count_lines (const char *text);
/* The first sheet of the .xlsx at `path` as Debian's openpyxl reads it
 * (/usr/bin/python3): a line per row, cells separated by "|". */
char *wx_test_read_xlsx   (const char *path);
/* Writes an .xlsx at `path` with openpyxl (a real spreadsheet writer, not
 * ours): `rows` is a Python list of rows, e.g. [["备件号", "售价"], ["A1", 12.5]]. */
void  wx_test_write_xlsx  (const char *path,
                           const char *rows);

G_END_DECLS

/* wx-xlsx-read.h — the first sheet of an Excel workbook (.xlsx) as rows of
 * text, read with GLib and GIO alone: the file is a zip (its central
 * directory, entries stored or deflated, inflated with GIO's raw
 * GZlibDecompressor) of XML parts (shared strings and the sheet, parsed
 * with GMarkup). Enough for a shop's customer list or parts catalogue:
 * text, numbers as written, booleans; no formulas are computed (their
 * last value is read). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest file read (a spreadsheet of a shop's records is far less). */
#define WX_XLSX_MAX_BYTES (20 * 1024 * 1024)

/* The first sheet of the workbook at `path`: a GPtrArray of rows, each a
 * NULL-terminated GStrv with one string per column ("" for an empty
 * cell), all rows as wide as the widest. A file that is not a workbook,
 * or larger than WX_XLSX_MAX_BYTES, is refused with a sentence. */
GPtrArray *wx_xlsx_read_rows (const char  *path,
                              GError     **error);
/* The same for a .csv file: UTF-8 with or without a BOM, or GB18030 (what
 * Excel on Chinese Windows writes); fields separated by commas, quoted
 * with "…" ("" for a quote inside). */
GPtrArray *wx_csv_read_rows  (const char  *path,
                              GError     **error);
/* wx_csv_read_rows for a name ending in .csv, else wx_xlsx_read_rows. */
GPtrArray *wx_sheet_read_rows (const char *path,
                               GError    **error);

G_END_DECLS

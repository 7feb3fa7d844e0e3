/* wx-xlsx.h — the records' lists as Excel workbooks (.xlsx, written with
 * Debian's libxlsxwriter): one sheet, a header row in the user's language
 * (Chinese on a Chinese desk), numbers, money (yuan) and dates as real
 * cells so that Excel and WPS sort and add them. */
#pragma once

#include <glib.h>

#include "db/wx-db-shop.h"

G_BEGIN_DECLS

/* Writes `records` (WxDbRecord of `kind`, as wx_db_records_load_all gives
 * them) to `path`; a part's stock and reserved count are columns too. */
gboolean wx_xlsx_write_records (const char      *path,
                                WxDbRecordKind   kind,
                                GPtrArray       *records,
                                GError         **error);

G_END_DECLS

/* wx-db-import.h — a shop's customer list or parts catalogue brought
 * across from a spreadsheet (rows of text, the first the header, as
 * wx_xlsx_read_rows gives them): the columns guessed from Chinese or
 * English headers, every row saved through the same functions as the
 * records window (wx_customer_save, wx_part_save; a part's opening stock
 * through wx_stock_receive), all in one transaction that is committed only
 * when asked and no row was refused. */
#pragma once

#include <glib.h>

#include "wx-db-pq.h"
#include "wx-db-shop.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* The key of each column of `header` ("" for a column not imported),
 * NULL-terminated, as long as `header`. Keys: the kind's record keys, and
 * for parts "opening_stock". */
char     **wx_db_import_columns (WxDbRecordKind   kind,
                                 char           **header);

typedef struct {
  guint      rows;      /* data rows read (empty rows aside) */
  guint      written;   /* saved (or that would be, on a trial) */
  GPtrArray *faults;    /* char *: "Row 4: …", one per refused row */
  gboolean   committed;
} WxDbImport;

void        wx_db_import_free    (WxDbImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbImport, wx_db_import_free)

/* Saves `rows` (the header first) as records of `kind` (customers or
 * parts) in one transaction: a trial (`commit` FALSE) always rolls back;
 * otherwise it commits only when no row was refused. NULL with `error`
 * when the file cannot be imported at all (no column for the name). */
WxDbImport *wx_db_records_import (PGconn          *conn,
                                  WxDbRecordKind   kind,
                                  GPtrArray       *rows,
                                  gboolean         commit,
                                  GError         **error);

void        wx_db_records_import_async  (WxDbWorker          *worker,
                                         WxDbRecordKind       kind,
                                         GPtrArray           *rows,
                                         gboolean             commit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
WxDbImport *wx_db_records_import_finish (WxDbWorker          *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS

/* wx-records-page.h — one page of the records window (资料): the
 * customers, machines, suppliers or parts, a list with search and a side
 * form that adds or edits one (src/db/wx-db-shop.h). A customer who may be
 * a duplicate (same phone, same unit name after folding) is marked in red
 * with the other's name; a part below its minimum stock too.
 * Actions records.reload, records.select, records.new, records.save. */
#pragma once

#include "db/wx-db-shop.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_RECORDS_PAGE (wx_records_page_get_type ())
G_DECLARE_FINAL_TYPE (WxRecordsPage, wx_records_page, WX, RECORDS_PAGE, WxListPage)

GtkWidget  *wx_records_page_new         (WxDbRecordKind  kind);
WxDbRecordKind wx_records_page_get_kind (WxRecordsPage  *self);
/* What the search box holds; the list reloads with it. */
void        wx_records_page_set_search  (WxRecordsPage  *self,
                                         const char     *text);
const char *wx_records_page_get_message (WxRecordsPage  *self);

G_END_DECLS

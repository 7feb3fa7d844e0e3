/* wx-records-page.h — one page of the records window (资料): the
 * customers, machines, suppliers or parts, a list with search and a side
 * form that adds or edits one (src/db/wx-db-shop.h). A customer who may be
 * a duplicate (same phone, same unit name after folding) is marked in red
 * with the other's name; a part below its minimum stock too.
 * Under the form: a customer's merge into another (asked first) and
 * orders with what they were charged and what is unpaid; a part's
 * receiving and stocktake.
 * Actions records.reload, records.select, records.new, records.save,
 * records.merge, records.receive, records.count. */
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
/* A field under the form as a user fills it (merge_into; receive_quantity,
 * receive_cost, receive_note; count_counted, count_reason). */
gboolean    wx_records_page_set_action_value (WxRecordsPage *self,
                                         const char     *key,
                                         const char     *value);
/* Writes the page's whole list to the .xlsx file `path` (as
 * records.export does once the file is chosen); "saved" ("export")
 * follows. */
void        wx_records_page_export      (WxRecordsPage  *self,
                                         const char     *path);
/* Reads the .xlsx at `path` (customers or parts), tries every row through
 * the save functions without keeping them, and asks "Import N rows?" with
 * the columns understood, the first rows and each refused row's sentence
 * (wx_records_page_get_question); "Import" (enabled only when no row is
 * refused) writes them all in one transaction and "saved" ("import")
 * follows. A file that cannot be read: "saved" with the error. */
void        wx_records_page_import      (WxRecordsPage  *self,
                                         const char     *path);
/* The widget of that field, for a click (NULL: none on this page). */
GtkWidget  *wx_records_page_get_action_field (WxRecordsPage *self,
                                         const char     *key);
/* "Merge …?" while it is asked, else NULL. */
GtkWindow  *wx_records_page_get_question (WxRecordsPage *self);
/* A customer's orders: the grid (a header row, then one per order) and
 * the line under it. */
GtkGrid    *wx_records_page_get_orders_grid (WxRecordsPage *self);
const char *wx_records_page_get_orders_summary (WxRecordsPage *self);

G_END_DECLS

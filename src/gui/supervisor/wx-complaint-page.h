/* wx-complaint-page.h — the supervisor's complaints (投诉): open ones
 * first; the side panel shows the chosen complaint with the five steps of
 * the procedure (listen and apologise, the real need, a solution —
 * escalated to the manager if needed, explain what will be done, call back),
 * each with who, when and the note, records the next step, and closes it
 * with the outcome; a new complaint names its order and what happened.
 * Actions: complaints.reload, complaints.select (x: a complaint id),
 * complaints.new, complaints.step, complaints.close, complaints.open-order.
 * Signals: "loaded" (GError *), "open-order" (the order number). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-callbacks.h"
#include "db/wx-db-worker.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_COMPLAINT_PAGE (wx_complaint_page_get_type ())
G_DECLARE_FINAL_TYPE (WxComplaintPage, wx_complaint_page, WX, COMPLAINT_PAGE, WxListPage)

#define wx_complaint_page_new() GTK_WIDGET (g_object_new (WX_TYPE_COMPLAINT_PAGE, NULL))
/* The page's API is WxPage's and WxListPage's (macros, for the window and the tests). */
#define wx_complaint_page_set_worker(self, worker) \
  (wx_page_set_worker (WX_PAGE (self), (worker)), wx_page_reload (WX_PAGE (self)))
#define wx_complaint_page_reload(self) wx_page_reload (WX_PAGE (self))
/* As loaded: WxComplaint. */
#define wx_complaint_page_get_complaints(self) wx_list_page_get_items (WX_LIST_PAGE (self))
/* The side form's fields: note, escalated ("true" or ""), outcome; for a
 * new complaint: order (its number), description. */
#define wx_complaint_page_set_value(self, key, value) wx_list_page_set_value (WX_LIST_PAGE (self), (key), (value))
#define wx_complaint_page_get_message(self) wx_list_page_get_message (WX_LIST_PAGE (self))

G_END_DECLS

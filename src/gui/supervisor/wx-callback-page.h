/* wx-callback-page.h — the supervisor's callbacks (回访): the lists due
 * (this week's orders for Friday, on-site jobs after 24 hours, unresolved
 * hotline cases the next day, phone guidance after 2 hours), each with its
 * order or call, customer, phone, engineer and when due; a side form
 * records the answers, and "not working" opens its follow-up (a return
 * repair or a complaint) in the same step.
 * Actions: callbacks.reload, callbacks.select (x: a callback id),
 * callbacks.record, callbacks.open-order. Signals: "loaded" (GError *),
 * "open-order" (the order number). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-callbacks.h"
#include "db/wx-db-worker.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_CALLBACK_PAGE (wx_callback_page_get_type ())
G_DECLARE_FINAL_TYPE (WxCallbackPage, wx_callback_page, WX, CALLBACK_PAGE, WxListPage)

#define wx_callback_page_new() GTK_WIDGET (g_object_new (WX_TYPE_CALLBACK_PAGE, NULL))
/* The page's API is WxPage's and WxListPage's (macros, for the window and the tests). */
#define wx_callback_page_set_worker(self, worker) \
  (wx_page_set_worker (WX_PAGE (self), (worker)), wx_page_reload (WX_PAGE (self)))
#define wx_callback_page_reload(self) wx_page_reload (WX_PAGE (self))
/* As loaded: WxCallbackDue. */
#define wx_callback_page_get_due(self) wx_list_page_get_items (WX_LIST_PAGE (self))
/* The side form's fields: reached, call_again (HH:MM, MM-DD HH:MM or
 * YYYY-MM-DD HH:MM), working (yes|no|""), weak_response, weak_repair_time,
 * weak_attitude, weak_quote_speed ("true" or ""), explained (yes|no|""),
 * satisfaction (1–5 or ""), comments, follow_up (none|return_repair|
 * complaint), follow_up_note. */
#define wx_callback_page_set_value(self, key, value) wx_list_page_set_value (WX_LIST_PAGE (self), (key), (value))
/* The form's message: the refusal, or what was recorded. */
#define wx_callback_page_get_message(self) wx_list_page_get_message (WX_LIST_PAGE (self))

G_END_DECLS

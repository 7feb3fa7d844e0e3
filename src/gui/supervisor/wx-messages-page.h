/* wx-messages-page.h — the supervisor's Messages page: the outbox of
 * messages to customers (SMS and e-mail), filtered by state (those that
 * need someone — failed or result unknown —, queued, sent, failed,
 * unknown, all); the chosen one's text and what became of it, resent after
 * a fix (wx_message_resend) or, when its result is unknown, settled by
 * hand as sent or not sent (wx_message_settle).
 * Actions: messages.reload, messages.select (x: a message id),
 * messages.open-order, messages.resend, messages.settle (b: sent). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-messages.h"
#include "db/wx-db-worker.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_MESSAGES_PAGE (wx_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (WxMessagesPage, wx_messages_page, WX, MESSAGES_PAGE, WxListPage)

#define wx_messages_page_new() GTK_WIDGET (g_object_new (WX_TYPE_MESSAGES_PAGE, NULL))
#define wx_messages_page_set_worker(self, worker) \
  (wx_page_set_worker (WX_PAGE (self), (worker)), wx_page_reload (WX_PAGE (self)))
#define wx_messages_page_reload(self) wx_page_reload (WX_PAGE (self))
/* As loaded: WxMessage. */
#define wx_messages_page_get_messages(self) wx_list_page_get_items (WX_LIST_PAGE (self))
/* The filter shown (one of wx_db_message_filters). */
const char *wx_messages_page_get_filter (WxMessagesPage *self);

G_END_DECLS

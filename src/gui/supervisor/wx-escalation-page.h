/* wx-escalation-page.h — the supervisor's escalation inbox (管理升级问题):
 * automatic escalations (two visits, two part orders, no diagnosis within a
 * week, a cluster of one model, a late part order) and manual ones, each
 * with its trigger and order, open first; the side form records the
 * resolution.
 * Actions: escalations.reload, escalations.select (x: an escalation id),
 * escalations.resolve, escalations.open-order. Signals: "loaded"
 * (GError *), "open-order" (the order number). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-callbacks.h"
#include "db/wx-db-worker.h"
#include "wx-list-page.h"

G_BEGIN_DECLS

#define WX_TYPE_ESCALATION_PAGE (wx_escalation_page_get_type ())
G_DECLARE_FINAL_TYPE (WxEscalationPage, wx_escalation_page, WX, ESCALATION_PAGE, WxListPage)

#define wx_escalation_page_new() GTK_WIDGET (g_object_new (WX_TYPE_ESCALATION_PAGE, NULL))
/* The page's API is WxPage's and WxListPage's (macros, for the window and the tests). */
#define wx_escalation_page_set_worker(self, worker) \
  (wx_page_set_worker (WX_PAGE (self), (worker)), wx_page_reload (WX_PAGE (self)))
#define wx_escalation_page_reload(self) wx_page_reload (WX_PAGE (self))
/* As loaded: WxEscalation. */
#define wx_escalation_page_get_escalations(self) wx_list_page_get_items (WX_LIST_PAGE (self))
/* The side form's field: resolution. */
#define wx_escalation_page_set_value(self, key, value) wx_list_page_set_value (WX_LIST_PAGE (self), (key), (value))
#define wx_escalation_page_get_message(self) wx_list_page_get_message (WX_LIST_PAGE (self))
/* A periodic job that failed, with its sentence, above the inbox (NULL:
 * none); the window sets it from the jobs' last runs. */
void        wx_escalation_page_set_job_failure (WxEscalationPage *self,
                                                const char       *text);
const char *wx_escalation_page_get_job_failure (WxEscalationPage *self);
/* How many messages to customers were given up (failed after the last
 * retry or for good): a sentence and an "Open Messages" button
 * (win.show-page "messages") above the inbox; 0 hides them. */
void        wx_escalation_page_set_given_up    (WxEscalationPage *self,
                                                int               n);
/* The sentence shown, "" when none. */
const char *wx_escalation_page_get_given_up    (WxEscalationPage *self);

G_END_DECLS

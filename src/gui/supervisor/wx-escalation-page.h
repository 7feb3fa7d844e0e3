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

GtkWidget  *wx_escalation_page_new          (void);
void        wx_escalation_page_set_worker   (WxEscalationPage *self,
                                             WxDbWorker       *worker);
void        wx_escalation_page_reload       (WxEscalationPage *self);
/* As loaded: WxEscalation. */
GPtrArray  *wx_escalation_page_get_escalations (WxEscalationPage *self);
/* The side form's field: resolution. */
gboolean    wx_escalation_page_set_value    (WxEscalationPage *self,
                                             const char       *key,
                                             const char       *value);
const char *wx_escalation_page_get_message  (WxEscalationPage *self);

G_END_DECLS

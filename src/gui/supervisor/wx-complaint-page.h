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

GtkWidget  *wx_complaint_page_new          (void);
void        wx_complaint_page_set_worker   (WxComplaintPage *self,
                                            WxDbWorker      *worker);
void        wx_complaint_page_reload       (WxComplaintPage *self);
/* As loaded: WxComplaint. */
GPtrArray  *wx_complaint_page_get_complaints (WxComplaintPage *self);
/* The side form's fields: note, escalated ("true" or ""), outcome; for a
 * new complaint: order (its number), description. */
gboolean    wx_complaint_page_set_value    (WxComplaintPage *self,
                                            const char      *key,
                                            const char      *value);
const char *wx_complaint_page_get_message  (WxComplaintPage *self);

G_END_DECLS

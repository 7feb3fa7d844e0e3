/* wx-review-page.h — the supervisor's review queue (维修服务记录单审核):
 * the entered orders waiting for review, most urgent first, with the
 * review clock; the selected order's checklist (✓ / ✗ / – with the
 * evidence); Pass (review.pass) and Return… (review.return-start opens the
 * comment and the person, defaulting to whoever is responsible for the
 * first failed check; review.return sends it). Activating an order asks
 * the window to open it ("open-order"). */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-review.h"
#include "db/wx-db-worker.h"
#include "gui/wx-page.h"

G_BEGIN_DECLS

#define WX_TYPE_REVIEW_PAGE (wx_review_page_get_type ())
G_DECLARE_FINAL_TYPE (WxReviewPage, wx_review_page, WX, REVIEW_PAGE, WxPage)

WxReviewPage        *wx_review_page_new          (void);
void                 wx_review_page_set_worker   (WxReviewPage *self,
                                                  WxDbWorker   *worker);
/* The queue again ("loaded"), then the selected order's checklist ("order-loaded"). */
void                 wx_review_page_reload       (WxReviewPage *self);
/* As loaded: WxReviewQueueItem. */
GPtrArray           *wx_review_page_get_queue    (WxReviewPage *self);
/* Selects the order `number` of the queue and loads its checklist. */
gboolean             wx_review_page_select       (WxReviewPage *self,
                                                  const char   *number);
/* The selected order with its checklist, once loaded (else NULL). */
const WxReviewOrder *wx_review_page_get_order    (WxReviewPage *self);
/* The return form: its comment and the login it goes back to. */
void                 wx_review_page_set_return   (WxReviewPage *self,
                                                  const char   *comment,
                                                  const char   *login);
const char          *wx_review_page_get_return_to (WxReviewPage *self);
/* Narrow (the order panel beside it): the queue above the checklist
 * rather than beside it, so that the page fits in 1024 pixels. */
void                 wx_review_page_set_narrow   (WxReviewPage *self,
                                                  gboolean      narrow);
/* The queue's orders the filters (engineer, week, kind, marks) keep, as
 * listed (element type WxReviewQueueItem, owned by the queue). */
GPtrArray           *wx_review_page_get_shown    (WxReviewPage *self);
/* The page's last message ("" when none). */
const char          *wx_review_page_get_message  (WxReviewPage *self);

G_END_DECLS

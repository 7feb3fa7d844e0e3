/* wx-templates-page.h — the message templates (Settings › Message
 * Templates; supervisor and administrator): per kind of message, channel
 * and language the subject, the text, and for an SMS the provider's
 * template code and signature; a live preview filled from a real order and
 * the SMS length counter (70 characters in one message, 67 each beyond),
 * both computed by the server (wx_message_preview) as the text is typed;
 * saved with wx_message_template_set, which checks every placeholder and
 * says which field it refuses.
 * Action: templates.save. Signals: WxPage's, and "previewed" once a
 * preview is shown. */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-messages.h"
#include "gui/wx-page.h"

G_BEGIN_DECLS

#define WX_TYPE_TEMPLATES_PAGE (wx_templates_page_get_type ())
G_DECLARE_FINAL_TYPE (WxTemplatesPage, wx_templates_page, WX, TEMPLATES_PAGE, WxPage)

#define wx_templates_page_new() GTK_WIDGET (g_object_new (WX_TYPE_TEMPLATES_PAGE, NULL))
#define wx_templates_page_set_worker(self, worker) \
  (wx_page_set_worker (WX_PAGE (self), (worker)), wx_page_reload (WX_PAGE (self)))

/* Chooses the template (kind, channel, lang) in the list; FALSE when there is none. */
gboolean     wx_templates_page_select        (WxTemplatesPage *self,
                                              const char      *kind,
                                              const char      *channel,
                                              const char      *lang);
/* As loaded: WxMessageTemplate. */
GPtrArray   *wx_templates_page_get_templates (WxTemplatesPage *self);
/* What the page shows: the counter line, the preview, the outcome of Save. */
const char  *wx_templates_page_get_counter   (WxTemplatesPage *self);
const char  *wx_templates_page_get_preview   (WxTemplatesPage *self);
const char  *wx_templates_page_get_message   (WxTemplatesPage *self);
/* The SMS segments of the last preview (0: none yet, or an e-mail). */
int          wx_templates_page_get_segments  (WxTemplatesPage *self);

G_END_DECLS

/* wx-settings-page.h — the administrator's settings (admin only): weekly
 * business hours, holidays and make-up working days, each clock's target
 * and limit, the escalation thresholds and the return-repair window, the
 * company's details and the important notice printed on forms, the order
 * numbers. Each section saves in one transaction through its action
 * (settings.save-hours, settings.add-day, settings.remove-day "s" date,
 * settings.save-clocks, settings.save-escalation, settings.save-company,
 * settings.save-numbers); bad input gets a sentence under its field and
 * nothing is written. */
#pragma once

#include <gtk/gtk.h>

#include "db/wx-db-worker.h"
#include "gui/wx-page.h"

G_BEGIN_DECLS

#define WX_TYPE_SETTINGS_PAGE (wx_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (WxSettingsPage, wx_settings_page, WX, SETTINGS_PAGE, WxPage)

GtkWidget  *wx_settings_page_new        (void);
void        wx_settings_page_set_worker (WxSettingsPage *self,
                                         WxDbWorker     *worker);
/* Everything again from the database ("loaded" follows). */
void        wx_settings_page_reload     (WxSettingsPage *self);

/* The fields by id, as a user types them (the window's shortcuts and the
 * tests): a key of wx_setting_infos(); "hours.N" (ISO weekday N; "" is
 * closed, else "09:00-18:00"); "clock.CODE.target" / "clock.CODE.limit"
 * (minutes); "day.date", "day.name", "day.kind" ("holiday" or "workday").
 * Sections' own lines: "section.hours", "section.days", "section.clocks",
 * "section.escalation", "section.company", "section.numbers". */
void        wx_settings_page_set_field  (WxSettingsPage *self,
                                         const char     *id,
                                         const char     *text);
char       *wx_settings_page_get_field  (WxSettingsPage *self,
                                         const char     *id);
/* The sentence shown under field (or section) `id`; "" when none. */
const char *wx_settings_page_get_message (WxSettingsPage *self,
                                         const char     *id);

G_END_DECLS

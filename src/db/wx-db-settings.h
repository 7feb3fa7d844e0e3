/* wx-db-settings.h — the administrator's settings in one read and one
 * transaction per save: the weekly hours, the holidays and make-up days
 * (wx-db-calendar.h adds and removes them), the clocks' targets and
 * limits, and the settings of wx_setting_infos() (company, forms, order
 * numbers, escalation thresholds, return-repair window). Each save checks
 * what it writes in core first and writes nothing when any of it is bad;
 * only wx_admin may write (others get WX_DB_ERROR_DENIED). Every write
 * notifies channel wx_settings (data/sql/015_settings.sql). */
#pragma once

#include <libpq-fe.h>

#include "core/wx-sla.h"

G_BEGIN_DECLS

typedef struct {
  gboolean open;
  guint    opens;    /* minutes of the day */
  guint    closes;
} WxDbWeekday;

typedef struct {
  WxDbWeekday     week[8];                   /* ISO weekday 1 … 7; [0] unused */
  GPtrArray      *days;                      /* WxDbCalendarDay, from a year ago on, by date */
  WxSlaThreshold  thresholds[WX_N_CLOCKS];
  GHashTable     *values;                    /* key → value, every key of wx_setting_infos() */
} WxDbSettings;

void          wx_db_settings_free   (WxDbSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDbSettings, wx_db_settings_free)

WxDbSettings *wx_db_settings_load   (PGconn            *conn,
                                     GError           **error);
/* The hours of all seven days (week[1 … 7]). */
gboolean      wx_db_settings_save_hours (PGconn        *conn,
                                     const WxDbWeekday  week[8],
                                     GError           **error);
/* Every clock's target and limit. */
gboolean      wx_db_settings_save_thresholds (PGconn   *conn,
                                     const WxSlaThreshold thresholds[WX_N_CLOCKS],
                                     GError           **error);
/* `keys[i]` = `values[i]` for `n` settings of wx_setting_infos(). */
gboolean      wx_db_settings_save_values (PGconn       *conn,
                                     const char * const *keys,
                                     const char * const *values,
                                     guint              n,
                                     GError           **error);

G_END_DECLS

/* wx-db-settings.h — the administrator's settings in one read and one
 * transaction per save: the weekly hours, the holidays and make-up days
 * (wx-db-calendar.h adds and removes them), the clocks' targets and
 * limits, and the settings of wx_setting_infos() (company, forms, order
 * numbers, escalation thresholds, return-repair window). Each save checks
 * what it writes in core first and writes nothing when any of it is bad;
 * only wx_admin may write (others get WX_DB_ERROR_DENIED). Every write
 * notifies channel wx_settings (data/sql/015_settings.sql). */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-calendar.h"
#include "core/wx-sla.h"
#include "wx-db-worker.h"

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

/* The same on the worker, and the settings page's holidays and make-up
 * days (wx_db_calendar_add_day with the usual hours, and
 * wx_db_calendar_remove_day). The writes end with wx_db_worker_write_finish. */
void          wx_db_settings_load_async  (WxDbWorker          *worker,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
WxDbSettings *wx_db_settings_load_finish (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);
void          wx_db_settings_save_hours_async (WxDbWorker     *worker,
                                          const WxDbWeekday    week[8],
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void          wx_db_settings_save_thresholds_async (WxDbWorker *worker,
                                          const WxSlaThreshold thresholds[WX_N_CLOCKS],
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void          wx_db_settings_save_values_async (WxDbWorker    *worker,
                                          const char * const  *keys,
                                          const char * const  *values,
                                          guint                n,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void          wx_db_settings_add_day_async (WxDbWorker        *worker,
                                          const GDate         *date,
                                          WxCalendarDayKind    kind,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void          wx_db_settings_remove_day_async (WxDbWorker     *worker,
                                          const GDate         *date,
                                          WxCalendarDayKind    kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

/* wx_db_setting (`key`, else `fallback`) on the worker. */
void          wx_db_setting_async        (WxDbWorker          *worker,
                                          const char          *key,
                                          const char          *fallback,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char         *wx_db_setting_finish       (WxDbWorker          *worker,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS

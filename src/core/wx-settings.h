/* wx-settings.h — what the administrator may type on the settings and staff
 * pages, checked before anything is written (the database checks again):
 * the shop's settings by key, a weekday's hours, a clock's target and
 * limit, a holiday's name, a new staff member's login and password. Each
 * check fails with a WX_CORE_ERROR_INVALID sentence that names the field. */
#pragma once

#include <glib.h>

#include "wx-types.h"

G_BEGIN_DECLS

typedef enum {
  WX_SETTING_LINE,       /* one line of text, may be empty */
  WX_SETTING_REQUIRED,   /* one line of text, not empty */
  WX_SETTING_TEXT,       /* several lines */
  WX_SETTING_PREFIX,     /* the order-number prefix */
  WX_SETTING_COUNT,      /* a whole number from `min` to `max` */
} WxSettingKind;

typedef struct {
  const char    *key;        /* settings.key */
  const char    *label;      /* N_(): translate with _() */
  WxSettingKind  kind;
  guint          min;        /* WX_SETTING_COUNT */
  guint          max;
  guint          max_length; /* text kinds: characters */
} WxSettingInfo;

/* The settings the pages edit as values (company, forms, order numbers,
 * escalation thresholds, return-repair window), in the pages' order. */
const WxSettingInfo *wx_setting_infos       (guint        *n_infos);
const WxSettingInfo *wx_setting_info        (const char   *key);

/* `value` for `key` (one of wx_setting_infos). */
gboolean  wx_settings_check_value  (const char  *key,
                                    const char  *value,
                                    GError     **error);
/* The hours of ISO weekday `weekday` as typed ("09:00-18:00"), unless the
 * day is closed; on success *opens and *closes (minutes of the day). */
gboolean  wx_settings_check_hours  (guint        weekday,
                                    gboolean     open,
                                    const char  *text,
                                    guint       *opens,
                                    guint       *closes,
                                    GError     **error);
/* A clock's target and limit in business minutes: limit > 0, target ≤ limit. */
gboolean  wx_settings_check_threshold (const char *clock_label,
                                    guint        target_minutes,
                                    guint        limit_minutes,
                                    GError     **error);
/* A holiday or make-up day as typed: a real date, a name of at most 60 characters. */
gboolean  wx_settings_check_day    (const char  *date_text,
                                    const char  *name,
                                    GDate       *date,
                                    GError     **error);
/* An example of the next order number with this prefix and digits. */
char     *wx_settings_number_example (const char *prefix,
                                    guint        digits);

/* Staff: a login name the database accepts (lower-case letters, digits,
 * _, a letter first, not wx_… or pg_…), a password of 8 to 128
 * characters, and a new person: name, at least one role. */
gboolean  wx_staff_check_login     (const char  *login,
                                    GError     **error);
gboolean  wx_staff_check_password  (const char  *password,
                                    GError     **error);
gboolean  wx_staff_check_new       (const char  *login,
                                    const char  *full_name,
                                    WxRole       roles,
                                    const char  *password,
                                    GError     **error);

G_END_DECLS

#define G_LOG_DOMAIN "wx-db-settings"

#include <glib/gi18n.h>

#include "core/wx-settings.h"
#include "wx-db.h"
#include "wx-db-calendar.h"
#include "wx-db-settings.h"

void
wx_db_settings_free (WxDbSettings *settings)
{
  if (settings == NULL)
    return;
  g_clear_pointer (&settings->days, g_ptr_array_unref);
  g_clear_pointer (&settings->values, g_hash_table_unref);
  g_free (settings);
}

WxDbSettings *
wx_db_settings_load (PGconn  *conn,
                     GError **error)
{
  g_autoptr(WxDbSettings) s = g_new0 (WxDbSettings, 1);
  g_autoptr(WxCalendar) calendar = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint n_infos;
  const WxSettingInfo *infos = wx_setting_infos (&n_infos);
  GDate from, to;

  /* One snapshot for everything the page shows. */
  if (!wx_db_execute (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error))
    return NULL;
  calendar = wx_db_calendar_load (conn, error);
  if (calendar == NULL)
    goto fail;
  for (guint w = 1; w <= 7; w++)
    s->week[w].open = wx_calendar_get_hours (calendar, w, &s->week[w].opens, &s->week[w].closes);

  now = g_date_time_new_now (wx_calendar_get_zone (calendar));
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  to = from;
  g_date_subtract_years (&from, 1);
  g_date_add_years (&to, 5);
  s->days = wx_db_calendar_list_days (conn, &from, &to, error);
  if (s->days == NULL)
    goto fail;

  {
    WxSlaRules defaults = { 0 };

    wx_sla_rules_init_defaults (&defaults);
    memcpy (s->thresholds, defaults.thresholds, sizeof s->thresholds);
  }
  res = wx_db_query (conn, "SELECT clock, target_minutes, limit_minutes FROM sla_thresholds", 0, NULL, error);
  if (res == NULL)
    goto fail;
  for (int i = 0; i < PQntuples (res); i++)
    {
      WxClock c;

      if (!wx_clock_from_code (PQgetvalue (res, i, 0), &c))
        continue;
      s->thresholds[c].target_minutes = (guint) wx_db_get_int (res, i, 1);
      s->thresholds[c].limit_minutes = (guint) wx_db_get_int (res, i, 2);
    }
  g_clear_pointer (&res, PQclear);

  s->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  res = wx_db_query (conn, "SELECT key, value FROM settings", 0, NULL, error);
  if (res == NULL)
    goto fail;
  for (guint k = 0; k < n_infos; k++)
    g_hash_table_insert (s->values, g_strdup (infos[k].key), g_strdup (""));
  for (int i = 0; i < PQntuples (res); i++)
    if (g_hash_table_contains (s->values, PQgetvalue (res, i, 0)))
      g_hash_table_insert (s->values, wx_db_dup_text (res, i, 0), wx_db_dup_text (res, i, 1));
  if (!wx_db_commit (conn, error))
    return NULL;
  return g_steal_pointer (&s);

fail:
  wx_db_rollback (conn);
  return NULL;
}

/* Runs `n` statements `sql` with `n_params` parameters each (params[i *
 * n_params …]) in one transaction. */
static gboolean
execute_all (PGconn              *conn,
             const char          *sql,
             guint                n,
             int                  n_params,
             const char * const  *params,
             GError             **error)
{
  if (!wx_db_begin (conn, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!wx_db_execute (conn, sql, n_params, params + i * (guint) n_params, error))
      {
        wx_db_rollback (conn);
        return FALSE;
      }
  return wx_db_commit (conn, error);
}

gboolean
wx_db_settings_save_hours (PGconn             *conn,
                           const WxDbWeekday   week[8],
                           GError            **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const char *params[7 * 3];

  for (guint w = 1; w <= 7; w++)
    {
      gboolean open = week[w].open;
      char *day = g_strdup_printf ("%u", w);
      char *o = open ? wx_calendar_format_time (week[w].opens) : NULL;
      char *c = open ? wx_calendar_format_time (week[w].closes) : NULL;

      if (open && week[w].closes <= week[w].opens)
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                       _("A day's closing time must be after its opening time."));
          g_free (day);
          g_free (o);
          g_free (c);
          return FALSE;
        }
      g_ptr_array_add (strings, day);
      g_ptr_array_add (strings, o);
      g_ptr_array_add (strings, c);
      params[(w - 1) * 3] = day;
      params[(w - 1) * 3 + 1] = o;
      params[(w - 1) * 3 + 2] = c;
    }
  /* Closed: no row. Open: the row, inserted or changed. */
  return execute_all (conn,
                      "WITH gone AS (DELETE FROM business_hours WHERE weekday = $1::smallint AND $2::time IS NULL)"
                      " INSERT INTO business_hours (weekday, opens, closes)"
                      " SELECT $1::smallint, $2::time, $3::time WHERE $2::time IS NOT NULL"
                      " ON CONFLICT (weekday) DO UPDATE SET opens = EXCLUDED.opens, closes = EXCLUDED.closes",
                      7, 3, params, error);
}

gboolean
wx_db_settings_save_thresholds (PGconn              *conn,
                                const WxSlaThreshold thresholds[WX_N_CLOCKS],
                                GError             **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const char *params[WX_N_CLOCKS * 3];

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      char *target = g_strdup_printf ("%u", thresholds[c].target_minutes);
      char *limit = g_strdup_printf ("%u", thresholds[c].limit_minutes);

      g_ptr_array_add (strings, target);
      g_ptr_array_add (strings, limit);
      if (!wx_settings_check_threshold (wx_clock_label (c), thresholds[c].target_minutes,
                                        thresholds[c].limit_minutes, error))
        return FALSE;
      params[c * 3] = wx_clock_to_code (c);
      params[c * 3 + 1] = target;
      params[c * 3 + 2] = limit;
    }
  return execute_all (conn,
                      "INSERT INTO sla_thresholds (clock, target_minutes, limit_minutes) VALUES ($1, $2, $3)"
                      " ON CONFLICT (clock) DO UPDATE SET target_minutes = EXCLUDED.target_minutes,"
                      "   limit_minutes = EXCLUDED.limit_minutes",
                      WX_N_CLOCKS, 3, params, error);
}

gboolean
wx_db_settings_save_values (PGconn              *conn,
                            const char * const  *keys,
                            const char * const  *values,
                            guint                n,
                            GError             **error)
{
  g_autofree const char **params = g_new0 (const char *, n * 2 + 1);

  for (guint i = 0; i < n; i++)
    {
      if (!wx_settings_check_value (keys[i], values[i], error))
        return FALSE;
      params[i * 2] = keys[i];
      params[i * 2 + 1] = values[i];
    }
  return execute_all (conn,
                      "INSERT INTO settings (key, value) VALUES ($1, $2)"
                      " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                      n, 2, params, error);
}

/* ------------------------------------------------------------ on the worker */

static gboolean
load_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  *result = wx_db_settings_load (conn, error);
  return *result != NULL;
}

void
wx_db_settings_load_async (WxDbWorker *worker, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_read_async (worker, load_job, NULL, NULL, (GDestroyNotify) wx_db_settings_free,
                           cancellable, callback, user_data);
}

WxDbSettings *
wx_db_settings_load_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

typedef enum { SAVE_HOURS, SAVE_CLOCKS, SAVE_VALUES, ADD_DAY, REMOVE_DAY } SaveKind;

typedef struct {
  SaveKind           kind;
  WxDbWeekday        week[8];
  WxSlaThreshold     thresholds[WX_N_CLOCKS];
  GPtrArray         *keys;
  GPtrArray         *values;
  GDate              date;
  WxCalendarDayKind  day_kind;
  char              *name;
} Save;

static void
save_free (Save *s)
{
  g_clear_pointer (&s->keys, g_ptr_array_unref);
  g_clear_pointer (&s->values, g_ptr_array_unref);
  g_free (s->name);
  g_free (s);
}

static gboolean
save_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  Save *s = data;

  switch (s->kind)
    {
    case SAVE_HOURS:
      return wx_db_settings_save_hours (conn, s->week, error);
    case SAVE_CLOCKS:
      return wx_db_settings_save_thresholds (conn, s->thresholds, error);
    case SAVE_VALUES:
      return wx_db_settings_save_values (conn, (const char * const *) s->keys->pdata,
                                         (const char * const *) s->values->pdata, s->keys->len, error);
    case ADD_DAY:
      return wx_db_calendar_add_day (conn, &s->date, s->day_kind, s->name, 0, 0, error);
    case REMOVE_DAY:
    default:
      return wx_db_calendar_remove_day (conn, &s->date, s->day_kind, error);
    }
}

static Save *
save_new (SaveKind kind)
{
  Save *s = g_new0 (Save, 1);

  s->kind = kind;
  return s;
}

static void
save_async (WxDbWorker *worker, Save *s, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  wx_db_worker_run_async (worker, save_job, s, (GDestroyNotify) save_free, NULL,
                          cancellable, callback, user_data);
}

void
wx_db_settings_save_hours_async (WxDbWorker *worker, const WxDbWeekday week[8], GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  Save *s = save_new (SAVE_HOURS);

  memcpy (s->week, week, sizeof s->week);
  save_async (worker, s, cancellable, callback, user_data);
}

void
wx_db_settings_save_thresholds_async (WxDbWorker *worker, const WxSlaThreshold thresholds[WX_N_CLOCKS],
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  Save *s = save_new (SAVE_CLOCKS);

  memcpy (s->thresholds, thresholds, sizeof s->thresholds);
  save_async (worker, s, cancellable, callback, user_data);
}

void
wx_db_settings_save_values_async (WxDbWorker *worker, const char * const *keys, const char * const *values,
                                  guint n, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  Save *s = save_new (SAVE_VALUES);

  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (s->keys, g_strdup (keys[i]));
      g_ptr_array_add (s->values, g_strdup (values[i]));
    }
  save_async (worker, s, cancellable, callback, user_data);
}

void
wx_db_settings_add_day_async (WxDbWorker *worker, const GDate *date, WxCalendarDayKind kind,
                              const char *name, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  Save *s = save_new (ADD_DAY);

  s->date = *date;
  s->day_kind = kind;
  s->name = g_strdup (name);
  save_async (worker, s, cancellable, callback, user_data);
}

void
wx_db_settings_remove_day_async (WxDbWorker *worker, const GDate *date, WxCalendarDayKind kind,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  Save *s = save_new (REMOVE_DAY);

  s->date = *date;
  s->day_kind = kind;
  save_async (worker, s, cancellable, callback, user_data);
}

static gboolean
setting_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  char **key_fallback = data;

  *result = wx_db_setting (conn, key_fallback[0], key_fallback[1], error);
  return *result != NULL;
}

void
wx_db_setting_async (WxDbWorker *worker, const char *key, const char *fallback, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  char **key_fallback = g_new0 (char *, 3);

  key_fallback[0] = g_strdup (key);
  key_fallback[1] = g_strdup (fallback);
  wx_db_worker_read_async (worker, setting_job, key_fallback, (GDestroyNotify) g_strfreev, g_free,
                           cancellable, callback, user_data);
}

char *
wx_db_setting_finish (WxDbWorker *worker, GAsyncResult *result, GError **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

#define G_LOG_DOMAIN "wx-rotation"

#include "wx-rotation.h"

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const GDate * const *dates = user_data;

  return g_date_compare (dates[*(const guint *) b], dates[*(const guint *) a]);
}

/* The week's Monday, as a day number. */
static guint
week_key (const GDate *d)
{
  return g_date_get_julian (d) - (g_date_get_weekday (d) - G_DATE_MONDAY);
}

static guint
month_key (const GDate *d)
{
  return g_date_get_year (d) * 100 + g_date_get_month (d);
}

/* Walks the dates newest first: a date is kept when it is among the
 * daily count, or the first (newest) seen of a new week while fewer weeks
 * than the weekly count are kept, and the same for months. */
gboolean *
wx_rotation_keep (const GDate * const *dates,
                  guint                n_dates)
{
  g_autofree guint *order = g_new (guint, n_dates ? n_dates : 1);
  gboolean *keep = g_new0 (gboolean, n_dates ? n_dates : 1);
  guint weeks = 0, months = 0, last_week = 0, last_month = 0;

  for (guint i = 0; i < n_dates; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n_dates, sizeof (guint), compare_newest_first, (gpointer) dates);
  for (guint rank = 0; rank < n_dates; rank++)
    {
      const GDate *d = dates[order[rank]];
      guint w = week_key (d), m = month_key (d);

      if (rank < WX_ROTATION_DAILY)
        keep[order[rank]] = TRUE;
      if (w != last_week && weeks < WX_ROTATION_WEEKLY)
        {
          keep[order[rank]] = TRUE;
          weeks++;
        }
      if (m != last_month && months < WX_ROTATION_MONTHLY)
        {
          keep[order[rank]] = TRUE;
          months++;
        }
      last_week = w;
      last_month = m;
    }
  return keep;
}

/* Which nightly backups the rotation keeps: 7 days, 4 weeks, 12 months. */
#include "core/wx-rotation.h"

static void
test_rotation_year (void)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *keep = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GDate) first = g_date_new_dmy (1, G_DATE_NOVEMBER, 2025);
  g_autoptr(GDate) last = g_date_new_dmy (8, G_DATE_DECEMBER, 2026);

  /* Every night from 2025-11-01 to Tuesday 2026-12-08, given newest first
   * to show the order does not matter. */
  for (guint j = g_date_get_julian (first); j <= g_date_get_julian (last); j++)
    g_ptr_array_insert (dates, 0, g_date_new_julian (j));
  g_assert_cmpuint (dates->len, ==, 61 + 342);
  keep = wx_rotation_keep ((const GDate * const *) dates->pdata, dates->len);
  for (guint i = dates->len; i-- > 0;)
    if (keep[i])
      {
        char text[16];
        g_date_strftime (text, sizeof text, "%m-%d", g_ptr_array_index (dates, i));
        g_ptr_array_add (kept, g_strdup (text));
      }
  g_ptr_array_add (kept, NULL);
  joined = g_strjoinv (" ", (char **) kept->pdata);
  /* Months: the newest of each of Jan … Dec 2026; weeks (from Monday):
   * the newest of Dec 7–13 and Nov 30–Dec 6 are daily ones, then Nov 29
   * and Nov 22; days: Dec 2–8. */
  g_assert_cmpstr (joined, ==,
                   "01-31 02-28 03-31 04-30 05-31 06-30 07-31 08-31 09-30 10-31 11-22 11-29 11-30 "
                   "12-02 12-03 12-04 12-05 12-06 12-07 12-08");
}

static void
test_rotation_few (void)
{
  g_autoptr(GDate) a = g_date_new_dmy (3, G_DATE_MARCH, 2026);
  g_autoptr(GDate) b = g_date_new_dmy (1, G_DATE_MARCH, 2025);
  const GDate *dates[] = { a, b };
  g_autofree gboolean *keep = wx_rotation_keep (dates, 2);
  g_autofree gboolean *none = wx_rotation_keep (NULL, 0);

  /* Two backups a year apart: both are among the newest 7. */
  g_assert_true (keep[0]);
  g_assert_true (keep[1]);
  g_assert_nonnull (none);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rotation/year", test_rotation_year);
  g_test_add_func ("/rotation/few", test_rotation_few);
  return g_test_run ();
}

/* wx-rotation.h — which nightly backups to keep: the 7 newest days, the
 * newest backup of each of the 4 newest ISO weeks and of each of the 12
 * newest months that have one. Pure dates, no files. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WX_ROTATION_DAILY   7
#define WX_ROTATION_WEEKLY  4
#define WX_ROTATION_MONTHLY 12

/* `dates`: the backups' dates (any order, no duplicates). Returns a new
 * array of the same length: TRUE for each date to keep. */
gboolean *wx_rotation_keep (const GDate * const *dates,
                            guint                n_dates);

G_END_DECLS

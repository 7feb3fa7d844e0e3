/* wx-db-backup.h — backup and restore with pg_dump / pg_restore (custom format). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wx_db_backup  (const char  *conninfo,
                        const char  *file,
                        GError     **error);
/* The nightly backup into `dir` (made 0700): weixiu-YYYY-MM-DD.dump of
 * `today` unless it exists (*made), then the rotation of core's
 * wx_rotation_keep (*removed: the files deleted). */
gboolean wx_db_backup_nightly (const char  *conninfo,
                               const char  *dir,
                               const GDate *today,
                               gboolean    *made,
                               guint       *removed,
                               GError     **error);
gboolean wx_db_restore (const char  *conninfo,
                        const char  *file,
                        GError     **error);

G_END_DECLS

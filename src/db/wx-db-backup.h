/* wx-db-backup.h — backup and restore with pg_dump / pg_restore (custom format). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wx_db_backup  (const char  *conninfo,
                        const char  *file,
                        GError     **error);
gboolean wx_db_restore (const char  *conninfo,
                        const char  *file,
                        GError     **error);

G_END_DECLS

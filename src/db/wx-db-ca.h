/* wx-db-ca.h — the shop's CA certificate, against which the connections to
 * the shop's server check its certificate (verify-full, wx-db.c): where it
 * is looked for, and its import from a file the IT person hands over (the
 * login dialog's "Import…"). No libpq: the gui may include it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The system's copy, which `weixiu-admin server setup` tells the IT person
 * to put on each PC. */
#define WX_DB_SYSTEM_CA "/etc/weixiu/shop-ca.crt"

/* The CA in use: $WEIXIU_CA, the user's imported copy
 * (wx_db_shop_ca_user_file), or the system's. */
char     *wx_db_shop_ca_file      (void);
/* ~/.config/weixiu/shop-ca.crt */
char     *wx_db_shop_ca_user_file (void);
/* Copies `from` (PEM, one or more certificates) to the user's copy, after
 * checking that it holds certificates and no private key. */
gboolean  wx_db_shop_ca_import    (const char  *from,
                                   GError     **error);

G_END_DECLS

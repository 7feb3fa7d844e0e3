/* wx-db-listener.h — the live boards' ears (architecture.md rule 7): a
 * thread with its own connection LISTENs to `wx_orders` and turns each
 * notification into an "orders-changed" signal on the main context with
 * the ids of the orders that changed, and `wx_settings` into
 * "settings-changed" (settings, calendar, clocks or staff). A lost
 * connection is noticed within 2 s even when nothing happens (it asks the
 * server every second without traffic): "listening" turns FALSE, with a
 * "problem"; when it is back, TRUE and "resync" say that notifications may
 * have been missed. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WX_TYPE_DB_LISTENER (wx_db_listener_get_type ())
G_DECLARE_FINAL_TYPE (WxDbListener, wx_db_listener, WX, DB_LISTENER, GObject)

/* `conninfo` NULL: the private local server. Starts listening at once. */
WxDbListener *wx_db_listener_new        (const char   *conninfo);
gboolean      wx_db_listener_get_listening (WxDbListener *self);
/* Why it is not listening (after it was), or NULL. */
const char   *wx_db_listener_get_problem (WxDbListener *self);
/* Parses a `wx_orders` payload into order ids; FALSE when it is not one. */
gboolean      wx_db_listener_parse_payload (const char *payload,
                                            GArray     *ids);

G_END_DECLS

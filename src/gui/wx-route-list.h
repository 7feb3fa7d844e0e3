/* wx-route-list.h — an engineer's visits of a day (the route list, seed 000
 * 工程师的工作安排日志), by time: the time, the order's number and unit, the
 * address, whom to ask for and their phone, the machine and fault, and how
 * the visit stands (booked, late notice given, on site, ended). For the
 * bench window; activating a stop emits "stop-activated". */
#pragma once

#include <gtk/gtk.h>

#include "core/wx-route-stop.h"
#include "db/wx-db-worker.h"

G_BEGIN_DECLS

#define WX_TYPE_ROUTE_LIST (wx_route_list_get_type ())
G_DECLARE_FINAL_TYPE (WxRouteList, wx_route_list, WX, ROUTE_LIST, GtkWidget)

WxRouteList *wx_route_list_new        (void);
/* The stops shown (WxRouteStop), replacing the list. */
void         wx_route_list_set_stops  (WxRouteList  *self,
                                       GPtrArray    *stops,
                                       gint64        day);
/* Loads the stops of `engineer` (NULL: everyone) on the shop's day of
 * `day` through `worker`; "loaded" follows (with the error, if any). */
void         wx_route_list_load       (WxRouteList  *self,
                                       WxDbWorker   *worker,
                                       const char   *engineer,
                                       gint64        day);
GListModel  *wx_route_list_get_model  (WxRouteList  *self);
/* How a stop stands, in words: booked, late notice given, on site, or its outcome. */
char        *wx_route_list_describe_stop (WxRouteStop *stop);

G_END_DECLS

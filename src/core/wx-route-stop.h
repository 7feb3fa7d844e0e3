/* wx-route-stop.h — one stop of an engineer's day (the route list): a visit
 * booked for that day with the order's number, the unit, where to go and
 * whom to ask for. An immutable snapshot, as WxOrder is for a card. */
#pragma once

#include <glib-object.h>

#include "wx-types.h"

G_BEGIN_DECLS

#define WX_TYPE_ROUTE_STOP (wx_route_stop_get_type ())
G_DECLARE_FINAL_TYPE (WxRouteStop, wx_route_stop, WX, ROUTE_STOP, GObject)

/* Strings are never NULL once in a WxRouteStop ("" instead). */
typedef struct {
  gint64        order_id;
  char         *number;
  int           version;
  WxOrderState  state;
  gint64        visit_id;        /* 0: booked on the order only (no visit row yet) */
  char         *engineer;        /* login */
  char         *engineer_name;
  gint64        appointment_at;  /* Unix seconds */
  char         *time_text;       /* HH:MM in the shop's time zone */
  char         *unit_name;
  char         *address;
  char         *contact;
  char         *phone;
  char         *machine;         /* product and model */
  char         *fault;
  gboolean      late;            /* the customer was told of a late arrival */
  gint64        arrived_at;      /* 0 = not yet */
  gint64        left_at;         /* 0 = not yet */
  char         *outcome;         /* visits.outcome code, "" while open */
} WxRouteStopData;

void             wx_route_stop_data_clear (WxRouteStopData *data);
/* Takes the strings of `data` (NULL ones become ""), leaving it cleared. */
WxRouteStop     *wx_route_stop_new_take   (WxRouteStopData *data);
const WxRouteStopData *wx_route_stop_get_data (WxRouteStop *self);

G_END_DECLS

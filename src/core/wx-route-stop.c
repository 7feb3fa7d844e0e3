#define G_LOG_DOMAIN "wx-route-stop"

#include <string.h>

#include "wx-route-stop.h"

struct _WxRouteStop
{
  GObject         parent_instance;
  WxRouteStopData data;
};

G_DEFINE_FINAL_TYPE (WxRouteStop, wx_route_stop, G_TYPE_OBJECT)

#define STRING_FIELDS(X) \
  X (number) X (engineer) X (engineer_name) X (time_text) X (unit_name) X (address) \
  X (contact) X (phone) X (machine) X (fault) X (outcome)

void
wx_route_stop_data_clear (WxRouteStopData *data)
{
#define CLEAR(f) g_clear_pointer (&data->f, g_free);
  STRING_FIELDS (CLEAR)
#undef CLEAR
  memset (data, 0, sizeof *data);
}

static void
wx_route_stop_finalize (GObject *object)
{
  wx_route_stop_data_clear (&WX_ROUTE_STOP (object)->data);
  G_OBJECT_CLASS (wx_route_stop_parent_class)->finalize (object);
}

static void
wx_route_stop_class_init (WxRouteStopClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wx_route_stop_finalize;
}

static void
wx_route_stop_init (WxRouteStop *self)
{
}

WxRouteStop *
wx_route_stop_new_take (WxRouteStopData *data)
{
  WxRouteStop *self = g_object_new (WX_TYPE_ROUTE_STOP, NULL);

  self->data = *data;
#define FILL(f) if (self->data.f == NULL) self->data.f = g_strdup ("");
  STRING_FIELDS (FILL)
#undef FILL
  memset (data, 0, sizeof *data);
  return self;
}

const WxRouteStopData *
wx_route_stop_get_data (WxRouteStop *self)
{
  g_return_val_if_fail (WX_IS_ROUTE_STOP (self), NULL);
  return &self->data;
}

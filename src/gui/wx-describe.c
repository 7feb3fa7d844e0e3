#define G_LOG_DOMAIN "wx-describe"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-describe.h"

char *
wx_engineer_load_describe (const WxEngineerLoad *e)
{
  GString *s = g_string_new (e->full_name);
  static const WxOrderState shown[] = {
    WX_ORDER_STATE_INSPECTING, WX_ORDER_STATE_REPAIRING, WX_ORDER_STATE_WAITING_PARTS,
    WX_ORDER_STATE_ONSITE_DISPATCHED, WX_ORDER_STATE_APPOINTMENT_BOOKED,
  };
  gboolean first = TRUE;

  g_string_append (s, " — ");
  g_string_append_printf (s, ngettext ("%u open order", "%u open orders", e->n_assigned), e->n_assigned);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    if (e->by_state[shown[i]] > 0)
      {
        g_string_append (s, first ? " (" : _(", "));
        g_string_append_printf (s, "%s %u", wx_order_state_label (shown[i]), e->by_state[shown[i]]);
        first = FALSE;
      }
  if (!first)
    g_string_append (s, ")");
  for (guint i = 0; e->appointments && i < e->appointments->len; i++)
    {
      const WxAppointment *a = &g_array_index (e->appointments, WxAppointment, i);

      g_string_append (s, i == 0 ? _("; visits today: ") : _(", "));
      g_string_append_printf (s, "%s %s", a->time, a->unit_name);
    }
  if (!e->active)
    g_string_append (s, _(" (inactive)"));
  return g_string_free (s, FALSE);
}

char *
wx_device_info_describe (const WxDeviceInfo *info)
{
  GString *s = g_string_new (NULL);
  const WxDeviceOrder *last = info->orders && info->orders->len ? g_ptr_array_index (info->orders, 0) : NULL;

  g_string_append_printf (s, _("Known machine: %s %s of %s."), info->product ? info->product : "",
                          info->model ? info->model : "", info->customer_name ? info->customer_name : "");
  if (info->contract_number && *info->contract_number)
    g_string_append_printf (s, _(" Under contract %s until %s."), info->contract_number, info->contract_until);
  else if (info->warranty_until && *info->warranty_until)
    g_string_append_printf (s, _(" Warranty until %s."), info->warranty_until);
  if (last)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (last->received_at);
      g_autofree char *day = g_date_time_format (at, "%Y-%m-%d");

      g_string_append_printf (s, ngettext (" %u earlier order, the last %s on %s: %s.",
                                           " %u earlier orders, the last %s on %s: %s.", info->orders->len),
                              info->orders->len, last->number, day, last->fault);
    }
  if (info->return_of)
    g_string_append_printf (s, _(" RETURN REPAIR: handed back on order %s less than the return period ago."),
                            info->return_of);
  return g_string_free (s, FALSE);
}

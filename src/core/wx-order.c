#define G_LOG_DOMAIN "wx-order"

#include <glib/gi18n.h>

#include "wx-enums.h"
#include "wx-money.h"
#include "wx-order.h"
#include "wx-workflow.h"

struct _WxOrder
{
  GObject     parent_instance;
  WxOrderData data;
  char       *search_text;   /* folded, for filters */
};

G_DEFINE_FINAL_TYPE (WxOrder, wx_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_STATE,
  PROP_VERSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

#define STRING_FIELDS(X) \
  X (number) X (unit_name) X (contact_person) X (phone) X (product_name) X (model) \
  X (serial) X (fault) X (engineer) X (engineer_name) X (owner) X (updated_by) \
  X (address) X (part) X (part_expected) X (peer)

void
wx_order_data_clear (WxOrderData *data)
{
#define CLEAR(f) g_clear_pointer (&data->f, g_free);
  STRING_FIELDS (CLEAR)
#undef CLEAR
  g_clear_pointer (&data->events, g_array_unref);
  g_clear_pointer (&data->rules, wx_sla_rules_unref);
  memset (data, 0, sizeof *data);
}

void
wx_order_data_compute_clock (WxOrderData *d,
                             gint64       now)
{
  WxClockState clocks[WX_N_CLOCKS];

  d->has_clock = FALSE;
  d->clock = 0;
  d->clock_status = WX_CLOCK_STATUS_NOT_STARTED;
  d->clock_due = 0;
  d->clock_minutes_left = 0;
  if (d->events == NULL || d->events->len == 0 || d->rules == NULL)
    return;
  wx_sla_compute (d->rules, d->kind, (const WxSlaEvent *) (gpointer) d->events->data, d->events->len, now, clocks);
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      const WxClockState *s = &clocks[c];

      if (s->status != WX_CLOCK_STATUS_RUNNING && s->status != WX_CLOCK_STATUS_AMBER &&
          s->status != WX_CLOCK_STATUS_RED)
        continue;
      if (d->has_clock && s->minutes_left >= d->clock_minutes_left)
        continue;
      d->has_clock = TRUE;
      d->clock = c;
      d->clock_status = s->status;
      d->clock_due = s->due_limit;
      d->clock_minutes_left = s->minutes_left;
    }
  if (d->has_clock)
    d->day_minutes = wx_calendar_day_minutes (wx_timeline_get_calendar (d->rules->timeline));
}

static void
wx_order_finalize (GObject *object)
{
  WxOrder *self = WX_ORDER (object);

  wx_order_data_clear (&self->data);
  g_free (self->search_text);
  G_OBJECT_CLASS (wx_order_parent_class)->finalize (object);
}

static void
wx_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WxOrder *self = WX_ORDER (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_string (value, self->data.number);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->data.state);
      break;
    case PROP_VERSION:
      g_value_set_int (value, self->data.version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_order_class_init (WxOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wx_order_finalize;
  object_class->get_property = wx_order_get_property;

  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, WX_TYPE_ORDER_STATE,
                                              WX_ORDER_STATE_RECEIVED,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] = g_param_spec_int ("version", NULL, NULL, 0, G_MAXINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wx_order_init (WxOrder *self)
{
}

WxOrder *
wx_order_new_take (WxOrderData *data)
{
  WxOrder *self = g_object_new (WX_TYPE_ORDER, NULL);
  g_autofree char *joined = NULL;

  self->data = *data;
  memset (data, 0, sizeof *data);
#define FILL(f) if (self->data.f == NULL) self->data.f = g_strdup ("");
  STRING_FIELDS (FILL)
#undef FILL
  joined = g_strjoin ("\n", self->data.number, self->data.unit_name, self->data.contact_person,
                      self->data.phone, self->data.product_name, self->data.model,
                      self->data.serial, self->data.fault, self->data.engineer_name, NULL);
  self->search_text = g_utf8_casefold (joined, -1);
  return self;
}

const WxOrderData *
wx_order_get_data (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), NULL);
  return &self->data;
}

gint64
wx_order_get_id (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), 0);
  return self->data.id;
}

const char *
wx_order_get_number (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), NULL);
  return self->data.number;
}

int
wx_order_get_version (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), 0);
  return self->data.version;
}

WxOrderKind
wx_order_get_kind (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), 0);
  return self->data.kind;
}

WxOrderState
wx_order_get_state (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), 0);
  return self->data.state;
}

WxFolder
wx_order_get_folder (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), WX_FOLDER_NONE);
  return wx_workflow_state_info (self->data.state)->folder;
}

WxShelf
wx_order_get_shelf (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), WX_SHELF_NONE);
  return wx_workflow_state_info (self->data.state)->shelf;
}

gboolean
wx_order_is_open (WxOrder *self)
{
  g_return_val_if_fail (WX_IS_ORDER (self), FALSE);
  return wx_workflow_state_info (self->data.state)->open;
}

gboolean
wx_order_equal (WxOrder *self,
                WxOrder *other)
{
  const WxOrderData *a = &self->data, *b = &other->data;

#define SAME_STRING(f) if (g_strcmp0 (a->f, b->f) != 0) return FALSE;
  STRING_FIELDS (SAME_STRING)
#undef SAME_STRING
  return a->id == b->id && a->version == b->version && a->kind == b->kind && a->state == b->state
         && a->received_at == b->received_at && a->appointment_at == b->appointment_at
         && a->updated_at == b->updated_at && a->return_repair == b->return_repair
         && a->open_escalations == b->open_escalations && a->has_clock == b->has_clock
         && a->quote_total == b->quote_total && a->quoted_at == b->quoted_at
         && a->balance == b->balance
         && (!a->has_clock || (a->clock == b->clock && a->clock_status == b->clock_status
                               && a->clock_due == b->clock_due
                               && a->clock_minutes_left == b->clock_minutes_left));
}

gboolean
wx_order_matches_text (WxOrder    *self,
                       const char *folded_text)
{
  g_return_val_if_fail (WX_IS_ORDER (self), FALSE);
  return folded_text == NULL || *folded_text == '\0' || strstr (self->search_text, folded_text) != NULL;
}

char *
wx_order_shelf_reason (WxOrder *self)
{
  const WxOrderData *d;

  g_return_val_if_fail (WX_IS_ORDER (self), NULL);
  d = &self->data;
  switch (d->state)
    {
    case WX_ORDER_STATE_RECEIVED:
      return g_strdup (d->kind == WX_ORDER_KIND_ON_SITE ? _("Taken back from the site: to inspect")
                                                         : _("To inspect"));
    case WX_ORDER_STATE_INSPECTING:
      return g_strdup (_("Inspection: reply within 4 hours"));
    case WX_ORDER_STATE_INSPECTED:
      return g_strdup (_("Inspected: awaiting the quote"));
    case WX_ORDER_STATE_QUOTED:
      if (d->quote_total > 0)
        {
          g_autofree char *amount = wx_money_format_yuan (d->quote_total);
          /* TRANSLATORS: a card's shelf reason; %s is the amount quoted */
          return g_strdup_printf (_("Awaiting the customer's decision on %s"), amount);
        }
      return g_strdup (_("Awaiting the customer's decision"));
    case WX_ORDER_STATE_AGREED:
      return g_strdup (_("Approved: to repair"));
    case WX_ORDER_STATE_WAITING_PARTS:
      if (*d->part && *d->part_expected)
        /* TRANSLATORS: a card's shelf reason: the part ordered, its expected date */
        return g_strdup_printf (_("Awaiting part %s, due %s"), d->part, d->part_expected);
      if (*d->part)
        return g_strdup_printf (_("Awaiting part %s"), d->part);
      return g_strdup (_("Awaiting parts"));
    case WX_ORDER_STATE_REPAIRING:
      return g_strdup (_("Repair: approved"));
    case WX_ORDER_STATE_OUTSOURCED:
      return *d->peer ? g_strdup_printf (_("At %s"), d->peer) : g_strdup (_("At a peer shop"));
    case WX_ORDER_STATE_DECLINED:
      return g_strdup (_("Declined: return unrepaired"));
    case WX_ORDER_STATE_REPAIRED:
      return g_strdup (_("OK: to notify the customer"));
    case WX_ORDER_STATE_NOTIFIED:
      return g_strdup (_("OK: customer notified"));
    case WX_ORDER_STATE_DELIVERING:
      return g_strdup (_("Out for delivery"));
    default:
      return g_strdup ("");
    }
}

static int
urgency_rank (const WxOrderData *d)
{
  if (!d->has_clock)
    return 3;
  switch (d->clock_status)
    {
    case WX_CLOCK_STATUS_RED:   return 0;
    case WX_CLOCK_STATUS_AMBER: return 1;
    default:                    return 2;
    }
}

int
wx_order_compare_urgency (WxOrder *a,
                          WxOrder *b)
{
  const WxOrderData *x = &a->data, *y = &b->data;
  int rx = urgency_rank (x), ry = urgency_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if (rx < 3 && x->clock_minutes_left != y->clock_minutes_left)
    return x->clock_minutes_left < y->clock_minutes_left ? -1 : 1;
  if (x->received_at != y->received_at)
    return x->received_at < y->received_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

char *
wx_format_business_minutes (gint64 minutes,
                            guint  day_minutes)
{
  gint64 m = ABS (minutes);
  gint64 days, hours;

  if (day_minutes == 0)
    day_minutes = 24 * 60;
  days = m / day_minutes;
  m -= days * day_minutes;
  hours = m / 60;
  m -= hours * 60;
  /* TRANSLATORS: business time: working days and hours */
  if (days > 0)
    return g_strdup_printf (_("%d d %d h"), (int) days, (int) hours);
  /* TRANSLATORS: business time: hours and minutes */
  if (hours > 0)
    return g_strdup_printf (_("%d h %d min"), (int) hours, (int) m);
  /* TRANSLATORS: business time: minutes */
  return g_strdup_printf (_("%d min"), (int) m);
}

WxOrder *
wx_order_at (WxOrder *self,
             gint64   now)
{
  WxOrderData d;

  g_return_val_if_fail (WX_IS_ORDER (self), NULL);
  if (self->data.events == NULL || self->data.rules == NULL)
    return NULL;
  d = self->data;
#define COPY(f) d.f = g_strdup (self->data.f);
  STRING_FIELDS (COPY)
#undef COPY
  d.events = g_array_ref (self->data.events);
  d.rules = wx_sla_rules_ref (self->data.rules);
  wx_order_data_compute_clock (&d, now);
  if (d.has_clock == self->data.has_clock &&
      (!d.has_clock || (d.clock == self->data.clock && d.clock_status == self->data.clock_status
                        && d.clock_due == self->data.clock_due
                        && d.clock_minutes_left == self->data.clock_minutes_left)))
    {
      wx_order_data_clear (&d);
      return NULL;
    }
  return wx_order_new_take (&d);
}

gboolean
wx_order_list_tick (GListStore *store,
                    gint64      now)
{
  guint n;
  gboolean moved = FALSE;

  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WxOrder) old = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(WxOrder) later = wx_order_at (old, now);

      if (later == NULL)
        continue;
      g_list_store_splice (store, i, 1, (gpointer *) &later, 1);
      moved = TRUE;
    }
  return moved;
}

gboolean
wx_order_array_tick (GPtrArray *orders,
                     gint64     now)
{
  gboolean moved = FALSE;

  for (guint i = 0; i < orders->len; i++)
    {
      WxOrder *later = wx_order_at (g_ptr_array_index (orders, i), now);

      if (later == NULL)
        continue;
      g_object_unref (g_ptr_array_index (orders, i));
      orders->pdata[i] = later;
      moved = TRUE;
    }
  return moved;
}

/* The newer card `o`, equal to `old` in what a view shows, may have been
 * computed from newer events or rules (a calendar changed for later days):
 * `old` keeps those for its next ticks. */
static void
take_clock_inputs (WxOrder *old,
                   WxOrder *o)
{
  if (old == o)
    return;
  if (o->data.events)
    g_array_ref (o->data.events);
  if (o->data.rules)
    wx_sla_rules_ref (o->data.rules);
  g_clear_pointer (&old->data.events, g_array_unref);
  g_clear_pointer (&old->data.rules, wx_sla_rules_unref);
  old->data.events = o->data.events;
  old->data.rules = o->data.rules;
}

void
wx_order_list_update (GListStore *store,
                      GPtrArray  *orders,
                      gboolean    complete)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n;

  g_return_if_fail (G_IS_LIST_STORE (store));

  for (guint i = 0; i < orders->len; i++)
    {
      WxOrder *o = g_ptr_array_index (orders, i);
      g_hash_table_insert (fresh, &o->data.id, o);
    }
  /* Replace or drop what the store holds, one exact change at a time. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n;)
    {
      g_autoptr(WxOrder) old = g_list_model_get_item (G_LIST_MODEL (store), i);
      WxOrder *o = g_hash_table_lookup (fresh, &old->data.id);

      if (o == NULL && !complete)
        {
          g_hash_table_add (seen, &old->data.id);
          i++;
          continue;
        }
      if (o == NULL || !wx_order_is_open (o))
        {
          g_list_store_remove (store, i);
          n--;
          continue;
        }
      g_hash_table_add (seen, &o->data.id);
      if (!wx_order_equal (old, o))
        g_list_store_splice (store, i, 1, (gpointer *) &o, 1);
      else
        take_clock_inputs (old, o);
      i++;
    }
  /* New orders go at the end, in one change. */
  {
    g_autoptr(GPtrArray) added = g_ptr_array_new ();

    for (guint i = 0; i < orders->len; i++)
      {
        WxOrder *o = g_ptr_array_index (orders, i);

        if (!g_hash_table_contains (seen, &o->data.id) && wx_order_is_open (o))
          g_ptr_array_add (added, o);
      }
    if (added->len > 0)
      g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, added->pdata, added->len);
  }
}

WxOrder *
wx_order_list_find (GListModel *model,
                    const char *number,
                    guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WxOrder) o = g_list_model_get_item (model, i);

      if (g_strcmp0 (o->data.number, number) == 0)
        {
          if (position)
            *position = i;
          return g_steal_pointer (&o);
        }
    }
  return NULL;
}

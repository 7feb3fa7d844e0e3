#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "core/wx-order-number.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

/* ------------------------------------------------------------------ planning */

static guint
pick_path (DemoLoad *L, WxOrderKind kind, gboolean covered)
{
  guint weights[G_N_ELEMENTS (demo_paths)];

  for (guint p = 0; p < G_N_ELEMENTS (demo_paths); p++)
    weights[p] = demo_paths[p].kind != kind ? 0
               : covered ? demo_paths[p].covered_weight : demo_paths[p].weight;
  return rnd_weighted (L->rand, weights, G_N_ELEMENTS (weights));
}

/* A customer and, unless it is a sale, one of its machines that suits the kind. */
static void
pick_machine (DemoLoad *L, WxOrderKind kind, DemoOrder *o)
{
  const DemoCustomer *c;
  guint weights[8];

  if (L->contract_customers->len > 0 && rnd_chance (L->rand, 0.25))
    o->customer = g_array_index (L->contract_customers, guint,
                                 rnd_below (L->rand, L->contract_customers->len));
  else
    o->customer = rnd_below (L->rand, L->customers->len);
  c = &g_array_index (L->customers, DemoCustomer, o->customer);
  o->device = -1;
  if (kind == WX_ORDER_KIND_SALE)
    return;
  for (guint i = 0; i < c->n_devices && i < G_N_ELEMENTS (weights); i++)
    {
      const DemoDevice *d = &g_array_index (L->devices, DemoDevice, c->first_device + i);
      const DemoCategorySpec *cat = &demo_categories[demo_models[d->model_index].category];

      weights[i] = kind == WX_ORDER_KIND_ON_SITE ? cat->on_site : cat->carry_in;
    }
  o->device = (gint) (c->first_device + rnd_weighted (L->rand, weights, MIN (c->n_devices, G_N_ELEMENTS (weights))));
}

static DemoWarranty
warranty_of (DemoLoad *L, const DemoOrder *o)
{
  const DemoCustomer *c = &g_array_index (L->customers, DemoCustomer, o->customer);
  const DemoDevice *d;
  gboolean in_time;

  if (o->device < 0)
    return WARRANTY_NONE;
  d = &g_array_index (L->devices, DemoDevice, o->device);
  in_time = d->warranty_expires >= demo_local_day (L, o->received);
  if (in_time && !g_str_equal (d->warranty_evidence, "none"))
    return WARRANTY_IN;
  if (c->is_contract)
    return WARRANTY_CONTRACT;
  return in_time ? WARRANTY_UNKNOWN : WARRANTY_OUT;
}

/* A return repair brings back a machine an earlier order already had. */
static void
pick_return (DemoLoad *L, guint i, DemoOrder *o, gint64 received_pos, const gint64 *positions)
{
  for (guint attempt = 0; i > 0 && attempt < 8; attempt++)
    {
      const DemoOrder *earlier = &L->orders[rnd_below (L->rand, i)];

      if (earlier->device >= 0 && positions[earlier->seq] < received_pos)
        {
          o->customer = earlier->customer;
          o->device = earlier->device;
          o->fault = earlier->fault;
          o->return_repair = TRUE;
          return;
        }
    }
}

static guint
pick_fault (DemoLoad *L, const DemoOrder *o)
{
  DemoCategory cat;

  if (o->device < 0)
    return 0;
  cat = demo_models[g_array_index (L->devices, DemoDevice, o->device).model_index].category;
  return L->category_faults[cat][rnd_below (L->rand, L->n_category_faults[cat])];
}

/* Order i: the first WX_N_ORDER_STATES orders are left in each state once
 * and received just long enough ago; the others are received at random in
 * the window and go along their path as far as time allows, so older
 * receipts are mostly closed. */
void
demo_plan_order (DemoLoad *L, guint i, gint64 *received_pos)
{
  DemoOrder *o = &L->orders[i];
  gboolean forced = i < WX_N_ORDER_STATES;
  gint64 pos[DEMO_MAX_STEPS];
  const DemoPath *path;
  WxOrderKind kind;

  memset (o, 0, sizeof *o);
  o->seq = i;
  o->coordinator = rnd_below (L->rand, L->n_coordinators);
  o->engineer = rnd_below (L->rand, L->n_engineers);
  /* The first engineer has a machine at every shelf and stage: the bench
   * window's demo (the others get theirs at random). */
  if (forced)
    o->engineer = 0;

  if (forced)
    {
      guint k = L->forced_step[i];
      gint64 room, slack;

      o->path = L->forced_path[i];
      path = &L->paths[o->path];
      kind = demo_paths[o->path].kind;
      pick_machine (L, kind, o);
      o->fault = pick_fault (L, o);
      pos[0] = 0;
      for (guint s = 1; s < path->n_steps; s++)
        pos[s] = pos[s - 1] + demo_step_delay (L, path->events[s]);
      room = L->pos_now - pos[k];
      if (room < 0)
        {
          double squeeze = (double) L->pos_now / (double) (pos[k] + 1);

          for (guint s = 1; s < path->n_steps; s++)
            pos[s] = (gint64) ((double) pos[s] * squeeze);
          room = L->pos_now - pos[k];
        }
      /* Recently enough that the next step is still to come. */
      slack = MIN (room, 2 * 9 * 3600);
      if (k + 1 < path->n_steps)
        slack = MIN (slack, pos[k + 1] - pos[k] - 1);
      slack = rnd_between (L->rand, MIN (1, slack), slack);   /* strictly before now */
      for (guint s = 0; s < path->n_steps; s++)
        pos[s] += room - slack;
      o->n_done = k + 1;
      o->received = demo_calendar_time (L, pos[0]);
      o->warranty = warranty_of (L, o);
    }
  else
    {
      pos[0] = rnd_between (L->rand, 0, L->pos_now - 1);
      o->received = demo_calendar_time (L, pos[0]);
      kind = rnd_weighted (L->rand, demo_kind_weights, G_N_ELEMENTS (demo_kind_weights));
      pick_machine (L, kind, o);
      o->fault = pick_fault (L, o);
      if (kind == WX_ORDER_KIND_CARRY_IN && rnd_chance (L->rand, DEMO_RETURN_SHARE))
        pick_return (L, i, o, pos[0], received_pos);
      o->warranty = warranty_of (L, o);
      o->path = pick_path (L, kind, o->warranty == WARRANTY_IN || o->warranty == WARRANTY_CONTRACT);
      path = &L->paths[o->path];
      o->n_done = 1;
      for (guint s = 1; s < path->n_steps; s++)
        {
          pos[s] = pos[s - 1] + demo_step_delay (L, path->events[s]);
          if (pos[s] < L->pos_now)
            o->n_done = s + 1;
        }
      if (o->n_done > 1 && o->received >= L->now - L->stall_days * 86400
          && rnd_chance (L->rand, L->stall_share))
        o->n_done = 1 + rnd_below (L->rand, o->n_done);
    }

  received_pos[i] = pos[0];
  o->times = L->times->len;
  for (guint s = 0; s < path->n_steps; s++)
    {
      gint64 t = demo_calendar_time (L, pos[s]);
      g_array_append_val (L->times, t);
    }
}

int
demo_compare_orders (gconstpointer a, gconstpointer b)
{
  const DemoOrder *x = a, *y = b;

  if (x->received != y->received)
    return x->received < y->received ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Ids and numbers in the order of receipt: numbers continue each year's
 * counter, which stays locked until the load commits. */
gboolean
demo_number_orders (DemoLoad *L, GError **error)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) lasts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) year_list = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[2];
  gsize run = 0;
  gint64 cursor = 0;

  runs = demo_reserve_ids (L, "service_orders", L->n_orders, error);
  if (runs == NULL)
    return FALSE;

  for (guint i = 0; i < L->n_orders; i++)
    {
      int y = demo_local_year (L, L->orders[i].received);

      if (years->len == 0 || g_array_index (years, int, years->len - 1) != y)
        {
          g_array_append_val (years, y);
          g_string_append_printf (year_list, "%s%d", years->len > 1 ? "," : "", y);
        }
    }
  g_string_append_c (year_list, '}');
  params[0] = year_list->str;
  if (!wx_db_execute (L->conn,
                      "INSERT INTO order_number_counters (year, last)"
                      " SELECT y, 0 FROM unnest($1::int[]) AS y ON CONFLICT (year) DO NOTHING",
                      1, params, error))
    return FALSE;
  res = wx_db_query (L->conn,
                     "SELECT year, last FROM order_number_counters WHERE year = ANY ($1::int[])"
                     " ORDER BY year FOR UPDATE", 1, params, error);
  if (res == NULL)
    return FALSE;
  g_array_set_size (lasts, years->len);
  for (guint y = 0; y < years->len; y++)
    for (int r = 0; r < PQntuples (res); r++)
      if (atoi (PQgetvalue (res, r, 0)) == g_array_index (years, int, y))
        g_array_index (lasts, gint64, y) = g_ascii_strtoll (PQgetvalue (res, r, 1), NULL, 10);

  for (guint i = 0, y = 0; i < L->n_orders; i++)
    {
      DemoOrder *o = &L->orders[i];
      int year = demo_local_year (L, o->received);
      char *number;

      while (g_array_index (years, int, y) != year)
        y++;
      number = wx_order_number_format (L->prefix, year, ++g_array_index (lasts, gint64, y), L->digits, error);
      if (number == NULL)
        return FALSE;
      o->number = g_string_chunk_insert (L->strings, number);
      o->id = demo_next_id (runs, &run, &cursor);
      g_free (number);
    }

  for (guint y = 0; y < years->len; y++)
    {
      g_autofree char *year = g_strdup_printf ("%d", g_array_index (years, int, y));
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (lasts, gint64, y));

      params[0] = year;
      params[1] = last;
      if (!wx_db_execute (L->conn,
                          "INSERT INTO order_number_counters AS c (year, last) VALUES ($1::int, $2::bigint)"
                          " ON CONFLICT (year) DO UPDATE SET last = greatest (c.last, excluded.last)",
                          2, params, error))
        return FALSE;
    }
  return TRUE;
}


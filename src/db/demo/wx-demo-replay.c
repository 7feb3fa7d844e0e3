#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "wx-demo.h"

static const DemoOrderRow demo_order_defaults = {
  .device_id = -1, .return_of_order_id = -1, .suggested_price = -1, .peer_id = -1, .quote_total = -1,
  .unit_address = "", .contact_person = "", .end_user = "", .floor_department = "",
  .product_name = "", .model = "", .serial = "", .asset_number = "", .reported_fault = "",
  .appearance_check = "", .warranty_status = "unknown", .warranty_evidence = "none", .remarks = "",
  .backup = "not_applicable", .fault_analysis = "", .measures = "", .parts_needed = "",
  .explanation = "", .quote_told = "", .repair_period = "", .decision_contact = "",
  .decision_reason = "", .repair_notes = "", .picked_up_by = "", .payment_status = "unpaid",
  .cancel_reason = "", .version = 0,
};

/* ------------------------------------------------------------------ paths */

static gboolean
lookup_event (const char *token, DemoEvent *event)
{
  gsize len = strlen (token);

  if (len < 4 || token[0] != '-' || !g_str_has_suffix (token, "->"))
    return FALSE;
  for (guint e = 0; e < N_EVENTS; e++)
    if (strlen (demo_events[e].code) == len - 3 && strncmp (token + 1, demo_events[e].code, len - 3) == 0)
      {
        *event = e;
        return TRUE;
      }
  return FALSE;
}

/* Reads the path table, and finds for each state the first path that
 * reaches it: the first orders are left in every state once. */
gboolean
demo_compile_paths (DemoLoad *L, GError **error)
{
  for (guint p = 0; p < G_N_ELEMENTS (demo_paths); p++)
    {
      g_auto(GStrv) tokens = g_strsplit (demo_paths[p].steps, " ", -1);
      DemoPath *path = &L->paths[p];
      gboolean want_event = TRUE;

      for (char **t = tokens; *t; t++)
        {
          DemoEvent *event = &path->events[path->n_steps];
          gboolean ok;

          if (**t == '\0')
            continue;
          /* "-event->" then a state; only the first event creates the order. */
          if (want_event)
            ok = path->n_steps < DEMO_MAX_STEPS && lookup_event (*t, event)
                 && (*event == EV_RECEIVED || *event == EV_CALL_LOGGED) == (path->n_steps == 0);
          else
            ok = wx_workflow_state_from_code (*t, &path->states[path->n_steps++]);
          if (!ok)
            {
              g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                           _("The demo path “%s” cannot be read at “%s”."), demo_paths[p].name, *t);
              return FALSE;
            }
          if (want_event && *event == EV_QUOTE)
            path->has_quote = TRUE;
          want_event = !want_event;
        }
      if (!want_event || path->n_steps == 0)
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                       _("The demo path “%s” does not end in a state."), demo_paths[p].name);
          return FALSE;
        }
    }

  for (guint s = 0; s < WX_N_ORDER_STATES; s++)
    {
      gboolean found = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (demo_paths) && !found; p++)
        for (guint k = 0; k < L->paths[p].n_steps && !found; k++)
          if (L->paths[p].states[k] == s)
            {
              L->forced_path[s] = p;
              L->forced_step[s] = k;
              found = TRUE;
            }
      if (!found)
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                       _("No demo path reaches the state “%s”."), wx_order_state_to_code (s));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ replay */

static gint64
round_price (gint64 fen)
{
  return MAX (1000, (fen + 500) / 1000 * 1000);   /* whole tens of yuan */
}

static void
add_line (DemoReplay *R, const char *kind, const char *part_number, const char *description,
          gint64 quantity, gint64 unit_price)
{
  DemoQuoteLineRow *l = &R->lines[R->n_lines++];

  l->order_id = R->row.id;
  l->position = R->n_lines;
  l->kind = kind;
  l->part_number = part_number ? part_number : "";
  l->description = description;
  l->quantity = quantity;
  l->unit_price = unit_price;
  R->total += quantity * unit_price;
}

/* The order's price lines: parts and labour of the fault (plus the visit for
 * on-site orders), or the items of a sale. */
static void
price_order (DemoLoad *L, DemoReplay *R)
{
  if (R->priced)
    return;
  R->priced = TRUE;
  if (R->fault == NULL)
    {
      guint n = 1 + rnd_below (L->rand, 3);
      guint first = rnd_below (L->rand, G_N_ELEMENTS (demo_sale_items));

      for (guint i = 0; i < n; i++)
        {
          const DemoSaleItem *item = &demo_sale_items[(first + i * 5) % G_N_ELEMENTS (demo_sale_items)];

          add_line (R, "item", item->part_number, item->name,
                    rnd_between (L->rand, 1, item->max_quantity), item->price);
        }
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (R->fault->parts) && R->fault->parts[i].name; i++)
    add_line (R, "part", R->fault->parts[i].part_number, R->fault->parts[i].name, 1,
              round_price (R->fault->parts[i].price * rnd_between (L->rand, 90, 120) / 100));
  add_line (R, "labour", NULL, "检测维修费", 1,
            round_price (R->fault->labour * rnd_between (L->rand, 80, 130) / 100));
  if (g_str_equal (R->row.kind, "on_site") && !R->customer->is_contract)
    add_line (R, "fee", NULL, "上门服务费", 1, round_price (rnd_between (L->rand, 5000, 15000)));
}

/* The parts (or the items sold) as the form's parts field lists them. */
static const char *
parts_text (DemoLoad *L, DemoReplay *R)
{
  g_string_truncate (L->text, 0);
  for (guint i = 0; i < R->n_lines; i++)
    if (g_str_equal (R->lines[i].kind, "part") || g_str_equal (R->lines[i].kind, "item"))
      g_string_append_printf (L->text, "%s%s（%s）×%" G_GINT64_FORMAT, L->text->len ? "；" : "",
                              R->lines[i].description, R->lines[i].part_number, R->lines[i].quantity);
  return L->text->len ? demo_keep (L->scratch, L->text) : "无需更换备件";
}

static const char *
role_of (DemoLoad *L, const DemoReplay *R, DemoActor actor)
{
  switch (actor)
    {
    case ACTOR_ENGINEER:
      return L->engineers[R->plan->engineer];
    case ACTOR_SUPERVISOR:
      return L->supervisor;
    case ACTOR_COORDINATOR:
    default:
      /* Mostly whoever took the order (首问负责); sometimes the other desk. */
      return L->coordinators[rnd_chance (L->rand, 0.85) ? R->plan->coordinator
                                                        : rnd_below (L->rand, L->n_coordinators)];
    }
}

/* Paying at pickup, delivery or on-site acceptance. */
static void
settle (DemoLoad *L, DemoReplay *R, gint64 at, const char *actor)
{
  DemoOrderRow *r = &R->row;
  gboolean declined = r->decision && g_str_equal (r->decision, "decline");
  gint64 amount = 0;   /* a declined machine goes back free of charge */
  const char *note = "";

  if (!declined && r->quote_total >= 0)
    amount = r->quote_total;
  else if (!declined && g_str_equal (r->kind, "on_site") &&
           R->plan->warranty != WARRANTY_IN && R->plan->warranty != WARRANTY_CONTRACT)
    {
      amount = round_price (rnd_between (L->rand, 5000, 15000));
      note = "上门服务费";
    }

  if (amount == 0)
    r->payment_status = R->customer->is_contract ? "on_account" : "free";
  else if (R->customer->is_contract || rnd_chance (L->rand, 0.1))
    r->payment_status = "on_account";
  else
    {
      DemoPaymentRow p = { r->id, at, amount,
                           RND_WEIGHTED (L->rand, demo_pay_methods, demo_pay_method_weights), actor, note };

      r->payment_status = "paid";
      demo_put_row (L, T_PAYMENTS, &p);
    }
  /* The amount is the payment's record, not the step's data. */
  demo_json_string (L->json, "payment_status", r->payment_status);
}

gint64
demo_supplier_id (DemoLoad *L, GArray *list, const char **name)
{
  const DemoSupplier *s;

  if (list->len == 0)
    {
      *name = "";
      return -1;
    }
  s = &g_array_index (list, DemoSupplier, rnd_below (L->rand, list->len));
  *name = s->name;
  return s->id;
}

/* What one event does to the order, and its payload: the step's data as
 * the real step sends it to wx_transition, keyed as the step catalogue
 * says (the keys of its needs and its fills, transitions[] of
 * core/wx-workflow.c), all text (tests/db/test-demo-keys.c). */
static void
apply_event (DemoLoad *L, DemoReplay *R, DemoEvent event, gint64 at, const char *actor)
{
  DemoOrderRow *r = &R->row;
  const char *engineer = L->engineers[R->plan->engineer];
  const char *name;

  switch (event)
    {
    case EV_RECEIVED:
    case EV_CALL_LOGGED:
      /* Intake's event carries no data: the order holds it all. */
      r->received_by = r->owner_role = actor;
      r->received_at = r->created_at = at;
      r->notice_read = r->customer_signed = event == EV_RECEIVED;
      break;

    case EV_DISPATCH_INSPECTION:
    case EV_DISPATCH_REPAIR:
    case EV_DISPATCH_ONSITE:
    case EV_DISPATCH_DELIVERY:
      r->engineer = engineer;
      if (r->dispatched_at == 0)
        r->dispatched_at = at;
      demo_json_string (L->json, "engineer", engineer);
      break;

    case EV_TAKE_BACK:
      r->customer_signed = TRUE;
      r->appearance_check = RND_ITEM (L->rand, demo_appearance);
      demo_json_flag (L->json, "customer_signed", TRUE);
      break;

    case EV_INSPECT:
      price_order (L, R);
      r->inspected_by = actor;
      r->inspected_at = at;
      r->fault_analysis = R->fault->analysis;
      r->measures = R->fault->measures;
      r->parts_needed = parts_text (L, R);
      if (R->path->has_quote)
        {
          r->suggested_price = R->total;
          r->explanation = R->fault->analysis;
        }
      else
        r->explanation = "保修期内，免费维修";
      demo_json_string (L->json, "fault_analysis", r->fault_analysis);
      demo_json_string (L->json, "measures", r->measures);
      demo_json_string (L->json, "parts_needed", r->parts_needed);
      if (r->suggested_price >= 0)
        demo_json_digits (L->json, "suggested_price", r->suggested_price);
      demo_json_string (L->json, "explanation", r->explanation);
      break;

    case EV_QUOTE:
      price_order (L, R);
      for (guint i = 0; i < R->n_lines; i++)
        demo_put_row (L, T_QUOTE_LINES, &R->lines[i]);
      r->quote_total = R->total;
      r->quoted_at = at;
      r->quote_method = R->fault ? RND_WEIGHTED (L->rand, demo_quote_methods, demo_quote_method_weights)
                                 : "in_person";
      if (*r->end_user && rnd_chance (L->rand, 0.5))
        {
          g_string_printf (L->text, "%s（使用人 %s）", r->contact_person, r->end_user);
          r->quote_told = demo_keep (L->scratch, L->text);
        }
      else
        r->quote_told = r->contact_person;
      r->repair_period = R->fault == NULL ? "现货"
                       : R->step + 2 < R->path->n_steps && R->path->events[R->step + 2] == EV_ORDER_PARTS
                       ? "备件到货后 2 个工作日"
                       : RND_ITEM (L->rand, demo_repair_periods);
      demo_json_digits (L->json, "quote_total", r->quote_total);
      demo_json_string (L->json, "quote_method", r->quote_method);
      demo_json_string (L->json, "quote_told", r->quote_told);
      demo_json_string (L->json, "repair_period", r->repair_period);
      break;

    case EV_AGREE:
    case EV_DECLINE:
      {
        /* After the decision clock's limit the step needs a reason and
         * flags the event, as wx_transition does. */
        gboolean late = demo_calendar_pos (L, at) > demo_calendar_pos (L, r->quoted_at) + L->decision_limit;

        r->decision = event == EV_AGREE ? "agree" : "decline";
        r->decided_at = at;
        r->decision_contact = r->contact_person;
        if (event == EV_DECLINE)
          r->decision_reason = RND_ITEM (L->rand, demo_decline_reasons);
        else if (late)
          r->decision_reason = RND_ITEM (L->rand, demo_slow_decisions);
        demo_json_string (L->json, "decision_contact", r->decision_contact);
        if (*r->decision_reason)
          demo_json_string (L->json, "decision_reason", r->decision_reason);
        if (late)
          demo_json_flag (L->json, "late_decision", TRUE);
      }
      break;

    case EV_ORDER_PARTS:
      R->has_part_order = TRUE;
      R->part_order.order_id = r->id;
      R->part_order.cost = -1;
      if (R->n_lines > 0 && g_str_equal (R->lines[0].kind, "part"))
        {
          R->part_order.description = R->lines[0].description;
          R->part_order.cost = R->lines[0].unit_price * 6 / 10;
        }
      else
        {
          g_string_printf (L->text, "%s维修配件", r->product_name);
          R->part_order.description = demo_keep (L->scratch, L->text);
        }
      R->part_order.supplier_id = demo_supplier_id (L, L->vendors, &name);
      R->part_order.ordered_at = at;
      R->part_order.expected_on = demo_local_day (L, at) + rnd_between (L->rand, 2, 6);
      R->part_order.prepaid = rnd_chance (L->rand, 0.3);
      demo_json_string (L->json, "part", R->part_order.description);
      if (R->part_order.supplier_id >= 0)
        demo_json_digits (L->json, "supplier_id", R->part_order.supplier_id);
      demo_json_digits (L->json, "quantity", 1);
      demo_json_date (L->json, "expected_on", R->part_order.expected_on);
      demo_json_flag (L->json, "prepaid", R->part_order.prepaid);
      if (R->part_order.cost >= 0)
        demo_json_digits (L->json, "cost", R->part_order.cost);
      break;

    case EV_PARTS_ARRIVED:
      R->part_order.arrived_at = at;
      break;

    case EV_OUTSOURCE:
      R->has_outsourcing = TRUE;
      R->outsourcing.order_id = r->id;
      R->outsourcing.peer_id = r->peer_id = demo_supplier_id (L, L->peers, &name);
      R->outsourcing.sent_at = at;
      R->outsourcing.followed_by = engineer;
      R->outsourcing.peer_quote = round_price (R->total * rnd_between (L->rand, 40, 70) / 100);
      R->outsourcing.notes = "本店无备件及维修设备，送同行维修，工程师跟单";
      R->outsourcing.returned_at = R->outsourcing.replied_at = 0;
      if (r->peer_id >= 0)
        demo_json_digits (L->json, "peer_id", r->peer_id);
      break;

    case EV_OUTSOURCE_RETURN:
      /* The machine is back: the step has no data of its own. */
      r->repaired_by = engineer;
      r->repaired_at = at;
      R->outsourcing.replied_at = MIN (at, demo_calendar_time (L, demo_calendar_pos (L, R->outsourcing.sent_at)
                                                          + rnd_between (L->rand, 30, 480) * 60));
      R->outsourcing.returned_at = at;
      r->repair_notes = "同行维修完毕，已验机测试正常";
      r->old_parts = R->fault->parts[0].name ? RND_ITEM (L->rand, demo_old_parts) : "none";
      break;

    case EV_REPAIR_DONE:
    case EV_FIX_ON_SITE:
      r->repaired_by = actor;
      r->repaired_at = at;
      r->repair_notes = R->fault->measures;
      if (event == EV_FIX_ON_SITE)
        {
          r->customer_signed = TRUE;
          if (*r->fault_analysis == '\0')
            {
              r->fault_analysis = R->fault->analysis;
              r->measures = R->fault->measures;
            }
        }
      r->old_parts = R->fault->parts[0].name ? RND_ITEM (L->rand, demo_old_parts) : "none";
      demo_json_string (L->json, "repair_notes", r->repair_notes);
      demo_json_string (L->json, "old_parts", r->old_parts);
      if (event == EV_FIX_ON_SITE)
        demo_json_flag (L->json, "customer_signed", TRUE);
      else
        {
          /* The repair record: the machine cleaned, every functional test
           * of its category passed. */
          demo_json_flag (L->json, "cleaned", TRUE);
          demo_json_string (L->json, "functional_tests", L->model_tests[R->device->model_index]);
        }
      break;

    case EV_NOTIFY:
      r->notified_at = at;
      demo_json_string (L->json, "answered_by", *r->end_user && rnd_chance (L->rand, 0.3)
                                           ? r->end_user : r->contact_person);
      break;

    case EV_PICKUP:
    case EV_DELIVER:
    case EV_ACCEPT:
      r->picked_up_at = at;
      r->picked_up_by = *r->end_user && rnd_chance (L->rand, 0.4) ? r->end_user : r->contact_person;
      r->pickup_signed = TRUE;
      /* The accessories are checked and handed back with a machine that
       * was left with the shop (a sale collected at the desk has none). */
      r->accessories_checked = event == EV_DELIVER || (event == EV_PICKUP && R->device != NULL);
      if (event == EV_DELIVER)
        r->delivered_by = actor;
      R->machine_back = TRUE;
      if (r->accessories_checked)
        demo_json_flag (L->json, "accessories_checked", TRUE);
      demo_json_string (L->json, "picked_up_by", r->picked_up_by);
      demo_json_flag (L->json, "pickup_signed", TRUE);
      settle (L, R, at, actor);
      break;

    case EV_BOOK_VISIT:
      {
        /* The engineer books the slot of the planned arrival, on the half hour. */
        gint64 arrival = R->step + 1 < R->path->n_steps
                       ? g_array_index (L->times, gint64, R->plan->times + R->step + 1) : at + 7200;

        r->appointment_at = MAX (at + 60, arrival - arrival % 1800);
        demo_json_time (L->json, "appointment_at", r->appointment_at);
      }
      break;

    case EV_ARRIVE:
      break;

    case EV_ENTER:
      r->entered_at = at;
      r->confirmed_by = actor;
      break;

    case EV_REVIEW:
      r->reviewed_by = actor;
      r->reviewed_at = at;
      break;

    case EV_RECONCILE:
      r->reconciled_at = at;
      break;

    case EV_INVOICE:
      r->invoiced_at = at;
      break;

    case EV_CANCEL:
      r->cancel_reason = g_str_equal (r->kind, "on_site") ? RND_ITEM (L->rand, demo_onsite_cancel_reasons)
                                                          : RND_ITEM (L->rand, demo_cancel_reasons);
      R->machine_back = TRUE;
      demo_json_string (L->json, "cancel_reason", r->cancel_reason);
      break;

    case N_EVENTS:
    default:
      g_assert_not_reached ();
    }
}

/* The intake part of the form: who, which machine, what is wrong. */
static void
intake (DemoLoad *L, DemoReplay *R, guint index)
{
  const DemoOrder *o = &L->orders[index];
  DemoOrderRow *r = &R->row;
  const DemoWord *surname, *given;
  gboolean covered = o->warranty == WARRANTY_IN || o->warranty == WARRANTY_CONTRACT;
  gint previous = o->device >= 0 ? L->last_order_of_device[o->device] : -1;
  g_autoptr(GString) remarks = g_string_new (NULL);

  memset (R, 0, sizeof *R);
  R->row = demo_order_defaults;
  R->plan = o;
  R->path = &L->paths[o->path];
  R->customer = &g_array_index (L->customers, DemoCustomer, o->customer);
  R->device = o->device >= 0 ? &g_array_index (L->devices, DemoDevice, o->device) : NULL;
  R->fault = R->device ? &demo_faults[o->fault] : NULL;

  r->id = o->id;
  r->number = o->number;
  r->kind = wx_order_kind_to_code (demo_paths[o->path].kind);
  r->customer_id = R->customer->id;
  r->unit_name = R->customer->unit_name;
  r->unit_address = R->customer->address;
  r->contact_person = R->customer->contact_person;
  r->contact_mobile = R->customer->mobile;
  r->contact_phone = R->customer->phone;
  r->contact_fax = R->customer->fax;
  r->contact_email = R->customer->email;
  if (rnd_chance (L->rand, 0.5))
    {
      r->end_user = demo_make_person (L, L->scratch, &surname, &given);
      r->end_user_phone = demo_make_mobile (L, L->scratch);
    }
  if (rnd_chance (L->rand, 0.7))
    r->floor_department = RND_ITEM (L->rand, demo_departments);
  r->warranty_status = demo_warranty_codes[o->warranty];

  if (R->device)
    {
      const DemoModel *m = &demo_models[R->device->model_index];

      r->device_id = R->device->id;
      r->product_name = m->product;
      r->model = L->model_names[R->device->model_index];
      r->serial = R->device->serial;
      r->asset_number = R->device->asset_number;
      r->warranty_evidence = R->device->warranty_evidence;
      r->reported_fault = R->fault->reported;
      if (g_str_equal (r->kind, "carry_in"))
        {
          r->appearance_check = RND_ITEM (L->rand, demo_appearance);
          if (demo_categories[m->category].holds_data)
            r->backup = RND_ITEM (L->rand, demo_backups);
        }
      L->last_order_of_device[o->device] = (gint) index;
    }
  else
    {
      /* Sales: the fault fields say 购买 and the parts field lists the items. */
      price_order (L, R);
      r->product_name = R->lines[0].description;
      r->reported_fault = r->fault_analysis = r->measures = "购买";
      r->parts_needed = parts_text (L, R);
    }

  if (o->return_repair && previous >= 0)
    {
      r->is_return_repair = TRUE;
      r->return_of_order_id = L->orders[previous].id;
      g_string_append_printf (remarks, "返修，原维修单 %s", L->orders[previous].number);
    }
  else if (previous >= 0 && rnd_chance (L->rand, 0.3))
    g_string_append_printf (remarks, "曾修过，上次维修单 %s", L->orders[previous].number);
  if (covered && R->path->has_quote && R->fault)
    g_string_append_printf (remarks, "%s%s", remarks->len ? "；" : "",
                            o->warranty == WARRANTY_IN ? "人为损坏，不在保修范围" : "合同外项目，需另行报价");
  else if (o->warranty == WARRANTY_UNKNOWN)
    g_string_append_printf (remarks, "%s未带保修卡及发票，按保外处理", remarks->len ? "；" : "");
  if (remarks->len)
    r->remarks = demo_keep (L->scratch, remarks);
}

/* Replays the order's steps that happened: each one writes its event and
 * fills the columns that step fills on the paper form. */
void
demo_write_order (DemoLoad *L, guint index)
{
  static const guint accessory_counts[] = { 30, 35, 25, 10 };   /* 0–3 */
  const DemoOrder *o = &L->orders[index];
  DemoReplay R;

  intake (L, &R, index);
  for (R.step = 0; R.step < o->n_done; R.step++)
    {
      DemoEvent event = R.path->events[R.step];
      gint64 at = g_array_index (L->times, gint64, o->times + R.step);
      const char *actor = role_of (L, &R, demo_events[event].actor);
      DemoEventRow row;

      g_string_assign (L->json, "{");
      apply_event (L, &R, event, at, actor);
      g_string_append_c (L->json, '}');

      row.order_id = o->id;
      row.at = at;
      row.actor = actor;
      row.event = demo_events[event].code;
      row.from_state = R.step > 0 ? wx_order_state_to_code (R.path->states[R.step - 1]) : NULL;
      row.to_state = wx_order_state_to_code (R.path->states[R.step]);
      row.payload = L->json->str;
      demo_put_row (L, T_EVENTS, &row);

      R.row.state = row.to_state;
      R.row.updated_at = at;
      R.row.updated_by = actor;
      R.row.version++;
    }
  demo_put_row (L, T_ORDERS, &R.row);

  if (g_str_equal (R.row.kind, "carry_in"))
    {
      const DemoCategorySpec *cat = &demo_categories[demo_models[R.device->model_index].category];
      guint n = rnd_weighted (L->rand, accessory_counts, G_N_ELEMENTS (accessory_counts));
      guint first = rnd_below (L->rand, G_N_ELEMENTS (cat->accessories));

      for (guint i = 0; i < n; i++)
        {
          DemoAccessoryRow a = { o->id, i + 1, cat->accessories[(first + i) % G_N_ELEMENTS (cat->accessories)],
                                 R.machine_back };
          demo_put_row (L, T_ACCESSORIES, &a);
        }
    }
  if (R.has_part_order)
    demo_put_row (L, T_PART_ORDERS, &R.part_order);
  if (R.has_outsourcing)
    demo_put_row (L, T_OUTSOURCING, &R.outsourcing);
}


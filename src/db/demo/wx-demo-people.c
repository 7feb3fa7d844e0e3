#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "db/wx-db-staff.h"
#include "db/wx-db-shop.h"
#include "wx-demo.h"

/* ------------------------------------------------------------------ people and units */

const char *
demo_keep (GStringChunk *chunk, GString *text)
{
  return g_string_chunk_insert (chunk, text->str);
}

static const char *
fill_pattern (DemoLoad *L, const char *pattern)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static const char alnum[] = "0123456789BCDFGHJKLMNPQRSTVWXYZ";

  g_string_truncate (L->text, 0);
  for (const char *p = pattern; *p; p++)
    switch (*p)
      {
      case '@': g_string_append_c (L->text, letters[rnd_below (L->rand, sizeof letters - 1)]); break;
      case '#': g_string_append_c (L->text, (char) ('0' + rnd_below (L->rand, 10))); break;
      case '*': g_string_append_c (L->text, alnum[rnd_below (L->rand, sizeof alnum - 1)]); break;
      default:  g_string_append_c (L->text, *p); break;
      }
  return demo_keep (L->strings, L->text);
}

const char *
demo_make_person (DemoLoad *L, GStringChunk *chunk, const DemoWord **surname, const DemoWord **given)
{
  *surname = &RND_ITEM (L->rand, demo_surnames);
  *given = &RND_ITEM (L->rand, demo_given_names);
  g_string_assign (L->text, (*surname)->hanzi);
  g_string_append (L->text, (*given)->hanzi);
  return demo_keep (chunk, L->text);
}

const char *
demo_make_mobile (DemoLoad *L, GStringChunk *chunk)
{
  g_string_assign (L->text, RND_ITEM (L->rand, demo_mobile_prefixes));
  demo_append_digits (L->text, (guint) rnd_between (L->rand, 0, 99999999), 8);
  return demo_keep (chunk, L->text);
}

static const char *
make_landline (DemoLoad *L)
{
  static const char first_digits[] = "2368";

  g_string_assign (L->text, "020-");
  g_string_append_c (L->text, first_digits[rnd_below (L->rand, sizeof first_digits - 1)]);
  demo_append_digits (L->text, (guint) rnd_between (L->rand, 0, 9999999), 7);
  return demo_keep (L->strings, L->text);
}

static const char *
make_email (DemoLoad *L, const DemoWord *surname, const DemoWord *given, const char *domain)
{
  static const char * const mail_hosts[] = { "@163.com", "@126.com", "@139.com", "@sina.com" };
  guint style = rnd_below (L->rand, domain ? 3 : 2);

  g_string_truncate (L->text, 0);
  if (style == 0)
    {
      demo_append_int (L->text, rnd_between (L->rand, 10000, 2999999999));
      g_string_append (L->text, "@qq.com");
    }
  else
    {
      g_string_append (L->text, surname->pinyin);
      g_string_append (L->text, style == 2 ? "." : "");
      g_string_append (L->text, given->pinyin);
      if (style == 1)
        {
          demo_append_int (L->text, rnd_between (L->rand, 1, 99));
          g_string_append (L->text, RND_ITEM (L->rand, mail_hosts));
        }
      else
        {
          g_string_append_c (L->text, '@');
          g_string_append (L->text, domain);
        }
    }
  return demo_keep (L->strings, L->text);
}

/* 广州市天河区宏达贸易有限公司, 广州岭南职业技术学院, 广州市海珠区人民医院. */
static const char *
make_unit_name (DemoLoad *L, DemoCustomer *c)
{
  for (guint attempt = 0; ; attempt++)
    {
      guint form = rnd_below (L->rand, 100);

      c->district = rnd_below (L->rand, G_N_ELEMENTS (demo_districts));
      c->pinyin = NULL;
      if (form < 65)
        {
          const DemoWord *trade = &RND_ITEM (L->rand, demo_trade_names);

          g_string_assign (L->text, "广州市");
          g_string_append (L->text, demo_districts[c->district].district);
          g_string_append (L->text, trade->hanzi);
          g_string_append (L->text, RND_ITEM (L->rand, demo_company_kinds));
          c->pinyin = trade->pinyin;
        }
      else if (form < 80)
        {
          const DemoWord *name = &RND_ITEM (L->rand, demo_institution_names);

          g_string_assign (L->text, "广州");
          g_string_append (L->text, name->hanzi);
          g_string_append (L->text, RND_ITEM (L->rand, demo_institution_kinds));
          c->pinyin = name->pinyin;
        }
      else
        {
          g_string_assign (L->text, "广州市");
          g_string_append (L->text, demo_districts[c->district].district);
          g_string_append (L->text, RND_ITEM (L->rand, demo_district_units));
        }
      if (!g_hash_table_contains (L->unit_names, L->text->str))
        break;
      /* Many customers outnumber the names: then branches of the same unit. */
      if (attempt >= 8)
        {
          gsize len = L->text->len;

          for (guint b = 1; b <= G_N_ELEMENTS (demo_districts); b++)
            {
              const char *branch = demo_districts[(c->district + b) % G_N_ELEMENTS (demo_districts)].district;

              g_string_truncate (L->text, len);
              g_string_append_len (L->text, branch, strlen (branch) - strlen ("区"));
              g_string_append (L->text, form < 65 ? "分公司" : "分部");
              if (!g_hash_table_contains (L->unit_names, L->text->str))
                break;
            }
          break;
        }
    }
  c->unit_name = demo_keep (L->strings, L->text);
  g_hash_table_add (L->unit_names, (gpointer) c->unit_name);
  return c->unit_name;
}

static const char *
make_address (DemoLoad *L, guint district)
{
  const DemoDistrict *d = &demo_districts[district];
  guint n_streets = 0;

  while (n_streets < G_N_ELEMENTS (d->streets) && d->streets[n_streets])
    n_streets++;
  g_string_assign (L->text, "广州市");
  g_string_append (L->text, d->district);
  g_string_append (L->text, d->streets[rnd_below (L->rand, n_streets)]);
  g_string_append_c (L->text, ' ');
  demo_append_int (L->text, rnd_between (L->rand, 1, 688));
  g_string_append (L->text, " 号");
  if (rnd_chance (L->rand, 0.6))
    {
      g_string_append_c (L->text, ' ');
      g_string_append (L->text, RND_ITEM (L->rand, demo_buildings));
      g_string_append_c (L->text, ' ');
      demo_append_int (L->text, rnd_between (L->rand, 2, 38));
      demo_append_digits (L->text, (guint) rnd_between (L->rand, 1, 20), 2);
      g_string_append (L->text, " 室");
    }
  return demo_keep (L->strings, L->text);
}

static void
make_devices (DemoLoad *L, DemoCustomer *c)
{
  guint weights[G_N_ELEMENTS (demo_models)];

  for (guint i = 0; i < G_N_ELEMENTS (demo_models); i++)
    weights[i] = demo_models[i].weight * demo_categories[demo_models[i].category].weight;

  c->first_device = L->devices->len;
  c->n_devices = c->is_contract ? (guint) rnd_between (L->rand, 3, 6) : (guint) rnd_between (L->rand, 1, 3);
  for (guint i = 0; i < c->n_devices; i++)
    {
      DemoDevice d = { 0 };
      const DemoModel *m;
      gint64 age = rnd_between (L->rand, L->window_days + 10, MAX (2400, L->window_days + 400));   /* bought before any order */
      guint years = rnd_chance (L->rand, 0.6) ? 1 : 3;
      GDate expires;

      d.model_index = rnd_weighted (L->rand, weights, G_N_ELEMENTS (weights));
      m = &demo_models[d.model_index];
      d.customer_id = c->id;
      d.category = demo_categories[m->category].code;
      d.brand = m->brand;
      d.model = m->model;
      d.serial = fill_pattern (L, m->serial);
      d.asset_number = c->asset_pattern ? fill_pattern (L, c->asset_pattern) : "";
      d.purchase_date = L->today - age;
      d.warranty_evidence = RND_WEIGHTED (L->rand, demo_evidence, demo_evidence_weights);
      /* The day before the anniversary (28 February for a 29th). */
      demo_date_of_day (d.purchase_date, &expires);
      g_date_add_years (&expires, years);
      d.warranty_expires = demo_day_of_date (&expires) - 1;
      /* Registered when first seen, before the orders of the window. */
      d.created_at = MAX (c->created_at, demo_local_unix (L, d.purchase_date, 12 * 60)) + rnd_between (L->rand, 0, 5 * 86400);
      d.created_at = MIN (d.created_at, g_array_index (L->days, DemoDay, 0).open - 3600);
      g_array_append_val (L->devices, d);
    }
}

gboolean
demo_make_customers (DemoLoad *L, GError **error)
{
  guint n = MAX (20, L->n_orders / 4);
  guint n_devices = 0;
  g_autoptr(GArray) runs = NULL;
  gsize run = 0;
  gint64 cursor = 0;

  runs = demo_reserve_ids (L, "customers", n, error);
  if (runs == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      DemoCustomer c = { 0 };
      const DemoWord *surname, *given;

      c.id = demo_next_id (runs, &run, &cursor);
      make_unit_name (L, &c);
      c.address = make_address (L, c.district);
      c.city = "广州";
      c.contact_person = demo_make_person (L, L->strings, &surname, &given);
      c.mobile = rnd_chance (L->rand, 0.85) ? demo_make_mobile (L, L->strings) : NULL;
      c.phone = c.mobile == NULL || rnd_chance (L->rand, 0.6) ? make_landline (L) : NULL;
      c.fax = c.phone && rnd_chance (L->rand, 0.25) ? make_landline (L) : NULL;
      if (rnd_chance (L->rand, 0.45))
        {
          const char *domain = NULL;

          if (c.pinyin)
            {
              g_string_printf (L->text, "%s.com.cn", c.pinyin);
              domain = demo_keep (L->strings, L->text);
            }
          c.email = make_email (L, surname, given, domain);
        }
      c.is_contract = i % 5 == 2;   /* one customer in five has a service contract */
      c.notes = c.is_contract ? "合同客户，月结" : "";
      c.created_at = L->now - (L->window_days + rnd_between (L->rand, 1, 1500)) * 86400 - rnd_below (L->rand, 86400);
      c.asset_pattern = rnd_chance (L->rand, 0.7) ? RND_ITEM (L->rand, demo_asset_patterns) : NULL;
      make_devices (L, &c);
      if (c.is_contract)
        g_array_append_val (L->contract_customers, i);
      g_array_append_val (L->customers, c);
    }

  n_devices = L->devices->len;
  g_clear_pointer (&runs, g_array_unref);
  runs = demo_reserve_ids (L, "devices", n_devices, error);
  if (runs == NULL)
    return FALSE;
  run = 0;
  cursor = 0;
  for (guint i = 0; i < n_devices; i++)
    g_array_index (L->devices, DemoDevice, i).id = demo_next_id (runs, &run, &cursor);

  for (guint i = 0; i < n; i++)
    demo_put_row (L, T_CUSTOMERS, &g_array_index (L->customers, DemoCustomer, i));
  for (guint i = 0; i < n_devices; i++)
    demo_put_row (L, T_DEVICES, &g_array_index (L->devices, DemoDevice, i));
  return demo_flush_table (L, T_CUSTOMERS, error) && demo_flush_table (L, T_DEVICES, error);
}

/* ------------------------------------------------------------------ staff and suppliers */

gboolean
demo_ensure_staff (DemoLoad *L, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_staff); i++)
    {
      const DemoStaff *s = &demo_staff[i];
      const char *params[2] = { s->role, s->phone };

      if (!wx_db_staff_ensure (L->conn, s->role, s->full_name, s->roles, error))
        return FALSE;
      if (!wx_db_execute (L->conn, "UPDATE staff SET phone = $2 WHERE role_name = $1 AND phone IS NULL",
                          2, params, error))
        return FALSE;

      if (s->roles & WX_ROLE_COORDINATOR)
        L->coordinators[L->n_coordinators++] = s->role;
      if (s->roles & WX_ROLE_ENGINEER)
        L->engineers[L->n_engineers++] = s->role;
      if (s->roles & WX_ROLE_SUPERVISOR)
        L->supervisor = s->role;
    }
  return TRUE;
}

gboolean
demo_ensure_suppliers (DemoLoad *L, GError **error)
{
  g_autoptr(PGresult) res = NULL;

  /* Through wx_supplier_save, as the records window adds them. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_suppliers); i++)
    {
      const DemoSupplierSpec *s = &demo_suppliers[i];
      const char *params[1] = { s->name };
      g_autofree char *known = NULL;
      g_autoptr(JsonObject) changes = NULL;
      GError *local = NULL;

      known = wx_db_query_value (L->conn, "SELECT id FROM suppliers WHERE name = $1", 1, params, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (known)
        continue;
      changes = json_object_new ();
      json_object_set_string_member (changes, "name", s->name);
      json_object_set_string_member (changes, "kind", s->kind);
      json_object_set_string_member (changes, "address", s->address);
      json_object_set_string_member (changes, "phone", s->phone);
      json_object_set_string_member (changes, "contact", s->contact);
      if (wx_db_record_save (L->conn, WX_DB_RECORD_SUPPLIER, 0, 0, changes, NULL, error) == 0)
        return FALSE;
    }
  res = wx_db_query (L->conn, "SELECT id, name, kind FROM suppliers ORDER BY id", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      DemoSupplier s = { g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10),
                         g_string_chunk_insert (L->strings, PQgetvalue (res, i, 1)) };
      const char *kind = PQgetvalue (res, i, 2);

      if (!g_str_equal (kind, "supplier"))
        g_array_append_val (L->peers, s);
      if (!g_str_equal (kind, "peer_shop"))
        g_array_append_val (L->vendors, s);
    }
  return TRUE;
}

/* The parts catalogue, once, through wx_part_save and wx_stock_receive as
 * the records window does: each part from a supplier, its opening stock
 * received. */
gboolean
demo_ensure_parts (DemoLoad *L, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_catalog); i++)
    {
      const DemoCatalogPart *p = &demo_catalog[i];
      g_autoptr(JsonObject) changes = NULL;
      GError *local = NULL;
      gint64 id = wx_db_part_find (L->conn, p->part_number, &local);

      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (id > 0)
        continue;
      changes = json_object_new ();
      json_object_set_string_member (changes, "part_number", p->part_number);
      json_object_set_string_member (changes, "name", p->name);
      json_object_set_string_member (changes, "category", p->category);
      json_object_set_int_member (changes, "unit_price", p->price);
      json_object_set_int_member (changes, "cost", p->cost);
      json_object_set_int_member (changes, "min_stock", p->min_stock);
      if (L->vendors->len)
        json_object_set_int_member (changes, "supplier_id",
                                    g_array_index (L->vendors, DemoSupplier, i % L->vendors->len).id);
      id = wx_db_record_save (L->conn, WX_DB_RECORD_PART, 0, 0, changes, NULL, error);
      if (id == 0)
        return FALSE;
      if (p->stock > 0 && wx_db_stock_receive (L->conn, id, p->stock, 0, p->cost, NULL, "期初库存", error) < 0)
        return FALSE;
    }
  return TRUE;
}


/* weixiu-admin customer|machine|supplier|part|stock — the shop's records
 * (issue 14) through the same functions as the records window
 * (src/db/wx-db-shop.h), acting as the connecting login. */
#define G_LOG_DOMAIN "weixiu-admin"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "core/wx-fields.h"
#include "db/wx-db.h"
#include "db/wx-db-shop.h"
#include "core/wx-xlsx-read.h"
#include "db/wx-db-import.h"
#include "print/wx-xlsx.h"
#include "wx-admin.h"

static gboolean
parse_int (const char *text, gint64 min, gint64 *out)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || v < min)
    return FALSE;
  *out = v;
  return TRUE;
}

/* --set KEY=VALUE … as the functions' JSON object. */
static JsonObject *
changes_from (WxAdmin *o, gboolean add_move, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  GPtrArray *sets = wx_admin_values (o, "--set");

  for (guint i = 0; sets && i < sets->len; i++)
    {
      const char *item = g_ptr_array_index (sets, i);
      const char *eq = strchr (item, '=');
      g_autofree char *key = eq ? g_strndup (item, (gsize) (eq - item)) : NULL;
      const char *value = eq ? eq + 1 : NULL;

      if (key == NULL || *key == '\0' || !wx_db_record_change_set (changes, key, value))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Write each change as --set FIELD=VALUE, not “%s”."), item);
          return NULL;
        }
    }
  if (add_move)
    json_object_set_boolean_member (changes, "move", TRUE);
  return g_steal_pointer (&changes);
}

/* The version of record `id` now (the command line edits what is there). */
static int
current_version (PGconn *conn, const char *table, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = $1::bigint", table);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[1] = { id_text };
  g_autofree char *v = wx_db_query_value (conn, sql, 1, params, NULL);

  return v ? atoi (v) : 0;
}

static void
print_records (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      WxDbRecord *r = g_ptr_array_index (records, i);

      g_print ("%" G_GINT64_FORMAT "\t%s", r->id, r->label);
      if (r->kind == WX_DB_RECORD_PART)
        g_print ("\t%d\t%d", r->stock, r->reserved);
      if (r->duplicate_of)
        g_print ("\t%s", r->duplicate_of);
      g_print ("\n");
    }
}

static const struct { const char *command; WxDbRecordKind kind; const char *table; } tables[] = {
  { "customer", WX_DB_RECORD_CUSTOMER, "customers" },
  { "machine",  WX_DB_RECORD_DEVICE,   "devices" },
  { "supplier", WX_DB_RECORD_SUPPLIER, "suppliers" },
  { "part",     WX_DB_RECORD_PART,     "parts" },
};

static int
cmd_stock (WxAdmin *o, PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  const char *verb = wx_admin_arg (o, 0);
  gint64 part, n = 0, supplier = 0, cost = -1;

  if (verb == NULL || wx_admin_arg (o, 1) == NULL)
    return wx_admin_usage_error (_("Say what to do: stock receive|count|reserve PART_NUMBER …"));
  part = wx_db_part_find (conn, wx_admin_arg (o, 1), &error);
  if (error)
    return wx_admin_fail (error);
  if (part == 0)
    return wx_admin_usage_error (_("There is no such part number in the catalogue."));

  if (g_str_equal (verb, "receive"))
    {
      int stock;

      if (!parse_int (wx_admin_arg (o, 2), 1, &n) ||
          (wx_admin_value (o, "--supplier") && !parse_int (wx_admin_value (o, "--supplier"), 1, &supplier)) ||
          (wx_admin_value (o, "--cost") && !parse_int (wx_admin_value (o, "--cost"), G_MININT64, &cost)))
        return wx_admin_usage_error (_("Write: stock receive PART_NUMBER QUANTITY [--supplier ID] [--cost FEN] [--order NUMBER]"));
      stock = wx_db_stock_receive (conn, part, (int) MIN (n, G_MAXINT), supplier, cost,
                                   wx_admin_value (o, "--order"), wx_admin_value (o, "--note"), &error);
      if (stock < 0)
        return wx_admin_fail (error);
      g_print (_("Received; %d in stock.\n"), stock);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (verb, "count"))
    {
      int diff = 0;

      if (!parse_int (wx_admin_arg (o, 2), G_MININT, &n))
        return wx_admin_usage_error (_("Write: stock count PART_NUMBER COUNTED --reason TEXT"));
      if (!wx_db_stock_count (conn, part, (int) CLAMP (n, G_MININT, G_MAXINT), wx_admin_value (o, "--reason"),
                              &diff, &error))
        return wx_admin_fail (error);
      g_print (_("Counted; corrected by %+d.\n"), diff);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (verb, "reserve"))
    {
      if (wx_admin_arg (o, 2) == NULL || !parse_int (wx_admin_arg (o, 3), 1, &n))
        return wx_admin_usage_error (_("Write: stock reserve PART_NUMBER ORDER QUANTITY"));
      if (!wx_db_stock_reserve (conn, part, wx_admin_arg (o, 2), (int) MIN (n, G_MAXINT), &error))
        return wx_admin_fail (error);
      g_print (_("Reserved.\n"));
      return EXIT_SUCCESS;
    }
  return wx_admin_usage_error (_("Say what to do: stock receive|count|reserve PART_NUMBER …"));
}

int
wx_admin_cmd_records (WxAdmin *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  const char *name = o->command->name;
  const char *verb = wx_admin_arg (o, 0);
  WxDbRecordKind kind = WX_DB_RECORD_CUSTOMER;
  const char *table = NULL;
  gint64 id = 0, other = 0;
  int version = 0;

  conn = wx_admin_connect (o, &error);
  if (conn == NULL)
    return wx_admin_fail (error);
  if (g_str_equal (name, "stock"))
    return cmd_stock (o, conn);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].command, name))
      {
        kind = tables[i].kind;
        table = tables[i].table;
      }
  g_return_val_if_fail (table != NULL, EXIT_FAILURE);

  if (verb && g_str_equal (verb, "list"))
    {
      g_autoptr(GPtrArray) records = wx_db_records_load (conn, kind, wx_admin_value (o, "--search"), &error);

      if (records == NULL)
        return wx_admin_fail (error);
      print_records (records);
      return EXIT_SUCCESS;
    }
  if (verb && g_str_equal (verb, "export"))
    {
      const char *path = wx_admin_arg (o, 1);
      g_autoptr(GPtrArray) records = NULL;

      if (path == NULL || !g_str_has_suffix (path, ".xlsx"))
        return wx_admin_usage_error (_("Write: export FILE.xlsx"));
      records = wx_db_records_load_all (conn, kind, &error);
      if (records == NULL || !wx_xlsx_write_records (path, kind, records, &error))
        return wx_admin_fail (error);
      g_print (ngettext ("%u row exported to %s.", "%u rows exported to %s.", records->len), records->len, path);
      g_print ("\n");
      return EXIT_SUCCESS;
    }
  if (verb && g_str_equal (verb, "import") && (kind == WX_DB_RECORD_CUSTOMER || kind == WX_DB_RECORD_PART))
    {
      const char *path = wx_admin_arg (o, 1);
      gboolean dry = wx_admin_flag (o, "--dry-run");
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(WxDbImport) import = NULL;

      if (path == NULL)
        return wx_admin_usage_error (_("Write: import FILE.xlsx [--dry-run]"));
      rows = wx_sheet_read_rows (path, &error);
      if (rows && rows->len == 0)
        g_ptr_array_add (rows, g_new0 (char *, 1));
      if (rows == NULL || (import = wx_db_records_import (conn, kind, rows, !dry, &error)) == NULL)
        return wx_admin_fail (error);
      for (guint i = 0; i < import->faults->len; i++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (import->faults, i));
      if (import->faults->len > 0)
        {
          g_printerr ("%s\n", _("Some rows were refused: nothing was imported."));
          return EXIT_FAILURE;
        }
      g_print (dry ? ngettext ("%u row would be imported (dry run: nothing written).\n",
                               "%u rows would be imported (dry run: nothing written).\n", import->written)
                   : ngettext ("%u row imported.\n", "%u rows imported.\n", import->written), import->written);
      return EXIT_SUCCESS;
    }
  if (verb && g_str_equal (verb, "merge") && kind == WX_DB_RECORD_CUSTOMER)
    {
      int orders = 0;

      if (!parse_int (wx_admin_arg (o, 1), 1, &id) || !parse_int (wx_admin_arg (o, 2), 1, &other))
        return wx_admin_usage_error (_("Write: customer merge FROM_ID INTO_ID"));
      if (!wx_db_customer_merge (conn, id, other, &orders, &error))
        return wx_admin_fail (error);
      g_print (ngettext ("Merged; %d order moved.\n", "Merged; %d orders moved.\n", orders), orders);
      return EXIT_SUCCESS;
    }
  if (verb && (g_str_equal (verb, "add") || g_str_equal (verb, "edit") || g_str_equal (verb, "deactivate") ||
               g_str_equal (verb, "move")))
    {
      g_autoptr(JsonObject) changes = NULL;
      gint64 saved;

      if (!g_str_equal (verb, "add") && !parse_int (wx_admin_arg (o, 1), 1, &id))
        return wx_admin_usage_error (_("Say which record by its number (the first column of “list”)."));
      changes = changes_from (o, g_str_equal (verb, "move"), &error);
      if (changes == NULL)
        return wx_admin_usage_error (error->message);
      if (g_str_equal (verb, "deactivate"))
        json_object_set_boolean_member (changes, "active", FALSE);
      if (id > 0)
        version = wx_admin_value (o, "--version") ? atoi (wx_admin_value (o, "--version"))
                                                  : current_version (conn, table, id);
      saved = wx_db_record_save (conn, kind, id, version, changes, &version, &error);
      if (saved == 0)
        return wx_admin_fail (error);
      {
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, saved);
        g_print (_("Saved: %s (version %d).\n"), number, version);
      }
      return EXIT_SUCCESS;
    }
  return wx_admin_usage_error (_("Say what to do: list, add, edit, deactivate, move or merge (see --help)."));
}

#define G_LOG_DOMAIN "wx-db-import"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/wx-fields.h"
#include "core/wx-money.h"
#include "wx-db.h"
#include "wx-db-error.h"
#include "wx-db-import.h"
#include "wx-db-job.h"

/* What a shop's own spreadsheet calls each field, besides the labels the
 * app itself writes (wx_field_label, in English and Chinese). Compared
 * without case, spaces or a trailing colon. */
static const struct { const char *key; const char *names; } synonyms[] = {
  { "unit_name",      "单位名称|单位|客户名称|客户|公司名称|公司|unit name|unit|customer|company" },
  { "address",        "地址|单位地址|详细地址|address" },
  { "city",           "城市|city" },
  { "contact_person", "联系人|contact person|contact" },
  { "mobile",         "手机|手机号|手机号码|mobile" },
  { "phone",          "电话|固定电话|座机|联系电话|phone|telephone|tel" },
  { "fax",            "传真|fax" },
  { "email",          "邮箱|电子邮件|email|e-mail" },
  { "notes",          "备注|notes|remarks" },
  { "part_number",    "备件号|配件编号|配件号|编号|料号|零件号|part number|part no.|part no|p/n" },
  { "name",           "名称|配件名称|备件名称|品名|name" },
  { "category",       "类别|分类|category" },
  { "fits_models",    "适用机型|fits models|models" },
  { "unit_price",     "售价|销售价|单价|sale price|price" },
  { "cost",           "成本|进价|cost" },
  { "min_stock",      "最低库存|安全库存|minimum stock|min stock" },
  { "bin_location",   "库位|货位|bin location|bin" },
  { "opening_stock",  "库存|期初库存|库存数量|in stock|opening stock|stock" },
};

static char *
normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = down; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000 && c != '*' && c != ':' && c != 0xFF1A)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
names_match (const char *names, const char *header)
{
  g_auto(GStrv) list = g_strsplit (names, "|", -1);

  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *n = normalize (list[i]);

      if (g_str_equal (n, header))
        return TRUE;
    }
  return FALSE;
}

char **
wx_db_import_columns (WxDbRecordKind   kind,
                      char           **header)
{
  const char * const *keys = wx_db_record_keys (kind);
  guint n = header ? g_strv_length (header) : 0;
  char **columns = g_new0 (char *, n + 1);

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *h = normalize (header[c]);
      const char *found = "";

      for (guint k = 0; *h && keys[k] && !*found; k++)
        {
          g_autofree char *label = normalize (wx_field_label (keys[k]));

          if (g_str_equal (h, label) || g_str_equal (h, keys[k]))
            found = keys[k];
        }
      for (guint s = 0; *h && !*found && s < G_N_ELEMENTS (synonyms); s++)
        if ((g_strv_contains (keys, synonyms[s].key)
             || (kind == WX_DB_RECORD_PART && g_str_equal (synonyms[s].key, "opening_stock")))
            && names_match (synonyms[s].names, h))
          found = synonyms[s].key;
      /* A key once: a second column of the same name is not imported. */
      for (guint d = 0; d < c && *found; d++)
        if (g_str_equal (columns[d], found))
          found = "";
      columns[c] = g_strdup (found);
    }
  return columns;
}

void
wx_db_import_free (WxDbImport *import)
{
  g_clear_pointer (&import->faults, g_ptr_array_unref);
  g_free (import);
}

static gboolean
row_empty (char **cells)
{
  for (guint i = 0; cells[i]; i++)
    if (*cells[i])
      return FALSE;
  return TRUE;
}

/* Row `cells` as the save function's changes; FALSE with a sentence for a
 * value that is not a number where one is wanted. */
static JsonObject *
row_changes (char **columns, char **cells, int *opening, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  *opening = 0;
  for (guint c = 0; columns[c] && cells[c]; c++)
    {
      const char *key = columns[c];
      const char *text = cells[c];
      g_autofree char *fen = NULL;

      if (!*key || !*text)
        continue;
      if (g_str_equal (key, "opening_stock"))
        {
          char *end = NULL;
          gint64 n = g_ascii_strtoll (text, &end, 10);

          if (*end != '\0' && !(end[0] == '.' && g_str_equal (end + strspn (end + 1, "0") + 1, "")))
            {
              g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("“%s” must be a whole number."),
                           _("Opening stock"));
              return NULL;
            }
          *opening = (int) CLAMP (n, -1, 1000000);
          continue;
        }
      if (g_str_equal (key, "unit_price") || g_str_equal (key, "cost"))
        {
          WxMoney m = 0;

          if (!wx_money_parse (text, &m, error))
            return NULL;
          fen = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) m);
          text = fen;
        }
      else if (g_str_equal (key, "min_stock"))
        {
          /* Excel writes whole numbers it holds as 2.0 at times. */
          double d = g_ascii_strtod (text, NULL);

          if (d == (double) (gint64) d)
            text = fen = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
        }
      if (!wx_db_record_change_set (changes, key, text))
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID, _("“%s” must be a whole number."),
                       wx_field_label (key));
          return NULL;
        }
    }
  return g_steal_pointer (&changes);
}

WxDbImport *
wx_db_records_import (PGconn          *conn,
                      WxDbRecordKind   kind,
                      GPtrArray       *rows,
                      gboolean         commit,
                      GError         **error)
{
  g_auto(GStrv) columns = NULL;
  g_autoptr(WxDbImport) import = NULL;
  const char *needed = kind == WX_DB_RECORD_PART ? "part_number" : "unit_name";

  g_return_val_if_fail (kind == WX_DB_RECORD_CUSTOMER || kind == WX_DB_RECORD_PART, NULL);
  columns = wx_db_import_columns (kind, rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL);
  if (!g_strv_contains ((const char * const *) columns, needed))
    {
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                   _("The first row of the sheet has no column for “%s”: name the columns in the first row "
                     "(such as 单位名称, 联系人, 手机 or 备件号, 名称, 售价)."), wx_field_label (needed));
      return NULL;
    }
  import = g_new0 (WxDbImport, 1);
  import->faults = g_ptr_array_new_with_free_func (g_free);
  if (!wx_db_execute (conn, "BEGIN", 0, NULL, error))
    return NULL;
  for (guint r = 1; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(JsonObject) changes = NULL;
      g_autoptr(GError) fault = NULL;
      int opening = 0;
      gint64 id = 0;

      if (row_empty (cells))
        continue;
      import->rows++;
      changes = row_changes (columns, cells, &opening, &fault);
      if (changes && !wx_db_execute (conn, "SAVEPOINT wx_import_row", 0, NULL, error))
        goto failed;
      if (changes)
        id = wx_db_record_save (conn, kind, 0, 0, changes, NULL, &fault);
      if (id > 0 && opening > 0 && wx_db_stock_receive (conn, id, opening, 0, -1, NULL, _("Opening stock"), &fault) < 0)
        id = 0;
      if (fault && !g_error_matches (fault, WX_DB_ERROR, WX_DB_ERROR_INVALID)
          && !g_error_matches (fault, WX_DB_ERROR, WX_DB_ERROR_CONFLICT) && !(changes == NULL))
        {
          /* Not the row's fault (the server, a denial): the import stops. */
          g_propagate_error (error, g_steal_pointer (&fault));
          goto failed;
        }
      if (fault)
        {
          /* TRANSLATORS: a refused row of an imported spreadsheet: its number, then why */
          g_ptr_array_add (import->faults, g_strdup_printf (_("Row %u: %s"), r + 1, fault->message));
          if (changes && !wx_db_execute (conn, "ROLLBACK TO SAVEPOINT wx_import_row", 0, NULL, error))
            goto failed;
          continue;
        }
      if (!wx_db_execute (conn, "RELEASE SAVEPOINT wx_import_row", 0, NULL, error))
        goto failed;
      import->written++;
    }
  import->committed = commit && import->faults->len == 0;
  if (!wx_db_execute (conn, import->committed ? "COMMIT" : "ROLLBACK", 0, NULL, error))
    return NULL;
  return g_steal_pointer (&import);

failed:
  wx_db_execute (conn, "ROLLBACK", 0, NULL, NULL);
  return NULL;
}

/* ------------------------------------------------------------ on the worker */

typedef struct {
  WxDbRecordKind  kind;
  GPtrArray      *rows;
  gboolean        commit;
} ImportJob;

static void
import_job_free (ImportJob *j)
{
  g_ptr_array_unref (j->rows);
  g_free (j);
}

static gboolean
import_job (PGconn *conn, gpointer data, gpointer *result, GError **error)
{
  ImportJob *j = data;

  *result = wx_db_records_import (conn, j->kind, j->rows, j->commit, error);
  return *result != NULL;
}

void
wx_db_records_import_async (WxDbWorker          *worker,
                            WxDbRecordKind       kind,
                            GPtrArray           *rows,
                            gboolean             commit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ImportJob *j = g_new0 (ImportJob, 1);

  j->kind = kind;
  j->rows = g_ptr_array_ref (rows);
  j->commit = commit;
  wx_db_worker_run_async (worker, import_job, j, (GDestroyNotify) import_job_free,
                          (GDestroyNotify) wx_db_import_free, cancellable, callback, user_data);
}

WxDbImport *
wx_db_records_import_finish (WxDbWorker    *worker,
                             GAsyncResult  *result,
                             GError       **error)
{
  return wx_db_worker_run_finish (worker, result, error);
}

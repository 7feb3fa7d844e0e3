#define G_LOG_DOMAIN "wx-xlsx"

#include <stdio.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "core/wx-fields.h"
#include "wx-xlsx.h"

typedef enum { CELL_TEXT, CELL_INTEGER, CELL_MONEY, CELL_DATE, CELL_YES_NO } CellType;

/* How a record's field is written: money in fen as yuan, dates as dates. */
static CellType
cell_type (const char *key)
{
  static const char *money[] = { "unit_price", "cost", NULL };
  static const char *integers[] = { "min_stock", "supplier_id", "customer_id", NULL };
  static const char *dates[] = { "purchase_date", "warranty_expires", NULL };

  if (g_strv_contains (money, key))
    return CELL_MONEY;
  if (g_strv_contains (integers, key))
    return CELL_INTEGER;
  if (g_strv_contains (dates, key))
    return CELL_DATE;
  if (g_str_equal (key, "active"))
    return CELL_YES_NO;
  return CELL_TEXT;
}

static const char *
sheet_name (WxDbRecordKind kind)
{
  switch (kind)
    {
    case WX_DB_RECORD_CUSTOMER:
      return _("Customers");
    case WX_DB_RECORD_DEVICE:
      return _("Machines");
    case WX_DB_RECORD_SUPPLIER:
      return _("Suppliers");
    case WX_DB_RECORD_PART:
    default:
      return _("Parts");
    }
}

static void
write_cell (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *key, const char *value,
            lxw_format *money, lxw_format *date)
{
  if (value == NULL || *value == '\0')
    return;
  switch (cell_type (key))
    {
    case CELL_MONEY:
      worksheet_write_number (ws, row, col, g_ascii_strtod (value, NULL) / 100.0, money);
      break;
    case CELL_INTEGER:
      worksheet_write_number (ws, row, col, g_ascii_strtod (value, NULL), NULL);
      break;
    case CELL_DATE:
      {
        lxw_datetime d = { 0 };

        if (sscanf (value, "%d-%d-%d", &d.year, &d.month, &d.day) == 3)
          worksheet_write_datetime (ws, row, col, &d, date);
        else
          worksheet_write_string (ws, row, col, value, NULL);
      }
      break;
    case CELL_YES_NO:
      worksheet_write_string (ws, row, col, g_str_equal (value, "true") ? _("Yes") : _("No"), NULL);
      break;
    case CELL_TEXT:
    default:
      worksheet_write_string (ws, row, col, value, NULL);
      break;
    }
}

gboolean
wx_xlsx_write_records (const char      *path,
                       WxDbRecordKind   kind,
                       GPtrArray       *records,
                       GError         **error)
{
  const char * const *keys = wx_db_record_keys (kind);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws;
  lxw_format *bold, *money, *date;
  lxw_error err;
  guint n = g_strv_length ((char **) keys);

  if (wb == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the file “%s”."), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, sheet_name (kind));
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  money = workbook_add_format (wb);
  format_set_num_format (money, "#,##0.00");
  date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy-mm-dd");

  for (guint c = 0; c < n; c++)
    {
      const char *label = wx_field_label (keys[c]);

      worksheet_write_string (ws, 0, (lxw_col_t) c, label ? label : keys[c], bold);
      worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c, cell_type (keys[c]) == CELL_TEXT ? 20 : 12, NULL);
    }
  if (kind == WX_DB_RECORD_PART)
    {
      /* TRANSLATORS: a column of the parts' spreadsheet */
      worksheet_write_string (ws, 0, (lxw_col_t) n, _("In stock"), bold);
      /* TRANSLATORS: a column of the parts' spreadsheet: held for orders */
      worksheet_write_string (ws, 0, (lxw_col_t) n + 1, _("Reserved"), bold);
    }
  worksheet_freeze_panes (ws, 1, 0);
  for (guint r = 0; r < records->len; r++)
    {
      const WxDbRecord *rec = g_ptr_array_index (records, r);

      for (guint c = 0; c < n; c++)
        write_cell (ws, r + 1, (lxw_col_t) c, keys[c], wx_db_record_value (rec, keys[c]), money, date);
      if (kind == WX_DB_RECORD_PART)
        {
          worksheet_write_number (ws, r + 1, (lxw_col_t) n, rec->stock, NULL);
          worksheet_write_number (ws, r + 1, (lxw_col_t) n + 1, rec->reserved, NULL);
        }
    }
  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the file “%s”: %s"), path,
                   lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

#define G_LOG_DOMAIN "wx-xlsx"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "core/wx-money.h"
#include "core/wx-report-tables.h"
#include "wx-pdf-error.h"
#include "wx-xlsx-report.h"

/* Excel's limits on a sheet's name: 31 characters, none of []:*?/\ . */
#define SHEET_NAME_MAX 31

typedef enum { CELL_TEXT, CELL_NUMBER, CELL_SHARE, CELL_YUAN } CellKind;

typedef struct {
  lxw_workbook *book;
  lxw_format   *title;
  lxw_format   *heading;
  lxw_format   *bold;
  lxw_format   *formats[CELL_YUAN + 1][2];   /* by CellKind, plain and total */
  GHashTable   *names;      /* sheet names used */
} Book;

static char *
sheet_name (Book *b, const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p && g_utf8_strlen (name->str, -1) < SHEET_NAME_MAX - 3; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (name, strchr ("[]:*?/\\'", (int) c) && c < 128 ? ' ' : c);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    g_string_assign (name, "Sheet");
  for (guint n = 2; g_hash_table_contains (b->names, name->str); n++)
    {
      char *space = strrchr (name->str, ' ');
      if (n > 2 && space)
        g_string_truncate (name, (gsize) (space - name->str));
      g_string_append_printf (name, " %u", n);
    }
  g_hash_table_add (b->names, g_strdup (name->str));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Screen width of a cell in Excel's units: CJK characters count twice. */
static double
text_width (const char *text)
{
  double w = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return w;
}

/* "12" and "4.33" are numbers, "87.5%" a share, "¥1,234.50" yuan;
 * anything else ("45 min", "—", a name) stays text as the PDF shows it. */
static CellKind
cell_number (const char *text, double *value)
{
  gboolean negative = g_str_has_prefix (text, "-");
  const char *p = text + (negative ? 1 : 0);
  char *end = NULL;
  WxMoney fen;

  if (g_str_has_prefix (p, "¥"))
    {
      if (!wx_money_parse (p, &fen, NULL))
        return CELL_TEXT;
      *value = (negative ? -1.0 : 1.0) * (double) fen / 100.0;
      return CELL_YUAN;
    }
  if (!g_ascii_isdigit (p[0]))
    return CELL_TEXT;
  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text)
    return CELL_TEXT;
  if (g_str_equal (end, "%"))
    {
      *value /= 100.0;
      return CELL_SHARE;
    }
  return *end == '\0' ? CELL_NUMBER : CELL_TEXT;
}

static void
write_table (Book *b, const WxReportTable *t, const char *title, const char *subtitle)
{
  g_autofree char *name = sheet_name (b, t->title);
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, name);
  g_autofree double *widths = g_new0 (double, t->columns->len);
  lxw_row_t row = 0;

  worksheet_write_string (sheet, row++, 0, title, b->title);
  if (subtitle)
    worksheet_write_string (sheet, row++, 0, subtitle, NULL);
  worksheet_write_string (sheet, row++, 0, t->title, b->bold);
  row++;
  for (guint c = 0; c < t->columns->len; c++)
    {
      const char *heading = g_ptr_array_index (t->columns, c);
      worksheet_write_string (sheet, row, (lxw_col_t) c, heading, b->heading);
      widths[c] = MAX (widths[c], text_width (heading));
    }
  worksheet_freeze_panes (sheet, row + 1, 1);
  row++;
  for (guint r = 0; r < t->rows->len; r++, row++)
    {
      const char *const *cells = g_ptr_array_index (t->rows, r);
      gboolean total = t->last_total && r + 1 == t->rows->len;

      for (guint c = 0; c < t->columns->len && cells[c]; c++)
        {
          double value = 0;
          CellKind kind = c > 0 ? cell_number (cells[c], &value) : CELL_TEXT;

          if (kind != CELL_TEXT)
            worksheet_write_number (sheet, row, (lxw_col_t) c, value, b->formats[kind][total]);
          else
            worksheet_write_string (sheet, row, (lxw_col_t) c, cells[c], total ? b->bold : NULL);
          widths[c] = MAX (widths[c], text_width (cells[c]));
        }
    }
  for (guint c = 0; c < t->columns->len; c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, CLAMP (widths[c] + 2, 8, 60), NULL);
}

static Book *
book_new (const char *path)
{
  Book *b = g_new0 (Book, 1);

  b->book = workbook_new (path);
  if (b->book == NULL)
    return b;
  b->title = workbook_add_format (b->book);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->heading = workbook_add_format (b->book);
  format_set_bold (b->heading);
  format_set_bg_color (b->heading, 0xE8EEF4);
  format_set_bottom (b->heading, LXW_BORDER_THIN);
  format_set_text_wrap (b->heading);
  b->bold = workbook_add_format (b->book);
  format_set_bold (b->bold);
  for (guint kind = CELL_NUMBER; kind <= CELL_YUAN; kind++)
    for (guint total = 0; total < 2; total++)
      {
        lxw_format *f = workbook_add_format (b->book);
        if (kind == CELL_SHARE)
          format_set_num_format (f, "0.0%");
        else if (kind == CELL_YUAN)
          format_set_num_format (f, "\"¥\"#,##0.00");
        if (total)
          format_set_bold (f);
        b->formats[kind][total] = f;
      }
  b->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return b;
}

/* Closes the workbook (which writes it) and reads the file back. */
static GBytes *
book_finish (Book *b, const char *path, GError **error)
{
  lxw_error status = b->book ? workbook_close (b->book) : LXW_ERROR_CREATING_XLSX_FILE;
  char *data = NULL;
  gsize len = 0;
  GBytes *out = NULL;

  if (status != LXW_NO_ERROR)
    g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FAILED, _("The Excel file could not be written (%s)."),
                 lxw_strerror (status));
  else if (g_file_get_contents (path, &data, &len, error))
    out = g_bytes_new_take (data, len);
  g_unlink (path);
  if (b->names)
    g_hash_table_unref (b->names);
  g_free (b);
  return out;
}

static char *
temp_path (GError **error)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("weixiu-XXXXXX.xlsx", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  return path;
}

/* Writes `tables` (freed) to a workbook, each under `line` and `subtitle`. */
static GBytes *
render_tables (WxReportTable **tables, guint n, const char *line, const char *subtitle, GError **error)
{
  g_autofree char *path = temp_path (error);
  Book *b = path ? book_new (path) : NULL;

  for (guint i = 0; i < n; i++)
    {
      if (b && b->book)
        write_table (b, tables[i], line, subtitle);
      wx_report_table_free (tables[i]);
    }
  return b ? book_finish (b, path, error) : NULL;
}

static char *
head_line (const char *company, const char *head)
{
  return company && *company ? g_strdup_printf ("%s · %s", company, head) : g_strdup (head);
}

GBytes *
wx_xlsx_report_render (const WxReport *r, GError **error)
{
  g_autofree char *code = wx_report_week_code (r->year, r->week);
  g_autofree char *dates = wx_report_week_dates (r, WX_REPORT_CHOSEN);
  g_autofree char *head = g_strdup_printf (_("Weekly report %s"), code);
  g_autofree char *line = head_line (r->company, head);
  g_autofree char *subtitle = g_strdup_printf (_("%s, and the eight weeks before"), dates);
  WxReportTable *tables[] = {
    wx_report_table_engineers (r), wx_report_table_clocks (r), wx_report_table_categories (r),
    wx_report_table_sla (r), wx_report_table_backlog (r, FALSE), wx_report_table_backlog (r, TRUE),
    wx_report_table_trend (r),
  };

  return render_tables (tables, G_N_ELEMENTS (tables), line, subtitle, error);
}

GBytes *
wx_xlsx_month_report_render (const WxMonthReport *m, GError **error)
{
  g_autofree char *head = g_strdup_printf (_("Monthly report %04d-%02d"), m->year, m->month);
  g_autofree char *line = head_line (m->company, head);
  WxReportTable *tables[] = {
    wx_month_table_feedback (m), wx_month_table_collections (m), wx_month_table_complaints (m),
    wx_month_table_debts (m, 0),
  };

  return render_tables (tables, G_N_ELEMENTS (tables), line, _("Customer feedback, complaints and collections"),
                        error);
}

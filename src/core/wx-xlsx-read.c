#define G_LOG_DOMAIN "wx-xlsx-read"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-xlsx-read.h"

/* ------------------------------------------------------------ the zip */

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static gboolean
not_a_workbook (const char *path, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not an Excel workbook (.xlsx): save it from Excel or WPS as .xlsx and try again."), name);
  return FALSE;
}

/* The entry `name` of the zip in `data`, inflated; NULL (no error) when
 * there is none. */
static GBytes *
zip_entry (const guint8 *data, gsize size, const char *name, const char *path, GError **error)
{
  gsize name_len = strlen (name);
  gssize eocd = -1;
  guint32 cd_offset, cd_size;
  guint16 entries;
  gsize p;

  for (gssize i = (gssize) size - 22; i >= 0 && i >= (gssize) size - 22 - 65535; i--)
    if (le32 (data + i) == 0x06054b50)
      {
        eocd = i;
        break;
      }
  if (eocd < 0)
    {
      not_a_workbook (path, error);
      return NULL;
    }
  entries = le16 (data + eocd + 10);
  cd_size = le32 (data + eocd + 12);
  cd_offset = le32 (data + eocd + 16);
  if ((gsize) cd_offset + cd_size > size)
    {
      not_a_workbook (path, error);
      return NULL;
    }
  p = cd_offset;
  for (guint e = 0; e < entries; e++)
    {
      guint16 method, n, extra, comment;
      guint32 csize, usize, local;

      if (p + 46 > size || le32 (data + p) != 0x02014b50)
        {
          not_a_workbook (path, error);
          return NULL;
        }
      method = le16 (data + p + 10);
      csize = le32 (data + p + 20);
      usize = le32 (data + p + 24);
      n = le16 (data + p + 28);
      extra = le16 (data + p + 30);
      comment = le16 (data + p + 32);
      local = le32 (data + p + 42);
      if (p + 46 + n > size)
        break;
      if (n == name_len && memcmp (data + p + 46, name, n) == 0)
        {
          gsize start;

          if ((gsize) local + 30 > size || le32 (data + local) != 0x04034b50)
            break;
          start = local + 30 + le16 (data + local + 26) + le16 (data + local + 28);
          if (start + csize > size || usize > 8 * WX_XLSX_MAX_BYTES)
            break;
          if (method == 0)
            return g_bytes_new (data + start, csize);
          if (method == 8)
            {
              g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
              g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (data + start, csize, NULL);
              g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (z));
              g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

              if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) < 0)
                break;
              return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
            }
          break;
        }
      p += 46 + n + extra + comment;
    }
  return NULL;   /* absent or unreadable: the caller decides */
}

/* ------------------------------------------------------------ shared strings */

typedef struct {
  GPtrArray *strings;   /* the shared strings */
  GString   *text;      /* the <si> being read */
  gboolean   in_t;
  int        skip;      /* inside <rPh> (phonetic runs): not the text */
} Shared;

static void
shared_start (GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
              gpointer data, GError **error)
{
  Shared *s = data;

  if (g_str_equal (element, "si"))
    g_string_truncate (s->text, 0);
  else if (g_str_equal (element, "rPh"))
    s->skip++;
  else if (g_str_equal (element, "t"))
    s->in_t = TRUE;
}

static void
shared_end (GMarkupParseContext *ctx, const char *element, gpointer data, GError **error)
{
  Shared *s = data;

  if (g_str_equal (element, "si"))
    g_ptr_array_add (s->strings, g_strdup (s->text->str));
  else if (g_str_equal (element, "rPh"))
    s->skip--;
  else if (g_str_equal (element, "t"))
    s->in_t = FALSE;
}

static void
shared_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  Shared *s = data;

  if (s->in_t && s->skip == 0)
    g_string_append_len (s->text, text, (gssize) len);
}

/* ------------------------------------------------------------ the sheet */

typedef struct {
  GPtrArray  *shared;
  GPtrArray  *rows;     /* GPtrArray of char* by column, per row */
  GPtrArray  *row;
  GString    *value;
  char       *type;
  int         column;
  gboolean    in_value;
  guint       width;
} Sheet;

/* "BC12" → 54 (A is 0). */
static int
column_of (const char *ref)
{
  int c = 0;

  for (; ref && g_ascii_isalpha (*ref); ref++)
    c = c * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
  return c - 1;
}

static void
sheet_start (GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
             gpointer data, GError **error)
{
  Sheet *s = data;

  if (g_str_equal (element, "row"))
    {
      /* Rows left empty are not written: keep the numbering (row N at N - 1). */
      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "r"))
          {
            guint64 n = g_ascii_strtoull (values[i], NULL, 10);

            while (n > 0 && n <= 1048576 && s->rows->len < n - 1)
              g_ptr_array_add (s->rows, g_ptr_array_new_with_free_func (g_free));
          }
      g_clear_pointer (&s->row, g_ptr_array_unref);
      s->row = g_ptr_array_new_with_free_func (g_free);
    }
  else if (g_str_equal (element, "c") && s->row)
    {
      s->column = (int) s->row->len;
      g_clear_pointer (&s->type, g_free);
      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "r"))
          s->column = column_of (values[i]);
        else if (g_str_equal (names[i], "t"))
          s->type = g_strdup (values[i]);
      g_string_truncate (s->value, 0);
    }
  else if (g_str_equal (element, "v") || g_str_equal (element, "t"))
    s->in_value = TRUE;
}

static void
sheet_end (GMarkupParseContext *ctx, const char *element, gpointer data, GError **error)
{
  Sheet *s = data;

  if (g_str_equal (element, "v") || g_str_equal (element, "t"))
    s->in_value = FALSE;
  else if (g_str_equal (element, "c") && s->row && s->column >= 0 && s->column < 16384)
    {
      const char *text = s->value->str;

      if (g_strcmp0 (s->type, "s") == 0)
        {
          guint64 i = g_ascii_strtoull (text, NULL, 10);

          text = i < s->shared->len ? g_ptr_array_index (s->shared, i) : "";
        }
      else if (g_strcmp0 (s->type, "b") == 0)
        text = g_str_equal (text, "1") ? "true" : "false";
      while (s->row->len <= (guint) s->column)
        g_ptr_array_add (s->row, g_strdup (""));
      g_free (g_ptr_array_index (s->row, s->column));
      g_ptr_array_index (s->row, s->column) = g_strdup (text);
    }
  else if (g_str_equal (element, "row") && s->row)
    {
      s->width = MAX (s->width, s->row->len);
      g_ptr_array_add (s->rows, g_steal_pointer (&s->row));
    }
}

static void
sheet_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  Sheet *s = data;

  if (s->in_value)
    g_string_append_len (s->value, text, (gssize) len);
}

static gboolean
parse (const GMarkupParser *parser, gpointer data, GBytes *xml, const char *path, GError **error)
{
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (parser, G_MARKUP_IGNORE_QUALIFIED, data, NULL);
  gsize len;
  const char *text = g_bytes_get_data (xml, &len);

  if (!g_markup_parse_context_parse (ctx, text, (gssize) len, NULL) || !g_markup_parse_context_end_parse (ctx, NULL))
    return not_a_workbook (path, error);
  return TRUE;
}

GPtrArray *
wx_xlsx_read_rows (const char  *path,
                   GError     **error)
{
  static const GMarkupParser shared_parser = { shared_start, shared_end, shared_text, NULL, NULL };
  static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) strings_xml = NULL;
  g_autoptr(GBytes) sheet_xml = NULL;
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) raw_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  GPtrArray *rows;
  const guint8 *data;
  gsize size;
  Shared sh = { shared, text, FALSE, 0 };
  Sheet sheet = { shared, raw_rows, NULL, value, NULL, 0, FALSE, 0 };

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  size = g_mapped_file_get_length (file);
  data = (const guint8 *) g_mapped_file_get_contents (file);
  if (size > WX_XLSX_MAX_BYTES)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *has = g_format_size (size);
      g_autofree char *most = g_format_size (WX_XLSX_MAX_BYTES);

      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is too large to import (%s; at most %s). Split it into smaller files."), name, has, most);
      return NULL;
    }
  if (size < 22 || memcmp (data, "PK", 2) != 0)
    {
      not_a_workbook (path, error);
      return NULL;
    }
  strings_xml = zip_entry (data, size, "xl/sharedStrings.xml", path, error);
  if (error && *error)
    return NULL;
  sheet_xml = zip_entry (data, size, "xl/worksheets/sheet1.xml", path, error);
  if (sheet_xml == NULL)
    {
      if (error && *error == NULL)
        not_a_workbook (path, error);
      return NULL;
    }
  if (strings_xml && !parse (&shared_parser, &sh, strings_xml, path, error))
    return NULL;
  if (!parse (&sheet_parser, &sheet, sheet_xml, path, error))
    {
      g_clear_pointer (&sheet.row, g_ptr_array_unref);
      g_free (sheet.type);
      return NULL;
    }
  g_clear_pointer (&sheet.row, g_ptr_array_unref);
  g_free (sheet.type);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint r = 0; r < raw_rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (raw_rows, r);
      char **cells = g_new0 (char *, sheet.width + 1);

      for (guint c = 0; c < sheet.width; c++)
        cells[c] = g_strstrip (g_strdup (c < row->len ? g_ptr_array_index (row, c) : ""));
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

/* ------------------------------------------------------------ CSV */

/* `rows` (GPtrArray of GPtrArray of char*) as GStrv rows all as wide as
 * the widest. */
static GPtrArray *
square (GPtrArray *raw)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint width = 0;

  for (guint r = 0; r < raw->len; r++)
    width = MAX (width, ((GPtrArray *) g_ptr_array_index (raw, r))->len);
  for (guint r = 0; r < raw->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (raw, r);
      char **cells = g_new0 (char *, width + 1);

      for (guint c = 0; c < width; c++)
        cells[c] = g_strstrip (g_strdup (c < row->len ? g_ptr_array_index (row, c) : ""));
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

GPtrArray *
wx_csv_read_rows (const char  *path,
                  GError     **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) field = g_string_new (NULL);
  GPtrArray *row = NULL;
  const char *text;
  gsize len = 0;
  gboolean quoted = FALSE;

  if (!g_file_get_contents (path, &raw, &len, error))
    return NULL;
  if (len > WX_XLSX_MAX_BYTES || memchr (raw, '\0', len))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   len > WX_XLSX_MAX_BYTES ? _("“%s” is too large to import: split it into smaller files.")
                                           : _("“%s” is not a CSV text file."), name);
      return NULL;
    }
  text = raw;
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    text = raw + 3;   /* UTF-8 with a BOM */
  else if (!g_utf8_validate (raw, (gssize) len, NULL))
    {
      /* Excel on Chinese Windows saves CSV in GB18030 (GBK). */
      converted = g_convert (raw, (gssize) len, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (converted == NULL)
        {
          g_autofree char *name = g_path_get_basename (path);

          g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                       _("“%s” is neither UTF-8 nor GB18030 text: save it from Excel or WPS as CSV (UTF-8)."), name);
          return NULL;
        }
      text = converted;
    }
  for (const char *p = text; ; p++)
    {
      char c = *p;

      if (row == NULL)
        row = g_ptr_array_new_with_free_func (g_free);
      if (quoted && c == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (c == '"' && (quoted || field->len == 0))
        quoted = !quoted;
      else if (c != '\0' && (quoted || (c != ',' && c != '\n' && c != '\r')))
        g_string_append_c (field, c);
      else if (c == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (c == '\r' && p[1] == '\n')
        continue;   /* the \n ends the row */
      else
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (c == '\0' && row->len == 1 && *(char *) g_ptr_array_index (row, 0) == '\0')
            g_ptr_array_unref (row);   /* the end after a last newline */
          else
            g_ptr_array_add (table, row);
          row = NULL;
          if (c == '\0')
            break;
        }
    }
  return square (table);
}

GPtrArray *
wx_sheet_read_rows (const char *path,
                    GError    **error)
{
  g_autofree char *down = g_ascii_strdown (path, -1);

  return g_str_has_suffix (down, ".csv") ? wx_csv_read_rows (path, error) : wx_xlsx_read_rows (path, error);
}

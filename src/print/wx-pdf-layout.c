#define G_LOG_DOMAIN "wx-pdf"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <hpdf.h>

#include "wx-pdf-error.h"
#include "wx-pdf-layout.h"

#define LEADING   1.2      /* line height as a multiple of the font size */
#define ELLIPSIS  "…"
#define SHRINK    0.5      /* pt: how much a text tries smaller before it is shortened */

typedef enum { OP_TEXT, OP_LINE, OP_FILL_RECT, OP_STROKE_RECT } OpKind;

/* One drawing operation, mm from the top left of its page. */
typedef struct {
  OpKind      kind;
  guint       page;
  double      x, y, w, h;    /* text: x and baseline; line: x1 y1 x2 y2; rect: x y w h */
  double      size;          /* text: font size; line and stroke: line width (pt) */
  gboolean    flag;          /* text: bold; line: dashed */
  const char *text;
  guint32     rgb;           /* 0xRRGGBB */
} Op;

typedef struct {
  double width, height;
} Page;

struct _WxPdfLayout {
  WxPdfFont    *font;
  GArray       *pages;       /* Page */
  GArray       *ops;         /* Op */
  GArray       *boxes;       /* WxPdfBox */
  GStringChunk *strings;
  hb_set_t     *codepoints;  /* every character drawn */
  guint32       rgb;         /* the colour of what is added next */
  GHashTable   *barcodes;    /* "kind:data" → WxPdfBarcode */
};

WxPdfLayout *
wx_pdf_layout_new (GError **error)
{
  g_autoptr(WxPdfFont) font = wx_pdf_font_new (error);
  WxPdfLayout *layout;

  if (font == NULL)
    return NULL;
  layout = g_new0 (WxPdfLayout, 1);
  layout->font = g_steal_pointer (&font);
  layout->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  layout->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  layout->boxes = g_array_new (FALSE, FALSE, sizeof (WxPdfBox));
  layout->strings = g_string_chunk_new (4096);
  layout->codepoints = hb_set_create ();
  layout->barcodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) wx_pdf_barcode_free);
  return layout;
}

void
wx_pdf_layout_free (WxPdfLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->font, wx_pdf_font_free);
  g_clear_pointer (&layout->pages, g_array_unref);
  g_clear_pointer (&layout->ops, g_array_unref);
  g_clear_pointer (&layout->boxes, g_array_unref);
  g_clear_pointer (&layout->strings, g_string_chunk_free);
  g_clear_pointer (&layout->codepoints, hb_set_destroy);
  g_clear_pointer (&layout->barcodes, g_hash_table_unref);
  g_free (layout);
}

/* Starts a new page; what follows is drawn on it. Sizes in mm. */
void
wx_pdf_layout_add_page (WxPdfLayout *layout, double width, double height)
{
  Page page = { width, height };

  g_array_append_val (layout->pages, page);
}

guint
wx_pdf_layout_n_pages (WxPdfLayout *layout)
{
  return layout->pages->len;
}

void
wx_pdf_layout_page_size (WxPdfLayout *layout, guint page, double *width, double *height)
{
  g_return_if_fail (page < layout->pages->len);
  *width = g_array_index (layout->pages, Page, page).width;
  *height = g_array_index (layout->pages, Page, page).height;
}

static guint
current_page (WxPdfLayout *layout)
{
  g_return_val_if_fail (layout->pages->len > 0, 0);
  return layout->pages->len - 1;
}

void
wx_pdf_layout_set_color (WxPdfLayout *layout, double r, double g, double b)
{
  layout->rgb = ((guint32) (CLAMP (r, 0, 1) * 255 + 0.5) << 16) | ((guint32) (CLAMP (g, 0, 1) * 255 + 0.5) << 8)
                | (guint32) (CLAMP (b, 0, 1) * 255 + 0.5);
}

static void
add_op (WxPdfLayout *layout, Op op)
{
  op.rgb = layout->rgb;
  op.page = current_page (layout);
  g_array_append_val (layout->ops, op);
}

/* ------------------------------------------------------------ line breaking */

static gboolean
is_closing (gunichar c)
{
  return c != 0 && strchr (",.;:!?)]}%", (int) c) != NULL
    ? TRUE
    : g_utf8_strchr ("，。、；：！？）」』】》〉”’…·", -1, c) != NULL;
}

static gboolean
is_opening (gunichar c)
{
  return c == '(' || c == '[' || g_utf8_strchr ("（「『【《〈“‘", -1, c) != NULL;
}

/* Whether a line may end between `prev` and `c`: after a space, between
 * Chinese characters (but never before a closing or after an opening mark),
 * after a dash or slash in Latin text. */
static gboolean
may_break_between (gunichar prev, gunichar c)
{
  if (prev == ' ')
    return TRUE;
  if (is_closing (c) || is_opening (prev) || c == ' ')
    return FALSE;
  if (g_unichar_iswide (c) || g_unichar_iswide (prev))
    return TRUE;
  return prev == '-' || prev == '/' || prev == ',' || prev == ';';
}

static void
add_line (GPtrArray *lines, const char *start, const char *end)
{
  while (end > start && end[-1] == ' ')
    end--;
  g_ptr_array_add (lines, g_strndup (start, (gsize) (end - start)));
}

/* Breaks one paragraph into lines no wider than max_width (pt). A single
 * character wider than the line gets a line of its own. */
static void
wrap_paragraph (WxPdfFont *font, const char *para, gsize len, double size, double max_width, GPtrArray *lines)
{
  const char *end = para + len;
  const char *start = para;
  const char *brk = NULL;
  const char *p = para;
  gunichar prev = 0;
  double width = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      double cw = wx_pdf_font_width (font, p, next - p, size);

      if (p > start && may_break_between (prev, c))
        brk = p;
      if (p > start && width + cw > max_width)
        {
          if (c == ' ')
            {
              add_line (lines, start, p);
              start = next;
              brk = NULL;
              width = 0;
              prev = c;
              p = next;
              continue;
            }
          if (brk == NULL || brk <= start)
            brk = p;
          add_line (lines, start, brk);
          start = brk;
          while (start < p && *start == ' ')
            start++;
          brk = NULL;
          width = wx_pdf_font_width (font, start, p - start, size);
          if (start < p && width + cw > max_width)
            {
              add_line (lines, start, p);
              start = p;
              width = 0;
            }
        }
      if (p == start && c == ' ')
        start = next;          /* no line starts with a space */
      else
        width += cw;
      prev = c;
      p = next;
    }
  if (start < end || lines->len == 0 || len == 0)
    add_line (lines, start, end);
}

/* All lines of `text` at `size`; ONE_LINE joins the paragraphs. */
static GPtrArray *
wrap (WxPdfFont *font, const char *text, double size, double max_width, gboolean one_line)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *flat = NULL;
  const char *p;

  if (one_line)
    {
      flat = g_strdup (text);
      g_strdelimit (flat, "\r\n\t", ' ');
      g_ptr_array_add (lines, g_strdup (g_strstrip (flat)));
      return lines;
    }
  p = text;
  for (;;)
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      g_autofree char *para = g_strndup (p, len);

      g_strdelimit (para, "\r\t", ' ');
      wrap_paragraph (font, para, strlen (para), size, max_width, lines);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  /* Blank lines at the end say nothing. */
  while (lines->len > 1 && *(char *) g_ptr_array_index (lines, lines->len - 1) == '\0')
    g_ptr_array_remove_index (lines, lines->len - 1);
  return lines;
}

/* Cuts `line` until it and the ellipsis fit max_width, and adds the ellipsis. */
static char *
shorten (WxPdfFont *font, const char *line, double size, double max_width)
{
  g_autoptr(GString) s = g_string_new (line);
  double ellipsis = wx_pdf_font_width (font, ELLIPSIS, -1, size);

  while (s->len > 0 && (wx_pdf_font_width (font, s->str, (gssize) s->len, size) + ellipsis > max_width ||
                        s->str[s->len - 1] == ' '))
    {
      const char *last = g_utf8_find_prev_char (s->str, s->str + s->len);
      g_string_truncate (s, (gsize) (last - s->str));
    }
  g_string_append (s, ELLIPSIS);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static double
lines_width (WxPdfFont *font, GPtrArray *lines, double size)
{
  double widest = 0;

  for (guint i = 0; i < lines->len; i++)
    widest = MAX (widest, wx_pdf_font_width (font, g_ptr_array_index (lines, i), -1, size));
  return widest;
}

/* Lays out `text` in the box (mm): wrapped to its width (unless ONE_LINE),
 * at `size` pt or smaller down to `min_size` until it fits, and if it does
 * not fit even then, cut at the last line that fits with "…". Returns the
 * record of the box, valid until the next text box. */
const WxPdfBox *
wx_pdf_layout_text (WxPdfLayout    *layout,
                    double          x,
                    double          y,
                    double          width,
                    double          height,
                    double          size,
                    double          min_size,
                    WxPdfTextFlags  flags,
                    const char     *text)
{
  const double width_pt = width / WX_PDF_MM_PER_PT;
  const double height_pt = height / WX_PDF_MM_PER_PT;
  g_autoptr(GPtrArray) lines = NULL;
  WxPdfBox box = { 0 };
  guint max_lines;
  double leading, top;

  text = text ? text : "";
  min_size = MIN (min_size, size);
  for (;; size -= SHRINK)
    {
      g_clear_pointer (&lines, g_ptr_array_unref);
      max_lines = (guint) floor ((height_pt + 1e-6) / (size * LEADING));
      lines = wrap (layout->font, text, size, width_pt, (flags & WX_PDF_TEXT_ONE_LINE) != 0);
      if (lines->len <= max_lines && lines_width (layout->font, lines, size) <= width_pt + 1e-6)
        break;
      if (size - SHRINK < min_size - 1e-6)
        {
          char *last;
          /* A box lower than one line still shows one: the record says it overflows. */
          g_ptr_array_set_size (lines, MIN (lines->len, MAX (max_lines, 1)));
          last = shorten (layout->font, g_ptr_array_index (lines, lines->len - 1), size, width_pt);
          g_free (lines->pdata[lines->len - 1]);
          lines->pdata[lines->len - 1] = last;
          box.shortened = TRUE;
          break;
        }
    }

  leading = size * LEADING * WX_PDF_MM_PER_PT;
  box.page = current_page (layout);
  box.x = x;
  box.y = y;
  box.width = width;
  box.height = height;
  box.size = size;
  box.n_lines = lines->len;
  box.text_width = lines_width (layout->font, lines, size) * WX_PDF_MM_PER_PT;
  box.text_height = lines->len * leading;
  box.text = g_string_chunk_insert (layout->strings, text);

  top = y + ((flags & WX_PDF_TEXT_MIDDLE) ? (height - box.text_height) / 2 : 0);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      double w = wx_pdf_font_width (layout->font, line, -1, size) * WX_PDF_MM_PER_PT;
      Op op = { OP_TEXT };

      if (*line == '\0')
        continue;
      op.x = (flags & WX_PDF_TEXT_RIGHT) ? x + width - w : (flags & WX_PDF_TEXT_CENTER) ? x + (width - w) / 2 : x;
      op.y = top + i * leading + ((size * LEADING - size) / 2 + wx_pdf_font_ascent (layout->font, size)) * WX_PDF_MM_PER_PT;
      op.size = size;
      op.flag = (flags & WX_PDF_TEXT_BOLD) != 0;
      op.text = g_string_chunk_insert (layout->strings, line);
      add_op (layout, op);
      for (const char *p = line; *p; p = g_utf8_next_char (p))
        hb_set_add (layout->codepoints, g_utf8_get_char (p));
    }
  g_array_append_val (layout->boxes, box);
  return &g_array_index (layout->boxes, WxPdfBox, layout->boxes->len - 1);
}

/* The width in mm of `text` on one line at `size` pt. */
double
wx_pdf_layout_text_width (WxPdfLayout *layout, const char *text, double size)
{
  return wx_pdf_font_width (layout->font, text, -1, size) * WX_PDF_MM_PER_PT;
}

const WxPdfBox *
wx_pdf_layout_boxes (WxPdfLayout *layout, guint *n_boxes)
{
  *n_boxes = layout->boxes->len;
  return (const WxPdfBox *) (void *) layout->boxes->data;
}

/* ------------------------------------------------------------ shapes */

void
wx_pdf_layout_line (WxPdfLayout *layout, double x1, double y1, double x2, double y2,
                    double line_width, gboolean dashed)
{
  Op op = { OP_LINE, 0, x1, y1, x2, y2, line_width, dashed, NULL };

  add_op (layout, op);
}

/* A rectangle: outlined with line_width pt, or filled when line_width is 0. */
void
wx_pdf_layout_rect (WxPdfLayout *layout, double x, double y, double width, double height, double line_width)
{
  Op op = { line_width > 0 ? OP_STROKE_RECT : OP_FILL_RECT, 0, x, y, width, height, line_width, FALSE, NULL };

  add_op (layout, op);
}

/* A barcode of `data` filling the box: Code 128 stretched to it, QR square
 * and centred. Each symbol is encoded once per layout. */
gboolean
wx_pdf_layout_barcode (WxPdfLayout       *layout,
                       WxPdfBarcodeKind   kind,
                       const char        *data,
                       double             x,
                       double             y,
                       double             width,
                       double             height,
                       GError           **error)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", (int) kind, data);
  WxPdfBarcode *barcode = g_hash_table_lookup (layout->barcodes, key);
  double sx, sy;

  if (barcode == NULL)
    {
      barcode = wx_pdf_barcode_encode (kind, data, error);
      if (barcode == NULL)
        return FALSE;
      g_hash_table_insert (layout->barcodes, g_steal_pointer (&key), barcode);
    }
  sx = width / barcode->width;
  sy = height / barcode->height;
  if (kind == WX_PDF_BARCODE_QR)
    {
      sx = sy = MIN (sx, sy);
      x += (width - barcode->width * sx) / 2;
      y += (height - barcode->height * sy) / 2;
    }
  for (guint i = 0; i < barcode->bars->len; i++)
    {
      const WxPdfBar *bar = &g_array_index (barcode->bars, WxPdfBar, i);
      wx_pdf_layout_rect (layout, x + bar->x * sx, y + bar->y * sy, bar->width * sx, bar->height * sy, 0);
    }
  return TRUE;
}

/* ------------------------------------------------------------ rendering */

typedef struct {
  HPDF_STATUS error;
  HPDF_STATUS detail;
} HaruErrors;

static void
haru_error_cb (HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
  HaruErrors *errors = user_data;

  /* Reading the finished document to its end reports an "end of stream". */
  if (error == HPDF_STREAM_EOF || errors->error != 0)
    return;
  errors->error = error;
  errors->detail = detail;
}

typedef enum { MODE_NONE, MODE_TEXT, MODE_FILL, MODE_STROKE } DrawMode;

typedef struct {
  HPDF_Page page;
  double    height;      /* of the page, pt */
  DrawMode  mode;
  double    size;        /* text size, or line width, in force */
  gboolean  flag;        /* bold, or dashed, in force */
  guint32   rgb;         /* the colour in force */
} Pen;

#define PT(mm) ((HPDF_REAL) ((mm) / WX_PDF_MM_PER_PT))

static void
pen_finish (Pen *pen)
{
  if (pen->mode == MODE_TEXT)
    HPDF_Page_EndText (pen->page);
  else if (pen->mode == MODE_FILL)
    HPDF_Page_Fill (pen->page);
  else if (pen->mode == MODE_STROKE)
    HPDF_Page_Stroke (pen->page);
  pen->mode = MODE_NONE;
}

static void
draw_op (Pen *pen, HPDF_Font font, const Op *op)
{
  DrawMode mode = op->kind == OP_TEXT ? MODE_TEXT : op->kind == OP_FILL_RECT ? MODE_FILL : MODE_STROKE;
  gboolean flag = op->kind == OP_TEXT || op->kind == OP_LINE ? op->flag : FALSE;

  if (pen->rgb != op->rgb)
    {
      HPDF_REAL r = ((op->rgb >> 16) & 0xff) / 255.0f, g = ((op->rgb >> 8) & 0xff) / 255.0f, b = (op->rgb & 0xff) / 255.0f;

      pen_finish (pen);
      HPDF_Page_SetRGBFill (pen->page, r, g, b);
      HPDF_Page_SetRGBStroke (pen->page, r, g, b);
      pen->rgb = op->rgb;
    }
  if (pen->mode != mode || (mode != MODE_FILL && (pen->size != op->size || pen->flag != flag)))
    {
      static const HPDF_UINT16 dash[] = { 2, 2 };

      pen_finish (pen);
      if (mode == MODE_TEXT)
        {
          HPDF_Page_BeginText (pen->page);
          HPDF_Page_SetFontAndSize (pen->page, font, (HPDF_REAL) op->size);
          HPDF_Page_SetTextRenderingMode (pen->page, flag ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
          if (flag)
            HPDF_Page_SetLineWidth (pen->page, (HPDF_REAL) (op->size * 0.04));
        }
      else if (mode == MODE_STROKE)
        {
          HPDF_Page_SetLineWidth (pen->page, (HPDF_REAL) op->size);
          HPDF_Page_SetDash (pen->page, flag ? dash : NULL, flag ? 2 : 0, 0);
        }
      pen->mode = mode;
      pen->size = op->size;
      pen->flag = flag;
    }
  switch (op->kind)
    {
    case OP_TEXT:
      HPDF_Page_TextOut (pen->page, PT (op->x), (HPDF_REAL) pen->height - PT (op->y), op->text);
      break;
    case OP_LINE:
      HPDF_Page_MoveTo (pen->page, PT (op->x), (HPDF_REAL) pen->height - PT (op->y));
      HPDF_Page_LineTo (pen->page, PT (op->w), (HPDF_REAL) pen->height - PT (op->h));
      break;
    case OP_FILL_RECT:
    case OP_STROKE_RECT:
    default:
      HPDF_Page_Rectangle (pen->page, PT (op->x), (HPDF_REAL) pen->height - PT (op->y + op->h), PT (op->w), PT (op->h));
      break;
    }
}

static GBytes *
save_to_memory (HPDF_Doc pdf)
{
  HPDF_UINT32 size, got;
  guint8 *data;

  if (HPDF_SaveToStream (pdf) != HPDF_OK)
    return NULL;
  size = HPDF_GetStreamSize (pdf);
  data = g_malloc (size);
  got = size;
  HPDF_ReadFromStream (pdf, data, &got);
  if (got != size)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

/* The PDF of the layout, its font embedded (subset or whole). */
GBytes *
wx_pdf_layout_render (WxPdfLayout *layout, WxPdfFontMode mode, GError **error)
{
  HaruErrors errors = { 0 };
  HPDF_Doc pdf = HPDF_New (haru_error_cb, &errors);
  g_autofree char *temp_file = NULL;
  g_autofree HPDF_Page *pages = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *font_name;
  HPDF_Font font = NULL;
  Pen pen = { 0 };

  if (pdf == NULL)
    {
      g_set_error_literal (error, WX_PDF_ERROR, WX_PDF_ERROR_FAILED, _("Out of memory while making the PDF."));
      return NULL;
    }
  HPDF_SetCompressionMode (pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (pdf);
  HPDF_SetInfoAttr (pdf, HPDF_INFO_CREATOR, "Weixiu");
  font_name = wx_pdf_font_embed (layout->font, pdf, layout->codepoints, mode, &temp_file, error);
  if (font_name == NULL)
    goto out;
  font = HPDF_GetFont (pdf, font_name, "UTF-8");

  pages = g_new0 (HPDF_Page, layout->pages->len);
  for (guint i = 0; i < layout->pages->len; i++)
    {
      const Page *p = &g_array_index (layout->pages, Page, i);
      pages[i] = HPDF_AddPage (pdf);
      HPDF_Page_SetWidth (pages[i], PT (p->width));
      HPDF_Page_SetHeight (pages[i], PT (p->height));
    }
  for (guint i = 0; font && i < layout->ops->len; i++)
    {
      const Op *op = &g_array_index (layout->ops, Op, i);
      if (pen.page != pages[op->page])
        {
          if (pen.page)
            pen_finish (&pen);
          pen.page = pages[op->page];
          pen.height = PT (g_array_index (layout->pages, Page, op->page).height);
          pen.size = -1;
          pen.rgb = 0;     /* each page starts black */
        }
      draw_op (&pen, font, op);
    }
  if (pen.page)
    pen_finish (&pen);
  if (errors.error == 0)
    bytes = save_to_memory (pdf);
  if (bytes == NULL || errors.error != 0)
    g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FAILED,
                 _("The PDF could not be made (libharu error %04X, %u)."),
                 (guint) errors.error, (guint) errors.detail);

out:
  HPDF_Free (pdf);
  if (temp_file)
    g_unlink (temp_file);
  return errors.error == 0 ? g_steal_pointer (&bytes) : NULL;
}

/* Writes the PDF to `path` through a temporary file beside it, renamed over
 * it at the end: a reader never sees half a PDF, and a failure leaves
 * nothing behind. */
gboolean
wx_pdf_write_file (GBytes *pdf, const char *path, GError **error)
{
  g_autofree char *temp = g_strdup_printf ("%s.partial-XXXXXX", path);
  gsize size;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  int fd = g_mkstemp_full (temp, O_WRONLY, 0644);
  int saved = 0;

  if (fd < 0)
    saved = errno;
  for (gsize done = 0; fd >= 0 && saved == 0 && done < size;)
    {
      gssize n = write (fd, data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        saved = n < 0 ? errno : ENOSPC;
      else
        done += (gsize) n;
    }
  if (fd >= 0 && close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (temp, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      if (fd >= 0)
        g_unlink (temp);
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FAILED,
                   _("The PDF cannot be written to %s: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

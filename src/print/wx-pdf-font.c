#define G_LOG_DOMAIN "wx-pdf"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>

#include "wx-pdf-error.h"
#include "wx-pdf-font.h"

G_DEFINE_QUARK (wx-pdf-error-quark, wx_pdf_error)

/* The Chinese font comes from fontconfig (lang zh-cn, outlines). libharu
 * 2.3 embeds TrueType outlines only: the CFF ones (Noto Sans CJK, Source
 * Han) are passed over, and it garbles the composite glyphs of Droid Sans
 * Fallback and WenQuanYi Micro Hei. Among the rest these families come
 * first, in this order; then any other, by name. */
static const char * const preferred_families[] = { "WenQuanYi Zen Hei", "AR PL UMing CN" };
static const char * const garbled_families[] = { "Droid Sans Fallback", "WenQuanYi Micro Hei" };

typedef struct {
  char     *path;      /* NULL: none */
  int       index;     /* the face in a collection */
  gboolean  cff_only;  /* Chinese fonts exist, with CFF outlines only */
} FontChoice;

static guint
family_rank (const char *family)
{
  for (guint i = 0; i < G_N_ELEMENTS (preferred_families); i++)
    if (g_str_equal (family, preferred_families[i]))
      return i;
  return G_N_ELEMENTS (preferred_families);
}

static gpointer
choose_font (gpointer unused)
{
  FontChoice *choice = g_new0 (FontChoice, 1);
  FcPattern *pattern = FcPatternCreate ();
  FcObjectSet *objects = FcObjectSetBuild (FC_FILE, FC_INDEX, FC_FAMILY, FC_FONTFORMAT, NULL);
  FcConfig *config;
  FcFontSet *fonts;
  guint best_rank = G_MAXUINT;
  g_autofree char *best_family = NULL;

  FcPatternAddString (pattern, FC_LANG, (const FcChar8 *) "zh-cn");
  FcPatternAddBool (pattern, FC_OUTLINE, FcTrue);
  /* A configuration of its own, freed below: the font is chosen once,
   * and fontconfig's default one would stay for the whole process. */
  config = FcInitLoadConfigAndFonts ();
  fonts = config ? FcFontList (config, pattern, objects) : NULL;
  for (int i = 0; fonts && i < fonts->nfont; i++)
    {
      FcChar8 *file = NULL, *family = NULL, *format = NULL, *name = NULL;
      int index = 0;
      gboolean garbled = FALSE;
      guint rank;

      if (FcPatternGetString (fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
          FcPatternGetString (fonts->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch)
        continue;
      FcPatternGetString (fonts->fonts[i], FC_FONTFORMAT, 0, &format);
      FcPatternGetInteger (fonts->fonts[i], FC_INDEX, 0, &index);
      if (format == NULL || !g_str_equal ((const char *) format, "TrueType"))
        {
          choice->cff_only = TRUE;
          continue;
        }
      /* Each of its names (the order follows the locale). */
      rank = G_N_ELEMENTS (preferred_families);
      for (int n = 0; FcPatternGetString (fonts->fonts[i], FC_FAMILY, n, &name) == FcResultMatch; n++)
        {
          for (guint g = 0; g < G_N_ELEMENTS (garbled_families); g++)
            garbled = garbled || g_str_has_prefix ((const char *) name, garbled_families[g]);
          rank = MIN (rank, family_rank ((const char *) name));
        }
      if (garbled || rank > best_rank ||
          (rank == best_rank && best_family && g_strcmp0 ((const char *) family, best_family) >= 0))
        continue;
      best_rank = rank;
      g_free (best_family);
      best_family = g_strdup ((const char *) family);
      g_free (choice->path);
      choice->path = g_strdup ((const char *) file);
      choice->index = index;
    }
  if (choice->path)
    choice->cff_only = FALSE;
  g_debug ("font for printing: %s (face %d)", choice->path ? choice->path : "none", choice->index);
  if (fonts)
    FcFontSetDestroy (fonts);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
  if (config)
    FcConfigDestroy (config);
  return choice;
}

/* Tables the PDF does not use: embedded bitmaps, layout, vertical metrics.
 * Dropping them keeps the subset small and fast to make. */
static const char * const dropped_tables[] = {
  "EBDT", "EBLC", "EBSC", "BDF ", "FFTM", "GSUB", "GPOS", "GDEF", "vhea", "vmtx",
  "VORG", "gasp", "DSIG", "kern", "morx", "hdmx", "LTSH", "VDMX",
};

struct _WxPdfFont {
  char       *path;
  int         index;         /* the face in a collection (.ttc) */
  hb_blob_t  *blob;
  hb_face_t  *face;
  hb_font_t  *font;
  unsigned    upem;
  double      ascent;        /* of the em box, as a fraction of the size */
  GHashTable *widths;        /* codepoint → width in 1/1000 em, as libharu writes it */
};

WxPdfFont *
wx_pdf_font_new (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const FontChoice *choice = g_once (&once, choose_font, NULL);
  g_autoptr(WxPdfFont) font = g_new0 (WxPdfFont, 1);
  hb_font_extents_t extents;

  if (choice->path)
    {
      font->blob = hb_blob_create_from_file_or_fail (choice->path);
      font->path = g_strdup (choice->path);
      font->index = choice->index;
    }
  if (font->blob == NULL)
    {
      g_set_error_literal (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT, choice->cff_only
        ? _("The Chinese fonts installed (such as Noto Sans CJK) have CFF outlines, which the PDF library cannot "
            "embed; install fonts-wqy-zenhei or fonts-arphic-uming for printing.")
        : _("No Chinese font for printing is installed; install fonts-wqy-zenhei or fonts-arphic-uming."));
      return NULL;
    }
  font->face = hb_face_create (font->blob, (unsigned) font->index);
  font->upem = hb_face_get_upem (font->face);
  if (hb_face_get_glyph_count (font->face) == 0 || font->upem == 0)
    {
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT, _("The font file %s cannot be read."), font->path);
      return NULL;
    }
  font->font = hb_font_create (font->face);
  hb_font_make_immutable (font->font);
  hb_font_get_h_extents (font->font, &extents);
  font->ascent = extents.ascender > extents.descender
    ? (double) extents.ascender / (extents.ascender - extents.descender) : 0.88;
  font->widths = g_hash_table_new (NULL, NULL);
  return g_steal_pointer (&font);
}

void
wx_pdf_font_free (WxPdfFont *font)
{
  if (font == NULL)
    return;
  g_clear_pointer (&font->widths, g_hash_table_unref);
  g_clear_pointer (&font->font, hb_font_destroy);
  g_clear_pointer (&font->face, hb_face_destroy);
  g_clear_pointer (&font->blob, hb_blob_destroy);
  g_free (font->path);
  g_free (font);
}

const char *
wx_pdf_font_path (WxPdfFont *font)
{
  return font->path;
}

/* libharu writes each glyph's advance as advance × 1000 / units per em,
 * truncated; measuring with the same numbers makes the widths exact. */
static guint
char_width (WxPdfFont *font, gunichar c)
{
  gpointer cached = g_hash_table_lookup (font->widths, GUINT_TO_POINTER (c));
  hb_codepoint_t glyph = 0;
  guint width;

  if (cached)
    return GPOINTER_TO_UINT (cached) - 1;
  hb_font_get_nominal_glyph (font->font, c, &glyph);
  width = (guint) hb_font_get_glyph_h_advance (font->font, glyph) * 1000 / font->upem;
  g_hash_table_insert (font->widths, GUINT_TO_POINTER (c), GUINT_TO_POINTER (width + 1));
  return width;
}

/* The width in points of `len` bytes of `text` (-1: all) at `size` points. */
double
wx_pdf_font_width (WxPdfFont *font, const char *text, gssize len, double size)
{
  const char *end = len < 0 ? text + strlen (text) : text + len;
  guint total = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    total += char_width (font, g_utf8_get_char (p));
  return total * size / 1000.0;
}

/* From the top of the em box to the baseline, in points. */
double
wx_pdf_font_ascent (WxPdfFont *font, double size)
{
  return font->ascent * size;
}

static gboolean
write_subset (WxPdfFont *font, hb_set_t *codepoints, char **temp_file, GError **error)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *drop;
  hb_face_t *subset;
  hb_blob_t *blob;
  const char *data;
  unsigned int length;
  gboolean ok;
  int fd;

  if (input == NULL)
    {
      g_set_error_literal (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT, _("Out of memory while preparing the font."));
      return FALSE;
    }
  hb_set_union (hb_subset_input_unicode_set (input), codepoints);
  drop = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (guint i = 0; i < G_N_ELEMENTS (dropped_tables); i++)
    hb_set_add (drop, hb_tag_from_string (dropped_tables[i], 4));
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
  subset = hb_subset_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    {
      g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT, _("The font %s cannot be subset for printing."), font->path);
      return FALSE;
    }
  blob = hb_face_reference_blob (subset);
  data = hb_blob_get_data (blob, &length);

  fd = g_file_open_tmp ("weixiu-font-XXXXXX.ttf", temp_file, error);
  ok = fd >= 0;
  for (gsize done = 0; ok && done < length;)
    {
      gssize n = write (fd, data + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT,
                       _("The font for printing cannot be written to a temporary file: %s."), g_strerror (saved));
          ok = FALSE;
        }
      else
        done += (gsize) n;
    }
  if (fd >= 0)
    close (fd);
  hb_blob_destroy (blob);
  hb_face_destroy (subset);
  if (!ok && *temp_file)
    {
      g_unlink (*temp_file);
      g_clear_pointer (temp_file, g_free);
    }
  return ok;
}

/* Loads the font into `pdf` for the characters in `codepoints` and returns
 * its name for HPDF_GetFont. A subset is written to *temp_file, which libharu
 * reads again when it saves: delete it after HPDF_SaveTo…. */
const char *
wx_pdf_font_embed (WxPdfFont      *font,
                   HPDF_Doc        pdf,
                   hb_set_t       *codepoints,
                   WxPdfFontMode   mode,
                   char          **temp_file,
                   GError        **error)
{
  const char *name;

  *temp_file = NULL;
  if (mode == WX_PDF_FONT_WHOLE)
    name = HPDF_LoadTTFontFromFile2 (pdf, font->path, (HPDF_UINT) font->index, HPDF_TRUE);
  else if (!write_subset (font, codepoints, temp_file, error))
    return NULL;
  else
    name = HPDF_LoadTTFontFromFile (pdf, *temp_file, HPDF_TRUE);
  if (name == NULL)
    g_set_error (error, WX_PDF_ERROR, WX_PDF_ERROR_FONT,
                 _("The font %s cannot be embedded in the PDF (libharu error %04X)."),
                 font->path, (guint) HPDF_GetError (pdf));
  return name;
}

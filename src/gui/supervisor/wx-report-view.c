#define G_LOG_DOMAIN "wx-report-view"

#include <glib/gi18n.h>

#include "core/wx-report-tables.h"
#include "db/wx-db-report.h"
#include "print/wx-pdf-report.h"
#include "wx-report-view.h"

#define CHART_WIDTH  520
#define CHART_HEIGHT 280
#define CHART_FONT   12

struct _WxReportView
{
  WxPage         parent_instance;

  GtkWidget     *box;
  GtkLabel      *period_label;
  GtkLabel      *message_label;
  GtkStack      *mode_stack;
  GtkBox        *weekly_box;
  GtkBox        *monthly_box;

  gboolean       month_only;            /* the next load: another month of the same week */
  WxReport      *report;
  WxMonthReport *month;
  int            year, week;            /* the week asked for; 0: the last complete one */
  int            month_year, month_no;  /* the month asked for; 0: the week's */
};

G_DEFINE_FINAL_TYPE (WxReportView, wx_report_view, WX_TYPE_PAGE)

/* ----------------------------------------------------------- the widgets */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

/* A table of the report as a grid: headings, cells (numbers to the right),
 * the total row bold. Takes `table`. */
static GtkWidget *
table_grid (WxReportTable *table)
{
  g_autoptr(WxReportTable) owned = table;
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  for (guint c = 0; c < table->columns->len; c++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (table->columns, c));

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      gboolean total = table->last_total && r + 1 == table->rows->len;

      for (guint c = 0; cells[c] && c < table->columns->len; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          gtk_widget_add_css_class (label, "numeric");
          if (total)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
        }
    }
  return grid;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  WxReportChart *chart = user_data;
  g_autoptr(GArray) shapes = wx_report_chart_shapes (chart, width, height, CHART_FONT);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));

  for (guint i = 0; i < shapes->len; i++)
    {
      const WxChartShape *s = &g_array_index (shapes, WxChartShape, i);

      cairo_set_source_rgb (cr, s->rgb[0], s->rgb[1], s->rgb[2]);
      switch (s->kind)
        {
        case WX_CHART_SHAPE_RECT:
          cairo_rectangle (cr, s->x, s->y, s->w, s->h);
          cairo_fill (cr);
          break;
        case WX_CHART_SHAPE_LINE:
          cairo_set_line_width (cr, s->size);
          cairo_move_to (cr, s->x, s->y);
          cairo_rel_line_to (cr, s->w, s->h);
          cairo_stroke (cr);
          break;
        case WX_CHART_SHAPE_TEXT:
          {
            int tw, th;

            pango_font_description_set_absolute_size (font, s->size * PANGO_SCALE);
            pango_layout_set_font_description (layout, font);
            pango_layout_set_text (layout, s->text, -1);
            pango_layout_get_pixel_size (layout, &tw, &th);
            cairo_move_to (cr, s->align < 0 ? s->x : s->align > 0 ? s->x + s->w - tw : s->x + (s->w - tw) / 2,
                           s->y + (s->h - th) / 2);
            pango_cairo_show_layout (cr, layout);
          }
          break;
        default:
          break;
        }
    }
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* A chart drawn by Cairo beside the table of its numbers. Takes both. */
static GtkWidget *
chart_section (WxReportChart *chart,
               WxReportTable *table)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), CHART_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), CHART_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, chart, (GDestroyNotify) wx_report_chart_free);
  gtk_widget_add_css_class (area, "card");
  gtk_box_append (GTK_BOX (row), area);
  gtk_box_append (GTK_BOX (row), table_grid (table));
  return row;
}

static void
add_section (GtkBox     *box,
             const char *title,
             GtkWidget  *content)
{
  gtk_box_append (box, heading (title));
  gtk_box_append (box, content);
}

static void
show_weekly (WxReportView *self)
{
  const WxReport *r = self->report;

  clear_box (self->weekly_box);
  add_section (self->weekly_box, _("Engineers"), table_grid (wx_report_table_engineers (r)));
  add_section (self->weekly_box, _("Clocks"), table_grid (wx_report_table_clocks (r)));
  add_section (self->weekly_box, _("SLA attainment per engineer"),
               chart_section (wx_report_chart_sla (r), wx_report_table_sla (r)));
  add_section (self->weekly_box, _("Backlog by folder and age"),
               chart_section (wx_report_chart_backlog (r), wx_report_table_backlog (r, FALSE)));
  add_section (self->weekly_box, _("The last 9 weeks"),
               chart_section (wx_report_chart_trend (r), wx_report_table_trend (r)));
  add_section (self->weekly_box, _("Backlog by shelf and age"), table_grid (wx_report_table_backlog (r, TRUE)));
  add_section (self->weekly_box, _("Orders by machine"), table_grid (wx_report_table_categories (r)));
}

static void
show_monthly (WxReportView *self)
{
  const WxMonthReport *m = self->month;

  clear_box (self->monthly_box);
  add_section (self->monthly_box, _("Feedback"), table_grid (wx_month_table_feedback (m)));
  add_section (self->monthly_box, _("Complaints"), table_grid (wx_month_table_complaints (m)));
  add_section (self->monthly_box, _("Collections"), table_grid (wx_month_table_collections (m)));
  add_section (self->monthly_box, _("Unpaid orders"), table_grid (wx_month_table_debts (m, 50)));
}

static void
show_period (WxReportView *self)
{
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "monthly") == 0 && self->month)
    /* TRANSLATORS: the monthly report's period: year, month */
    text = g_strdup_printf (_("Month %d-%02d"), self->month->year, self->month->month);
  else
    {
      g_autoptr(GDateTime) start = wx_report_week_start (self->report->zone, self->report->year, self->report->week);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 6);
      g_autofree char *from = g_date_time_format (start, "%m-%d");
      g_autofree char *to = g_date_time_format (end, "%m-%d");

      /* TRANSLATORS: the weekly report's period: ISO year, week, first and last day */
      text = g_strdup_printf (_("Week %d-W%02d (%s – %s)"), self->report->year, self->report->week, from, to);
    }
  gtk_label_set_text (self->period_label, text);
}

/* ------------------------------------------------------------- loading */

static void
page_load (WxPage *page, WxDbWorker *worker, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  WxReportView *self = WX_REPORT_VIEW (page);
  gboolean month_only = self->month_only;

  self->month_only = FALSE;
  wx_db_reports_load_async (worker, self->year, self->week, self->month_year, self->month_no, month_only,
                            cancellable, callback, user_data);
}

static gpointer
page_load_finish (WxPage *page, GAsyncResult *result, GError **error)
{
  return wx_db_reports_load_finish (wx_page_get_worker (page), result, error);
}

static void
page_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxReportView *self = WX_REPORT_VIEW (page);
  WxDbReports *l = result;

  gtk_widget_set_visible (GTK_WIDGET (self->message_label), error != NULL);
  if (error)
    gtk_label_set_text (self->message_label, error->message);
  else
    {
      if (l->report)
        {
          g_clear_pointer (&self->report, wx_report_free);
          self->report = g_steal_pointer (&l->report);
          show_weekly (self);
        }
      g_clear_pointer (&self->month, wx_month_report_free);
      self->month = g_steal_pointer (&l->month);
      wx_db_reports_free (l);
      show_monthly (self);
      show_period (self);
    }
}

static void
load (WxReportView *self,
      gboolean      month_only)
{
  self->month_only = month_only;
  wx_page_reload (WX_PAGE (self));
}

void
wx_report_view_reload (WxReportView *self)
{
  g_return_if_fail (WX_IS_REPORT_VIEW (self));
  load (self, FALSE);
}

void
wx_report_view_set_worker (WxReportView *self,
                           WxDbWorker   *worker)
{
  g_return_if_fail (WX_IS_REPORT_VIEW (self));
  wx_page_set_worker (WX_PAGE (self), worker);
}

void
wx_report_view_show_week (WxReportView *self,
                          int           year,
                          int           week)
{
  g_return_if_fail (WX_IS_REPORT_VIEW (self));
  self->year = year;
  self->week = week;
  self->month_year = self->month_no = 0;
  wx_report_view_reload (self);
}

const WxReport *
wx_report_view_get_report (WxReportView *self)
{
  g_return_val_if_fail (WX_IS_REPORT_VIEW (self), NULL);
  return self->report;
}

const WxMonthReport *
wx_report_view_get_month (WxReportView *self)
{
  g_return_val_if_fail (WX_IS_REPORT_VIEW (self), NULL);
  return self->month;
}

/* ------------------------------------------------------------- actions */

/* report.previous / report.next: a week, or a month on the monthly page. */
static void
step_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WxReportView *self = WX_REPORT_VIEW (widget);
  int delta = g_str_equal (action_name, "report.next") ? 1 : -1;

  if (self->report == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "monthly") == 0 && self->month)
    {
      int n = self->month->year * 12 + (self->month->month - 1) + delta;

      self->month_year = n / 12;
      self->month_no = n % 12 + 1;
      load (self, TRUE);
      return;
    }
  self->year = self->report->year;
  self->week = self->report->week;
  wx_report_week_step (self->report->zone, &self->year, &self->week, delta);
  wx_report_view_show_week (self, self->year, self->week);
}

static void
last_week_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  wx_report_view_show_week (WX_REPORT_VIEW (widget), 0, 0);
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  wx_report_view_reload (WX_REPORT_VIEW (widget));
}

gboolean
wx_report_view_export (WxReportView *self,
                       GFile        *file,
                       gboolean      csv,
                       GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (WX_IS_REPORT_VIEW (self), FALSE);
  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The report has not been loaded yet."));
      return FALSE;
    }
  if (csv)
    {
      GString *text = wx_report_to_csv (self->report);

      bytes = g_string_free_to_bytes (text);
    }
  else if ((bytes = wx_pdf_report_render (self->report, error)) == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  WxReportView    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "wx-csv"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
      if (!wx_report_view_export (self, file, csv, &error))
        {
          gtk_label_set_text (self->message_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
        }
    }
  g_object_unref (dialog);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WxReportView *self = WX_REPORT_VIEW (widget);
  gboolean csv = g_str_equal (action_name, "report.export-csv");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;
  dialog = gtk_file_chooser_native_new (csv ? _("Export the Report as CSV") : _("Export the Report as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("weekly-%d-W%02d.%s", self->report->year, self->report->week, csv ? "csv" : "pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "wx-csv", GINT_TO_POINTER (csv));
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
mode_changed_cb (WxReportView *self)
{
  show_period (self);
}

/* ------------------------------------------------------------- the type */

static void
wx_report_view_finalize (GObject *object)
{
  WxReportView *self = WX_REPORT_VIEW (object);

  g_clear_pointer (&self->report, wx_report_free);
  g_clear_pointer (&self->month, wx_month_report_free);
  G_OBJECT_CLASS (wx_report_view_parent_class)->finalize (object);
}

static void
wx_report_view_class_init (WxReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxPageClass *page_class = WX_PAGE_CLASS (klass);

  object_class->finalize = wx_report_view_finalize;
  /* WxPage's "loaded" (GError or NULL): why the report could not be loaded */
  page_class->load = page_load;
  page_class->load_finish = page_load_finish;
  page_class->result_free = (GDestroyNotify) wx_db_reports_free;
  page_class->loaded = page_loaded;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/supervisor/wx-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WxReportView, box);
  gtk_widget_class_bind_template_child (widget_class, WxReportView, period_label);
  gtk_widget_class_bind_template_child (widget_class, WxReportView, message_label);
  gtk_widget_class_bind_template_child (widget_class, WxReportView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, WxReportView, weekly_box);
  gtk_widget_class_bind_template_child (widget_class, WxReportView, monthly_box);

  gtk_widget_class_install_action (widget_class, "report.previous", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "report.next", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "report.last-week", NULL, last_week_action_cb);
  gtk_widget_class_install_action (widget_class, "report.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "report.export-pdf", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "report.export-csv", NULL, export_action_cb);
}

static void
wx_report_view_init (WxReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->mode_stack, "notify::visible-child", G_CALLBACK (mode_changed_cb), self);
}

GtkWidget *
wx_report_view_new (void)
{
  return g_object_new (WX_TYPE_REPORT_VIEW, NULL);
}

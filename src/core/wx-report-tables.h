/* wx-report-tables.h — the weekly and monthly reports as the tables and
 * chart series that both the window (Cairo) and the PDF (libharu) show,
 * so that the two look and read the same: translated headings, formatted
 * cells, and the palette of the charts. */
#pragma once

#include "wx-report.h"

G_BEGIN_DECLS

typedef struct {
  char      *title;
  GPtrArray *columns;     /* char*: the headings */
  GPtrArray *rows;        /* GStrv: one cell per column */
  gboolean   last_total;  /* the last row is a total (drawn bold) */
} WxReportTable;

void           wx_report_table_free     (WxReportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReportTable, wx_report_table_free)

/* Per engineer and the whole shop, the chosen week. */
WxReportTable *wx_report_table_engineers (const WxReport *report);
/* Each clock of the shop: stopped, met, share, median; the chosen week. */
WxReportTable *wx_report_table_clocks    (const WxReport *report);
/* SLA attainment per engineer (beside its bar chart). */
WxReportTable *wx_report_table_sla       (const WxReport *report);
/* Backlog by folder (or by shelf) and age (beside the stacked bars). */
WxReportTable *wx_report_table_backlog   (const WxReport *report,
                                          gboolean        shelves);
/* The nine weeks of the shop (beside the trend lines). */
WxReportTable *wx_report_table_trend     (const WxReport *report);
/* Orders of the chosen week by category and kind. */
WxReportTable *wx_report_table_categories (const WxReport *report);

WxReportTable *wx_month_table_feedback   (const WxMonthReport *report);
WxReportTable *wx_month_table_complaints (const WxMonthReport *report);
WxReportTable *wx_month_table_collections (const WxMonthReport *report);
/* The unpaid orders, oldest first: all of them (max 0), or the first `max`
 * and a last row "… and N more". */
WxReportTable *wx_month_table_debts      (const WxMonthReport *report,
                                          guint                max);

/* A chart: named series of values; bars (one value each), stacks (one
 * value per part) or lines (one value per week, -1 for none). */
typedef enum {
  WX_REPORT_CHART_BARS,      /* shares 0…1, one bar per series */
  WX_REPORT_CHART_STACKS,    /* counts, one stacked bar per series */
  WX_REPORT_CHART_LINES,     /* shares 0…1, one line per series */
} WxReportChartKind;

typedef struct {
  char   *label;
  double  values[WX_REPORT_WEEKS];
  guint   n_values;
} WxReportSeries;

typedef struct {
  WxReportChartKind kind;
  char             *title;
  GPtrArray        *series;     /* WxReportSeries* */
  GPtrArray        *parts;      /* char*: stack parts or x labels (lines) */
  double            max;        /* the top of the value axis */
  GStringChunk     *strings;    /* the shapes' texts */
} WxReportChart;

void           wx_report_chart_free      (WxReportChart *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxReportChart, wx_report_chart_free)

WxReportChart *wx_report_chart_sla       (const WxReport *report);
WxReportChart *wx_report_chart_backlog   (const WxReport *report);
WxReportChart *wx_report_chart_trend     (const WxReport *report);

/* A chart drawn as shapes in a `width` × `height` box (any unit, y down),
 * text `font` units high: the window draws them with Cairo, the PDF with
 * libharu, so both show the same chart. */
typedef enum {
  WX_CHART_SHAPE_RECT,       /* filled x, y, w, h */
  WX_CHART_SHAPE_LINE,       /* from x, y to x + w, y + h; `size` wide */
  WX_CHART_SHAPE_TEXT,       /* in the box x, y, w, h, aligned by `align` */
} WxChartShapeKind;

typedef struct {
  WxChartShapeKind kind;
  double           x, y, w, h;
  double           rgb[3];
  double           size;      /* line width, or text height */
  int              align;     /* text: -1 left, 0 centre, 1 right */
  const char      *text;      /* owned by the chart */
} WxChartShape;

GArray        *wx_report_chart_shapes    (WxReportChart  *chart,
                                          double          width,
                                          double          height,
                                          double          font);

/* The charts' colours (0…1 RGB): series or stack part `index`. */
void           wx_report_palette         (guint           index,
                                          double          rgb[3]);

G_END_DECLS

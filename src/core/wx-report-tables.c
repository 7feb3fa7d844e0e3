#define G_LOG_DOMAIN "wx-report"

#include <glib/gi18n.h>

#include "wx-money.h"
#include "wx-report-tables.h"
#include "wx-workflow.h"

/* ------------------------------------------------------------ tables */

static WxReportTable *
table_new (const char *title, const char *const *columns, guint n)
{
  WxReportTable *t = g_new0 (WxReportTable, 1);

  t->title = g_strdup (title);
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (t->columns, g_strdup (_(columns[i])));
  return t;
}

void
wx_report_table_free (WxReportTable *t)
{
  if (t == NULL)
    return;
  g_free (t->title);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

/* Adds a row of the table's width from `first` and the cells after it
 * (NULL-terminated); the row takes the strings. */
static void
table_add (WxReportTable *t, char *first, ...)
{
  GStrv row = g_new0 (char *, t->columns->len + 1);
  va_list ap;
  char *cell = first;

  va_start (ap, first);
  for (guint i = 0; i < t->columns->len; i++)
    {
      row[i] = cell ? cell : g_strdup ("");
      cell = i + 1 < t->columns->len ? va_arg (ap, char *) : NULL;
    }
  va_end (ap);
  g_ptr_array_add (t->rows, row);
}

static char *
num (guint64 v)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, v);
}

static const char *const engineer_columns[] = {
  N_("Engineer"), N_("Orders"), N_("Carry-in"), N_("On-site"), N_("Sale"), N_("SLA met"),
  N_("On-site response"), N_("Return rate"), N_("Parts accuracy"), N_("Callbacks"), N_("Satisfaction"),
  N_("Complaints"), N_("Quotes"), N_("Agreed"), N_("Revenue"), N_("Backlog"),
};

static void
engineer_row (WxReportTable *t, const WxReportRow *row)
{
  const WxReportStats *s = &row->weeks[WX_REPORT_CHOSEN];

  table_add (t, g_strdup (row->name), num (s->orders), num (s->by_kind[WX_ORDER_KIND_CARRY_IN]),
             num (s->by_kind[WX_ORDER_KIND_ON_SITE]), num (s->by_kind[WX_ORDER_KIND_SALE]),
             wx_report_format_share (wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s)),
             wx_report_format_minutes (s->clock_median[WX_CLOCK_ONSITE_ARRIVAL]),
             wx_report_format_share (s->returns, s->handed_over),
             wx_report_format_share (s->parts_ok, s->reviewed),
             num (s->callbacks), wx_report_format_average (s->satisfaction_sum, s->rated),
             num (s->complaints), num (s->quotes),
             wx_report_format_share (s->agreed, s->agreed + s->declined),
             wx_money_format_yuan (s->revenue), num (wx_report_backlog_total (row->backlog)), NULL);
}

WxReportTable *
wx_report_table_engineers (const WxReport *r)
{
  WxReportTable *t = table_new (_("Engineers"), engineer_columns, G_N_ELEMENTS (engineer_columns));

  for (guint i = 0; i < r->engineers->len; i++)
    engineer_row (t, g_ptr_array_index (r->engineers, i));
  engineer_row (t, &r->shop);
  t->last_total = TRUE;
  return t;
}

WxReportTable *
wx_report_table_clocks (const WxReport *r)
{
  static const char *const columns[] = { N_("Clock"), N_("Stopped"), N_("Met"), N_("Share met"), N_("Median time") };
  WxReportTable *t = table_new (_("Time limits (the whole shop)"), columns, G_N_ELEMENTS (columns));
  const WxReportStats *s = &r->shop.weeks[WX_REPORT_CHOSEN];

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    table_add (t, g_strdup (wx_clock_label (c)), num (s->clock_n[c]), num (s->clock_met[c]),
               wx_report_format_share (s->clock_met[c], s->clock_n[c]),
               wx_report_format_minutes (s->clock_median[c]), NULL);
  table_add (t, g_strdup (_("All clocks")), num (wx_report_stats_clocks_n (s)), num (wx_report_stats_clocks_met (s)),
             wx_report_format_share (wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s)), NULL, NULL);
  t->last_total = TRUE;
  return t;
}

static void
sla_row (WxReportTable *t, const WxReportRow *row)
{
  const WxReportStats *s = &row->weeks[WX_REPORT_CHOSEN];
  guint met = wx_report_stats_clocks_met (s), n = wx_report_stats_clocks_n (s);

  table_add (t, g_strdup (row->name), num (met), num (n), wx_report_format_share (met, n), NULL);
}

WxReportTable *
wx_report_table_sla (const WxReport *r)
{
  static const char *const columns[] = { N_("Engineer"), N_("Met"), N_("Clocks"), N_("Share met") };
  WxReportTable *t = table_new (_("SLA attainment per engineer"), columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < r->engineers->len; i++)
    sla_row (t, g_ptr_array_index (r->engineers, i));
  sla_row (t, &r->shop);
  t->last_total = TRUE;
  return t;
}

WxReportTable *
wx_report_table_backlog (const WxReport *r, gboolean shelves)
{
  const char *columns[WX_REPORT_N_AGES + 2];
  WxReportTable *t;
  guint totals[WX_REPORT_N_AGES] = { 0 };
  guint n = shelves ? WX_N_SHELVES : WX_N_FOLDERS;

  columns[0] = shelves ? N_("Shelf") : N_("Folder");
  for (guint a = 0; a < WX_REPORT_N_AGES; a++)
    columns[a + 1] = wx_report_age_label (a);
  columns[WX_REPORT_N_AGES + 1] = N_("Sum");
  t = table_new (shelves ? _("Backlog by shelf and age") : _("Backlog by folder and age"), columns, G_N_ELEMENTS (columns));
  for (guint i = 1; i < n; i++)
    {
      const guint *ages = shelves ? r->backlog_shelf[i] : r->backlog_folder[i];
      GStrv row;

      if (shelves && i == WX_SHELF_RETURNED && wx_report_backlog_total (ages) == 0)
        continue;
      row = g_new0 (char *, WX_REPORT_N_AGES + 3);
      row[0] = g_strdup (shelves ? wx_shelf_label (i) : wx_folder_label (i));
      for (guint a = 0; a < WX_REPORT_N_AGES; a++)
        {
          row[a + 1] = num (ages[a]);
          totals[a] += ages[a];
        }
      row[WX_REPORT_N_AGES + 1] = num (wx_report_backlog_total (ages));
      g_ptr_array_add (t->rows, row);
    }
  {
    GStrv row = g_new0 (char *, WX_REPORT_N_AGES + 3);
    row[0] = g_strdup (_("Sum"));
    for (guint a = 0; a < WX_REPORT_N_AGES; a++)
      row[a + 1] = num (totals[a]);
    row[WX_REPORT_N_AGES + 1] = num (wx_report_backlog_total (totals));
    g_ptr_array_add (t->rows, row);
  }
  t->last_total = TRUE;
  return t;
}

static char *
week_short (const WxReport *r, guint index)
{
  int y = r->year, w = r->week;

  wx_report_week_step (r->zone, &y, &w, (int) index - WX_REPORT_CHOSEN);
  return g_strdup_printf ("W%02d", w);
}

WxReportTable *
wx_report_table_trend (const WxReport *r)
{
  static const char *const columns[] = {
    N_("Week"), N_("Orders"), N_("SLA met"), N_("Return rate"), N_("Parts accuracy"), N_("Satisfaction"),
    N_("Agreed"), N_("Revenue"),
  };
  WxReportTable *t = table_new (_("The last nine weeks (the whole shop)"), columns, G_N_ELEMENTS (columns));

  for (guint w = 0; w < WX_REPORT_WEEKS; w++)
    {
      const WxReportStats *s = &r->shop.weeks[w];
      table_add (t, week_short (r, w), num (s->orders),
                 wx_report_format_share (wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s)),
                 wx_report_format_share (s->returns, s->handed_over), wx_report_format_share (s->parts_ok, s->reviewed),
                 wx_report_format_average (s->satisfaction_sum, s->rated),
                 wx_report_format_share (s->agreed, s->agreed + s->declined), wx_money_format_yuan (s->revenue), NULL);
    }
  return t;
}

WxReportTable *
wx_report_table_categories (const WxReport *r)
{
  static const char *const columns[] = { N_("Machine"), N_("Orders") };
  WxReportTable *t = table_new (_("Orders by machine"), columns, G_N_ELEMENTS (columns));
  const WxReportStats *s = &r->shop.weeks[WX_REPORT_CHOSEN];

  for (guint c = 0; c < WX_REPORT_N_CATEGORIES; c++)
    if (s->by_category[c])
      table_add (t, g_strdup (wx_report_category_label (c)), num (s->by_category[c]), NULL);
  table_add (t, g_strdup (_("Sum")), num (s->orders), NULL);
  t->last_total = TRUE;
  return t;
}

/* ------------------------------------------------------------ monthly */

WxReportTable *
wx_month_table_feedback (const WxMonthReport *m)
{
  static const char *const columns[] = { N_("Feedback"), N_("Number") };
  WxReportTable *t = table_new (_("Customer feedback (callbacks)"), columns, G_N_ELEMENTS (columns));

  table_add (t, g_strdup (_("Callbacks done")), num (m->callbacks), NULL);
  table_add (t, g_strdup (_("Customer reached")), num (m->reached), NULL);
  table_add (t, g_strdup (_("Average satisfaction (1–5)")), wx_report_format_average (m->satisfaction_sum, m->rated), NULL);
  table_add (t, g_strdup (_("Machine not working")), num (m->not_working), NULL);
  table_add (t, g_strdup (_("Engineer explained the repair")), num (m->explained), NULL);
  table_add (t, g_strdup (_("Weak: response time")), num (m->weak_response), NULL);
  table_add (t, g_strdup (_("Weak: repair time")), num (m->weak_repair_time), NULL);
  table_add (t, g_strdup (_("Weak: attitude and skill")), num (m->weak_attitude), NULL);
  table_add (t, g_strdup (_("Weak: quote speed")), num (m->weak_quote_speed), NULL);
  for (guint s = 5; s >= 1; s--)
    table_add (t, g_strdup_printf (_("Score %u"), s), num (m->by_score[s - 1]), NULL);
  table_add (t, g_strdup (_("Complaints received")), num (m->complaints_received), NULL);
  table_add (t, g_strdup (_("Complaints closed")), num (m->complaints_closed), NULL);
  table_add (t, g_strdup (_("Complaints open at the month's end")), num (m->complaints_open), NULL);
  return t;
}

static char *
local_date (GTimeZone *zone, gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

WxReportTable *
wx_month_table_complaints (const WxMonthReport *m)
{
  static const char *const columns[] = { N_("Received"), N_("Order"), N_("Customer"), N_("What happened"),
                                         N_("Closed"), N_("Outcome") };
  WxReportTable *t = table_new (_("Complaints of the month"), columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < m->complaints->len; i++)
    {
      const WxReportComplaint *c = g_ptr_array_index (m->complaints, i);
      table_add (t, local_date (m->zone, c->received_at), g_strdup (c->number), g_strdup (c->unit),
                 g_strdup (c->description), c->closed_at ? local_date (m->zone, c->closed_at) : g_strdup (_("open")),
                 g_strdup (c->outcome), NULL);
    }
  return t;
}

WxReportTable *
wx_month_table_collections (const WxMonthReport *m)
{
  static const char *const columns[] = { N_("Since handover"), N_("Unpaid orders"), N_("Amount due") };
  WxReportTable *t = table_new (_("Collections: unpaid orders by age"), columns, G_N_ELEMENTS (columns));
  guint n = 0;
  gint64 due = 0;

  for (guint b = 0; b < WX_REPORT_N_DEBT_AGES; b++)
    {
      table_add (t, g_strdup (wx_report_debt_label (b)), num (m->debt_n[b]), wx_money_format_yuan (m->debt_due[b]), NULL);
      n += m->debt_n[b];
      due += m->debt_due[b];
    }
  table_add (t, g_strdup (_("Sum")), num (n), wx_money_format_yuan (due), NULL);
  t->last_total = TRUE;
  return t;
}

WxReportTable *
wx_month_table_debts (const WxMonthReport *m, guint max)
{
  static const char *const columns[] = { N_("Order"), N_("Customer"), N_("Handed over"), N_("Days"), N_("Amount due") };
  WxReportTable *t = table_new (_("Unpaid orders, oldest first"), columns, G_N_ELEMENTS (columns));
  guint shown = max && max < m->debts->len ? max : m->debts->len;

  for (guint i = 0; i < shown; i++)
    {
      const WxReportDebt *d = g_ptr_array_index (m->debts, i);
      table_add (t, g_strdup (d->number), g_strdup (d->unit), local_date (m->zone, d->handed_over), num (d->days),
                 wx_money_format_yuan (d->due), NULL);
    }
  if (shown < m->debts->len)
    table_add (t, g_strdup_printf (_("… and %u more"), m->debts->len - shown), g_strdup (""), g_strdup (""),
               g_strdup (""), g_strdup (""), NULL);
  return t;
}

/* ------------------------------------------------------------ charts */

static void
series_free (gpointer data)
{
  WxReportSeries *s = data;

  g_free (s->label);
  g_free (s);
}

static WxReportChart *
chart_new (WxReportChartKind kind, const char *title)
{
  WxReportChart *c = g_new0 (WxReportChart, 1);

  c->kind = kind;
  c->title = g_strdup (title);
  c->series = g_ptr_array_new_with_free_func (series_free);
  c->parts = g_ptr_array_new_with_free_func (g_free);
  c->max = 1.0;
  c->strings = g_string_chunk_new (1024);
  return c;
}

static WxReportSeries *
chart_add (WxReportChart *c, const char *label)
{
  WxReportSeries *s = g_new0 (WxReportSeries, 1);

  s->label = g_strdup (label);
  g_ptr_array_add (c->series, s);
  return s;
}

void
wx_report_chart_free (WxReportChart *c)
{
  if (c == NULL)
    return;
  g_free (c->title);
  g_ptr_array_unref (c->series);
  g_ptr_array_unref (c->parts);
  g_string_chunk_free (c->strings);
  g_free (c);
}

static void
sla_series (WxReportChart *c, const WxReportRow *row)
{
  const WxReportStats *s = &row->weeks[WX_REPORT_CHOSEN];
  WxReportSeries *series = chart_add (c, row->name);

  series->values[0] = wx_report_share (wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s));
  series->n_values = 1;
}

WxReportChart *
wx_report_chart_sla (const WxReport *r)
{
  WxReportChart *c = chart_new (WX_REPORT_CHART_BARS, _("SLA attainment per engineer"));

  for (guint i = 0; i < r->engineers->len; i++)
    sla_series (c, g_ptr_array_index (r->engineers, i));
  sla_series (c, &r->shop);
  return c;
}

WxReportChart *
wx_report_chart_backlog (const WxReport *r)
{
  WxReportChart *c = chart_new (WX_REPORT_CHART_STACKS, _("Backlog by folder and age"));
  guint top = 0;

  for (guint a = 0; a < WX_REPORT_N_AGES; a++)
    g_ptr_array_add (c->parts, g_strdup (wx_report_age_label (a)));
  for (guint f = 1; f < WX_N_FOLDERS; f++)
    {
      WxReportSeries *s = chart_add (c, wx_folder_label (f));
      for (guint a = 0; a < WX_REPORT_N_AGES; a++)
        s->values[a] = r->backlog_folder[f][a];
      s->n_values = WX_REPORT_N_AGES;
      top = MAX (top, wx_report_backlog_total (r->backlog_folder[f]));
    }
  /* A round top: 5, 10, 20, 50, 100, … */
  c->max = 5;
  for (double base = 10; c->max < top; base *= 10)
    c->max = top <= base ? base : top <= 2 * base ? 2 * base : 5 * base;
  return c;
}

WxReportChart *
wx_report_chart_trend (const WxReport *r)
{
  WxReportChart *c = chart_new (WX_REPORT_CHART_LINES, _("The last nine weeks"));
  WxReportSeries *sla = chart_add (c, _("SLA met"));
  WxReportSeries *parts = chart_add (c, _("Parts accuracy"));
  WxReportSeries *agreed = chart_add (c, _("Quotes agreed"));
  WxReportSeries *returns = chart_add (c, _("Return rate"));

  for (guint w = 0; w < WX_REPORT_WEEKS; w++)
    {
      const WxReportStats *s = &r->shop.weeks[w];
      sla->values[w] = wx_report_share (wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s));
      parts->values[w] = wx_report_share (s->parts_ok, s->reviewed);
      agreed->values[w] = wx_report_share (s->agreed, s->agreed + s->declined);
      returns->values[w] = wx_report_share (s->returns, s->handed_over);
      g_ptr_array_add (c->parts, week_short (r, w));
    }
  sla->n_values = parts->n_values = agreed->n_values = returns->n_values = WX_REPORT_WEEKS;
  return c;
}

void
wx_report_palette (guint index, double rgb[3])
{
  /* Distinct on screen and on paper, and for most colour-blind readers
   * (Okabe–Ito). */
  static const guint32 colours[] = { 0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x999999 };
  guint32 c = colours[index % G_N_ELEMENTS (colours)];

  rgb[0] = ((c >> 16) & 0xff) / 255.0;
  rgb[1] = ((c >> 8) & 0xff) / 255.0;
  rgb[2] = (c & 0xff) / 255.0;
}

/* ------------------------------------------------------------ shapes */

static void
shape (GArray *out, WxChartShapeKind kind, double x, double y, double w, double h, const double rgb[3],
       double size, int align, const char *text)
{
  WxChartShape s = { kind, x, y, w, h, { rgb[0], rgb[1], rgb[2] }, size, align, text };

  g_array_append_val (out, s);
}

static const double black[3] = { 0.1, 0.1, 0.1 };
static const double grey[3] = { 0.75, 0.75, 0.75 };

/* The age colours: fresh green to old red. */
static void
age_colour (guint age, double rgb[3])
{
  static const guint index[] = { 2, 4, 6, 1, 5 };

  wx_report_palette (index[age % G_N_ELEMENTS (index)], rgb);
}

static const char *
percent_text (WxReportChart *c, double share)
{
  g_autofree char *t = share < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", 100 * share);

  return g_string_chunk_insert_const (c->strings, t);
}

/* The value axis (left) with gridlines: 0, ¼, ½, ¾ and the top. */
static void
value_axis (WxReportChart *c, GArray *out, double x0, double y0, double w, double h, double font, gboolean percent)
{
  for (guint k = 0; k <= 4; k++)
    {
      double v = c->max * k / 4, y = y0 + h - h * k / 4;
      g_autofree char *label = percent ? g_strdup_printf ("%.0f%%", 100 * v) : g_strdup_printf ("%.0f", v);

      shape (out, WX_CHART_SHAPE_LINE, x0, y, w, 0, k == 0 ? black : grey, k == 0 ? 0.8 : 0.3, 0, NULL);
      shape (out, WX_CHART_SHAPE_TEXT, x0 - 4.5 * font, y - font * 0.6, 4.2 * font, font * 1.2, black, font, 1,
             g_string_chunk_insert_const (c->strings, label));
    }
}

/* The legend, in one row under the title. */
static void
legend (WxReportChart *c, GArray *out, double x, double y, double w, double font, gboolean parts)
{
  guint n = parts ? c->parts->len : c->series->len;
  double step = w / MAX (n, 1);

  for (guint i = 0; i < n; i++)
    {
      double rgb[3];
      const char *label = parts ? g_ptr_array_index (c->parts, i)
                                : ((WxReportSeries *) g_ptr_array_index (c->series, i))->label;

      if (parts)
        age_colour (i, rgb);
      else
        wx_report_palette (i, rgb);
      shape (out, WX_CHART_SHAPE_RECT, x + i * step, y + font * 0.15, font * 0.9, font * 0.9, rgb, 0, 0, NULL);
      shape (out, WX_CHART_SHAPE_TEXT, x + i * step + font * 1.2, y - font * 0.1, step - font * 1.4, font * 1.2,
             black, font, -1, label);
    }
}

GArray *
wx_report_chart_shapes (WxReportChart *c, double width, double height, double font)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (WxChartShape));
  double left = 5 * font, top = 4.2 * font, bottom = 2.6 * font;
  double x0 = left, y0 = top, w = width - left - font, h = height - top - bottom;
  guint n = c->series->len;

  shape (out, WX_CHART_SHAPE_TEXT, 0, 0, width, font * 1.4, black, font * 1.15, -1, c->title);
  if (c->kind != WX_REPORT_CHART_BARS)
    legend (c, out, x0, font * 1.8, w, font * 0.9, c->kind == WX_REPORT_CHART_STACKS);
  value_axis (c, out, x0, y0, w, h, font * 0.85, c->kind != WX_REPORT_CHART_STACKS);

  if (c->kind == WX_REPORT_CHART_LINES)
    {
      guint points = c->parts->len;
      double step = points > 1 ? w / (points - 1) : w;

      for (guint p = 0; p < points; p++)
        shape (out, WX_CHART_SHAPE_TEXT, x0 + p * step - step / 2, y0 + h + font * 0.4, step, font * 1.2,
               black, font * 0.85, 0, g_ptr_array_index (c->parts, p));
      for (guint i = 0; i < n; i++)
        {
          const WxReportSeries *s = g_ptr_array_index (c->series, i);
          double rgb[3];
          int last = -1;

          wx_report_palette (i, rgb);
          for (guint p = 0; p < s->n_values && p < points; p++)
            {
              double x, y;
              if (s->values[p] < 0)
                continue;
              x = x0 + p * step;
              y = y0 + h - h * MIN (s->values[p] / c->max, 1.0);
              if (last >= 0)
                {
                  double lx = x0 + last * step, ly = y0 + h - h * MIN (s->values[last] / c->max, 1.0);
                  shape (out, WX_CHART_SHAPE_LINE, lx, ly, x - lx, y - ly, rgb, 1.4, 0, NULL);
                }
              shape (out, WX_CHART_SHAPE_RECT, x - font * 0.25, y - font * 0.25, font * 0.5, font * 0.5, rgb, 0, 0, NULL);
              last = (int) p;
            }
        }
      return out;
    }

  for (guint i = 0; i < n; i++)
    {
      const WxReportSeries *s = g_ptr_array_index (c->series, i);
      double slot = w / MAX (n, 1), bw = MIN (slot * 0.6, 12 * font), bx = x0 + i * slot + (slot - bw) / 2;

      shape (out, WX_CHART_SHAPE_TEXT, x0 + i * slot, y0 + h + font * 0.4, slot, font * 1.2, black, font * 0.85, 0,
             s->label);
      if (c->kind == WX_REPORT_CHART_BARS)
        {
          double rgb[3], bh;

          wx_report_palette (i + 1 == n ? 1 : 0, rgb);
          if (s->values[0] < 0)
            {
              shape (out, WX_CHART_SHAPE_TEXT, bx, y0 + h - font * 1.4, bw, font * 1.2, black, font * 0.85, 0, "—");
              continue;
            }
          bh = h * MIN (s->values[0] / c->max, 1.0);
          shape (out, WX_CHART_SHAPE_RECT, bx, y0 + h - bh, bw, bh, rgb, 0, 0, NULL);
          shape (out, WX_CHART_SHAPE_TEXT, bx - slot / 4, y0 + h - bh - font * 1.3, bw + slot / 2, font * 1.2, black,
                 font * 0.85, 0, percent_text (c, s->values[0]));
        }
      else
        {
          double y = y0 + h, total = 0;

          for (guint p = 0; p < s->n_values; p++)
            {
              double rgb[3], ph = h * s->values[p] / c->max;
              age_colour (p, rgb);
              if (ph > 0)
                shape (out, WX_CHART_SHAPE_RECT, bx, y - ph, bw, ph, rgb, 0, 0, NULL);
              y -= ph;
              total += s->values[p];
            }
          {
            g_autofree char *t = g_strdup_printf ("%.0f", total);
            shape (out, WX_CHART_SHAPE_TEXT, bx - slot / 4, y - font * 1.3, bw + slot / 2, font * 1.2, black,
                   font * 0.85, 0, g_string_chunk_insert_const (c->strings, t));
          }
        }
    }
  return out;
}

#define G_LOG_DOMAIN "wx-report"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "wx-error.h"
#include "wx-report.h"
#include "wx-workflow.h"

/* ------------------------------------------------------------ categories */

static const struct { const char *code; const char *label; } categories[WX_REPORT_N_CATEGORIES] = {
  { "pc",             N_("PC") },
  { "laptop",         N_("Laptop") },
  { "server",         N_("Server") },
  { "laser_printer",  N_("Laser printer") },
  { "inkjet_printer", N_("Inkjet printer") },
  { "plotter",        N_("Plotter") },
  { "projector",      N_("Projector") },
  { "network",        N_("Network") },
  { "other",          N_("Other machine") },
  { "none",           N_("No machine (sale)") },
};

const char *
wx_report_category_code (guint category)
{
  g_return_val_if_fail (category < WX_REPORT_N_CATEGORIES, NULL);
  return categories[category].code;
}

const char *
wx_report_category_label (guint category)
{
  g_return_val_if_fail (category < WX_REPORT_N_CATEGORIES, NULL);
  return _(categories[category].label);
}

guint
wx_report_category_from_code (const char *code)
{
  for (guint i = 0; code && i < WX_REPORT_N_CATEGORIES; i++)
    if (g_str_equal (categories[i].code, code))
      return i;
  return WX_REPORT_N_CATEGORIES - 1;
}

/* ------------------------------------------------------------ ages */

#define DAY (G_GINT64_CONSTANT (86400))

static const struct { gint64 below; const char *code; const char *label; } ages[WX_REPORT_N_AGES] = {
  { DAY,        "0-1d",  N_("under 1 day") },
  { 3 * DAY,    "1-3d",  N_("1–3 days") },
  { 7 * DAY,    "3-7d",  N_("3–7 days") },
  { 14 * DAY,   "7-14d", N_("1–2 weeks") },
  { G_MAXINT64, "14d+",  N_("over 2 weeks") },
};

guint
wx_report_age_bucket (gint64 seconds)
{
  guint i = 0;

  while (i + 1 < WX_REPORT_N_AGES && seconds >= ages[i].below)
    i++;
  return i;
}

const char *
wx_report_age_label (guint bucket)
{
  g_return_val_if_fail (bucket < WX_REPORT_N_AGES, NULL);
  return _(ages[bucket].label);
}

const char *
wx_report_age_code (guint bucket)
{
  g_return_val_if_fail (bucket < WX_REPORT_N_AGES, NULL);
  return ages[bucket].code;
}

static const struct { gint64 below; const char *label; } debt_ages[WX_REPORT_N_DEBT_AGES] = {
  { 31 * DAY,   N_("0–30 days") },
  { 61 * DAY,   N_("31–60 days") },
  { 91 * DAY,   N_("61–90 days") },
  { G_MAXINT64, N_("over 90 days") },
};

guint
wx_report_debt_bucket (gint64 seconds)
{
  guint i = 0;

  while (i + 1 < WX_REPORT_N_DEBT_AGES && seconds >= debt_ages[i].below)
    i++;
  return i;
}

const char *
wx_report_debt_label (guint bucket)
{
  g_return_val_if_fail (bucket < WX_REPORT_N_DEBT_AGES, NULL);
  return _(debt_ages[bucket].label);
}

/* ------------------------------------------------------------ the report */

static void
row_init (WxReportRow *row, const char *role, const char *name)
{
  memset (row, 0, sizeof *row);
  row->role = g_strdup (role);
  row->name = g_strdup (name);
  for (guint w = 0; w < WX_REPORT_WEEKS; w++)
    for (guint c = 0; c < WX_N_CLOCKS; c++)
      row->weeks[w].clock_median[c] = -1;
}

static void
row_free (gpointer data)
{
  WxReportRow *row = data;

  g_free (row->role);
  g_free (row->name);
  g_free (row);
}

WxReport *
wx_report_new (GTimeZone *zone, int year, int week)
{
  WxReport *r = g_new0 (WxReport, 1);
  int y = year, w = week;

  r->zone = g_time_zone_ref (zone);
  r->year = year;
  r->week = week;
  r->engineers = g_ptr_array_new_with_free_func (row_free);
  row_init (&r->shop, "", _("Whole shop"));
  wx_report_week_step (zone, &y, &w, -(WX_REPORT_WEEKS - 1));
  for (guint i = 0; i <= WX_REPORT_WEEKS; i++)
    {
      g_autoptr(GDateTime) start = wx_report_week_start (zone, y, w);
      r->bounds[i] = g_date_time_to_unix (start);
      wx_report_week_step (zone, &y, &w, 1);
    }
  r->as_of = r->bounds[WX_REPORT_WEEKS];
  return r;
}

void
wx_report_free (WxReport *r)
{
  if (r == NULL)
    return;
  g_time_zone_unref (r->zone);
  g_free (r->company);
  g_ptr_array_unref (r->engineers);
  g_free (r->shop.role);
  g_free (r->shop.name);
  g_free (r);
}

WxReportRow *
wx_report_row (WxReport *r, const char *role, const char *name)
{
  WxReportRow *row;

  for (guint i = 0; i < r->engineers->len; i++)
    {
      row = g_ptr_array_index (r->engineers, i);
      if (g_str_equal (row->role, role))
        return row;
    }
  row = g_new (WxReportRow, 1);
  row_init (row, role, name && *name ? name : (*role ? role : _("Unassigned")));
  g_ptr_array_add (r->engineers, row);
  return row;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const WxReportRow *x = *(WxReportRow * const *) a, *y = *(WxReportRow * const *) b;

  if ((*x->role == '\0') != (*y->role == '\0'))
    return *x->role == '\0' ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

void
wx_report_sort_rows (WxReport *r)
{
  g_ptr_array_sort (r->engineers, compare_rows);
}

void
wx_report_stats_add (WxReportStats *to, const WxReportStats *from)
{
  to->orders += from->orders;
  for (guint k = 0; k < G_N_ELEMENTS (to->by_kind); k++)
    to->by_kind[k] += from->by_kind[k];
  for (guint c = 0; c < WX_REPORT_N_CATEGORIES; c++)
    to->by_category[c] += from->by_category[c];
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      to->clock_n[c] += from->clock_n[c];
      to->clock_met[c] += from->clock_met[c];
    }
  to->handed_over += from->handed_over;
  to->returns += from->returns;
  to->reviewed += from->reviewed;
  to->parts_ok += from->parts_ok;
  to->callbacks += from->callbacks;
  to->rated += from->rated;
  to->satisfaction_sum += from->satisfaction_sum;
  to->complaints += from->complaints;
  to->quotes += from->quotes;
  to->agreed += from->agreed;
  to->declined += from->declined;
  to->revenue += from->revenue;
}

guint
wx_report_stats_clocks_n (const WxReportStats *s)
{
  guint n = 0;

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    n += s->clock_n[c];
  return n;
}

guint
wx_report_stats_clocks_met (const WxReportStats *s)
{
  guint n = 0;

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    n += s->clock_met[c];
  return n;
}

guint
wx_report_backlog_total (const guint a[WX_REPORT_N_AGES])
{
  guint n = 0;

  for (guint i = 0; i < WX_REPORT_N_AGES; i++)
    n += a[i];
  return n;
}

/* ------------------------------------------------------------ weeks */

gboolean
wx_report_parse_week (const char *text, int *year, int *week, GError **error)
{
  g_autoptr(GRegex) re = g_regex_new ("^\\s*([0-9]{4})-?[Ww]([0-9]{1,2})\\s*$", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  int y, w;

  if (text == NULL || !g_regex_match (re, text, 0, &m))
    {
      g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                   _("“%s” is not a week; write it as year and ISO week, for example 2026-W47."), text ? text : "");
      return FALSE;
    }
  {
    g_autofree char *ys = g_match_info_fetch (m, 1);
    g_autofree char *ws = g_match_info_fetch (m, 2);
    y = atoi (ys);
    w = atoi (ws);
  }
  /* The last ISO week of a year is the week of 28 December. */
  {
    g_autoptr(GDateTime) dec28 = g_date_time_new_utc (y, 12, 28, 12, 0, 0);
    int last = dec28 ? g_date_time_get_week_of_year (dec28) : 52;
    if (y < 2000 || y > 9999 || w < 1 || w > last)
      {
        g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
                     _("%d has no week %d; its weeks are 1 to %d."), y, w, last);
        return FALSE;
      }
  }
  *year = y;
  *week = w;
  return TRUE;
}

char *
wx_report_week_code (int year, int week)
{
  return g_strdup_printf ("%04d-W%02d", year, week);
}

GDateTime *
wx_report_week_start (GTimeZone *zone, int year, int week)
{
  /* 4 January is always in week 1. */
  g_autoptr(GDateTime) jan4 = g_date_time_new (zone, year, 1, 4, 0, 0, 0);
  int back = g_date_time_get_day_of_week (jan4) - 1;
  g_autoptr(GDateTime) monday = g_date_time_add_days (jan4, (week - 1) * 7 - back);

  return g_date_time_new (zone, g_date_time_get_year (monday), g_date_time_get_month (monday),
                          g_date_time_get_day_of_month (monday), 0, 0, 0);
}

static void
week_of (GDateTime *t, int *year, int *week)
{
  *year = g_date_time_get_week_numbering_year (t);
  *week = g_date_time_get_week_of_year (t);
}

void
wx_report_last_complete_week (GTimeZone *zone, gint64 now, int *year, int *week)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) before = g_date_time_add_days (local, -7);

  week_of (before, year, week);
}

void
wx_report_week_step (GTimeZone *zone, int *year, int *week, int delta)
{
  g_autoptr(GDateTime) start = wx_report_week_start (zone, *year, *week);
  /* Midweek noon: safe from daylight-saving shifts. */
  g_autoptr(GDateTime) mid = g_date_time_add_hours (start, 3 * 24 + 12);
  g_autoptr(GDateTime) moved = g_date_time_add_days (mid, 7 * delta);

  week_of (moved, year, week);
}

char *
wx_report_week_dates (const WxReport *r, guint index)
{
  g_autoptr(GDateTime) a_utc = g_date_time_new_from_unix_utc (r->bounds[index]);
  g_autoptr(GDateTime) b_utc = g_date_time_new_from_unix_utc (r->bounds[index + 1] - 1);
  g_autoptr(GDateTime) a = g_date_time_to_timezone (a_utc, r->zone);
  g_autoptr(GDateTime) b = g_date_time_to_timezone (b_utc, r->zone);
  g_autofree char *from = g_date_time_format (a, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (b, "%Y-%m-%d");

  return g_strdup_printf ("%s – %s", from, to);
}

gboolean
wx_report_parse_month (const char *text, int *year, int *month, GError **error)
{
  g_autoptr(GRegex) re = g_regex_new ("^\\s*([0-9]{4})-([0-9]{1,2})\\s*$", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (text != NULL && g_regex_match (re, text, 0, &m))
    {
      g_autofree char *ys = g_match_info_fetch (m, 1);
      g_autofree char *ms = g_match_info_fetch (m, 2);
      int y = atoi (ys), mo = atoi (ms);
      if (y >= 2000 && y <= 9999 && mo >= 1 && mo <= 12)
        {
          *year = y;
          *month = mo;
          return TRUE;
        }
    }
  g_set_error (error, WX_CORE_ERROR, WX_CORE_ERROR_INVALID,
               _("“%s” is not a month; write it as year and month, for example 2026-11."), text ? text : "");
  return FALSE;
}

/* ------------------------------------------------------------ helpers */

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

gint64
wx_report_median (gint64 *values, guint n)
{
  if (n == 0)
    return -1;
  qsort (values, n, sizeof (gint64), compare_gint64);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
wx_report_share (guint part, guint whole)
{
  return whole == 0 ? -1.0 : (double) part / (double) whole;
}

char *
wx_report_format_share (guint part, guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", 100.0 * part / whole);
}

char *
wx_report_format_minutes (gint64 minutes)
{
  if (minutes < 0)
    return g_strdup ("—");
  if (minutes < 120)
    return g_strdup_printf (_("%d min"), (int) minutes);
  return g_strdup_printf (_("%.1f h"), minutes / 60.0);
}

char *
wx_report_format_average (guint sum, guint n)
{
  if (n == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", (double) sum / n);
}

/* ------------------------------------------------------------ CSV */

static void
csv_field (GString *out, const char *value)
{
  if (strpbrk (value, ",\"\n\r") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_line (GString *out, const char *week, const char *who, const char *metric, const char *value)
{
  csv_field (out, week);
  g_string_append_c (out, ',');
  csv_field (out, who);
  g_string_append_c (out, ',');
  csv_field (out, metric);
  g_string_append_c (out, ',');
  csv_field (out, value);
  g_string_append_c (out, '\n');
}

static void
csv_uint (GString *out, const char *week, const char *who, const char *metric, guint64 value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  csv_line (out, week, who, metric, buf);
}

static void
csv_ratio (GString *out, const char *week, const char *who, const char *metric, guint part, guint whole)
{
  char buf[32];

  if (whole == 0)
    {
      csv_line (out, week, who, metric, "");
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.4f", (double) part / whole);
  csv_line (out, week, who, metric, buf);
}

static void
csv_stats (GString *out, const char *week, const char *who, const WxReportStats *s)
{
  char buf[64];

  csv_uint (out, week, who, "orders", s->orders);
  for (guint k = 0; k < G_N_ELEMENTS (s->by_kind); k++)
    {
      g_snprintf (buf, sizeof buf, "orders.%s", wx_order_kind_to_code ((WxOrderKind) k));
      csv_uint (out, week, who, buf, s->by_kind[k]);
    }
  for (guint c = 0; c < WX_REPORT_N_CATEGORIES; c++)
    if (s->by_category[c])
      {
        g_snprintf (buf, sizeof buf, "orders.category.%s", categories[c].code);
        csv_uint (out, week, who, buf, s->by_category[c]);
      }
  csv_uint (out, week, who, "clocks", wx_report_stats_clocks_n (s));
  csv_uint (out, week, who, "clocks.met", wx_report_stats_clocks_met (s));
  csv_ratio (out, week, who, "clocks.met_share", wx_report_stats_clocks_met (s), wx_report_stats_clocks_n (s));
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      if (s->clock_n[c] == 0)
        continue;
      g_snprintf (buf, sizeof buf, "clock.%s.n", wx_clock_to_code (c));
      csv_uint (out, week, who, buf, s->clock_n[c]);
      g_snprintf (buf, sizeof buf, "clock.%s.met", wx_clock_to_code (c));
      csv_uint (out, week, who, buf, s->clock_met[c]);
      g_snprintf (buf, sizeof buf, "clock.%s.met_share", wx_clock_to_code (c));
      csv_ratio (out, week, who, buf, s->clock_met[c], s->clock_n[c]);
      g_snprintf (buf, sizeof buf, "clock.%s.median_minutes", wx_clock_to_code (c));
      csv_uint (out, week, who, buf, (guint64) MAX (s->clock_median[c], 0));
    }
  csv_uint (out, week, who, "handed_over", s->handed_over);
  csv_uint (out, week, who, "return_repairs", s->returns);
  csv_ratio (out, week, who, "return_repair_rate", s->returns, s->handed_over);
  csv_uint (out, week, who, "reviews_with_parts", s->reviewed);
  csv_uint (out, week, who, "parts_ok", s->parts_ok);
  csv_ratio (out, week, who, "parts_accuracy", s->parts_ok, s->reviewed);
  csv_uint (out, week, who, "callbacks_done", s->callbacks);
  csv_uint (out, week, who, "callbacks_rated", s->rated);
  csv_ratio (out, week, who, "satisfaction_average", s->satisfaction_sum, s->rated);
  csv_uint (out, week, who, "complaints", s->complaints);
  csv_uint (out, week, who, "quotes_sent", s->quotes);
  csv_uint (out, week, who, "quotes_agreed", s->agreed);
  csv_uint (out, week, who, "quotes_declined", s->declined);
  csv_ratio (out, week, who, "agreement_rate", s->agreed, s->agreed + s->declined);
  {
    g_autofree char *yuan = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", s->revenue / 100, (int) (s->revenue % 100));
    csv_line (out, week, who, "revenue_yuan", yuan);
  }
}

GString *
wx_report_to_csv (const WxReport *r)
{
  GString *out = g_string_new ("week,engineer,metric,value\n");
  int y = r->year, w = r->week;
  g_autofree char *chosen = wx_report_week_code (r->year, r->week);

  wx_report_week_step (r->zone, &y, &w, -(WX_REPORT_WEEKS - 1));
  for (guint i = 0; i < WX_REPORT_WEEKS; i++)
    {
      g_autofree char *code = wx_report_week_code (y, w);

      csv_stats (out, code, "shop", &r->shop.weeks[i]);
      for (guint e = 0; e < r->engineers->len; e++)
        {
          const WxReportRow *row = g_ptr_array_index (r->engineers, e);
          csv_stats (out, code, *row->role ? row->role : "unassigned", &row->weeks[i]);
        }
      wx_report_week_step (r->zone, &y, &w, 1);
    }
  for (guint f = 0; f < WX_N_FOLDERS; f++)
    for (guint a = 0; a < WX_REPORT_N_AGES; a++)
      if (r->backlog_folder[f][a])
        {
          g_autofree char *metric = g_strdup_printf ("backlog.folder.%s.%s", wx_folder_to_code (f), ages[a].code);
          csv_uint (out, chosen, "shop", metric, r->backlog_folder[f][a]);
        }
  for (guint s = 0; s < WX_N_SHELVES; s++)
    for (guint a = 0; a < WX_REPORT_N_AGES; a++)
      if (r->backlog_shelf[s][a])
        {
          g_autofree char *metric = g_strdup_printf ("backlog.shelf.%s.%s", wx_shelf_to_code (s), ages[a].code);
          csv_uint (out, chosen, "shop", metric, r->backlog_shelf[s][a]);
        }
  for (guint a = 0; a < WX_REPORT_N_AGES; a++)
    {
      g_autofree char *metric = g_strdup_printf ("backlog.%s", ages[a].code);
      csv_uint (out, chosen, "shop", metric, r->shop.backlog[a]);
    }
  for (guint e = 0; e < r->engineers->len; e++)
    {
      const WxReportRow *row = g_ptr_array_index (r->engineers, e);
      csv_uint (out, chosen, *row->role ? row->role : "unassigned", "backlog", wx_report_backlog_total (row->backlog));
    }
  return out;
}

/* ------------------------------------------------------------ monthly */

static void
complaint_free (gpointer data)
{
  WxReportComplaint *c = data;

  g_free (c->number);
  g_free (c->unit);
  g_free (c->description);
  g_free (c->outcome);
  g_free (c);
}

static void
debt_free (gpointer data)
{
  WxReportDebt *d = data;

  g_free (d->number);
  g_free (d->unit);
  g_free (d);
}

WxMonthReport *
wx_month_report_new (GTimeZone *zone, int year, int month)
{
  WxMonthReport *r = g_new0 (WxMonthReport, 1);
  g_autoptr(GDateTime) start = g_date_time_new (zone, year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_months (start, 1);

  r->zone = g_time_zone_ref (zone);
  r->year = year;
  r->month = month;
  r->start = g_date_time_to_unix (start);
  r->end = g_date_time_to_unix (end);
  r->as_of = r->end;
  r->complaints = g_ptr_array_new_with_free_func (complaint_free);
  r->debts = g_ptr_array_new_with_free_func (debt_free);
  return r;
}

void
wx_month_report_free (WxMonthReport *r)
{
  if (r == NULL)
    return;
  g_time_zone_unref (r->zone);
  g_free (r->company);
  g_ptr_array_unref (r->complaints);
  g_ptr_array_unref (r->debts);
  g_free (r);
}

void
wx_month_report_add_complaint (WxMonthReport *r, const char *number, const char *unit, gint64 received_at,
                               const char *description, gint64 closed_at, const char *outcome)
{
  WxReportComplaint *c = g_new0 (WxReportComplaint, 1);

  c->number = g_strdup (number);
  c->unit = g_strdup (unit);
  c->received_at = received_at;
  c->description = g_strdup (description);
  c->closed_at = closed_at;
  c->outcome = g_strdup (outcome);
  g_ptr_array_add (r->complaints, c);
}

void
wx_month_report_add_debt (WxMonthReport *r, const char *number, const char *unit, gint64 handed_over, gint64 due)
{
  WxReportDebt *d = g_new0 (WxReportDebt, 1);
  guint b = wx_report_debt_bucket (r->as_of - handed_over);

  d->number = g_strdup (number);
  d->unit = g_strdup (unit);
  d->handed_over = handed_over;
  d->due = due;
  d->days = (guint) (MAX (r->as_of - handed_over, 0) / DAY);
  r->debt_n[b]++;
  r->debt_due[b] += due;
  g_ptr_array_add (r->debts, d);
}

GString *
wx_month_report_to_csv (const WxMonthReport *r)
{
  GString *out = g_string_new ("month,section,metric,value\n");
  g_autofree char *month = g_strdup_printf ("%04d-%02d", r->year, r->month);
  static const char *const weak[] = { "weak_response", "weak_repair_time", "weak_attitude", "weak_quote_speed" };
  const guint weak_n[] = { r->weak_response, r->weak_repair_time, r->weak_attitude, r->weak_quote_speed };

#define M(section, metric, value) G_STMT_START { \
    char b_[32]; g_snprintf (b_, sizeof b_, "%" G_GUINT64_FORMAT, (guint64) (value)); \
    csv_line (out, month, section, metric, b_); } G_STMT_END
  M ("feedback", "callbacks_done", r->callbacks);
  M ("feedback", "reached", r->reached);
  M ("feedback", "rated", r->rated);
  csv_ratio (out, month, "feedback", "satisfaction_average", r->satisfaction_sum, r->rated);
  M ("feedback", "machine_not_working", r->not_working);
  M ("feedback", "engineer_explained", r->explained);
  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    M ("feedback", weak[i], weak_n[i]);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *metric = g_strdup_printf ("score_%u", i + 1);
      M ("feedback", metric, r->by_score[i]);
    }
  M ("complaints", "received", r->complaints_received);
  M ("complaints", "closed", r->complaints_closed);
  M ("complaints", "open_at_end", r->complaints_open);
  for (guint b = 0; b < WX_REPORT_N_DEBT_AGES; b++)
    {
      g_autofree char *metric = g_strdup_printf ("unpaid_orders.%u", b);
      g_autofree char *due = g_strdup_printf ("unpaid_yuan.%u", b);
      g_autofree char *yuan = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", r->debt_due[b] / 100, (int) (r->debt_due[b] % 100));
      M ("collections", metric, r->debt_n[b]);
      csv_line (out, month, "collections", due, yuan);
    }
#undef M
  return out;
}

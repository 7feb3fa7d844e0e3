/* wx-settings-page.c — the administrator's settings page. */
#define G_LOG_DOMAIN "wx-settings-page"

#include <glib/gi18n.h>

#include "core/wx-calendar.h"
#include "core/wx-settings.h"
#include "core/wx-sla.h"
#include "db/wx-db-calendar.h"
#include "db/wx-db-settings.h"
#include "wx-form-rows.h"
#include "wx-settings-page.h"

struct _WxSettingsPage
{
  WxPage          parent_instance;

  GtkBox         *left_column;
  GtkBox         *right_column;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;

  GtkListBox     *days_list;
  GtkWidget      *days_add_row;
  GtkLabel       *example_label;
  GHashTable     *editors;      /* field id → its control */
  GHashTable     *lines;        /* field or section id → its sentence line */

  WxDbSettings   *loaded;
};

G_DEFINE_FINAL_TYPE (WxSettingsPage, wx_settings_page, WX_TYPE_PAGE)

static const char *weekday_names[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* The settings each section saves. */
static const char *escalation_keys[] = {
  "escalation.visits", "escalation.part_orders", "escalation.undiagnosed_days",
  "cluster.orders", "cluster.days", "return_repair.days", NULL,
};
static const char *company_keys[] = {
  "company.name", "company.address", "company.phone", "company.fax", "notice.important", NULL,
};
static const char *number_keys[] = { "order_number.prefix", "order_number.digits", NULL };

/* ------------------------------------------------------------ fields */

static GtkWidget *
editor (WxSettingsPage *self, const char *id)
{
  GtkWidget *w = g_hash_table_lookup (self->editors, id);

  if (w == NULL)
    g_critical ("no settings field “%s”", id);
  return w;
}

static GtkLabel *
line (WxSettingsPage *self, const char *id)
{
  return g_hash_table_lookup (self->lines, id);
}

char *
wx_settings_page_get_field (WxSettingsPage *self,
                            const char     *id)
{
  GtkWidget *w;

  g_return_val_if_fail (WX_IS_SETTINGS_PAGE (self), NULL);
  if ((w = editor (self, id)) == NULL)
    return NULL;
  if (GTK_IS_SWITCH (w))   /* hours.N: the switch, then the entry */
    return gtk_switch_get_active (GTK_SWITCH (w))
           ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (w), "entry"))))
           : g_strdup ("");
  if (GTK_IS_SPIN_BUTTON (w))
    {
      gtk_spin_button_update (GTK_SPIN_BUTTON (w));
      return g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w)));
    }
  if (GTK_IS_TEXT_VIEW (w))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (w));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_DROP_DOWN (w))
    return g_strdup (gtk_drop_down_get_selected (GTK_DROP_DOWN (w)) == 1 ? "workday" : "holiday");
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (w)));
}

void
wx_settings_page_set_field (WxSettingsPage *self,
                            const char     *id,
                            const char     *text)
{
  GtkWidget *w;

  g_return_if_fail (WX_IS_SETTINGS_PAGE (self));
  if ((w = editor (self, id)) == NULL)
    return;
  text = text ? text : "";
  if (GTK_IS_SWITCH (w))
    {
      gtk_switch_set_active (GTK_SWITCH (w), *text != '\0');
      if (*text)
        gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (w), "entry")), text);
    }
  else if (GTK_IS_SPIN_BUTTON (w))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (w), g_ascii_strtod (text, NULL));
  else if (GTK_IS_TEXT_VIEW (w))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (w)), text, -1);
  else if (GTK_IS_DROP_DOWN (w))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (w), g_str_equal (text, "workday") ? 1 : 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (w), text);
}

const char *
wx_settings_page_get_message (WxSettingsPage *self,
                              const char     *id)
{
  GtkLabel *l;

  g_return_val_if_fail (WX_IS_SETTINGS_PAGE (self), "");
  l = line (self, id);
  return l ? wx_form_said (l) : "";
}

static void
add_field (WxSettingsPage *self,
           GtkListBox     *list,
           const char     *id,
           const char     *title,
           GtkWidget      *control,
           GtkWidget      *widget)
{
  g_hash_table_insert (self->editors, g_strdup (id), control);
  g_hash_table_insert (self->lines, g_strdup (id), wx_form_row (list, title, widget ? widget : control));
}

static GtkWidget *
spin_new (guint min, guint max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  return spin;
}

static GtkWidget *
entry_new (int width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  return entry;
}

/* A control for setting `info`. */
static GtkWidget *
value_control (const WxSettingInfo *info)
{
  GtkWidget *view;
  GtkWidget *frame;

  switch (info->kind)
    {
    case WX_SETTING_COUNT:
      return spin_new (0, 99999);
    case WX_SETTING_TEXT:
      view = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_widget_set_size_request (view, 320, 110);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      return frame;
    case WX_SETTING_PREFIX:
      return entry_new (10);
    case WX_SETTING_LINE:
    case WX_SETTING_REQUIRED:
    default:
      return entry_new (28);
    }
}

static void
add_value_fields (WxSettingsPage *self,
                  GtkListBox     *list,
                  const char    **keys)
{
  for (guint i = 0; keys[i]; i++)
    {
      const WxSettingInfo *info = wx_setting_info (keys[i]);
      GtkWidget *control = value_control (info);
      GtkWidget *edit = GTK_IS_FRAME (control) ? gtk_frame_get_child (GTK_FRAME (control)) : control;

      add_field (self, list, keys[i], _(info->label), edit, control);
    }
}

static void
hours_switched_cb (GtkSwitch  *sw,
                   GParamSpec *pspec,
                   GtkWidget  *entry)
{
  gtk_widget_set_sensitive (entry, gtk_switch_get_active (sw));
}

static void
number_changed_cb (WxSettingsPage *self)
{
  g_autofree char *prefix = wx_settings_page_get_field (self, "order_number.prefix");
  g_autofree char *digits = wx_settings_page_get_field (self, "order_number.digits");
  g_autofree char *example = wx_settings_number_example (prefix, (guint) atoi (digits));
  g_autofree char *text = example ? g_strdup_printf (_("New orders will be numbered like %s."), example)
                                  : g_strdup (_("This prefix or number of digits cannot make an order number."));

  gtk_label_set_text (self->example_label, text);
}

static void
build_form (WxSettingsPage *self)
{
  GtkLabel *status;
  GtkListBox *list;
  GtkWidget *box;

  /* Business hours. */
  list = wx_form_section (self->left_column, _("Business hours"),
                          _("The clocks count working minutes only. A day switched off is closed."),
                          _("_Save hours"), "settings.save-hours", &status);
  g_hash_table_insert (self->lines, g_strdup ("section.hours"), status);
  for (guint w = 1; w <= 7; w++)
    {
      GtkWidget *sw = gtk_switch_new ();
      GtkWidget *entry = entry_new (12);
      g_autofree char *id = g_strdup_printf ("hours.%u", w);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "09:00-18:00");
      g_object_set_data (G_OBJECT (sw), "entry", entry);
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (hours_switched_cb), entry, 0);
      gtk_box_append (GTK_BOX (box), sw);
      gtk_box_append (GTK_BOX (box), entry);
      add_field (self, list, id, _(weekday_names[w]), sw, box);
    }

  /* Holidays and make-up days: the row to add one, then one row a day. */
  list = wx_form_section (self->left_column, _("Holidays and make-up working days"),
                          _("A holiday closes a working day; a make-up day (调休) opens a weekend day with the usual hours."),
                          NULL, NULL, &status);
  g_hash_table_insert (self->lines, g_strdup ("section.days"), status);
  self->days_list = list;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  {
    GtkWidget *date = entry_new (11);
    GtkWidget *kind = gtk_drop_down_new_from_strings ((const char *[]) { _("Holiday"), _("Make-up day"), NULL });
    GtkWidget *name = entry_new (12);
    GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

    gtk_entry_set_placeholder_text (GTK_ENTRY (date), "2026-10-01");
    gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Name"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "settings.add-day");
    gtk_box_append (GTK_BOX (box), date);
    gtk_box_append (GTK_BOX (box), kind);
    gtk_box_append (GTK_BOX (box), name);
    gtk_box_append (GTK_BOX (box), add);
    add_field (self, list, "day.date", _("New day"), date, box);
    g_hash_table_insert (self->editors, g_strdup ("day.kind"), kind);
    g_hash_table_insert (self->editors, g_strdup ("day.name"), name);
    g_hash_table_insert (self->lines, g_strdup ("day.name"), line (self, "day.date"));
    self->days_add_row = gtk_widget_get_last_child (GTK_WIDGET (list));
  }

  /* Order numbers. */
  list = wx_form_section (self->left_column, _("Order numbers"), NULL,
                          _("Sa_ve numbering"), "settings.save-numbers", &status);
  g_hash_table_insert (self->lines, g_strdup ("section.numbers"), status);
  add_value_fields (self, list, number_keys);
  self->example_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->example_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->example_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->example_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->example_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->example_label), 6);
  gtk_list_box_append (list, GTK_WIDGET (self->example_label));
  g_signal_connect_object (editor (self, "order_number.prefix"), "changed", G_CALLBACK (number_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor (self, "order_number.digits"), "value-changed", G_CALLBACK (number_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* The clocks. */
  list = wx_form_section (self->right_column, _("Service times (working minutes)"),
                          _("Past its target a clock turns amber, past its limit red: the order is overdue."),
                          _("Save _times"), "settings.save-clocks", &status);
  g_hash_table_insert (self->lines, g_strdup ("section.clocks"), status);
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      GtkWidget *target = spin_new (0, 100000);
      GtkWidget *limit = spin_new (0, 100000);
      g_autofree char *target_id = g_strdup_printf ("clock.%s.target", wx_clock_to_code (c));
      g_autofree char *limit_id = g_strdup_printf ("clock.%s.limit", wx_clock_to_code (c));

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), gtk_label_new (_("target")));
      gtk_box_append (GTK_BOX (box), target);
      gtk_box_append (GTK_BOX (box), gtk_label_new (_("limit")));
      gtk_box_append (GTK_BOX (box), limit);
      /* How this clock counts, when not simply from its start. */
      gtk_widget_set_tooltip_text (box, wx_clock_rule_hint (c));
      add_field (self, list, target_id, wx_clock_label (c), target, box);
      g_hash_table_insert (self->editors, g_strdup (limit_id), limit);
      g_hash_table_insert (self->lines, g_strdup (limit_id), line (self, target_id));
    }

  list = wx_form_section (self->right_column, _("Escalation and return repairs"),
                          _("An order is escalated to the supervisor when one of these is reached."),
                          _("Save _escalation"), "settings.save-escalation", &status);
  g_hash_table_insert (self->lines, g_strdup ("section.escalation"), status);
  add_value_fields (self, list, escalation_keys);

  list = wx_form_section (self->right_column, _("Company and forms"),
                          _("Printed at the top of every form; the notice on the customer's copy."),
                          _("Save _company"), "settings.save-company", &status);
  g_hash_table_insert (self->lines, g_strdup ("section.company"), status);
  add_value_fields (self, list, company_keys);
}

/* ------------------------------------------------------------ loading */

static void
remove_day_rows (WxSettingsPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_next_sibling (self->days_add_row)))
    gtk_list_box_remove (self->days_list, row);
}

static GtkWidget *
day_row (const WxDbCalendarDay *day)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *remove;
  char date[16];
  g_autofree char *text = NULL;

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &day->date);
  text = g_strdup_printf ("%s %s · %s%s%s", date, _(weekday_names[g_date_get_weekday (&day->date)]),
                          day->kind == WX_CALENDAR_DAY_WORKDAY ? _("Make-up day") : _("Holiday"),
                          *day->name ? " · " : "", day->name);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove this day"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "settings.remove-day");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (date));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
show_loaded (WxSettingsPage *self)
{
  WxDbSettings *s = self->loaded;
  GHashTableIter iter;
  gpointer key, value;

  for (guint w = 1; w <= 7; w++)
    {
      g_autofree char *id = g_strdup_printf ("hours.%u", w);
      g_autofree char *o = wx_calendar_format_time (s->week[w].opens);
      g_autofree char *c = wx_calendar_format_time (s->week[w].closes);
      g_autofree char *hours = g_strdup_printf ("%s-%s", o, c);
      GtkWidget *sw = editor (self, id);

      gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (sw), "entry")),
                             s->week[w].open ? hours : "09:00-18:00");
      gtk_switch_set_active (GTK_SWITCH (sw), s->week[w].open);
      hours_switched_cb (GTK_SWITCH (sw), NULL, g_object_get_data (G_OBJECT (sw), "entry"));
    }
  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      g_autofree char *target_id = g_strdup_printf ("clock.%s.target", wx_clock_to_code (c));
      g_autofree char *limit_id = g_strdup_printf ("clock.%s.limit", wx_clock_to_code (c));

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor (self, target_id)), s->thresholds[c].target_minutes);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor (self, limit_id)), s->thresholds[c].limit_minutes);
    }
  g_hash_table_iter_init (&iter, s->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (self->editors, key))
      wx_settings_page_set_field (self, key, value);
  remove_day_rows (self);
  for (guint i = 0; i < s->days->len; i++)
    gtk_list_box_append (self->days_list, day_row (g_ptr_array_index (s->days, i)));
  number_changed_cb (self);
}

WX_PAGE_DEFINE_LOAD (wx_db_settings_load)

static void
page_loaded (WxPage *page, gpointer result, const GError *error)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (page);

  wx_form_say (self->error_label, error ? error->message : NULL, TRUE);
  if (result)
    {
      g_clear_pointer (&self->loaded, wx_db_settings_free);
      self->loaded = result;
      show_loaded (self);
    }
}

void
wx_settings_page_reload (WxSettingsPage *self)
{
  g_return_if_fail (WX_IS_SETTINGS_PAGE (self));
  wx_page_reload (WX_PAGE (self));
}

void
wx_settings_page_set_worker (WxSettingsPage *self,
                             WxDbWorker     *worker)
{
  g_return_if_fail (WX_IS_SETTINGS_PAGE (self));
  wx_page_set_worker (WX_PAGE (self), worker);
  wx_settings_page_reload (self);
}

/* ------------------------------------------------------------ saving */

typedef enum { SAVE_HOURS, SAVE_CLOCKS, SAVE_VALUES, ADD_DAY, REMOVE_DAY } SaveKind;

typedef struct {
  SaveKind           kind;
  char              *section;
  WxDbWeekday        week[8];
  WxSlaThreshold     thresholds[WX_N_CLOCKS];
  GPtrArray         *keys;
  GPtrArray         *values;
  GDate              date;
  WxCalendarDayKind  day_kind;
  char              *name;
} Save;

static void
save_free (Save *s)
{
  g_free (s->section);
  g_clear_pointer (&s->keys, g_ptr_array_unref);
  g_clear_pointer (&s->values, g_ptr_array_unref);
  g_free (s->name);
  g_free (s);
}

typedef struct {
  WxSettingsPage *self;
  char           *section;
} Saved;

static void
saved_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Saved *d = user_data;
  WxSettingsPage *self = d->self;
  g_autoptr(GError) error = NULL;

  wx_db_worker_write_finish (WX_DB_WORKER (source), res, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      wx_form_say (line (self, d->section), error ? error->message : _("Saved; every PC uses it now."),
                   error != NULL);
      if (error == NULL)
        wx_settings_page_reload (self);
      wx_page_saved (WX_PAGE (self), d->section, error);
    }
  g_object_unref (d->self);
  g_free (d->section);
  g_free (d);
}

static void
run_save (WxSettingsPage *self,
          Save           *s)
{
  WxDbWorker *worker = wx_page_get_worker (WX_PAGE (self));
  GCancellable *cancellable = wx_page_get_cancellable (WX_PAGE (self));
  Saved *d;

  if (worker == NULL)
    {
      save_free (s);
      return;
    }
  d = g_new0 (Saved, 1);
  d->self = g_object_ref (self);
  d->section = g_strdup (s->section);
  switch (s->kind)
    {
    case SAVE_HOURS:
      wx_db_settings_save_hours_async (worker, s->week, cancellable, saved_cb, d);
      break;
    case SAVE_CLOCKS:
      wx_db_settings_save_thresholds_async (worker, s->thresholds, cancellable, saved_cb, d);
      break;
    case SAVE_VALUES:
      wx_db_settings_save_values_async (worker, (const char * const *) s->keys->pdata,
                                        (const char * const *) s->values->pdata, s->keys->len,
                                        cancellable, saved_cb, d);
      break;
    case ADD_DAY:
      wx_db_settings_add_day_async (worker, &s->date, s->day_kind, s->name, cancellable, saved_cb, d);
      break;
    case REMOVE_DAY:
    default:
      wx_db_settings_remove_day_async (worker, &s->date, s->day_kind, cancellable, saved_cb, d);
      break;
    }
  save_free (s);
}

static Save *
save_new (SaveKind kind, const char *section)
{
  Save *s = g_new0 (Save, 1);

  s->kind = kind;
  s->section = g_strdup (section);
  return s;
}

/* Says `error` under field `id` (NULL: nothing); TRUE when there was none. */
static gboolean
field_ok (WxSettingsPage *self,
          const char     *id,
          GError         *error)
{
  wx_form_say (line (self, id), error ? error->message : NULL, TRUE);
  return error == NULL;
}

static void
refuse (WxSettingsPage *self,
        const char     *section)
{
  wx_form_say (line (self, section), _("Nothing was saved: correct the fields marked in red."), TRUE);
  wx_page_refused (WX_PAGE (self), section);
}

static void
save_hours_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (widget);
  Save *s = save_new (SAVE_HOURS, "section.hours");
  gboolean ok = TRUE;

  for (guint w = 1; w <= 7; w++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("hours.%u", w);
      GtkWidget *sw = editor (self, id);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (sw), "entry")));

      s->week[w].open = gtk_switch_get_active (GTK_SWITCH (sw));
      wx_settings_check_hours (w, s->week[w].open, text, &s->week[w].opens, &s->week[w].closes, &error);
      ok = field_ok (self, id, error) && ok;
    }
  if (!ok)
    {
      save_free (s);
      refuse (self, "section.hours");
      return;
    }
  run_save (self, s);
}

static void
save_clocks_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (widget);
  Save *s = save_new (SAVE_CLOCKS, "section.clocks");
  gboolean ok = TRUE;

  for (guint c = 0; c < WX_N_CLOCKS; c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target_id = g_strdup_printf ("clock.%s.target", wx_clock_to_code (c));
      g_autofree char *limit_id = g_strdup_printf ("clock.%s.limit", wx_clock_to_code (c));
      g_autofree char *target = wx_settings_page_get_field (self, target_id);
      g_autofree char *limit = wx_settings_page_get_field (self, limit_id);

      s->thresholds[c].target_minutes = (guint) atoi (target);
      s->thresholds[c].limit_minutes = (guint) atoi (limit);
      wx_settings_check_threshold (wx_clock_label (c), s->thresholds[c].target_minutes,
                                   s->thresholds[c].limit_minutes, &error);
      ok = field_ok (self, target_id, error) && ok;
    }
  if (!ok)
    {
      save_free (s);
      refuse (self, "section.clocks");
      return;
    }
  run_save (self, s);
}

static void
save_values (WxSettingsPage *self,
             const char     *section,
             const char    **keys)
{
  Save *s = save_new (SAVE_VALUES, section);
  gboolean ok = TRUE;

  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      char *value = wx_settings_page_get_field (self, keys[i]);

      wx_settings_check_value (keys[i], value, &error);
      ok = field_ok (self, keys[i], error) && ok;
      g_ptr_array_add (s->keys, g_strdup (keys[i]));
      g_ptr_array_add (s->values, value);
    }
  if (!ok)
    {
      save_free (s);
      refuse (self, section);
      return;
    }
  run_save (self, s);
}

static void
save_escalation_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_values (WX_SETTINGS_PAGE (widget), "section.escalation", escalation_keys);
}

static void
save_company_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_values (WX_SETTINGS_PAGE (widget), "section.company", company_keys);
}

static void
save_numbers_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_values (WX_SETTINGS_PAGE (widget), "section.numbers", number_keys);
}

static void
add_day_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = wx_settings_page_get_field (self, "day.date");
  g_autofree char *name = wx_settings_page_get_field (self, "day.name");
  g_autofree char *kind = wx_settings_page_get_field (self, "day.kind");
  Save *s = save_new (ADD_DAY, "section.days");

  wx_settings_check_day (g_strstrip (date), name, &s->date, &error);
  if (!field_ok (self, "day.date", error))
    {
      save_free (s);
      refuse (self, "section.days");
      return;
    }
  s->day_kind = g_str_equal (kind, "workday") ? WX_CALENDAR_DAY_WORKDAY : WX_CALENDAR_DAY_HOLIDAY;
  s->name = g_strstrip (g_steal_pointer (&name));
  wx_settings_page_set_field (self, "day.date", "");
  wx_settings_page_set_field (self, "day.name", "");
  run_save (self, s);
}

static void
remove_day_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (widget);
  const char *date = g_variant_get_string (parameter, NULL);
  Save *s = save_new (REMOVE_DAY, "section.days");

  if (self->loaded == NULL || !wx_calendar_parse_date (date, &s->date, NULL))
    {
      save_free (s);
      return;
    }
  s->day_kind = WX_CALENDAR_DAY_HOLIDAY;
  for (guint i = 0; i < self->loaded->days->len; i++)
    {
      const WxDbCalendarDay *d = g_ptr_array_index (self->loaded->days, i);

      if (g_date_compare (&d->date, &s->date) == 0)
        s->day_kind = d->kind;
    }
  run_save (self, s);
}

/* ------------------------------------------------------------ class */

static void
wx_settings_page_finalize (GObject *object)
{
  WxSettingsPage *self = WX_SETTINGS_PAGE (object);

  g_hash_table_unref (self->editors);
  g_hash_table_unref (self->lines);
  g_clear_pointer (&self->loaded, wx_db_settings_free);
  G_OBJECT_CLASS (wx_settings_page_parent_class)->finalize (object);
}

static void
wx_settings_page_class_init (WxSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WxPageClass *page_class = WX_PAGE_CLASS (klass);

  object_class->finalize = wx_settings_page_finalize;
  page_class->load = page_load;
  page_class->load_finish = page_load_finish;
  page_class->result_free = (GDestroyNotify) wx_db_settings_free;
  page_class->loaded = page_loaded;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/supervisor/wx-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WxSettingsPage, left_column);
  gtk_widget_class_bind_template_child (widget_class, WxSettingsPage, right_column);
  gtk_widget_class_bind_template_child (widget_class, WxSettingsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, WxSettingsPage, spinner);
  gtk_widget_class_install_action (widget_class, "settings.save-hours", NULL, save_hours_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.save-clocks", NULL, save_clocks_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.save-escalation", NULL, save_escalation_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.save-company", NULL, save_company_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.save-numbers", NULL, save_numbers_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.add-day", NULL, add_day_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.remove-day", "s", remove_day_action_cb);
  /* WxPage's "loaded" (GError or NULL) and "saved" (section id, GError or
   * NULL: refused before it started, the section's line says why) */
}

static void
wx_settings_page_init (WxSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  wx_page_set_spinner (WX_PAGE (self), self->spinner);
  build_form (self);
}

GtkWidget *
wx_settings_page_new (void)
{
  return g_object_new (WX_TYPE_SETTINGS_PAGE, NULL);
}

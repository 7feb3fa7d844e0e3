#define G_LOG_DOMAIN "wx-route-list"

#include <glib/gi18n.h>

#include "core/wx-visit.h"
#include "core/wx-workflow.h"
#include "db/wx-db-visits.h"
#include "wx-route-list.h"

struct _WxRouteList
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkLabel     *heading_label;
  GtkStack     *stack;
  GtkListView  *list_view;

  GListStore   *stops;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WxRouteList, wx_route_list, GTK_TYPE_WIDGET)

enum { SIGNAL_STOP_ACTIVATED, SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

char *
wx_route_list_describe_stop (WxRouteStop *stop)
{
  const WxRouteStopData *d = wx_route_stop_get_data (stop);
  WxVisitOutcome outcome;

  if (wx_visit_outcome_from_code (d->outcome, &outcome))
    return g_strdup (wx_visit_outcome_label (outcome));
  if (g_str_equal (d->outcome, "delivered"))
    return g_strdup (_("Delivered"));
  if (d->arrived_at > 0)
    return g_strdup (_("On site"));
  if (d->late)
    return g_strdup (_("Late, customer told"));
  return g_strdup (_("Booked"));
}

/* ------------------------------------------------------------ the rows */

typedef struct {
  GtkLabel *time, *title, *address, *contact, *machine, *status;
} Row;

static GtkLabel *
row_label (GtkGrid *grid, int column, int row, int width, const char *css)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  if (css)
    gtk_widget_add_css_class (GTK_WIDGET (label), css);
  gtk_grid_attach (grid, GTK_WIDGET (label), column, row, width, 1);
  return label;
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  Row *r = g_new0 (Row, 1);

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 2);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  r->time = row_label (grid, 0, 0, 1, "title-3");
  gtk_widget_set_valign (GTK_WIDGET (r->time), GTK_ALIGN_START);
  r->title = row_label (grid, 1, 0, 1, "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (r->title), TRUE);
  r->status = row_label (grid, 2, 0, 1, "caption");
  gtk_label_set_xalign (r->status, 1);
  r->address = row_label (grid, 1, 1, 2, NULL);
  r->contact = row_label (grid, 1, 2, 2, NULL);
  r->machine = row_label (grid, 1, 3, 2, "dim-label");
  g_object_set_data_full (G_OBJECT (grid), "wx-route-row", r, g_free);
  gtk_list_item_set_child (item, GTK_WIDGET (grid));
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  WxRouteStop *stop = gtk_list_item_get_item (item);
  const WxRouteStopData *d = wx_route_stop_get_data (stop);
  Row *r = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "wx-route-row");
  g_autofree char *title = g_strdup_printf ("%s · %s", d->number, d->unit_name);
  g_autofree char *contact = g_strdup_printf (_("Ask for %s · %s"), d->contact, *d->phone ? d->phone : _("no phone"));
  g_autofree char *machine = g_strdup_printf ("%s — %s", d->machine, d->fault);
  g_autofree char *status = wx_route_list_describe_stop (stop);
  gboolean ended = *d->outcome != '\0';

  gtk_label_set_text (r->time, d->time_text);
  gtk_label_set_text (r->title, title);
  gtk_label_set_text (r->address, d->address);
  gtk_label_set_text (r->contact, contact);
  gtk_label_set_text (r->machine, machine);
  gtk_label_set_text (r->status, status);
  if (d->late && !ended)
    gtk_widget_add_css_class (GTK_WIDGET (r->status), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (r->status), "warning");
  gtk_widget_set_opacity (gtk_list_item_get_child (item), ended ? 0.6 : 1.0);
}

static void
activate_cb (GtkListView *view, guint position, WxRouteList *self)
{
  g_autoptr(WxRouteStop) stop = g_list_model_get_item (G_LIST_MODEL (self->stops), position);

  if (stop)
    g_signal_emit (self, signals[SIGNAL_STOP_ACTIVATED], 0, stop);
}

/* ------------------------------------------------------------ the stops */

void
wx_route_list_set_stops (WxRouteList *self, GPtrArray *stops, gint64 day)
{
  g_autoptr(GTimeZone) zone = wx_visit_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *heading = NULL;

  g_return_if_fail (WX_IS_ROUTE_LIST (self));
  g_list_store_splice (self->stops, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stops)),
                       stops ? stops->pdata : NULL, stops ? stops->len : 0);
  heading = g_strdup_printf (g_dngettext (NULL, "Route for %s: %u visit", "Route for %s: %u visits",
                                          stops ? stops->len : 0),
                             date, stops ? stops->len : 0);
  gtk_label_set_text (self->heading_label, heading);
  gtk_stack_set_visible_child_name (self->stack, stops && stops->len ? "list" : "empty");
}

typedef struct {
  WxRouteList *self;
  gint64       day;
} RouteCall;

static void
route_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RouteCall *call = user_data;
  g_autoptr(WxRouteList) self = call->self;
  gint64 day = call->day;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stops = wx_db_visit_route_finish (WX_DB_WORKER (source), result, &error);

  g_free (call);
  if (stops == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (stops)
    wx_route_list_set_stops (self, stops, day);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_route_list_load (WxRouteList *self, WxDbWorker *worker, const char *engineer, gint64 day)
{
  RouteCall *call = g_new0 (RouteCall, 1);

  g_return_if_fail (WX_IS_ROUTE_LIST (self));
  call->self = g_object_ref (self);
  call->day = day;
  wx_db_visit_route_async (worker, engineer, day, self->cancellable, route_loaded_cb, call);
}

GListModel *
wx_route_list_get_model (WxRouteList *self)
{
  g_return_val_if_fail (WX_IS_ROUTE_LIST (self), NULL);
  return G_LIST_MODEL (self->stops);
}

/* ------------------------------------------------------------ the object */

static void
wx_route_list_dispose (GObject *object)
{
  WxRouteList *self = WX_ROUTE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_ROUTE_LIST);
  G_OBJECT_CLASS (wx_route_list_parent_class)->dispose (object);
}

static void
wx_route_list_finalize (GObject *object)
{
  WxRouteList *self = WX_ROUTE_LIST (object);

  g_clear_object (&self->stops);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (wx_route_list_parent_class)->finalize (object);
}

static void
wx_route_list_class_init (WxRouteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_route_list_dispose;
  object_class->finalize = wx_route_list_finalize;

  /**
   * WxRouteList::stop-activated:
   * @stop: the WxRouteStop the user opened
   */
  signals[SIGNAL_STOP_ACTIVATED] = g_signal_new ("stop-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, WX_TYPE_ROUTE_STOP);
  /**
   * WxRouteList::loaded:
   * @error: (nullable): why the route could not be read
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-route-list.ui");
  gtk_widget_class_bind_template_child (widget_class, WxRouteList, box);
  gtk_widget_class_bind_template_child (widget_class, WxRouteList, heading_label);
  gtk_widget_class_bind_template_child (widget_class, WxRouteList, stack);
  gtk_widget_class_bind_template_child (widget_class, WxRouteList, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wx_route_list_init (WxRouteList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->stops = g_list_store_new (WX_TYPE_ROUTE_STOP);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->stops)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  wx_route_list_set_stops (self, NULL, g_get_real_time () / G_USEC_PER_SEC);
}

WxRouteList *
wx_route_list_new (void)
{
  return g_object_new (WX_TYPE_ROUTE_LIST, NULL);
}

#define G_LOG_DOMAIN "wx-board"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-board.h"
#include "wx-board-card.h"

static const WxFolder folder_columns[] = {
  WX_FOLDER_F1, WX_FOLDER_F2, WX_FOLDER_WITH_ENGINEER, WX_FOLDER_F3, WX_FOLDER_F4, WX_FOLDER_F5,
};
static const WxShelf shelf_columns[] = {
  WX_SHELF_S1, WX_SHELF_BENCH, WX_SHELF_S2, WX_SHELF_S3, WX_SHELF_PEER, WX_SHELF_S4,
};
#define MAX_COLUMNS 8

typedef struct {
  WxBoard            *board;
  guint               place;
  GtkWidget          *box;
  GtkLabel           *count_label;
  GtkLabel           *drop_label;      /* why a drop here is refused */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkListView        *list;
} Column;

struct _WxBoard
{
  GtkWidget       parent_instance;

  GtkWidget      *main_box;
  GtkBox         *columns_box;
  GtkSearchEntry *text_filter;
  GtkDropDown    *kind_filter;
  GtkDropDown    *engineer_filter;
  GtkToggleButton *overdue_filter;
  GtkToggleButton *mine_filter;
  GtkLabel       *hint_label;

  WxBoardLayout   layout;
  GListModel     *orders;
  WxRole          roles;
  char           *user;
  Column          columns[MAX_COLUMNS];
  guint           n_columns;

  char           *text;            /* folded */
  gboolean        overdue_only;
  gboolean        mine_only;       /* the user's cards only */
  int             kind;            /* -1: all */
  char           *engineer;        /* NULL: all */
  GtkStringList  *engineer_names;
  GPtrArray      *engineer_logins; /* parallel to engineer_names after "All" */
  guint           engineers_idle;
};

G_DEFINE_FINAL_TYPE (WxBoard, wx_board, GTK_TYPE_WIDGET)

enum { SIGNAL_STEP_REQUESTED, SIGNAL_MOVE_REFUSED, SIGNAL_ORDER_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
order_place (WxBoard *self,
             WxOrder *order)
{
  return self->layout == WX_BOARD_FOLDERS ? (guint) wx_order_get_folder (order)
                                          : (guint) wx_order_get_shelf (order);
}

const char *
wx_board_place_label (WxBoard *self,
                      guint    place)
{
  g_return_val_if_fail (WX_IS_BOARD (self), NULL);
  return self->layout == WX_BOARD_FOLDERS ? wx_folder_label (place) : wx_shelf_label (place);
}

const char *
wx_board_place_code (WxBoard *self,
                     guint    place)
{
  g_return_val_if_fail (WX_IS_BOARD (self), NULL);
  return self->layout == WX_BOARD_FOLDERS ? wx_folder_to_code (place) : wx_shelf_to_code (place);
}

gboolean
wx_board_place_from_code (WxBoard    *self,
                          const char *code,
                          guint      *place)
{
  g_return_val_if_fail (WX_IS_BOARD (self), FALSE);
  for (guint i = 0; i < self->n_columns; i++)
    if (g_strcmp0 (wx_board_place_code (self, self->columns[i].place), code) == 0)
      {
        *place = self->columns[i].place;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ filtering */

static gboolean
column_match (gpointer item,
              gpointer user_data)
{
  Column *c = user_data;
  WxBoard *self = c->board;
  WxOrder *order = item;
  const WxOrderData *d = wx_order_get_data (order);

  if (order_place (self, order) != c->place)
    return FALSE;
  if (self->kind >= 0 && (int) d->kind != self->kind)
    return FALSE;
  if (self->engineer && g_strcmp0 (d->engineer, self->engineer) != 0)
    return FALSE;
  if (self->overdue_only && !(d->has_clock && d->clock_status == WX_CLOCK_STATUS_RED))
    return FALSE;
  if (self->mine_only && g_strcmp0 (d->engineer, self->user) != 0)
    return FALSE;
  return wx_order_matches_text (order, self->text);
}

static int
urgency_sort (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return wx_order_compare_urgency ((WxOrder *) a, (WxOrder *) b);
}

static int
urgency_sort_ptr (gconstpointer a,
                  gconstpointer b)
{
  return wx_order_compare_urgency (*(WxOrder **) a, *(WxOrder **) b);
}

GPtrArray *
wx_board_first_screen (WxBoard   *self,
                       GPtrArray *orders,
                       guint      per_place)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (orders->len);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  GPtrArray *first = g_ptr_array_new ();

  g_return_val_if_fail (WX_IS_BOARD (self), first);
  /* Borrowed: no free function. */
  g_ptr_array_extend (sorted, orders, NULL, NULL);
  g_ptr_array_sort (sorted, urgency_sort_ptr);
  for (guint i = 0; i < sorted->len; i++)
    {
      WxOrder *order = g_ptr_array_index (sorted, i);
      gpointer place = GUINT_TO_POINTER (order_place (self, order) + 1);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shown, place));

      if (n < per_place)
        {
          g_hash_table_insert (shown, place, GUINT_TO_POINTER (n + 1));
          g_ptr_array_add (first, order);
        }
    }
  return first;
}

GtkSorter *
wx_board_sorter_new (void)
{
  return GTK_SORTER (gtk_custom_sorter_new (urgency_sort, NULL, NULL));
}

static void
refilter (WxBoard *self)
{
  for (guint i = 0; i < self->n_columns; i++)
    gtk_filter_changed (GTK_FILTER (self->columns[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
wx_board_set_filter_text (WxBoard    *self,
                          const char *text)
{
  g_return_if_fail (WX_IS_BOARD (self));
  g_free (self->text);
  self->text = text && *text ? g_utf8_casefold (text, -1) : NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->text_filter)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->text_filter), text ? text : "");
  refilter (self);
}

void
wx_board_set_overdue_only (WxBoard  *self,
                           gboolean  overdue_only)
{
  g_return_if_fail (WX_IS_BOARD (self));
  gtk_toggle_button_set_active (self->overdue_filter, overdue_only);
}

void
wx_board_set_mine_only (WxBoard  *self,
                        gboolean  mine_only)
{
  g_return_if_fail (WX_IS_BOARD (self));
  gtk_toggle_button_set_active (self->mine_filter, mine_only);
}

static void
mine_filter_toggled_cb (GtkToggleButton *button,
                        WxBoard         *self)
{
  self->mine_only = gtk_toggle_button_get_active (button);
  refilter (self);
}

static void
text_filter_changed_cb (GtkSearchEntry *entry,
                        WxBoard        *self)
{
  wx_board_set_filter_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
overdue_filter_toggled_cb (GtkToggleButton *button,
                           WxBoard         *self)
{
  self->overdue_only = gtk_toggle_button_get_active (button);
  refilter (self);
}

static void
kind_filter_selected_cb (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         WxBoard     *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  self->kind = (i == 0 || i == GTK_INVALID_LIST_POSITION) ? -1 : (int) i - 1;
  refilter (self);
}

static void
engineer_filter_selected_cb (GtkDropDown *dropdown,
                             GParamSpec  *pspec,
                             WxBoard     *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&self->engineer, g_free);
  if (i != GTK_INVALID_LIST_POSITION && i > 0 && i - 1 < self->engineer_logins->len)
    self->engineer = g_strdup (g_ptr_array_index (self->engineer_logins, i - 1));
  refilter (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The engineer filter offers the engineers that have cards. */
static gboolean
update_engineers_cb (gpointer user_data)
{
  WxBoard *self = user_data;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = self->orders ? g_list_model_get_n_items (self->orders) : 0;
  g_autofree char *keep = g_strdup (self->engineer);
  guint selected = 0;

  self->engineers_idle = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WxOrder) o = g_list_model_get_item (self->orders, i);
      const WxOrderData *d = wx_order_get_data (o);

      if (*d->engineer && !g_hash_table_contains (names, d->engineer))
        g_hash_table_insert (names, d->engineer, d->engineer_name);
    }
  {
    GHashTableIter iter;
    gpointer login;

    g_hash_table_iter_init (&iter, names);
    while (g_hash_table_iter_next (&iter, &login, NULL))
      g_ptr_array_add (logins, g_strdup (login));
  }
  g_ptr_array_sort (logins, compare_strings);
  g_ptr_array_add (labels, _("All engineers"));
  for (guint i = 0; i < logins->len; i++)
    {
      g_ptr_array_add (labels, g_hash_table_lookup (names, g_ptr_array_index (logins, i)));
      if (g_strcmp0 (keep, g_ptr_array_index (logins, i)) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (labels, NULL);

  g_signal_handlers_block_by_func (self->engineer_filter, engineer_filter_selected_cb, self);
  g_ptr_array_unref (self->engineer_logins);
  self->engineer_logins = g_steal_pointer (&logins);
  gtk_string_list_splice (self->engineer_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->engineer_names)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->engineer_filter, selected);
  g_signal_handlers_unblock_by_func (self->engineer_filter, engineer_filter_selected_cb, self);
  if (selected == 0 && keep)
    engineer_filter_selected_cb (self->engineer_filter, NULL, self);
  return G_SOURCE_REMOVE;
}

static void
orders_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   WxBoard    *self)
{
  if (self->engineers_idle == 0)
    self->engineers_idle = g_idle_add (update_engineers_cb, self);
}

/* ---------------------------------------------------------------- moves */

/* The steps that take `order` to the column of `place`, or NULL and why. */
static GPtrArray *
steps_to (WxBoard  *self,
          WxOrder  *order,
          guint     place,
          GError  **error)
{
  if (self->layout == WX_BOARD_FOLDERS)
    return wx_workflow_steps_to_folder (wx_order_get_kind (order), wx_order_get_state (order),
                                        place, self->roles, error);
  return wx_workflow_steps_to_shelf (wx_order_get_kind (order), wx_order_get_state (order),
                                     place, self->roles, error);
}

gboolean
wx_board_move (WxBoard *self,
               WxOrder *order,
               guint    place)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) events = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_return_val_if_fail (WX_IS_BOARD (self), FALSE);
  g_return_val_if_fail (WX_IS_ORDER (order), FALSE);

  steps = steps_to (self, order, place, &error);
  if (steps == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), wx_order_get_number (order), error->message);
      g_signal_emit (self, signals[SIGNAL_MOVE_REFUSED], 0, order, text);
      return FALSE;
    }
  for (guint i = 0; i < steps->len; i++)
    {
      const WxTransition *t = g_ptr_array_index (steps, i);
      g_strv_builder_add (events, t->event);
    }
  strv = g_strv_builder_end (events);
  g_signal_emit (self, signals[SIGNAL_STEP_REQUESTED], 0, order, strv);
  return TRUE;
}

void
wx_board_step (WxBoard    *self,
               WxOrder    *order,
               const char *event)
{
  const char *events[] = { event, NULL };

  g_return_if_fail (WX_IS_BOARD (self));
  g_signal_emit (self, signals[SIGNAL_STEP_REQUESTED], 0, order, events);
}

void
wx_board_activate_order (WxBoard *self,
                         WxOrder *order)
{
  g_return_if_fail (WX_IS_BOARD (self));
  g_signal_emit (self, signals[SIGNAL_ORDER_ACTIVATED], 0, order);
}

WxRole
wx_board_get_roles (WxBoard *self)
{
  g_return_val_if_fail (WX_IS_BOARD (self), WX_ROLE_NONE);
  return self->roles;
}

/* ---------------------------------------------------------- drag and drop */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 WxBoardCard   *card)
{
  WxOrder *order = wx_board_card_get_order (card);

  if (order == NULL)
    return NULL;
  /* The model object, never the widget: rows are recycled. */
  return gdk_content_provider_new_typed (WX_TYPE_ORDER, order);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               WxBoardCard   *card)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (card));

  gtk_drag_source_set_icon (source, icon, 16, 16);
}

static void
clear_drop_hint (Column *c)
{
  gtk_widget_remove_css_class (c->box, "wx-drop-ok");
  gtk_widget_remove_css_class (c->box, "wx-drop-refused");
  gtk_widget_set_visible (GTK_WIDGET (c->drop_label), FALSE);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                Column        *c)
{
  const GValue *value = gtk_drop_target_get_value (target);
  WxBoard *self = c->board;
  WxOrder *order;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  if (value == NULL || !G_VALUE_HOLDS (value, WX_TYPE_ORDER))
    return GDK_ACTION_MOVE;
  order = g_value_get_object (value);
  clear_drop_hint (c);
  steps = steps_to (self, order, c->place, &error);
  if (steps)
    gtk_widget_add_css_class (c->box, "wx-drop-ok");
  else if (order_place (self, order) != c->place)
    {
      gtk_widget_add_css_class (c->box, "wx-drop-refused");
      gtk_label_set_text (c->drop_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (c->drop_label), TRUE);
    }
  /* Accepted either way: a refused drop says why when it lands. */
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               Column        *c)
{
  clear_drop_hint (c);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *c)
{
  clear_drop_hint (c);
  if (!G_VALUE_HOLDS (value, WX_TYPE_ORDER))
    return FALSE;
  if (order_place (c->board, g_value_get_object (value)) == c->place)
    return FALSE;   /* dropped back where it was */
  return wx_board_move (c->board, g_value_get_object (value), c->place);
}

/* --------------------------------------------------------------- columns */

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               WxBoard                  *self)
{
  GtkWidget *card = wx_board_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (item, card);
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WxBoard                  *self)
{
  WxBoardCard *card = WX_BOARD_CARD (gtk_list_item_get_child (item));
  WxOrder *order = gtk_list_item_get_item (item);

  wx_board_card_set_order (card, order);
  wx_board_card_set_mine (card, self->user && g_strcmp0 (wx_order_get_data (order)->engineer, self->user) == 0);
}

static void
list_activate_cb (GtkListView *list,
                  guint        position,
                  Column      *c)
{
  g_autoptr(WxOrder) order = g_list_model_get_item (G_LIST_MODEL (c->sorted), position);

  if (order)
    g_signal_emit (c->board, signals[SIGNAL_ORDER_ACTIVATED], 0, order);
}

static void
update_count (Column *c)
{
  g_autofree char *n = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (c->filtered)));

  gtk_label_set_text (c->count_label, n);
}

static void
column_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Column     *c)
{
  update_count (c);
}

static void
build_column (WxBoard *self,
              Column  *c,
              guint    place)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *code = gtk_label_new (wx_board_place_code (self, place));
  GtkWidget *name = gtk_label_new (wx_board_place_label (self, place));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (WX_TYPE_ORDER, GDK_ACTION_MOVE);

  c->board = self;
  c->place = place;
  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (c->box, "wx-column");
  /* Six columns and their gaps fit a 1,024-pixel window: F4–F6 are not
   * out of view. */
  gtk_widget_set_size_request (c->box, 150, -1);

  if (self->layout == WX_BOARD_FOLDERS && place == WX_FOLDER_WITH_ENGINEER)
    gtk_label_set_text (GTK_LABEL (code), "—");
  gtk_widget_add_css_class (code, "wx-column-code");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  c->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (c->count_label), "wx-column-count");
  gtk_widget_add_css_class (GTK_WIDGET (c->count_label), "numeric");
  gtk_box_append (GTK_BOX (header), code);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (c->count_label));
  gtk_widget_add_css_class (header, "wx-column-header");
  gtk_box_append (GTK_BOX (c->box), header);

  c->drop_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (c->drop_label, TRUE);
  gtk_label_set_xalign (c->drop_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (c->drop_label), "wx-drop-reason");
  gtk_widget_set_visible (GTK_WIDGET (c->drop_label), FALSE);
  gtk_box_append (GTK_BOX (c->box), GTK_WIDGET (c->drop_label));

  c->filter = gtk_custom_filter_new (column_match, c, NULL);
  c->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (c->filter)));
  c->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (c->filtered)),
                                       wx_board_sorter_new ());
  g_signal_connect (c->filtered, "items-changed", G_CALLBACK (column_items_changed_cb), c);

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), self);
  c->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (c->sorted)))),
                                              g_object_ref (factory)));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (gtk_list_view_get_model (c->list)), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (gtk_list_view_get_model (c->list)), TRUE);
  gtk_list_view_set_single_click_activate (c->list, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (c->list), "wx-column-list");
  g_signal_connect (c->list, "activate", G_CALLBACK (list_activate_cb), c);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (c->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (c->box), scroller);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (drop_motion_cb), c);
  g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), c);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), c);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), c);
  gtk_widget_add_controller (c->box, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (self->columns_box, c->box);
}

/* Alt+N: the focused card to column N — the keyboard twin of a drag. */
static gboolean
move_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  WxBoard *self = WX_BOARD (widget);
  guint column = g_variant_get_uint32 (args);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *card = NULL;

  if (column >= self->n_columns || focus == NULL)
    return FALSE;
  card = WX_IS_BOARD_CARD (focus) ? focus : gtk_widget_get_ancestor (focus, WX_TYPE_BOARD_CARD);
  /* A focused list row holds the card as its child. */
  if (card == NULL && GTK_IS_WIDGET (focus) && WX_IS_BOARD_CARD (gtk_widget_get_first_child (focus)))
    card = gtk_widget_get_first_child (focus);
  if (card == NULL || wx_board_card_get_order (WX_BOARD_CARD (card)) == NULL)
    return FALSE;
  return gtk_widget_activate_action (card, "card.move-to", "s",
                                     wx_board_place_code (self, self->columns[column].place));
}

/* ------------------------------------------------------------ the object */

static void
wx_board_dispose (GObject *object)
{
  WxBoard *self = WX_BOARD (object);

  g_clear_handle_id (&self->engineers_idle, g_source_remove);
  if (self->orders)
    g_signal_handlers_disconnect_by_func (self->orders, orders_changed_cb, self);
  g_clear_object (&self->orders);
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_clear_object (&self->columns[i].filter);
      g_clear_object (&self->columns[i].filtered);
      g_clear_object (&self->columns[i].sorted);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_BOARD);
  G_OBJECT_CLASS (wx_board_parent_class)->dispose (object);
}

static void
wx_board_finalize (GObject *object)
{
  WxBoard *self = WX_BOARD (object);

  g_free (self->text);
  g_free (self->engineer);
  g_free (self->user);
  g_clear_pointer (&self->engineer_logins, g_ptr_array_unref);
  G_OBJECT_CLASS (wx_board_parent_class)->finalize (object);
}

static void
wx_board_class_init (WxBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_board_dispose;
  object_class->finalize = wx_board_finalize;

  /**
   * WxBoard::step-requested:
   * @order: the order moved
   * @events: the workflow events that take it there (one or more)
   */
  signals[SIGNAL_STEP_REQUESTED] = g_signal_new ("step-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, WX_TYPE_ORDER, G_TYPE_STRV);
  /**
   * WxBoard::move-refused:
   * @order: the order
   * @message: why it cannot go there
   */
  signals[SIGNAL_MOVE_REFUSED] = g_signal_new ("move-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 2, WX_TYPE_ORDER, G_TYPE_STRING);
  signals[SIGNAL_ORDER_ACTIVATED] = g_signal_new ("order-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, WX_TYPE_ORDER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wxboard");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/board/wx-board.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBoard, main_box);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, text_filter);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, engineer_filter);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, overdue_filter);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, mine_filter);
  gtk_widget_class_bind_template_child (widget_class, WxBoard, hint_label);

  for (guint i = 0; i < 7; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, move_shortcut_cb, "u", i);
}

static void
wx_board_init (WxBoard *self)
{
  const char *kinds[] = { _("All kinds"), wx_order_kind_label (WX_ORDER_KIND_CARRY_IN),
                          wx_order_kind_label (WX_ORDER_KIND_ON_SITE), wx_order_kind_label (WX_ORDER_KIND_SALE), NULL };
  const char *engineers[] = { _("All engineers"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  self->engineer_logins = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (gtk_string_list_new (kinds)));
  self->engineer_names = gtk_string_list_new (engineers);
  gtk_drop_down_set_model (self->engineer_filter, G_LIST_MODEL (self->engineer_names));
  g_object_unref (self->engineer_names);   /* the drop-down keeps it */
  g_signal_connect (self->text_filter, "search-changed", G_CALLBACK (text_filter_changed_cb), self);
  g_signal_connect (self->overdue_filter, "toggled", G_CALLBACK (overdue_filter_toggled_cb), self);
  g_signal_connect (self->mine_filter, "toggled", G_CALLBACK (mine_filter_toggled_cb), self);
  g_signal_connect (self->kind_filter, "notify::selected", G_CALLBACK (kind_filter_selected_cb), self);
  g_signal_connect (self->engineer_filter, "notify::selected", G_CALLBACK (engineer_filter_selected_cb), self);
}

GtkWidget *
wx_board_new (WxBoardLayout layout)
{
  WxBoard *self = g_object_new (WX_TYPE_BOARD, NULL);
  const guint *places;
  guint n;

  self->layout = layout;
  if (layout == WX_BOARD_FOLDERS)
    {
      places = (const guint *) folder_columns;
      n = G_N_ELEMENTS (folder_columns);
    }
  else
    {
      places = (const guint *) shelf_columns;
      n = G_N_ELEMENTS (shelf_columns);
      gtk_label_set_text (self->hint_label, _("Drag a card to the next shelf, or select it and press Alt+1…Alt+6"));
    }
  for (guint i = 0; i < n; i++)
    build_column (self, &self->columns[self->n_columns++], places[i]);
  return GTK_WIDGET (self);
}

void
wx_board_set_model (WxBoard    *self,
                    GListModel *orders)
{
  g_return_if_fail (WX_IS_BOARD (self));

  if (self->orders)
    g_signal_handlers_disconnect_by_func (self->orders, orders_changed_cb, self);
  g_set_object (&self->orders, orders);
  for (guint i = 0; i < self->n_columns; i++)
    {
      gtk_filter_list_model_set_model (self->columns[i].filtered, orders);
      update_count (&self->columns[i]);
    }
  if (orders)
    g_signal_connect (orders, "items-changed", G_CALLBACK (orders_changed_cb), self);
  orders_changed_cb (orders, 0, 0, 0, self);
}

void
wx_board_set_roles (WxBoard *self,
                    WxRole   roles)
{
  g_return_if_fail (WX_IS_BOARD (self));
  self->roles = roles;
}

void
wx_board_set_user (WxBoard    *self,
                   const char *login)
{
  g_return_if_fail (WX_IS_BOARD (self));
  if (g_strcmp0 (self->user, login) == 0)
    return;
  g_free (self->user);
  self->user = g_strdup (login);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_filter), login != NULL);
  /* The cards shown mark the user's anew: the rows are made again. */
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autoptr(GtkListItemFactory) factory = g_object_ref (gtk_list_view_get_factory (self->columns[i].list));

      gtk_list_view_set_factory (self->columns[i].list, NULL);
      gtk_list_view_set_factory (self->columns[i].list, factory);
    }
  refilter (self);
}

guint
wx_board_get_n_columns (WxBoard *self)
{
  g_return_val_if_fail (WX_IS_BOARD (self), 0);
  return self->n_columns;
}

guint
wx_board_get_column_place (WxBoard *self,
                           guint    column)
{
  g_return_val_if_fail (WX_IS_BOARD (self), 0);
  g_return_val_if_fail (column < self->n_columns, 0);
  return self->columns[column].place;
}

GListModel *
wx_board_get_column_model (WxBoard *self,
                           guint    column)
{
  g_return_val_if_fail (WX_IS_BOARD (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return G_LIST_MODEL (self->columns[column].sorted);
}

int
wx_board_find_column (WxBoard *self,
                      guint    place)
{
  g_return_val_if_fail (WX_IS_BOARD (self), -1);
  for (guint i = 0; i < self->n_columns; i++)
    if (self->columns[i].place == place)
      return (int) i;
  return -1;
}

#define G_LOG_DOMAIN "wx-board-card"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-board.h"
#include "wx-board-card.h"

struct _WxBoardCard
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkImage  *kind_icon;
  GtkLabel  *number_label;
  GtkLabel  *return_label;
  GtkLabel  *escalation_label;
  GtkLabel  *unit_label;
  GtkLabel  *machine_label;
  GtkLabel  *engineer_label;
  GtkLabel  *reason_label;
  GtkLabel  *clock_label;

  WxOrder   *order;
};

G_DEFINE_FINAL_TYPE (WxBoardCard, wx_board_card, GTK_TYPE_WIDGET)

static const char *clock_classes[] = { "wx-clock-running", "wx-clock-amber", "wx-clock-red" };

const char *
wx_order_kind_icon_name (WxOrderKind kind)
{
  switch (kind)
    {
    case WX_ORDER_KIND_ON_SITE: return "mark-location-symbolic";
    case WX_ORDER_KIND_SALE:    return "document-send-symbolic";
    case WX_ORDER_KIND_CARRY_IN:
    default:                    return "computer-symbolic";
    }
}

static void
show_clock (WxBoardCard       *self,
            const WxOrderData *d)
{
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;
  const char *cls;

  for (guint i = 0; i < G_N_ELEMENTS (clock_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->clock_label), clock_classes[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), d->has_clock);
  if (!d->has_clock)
    {
      gtk_label_set_text (self->clock_label, "");
      return;
    }
  left = wx_format_business_minutes (d->clock_minutes_left, 8 * 60);
  if (d->clock_minutes_left < 0)
    /* TRANSLATORS: a clock's badge: clock name, time past its limit */
    text = g_strdup_printf (_("%s: %s over"), wx_clock_label (d->clock), left);
  else
    /* TRANSLATORS: a clock's badge: clock name, business time left */
    text = g_strdup_printf (_("%s: %s left"), wx_clock_label (d->clock), left);
  gtk_label_set_text (self->clock_label, text);
  cls = d->clock_status == WX_CLOCK_STATUS_RED ? clock_classes[2]
      : d->clock_status == WX_CLOCK_STATUS_AMBER ? clock_classes[1] : clock_classes[0];
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), cls);
}

void
wx_board_card_set_order (WxBoardCard *self,
                         WxOrder     *order)
{
  const WxOrderData *d;
  g_autofree char *machine = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *reason = NULL;

  g_return_if_fail (WX_IS_BOARD_CARD (self));
  if (!g_set_object (&self->order, order) || order == NULL)
    return;
  d = wx_order_get_data (order);

  gtk_image_set_from_icon_name (self->kind_icon, wx_order_kind_icon_name (d->kind));
  gtk_label_set_text (self->number_label, d->number);
  gtk_label_set_text (self->unit_label, d->unit_name);
  /* The first line of the fault, short: the card is small. */
  fault = g_strndup (d->fault, strcspn (d->fault, "\n"));
  machine = g_strjoin (" · ", *d->model ? d->model : d->product_name, fault, NULL);
  gtk_label_set_text (self->machine_label, machine);
  gtk_label_set_text (self->engineer_label, *d->engineer_name ? d->engineer_name : wx_order_state_label (d->state));
  /* What the pink copy says of the shelf. */
  reason = wx_order_shelf_reason (order);
  gtk_label_set_text (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), *reason != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->return_label), d->return_repair);
  gtk_widget_set_visible (GTK_WIDGET (self->escalation_label), d->open_escalations > 0);
  show_clock (self, d);
}

/* Made when asked for: setting a tooltip on each of the hundreds of cards a
 * list keeps ready would cost more than the card. */
static gboolean
query_tooltip_cb (WxBoardCard *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  const WxOrderData *d;
  g_autofree char *text = NULL;

  if (self->order == NULL)
    return FALSE;
  d = wx_order_get_data (self->order);
  text = g_strdup_printf ("%s — %s · %s\n%s\n%s", d->number, wx_order_kind_label (d->kind),
                          wx_order_state_label (d->state), d->unit_name, d->fault);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

WxOrder *
wx_board_card_get_order (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return self->order;
}

void
wx_board_card_set_mine (WxBoardCard *self,
                        gboolean     mine)
{
  g_return_if_fail (WX_IS_BOARD_CARD (self));
  if (mine)
    gtk_widget_add_css_class (self->box, "wx-card-mine");
  else
    gtk_widget_remove_css_class (self->box, "wx-card-mine");
}

const char *
wx_board_card_get_reason (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return gtk_label_get_text (self->reason_label);
}

gboolean
wx_board_card_get_mine (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), FALSE);
  return gtk_widget_has_css_class (self->box, "wx-card-mine");
}

const char *
wx_board_card_get_badge (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return gtk_label_get_text (self->clock_label);
}

static WxBoard *
card_board (WxBoardCard *self)
{
  return WX_BOARD (gtk_widget_get_ancestor (GTK_WIDGET (self), WX_TYPE_BOARD));
}

/* card.move-to: the keyboard twin of dragging the card to a column. */
static void
move_to_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WxBoardCard *self = WX_BOARD_CARD (widget);
  WxBoard *board = card_board (self);
  guint place;

  if (board && self->order && wx_board_place_from_code (board, g_variant_get_string (parameter, NULL), &place))
    wx_board_move (board, self->order, place);
}

static void
step_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WxBoardCard *self = WX_BOARD_CARD (widget);
  WxBoard *board = card_board (self);

  if (board && self->order)
    wx_board_step (board, self->order, g_variant_get_string (parameter, NULL));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WxBoardCard *self = WX_BOARD_CARD (widget);
  WxBoard *board = card_board (self);

  if (board && self->order)
    wx_board_activate_order (board, self->order);
}

/* The card's menu: open, the steps it may take now, move to a column. */
static GMenuModel *
card_menu (WxBoardCard *self,
           WxBoard     *board)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) steps = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GPtrArray) available = wx_workflow_available (wx_order_get_kind (self->order),
                                                          wx_order_get_state (self->order));

  g_menu_append (menu, _("Open"), "card.open");
  for (guint i = 0; i < available->len; i++)
    {
      const WxTransition *t = g_ptr_array_index (available, i);
      g_autofree char *action = NULL;

      if (!(t->roles & wx_board_get_roles (board)))
        continue;
      action = g_strdup_printf ("card.step::%s", t->event);
      g_menu_append (steps, wx_workflow_event_label (t->event), action);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  for (guint i = 0; i < wx_board_get_n_columns (board); i++)
    {
      guint place = wx_board_get_column_place (board, i);
      g_autofree char *action = g_strdup_printf ("card.move-to::%s", wx_board_place_code (board, place));
      g_autofree char *label = g_strdup_printf (_("Move to %s (Alt+%u)"), wx_board_place_code (board, place), i + 1);

      g_menu_append (moves, label, action);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  return G_MENU_MODEL (menu);
}

static void
show_menu (WxBoardCard *self,
           double       x,
           double       y)
{
  WxBoard *board = card_board (self);
  g_autoptr(GMenuModel) model = NULL;
  GtkWidget *popover;

  if (board == NULL || self->order == NULL)
    return;
  model = card_menu (self, board);
  popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      WxBoardCard     *self)
{
  show_menu (self, x, y);
}

static void
double_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   WxBoardCard     *self)
{
  if (n_press == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "card.open", NULL);
}

static void
menu_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_menu (WX_BOARD_CARD (widget), -1, -1);
}

static void
wx_board_card_dispose (GObject *object)
{
  WxBoardCard *self = WX_BOARD_CARD (object);

  g_clear_object (&self->order);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_BOARD_CARD);
  G_OBJECT_CLASS (wx_board_card_parent_class)->dispose (object);
}

static void
wx_board_card_class_init (WxBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_board_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wxcard");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/board/wx-board-card.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, box);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, number_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, return_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, escalation_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, unit_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, machine_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, engineer_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WxBoardCard, clock_label);

  gtk_widget_class_install_action (widget_class, "card.move-to", "s", move_to_action_cb);
  gtk_widget_class_install_action (widget_class, "card.step", "s", step_action_cb);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
}

static void
wx_board_card_init (WxBoardCard *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  g_signal_connect (primary, "pressed", G_CALLBACK (double_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
wx_board_card_new (void)
{
  return g_object_new (WX_TYPE_BOARD_CARD, NULL);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, wx_board_card_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  wx_board_card_set_order (WX_BOARD_CARD (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

GtkListItemFactory *
wx_board_card_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  return factory;
}

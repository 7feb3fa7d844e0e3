#define G_LOG_DOMAIN "wx-board-card"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "wx-board.h"
#include "wx-board-card.h"

/* A card is one widget that draws its lines itself: a list keeps up to 200
 * cards a column ready, and a card of labels in boxes (ten widgets, each
 * styled and measured) made the board slow to open. Its height comes from
 * the fonts' line heights, so measuring it shapes no text but the shelf
 * reason's; the lines are laid out when drawn. */

enum { LINE_NUMBER, LINE_UNIT, LINE_MACHINE, LINE_REASON, LINE_ENGINEER, LINE_BADGE, N_LINES };
enum { FONT_HEADING, FONT_BODY, FONT_CAPTION, FONT_REASON, FONT_MARK, N_FONTS };

#define LINE_SPACING 2
#define ICON_SIZE 16
#define ICON_GAP 6
#define WIDTH_CHARS 20

struct _WxBoardCard
{
  GtkWidget  parent_instance;

  GtkWidget *kind_icon;
  GtkWidget *menu;           /* the popover menu, once shown */
  WxOrder   *order;
  char      *text[N_LINES];
  WxClockStatus clock_status;
  gboolean   return_repair;
  gboolean   escalated;

  /* Laid out when first drawn at this width. */
  PangoLayout *layout[N_LINES];
  int          layout_width;
  /* The reason's height at the width it was measured for. */
  int          wrap_for_width[N_LINES];   /* the reason and the badge wrap: */
  int          wrap_height[N_LINES];      /* their height at that width */
};

G_DEFINE_FINAL_TYPE (WxBoardCard, wx_board_card, GTK_TYPE_WIDGET)

/* The fonts of the lines, from the widget's own, and their line heights:
 * the same for every card, computed once per font. */
typedef struct
{
  guint                 base_hash;
  PangoFontDescription *font[N_FONTS];
  int                   height[N_FONTS];
  int                   char_width;
} Fonts;

static const Fonts *
card_fonts (WxBoardCard *self)
{
  static Fonts fonts;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *base = pango_context_get_font_description (context);
  guint hash = pango_font_description_hash (base);
  int size;
  PangoFontMetrics *metrics;

  if (fonts.font[0] && fonts.base_hash == hash)
    return &fonts;
  fonts.base_hash = hash;
  size = pango_font_description_get_size (base);
  for (guint i = 0; i < N_FONTS; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      g_clear_pointer (&fonts.font[i], pango_font_description_free);
      fonts.font[i] = pango_font_description_copy (base);
      switch (i)
        {
        case FONT_HEADING:
          pango_font_description_set_weight (fonts.font[i], PANGO_WEIGHT_BOLD);
          break;
        case FONT_MARK:
          pango_font_description_set_weight (fonts.font[i], PANGO_WEIGHT_BOLD);
          G_GNUC_FALLTHROUGH;
        case FONT_CAPTION:
        case FONT_REASON:
          /* libadwaita's .caption: 82 % */
          if (pango_font_description_get_size_is_absolute (base))
            pango_font_description_set_absolute_size (fonts.font[i], size * 0.82);
          else
            pango_font_description_set_size (fonts.font[i], size * 0.82);
          if (i == FONT_REASON)
            pango_font_description_set_style (fonts.font[i], PANGO_STYLE_ITALIC);
          break;
        default:
          break;
        }
      layout = pango_layout_new (context);
      pango_layout_set_font_description (layout, fonts.font[i]);
      pango_layout_set_text (layout, "国Ag", -1);
      pango_layout_get_pixel_size (layout, NULL, &fonts.height[i]);
    }
  metrics = pango_context_get_metrics (context, base, NULL);
  fonts.char_width = PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics));
  pango_font_metrics_unref (metrics);
  return &fonts;
}

static const int line_font[N_LINES] = {
  [LINE_NUMBER] = FONT_HEADING, [LINE_UNIT] = FONT_BODY, [LINE_MACHINE] = FONT_CAPTION,
  [LINE_REASON] = FONT_REASON, [LINE_ENGINEER] = FONT_CAPTION, [LINE_BADGE] = FONT_CAPTION,
};

/* Room for the text of a line: the number line leaves room for the icon,
 * the badge for its rounded ends. */
static int
line_text_x (int line)
{
  return line == LINE_NUMBER ? ICON_SIZE + ICON_GAP : line == LINE_BADGE ? 6 : 0;
}

static PangoLayout *
line_layout (WxBoardCard *self,
             int          line,
             int          width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text[line]);

  pango_layout_set_font_description (layout, card_fonts (self)->font[line_font[line]]);
  pango_layout_set_width (layout, MAX (width - 2 * line_text_x (line), 1) * PANGO_SCALE);
  if (line == LINE_NUMBER)
    pango_layout_set_width (layout, MAX (width - line_text_x (line), 1) * PANGO_SCALE);
  if (line == LINE_REASON || line == LINE_BADGE)
    {
      /* Two lines at most, as on the pink copy; a clock's badge in a
       * narrow column breaks rather than losing its time. */
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static gboolean
line_shown (WxBoardCard *self,
            int          line)
{
  return self->text[line] && *self->text[line];
}

static int
wrapped_height (WxBoardCard *self,
                int          line,
                int          width)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (!line_shown (self, line))
    return 0;
  if (width < 0)
    return 2 * card_fonts (self)->height[line_font[line]];
  if (self->wrap_for_width[line] != width)
    {
      layout = line_layout (self, line, width);
      pango_layout_get_pixel_size (layout, NULL, &self->wrap_height[line]);
      self->wrap_for_width[line] = width;
    }
  return self->wrap_height[line];
}

static int
line_height (WxBoardCard *self,
             int          line,
             int          width)
{
  const Fonts *fonts = card_fonts (self);

  if (line == LINE_NUMBER)
    return MAX (fonts->height[FONT_HEADING], ICON_SIZE);
  if (line == LINE_REASON || line == LINE_BADGE)
    return wrapped_height (self, line, width);
  return fonts->height[line_font[line]];
}

static void
wx_board_card_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  WxBoardCard *self = WX_BOARD_CARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int chars = card_fonts (self)->char_width;

      *minimum = 8 * chars;
      *natural = WIDTH_CHARS * chars;
    }
  else
    {
      int height = 0;

      for (int line = 0; line < N_LINES; line++)
        {
          int h = line_height (self, line, for_size);

          if (h > 0)
            height += (height > 0 ? LINE_SPACING : 0) + h;
        }
      *minimum = *natural = height;
    }
}

/* The shelf reason wraps: the height depends on the width. */
static GtkSizeRequestMode
wx_board_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wx_board_card_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  WxBoardCard *self = WX_BOARD_CARD (widget);
  int y = (line_height (self, LINE_NUMBER, width) - ICON_SIZE) / 2;

  gtk_widget_allocate (self->kind_icon, ICON_SIZE, ICON_SIZE, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y)));
  if (self->menu)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
clear_layouts (WxBoardCard *self)
{
  for (int line = 0; line < N_LINES; line++)
    g_clear_object (&self->layout[line]);
  self->layout_width = -1;
  for (int line = 0; line < N_LINES; line++)
    self->wrap_for_width[line] = -1;
}

/* A rounded mark behind `layout` at (x, y): the escalation and return-repair
 * marks, the clock's badge. */
static void
append_pill (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             float          pad,
             float          radius,
             const GdkRGBA *background,
             const GdkRGBA *color)
{
  int w, h;
  GskRoundedRect rect;

  pango_layout_get_pixel_size (layout, &w, &h);
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w + 2 * pad, h), MIN (radius, h / 2.f));
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, background, &rect.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + pad, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The width of the order number, whole. */
static int
number_width (WxBoardCard *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text[LINE_NUMBER]);
  int w;

  pango_layout_set_font_description (layout, card_fonts (self)->font[FONT_HEADING]);
  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/* The marks at the end of the number line, in at most `room` pixels if
 * their short forms fit there (the number is what the clerk reads: it is
 * not cut for them); returns their width. */
static int
snapshot_marks (WxBoardCard *self,
                GtkSnapshot *snapshot,
                int          width,
                int          line_h,
                const GdkRGBA *fg,
                int          room)
{
  static const GdkRGBA return_bg = { 0.898f, 0.647f, 0.039f, 0.35f };    /* @warning_bg_color */
  static const GdkRGBA escalated_bg = { 0.753f, 0.110f, 0.157f, 0.3f };  /* @error_bg_color */
  const struct { gboolean shown; const char *text; const char *short_text; const GdkRGBA *bg; } marks[] = {
    /* TRANSLATORS: Short mark on a card: escalated to the supervisor */
    { self->escalated, _("Escalated"), C_("card mark, one letter", "E"), &escalated_bg },
    /* TRANSLATORS: Short mark on a card: a return repair */
    { self->return_repair, _("Return"), C_("card mark, one letter", "R"), &return_bg },
  };
  PangoLayout *layouts[G_N_ELEMENTS (marks)] = { NULL };
  int x = width;
  int total = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      total = 0;
      for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
        {
          int w;

          g_clear_object (&layouts[i]);
          if (!marks[i].shown)
            continue;
          layouts[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), pass ? marks[i].short_text : marks[i].text);
          pango_layout_set_font_description (layouts[i], card_fonts (self)->font[FONT_MARK]);
          pango_layout_get_pixel_size (layouts[i], &w, NULL);
          total += w + 12;
        }
      if (total <= room)
        break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      int w, h;

      if (layouts[i] == NULL)
        continue;
      pango_layout_get_pixel_size (layouts[i], &w, &h);
      x -= w + 8;
      append_pill (snapshot, layouts[i], x, (line_h - h) / 2.f, 4, 4, marks[i].bg, fg);
      x -= 4;
      g_object_unref (layouts[i]);
    }
  return width - x;
}

static void
wx_board_card_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  static const GdkRGBA clock_bg[] = {
    { 0.149f, 0.635f, 0.412f, 0.2f },   /* running: @success_bg_color */
    { 0.898f, 0.647f, 0.039f, 0.5f },   /* amber: @warning_bg_color */
    { 0.753f, 0.110f, 0.157f, 1.0f },   /* red: @error_bg_color */
  };
  static const GdkRGBA white = { 1, 1, 1, 1 };
  WxBoardCard *self = WX_BOARD_CARD (widget);
  int width = gtk_widget_get_width (widget);
  int y = 0;
  int marks_width = 0;
  GdkRGBA fg, dim, reason;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = reason = fg;
  dim.alpha *= 0.55f;     /* .dim-label */
  reason.alpha *= 0.85f;  /* .wx-reason */

  gtk_widget_snapshot_child (widget, self->kind_icon, snapshot);
  if (self->layout_width != width)
    clear_layouts (self);
  self->layout_width = width;
  for (int line = 0; line < N_LINES; line++)
    {
      int h = line_height (self, line, width);
      const GdkRGBA *color = line == LINE_MACHINE ? &dim : line == LINE_REASON ? &reason : &fg;

      if (h <= 0)
        continue;
      if (line == LINE_NUMBER)
        marks_width = snapshot_marks (self, snapshot, width, h, &fg,
                                      self->escalated || self->return_repair
                                      ? width - line_text_x (LINE_NUMBER) - number_width (self) : width);
      if (self->layout[line] == NULL)
        self->layout[line] = line_layout (self, line, width - (line == LINE_NUMBER ? marks_width : 0));
      if (line == LINE_BADGE)
        append_pill (snapshot, self->layout[line], 0, y, line_text_x (line), 8,
                     &clock_bg[self->clock_status == WX_CLOCK_STATUS_RED ? 2
                               : self->clock_status == WX_CLOCK_STATUS_AMBER ? 1 : 0],
                     self->clock_status == WX_CLOCK_STATUS_RED ? &white : &fg);
      else
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (line_text_x (line),
                                                                 y + (line == LINE_NUMBER ? (h - card_fonts (self)->height[FONT_HEADING]) / 2 : 0)));
          gtk_snapshot_append_layout (snapshot, self->layout[line], color);
          gtk_snapshot_restore (snapshot);
        }
      y += h + LINE_SPACING;
    }
}

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

static char *
clock_badge (const WxOrderData *d)
{
  g_autofree char *left = NULL;
  gboolean over = d->clock_status == WX_CLOCK_STATUS_RED || d->clock_minutes_left < 0;

  if (!d->has_clock)
    return g_strdup ("");
  /* Past its limit is over, never "0 min left" in red: a clock overdue by
   * less than a minute reads "1 min over". Days are the shop's working days. */
  left = wx_format_business_minutes (over ? MAX (1, ABS (d->clock_minutes_left)) : d->clock_minutes_left,
                                     d->day_minutes);
  if (over)
    /* TRANSLATORS: a clock's badge: clock name, time past its limit */
    return g_strdup_printf (_("%s: %s over"), wx_clock_label (d->clock), left);
  /* TRANSLATORS: a clock's badge: clock name, business time left */
  return g_strdup_printf (_("%s: %s left"), wx_clock_label (d->clock), left);
}

void
wx_board_card_set_order (WxBoardCard *self,
                         WxOrder     *order)
{
  const WxOrderData *d;
  g_autofree char *fault = NULL;

  g_return_if_fail (WX_IS_BOARD_CARD (self));
  if (!g_set_object (&self->order, order) || order == NULL)
    return;
  d = wx_order_get_data (order);

  for (int line = 0; line < N_LINES; line++)
    g_clear_pointer (&self->text[line], g_free);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->kind_icon), wx_order_kind_icon_name (d->kind));
  self->text[LINE_NUMBER] = g_strdup (d->number);
  self->text[LINE_UNIT] = g_strdup (d->unit_name);
  /* The first line of the fault, short: the card is small. */
  fault = g_strndup (d->fault, strcspn (d->fault, "\n"));
  self->text[LINE_MACHINE] = g_strjoin (" · ", *d->model ? d->model : d->product_name, fault, NULL);
  /* What the pink copy says of the shelf. */
  self->text[LINE_REASON] = wx_order_shelf_reason (order);
  self->text[LINE_ENGINEER] = g_strdup (*d->engineer_name ? d->engineer_name : wx_order_state_label (d->state));
  self->text[LINE_BADGE] = clock_badge (d);
  self->clock_status = d->clock_status;
  self->return_repair = d->return_repair;
  self->escalated = d->open_escalations > 0;
  /* What a screen reader says of the card: the text it draws. */
  {
    g_autofree char *label = g_strjoin (", ", self->text[LINE_NUMBER], self->text[LINE_UNIT],
                                        self->text[LINE_MACHINE], NULL);
    const char *parts[] = { wx_order_state_label (d->state), self->text[LINE_REASON], d->engineer_name,
                            self->text[LINE_BADGE], self->escalated ? _("Escalated") : NULL,
                            self->return_repair ? _("Return") : NULL };
    g_autoptr(GString) description = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i] && *parts[i])
        g_string_append_printf (description, "%s%s", description->len ? ". " : "", parts[i]);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  }
  clear_layouts (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
    gtk_widget_add_css_class (GTK_WIDGET (self), "wx-card-mine");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "wx-card-mine");
}

const char *
wx_board_card_get_reason (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return self->text[LINE_REASON] ? self->text[LINE_REASON] : "";
}

gboolean
wx_board_card_get_mine (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "wx-card-mine");
}

const char *
wx_board_card_get_badge (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return self->text[LINE_BADGE] ? self->text[LINE_BADGE] : "";
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
      g_autofree char *label = g_strdup_printf (_("Move to %s (Alt+%u)"), wx_board_place_label (board, place), i + 1);

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

  if (board == NULL || self->order == NULL)
    return;
  model = card_menu (self, board);
  /* The popover stays the card's child after it closes: an item's action
   * is looked up from it, through the card, after the menu has closed. */
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               x >= 0 ? &(GdkRectangle) { (int) x, (int) y, 1, 1 }
                                      : &(GdkRectangle) { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)) });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

GtkPopover *
wx_board_card_get_menu (WxBoardCard *self)
{
  g_return_val_if_fail (WX_IS_BOARD_CARD (self), NULL);
  return self->menu ? GTK_POPOVER (self->menu) : NULL;
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
  clear_layouts (self);
  for (int line = 0; line < N_LINES; line++)
    g_clear_pointer (&self->text[line], g_free);
  g_clear_pointer (&self->kind_icon, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  G_OBJECT_CLASS (wx_board_card_parent_class)->dispose (object);
}

static void
wx_board_card_class_init (WxBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_board_card_dispose;
  widget_class->get_request_mode = wx_board_card_get_request_mode;
  widget_class->measure = wx_board_card_measure;
  widget_class->size_allocate = wx_board_card_size_allocate;
  widget_class->snapshot = wx_board_card_snapshot;
  gtk_widget_class_set_css_name (widget_class, "wxcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

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

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "wx-card");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->kind_icon = gtk_image_new ();
  gtk_widget_set_parent (self->kind_icon, GTK_WIDGET (self));
  clear_layouts (self);
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

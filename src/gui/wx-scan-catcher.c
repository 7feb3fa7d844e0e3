#define G_LOG_DOMAIN "wx-scan-catcher"

#include "wx-scan-catcher.h"

struct _WxScanCatcher
{
  GObject        parent_instance;

  GtkWidget     *window;       /* weak */
  GString       *keys;         /* the letters typed since the last pause */
  guint32        last;         /* the X time of the last of them */
  gboolean       fast;         /* each came within WX_SCAN_GAP_MS */
  GtkEditable   *field;        /* weak: the text field they went into */
  char          *field_text;   /* its text before them */
  int            field_position;
};

G_DEFINE_FINAL_TYPE (WxScanCatcher, wx_scan_catcher, G_TYPE_OBJECT)

enum { SIGNAL_SCANNED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
reset (WxScanCatcher *self)
{
  g_string_truncate (self->keys, 0);
  self->fast = TRUE;
  g_clear_weak_pointer (&self->field);
  g_clear_pointer (&self->field_text, g_free);
}

/* The text field with the focus (a GtkEntry's GtkText), or NULL. */
static GtkWidget *
focus_field (WxScanCatcher *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  return focus && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)) ? focus : NULL;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WxScanCatcher         *self)
{
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller));
  gunichar c = gdk_keyval_to_unicode (keyval);
  gboolean quick = self->keys->len > 0 && time - self->last <= WX_SCAN_GAP_MS;
  GtkWidget *field = focus_field (self);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    {
      reset (self);
      return GDK_EVENT_PROPAGATE;
    }
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      g_autofree char *text = NULL;
      gboolean scan = field ? self->fast && quick && self->keys->len >= WX_SCAN_MIN_CHARS
                            : self->keys->len > 0;

      if (!scan)
        {
          reset (self);
          return GDK_EVENT_PROPAGATE;
        }
      text = g_strdup (self->keys->str);
      /* The scan goes out of the field it was typed into. */
      if (self->field && self->field_text && GTK_WIDGET (self->field) == field)
        {
          gtk_editable_set_text (self->field, self->field_text);
          gtk_editable_set_position (self->field, self->field_position);
        }
      reset (self);
      g_signal_emit (self, signals[SIGNAL_SCANNED], 0, text);
      return GDK_EVENT_STOP;
    }
  if (c == 0 || c > 127 || !(g_ascii_isalnum ((char) c) || c == '-'))
    {
      reset (self);
      return GDK_EVENT_PROPAGATE;
    }
  if (self->keys->len > 0 && !quick)
    {
      if (field)
        reset (self);          /* a person typing: start again */
      else
        self->fast = FALSE;
    }
  if (self->keys->len == 0 && field && GTK_IS_EDITABLE (field))
    {
      g_set_weak_pointer (&self->field, GTK_EDITABLE (field));
      self->field_text = g_strdup (gtk_editable_get_text (self->field));
      self->field_position = gtk_editable_get_position (self->field);
    }
  g_string_append_c (self->keys, (char) c);
  self->last = time;
  /* Outside a text field the keys would do nothing: they are the scan's. */
  return field ? GDK_EVENT_PROPAGATE : GDK_EVENT_STOP;
}

static void
wx_scan_catcher_finalize (GObject *object)
{
  WxScanCatcher *self = WX_SCAN_CATCHER (object);

  reset (self);
  g_string_free (self->keys, TRUE);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (wx_scan_catcher_parent_class)->finalize (object);
}

static void
wx_scan_catcher_class_init (WxScanCatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wx_scan_catcher_finalize;

  /**
   * WxScanCatcher::scanned:
   * @text: what the scanner typed, without its Enter
   */
  signals[SIGNAL_SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wx_scan_catcher_init (WxScanCatcher *self)
{
  self->keys = g_string_new (NULL);
  self->fast = TRUE;
}

WxScanCatcher *
wx_scan_catcher_new (GtkWidget *window)
{
  WxScanCatcher *self = g_object_new (WX_TYPE_SCAN_CATCHER, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_val_if_fail (GTK_IS_ROOT (window), self);
  g_set_weak_pointer (&self->window, window);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (window, keys);
  return self;
}

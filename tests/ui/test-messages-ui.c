/* The messages to customers in the supervisor's window, under Xvfb with
 * real clicks and keys (xdotool): the Messages page (filter by state,
 * settle a message whose result is unknown, resend a failed one), the
 * Resend button beside a failed message in the order panel, and the
 * Message Templates page (live preview from a real order, the SMS length
 * counter, the server's sentence for an unknown placeholder, saving).
 * PNGs of both pages go to the build directory. */
#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db.h"
#include "db/wx-db-demo.h"
#include "gui/supervisor/wx-messages-page.h"
#include "gui/supervisor/wx-templates-page.h"
#include "gui/wx-order-panel.h"
#include "gui/wx-supervisor-window.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"
#include "wx-test-xdo.h"

#define SUPERVISOR "zhou_min"

static char *conninfo;           /* the test's superuser */
static WxApplication *app;
static WxSupervisorWindow *window;
static char *order_number;       /* the order the test's messages are about */
static gint64 failed_id, unknown_id, panel_failed_id;

/* A page's "saved" (what, error): the flag set. */
static void
saved_cb (gpointer page, const char *what, const GError *error, gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
chosen (gpointer page)
{
  return wx_list_page_get_selected_item (WX_LIST_PAGE (page)) != NULL;
}

static gboolean
is_dropdown (GtkWidget *widget, gpointer data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static void
show_page (const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
  g_assert_cmpstr (wx_supervisor_window_get_page (window), ==, name);
}

static gboolean
name_is (GtkWidget *widget, gpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
row_with_id (GtkWidget *widget, gpointer id)
{
  return GTK_IS_LIST_BOX_ROW (widget) && wx_supervisor_row_id (GTK_LIST_BOX_ROW (widget)) == *(gint64 *) id;
}

typedef struct {
  const char *sql;
  const char *want;
} DbWait;

static gboolean
db_has (gpointer data)
{
  DbWait *w = data;
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *v = wx_test_db_value (conn, w->sql);

  return g_strcmp0 (v, w->want) == 0;
}

/* Waits until `column` of message `id` is `want`. */
static void
wait_db (const char *want, const char *column, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM messages WHERE id = %" G_GINT64_FORMAT, column, id);
  DbWait w = { sql, want };

  wx_test_spin_until (db_has, &w, sql);
}

static void
reload_and_wait (GtkWidget *page)
{
  gboolean loaded = FALSE;

  g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
  wx_page_reload (WX_PAGE (page));
  wx_test_spin_until (wx_test_flag_set, &loaded, "the page");
  g_signal_handlers_disconnect_by_data (page, &loaded);
}

static GtkWidget *
button_with_action (GtkWidget *root, const char *action, GVariant *target)
{
  g_autoptr(GVariant) t = target ? g_variant_ref_sink (target) : NULL;
  GtkWidget *found = NULL;

  for (GtkWidget *w = root; w; )
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0
          && (t == NULL || g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w)), t)))
        {
          found = w;
          break;
        }
      /* depth first */
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == root) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* Clicks `row` of the Messages page and waits until it is the one chosen. */
static void
choose (GtkWidget *page, gint64 id)
{
  GtkWidget *row = wx_test_find_widget (page, row_with_id, &id);

  g_assert_nonnull (row);
  wx_test_xdo_click (row, 1, -1, -1);
  wx_test_spin_until (chosen, page, "a message chosen");
  g_assert_cmpint (wx_list_page_get_selected (WX_LIST_PAGE (page)), ==, id);
}

static void
click_and_wait_saved (GtkWidget *page, GtkWidget *button)
{
  gboolean saved = FALSE;

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  wx_test_xdo_click (button, 1, -1, -1);
  wx_test_spin_until (wx_test_flag_set, &saved, "saved");
  g_signal_handlers_disconnect_by_data (page, &saved);
}

/* The Messages page: the failed and the unknown message need attention;
 * the unknown one is settled as sent and the failed one resent, by clicks;
 * the filter "Sent" then shows the settled one. */
static void
test_messages_page (void)
{
  GtkWidget *page = wx_supervisor_window_get_page_widget (window, "messages");
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  GPtrArray *items;
  gboolean found = FALSE;

  {
    /* shown for the first time, it loads */
    gboolean loaded = FALSE;

    g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
    show_page ("messages");
    wx_test_spin_until (wx_test_flag_set, &loaded, "the messages");
    g_signal_handlers_disconnect_by_data (page, &loaded);
  }
  g_assert_cmpstr (wx_messages_page_get_filter (WX_MESSAGES_PAGE (page)), ==, "attention");
  items = wx_messages_page_get_messages (page);
  g_assert_cmpint (items->len, ==,
                   wx_test_db_count (conn, "SELECT count(*) FROM messages WHERE state IN ('failed', 'unknown')"));

  /* the unknown one: only it may be settled */
  choose (page, unknown_id);
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-messages");
  click_and_wait_saved (page, button_with_action (page, "messages.settle", g_variant_new_boolean (TRUE)));
  g_assert_cmpstr (wx_list_page_get_message (WX_LIST_PAGE (page)), ==, _("Recorded as sent."));
  wait_db ("sent", "state", unknown_id);

  /* the failed one, resent: queued again with a new key, no tries yet */
  reload_and_wait (page);
  choose (page, failed_id);
  g_assert_false (gtk_widget_is_sensitive (button_with_action (page, "messages.settle", g_variant_new_boolean (TRUE))));
  click_and_wait_saved (page, button_with_action (page, "messages.resend", NULL));
  wait_db ("queued0", "state || attempts", failed_id);

  /* Sent: the settled one is there, the resent one is not */
  {
    GtkDropDown *filter = GTK_DROP_DOWN (wx_test_find_widget (page, is_dropdown, NULL));
    gboolean loaded = FALSE;

    g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
    gtk_drop_down_set_selected (filter, 2);
    wx_test_spin_until (wx_test_flag_set, &loaded, "the sent messages");
    g_signal_handlers_disconnect_by_data (page, &loaded);
  }
  g_assert_cmpstr (wx_messages_page_get_filter (WX_MESSAGES_PAGE (page)), ==, "sent");
  items = wx_messages_page_get_messages (page);
  for (guint i = 0; i < items->len; i++)
    {
      const WxMessage *m = g_ptr_array_index (items, i);

      g_assert_cmpstr (m->state, ==, "sent");
      g_assert_cmpint (m->id, !=, failed_id);
      found |= m->id == unknown_id;
    }
  g_assert_true (found);
  show_page ("report");
}

static gboolean
panel_has_button (gpointer name)
{
  WxOrderPanel *panel = wx_board_window_get_panel (WX_BOARD_WINDOW (window));

  return wx_test_find_widget (GTK_WIDGET (panel), name_is, name) != NULL;
}

static gboolean
detail_closed (gpointer panel)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (panel, GTK_TYPE_REVEALER);

  return revealer == NULL || !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* The order panel: a failed message has a Resend button; clicking it
 * queues the message again and the button goes. */
static void
test_order_panel_resend (void)
{
  WxOrderPanel *panel = wx_board_window_get_panel (WX_BOARD_WINDOW (window));
  g_autofree char *name = g_strdup_printf ("resend-%" G_GINT64_FORMAT, panel_failed_id);
  g_autofree char *timeline = NULL;
  GtkWidget *button;

  show_page ("folders");
  wx_board_window_open_order (WX_BOARD_WINDOW (window), order_number);
  wx_test_spin_until (panel_has_button, name, "the Resend button");
  timeline = wx_order_panel_dup_timeline (panel);
  g_assert_nonnull (strstr (timeline, _("failed")));
  button = wx_test_find_widget (GTK_WIDGET (panel), name_is, name);
  /* reached by the keyboard (the panel is taller than the screen): the
   * focus on the button, then a real key press */
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_has_focus (button));
  /* the panel's messages, with the button */
  wx_test_screenshot (gtk_widget_get_parent (button), "order-panel-messages");
  wx_test_xdo_key (GTK_WINDOW (window), "space");
  wait_db ("queued", "state", panel_failed_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-detail", NULL);
  wx_test_spin_until (detail_closed, panel, "the order panel closed");
}

typedef struct {
  WxTemplatesPage *page;
  const char      *want;
  int              segments;
} TextWait;

static gboolean
preview_has (gpointer data)
{
  TextWait *w = data;

  return strstr (wx_templates_page_get_preview (w->page), w->want) != NULL;
}

static gboolean
counter_has (gpointer data)
{
  TextWait *w = data;

  return strstr (wx_templates_page_get_counter (w->page), w->want) != NULL;
}

static gboolean
segments_are (gpointer data)
{
  TextWait *w = data;

  return wx_templates_page_get_segments (w->page) == w->segments;
}

static gboolean
message_set (gpointer page)
{
  return *wx_templates_page_get_message (page) != '\0';
}

static gboolean
is_list_box (GtkWidget *widget, gpointer data)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_text_view (GtkWidget *widget, gpointer data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* Selects all of the template's text and types `text` over it. */
static void
retype (WxTemplatesPage *page, GtkWidget *body, const char *text)
{
  wx_test_xdo_click_into (body);
  wx_test_xdo_key (GTK_WINDOW (window), "ctrl+a");
  wx_test_xdo_type (GTK_WINDOW (window), text, 20);
}

static void
save (WxTemplatesPage *page)
{
  gboolean saved = FALSE;

  g_signal_connect (page, "saved", G_CALLBACK (saved_cb), &saved);
  wx_test_xdo_click (button_with_action (GTK_WIDGET (page), "templates.save", NULL), 1, -1, -1);
  wx_test_spin_until (wx_test_flag_set, &saved, "Save");
  g_signal_handlers_disconnect_by_data (page, &saved);
  g_assert_true (message_set (page));
}

#define READY_BODY "SELECT body FROM message_templates WHERE kind = 'ready' AND channel = 'sms' AND lang = 'zh_CN'"

/* The templates page: the "ready" SMS in Chinese, filled from a real
 * order; typed longer it counts two SMS; an unknown placeholder is named
 * in the preview and refused by the server on Save, nothing changed; a
 * good text is saved. */
static void
test_templates_page (void)
{
  WxTemplatesPage *page = WX_TEMPLATES_PAGE (wx_supervisor_window_get_page_widget (window, "templates"));
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autofree char *latest = wx_test_db_value (conn, "SELECT number FROM service_orders"
                                                    " ORDER BY appointment_at IS NOT NULL DESC, id DESC LIMIT 1");
  g_autofree char *before = wx_test_db_value (conn, READY_BODY);
  g_autofree char *after = NULL;
  TextWait w = { page, NULL, 0 };
  GtkWidget *body;
  GPtrArray *templates;
  int index = -1;

  {
    /* shown for the first time, it loads */
    gboolean loaded = FALSE;

    g_signal_connect (page, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
    show_page ("templates");
    wx_test_spin_until (wx_test_flag_set, &loaded, "the templates");
    g_signal_handlers_disconnect_by_data (page, &loaded);
  }
  templates = wx_templates_page_get_templates (page);
  for (guint i = 0; i < templates->len; i++)
    {
      const WxMessageTemplate *t = g_ptr_array_index (templates, i);

      if (g_str_equal (t->kind, "ready") && g_str_equal (t->channel, "sms") && g_str_equal (t->lang, "zh_CN"))
        index = (int) i;
    }
  g_assert_cmpint (index, >=, 0);
  wx_test_xdo_click (GTK_WIDGET (gtk_list_box_get_row_at_index (
                       GTK_LIST_BOX (wx_test_find_widget (GTK_WIDGET (page), is_list_box, NULL)), index)), 1, -1, -1);
  w.want = latest;
  wx_test_spin_until (preview_has, &w, "the preview filled from the latest order");
  w.segments = 1;
  wx_test_spin_until (segments_are, &w, "one SMS");

  /* longer than 70 characters with the signature: two */
  body = wx_test_find_widget (GTK_WIDGET (page), is_text_view, NULL);
  retype (page, body, "Machine {number} is ready. 0123456789012345678901234567890123456789012345678901234567890");
  w.segments = 2;
  wx_test_spin_until (segments_are, &w, "two SMS");
  wx_test_screenshot (GTK_WIDGET (window), "supervisor-templates");

  /* an unknown placeholder: named under the text, refused on Save */
  wx_test_xdo_key (GTK_WINDOW (window), "ctrl+End");
  wx_test_xdo_type (GTK_WINDOW (window), " {bogus}", 20);
  w.want = "{bogus}";
  wx_test_spin_until (counter_has, &w, "the unknown placeholder named");
  save (page);
  g_assert_nonnull (strstr (wx_templates_page_get_message (page), "bogus"));
  after = wx_test_db_value (conn, READY_BODY);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* a good one is saved */
  retype (page, body, "Machine {number} is ready.");
  w.segments = 1;
  wx_test_spin_until (segments_are, &w, "one SMS again");
  save (page);
  after = wx_test_db_value (conn, READY_BODY);
  g_assert_cmpstr (after, ==, "Machine {number} is ready.");
  show_page ("report");
}

static gint64
insert_message (PGconn *conn, const char *kind, const char *channel, const char *recipient, const char *state,
                const char *error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO messages (order_id, kind, channel, recipient, recipient_name, subject, body, state, attempts,"
    "                      claimed_at, sent_at, last_error)"
    " SELECT id, '%s', '%s', '%s', contact_person, '', 'text of the message', '%s', 1,"
    "        CASE WHEN '%s' = 'unknown' THEN now() END, CASE WHEN '%s' = 'sent' THEN now() END, '%s'"
    "   FROM service_orders WHERE number = '%s' RETURNING id",
    kind, channel, recipient, state, state, state, error, order_number);

  return wx_test_db_count (conn, sql);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *supervisor_conninfo = NULL;

  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  app = wx_test_ui_app ();
  /* clicks land on what the window shows now, not on a page sliding in */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  conninfo = wx_test_db_create (wx_test_ui_chinese () ? "msgui_zh" : "msgui", TRUE);
  conn = wx_test_db_connect (conninfo);
  now = wx_test_fixed_now ();
  wx_db_demo_load (conn, 30, now, &error);
  g_assert_no_error (error);
  order_number = wx_test_db_value (conn, "SELECT number FROM service_orders WHERE state = 'in_repair'"
                                         " OR state NOT IN ('closed', 'cancelled') ORDER BY id LIMIT 1");
  failed_id = insert_message (conn, "ready", "sms", "13812345678", "failed", "isv.MOBILE_NUMBER_ILLEGAL: invalid number");
  unknown_id = insert_message (conn, "quote", "email", "buyer@example.com", "unknown", "sender_stopped");
  panel_failed_id = insert_message (conn, "visit_booked", "sms", "13812345678", "failed", "not_mobile");
  insert_message (conn, "arrival", "sms", "13812345678", "sent", "");

  supervisor_conninfo = wx_db_conninfo_with (conninfo, "user", SUPERVISOR);
  {
    gboolean loaded = FALSE;

    window = wx_supervisor_window_new (app, supervisor_conninfo);
    g_signal_connect (window, "loaded", G_CALLBACK (wx_test_loaded_cb), &loaded);
    gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
    gtk_window_present (GTK_WINDOW (window));
    wx_test_spin_until (wx_test_flag_set, &loaded, "the board");
    g_signal_handlers_disconnect_by_data (window, &loaded);
  }

  g_test_add_func ("/ui/messages/page", test_messages_page);
  g_test_add_func ("/ui/messages/order-panel-resend", test_order_panel_resend);
  g_test_add_func ("/ui/messages/templates", test_templates_page);
  return g_test_run ();
}

/* A dialog's error is scrolled into view (wx_dialog_set_message, which
 * every dialog uses for its fields' messages and its own): in a form
 * taller than its window, a message set out of sight comes into sight
 * with its field; of several set at once, the highest (a field's message
 * over the dialog's "some fields…" under the form). The intake dialog,
 * scrolled to its end, shows the first missing field's message. */
#include <glib/gi18n.h>
#include <adwaita.h>

#include "core/wx-i18n.h"
#include "db/wx-db-worker.h"
#include "gui/dialogs/wx-dialog-fields.h"
#include "gui/dialogs/wx-intake-dialog.h"
#include "wx-test-db.h"
#include "wx-test-ui.h"

static gboolean
flag_timeout_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* A few frames drawn: what was shown is laid out and scrolled. */
static void
let_frames_pass (void)
{
  gboolean done = FALSE;

  g_timeout_add (250, flag_timeout_cb, &done);
  wx_test_spin_until (wx_test_flag_set, &done, "the frames");
}

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_label (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Whether `widget` is inside the visible page of `scrolled`. */
static gboolean
in_view (GtkWidget *scrolled, GtkWidget *widget)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t b;

  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  g_assert_true (gtk_widget_compute_bounds (widget, content, &b));
  g_test_message ("y %.0f–%.0f, page %.0f–%.0f", b.origin.y, b.origin.y + b.size.height,
                  gtk_adjustment_get_value (adj), gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
  return b.origin.y >= gtk_adjustment_get_value (adj) &&
         b.origin.y + b.size.height <= gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);
}

/* A form of 40 fields in a window 300 px high. */
static void
test_scrolled_into_view (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkLabel *first = wx_dialog_message_new ();
  GtkLabel *last = wx_dialog_message_new ();
  GtkLabel *general = wx_dialog_message_new ();
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  int rows = 0;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Field %d", i + 1);
      wx_dialog_grid_add_row (GTK_GRID (grid), &rows, name, gtk_entry_new (), NULL,
                              i == 2 ? first : i == 37 ? last : NULL);
    }
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (general));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  let_frames_pass ();
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, 2 * gtk_adjustment_get_page_size (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* Low in the form: scrolled down to it. */
  wx_dialog_set_message (last, "Field 38 is wrong.");
  let_frames_pass ();
  g_assert_true (in_view (scrolled, GTK_WIDGET (last)));

  /* A field's message and the general one at once: the field's, high up. */
  wx_dialog_set_message (last, NULL);
  wx_dialog_set_message (first, "Field 3 is missing.");
  wx_dialog_set_message (general, "Some fields need to be filled in or corrected.");
  let_frames_pass ();
  g_assert_true (in_view (scrolled, GTK_WIDGET (first)));

  /* The general one alone: at the bottom. */
  wx_dialog_set_message (first, NULL);
  wx_dialog_set_message (general, "The server refused it.");
  let_frames_pass ();
  g_assert_true (in_view (scrolled, GTK_WIDGET (general)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The intake form, scrolled to its end, saved empty: the first field's
 * message (the unit, at the top) is in sight. */
static void
test_intake (void)
{
  g_autofree char *db = wx_test_db_create (wx_test_ui_chinese () ? "dlgfields_zh" : "dlgfields", TRUE);
  g_autoptr(WxDbWorker) worker = wx_db_worker_new (db);
  WxIntakeDialog *d = wx_intake_dialog_new (NULL, worker, WX_ORDER_KIND_CARRY_IN);
  GtkWidget *scrolled;
  GtkAdjustment *adj;
  const char *message;

  gtk_window_set_default_size (GTK_WINDOW (d), 720, 420);
  gtk_window_present (GTK_WINDOW (d));
  let_frames_pass ();
  scrolled = wx_test_find_widget (GTK_WIDGET (d), is_type, GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj) + 100);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  let_frames_pass ();

  wx_intake_dialog_save (d);
  message = wx_intake_dialog_get_message (d, "unit");
  g_assert_cmpstr (message, !=, "");
  let_frames_pass ();
  g_assert_true (in_view (scrolled, wx_test_find_widget (GTK_WIDGET (d), is_label, (gpointer) message)));
  wx_test_screenshot (GTK_WIDGET (d), "intake-error-in-view");
  gtk_window_destroy (GTK_WINDOW (d));
}

int
main (int argc, char **argv)
{
  wx_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  if (!wx_test_ui_init ())
    return 0;
  wx_test_ui_app ();

  g_test_add_func ("/ui/dialog-fields/scrolled-into-view", test_scrolled_into_view);
  g_test_add_func ("/ui/dialog-fields/intake", test_intake);
  return g_test_run ();
}

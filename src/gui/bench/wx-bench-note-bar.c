#define G_LOG_DOMAIN "wx-bench-note-bar"

#include <glib/gi18n.h>

#include "core/wx-validate.h"
#include "db/wx-db-bench.h"
#include "wx-bench-note-bar.h"

#define NOTE_MAX_CHARS 2000

struct _WxBenchNoteBar
{
  GtkWidget       parent_instance;

  GtkEntry       *note_order_entry;
  GtkEntry       *note_entry;

  WxBoardSession *session;
};

G_DEFINE_FINAL_TYPE (WxBenchNoteBar, wx_bench_note_bar, GTK_TYPE_WIDGET)

enum { SIGNAL_NOTICE, SIGNAL_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
notice (WxBenchNoteBar *self,
        const char     *text,
        gboolean        is_error)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, text, is_error);
}

static void
note_added_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WxBenchNoteBar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        notice (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_order_entry), "");
  notice (self, _("The note is in your work log."), FALSE);
  g_signal_emit (self, signals[SIGNAL_ADDED], 0);
}

void
wx_bench_note_bar_add (WxBenchNoteBar *self,
                       const char     *number,
                       const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;

  g_return_if_fail (WX_IS_BENCH_NOTE_BAR (self));
  g_return_if_fail (self->session != NULL);
  /* Said at once when the note is empty or too long; the database checks too. */
  if (!wx_validate_required (text, _("Note"), NOTE_MAX_CHARS, &error))
    {
      notice (self, error->message, TRUE);
      return;
    }
  stripped = number && *number ? g_strstrip (g_strdup (number)) : NULL;
  wx_db_work_note_add_async (wx_board_session_get_worker (self->session), stripped, text,
                             wx_board_session_get_cancellable (self->session), note_added_cb, g_object_ref (self));
}

void
wx_bench_note_bar_add_entered (WxBenchNoteBar *self)
{
  g_return_if_fail (WX_IS_BENCH_NOTE_BAR (self));
  wx_bench_note_bar_add (self, gtk_editable_get_text (GTK_EDITABLE (self->note_order_entry)),
                         gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

void
wx_bench_note_bar_set_session (WxBenchNoteBar *self,
                               WxBoardSession *session)
{
  g_return_if_fail (WX_IS_BENCH_NOTE_BAR (self));
  g_set_object (&self->session, session);
}

static void
note_activate_cb (GtkEntry       *entry,
                  WxBenchNoteBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-note", NULL);
}

static void
wx_bench_note_bar_dispose (GObject *object)
{
  WxBenchNoteBar *self = WX_BENCH_NOTE_BAR (object);
  GtkWidget *child;

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_BENCH_NOTE_BAR);
  /* The template's root box has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wx_bench_note_bar_parent_class)->dispose (object);
}

static void
wx_bench_note_bar_class_init (WxBenchNoteBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_bench_note_bar_dispose;

  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/bench/wx-bench-note-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, WxBenchNoteBar, note_order_entry);
  gtk_widget_class_bind_template_child (widget_class, WxBenchNoteBar, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
}

static void
wx_bench_note_bar_init (WxBenchNoteBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

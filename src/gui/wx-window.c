#define G_LOG_DOMAIN "wx-window"

#include <glib/gi18n.h>

#include "core/wx-workflow.h"
#include "db/wx-db.h"
#include "db/wx-db-orders.h"
#include "db/wx-db-server.h"
#include "wx-window.h"

#define RETRY_SECONDS 5

/* The folders shown, in the order of the shop's cabinet. */
static const WxFolder shown_folders[] = {
  WX_FOLDER_F1, WX_FOLDER_F2, WX_FOLDER_F3, WX_FOLDER_F4, WX_FOLDER_F5, WX_FOLDER_WITH_ENGINEER,
};
/* Their ids in wx-window.ui: count_f1, name_f1, … */
static const char *folder_ids[G_N_ELEMENTS (shown_folders)] = { "f1", "f2", "f3", "f4", "f5", "engineer" };

struct _WxWindow
{
  AdwApplicationWindow parent_instance;

  GtkLabel  *status_label;
  GtkLabel  *total_label;
  GtkLabel  *count_labels[WX_N_FOLDERS];
  GtkLabel  *name_labels[WX_N_FOLDERS];
  GtkSpinner *spinner;

  char         *conninfo;   /* NULL: the private local server */
  GCancellable *cancellable;
  guint         retry_id;   /* reconnecting after the server was unreachable */
};

G_DEFINE_FINAL_TYPE (WxWindow, wx_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  gint64  folders[WX_N_FOLDERS];
  gint64  total;
  char   *where;
} Counts;

static void
counts_free (Counts *c)
{
  g_free (c->where);
  g_free (c);
}

/* Worker thread: start the private server if needed, connect, count. */
static void
load_counts_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *conninfo = task_data;
  g_autofree char *private_conninfo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  gint64 states[WX_N_ORDER_STATES];
  Counts *c;

  if (conninfo == NULL)
    {
      private_conninfo = wx_db_server_ensure (WX_DB_SERVER_AS_USER, NULL, &error);
      if (private_conninfo == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      conninfo = private_conninfo;
    }
  conn = wx_db_connect (conninfo, &error);
  if (conn == NULL || !wx_db_orders_count_by_state (conn, states, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  c = g_new0 (Counts, 1);
  wx_workflow_count_folders (states, c->folders);
  for (guint i = 0; i < WX_N_ORDER_STATES; i++)
    c->total += states[i];
  c->where = private_conninfo ? g_strdup (_("the private local database"))
                              : g_strdup_printf (_("database “%s” on %s"), PQdb (conn),
                                                 *PQhost (conn) == '/' ? _("this computer") : PQhost (conn));
  g_task_return_pointer (task, c, (GDestroyNotify) counts_free);
}

static void wx_window_refresh (WxWindow *self);

static gboolean
retry_cb (gpointer user_data)
{
  WxWindow *self = user_data;

  self->retry_id = 0;
  wx_window_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
counts_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Counts *c = g_task_propagate_pointer (G_TASK (result), &error);
  WxWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WX_WINDOW (source);
  gtk_spinner_stop (self->spinner);

  if (c == NULL)
    {
      g_autofree char *text = NULL;

      /* The server may come back (network, restart): try again by itself. */
      if (g_error_matches (error, WX_DB_ERROR, WX_DB_ERROR_UNAVAILABLE))
        {
          text = g_strdup_printf (_("Cannot load the orders: %s Trying again every %d seconds."),
                                  error->message, RETRY_SECONDS);
          self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
        }
      else
        text = g_strdup_printf (_("Cannot load the orders: %s"), error->message);
      gtk_label_set_text (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, c->total);
      g_autofree char *total = g_strdup_printf (ngettext ("%s service order", "%s service orders",
                                                          (gulong) c->total), number);
      g_autofree char *status = g_strdup_printf (_("Connected to %s."), c->where);

      for (guint i = 0; i < G_N_ELEMENTS (shown_folders); i++)
        {
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, c->folders[shown_folders[i]]);
          gtk_label_set_text (self->count_labels[shown_folders[i]], n);
        }
      gtk_label_set_text (self->total_label, total);
      gtk_label_set_text (self->status_label, status);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      counts_free (c);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

static void
wx_window_refresh (WxWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_label_set_text (self->status_label, _("Connecting to the database…"));

  task = g_task_new (self, self->cancellable, counts_loaded_cb, NULL);
  g_task_set_source_tag (task, wx_window_refresh);
  g_task_set_task_data (task, g_strdup (self->conninfo), g_free);
  g_task_run_in_thread (task, load_counts_thread);
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  wx_window_refresh (WX_WINDOW (widget));
}

static void
wx_window_dispose (GObject *object)
{
  WxWindow *self = WX_WINDOW (object);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WX_TYPE_WINDOW);
  G_OBJECT_CLASS (wx_window_parent_class)->dispose (object);
}

static void
wx_window_finalize (GObject *object)
{
  g_free (WX_WINDOW (object)->conninfo);
  G_OBJECT_CLASS (wx_window_parent_class)->finalize (object);
}

static void
wx_window_class_init (WxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wx_window_dispose;
  object_class->finalize = wx_window_finalize;

  /**
   * WxWindow::loaded:
   * @error: (nullable): why the counts could not be loaded
   *
   * Emitted when a load of the counts has finished.
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/weixiu/Weixiu/wx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WxWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, WxWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, WxWindow, spinner);
  for (guint i = 0; i < G_N_ELEMENTS (shown_folders); i++)
    {
      WxFolder f = shown_folders[i];
      g_autofree char *count_id = g_strdup_printf ("count_%s", folder_ids[i]);
      g_autofree char *name_id = g_strdup_printf ("name_%s", folder_ids[i]);

      gtk_widget_class_bind_template_child_full (widget_class, count_id, FALSE,
                                                 G_STRUCT_OFFSET (WxWindow, count_labels) + f * sizeof (GtkLabel *));
      gtk_widget_class_bind_template_child_full (widget_class, name_id, FALSE,
                                                 G_STRUCT_OFFSET (WxWindow, name_labels) + f * sizeof (GtkLabel *));
    }

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
}

static void
wx_window_init (WxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Folder names come from the workflow table, the same words as the boards. */
  for (guint i = 0; i < G_N_ELEMENTS (shown_folders); i++)
    gtk_label_set_text (self->name_labels[shown_folders[i]], wx_folder_label (shown_folders[i]));
}

WxWindow *
wx_window_new (WxApplication *app,
               const char    *conninfo)
{
  WxWindow *self = g_object_new (WX_TYPE_WINDOW, "application", app, NULL);

  self->conninfo = g_strdup (conninfo);
  wx_window_refresh (self);
  return self;
}

GtkLabel *
wx_window_get_count_label (WxWindow *self,
                           WxFolder  folder)
{
  g_return_val_if_fail (WX_IS_WINDOW (self), NULL);
  g_return_val_if_fail ((guint) folder < WX_N_FOLDERS, NULL);
  return self->count_labels[folder];
}

GtkLabel *
wx_window_get_status_label (WxWindow *self)
{
  g_return_val_if_fail (WX_IS_WINDOW (self), NULL);
  return self->status_label;
}

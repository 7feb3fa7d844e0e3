#define G_LOG_DOMAIN "wx-shop-context"

#include <glib/gi18n.h>

#include "db/wx-db-board.h"
#include "db/wx-db-review.h"
#include "wx-shop-context.h"

/* The clocks move on every minute, computed here from what each card keeps
 * (wx_order_at): no round trip. The orders themselves are loaded again only
 * when the listener says they changed, or may have (resync, settings). */
#define TICK_SECONDS 60

struct _WxShopContext
{
  GObject        parent_instance;

  char          *conninfo;
  WxDbWorker    *worker;
  WxDbListener  *listener;
  GListStore    *orders;
  GCancellable  *cancellable;
  guint          tick_id;
  gboolean       loading;
  guint          windows;           /* the windows that show it */

  char          *login;
  char          *full_name;
  WxRole         roles;
  GPtrArray     *rest;              /* the orders not in the first screen yet */
  char          *load_error;        /* the notice of a load that failed */

  GWeakRef       first_screen_owner;
  WxFirstScreenFunc first_screen;
};

G_DEFINE_FINAL_TYPE (WxShopContext, wx_shop_context, G_TYPE_OBJECT)

#define FIRST_SCREEN_MIN        300
#define FIRST_SCREEN_PER_COLUMN 25

enum { PROP_0, PROP_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOADED,
  SIGNAL_ORDERS_UPDATED,
  SIGNAL_ORDERS_CHANGED,
  SIGNAL_NOTICE,
  SIGNAL_NOTICE_WITHDRAWN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
notice (WxShopContext *self,
        const char    *text,
        gboolean       is_error)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, text, is_error);
}

static void
set_loading (WxShopContext *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* --------------------------------------------------------------- loading */

static gboolean tick_cb (gpointer user_data);

static void
acknowledged_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  wx_db_worker_write_finish (WX_DB_WORKER (source), result, &error);
  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("cannot record that the returns were seen: %s", error->message);
}

/* The supervisor sent orders back to this user (维修服务记录单审核): a
 * notice, once; shown, they count as seen. */
static void
show_returns (WxShopContext *self,
              GPtrArray      *returns)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < returns->len; i++)
    {
      const WxReviewReturn *r = g_ptr_array_index (returns, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: the supervisor returned an order: number, supervisor, comment */
      g_string_append_printf (text, _("Returned by the supervisor: %s (%s): %s"), r->number, r->reviewer, r->comment);
      g_array_append_val (ids, r->review_id);
    }
  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  notice (self, text->str, TRUE);
  wx_db_review_returns_acknowledge_async (self->worker, (const gint64 *) (gpointer) ids->data, ids->len,
                                          self->cancellable, acknowledged_cb, NULL);
  g_array_unref (ids);
}

/* The rest of the orders, once the first screen is drawn. */
static gboolean
fill_rest_cb (gpointer user_data)
{
  g_autoptr(WxShopContext) self = user_data;

  if (self->rest == NULL)
    return G_SOURCE_REMOVE;
  wx_order_list_update (self->orders, self->rest, TRUE);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
  return G_SOURCE_REMOVE;
}

/* A board opening on many orders shows the most urgent of each column
 * first, drawn at once, and the rest when the main loop is idle again (a
 * list keeps up to 200 cards a column ready: making 1,200 cards before the
 * first frame took most of a second). FALSE when the store is filled the
 * plain way. */
static gboolean
fill_first_screen (WxShopContext *self,
                   GPtrArray      *orders)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GObject) owner = g_weak_ref_get (&self->first_screen_owner);

  g_clear_pointer (&self->rest, g_ptr_array_unref);
  if (owner == NULL || orders->len <= FIRST_SCREEN_MIN ||
      g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0)
    return FALSE;
  first = self->first_screen (owner, orders, FIRST_SCREEN_PER_COLUMN);
  wx_order_list_update (self->orders, first, TRUE);
  self->rest = g_ptr_array_ref (orders);
  g_idle_add_full (G_PRIORITY_LOW, fill_rest_cb, g_object_ref (self), NULL);
  return TRUE;
}

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WxShopContext) self = user_data;
  g_autoptr(GError) error = NULL;
  WxDbBoard *b = wx_db_board_load_finish (WX_DB_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&b, wx_db_board_free);
      return;
    }
  set_loading (self, FALSE);
  if (b == NULL)
    {
      g_free (self->load_error);
      self->load_error = g_strdup_printf (_("Cannot load the orders: %s"), error->message);
      notice (self, self->load_error, TRUE);
    }
  else
    {
      /* Loaded after all (the server is back): the old failure goes. */
      if (self->load_error)
        g_signal_emit (self, signals[SIGNAL_NOTICE_WITHDRAWN], 0, self->load_error);
      g_clear_pointer (&self->load_error, g_free);
      g_free (self->login);
      g_free (self->full_name);
      self->login = g_steal_pointer (&b->login);
      self->full_name = g_steal_pointer (&b->full_name);
      self->roles = b->roles;
      if (!fill_first_screen (self, b->orders))
        wx_order_list_update (self->orders, b->orders, TRUE);
      show_returns (self, b->returns);
      wx_db_board_free (b);
    }
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, error);
}

void
wx_shop_context_refresh (WxShopContext *self)
{
  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  if (self->loading)
    return;
  set_loading (self, TRUE);
  wx_db_board_load_async (self->worker, self->cancellable, board_loaded_cb, g_object_ref (self));
}

void
wx_shop_context_tick (WxShopContext *self,
                      gint64          now)
{
  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  wx_order_list_tick (self->orders, now);
  if (self->rest)
    wx_order_array_tick (self->rest, now);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

static gboolean
tick_cb (gpointer user_data)
{
  WxShopContext *self = user_data;

  wx_shop_context_tick (self, g_get_real_time () / G_USEC_PER_SEC);
  /* A load that failed is tried again each minute. */
  if (self->load_error)
    wx_shop_context_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
changes_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WxShopContext) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WxDbBoard) changes = wx_db_board_changes_finish (WX_DB_WORKER (source), result, &error);

  if (changes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot reload changed orders: %s", error->message);
      return;
    }
  /* The rest of the first load goes in first: it is older. */
  if (self->rest)
    fill_rest_cb (g_object_ref (self));
  wx_order_list_update (self->orders, changes->orders, FALSE);
  if (changes->returns)
    show_returns (self, changes->returns);
  g_signal_emit (self, signals[SIGNAL_ORDERS_UPDATED], 0);
}

/* Only the orders that changed (a notification, our own step), and the
 * supervisor's returns to this login (a return changes its order). */
static void
reload_ids (WxShopContext *self,
            GArray         *ids)
{
  wx_db_board_changes_async (self->worker, (const gint64 *) (gpointer) ids->data, ids->len, self->login,
                             self->cancellable, changes_loaded_cb, g_object_ref (self));
}

void
wx_shop_context_reload_order (WxShopContext *self,
                               gint64          id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  g_array_append_val (ids, id);
  reload_ids (self, ids);
}

static void
orders_changed_cb (WxDbListener   *listener,
                   GArray         *ids,
                   WxShopContext *self)
{
  reload_ids (self, ids);
  g_signal_emit (self, signals[SIGNAL_ORDERS_CHANGED], 0, ids);
}

static void
resync_cb (WxDbListener   *listener,
           WxShopContext *self)
{
  wx_shop_context_refresh (self);
}

WxOrder *
wx_shop_context_find_open (WxShopContext *self,
                            const char     *number)
{
  WxOrder *order;

  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  order = wx_order_list_find (G_LIST_MODEL (self->orders), number, NULL);
  /* Not drawn yet, but loaded: the rest of a first screen. */
  for (guint i = 0; order == NULL && self->rest && i < self->rest->len; i++)
    if (g_strcmp0 (wx_order_get_number (g_ptr_array_index (self->rest, i)), number) == 0)
      order = g_object_ref (g_ptr_array_index (self->rest, i));
  return order;
}

void
wx_shop_context_hold (WxShopContext *self)
{
  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  self->windows++;
}

void
wx_shop_context_release (WxShopContext *self)
{
  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  g_return_if_fail (self->windows > 0);
  if (--self->windows > 0)
    return;
  /* Its last window went: what it still waits for (a load that retries
   * while offline) would keep it, and its connections, alive. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, FALSE);
}

void
wx_shop_context_set_first_screen (WxShopContext     *self,
                                  GObject           *owner,
                                  WxFirstScreenFunc  func)
{
  g_return_if_fail (WX_IS_SHOP_CONTEXT (self));
  g_weak_ref_set (&self->first_screen_owner, owner);
  self->first_screen = func;
}

/* ------------------------------------------------------------ the object */

static void
wx_shop_context_dispose (GObject *object)
{
  WxShopContext *self = WX_SHOP_CONTEXT (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);
  g_cancellable_cancel (self->cancellable);
  if (self->listener)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  g_clear_object (&self->listener);
  G_OBJECT_CLASS (wx_shop_context_parent_class)->dispose (object);
}

static void
wx_shop_context_finalize (GObject *object)
{
  WxShopContext *self = WX_SHOP_CONTEXT (object);

  g_weak_ref_clear (&self->first_screen_owner);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->orders);
  g_free (self->conninfo);
  g_free (self->login);
  g_free (self->full_name);
  G_OBJECT_CLASS (wx_shop_context_parent_class)->finalize (object);
}

static void
wx_shop_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WxShopContext *self = WX_SHOP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wx_shop_context_class_init (WxShopContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wx_shop_context_dispose;
  object_class->finalize = wx_shop_context_finalize;
  object_class->get_property = wx_shop_context_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WxShopContext::loaded:
   * @error: (nullable): why the orders could not be loaded
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Changed orders were brought up to date (a notification, a step). */
  signals[SIGNAL_ORDERS_UPDATED] = g_signal_new ("orders-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WxShopContext::orders-changed:
   * @ids: (element-type gint64): the orders another PC (or this one) changed
   */
  signals[SIGNAL_ORDERS_CHANGED] = g_signal_new ("orders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  /**
   * WxShopContext::notice:
   * @text: a sentence for the user
   * @is_error: whether something failed
   */
  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * WxShopContext::notice-withdrawn:
   * @text: a notice that no longer holds (a load failed, then worked)
   */
  signals[SIGNAL_NOTICE_WITHDRAWN] = g_signal_new ("notice-withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wx_shop_context_init (WxShopContext *self)
{
  self->cancellable = g_cancellable_new ();
  self->orders = g_list_store_new (WX_TYPE_ORDER);
  g_weak_ref_init (&self->first_screen_owner, NULL);
}

WxShopContext *
wx_shop_context_new (const char *conninfo)
{
  WxShopContext *self = g_object_new (WX_TYPE_SHOP_CONTEXT, NULL);

  self->conninfo = g_strdup (conninfo);
  self->worker = wx_db_worker_new (conninfo);
  self->listener = wx_db_listener_new (conninfo);
  g_signal_connect (self->listener, "orders-changed", G_CALLBACK (orders_changed_cb), self);
  g_signal_connect (self->listener, "resync", G_CALLBACK (resync_cb), self);
  /* Hours, holidays or clock limits changed on some PC: every clock again. */
  g_signal_connect (self->listener, "settings-changed", G_CALLBACK (resync_cb), self);
  wx_shop_context_refresh (self);
  return self;
}

const char *
wx_shop_context_get_conninfo (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return self->conninfo;
}

WxDbWorker *
wx_shop_context_get_worker (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return self->worker;
}

WxDbListener *
wx_shop_context_get_listener (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return self->listener;
}

GListModel *
wx_shop_context_get_orders (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return G_LIST_MODEL (self->orders);
}

const char *
wx_shop_context_get_login (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return self->login;
}

const char *
wx_shop_context_get_full_name (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), NULL);
  return self->full_name;
}

WxRole
wx_shop_context_get_roles (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), WX_ROLE_NONE);
  return self->roles;
}

gboolean
wx_shop_context_get_loading (WxShopContext *self)
{
  g_return_val_if_fail (WX_IS_SHOP_CONTEXT (self), FALSE);
  return self->loading;
}

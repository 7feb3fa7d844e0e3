/* wx-db-lookup.h — what the front desk's dialogs look up while the clerk
 * types (seed 000 协调员 操作细则: 接待用户, 接收机器, and dispatch): the
 * customer by phone or name, the machine by serial number with its history
 * and a return repair (返修), the engineers' load and today's visits, and
 * who is logged in. Blocking: call from a worker thread. Each function runs
 * a fixed number of statements, whatever the number of rows. */
#pragma once

#include "wx-db-pq.h"

#include "core/wx-types.h"
#include "wx-db-worker.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ customers */

typedef struct {
  gint64    id;
  char     *name;            /* the unit (单位名称) */
  char     *address;
  char     *contact;         /* contact person, "" when none */
  char     *mobile;          /* "" when none (likewise phone, email) */
  char     *phone;
  char     *email;
  gboolean  is_contract;     /* a contract customer (合同客户) */
  guint     n_orders;
  gint64    last_order_at;   /* Unix seconds of the latest order received; 0 when none */
} WxCustomerHit;

void       wx_customer_hit_free    (WxCustomerHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxCustomerHit, wx_customer_hit_free)

/* Customers whose mobile or phone holds the digits of `text` (spaces,
 * dashes and brackets aside; at least 3 digits), or whose unit name or
 * contact person holds `text` (case aside); most recently active first, at
 * most `limit` (0: 20). A GPtrArray of WxCustomerHit, empty for blank text. */
GPtrArray *wx_db_customers_lookup  (PGconn        *conn,
                                    const char    *text,
                                    guint          limit,
                                    GError       **error);

/* ------------------------------------------------------------ devices */

typedef struct {
  gint64        id;
  char         *number;
  WxOrderKind   kind;
  WxOrderState  state;
  gint64        received_at;       /* Unix seconds */
  gint64        picked_up_at;      /* 0 while not handed back */
  char         *fault;             /* the reported fault */
  char         *repair_notes;      /* what was repaired, "" when nothing yet */
  gboolean      is_return_repair;
} WxDeviceOrder;

typedef struct {
  gint64        device_id;         /* 0 when the machine is known only from orders */
  char         *serial;            /* as recorded */
  char         *product;           /* product name of its latest order */
  char         *brand;             /* "" when not recorded */
  char         *model;
  gint64        customer_id;       /* 0 when none */
  char         *customer_name;     /* the unit it belongs to */
  char         *warranty_status;   /* code (wx_code_label WX_CODE_WARRANTY_STATUS): "contract" when a
                                      contract covers it now, else from the device's warranty end
                                      date, else as its latest order recorded it */
  char         *warranty_until;    /* YYYY-MM-DD, "" when not known */
  char         *contract_number;   /* the contract covering it now, "" when none */
  char         *contract_until;    /* YYYY-MM-DD, "" when none */
  GPtrArray    *orders;            /* WxDeviceOrder, newest first */
  char         *return_of;         /* the order it was handed back on within return_repair.days
                                      before now (a new order now is a return repair), else NULL */
  gint64        return_picked_up_at; /* when that was, 0 when none */
} WxDeviceInfo;

void          wx_device_info_free  (WxDeviceInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxDeviceInfo, wx_device_info_free)

/* The machine with serial number `serial` (case and outer spaces aside) as
 * of `now` (Unix seconds): NULL without an error when no device and no order
 * has that serial. The return-repair rule is intake's (WX_DB_SQL_RETURN_OF). */
WxDeviceInfo *wx_db_device_lookup  (PGconn        *conn,
                                    const char    *serial,
                                    gint64         now,
                                    GError       **error);

/* ------------------------------------------------------------ engineers */

typedef struct {
  gint64  at;                      /* Unix seconds */
  char   *time;                    /* HH:MM in the shop's time zone */
  char   *number;                  /* the order */
  char   *unit_name;
  char   *address;
} WxAppointment;

typedef struct {
  char     *login;
  char     *full_name;
  gboolean  active;
  guint     n_assigned;            /* open orders whose form is with this engineer now */
  guint     by_state[WX_N_ORDER_STATES]; /* the same by state: inspecting, repairing, on site… */
  GArray   *appointments;          /* WxAppointment of today (the shop's day of `now`), by time */
} WxEngineerLoad;

void       wx_engineer_load_free   (WxEngineerLoad *load);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WxEngineerLoad, wx_engineer_load_free)

/* Every staff member in wx_engineer, active first, by name: a GPtrArray of
 * WxEngineerLoad. */
GPtrArray *wx_db_engineers_load    (PGconn        *conn,
                                    gint64         now,
                                    GError       **error);

/* ------------------------------------------------------------ the user */

/* The connected user (current_user): login, full name (the login when not
 * in staff) and groups. Each output may be NULL. */
gboolean   wx_db_session_identity  (PGconn        *conn,
                                    char         **login,
                                    char         **full_name,
                                    WxRole        *roles,
                                    GError       **error);

/* ------------------------------------------------------------ on the worker */

/* wx_db_customers_lookup: a GPtrArray of WxCustomerHit. */
void          wx_db_customers_lookup_async  (WxDbWorker          *worker,
                                             const char          *text,
                                             guint                limit,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *wx_db_customers_lookup_finish (WxDbWorker          *worker,
                                             GAsyncResult        *result,
                                             GError             **error);
/* wx_db_device_lookup: NULL without an error when nothing is known. */
void          wx_db_device_lookup_async     (WxDbWorker          *worker,
                                             const char          *serial,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WxDeviceInfo *wx_db_device_lookup_finish    (WxDbWorker          *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

/* wx_db_engineers_load as of when it runs: a GPtrArray of WxEngineerLoad. */
void          wx_db_engineers_load_async    (WxDbWorker          *worker,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *wx_db_engineers_load_finish   (WxDbWorker          *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS

/* wx-demo.h — the parts of the demo load (wx-db-demo.c), private to them:
 * the data tables (wx-demo-data.c), the rows and their COPY writer
 * (wx-demo-copy.c), the business calendar the steps are placed on
 * (wx-demo-calendar.c), people and units (wx-demo-people.c), the plan of
 * each order (wx-demo-plan.c), the replay of its steps (wx-demo-replay.c),
 * today's visits and the supervisor's feedback (wx-demo-feedback.c). */
#pragma once

#include <glib.h>
#include "db/wx-db-pq.h"

#include "core/wx-workflow.h"
#include "core/wx-types.h"
#include "core/wx-calendar.h"
#include "db/wx-db-demo.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ paths
 *
 * Every way a demo order goes through the shop, written as the paper form
 * records it: "-event-> state" is one step, the event that moves the order
 * into that state. The first step creates the order (its event row has no
 * from_state); "entered -review-> entered" is the supervisor's review, which
 * leaves the state as it is. An order follows one path for as many steps as
 * happened before `now`, so every state and every transition in the demo data
 * is written here, and a workflow engine must allow each of them.
 *
 * weight: share among the paths of the kind when the customer pays;
 * covered_weight: the same for machines under warranty or a service contract.
 */
typedef struct {
  const char  *name;
  WxOrderKind  kind;
  guint        weight;
  guint        covered_weight;
  const char  *steps;
} DemoPathSpec;

/* ------------------------------------------------------------------ events
 *
 * The event vocabulary: who does each step and how long after the previous
 * step it happens, in business minutes. Most steps are fast enough for the
 * SLA clocks of 004_defaults.sql (dispatch 60/180, reply 240, quote 30,
 * decision 1080, repair 480/1620, notify 540, on-site contact 10, on-site
 * arrival 240, enter 540, review 540); a quarter take the slow range. */
typedef enum {
  EV_RECEIVED, EV_CALL_LOGGED, EV_DISPATCH_INSPECTION, EV_INSPECT, EV_QUOTE, EV_AGREE,
  EV_DECLINE, EV_ORDER_PARTS, EV_PARTS_ARRIVED, EV_DISPATCH_REPAIR, EV_REPAIR_DONE,
  EV_OUTSOURCE, EV_OUTSOURCE_RETURN, EV_NOTIFY, EV_PICKUP, EV_DISPATCH_DELIVERY, EV_DELIVER,
  EV_DISPATCH_ONSITE, EV_BOOK_VISIT, EV_ARRIVE, EV_FIX_ON_SITE, EV_TAKE_BACK, EV_ACCEPT,
  EV_ENTER, EV_REVIEW, EV_RECONCILE, EV_INVOICE, EV_CANCEL,
  N_EVENTS
} DemoEvent;

typedef enum { ACTOR_COORDINATOR, ACTOR_ENGINEER, ACTOR_SUPERVISOR } DemoActor;

typedef struct {
  const char *code;
  DemoActor   actor;
  guint       fast_min, fast_max;
  guint       slow_min, slow_max;
} DemoEventSpec;

#define DEMO_SLOW_SHARE    0.25   /* the chain's; the shapes in demo_init() */
#define DEMO_STALL_SHARE   0.03   /* orders left lying in some state */
#define DEMO_RETURN_SHARE  0.05   /* return repairs (返修) among carry-in orders */
#define DEMO_WINDOW_DAYS   56     /* a chain's orders are received in the eight weeks before `now` */
#define DEMO_FUTURE_DAYS   400    /* the calendar runs on for steps not yet taken */
#define DEMO_BATCH         5000   /* orders per round of COPY */
#define DEMO_SEED          0x57584458u

/* ------------------------------------------------------------------ people */

typedef struct {
  const char *role;
  const char *full_name;
  WxRole      roles;
  const char *phone;
} DemoStaff;

typedef struct {
  const char *hanzi;
  const char *pinyin;
} DemoWord;

/* ------------------------------------------------------------------ units */

typedef struct {
  const char *district;
  const char *streets[6];
} DemoDistrict;

/* ------------------------------------------------------------------ machines */

typedef enum {
  CAT_PC, CAT_LAPTOP, CAT_SERVER, CAT_LASER, CAT_INKJET, CAT_PLOTTER, CAT_PROJECTOR, CAT_NETWORK,
  N_CATEGORIES
} DemoCategory;

typedef struct {
  const char *code;
  guint       weight;               /* share of the customers' machines */
  guint       carry_in, on_site;    /* how such a machine comes to the shop's attention */
  gboolean    holds_data;           /* ask about a backup */
  const char *accessories[4];
} DemoCategorySpec;

/* Serial patterns: @ a letter, # a digit, * a letter or digit, anything else as is. */
typedef struct {
  DemoCategory category;
  const char  *product;
  const char  *brand;
  const char  *model;
  const char  *serial;
  guint        weight;
} DemoModel;

/* What goes wrong, what the engineer finds and does, and the price (fen). */
typedef struct {
  const char *part_number;
  const char *name;
  gint64      price;
} DemoPart;

typedef struct {
  DemoCategory category;
  const char  *reported;
  const char  *analysis;
  const char  *measures;
  DemoPart     parts[2];
  gint64       labour;
} DemoFault;

typedef struct {
  const char *part_number;
  const char *name;
  gint64      price;
  guint       max_quantity;
} DemoSaleItem;

typedef struct {
  const char *name;
  const char *kind;
  const char *address;
  const char *phone;
  const char *contact;
} DemoSupplierSpec;


/* The parts store (备件库): the parts of the faults above and the common
 * spares of a shop that repairs PCs, laptops, printers and projectors. Price
 * and cost in fen; the stock is received as movements. */
typedef struct {
  const char *part_number;
  const char *name;
  const char *category;
  gint64      price;
  gint64      cost;
  int         stock;
  int         min_stock;
} DemoCatalogPart;

/* ------------------------------------------------------------------ wording */

/* ------------------------------------------------------------------ rows
 *
 * Each table the demo writes is described once: its columns and where each
 * value sits in the C struct of a row. COPY statements and rows come from
 * these descriptions. Times are Unix seconds (0 = NULL), dates are day
 * numbers (0 = NULL), optional numbers are -1 for NULL. */
typedef enum { COL_TEXT, COL_INT, COL_OPT_INT, COL_BOOL, COL_TIME, COL_DATE } DemoColumnType;

typedef struct {
  const char     *name;
  DemoColumnType  type;
  gsize           offset;
} DemoColumn;

#define COLUMN(type, field, kind) { #field, kind, G_STRUCT_OFFSET (type, field) }

typedef struct {
  gint64      id;
  const char *unit_name, *address, *city, *contact_person, *mobile, *phone, *fax, *email;
  gboolean    is_contract;
  const char *notes;
  gint64      created_at;
  /* not stored */
  guint       district;
  const char *pinyin;          /* of the unit's name, for its mail domain, or NULL */
  const char *asset_pattern;   /* how the unit numbers its assets, or NULL */
  guint       first_device, n_devices;
} DemoCustomer;

typedef struct {
  gint64      id, customer_id;
  const char *category, *brand, *model, *serial, *asset_number;
  gint64      purchase_date;
  const char *warranty_evidence;
  gint64      warranty_expires, created_at;
  /* not stored */
  guint       model_index;
} DemoDevice;

typedef struct {
  gint64      id;
  const char *number, *kind, *state;
  gint64      customer_id, device_id;
  const char *unit_name, *unit_address, *contact_person, *contact_mobile, *contact_phone;
  const char *contact_fax, *contact_email, *end_user, *end_user_phone, *floor_department;
  const char *product_name, *model, *serial, *asset_number, *reported_fault, *appearance_check;
  const char *warranty_status, *warranty_evidence, *remarks;
  gboolean    is_return_repair;
  gint64      return_of_order_id;
  const char *backup;
  gboolean    notice_read, customer_signed;
  const char *received_by;
  gint64      received_at;
  const char *owner_role, *engineer;
  gint64      dispatched_at, appointment_at;
  const char *fault_analysis, *measures, *parts_needed;
  gint64      suggested_price;
  const char *explanation, *inspected_by;
  gint64      inspected_at, peer_id, quote_total, quoted_at;
  const char *quote_method, *quote_told, *repair_period, *decision;
  gint64      decided_at;
  const char *decision_contact, *decision_reason, *repaired_by;
  gint64      repaired_at;
  const char *repair_notes, *old_parts;
  gint64      notified_at, picked_up_at;
  const char *picked_up_by, *delivered_by;
  gboolean    accessories_checked, pickup_signed;
  const char *payment_status;
  gint64      entered_at;
  const char *confirmed_by, *reviewed_by;
  gint64      reviewed_at, reconciled_at, invoiced_at;
  const char *cancel_reason;
  gint64      version, created_at, updated_at;
  const char *updated_by;
} DemoOrderRow;

#define ORDER_COLUMN(field, kind) COLUMN (DemoOrderRow, field, kind)

/* An order before anything happened to it: NOT NULL text is empty, the rest NULL. */
typedef struct {
  gint64      order_id, position;
  const char *name;
  gboolean    returned;
} DemoAccessoryRow;

typedef struct {
  gint64      order_id, at;
  const char *actor, *event, *from_state, *to_state, *payload;
} DemoEventRow;

typedef struct {
  gint64      order_id, position;
  const char *kind, *part_number, *description;
  gint64      quantity, unit_price;
} DemoQuoteLineRow;

typedef struct {
  gint64      order_id, at, amount;
  const char *method, *received_by, *note;
} DemoPaymentRow;

typedef struct {
  gint64      order_id;
  const char *description;
  gint64      supplier_id, ordered_at, expected_on, arrived_at;
  gboolean    prepaid;
  gint64      cost;
} DemoPartOrderRow;

typedef struct {
  gint64      order_id, peer_id, sent_at;
  const char *followed_by;
  gint64      peer_quote, replied_at, returned_at;
  const char *notes;
} DemoOutsourcingRow;

/* Tables in the order they are loaded (each one's references come earlier).
 * With own_ids the row carries its id; the others get ids reserved when
 * their rows are flushed. */
typedef enum {
  T_CUSTOMERS, T_DEVICES, T_ORDERS, T_ACCESSORIES, T_EVENTS, T_QUOTE_LINES, T_PAYMENTS,
  T_PART_ORDERS, T_OUTSOURCING,
  N_TABLES
} DemoTableId;

typedef struct {
  const char       *name;
  const DemoColumn *columns;
  guint             n_columns;
  gboolean          own_ids;
} DemoTable;

#define TABLE(name, columns, own_ids) { name, columns, G_N_ELEMENTS (columns), own_ids }

#define DEMO_N_PATHS  13
#define DEMO_N_STAFF  7
#define DEMO_N_MODELS 31
#define DEMO_N_FAULTS 29

#ifndef WX_DEMO_DEFINING_TABLES
#include "wx-demo-tables.h"
#endif

/* ------------------------------------------------------------------ state */

#define DEMO_MAX_STEPS 24
#define DEMO_MAX_LINES 4

typedef struct {
  guint        n_steps;
  DemoEvent    events[DEMO_MAX_STEPS];
  WxOrderState states[DEMO_MAX_STEPS];   /* the state after each step */
  gboolean     has_quote;
} DemoPath;

/* One opening period of the shop's calendar. */
typedef struct {
  gint64 open;     /* Unix seconds */
  gint64 length;   /* seconds */
  gint64 before;   /* business seconds of the calendar before it */
} DemoDay;

typedef enum { WARRANTY_IN, WARRANTY_CONTRACT, WARRANTY_UNKNOWN, WARRANTY_OUT, WARRANTY_NONE } DemoWarranty;

static const char * const demo_warranty_codes[] = {
  [WARRANTY_IN] = "in_warranty", [WARRANTY_CONTRACT] = "contract",
  [WARRANTY_UNKNOWN] = "unknown", [WARRANTY_OUT] = "out_of_warranty", [WARRANTY_NONE] = "unknown",
};

/* The plan of one order: its path, how far it got, and when each step happens. */
typedef struct {
  gint64       received;      /* Unix seconds */
  gint64       id;
  const char  *number;
  guint        seq;           /* order of planning, to sort stably */
  guint        times;         /* index of the first step's time in DemoLoad.times */
  guint        customer;
  gint         device;        /* -1: a sale */
  guint        path;
  guint        n_done;        /* steps taken before `now`, at least 1 */
  guint        fault;
  guint        coordinator, engineer;
  DemoWarranty warranty;
  gboolean     return_repair;
} DemoOrder;

typedef struct {
  gint64      id;
  const char *name;
} DemoSupplier;

typedef struct {
  GString *rows;
  guint    n_rows;
} DemoBuffer;

typedef struct {
  PGconn        *conn;
  GRand         *rand;
  WxCalendar    *calendar;   /* the shop's, as the SLA clocks count */
  GTimeZone     *tz;         /* its zone */
  GStringChunk  *strings;     /* text that lives as long as the load */
  GStringChunk  *scratch;     /* text of the orders of one batch */
  GString       *text;        /* work buffer */
  GString       *json;        /* the payload being built */
  guint          n_orders;
  gint64         existing_orders;  /* in the database before the load */
  gint64         now;
  /* The shape (wx-db-demo.h): how many days back orders are received, the
   * share of slow steps, and of orders left lying in some state among those
   * received in the last stall_days days. */
  WxDbDemoShape  shape;
  gint64         window_days;   /* at most 20 years: order numbers start in 2000 */
  double         slow_share;
  double         stall_share;
  gint64         stall_days;
  WxDbDemoProgress progress;
  gpointer       progress_data;
  GPtrArray     *restore_sql;     /* the bulk path's constraints and indexes to make again */
  gint64         today;       /* the shop's day number of `now` */
  char          *prefix;
  int            digits;

  GArray        *days;        /* DemoDay, from eight weeks before `now` on */
  gint64         pos_now;     /* business seconds from the first opening to `now` */

  DemoPath       paths[DEMO_N_PATHS];
  guint          forced_path[WX_N_ORDER_STATES];
  guint          forced_step[WX_N_ORDER_STATES];

  const char    *coordinators[DEMO_N_STAFF];
  const char    *engineers[DEMO_N_STAFF];
  const char    *supervisor;
  guint          n_coordinators, n_engineers;

  GArray        *peers;       /* DemoSupplier */
  GArray        *vendors;     /* DemoSupplier */
  const char    *model_names[DEMO_N_MODELS];
  const char    *model_tests[DEMO_N_MODELS];  /* its category's functional tests, comma-separated */
  gint64         decision_limit;   /* business seconds before a decision is late */
  guint          category_faults[N_CATEGORIES][DEMO_N_FAULTS];
  guint          n_category_faults[N_CATEGORIES];

  GHashTable    *unit_names;
  GArray        *customers;   /* DemoCustomer */
  GArray        *contract_customers;  /* guint */
  GArray        *devices;     /* DemoDevice */
  DemoOrder     *orders;
  GArray        *times;       /* gint64, every order's steps */
  gint          *last_order_of_device;

  DemoBuffer     buffers[N_TABLES];
} DemoLoad;

/* What one order is while its history is replayed. */
typedef struct {
  DemoOrderRow        row;
  const DemoOrder    *plan;
  const DemoPath     *path;
  const DemoCustomer *customer;
  const DemoDevice   *device;
  const DemoFault    *fault;
  guint               step;
  gboolean            priced;
  DemoQuoteLineRow    lines[DEMO_MAX_LINES];
  guint               n_lines;
  gint64              total;
  gboolean            machine_back;
  gboolean            has_part_order, has_outsourcing;
  DemoPartOrderRow    part_order;
  DemoOutsourcingRow  outsourcing;
} DemoReplay;

/* ------------------------------------------------------------------ chance */

static inline guint
rnd_below (GRand *rand, guint n)
{
  return n > 1 ? (guint) g_rand_int_range (rand, 0, (gint32) n) : 0;
}

/* lo … hi, both included. */
static inline gint64
rnd_between (GRand *rand, gint64 lo, gint64 hi)
{
  if (hi <= lo)
    return lo;
  return MIN (hi, lo + (gint64) (g_rand_double (rand) * (double) (hi - lo + 1)));
}

static inline gboolean
rnd_chance (GRand *rand, double p)
{
  return g_rand_double (rand) < p;
}

static inline guint
rnd_weighted (GRand *rand, const guint *weights, guint n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = rnd_below (rand, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

#define RND_ITEM(rand, array) ((array)[rnd_below ((rand), G_N_ELEMENTS (array))])
#define RND_WEIGHTED(rand, array, weights) \
  ((array)[rnd_weighted ((rand), (weights), G_N_ELEMENTS (weights))])


/* wx-demo-copy.c */
void
demo_append_int (GString *out, gint64 v);
void
demo_append_digits (GString *out, guint v, int width);
void
demo_json_string (GString *json, const char *key, const char *value);
void
demo_json_digits (GString *json, const char *key, gint64 value);
void
demo_json_flag (GString *json, const char *key, gboolean value);
void
demo_json_time (GString *json, const char *key, gint64 unix_time);
void
demo_json_date (GString *json, const char *key, gint64 day);
void
demo_put_row (DemoLoad *L, DemoTableId table, gconstpointer row);
GArray *
demo_reserve_ids (DemoLoad *L, const char *table, guint n, GError **error);
gint64
demo_next_id (GArray *runs, gsize *run, gint64 *cursor);
gboolean
demo_flush_table (DemoLoad *L, DemoTableId table, GError **error);
gboolean
demo_flush_all (DemoLoad *L, GError **error);

/* wx-demo-calendar.c: day numbers count days from 1970-01-01 (0 is NULL in
 * the rows), on GLib's GDate; the shop's days and opening periods come from
 * core's business calendar (wx_db_calendar_load), the one the SLA clocks use. */
void
demo_date_of_day (gint64 day, GDate *date);
gint64
demo_day_of_date (const GDate *date);
gint64
demo_local_day (DemoLoad *L, gint64 unix_time);
int
demo_local_year (DemoLoad *L, gint64 unix_time);
gint64
demo_local_unix (DemoLoad *L, gint64 day, int minutes);
gboolean
demo_load_calendar (DemoLoad *L, GError **error);
gboolean
demo_build_calendar (DemoLoad *L, GError **error);
gint64
demo_calendar_time (DemoLoad *L, gint64 pos);
gint64
demo_calendar_pos (DemoLoad *L, gint64 unix_time);
gint64
demo_step_delay (DemoLoad *L, DemoEvent event);

/* wx-demo-people.c */
const char *
demo_keep (GStringChunk *chunk, GString *text);
const char *
demo_make_person (DemoLoad *L, GStringChunk *chunk, const DemoWord **surname, const DemoWord **given);
const char *
demo_make_mobile (DemoLoad *L, GStringChunk *chunk);
gboolean
demo_make_customers (DemoLoad *L, GError **error);
gboolean
demo_ensure_staff (DemoLoad *L, GError **error);
gboolean
demo_ensure_suppliers (DemoLoad *L, GError **error);
gboolean
demo_ensure_parts (DemoLoad *L, GError **error);

/* wx-demo-plan.c */
void
demo_plan_order (DemoLoad *L, guint i, gint64 *received_pos);
int
demo_compare_orders (gconstpointer a, gconstpointer b);
gboolean
demo_number_orders (DemoLoad *L, GError **error);

/* wx-demo-bulk.c */
gboolean
demo_bulk_begin (DemoLoad *L, GError **error);
gboolean
demo_bulk_end (DemoLoad *L, GError **error);

/* wx-demo-replay.c */
gboolean
demo_compile_paths (DemoLoad *L, GError **error);
gint64
demo_supplier_id (DemoLoad *L, GArray *list, const char **name);
void
demo_write_order (DemoLoad *L, guint index);

G_END_DECLS

/* wx-admin-bench.h — `weixiu-admin bench`: the speeds the issues name,
 * measured in a scratch database (created, migrated and filled with demo
 * orders; dropped afterwards) on the server weixiu-admin connects to.
 * Each group is a function in its own file (wx-bench-*.c) listed in the
 * group table of wx-admin-bench.c. */
#pragma once

#include "db/wx-db-demo.h"
#include "wx-admin.h"

G_BEGIN_DECLS

typedef struct {
  char   *server_conninfo;  /* the server, as weixiu-admin was told */
  PGconn *server;      /* connected to it, for more scratch databases */
  char   *conninfo;    /* the scratch database */
  PGconn *conn;        /* connected to it as the owner */
  guint   n_orders;    /* demo orders in it */
  /* The groups measured on data shaped like real shops (board, report)
   * run once for each shape asked for, in a scratch database of the shape
   * (`demo --scale N --shape S`, vacuumed and analysed): */
  WxDbDemoShape shape;
  guint   scale;       /* its orders */
  char   *shaped_conninfo;
  PGconn *shaped;      /* connected to it as the owner */
} WxBench;

typedef gboolean (*WxBenchFunc) (WxBench *bench, GError **error);

/* Microseconds on the monotonic clock. */
gint64   wx_bench_now      (void);
/* Prints one line: what, median, 95th percentile, min, the number of
 * samples (microseconds, sorted in place) and the target to compare with. */
void     wx_bench_report   (const char *what,
                            GArray     *samples_us,
                            const char *target);
/* The median of the samples (left as they are). */
gint64   wx_bench_median   (GArray     *samples_us);
/* Prints one line with a single measured figure (a size, a count). */
void     wx_bench_figure   (const char *what,
                            const char *figure,
                            const char *target);

/* Another scratch database on the server (for a group that needs data of
 * its own), empty; returns its name, to drop with wx_bench_scratch_drop. */
char    *wx_bench_scratch_create (PGconn     *server,
                                  const char *suffix,
                                  GError    **error);
void     wx_bench_scratch_drop   (PGconn     *server,
                                  const char *dbname);

gboolean wx_bench_db       (WxBench    *bench,
                            GError    **error);
gboolean wx_bench_print    (WxBench    *bench,
                            GError    **error);

/* The groups (one file each). */
gboolean wx_bench_workflow (WxBench    *bench,
                            GError    **error);
gboolean wx_bench_board    (WxBench    *bench,
                            GError    **error);
gboolean wx_bench_weekly_report (WxBench    *bench,
                            GError    **error);
gboolean wx_bench_messages (WxBench    *bench,
                            GError    **error);

G_END_DECLS

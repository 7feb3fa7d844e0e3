/* wx-bench-my-work.h — My work (我的工作): the engineer's orders by the
 * clock that matters most (4-hour reply, repair, today's visits with
 * address and phone, deliveries), most urgent first; a row opens its
 * order ("open-order"). "notify::work" when a new list is shown. */
#pragma once

#include "db/wx-db-bench.h"
#include "wx-bench-page.h"

G_BEGIN_DECLS

#define WX_TYPE_BENCH_MY_WORK (wx_bench_my_work_get_type ())
G_DECLARE_FINAL_TYPE (WxBenchMyWork, wx_bench_my_work, WX, BENCH_MY_WORK, WxBenchPage)

/* WxBenchTask as listed, most urgent first; NULL before it loads. */
GPtrArray *wx_bench_my_work_get_work      (WxBenchMyWork *self);
/* The orders listed whose clock is due soon or late. */
guint      wx_bench_my_work_get_n_urgent  (WxBenchMyWork *self);

G_END_DECLS

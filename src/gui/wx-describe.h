/* wx-describe.h — what the lookups found, said in a sentence for the
 * front desk's dialogs. */
#pragma once

#include "db/wx-db-lookup.h"

G_BEGIN_DECLS

/* "王工 — 5 open (2 inspecting, 1 repairing); today: 10:30 越秀区税务局, …" */
char *wx_engineer_load_describe (const WxEngineerLoad *load);
/* The machine, its owner, warranty and history, and the return repair. */
char *wx_device_info_describe   (const WxDeviceInfo   *info);

G_END_DECLS

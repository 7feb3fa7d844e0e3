/* wx-workflow.h — the service-order lifecycle: states and where each puts the
 * paper stub (folder) and the machine (shelf). Folder and shelf are derived
 * from the state, never stored. The database mirrors this table
 * (workflow_states, seeded by a migration); a test asserts both are equal. */
#pragma once

#include "wx-types.h"

G_BEGIN_DECLS

typedef struct {
  WxOrderState  state;
  const char   *code;    /* stable identifier used in the database and the CLI */
  const char   *label;   /* English source string, translate with _() */
  WxFolder      folder;
  WxShelf       shelf;
  gboolean      open;    /* still needs work from the shop */
} WxStateInfo;

const WxStateInfo *wx_workflow_states       (guint          *n_states);
const WxStateInfo *wx_workflow_state_info   (WxOrderState    state);
gboolean           wx_workflow_state_from_code (const char  *code,
                                                WxOrderState *state);
const char        *wx_order_state_to_code   (WxOrderState    state);
const char        *wx_order_state_label     (WxOrderState    state);

void               wx_workflow_count_folders (const gint64 state_counts[WX_N_ORDER_STATES],
                                              gint64       folder_counts[WX_N_FOLDERS]);

const char        *wx_folder_to_code        (WxFolder        folder);
const char        *wx_folder_label          (WxFolder        folder);
gboolean           wx_folder_from_code      (const char     *code,
                                             WxFolder       *folder);
const char        *wx_shelf_to_code         (WxShelf         shelf);
const char        *wx_shelf_label           (WxShelf         shelf);

const char        *wx_order_kind_to_code    (WxOrderKind     kind);
const char        *wx_order_kind_label      (WxOrderKind     kind);
gboolean           wx_order_kind_from_code  (const char     *code,
                                             WxOrderKind    *kind);

const char        *wx_role_to_group         (WxRole          role);
gboolean           wx_role_from_name        (const char     *name,
                                             WxRole         *role);

G_END_DECLS

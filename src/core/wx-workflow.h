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

/* One row of the workflow table: from-state, event, to-state, the kinds of
 * order it applies to, the roles allowed and the data required. */
#define WX_ANY_OPEN_STATE (-1)   /* from: every open state */
#define WX_SAME_STATE     (-1)   /* to: the order stays where it is */

/* Which dialog asks for a step's data. */
typedef enum {
  WX_FORM_NONE,        /* no data: the step runs at once */
  WX_FORM_STEP,        /* the generic step dialog (wx-step-dialog.c) */
  WX_FORM_INSPECTION,  /* the engineer's inspection (or a peer shop) */
  WX_FORM_REPAIR,      /* the repair record: tests, parts, cleaning */
  WX_FORM_PART_ORDER,  /* a part order and its arrival */
  WX_FORM_VISIT,       /* an on-site visit's steps */
  WX_FORM_REVIEW,      /* the supervisor's review page */
  WX_N_FORMS
} WxStepForm;

typedef struct {
  int          from;    /* WxOrderState or WX_ANY_OPEN_STATE */
  const char  *event;
  int          to;      /* WxOrderState or WX_SAME_STATE */
  guint        kinds;   /* bits 1 << WxOrderKind */
  WxRole       roles;
  WxNeed       needs;   /* the data required */
  const char  *fills;   /* the data it may record besides (order columns or record keys), space-separated */
  const char  *stamps;  /* the columns it stamps: *_at now, *_by the login, decision, owner_role */
  WxStepForm   form;
} WxTransition;

const char         *wx_step_form_to_code      (WxStepForm          form);

const char         *wx_role_label             (WxRole              role);
char               *wx_roles_describe         (WxRole              roles);
const WxTransition *wx_workflow_transitions   (guint              *n_transitions);
const WxTransition *wx_workflow_find          (WxOrderKind         kind,
                                               WxOrderState        from,
                                               const char         *event);
GPtrArray          *wx_workflow_available     (WxOrderKind         kind,
                                               WxOrderState        from);
/* Board drops: the steps that move an order to `folder` (or `shelf`) and
 * that `roles` may take, in table order; NULL with a sentence saying why
 * when there is none. */
GPtrArray          *wx_workflow_steps_to_folder (WxOrderKind       kind,
                                               WxOrderState        from,
                                               WxFolder            folder,
                                               WxRole              roles,
                                               GError            **error);
GPtrArray          *wx_workflow_steps_to_shelf (WxOrderKind        kind,
                                               WxOrderState        from,
                                               WxShelf             shelf,
                                               WxRole              roles,
                                               GError            **error);
WxOrderState        wx_transition_target      (const WxTransition *t,
                                               WxOrderState        from);
gboolean            wx_workflow_event_known   (const char         *event);
const char         *wx_workflow_event_label   (const char         *event);
const char         *wx_need_to_code           (WxNeed              need);
gboolean            wx_need_from_code         (const char         *code,
                                               WxNeed             *need);
const char         *wx_need_label             (WxNeed              need);
const char         *wx_need_key               (WxNeed              need);
WxNeed              wx_workflow_missing       (const WxTransition *t,
                                               GHashTable         *values,
                                               guint               n_quote_lines);
char               *wx_workflow_describe_missing (WxNeed           missing);
const WxTransition *wx_workflow_check         (WxOrderKind         kind,
                                               WxOrderState        from,
                                               const char         *event,
                                               WxRole              user_roles,
                                               GHashTable         *values,
                                               guint               n_quote_lines,
                                               GError            **error);

G_END_DECLS

/* wx-records.h — what the engineer records on the service form (seed 000
 * 惠维服务单填写流程 检查机器 / 工程师维修机器, 工程师 操作细则 机器维修 and
 * 功能测试要求; domain.md sections 5–7): the inspection (fault analysis,
 * measures, parts needed, suggested price, an explanation for the
 * coordinator, or a peer shop), the repair (parts used and returned, old
 * parts, the functional tests of the machine's category, cleaning) and a
 * part order. Each input has a check that names the field at fault and
 * says what is wrong in one sentence. */
#pragma once

#include "wx-money.h"
#include "wx-types.h"

G_BEGIN_DECLS

/* What kind of machine it is, for its functional tests. */
typedef enum {
  WX_MACHINE_PC,
  WX_MACHINE_LAPTOP,
  WX_MACHINE_SERVER,
  WX_MACHINE_LASER_PRINTER,
  WX_MACHINE_INKJET_PRINTER,
  WX_MACHINE_OTHER,
} WxMachineCategory;

#define WX_N_MACHINE_CATEGORIES (WX_MACHINE_OTHER + 1)

/* From the product name and the model as the front desk wrote them,
 * Chinese or English (激光打印机, 喷墨, 笔记本, 台式机, 服务器, LaserJet…). */
WxMachineCategory wx_machine_category_guess (const char        *product_name,
                                             const char        *model);
const char       *wx_machine_category_label (WxMachineCategory  category);
/* The category's code (the database's machine_category_words and
 * functional_tests mirror the words and the tests; a test compares). */
const char       *wx_machine_category_to_code (WxMachineCategory category);
/* The words that name a category, most specific first: the guess's table. */
typedef struct {
  WxMachineCategory category;
  const char       *word;
} WxCategoryWord;
const WxCategoryWord *wx_machine_category_words (guint *n_words);

/* One item of a category's functional test (功能测试要求). */
typedef struct {
  const char *code;        /* stored in repair_tests.item */
  const char *label;       /* English source, translate with _() */
  gboolean    needs_note;  /* "per the service manual": say what was tested */
} WxTestItem;

const WxTestItem *wx_functional_tests (WxMachineCategory  category,
                                       guint             *n_items);
/* What cleaning covers for the category (电脑类 / 打印机类), translated. */
const char       *wx_cleaning_label   (WxMachineCategory  category);

/* A part: from the catalogue (part_id > 0) or typed freely (part_id 0). */
typedef struct {
  gint64      part_id;
  const char *part_number;
  const char *name;
  int         quantity;
  WxMoney     unit_price;
  gboolean    issue;        /* inspection: taken from stock now (to test by swapping) */
} WxPartLine;

/* "定影组件 (RM1-2345) × 2" */
char     *wx_part_line_describe        (const WxPartLine *line);

typedef struct {
  const char *fault_analysis;   /* 故障分析 */
  const char *measures;         /* 处理措施及结果 */
  GArray     *parts;            /* WxPartLine, may be NULL */
  WxMoney     labour;           /* fen */
  const char *explanation;      /* for the coordinator, in plain words */
  /* Or send the machine to a peer shop (送同行): an existing one, or a new
   * one with its details (name, address, phone, contact). */
  gboolean    outsource;
  gint64      peer_id;
  const char *peer_name;
  const char *peer_address;
  const char *peer_phone;
  const char *peer_contact;
} WxInspectionInput;

/* Parts at their prices plus labour. */
WxMoney   wx_inspection_suggested_price (const WxInspectionInput *input);
/* The parts as the form's 更换备件名称/备件号 field lists them. */
char     *wx_inspection_parts_text      (const WxInspectionInput *input);
/* Fields: fault_analysis, measures, parts, labour, explanation, peer,
 * peer_name, peer_phone. */
gboolean  wx_inspection_input_check     (const WxInspectionInput *input,
                                         const char             **field,
                                         GError                 **error);

typedef struct {
  const char *code;
  gboolean    passed;
  const char *note;
} WxTestResult;

typedef struct {
  WxMachineCategory category;
  GArray     *parts_used;       /* WxPartLine: catalogue parts issued now, or typed (not from stock) */
  GArray     *parts_returned;   /* WxPartLine (part_id, quantity): issued earlier, returned unused */
  guint       n_issued_kept;    /* parts issued earlier and used */
  const char *old_parts;        /* returned_to_customer | kept_by_supervisor | none; NULL = none */
  GArray     *tests;            /* WxTestResult */
  gboolean    cleaned;
  const char *repair_notes;
} WxRepairInput;

/* Fields: repair_notes, parts, returned, old_parts, tests (or the code of
 * the item at fault), cleaned. */
gboolean  wx_repair_input_check         (const WxRepairInput     *input,
                                         const char             **field,
                                         GError                 **error);
/* The codes of the tests passed, comma-separated (the step's
 * "functional_tests"). */
char     *wx_repair_tests_codes         (const WxRepairInput     *input);

typedef struct {
  gint64      part_id;          /* 0: typed */
  const char *part_number;
  const char *name;
  int         quantity;
  gint64      supplier_id;      /* 0: not known yet */
  const char *expected_on;      /* YYYY-MM-DD */
  gboolean    prepaid;          /* paid before shipping (款到发货) */
  WxMoney     cost;             /* fen; < 0 unknown */
} WxPartOrderInput;

/* Fields: part, quantity, supplier, expected_on, cost. `today` (may be
 * NULL) refuses an expected day in the past. */
gboolean  wx_part_order_input_check     (const WxPartOrderInput  *input,
                                         GDate                   *today,
                                         const char             **field,
                                         GError                 **error);
char     *wx_part_order_describe        (const WxPartOrderInput  *input);

G_END_DECLS

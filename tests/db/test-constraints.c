/* Every rule of the schema refuses a bad row with the expected SQLSTATE and
 * under its own name, and the refused statement changes nothing. The last
 * test checks that every CHECK, UNIQUE and FOREIGN KEY constraint of the
 * schema (and every domain's check) has a case here. */
#include "db/wx-db.h"
#include "wx-test-db.h"

static char *conninfo;

/* "table.constraint" (or "domain.constraint") of every rule a case hit. */
static GHashTable *hit;
static guint cases_run;

typedef struct {
  const char *what;
  const char *sql;
  const char *sqlstate;
  const char *constraint;   /* PG_DIAG_CONSTRAINT_NAME; NOT NULL names none */
  const char *column;       /* PG_DIAG_COLUMN_NAME of a NOT NULL violation */
} Case;

#define CHECK_CASE(what, sql, constraint)    { what, sql, "23514", constraint, NULL }
#define UNIQUE_CASE(what, sql, constraint)   { what, sql, "23505", constraint, NULL }
#define FK_CASE(what, sql, constraint)       { what, sql, "23503", constraint, NULL }
#define NOT_NULL_CASE(what, sql, column)     { what, sql, "23502", NULL, column }

#define ORDER_COLS "INSERT INTO service_orders (kind, state, customer_id, unit_name, unit_address, contact_mobile, product_name, model, reported_fault) VALUES "

/* A valid carry-in order with the extra columns `cols` set to `vals`. */
#define NEW_ORDER(cols, vals) \
  "INSERT INTO service_orders (kind, state, customer_id, unit_name, contact_mobile, product_name, model, reported_fault" cols ")" \
  " VALUES ('carry_in', 'received', 1, '广州大学', '13812345678', '激光打印机', 'M404dn', '卡纸'" vals ")"

#define SET_ORDER(assignments) "UPDATE service_orders SET " assignments " WHERE id = 1"

/* A peer shop for the rows that need one (the fixture has no supplier). */
#define WITH_PEER "WITH peer AS (INSERT INTO suppliers (name, kind) VALUES ('诚信电脑维修部', 'peer_shop') RETURNING id) "

static const Case cases[] = {
  /* messages to customers (022): the outbox, the templates, the secrets */
#define NEW_MESSAGE(cols, vals) \
  "INSERT INTO messages (kind, channel, recipient, body" cols ") VALUES ('ready', 'sms', '13812345678', '您的设备已修好'" vals ")"
#define NEW_TEMPLATE(cols, vals) \
  "INSERT INTO message_templates (kind, channel, lang, body" cols ") VALUES ('arrival', 'email', 'en', 'arrived'" vals ")"
  CHECK_CASE ("message attachment not a document", NEW_MESSAGE (", attachment", ", 'pdf'"), "messages_attachment_check"),
  CHECK_CASE ("message attachment over 10 MB", NEW_MESSAGE (", attachment, attachment_pdf",
                                                            ", 'statement', convert_to(repeat('x', 10485761), 'UTF8')"),
              "messages_attachment_pdf_check"),
  CHECK_CASE ("message statement without its PDF", NEW_MESSAGE (", attachment", ", 'statement'"), "messages_statement_pdf"),
  CHECK_CASE ("message param list not a list", NEW_MESSAGE (", param_list", ", '{}'"), "messages_param_list_check"),
  CHECK_CASE ("message attempts negative",  NEW_MESSAGE (", attempts", ", -1"), "messages_attempts_check"),
  CHECK_CASE ("message by fax",             "INSERT INTO messages (kind, channel, recipient, body) VALUES ('ready', 'fax', '13812345678', 'x')", "messages_channel_check"),
  FK_CASE ("message of no event",           NEW_MESSAGE (", event_id", ", 999999999"), "messages_event_id_fkey"),
  UNIQUE_CASE ("two messages with one key",
    "INSERT INTO messages (kind, channel, recipient, body, idempotency_key) VALUES"
    " ('ready', 'sms', '13812345678', 'x', '00000000-0000-0000-0000-000000000001'),"
    " ('ready', 'sms', '13812345678', 'x', '00000000-0000-0000-0000-000000000001')", "messages_idempotency_key_key"),
  CHECK_CASE ("message in French",          NEW_MESSAGE (", lang", ", 'fr'"), "messages_lang_check"),
  FK_CASE ("message of no order",           NEW_MESSAGE (", order_id", ", 999999999"), "messages_order_id_fkey"),
  CHECK_CASE ("message params not an object", NEW_MESSAGE (", params", ", '[]'"), "messages_params_check"),
  CHECK_CASE ("message to nobody",          "INSERT INTO messages (kind, channel, recipient, body) VALUES ('ready', 'sms', '', 'x')", "messages_recipient_check"),
  CHECK_CASE ("message recipient name over 60", NEW_MESSAGE (", recipient_name", ", repeat('李', 61)"), "messages_recipient_name_check"),
  CHECK_CASE ("message sending unclaimed",  NEW_MESSAGE (", state", ", 'sending'"), "messages_sending_claimed"),
  CHECK_CASE ("message sent without a time", NEW_MESSAGE (", state", ", 'sent'"), "messages_sent_at"),
  CHECK_CASE ("message state unknown word", NEW_MESSAGE (", state", ", 'lost'"), "messages_state_check"),
  CHECK_CASE ("template without text",      "INSERT INTO message_templates (kind, channel, lang, body) VALUES ('arrival', 'email', 'en', '')", "message_templates_body_check"),
  CHECK_CASE ("template by fax",            "INSERT INTO message_templates (kind, channel, lang, body) VALUES ('arrival', 'fax', 'en', 'x')", "message_templates_channel_check"),
  CHECK_CASE ("template of no kind",        "INSERT INTO message_templates (kind, channel, lang, body) VALUES ('nope', 'sms', 'en', 'x')", "message_templates_kind_check"),
  CHECK_CASE ("template in French",         "INSERT INTO message_templates (kind, channel, lang, body) VALUES ('arrival', 'sms', 'fr', 'x')", "message_templates_lang_check"),
  CHECK_CASE ("template signature over 20", NEW_TEMPLATE (", sign_name", ", repeat('签', 21)"), "message_templates_sign_name_check"),
  CHECK_CASE ("template subject of two lines", NEW_TEMPLATE (", subject", ", E'a\\nb'"), "message_templates_subject_check"),
  CHECK_CASE ("template code with spaces",  NEW_TEMPLATE (", template_code", ", 'SMS 1'"), "message_templates_template_code_check"),
  CHECK_CASE ("secret of no sender",        "INSERT INTO message_secrets (key, value) VALUES ('other', 'x')", "message_secrets_key_check"),
  CHECK_CASE ("secret over 500 characters", "INSERT INTO message_secrets (key, value) VALUES ('smtp.password', repeat('x', 501))", "message_secrets_value_check"),

  /* the domains, and a name left out */
  CHECK_CASE ("empty unit name",            "INSERT INTO customers (unit_name) VALUES ('')", "wx_name_check"),
  CHECK_CASE ("unit name with spaces only", "INSERT INTO customers (unit_name) VALUES ('  ')", "wx_name_check"),
  NOT_NULL_CASE ("missing unit name",       "INSERT INTO customers (unit_name) VALUES (NULL)", "unit_name"),
  CHECK_CASE ("mobile with letters",        "INSERT INTO customers (unit_name, mobile) VALUES ('甲', 'abc')", "wx_phone_check"),
  CHECK_CASE ("phone too short",            "INSERT INTO customers (unit_name, phone) VALUES ('甲', '123')", "wx_phone_check"),
  CHECK_CASE ("email without domain",       "INSERT INTO customers (unit_name, email) VALUES ('甲', 'li@')", "wx_email_check"),
  CHECK_CASE ("negative suggested price",   SET_ORDER ("suggested_price = -1"), "wx_money_check"),
  CHECK_CASE ("price over the maximum",     SET_ORDER ("quote_total = 100000000001"), "wx_money_check"),

  /* settings, calendar and clocks */
  CHECK_CASE ("bad settings key",           "INSERT INTO settings (key, value) VALUES ('Bad Key', 'x')", "settings_key_check"),
  CHECK_CASE ("closing before opening",     "UPDATE business_hours SET opens = '19:00' WHERE weekday = 1", "business_hours_check"),
  CHECK_CASE ("weekday 8",                  "INSERT INTO business_hours (weekday, opens, closes) VALUES (8, '09:00', '18:00')", "business_hours_weekday_check"),
  NOT_NULL_CASE ("Sunday opening without closing time", "INSERT INTO business_hours (weekday, opens) VALUES (7, '10:00')", "closes"),
  CHECK_CASE ("holiday with opening hours", "INSERT INTO calendar_days (day, kind, name, opens, closes) VALUES ('2026-10-01', 'holiday', '国庆节', '09:00', '18:00')", "calendar_days_check"),
  CHECK_CASE ("holiday name over 60 characters", "INSERT INTO calendar_days (day, kind, name) VALUES ('2026-10-02', 'holiday', repeat('节', 61))", "calendar_days_name_check"),
  CHECK_CASE ("holiday name with spaces around", "INSERT INTO calendar_days (day, kind, name) VALUES ('2026-10-02', 'holiday', ' 国庆节 ')", "calendar_days_name_check"),
  CHECK_CASE ("make-up workday with an opening time only", "INSERT INTO calendar_days (day, kind, name, opens) VALUES ('2026-10-10', 'workday', '国庆调休', '09:00')", "calendar_days_check"),
  CHECK_CASE ("target beyond limit",        "UPDATE sla_thresholds SET target_minutes = 999 WHERE clock = 'dispatch'", "sla_thresholds_check"),
  CHECK_CASE ("clock named in Chinese",     "INSERT INTO sla_thresholds (clock, target_minutes, limit_minutes) VALUES ('取机', 60, 120)", "sla_thresholds_clock_check"),
  CHECK_CASE ("clock with no time at all",  "INSERT INTO sla_thresholds (clock, target_minutes, limit_minutes) VALUES ('pickup', 0, 0)", "sla_thresholds_limit_minutes_check"),
  CHECK_CASE ("negative target",            "UPDATE sla_thresholds SET target_minutes = -10 WHERE clock = 'dispatch'", "sla_thresholds_target_minutes_check"),

  /* staff and workflow */
  CHECK_CASE ("staff without a name",       "INSERT INTO staff (role_name, full_name) VALUES ('nobody', '')", "wx_name_check"),
  CHECK_CASE ("state in folder F6",         "INSERT INTO workflow_states (state, position, label, folder, shelf, open) VALUES ('on_hold', 22, 'On hold', 'F6', 'S2', true)", "workflow_states_folder_check"),
  CHECK_CASE ("state on shelf S9",          "INSERT INTO workflow_states (state, position, label, folder, shelf, open) VALUES ('on_hold', 22, 'On hold', 'F2', 'S9', true)", "workflow_states_shelf_check"),
#define NEW_STEP(vals) "INSERT INTO workflow_transitions (position, from_state, event, to_state, kinds, roles, needs) VALUES " vals
  CHECK_CASE ("step named in Chinese",      NEW_STEP ("(900, 'received', '派工', 'inspecting', '{carry_in}', '{coordinator}', '{}')"), "workflow_transitions_event_check"),
  CHECK_CASE ("step for a rental",          NEW_STEP ("(900, 'received', 'rent', 'inspecting', '{rental}', '{coordinator}', '{}')"), "workflow_transitions_kinds_check"),
  CHECK_CASE ("step for the cleaner",       NEW_STEP ("(900, 'received', 'sweep', 'inspecting', '{carry_in}', '{cleaner}', '{}')"), "workflow_transitions_roles_check"),
  CHECK_CASE ("step asked by no dialog",    "INSERT INTO workflow_transitions (position, from_state, event, to_state, kinds, roles, needs, form)"
                                             " VALUES (900, 'received', 'wave', 'inspecting', '{carry_in}', '{coordinator}', '{}', 'telepathy')",
              "workflow_transitions_form_check"),
  FK_CASE ("step from an unknown state",    NEW_STEP ("(900, 'on_hold', 'resume', 'inspecting', '{carry_in}', '{coordinator}', '{}')"), "workflow_transitions_from_state_fkey"),
  FK_CASE ("step to an unknown state",      NEW_STEP ("(900, 'received', 'park', 'on_hold', '{carry_in}', '{coordinator}', '{}')"), "workflow_transitions_to_state_fkey"),
  UNIQUE_CASE ("two states at one position", "INSERT INTO workflow_states (state, position, label, folder, shelf, open) VALUES ('on_hold', 5, 'On hold', 'F2', 'S2', true)", "workflow_states_position_key"),

  /* customers, devices, suppliers */
  CHECK_CASE ("customer address too long",  "INSERT INTO customers (unit_name, address) VALUES ('广州大学', repeat('广州市番禺区大学城外环西路', 26))", "customers_address_check"),
  CHECK_CASE ("customer city too long",     "INSERT INTO customers (unit_name, city) VALUES ('广州大学', repeat('广州', 31))", "customers_city_check"),
  CHECK_CASE ("customer contact too long",  "INSERT INTO customers (unit_name, contact_person) VALUES ('广州大学', repeat('李明', 31))", "customers_contact_person_check"),
  CHECK_CASE ("unknown device category",    "INSERT INTO devices (customer_id, category) VALUES (1, 'toaster')", "devices_category_check"),
  FK_CASE ("device of no customer",         "INSERT INTO devices (customer_id, category) VALUES (999, 'pc')", "devices_customer_id_fkey"),
  CHECK_CASE ("warranty ends before purchase", "INSERT INTO devices (customer_id, category, purchase_date, warranty_expires) VALUES (1, 'pc', '2026-05-01', '2026-01-01')", "devices_check"),
  CHECK_CASE ("device brand too long",      "INSERT INTO devices (customer_id, category, brand) VALUES (1, 'laser_printer', repeat('惠普', 31))", "devices_brand_check"),
  CHECK_CASE ("device model too long",      "INSERT INTO devices (customer_id, category, model) VALUES (1, 'laser_printer', repeat('LaserJet', 13))", "devices_model_check"),
  CHECK_CASE ("device serial too long",     "INSERT INTO devices (customer_id, category, serial) VALUES (1, 'laser_printer', repeat('CNB3K12345', 7))", "devices_serial_check"),
  CHECK_CASE ("device asset number too long", "INSERT INTO devices (customer_id, category, asset_number) VALUES (1, 'pc', repeat('GZDX-', 13))", "devices_asset_number_check"),
  CHECK_CASE ("device warranty on a receipt", "INSERT INTO devices (customer_id, category, warranty_evidence) VALUES (1, 'pc', 'receipt')", "devices_warranty_evidence_check"),
  CHECK_CASE ("supplier that is a customer", "INSERT INTO suppliers (name, kind) VALUES ('诚信电脑', 'customer')", "suppliers_kind_check"),

  /* order numbers */
  CHECK_CASE ("order number for 1999",      "SELECT wx_next_order_number('1999-12-31 12:00+08')", "order_number_counters_year_check"),
  CHECK_CASE ("order counter below zero",   "INSERT INTO order_number_counters (year, last) VALUES (2030, -1)", "order_number_counters_last_check"),
  UNIQUE_CASE ("duplicate order number",    "INSERT INTO service_orders (number, kind, state, customer_id, unit_name, contact_mobile, product_name) SELECT number, 'sale', 'received', 1, '甲', '13812345678', '硒鼓' FROM service_orders WHERE id = 1", "service_orders_number_key"),
  CHECK_CASE ("malformed order number",     "INSERT INTO service_orders (number, kind, state, customer_id, unit_name, contact_mobile, product_name) VALUES ('ABC', 'sale', 'received', 1, '甲', '13812345678', '硒鼓')", "service_orders_number_check"),

  /* what each kind of order must carry */
  CHECK_CASE ("unknown order kind",         ORDER_COLS "('repair', 'received', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "service_orders_kind_check"),
  FK_CASE ("unknown state",                 ORDER_COLS "('carry_in', 'lost', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "service_orders_state_fkey"),
  CHECK_CASE ("carry-in without product",   ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', '', 'T14', '黑屏')", "order_carry_in_machine"),
  CHECK_CASE ("carry-in without fault",     ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', 'PC', 'T14', '')", "order_carry_in_machine"),
  CHECK_CASE ("carry-in without model or serial", ORDER_COLS "('carry_in', 'received', 1, '甲', '', '13812345678', 'PC', '', '黑屏')", "order_carry_in_machine"),
  CHECK_CASE ("on-site without address",    ORDER_COLS "('on_site', 'call_logged', 1, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "order_on_site_address"),
  CHECK_CASE ("sale without items",         ORDER_COLS "('sale', 'received', 1, '甲', '', '13812345678', '', '', '')", "order_sale_items"),
  CHECK_CASE ("order nobody can be reached at", "INSERT INTO service_orders (kind, state, customer_id, unit_name, product_name, model, reported_fault) VALUES ('carry_in', 'received', 1, '甲', 'PC', 'T14', '黑屏')", "order_contact_reachable"),
  FK_CASE ("order of no customer",          ORDER_COLS "('carry_in', 'received', 999, '甲', '', '13812345678', 'PC', 'T14', '黑屏')", "service_orders_customer_id_fkey"),
  FK_CASE ("order of no device",            NEW_ORDER (", device_id", ", 999"), "service_orders_device_id_fkey"),
  CHECK_CASE ("order imported at version 0", NEW_ORDER (", version", ", 0"), "service_orders_version_check"),
  CHECK_CASE ("cancel without reason",      SET_ORDER ("state = 'cancelled'"), "order_cancel_reason"),
  CHECK_CASE ("decision without time",      SET_ORDER ("decision = 'agree'"), "order_decision_time"),
  CHECK_CASE ("decision 'maybe'",           SET_ORDER ("decision = 'maybe', decided_at = now()"), "service_orders_decision_check"),
  CHECK_CASE ("return link without flag",   NEW_ORDER (", return_of_order_id", ", 1"), "order_return_link"),
  CHECK_CASE ("order a return of itself",   SET_ORDER ("is_return_repair = true, return_of_order_id = 1"), "order_not_self_return"),
  FK_CASE ("return of no order",            NEW_ORDER (", is_return_repair, return_of_order_id", ", true, 999"), "service_orders_return_of_order_id_fkey"),
  FK_CASE ("sent to no peer shop",          SET_ORDER ("peer_id = 999"), "service_orders_peer_id_fkey"),
  CHECK_CASE ("unknown warranty status",    SET_ORDER ("warranty_status = 'expired'"), "service_orders_warranty_status_check"),
  CHECK_CASE ("order warranty on a receipt", SET_ORDER ("warranty_evidence = 'receipt'"), "service_orders_warranty_evidence_check"),
  CHECK_CASE ("backed up to the cloud",     SET_ORDER ("backup = 'cloud'"), "service_orders_backup_check"),
  CHECK_CASE ("quoted by WeChat",           SET_ORDER ("quote_method = 'wechat'"), "service_orders_quote_method_check"),
  CHECK_CASE ("old parts thrown away",      SET_ORDER ("old_parts = 'thrown_away'"), "service_orders_old_parts_check"),
  CHECK_CASE ("payment status 'owed'",      SET_ORDER ("payment_status = 'owed'"), "service_orders_payment_status_check"),

  /* what people type on the order form: each field has its length */
  CHECK_CASE ("order address too long",     SET_ORDER ("unit_address = repeat('广州市天河区五山路', 34)"), "service_orders_unit_address_check"),
  CHECK_CASE ("order contact too long",     SET_ORDER ("contact_person = repeat('李明', 31)"), "service_orders_contact_person_check"),
  CHECK_CASE ("end user too long",          SET_ORDER ("end_user = repeat('王芳', 31)"), "service_orders_end_user_check"),
  CHECK_CASE ("floor and department too long", SET_ORDER ("floor_department = repeat('行政楼三楼', 21)"), "service_orders_floor_department_check"),
  CHECK_CASE ("product name too long",      SET_ORDER ("product_name = repeat('激光打印机', 21)"), "service_orders_product_name_check"),
  CHECK_CASE ("order model too long",       SET_ORDER ("model = repeat('M404dn', 17)"), "service_orders_model_check"),
  CHECK_CASE ("order serial too long",      SET_ORDER ("serial = repeat('CNB3K12345', 7)"), "service_orders_serial_check"),
  CHECK_CASE ("order asset number too long", SET_ORDER ("asset_number = repeat('GZDX-', 13)"), "service_orders_asset_number_check"),
  CHECK_CASE ("reported fault too long",    SET_ORDER ("reported_fault = repeat('卡纸', 1001)"), "service_orders_reported_fault_check"),
  CHECK_CASE ("appearance check too long",  SET_ORDER ("appearance_check = repeat('外壳划痕', 251)"), "service_orders_appearance_check_check"),
  CHECK_CASE ("remarks too long",           SET_ORDER ("remarks = repeat('备注', 1001)"), "service_orders_remarks_check"),
  CHECK_CASE ("fault analysis too long",    SET_ORDER ("fault_analysis = repeat('定影组件损坏', 334)"), "service_orders_fault_analysis_check"),
  CHECK_CASE ("measures too long",          SET_ORDER ("measures = repeat('更换定影组件', 334)"), "service_orders_measures_check"),
  CHECK_CASE ("parts needed too long",      SET_ORDER ("parts_needed = repeat('定影组件', 501)"), "service_orders_parts_needed_check"),
  CHECK_CASE ("explanation too long",       SET_ORDER ("explanation = repeat('需要更换', 501)"), "service_orders_explanation_check"),
  CHECK_CASE ("quote as told too long",     SET_ORDER ("quote_told = repeat('报价四百五十元', 29)"), "service_orders_quote_told_check"),
  CHECK_CASE ("repair period too long",     SET_ORDER ("repair_period = repeat('三个工作日', 21)"), "service_orders_repair_period_check"),
  CHECK_CASE ("decision contact too long",  SET_ORDER ("decision_contact = repeat('李明', 51)"), "service_orders_decision_contact_check"),
  CHECK_CASE ("decision reason too long",   SET_ORDER ("decision_reason = repeat('太贵了', 334)"), "service_orders_decision_reason_check"),
  CHECK_CASE ("repair notes too long",      SET_ORDER ("repair_notes = repeat('已更换定影组件', 286)"), "service_orders_repair_notes_check"),
  CHECK_CASE ("picked up by too long",      SET_ORDER ("picked_up_by = repeat('李', 61)"), "service_orders_picked_up_by_check"),
  CHECK_CASE ("cancel reason too long",     SET_ORDER ("cancel_reason = repeat('客户不修了', 201)"), "service_orders_cancel_reason_check"),

  /* accessories and events */
  CHECK_CASE ("accessory at position 0",    "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 0, '电源适配器')", "order_accessories_position_check"),
  CHECK_CASE ("accessory without name",     "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 1, '')", "wx_name_check"),
  FK_CASE ("accessory of no order",         "INSERT INTO order_accessories (order_id, position, name) VALUES (999, 1, '电源适配器')", "order_accessories_order_id_fkey"),
  UNIQUE_CASE ("two accessories labelled 1", "INSERT INTO order_accessories (order_id, position, name) VALUES (1, 1, '电源适配器'), (1, 1, '数据线')", "order_accessories_order_id_position_key"),
  CHECK_CASE ("event with array payload",   "INSERT INTO order_events (order_id, event, payload) VALUES (1, 'note', '[]')", "order_events_payload_check"),
  CHECK_CASE ("event with a bad name",      "INSERT INTO order_events (order_id, event) VALUES (1, 'Drop Table')", "order_events_event_check"),
  FK_CASE ("event of no order",             "INSERT INTO order_events (order_id, event) VALUES (999, 'note')", "order_events_order_id_fkey"),
  FK_CASE ("event from an unknown state",   "INSERT INTO order_events (order_id, event, from_state, to_state) VALUES (1, 'state_changed', 'lost', 'received')", "order_events_from_state_fkey"),
  FK_CASE ("event to an unknown state",     "INSERT INTO order_events (order_id, event, from_state, to_state) VALUES (1, 'state_changed', 'received', 'lost')", "order_events_to_state_fkey"),

  /* quotes and payments */
  CHECK_CASE ("negative unit price",        "INSERT INTO quote_lines (order_id, position, description, unit_price) VALUES (1, 1, '定影组件', -100)", "wx_money_check"),
  CHECK_CASE ("zero quantity",              "INSERT INTO quote_lines (order_id, position, description, quantity, unit_price) VALUES (1, 1, '定影组件', 0, 100)", "quote_lines_quantity_check"),
  CHECK_CASE ("quote line at position 1000", "INSERT INTO quote_lines (order_id, position, description, unit_price) VALUES (1, 1000, '定影组件', 45000)", "quote_lines_position_check"),
  CHECK_CASE ("quote line of kind discount", "INSERT INTO quote_lines (order_id, position, kind, description, unit_price) VALUES (1, 1, 'discount', '老客户优惠', 5000)", "quote_lines_kind_check"),
  CHECK_CASE ("quoted part number too long", "INSERT INTO quote_lines (order_id, position, part_number, description, unit_price) VALUES (1, 1, repeat('RM2-5425', 8), '定影组件', 45000)", "quote_lines_part_number_check"),
  CHECK_CASE ("quote line worth more than the shop handles", "INSERT INTO quote_lines (order_id, position, description, quantity, unit_price) VALUES (1, 1, '服务器整机', 2, 100000000000)", "quote_lines_amount_check"),
  FK_CASE ("quote of no order",             "INSERT INTO quote_lines (order_id, position, description, unit_price) VALUES (999, 1, '定影组件', 45000)", "quote_lines_order_id_fkey"),
  FK_CASE ("quote of no part",              "INSERT INTO quote_lines (order_id, position, part_id, description, unit_price) VALUES (1, 1, 999, '定影组件', 45000)", "quote_lines_part_id_fkey"),
  UNIQUE_CASE ("two quote lines at one position", "INSERT INTO quote_lines (order_id, position, kind, description, unit_price) VALUES (1, 1, 'part', '定影组件', 45000), (1, 1, 'labour', '更换工时', 8000)", "quote_lines_order_id_position_key"),
  CHECK_CASE ("zero payment",               "INSERT INTO payments (order_id, amount, method) VALUES (1, 0, 'cash')", "payments_amount_check"),
  CHECK_CASE ("unknown payment method",     "INSERT INTO payments (order_id, amount, method) VALUES (1, 100, 'shells')", "payments_method_check"),
  CHECK_CASE ("unknown payment kind",       "INSERT INTO payments (order_id, amount, method, kind, reason, approved_by) VALUES (1, 100, 'cash', 'gift', 'x', 'zhou_min')", "payments_kind_check"),
  CHECK_CASE ("payment reference too long", "INSERT INTO payments (order_id, amount, method, reference) VALUES (1, 100, 'bank_transfer', repeat('9', 61))", "payments_reference_check"),
  CHECK_CASE ("payment reason too long",    "INSERT INTO payments (order_id, amount, method, reason) VALUES (1, 100, 'cash', repeat('退', 301))", "payments_reason_check"),
  CHECK_CASE ("refund without approval",    "INSERT INTO payments (order_id, amount, method, kind, reason) VALUES (1, 100, 'cash', 'refund', '多收')", "payments_approved"),
  CHECK_CASE ("write-off without reason",   "INSERT INTO payments (order_id, amount, method, kind, approved_by) VALUES (1, 100, 'on_account', 'write_off', 'zhou_min')", "payments_approved"),
  CHECK_CASE ("write-off moving money",     "INSERT INTO payments (order_id, amount, method, kind, reason, approved_by) VALUES (1, 100, 'cash', 'write_off', '抹零', 'zhou_min')", "payments_write_off_method"),
  NOT_NULL_CASE ("payment without method",  "INSERT INTO payments (order_id, amount) VALUES (1, 45000)", "method"),
  FK_CASE ("payment of no order",           "INSERT INTO payments (order_id, amount, method) VALUES (999, 45000, 'wechat')", "payments_order_id_fkey"),

  /* money (026_money_accounts.sql): prepayments, invoices, the day's cash
   * count, monthly statements and chases of unpaid orders */
#define NEW_PREPAYMENT(cols, vals) \
  "INSERT INTO customer_prepayments (customer_id, order_id, recorded_by, amount" cols ") VALUES (1, 1, 'chen_jing'" vals ")"
  CHECK_CASE ("prepayment of nothing",      NEW_PREPAYMENT ("", ", 0"), "customer_prepayments_amount_check"),
  CHECK_CASE ("prepayment over the maximum", NEW_PREPAYMENT ("", ", -100000000001"), "customer_prepayments_amount_check"),
  FK_CASE ("prepayment of no customer",     "INSERT INTO customer_prepayments (customer_id, order_id, recorded_by, amount) VALUES (999, 1, 'chen_jing', 5000)", "customer_prepayments_customer_id_fkey"),
  FK_CASE ("prepayment from no order",      "INSERT INTO customer_prepayments (customer_id, order_id, recorded_by, amount) VALUES (1, 999, 'chen_jing', 5000)", "customer_prepayments_order_id_fkey"),
  FK_CASE ("prepayment from no payment",    NEW_PREPAYMENT (", payment_id", ", 5000, 999"), "customer_prepayments_payment_id_fkey"),
#undef NEW_PREPAYMENT
#define INVOICE_COLS "INSERT INTO invoices (kind, number, issued_on, title, tax_number, amount, tax, recorded_by, reason) VALUES "
  CHECK_CASE ("invoice on a receipt",       INVOICE_COLS "('receipt', '04412345', '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', '')", "invoices_kind_check"),
  CHECK_CASE ("invoice number of spaces",   INVOICE_COLS "('normal', '  ', '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', '')", "invoices_number_check"),
  CHECK_CASE ("invoice number too long",    INVOICE_COLS "('normal', repeat('9', 41), '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', '')", "invoices_number_check"),
  UNIQUE_CASE ("two invoices with one number", INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', ''),"
                                             " ('electronic', '04412345', '2026-11-19', '广州大学', '', 8000, 0, 'chen_jing', '')", "invoices_number_key"),
  CHECK_CASE ("invoice to nobody",          INVOICE_COLS "('normal', '04412345', '2026-11-18', ' ', '', 45000, 0, 'chen_jing', '')", "invoices_title_check"),
  CHECK_CASE ("invoice title too long",     INVOICE_COLS "('normal', '04412345', '2026-11-18', repeat('广州大学', 51), '', 45000, 0, 'chen_jing', '')", "invoices_title_check"),
  CHECK_CASE ("tax number in lower case",   INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '12440000455416011c', 45000, 0, 'chen_jing', '')", "invoices_tax_number_check"),
  CHECK_CASE ("tax number too short",       INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '1244000045', 45000, 0, 'chen_jing', '')", "invoices_tax_number_check"),
  CHECK_CASE ("invoice of nothing",         INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 0, 0, 'chen_jing', '')", "invoices_amount_check"),
  CHECK_CASE ("tax more than the amount",   INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 45000, 45001, 'chen_jing', '')", "invoices_check"),
  CHECK_CASE ("negative tax",               INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 45000, -1, 'chen_jing', '')", "invoices_check"),
  CHECK_CASE ("invoice reason too long",    INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', repeat('补', 301))", "invoices_reason_check"),
  CHECK_CASE ("special invoice without tax number", INVOICE_COLS "('special', '04412345', '2026-11-18', '广州大学', '', 45000, 5177, 'chen_jing', '')", "invoices_special_tax_number"),
  FK_CASE ("invoice of no order",           "WITH inv AS (" INVOICE_COLS "('normal', '04412345', '2026-11-18', '广州大学', '', 45000, 0, 'chen_jing', '') RETURNING id)"
                                            " INSERT INTO invoice_orders (order_id, invoice_id) SELECT 999, id FROM inv", "invoice_orders_order_id_fkey"),
  FK_CASE ("order on no invoice",           "INSERT INTO invoice_orders (order_id, invoice_id) VALUES (1, 999)", "invoice_orders_invoice_id_fkey"),
#undef INVOICE_COLS
#define CASH_COUNT_COLS "INSERT INTO cash_counts (day, method, counted, recorded, reason, counted_by) VALUES "
  CHECK_CASE ("cash count of money on account", CASH_COUNT_COLS "('2026-11-18', 'on_account', 0, 0, '', 'chen_jing')", "cash_counts_method_check"),
  CHECK_CASE ("cash count of a prepayment", CASH_COUNT_COLS "('2026-11-18', 'prepaid', 0, 0, '', 'chen_jing')", "cash_counts_method_check"),
  CHECK_CASE ("negative cash counted",      CASH_COUNT_COLS "('2026-11-18', 'cash', -100, -100, '', 'chen_jing')", "cash_counts_counted_check"),
  CHECK_CASE ("cash counted over the maximum", CASH_COUNT_COLS "('2026-11-18', 'cash', 100000000001, 100000000001, '', 'chen_jing')", "cash_counts_counted_check"),
  CHECK_CASE ("cash short without reason",  CASH_COUNT_COLS "('2026-11-18', 'cash', 45000, 50000, '  ', 'chen_jing')", "cash_counts_reason"),
  CHECK_CASE ("cash count reason too long", CASH_COUNT_COLS "('2026-11-18', 'cash', 45000, 50000, repeat('少', 301), 'chen_jing')", "cash_counts_reason_check"),
  UNIQUE_CASE ("one day's cash counted twice", CASH_COUNT_COLS "('2026-11-18', 'wechat', 45000, 45000, '', 'chen_jing'),"
                                             " ('2026-11-18', 'wechat', 45000, 45000, '', 'zhou_min')", "cash_counts_day_method_key"),
#undef CASH_COUNT_COLS
#define STATEMENT_COLS "INSERT INTO statements (customer_id, period, brought_forward, charges, received, balance_due, made_by" \
                       ", checked_at, checked_note, sent_at, sent_how, paid_at) VALUES "
  CHECK_CASE ("statement from the middle of a month", STATEMENT_COLS "(1, '2026-10-15', 0, 45000, 0, 45000, 'chen_jing', NULL, '', NULL, NULL, NULL)", "statements_period_check"),
  CHECK_CASE ("statement that does not add up", STATEMENT_COLS "(1, '2026-10-01', 10000, 45000, 5000, 45000, 'chen_jing', NULL, '', NULL, NULL, NULL)", "statements_sums"),
  CHECK_CASE ("statement sent unchecked",   STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', NULL, '', now(), 'printed', NULL)", "statements_life"),
  CHECK_CASE ("statement paid unsent",      STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', now(), '李明已对单', NULL, NULL, now())", "statements_life"),
  CHECK_CASE ("statement sent by fax",      STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', now(), '', now(), 'fax', NULL)", "statements_sent_how_check"),
  CHECK_CASE ("statement check note too long", STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', now(), repeat('对', 301), NULL, NULL, NULL)", "statements_checked_note_check"),
  UNIQUE_CASE ("two statements of one month", STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', NULL, '', NULL, NULL, NULL),"
                                            " (1, '2026-10-01', 0, 8000, 0, 8000, 'zhou_min', NULL, '', NULL, NULL, NULL)", "statements_customer_id_period_key"),
  FK_CASE ("statement of no customer",      STATEMENT_COLS "(999, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', NULL, '', NULL, NULL, NULL)", "statements_customer_id_fkey"),
  FK_CASE ("statement listing no order",    "WITH st AS (" STATEMENT_COLS "(1, '2026-10-01', 0, 45000, 0, 45000, 'chen_jing', NULL, '', NULL, NULL, NULL) RETURNING id)"
                                            " INSERT INTO statement_orders (statement_id, order_id, amount, due) SELECT id, 999, 45000, 45000 FROM st", "statement_orders_order_id_fkey"),
  FK_CASE ("order on no statement",         "INSERT INTO statement_orders (statement_id, order_id, amount, due) VALUES (999, 1, 45000, 45000)", "statement_orders_statement_id_fkey"),
#undef STATEMENT_COLS
#define CHASE_COLS "INSERT INTO collection_chases (order_id, chased_by, result, next_on, chaser) VALUES "
  CHECK_CASE ("chase that came to nothing written", CHASE_COLS "(1, 'chen_jing', '  ', '2026-11-25', 'chen_jing')", "collection_chases_result_check"),
  CHECK_CASE ("chase result too long",      CHASE_COLS "(1, 'chen_jing', repeat('答应月底付', 61), '2026-11-25', 'chen_jing')", "collection_chases_result_check"),
  FK_CASE ("chase of no order",             CHASE_COLS "(999, 'chen_jing', '答应月底付', '2026-11-25', 'chen_jing')", "collection_chases_order_id_fkey"),
#undef CHASE_COLS

  /* parts and stock */
  CHECK_CASE ("negative stock",             "UPDATE parts SET stock = -1 WHERE id = 1", "parts_stock_check"),
  CHECK_CASE ("negative minimum stock",     "UPDATE parts SET min_stock = -1 WHERE id = 1", "parts_min_stock_check"),
  CHECK_CASE ("part number with a leading space", "INSERT INTO parts (part_number, name) VALUES (' RM1-6319', '搓纸轮')", "parts_part_number_check"),
  UNIQUE_CASE ("duplicate part number",     "INSERT INTO parts (part_number, name) VALUES ('RM2-5425', '另一个')", "parts_part_number_key"),
  FK_CASE ("part from no supplier",         "INSERT INTO parts (part_number, name, supplier_id) VALUES ('RM1-6319', '搓纸轮', 999)", "parts_supplier_id_fkey"),
  CHECK_CASE ("stock movement of nothing",  "INSERT INTO stock_movements (part_id, kind, quantity) VALUES (1, 'receive', 0)", "stock_movements_quantity_check"),
  CHECK_CASE ("issue without an order",     "INSERT INTO stock_movements (part_id, kind, quantity) VALUES (1, 'issue', -1)", "stock_movements_check"),
  CHECK_CASE ("stock movement 'lost'",      "INSERT INTO stock_movements (part_id, kind, quantity, note) VALUES (1, 'lost', -1, '找不到了')", "stock_movements_kind_check"),
  FK_CASE ("stock of no part",              "INSERT INTO stock_movements (part_id, kind, quantity) VALUES (999, 'receive', 5)", "stock_movements_part_id_fkey"),
  FK_CASE ("issue to no order",             "INSERT INTO stock_movements (part_id, order_id, kind, quantity) VALUES (1, 999, 'issue', -1)", "stock_movements_order_id_fkey"),
  /* the shop's records (020_shop_records.sql) */
  CHECK_CASE ("bin location of a page",     "UPDATE parts SET bin_location = repeat('架', 31) WHERE id = 1", "parts_bin_location_check"),
  CHECK_CASE ("fits a book of models",      "UPDATE parts SET fits_models = repeat('M', 501) WHERE id = 1", "parts_fits_models_check"),
  FK_CASE ("received from no supplier",     "INSERT INTO stock_movements (part_id, kind, quantity, supplier_id) VALUES (1, 'receive', 1, 999)", "stock_movements_supplier_id_fkey"),
  FK_CASE ("reserved for no order",         "INSERT INTO stock_reservations (part_id, order_id, quantity) VALUES (1, 999, 1)", "stock_reservations_order_id_fkey"),
  FK_CASE ("reserved of no part",           "INSERT INTO stock_reservations (part_id, order_id, quantity) VALUES (999, 1, 1)", "stock_reservations_part_id_fkey"),
  CHECK_CASE ("reserved nothing",           "INSERT INTO stock_reservations (part_id, order_id, quantity) VALUES (1, 1, 0)", "stock_reservations_quantity_check"),
  CHECK_CASE ("payment on delivery",        "INSERT INTO suppliers (name, kind, payment_terms) VALUES ('甲', 'supplier', 'cod')", "suppliers_payment_terms_check"),
  CHECK_CASE ("supplies a book",            "INSERT INTO suppliers (name, kind, supplies) VALUES ('甲', 'supplier', repeat('硒', 501))", "suppliers_supplies_check"),
  CHECK_CASE ("event of a contract",        "INSERT INTO record_events (record, record_id, event) VALUES ('contract', 1, 'edit')", "record_events_record_check"),
  CHECK_CASE ("event named in capitals",    "INSERT INTO record_events (record, record_id, event) VALUES ('part', 1, 'EDIT')", "record_events_event_check"),
  CHECK_CASE ("issue that adds to stock",   "INSERT INTO stock_movements (part_id, order_id, kind, quantity) VALUES (1, 1, 'issue', 2)", "stock_movements_sign"),
  CHECK_CASE ("ordering no parts at all",   "INSERT INTO part_orders (order_id, description, quantity) VALUES (1, '定影组件', 0)", "part_orders_quantity_check"),
  CHECK_CASE ("functional test named in Chinese", "INSERT INTO repair_tests (order_id, item, passed) VALUES (1, '自检', true)", "repair_tests_item_check"),
  CHECK_CASE ("functional test note too long", "INSERT INTO repair_tests (order_id, item, passed, note) VALUES (1, 'post', true, repeat('正常', 251))", "repair_tests_note_check"),
  CHECK_CASE ("a word for a fax machine",  "INSERT INTO machine_category_words (position, category, word) VALUES (900, 'fax', '传真')", "machine_category_words_category_check"),
  CHECK_CASE ("a word in capitals",        "INSERT INTO machine_category_words (position, category, word) VALUES (900, 'pc', 'IMAC')", "machine_category_words_word_check"),
  UNIQUE_CASE ("a word for two categories", "INSERT INTO machine_category_words (position, category, word) VALUES (900, 'server', '电脑')", "machine_category_words_word_key"),
  CHECK_CASE ("a pinyin reading of two characters", "INSERT INTO pinyin_readings (ch, readings) VALUES ('广州', '{guangzhou}')", "pinyin_readings_ch_check"),
  CHECK_CASE ("tests of a fax machine",    "INSERT INTO functional_tests (category, position, item) VALUES ('fax', 1, 'dial')", "functional_tests_category_check"),
  CHECK_CASE ("a test named in Chinese",   "INSERT INTO functional_tests (category, position, item) VALUES ('pc', 9, '开机')", "functional_tests_item_check"),
  UNIQUE_CASE ("the same test twice in a list", "INSERT INTO functional_tests (category, position, item) VALUES ('pc', 9, 'post')", "functional_tests_category_item_key"),
  UNIQUE_CASE ("the same test twice",       "INSERT INTO repair_tests (order_id, item, passed) VALUES (1, 'post', true), (1, 'post', false)", "repair_tests_order_id_item_key"),
  FK_CASE ("functional test of no order",   "INSERT INTO repair_tests (order_id, item, passed) VALUES (999, 'post', true)", "repair_tests_order_id_fkey"),
  FK_CASE ("part ordered for no order",     "INSERT INTO part_orders (order_id, description) VALUES (999, '定影组件')", "part_orders_order_id_fkey"),
  FK_CASE ("ordering no part",              "INSERT INTO part_orders (order_id, part_id, description) VALUES (1, 999, '定影组件')", "part_orders_part_id_fkey"),
  FK_CASE ("part ordered from no supplier", "INSERT INTO part_orders (order_id, part_id, description, supplier_id) VALUES (1, 1, '定影组件', 999)", "part_orders_supplier_id_fkey"),
  FK_CASE ("old part of no order",          "INSERT INTO old_parts (order_id, description) VALUES (999, '旧定影组件')", "old_parts_order_id_fkey"),
  CHECK_CASE ("back from the peer before sent", WITH_PEER "INSERT INTO outsourcing (order_id, peer_id, sent_at, returned_at) SELECT 1, id, '2026-11-18 10:00+08', '2026-11-17 10:00+08' FROM peer", "outsourcing_check"),
  FK_CASE ("outsourcing no order",          WITH_PEER "INSERT INTO outsourcing (order_id, peer_id) SELECT 999, id FROM peer", "outsourcing_order_id_fkey"),
  FK_CASE ("outsourcing to no peer",        "INSERT INTO outsourcing (order_id, peer_id) VALUES (1, 999)", "outsourcing_peer_id_fkey"),

  /* calls and visits */
  CHECK_CASE ("call neither in nor out",    "INSERT INTO calls (direction, contact, subject) VALUES ('missed', '李明', '催修')", "calls_direction_check"),
  CHECK_CASE ("call for gossip",            "INSERT INTO calls (direction, purpose, contact) VALUES ('inbound', 'chat', '李明')", "calls_purpose_check"),
  CHECK_CASE ("attempt 0",                  "INSERT INTO calls (direction, purpose, contact, attempt) VALUES ('outbound', 'other', '李明', 0)", "calls_attempt_check"),
  CHECK_CASE ("call from a long unit name", "INSERT INTO calls (direction, unit_name) VALUES ('inbound', repeat('单', 101))", "calls_unit_name_check"),
  FK_CASE ("call from no customer",         "INSERT INTO calls (direction, customer_id, contact) VALUES ('inbound', 999, '李明')", "calls_customer_id_fkey"),
  FK_CASE ("call about no order",           "INSERT INTO calls (direction, purpose, order_id) VALUES ('outbound', 'notify_pickup', 999)", "calls_order_id_fkey"),
  CHECK_CASE ("visit leaving before arriving", "INSERT INTO visits (order_id, arrived_at, left_at) VALUES (1, '2026-11-20 10:00+08', '2026-11-20 09:00+08')", "visits_check"),
  CHECK_CASE ("visit outcome 'done'",       "INSERT INTO visits (order_id, outcome, arrived_at, left_at) VALUES (1, 'done', now(), now())", "visits_outcome_check"),
  FK_CASE ("visit for no order",            "INSERT INTO visits (order_id, address) VALUES (999, '广州大学行政楼')", "visits_order_id_fkey"),
#define NEW_VISIT(cols, vals) "INSERT INTO visits (order_id" cols ") VALUES (1" vals ")"
  CHECK_CASE ("visit contact too long",     NEW_VISIT (", contact", ", repeat('李明', 31)"), "visit_contact_length"),
  CHECK_CASE ("visit appearance too long",  NEW_VISIT (", appearance", ", repeat('划痕', 501)"), "visit_texts_length"),
  CHECK_CASE ("visit ended without times",  NEW_VISIT (", outcome, customer_signed", ", 'fixed', true"), "visit_outcome_times"),
  CHECK_CASE ("fixed without signature",    NEW_VISIT (", arrived_at, left_at, outcome", ", now(), now(), 'fixed'"), "visit_outcome_signed"),
  CHECK_CASE ("taken back without appearance", NEW_VISIT (", arrived_at, left_at, outcome, customer_signed, copy_handed",
                                                          ", now(), now(), 'taken_back', true, true"), "visit_taken_back"),
  CHECK_CASE ("customer absent without note", NEW_VISIT (", arrived_at, left_at, outcome", ", now(), now(), 'customer_absent'"), "visit_absent_note"),
  CHECK_CASE ("late for no booking",        NEW_VISIT (", late_notice_at", ", now()"), "visit_late_booked"),
  UNIQUE_CASE ("two open visits of one order", "WITH first AS (" NEW_VISIT ("", "") ") " NEW_VISIT ("", ""), "visits_one_open"),
#undef NEW_VISIT

  /* supervisor work */
  CHECK_CASE ("manual escalation without reason", "INSERT INTO escalations (order_id, trigger) VALUES (1, 'manual')", "escalations_check"),
  CHECK_CASE ("resolved by nobody",         "INSERT INTO escalations (order_id, trigger, resolved_at, resolution) VALUES (1, 'two_visits', now(), '已换机')", "escalations_check1"),
  CHECK_CASE ("unknown escalation trigger", "INSERT INTO escalations (order_id, trigger, reason) VALUES (1, 'mood', 'x')", "escalations_trigger_check"),
  FK_CASE ("escalating no order",           "INSERT INTO escalations (order_id, trigger, reason) VALUES (999, 'manual', '客户投诉')", "escalations_order_id_fkey"),
  CHECK_CASE ("score of a callback not made", "INSERT INTO callbacks (order_id, kind, due_at, satisfaction) VALUES (1, 'weekly', now(), 4)", "callbacks_check"),
  CHECK_CASE ("a job finished before it started", "INSERT INTO job_runs (job, started_at, finished_at, ok) VALUES ('backup', now(), now() - interval '1 minute', true)", "job_runs_check"),
  CHECK_CASE ("a job named like a sentence", "INSERT INTO job_runs (job, started_at, ok) VALUES ('Back up!', now(), true)", "job_runs_job_check"),
  CHECK_CASE ("an empty archived report",   "INSERT INTO report_archive (kind, period, format, content) VALUES ('weekly', '2026-W01', 'pdf', ''::bytea)", "report_archive_content_check"),
  CHECK_CASE ("a report archived as Word",  "INSERT INTO report_archive (kind, period, format, content) VALUES ('weekly', '2026-W01', 'docx', '\\x01')", "report_archive_format_check"),
  CHECK_CASE ("a daily report archived",    "INSERT INTO report_archive (kind, period, format, content) VALUES ('daily', '2026-W01', 'pdf', '\\x01')", "report_archive_kind_check"),
  CHECK_CASE ("a week written loosely",     "INSERT INTO report_archive (kind, period, format, content) VALUES ('weekly', 'week 1', 'pdf', '\\x01')", "report_archive_period_check"),
  UNIQUE_CASE ("a week archived twice",     "INSERT INTO report_archive (kind, period, format, content) VALUES ('weekly', '2026-W01', 'pdf', '\\x01'), ('weekly', '2026-W01', 'pdf', '\\x02')", "report_archive_kind_period_format_key"),
  CHECK_CASE ("monthly callback",           "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'monthly', now())", "callbacks_kind_check"),
  CHECK_CASE ("satisfaction of 6",          "INSERT INTO callbacks (order_id, kind, due_at, done_at, actor, reached, satisfaction) VALUES (1, 'weekly', now(), now(), 'x', true, 6)", "callbacks_satisfaction_check"),
  FK_CASE ("callback for no order",         "INSERT INTO callbacks (order_id, kind, due_at) VALUES (999, 'weekly', now())", "callbacks_order_id_fkey"),
  /* 013_callbacks.sql */
  CHECK_CASE ("callback of nothing",        "INSERT INTO callbacks (kind, due_at) VALUES ('weekly', now())", "callbacks_subject_check"),
  CHECK_CASE ("hotline callback of an order", "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'hotline_next_day', now())", "callbacks_phone_kind_check"),
  UNIQUE_CASE ("two Friday callbacks of one order", "INSERT INTO callbacks (order_id, kind, due_at) VALUES (1, 'weekly', now()), (1, 'weekly', now())", "callbacks_order_kind_key"),
  UNIQUE_CASE ("two guidance callbacks of one call",
               "WITH c AS (INSERT INTO calls (direction, subject) VALUES ('inbound', '报修') RETURNING id)"
               " INSERT INTO callbacks (call_id, kind, due_at) SELECT id, 'phone_guidance_2h', now() FROM c, generate_series(1, 2)",
               "callbacks_call_kind_key"),
  FK_CASE ("callback of no call",           "INSERT INTO callbacks (call_id, kind, due_at) VALUES (999, 'phone_guidance_2h', now())", "callbacks_call_id_fkey"),
  CHECK_CASE ("negative tries",             "INSERT INTO callbacks (order_id, kind, due_at, attempts) VALUES (1, 'weekly', now(), -1)", "callbacks_attempts_check"),
  FK_CASE ("return repair that is no order", "INSERT INTO callbacks (order_id, kind, due_at, return_order_id) VALUES (1, 'weekly', now(), 999)", "callbacks_return_order_id_fkey"),
  FK_CASE ("follow-up complaint that is none", "INSERT INTO callbacks (order_id, kind, due_at, complaint_id) VALUES (1, 'weekly', now(), 999)", "callbacks_complaint_id_fkey"),
  CHECK_CASE ("callback done without reaching anyone", "INSERT INTO callbacks (order_id, kind, due_at, done_at, actor, reached, satisfaction) VALUES (1, 'weekly', now(), now(), 'x', false, 3)", "callbacks_done_check"),
  CHECK_CASE ("callback comments too long", "INSERT INTO callbacks (order_id, kind, due_at, comments) VALUES (1, 'weekly', now(), repeat('很', 2001))", "callbacks_comments_check"),
  CHECK_CASE ("escalating step 1",          "INSERT INTO complaint_steps (complaint_id, step, escalated) VALUES (1, 1, true)", "complaint_steps_escalated_check"),
  CHECK_CASE ("complaint step note too long", "INSERT INTO complaint_steps (complaint_id, step, note) VALUES (1, 1, repeat('很', 2001))", "complaint_steps_note_check"),
  CHECK_CASE ("complaint step 2 before step 1", "INSERT INTO complaint_steps (complaint_id, step, note) VALUES (1, 2, '真正需求')", "complaint_steps_in_order"),
  CHECK_CASE ("complaint step after closing", "WITH k AS (INSERT INTO complaints (customer_id, description, closed_at, outcome) VALUES (1, '慢', now(), '已解决') RETURNING id)"
                                            " INSERT INTO complaint_steps (complaint_id, step, note) SELECT id, 1, '道歉' FROM k", "complaint_steps_open"),
  CHECK_CASE ("complaint outcome too long", "UPDATE complaints SET closed_at = now(), outcome = repeat('很', 2001) WHERE id = 1", "complaints_outcome_check"),
  CHECK_CASE ("early close reason too long", "UPDATE complaints SET early_close_reason = repeat('很', 2001) WHERE id = 1", "complaints_early_close_reason_check"),
  CHECK_CASE ("resolved without saying how", "INSERT INTO escalations (order_id, trigger, resolved_at, resolved_by) VALUES (1, 'two_visits', now(), 'x')", "escalations_resolution_check"),
  CHECK_CASE ("empty complaint",            "INSERT INTO complaints (customer_id, description) VALUES (1, '   ')", "complaints_description_check"),
  CHECK_CASE ("complaint closed without outcome", "INSERT INTO complaints (customer_id, description, closed_at) VALUES (1, '态度差', now())", "complaints_check"),
  FK_CASE ("complaint of no customer",      "INSERT INTO complaints (customer_id, description) VALUES (999, '态度差')", "complaints_customer_id_fkey"),
  FK_CASE ("complaint about no order",      "INSERT INTO complaints (customer_id, order_id, description) VALUES (1, 999, '修了三次还卡纸')", "complaints_order_id_fkey"),
  CHECK_CASE ("complaint step 6",           "INSERT INTO complaint_steps (complaint_id, step) SELECT 1, 6", "complaint_steps_step_check"),
  FK_CASE ("step of no complaint",          "INSERT INTO complaint_steps (complaint_id, step, note) VALUES (999, 1, '已致电客户道歉')", "complaint_steps_complaint_id_fkey"),

  /* contracts and inspections */
  CHECK_CASE ("contract ending before it starts", "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-X', '2026-06-01', '2026-01-01')", "contracts_check"),
  CHECK_CASE ("contract number of spaces",  "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, '  ', '2026-01-01', '2026-12-31')", "contracts_number_check"),
  CHECK_CASE ("inspection every 36 months", "INSERT INTO contracts (customer_id, number, starts_on, ends_on, interval_months) VALUES (1, 'HT-2026-002', '2026-01-01', '2028-12-31', 36)", "contracts_interval_months_check"),
  CHECK_CASE ("contract number with a trailing space", "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-2026-001 ', '2026-01-01', '2026-12-31')", "contracts_number_check"),
  UNIQUE_CASE ("duplicate contract number", "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (1, 'HT-2026-001', '2026-01-01', '2026-12-31')", "contracts_number_key"),
  FK_CASE ("contract of no customer",       "INSERT INTO contracts (customer_id, number, starts_on, ends_on) VALUES (999, 'HT-2026-002', '2026-01-01', '2026-12-31')", "contracts_customer_id_fkey"),
  FK_CASE ("device under no contract",      "INSERT INTO contract_devices (contract_id, device_id) VALUES (999, 1)", "contract_devices_contract_id_fkey"),
  FK_CASE ("contract for no device",        "INSERT INTO contract_devices (contract_id, device_id) VALUES (1, 999)", "contract_devices_device_id_fkey"),
  FK_CASE ("inspection under no contract",  "INSERT INTO inspection_visits (contract_id, device_id, findings) VALUES (999, 1, '正常')", "inspection_visits_contract_id_fkey"),
  FK_CASE ("inspection of no device",       "INSERT INTO inspection_visits (contract_id, device_id, findings) VALUES (1, 999, '正常')", "inspection_visits_device_id_fkey"),

  /* loaners and workshop */
  CHECK_CASE ("loaner lent to nobody",      "INSERT INTO loaners (description, lent_at) VALUES ('备用打印机', now())", "loaners_check"),
  CHECK_CASE ("loaner back before lent",    "INSERT INTO loaners (description, order_id, lent_at, returned_at) VALUES ('备用打印机', 1, '2026-11-18 10:00+08', '2026-11-10 10:00+08')", "loaners_check1"),
  CHECK_CASE ("loaner back but never lent",  "INSERT INTO loaners (description, returned_at) VALUES ('备用打印机', now())", "loaners_check1"),
  FK_CASE ("loaner lent for no order",      "INSERT INTO loaners (description, order_id, lent_at) VALUES ('备用打印机', 999, now())", "loaners_order_id_fkey"),
  FK_CASE ("search text of no order",       "INSERT INTO order_search (order_id, customer_id, received_at, text) VALUES (999, 1, now(), '甲')", "order_search_order_id_fkey"),
  CHECK_CASE ("equipment checked in month 13", "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('防静电腕带', 'anti_static', '{13}')", "workshop_equipment_check_months_check"),
  CHECK_CASE ("equipment of kind tool",     "INSERT INTO workshop_equipment (name, kind, check_months) VALUES ('电烙铁', 'tool', '{1}')", "workshop_equipment_kind_check"),
  FK_CASE ("check of no equipment",         "INSERT INTO equipment_checks (equipment_id, passed, notes) VALUES (999, true, '合格')", "equipment_checks_equipment_id_fkey"),

  /* the work log (工作日志) */
  CHECK_CASE ("empty work note",            "INSERT INTO work_notes (body) VALUES ('  ')", "work_notes_body_check"),
  CHECK_CASE ("work note too long",         "INSERT INTO work_notes (body) VALUES (repeat('记', 2001))", "work_notes_body_check"),
  FK_CASE ("work note on no order",         "INSERT INTO work_notes (order_id, body) VALUES (999, '等备件')", "work_notes_order_id_fkey"),
  NOT_NULL_CASE ("work note without text",  "INSERT INTO work_notes (body) VALUES (NULL)", "body"),
  /* the supervisor's review (维修服务记录单审核) */
  CHECK_CASE ("review outcome unknown",     "INSERT INTO order_reviews (order_id, outcome) VALUES (1, 'maybe')", "order_reviews_outcome_check"),
  CHECK_CASE ("review checks not an object", "INSERT INTO order_reviews (order_id, outcome, checks) VALUES (1, 'passed', '[]')", "order_reviews_checks_check"),
  CHECK_CASE ("review comment too long",    "INSERT INTO order_reviews (order_id, outcome, comment) VALUES (1, 'passed', repeat('评', 2001))", "order_reviews_comment_check"),
  CHECK_CASE ("returned without comment",   "INSERT INTO order_reviews (order_id, outcome, returned_to) VALUES (1, 'returned', 'someone')", "order_reviews_returned_check"),
  CHECK_CASE ("returned to nobody",         "INSERT INTO order_reviews (order_id, outcome, comment) VALUES (1, 'returned', '缺签名')", "order_reviews_returned_check"),
  FK_CASE ("review of no order",            "INSERT INTO order_reviews (order_id, outcome) VALUES (999, 'passed')", "order_reviews_order_id_fkey"),
  NOT_NULL_CASE ("review without outcome",  "INSERT INTO order_reviews (order_id) VALUES (1)", "outcome"),
};

/* Constraints no statement can make PostgreSQL report, "table.constraint". */
static const char *const unreachable[] = {
  /* kind IN ('holiday', 'workday'): any other kind also fails
   * calendar_days_check, which spells out both kinds and is checked first
   * (PostgreSQL checks a table's CHECKs in order of their names). */
  "calendar_days.calendar_days_kind_check",
};

static gboolean
is_unreachable (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
    if (g_str_equal (unreachable[i], name))
      return TRUE;
  return FALSE;
}

static const char *
or_none (const char *s)
{
  return s ? s : "(none)";
}

/* Every row of every table, so that a refused statement is seen to change nothing. */
static char *
fingerprint (PGconn *conn)
{
  g_autoptr(PGresult) tables = PQexec (conn,
      "SELECT relname, quote_ident(relname) FROM pg_class"
      " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname");
  GString *all = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM %s t",
          PQgetvalue (tables, i, 1));
      g_autofree char *rows = wx_test_db_value (conn, sql);

      g_string_append_printf (all, "%s %s\n", PQgetvalue (tables, i, 0), rows);
    }
  return g_string_free (all, FALSE);
}

static void
test_constraint (gconstpointer data)
{
  const Case *c = &cases[GPOINTER_TO_UINT (data)];
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(PGresult) res = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *state;
  const char *constraint;
  const char *column;
  const char *owner;

  before = fingerprint (conn);
  res = PQexecParams (conn, c->sql, 0, NULL, NULL, NULL, NULL, 0);
  state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  if (PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK)
    state = "00000";
  constraint = PQresultErrorField (res, PG_DIAG_CONSTRAINT_NAME);
  column = PQresultErrorField (res, PG_DIAG_COLUMN_NAME);
  /* A domain's check names the domain, every other rule its table. */
  owner = PQresultErrorField (res, PG_DIAG_TABLE_NAME);
  if (owner == NULL)
    owner = PQresultErrorField (res, PG_DIAG_DATATYPE_NAME);

  if (g_strcmp0 (state, c->sqlstate) != 0 || g_strcmp0 (constraint, c->constraint) != 0 ||
      (c->column && g_strcmp0 (column, c->column) != 0))
    g_error ("%s: expected SQLSTATE %s from %s, got %s from %s (column %s) for\n%s\n-- %s",
             c->what, c->sqlstate, or_none (c->constraint ? c->constraint : c->column),
             or_none (state), or_none (constraint), or_none (column), c->sql,
             PQresultErrorMessage (res));
  after = fingerprint (conn);
  g_assert_cmpstr (before, ==, after);

  if (constraint)
    g_hash_table_add (hit, g_strdup_printf ("%s.%s", or_none (owner), constraint));
  cases_run++;
}
/* What the user is told: a sentence, not the server's text. */
static void
test_error_sentences (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  const char *bad_phone[1] = { "12ab" };
  const char *dup[1] = { "RM2-5425" };

  g_assert_false (wx_db_execute (conn, "UPDATE customers SET mobile = $1 WHERE id = 1", 1, bad_phone, &e1));
  g_assert_error (e1, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e1->message, "phone number"));
  g_assert_null (strstr (e1->message, "violates"));

  g_assert_false (wx_db_execute (conn, "INSERT INTO parts (part_number, name) VALUES ($1, 'x')", 1, dup, &e2));
  g_assert_error (e2, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e2->message, "already exists"));

  g_assert_false (wx_db_execute (conn, "UPDATE service_orders SET state = 'cancelled' WHERE id = 1", 0, NULL, &e3));
  g_assert_error (e3, WX_DB_ERROR, WX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (e3->message, "reason"));
}

/* Whatever core accepts as a phone number, the database stores. */
static void
test_core_phones_stored (void)
{
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  wx_test_db_exec (conn, "BEGIN");
  for (guint i = 0; wx_test_good_phones[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *params[1] = { wx_test_good_phones[i] };

      if (!wx_db_execute (conn, "INSERT INTO customers (unit_name, phone) VALUES ('电话测试', $1)", 1, params, &error))
        g_error ("the database refused %s: %s", wx_test_good_phones[i], error->message);
    }
  wx_test_db_exec (conn, "ROLLBACK");
}

/* Settings that order numbers and clocks depend on cannot be broken. */
static void
test_settings_checked (void)
{
  static const char *bad[][2] = {
    { "order_number.prefix", "维修" }, { "order_number.prefix", "TOOLONGPREFIX" },
    { "order_number.digits", "3" }, { "order_number.digits", "ten" },
    { "timezone", "Mars/Olympus" }, { "return_repair.days", "-5" }, { "cluster.orders", "0" },
    /* 015_settings.sql */
    { "escalation.visits", "0" }, { "escalation.part_orders", "two" }, { "escalation.undiagnosed_days", "10000" },
    { "company.name", "" }, { "company.name", " 惠维 " }, { "company.address", "一行\n两行" },
    { "company.phone", " 020-87581480" },
  };
  g_autoptr(PGconn) conn = wx_test_db_connect (conninfo);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *state = wx_test_db_sqlstate (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, bad[i]);
      if (!g_str_equal (state, "23514"))
        g_error ("setting %s = %s: expected 23514, got %s", bad[i][0], bad[i][1], state);
    }
  {
    g_autofree char *long_notice = g_strnfill (2001, 'x');
    const char *bad_notice[2] = { "notice.important", long_notice };
    g_autofree char *state = wx_test_db_sqlstate (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, bad_notice);

    g_assert_cmpstr (state, ==, "23514");
  }
  {
    const char *ok[2] = { "order_number.prefix", "GZ-" };
    g_autofree char *state = NULL;

    wx_test_db_exec (conn, "BEGIN");
    state = wx_test_db_sqlstate (conn, "UPDATE settings SET value = $2 WHERE key = $1", 2, ok);
    wx_test_db_exec (conn, "ROLLBACK");
    g_assert_cmpstr (state, ==, "00000");
  }
}

/* Every CHECK, UNIQUE, FOREIGN KEY (and exclusion) constraint of the schema
 * and every domain's check was reported by at least one case above.
 * Primary keys are left out: the fixture's own ids would do. */
static void
test_every_constraint_hit (void)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GHashTable) exists = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) missing = g_string_new (NULL);

  if (cases_run < G_N_ELEMENTS (cases))
    {
      g_test_skip ("not every case ran (-p or -s): nothing to say about coverage");
      return;
    }
  conn = wx_test_db_connect (conninfo);
  res = PQexec (conn,
      "SELECT coalesce(r.relname, t.typname) || '.' || c.conname"
      "  FROM pg_constraint c"
      "  LEFT JOIN pg_class r ON r.oid = c.conrelid"
      "  LEFT JOIN pg_type t ON t.oid = c.contypid"
      " WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('c', 'u', 'f', 'x')"
      " ORDER BY 1");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), >, 0);

  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *name = PQgetvalue (res, i, 0);

      g_hash_table_add (exists, (gpointer) name);
      if (!g_hash_table_contains (hit, name) && !is_unreachable (name))
        g_string_append_printf (missing, "\n  %s: no case", name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
    if (!g_hash_table_contains (exists, unreachable[i]))
      g_string_append_printf (missing, "\n  %s: listed as unreachable but not in the schema", unreachable[i]);
    else if (g_hash_table_contains (hit, unreachable[i]))
      g_string_append_printf (missing, "\n  %s: listed as unreachable but a case hit it", unreachable[i]);

  if (missing->len > 0)
    g_error ("constraints without a case:%s", missing->str);
}

int
main (int argc, char **argv)
{
  g_autoptr(PGconn) conn = NULL;

  g_test_init (&argc, &argv, NULL);
  wx_test_db_require ();
  conninfo = wx_test_db_create ("constraints", TRUE);
  conn = wx_test_db_connect (conninfo);
  wx_test_db_fixture (conn);
  hit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/constraints/%03u", i + 1);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_constraint);
    }
  g_test_add_func ("/db/constraints/error-sentences", test_error_sentences);
  g_test_add_func ("/db/constraints/core-phones-stored", test_core_phones_stored);
  g_test_add_func ("/db/constraints/settings-checked", test_settings_checked);
  /* Last: it reads what the cases hit. */
  g_test_add_func ("/db/constraints/every-constraint-has-a-case", test_every_constraint_hit);
  return g_test_run ();
}

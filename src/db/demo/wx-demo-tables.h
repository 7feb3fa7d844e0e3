/* wx-demo-tables.h — the demo's data tables (wx-demo-data.c). The sizes
 * are checked there: a table that grows or shrinks fails to build until
 * its size here is changed. */
#pragma once

extern const DemoPathSpec demo_paths[DEMO_N_PATHS];
extern const DemoEventSpec demo_events[N_EVENTS];
extern const guint demo_kind_weights[3];
extern const DemoStaff demo_staff[DEMO_N_STAFF];
extern const DemoWord demo_surnames[45];
extern const DemoWord demo_given_names[48];
extern const char * const demo_mobile_prefixes[21];
extern const DemoDistrict demo_districts[11];
extern const char * const demo_buildings[10];
extern const DemoWord demo_trade_names[46];
extern const char * const demo_company_kinds[18];
extern const DemoWord demo_institution_names[12];
extern const char * const demo_institution_kinds[8];
extern const char * const demo_district_units[13];
extern const char * const demo_departments[15];
extern const char * const demo_asset_patterns[4];
extern const DemoCategorySpec demo_categories[N_CATEGORIES];
extern const DemoModel demo_models[DEMO_N_MODELS];
extern const DemoFault demo_faults[DEMO_N_FAULTS];
extern const DemoSaleItem demo_sale_items[12];
extern const DemoSupplierSpec demo_suppliers[4];
extern const DemoCatalogPart demo_catalog[30];
extern const char * const demo_appearance[8];
extern const char * const demo_backups[3];
extern const char * const demo_evidence[4];
extern const guint demo_evidence_weights[4];
extern const char * const demo_quote_methods[5];
extern const guint demo_quote_method_weights[5];
extern const char * const demo_pay_methods[6];
extern const guint demo_pay_method_weights[6];
extern const char * const demo_old_parts[2];
extern const char * const demo_slow_decisions[4];
extern const char * const demo_decline_reasons[4];
extern const char * const demo_cancel_reasons[3];
extern const char * const demo_onsite_cancel_reasons[3];
extern const char * const demo_repair_periods[3];

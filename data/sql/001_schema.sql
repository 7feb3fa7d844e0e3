-- 001: the whole domain of shared/docs/domain.md as tables.
-- Money is integer fen; time is timestamptz; every row that people edit
-- concurrently carries a version.

CREATE DOMAIN wx_money AS bigint
  CHECK (VALUE >= 0 AND VALUE <= 100000000000);

-- Phone shape: digits with spaces, dashes and brackets, optional +country and
-- an extension (转 / ext / x / #). src/core/wx-validate.c checks more closely.
CREATE DOMAIN wx_phone AS text
  CHECK (VALUE ~ '^[+(]?[0-9][0-9 ()-]{4,30}( *(转|[Ee][Xx][Tt]\.?|[Xx]\.?|#) *[0-9]{1,6})?$');

CREATE DOMAIN wx_email AS text
  CHECK (length(VALUE) <= 254
         AND VALUE ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$');

-- Short single-line text that people type: trimmed, not empty.
CREATE DOMAIN wx_name AS text
  CHECK (VALUE = btrim(VALUE) AND length(VALUE) BETWEEN 1 AND 200);

-- ---------------------------------------------------------------- settings

CREATE TABLE settings (
  key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value       text NOT NULL,
  description text NOT NULL DEFAULT ''
);

-- Weekly opening hours: one row per open weekday (ISO: 1 = Monday … 7 = Sunday).
CREATE TABLE business_hours (
  weekday smallint PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
  opens   time NOT NULL,
  closes  time NOT NULL,
  CHECK (opens < closes)
);

-- Exceptions to the weekly hours: public holidays, and make-up working days
-- (调休) on which the shop opens although it is a weekend.
CREATE TABLE calendar_days (
  day     date PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name    text NOT NULL DEFAULT '',
  opens   time,
  closes  time,
  CHECK (kind = 'holiday' AND opens IS NULL AND closes IS NULL
         OR kind = 'workday' AND (opens IS NULL) = (closes IS NULL)
            AND (opens IS NULL OR opens < closes))
);

CREATE TABLE sla_thresholds (
  clock          text PRIMARY KEY CHECK (clock ~ '^[a-z][a-z-]*$'),
  target_minutes integer NOT NULL CHECK (target_minutes >= 0),
  limit_minutes  integer NOT NULL CHECK (limit_minutes > 0),
  description    text NOT NULL DEFAULT '',
  CHECK (target_minutes <= limit_minutes)
);

-- ---------------------------------------------------------------- staff

-- Display data for the PostgreSQL login roles of the shop's staff: events
-- record the role, screens show the name ("changed by 张三").
CREATE TABLE staff (
  role_name  name PRIMARY KEY,
  full_name  wx_name NOT NULL,
  phone      wx_phone,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- workflow

-- Mirror of the state table in src/core/wx-workflow.c (a test compares them).
CREATE TABLE workflow_states (
  state    text PRIMARY KEY,
  position smallint NOT NULL UNIQUE,
  label    text NOT NULL,
  folder   text NOT NULL CHECK (folder IN ('none', 'F1', 'F2', 'F3', 'F4', 'F5', 'with_engineer')),
  shelf    text NOT NULL CHECK (shelf IN ('none', 'S1', 'S2', 'S3', 'S4', 'bench', 'peer', 'returned', 'at_customer')),
  open     boolean NOT NULL
);

INSERT INTO workflow_states (state, position, label, folder, shelf, open) VALUES
  ('received',            0, 'Received',                   'F1',            'S1',          true),
  ('inspecting',          1, 'Dispatched for inspection',  'with_engineer', 'bench',       true),
  ('inspected',           2, 'Inspected, to quote',        'F2',            'S2',          true),
  ('quoted',              3, 'Quoted, awaiting decision',  'F2',            'S2',          true),
  ('agreed',              4, 'Agreed, awaiting repair',    'F2',            'S3',          true),
  ('declined',            5, 'Declined, to return',        'F3',            'S4',          true),
  ('waiting_parts',       6, 'Waiting for parts',          'with_engineer', 'S2',          true),
  ('repairing',           7, 'Dispatched for repair',      'with_engineer', 'bench',       true),
  ('outsourced',          8, 'At a peer shop',             'with_engineer', 'peer',        true),
  ('repaired',            9, 'Repaired (OK)',              'F3',            'S4',          true),
  ('notified',           10, 'Customer notified',          'F3',            'S4',          true),
  ('delivering',         11, 'Out for delivery',           'with_engineer', 'bench',       true),
  ('picked_up',          12, 'Picked up',                  'F4',            'returned',    true),
  ('entered',            13, 'Entered',                    'F4',            'returned',    true),
  ('reconciled',         14, 'Reconciled',                 'F5',            'returned',    true),
  ('archived',           15, 'Invoiced and archived',      'none',          'returned',    false),
  ('cancelled',          16, 'Cancelled',                  'none',          'none',        false),
  ('call_logged',        17, 'Call logged',                'F1',            'at_customer', true),
  ('onsite_dispatched',  18, 'Dispatched on site',         'with_engineer', 'at_customer', true),
  ('appointment_booked', 19, 'Visit booked',               'with_engineer', 'at_customer', true),
  ('on_site',            20, 'Engineer on site',           'with_engineer', 'at_customer', true),
  ('fixed_on_site',      21, 'Fixed on site',              'F3',            'at_customer', true);

-- ---------------------------------------------------------------- customers and devices

CREATE TABLE customers (
  id             bigserial PRIMARY KEY,
  unit_name      wx_name NOT NULL,
  address        text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
  city           text NOT NULL DEFAULT '' CHECK (length(city) <= 60),
  contact_person text NOT NULL DEFAULT '' CHECK (length(contact_person) <= 60),
  mobile         wx_phone,
  phone          wx_phone,
  fax            wx_phone,
  email          wx_email,
  is_contract    boolean NOT NULL DEFAULT false,
  notes          text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX customers_unit_name_idx ON customers (unit_name);
CREATE INDEX customers_mobile_idx ON customers (mobile);
CREATE INDEX customers_phone_idx ON customers (phone);

CREATE TABLE devices (
  id                bigserial PRIMARY KEY,
  customer_id       bigint NOT NULL REFERENCES customers ON DELETE RESTRICT,
  category          text NOT NULL CHECK (category IN ('pc', 'laptop', 'server', 'laser_printer',
                      'inkjet_printer', 'plotter', 'projector', 'network', 'other')),
  brand             text NOT NULL DEFAULT '' CHECK (length(brand) <= 60),
  model             text NOT NULL DEFAULT '' CHECK (length(model) <= 100),
  serial            text NOT NULL DEFAULT '' CHECK (length(serial) <= 60),
  asset_number      text NOT NULL DEFAULT '' CHECK (length(asset_number) <= 60),
  purchase_date     date,
  warranty_evidence text NOT NULL DEFAULT 'none' CHECK (warranty_evidence IN ('none', 'card', 'invoice', 'card_and_invoice')),
  warranty_expires  date,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (warranty_expires IS NULL OR purchase_date IS NULL OR warranty_expires >= purchase_date)
);
CREATE INDEX devices_customer_idx ON devices (customer_id);
CREATE INDEX devices_serial_idx ON devices (serial) WHERE serial <> '';

-- ---------------------------------------------------------------- suppliers and peer shops

CREATE TABLE suppliers (
  id         bigserial PRIMARY KEY,
  name       wx_name NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('supplier', 'peer_shop', 'both')),
  address    text NOT NULL DEFAULT '',
  phone      wx_phone,
  contact    text NOT NULL DEFAULT '',
  email      wx_email,
  notes      text NOT NULL DEFAULT ''
);

-- ---------------------------------------------------------------- order numbers

CREATE TABLE order_number_counters (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
  last bigint  NOT NULL CHECK (last >= 0)
);

-- wx_setting: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_setting(k text, fallback text DEFAULT NULL) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;

-- wx_next_order_number: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_next_order_number(at timestamptz DEFAULT now()) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- ---------------------------------------------------------------- service orders

CREATE TABLE service_orders (
  id                  bigserial PRIMARY KEY,
  number              text NOT NULL UNIQUE DEFAULT wx_next_order_number()
                        CHECK (number ~ '^[A-Za-z0-9-]{0,8}[0-9]{4}-[0-9]{4,9}$'),
  kind                text NOT NULL CHECK (kind IN ('carry_in', 'on_site', 'sale')),
  state               text NOT NULL REFERENCES workflow_states,
  customer_id         bigint NOT NULL REFERENCES customers ON DELETE RESTRICT,
  device_id           bigint REFERENCES devices ON DELETE RESTRICT,

  -- intake: the unit and people as written on the form at the time
  unit_name           wx_name NOT NULL,
  unit_address        text NOT NULL DEFAULT '' CHECK (length(unit_address) <= 300),
  contact_person      text NOT NULL DEFAULT '' CHECK (length(contact_person) <= 60),
  contact_mobile      wx_phone,
  contact_phone       wx_phone,
  contact_fax         wx_phone,
  contact_email       wx_email,
  end_user            text NOT NULL DEFAULT '' CHECK (length(end_user) <= 60),
  end_user_phone      wx_phone,
  floor_department    text NOT NULL DEFAULT '' CHECK (length(floor_department) <= 100),
  -- the machine
  product_name        text NOT NULL DEFAULT '' CHECK (length(product_name) <= 100),
  model               text NOT NULL DEFAULT '' CHECK (length(model) <= 100),
  serial              text NOT NULL DEFAULT '' CHECK (length(serial) <= 60),
  asset_number        text NOT NULL DEFAULT '' CHECK (length(asset_number) <= 60),
  reported_fault      text NOT NULL DEFAULT '' CHECK (length(reported_fault) <= 2000),
  appearance_check    text NOT NULL DEFAULT '' CHECK (length(appearance_check) <= 1000),
  warranty_status     text NOT NULL DEFAULT 'unknown'
                        CHECK (warranty_status IN ('unknown', 'in_warranty', 'out_of_warranty', 'contract')),
  warranty_evidence   text NOT NULL DEFAULT 'none'
                        CHECK (warranty_evidence IN ('none', 'card', 'invoice', 'card_and_invoice')),
  remarks             text NOT NULL DEFAULT '' CHECK (length(remarks) <= 2000),
  is_return_repair    boolean NOT NULL DEFAULT false,
  return_of_order_id  bigint REFERENCES service_orders,
  backup              text NOT NULL DEFAULT 'not_applicable'
                        CHECK (backup IN ('not_applicable', 'backed_up', 'may_lose_data', 'customer_keeps_disk')),
  notice_read         boolean NOT NULL DEFAULT false,
  customer_signed     boolean NOT NULL DEFAULT false,
  received_by         name NOT NULL DEFAULT current_user,
  received_at         timestamptz NOT NULL DEFAULT now(),
  owner_role          name NOT NULL DEFAULT current_user,    -- 首问负责

  -- dispatch
  engineer            name,
  dispatched_at       timestamptz,
  appointment_at      timestamptz,

  -- inspection
  fault_analysis      text NOT NULL DEFAULT '' CHECK (length(fault_analysis) <= 2000),
  measures            text NOT NULL DEFAULT '' CHECK (length(measures) <= 2000),
  parts_needed        text NOT NULL DEFAULT '' CHECK (length(parts_needed) <= 2000),
  suggested_price     wx_money,
  explanation         text NOT NULL DEFAULT '' CHECK (length(explanation) <= 2000),
  inspected_by        name,
  inspected_at        timestamptz,
  peer_id             bigint REFERENCES suppliers,

  -- quote
  quote_total         wx_money,
  quoted_at           timestamptz,
  quote_method        text CHECK (quote_method IN ('phone', 'fax', 'email', 'chat', 'in_person')),
  quote_told          text NOT NULL DEFAULT '' CHECK (length(quote_told) <= 200),
  repair_period       text NOT NULL DEFAULT '' CHECK (length(repair_period) <= 100),

  -- decision
  decision            text CHECK (decision IN ('agree', 'decline')),
  decided_at          timestamptz,
  decision_contact    text NOT NULL DEFAULT '' CHECK (length(decision_contact) <= 100),
  decision_reason     text NOT NULL DEFAULT '' CHECK (length(decision_reason) <= 1000),

  -- repair
  repaired_by         name,
  repaired_at         timestamptz,
  repair_notes        text NOT NULL DEFAULT '' CHECK (length(repair_notes) <= 2000),
  old_parts           text CHECK (old_parts IN ('returned_to_customer', 'kept_by_supervisor', 'none')),

  -- completion and pickup
  notified_at         timestamptz,
  picked_up_at        timestamptz,
  picked_up_by        text NOT NULL DEFAULT '' CHECK (length(picked_up_by) <= 60),
  delivered_by        name,
  accessories_checked boolean NOT NULL DEFAULT false,
  pickup_signed       boolean NOT NULL DEFAULT false,
  payment_status      text NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'paid', 'on_account', 'free')),

  -- closing
  entered_at          timestamptz,
  confirmed_by        name,
  reviewed_by         name,
  reviewed_at         timestamptz,
  reconciled_at       timestamptz,
  invoiced_at         timestamptz,
  cancel_reason       text NOT NULL DEFAULT '' CHECK (length(cancel_reason) <= 1000),

  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          name NOT NULL DEFAULT current_user,

  -- what each kind must carry (domain.md section 2 and seed 000 惠维服务单填写流程)
  CONSTRAINT order_contact_reachable CHECK (contact_mobile IS NOT NULL OR contact_phone IS NOT NULL),
  CONSTRAINT order_carry_in_machine CHECK (kind <> 'carry_in'
    OR (product_name <> '' AND reported_fault <> '' AND (model <> '' OR serial <> ''))),
  CONSTRAINT order_on_site_address CHECK (kind <> 'on_site' OR (unit_address <> '' AND reported_fault <> '')),
  CONSTRAINT order_sale_items CHECK (kind <> 'sale' OR product_name <> ''),
  CONSTRAINT order_cancel_reason CHECK (state <> 'cancelled' OR cancel_reason <> ''),
  CONSTRAINT order_decision_time CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CONSTRAINT order_return_link CHECK (return_of_order_id IS NULL OR is_return_repair),
  CONSTRAINT order_not_self_return CHECK (return_of_order_id IS NULL OR return_of_order_id <> id)
);
CREATE INDEX service_orders_state_idx ON service_orders (state);
CREATE INDEX service_orders_customer_idx ON service_orders (customer_id);
CREATE INDEX service_orders_serial_idx ON service_orders (serial) WHERE serial <> '';
CREATE INDEX service_orders_engineer_idx ON service_orders (engineer) WHERE engineer IS NOT NULL;
CREATE INDEX service_orders_received_idx ON service_orders (received_at);
CREATE INDEX service_orders_contact_mobile_idx ON service_orders (contact_mobile);

-- Accessories left with the machine, each labelled (随机附件).
CREATE TABLE order_accessories (
  id       bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES service_orders ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 99),
  name     wx_name NOT NULL,
  returned boolean NOT NULL DEFAULT false,
  UNIQUE (order_id, position)
);

-- The order's event log: the "signature and time" fields of the paper form.
CREATE TABLE order_events (
  id         bigserial PRIMARY KEY,
  order_id   bigint NOT NULL REFERENCES service_orders ON DELETE RESTRICT,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      name NOT NULL DEFAULT current_user,
  event      text NOT NULL CHECK (event ~ '^[a-z][a-z_-]*$'),
  from_state text REFERENCES workflow_states,
  to_state   text REFERENCES workflow_states,
  payload    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object')
);
CREATE INDEX order_events_order_idx ON order_events (order_id, at);

-- ---------------------------------------------------------------- quotes and payments

CREATE TABLE quote_lines (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders ON DELETE CASCADE,
  position    smallint NOT NULL CHECK (position BETWEEN 1 AND 999),
  kind        text NOT NULL DEFAULT 'part' CHECK (kind IN ('part', 'labour', 'item', 'fee')),
  part_id     bigint,
  part_number text NOT NULL DEFAULT '' CHECK (length(part_number) <= 60),
  description wx_name NOT NULL,
  quantity    integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100000),
  unit_price  wx_money NOT NULL,
  amount      bigint GENERATED ALWAYS AS (quantity * unit_price) STORED
                CHECK (amount <= 100000000000),
  UNIQUE (order_id, position)
);

CREATE TABLE payments (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders ON DELETE RESTRICT,
  at          timestamptz NOT NULL DEFAULT now(),
  amount      wx_money NOT NULL CHECK (amount > 0),
  method      text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque')),
  received_by name NOT NULL DEFAULT current_user,
  note        text NOT NULL DEFAULT ''
);
CREATE INDEX payments_order_idx ON payments (order_id);

-- ---------------------------------------------------------------- parts and stock

CREATE TABLE parts (
  id          bigserial PRIMARY KEY,
  part_number text NOT NULL UNIQUE CHECK (part_number = btrim(part_number) AND length(part_number) BETWEEN 1 AND 60),
  name        wx_name NOT NULL,
  category    text NOT NULL DEFAULT '',
  unit_price  wx_money NOT NULL DEFAULT 0,
  cost        wx_money NOT NULL DEFAULT 0,
  stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  min_stock   integer NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
  supplier_id bigint REFERENCES suppliers
);
ALTER TABLE quote_lines ADD FOREIGN KEY (part_id) REFERENCES parts;

CREATE TABLE stock_movements (
  id        bigserial PRIMARY KEY,
  part_id   bigint NOT NULL REFERENCES parts,
  order_id  bigint REFERENCES service_orders,
  at        timestamptz NOT NULL DEFAULT now(),
  kind      text NOT NULL CHECK (kind IN ('receive', 'issue', 'return', 'consume', 'adjust')),
  quantity  integer NOT NULL CHECK (quantity <> 0),
  actor     name NOT NULL DEFAULT current_user,
  note      text NOT NULL DEFAULT '',
  CHECK (kind NOT IN ('issue', 'return', 'consume') OR order_id IS NOT NULL)
);
CREATE INDEX stock_movements_part_idx ON stock_movements (part_id, at);

-- Parts ordered from a supplier for an order (等待备件).
CREATE TABLE part_orders (
  id           bigserial PRIMARY KEY,
  order_id     bigint NOT NULL REFERENCES service_orders,
  part_id      bigint REFERENCES parts,
  description  wx_name NOT NULL,
  supplier_id  bigint REFERENCES suppliers,
  ordered_at   timestamptz NOT NULL DEFAULT now(),
  expected_on  date,
  arrived_at   timestamptz,
  prepaid      boolean NOT NULL DEFAULT false,
  cost         wx_money,
  solved       boolean
);
CREATE INDEX part_orders_order_idx ON part_orders (order_id);

-- Replaced parts kept by the supervisor (旧配件库房).
CREATE TABLE old_parts (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders,
  description wx_name NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_by name NOT NULL DEFAULT current_user,
  disposed_at timestamptz,
  disposition text NOT NULL DEFAULT ''
);

-- Sending a machine to a peer shop (送同行).
CREATE TABLE outsourcing (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders,
  peer_id     bigint NOT NULL REFERENCES suppliers,
  sent_at     timestamptz NOT NULL DEFAULT now(),
  followed_by name NOT NULL DEFAULT current_user,
  peer_quote  wx_money,
  replied_at  timestamptz,
  returned_at timestamptz,
  notes       text NOT NULL DEFAULT '',
  CHECK (returned_at IS NULL OR returned_at >= sent_at)
);

-- ---------------------------------------------------------------- calls and visits

-- The front desk's call log (工作日记本): inbound and outbound, every attempt.
CREATE TABLE calls (
  id               bigserial PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  direction        text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  purpose          text NOT NULL DEFAULT 'other'
                     CHECK (purpose IN ('request', 'enquiry', 'quote', 'notify_pickup', 'appointment',
                                        'running_late', 'callback', 'complaint', 'other')),
  customer_id      bigint REFERENCES customers,
  order_id         bigint REFERENCES service_orders,
  contact          text NOT NULL DEFAULT '',
  phone            wx_phone,
  machine          text NOT NULL DEFAULT '',
  subject          text NOT NULL DEFAULT '',
  result           text NOT NULL DEFAULT '',
  reached          boolean NOT NULL DEFAULT true,
  answered_by      text NOT NULL DEFAULT '',    -- who picked up
  relayed_to       text NOT NULL DEFAULT '',    -- 转告: passed on to whom
  promised_reply_at timestamptz,
  attempt          smallint NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  actor            name NOT NULL DEFAULT current_user
);
CREATE INDEX calls_order_idx ON calls (order_id);
CREATE INDEX calls_at_idx ON calls (at);

-- On-site visits (现场维修).
CREATE TABLE visits (
  id              bigserial PRIMARY KEY,
  order_id        bigint NOT NULL REFERENCES service_orders,
  engineer        name NOT NULL DEFAULT current_user,
  contacted_at    timestamptz,
  appointment_at  timestamptz,
  address         text NOT NULL DEFAULT '',
  late_notice_at  timestamptz,
  arrived_at      timestamptz,
  left_at         timestamptz,
  outcome         text CHECK (outcome IN ('fixed', 'needs_parts', 'taken_back', 'customer_absent', 'delivered')),
  customer_signed boolean NOT NULL DEFAULT false,
  notes           text NOT NULL DEFAULT '',
  CHECK (left_at IS NULL OR arrived_at IS NULL OR left_at >= arrived_at)
);
CREATE INDEX visits_order_idx ON visits (order_id);

-- ---------------------------------------------------------------- supervisor work

CREATE TABLE escalations (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders,
  at          timestamptz NOT NULL DEFAULT now(),
  trigger     text NOT NULL CHECK (trigger IN ('manual', 'two_visits', 'two_part_orders',
                                               'no_diagnosis_week', 'cluster')),
  reason      text NOT NULL DEFAULT '',
  raised_by   name NOT NULL DEFAULT current_user,
  resolved_at timestamptz,
  resolved_by name,
  resolution  text NOT NULL DEFAULT '',
  CHECK (trigger <> 'manual' OR reason <> ''),
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);
CREATE INDEX escalations_order_idx ON escalations (order_id);

CREATE TABLE callbacks (
  id                bigserial PRIMARY KEY,
  order_id          bigint NOT NULL REFERENCES service_orders,
  kind              text NOT NULL CHECK (kind IN ('weekly', 'onsite_24h', 'hotline_next_day', 'phone_guidance_2h', 'pickup_unchecked')),
  due_at            timestamptz NOT NULL,
  done_at           timestamptz,
  actor             name,
  reached           boolean,
  call_again_at     timestamptz,
  machine_working   boolean,
  weak_response     boolean NOT NULL DEFAULT false,
  weak_repair_time  boolean NOT NULL DEFAULT false,
  weak_attitude     boolean NOT NULL DEFAULT false,
  weak_quote_speed  boolean NOT NULL DEFAULT false,
  engineer_explained boolean,
  satisfaction      smallint CHECK (satisfaction BETWEEN 1 AND 5),
  comments          text NOT NULL DEFAULT '',
  CHECK (done_at IS NOT NULL OR satisfaction IS NULL)
);
CREATE INDEX callbacks_due_idx ON callbacks (due_at) WHERE done_at IS NULL;

CREATE TABLE complaints (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  order_id    bigint REFERENCES service_orders,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_by name NOT NULL DEFAULT current_user,
  description text NOT NULL CHECK (btrim(description) <> ''),
  closed_at   timestamptz,
  outcome     text NOT NULL DEFAULT '',
  CHECK (closed_at IS NULL OR outcome <> '')
);

-- The five steps of the seed's complaint procedure, each with who and when.
CREATE TABLE complaint_steps (
  complaint_id bigint NOT NULL REFERENCES complaints ON DELETE CASCADE,
  step         smallint NOT NULL CHECK (step BETWEEN 1 AND 5),
  at           timestamptz NOT NULL DEFAULT now(),
  actor        name NOT NULL DEFAULT current_user,
  note         text NOT NULL DEFAULT '',
  PRIMARY KEY (complaint_id, step)
);

-- ---------------------------------------------------------------- contracts and inspections

CREATE TABLE contracts (
  id               bigserial PRIMARY KEY,
  customer_id      bigint NOT NULL REFERENCES customers,
  number           text NOT NULL UNIQUE CHECK (number = btrim(number) AND number <> ''),
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  engineer         name,
  interval_months  smallint NOT NULL DEFAULT 6 CHECK (interval_months BETWEEN 1 AND 24),
  fee              wx_money NOT NULL DEFAULT 0,
  terms            text NOT NULL DEFAULT '',
  CHECK (ends_on >= starts_on)
);

CREATE TABLE contract_devices (
  contract_id bigint NOT NULL REFERENCES contracts ON DELETE CASCADE,
  device_id   bigint NOT NULL REFERENCES devices,
  PRIMARY KEY (contract_id, device_id)
);

-- Periodic inspection visits (巡检服务单), one row per device visited.
CREATE TABLE inspection_visits (
  id              bigserial PRIMARY KEY,
  contract_id     bigint NOT NULL REFERENCES contracts,
  device_id       bigint REFERENCES devices,
  engineer        name NOT NULL DEFAULT current_user,
  visited_at      timestamptz NOT NULL DEFAULT now(),
  findings        text NOT NULL DEFAULT '',
  actions         text NOT NULL DEFAULT '',
  next_due        date,
  customer_signed boolean NOT NULL DEFAULT false
);

-- ---------------------------------------------------------------- loaners and workshop

CREATE TABLE loaners (
  id          bigserial PRIMARY KEY,
  description wx_name NOT NULL,
  serial      text NOT NULL DEFAULT '',
  order_id    bigint REFERENCES service_orders,
  lent_at     timestamptz,
  returned_at timestamptz,
  retired     boolean NOT NULL DEFAULT false,
  CHECK ((order_id IS NULL) = (lent_at IS NULL)),
  CHECK (returned_at IS NULL OR (lent_at IS NOT NULL AND returned_at >= lent_at))
);

-- Anti-static gear (every January and June) and instruments (yearly).
CREATE TABLE workshop_equipment (
  id             bigserial PRIMARY KEY,
  name           wx_name NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('anti_static', 'instrument', 'other')),
  check_months   smallint[] NOT NULL CHECK (cardinality(check_months) >= 1
                   AND check_months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[])
);

CREATE TABLE equipment_checks (
  id           bigserial PRIMARY KEY,
  equipment_id bigint NOT NULL REFERENCES workshop_equipment,
  checked_at   timestamptz NOT NULL DEFAULT now(),
  actor        name NOT NULL DEFAULT current_user,
  passed       boolean NOT NULL,
  notes        text NOT NULL DEFAULT ''
);

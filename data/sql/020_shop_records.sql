-- 020_shop_records.sql — the shop's records (issue 14): suppliers, the
-- parts catalogue, stock, customers and machines are written through
-- functions (data/sql/functions/shop.sql and stock.sql) that check who asks
-- and log each change in record_events. Before this a fresh install could
-- add neither a supplier nor a part (016 and 019 left them to the
-- administrator's psql), and no one could receive stock.

-- ------------------------------------------------------------ the log

-- One row per change of a record: what it was, who, when, and for an edit
-- each field's old and new value ({"fields": {"phone": {"old": …, "new": …}}}).
CREATE TABLE record_events (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     name NOT NULL DEFAULT current_user,
  record    text NOT NULL CHECK (record IN ('customer', 'device', 'supplier', 'part', 'stock')),
  record_id bigint NOT NULL,
  event     text NOT NULL CHECK (event ~ '^[a-z][a-z_]*$'),
  payload   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX record_events_record_idx ON record_events (record, record_id, at);

CREATE TRIGGER record_events_stamp BEFORE INSERT ON record_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_stamp();
CREATE TRIGGER record_events_immutable BEFORE UPDATE OR DELETE ON record_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_immutable();
CREATE TRIGGER record_events_no_truncate BEFORE TRUNCATE ON record_events
  FOR EACH STATEMENT EXECUTE FUNCTION wx_event_immutable();

-- ------------------------------------------------------------ suppliers

-- Payment terms (款到发货: pay before it ships; 月结: monthly), the parts
-- they supply, and whether the shop still buys from them.
ALTER TABLE suppliers
  ADD COLUMN payment_terms text NOT NULL DEFAULT 'prepay' CHECK (payment_terms IN ('prepay', 'monthly', 'other')),
  ADD COLUMN supplies      text NOT NULL DEFAULT '' CHECK (length(supplies) <= 500),
  ADD COLUMN active        boolean NOT NULL DEFAULT true,
  ADD COLUMN version       integer NOT NULL DEFAULT 1;
CREATE TRIGGER suppliers_version BEFORE UPDATE ON suppliers
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();

-- ------------------------------------------------------------ parts

ALTER TABLE parts
  ADD COLUMN fits_models  text NOT NULL DEFAULT '' CHECK (length(fits_models) <= 500),
  ADD COLUMN bin_location text NOT NULL DEFAULT '' CHECK (length(bin_location) <= 30),
  ADD COLUMN active       boolean NOT NULL DEFAULT true,
  ADD COLUMN version      integer NOT NULL DEFAULT 1;
CREATE TRIGGER parts_version BEFORE UPDATE ON parts
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();

-- What a receipt came with: from whom, at what cost each.
ALTER TABLE stock_movements
  ADD COLUMN supplier_id bigint REFERENCES suppliers,
  ADD COLUMN unit_cost   wx_money;

-- A part set aside for an order (its arrival reserves it, or the supervisor
-- does): what stock holds but may not give to another order. Released when
-- the order is issued the part or closes (the available count in
-- wx_part_available, functions/stock.sql, counts only the open ones).
CREATE TABLE stock_reservations (
  id        bigserial PRIMARY KEY,
  part_id   bigint NOT NULL REFERENCES parts,
  order_id  bigint NOT NULL REFERENCES service_orders,
  quantity  integer NOT NULL CHECK (quantity > 0),
  at        timestamptz NOT NULL DEFAULT now(),
  actor     name NOT NULL DEFAULT current_user
);
CREATE INDEX stock_reservations_part_idx ON stock_reservations (part_id);
CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id);

-- ------------------------------------------------------------ machines

ALTER TABLE devices ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TRIGGER devices_version BEFORE UPDATE ON devices
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();
CREATE INDEX devices_serial_upper_idx ON devices (upper(serial)) WHERE serial <> '';

-- The shop's warranty (三包) in months from the purchase date; a category
-- may have its own (warranty.months.laptop …).
INSERT INTO settings (key, value, description) VALUES
  ('warranty.months', '12', 'Months of warranty from the purchase date (三包), unless the card says otherwise')
  ON CONFLICT (key) DO NOTHING;

-- ------------------------------------------------------------ grants

-- The functions write these; no staff group does by hand any more.
REVOKE INSERT, UPDATE, DELETE ON parts, suppliers FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE ALL ON record_events, stock_reservations FROM PUBLIC;
GRANT SELECT ON record_events, stock_reservations TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

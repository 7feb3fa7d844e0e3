-- 006: finding orders fast (issue 5). The front desk's search looks for a
-- fragment of an order number, a phone number, a serial number, a unit name
-- or a contact person in orders of any state, newest first; the kanban board
-- loads every open order with its event log (src/db/wx-db-board.c).

-- Trigram indexes answer LIKE '%fragment%' for fragments of three characters
-- and more, Chinese included. pg_trgm ships with PostgreSQL (Debian's
-- postgresql-15) and is a trusted extension: the database's owner may create
-- it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- What the search looks in, lower-cased, one field a line so that no match
-- spans two, phones as digits only: the desk types "138 1234 5678",
-- "13812345678" or "8758 1480" for the same number.
CREATE FUNCTION wx_search_text(number text, unit_name text, contact_person text, serial text,
                               mobile text, phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(number || E'\n' || unit_name || E'\n' || contact_person || E'\n' || serial
               || E'\n' || coalesce(regexp_replace(mobile, '[^0-9]+', '', 'g'), '')
               || E'\n' || coalesce(regexp_replace(phone, '[^0-9]+', '', 'g'), ''));

-- Trigrams cannot index a fragment of one or two characters, and two are
-- common here: a name (李明), the distinctive part of a unit's name (穗丰).
-- Every substring of one and of two characters of a text, for a GIN index
-- on arrays (duplicates do no harm: GIN keeps each key once per row).
CREATE FUNCTION wx_short_grams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ARRAY(SELECT substr(t, i, 1) FROM generate_series(1, length(t)) i)
      || ARRAY(SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) i);

-- The search text of every order, kept by the triggers below. A table
-- apart from service_orders: the workflow updates an order at every step
-- (state, version, times), and on service_orders each of those updates
-- would write the order's hundred-odd index entries again.
CREATE TABLE order_search (
  order_id    bigint PRIMARY KEY REFERENCES service_orders ON DELETE CASCADE,
  customer_id bigint NOT NULL,
  received_at timestamptz NOT NULL,
  text        text NOT NULL
);
CREATE INDEX order_search_received_idx ON order_search (received_at, order_id);
CREATE INDEX order_search_customer_idx ON order_search (customer_id);
CREATE INDEX order_search_text_idx ON order_search USING gin (text gin_trgm_ops);
CREATE INDEX order_search_short_idx ON order_search USING gin (wx_short_grams(text));

CREATE FUNCTION wx_order_search_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO order_search (order_id, customer_id, received_at, text)
    SELECT id, customer_id, received_at,
           wx_search_text(number, unit_name, contact_person, serial, contact_mobile, contact_phone)
      FROM new_rows;
  RETURN NULL;
END
$$;

CREATE FUNCTION wx_order_search_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE order_search
     SET customer_id = NEW.customer_id, received_at = NEW.received_at,
         text = wx_search_text(NEW.number, NEW.unit_name, NEW.contact_person, NEW.serial,
                               NEW.contact_mobile, NEW.contact_phone)
   WHERE order_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER service_orders_search_insert AFTER INSERT ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_order_search_insert();
CREATE TRIGGER service_orders_search_update AFTER UPDATE ON service_orders FOR EACH ROW
  WHEN (OLD.number IS DISTINCT FROM NEW.number OR OLD.unit_name IS DISTINCT FROM NEW.unit_name
        OR OLD.contact_person IS DISTINCT FROM NEW.contact_person OR OLD.serial IS DISTINCT FROM NEW.serial
        OR OLD.contact_mobile IS DISTINCT FROM NEW.contact_mobile
        OR OLD.contact_phone IS DISTINCT FROM NEW.contact_phone
        OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION wx_order_search_update();

INSERT INTO order_search (order_id, customer_id, received_at, text)
  SELECT id, customer_id, received_at,
         wx_search_text(number, unit_name, contact_person, serial, contact_mobile, contact_phone)
    FROM service_orders;

-- A customer's own numbers, which may differ from the contact on an order.
-- Customers change seldom: a generated column does.
ALTER TABLE customers ADD COLUMN phone_digits text NOT NULL
  GENERATED ALWAYS AS (coalesce(regexp_replace(mobile, '[^0-9]+', '', 'g'), '')
                       || E'\n' || coalesce(regexp_replace(phone, '[^0-9]+', '', 'g'), '')) STORED;
CREATE INDEX customers_phone_digits_idx ON customers USING gin (phone_digits gin_trgm_ops);

-- The board: each open order's events in time order from the index alone,
-- and its open escalations.
DROP INDEX order_events_order_idx;
CREATE INDEX order_events_order_idx ON order_events (order_id, at, id) INCLUDE (event);
CREATE INDEX escalations_open_idx ON escalations (order_id) WHERE resolved_at IS NULL;
-- Events are only ever inserted: vacuum them often enough that the
-- visibility map keeps up and the index above is read without the table.
ALTER TABLE order_events SET (autovacuum_vacuum_insert_scale_factor = 0.01);

-- Everybody on staff searches; only the triggers write the search table.
GRANT SELECT ON order_search TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE ALL ON FUNCTION wx_search_text(text, text, text, text, text, text), wx_short_grams(text),
  wx_order_search_insert(), wx_order_search_update() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_short_grams(text) TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

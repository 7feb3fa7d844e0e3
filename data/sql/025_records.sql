-- 025: the shop's records, second part (issue 14).
--
-- The on-site arrival completes an order opened from a call without a
-- serial: the step fills the order's serial and the machine it found or
-- added (wx_step_records, functions/records.sql says which; a device_id
-- from the client is dropped there).
UPDATE workflow_transitions SET fills = '{arrived_at,serial,device_id}'
 WHERE position = 26 AND event = 'arrive';

-- Search by pinyin (助记码): every CJK character's Mandarin readings,
-- filled from Debian's Unihan data by the generated function file
-- sql/functions/pinyin.sql (data/sql/gen-pinyin.py), and on customers,
-- suppliers and parts a `pinyin` column the trigger wx_pinyin_fill keeps:
-- the initials and the full pinyin of the names, every reading of a
-- polyphonic character (functions/search.sql).
CREATE TABLE pinyin_readings (
  ch       text PRIMARY KEY CHECK (length(ch) = 1),
  readings text[] NOT NULL
);
ALTER TABLE customers ADD COLUMN pinyin text NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN pinyin text NOT NULL DEFAULT '';
ALTER TABLE parts ADD COLUMN pinyin text NOT NULL DEFAULT '';

-- A stub: the current text is in data/sql/functions/search.sql.
CREATE FUNCTION wx_pinyin_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER customers_pinyin BEFORE INSERT OR UPDATE OF unit_name, contact_person ON customers
  FOR EACH ROW EXECUTE FUNCTION wx_pinyin_fill();
CREATE TRIGGER suppliers_pinyin BEFORE INSERT OR UPDATE OF name, contact ON suppliers
  FOR EACH ROW EXECUTE FUNCTION wx_pinyin_fill();
CREATE TRIGGER parts_pinyin BEFORE INSERT OR UPDATE OF name ON parts
  FOR EACH ROW EXECUTE FUNCTION wx_pinyin_fill();

REVOKE ALL ON pinyin_readings FROM PUBLIC;
GRANT SELECT ON pinyin_readings TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- The lists search the pinyin keys with LIKE '%…%': trigram indexes (pg_trgm, 006).
CREATE INDEX customers_pinyin_idx ON customers USING gin (pinyin gin_trgm_ops);
CREATE INDEX suppliers_pinyin_idx ON suppliers USING gin (pinyin gin_trgm_ops);
CREATE INDEX parts_pinyin_idx ON parts USING gin (pinyin gin_trgm_ops);

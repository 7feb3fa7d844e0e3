-- 007_calls.sql — every call of an order is numbered as it is logged: the
-- first pickup notice is attempt 1, the next (after "no answer") 2, and so
-- on, whoever writes the row (the call log, or wx_transition's 'notify').

-- wx_number_call_attempt: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_number_call_attempt() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER calls_attempt BEFORE INSERT ON calls
  FOR EACH ROW EXECUTE FUNCTION wx_number_call_attempt();

-- A caller who is not a customer yet still names a unit (单位).
ALTER TABLE calls ADD COLUMN unit_name text NOT NULL DEFAULT '' CHECK (length(unit_name) <= 100);
CREATE INDEX calls_unlinked_idx ON calls (at) WHERE order_id IS NULL;

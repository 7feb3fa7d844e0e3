-- functions/calls.sql — the call log.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

CREATE OR REPLACE FUNCTION wx_number_call_attempt() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.order_id IS NOT NULL THEN
    -- Two clerks logging calls of one order at once: one after the other.
    PERFORM pg_advisory_xact_lock(hashtextextended('wx_calls:' || NEW.order_id || ':' || NEW.purpose, 0));
    NEW.attempt := 1 + (SELECT count(*) FROM calls c
                         WHERE c.order_id = NEW.order_id AND c.purpose = NEW.purpose);
  END IF;
  RETURN NEW;
END
$$;

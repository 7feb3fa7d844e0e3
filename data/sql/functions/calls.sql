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

-- Logs one call of the call log (工作日记本) from `p` (a JSON object):
--   direction (inbound | outbound), purpose (a call purpose, default other),
--   order_id, customer_id (0 or absent: none; the order's customer when an
--   order is given), contact, phone, machine, subject, result, reached
--   (yes/no, default yes), answered_by, relayed_to (转告), unit_name,
--   at (when the call was made, Unix seconds; absent: now),
--   promised_reply_at (Unix seconds; absent: no promise).
-- Checks it as wx_call_record_check (src/core/wx-call.c) does, with the same
-- sentences and in the same order; a call's time lies within the last 31
-- days (not ahead), a promised reply within a year of now and not before the
-- call. Who logged it is the staff login. Coordinators, engineers and
-- supervisors log calls. Returns the call's id.
CREATE OR REPLACE FUNCTION wx_call_log(p jsonb) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  known constant text[] := ARRAY['direction', 'purpose', 'order_id', 'customer_id', 'contact', 'phone', 'machine',
    'subject', 'result', 'reached', 'answered_by', 'relayed_to', 'unit_name', 'at', 'promised_reply_at'];
  v jsonb := coalesce(p, 'null'::jsonb);
  k text;
  v_direction text;
  v_purpose text;
  v_order bigint; v_customer bigint; v_at bigint; v_promised bigint;
  v_contact text; v_phone_raw text; v_machine text; v_subject text; v_result text;
  v_answered text; v_relayed text; v_unit text;
  v_reached boolean;
  v_when timestamptz;
  v_order_customer bigint;
  v_id bigint;
BEGIN
  IF jsonb_typeof(v) <> 'object' THEN
    PERFORM wx_refuse('wx_form_object');
  END IF;
  IF NOT (pg_has_role(wx_caller(), 'wx_coordinator', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_engineer', 'MEMBER')
          OR pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER')) THEN
    PERFORM wx_refuse_code('call_role', 'WX403');
  END IF;
  FOR k IN SELECT jsonb_object_keys(v) ORDER BY 1 LOOP
    IF NOT k = ANY (known) THEN
      PERFORM wx_refuse_field('wx_field_unknown', k);
    END IF;
  END LOOP;

  -- The types first; then the rules in the order of wx_call_record_check.
  v_order := coalesce(wx_form_integer(v, 'order_id'), 0);
  v_customer := coalesce(wx_form_integer(v, 'customer_id'), 0);
  v_at := coalesce(wx_form_integer(v, 'at'), 0);
  v_promised := coalesce(wx_form_integer(v, 'promised_reply_at'), 0);
  v_reached := coalesce(wx_form_boolean(v, 'reached'), true);
  v_unit := coalesce(wx_form_text(v, 'unit_name', 100000), '');
  v_contact := coalesce(wx_form_text(v, 'contact', 100000), '');
  v_phone_raw := wx_form_raw(v, 'phone');
  v_machine := coalesce(wx_form_text(v, 'machine', 100000), '');
  v_subject := coalesce(wx_form_text(v, 'subject', 100000), '');
  v_result := coalesce(wx_form_text(v, 'result', 100000), '');
  v_answered := coalesce(wx_form_text(v, 'answered_by', 100000), '');
  v_relayed := coalesce(wx_form_text(v, 'relayed_to', 100000), '');

  v_direction := v ->> 'direction';
  IF jsonb_typeof(v -> 'direction') IS DISTINCT FROM 'string' OR v_direction NOT IN ('inbound', 'outbound') THEN
    PERFORM wx_refuse('call_direction');
  END IF;
  v_purpose := coalesce(v ->> 'purpose', 'other');
  IF v ? 'purpose' AND jsonb_typeof(v -> 'purpose') NOT IN ('string', 'null')
     OR v_purpose NOT IN ('request', 'enquiry', 'quote', 'notify_pickup', 'appointment', 'running_late',
                          'callback', 'complaint', 'other') THEN
    PERFORM wx_refuse('call_purpose', v_purpose);
  END IF;
  IF v_order < 0 OR v_customer < 0 OR v_at < 0 OR v_promised < 0 THEN
    PERFORM wx_refuse('call_reference');
  END IF;
  IF v_order = 0 AND v_customer = 0 AND v_unit = '' AND v_contact = '' AND coalesce(wx_trim(v_phone_raw), '') = '' THEN
    PERFORM wx_refuse('call_who');
  END IF;
  IF coalesce(wx_trim(v_phone_raw), '') <> '' THEN
    PERFORM wx_form_check_phone(v_phone_raw);
  END IF;
  IF v_order = 0 AND v_subject = '' THEN
    PERFORM wx_refuse('call_subject');
  END IF;
  IF NOT v_reached AND (v_answered <> '' OR v_relayed <> '') THEN
    PERFORM wx_refuse('call_unanswered');
  END IF;
  IF v_relayed <> '' AND v_answered = '' THEN
    PERFORM wx_refuse('call_relay');
  END IF;
  IF v_reached AND v_answered = '' AND v_purpose = 'notify_pickup' THEN
    PERFORM wx_refuse('call_pickup_answer');
  END IF;
  -- Lengths (the same in wx_call_record_check).
  PERFORM wx_form_text(v, 'unit_name', 100), wx_form_text(v, 'contact', 60), wx_form_text(v, 'machine', 200),
          wx_form_text(v, 'subject', 200), wx_form_text(v, 'result', 2000), wx_form_text(v, 'answered_by', 60),
          wx_form_text(v, 'relayed_to', 60);

  -- What only the server knows: the order, the customer, the clock.
  IF v_order > 0 THEN
    SELECT o.customer_id INTO v_order_customer FROM service_orders o WHERE o.id = v_order;
    IF NOT FOUND THEN
      PERFORM wx_refuse_code('call_order_missing', 'WX404');
    END IF;
  END IF;
  IF v_customer > 0 AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = v_customer) THEN
    PERFORM wx_refuse('call_reference');
  END IF;
  v_when := CASE WHEN v_at > 0 THEN to_timestamp(v_at) ELSE now() END;
  IF v_when > now() + interval '10 minutes' OR v_when < now() - interval '31 days' THEN
    PERFORM wx_refuse('call_time');
  END IF;
  IF v_promised > 0 AND (to_timestamp(v_promised) < v_when - interval '1 day'
                         OR to_timestamp(v_promised) > now() + interval '366 days') THEN
    PERFORM wx_refuse('call_promise_time');
  END IF;

  INSERT INTO calls (at, direction, purpose, customer_id, order_id, contact, phone, machine, subject, result,
                     reached, answered_by, relayed_to, promised_reply_at, unit_name, actor)
    VALUES (v_when, v_direction, v_purpose, coalesce(nullif(v_customer, 0), v_order_customer), nullif(v_order, 0),
            v_contact, nullif(wx_trim(v_phone_raw), ''), v_machine, v_subject, v_result, v_reached, v_answered,
            v_relayed, CASE WHEN v_promised > 0 THEN to_timestamp(v_promised) END, v_unit, wx_caller())
    RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

REVOKE ALL ON FUNCTION wx_call_log(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_call_log(jsonb) TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

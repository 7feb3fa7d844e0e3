-- 005_workflow.sql — the workflow table of src/core/wx-workflow.c, the
-- trigger that refuses any change of state it does not allow, and
-- wx_transition(), the one call every window and the CLI use to move an
-- order: version check, role, required data, the update, the event and the
-- automatic escalations, in one statement.

-- The data a step requires ("needs") and the key of the step's data (or the
-- order's column of that name) that satisfies each. Mirrors needs[] in C.
CREATE TABLE workflow_needs (
  need text PRIMARY KEY,
  key  text
);

INSERT INTO workflow_needs (need, key) VALUES
  ('engineer', 'engineer'),
  ('findings', 'fault_analysis'),
  ('quote_lines', NULL),
  ('quote_total', 'quote_total'),
  ('quote_method', 'quote_method'),
  ('contact', 'decision_contact'),
  ('repair_notes', 'repair_notes'),
  ('peer', 'peer_id'),
  ('part', 'part'),
  ('answered_by', 'answered_by'),
  ('accessories', 'accessories_checked'),
  ('payment', 'payment_status'),
  ('picked_up_by', 'picked_up_by'),
  ('appointment', 'appointment_at'),
  ('reason', 'reason'),
  ('cancel_reason', 'cancel_reason'),
  ('new_owner', 'new_owner'),
  ('in_warranty', 'warranty_status'),
  ('told', 'quote_told');

-- One row per step: from (NULL = any open state), event, to (NULL = the same
-- state), the kinds of order, the roles allowed and the data required.
-- Folder and shelf follow from to_state (workflow_states).
CREATE TABLE workflow_transitions (
  position   smallint PRIMARY KEY,
  from_state text REFERENCES workflow_states,
  event      text NOT NULL CHECK (event ~ '^[a-z][a-z_]*$'),
  to_state   text REFERENCES workflow_states,
  kinds      text[] NOT NULL CHECK (kinds <@ ARRAY['carry_in', 'on_site', 'sale'] AND cardinality(kinds) > 0),
  roles      text[] NOT NULL CHECK (roles <@ ARRAY['coordinator', 'engineer', 'supervisor'] AND cardinality(roles) > 0),
  needs      text[] NOT NULL
);

INSERT INTO workflow_transitions (position, from_state, event, to_state, kinds, roles, needs) VALUES
  (1, 'received', 'dispatch_inspection', 'inspecting', '{carry_in}', '{coordinator,supervisor}', '{engineer}'),
  (2, 'received', 'fix_at_desk', 'repaired', '{carry_in}', '{engineer,supervisor}', '{repair_notes}'),
  (3, 'inspecting', 'inspect', 'inspected', '{carry_in,on_site}', '{engineer,supervisor}', '{findings}'),
  (4, 'inspecting', 'outsource', 'outsourced', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{peer}'),
  (5, 'inspected', 'quote', 'quoted', '{carry_in,on_site}', '{coordinator,supervisor}', '{quote_lines,quote_total,quote_method}'),
  (6, 'inspected', 'tell_result', NULL, '{carry_in,on_site}', '{coordinator,supervisor}', '{told}'),
  (7, 'inspected', 'dispatch_repair', 'repairing', '{carry_in,on_site}', '{coordinator,supervisor}', '{engineer,in_warranty}'),
  (8, 'quoted', 'agree', 'agreed', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{contact}'),
  (9, 'quoted', 'decline', 'declined', '{carry_in,on_site}', '{coordinator,supervisor}', '{contact}'),
  (10, 'agreed', 'dispatch_repair', 'repairing', '{carry_in,on_site}', '{coordinator,supervisor}', '{engineer}'),
  (11, 'agreed', 'order_parts', 'waiting_parts', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{part}'),
  (12, 'repairing', 'order_parts', 'waiting_parts', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{part}'),
  (13, 'waiting_parts', 'parts_arrived', 'agreed', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{}'),
  (14, 'repairing', 'repair_done', 'repaired', '{carry_in,on_site}', '{engineer,supervisor}', '{repair_notes}'),
  (15, 'repairing', 'outsource', 'outsourced', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{peer}'),
  (16, 'outsourced', 'outsource_return', 'repaired', '{carry_in,on_site}', '{coordinator,engineer,supervisor}', '{}'),
  (17, 'repaired', 'notify', 'notified', '{carry_in,on_site}', '{coordinator,supervisor}', '{answered_by}'),
  (18, 'declined', 'notify', 'notified', '{carry_in,on_site}', '{coordinator,supervisor}', '{answered_by}'),
  (19, 'repaired', 'pickup', 'picked_up', '{carry_in,on_site}', '{coordinator,supervisor}', '{accessories,payment,picked_up_by}'),
  (20, 'declined', 'pickup', 'picked_up', '{carry_in,on_site}', '{coordinator,supervisor}', '{accessories,payment,picked_up_by}'),
  (21, 'notified', 'pickup', 'picked_up', '{carry_in,on_site}', '{coordinator,supervisor}', '{accessories,payment,picked_up_by}'),
  (22, 'notified', 'dispatch_delivery', 'delivering', '{carry_in,on_site}', '{coordinator,supervisor}', '{engineer}'),
  (23, 'delivering', 'deliver', 'picked_up', '{carry_in,on_site,sale}', '{engineer,supervisor}', '{accessories,payment}'),
  (24, 'call_logged', 'dispatch_onsite', 'onsite_dispatched', '{on_site}', '{coordinator,supervisor}', '{engineer}'),
  (25, 'onsite_dispatched', 'book_visit', 'appointment_booked', '{on_site}', '{coordinator,engineer,supervisor}', '{appointment}'),
  (26, 'appointment_booked', 'arrive', 'on_site', '{on_site}', '{engineer,supervisor}', '{}'),
  (27, 'on_site', 'fix_on_site', 'fixed_on_site', '{on_site}', '{engineer,supervisor}', '{repair_notes}'),
  (28, 'on_site', 'inspect', 'inspected', '{on_site}', '{engineer,supervisor}', '{findings}'),
  (29, 'on_site', 'take_back', 'inspecting', '{on_site}', '{engineer,supervisor}', '{}'),
  (30, 'on_site', 'leave_unfixed', 'onsite_dispatched', '{on_site}', '{engineer,supervisor}', '{reason}'),
  (31, 'agreed', 'dispatch_onsite', 'onsite_dispatched', '{on_site}', '{coordinator,supervisor}', '{engineer}'),
  (32, 'fixed_on_site', 'accept', 'picked_up', '{on_site}', '{coordinator,engineer,supervisor}', '{payment}'),
  (33, 'received', 'quote', 'quoted', '{sale}', '{coordinator,supervisor}', '{quote_lines,quote_total,quote_method}'),
  (34, 'agreed', 'pickup', 'picked_up', '{sale}', '{coordinator,supervisor}', '{payment,picked_up_by}'),
  (35, 'agreed', 'dispatch_delivery', 'delivering', '{sale}', '{coordinator,supervisor}', '{engineer}'),
  (36, 'picked_up', 'enter', 'entered', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{}'),
  (37, 'entered', 'review', NULL, '{carry_in,on_site,sale}', '{supervisor}', '{}'),
  (38, 'entered', 'reconcile', 'reconciled', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{}'),
  (39, 'reconciled', 'invoice', 'archived', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{}'),
  (40, 'received', 'cancel', 'cancelled', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{cancel_reason}'),
  (41, 'inspected', 'cancel', 'cancelled', '{carry_in,on_site}', '{coordinator,supervisor}', '{cancel_reason}'),
  (42, 'quoted', 'cancel', 'cancelled', '{carry_in,on_site,sale}', '{coordinator,supervisor}', '{cancel_reason}'),
  (43, 'call_logged', 'cancel', 'cancelled', '{on_site}', '{coordinator,supervisor}', '{cancel_reason}'),
  (44, 'onsite_dispatched', 'cancel', 'cancelled', '{on_site}', '{coordinator,supervisor}', '{cancel_reason}'),
  (45, 'appointment_booked', 'cancel', 'cancelled', '{on_site}', '{coordinator,supervisor}', '{cancel_reason}'),
  (46, NULL, 'escalate', NULL, '{carry_in,on_site,sale}', '{coordinator,engineer,supervisor}', '{reason}'),
  (47, NULL, 'hand_over', NULL, '{carry_in,on_site,sale}', '{coordinator,engineer,supervisor}', '{new_owner}');

-- ------------------------------------------------------------ the guard
-- A new order starts where its kind starts; a change of state must be a
-- step of the table, taken by a role the step allows. The migrations owner
-- (demo data, imports, corrections) is not held to it, as with events.
CREATE FUNCTION wx_check_state_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF wx_is_owner_of(TG_RELID) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.state <> (CASE NEW.kind WHEN 'on_site' THEN 'call_logged' ELSE 'received' END) THEN
      RAISE EXCEPTION 'a new % order cannot start in state %', NEW.kind, NEW.state
        USING ERRCODE = 'WX001', DETAIL = json_build_object('from', NULL, 'to', NEW.state)::text;
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.state IS DISTINCT FROM OLD.state OR NEW.kind IS DISTINCT FROM OLD.kind THEN
    IF NEW.kind IS DISTINCT FROM OLD.kind THEN
      RAISE EXCEPTION 'the kind of an order cannot change'
        USING ERRCODE = 'WX001', DETAIL = json_build_object('from', OLD.state, 'to', NEW.state)::text;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM workflow_transitions t
         WHERE (t.from_state = OLD.state
                OR t.from_state IS NULL AND (SELECT open FROM workflow_states WHERE state = OLD.state))
           AND coalesce(t.to_state, OLD.state) = NEW.state
           AND NEW.kind = ANY (t.kinds)
           AND EXISTS (SELECT 1 FROM unnest(t.roles) r WHERE pg_has_role(current_user, 'wx_' || r, 'MEMBER'))) THEN
      RAISE EXCEPTION 'the workflow has no step from % to % that this role may take', OLD.state, NEW.state
        USING ERRCODE = 'WX001', DETAIL = json_build_object('from', OLD.state, 'to', NEW.state)::text;
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER service_orders_state BEFORE INSERT OR UPDATE OF state, kind ON service_orders
  FOR EACH ROW EXECUTE FUNCTION wx_check_state_change();

-- ------------------------------------------------------------ wx_transition
-- Whether the order `o` with the step's data `p` meets `need`.
CREATE FUNCTION wx_need_met(p_need text, o service_orders, p jsonb) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  k text := (SELECT key FROM workflow_needs WHERE need = p_need);
  v text := coalesce(nullif(btrim(p ->> k), ''), nullif(btrim(to_jsonb(o) ->> k), ''));
BEGIN
  RETURN CASE p_need
    WHEN 'quote_lines' THEN EXISTS (SELECT 1 FROM quote_lines q WHERE q.order_id = o.id)
    WHEN 'accessories' THEN coalesce(p ->> k, to_jsonb(o) ->> k) IN ('t', 'true', 'yes', '1')
    WHEN 'payment'     THEN v IN ('paid', 'on_account', 'free')
    WHEN 'in_warranty' THEN v IN ('in_warranty', 'contract')
    WHEN 'new_owner'   THEN EXISTS (SELECT 1 FROM staff s WHERE s.role_name = v AND s.active)
    ELSE v IS NOT NULL
  END;
END
$$;

-- Moves order `p_number`, last seen at `p_version`, by `p_event` with the
-- step's data `p_payload` (keys: the order columns a step fills, and part,
-- answered_by, relayed_to, reason). Errors carry SQLSTATE
--   WX404 no such order, WX409 changed meanwhile (DETAIL: by, at, state),
--   WX001 not a step from this state, WX403 role not allowed,
--   WX422 data missing (DETAIL: the needs, comma-separated).
CREATE FUNCTION wx_transition(p_number text, p_version integer, p_event text, p_payload jsonb DEFAULT '{}')
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint)
  LANGUAGE plpgsql AS $$
DECLARE
  o service_orders;
  t workflow_transitions;
  p jsonb := coalesce(p_payload, '{}');
  v_to text;
  v_missing text[] := '{}';
  v_need text;
  v_sets text[] := '{}';
  v_col text;
  v_type text;
  v_who text;
  v_version integer;
  v_event bigint;
  v_count integer;
  v_fill text[];
BEGIN
  IF jsonb_typeof(p) <> 'object' THEN
    RAISE EXCEPTION 'the step''s data must be a JSON object' USING ERRCODE = '22023';
  END IF;
  SELECT * INTO o FROM service_orders s WHERE s.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service order %', p_number USING ERRCODE = 'WX404', DETAIL = p_number;
  END IF;
  IF o.version <> p_version THEN
    SELECT coalesce((SELECT full_name FROM staff WHERE role_name = o.updated_by), o.updated_by) INTO v_who;
    RAISE EXCEPTION 'order % was changed meanwhile', p_number USING ERRCODE = 'WX409',
      DETAIL = json_build_object('by', v_who, 'state', o.state, 'version', o.version,
        'at', to_char(o.updated_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI'),
        'today', (o.updated_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date
                 = (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date)::text;
  END IF;

  SELECT * INTO t FROM workflow_transitions w
   WHERE w.event = p_event AND o.kind = ANY (w.kinds)
     AND (w.from_state = o.state
          OR w.from_state IS NULL AND (SELECT open FROM workflow_states WHERE state = o.state))
   ORDER BY w.position LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION '% is not a step from %', p_event, o.state USING ERRCODE = 'WX001',
      DETAIL = json_build_object('event', p_event, 'from', o.state)::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM unnest(t.roles) r WHERE pg_has_role(current_user, 'wx_' || r, 'MEMBER')) THEN
    RAISE EXCEPTION 'this role may not take step %', p_event USING ERRCODE = 'WX403',
      DETAIL = json_build_object('event', p_event, 'roles', array_to_string(t.roles, ','))::text;
  END IF;
  FOREACH v_need IN ARRAY t.needs LOOP
    IF NOT wx_need_met(v_need, o, p) THEN
      v_missing := v_missing || v_need;
    END IF;
  END LOOP;
  IF cardinality(v_missing) > 0 THEN
    RAISE EXCEPTION 'step % needs %', p_event, array_to_string(v_missing, ', ') USING ERRCODE = 'WX422',
      DETAIL = array_to_string(v_missing, ',');
  END IF;

  v_to := coalesce(t.to_state, o.state);
  v_sets := v_sets || format('state = %L', v_to);
  -- The columns this step fills from its data: those of its needs, and what
  -- the paper form has room for at that step. Other keys stay in the event.
  v_fill := ARRAY(SELECT key FROM workflow_needs WHERE need = ANY (t.needs) AND key IS NOT NULL)
    || CASE p_event
         WHEN 'inspect'     THEN ARRAY['measures', 'parts_needed', 'suggested_price', 'explanation']
         WHEN 'quote'       THEN ARRAY['quote_told', 'repair_period']
         WHEN 'agree'       THEN ARRAY['decision_reason']
         WHEN 'decline'     THEN ARRAY['decision_reason']
         WHEN 'repair_done' THEN ARRAY['old_parts']
         WHEN 'fix_at_desk' THEN ARRAY['old_parts']
         WHEN 'fix_on_site' THEN ARRAY['old_parts', 'customer_signed']
         WHEN 'take_back'   THEN ARRAY['customer_signed']
         WHEN 'pickup'      THEN ARRAY['pickup_signed']
         WHEN 'deliver'     THEN ARRAY['pickup_signed', 'picked_up_by']
         WHEN 'accept'      THEN ARRAY['pickup_signed', 'picked_up_by']
         ELSE '{}'::text[] END;
  FOR v_col, v_type IN
    SELECT a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
     WHERE a.attrelid = 'service_orders'::regclass AND a.attname = ANY (v_fill) AND p ? a.attname
       AND NOT a.attisdropped
  LOOP
    v_sets := v_sets || format('%I = ($1 ->> %L)::%s', v_col, v_col, v_type);
  END LOOP;
  -- What the paper form's "signature and time" fields record.
  v_sets := v_sets || CASE p_event
    WHEN 'dispatch_inspection' THEN ARRAY['dispatched_at = now()']
    WHEN 'dispatch_repair'     THEN ARRAY['dispatched_at = now()']
    WHEN 'dispatch_onsite'     THEN ARRAY['dispatched_at = now()']
    WHEN 'inspect'             THEN ARRAY['inspected_by = current_user', 'inspected_at = now()']
    WHEN 'quote'               THEN ARRAY['quoted_at = now()']
    WHEN 'agree'               THEN ARRAY['decision = ''agree''', 'decided_at = now()']
    WHEN 'decline'             THEN ARRAY['decision = ''decline''', 'decided_at = now()']
    WHEN 'fix_at_desk'         THEN ARRAY['repaired_by = current_user', 'repaired_at = now()']
    WHEN 'repair_done'         THEN ARRAY['repaired_by = current_user', 'repaired_at = now()']
    WHEN 'fix_on_site'         THEN ARRAY['repaired_by = current_user', 'repaired_at = now()']
    WHEN 'notify'              THEN ARRAY['notified_at = now()']
    WHEN 'pickup'              THEN ARRAY['picked_up_at = now()']
    WHEN 'deliver'             THEN ARRAY['picked_up_at = now()', 'delivered_by = current_user']
    WHEN 'accept'              THEN ARRAY['picked_up_at = now()']
    WHEN 'enter'               THEN ARRAY['entered_at = now()']
    WHEN 'review'              THEN ARRAY['reviewed_by = current_user', 'reviewed_at = now()']
    WHEN 'reconcile'           THEN ARRAY['reconciled_at = now()']
    WHEN 'invoice'             THEN ARRAY['invoiced_at = now()']
    WHEN 'hand_over'           THEN ARRAY[format('owner_role = %L', p ->> 'new_owner')]
    ELSE '{}'::text[] END;

  EXECUTE format('UPDATE service_orders SET %s WHERE id = $2 AND version = $3 RETURNING version',
                 array_to_string(v_sets, ', '))
    INTO v_version USING p, o.id, p_version;

  INSERT INTO order_events (order_id, event, from_state, to_state, payload)
    VALUES (o.id, p_event, o.state, v_to, p) RETURNING id INTO v_event;

  -- The records a step keeps besides the order.
  CASE p_event
    WHEN 'order_parts' THEN
      INSERT INTO part_orders (order_id, description, expected_on)
        VALUES (o.id, p ->> 'part', (p ->> 'expected_on')::date);
    WHEN 'parts_arrived' THEN
      UPDATE part_orders SET arrived_at = now() WHERE part_orders.order_id = o.id AND arrived_at IS NULL;
    WHEN 'outsource' THEN
      INSERT INTO outsourcing (order_id, peer_id) VALUES (o.id, (coalesce(p ->> 'peer_id', o.peer_id::text))::bigint);
    WHEN 'outsource_return' THEN
      UPDATE outsourcing SET returned_at = now() WHERE outsourcing.order_id = o.id AND returned_at IS NULL;
    WHEN 'notify' THEN
      INSERT INTO calls (direction, purpose, customer_id, order_id, contact, answered_by, relayed_to, subject)
        VALUES ('outbound', 'notify_pickup', o.customer_id, o.id, o.contact_person,
                p ->> 'answered_by', coalesce(p ->> 'relayed_to', ''), o.number);
    WHEN 'escalate' THEN
      INSERT INTO escalations (order_id, trigger, reason) VALUES (o.id, 'manual', p ->> 'reason');
    ELSE
      NULL;
  END CASE;

  -- Automatic escalation (domain.md section 5): two on-site visits without
  -- a fix; two part orders without a fix.
  IF o.state = 'on_site' AND p_event <> 'fix_on_site' THEN
    SELECT count(*) INTO v_count FROM order_events e
     WHERE e.order_id = o.id AND e.from_state = 'on_site' AND e.event NOT IN ('fix_on_site', 'escalate', 'hand_over');
    IF v_count >= 2 AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_visits') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_visits', v_count);
    END IF;
  ELSIF p_event = 'order_parts' THEN
    SELECT count(*) INTO v_count FROM order_events e WHERE e.order_id = o.id AND e.event = 'order_parts';
    IF v_count >= 2 AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_part_orders') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_part_orders', v_count);
    END IF;
  END IF;

  RETURN QUERY SELECT o.id, v_version, v_to, v_event;
END
$$;

-- An automatic escalation: the escalation row and its event.
CREATE FUNCTION wx_escalate_auto(p_order bigint, p_state text, p_trigger text, p_count integer)
  RETURNS void LANGUAGE sql AS $$
  INSERT INTO escalations (order_id, trigger) VALUES (p_order, p_trigger);
  INSERT INTO order_events (order_id, event, from_state, to_state, payload)
    VALUES (p_order, 'escalate', p_state, p_state,
            jsonb_build_object('trigger', p_trigger, 'automatic', true, 'count', p_count));
$$;

-- No diagnosis a week after receipt (domain.md section 5): every open order
-- still before its diagnosis whose receipt is 7 days or more before `p_now`
-- is escalated once. Returns how many were escalated now.
CREATE FUNCTION wx_escalate_undiagnosed(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  FOR r IN
    SELECT o.id, o.state FROM service_orders o
     WHERE o.state IN ('received', 'inspecting', 'call_logged', 'onsite_dispatched', 'appointment_booked', 'on_site')
       AND o.received_at <= p_now - interval '7 days'
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'no_diagnosis_week')
     ORDER BY o.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    PERFORM wx_escalate_auto(r.id, r.state, 'no_diagnosis_week', 7);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- ------------------------------------------------------------ grants
GRANT SELECT ON workflow_needs, workflow_transitions TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE ALL ON FUNCTION wx_transition(text, integer, text, jsonb), wx_need_met(text, service_orders, jsonb),
  wx_escalate_auto(bigint, text, text, integer), wx_escalate_undiagnosed(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_transition(text, integer, text, jsonb), wx_need_met(text, service_orders, jsonb),
  wx_escalate_auto(bigint, text, text, integer), wx_escalate_undiagnosed(timestamptz)
  TO wx_coordinator, wx_engineer, wx_supervisor;
-- Engineers deliver machines and are paid on site (seed 000 现场维修 step 13),
-- and take requests they then own (首问负责) and may hand over.
GRANT UPDATE (payment_status, owner_role) ON service_orders TO wx_engineer;
-- Steps record part orders, peer-shop trips and escalations for the role
-- that takes them.
GRANT INSERT ON escalations TO wx_coordinator;
GRANT INSERT, UPDATE ON part_orders, outsourcing TO wx_supervisor;
REVOKE ALL ON FUNCTION wx_check_state_change() FROM PUBLIC;

-- functions/workflow.sql — the state-change guard, wx_transition and the automatic escalations.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- ------------------------------------------------------------ the guard
-- A new order starts where its kind starts; a change of state must be a
-- step of the table, taken by a role the step allows. The migrations owner
-- (demo data, imports, corrections) is not held to it, as with events.
CREATE OR REPLACE FUNCTION wx_check_state_change() RETURNS trigger
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

CREATE OR REPLACE FUNCTION wx_need_met(p_need text, o service_orders, p jsonb) RETURNS boolean
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
    WHEN 'repair_record' THEN
      (nullif(btrim(p ->> k), '') IS NOT NULL OR EXISTS (SELECT 1 FROM repair_tests r WHERE r.order_id = o.id))
      AND NOT EXISTS (SELECT 1 FROM repair_tests r WHERE r.order_id = o.id AND NOT r.passed)
    ELSE v IS NOT NULL
  END;
END
$$;

-- As in 005, and: OK fills `cleaned` and records the functional tests; a
-- part order records the part, quantity, supplier, expected day and whether
-- it was paid before shipping; an arrival receives the catalogue's parts
-- into stock for the order.
CREATE OR REPLACE FUNCTION wx_transition(p_number text, p_version integer, p_event text, p_payload jsonb DEFAULT '{}')
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
         WHEN 'repair_done' THEN ARRAY['old_parts', 'cleaned']
         WHEN 'fix_at_desk' THEN ARRAY['old_parts', 'cleaned']
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
      INSERT INTO part_orders (order_id, description, expected_on, part_id, supplier_id, quantity, prepaid, cost)
        VALUES (o.id, p ->> 'part', (nullif(p ->> 'expected_on', ''))::date,
                (nullif(p ->> 'part_id', ''))::bigint, (nullif(p ->> 'supplier_id', ''))::bigint,
                coalesce((nullif(p ->> 'quantity', ''))::integer, 1),
                coalesce(p ->> 'prepaid' IN ('t', 'true', 'yes', '1'), false),
                (nullif(p ->> 'cost', ''))::bigint);
    WHEN 'parts_arrived' THEN
      WITH arrived AS (
        UPDATE part_orders SET arrived_at = now()
         WHERE part_orders.order_id = o.id AND arrived_at IS NULL
        RETURNING id, part_id, quantity)
      INSERT INTO stock_movements (part_id, order_id, kind, quantity, note)
        SELECT a.part_id, o.id, 'receive', a.quantity, 'part_order ' || a.id
          FROM arrived a WHERE a.part_id IS NOT NULL;
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
    WHEN 'repair_done', 'fix_at_desk' THEN
      INSERT INTO repair_tests (order_id, item, passed)
        SELECT o.id, btrim(x), true FROM unnest(string_to_array(p ->> 'functional_tests', ',')) x
         WHERE btrim(x) <> ''
        ON CONFLICT ON CONSTRAINT repair_tests_order_id_item_key DO NOTHING;
    ELSE
      NULL;
  END CASE;

  -- Automatic escalation (domain.md section 5): two on-site visits without
  -- a fix; two part orders without a fix.
  IF o.state = 'on_site' AND p_event <> 'fix_on_site' THEN
    SELECT count(*) INTO v_count FROM order_events e
     WHERE e.order_id = o.id AND e.from_state = 'on_site' AND e.event NOT IN ('fix_on_site', 'escalate', 'hand_over');
    IF v_count >= wx_setting('escalation.visits', '2')::integer AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_visits') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_visits', v_count);
    END IF;
  ELSIF p_event = 'order_parts' THEN
    SELECT count(*) INTO v_count FROM order_events e WHERE e.order_id = o.id AND e.event = 'order_parts';
    IF v_count >= wx_setting('escalation.part_orders', '2')::integer AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_part_orders') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_part_orders', v_count);
    END IF;
  END IF;

  RETURN QUERY SELECT o.id, v_version, v_to, v_event;
END
$$;

-- An automatic escalation: the escalation row and its event.
CREATE OR REPLACE FUNCTION wx_escalate_auto(p_order bigint, p_state text, p_trigger text, p_count integer)
  RETURNS void LANGUAGE sql AS $$
  INSERT INTO escalations (order_id, trigger) VALUES (p_order, p_trigger);
  INSERT INTO order_events (order_id, event, from_state, to_state, payload)
    VALUES (p_order, 'escalate', p_state, p_state,
            jsonb_build_object('trigger', p_trigger, 'automatic', true, 'count', p_count));
$$;

-- As in 005, with the number of days from the settings.
CREATE OR REPLACE FUNCTION wx_escalate_undiagnosed(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
  v_days integer := wx_setting('escalation.undiagnosed_days', '7')::integer;
BEGIN
  FOR r IN
    SELECT o.id, o.state FROM service_orders o
     WHERE o.state IN ('received', 'inspecting', 'call_logged', 'onsite_dispatched', 'appointment_booked', 'on_site')
       AND o.received_at <= p_now - make_interval(days => v_days)
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'no_diagnosis_week')
     ORDER BY o.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    PERFORM wx_escalate_auto(r.id, r.state, 'no_diagnosis_week', v_days);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- A part order not arrived by the day after it was expected (in the shop's
-- time zone, as of `p_now`) escalates its order: once per part order, and
-- not again while the order's part_overdue escalation is still open.
-- Returns how many were escalated now.
CREATE OR REPLACE FUNCTION wx_escalate_overdue_parts(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
  v_today date := (p_now AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date;
BEGIN
  FOR r IN
    SELECT o.id, o.state, po.id AS part_order, po.description, po.expected_on
      FROM part_orders po JOIN service_orders o ON o.id = po.order_id
     WHERE po.arrived_at IS NULL AND po.expected_on < v_today AND o.state = 'waiting_parts'
     ORDER BY o.id, po.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    -- Once per part order, and not while the order's last one is open.
    CONTINUE WHEN EXISTS (SELECT 1 FROM escalations x
                           WHERE x.order_id = r.id AND x.trigger = 'part_overdue' AND x.resolved_at IS NULL)
               OR EXISTS (SELECT 1 FROM order_events e
                           WHERE e.order_id = r.id AND e.event = 'escalate'
                             AND e.payload ->> 'trigger' = 'part_overdue'
                             AND e.payload ->> 'part_order' = r.part_order::text);
    INSERT INTO escalations (order_id, trigger, reason)
      VALUES (r.id, 'part_overdue', r.description || ' · ' || r.expected_on::text);
    INSERT INTO order_events (order_id, event, from_state, to_state, payload)
      VALUES (r.id, 'escalate', r.state, r.state,
              jsonb_build_object('trigger', 'part_overdue', 'automatic', true, 'part_order', r.part_order,
                                 'part', r.description, 'expected_on', r.expected_on));
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- The form's appearance field is what the engineer recorded at the
-- customer's when taking the machine back: copied from the visit (written
-- just before, in the same transaction) by the step's own UPDATE, so the
-- order's version moves once.
CREATE OR REPLACE FUNCTION wx_take_back_appearance() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'on_site' AND NEW.state = 'received' THEN
    NEW.appearance_check := coalesce(
      (SELECT nullif(v.appearance, '') FROM visits v
        WHERE v.order_id = NEW.id AND v.outcome = 'taken_back'
        ORDER BY v.id DESC LIMIT 1),
      NEW.appearance_check);
  END IF;
  RETURN NEW;
END
$$;

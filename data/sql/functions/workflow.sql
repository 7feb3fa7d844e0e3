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

-- Whether `t` reads as a time (or a date).
CREATE OR REPLACE FUNCTION wx_is_time(t text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM t::timestamptz;
  RETURN true;
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$;

-- Whether the order `o` with the step's data `p` meets `need`.
CREATE OR REPLACE FUNCTION wx_need_met(p_need text, o service_orders, p jsonb) RETURNS boolean
  LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  k text := (SELECT key FROM workflow_needs WHERE need = p_need);
  v text := coalesce(nullif(btrim(p ->> k), ''), nullif(btrim(to_jsonb(o) ->> k), ''));
BEGIN
  RETURN CASE p_need
    WHEN 'quote_lines' THEN EXISTS (SELECT 1 FROM quote_lines q WHERE q.order_id = o.id)
                            OR jsonb_array_length(coalesce(p #> '{records,quote_lines}', '[]')) > 0
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

-- Moves order `p_number`, last seen at `p_version`, by `p_event` with the
-- step's data `p_payload`: text values keyed by the step's needs and fills
-- (workflow_transitions), and under "records" what the step keeps besides
-- the order: "quote_lines" (the quote's or the inspection's draft lines,
-- replacing the order's) and "payment" ({"amount": fen, "method": …}).
-- The caller is the staff login (wx_caller); the step checks its groups,
-- whether it may act on this order, the version, the data and the rules,
-- then writes the order, the records and the event in one transaction.
-- Errors carry SQLSTATE
--   WX404 no such order, WX409 changed meanwhile (DETAIL: by, at, state),
--   WX001 not a step from this state, WX403 role not allowed,
--   WX422 data missing (DETAIL: the needs, comma-separated),
--   WX400 a rule of src/db/wx-db-error.c (CONSTRAINT: the rule).
CREATE OR REPLACE FUNCTION wx_transition(p_number text, p_version integer, p_event text, p_payload jsonb DEFAULT '{}')
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  t workflow_transitions;
  p jsonb := coalesce(p_payload, '{}');
  r jsonb;
  v_me name := wx_caller();
  v_roles text[];
  v_to text;
  v_missing text[] := '{}';
  v_need text;
  v_sets text[] := '{}';
  v_col text;
  v_type text;
  v_key text;
  v_who text;
  v_version integer;
  v_event bigint;
  v_count integer;
  v_fill text[];
  v_text text;
  v_at timestamptz;
  v_local timestamp;
  v_hours record;
  v_due bigint;
  v_amount bigint;
  v_line jsonb;
  v_n integer := 0;
BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'object' THEN
    PERFORM wx_refuse('step_data_object');
  END IF;
  IF p_version IS NULL THEN
    PERFORM wx_refuse('step_version_missing', p_number);
  END IF;
  r := coalesce(p -> 'records', '{}');
  p := p - 'records';
  IF jsonb_typeof(r) <> 'object' THEN
    PERFORM wx_refuse('step_data_object');
  END IF;
  -- The step's data are text (or JSON true/false/numbers, taken as text).
  FOR v_key, v_type IN SELECT key, jsonb_typeof(value) FROM jsonb_each(p) LOOP
    IF v_type NOT IN ('string', 'number', 'boolean', 'null') THEN
      PERFORM wx_refuse('step_value', v_key);
    END IF;
  END LOOP;

  SELECT * INTO o FROM service_orders s WHERE s.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service order %', left(p_number, 80) USING ERRCODE = 'WX404', DETAIL = coalesce(left(p_number, 80), '');
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
    RAISE EXCEPTION '% is not a step from %', left(p_event, 80), o.state USING ERRCODE = 'WX001',
      DETAIL = json_build_object('event', left(p_event, 80), 'from', o.state)::text;
  END IF;
  v_roles := ARRAY(SELECT g FROM unnest(t.roles) g WHERE pg_has_role(v_me, 'wx_' || g, 'MEMBER'));
  IF cardinality(v_roles) = 0 THEN
    RAISE EXCEPTION 'this role may not take step %', p_event USING ERRCODE = 'WX403',
      DETAIL = json_build_object('event', p_event, 'roles', array_to_string(t.roles, ','))::text;
  END IF;
  -- Who may act on which order: the coordinator and the supervisor on any;
  -- an engineer on the orders assigned to them or that they took in (首问
  -- 负责), and takes a machine waiting on a shelf to their own bench.
  IF NOT v_roles && ARRAY['coordinator', 'supervisor']
     AND o.engineer IS DISTINCT FROM v_me AND o.owner_role IS DISTINCT FROM v_me
     AND NOT (p_event IN ('dispatch_inspection', 'dispatch_repair') AND p ->> 'engineer' = v_me
              AND (SELECT folder FROM workflow_states WHERE state = o.state) <> 'with_engineer') THEN
    PERFORM wx_refuse('order_not_yours',
                      coalesce((SELECT full_name FROM staff WHERE role_name = o.engineer), o.engineer, ''));
  END IF;

  -- The records the step keeps besides the order (functions/records.sql),
  -- before its needs are checked: the repair's tests are among them.
  p := wx_step_records(o, p_event, p, r, v_me);

  FOREACH v_need IN ARRAY t.needs LOOP
    IF NOT wx_need_met(v_need, o, p || jsonb_build_object('records', r)) THEN
      v_missing := v_missing || v_need;
    END IF;
  END LOOP;
  IF cardinality(v_missing) > 0 THEN
    RAISE EXCEPTION 'step % needs %', p_event, array_to_string(v_missing, ', ') USING ERRCODE = 'WX422',
      DETAIL = array_to_string(v_missing, ',');
  END IF;

  -- ---------------------------------------------------------- the rules
  -- The repair is done only with every functional test of the machine's
  -- category passed.
  IF 'repair_record' = ANY (t.needs) THEN
    v_missing := wx_functional_tests_missing(o, p);
    IF cardinality(v_missing) > 0 THEN
      PERFORM wx_refuse('functional_tests_incomplete', array_to_string(v_missing, ', '));
    END IF;
  END IF;
  -- Dispatch only to an active engineer.
  v_text := coalesce(nullif(btrim(p ->> 'engineer'), ''), o.engineer);
  IF 'engineer' = ANY (t.needs) AND NOT EXISTS (
       SELECT 1 FROM staff s WHERE s.role_name::text = v_text AND s.active
                                AND pg_has_role(s.role_name, 'wx_engineer', 'MEMBER')) THEN
    PERFORM wx_refuse('engineer_unknown', v_text);
  END IF;
  -- A decision after the decision clock's limit (2 working days) needs a
  -- reason, and the event is flagged for the supervisor.
  IF p_event IN ('agree', 'decline') THEN
    v_at := (SELECT min(e.at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'quote');
    IF v_at IS NOT NULL AND now() > wx_business_due(v_at, coalesce(
         (SELECT limit_minutes FROM sla_thresholds WHERE clock = 'decision'), 1080)) THEN
      IF coalesce(btrim(p ->> 'decision_reason'), '') = '' THEN
        PERFORM wx_refuse('decision_reason_late');
      END IF;
      p := p || '{"late_decision": "true"}';
    END IF;
  END IF;
  -- A visit's time: a real time, not more than a day past nor 90 days
  -- ahead, inside the opening hours of a working day unless a reason is
  -- given (an evening visit the customer asked for).
  IF 'appointment' = ANY (t.needs) THEN
    BEGIN
      v_at := (p ->> 'appointment_at')::timestamptz;
    EXCEPTION WHEN data_exception THEN
      PERFORM wx_refuse('appointment_time', p ->> 'appointment_at');
    END;
    IF v_at < now() - interval '1 day' THEN
      PERFORM wx_refuse('appointment_past', p ->> 'appointment_at');
    ELSIF v_at > now() + interval '90 days' THEN
      PERFORM wx_refuse('appointment_far', p ->> 'appointment_at');
    END IF;
    v_local := v_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai');
    SELECT * INTO v_hours FROM wx_day_hours(v_local::date);
    IF (v_hours.opens IS NULL OR v_local::time < v_hours.opens OR v_local::time > v_hours.closes)
       AND coalesce(btrim(p ->> 'reason'), '') = '' THEN
      PERFORM wx_refuse('appointment_hours', to_char(v_local, 'YYYY-MM-DD HH24:MI'));
    END IF;
  END IF;
  -- Paid means the amount due is received: a payment of exactly what is
  -- left of the quote (free and on account have none).
  IF 'payment' = ANY (t.needs) THEN
    v_text := coalesce(nullif(btrim(p ->> 'payment_status'), ''), o.payment_status);
    IF r ? 'payment' AND v_text = 'paid' THEN
      IF jsonb_typeof(r #> '{payment,amount}') IS DISTINCT FROM 'number'
         OR (r #>> '{payment,amount}') !~ '^[0-9]{1,12}$' OR (r #>> '{payment,amount}')::bigint <= 0 THEN
        PERFORM wx_refuse('payment_amount', r #>> '{payment,amount}');
      END IF;
      IF coalesce(r #>> '{payment,method}', '') NOT IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque') THEN
        PERFORM wx_refuse('payment_method', r #>> '{payment,method}');
      END IF;
      v_amount := (r #>> '{payment,amount}')::bigint;
    ELSE
      v_amount := 0;
    END IF;
    IF v_text = 'paid' THEN
      v_due := wx_order_balance(o.id);
      IF v_due <= 0 AND v_amount = 0 AND NOT EXISTS (SELECT 1 FROM payments y WHERE y.order_id = o.id) THEN
        PERFORM wx_refuse('payment_nothing_due');
      ELSIF v_amount < v_due THEN
        PERFORM wx_refuse('payment_short', to_char(v_due / 100.0, 'FM999,999,999,990.00'));
      ELSIF v_amount > greatest(v_due, 0) THEN
        PERFORM wx_refuse('payment_over', to_char(greatest(v_due, 0) / 100.0, 'FM999,999,999,990.00'));
      END IF;
    END IF;
  ELSIF r ? 'payment' THEN
    PERFORM wx_refuse('step_records', 'payment');
  END IF;
  -- On account: a customer allowed an account, within its limit
  -- (functions/money.sql).
  IF 'payment' = ANY (t.needs) AND v_text = 'on_account' AND o.payment_status IS DISTINCT FROM 'on_account' THEN
    PERFORM wx_account_check(o.customer_id, greatest(wx_order_balance(o.id), 0));
  END IF;

  -- ---------------------------------------------------------- the records
  IF r ? 'quote_lines' THEN
    IF p_event NOT IN ('quote', 'inspect') OR jsonb_typeof(r -> 'quote_lines') <> 'array' THEN
      PERFORM wx_refuse('step_records', 'quote_lines');
    END IF;
    DELETE FROM quote_lines q WHERE q.order_id = o.id;
    FOR v_line IN SELECT value FROM jsonb_array_elements(r -> 'quote_lines') LOOP
      v_n := v_n + 1;
      IF jsonb_typeof(v_line) <> 'object' OR coalesce(btrim(v_line ->> 'description'), '') = ''
         OR length(v_line ->> 'description') > 200 THEN
        PERFORM wx_refuse('quote_line_description', v_line ->> 'description');
      END IF;
      IF coalesce(v_line ->> 'quantity', '') !~ '^[0-9]{1,6}$' OR (v_line ->> 'quantity')::integer NOT BETWEEN 1 AND 100000 THEN
        PERFORM wx_refuse('quote_line_quantity', v_line ->> 'quantity');
      END IF;
      IF coalesce(v_line ->> 'unit_price', '') !~ '^[0-9]{1,11}$' THEN
        PERFORM wx_refuse('quote_line_price', v_line ->> 'unit_price');
      END IF;
      IF coalesce(v_line ->> 'kind', 'part') NOT IN ('part', 'labour', 'item', 'fee') THEN
        PERFORM wx_refuse('step_value', 'kind');
      END IF;
      IF coalesce(v_line ->> 'part_id', '') <> '' AND NOT EXISTS (
           SELECT 1 FROM parts pt WHERE pt.id::text = v_line ->> 'part_id') THEN
        PERFORM wx_refuse('part_unknown', v_line ->> 'part_id');
      END IF;
      INSERT INTO quote_lines (order_id, position, kind, description, quantity, unit_price, part_id, part_number)
        VALUES (o.id, v_n, coalesce(v_line ->> 'kind', 'part'), btrim(v_line ->> 'description'),
                (v_line ->> 'quantity')::integer, (v_line ->> 'unit_price')::bigint,
                (nullif(v_line ->> 'part_id', ''))::bigint, coalesce(v_line ->> 'part_number', ''));
    END LOOP;
  END IF;
  IF v_amount > 0 THEN
    INSERT INTO payments (order_id, amount, method, received_by)
      VALUES (o.id, v_amount, r #>> '{payment,method}', v_me);
  END IF;
  -- Accessories handed back (随机附件): each one recorded with who and when.
  -- "accessories_returned" lists their positions, or is true for all; an
  -- order whose accessories are "checked and handed back" without a list
  -- hands back all. Checked while one is still kept: refused, naming it.
  IF jsonb_typeof(r -> 'accessories_returned') = 'array' THEN
    IF EXISTS (SELECT 1 FROM jsonb_array_elements_text(r -> 'accessories_returned') e
                WHERE e !~ '^[0-9]{1,2}$'
                   OR NOT EXISTS (SELECT 1 FROM order_accessories a
                                   WHERE a.order_id = o.id AND a.position = e::smallint)) THEN
      PERFORM wx_refuse('step_value', 'accessories_returned');
    END IF;
    UPDATE order_accessories a SET returned = true, returned_at = now(), returned_by = v_me
     WHERE a.order_id = o.id AND NOT a.returned
       AND a.position::text IN (SELECT jsonb_array_elements_text(r -> 'accessories_returned'));
  ELSIF r ->> 'accessories_returned' = 'true'
        OR (NOT r ? 'accessories_returned'
            AND lower(btrim(coalesce(p ->> 'accessories_checked', ''))) IN ('t', 'true', 'yes', 'y', '1', 'on')) THEN
    UPDATE order_accessories a SET returned = true, returned_at = now(), returned_by = v_me
     WHERE a.order_id = o.id AND NOT a.returned;
  END IF;
  IF lower(btrim(coalesce(p ->> 'accessories_checked', ''))) IN ('t', 'true', 'yes', 'y', '1', 'on') THEN
    SELECT string_agg(a.name, '、' ORDER BY a.position) INTO v_text
      FROM order_accessories a WHERE a.order_id = o.id AND NOT a.returned;
    IF v_text IS NOT NULL THEN
      PERFORM wx_refuse('accessories_not_returned', v_text);
    END IF;
  END IF;

  -- ---------------------------------------------------------- the order
  v_to := coalesce(t.to_state, o.state);
  v_sets := v_sets || format('state = %L', v_to);
  -- The columns this step fills from its data: the keys of its needs and
  -- its fills (workflow_transitions) that are columns of the order.
  v_fill := ARRAY(SELECT key FROM workflow_needs WHERE need = ANY (t.needs) AND key IS NOT NULL) || t.fills;
  FOR v_col, v_type IN
    SELECT a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
     WHERE a.attrelid = 'service_orders'::regclass AND a.attname = ANY (v_fill) AND p ? a.attname
       AND NOT a.attisdropped AND a.attname NOT IN ('id', 'number', 'version', 'state', 'kind')
  LOOP
    -- A value of the column's type, or a sentence naming the field (the
    -- UPDATE's own cast would fail with the server's text).
    v_text := p ->> v_col;
    IF v_text IS NOT NULL AND NOT (CASE
         WHEN v_type IN ('bigint', 'integer', 'smallint', 'wx_money') THEN v_text ~ '^\s*-?[0-9]{1,18}\s*$'
         WHEN v_type = 'boolean' THEN lower(btrim(v_text)) IN ('t', 'f', 'true', 'false', 'yes', 'no', 'y', 'n', '1', '0', 'on', 'off')
         WHEN v_type IN ('timestamp with time zone', 'date') THEN wx_is_time(v_text)
         ELSE true END) THEN
      PERFORM wx_refuse('step_value', v_col);
    END IF;
    v_sets := v_sets || format('%I = ($1 ->> %L)::%s', v_col, v_col, v_type);
  END LOOP;
  -- What the paper form's "signature and time" fields record.
  FOREACH v_col IN ARRAY t.stamps LOOP
    v_sets := v_sets || CASE
      WHEN v_col = 'decision' THEN format('decision = %L', p_event)
      WHEN v_col = 'owner_role' THEN format('owner_role = %L', p ->> 'new_owner')
      WHEN v_col LIKE '%\_at' THEN format('%I = now()', v_col)
      ELSE format('%I = %L', v_col, v_me) END;
  END LOOP;

  EXECUTE format('UPDATE service_orders SET %s WHERE id = $2 AND version = $3 RETURNING version',
                 array_to_string(v_sets, ', '))
    INTO v_version USING p, o.id, p_version;

  INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
    VALUES (o.id, p_event, o.state, v_to, p, v_me) RETURNING id INTO v_event;

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
      INSERT INTO stock_movements (part_id, order_id, kind, quantity, note, actor)
        SELECT a.part_id, o.id, 'receive', a.quantity, 'part_order ' || a.id, v_me
          FROM arrived a WHERE a.part_id IS NOT NULL;
    WHEN 'outsource' THEN
      INSERT INTO outsourcing (order_id, peer_id, followed_by)
        VALUES (o.id, (coalesce(p ->> 'peer_id', o.peer_id::text))::bigint, v_me);
    WHEN 'outsource_return' THEN
      UPDATE outsourcing SET returned_at = now() WHERE outsourcing.order_id = o.id AND returned_at IS NULL;
    WHEN 'notify' THEN
      INSERT INTO calls (direction, purpose, customer_id, order_id, contact, answered_by, relayed_to, subject, actor)
        VALUES ('outbound', 'notify_pickup', o.customer_id, o.id, o.contact_person,
                p ->> 'answered_by', coalesce(p ->> 'relayed_to', ''), o.number, v_me);
    WHEN 'escalate' THEN
      INSERT INTO escalations (order_id, trigger, reason, raised_by) VALUES (o.id, 'manual', p ->> 'reason', v_me);
    WHEN 'repair_done', 'fix_at_desk' THEN
      INSERT INTO repair_tests (order_id, item, passed, actor)
        SELECT o.id, btrim(x), true, v_me FROM unnest(string_to_array(p ->> 'functional_tests', ',')) x
         WHERE btrim(x) ~ '^[a-z][a-z0-9_]*$'
        ON CONFLICT ON CONSTRAINT repair_tests_order_id_item_key DO NOTHING;
    ELSE
      NULL;
  END CASE;

  -- Automatic escalation (domain.md section 5): visits without a fix; part
  -- orders without a fix (thresholds in the settings).
  IF o.state = 'on_site' AND p_event <> 'fix_on_site' THEN
    SELECT count(*) INTO v_count FROM order_events e
     WHERE e.order_id = o.id AND e.from_state = 'on_site' AND e.event NOT IN ('fix_on_site', 'escalate', 'hand_over');
    IF v_count >= wx_setting('escalation.visits', '2')::integer
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_visits') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_visits', v_count);
    END IF;
  ELSIF p_event = 'order_parts' THEN
    SELECT count(*) INTO v_count FROM order_events e WHERE e.order_id = o.id AND e.event = 'order_parts';
    IF v_count >= wx_setting('escalation.part_orders', '2')::integer
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'two_part_orders') THEN
      PERFORM wx_escalate_auto(o.id, v_to, 'two_part_orders', v_count);
    END IF;
  END IF;

  RETURN QUERY SELECT o.id, v_version, v_to, v_event;
END
$$;

-- An automatic escalation: the escalation row and its event.
CREATE OR REPLACE FUNCTION wx_escalate_auto(p_order bigint, p_state text, p_trigger text, p_count integer,
                                            p_extra jsonb DEFAULT '{}', p_reason text DEFAULT '')
  RETURNS void LANGUAGE sql SET search_path = public, pg_temp AS $$
  INSERT INTO escalations (order_id, trigger, reason, raised_by) VALUES (p_order, p_trigger, p_reason, wx_caller());
  INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
    VALUES (p_order, 'escalate', p_state, p_state,
            jsonb_build_object('trigger', p_trigger, 'automatic', true, 'count', p_count) || p_extra, wx_caller());
$$;

-- The sweeps (domain.md section 5), as of `p_now`: the owner's, for demo
-- data and tests; the staff call the versions without a time below, which
-- use the server's clock and cannot be aimed at another moment.
--
-- No diagnosis some days after receipt (escalation.undiagnosed_days):
-- every open order still before its diagnosis is escalated once.
CREATE OR REPLACE FUNCTION wx_escalate_undiagnosed_at(p_now timestamptz)
  RETURNS integer LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
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
-- time zone) escalates its order: once per part order, and not again while
-- the order's part_overdue escalation is still open.
CREATE OR REPLACE FUNCTION wx_escalate_overdue_parts_at(p_now timestamptz)
  RETURNS integer LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
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
    CONTINUE WHEN EXISTS (SELECT 1 FROM escalations x
                           WHERE x.order_id = r.id AND x.trigger = 'part_overdue' AND x.resolved_at IS NULL)
               OR EXISTS (SELECT 1 FROM order_events e
                           WHERE e.order_id = r.id AND e.event = 'escalate'
                             AND e.payload ->> 'trigger' = 'part_overdue'
                             AND e.payload ->> 'part_order' = r.part_order::text);
    PERFORM wx_escalate_auto(r.id, r.state, 'part_overdue', 1,
                             jsonb_build_object('part_order', r.part_order, 'part', r.description,
                                                'expected_on', r.expected_on),
                             r.description || ' · ' || r.expected_on::text);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- A quote the customer has not decided on by the decision clock's limit
-- (2 working days) reaches the supervisor's inbox then, once per order,
-- not only when the late decision is finally recorded.
CREATE OR REPLACE FUNCTION wx_escalate_late_decisions_at(p_now timestamptz)
  RETURNS integer LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
  v_limit integer := coalesce((SELECT limit_minutes FROM sla_thresholds WHERE clock = 'decision'), 1080);
BEGIN
  FOR r IN
    SELECT o.id, o.state FROM service_orders o
     CROSS JOIN LATERAL (SELECT min(e.at) AS at FROM order_events e
                          WHERE e.order_id = o.id AND e.event = 'quote') q
     WHERE o.state = 'quoted' AND q.at > p_now - interval '60 days'
       AND wx_business_due(q.at, v_limit) < p_now
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'late_decision')
     ORDER BY o.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    PERFORM wx_escalate_auto(r.id, r.state, 'late_decision', 1);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION wx_escalate_undiagnosed() RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT wx_escalate_undiagnosed_at(now())
$$;

CREATE OR REPLACE FUNCTION wx_escalate_overdue_parts() RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT wx_escalate_overdue_parts_at(now())
$$;

CREATE OR REPLACE FUNCTION wx_escalate_late_decisions() RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT wx_escalate_late_decisions_at(now())
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

-- ------------------------------------------------------------ grants
REVOKE ALL ON FUNCTION wx_transition(text, integer, text, jsonb), wx_need_met(text, service_orders, jsonb), wx_is_time(text),
  wx_escalate_auto(bigint, text, text, integer, jsonb, text),
  wx_escalate_undiagnosed_at(timestamptz), wx_escalate_overdue_parts_at(timestamptz),
  wx_escalate_late_decisions_at(timestamptz), wx_escalate_undiagnosed(), wx_escalate_overdue_parts(),
  wx_escalate_late_decisions(), wx_check_state_change(), wx_take_back_appearance() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_transition(text, integer, text, jsonb), wx_escalate_undiagnosed(),
  wx_escalate_overdue_parts(), wx_escalate_late_decisions()
  TO wx_coordinator, wx_engineer, wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_check_state_change(), wx_take_back_appearance()
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- Only the functions above escalate automatically (wx_intake's cluster too).
REVOKE EXECUTE ON FUNCTION wx_escalate_auto(bigint, text, text, integer, jsonb, text)
  FROM wx_coordinator, wx_engineer, wx_supervisor;

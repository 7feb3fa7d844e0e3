-- functions/records.sql — stock movements and the engineer's draft quote lines.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The stock of a part is what its movements made it: every movement changes
-- it at once, and taking more than there is refuses the movement with
-- SQLSTATE WX410 (DETAIL: part_number, name, stock, wanted) instead of the
-- bare CHECK of parts.stock. Parts are the admin's; the staff who issue,
-- return and receive change the stock only through movements.
CREATE OR REPLACE FUNCTION wx_stock_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v parts;
BEGIN
  UPDATE parts SET stock = stock + NEW.quantity
   WHERE id = NEW.part_id AND stock + NEW.quantity >= 0;
  IF NOT FOUND THEN
    SELECT * INTO v FROM parts WHERE id = NEW.part_id;
    RAISE EXCEPTION 'only % of % (%) in stock', v.stock, v.name, v.part_number
      USING ERRCODE = 'WX410',
            DETAIL = json_build_object('part_number', v.part_number, 'name', v.name,
                                       'stock', v.stock::text, 'wanted', (-NEW.quantity)::text)::text;
  END IF;
  RETURN NULL;
END
$$;

-- The engineer's inspection writes the parts and labour it suggests as the
-- order's draft quote lines, which the coordinator's quote starts from.
-- Engineers may change them only while the order is being inspected.
CREATE OR REPLACE FUNCTION wx_quote_lines_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  v_state text;
BEGIN
  IF wx_is_owner_of(TG_RELID) OR pg_has_role(current_user, 'wx_coordinator', 'MEMBER')
     OR pg_has_role(current_user, 'wx_supervisor', 'MEMBER') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT state INTO v_state FROM service_orders
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END;
  IF v_state IS DISTINCT FROM 'inspecting' AND v_state IS DISTINCT FROM 'on_site' THEN
    RAISE EXCEPTION 'an engineer writes quote lines only while inspecting'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- ------------------------------------------------------------ a step's records
-- What a step keeps besides the order, from wx_transition's payload
-- "records" (`r`), for order `o` taking `p_event` as `p_me`. Called by
-- wx_transition only, after its checks of the role and the order and
-- before its checks of the step's needs (which see these rows). Returns
-- the step's data with what the records decided (a new peer shop's id).
--   stock         [{part_id, quantity (> 0), kind: issue|return}] parts
--                 issued to the order or returned from it (at most what it
--                 holds), by the inspection and the repair;
--   repair_tests  [{item, passed, note}] the functional tests (repair);
--   old_parts     {bought: [description…]} kept by the supervisor (旧配件
--                 库房): the parts the order holds from stock, and those
--                 bought in for it;
--   new_peer      {name, address, phone, contact} a peer shop met at the
--                 inspection (送同行);
--   visit         {op: contact|book|late|arrive|outcome|deliver, …} the
--                 trip's row (visits), and "call" {…} the call it made.
CREATE OR REPLACE FUNCTION wx_step_records(o service_orders, p_event text, p jsonb, r jsonb, p_me name)
  RETURNS jsonb LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  x jsonb;
  v jsonb := r -> 'visit';
  c jsonb := r -> 'call';
  v_id bigint;
  v_held integer;
  v_at timestamptz;
  v_kind text;
BEGIN
  -- The machine an on-site arrival found (its serial, for an order opened
  -- from a call without one): known or added to the records. The order's
  -- device_id is this function's to say, never the client's.
  p := p - 'device_id';
  IF p_event = 'arrive' AND coalesce(wx_trim(p ->> 'serial'), '') <> '' THEN
    p := p || jsonb_build_object('serial', wx_form_text(p, 'serial', 60));
    IF o.serial <> '' AND upper(o.serial) <> upper(p ->> 'serial') THEN
      PERFORM wx_refuse('arrive_serial_known', o.serial);
    END IF;
    p := p || jsonb_build_object('device_id',
      coalesce(o.device_id, wx_device_for_serial(o.customer_id, p ->> 'serial', o.product_name, o.model,
                                                 o.asset_number, NULL, o.warranty_evidence, 'arrive')));
  ELSIF p_event = 'arrive' THEN
    p := p - 'serial';
  END IF;

  -- parts issued and returned
  IF r ? 'stock' THEN
    IF p_event NOT IN ('inspect', 'repair_done', 'fix_at_desk') OR jsonb_typeof(r -> 'stock') <> 'array' THEN
      PERFORM wx_refuse('step_records', 'stock');
    END IF;
    FOR x IN SELECT value FROM jsonb_array_elements(r -> 'stock') ORDER BY value ->> 'kind' DESC LOOP
      v_kind := x ->> 'kind';
      IF coalesce(x ->> 'part_id', '') !~ '^[0-9]{1,18}$'
         OR NOT EXISTS (SELECT 1 FROM parts pt WHERE pt.id = (x ->> 'part_id')::bigint) THEN
        PERFORM wx_refuse('part_unknown', x ->> 'part_id');
      END IF;
      IF coalesce(x ->> 'quantity', '') !~ '^[0-9]{1,6}$' OR (x ->> 'quantity')::integer NOT BETWEEN 1 AND 100000 THEN
        PERFORM wx_refuse('stock_quantity', x ->> 'quantity');
      END IF;
      IF v_kind = 'return' THEN
        SELECT coalesce(-sum(m.quantity), 0) INTO v_held FROM stock_movements m
         WHERE m.order_id = o.id AND m.part_id = (x ->> 'part_id')::bigint AND m.kind IN ('issue', 'return');
        IF v_held < (x ->> 'quantity')::integer THEN
          PERFORM wx_refuse('stock_return_more', v_held::text);
        END IF;
        INSERT INTO stock_movements (part_id, order_id, kind, quantity, note, actor)
          VALUES ((x ->> 'part_id')::bigint, o.id, 'return', (x ->> 'quantity')::integer,
                  CASE WHEN p_event = 'inspect' THEN 'inspect' ELSE 'repair' END, p_me);
      ELSIF v_kind = 'issue' THEN
        INSERT INTO stock_movements (part_id, order_id, kind, quantity, note, actor)
          VALUES ((x ->> 'part_id')::bigint, o.id, 'issue', -(x ->> 'quantity')::integer,
                  CASE WHEN p_event = 'inspect' THEN 'inspect' ELSE 'repair' END, p_me);
      ELSE
        PERFORM wx_refuse('step_value', 'kind');
      END IF;
    END LOOP;
  END IF;

  -- the functional tests
  IF r ? 'repair_tests' THEN
    IF p_event NOT IN ('repair_done', 'fix_at_desk') OR jsonb_typeof(r -> 'repair_tests') <> 'array' THEN
      PERFORM wx_refuse('step_records', 'repair_tests');
    END IF;
    FOR x IN SELECT value FROM jsonb_array_elements(r -> 'repair_tests') LOOP
      IF coalesce(x ->> 'item', '') !~ '^[a-z][a-z0-9_]{0,40}$' THEN
        PERFORM wx_refuse('step_value', 'item');
      END IF;
      IF jsonb_typeof(x -> 'passed') IS DISTINCT FROM 'boolean' THEN
        PERFORM wx_refuse('step_value', 'passed');
      END IF;
      IF length(coalesce(x ->> 'note', '')) > 500 THEN
        PERFORM wx_refuse('repair_test_note');
      END IF;
      INSERT INTO repair_tests (order_id, item, passed, note, actor)
        VALUES (o.id, x ->> 'item', (x ->> 'passed')::boolean, btrim(coalesce(x ->> 'note', '')), p_me)
        ON CONFLICT (order_id, item) DO UPDATE
          SET passed = EXCLUDED.passed, note = EXCLUDED.note, actor = EXCLUDED.actor, at = now();
    END LOOP;
  END IF;

  -- the old parts the supervisor keeps
  IF r ? 'old_parts' THEN
    IF p_event NOT IN ('repair_done', 'fix_at_desk') OR coalesce(p ->> 'old_parts', '') <> 'kept_by_supervisor'
       OR jsonb_typeof(coalesce(r #> '{old_parts,bought}', '[]')) <> 'array' THEN
      PERFORM wx_refuse('step_records', 'old_parts');
    END IF;
    INSERT INTO old_parts (order_id, description, received_by)
      SELECT o.id, i.name || ' (' || i.part_number || ')' || CASE WHEN i.n > 1 THEN ' × ' || i.n ELSE '' END, p_me
        FROM (SELECT pt.name, pt.part_number, (-sum(m.quantity))::integer AS n
                FROM stock_movements m JOIN parts pt ON pt.id = m.part_id
               WHERE m.order_id = o.id AND m.kind IN ('issue', 'return')
               GROUP BY pt.id, pt.name, pt.part_number HAVING sum(m.quantity) < 0) i;
    FOR x IN SELECT value FROM jsonb_array_elements(coalesce(r #> '{old_parts,bought}', '[]')) LOOP
      IF jsonb_typeof(x) <> 'string' OR btrim(x #>> '{}') = '' OR length(x #>> '{}') > 200 THEN
        PERFORM wx_refuse('step_value', 'old_parts');
      END IF;
      INSERT INTO old_parts (order_id, description, received_by) VALUES (o.id, btrim(x #>> '{}'), p_me);
    END LOOP;
  END IF;

  -- a new peer shop
  IF r ? 'new_peer' THEN
    IF p_event <> 'outsource' OR coalesce(btrim(r #>> '{new_peer,name}'), '') = '' THEN
      PERFORM wx_refuse('step_records', 'new_peer');
    END IF;
    INSERT INTO suppliers (name, kind, address, phone, contact)
      VALUES (btrim(r #>> '{new_peer,name}'), 'peer_shop', btrim(coalesce(r #>> '{new_peer,address}', '')),
              nullif(btrim(coalesce(r #>> '{new_peer,phone}', '')), ''), btrim(coalesce(r #>> '{new_peer,contact}', '')))
      RETURNING id INTO v_id;
    p := p || jsonb_build_object('peer_id', v_id::text);
  END IF;

  -- the call the step made
  IF c IS NOT NULL THEN
    IF p_event NOT IN ('contact_customer', 'running_late') OR jsonb_typeof(c) <> 'object' THEN
      PERFORM wx_refuse('step_records', 'call');
    END IF;
    INSERT INTO calls (direction, purpose, customer_id, order_id, contact, phone, subject, result, reached,
                       answered_by, promised_reply_at, actor)
      VALUES ('outbound', CASE p_event WHEN 'running_late' THEN 'running_late' ELSE 'appointment' END,
              o.customer_id, o.id, btrim(coalesce(c ->> 'contact', '')), nullif(btrim(coalesce(c ->> 'phone', '')), ''),
              btrim(coalesce(c ->> 'subject', '')), btrim(coalesce(c ->> 'result', '')), true,
              btrim(coalesce(c ->> 'answered_by', '')), (nullif(c ->> 'promised_reply_at', ''))::timestamptz, p_me);
  END IF;

  -- the trip
  IF v IS NOT NULL THEN
    IF jsonb_typeof(v) <> 'object' OR p_event NOT IN ('contact_customer', 'book_visit', 'running_late', 'arrive',
         'fix_on_site', 'inspect', 'take_back', 'leave_unfixed', 'deliver', 'accept') THEN
      PERFORM wx_refuse('step_records', 'visit');
    END IF;
    IF v ->> 'op' = 'deliver' THEN
      INSERT INTO visits (order_id, engineer, address, contact, phone, arrived_at, left_at, outcome, customer_signed)
        VALUES (o.id, p_me, o.unit_address, btrim(coalesce(v ->> 'contact', '')),
                coalesce(o.contact_mobile, o.contact_phone), now(), now(), 'delivered', true);
      RETURN p;
    END IF;
    BEGIN
      v_at := (nullif(v ->> 'arrived_at', ''))::timestamptz;
    EXCEPTION WHEN data_exception THEN
      PERFORM wx_refuse('step_value', 'arrived_at');
    END;
    -- The order's open trip, made when there is none (a visit booked from
    -- the board has only the order's appointment).
    IF v ->> 'op' = 'late' AND (v ->> 'appointment_at')::timestamptz
         <= (SELECT coalesce(vv.appointment_at, o.appointment_at) FROM (SELECT 1) one
               LEFT JOIN visits vv ON vv.order_id = o.id AND vv.outcome IS NULL) THEN
      PERFORM wx_refuse('appointment_not_later', v ->> 'appointment_at');
    END IF;
    INSERT INTO visits AS vv (order_id, engineer, contacted_at, appointment_at, address, contact, phone,
                              late_notice_at, arrived_at)
      SELECT o.id, coalesce(o.engineer, p_me),
             CASE WHEN v ->> 'op' = 'contact' THEN now() END,
             coalesce((nullif(v ->> 'appointment_at', ''))::timestamptz, o.appointment_at),
             coalesce(nullif(btrim(v ->> 'address'), ''), o.unit_address),
             coalesce(nullif(btrim(v ->> 'contact'), ''), o.contact_person),
             coalesce(nullif(btrim(v ->> 'phone'), ''), o.contact_mobile, o.contact_phone),
             CASE WHEN v ->> 'op' = 'late' THEN now() END,
             coalesce(CASE WHEN v ->> 'op' = 'arrive' THEN coalesce(v_at, now()) ELSE v_at END,
                      CASE WHEN o.state = 'on_site' THEN
                        (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'arrive') END)
    ON CONFLICT (order_id) WHERE outcome IS NULL DO UPDATE SET
      contacted_at = coalesce(vv.contacted_at, excluded.contacted_at),
      appointment_at = coalesce((nullif(v ->> 'appointment_at', ''))::timestamptz, vv.appointment_at),
      address = coalesce(nullif(btrim(v ->> 'address'), ''), vv.address),
      contact = coalesce(nullif(btrim(v ->> 'contact'), ''), vv.contact),
      phone = coalesce(nullif(btrim(v ->> 'phone'), ''), vv.phone),
      late_notice_at = coalesce(excluded.late_notice_at, vv.late_notice_at),
      arrived_at = coalesce(CASE WHEN v ->> 'op' = 'arrive' THEN coalesce(v_at, now()) ELSE v_at END, vv.arrived_at)
    RETURNING vv.id INTO v_id;
    IF v ->> 'op' = 'outcome' THEN
      IF coalesce(v ->> 'outcome', '') NOT IN ('fixed', 'needs_parts', 'taken_back', 'customer_absent') THEN
        PERFORM wx_refuse('step_value', 'outcome');
      END IF;
      UPDATE visits SET outcome = v ->> 'outcome',
             left_at = coalesce((nullif(v ->> 'left_at', ''))::timestamptz, now()),
             customer_signed = coalesce((v ->> 'customer_signed')::boolean, false),
             notes = coalesce(nullif(btrim(v ->> 'notes'), ''), notes),
             appearance = coalesce(nullif(btrim(v ->> 'appearance'), ''), appearance),
             parts_used = coalesce(nullif(btrim(v ->> 'parts_used'), ''), parts_used),
             copy_handed = coalesce((v ->> 'copy_handed')::boolean, false)
       WHERE id = v_id;
      -- The accessories taken with the machine, labelled after any already listed.
      IF v ->> 'outcome' = 'taken_back' THEN
        INSERT INTO order_accessories (order_id, position, name)
          SELECT o.id, coalesce((SELECT max(a.position) FROM order_accessories a WHERE a.order_id = o.id), 0) + n,
                 btrim(name)
            FROM jsonb_array_elements_text(coalesce(v -> 'accessories', '[]')) WITH ORDINALITY AS t (name, n)
           WHERE btrim(name) <> '';
      END IF;
    END IF;
  END IF;
  RETURN p;
END
$$;

REVOKE ALL ON FUNCTION wx_step_records(service_orders, text, jsonb, jsonb, name) FROM PUBLIC;

-- The machine's category from the product name and the model, as
-- wx_machine_category_guess does: the first word of machine_category_words
-- found in them, else "pc" when the word PC stands alone, else "other".
CREATE OR REPLACE FUNCTION wx_machine_category(p_product text, p_model text) RETURNS text
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(
    (SELECT w.category FROM machine_category_words w
      WHERE strpos(lower(coalesce(p_product, '') || ' ' || coalesce(p_model, '')), w.word) > 0
      ORDER BY w.position LIMIT 1),
    CASE WHEN lower(coalesce(p_product, '') || ' ' || coalesce(p_model, '')) ~ '(^|[^a-z0-9])pc($|[^a-z])'
         THEN 'pc' ELSE 'other' END)
$$;

-- The functional tests of order `o`'s category not yet passed, with those
-- the step's data names (functional_tests: item codes, comma-separated).
CREATE OR REPLACE FUNCTION wx_functional_tests_missing(o service_orders, p jsonb) RETURNS text[]
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(f.item ORDER BY f.position), '{}')
    FROM functional_tests f
   WHERE f.category = wx_machine_category(o.product_name, o.model)
     AND NOT EXISTS (SELECT 1 FROM repair_tests r WHERE r.order_id = o.id AND r.item = f.item AND r.passed)
     AND NOT f.item = ANY (SELECT btrim(x) FROM unnest(string_to_array(coalesce(p ->> 'functional_tests', ''), ',')) x)
$$;

REVOKE ALL ON FUNCTION wx_machine_category(text, text), wx_functional_tests_missing(service_orders, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_machine_category(text, text) TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

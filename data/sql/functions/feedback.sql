-- functions/feedback.sql — callbacks and complaints.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The five steps one after the other, none after closing.
CREATE OR REPLACE FUNCTION wx_complaint_step_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM complaints c WHERE c.id = NEW.complaint_id AND c.closed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'complaint % is closed', NEW.complaint_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'complaint_steps_open';
  END IF;
  IF NEW.step BETWEEN 2 AND 5 AND NOT EXISTS (SELECT 1 FROM complaint_steps s
                                   WHERE s.complaint_id = NEW.complaint_id AND s.step = NEW.step - 1) THEN
    RAISE EXCEPTION 'step % of complaint % before step %', NEW.step, NEW.complaint_id, NEW.step - 1
      USING ERRCODE = 'check_violation', CONSTRAINT = 'complaint_steps_in_order';
  END IF;
  RETURN NEW;
END
$$;

-- The shop's local day of `t` plus `days`, at the business hours' opening
-- (`closing` false) or closing time of that weekday (09:00 / 18:00 when closed).
CREATE OR REPLACE FUNCTION wx_callback_day_at(t timestamptz, days integer, closing boolean)
  RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT (d + CASE WHEN closing
                   THEN coalesce ((SELECT closes FROM business_hours WHERE weekday = extract (isodow FROM d)), '18:00')
                   ELSE coalesce ((SELECT opens FROM business_hours WHERE weekday = extract (isodow FROM d)), '09:00')
              END) AT TIME ZONE wx_setting ('timezone', 'Asia/Shanghai')
    FROM (SELECT (t AT TIME ZONE wx_setting ('timezone', 'Asia/Shanghai'))::date + days AS d) x
$$;

CREATE OR REPLACE FUNCTION wx_callbacks_generate(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  tz    text := wx_setting ('timezone', 'Asia/Shanghai');
  since timestamptz := p_now - interval '14 days';
  n     integer;
  total integer := 0;
BEGIN
  INSERT INTO callbacks (order_id, kind, due_at)
  SELECT o.id, 'weekly',
         wx_callback_day_at (o.picked_up_at,
                             (12 - extract (isodow FROM (o.picked_up_at AT TIME ZONE tz))::integer) % 7, true)
    FROM service_orders o
   WHERE o.picked_up_at > since AND o.picked_up_at <= p_now
   ORDER BY o.picked_up_at, o.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (order_id, kind, due_at)
  SELECT o.id, 'onsite_24h', done.at + interval '24 hours'
    FROM service_orders o
   CROSS JOIN LATERAL (SELECT coalesce ((SELECT min (e.at) FROM order_events e
                                          WHERE e.order_id = o.id AND e.to_state = 'fixed_on_site'),
                                        o.picked_up_at) AS at) done
   WHERE o.kind = 'on_site' AND done.at > since AND done.at <= p_now
   ORDER BY done.at, o.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (call_id, kind, due_at)
  SELECT c.id, 'hotline_next_day', wx_callback_day_at (c.at, 1, false)
    FROM calls c
   WHERE c.direction = 'inbound' AND c.purpose IN ('request', 'enquiry') AND c.order_id IS NULL
     AND c.promised_reply_at IS NOT NULL AND c.at > since AND c.at <= p_now
   ORDER BY c.at, c.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (call_id, kind, due_at)
  SELECT c.id, 'phone_guidance_2h', c.at + interval '2 hours'
    FROM calls c
   WHERE c.direction = 'inbound' AND c.purpose = 'request' AND c.order_id IS NULL AND c.reached
     AND c.promised_reply_at IS NULL AND btrim (c.result) <> '' AND c.at > since AND c.at <= p_now
   ORDER BY c.at, c.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN total + n;
END
$$;

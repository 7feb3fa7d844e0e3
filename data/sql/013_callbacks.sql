-- 013_callbacks.sql — the supervisor's callbacks (回访), complaints (投诉) and
-- escalation inbox (seed 000 维修部主管 操作细则: 客户回访工作, 用户反馈的处理,
-- 管理升级问题; seed 003 items 12 and 22; seed 002 "2 小时后追踪回访").
--
-- Callback lists are generated from the data by wx_callbacks_generate(p_now),
-- idempotently (one callback per order and kind, or per call and kind):
--   weekly             every order handed over (picked_up_at): due on the
--                      first Friday on or after the handover day, at closing
--                      time (the Friday list, reported at Monday's meeting);
--   onsite_24h         on-site orders, 24 hours after completion: fixed on
--                      site (the first event into fixed_on_site), else the
--                      handover when the machine was taken back and delivered;
--   hotline_next_day   an unresolved hotline case: an inbound repair request
--                      or enquiry with no service order, on which the desk
--                      promised a reply (promised_reply_at): the next day at
--                      opening time;
--   phone_guidance_2h  phone guidance: an inbound repair request with no
--                      order, answered (reached), no reply promised and a
--                      result written (the guidance given): 2 hours later.
-- Only what happened in the 14 days up to p_now is considered, so the first
-- run on an old database does not call back years of customers.

-- A phone case may have no order: the callback then refers to its call.
ALTER TABLE callbacks ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE callbacks ADD COLUMN call_id bigint REFERENCES calls;
ALTER TABLE callbacks ADD CONSTRAINT callbacks_subject_check
  CHECK (num_nonnulls (order_id, call_id) = 1);
ALTER TABLE callbacks ADD CONSTRAINT callbacks_phone_kind_check
  CHECK ((call_id IS NOT NULL) = (kind IN ('hotline_next_day', 'phone_guidance_2h')));
ALTER TABLE callbacks ADD CONSTRAINT callbacks_order_kind_key UNIQUE (order_id, kind);
ALTER TABLE callbacks ADD CONSTRAINT callbacks_call_kind_key UNIQUE (call_id, kind);
-- Tries without an answer; the follow-up a "not working" answer opened.
ALTER TABLE callbacks ADD COLUMN attempts smallint NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE callbacks ADD COLUMN return_order_id bigint REFERENCES service_orders;
ALTER TABLE callbacks ADD COLUMN complaint_id bigint REFERENCES complaints;
ALTER TABLE callbacks ADD CONSTRAINT callbacks_done_check
  CHECK (done_at IS NULL OR (reached AND actor IS NOT NULL AND satisfaction IS NOT NULL));
ALTER TABLE callbacks ADD CONSTRAINT callbacks_comments_check CHECK (length (comments) <= 2000);
CREATE INDEX callbacks_call_idx ON callbacks (call_id) WHERE call_id IS NOT NULL;

-- The complaint's step 3 (寻求解决办法) may be escalated to the manager.
ALTER TABLE complaint_steps ADD COLUMN escalated boolean NOT NULL DEFAULT false;
ALTER TABLE complaint_steps ADD CONSTRAINT complaint_steps_escalated_check CHECK (step = 3 OR NOT escalated);
ALTER TABLE complaint_steps ADD CONSTRAINT complaint_steps_note_check CHECK (length (note) <= 2000);
ALTER TABLE complaints ADD CONSTRAINT complaints_outcome_check CHECK (length (outcome) <= 2000);

-- The five steps one after the other, none after closing.
CREATE FUNCTION wx_complaint_step_guard() RETURNS trigger
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
CREATE TRIGGER complaint_steps_in_order BEFORE INSERT ON complaint_steps
  FOR EACH ROW EXECUTE FUNCTION wx_complaint_step_guard();

-- A resolved escalation says how.
ALTER TABLE escalations ADD CONSTRAINT escalations_resolution_check
  CHECK (resolved_at IS NULL OR btrim (resolution) <> '');

-- The shop's local day of `t` plus `days`, at the business hours' opening
-- (`closing` false) or closing time of that weekday (09:00 / 18:00 when closed).
CREATE FUNCTION wx_callback_day_at(t timestamptz, days integer, closing boolean)
  RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT (d + CASE WHEN closing
                   THEN coalesce ((SELECT closes FROM business_hours WHERE weekday = extract (isodow FROM d)), '18:00')
                   ELSE coalesce ((SELECT opens FROM business_hours WHERE weekday = extract (isodow FROM d)), '09:00')
              END) AT TIME ZONE wx_setting ('timezone', 'Asia/Shanghai')
    FROM (SELECT (t AT TIME ZONE wx_setting ('timezone', 'Asia/Shanghai'))::date + days AS d) x
$$;

CREATE FUNCTION wx_callbacks_generate(p_now timestamptz DEFAULT now())
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

REVOKE ALL ON FUNCTION wx_complaint_step_guard(), wx_callback_day_at(timestamptz, integer, boolean),
  wx_callbacks_generate(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_complaint_step_guard(), wx_callback_day_at(timestamptz, integer, boolean),
  wx_callbacks_generate(timestamptz) TO wx_coordinator, wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_complaint_step_guard() TO wx_engineer;

-- A "not working" answer opens a return repair: the supervisor opens orders too.
GRANT INSERT ON service_orders TO wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_next_order_number(timestamptz) TO wx_supervisor;

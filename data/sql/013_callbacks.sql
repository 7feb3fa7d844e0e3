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

-- wx_complaint_step_guard: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_complaint_step_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;
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

-- wx_callbacks_generate: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_callbacks_generate(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

REVOKE ALL ON FUNCTION wx_complaint_step_guard(), wx_callback_day_at(timestamptz, integer, boolean),
  wx_callbacks_generate(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_complaint_step_guard(), wx_callback_day_at(timestamptz, integer, boolean),
  wx_callbacks_generate(timestamptz) TO wx_coordinator, wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_complaint_step_guard() TO wx_engineer;

-- A "not working" answer opens a return repair: the supervisor opens orders too.
GRANT INSERT ON service_orders TO wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_next_order_number(timestamptz) TO wx_supervisor;

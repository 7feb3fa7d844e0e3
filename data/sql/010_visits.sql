-- 010_visits.sql — on-site visits (现场维修, seed 000 工程师 操作细则
-- 现场维修前电话沟通, 现场维修, 取送产品; domain.md section 3 "On-site").
-- One row of `visits` per trip to the customer: the phone contact that
-- stops the 10-minute clock, the booking (time, address, contact), a late
-- notice, arrival, and how the trip ended. src/db/wx-db-visits.c writes the
-- rows inside the step's transaction (wx_db_order_step_full).

-- ------------------------------------------------------------ the visit's record
ALTER TABLE visits
  ADD COLUMN contact      text NOT NULL DEFAULT '',
  ADD COLUMN phone        wx_phone,
  ADD COLUMN appearance   text NOT NULL DEFAULT '',   -- 外观检查, when the machine is taken back
  ADD COLUMN parts_used   text NOT NULL DEFAULT '',   -- when fixed on site
  ADD COLUMN copy_handed  boolean NOT NULL DEFAULT false,  -- 用户联 handed to the customer
  ADD CONSTRAINT visit_contact_length CHECK (length(contact) <= 60),
  ADD CONSTRAINT visit_texts_length CHECK (length(appearance) <= 1000 AND length(parts_used) <= 2000
                                           AND length(notes) <= 2000 AND length(address) <= 300),
  -- A visit that ended was a visit: the engineer arrived and left.
  ADD CONSTRAINT visit_outcome_times CHECK (outcome IS NULL OR (arrived_at IS NOT NULL AND left_at IS NOT NULL)),
  -- Fixed, taken back or delivered: the customer signed the form.
  ADD CONSTRAINT visit_outcome_signed CHECK (outcome IS NULL OR outcome NOT IN ('fixed', 'taken_back', 'delivered')
                                             OR customer_signed),
  -- Taken back: appearance recorded and the customer copy handed over (the pickup receipt).
  ADD CONSTRAINT visit_taken_back CHECK (outcome IS DISTINCT FROM 'taken_back' OR (appearance <> '' AND copy_handed)),
  -- Nobody there: the note left for the customer is recorded.
  ADD CONSTRAINT visit_absent_note CHECK (outcome IS DISTINCT FROM 'customer_absent' OR notes <> ''),
  -- A late notice moves a booked time.
  ADD CONSTRAINT visit_late_booked CHECK (late_notice_at IS NULL OR appointment_at IS NOT NULL);

-- One open trip per order at a time.
CREATE UNIQUE INDEX visits_one_open ON visits (order_id) WHERE outcome IS NULL;
CREATE INDEX visits_appointment_idx ON visits (appointment_at) WHERE appointment_at IS NOT NULL;

-- ------------------------------------------------------------ the steps
-- Taken back to the shop, the machine joins the carry-in flow where a
-- received machine waits: shelf S1, folder F1 (seed 000 现场 step 6).
UPDATE workflow_transitions SET to_state = 'received' WHERE event = 'take_back' AND from_state = 'on_site';
-- …and is dispatched for inspection as a carry-in machine is.
UPDATE workflow_transitions SET kinds = '{carry_in,on_site}' WHERE event = 'dispatch_inspection' AND from_state = 'received';

-- Steps that leave the state as it is: the engineer's call to the customer
-- (stops the on-site contact clock), and a late arrival announced by phone
-- with the new time (it moves the order's appointment_at).
INSERT INTO workflow_transitions (position, from_state, event, to_state, kinds, roles, needs) VALUES
  (48, 'onsite_dispatched', 'contact_customer', NULL, '{on_site}', '{engineer,supervisor}', '{}'),
  (49, 'appointment_booked', 'running_late', NULL, '{on_site}', '{engineer,supervisor}', '{appointment}');

-- wx_take_back_appearance: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_take_back_appearance() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER service_orders_take_back BEFORE UPDATE OF state ON service_orders
  FOR EACH ROW EXECUTE FUNCTION wx_take_back_appearance();

-- ------------------------------------------------------------ grants
REVOKE ALL ON FUNCTION wx_take_back_appearance() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_take_back_appearance() TO wx_coordinator, wx_engineer, wx_supervisor;
-- The coordinator books visits for the engineers (seed 000 协调员: 和用户约好
-- 上门到达时间,并登记在工程师的工作安排日志上); the supervisor visits too.
GRANT INSERT, UPDATE ON visits TO wx_coordinator, wx_supervisor;
-- Engineers collect payment on site and at delivery (seed 000 现场 step 13).
GRANT INSERT ON payments TO wx_engineer;

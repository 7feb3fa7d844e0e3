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

-- wx_check_state_change: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_check_state_change() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER service_orders_state BEFORE INSERT OR UPDATE OF state, kind ON service_orders
  FOR EACH ROW EXECUTE FUNCTION wx_check_state_change();

-- wx_need_met: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_need_met(p_need text, o service_orders, p jsonb) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_transition: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_transition(p_number text, p_version integer, p_event text, p_payload jsonb DEFAULT '{}')
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint)
  LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_escalate_auto: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_escalate_auto(p_order bigint, p_state text, p_trigger text, p_count integer)
  RETURNS void LANGUAGE sql AS $$ SELECT $$;

-- wx_escalate_undiagnosed: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_escalate_undiagnosed(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

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

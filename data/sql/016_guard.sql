-- 016_guard.sql — the database is the guard (issue 22), part one: the step
-- catalogue as data, and no change of an order outside the workflow.
--
-- What a step fills, stamps and which dialog asks for it become columns of
-- workflow_transitions (mirrors transitions[] in src/core/wx-workflow.c; the
-- identity test compares them); wx_transition (functions/workflow.sql) and
-- the step dialog read them instead of keeping their own lists.
ALTER TABLE workflow_transitions
  ADD COLUMN fills  text[] NOT NULL DEFAULT '{}',
  ADD COLUMN stamps text[] NOT NULL DEFAULT '{}',
  ADD COLUMN form   text NOT NULL DEFAULT 'step'
    CHECK (form IN ('none', 'step', 'inspection', 'repair', 'part_order', 'visit', 'review'));

UPDATE workflow_transitions t SET fills = v.fills::text[], stamps = v.stamps::text[], form = v.form
  FROM (VALUES
    (1, 'dispatch_inspection', '{}', '{dispatched_at}', 'step'),
    (2, 'fix_at_desk', '{old_parts,cleaned}', '{repaired_by,repaired_at}', 'repair'),
    (3, 'inspect', '{measures,parts_needed,suggested_price,explanation}', '{inspected_by,inspected_at}', 'inspection'),
    (4, 'outsource', '{fault_analysis}', '{}', 'inspection'),
    (5, 'quote', '{quote_told,repair_period}', '{quoted_at}', 'step'),
    (6, 'tell_result', '{}', '{}', 'step'),
    (7, 'dispatch_repair', '{}', '{dispatched_at}', 'step'),
    (8, 'agree', '{decision_reason}', '{decision,decided_at}', 'step'),
    (9, 'decline', '{decision_reason}', '{decision,decided_at}', 'step'),
    (10, 'dispatch_repair', '{}', '{dispatched_at}', 'step'),
    (11, 'order_parts', '{part_id,supplier_id,quantity,expected_on,prepaid,cost}', '{}', 'part_order'),
    (12, 'order_parts', '{part_id,supplier_id,quantity,expected_on,prepaid,cost}', '{}', 'part_order'),
    (13, 'parts_arrived', '{}', '{}', 'part_order'),
    (14, 'repair_done', '{old_parts,cleaned}', '{repaired_by,repaired_at}', 'repair'),
    (15, 'outsource', '{fault_analysis}', '{}', 'inspection'),
    (16, 'outsource_return', '{}', '{}', 'none'),
    (17, 'notify', '{relayed_to}', '{notified_at}', 'step'),
    (18, 'notify', '{relayed_to}', '{notified_at}', 'step'),
    (19, 'pickup', '{payment_amount,payment_method,verified_by,pickup_signed}', '{picked_up_at}', 'step'),
    (20, 'pickup', '{payment_amount,payment_method,verified_by,pickup_signed}', '{picked_up_at}', 'step'),
    (21, 'pickup', '{payment_amount,payment_method,verified_by,pickup_signed}', '{picked_up_at}', 'step'),
    (22, 'dispatch_delivery', '{}', '{}', 'step'),
    (23, 'deliver', '{payment_amount,payment_method,picked_up_by,pickup_signed}', '{picked_up_at,delivered_by}', 'visit'),
    (24, 'dispatch_onsite', '{}', '{dispatched_at}', 'step'),
    (25, 'book_visit', '{address,contact,phone,reason}', '{}', 'visit'),
    (26, 'arrive', '{arrived_at}', '{}', 'visit'),
    (27, 'fix_on_site', '{outcome,arrived_at,left_at,parts_used,old_parts,customer_signed}', '{repaired_by,repaired_at}', 'visit'),
    (28, 'inspect', '{outcome,arrived_at,left_at,measures,parts_needed,suggested_price,explanation}', '{inspected_by,inspected_at}', 'visit'),
    (29, 'take_back', '{outcome,arrived_at,left_at,appearance,accessories,customer_signed}', '{}', 'visit'),
    (30, 'leave_unfixed', '{outcome,arrived_at,left_at}', '{}', 'visit'),
    (31, 'dispatch_onsite', '{}', '{dispatched_at}', 'step'),
    (32, 'accept', '{payment_amount,payment_method,picked_up_by,pickup_signed}', '{picked_up_at}', 'visit'),
    (33, 'quote', '{quote_told,repair_period}', '{quoted_at}', 'step'),
    (34, 'pickup', '{payment_amount,payment_method,verified_by,pickup_signed}', '{picked_up_at}', 'step'),
    (35, 'dispatch_delivery', '{}', '{}', 'step'),
    (36, 'enter', '{}', '{entered_at}', 'none'),
    (37, 'review', '{}', '{reviewed_by,reviewed_at}', 'review'),
    (38, 'reconcile', '{}', '{reconciled_at}', 'none'),
    (39, 'invoice', '{}', '{invoiced_at}', 'none'),
    (40, 'cancel', '{}', '{}', 'step'),
    (41, 'cancel', '{}', '{}', 'step'),
    (42, 'cancel', '{}', '{}', 'step'),
    (43, 'cancel', '{}', '{}', 'step'),
    (44, 'cancel', '{}', '{}', 'step'),
    (45, 'cancel', '{}', '{}', 'step'),
    (46, 'escalate', '{}', '{}', 'step'),
    (47, 'hand_over', '{}', '{owner_role}', 'step'),
    (48, 'contact_customer', '{contact,phone,note}', '{}', 'visit'),
    (49, 'running_late', '{note,contact,reason}', '{}', 'visit')
  ) AS v (position, event, fills, stamps, form)
 WHERE t.position = v.position AND t.event = v.event;

-- The sweeps lose their "now" for the staff: wx_escalate_undiagnosed() and
-- wx_escalate_overdue_parts() use the server's clock; the *_at versions
-- with a time are the owner's (demo data, tests).
DROP FUNCTION wx_escalate_undiagnosed(timestamptz);
DROP FUNCTION wx_escalate_overdue_parts(timestamptz);
DROP FUNCTION wx_escalate_auto(bigint, text, text, integer);

-- A quote left undecided past the decision clock's limit reaches the
-- supervisor's inbox (wx_escalate_late_decisions).
ALTER TABLE escalations DROP CONSTRAINT escalations_trigger_check;
ALTER TABLE escalations ADD CONSTRAINT escalations_trigger_check
  CHECK (trigger IN ('manual', 'two_visits', 'two_part_orders', 'no_diagnosis_week', 'cluster', 'part_overdue',
                     'late_decision'));

-- Orders change only through wx_transition (SECURITY DEFINER): no staff
-- group updates or deletes an order, a payment, a quote line or an
-- accessory directly any more.
REVOKE UPDATE, DELETE ON service_orders FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE INSERT, UPDATE, DELETE ON payments, quote_lines FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE UPDATE, DELETE ON order_accessories FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- Until intake is a function of its own: the return-repair link intake
-- sets on the order it has just created.
GRANT UPDATE (is_return_repair, return_of_order_id) ON service_orders TO wx_coordinator, wx_engineer, wx_supervisor;

-- The records steps keep are written by wx_transition too (functions/
-- records.sql, wx_step_records): visits, functional tests, part orders,
-- peer-shop trips, parts issued and returned, old parts, a peer shop met
-- at the inspection. (The administrator's stock receipts and the
-- coordinator's supplier list belong to the records window, issue 14.)
REVOKE INSERT, UPDATE, DELETE ON visits, repair_tests, part_orders, outsourcing, old_parts
  FROM wx_coordinator, wx_engineer, wx_supervisor;
REVOKE INSERT, UPDATE, DELETE ON stock_movements FROM wx_coordinator, wx_engineer, wx_supervisor;
REVOKE INSERT, UPDATE, DELETE ON suppliers FROM wx_engineer, wx_supervisor;

-- ------------------------------------------------------------ functional tests
-- A repair is done only with every functional test of the machine's
-- category passed (seed 000 工程师 操作细则 六、功能测试要求). The category
-- is guessed from the product and model as the front desk wrote them; the
-- words and the tests mirror src/core/wx-records.c (test-records compares).
CREATE TABLE machine_category_words (
  position smallint PRIMARY KEY,
  category text NOT NULL CHECK (category IN ('pc', 'laptop', 'server', 'laser_printer', 'inkjet_printer', 'other')),
  word     text NOT NULL UNIQUE CHECK (word = lower(word) AND word <> '')
);

CREATE TABLE functional_tests (
  category   text NOT NULL CHECK (category IN ('pc', 'laptop', 'server', 'laser_printer', 'inkjet_printer', 'other')),
  position   smallint NOT NULL,
  item       text NOT NULL CHECK (item ~ '^[a-z][a-z0-9_]*$'),
  needs_note boolean NOT NULL DEFAULT false,
  PRIMARY KEY (category, position),
  UNIQUE (category, item)
);

-- The words that name a category, most specific first (wx_machine_category_guess).
INSERT INTO machine_category_words (position, category, word) VALUES
  (1, 'laser_printer', '激光'),
  (2, 'laser_printer', 'laser'),
  (3, 'laser_printer', '复印机'),
  (4, 'laser_printer', 'copier'),
  (5, 'inkjet_printer', '喷墨'),
  (6, 'inkjet_printer', 'inkjet'),
  (7, 'inkjet_printer', 'ink jet'),
  (8, 'inkjet_printer', 'deskjet'),
  (9, 'inkjet_printer', 'officejet'),
  (10, 'inkjet_printer', 'pixma'),
  (11, 'inkjet_printer', 'smart tank'),
  (12, 'inkjet_printer', '墨仓'),
  (13, 'other', '绘图仪'),
  (14, 'other', 'plotter'),
  (15, 'other', 'designjet'),
  (16, 'laser_printer', '打印机'),
  (17, 'laser_printer', 'printer'),
  (18, 'laser_printer', '多功能一体机'),
  (19, 'laptop', '笔记本'),
  (20, 'laptop', '手提电脑'),
  (21, 'laptop', 'laptop'),
  (22, 'laptop', 'notebook'),
  (23, 'laptop', 'thinkpad'),
  (24, 'laptop', 'macbook'),
  (25, 'laptop', 'matebook'),
  (26, 'server', '服务器'),
  (27, 'server', 'server'),
  (28, 'server', 'poweredge'),
  (29, 'server', 'proliant'),
  (30, 'pc', '台式'),
  (31, 'pc', '电脑'),
  (32, 'pc', '主机'),
  (33, 'pc', '工作站'),
  (34, 'pc', '一体机'),
  (35, 'pc', 'desktop'),
  (36, 'pc', 'workstation'),
  (37, 'pc', 'computer'),
  (38, 'pc', 'optiplex'),
  (39, 'pc', 'thinkcentre'),
  (40, 'pc', 'prodesk');

-- Each category's functional tests (功能测试要求).
INSERT INTO functional_tests (category, position, item, needs_note) VALUES
  ('pc', 1, 'post', false),
  ('pc', 2, 'configuration', false),
  ('pc', 3, 'diagnostics', false),
  ('laptop', 1, 'post', false),
  ('laptop', 2, 'configuration', false),
  ('laptop', 3, 'diagnostics', false),
  ('server', 1, 'post', false),
  ('server', 2, 'configuration', false),
  ('server', 3, 'diagnostics', false),
  ('laser_printer', 1, 'self_test', false),
  ('laser_printer', 2, 'online_print', false),
  ('laser_printer', 3, 'continuous_print', false),
  ('inkjet_printer', 1, 'self_test', false),
  ('inkjet_printer', 2, 'online_print', false),
  ('inkjet_printer', 3, 'continuous_print', false),
  ('other', 1, 'manual', true);

GRANT SELECT ON machine_category_words, functional_tests TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

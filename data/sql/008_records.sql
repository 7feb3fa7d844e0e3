-- 008_records.sql — the engineer's records (issue 6): the inspection's parts
-- as draft quote lines, the repair's functional tests (seed 000 工程师 操作细则
-- 六、功能测试要求) and cleaning, parts issued from stock and returned, parts
-- ordered from a supplier and their arrival, and the escalation of a part
-- order that is late (七、升级维修触发条件).

-- ------------------------------------------------------------ stock
-- A movement's quantity is the change of the stock: receiving and returning
-- add, issuing and consuming take away, an adjustment goes either way.
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_sign
  CHECK (kind = 'adjust' OR (kind IN ('receive', 'return')) = (quantity > 0));

-- wx_stock_apply: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_stock_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION wx_stock_apply();

-- How many of a part an order asks for.
ALTER TABLE part_orders ADD COLUMN quantity integer NOT NULL DEFAULT 1
  CHECK (quantity BETWEEN 1 AND 1000);

-- ------------------------------------------------------------ the repair record
-- The functional tests of the machine's category (the checklist is in
-- src/core/wx-records.c), one row per item, and whether the machine was
-- cleaned (电脑类: 外观, 屏, 风扇, 键盘; 打印机类: 外观, 走纸系统).
CREATE TABLE repair_tests (
  id       bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES service_orders,
  item     text NOT NULL CHECK (item ~ '^[a-z][a-z0-9_]*$'),
  passed   boolean NOT NULL,
  note     text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  actor    name NOT NULL DEFAULT current_user,
  at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, item)
);

ALTER TABLE service_orders ADD COLUMN cleaned boolean NOT NULL DEFAULT false;

-- wx_quote_lines_guard: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_quote_lines_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER quote_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON quote_lines
  FOR EACH ROW EXECUTE FUNCTION wx_quote_lines_guard();

-- ------------------------------------------------------------ escalation
ALTER TABLE escalations DROP CONSTRAINT escalations_trigger_check;
ALTER TABLE escalations ADD CONSTRAINT escalations_trigger_check
  CHECK (trigger IN ('manual', 'two_visits', 'two_part_orders', 'no_diagnosis_week', 'cluster', 'part_overdue'));

-- wx_escalate_overdue_parts: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_escalate_overdue_parts(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- ------------------------------------------------------------ the workflow
-- OK (repair_done, fix_at_desk) needs the functional tests recorded: rows of
-- repair_tests, or the step's own "functional_tests" (item codes, comma-
-- separated, each passed), which the step then records; none failed.
INSERT INTO workflow_needs (need, key) VALUES ('repair_record', 'functional_tests');
UPDATE workflow_transitions SET needs = needs || '{repair_record}'::text[]
 WHERE event IN ('repair_done', 'fix_at_desk');

-- wx_need_met: the current text is in data/sql/functions/ (HACKING.md).
CREATE OR REPLACE FUNCTION wx_need_met(p_need text, o service_orders, p jsonb) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_transition: the current text is in data/sql/functions/ (HACKING.md).
CREATE OR REPLACE FUNCTION wx_transition(p_number text, p_version integer, p_event text, p_payload jsonb DEFAULT '{}')
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint)
  LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- ------------------------------------------------------------ grants
GRANT SELECT ON repair_tests TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT USAGE ON SEQUENCE repair_tests_id_seq TO wx_engineer, wx_supervisor;
GRANT INSERT, UPDATE ON repair_tests TO wx_engineer, wx_supervisor;
GRANT UPDATE (cleaned) ON service_orders TO wx_engineer;
-- Engineers draft the quote's lines at inspection (guarded above).
GRANT INSERT, DELETE ON quote_lines TO wx_engineer;
-- Supervisors repair and take arrivals too: parts leave and enter stock.
GRANT INSERT ON stock_movements TO wx_supervisor;
-- Whoever inspects may add the peer shop a machine goes to (送同行).
GRANT INSERT ON suppliers TO wx_engineer, wx_supervisor;
REVOKE ALL ON FUNCTION wx_stock_apply(), wx_quote_lines_guard(), wx_escalate_overdue_parts(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_stock_apply(), wx_quote_lines_guard() TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_escalate_overdue_parts(timestamptz) TO wx_coordinator, wx_engineer, wx_supervisor;

-- 009: the engineer's bench (issue 6). The engineer takes a machine from the
-- shelf to the bench (seed 000 工程师 操作细则: 公司维修, "原则将相应的设备交给
-- 对应的工程师维修或自己维修"), keeps a work log (工作日志: what was done, when,
-- for which order, and notes of the day), and the board reads its cards'
-- shelf reasons from the part orders.

-- Taking a machine to the bench starts its inspection or its repair: the
-- engineer may take both steps, with themself as the engineer. An on-site
-- machine taken back to the shop joins the carry-in flow at the first shelf.
-- Mirrors src/core/wx-workflow.c (a test compares the tables).
UPDATE workflow_transitions
   SET kinds = '{carry_in,on_site}', roles = '{coordinator,engineer,supervisor}'
 WHERE position = 1 AND event = 'dispatch_inspection';
UPDATE workflow_transitions
   SET roles = '{coordinator,engineer,supervisor}'
 WHERE position = 10 AND event = 'dispatch_repair';
-- The paper form's dispatch time, which those steps fill.
GRANT UPDATE (dispatched_at) ON service_orders TO wx_engineer;

-- Notes of the work log: what the event log does not say (a call to a
-- supplier, a tool fetched, a machine that needs a second look tomorrow).
-- Who and when are the server's, as for events; a note is never changed.
CREATE TABLE work_notes (
  id       bigserial PRIMARY KEY,
  author   name NOT NULL DEFAULT current_user,
  at       timestamptz NOT NULL DEFAULT now(),
  order_id bigint REFERENCES service_orders,
  body     text NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 2000)
);
CREATE INDEX work_notes_author_idx ON work_notes (author, at);

GRANT SELECT ON work_notes TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT INSERT (order_id, body) ON work_notes TO wx_coordinator, wx_engineer, wx_supervisor;
GRANT USAGE ON SEQUENCE work_notes_id_seq TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- The work log reads one person's events of one day.
CREATE INDEX order_events_actor_idx ON order_events (actor, at);

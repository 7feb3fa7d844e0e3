-- 011_reviews.sql — the supervisor's review of each entered order (seed 000
-- 维修部主管 操作细则: 维修服务记录单审核). One row per review: the checklist
-- as it was evaluated (check key → {"ok": bool, "evidence": text}), whether
-- the parts requested and used matched the fault analysis and the repair
-- described (parts accuracy in the weekly report; NULL when no part was
-- involved), and the outcome. A returned order names the person it goes back
-- to with the supervisor's comment. Who and when are the server's.
CREATE TABLE order_reviews (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders,
  at          timestamptz NOT NULL DEFAULT now(),
  reviewer    name NOT NULL DEFAULT current_user,
  outcome     text NOT NULL CHECK (outcome IN ('passed', 'returned')),
  checks      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof (checks) = 'object'),
  parts_ok    boolean,
  comment     text NOT NULL DEFAULT '' CHECK (length (comment) <= 2000),
  returned_to name,
  CONSTRAINT order_reviews_returned_check
    CHECK (outcome <> 'returned' OR (btrim (comment) <> '' AND returned_to IS NOT NULL))
);
CREATE INDEX order_reviews_order_idx ON order_reviews (order_id, at);
CREATE INDEX order_reviews_at_idx ON order_reviews (at);

GRANT SELECT ON order_reviews TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT INSERT (order_id, outcome, checks, parts_ok, comment, returned_to) ON order_reviews TO wx_supervisor;
GRANT USAGE ON SEQUENCE order_reviews_id_seq TO wx_supervisor;

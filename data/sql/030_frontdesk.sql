-- 030_frontdesk.sql — the front desk, finished (issue 16).

-- The coordinator's reply: seed 000 asks for an answer or a quote within 4
-- hours of receiving the machine (机器从接收4小时内一定要给客户答复或报价;
-- 协调员一定要接到机器4个小时内给用户答复), a machine received at 16:00 or
-- later by 10:00 the next working day — beside the engineer's 4小时复命
-- counted from dispatch (src/core/wx-sla.c, WX_CLOCK_FRONT_REPLY).
INSERT INTO sla_thresholds (clock, target_minutes, limit_minutes, description) VALUES
  ('front-reply', 240, 240, 'Machine received → the coordinator answered or quoted (协调员4小时答复)')
  ON CONFLICT (clock) DO NOTHING;

-- Each accessory handed back is recorded by the pickup (wx_transition's
-- "accessories_returned"): when and by whom, not only that it was.
ALTER TABLE order_accessories ADD COLUMN returned_at timestamptz;
ALTER TABLE order_accessories ADD COLUMN returned_by name;

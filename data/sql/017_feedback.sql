-- 017_feedback.sql — the supervisor's side (issue 22): the review clock as
-- the settings say; callbacks, complaints, escalations and reviews written
-- through functions only (functions/feedback.sql, review.sql).

-- The review clock counts working minutes from the opening of the next
-- working day after the entry (src/core/wx-sla.c): by 12:00 is 180 minutes
-- after a 09:00 opening, amber an hour before. The old thresholds (540, 540)
-- were never read; a shop that kept them gets the seed's rule.
UPDATE sla_thresholds
   SET target_minutes = 120, limit_minutes = 180,
       description = 'Entered → reviewed: working minutes after the next working day opens (180: by 12:00)'
 WHERE clock = 'review' AND target_minutes = 540 AND limit_minutes = 540;

-- Closing a complaint: who closed it and, before its fifth step (the call
-- back), why it was closed early. Complaints closed before this migration
-- keep closed_by NULL.
ALTER TABLE complaints ADD COLUMN closed_by name;
ALTER TABLE complaints ADD COLUMN early_close_reason text NOT NULL DEFAULT ''
  CONSTRAINT complaints_early_close_reason_check CHECK (length(early_close_reason) <= 2000);

-- The callback sweep runs on the server's clock: the staff call
-- wx_callbacks_generate() (no "now"); wx_callbacks_generate_at(time) is the
-- owner's, for demo data and tests (functions/feedback.sql creates both, as
-- 016 did for the escalation sweeps). The due times come from the business
-- calendar (wx_callback_due, functions/calendar.sql) instead of
-- wx_callback_day_at.
DROP FUNCTION IF EXISTS wx_callbacks_generate(timestamptz);
DROP FUNCTION IF EXISTS wx_callback_day_at(timestamptz, integer, boolean);

-- Callbacks, complaints and their steps: written only by the functions.
-- Escalations are resolved only by wx_escalation_resolve; they are still
-- raised by intake's cluster check as the caller (wx_escalate_auto), so
-- INSERT stays until intake is a function of its own.
REVOKE INSERT, UPDATE, DELETE ON callbacks, complaints, complaint_steps
  FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE UPDATE, DELETE ON escalations FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- The reviews: written only by wx_review_pass and wx_review_return.
REVOKE INSERT, UPDATE, DELETE ON order_reviews FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- 017_feedback.sql — the supervisor's side (issue 22): the review clock as
-- the settings say.

-- The review clock counts working minutes from the opening of the next
-- working day after the entry (src/core/wx-sla.c): by 12:00 is 180 minutes
-- after a 09:00 opening, amber an hour before. The old thresholds (540, 540)
-- were never read; a shop that kept them gets the seed's rule.
UPDATE sla_thresholds
   SET target_minutes = 120, limit_minutes = 180,
       description = 'Entered → reviewed: working minutes after the next working day opens (180: by 12:00)'
 WHERE clock = 'review' AND target_minutes = 540 AND limit_minutes = 540;

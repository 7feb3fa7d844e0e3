-- 032_bench.sql — the bench and the supervisor's desk (issue 23).
--
-- Callbacks, complaints and escalations announce their changes on channel
-- wx_feedback (the payload: the table), so that the supervisor's pages are
-- live: a complaint opened from a callback on another PC appears at once.

-- wx_notify_feedback: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_notify_feedback() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;

CREATE TRIGGER callbacks_notify AFTER INSERT OR UPDATE OR DELETE ON callbacks
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_feedback();
CREATE TRIGGER complaints_notify AFTER INSERT OR UPDATE OR DELETE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_feedback();
CREATE TRIGGER complaint_steps_notify AFTER INSERT OR UPDATE OR DELETE ON complaint_steps
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_feedback();
CREATE TRIGGER escalations_notify AFTER INSERT OR UPDATE OR DELETE ON escalations
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_feedback();
REVOKE ALL ON FUNCTION wx_notify_feedback() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_notify_feedback() TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

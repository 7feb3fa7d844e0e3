-- 018: intake, the call log and the corrections of an order go through
-- wx_intake, wx_call_log and wx_amend (data/sql/functions/intake.sql and
-- calls.sql), which check the caller's groups and write as the staff login.
-- What only they write is no longer the app roles' to write by hand: the
-- customers intake creates, and the link from a call to the order it became.
-- (Order numbers are drawn only by intake once 016 takes EXECUTE on
-- wx_next_order_number from the app roles.)
REVOKE INSERT, UPDATE ON customers FROM wx_coordinator, wx_engineer, wx_supervisor;
REVOKE UPDATE ON calls FROM wx_coordinator, wx_engineer, wx_supervisor;

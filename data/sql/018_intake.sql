-- 018: intake, the call log and the corrections of an order go through
-- wx_intake, wx_call_log and wx_amend (data/sql/functions/intake.sql and
-- calls.sql), which check the caller's groups and write as the staff login.
-- What only they (and wx_transition's records) write is no longer the app
-- roles' to write by hand: orders, the accessories left with a machine,
-- customers and their machines, calls; and order numbers are drawn only by intake
-- ("SELECT wx_next_order_number()" burnt one). With intake a function, no
-- staff login writes an event or an escalation itself any more (forged
-- events stopped the clocks): only the functions do, as the caller.
REVOKE INSERT ON service_orders FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- 016 kept these for intake's return-repair link until intake was a function.
REVOKE UPDATE (is_return_repair, return_of_order_id) ON service_orders
  FROM wx_coordinator, wx_engineer, wx_supervisor;
REVOKE INSERT ON order_accessories FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE INSERT, UPDATE ON customers FROM wx_coordinator, wx_engineer, wx_supervisor;
-- The machines' records: nothing in the client writes them by hand (the
-- demo and imports are the owner's).
REVOKE INSERT, UPDATE, DELETE ON devices FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE INSERT, UPDATE ON calls FROM wx_coordinator, wx_engineer, wx_supervisor;
REVOKE EXECUTE ON FUNCTION wx_next_order_number(timestamptz) FROM wx_coordinator, wx_engineer, wx_supervisor, PUBLIC;
REVOKE INSERT ON order_events FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE INSERT ON escalations FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

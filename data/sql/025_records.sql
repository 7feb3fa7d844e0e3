-- 025: the shop's records, second part (issue 14).
--
-- The on-site arrival completes an order opened from a call without a
-- serial: the step fills the order's serial and the machine it found or
-- added (wx_step_records, functions/records.sql says which; a device_id
-- from the client is dropped there).
UPDATE workflow_transitions SET fills = '{arrived_at,serial,device_id}'
 WHERE position = 26 AND event = 'arrive';

-- 003: the staff's group roles and what each may do. The database is the
-- guard; the client only hides what a role cannot do.
-- The group roles themselves are created by data/sql/roles.sql, which runs
-- before every migration (they are cluster-wide, not part of a database).

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_setting(text, text), wx_is_owner_of(regclass),
  wx_bump_version(), wx_event_stamp(), wx_event_immutable(), wx_notify_orders(), wx_check_setting()
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_next_order_number(timestamptz) TO wx_coordinator, wx_engineer;

-- Everybody on staff reads everything.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- The counters are only moved by wx_next_order_number().
REVOKE SELECT ON order_number_counters FROM wx_coordinator, wx_engineer, wx_supervisor;

-- The event log: written by every role, changed by none (see 002).
GRANT INSERT ON order_events TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- Coordinator (协调员): the front desk — customers, orders, quotes, payments, calls.
GRANT INSERT, UPDATE ON customers, devices, suppliers, calls, loaners,
  outsourcing, part_orders, callbacks TO wx_coordinator;
GRANT INSERT ON service_orders TO wx_coordinator;
-- Every column of an order but the supervisor's review and the bookkeeping
-- the triggers keep (version, updated_*) and what never changes (id, number).
DO $$
BEGIN
  EXECUTE (
    SELECT format('GRANT UPDATE (%s) ON service_orders TO wx_coordinator',
                  string_agg(quote_ident(attname), ', ' ORDER BY attnum))
      FROM pg_attribute
     WHERE attrelid = 'service_orders'::regclass AND attnum > 0 AND NOT attisdropped
       AND attname NOT IN ('id', 'number', 'reviewed_by', 'reviewed_at', 'version',
                           'created_at', 'updated_at', 'updated_by'));
END
$$;
GRANT INSERT, UPDATE, DELETE ON order_accessories, quote_lines TO wx_coordinator;
GRANT INSERT ON payments, complaints, complaint_steps TO wx_coordinator;
-- The coordinator also issues and receives parts and may keep old parts (seed 000).
GRANT INSERT ON stock_movements, old_parts TO wx_coordinator;

-- Engineer (工程师): may receive a machine and fill the form, inspect, repair,
-- visit, order parts — but not touch quotes, payments or a customer's record.
GRANT INSERT ON customers, devices, calls, old_parts, stock_movements, escalations,
  equipment_checks, order_accessories TO wx_engineer;
GRANT INSERT, UPDATE ON visits, part_orders, outsourcing, inspection_visits TO wx_engineer;
GRANT INSERT (kind, state, customer_id, device_id, unit_name, unit_address, contact_person,
  contact_mobile, contact_phone, contact_fax, contact_email, end_user, end_user_phone,
  floor_department, product_name, model, serial, asset_number, reported_fault,
  appearance_check, warranty_status, warranty_evidence, remarks, is_return_repair,
  return_of_order_id, backup, notice_read, customer_signed, engineer, appointment_at)
  ON service_orders TO wx_engineer;
GRANT UPDATE (state, end_user, end_user_phone, floor_department, model, serial, asset_number,
  appearance_check, warranty_evidence, remarks, is_return_repair, return_of_order_id, backup,
  notice_read, customer_signed, engineer, appointment_at, fault_analysis, measures,
  parts_needed, suggested_price, explanation, inspected_by, inspected_at, peer_id,
  repaired_by, repaired_at, repair_notes, old_parts, delivered_by, accessories_checked,
  pickup_signed, picked_up_at, picked_up_by)
  ON service_orders TO wx_engineer;
GRANT UPDATE (returned) ON order_accessories TO wx_engineer;

-- Supervisor (维修部主管): reviews, callbacks, complaints, escalations, the
-- old-parts store; may adjust a price.
GRANT UPDATE ON service_orders TO wx_supervisor;
GRANT INSERT, UPDATE ON callbacks, complaints, complaint_steps, escalations, old_parts,
  inspection_visits, equipment_checks, calls TO wx_supervisor;
GRANT INSERT, UPDATE, DELETE ON quote_lines TO wx_supervisor;

-- Admin: staff, business hours, SLA thresholds, company details, catalogues.
GRANT INSERT, UPDATE, DELETE ON settings, business_hours, calendar_days, sla_thresholds,
  staff, parts, suppliers, contracts, contract_devices, workshop_equipment TO wx_admin;
GRANT INSERT ON stock_movements TO wx_admin;

-- wx_staff_add: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_add(p_role name, p_full_name text, p_groups text[], p_password text DEFAULT NULL)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;
REVOKE ALL ON FUNCTION wx_staff_add(name, text, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_staff_add(name, text, text[], text) TO wx_admin;

-- Staff with the groups each login role is in.
CREATE VIEW staff_roles AS
  SELECT s.role_name, s.full_name, s.active,
         coalesce(array_agg(g.rolname ORDER BY g.rolname) FILTER (WHERE g.rolname IS NOT NULL), '{}') AS groups
    FROM staff s
    LEFT JOIN pg_roles r ON r.rolname = s.role_name
    LEFT JOIN pg_auth_members m ON m.member = r.oid
    LEFT JOIN pg_roles g ON g.oid = m.roleid
                        AND g.rolname IN ('wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin')
   GROUP BY s.role_name, s.full_name, s.active;
GRANT SELECT ON staff_roles TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- wx_staff_ensure: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_ensure(p_role name, p_full_name text, p_groups text[])
  RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;
REVOKE ALL ON FUNCTION wx_staff_ensure(name, text, text[]) FROM PUBLIC;

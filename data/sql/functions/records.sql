-- functions/records.sql — stock movements and the engineer's draft quote lines.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The stock of a part is what its movements made it: every movement changes
-- it at once, and taking more than there is refuses the movement with
-- SQLSTATE WX410 (DETAIL: part_number, name, stock, wanted) instead of the
-- bare CHECK of parts.stock. Parts are the admin's; the staff who issue,
-- return and receive change the stock only through movements.
CREATE OR REPLACE FUNCTION wx_stock_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v parts;
BEGIN
  UPDATE parts SET stock = stock + NEW.quantity
   WHERE id = NEW.part_id AND stock + NEW.quantity >= 0;
  IF NOT FOUND THEN
    SELECT * INTO v FROM parts WHERE id = NEW.part_id;
    RAISE EXCEPTION 'only % of % (%) in stock', v.stock, v.name, v.part_number
      USING ERRCODE = 'WX410',
            DETAIL = json_build_object('part_number', v.part_number, 'name', v.name,
                                       'stock', v.stock::text, 'wanted', (-NEW.quantity)::text)::text;
  END IF;
  RETURN NULL;
END
$$;

-- The engineer's inspection writes the parts and labour it suggests as the
-- order's draft quote lines, which the coordinator's quote starts from.
-- Engineers may change them only while the order is being inspected.
CREATE OR REPLACE FUNCTION wx_quote_lines_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  v_state text;
BEGIN
  IF wx_is_owner_of(TG_RELID) OR pg_has_role(current_user, 'wx_coordinator', 'MEMBER')
     OR pg_has_role(current_user, 'wx_supervisor', 'MEMBER') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT state INTO v_state FROM service_orders
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END;
  IF v_state IS DISTINCT FROM 'inspecting' AND v_state IS DISTINCT FROM 'on_site' THEN
    RAISE EXCEPTION 'an engineer writes quote lines only while inspecting'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- functions/stock.sql — the stock of the parts catalogue (issue 14):
-- receiving parts (with the supplier and the cost), the stocktake (a count
-- becomes a correction movement with its reason), and reserving a part for
-- an order. The stock of a part is what its movements made it
-- (wx_stock_apply in records.sql); each function logs a record_events row
-- ('stock') besides its movement, in one transaction.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- How many of part `p_part` an order still holds reserved: the open
-- orders' reservations less what was issued to them since.
CREATE OR REPLACE FUNCTION wx_part_reserved(p_part bigint) RETURNS integer
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(sum(greatest(r.quantity + coalesce((SELECT sum(m.quantity) FROM stock_movements m
                                                       WHERE m.part_id = r.part_id AND m.order_id = r.order_id
                                                         AND m.kind IN ('issue', 'return')), 0), 0)), 0)::integer
    FROM (SELECT x.part_id, x.order_id, sum(x.quantity) AS quantity FROM stock_reservations x
           WHERE x.part_id = p_part GROUP BY x.part_id, x.order_id) r
    JOIN service_orders o ON o.id = r.order_id
    JOIN workflow_states w ON w.state = o.state AND w.open
$$;

-- What stock may still give to any order: the stock less the reservations.
CREATE OR REPLACE FUNCTION wx_part_available(p_part bigint) RETURNS integer
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT (SELECT stock FROM parts WHERE id = p_part) - wx_part_reserved(p_part)
$$;

-- The part `p_part` locked for a stock change; refuses an unknown one.
CREATE OR REPLACE FUNCTION wx_stock_part(p_part bigint) RETURNS parts
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  pt parts;
BEGIN
  SELECT * INTO pt FROM parts x WHERE x.id = p_part FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM wx_refuse('part_unknown', coalesce(p_part::text, ''));
  END IF;
  RETURN pt;
END
$$;

-- Refuses a quantity outside 1 … 100000.
CREATE OR REPLACE FUNCTION wx_stock_check_quantity(q integer) RETURNS void
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF q IS NULL OR q NOT BETWEEN 1 AND 100000 THEN
    PERFORM wx_refuse('stock_quantity', coalesce(q::text, ''));
  END IF;
END
$$;

-- Reserves `p_quantity` of part `pt` for open order `o` (no role check:
-- the callers have made it). Refuses more than is available (WX410).
CREATE OR REPLACE FUNCTION wx_stock_hold(pt parts, o service_orders, p_quantity integer) RETURNS bigint
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_free integer := wx_part_available(pt.id);
  v_id bigint;
BEGIN
  IF v_free < p_quantity THEN
    RAISE EXCEPTION 'only % of % (%) available', v_free, pt.name, pt.part_number
      USING ERRCODE = 'WX410', DETAIL = json_build_object('part_number', pt.part_number, 'name', pt.name,
                                                           'stock', greatest(v_free, 0)::text,
                                                           'wanted', p_quantity::text)::text;
  END IF;
  INSERT INTO stock_reservations (part_id, order_id, quantity, actor)
    VALUES (pt.id, o.id, p_quantity, wx_caller()) RETURNING id INTO v_id;
  PERFORM wx_record_log('stock', pt.id, 'reserve',
                        jsonb_build_object('order', o.number, 'quantity', p_quantity));
  RETURN v_id;
END
$$;

-- The open order numbered `p_number`, for a stock change.
CREATE OR REPLACE FUNCTION wx_stock_order(p_number text) RETURNS service_orders
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
BEGIN
  SELECT * INTO o FROM service_orders s WHERE s.number = p_number;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service order %', p_number USING ERRCODE = 'WX404', DETAIL = left(coalesce(p_number, ''), 80);
  END IF;
  IF NOT (SELECT w.open FROM workflow_states w WHERE w.state = o.state) THEN
    PERFORM wx_refuse('stock_order_closed', o.number);
  END IF;
  RETURN o;
END
$$;

-- Receives `p_quantity` of part `p_part` from supplier `p_supplier` (NULL:
-- the part's own) at `p_unit_cost` fen each (NULL: unknown; it also
-- becomes the part's cost). With `p_order` (an order number) the parts
-- are reserved for that open order as they come in (the arrival of a part
-- ordered for it). Supervisors and administrators receive anything; an
-- engineer receives only for an order of their own.
CREATE OR REPLACE FUNCTION wx_stock_receive(p_part bigint, p_quantity integer, p_supplier bigint,
                                            p_unit_cost bigint, p_order text, p_note text)
  RETURNS TABLE (movement_id bigint, stock integer, reservation_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  pt parts;
  o service_orders;
  v_supplier bigint;
  v_id bigint;
  v_hold bigint;
BEGIN
  IF NOT (wx_caller_in('wx_supervisor', 'wx_admin') OR (wx_caller_in('wx_engineer') AND p_order IS NOT NULL)) THEN
    PERFORM wx_refuse_code('stock_role', 'WX403');
  END IF;
  IF p_order IS NOT NULL THEN
    o := wx_stock_order(p_order);
    IF NOT wx_caller_in('wx_supervisor', 'wx_admin') AND o.engineer IS DISTINCT FROM wx_caller() THEN
      PERFORM wx_refuse_code('stock_not_your_order', 'WX403');
    END IF;
  END IF;
  pt := wx_stock_part(p_part);
  PERFORM wx_stock_check_quantity(p_quantity);
  v_supplier := coalesce(p_supplier, pt.supplier_id);
  IF p_supplier IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppliers x WHERE x.id = p_supplier) THEN
    PERFORM wx_refuse('supplier_unknown', p_supplier::text);
  END IF;
  IF p_unit_cost IS NOT NULL AND (p_unit_cost < 0 OR p_unit_cost > 100000000000) THEN
    PERFORM wx_refuse('record_price', to_char(p_unit_cost / 100.0, 'FM999999999990.00'));
  END IF;
  IF length(coalesce(p_note, '')) > 500 THEN
    PERFORM wx_refuse_field('wx_field_length', 'note', 500);
  END IF;

  INSERT INTO stock_movements (part_id, order_id, kind, quantity, note, actor, supplier_id, unit_cost)
    VALUES (pt.id, o.id, 'receive', p_quantity, wx_trim(coalesce(p_note, '')), wx_caller(), v_supplier, p_unit_cost)
    RETURNING id INTO v_id;
  IF p_unit_cost IS NOT NULL THEN
    UPDATE parts x SET cost = p_unit_cost WHERE x.id = pt.id;
  END IF;
  PERFORM wx_record_log('stock', pt.id, 'receive',
                        jsonb_strip_nulls(jsonb_build_object('quantity', p_quantity, 'supplier_id', v_supplier,
                                                             'unit_cost', p_unit_cost, 'order', o.number,
                                                             'movement', v_id)));
  IF o.id IS NOT NULL THEN
    SELECT * INTO pt FROM parts x WHERE x.id = pt.id;
    v_hold := wx_stock_hold(pt, o, p_quantity);
  END IF;
  RETURN QUERY SELECT v_id, (SELECT x.stock FROM parts x WHERE x.id = pt.id), v_hold;
END
$$;

-- A stocktake of part `p_part`: `p_counted` on the shelf. The difference
-- from the stock becomes an `adjust` movement with `p_reason` (required
-- when there is one); the same count writes nothing (movement_id NULL).
-- Supervisors and administrators.
CREATE OR REPLACE FUNCTION wx_stock_count(p_part bigint, p_counted integer, p_reason text)
  RETURNS TABLE (movement_id bigint, stock integer, difference integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  pt parts;
  v_diff integer;
  v_id bigint;
BEGIN
  IF NOT wx_caller_in('wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('stocktake_role', 'WX403');
  END IF;
  pt := wx_stock_part(p_part);
  IF p_counted IS NULL OR p_counted < 0 OR p_counted > 1000000 THEN
    PERFORM wx_refuse('stock_count_negative', coalesce(p_counted::text, ''));
  END IF;
  v_diff := p_counted - pt.stock;
  IF v_diff = 0 THEN
    RETURN QUERY SELECT NULL::bigint, pt.stock, 0;
    RETURN;
  END IF;
  IF coalesce(wx_trim(p_reason), '') = '' THEN
    PERFORM wx_refuse('stock_reason_missing', pt.part_number);
  ELSIF length(p_reason) > 500 THEN
    PERFORM wx_refuse_field('wx_field_length', 'reason', 500);
  END IF;
  INSERT INTO stock_movements (part_id, kind, quantity, note, actor)
    VALUES (pt.id, 'adjust', v_diff, wx_trim(p_reason), wx_caller()) RETURNING id INTO v_id;
  PERFORM wx_record_log('stock', pt.id, 'count',
                        jsonb_build_object('was', pt.stock, 'counted', p_counted, 'reason', wx_trim(p_reason),
                                           'movement', v_id));
  RETURN QUERY SELECT v_id, p_counted, v_diff;
END
$$;

-- Reserves `p_quantity` of part `p_part` in stock for open order
-- `p_order`. Supervisors and administrators, and the order's engineer.
CREATE OR REPLACE FUNCTION wx_stock_reserve(p_part bigint, p_order text, p_quantity integer)
  RETURNS TABLE (reservation_id bigint, available integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  pt parts;
  o service_orders;
  v_id bigint;
BEGIN
  IF NOT wx_caller_in('wx_supervisor', 'wx_admin', 'wx_engineer') THEN
    PERFORM wx_refuse_code('stock_role', 'WX403');
  END IF;
  o := wx_stock_order(p_order);
  IF NOT wx_caller_in('wx_supervisor', 'wx_admin') AND o.engineer IS DISTINCT FROM wx_caller() THEN
    PERFORM wx_refuse_code('stock_not_your_order', 'WX403');
  END IF;
  pt := wx_stock_part(p_part);
  PERFORM wx_stock_check_quantity(p_quantity);
  v_id := wx_stock_hold(pt, o, p_quantity);
  RETURN QUERY SELECT v_id, wx_part_available(pt.id);
END
$$;

REVOKE ALL ON FUNCTION wx_part_reserved(bigint), wx_part_available(bigint), wx_stock_part(bigint),
  wx_stock_check_quantity(integer), wx_stock_hold(parts, service_orders, integer), wx_stock_order(text),
  wx_stock_receive(bigint, integer, bigint, bigint, text, text), wx_stock_count(bigint, integer, text),
  wx_stock_reserve(bigint, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_part_reserved(bigint), wx_part_available(bigint),
  wx_stock_receive(bigint, integer, bigint, bigint, text, text), wx_stock_count(bigint, integer, text),
  wx_stock_reserve(bigint, text, integer)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- functions/shop.sql — the shop's records (issue 14): suppliers and peer
-- shops, the parts catalogue, customers (edit, merge) and machines (by
-- serial, with the warranty from the purchase date). Stock moves in
-- stock.sql. Each write checks the caller's groups, the row's version, the
-- data (the wx_form_* checks of intake.sql, rules in src/db/wx-db-error.c)
-- and logs the change in record_events, in one transaction.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.
--
-- Who keeps what (issue 14, Permissions): coordinators and supervisors keep
-- suppliers; coordinators (and supervisors) keep customers and machines;
-- the parts catalogue is the supervisor's; the administrator may do all of
-- it (imports). Engineers read everything.

-- ------------------------------------------------------------ shared

-- True when the staff login acting is in one of `groups` (wx_coordinator …).
CREATE OR REPLACE FUNCTION wx_caller_in(VARIADIC groups text[]) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM unnest(groups) g WHERE pg_has_role(wx_caller(), g, 'MEMBER'))
$$;

-- Logs a change of a record (record_events) as the caller.
CREATE OR REPLACE FUNCTION wx_record_log(p_record text, p_id bigint, p_event text, p_payload jsonb)
  RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_id bigint;
BEGIN
  INSERT INTO record_events (record, record_id, event, payload, actor)
    VALUES (p_record, p_id, p_event, coalesce(p_payload, '{}'), wx_caller())
    RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- Refuses a key of `p` not in `known`, and a `p` that is not an object.
CREATE OR REPLACE FUNCTION wx_form_keys(p jsonb, known text[]) RETURNS void
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k text;
BEGIN
  IF p IS NULL OR jsonb_typeof(p) <> 'object' THEN
    PERFORM wx_refuse('wx_form_object');
  END IF;
  FOR k IN SELECT jsonb_object_keys(p) ORDER BY 1 LOOP
    IF NOT k = ANY (known) THEN
      PERFORM wx_refuse_field('wx_field_unknown', k);
    END IF;
  END LOOP;
END
$$;

-- A phone number of the form (NULL when absent or empty), checked as
-- intake checks it.
CREATE OR REPLACE FUNCTION wx_form_phone(p jsonb, k text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  raw text := wx_form_raw(p, k);
BEGIN
  IF coalesce(wx_trim(raw), '') = '' THEN
    RETURN NULL;
  END IF;
  PERFORM wx_form_check_phone(raw);
  RETURN wx_trim(raw);
END
$$;

-- An email address of the form (NULL when absent or empty).
CREATE OR REPLACE FUNCTION wx_form_email(p jsonb, k text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  raw text := wx_form_raw(p, k);
BEGIN
  IF coalesce(wx_trim(raw), '') = '' THEN
    RETURN NULL;
  END IF;
  IF NOT wx_email_valid(wx_trim(raw)) THEN
    PERFORM wx_refuse('wx_email_shape', raw);
  END IF;
  RETURN wx_trim(raw);
END
$$;

-- An amount in fen (分) of the form: a whole number, not negative.
CREATE OR REPLACE FUNCTION wx_form_money(p jsonb, k text) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v bigint := wx_form_integer(p, k);
BEGIN
  IF v < 0 OR v > 100000000000 THEN
    PERFORM wx_refuse('record_price', to_char(v / 100.0, 'FM999999999990.00'));
  END IF;
  RETURN v;
END
$$;

-- A date of the form (YYYY-MM-DD), NULL when absent or empty.
CREATE OR REPLACE FUNCTION wx_form_date(p jsonb, k text) RETURNS date
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  raw text := wx_trim(wx_form_raw(p, k));
BEGIN
  IF coalesce(raw, '') = '' THEN
    RETURN NULL;
  END IF;
  IF raw !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM wx_refuse('record_date', raw);
  END IF;
  BEGIN
    RETURN raw::date;
  EXCEPTION WHEN data_exception THEN
    PERFORM wx_refuse('record_date', raw);
  END;
END
$$;

-- Refuses a NULL or stale version of a record (WX409, rule record_changed).
CREATE OR REPLACE FUNCTION wx_record_version(p_have integer, p_given integer) RETURNS void
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_given IS NULL THEN
    PERFORM wx_refuse('record_version_missing');
  ELSIF p_have <> p_given THEN
    PERFORM wx_refuse_code('record_changed', 'WX409');
  END IF;
END
$$;

-- What changed between row `old` and the values `new` (the columns given):
-- {"col": {"old": …, "new": …}}, only those that differ.
CREATE OR REPLACE FUNCTION wx_record_diff(old jsonb, new jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(n.key, jsonb_build_object('old', old -> n.key, 'new', n.value)), '{}')
    FROM jsonb_each(new) n
   WHERE (old -> n.key) IS DISTINCT FROM n.value
     AND NOT (coalesce(old -> n.key, 'null') = 'null' AND n.value = 'null')
$$;

-- The unit name as the duplicate check compares it: full-width letters,
-- digits and brackets folded to half width, spaces dropped, lower case.
CREATE OR REPLACE FUNCTION wx_unit_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(regexp_replace(
    translate(coalesce(t, ''),
      '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ（）－　',
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()- '),
    '\s+', '', 'g'))
$$;

-- The customers list's duplicate check looks customers up by this key: an
-- index on it, made here beside the function it is built on (migrate runs
-- this file after the migrations, so wx_unit_key exists). Change the
-- function's text and this index must be made again (DROP it in the
-- migration of the change).
CREATE INDEX IF NOT EXISTS customers_unit_key_idx ON customers (wx_unit_key(unit_name));

-- ------------------------------------------------------------ suppliers

-- Adds (p_id NULL) or edits supplier `p_id` last seen at `p_version` from
-- `p`: name, kind (supplier | peer_shop | both), address, phone, contact,
-- email, payment_terms (prepay 款到发货 | monthly 月结 | other), supplies
-- (the parts they supply), notes, active (false: deactivated, kept for
-- the orders that name it). Coordinators, supervisors, administrators.
CREATE OR REPLACE FUNCTION wx_supplier_save(p_id bigint, p_version integer, p jsonb)
  RETURNS TABLE (supplier_id bigint, new_version integer, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  s suppliers;
  v jsonb := '{}';
  d jsonb;
  v_id bigint;
  v_version integer;
BEGIN
  IF NOT wx_caller_in('wx_coordinator', 'wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('supplier_role', 'WX403');
  END IF;
  PERFORM wx_form_keys(p, ARRAY['name', 'kind', 'address', 'phone', 'contact', 'email', 'payment_terms',
                                'supplies', 'notes', 'active']);
  IF p_id IS NOT NULL THEN
    SELECT * INTO s FROM suppliers x WHERE x.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM wx_refuse('supplier_unknown', p_id::text);
    END IF;
    PERFORM wx_record_version(s.version, p_version);
  END IF;

  IF p ? 'name' OR p_id IS NULL THEN
    v := v || jsonb_build_object('name', wx_form_text(p, 'name', 200, true));
  END IF;
  IF p ? 'kind' OR p_id IS NULL THEN
    v := v || jsonb_build_object('kind', coalesce(wx_form_raw(p, 'kind'), 'supplier'));
    IF v ->> 'kind' NOT IN ('supplier', 'peer_shop', 'both') THEN
      PERFORM wx_refuse('supplier_kind', v ->> 'kind');
    END IF;
  END IF;
  IF p ? 'payment_terms' THEN
    v := v || jsonb_build_object('payment_terms', coalesce(wx_form_raw(p, 'payment_terms'), 'prepay'));
    IF v ->> 'payment_terms' NOT IN ('prepay', 'monthly', 'other') THEN
      PERFORM wx_refuse('supplier_terms', v ->> 'payment_terms');
    END IF;
  END IF;
  IF p ? 'address' THEN v := v || jsonb_build_object('address', coalesce(wx_form_text(p, 'address', 300), '')); END IF;
  IF p ? 'contact' THEN v := v || jsonb_build_object('contact', coalesce(wx_form_text(p, 'contact', 60), '')); END IF;
  IF p ? 'supplies' THEN v := v || jsonb_build_object('supplies', coalesce(wx_form_text(p, 'supplies', 500), '')); END IF;
  IF p ? 'notes' THEN v := v || jsonb_build_object('notes', coalesce(wx_form_text(p, 'notes', 2000), '')); END IF;
  IF p ? 'phone' THEN v := v || jsonb_build_object('phone', wx_form_phone(p, 'phone')); END IF;
  IF p ? 'email' THEN v := v || jsonb_build_object('email', wx_form_email(p, 'email')); END IF;
  IF p ? 'active' THEN v := v || jsonb_build_object('active', coalesce(wx_form_boolean(p, 'active'), true)); END IF;

  IF p_id IS NULL THEN
    IF EXISTS (SELECT 1 FROM suppliers x WHERE wx_unit_key(x.name) = wx_unit_key(v ->> 'name')) THEN
      PERFORM wx_refuse('supplier_name_taken', v ->> 'name');
    END IF;
    INSERT INTO suppliers (name, kind, address, phone, contact, email, payment_terms, supplies, notes, active)
      VALUES (v ->> 'name', v ->> 'kind', coalesce(v ->> 'address', ''), v ->> 'phone',
              coalesce(v ->> 'contact', ''), v ->> 'email', coalesce(v ->> 'payment_terms', 'prepay'),
              coalesce(v ->> 'supplies', ''), coalesce(v ->> 'notes', ''), coalesce((v ->> 'active')::boolean, true))
      RETURNING id, version INTO v_id, v_version;
    RETURN QUERY SELECT v_id, v_version, wx_record_log('supplier', v_id, 'create', jsonb_build_object('fields', v));
    RETURN;
  END IF;

  d := wx_record_diff(to_jsonb(s), v);
  IF d = '{}' THEN
    RETURN QUERY SELECT s.id, s.version, NULL::bigint;
    RETURN;
  END IF;
  IF d ? 'name' AND EXISTS (SELECT 1 FROM suppliers x WHERE x.id <> s.id AND wx_unit_key(x.name) = wx_unit_key(v ->> 'name')) THEN
    PERFORM wx_refuse('supplier_name_taken', v ->> 'name');
  END IF;
  UPDATE suppliers x SET
      name = coalesce(v ->> 'name', x.name), kind = coalesce(v ->> 'kind', x.kind),
      address = coalesce(v ->> 'address', x.address),
      phone = CASE WHEN v ? 'phone' THEN v ->> 'phone' ELSE x.phone END,
      contact = coalesce(v ->> 'contact', x.contact),
      email = CASE WHEN v ? 'email' THEN v ->> 'email' ELSE x.email END,
      payment_terms = coalesce(v ->> 'payment_terms', x.payment_terms),
      supplies = coalesce(v ->> 'supplies', x.supplies), notes = coalesce(v ->> 'notes', x.notes),
      active = coalesce((v ->> 'active')::boolean, x.active)
    WHERE x.id = s.id RETURNING x.version INTO v_version;
  RETURN QUERY SELECT s.id, v_version,
    wx_record_log('supplier', s.id, CASE WHEN d ? 'active' AND NOT (v ->> 'active')::boolean THEN 'deactivate' ELSE 'edit' END,
                  jsonb_build_object('fields', d));
END
$$;

-- ------------------------------------------------------------ parts

-- Adds (p_id NULL) or edits catalogue part `p_id` from `p`: part_number,
-- name, category, fits_models, unit_price and cost (fen), min_stock,
-- bin_location, supplier_id, active. The stock itself moves only in
-- stock.sql. Supervisors and administrators.
CREATE OR REPLACE FUNCTION wx_part_save(p_id bigint, p_version integer, p jsonb)
  RETURNS TABLE (part_id bigint, new_version integer, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  o parts;
  v jsonb := '{}';
  d jsonb;
  v_id bigint;
  v_version integer;
  n bigint;
BEGIN
  IF NOT wx_caller_in('wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('part_role', 'WX403');
  END IF;
  PERFORM wx_form_keys(p, ARRAY['part_number', 'name', 'category', 'fits_models', 'unit_price', 'cost',
                                'min_stock', 'bin_location', 'supplier_id', 'active']);
  IF p_id IS NOT NULL THEN
    SELECT * INTO o FROM parts x WHERE x.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM wx_refuse('part_unknown', p_id::text);
    END IF;
    PERFORM wx_record_version(o.version, p_version);
  END IF;

  IF p ? 'part_number' OR p_id IS NULL THEN
    v := v || jsonb_build_object('part_number', wx_form_text(p, 'part_number', 60, true));
    IF EXISTS (SELECT 1 FROM parts x WHERE upper(x.part_number) = upper(v ->> 'part_number')
                                      AND x.id IS DISTINCT FROM p_id) THEN
      PERFORM wx_refuse('part_number_taken', v ->> 'part_number');
    END IF;
  END IF;
  IF p ? 'name' OR p_id IS NULL THEN v := v || jsonb_build_object('name', wx_form_text(p, 'name', 200, true)); END IF;
  IF p ? 'category' THEN v := v || jsonb_build_object('category', coalesce(wx_form_text(p, 'category', 60), '')); END IF;
  IF p ? 'fits_models' THEN v := v || jsonb_build_object('fits_models', coalesce(wx_form_text(p, 'fits_models', 500), '')); END IF;
  IF p ? 'bin_location' THEN v := v || jsonb_build_object('bin_location', coalesce(wx_form_text(p, 'bin_location', 30), '')); END IF;
  IF p ? 'unit_price' THEN v := v || jsonb_build_object('unit_price', coalesce(wx_form_money(p, 'unit_price'), 0)); END IF;
  IF p ? 'cost' THEN v := v || jsonb_build_object('cost', coalesce(wx_form_money(p, 'cost'), 0)); END IF;
  IF p ? 'min_stock' THEN
    n := coalesce(wx_form_integer(p, 'min_stock'), 0);
    IF n < 0 OR n > 100000 THEN
      PERFORM wx_refuse('stock_count_negative', n::text);
    END IF;
    v := v || jsonb_build_object('min_stock', n);
  END IF;
  IF p ? 'supplier_id' THEN
    n := wx_form_integer(p, 'supplier_id');
    IF n IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppliers x WHERE x.id = n) THEN
      PERFORM wx_refuse('supplier_unknown', n::text);
    END IF;
    v := v || jsonb_build_object('supplier_id', n);
  END IF;
  IF p ? 'active' THEN v := v || jsonb_build_object('active', coalesce(wx_form_boolean(p, 'active'), true)); END IF;

  IF p_id IS NULL THEN
    INSERT INTO parts (part_number, name, category, fits_models, unit_price, cost, min_stock, bin_location,
                       supplier_id, active)
      VALUES (v ->> 'part_number', v ->> 'name', coalesce(v ->> 'category', ''), coalesce(v ->> 'fits_models', ''),
              coalesce((v ->> 'unit_price')::bigint, 0), coalesce((v ->> 'cost')::bigint, 0),
              coalesce((v ->> 'min_stock')::integer, 0), coalesce(v ->> 'bin_location', ''),
              (v ->> 'supplier_id')::bigint, coalesce((v ->> 'active')::boolean, true))
      RETURNING id, version INTO v_id, v_version;
    RETURN QUERY SELECT v_id, v_version, wx_record_log('part', v_id, 'create', jsonb_build_object('fields', v));
    RETURN;
  END IF;

  d := wx_record_diff(to_jsonb(o), v);
  IF d = '{}' THEN
    RETURN QUERY SELECT o.id, o.version, NULL::bigint;
    RETURN;
  END IF;
  UPDATE parts x SET
      part_number = coalesce(v ->> 'part_number', x.part_number), name = coalesce(v ->> 'name', x.name),
      category = coalesce(v ->> 'category', x.category), fits_models = coalesce(v ->> 'fits_models', x.fits_models),
      unit_price = coalesce((v ->> 'unit_price')::bigint, x.unit_price), cost = coalesce((v ->> 'cost')::bigint, x.cost),
      min_stock = coalesce((v ->> 'min_stock')::integer, x.min_stock),
      bin_location = coalesce(v ->> 'bin_location', x.bin_location),
      supplier_id = CASE WHEN v ? 'supplier_id' THEN (v ->> 'supplier_id')::bigint ELSE x.supplier_id END,
      active = coalesce((v ->> 'active')::boolean, x.active)
    WHERE x.id = o.id RETURNING x.version INTO v_version;
  RETURN QUERY SELECT o.id, v_version, wx_record_log('part', o.id, 'edit', jsonb_build_object('fields', d));
END
$$;

-- ------------------------------------------------------------ customers

-- Adds (p_id NULL) or edits customer `p_id` from `p`: unit_name, address,
-- city, contact_person, mobile, phone, fax, email, notes. Each change is
-- logged with its old and new value. Coordinators, supervisors,
-- administrators.
CREATE OR REPLACE FUNCTION wx_customer_save(p_id bigint, p_version integer, p jsonb)
  RETURNS TABLE (customer_id bigint, new_version integer, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  o customers;
  v jsonb := '{}';
  d jsonb;
  v_id bigint;
  v_version integer;
BEGIN
  IF NOT wx_caller_in('wx_coordinator', 'wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('customer_role', 'WX403');
  END IF;
  PERFORM wx_form_keys(p, ARRAY['unit_name', 'address', 'city', 'contact_person', 'mobile', 'phone', 'fax',
                                'email', 'notes']);
  IF p_id IS NOT NULL THEN
    SELECT * INTO o FROM customers x WHERE x.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM wx_refuse('customer_unknown', p_id::text);
    END IF;
    PERFORM wx_record_version(o.version, p_version);
  END IF;
  IF p ? 'unit_name' OR p_id IS NULL THEN
    v := v || jsonb_build_object('unit_name', wx_form_text(p, 'unit_name', 200, true));
  END IF;
  IF p ? 'address' THEN v := v || jsonb_build_object('address', coalesce(wx_form_text(p, 'address', 300), '')); END IF;
  IF p ? 'city' THEN v := v || jsonb_build_object('city', coalesce(wx_form_text(p, 'city', 60), '')); END IF;
  IF p ? 'contact_person' THEN v := v || jsonb_build_object('contact_person', coalesce(wx_form_text(p, 'contact_person', 60), '')); END IF;
  IF p ? 'notes' THEN v := v || jsonb_build_object('notes', coalesce(wx_form_text(p, 'notes', 2000), '')); END IF;
  IF p ? 'mobile' THEN v := v || jsonb_build_object('mobile', wx_form_phone(p, 'mobile')); END IF;
  IF p ? 'phone' THEN v := v || jsonb_build_object('phone', wx_form_phone(p, 'phone')); END IF;
  IF p ? 'fax' THEN v := v || jsonb_build_object('fax', wx_form_phone(p, 'fax')); END IF;
  IF p ? 'email' THEN v := v || jsonb_build_object('email', wx_form_email(p, 'email')); END IF;

  IF p_id IS NULL THEN
    INSERT INTO customers (unit_name, address, city, contact_person, mobile, phone, fax, email, notes)
      VALUES (v ->> 'unit_name', coalesce(v ->> 'address', ''), coalesce(v ->> 'city', ''),
              coalesce(v ->> 'contact_person', ''), v ->> 'mobile', v ->> 'phone', v ->> 'fax', v ->> 'email',
              coalesce(v ->> 'notes', ''))
      RETURNING id, version INTO v_id, v_version;
    RETURN QUERY SELECT v_id, v_version, wx_record_log('customer', v_id, 'create', jsonb_build_object('fields', v));
    RETURN;
  END IF;

  d := wx_record_diff(to_jsonb(o), v);
  IF d = '{}' THEN
    RETURN QUERY SELECT o.id, o.version, NULL::bigint;
    RETURN;
  END IF;
  UPDATE customers x SET
      unit_name = coalesce(v ->> 'unit_name', x.unit_name), address = coalesce(v ->> 'address', x.address),
      city = coalesce(v ->> 'city', x.city), contact_person = coalesce(v ->> 'contact_person', x.contact_person),
      notes = coalesce(v ->> 'notes', x.notes),
      mobile = CASE WHEN v ? 'mobile' THEN v ->> 'mobile' ELSE x.mobile END,
      phone = CASE WHEN v ? 'phone' THEN v ->> 'phone' ELSE x.phone END,
      fax = CASE WHEN v ? 'fax' THEN v ->> 'fax' ELSE x.fax END,
      email = CASE WHEN v ? 'email' THEN v ->> 'email' ELSE x.email END
    WHERE x.id = o.id RETURNING x.version INTO v_version;
  RETURN QUERY SELECT o.id, v_version, wx_record_log('customer', o.id, 'edit', jsonb_build_object('fields', d));
END
$$;

-- Merges duplicate customer `p_from` into `p_into`: its orders, calls,
-- contracts, complaints and machines become the other's, and it is
-- removed; the log of `p_into` keeps the removed row and what moved. One
-- transaction. Coordinators, supervisors, administrators.
CREATE OR REPLACE FUNCTION wx_customer_merge(p_from bigint, p_into bigint)
  RETURNS TABLE (customer_id bigint, orders integer, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  f customers;
  t customers;
  v_orders text[];
  v_calls integer;
  v_contracts integer;
  v_complaints integer;
  v_devices integer;
BEGIN
  IF NOT wx_caller_in('wx_coordinator', 'wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('customer_role', 'WX403');
  END IF;
  IF p_from IS NOT DISTINCT FROM p_into THEN
    PERFORM wx_refuse('customer_merge_self', p_from::text);
  END IF;
  -- Both rows locked in id order, so two merges cannot deadlock.
  PERFORM 1 FROM customers x WHERE x.id IN (p_from, p_into) ORDER BY x.id FOR UPDATE;
  SELECT * INTO f FROM customers x WHERE x.id = p_from;
  IF NOT FOUND THEN
    PERFORM wx_refuse('customer_unknown', p_from::text);
  END IF;
  SELECT * INTO t FROM customers x WHERE x.id = p_into;
  IF NOT FOUND THEN
    PERFORM wx_refuse('customer_unknown', p_into::text);
  END IF;

  WITH m AS (UPDATE service_orders o SET customer_id = t.id WHERE o.customer_id = f.id RETURNING o.number)
    SELECT coalesce(array_agg(number ORDER BY number), '{}') INTO v_orders FROM m;
  UPDATE calls c SET customer_id = t.id WHERE c.customer_id = f.id;
  GET DIAGNOSTICS v_calls = ROW_COUNT;
  UPDATE contracts c SET customer_id = t.id WHERE c.customer_id = f.id;
  GET DIAGNOSTICS v_contracts = ROW_COUNT;
  UPDATE complaints c SET customer_id = t.id WHERE c.customer_id = f.id;
  GET DIAGNOSTICS v_complaints = ROW_COUNT;
  UPDATE devices d SET customer_id = t.id WHERE d.customer_id = f.id;
  GET DIAGNOSTICS v_devices = ROW_COUNT;
  DELETE FROM customers x WHERE x.id = f.id;
  UPDATE customers x SET notes = x.notes WHERE x.id = t.id;

  RETURN QUERY SELECT t.id, cardinality(v_orders),
    wx_record_log('customer', t.id, 'merge',
                  jsonb_build_object('from', to_jsonb(f), 'orders', to_jsonb(v_orders), 'calls', v_calls,
                                     'contracts', v_contracts, 'complaints', v_complaints, 'devices', v_devices));
END
$$;

-- ------------------------------------------------------------ machines

-- Months of warranty from the purchase date for a machine of `p_category`:
-- the setting warranty.months.<category>, else warranty.months, else 12.
CREATE OR REPLACE FUNCTION wx_warranty_months(p_category text) RETURNS integer
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT v::integer FROM (SELECT wx_setting('warranty.months.' || p_category) AS v) a
                    WHERE v ~ '^[0-9]{1,3}$'),
                  (SELECT v::integer FROM (SELECT wx_setting('warranty.months') AS v) b
                    WHERE v ~ '^[0-9]{1,3}$'),
                  12)
$$;

-- The machine known by `p_serial` (case aside), or a new one of customer
-- `p_customer` added with the warranty its purchase date gives and logged
-- as found by `p_by` (intake, arrive). Called by wx_intake and by the
-- on-site arrival that completes an order opened without a serial.
CREATE OR REPLACE FUNCTION wx_device_for_serial(p_customer bigint, p_serial text, p_product text, p_model text,
                                                p_asset text, p_purchase date, p_evidence text, p_by text)
  RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_device bigint;
  v_category text := wx_machine_category(p_product, p_model);
BEGIN
  IF coalesce(p_serial, '') = '' THEN
    RETURN NULL;
  END IF;
  SELECT d.id INTO v_device FROM devices d
   WHERE d.serial <> '' AND upper(d.serial) = upper(p_serial) ORDER BY d.id LIMIT 1;
  IF v_device IS NULL THEN
    INSERT INTO devices (customer_id, category, model, serial, asset_number, purchase_date, warranty_evidence,
                         warranty_expires)
      VALUES (p_customer, v_category, coalesce(p_model, ''), p_serial, coalesce(p_asset, ''), p_purchase,
              coalesce(p_evidence, 'none'),
              (p_purchase + make_interval(months => wx_warranty_months(v_category)))::date)
      RETURNING id INTO v_device;
    PERFORM wx_record_log('device', v_device, 'create',
                          jsonb_build_object('fields', jsonb_strip_nulls(jsonb_build_object(
                            'serial', p_serial, 'model', p_model, 'purchase_date', p_purchase)), 'by', p_by));
  END IF;
  RETURN v_device;
END
$$;

-- Creates or edits a machine from `p`: customer_id, category, brand, model,
-- serial, asset_number, purchase_date (not ahead of today), warranty_evidence,
-- warranty_expires (as typed from the card; else the purchase date plus
-- wx_warranty_months), move (true: a serial that belongs to another
-- customer's machine moves to this customer). Without p_id, a machine with
-- the same serial (case and spaces aside) is the one edited: a machine is
-- known by its serial. Coordinators, supervisors, administrators.
CREATE OR REPLACE FUNCTION wx_device_save(p_id bigint, p_version integer, p jsonb)
  RETURNS TABLE (device_id bigint, new_version integer, warranty_expires date, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  o devices;
  found_row boolean := false;
  v jsonb := '{}';
  d jsonb;
  v_customer bigint;
  v_serial text;
  v_purchase date;
  v_expires date;
  v_category text;
  v_move boolean;
  v_id bigint;
  v_version integer;
BEGIN
  IF NOT wx_caller_in('wx_coordinator', 'wx_supervisor', 'wx_admin') THEN
    PERFORM wx_refuse_code('device_role', 'WX403');
  END IF;
  PERFORM wx_form_keys(p, ARRAY['customer_id', 'category', 'brand', 'model', 'serial', 'asset_number',
                                'purchase_date', 'warranty_evidence', 'warranty_expires', 'move']);
  v_move := coalesce(wx_form_boolean(p, 'move'), false);
  v_serial := wx_form_text(p, 'serial', 60);
  IF p_id IS NOT NULL THEN
    SELECT * INTO o FROM devices x WHERE x.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM wx_refuse('device_unknown', p_id::text);
    END IF;
    PERFORM wx_record_version(o.version, p_version);
    found_row := true;
  ELSIF coalesce(v_serial, '') <> '' THEN
    SELECT * INTO o FROM devices x WHERE x.serial <> '' AND upper(x.serial) = upper(v_serial)
     ORDER BY x.id LIMIT 1 FOR UPDATE;
    found_row := FOUND;
    IF found_row THEN
      v_serial := o.serial;    -- the machine found keeps its serial as written
    END IF;
  END IF;

  v_customer := wx_form_integer(p, 'customer_id');
  IF v_customer IS NULL AND NOT found_row THEN
    PERFORM wx_refuse_field('wx_field_required', 'customer_id');
  END IF;
  IF v_customer IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = v_customer) THEN
      PERFORM wx_refuse('customer_unknown', v_customer::text);
    END IF;
    IF found_row AND o.customer_id <> v_customer AND NOT v_move THEN
      PERFORM wx_refuse('device_serial_other_customer', coalesce(nullif(v_serial, ''), o.serial));
    END IF;
    v := v || jsonb_build_object('customer_id', v_customer);
  END IF;
  -- Another machine already has the serial this edit gives.
  IF found_row AND coalesce(v_serial, '') <> '' AND EXISTS (
       SELECT 1 FROM devices x WHERE x.id <> o.id AND x.serial <> '' AND upper(x.serial) = upper(v_serial)) THEN
    PERFORM wx_refuse('device_serial_other_customer', v_serial);
  END IF;

  IF p ? 'category' OR NOT found_row THEN
    v_category := coalesce(wx_form_raw(p, 'category'), 'other');
    IF v_category NOT IN ('pc', 'laptop', 'server', 'laser_printer', 'inkjet_printer', 'plotter', 'projector',
                          'network', 'other') THEN
      PERFORM wx_refuse('device_category', v_category);
    END IF;
    v := v || jsonb_build_object('category', v_category);
  END IF;
  v_category := coalesce(v_category, o.category);
  IF p ? 'brand' THEN v := v || jsonb_build_object('brand', coalesce(wx_form_text(p, 'brand', 60), '')); END IF;
  IF p ? 'model' THEN v := v || jsonb_build_object('model', coalesce(wx_form_text(p, 'model', 100), '')); END IF;
  IF v_serial IS NOT NULL THEN v := v || jsonb_build_object('serial', v_serial); END IF;
  IF p ? 'asset_number' THEN v := v || jsonb_build_object('asset_number', coalesce(wx_form_text(p, 'asset_number', 60), '')); END IF;
  IF p ? 'warranty_evidence' THEN
    v := v || jsonb_build_object('warranty_evidence', coalesce(wx_form_raw(p, 'warranty_evidence'), 'none'));
    IF v ->> 'warranty_evidence' NOT IN ('none', 'card', 'invoice', 'card_and_invoice') THEN
      PERFORM wx_refuse('order_warranty_evidence', v ->> 'warranty_evidence');
    END IF;
  END IF;

  v_purchase := CASE WHEN p ? 'purchase_date' THEN wx_form_date(p, 'purchase_date') ELSE o.purchase_date END;
  IF v_purchase > (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date THEN
    PERFORM wx_refuse('device_purchase_future', v_purchase::text);
  END IF;
  IF p ? 'purchase_date' THEN v := v || jsonb_build_object('purchase_date', v_purchase); END IF;
  IF p ? 'warranty_expires' AND coalesce(wx_trim(wx_form_raw(p, 'warranty_expires')), '') <> '' THEN
    v_expires := wx_form_date(p, 'warranty_expires');
  ELSIF v_purchase IS NOT NULL AND (p ? 'purchase_date' OR p ? 'category' OR o.warranty_expires IS NULL) THEN
    v_expires := (v_purchase + make_interval(months => wx_warranty_months(v_category)))::date;
  ELSE
    v_expires := o.warranty_expires;
  END IF;
  IF v_expires < v_purchase THEN
    PERFORM wx_refuse('device_warranty_before_purchase', v_expires::text);
  END IF;
  IF v_expires IS DISTINCT FROM o.warranty_expires OR NOT found_row THEN
    v := v || jsonb_build_object('warranty_expires', v_expires);
  END IF;

  IF NOT found_row THEN
    INSERT INTO devices (customer_id, category, brand, model, serial, asset_number, purchase_date,
                         warranty_evidence, warranty_expires)
      VALUES (v_customer, v_category, coalesce(v ->> 'brand', ''), coalesce(v ->> 'model', ''),
              coalesce(v_serial, ''), coalesce(v ->> 'asset_number', ''), v_purchase,
              coalesce(v ->> 'warranty_evidence', 'none'), v_expires)
      RETURNING id, version INTO v_id, v_version;
    RETURN QUERY SELECT v_id, v_version, v_expires, wx_record_log('device', v_id, 'create', jsonb_build_object('fields', v));
    RETURN;
  END IF;

  d := wx_record_diff(to_jsonb(o), v);
  IF d = '{}' THEN
    RETURN QUERY SELECT o.id, o.version, o.warranty_expires, NULL::bigint;
    RETURN;
  END IF;
  UPDATE devices x SET
      customer_id = coalesce((v ->> 'customer_id')::bigint, x.customer_id),
      category = coalesce(v ->> 'category', x.category), brand = coalesce(v ->> 'brand', x.brand),
      model = coalesce(v ->> 'model', x.model), serial = coalesce(v ->> 'serial', x.serial),
      asset_number = coalesce(v ->> 'asset_number', x.asset_number),
      purchase_date = v_purchase, warranty_evidence = coalesce(v ->> 'warranty_evidence', x.warranty_evidence),
      warranty_expires = v_expires
    WHERE x.id = o.id RETURNING x.version INTO v_version;
  RETURN QUERY SELECT o.id, v_version, v_expires,
    wx_record_log('device', o.id, CASE WHEN d ? 'customer_id' THEN 'move' ELSE 'edit' END,
                  jsonb_build_object('fields', d));
END
$$;

REVOKE ALL ON FUNCTION wx_caller_in(text[]), wx_record_log(text, bigint, text, jsonb), wx_form_keys(jsonb, text[]),
  wx_form_phone(jsonb, text), wx_form_email(jsonb, text), wx_form_money(jsonb, text), wx_form_date(jsonb, text),
  wx_record_version(integer, integer), wx_record_diff(jsonb, jsonb), wx_unit_key(text),
  wx_supplier_save(bigint, integer, jsonb), wx_part_save(bigint, integer, jsonb),
  wx_customer_save(bigint, integer, jsonb), wx_customer_merge(bigint, bigint),
  wx_warranty_months(text), wx_device_save(bigint, integer, jsonb),
  wx_device_for_serial(bigint, text, text, text, text, date, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_unit_key(text), wx_warranty_months(text),
  wx_supplier_save(bigint, integer, jsonb), wx_part_save(bigint, integer, jsonb),
  wx_customer_save(bigint, integer, jsonb), wx_customer_merge(bigint, bigint),
  wx_device_save(bigint, integer, jsonb)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- functions/intake.sql — opening a service order (wx_intake: the front desk's
-- intake, an engineer taking a machine in, the supervisor's return repair from
-- a callback), with the return-repair and cluster detections; correcting an
-- order's details after intake (wx_amend: the `amend` step); and the checks of
-- what people type that every write function shares (wx_form_*, also used by
-- wx_call_log in calls.sql).
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.
--
-- Refusals are SQLSTATE WX400 (WX403 for the caller's role, WX404 for an
-- order that does not exist, WX409 for a conflict) with the rule's name as
-- CONSTRAINT; src/db/wx-db-error.c turns the rule into the sentence core says
-- for the same mistake (src/core/wx-fields.c for the wx_field_* rules, whose
-- DETAIL names the field and its limit; rules[] for the others, whose DETAIL
-- carries the value given).

-- ------------------------------------------------------------ shared checks

-- Refuses with rule `p_rule` and SQLSTATE `p_code` (WX403 a role, WX404 not
-- found, WX409 a conflict), without DETAIL: the rule's sentence says it all.
-- (wx_refuse in core.sql is WX400 with the value given.)
CREATE OR REPLACE FUNCTION wx_refuse_code(p_rule text, p_code text)
  RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RAISE EXCEPTION 'refused by rule %', p_rule USING ERRCODE = p_code, CONSTRAINT = p_rule;
END
$$;

-- A field's rule (wx_field_required, wx_field_length, wx_field_text …):
-- WX400 with the field and its limit, for core's sentence (wx-fields.c).
CREATE OR REPLACE FUNCTION wx_refuse_field(p_rule text, p_field text, p_max integer DEFAULT NULL)
  RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RAISE EXCEPTION 'refused by rule % for %', p_rule, left(p_field, 80)
    USING ERRCODE = 'WX400', CONSTRAINT = p_rule,
          DETAIL = json_build_object('field', left(p_field, 200), 'max', p_max)::text;
END
$$;

-- What C's g_strstrip and wx_validate_filled count as white space.
CREATE OR REPLACE FUNCTION wx_trim(t text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT btrim(t, E' \t\n\r\f\x0B\u3000') $$;

-- The text of field `k` as given (NULL when absent or JSON null); refuses
-- another type.
CREATE OR REPLACE FUNCTION wx_form_raw(p jsonb, k text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF NOT p ? k OR jsonb_typeof(p -> k) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(p -> k) <> 'string' THEN
    PERFORM wx_refuse_field('wx_field_text', k);
  END IF;
  RETURN p ->> k;
END
$$;

-- The trimmed text of field `k` (NULL when absent), at most `max` characters;
-- `required`: it must be given and not empty (wx_validate_required).
CREATE OR REPLACE FUNCTION wx_form_text(p jsonb, k text, max integer, required boolean DEFAULT false)
  RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text := wx_trim(wx_form_raw(p, k));
BEGIN
  IF required AND coalesce(v, '') = '' THEN
    PERFORM wx_refuse_field('wx_field_required', k);
  END IF;
  IF length(v) > max THEN
    PERFORM wx_refuse_field('wx_field_length', k, max);
  END IF;
  RETURN v;
END
$$;

-- Field `k` as yes or no (NULL when absent).
CREATE OR REPLACE FUNCTION wx_form_boolean(p jsonb, k text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF NOT p ? k OR jsonb_typeof(p -> k) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(p -> k) <> 'boolean' THEN
    PERFORM wx_refuse_field('wx_field_boolean', k);
  END IF;
  RETURN (p -> k)::boolean;
END
$$;

-- Field `k` as a whole number (NULL when absent).
CREATE OR REPLACE FUNCTION wx_form_integer(p jsonb, k text) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF NOT p ? k OR jsonb_typeof(p -> k) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(p -> k) <> 'number' OR (p ->> k)::numeric <> trunc((p ->> k)::numeric)
     OR abs((p ->> k)::numeric) > 9007199254740991 THEN
    PERFORM wx_refuse_field('wx_field_integer', k);
  END IF;
  RETURN (p ->> k)::numeric::bigint;
END
$$;

-- What is wrong with a phone number, as src/core/wx-validate.c says it: NULL
-- when it is good, else 'empty', 'characters', 'extension' or 'shape'. Digits
-- with spaces, dashes and brackets, +country or 0086, an extension after 转,
-- ext, x or #; a mainland mobile (1[3-9] + 9 digits), a landline with its
-- area code (0 + 9 to 11 digits) or without (7 or 8 digits), or a number
-- abroad (7 to 15 digits).
CREATE OR REPLACE FUNCTION wx_phone_problem(t text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  s text := ltrim(coalesce(t, ''), ' ');
  intl boolean := false;
  in_ext boolean := false;
  digits text := '';
  ext text := '';
  c text;
  i integer := 1;
  n integer;
BEGIN
  IF coalesce(t, '') ~ '^[ \t]*$' THEN
    RETURN 'empty';
  END IF;
  IF left(s, 1) = '+' THEN
    intl := true;
    s := substr(s, 2);
  END IF;
  IF s !~ '^[0-9(]' THEN
    RETURN 'shape';
  END IF;
  n := length(s);
  WHILE i <= n LOOP
    c := substr(s, i, 1);
    IF c ~ '^[0-9]$' THEN
      IF in_ext THEN ext := ext || c; ELSE digits := digits || c; END IF;
    ELSIF NOT in_ext AND c IN (' ', '-', '(', ')') THEN
      NULL;
    ELSIF in_ext AND c = ' ' THEN
      NULL;
    ELSIF NOT in_ext AND digits <> ''
          AND (c IN ('转', '#', 'x', 'X') OR lower(substr(s, i, 3)) = 'ext') THEN
      in_ext := true;
      IF lower(substr(s, i, 3)) = 'ext' THEN
        i := i + 2;
      END IF;
      IF c <> '转' AND substr(s, i + 1, 1) = '.' THEN
        i := i + 1;
      END IF;
    ELSE
      RETURN 'characters';
    END IF;
    i := i + 1;
  END LOOP;
  IF in_ext AND (length(ext) = 0 OR length(ext) > 6) THEN
    RETURN 'extension';
  END IF;
  IF NOT intl AND left(digits, 4) = '0086' THEN
    digits := substr(digits, 5);
    intl := true;
  ELSIF intl AND left(digits, 2) = '86' THEN
    digits := substr(digits, 3);
  ELSIF intl THEN
    RETURN CASE WHEN length(digits) BETWEEN 7 AND 15 THEN NULL ELSE 'shape' END;
  END IF;
  IF length(digits) = 11 AND digits ~ '^1[3-9]' THEN
    RETURN NULL;
  END IF;
  IF left(digits, 1) = '0' AND length(digits) BETWEEN 10 AND 12
     OR left(digits, 1) <> '0' AND length(digits) IN (7, 8) THEN
    RETURN NULL;
  END IF;
  IF intl AND length(digits) BETWEEN 9 AND 11 AND left(digits, 1) NOT IN ('0', '1') THEN
    RETURN NULL;
  END IF;
  RETURN 'shape';
END
$$;

-- Refuses the phone number `raw` (as typed) with core's sentence.
CREATE OR REPLACE FUNCTION wx_form_check_phone(raw text) RETURNS void
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  CASE wx_phone_problem(raw)
    WHEN 'empty' THEN PERFORM wx_refuse('order_contact_reachable');
    WHEN 'characters' THEN PERFORM wx_refuse('wx_phone_characters', raw);
    WHEN 'extension' THEN PERFORM wx_refuse('wx_phone_extension', raw);
    WHEN 'shape' THEN PERFORM wx_refuse('wx_phone_shape', raw);
    ELSE NULL;
  END CASE;
END
$$;

-- A mainland mobile number (else a landline), as wx_phone_is_mobile.
CREATE OR REPLACE FUNCTION wx_phone_is_mobile(t text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  digits text := regexp_replace(coalesce(t, ''), '[^0-9]', '', 'g');
BEGIN
  IF left(digits, 4) = '0086' THEN
    digits := substr(digits, 5);
  ELSIF left(t, 1) = '+' AND left(digits, 2) = '86' THEN
    digits := substr(digits, 3);
  END IF;
  RETURN length(digits) = 11 AND left(digits, 1) = '1';
END
$$;

-- An email address as src/core/wx-validate.c accepts it.
CREATE OR REPLACE FUNCTION wx_email_valid(t text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT t IS NOT NULL AND octet_length(t) <= 254
     AND t ~ '^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$'
     AND length(split_part(t, '@', 1)) <= 64
     AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(split_part(t, '@', 2), '.')) l WHERE length(l) > 63)
$$;

-- ------------------------------------------------------------ similar faults

-- The features of a reported fault, as wx_fault_similarity (src/core/
-- wx-intake.c) sees them: words of ASCII letters and digits (lower case), and
-- pairs of neighbouring CJK letters (ideographs, kana, hangul, full-width
-- letters), punctuation and spaces aside.
CREATE OR REPLACE FUNCTION wx_fault_features(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT f), '{}')
    FROM (SELECT m[1] AS f FROM regexp_matches(lower(coalesce(t, '')), '([a-z0-9]+)', 'g') m
          UNION ALL
          SELECT substr(r[1], i, 2)
            FROM regexp_matches(lower(coalesce(t, '')),
                   '([\u3005-\u3006\u3031-\u3035\u303B-\u303C\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF'
                   '\u3105-\u312F\u3131-\u318E\u31A0-\u31BF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA48C'
                   '\uAC00-\uD7A3\uF900-\uFAD9\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC\U00020000-\U0003134F]{2,})', 'g') r,
                 generate_series(1, length(r[1]) - 1) i) x
$$;

-- How alike a reported fault is to one whose features are `fa`, 0..1: the
-- share of the smaller feature set found in the other. (plpgsql, so that
-- each text's features are computed once.)
CREATE OR REPLACE FUNCTION wx_fault_similarity_to(fa text[], b text) RETURNS double precision
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  fb text[] := wx_fault_features(b);
  n integer;
BEGIN
  IF least(cardinality(fa), cardinality(fb)) = 0 THEN
    RETURN 0.0;
  END IF;
  SELECT count(*) INTO n FROM unnest(fa) x WHERE x = ANY (fb);
  RETURN n::double precision / least(cardinality(fa), cardinality(fb));
END
$$;

-- How alike two reported faults are, as wx_fault_similarity in core.
CREATE OR REPLACE FUNCTION wx_fault_similarity(a text, b text) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT wx_fault_similarity_to(wx_fault_features(a), b) $$;

-- ------------------------------------------------------------ intake

-- Opens a service order from the form `p` (a JSON object):
--   kind (carry_in | on_site | sale), unit, address, contact, phone, email,
--   product, model, serial, fault, warranty, accessories (a list of names),
--   end_user, appearance, warranty_evidence, backup, remarks, notice_read,
--   customer_signed (yes/no), call_id (the call of the call log it answers),
--   the paper form's other boxes: fax, end_user_phone, floor_department,
--   asset_number, purchase_date (YYYY-MM-DD, not ahead),
-- or, for the supervisor, a return repair of an earlier order:
--   return_of (its number), callback (the callback that found it not
--   working), and any of the fields above (the rest is the earlier order's).
-- Checks every field with the sentences of src/core/wx-intake.c, in the same
-- order; finds or creates the customer; draws the number; writes the order in
-- its kind's first state, its accessories, its first event (actor: the staff
-- login), links the call; marks a return repair (the same serial handed back
-- within return_repair.days) and escalates a cluster (cluster.orders orders
-- of the model with a similar fault within cluster.days). One transaction.
-- Coordinators and engineers take machines in; supervisors open return
-- repairs.
CREATE OR REPLACE FUNCTION wx_intake(p jsonb)
  RETURNS TABLE (order_id bigint, order_number text, new_version integer, return_of text, cluster_size integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  known constant text[] := ARRAY['kind', 'unit', 'address', 'contact', 'phone', 'email', 'product', 'model',
    'serial', 'fault', 'warranty', 'accessories', 'end_user', 'appearance', 'warranty_evidence', 'backup',
    'remarks', 'notice_read', 'customer_signed', 'call_id', 'return_of', 'callback',
    'fax', 'end_user_phone', 'floor_department', 'asset_number', 'purchase_date'];
  v jsonb := coalesce(p, 'null'::jsonb);
  k text;
  orig service_orders;
  is_return boolean;
  v_kind text;
  v_unit text; v_address text; v_contact text; v_product text; v_model text; v_serial text;
  v_fault text; v_end_user text; v_appearance text; v_remarks text;
  v_phone_raw text; v_phone text; v_mobile text; v_landline text;
  v_email_raw text; v_email text;
  v_warranty text; v_evidence text; v_backup text;
  v_notice boolean; v_signed boolean;
  v_call bigint; v_callback bigint;
  v_accessories text[] := '{}';
  v_item text;
  v_state text;
  v_customer bigint;
  v_earlier_id bigint;
  v_earlier_number text;
  v_earlier_at timestamptz;
  e jsonb;
  r record;
  v_id bigint;
  v_number text;
  v_members bigint[];
  v_cluster integer := 0;
  v_needed integer;
  v_features text[];
  v_fax text; v_end_phone text; v_floor text; v_asset text; v_purchase date;
  v_device bigint;
BEGIN
  IF jsonb_typeof(v) <> 'object' THEN
    PERFORM wx_refuse('wx_form_object');
  END IF;
  is_return := v ? 'return_of' AND jsonb_typeof(v -> 'return_of') <> 'null';

  -- Who may: the front desk and the engineers take machines in (003_roles.sql);
  -- the supervisor opens a return repair from a callback.
  IF is_return THEN
    IF NOT pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER') THEN
      PERFORM wx_refuse_code('intake_return_role', 'WX403');
    END IF;
  ELSIF NOT (pg_has_role(wx_caller(), 'wx_coordinator', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_engineer', 'MEMBER')) THEN
    PERFORM wx_refuse_code('intake_role', 'WX403');
  END IF;

  FOR k IN SELECT jsonb_object_keys(v) ORDER BY 1 LOOP
    IF NOT k = ANY (known) THEN
      PERFORM wx_refuse_field('wx_field_unknown', k);
    END IF;
  END LOOP;

  IF is_return THEN
    SELECT * INTO orig FROM service_orders s WHERE s.number = wx_form_raw(v, 'return_of');
    IF NOT FOUND THEN
      RAISE EXCEPTION 'no service order %', v ->> 'return_of'
        USING ERRCODE = 'WX404', DETAIL = left(v ->> 'return_of', 80);
    END IF;
    v_callback := wx_form_integer(v, 'callback');
    IF v_callback IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.id = v_callback AND b.order_id = orig.id) THEN
      PERFORM wx_refuse('intake_callback', orig.number);
    END IF;
  END IF;

  -- The fields, in the order core checks them (wx_order_draft_check).
  IF is_return AND NOT v ? 'kind' THEN
    v_kind := CASE orig.kind WHEN 'on_site' THEN 'on_site' ELSE 'carry_in' END;
  ELSE
    v_kind := wx_form_raw(v, 'kind');
    IF v_kind IS NULL THEN
      PERFORM wx_refuse_field('wx_field_required', 'kind');
    ELSIF v_kind NOT IN ('carry_in', 'on_site', 'sale') THEN
      PERFORM wx_refuse('order_kind', v_kind);
    END IF;
  END IF;
  v_unit := coalesce(wx_form_text(v, 'unit', 200, NOT is_return OR v ? 'unit'), orig.unit_name);
  v_address := coalesce(wx_form_text(v, 'address', 300), orig.unit_address, '');
  v_contact := coalesce(wx_form_text(v, 'contact', 60), orig.contact_person, '');
  v_product := coalesce(wx_form_text(v, 'product', 100), orig.product_name, '');
  v_model := coalesce(wx_form_text(v, 'model', 100), orig.model, '');
  v_serial := coalesce(wx_form_text(v, 'serial', 60), orig.serial, '');
  v_fault := coalesce(wx_form_text(v, 'fault', 2000), orig.reported_fault, '');
  v_end_user := coalesce(wx_form_text(v, 'end_user', 60), orig.end_user, '');
  v_appearance := coalesce(wx_form_text(v, 'appearance', 1000), '');

  v_phone_raw := wx_form_raw(v, 'phone');
  IF is_return AND v_phone_raw IS NULL THEN
    v_mobile := orig.contact_mobile;
    v_landline := orig.contact_phone;
  ELSE
    IF coalesce(wx_trim(v_phone_raw), '') = '' THEN
      PERFORM wx_refuse('order_contact_reachable');
    END IF;
    PERFORM wx_form_check_phone(v_phone_raw);
    v_phone := wx_trim(v_phone_raw);
    IF wx_phone_is_mobile(v_phone) THEN v_mobile := v_phone; ELSE v_landline := v_phone; END IF;
  END IF;

  v_email_raw := wx_form_raw(v, 'email');
  IF coalesce(wx_trim(v_email_raw), '') <> '' THEN
    IF NOT wx_email_valid(v_email_raw) THEN
      PERFORM wx_refuse('wx_email_shape', v_email_raw);
    END IF;
    v_email := wx_trim(v_email_raw);
  ELSIF v_email_raw IS NULL AND is_return THEN
    v_email := orig.contact_email;
  END IF;

  v_warranty := coalesce(wx_form_raw(v, 'warranty'), orig.warranty_status, 'unknown');
  IF v_warranty NOT IN ('unknown', 'in_warranty', 'out_of_warranty', 'contract') THEN
    PERFORM wx_refuse('order_warranty_status', v_warranty);
  END IF;
  v_remarks := coalesce(wx_form_text(v, 'remarks', 2000), '');
  v_evidence := coalesce(wx_form_raw(v, 'warranty_evidence'), 'none');
  IF v_evidence NOT IN ('none', 'card', 'invoice', 'card_and_invoice') THEN
    PERFORM wx_refuse('order_warranty_evidence', v_evidence);
  END IF;
  v_backup := coalesce(wx_form_raw(v, 'backup'), 'not_applicable');
  IF v_backup NOT IN ('not_applicable', 'backed_up', 'may_lose_data', 'customer_keeps_disk') THEN
    PERFORM wx_refuse('order_backup', v_backup);
  END IF;

  IF v_kind = 'carry_in' AND (v_product = '' OR v_fault = '' OR (v_model = '' AND v_serial = '')) THEN
    PERFORM wx_refuse('order_carry_in_machine');
  ELSIF v_kind = 'on_site' AND (v_address = '' OR v_fault = '') THEN
    PERFORM wx_refuse('order_on_site_address');
  ELSIF v_kind = 'sale' AND v_product = '' THEN
    PERFORM wx_refuse('order_sale_items');
  END IF;

  IF v ? 'accessories' AND jsonb_typeof(v -> 'accessories') <> 'null' THEN
    IF jsonb_typeof(v -> 'accessories') <> 'array' THEN
      PERFORM wx_refuse_field('wx_field_list', 'accessories');
    END IF;
    FOR e IN SELECT x.value FROM jsonb_array_elements(v -> 'accessories') WITH ORDINALITY x(value, n) ORDER BY x.n LOOP
      IF jsonb_typeof(e) <> 'string' THEN
        PERFORM wx_refuse_field('wx_field_text', 'accessories');
      END IF;
      v_item := wx_trim(e #>> '{}');
      IF v_item = '' THEN
        PERFORM wx_refuse_field('wx_field_required', 'accessories');
      ELSIF length(v_item) > 200 THEN
        PERFORM wx_refuse_field('wx_field_length', 'accessories', 200);
      END IF;
      v_accessories := v_accessories || v_item;
    END LOOP;
    IF cardinality(v_accessories) > 99 THEN
      PERFORM wx_refuse('order_accessories_count');
    END IF;
  END IF;
  -- The paper form's other boxes (functions/shop.sql checks them as the records do).
  v_fax := coalesce(wx_form_phone(v, 'fax'), orig.contact_fax);
  v_end_phone := coalesce(wx_form_phone(v, 'end_user_phone'), orig.end_user_phone);
  v_floor := coalesce(wx_form_text(v, 'floor_department', 100), orig.floor_department, '');
  v_asset := coalesce(wx_form_text(v, 'asset_number', 60), orig.asset_number, '');
  v_purchase := wx_form_date(v, 'purchase_date');
  IF v_purchase > (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date THEN
    PERFORM wx_refuse('device_purchase_future', v_purchase::text);
  END IF;
  v_notice := coalesce(wx_form_boolean(v, 'notice_read'), false);
  v_signed := coalesce(wx_form_boolean(v, 'customer_signed'), false);
  v_call := wx_form_integer(v, 'call_id');
  IF v_call IS NOT NULL AND v_call <= 0 THEN
    PERFORM wx_refuse_field('wx_field_integer', 'call_id');
  END IF;

  -- The customer: the earlier order's, or by unit name and number, created when new.
  IF is_return THEN
    v_customer := orig.customer_id;
  ELSE
    SELECT c.id INTO v_customer FROM customers c
     WHERE c.unit_name = v_unit AND (c.mobile = v_phone OR c.phone = v_phone) ORDER BY c.id LIMIT 1;
    IF v_customer IS NULL THEN
      INSERT INTO customers (unit_name, address, contact_person, mobile, phone)
        VALUES (v_unit, v_address, v_contact, v_mobile, v_landline) RETURNING id INTO v_customer;
    END IF;
    -- The machine, known by its serial: found, or added to the records
    -- with the warranty its purchase date gives (functions/shop.sql).
    v_device := wx_device_for_serial(v_customer, v_serial, v_product, v_model, v_asset, v_purchase, v_evidence,
                                     'intake');
    -- A returned machine: the same serial handed back within return_repair.days
    -- (the rule of WX_DB_SQL_RETURN_OF in src/db/wx-db-intake.h).
    SELECT o.id, o.number, o.picked_up_at INTO v_earlier_id, v_earlier_number, v_earlier_at FROM service_orders o
     WHERE v_serial <> '' AND upper(btrim(o.serial)) = upper(btrim(v_serial))
       AND o.picked_up_at IS NOT NULL AND o.picked_up_at <= now()
       AND o.picked_up_at >= now() - make_interval(days => wx_setting('return_repair.days', '90')::integer)
     ORDER BY o.picked_up_at DESC LIMIT 1;
  END IF;

  v_state := CASE v_kind WHEN 'on_site' THEN 'call_logged' ELSE 'received' END;
  INSERT INTO service_orders (kind, state, customer_id, device_id, unit_name, unit_address, contact_person,
      contact_mobile, contact_phone, contact_fax, contact_email, end_user, end_user_phone, floor_department,
      product_name, model, serial, asset_number, reported_fault, appearance_check, warranty_status,
      warranty_evidence, backup, remarks, notice_read, customer_signed, is_return_repair, return_of_order_id,
      received_by, owner_role, updated_by)
    VALUES (v_kind, v_state, v_customer, coalesce(orig.device_id, v_device), v_unit, v_address, v_contact,
      v_mobile, v_landline, v_fax, v_email, v_end_user, v_end_phone,
      v_floor, v_product, v_model, v_serial, v_asset,
      v_fault, v_appearance, v_warranty, v_evidence, v_backup, v_remarks, v_notice, v_signed,
      is_return OR v_earlier_id IS NOT NULL, coalesce(orig.id, v_earlier_id),
      wx_caller(), wx_caller(), wx_caller())
    RETURNING id, number INTO v_id, v_number;

  INSERT INTO order_accessories (order_id, position, name)
    SELECT v_id, a.n, a.name FROM unnest(v_accessories) WITH ORDINALITY AS a(name, n);
  INSERT INTO order_events (order_id, event, to_state, actor) VALUES (v_id, v_state, v_state, wx_caller());

  IF is_return THEN
    INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
      VALUES (v_id, 'return_repair', v_state, v_state,
              jsonb_strip_nulls(jsonb_build_object('of', orig.number, 'callback', v_callback)), wx_caller());
  ELSIF v_earlier_id IS NOT NULL THEN
    INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
      VALUES (v_id, 'return_repair', v_state, v_state,
              jsonb_build_object('of', v_earlier_number, 'picked_up_at', v_earlier_at), wx_caller());
  END IF;

  -- The call it answers (工作日记本) now points at it: once only.
  IF v_call IS NOT NULL THEN
    UPDATE calls c SET order_id = v_id, customer_id = coalesce(c.customer_id, v_customer)
     WHERE c.id = v_call AND c.order_id IS NULL;
    IF NOT FOUND THEN
      PERFORM wx_refuse_code('intake_call_taken', 'WX409');
    END IF;
  END IF;

  -- A cluster: enough orders of the same model with a similar fault lately.
  -- Every order of it not yet escalated for it is escalated now.
  IF NOT is_return AND btrim(v_model) <> '' THEN
    v_needed := wx_setting('cluster.orders', '3')::integer;
    v_features := wx_fault_features(v_fault);
    SELECT array_agg(o.id ORDER BY o.id) INTO v_members FROM service_orders o
     WHERE upper(btrim(o.model)) = upper(btrim(v_model)) AND o.id <> v_id
       AND o.received_at > now() - make_interval(days => wx_setting('cluster.days', '30')::integer)
       AND o.received_at <= now()
       AND wx_fault_similarity_to(v_features, o.reported_fault) >= 0.5;
    IF coalesce(cardinality(v_members), 0) + 1 >= v_needed THEN
      v_cluster := cardinality(v_members) + 1;
      FOR r IN SELECT o.id, o.state FROM service_orders o
                 WHERE (o.id = v_id OR o.id = ANY (v_members))
                   AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'cluster')
                 ORDER BY o.id LOOP
        INSERT INTO escalations (order_id, trigger, raised_by) VALUES (r.id, 'cluster', wx_caller());
        INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
          VALUES (r.id, 'escalate', r.state, r.state,
                  jsonb_build_object('trigger', 'cluster', 'automatic', true, 'count', v_cluster), wx_caller());
      END LOOP;
    END IF;
  END IF;

  RETURN QUERY SELECT v_id, v_number, 1,
    CASE WHEN is_return THEN orig.number ELSE v_earlier_number END, v_cluster;
END
$$;

-- ------------------------------------------------------------ amend

-- What may still be corrected on an order after intake, with its limit in
-- characters (0: a phone number or an email address). src/core/wx-intake.c
-- keeps the same list (wx_order_amend_check).
CREATE OR REPLACE FUNCTION wx_amendable() RETURNS TABLE (col text, max integer, required boolean)
  LANGUAGE sql IMMUTABLE AS $$
  VALUES ('unit_name', 200, true), ('unit_address', 300, false), ('contact_person', 60, false),
         ('contact_mobile', 0, false), ('contact_phone', 0, false), ('contact_fax', 0, false),
         ('contact_email', 0, false), ('end_user', 60, false), ('end_user_phone', 0, false),
         ('floor_department', 100, false), ('product_name', 100, false), ('model', 100, false),
         ('serial', 60, false), ('asset_number', 60, false), ('remarks', 2000, false)
$$;

-- Corrects order `p_number`, last seen at `p_version`, with `p_changes`
-- ({"serial": "CNB3K00089", …}; "" or null clears a field). Refuses a NULL
-- or stale version (WX409, with who changed it), a closed order, a field not
-- on the amendable list, a bad value (core's sentences); coordinators and
-- supervisors correct any open order, engineers those assigned to them or
-- returned to them by the supervisor's review (functions/review.sql).
-- Writes the order (its version moves once) and an `amend` event whose
-- payload holds each field's old and new value:
--   {"fields": {"serial": {"old": "…", "new": "…"}}}
-- A correction that changes nothing writes nothing (event_id NULL).
CREATE OR REPLACE FUNCTION wx_amend(p_number text, p_version integer, p_changes jsonb)
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  o service_orders;
  c jsonb := p_changes;
  a record;
  k text;
  v_who text;
  v_raw text;
  v_new text;
  v_old text;
  v_fields jsonb := '{}';
  v_values jsonb := '{}';
  v_sets text[] := '{}';
  m jsonb;
  v_version integer;
  v_event bigint;
BEGIN
  IF c IS NULL OR jsonb_typeof(c) <> 'object' THEN
    PERFORM wx_refuse('amend_changes');
  END IF;
  SELECT * INTO o FROM service_orders s WHERE s.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service order %', p_number USING ERRCODE = 'WX404', DETAIL = left(coalesce(p_number, ''), 80);
  END IF;
  IF p_version IS NULL THEN
    PERFORM wx_refuse('step_version_missing');
  END IF;
  IF o.version <> p_version THEN
    SELECT coalesce((SELECT full_name FROM staff WHERE role_name = o.updated_by), o.updated_by) INTO v_who;
    RAISE EXCEPTION 'order % was changed meanwhile', p_number USING ERRCODE = 'WX409',
      DETAIL = json_build_object('by', v_who, 'state', o.state, 'version', o.version,
        'at', to_char(o.updated_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'YYYY-MM-DD HH24:MI'),
        'today', (o.updated_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date
                 = (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date)::text;
  END IF;
  IF NOT (SELECT w.open FROM workflow_states w WHERE w.state = o.state) THEN
    PERFORM wx_refuse('amend_closed');
  END IF;
  IF pg_has_role(wx_caller(), 'wx_coordinator', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER') THEN
    NULL;
  ELSIF pg_has_role(wx_caller(), 'wx_engineer', 'MEMBER') THEN
    -- Theirs, or returned to them by the supervisor and not yet answered.
    IF o.engineer IS DISTINCT FROM wx_caller()
       AND NOT EXISTS (SELECT 1 FROM order_reviews v WHERE v.order_id = o.id AND v.returned_to = wx_caller()
                          AND (wx_review_open_return(v.id)).id IS NOT NULL) THEN
      PERFORM wx_refuse_code('amend_not_assigned', 'WX403');
    END IF;
  ELSE
    PERFORM wx_refuse_code('amend_role', 'WX403');
  END IF;

  FOR k IN SELECT jsonb_object_keys(c) ORDER BY 1 LOOP
    IF NOT EXISTS (SELECT 1 FROM wx_amendable() w WHERE w.col = k) THEN
      PERFORM wx_refuse_field('wx_field_not_amendable', k);
    END IF;
  END LOOP;

  FOR a IN SELECT w.col, w.max, w.required FROM wx_amendable() w LOOP
    CONTINUE WHEN NOT c ? a.col;
    IF a.max > 0 THEN
      v_new := coalesce(wx_form_text(c, a.col, a.max, a.required), '');
    ELSE
      v_raw := wx_form_raw(c, a.col);
      v_new := nullif(wx_trim(v_raw), '');
      IF v_new IS NOT NULL AND a.col = 'contact_email' AND NOT wx_email_valid(v_raw) THEN
        PERFORM wx_refuse('wx_email_shape', v_raw);
      ELSIF v_new IS NOT NULL AND a.col <> 'contact_email' THEN
        PERFORM wx_form_check_phone(v_raw);
      END IF;
    END IF;
    v_old := to_jsonb(o) ->> a.col;
    CONTINUE WHEN v_old IS NOT DISTINCT FROM v_new;
    v_fields := v_fields || jsonb_build_object(a.col, jsonb_build_object('old', v_old, 'new', v_new));
    v_values := v_values || jsonb_build_object(a.col, v_new);
    v_sets := v_sets || format('%I = ($1 ->> %L)::%s', a.col, a.col,
                               (SELECT format_type(t.atttypid, t.atttypmod) FROM pg_attribute t
                                 WHERE t.attrelid = 'service_orders'::regclass AND t.attname = a.col));
  END LOOP;

  -- What the order must still carry, as its constraints say (001_schema.sql).
  m := to_jsonb(o) || v_values;
  IF m ->> 'contact_mobile' IS NULL AND m ->> 'contact_phone' IS NULL THEN
    PERFORM wx_refuse('order_contact_reachable');
  ELSIF o.kind = 'carry_in' AND (m ->> 'product_name' = '' OR m ->> 'reported_fault' = ''
                                 OR (m ->> 'model' = '' AND m ->> 'serial' = '')) THEN
    PERFORM wx_refuse('order_carry_in_machine');
  ELSIF o.kind = 'on_site' AND (m ->> 'unit_address' = '' OR m ->> 'reported_fault' = '') THEN
    PERFORM wx_refuse('order_on_site_address');
  ELSIF o.kind = 'sale' AND m ->> 'product_name' = '' THEN
    PERFORM wx_refuse('order_sale_items');
  END IF;

  IF v_fields = '{}' THEN
    RETURN QUERY SELECT o.id, o.version, o.state, NULL::bigint;
    RETURN;
  END IF;
  EXECUTE format('UPDATE service_orders SET %s WHERE id = $2 AND version = $3 RETURNING version',
                 array_to_string(v_sets, ', '))
    INTO v_version USING v_values, o.id, p_version;
  INSERT INTO order_events (order_id, event, from_state, to_state, payload, actor)
    VALUES (o.id, 'amend', o.state, o.state, jsonb_build_object('fields', v_fields), wx_caller())
    RETURNING id INTO v_event;
  RETURN QUERY SELECT o.id, v_version, o.state, v_event;
END
$$;

-- Only the write functions are for the staff; the checks are theirs.
REVOKE ALL ON FUNCTION wx_refuse_code(text, text), wx_refuse_field(text, text, integer),
  wx_trim(text), wx_form_raw(jsonb, text),
  wx_form_text(jsonb, text, integer, boolean), wx_form_boolean(jsonb, text), wx_form_integer(jsonb, text),
  wx_phone_problem(text), wx_form_check_phone(text), wx_phone_is_mobile(text), wx_email_valid(text),
  wx_fault_features(text), wx_fault_similarity_to(text[], text), wx_fault_similarity(text, text), wx_amendable(),
  wx_intake(jsonb), wx_amend(text, integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_intake(jsonb), wx_amend(text, integer, jsonb)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

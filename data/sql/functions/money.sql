-- functions/money.sql — payments, refunds, write-offs and customer
-- accounts (data/sql/021_money.sql, issue 15). No group writes payments:
-- every row comes from wx_transition (the pickup's payment) or one of the
-- functions below (SECURITY DEFINER), which check the caller's group
-- (wx_caller()), refuse bad input with SQLSTATE WX400 and the rule's name
-- (sentences in src/db/wx-db-error.c rules[]) and log an order event.
-- Re-created by every migrate after the numbered migrations (HACKING.md).

-- THE balance of an order, the one rule everywhere (the pickup's "paid",
-- a later payment, the collections list, the account limit):
--   quoted (the quote total the customer agreed, its fee lines included;
--   draft lines of an inspection not yet quoted count nothing)
--   − received (payments less refunds) − written off,
-- counting the rows recorded before `p_at`. Its C counterpart, for the
-- dialogs, is wx_money_balance (src/core/wx-money.c).
CREATE OR REPLACE FUNCTION wx_order_balance(p_order bigint, p_at timestamptz DEFAULT 'infinity')
  RETURNS bigint LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(o.quote_total, 0)
       - coalesce((SELECT sum(CASE y.kind WHEN 'refund' THEN -y.amount ELSE y.amount END)
                     FROM payments y WHERE y.order_id = o.id AND y.at < p_at), 0)
    FROM service_orders o WHERE o.id = p_order
$$;

-- ¥ text of fen, as the client's wx_money_format.
CREATE OR REPLACE FUNCTION wx_money_text(p bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(p / 100.0, 'FM999,999,999,990.00')
$$;

-- May `p_customer` take `p_amount` more on account? Contract customers
-- and customers set to run an account may, up to their credit limit (none:
-- no limit); anyone else, or over the limit, needs a supervisor.
CREATE OR REPLACE FUNCTION wx_account_check(p_customer bigint, p_amount bigint) RETURNS void
  LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  c customers;
  v_owed bigint;
BEGIN
  -- A supervisor may; so does the owner loading history (demo, imports).
  IF pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER')
     OR pg_has_role(wx_caller(), (SELECT relowner FROM pg_class WHERE oid = 'public.service_orders'::regclass), 'MEMBER') THEN
    RETURN;
  END IF;
  SELECT * INTO c FROM customers WHERE id = p_customer;
  IF NOT (c.is_contract OR c.account_allowed) THEN
    PERFORM wx_refuse('account_not_allowed', c.unit_name);
  END IF;
  IF c.credit_limit IS NOT NULL THEN
    SELECT coalesce(sum(greatest(wx_order_balance(o.id), 0)), 0) INTO v_owed
      FROM service_orders o WHERE o.customer_id = p_customer AND o.payment_status = 'on_account';
    IF v_owed + p_amount > c.credit_limit THEN
      PERFORM wx_refuse('account_over_limit', wx_money_text(c.credit_limit));
    END IF;
  END IF;
END
$$;

-- The order `p_number` for a money function, locked; WX404 when none.
CREATE OR REPLACE FUNCTION wx_money_order(p_number text) RETURNS service_orders
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
BEGIN
  SELECT * INTO o FROM service_orders s WHERE s.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no order %', p_number USING ERRCODE = 'WX404';
  END IF;
  IF o.state = 'cancelled' THEN
    PERFORM wx_refuse('payment_cancelled', p_number);
  END IF;
  RETURN o;
END
$$;

-- The input of a payments row: an amount the shop handles, how it moved
-- (NULL: no money moved, a write-off), a reference of at most
-- 60 characters and, when `p_reason` is not NULL (a refund, a write-off),
-- a reason.
CREATE OR REPLACE FUNCTION wx_money_input(p_amount bigint, p_method text, p_reference text, p_reason text)
  RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_amount IS NULL OR p_amount <= 0 OR p_amount > 100000000000 THEN
    PERFORM wx_refuse('payment_amount', p_amount::text);
  END IF;
  IF p_method IS NOT NULL AND p_method NOT IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque', 'prepaid') THEN
    PERFORM wx_refuse('payment_method', p_method);
  END IF;
  IF length(coalesce(p_reference, '')) > 60 THEN
    PERFORM wx_refuse('payment_reference', p_reference);
  END IF;
  IF p_reason IS NOT NULL AND (wx_feedback_blank(p_reason) OR length(p_reason) > 300) THEN
    PERFORM wx_refuse('payment_reason', p_reason);
  END IF;
END
$$;

-- Writes one payments row of `p_kind` and its order event; settles an
-- order on account or unpaid once its balance is nil after pickup.
-- Returns the new row's id and the balance after it.
CREATE OR REPLACE FUNCTION wx_money_record(o service_orders, p_kind text, p_amount bigint, p_method text,
                                           p_reference text, p_reason text)
  RETURNS TABLE (payment_id bigint, balance bigint)
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_me name := wx_caller();
  v_id bigint;
  v_balance bigint;
BEGIN
  INSERT INTO payments (order_id, amount, method, received_by, kind, reference, reason, approved_by)
    VALUES (o.id, p_amount, p_method, v_me, p_kind, coalesce(btrim(p_reference), ''),
            coalesce(btrim(p_reason), ''), CASE WHEN p_kind <> 'payment' THEN v_me END)
    RETURNING id INTO v_id;
  v_balance := wx_order_balance(o.id);
  IF v_balance = 0 AND p_kind = 'payment' AND o.picked_up_at IS NOT NULL
     AND o.payment_status IN ('unpaid', 'on_account') THEN
    UPDATE service_orders s SET payment_status = 'paid' WHERE s.id = o.id;
  END IF;
  INSERT INTO order_events (order_id, event, payload, actor)
    VALUES (o.id, p_kind, jsonb_build_object('payment_id', v_id, 'amount', p_amount, 'method', p_method,
                                              'reference', coalesce(btrim(p_reference), ''),
                                              'reason', coalesce(btrim(p_reason), ''), 'balance', v_balance),
            v_me);
  RETURN QUERY SELECT v_id, v_balance;
END
$$;

-- A customer's prepayment now (customer_prepayments, 026): what was put
-- on the account less what was drawn from it.
CREATE OR REPLACE FUNCTION wx_customer_prepaid(p_customer bigint) RETURNS bigint
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(sum(amount), 0)::bigint FROM customer_prepayments WHERE customer_id = p_customer
$$;

-- Money received for order `p_number`: a deposit, part of the balance, or
-- the rest of an order picked up on account. More than the balance is
-- refused unless `p_keep_excess`: then the balance is paid and the rest
-- kept as the customer's prepayment. Method 'prepaid' draws the amount
-- from that prepayment (never more than it holds nor than is due).
CREATE OR REPLACE FUNCTION wx_payment_add(p_number text, p_amount bigint, p_method text,
                                          p_reference text DEFAULT '', p_note text DEFAULT '',
                                          p_keep_excess boolean DEFAULT false)
  RETURNS TABLE (payment_id bigint, balance bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v_due bigint;
  v_paid bigint;
  v_held bigint;
  v_pid bigint;
  v_balance bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor'], 'payment_role');
  o := wx_money_order(p_number);
  PERFORM wx_money_input(p_amount, coalesce(p_method, ''), p_reference, NULL);
  v_due := greatest(wx_order_balance(o.id), 0);
  IF p_method = 'prepaid' THEN
    PERFORM 1 FROM customers c WHERE c.id = o.customer_id FOR UPDATE;
    v_held := wx_customer_prepaid(o.customer_id);
    IF p_amount > v_held THEN
      PERFORM wx_refuse('prepaid_short', wx_money_text(v_held));
    END IF;
    IF p_amount > v_due THEN
      PERFORM wx_refuse('prepaid_over', wx_money_text(v_due));
    END IF;
  ELSIF p_amount > v_due AND NOT coalesce(p_keep_excess, false) THEN
    PERFORM wx_refuse('payment_over', wx_money_text(v_due));
  END IF;
  v_paid := least(p_amount, v_due);
  IF v_paid > 0 THEN
    SELECT m.payment_id, m.balance INTO v_pid, v_balance
      FROM wx_money_record(o, 'payment', v_paid, p_method, p_reference, p_note) m;
  ELSE
    v_balance := wx_order_balance(o.id);
  END IF;
  IF p_method = 'prepaid' THEN
    INSERT INTO customer_prepayments (customer_id, amount, order_id, payment_id, recorded_by)
      VALUES (o.customer_id, -v_paid, o.id, v_pid, wx_caller());
  ELSIF p_amount > v_paid THEN
    INSERT INTO customer_prepayments (customer_id, amount, order_id, payment_id, recorded_by)
      VALUES (o.customer_id, p_amount - v_paid, o.id, v_pid, wx_caller());
    INSERT INTO order_events (order_id, event, payload, actor)
      VALUES (o.id, 'prepayment', jsonb_build_object('amount', p_amount - v_paid, 'method', p_method,
                                                      'reference', coalesce(btrim(p_reference), ''),
                                                      'prepaid', wx_customer_prepaid(o.customer_id)),
              wx_caller());
  END IF;
  RETURN QUERY SELECT v_pid, v_balance;
END
$$;

-- Money given back (a supervisor's act, with the reason): never more than
-- was received.
CREATE OR REPLACE FUNCTION wx_payment_refund(p_number text, p_amount bigint, p_method text, p_reason text,
                                             p_reference text DEFAULT '')
  RETURNS TABLE (payment_id bigint, balance bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v_received bigint;
  r record;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'refund_role');
  o := wx_money_order(p_number);
  PERFORM wx_money_input(p_amount, coalesce(p_method, ''), p_reference, coalesce(p_reason, ''));
  SELECT coalesce(sum(CASE y.kind WHEN 'payment' THEN y.amount WHEN 'refund' THEN -y.amount ELSE 0 END), 0)
    INTO v_received FROM payments y WHERE y.order_id = o.id;
  IF p_amount > v_received THEN
    PERFORM wx_refuse('refund_over', wx_money_text(v_received));
  END IF;
  SELECT * INTO r FROM wx_money_record(o, 'refund', p_amount, p_method, p_reference, p_reason);
  -- Given back to the customer's prepayment rather than in money.
  IF p_method = 'prepaid' THEN
    INSERT INTO customer_prepayments (customer_id, amount, order_id, payment_id, recorded_by)
      VALUES (o.customer_id, p_amount, o.id, r.payment_id, wx_caller());
  END IF;
  RETURN QUERY SELECT r.payment_id, r.balance;
END
$$;

-- A debt forgiven (a supervisor's act, with the reason): never more than
-- the balance.
CREATE OR REPLACE FUNCTION wx_payment_write_off(p_number text, p_amount bigint, p_reason text)
  RETURNS TABLE (payment_id bigint, balance bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v_due bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'write_off_role');
  o := wx_money_order(p_number);
  PERFORM wx_money_input(p_amount, NULL, '', coalesce(p_reason, ''));
  v_due := wx_order_balance(o.id);
  IF p_amount > greatest(v_due, 0) THEN
    PERFORM wx_refuse('write_off_over', wx_money_text(greatest(v_due, 0)));
  END IF;
  RETURN QUERY SELECT * FROM wx_money_record(o, 'write_off', p_amount, 'on_account', '', p_reason);
END
$$;

-- A customer's account: allowed or not, and its limit (NULL: none).
CREATE OR REPLACE FUNCTION wx_customer_account_set(p_customer bigint, p_allowed boolean, p_limit bigint)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor', 'wx_admin'], 'account_role');
  IF p_limit IS NOT NULL AND (p_limit < 0 OR p_limit > 100000000000) THEN
    PERFORM wx_refuse('account_limit', p_limit::text);
  END IF;
  UPDATE customers SET account_allowed = coalesce(p_allowed, false), credit_limit = p_limit
   WHERE id = p_customer;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no customer %', p_customer USING ERRCODE = 'WX404';
  END IF;
END
$$;

REVOKE ALL ON FUNCTION wx_payment_add(text, bigint, text, text, text, boolean),
                       wx_payment_refund(text, bigint, text, text, text),
                       wx_payment_write_off(text, bigint, text),
                       wx_customer_account_set(bigint, boolean, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_payment_add(text, bigint, text, text, text, boolean),
                          wx_payment_refund(text, bigint, text, text, text),
                          wx_payment_write_off(text, bigint, text),
                          wx_customer_account_set(bigint, boolean, bigint)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- The helpers run inside the functions above (as the owner) only.
REVOKE ALL ON FUNCTION wx_money_order(text), wx_money_input(bigint, text, text, text),
                       wx_money_record(service_orders, text, bigint, text, text, text),
                       wx_account_check(bigint, bigint) FROM PUBLIC;

-- ---------------------------------------------------------------- invoices

-- An invoice the shop issued in its tax software, recorded with the orders
-- it covers (their numbers). Its amount must be the orders' total (their
-- quote totals) unless a supervisor writes the reason. Returns its id.
CREATE OR REPLACE FUNCTION wx_invoice_add(p_kind text, p_number text, p_issued date, p_title text,
                                          p_tax_number text, p_amount bigint, p_tax bigint,
                                          p_orders text[], p_reason text DEFAULT '')
  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_me name := wx_caller();
  v_id bigint;
  v_total bigint := 0;
  v_number text := btrim(coalesce(p_number, ''));
  v_tax_number text := upper(btrim(coalesce(p_tax_number, '')));
  v_other text;
  o service_orders;
  v_order text;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'invoice_role');
  IF p_kind IS NULL OR p_kind NOT IN ('normal', 'special', 'electronic') THEN
    PERFORM wx_refuse('invoice_kind', p_kind);
  END IF;
  IF v_number = '' OR length(v_number) > 40 THEN
    PERFORM wx_refuse('invoice_number', p_number);
  END IF;
  IF EXISTS (SELECT 1 FROM invoices i WHERE i.number = v_number) THEN
    PERFORM wx_refuse('invoice_number_used', v_number);
  END IF;
  IF p_issued IS NULL OR p_issued > (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date
     OR p_issued < (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date - 366 THEN
    PERFORM wx_refuse('invoice_date', p_issued::text);
  END IF;
  IF wx_feedback_blank(p_title) OR length(p_title) > 200 THEN
    PERFORM wx_refuse('invoice_title', p_title);
  END IF;
  IF v_tax_number !~ '^([0-9A-Z]{15,20})?$' OR (p_kind = 'special' AND v_tax_number = '') THEN
    PERFORM wx_refuse('invoice_tax_number', p_tax_number);
  END IF;
  IF p_amount IS NULL OR p_amount <= 0 OR p_amount > 100000000000 THEN
    PERFORM wx_refuse('invoice_amount', p_amount::text);
  END IF;
  IF p_tax IS NULL OR p_tax < 0 OR p_tax > p_amount THEN
    PERFORM wx_refuse('invoice_tax', p_tax::text);
  END IF;
  IF p_orders IS NULL OR cardinality(p_orders) = 0 THEN
    PERFORM wx_refuse('invoice_orders');
  END IF;
  FOREACH v_order IN ARRAY p_orders LOOP
    SELECT * INTO o FROM service_orders s WHERE s.number = btrim(v_order) FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM wx_refuse('invoice_order_unknown', v_order);
    END IF;
    IF o.state = 'cancelled' THEN
      PERFORM wx_refuse('invoice_order_cancelled', o.number);
    END IF;
    SELECT i.number INTO v_other FROM invoice_orders io JOIN invoices i ON i.id = io.invoice_id
     WHERE io.order_id = o.id;
    IF FOUND THEN
      PERFORM wx_refuse('invoice_order_invoiced', o.number || ' ' || v_other);
    END IF;
    v_total := v_total + coalesce(o.quote_total, 0);
  END LOOP;
  IF (SELECT count(DISTINCT btrim(x)) FROM unnest(p_orders) x) <> cardinality(p_orders) THEN
    PERFORM wx_refuse('invoice_orders');
  END IF;
  IF p_amount <> v_total THEN
    IF wx_feedback_blank(p_reason) OR length(p_reason) > 300 THEN
      PERFORM wx_refuse('invoice_mismatch', wx_money_text(v_total));
    END IF;
    IF NOT pg_has_role(v_me, 'wx_supervisor', 'MEMBER') THEN
      PERFORM wx_refuse('invoice_mismatch_supervisor', wx_money_text(v_total));
    END IF;
  END IF;
  INSERT INTO invoices (kind, number, issued_on, title, tax_number, amount, tax, reason, approved_by, recorded_by)
    VALUES (p_kind, v_number, p_issued, btrim(p_title), v_tax_number, p_amount, p_tax,
            CASE WHEN p_amount <> v_total THEN btrim(p_reason) ELSE '' END,
            CASE WHEN p_amount <> v_total THEN v_me END, v_me)
    RETURNING id INTO v_id;
  INSERT INTO invoice_orders (order_id, invoice_id)
    SELECT s.id, v_id FROM service_orders s WHERE s.number IN (SELECT btrim(x) FROM unnest(p_orders) x);
  INSERT INTO order_events (order_id, event, payload, actor)
    SELECT s.id, 'invoice_recorded',
           jsonb_build_object('invoice', v_number, 'kind', p_kind, 'amount', p_amount, 'tax', p_tax), v_me
      FROM service_orders s WHERE s.number IN (SELECT btrim(x) FROM unnest(p_orders) x);
  RETURN v_id;
END
$$;

-- ---------------------------------------------------------------- the day's cash count

-- Money taken by `p_method` on `p_day` (the shop's day): payments less
-- refunds, as recorded.
CREATE OR REPLACE FUNCTION wx_day_takings(p_day date, p_method text) RETURNS bigint
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(sum(CASE y.kind WHEN 'refund' THEN -y.amount ELSE y.amount END), 0)::bigint
    FROM payments y
   WHERE y.method = p_method AND y.kind IN ('payment', 'refund')
     AND y.at >= (p_day::timestamp AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))
     AND y.at < ((p_day + 1)::timestamp AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))
$$;

-- The count of `p_method` for `p_day` (日清日毕): `p_counted` against the
-- day's takings; a difference needs the reason. Once per day and method.
-- Returns what was recorded and the difference (short < 0, over > 0).
CREATE OR REPLACE FUNCTION wx_cash_count(p_day date, p_method text, p_counted bigint, p_reason text DEFAULT '')
  RETURNS TABLE (recorded bigint, difference bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_recorded bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'cash_count_role');
  -- 日清日毕: today, or a day of the last month counted late; no other.
  IF p_day IS NULL OR p_day > (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date
     OR p_day < (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date - 31 THEN
    PERFORM wx_refuse('cash_count_day', p_day::text);
  END IF;
  IF p_method IS NULL OR p_method NOT IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque') THEN
    PERFORM wx_refuse('payment_method', p_method);
  END IF;
  IF p_counted IS NULL OR p_counted < 0 OR p_counted > 100000000000 THEN
    PERFORM wx_refuse('cash_count_amount', p_counted::text);
  END IF;
  IF EXISTS (SELECT 1 FROM cash_counts c WHERE c.day = p_day AND c.method = p_method) THEN
    PERFORM wx_refuse('cash_count_done', p_day::text);
  END IF;
  v_recorded := wx_day_takings(p_day, p_method);
  IF p_counted <> v_recorded AND (wx_feedback_blank(p_reason) OR length(p_reason) > 300) THEN
    PERFORM wx_refuse('cash_count_reason', wx_money_text(p_counted - v_recorded));
  END IF;
  INSERT INTO cash_counts (day, method, counted, recorded, reason, counted_by)
    VALUES (p_day, p_method, p_counted, v_recorded, CASE WHEN p_counted <> v_recorded THEN btrim(p_reason) ELSE '' END,
            wx_caller());
  RETURN QUERY SELECT v_recorded, p_counted - v_recorded;
END
$$;

REVOKE ALL ON FUNCTION wx_invoice_add(text, text, date, text, text, bigint, bigint, text[], text),
                       wx_cash_count(date, text, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_invoice_add(text, text, date, text, text, bigint, bigint, text[], text),
                          wx_cash_count(date, text, bigint, text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- ---------------------------------------------------------------- monthly statements (对账单)

-- The statement `p_id` for a step of its life, locked; WX404 when none.
CREATE OR REPLACE FUNCTION wx_statement_row(p_id bigint) RETURNS statements
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  s statements;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'statement_role');
  SELECT * INTO s FROM statements WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no statement %', p_id USING ERRCODE = 'WX404';
  END IF;
  RETURN s;
END
$$;

-- What customer `p_customer` still owes on the orders picked up before
-- `p_before` (the shop's time): the sum of their positive balances.
CREATE OR REPLACE FUNCTION wx_customer_owed(p_customer bigint, p_before timestamptz) RETURNS bigint
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(sum(greatest(wx_order_balance(o.id), 0)), 0)::bigint
    FROM service_orders o
   WHERE o.customer_id = p_customer AND o.picked_up_at < p_before AND o.state <> 'cancelled'
$$;

-- 做清单: the statement of customer `p_customer` for the month of
-- `p_period` (any day of it), once the month is over: every order picked
-- up in it with its amount and what is still due, the balance brought
-- forward from earlier months and the balance due. Returns its id.
CREATE OR REPLACE FUNCTION wx_statement_make(p_customer bigint, p_period date) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c customers;
  v_tz text := wx_setting('timezone', 'Asia/Shanghai');
  v_month date := date_trunc('month', p_period)::date;
  v_from timestamptz;
  v_to timestamptz;
  v_id bigint;
  v_bf bigint;
  v_charges bigint;
  v_due bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'statement_role');
  SELECT * INTO c FROM customers WHERE id = p_customer FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no customer %', p_customer USING ERRCODE = 'WX404';
  END IF;
  IF NOT (c.is_contract OR c.account_allowed) THEN
    PERFORM wx_refuse('statement_customer', c.unit_name);
  END IF;
  IF p_period IS NULL OR (v_month + interval '1 month')::date > (now() AT TIME ZONE v_tz)::date
     OR v_month < date '2000-01-01' THEN
    PERFORM wx_refuse('statement_month_open', to_char(coalesce(v_month, now()::date), 'YYYY-MM'));
  END IF;
  IF EXISTS (SELECT 1 FROM statements s WHERE s.customer_id = p_customer AND s.period = v_month) THEN
    PERFORM wx_refuse('statement_made', to_char(v_month, 'YYYY-MM'));
  END IF;
  v_from := v_month::timestamp AT TIME ZONE v_tz;
  v_to := (v_month + interval '1 month')::timestamp AT TIME ZONE v_tz;
  v_bf := wx_customer_owed(p_customer, v_from);
  -- The lines first (one balance per order), then the sums from them.
  INSERT INTO statements (customer_id, period, brought_forward, charges, received, balance_due, made_by)
    VALUES (p_customer, v_month, 0, 0, 0, 0, wx_caller())
    RETURNING id INTO v_id;
  INSERT INTO statement_orders (statement_id, order_id, amount, due)
    SELECT v_id, o.id, coalesce(o.quote_total, 0), wx_order_balance(o.id)
      FROM service_orders o
     WHERE o.customer_id = p_customer AND o.picked_up_at >= v_from AND o.picked_up_at < v_to
       AND o.state <> 'cancelled';
  SELECT coalesce(sum(x.amount), 0), coalesce(sum(x.due), 0) INTO v_charges, v_due
    FROM statement_orders x WHERE x.statement_id = v_id;
  IF v_charges = 0 AND v_bf = 0 AND v_due = 0 THEN
    PERFORM wx_refuse('statement_empty', to_char(v_month, 'YYYY-MM'));
  END IF;
  UPDATE statements SET brought_forward = v_bf, charges = v_charges, received = v_charges - v_due,
                        balance_due = v_bf + v_due
   WHERE id = v_id;
  RETURN v_id;
END
$$;

-- 对单: checked with the customer; `p_note` says who agreed, and how.
CREATE OR REPLACE FUNCTION wx_statement_check(p_id bigint, p_note text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s statements := wx_statement_row(p_id);
BEGIN
  IF s.checked_at IS NOT NULL THEN
    PERFORM wx_refuse('statement_checked', p_id::text);
  END IF;
  IF wx_feedback_blank(p_note) OR length(p_note) > 300 THEN
    PERFORM wx_refuse('statement_check_note', p_note);
  END IF;
  UPDATE statements SET checked_at = now(), checked_by = wx_caller(), checked_note = btrim(p_note) WHERE id = p_id;
END
$$;

-- 发清单: sent, once checked — printed (handed or posted), or e-mailed with
-- its PDF `p_pdf` through the messages outbox (wx_message_queue, issue 17;
-- refused with a sentence while that is not installed, or when the
-- customer takes no e-mail).
CREATE OR REPLACE FUNCTION wx_statement_send(p_id bigint, p_how text, p_pdf bytea DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s statements := wx_statement_row(p_id);
  o service_orders;
  v_queued integer;
BEGIN
  IF s.checked_at IS NULL THEN
    PERFORM wx_refuse('statement_not_checked', p_id::text);
  END IF;
  IF s.sent_at IS NOT NULL THEN
    PERFORM wx_refuse('statement_sent', p_id::text);
  END IF;
  IF p_how IS NULL OR p_how NOT IN ('printed', 'email') THEN
    PERFORM wx_refuse('statement_how', p_how);
  END IF;
  IF p_how = 'email' THEN
    IF to_regprocedure('wx_message_queue(service_orders, bigint, text, jsonb, timestamptz, text, bytea)') IS NULL THEN
      PERFORM wx_refuse('statement_email_unavailable');
    END IF;
    IF p_pdf IS NULL THEN
      PERFORM wx_refuse('statement_email_pdf');
    END IF;
    SELECT so.* INTO o FROM service_orders so JOIN statement_orders x ON x.order_id = so.id
     WHERE x.statement_id = p_id ORDER BY so.picked_up_at DESC LIMIT 1;
    IF NOT FOUND THEN
      SELECT so.* INTO o FROM service_orders so WHERE so.customer_id = s.customer_id ORDER BY so.id DESC LIMIT 1;
    END IF;
    EXECUTE 'SELECT wx_message_queue($1, NULL, ''statement'', $2, now(), ''statement'', $3)'
      INTO v_queued
      USING o, jsonb_build_object('amount', wx_money_text(s.balance_due), 'period', to_char(s.period, 'YYYY-MM')),
            p_pdf;
    IF coalesce(v_queued, 0) = 0 THEN
      PERFORM wx_refuse('statement_email_none', o.unit_name);
    END IF;
  END IF;
  UPDATE statements SET sent_at = now(), sent_by = wx_caller(), sent_how = p_how WHERE id = p_id;
END
$$;

-- Paid: closed once sent and nothing is due any more on its orders nor on
-- the earlier ones it brought forward.
CREATE OR REPLACE FUNCTION wx_statement_close(p_id bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s statements := wx_statement_row(p_id);
  v_owed bigint;
BEGIN
  IF s.sent_at IS NULL THEN
    PERFORM wx_refuse('statement_not_sent', p_id::text);
  END IF;
  IF s.paid_at IS NOT NULL THEN
    PERFORM wx_refuse('statement_paid', p_id::text);
  END IF;
  v_owed := wx_customer_owed(s.customer_id,
                             (s.period + interval '1 month')::timestamp AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'));
  IF v_owed > 0 THEN
    PERFORM wx_refuse('statement_unpaid', wx_money_text(v_owed));
  END IF;
  UPDATE statements SET paid_at = now() WHERE id = p_id;
END
$$;

REVOKE ALL ON FUNCTION wx_statement_make(bigint, date), wx_statement_check(bigint, text),
                       wx_statement_send(bigint, text, bytea), wx_statement_close(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_statement_make(bigint, date), wx_statement_check(bigint, text),
                          wx_statement_send(bigint, text, bytea), wx_statement_close(bigint)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE ALL ON FUNCTION wx_statement_row(bigint) FROM PUBLIC;

-- ---------------------------------------------------------------- collections (追款)

-- The unpaid orders after pickup on `p_day` (the shop's day), oldest
-- first: the balance, the age in days since pickup, its bucket (0-30,
-- 31-60, 61-90, 91+), the next chase date (the latest chase's, else 30
-- days after pickup), who chases it (the latest chase's, else the order's
-- engineer, else its owner) and whether a chase is due.
CREATE OR REPLACE FUNCTION wx_collections(p_day date)
  RETURNS TABLE (number text, unit_name text, balance bigint, age integer, bucket text, next_on date,
                 chaser text, due boolean)
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  WITH u AS (
    SELECT o.id, o.number, o.unit_name, o.engineer, o.received_by, wx_order_balance(o.id) AS balance,
           p_day - (o.picked_up_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date AS age,
           (o.picked_up_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date AS picked
      FROM service_orders o
     WHERE o.picked_up_at IS NOT NULL AND o.state <> 'cancelled' AND o.payment_status IN ('unpaid', 'on_account'))
  SELECT u.number, u.unit_name, u.balance, u.age,
         CASE WHEN u.age <= 30 THEN '0-30' WHEN u.age <= 60 THEN '31-60' WHEN u.age <= 90 THEN '61-90' ELSE '91+' END,
         coalesce(c.next_on, u.picked + 30),
         coalesce(c.chaser::text, nullif(u.engineer, ''), u.received_by::text),
         coalesce(c.next_on, u.picked + 30) <= p_day
    FROM u
    LEFT JOIN LATERAL (SELECT h.next_on, h.chaser FROM collection_chases h WHERE h.order_id = u.id
                        ORDER BY h.at DESC, h.id DESC LIMIT 1) c ON true
   WHERE u.balance > 0
   ORDER BY u.age DESC, u.number
$$;

-- A chase of order `p_number`: its result, the date promised (may be
-- NULL), the next chase date (after today) and who chases it next (NULL:
-- the caller). An engineer chases his own orders only.
CREATE OR REPLACE FUNCTION wx_chase_log(p_number text, p_result text, p_promised date, p_next date,
                                        p_chaser text DEFAULT NULL)
  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_me name := wx_caller();
  v_today date := (now() AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::date;
  v_chaser text := coalesce(nullif(btrim(p_chaser), ''), v_me::text);
  o service_orders;
  v_id bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor'], 'chase_role');
  o := wx_money_order(p_number);
  IF NOT pg_has_role(v_me, 'wx_coordinator', 'MEMBER') AND NOT pg_has_role(v_me, 'wx_supervisor', 'MEMBER')
     AND coalesce(o.engineer, '') <> v_me::text THEN
    PERFORM wx_refuse('chase_not_yours', p_number);
  END IF;
  IF o.picked_up_at IS NULL OR wx_order_balance(o.id) <= 0 THEN
    PERFORM wx_refuse('chase_nothing_owed', p_number);
  END IF;
  IF wx_feedback_blank(p_result) OR length(p_result) > 300 THEN
    PERFORM wx_refuse('chase_result', p_result);
  END IF;
  IF p_promised IS NOT NULL AND (p_promised < v_today OR p_promised > v_today + 366) THEN
    PERFORM wx_refuse('chase_promised', p_promised::text);
  END IF;
  IF p_next IS NULL OR p_next <= v_today OR p_next > v_today + 366 THEN
    PERFORM wx_refuse('chase_next', p_next::text);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name::text = v_chaser AND s.active) THEN
    PERFORM wx_refuse('chase_chaser', v_chaser);
  END IF;
  INSERT INTO collection_chases (order_id, chased_by, result, promised_on, next_on, chaser)
    VALUES (o.id, v_me, btrim(p_result), p_promised, p_next, v_chaser) RETURNING id INTO v_id;
  INSERT INTO order_events (order_id, event, payload, actor)
    VALUES (o.id, 'chase', jsonb_build_object('result', btrim(p_result), 'promised_on', p_promised,
                                              'next_on', p_next, 'chaser', v_chaser), v_me);
  RETURN v_id;
END
$$;

REVOKE ALL ON FUNCTION wx_chase_log(text, text, date, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_chase_log(text, text, date, date, text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

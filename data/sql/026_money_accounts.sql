-- 026: a customer's prepayment (预收款/预存款, issue 15). Money taken over
-- an order's balance, when the clerk says so, is kept on the customer's
-- account rather than refused; a later order is paid from it with the
-- method 'prepaid'. Each movement is a row of customer_prepayments: money
-- put on the account (amount > 0, from the payment that brought it) or
-- drawn from it (amount < 0, by the payment it paid). The account's
-- balance is their sum and never goes below nil (wx_payment_add checks it
-- under a lock of the customer's row). Nothing is edited or deleted.

CREATE TABLE customer_prepayments (
  id          bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers ON DELETE RESTRICT,
  at          timestamptz NOT NULL DEFAULT now(),
  amount      bigint NOT NULL CHECK (amount <> 0 AND abs(amount) <= 100000000000),
  order_id    bigint NOT NULL REFERENCES service_orders ON DELETE RESTRICT,
  payment_id  bigint REFERENCES payments ON DELETE RESTRICT,
  recorded_by name NOT NULL
);
CREATE INDEX customer_prepayments_customer_idx ON customer_prepayments (customer_id);

-- 'prepaid': money drawn from the customer's prepayment.
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
  CHECK (method IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque', 'on_account', 'prepaid'));

-- wx_payment_add takes whether to keep an excess as a prepayment
-- (functions/money.sql creates the new one).
DROP FUNCTION IF EXISTS wx_payment_add(text, bigint, text, text, text);

REVOKE ALL ON customer_prepayments FROM PUBLIC;
GRANT SELECT ON customer_prepayments TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- Invoices (发票) as records: the shop issues them in its tax software and
-- records here what it issued — the type (普通 normal, 专用 special VAT,
-- 电子 electronic), the number, the date, the title (抬头), the customer's
-- tax number, the amount (tax included) and the tax — and the orders it
-- covers (one invoice may cover several orders; an order is on one
-- invoice at most). Written by wx_invoice_add only (functions/money.sql).
CREATE TABLE invoices (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('normal', 'special', 'electronic')),
  number      text NOT NULL UNIQUE CHECK (btrim(number) <> '' AND length(number) <= 40),
  issued_on   date NOT NULL,
  title       text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
  tax_number  text NOT NULL DEFAULT '' CHECK (tax_number ~ '^([0-9A-Z]{15,20})?$'),
  amount      bigint NOT NULL CHECK (amount > 0 AND amount <= 100000000000),
  tax         bigint NOT NULL CHECK (tax >= 0 AND tax <= amount),
  reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 300),
  approved_by name,
  recorded_by name NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT invoices_special_tax_number CHECK (kind <> 'special' OR tax_number <> '')
);

CREATE TABLE invoice_orders (
  order_id    bigint PRIMARY KEY REFERENCES service_orders ON DELETE RESTRICT,
  invoice_id  bigint NOT NULL REFERENCES invoices ON DELETE RESTRICT
);
CREATE INDEX invoice_orders_invoice_idx ON invoice_orders (invoice_id);

-- The day's cash count (日清日毕): per day and method, what was counted
-- (the cash in the drawer, the WeChat/Alipay statement) against what the
-- payments recorded; a difference (short < 0, over > 0) carries a reason.
CREATE TABLE cash_counts (
  id          bigserial PRIMARY KEY,
  day         date NOT NULL,
  method      text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque')),
  counted     bigint NOT NULL CHECK (counted >= 0 AND counted <= 100000000000),
  recorded    bigint NOT NULL,
  reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 300),
  counted_by  name NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (day, method),
  CONSTRAINT cash_counts_reason CHECK (counted = recorded OR btrim(reason) <> '')
);

REVOKE ALL ON invoices, invoice_orders, cash_counts FROM PUBLIC;
GRANT SELECT ON invoices, invoice_orders, cash_counts TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- Monthly statements (对账单) of the customers who run an account: made
-- (做清单) for a month that is over, checked with the customer (对单, with a
-- note of who agreed), sent (发清单: printed, or e-mailed), paid (the
-- orders' balances nil). The amounts are those at making; statement_orders
-- lists the month's orders with their amount then. Written by the
-- wx_statement_* functions only (functions/money.sql).
CREATE TABLE statements (
  id              bigserial PRIMARY KEY,
  customer_id     bigint NOT NULL REFERENCES customers ON DELETE RESTRICT,
  period          date NOT NULL CHECK (period = date_trunc('month', period)::date),
  brought_forward bigint NOT NULL,
  charges         bigint NOT NULL,
  received        bigint NOT NULL,
  balance_due     bigint NOT NULL,
  made_at         timestamptz NOT NULL DEFAULT now(),
  made_by         name NOT NULL,
  checked_at      timestamptz,
  checked_by      name,
  checked_note    text NOT NULL DEFAULT '' CHECK (length(checked_note) <= 300),
  sent_at         timestamptz,
  sent_by         name,
  sent_how        text CHECK (sent_how IN ('printed', 'email')),
  paid_at         timestamptz,
  UNIQUE (customer_id, period),
  CONSTRAINT statements_life CHECK ((sent_at IS NULL OR checked_at IS NOT NULL) AND (paid_at IS NULL OR sent_at IS NOT NULL)),
  CONSTRAINT statements_sums CHECK (balance_due = brought_forward + charges - received)
);

CREATE TABLE statement_orders (
  statement_id bigint NOT NULL REFERENCES statements ON DELETE RESTRICT,
  order_id     bigint NOT NULL REFERENCES service_orders ON DELETE RESTRICT,
  amount       bigint NOT NULL,
  due          bigint NOT NULL,
  PRIMARY KEY (statement_id, order_id)
);

REVOKE ALL ON statements, statement_orders FROM PUBLIC;
GRANT SELECT ON statements, statement_orders TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- Collections (追款): each chase of an unpaid order after pickup — who
-- chased, the result, the date the customer promised to pay and the next
-- chase date; the latest row of an order holds its next chase and who
-- chases it (the seed lets the engineer chase his own customers). Written
-- by wx_chase_log only.
CREATE TABLE collection_chases (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES service_orders ON DELETE RESTRICT,
  at          timestamptz NOT NULL DEFAULT now(),
  chased_by   name NOT NULL,
  result      text NOT NULL CHECK (btrim(result) <> '' AND length(result) <= 300),
  promised_on date,
  next_on     date NOT NULL,
  chaser      name NOT NULL
);
CREATE INDEX collection_chases_order_idx ON collection_chases (order_id, at DESC);

REVOKE ALL ON collection_chases FROM PUBLIC;
GRANT SELECT ON collection_chases TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

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

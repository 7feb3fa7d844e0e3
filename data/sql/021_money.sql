-- 021: money after pickup (issue 15). A payment row is one of three
-- kinds: money received ('payment'), money given back ('refund') and a
-- debt forgiven ('write_off'); the amount is always the positive size, the
-- kind its sign (wx_order_balance, functions/money.sql). A refund and a
-- write-off carry a reason and the supervisor who approved them; none is
-- ever edited or deleted (016_guard revoked that from every group).
-- Customers may run an account (挂账/月结) up to a credit limit.

ALTER TABLE payments
  ADD COLUMN kind text NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'refund', 'write_off')),
  ADD COLUMN reference text NOT NULL DEFAULT '' CHECK (length(reference) <= 60),
  ADD COLUMN reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 300),
  ADD COLUMN approved_by name,
  ADD CONSTRAINT payments_approved CHECK (kind = 'payment' OR (approved_by IS NOT NULL AND btrim(reason) <> '')),
  ADD CONSTRAINT payments_write_off_method CHECK (kind <> 'write_off' OR method = 'on_account');

-- 'on_account' is the method of a write-off (no money moved).
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
  CHECK (method IN ('cash', 'bank_transfer', 'card', 'wechat', 'alipay', 'cheque', 'on_account'));

ALTER TABLE customers
  ADD COLUMN account_allowed boolean NOT NULL DEFAULT false,
  ADD COLUMN credit_limit wx_money;

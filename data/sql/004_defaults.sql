-- 004: the shop's defaults. Admins change them; forms print them.

INSERT INTO settings (key, value, description) VALUES
  ('company.name',        '惠维科技维修中心',                       'Company name printed on forms'),
  ('company.address',     '广州市天河区体育西路 100 号',             'Company address printed on forms'),
  ('company.phone',       '020-87581480',                           'Company phone printed on forms'),
  ('company.fax',         '020-87581481',                           'Company fax printed on forms'),
  ('notice.important',    '1. 送修前请自行备份机器中的数据，维修过程中数据可能丢失，本中心不承担数据丢失责任。' || E'\n' ||
                          '2. 请凭本用户联取机，遗失须凭有效证件及单位证明办理。' || E'\n' ||
                          '3. 机器修好通知后请于 30 天内取回，逾期本中心不负保管责任。' || E'\n' ||
                          '4. 非保修机器检测后如不维修，可能收取检测费。',
                          'Important notice (重要提示) printed on the customer copy'),
  ('order_number.prefix', '',              'Text before the year in order numbers'),
  ('order_number.digits', '6',             'Digits of the running number in order numbers'),
  ('timezone',            'Asia/Shanghai', 'The shop''s time zone'),
  ('return_repair.days',  '90',            'A machine back within this many days is a return repair (返修)'),
  ('cluster.orders',      '3',             'Orders of one model with a similar fault that make a cluster'),
  ('cluster.days',        '30',            'Window in days for a cluster');

-- Monday to Saturday 09:00–18:00.
INSERT INTO business_hours (weekday, opens, closes)
  SELECT d, '09:00', '18:00' FROM generate_series(1, 6) AS d;

-- Clocks of domain.md section 4, in business minutes (a working day is 9 hours).
INSERT INTO sla_thresholds (clock, target_minutes, limit_minutes, description) VALUES
  ('dispatch',         60,   180,  'Received → dispatched: 0–3 h, supervisor 0–1 h'),
  ('reply',            240,  240,  'Dispatched → customer told the result (4小时复命)'),
  ('quote',            30,   30,   'Inspected → quoted'),
  ('decision',         1080, 1080, 'Quoted → decided; at 2 days record a reason and flag the supervisor'),
  ('repair',           480,  1620, 'Agreed → repaired: 8 h with parts in stock, 3 working days in any case'),
  ('notify',           540,  540,  'Repaired → customer notified: same working day'),
  ('onsite-contact',   10,   10,   'Dispatched on site → engineer phoned the customer'),
  ('onsite-arrival',   240,  240,  'Request → engineer on site, within the city'),
  ('outsourced-reply', 480,  480,  'Received → reply for outsourced machines'),
  ('enter',            540,  540,  'Picked up → entered: same day (日清日毕)'),
  ('review',           540,  540,  'Entered → reviewed by 12:00 the next working day');

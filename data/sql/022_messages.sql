-- 022_messages.sql — messages to customers by SMS and e-mail (issue 17;
-- seed 004: the engineer's name and phone before a visit, the data-backup
-- reminder, the arrival notice, the note left when the customer is absent;
-- seed 000: "the coordinator will tell you the same day", the quote by
-- e-mail). A step that should tell the customer writes its messages into
-- the outbox `messages` in the step's own transaction (the trigger on
-- order_events, data/sql/functions/messages.sql): a rolled-back step sends
-- nothing, a committed one cannot be forgotten. `weixiu-admin messages
-- send` (src/send/) claims the rows and sends them once.

-- ------------------------------------------------------------ the customer's wishes
ALTER TABLE customers
  ADD COLUMN no_sms   boolean NOT NULL DEFAULT false,
  ADD COLUMN no_email boolean NOT NULL DEFAULT false;

-- ------------------------------------------------------------ templates
-- One text per kind of message, channel and language. Placeholders in
-- braces, in Chinese or in English ({单号} or {number}: the list is in
-- wx_message_placeholders). SMS templates carry the provider's approved
-- template code and signature (签名): Chinese SMS providers send only
-- pre-approved templates, filled with the placeholders' values.
CREATE TABLE message_templates (
  kind          text NOT NULL CHECK (kind IN ('visit_booked', 'visit_reminder_evening', 'visit_reminder_hour',
                                              'running_late', 'arrival', 'absent_note', 'ready', 'quote',
                                              'thank_you', 'statement')),
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  lang          text NOT NULL CHECK (lang IN ('zh_CN', 'en')),
  subject       text NOT NULL DEFAULT '' CHECK (length(subject) <= 200 AND subject !~ '[\r\n]'),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  template_code text NOT NULL DEFAULT '' CHECK (template_code ~ '^[A-Za-z0-9_.-]{0,40}$'),
  sign_name     text NOT NULL DEFAULT '' CHECK (length(sign_name) <= 20),
  PRIMARY KEY (kind, channel, lang)
);

-- ------------------------------------------------------------ the outbox
-- One row per message to one recipient on one channel. state:
--   queued     waits for due_at (a reminder, a retry after backoff);
--   sending    claimed by a sender (claimed_at, claimed_by): it is being
--              sent now, or the sender stopped between sending and
--              recording the result — never sent again by itself;
--   sent       the server or provider accepted it (provider_id: the
--              e-mail's Message-ID or the SMS provider's BizId);
--   failed     given up after messages.max_attempts tries, or refused for
--              good (last_error says why);
--   unknown    the result is not known (connection lost after the request,
--              a sender that stopped while sending): waits for a human;
--   cancelled  no longer wanted (a reminder of a visit moved or done).
-- idempotency_key names one send: the e-mail's Message-ID and the SMS
-- request's OutId carry it, and the sender records the result only for
-- the key it claimed.
CREATE TABLE messages (
  id              bigserial PRIMARY KEY,
  order_id        bigint REFERENCES service_orders ON DELETE RESTRICT,
  event_id        bigint REFERENCES order_events ON DELETE RESTRICT,
  kind            text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('sms', 'email')),
  lang            text NOT NULL DEFAULT 'zh_CN' CHECK (lang IN ('zh_CN', 'en')),
  recipient       text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 254),
  recipient_name  text NOT NULL DEFAULT '' CHECK (length(recipient_name) <= 60),
  subject         text NOT NULL DEFAULT '',
  body            text NOT NULL,
  params          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
  template_code   text NOT NULL DEFAULT '',
  sign_name       text NOT NULL DEFAULT '',
  attachment      text CHECK (attachment IN ('quote')),
  state           text NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled')),
  due_at          timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  idempotency_key uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  claimed_at      timestamptz,
  claimed_by      text NOT NULL DEFAULT '',
  provider_id     text NOT NULL DEFAULT '',
  last_error      text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      name NOT NULL DEFAULT current_user,
  sent_at         timestamptz,
  resent_by       name,
  resent_at       timestamptz,
  CONSTRAINT messages_sending_claimed CHECK (state <> 'sending' OR claimed_at IS NOT NULL),
  CONSTRAINT messages_sent_at CHECK (state <> 'sent' OR sent_at IS NOT NULL)
);
CREATE INDEX messages_due_idx ON messages (due_at, id) WHERE state = 'queued';
CREATE INDEX messages_order_idx ON messages (order_id, id);
CREATE INDEX messages_open_idx ON messages (state) WHERE state IN ('sending', 'failed', 'unknown');

-- The SMTP password and the SMS provider's key secret: readable by the
-- owner (the sender runs as it) and nobody else — not in the settings,
-- which every login reads, never in argv or the logs.
CREATE TABLE message_secrets (
  key   text PRIMARY KEY CHECK (key IN ('smtp.password', 'sms.access_key_secret')),
  value text NOT NULL CHECK (length(value) <= 500)
);

-- ------------------------------------------------------------ settings
INSERT INTO settings (key, value, description) VALUES
  ('messages.language',               'zh_CN', 'Language of the messages to customers (zh_CN or en)'),
  ('messages.kind.visit_booked',      'on',  'Send the engineer''s name and phone and the backup reminder when a visit is booked'),
  ('messages.kind.visit_reminder_evening', 'on', 'Remind the customer of a visit the evening before'),
  ('messages.kind.visit_reminder_hour', 'on', 'Remind the customer of a visit an hour before'),
  ('messages.kind.running_late',      'on',  'Tell the customer the new time when the engineer runs late'),
  ('messages.kind.arrival',           'on',  'Tell the customer the engineer has arrived'),
  ('messages.kind.absent_note',       'on',  'Send the note left when the customer was absent'),
  ('messages.kind.ready',             'on',  'Tell the customer the machine is ready at notification'),
  ('messages.kind.quote',             'on',  'E-mail the quote with its PDF when the quote method is e-mail'),
  ('messages.kind.thank_you',         'off', 'Thank the customer after pickup, with the callback number'),
  ('messages.kind.statement',         'on',  'E-mail the monthly statement with its PDF'),
  ('messages.reminder_evening_at',    '18:00', 'Time of day of the reminder the evening before a visit'),
  ('messages.max_attempts',           '5',   'Tries before a message is given up'),
  ('messages.smtp.url',               'smtp://localhost:25', 'SMTP server: smtp://host:port (STARTTLS when offered) or smtps://host:465'),
  ('messages.smtp.starttls',          'try', 'STARTTLS on smtp://: required, try or off'),
  ('messages.smtp.user',              '',    'SMTP login (its password is set with weixiu-admin messages secret smtp.password)'),
  ('messages.smtp.from',              'service@example.com', 'Sender address of the e-mails'),
  ('messages.smtp.ca_file',           '',    'CA certificate file to verify the SMTP server with (empty: the system''s)'),
  ('messages.sms.provider',           'aliyun', 'SMS provider: aliyun (Alibaba Cloud SMS SendSms)'),
  ('messages.sms.endpoint',           'https://dysmsapi.aliyuncs.com/', 'SMS provider''s API address'),
  ('messages.sms.access_key_id',      '',    'SMS provider''s AccessKey ID (its secret: weixiu-admin messages secret sms.access_key_secret)'),
  ('messages.sms.region',             'cn-hangzhou', 'SMS provider''s region')
  ON CONFLICT (key) DO NOTHING;

-- ------------------------------------------------------------ the shop's templates
-- The Chinese texts are what goes out by default (messages.language); the
-- English ones are there for a shop that writes to its customers in
-- English. The SMS template codes are the shop's own (issued by the
-- provider once the text is approved); the examples say where they go.
INSERT INTO message_templates (kind, channel, lang, subject, body, template_code, sign_name) VALUES
  ('visit_booked', 'sms', 'zh_CN', '',
   '{联系人}您好，您报修的设备（单号{单号}）已预约{预约时间}上门，工程师{工程师}，电话{工程师电话}。请提前备份电脑中的重要数据。',
   'SMS_000000001', '维修中心'),
  ('visit_booked', 'email', 'zh_CN', '上门维修预约 {单号}',
   E'{联系人}您好：\n\n您报修的设备（单号{单号}）已预约{预约时间}上门维修。\n工程师：{工程师}\n电话：{工程师电话}\n\n请在工程师到达前备份电脑中的重要数据，以免数据丢失。\n\n{公司}\n{电话}',
   '', ''),
  ('visit_reminder_evening', 'sms', 'zh_CN', '',
   '提醒：明天{预约时间}工程师{工程师}（电话{工程师电话}）将上门维修（单号{单号}），请提前备份重要数据。',
   'SMS_000000002', '维修中心'),
  ('visit_reminder_hour', 'sms', 'zh_CN', '',
   '工程师{工程师}约一小时后（{预约时间}）到达，单号{单号}，电话{工程师电话}。',
   'SMS_000000003', '维修中心'),
  ('running_late', 'sms', 'zh_CN', '',
   '抱歉，工程师{工程师}将晚到，新的到达时间为{预约时间}（单号{单号}）。',
   'SMS_000000004', '维修中心'),
  ('arrival', 'sms', 'zh_CN', '',
   '工程师{工程师}已到达您处（单号{单号}），电话{工程师电话}。',
   'SMS_000000005', '维修中心'),
  ('absent_note', 'sms', 'zh_CN', '',
   '工程师{工程师}于{时间}上门，等候15分钟未遇到您。留言：{留言}。请致电{电话}重新预约（单号{单号}）。',
   'SMS_000000006', '维修中心'),
  ('ready', 'sms', 'zh_CN', '',
   '您的设备（单号{单号}）已修好，可以取机了，取机时请携带用户联。电话{电话}。',
   'SMS_000000007', '维修中心'),
  ('ready', 'email', 'zh_CN', '您的设备已可取机 {单号}',
   E'{联系人}您好：\n\n您的设备（单号{单号}）已可取机。取机时请携带用户联。\n\n{公司}\n{电话}',
   '', ''),
  ('quote', 'email', 'zh_CN', '维修报价单 {单号}',
   E'{联系人}您好：\n\n附件是您的设备（单号{单号}）的维修报价单，金额{金额}元。请确认后签字回传，或致电{电话}。\n\n{公司}',
   '', ''),
  ('thank_you', 'sms', 'zh_CN', '',
   '感谢您选择{公司}（单号{单号}）。如对维修有任何意见，请致电{电话}。',
   'SMS_000000008', '维修中心'),
  ('statement', 'email', 'zh_CN', '对账单 {单位}',
   E'{联系人}您好：\n\n附件是贵单位的月度对账单，合计{金额}元。如有疑问请致电{电话}。\n\n{公司}',
   '', ''),
  ('visit_booked', 'sms', 'en', '',
   'Dear {contact}, your visit for order {number} is booked for {time}. Engineer {engineer}, phone {engineer_phone}. Please back up your data first.',
   'SMS_000000001', 'Repair'),
  ('visit_booked', 'email', 'en', 'On-site visit booked, {number}',
   E'Dear {contact},\n\nYour visit for order {number} is booked for {time}.\nEngineer: {engineer}\nPhone: {engineer_phone}\n\nPlease back up the important data on your computer before the engineer arrives.\n\n{company}\n{phone}',
   '', ''),
  ('visit_reminder_evening', 'sms', 'en', '',
   'Reminder: engineer {engineer} ({engineer_phone}) visits you tomorrow at {time} (order {number}). Please back up your data.',
   'SMS_000000002', 'Repair'),
  ('visit_reminder_hour', 'sms', 'en', '',
   'Engineer {engineer} arrives in about an hour ({time}), order {number}, phone {engineer_phone}.',
   'SMS_000000003', 'Repair'),
  ('running_late', 'sms', 'en', '',
   'Sorry, engineer {engineer} is running late; the new time is {time} (order {number}).',
   'SMS_000000004', 'Repair'),
  ('arrival', 'sms', 'en', '',
   'Engineer {engineer} has arrived (order {number}), phone {engineer_phone}.',
   'SMS_000000005', 'Repair'),
  ('absent_note', 'sms', 'en', '',
   'Engineer {engineer} came at {at} and waited 15 minutes. Note: {note}. Please call {phone} to book again (order {number}).',
   'SMS_000000006', 'Repair'),
  ('ready', 'sms', 'en', '',
   'Your machine (order {number}) is ready. Please bring the customer copy when you collect it. Phone {phone}.',
   'SMS_000000007', 'Repair'),
  ('ready', 'email', 'en', 'Your machine is ready, {number}',
   E'Dear {contact},\n\nYour machine (order {number}) is ready. Please bring the customer copy when you collect it.\n\n{company}\n{phone}',
   '', ''),
  ('quote', 'email', 'en', 'Repair quote {number}',
   E'Dear {contact},\n\nAttached is the quote for your machine (order {number}): {amount} yuan. Please sign and return it, or call {phone}.\n\n{company}',
   '', ''),
  ('thank_you', 'sms', 'en', '',
   'Thank you for choosing {company} (order {number}). For any remark on the repair, please call {phone}.',
   'SMS_000000008', 'Repair'),
  ('statement', 'email', 'en', 'Statement, {unit}',
   E'Dear {contact},\n\nAttached is your monthly statement, {amount} yuan in all. Please call {phone} with any question.\n\n{company}',
   '', '');

-- ------------------------------------------------------------ grants
-- Staff read the outbox (the order panel, the Messages page) and the
-- templates; they write neither: wx_message_resend and
-- wx_message_template_set do (functions/messages.sql).
REVOKE ALL ON messages, message_templates, message_secrets FROM PUBLIC;
GRANT SELECT ON messages, message_templates TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- ------------------------------------------------------------ the step's messages
-- wx_messages_on_event: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_messages_on_event() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;

CREATE TRIGGER order_events_messages AFTER INSERT ON order_events
  FOR EACH ROW EXECUTE FUNCTION wx_messages_on_event();

REVOKE ALL ON FUNCTION wx_messages_on_event() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_messages_on_event() TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

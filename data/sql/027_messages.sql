-- 027_messages.sql — messages to customers, second part (issue 17): the
-- monthly statement's PDF travels with its message, and Tencent Cloud SMS
-- beside Alibaba Cloud SMS.

-- The statement is made by the money side (its PDF built once, for one
-- customer and month) and queued with wx_message_queue(…, 'statement', …,
-- p_attachment_pdf): the sender attaches the bytes kept here. A quote's PDF
-- is rendered from the order when sent, so it keeps none. At most 10 MB, as
-- an e-mail server takes it.
ALTER TABLE messages DROP CONSTRAINT messages_attachment_check;
ALTER TABLE messages
  ADD CONSTRAINT messages_attachment_check CHECK (attachment IN ('quote', 'statement')),
  ADD COLUMN attachment_pdf bytea
    CONSTRAINT messages_attachment_pdf_check CHECK (octet_length(attachment_pdf) <= 10 * 1024 * 1024),
  ADD CONSTRAINT messages_statement_pdf CHECK (attachment IS DISTINCT FROM 'statement' OR attachment_pdf IS NOT NULL);

-- wx_message_queue gained p_attachment_pdf (functions/messages.sql).
DROP FUNCTION IF EXISTS wx_message_queue(service_orders, bigint, text, jsonb, timestamptz, text);

-- Tencent Cloud SMS fills its templates' variables {1}, {2} … by
-- position: the values of the SMS template's placeholders in the order the
-- text names them, kept when queued beside `params` (Alibaba Cloud's, by
-- name). wx_messages_claim returns them (functions/messages.sql).
ALTER TABLE messages ADD COLUMN param_list jsonb NOT NULL DEFAULT '[]'
  CONSTRAINT messages_param_list_check CHECK (jsonb_typeof(param_list) = 'array');
DROP FUNCTION IF EXISTS wx_messages_claim(text);

-- Tencent Cloud SMS (SendSms, API 2021-01-11, TC3-HMAC-SHA256): the
-- SecretId is messages.sms.access_key_id, the SecretKey the secret
-- sms.access_key_secret, as for Alibaba Cloud; the SDK application's id is
-- its own setting.
UPDATE settings SET description = 'SMS provider: aliyun (Alibaba Cloud SMS SendSms) or tencent (Tencent Cloud SMS SendSms)'
 WHERE key = 'messages.sms.provider';
UPDATE settings SET description = 'SMS provider''s API address (https://dysmsapi.aliyuncs.com/ or https://sms.tencentcloudapi.com/)'
 WHERE key = 'messages.sms.endpoint';
UPDATE settings SET description = 'SMS provider''s region (cn-hangzhou for Alibaba Cloud, ap-guangzhou for Tencent Cloud)'
 WHERE key = 'messages.sms.region';
INSERT INTO settings (key, value, description) VALUES
  ('messages.sms.sdk_app_id', '', 'Tencent Cloud SMS: the SmsSdkAppId of the shop''s SMS application')
  ON CONFLICT (key) DO NOTHING;

-- The statement's subject names its month ({月份}, {period}: a new placeholder).
UPDATE message_templates SET subject = '对账单 {单位} {月份}' WHERE kind = 'statement' AND lang = 'zh_CN' AND subject = '对账单 {单位}';
UPDATE message_templates SET subject = 'Statement {period}, {unit}' WHERE kind = 'statement' AND lang = 'en' AND subject = 'Statement, {unit}';

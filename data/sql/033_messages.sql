-- 033_messages.sql — messages to customers (issue 17), third part: a
-- generic HTTP/JSON gateway for SMS (messages.sms.provider = webhook), for
-- the gateways that are neither Alibaba Cloud nor Tencent Cloud. The
-- sender POSTs {phone, text, sign, template_code, params, idempotency_key}
-- to messages.sms.endpoint with the secret sms.access_key_secret, when
-- set, as a bearer token (src/cli/wx-messages-send.c).
UPDATE settings SET description = 'SMS provider: aliyun (Alibaba Cloud SMS SendSms), tencent (Tencent Cloud SMS SendSms)'
                                  ' or webhook (any gateway taking a JSON POST)'
 WHERE key = 'messages.sms.provider';
UPDATE settings SET description = 'SMS provider''s API address (https://dysmsapi.aliyuncs.com/, '
                                  'https://sms.tencentcloudapi.com/ or the webhook''s URL)'
 WHERE key = 'messages.sms.endpoint';

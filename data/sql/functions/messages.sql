-- functions/messages.sql — messages to customers (issue 17, 022_messages.sql):
-- what a step puts in the outbox, in the step's own transaction; how a
-- sender claims a message and records what became of it; resending and
-- settling by hand; the templates and the secrets.
-- Re-created by every migrate after the numbered migrations (HACKING.md).

-- ------------------------------------------------------------ templates
-- The placeholders a template may use, in Chinese and in English, and the
-- key of the value (messages.params, the SMS provider's template variables).
CREATE OR REPLACE FUNCTION wx_message_placeholders() RETURNS TABLE (zh text, en text)
  LANGUAGE sql IMMUTABLE AS $$
  VALUES ('单号', 'number'), ('联系人', 'contact'), ('单位', 'unit'), ('工程师', 'engineer'),
         ('工程师电话', 'engineer_phone'), ('预约时间', 'time'), ('时间', 'at'), ('金额', 'amount'),
         ('留言', 'note'), ('公司', 'company'), ('电话', 'phone'), ('月份', 'period')
$$;

-- The first placeholder of `p_text` that is not one of the list, or NULL.
CREATE OR REPLACE FUNCTION wx_message_unknown_placeholder(p_text text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT m[1] FROM regexp_matches(coalesce(p_text, ''), '\{([^{}]*)\}', 'g') AS m
   WHERE m[1] NOT IN (SELECT zh FROM wx_message_placeholders() UNION ALL SELECT en FROM wx_message_placeholders())
   LIMIT 1
$$;

-- `p_text` with its placeholders ({单号} or {number}) filled from `p_params`:
-- one expression of nested replace() made here from the list above (a
-- loop over the list cost a step most of its time), so the list stays the
-- one place that names them.
DO $do$
DECLARE
  e text := 'p_text';
  r record;
BEGIN
  FOR r IN SELECT zh, en FROM wx_message_placeholders() LOOP
    e := format('replace(replace(%s, %L, coalesce(p_params ->> %L, %L)), %L, coalesce(p_params ->> %L, %L))',
                e, '{' || r.zh || '}', r.en, '', '{' || r.en || '}', r.en, '');
  END LOOP;
  EXECUTE format('CREATE OR REPLACE FUNCTION wx_message_render(p_text text, p_params jsonb) RETURNS text'
                 ' LANGUAGE sql IMMUTABLE AS %L', 'SELECT ' || e);
END
$do$;

-- SMS segments of `p_text`: 70 characters in one message, 67 a segment
-- beyond (the provider's count for Chinese text, signature included).
CREATE OR REPLACE FUNCTION wx_message_sms_segments(p_text text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN length(p_text) <= 70 THEN 1 ELSE (length(p_text) + 66) / 67 END
$$;

-- A mainland mobile number as the SMS provider takes it (1xxxxxxxxxx), or
-- NULL for anything else (a landline, an extension).
CREATE OR REPLACE FUNCTION wx_message_mobile(p_phone text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT substring(d FROM '^(?:0086|86)?(1[3-9][0-9]{9})$')
    FROM (SELECT regexp_replace(coalesce(p_phone, ''), '[ ()+-]', '', 'g') AS d) x
$$;

-- Writes one template (supervisor, admin): every placeholder known, an SMS
-- of at most 5 segments with the provider's template code.
CREATE OR REPLACE FUNCTION wx_message_template_set(p_kind text, p_channel text, p_lang text, p_subject text,
                                                   p_body text, p_template_code text DEFAULT '',
                                                   p_sign_name text DEFAULT '')
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_bad text := coalesce(wx_message_unknown_placeholder(p_subject), wx_message_unknown_placeholder(p_body));
BEGIN
  IF NOT (pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_admin', 'MEMBER')) THEN
    RAISE EXCEPTION 'only a supervisor or an administrator writes the message templates' USING ERRCODE = '42501';
  END IF;
  IF v_bad IS NOT NULL THEN
    PERFORM wx_refuse('message_placeholder', v_bad);
  END IF;
  IF coalesce(btrim(p_body), '') = '' THEN
    PERFORM wx_refuse('message_body_empty');
  END IF;
  IF p_channel = 'sms' AND wx_message_sms_segments(p_sign_name || p_body) > 5 THEN
    PERFORM wx_refuse('message_sms_long', wx_message_sms_segments(p_sign_name || p_body)::text);
  END IF;
  IF p_channel = 'sms' AND coalesce(p_template_code, '') = '' THEN
    PERFORM wx_refuse('message_template_code');
  END IF;
  BEGIN
    INSERT INTO message_templates (kind, channel, lang, subject, body, template_code, sign_name)
      VALUES (p_kind, p_channel, p_lang, btrim(coalesce(p_subject, '')), btrim(p_body),
              btrim(coalesce(p_template_code, '')), btrim(coalesce(p_sign_name, '')))
    ON CONFLICT (kind, channel, lang) DO UPDATE
      SET subject = EXCLUDED.subject, body = EXCLUDED.body,
          template_code = EXCLUDED.template_code, sign_name = EXCLUDED.sign_name;
  EXCEPTION WHEN check_violation OR not_null_violation THEN
    -- The table's checks name the field: kind, channel, lang, subject …
    GET STACKED DIAGNOSTICS v_bad = CONSTRAINT_NAME;
    PERFORM wx_refuse('message_template_field',
                      coalesce(substring(v_bad FROM '^message_templates_(.*)_check$'), 'kind'));
  END;
END
$$;

-- What a template being edited gives (the Settings page's live preview,
-- supervisor and admin): the subject and text filled from a real order —
-- the latest with a booked visit, else the latest — its number, the first
-- unknown placeholder (NULL: none), the placeholders known, and for an SMS the characters the
-- provider counts (signature and text) and the segments they make.
CREATE OR REPLACE FUNCTION wx_message_preview(p_channel text, p_subject text, p_body text, p_sign_name text)
  RETURNS TABLE (order_number text, subject text, body text, unknown text, chars integer, segments integer,
                 placeholders text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v_params jsonb := '{}';
BEGIN
  IF NOT (pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_admin', 'MEMBER')) THEN
    RAISE EXCEPTION 'only a supervisor or an administrator edits the message templates' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO o FROM service_orders x ORDER BY x.appointment_at IS NOT NULL DESC, x.id DESC LIMIT 1;
  IF FOUND THEN
    v_params := wx_message_params(o);
  END IF;
  order_number := o.number;
  subject := wx_message_render(coalesce(p_subject, ''), v_params);
  body := wx_message_render(coalesce(p_body, ''), v_params);
  unknown := coalesce(wx_message_unknown_placeholder(p_subject), wx_message_unknown_placeholder(p_body));
  SELECT string_agg('{' || p.zh || '} {' || p.en || '}', '  ') INTO placeholders FROM wx_message_placeholders() p;
  IF p_channel = 'sms' THEN
    chars := length(coalesce(p_sign_name, '') || body);
    segments := wx_message_sms_segments(coalesce(p_sign_name, '') || body);
  END IF;
  RETURN NEXT;
END
$$;

-- ------------------------------------------------------------ queueing
-- The values of the placeholders for order `o`.
CREATE OR REPLACE FUNCTION wx_message_params(o service_orders) RETURNS jsonb
  LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
-- plpgsql, one read of the settings: its plans are kept for the session,
-- where an SQL function with a subquery (wx_setting) is planned again at
-- every call from a step.
DECLARE
  v_tz text;
  v_company text;
  v_phone text;
  v_name text;
  v_mobile text;
BEGIN
  SELECT coalesce(max(value) FILTER (WHERE key = 'timezone'), 'Asia/Shanghai'),
         coalesce(max(value) FILTER (WHERE key = 'company.name'), ''),
         coalesce(max(value) FILTER (WHERE key = 'company.phone'), '')
    INTO v_tz, v_company, v_phone
    FROM settings WHERE key IN ('timezone', 'company.name', 'company.phone');
  SELECT s.full_name, s.phone INTO v_name, v_mobile FROM staff s WHERE s.role_name = o.engineer;
  RETURN jsonb_build_object(
    'number', o.number, 'contact', o.contact_person, 'unit', o.unit_name,
    'engineer', coalesce(v_name, o.engineer::text, ''), 'engineer_phone', coalesce(v_mobile, ''),
    'time', coalesce(to_char(o.appointment_at AT TIME ZONE v_tz, 'YYYY-MM-DD HH24:MI'), ''),
    'amount', coalesce(to_char(o.quote_total / 100.0, 'FM999,999,990.00'), ''),
    'company', v_company, 'phone', v_phone);
END
$$;

-- The values of the placeholders of `p_text` in the order it names them
-- (a provider that fills its template's variables by position: Tencent
-- Cloud SMS's {1}, {2} …).
CREATE OR REPLACE FUNCTION wx_message_param_list(p_text text, p_params jsonb) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  -- plpgsql so that the plan is kept (as SQL it was planned at every call).
  RETURN (SELECT coalesce(jsonb_agg(coalesce(p_params ->> p.en, '') ORDER BY m.ord), '[]')
            FROM regexp_matches(coalesce(p_text, ''), '\{([^{}]*)\}', 'g') WITH ORDINALITY AS m(x, ord)
            JOIN wx_message_placeholders() p ON m.x[1] IN (p.zh, p.en));
END
$$;

-- Puts the messages of kind `p_kind` about order `o` in the outbox: one
-- per channel the kind has a template for in the shop's language, unless
-- the kind is turned off (messages.kind.KIND), the customer asked for no
-- SMS / no e-mail, or the order has no address on that channel. A mobile
-- field that holds no mobile number gets a failed row saying so (the
-- customer is to be called instead). Returns the rows written.
-- `p_attachment`: 'quote' (the order's quote PDF, rendered when sent) or
-- 'statement' with its PDF in `p_attachment_pdf`, e-mail only. The money
-- side queues the monthly statement so, with the customer's latest order
-- of the month as `o`, NULL as the event and `p_extra` {"amount": "1,234.00",
-- "period": "2026-11"}: SELECT wx_message_queue(o, NULL, 'statement',
-- jsonb_build_object(…), now(), 'statement', pdf).
CREATE OR REPLACE FUNCTION wx_message_queue(o service_orders, p_event bigint, p_kind text, p_extra jsonb DEFAULT '{}',
                                            p_due timestamptz DEFAULT now(), p_attachment text DEFAULT NULL,
                                            p_attachment_pdf bytea DEFAULT NULL)
  RETURNS integer LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  t message_templates;
  c customers;
  v_params jsonb;
  v_to text;
  v_n integer := 0;
  v_on text;
  v_lang text;
BEGIN
  -- One read of the settings (wx_setting, an SQL function with a
  -- subquery, is planned again at every call from plpgsql).
  SELECT coalesce(max(value) FILTER (WHERE key = 'messages.kind.' || p_kind), 'on'),
         coalesce(max(value) FILTER (WHERE key = 'messages.language'), 'zh_CN')
    INTO v_on, v_lang
    FROM settings WHERE key IN ('messages.kind.' || p_kind, 'messages.language');
  IF v_on = 'off' THEN
    RETURN 0;
  END IF;
  v_params := wx_message_params(o) || coalesce(p_extra, '{}');
  SELECT * INTO c FROM customers WHERE id = o.customer_id;
  FOR t IN SELECT * FROM message_templates m
            WHERE m.kind = p_kind AND m.lang = v_lang ORDER BY m.channel DESC
  LOOP
    IF t.channel = 'sms' THEN
      CONTINUE WHEN coalesce(c.no_sms, false) OR o.contact_mobile IS NULL;
      v_to := wx_message_mobile(o.contact_mobile);
    ELSE
      CONTINUE WHEN coalesce(c.no_email, false) OR o.contact_email IS NULL;
      v_to := o.contact_email;
    END IF;
    IF p_attachment IS NOT NULL AND t.channel = 'email' AND octet_length(p_attachment_pdf) > 10 * 1024 * 1024 THEN
      PERFORM wx_refuse('message_attachment_large', (octet_length(p_attachment_pdf) / 1024 / 1024)::text);
    END IF;
    INSERT INTO messages (order_id, event_id, kind, channel, lang, recipient, recipient_name, subject, body, params,
                          param_list, template_code, sign_name, attachment, attachment_pdf, due_at, state, last_error)
      VALUES (o.id, p_event, p_kind, t.channel, t.lang, coalesce(v_to, o.contact_mobile), left(o.contact_person, 60),
              wx_message_render(t.subject, v_params), wx_message_render(t.body, v_params), v_params,
              wx_message_param_list(t.body, v_params),
              t.template_code, t.sign_name, CASE WHEN t.channel = 'email' THEN p_attachment END,
              CASE WHEN t.channel = 'email' AND p_attachment = 'statement' THEN p_attachment_pdf END, p_due,
              CASE WHEN v_to IS NULL THEN 'failed' ELSE 'queued' END,
              CASE WHEN v_to IS NULL THEN 'not_mobile' ELSE '' END);
    v_n := v_n + 1;
  END LOOP;
  RETURN v_n;
END
$$;

-- The reminders of order `o`'s booked visit: the evening before (at
-- messages.reminder_evening_at, shop time) and an hour before, those
-- still ahead.
CREATE OR REPLACE FUNCTION wx_message_queue_reminders(o service_orders, p_event bigint)
  RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_tz text := wx_setting('timezone', 'Asia/Shanghai');
  v_evening timestamptz;
BEGIN
  IF o.appointment_at IS NULL THEN
    RETURN;
  END IF;
  v_evening := (((o.appointment_at AT TIME ZONE v_tz)::date - 1)
                + wx_setting('messages.reminder_evening_at', '18:00')::time) AT TIME ZONE v_tz;
  IF v_evening > now() THEN
    PERFORM wx_message_queue(o, p_event, 'visit_reminder_evening', '{}', v_evening);
  END IF;
  IF o.appointment_at - interval '1 hour' > now() THEN
    PERFORM wx_message_queue(o, p_event, 'visit_reminder_hour', '{}', o.appointment_at - interval '1 hour');
  END IF;
END
$$;

-- After every event: the messages its step sends. Only an event that
-- happens now (a step), not one loaded with its own past time (demo data,
-- imports). Runs in the step's transaction: a rolled-back step sends
-- nothing.
CREATE OR REPLACE FUNCTION wx_messages_on_event() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v visits;
BEGIN
  IF NEW.at <> now() THEN
    RETURN NEW;
  END IF;
  SELECT * INTO o FROM service_orders WHERE id = NEW.order_id;
  -- Reminders of a visit that moved, began or no longer stands.
  IF NEW.event IN ('running_late', 'arrive') OR NEW.to_state IS DISTINCT FROM 'appointment_booked' THEN
    UPDATE messages SET state = 'cancelled', last_error = NEW.event
     WHERE order_id = o.id AND state = 'queued' AND kind IN ('visit_reminder_evening', 'visit_reminder_hour');
  END IF;
  CASE NEW.event
    WHEN 'book_visit' THEN
      PERFORM wx_message_queue(o, NEW.id, 'visit_booked');
      PERFORM wx_message_queue_reminders(o, NEW.id);
    WHEN 'running_late' THEN
      PERFORM wx_message_queue(o, NEW.id, 'running_late');
      PERFORM wx_message_queue_reminders(o, NEW.id);
    WHEN 'arrive' THEN
      PERFORM wx_message_queue(o, NEW.id, 'arrival');
    WHEN 'leave_unfixed' THEN
      SELECT * INTO v FROM visits x WHERE x.order_id = o.id ORDER BY x.id DESC LIMIT 1;
      IF v.outcome = 'customer_absent' THEN
        PERFORM wx_message_queue(o, NEW.id, 'absent_note', jsonb_build_object(
          'note', v.notes,
          'at', coalesce(to_char(v.arrived_at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'), 'HH24:MI'), '')));
      END IF;
    WHEN 'notify' THEN
      PERFORM wx_message_queue(o, NEW.id, 'ready');
    WHEN 'quote' THEN
      IF o.quote_method = 'email' THEN
        PERFORM wx_message_queue(o, NEW.id, 'quote', '{}', now(), 'quote');
      END IF;
    WHEN 'pickup', 'deliver', 'accept' THEN
      PERFORM wx_message_queue(o, NEW.id, 'thank_you');
    ELSE
      NULL;
  END CASE;
  RETURN NEW;
END
$$;

-- ------------------------------------------------------------ the sender
-- Claims the next message due for sender `p_sender`: it becomes "sending"
-- (one more attempt) and is committed so before anything goes out, so no
-- other sender takes it. A message some sender claimed long ago and never
-- settled (it stopped between sending and recording) becomes "unknown":
-- it is never sent again by itself. Owner and admin only.
CREATE OR REPLACE FUNCTION wx_messages_claim(p_sender text)
  RETURNS TABLE (id bigint, idempotency_key uuid, channel text, recipient text, recipient_name text,
                 subject text, body text, params jsonb, param_list jsonb, template_code text, sign_name text,
                 attachment text, order_number text, attempts integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE messages m SET state = 'unknown', last_error = 'sender_stopped'
   WHERE m.state = 'sending' AND m.claimed_at < now() - interval '15 minutes';
  RETURN QUERY
    WITH c AS (SELECT q.id FROM messages q WHERE q.state = 'queued' AND q.due_at <= now()
                ORDER BY q.due_at, q.id LIMIT 1 FOR UPDATE SKIP LOCKED),
         u AS (UPDATE messages m SET state = 'sending', attempts = m.attempts + 1, claimed_at = clock_timestamp(),
                      claimed_by = left(coalesce(p_sender, ''), 100)
                 FROM c WHERE m.id = c.id
               RETURNING m.*)
    SELECT u.id, u.idempotency_key, u.channel, u.recipient, u.recipient_name, u.subject, u.body, u.params,
           u.param_list, u.template_code, u.sign_name, u.attachment, o.number, u.attempts
      FROM u LEFT JOIN service_orders o ON o.id = u.order_id;
END
$$;

-- Records what became of a claimed message (key `p_key`, still
-- "sending"): sent (with the provider's id), retry (a failure before
-- anything went out: queued again after 1 min, 5 min, 30 min, 2 h, given
-- up after messages.max_attempts), failed (refused for good) or unknown.
-- False when the message is not that claim any more.
CREATE OR REPLACE FUNCTION wx_message_result(p_id bigint, p_key uuid, p_outcome text, p_provider_id text,
                                             p_error text)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m messages;
BEGIN
  SELECT * INTO m FROM messages x WHERE x.id = p_id AND x.idempotency_key = p_key AND x.state = 'sending' FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF p_outcome = 'retry' AND m.attempts >= wx_setting('messages.max_attempts', '5')::integer THEN
    p_outcome := 'failed';
  END IF;
  UPDATE messages x SET
    state = CASE p_outcome WHEN 'sent' THEN 'sent' WHEN 'retry' THEN 'queued'
                           WHEN 'unknown' THEN 'unknown' ELSE 'failed' END,
    sent_at = CASE WHEN p_outcome = 'sent' THEN now() END,
    provider_id = left(coalesce(p_provider_id, ''), 200),
    last_error = left(coalesce(p_error, ''), 500),
    due_at = CASE WHEN p_outcome = 'retry' THEN now() + CASE m.attempts WHEN 1 THEN interval '1 minute'
                  WHEN 2 THEN interval '5 minutes' WHEN 3 THEN interval '30 minutes' ELSE interval '2 hours' END
                  ELSE x.due_at END
   WHERE x.id = p_id;
  RETURN true;
END
$$;

-- ------------------------------------------------------------ by hand
-- Sends a failed, unknown or sent message again (the front desk, the
-- supervisor), after the address or the settings were fixed or the
-- customer says nothing arrived: a new send with a key of its own.
CREATE OR REPLACE FUNCTION wx_message_resend(p_id bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_state text;
BEGIN
  IF NOT (pg_has_role(wx_caller(), 'wx_coordinator', 'MEMBER') OR pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER')) THEN
    RAISE EXCEPTION 'only the front desk or a supervisor resends a message' USING ERRCODE = '42501';
  END IF;
  SELECT state INTO v_state FROM messages WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM wx_refuse('message_unknown', p_id::text);
  END IF;
  IF v_state NOT IN ('failed', 'unknown', 'sent') THEN
    PERFORM wx_refuse('message_not_resendable', v_state);
  END IF;
  UPDATE messages SET state = 'queued', attempts = 0, due_at = now(), idempotency_key = gen_random_uuid(),
         claimed_at = NULL, claimed_by = '', last_error = '', resent_by = wx_caller(), resent_at = now()
   WHERE id = p_id;
END
$$;

-- Settles a message whose result is unknown, once a human has asked the
-- customer or the provider's console: sent or failed (supervisor).
CREATE OR REPLACE FUNCTION wx_message_settle(p_id bigint, p_sent boolean) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(wx_caller(), 'wx_supervisor', 'MEMBER') THEN
    RAISE EXCEPTION 'only a supervisor settles a message' USING ERRCODE = '42501';
  END IF;
  UPDATE messages SET state = CASE WHEN p_sent THEN 'sent' ELSE 'failed' END,
         sent_at = CASE WHEN p_sent THEN coalesce(claimed_at, now()) END,
         last_error = CASE WHEN p_sent THEN '' ELSE 'settled_by_hand' END
   WHERE id = p_id AND state = 'unknown';
  IF NOT FOUND THEN
    PERFORM wx_refuse('message_not_unknown', p_id::text);
  END IF;
END
$$;

-- Sets a secret of the senders (admin): written, never read back by the staff.
CREATE OR REPLACE FUNCTION wx_message_secret_set(p_key text, p_value text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(wx_caller(), 'wx_admin', 'MEMBER') AND NOT wx_is_owner_of('messages'::regclass) THEN
    RAISE EXCEPTION 'only an administrator sets the senders'' secrets' USING ERRCODE = '42501';
  END IF;
  IF p_key NOT IN ('smtp.password', 'sms.access_key_secret') THEN
    PERFORM wx_refuse('message_secret_key', p_key);
  END IF;
  INSERT INTO message_secrets (key, value) VALUES (p_key, coalesce(p_value, ''))
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END
$$;

-- ------------------------------------------------------------ grants
REVOKE ALL ON FUNCTION wx_message_preview(text, text, text, text), wx_message_param_list(text, jsonb),
  wx_message_placeholders(), wx_message_unknown_placeholder(text), wx_message_render(text, jsonb),
  wx_message_sms_segments(text), wx_message_mobile(text),
  wx_message_template_set(text, text, text, text, text, text, text), wx_message_params(service_orders),
  wx_message_queue(service_orders, bigint, text, jsonb, timestamptz, text, bytea),
  wx_message_queue_reminders(service_orders, bigint), wx_messages_on_event(), wx_messages_claim(text),
  wx_message_result(bigint, uuid, text, text, text), wx_message_resend(bigint), wx_message_settle(bigint, boolean),
  wx_message_secret_set(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_message_placeholders(), wx_message_unknown_placeholder(text),
  wx_message_render(text, jsonb), wx_message_sms_segments(text), wx_message_mobile(text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_messages_on_event() TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_message_template_set(text, text, text, text, text, text, text),
  wx_message_preview(text, text, text, text) TO wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_message_resend(bigint) TO wx_coordinator, wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_message_settle(bigint, boolean) TO wx_supervisor;
GRANT EXECUTE ON FUNCTION wx_message_secret_set(text, text), wx_messages_claim(text),
  wx_message_result(bigint, uuid, text, text, text) TO wx_admin;

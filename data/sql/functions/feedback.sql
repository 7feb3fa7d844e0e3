-- functions/feedback.sql — callbacks (回访), complaints (投诉) and the
-- escalation inbox (data/sql/013_callbacks.sql, 017_feedback.sql). The app
-- roles write none of these tables: every change is one of the functions
-- below (SECURITY DEFINER), which checks the caller's group (wx_caller(),
-- the staff login), refuses bad input with SQLSTATE WX400 and the rule's
-- name (wx_refuse; the client shows that rule's sentence, the same as
-- core's: src/core/wx-callback.c) and writes who with the staff login.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- ------------------------------------------------------------ helpers

-- Refuses the staff login unless it is in one of `groups` (SQLSTATE 42501,
-- the sentence of rule `rule`).
CREATE OR REPLACE FUNCTION wx_feedback_require(groups text[], rule text) RETURNS void
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM unnest(groups) g WHERE pg_has_role(wx_caller(), g, 'MEMBER')) THEN
    RAISE EXCEPTION '% is not in %', wx_caller(), array_to_string(groups, ', ')
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = rule;
  END IF;
END
$$;

-- Empty or only white space (Unicode spaces too, as core's check).
CREATE OR REPLACE FUNCTION wx_feedback_blank(p text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT p IS NULL OR btrim(p, E' \t\n\x0b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000') = ''
$$;

-- Without the ASCII white space around it (as the client's g_strstrip).
CREATE OR REPLACE FUNCTION wx_feedback_trim(p text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT btrim(coalesce(p, ''), E' \t\n\x0b\f\r')
$$;

-- A login's full name, or the login.
CREATE OR REPLACE FUNCTION wx_feedback_name(login name) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT full_name FROM staff WHERE role_name = login), login::text)
$$;

-- ------------------------------------------------------------ complaint steps

-- The five steps one after the other, none after closing (also for the
-- owner's own writes: demo data, imports).
CREATE OR REPLACE FUNCTION wx_complaint_step_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM complaints c WHERE c.id = NEW.complaint_id AND c.closed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'complaint % is closed', NEW.complaint_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'complaint_steps_open';
  END IF;
  IF NEW.step BETWEEN 2 AND 5 AND NOT EXISTS (SELECT 1 FROM complaint_steps s
                                   WHERE s.complaint_id = NEW.complaint_id AND s.step = NEW.step - 1) THEN
    RAISE EXCEPTION 'step % of complaint % before step %', NEW.step, NEW.complaint_id, NEW.step - 1
      USING ERRCODE = 'check_violation', CONSTRAINT = 'complaint_steps_in_order';
  END IF;
  RETURN NEW;
END
$$;

-- ------------------------------------------------------------ the callback lists

-- The first working day from local date `d` on (`step` 1) or back (`step`
-- -1), `d` itself when it is one (functions/calendar.sql's wx_day_hours);
-- NULL when there is none within 400 days.
CREATE OR REPLACE FUNCTION wx_callback_working_day(d date, step integer) RETURNS date
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  FOR i IN 0..400 LOOP
    IF (SELECT h.opens IS NOT NULL FROM wx_day_hours(d + i * step) h) THEN
      RETURN d + i * step;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

-- When a callback of `kind` about what happened at `at` is due, on the
-- business calendar (functions/calendar.sql):
--   weekly             the Friday list: the first Friday on or after the
--                      handover's day, at its closing time. When that Friday
--                      is not a working day (国庆, 中秋 …) the list is called
--                      on the last working day before it, not before the
--                      handover's day, so that it is reported at Monday's
--                      meeting as usual; when there is none (handed over
--                      during the holiday), on the first working day after it;
--   onsite_24h         the same time on the next working day after the
--                      completion's day, inside that day's hours;
--   hotline_next_day   the opening of the next working day after the call's day;
--   phone_guidance_2h  two business hours after the call (a call after
--                      closing: two hours after the next opening).
-- A shop that never opens: a day after `at`.
CREATE OR REPLACE FUNCTION wx_callback_due(kind text, at timestamptz) RETURNS timestamptz
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  tz     text := wx_setting('timezone', 'Asia/Shanghai');
  here   timestamp := at AT TIME ZONE tz;
  d      date := here::date;
  friday date;
  day    date;
  h      record;
  due    timestamptz;
BEGIN
  CASE kind
    WHEN 'weekly' THEN
      friday := d + (12 - extract(isodow FROM d)::integer) % 7;
      day := wx_callback_working_day(friday, -1);
      IF day IS NULL OR day < d THEN
        day := wx_callback_working_day(friday + 1, 1);
      END IF;
      SELECT * INTO h FROM wx_day_hours(day);
      due := (day + h.closes) AT TIME ZONE tz;
    WHEN 'onsite_24h' THEN
      day := wx_callback_working_day(d + 1, 1);
      SELECT * INTO h FROM wx_day_hours(day);
      due := (day + least(greatest(here::time, h.opens), h.closes)) AT TIME ZONE tz;
    WHEN 'hotline_next_day' THEN
      due := wx_next_working_day_opens(at);
    WHEN 'phone_guidance_2h' THEN
      due := wx_business_due(at, 120);
    ELSE
      RAISE EXCEPTION 'no callback list %', kind USING ERRCODE = 'invalid_parameter_value';
  END CASE;
  RETURN CASE WHEN isfinite(due) THEN due ELSE at + interval '1 day' END;
END
$$;

-- Adds the callbacks due from the orders and calls as of `p_now`,
-- idempotently (one per order and list, or per call and list); only what
-- happened in the 14 days up to `p_now` (013_callbacks.sql says which
-- orders and calls each list holds). Owner only: demo data and tests aim it
-- at another day; the staff run wx_callbacks_generate() on the server's clock.
CREATE OR REPLACE FUNCTION wx_callbacks_generate_at(p_now timestamptz)
  RETURNS integer LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  tz    text := wx_setting('timezone', 'Asia/Shanghai');
  since timestamptz := p_now - interval '14 days';
  n     integer;
  total integer := 0;
BEGIN
  -- Only what is not on a list yet gets its due time computed; a weekly
  -- callback's depends on the handover's local day alone (wx_callback_due),
  -- so it is computed once a day rather than once an order.
  WITH t AS (SELECT o.id, o.picked_up_at, (o.picked_up_at AT TIME ZONE tz)::date AS day
               FROM service_orders o
              WHERE o.picked_up_at > since AND o.picked_up_at <= p_now
                AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.order_id = o.id AND b.kind = 'weekly')),
       d AS MATERIALIZED (SELECT x.day, wx_callback_due('weekly', (x.day + time '12:00') AT TIME ZONE tz) AS due
               FROM (SELECT DISTINCT t.day FROM t) x)
  INSERT INTO callbacks (order_id, kind, due_at)
  SELECT t.id, 'weekly', d.due
    FROM t JOIN d ON d.day = t.day
   ORDER BY t.picked_up_at, t.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (order_id, kind, due_at)
  SELECT done.id, 'onsite_24h', wx_callback_due('onsite_24h', done.at)
    FROM (SELECT o.id, coalesce(f.at, o.picked_up_at) AS at
            FROM service_orders o
            LEFT JOIN (SELECT e.order_id, min(e.at) AS at FROM order_events e
                        WHERE e.to_state = 'fixed_on_site' GROUP BY e.order_id) f ON f.order_id = o.id
           WHERE o.kind = 'on_site'
             AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.order_id = o.id AND b.kind = 'onsite_24h')) done
   WHERE done.at > since AND done.at <= p_now
   ORDER BY done.at, done.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (call_id, kind, due_at)
  SELECT c.id, 'hotline_next_day', wx_callback_due('hotline_next_day', c.at)
    FROM calls c
   WHERE c.direction = 'inbound' AND c.purpose IN ('request', 'enquiry') AND c.order_id IS NULL
     AND c.promised_reply_at IS NOT NULL AND c.at > since AND c.at <= p_now
     AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.call_id = c.id AND b.kind = 'hotline_next_day')
   ORDER BY c.at, c.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;

  INSERT INTO callbacks (call_id, kind, due_at)
  SELECT c.id, 'phone_guidance_2h', wx_callback_due('phone_guidance_2h', c.at)
    FROM calls c
   WHERE c.direction = 'inbound' AND c.purpose = 'request' AND c.order_id IS NULL AND c.reached
     AND c.promised_reply_at IS NULL AND btrim(c.result) <> '' AND c.at > since AND c.at <= p_now
     AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.call_id = c.id AND b.kind = 'phone_guidance_2h')
   ORDER BY c.at, c.id
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN total + n;
END
$$;

-- The sweep of the staff (the supervisor's window, weixiu-admin jobs): the
-- lists as of the server's clock, which nobody can aim elsewhere.
CREATE OR REPLACE FUNCTION wx_callbacks_generate()
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'callback_role');
  RETURN wx_callbacks_generate_at(now());
END
$$;

-- ------------------------------------------------------------ recording a callback

-- One callback's answer, in one transaction, with the checks of
-- wx_callback_answer_check (core) in the same order and with the same
-- sentences. Not reached: the try is counted, the callback stays on its
-- list, due again at `p_call_again_at`. Reached: done, with the answers; a
-- machine not working opens its follow-up with it — `complaint`: a complaint
-- of the customer about the order (`p_complaint_description`, else the
-- note, else the comments), whose id is returned; `return_repair`: the
-- return repair order the caller opened just before in the same
-- transaction (`p_return_order`: a return repair of this callback's order)
-- is linked. Who is the staff login, when the server's.
CREATE OR REPLACE FUNCTION wx_callback_record(
    p_callback              bigint,
    p_reached               boolean,
    p_call_again_at         timestamptz DEFAULT NULL,
    p_machine_working       boolean DEFAULT NULL,
    p_weak_response         boolean DEFAULT false,
    p_weak_repair_time      boolean DEFAULT false,
    p_weak_attitude         boolean DEFAULT false,
    p_weak_quote_speed      boolean DEFAULT false,
    p_engineer_explained    boolean DEFAULT NULL,
    p_satisfaction          integer DEFAULT NULL,
    p_comments              text DEFAULT '',
    p_follow_up             text DEFAULT 'none',
    p_follow_up_note        text DEFAULT '',
    p_complaint_description text DEFAULT NULL,
    p_return_order          bigint DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  b          callbacks;
  v_order    service_orders;
  v_customer bigint;
  v_comments text := coalesce(p_comments, '');
  v_follow   text := coalesce(p_follow_up, 'none');
  v_what     text;
  v_complaint bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'callback_role');
  SELECT * INTO b FROM callbacks WHERE id = p_callback FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no callback %', p_callback USING ERRCODE = 'no_data_found', CONSTRAINT = 'callback_unknown';
  END IF;
  IF b.done_at IS NOT NULL THEN
    RAISE EXCEPTION 'callback % was recorded by %', p_callback, b.actor
      USING ERRCODE = 'WX409', CONSTRAINT = 'callback_done',
            DETAIL = json_build_object('value', wx_feedback_name(b.actor))::text;
  END IF;
  IF v_follow NOT IN ('none', 'return_repair', 'complaint') THEN
    PERFORM wx_refuse('callback_follow_up_kind', v_follow);
  END IF;
  SELECT * INTO v_order FROM service_orders WHERE id = b.order_id;
  v_customer := coalesce(v_order.customer_id, (SELECT c.customer_id FROM calls c WHERE c.id = b.call_id));

  IF length(v_comments) > 2000 THEN
    PERFORM wx_refuse('callback_comments_length');
  END IF;
  IF p_reached IS NOT TRUE THEN
    IF p_call_again_at IS NULL THEN
      PERFORM wx_refuse('callback_call_again_missing');
    ELSIF p_call_again_at <= now() THEN
      PERFORM wx_refuse('callback_call_again_past');
    ELSIF p_call_again_at > now() + interval '90 days' THEN
      PERFORM wx_refuse('callback_call_again_far');
    ELSIF p_machine_working IS NOT NULL OR coalesce(p_satisfaction, 0) <> 0 OR v_follow <> 'none' THEN
      PERFORM wx_refuse('callback_unreached_answers');
    END IF;
    UPDATE callbacks SET reached = false, attempts = attempts + 1, call_again_at = p_call_again_at,
                         actor = wx_caller(), comments = v_comments
     WHERE id = b.id;
    RETURN NULL;
  END IF;

  IF p_machine_working IS NULL THEN
    PERFORM wx_refuse('callback_machine_working');
  ELSIF p_satisfaction IS NULL OR p_satisfaction NOT BETWEEN 1 AND 5 THEN
    PERFORM wx_refuse('callback_satisfaction');
  ELSIF NOT p_machine_working AND v_follow = 'none' THEN
    PERFORM wx_refuse('callback_follow_up_needed');
  ELSIF p_machine_working AND v_follow <> 'none' THEN
    PERFORM wx_refuse('callback_follow_up_unneeded');
  ELSIF v_follow = 'return_repair' AND b.order_id IS NULL THEN
    PERFORM wx_refuse('callback_return_without_order');
  ELSIF v_follow = 'complaint' AND v_customer IS NULL THEN
    PERFORM wx_refuse('callback_complaint_without_customer');
  ELSIF v_follow <> 'none' AND wx_feedback_blank(p_follow_up_note) AND wx_feedback_blank(v_comments) THEN
    PERFORM wx_refuse('callback_follow_up_note');
  ELSIF length(coalesce(p_follow_up_note, '')) > 2000 THEN
    PERFORM wx_refuse('callback_follow_up_note_length');
  END IF;
  IF v_follow = 'return_repair' AND NOT EXISTS (
       SELECT 1 FROM service_orders r
        WHERE r.id = p_return_order AND r.is_return_repair AND r.return_of_order_id = b.order_id
          AND NOT EXISTS (SELECT 1 FROM callbacks x WHERE x.return_order_id = r.id)) THEN
    PERFORM wx_refuse('callback_return_order');
  END IF;

  IF v_follow = 'complaint' THEN
    v_what := CASE WHEN NOT wx_feedback_blank(p_complaint_description) THEN p_complaint_description
                   WHEN NOT wx_feedback_blank(p_follow_up_note) THEN p_follow_up_note
                   ELSE v_comments END;
    INSERT INTO complaints (customer_id, order_id, received_by, description)
      VALUES (v_customer, b.order_id, wx_caller(), left(wx_feedback_trim(v_what), 2000))
      RETURNING id INTO v_complaint;
  END IF;
  UPDATE callbacks SET done_at = now(), actor = wx_caller(), reached = true, call_again_at = NULL,
                       machine_working = p_machine_working,
                       weak_response = coalesce(p_weak_response, false),
                       weak_repair_time = coalesce(p_weak_repair_time, false),
                       weak_attitude = coalesce(p_weak_attitude, false),
                       weak_quote_speed = coalesce(p_weak_quote_speed, false),
                       engineer_explained = p_engineer_explained, satisfaction = p_satisfaction,
                       comments = v_comments,
                       return_order_id = CASE WHEN v_follow = 'return_repair' THEN p_return_order END,
                       complaint_id = v_complaint
   WHERE id = b.id;
  RETURN v_complaint;
END
$$;

-- ------------------------------------------------------------ complaints

-- A new complaint about the order `p_order_number` (its customer), or of the
-- customer `p_customer` when no order is given; received by the staff login,
-- now. Returns its id.
CREATE OR REPLACE FUNCTION wx_complaint_open(p_order_number text, p_customer bigint, p_description text)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_number   text := nullif(wx_feedback_trim(p_order_number), '');
  v_order    service_orders;
  v_customer bigint := p_customer;
  v_id       bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'complaint_role');
  IF wx_feedback_blank(p_description) THEN
    PERFORM wx_refuse('complaint_description');
  ELSIF length(p_description) > 2000 THEN
    PERFORM wx_refuse('complaint_description_length');
  ELSIF v_number IS NULL AND p_customer IS NULL THEN
    PERFORM wx_refuse('complaint_subject');
  END IF;
  IF v_number IS NOT NULL THEN
    SELECT * INTO v_order FROM service_orders WHERE number = v_number;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'no service order %', v_number USING ERRCODE = 'WX404', DETAIL = v_number;
    END IF;
    v_customer := v_order.customer_id;
  ELSIF NOT EXISTS (SELECT 1 FROM customers WHERE id = p_customer) THEN
    RAISE EXCEPTION 'no customer %', p_customer
      USING ERRCODE = 'no_data_found', CONSTRAINT = 'complaint_customer_unknown',
            DETAIL = json_build_object('value', p_customer::text)::text;
  END IF;
  INSERT INTO complaints (customer_id, order_id, received_by, description)
    VALUES (v_customer, v_order.id, wx_caller(), wx_feedback_trim(p_description))
    RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- The complaint, locked, with how many steps it has; refused when there is none.
CREATE OR REPLACE FUNCTION wx_complaint_lock(p_complaint bigint, OUT k complaints, OUT steps integer)
  LANGUAGE plpgsql AS $$
BEGIN
  SELECT * INTO k FROM complaints WHERE id = p_complaint FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no complaint %', p_complaint USING ERRCODE = 'no_data_found', CONSTRAINT = 'complaint_unknown';
  END IF;
  steps := (SELECT count(*) FROM complaint_steps s WHERE s.complaint_id = p_complaint);
END
$$;

-- Step `p_step` of the procedure (处理投诉程序), with the checks of
-- wx_complaint_step_check (core): the next one only, while open, with a
-- note; escalated to the manager only at step 3.
CREATE OR REPLACE FUNCTION wx_complaint_step(p_complaint bigint, p_step integer, p_note text,
                                             p_escalated boolean DEFAULT false)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_supervisor'], 'complaint_role');
  c := wx_complaint_lock(p_complaint);
  IF (c.k).closed_at IS NOT NULL THEN
    PERFORM wx_refuse('complaint_steps_open');
  ELSIF p_step IS NULL OR p_step NOT BETWEEN 1 AND 5 THEN
    PERFORM wx_refuse('complaint_step_range');
  ELSIF p_step <= c.steps THEN
    PERFORM wx_refuse('complaint_step_done', p_step::text);
  ELSIF p_step > c.steps + 1 THEN
    PERFORM wx_refuse('complaint_step_next', (c.steps + 1)::text);
  ELSIF wx_feedback_blank(p_note) THEN
    PERFORM wx_refuse('complaint_step_note');
  ELSIF length(p_note) > 2000 THEN
    PERFORM wx_refuse('complaint_step_note_length');
  ELSIF coalesce(p_escalated, false) AND p_step <> 3 THEN
    PERFORM wx_refuse('complaint_step_escalated');
  END IF;
  INSERT INTO complaint_steps (complaint_id, step, actor, note, escalated)
    VALUES (p_complaint, p_step, wx_caller(), wx_feedback_trim(p_note), coalesce(p_escalated, false));
END
$$;

-- Closes a complaint (a supervisor), with the checks of
-- wx_complaint_close_check (core): open, with its outcome, after its fifth
-- step — or before it with the reason for closing early, which is kept.
CREATE OR REPLACE FUNCTION wx_complaint_close(p_complaint bigint, p_outcome text, p_early_reason text DEFAULT '')
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'complaint_close_role');
  c := wx_complaint_lock(p_complaint);
  IF (c.k).closed_at IS NOT NULL THEN
    PERFORM wx_refuse('complaint_closed');
  ELSIF wx_feedback_blank(p_outcome) THEN
    PERFORM wx_refuse('complaint_outcome');
  ELSIF length(p_outcome) > 2000 THEN
    PERFORM wx_refuse('complaint_outcome_length');
  ELSIF c.steps < 5 AND wx_feedback_blank(p_early_reason) THEN
    PERFORM wx_refuse('complaint_close_early');
  ELSIF c.steps < 5 AND length(p_early_reason) > 2000 THEN
    PERFORM wx_refuse('complaint_close_early_length');
  END IF;
  UPDATE complaints SET closed_at = now(), closed_by = wx_caller(), outcome = wx_feedback_trim(p_outcome),
                        early_close_reason = CASE WHEN c.steps < 5 THEN wx_feedback_trim(p_early_reason) ELSE '' END
   WHERE id = p_complaint;
END
$$;

-- ------------------------------------------------------------ escalations

-- Resolves an open escalation (a supervisor), saying how
-- (wx_escalation_resolution_check); one already resolved is a conflict
-- that names who resolved it.
CREATE OR REPLACE FUNCTION wx_escalation_resolve(p_escalation bigint, p_resolution text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  x escalations;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'escalation_role');
  IF wx_feedback_blank(p_resolution) THEN
    PERFORM wx_refuse('escalation_resolution');
  ELSIF length(p_resolution) > 2000 THEN
    PERFORM wx_refuse('escalation_resolution_length');
  END IF;
  SELECT * INTO x FROM escalations WHERE id = p_escalation FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no escalation %', p_escalation USING ERRCODE = 'no_data_found', CONSTRAINT = 'escalation_unknown';
  END IF;
  IF x.resolved_at IS NOT NULL THEN
    RAISE EXCEPTION 'escalation % was resolved by %', p_escalation, x.resolved_by
      USING ERRCODE = 'WX409', CONSTRAINT = 'escalation_resolved',
            DETAIL = json_build_object('value', wx_feedback_name(x.resolved_by))::text;
  END IF;
  UPDATE escalations SET resolved_at = now(), resolved_by = wx_caller(), resolution = wx_feedback_trim(p_resolution)
   WHERE id = p_escalation;
END
$$;

-- ------------------------------------------------------------ who may run what

REVOKE ALL ON FUNCTION wx_feedback_require(text[], text),
  wx_feedback_blank(text), wx_feedback_trim(text), wx_feedback_name(name),
  wx_complaint_step_guard(), wx_callback_working_day(date, integer), wx_callback_due(text, timestamptz),
  wx_callbacks_generate_at(timestamptz), wx_callbacks_generate(),
  wx_callback_record(bigint, boolean, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean,
                     integer, text, text, text, text, bigint),
  wx_complaint_open(text, bigint, text), wx_complaint_lock(bigint),
  wx_complaint_step(bigint, integer, text, boolean), wx_complaint_close(bigint, text, text),
  wx_escalation_resolve(bigint, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_complaint_step_guard() TO wx_coordinator, wx_engineer, wx_supervisor;
-- The sweep: the front desk and the supervisors, as the lists' users.
GRANT EXECUTE ON FUNCTION wx_callbacks_generate() TO wx_coordinator, wx_supervisor;
-- Each checks the caller's group itself and says who may (the due times
-- only read the calendar).
GRANT EXECUTE ON FUNCTION wx_callback_working_day(date, integer), wx_callback_due(text, timestamptz),
  wx_callback_record(bigint, boolean, timestamptz, boolean, boolean, boolean, boolean, boolean, boolean,
                     integer, text, text, text, text, bigint),
  wx_complaint_open(text, bigint, text), wx_complaint_step(bigint, integer, text, boolean),
  wx_complaint_close(bigint, text, text), wx_escalation_resolve(bigint, text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
-- wx_callbacks_generate_at(timestamptz) stays the owner's: no "now" from the staff.

-- functions/review.sql — the supervisor's review of each entered order
-- (011_reviews.sql; seed 000 维修部主管 操作细则: 维修服务记录单审核). The app
-- roles write neither order_reviews nor the review's events: passing an
-- order (its order_reviews row and the `review` step), returning it to the
-- person responsible (a row and a `review_returned` event) and that
-- person's acknowledgement (`review_seen`) are the functions below. The
-- checklist itself is evaluated by the client (src/core/wx-review.c) from
-- what it read; the server keeps it as given, if it has the checklist's shape.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The order `p_number`, locked, as a review finds it: there (WX404), at
-- `p_version` (NULL refused; another is WX409 naming who changed it, as
-- wx_transition), entered and not yet reviewed.
CREATE OR REPLACE FUNCTION wx_review_lock(p_number text, p_version integer) RETURNS service_orders
  LANGUAGE plpgsql AS $$
DECLARE
  o service_orders;
  tz text := wx_setting('timezone', 'Asia/Shanghai');
BEGIN
  IF p_version IS NULL THEN
    PERFORM wx_refuse('step_version_missing', p_number);
  END IF;
  SELECT * INTO o FROM service_orders s WHERE s.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service order %', left(p_number, 80) USING ERRCODE = 'WX404', DETAIL = left(p_number, 80);
  END IF;
  IF o.version <> p_version THEN
    RAISE EXCEPTION 'order % was changed meanwhile', p_number USING ERRCODE = 'WX409',
      DETAIL = json_build_object('by', wx_feedback_name(o.updated_by), 'state', o.state, 'version', o.version,
        'at', to_char(o.updated_at AT TIME ZONE tz, 'YYYY-MM-DD HH24:MI'),
        'today', (o.updated_at AT TIME ZONE tz)::date = (now() AT TIME ZONE tz)::date)::text;
  END IF;
  IF o.state <> 'entered' OR o.reviewed_at IS NOT NULL THEN
    PERFORM wx_refuse('review_not_waiting', o.number);
  END IF;
  RETURN o;
END
$$;

-- The checklist as wx_review_to_json writes it: an object of at most 32
-- checks, each an object whose "ok" is true, false or null (not applicable).
CREATE OR REPLACE FUNCTION wx_review_checks_valid(p_checks jsonb) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF p_checks IS NULL OR jsonb_typeof(p_checks) <> 'object' THEN
    PERFORM wx_refuse('review_checks');
  END IF;
  IF (SELECT count(*) FROM jsonb_object_keys(p_checks)) > 32 OR length(p_checks::text) > 65536
     OR EXISTS (SELECT 1 FROM jsonb_each(p_checks) c
                 WHERE jsonb_typeof(c.value) <> 'object' OR NOT c.value ? 'ok'
                    OR jsonb_typeof(c.value -> 'ok') NOT IN ('boolean', 'null')) THEN
    PERFORM wx_refuse('review_checks');
  END IF;
END
$$;

-- Passes the order (a supervisor): the `review` step through wx_transition
-- from `p_version`, and the checklist (`p_checks`, `p_parts_ok`: whether
-- the parts requested and used matched, NULL when none was involved) as an
-- order_reviews row, together.
CREATE OR REPLACE FUNCTION wx_review_pass(p_number text, p_version integer, p_checks jsonb,
                                          p_parts_ok boolean DEFAULT NULL)
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint, review_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  o service_orders;
  t record;
  v_review bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'review_role');
  o := wx_review_lock(p_number, p_version);
  PERFORM wx_review_checks_valid(p_checks);
  SELECT * INTO t FROM wx_transition(p_number, p_version, 'review', '{}'::jsonb);
  INSERT INTO order_reviews (order_id, reviewer, outcome, checks, parts_ok)
    VALUES (o.id, wx_caller(), 'passed', p_checks, p_parts_ok)
    RETURNING id INTO v_review;
  RETURN QUERY SELECT t.order_id, t.new_version, t.new_state, t.event_id, v_review;
END
$$;

-- Passes the order as wx_review_pass does, only when its checklist is clean
-- (no check failed, the parts matched or none was involved) and no return
-- stands unanswered. The
-- supervisor's bulk pass of the clean orders of the queue calls it once per
-- order, so that each is still one `review` event, checked here.
CREATE OR REPLACE FUNCTION wx_review_pass_clean(p_number text, p_version integer, p_checks jsonb,
                                                p_parts_ok boolean DEFAULT NULL)
  RETURNS TABLE (order_id bigint, new_version integer, new_state text, event_id bigint, review_id bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'review_role');
  PERFORM wx_review_checks_valid(p_checks);
  IF p_parts_ok IS FALSE OR EXISTS (SELECT 1 FROM jsonb_each(p_checks) c WHERE c.value -> 'ok' = 'false'::jsonb) THEN
    PERFORM wx_refuse('review_not_clean', p_number);
  END IF;
  -- Returned and not answered yet: the person still has to put it right.
  IF EXISTS (SELECT 1 FROM service_orders o JOIN order_reviews v ON v.order_id = o.id
              WHERE o.number = p_number AND (wx_review_open_return(v.id)).id IS NOT NULL) THEN
    PERFORM wx_refuse('review_return_open', p_number);
  END IF;
  RETURN QUERY SELECT * FROM wx_review_pass(p_number, p_version, p_checks, p_parts_ok);
END
$$;

-- Returns the order (a supervisor) to `p_returned_to`, an active member of
-- staff, with what must be put right (`p_comment`): an order_reviews row
-- with the checklist, a `review_returned` event, and the order's version
-- moves on (so a review on a stale screen is refused, and every board
-- reloads it). Returns the review's id.
CREATE OR REPLACE FUNCTION wx_review_return(p_number text, p_version integer, p_checks jsonb,
                                            p_parts_ok boolean, p_comment text, p_returned_to name)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o service_orders;
  v_comment text := wx_feedback_trim(p_comment);
  v_review bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_supervisor'], 'review_role');
  IF wx_feedback_blank(p_comment) THEN
    PERFORM wx_refuse('review_return_comment');
  ELSIF length(v_comment) > 2000 THEN
    PERFORM wx_refuse('review_return_comment_length');
  ELSIF wx_feedback_blank(p_returned_to) THEN
    PERFORM wx_refuse('review_returned_to');
  ELSIF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = p_returned_to AND s.active) THEN
    PERFORM wx_refuse('review_returned_to_unknown', p_returned_to::text);
  END IF;
  o := wx_review_lock(p_number, p_version);
  PERFORM wx_review_checks_valid(p_checks);
  INSERT INTO order_reviews (order_id, reviewer, outcome, checks, parts_ok, comment, returned_to)
    VALUES (o.id, wx_caller(), 'returned', p_checks, p_parts_ok, v_comment, p_returned_to)
    RETURNING id INTO v_review;
  INSERT INTO order_events (order_id, actor, event, from_state, to_state, payload)
    VALUES (o.id, wx_caller(), 'review_returned', o.state, o.state,
            jsonb_build_object('review', v_review, 'returned_to', p_returned_to, 'comment', v_comment));
  UPDATE service_orders SET updated_at = now() WHERE id = o.id;
  RETURN v_review;
END
$$;

-- The staff login has seen the returns `p_reviews` addressed to it: a
-- `review_seen` event on each order, once. Returns how many were new.
CREATE OR REPLACE FUNCTION wx_review_seen(p_reviews bigint[])
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'], 'review_seen_role');
  FOR r IN
    SELECT x.id AS asked, v.id, v.order_id, v.outcome, v.returned_to, o.state
      FROM (SELECT DISTINCT unnest(coalesce(p_reviews, '{}')) AS id) x
      LEFT JOIN order_reviews v ON v.id = x.id
      LEFT JOIN service_orders o ON o.id = v.order_id
     ORDER BY x.id
  LOOP
    IF r.id IS NULL THEN
      RAISE EXCEPTION 'no review %', r.asked USING ERRCODE = 'no_data_found', CONSTRAINT = 'review_unknown';
    END IF;
    IF r.outcome <> 'returned' OR r.returned_to IS DISTINCT FROM wx_caller() THEN
      PERFORM wx_refuse('review_seen_not_yours');
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('wx_review_seen:' || r.id, 0));
    CONTINUE WHEN EXISTS (SELECT 1 FROM order_events e
                           WHERE e.order_id = r.order_id AND e.event = 'review_seen' AND e.actor = wx_caller()
                             AND e.payload ->> 'review' = r.id::text);
    INSERT INTO order_events (order_id, actor, event, from_state, to_state, payload)
      VALUES (r.order_id, wx_caller(), 'review_seen', r.state, r.state, jsonb_build_object('review', r.id));
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- The return `p_review` still waiting for its answer: the order's latest
-- review, outcome returned, the order entered and not reviewed since, and no
-- `review_answered` event for it. NULL when it is not (any more).
CREATE OR REPLACE FUNCTION wx_review_open_return(p_review bigint) RETURNS order_reviews
  LANGUAGE sql STABLE AS $$
  SELECT v.* FROM order_reviews v JOIN service_orders o ON o.id = v.order_id
   WHERE v.id = p_review AND v.outcome = 'returned'
     AND o.state = 'entered' AND o.reviewed_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM order_reviews later WHERE later.order_id = v.order_id
                      AND (later.at, later.id) > (v.at, v.id))
     AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = v.order_id
                      AND e.event = 'review_answered' AND e.payload ->> 'review' = v.id::text)
$$;

-- The person an order was returned to answers the return `p_review`
-- (维修服务记录单审核: what was put right, `p_answer`), after correcting the
-- order with the `amend` step where the details were wrong: a
-- `review_answered` event (payload: the review, the answer, whether the
-- order was amended since the return) and the order's version moves on, so
-- the supervisor's queue shows it answered and reviews it again. Only the
-- person it was returned to, once, while the order still waits for its
-- review. Returns the event's id.
CREATE OR REPLACE FUNCTION wx_review_answer(p_review bigint, p_answer text)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v order_reviews;
  o service_orders;
  v_answer text := wx_feedback_trim(p_answer);
  v_amended boolean;
  v_event bigint;
BEGIN
  PERFORM wx_feedback_require(ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'],
                              'review_seen_role');
  IF wx_feedback_blank(p_answer) THEN
    PERFORM wx_refuse('review_answer');
  ELSIF length(v_answer) > 2000 THEN
    PERFORM wx_refuse('review_answer_length');
  END IF;
  SELECT * INTO v FROM order_reviews r WHERE r.id = p_review;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no review %', p_review USING ERRCODE = 'no_data_found', CONSTRAINT = 'review_unknown';
  END IF;
  IF v.outcome <> 'returned' OR v.returned_to IS DISTINCT FROM wx_caller() THEN
    PERFORM wx_refuse('review_seen_not_yours');
  END IF;
  SELECT * INTO o FROM service_orders s WHERE s.id = v.order_id FOR UPDATE;
  IF (wx_review_open_return(p_review)).id IS NULL THEN
    PERFORM wx_refuse('review_answer_closed', o.number);
  END IF;
  v_amended := EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.event = 'amend'
                          AND e.at >= v.at);
  INSERT INTO order_events (order_id, actor, event, from_state, to_state, payload)
    VALUES (o.id, wx_caller(), 'review_answered', o.state, o.state,
            jsonb_build_object('review', v.id, 'answer', v_answer, 'amended', v_amended))
    RETURNING id INTO v_event;
  UPDATE service_orders SET updated_at = now() WHERE id = o.id;
  RETURN v_event;
END
$$;

REVOKE ALL ON FUNCTION wx_review_lock(text, integer), wx_review_checks_valid(jsonb),
  wx_review_pass(text, integer, jsonb, boolean), wx_review_pass_clean(text, integer, jsonb, boolean),
  wx_review_return(text, integer, jsonb, boolean, text, name), wx_review_seen(bigint[]), wx_review_open_return(bigint), wx_review_answer(bigint, text)
  FROM PUBLIC;
-- Each checks the caller's group itself and says who may.
GRANT EXECUTE ON FUNCTION wx_review_pass(text, integer, jsonb, boolean),
  wx_review_pass_clean(text, integer, jsonb, boolean), wx_review_return(text, integer, jsonb, boolean, text, name), wx_review_seen(bigint[]),
  wx_review_answer(bigint, text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

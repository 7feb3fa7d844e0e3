-- functions/calendar.sql — the shop's business calendar on the server: the
-- same rules as src/core/wx-calendar.c (weekly opening hours, holidays, and
-- make-up working days 调休 with their hours or else those of the first
-- weekday that has any), in the time zone of the setting `timezone`.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The opening hours of local day `d`: NULLs when the shop is closed.
CREATE OR REPLACE FUNCTION wx_day_hours(d date, OUT opens time, OUT closes time)
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN c.kind = 'holiday' THEN NULL
              WHEN c.kind = 'workday' THEN coalesce(c.opens, f.opens)
              ELSE h.opens END,
         CASE WHEN c.kind = 'holiday' THEN NULL
              WHEN c.kind = 'workday' THEN coalesce(c.closes, f.closes)
              ELSE h.closes END
    FROM (SELECT 1) one
    LEFT JOIN calendar_days c ON c.day = d
    LEFT JOIN business_hours h ON h.weekday = extract(isodow FROM d)
    LEFT JOIN LATERAL (SELECT b.opens, b.closes FROM business_hours b ORDER BY b.weekday LIMIT 1) f ON true
$$;

-- The moment `minutes` business minutes after `start` (the due time of a
-- clock that started then). At most two years are searched.
CREATE OR REPLACE FUNCTION wx_business_due(start timestamptz, minutes integer)
  RETURNS timestamptz LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  tz text := wx_setting('timezone', 'Asia/Shanghai');
  local timestamp := start AT TIME ZONE tz;
  d date := local::date;
  left_min numeric := greatest(minutes, 0);
  h record;
  s timestamp;
  e timestamp;
  avail numeric;
BEGIN
  FOR i IN 0 .. 730 LOOP
    SELECT * INTO h FROM wx_day_hours(d + i);
    IF h.opens IS NOT NULL THEN
      s := greatest((d + i) + h.opens, local);
      e := (d + i) + h.closes;
      IF e > s THEN
        avail := extract(epoch FROM e - s) / 60;
        IF avail >= left_min THEN
          RETURN (s + make_interval(secs => left_min * 60)) AT TIME ZONE tz;
        END IF;
        left_min := left_min - avail;
      END IF;
    END IF;
  END LOOP;
  RETURN 'infinity';
END
$$;

-- The opening time of the first working day after the local day of `t`.
CREATE OR REPLACE FUNCTION wx_next_working_day_opens(t timestamptz)
  RETURNS timestamptz LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  tz text := wx_setting('timezone', 'Asia/Shanghai');
  d date := (t AT TIME ZONE tz)::date;
  h record;
BEGIN
  FOR i IN 1 .. 730 LOOP
    SELECT * INTO h FROM wx_day_hours(d + i);
    IF h.opens IS NOT NULL THEN
      RETURN ((d + i) + h.opens) AT TIME ZONE tz;
    END IF;
  END LOOP;
  RETURN 'infinity';
END
$$;

REVOKE ALL ON FUNCTION wx_day_hours(date), wx_business_due(timestamptz, integer),
  wx_next_working_day_opens(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_day_hours(date), wx_business_due(timestamptz, integer),
  wx_next_working_day_opens(timestamptz) TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

-- Search by pinyin (issue 14): the keys a name is found by.

-- The pinyin keys of `t`: its initials (助记码, 广州惠普 → gzhp) and its full
-- pinyin (guangzhouhuipu), space-separated, every reading of a polyphonic
-- character giving its own key (重庆 → zq cq zhongqing chongqing; at most
-- 16 of each). Latin letters and digits stay as they are, folded like
-- wx_unit_key (full-width to half-width, lower case); other characters
-- are left out. Readings from pinyin_readings (Unihan, at build time).
CREATE OR REPLACE FUNCTION wx_pinyin_keys(t text) RETURNS text
  LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  initials text[] := ARRAY[''];
  fulls text[] := ARRAY[''];
  c text;
  rs text[];
BEGIN
  IF coalesce(t, '') = '' THEN
    RETURN '';
  END IF;
  FOREACH c IN ARRAY regexp_split_to_array(wx_unit_key(t), '') LOOP
    IF c ~ '^[a-z0-9]$' THEN
      rs := ARRAY[c];
    ELSE
      SELECT r.readings INTO rs FROM pinyin_readings r WHERE r.ch = c;
      CONTINUE WHEN rs IS NULL;
    END IF;
    initials := ARRAY(SELECT DISTINCT i || left(x, 1) FROM unnest(initials) i, unnest(rs) x ORDER BY 1 LIMIT 16);
    fulls := ARRAY(SELECT DISTINCT f || x FROM unnest(fulls) f, unnest(rs) x ORDER BY 1 LIMIT 16);
  END LOOP;
  RETURN btrim(array_to_string(initials, ' ') || ' ' || array_to_string(fulls, ' '));
END
$$;

-- Keeps the `pinyin` column of customers (unit and contact), suppliers
-- (name and contact) and parts (name).
CREATE OR REPLACE FUNCTION wx_pinyin_fill() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- Each table's own fields in a branch of its own (a record's fields are
  -- looked up when the statement is first run).
  IF TG_TABLE_NAME = 'customers' THEN
    NEW.pinyin := btrim(wx_pinyin_keys(NEW.unit_name) || ' ' || wx_pinyin_keys(NEW.contact_person));
  ELSIF TG_TABLE_NAME = 'suppliers' THEN
    NEW.pinyin := btrim(wx_pinyin_keys(NEW.name) || ' ' || wx_pinyin_keys(NEW.contact));
  ELSE
    NEW.pinyin := wx_pinyin_keys(NEW.name);
  END IF;
  RETURN NEW;
END
$$;

-- Rows written before the readings were there (the upgrade to 025).
UPDATE customers SET pinyin = btrim(wx_pinyin_keys(unit_name) || ' ' || wx_pinyin_keys(contact_person))
 WHERE pinyin = '' AND unit_name <> '';
UPDATE suppliers SET pinyin = btrim(wx_pinyin_keys(name) || ' ' || wx_pinyin_keys(contact))
 WHERE pinyin = '' AND name <> '';
UPDATE parts SET pinyin = wx_pinyin_keys(name) WHERE pinyin = '' AND name <> '';

REVOKE ALL ON FUNCTION wx_pinyin_keys(text), wx_pinyin_fill() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_pinyin_keys(text) TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;

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
  ni text[];
  nf text[];
  rs text[];
  x text;
  k integer;
BEGIN
  IF coalesce(t, '') = '' THEN
    RETURN '';
  END IF;
  -- One lookup for the whole name, then the keys grown in place: most
  -- characters have one reading (a name is keyed once per write, and an
  -- import of 10,000 customers keys them all).
  FOR rs IN
    SELECT CASE WHEN u.c ~ '^[a-z0-9]$' THEN ARRAY[u.c]
                ELSE (SELECT r.readings FROM pinyin_readings r WHERE r.ch = u.c) END   -- by its key, not a join
      FROM unnest(regexp_split_to_array(wx_unit_key(t), '')) WITH ORDINALITY AS u (c, n)
     ORDER BY u.n
  LOOP
    CONTINUE WHEN rs IS NULL;
    IF cardinality(rs) = 1 THEN
      FOR k IN 1 .. cardinality(initials) LOOP
        initials[k] := initials[k] || left(rs[1], 1);
      END LOOP;
      FOR k IN 1 .. cardinality(fulls) LOOP
        fulls[k] := fulls[k] || rs[1];
      END LOOP;
    ELSE
      ni := '{}';
      nf := '{}';
      FOREACH x IN ARRAY rs LOOP
        FOR k IN 1 .. cardinality(initials) LOOP
          IF cardinality(ni) < 16 AND NOT (initials[k] || left(x, 1)) = ANY (ni) THEN
            ni := ni || (initials[k] || left(x, 1));
          END IF;
        END LOOP;
        FOR k IN 1 .. cardinality(fulls) LOOP
          IF cardinality(nf) < 16 AND NOT (fulls[k] || x) = ANY (nf) THEN
            nf := nf || (fulls[k] || x);
          END IF;
        END LOOP;
      END LOOP;
      initials := ni;
      fulls := nf;
    END IF;
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

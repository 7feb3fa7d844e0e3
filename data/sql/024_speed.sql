-- 024_speed.sql — speed at a chain's scale (issue 20).

-- The one- and two-character grams of the search text (006), the same set
-- computed by the regular-expression engine instead of a subquery over
-- generate_series: the two-character ones as the pairs from the first
-- character and the pairs from the second. Twice as fast, which is most of
-- what building order_search_short_idx costs (a large demo load builds it
-- once after its COPY). Same keys, so the index only needs building again.
CREATE OR REPLACE FUNCTION wx_short_grams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN string_to_array(t, NULL)
      || ARRAY(SELECT m[1] FROM regexp_matches(t, '..', 'g') AS m)
      || ARRAY(SELECT m[1] FROM regexp_matches(substr(t, 2), '..', 'g') AS m);
REINDEX INDEX order_search_short_idx;

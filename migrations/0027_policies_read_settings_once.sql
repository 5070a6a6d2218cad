-- Row-level security that reads the caller's settings once per statement, not once per row.
--
-- Every policy so far called reclaim_role(), reclaim_is_government() and
-- reclaim_in_scope(division_code), or current_setting() itself. PostgreSQL inlines those SQL
-- functions, but what they inline is current_setting(), which it evaluates again for every row
-- a policy is checked on: about 0.75 µs a row, seven times the cost of reading the row (a
-- count of 100,000 parcels: 12 ms as the owner, 85–100 ms as a ministry or provincial user).
-- Wrapped in a sub-select, the same call is an InitPlan: evaluated once per statement, its
-- value then compared per row like a parameter. The settings cannot change within a
-- statement, so the answer is the same. (Measured on 100,000 parcels: the ministry user's count
-- 85 → 45–54 ms; what is left is the policies' comparisons themselves.)
--
-- reclaim_in_scope(code) becomes `coalesce(code LIKE (SELECT reclaim_scope_like()), false)`:
-- reclaim_scope_like() is the scope as a LIKE pattern ('%' for the nation, '14%' for Shanxi,
-- NULL — nothing — outside a request), which is what reclaim_in_scope tested row by row.
-- The functions stay, for code that checks one value.
--
-- Each existing policy is rewritten from its own text (pg_policies), so that no policy is
-- missed and none is changed in anything but where the settings are read; the test
-- `policies.test.ts` holds every policy, now and later, to this form.

CREATE FUNCTION reclaim_scope_like() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN coalesce(current_setting('reclaim.scope', true), '') = '' THEN NULL
    WHEN current_setting('reclaim.scope', true) = 'national' THEN '%'
    ELSE current_setting('reclaim.scope', true) || '%'
  END
$$;

CREATE FUNCTION reclaim_policy_reads_once(expression text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    expression,
    'reclaim_in_scope\(([a-z_.]+)\)', 'coalesce((\1 ~~ ( SELECT reclaim_scope_like())), false)', 'g'),
    'reclaim_is_government\(\)', '( SELECT reclaim_is_government())', 'g'),
    'reclaim_role\(\)', '( SELECT reclaim_role())', 'g'),
    'NULLIF\(current_setting\(''reclaim\.organization''::text, true\), ''''::text\)',
    '( SELECT NULLIF(current_setting(''reclaim.organization''::text, true), ''''::text))', 'g'),
    'current_setting\(''reclaim\.(scope|user_id)''::text, true\)',
    '( SELECT current_setting(''reclaim.\1''::text, true))', 'g')
$$;

DO $$
DECLARE
  p record;
  clauses text;
BEGIN
  FOR p IN SELECT schemaname, tablename, policyname, qual, with_check
           FROM pg_policies WHERE schemaname = current_schema()
  LOOP
    clauses := concat_ws(' ',
      CASE WHEN p.qual IS NOT NULL THEN format('USING (%s)', reclaim_policy_reads_once(p.qual)) END,
      CASE WHEN p.with_check IS NOT NULL
           THEN format('WITH CHECK (%s)', reclaim_policy_reads_once(p.with_check)) END);
    EXECUTE format('ALTER POLICY %I ON %I.%I %s', p.policyname, p.schemaname, p.tablename, clauses);
  END LOOP;
END;
$$;

DROP FUNCTION reclaim_policy_reads_once(text);

-- The register's list, newest approval first (register.store.ts listRecords): a page of a
-- province's or the nation's records is the first rows of this index instead of a sort of
-- every record in scope; and a page of one state, the first rows of that state's part of the
-- second, which also serves what the index on state alone served. Its filters are leakproof
-- (^@, =), so these indexes serve them under row-level security too.
DROP INDEX temporary_land_approval_idx;
DROP INDEX temporary_land_state_idx;
CREATE INDEX temporary_land_list_order_idx ON temporary_land (approval_date DESC NULLS LAST, id);
CREATE INDEX temporary_land_state_order_idx ON temporary_land (state, approval_date DESC NULLS LAST, id);
-- And a county's or a city's list: its records found by the prefix of their division code
-- (`division_code ^@ '140181'`), under any collation (the pattern operator class).
CREATE INDEX temporary_land_division_prefix_idx ON temporary_land (division_code text_pattern_ops);

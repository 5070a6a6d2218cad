-- History of inserts written once per statement (issue 3 item 10, docs/benchmarks.md).
-- Until now every insert into a table under history ran reclaim_version_record once per row:
-- a PL/pgSQL call, to_jsonb(NEW) and a one-row INSERT into the partitioned record_version,
-- about a third of an import's INSERT … SELECT of 5,000 records. Inserts now run one
-- statement-level trigger that reads the statement's new rows from a transition table
-- (REFERENCING NEW TABLE) and writes all their versions with one INSERT … SELECT.
--
-- The history is the same: one 'create' row per inserted row, with the same entity, id,
-- version, division, province, actor, reason and data (to_jsonb of the row as stored, less the
-- excluded columns), written at the end of the statement as the row-level AFTER triggers were;
-- an insert without actor or reason still fails with RC001 / RC002 (a statement that inserts
-- nothing, which wrote no history before, needs neither). Updates keep the row-level trigger.
--
-- PostgreSQL allows transition tables only on statement- or row-level triggers with a single
-- event (hence two triggers) and not on partitions or inheritance children; no table under
-- history is partitioned (record_version is, but it is not under history itself). Both
-- storage modes (PostgreSQL 15 and PGlite's 18) support them.

-- Who (reclaim.actor) and why (reclaim.reason) of a change to `tbl`: refused without either.
CREATE FUNCTION reclaim_history_context(tbl name, OUT actor text, OUT why text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  actor := nullif(current_setting('reclaim.actor', true), '');
  why := nullif(current_setting('reclaim.reason', true), '');
  IF actor IS NULL THEN
    RAISE EXCEPTION 'reclaim: a change to % needs an actor (reclaim.actor)', tbl
      USING ERRCODE = 'RC001';
  END IF;
  IF why IS NULL THEN
    RAISE EXCEPTION 'reclaim: a change to % needs a reason (reclaim.reason)', tbl
      USING ERRCODE = 'RC002';
  END IF;
END $$;

-- The versions of the rows a statement inserted (transition table reclaim_created).
CREATE FUNCTION reclaim_version_created() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  who record;
BEGIN
  IF NOT EXISTS (SELECT FROM reclaim_created) THEN
    RETURN NULL;
  END IF;
  who := reclaim_history_context(TG_TABLE_NAME);
  INSERT INTO record_version (entity, entity_id, version, division_code, province_code,
                              action, changed_by, reason, data)
  SELECT TG_TABLE_NAME, c.id, c.version, c.division_code, left(c.division_code, 2),
         'create', who.actor, who.why,
         CASE WHEN TG_NARGS > 0 THEN to_jsonb(c) - TG_ARGV ELSE to_jsonb(c) END
  FROM reclaim_created c;
  RETURN NULL;
END $$;

-- The version of an updated row (as migration 0001 wrote it, with the context above).
CREATE OR REPLACE FUNCTION reclaim_version_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  who record := reclaim_history_context(TG_TABLE_NAME);
  row_data jsonb := to_jsonb(NEW);
BEGIN
  IF TG_NARGS > 0 THEN
    row_data := row_data - TG_ARGV;
  END IF;
  INSERT INTO record_version (entity, entity_id, version, division_code, province_code,
                              action, changed_by, reason, data)
  VALUES (TG_TABLE_NAME, NEW.id, NEW.version, NEW.division_code, left(NEW.division_code, 2),
          CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END, who.actor, who.why, row_data);
  RETURN NULL;
END $$;

-- The version triggers of one table: row-level for updates, statement-level for inserts;
-- `args` the excluded columns, quoted and comma-separated.
CREATE FUNCTION reclaim_version_triggers(tbl regclass, args text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_version_record(%s)',
                 tbl::text || '_version_record', tbl, args);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS reclaim_created '
                 'FOR EACH STATEMENT EXECUTE FUNCTION reclaim_version_created(%s)',
                 tbl::text || '_version_created', tbl, args);
END $$;

-- Every table under history today: its row-level trigger for inserts and updates is replaced,
-- with the same arguments (the excluded columns).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT tg.tgrelid::regclass AS tbl, tg.tgname,
           -- tgargs holds each argument followed by a zero byte (shown as \000 by 'escape').
           (SELECT coalesce(string_agg(quote_literal(a), ', ' ORDER BY n), '')
            FROM unnest(array_remove(string_to_array(encode(tg.tgargs, 'escape'), '\000'), ''))
                 WITH ORDINALITY AS x(a, n)) AS args
    FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
    WHERE p.proname = 'reclaim_version_record' AND NOT tg.tgisinternal
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tbl);
    PERFORM reclaim_version_triggers(t.tbl, t.args);
  END LOOP;
END $$;

-- Tables put under history from now on get the same pair.
CREATE OR REPLACE FUNCTION reclaim_track_history(tbl regclass, VARIADIC excluded text[] DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  args text := (SELECT coalesce(string_agg(quote_literal(x), ', '), '') FROM unnest(excluded) x);
BEGIN
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_version_stamp()',
                 tbl::text || '_version_stamp', tbl);
  PERFORM reclaim_version_triggers(tbl, args);
  EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete()',
                 tbl::text || '_no_delete', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION reclaim_forbid_delete()',
                 tbl::text || '_no_truncate', tbl);
END $$;

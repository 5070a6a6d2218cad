-- Platform: PostGIS, the application role, scope functions, generic history (record versions).
-- Every request runs as reclaim_app with reclaim.scope / reclaim.role set for its transaction;
-- row-level security on every scoped table repeats the data layer's scope filter.

CREATE EXTENSION IF NOT EXISTS postgis;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reclaim_app') THEN
    CREATE ROLE reclaim_app NOLOGIN;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'reclaim_app', 'MEMBER') THEN
    EXECUTE format('GRANT reclaim_app TO %I', current_user);
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO reclaim_app;
-- No DELETE for the application role: records are versioned and written off, never erased.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO reclaim_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO reclaim_app;

-- The caller's scope: 'national', or a division-code prefix ('32', '3203', '320305').
-- A missing or empty setting denies everything (a custom setting reads '' once a
-- transaction that set it has ended, so '' must never mean "all").
CREATE FUNCTION reclaim_in_scope(code text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN coalesce(current_setting('reclaim.scope', true), '') = '' THEN false
    WHEN current_setting('reclaim.scope', true) = 'national' THEN true
    ELSE coalesce(code LIKE current_setting('reclaim.scope', true) || '%', false)
  END
$$;

-- The caller's role name ('public' when anonymous, '' outside a request).
CREATE FUNCTION reclaim_role() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('reclaim.role', true), '')
$$;

CREATE FUNCTION reclaim_is_government() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT reclaim_role() IN ('ministry', 'province', 'city', 'county')
$$;

-- History: every insert or update of a tracked table stores the new row as a version,
-- with who (reclaim.actor) and why (reclaim.reason). The previous version is version - 1.
CREATE TABLE record_version (
  entity        text        NOT NULL,
  entity_id     uuid        NOT NULL,
  version       integer     NOT NULL,
  division_code text        NOT NULL,
  province_code text        NOT NULL,
  action        text        NOT NULL CHECK (action IN ('create', 'update')),
  changed_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  changed_by    text        NOT NULL,
  reason        text        NOT NULL,
  data          jsonb       NOT NULL,
  PRIMARY KEY (entity, entity_id, version)
);
CREATE INDEX record_version_scope_idx ON record_version (province_code, division_code, changed_at);
CREATE INDEX record_version_actor_idx ON record_version (changed_by, changed_at);
REVOKE INSERT, UPDATE ON record_version FROM reclaim_app;
ALTER TABLE record_version ENABLE ROW LEVEL SECURITY;
CREATE POLICY record_version_scope ON record_version FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE FUNCTION reclaim_version_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
      RAISE EXCEPTION 'reclaim: the id of a % record never changes', TG_TABLE_NAME;
    END IF;
    NEW.version := OLD.version + 1;
    NEW.created_at := OLD.created_at;
  ELSE
    NEW.version := 1;
    NEW.created_at := clock_timestamp();
  END IF;
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END $$;

CREATE FUNCTION reclaim_version_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := nullif(current_setting('reclaim.actor', true), '');
  why   text := nullif(current_setting('reclaim.reason', true), '');
  row_data jsonb := to_jsonb(NEW);
BEGIN
  IF actor IS NULL THEN
    RAISE EXCEPTION 'reclaim: a change to % needs an actor (reclaim.actor)', TG_TABLE_NAME
      USING ERRCODE = 'RC001';
  END IF;
  IF why IS NULL THEN
    RAISE EXCEPTION 'reclaim: a change to % needs a reason (reclaim.reason)', TG_TABLE_NAME
      USING ERRCODE = 'RC002';
  END IF;
  IF TG_NARGS > 0 THEN
    row_data := row_data - TG_ARGV;
  END IF;
  INSERT INTO record_version (entity, entity_id, version, division_code, province_code,
                              action, changed_by, reason, data)
  VALUES (TG_TABLE_NAME, NEW.id, NEW.version, NEW.division_code, left(NEW.division_code, 2),
          CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END, actor, why, row_data);
  RETURN NULL;
END $$;

CREATE FUNCTION reclaim_forbid_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reclaim: % records are never deleted; change their state instead', TG_TABLE_NAME
    USING ERRCODE = 'RC003';
END $$;

CREATE TRIGGER record_version_no_delete BEFORE DELETE ON record_version
  FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete();
CREATE TRIGGER record_version_no_truncate BEFORE TRUNCATE ON record_version
  FOR EACH STATEMENT EXECUTE FUNCTION reclaim_forbid_delete();

-- Puts a table under history. The table needs id uuid, version integer, division_code text,
-- created_at and updated_at timestamptz. `excluded` names columns kept out of history
-- (secrets such as password hashes).
CREATE FUNCTION reclaim_track_history(tbl regclass, VARIADIC excluded text[] DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  args text := (SELECT coalesce(string_agg(quote_literal(x), ', '), '') FROM unnest(excluded) x);
BEGIN
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_version_stamp()',
                 tbl::text || '_version_stamp', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_version_record(%s)',
                 tbl::text || '_version_record', tbl, args);
  EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete()',
                 tbl::text || '_no_delete', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION reclaim_forbid_delete()',
                 tbl::text || '_no_truncate', tbl);
END $$;

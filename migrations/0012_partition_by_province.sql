-- The survey reference layers and the history table, list-partitioned by province (issue 7,
-- docs/scaling.md).
-- They are the largest tables: a province's land-class layer (地类图斑) holds millions of
-- polygons, reloaded county by county every survey year. One partition per province keeps a
-- province's GiST index, vacuum and reload apart from the others, and lets a query that names
-- its province (province_code = '32') read only that partition (partition pruning).
--
-- PostgreSQL 15 allows no identity column on a partitioned table (PostgreSQL 17 does), so the
-- id comes from a sequence; ids stay unique across provinces, the primary key includes the
-- partition key as PostgreSQL requires. Nothing references these tables by foreign key.
--
-- The rows are moved as they are (same ids). Policies and indexes are those of migrations 0004
-- and 0006, now on the partitioned parent; every partition also has row-level security switched
-- on with no policy and no privileges for reclaim_app, so the app role reaches rows only through
-- the parent and its policies.

-- One partition per provincial-level division of GB/T 2260 (the 31 of divisions.json); any
-- other code (the nation's 00, a future province) lands in the default partition.
CREATE FUNCTION pg_temp.reclaim_province_partitions(parent text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  code text;
BEGIN
  FOREACH code IN ARRAY ARRAY['11','12','13','14','15','21','22','23','31','32','33','34','35',
    '36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65']
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', parent || '_p' || code, parent, code);
  END LOOP;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', parent || '_pdefault', parent);
END $$;

-- The app role reaches rows only through the parent and its policies.
CREATE FUNCTION pg_temp.reclaim_close_partitions(parent text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  part text;
BEGIN
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = parent::regclass
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', part);
    EXECUTE format('REVOKE ALL ON %I FROM reclaim_app', part);
  END LOOP;
END $$;

CREATE FUNCTION pg_temp.reclaim_partition_by_province(layer text, columns text, column_list text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_name text := layer || '_unpartitioned';
BEGIN
  EXECUTE format('ALTER TABLE %I RENAME TO %I', layer, old_name);
  EXECUTE format('ALTER INDEX %I RENAME TO %I', layer || '_geom_idx', old_name || '_geom_idx');
  EXECUTE format('ALTER INDEX %I RENAME TO %I', layer || '_scope_idx', old_name || '_scope_idx');
  EXECUTE format('ALTER INDEX %I RENAME TO %I', layer || '_batch_idx', old_name || '_batch_idx');
  EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', old_name, layer || '_pkey', old_name || '_pkey');
  EXECUTE format('ALTER SEQUENCE %I RENAME TO %I', layer || '_id_seq', old_name || '_id_seq');

  EXECUTE format('CREATE SEQUENCE %I AS bigint', layer || '_id_seq');
  EXECUTE format(
    'CREATE TABLE %I (id bigint NOT NULL DEFAULT nextval(%L), %s, '
    'CHECK (province_code = left(division_code, 2)), PRIMARY KEY (province_code, id)) '
    'PARTITION BY LIST (province_code)',
    layer, layer || '_id_seq', columns);
  EXECUTE format('ALTER SEQUENCE %I OWNED BY %I.id', layer || '_id_seq', layer);

  PERFORM pg_temp.reclaim_province_partitions(layer);

  EXECUTE format('INSERT INTO %I (id, %s) SELECT id, %s FROM %I', layer, column_list, column_list, old_name);
  EXECUTE format('SELECT setval(%L, coalesce((SELECT max(id) FROM %I), 0) + 1, false)', layer || '_id_seq', layer);
  EXECUTE format('DROP TABLE %I', old_name);

  EXECUTE format('CREATE INDEX %I ON %I USING gist (geom)', layer || '_geom_idx', layer);
  EXECUTE format('CREATE INDEX %I ON %I (division_code)', layer || '_scope_idx', layer);
  EXECUTE format('CREATE INDEX %I ON %I (batch_id)', layer || '_batch_idx', layer);
  -- Look-ups by id alone (the candidates of reclaim_*_in_box) probe this index per partition.
  EXECUTE format('CREATE INDEX %I ON %I (id)', layer || '_id_idx', layer);

  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', layer);
  EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO reclaim_app '
    'USING (reclaim_is_government() AND reclaim_in_scope(division_code))', layer || '_scope', layer);
  EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO reclaim_app '
    'WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code))', layer || '_insert', layer);
  EXECUTE format('GRANT SELECT, INSERT ON %I TO reclaim_app', layer);
  EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO reclaim_app', layer || '_id_seq');

  PERFORM pg_temp.reclaim_close_partitions(layer);
END $$;

SELECT pg_temp.reclaim_partition_by_province('land_class_parcel',
  'batch_id uuid NOT NULL REFERENCES reference_layer_batch (id), province_code text NOT NULL, '
  'division_code text NOT NULL REFERENCES division (code), survey_code text, '
  'land_class_code text NOT NULL REFERENCES land_class (code), area_m2 double precision NOT NULL, '
  'geom geometry(MultiPolygon, 4490) NOT NULL',
  'batch_id, province_code, division_code, survey_code, land_class_code, area_m2, geom');

SELECT pg_temp.reclaim_partition_by_province('farmland_parcel',
  'batch_id uuid NOT NULL REFERENCES reference_layer_batch (id), province_code text NOT NULL, '
  'division_code text NOT NULL REFERENCES division (code), survey_code text, '
  'area_m2 double precision NOT NULL, geom geometry(MultiPolygon, 4490) NOT NULL',
  'batch_id, province_code, division_code, survey_code, area_m2, geom');

-- History (record_version): one row per stored state of every versioned record, the fastest
-- growing table. Nothing references it; it is read by entity and id (a record's history, which
-- probes each partition's index) or by scope and time (pruned to the province).
ALTER TABLE record_version RENAME TO record_version_unpartitioned;
ALTER TABLE record_version_unpartitioned RENAME CONSTRAINT record_version_pkey TO record_version_unpartitioned_pkey;
ALTER INDEX record_version_scope_idx RENAME TO record_version_unpartitioned_scope_idx;
ALTER INDEX record_version_actor_idx RENAME TO record_version_unpartitioned_actor_idx;
CREATE TABLE record_version (
  LIKE record_version_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  -- (entity, entity_id, version) stays unique by construction: the version trigger numbers a
  -- record's versions and a record keeps its province.
  PRIMARY KEY (province_code, entity, entity_id, version)
) PARTITION BY LIST (province_code);
SELECT pg_temp.reclaim_province_partitions('record_version');
INSERT INTO record_version SELECT * FROM record_version_unpartitioned;
DROP TABLE record_version_unpartitioned;
CREATE INDEX record_version_entity_idx ON record_version (entity, entity_id, version);
CREATE INDEX record_version_scope_idx ON record_version (division_code, changed_at);
CREATE INDEX record_version_actor_idx ON record_version (changed_by, changed_at);
REVOKE INSERT, UPDATE ON record_version FROM reclaim_app;
ALTER TABLE record_version ENABLE ROW LEVEL SECURITY;
CREATE POLICY record_version_scope ON record_version FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE TRIGGER record_version_no_delete BEFORE DELETE ON record_version
  FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete();
CREATE TRIGGER record_version_no_truncate BEFORE TRUNCATE ON record_version
  FOR EACH STATEMENT EXECUTE FUNCTION reclaim_forbid_delete();
SELECT pg_temp.reclaim_close_partitions('record_version');

DROP FUNCTION pg_temp.reclaim_partition_by_province(text, text, text);
DROP FUNCTION pg_temp.reclaim_close_partitions(text);
DROP FUNCTION pg_temp.reclaim_province_partitions(text);

-- Division boundaries (行政区, the land survey's XZQ layer) as a third survey reference layer
-- (issue 5): the map draws them as outlines with their names. Reclaim ships no boundary of a
-- real place (a published map needs an 审图号); each bureau loads the XZQ layer of its own
-- survey delivery, county by county, through the survey-layer import like DLTB and YJJBNT.
--
-- XZQDM (行政区代码) comes as 6, 9 or 12 digits (county, township, village); it is kept as
-- delivered in boundary_code with the name (XZQMC), and its first six digits, a county of the
-- division table, are division_code: the scope that row-level security checks. Partitioned by
-- province like the other layers (migration 0012), with the same policies and the same
-- bounding-box key function (migration 0013).

ALTER TABLE reference_layer_batch DROP CONSTRAINT reference_layer_batch_layer_check;
ALTER TABLE reference_layer_batch ADD CONSTRAINT reference_layer_batch_layer_check
  CHECK (layer IN ('land_class', 'farmland', 'division'));

CREATE SEQUENCE division_boundary_id_seq AS bigint;
CREATE TABLE division_boundary (
  id            bigint NOT NULL DEFAULT nextval('division_boundary_id_seq'),
  batch_id      uuid   NOT NULL REFERENCES reference_layer_batch (id),
  province_code text   NOT NULL,
  division_code text   NOT NULL REFERENCES division (code),
  boundary_code text   NOT NULL,          -- XZQDM as delivered (6, 9 or 12 digits)
  name          text,                     -- XZQMC as delivered
  area_m2       double precision NOT NULL,  -- ellipsoidal, computed on load
  geom          geometry(MultiPolygon, 4490) NOT NULL,
  CHECK (province_code = left(division_code, 2)),
  CHECK (boundary_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' AND left(boundary_code, 6) = division_code),
  PRIMARY KEY (province_code, id)
) PARTITION BY LIST (province_code);
ALTER SEQUENCE division_boundary_id_seq OWNED BY division_boundary.id;

DO $$
DECLARE
  code text;
BEGIN
  FOREACH code IN ARRAY ARRAY['11','12','13','14','15','21','22','23','31','32','33','34','35',
    '36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65']
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF division_boundary FOR VALUES IN (%L)',
      'division_boundary_p' || code, code);
  END LOOP;
  CREATE TABLE division_boundary_pdefault PARTITION OF division_boundary DEFAULT;
END $$;

CREATE INDEX division_boundary_geom_idx ON division_boundary USING gist (geom);
CREATE INDEX division_boundary_scope_idx ON division_boundary (division_code);
CREATE INDEX division_boundary_batch_idx ON division_boundary (batch_id);
CREATE INDEX division_boundary_id_idx ON division_boundary (id);

ALTER TABLE division_boundary ENABLE ROW LEVEL SECURITY;
CREATE POLICY division_boundary_scope ON division_boundary FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY division_boundary_insert ON division_boundary FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
GRANT SELECT, INSERT ON division_boundary TO reclaim_app;
GRANT USAGE, SELECT ON SEQUENCE division_boundary_id_seq TO reclaim_app;

-- The app role reaches rows only through the parent and its policies.
DO $$
DECLARE
  part text;
BEGIN
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'division_boundary'::regclass
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', part);
    EXECUTE format('REVOKE ALL ON %I FROM reclaim_app', part);
  END LOOP;
END $$;

-- Candidates through the GiST index with their partition key (as migration 0013): under
-- row-level security the planner does not use && itself; the caller reads the rows as
-- reclaim_app, so the policies still decide.
CREATE FUNCTION reclaim_division_boundary_keys_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS TABLE (province_code text, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT province_code, id FROM division_boundary
  WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;
REVOKE ALL ON FUNCTION reclaim_division_boundary_keys_in_box(float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_division_boundary_keys_in_box(float8, float8, float8, float8) TO reclaim_app;

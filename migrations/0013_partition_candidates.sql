-- Bounding-box candidates of the partitioned survey layers (migration 0012) with their
-- partition key. Joining a layer on its id alone would probe the id index of every province's
-- partition for each candidate; joining on (province_code, id) lets PostgreSQL prune to the one
-- partition that holds it (run-time pruning in a parameterised nested loop). Same contract as
-- migration 0008: run as the owner through the GiST index, return keys only, and the outer
-- query reads the table as reclaim_app so that row-level security decides what is seen.

CREATE FUNCTION reclaim_land_class_parcel_keys_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS TABLE (province_code text, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT province_code, id FROM land_class_parcel
  WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;

CREATE FUNCTION reclaim_farmland_parcel_keys_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS TABLE (province_code text, id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT province_code, id FROM farmland_parcel
  WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;

REVOKE ALL ON FUNCTION reclaim_land_class_parcel_keys_in_box(float8, float8, float8, float8) FROM PUBLIC;
REVOKE ALL ON FUNCTION reclaim_farmland_parcel_keys_in_box(float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_land_class_parcel_keys_in_box(float8, float8, float8, float8) TO reclaim_app;
GRANT EXECUTE ON FUNCTION reclaim_farmland_parcel_keys_in_box(float8, float8, float8, float8) TO reclaim_app;

-- The id-only versions of migration 0008 now have no caller for the layers.
DROP FUNCTION reclaim_land_class_parcel_in_box(float8, float8, float8, float8);
DROP FUNCTION reclaim_farmland_parcel_in_box(float8, float8, float8, float8);

-- Bounding-box candidates through the GiST indexes, for queries that run under row-level
-- security. PostGIS's bbox operators (&&) are not LEAKPROOF, so for a caller subject to RLS
-- PostgreSQL may not use a query's own spatial condition as an index condition: every bbox
-- query became a scan of the whole table (measured: 100,000 records, a 0.01° box, ~800 ms
-- as reclaim_app against ~4 ms as the owner). These functions run as the owner, use the
-- index, and return ids only. The outer query still reads the table as reclaim_app, so
-- row-level security alone decides which of the candidates the caller sees:
--
--   WHERE t.id IN (SELECT reclaim_temporary_land_in_box($1, $2, $3, $4))
--     AND ST_Intersects(t.geom, …)
--
-- Arguments are degrees in EPSG:4490, longitude first: min_lng, min_lat, max_lng, max_lat.

CREATE FUNCTION reclaim_temporary_land_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT id FROM temporary_land WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;

CREATE FUNCTION reclaim_land_class_parcel_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT id FROM land_class_parcel WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;

CREATE FUNCTION reclaim_farmland_parcel_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT id FROM farmland_parcel WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;

REVOKE ALL ON FUNCTION reclaim_temporary_land_in_box(float8, float8, float8, float8) FROM PUBLIC;
REVOKE ALL ON FUNCTION reclaim_land_class_parcel_in_box(float8, float8, float8, float8) FROM PUBLIC;
REVOKE ALL ON FUNCTION reclaim_farmland_parcel_in_box(float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_temporary_land_in_box(float8, float8, float8, float8) TO reclaim_app;
GRANT EXECUTE ON FUNCTION reclaim_land_class_parcel_in_box(float8, float8, float8, float8) TO reclaim_app;
GRANT EXECUTE ON FUNCTION reclaim_farmland_parcel_in_box(float8, float8, float8, float8) TO reclaim_app;

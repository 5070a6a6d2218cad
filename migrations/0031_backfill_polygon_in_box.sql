-- The back-fill review's tiles (src/supervision/backfill/polygon-tiles.store.ts) read the
-- polygons in a tile's box. Under row-level security the planner may not use the GiST index
-- for `&&` (the operator is not leakproof), so every tile would read every back-fill polygon
-- the caller may see. As the in-box functions of migrations 0008, 0009 and 0029, this finds
-- the candidates as the owner; the policies still decide on the rows read back by id.
CREATE FUNCTION reclaim_backfill_polygon_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 1000 AS $$
  SELECT id FROM backfill_polygon WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;
REVOKE ALL ON FUNCTION reclaim_backfill_polygon_in_box(float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_backfill_polygon_in_box(float8, float8, float8, float8) TO reclaim_app;

-- The enforcement review's tiles (src/supervision/enforcement/polygon-tiles.store.ts) read one
-- batch's polygons in a tile's box. Under row-level security the planner uses neither the GiST
-- index for `&&` nor, for both filters together, the better of the two indexes, so a tile read
-- every polygon of the batch (hundreds of thousands for a province) or, through
-- reclaim_change_polygon_in_box, every batch's polygons in the box. This function, as the
-- in-box functions of migrations 0008 and 0009, finds the candidates as the owner with both
-- filters, so the planner picks the batch's index for a box holding most of it and the GiST
-- index for a small box; the policies still decide on the rows read back by id.
CREATE FUNCTION reclaim_change_polygon_in_batch_box(batch uuid, min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 1000 AS $$
  SELECT id FROM change_polygon
  WHERE batch_id = batch AND geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;
REVOKE ALL ON FUNCTION reclaim_change_polygon_in_batch_box(uuid, float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_change_polygon_in_batch_box(uuid, float8, float8, float8, float8) TO reclaim_app;

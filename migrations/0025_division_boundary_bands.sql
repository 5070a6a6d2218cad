-- Pre-simplified copies of the division boundaries for zoomed-out tiles (issue 5). A real XZQ
-- county boundary has 10^4–10^5 vertices; a tile at zoom 8 cannot show more than a few hundred
-- of them, yet read, transformed and simplified all of them for every tile. Each boundary now
-- carries one copy per zoom band, built when it is stored (generated columns: every load path,
-- and the rows already loaded, get them), and tiles of zooms 0–11 read the band's copy
-- (src/reference/tiles/domain/boundary-bands.ts picks it; zoom 12 and deeper read the full geometry).
--
-- Tolerance: half a tile unit of the band's deepest zoom, on the ground. A tile is 4096 units
-- wide, so a unit is 40 075 016.69 m / 2^z / 4096 in Web Mercator metres, and cos(latitude)
-- times that on the ground: at Xuzhou (34.4°N) 126 m for zooms 0–5, 15.8 m for 6–8 and
-- 1.97 m for 9–11. The tile then simplifies by half a unit of its own zoom anyway, so the copy
-- takes away nothing a tile of the band can draw. The copy is simplified in degrees, by the
-- ground tolerance over 111 319.49 m (a degree of latitude; a degree of longitude is shorter,
-- so the error along it is smaller still), with the latitude farthest from the equator that the
-- boundary reaches (the smallest cos, hence the smallest tolerance it needs anywhere).
-- ST_SimplifyPreserveTopology (GEOS) keeps every ring valid and simple, never collapsing it, so
-- a copy stays a valid polygon with its holes (ST_Multi: GEOS 3.11 returns a one-part
-- multipolygon as a polygon). Neighbouring counties are simplified one by one
-- (PostGIS 3.3 has no ST_CoverageSimplify), so their shared edge may part by up to twice the
-- tolerance: one tile unit, an eighth of a screen pixel at most.
--
-- The label point (ST_PointOnSurface, which the tiles used to compute from the full geometry
-- for every tile) is stored the same way.

CREATE FUNCTION reclaim_boundary_simplified(g geometry, deepest_zoom integer) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = public, pg_temp AS $$
  SELECT ST_Multi(ST_SimplifyPreserveTopology(g,
    40075016.685578488 / 4096 / 2 ^ deepest_zoom / 2
      * cos(radians(greatest(abs(ST_YMin(g)), abs(ST_YMax(g))))) / 111319.490793274))
$$;

ALTER TABLE division_boundary
  ADD COLUMN geom_z5 geometry(MultiPolygon, 4490)
    GENERATED ALWAYS AS (reclaim_boundary_simplified(geom, 5)) STORED,
  ADD COLUMN geom_z8 geometry(MultiPolygon, 4490)
    GENERATED ALWAYS AS (reclaim_boundary_simplified(geom, 8)) STORED,
  ADD COLUMN geom_z11 geometry(MultiPolygon, 4490)
    GENERATED ALWAYS AS (reclaim_boundary_simplified(geom, 11)) STORED,
  ADD COLUMN label_point geometry(Point, 4490)
    GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;

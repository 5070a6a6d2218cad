-- change_polygon_coverage holds derived rows written only by the cross-check (TL-ENF-02) from
-- change_polygon, by one array upsert per chunk; change polygons are never deleted. The foreign
-- key cost a check per row (about 0.5 s per 20,000 rows at province scale, docs/benchmarks.md)
-- and protected nothing the writer does not already guarantee.
ALTER TABLE change_polygon_coverage DROP CONSTRAINT change_polygon_coverage_polygon_id_fkey;

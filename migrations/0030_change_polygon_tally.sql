-- The enforcement review's most zoomed-out tiles (zooms 0–7) from counts instead of polygons
-- (src/supervision/enforcement/polygon-tiles.store.ts): a province's monthly batch holds
-- hundreds of thousands of change polygons, and a tile that counts them one by one reads all
-- of them (about 16–21 µs each: 3–4 s for the opening view of 200,000). A batch's polygons
-- never change, and their coverage kind changes only when the batch is cross-checked, so the
-- cross-check (computeCoverage, as the owner) counts them again per zoom-11 tile, county and
-- kind; a zoomed-out tile adds those rows up, as the register's tally (migration 0026) serves
-- its zooms 0–7. Positions are sums of the polygons' bounding-box centres in EPSG:3857.
CREATE TABLE change_polygon_tally (
  batch_id      uuid    NOT NULL REFERENCES enforcement_batch (id),
  province_code text    NOT NULL,
  division_code text    NOT NULL,
  kind          text    NOT NULL,                -- covered, the main cause, or not_computed
  gx            integer NOT NULL,                -- zoom-11 tile column of the polygons' centres
  gy            integer NOT NULL,                -- zoom-11 tile row
  polygons      integer NOT NULL,
  sum_x         double precision NOT NULL,       -- sum of their centres' EPSG:3857 x
  sum_y         double precision NOT NULL        -- and y
);
CREATE INDEX change_polygon_tally_cell_idx ON change_polygon_tally (batch_id, gx, gy);

-- Only the cross-check writes it (as the owner); readers see their division's rows.
REVOKE INSERT, UPDATE, DELETE ON change_polygon_tally FROM reclaim_app;
ALTER TABLE change_polygon_tally ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_tally_scope ON change_polygon_tally FOR SELECT TO reclaim_app
  USING ((SELECT reclaim_is_government())
         AND coalesce(division_code ~~ (SELECT reclaim_scope_like()), false));

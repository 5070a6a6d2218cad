-- Parcels counted per county, state, publication and zoom-11 tile, kept as the register
-- changes, so that the map's zoomed-out tiles (zooms 0–7, src/register/tiles/tally.store.ts)
-- add up a few hundred rows instead of reading a province's parcels one by one.
--
-- A parcel is where the centre of its bounding box is (as in the overview tiles of zooms 8–10),
-- in Web Mercator (EPSG:3857) metres, by the spherical Mercator formulas rather than
-- ST_Transform (the same numbers for CGCS2000 degrees, at a fraction of the cost per row). Written-off records and records without a boundary are
-- never drawn and are not counted. Records are never deleted (0001 refuses DELETE and TRUNCATE);
-- a deletion by the owner with that guard switched off is still counted out.
--
-- The table is a log of sums: every statement that changes temporary_land adds one row per key
-- it changed (+1 for a row that arrives in a key, −1 for one that leaves it, with its area and
-- position), and folds into that row the key's other rows that no other transaction holds
-- (FOR UPDATE SKIP LOCKED): nobody waits for a lock on the tally, not even a registration beside
-- a long import, and a key has one row plus one per transaction still writing it. The sum of a
-- key's committed rows is always the key's true count, area and position sum.

CREATE TABLE temporary_land_tally (
  division_code text    NOT NULL,
  state         text    NOT NULL,
  published     boolean NOT NULL,                -- disclosure_published_on IS NOT NULL
  gx            integer NOT NULL,                -- zoom-11 tile column of the parcels' centres
  gy            integer NOT NULL,                -- zoom-11 tile row
  parcels       integer NOT NULL,
  area_m2       double precision NOT NULL,       -- their area on the ellipsoid
  sum_x         double precision NOT NULL,       -- sum of their centres' EPSG:3857 x
  sum_y         double precision NOT NULL        -- and y
);
CREATE INDEX temporary_land_tally_cell_idx ON temporary_land_tally (gx, gy);

-- Only the triggers below write it; readers see what the register's policies would show.
REVOKE INSERT, UPDATE ON temporary_land_tally FROM reclaim_app;
ALTER TABLE temporary_land_tally ENABLE ROW LEVEL SECURITY;
CREATE POLICY temporary_land_tally_government ON temporary_land_tally FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY temporary_land_tally_public ON temporary_land_tally FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'public' AND published);

-- The rows of temporary_land a statement changed, as signed tally entries: `source` selects
-- them (with a `sign` column) from the statement's transition tables.
CREATE FUNCTION reclaim_tally_entries(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT c.division_code, c.state, c.disclosure_published_on IS NOT NULL AS published,
           least(2047, greatest(0, floor((ST_X(p.m) + 20037508.342789244) / 19567.879241005125)))::int AS gx,
           least(2047, greatest(0, floor((20037508.342789244 - ST_Y(p.m)) / 19567.879241005125)))::int AS gy,
           c.sign, c.sign * c.area_m2 AS area_m2, c.sign * ST_X(p.m) AS x, c.sign * ST_Y(p.m) AS y
    FROM (%s) c,
         LATERAL (SELECT ST_MakePoint(6378137 * radians((ST_XMin(c.geom) + ST_XMax(c.geom)) / 2),
                                      6378137 * ln(tan(pi() / 4 + radians((ST_YMin(c.geom) + ST_YMax(c.geom)) / 4)))) AS m) p
    WHERE c.geom IS NOT NULL AND c.state <> 'written_off'$q$, source)
$$;

CREATE FUNCTION reclaim_tally_register() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  source text;
BEGIN
  source := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM reclaim_tally_new n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM reclaim_tally_old o'
    ELSE 'SELECT n.*, 1 AS sign FROM reclaim_tally_new n UNION ALL SELECT o.*, -1 AS sign FROM reclaim_tally_old o'
  END;
  -- A key's change (an update that moved nothing cancels out and writes nothing), then the
  -- key's rows no other transaction holds, folded into one. Sums of floating-point values that
  -- cancel leave a residue far below a square metre; it is dropped with the row.
  EXECUTE format($q$
    WITH entry AS (%s),
    delta AS (
      SELECT division_code, state, published, gx, gy, sum(sign)::int AS parcels,
             sum(area_m2) AS area_m2, sum(x) AS sum_x, sum(y) AS sum_y
      FROM entry GROUP BY division_code, state, published, gx, gy
      HAVING sum(sign) <> 0 OR abs(sum(area_m2)) > 1e-9 * sum(abs(area_m2)) + 1e-6
          OR abs(sum(x)) > 1e-12 * sum(abs(x)) + 1e-6 OR abs(sum(y)) > 1e-12 * sum(abs(y)) + 1e-6
    ),
    gone AS (
      DELETE FROM temporary_land_tally
      WHERE ctid IN (SELECT t.ctid FROM temporary_land_tally t
                     JOIN delta d USING (division_code, state, published, gx, gy)
                     FOR UPDATE OF t SKIP LOCKED)
      RETURNING division_code, state, published, gx, gy, parcels, area_m2, sum_x, sum_y
    )
    INSERT INTO temporary_land_tally
    SELECT division_code, state, published, gx, gy, sum(parcels)::int, sum(area_m2), sum(sum_x), sum(sum_y)
    FROM (SELECT * FROM delta UNION ALL SELECT * FROM gone) k
    GROUP BY division_code, state, published, gx, gy
    HAVING sum(parcels) <> 0 OR abs(sum(area_m2)) > 1e-9 * sum(abs(area_m2)) + 1e-6
        OR abs(sum(sum_x)) > 1e-12 * sum(abs(sum_x)) + 1e-6 OR abs(sum(sum_y)) > 1e-12 * sum(abs(sum_y)) + 1e-6$q$, reclaim_tally_entries(source));
  RETURN NULL;
END
$$;

CREATE TRIGGER temporary_land_inserted_tally
AFTER INSERT ON temporary_land REFERENCING NEW TABLE AS reclaim_tally_new
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_tally_register();

CREATE TRIGGER temporary_land_updated_tally
AFTER UPDATE ON temporary_land
REFERENCING OLD TABLE AS reclaim_tally_old NEW TABLE AS reclaim_tally_new
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_tally_register();

CREATE TRIGGER temporary_land_deleted_tally
AFTER DELETE ON temporary_land REFERENCING OLD TABLE AS reclaim_tally_old
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_tally_register();

-- The register as it stands.
DO $$
BEGIN
  EXECUTE format($q$
    INSERT INTO temporary_land_tally
    SELECT division_code, state, published, gx, gy, sum(sign)::int, sum(area_m2), sum(x), sum(y)
    FROM (%s) e
    GROUP BY division_code, state, published, gx, gy$q$,
    reclaim_tally_entries('SELECT t.*, 1 AS sign FROM temporary_land t'));
END
$$;

-- The register's change notices say where (the tile cache drops only the tiles a change
-- reaches, src/register/tiles/tile-cache.ts). The payload of NOTIFY reclaim_register_changed
-- becomes 'west,south,east,north': the EPSG:4490 extent of every parcel a statement inserted,
-- changed (before and after the change) or deleted. A statement whose rows have no boundary
-- before or after sends nothing (no tile draws them); TRUNCATE sends an empty payload, which
-- listeners read as "anything may have changed". PostgreSQL still delivers notices only when
-- the transaction commits and folds identical ones within a transaction.

DROP TRIGGER temporary_land_changed_notice ON temporary_land;

CREATE OR REPLACE FUNCTION reclaim_notify_register_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed box2d;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('reclaim_register_changed', '');
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT ST_Extent(geom) INTO changed FROM reclaim_register_new;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT ST_Extent(geom) INTO changed FROM reclaim_register_old;
  ELSE
    SELECT ST_Extent(geom) INTO changed
    FROM (SELECT geom FROM reclaim_register_new UNION ALL SELECT geom FROM reclaim_register_old) g;
  END IF;
  IF changed IS NOT NULL THEN
    PERFORM pg_notify('reclaim_register_changed',
      concat_ws(',', ST_XMin(changed), ST_YMin(changed), ST_XMax(changed), ST_YMax(changed)));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER temporary_land_inserted_notice
AFTER INSERT ON temporary_land REFERENCING NEW TABLE AS reclaim_register_new
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_notify_register_changed();

CREATE TRIGGER temporary_land_updated_notice
AFTER UPDATE ON temporary_land
REFERENCING OLD TABLE AS reclaim_register_old NEW TABLE AS reclaim_register_new
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_notify_register_changed();

CREATE TRIGGER temporary_land_deleted_notice
AFTER DELETE ON temporary_land REFERENCING OLD TABLE AS reclaim_register_old
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_notify_register_changed();

CREATE TRIGGER temporary_land_truncated_notice
AFTER TRUNCATE ON temporary_land
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_notify_register_changed();

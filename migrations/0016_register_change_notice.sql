-- Tell listeners when the register's parcels change. A statement-level trigger on
-- temporary_land sends NOTIFY reclaim_register_changed; PostgreSQL delivers it when the
-- transaction commits (never for one that rolls back) and folds repeats within a transaction
-- into one. The vector-tile cache (src/register/tiles/tile-cache.ts) drops its tiles on it, so
-- every writer — the API, `reclaim import`, another server on the same database — is seen.

CREATE FUNCTION reclaim_notify_register_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reclaim_register_changed', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER temporary_land_changed_notice
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON temporary_land
FOR EACH STATEMENT EXECUTE FUNCTION reclaim_notify_register_changed();

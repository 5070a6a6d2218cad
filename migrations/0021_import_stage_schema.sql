-- Imports stage their parcels in a table of their own (src/register/import/import-stage.store.ts)
-- in this schema instead of a temporary table: PostgreSQL's parallel workers cannot read a
-- temporary table (it lives in the leader's local buffers), so the overlay of a large import
-- ran on one core. The stage is an UNLOGGED table created and dropped inside the import's
-- transaction: no other session ever sees it, a rolled-back import leaves nothing behind, and
-- its rows are never written to the WAL (as a temporary table's were not). reclaim_app may
-- create tables here and nowhere else; it owns what it creates and nothing more.
CREATE SCHEMA IF NOT EXISTS reclaim_import;
REVOKE ALL ON SCHEMA reclaim_import FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA reclaim_import TO reclaim_app;

-- Placeholder on the back-fill branch only: migration 0009 belongs to the enforcement
-- cross-check (branch `enforcement`), which lands it. When merging, take that branch's file.
SELECT 1;

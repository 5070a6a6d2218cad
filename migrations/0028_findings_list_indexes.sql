-- The supervisor's list of findings at scale (findings.store.ts listFindings): a cross-check of
-- a province's change polygons stores one finding per uncovered polygon, hundreds of thousands
-- of them. As for the register's list (0027), its scope and division filters are now the
-- leakproof `^@`, which these indexes serve under row-level security — a county's findings by
-- the prefix of their division code, a page newest first from the order of the list.
CREATE INDEX supervision_finding_division_prefix_idx ON supervision_finding (division_code text_pattern_ops);
CREATE INDEX supervision_finding_list_order_idx ON supervision_finding (first_seen_on DESC, rule_code, finding_key);

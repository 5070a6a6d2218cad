-- Supervision (监管): the daily evaluation's runs, the findings it stores with their
-- lifecycle (open → acknowledged → rectified → closed, with history), and the county brake
-- (TL-SUP-06) per county and year.

-- The code prefix shared by everything inside a division ('' for the nation): the SQL twin of
-- scopePrefixOf in src/reference/divisions/domain/division-code.ts.
CREATE FUNCTION reclaim_division_prefix(code text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN code = '000000' THEN ''
              WHEN code LIKE '__0000' THEN left(code, 2)
              WHEN code LIKE '____00' THEN left(code, 4)
              ELSE code END
$$;

CREATE TABLE evaluation_run (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  as_of         date        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  triggered_by  text        NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at   timestamptz,
  summary       jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX evaluation_run_scope_idx ON evaluation_run (division_code, started_at);
ALTER TABLE evaluation_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_run_scope ON evaluation_run FOR SELECT TO reclaim_app
  -- a run is visible inside the division it covered and to those above it
  USING (reclaim_is_government() AND (reclaim_in_scope(division_code)
         OR current_setting('reclaim.scope', true) LIKE reclaim_division_prefix(division_code) || '%'));

CREATE TABLE supervision_finding (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  -- rule | subject kind | subject | period: what makes a finding the same one on the next run
  finding_key   text        NOT NULL UNIQUE,
  province_code text        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  rule_code     text        NOT NULL,
  subject_kind  text        NOT NULL CHECK (subject_kind IN ('temporary_land', 'county', 'change_polygon', 'backfill_polygon')),
  record_id     uuid        REFERENCES temporary_land (id),
  period        text        NOT NULL DEFAULT '',
  severity      text        NOT NULL CHECK (severity IN ('error', 'warning')),
  message_zh    text        NOT NULL,
  message_en    text        NOT NULL,
  evidence      jsonb       NOT NULL,
  status        text        NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'acknowledged', 'rectified', 'closed')),
  first_seen_on date        NOT NULL,
  -- the as-of date on which the rule stopped firing (null while it fires)
  resolved_on   date,
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((subject_kind = 'temporary_land') = (record_id IS NOT NULL))
);
CREATE INDEX supervision_finding_scope_idx ON supervision_finding (province_code, division_code, rule_code, status);
CREATE INDEX supervision_finding_record_idx ON supervision_finding (record_id);
SELECT reclaim_track_history('supervision_finding');
ALTER TABLE supervision_finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY supervision_finding_scope ON supervision_finding TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE TABLE county_brake_status (
  division_code text        NOT NULL REFERENCES division (code),
  year          integer     NOT NULL,
  province_code text        NOT NULL,
  as_of         date        NOT NULL,
  due_m2        double precision NOT NULL,
  due_count     integer     NOT NULL,
  overdue_m2    double precision NOT NULL,
  overdue_count integer     NOT NULL,
  share         double precision NOT NULL,
  threshold     double precision NOT NULL,
  brake_on      boolean     NOT NULL,
  run_id        uuid        NOT NULL REFERENCES evaluation_run (id),
  PRIMARY KEY (division_code, year),
  CHECK (province_code = left(division_code, 2))
);
ALTER TABLE county_brake_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY county_brake_status_scope ON county_brake_status FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));

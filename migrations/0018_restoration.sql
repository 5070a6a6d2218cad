-- Ecological restoration (生态修复) of subsidence and other damaged land that is not a
-- temporary-land record: projects with their polygons, targets, state and history; periodic
-- measurements (with photos and reports stored like the register's attachments); funding
-- lines. And acceptance criteria as data (验收标准): rows a bureau fills from its own copy of
-- TD/T 1036, keyed by reclamation region, direction and indicator, never hard-coded.
-- Depends on migrations up to 0016 only. Nothing is deleted: rows are withdrawn or superseded.

CREATE TABLE restoration_project (
  id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code      text        NOT NULL,
  division_code      text        NOT NULL REFERENCES division (code),
  name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  responsible_unit   text        NOT NULL CHECK (length(responsible_unit) BETWEEN 1 AND 200),
  damage_kind        text        NOT NULL CHECK (damage_kind IN ('subsidence', 'open_pit', 'waste_dump',
                       'industrial', 'other')),
  -- the reclamation region (复垦区域) of the bureau's criteria table that applies here, if any
  criteria_region    text        CHECK (criteria_region IS NULL OR criteria_region ~ '^[a-z][a-z0-9_]{1,39}$'),
  geom               geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
  area_m2            double precision NOT NULL CHECK (area_m2 > 0),  -- on the CGCS2000 ellipsoid
  -- target area per restoration type in m² ({"wetland": 1200000, …}) and vegetation cover in %
  target_area_m2     jsonb       NOT NULL CHECK (jsonb_typeof(target_area_m2) = 'object'),
  target_vegetation_cover_pct double precision CHECK (target_vegetation_cover_pct BETWEEN 0 AND 100),
  planned_start_on   date,
  planned_end_on     date        CHECK (planned_end_on IS NULL OR planned_start_on IS NULL
                       OR planned_end_on >= planned_start_on),
  state              text        NOT NULL DEFAULT 'planned'
                       CHECK (state IN ('planned', 'under_way', 'completed', 'accepted')),
  state_changed_on   date,
  state_reason       text        CHECK (state_reason IS NULL OR length(state_reason) <= 2000),
  note               text        CHECK (note IS NULL OR length(note) <= 4000),
  created_by         text        NOT NULL,
  version            integer     NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX restoration_project_scope_idx ON restoration_project (province_code, division_code, state);
CREATE INDEX restoration_project_geom_idx ON restoration_project USING gist (geom);
SELECT reclaim_track_history('restoration_project');
ALTER TABLE restoration_project ENABLE ROW LEVEL SECURITY;
CREATE POLICY restoration_project_scope ON restoration_project TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- A measurement states the situation on a date: the area restored so far per type (cumulative,
-- not an increment), vegetation cover, and any other indicator values for the criteria check.
CREATE TABLE restoration_measurement (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id           uuid        NOT NULL REFERENCES restoration_project (id),
  province_code        text        NOT NULL,
  division_code        text        NOT NULL REFERENCES division (code),
  measured_on          date        NOT NULL,
  source               text        NOT NULL CHECK (source IN ('field_survey', 'remote_sensing',
                         'third_party_report')),
  restored_area_m2     jsonb       NOT NULL CHECK (jsonb_typeof(restored_area_m2) = 'object'),
  vegetation_cover_pct double precision CHECK (vegetation_cover_pct BETWEEN 0 AND 100),
  -- [{"indicator": "soil_thickness", "value": 62, "unit": "cm"}, …]
  indicators           jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(indicators) = 'array'),
  note                 text        CHECK (note IS NULL OR length(note) <= 4000),
  status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  recorded_by          text        NOT NULL,
  version              integer     NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX restoration_measurement_project_idx ON restoration_measurement (project_id, measured_on);
SELECT reclaim_track_history('restoration_measurement');
ALTER TABLE restoration_measurement ENABLE ROW LEVEL SECURITY;
CREATE POLICY restoration_measurement_scope ON restoration_measurement TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Photos and reports of a measurement; content stored once per checksum with the register's
-- attachments (reclaim_store_attachment_content).
CREATE TABLE restoration_attachment (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  measurement_id uuid        NOT NULL REFERENCES restoration_measurement (id),
  division_code  text        NOT NULL REFERENCES division (code),
  kind           text        NOT NULL CHECK (kind IN ('photo', 'report', 'other')),
  file_name      text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type   text        NOT NULL,
  sha256         text        NOT NULL REFERENCES attachment_content (sha256),
  size_bytes     integer     NOT NULL,
  status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX restoration_attachment_measurement_idx ON restoration_attachment (measurement_id);
SELECT reclaim_track_history('restoration_attachment');
ALTER TABLE restoration_attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY restoration_attachment_scope ON restoration_attachment TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY attachment_content_read_restoration ON attachment_content FOR SELECT TO reclaim_app
  USING (EXISTS (SELECT 1 FROM restoration_attachment a WHERE a.sha256 = attachment_content.sha256));

-- Funding lines (资金): who pays how much in which year.
CREATE TABLE restoration_funding (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id     uuid        NOT NULL REFERENCES restoration_project (id),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  source         text        NOT NULL CHECK (source IN ('central', 'provincial', 'local', 'enterprise',
                   'social_capital')),
  amount_yuan    numeric(16, 2) NOT NULL CHECK (amount_yuan > 0),
  year           integer     NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  note           text        CHECK (note IS NULL OR length(note) <= 2000),
  status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX restoration_funding_project_idx ON restoration_funding (project_id, year);
SELECT reclaim_track_history('restoration_funding');
ALTER TABLE restoration_funding ENABLE ROW LEVEL SECURITY;
CREATE POLICY restoration_funding_scope ON restoration_funding TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Acceptance criteria (验收标准) as data. A bureau (division_code: a province, a city, or the
-- nation for defaults) keeps one set per (region, direction); the most specific division's set
-- applies. Replacing a set supersedes its rows, it never deletes them. is_demo marks example
-- rows that are not the standard's values.
CREATE TABLE acceptance_criterion (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  region         text        NOT NULL CHECK (region ~ '^[a-z][a-z0-9_]{1,39}$'),
  direction      text        NOT NULL CHECK (direction ~ '^[a-z][a-z0-9_]{1,39}$'),
  indicator      text        NOT NULL CHECK (indicator ~ '^[a-z][a-z0-9_]{1,59}$'),
  indicator_zh   text        CHECK (indicator_zh IS NULL OR length(indicator_zh) BETWEEN 1 AND 100),
  operator       text        NOT NULL CHECK (operator IN ('>=', '>', '<=', '<', '=', 'between')),
  threshold      double precision NOT NULL,
  threshold_high double precision CHECK ((operator = 'between') = (threshold_high IS NOT NULL)
                   AND (threshold_high IS NULL OR threshold_high >= threshold)),
  unit           text        NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
  basis          text        CHECK (basis IS NULL OR length(basis) <= 500),  -- clause of the bureau's copy
  is_demo        boolean     NOT NULL DEFAULT false,
  status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'superseded')),
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE UNIQUE INDEX acceptance_criterion_active_key ON acceptance_criterion
  (division_code, region, direction, indicator, operator) WHERE status = 'active';
SELECT reclaim_track_history('acceptance_criterion');
ALTER TABLE acceptance_criterion ENABLE ROW LEVEL SECURITY;
-- Officials read the criteria of their division and of the divisions above it (which apply to
-- them); they write only inside their own division.
CREATE POLICY acceptance_criterion_read ON acceptance_criterion FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND (reclaim_in_scope(division_code)
         OR current_setting('reclaim.scope', true) LIKE reclaim_division_prefix(division_code) || '%'));
CREATE POLICY acceptance_criterion_insert ON acceptance_criterion FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY acceptance_criterion_update ON acceptance_criterion FOR UPDATE TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

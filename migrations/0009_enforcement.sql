-- Enforcement cross-check (TL-ENF-01/02, TL-REG-02): monthly batches of satellite-enforcement
-- (卫片执法) or change-survey (变更调查) polygons with their provenance; each polygon's coverage
-- by lawful approvals with the uncovered remainder split by cause; and the verification of each
-- polygon (assign, field photos, verdict, close) with history.

CREATE TABLE enforcement_batch (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  source         text        NOT NULL CHECK (source IN ('satellite_enforcement', 'change_survey')),
  -- the deliverer's batch id, as delivered; unique per source and division among current batches
  external_id    text        NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  month          text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  division_code  text        NOT NULL REFERENCES division (code),
  files          jsonb       NOT NULL,  -- [{name, format, sizeBytes, sha256}] as delivered
  files_sha256   text        NOT NULL,  -- of the sorted file checksums: a byte-identical re-delivery
  content_sha256 text        NOT NULL,  -- of month, division and the sorted feature digests
  feature_count  integer     NOT NULL CHECK (feature_count > 0),
  area_m2        double precision NOT NULL,
  status         text        NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
  supersedes     uuid        UNIQUE REFERENCES enforcement_batch (id),  -- the batch this one replaced
  computed_at    timestamptz,            -- the last coverage computation
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX enforcement_batch_one_current
  ON enforcement_batch (source, external_id, division_code) WHERE status = 'current';
CREATE INDEX enforcement_batch_scope_idx ON enforcement_batch (division_code, month);
SELECT reclaim_track_history('enforcement_batch');
ALTER TABLE enforcement_batch ENABLE ROW LEVEL SECURITY;
-- A batch is visible inside the division it covers and to the levels above it (a county sees a
-- province's batch, and only its own polygons of it).
CREATE POLICY enforcement_batch_read ON enforcement_batch FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND (reclaim_in_scope(division_code)
         OR current_setting('reclaim.scope', true) LIKE reclaim_division_prefix(division_code) || '%'));
CREATE POLICY enforcement_batch_insert ON enforcement_batch FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY enforcement_batch_update ON enforcement_batch FOR UPDATE TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));

-- The polygons as delivered. Not versioned: they never change (a corrected delivery is a new
-- batch that supersedes the old one); what people do with a polygon is its verification.
CREATE TABLE change_polygon (
  id              uuid    PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id        uuid    NOT NULL REFERENCES enforcement_batch (id),
  province_code   text    NOT NULL,
  division_code   text    NOT NULL REFERENCES division (code),
  file_name       text    NOT NULL,
  feature         integer NOT NULL,      -- 1-based position in its file
  survey_code     text,                  -- 图斑编号 (TBBH / JCBH) as delivered
  change_type     text,                  -- 变化类型 as delivered
  land_class_code text    REFERENCES land_class (code),  -- 现状地类 (DLBM), without the K suffix
  detected_on     date,
  -- what the polygon shows (domain/observed-use.ts) and the temporary-land uses that rules out
  observed_use    text    NOT NULL CHECK (observed_use IN ('permanent_structure', 'mining', 'unrestricted')),
  disallowed_uses text[]  NOT NULL DEFAULT '{}',
  attributes      jsonb   NOT NULL,      -- every attribute as delivered
  area_m2         double precision NOT NULL,  -- on the CGCS2000 ellipsoid
  geom            geometry(MultiPolygon, 4490) NOT NULL,
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX change_polygon_geom_idx ON change_polygon USING gist (geom);
CREATE INDEX change_polygon_batch_idx ON change_polygon (batch_id, id);
CREATE INDEX change_polygon_scope_idx ON change_polygon (province_code, division_code);
ALTER TABLE change_polygon ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_scope ON change_polygon TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Coverage by lawful approvals (TL-ENF-02), recomputed on request. The five areas partition the
-- polygon (m² on the ellipsoid); each cause lists the records of its class that overlap it.
CREATE TABLE change_polygon_coverage (
  polygon_id             uuid    PRIMARY KEY REFERENCES change_polygon (id),
  batch_id               uuid    NOT NULL,  -- the polygon's (no second foreign key to check per row)
  province_code          text    NOT NULL,
  division_code          text    NOT NULL,
  area_m2                double precision NOT NULL,
  covered_m2             double precision NOT NULL,
  use_differs_m2         double precision NOT NULL,
  not_registered_m2      double precision NOT NULL,
  expired_m2             double precision NOT NULL,
  outside_m2             double precision NOT NULL,
  covered_records        uuid[]  NOT NULL,
  use_differs_records    uuid[]  NOT NULL,
  not_registered_records uuid[]  NOT NULL,
  expired_records        uuid[]  NOT NULL,
  tolerance_m2           double precision NOT NULL,
  status                 text    NOT NULL CHECK (status IN ('covered', 'partly_covered', 'uncovered')),
  primary_cause          text    CHECK (primary_cause IN ('use_differs', 'not_registered', 'expired', 'outside')),
  computed_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_polygon_coverage_batch_idx ON change_polygon_coverage (batch_id, status);
ALTER TABLE change_polygon_coverage ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_coverage_scope ON change_polygon_coverage FOR SELECT TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Findings of a batch are found by their batch (the evaluation never touches them).
CREATE INDEX supervision_finding_change_polygon_idx ON supervision_finding ((evidence ->> 'batchId'))
  WHERE subject_kind = 'change_polygon';

-- Verification (核查) of a polygon: created on the first action; pending until then.
CREATE TABLE change_polygon_verification (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  polygon_id     uuid        NOT NULL UNIQUE REFERENCES change_polygon (id),
  division_code  text        NOT NULL,
  state          text        NOT NULL CHECK (state IN ('pending', 'assigned', 'verified', 'closed')),
  assignee_id    uuid        REFERENCES app_user (id),
  verdict        text        CHECK (verdict IN ('lawful', 'illegal', 'not_temporary_land', 'other')),
  verdict_reason text,
  verdict_by     text,
  verdict_on     date,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((verdict IS NULL) = (verdict_reason IS NULL))
);
SELECT reclaim_track_history('change_polygon_verification');
ALTER TABLE change_polygon_verification ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_verification_scope ON change_polygon_verification TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Every workflow step, readable as a timeline (the verification's versions hold the same).
CREATE TABLE change_polygon_event (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  polygon_id    uuid        NOT NULL REFERENCES change_polygon (id),
  division_code text        NOT NULL,
  action        text        NOT NULL,
  from_state    text        NOT NULL,
  to_state      text        NOT NULL,
  detail        jsonb       NOT NULL DEFAULT '{}',
  note          text        NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  recorded_by   text        NOT NULL
);
CREATE INDEX change_polygon_event_polygon_idx ON change_polygon_event (polygon_id, recorded_at);
CREATE TRIGGER change_polygon_event_no_delete BEFORE DELETE ON change_polygon_event
  FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete();
REVOKE UPDATE ON change_polygon_event FROM reclaim_app;
ALTER TABLE change_polygon_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_event_scope ON change_polygon_event TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Field photos (举证照片) of a polygon; content stored once per checksum with the register's
-- attachments (reclaim_store_attachment_content).
CREATE TABLE change_polygon_photo (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  polygon_id    uuid        NOT NULL REFERENCES change_polygon (id),
  division_code text        NOT NULL,
  file_name     text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type  text        NOT NULL,
  sha256        text        NOT NULL REFERENCES attachment_content (sha256),
  size_bytes    integer     NOT NULL,
  taken_on      date,
  status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_polygon_photo_polygon_idx ON change_polygon_photo (polygon_id);
SELECT reclaim_track_history('change_polygon_photo');
ALTER TABLE change_polygon_photo ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_polygon_photo_scope ON change_polygon_photo TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- Photo content is readable through a photo the caller may see, as attachment content is.
CREATE POLICY attachment_content_read_polygon_photo ON attachment_content FOR SELECT TO reclaim_app
  USING (EXISTS (SELECT 1 FROM change_polygon_photo p WHERE p.sha256 = attachment_content.sha256));

-- Bbox candidates through the GiST index under row-level security (see migration 0008).
CREATE FUNCTION reclaim_change_polygon_in_box(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
  SELECT id FROM change_polygon WHERE geom && ST_MakeEnvelope(min_lng, min_lat, max_lng, max_lat, 4490)
$$;
REVOKE ALL ON FUNCTION reclaim_change_polygon_in_box(float8, float8, float8, float8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_change_polygon_in_box(float8, float8, float8, float8) TO reclaim_app;

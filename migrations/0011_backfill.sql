-- Stock back-fill (存量补录, TL-STOCK-01) from the 2021 land-change survey's temporary-land
-- polygons: batches with their provenance, every polygon with its classification (a–d), the
-- evidence that decided it and any supervisor's override; the consequences it has —
-- rectification orders (限期整改, TL-RECL-02) and illegal-land-use cases (违法用地) — and the
-- write-off dossier (核销, TL-SUP-04) that carries a write-off's legal reason and, for a
-- county's request, the confirmation by a level above. Everything is versioned, nothing deleted.

CREATE TABLE backfill_batch (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  survey_year    integer     NOT NULL CHECK (survey_year BETWEEN 2000 AND 2200),
  as_of          date        NOT NULL,
  source         text        NOT NULL CHECK (length(source) BETWEEN 2 AND 500),
  -- [{name, sha256, sizeBytes, format, crs, polygons}] as received
  files          jsonb       NOT NULL,
  -- SHA-256 over the files' own checksums in name order: the same files are the same batch
  content_sha256 text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  -- the thresholds the batch was classified with (rectification days, link share, reclamation years)
  settings       jsonb       NOT NULL,
  imported_by    text        NOT NULL,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (division_code, content_sha256),
  CHECK (province_code = left(division_code, 2))
);
SELECT reclaim_track_history('backfill_batch');
ALTER TABLE backfill_batch ENABLE ROW LEVEL SECURITY;
CREATE POLICY backfill_batch_scope ON backfill_batch TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE TABLE backfill_polygon (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id      uuid        NOT NULL REFERENCES backfill_batch (id),
  province_code text        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  survey_year   integer     NOT NULL,
  file          text        NOT NULL,
  feature       integer     NOT NULL CHECK (feature > 0),
  survey_code   text,                                  -- 图斑编号 as delivered
  attributes    jsonb       NOT NULL,                  -- every attribute as written in the file
  facts         jsonb       NOT NULL,                  -- what was recognised in them
  geom          geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
  area_m2       double precision NOT NULL,
  class         text        NOT NULL CHECK (class IN ('reclaimed_accepted', 'in_term', 'overdue', 'permanent_structure')),
  -- the classifier's decision with its basis (re-run when evidence is added)
  decision      jsonb       NOT NULL,
  -- a supervisor's ruling {class, classifierClass, by, role, on, reason}, or null
  override      jsonb,
  review_due    boolean     NOT NULL DEFAULT false,
  -- the register record the polygon became ('created') or lies on ('linked')
  record_id     uuid        REFERENCES temporary_land (id),
  record_link   text        CHECK (record_link IN ('created', 'linked')),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (batch_id, file, feature),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((record_id IS NULL) = (record_link IS NULL))
);
-- A survey polygon is back-filled once per county and survey year, whichever batch brought it.
CREATE UNIQUE INDEX backfill_polygon_survey_code
  ON backfill_polygon (division_code, survey_year, survey_code) WHERE survey_code IS NOT NULL;
CREATE INDEX backfill_polygon_batch_idx ON backfill_polygon (batch_id, class);
CREATE INDEX backfill_polygon_scope_idx ON backfill_polygon (province_code, division_code, class);
CREATE INDEX backfill_polygon_record_idx ON backfill_polygon (record_id);
CREATE INDEX backfill_polygon_geom_idx ON backfill_polygon USING gist (geom);
SELECT reclaim_track_history('backfill_polygon');
ALTER TABLE backfill_polygon ENABLE ROW LEVEL SECURITY;
CREATE POLICY backfill_polygon_scope ON backfill_polygon TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Evidence supplied for a polygon: a photo or document (content in attachment_content, by
-- checksum) or an explicit flag, each saying what it shows.
CREATE TABLE backfill_evidence (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  polygon_id    uuid        NOT NULL REFERENCES backfill_polygon (id),
  division_code text        NOT NULL REFERENCES division (code),
  kind          text        NOT NULL CHECK (kind IN ('photo', 'document', 'flag')),
  shows         text        NOT NULL CHECK (shows IN ('permanent_structure', 'no_permanent_structure', 'in_use',
                              'not_in_use', 'reclamation_under_way', 'reclaimed', 'accepted', 'not_reclaimed')),
  note          text        CHECK (note IS NULL OR length(note) <= 2000),
  file_name     text        CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
  content_type  text,
  sha256        text        REFERENCES attachment_content (sha256),
  size_bytes    integer,
  status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'flag') = (sha256 IS NULL)),
  CHECK ((sha256 IS NULL) = (file_name IS NULL))
);
CREATE INDEX backfill_evidence_polygon_idx ON backfill_evidence (polygon_id);
SELECT reclaim_track_history('backfill_evidence');
ALTER TABLE backfill_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY backfill_evidence_scope ON backfill_evidence TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- Evidence content is readable through evidence the caller may see, as attachments' is.
CREATE POLICY attachment_content_read_evidence ON attachment_content FOR SELECT TO reclaim_app
  USING (EXISTS (SELECT 1 FROM backfill_evidence e WHERE e.sha256 = attachment_content.sha256));

-- Rectification orders (责令限期整改, TL-RECL-02): open → rectified → verified, or closed.
CREATE TABLE rectification_order (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  record_id     uuid        NOT NULL REFERENCES temporary_land (id),
  polygon_id    uuid        REFERENCES backfill_polygon (id),
  rule_code     text        NOT NULL DEFAULT 'TL-RECL-02',
  grounds       text        NOT NULL CHECK (grounds IN ('used_past_term', 'not_reclaimed_past_deadline')),
  issued_on     date        NOT NULL,
  deadline      date        NOT NULL CHECK (deadline >= issued_on),
  status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectified', 'verified', 'closed')),
  basis         jsonb       NOT NULL,                  -- what the order rests on (the decision's evidence)
  status_note   text,                                  -- what the last move said
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE UNIQUE INDEX rectification_order_one_live_per_polygon
  ON rectification_order (polygon_id) WHERE polygon_id IS NOT NULL AND status IN ('open', 'rectified');
CREATE INDEX rectification_order_scope_idx ON rectification_order (province_code, division_code, status, deadline);
CREATE INDEX rectification_order_record_idx ON rectification_order (record_id);
SELECT reclaim_track_history('rectification_order');
ALTER TABLE rectification_order ENABLE ROW LEVEL SECURITY;
CREATE POLICY rectification_order_scope ON rectification_order TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Illegal-land-use cases (违法用地) handed over from the back-fill: open → investigating →
-- concluded, or dismissed.
CREATE TABLE illegal_land_use_case (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  polygon_id    uuid        REFERENCES backfill_polygon (id),
  record_id     uuid        REFERENCES temporary_land (id),   -- when the polygon lies on a registered record
  grounds       text        NOT NULL CHECK (grounds IN ('permanent_structure')),
  opened_on     date        NOT NULL,
  status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'concluded', 'dismissed')),
  basis         jsonb       NOT NULL,
  status_note   text,
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK (polygon_id IS NOT NULL OR record_id IS NOT NULL)
);
CREATE UNIQUE INDEX illegal_land_use_case_one_live_per_polygon
  ON illegal_land_use_case (polygon_id) WHERE polygon_id IS NOT NULL AND status IN ('open', 'investigating');
CREATE INDEX illegal_land_use_case_scope_idx ON illegal_land_use_case (province_code, division_code, status);
SELECT reclaim_track_history('illegal_land_use_case');
ALTER TABLE illegal_land_use_case ENABLE ROW LEVEL SECURITY;
CREATE POLICY illegal_land_use_case_scope ON illegal_land_use_case TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- The write-off dossier (TL-SUP-04): why (legal reason code, case), who asked, who confirmed.
-- The state change itself is the register lifecycle's write_off transition.
CREATE TABLE write_off (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  record_id      uuid        NOT NULL REFERENCES temporary_land (id),
  reason_code    text        NOT NULL,
  case_id        uuid        REFERENCES illegal_land_use_case (id),
  polygon_id     uuid        REFERENCES backfill_polygon (id),
  occurred_on    date        NOT NULL,
  note           text        CHECK (note IS NULL OR length(note) <= 2000),
  status         text        NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  requested_by   text        NOT NULL,
  requested_role text        NOT NULL,
  decided_by     text,
  decided_role   text,
  decided_at     timestamptz,
  decision_note  text,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((status = 'pending') = (decided_by IS NULL))
);
-- A record has at most one write-off waiting or done.
CREATE UNIQUE INDEX write_off_one_per_record ON write_off (record_id) WHERE status IN ('pending', 'confirmed');
CREATE INDEX write_off_scope_idx ON write_off (province_code, division_code, status);
SELECT reclaim_track_history('write_off');
ALTER TABLE write_off ENABLE ROW LEVEL SECURITY;
CREATE POLICY write_off_scope ON write_off TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- A back-fill walks a new record through several lifecycle transitions in one transaction;
-- now() would give them all the same time, so their order would be lost.
ALTER TABLE record_transition ALTER COLUMN recorded_at SET DEFAULT clock_timestamp();

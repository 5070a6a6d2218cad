-- The temporary-land register (上图入库, TL-REG-03): records with their boundary, term,
-- approval, declared and computed land-class breakdown, lifecycle state and history;
-- transitions with reason codes; attachments stored with checksums.

CREATE TABLE temporary_land (
  id                     uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  system_number          text        UNIQUE,                 -- 系统配号, given on registration
  province_code          text        NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  division_code          text        NOT NULL REFERENCES division (code),
  state                  text        NOT NULL DEFAULT 'approved' CHECK (state IN
                           ('approved', 'registered', 'in_use', 'expired', 'reclaiming', 'accepted', 'converted', 'written_off')),
  project_name           text        NOT NULL CHECK (length(project_name) BETWEEN 1 AND 300),
  project_class          text        NOT NULL CHECK (project_class IN
                           ('energy', 'transport', 'water', 'railway', 'mining_survey', 'oil_gas', 'other')),
  long_cycle             boolean     NOT NULL DEFAULT false,
  oil_gas_integrated     boolean     NOT NULL DEFAULT false,
  project_owner          text,
  land_user              text,
  use_type               text        NOT NULL,
  approval_number        text,
  approval_date          date,
  approval_body          text,
  approval_level         text        CHECK (approval_level IN ('county', 'city', 'province', 'ministry')),
  term_start             date,                               -- as written in the approval
  term_end               date,                               -- as written in the approval
  extensions             jsonb       NOT NULL DEFAULT '[]',   -- TL-TERM-02/05 chain
  backfilled             boolean     NOT NULL DEFAULT false,  -- TL-STOCK-01
  registered_on          date,
  geom                   geometry(MultiPolygon, 4490) CHECK (geom IS NULL OR ST_IsValid(geom)),
  area_m2                double precision,                    -- ellipsoidal, kept by trigger
  declared_area_m2       double precision CHECK (declared_area_m2 IS NULL OR declared_area_m2 >= 0),
  declared_breakdown     jsonb,
  computed_breakdown     jsonb,                               -- last overlay result
  railway_exception      jsonb,                               -- TL-PBF-02 conditions
  restores_cultivation   boolean     NOT NULL DEFAULT false,  -- TL-PBF-01
  reassigned_from_project text,                               -- TL-REUSE-01
  reclamation_plan       jsonb,                               -- plan summary
  deposit                jsonb,                               -- deposit or guarantee summary (TL-RECL-06)
  reclamation_extension  jsonb,                               -- TL-RECL-03
  disclosure_published_on date,                               -- approval publicised (公示)
  disclosure_where       text,
  source                 jsonb,                               -- provenance: file, format, feature
  version                integer     NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX temporary_land_geom_idx ON temporary_land USING gist (geom);
CREATE INDEX temporary_land_scope_idx ON temporary_land (province_code, division_code);
CREATE INDEX temporary_land_state_idx ON temporary_land (state);
CREATE INDEX temporary_land_approval_idx ON temporary_land (approval_date);
SELECT reclaim_track_history('temporary_land');

-- Area on the CGCS2000 ellipsoid, computed by the database whenever the boundary changes.
CREATE FUNCTION reclaim_temporary_land_area() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.area_m2 := CASE WHEN NEW.geom IS NULL THEN NULL ELSE ST_Area(NEW.geom::geography) END;
  RETURN NEW;
END $$;
CREATE TRIGGER temporary_land_area BEFORE INSERT OR UPDATE OF geom ON temporary_land
  FOR EACH ROW EXECUTE FUNCTION reclaim_temporary_land_area();

ALTER TABLE temporary_land ENABLE ROW LEVEL SECURITY;
CREATE POLICY temporary_land_government ON temporary_land TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- The public sees approvals once they are publicised, and never written-off records.
CREATE POLICY temporary_land_public ON temporary_land FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'public' AND disclosure_published_on IS NOT NULL AND state <> 'written_off');

-- Lifecycle transitions with their reason codes (the state itself lives on the record).
CREATE TABLE record_transition (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id     uuid        NOT NULL REFERENCES temporary_land (id),
  division_code text        NOT NULL,
  action        text        NOT NULL,
  from_state    text        NOT NULL,
  to_state      text        NOT NULL,
  reason_code   text        NOT NULL,
  note          text,
  occurred_on   date        NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  recorded_by   text        NOT NULL
);
CREATE INDEX record_transition_record_idx ON record_transition (record_id, recorded_at);
CREATE TRIGGER record_transition_no_delete BEFORE DELETE ON record_transition
  FOR EACH ROW EXECUTE FUNCTION reclaim_forbid_delete();
REVOKE UPDATE ON record_transition FROM reclaim_app;
ALTER TABLE record_transition ENABLE ROW LEVEL SECURITY;
CREATE POLICY record_transition_scope ON record_transition TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Attachments (contract, photos, approval scans): metadata per record, content by checksum.
CREATE TABLE attachment_content (
  sha256     text    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  bytes      bytea   NOT NULL
);
REVOKE UPDATE ON attachment_content FROM reclaim_app;

CREATE TABLE attachment (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id     uuid        NOT NULL REFERENCES temporary_land (id),
  division_code text        NOT NULL,
  kind          text        NOT NULL CHECK (kind IN ('contract', 'photo', 'approval', 'plan', 'other')),
  file_name     text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type  text        NOT NULL,
  sha256        text        NOT NULL REFERENCES attachment_content (sha256),
  size_bytes    integer     NOT NULL,
  status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_record_idx ON attachment (record_id);
SELECT reclaim_track_history('attachment');
ALTER TABLE attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachment_scope ON attachment TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

ALTER TABLE attachment_content ENABLE ROW LEVEL SECURITY;
-- Content is readable only through an attachment the caller may see (attachment has its own RLS).
CREATE POLICY attachment_content_read ON attachment_content FOR SELECT TO reclaim_app
  USING (EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = attachment_content.sha256));
-- Content is added only through this function, which checks the checksum and stores
-- identical content once (the caller could not see an existing copy to detect the conflict).
REVOKE INSERT ON attachment_content FROM reclaim_app;
CREATE FUNCTION reclaim_store_attachment_content(checksum text, content bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF encode(sha256(content), 'hex') <> checksum THEN
    RAISE EXCEPTION 'reclaim: attachment content does not match its checksum %', checksum USING ERRCODE = 'RC004';
  END IF;
  INSERT INTO attachment_content (sha256, size_bytes, bytes) VALUES (checksum, length(content), content)
  ON CONFLICT (sha256) DO NOTHING;
END $$;

-- Per-record system numbers: {county code}-{year}-{sequence}.
CREATE TABLE system_number_sequence (
  division_code text    NOT NULL,
  year          integer NOT NULL,
  last_value    integer NOT NULL,
  PRIMARY KEY (division_code, year)
);

-- Provincial rule packs: overrides of the national thresholds, versioned and visible.
CREATE TABLE rule_pack (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  division_code text        NOT NULL UNIQUE REFERENCES division (code),
  overrides     jsonb       NOT NULL DEFAULT '{}',
  note          text,
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
SELECT reclaim_track_history('rule_pack');
ALTER TABLE rule_pack ENABLE ROW LEVEL SECURITY;
-- Everyone in government reads every rule pack (a county sees its province's); provinces write their own.
CREATE POLICY rule_pack_read ON rule_pack FOR SELECT TO reclaim_app USING (reclaim_is_government());
CREATE POLICY rule_pack_write ON rule_pack FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_role() IN ('ministry', 'province') AND reclaim_in_scope(division_code));
CREATE POLICY rule_pack_update ON rule_pack FOR UPDATE TO reclaim_app
  USING (reclaim_role() IN ('ministry', 'province') AND reclaim_in_scope(division_code));

-- The notice board (公示, PN-01/PN-02): notices a bureau publishes for a window of working or
-- calendar days, and the objections (异议) the public files inside that window, each handled
-- and answered by a deadline. Notice kinds are national defaults in code with provincial
-- overrides in rule_pack.overrides.noticeKinds (as every threshold is). Everything is
-- versioned; nothing is deleted. Depends on migrations up to 0013 only.

CREATE TABLE notice (
  id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code      text        NOT NULL,
  division_code      text        NOT NULL REFERENCES division (code),
  kind_code          text        NOT NULL CHECK (kind_code ~ '^[a-z][a-z0-9_]{1,39}$'),
  -- what the notice is about: a temporary-land record or another capability's subject
  subject_type       text        CHECK (subject_type IN ('temporary_land', 'reclamation_acceptance',
                       'reclamation_plan', 'restoration_project', 'approval', 'other')),
  subject_id         uuid,
  title_zh           text        NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  title_en           text        CHECK (title_en IS NULL OR length(title_en) BETWEEN 1 AND 200),
  body_zh            text        NOT NULL CHECK (length(body_zh) BETWEEN 1 AND 20000),
  body_en            text        CHECK (body_en IS NULL OR length(body_en) BETWEEN 1 AND 20000),
  place              geometry(Geometry, 4490) CHECK (place IS NULL OR (ST_IsValid(place)
                       AND GeometryType(place) IN ('POINT', 'POLYGON', 'MULTIPOLYGON'))),
  state              text        NOT NULL DEFAULT 'draft'
                       CHECK (state IN ('draft', 'published', 'closed', 'withdrawn')),
  -- the kind as resolved when the notice was published (names, rule code, provincial overrides)
  kind_basis         jsonb,
  published_at       timestamptz,
  published_on       date,                               -- Asia/Shanghai date of published_at
  window_length      integer     CHECK (window_length BETWEEN 1 AND 366),
  window_unit        text        CHECK (window_unit IN ('working_days', 'calendar_days')),
  window_ends_on     date,                               -- the last day objections are accepted
  window_provisional boolean     NOT NULL DEFAULT false, -- counted over a year without a loaded schedule
  answer_length      integer     CHECK (answer_length BETWEEN 1 AND 366),
  answer_unit        text        CHECK (answer_unit IN ('working_days', 'calendar_days')),
  closed_at          timestamptz,
  withdrawn_at       timestamptz,
  withdrawn_reason   text        CHECK (withdrawn_reason IS NULL OR length(withdrawn_reason) <= 2000),
  created_by         text        NOT NULL,
  version            integer     NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
  -- a notice that was ever published carries its window
  CHECK (state = 'draft' OR (state = 'withdrawn' AND published_at IS NULL) OR (published_at IS NOT NULL
    AND published_on IS NOT NULL AND window_length IS NOT NULL AND window_unit IS NOT NULL
    AND window_ends_on >= published_on AND answer_length IS NOT NULL AND answer_unit IS NOT NULL
    AND kind_basis IS NOT NULL)),
  CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL)),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX notice_scope_idx ON notice (province_code, division_code, state, published_on);
CREATE INDEX notice_subject_idx ON notice (subject_type, subject_id);
CREATE INDEX notice_place_idx ON notice USING gist (place);
SELECT reclaim_track_history('notice');
ALTER TABLE notice ENABLE ROW LEVEL SECURITY;
CREATE POLICY notice_government ON notice TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- The public reads what was published (open or since closed); never drafts or withdrawn notices.
CREATE POLICY notice_public ON notice FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'public' AND state IN ('published', 'closed'));

-- Objections (异议) and questions from the public on a published notice. The filer keeps a
-- receipt; only its SHA-256 is stored (the receipt is the key to the answer), with a short
-- hint (its date part and last group) that officials quote when they speak to the filer.
CREATE TABLE notice_objection (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  notice_id      uuid        NOT NULL REFERENCES notice (id),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  receipt_sha256 text        NOT NULL UNIQUE CHECK (receipt_sha256 ~ '^[0-9a-f]{64}$'),
  receipt_hint   text        NOT NULL CHECK (length(receipt_hint) BETWEEN 4 AND 40),
  body           text        NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  contact        text        CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 200),
  received_at    timestamptz NOT NULL,
  received_on    date        NOT NULL,                 -- Asia/Shanghai date of received_at
  answer_due_on  date        NOT NULL CHECK (answer_due_on >= received_on),
  status         text        NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'assigned', 'answered', 'closed')),
  assignee_id    uuid        REFERENCES app_user (id),
  answer         text        CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 5000),
  answered_at    timestamptz,
  answered_on    date,
  answered_by    text,
  status_note    text        CHECK (status_note IS NULL OR length(status_note) <= 2000),
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  CHECK (status NOT IN ('answered', 'closed') OR answer IS NOT NULL)
);
CREATE INDEX notice_objection_notice_idx ON notice_objection (notice_id, received_at);
CREATE INDEX notice_objection_scope_idx ON notice_objection (province_code, division_code, status, answer_due_on);
-- The receipt hash stays out of history rows: the receipt must remain the filer's key alone.
SELECT reclaim_track_history('notice_objection', 'receipt_sha256');
ALTER TABLE notice_objection ENABLE ROW LEVEL SECURITY;
CREATE POLICY notice_objection_government ON notice_objection TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- The public may file on a published notice (the window is checked by the service) and read
-- nothing back: the receipt look-up goes through reclaim_objection_by_receipt.
CREATE POLICY notice_objection_public_file ON notice_objection FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_role() = 'public' AND status = 'received' AND assignee_id IS NULL AND answer IS NULL
    AND EXISTS (SELECT 1 FROM notice n WHERE n.id = notice_id AND n.state = 'published'
                AND n.division_code = notice_objection.division_code));

-- What a receipt holder may know of their objection: its status and the answer, and the
-- notice it was filed on; nothing of anyone else's.
CREATE FUNCTION reclaim_objection_by_receipt(receipt_hash text)
RETURNS TABLE (notice_id uuid, notice_title_zh text, notice_title_en text, received_on date,
               answer_due_on date, status text, answer text, answered_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.notice_id, n.title_zh, n.title_en, o.received_on, o.answer_due_on, o.status, o.answer, o.answered_on
  FROM notice_objection o JOIN notice n ON n.id = o.notice_id
  WHERE o.receipt_sha256 = receipt_hash
$$;
REVOKE ALL ON FUNCTION reclaim_objection_by_receipt(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reclaim_objection_by_receipt(text) TO reclaim_app;

-- Reclamation (复垦, TL-RECL-01…06): one obligation per temporary-land record with its plan
-- (targets by land class, cost), extensions of the deadline (climate or disaster, applied for
-- before it passes), progress reports with photos, the deposit or bank-guarantee ledger
-- (append-only), acceptance applications judged by a joint panel within 60 working days, and
-- the land-class change events a pass sends to the land-change survey. The deadline itself is
-- computed from the record (term end + 1 year, or the extension kept on the record's
-- reclamation_extension). Everything is versioned (record_version); nothing is deleted.

CREATE TABLE reclamation_obligation (
  id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code      text        NOT NULL,
  division_code      text        NOT NULL REFERENCES division (code),
  record_id          uuid        NOT NULL UNIQUE REFERENCES temporary_land (id),
  -- the plan as data: number, targets by land class (m²), estimated cost, measures
  plan_number        text        CHECK (plan_number IS NULL OR length(plan_number) BETWEEN 1 AND 100),
  targets            jsonb       NOT NULL,
  estimated_cost_yuan numeric(16, 2) NOT NULL CHECK (estimated_cost_yuan >= 0),
  measures           text        CHECK (measures IS NULL OR length(measures) <= 5000),
  obligor            text        NOT NULL CHECK (length(obligor) BETWEEN 1 AND 300),
  status             text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'converted')),
  settled_on         date,
  version            integer     NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((status = 'open') = (settled_on IS NULL))
);
CREATE INDEX reclamation_obligation_scope_idx ON reclamation_obligation (province_code, division_code, status);
SELECT reclaim_track_history('reclamation_obligation');
ALTER TABLE reclamation_obligation ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_obligation_scope ON reclamation_obligation TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Extensions of the reclamation deadline (TL-RECL-03); the one in force is also written to the
-- record's reclamation_extension, where the register's TL-RECL-01 rule reads it.
CREATE TABLE reclamation_extension (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  obligation_id  uuid        NOT NULL REFERENCES reclamation_obligation (id),
  cause          text        NOT NULL CHECK (cause IN ('climate', 'disaster')),
  applied_on     date        NOT NULL,
  approved_on    date        NOT NULL CHECK (approved_on >= applied_on),
  previous_deadline date     NOT NULL CHECK (applied_on <= previous_deadline),
  new_deadline   date        NOT NULL CHECK (new_deadline > previous_deadline),
  approval_number text       CHECK (approval_number IS NULL OR length(approval_number) BETWEEN 1 AND 100),
  statement      text        NOT NULL CHECK (length(statement) BETWEEN 1 AND 2000),
  recorded_by    text        NOT NULL,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX reclamation_extension_obligation_idx ON reclamation_extension (obligation_id);
SELECT reclaim_track_history('reclamation_extension');
REVOKE UPDATE ON reclamation_extension FROM reclaim_app;
ALTER TABLE reclamation_extension ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_extension_scope ON reclamation_extension TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Progress reports (复垦进展报告) and their photos (content with the register's attachments).
CREATE TABLE reclamation_report (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code    text        NOT NULL,
  division_code    text        NOT NULL REFERENCES division (code),
  obligation_id    uuid        NOT NULL REFERENCES reclamation_obligation (id),
  reported_on      date        NOT NULL,
  percent_complete integer     NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
  summary          text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  recorded_by      text        NOT NULL,
  version          integer     NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX reclamation_report_obligation_idx ON reclamation_report (obligation_id, reported_on);
SELECT reclaim_track_history('reclamation_report');
REVOKE UPDATE ON reclamation_report FROM reclaim_app;
ALTER TABLE reclamation_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_report_scope ON reclamation_report TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

CREATE TABLE reclamation_photo (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code text        NOT NULL,
  division_code text        NOT NULL REFERENCES division (code),
  report_id     uuid        NOT NULL REFERENCES reclamation_report (id),
  file_name     text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type  text        NOT NULL,
  sha256        text        NOT NULL REFERENCES attachment_content (sha256),
  size_bytes    integer     NOT NULL CHECK (size_bytes > 0),
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX reclamation_photo_report_idx ON reclamation_photo (report_id);
SELECT reclaim_track_history('reclamation_photo');
REVOKE UPDATE ON reclamation_photo FROM reclaim_app;
ALTER TABLE reclamation_photo ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_photo_scope ON reclamation_photo TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
CREATE POLICY attachment_content_read_reclamation_photo ON attachment_content FOR SELECT TO reclaim_app
  USING (EXISTS (SELECT 1 FROM reclamation_photo p WHERE p.sha256 = attachment_content.sha256));

-- The deposit / bank-guarantee ledger (TL-RECL-06): append-only; each entry carries the
-- balance after it, numbered per obligation (a concurrent second writer fails on the key).
CREATE TABLE reclamation_ledger_entry (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code        text        NOT NULL,
  division_code        text        NOT NULL REFERENCES division (code),
  obligation_id        uuid        NOT NULL REFERENCES reclamation_obligation (id),
  seq                  integer     NOT NULL CHECK (seq >= 1),
  kind                 text        NOT NULL CHECK (kind IN
                         ('deposit_paid', 'guarantee_issued', 'top_up', 'release', 'forfeit')),
  amount_yuan          numeric(16, 2) NOT NULL CHECK (amount_yuan > 0),
  balance_yuan         numeric(16, 2) NOT NULL CHECK (balance_yuan >= 0),
  account              text        CHECK (account IS NULL OR length(account) BETWEEN 1 AND 200),
  bank                 text        CHECK (bank IS NULL OR length(bank) BETWEEN 1 AND 200),
  guarantee_number     text        CHECK (guarantee_number IS NULL OR length(guarantee_number) BETWEEN 1 AND 100),
  guarantee_expires_on date,
  occurred_on          date        NOT NULL,
  basis                jsonb,                              -- release: acceptance or conversion
  note                 text        CHECK (note IS NULL OR length(note) <= 2000),
  recorded_by          text        NOT NULL,
  version              integer     NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((kind = 'guarantee_issued') = (guarantee_expires_on IS NOT NULL AND bank IS NOT NULL)),
  UNIQUE (obligation_id, seq)
);
SELECT reclaim_track_history('reclamation_ledger_entry');
REVOKE UPDATE ON reclamation_ledger_entry FROM reclaim_app;
ALTER TABLE reclamation_ledger_entry ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_ledger_entry_scope ON reclamation_ledger_entry TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Acceptance (验收, TL-RECL-05): one round per application; a failed round lists rectification
-- items with a deadline and a new application starts the next round.
CREATE TABLE reclamation_acceptance (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code        text        NOT NULL,
  division_code        text        NOT NULL REFERENCES division (code),
  obligation_id        uuid        NOT NULL REFERENCES reclamation_obligation (id),
  round                integer     NOT NULL CHECK (round >= 1),
  applicant            text        NOT NULL CHECK (length(applicant) BETWEEN 1 AND 300),
  filed_by             text        NOT NULL CHECK (filed_by IN ('land_user', 'clerk_on_behalf')),
  applied_on           date        NOT NULL,
  due_on               date        NOT NULL CHECK (due_on > applied_on),  -- 60 working days
  due_provisional      boolean     NOT NULL DEFAULT false,
  statement            text        CHECK (statement IS NULL OR length(statement) <= 5000),
  panel                jsonb       NOT NULL DEFAULT '[]',
  status               text        NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'passed', 'failed')),
  decided_on           date,
  decided_by           text,
  confirmation_number  text        CHECK (confirmation_number IS NULL OR length(confirmation_number) BETWEEN 1 AND 100),
  confirmation_date    date,
  reclaimed            jsonb,                              -- pass: area by land class after reclamation
  rectification_items  jsonb,                              -- fail: what to put right
  rectification_due_on date,
  notice_id            uuid        REFERENCES notice (id),
  verdict_note         text        CHECK (verdict_note IS NULL OR length(verdict_note) <= 5000),
  version              integer     NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2)),
  CHECK ((status = 'applied') = (decided_on IS NULL)),
  CHECK (status <> 'passed' OR (confirmation_number IS NOT NULL AND confirmation_date IS NOT NULL AND reclaimed IS NOT NULL)),
  CHECK (status <> 'failed' OR (rectification_items IS NOT NULL AND rectification_due_on > decided_on)),
  UNIQUE (obligation_id, round)
);
CREATE UNIQUE INDEX reclamation_acceptance_one_open ON reclamation_acceptance (obligation_id) WHERE status = 'applied';
CREATE INDEX reclamation_acceptance_scope_idx ON reclamation_acceptance (province_code, division_code, status, due_on);
SELECT reclaim_track_history('reclamation_acceptance');
ALTER TABLE reclamation_acceptance ENABLE ROW LEVEL SECURITY;
CREATE POLICY reclamation_acceptance_scope ON reclamation_acceptance TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

-- Land-class change events (TL-RECL-05, R-RC-9): after a pass, the land by class before and
-- after reclamation, for the land-change survey (日常变更).
CREATE TABLE land_class_change_event (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  province_code  text        NOT NULL,
  division_code  text        NOT NULL REFERENCES division (code),
  record_id      uuid        NOT NULL REFERENCES temporary_land (id),
  obligation_id  uuid        NOT NULL REFERENCES reclamation_obligation (id),
  acceptance_id  uuid        NOT NULL UNIQUE REFERENCES reclamation_acceptance (id),
  occurred_on    date        NOT NULL,
  before_m2      jsonb       NOT NULL,
  after_m2       jsonb       NOT NULL,
  before_source  text        NOT NULL CHECK (before_source IN ('overlay', 'declared', 'none')),
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (province_code = left(division_code, 2))
);
CREATE INDEX land_class_change_event_scope_idx ON land_class_change_event (province_code, division_code, occurred_on);
SELECT reclaim_track_history('land_class_change_event');
REVOKE UPDATE ON land_class_change_event FROM reclaim_app;
ALTER TABLE land_class_change_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY land_class_change_event_scope ON land_class_change_event TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));

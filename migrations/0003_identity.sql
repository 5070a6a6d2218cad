-- Identity and access: users (versioned), login sessions and machine API tokens.
-- Secrets are stored only as hashes: argon2id for passwords, SHA-256 for random tokens.

CREATE TABLE app_user (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{2,63}$'),
  display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role          text        NOT NULL CHECK (role IN ('ministry', 'province', 'city', 'county', 'enterprise')),
  division_code text        NOT NULL REFERENCES division (code),
  organization  text,
  is_admin      boolean     NOT NULL DEFAULT false,
  status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text        NOT NULL,
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_division_idx ON app_user (division_code);
SELECT reclaim_track_history('app_user', 'password_hash');

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_scope ON app_user TO reclaim_app
  USING (reclaim_is_government() AND reclaim_in_scope(division_code))
  WITH CHECK (reclaim_is_government() AND reclaim_in_scope(division_code));
-- Everyone may read their own row (enterprise users included).
CREATE POLICY app_user_self ON app_user FOR SELECT TO reclaim_app
  USING (id::text = current_setting('reclaim.user_id', true));

-- Browser sessions. Rows are revoked, not deleted; `reclaim` prunes long-expired ones.
CREATE TABLE auth_session (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash  text        NOT NULL UNIQUE,
  user_id     uuid        NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  client_ip   text,
  user_agent  text
);
CREATE INDEX auth_session_user_idx ON auth_session (user_id);
REVOKE ALL ON auth_session FROM reclaim_app;

-- Machine tokens (Authorization: Bearer rk_…), shown once at creation.
CREATE TABLE api_token (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid        NOT NULL REFERENCES app_user (id),
  name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash   text        NOT NULL UNIQUE,
  token_prefix text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
-- A user manages only their own tokens; lookups by hash run as the system, before a caller is known.
CREATE POLICY api_token_own ON api_token TO reclaim_app
  USING (user_id::text = current_setting('reclaim.user_id', true))
  WITH CHECK (user_id::text = current_setting('reclaim.user_id', true));

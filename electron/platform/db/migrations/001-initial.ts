import type { Migration } from '../migration'

/**
 * The platform's own tables. All are STRICT; times are integer milliseconds
 * since the epoch (UTC) so they sort and compare without parsing.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE admin_sessions (
  id INTEGER PRIMARY KEY,
  admin_id INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX admin_sessions_admin ON admin_sessions(admin_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  job_title TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  -- The SIP address-of-record user part; every device of the user registers to it.
  sip_user TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_name ON users(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX users_department ON users(department COLLATE NOCASE);
CREATE INDEX users_created ON users(created_at);

-- The company's DID inventory, E.164.
CREATE TABLE numbers (
  number TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE app_lines (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  -- UNIQUE makes "a DID belongs to at most one line" the database's promise,
  -- which is what settles two admins assigning the same DID at once.
  did_number TEXT UNIQUE REFERENCES numbers(number) ON DELETE RESTRICT,
  internal_number TEXT NOT NULL UNIQUE,
  external_outbound INTEGER NOT NULL CHECK (external_outbound IN (0, 1)),
  default_caller_id TEXT REFERENCES numbers(number) ON DELETE RESTRICT,
  rec_inbound_internal INTEGER NOT NULL CHECK (rec_inbound_internal IN (0, 1)),
  rec_inbound_external INTEGER NOT NULL CHECK (rec_inbound_external IN (0, 1)),
  rec_outbound_internal INTEGER NOT NULL CHECK (rec_outbound_internal IN (0, 1)),
  rec_outbound_external INTEGER NOT NULL CHECK (rec_outbound_external IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE app_line_caller_ids (
  user_id INTEGER NOT NULL REFERENCES app_lines(user_id) ON DELETE CASCADE,
  number TEXT NOT NULL REFERENCES numbers(number) ON DELETE RESTRICT,
  position INTEGER NOT NULL,
  PRIMARY KEY (user_id, number)
) STRICT, WITHOUT ROWID;
CREATE INDEX app_line_caller_ids_number ON app_line_caller_ids(number);

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'used', 'revoked')),
  failure_reason TEXT,
  send_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  used_at INTEGER,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX invitations_user ON invitations(user_id, id);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- SHA-256 of the machine id: enough to recognise a re-activation, useless to anyone else.
  machine_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  platform TEXT NOT NULL,
  sip_username TEXT NOT NULL UNIQUE,
  -- NULL once revoked, so a stolen token stops working with the row kept for history.
  token_hash TEXT UNIQUE,
  activated_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX devices_user ON devices(user_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_action ON audit_log(action);
`,
}

import type { Migration } from '../migration'

/**
 * Kamailio's own tables, read by its db_sqlite driver. They keep Kamailio's
 * schema (Debian's /usr/share/kamailio/db_sqlite/*.sql) and are not STRICT:
 * the driver maps declared column types such as VARCHAR and TIMESTAMP to its
 * value types, which STRICT tables cannot declare. The `version` rows are
 * what each Kamailio module checks at start-up.
 *
 * Rows here are derived data: the platform writes them in the same
 * transaction as the line or device they come from and never reads them back
 * as a source of truth.
 */
export const kamailio: Migration = {
  version: 2,
  name: 'kamailio',
  sql: `
CREATE TABLE version (
  id INTEGER PRIMARY KEY NOT NULL,
  table_name VARCHAR(32) NOT NULL,
  table_version INTEGER DEFAULT 0 NOT NULL,
  CONSTRAINT version_table_name_idx UNIQUE (table_name)
);
INSERT INTO version (table_name, table_version) VALUES ('version', 1);

-- One row per activated device: its own digest credentials (HA1 only, the
-- password is never stored) and the user's address of record it may register.
CREATE TABLE subscriber (
  id INTEGER PRIMARY KEY NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL,
  password VARCHAR(64) DEFAULT '' NOT NULL,
  ha1 VARCHAR(128) DEFAULT '' NOT NULL,
  ha1b VARCHAR(128) DEFAULT '' NOT NULL,
  aor_user VARCHAR(64) DEFAULT '' NOT NULL,
  CONSTRAINT subscriber_account_idx UNIQUE (username, domain)
);
CREATE INDEX subscriber_username_idx ON subscriber (username);
INSERT INTO version (table_name, table_version) VALUES ('subscriber', 7);

-- Internal numbers and DIDs, each an alias of the user's address of record.
CREATE TABLE dbaliases (
  id INTEGER PRIMARY KEY NOT NULL,
  alias_username VARCHAR(64) DEFAULT '' NOT NULL,
  alias_domain VARCHAR(64) DEFAULT '' NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL
);
CREATE INDEX dbaliases_alias_user_idx ON dbaliases (alias_username);
CREATE INDEX dbaliases_alias_idx ON dbaliases (alias_username, alias_domain);
CREATE INDEX dbaliases_target_idx ON dbaliases (username, domain);
CREATE UNIQUE INDEX dbaliases_alias_unique ON dbaliases (alias_username, alias_domain);
INSERT INTO version (table_name, table_version) VALUES ('dbaliases', 1);

-- Group 'external': lines allowed to call numbers outside the company.
CREATE TABLE grp (
  id INTEGER PRIMARY KEY NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL,
  grp VARCHAR(64) DEFAULT '' NOT NULL,
  last_modified TIMESTAMP WITHOUT TIME ZONE DEFAULT '2000-01-01 00:00:01' NOT NULL,
  CONSTRAINT grp_account_group_idx UNIQUE (username, domain, grp)
);
INSERT INTO version (table_name, table_version) VALUES ('grp', 2);

-- The caller IDs a line may present; is_default marks the one used when the
-- client asks for none or for one not on the list.
CREATE TABLE sip_caller_ids (
  id INTEGER PRIMARY KEY NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL,
  caller_id VARCHAR(64) DEFAULT '' NOT NULL,
  is_default INTEGER DEFAULT 0 NOT NULL,
  CONSTRAINT sip_caller_ids_idx UNIQUE (username, domain, caller_id)
);
INSERT INTO version (table_name, table_version) VALUES ('sip_caller_ids', 1);
`,
}

-- XtremWeb database schema, for DBAs: the same tables the server creates on start through its
-- Flyway migrations (server/src/main/resources/db/migration). Keep both equal; the server's
-- SchemaFileMatchesMigrationsTest fails when they drift.
-- Usage: mysql -u root -p xtremweb < sql/xtremweb.sql


CREATE TABLE usergroups (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(100) NOT NULL,
  owner_uid VARCHAR(36),
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (uid)
);
CREATE UNIQUE INDEX ux_usergroups_name ON usergroups (name);

CREATE TABLE users (
  uid VARCHAR(36) NOT NULL,
  login VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  email VARCHAR(255),
  rights VARCHAR(20) NOT NULL,
  usergroup_uid VARCHAR(36),
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (uid)
);
CREATE UNIQUE INDEX ux_users_login ON users (login);
CREATE INDEX ix_users_usergroup ON users (usergroup_uid);

CREATE TABLE tokens (
  token_hash VARCHAR(64) NOT NULL,
  user_uid VARCHAR(36) NOT NULL,
  created DATETIME(6) NOT NULL,
  expires DATETIME(6) NOT NULL,
  revoked BOOLEAN NOT NULL,
  PRIMARY KEY (token_hash)
);
CREATE INDEX ix_tokens_user ON tokens (user_uid);

CREATE TABLE datas (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(255) NOT NULL,
  type VARCHAR(50),
  os VARCHAR(50),
  cpu VARCHAR(50),
  size BIGINT,
  sha256 VARCHAR(64),
  declared_size BIGINT,
  declared_sha256 VARCHAR(64),
  status VARCHAR(20) NOT NULL,
  access_rights INT NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (uid)
);
CREATE INDEX ix_datas_owner ON datas (owner_uid);

CREATE TABLE apps (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(100) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  access_rights INT NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (uid)
);
CREATE UNIQUE INDEX ux_apps_name ON apps (name);

CREATE TABLE app_binaries (
  app_uid VARCHAR(36) NOT NULL,
  os VARCHAR(50) NOT NULL,
  cpu VARCHAR(50) NOT NULL,
  data_uid VARCHAR(36) NOT NULL,
  PRIMARY KEY (app_uid, os, cpu)
);
CREATE INDEX ix_app_binaries_platform ON app_binaries (os, cpu);

CREATE TABLE works (
  uid VARCHAR(36) NOT NULL,
  app_uid VARCHAR(36) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  label VARCHAR(255),
  args TEXT NOT NULL,
  status VARCHAR(20) NOT NULL,
  exit_code INT,
  error_message VARCHAR(1000),
  stdin_data_uid VARCHAR(36),
  env_data_uid VARCHAR(36),
  result_data_uid VARCHAR(36),
  access_rights INT NOT NULL,
  retries INT NOT NULL,
  version BIGINT NOT NULL,
  deleted BOOLEAN NOT NULL,
  host_uid VARCHAR(36),
  submitted DATETIME(6) NOT NULL,
  completed DATETIME(6),
  PRIMARY KEY (uid)
);
CREATE INDEX ix_works_status_submitted ON works (status, submitted);
CREATE INDEX ix_works_owner ON works (owner_uid);

CREATE TABLE tasks (
  uid VARCHAR(36) NOT NULL,
  work_uid VARCHAR(36) NOT NULL,
  host_uid VARCHAR(36) NOT NULL,
  status VARCHAR(20) NOT NULL,
  lease_expires DATETIME(6) NOT NULL,
  started DATETIME(6) NOT NULL,
  ended DATETIME(6),
  PRIMARY KEY (uid)
);
CREATE INDEX ix_tasks_work ON tasks (work_uid);
CREATE INDEX ix_tasks_status_lease ON tasks (status, lease_expires);
CREATE INDEX ix_tasks_host ON tasks (host_uid);

CREATE TABLE hosts (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(255) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  os VARCHAR(50) NOT NULL,
  cpu VARCHAR(50) NOT NULL,
  cpu_count INT NOT NULL,
  memory BIGINT NOT NULL,
  java_version VARCHAR(50),
  credential_hash VARCHAR(64) NOT NULL,
  last_alive DATETIME(6),
  active BOOLEAN NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (uid)
);
CREATE INDEX ix_hosts_owner ON hosts (owner_uid);

-- Version 2 (users and rights): deleted objects stay in history; hosts.enabled is the
-- administrator's switch (xwactivate), hosts.active only says the host was seen.
ALTER TABLE users ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE usergroups ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE datas ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
-- V3: data lifecycle. A data its owner no longer wants is marked deleted (datas.deleted, V2);
-- housekeeping removes its row and its bytes once no live work and no app binary refers to it.
-- Data that lives elsewhere (http:// or https://): the server keeps its description, size and SHA-256.
ALTER TABLE datas ADD COLUMN external_uri VARCHAR(1000);
CREATE INDEX ix_datas_deleted ON datas (deleted);
CREATE INDEX ix_works_stdin ON works (stdin_data_uid);
CREATE INDEX ix_works_env ON works (env_data_uid);
CREATE INDEX ix_works_result ON works (result_data_uid);
CREATE INDEX ix_app_binaries_data ON app_binaries (data_uid);
-- V4 (issue 6): host inventory, reported by workers at registration and refreshed with heartbeats.
ALTER TABLE hosts ADD COLUMN os_version VARCHAR(200);
ALTER TABLE hosts ADD COLUMN cpu_model VARCHAR(200);
ALTER TABLE hosts ADD COLUMN cpu_mhz BIGINT;
ALTER TABLE hosts ADD COLUMN memory_available BIGINT;
ALTER TABLE hosts ADD COLUMN disk_free BIGINT;
ALTER TABLE hosts ADD COLUMN inventory_updated DATETIME(6);

-- Version 5 (scheduling): a work's minimum resources and expected host, a host's declared disk
-- and CPU speed, and the bench for hosts whose jobs keep failing.
ALTER TABLE works ADD COLUMN min_memory BIGINT;
ALTER TABLE works ADD COLUMN min_disk BIGINT;
ALTER TABLE works ADD COLUMN min_cpu_speed INT;
ALTER TABLE works ADD COLUMN expected_host_uid VARCHAR(36);
CREATE INDEX ix_works_status_owner_submitted ON works (status, owner_uid, submitted);
ALTER TABLE hosts ADD COLUMN disk BIGINT;
ALTER TABLE hosts ADD COLUMN cpu_speed INT;
ALTER TABLE hosts ADD COLUMN failures INT NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN benched_until DATETIME(6);

-- Version 6 (sessions and groups of works): a job may be inserted into a session and into a
-- group (manual, xwsendwork --xwsession / --xwgroup). Both are owned objects with access rights;
-- deleting one deletes its works. The table is workgroups because GROUPS is reserved in MySQL 8.
CREATE TABLE sessions (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(100) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  access_rights INT NOT NULL,
  created DATETIME(6) NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (uid)
);
CREATE INDEX ix_sessions_owner ON sessions (owner_uid);
CREATE TABLE workgroups (
  uid VARCHAR(36) NOT NULL,
  name VARCHAR(100) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  access_rights INT NOT NULL,
  created DATETIME(6) NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (uid)
);
CREATE INDEX ix_workgroups_owner ON workgroups (owner_uid);
ALTER TABLE works ADD COLUMN session_uid VARCHAR(36);
ALTER TABLE works ADD COLUMN group_uid VARCHAR(36);
CREATE INDEX ix_works_session ON works (session_uid);
CREATE INDEX ix_works_group ON works (group_uid);
-- A work's arguments (JSON) become VARCHAR: TEXT is a CLOB on H2, which made inserting a
-- 10,000-job sweep three times slower. 10,000 characters keep a row within MySQL's 64 KB.
ALTER TABLE works MODIFY args VARCHAR(10000) NOT NULL;

-- Version 7 (pilot jobs): grants that pilots of a batch cluster exchange for host credentials;
-- a pilot host says its cluster and batch job, and its credential ends with the pilot's lifetime.
CREATE TABLE pilot_grants (
  token_hash VARCHAR(64) NOT NULL,
  owner_uid VARCHAR(36) NOT NULL,
  cluster VARCHAR(100) NOT NULL,
  pilots INT NOT NULL,
  registered INT NOT NULL,
  register_before DATETIME(6) NOT NULL,
  lifetime_seconds BIGINT NOT NULL,
  created DATETIME(6) NOT NULL,
  PRIMARY KEY (token_hash)
);
CREATE INDEX ix_pilot_grants_owner ON pilot_grants (owner_uid);
CREATE INDEX ix_pilot_grants_register_before ON pilot_grants (register_before);
ALTER TABLE hosts ADD COLUMN pilot_cluster VARCHAR(100);
ALTER TABLE hosts ADD COLUMN pilot_job VARCHAR(100);
ALTER TABLE hosts ADD COLUMN credential_expires DATETIME(6);
-- Version 8 (certificate login): the subject DN of the certificate that logs a user in
-- (canonical slash form, /DC=org/DC=example/CN=Jane Doe); a DN maps to exactly one user, and
-- deleting the user releases it.
ALTER TABLE users ADD COLUMN dn VARCHAR(512);
CREATE UNIQUE INDEX ux_users_dn ON users (dn);
-- Version 9 (result certification): the replication policy of apps and works (quorum, initial
-- copies, most results issued, most errors, comparator); a replicated work's copies are works
-- whose certifies names it, each with its verdict.
ALTER TABLE apps ADD COLUMN quorum INT NOT NULL DEFAULT 1;
ALTER TABLE apps ADD COLUMN initial_copies INT NOT NULL DEFAULT 1;
ALTER TABLE apps ADD COLUMN max_results INT NOT NULL DEFAULT 1;
ALTER TABLE apps ADD COLUMN max_errors INT NOT NULL DEFAULT 0;
ALTER TABLE apps ADD COLUMN comparator VARCHAR(100);
ALTER TABLE works ADD COLUMN quorum INT NOT NULL DEFAULT 1;
ALTER TABLE works ADD COLUMN initial_copies INT NOT NULL DEFAULT 1;
ALTER TABLE works ADD COLUMN max_results INT NOT NULL DEFAULT 1;
ALTER TABLE works ADD COLUMN max_errors INT NOT NULL DEFAULT 0;
ALTER TABLE works ADD COLUMN comparator VARCHAR(100);
ALTER TABLE works ADD COLUMN certifies VARCHAR(36);
ALTER TABLE works ADD COLUMN verdict VARCHAR(20);
CREATE INDEX ix_works_certifies ON works (certifies);
ALTER TABLE apps ADD COLUMN adaptive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE works ADD COLUMN adaptive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN trust INT NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN credit DOUBLE NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN credit DOUBLE NOT NULL DEFAULT 0;
CREATE INDEX ix_works_verdict_status ON works (verdict, status);
CREATE INDEX ix_works_verdict_host ON works (verdict, host_uid);
-- Version 10 (several servers, one grid): the address (https://host:port) of the server whose
-- local store took a data's bytes, and the fingerprint of the certificate the grid's servers share.
ALTER TABLE datas ADD COLUMN holder VARCHAR(300);
CREATE TABLE grid_identity (
  name VARCHAR(20) NOT NULL,
  certificate_sha256 VARCHAR(64) NOT NULL,
  server_address VARCHAR(300) NOT NULL,
  recorded DATETIME(6) NOT NULL,
  PRIMARY KEY (name)
);

-- Version 11 (creations repeated safely): a client that sends a create again because its answer
-- was lost (connection cut after the commit, server restarted, timeout) names the request with an
-- Idempotency-Key; the rows it created keep that key, one per owner. A repeated request then meets
-- the unique index in its own INSERT (no extra statement on the submission path) and is answered
-- with what the first one created. NULL for rows created without a key (any number per owner).
ALTER TABLE works ADD COLUMN request_key VARCHAR(80);
-- Replaces ix_works_owner: the new index starts with owner_uid, so it serves the same lookups and a
-- work insert still maintains as many indexes as before.
CREATE UNIQUE INDEX ux_works_request ON works (owner_uid, request_key);
DROP INDEX ix_works_owner ON works;
ALTER TABLE datas ADD COLUMN request_key VARCHAR(80);
CREATE UNIQUE INDEX ux_datas_request ON datas (owner_uid, request_key);
DROP INDEX ix_datas_owner ON datas;

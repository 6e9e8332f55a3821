-- Version 7 (pilot jobs, issue 16): a bridge asks for a pilot grant, a registration token that
-- pilots of a batch cluster exchange for host credentials; no password reaches the cluster. A
-- pilot's host row says which cluster and batch job it runs in, and its credential ends with the
-- pilot's lifetime.
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

-- XtremWeb schema, version 5 (scheduling): a work's minimum resources and expected host, the
-- resources a host declares, and the bench that keeps a host whose jobs keep failing out of the
-- queue for a while. The (status, owner_uid, submitted) index lets the ready queue refill each
-- owner's oldest pending works without scanning the table.
ALTER TABLE works ADD COLUMN min_memory BIGINT;
ALTER TABLE works ADD COLUMN min_disk BIGINT;
ALTER TABLE works ADD COLUMN min_cpu_speed INT;
ALTER TABLE works ADD COLUMN expected_host_uid VARCHAR(36);
CREATE INDEX ix_works_status_owner_submitted ON works (status, owner_uid, submitted);
ALTER TABLE hosts ADD COLUMN disk BIGINT;
ALTER TABLE hosts ADD COLUMN cpu_speed INT;
ALTER TABLE hosts ADD COLUMN failures INT NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN benched_until DATETIME(6);

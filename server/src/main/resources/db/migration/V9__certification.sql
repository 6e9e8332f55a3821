-- XtremWeb schema, version 9 (result certification): the replication policy an app's inserter
-- sets (quorum: results that must agree; initial_copies sent at once; max_results ever issued;
-- max_errors tolerated; comparator: how results are compared), copied onto each work, whose owner
-- may raise it. A work with quorum 1 is computed once, as before. A replicated work is computed
-- by copies: rows of works whose certifies names it, each with its verdict (PENDING until
-- validated, then VALID, INVALID or UNCHECKED when the work ended before it was compared).
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
-- Adaptive trust: an app or work may let a trusted host's result stand alone (with spot checks);
-- a host's trust is the count of its consecutive valid results.
ALTER TABLE apps ADD COLUMN adaptive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE works ADD COLUMN adaptive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN trust INT NOT NULL DEFAULT 0;
-- Credit: CPU seconds of certified results, granted to the host that computed them and its owner.
ALTER TABLE hosts ADD COLUMN credit DOUBLE NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN credit DOUBLE NOT NULL DEFAULT 0;
-- The sweep that finds copies ended without validation (a copy in ERROR, a server killed between
-- a result's commit and its validation) reads this index, not the table.
CREATE INDEX ix_works_verdict_status ON works (verdict, status);
-- The results a host delivered on trust alone, re-verified when it is caught.
CREATE INDEX ix_works_verdict_host ON works (verdict, host_uid);

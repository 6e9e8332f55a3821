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

-- Version 8 (certificate login): a user may be logged in by the subject DN of its X.509
-- certificate (canonical slash form, /DC=org/DC=example/CN=Jane Doe). A DN maps to exactly one
-- user; deleting a user releases its DN. 512 characters keep the unique index within MySQL's
-- 3072-byte key limit in utf8mb4.
ALTER TABLE users ADD COLUMN dn VARCHAR(512);
CREATE UNIQUE INDEX ux_users_dn ON users (dn);

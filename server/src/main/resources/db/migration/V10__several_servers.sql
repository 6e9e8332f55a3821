-- Version 10 (several servers, one grid): with a local data directory on each server, a data's
-- bytes are on the server whose store took them. holder is that server's address
-- (https://host:port), so another server can name it instead of failing; NULL for data stored
-- before this version and for external data.
ALTER TABLE datas ADD COLUMN holder VARCHAR(300);

-- The certificate the grid's servers present (one identity for all of them): the first server to
-- start records its certificate's SHA-256 fingerprint; a server presenting another one says so
-- loudly at start. One row, keyed by a constant name.
CREATE TABLE grid_identity (
  name VARCHAR(20) NOT NULL,
  certificate_sha256 VARCHAR(64) NOT NULL,
  server_address VARCHAR(300) NOT NULL,
  recorded DATETIME(6) NOT NULL,
  PRIMARY KEY (name)
);

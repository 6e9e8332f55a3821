-- Data lifecycle (issue 4): a data its owner no longer wants is marked deleted (datas.deleted,
-- added by V2); housekeeping removes its row and its bytes once no live work and no app binary
-- refers to it.
-- Data that lives elsewhere (http:// or https://): the server keeps its description, size and SHA-256.
ALTER TABLE datas ADD COLUMN external_uri VARCHAR(1000);
CREATE INDEX ix_datas_deleted ON datas (deleted);
CREATE INDEX ix_works_stdin ON works (stdin_data_uid);
CREATE INDEX ix_works_env ON works (env_data_uid);
CREATE INDEX ix_works_result ON works (result_data_uid);
CREATE INDEX ix_app_binaries_data ON app_binaries (data_uid);

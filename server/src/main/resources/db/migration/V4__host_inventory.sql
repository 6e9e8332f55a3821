-- Host inventory (issue 6): what each worker says about its machine, at registration and with
-- some heartbeats. Nullable: hosts registered before, or workers that do not send it.
ALTER TABLE hosts ADD COLUMN os_version VARCHAR(200);
ALTER TABLE hosts ADD COLUMN cpu_model VARCHAR(200);
ALTER TABLE hosts ADD COLUMN cpu_mhz BIGINT;
ALTER TABLE hosts ADD COLUMN memory_available BIGINT;
ALTER TABLE hosts ADD COLUMN disk_free BIGINT;
ALTER TABLE hosts ADD COLUMN inventory_updated DATETIME(6);

-- XtremWeb schema, version 2: deleted objects stay in history (the manual), and an
-- administrator can switch a worker host off without the host switching itself back on.
ALTER TABLE users ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE usergroups ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE datas ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;

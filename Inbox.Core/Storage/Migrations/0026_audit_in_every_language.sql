-- An audit entry in each other language Inbox speaks, as JSON {"fr": "..."}; summary stays the English one.
ALTER TABLE audit_log ADD COLUMN translations TEXT NULL;

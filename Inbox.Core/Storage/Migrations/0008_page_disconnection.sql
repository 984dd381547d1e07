-- A Page whose token Meta refused (error 190) is disconnected: nothing more is sent until an admin reconnects it.
ALTER TABLE pages ADD COLUMN disconnected_at BIGINT NULL;
ALTER TABLE pages ADD COLUMN disconnected_reason TEXT NULL;

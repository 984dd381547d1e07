-- Messenger's windows: replies after 24 hours (up to 7 days) go with the HUMAN_AGENT tag, which Meta must approve
-- for the app, hence a Page-level switch. A reply records which it was sent as.
ALTER TABLE pages ADD COLUMN human_agent_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN message_tag TEXT NULL CHECK (message_tag IN ('HUMAN_AGENT'));

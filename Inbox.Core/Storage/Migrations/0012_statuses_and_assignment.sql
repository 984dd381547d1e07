-- Team workflow: a conversation is open, pending (waiting on the customer), snoozed until a time, or done, and may be
-- assigned to an agent. Changes are lines in the conversation's history, with who made them.
ALTER TABLE conversations ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'done'));
ALTER TABLE conversations ADD COLUMN snoozed_until BIGINT NULL;
ALTER TABLE conversations ADD COLUMN assignee_user_id BIGINT NULL REFERENCES users (id);
CREATE INDEX conversations_by_status ON conversations (status, last_message_at DESC, id DESC);
CREATE INDEX conversations_by_assignee ON conversations (assignee_user_id, status, last_message_at DESC, id DESC);
ALTER TABLE conversation_events ADD COLUMN user_id BIGINT NULL REFERENCES users (id);

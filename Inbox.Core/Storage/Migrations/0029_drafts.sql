-- What an agent has written and not sent yet, per person and conversation: it survives a reconnect, a reload and a
-- restart of the server. An empty draft is deleted, so the table holds only text still being written.
CREATE TABLE drafts (
    user_id BIGINT NOT NULL REFERENCES users (id),
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    text TEXT NOT NULL,
    note INTEGER NOT NULL DEFAULT 0,          -- written as an internal note rather than a reply
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

-- Internal notes: written in a conversation for the team, never sent to the customer (they are not messages, so the
-- outbox cannot see them). An @mention tells a teammate, until they open the conversation.
CREATE TABLE notes (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    author_user_id BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notes_by_conversation ON notes (conversation_id, created_at);

CREATE TABLE mentions (
    note_id BIGINT NOT NULL REFERENCES notes (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    seen_at BIGINT NULL,
    PRIMARY KEY (note_id, user_id)
);
CREATE INDEX mentions_unseen ON mentions (user_id, conversation_id) WHERE seen_at IS NULL;

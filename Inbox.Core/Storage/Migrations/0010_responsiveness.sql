-- First-response facts for the "Very responsive" badge, kept up to date as messages are applied, so reports never
-- rescan messages. One row per new message (a customer message after 24 hours of silence on both sides, or a
-- conversation's first); see README "Responsiveness" for the exact rules.
CREATE TABLE response_facts (
    message_id BIGINT NOT NULL PRIMARY KEY REFERENCES messages (id),
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    page_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,             -- Meta's timestamp of the customer's message
    clock_start_at BIGINT NULL,              -- when the response clock starts; NULL while the Page is switched to Away
    response_message_id BIGINT NULL,
    responded_at BIGINT NULL,                -- Meta's timestamp of the Page's first response
    responder_user_id BIGINT NULL REFERENCES users (id),
    responder_kind TEXT NULL CHECK (responder_kind IN ('agent', 'bot', 'page_inbox', 'other_app')),
    spam INTEGER NOT NULL DEFAULT 0
);
-- Covers the report's range read, so it walks one index in time order instead of looking up every row.
CREATE INDEX response_facts_by_time ON response_facts (
    received_at, page_id, spam, message_id, conversation_id, clock_start_at, responded_at, responder_user_id, responder_kind);
CREATE INDEX response_facts_by_conversation ON response_facts (conversation_id, received_at);

-- An agent can mark a conversation as spam: its messages leave the responsiveness figures.
ALTER TABLE conversations ADD COLUMN spam_at BIGINT NULL;

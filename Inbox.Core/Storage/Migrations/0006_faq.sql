-- FAQ answers: a team saved reply with trigger phrases is sent automatically to a matching question.
ALTER TABLE saved_replies ADD COLUMN faq_triggers TEXT NULL;      -- JSON array of phrases; NULL: not an FAQ

-- The customer asked for a person (or asked further after an FAQ answer): the bot stays quiet.
ALTER TABLE conversations ADD COLUMN human_requested_at BIGINT NULL;

-- Each automatic FAQ answer and what the customer did next, for managers.
CREATE TABLE faq_answers (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    saved_reply_id BIGINT NOT NULL REFERENCES saved_replies (id),
    message_id BIGINT NOT NULL REFERENCES messages (id),
    answered_at BIGINT NOT NULL,
    outcome TEXT NULL CHECK (outcome IN ('helped', 'person', 'followup'))
);
CREATE INDEX faq_answers_by_conversation ON faq_answers (conversation_id, id);
CREATE INDEX faq_answers_by_reply ON faq_answers (saved_reply_id);

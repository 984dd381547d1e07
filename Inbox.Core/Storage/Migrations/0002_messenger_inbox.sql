-- The live Messenger inbox: raw webhook deliveries, contacts, conversations and messages.
-- Times are Unix milliseconds; message times are Meta's timestamps, never our arrival time.

-- Every acknowledged delivery, byte for byte, before anything is parsed.
CREATE TABLE webhook_deliveries (
    id {{identity}},
    received_at BIGINT NOT NULL,
    page_ids TEXT NULL,                      -- filled when parsed, for listing
    body {{bytes}} NOT NULL,                 -- the exact bytes Meta signed
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead', 'unconnected')),
    error TEXT NULL,
    processed_at BIGINT NULL
);
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, id);

CREATE TABLE contacts (
    id {{identity}},
    page_id TEXT NOT NULL REFERENCES pages (id),
    psid TEXT NOT NULL,                      -- page-scoped id of the person
    name TEXT NULL,
    picture_url TEXT NULL,
    profile_checked_at BIGINT NULL,          -- when the User Profile API was last asked
    created_at BIGINT NOT NULL,
    UNIQUE (page_id, psid)
);

CREATE TABLE conversations (
    id {{identity}},
    page_id TEXT NOT NULL REFERENCES pages (id),
    contact_id BIGINT NOT NULL UNIQUE REFERENCES contacts (id),
    last_message_at BIGINT NOT NULL,
    last_message_preview TEXT NOT NULL DEFAULT '',
    last_message_direction TEXT NOT NULL DEFAULT 'in' CHECK (last_message_direction IN ('in', 'out')),
    last_customer_message_at BIGINT NULL,    -- opens the 24-hour window
    waiting_since BIGINT NULL,               -- the customer's oldest unanswered message
    unread_count INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX conversations_by_activity ON conversations (last_message_at DESC, id DESC);

CREATE TABLE messages (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    mid TEXT NULL UNIQUE,                    -- Meta's message id; NULL for a reply not yet accepted by Meta
    client_id TEXT NULL UNIQUE,              -- our id for a reply, sent as message.metadata and echoed back
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    text TEXT NULL,
    attachments TEXT NULL,                   -- JSON array of {type, url, title, stickerId}
    quick_reply_payload TEXT NULL,
    sent_at BIGINT NOT NULL,                 -- Meta's timestamp; for a pending reply, when it was written
    author_user_id BIGINT NULL REFERENCES users (id),
    source_app_id TEXT NULL,                 -- for echoes: the app that sent it
    status TEXT NOT NULL CHECK (status IN ('received', 'pending', 'sent', 'failed')),
    delivered_at BIGINT NULL,
    read_at BIGINT NULL,
    send_attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NULL,
    error TEXT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at, id);
CREATE INDEX messages_outbox ON messages (next_attempt_at) WHERE status = 'pending';

-- The sandbox Graph API's own memory of when each customer last wrote (Meta's side of the 24-hour window).
-- Used only when Meta:Sandbox:Enabled is on.
CREATE TABLE sandbox_customers (
    page_id TEXT NOT NULL,
    psid TEXT NOT NULL,
    name TEXT NULL,
    last_message_at BIGINT NOT NULL,
    PRIMARY KEY (page_id, psid)
);

-- Events of a delivery that could not be read or applied, kept apart with the reason (in words) and their own JSON
-- while the rest of the delivery was applied. Settings > Deliveries lists them; trying one again queues it as a
-- delivery of its own. (delivery_id, position) makes keeping idempotent when a delivery is applied again.
CREATE TABLE kept_events (
    id {{identity}},
    delivery_id BIGINT NOT NULL,
    position INTEGER NOT NULL,
    page_id TEXT NOT NULL,
    psid TEXT NOT NULL,
    reason TEXT NOT NULL,
    body TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    kept_at BIGINT NOT NULL,
    UNIQUE (delivery_id, position)
);

-- Meta's notices that a Page's messaging was blocked or restricted (policy-enforcement), newest shown to admins.
CREATE TABLE page_policy_notices (
    id {{identity}},
    page_id TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NULL,
    occurred_at BIGINT NOT NULL,
    UNIQUE (page_id, occurred_at, action)
);

-- A photo or video under a comment: JSON array of attachments, as messages keep them.
ALTER TABLE comments ADD COLUMN attachments TEXT NULL;

-- Delivery and read receipts for a person with no conversation yet (the receipt overtook the message it covers):
-- moved onto the conversation when it opens, so its messages get their ticks.
CREATE TABLE early_receipts (
    page_id TEXT NOT NULL,
    psid TEXT NOT NULL,
    delivered_watermark BIGINT NULL,
    read_watermark BIGINT NULL,
    PRIMARY KEY (page_id, psid)
);

-- What a person agreed to receive (notification messages on a topic, a plugin opt-in with the Page's ref). The
-- notification token Meta sends with it is a sending credential Inbox does not use yet, so it is not stored.
CREATE TABLE opt_ins (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    type TEXT NOT NULL,                      -- notification_messages, or the plugin's kind
    topic TEXT NULL,                         -- Meta's title: what the person agreed to hear about
    payload TEXT NULL,                       -- the payload or ref the Page put on the button
    frequency TEXT NULL,                     -- DAILY, WEEKLY, MONTHLY
    status TEXT NULL,                        -- Meta's user_token_status
    expires_at BIGINT NULL,                  -- token_expiry_timestamp
    occurred_at BIGINT NOT NULL,
    UNIQUE (conversation_id, occurred_at, type)
);

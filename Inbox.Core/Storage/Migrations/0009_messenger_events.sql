-- Every Messenger event beyond plain messages: quotes, button presses, reactions, edits, referrals, opt-ins and
-- who owns the thread (handover / conversation routing).

ALTER TABLE messages ADD COLUMN reply_to_mid TEXT NULL;        -- the message this one quotes
ALTER TABLE messages ADD COLUMN postback_payload TEXT NULL;     -- a button press: the text is the button's title
ALTER TABLE messages ADD COLUMN error_code TEXT NULL;           -- Meta's code/subcode when a reply failed

-- Reactions and edits are keyed by mid, not by message row, so one that arrives before its message still applies.
CREATE TABLE message_reactions (
    mid TEXT NOT NULL PRIMARY KEY,
    emoji TEXT NULL,                         -- NULL once the person took the reaction back
    reaction TEXT NULL,
    reacted_at BIGINT NOT NULL               -- Meta's timestamp: only a later event replaces it
);

CREATE TABLE message_edits (
    mid TEXT NOT NULL,
    num_edit INTEGER NOT NULL,
    text TEXT NOT NULL,
    edited_at BIGINT NOT NULL,
    PRIMARY KEY (mid, num_edit)
);

-- Where a person came from: a Click-to-Messenger ad, an m.me link with ref, a Messenger Code, the chat plugin.
CREATE TABLE referrals (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    source TEXT NOT NULL,                    -- Meta's open set: ADS, SHORTLINK, MESSENGER_CODE, CUSTOMER_CHAT_PLUGIN...
    type TEXT NULL,
    ref TEXT NULL,
    ad_id TEXT NULL,
    ad_title TEXT NULL,
    photo_url TEXT NULL,
    video_url TEXT NULL,
    post_id TEXT NULL,
    referer_uri TEXT NULL,
    occurred_at BIGINT NOT NULL,
    UNIQUE (conversation_id, occurred_at, source)
);
CREATE INDEX referrals_by_conversation ON referrals (conversation_id, occurred_at);

-- The source of the latest referral, for filtering the inbox by origin.
ALTER TABLE conversations ADD COLUMN origin TEXT NULL;
-- The app that owns the thread when it is not this inbox (Meta's Page Inbox, a bot); NULL means ours.
ALTER TABLE conversations ADD COLUMN thread_owner_app_id TEXT NULL;
-- The newest delivery and read watermarks, so a Page message that arrives after them still gets its ticks.
ALTER TABLE conversations ADD COLUMN delivered_watermark BIGINT NULL;
ALTER TABLE conversations ADD COLUMN read_watermark BIGINT NULL;
CREATE INDEX conversations_by_origin ON conversations (origin, last_message_at DESC, id DESC);

-- Things that happened in a conversation that are not messages: opt-ins, thread control passing between apps.
CREATE TABLE conversation_events (
    id {{identity}},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    kind TEXT NOT NULL,
    detail TEXT NULL,
    occurred_at BIGINT NOT NULL,
    UNIQUE (conversation_id, kind, occurred_at)
);

-- Which app Meta delivers a Page's messages to first (app_roles).
ALTER TABLE pages ADD COLUMN primary_receiver_app_id TEXT NULL;

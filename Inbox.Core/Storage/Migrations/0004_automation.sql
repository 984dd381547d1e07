-- Per-Page automation: instant reply, business hours and the away message.
CREATE TABLE page_automation (
    page_id TEXT PRIMARY KEY REFERENCES pages (id),
    instant_reply TEXT NULL,                 -- greeting for the first message of a new conversation; NULL: off
    away_message TEXT NULL,                  -- sent outside hours or while Away; NULL: off
    weekly_hours TEXT NOT NULL DEFAULT '[]', -- JSON [{day, opens, closes}] in the Page's time zone
    holidays TEXT NOT NULL DEFAULT '[]',     -- JSON ["2026-12-25"]
    manual_status TEXT NOT NULL DEFAULT 'auto' CHECK (manual_status IN ('auto', 'available', 'away')),
    manual_status_since BIGINT NULL,
    updated_at BIGINT NOT NULL
);

-- Which messages a machine sent: never counted as responses, and shown as such in the thread.
ALTER TABLE messages ADD COLUMN automation TEXT NULL CHECK (automation IN ('instant_reply', 'away_message', 'faq'));

-- One away message per conversation per away period (the key: when that period ends, or when manual Away began).
CREATE TABLE away_notices (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    period_key BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, period_key)
);

-- Comments under the Page's posts, first-class beside Messenger: what customers wrote, what the Page answered
-- publicly or privately, and what the team or a moderation rule did to each comment.

CREATE TABLE posts (
    id TEXT PRIMARY KEY,                     -- Meta's post id (page-id_post-id)
    page_id TEXT NOT NULL REFERENCES pages (id),
    message TEXT NULL,                       -- fetched from the Graph API; NULL until then
    permalink_url TEXT NULL,
    fetched_at BIGINT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,                     -- Meta's comment id
    page_id TEXT NOT NULL REFERENCES pages (id),
    post_id TEXT NOT NULL REFERENCES posts (id),
    parent_id TEXT NULL,                     -- the comment this one answers; NULL directly under the post
    from_id TEXT NOT NULL,
    from_name TEXT NULL,
    by_page INTEGER NOT NULL DEFAULT 0,      -- the Page's own comment
    message TEXT NULL,
    created_at BIGINT NOT NULL,              -- Meta's created_time (seconds on the wire, milliseconds here)
    edited_at BIGINT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    deleted_at BIGINT NULL,
    liked_at BIGINT NULL,
    answered_at BIGINT NULL,                 -- the Page's first answer, public or private
    private_reply_at BIGINT NULL,
    private_reply_message_id BIGINT NULL REFERENCES messages (id),
    moderation TEXT NULL                     -- why a moderation rule hides it; kept after hiding, for the audit
);
CREATE INDEX comments_by_post ON comments (post_id, created_at);
CREATE INDEX comments_by_page ON comments (page_id, created_at DESC);
CREATE INDEX comments_by_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;

-- Every action on a comment, by a person or by a moderation rule (user_id NULL), for the audit and the comment's history.
CREATE TABLE comment_actions (
    id {{identity}},
    comment_id TEXT NOT NULL REFERENCES comments (id),
    action TEXT NOT NULL,                    -- reply, private_reply, hide, unhide, delete, like, auto_hide
    user_id BIGINT NULL REFERENCES users (id),
    detail TEXT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX comment_actions_by_comment ON comment_actions (comment_id, at);
CREATE INDEX comment_actions_by_time ON comment_actions (at DESC);

CREATE TABLE moderation_rules (
    page_id TEXT PRIMARY KEY REFERENCES pages (id),
    words TEXT NOT NULL DEFAULT '[]',        -- JSON list of words or phrases
    hide_links INTEGER NOT NULL DEFAULT 0,
    hide_phone_numbers INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

-- A private reply lives in the commenter's Messenger conversation and links back to its comment.
ALTER TABLE messages ADD COLUMN comment_id TEXT NULL;

-- The sandbox Graph API's memory of posts and comments (Meta's side), used only when Meta:Sandbox:Enabled is on.
CREATE TABLE sandbox_posts (
    id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    message TEXT NOT NULL,
    permalink_url TEXT NOT NULL
);
CREATE TABLE sandbox_comments (
    id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    post_id TEXT NOT NULL,
    from_id TEXT NOT NULL,
    from_name TEXT NULL,
    psid TEXT NULL,                          -- the commenter's Messenger id, revealed by a private reply
    created_at BIGINT NOT NULL,
    private_replied INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0
);

-- History import: after a Page is connected, its recent Messenger conversations and post comments are read through the
-- Graph API. One row per Page says how far the import has come; every step commits with the messages it brought, so a
-- restart resumes at the next step and a step done twice changes nothing (messages by mid, comments by id).
CREATE TABLE history_imports (
    page_id TEXT PRIMARY KEY REFERENCES pages (id),
    state TEXT NOT NULL,                     -- running, done, stopped
    phase TEXT NOT NULL,                     -- conversations, feed, items: what the next step reads
    since_at BIGINT NOT NULL,                -- history older than this is not imported
    days INTEGER NOT NULL,
    counts_from BIGINT NOT NULL,             -- the connection: imported messages before it count only if include_in_report
    include_in_report INTEGER NOT NULL DEFAULT 0,
    next_url TEXT NULL,                      -- the list page to read next (Meta's paging.next, without the token)
    next_attempt_at BIGINT NOT NULL,         -- pacing: Meta's rate for the Conversations API, slowed by its usage headers
    slowed_until BIGINT NULL,                -- Meta's usage reached 95%: steps are spaced out until then
    items_total INTEGER NOT NULL DEFAULT 0,
    items_done INTEGER NOT NULL DEFAULT 0,
    messages_imported INTEGER NOT NULL DEFAULT 0,
    comments_imported INTEGER NOT NULL DEFAULT 0,
    stopped_kind TEXT NULL,                  -- a TokenProblem kind, or 'permission', or 'meta'
    stopped_reason TEXT NULL,                -- Meta's words
    started_at BIGINT NOT NULL,
    finished_at BIGINT NULL
);

-- What the lists named: a conversation's messages or a post's comments to read, page by page.
CREATE TABLE history_import_items (
    page_id TEXT NOT NULL REFERENCES pages (id),
    kind TEXT NOT NULL,                      -- conversation, post
    external_id TEXT NOT NULL,
    next_url TEXT NULL,                      -- NULL once done
    position INTEGER NOT NULL,               -- the order the lists gave (newest first)
    PRIMARY KEY (page_id, kind, external_id)
);
CREATE INDEX history_import_items_next ON history_import_items (page_id, position) WHERE next_url IS NOT NULL;

-- Imported messages are marked: automation never answered them and the report leaves them out before the connection.
ALTER TABLE messages ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;

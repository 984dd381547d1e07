-- PostgreSQL's version of 0020. SQLite moved message indexing to a background worker because its one write lock
-- made webhook acknowledgements wait behind tokenising. PostgreSQL writers do not wait for each other, and its ids
-- are not committed in order (the worker's "after the last id" would miss some), so the trigger stays.
CREATE TABLE search_progress (
    source TEXT PRIMARY KEY,
    last_id BIGINT NOT NULL
);
INSERT INTO search_progress (source, last_id) SELECT 'messages', COALESCE(MAX(id), 0) FROM messages;

-- Messages are indexed for search by a background worker in batches, not by a trigger in the transaction that
-- stores them: the trigger made every webhook acknowledgement wait behind tokenising. The worker remembers how far it
-- got; comments, edits and names (few) keep their triggers.
DROP TRIGGER search_message_added;
CREATE TABLE search_progress (
    source TEXT PRIMARY KEY,
    last_id BIGINT NOT NULL
);
INSERT INTO search_progress (source, last_id) SELECT 'messages', COALESCE(MAX(id), 0) FROM messages;

-- The responsiveness facts look up the messages before and after each new one that count (received, or sent by a
-- person or the bot): with status and automation in the index those lookups never read the table.
DROP INDEX messages_by_conversation;
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at, id, status, automation);

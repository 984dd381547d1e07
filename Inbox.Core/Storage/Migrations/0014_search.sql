-- Search across messages, comments and contacts. Triggers keep the index in the same transaction as the text, so
-- whatever writes a message, a comment or a name (ingest, replies, the sandbox, a migration) is found at once.
{{search_index}};

CREATE TRIGGER search_message_added AFTER INSERT ON messages WHEN new.text IS NOT NULL BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body) VALUES ('message', new.id, new.conversation_id, new.text);
END;
CREATE TRIGGER search_message_edited AFTER INSERT ON message_edits BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body)
    SELECT 'message', m.id, m.conversation_id, new.text FROM messages m WHERE m.mid = new.mid;
END;
CREATE TRIGGER search_comment_added AFTER INSERT ON comments WHEN new.message IS NOT NULL BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body) VALUES ('comment', new.id, NULL, new.message);
END;
CREATE TRIGGER search_comment_changed AFTER UPDATE OF message ON comments WHEN new.message IS NOT old.message BEGIN
    DELETE FROM search_index WHERE kind = 'comment' AND ref_id = new.id;
    INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'comment', new.id, NULL, new.message WHERE new.message IS NOT NULL;
END;
CREATE TRIGGER search_contact_added AFTER INSERT ON contacts WHEN new.name IS NOT NULL BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body) VALUES ('contact', new.id, NULL, new.name);
END;
CREATE TRIGGER search_contact_renamed AFTER UPDATE OF name ON contacts WHEN new.name IS NOT old.name BEGIN
    DELETE FROM search_index WHERE kind = 'contact' AND ref_id = new.id;
    INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'contact', new.id, NULL, new.name WHERE new.name IS NOT NULL;
END;

INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'message', id, conversation_id, text FROM messages WHERE text IS NOT NULL;
INSERT INTO search_index (kind, ref_id, conversation_id, body)
    SELECT 'message', m.id, m.conversation_id, e.text FROM message_edits e JOIN messages m ON m.mid = e.mid;
INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'comment', id, NULL, message FROM comments WHERE message IS NOT NULL;
INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'contact', id, NULL, name FROM contacts WHERE name IS NOT NULL;

-- PostgreSQL's version of 0014: the same search_index, kept by triggers in the transaction that writes the text.
-- inbox_search folds case and accents ("creme" finds "Crème"), like SQLite's unicode61 remove_diacritics.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION inbox_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION inbox_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

{{search_index}};

CREATE FUNCTION search_message_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body) VALUES ('message', new.id::text, new.conversation_id, new.text);
    RETURN NULL;
END $$;
CREATE TRIGGER search_message_added AFTER INSERT ON messages FOR EACH ROW WHEN (new.text IS NOT NULL) EXECUTE FUNCTION search_message_added();

CREATE FUNCTION search_message_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (kind, ref_id, conversation_id, body)
    SELECT 'message', m.id::text, m.conversation_id, new.text FROM messages m WHERE m.mid = new.mid;
    RETURN NULL;
END $$;
CREATE TRIGGER search_message_edited AFTER INSERT ON message_edits FOR EACH ROW EXECUTE FUNCTION search_message_edited();

CREATE FUNCTION search_comment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE kind = 'comment' AND ref_id = new.id;
    INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'comment', new.id, NULL, new.message WHERE new.message IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER search_comment_added AFTER INSERT ON comments FOR EACH ROW WHEN (new.message IS NOT NULL) EXECUTE FUNCTION search_comment_changed();
CREATE TRIGGER search_comment_changed AFTER UPDATE OF message ON comments FOR EACH ROW
    WHEN (new.message IS DISTINCT FROM old.message) EXECUTE FUNCTION search_comment_changed();

CREATE FUNCTION search_contact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE kind = 'contact' AND ref_id = new.id::text;
    INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'contact', new.id::text, NULL, new.name WHERE new.name IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER search_contact_added AFTER INSERT ON contacts FOR EACH ROW WHEN (new.name IS NOT NULL) EXECUTE FUNCTION search_contact_changed();
CREATE TRIGGER search_contact_renamed AFTER UPDATE OF name ON contacts FOR EACH ROW
    WHEN (new.name IS DISTINCT FROM old.name) EXECUTE FUNCTION search_contact_changed();

INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'message', id::text, conversation_id, text FROM messages WHERE text IS NOT NULL;
INSERT INTO search_index (kind, ref_id, conversation_id, body)
    SELECT 'message', m.id::text, m.conversation_id, e.text FROM message_edits e JOIN messages m ON m.mid = e.mid;
INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'comment', id, NULL, message FROM comments WHERE message IS NOT NULL;
INSERT INTO search_index (kind, ref_id, conversation_id, body) SELECT 'contact', id::text, NULL, name FROM contacts WHERE name IS NOT NULL;

-- The search index gains prefix indexes (see SqliteDialect.SearchIndexTable). FTS5 cannot add them to a table, so
-- the index is rebuilt from its own rows, ids kept: about 40 s per million messages, once, before the node serves.
-- Through a plain copy rather than a rename, because renaming would rewrite the triggers that write to the index.
CREATE TEMP TABLE search_rows AS SELECT rowid AS id, kind, ref_id, conversation_id, body FROM search_index;
DROP TABLE search_index;
{{search_index}};
INSERT INTO search_index (rowid, kind, ref_id, conversation_id, body) SELECT id, kind, ref_id, conversation_id, body FROM search_rows;
DROP TABLE search_rows;

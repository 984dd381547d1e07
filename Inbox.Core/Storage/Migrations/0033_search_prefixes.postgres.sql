-- PostgreSQL's version of 0033: nothing to do. Its tsvector index answers prefix queries as they are (SQLite's FTS5
-- needed prefix indexes for that).
SELECT 1;

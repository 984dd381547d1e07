-- PostgreSQL's step only (0037_fact_hour_shards.postgres.sql): SQLite has one writer, and nothing to change.
SELECT 1;

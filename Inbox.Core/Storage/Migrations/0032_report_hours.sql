-- Which hours of response_facts changed, so a node can keep the facts of past hours in memory and re-read only the
-- hours whose version moved (issue #18: a 30-day report over a million messages in milliseconds). Triggers keep it
-- in the transaction that changes a fact, whichever statement does (ingest, spam marking, Away clocks, rebuilds).
-- PostgreSQL's twin spreads each hour over shards so that nodes applying messages of the same hour do not queue on
-- one row; SQLite has one writer, so its shard is always 0.
CREATE TABLE response_fact_hours (
    hour INTEGER NOT NULL,                   -- received_at / 3,600,000: whole hours since 1970 (UTC)
    shard INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (hour, shard)
);

CREATE TRIGGER response_fact_added AFTER INSERT ON response_facts BEGIN
    INSERT INTO response_fact_hours (hour, shard, version) VALUES (new.received_at / 3600000, 0, 1)
    ON CONFLICT (hour, shard) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER response_fact_changed AFTER UPDATE ON response_facts BEGIN
    INSERT INTO response_fact_hours (hour, shard, version) VALUES (new.received_at / 3600000, 0, 1)
    ON CONFLICT (hour, shard) DO UPDATE SET version = version + 1;
    INSERT INTO response_fact_hours (hour, shard, version) SELECT old.received_at / 3600000, 0, 1
    WHERE old.received_at / 3600000 <> new.received_at / 3600000
    ON CONFLICT (hour, shard) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER response_fact_removed AFTER DELETE ON response_facts BEGIN
    INSERT INTO response_fact_hours (hour, shard, version) VALUES (old.received_at / 3600000, 0, 1)
    ON CONFLICT (hour, shard) DO UPDATE SET version = version + 1;
END;

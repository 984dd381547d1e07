-- PostgreSQL's version of 0032: the same table, with each hour spread over eight shards by conversation, so nodes
-- applying messages of the same hour lock different rows. An hour's version is the sum of its shards.
CREATE TABLE response_fact_hours (
    hour BIGINT NOT NULL,
    shard INTEGER NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (hour, shard)
);

CREATE FUNCTION response_fact_hour_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF tg_op <> 'INSERT' THEN
        INSERT INTO response_fact_hours (hour, shard, version) VALUES (old.received_at / 3600000, old.conversation_id % 8, 1)
        ON CONFLICT (hour, shard) DO UPDATE SET version = response_fact_hours.version + 1;
    END IF;
    IF tg_op <> 'DELETE' THEN
        INSERT INTO response_fact_hours (hour, shard, version) VALUES (new.received_at / 3600000, new.conversation_id % 8, 1)
        ON CONFLICT (hour, shard) DO UPDATE SET version = response_fact_hours.version + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER response_fact_hour_bump AFTER INSERT OR UPDATE OR DELETE ON response_facts
    FOR EACH ROW EXECUTE FUNCTION response_fact_hour_bump();

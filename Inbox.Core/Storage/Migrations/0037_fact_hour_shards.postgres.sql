-- An hour's version row is chosen by the writing transaction, not by the conversation: two nodes each applying a group
-- of messages locked shard rows in the order of their conversations, and deadlocked (PostgreSQL finds it after a
-- second, with both nodes' ingestion waiting). A transaction now bumps one shard of each hour it touches, so two
-- transactions meet on a row only when they drew the same shard, and then one simply waits for the other.
CREATE OR REPLACE FUNCTION response_fact_hour_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF tg_op <> 'INSERT' THEN
        INSERT INTO response_fact_hours (hour, shard, version) VALUES (old.received_at / 3600000, txid_current() % 8, 1)
        ON CONFLICT (hour, shard) DO UPDATE SET version = response_fact_hours.version + 1;
    END IF;
    IF tg_op <> 'DELETE' THEN
        INSERT INTO response_fact_hours (hour, shard, version) VALUES (new.received_at / 3600000, txid_current() % 8, 1)
        ON CONFLICT (hour, shard) DO UPDATE SET version = response_fact_hours.version + 1;
    END IF;
    RETURN NULL;
END $$;

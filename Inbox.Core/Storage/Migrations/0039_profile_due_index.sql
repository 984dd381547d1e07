-- The profile worker looks for contacts Meta was never asked about after every applied group of messages: without
-- this index that was a read of every contact (0.8 ms with 3,000 contacts, growing with the inbox); with it, the
-- entries of the few not asked yet.
CREATE INDEX contacts_profile_unchecked ON contacts (id) WHERE profile_checked_at IS NULL;

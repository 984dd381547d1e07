-- Saved replies: usage, so the list can be pruned to what is really used; personal shortcuts unique per owner.
ALTER TABLE saved_replies ADD COLUMN usage_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE saved_replies ADD COLUMN last_used_at BIGINT NULL;
CREATE UNIQUE INDEX saved_replies_personal_shortcut ON saved_replies (owner_user_id, shortcut, language) WHERE owner_user_id IS NOT NULL;

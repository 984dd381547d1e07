-- Token health: why Meta refused a Page's token, as a kind an admin can read in their language (the message Meta
-- gave stays in disconnected_reason), and when the daily check last looked at the token.
ALTER TABLE pages ADD COLUMN disconnected_kind TEXT NULL;
ALTER TABLE pages ADD COLUMN token_checked_at BIGINT NULL;

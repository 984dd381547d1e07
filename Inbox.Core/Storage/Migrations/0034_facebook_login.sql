-- Pages connected through Facebook Login: their picture, the permissions the admin declined (named per feature in
-- Settings), and the webhook fields Inbox subscribed the app to (NULL: not subscribed by Inbox, as with `page add`).
ALTER TABLE pages ADD COLUMN picture_url TEXT NULL;
ALTER TABLE pages ADD COLUMN declined_permissions TEXT NULL;
ALTER TABLE pages ADD COLUMN webhook_fields TEXT NULL;

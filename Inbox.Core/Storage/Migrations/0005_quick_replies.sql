-- Quick-reply buttons: on a saved reply (offered when it is used) and on an outgoing message (sent with it).
-- JSON arrays of button titles.
ALTER TABLE saved_replies ADD COLUMN quick_replies TEXT NULL;
ALTER TABLE messages ADD COLUMN quick_replies TEXT NULL;

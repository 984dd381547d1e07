-- The IANA time zone a person's browser last reported (Europe/Paris): times and snoozes are in it from the first render,
-- even on a device whose browser has not said it yet.
ALTER TABLE users ADD COLUMN time_zone TEXT NULL;

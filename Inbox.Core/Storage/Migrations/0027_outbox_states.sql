-- Where a reply that is not yet sent or failed stands (status = 'pending'): NULL while queued; 'sending' while a
-- call to Meta is under way (until next_attempt_at, its lease: a row still 'sending' after that lost its answer to a
-- crash); 'unknown' when Meta may have it (a timeout, a dropped or unreadable answer), waiting until next_attempt_at
-- for its echo before it is sent again.
ALTER TABLE messages ADD COLUMN send_state TEXT NULL CHECK (send_state IN ('sending', 'unknown'));

-- Round-robin assignment: each person takes at most this many open or pending conversations from the robin.
ALTER TABLE users ADD COLUMN max_open_conversations INTEGER NOT NULL DEFAULT 20;

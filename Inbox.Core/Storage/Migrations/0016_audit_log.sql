-- What admins (and managers, for targets) changed, in words, with who and when. Never secrets: a Page token change
-- is recorded as "connected", not with the token.
CREATE TABLE audit_log (
    id {{identity}},
    at BIGINT NOT NULL,
    user_id BIGINT NULL REFERENCES users (id),   -- NULL: the command line
    area TEXT NOT NULL,                          -- users, pages, automation, moderation, responsiveness
    summary TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);

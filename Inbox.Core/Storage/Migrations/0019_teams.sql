-- Teams ("Sales", "After-sales"): a conversation can be handed to a team before (or instead of) a person.
CREATE TABLE teams (
    id {{identity}},
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
ALTER TABLE conversations ADD COLUMN team_id BIGINT NULL REFERENCES teams (id);
CREATE INDEX conversations_by_team ON conversations (team_id, status, last_message_at DESC);

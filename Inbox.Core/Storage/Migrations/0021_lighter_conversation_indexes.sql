-- Every customer message moves its conversation's last_message_at, so every index holding that column is rewritten
-- on every message: the origin, status, assignee and team indexes with it made ingestion twice as slow. Views and
-- filters read by activity (conversations_by_activity) and test these columns, which single-column indexes serve
-- when they are selective; those change only when the status, assignee or team does.
DROP INDEX conversations_by_origin;
DROP INDEX conversations_by_status;
DROP INDEX conversations_by_assignee;
DROP INDEX conversations_by_team;
CREATE INDEX conversations_by_assignee ON conversations (assignee_user_id) WHERE assignee_user_id IS NOT NULL;
CREATE INDEX conversations_by_team ON conversations (team_id) WHERE team_id IS NOT NULL;

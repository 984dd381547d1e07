-- Leases on items of work that call Meta (a profile, a post, a comment to hide), so that with several nodes each is
-- done by one of them; a lease that runs out (its node died) lets another node do it.
CREATE TABLE work_leases (
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    node TEXT NOT NULL,
    lease_until BIGINT NOT NULL,
    PRIMARY KEY (kind, item)
);

-- Meta asked this Page to slow down until then: every node holds its replies for the Page until that time.
ALTER TABLE pages ADD COLUMN sends_paused_until BIGINT NULL;

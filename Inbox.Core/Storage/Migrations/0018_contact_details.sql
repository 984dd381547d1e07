-- What the team keeps about a person: a private note and named details (an order number, a loyalty id).
ALTER TABLE contacts ADD COLUMN private_note TEXT NULL;
CREATE TABLE contact_attributes (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (contact_id, name)
);

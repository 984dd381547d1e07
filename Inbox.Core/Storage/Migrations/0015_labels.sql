-- Labels the team puts on conversations ("wholesale", "complaint") and on contacts ("VIP"), to find them again.
CREATE TABLE labels (
    id {{identity}},
    name TEXT NOT NULL UNIQUE,               -- stored as typed; matched without regard to case
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX labels_by_folded_name ON labels (lower(name));

CREATE TABLE conversation_labels (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    label_id BIGINT NOT NULL REFERENCES labels (id),
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_by_label ON conversation_labels (label_id);

CREATE TABLE contact_labels (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    label_id BIGINT NOT NULL REFERENCES labels (id),
    PRIMARY KEY (contact_id, label_id)
);
CREATE INDEX contact_labels_by_label ON contact_labels (label_id);

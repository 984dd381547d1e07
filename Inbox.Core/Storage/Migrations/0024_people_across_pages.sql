-- Messenger gives a person a different id on each Page; people the team says are the same share a person_id
-- (the smallest contact id among them). NULL: a person known on one Page only.
ALTER TABLE contacts ADD COLUMN person_id BIGINT NULL;
CREATE INDEX contacts_by_person ON contacts (person_id) WHERE person_id IS NOT NULL;

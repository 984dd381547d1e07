-- Each person's language for the interface ('en', 'fr'); NULL follows the browser's language.
ALTER TABLE users ADD COLUMN language TEXT NULL;

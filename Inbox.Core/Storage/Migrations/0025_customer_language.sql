-- The language of what a Page's automation sends to customers ('en', 'fr'); NULL is English.
ALTER TABLE page_automation ADD COLUMN customer_language TEXT NULL;

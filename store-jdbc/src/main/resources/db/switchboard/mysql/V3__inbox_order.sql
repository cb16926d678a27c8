-- Switchboard schema, version 3: conversation order in the inbox.
-- ${prefix} is the table prefix (Flyway placeholder syntax); the built-in migrator replaces it.

-- ordering_key names the conversation (channel:account:peer, or a SHA-256 of it): entries with the
-- same key are claimed in seq order, each only once no earlier entry of the key is still PENDING
-- or UNROUTABLE. NULL for entries stored before this version and for account-level events.
ALTER TABLE ${prefix}inbox ADD COLUMN ordering_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

-- Finds the undelivered entries of one conversation (the head check and its followers).
CREATE INDEX ${prefix}inbox_ordering_idx ON ${prefix}inbox (ordering_key, state, seq);

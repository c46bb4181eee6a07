-- Finished translations, per user, so a repeated text costs no request.
CREATE TABLE translation_cache (
    user_id    INTEGER NOT NULL,
    provider   TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    text       TEXT NOT NULL,
    result     TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (user_id, provider, source, target, text_hash)
);

-- Update ids of continuation parts joined into an earlier message (Telegram splits pastes
-- longer than 4096 characters), so a redelivered part is not appended twice.
CREATE TABLE message_parts (
    update_id  INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL
);

-- Users who passed access control. Strangers are never written here.
CREATE TABLE users (
    user_id            INTEGER PRIMARY KEY,
    first_name         TEXT NOT NULL DEFAULT '',
    language           TEXT NOT NULL DEFAULT 'en',
    timezone           TEXT,
    active_supplier_id INTEGER,
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Users added at run time: the owner (when PIFA_ALLOWED_USERS is empty) and /allow.
CREATE TABLE access (
    user_id    INTEGER PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'user')),
    added_by   INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE suppliers (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    name         TEXT NOT NULL,
    shop_url     TEXT,
    product      TEXT,
    tier         TEXT,
    member_years REAL,
    archived     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX suppliers_user ON suppliers (user_id, archived);

-- Every message of a supplier conversation. supplier_id is NULL while the buyer has not yet
-- said which supplier a message belongs to; it is filed when they choose.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    supplier_id INTEGER REFERENCES suppliers (id) ON DELETE CASCADE,
    direction   TEXT NOT NULL CHECK (direction IN ('buyer', 'supplier')),
    kind        TEXT NOT NULL DEFAULT 'text',
    text        TEXT NOT NULL,
    translation TEXT,
    asked       TEXT NOT NULL DEFAULT '[]',
    flags       TEXT NOT NULL DEFAULT '[]',
    facts       TEXT NOT NULL DEFAULT '{}',
    file_id     TEXT,
    update_id   INTEGER UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX messages_thread ON messages (user_id, supplier_id, id);
